"""Durations written in Arabic and English text: a count and a time unit ("seven weeks",
سبعة أسابيع, "a week", بعد أسبوع, "for weeks"), so that a changed unit or count can be seen."""

from __future__ import annotations

import re

from translate_eval.text.numbers import (
    ARABIC_ORDINAL_STEMS,
    ENGLISH_NUMBER_WORDS,
    ENGLISH_ORDINALS,
    arabic_number_token,
    arabic_numbers,
    english_numbers,
    number_key,
)
from translate_eval.text.tokens import arabic_tokens, clitic_readings

#: The count of a unit written without a number in the plural ("for weeks", منذ أسابيع).
SEVERAL = "several"
#: One duration: its count (a number as text, or :data:`SEVERAL`) and its unit.
Quantity = tuple[str, str]

_SINGULAR, _DUAL, _PLURAL = "singular", "dual", "plural"
# Normalised Arabic forms (ة -> ه, أ/إ/آ -> ا, ى -> ي) of the time units, by grammatical number.
_AR_UNIT_FORMS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("ساعه",), ("hour", _SINGULAR)),
    **dict.fromkeys(("ساعتين", "ساعتان"), ("hour", _DUAL)),
    **dict.fromkeys(("ساعات",), ("hour", _PLURAL)),
    **dict.fromkeys(("يوم", "يوما"), ("day", _SINGULAR)),
    **dict.fromkeys(("يومين", "يومان"), ("day", _DUAL)),
    **dict.fromkeys(("ايام",), ("day", _PLURAL)),
    **dict.fromkeys(("اسبوع", "اسبوعا"), ("week", _SINGULAR)),
    **dict.fromkeys(("اسبوعين", "اسبوعان"), ("week", _DUAL)),
    **dict.fromkeys(("اسابيع",), ("week", _PLURAL)),
    **dict.fromkeys(("شهر", "شهرا"), ("month", _SINGULAR)),
    **dict.fromkeys(("شهرين", "شهران"), ("month", _DUAL)),
    **dict.fromkeys(("اشهر", "شهور"), ("month", _PLURAL)),
    **dict.fromkeys(("عام", "عاما", "سنه"), ("year", _SINGULAR)),
    **dict.fromkeys(("عامين", "عامان", "سنتين", "سنتان"), ("year", _DUAL)),
    **dict.fromkeys(("اعوام", "سنوات", "سنين"), ("year", _PLURAL)),
}
# A bare singular unit counts one only after these (بعد أسبوع "after a week", منذ شهر): elsewhere
# it names a day or a year (يوم الجمعة، عام 2015) or is another word (مدير عام, "director general").
_AR_DURATION_BEFORE = frozenset({"بعد", "قبل", "منذ", "خلال", "لمده", "مده", "طوال", "طيله"})
_EN_UNITS: dict[str, tuple[str, str]] = {
    **{word: (word, _SINGULAR) for word in ("hour", "day", "week", "month", "year")},
    **{f"{word}s": (word, _PLURAL) for word in ("hour", "day", "week", "month", "year")},
}
# An age is no duration: (45 عامًا) after a name, يبلغ من العمر 45 عاما, "45 years old". Bare
# عمر is more often the name Omar: only العمر and the forms with a pronoun count.
_AR_AGE_WORDS = frozenset({"عمره", "عمرها", "عمرهم", "عمري"})
_AR_PARENTHESES_RE = re.compile(r"\(([^()]*)\)")
_AR_AGE_GROUP_WORDS = 3
_EN_ONE = frozenset({"a", "an", "one"})
_EN_SEVERAL = frozenset({"few", "several", "many", "some"})
_EN_ALTERNATIVE = frozenset({"or", "to"})
# The largest count read for a unit left out after "or" / "to" ("a week or two").
_MAX_ELIDED_COUNT = 100
_EN_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")
# Words before a unit read for its number ("twenty five years", "three hundred days").
_NUMBER_WINDOW = 4


def _count(value: float) -> str:
    return f"{number_key(value):g}"


def _arabic_unit(word: str) -> tuple[str, str, bool] | None:
    """(unit, grammatical number, had the article) of a normalised Arabic word, or None."""
    for stem, had_article in clitic_readings(word):
        if stem in _AR_UNIT_FORMS:
            unit, grammatical = _AR_UNIT_FORMS[stem]
            return unit, grammatical, had_article
    return None


def _is_arabic_ordinal(word: str) -> bool:
    """A normalised Arabic word read as an ordinal (الأولى، الثالث). O(len(word))."""
    return any(stem in ARABIC_ORDINAL_STEMS for stem, _ in clitic_readings(word))


def _is_age(words: list[str], index: int) -> bool:
    """The unit at ``index`` counts years of a life: العمر / عمره among the words before it
    (يبلغ من العمر 45 عاما; not عمر, the name Omar). O(_NUMBER_WINDOW)."""
    return any(
        stem in _AR_AGE_WORDS or (stem == "عمر" and had_article)
        for word in words[max(0, index - _NUMBER_WINDOW) : index]
        for stem, had_article in clitic_readings(word)
    )


def _without_age_groups(text: str) -> str:
    """``text`` without the parenthesised ages after a name (تحسين (45 عامًا)): a group of at
    most three words, a count of years and nothing else. O(len(text))."""

    def replace(match: re.Match[str]) -> str:
        words = arabic_tokens(match.group(1))
        readings = [_arabic_unit(word) for word in words]
        counts = [word for word, reading in zip(words, readings, strict=True) if not reading]
        age = (
            len(words) <= _AR_AGE_GROUP_WORDS
            and [reading[0] for reading in readings if reading] == ["year"]
            and bool(counts)
            and all(arabic_numbers(word) for word in counts)
        )
        return " " if age else match.group(0)

    return _AR_PARENTHESES_RE.sub(replace, text)


