"""The lexical margin of a bead: gloss coverage of the Arabic's content words by its English,
against the neighbouring beads' English."""

from __future__ import annotations

import numpy as np
import pytest
from markers import needs_lexicon

from translate_eval_bench.lexical_margin import (
    WORD_EVIDENCE,
    arabic_content_glosses,
    gloss_coverage,
    lexical_margins,
    matrix_margins,
    ordered_runs,
    shared_facts,
    word_evidence,
)

ARABIC = [
    "قال الرئيس إن الحكومة ستبني مدرسة جديدة",
    "ارتفعت أسعار الخبز في السوق",
    "هطلت أمطار غزيرة على المدينة",
    "أغلقت الشرطة الطريق الرئيسي",
]
ENGLISH = [
    "The president said the government would build a new school",
    "Bread prices rose in the market",
    "Heavy rain fell on the city",
    "Police closed the main road",
]


def test_matrix_margin_is_own_score_minus_the_best_others() -> None:
    scores = np.array([[0.9, 0.1, 0.2], [0.3, 0.8, 0.1], [0.2, 0.2, 0.5]])
    margins = matrix_margins(scores, neighbours=1)
    # Bead 0: row others 0.1, 0.2 (best 0.2); column others 0.3, 0.2 (best 0.3).
    assert margins[0] == pytest.approx(0.9 - 0.5 * (0.2 + 0.3))
    assert margins[2] == pytest.approx(0.5 - 0.5 * (0.2 + 0.2))
    assert np.isnan(matrix_margins(np.ones((1, 1)))).all()


def test_matrix_margin_reads_only_the_band() -> None:
    scores = np.eye(6)
    scores[0, 5] = scores[5, 0] = 1.0  # far outside a band of 1
    assert matrix_margins(scores, band=1, neighbours=1)[0] == pytest.approx(1.0)
    assert matrix_margins(scores, band=5, neighbours=1)[0] == pytest.approx(0.0)


@needs_lexicon
def test_names_numbers_and_function_words_are_not_content() -> None:
    assert arabic_content_glosses("قال في دمشق ٣٠ و2012") == [frozenset({"say"})]
    assert arabic_content_glosses("") == []


@needs_lexicon
def test_translations_cover_their_own_sentence_better_than_the_others() -> None:
    coverage = gloss_coverage(ARABIC, ENGLISH)
    assert coverage.shape == (4, 4)
    assert np.all(np.diag(coverage) > 0.25)
    assert np.all(np.diag(coverage) > coverage.max(axis=1, initial=0, where=~np.eye(4, dtype=bool)))
    assert np.all(lexical_margins(ARABIC, ENGLISH) > 0.25)
    # The same Arabic against English sentences that do not render it: no margin.
    shuffled = ENGLISH[1:] + ENGLISH[:1]
    assert np.all(lexical_margins(ARABIC, shuffled) < 0.1)


@needs_lexicon
def test_shared_facts_count_names_and_numbers_per_sentence_pair() -> None:
    arabic = ["قتل 5 أشخاص في بلدة طفس", "وصل الوفد إلى بلدة الرواشدة"]
    english = ["Five people were killed in the town of Tafas", "The delegation reached Rawashdeh"]
    facts = shared_facts(arabic, english)
    assert facts[0, 0] == 2  # the number 5 and Tafas
    assert facts[1, 1] == 1 and facts[0, 1] == 0 and facts[1, 0] == 0


@needs_lexicon
def test_ordered_runs_need_the_same_order() -> None:
    arabic = ["ارتفعت أسعار الخبز"]
    in_order = ordered_runs(arabic, ["rose prices bread"])
    reversed_order = ordered_runs(arabic, ["bread prices rose"])
    assert in_order[0, 0] == 3 and reversed_order[0, 0] == 1
    assert word_evidence(ARABIC, ENGLISH).shape == (4, len(WORD_EVIDENCE))
