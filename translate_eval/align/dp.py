"""Monotone dynamic-programming search for the cheapest sequence of beads, full or banded.

State ``(i, j)``: the first ``i`` source and first ``j`` target sentences are aligned. A bead of
shape ``(a, b)`` moves from ``(i - a, j - b)`` to ``(i, j)``; shapes are the n-m beads given by
the caller (``a, b >= 1``) plus the 1-0 and 0-1 skips, which cost ``skip_cost`` each. The search
may be restricted to a :class:`Band`: for each ``i`` only ``lo[i] <= j < hi[i]`` is visited.

Time O(n_src * width * S) and memory O(n_src * width) for the table, where ``width`` is the
band's widest row (``n_tgt + 1`` for the full search) and ``S`` the number of shapes; bead costs
are requested from the caller in blocks of ``chunk_rows`` rows, so they never all sit in memory:
per chunk and shape one rectangle of ``chunk_rows`` by (the columns the chunk's rows span:
about ``width + chunk_rows * n_tgt / n_src`` in a band), O(chunk_rows * that * S) memory.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# (a, b, source start positions, target start positions) -> costs (len(rows), len(cols))
BlockCost = Callable[[int, int, range, range], np.ndarray]


@dataclass(frozen=True)
class Band:
    """Allowed target positions ``lo[i] <= j < hi[i]`` for each source position ``i``
    (arrays of length ``n_src + 1``, both non-decreasing; (0, 0) and the end must be inside)."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n_src: int, n_tgt: int) -> Band:
        """The whole table."""
        return cls(np.zeros(n_src + 1, dtype=np.int64), np.full(n_src + 1, n_tgt + 1, np.int64))

    @property
    def width(self) -> int:
        """The widest row."""
        return int(np.max(self.hi - self.lo))

    def cells(self) -> int:
        """Number of states inside the band."""
        return int(np.sum(self.hi - self.lo))


def band_around_path(path: Sequence[tuple[int, int]], n_src: int, n_tgt: int, margin: int) -> Band:
    """The band of all states within ``margin`` (in both directions) of a monotone path.

    ``path`` lists states ``(i, j)`` from (0, 0) to (n_src, n_tgt), each step non-decreasing in
    both coordinates (steps may be long: the segment between two points is covered by its
    bounding box). O(n_src + len(path)).
    """
    lo = np.full(n_src + 1, n_tgt + 1, dtype=np.int64)
    hi = np.zeros(n_src + 1, dtype=np.int64)
    points = list(path)
    for (i0, j0), (i1, j1) in itertools.pairwise(points):
        rows = slice(max(0, i0 - margin), min(n_src, i1 + margin) + 1)
        lo[rows] = np.minimum(lo[rows], max(0, j0 - margin))
        hi[rows] = np.maximum(hi[rows], min(n_tgt, j1 + margin) + 1)
    if len(points) == 1:
        i0, j0 = points[0]
        lo[i0], hi[i0] = max(0, j0 - margin), min(n_tgt, j0 + margin) + 1
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # non-decreasing
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, n_tgt + 1
    hi = np.maximum(hi, lo + 1)
    hi[:-1] = np.maximum(hi[:-1], lo[1:] + 1)  # consecutive rows overlap: the end stays reachable
    return Band(lo, hi)


