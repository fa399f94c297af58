"""Ages given by decade in Arabic and English, as ranges."""

from __future__ import annotations

from translate_eval.text.ages import AgeRange, arabic_age_ranges, english_age_ranges


def test_arabic_ordinal_decades_of_a_life_and_their_parts() -> None:
    assert arabic_age_ranges("في عقده الخامس") == [AgeRange(40, 49, 5)]
    assert arabic_age_ranges("في أواخر عقدها الثالث") == [AgeRange(27, 29, 3)]
    assert arabic_age_ranges("في مطلع العشرينيات من العمر") == [AgeRange(20, 23)]
    assert arabic_age_ranges("رجل في العقد الثالث من العمر") == [AgeRange(20, 29, 3)]
    # العقد الرابع without a pronoun or عمر may be "the fourth contract".
    assert arabic_age_ranges("وقع العقد الرابع مع الشركة") == []


def test_english_decades_after_a_possessive() -> None:
    assert english_age_ranges("a woman in her mid-40s") == [AgeRange(43, 46, 40)]
    assert english_age_ranges("in his late twenties") == [AgeRange(27, 29)]
    assert english_age_ranges("temperatures in the mid-40s") == []


def test_ranges_overlap_and_hold_values() -> None:
    assert AgeRange(33, 36).overlaps(AgeRange(30, 39))
    assert not AgeRange(33, 36).overlaps(AgeRange(43, 46))
    assert AgeRange(30, 39).holds(35) and not AgeRange(30, 39).holds(40)
