"""Corpus runs: thousands of pairs, locally or on a Ray cluster, resumable, into Parquet + DuckDB.

``run_corpus(spec, out_dir, ...)`` is the entry point (see :mod:`translate_eval.scale.run`).
pyarrow, duckdb and ray are imported lazily, so the rest of the toolkit works without them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from translate_eval.errors import ModelNotFoundError

#: Optional package -> the pip extra that installs it.
_EXTRAS = {"pyarrow": "corpus", "duckdb": "corpus", "ray": "ray", "ray.data": "ray"}


def require(module: str) -> ModuleType:
    """Import an optional package, or raise a one-line :class:`ModelNotFoundError` that names
    the extra to install (``pip install 'translate-eval[corpus]'``)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module, "corpus")
        raise ModelNotFoundError(
            f"corpus runs need the optional package {module.split('.')[0]}: "
            f"pip install 'translate-eval[{extra}]'"
        ) from None


def run_corpus(*args: object, **kwargs: object) -> object:
    """See :func:`translate_eval.scale.run.run_corpus`."""
    from translate_eval.scale.run import run_corpus as _run

    return _run(*args, **kwargs)


__all__ = ["require", "run_corpus"]
