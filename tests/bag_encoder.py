"""A deterministic bag-of-words test encoder: texts that share words get close unit vectors."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import numpy as np


class BagEncoder:
    """Hashed bag of words (lower-cased, trailing full stop removed), one unit row per text.

    ``transform`` maps a text first (e.g. a test cipher back to English, which makes the encoder
    'cross-lingual'); ``calls`` counts ``encode`` calls.
    """

    def __init__(
        self,
        dim: int = 256,
        signature: str = "bag-test",
        transform: Callable[[str], str] | None = None,
    ) -> None:
        self.dim = dim
        self.signature = signature
        self.transform = transform
        self.calls = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.calls += 1
        matrix = np.zeros((len(sentences), self.dim), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            text = self.transform(sentence) if self.transform else sentence
            for word in text.lower().split():
                matrix[row, zlib.crc32(word.strip(".").encode()) % self.dim] += 1.0
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
