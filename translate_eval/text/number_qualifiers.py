"""The qualifiers of numbers in English and Arabic: exact, approximate ("about 30", حوالي), a lower
bound ("more than", "at least", ألا يقل ... عن) or an upper bound ("up to", لا تزيد على)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from translate_eval.text.numbers import arabic_numbers, english_numbers, number_key
from translate_eval.text.tokens import arabic_tokens

#: How a number is qualified: exact, approximate ("about", "nearly", حوالي), a lower bound
#: ("more than", أكثر من) or an upper bound ("less than", "up to", أقل من).
QUALIFIERS: tuple[str, ...] = ("exact", "approximate", "more_than", "less_than")
_EN_QUALIFIER_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        ["about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa"],
        "approximate",
    ),
    "close to": "approximate",
    "an estimated": "approximate",
    "more than": "more_than",
    "over": "more_than",
    "at least": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "up to": "less_than",
    "at most": "less_than",
    "no more than": "less_than",
    "a maximum of": "less_than",
    "maximum of": "less_than",
    "a minimum of": "more_than",
    "minimum of": "more_than",
    # Negated bounds (legal English): "not less than six months", "not exceeding three years".
    "not less than": "more_than",
    "no less than": "more_than",
    "not fewer than": "more_than",
    "not be less than": "more_than",
    "not more than": "less_than",
    "not be more than": "less_than",
    "not exceeding": "less_than",
    "not to exceed": "less_than",
    "not exceed": "less_than",
    # Bounds of an age: "no older than 20" (لم يتجاوز 20 عاما), "younger than 18".
    "older than": "more_than",
    "no younger than": "more_than",
    "not younger than": "more_than",
    "younger than": "less_than",
    "no older than": "less_than",
    "not older than": "less_than",
}
# Normalised Arabic (ة -> ه, أ/إ -> ا, ى -> ي).
_AR_QUALIFIER_PHRASES: dict[str, str] = {
    "حوالي": "approximate",
    "نحو": "approximate",
    "قرابه": "approximate",
    "زهاء": "approximate",
    "ما يقارب": "approximate",
    "يقارب": "approximate",
    "تقريبا": "approximate",
    "اكثر من": "more_than",
    "ما يزيد عن": "more_than",
    "ما يزيد علي": "more_than",
    "ازيد من": "more_than",
    "ما لا يقل عن": "more_than",
    "اقل من": "less_than",
    "ما لا يزيد عن": "less_than",
    "ما دون": "less_than",
    # مدة أقصاها 180 يوما "a period of at most 180 days", بحد أدنى "a minimum of".
    "اقصاها": "less_than",
    "حد اقصي": "less_than",
    "بحد اقصي": "less_than",
    "ادناها": "more_than",
    "حد ادني": "more_than",
    "بحد ادني": "more_than",
}
_WORDS_AFTER_QUALIFIER = 3


def _phrase_regex(phrases: Sequence[str], clitics: str = "") -> re.Pattern[str]:
    """The phrases as whole words (group 1), longest first, after one of ``clitics`` or none."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    before = f"[{clitics}]?" if clitics else ""
    return re.compile(rf"(?<!\w){before}({alternatives})(?!\w)")


_EN_QUALIFIER_RE = _phrase_regex(list(_EN_QUALIFIER_PHRASES))
# An Arabic phrase may carry a one-letter proclitic: بما يزيد على "by more than", بنحو "by about".
_AR_QUALIFIER_RE = _phrase_regex(list(_AR_QUALIFIER_PHRASES), clitics="وفبلك")


def _qualified(
    text: str,
    pattern: re.Pattern[str],
    phrases: dict[str, str],
    parse: Callable[[str], list[float]],
) -> dict[float, str]:
    """Value -> qualifier of each number that a qualifying phrase directly precedes (within
    :data:`_WORDS_AFTER_QUALIFIER` words, the number first among them). O(len(text))."""
    found: dict[float, str] = {}
    for match in pattern.finditer(text):
        following = text[match.end() :].split()[:_WORDS_AFTER_QUALIFIER]
        values = parse(" ".join(following))
        if values and parse(following[0] if following else ""):
            found.setdefault(number_key(values[0]), phrases[match.group(1)])
    return found


