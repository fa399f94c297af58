"""Optional packages of corpus runs (pyarrow, duckdb, ray): imported on use, with a one-line
error naming the extra that installs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from translate_eval.errors import ModelNotFoundError

#: Optional package -> the pip extra that installs it.
_EXTRAS = {"pyarrow": "corpus", "duckdb": "corpus", "ray": "ray", "ray.data": "ray"}


def require(module: str) -> ModuleType:
    """Import an optional package, or raise a one-line :class:`ModelNotFoundError` that names
    the extra to install (``pip install -e '.[corpus]'``)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = _EXTRAS.get(module, "corpus")
        raise ModelNotFoundError(
            f"corpus runs need the optional package {module.split('.')[0]}: "
            f"pip install -e '.[{extra}]'"
        ) from None
