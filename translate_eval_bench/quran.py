"""Other English translations of the Quran, verse by verse, and a lookup "MT" made of one: a
sentence-level translation by a second translator for the planted-edit benchmark and the fit."""

from __future__ import annotations

import re
from functools import lru_cache

from translate_eval.corpora import clean_line, package_folder, quran_verses
from translate_eval.errors import InputError
from translate_eval.translate.lookup import LookupTranslator

#: English translations of the Quran in ``purequransearch`` (Tanzil's verse-by-verse XML), by the
#: name :func:`quran_translation` takes. ``yusufali`` is the English of
#: :func:`~translate_eval.corpora.quran_verses`.
QURAN_TRANSLATIONS: tuple[str, ...] = (
    "ahmedali", "ahmedraza", "arberry", "daryabadi", "hilali", "itani", "maududi",
    "mubarakpuri", "pickthall", "qarai", "qaribullah", "sahih", "sarwar", "shakir",
    "wahiduddin", "yusufali",
)  # fmt: skip
#: An item of a Tanzil translation file: ``<sura index="2">`` or ``<aya index="5" text="..."/>``.
_TANZIL_ITEM = re.compile(r'<sura\s+index="(\d+)"|<aya\s+index="(\d+)"\s+text="([^"]*)"')


@lru_cache(maxsize=4)
def quran_translation(name: str) -> dict[str, str]:
    """Another English translation of the Quran, verse by verse: ``{"2:255": text}``. ``name``
    is one of :data:`QURAN_TRANSLATIONS` (``pickthall``, ``sahih``...). Reads the data file of
    ``purequransearch`` (GPL-3.0; ``pip install -e '.[quran-translations]'``); its
    code is not imported. Entities are decoded and whitespace collapsed. O(verses)."""
    if name not in QURAN_TRANSLATIONS:
        raise InputError(
            f"unknown Quran translation '{name}'; choose from {', '.join(QURAN_TRANSLATIONS)}"
        )
    path = package_folder("quran-translations") / "corpora" / f"en.{name}.xml"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the Quran translation '{name}' ({error})") from None
    verses: dict[str, str] = {}
    sura = ""
    for match in _TANZIL_ITEM.finditer(text):
        if match.group(1):
            sura = match.group(1)
        elif sura:
            verses[f"{sura}:{match.group(2)}"] = clean_line(match.group(3))
    if not verses:
        raise InputError(f"the Quran translation '{name}' holds no verse ({path.name})")
    return verses


def quran_translator(name: str, *, basmala: bool = False) -> LookupTranslator:
    """A :class:`~translate_eval.translate.lookup.LookupTranslator` that gives each Arabic verse
    of :func:`~translate_eval.corpora.quran_verses` (same ``basmala``) its English in the
    translation ``name``: a sentence-level "MT" made by a second translator, for the
    planted-edit benchmark and the fit (``--mt quran:pickthall``). A verse repeated word for
    word in the Arabic takes the first occurrence's translation. O(verses)."""
    english = quran_translation(name)
    table: dict[str, str] = {}
    for verse in quran_verses(basmala=basmala):
        if verse.ref in english:
            table.setdefault(verse.ar, english[verse.ref])
    return LookupTranslator(table, f"quran-{name}")
