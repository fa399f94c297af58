"""Measures written in Arabic and English text (a number and a unit of length, area, weight,
volume or temperature: 80 كيلومتراً, "about 50 miles") and their conversion, so that a figure
an editor converted ("80 km" as "50 miles") is not read as a changed number."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from translate_eval.text.numbers import arabic_numbers, english_numbers, number_key
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

#: One measure: its value and its unit (a name of :data:`_TO_BASE`).
Measure = tuple[float, str]

# Each unit as a factor to its dimension's base unit (metre, square metre, kilogram, litre);
# temperatures convert by formula (:func:`_convert`).
_TO_BASE: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0),
    "m": ("length", 1.0),
    "cm": ("length", 0.01),
    "mile": ("length", 1609.344),
    "foot": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "km2": ("area", 1e6),
    "m2": ("area", 1.0),
    "hectare": ("area", 1e4),
    "dunam": ("area", 1000.0),
    "acre": ("area", 4046.8564224),
    "mile2": ("area", 2589988.110336),
    "kg": ("weight", 1.0),
    "ton": ("weight", 1000.0),
    "pound": ("weight", 0.45359237),
    "litre": ("volume", 1.0),
    "gallon": ("volume", 3.785411784),
    "celsius": ("temperature", 1.0),
    "fahrenheit": ("temperature", 1.0),
}
# Normalised Arabic unit words (ة -> ه, أ/إ -> ا, ى -> ي), read after the clitics.
_AR_UNITS: dict[str, str] = {
    **dict.fromkeys(word_set("كيلومتر كيلومترا كيلومترات كم"), "km"),
    **dict.fromkeys(word_set("متر مترا امتار"), "m"),
    **dict.fromkeys(word_set("سنتيمتر سنتيمترا سنتيمترات سم"), "cm"),
    **dict.fromkeys(word_set("ميل ميلا اميال"), "mile"),
    **dict.fromkeys(word_set("هكتار هكتارا هكتارات"), "hectare"),
    **dict.fromkeys(word_set("دونم دونما دونمات"), "dunam"),
    **dict.fromkeys(word_set("كيلوغرام كيلوغراما كيلوغرامات كيلوجرام كغ كلغ"), "kg"),
    **dict.fromkeys(word_set("طن طنا اطنان"), "ton"),
    **dict.fromkeys(word_set("لتر لترا لترات ليتر ليترا ليترات"), "litre"),
}
# درجة مئوية / فهرنهايت: degrees of temperature, named by the word after them.
_AR_DEGREES = frozenset({"درجه", "درجات"})
_AR_SCALES = {"مئويه": "celsius", "فهرنهايت": "fahrenheit"}
# Arabic units squared by مربع after them (كيلومتر مربع).
_AR_SQUARED = {"km": "km2", "mile": "mile2"}
_AR_SQUARE_WORDS = frozenset({"مربع", "مربعا", "مربعه"})
_EN_UNITS: dict[str, str] = {
    **dict.fromkeys(word_set("km kilometre kilometres kilometer kilometers"), "km"),
    **dict.fromkeys(word_set("m metre metres meter meters"), "m"),
    **dict.fromkeys(word_set("cm centimetre centimetres centimeter centimeters"), "cm"),
    **dict.fromkeys(word_set("mi mile miles"), "mile"),
    **dict.fromkeys(word_set("ft foot feet"), "foot"),
    **dict.fromkeys(word_set("inch inches"), "inch"),
    **dict.fromkeys(word_set("hectare hectares"), "hectare"),
    **dict.fromkeys(word_set("dunam dunams dunum dunums donum donums"), "dunam"),
    **dict.fromkeys(word_set("acre acres"), "acre"),
    **dict.fromkeys(word_set("kg kilogram kilograms kilo kilos"), "kg"),
    **dict.fromkeys(word_set("ton tons tonne tonnes"), "ton"),
    **dict.fromkeys(word_set("lb lbs pound pounds"), "pound"),
    **dict.fromkeys(word_set("litre litres liter liters"), "litre"),
    **dict.fromkeys(word_set("gallon gallons"), "gallon"),
    **dict.fromkeys(word_set("celsius centigrade"), "celsius"),
    **dict.fromkeys(word_set("fahrenheit"), "fahrenheit"),
}
_EN_SQUARED = {"km": "km2", "mile": "mile2", "m": "m2"}
_EN_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")
# Words before a unit read for its number ("twenty five miles", "20 ألف كيلومتر").
_NUMBER_WINDOW = 4
#: A converted figure matches a stated one within this share of it (rounding in the text).
RELATIVE_TOLERANCE = 0.05


def _ends_a_number(words: list[str], index: int, parse: Callable[[str], list[float]]) -> bool:
    """The word at ``index`` is a number or ends one (ثلاثة آلاف: a plural scale after a
    number). O(1)."""
    if parse(words[index]):
        return True
    pair = parse(" ".join(words[max(0, index - 1) : index + 1]))
    return bool(pair) and index > 0 and pair != parse(words[index - 1])


def _measures(
    words: list[str], unit_of: Callable[[int], str | None], parse: Callable[[str], list[float]]
) -> list[Measure]:
    """The measures of a token list: each unit (``unit_of`` its index) with the last number of
    the words just before it, when the word right before it ends a number. O(n)."""
    found: list[Measure] = []
    for index in range(len(words)):
        unit = unit_of(index)
        if unit is None or not index or not _ends_a_number(words, index - 1, parse):
            continue
        values = parse(" ".join(words[max(0, index - _NUMBER_WINDOW) : index]))
        if values:
            found.append((values[-1], unit))
    return found


def arabic_measures(text: str) -> list[Measure]:
    """Measures in Arabic ``text``: a number before a unit of length, area, weight or volume
    (80 كيلومتراً, 20 ألف كيلومتر مربع, خمسة دونمات). O(len(text))."""
    words = arabic_tokens(text)

    def unit_of(index: int) -> str | None:
        stems = [stem for stem, _ in clitic_readings(words[index])]
        following = words[index + 1] if index + 1 < len(words) else ""
        if set(stems) & _AR_DEGREES:
            return _AR_SCALES.get(following)
        unit = next((_AR_UNITS[stem] for stem in stems if stem in _AR_UNITS), None)
        squared = following in _AR_SQUARE_WORDS
        return _AR_SQUARED.get(unit, unit) if unit and squared else unit

    return _measures(words, unit_of, arabic_numbers)


def english_measures(text: str) -> list[Measure]:
    """Measures in English ``text``: a number before a unit ("50 miles", "4km", "12 square
    miles", "100 degrees Fahrenheit"). O(len(text))."""
    words = _EN_TOKEN_RE.findall(text.lower().replace("-", " "))

    def unit_of(index: int) -> str | None:
        word, previous = words[index], words[index - 1] if index else ""
        if word == "square" and index + 1 < len(words) and words[index + 1] in _EN_UNITS:
            unit = _EN_UNITS[words[index + 1]]
            return _EN_SQUARED.get(unit) if unit in _EN_SQUARED else None
        if word == "degrees" and index + 1 < len(words) and words[index + 1] in _EN_UNITS:
            return _EN_UNITS[words[index + 1]]
        return None if previous == "square" else _EN_UNITS.get(word)

    return _measures(words, unit_of, english_numbers)


def _convert(value: float, unit: str, other: str) -> float:
    """``value`` of ``unit`` in ``other`` (one dimension): by factor, or for temperatures by
    formula (F = C * 9 / 5 + 32). O(1)."""
    if unit == "fahrenheit":
        return (value - 32.0) * 5.0 / 9.0
    if other == "fahrenheit":
        return value * 9.0 / 5.0 + 32.0
    return value * _TO_BASE[unit][1] / _TO_BASE[other][1]


def _significant_digits(value: float) -> int:
    """Significant digits of a stated figure: 50 -> 1, 180 -> 2, 12.5 -> 3. O(1)."""
    digits = f"{number_key(value):g}".replace(".", "").replace("-", "").strip("0")
    return max(1, len(digits))


def _round_significant(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def converts_to(first: Measure, second: Measure) -> bool:
    """True when two measures of one dimension in different units state the same quantity: the
    second within :data:`RELATIVE_TOLERANCE` of the first converted, or the conversion rounded
    to the second's significant digits (80 km is 49.7 miles: "about 50 miles"; 30 km, 18.6
    miles: "20 miles"). Equal units are not a conversion (the numbers compare as they are).
    O(1)."""
    (value, unit), (stated, other) = first, second
    if unit == other or unit not in _TO_BASE or other not in _TO_BASE:
        return False
    if _TO_BASE[unit][0] != _TO_BASE[other][0]:
        return False
    converted = _convert(value, unit, other)
    close = abs(converted - stated) <= RELATIVE_TOLERANCE * abs(converted)
    return close or _round_significant(converted, _significant_digits(stated)) == stated
