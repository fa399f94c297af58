"""The Quran translation lookups of the benchmarks: Tanzil verse files read from a stand-in
``purequransearch`` package, one-line errors, and the lookup translator behind ``quran:NAME``."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from translate_eval.corpora import ParallelText, package_folder
from translate_eval.errors import InputError, ModelNotFoundError
from translate_eval_bench import quran
from translate_eval_bench.caches import cached_translator
from translate_eval_bench.quran import QURAN_TRANSLATIONS, quran_translation

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
    folder = tmp_path / "purequransearch"
    (folder / "corpora").mkdir(parents=True)
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "corpora" / "en.pickthall.xml").write_text(TANZIL_XML, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    quran.quran_translation.cache_clear()
    yield folder
    quran.quran_translation.cache_clear()


def test_quran_translation_reads_tanzil_verses(toy_translations: Path) -> None:
    verses = quran_translation("pickthall")
    assert verses == {
        "1:1": "In the name of God, the Merciful.",
        "2:1": "Alif. Lam. Mim.",
        "2:2": 'This is the Book "of no doubt"',
    }


def test_quran_translation_errors_are_one_line(
    toy_translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    with pytest.raises(ModelNotFoundError, match=r"-e '\.\[quran-translations\]'"):
        package_folder("quran-translations")


def test_quran_translator_maps_each_arabic_verse_to_the_other_translation(
    toy_translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verses = [
        ParallelText("1:1", "بسم الله", "Yusuf Ali 1:1", group=1),
        ParallelText("2:1", "الم", "Yusuf Ali 2:1", group=2),
        ParallelText("2:2", "ذلك الكتاب", "Yusuf Ali 2:2", group=2),
        ParallelText("2:3", "الم", "Yusuf Ali 2:3 (the same Arabic again)", group=2),
        ParallelText("2:9", "غير مترجم", "a verse the translation lacks", group=2),
    ]
    monkeypatch.setattr(quran, "quran_verses", lambda basmala=False: verses)
    translator = quran.quran_translator("pickthall")
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
    verses = [ParallelText("2:1", "الم", "A.L.M.", group=2)]
    monkeypatch.setattr(quran, "quran_verses", lambda basmala=False: verses)
    translator = cached_translator("quran:pickthall", toy_translations.parent / "cache")
    assert translator.translate(["الم"]) == ["Alif. Lam. Mim."]
    assert not (toy_translations.parent / "cache").exists()  # a lookup is never cached
    with pytest.raises(InputError, match="unknown Quran translation 'nobody'"):
        cached_translator("quran:nobody", None)
