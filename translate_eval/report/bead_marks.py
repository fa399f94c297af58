"""What changed inside one bead, as character spans to highlight on the side where it happened:
the dropped Arabic clause, English words with no source, and the changed numbers and names.

Pure functions of a bead's texts and its links.csv ``notes`` / ``src_gap_text``; the HTML is
escaped. Word correspondence comes from the lexicon and the MT together
(:func:`translate_eval.score.coverage.word_matches`), not from a diff against the gloss.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from translate_eval.lexicon import EN_STOPWORDS, GLOSS_WORD_RE, english_stem
from translate_eval.score.coverage import longest_gap, word_matches
from translate_eval.text.arabic import to_ascii_digits
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import arabic_tokens, clitic_readings, written_arabic_words

#: Mark kinds, strongest first: where two overlap the stronger one is shown.
MARK_KINDS: tuple[str, ...] = ("changed", "dropped", "added", "unrendered")
_MARK_TITLES = {
    "dropped": "left out of the English: the longest Arabic run with no counterpart",
    "added": "added: no counterpart in the Arabic (glosses, names, numbers) nor in the MT",
    "unrendered": "no gloss, name, number or MT word of this Arabic word is in the English",
}
#: Checks whose values can be found in the texts (the others are listed under the bead only).
_LOCATABLE = {
    "numbers": "number",
    "names": "name",
    "place types": "name",
    "attribution": "marker",
    "hedging": "marker",
}
#: Fewest English words without a source that a marked addition run holds.
ADDED_RUN_WORDS = 3
_NOTE_RE = re.compile(r"^\s*([^:]+):\s*(.*)$")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_SEPARATORS = re.compile(r"[,\s]")


@dataclass(frozen=True)
class NoteItem:
    """One finding of the checks (one ``;`` part of ``notes``): ``check`` (``numbers``,
    ``names``, ...), the values on the Arabic and on the English side ("-" parts dropped), and
    the note as written."""

    check: str
    source: tuple[str, ...]
    english: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Mark:
    """A span ``[start, stop)`` of one side's text, its kind (:data:`MARK_KINDS`), a tooltip."""

    start: int
    stop: int
    kind: str
    title: str


def _values(part: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in part.split(",") if v.strip() and v.strip() != "-")


def parse_notes(notes: str) -> list[NoteItem]:
    """The ``;`` parts of a links.csv ``notes`` cell. Parts of the form ``check: source A /
    English B`` (either order) get their values; any other part keeps only its text. O(len)."""
    items: list[NoteItem] = []
    for part in notes.split(";"):
        if not part.strip():
            continue
        match = _NOTE_RE.match(part)
        if not match:
            items.append(NoteItem("", (), (), part.strip()))
            continue
        check, rest = match.group(1).strip(), match.group(2)
        source: tuple[str, ...] = ()
        english: tuple[str, ...] = ()
        for side in rest.split(" / "):
            side = side.strip()
            if side.startswith("source "):
                source = _values(side[len("source ") :])
            elif side.startswith("English "):
                english = _values(side[len("English ") :])
        items.append(NoteItem(check, source, english, part.strip()))
    return items


def _number_value(token: str) -> float | None:
    try:
        return float(_SEPARATORS.sub("", token).rstrip("."))
    except ValueError:
        return None


def _find_values(text: str, values: tuple[str, ...], kind: str) -> list[tuple[int, int]]:
    """Spans of ``values`` in ``text``: numbers by value (any digits, separators), else words."""
    if kind == "number":
        wanted = {_number_value(v) for v in values} - {None}
        digits = to_ascii_digits(text)
        return [
            m.span()
            for m in _NUMBER_RE.finditer(digits)
            if _number_value(m.group(0)) in wanted and len(digits) == len(text)
        ]
    spans: list[tuple[int, int]] = []
    folded = fold_latin(text).casefold()
    for value in values:
        if _ARABIC_RE.search(value):
            spans.extend(_arabic_spans(text, value))
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(fold_latin(value).casefold()) + r"(?!\w)")
        spans.extend(m.span() for m in pattern.finditer(folded))
    return spans


def _arabic_spans(text: str, value: str) -> list[tuple[int, int]]:
    """Spans of the Arabic ``value`` (the checks write normalised words: مدينه for مدينة, اكدت
    for وأكدت) in ``text`` as written: runs of words whose normalised form, or one of its clitic
    readings, is the value's word. O(words of the text x words of the value)."""
    wanted = arabic_tokens(value)
    words = written_arabic_words(text)
    spans = []
    for first in range(len(words) - len(wanted) + 1):
        run = words[first : first + len(wanted)]
        if wanted and all(
            form == word or word in {stem for stem, _ in clitic_readings(form)}
            for (_, _, form), word in zip(run, wanted, strict=True)
        ):
            spans.append((run[0][0], run[-1][1]))
    return spans


