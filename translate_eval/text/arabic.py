"""Arabic text rules: normalisation for matching (never for display) and sentence ends."""

from __future__ import annotations

import re

ARABIC_LETTER = "\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff"
_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")
# Harakat, tanween, shadda, sukun, dagger alef, Quranic marks.
_DIACRITICS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTER_MAP = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u06cc": "\u064a",  # Farsi ya -> ya
        "\u06a9": "\u0643",  # keheh -> kaf
    }
)
# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits -> ASCII.
_DIGIT_MAP = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
# Arabic decimal and thousands separators.
_SEPARATOR_MAP = str.maketrans({"\u066b": ".", "\u066c": ","})


def to_ascii_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits (and the Arabic decimal/thousands signs) by ASCII."""
    return text.translate(_DIGIT_MAP).translate(_SEPARATOR_MAP)


def strip_diacritics(text: str) -> str:
    """Remove harakat, tanween, shadda, sukun, dagger alef and tatweel."""
    return _DIACRITICS_RE.sub("", text).replace(_TATWEEL, "")


def normalize_arabic(text: str) -> str:
    """Normalise Arabic for matching: no diacritics or tatweel, unified alef / ya / ta marbuta,
    ASCII digits. Length may change, so never use the result for offsets or display."""
    return to_ascii_digits(strip_diacritics(text).translate(_LETTER_MAP))


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic (0.0 when there are no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _ARABIC_RE.match(ch)) / len(letters)


# Sentence-final marks in Arabic text: full stop, Arabic question mark, exclamation, ellipsis.
# The Arabic comma (U+060C) and semicolon (U+061B) never end a sentence.
_AR_END_RE = re.compile(r"""(?:[.!?؟…]+|\u06d4)["'”’»)\]]*(?=\s)""")


def sentence_ends(paragraph: str) -> list[int]:
    """Offsets (exclusive) inside ``paragraph`` where an Arabic sentence ends. O(len).

    A full stop between digits (``2.5``) or after a single-letter abbreviation (``د.``) is not an
    end; nor are two dots, the Arabic press's pause inside a headline or a sentence (نازحون في
    قلب الغوطة.. لا منازل ولا مراكز); the Arabic comma and semicolon never are.
    """
    ends: list[int] = []
    for match in _AR_END_RE.finditer(paragraph):
        start, end = match.start(), match.end()
        if not paragraph[end:].strip():
            continue
        if match.group(0).rstrip("\"'”’»)]") == "..":
            continue
        if match.group(0).startswith(".") and start > 0:
            word = re.search(r"(\S+)$", paragraph[:start])
            if word is not None and len(word.group(1)) == 1:
                continue
        ends.append(end)
    return ends


#: Letters of Persian and Urdu that Arabic does not use: پ چ ژ گ ٹ ڈ ڑ ں ے ۓ ۀ ہ ھ.
PERSIAN_URDU_LETTERS = frozenset(
    "\u067e\u0686\u0698\u06af\u0679\u0688\u0691\u06ba\u06d2\u06d3\u06c0\u06c1\u06be"
)
_PERSIAN_FORMS = frozenset("\u06cc\u06a9")  # Farsi ya and keheh, where Arabic has ي and ك
_ARABIC_FORMS = frozenset("\u064a\u0643")  # Arabic ya and kaf


def persian_urdu_evidence(text: str) -> tuple[int, float, float]:
    """``(letters, foreign_share, forms_share)`` of ``text``'s Arabic-script letters: how many,
    the share that only Persian or Urdu use (:data:`PERSIAN_URDU_LETTERS`; a few in names in
    Arabic news), and the share of ی ک among ی ک ي ك (near 1 in Persian and Urdu, and in
    Arabic typed on a Persian keyboard; near 0 in Arabic). O(len(text))."""
    letters = foreign = persian_forms = arabic_forms = 0
    for char in text:
        if not _ARABIC_RE.match(char):
            continue
        letters += 1
        foreign += char in PERSIAN_URDU_LETTERS
        persian_forms += char in _PERSIAN_FORMS
        arabic_forms += char in _ARABIC_FORMS
    forms = persian_forms + arabic_forms
    return letters, foreign / max(1, letters), persian_forms / max(1, forms)
