"""Place types in the names check: an Arabic place name after a head noun (مدينة السويداء) whose
English types it otherwise ("Al-Suwayda governorate") or renders it by a common noun ("the lawn
area" for منطقة المرج)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from translate_eval.lexicon import arabic_glosses, english_stem, lexicon_available
from translate_eval.text.exonyms import matches_exonym
from translate_eval.text.names import (
    ARABIC_COMPOUND_HEADS,
    ARABIC_STOPWORDS,
    NAME_CONNECTORS,
    arabic_word_keys,
    english_word_keys,
)
from translate_eval.text.place_types import (
    VAGUE_PLACE_TYPES,
    PlaceHead,
    arabic_place_heads,
    english_words,
    glossed_type_words,
    type_word_near,
)
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import arabic_tokens, clitic_readings, without_parentheses


@dataclass(frozen=True)
class PlaceTypeChange:
    """An Arabic place (head noun and name, normalised) and the English that renders it with
    another type (the name and the type word: "Al-Suwayda, governorate") or as a common noun
    ("lawn area")."""

    arabic: str
    english: str


def _name_span(words: list[str], head: PlaceHead) -> list[int]:
    """Indexes of the name after ``head``: one word, two after a compound head without the
    article (دير الزور; المرج is a name, مرج X a compound)."""
    first = head.index + 1
    stems = {stem for stem, article in clitic_readings(words[first]) if not article}
    two = stems & ARABIC_COMPOUND_HEADS and first + 1 < len(words)
    return [first, first + 1] if two else [first]


def _english_runs(words: list[str], span_words: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` of each run of capitalised English words (connectors inside) holding
    a word whose skeleton key or exonym matches one of ``span_words``. O(E * S)."""
    keys = [arabic_word_keys(w) for w in span_words]
    runs = []
    for index, word in enumerate(words):
        if not word[:1].isupper():
            continue
        folded = fold_latin(word)
        by_key = any(english_word_keys(folded) & k for k in keys)
        if not (by_key or matches_exonym(folded, span_words)):
            continue
        first, last = index, index
        while first > 0 and _in_name(words[first - 1]):
            first -= 1
        while last + 1 < len(words) and _in_name(words[last + 1]):
            last += 1
        runs.append((first, last))
    return runs


def _in_name(word: str) -> bool:
    """A word that continues an English name: capitalised, or a connector (al, bin, al-X)."""
    lowered = word.lower()
    return word[:1].isupper() or lowered in NAME_CONNECTORS or lowered.startswith(("al-", "el-"))


def _looks_like_name(word: str) -> bool:
    """Whether the Arabic word after a head noun is a name rather than a description (منطقة
    سكنية "a residential area"): with the article or a proper-noun reading, and no
    adjective reading (with the lexicon). O(readings)."""
    definite = any(article for _, article in clitic_readings(word))
    if not lexicon_available():
        return definite and not word.endswith("يه")
    glosses = arabic_glosses(word)
    return (definite or glosses.proper) and not glosses.adjective


def _gloss_of(arabic_word: str) -> Callable[[str], bool]:
    """Whether an English word is a lexicon gloss of ``arabic_word`` (never, without it)."""
    stems = arabic_glosses(arabic_word).stems if lexicon_available() else frozenset()
    return lambda english_word: english_stem(english_word) in stems


def place_type_changes(src_ar: str, tgt_en: str) -> list[PlaceTypeChange]:
    """The Arabic places (a head noun of :mod:`~translate_eval.text.place_types` and its name)
    that the English types otherwise: the name found in the English (by skeleton key or
    exonym) only with a type word outside the head's ("مدينة السويداء" as "Al-Suwayda
    governorate", "غوطة دمشق" as "the countryside of Damascus"; "area" and "region" are too
    vague to contradict a head); or the name not found and the head's type word typing a
    lower-case word instead ("منطقة المرج" as "the lawn area"), unless the lexicon glosses the
    Arabic word so ("منطقة النزاع", "the conflict area").
    A name found without a type word ("Aleppo" for مدينة حلب) is no change. O(H * E) for H
    heads and E English words."""
    words = [w for w in arabic_tokens(src_ar) if not w[0].isdigit()]
    english = english_words(without_parentheses(tgt_en))
    heads = [
        (head, span)
        for head in arabic_place_heads(words)
        for span in [_name_span(words, head)]
        if words[span[0]] not in ARABIC_STOPWORDS
        and not arabic_place_heads(words[span[0] : span[0] + 2])
    ]
    # Every type the Arabic gives each name (محافظة إدلب and مدينة إدلب in one bead).
    types_of: dict[tuple[str, ...], set[str]] = {}
    for head, span in heads:
        types_of.setdefault(tuple(words[i] for i in span), set()).update(head.types)
    changes = []
    for head, span in heads:
        arabic = " ".join(words[head.index : span[-1] + 1])
        given = types_of[tuple(words[i] for i in span)]
        runs = _english_runs(english, [words[i] for i in span])
        if runs:
            typed = [(run, type_word_near(english, *run)) for run in runs]
            claims = [(run, t) for run, t in typed if t and t not in VAGUE_PLACE_TYPES]
            if claims and not any(t in given for _, t in claims):
                (first, last), kind = claims[0]
                changes.append(
                    PlaceTypeChange(arabic, f"{' '.join(english[first : last + 1])}, {kind}")
                )
        elif _looks_like_name(words[span[0]]):
            glossed = glossed_type_words(english, head.types, _gloss_of(words[span[0]]))
            changes += [PlaceTypeChange(arabic, g) for g in glossed]
    return changes
