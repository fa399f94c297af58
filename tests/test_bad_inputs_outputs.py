"""Hostile conditions around a run's outputs, through the CLI: a full disk while a run writes,
unsafe default output names, a pair folder whose name is not UTF-8, invisible marks from MT and
metadata, and presegmented files with empty lines.

Cases of bad inputs that stop a run before it writes are in tests/test_bad_inputs.py.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from cli_checks import assert_one_line_error, warnings_of

from translate_eval import compare, pair_from_texts
from translate_eval.cli import main
from translate_eval.documents import load_document, load_pair
from translate_eval.files import safe_output_name
from translate_eval.links import parse_ids, read_links
from translate_eval.translate.sentences import translate_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
FAST = ("--mt", "none", "--encoder", "none", "--no-cache")
RUN_FILES = ("links.csv", "manifest.json", "report.html", "signature.json", "summary.csv")
MARKS = "\u202e\u200b\u2067\u200f\ufeff"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``translate-eval ARGS`` in-process: (exit status, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by path relative to it."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def assert_complete_run(folder: Path) -> dict:
    """``folder`` holds manifest.json and every file it lists, each with its SHA-256; the
    signature line is signature.json's run. Returns the manifest."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert {"links.csv", "summary.csv", "report.html", "signature.json"} <= set(manifest["files"])
    assert manifest["signature"].startswith("te:")
    return manifest


def failing_fsync(monkeypatch, failing_call: int) -> list[int]:
    """Make the ``failing_call``-th ``os.fsync`` fail as on a full disk; returns the calls."""
    calls: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == failing_call:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


def test_full_disk_while_compare_writes_keeps_the_previous_run_complete(
    capsys, monkeypatch, tmp_path
):
    out = tmp_path / "out"
    assert cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == list(RUN_FILES)
    before = snapshot(out)
    assert_complete_run(out)

    failing_fsync(monkeypatch, 3)
    code, _, stderr = cli(capsys, "compare", str(SEED), *FAST, "--max-bead", "2", "--out", str(out))
    assert_one_line_error(code, stderr, "cannot write", "No space left on device")
    assert snapshot(out) == before  # the previous run, whole; no staging folder left
    assert_complete_run(out)


def test_full_disk_at_the_manifest_leaves_a_folder_marked_incomplete(capsys, monkeypatch, tmp_path):
    out = tmp_path / "out"
    assert cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))[0] == 0
    old_signature = (out / "signature.json").read_bytes()
    calls = failing_fsync(monkeypatch, 0)  # count the writes of a run
    assert cli(capsys, "compare", str(SEED), *FAST, "--out", str(tmp_path / "count"))[0] == 0
    writes = len(calls)

    failing_fsync(monkeypatch, writes)  # the last write: manifest.json
    code, _, stderr = cli(capsys, "compare", str(SEED), *FAST, "--max-bead", "2", "--out", str(out))
    assert_one_line_error(code, stderr, "manifest.json", "No space left on device")
    assert (out / "signature.json").read_bytes() != old_signature  # the new run's files...
    assert not (out / "manifest.json").exists()  # ...and nothing saying they are complete
    assert sorted(p.name for p in out.iterdir()) == sorted(set(RUN_FILES) - {"manifest.json"})


def test_full_disk_while_several_systems_write_keeps_every_folder_of_the_previous_run(
    capsys, monkeypatch, tmp_path
):
    out = tmp_path / "out"
    systems = ("--mt", "none", "--mt", "gloss", "--encoder", "none", "--no-cache")
    assert cli(capsys, "compare", str(SEED), *systems, "--out", str(out))[0] == 0
    before = snapshot(out)
    manifest = assert_complete_run(out)
    assert "systems.csv" in manifest["files"] and "mt/2-gloss/links.csv" in manifest["files"]
    assert_complete_run(out / "mt" / "2-gloss")

    failing_fsync(monkeypatch, 3)
    code, _, stderr = cli(
        capsys, "compare", str(SEED), *systems, "--max-bead", "2", "--out", str(out)
    )
    assert_one_line_error(code, stderr, "cannot write", "No space left on device")
    assert snapshot(out) == before


def test_a_normal_run_writes_a_manifest_of_its_files_last(capsys, tmp_path):
    out = tmp_path / "out"
    code, stdout, _ = cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))
    assert code == 0
    manifest = assert_complete_run(out)
    assert sorted(manifest["files"]) == sorted(set(RUN_FILES) - {"manifest.json"})
    assert f"signature: {manifest['signature']} " in stdout
    # a rerun of the same run writes the same set, manifest included
    before = snapshot(out)
    assert cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))[0] == 0
    assert snapshot(out) == before


@pytest.mark.parametrize("stem", ["..", ".", "...", "_", "a/b"])
def test_default_output_names_are_safe(stem):
    name = safe_output_name(stem)
    assert name not in (".", "..") and "/" not in name
    assert name == ("a_b" if stem == "a/b" else "pair")


