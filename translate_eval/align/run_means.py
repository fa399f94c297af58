"""Vectors of long runs of sentences as length-weighted means of the sentences' embeddings."""

from __future__ import annotations

import numpy as np


def weighted_runs(
    vectors: np.ndarray, weights: np.ndarray, shortest: int, longest: int
) -> list[np.ndarray]:
    """For each run size ``k`` from ``shortest + 1`` to ``longest``: the ``weights``-weighted
    means of ``vectors`` over every run of ``k`` consecutive rows, as unit rows (one array of
    ``len(vectors) - k + 1`` rows per size). One prefix sum: O(n * dim) plus O(n * dim) per
    size."""
    weighted = vectors.astype(np.float64) * weights[:, None]
    prefix = np.zeros((len(vectors) + 1, vectors.shape[1]))
    np.cumsum(weighted, axis=0, out=prefix[1:])
    runs = []
    for size in range(shortest + 1, longest + 1):
        total = prefix[size:] - prefix[:-size]
        norms = np.linalg.norm(total, axis=1, keepdims=True)
        runs.append((total / np.maximum(norms, 1e-12)).astype(np.float32))
    return runs
