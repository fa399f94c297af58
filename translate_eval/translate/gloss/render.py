"""Rendering for the gloss MT: one reading as English words in English order, joining nouns with
their adjectives and constructs, romanised names, and splitting and joining sentences.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from translate_eval.lexicon import Analysis, LexEntry, bare_letters, stem_kind
from translate_eval.text.arabic import to_ascii_digits
from translate_eval.text.romanize import romanize
from translate_eval.translate.gloss.choose import (
    CONTEXT_BASE_VERB,
    CONTEXT_NAME,
    CONTEXT_NOUN,
    CONTEXT_OTHER,
    CONTEXT_PREP,
    CONTEXT_START,
    clean_gloss,
)
from translate_eval.translate.gloss.inflect import inflect_last, plural, verb_form

_PREFIX_WORDS = {
    ("wa", "CONJ"): "and",
    ("fa", "CONJ"): "and",
    ("bi", "PREP"): "in",
    ("ka", "PREP"): "like",
    ("li", "PREP"): "to",
    ("Al", "DET"): "the",
    ("sa", "FUT"): "will",
    ("li", "SUBJUNC"): "to",
}
_PREFIX_PIECES = ("wa", "fa", "bi", "ka", "li", "la", "sa", "Al")
_PERSON_WORDS = {"1S": "I", "1P": "we", "2": "you", "3P": "they", "3D": "they"}
_OBJECT_WORDS = {"1S": "me", "1P": "us", "2": "you", "3MS": "it", "3FS": "it", "3": "them"}
_POSSESSIVE_WORDS = {"1S": "my", "1P": "our", "2": "your", "3MS": "his", "3FS": "its", "3": "their"}
_PERSON_RE = re.compile(r"([123])([MF]?)([SDP]?)")


def _person_word(code: str, table: dict[str, str]) -> str:
    """The table word for a person code such as ``3MP``, ``2FS`` or ``1S`` ('' if none)."""
    match = _PERSON_RE.match(code)
    if not match:
        return ""
    person, gender, number = match.groups()
    for key in (person + gender + number, person + number, person):
        if key in table:
            return table[key]
    return ""


def _subject_person(tags: Iterable[str]) -> str:
    """Person code of the verb subject given by IV prefixes / PV suffixes ('' if none)."""
    for tag in tags:
        if tag.startswith("IV") and tag[2:3].isdigit():
            return tag[2:]
        if tag.startswith("PVSUFF_SUBJ:"):
            return tag.split(":", 1)[1]
    return ""


def _prefix_words(prefix: LexEntry) -> list[tuple[str, str]]:
    """(vocalised piece, tag) for each prefix morpheme: ``wabiAl`` -> wa/CONJ, bi/PREP, Al/DET."""
    voc = prefix.vocalized
    pieces = []
    for tag in prefix.tags:
        piece = next((p for p in _PREFIX_PIECES if voc.startswith(p)), "")
        if tag == "DET" and voc.startswith("l"):  # li + Al is spelt lil
            piece = "l"
        pieces.append(("Al" if tag == "DET" else piece or voc, tag))
        voc = voc[len(piece) :] if piece else ""
    return pieces


@dataclass(frozen=True)
class RenderedWord:
    """English for one Arabic word: ``lead`` (conjunction, preposition, article, pronouns) and
    ``body`` (the stem's gloss and an object pronoun), plus facts the next word may use."""

    lead: str
    body: str
    kind: str  # stem_kind of the reading, or "name" for a romanised word
    context: str  # context left for the next word
    definite: bool = False  # has the article (or is a name)
    bare: bool = False  # a noun without article or possessive: may head a construct
    clitic: bool = False  # starts with a conjunction or preposition

    @property
    def text(self) -> str:
        """The English words of this Arabic word."""
        return f"{self.lead} {self.body}".strip()


def _suffix_words(suffix: LexEntry) -> tuple[str, str, bool]:
    """Possessive and object pronouns of a suffix ('' if none), and whether it makes a noun
    plural (or dual). The last tag of a kind wins."""
    possessive = obj = ""
    plural_noun = False
    for tag in suffix.tags:
        if tag.startswith("POSS_PRON_"):
            possessive = _person_word(tag[len("POSS_PRON_") :], _POSSESSIVE_WORDS)
        elif "_DO:" in tag or tag.startswith("PRON_"):
            obj = _person_word(tag.split(":")[-1].removeprefix("PRON_"), _OBJECT_WORDS)
        elif tag.startswith("NSUFF_") and ("_PL" in tag or "_DU" in tag):
            plural_noun = True
    return possessive, obj, plural_noun


def render_analysis(analysis: Analysis, context: str) -> RenderedWord:
    """English words for one reading, in English order: conjunction, preposition,
    future/subjunctive, subject pronoun, article or possessive, stem gloss, object pronoun.
    Perfective verbs go to the past, 3rd singular imperfectives take -s, plural nouns -s."""
    prefix, stem, suffix = analysis
    kind = stem_kind(stem)
    gloss = clean_gloss(stem.gloss)
    lead: list[str] = []
    for piece, tag in _prefix_words(prefix):
        word = _PREFIX_WORDS.get((piece, tag), "")
        if word and not (word == "the" and kind == "prop"):
            lead.append(word)
    subject = _subject_person(prefix.tags + suffix.tags)
    plural_subject = subject[-1:] in ("P", "D")
    is_verb = kind in ("pv", "iv", "cv")
    if is_verb and subject:
        pronoun = _person_word(subject, _PERSON_WORDS)
        if pronoun:
            lead.append(pronoun)
    possessive, obj, plural_noun = _suffix_words(suffix)
    if is_verb and gloss:
        gloss = verb_form(gloss, kind, prefix.tags, subject, plural_subject, context)
    elif plural_noun and kind == "noun" and gloss:
        gloss = inflect_last(gloss, plural)
    if possessive:
        lead.append(possessive)
    body = " ".join(word for word in (gloss, obj) if word)
    return RenderedWord(
        lead=" ".join(lead),
        body=body,
        kind=kind,
        context=_next_context(stem, kind),
        definite="DET" in prefix.tags or kind == "prop",
        bare=kind == "noun" and "DET" not in prefix.tags and not possessive,
        clitic=bool({"CONJ", "PREP"} & set(prefix.tags)),
    )


def _next_context(stem: LexEntry, kind: str) -> str:
    """The context a reading leaves for the next word."""
    tags = set(stem.tags)
    if kind == "func":
        if tags == {"PREP"}:
            return CONTEXT_PREP
        if "NEG_PART" in tags:
            return CONTEXT_BASE_VERB
        if tags & {"CONJ", "FUNC_WORD", "SUB_CONJ", "REL_PRON"}:
            return CONTEXT_START
        return CONTEXT_OTHER
    if kind == "prop":
        return CONTEXT_NAME
    if kind in ("noun", "adj"):
        return CONTEXT_NOUN
    return CONTEXT_OTHER


def merge_adjective(previous: RenderedWord | None, current: RenderedWord) -> RenderedWord | None:
    """Noun + adjective of the same definiteness -> one phrase with the adjective first
    (``the hospital`` + ``the national`` -> ``the national hospital``); None if not that case."""
    if (
        previous is None
        or current.kind != "adj"
        or current.clitic
        or current.lead not in ("", "the")
        or previous.kind not in ("noun", "adj_noun")
        or previous.definite != current.definite
    ):
        return None
    return RenderedWord(
        lead=previous.lead,
        body=f"{current.body} {previous.body}",
        kind="adj_noun",
        context=CONTEXT_NOUN,
        definite=previous.definite,
    )


def mark_construct(previous: RenderedWord | None, current: RenderedWord) -> RenderedWord:
    """Bare noun + definite noun or name (an Arabic construct, idafa) -> ``X of Y``
    (``ministry`` + ``the health`` -> ``ministry of the health``): adds ``of`` to ``current``."""
    if (
        previous is None
        or not previous.bare
        or current.clitic
        or current.kind == "adj"
        or not (current.definite or current.kind == "name")
    ):
        return current
    return dataclasses.replace(current, lead=f"of {current.lead}".strip())


# ---------------------------------------------------------------------------------------------
# Out-of-vocabulary words: romanisation
# ---------------------------------------------------------------------------------------------


def _capitalize(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


def romanize_name(word: str) -> str:
    """Romanise an unknown Arabic word as a name: ``الشغور`` -> ``al-Shughur`` style."""
    letters = bare_letters(word)
    if letters.startswith("ال") and len(letters) > 3:
        rest = romanize(letters[2:]).strip()
        return "al-" + _capitalize(rest) if rest else "al"
    text = romanize(letters).strip()
    return _capitalize(text)


# ---------------------------------------------------------------------------------------------
# Tokenising and detokenising
# ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<arabic>[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<word>[^\W\d_]+(?:['\u2019-][^\W\d_]+)*)"
    r"|(?P<other>\S)"
)
_PUNCTUATION_MAP = {
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u066a": "%",  # Arabic percent
    "\u06d4": ".",  # Arabic full stop
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201c": '"',
    "\u201d": '"',
}
_NO_SPACE_BEFORE = frozenset(",.;:?!%)]}")
_NO_SPACE_AFTER = frozenset("([{")


class Token(NamedTuple):
    kind: str  # arabic | number | word | other
    text: str


def tokenize(text: str) -> list[Token]:
    """Split a sentence into Arabic words, numbers (ASCII digits), other words, and single
    punctuation marks (Arabic punctuation mapped to ASCII). O(len(text))."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group()
        if kind == "number":
            value = to_ascii_digits(value)
        elif kind == "other":
            value = _PUNCTUATION_MAP.get(value, value)
        elif kind == "arabic" and not bare_letters(value):
            continue  # a stray tatweel or diacritic
        tokens.append(Token(kind, value))
    return tokens


def detokenize(pieces: list[str]) -> str:
    """Join English pieces with spaces, without a space before closing punctuation or after an
    opening bracket; straight double quotes alternate between opening and closing."""
    out: list[str] = []
    quote_open = False
    glue_next = False
    for piece in pieces:
        if not piece:
            continue
        glue = glue_next or not out
        glue_next = False
        if piece == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        elif piece[0] in _NO_SPACE_BEFORE:
            glue = True
        elif piece in _NO_SPACE_AFTER:
            glue_next = True
        if out and not glue:
            out.append(" ")
        out.append(piece)
    return "".join(out)
