"""Links that carry content elsewhere: left-over sentence pairs that are anchors (each the
other's most similar in the whole document), and target sentences that carry part of a source
sentence placed far from the rest of its English (spread links, non-contiguous beads such as
``[5]:[4, 5, 6, 14]``). The anchors come before the moved blocks of :mod:`blocks`, the spread
links last.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Sequence

import numpy as np

from translate_eval.align.bead_sets import set_cost
from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.blocks import _free, _loose, bead_z
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.moves import _bead_cost, _mutual_best

_log = logging.getLogger(__name__)


def pair_anchors(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Pair a left-over source sentence (1-0) with a left-over target sentence (0-1) when they
    are anchors: each is the other's most similar sentence in the whole document, at least
    ``move_z`` random-pair deviations above random and ``move_margin`` ahead of the runner-up
    both ways. Unlike the search, this ignores the length term: an editor who drops half a
    sentence leaves a pair whose lengths the Gale-Church model finds impossible. Beads side by
    side are left as they are (the search has weighed pairing them; a gold bead that lost one
    side leaves such neighbours). The pair takes the source's place, flagged ``moved``.
    O((o * m + n * a) * (e + h)) for o omissions and a additions."""
    spread = scorer.content_spread_single()
    omitted = [k for k, bead in enumerate(beads) if len(bead.src) == 1 and not bead.tgt]
    added = [k for k, bead in enumerate(beads) if len(bead.tgt) == 1 and not bead.src]
    if not spread or not omitted or not added:
        return beads
    src_ids = np.array([beads[k].src[0] for k in omitted])
    tgt_ids = np.array([beads[k].tgt[0] for k in added])
    rows = scorer.content_matrix(src_ids, np.arange(scorer.n_tgt))  # omitted x every target
    cols = scorer.content_matrix(np.arange(scorer.n_src), tgt_ids)  # every source x added
    assert rows is not None and cols is not None
    row_best, row_lead = best_and_lead(rows / spread, axis=1)
    col_best, col_lead = best_and_lead(cols / spread, axis=0)
    position_of_tgt = {j: n for n, j in enumerate(tgt_ids.tolist())}
    replaced: dict[int, Bead] = {}
    dropped: set[int] = set()
    for row, i in enumerate(src_ids.tolist()):
        j = int(row_best[row])
        col = position_of_tgt.get(j)
        if col is None or int(col_best[col]) != i:
            continue
        z = float(rows[row, j] / spread)
        if z < config.move_z or min(row_lead[row], col_lead[col]) < config.move_margin:
            continue
        src_index, tgt_index = omitted[row], added[col]
        if abs(src_index - tgt_index) <= 1:
            continue  # side by side: the search has weighed this pair
        score = float(scorer.paired_confidence(1, 1, np.array([i]), np.array([j]))[0])
        replaced[src_index] = Bead((i,), (j,), unit_score(score), moved=True)
        dropped.add(tgt_index)
    return [replaced.get(k, bead) for k, bead in enumerate(beads) if k not in dropped]


