"""Tests for the Buckwalter lexicon layer: parsing its files, Buckwalter letters, readings of a
word, and the English views of a word that coverage and the name checks use."""

from __future__ import annotations

import pytest
from markers import needs_lexicon

import translate_eval.lexicon.english as english
from translate_eval.lexicon import (
    analyze_word,
    arabic_glosses,
    english_stem,
    installed_lexicon,
    lexicon_form,
    parse_compat_table,
    parse_lexicon_dict,
    spelling_variants,
    to_buckwalter,
    word_analyses,
)

# -- pure parts: no lexicon needed -------------------------------------------------------------


def test_parse_lexicon_dict_reads_lemmas_tags_and_null_entries() -> None:
    text = [
        "; a comment",
        "\t\tPref-0\t",
        ";; kataba_1",
        "ktb\tkatab\tPV\twrite;correspond",
        "ktb\tkutub\tN\tbooks   <pos>kutub/NOUN</pos>",
        "not an entry",
    ]
    parsed = parse_lexicon_dict(text)
    assert set(parsed) == {"", "ktb"}
    verb, noun = parsed["ktb"]
    assert (verb.vocalized, verb.category, verb.gloss, verb.lemma) == (
        "katab",
        "PV",
        "write;correspond",
        "kataba_1",
    )
    assert noun.gloss == "books" and noun.tags == ("NOUN",)
    assert parsed[""][0].category == "Pref-0"


def test_parse_compat_table_ignores_comments_and_spacing() -> None:
    table = parse_compat_table(["; header", "Pref-0   N", "NPref-Al\tN", "broken line here"])
    assert table == frozenset({("Pref-0", "N"), ("NPref-Al", "N")})


def test_to_buckwalter_strips_diacritics_and_rejects_unknown_letters() -> None:
    assert to_buckwalter("مَدِينَة") == "mdynp"
    assert to_buckwalter("أعلنت") == ">Elnt"
    assert to_buckwalter("ڨ") is None


def test_spelling_variants_of_alef_ya_and_ta_marbuta() -> None:
    assert spelling_variants("Anvy") == [">nvy", "<nvy", "|nvy", "AnvY"]
    assert spelling_variants("mdynh") == ["mdynp"]
    assert spelling_variants("ktb") == []


def test_lexicon_form_writes_the_dagger_alef_as_alef() -> None:
    assert lexicon_form("العَٰلمين") == "العَالمين"
    assert lexicon_form("موسىٰ") == "موسى"


def test_english_stem_groups_inflections() -> None:
    assert english_stem("believers") == english_stem("believe")
    assert english_stem("said") == english_stem("say")
    assert english_stem("Honour") == english_stem("honor")
    assert english_stem("cities") == english_stem("city")


def test_english_stem_ignores_diacritics() -> None:
    assert english_stem("Ibrāhīm") == english_stem("Ibrahim")


# -- with the real lexicon ---------------------------------------------------------------------


@needs_lexicon
def test_word_analyses_falls_back_to_a_spelling_variant() -> None:
    lexicon = installed_lexicon()
    assert lexicon is not None
    assert analyze_word(lexicon, "Anvy") == []
    first_with_readings = next(v for v in spelling_variants("Anvy") if analyze_word(lexicon, v))
    readings = word_analyses(lexicon, "Anvy")
    assert readings and readings == tuple(analyze_word(lexicon, first_with_readings))
    assert word_analyses(lexicon, "Xqq") == ()


@needs_lexicon
def test_arabic_glosses_of_a_content_word_and_a_function_word() -> None:
    city = arabic_glosses("المدينة")
    assert english_stem("city") in city.stems and not city.function
    preposition = arabic_glosses("في")
    assert preposition.function and not preposition.stems


@needs_lexicon
def test_the_common_stem_table_is_stored_once_and_read_back(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "mt.sqlite"))
    english.common_english_stems.cache_clear()
    computed = english.common_english_stems()
    assert english.stem_table_path().parent == tmp_path and english.stem_table_path().is_file()
    assert english_stem("mercy") in computed
    english.common_english_stems.cache_clear()
    monkeypatch.setattr(english, "_gloss_stems", lambda lexicon: pytest.fail("recomputed"))
    assert english.common_english_stems() == computed
    english.common_english_stems.cache_clear()


@needs_lexicon
def test_the_parsed_lexicon_is_stored_once_and_read_back_equal(tmp_path, monkeypatch) -> None:
    import translate_eval.lexicon.buckwalter as buckwalter

    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "mt.sqlite"))
    folder = str(buckwalter.find_lexicon_dir())
    buckwalter.load_lexicon.cache_clear()
    parsed = buckwalter.load_lexicon(folder)
    assert list(tmp_path.glob("gloss-lexicon-*.json"))
    buckwalter.load_lexicon.cache_clear()
    monkeypatch.setattr(buckwalter, "_parse_files", lambda texts: pytest.fail("parsed again"))
    stored = buckwalter.load_lexicon(folder)
    buckwalter.load_lexicon.cache_clear()
    for name in ("prefixes", "stems", "suffixes", "prefix_stem", "prefix_suffix", "stem_suffix"):
        assert getattr(stored, name) == getattr(parsed, name)
    assert isinstance(next(iter(stored.stems.values()))[0], buckwalter.LexEntry)
