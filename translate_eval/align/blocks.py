"""Blocks of sentences the editor moved (a moved paragraph), after the single-sentence moves of
the reordering pass (:mod:`translate_eval.align.moves`) and the anchor pairs
(:func:`translate_eval.align.spread.pair_anchors`).

A moved paragraph is left by the monotone search as a run of 1-0 beads on one side and a run of
0-1 beads (or single moved beads) on the other. :func:`move_blocks` aligns such a source run with
such a target run by a monotone search of the two runs alone, with the aligner's cost model, so
that the paragraph comes back as its own 1-1, 1-2 or 2-1 beads, flagged ``moved``.
:func:`translate_eval.align.spread.attach_spread` then links what is still left over.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer, content_similarity, content_spread
from translate_eval.align.dp import search
from translate_eval.align.moves import Path, _bead_cost

#: A run of consecutive sentence ids: ``range(first, last + 1)``.
Run = range
#: Most sentences left out (skips, or beads below ``block_z``) between two consecutive beads of
#: one moved block.
CHAIN_GAP = 2


def _free(bead: Bead) -> bool:
    """A bead whose sentences the monotone alignment does not hold in place: a skip or a
    moved bead."""
    return bead.moved or not bead.src or not bead.tgt


def runs(ids: Sequence[int]) -> list[Run]:
    """Maximal runs of consecutive ids of the sorted ``ids``. O(len(ids))."""
    runs: list[Run] = []
    for i in ids:
        if runs and runs[-1].stop == i:
            runs[-1] = range(runs[-1].start, i + 1)
        else:
            runs.append(range(i, i + 1))
    return runs


def _gap(fixed_ends: list[int], first: int) -> int:
    """Index of the gap between fixed beads (by their last id on one side, sorted) in which a
    run starting at ``first`` stands."""
    return bisect.bisect_left(fixed_ends, first)


def move_blocks(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Align runs of left-over source sentences with runs of left-over target sentences that
    stand elsewhere (a moved paragraph).

    Left-over: a sentence in a 1-0 or 0-1 bead or in a moved bead, or in an in-place 1-1 bead
    whose content is below ``block_z`` (:func:`_loose`: the search paired it for its length;
    a block that leaves it as skips keeps it as it was; this costs a block a wrong pairing
    only where the block's search, chain rule and cost gain all accept one). Runs: maximal runs of
    consecutive left-over ids on each side. A source run and a target run are a candidate when
    they stand in different gaps between the in-place beads (in the same gap, the monotone
    search has already weighed pairing them) and some sentence of one is at least ``move_z``
    random-pair deviations similar to some sentence of the other; candidates are tried most
    similar first (at most ``2 * move_candidates``). Each is searched on its own (the two runs,
    every shape of the cost model, skips allowed); the longest chain of its beads that each
    reach ``block_z``, with two strong links (:func:`_strength`), is kept
    (:func:`_longest_chain`) when the cost of the beads it replaces (the runs' skips and the
    moved beads that touch them, whose other sentences become skips) falls by more than
    ``move_penalty``, or at all when one of those is a moved n-m bead already; its n-m beads
    are flagged ``moved``.

    Time: O(o * a * (e + h)) for the similarities of the o left-over source and a left-over
    target sentences and O(B * dim) for the weak in-place beads of B beads, then per candidate
    tried a search of r by c sentences for runs of r and
    c sentences, O(r * c * (S * e + h + S * (A + B))); nothing when there are no left-overs.
    """
    if not scorer.has_content or not math.isfinite(config.move_z):
        return beads
    tried: set[tuple[int, int, int, int]] = set()
    for _ in range(2 * config.move_candidates):
        loose = _loose(scorer, beads, config)
        candidate = _best_candidate(scorer, beads, config, tried, loose)
        if candidate is None:
            break
        src_run, tgt_run = candidate
        tried.add((src_run.start, src_run.stop, tgt_run.start, tgt_run.stop))
        replaced = _block_replacement(scorer, beads, src_run, tgt_run, config, loose)
        if replaced is not None:
            beads = replaced
    return beads


