"""Word tokens the checks share: normalised Arabic tokens, clitic readings, and English text
without its parenthesised additions."""

from __future__ import annotations

from translate_eval.text.tokens import arabic_tokens, clitic_readings, without_parentheses


def test_arabic_tokens_are_normalised_words_and_ascii_numbers() -> None:
    assert arabic_tokens("قال: ١٬٠٠٠ مُقاتِل") == ["قال", "1,000", "مقاتل"]


def test_clitic_readings_peel_conjunction_preposition_and_article_longest_first() -> None:
    assert clitic_readings("وبالمدينة") == [
        ("وبالمدينة", False),
        ("بالمدينة", False),
        ("المدينة", False),
        ("مدينة", True),
    ]
    assert clitic_readings("للمدينه") == [("للمدينه", False), ("مدينه", True), ("لمدينه", False)]
    assert clitic_readings("ولد") == [("ولد", False)]  # too short to lose a letter


def test_without_parentheses_blanks_each_parenthesised_run() -> None:
    assert without_parentheses("He (to Allah) said (so)") == "He   said  "
    assert without_parentheses("no brackets") == "no brackets"