def test_default_names_keep_safe_names_in_any_script():
    assert safe_output_name("jisr-al-shughour") == "jisr-al-shughour"
    assert safe_output_name("جسر_الشغور.v2") == "جسر_الشغور.v2"
    assert safe_output_name("caf\udce9") == "caf_"


def test_a_source_named_dots_writes_into_runs_pair_not_the_current_folder(
    capsys, monkeypatch, tmp_path
):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SEED / "ar.txt", work / "...txt")  # stem ".."
    shutil.copy(SEED / "en.txt", work / "en.txt")
    monkeypatch.chdir(work)
    code, _, stderr = cli(capsys, "compare", "...txt", "en.txt", *FAST)
    assert code == 0, stderr
    assert sorted(p.name for p in work.iterdir()) == ["...txt", "en.txt", "runs"]
    assert sorted(p.name for p in (work / "runs").iterdir()) == ["pair"]
    assert_complete_run(work / "runs" / "pair")


def latin1_pair_folder(tmp_path: Path) -> Path:
    folder = tmp_path / os.fsdecode(b"caf\xe9")  # a lone surrogate in the name
    folder.mkdir()
    for name in ("ar.txt", "en.txt"):
        shutil.copy(SEED / name, folder / name)
    return folder


def test_pair_folder_with_a_latin1_name_writes_a_complete_run(capsys, tmp_path):
    folder = latin1_pair_folder(tmp_path)
    out = tmp_path / "out"
    code, _, stderr = cli(capsys, "compare", str(folder), *FAST, "--out", str(out))
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == list(RUN_FILES)
    assert_complete_run(out)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "caf\\udce9" in report
    assert load_pair(folder).name == "caf\\udce9"


def test_warnings_naming_a_latin1_folder_reach_a_complete_run(capsys, tmp_path):
    folder = latin1_pair_folder(tmp_path)
    text = (SEED / "ar.txt").read_text(encoding="utf-8")
    (folder / "ar.txt").write_bytes(text.encode("cp1256", "replace"))  # a warning names it
    out = tmp_path / "out"
    code, _, stderr = cli(capsys, "compare", str(folder), *FAST, "--out", str(out))
    assert code == 0, stderr
    assert any("Windows-1256" in line for line in warnings_of(stderr))
    assert sorted(p.name for p in out.iterdir()) == list(RUN_FILES)
    assert_complete_run(out)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "caf\\udce9/ar.txt is not UTF-8" in report


def test_pair_folder_with_a_latin1_name_gets_a_safe_default_folder(capsys, monkeypatch, tmp_path):
    folder = latin1_pair_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _, stderr = cli(capsys, "compare", folder.name, *FAST)
    assert code == 0, stderr
    assert [p.name for p in (tmp_path / "runs").iterdir()] == ["caf_udce9"]
    assert_complete_run(tmp_path / "runs" / "caf_udce9")


class MarkedMT:
    """An MT whose outputs carry bidi and zero-width marks."""

    signature = "marked-mt-1"

    def translate(self, sentences: list[str]) -> list[str]:
        return [f"The{MARKS} forces{MARKS[0]} withdrew." for _ in sentences]


def test_invisible_marks_of_mt_outputs_are_cleaned_cached_or_not(tmp_path):
    sentences = ["قال المتحدث إن القوات انسحبت.", "عاد إلى البيت."]
    expected = ["The forces withdrew."] * 2
    assert translate_sentences(MarkedMT(), sentences, False, []) == expected
    cache = tmp_path / "mt.sqlite"
    assert translate_sentences(MarkedMT(), sentences, cache, []) == expected
    warnings: list[str] = []
    assert translate_sentences(MarkedMT(), sentences, cache, warnings) == expected  # from cache
    assert warnings  # the cache was reused

    pair = pair_from_texts(sentences, ["The forces withdrew.", "He came home."])
    result = compare(pair, mt=MarkedMT(), encoder="none", cache=False)
    assert not any(mark in text for text in result.links["mt_text"] for mark in MARKS)
    assert not any(mark in result.report_html() for mark in MARKS)


def test_invisible_marks_of_meta_values_are_cleaned(capsys, tmp_path):
    folder = tmp_path / "pair"
    shutil.copytree(SEED, folder)
    (folder / "meta.toml").write_text(
        f'title = "Jisr{MARKS} al-Shughour"\nsources = ["a{MARKS[0]}b"]\n'
        f'[outlet]\nname = "X{MARKS[1]}Y"\n',
        encoding="utf-8",
    )
    meta = load_pair(folder).meta
    assert meta["title"] == "Jisr al-Shughour"
    assert meta["sources"] == ["ab"] and meta["outlet"] == {"name": "XY"}
    out = tmp_path / "out"
    assert cli(capsys, "compare", str(folder), *FAST, "--out", str(out))[0] == 0
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Jisr al-Shughour" in report
    assert not any(mark in report for mark in MARKS)


