"""Moves the order does not support: a moved bead that crosses no bead, or only in-place beads
too weak to hold the order, is put in place (the last step of the reordering pass)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import bead_z, in_place_order
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.moves import _bead_cost


def _contiguous(ids: Sequence[int]) -> bool:
    return bool(ids) and max(ids) - min(ids) + 1 == len(ids)


def crosses(first: Bead, second: Bead) -> bool:
    """The two beads (both sides filled) stand in opposite orders on the two sides: all of
    one's source ids before the other's and all of its target ids after, or the reverse."""
    before_src = max(first.src) < min(second.src)
    after_src = min(first.src) > max(second.src)
    before_tgt = max(first.tgt) < min(second.tgt)
    after_tgt = min(first.tgt) > max(second.tgt)
    return (before_src and after_tgt) or (after_src and before_tgt)


def settle_unsupported_moves(
    scorer: BeadScorer, beads: list[Bead], config: AlignConfig
) -> list[Bead]:
    """Put in place the moved beads whose move the rest of the alignment does not support.

    A contiguous moved bead M (contiguous ids on both sides; spread beads are left as they are)
    is out of order only against the beads it crosses (:func:`crosses`). When it crosses none it
    is in order with every bead and is no move: its flag goes. When every bead it crosses is an
    in-place 1-1 bead whose content is below ``move_z`` (the search paired it for its lengths)
    while M's own content reaches ``move_z``, the order M contradicts rests on weaker evidence
    than M: those beads become skips (one a sentence, scored 1 minus the bead's confidence) and
    M is put in place. A moved bead that crosses another moved bead, an in-place n-m bead (the
    order of its several sentences is evidence even where its content is weak: a lead moved to
    the end crosses the one weak n-m bead the search made of the rest), or an in-place bead of
    ``move_z`` keeps its flag. A bead put in place (either way) takes the skips just beside it
    when the cost model prefers them in one bead (:func:`_with_neighbours`). Moved beads are
    settled strongest first, each against the beads as they stand then.

    Cost: a true move across a sentence the search paired for its length alone (a summarised
    sentence in place, content below ``move_z``) loses its flag, and the weak pairing goes.
    Time: O(M * B) crossing tests and O((M + B) * dim) for the content of M moved and B beads,
    plus O(B log B) per bead put in place for the reading order."""
    spread = scorer.content_spread_single()
    movable = [b for b in beads if b.moved and _contiguous(b.src) and _contiguous(b.tgt)]
    if not spread or not movable or not scorer.has_content:
        return beads
    steps = [
        (b.src[0], b.tgt[0], len(b.src), len(b.tgt))
        for b in beads
        if b.src and b.tgt and _contiguous(b.src) and _contiguous(b.tgt)
    ]
    z_of = {step: z for step, (z, _) in zip(steps, bead_z(steps, scorer, config), strict=True)}

    def z(bead: Bead) -> float:
        return z_of.get((bead.src[0], bead.tgt[0], len(bead.src), len(bead.tgt)), -float("inf"))

    for bead in sorted(movable, key=z, reverse=True):
        crossed = [b for b in beads if b.src and b.tgt and b != bead and crosses(bead, b)]
        if crossed and (
            z(bead) < config.move_z or not all(_weak(b, z(b), config) for b in crossed)
        ):
            continue
        skips = [Bead((i,), (), unit_score(1.0 - b.score)) for b in crossed for i in b.src]
        skips += [Bead((), (j,), unit_score(1.0 - b.score)) for b in crossed for j in b.tgt]
        kept = [b for b in beads if b != bead and b not in crossed]
        beads = in_place_order([*kept, *skips])
        beads = in_place_order(_with_neighbours(scorer, beads, bead, config))
    return beads


def _weak(bead: Bead, z: float, config: AlignConfig) -> bool:
    """An in-place 1-1 bead whose content is below ``move_z``: a pairing of lengths."""
    return not bead.moved and len(bead.src) == len(bead.tgt) == 1 and z < config.move_z


def _skip_run(beads: Sequence[Bead], side: int, ids: range) -> list[int]:
    """The ids of ``ids`` (in order, from the first) that 1-0 (``side`` 0) or 0-1 (1) beads
    hold, up to the first one they do not."""
    held = {b.src[0] if side == 0 else b.tgt[0] for b in beads if _is_skip(b, side)}
    run = []
    for i in ids:
        if i not in held:
            break
        run.append(i)
    return run


def _is_skip(bead: Bead, side: int) -> bool:
    return bool(bead.src if side == 0 else bead.tgt) and not (bead.tgt if side == 0 else bead.src)


def _with_neighbours(
    scorer: BeadScorer, beads: list[Bead], bead: Bead, config: AlignConfig
) -> list[Bead]:
    """``beads`` with ``bead`` put in place, joined by the skips just before and after it on
    each side when the cost model prefers them in one bead (the bead's cost plus a skip's for
    each sentence left out is lowest): the search would have weighed them had it seen the pair.
    O(src_limit**2 * tgt_limit**2) bead costs."""
    sides = []
    for side, ids, limit, size in (
        (0, bead.src, config.src_limit, scorer.n_src),
        (1, bead.tgt, config.tgt_limit, scorer.n_tgt),
    ):
        room = limit - len(ids)
        before = _skip_run(beads, side, range(min(ids) - 1, max(-1, min(ids) - 1 - room), -1))
        after = _skip_run(beads, side, range(max(ids) + 1, min(size, max(ids) + 1 + room)))
        sides.append((min(ids), max(ids), before, after, room))
    best, best_cost = (bead.src, bead.tgt), math.inf
    cache: dict[tuple[int, int, int, int], float] = {}
    (s0, s1, s_before, s_after, s_room), (t0, t1, t_before, t_after, t_room) = sides
    for sb in range(len(s_before) + 1):
        for sa in range(min(len(s_after), s_room - sb) + 1):
            for tb in range(len(t_before) + 1):
                for ta in range(min(len(t_after), t_room - tb) + 1):
                    step = (s0 - sb, t0 - tb, s1 - s0 + 1 + sb + sa, t1 - t0 + 1 + tb + ta)
                    left_out = len(s_before) + len(s_after) + len(t_before) + len(t_after)
                    left_out -= sb + sa + tb + ta
                    cost = _bead_cost(scorer, step, config.skip_penalty, cache)
                    cost += left_out * config.skip_penalty
                    if cost < best_cost:
                        best_cost = cost
                        best = (
                            tuple(range(step[0], step[0] + step[2])),
                            tuple(range(step[1], step[1] + step[3])),
                        )
    src, tgt = best
    rest = [
        b
        for b in beads
        if not ((_is_skip(b, 0) and b.src[0] in src) or (_is_skip(b, 1) and b.tgt[0] in tgt))
    ]
    score = bead.score
    if (src, tgt) != (bead.src, bead.tgt):
        rows, cols = range(src[0], src[0] + 1), range(tgt[0], tgt[0] + 1)
        score = unit_score(float(scorer.block(len(src), len(tgt), rows, cols)[1][0, 0]))
    return [*rest, Bead(src, tgt, score)]
