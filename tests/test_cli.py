"""The translate-eval command end to end: outputs, formats, and one-line errors for bad input."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from translate_eval.score.thresholds import EditThresholds

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
BEAD_LINE = re.compile(r"^\[[\d, ]*\]:\[[\d, ]*\]:\d\.\d{3}$")
CONTRACT_COLUMNS = [
    "src_ids",
    "tgt_ids",
    "link",
    "src_text",
    "tgt_text",
    "mt_text",
    "align_score",
    "chrf",
    "similarity",
    "edit",
    "flags",
]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "translate_eval.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=600,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("translate-eval: error:"), result.stderr
    assert needle in lines[0]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("run") / "seed"
    env_cache = tmp_path_factory.mktemp("cache") / "mt.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "translate_eval.cli", "compare", str(SEED), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**__import__("os").environ, "TRANSLATE_EVAL_CACHE": str(env_cache)},
    )
    return result, out


def test_compare_writes_contract_files_and_prints_summary(seed_run):
    result, out = seed_run
    assert result.returncode == 0, result.stderr
    assert "signature:" in result.stdout and "omission" in result.stdout
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("signature: ")]
    signature = json.loads((out / "signature.json").read_text())
    assert line.endswith(f" (full: {out / 'signature.json'})") and len(line) < 200 + len(str(out))
    assert "|preset:editorial|" in line and f"|thr:{signature['thresholds']}|" in line
    assert signature["preset"] == "editorial" and signature["thresholds"] == "quran-gloss-v1"
    with open(out / "links.csv", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert set(CONTRACT_COLUMNS) <= set(rows[0])
    src_ids = [int(i) for row in rows for i in row["src_ids"].split()]
    tgt_ids = [int(i) for row in rows for i in row["tgt_ids"].split()]
    assert sorted(src_ids) == list(range(len(src_ids)))  # every sentence in exactly one bead
    assert sorted(tgt_ids) == list(range(len(tgt_ids)))
    for row in rows:
        assert row["link"] == f"{len(row['src_ids'].split())}-{len(row['tgt_ids'].split())}"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('dir="rtl"') >= len([r for r in rows if r["src_ids"]])
    assert (out / "signature.json").is_file()
    assert not list(out.glob("*.tmp"))


def test_align_presegmented_writes_bead_lines(tmp_path):
    src = tmp_path / "ar.txt"
    tgt = tmp_path / "en.txt"
    mt = tmp_path / "mt.txt"
    src.write_text("ذهب الولد إلى المدرسة.\nأكل التفاحة.\nنام مبكرا.\n", encoding="utf-8")
    tgt.write_text("The boy went to school.\nHe ate the apple.\nHe slept early.\n")
    mt.write_text("The boy went to the school.\nHe ate the apple.\nHe slept early.\n")
    out = tmp_path / "beads.txt"
    result = run_cli(
        "align",
        str(src),
        str(tgt),
        "--presegmented",
        "--mt",
        f"file:{mt}",
        "--encoder",
        "none",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    lines = out.read_text().splitlines()
    assert all(BEAD_LINE.match(line) for line in lines), lines
    assert [line.rsplit(":", 1)[0] for line in lines] == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]


def test_align_mt_pools_a_second_translation_into_the_alignment(tmp_path):
    from test_align import EVENTS, make_pair

    src, tgt, mt, gold = make_pair(EVENTS + EVENTS, seed=4)
    broken = [line if i % 2 == 0 else "zq xv kw." for i, line in enumerate(mt)]
    for name, lines in (("ar", src), ("en", tgt), ("broken", broken), ("good", mt)):
        (tmp_path / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = [str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--presegmented"]
    common = [*files, "--encoder", "none", "--no-cache", "--mt", f"file:{tmp_path / 'broken.txt'}"]
    expected = [f"{list(b.src)}:{list(b.tgt)}" for b in gold]
    found = {}
    for name, extra in (("alone", []), ("pooled", ["--align-mt", f"file:{tmp_path / 'good.txt'}"])):
        result = run_cli("align", *common, *extra, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        found[name] = [
            line.rsplit(":", 1)[0] for line in (tmp_path / name).read_text().split("\n") if line
        ]
    assert found["alone"] != expected and found["pooled"] == expected
    out = tmp_path / "run"
    result = run_cli(
        "compare", *common, "--align-mt", f"file:{tmp_path / 'good.txt'}", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    signature = json.loads((out / "signature.json").read_text())
    assert signature["mt"].startswith("file:broken.txt") and signature["align_mt"].startswith(
        "file:good.txt"
    )
    with open(out / "links.csv", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert sum("zq xv kw." in row["mt_text"] for row in rows) >= len(broken) // 3  # --mt scored
    result = run_cli(
        "align", *files, "--encoder", "none", "--align-mt", f"file:{tmp_path / 'absent'}"
    )
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1


def test_score_alignment_perfect_and_imperfect(tmp_path):
    gold = tmp_path / "gold"
    gold.write_text("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n")
    test = tmp_path / "test"
    test.write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n[]:[2]:0.1\n[2]:[]:0.3\n")
    result = run_cli("score-alignment", str(gold), str(gold), str(test))
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert rows[0].split()[1:] == ["1.000"] * 6
    assert float(rows[1].split()[3]) < 1.0


def test_help_teaches_mt_specs():
    result = run_cli("compare", "--help")
    assert result.returncode == 0
    for spec in ("gloss", "hf:", "file:", "none", "--out"):
        assert spec in result.stdout


def written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("make_inputs", "needle"),
    [
        (lambda d: (d / "missing.txt", SEED / "en.txt"), "does not exist"),
        (lambda d: (written(d / "e.txt", b""), SEED / "en.txt"), "is empty"),
        (lambda d: (written(d / "b.txt", b"\x00PK\x03\x04" * 64), SEED / "en.txt"), "binary"),
        (lambda d: (SEED / "en.txt", SEED / "ar.txt"), "check the order"),
        (
            lambda d: (SEED / "ar.txt", written(d / "x.txt", b"<p>" + b"\xd8\xa7" * 50 + b"</p>")),
            "should be English",
        ),
    ],
    ids=["missing", "empty", "binary", "swapped", "arabic-target"],
)
def test_bad_inputs_give_one_line_errors(tmp_path, make_inputs, needle):
    src, tgt = make_inputs(tmp_path)
    result = run_cli(
        "compare",
        str(src),
        str(tgt),
        "--mt",
        "none",
        "--encoder",
        "none",
        "--out",
        str(tmp_path / "out"),
    )
    assert_one_line_error(result, needle)
    assert not (tmp_path / "out" / "links.csv").exists()


def test_output_directory_that_is_a_file_is_a_user_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    result = run_cli(
        "compare", str(SEED), "--mt", "none", "--encoder", "none", "--out", str(blocker)
    )
    assert_one_line_error(result, "not a directory")


def test_bad_output_directory_fails_before_any_translation(tmp_path):
    # The MT spec is broken too: the output error must come first, before the (slow) run.
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    result = run_cli(
        "compare", str(SEED), "--mt", f"file:{tmp_path / 'absent.txt'}", "--out", str(blocker)
    )
    assert_one_line_error(result, "not a directory")


def test_missing_hf_model_says_how_to_get_it(tmp_path):
    result = run_cli("translate", str(SEED / "ar.txt"), "--mt", f"hf:{tmp_path / 'no-model'}")
    assert_one_line_error(result, "hf")


def test_score_alignment_warns_about_an_inconsistent_gold(tmp_path):
    gold = tmp_path / "gold"
    # Target 1 listed twice, target 3 never: the gold's numbering slips between them.
    gold.write_text("[0]:[0]\n[1]:[1]\n[2]:[1, 2]\n[3]:[4]\n")
    test = tmp_path / "test"
    test.write_text("[0]:[0]\n[1]:[1, 2]\n[2]:[3]\n[3]:[4]\n")
    result = run_cli("score-alignment", str(gold), str(test))
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert "suspect" in rows[1] and "2 suspect" in rows[1]
    assert float(rows[0].split()[3]) == pytest.approx(0.5)
    assert rows[1].split()[-6:] == ["1.000"] * 6
    assert "target 1 listed twice or more, 3 never" in result.stderr


def test_classical_preset_without_mt_warns_and_aligns_as_parallel(tmp_path):
    beads = {}
    for preset in ("classical", "parallel"):
        out = tmp_path / f"{preset}.beads"
        result = run_cli(
            "align", str(SEED / "ar.txt"), str(SEED / "en.txt"), "--mt", "none",
            "--encoder", "none", "--preset", preset, "-o", str(out),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert ("aligns as --preset parallel" in result.stderr) == (preset == "classical")
        beads[preset] = out.read_text()
    assert beads["classical"] == beads["parallel"]
    one = run_cli(
        "align", str(SEED / "ar.txt"), str(SEED / "en.txt"), "--mt", "gloss", "--no-cache",
        "--encoder", "none", "--preset", "classical",
    )  # fmt: skip
    assert one.returncode == 0, one.stderr
    assert "with --encoder none that signal is missing" in one.stderr


def test_compare_thresholds_option_names_the_thresholds_in_the_signature(tmp_path):
    common = ["compare", str(SEED), "--mt", "none", "--encoder", "none", "--no-cache"]
    bad = run_cli(*common, "--thresholds", "no-such-set", "--out", str(tmp_path / "bad"))
    assert_one_line_error(bad, "unknown thresholds 'no-such-set'")
    refit = tmp_path / "refit.json"
    refit.write_text(json.dumps({"values": {**asdict(EditThresholds()), "gap_min_words": 3}}))
    result = run_cli(*common, "--thresholds", str(refit), "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    thresholds = json.loads((tmp_path / "run" / "signature.json").read_text())["thresholds"]
    assert thresholds.startswith("custom-") and f"|thr:{thresholds}|" in result.stdout


def test_compare_several_mt_systems_writes_one_run_each_and_scores_them(tmp_path):
    from translate_eval.documents import load_pair_folder

    seed = load_pair_folder(SEED)
    ar, en = seed.source.sentences, seed.target.sentences
    (tmp_path / "ar.txt").write_text("\n".join(ar) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    # a second "system": the published English itself, one line per Arabic sentence
    system = [en[min(i, len(en) - 1)] for i in range(len(ar))]
    (tmp_path / "mt.txt").write_text("\n".join(system) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "compare", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--presegmented",
        "--encoder", "none", "--no-cache", "--mt", "gloss", "--mt", f"file:{tmp_path / 'mt.txt'}",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first = json.loads((out / "signature.json").read_text())["mt"]
    second_dir = out / "mt" / "2-file-mt.txt"
    second = json.loads((second_dir / "signature.json").read_text())["mt"]
    assert first.startswith("gloss") and second.startswith("file:mt.txt")
    with open(second_dir / "links.csv", encoding="utf-8") as stream:
        rows = [row for row in csv.DictReader(stream) if row["src_ids"]]
    assert {row["mt_text"] for row in rows if len(row["src_ids"].split()) == 1} <= set(system)
    with open(out / "systems.csv", encoding="utf-8") as stream:
        scores = list(csv.DictReader(stream))
    assert [row["system"] for row in scores] == [first, second]
    assert float(scores[1]["chrF2"]) > float(scores[0]["chrF2"])  # the English beats a gloss
    assert scores[0]["chrF2 p"] == "" and float(scores[1]["chrF2 p"]) < 0.05
    assert "Systems x metrics" in result.stdout


def test_compare_refuses_a_system_listed_twice(tmp_path):
    result = run_cli("compare", str(SEED), "--mt", "none", "--mt", "none", "--out", str(tmp_path))
    assert_one_line_error(result, "--mt lists a system twice")


@pytest.mark.parametrize(
    ("number", "spec", "name"),
    [
        (2, "file:/data/mt/google.txt", "2-file-google.txt"),
        (3, "hf:Helsinki-NLP/opus-mt-ar-en", "3-hf-opus-mt-ar-en"),
        (4, "file:../../../etc/passwd", "4-file-passwd"),
        (5, "file:..", "5-file"),
        (6, "ct2:C:\\models\\x y", "6-ct2-C-models-x-y"),
    ],
)
def test_system_folder_names_stay_inside_the_output_folder(number, spec, name):
    from translate_eval.outputs import system_folder_name

    folder = system_folder_name(number, spec)
    assert folder == name
    assert "/" not in folder and "\\" not in folder and not folder.startswith(".")
