"""The numbers check: the same numbers on both sides, equally qualified."""

from __future__ import annotations

from translate_eval.score.checks.numbers import compare_numbers, numbers_differ


def test_same_numbers_in_digits_and_words_do_not_differ() -> None:
    assert not numbers_differ("نفذ الطيران ٣٠ غارة", "The air force carried out 30 strikes")
    assert not numbers_differ("قتل خمسة وعشرون شخصا", "Twenty-five people were killed")
    assert not numbers_differ("ثلاثة آلاف مقاتل", "3,000 fighters")
    assert not numbers_differ("في عام ٢٠١٥", "in 2015")


def test_changed_number_differs_and_reports_both_sides() -> None:
    comparison = compare_numbers(
        "نفذ الطيران ٣٠ غارة عام ٢٠١٥", "It carried out 25 strikes in 2015"
    )
    assert comparison.differ
    assert comparison.only_source == (30,)
    assert comparison.only_target == (25,)
    assert numbers_differ("في عام ٢٠١٥", "in 2014")  # years count


def test_dropped_or_added_number_alone_is_not_a_changed_number() -> None:
    # A number facing no number is a detail dropped or added (the edit label speaks of it).
    dropped = compare_numbers("قتل ١٢ شخصا", "People were killed")
    assert not dropped.differ and dropped.one_sided and dropped.only_source == (12,)
    assert not numbers_differ("قتل أشخاص", "12 people were killed")
    assert not numbers_differ("ولد عام 1935", "He was transferred in 2015 and was born in 1935")
    # A number replaced by another is a change, even beside one added.
    assert numbers_differ("قتل ١٢ شخصا", "15 people were killed in 2015")


def test_a_year_faces_only_a_year() -> None:
    # The age is dropped and the year said twice (two English sentences of one bead): no
    # number was replaced.
    source = "قال أحمد (68 عاماً): بدأنا نهاية آب 2012 بكفالة 150 طفلاً"
    english = "It was set up in August 2012. In 2012 it took in 150 children."
    comparison = compare_numbers(source, english)
    assert comparison.only_source == (68,) and comparison.only_target == (2012,)
    assert not comparison.differ
    # A year replaced by a year, a count by a count, still differ beside the mismatch.
    assert numbers_differ("اعتقل منذ عام 1979", "detained since 1980")
    assert numbers_differ("قتل 68 شخصا عام 2012", "2012 saw 70 killed in 2012")


def test_changed_unit_of_a_duration_differs() -> None:
    comparison = compare_numbers(
        "ويأتي الحشد بعد سبعة أسابيع من الركود", "The buildup follows seven months of stagnation"
    )
    assert comparison.differ
    assert comparison.unit_changes == ((("7", "week"), ("7", "month")),)
    assert not numbers_differ("خلال سبعة أسابيع", "within seven weeks")
    # A bare singular after بعد is one week; a plural with no number is several.
    assert numbers_differ("بعد أسبوع من الحشد", "after a weeks-long buildup")
    assert not numbers_differ("بعد أسبوع من الحشد", "after a week of buildup")
    assert not numbers_differ("منذ سنوات", "for years")
    # "years" may render a count above one vaguely; "several years" for "one year" it may not.
    assert not numbers_differ("عمره 82 عاما", "he is of advanced years")
    assert numbers_differ("بعد عام من الحصار", "after years of siege")
    assert not numbers_differ("خلال العشرة أيام الماضية", "over the past 10 days")


def test_year_and_weekday_labels_are_not_durations() -> None:
    assert not numbers_differ("في عام ٢٠١٥ يوم الجمعة", "on Friday in 2015")
    assert not compare_numbers("مدير عام الشركة", "the company's director general").unit_changes


def test_qualifier_of_a_changed_duration_is_part_of_the_number_change() -> None:
    comparison = compare_numbers("بعد سبعة أسابيع", "after more than seven months")
    assert comparison.differ and not comparison.qualifiers_differ
    assert compare_numbers("بعد سبعة أسابيع", "after more than seven weeks").qualifiers_differ


def test_one_and_two_are_not_compared() -> None:
    # The Arabic dual (جنديين) says "two" with no number word.
    assert not numbers_differ("قتل جنديين", "Two soldiers were killed")
    assert not numbers_differ("أحد المقاتلين", "one of the fighters")


def test_hedged_numbers_keep_their_value() -> None:
    # "nearly 30" and "about 30" hold the same number; "40" does not.
    assert not numbers_differ("نفذ الطيران حوالي ٣٠ غارة", "nearly 30 air strikes")
    assert not compare_numbers("نحو ثلاثين غارة", "about 30 air strikes").qualifiers_differ
    assert numbers_differ("أكثر من 40 غارة جوية", "nearly 30 air strikes")


def test_changed_qualifier_is_reported_not_a_number_change() -> None:
    comparison = compare_numbers("أكثر من ٣٠ غارة", "30 air strikes")
    assert not comparison.differ
    assert comparison.qualifier_changes == ((30.0, "more_than", "exact"),)


def test_converted_measure_is_the_same_number() -> None:
    comparison = compare_numbers(
        "تقع البلدة على بعد 120 كيلومتراً من دمشق", "The town lies some 75 miles from Damascus"
    )
    assert not comparison.differ
    assert comparison.conversions == (((120.0, "km"), (75.0, "mile")),)
    # A converted figure that does not match still differs, and so does a bare number.
    assert numbers_differ("على بعد 120 كيلومتراً من دمشق", "some 90 miles from Damascus")
    assert numbers_differ("على بعد 120 كيلومتراً من دمشق", "some 75 people from Damascus")


def test_an_age_facing_a_duration_is_no_changed_duration() -> None:
    # The age in the Arabic is no duration to pair with the English "a year".
    assert not numbers_differ(
        "سامر (52 عاماً) لم يزر قريته منذ عام", "Samer, 52, has not visited his village in a year"
    )
    assert numbers_differ("لم يزر قريته منذ عام", "has not visited his village in 52 years")


def test_ordinal_periods_are_not_compared_as_durations() -> None:
    assert not numbers_differ("منذ الأيام الأولى للحصار", "since the first months of the siege")
    assert numbers_differ("منذ ثلاثة أيام من الحصار", "for three months of the siege")


def test_ages_by_decade_compare_as_ranges() -> None:
    source = "أمينة سيدة كردية في منتصف عقدها الرابع"
    changed = compare_numbers(source, "Amina is a Kurdish woman in her mid-40s.")
    assert changed.differ
    assert [(a.low, a.high) for a in changed.only_source_ages] == [(33.0, 36.0)]
    assert changed.only_source == () and changed.only_target == ()
    for same in ("in her mid-30s", "in her thirties", "aged 35"):
        assert not numbers_differ(source, f"Amina is a Kurdish woman {same}."), same
    assert numbers_differ(source, "Amina is a Kurdish woman aged 45.")
    # An age dropped faces nothing: a detail left out, not a changed number.
    assert not numbers_differ(source, "Amina is a Kurdish woman.")


def test_plural_and_nisba_decades_of_age() -> None:
    thirties = "رجل في الثلاثينات من عمره"
    assert not numbers_differ(thirties, "A man in his thirties.")
    assert not numbers_differ(thirties, "A man in his late 30s.")
    assert numbers_differ(thirties, "A man in his early forties.")
    assert numbers_differ("سيدة أربعينية من حلب", "A woman in her 20s from Aleppo.")
    # Without عمر the plural may be an era (the 1990s): not read as an age.
    assert not numbers_differ("في التسعينيات", "in the nineties")
