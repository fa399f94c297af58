"""Clause units of a sentence: the pieces between commas, semicolons, clause-opening
conjunctions and quote frames, with character offsets, for aligning below the sentence.

Clauses are an alignment view only: links, reports and ids stay on sentences. Every span ``(start,
end)`` satisfies ``sentence[start:end] == clause`` (stripped of spaces), and no clause is shorter
than :data:`MIN_CLAUSE_WORDS` words (shorter pieces are merged into a neighbour).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from translate_eval.text.arabic import normalize_arabic
from translate_eval.text.quotes import inside_quotes, quoted_spans
from translate_eval.text.segment import Language, Segment
from translate_eval.text.tokens import word_set

#: Version of the clause rules, recorded in the run signature next to the segmenter's.
CLAUSES_VERSION = "clauses-v1"
#: A clause has at least this many words; shorter pieces join a neighbour.
MIN_CLAUSE_WORDS = 6
#: A quotation of fewer words than this (a quoted title or headline) is never cut.
MIN_CUT_QUOTE_WORDS = 12

# A comma or semicolon (Arabic or Latin) followed by a space: the next word starts a clause.
_MARK_RE = re.compile(r"[,،;؛]\s+(?=\S)")
_WORD_RE = re.compile(r"\S+")
# Normalised (normalize_arabic) words that open a clause, with or without a glued و / ف:
# reporting verbs (masculine; a final ت of the feminine is peeled off), auxiliaries, pronouns
# and particles that start a new statement in news prose.
_AR_CLAUSE_WORDS = word_set(
    """قال اضاف اوضح اكد اشار تابع لفت كشف ذكر افاد اعتبر راى اعلن شدد نفى زعم طالب
    ختم استدرك كان يكون تكون اصبح بات ظل قد لم لن هو هي هم هذا هذه ذلك تلك لكن لكنه لكنها
    بينما حيث كما فيما الا اذ عندما"""
)
# Reporting verbs and conjunctions: a clause starts with one even without و / ف or a comma.
_AR_OPENERS = word_set("قال اضاف اوضح اكد اشار تابع لفت استدرك ختم ثم فيما بينما لكن لكنه لكنها")
_EN_CLAUSE_WORDS = word_set("and but which who whom whose saying adding noting while whereas")
#: The clause words of the part view (:func:`clause_spans` with ``parts``): also the relative
#: "where", which opens the long clause an editor adds to a sentence (", where two companies
#: raised the fare ..."); clause units keep the shorter list.
EN_PART_WORDS = _EN_CLAUSE_WORDS | {"where"}
_EN_QUOTE_FRAME_RE = re.compile(
    r"\b(?:said|says|added|told \w+|stated|wrote)(?:\s+that)?[,:]\s+(?=[\"“«'‘])", re.I
)


@dataclass(frozen=True)
class Clause:
    """One clause: the position of its sentence in the document's segments, its text, and where
    it stands in the document text (``document_text[start:end] == text``)."""

    sentence: int
    text: str
    start: int
    end: int


def _arabic_readings(word: str) -> list[tuple[set[str], bool]]:
    """The normalised forms of an Arabic word, as written and without a glued و / ف (with the
    flag that one was peeled); each with and without a final ت (feminine verbs)."""
    bare = normalize_arabic(word).strip("\"'«»“”()[]،,؛;")
    readings = [(bare, False)]
    if len(bare) >= 3 and bare[0] in "وف":
        readings.append((bare[1:], True))
    return [
        ({stem, stem[:-1]} if stem.endswith("ت") and len(stem) > 3 else {stem}, peeled)
        for stem, peeled in readings
    ]


def _opens_arabic_clause(word: str, after_mark: bool) -> bool:
    """Whether ``word`` starts a new Arabic clause: a reporting verb (قال، وأضاف، وأوضحت
    ...) or a clause conjunction (ثم، فيما، بينما) with or without و / ف; or, glued to و / ف
    or after a comma, another clause-opening word (وكان، وقد، ولم، وهو ...)."""
    for forms, peeled in _arabic_readings(word):
        if forms & _AR_OPENERS:
            return True
        if (peeled or after_mark) and forms & _AR_CLAUSE_WORDS:
            return True
    return False


def _cut_points(sentence: str, lang: Language) -> list[int]:
    """Offsets in ``sentence`` where a clause may start, in order. O(len)."""
    cuts: set[int] = {match.end() for match in _MARK_RE.finditer(sentence)}
    if lang == "en":
        cuts |= {match.end() for match in _EN_QUOTE_FRAME_RE.finditer(sentence)}
        return sorted(cuts)
    for number, match in enumerate(_WORD_RE.finditer(sentence)):
        if number and _opens_arabic_clause(match.group(0), match.start() in cuts):
            cuts.add(match.start())
    return sorted(cuts)


def _allowed(
    sentence: str,
    cut: int,
    lang: Language,
    quotes: Sequence[tuple[int, int]],
    words: frozenset[str] = _EN_CLAUSE_WORDS,
) -> bool:
    """Whether a clause may start at ``cut``: not inside a short quotation; in English, after a
    semicolon, a quote frame, or a comma followed by one of ``words`` (and, which, who, saying
    ...)."""
    short = [(a, b) for a, b in quotes if len(sentence[a:b].split()) < MIN_CUT_QUOTE_WORDS]
    if inside_quotes(short, cut):
        return False
    if lang == "ar":
        return True
    before = sentence[:cut].rstrip()
    if not before.endswith(",") or sentence[cut : cut + 1] in "\"“«'‘":
        return True
    word = re.match(r"[\w']+", sentence[cut:])
    return word is not None and word.group(0).lower() in words


def _merged(spans: list[tuple[int, int]], sentence: str, min_words: int) -> list[tuple[int, int]]:
    """``spans`` with every piece under ``min_words`` words joined to its shorter neighbour.
    O(k^2) for k pieces (a sentence has few)."""
    pieces = list(spans)
    words = [len(sentence[a:b].split()) for a, b in pieces]
    while len(pieces) > 1 and min(words) < min_words:
        i = words.index(min(words))
        if i == 0 or (i + 1 < len(pieces) and words[i + 1] < words[i - 1]):
            j = i + 1
        else:
            i, j = i - 1, i
        pieces[i : j + 1] = [(pieces[i][0], pieces[j][1])]
        words[i : j + 1] = [words[i] + words[j]]
    return pieces


def clause_spans(
    sentence: str, lang: Language, min_words: int = MIN_CLAUSE_WORDS, parts: bool = False
) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the clauses of ``sentence``, covering it in order (spaces
    between clauses belong to none). Arabic: cut after ، , ؛ ; and before ثم, a reporting
    verb (قال، وأضاف، وأوضح ...) or a clause word glued to و / ف (وكان، وقد، فيما; not و of a
    name list "X و Y"). English: after "; ", before ", and" / ", which" / ", who" /
    ", saying" ..., and after a quote frame ('said: "'); with ``parts`` (the part links' view)
    also before ", where" (:data:`EN_PART_WORDS`). Never inside a short quotation; pieces under
    ``min_words`` words are merged. O(len(sentence))."""
    quotes = quoted_spans(sentence)
    words = EN_PART_WORDS if parts else _EN_CLAUSE_WORDS
    cuts = [c for c in _cut_points(sentence, lang) if _allowed(sentence, c, lang, quotes, words)]
    bounds = [0, *cuts, len(sentence)]
    spans = []
    for start, end in itertools.pairwise(bounds):
        piece = sentence[start:end]
        lead = len(piece) - len(piece.lstrip())
        trimmed = piece.strip()
        if trimmed:
            spans.append((start + lead, start + lead + len(trimmed)))
    return _merged(spans, sentence, min_words) if spans else [(0, len(sentence))]


def document_clauses(
    segments: Sequence[Segment], lang: Language, min_words: int = MIN_CLAUSE_WORDS
) -> list[Clause]:
    """The clauses of every segment in order, offsets into the document text (a title is one
    clause). O(total characters)."""
    clauses: list[Clause] = []
    for position, segment in enumerate(segments):
        if segment.kind == "title":
            spans = [(0, len(segment.text))]
        else:
            spans = clause_spans(segment.text, lang, min_words)
        for start, end in spans:
            clauses.append(
                Clause(
                    position,
                    segment.text[start:end],
                    segment.start + start,
                    segment.start + end,
                )
            )
    return clauses
