"""Moved sentences: the reordering pass after the monotone search, and pairing left-over skips.

A *moved* bead pairs a source sentence with a target sentence the editor put elsewhere; the
monotone search (:mod:`translate_eval.align.dp`) cannot hold it and leaves both as skips, or
folds the target into a neighbouring bead. :func:`reorder` finds such pairs among the
alignment's sentences and checks each by searching again without it; :func:`pair_left_overs`
pairs the 1-0 and 0-1 beads that remain when their content is clearly similar.
"""

from __future__ import annotations

import logging
import math

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.dp import search

_log = logging.getLogger(__name__)

#: A search path: beads ``(i, j, a, b)`` of ``a`` source sentences from ``i`` and ``b`` target
#: sentences from ``j``.
Path = list[tuple[int, int, int, int]]
#: Moves ``(i, j)``: source sentence ``i`` paired with target sentence ``j`` out of order.
Moves = list[tuple[int, int]]
_CANDIDATE_BLOCK = 256
"""Target sentences per block when looking for candidate moves."""


def reorder(scorer: BeadScorer, path: Path, config: AlignConfig) -> tuple[Path, Moves]:
    """Find sentences the editor moved: a post-pass after the monotone search, which
    otherwise folds a moved English sentence into a neighbouring n-m bead or shifts the
    beads around it.

    Candidates (:func:`move_candidates`): target ``j`` and source ``i`` that are each other's
    most similar sentence (single-sentence content similarity, embeddings and / or MT) among the
    sentences within ``move_window`` of where the alignment puts them, at least ``move_z``
    standard deviations of random pairs above random level, leading their runners-up (of ``j``
    among sources, of ``i`` among targets) by ``move_margin`` of those deviations, and standing
    in beads that are neither the same nor adjacent with both at the edges they face
    (:func:`_beside`: a sentence deep inside the n-m bead next door is a candidate). Check:
    around each candidate, most similar first, the search is run again with the candidate's two
    sentences (and those of the moves already kept) held out as skips, over the part of the path
    between two bead boundaries ``2 * band_margin`` sentences beyond the candidate's source
    sentence, its target sentence and the place the path gives that target
    (:func:`_search_around`); the candidate is kept when the total cost (the new path plus the
    moved 1-1 bead in place of the two skips) falls by more than ``move_penalty``. The result is
    the new path (the moved sentences as 1-0 and 0-1 skips) and the (i, j) moves.

    Time: O(m * (2 * move_window + 256) * (e + h)) for the similarities of single
    sentences, computed in blocks of 256 targets (O(n * m * (e + h)) when the window
    covers the document); then, per candidate tried (at most ``move_candidates``, none in
    most documents), a full search of its part of the path: O(r * c * (S * e + h + S *
    (A + B))) for a part of r by c sentences (r, c about ``|i - place| + 4 *
    band_margin``), independent of the document's length."""
    if not scorer.has_content or not math.isfinite(config.move_z) or len(path) < 3:
        return path, []
    candidates = move_candidates(scorer, path, config)
    place_of = places(path, scorer.n_tgt)
    if not candidates:
        return path, []
    bead_costs: dict[tuple[int, int, int, int], float] = {}

    def path_cost(steps: Path) -> float:
        return sum(_bead_cost(scorer, step, config.skip_penalty, bead_costs) for step in steps)

    accepted: Moves = []
    current = path
    for candidate in candidates:
        trial = _search_around(scorer, current, [*accepted, candidate], place_of, config)
        old_only = set(current) - set(trial)
        new_only = set(trial) - set(current)
        base = path_cost(list(old_only)) - path_cost(list(new_only))
        i, j = candidate
        # the two held-out skips become one moved 1-1 bead, or with the skips beside the
        # target one moved 1-n bead (one long sentence the editor moved as several)
        gain = base + 2 * config.skip_penalty - _bead_cost(scorer, (i, j, 1, 1), 0.0, bead_costs)
        gain = max(gain, base + _split_gain(scorer, trial, i, j, config, bead_costs))
        _log.debug("move candidate %d -> %d: cost gain %.2f", i, j, gain)
        if gain > config.move_penalty:
            accepted.append(candidate)
            current = trial
    return current, accepted