def _loose(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> set[int]:
    """Indices of the beads whose sentences a block may take: the free ones (:func:`_free`)
    and the in-place 1-1 beads whose content is below ``block_z`` (the search paired them for
    their lengths alone, e.g. a sentence of a moved paragraph with an addition left where it
    stood). Such a bead that a block leaves as skips stays as it was
    (:func:`_restore_moves`). O(B * dim) for B beads."""
    loose = {k for k, bead in enumerate(beads) if _free(bead)}
    if not scorer.content_spread_single():
        return loose  # no content scale (a document too small): no bead is weak
    weak = [k for k, b in enumerate(beads) if not _free(b) and len(b.src) == len(b.tgt) == 1]
    steps = [(beads[k].src[0], beads[k].tgt[0], 1, 1) for k in weak]
    z = bead_z(steps, scorer, config) if steps else []
    return loose | {k for k, zz in zip(weak, z, strict=True) if zz[0] < config.block_z}


def _best_candidate(
    scorer: BeadScorer,
    beads: list[Bead],
    config: AlignConfig,
    tried: set[tuple[int, int, int, int]],
    loose: set[int],
) -> tuple[Run, Run] | None:
    """The untried (source run, target run) candidate of :func:`move_blocks` whose most
    similar sentence pair is the most similar, or None (``loose``: :func:`_loose`)."""
    free_src = sorted(i for k, bead in enumerate(beads) if k in loose for i in bead.src)
    free_tgt = sorted(j for k, bead in enumerate(beads) if k in loose for j in bead.tgt)
    spread = scorer.content_spread_single()
    if not free_src or not free_tgt or not spread:
        return None
    similarity = scorer.content_matrix(np.array(free_src), np.array(free_tgt))
    assert similarity is not None
    z = similarity / spread
    fixed = [bead for k, bead in enumerate(beads) if k not in loose]
    src_ends = sorted(max(bead.src) for bead in fixed)
    tgt_ends = sorted(max(bead.tgt) for bead in fixed)
    row_of = {i: k for k, i in enumerate(free_src)}
    col_of = {j: k for k, j in enumerate(free_tgt)}
    best: tuple[float, Run, Run] | None = None
    for src_run in runs(free_src):
        rows = [row_of[i] for i in src_run]
        for tgt_run in runs(free_tgt):
            key = (src_run.start, src_run.stop, tgt_run.start, tgt_run.stop)
            if key in tried or _gap(src_ends, src_run.start) == _gap(tgt_ends, tgt_run.start):
                continue
            value = float(z[rows][:, [col_of[j] for j in tgt_run]].max())
            if value >= config.move_z and (best is None or value > best[0]):
                best = (value, src_run, tgt_run)
    return None if best is None else (best[1], best[2])


def _block_replacement(
    scorer: BeadScorer,
    beads: list[Bead],
    src_run: Run,
    tgt_run: Run,
    config: AlignConfig,
    loose: set[int],
) -> list[Bead] | None:
    """``beads`` with ``src_run`` and ``tgt_run`` aligned to each other by a search of the two
    runs, or None when it holds no chain of supported beads (:func:`bead_z`,
    :func:`_longest_chain`: two of ``move_z``, or one where it grows a move made before),
    undoes a move made before (:func:`_restore_moves`, :func:`_keeps_moves`), or lowers the
    cost too little: by no more than ``move_penalty`` for a new block, by nothing where it
    grows a move made before (a moved 1-1 bead that becomes the moved 1-2 bead of its block:
    the move has paid the penalty already)."""
    r0, c0 = src_run.start, tgt_run.start

    def cost(a: int, b: int, rows: range, cols: range) -> np.ndarray:
        shifted_rows = range(rows.start + r0, rows.stop + r0)
        shifted_cols = range(cols.start + c0, cols.stop + c0)
        return scorer.block(a, b, shifted_rows, shifted_cols)[0]

    touched = [
        k
        for k, bead in enumerate(beads)
        if k in loose and (set(bead.src) & set(src_run) or set(bead.tgt) & set(tgt_run))
    ]
    weak = [k for k in touched if not _free(beads[k])]
    moves_before = [k for k in touched if beads[k].moved and beads[k].src and beads[k].tgt]
    steps = search(len(src_run), len(tgt_run), config.shapes(), cost, config.skip_penalty)
    shifted = [(i + r0, j + c0, a, b) for i, j, a, b in steps]
    z = bead_z(shifted, scorer, config)
    steps = _longest_chain(shifted, z, config, 1 if moves_before else 2)
    steps, restored = _restore_moves(beads, moves_before + weak, steps, src_run, tgt_run)
    grown = [beads[k] for k in moves_before if k not in restored]
    kept_steps = set(steps)
    strong = sum(
        _strength(step, zz, config)
        for step, zz in zip(shifted, z, strict=True)
        if step in kept_steps
    )
    if not _keeps_moves(grown, steps) or strong < (1 if grown else 2):
        return None  # a move undone, or no move grown and no new block of two strong beads
    paid = bool(grown)
    cache: dict[tuple[int, int, int, int], float] = {}
    old_cost = sum(_free_bead_cost(scorer, beads[k], config, cache) for k in touched)
    inside = [
        Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), moved=bool(a and b))
        for i, j, a, b in steps
    ]
    replaced = [k for k in touched if k not in restored]
    orphans = [Bead((i,), ()) for k in replaced for i in beads[k].src if i not in src_run] + [
        Bead((), (j,)) for k in replaced for j in beads[k].tgt if j not in tgt_run
    ]
    new_cost = sum(_bead_cost(scorer, step, config.skip_penalty, cache) for step in steps)
    new_cost += config.skip_penalty * len(orphans)
    new_cost += sum(_free_bead_cost(scorer, beads[k], config, cache) for k in restored)
    if old_cost - new_cost <= (0.0 if paid else config.move_penalty):
        return None
    scored = _scored(scorer, inside)
    kept = [bead for k, bead in enumerate(beads) if k not in set(replaced)]
    return in_place_order([*kept, *scored, *orphans])


