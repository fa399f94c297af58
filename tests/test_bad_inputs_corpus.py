"""Hostile and broken inputs of corpus runs, the MT cache and table exports.

Through the CLI as a user runs it: a run error is one line on stderr with exit status 2 and no
traceback; a bad pair is a recorded failure and every good pair is kept. Disk-full and
read-only caches are simulated by making SQLite writes fail (tests run as root, so file modes
would not stop them).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

import duckdb

import translate_eval.translate as translate_package
from translate_eval.cli import main
from translate_eval.documents import load_pair_folder
from translate_eval.links import csv_safe, neutralise_cell
from translate_eval.report.formats import export_table
from translate_eval.scale import sources
from translate_eval.scale.store import DATABASE, CorpusStore, read_table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
FAST = ("--mt", "none", "--encoder", "none", "--no-cache", "--no-progress")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``translate-eval ARGS`` in-process: (exit status, stdout, stderr)."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, stderr: str, *needles: str) -> str:
    assert code == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("translate-eval: error")]
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def seed_pairs(n: int, prefix: str = "p") -> list[dict]:
    """``n`` small pairs cut from the seed pair (two sentences each, presegmented)."""
    seed = load_pair_folder(SEED)
    ar, en = seed.source.sentences, seed.target.sentences
    return [
        {"id": f"{prefix}{i}", "ar": ar[i % 5 : i % 5 + 2], "en": en[i % 5 : i % 5 + 2]}
        for i in range(n)
    ]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, pairs: list[dict]) -> Path:
    return write_lines(path, [json.dumps(p, ensure_ascii=False) for p in pairs])


def run_ok(capsys, spec: Path, out: Path, *extra: str) -> str:
    code, stdout, stderr = cli(capsys, "corpus", str(spec), "--out", str(out), *FAST, *extra)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    return stdout


def statuses(out: Path) -> dict[str, str]:
    pairs = read_table(out, "pairs")
    if pairs.empty:
        return {}
    return dict(zip(pairs["pair_id"], pairs["status"], strict=True))


# ----------------------------------------------------------------------------- odd ids and meta


def test_lone_surrogate_in_a_jsonl_id_and_meta_keeps_every_pair(tmp_path, capsys):
    good = seed_pairs(3)
    good[1]["meta"] = {"note": "x\ud800y", "k\udc80": 1}  # lone surrogates in meta
    odd = dict(seed_pairs(1, "x")[0], id="x\ud800")  # a lone surrogate in the id
    lines = [json.dumps(p) for p in (good[0], odd, *good[1:])]  # ASCII JSON: \\ud800 escapes
    spec = write_lines(tmp_path / "pairs.jsonl", lines)
    out = tmp_path / "out"
    run_ok(capsys, spec, out, "--chunk", "10")
    assert (out / DATABASE).is_file()
    assert statuses(out) == {"p0": "ok", "x\\ud800": "ok", "p1": "ok", "p2": "ok"}
    meta = read_table(out, "pairs").set_index("pair_id").loc["p1", "meta"]
    assert json.loads(meta) == {"note": "x\ufffdy", "k\ufffd": 1}
    # A rerun has nothing left to do and does not crash.
    assert "0 pairs done, 0 failed, 4 skipped" in run_ok(capsys, spec, out)


def test_a_pair_folder_named_in_latin1_bytes_is_a_recorded_failure(tmp_path, capsys):
    corpus = tmp_path / "pairs"
    for name in ("good", os.fsdecode(b"caf\xe9")):
        folder = corpus / name
        folder.mkdir(parents=True)
        for side in ("ar.txt", "en.txt"):
            (folder / side).write_bytes((SEED / side).read_bytes())
    out = tmp_path / "out"
    run_ok(capsys, corpus, out)
    assert (out / DATABASE).is_file()
    assert statuses(out) == {"caf\\xe9": "failed", "good": "ok"}
    failure = read_table(out, "failures").iloc[0]
    assert "not UTF-8" in failure["error"]


# ----------------------------------------------------------------------------- the MT cache


class UpperMT:
    """A cacheable stand-in MT system: upper-cases each sentence."""

    signature = "upper-test"

    def translate(self, sentences: list[str]) -> list[str]:
        return [sentence.upper() for sentence in sentences]


def use_upper_mt(monkeypatch) -> None:
    monkeypatch.setattr(translate_package, "load_translator", lambda spec, **options: UpperMT())


class RefusingConnection:
    """An SQLite connection whose writes fail, after ``room`` of them, as on a full disk."""

    def __init__(self, connection: sqlite3.Connection, room: int) -> None:
        self._connection = connection
        self._room = room

    def executemany(self, *args: object) -> object:
        if self._room <= 0:
            raise sqlite3.OperationalError("database or disk is full")
        self._room -= 1
        return self._connection.executemany(*args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)


def fill_the_disk(monkeypatch, room: int = 0) -> None:
    real_connect = sqlite3.connect
    monkeypatch.setattr(
        sqlite3, "connect", lambda *a, **k: RefusingConnection(real_connect(*a, **k), room)
    )


def test_translate_with_a_full_cache_is_one_line(tmp_path, capsys, monkeypatch):
    use_upper_mt(monkeypatch)
    fill_the_disk(monkeypatch)
    cache = tmp_path / "cache.sqlite"
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(cache))
    code, stdout, stderr = cli(capsys, "translate", str(SEED / "ar.txt"))
    assert_one_line_error(code, stderr, "cannot write the MT cache", str(cache))
    assert stdout == ""


def test_corpus_with_a_full_cache_stops_and_records_no_pair_failure(tmp_path, capsys, monkeypatch):
    use_upper_mt(monkeypatch)
    pairs = seed_pairs(6)
    for number, pair in enumerate(pairs):  # no sentence in two pairs: one cache write each
        pair["ar"] = [f"{sentence} {number}" for sentence in pair["ar"]]
    spec = write_jsonl(tmp_path / "pairs.jsonl", pairs)
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    args = ("corpus", str(spec), "--out", str(out), "--mt", "gloss", "--encoder", "none")
    args += ("--cache", str(cache), "--no-progress", "--chunk", "1")
    with monkeypatch.context() as patch:
        fill_the_disk(patch, room=2)  # two pairs fit, then the disk is full
        code, _, stderr = cli(capsys, *args)
    assert_one_line_error(code, stderr, "cannot write the MT cache", "$TRANSLATE_EVAL_CACHE")
    assert statuses(out) == {"p0": "ok", "p1": "ok"}  # kept; the third is not a failure
    # Space freed: the rerun does every pair.
    code, stdout, stderr = cli(capsys, *args)
    assert code == 0, stderr
    assert "4 pairs done, 0 failed, 2 skipped" in stdout
    assert set(statuses(out).values()) == {"ok"}


def foreign_cache(path: Path, kind: str) -> Path:
    if kind == "not sqlite":
        path.write_text("this is a notebook, not a database\n" * 200, encoding="utf-8")
        return path
    connection = sqlite3.connect(path)
    if kind == "other tables":
        connection.execute("CREATE TABLE notes (title TEXT, body TEXT)")
    else:  # a table named mt of another layout
        connection.execute("CREATE TABLE mt (id INTEGER, text TEXT)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("kind", ["not sqlite", "other tables", "mt of another layout"])
def test_a_cache_file_of_another_layout_is_one_line(tmp_path, capsys, monkeypatch, kind):
    use_upper_mt(monkeypatch)
    cache = foreign_cache(tmp_path / "cache.sqlite", kind)
    before = cache.read_bytes()
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(cache))
    code, _, stderr = cli(capsys, "translate", str(SEED / "ar.txt"))
    assert_one_line_error(code, stderr, str(cache), "$TRANSLATE_EVAL_CACHE")
    assert cache.read_bytes() == before  # the other file is left as it was


# ----------------------------------------------------------------------------- output folders


@pytest.mark.parametrize(
    ("name", "decoys"),  # an --out name, and folders it matches when read as a glob
    [("a[1]", ["a1"]), ("*", ["a1"]), ("a?", ["ab"]), ("c{1,2}", ["c1"]), ("x\\y[1]", ["xy1"])],
)
def test_glob_characters_in_out_never_read_another_folder(tmp_path, capsys, name, decoys):
    group = tmp_path / "g"
    for decoy in decoys:
        run_ok(capsys, write_jsonl(tmp_path / "decoy.jsonl", seed_pairs(2, "decoy")), group / decoy)
    out = group / name
    run_ok(capsys, write_jsonl(tmp_path / "mine.jsonl", seed_pairs(3, "mine")), out)
    assert sorted(statuses(out)) == ["mine0", "mine1", "mine2"]
    # DuckDB itself cannot open a database at such a path ("?", "\\"): query a copy.
    database = tmp_path / "copy.duckdb"
    database.write_bytes((out / DATABASE).read_bytes())
    connection = duckdb.connect(str(database), read_only=True)
    try:
        ids = sorted(row[0] for row in connection.execute("SELECT pair_id FROM pairs").fetchall())
        links = connection.execute("SELECT DISTINCT pair_id FROM links").fetchall()
    finally:
        connection.close()
    assert ids == ["mine0", "mine1", "mine2"]
    assert sorted(row[0] for row in links) == ids


def test_a_killed_run_is_marked_interrupted_by_the_next_run(tmp_path, capsys):
    spec = write_jsonl(tmp_path / "pairs.jsonl", seed_pairs(2))
    out = tmp_path / "out"
    run_ok(capsys, spec, out)
    store = CorpusStore(out)
    killed = store.runs().iloc[-1].to_dict()
    killed.pop("run_id")
    killed.update(status="running", finished=None)  # what a SIGKILLed run leaves behind
    store.write_run(1, {k: (None if k == "finished" else v) for k, v in killed.items()})
    assert list(CorpusStore(out).runs()["status"]) == ["running"]
    code, _, stderr = cli(capsys, "corpus", str(spec), "--out", str(out), *FAST)
    assert code == 0, stderr
    assert "marked run(s) 1 interrupted" in stderr
    assert list(CorpusStore(out).runs()["status"]) == ["interrupted", "finished"]


# ----------------------------------------------------------------------------- Ray


def fake_ray(monkeypatch, error: Exception) -> None:
    """``ray`` and ``ray.data`` whose ``ray.init`` fails as on a machine without a cluster."""
    ray = types.ModuleType("ray")
    ray.is_initialized = lambda: False  # type: ignore[attr-defined]

    def init(**options: object) -> None:
        raise error

    ray.init = init  # type: ignore[attr-defined]
    ray.data = types.ModuleType("ray.data")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ray", ray)
    monkeypatch.setitem(sys.modules, "ray.data", ray.data)


@pytest.mark.parametrize("address", [None, "10.0.0.9:6379"])
def test_a_failed_ray_init_is_one_line(tmp_path, capsys, monkeypatch, address):
    fake_ray(monkeypatch, ConnectionError("Could not find any running Ray instance.\nDetails"))
    spec = write_jsonl(tmp_path / "pairs.jsonl", seed_pairs(2))
    args = ["corpus", str(spec), "--out", str(tmp_path / "out"), *FAST, "--engine", "ray"]
    if address:
        args += ["--address", address]
    code, _, stderr = cli(capsys, *args)
    where = f"the Ray cluster at {address}" if address else "a local Ray"
    assert_one_line_error(code, stderr, f"cannot start {where}", "running Ray instance")


# ----------------------------------------------------------------------------- JSONL lines


def test_an_over_long_jsonl_line_is_a_recorded_failure(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sources, "MAX_LINE_BYTES", 4000)
    monkeypatch.setattr(sources, "_SKIP_BYTES", 1000)
    pairs = seed_pairs(3)
    huge = dict(pairs[1], id="huge", en=["word " * 3000])
    lines = [json.dumps(p, ensure_ascii=False) for p in (pairs[0], huge, pairs[2])]
    spec = write_lines(tmp_path / "pairs.jsonl", lines)
    out = tmp_path / "out"
    run_ok(capsys, spec, out)
    assert statuses(out) == {"p0": "ok", "line-2": "failed", "p2": "ok"}
    error = read_table(out, "failures").iloc[0]["error"]
    assert error == f"line 2: the line is {len(lines[1].encode()) + 1} bytes; the limit is 4000"
    assert sources.open_source(str(spec)).count() == 3


# ----------------------------------------------------------------------------- table exports


HOSTILE = pd.DataFrame(
    {
        "text": ["<script>alert(1)</script>", "a|b", '=HYPERLINK("http://x")', "-0.5"],
        "score": [-0.5, 1.0, 2.0, 3.0],
    }
)


def test_markdown_export_escapes_raw_html_and_pipes():
    text = export_table(HOSTILE, "md")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "a\\|b" in text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert all(line.count("|") - line.count("\\|") == 3 for line in rows)  # two columns each


def test_report_md_escapes_html_in_cells(tmp_path, capsys):
    out = tmp_path / "run"
    code, _, stderr = cli(
        capsys, "compare", str(SEED), "--mt", "none", "--encoder", "none", "--no-cache",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    links = pd.read_csv(out / "links.csv", keep_default_na=False, dtype=str)
    links["tgt_text"] = "<img src=x onerror=alert(1)> " + links["tgt_text"]
    links.to_csv(out / "links.csv", index=False)
    code, stdout, stderr = cli(capsys, "report", str(out), "--format", "md")
    assert code == 0, stderr
    assert "<img" not in stdout
    assert "&lt;img src=x onerror=alert(1)&gt;" in stdout


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-0.5", "-0.5"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_neutralise_cell(cell, expected):
    assert neutralise_cell(cell) == expected


def test_csv_export_neutralises_text_cells_only():
    text = export_table(HOSTILE, "csv")
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert list(back["text"]) == [
        "<script>alert(1)</script>",
        "a|b",
        '\'=HYPERLINK("http://x")',
        "-0.5",
    ]
    assert list(back["score"]) == [-0.5, 1.0, 2.0, 3.0]
    assert text.splitlines()[1].endswith(",-0.5")


def test_csv_safe_keeps_numbers_missing_values_and_a_text_index():
    frame = pd.DataFrame(
        {"name": ["=x", None, "@y"], "value": [-1, -2, 3], "share": [-0.5, float("nan"), 0.1]},
        index=pd.Index(["-a", "b", "+c"], name="row"),
    )
    safe = csv_safe(frame)
    assert [safe["name"].iloc[0], safe["name"].iloc[2]] == ["'=x", "'@y"]
    assert pd.isna(safe["name"].iloc[1])
    assert safe["value"].tolist() == [-1, -2, 3]
    assert safe["share"].reset_index(drop=True).equals(frame["share"].reset_index(drop=True))
    assert list(safe.index) == ["'-a", "b", "'+c"]
    assert safe.index.name == "row"
    assert frame.loc["-a", "name"] == "=x"  # the input is not changed
