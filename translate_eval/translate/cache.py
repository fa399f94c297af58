"""A persistent MT cache (SQLite) keyed by the system's signature and the source sentence.

Translations are committed chunk by chunk, so an interrupted run loses at most one chunk and a
rerun translates nothing twice. A file of another layout is refused (:class:`CacheError`), and a
failed write (disk full, read-only file system) raises :class:`CacheWriteError`: both are run
errors that name the file and ``$TRANSLATE_EVAL_CACHE``, never a failure of one pair.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from translate_eval.files import default_cache_path
from translate_eval.sqlite_table import commit_rows, open_table, select_by_keys
from translate_eval.translate.base import Translator

#: Start of the note that says how many sentences a run took from the cache.
CACHE_NOTE = "MT cache:"
#: Columns of the cache's one table, in order.
CACHE_COLUMNS = ("key", "translation")
#: What every cache error ends with: how to use another file.
_ADVICE = "point $TRANSLATE_EVAL_CACHE (or --cache) at another file, or use --no-cache"


def _key(signature: str, sentence: str) -> str:
    return hashlib.sha256(f"{signature}\x1f{sentence}".encode()).hexdigest()


@dataclass
class CacheStats:
    """How many sentences came from the cache and how many were translated now."""

    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class CachedTranslator:
    """Wraps a :class:`Translator`; same ``signature`` and ``translate`` contract."""

    def __init__(
        self, inner: Translator, path: str | os.PathLike[str] | None = None, chunk_size: int = 64
    ) -> None:
        self.inner = inner
        self.signature = inner.signature
        self.path = Path(path) if path is not None else default_cache_path()
        self.chunk_size = chunk_size
        self.stats = CacheStats()
        self._db = open_table(
            self.path,
            "mt",
            CACHE_COLUMNS,
            "CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, translation TEXT NOT NULL)",
            "MT cache",
            _ADVICE,
        )

    def lookup(self, sentences: list[str]) -> dict[str, str]:
        """Cached translations of ``sentences`` (by sentence); O(n) indexed look-ups."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sentences))
        for start in range(0, len(unique), 500):
            batch = unique[start : start + 500]
            keys = {_key(self.signature, s): s for s in batch}
            rows = select_by_keys(
                self._db,
                "SELECT key, translation FROM mt WHERE key IN ({marks})",
                list(keys),
                "MT cache",
                self.path,
                _ADVICE,
            )
            for key, translation in rows:
                found[keys[key]] = translation
        return found

    def translate(
        self, sentences: list[str], progress: Callable[[int], None] | None = None
    ) -> list[str]:
        """Translate, taking what the cache has; new results are committed chunk by chunk."""
        found = self.lookup(sentences)
        missing = [s for s in dict.fromkeys(sentences) if s not in found]
        self.stats.hits += len(sentences) - sum(1 for s in sentences if s not in found)
        self.stats.misses += sum(1 for s in sentences if s not in found)
        for start in range(0, len(missing), self.chunk_size):
            chunk = missing[start : start + self.chunk_size]
            outputs = self.inner.translate(chunk)
            if len(outputs) != len(chunk):
                raise RuntimeError(f"{self.signature} returned {len(outputs)} for {len(chunk)}")
            self._store([(_key(self.signature, s), t) for s, t in zip(chunk, outputs, strict=True)])
            found.update(zip(chunk, outputs, strict=True))
            if progress is not None:
                progress(len(chunk))
        return [found[s] for s in sentences]

    def _store(self, rows: list[tuple[str, str]]) -> None:
        """Commit (key, translation) rows; :class:`CacheWriteError` when the file refuses them."""
        insert = "INSERT OR REPLACE INTO mt (key, translation) VALUES (?, ?)"
        commit_rows(self._db, insert, rows, "MT cache", self.path, _ADVICE)

    def close(self) -> None:
        self._db.close()
