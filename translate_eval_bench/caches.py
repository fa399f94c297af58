"""Persistent caches for the benchmark runs: where sentence vectors are kept (an ``.npz`` file of
:class:`~translate_eval.embed.CachedEncoder`), and the MT behind a SQLite cache (or a second
Quran translation standing in for an MT system).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from translate_eval.translate import load_translator
from translate_eval.translate.cache import CachedTranslator
from translate_eval_bench.quran import quran_translator


def vector_cache_path(folder: Path, encoder: Any) -> Path:
    """Where the benchmarks keep ``encoder``'s vectors inside ``folder`` (for
    :class:`~translate_eval.embed.CachedEncoder`)."""
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
