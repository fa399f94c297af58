"""Split a document into sentences with character offsets, setting aside headline furniture.

Every :class:`Segment` satisfies ``text[seg.start:seg.end] == seg.text``. Lines that are page
furniture rather than article text ("2 min read", a dateline, a photo caption, a repeated headline)
become *skipped* segments: kept for the report, left out of alignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from translate_eval.text import arabic, english
from translate_eval.text.clean import clean_controls
from translate_eval.text.quotes import quoted_ellipsis, quoted_spans
from translate_eval.text.tokens import arabic_tokens, word_set

Language = Literal["ar", "en"]

#: A "sentence" longer than this (characters) is cut at clause marks, then at spaces.
MAX_SENTENCE_CHARS = 1500

_MONTHS_EN = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTHS_AR = (
    "يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    "كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
)
_DIGITS = r"[0-9٠-٩]"
_FURNITURE = [
    ("reading time", re.compile(r"^\d+\s*(?:min|mins|minute|minutes)\s+read$", re.I)),
    (
        "dateline",
        re.compile(
            rf"^(?:\w+,?\s+)?(?:{_DIGITS}{{1,2}}\s+(?:{_MONTHS_EN}|{_MONTHS_AR}),?\s+{_DIGITS}{{4}}"
            rf"|(?:{_MONTHS_EN})\s+{_DIGITS}{{1,2}},?\s+{_DIGITS}{{4}}"
            rf"|{_DIGITS}{{4}}-{_DIGITS}{{2}}-{_DIGITS}{{2}})$",
            re.I,
        ),
    ),
    (
        "photo caption",
        re.compile(
            r"^.{0,300}[\[(](?:getty|afp|ap|reuters|anadolu|epa|photo|getty images|"
            r"العربي الجديد|فرانس برس|الأناضول|رويترز|[^\])]{0,25}(?:photo|images|صورة))[\])]\s*$",
            re.I,
        ),
    ),
]

_CLAUSE_RE = re.compile(r"[,;:،؛]\s")
#: A pipe between spaces: a web page's separator of bylines, sections and titles.
_PIPE_RE = re.compile(r"[ \t]+\|[ \t]+")


@dataclass(frozen=True)
class Segment:
    """One sentence: its text and where it stands in the original document text."""

    id: int
    text: str
    start: int
    end: int
    paragraph: int
    kind: str = "body"  # "title" or "body"; a skipped segment carries the reason instead


@dataclass
class Segmentation:
    """Sentences to align, furniture lines set aside, and notes on anything degraded."""

    segments: list[Segment]
    skipped: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# Words a sentence never ends with: a line ending with one was wrapped inside its sentence.
_EN_OPEN_WORDS = word_set(
    "the a an of to and or in on at for with by from that which who whose as is are was were be "
    "been has have had his her its their our this these those not but than into about"
)
_AR_OPEN_WORDS = word_set(
    "و في من على الى عن مع بين بعد قبل حتى ثم او لا ما ان التي الذي الذين هذا هذه ذلك تلك كان "
    "كانت قد لقد وان بان لان انه وفي ومن لم لن"
)
_FINAL_MARKS = ".!?؟…:;\"'”’»)]"
_WRAP_RE = re.compile(r"(?<=[^\s])[ \t]*\n(?=[ \t]*\S)")


def unwrap_lines(text: str, lang: Language) -> str:
    """``text`` with each hard wrap inside a sentence (a single line break between two lines of
    text that are not page furniture, after a line that is not the first and ends with no
    sentence mark but with a word no sentence ends with, or in English before a lower-case
    letter) replaced by a space: the same length, so
    offsets hold. Text copied from a PDF or an e-mail wraps lines at a width; news pages saved
    as text put blank lines between paragraphs and keep every other line break. O(len(text))."""
    first_break = text.find("\n", len(text) - len(text.lstrip()))
    chars = list(text)
    for match in _WRAP_RE.finditer(text):
        newline = match.start() + match.group(0).index("\n")
        if newline <= first_break:
            continue  # the first line: a title is never joined with what follows
        line = text[text.rfind("\n", 0, newline) + 1 : newline].strip()
        next_end = text.find("\n", newline + 1)
        next_line = text[newline + 1 : next_end if next_end >= 0 else len(text)].strip()
        furniture = furniture_kind(line) or furniture_kind(next_line)
        if not line or line[-1] in _FINAL_MARKS or furniture:
            continue
        following = next_line[:1]
        last = line.split()[-1]
        if lang == "ar":
            words = arabic_tokens(last)
            opened = bool(words) and words[-1] in _AR_OPEN_WORDS
        else:
            opened = last.lower() in _EN_OPEN_WORDS or following.islower()
        if opened:
            chars[newline] = " "
    return "".join(chars)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of ``text``; offsets point into ``text``."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither begins nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long span at clause marks, else at the last space before ``limit``. O(len)."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for match in _CLAUSE_RE.finditer(window):
            if match.end() > limit // 3:
                cut = match.end()
        if cut < 0:
            cut = window.rfind(" ", limit // 3)
        if cut <= 0:
            cut = limit
        pieces.append(_trimmed(text, start, start + cut))
        start = start + cut
    pieces.append(_trimmed(text, start, end))
    return [p for p in pieces if p[1] > p[0]]


def furniture_kind(line: str) -> str | None:
    """Name the kind of page furniture a line is ("dateline", ...), or None for article text."""
    stripped = line.strip()
    for name, pattern in _FURNITURE:
        if pattern.match(stripped):
            return name
    return None


def segment_text(
    text: str,
    lang: Language,
    *,
    presegmented: bool = False,
    max_sentence_chars: int = MAX_SENTENCE_CHARS,
) -> Segmentation:
    """Split ``text`` into sentences; O(len(text)).

    ``presegmented``: each non-empty line is one sentence (ids are line numbers, counting every
    line but trailing empty ones); an inner empty line is set aside (``empty line``, with a
    warning); nothing is cut, as aligners' gold files expect.
    Otherwise paragraphs are split at sentence ends (Arabic: ``. ! ? ؟``, never ``،``); the first
    line becomes the ``title`` when it has no final punctuation and fits ``max_sentence_chars``
    (a longer one is body text, cut like any over-long sentence), a repeat of it is skipped,
    and furniture lines are skipped. A hard wrap inside a sentence is read as a space
    (:func:`unwrap_lines`).
    """
    text = clean_controls(text)
    if presegmented:
        return _presegmented(text)
    text = unwrap_lines(text, lang)
    result = Segmentation(segments=[])
    title: str | None = None
    paragraph = 0
    previous_blank = True
    for offset, line in _lines(text):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        if previous_blank:
            paragraph += 1
        previous_blank = False
        start, end = _trimmed(text, offset, offset + len(line))
        reason = furniture_kind(stripped)
        if reason is None and title is not None and stripped == title:
            reason = "repeated headline"
        if reason is not None:
            result.skipped.append(
                Segment(len(result.skipped), stripped, start, end, paragraph, reason)
            )
            continue
        is_headline = stripped[-1] not in '.!?؟…"”' and end - start <= max_sentence_chars
        if title is None and not result.segments and is_headline:
            title = stripped
            result.segments.append(Segment(0, stripped, start, end, paragraph, "title"))
            continue
        _add_sentences(result, text, start, end, lang, paragraph, max_sentence_chars)
    return result


def _pipe_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between pipe separators (:data:`_PIPE_RE`), which are
    page furniture, never prose. O(end - start)."""
    parts, cursor = [], start
    for match in _PIPE_RE.finditer(text, start, end):
        parts.append((cursor, match.start()))
        cursor = match.end()
    parts.append((cursor, end))
    return parts