def change_marks(src: str, tgt: str, items: list[NoteItem]) -> tuple[list[Mark], list[Mark]]:
    """Marks of the changed values on each side (numbers, names, attribution, hedges), each
    with the finding as tooltip. O(len(text) x values)."""
    src_marks: list[Mark] = []
    tgt_marks: list[Mark] = []
    for item in items:
        kind = _LOCATABLE.get(item.check)
        if kind is None:
            continue
        title = describe_note(item, src)
        src_marks += [Mark(a, b, "changed", title) for a, b in _find_values(src, item.source, kind)]
        tgt_marks += [
            Mark(a, b, "changed", title) for a, b in _find_values(tgt, item.english, kind)
        ]
    return src_marks, tgt_marks


def _as_written(value: str, src: str) -> str:
    """The Arabic ``value`` (normalised by the checks: اكدت) as ``src`` first writes it
    (وأكدت); the value itself when it is not Arabic or not found. O(len(src) x words)."""
    if not src or not _ARABIC_RE.search(value):
        return value
    spans = _arabic_spans(src, value)
    return src[spans[0][0] : spans[0][1]] if spans else value


def describe_note(item: NoteItem, src: str = "") -> str:
    """One finding in words: ``numbers: Arabic 40 | English 30`` (the note itself if unparsed);
    with the bead's Arabic ``src``, its Arabic values as written there (وأكدت, not اكدت)."""
    if not item.check or not (item.source or item.english):
        return item.text
    arabic = ", ".join(_as_written(value, src) for value in item.source) or "none"
    english = ", ".join(item.english) or "none"
    return f"{item.check}: Arabic {arabic} | English {english}"


def _content_stems(text: str) -> list[str]:
    words = GLOSS_WORD_RE.findall(fold_latin(text))
    return [english_stem(w) for w in words if w.lower() not in EN_STOPWORDS and len(w) > 1]


def correspondence_marks(src: str, tgt: str, mt: str) -> tuple[list[Mark], list[Mark]]:
    """Arabic words not rendered in the English and English words with no source.

    An English word has a source when it is among the glosses, names or numbers of the Arabic
    words or among the MT's words; an Arabic word is rendered when its glosses, name or number
    are in the English, or when the MT words at its place (the MT's content words projected
    monotonically onto the Arabic ones, a window of about one Arabic word's share each side)
    are. English words with no source are marked only as the longest such run
    (:func:`~translate_eval.score.coverage.longest_gap`) and only when it holds at least
    :data:`ADDED_RUN_WORDS` of them: single unmatched words are mostly the lexicon's gaps
    (other senses, idioms), a run is an addition. Nothing is marked without the lexicon (no
    measure then). O(A + E + M) words.
    """
    matches = word_matches(src, tgt, mt)
    if not matches.measured or not src.strip() or not tgt.strip():
        return [], []
    english_stems = set(_content_stems(tgt))
    mt_stems = _content_stems(mt) if mt.strip() else []
    arabic = matches.src
    share = len(mt_stems) / len(arabic) if arabic else 0.0
    src_marks: list[Mark] = []
    for index, (start, stop, covered) in enumerate(arabic):
        if not covered and mt_stems:
            low = int((index - 0.5) * share)
            high = int((index + 1.5) * share) + 1
            covered = any(stem in english_stems for stem in mt_stems[max(low, 0) : high])
        if not covered:
            src_marks.append(Mark(start, stop, "unrendered", _MARK_TITLES["unrendered"]))
    gap = longest_gap([c for *_, c in matches.tgt], [(a, b) for a, b, _ in matches.tgt])
    tgt_marks = (
        [Mark(gap.start, gap.stop, "added", _MARK_TITLES["added"])]
        if gap.words >= ADDED_RUN_WORDS
        else []
    )
    return src_marks, tgt_marks


def gap_mark(src: str, gap_text: str) -> list[Mark]:
    """The dropped clause (links.csv ``src_gap_text``) where it stands in the Arabic, if found."""
    gap = gap_text.strip()
    start = src.find(gap) if gap else -1
    if start < 0:
        return []
    return [Mark(start, start + len(gap), "dropped", _MARK_TITLES["dropped"])]


def marks_html(text: str, marks: list[Mark]) -> str:
    """Escaped ``text`` with each marked span in ``<mark class="m-KIND" title=...>``; where
    marks overlap the stronger kind (:data:`MARK_KINDS` order) wins. O(len(text) + marks)."""
    strength = {kind: rank for rank, kind in enumerate(MARK_KINDS)}
    owner: list[Mark | None] = [None] * len(text)
    for mark in sorted(marks, key=lambda m: strength.get(m.kind, len(MARK_KINDS)), reverse=True):
        for position in range(max(mark.start, 0), min(mark.stop, len(text))):
            owner[position] = mark
    out: list[str] = []
    position = 0
    while position < len(text):
        current = owner[position]
        end = position
        while end < len(text) and owner[end] is current:
            end += 1
        piece = html.escape(text[position:end], quote=True)
        if current is None:
            out.append(piece)
        else:
            title = html.escape(current.title, quote=True)
            out.append(f'<mark class="m-{current.kind}" title="{title}">{piece}</mark>')
        position = end
    return "".join(out)
