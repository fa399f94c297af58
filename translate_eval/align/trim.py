"""Trimming beads that swallow unrelated sentences: a member sentence whose content is at random
level against the bead's other side, in a bead whose other members are clearly related, leaves
as a 1-0 or 0-1 bead (an editor's addition or omission the search took in with its neighbours).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import in_place_order, runs
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer


def trim_unrelated(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Take out of each bead with two or more sentences on a side, one at a time, the member
    whose best content similarity with a sentence of the other side is lowest while it is below
    ``trim_z`` random-pair deviations of single sentences, and while the bead keeps a pair at
    least ``move_z`` (the rest is clearly related) and the member stands at an edge of a run of
    the bead's ids (taking it splits no run: an in-place bead stays contiguous). The member
    becomes a 1-0 or 0-1 bead; the bead keeps its flags and is scored again (:func:`_score`).
    The length term is not asked: an editor who adds a sentence beside a rendered one leaves
    a bead whose lengths fit the pair better than the single sentence (the reason the search
    took it in), and no cost test is either (the search has weighed the shorter bead).
    ``trim_z`` inf: off. O(sum over beads of a * b * dim) for a-b beads, and O(a * b) per
    member taken out, plus O(B log B) to reorder B beads when any changes."""
    spread = scorer.content_spread_single()
    if not math.isfinite(config.trim_z) or not spread:
        return beads
    result: list[Bead] = []
    changed = False
    for bead in beads:
        if not bead.src or not bead.tgt or max(len(bead.src), len(bead.tgt)) < 2:
            result.append(bead)
            continue
        similarity = scorer.content_matrix(np.array(bead.src), np.array(bead.tgt))
        assert similarity is not None
        src_kept, tgt_kept = _trimmed(
            similarity / spread, (bead.src, bead.tgt), config.trim_z, config.move_z
        )
        if len(src_kept) == len(bead.src) and len(tgt_kept) == len(bead.tgt):
            result.append(bead)
            continue
        src = tuple(bead.src[r] for r in src_kept)
        tgt = tuple(bead.tgt[c] for c in tgt_kept)
        changed = True
        kept = Bead(src, tgt, _score(scorer, src, tgt, bead.score), moved=bead.moved)
        result.append(kept)
        out_src = [i for i in bead.src if i not in src]
        result.extend(_left_out(scorer, out_src, [j for j in bead.tgt if j not in tgt], kept))
    return in_place_order(result) if changed else beads


def _trimmed(
    z: np.ndarray, ids: tuple[Sequence[int], Sequence[int]], trim_z: float, keep_z: float
) -> tuple[list[int], list[int]]:
    """Rows and columns of ``z`` (similarities of a bead's source ids ``ids[0]`` with its
    target ids ``ids[1]``) that stay: the weakest member (by its best value on the other side)
    goes while that is below ``trim_z``, the rest of ``z`` still reaches ``keep_z``, its side
    has two or more members and its id is the first or last of a run of consecutive ids on
    its side. O(a * b) per member."""
    rows, cols = list(range(z.shape[0])), list(range(z.shape[1]))
    while True:
        options: list[tuple[float, str, int]] = []
        block = z[np.ix_(rows, cols)]
        if len(rows) >= 2:
            options += [(float(v), "src", r) for r, v in zip(rows, block.max(axis=1), strict=True)]
        if len(cols) >= 2:
            options += [(float(v), "tgt", c) for c, v in zip(cols, block.max(axis=0), strict=True)]
        options = [
            (value, side, member)
            for value, side, member in options
            if value < trim_z and _at_edge(ids, rows if side == "src" else cols, side, member)
        ]
        if not options:
            return rows, cols
        _, side, member = min(options)
        rest_rows = [r for r in rows if r != member] if side == "src" else rows
        rest_cols = [c for c in cols if c != member] if side == "tgt" else cols
        if float(z[np.ix_(rest_rows, rest_cols)].max()) < keep_z:
            return rows, cols
        rows, cols = rest_rows, rest_cols


def _at_edge(
    ids: tuple[Sequence[int], Sequence[int]], kept: Sequence[int], side: str, member: int
) -> bool:
    """Whether the id at position ``member`` of ``side`` is the first or last of its run of
    consecutive ids among the kept positions ``kept``."""
    side_ids = ids[0] if side == "src" else ids[1]
    sentence = side_ids[member]
    kept_ids = sorted(side_ids[k] for k in kept)
    return any(sentence in (run.start, run.stop - 1) for run in runs(kept_ids))


def _score(scorer: BeadScorer, src: Sequence[int], tgt: Sequence[int], held: float) -> float:
    """Confidence of a trimmed bead: the search's (:meth:`BeadScorer.paired_confidence`) when
    both sides are runs of consecutive ids, else ``held`` (the bead's score before). O(dim)."""
    if len(runs(list(src))) != 1 or len(runs(list(tgt))) != 1:
        return held
    confidence = scorer.paired_confidence(
        len(src), len(tgt), np.array([src[0]]), np.array([tgt[0]])
    )
    return unit_score(float(confidence[0]))


def _left_out(scorer: BeadScorer, src: Sequence[int], tgt: Sequence[int], kept: Bead) -> list[Bead]:
    """1-0 beads of source ids ``src`` and 0-1 beads of target ids ``tgt`` taken out of a bead
    that keeps ``kept``, each scored as the search scores a skip: 1 minus its best
    confidence against a sentence of the other side (here: of ``kept``). O((len(src) +
    len(tgt)) * kept size * dim)."""
    left: list[Bead] = []
    for i in src:
        best = scorer.paired_confidence(1, 1, np.full(len(kept.tgt), i), np.array(kept.tgt))
        left.append(Bead((i,), (), unit_score(1.0 - float(best.max()))))
    for j in tgt:
        best = scorer.paired_confidence(1, 1, np.array(kept.src), np.full(len(kept.src), j))
        left.append(Bead((), (j,), unit_score(1.0 - float(best.max()))))
    return left


__all__ = ["trim_unrelated"]
