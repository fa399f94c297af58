"""Sentence-level chrF and BLEU of machine translations against the published English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics import BLEU, CHRF


@dataclass(frozen=True)
class SentenceScores:
    """Per-row scores (0-100, NaN where a side is empty) and the sacrebleu signatures."""

    chrf: np.ndarray
    bleu: np.ndarray
    signatures: dict[str, str]


def make_metrics() -> tuple[CHRF, BLEU]:
    """The two metric objects every score here comes from: chrF (character 6-grams, beta 2,
    no word n-grams) and BLEU with effective order (sentence-level, 13a tokens, exp smoothing).

    Each is primed with one dummy pair: sacrebleu fills in ``nrefs`` on the first score, and
    a signature is wanted even for a run that scores nothing (no MT)."""
    chrf_metric, bleu_metric = CHRF(), BLEU(effective_order=True)
    chrf_metric.sentence_score("a", ["a"])
    bleu_metric.sentence_score("a", ["a"])
    return chrf_metric, bleu_metric


def signature_of(metric: CHRF | BLEU) -> str:
    """The metric's name and sacrebleu signature on one line, e.g.
    ``chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0``."""
    name = metric.sentence_score("a", ["a"]).name
    return f"{name}|{metric.get_signature()}"


def metric_signatures() -> dict[str, str]:
    """Signatures (:func:`signature_of`) of the two metrics of :func:`make_metrics`."""
    chrf_metric, bleu_metric = make_metrics()
    return {"chrf": signature_of(chrf_metric), "bleu": signature_of(bleu_metric)}


def _pairs(hypotheses: Sequence[str], references: Sequence[str]) -> list[tuple[str, str] | None]:
    """Stripped (hypothesis, reference) per row, None where either is empty or blank."""
    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses but {len(references)} references")
    pairs: list[tuple[str, str] | None] = []
    for hypothesis, reference in zip(hypotheses, references, strict=True):
        hypothesis, reference = (hypothesis or "").strip(), (reference or "").strip()
        pairs.append((hypothesis, reference) if hypothesis and reference else None)
    return pairs


def sentence_chrf(
    hypotheses: Sequence[str], references: Sequence[str], metric: CHRF | None = None
) -> np.ndarray:
    """chrF (0-100) of each hypothesis against its one reference; NaN where either is empty.

    Time: O(total characters), one metric object for all rows.
    """
    metric = metric or make_metrics()[0]
    pairs = _pairs(hypotheses, references)
    scores = np.full(len(pairs), np.nan)
    for row, pair in enumerate(pairs):
        if pair is not None:
            scores[row] = metric.sentence_score(pair[0], [pair[1]]).score
    return scores


def sentence_bleu(
    hypotheses: Sequence[str], references: Sequence[str], metric: BLEU | None = None
) -> np.ndarray:
    """BLEU (0-100, effective order) of each hypothesis against its one reference; NaN where
    either is empty. Time: O(total words)."""
    metric = metric or make_metrics()[1]
    pairs = _pairs(hypotheses, references)
    scores = np.full(len(pairs), np.nan)
    for row, pair in enumerate(pairs):
        if pair is not None:
            scores[row] = metric.sentence_score(pair[0], [pair[1]]).score
    return scores


def sentence_scores(hypotheses: Sequence[str], references: Sequence[str]) -> SentenceScores:
    """chrF and BLEU of each hypothesis (MT) against its reference (the published English).

    A row whose hypothesis or reference is empty or blank gets NaN for both: no MT (``none``)
    or no English (a 1-0 bead) means nothing was measured, which is not a score of 0. Two
    non-empty strings with nothing in common score 0. Time: O(total characters).
    """
    chrf_metric, bleu_metric = make_metrics()
    return SentenceScores(
        chrf=sentence_chrf(hypotheses, references, chrf_metric),
        bleu=sentence_bleu(hypotheses, references, bleu_metric),
        signatures={"chrf": signature_of(chrf_metric), "bleu": signature_of(bleu_metric)},
    )
