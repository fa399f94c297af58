"""Corpus runs: thousands of pairs, locally or on a Ray cluster, resumable, into Parquet + DuckDB.

``run_corpus(spec, out_dir, ...)`` is the entry point (see :mod:`translate_eval.scale.run`).
pyarrow, duckdb and ray are imported lazily, so the rest of the toolkit works without them.
"""

from __future__ import annotations

from translate_eval.scale.optional import require
from translate_eval.scale.run import run_corpus

__all__ = ["require", "run_corpus"]
