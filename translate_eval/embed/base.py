"""The Encoder protocol: anything with ``encode(list[str]) -> (n, d) float array``."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Encoder(Protocol):
    """A multilingual sentence encoder returning L2-normalised row vectors."""

    signature: str

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Return a float32 array of shape (len(sentences), dim), rows of unit length."""
        ...
