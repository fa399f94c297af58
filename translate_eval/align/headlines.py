"""Headlines: the first line of a side that is a title rather than a sentence, which the aligner
never joins with the sentences after it in one bead; it may join the title lines just under it
(a subtitle)."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Sentence-final punctuation (Latin and Arabic), possibly followed by closing quotes/brackets.
_SENTENCE_END_RE = re.compile(r"[.!?؟…:;،,]['\"”’»)\]]*\s*$")
#: The longest line read as a headline, in words.
MAX_HEADLINE_WORDS = 25


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (. ! ? ؟ … : ; and the commas,
    closing quotes or brackets allowed after it). O(1) after the regex's scan of the end."""
    return bool(_SENTENCE_END_RE.search(text))


def is_headline(text: str) -> bool:
    """True when ``text`` reads as a title: some words, at most :data:`MAX_HEADLINE_WORDS`, and
    no sentence-final punctuation at its end. O(len(text))."""
    return 0 < len(text.split()) <= MAX_HEADLINE_WORDS and not ends_sentence(text)


def leading_headline(sentences: Sequence[str]) -> bool:
    """True when the first of two or more sentences is a headline (:func:`is_headline`) in a
    text that punctuates its sentences: at least half of the others end as sentences, so that
    unpunctuated text (Quranic verses, classical Arabic) has no headline. O(total length)."""
    if len(sentences) < 2 or not is_headline(sentences[0]):
        return False
    rest = sentences[1:]
    return 2 * sum(ends_sentence(sentence) for sentence in rest) >= len(rest)


def headline_lines(sentences: Sequence[str]) -> int:
    """How many lines open the text as titles: 0 without a :func:`leading_headline`, else the
    first line and the headlines (:func:`is_headline`) that follow it before the first
    sentence, but never every line. The headline may join these in one bead, never a sentence:
    a title and its subtitle ("The cold drives Idlib's displaced into the wild" over "Asharq
    Al-Awsat follows their flight") may be rendered as one English title. O(total length)."""
    if not leading_headline(sentences):
        return 0
    count = 1
    while count < len(sentences) - 1 and is_headline(sentences[count]):
        count += 1
    return count