def best_and_lead(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Index of the largest value along ``axis`` and its lead over the runner-up (inf when
    there is none). O(size of z)."""
    order = np.argsort(-z, axis=axis)
    top = np.take_along_axis(z, np.take(order, [0], axis=axis), axis=axis)
    if z.shape[axis] < 2:
        return np.take(order, 0, axis=axis), np.full(top.size, np.inf)
    runner = np.take_along_axis(z, np.take(order, [1], axis=axis), axis=axis)
    return np.take(order, 0, axis=axis), (top - runner).ravel()


def attach_spread(scorer: BeadScorer, beads: list[Bead], config: AlignConfig) -> list[Bead]:
    """Link each target sentence left as an addition (a 0-1 bead, or the target of a weak 1-1 bead)
    to the source sentence whose content it carries, when that is clear: the source sentence is
    its most similar, at least ``spread_z`` random-pair deviations above random and
    ``move_margin`` ahead of the runner-up; the source's bead already holds target sentences
    (the source's content is in the English, and this sentence carries a part of it placed
    elsewhere), and the target sentences of some in-place bead stand between them and this one
    (a neighbour would make a contiguous split, which the search has weighed); and the bead's
    cost with this sentence (:func:`set_cost`) is below its cost without it plus a skip, by more
    than the same gain for the beads that hold the nearest target sentences before and after it
    (a sentence its neighbours explain as well is no part of a far source) plus ``spread_gain``.
    When the source's bead is a moved bead, only a sentence that stands where the source
    belongs, between the in-place beads around it (:func:`_at_home`), may join it, and pays no
    ``spread_gain``: the move took one part of the source far away, and this is the part left in
    place, which its half length kept the search from pairing (:func:`_charge`); its similarity
    need reach only ``block_z``, the place vouching for it as a moved paragraph vouches for its
    weak beads (half a sentence shares few n-grams with the MT of the whole: such a part may
    link to a source it does not render when it stands beside a wrongly moved bead, whose move
    it then makes look surer; it must still gain more than its neighbours' beads). The bead
    gains the target id (ids kept sorted: ``[5]:[4, 5, 6, 14]``) and is flagged ``moved``; the
    0-1 bead goes. The target sentence of an in-place 1-1 bead whose content is below
    ``block_z`` (the search paired it for its lengths, :func:`blocks._loose`) is a candidate
    too, as an addition is: its link must also pay for the weak pairing it breaks (the gain
    counts that bead's cost against two skips), and the bead's source is left a skip. So is the
    first or last target sentence of any other in-place bead (:func:`_edge_members`: a far
    part the search folded into a neighbour's split, or paired for its length with a source
    the editor dropped) whose far source's similarity exceeds that of each of the bead's own
    sources by ``move_z`` or more: its link must pay for what the bead loses
    (:func:`_release_gain`), and the bead keeps its other sentences (a 1-1 bead leaves its
    source a skip). An in-place bead that a far part joins yields to it when its own targets
    do not render its source (:func:`_yielding`): it keeps the far part alone, a move, and its
    targets become additions. Cost: a far source clearly like a sentence the search paired
    weakly in place takes it, even where the editor rewrote that sentence in place beyond
    recognition.
    O(additions * n * (e + h) + m * (2 * move_window + 256) * (e + h)) and O(B log B) for B
    beads (:func:`_best_sources`), plus O(bead size * dim + log B) per link tried."""
    spread = scorer.content_spread_single()
    if not math.isfinite(config.spread_z) or not spread:
        return beads
    weak = {k for k in _loose(scorer, beads, config) if not _free(beads[k])}
    added = [k for k, bead in enumerate(beads) if (bead.tgt and not bead.src) or k in weak]
    held = _edge_members(beads, weak)
    candidates = [(k, beads[k].tgt[0]) for k in added] + held
    if not candidates:
        return beads
    best_src, best_z, lead = _best_sources(scorer, beads, added, held, config)
    bead_of_src = {i: k for k, bead in enumerate(beads) for i in bead.src}
    in_place = {j for bead in beads if bead.src and not bead.moved for j in bead.tgt}
    holder = {j: bead for bead in beads if bead.src for j in bead.tgt}
    fixed = sorted(
        (min(b.src), max(b.src), min(b.tgt), max(b.tgt))
        for b in beads
        if b.src and b.tgt and not b.moved
    )
    extra: dict[int, list[int]] = {}
    dropped: set[int] = set()
    taken: dict[int, int] = {}  # in-place bead -> the edge member a far source took
    for col, (k, j) in enumerate(candidates):
        best, is_held = int(best_src[col]), col >= len(added)
        home = bead_of_src.get(best, k)  # (best -1: no source within the window)
        if is_held and (home == k or k in taken or k in extra):
            continue
        charge = _charge(beads[home], fixed, j, config) if home != k else math.inf
        # at home (no charge: the move took the far part), the place vouches for the part
        least = config.block_z if charge == 0 and beads[home].moved else config.spread_z
        if best_z[col] < least or lead[col] < config.move_margin or math.isinf(charge):
            continue  # (home == k: a weak bead's target most like its own source)
        if is_held and best_z[col] - _own_z(scorer, beads[k], j, spread) < config.move_z:
            continue  # a member must be clearly more like the far source than its own
        gain = _spread_gain(scorer, beads[home], extra.get(home, []), j, in_place, config)
        if k in weak or is_held:  # what the bead that holds the sentence loses
            gain += _release_gain(scorer, beads[k], j, config)
        local = -math.inf if is_held else _local_gain(scorer, beads, holder, j, config)
        _log.debug(
            "spread candidate %d -> %d: z %.2f, lead %.2f, gain %.2f, local %.2f, home moved %s",
            best,
            j,
            best_z[col],
            lead[col],
            gain,
            local,
            beads[home].moved,
        )
        # a weak bead either gives its target up or takes a far part, never both: a home
        # left a skip would lose what joined it
        if (
            gain > max(0.0, local) + charge
            and home not in dropped
            and home not in taken
            and k not in extra
        ):
            extra.setdefault(home, []).append(j)
            if is_held:
                taken[k] = j
            else:
                dropped.add(k)
    yielding = _yielding(scorer, beads, extra, config)
    return _linked(beads, extra, dropped, weak, taken, yielding) if extra else beads


def _yielding(
    scorer: BeadScorer, beads: list[Bead], extra: dict[int, list[int]], config: AlignConfig
) -> set[int]:
    """The in-place beads of ``extra`` (bead index -> far target ids joining it) whose own
    targets do not render their source: the bead's content is below ``block_z`` (the search
    paired it for its lengths) while each far part reaches ``spread_z``. Such a bead keeps
    only its far parts, a move, and its own targets become additions. O(bead size * dim)
    per bead."""
    yielding: set[int] = set()
    for k, far in extra.items():
        bead = beads[k]
        if bead.moved or not _contiguous(bead):
            continue
        step = (bead.src[0], bead.tgt[0], len(bead.src), len(bead.tgt))
        own = bead_z([step], scorer, config)[0][0]
        parts = bead_z([(bead.src[0], j, len(bead.src), 1) for j in far], scorer, config)
        _log.debug("spread home %s: own z %.2f, far parts %s", bead, own, parts)
        if own < config.block_z and min(z for z, _ in parts) >= config.spread_z:
            yielding.add(k)
    return yielding


def _linked(
    beads: list[Bead],
    extra: dict[int, list[int]],
    dropped: set[int],
    weak: set[int],
    taken: dict[int, int],
    yielding: set[int] = frozenset(),
) -> list[Bead]:
    """``beads`` with the targets ``extra`` (bead index -> target ids) joined to their beads,
    flagged moved: the 0-1 beads ``dropped`` go, a weak bead (``weak``) that gave its target
    up leaves its source a skip (scored 1 minus the bead's confidence), and a bead in
    ``taken`` (bead index -> target id) loses that target (its source a skip when it had no
    other). O(B)."""
    result = []
    for k, bead in enumerate(beads):
        if k in dropped:
            if k in weak:
                result.append(Bead(bead.src, (), unit_score(1.0 - bead.score)))
            continue
        if k in taken:
            rest = tuple(t for t in bead.tgt if t != taken[k])
            bead = Bead(bead.src, rest, bead.score if rest else unit_score(1.0 - bead.score))
        if k in yielding:
            result.extend(Bead((), (j,), unit_score(1.0 - bead.score)) for j in bead.tgt)
            bead = Bead(bead.src, tuple(sorted(extra[k])), bead.score, moved=True)
        elif k in extra:
            bead = Bead(bead.src, tuple(sorted([*bead.tgt, *extra[k]])), bead.score, moved=True)
        result.append(bead)
    return result


def _best_sources(
    scorer: BeadScorer,
    beads: list[Bead],
    added: list[int],
    held: list[tuple[int, int]],
    config: AlignConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each candidate target (the first target of each bead ``added``, then each target of
    ``held``): its most similar source sentence (-1 when none), that similarity and its lead
    over the runner-up, in random-pair deviations. An added sentence is compared with every
    source; an edge member of an in-place bead, with the sources within ``move_window`` of its
    bead, as the reordering pass does (:func:`moves._mutual_best`), so that trying every bead
    stays linear in the document. O((a * n + m * (2 * move_window + 256)) * (e + h)) for ``a``
    added sentences; no windowed pass without ``held``."""
    spread = scorer.content_spread_single()
    assert spread
    best = np.full(len(added) + len(held), -1, dtype=np.int64)
    top = np.full(len(best), -np.inf)
    lead = np.full(len(best), -np.inf)
    if added:
        similarity = scorer.content_matrix(
            np.arange(scorer.n_src), np.array([beads[k].tgt[0] for k in added])
        )
        assert similarity is not None
        z = similarity / spread
        best[: len(added)], lead[: len(added)] = best_and_lead(z, axis=0)
        top[: len(added)] = z[best[: len(added)], np.arange(len(added))]
    if held:
        place = _in_place_positions(beads, scorer.n_tgt)
        col_best, col_second, col_arg, *_ = _mutual_best(scorer, place, config.move_window)
        targets = np.array([j for _, j in held])
        best[len(added) :] = col_arg[targets]
        top[len(added) :] = col_best[targets] / spread
        lead[len(added) :] = (col_best[targets] - col_second[targets]) / spread
    return best, top, lead


def _in_place_positions(beads: list[Bead], n_tgt: int) -> np.ndarray:
    """For each target sentence, the first source sentence of the in-place bead that holds it;
    a sentence of no such bead (an addition, a moved bead) takes its predecessor's, so that the
    positions rise with the targets as the path's do and a block of targets meets a narrow band
    of sources. O(n_tgt + B)."""
    own = np.full(n_tgt, -1, dtype=np.int64)
    for bead in beads:
        if bead.src and not bead.moved:
            own[list(bead.tgt)] = min(bead.src)
    known = np.where(own >= 0, np.arange(n_tgt), -1)
    last_known = np.maximum.accumulate(known) if n_tgt else known
    return np.where(last_known >= 0, own[np.maximum(last_known, 0)], 0)


def _own_z(scorer: BeadScorer, bead: Bead, j: int, spread: float) -> float:
    """The largest similarity of target ``j`` with one of ``bead``'s own source sentences, in
    random-pair deviations. O(len(bead.src) * dim)."""
    similarity = scorer.content_matrix(np.array(bead.src), np.array([j]))
    assert similarity is not None
    return float(similarity.max()) / spread


def _edge_members(beads: list[Bead], weak: set[int]) -> list[tuple[int, int]]:
    """(bead index, target id) of the first and last target sentence of every contiguous
    in-place bead with both sides but the weak ones (which :func:`attach_spread` tries as
    additions). O(B)."""
    return [
        (k, j)
        for k, bead in enumerate(beads)
        if bead.src and bead.tgt and not bead.moved and k not in weak and _contiguous(bead)
        for j in dict.fromkeys((bead.tgt[0], bead.tgt[-1]))
    ]


def _contiguous(bead: Bead) -> bool:
    """Whether each side of ``bead`` is one run of consecutive ids."""
    return all(not ids or max(ids) - min(ids) + 1 == len(ids) for ids in (bead.src, bead.tgt))


def _release_gain(scorer: BeadScorer, bead: Bead, j: int, config: AlignConfig) -> float:
    """How much taking the edge target ``j`` out of the in-place ``bead`` lowers its search cost,
    against leaving ``j`` a skip (which :func:`_spread_gain` counts): the bead's cost minus
    that of the bead without ``j`` (its source a skip when ``j`` was its only target) and of
    that skip. O(bead size * dim)."""
    rest = [t for t in bead.tgt if t != j]
    src, skip = bead.src, config.skip_penalty
    cost = _bead_cost(scorer, (src[0], bead.tgt[0], len(src), len(bead.tgt)), skip, {})
    without = (
        _bead_cost(scorer, (src[0], rest[0], len(src), len(rest)), skip, {})
        if rest
        else skip * len(src)
    )
    return cost - without - skip


def _charge(
    bead: Bead, fixed: Sequence[tuple[int, int, int, int]], j: int, config: AlignConfig
) -> float:
    """What a link of target ``j`` into ``bead`` must gain beyond its neighbours':
    ``spread_gain`` for an in-place bead; for a moved bead nothing when ``j`` stands where the
    bead's source belongs (:func:`_at_home`), else inf (its English stands elsewhere already:
    no third place). O(log len(fixed))."""
    if not bead.moved:
        return config.spread_gain
    return 0.0 if _at_home(fixed, bead.src, j) else math.inf


def _at_home(fixed: Sequence[tuple[int, int, int, int]], src: Sequence[int], j: int) -> bool:
    """Whether target ``j`` stands between the target sentences of the in-place beads just
    before and just after source ids ``src`` (``fixed``: each in-place bead's least and
    greatest source and target ids, in source order; monotone, so their target ids are in
    order too). O(log len(fixed))."""
    first = bisect.bisect_left(fixed, min(src), key=lambda f: f[1])  # the first not before
    after = bisect.bisect_right(fixed, max(src), key=lambda f: f[0])  # the first after
    low = fixed[first - 1][3] if first > 0 else -1
    high = fixed[after][2] if after < len(fixed) else math.inf
    return low < j < high


def _local_gain(
    scorer: BeadScorer, beads: list[Bead], holder: dict[int, Bead], j: int, config: AlignConfig
) -> float:
    """The larger gain (as :func:`_spread_gain`) of adding target ``j`` to the bead that holds
    the nearest target sentence before it or after it (``holder``: target id -> its bead with
    a source side), or -inf when there is none. O(bead size * dim)."""
    best = -math.inf
    for step in (-1, 1):
        t = j + step
        while 0 <= t < scorer.n_tgt and t not in holder:
            t += step
        bead = holder.get(t)
        if bead is not None:
            cost = set_cost(scorer, bead.src, bead.tgt, config) + config.skip_penalty
            best = max(best, cost - set_cost(scorer, bead.src, sorted([*bead.tgt, j]), config))
    return best


def _spread_gain(
    scorer: BeadScorer,
    bead: Bead,
    extra: list[int],
    j: int,
    in_place: set[int],
    config: AlignConfig,
) -> float:
    """How much adding target ``j`` to ``bead`` (which has gained ``extra`` already) lowers the
    cost against leaving ``j`` a skip (:func:`set_cost`); -inf when the bead holds no target
    sentence, would grow beyond ``max_tgt_bead``, or when no target sentence of an in-place
    bead (``in_place``) stands between ``j`` and the bead's nearest target sentence."""
    held = [*bead.tgt, *extra]
    if not bead.tgt or len(held) >= config.tgt_limit:
        return -math.inf
    nearest = min(held, key=lambda t: abs(t - j))
    between = range(min(nearest, j) + 1, max(nearest, j))
    if not any(t in in_place for t in between):
        return -math.inf
    before = set_cost(scorer, bead.src, held, config)
    return before + config.skip_penalty - set_cost(scorer, bead.src, sorted([*held, j]), config)
