"""Sentence-level chrF / BLEU / TER through sacrebleu, and the word-level edit operations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from translate_eval.score.metrics import (
    MAX_EDIT_WORDS,
    edit_op_counts,
    format_edit_ops,
    metric_signatures,
    sentence_bleu,
    sentence_chrf,
    sentence_scores,
    sentence_ter,
    word_edit_ops,
    word_tokens,
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


# ------------------------------------------------------------------------------ TER and edit ops


def test_ter_counts_edits_per_reference_word() -> None:
    # One missing word ("the") against a six-word reference: 1 / 6.
    scores = sentence_ter(["the cat sat on mat"], ["the cat sat on the mat"])
    assert scores[0] == pytest.approx(100 / 6)
    assert sentence_ter(["same words here"], ["same words here"])[0] == 0.0
    assert math.isnan(sentence_ter([""], ["x"])[0])


def test_ter_is_in_the_scores_and_signatures() -> None:
    scores = sentence_scores(["a b c"], ["a b d"])
    assert scores.ter is not None and scores.ter[0] == pytest.approx(100 / 3)
    assert scores.signatures["ter"].startswith("TER|") and "tok:tercom" in scores.signatures["ter"]


def test_edit_ops_turn_the_mt_into_the_english() -> None:
    mt = "The regime carried out more than 40 air strikes ."
    english = "The regime carried out nearly 30 air strikes on the town."
    ops = word_edit_ops(mt, english)
    # Replaying the ops rebuilds both sides exactly.
    assert [w for op in ops for w in op.mt_words] == word_tokens(mt)
    assert [w for op in ops for w in op.en_words] == word_tokens(english)
    for op in ops:
        if op.op == "equal":
            assert [w.lower() for w in op.mt_words] == [w.lower() for w in op.en_words]
        if op.op == "insert":
            assert op.mt_words == () and op.en_words
        if op.op == "delete":
            assert op.en_words == () and op.mt_words
    counts = edit_op_counts(ops)
    # Levenshtein distance of the two token lists: 3 words replaced or dropped, 3 added.
    assert counts["replace"] + counts["delete"] + counts["insert"] == 6
    assert counts["equal"] == 7
    text = format_edit_ops(ops)
    assert text.startswith("=4 ") and "+[on the town]" in text


def test_edit_ops_of_empty_sides_and_case() -> None:
    assert format_edit_ops(word_edit_ops("", "two words")) == "+[two words]"
    assert format_edit_ops(word_edit_ops("two words", "")) == "-[two words]"
    assert word_edit_ops("", "") == []
    assert format_edit_ops(word_edit_ops("Aleppo fell", "aleppo fell")) == "=2"
    assert format_edit_ops(word_edit_ops("Aleppo", "aleppo", case_sensitive=True)) == (
        "~[Aleppo>aleppo]"
    )


def test_ter_is_not_computed_past_the_word_limit_but_chrf_is() -> None:
    long_mt = " ".join(["hospital"] * (MAX_EDIT_WORDS + 1))
    long_en = " ".join(["hospital"] * (MAX_EDIT_WORDS + 1))
    short = "The opposition seized the hospital."
    ter = sentence_ter([long_mt, short, short], [long_en, short, long_en])
    assert math.isnan(ter[0]) and math.isnan(ter[2])
    assert ter[1] == pytest.approx(0.0)
    assert sentence_chrf([long_mt], [long_en])[0] == pytest.approx(100.0)