def _split_gain(
    scorer: BeadScorer,
    steps: Path,
    i: int,
    j: int,
    config: AlignConfig,
    cache: dict[tuple[int, int, int, int], float],
) -> float:
    """The best gain of joining source ``i`` with a run of target sentences around ``j`` that
    ``steps`` leaves as skips (two to ``max_tgt_bead``), against those skips and the two held
    out: one long sentence the editor moved as two or more. -inf when no skip stands beside
    ``j``. O(run length ** 2) bead costs."""
    skipped = {t for _, t, a, b in steps if not a and b == 1} | {j}
    low, high = _run_around(j, skipped)
    best = -math.inf
    limit = config.tgt_limit
    for first in range(max(low, j - limit + 1), j + 1):
        for last in range(max(j, first + 1), min(high, first + limit - 1) + 1):
            size = last - first + 1
            cost = _bead_cost(scorer, (i, first, 1, size), 0.0, cache)
            best = max(best, (size + 1) * config.skip_penalty - cost)
    return best


def _run_around(own: int, members: set[int]) -> tuple[int, int]:
    """First and last id of the run of consecutive ``members`` that holds ``own`` (``own``
    alone when its neighbours are not members). O(run length)."""
    low = high = own
    while low - 1 in members:
        low -= 1
    while high + 1 in members:
        high += 1
    return low, high


def _search_around(
    scorer: BeadScorer, steps: Path, moves: Moves, place_of: np.ndarray, config: AlignConfig
) -> Path:
    """``steps`` searched again between two of its bead boundaries around the last move,
    ``2 * band_margin`` sentences beyond both of its sentences and its place (``place_of``:
    :func:`places` of the first path), with the sentences of ``moves`` held out (only skips
    may hold them). O(r * c * S) bead costs for the part of r by c sentences searched."""
    margin = 2 * config.band_margin
    i, j = moves[-1]
    ends = np.array([(0, 0), *((k + a, t + b) for k, t, a, b in steps)])
    low_src, high_src = min(i, int(place_of[j])) - margin, max(i, int(place_of[j])) + margin
    first = int(
        np.flatnonzero((ends[:, 0] <= low_src) & (ends[:, 1] <= j - margin))[-1:].max(initial=0)
    )
    after = np.flatnonzero((ends[:, 0] > high_src) & (ends[:, 1] > j + margin))
    last = int(after[0]) if len(after) else len(ends) - 1
    r0, c0 = (int(v) for v in ends[first])
    r1, c1 = (int(v) for v in ends[last])
    banned_src = np.zeros(scorer.n_src + 1)
    banned_tgt = np.zeros(scorer.n_tgt + 1)
    for k, t in moves:
        banned_src[k + 1] = banned_tgt[t + 1] = 1.0
    src_count, tgt_count = np.cumsum(banned_src), np.cumsum(banned_tgt)

    def cost(a: int, b: int, rows: range, cols: range) -> np.ndarray:
        rows = range(rows.start + r0, rows.stop + r0)
        cols = range(cols.start + c0, cols.stop + c0)
        values = scorer.block(a, b, rows, cols)[0]
        starts_src = np.arange(rows.start, rows.stop)
        starts_tgt = np.arange(cols.start, cols.stop)
        hit_src = src_count[starts_src + a] > src_count[starts_src]
        hit_tgt = tgt_count[starts_tgt + b] > tgt_count[starts_tgt]
        return np.where(hit_src[:, None] | hit_tgt[None, :], np.inf, values)

    middle = search(r1 - r0, c1 - c0, config.shapes(), cost, config.skip_penalty)
    shifted = [(k + r0, t + c0, a, b) for k, t, a, b in middle]
    return [*steps[:first], *shifted, *steps[last:]]


def _bead_cost(
    scorer: BeadScorer,
    step: tuple[int, int, int, int],
    skip_penalty: float,
    cache: dict[tuple[int, int, int, int], float],
) -> float:
    """Search cost of one bead ``(i, j, a, b)`` (a skip costs ``skip_penalty``), memoised."""
    i, j, a, b = step
    if not a or not b:
        return skip_penalty
    if step not in cache:
        cache[step] = float(scorer.block(a, b, range(i, i + 1), range(j, j + 1))[0][0, 0])
    return cache[step]


def places(path: Path, n_tgt: int) -> np.ndarray:
    """For each target sentence, the first source position of the bead that holds it.
    O(n_tgt + len(path))."""
    place = np.zeros(n_tgt, dtype=np.int64)
    for i, j, _, b in path:
        place[j : j + b] = i
    return place


