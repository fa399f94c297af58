"""Are the two texts translations of each other? A per-bead probability from the bead's
similarity margin over its neighbours, and a per-pair judgement from the share of the text in
beads judged translated."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from translate_eval.embed.base import Encoder
from translate_eval.links import cell_text, parse_ids

#: Weights ``(margin, similarity, intercept)`` of the per-bead logistic model ``p = 1 / (1 +
#: exp(-(w_m * margin + w_s * similarity + b)))`` (:func:`bead_features`). Fitted on AlignAR
#: law: article-sized windows of gold 1-1 beads against the same Arabic paired one-to-one with
#: a window of another law document (``python benchmarks/not_translation.py``; figures in
#: docs/benchmarks.md). Literature is left out: its look-alike windows and its translations
#: overlap, and a fit that includes them judged the real-news comparable pair a translation.
BEAD_MODEL: tuple[float, float, float] = (13.1, 13.2, -9.17)
#: Least ``translation_p`` of a bead judged translated: counted in the pair's judgement, and
#: the least for its facts (numbers, names, negation, attribution, hedging) to be compared.
TRANSLATED_P = 0.5
#: Least share of the aligned Arabic (characters of beads with both sides) in beads with
#: p >= 0.5 for a pair to be judged a translation; chosen between the AlignAR windows'
#: translations and look-alikes (benchmarks/not_translation.py prints both distributions).
MIN_TRANSLATED_SHARE = 0.5
#: Fewer beads with both sides than this: no judgement.
MIN_BEADS = 3
#: Neighbours on each side a margin compares a bead with, and how many of the most similar
#: of them it averages.
MARGIN_BAND = 50
MARGIN_NEIGHBOURS = 3
TRANSLATION = "translation"
NOT_TRANSLATION = "not a translation"
NOT_JUDGED = "not judged"


@dataclass(frozen=True)
class TranslationJudgement:
    """The per-pair judgement: the share of the aligned Arabic in beads judged translated."""

    translated_share: float
    """Characters of the Arabic in beads with both sides and p >= 0.5, over all the Arabic
    characters in beads with both sides (NaN when not judged)."""
    beads: int
    """Beads with both sides and a similarity."""
    translated_beads: int
    """Of those, the beads with p >= 0.5."""
    judgement: str
    """:data:`TRANSLATION`, :data:`NOT_TRANSLATION` or :data:`NOT_JUDGED`."""


def bead_margins(src_vectors: np.ndarray, tgt_vectors: np.ndarray) -> np.ndarray:
    """The similarity margin of each bead: the cosine of its two sides minus the mean of the
    :data:`MARGIN_NEIGHBOURS` highest cosines of its source with the other beads' English and
    of its English with the other beads' sources (averaged), among the :data:`MARGIN_BAND`
    beads on either side. A translation stands out from its neighbours; a same-topic sentence
    that is not its translation does not (the margin criterion of parallel-sentence mining).
    ``src_vectors[b]``, ``tgt_vectors[b]``: the unit vectors of bead ``b``'s sides.
    Time O(n x band) with n beads, memory O(band^2) per block."""
    n = len(src_vectors)
    margins = np.full(n, np.nan)
    if n < 2:
        return margins
    src = _unit_rows(np.asarray(src_vectors, dtype=np.float64))
    tgt = _unit_rows(np.asarray(tgt_vectors, dtype=np.float64))
    for start in range(0, n, MARGIN_BAND):
        stop = min(n, start + MARGIN_BAND)
        low, high = max(0, start - MARGIN_BAND), min(n, stop + MARGIN_BAND)
        rows = src[start:stop] @ tgt[low:high].T
        columns = tgt[start:stop] @ src[low:high].T
        own = np.arange(start, stop) - low
        paired = rows[np.arange(stop - start), own]
        rows[np.arange(stop - start), own] = -np.inf
        columns[np.arange(stop - start), own] = -np.inf
        k = min(MARGIN_NEIGHBOURS, high - low - 1)
        row_top = -np.sort(-rows, axis=1)[:, :k].mean(axis=1)
        column_top = -np.sort(-columns, axis=1)[:, :k].mean(axis=1)
        margins[start:stop] = paired - 0.5 * (row_top + column_top)
    return margins


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def bead_features(src_vectors: np.ndarray, tgt_vectors: np.ndarray) -> np.ndarray:
    """Per bead: its margin (:func:`bead_margins`) and the cosine of its two sides, as an
    ``(n, 2)`` array. O(n x band)."""
    src = _unit_rows(np.asarray(src_vectors, dtype=np.float64))
    tgt = _unit_rows(np.asarray(tgt_vectors, dtype=np.float64))
    return np.column_stack([bead_margins(src, tgt), np.einsum("ij,ij->i", src, tgt)])


def bead_translation_p(features: np.ndarray) -> np.ndarray:
    """The probability that each bead's sides translate each other, from its features
    (:func:`bead_features`; NaN stays NaN). O(beads)."""
    *weights, intercept = BEAD_MODEL
    values = np.asarray(features, dtype=float) @ np.asarray(weights) + intercept
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-values))


def translation_probabilities(links: pd.DataFrame, encoder: Encoder | None) -> np.ndarray:
    """Per links row: the probability that its sides translate each other (NaN for
    omissions, additions, and without an encoder). Encodes the beads' texts (a
    :class:`~translate_eval.embed.CachedEncoder` has them already). O(beads x band)."""
    both = (links["src_ids"].map(lambda v: len(parse_ids(v)) > 0)) & (
        links["tgt_ids"].map(lambda v: len(parse_ids(v)) > 0)
    )
    probabilities = np.full(len(links), np.nan)
    rows = np.flatnonzero(both.to_numpy())
    if encoder is None or len(rows) < 2:
        return probabilities
    src = np.asarray(encoder.encode([cell_text(links["src_text"].iloc[r]) for r in rows]))
    tgt = np.asarray(encoder.encode([cell_text(links["tgt_text"].iloc[r]) for r in rows]))
    probabilities[rows] = bead_translation_p(bead_features(src, tgt))
    return probabilities


def judge_translation(links: pd.DataFrame) -> TranslationJudgement:
    """Judge a pair from its links table (``src_text`` and ``translation_p``, see
    :func:`translation_probabilities`). O(characters of the source)."""
    if "translation_p" not in links:
        return TranslationJudgement(float("nan"), 0, 0, NOT_JUDGED)
    probability = pd.to_numeric(links["translation_p"], errors="coerce").to_numpy(dtype=float)
    judged = ~np.isnan(probability)
    if judged.sum() < MIN_BEADS:
        return TranslationJudgement(float("nan"), int(judged.sum()), 0, NOT_JUDGED)
    chars = np.array([len(cell_text(t)) for t in links["src_text"]], dtype=float)[judged]
    translated = probability[judged] >= TRANSLATED_P
    share = float(chars[translated].sum() / chars.sum()) if chars.sum() else 0.0
    verdict = TRANSLATION if share >= MIN_TRANSLATED_SHARE else NOT_TRANSLATION
    return TranslationJudgement(share, int(judged.sum()), int(translated.sum()), verdict)


def translation_warning(judgement: TranslationJudgement) -> str | None:
    """A one-line warning when the pair is judged not a translation, else None."""
    if judgement.judgement != NOT_TRANSLATION:
        return None
    return (
        f"the texts may not be translations of each other: only {judgement.translated_share:.0%} "
        f"of the aligned Arabic is in beads whose two sides look like translations (at least "
        f"{MIN_TRANSLATED_SHARE:.0%} expected); a same-topic article rather than its "
        "translation? (translated_beads in summary.csv, translation_p in links.csv)"
    )


def translation_rows(judgement: TranslationJudgement) -> pd.DataFrame:
    """The summary rows of the judgement, in the columns of
    :func:`~translate_eval.report.summary.edit_summary` (group ``document``):
    ``translated_beads`` (``count`` beads with p >= 0.5, ``share`` the translated share of the
    aligned Arabic, NaN when not judged) and, when judged, ``judged_translation`` (``count`` 1
    for a translation, 0 for not a translation)."""
    nan = float("nan")
    share = judgement.translated_share
    rows: list[tuple[str, str, int, float, float]] = [
        ("translated_beads", "document", judgement.translated_beads, share, nan)
    ]
    if judgement.judgement != NOT_JUDGED:
        rows.append(
            ("judged_translation", "document", int(judgement.judgement == TRANSLATION), nan, nan)
        )
    frame = pd.DataFrame(rows, columns=["item", "group", "count", "share", "mean_chrf"])
    return frame.astype({"count": "int64", "share": float}).set_index("item")