# "up" of a phrasal verb before "to": "makes up (to) 11 percent", "adds up to 40" state a share
# or a total, not an upper bound.
_EN_PHRASAL_UP_RE = re.compile(
    r"(?<!\w)(make|makes|made|making|add|adds|added|adding|amount|amounts|amounted|sum|sums)"
    r" up to(?!\w)"
)


def english_number_qualifiers(text: str) -> dict[float, str]:
    """Numbers of English ``text`` preceded by a qualifier ("nearly 30" -> {30: approximate},
    "more than 40" -> {40: more_than}). Numbers absent from the result are exact; so are those
    after a phrasal "up to" ("makes up to 11 percent", "adds up to 40"). O(n)."""
    lowered = _EN_PHRASAL_UP_RE.sub(r"\1 up", text.lower())
    return _qualified(lowered, _EN_QUALIFIER_RE, _EN_QUALIFIER_PHRASES, english_numbers)


# A negated bound before the number, its noun between, in any tense, the negation alone or
# after و / ف: ألا يقل رأس مال الشركة المصدر عن "the issued capital at least", ولا يزيد على
# "and at most", لا تتجاوز / لم تتجاوز / لن يتجاوز "at most" (normalised: ألا -> الا, على ->
# علي). After تجاوز the noun comes before the number: ألا تتجاوز مدة التصفية ثلاث سنوات.
_AR_NEGATED_BOUND_RE = re.compile(
    r"(?<!\w)(?:ما )?[وف]?(?:ا?لا|لم|لن) [يت](?:(قل|زيد)(?: \S+){0,6}? (?:عن|علي)|تجاوز)(?!\w)"
)
_AR_WORDS_AFTER_EXCEEDING = 6
# A bound after the number, within a few words: (عشرة في المائة) على الأقل "at least 10 %".
# The article written apart before digits (قرابة الـ10 "about the 10"), a token of its own, is
# no word between a qualifier and its number.
_AR_ARTICLE_BEFORE_DIGITS_RE = re.compile(r"(?<!\S)ال (?=\d)")
_AR_TRAILING_BOUND_RE = re.compile(r"(?<!\w)علي (الاقل|الاكثر)(?!\w)")
_AR_WORDS_BEFORE_TRAILING_BOUND = 10


def _arabic_bounds(words: str) -> dict[float, str]:
    """Value -> more_than / less_than of the numbers bounded by a negated comparison before them
    (لا يقل ... عن) or by على الأقل / على الأكثر after them (the last number of the
    :data:`_AR_WORDS_BEFORE_TRAILING_BOUND` words before it). O(len(words))."""
    found: dict[float, str] = {}
    for match in _AR_NEGATED_BOUND_RE.finditer(words):
        exceeding = match.group(1) is None
        reach = _AR_WORDS_AFTER_EXCEEDING if exceeding else _WORDS_AFTER_QUALIFIER
        following = words[match.end() :].split()[:reach]
        values = arabic_numbers(" ".join(following))
        if values and (exceeding or arabic_numbers(following[0] if following else "")):
            found.setdefault(
                number_key(values[0]), "more_than" if match.group(1) == "قل" else "less_than"
            )  # يزيد and تجاوز: at most
    for match in _AR_TRAILING_BOUND_RE.finditer(words):
        before = words[: match.start()].split()[-_AR_WORDS_BEFORE_TRAILING_BOUND:]
        values = arabic_numbers(" ".join(before))
        if values:
            found.setdefault(
                number_key(values[-1]), "more_than" if match.group(1) == "الاقل" else "less_than"
            )
    return found


def arabic_number_qualifiers(text: str) -> dict[float, str]:
    """Numbers of Arabic ``text`` qualified by a phrase before them (حوالي، نحو، قرابة، أكثر
    من، أقل من...), as :func:`english_number_qualifiers`, by a negated bound (ألا يقل عدد
    أعضائه عن ثلاثة = at least three) or by على الأقل / على الأكثر after them; the article
    written apart before the digits (قرابة الـ10) does not part them. O(n)."""
    words = _AR_ARTICLE_BEFORE_DIGITS_RE.sub("", " ".join(arabic_tokens(text)))
    found = _qualified(words, _AR_QUALIFIER_RE, _AR_QUALIFIER_PHRASES, arabic_numbers)
    for value, qualifier in _arabic_bounds(words).items():
        found.setdefault(value, qualifier)
    return found