def _add_sentences(
    result: Segmentation,
    text: str,
    start: int,
    end: int,
    lang: Language,
    paragraph: int,
    max_sentence_chars: int,
) -> None:
    """Append the sentences of the line ``text[start:end]`` to ``result``, cutting any over
    ``max_sentence_chars`` (with a warning); an ellipsis inside a closed quotation (a quoted
    headline) is no sentence end, and a pipe between spaces (a page's separator: "Enab Baladi
    – Ahmad Jamal | The political scene ...") ends one and belongs to neither. O(end - start)."""
    ends_of = arabic.sentence_ends if lang == "ar" else english.sentence_ends
    spans: list[tuple[int, int]] = []
    for part_start, part_end in _pipe_parts(text, start, end):
        cursor = part_start
        line = text[part_start:part_end]
        quotes = quoted_spans(line)
        for cut in ends_of(line):
            if quoted_ellipsis(line, cut, quotes):
                continue
            spans.append(_trimmed(text, cursor, part_start + cut))
            cursor = part_start + cut
        spans.append(_trimmed(text, cursor, part_end))
    for span_start, span_end in spans:
        if span_end <= span_start:
            continue
        pieces = [(span_start, span_end)]
        if span_end - span_start > max_sentence_chars:
            pieces = _cut_long(text, span_start, span_end, max_sentence_chars)
            language = "an Arabic" if lang == "ar" else "an English"
            result.warnings.append(
                f"{language} sentence of {span_end - span_start:,} characters at offset "
                f"{span_start} was cut into {len(pieces)} pieces of at most "
                f"{max_sentence_chars:,} characters (at clause marks, else at spaces)"
            )
        for piece_start, piece_end in pieces:
            result.segments.append(
                Segment(
                    len(result.segments),
                    text[piece_start:piece_end],
                    piece_start,
                    piece_end,
                    paragraph,
                )
            )


def _presegmented(text: str) -> Segmentation:
    """One segment per non-empty line, its id the line number; empty lines (but trailing ones)
    are set aside as ``empty line`` with a warning, so no empty sentence is aligned. O(n)."""
    lines = _lines(text)
    while lines and not lines[-1][1].strip():
        lines.pop()
    result = Segmentation(segments=[])
    for number, (offset, line) in enumerate(lines):
        start, end = _trimmed(text, offset, offset + len(line))
        if end == start:
            result.skipped.append(Segment(number, "", start, start, number, "empty line"))
            continue
        result.segments.append(Segment(number, text[start:end], start, end, number))
    if result.skipped:
        ids = ", ".join(str(segment.id) for segment in result.skipped[:10])
        more = " ..." if len(result.skipped) > 10 else ""
        result.warnings.append(
            f"{len(result.skipped)} empty line(s) left out of alignment (ids {ids}{more}; ids "
            "are line numbers from 0 and still count them)"
        )
    return result
