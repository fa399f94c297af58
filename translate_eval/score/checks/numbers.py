"""The numbers check: do the Arabic and the English hold the same numbers, equally qualified?"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from translate_eval.text.numbers import (
    arabic_number_qualifiers,
    arabic_numbers,
    english_number_qualifiers,
    english_numbers,
    number_key,
)


@dataclass(frozen=True)
class NumberComparison:
    """Numbers found on each side and those left without a partner on the other side, and the
    values found on both sides whose qualifier changed (exact, approximate, more_than,
    less_than): ``(value, source qualifier, English qualifier)``."""

    source: tuple[float, ...]
    target: tuple[float, ...]
    only_source: tuple[float, ...]
    only_target: tuple[float, ...]
    qualifier_changes: tuple[tuple[float, str, str], ...] = ()

    @property
    def differ(self) -> bool:
        """True when the two multisets of numbers are not equal ("nearly 30" and "about 30"
        hold the same number; "nearly 30" and "more than 40" do not)."""
        return bool(self.only_source or self.only_target)

    @property
    def qualifiers_differ(self) -> bool:
        """True when a number on both sides is qualified differently ("more than 40" vs "40",
        "about 30" vs "at least 30"); "nearly" and "about" are both approximate."""
        return bool(self.qualifier_changes)


#: Values not compared: Arabic says "one" and "two" with singular and dual nouns (شخصان, two
#: persons) that hold no number word, so 1 and 2 would be missing on the Arabic side.
UNCOMPARED_VALUES = frozenset({1.0, 2.0})


def compare_numbers(src_ar: str, tgt_en: str) -> NumberComparison:
    """Compare the multisets of numbers in an Arabic source and its English, leaving out the
    values in :data:`UNCOMPARED_VALUES` (1 and 2), and the qualifiers of the numbers found on
    both sides (:func:`arabic_number_qualifiers`). O(len(texts))."""
    source = [v for v in arabic_numbers(src_ar) if v not in UNCOMPARED_VALUES]
    target = [v for v in english_numbers(tgt_en) if v not in UNCOMPARED_VALUES]
    source_counts = Counter(number_key(v) for v in source)
    target_counts = Counter(number_key(v) for v in target)
    changes: list[tuple[float, str, str]] = []
    shared = sorted(set(source_counts) & set(target_counts))
    if shared:
        source_qualifiers = arabic_number_qualifiers(src_ar)
        target_qualifiers = english_number_qualifiers(tgt_en)
        for value in shared:
            before = source_qualifiers.get(value, "exact")
            after = target_qualifiers.get(value, "exact")
            if before != after:
                changes.append((value, before, after))
    return NumberComparison(
        source=tuple(source),
        target=tuple(target),
        only_source=tuple(sorted((source_counts - target_counts).elements())),
        only_target=tuple(sorted((target_counts - source_counts).elements())),
        qualifier_changes=tuple(changes),
    )


def numbers_differ(src_ar: str, tgt_en: str) -> bool:
    """True when the numbers (years included) in the Arabic and the English are not the same
    multiset. See :func:`arabic_numbers` and :func:`english_numbers` for what counts; 1 and 2
    are not compared (:data:`UNCOMPARED_VALUES`)."""
    return compare_numbers(src_ar, tgt_en).differ
