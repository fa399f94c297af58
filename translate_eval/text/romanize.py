"""Arabic -> plain-Latin romanisation (journalistic style), and academic Latin transliteration
read as plain Latin.

``romanize`` writes Arabic the way newspapers spell names ("al-shughur", "jisr"), without
diacritics. ``fold_latin`` reads academic transliteration ("ʿUthmān", "al-Ḥasan") as plain
Latin. The consonant-skeleton keys of names are in :mod:`translate_eval.text.name_keys`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from translate_eval.text.arabic import strip_diacritics, to_ascii_digits

# --------------------------------------------------------------------------------------------
# Latin transliteration marks
# --------------------------------------------------------------------------------------------

#: The modifier letters of academic transliteration for ع and hamza (ʿAlī, Qurʾān, Hawaiʻi),
#: read as an apostrophe.
_TRANSLITERATION_APOSTROPHES = str.maketrans(dict.fromkeys("\u02bf\u02be\u02bb\u02bc", "'"))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """``char``'s base letter when it is a Latin letter with diacritics (ā, Ḥ, ṣ), else
    ``char``."""
    if not ("\u00c0" <= char <= "\u024f" or "\u1e00" <= char <= "\u1eff"):
        return char
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base.isalpha() else char


def fold_latin(text: str) -> str:
    """``text`` with Latin letters stripped of their diacritics ("Ibrāhīm" -> "Ibrahim",
    "Ḥasan" -> "Hasan") and the transliteration marks ʿ ʾ read as apostrophes, so that
    academic and plain spellings of a name match. One character for one: offsets into the
    result are offsets into ``text``. O(len(text)); ASCII text is returned as it is."""
    if text.isascii():
        return text
    return "".join(_fold_char(char) for char in text.translate(_TRANSLITERATION_APOSTROPHES))


# --------------------------------------------------------------------------------------------
# romanize
# --------------------------------------------------------------------------------------------

# Consonants (and letters treated as consonants) -> journalistic Latin.
_CONSONANTS: dict[str, str] = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ک": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "پ": "p",
    "چ": "ch",
    "ڤ": "v",
    "گ": "g",
}
_HAMZA_CARRIERS = "ءؤئ"  # glottal stop: written "'" inside a word, dropped at its edges
_ALEFS = "اأإآٱ"
_FATHA, _DAMMA, _KASRA, _SHADDA, _SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
_TANWEEN = "\u064b\u064c\u064d"
_SHORT_VOWELS = {_FATHA: "a", _DAMMA: "u", _KASRA: "i"}
_PUNCTUATION = str.maketrans({"،": ",", "؛": ";", "؟": "?", "٪": "%", "«": '"', "»": '"'})
# Words whose unvoweled spelling romanises badly by rule.
_FIXED_WORDS: dict[str, str] = {
    "الله": "allah",
    "لله": "lillah",
    "والله": "wallah",
    "عبدالله": "abdullah",
}
_ARABIC_WORD_RE = re.compile("[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+")
# Clitic + article spellings at the start of a word, in the order they are tried.
_ARTICLE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("وال", "wal-"),
    ("فال", "fal-"),
    ("بال", "bil-"),
    ("كال", "kal-"),
    ("لل", "lil-"),
    ("ال", "al-"),
)


def _letters_and_marks(word: str) -> list[tuple[str, str]]:
    """Split an Arabic word into (letter, following diacritics) pairs. O(len(word))."""
    pairs: list[tuple[str, str]] = []
    for char in word:
        if "\u064b" <= char <= "\u0652" or char == "\u0670":
            if pairs:
                letter, marks = pairs[-1]
                pairs[-1] = (letter, marks + char)
        elif char != "\u0640":  # tatweel
            pairs.append((char, ""))
    return pairs


def _tail(pieces: list[str]) -> str:
    """The last non-empty piece written so far ("" when none). O(len(pieces))."""
    return next((piece for piece in reversed(pieces) if piece), "")


@dataclass(frozen=True)
class _Letter:
    """One letter of a word with its diacritics and its neighbours."""

    letter: str
    marks: str
    previous: str
    following: str
    index: int
    count: int

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.index == self.count - 1

    @property
    def vowel_after(self) -> str:
        """The written short vowel on the letter (a, u, i), or ""."""
        return next((_SHORT_VOWELS[m] for m in self.marks if m in _SHORT_VOWELS), "")

    @property
    def doubled(self) -> bool:
        return _SHADDA in self.marks


def _alef_latin(char: _Letter, tail: str) -> list[str]:
    if char.at_end and char.previous == "و" and char.index > 1:
        return []  # the silent alef of a verb plural (قالوا -> qalu)
    if char.letter == "إ":
        return ["i"]
    if char.at_start and char.vowel_after:
        return [char.vowel_after]
    if char.at_start or not tail.endswith("a"):
        return ["a"]
    return []  # an alef after a written fatha only lengthens it: nothing more to write


def _waw_latin(char: _Letter, tail: str) -> list[str]:
    plural_ending = char.index == char.count - 2 and char.following == "ا" and char.index > 0
    next_is_vowel_letter = char.following in _ALEFS + "وي" and not plural_ending
    consonantal = (
        char.at_start or char.previous in _ALEFS or next_is_vowel_letter or char.vowel_after
    )
    if consonantal or char.doubled:
        return ["ww" if char.doubled else "w", char.vowel_after]
    return [] if tail.endswith("u") else ["u"]


def _ya_latin(char: _Letter, tail: str) -> list[str]:
    next_is_vowel_letter = char.following in _ALEFS + "وية"
    consonantal = (
        char.at_start or char.previous in _ALEFS or next_is_vowel_letter or char.vowel_after
    )
    if (consonantal and not char.at_end) or char.doubled:
        return ["yy" if char.doubled else "y", char.vowel_after]
    return [] if tail.endswith("i") else ["i"]


def _ta_marbuta_latin(char: _Letter, tail: str) -> list[str]:
    ending = "" if tail.endswith("a") else "a"
    return [ending if char.at_end else ending + "t"]


def _ain_latin(char: _Letter, tail: str) -> list[str]:
    if char.at_start:
        # A written vowel, or "a" (Abd, Ahmad) unless a long vowel letter follows (Eid).
        return [char.vowel_after or ("" if char.following in "وي" else "a")]
    return [] if char.at_end else ["'", char.vowel_after]


def _hamza_latin(char: _Letter, tail: str) -> list[str]:
    if char.letter == "ئ" and not char.at_end:
        return ["'" if char.previous not in _ALEFS else "", char.vowel_after]
    if not char.at_start and not char.at_end:
        return ["'", char.vowel_after]
    return [char.vowel_after]


def _consonant_latin(char: _Letter, tail: str) -> list[str]:
    latin = _CONSONANTS[char.letter]
    return [latin + latin[-1] if char.doubled else latin, char.vowel_after]


# How each letter that is not written as itself is romanised, given the Latin so far.
_LETTER_RULES: dict[str, Callable[[_Letter, str], list[str]]] = {
    **dict.fromkeys(_CONSONANTS, _consonant_latin),
    **dict.fromkeys(_ALEFS, _alef_latin),
    "و": _waw_latin,
    **dict.fromkeys("يی", _ya_latin),
    "ى": lambda char, tail: ["a"],
    "ة": _ta_marbuta_latin,
    "ع": _ain_latin,
    **dict.fromkeys(_HAMZA_CARRIERS, _hamza_latin),
}


def _romanize_stem(word: str) -> str:
    """Romanise one Arabic word with no article prefix. O(len(word)).

    Long vowels: ا -> a, و -> w at a word start or next to a vowel letter and u between
    consonants, ي -> y likewise and i between consonants or at the end, ى -> a, final ة -> a.
    Written short vowels (harakat), when present, are used; shadda doubles a consonant.
    """
    pairs = _letters_and_marks(word)
    out: list[str] = []
    count = len(pairs)
    for index, (letter, marks) in enumerate(pairs):
        previous = pairs[index - 1][0] if index > 0 else ""
        following = pairs[index + 1][0] if index + 1 < count else ""
        rule = _LETTER_RULES.get(letter)
        if rule is None:
            out.append(letter)
        else:
            char = _Letter(letter, marks, previous, following, index, count)
            out.extend(rule(char, _tail(out)))
        if any(m in _TANWEEN for m in marks):
            out.append("n")
    return "".join(out).replace("''", "'")


def _romanize_word(word: str, capitalize: bool) -> str:
    """Romanise one Arabic word, writing a leading article as ``al-`` (``wal-``, ``bil-``...)."""
    bare = strip_diacritics(word)
    if bare in _FIXED_WORDS:
        fixed = _FIXED_WORDS[bare]
        return fixed.title() if capitalize else fixed
    if bare.startswith("عبدال") and len(bare) > 6:  # عبدالرحمن -> abd al-rahman
        return ("Abd " if capitalize else "abd ") + _romanize_word(bare[3:], capitalize)
    for arabic_prefix, latin_prefix in _ARTICLE_PREFIXES:
        if bare.startswith(arabic_prefix) and len(bare) - len(arabic_prefix) >= 2:
            # Drop the same number of letters from the diacritised word.
            letters_seen, cut = 0, 0
            while letters_seen < len(arabic_prefix) and cut < len(word):
                if strip_diacritics(word[cut]):
                    letters_seen += 1
                cut += 1
            stem = _romanize_stem(word[cut:].lstrip("\u0651\u0652"))
            if capitalize:
                stem = stem[:1].upper() + stem[1:]
            return latin_prefix + stem
    stem = _romanize_stem(word)
    return stem[:1].upper() + stem[1:] if capitalize else stem


def romanize(text: str, *, capitalize: bool = False) -> str:
    """Romanise the Arabic words of ``text`` in plain journalistic Latin; keep everything else.

    ش sh, خ kh, غ gh, ث th, ذ dh, ج j, ق q, ع ' inside a word and nothing at its edges, the
    article ال -> al- (assimilation is not written: al-shughur), ا a, و w/u, ي y/i, ة a.
    Unvoweled Arabic does not write short vowels, so "جسر الشغور" gives "jsr al-shghur":
    readable, not perfect. Digits become ASCII, Arabic punctuation its Latin counterpart.
    With ``capitalize`` every romanised word (after its article) starts with a capital.
    Time: O(len(text)).
    """
    converted = to_ascii_digits(text).translate(_PUNCTUATION)
    return _ARABIC_WORD_RE.sub(lambda match: _romanize_word(match.group(0), capitalize), converted)
