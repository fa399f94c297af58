"""The output folder of a corpus run: Parquet parts written atomically, and a DuckDB file over them.

Layout of DIR: ``segments/``, ``translations/``, ``links/``, ``summaries/`` and ``pairs/`` hold
``part-NNNNNN.parquet`` files, one part per chunk of finished pairs; ``runs/run-NNNN.parquet``
one row per run; ``corpus.duckdb`` views over those globs. A chunk's data parts are written first
and its ``pairs`` part last, each to a temporary name then renamed: a ``pairs`` part is the commit
mark. After a crash, :meth:`CorpusStore.recover` deletes temporary files and data parts whose
``pairs`` part never appeared, and the finished pair ids are read back from ``pairs/`` alone, so
resuming needs no other state that could disagree with the tables. Reading the ids is O(pairs).
A run still marked ``running`` when the next run takes the folder's lock was killed (the lock
dies with its process): :meth:`CorpusStore.mark_interrupted` marks it ``interrupted``. The
folder's path is never given to DuckDB as a glob: its glob characters are escaped.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.files import (
    atomic_writer,
    child_path,
    ensure_output_dir,
    remove_stale_temp_files,
)
from translate_eval.scale.optional import require
from translate_eval.scale.runner import DATA_TABLES, PairResult

#: Every Parquet table of the output folder; ``pairs`` holds one row per attempt at a pair.
TABLES = (*DATA_TABLES, "pairs")
DATABASE = "corpus.duckdb"
_PART_RE = re.compile(r"^part-(\d{6})\.parquet$")
_RUN_RE = re.compile(r"^run-(\d{4,})\.parquet$")
#: Characters DuckDB reads as a glob in a file path.
_GLOB_RE = re.compile(r"([\[\]*?{}])")
#: Lone surrogates, which UTF-8 (and so Parquet) cannot hold.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def to_arrow(frame: pd.DataFrame) -> Any:
    """A pyarrow Table with stable types: ints -> int64, floats -> float64, bools -> bool, and
    everything else -> string (None and NaN -> null), so that every part has the same schema."""
    pa = require("pyarrow")
    arrays, names = [], []
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_bool_dtype(column):
            arrays.append(pa.array(column.to_numpy(), pa.bool_()))
        elif pd.api.types.is_integer_dtype(column):
            arrays.append(pa.array(column.to_numpy(dtype=np.int64), pa.int64()))
        elif pd.api.types.is_float_dtype(column):
            arrays.append(
                pa.array(column.to_numpy(dtype=np.float64), pa.float64(), from_pandas=True)
            )
        else:
            arrays.append(
                _string_array(pa, [None if _missing(v) else str(v) for v in column.tolist()])
            )
        names.append(str(name))
    return pa.Table.from_arrays(arrays, names=names)


def _string_array(pa: Any, values: Sequence[str | None]) -> Any:
    """A pyarrow string array; lone surrogates (not storable) become U+FFFD, so that one odd
    cell can never stop a chunk from being written."""
    try:
        return pa.array(values, pa.string())
    except UnicodeEncodeError:
        safe = [None if v is None else _SURROGATE_RE.sub("\ufffd", v) for v in values]
        return pa.array(safe, pa.string())


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def parquet_source(directory: Path, pattern: str) -> str:
    """A ``read_parquet(...)`` over the files of ``directory`` matching ``pattern``, where the
    folder's own path is never read as a glob: its glob characters are bracketed (``[`` ->
    ``[[]``); a path with a backslash (which DuckDB then takes literally, glob or not) lists
    the files one by one. O(files)."""
    if "\\" in str(directory):
        listed = ", ".join(_sql_text(str(path)) for path in sorted(directory.glob(pattern)))
        return f"read_parquet([{listed}], union_by_name = true)"
    escaped = _GLOB_RE.sub(r"[\1]", str(directory))
    return f"read_parquet({_sql_text(f'{escaped}/{pattern}')}, union_by_name = true)"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)


class CorpusStore:
    """Reads and writes one corpus output folder (see the module docstring)."""

    def __init__(self, out_dir: str | os.PathLike[str]) -> None:
        require("pyarrow")
        self.root = ensure_output_dir(out_dir).resolve()
        self.dirs = {name: child_path(self.root, name) for name in (*TABLES, "runs")}
        for directory in self.dirs.values():
            try:
                directory.mkdir(exist_ok=True)
            except OSError as error:
                raise InputError(f"cannot create {directory}: {error.strerror}") from None
        self._lock: Any = None
        self._last_part: int | None = None

    # -- locking ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Refuse a second run on the same folder at the same time (released on exit or kill)."""
        import fcntl

        handle = open(self.root / ".lock", "w")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise InputError(f"another corpus run is writing {self.root}; wait for it") from None
        self._lock = handle

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # -- parts ------------------------------------------------------------------------------

    def parts(self, table: str) -> list[Path]:
        """The committed-looking part files of ``table``, in part order."""
        directory = self.dirs[table]
        return sorted(p for p in directory.iterdir() if _PART_RE.match(p.name))

    def recover(self) -> list[Path]:
        """Delete temporary files and data parts of chunks that were never committed (a run
        killed between a chunk's data parts and its ``pairs`` part). Returns what was deleted."""
        removed: list[Path] = []
        committed = {p.name for p in self.parts("pairs")}
        for name, directory in self.dirs.items():
            removed += remove_stale_temp_files(directory)  # atomic_writer's, of dead processes
            if name not in DATA_TABLES:
                continue
            for path in directory.iterdir():
                if _PART_RE.match(path.name) and path.name not in committed:
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                    removed.append(path)
        return removed

    def next_part(self) -> int:
        """The number of the next chunk's parts: the folders are listed once (O(parts)), then
        the number counts up, so writing k chunks costs O(parts + k), not O(parts * k)."""
        if self._last_part is None:
            self._last_part = max(
                (
                    int(m.group(1))
                    for directory in (self.dirs[t] for t in TABLES)
                    for p in directory.iterdir()
                    if (m := _PART_RE.match(p.name))
                ),
                default=0,
            )
        self._last_part += 1
        return self._last_part

    def pair_status(self) -> dict[str, str]:
        """The latest status (``ok`` / ``failed``) of every pair id attempted so far."""
        pq = require("pyarrow.parquet")
        status: dict[str, str] = {}
        for path in self.parts("pairs"):
            table = pq.read_table(path, columns=["pair_id", "status"])
            status.update(
                zip(table["pair_id"].to_pylist(), table["status"].to_pylist(), strict=True)
            )
        return status

    def finished_ids(self, retry_failed: bool = False) -> set[str]:
        """Ids to skip on a rerun: succeeded pairs, and failed ones unless ``retry_failed``."""
        return {
            pair_id
            for pair_id, status in self.pair_status().items()
            if status == "ok" or not retry_failed
        }

    def write_chunk(self, results: Iterable[PairResult], run_id: int) -> int:
        """Write one chunk of results: data parts first, the ``pairs`` part last. Returns the
        part number. Memory O(chunk)."""
        pq = require("pyarrow.parquet")
        results = list(results)
        number = self.next_part()
        name = f"part-{number:06d}.parquet"
        for table in DATA_TABLES:
            frames = [r.tables[table] for r in results if r.status == "ok" and table in r.tables]
            frames = [f for f in frames if len(f)]
            if frames:
                self._write(pq, to_arrow(pd.concat(frames, ignore_index=True)), table, name)
        rows = pd.DataFrame([r.row for r in results])
        rows["run_id"] = run_id
        rows["part"] = number
        self._write(pq, to_arrow(rows), "pairs", name)
        return number

    def _write(self, pq: Any, table: Any, name: str, file_name: str) -> None:
        with atomic_writer(self.dirs[name] / file_name, "wb") as stream:
            pq.write_table(table, stream, compression="zstd")

    # -- runs -------------------------------------------------------------------------------

    def runs(self) -> pd.DataFrame:
        """All run rows, oldest first (empty frame if none)."""
        pq = require("pyarrow.parquet")
        paths = sorted(p for p in self.dirs["runs"].iterdir() if _RUN_RE.match(p.name))
        if not paths:
            return pd.DataFrame()
        return pd.concat([pq.read_table(p).to_pandas() for p in paths], ignore_index=True)

    def next_run_id(self) -> int:
        numbers = [
            int(m.group(1)) for p in self.dirs["runs"].iterdir() if (m := _RUN_RE.match(p.name))
        ]
        return max(numbers, default=0) + 1

    def mark_interrupted(self) -> list[int]:
        """Mark runs still ``running`` as ``interrupted``; call it holding the lock, so that
        their process is known to be gone (killed). Returns their ids. O(runs)."""
        pa, pq = require("pyarrow"), require("pyarrow.parquet")
        marked: list[int] = []
        for path in sorted(self.dirs["runs"].iterdir()):
            match = _RUN_RE.match(path.name)
            if match is None:
                continue
            table = pq.read_table(path)
            if "status" not in table.column_names or table["status"].to_pylist() != ["running"]:
                continue
            position = table.column_names.index("status")
            table = table.set_column(position, "status", pa.array(["interrupted"], pa.string()))
            with atomic_writer(path, "wb") as stream:
                pq.write_table(table, stream)
            marked.append(int(match.group(1)))
        return marked

    def write_run(self, run_id: int, info: dict[str, Any]) -> None:
        """Write (or replace) the row of run ``run_id``; dict/list values are stored as JSON."""
        pq = require("pyarrow.parquet")
        row = {"run_id": run_id}
        for key, value in info.items():
            row[key] = (
                json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value
            )
        with atomic_writer(self.dirs["runs"] / f"run-{run_id:04d}.parquet", "wb") as stream:
            pq.write_table(to_arrow(pd.DataFrame([row])), stream)

    def check_settings(self, key: dict[str, Any]) -> None:
        """Refuse to add results made with other settings to this folder (one-line error)."""
        runs = self.runs()
        if runs.empty or "results_key" not in runs:
            return
        previous = json.loads(runs["results_key"].iloc[-1])
        if previous != json.loads(json.dumps(key, sort_keys=True)):
            changed = sorted(k for k in set(previous) | set(key) if previous.get(k) != key.get(k))
            raise InputError(
                f"{self.root} holds results made with other settings ({', '.join(changed)}: "
                f"{', '.join(f'{k}={previous.get(k)!r}' for k in changed)}); "
                "use the same settings to resume, or a new --out"
            )

    # -- DuckDB -----------------------------------------------------------------------------

    def build_database(self) -> Path:
        """(Re)write DIR/corpus.duckdb: views over the Parquet globs (absolute paths; rerun the
        command, which skips finished pairs, to rebuild it after moving DIR). O(parts)."""
        duckdb = require("duckdb")
        target = self.root / DATABASE
        temp = self.root / f".{DATABASE}.tmp"
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        # DuckDB reads "?" in a database path as options and "\\" as "/": it writes the
        # file in a scratch folder of its own, and Python copies it into DIR.
        with tempfile.TemporaryDirectory() as scratch:
            built = Path(scratch) / DATABASE
            connection = duckdb.connect(str(built))
            try:
                for statement in self.view_statements():
                    connection.execute(statement)
            finally:
                connection.close()
            shutil.copyfile(built, temp)
        os.replace(temp, target)
        return target

    def view_statements(self) -> list[str]:
        """The CREATE VIEW statements of the database (also usable in an in-memory DuckDB)."""

        def source(name: str, pattern: str) -> str:
            directory = self.dirs[name]
            if not any(directory.glob(pattern)):
                return "(SELECT NULL::VARCHAR AS pair_id WHERE false)"
            return parquet_source(directory, pattern)

        statements = [
            f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM {source(name, 'part-*.parquet')}"
            for name in DATA_TABLES
        ]
        statements += [
            "CREATE OR REPLACE VIEW attempts AS SELECT * FROM " + source("pairs", "part-*.parquet"),
            "CREATE OR REPLACE VIEW pairs AS SELECT * FROM attempts QUALIFY row_number() "
            "OVER (PARTITION BY pair_id ORDER BY part DESC) = 1"
            if self.parts("pairs")
            else "CREATE OR REPLACE VIEW pairs AS SELECT * FROM attempts",
            "CREATE OR REPLACE VIEW failures AS SELECT * FROM pairs WHERE status = 'failed'"
            if self.parts("pairs")
            else "CREATE OR REPLACE VIEW failures AS SELECT * FROM pairs",
            "CREATE OR REPLACE VIEW runs AS SELECT * FROM " + source("runs", "run-*.parquet"),
        ]
        return statements


def read_table(out_dir: str | os.PathLike[str], table: str) -> pd.DataFrame:
    """One table of an output folder as a DataFrame, through its DuckDB view (``pairs``,
    ``failures`` and ``attempts`` included). O(table size)."""
    if table not in (*TABLES, "attempts", "failures", "runs"):
        raise InputError(f"unknown table {table!r}")
    if not Path(out_dir).is_dir():
        raise InputError(f"{out_dir} is not a corpus output folder")
    duckdb = require("duckdb")
    store = CorpusStore(out_dir)
    connection = duckdb.connect()
    try:
        for statement in store.view_statements():
            connection.execute(statement)
        return connection.execute(f"SELECT * FROM {table}").df()
    finally:
        connection.close()
