"""Sentence TER's edit count by sacrebleu's algorithm (greedy tercom block shifts over a beam edit
distance), with the edit distances of all shift candidates of a step computed together in numpy.

The counts are those of ``sacrebleu.metrics.TER`` (its ``lib_ter``): the same beam, the same
shift candidates in the same order, the same ranking and the same limits, so a score computed here
is sacrebleu's score and carries its signature. Only the arithmetic is reorganised: a row of the
edit-distance matrix is a few array operations (the insertion chain is a running minimum), and the
candidates of one shift step, which all start from the same hypothesis, share one pass over the
rows instead of one pass each.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: sacrebleu's limits (``sacrebleu/metrics/lib_ter.py``, after tercom): longest block shifted,
#: farthest a block may be from its reference position, half-width of the beam, and the number of
#: shifted hypotheses scored in one TER before the search stops.
MAX_SHIFT_SIZE = 10
MAX_SHIFT_DIST = 50
BEAM_WIDTH = 25
MAX_SHIFT_CANDIDATES = 1000
#: The cost of a cell outside the beam (sacrebleu's ``_INT_INFINITY``).
INFINITY = 10**16

# Edit operations of a cell, rewriting the hypothesis into the reference.
_NOP, _SUB, _INS, _DEL, _UNDEF = 0, 1, 2, 3, 4


def _beam_windows(n_hyp: int, n_ref: int) -> list[tuple[int, int]]:
    """The columns ``[lo, hi)`` computed in each row 1..n_hyp (index 0 unused): a band of
    ``BEAM_WIDTH`` each side of the length-scaled diagonal, wider when the lengths differ by more
    than twice the beam, and the whole last row. Python floats, as in sacrebleu."""
    ratio = n_ref / n_hyp if n_hyp else 1
    beam = math.ceil(ratio / 2 + BEAM_WIDTH) if ratio / 2 > BEAM_WIDTH else BEAM_WIDTH
    windows = [(0, 0)]
    for row in range(1, n_hyp + 1):
        diagonal = math.floor(row * ratio)
        low, high = max(0, diagonal - beam), min(n_ref + 1, diagonal + beam)
        windows.append((low, n_ref + 1 if row == n_hyp else high))
    return windows


def _next_rows(
    previous: np.ndarray,
    words: np.ndarray,
    ref: np.ndarray,
    low: int,
    high: int,
    with_ops: bool = True,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Cells ``[low, high)`` of the next row for each of K hypotheses, from their previous rows
    (K x (n_ref + 1)) and their next words (K,): the costs and (``with_ops``) the operations.

    Ties prefer the diagonal (match or substitution), then a deletion, then an insertion, as
    sacrebleu does; a cell whose every way in lies outside the beam keeps :data:`INFINITY`. The
    insertion chain ``c[j] = min(b[j], c[j-1] + 1)`` is ``j + cummin(b - j)``. O(K (high - low)).
    """
    count = previous.shape[0]
    costs = np.empty((count, high - low), dtype=np.int64)
    ops = np.empty((count, high - low), dtype=np.int8) if with_ops else None
    first = max(low, 1)
    if low == 0:
        costs[:, 0] = previous[:, 0] + 1
        if ops is not None:
            ops[:, 0] = _DEL
    if first < high:
        mismatch = words[:, None] != ref[None, first - 1 : high - 1]
        diagonal = previous[:, first - 1 : high - 1] + mismatch
        upward = previous[:, first:high] + 1
        best = np.minimum(diagonal, upward)
        if ops is not None:
            best_ops = np.where(upward < diagonal, _DEL, np.where(mismatch, _SUB, _NOP))
            best_ops[best >= INFINITY] = _UNDEF
            ops[:, first - low :] = best_ops
        costs[:, first - low :] = np.minimum(best, INFINITY)
    ramp = np.arange(low, high, dtype=np.int64)
    chained = np.minimum.accumulate(costs - ramp, axis=1) + ramp
    if ops is not None:
        ops[chained < costs] = _INS
    return chained, ops


