"""Cleaning text as it enters the toolkit: invisible format marks removed, controls blanked,
lone surrogates escaped."""

from __future__ import annotations

import re
import unicodedata

#: Invisible format marks: the Arabic letter mark, zero-width space, non-joiner and joiner, the
#: left-to-right and right-to-left marks, bidi embeddings, overrides and isolates, the word
#: joiner and invisible operators, and a byte-order mark inside text. ZWNJ carries meaning in
#: Persian, not in Arabic news or English, so it goes too.
INVISIBLE_MARKS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
#: Control characters other than tab, newline and carriage return (C0, DEL, C1).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"

#: Arabic presentation forms: glyph shapes and ligatures (the text layer of many PDFs holds
#: them), each of which NFKC maps to the ordinary letters.
_PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")
#: The ordinary Arabic letters (hamza to ya).
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_MARK_RE = re.compile(f"[{INVISIBLE_MARKS}]")
_CONTROL_RE = re.compile(f"[{CONTROLS}]")
_BOTH_RE = re.compile(f"[{CONTROLS}{INVISIBLE_MARKS}]")


def clean_text(text: str) -> str:
    """``text`` without invisible format marks (deleted) and with control characters blanked
    (each one space). Use it wherever text enters: documents, MT outputs, metadata values.
    The length may change, so segment the cleaned text, never the original. O(len(text))."""
    return _CONTROL_RE.sub(" ", _MARK_RE.sub("", text))


def clean_controls(text: str) -> str:
    """Blank out control characters and invisible marks, each by one space: the same length,
    so offsets into ``text`` hold (for text that :func:`clean_text` has not cleaned). O(n)."""
    return _BOTH_RE.sub(" ", text)


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot hold: a JSON ``"\ud800"``, an
    undecodable file name) written as its backslash escape ``\\ud800``. O(len(text))."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def reveal_invisible(text: str) -> str:
    """``text`` with each invisible mark and control character written as its escape
    (``\\u202e``): for text shown as it is, such as a pair's name or a file's path, where a raw
    bidi override would reorder what follows it on the page. O(len(text))."""
    return _BOTH_RE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def one_line(text: str) -> str:
    """``text`` as one line that shows what it holds: line breaks written ``\\n`` / ``\\r``, and
    control characters (an ANSI escape) and invisible marks as their escapes
    (:func:`reveal_invisible`), so that a message quoting a path cannot break into several
    lines or drive the terminal. O(len(text))."""
    return reveal_invisible(text).replace("\r", "\\r").replace("\n", "\\n")


def normalise_presentation_forms(text: str) -> tuple[str, int]:
    """``text`` with its Arabic presentation forms replaced by the ordinary letters (NFKC of
    each run; the ligature لا gives two letters) when they outnumber the ordinary Arabic
    letters, as in text copied from a PDF; a few typed ligatures (ﷺ) in ordinary text are kept.
    Returns the text and how many forms were replaced (0 when kept). O(len(text))."""
    forms = sum(len(run) for run in _PRESENTATION_RE.findall(text))
    if not forms or forms <= len(_ARABIC_LETTER_RE.findall(text)):
        return text, 0
    letters = _PRESENTATION_RE.sub(lambda run: unicodedata.normalize("NFKC", run.group(0)), text)
    return letters, forms
