"""Ages given by decade, a number with a range: في منتصف عقدها الرابع (in the middle of her
fourth decade: 33-36), في الثلاثينات من عمره, سيدة أربعينية; "in her mid-40s", "in his late
twenties"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate_eval.text.numbers import ARABIC_ORDINAL_STEMS, arabic_number_token
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set


@dataclass(frozen=True)
class AgeRange:
    """An age between ``low`` and ``high`` (inclusive), and the number the text writes for it
    (4 of العقد الرابع, 40 of "40s"; None for a word the number readers do not count)."""

    low: float
    high: float
    written: float | None = None

    def overlaps(self, other: AgeRange) -> bool:
        return self.low <= other.high and other.low <= self.high

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


# Where in a decade: early (0-3), the middle (3-6), late (7-9); the whole decade otherwise.
_PART_OFFSETS = {"early": (0.0, 3.0), "mid": (3.0, 6.0), "late": (7.0, 9.0)}
_WHOLE = (0.0, 9.0)
# Normalised Arabic words before a decade that say which part of it (في منتصف / أواخر / مطلع).
_AR_PARTS = {
    **dict.fromkeys(word_set("منتصف اواسط"), "mid"),
    **dict.fromkeys(word_set("اواخر نهايه"), "late"),
    **dict.fromkeys(word_set("اوائل مطلع بدايه مستهل"), "early"),
}
# عقد ("decade", also "contract") with a possessive pronoun (عقدها الرابع), or with عمر after
# its ordinal (العقد الرابع من العمر): a decade of someone's life.
_AR_OWN_DECADES = word_set("عقده عقدها عقدهم عقدهن عقدي عقدنا عقدك")
_AR_TENS = {
    "عشرين": 20.0, "ثلاثين": 30.0, "اربعين": 40.0, "خمسين": 50.0,
    "ستين": 60.0, "سبعين": 70.0, "ثمانين": 80.0, "تسعين": 90.0,
}  # fmt: skip
# The plural of a tens word (الثلاثينات، الأربعينيات) is a decade of age or of a century (the
# 1990s): read as an age only before عمر (من عمره، من العمر). Its nisba (أربعيني، سيدة
# ثلاثينية) is an age.
_AR_DECADE_PLURALS = {
    f"{tens}{end}": value for tens, value in _AR_TENS.items() for end in ("ات", "يات")
}
_AR_DECADE_NISBAS = {
    f"{tens}{end}": value for tens, value in _AR_TENS.items() for end in ("ي", "يه")
}
_AR_AGE_AHEAD = 3
_EN_TENS_WORDS = {
    "twenties": 20.0, "thirties": 30.0, "forties": 40.0, "fifties": 50.0,
    "sixties": 60.0, "seventies": 70.0, "eighties": 80.0, "nineties": 90.0,
}  # fmt: skip
# "in her mid-40s", "in his late twenties", "their early 30s": a decade after a possessive
# (without one, "the 40s" may be a temperature or an era).
_EN_AGE_RE = re.compile(
    r"\b(?:his|her|their|my|your|our)\s+(?:(early|mid|late)[\s-]*)?"
    rf"(?:([1-9]0)s|({'|'.join(_EN_TENS_WORDS)}))\b"
)


def _age_range(tens: float, part: str | None, written: float | None) -> AgeRange:
    start, stop = _PART_OFFSETS.get(part or "", _WHOLE)
    return AgeRange(tens + start, tens + stop, written)


def _stems(word: str) -> set[str]:
    return {stem for stem, _ in clitic_readings(word)}


def _arabic_part(words: list[str], index: int) -> str | None:
    """The part of the decade the word before ``index`` names (منتصف، أواخر، مطلع), or None."""
    before = _stems(words[index - 1]) if index > 0 else set()
    return next((_AR_PARTS[s] for s in before if s in _AR_PARTS), None)


def arabic_age_ranges(text: str) -> list[AgeRange]:
    """Ages by decade in Arabic ``text``: an ordinal decade of one's life (عقدها الرابع: 30-39,
    في منتصف عقده الخامس: 43-46, العقد الثالث من العمر: 20-29), a plural tens word before
    عمر (في الثلاثينات من عمره: 30-39) and the nisba of a tens word (سيدة أربعينية: 40-49);
    منتصف / أواسط, أواخر, مطلع / أوائل before them narrow the range. ``written`` is the
    ordinal the number readers count (4 of الرابع). O(len(text))."""
    words = arabic_tokens(text)
    ranges = []
    for index, word in enumerate(words):
        stems = _stems(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        of_age = any("عمر" in w for w in words[index + 2 : index + 2 + _AR_AGE_AHEAD])
        own = stems & _AR_OWN_DECADES or ("عقد" in stems and of_age)
        if own and _stems(following) & ARABIC_ORDINAL_STEMS:
            token = arabic_number_token(following, "")
            if token is not None and 1 <= token.value <= 10:
                tens = 10.0 * (token.value - 1)
                ranges.append(_age_range(tens, _arabic_part(words, index), token.value))
            continue
        ahead = words[index + 1 : index + 1 + _AR_AGE_AHEAD]
        plural = next((_AR_DECADE_PLURALS[s] for s in stems if s in _AR_DECADE_PLURALS), None)
        if plural is not None and any("عمر" in w for w in ahead):
            ranges.append(_age_range(plural, _arabic_part(words, index), None))
        nisba = next((_AR_DECADE_NISBAS[s] for s in stems if s in _AR_DECADE_NISBAS), None)
        if nisba is not None:
            ranges.append(_age_range(nisba, _arabic_part(words, index), None))
    return ranges


def english_age_ranges(text: str) -> list[AgeRange]:
    """Ages by decade in English ``text`` after a possessive: "in her mid-40s" (43-46), "in his
    late twenties" (27-29), "their 30s" (30-39). ``written`` is the number the number readers
    count (40 of "40s"; None for "twenties"). O(len(text))."""
    ranges = []
    for match in _EN_AGE_RE.finditer(text.lower()):
        part, digits, word = match.groups()
        written = float(digits) if digits else None
        ranges.append(_age_range(written or _EN_TENS_WORDS[word], part, written))
    return ranges
