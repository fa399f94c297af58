"""translate_eval: measure how an edited translation departs from its Arabic source.

    >>> import translate_eval as te
    >>> result = te.compare("corpus/jisr-al-shughour")      # doctest: +SKIP
    >>> result.links.head()                                  # doctest: +SKIP

The pipeline entry points load lazily, so ``import translate_eval`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "compare": "translate_eval.pipeline",
    "Comparison": "translate_eval.pipeline",
    "write_comparisons": "translate_eval.outputs",
    "Document": "translate_eval.documents",
    "Pair": "translate_eval.documents",
    "load_pair": "translate_eval.documents",
    "pair_from_texts": "translate_eval.documents",
    "TranslateEvalError": "translate_eval.errors",
    "InputError": "translate_eval.errors",
    "ModelNotFoundError": "translate_eval.errors",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'translate_eval' has no attribute {name!r}")
