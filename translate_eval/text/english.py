"""English text rules: where a sentence may end (abbreviations kept whole), and which
language a Latin-script text looks like."""

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


_ENGLISH_WORD_LIST = """the of and to in a is that for on with as was by at it from his her he
she are be has have said not an this who which were they their but or had its will would been"""
_OTHER_WORD_LISTS = {
    "French": """le la les des du de et est une un dans pour que qui sur avec pas au aux par ce
    cette il elle ont sont ne plus son sa ses leur été selon""",
    "Spanish": """el la los las del de y en que por con una un para es se su al lo como más fue
    según""",
    "German": """der die das und ist nicht mit von zu den dem des ein eine auf sich für im auch
    wird wurde""",
    "Italian": "il di che la le del della e un una per non sono con nel",
    "Portuguese": "o os as do da dos das e em um uma para que com não por",
}
#: The commonest English words: about a third of the words of any English prose.
ENGLISH_WORDS = frozenset(_ENGLISH_WORD_LIST.split())
#: The commonest words of Latin-script languages that are taken for English by mistake.
OTHER_LANGUAGE_WORDS = {name: frozenset(words.split()) for name, words in _OTHER_WORD_LISTS.items()}
_LATIN_WORD_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def language_evidence(text: str) -> tuple[int, float, str | None, float]:
    """``(words, english_share, other, other_share)``: the Latin-script words of ``text``, the
    share that are :data:`ENGLISH_WORDS`, and the language of :data:`OTHER_LANGUAGE_WORDS`
    whose words are the largest share (None when no word is). O(len(text))."""
    words = [word.lower() for word in _LATIN_WORD_RE.findall(text)]
    total = max(1, len(words))
    english_share = sum(1 for word in words if word in ENGLISH_WORDS) / total
    other, other_share = None, 0.0
    for language, vocabulary in OTHER_LANGUAGE_WORDS.items():
        share = sum(1 for word in words if word in vocabulary) / total
        if share > other_share:
            other, other_share = language, share
    return len(words), english_share, other, other_share