def search(
    n_src: int,
    n_tgt: int,
    shapes: Sequence[tuple[int, int]],
    block_cost: BlockCost,
    skip_cost: float,
    band: Band | None = None,
    chunk_rows: int = 64,
) -> list[tuple[int, int, int, int]]:
    """Cheapest monotone alignment; returns beads as ``(i, j, a, b)``: source sentences
    ``i .. i+a-1`` with target sentences ``j .. j+b-1`` (``a`` or ``b`` is 0 for a skip), in
    order, covering every sentence of both sides exactly once.

    ``shapes`` are the n-m shapes allowed (both >= 1); ties prefer the shape listed first, then
    the 1-0 skip, then the 0-1 skip. Complexity: see the module docstring.
    """
    band = band or Band.full(n_src, n_tgt)
    lo, hi = band.lo, band.hi
    width = band.width
    shapes = [tuple(s) for s in shapes if 1 <= s[0] <= n_src and 1 <= s[1] <= n_tgt]
    all_shapes: list[tuple[int, int]] = [*shapes, (1, 0)]
    skip_tgt_index = len(all_shapes)  # the 0-1 move
    by_src_size: dict[int, list[int]] = {}
    for index, (a, _) in enumerate(all_shapes):
        by_src_size.setdefault(a, []).append(index)

    table = np.full((n_src + 1, width + 1), np.inf)  # last column: always inf (padding)
    back = np.full((n_src + 1, width), -1, dtype=np.int16)
    offsets = np.arange(width)

    for chunk_start in range(0, n_src + 1, chunk_rows):
        chunk_stop = min(n_src + 1, chunk_start + chunk_rows)
        costs = _chunk_costs(
            all_shapes, block_cost, skip_cost, band, chunk_start, chunk_stop, n_src, n_tgt
        )
        for i in range(chunk_start, chunk_stop):
            columns = lo[i] + offsets
            best = np.full(width, np.inf)
            best_shape = np.full(width, -1, dtype=np.int16)
            if i == 0:
                best[0] = 0.0 if lo[0] == 0 else np.inf
            for a, indices in by_src_size.items():
                prev = i - a
                if prev < 0:
                    continue
                steps = np.array([all_shapes[k][1] for k in indices])
                idx = columns[None, :] - steps[:, None] - lo[prev]
                idx = np.where((idx >= 0) & (idx < hi[prev] - lo[prev]), idx, width)
                candidates = table[prev][idx] + costs[i - chunk_start][indices]
                choice = np.argmin(candidates, axis=0)
                value = candidates[choice, offsets]
                better = value < best
                best = np.where(better, value, best)
                best_shape = np.where(better, np.array(indices, dtype=np.int16)[choice], best_shape)
            # 0-1 moves along the row: D[j] = min_k (best[k] + (j - k) * skip)
            shifted = best - offsets * skip_cost
            running = np.minimum.accumulate(shifted)
            from_left = running < shifted
            row_values = running + offsets * skip_cost
            row_values[columns >= hi[i]] = np.inf
            table[i, :width] = row_values
            back[i] = np.where(from_left, skip_tgt_index, best_shape)

    return _backtrack(back, lo, all_shapes, skip_tgt_index, n_src, n_tgt)


def _chunk_costs(
    all_shapes: Sequence[tuple[int, int]],
    block_cost: BlockCost,
    skip_cost: float,
    band: Band,
    chunk_start: int,
    chunk_stop: int,
    n_src: int,
    n_tgt: int,
) -> np.ndarray:
    """Costs of beads *ending* at the band cells of rows ``chunk_start .. chunk_stop-1``:
    array (rows, shapes, width), inf where a bead would not fit."""
    lo, hi = band.lo, band.hi
    width = band.width
    rows = chunk_stop - chunk_start
    col_start = int(lo[chunk_start:chunk_stop].min())
    col_stop = int(hi[chunk_start:chunk_stop].max())
    result = np.full((rows, len(all_shapes), width), np.inf)
    # position of band cell (row r, offset k) inside the chunk's rectangle of end columns
    rect_index = lo[chunk_start:chunk_stop, None] - col_start + np.arange(width)[None, :]
    inside = rect_index < col_stop - col_start
    rect_index = np.where(inside, rect_index, 0)
    row_index = np.arange(rows)[:, None]
    for shape_index, (a, b) in enumerate(all_shapes):
        if b == 0:
            result[:, shape_index, :] = skip_cost
            continue
        rect = np.full((rows, col_stop - col_start), np.inf)
        start_rows = range(max(0, chunk_start - a), min(n_src - a + 1, chunk_stop - a))
        start_cols = range(max(0, col_start - b), min(n_tgt - b + 1, col_stop - b))
        if len(start_rows) > 0 and len(start_cols) > 0:
            r0 = start_rows.start + a - chunk_start
            c0 = start_cols.start + b - col_start
            rect[r0 : r0 + len(start_rows), c0 : c0 + len(start_cols)] = block_cost(
                a, b, start_rows, start_cols
            )
        result[:, shape_index, :] = np.where(inside, rect[row_index, rect_index], np.inf)
    return result


def _backtrack(
    back: np.ndarray,
    lo: np.ndarray,
    all_shapes: Sequence[tuple[int, int]],
    skip_tgt_index: int,
    n_src: int,
    n_tgt: int,
) -> list[tuple[int, int, int, int]]:
    """Follow back-pointers from (n_src, n_tgt) to (0, 0). O(n_src + n_tgt)."""
    beads: list[tuple[int, int, int, int]] = []
    i, j = n_src, n_tgt
    while i > 0 or j > 0:
        shape_index = int(back[i, j - lo[i]])
        if shape_index == skip_tgt_index:
            a, b = 0, 1
        elif shape_index < 0:
            raise RuntimeError(f"no alignment path reaches state ({i}, {j}); band too narrow")
        else:
            a, b = all_shapes[shape_index]
        i, j = i - a, j - b
        beads.append((i, j, a, b))
    beads.reverse()
    return beads
