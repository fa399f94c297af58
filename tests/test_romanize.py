"""Arabic romanisation, and academic Latin transliteration read as plain Latin."""

from __future__ import annotations

import pytest

from translate_eval.text.romanize import fold_latin, romanize


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("جسر الشغور", "jsr al-shghur"),  # no short vowels written: a consonant skeleton
        ("خالد", "khald"),
        ("غزة", "ghza"),
        ("ثلاثة", "thlatha"),
        ("ذهب", "dhhb"),
        ("إدلب", "idlb"),
        ("أريحا", "ariha"),
        ("عبد العليم", "abd al-alim"),
        ("الله", "allah"),
        ("قالوا", "qalu"),
        ("يوم", "yum"),
    ],
)
def test_romanize_letters_in_journalistic_style(arabic: str, latin: str) -> None:
    assert romanize(arabic) == latin


def test_romanize_uses_written_short_vowels_and_shadda() -> None:
    assert romanize("مُحَمَّد") == "muhammad"
    assert romanize("وَالمَدِينَة") == "wal-madina"


def test_romanize_keeps_latin_digits_and_maps_punctuation() -> None:
    assert romanize("قتل ٣٠ شخصا، أمس؟") == "qtl 30 shkhsa, ams?"
    assert romanize("Idlib 2015") == "Idlib 2015"


def test_romanize_capitalises_after_the_article() -> None:
    assert romanize("جسر الشغور", capitalize=True) == "Jsr al-Shghur"


def test_romanize_output_has_no_arabic_letters_left() -> None:
    text = "سيطرت قوات المعارضة السورية على المستشفى الوطني في مدينة جسر الشغور"
    assert not any("\u0600" <= char <= "\u06ff" for char in romanize(text))


def test_fold_latin_strips_transliteration_marks_one_character_for_one() -> None:
    academic = "ʿUthmān b. ʿAffān, al-Ḥasan and Qurʾān; naïve × ÷ ß"
    folded = fold_latin(academic)
    assert folded == "'Uthman b. 'Affan, al-Hasan and Qur'an; naive × ÷ ß"
    assert len(folded) == len(academic)
    assert fold_latin("plain ASCII") == "plain ASCII"
