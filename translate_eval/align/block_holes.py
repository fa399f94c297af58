"""Holes in moved blocks: sentences left as skips between two consecutive beads of a moved block
on both sides are searched again with the cost model alone, as the monotone search pairs
in-place sentences for their lengths (after :func:`translate_eval.align.blocks.move_blocks`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import CHAIN_GAP
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.dp import search


def _contiguous(ids: Sequence[int]) -> bool:
    return bool(ids) and ids[-1] - ids[0] + 1 == len(ids)


def _holes(beads: Sequence[Bead]) -> list[tuple[range, range]]:
    """(source ids, target ids) strictly between two moved contiguous n-m beads P and N that
    follow each other on both sides (P's last source and target ids below N's first), every id
    between held by a skip, one to :data:`CHAIN_GAP` of them on each side. O(B log B)."""
    skip_src = {b.src[0] for b in beads if len(b.src) == 1 and not b.tgt}
    skip_tgt = {b.tgt[0] for b in beads if len(b.tgt) == 1 and not b.src}
    moved = sorted(
        (b for b in beads if b.moved and _contiguous(b.src) and _contiguous(b.tgt)),
        key=lambda b: b.src[0],
    )
    holes = []
    for before, after in itertools.pairwise(moved):
        src = range(before.src[-1] + 1, after.src[0])
        tgt = range(before.tgt[-1] + 1, after.tgt[0])
        if not (1 <= len(src) <= CHAIN_GAP and 1 <= len(tgt) <= CHAIN_GAP):
            continue
        if set(src) <= skip_src and set(tgt) <= skip_tgt:
            holes.append((src, tgt))
    return holes


def fill_block_holes(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Search each hole of a moved block (:func:`_holes`) with the full cost model, as the
    monotone search does between two in-place beads; the n-m beads it finds (a pairing
    that costs less than its skips) replace the skips, flagged ``moved``. The block's chain
    rule asks ``block_z`` of every bead because two runs that stand apart may pair by chance;
    between two beads of the chain on both sides the place vouches for the pairing, as it does
    for an in-place bead (a sentence of the moved paragraph that the editor rewrote, whose
    content the MT no longer shows). Cost: a source sentence the editor dropped from a moved
    paragraph and an English sentence added at its place are paired when their lengths
    match, as in place. O(h * CHAIN_GAP^2 * S) bead costs for h holes and S shapes."""
    holes = _holes(beads)
    if not holes:
        return beads
    replaced: dict[int, list[Bead]] = {}
    gone: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    where = {(b.src, b.tgt): k for k, b in enumerate(beads)}
    for src, tgt in holes:
        r0, c0 = src.start, tgt.start

        def cost(
            a: int, b: int, rows: range, cols: range, r0: int = r0, c0: int = c0
        ) -> np.ndarray:
            shifted = range(rows.start + r0, rows.stop + r0), range(cols.start + c0, cols.stop + c0)
            return scorer.block(a, b, *shifted)[0]

        path = search(len(src), len(tgt), config.shapes(), cost, config.skip_penalty)
        new = []
        for i, j, a, b in path:
            if not a or not b:
                continue
            rows, cols = range(i + r0, i + r0 + 1), range(j + c0, j + c0 + 1)
            score = float(scorer.block(a, b, rows, cols)[1][0, 0])
            ids = (tuple(range(i + r0, i + r0 + a)), tuple(range(j + c0, j + c0 + b)))
            new.append(Bead(*ids, unit_score(score), moved=True))
            gone.update({((s,), ()) for s in ids[0]} | {((), (t,)) for t in ids[1]})
        if new:
            replaced[where[((src.start,), ())]] = new
    result: list[Bead] = []
    for k, bead in enumerate(beads):
        result.extend(replaced.get(k, []))
        if (bead.src, bead.tgt) not in gone:
            result.append(bead)
    return result


__all__ = ["fill_block_holes"]
