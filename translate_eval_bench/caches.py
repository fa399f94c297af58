"""Persistent caches for the benchmark runs: sentence vectors kept in an ``.npz`` file, and the
MT behind a SQLite cache (or a second Quran translation standing in for an MT system).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from translate_eval.files import atomic_writer
from translate_eval.translate import load_translator
from translate_eval.translate.cache import CachedTranslator
from translate_eval_bench.quran import quran_translator

#: Separates the sentences of a saved vector cache (a character no sentence holds).
_TEXT_SEPARATOR = "\x1e"


class CachingEncoder:
    """Wraps an encoder and remembers every vector, across documents (for the mismatched pairs
    and for repeated sentences). O(1) per sentence already seen."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.signature = inner.signature
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, sentences: list[str]) -> np.ndarray:
        todo = [s for s in dict.fromkeys(sentences) if s not in self.vectors]
        if todo:
            self.vectors.update(zip(todo, self.inner.encode(todo), strict=True))
        if not sentences:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self.vectors[s] for s in sentences]).astype(np.float32)

    def load(self, path: Path) -> int:
        """Add the vectors saved by :meth:`save` in ``path`` (nothing when it is absent, or
        when it was written for another encoder). Returns how many were read."""
        if not path.is_file():
            return 0
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["signature"]) != self.signature:
                return 0
            joined = saved["texts"].tobytes().decode("utf-8")
            texts = joined.split(_TEXT_SEPARATOR) if joined else []
            self.vectors.update(zip(texts, saved["vectors"], strict=True))
        return len(texts)

    def save(self, path: Path) -> None:
        """Write every vector to ``path`` (``.npz``), atomically."""
        texts = list(self.vectors)
        matrix = np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 512))
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path, "wb") as handle:
            joined = np.frombuffer(_TEXT_SEPARATOR.join(texts).encode("utf-8"), dtype=np.uint8)
            np.savez(handle, signature=np.array(self.signature), texts=joined,
                     vectors=matrix.astype(np.float32))  # fmt: skip


def vector_cache_path(folder: Path, encoder: Any) -> Path:
    """Where :meth:`CachingEncoder.save` keeps ``encoder``'s vectors inside ``folder``."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(encoder.signature))[:80]
    return folder / f"vectors-{name}.npz"


def cached_translator(mt: str, folder: Path | None) -> Any:
    """The translator of ``mt``, behind a persistent cache in ``folder`` when given.

    Besides the MT specs of :func:`~translate_eval.translate.load_translator`, takes
    ``quran:NAME``: a second English translation of the Quran (``pickthall``, ``sahih``...,
    :func:`~translate_eval_bench.quran.quran_translator`) standing in for a sentence-level MT system
    on Quran documents. It is a lookup, so it is never cached."""
    if mt.startswith("quran:"):
        return quran_translator(mt.partition(":")[2])
    translator = load_translator(mt)
    if folder is None or translator.signature == "none":
        return translator
    folder.mkdir(parents=True, exist_ok=True)
    return CachedTranslator(translator, folder / "mt-cache.sqlite")
