"""The numbers check: do the Arabic and the English hold the same numbers, of the same units,
equally qualified?"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from translate_eval.text.ages import AgeRange, arabic_age_ranges, english_age_ranges
from translate_eval.text.measures import (
    Measure,
    arabic_measures,
    converts_to,
    english_measures,
)
from translate_eval.text.number_qualifiers import (
    arabic_number_qualifiers,
    english_number_qualifiers,
)
from translate_eval.text.numbers import arabic_numbers, english_numbers, number_key
from translate_eval.text.units import SEVERAL, Quantity, arabic_durations, english_durations


@dataclass(frozen=True)
class NumberComparison:
    """Numbers found on each side and those left without a partner on the other side, the
    values found on both sides whose qualifier changed (exact, approximate, more_than,
    less_than): ``(value, source qualifier, English qualifier)``, the durations whose unit
    or count changed: ``((count, unit) in the source, (count, unit) in the English)``, and
    the measures the English converted (``((80, km), (50, mile))``), which are partners."""

    source: tuple[float, ...]
    target: tuple[float, ...]
    only_source: tuple[float, ...]
    only_target: tuple[float, ...]
    qualifier_changes: tuple[tuple[float, str, str], ...] = ()
    unit_changes: tuple[tuple[Quantity, Quantity], ...] = ()
    conversions: tuple[tuple[Measure, Measure], ...] = ()
    only_source_ages: tuple[AgeRange, ...] = ()
    only_target_ages: tuple[AgeRange, ...] = ()

    @property
    def differ(self) -> bool:
        """True when a number was replaced (each side holds a number, or an age by decade, the
        other lacks: "nearly 30" vs "more than 40"; "nearly 30" and "about 30" hold the same
        number; عقدها الرابع, 30-39, vs "in her mid-40s") or a duration changed its unit or
        count ("seven weeks" vs "seven months", بعد أسبوع vs "weeks-long").
        A number on one side only, facing none, is a detail added or dropped (the edit label
        and the coverage speak of it), not a changed number; so is a year facing only numbers
        that are no years, or the other way round (an age dropped beside a year the English
        repeats: "(68 عاماً) ... 2012" vs "in 2012 ... in 2012", :func:`is_year`)."""
        source_kinds = {is_year(v) for v in self.only_source} | (
            {False} if self.only_source_ages else set()
        )
        target_kinds = {is_year(v) for v in self.only_target} | (
            {False} if self.only_target_ages else set()
        )
        return bool(source_kinds & target_kinds or self.unit_changes)

    @property
    def one_sided(self) -> bool:
        """True when some number has no partner on the other side (added or dropped)."""
        source = self.only_source or self.only_source_ages
        return bool(source or self.only_target or self.only_target_ages)

    @property
    def qualifiers_differ(self) -> bool:
        """True when a number on both sides is qualified differently ("more than 40" vs "40",
        "about 30" vs "at least 30"); "nearly" and "about" are both approximate. A number
        whose duration changed ("seven weeks" vs "more than seven months") is a changed
        number, not a changed qualifier."""
        changed = {number_key(float(a[0])) for a, _ in self.unit_changes if a[0][:1].isdigit()}
        return any(value not in changed for value, _, _ in self.qualifier_changes)


#: Whole numbers in this range are read as years (1979, 2012) when a changed number is looked
#: for: a year stands for a date, any other number for a count or a measure.
YEARS = (1900, 2100)


def is_year(value: float) -> bool:
    """Whether ``value`` reads as a year of :data:`YEARS` (a whole number in the range)."""
    return value.is_integer() and YEARS[0] <= value <= YEARS[1]


#: Values not compared: Arabic says "one" and "two" with singular and dual nouns (شخصان, two
#: persons) that hold no number word, so 1 and 2 would be missing on the Arabic side.
UNCOMPARED_VALUES = frozenset({1.0, 2.0})


def _same_count(first: str, second: str) -> bool:
    """Counts that may say the same: equal, or :data:`SEVERAL` and a number above one ("for
    years" renders "for 82 years" vaguely; "weeks" is not "a week")."""
    if SEVERAL in (first, second):
        return first != "1" and second != "1"
    return first == second


def unit_changes(src_ar: str, tgt_en: str) -> list[tuple[Quantity, Quantity]]:
    """Durations without a partner on the other side that face one of the same count and
    another unit, or of the same unit and another count (:func:`_same_count`): ``((7, week),
    (7, month))``, ``((1, week), (several, week))``; not ``((82, year), (several, year))``.
    O(D^2) for D durations (a handful per bead)."""
    source = Counter(arabic_durations(src_ar))
    target = Counter(english_durations(tgt_en))
    only_target = list((target - source).elements())
    changes = []
    for before in (source - target).elements():
        for after in only_target:
            if _same_count(before[0], after[0]) != (before[1] == after[1]):
                changes.append((before, after))
                only_target.remove(after)
                break
    return changes


def conversions(
    src_ar: str, tgt_en: str, only_source: Counter[float], only_target: Counter[float]
) -> list[tuple[Measure, Measure]]:
    """Measures whose value is without a partner (``only_source`` / ``only_target``) that the
    other side states in another unit of the same dimension (:func:`converts_to`: 80 كيلومتراً
    as "about 50 miles", 40 درجة مئوية as "104 degrees Fahrenheit"), each value paired once.
    O(M^2) for M measures (a handful per bead)."""
    source_left, target_left = Counter(only_source), Counter(only_target)
    targets = [m for m in english_measures(tgt_en) if target_left[number_key(m[0])] > 0]
    pairs = []
    for before in arabic_measures(src_ar):
        if source_left[number_key(before[0])] <= 0:
            continue
        after = next(
            (m for m in targets if target_left[number_key(m[0])] > 0 and converts_to(before, m)),
            None,
        )
        if after is not None:
            pairs.append((before, after))
            targets.remove(after)
            source_left[number_key(before[0])] -= 1
            target_left[number_key(after[0])] -= 1
    return pairs


def _unmatched_ages(
    ages: list[AgeRange], other_ages: list[AgeRange], other_numbers: Counter[float]
) -> list[AgeRange]:
    """The ages of ``ages`` that overlap none of ``other_ages`` and hold none of the other
    side's unpaired numbers (``other_numbers``; a number an age holds is paired with it and
    removed: "aged 35" for في منتصف عقدها الرابع). O(R * (R + N))."""
    unmatched = []
    for age in ages:
        if any(age.overlaps(other) for other in other_ages):
            continue
        held = next(
            (v for v in sorted(other_numbers) if other_numbers[v] > 0 and age.holds(v)), None
        )
        if held is None:
            unmatched.append(age)
        else:
            other_numbers[held] -= 1
    return unmatched


def _without_written(values: list[float], ages: list[AgeRange]) -> list[float]:
    """``values`` without the numbers the ages write (4 of عقدها الرابع, 40 of "40s")."""
    left = Counter(number_key(a.written) for a in ages if a.written is not None)
    kept = []
    for value in values:
        if left[number_key(value)] > 0:
            left[number_key(value)] -= 1
        else:
            kept.append(value)
    return kept


def compare_numbers(src_ar: str, tgt_en: str) -> NumberComparison:
    """Compare the multisets of numbers in an Arabic source and its English, leaving out the
    values in :data:`UNCOMPARED_VALUES` (1 and 2), the qualifiers of the numbers found on
    both sides (:func:`arabic_number_qualifiers`), the durations (:func:`unit_changes`), the
    measures converted to another unit (:func:`conversions`) and the ages by decade, compared
    as ranges (:func:`~translate_eval.text.ages.arabic_age_ranges`). O(len(texts))."""
    source_ages, target_ages = arabic_age_ranges(src_ar), english_age_ranges(tgt_en)
    source = [v for v in arabic_numbers(src_ar) if v not in UNCOMPARED_VALUES]
    target = [v for v in english_numbers(tgt_en) if v not in UNCOMPARED_VALUES]
    source, target = _without_written(source, source_ages), _without_written(target, target_ages)
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
    only_source, only_target = source_counts - target_counts, target_counts - source_counts
    converted = conversions(src_ar, tgt_en, only_source, only_target) if only_source else []
    only_source -= Counter(number_key(before[0]) for before, _ in converted)
    only_target -= Counter(number_key(after[0]) for _, after in converted)
    only_source_ages = _unmatched_ages(source_ages, target_ages, only_target)
    only_target_ages = _unmatched_ages(target_ages, source_ages, only_source)
    only_source, only_target = +only_source, +only_target
    return NumberComparison(
        source=tuple(source),
        target=tuple(target),
        only_source=tuple(sorted(only_source.elements())),
        only_target=tuple(sorted(only_target.elements())),
        qualifier_changes=tuple(changes),
        unit_changes=tuple(unit_changes(src_ar, tgt_en)),
        conversions=tuple(converted),
        only_source_ages=tuple(only_source_ages),
        only_target_ages=tuple(only_target_ages),
    )


def numbers_differ(src_ar: str, tgt_en: str) -> bool:
    """True when a number (years included) was replaced or a duration changed its unit or count
    (:attr:`NumberComparison.differ`). See :func:`arabic_numbers` and :func:`english_numbers`
    for what counts; 1 and 2 are not compared (:data:`UNCOMPARED_VALUES`)."""
    return compare_numbers(src_ar, tgt_en).differ
