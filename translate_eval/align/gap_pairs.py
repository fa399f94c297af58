"""Gap pairs: an Arabic and an English sentence both left out in the same place (between the same
two beads) form a 1-1 bead when one renders a clause run of the other, a sentence to which the
editor added (or from which they dropped) a long clause that the search priced as two skips; the
two first lines left out, one a headline, form the title bead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from translate_eval.align.beads import Bead, unit_score
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.features import unit_rows
from translate_eval.align.headlines import MAX_HEADLINE_WORDS
from translate_eval.align.parts import clause_passes_on, encode_new, part_runs
from translate_eval.embed.base import Encoder


@dataclass(frozen=True)
class GapPair:
    """A 1-0 bead ``omitted`` and a 0-1 bead ``added`` (indices in the bead list) that fill the
    same gap; ``z``: the best of the two sentences' similarity and of each one's similarity
    with a clause run of the other (random-pair deviations of single sentences); ``others``:
    the best similarity of either sentence with a whole sentence of the other side outside
    the pair, in the same units."""

    omitted: int
    added: int
    z: float
    others: float


def gap_skips(beads: Sequence[Bead], n_src: int, n_tgt: int) -> list[tuple[int, int]]:
    """(1-0 bead, 0-1 bead) index pairs whose sentences ``i`` and ``j`` stand alone between the
    same two beads: one bead holds Arabic ``i - 1`` and English ``j - 1`` (or both are first),
    and one holds ``i + 1`` and ``j + 1`` (or both are last). O(beads * bead size)."""
    owners = {("src", i): h for h, bead in enumerate(beads) for i in bead.src}
    owners.update({("tgt", j): h for h, bead in enumerate(beads) for j in bead.tgt})
    added = {bead.tgt[0]: k for k, bead in enumerate(beads) if not bead.src and len(bead.tgt) == 1}
    found = []
    for k, bead in enumerate(beads):
        if bead.tgt or len(bead.src) != 1:
            continue
        i = bead.src[0]
        # the English sentence of the gap follows one of the bead before's (or opens the text)
        after_before = [0] if i == 0 else [j + 1 for j in beads[owners[("src", i - 1)]].tgt]
        for j in after_before:
            if j not in added or (j == 0) != (i == 0):
                continue
            if i == n_src - 1 or j == n_tgt - 1:
                closes = i == n_src - 1 and j == n_tgt - 1
            else:
                closes = owners[("src", i + 1)] == owners[("tgt", j + 1)]
            if closes:
                found.append((k, added[j]))
    return found


def gap_candidates(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder,
    known: dict[str, np.ndarray],
) -> list[GapPair]:
    """Every gap pair of :func:`gap_skips` with its evidence (see :class:`GapPair`), from the
    embedding signal; clause runs are encoded once (``known``: unit vectors by text, shared
    with the part links). O(g * (c * e + (n + m) * e)) for g gap pairs and c clause runs."""
    signal = scorer.signals.get("embedding")
    if signal is None:
        return []
    baseline, spread = signal.baseline(1, 1), signal.spread(1, 1)
    if spread <= 0:
        return []
    pairs = gap_skips(beads, len(src), len(tgt))
    runs = {
        k: (part_runs([src[beads[k].src[0]]], "ar"), part_runs([tgt[beads[a].tgt[0]]], "en"))
        for k, a in pairs
    }
    encode_new((t for ar, en in runs.values() for t in (*ar, *en)), encoder, known)
    found = []
    for k, a in pairs:
        i, j = beads[k].src[0], beads[a].tgt[0]
        ar_row = signal.singles(np.array([i]), np.arange(signal.tgt.count))[0] / spread
        en_row = signal.singles(np.arange(signal.src.count), np.array([j]))[:, 0] / spread
        others = max(
            float(np.delete(ar_row, j).max(initial=-math.inf)),
            float(np.delete(en_row, i).max(initial=-math.inf)),
        )
        z = float(ar_row[j])
        ar_runs, en_runs = runs[k]
        for mine, parts in (
            (unit_rows(signal.src.sentence_vectors(np.array([i])))[0], en_runs),
            (unit_rows(signal.tgt.sentence_vectors(np.array([j])))[0], ar_runs),
        ):
            if parts:
                cosine = float(np.max(np.stack([known[p] for p in parts]) @ mine))
                z = max(z, (cosine - baseline) / (1.0 - baseline) / spread)
        found.append(GapPair(k, a, z, others))
    return found


def titles_gap(
    pair: GapPair,
    beads: Sequence[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    headlines: tuple[int, int],
) -> bool:
    """Whether ``pair`` is the two first lines, one side opening with a headline
    (``headlines``: the scorer's title lines per side) and neither line longer than
    :data:`~translate_eval.align.headlines.MAX_HEADLINE_WORDS` words: the titles, which an
    editor rewords most freely ("Taking Back the Syrian Revolution" over "Aleppo's residents
    return to the street to defend their revolution."). O(title length)."""
    first = beads[pair.omitted].src[0] == 0 and beads[pair.added].tgt[0] == 0
    short = all(len(line.split()) <= MAX_HEADLINE_WORDS for line in (src[0], tgt[0]))
    return first and max(headlines) > 0 and short


def pair_gaps(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder | None,
    config: AlignConfig,
    known: dict[str, np.ndarray] | None = None,
) -> list[Bead]:
    """Make each gap pair (:func:`gap_candidates`) a 1-1 bead, in the Arabic sentence's place
    (its confidence the search's for that 1-1 bead), when its ``z`` is at least ``part_z``
    (position vouches for it, as for a neighbour's part link) and ``move_margin`` ahead of
    ``others``; and the titles (:func:`titles_gap`) whatever their content. Cost: an Arabic
    sentence dropped and an unrelated English one added in its place are paired when one
    matches a clause of the other by chance, and a title dropped from the Arabic with a new
    one written for the English are paired; O(cost of :func:`gap_candidates`). Without an
    encoder, or ``part_z`` = inf, nothing changes."""
    if not clause_passes_on(encoder, config):
        return beads
    chosen = {
        c.omitted: c
        for c in gap_candidates(beads, src, tgt, scorer, encoder, {} if known is None else known)
        if (c.z >= config.part_z and c.z >= c.others + config.move_margin)
        or titles_gap(c, beads, src, tgt, scorer.headlines)
    }
    if not chosen:
        return beads
    dropped = {c.added for c in chosen.values()}
    paired = {}
    for k, c in chosen.items():
        i, j = beads[k].src[0], beads[c.added].tgt[0]
        score = float(scorer.paired_confidence(1, 1, np.array([i]), np.array([j]))[0])
        paired[k] = Bead((i,), (j,), unit_score(score))
    return [paired.get(k, bead) for k, bead in enumerate(beads) if k not in dropped]


__all__ = ["GapPair", "gap_candidates", "gap_skips", "pair_gaps", "titles_gap"]
