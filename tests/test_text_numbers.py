"""Numbers written in Arabic and English text: number words, compounds, ordinals, and the
qualifiers before them."""

from __future__ import annotations

import pytest

from translate_eval.text.number_qualifiers import (
    arabic_number_qualifiers,
    english_number_qualifiers,
)
from translate_eval.text.numbers import (
    ENGLISH_NUMBER_WORDS,
    arabic_number_token,
    arabic_numbers,
    english_numbers,
)


@pytest.mark.parametrize(
    ("arabic", "values"),
    [
        ("نفذ الطيران ٣٠ غارة منذ الصباح", [30]),  # Arabic-Indic digits
        ("قتل خمسة وعشرون شخصا", [25]),  # unit + و + tens
        ("ثلاثمائة وخمسة مقاتلين", [305]),
        ("وصل ثلاثة آلاف مقاتل", [3000]),  # plural scale after a number
        ("أحد عشر جنديا", [11]),
        ("ثلاثة عشر", [13]),
        ("ألف وخمسمائة", [1500]),
        ("٢٫٥ مليون نازح", [2_500_000]),  # Arabic decimal separator
        ("١٬٠٠٠ دولار", [1000]),  # Arabic thousands separator
        ("في ٢٥ أيار ٢٠١٥", [25, 2015]),  # adjacent digit strings stay apart
        ("بثلاثة صواريخ ولعشرة أيام", [3, 10]),  # clitics ب and ل stripped
        ("المادة السابعة", [7]),  # ordinal
        ("آلاف المقاتلين وعشرات القتلى", []),  # thousands, dozens: not numbers
        ("يوم الاثنين", []),  # Monday, not "the two"
        ("ارتفع بنسبة 30 بالمئة", [30]),  # percent is not a hundred
        ("يزيد على مئتي ألف برميل", [200_000]),  # the dual's construct form drops its nun
        ("مائتا رجل", [200]),
    ],
)
def test_arabic_numbers(arabic: str, values: list[float]) -> None:
    assert arabic_numbers(arabic) == values


@pytest.mark.parametrize(
    ("english", "values"),
    [
        ("nearly 30 air strikes", [30]),
        ("twenty-five people", [25]),
        ("a hundred and five fighters", [105]),
        ("three thousand fighters", [3000]),
        ("1,000 dollars and 2.5 million people", [1000, 2_500_000]),
        ("25 May, 2015", [25, 2015]),
        ("the 21st century", [21]),
        ("the seventh article", [7]),
        ("one of the fighters; no one left", []),  # "one" as a pronoun
        ("dozens of villages and hundreds of people", []),
        ("two and three", [2, 3]),
    ],
)
def test_english_numbers(english: str, values: list[float]) -> None:
    assert english_numbers(english) == values


def test_negated_and_trailing_bounds_are_qualifiers() -> None:
    """Legal Arabic bounds a number with a negated verb before it (its noun in between) or with
    على الأقل after its noun phrase; legal English with "not less than" / "not exceeding"."""
    assert arabic_number_qualifiers("على ألا يقل عدد أعضائه عن (ثلاثة).") == {3.0: "more_than"}
    assert arabic_number_qualifiers("مدة لا تتجاوز (ستين) يوما") == {60.0: "less_than"}
    assert arabic_number_qualifiers("بغرامة لا تزيد على خمسين ألف ريال") == {50000.0: "less_than"}
    assert arabic_number_qualifiers("يملكون (عشرة في المائة) من أسهمها على الأقل") == {
        10.0: "more_than"
    }
    assert arabic_number_qualifiers("قتل خمسون شخصا") == {}
    assert english_number_qualifiers("not less than six months and not more than 18") == {
        6.0: "more_than",
        18.0: "less_than",
    }
    assert english_number_qualifiers("a fine not exceeding 5,000 riyals") == {5000.0: "less_than"}


def test_number_qualifiers() -> None:
    assert english_number_qualifiers("at least 12 people and up to 40 wounded") == {
        12.0: "more_than",
        40.0: "less_than",
    }
    assert arabic_number_qualifiers("قتل قرابة خمسين شخصا") == {50.0: "approximate"}
    # A qualifier word not followed by a number qualifies nothing.
    assert english_number_qualifiers("over the years 15 people left") == {}
    # An Arabic phrase keeps its meaning under a one-letter proclitic.
    assert arabic_number_qualifiers("بما يزيد على مئتي ألف برميل") == {200_000.0: "more_than"}
    assert arabic_number_qualifiers("ارتفعت بنحو 30 بالمئة") == {30.0: "approximate"}
    assert arabic_number_qualifiers("ونحو البلدة 3 كيلومترات") == {}  # "towards", no number next


def test_arabic_number_token_reads_one_word_with_its_clitics() -> None:
    twenty = arabic_number_token("وعشرون", "")
    assert twenty is not None and (twenty.value, twenty.joined) == (20, True)
    one = arabic_number_token("احد", "عشر")  # the "one" of eleven
    assert one is not None and one.value == 1
    assert arabic_number_token("احد", "") is None  # "one of"
    assert arabic_number_token("الاثنين", "") is None  # Monday


def test_english_number_words_hold_cardinals_ordinals_and_scales() -> None:
    assert ENGLISH_NUMBER_WORDS["ninety"][0] == 90
    assert ENGLISH_NUMBER_WORDS["tenth"][0] == 10
    assert ENGLISH_NUMBER_WORDS["million"][0] == 1e6
    assert "zero" not in ENGLISH_NUMBER_WORDS


def test_arabic_compound_ordinals_past_ten_and_a_hundred() -> None:
    assert arabic_numbers("المادة (الحادية والتسعين)") == [91]
    assert arabic_numbers("الفصل الحادي عشر") == [11]
    # The hundreds come after the rest: "the eighteenth after the hundred" is the 118th.
    assert arabic_numbers("المادة (الثامنة عشرة بعد المائة)") == [118]
    assert arabic_numbers("المادة (الثانية والستين بعد المائتين)") == [262]
    # بعد alone is "after", and digits before it are left as they are.
    assert arabic_numbers("قتل خمسة بعد المعركة") == [5]
    assert arabic_numbers("في 2015 بعد المائة") == [2015]