def presegmented_inputs(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """An Arabic file with an empty second line, and an English file without one."""
    arabic = load_document(SEED / "ar.txt", "ar").sentences[:3]
    english = load_document(SEED / "en.txt", "en").sentences[:3]
    ar_lines = [arabic[0], "", arabic[1], arabic[2]]
    ar = tmp_path / "ar.txt"
    ar.write_text("".join(" ".join(line.split()) + "\n" for line in ar_lines), encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("".join(" ".join(s.split()) + "\n" for s in english), encoding="utf-8")
    return ar, en, ar_lines


def test_align_presegmented_bead_ids_are_line_numbers(capsys, tmp_path):
    ar, en, _ = presegmented_inputs(tmp_path)
    out = tmp_path / "beads.txt"
    args = ("align", str(ar), str(en), "--presegmented", *FAST, "-o", str(out))
    code, _, stderr = cli(capsys, *args)
    assert code == 0, stderr
    warnings_of(stderr)
    src_ids: list[int] = []
    tgt_ids: list[int] = []
    for line in out.read_text(encoding="utf-8").splitlines():
        src, tgt, _ = line.split(":")
        src_ids += json.loads(src)
        tgt_ids += json.loads(tgt)
    assert sorted(src_ids) == [0, 2, 3]  # line 1 is empty: no sentence has id 1
    assert sorted(tgt_ids) == [0, 1, 2]


def test_compare_presegmented_links_ids_are_line_numbers(capsys, tmp_path):
    ar, en, ar_lines = presegmented_inputs(tmp_path)
    out = tmp_path / "run"
    args = ("compare", str(ar), str(en), "--presegmented", *FAST, "--out", str(out))
    code, _, stderr = cli(capsys, *args)
    assert code == 0, stderr
    links = read_links(out / "links.csv")
    by_line = {i: links.loc[n, "src_text"] for n, ids in enumerate(links["src_ids"])
               for i in parse_ids(ids)}  # fmt: skip
    assert sorted(by_line) == [0, 2, 3]  # line 1 is empty: no sentence has id 1
    assert all(by_line[i] == " ".join(ar_lines[i].split()) for i in by_line)


def test_translate_presegmented_writes_one_line_per_input_line(capsys, tmp_path):
    ar, _, ar_lines = presegmented_inputs(tmp_path)
    out = tmp_path / "mt.txt"
    args = ("translate", str(ar), "--presegmented", "--mt", "gloss", "--no-cache", "-o", str(out))
    code, _, stderr = cli(capsys, *args)
    assert code == 0, stderr
    lines = out.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == len(ar_lines) == 4
    assert lines[1] == ""
    assert all(lines[i] for i in (0, 2, 3))


def test_a_run_with_fewer_systems_removes_what_the_previous_set_wrote_and_nothing_else(
    capsys, tmp_path
):
    out = tmp_path / "run"
    two = ("--mt", "none", "--mt", "gloss", "--encoder", "none", "--no-cache")
    code, _, stderr = cli(capsys, "compare", str(SEED), *two, "--out", str(out))
    assert code == 0, stderr
    second = out / "mt" / "2-gloss"
    assert (out / "systems.csv").is_file() and (second / "links.csv").is_file()
    (second / "notes.txt").write_text("mine", encoding="utf-8")  # not the toolkit's: kept
    with open(second / "summary.csv", "a", encoding="utf-8") as edited:  # changed since: kept
        edited.write("\n")
    code, _, stderr = cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))
    assert code == 0, stderr
    assert not (out / "systems.csv").exists()  # it scored the previous set's systems
    left = sorted(path.name for path in second.iterdir())
    assert left == ["notes.txt", "summary.csv"]
    files = ["links.csv", "report.html", "signature.json", "summary.csv"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == files
    assert sorted(p.name for p in out.iterdir()) == sorted([*files, "manifest.json", "mt"])


def test_a_manifest_naming_files_outside_the_folder_removes_none_of_them(capsys, tmp_path):
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    victim = outside / "deep" / "keep.txt"
    victim.write_text("precious", encoding="utf-8")
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    out = tmp_path / "run"
    (out / "mt").mkdir(parents=True)
    (out / "mt" / "linked").symlink_to(outside / "deep")
    names = ["../outside/deep/keep.txt", str(victim), "mt/linked/keep.txt"]
    manifest = {"signature": "x", "files": dict.fromkeys(names, digest)}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, stderr = cli(capsys, "compare", str(SEED), *FAST, "--out", str(out))
    assert code == 0, stderr
    assert victim.read_text(encoding="utf-8") == "precious"
