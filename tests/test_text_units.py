"""Durations (a count and a time unit) read in Arabic and English text."""

from __future__ import annotations

from translate_eval.text.units import SEVERAL, arabic_durations, english_durations


def test_arabic_counts_from_numbers_duals_plurals_and_bare_singulars() -> None:
    assert arabic_durations("بعد سبعة أسابيع") == [("7", "week")]
    assert arabic_durations("خلال العشرة أيام") == [("10", "day")]
    assert arabic_durations("خلال الأيام العشرة") == [("10", "day")]
    assert arabic_durations("قبل شهرين") == [("2", "month")]
    assert arabic_durations("منذ سنوات") == [(SEVERAL, "year")]
    assert arabic_durations("بعد أسبوع من الحشد") == [("1", "week")]
    # A bare singular elsewhere names a day or is another word; a year number labels عام.
    assert arabic_durations("يوم الجمعة") == []
    assert arabic_durations("مدير عام") == []
    assert arabic_durations("عام 2015 يوم") == []


def test_english_counts_from_numbers_articles_and_plurals() -> None:
    assert english_durations("more than seven months") == [("7", "month")]
    assert english_durations("a seven-month siege") == [("7", "month")]
    assert english_durations("over the past 10 days") == [("10", "day")]
    assert english_durations("a week later") == [("1", "week")]
    assert english_durations("a weeks-long buildup") == [(SEVERAL, "week")]
    assert english_durations("several days") == [(SEVERAL, "day")]
    assert english_durations("last week, this year") == []


def test_ordinals_and_ages_are_no_durations() -> None:
    # An ordinal names a period ("the first days"); it does not count one.
    assert arabic_durations("منذ الأيام الأولى للحصار") == []
    assert arabic_durations("في الأشهر الثلاثة الأولى") == [("3", "month")]
    assert english_durations("in the first weeks of the siege") == []
    assert english_durations("the first 100 days") == [("100", "day")]
    # An age after a name, or after العمر, is a number, not a duration.
    assert arabic_durations("سامر (52 عاماً) يعمل مزارعاً") == []
    assert arabic_durations("يبلغ من العمر ثلاثين عاما") == []
    assert arabic_durations("قال عمر إنه قضى 5 سنوات في السجن") == [("5", "year")]  # Omar
    assert english_durations("a 52-year-old farmer, 52 years old") == []
    # Parentheses holding more than an age keep their duration.
    assert arabic_durations("(منذ 3 سنوات)") == [("3", "year")]
    assert english_durations("for 52 years") == [("52", "year")]


def test_two_counts_joined_by_or_or_to_share_the_unit() -> None:
    assert sorted(english_durations("two or three days")) == [("2", "day"), ("3", "day")]
    assert sorted(english_durations("for one to two hours")) == [("1", "hour"), ("2", "hour")]
    assert english_durations("about an hour or two") == [("1", "hour"), ("2", "hour")]
    assert english_durations("a week or two weeks") == [("1", "week"), ("2", "week")]
    assert english_durations("an hour or so") == [("1", "hour")]
    assert english_durations("from a year to 2015") == [("1", "year")]  # a date, not a count
    assert arabic_durations("نحو ساعة أو ساعتين في اليوم") == [("1", "hour"), ("2", "hour")]
    assert arabic_durations("يوم أو يومين") == [("1", "day"), ("2", "day")]
    assert arabic_durations("ساعة أو أكثر") == []  # a bare singular elsewhere stays no count
