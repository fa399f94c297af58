"""The SQLite plumbing shared by the run caches (MT, sentence vectors): one keyed table that
several processes may share, opened, read by key and written in transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from translate_eval.errors import CacheError, CacheWriteError, InputError

#: Seconds a process waits for another's write lock before the cache counts as busy.
BUSY_TIMEOUT_S = 120.0


def check_layout(
    db: sqlite3.Connection, table: str, columns: Sequence[str], what: str, path: Path, advice: str
) -> None:
    """Refuse a file that is not this cache: no SQLite at all, or a database whose tables are
    not the one ``table`` with ``columns`` (an empty database is fine: the table is created)."""
    try:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})"))
    except sqlite3.DatabaseError as error:
        raise CacheError(f"the {what} {path} is not an SQLite file ({error}); {advice}") from None
    if tables and (tables != [table] or found != tuple(columns)):
        shown = ", ".join(sorted(tables)[:5])
        raise CacheError(
            f"{path} is not an {what} of translate_eval (it holds the table(s) {shown}); {advice}"
        )


def open_table(
    path: str | os.PathLike[str],
    table: str,
    columns: Sequence[str],
    create_sql: str,
    what: str,
    advice: str,
) -> sqlite3.Connection:
    """Connect to the cache file ``path`` (its folder made), refuse a file that is not this
    cache (:func:`check_layout`), switch to WAL where the file system allows, and create the
    table. Several processes (corpus workers) may share one file: they wait for a writer's
    lock, and WAL keeps readers from blocking it; a connection may be used from another
    thread than the one that made it (one at a time). ``what`` ("MT cache") and ``advice``
    make the one-line :class:`InputError` when the file cannot be opened."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        try:
            check_layout(db, table, columns, what, Path(path), advice)
        except CacheError:
            db.close()
            raise
        with contextlib.suppress(sqlite3.Error):  # WAL is refused on some file systems
            db.execute("PRAGMA journal_mode=WAL")
        db.execute(create_sql)
        db.commit()
        return db
    except (OSError, sqlite3.Error) as error:
        raise InputError(f"cannot open the {what} {path}: {error}; {advice}") from None


def select_by_keys(
    db: sqlite3.Connection, select_sql: str, keys: Sequence[str], what: str, path: Path, advice: str
) -> list[tuple]:
    """The rows of ``select_sql`` (``... WHERE key IN ({marks})``) for ``keys`` (at most a few
    hundred: one statement); :class:`CacheError` when the file cannot be read."""
    marks = ",".join("?" * len(keys))
    try:
        return db.execute(select_sql.format(marks=marks), list(keys)).fetchall()
    except sqlite3.Error as error:
        raise CacheError(f"cannot read the {what} {path}: {error}; {advice}") from None


def commit_rows(
    db: sqlite3.Connection,
    insert_sql: str,
    rows: Sequence[tuple],
    what: str,
    path: Path,
    advice: str,
) -> None:
    """Insert ``rows`` in one transaction; on failure roll back and raise
    :class:`CacheWriteError` (the rows committed before stay)."""
    try:
        db.executemany(insert_sql, rows)
        db.commit()
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(sqlite3.Error):
            db.rollback()
        raise CacheWriteError(f"cannot write the {what} {path}: {error}; {advice}") from None