def move_candidates(scorer: BeadScorer, path: Path, config: AlignConfig) -> Moves:
    """Candidate moves ``(i, j)`` for :func:`reorder`, most similar first.
    O(m * (2 * move_window + block) * (e + h)) in blocks of 256 target sentences."""
    spread = scorer.content_spread_single()
    if not spread:
        return []
    n_src, n_tgt = scorer.n_src, scorer.n_tgt
    bead_of_src = np.zeros(n_src, dtype=np.int64)
    bead_of_tgt = np.zeros(n_tgt, dtype=np.int64)
    for k, (i, j, a, b) in enumerate(path):
        bead_of_src[i : i + a] = k
        bead_of_tgt[j : j + b] = k
    place = places(path, n_tgt)  # where the path puts each target sentence
    col_best, col_second, col_arg, _, row_second, row_arg = _mutual_best(
        scorer, place, config.move_window
    )
    found = []
    for j in range(n_tgt):
        i = int(col_arg[j])
        if i < 0 or row_arg[i] != j:
            continue
        best = col_best[j]
        lead = min(best - col_second[j], best - row_second[i])
        if best / spread < config.move_z:
            continue
        if lead / spread < config.move_margin:  # a runner-up next door is a part, no rival
            lead = _lead_apart(scorer, i, j, place, config)
            if lead / spread < config.move_margin:
                continue
        if _beside(path, int(bead_of_src[i]), int(bead_of_tgt[j]), i, j):
            continue
        _log.debug(
            "move candidate %d -> %d: z %.2f, lead %.2f, beads %d apart, place %d",
            i,
            j,
            best / spread,
            lead / spread,
            abs(int(bead_of_src[i]) - int(bead_of_tgt[j])),
            int(place[j]),
        )
        found.append((float(best), i, j))
    found.sort(reverse=True)
    return [(i, j) for _, i, j in found[: config.move_candidates]]


def _lead_apart(
    scorer: BeadScorer, i: int, j: int, place: np.ndarray, config: AlignConfig
) -> float:
    """The similarity of source ``i`` and target ``j`` minus that of the most similar rival
    outside the run of neighbours that are parts with them: the best other target of ``i``
    (among those whose ``place`` is within ``move_window``) and the best other source of ``j``
    (within ``move_window`` of its place), leaving out the consecutive sentences around ``j``
    (and around ``i``) that are each ``move_z`` or more similar to the other one. The English
    of one long Arabic sentence the editor moved as two or three sentences makes each of them
    a close runner-up of the others: parts of one split, not rivals. O(window * (e + h))."""
    spread = scorer.content_spread_single()
    assert spread
    window = config.move_window
    targets = np.flatnonzero(np.abs(place - i) <= window)
    sources = np.arange(
        max(0, int(place[j]) - window), min(scorer.n_src, int(place[j]) + window + 1)
    )
    row = scorer.content_matrix(np.array([i]), targets)
    col = scorer.content_matrix(sources, np.array([j]))
    assert row is not None and col is not None
    best = float(row[0, np.flatnonzero(targets == j)[0]])
    rivals = [-np.inf]
    for ids, values, own in ((targets, row[0], j), (sources, col[:, 0], i)):
        low, high = _run_around(own, set(ids[values / spread >= config.move_z].tolist()))
        outside = (ids < low) | (ids > high)
        if outside.any():
            rivals.append(float(values[outside].max()))
    return best - max(rivals)


def _beside(path: Path, src_bead: int, tgt_bead: int, i: int, j: int) -> bool:
    """Whether source ``i`` (in bead ``src_bead`` of ``path``) and target ``j`` (in
    ``tgt_bead``) are in one bead, or in adjacent beads with each at the edge facing the
    other: the search has weighed pairing them. A sentence deep inside an n-m bead next door
    (the seventh English sentence of a 2-8 bead) is not beside it: the search could pair it
    only by cutting that bead, so the pair is tried as a move. Cost: more candidates beside
    long n-m beads, each one more local search, and a move taken from such a bead where its
    gain passes ``move_penalty``. O(1)."""
    if src_bead == tgt_bead:
        return True
    if abs(src_bead - tgt_bead) > 1:
        return False
    si, _, sa, _ = path[src_bead]
    _, tj, _, tb = path[tgt_bead]
    if tgt_bead > src_bead:  # the target's bead follows: its first target, the source's last
        return j == tj and i == si + sa - 1
    return j == tj + tb - 1 and i == si


