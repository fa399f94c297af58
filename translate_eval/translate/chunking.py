"""Fitting sentences to a model's input limit, in length-sorted batches, and re-joining the pieces:
what the ``hf:`` and ``ct2:`` backends share. Nothing is truncated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from translate_eval.errors import TranslateEvalError

# A clause ends after one of these marks (Latin and Arabic) followed by spaces.
_CLAUSE_END_RE = re.compile(r"(?<=[.!?;:,\u060c\u061b\u061f\u06d4])\s+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?\u061f\u06d4])\s+")

TokenCounter = Callable[[str], int]
BatchTranslator = Callable[[list[str]], list[str]]


@dataclass(frozen=True)
class Chunk:
    """One piece of one sentence, as fed to the model."""

    sentence_index: int
    text: str
    length: int  # tokens, special tokens included


def split_to_fit(sentence: str, count_tokens: TokenCounter, limit: int) -> list[str]:
    """Pieces of ``sentence`` that each take at most ``limit`` tokens, in order, which together
    hold every word of the sentence. One piece when it fits already.

    Splits at sentence ends, then clause punctuation, then between words, and only then inside a
    word (token windows). O(n log n) ``count_tokens`` calls for n words in the worst case.
    """
    if count_tokens(sentence) <= limit:
        return [sentence]
    for pattern in (_SENTENCE_END_RE, _CLAUSE_END_RE):
        parts = [part for part in pattern.split(sentence) if part.strip()]
        if len(parts) > 1:
            return _pack(parts, count_tokens, limit)
    words = sentence.split()
    if len(words) > 1:
        return _pack(words, count_tokens, limit)
    return _token_windows(sentence, count_tokens, limit)


def _pack(parts: list[str], count_tokens: TokenCounter, limit: int) -> list[str]:
    """Greedily join consecutive parts while they fit; split any part that is too long."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if count_tokens(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count_tokens(part) <= limit:
            current = part
        else:
            pieces.extend(split_to_fit(part, count_tokens, limit))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _token_windows(text: str, count_tokens: TokenCounter, limit: int) -> list[str]:
    """Cut one unbroken string into the longest prefixes that fit, found by binary search on
    characters: O(log n) ``count_tokens`` calls per window; the windows concatenate to text."""
    windows = []
    rest = text
    while rest:
        if count_tokens(rest) <= limit:
            windows.append(rest)
            break
        low, high = 1, len(rest) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(rest[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        windows.append(rest[:low])
        rest = rest[low:]
    return windows


def plan_chunks(sentences: list[str], count_tokens: TokenCounter, limit: int) -> list[Chunk]:
    """The chunks a model sees for ``sentences``: each sentence with its spaces collapsed, split
    to fit ``limit``; empty sentences give none. O(total words) token counts when all fit."""
    chunks = []
    for index, sentence in enumerate(sentences):
        if not sentence.strip():
            continue
        for piece in split_to_fit(" ".join(sentence.split()), count_tokens, limit):
            chunks.append(Chunk(index, piece, count_tokens(piece)))
    return chunks


def translate_chunks(
    chunks: list[Chunk], sentence_count: int, batch_size: int, translate_batch: BatchTranslator
) -> list[str]:
    """Translate ``chunks`` longest first in batches of ``batch_size`` (little padding per
    batch), then re-join each sentence's pieces in order: one string per sentence, '' for a
    sentence with no chunk. O(c log c) for c chunks plus the model calls."""
    order = sorted(range(len(chunks)), key=lambda i: (-chunks[i].length, i))
    outputs: list[str] = [""] * len(chunks)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        translated = translate_batch([chunks[i].text for i in batch])
        for position, text in zip(batch, translated, strict=True):
            outputs[position] = text
    pieces: list[list[str]] = [[] for _ in range(sentence_count)]
    for chunk, text in zip(chunks, outputs, strict=True):
        if text:
            pieces[chunk.sentence_index].append(text)
    return [" ".join(parts) for parts in pieces]


class ChunkedTranslator:
    """What the ``hf:`` and ``ct2:`` backends share: fitting sentences to the model's input
    limit, length-sorted batches and re-joining. A subclass sets ``tokenizer``,
    ``max_input_tokens`` and ``batch_size`` and implements ``_generate(list[str])``.
    """

    tokenizer: Any
    max_input_tokens: int
    batch_size: int

    def token_count(self, text: str) -> int:
        """Model input length of ``text``, special tokens included."""
        return len(self.tokenizer(text, truncation=False, verbose=False)["input_ids"])

    def split_for_model(self, sentence: str) -> list[str]:
        """Pieces of ``sentence`` that each fit the model's input limit (see
        :func:`split_to_fit`)."""
        return split_to_fit(sentence, self.token_count, self.max_input_tokens)

    # -- translating ---------------------------------------------------------------------------

    def plan(self, sentences: list[str]) -> list[Chunk]:
        """The chunks the model will see for ``sentences`` (empty sentences give none)."""
        return plan_chunks(sentences, self.token_count, self.max_input_tokens)

    def translate(self, sentences: list[str]) -> list[str]:
        """One translation per sentence, in input order; empty sentences give ''."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        sentences = list(sentences)
        return translate_chunks(
            self.plan(sentences), len(sentences), self.batch_size, self._generate
        )

    def _generate(self, texts: list[str]) -> list[str]:
        """Translate one batch of texts that each fit the input limit (the backend's job)."""
        raise NotImplementedError
