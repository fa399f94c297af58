"""run_corpus(): stream a corpus through an engine into the store, resumably, with progress.

Steps: parse SPEC -> recover the output folder -> skip the pair ids already finished -> run the
rest on the local engine or Ray -> write results in chunks (every ``chunk_pairs`` pairs or
``flush_seconds``) -> record the run -> rebuild corpus.duckdb. Memory: O(pairs) for the small
records and ids, O(chunk) for results; time O(pairs x cost of one comparison).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from translate_eval import __version__
from translate_eval.errors import InputError
from translate_eval.scale.optional import require
from translate_eval.scale.ray_engine import ray_results
from translate_eval.scale.runner import (
    CorpusSettings,
    PairResult,
    PairWorker,
    local_results,
    settings_dict,
)
from translate_eval.scale.sources import open_source
from translate_eval.scale.store import CorpusStore
from translate_eval.text.clean import one_line

ENGINES = ("local", "ray")
#: Seconds between progress lines when stderr is not a terminal (no progress bar).
NOTE_SECONDS = 30.0


@dataclass
class RunSummary:
    """What a corpus run did."""

    out_dir: Path
    run_id: int
    engine: str
    total: int  # pairs in the corpus (after --limit)
    skipped: int  # finished earlier
    done: int  # succeeded now
    failed: int  # failed now
    seconds: float
    database: Path
    failures: list[tuple[str, str]] = field(default_factory=list)  # first few (id, error)

    @property
    def pairs_per_minute(self) -> float:
        processed = self.done + self.failed
        return 60.0 * processed / self.seconds if self.seconds > 0 else 0.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_corpus(
    spec: str,
    out_dir: str | os.PathLike[str],
    settings: CorpusSettings | None = None,
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int | None = None,
    limit: int | None = None,
    chunk_pairs: int = 25,
    flush_seconds: float = 60.0,
    retry_failed: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> RunSummary:
    """Compare every pair of corpus ``spec`` and write the tables into ``out_dir``.

    A rerun skips pairs already finished (and failed ones unless ``retry_failed``); results
    made with other settings are refused. ``engine``: ``local`` (one process) or ``ray``
    (``address`` of a cluster, or a private local Ray with ``workers`` CPUs). ``progress``:
    a tqdm bar with rate and ETA on stderr (None: only on a terminal). Returns a RunSummary.
    """
    settings = settings or CorpusSettings()
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; choose local or ray")
    if limit is not None and limit < 0:
        raise InputError("--limit must be 0 or more")
    if chunk_pairs < 1:
        raise InputError("--chunk must be at least 1")
    if workers is not None and workers < 1:
        raise InputError("--workers must be at least 1")
    if address and engine != "ray":
        raise InputError("--address needs --engine ray")
    say = log or (lambda message: print(message, file=sys.stderr))
    require("pyarrow")
    require("duckdb")
    if engine == "ray":
        require("ray")
        require("ray.data")
    source = open_source(spec)
    if source.kind in ("folder", "jsonl") and next(iter(source.records()), None) is None:
        raise InputError(
            f"corpus {spec!r} holds no pairs: a folder of pair folders needs ar.txt and en.txt "
            'in each, a JSONL file one {"id", "ar", "en"} object a line'
        )
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):  # before any model loads
        raise InputError(f"output {out_dir} exists and is not a directory")
    # The local engine loads its models first: a missing model fails before DIR is made.
    worker = PairWorker(settings) if engine == "local" else None
    try:
        store = CorpusStore(out_dir)
        store.lock()
        try:
            return _run(
                source,
                store,
                settings,
                engine,
                (address, workers, worker),
                limit,
                chunk_pairs,
                flush_seconds,
                retry_failed,
                progress,
                say,
            )
        finally:
            store.unlock()
    finally:
        if worker is not None:
            worker.close()


def _prepare(
    store: CorpusStore, settings: CorpusSettings, retry_failed: bool, say: Callable[[str], None]
) -> set[str]:
    """Recover the folder (unfinished parts, killed runs), check the settings, and return the
    pair ids to skip."""
    removed = store.recover()
    if removed:
        say(f"removed {len(removed)} unfinished part file(s) left by an interrupted run")
    killed = store.mark_interrupted()
    if killed:
        say(f"marked run(s) {', '.join(map(str, killed))} interrupted (their process is gone)")
    store.check_settings(settings.results_key())
    return store.finished_ids(retry_failed)


def _select(source: Any, finished: set[str], limit: int | None) -> tuple[list[Any], int]:
    """(records still to do, pairs in the corpus after ``limit``); one pass, O(pairs)."""
    todo, total = [], 0
    for record in source.records():
        if limit is not None and total >= limit:
            break
        total += 1
        if record["pair_id"] not in finished:
            todo.append(record)
    return todo, total


def _run_info(
    source: Any,
    settings: CorpusSettings,
    engine: str,
    address: str | None,
    total: int,
    skipped: int,
) -> dict[str, Any]:
    """The runs-table row of a run that starts now."""
    return {
        "status": "running",
        "started": _now(),
        "finished": None,
        "engine": engine,
        "address": address or "",
        "spec": source.spec,
        "results_key": settings.results_key(),
        "settings": settings_dict(settings),
        "translate_eval": __version__,
        "host": platform.node(),
        "pairs_total": total,
        "pairs_skipped": skipped,
        "pairs_done": 0,
        "pairs_failed": 0,
        "mt_cache_hits": 0,
        "mt_cache_misses": 0,
        "seconds": 0.0,
        "pairs_per_minute": 0.0,
        "signatures": {},
    }


def _engine_results(
    todo: list[Any],
    settings: CorpusSettings,
    engine: str,
    where: tuple[str | None, int | None, PairWorker | None],
    say: Callable[[str], None],
) -> Iterator[PairResult]:
    """The results of ``todo`` from the engine asked for (lazily). ``where``: the Ray address
    and worker count, and the local engine's loaded models (None: load them)."""
    address, workers, worker = where
    if engine != "ray" or not todo:
        return local_results(todo, settings, worker)

    def show_plan(plan: Any) -> None:
        say(
            f"ray: {plan.actors} actor(s), {plan.gpus_per_actor:g} GPU each; cluster has "
            f"{plan.cluster_cpus:g} CPUs, {plan.cluster_gpus:g} GPUs"
        )

    return ray_results(todo, settings, address=address, workers=workers, on_plan=show_plan)