def _mutual_best(
    scorer: BeadScorer, place: np.ndarray, window: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Best content similarity, runner-up and best partner of every target sentence among the
    source sentences within ``window`` of its ``place``, and of every source sentence among
    the target sentences that have it in their window: ``(col_best, col_second, col_arg,
    row_best, row_second, row_arg)``. O(m * (2 * window + block) * (e + h))."""
    n_src, n_tgt = scorer.n_src, scorer.n_tgt
    col_best = np.full(n_tgt, -np.inf)
    col_second = np.full(n_tgt, -np.inf)
    col_arg = np.full(n_tgt, -1, dtype=np.int64)
    row_best = np.full(n_src, -np.inf)
    row_second = np.full(n_src, -np.inf)
    row_arg = np.full(n_src, -1, dtype=np.int64)
    for first in range(0, n_tgt, _CANDIDATE_BLOCK):
        cols = np.arange(first, min(n_tgt, first + _CANDIDATE_BLOCK))
        lo = max(0, int(place[cols].min()) - window)
        hi = min(n_src, int(place[cols].max()) + window + 1)
        rows = np.arange(lo, hi)
        values = scorer.content_matrix(rows, cols)
        assert values is not None
        # out of the window: not a candidate
        near = np.abs(rows[:, None] - place[cols][None, :]) <= window
        values = np.where(near, values, -np.inf)
        top_two(values, col_best, col_second, col_arg, cols, rows)
        top_two(values.T, row_best, row_second, row_arg, rows, cols)
    return col_best, col_second, col_arg, row_best, row_second, row_arg


def top_two(
    values: np.ndarray,
    best: np.ndarray,
    second: np.ndarray,
    arg: np.ndarray,
    ids: np.ndarray,
    others: np.ndarray,
) -> None:
    """Update the best value, its index (in ``others``) and the runner-up of each column
    ``ids`` of ``values`` (rows: ``others``), in place. O(size of values * log rows)."""
    if values.shape[0] == 0:
        return
    order = np.argsort(-values, axis=0)
    top = np.take_along_axis(values, order[:1], axis=0)[0]
    runner = (
        np.take_along_axis(values, order[1:2], axis=0)[0]
        if values.shape[0] > 1
        else np.full(values.shape[1], -np.inf)
    )
    old_best, old_second = best[ids], second[ids]
    new_best = np.maximum(old_best, top)
    # runner-up of the union: the larger of the two lesser values
    new_second = np.maximum(np.minimum(old_best, top), np.maximum(old_second, runner))
    take = top > old_best
    arg[ids] = np.where(take, others[order[0]], arg[ids])
    best[ids], second[ids] = new_best, new_second


def place_moves(scorer: BeadScorer, beads: list[Bead], moves: Moves) -> list[Bead]:
    """Replace the 1-0 bead of each moved source sentence by the moved bead (flagged, scored
    by its content similarity) and drop the 0-1 bead of its target sentence.
    O(len(beads) + len(moves)**2 * dim)."""
    pairs = dict(moves)
    moved_tgt = set(pairs.values())
    similarity = scorer.content_matrix(
        np.array([i for i, _ in moves]), np.array([j for _, j in moves])
    )
    assert similarity is not None
    score = {i: float(similarity[k, k]) for k, (i, _) in enumerate(moves)}
    result = []
    for bead in beads:
        if len(bead.src) == 1 and not bead.tgt and bead.src[0] in pairs:
            i = bead.src[0]
            result.append(Bead((i,), (pairs[i],), unit_score(score[i]), moved=True))
        elif len(bead.tgt) == 1 and not bead.src and bead.tgt[0] in moved_tgt:
            continue
        else:
            result.append(bead)
    return result


def pair_left_overs(scorer: BeadScorer, beads: list[Bead], threshold: float) -> list[Bead]:
    """Pair a 1-0 bead and a 0-1 bead when their content similarity (embeddings and / or MT
    only; never with length alone) is at least ``threshold`` (``moved_threshold``) and each is
    the other's best match among the left-over sentences. The pair takes the place of the 1-0
    bead, with ``moved=True``, and the 0-1 bead goes; when the two beads stand side by side the
    pair is an ordinary (monotone) 1-1 bead instead. O(omissions * additions * dim)."""
    omitted = [k for k, bead in enumerate(beads) if bead.src and not bead.tgt]
    added = [k for k, bead in enumerate(beads) if bead.tgt and not bead.src]
    if not omitted or not added:
        return beads
    similarity = scorer.content_matrix(
        np.array([beads[k].src[0] for k in omitted]), np.array([beads[k].tgt[0] for k in added])
    )
    if similarity is None:
        return beads
    best_added = np.argmax(similarity, axis=1)
    best_omitted = np.argmax(similarity, axis=0)
    replaced: dict[int, Bead] = {}
    dropped: set[int] = set()
    for row, col in enumerate(best_added):
        value = float(similarity[row, col])
        if best_omitted[col] != row or value < threshold:
            continue
        src_index, tgt_index = omitted[row], added[col]
        moved = abs(src_index - tgt_index) > 1  # side by side: an ordinary 1-1 bead
        keep_at = min(src_index, tgt_index) if not moved else src_index
        replaced[keep_at] = Bead(
            beads[src_index].src, beads[tgt_index].tgt, unit_score(value), moved=moved
        )
        dropped.add(tgt_index if keep_at == src_index else src_index)
    return [replaced.get(k, bead) for k, bead in enumerate(beads) if k not in dropped]
