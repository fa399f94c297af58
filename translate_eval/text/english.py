"""English sentence boundaries: where a sentence may end, with common abbreviations kept whole."""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREVIATION_LIST = """mr mrs ms dr prof gen col lt maj capt sgt rev st sen rep gov pres jr sr vs
etc inc ltd co corp no nos fig approx dept univ est jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.g i.e a.m p.m"""
ABBREVIATIONS = frozenset(_ABBREVIATION_LIST.split())

# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
END_RE = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s)""")
# What may begin the next sentence.
START_RE = re.compile(r"""["'“‘«(\[]*[A-Z0-9]""")


def is_abbreviation(text_before_dot: str) -> bool:
    """True when the word ending just before a full stop is a known abbreviation or an initial."""
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text_before_dot)
    if match is None:
        return False
    word = match.group(1).lower()
    return word in ABBREVIATIONS or len(word) == 1


def sentence_ends(paragraph: str) -> list[int]:
    """Offsets (exclusive) inside ``paragraph`` where an English sentence ends. O(len)."""
    ends: list[int] = []
    for match in END_RE.finditer(paragraph):
        end = match.end()
        rest = paragraph[end:].lstrip()
        if not rest or not START_RE.match(rest):
            continue
        punct = match.group(0)
        single_dot = punct.startswith(".") and len(punct.rstrip("\"'”’»)]")) == 1
        if single_dot and is_abbreviation(paragraph[: match.start()]):
            continue
        ends.append(end)
    return ends