def _distance_matrix(
    hyp: np.ndarray,
    ref: np.ndarray,
    windows: Sequence[tuple[int, int]],
    known: tuple[np.ndarray, np.ndarray, int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The beam edit-distance matrix of one hypothesis and its operations, both
    (n_hyp + 1) x (n_ref + 1); ``known`` = (costs, ops, k): another hypothesis's matrices whose
    first k words are these, so rows 0..k are copied. O(n_hyp * beam) time, O(n_hyp * n_ref)
    memory."""
    n_hyp, n_ref = len(hyp), len(ref)
    if known is None:
        costs = np.full((n_hyp + 1, n_ref + 1), INFINITY, dtype=np.int64)
        ops = np.full((n_hyp + 1, n_ref + 1), _UNDEF, dtype=np.int8)
        costs[0] = np.arange(n_ref + 1)
        ops[0] = _INS
        first_row = 1
    else:
        costs, ops, shared = known[0].copy(), known[1].copy(), known[2]
        costs[shared + 1 :], ops[shared + 1 :] = INFINITY, _UNDEF
        first_row = shared + 1
    for row in range(first_row, n_hyp + 1):
        low, high = windows[row]
        if low < high:
            row_costs, row_ops = _next_rows(
                costs[row - 1 : row], hyp[row - 1 : row], ref, low, high
            )
            costs[row, low:high], ops[row, low:high] = row_costs[0], row_ops[0]
    return costs, ops


def _trace(ops: np.ndarray) -> list[int]:
    """The operations from the top-left to the bottom-right cell, read back from the end."""
    row, col = ops.shape[0] - 1, ops.shape[1] - 1
    trace: list[int] = []
    while row > 0 or col > 0:
        op = int(ops[row, col])
        trace.append(op)
        if op in (_NOP, _SUB):
            row, col = row - 1, col - 1
        elif op == _INS:
            col -= 1
        elif op == _DEL:
            row -= 1
        else:
            raise RuntimeError("TER: the edit-distance beam lost the path")
    trace.reverse()
    return trace


def _alignment(trace: Sequence[int], n_hyp: int, n_ref: int) -> tuple[np.ndarray, ...]:
    """From a hypothesis-to-reference trace: the hypothesis position each reference word is
    aligned to (-1 before the first), and which hypothesis and reference words are in error."""
    align = np.empty(n_ref, dtype=np.int64)
    hyp_error = np.zeros(n_hyp, dtype=np.int64)
    ref_error = np.zeros(n_ref, dtype=np.int64)
    hyp_pos = ref_pos = -1
    for op in trace:
        if op in (_NOP, _SUB):
            hyp_pos, ref_pos = hyp_pos + 1, ref_pos + 1
            align[ref_pos] = hyp_pos
            hyp_error[hyp_pos] = ref_error[ref_pos] = op == _SUB
        elif op == _DEL:  # a hypothesis word the reference lacks
            hyp_pos += 1
            hyp_error[hyp_pos] = 1
        else:  # a reference word the hypothesis lacks
            ref_pos += 1
            align[ref_pos] = hyp_pos
            ref_error[ref_pos] = 1
    return align, hyp_error, ref_error


def _matching_blocks(hyp: np.ndarray, ref: np.ndarray) -> tuple[np.ndarray, ...]:
    """Every (hypothesis start, reference start, length) with equal words over the length, at
    most :data:`MAX_SHIFT_SIZE` long and :data:`MAX_SHIFT_DIST` apart, ordered by hypothesis
    start, reference start, length (sacrebleu's order). O(n_hyp * n_ref * MAX_SHIFT_SIZE)."""
    n_hyp, n_ref = len(hyp), len(ref)
    equal = hyp[:, None] == ref[None, :]
    starts_h, starts_r = np.indices((n_hyp, n_ref))
    equal &= np.abs(starts_r - starts_h) <= MAX_SHIFT_DIST
    lengths = equal.astype(np.int64)
    running = equal.copy()
    for offset in range(1, MAX_SHIFT_SIZE):
        if offset >= min(n_hyp, n_ref):
            break
        running[: n_hyp - offset, : n_ref - offset] &= _equal_at(hyp, ref, offset)
        running[n_hyp - offset :, :] = False
        running[:, n_ref - offset :] = False
        lengths += running
    rows, cols = np.nonzero(lengths)
    counts = lengths[rows, cols]
    block_h, block_r = np.repeat(rows, counts), np.repeat(cols, counts)
    first_of_group = np.repeat(np.cumsum(counts) - counts, counts)
    block_length = np.arange(len(block_h)) - first_of_group + 1
    return block_h, block_r, block_length


def _equal_at(hyp: np.ndarray, ref: np.ndarray, offset: int) -> np.ndarray:
    """``hyp[h + offset] == ref[r + offset]`` for h < n_hyp - offset, r < n_ref - offset."""
    return hyp[offset:, None] == ref[None, offset:]


def _perform_shift(words: list[int], start: int, length: int, target: int) -> list[int]:
    """``words`` with the block ``[start, start + length)`` moved before position ``target``
    (sacrebleu's three cases, the third for a target inside the block)."""
    block = words[start : start + length]
    if target < start:
        return words[:target] + block + words[target:start] + words[start + length :]
    if target > start + length:
        return words[:start] + words[start + length : target] + block + words[target:]
    return (
        words[:start] + words[start + length : length + target] + block + words[length + target :]
    )


def _shift_candidates(
    words: list[int], ref: np.ndarray, trace: Sequence[int], checked: int
) -> tuple[list[tuple[int, int, int]], int]:
    """The shifts (start, length, target) to score at this step, in sacrebleu's order, and the
    running count of scored candidates. A block is shifted only when it has an error on both
    sides and its reference position lies outside it; the targets are the positions aligned to
    the words around the block's reference position. Stops once the count reaches
    :data:`MAX_SHIFT_CANDIDATES` (after finishing the block under way)."""
    hyp = np.asarray(words, dtype=np.int64)
    align, hyp_error, ref_error = _alignment(trace, len(words), len(ref))
    block_h, block_r, length = _matching_blocks(hyp, ref)
    hyp_errors = np.concatenate(([0], np.cumsum(hyp_error)))
    ref_errors = np.concatenate(([0], np.cumsum(ref_error)))
    aligned = align[block_r]
    keep = (
        (hyp_errors[block_h + length] > hyp_errors[block_h])
        & (ref_errors[block_r + length] > ref_errors[block_r])
        & ~((block_h <= aligned) & (aligned < block_h + length))
    )
    candidates: list[tuple[int, int, int]] = []
    for start_h, start_r, size in zip(
        block_h[keep].tolist(), block_r[keep].tolist(), length[keep].tolist(), strict=True
    ):
        previous_target = -1
        for offset in range(-1, size):
            position = start_r + offset
            target = 0 if position == -1 else int(align[position]) + 1
            if target == previous_target:
                continue
            previous_target = target
            candidates.append((start_h, size, target))
            checked += 1
        if checked >= MAX_SHIFT_CANDIDATES:
            break
    return candidates, checked


def _candidate_distances(
    shifted: np.ndarray,
    base: np.ndarray,
    base_costs: np.ndarray,
    ref: np.ndarray,
    windows: Sequence[tuple[int, int]],
) -> np.ndarray:
    """The edit distance of each shifted hypothesis (K x n_hyp) to the reference. Rows up to a
    candidate's first changed word are the base hypothesis's (sacrebleu's prefix cache), so all
    K run together from the earliest change. O(K * n_hyp * beam) time, O(K * n_ref) memory."""
    count, n_hyp = shifted.shape
    n_ref = len(ref)
    changed = shifted != base[None, :]
    first_change = np.where(changed.any(axis=1), changed.argmax(axis=1), n_hyp)
    distances = np.full(count, base_costs[n_hyp, n_ref], dtype=np.int64)
    moving = first_change < n_hyp
    if not moving.any():
        return distances
    words, first_change = shifted[moving], first_change[moving]
    start = int(first_change.min())
    previous = np.repeat(base_costs[start][None, :], len(words), axis=0)
    current = np.full_like(previous, INFINITY)
    # The columns of each buffer that may hold costs; every other cell is INFINITY.
    previous_span, current_span = (0, n_ref + 1), (0, 0)
    for row in range(start + 1, n_hyp + 1):
        low, high = windows[row]
        current[:, current_span[0] : current_span[1]] = INFINITY
        if low < high:
            costs, _ = _next_rows(previous, words[:, row - 1], ref, low, high, with_ops=False)
            unchanged = first_change >= row
            costs[unchanged] = base_costs[row, low:high]
            current[:, low:high] = costs
        current_span = (low, high)
        previous, current = current, previous
        previous_span, current_span = current_span, previous_span
    distances[moving] = previous[:, n_ref]
    return distances


def ter_edits(hyp_words: Sequence[str], ref_words: Sequence[str]) -> tuple[int, int]:
    """(edits, reference length) of sacrebleu's TER for one tokenised hypothesis and reference:
    block shifts are applied greedily while the best one lowers the beam edit distance, and the
    edits are the shifts plus the final distance. An empty reference gives (n_hyp, 0).

    Time: per shift step O(n * m * MAX_SHIFT_SIZE) to list the blocks and O(K * n * beam) for
    the K candidates (K <= MAX_SHIFT_CANDIDATES over the whole search); memory O(K * m + n * m).
    """
    n_hyp, n_ref = len(hyp_words), len(ref_words)
    if n_ref == 0:
        return n_hyp, 0
    vocabulary: dict[str, int] = {}
    words = [vocabulary.setdefault(word, len(vocabulary)) for word in hyp_words]
    ref = np.array([vocabulary.setdefault(word, len(vocabulary)) for word in ref_words])
    windows = _beam_windows(n_hyp, n_ref)
    shifts = checked = 0
    known: tuple[np.ndarray, np.ndarray, int] | None = None
    while True:
        base = np.asarray(words, dtype=np.int64)
        base_costs, base_ops = _distance_matrix(base, ref, windows, known)
        distance = int(base_costs[n_hyp, n_ref])
        candidates, checked = _shift_candidates(words, ref, _trace(base_ops), checked)
        if not candidates or checked >= MAX_SHIFT_CANDIDATES:
            break
        shifted = [_perform_shift(words, *candidate) for candidate in candidates]
        gains = distance - _candidate_distances(
            np.array(shifted, dtype=np.int64), base, base_costs, ref, windows
        )
        best = max(
            range(len(candidates)),
            key=lambda k: (gains[k], candidates[k][1], -candidates[k][0], -candidates[k][2]),
        )
        if gains[best] <= 0:
            break
        shifts += 1
        unchanged_prefix = next(
            (k for k, (a, b) in enumerate(zip(words, shifted[best], strict=True)) if a != b), n_hyp
        )
        known = (base_costs, base_ops, unchanged_prefix)
        words = shifted[best]
    return shifts + distance, n_ref


def ter_score(edits: int, ref_length: int) -> float:
    """TER in sacrebleu's units: 100 x edits per reference word; 100 for a non-empty hypothesis
    against an empty reference, 0 when both are empty."""
    if ref_length > 0:
        return 100.0 * edits / ref_length
    return 100.0 if edits > 0 else 0.0
