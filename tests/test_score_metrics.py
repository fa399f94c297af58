"""Sentence-level chrF / BLEU through sacrebleu: values, empty rows, signatures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from translate_eval.score.metrics import (
    metric_signatures,
    sentence_bleu,
    sentence_chrf,
    sentence_scores,
)


def test_identical_sentences_score_100() -> None:
    scores = sentence_scores(
        ["The opposition seized the hospital."], ["The opposition seized the hospital."]
    )
    assert scores.chrf[0] == pytest.approx(100.0)
    assert scores.bleu[0] == pytest.approx(100.0)


def test_no_shared_characters_scores_zero_not_nan() -> None:
    # chrF counts character n-grams: "abc" and "xyz" share none.
    assert sentence_chrf(["abc"], ["xyz"])[0] == 0.0
    assert sentence_bleu(["abc"], ["xyz"])[0] == 0.0


def test_empty_or_blank_side_gives_nan() -> None:
    hypotheses = ["", "Forces withdrew.", "   ", "Forces withdrew."]
    references = ["Forces withdrew.", "", "Forces withdrew.", "Forces withdrew."]
    scores = sentence_scores(hypotheses, references)
    assert [math.isnan(v) for v in scores.chrf] == [True, True, True, False]
    assert [math.isnan(v) for v in scores.bleu] == [True, True, True, False]


def test_closer_translation_scores_higher() -> None:
    reference = "Opposition forces seized the national hospital in Jisr al-Shughur on Friday."
    close = "Opposition forces took control of the national hospital in Jisr al-Shughur on Friday."
    far = "The weather was sunny and warm in the capital last week."
    chrf = sentence_chrf([close, far], [reference, reference])
    bleu = sentence_bleu([close, far], [reference, reference])
    assert chrf[0] > chrf[1]
    assert bleu[0] > bleu[1]


def test_rows_are_scored_independently() -> None:
    pair = ("Regime forces retreated south.", "Regime forces withdrew to the south.")
    alone = sentence_chrf([pair[0]], [pair[1]])[0]
    among = sentence_chrf(["x", pair[0], "y"], ["z", pair[1], "w"])[1]
    assert alone == pytest.approx(among)


def test_signatures_describe_the_metrics() -> None:
    signatures = sentence_scores(["a b"], ["a b"]).signatures
    assert signatures["chrf"].startswith("chrF2|") and signatures["bleu"].startswith("BLEU|")
    assert "nc:6" in signatures["chrf"] and "nw:0" in signatures["chrf"]
    assert "eff:yes" in signatures["bleu"] and "tok:13a" in signatures["bleu"]
    # Available without scoring anything (a run with no MT still reports them).
    assert metric_signatures() == signatures


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 hypotheses but 1 references"):
        sentence_chrf(["a", "b"], ["a"])


def test_returns_float_arrays_of_row_count() -> None:
    scores = sentence_scores([], [])
    assert scores.chrf.shape == (0,) and scores.bleu.shape == (0,)
    assert sentence_chrf(["a"] * 3, ["a"] * 3).dtype == np.float64
