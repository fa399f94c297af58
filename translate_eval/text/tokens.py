"""Word tokens the divergence checks share: normalised Arabic words and numbers with their
clitic readings, and English text without a translator's parenthesised additions."""

from __future__ import annotations

import re

from translate_eval.text.arabic import normalize_arabic

# Words in parentheses are a translator's additions ("(from nothing)", "(to Allah)").
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
#: A number written in digits: 1,000, 2.5, 30.
NUMBER_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AR_TOKEN_RE = re.compile(rf"{NUMBER_PATTERN}|[\u0621-\u064a]+")
#: An Arabic word (or number) as written: its letters with their diacritics and tatweel, for
#: offsets into the text (:func:`written_arabic_words`).
WRITTEN_ARABIC_WORD_RE = re.compile(
    r"[\u0621-\u064a\u0660-\u0669\u0671\u06f0-\u06f90-9]"
    r"[\u0621-\u0671\u06f0-\u06f90-9\u064b-\u065f\u0640]*"
)
#: The conjunctions و and ف, written as the first letter of the next word.
CONJUNCTION_CLITICS = "وف"
_PREPOSITION_CLITICS = "بلك"


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` as a set (keeps long word lists readable)."""
    return frozenset(text.split())


def without_parentheses(text: str) -> str:
    """``text`` with every parenthesised run (no nested brackets) replaced by a space. O(n)."""
    return _PARENTHESES_RE.sub(" ", text)


def arabic_tokens(text: str) -> list[str]:
    """Normalised Arabic words and ASCII numbers of ``text`` (see ``normalize_arabic``). O(n)."""
    return _AR_TOKEN_RE.findall(normalize_arabic(text))


def written_arabic_words(text: str) -> list[tuple[int, int, str]]:
    """``(start, stop, normalised form)`` of each Arabic word of ``text`` as written: offsets
    into the text itself, so that a finding about a normalised word can be shown where it
    stands. O(n)."""
    return [
        (match.start(), match.end(), normalize_arabic(match.group(0)))
        for match in WRITTEN_ARABIC_WORD_RE.finditer(text)
    ]


def clitic_readings(word: str) -> list[tuple[str, bool]]:
    """Readings of a normalised Arabic word with leading clitics removed, longest first.

    Each reading is (stem, had_article). Conjunction و/ف, then preposition ب/ل/ك, then the
    article ال (or لل = ل + ال) are peeled off while at least two letters remain. O(len(word)).
    """
    readings: list[tuple[str, bool]] = [(word, False)]
    bases = [word]
    if word[:1] in CONJUNCTION_CLITICS and len(word) > 3:
        bases.append(word[1:])
    for base in list(bases):
        if base[:1] in _PREPOSITION_CLITICS and len(base) > 3:
            bases.append(base[1:])
    for base in bases:
        if base != word:
            readings.append((base, False))
        if base.startswith(("ال", "لل")) and len(base) > 3:
            readings.append((base[2:], True))
    seen: set[str] = set()
    unique: list[tuple[str, bool]] = []
    for stem, had_article in readings:
        if stem not in seen:
            seen.add(stem)
            unique.append((stem, had_article))
    return unique
