"""Transliteration variants across a document: the spellings of one name ("Shughour",
"Shughur") that share the skeleton of its Arabic (الشغور)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from translate_eval.score.checks.name_entities import variant_keys
from translate_eval.text.names import HYPHEN_ARTICLE_RE, NAME_CONNECTORS, english_names


def _name_word_counts(texts: Sequence[str]) -> Counter[str]:
    """How often each English name word (connectors dropped, possessive 's removed) occurs
    in ``texts``. O(total characters)."""
    counts: Counter[str] = Counter()
    for text in texts:
        for name in english_names(text):
            for word in name.words:
                if word.lower() in NAME_CONNECTORS:
                    continue
                counts[re.sub(r"['’]s$", "", word)] += 1
    return counts


def _root(parent: dict[str, str], word: str) -> str:
    """The representative of ``word``'s group in a union-find forest, halving the path on
    the way. Amortised nearly O(1)."""
    while parent[word] != word:
        parent[word] = parent[parent[word]]
        word = parent[word]
    return word


def _group_by_shared_keys(words: Sequence[str]) -> list[list[str]]:
    """``words`` grouped (in their order) when they share a variant key
    (:func:`_variant_keys`) and, without the article, their first letter. A union-find over
    the shared keys: O(W * K) for W words of K keys each."""
    parent: dict[str, str] = {word: word for word in words}
    owner: dict[tuple[str, str], str] = {}
    for word in sorted(words):
        bare = HYPHEN_ARTICLE_RE.sub("", word) or word
        for key in variant_keys(word):
            slot = (bare[:1].lower(), key)
            if slot in owner:
                parent[_root(parent, word)] = _root(parent, owner[slot])
            else:
                owner[slot] = word
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(_root(parent, word), []).append(word)
    return list(groups.values())


def name_variants(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Spellings of one name that vary across ``texts`` (the English of a document):
    "Shughour" and "Shughur" share the skeleton key of الشغور. Name words (see
    :func:`~translate_eval.text.names.english_names`, connectors dropped, possessive 's
    removed) sharing a key of at least :data:`VARIANT_MIN_KEY` classes and the same first
    letter are grouped; groups with two or more spellings are returned, each ordered by
    frequency (most used first), then alphabetically. A variant is a spelling difference, not
    a change of name. O(W) for W name words, plus a union-find over the shared keys."""
    counts = _name_word_counts(texts)
    variants = [
        tuple(sorted(members, key=lambda w: (-counts[w], w)))
        for members in _group_by_shared_keys(list(counts))
        if len({m.lower() for m in members}) > 1
    ]
    return sorted(variants)
