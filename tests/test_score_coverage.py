"""Word coverage between Arabic and English, and where the longest uncovered run stands."""

from __future__ import annotations

import math

from markers import needs_lexicon

from translate_eval.score.coverage import Gap, longest_gap, word_coverage

ARABIC = (
    "سيطرت قوات المعارضة على المستشفى الوطني في مدينة جسر الشغور "
    "بعد معارك عنيفة مع قوات النظام استمرت ثلاثة أيام"
)
FULL = (
    "Opposition forces seized the national hospital in the city of Jisr al-Shughour after "
    "violent battles with regime forces that lasted three days."
)
FIRST_HALF = "Opposition forces seized the national hospital in the city of Jisr al-Shughour."
SECOND_HALF = "After violent battles with regime forces that lasted three days."


def spans(count: int) -> list[tuple[int, int]]:
    return [(10 * i, 10 * i + 5) for i in range(count)]


def test_longest_gap_position_and_share() -> None:
    covered = [True] * 6 + [False] * 4
    gap = longest_gap(covered, spans(10))
    assert gap == Gap(share=0.4, words=4, position="end", start=60, stop=95)
    assert longest_gap(covered[::-1], spans(10)).position == "start"
    middle = [True] * 3 + [False] * 4 + [True] * 3
    assert longest_gap(middle, spans(10)).position == "middle"
    assert longest_gap([False] * 5, spans(5)).position == "all"
    assert longest_gap([True] * 5, spans(5)) == Gap()
    assert longest_gap([], []) == Gap()


def test_one_stray_match_does_not_cut_a_long_gap() -> None:
    covered = [True] * 5 + [False] * 5 + [True] + [False] * 5
    gap = longest_gap(covered, spans(len(covered)))
    assert gap.words == 10 and gap.position == "end"
    # A penalty high enough makes the stray match a wall.
    walled = longest_gap(covered, spans(len(covered)), covered_penalty=10.0)
    assert walled.words == 5


@needs_lexicon
def test_a_name_with_diacritics_is_one_covered_word() -> None:
    plain = word_coverage("قال إبراهيم لأبيه", "Ibrahim said to his father")
    academic = word_coverage("قال إبراهيم لأبيه", "Ibrāhīm said to his father")
    assert academic.tgt_content == plain.tgt_content
    assert academic.tgt_covered == plain.tgt_covered


@needs_lexicon
def test_full_translation_is_mostly_covered() -> None:
    coverage = word_coverage(ARABIC, FULL)
    assert coverage.measured
    assert coverage.src_share > 0.7 and coverage.tgt_share > 0.7
    assert coverage.src_gap.share < 0.2


@needs_lexicon
def test_cut_english_leaves_a_gap_where_the_cut_was() -> None:
    end_cut = word_coverage(ARABIC, FIRST_HALF)
    assert end_cut.src_gap.position == "end"
    assert ARABIC[end_cut.src_gap.start : end_cut.src_gap.stop].endswith("أيام")
    start_cut = word_coverage(ARABIC, SECOND_HALF)
    assert start_cut.src_gap.position == "start"
    assert "المستشفى" in ARABIC[start_cut.src_gap.start : start_cut.src_gap.stop]
    for cut in (end_cut, start_cut):
        assert cut.src_share < word_coverage(ARABIC, FULL).src_share
        assert cut.tgt_share > 0.6  # what the English keeps is still translation


@needs_lexicon
def test_added_english_leaves_a_gap_on_the_english_side() -> None:
    added = FULL + " The weather was cold and many families fled to the mountains by night."
    coverage = word_coverage(ARABIC, added)
    assert coverage.tgt_gap.position == "end"
    assert added[coverage.tgt_gap.start : coverage.tgt_gap.stop].startswith("weather")


def test_without_lexicon_coverage_is_not_measured() -> None:
    coverage = word_coverage(ARABIC, FULL, glosser=lambda: False)
    assert not coverage.measured
    assert math.isnan(coverage.src_share) and math.isnan(coverage.tgt_share)
    assert coverage.src_gap == Gap()
