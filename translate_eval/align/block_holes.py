"""Holes in moved blocks: two consecutive beads of a moved block with sentences left as skips
between them are searched again, with the skips, by the cost model alone, as the monotone
search treats sentences between two in-place beads (after
:func:`translate_eval.align.block_edges.grow_block_edges`, before the spread links).
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


def _inside(bead: Bead, rows: range, cols: range) -> bool:
    return all(i in rows for i in bead.src) and all(j in cols for j in bead.tgt)


def _holes(beads: Sequence[Bead]) -> list[tuple[Bead, Bead]]:
    """Pairs of moved contiguous n-m beads P, N that follow each other on both sides (P's last
    source and target ids below N's first) with every id between held by a skip, at most
    :data:`CHAIN_GAP` of them on each side and one at least. O(B log B)."""
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
        if len(src) > CHAIN_GAP or len(tgt) > CHAIN_GAP or not (src or tgt):
            continue
        if set(src) <= skip_src and set(tgt) <= skip_tgt:
            holes.append((before, after))
    return holes


def fill_block_holes(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Search each hole of a moved block (:func:`_holes`: beads P and N with skips between)
    again, P, the skips and N together, with the full cost model and every shape, as the
    monotone search does between two in-place beads; the cheapest path replaces them, its n-m
    beads flagged ``moved``, when it keeps two beads at least (the block stays a block). The
    block's chain rule asks ``block_z`` of every bead because two runs that stand apart may
    pair by chance; between two beads of the chain the place vouches, as it does for an
    in-place bead: a sentence of the moved paragraph that the editor rewrote (its content
    below ``block_z``) is paired for its lengths, the rest of a sentence joins its bead (a
    1-2 bead), and a bead that took a sentence too many gives it up. Cost: a source sentence
    dropped from a moved paragraph and an English sentence added at its place are paired
    when their lengths match, and an addition inside a moved paragraph may join a bead of it,
    as in place. O(h * (2 * max_bead + CHAIN_GAP)^2 * S) bead costs for h holes, S shapes."""
    holes = _holes(beads)
    replaced: dict[int, list[Bead]] = {}
    gone: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    where = {(b.src, b.tgt): k for k, b in enumerate(beads)}
    for before, after in holes:
        if (before.src, before.tgt) in gone or (after.src, after.tgt) in gone:
            continue  # N of the last hole is P of this one, and was searched again
        rows = range(before.src[0], after.src[-1] + 1)
        cols = range(before.tgt[0], after.tgt[-1] + 1)
        new = _searched(scorer, rows, cols, config)
        old = {(b.src, b.tgt) for b in beads if _inside(b, rows, cols)}
        if sum(b.moved for b in new) >= 2 and {(b.src, b.tgt) for b in new} != old:
            gone.update(old)
            replaced[where[(before.src, before.tgt)]] = new
    result: list[Bead] = []
    for k, bead in enumerate(beads):
        result.extend(replaced.get(k, []))
        if (bead.src, bead.tgt) not in gone:
            result.append(bead)
    return result


def _searched(scorer: BeadScorer, rows: range, cols: range, config: AlignConfig) -> list[Bead]:
    """The cheapest monotone path of source ``rows`` and target ``cols`` (search costs of the
    aligner), its n-m beads flagged moved with their confidences, skips scored 1.
    O(len(rows) * len(cols) * S) bead costs."""
    r0, c0 = rows.start, cols.start

    def cost(a: int, b: int, src: range, tgt: range) -> np.ndarray:
        shifted = range(src.start + r0, src.stop + r0), range(tgt.start + c0, tgt.stop + c0)
        return scorer.block(a, b, *shifted)[0]

    beads = []
    for i, j, a, b in search(len(rows), len(cols), config.shapes(), cost, config.skip_penalty):
        ids = tuple(range(i + r0, i + r0 + a)), tuple(range(j + c0, j + c0 + b))
        if not a or not b:
            beads.append(Bead(*ids, 1.0))
            continue
        first = range(i + r0, i + r0 + 1), range(j + c0, j + c0 + 1)
        score = float(scorer.block(a, b, *first)[1][0, 0])
        beads.append(Bead(*ids, unit_score(score), moved=True))
    return beads


__all__ = ["fill_block_holes"]