def _restore_moves(
    beads: Sequence[Bead], moves: Sequence[int], steps: Path, src_run: Run, tgt_run: Run
) -> tuple[Path, set[int]]:
    """``steps`` without the skips of the moved beads ``moves`` (indices into ``beads``) whose
    sentences in the runs are all skips there, and those beads' indices: the block's search or
    chain rule left them out, so they stay as they were (a move the block neither grows nor
    undoes, possibly with sentences outside the runs). O((len(moves) + len(steps)) * (A +
    B))."""
    skipped_src = {i for i, _, a, b in steps if a and not b}
    skipped_tgt = {j for _, j, a, b in steps if b and not a}
    restored: set[int] = set()
    for k in moves:
        src = set(beads[k].src) & set(src_run)
        tgt = set(beads[k].tgt) & set(tgt_run)
        if src <= skipped_src and tgt <= skipped_tgt:
            restored.add(k)
            skipped_src -= src
            skipped_tgt -= tgt
    taken_src = {i for k in restored for i in beads[k].src}
    taken_tgt = {j for k in restored for j in beads[k].tgt}
    kept = [
        (i, j, a, b)
        for i, j, a, b in steps
        if not (a and not b and i in taken_src) and not (b and not a and j in taken_tgt)
    ]
    return kept, restored


def _keeps_moves(moved: Sequence[Bead], steps: Path) -> bool:
    """Whether every bead of ``moved`` has all its sentences in one n-m bead of ``steps``: a
    block may grow the moves made before it (a moved 1-1 bead becomes its block's 1-2 bead)
    but never undo one. O((len(moved) + len(steps)) * (A + B))."""
    step_of_src = {i + n: k for k, (i, _, a, b) in enumerate(steps) if a and b for n in range(a)}
    step_of_tgt = {j + n: k for k, (_, j, a, b) in enumerate(steps) if a and b for n in range(b)}
    for bead in moved:
        homes = {step_of_src.get(i) for i in bead.src} | {step_of_tgt.get(j) for j in bead.tgt}
        if len(homes) != 1 or None in homes:
            return False
    return True


def bead_z(steps: Path, scorer: BeadScorer, config: AlignConfig) -> list[tuple[float, float]]:
    """Content of each step in random-pair deviations, ``(bead, least)`` (-inf for a skip):
    the bead's, and the lower of it and that of its least similar sentence against the bead's
    other side (:meth:`BeadScorer.member_z`). O(len(steps) * (A + B) * dim)."""
    values = []
    for i, j, a, b in steps:
        if not a or not b:
            values.append((-math.inf, -math.inf))
            continue
        features = scorer.features(a, b, range(i, i + 1), range(j, j + 1))
        content = content_similarity(features, config)
        spread = content_spread(features, config)
        assert content is not None and spread
        z = float(content[0, 0]) / spread
        least = min(z, float(features["member_z"][0, 0])) if "member_z" in features else z
        values.append((z, least))
    return values


