"""A persistent embedding cache (SQLite) keyed by the encoder's signature and the text.

It follows the MT cache (:mod:`translate_eval.translate.cache`): one file beside it
(``embed-cache.sqlite`` in the MT cache's folder), WAL and a busy timeout so that several
processes (corpus workers) share it, vectors committed in chunks so an interrupted run keeps what
it encoded. A file of another layout is refused (:class:`CacheError`); a failed write raises
:class:`CacheWriteError`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from translate_eval.sqlite_table import commit_rows, open_table, select_by_keys
from translate_eval.translate.cache import default_cache_path

#: File name of the embedding cache, in the folder of the MT cache.
EMBED_CACHE_NAME = "embed-cache.sqlite"
#: Columns of the cache's one table, in order.
EMBED_COLUMNS = ("key", "vector", "seconds")
#: Texts looked up, or rows written, per SQL statement / transaction.
_CHUNK = 500
_ADVICE = "point $TRANSLATE_EVAL_CACHE (or --cache) at another folder, or use --no-cache"


def default_embedding_cache_path(mt_cache: str | os.PathLike[str] | None = None) -> Path:
    """``embed-cache.sqlite`` beside the MT cache file ``mt_cache`` (default: the MT cache of
    :func:`~translate_eval.translate.cache.default_cache_path`)."""
    mt_path = Path(mt_cache) if mt_cache is not None else default_cache_path()
    return mt_path.parent / EMBED_CACHE_NAME


def _key(signature: str, text: str) -> str:
    return hashlib.sha256(f"{signature}\x1f{text}".encode()).hexdigest()


class EmbeddingStore:
    """Vectors (float32) and their encoding seconds by (encoder signature, text), in SQLite.
    Look-ups are O(texts) indexed reads; writes one transaction per chunk of rows."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_embedding_cache_path()
        self._db = open_table(
            self.path,
            "vectors",
            EMBED_COLUMNS,
            "CREATE TABLE IF NOT EXISTS vectors "
            "(key TEXT PRIMARY KEY, vector BLOB NOT NULL, seconds REAL NOT NULL)",
            "embedding cache",
            _ADVICE,
        )

    def lookup(self, signature: str, texts: list[str]) -> dict[str, tuple[np.ndarray, float]]:
        """``text -> (vector, seconds)`` for the texts the cache holds for ``signature``."""
        found: dict[str, tuple[np.ndarray, float]] = {}
        unique = list(dict.fromkeys(texts))
        for start in range(0, len(unique), _CHUNK):
            keys = {_key(signature, text): text for text in unique[start : start + _CHUNK]}
            rows = select_by_keys(
                self._db,
                "SELECT key, vector, seconds FROM vectors WHERE key IN ({marks})",
                list(keys),
                "embedding cache",
                self.path,
                _ADVICE,
            )
            for key, blob, seconds in rows:
                found[keys[key]] = (np.frombuffer(blob, dtype=np.float32), float(seconds))
        return found

    def add(self, signature: str, texts: list[str], vectors: np.ndarray, seconds: float) -> None:
        """Store ``vectors`` (one row per text), each charged ``seconds``; committed per chunk."""
        rows = [
            (_key(signature, text), np.ascontiguousarray(row, np.float32).tobytes(), seconds)
            for text, row in zip(texts, vectors, strict=True)
        ]
        insert = "INSERT OR REPLACE INTO vectors (key, vector, seconds) VALUES (?, ?, ?)"
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            commit_rows(self._db, insert, chunk, "embedding cache", self.path, _ADVICE)

    def close(self) -> None:
        self._db.close()


def open_embedding_store(
    cache: bool | str | os.PathLike[str] | EmbeddingStore | None,
) -> EmbeddingStore | None:
    """The store a run uses: ``True`` the default one (beside the default MT cache), a path
    (of the MT cache) the one beside it, a store as it is, ``False`` / None none."""
    if cache is None or cache is False:
        return None
    if isinstance(cache, EmbeddingStore):
        return cache
    if cache is True:
        return EmbeddingStore()
    return EmbeddingStore(default_embedding_cache_path(cache))
