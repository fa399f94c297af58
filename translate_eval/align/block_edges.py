"""Edges of moved blocks: a target sentence standing next to a moved bead of a block whose
content is that bead's source, or the source sentence next to it, joins the block (after
:func:`translate_eval.align.blocks.move_blocks`, before the spread links).

The block search sees only the sentences left over; a sentence of the moved paragraph that the
monotone search paired in place (a 1-1 bead it holds for want of better), or that stands in the
block's target span, stays outside the block although its position and content both say it
belongs there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import in_place_order
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.spread import _best_and_lead


def _block_beads(beads: list[Bead]) -> set[int]:
    """Indices of the moved n-m beads of a block: a moved bead whose source sentence just
    before or just after is in another moved n-m bead. O(B)."""
    moved_src = {i: k for k, b in enumerate(beads) if b.moved and b.src and b.tgt for i in b.src}
    found = set()
    for k, bead in enumerate(beads):
        if bead.moved and bead.src and bead.tgt:
            neighbours = {moved_src.get(min(bead.src) - 1), moved_src.get(max(bead.src) + 1)}
            if neighbours - {None, k}:
                found.add(k)
    return found


def grow_block_edges(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Join to a moved block the target sentence ``j`` just before or just after the target
    sentences of one of its beads M (not in a moved bead itself, and held by a skip or an
    in-place 1-1 bead) when ``j``'s most similar source sentence ``i`` (at least ``block_z``,
    ``move_margin`` ahead of the runner-up) is M's source, or the source sentence just
    before or after M's, held by a skip or an in-place 1-1 bead: M gains ``j`` (within
    ``max_tgt_bead``), or ``[i]:[j]`` is a new moved bead of the block. An in-place 1-1 bead
    that loses a sentence leaves its other sentence as a skip; it must be less similar than
    the new pair (``i`` against ``j``). The place (next to the block on both sides where a
    new bead is made) and the content (``j``'s best source, with a lead) both say ``j``
    belongs to the block; unlike the block search this ignores the length term, so a
    summarised sentence of the paragraph joins too. Cost: a sentence of an in-place bead next
    to a moved block whose content leads for the block's source is taken from its bead even
    where the editor left it in place (it then renders that source better than its own).
    A bead gains or gives up one sentence a pass, repeated while something joins (at most
    ``max_tgt_bead`` passes). O(passes * (e B + t n (e + h))) for B beads and the t target
    sentences next to block beads."""
    spread = scorer.content_spread_single()
    if not spread or not math.isfinite(config.move_z):
        return beads
    for _ in range(config.tgt_limit):
        grown = _grow_once(scorer, beads, config, spread)
        if grown is None:
            return beads
        beads = grown
    return beads


@dataclass
class _Plan:
    """What one pass joins: block beads by index with their new form (``grown``), new moved
    beads, and the indices of the skips and in-place beads that give a sentence up."""

    grown: dict[int, Bead] = field(default_factory=dict)
    new: list[Bead] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)


def _takeable(bead: Bead) -> bool:
    """A skip or an in-place 1-1 bead."""
    return not bead.moved and (not bead.src or not bead.tgt or len(bead.src) == len(bead.tgt) == 1)


def _grow_once(
    scorer: BeadScorer, beads: list[Bead], config: AlignConfig, spread: float
) -> list[Bead] | None:
    """One pass of :func:`grow_block_edges`; None when nothing joins."""
    holder_tgt = {j: k for k, b in enumerate(beads) for j in b.tgt}
    holder_src = {i: k for k, b in enumerate(beads) for i in b.src}
    candidates = [
        (m, j)
        for m in sorted(_block_beads(beads))
        for j in (min(beads[m].tgt) - 1, max(beads[m].tgt) + 1)
        if 0 <= j < scorer.n_tgt and _takeable(beads[holder_tgt[j]])
    ]
    if not candidates:
        return None
    similarity = scorer.content_matrix(
        np.arange(scorer.n_src), np.array([j for _, j in candidates])
    )
    assert similarity is not None
    z = similarity / spread
    best, lead = _best_and_lead(z, axis=0)
    plan = _Plan()
    for col, (m, j) in enumerate(candidates):
        i = int(best[col])
        if z[i, col] >= config.block_z and lead[col] >= config.move_margin:
            _join(
                scorer,
                beads,
                config,
                plan,
                (m, i, j),
                float(z[i, col]),
                holder_src[i],
                holder_tgt[j],
            )
    if not plan.new and not plan.grown:
        return None
    kept: list[Bead] = []
    for k, bead in enumerate(beads):
        if k in plan.taken:
            kept.extend(_leftovers(bead, plan))
        else:
            kept.append(plan.grown.get(k, bead))
    return in_place_order([*kept, *plan.new])


def _join(
    scorer: BeadScorer,
    beads: list[Bead],
    config: AlignConfig,
    plan: _Plan,
    where: tuple[int, int, int],
    pair_z: float,
    owner_i: int,
    owner_j: int,
) -> None:
    """Add to ``plan`` the join of target ``j`` to block bead ``m`` (``where``: m, i, j; ``i``
    the best source of ``j``, ``pair_z`` their similarity; ``owner_*``: the beads holding
    them), when the rules of :func:`grow_block_edges` allow it and nothing in the plan uses
    those beads yet."""
    m, i, j = where
    bead = beads[m]
    if m in plan.grown or owner_j in plan.taken or not _weaker(scorer, beads[owner_j], pair_z):
        return
    if i in bead.src:
        if len(bead.tgt) < config.tgt_limit:
            plan.grown[m] = Bead(bead.src, tuple(sorted([*bead.tgt, j])), bead.score, moved=True)
            plan.taken.add(owner_j)
        return
    beside = i in (min(bead.src) - 1, max(bead.src) + 1)
    if not beside or owner_i in plan.taken or owner_i in plan.grown:
        return
    if not _takeable(beads[owner_i]) or not _weaker(scorer, beads[owner_i], pair_z):
        return
    score = float(scorer.paired_confidence(1, 1, np.array([i]), np.array([j]))[0])
    plan.new.append(Bead((i,), (j,), unit_score(score), moved=True))
    plan.taken.update({owner_i, owner_j})


def _weaker(scorer: BeadScorer, owner: Bead, pair_z: float) -> bool:
    """Whether ``owner`` is a skip or an in-place 1-1 bead less similar (random-pair
    deviations) than the new pair's ``pair_z``: taking a sentence from it loses less than the
    pair gains. O(dim)."""
    if not owner.src or not owner.tgt:
        return True
    own = scorer.content_matrix(np.array(owner.src), np.array(owner.tgt))
    spread = scorer.content_spread_single()
    assert own is not None and spread
    return float(own[0, 0]) / spread < pair_z


def _leftovers(bead: Bead, plan: _Plan) -> list[Bead]:
    """What stays of a skip or in-place 1-1 ``bead`` once the sentences that ``plan`` gives to
    a grown or new bead are gone: its other sentences as skips."""
    used_src = {i for b in plan.new for i in b.src}
    used_tgt = {j for b in [*plan.new, *plan.grown.values()] for j in b.tgt}
    rest = [Bead((i,), ()) for i in bead.src if i not in used_src]
    rest += [Bead((), (j,)) for j in bead.tgt if j not in used_tgt]
    return rest
