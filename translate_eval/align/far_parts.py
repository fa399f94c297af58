"""Far part links: an English sentence left unaligned away from the bead of the Arabic sentence
one clause of which it renders (an editor who moved one clause of a long sentence to a later
paragraph) joins that bead, which becomes a non-contiguous moved bead (``[2]:[2, 3, 4, 6]``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from translate_eval.align.beads import Bead
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer
from translate_eval.align.features import hashed_char_ngrams, normalize_for_ngrams, unit_rows
from translate_eval.align.parts import (
    PartCandidate,
    clause_passes_on,
    join_skips,
    joins_title,
    part_candidates,
)
from translate_eval.embed.base import Encoder

#: Character n-gram cosine from which a sentence repeats another (most n-grams shared: two law
#: articles that differ in one term score about 0.84, two sentences of one news text 0.0-0.4).
REPEAT_COSINE = 0.5


def repeats_member(sentence: str, members: Sequence[str], config: AlignConfig) -> bool:
    """Whether ``sentence`` repeats one of ``members`` (character n-gram cosine at least
    :data:`REPEAT_COSINE`): then it renders what the bead already holds, not a part of its
    own. O(characters * n-gram sizes)."""
    if not members:
        return False
    texts = [normalize_for_ngrams(text) for text in (sentence, *members)]
    counts = hashed_char_ngrams(texts, config.ngram_sizes, config.ngram_dim)
    rows = unit_rows(counts.astype(np.float64))
    return bool(np.any(rows[1:] @ rows[0] >= REPEAT_COSINE))


def far_part_links(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder,
    config: AlignConfig,
    known: dict[str, np.ndarray],
) -> dict[int, PartCandidate]:
    """The far home chosen for each 0-1 bead, by index of the bead. A home is a bead not beside
    the sentence that holds one of its ``move_candidates`` most similar Arabic sentences
    (:func:`~translate_eval.align.parts.part_candidates` with ``far``); the best one is kept when
    its clause run scores at least ``move_z`` random-pair deviations (position does not vouch
    for it, as it does for a neighbour's ``part_z``), ``move_margin`` ahead of every other home,
    near or far, and of every whole Arabic sentence outside it; no sentence of the home
    matches the clause run better (``owned``), and no English sentence of the document does
    (the two are each other's best match, as the anchors of :mod:`~translate_eval.align.spread`);
    the sentence repeats no member of the home (:func:`repeats_member`), the home is below
    ``max_tgt_bead`` and no headline joins a sentence. Arabic sentences left out are not
    linked far: the editor reorders the English, the source keeps its order.
    O(s * (n + m) * e + s * k * c * e) for s skips, k = ``move_candidates``, c clause runs."""
    far = part_candidates(beads, src, tgt, scorer, encoder, config, known, far=True)
    near = part_candidates(beads, src, tgt, scorer, encoder, config, known)
    best_near: dict[int, float] = {}
    for candidate in near:
        best_near[candidate.skip] = max(best_near.get(candidate.skip, -math.inf), candidate.z)
    by_skip: dict[int, list[PartCandidate]] = {}
    for candidate in far:
        if beads[candidate.skip].tgt:
            by_skip.setdefault(candidate.skip, []).append(candidate)
    signal = scorer.signals["embedding"]
    english = unit_rows(signal.tgt.sentence_vectors(np.arange(signal.tgt.count)))
    titles = int(scorer.headlines[1])
    chosen: dict[int, PartCandidate] = {}
    for k, found in by_skip.items():
        found.sort(key=lambda candidate: -candidate.z)
        best = found[0]
        runner = max(found[1].z if len(found) > 1 else -math.inf, best_near.get(k, -math.inf))
        home = beads[best.home]
        sentence = beads[k].tgt[0]
        if not (
            best.owned
            and best.z >= config.move_z
            and best.z >= max(runner, best.others) + config.move_margin
            and len(home.tgt) < config.tgt_limit
            and not joins_title(beads[k], home, "tgt", titles)
        ):
            continue
        mutual = int(np.argmax(english @ known[best.clause])) == sentence
        if mutual and not repeats_member(tgt[sentence], [tgt[j] for j in home.tgt], config):
            chosen[k] = best
    return chosen


def attach_far_parts(
    beads: list[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    scorer: BeadScorer,
    encoder: Encoder | None,
    config: AlignConfig,
    known: dict[str, np.ndarray] | None = None,
) -> list[Bead]:
    """Join each 0-1 bead to its far home (:func:`far_part_links`), flagging the home moved;
    one round, after the part links of neighbours. Without an encoder, or ``part_z`` or
    ``move_z`` = inf, nothing changes. ``known``: clause-run vectors by text (the part links'
    ones serve again). O(cost of :func:`far_part_links`)."""
    if not clause_passes_on(encoder, config) or not math.isfinite(config.move_z):
        return beads
    if "embedding" not in scorer.signals:
        return beads
    chosen = far_part_links(
        beads, src, tgt, scorer, encoder, config, {} if known is None else known
    )
    return join_skips(beads, {k: c.home for k, c in chosen.items()}, moved=True)


__all__ = ["REPEAT_COSINE", "attach_far_parts", "far_part_links", "repeats_member"]