def _longest_chain(
    steps: Path, z: Sequence[tuple[float, float]], config: AlignConfig, strong_beads: int = 2
) -> Path:
    """``steps`` with only the longest chain of n-m beads kept and the other n-m beads split
    into skips: a moved paragraph moves as a whole, whereas chance pairings between two runs
    are scattered. A chain's beads, each sentence included, reach ``block_z`` (``z``:
    :func:`bead_z`); at most :data:`CHAIN_GAP` sentences left as skips (or in weaker beads)
    stand between two of them (a sentence of the block the editor dropped or rewrote); and it
    holds ``strong_beads`` beads of ``move_z`` or more (two; one where the block reshapes a
    move already made). None such: every bead is split. The search between two runs that
    stand apart may pair what the monotone search never could, and under a lenient mismatch
    term (the ``parallel`` preset) an unrelated pair can cost less than two skips.
    O(len(steps))."""
    chains: list[list[int]] = []
    gap = math.inf
    for k, (_, _, a, b) in enumerate(steps):
        if not a or not b or z[k][1] < config.block_z:
            gap += a + b  # a weak bead becomes skips
            continue
        if gap > CHAIN_GAP:
            chains.append([])
        chains[-1].append(k)
        gap = 0
    strong = [
        c for c in chains if sum(_strength(steps[k], z[k], config) for k in c) >= strong_beads
    ]
    best = set(max(strong, key=len)) if strong else set()
    result: Path = []
    for k, step in enumerate(steps):
        if not step[2] or not step[3] or k in best:
            result.append(step)
        else:
            result.extend(_as_skips(step))
    return result


def _strength(step: tuple[int, int, int, int], z: tuple[float, float], config: AlignConfig) -> int:
    """How many strong links a bead of a block counts (``z``: :func:`bead_z`): none below
    ``move_z``; two for a bead of two or more sentences on a side each of which reaches
    ``move_z`` against the other side, the bead itself reaching ``2 * move_z`` (a merge or
    split whose every sentence is as clear as a moved 1-1 bead and which carries the evidence
    of two such beads); one otherwise. A bead whose sentences only just reach ``move_z``
    counts one: on AlignAR literature (editorial variant) a 1-2 bead of z 2.04 between an
    omitted sentence and two short lines of another bead would otherwise be a block. O(1)."""
    _, _, a, b = step
    if z[0] < config.move_z:
        return 0
    clear = z[1] >= config.move_z and z[0] >= 2 * config.move_z
    return 2 if max(a, b) >= 2 and clear else 1


def _as_skips(step: tuple[int, int, int, int]) -> Path:
    """The 1-0 and 0-1 steps of the sentences of one step."""
    i, j, a, b = step
    return [*((i + n, j, 1, 0) for n in range(a)), *((i + a, j + n, 0, 1) for n in range(b))]


def _free_bead_cost(
    scorer: BeadScorer,
    bead: Bead,
    config: AlignConfig,
    cache: dict[tuple[int, int, int, int], float],
) -> float:
    """Search cost of a skip or of a (contiguous) moved bead."""
    if not bead.src or not bead.tgt:
        return config.skip_penalty * (len(bead.src) + len(bead.tgt))
    step = (bead.src[0], bead.tgt[0], len(bead.src), len(bead.tgt))
    if bead.src != tuple(range(step[0], step[0] + step[2])) or bead.tgt != tuple(
        range(step[1], step[1] + step[3])
    ):
        return config.skip_penalty * (len(bead.src) + len(bead.tgt))  # a spread bead: unscored
    return _bead_cost(scorer, step, config.skip_penalty, cache)


def _scored(scorer: BeadScorer, beads: list[Bead]) -> list[Bead]:
    """``beads`` (contiguous) with their confidences: an n-m bead's (:meth:`BeadScorer.block`),
    1.0 for a skip inside a moved block (the search found nothing in the block for it)."""
    result = []
    for bead in beads:
        if bead.src and bead.tgt:
            a, b = len(bead.src), len(bead.tgt)
            rows, cols = range(bead.src[0], bead.src[0] + 1), range(bead.tgt[0], bead.tgt[0] + 1)
            score = float(scorer.block(a, b, rows, cols)[1][0, 0])
            result.append(Bead(bead.src, bead.tgt, unit_score(score), moved=True))
        else:
            result.append(Bead(bead.src, bead.tgt, 1.0))
    return result


def in_place_order(beads: Sequence[Bead]) -> list[Bead]:
    """``beads`` in reading order: by first source id, a 0-1 bead just before the first
    in-place bead that holds a later target sentence (at the end when none does).
    O(B log B) for B beads."""
    anchored = sorted(
        (min(bead.tgt), min(bead.src)) for bead in beads if bead.src and bead.tgt and not bead.moved
    )
    # the least source id of an in-place bead holding a target id beyond each point
    firsts = [t for t, _ in anchored]
    least_after = [math.inf] * (len(anchored) + 1)
    for k in range(len(anchored) - 1, -1, -1):
        least_after[k] = min(least_after[k + 1], anchored[k][1])

    def key(bead: Bead) -> tuple[float, int, int]:
        if bead.src:
            return (min(bead.src), 1, min(bead.tgt) if bead.tgt else -1)
        j = bead.tgt[0]
        return (least_after[bisect.bisect_right(firsts, j)], 0, j)

    return sorted(beads, key=key)