def arabic_durations(text: str) -> list[Quantity]:
    """Durations in Arabic ``text``: a number before the unit (سبعة أسابيع, 10 أيام, العشرة
    أيام; not a number labelling the unit before it: عام 2015) or after a definite plural
    (الأيام العشرة); a dual is two (أسبوعين); a plural alone is
    :data:`SEVERAL`; a bare singular is one only after بعد، قبل، منذ، خلال، لمدة، طوال, or
    before أو and a dual of the same unit (ساعة أو ساعتين "an hour or two").
    Not durations: a unit with an ordinal (الأيام الأولى "the first days" name a period, they
    do not measure one) and an age (تحسين (45 عامًا), يبلغ من العمر 45 عاما). O(len(text))."""
    words = arabic_tokens(_without_age_groups(text))
    found: list[Quantity] = []
    for index, word in enumerate(words):
        reading = _arabic_unit(word)
        if reading is None:
            continue
        unit, grammatical, had_article = reading
        previous = words[index - 1] if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        if _is_arabic_ordinal(previous) or _is_arabic_ordinal(following):
            continue
        if unit == "year" and _is_age(words, index):
            continue
        # عام 2015 يوم: the number labels the unit before it, it does not count this one.
        labels = index >= 2 and _arabic_unit(words[index - 2]) is not None
        if previous and arabic_number_token(previous, word) is not None and not labels:
            values = arabic_numbers(" ".join(words[max(0, index - _NUMBER_WINDOW) : index]))
            found.append((_count(values[-1]), unit))
        elif grammatical == _PLURAL and had_article and following and arabic_numbers(following):
            found.append((_count(arabic_numbers(following)[0]), unit))
        elif grammatical == _DUAL:
            found.append(("2", unit))
        elif grammatical == _PLURAL:
            found.append((SEVERAL, unit))
        elif not had_article and (
            previous in _AR_DURATION_BEFORE or _arabic_alternative(words, index, unit)
        ):
            found.append(("1", unit))
    return found


def _arabic_alternative(words: list[str], index: int, unit: str) -> bool:
    """Whether the bare singular unit at ``index`` is the first of two counts of it joined by
    أو (ساعة أو ساعتين "an hour or two", يوم أو يومين): then it counts one. O(1)."""
    if index + 2 >= len(words) or words[index + 1] != "او":
        return False
    reading = _arabic_unit(words[index + 2])
    return reading is not None and reading[0] == unit and reading[1] == _DUAL


def english_durations(text: str) -> list[Quantity]:
    """Durations in English ``text``: a number before the unit ("seven months", "10 days",
    "seven-month"); "a" / "an" / "one" before a singular is one; a plural without a number
    ("for weeks", "a weeks-long buildup", "several days") is :data:`SEVERAL`. Two counts
    joined by "or" / "to" share the unit written once ("two or three days", "one to two
    hours", "an hour or two": both counts are read). A singular
    without a count ("last week", "this year") is no duration, nor a unit with an ordinal
    ("the first months") or an age ("a 45-year-old", "45 years old"). O(len(text))."""
    words = _EN_TOKEN_RE.findall(text.lower().replace("-", " "))
    found: list[Quantity] = []
    for index, word in enumerate(words):
        if word not in _EN_UNITS:
            continue
        unit, grammatical = _EN_UNITS[word]
        previous = words[index - 1] if index else ""
        following = words[index + 1] if index + 1 < len(words) else ""
        if previous in ENGLISH_ORDINALS or (unit == "year" and following == "old"):
            continue
        counts = _counts_before(words, index)
        if counts:
            found.extend((count, unit) for count in counts)
        elif grammatical == _PLURAL:
            found.append((SEVERAL, unit))
        elif previous in _EN_ONE:
            found.append(("1", unit))
            elided = _elided_count(words, index)
            if elided is not None:
                found.append((elided, unit))
        elif previous in _EN_SEVERAL:
            found.append((SEVERAL, unit))
    return found


def _counts_before(words: list[str], index: int) -> list[str]:
    """The counts written before the unit at ``index``: its number ("seven months"), and the
    number before it after "or" / "to" ("two or three days", "one to two hours"), which shares
    the unit; none when no number stands right before it ("one" alone is "a"). O(1)."""
    previous = words[index - 1] if index else ""
    if not (previous[:1].isdigit() or (previous in ENGLISH_NUMBER_WORDS and previous != "one")):
        return []
    values = english_numbers(" ".join(words[max(0, index - _NUMBER_WINDOW) : index]))
    if not values:
        return []
    counts = [_count(values[-1])]
    if len(values) >= 2 and index >= 2 and words[index - 2] in _EN_ALTERNATIVE:
        counts.append(_count(values[-2]))
    return counts


def _elided_count(words: list[str], index: int) -> str | None:
    """The count after "a UNIT or" / "a UNIT to" whose unit is left out ("an hour or two": 2),
    or None (a unit follows it, or the number is too large to be a count: "a year to 2015").
    O(1)."""
    if index + 2 >= len(words) or words[index + 1] not in _EN_ALTERNATIVE:
        return None
    after = words[index + 2]
    if after == "a" or (index + 3 < len(words) and words[index + 3] in _EN_UNITS):
        return None
    counts = english_numbers(after)
    return _count(counts[0]) if counts and counts[0] < _MAX_ELIDED_COUNT else None
