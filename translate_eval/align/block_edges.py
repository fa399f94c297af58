"""Edges of moved content: a target sentence standing next to a moved bead whose content is that
bead's source, or the source sentence next to it, joins it (after
:func:`translate_eval.align.blocks.move_blocks`, before the spread links).

The block search sees only the sentences left over; a sentence of the moved paragraph that the
monotone search paired in place (a 1-1 bead it holds for want of better, or the edge of a
split), or that stands in the block's target span, stays outside the block although its
position and content both say it belongs there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import in_place_order
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.spread import best_and_lead


def _moved_beads(beads: list[Bead]) -> list[int]:
    """Indices of the moved n-m beads (a block's, or a single move's). O(B)."""
    return [k for k, b in enumerate(beads) if b.moved and b.src and b.tgt]


def grow_block_edges(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Join to a moved bead M (of a block, or a single move) the target sentence ``j`` just
    before or just after M's target sentences (not in a moved bead itself; held by a skip, an
    in-place 1-1 bead, or an in-place bead of two or more target sentences whose first or last
    it is) when ``j``'s most similar source sentence ``i`` (at least ``block_z``,
    ``move_margin`` ahead of the runner-up) is M's source, or the source sentence just
    before or after M's, held by a skip or an in-place 1-1 bead: M gains ``j`` (within
    ``max_tgt_bead``), or ``[i]:[j]`` is a new moved bead beside M. A bead that gives a
    sentence up must be less similar to it than the new pair (``i`` against ``j``); an
    in-place 1-1 bead leaves its other sentence as a skip, a larger one keeps the rest. The
    place (next to M on both sides where a new bead is made) and the content (``j``'s best
    source, with a lead) both say ``j`` belongs with M; unlike the block search this ignores
    the length term, so a summarised sentence of the paragraph joins too. Cost: a sentence of
    an in-place bead next to a moved bead whose content leads for the moved source is taken
    from its bead even where the editor left it in place (it then renders that source better
    than its own). A bead gains or gives up one sentence a pass, repeated while something
    joins (at most ``max_tgt_bead`` passes). O(passes * (e B + t n (e + h))) for B beads and
    the t target sentences next to moved beads."""
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
    """What one pass joins: moved beads by index with their new form (``grown``), new moved
    beads, and the indices of the skips and in-place beads that give a sentence up."""

    grown: dict[int, Bead] = field(default_factory=dict)
    new: list[Bead] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)


def _takeable(bead: Bead, j: int | None = None) -> bool:
    """A skip or an in-place 1-1 bead (or, for target ``j``, an in-place bead of two or more
    target sentences of which ``j`` is the first or the last)."""
    if bead.moved:
        return False
    edge = j is not None and len(bead.tgt) >= 2 and j in (bead.tgt[0], bead.tgt[-1])
    return not bead.src or not bead.tgt or len(bead.src) == len(bead.tgt) == 1 or edge


def _grow_once(
    scorer: BeadScorer, beads: list[Bead], config: AlignConfig, spread: float
) -> list[Bead] | None:
    """One pass of :func:`grow_block_edges`; None when nothing joins."""
    holder_tgt = {j: k for k, b in enumerate(beads) for j in b.tgt}
    holder_src = {i: k for k, b in enumerate(beads) for i in b.src}
    candidates = [
        (m, j)
        for m in _moved_beads(beads)
        for j in (min(beads[m].tgt) - 1, max(beads[m].tgt) + 1)
        if 0 <= j < scorer.n_tgt and _takeable(beads[holder_tgt[j]], j)
    ]
    if not candidates:
        return None
    similarity = scorer.content_matrix(
        np.arange(scorer.n_src), np.array([j for _, j in candidates])
    )
    assert similarity is not None
    z = similarity / spread
    best, lead = best_and_lead(z, axis=0)
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
    """Add to ``plan`` the join of target ``j`` to moved bead ``m`` (``where``: m, i, j; ``i``
    the best source of ``j``, ``pair_z`` their similarity; ``owner_*``: the beads holding
    them), when the rules of :func:`grow_block_edges` allow it and nothing in the plan uses
    those beads yet."""
    m, i, j = where
    bead = beads[m]
    if m in plan.grown or owner_j in plan.taken or not _weaker(scorer, beads[owner_j], pair_z, j):
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


def _weaker(scorer: BeadScorer, owner: Bead, pair_z: float, j: int | None = None) -> bool:
    """Whether ``owner`` is a skip, or a bead whose source is less similar (random-pair
    deviations) than the new pair's ``pair_z`` to its target (to target ``j`` alone when it
    has two or more): taking a sentence from it loses less than the pair gains. O(dim)."""
    if not owner.src or not owner.tgt:
        return True
    tgt = owner.tgt if j is None or len(owner.tgt) == 1 else (j,)
    own = scorer.content_matrix(np.array(owner.src), np.array(tgt))
    spread = scorer.content_spread_single()
    assert own is not None and spread
    return float(own.max()) / spread < pair_z


def _leftovers(bead: Bead, plan: _Plan) -> list[Bead]:
    """What stays of a skip or in-place ``bead`` once the sentences that ``plan`` gives to a
    grown or new bead are gone: its other sentences as skips (a bead of two or more target
    sentences keeps its source and other targets)."""
    used_src = {i for b in plan.new for i in b.src}
    used_tgt = {j for b in [*plan.new, *plan.grown.values()] for j in b.tgt}
    if bead.src and len(bead.tgt) >= 2:  # an edge sentence went: the bead keeps the rest
        return [Bead(bead.src, tuple(j for j in bead.tgt if j not in used_tgt), bead.score)]
    rest = [Bead((i,), ()) for i in bead.src if i not in used_src]
    rest += [Bead((), (j,)) for j in bead.tgt if j not in used_tgt]
    return rest