def _tally(info: dict[str, Any], failures: list[tuple[str, str]], result: PairResult) -> None:
    """Count one result into the run's row (and the first 20 failures)."""
    if result.status == "ok":
        info["pairs_done"] += 1
        for mt, signature in result.signatures.items():
            info["signatures"].setdefault(mt, signature)
    else:
        info["pairs_failed"] += 1
        if len(failures) < 20:
            failures.append((result.pair_id, str(result.row.get("error", ""))))
    info["mt_cache_hits"] += int(result.row.get("mt_cache_hits", 0))
    info["mt_cache_misses"] += int(result.row.get("mt_cache_misses", 0))


def _finish_info(info: dict[str, Any], status: str, started: float) -> None:
    """Set the status, end time, duration and rate of the run's row."""
    seconds = time.perf_counter() - started
    processed = info["pairs_done"] + info["pairs_failed"]
    info.update(
        status=status,
        finished=_now(),
        seconds=round(seconds, 3),
        pairs_per_minute=round(60.0 * processed / seconds, 2) if seconds > 0 else 0.0,
    )


def _run(
    source: Any,
    store: CorpusStore,
    settings: CorpusSettings,
    engine: str,
    where: tuple[str | None, int | None, PairWorker | None],
    limit: int | None,
    chunk_pairs: int,
    flush_seconds: float,
    retry_failed: bool,
    progress: bool | None,
    say: Callable[[str], None],
) -> RunSummary:
    address = where[0]
    finished = _prepare(store, settings, retry_failed, say)
    todo, total = _select(source, finished, limit)
    skipped = total - len(todo)
    run_id = store.next_run_id()
    info = _run_info(source, settings, engine, address, total, skipped)
    store.write_run(run_id, info)
    say(
        f"corpus {source.spec}: {total} pairs, {skipped} finished earlier, {len(todo)} to do "
        f"({engine} engine) -> {store.root}"
    )
    started = time.perf_counter()
    results = _engine_results(todo, settings, engine, where, say)
    del todo  # the engines hold what they still need

    from tqdm.auto import tqdm

    buffer: list[PairResult] = []
    last_flush = time.perf_counter()
    failures: list[tuple[str, str]] = []

    def flush() -> None:
        nonlocal last_flush
        if buffer:
            store.write_chunk(buffer, run_id)
            buffer.clear()
        last_flush = time.perf_counter()

    bar = tqdm(
        total=total - skipped,
        unit="pair",
        desc="corpus",
        disable=None if progress is None else not progress,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    status = "interrupted"
    last_note = time.perf_counter()
    try:
        for result in results:
            buffer.append(result)
            _tally(info, failures, result)
            bar.update(1)
            bar.set_postfix(failed=info["pairs_failed"], refresh=False)
            if bar.disable and progress is None:  # no terminal: a progress line now and then
                last_note = _note_progress(say, info, total - skipped, started, last_note)
            if len(buffer) >= chunk_pairs or time.perf_counter() - last_flush >= flush_seconds:
                flush()
        status = "finished"
    finally:
        bar.close()
        flush()  # finished pairs are kept even when interrupted
        close = getattr(results, "close", None)
        if close is not None:
            close()
        _finish_info(info, status, started)
        store.write_run(run_id, info)
        database = store.build_database()
    return RunSummary(
        out_dir=store.root,
        run_id=run_id,
        engine=engine,
        total=total,
        skipped=skipped,
        done=info["pairs_done"],
        failed=info["pairs_failed"],
        seconds=info["seconds"],
        database=database,
        failures=failures,
    )


def _note_progress(
    say: Callable[[str], None], info: dict[str, Any], todo: int, started: float, last: float
) -> float:
    """Every NOTE_SECONDS, one line with pairs done, rate and ETA (when stderr is no terminal)."""
    now = time.perf_counter()
    if now - last < NOTE_SECONDS:
        return last
    processed = info["pairs_done"] + info["pairs_failed"]
    rate = processed / (now - started) if now > started else 0.0
    eta = (todo - processed) / rate if rate > 0 else float("inf")
    say(
        f"corpus: {processed}/{todo} pairs ({info['pairs_failed']} failed), "
        f"{60 * rate:.1f} pairs/min, ETA {_duration(eta)}"
    )
    return now


def _duration(seconds: float) -> str:
    if seconds == float("inf"):
        return "unknown"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def describe(summary: RunSummary) -> str:
    """A few lines for the console about a finished run."""
    lines = [
        f"run {summary.run_id} ({summary.engine}): {summary.done} pairs done, "
        f"{summary.failed} failed, {summary.skipped} skipped (finished earlier) of "
        f"{summary.total}, in {summary.seconds:.1f} s ({summary.pairs_per_minute:.1f} pairs/min)",
    ]
    for pair_id, error in summary.failures[:5]:
        lines.append(f"  failed {one_line(pair_id)}: {one_line(error)}")  # ids are data
    if summary.failed > 5:
        lines.append(f"  ... {summary.failed - 5} more: SELECT * FROM failures")
    lines.append(f"tables: {summary.out_dir}/{{segments,translations,links,summaries,pairs}}/")
    lines.append(
        f"query:  python -c \"import duckdb; duckdb.connect('{summary.database}', read_only=True)"
        f".sql('SELECT * FROM pairs LIMIT 5').show()\""
    )
    return "\n".join(lines)


def signature_of(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The run signatures (per MT system) recorded by the latest run of ``out_dir``."""
    runs = CorpusStore(out_dir).runs()
    if runs.empty:
        return {}
    return json.loads(runs["signatures"].iloc[-1] or "{}")
