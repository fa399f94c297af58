"""Numbers written in Arabic and English text: number words of both languages and their parsing
into values (digits, compounds, ordinals); their qualifiers are in ``number_qualifiers``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from translate_eval.text.tokens import NUMBER_PATTERN, arabic_tokens, clitic_readings

_EN_NUMBER_TOKEN_RE = re.compile(rf"{NUMBER_PATTERN}|[a-z]+")
_SCALE = "scale"
_HUNDRED = "hundred"
_TEEN = "teen"
_UNIT = "unit"
_TENS = frozenset(float(10 * n) for n in range(2, 10))


def _words_of(text: str) -> list[str]:
    """The space-separated words of ``text`` in order (keeps long word lists readable)."""
    return text.split()


def _ar_forms(value: float, *forms: str) -> dict[str, tuple[float, str]]:
    return {form: (value, _UNIT) for form in forms}


# Normalised spellings (ة -> ه, أ/إ/آ -> ا, ى -> ي) of Arabic number words.
_AR_NUMBER_WORDS: dict[str, tuple[float, str]] = {
    **_ar_forms(1, "واحد", "واحده"),
    **_ar_forms(2, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    **_ar_forms(3, "ثلاث", "ثلاثه"),
    **_ar_forms(4, "اربع", "اربعه"),
    **_ar_forms(5, "خمس", "خمسه"),
    **_ar_forms(6, "ست", "سته"),
    **_ar_forms(7, "سبع", "سبعه"),
    **_ar_forms(8, "ثمان", "ثماني", "ثمانيه"),
    **_ar_forms(9, "تسع", "تسعه"),
    **{form: (10.0, _TEEN) for form in ("عشر", "عشره")},
    **_ar_forms(20, "عشرون", "عشرين"),
    **_ar_forms(30, "ثلاثون", "ثلاثين"),
    **_ar_forms(40, "اربعون", "اربعين"),
    **_ar_forms(50, "خمسون", "خمسين"),
    **_ar_forms(60, "ستون", "ستين"),
    **_ar_forms(70, "سبعون", "سبعين"),
    **_ar_forms(80, "ثمانون", "ثمانين"),
    **_ar_forms(90, "تسعون", "تسعين"),
    **{form: (100.0, _HUNDRED) for form in ("مئه", "مائه", "ميه")},
    # with the construct forms that drop their nun before a noun (مئتا ألف، مئتي برميل)
    **_ar_forms(200, "مئتان", "مئتين", "مائتان", "مائتين", "ميتين"),
    **_ar_forms(200, "مئتا", "مئتي", "مائتا", "مائتي"),
    **{form: (1e3, _SCALE) for form in ("الف", "الفا")},
    **_ar_forms(2e3, "الفان", "الفين"),
    **{form: (1e6, _SCALE) for form in ("مليون", "مليونا")},
    **_ar_forms(2e6, "مليونان", "مليونين"),
    **{form: (1e9, _SCALE) for form in ("مليار", "مليارا", "بليون")},
    **_ar_forms(2e9, "ملياران", "مليارين"),
    # Ordinals ("the seventh article" is "Article 7").
    **_ar_forms(1, "اول", "اولي"),
    **_ar_forms(2, "ثاني", "ثانيه"),
    **_ar_forms(3, "ثالث", "ثالثه"),
    **_ar_forms(4, "رابع", "رابعه"),
    **_ar_forms(5, "خامس", "خامسه"),
    **_ar_forms(6, "سادس", "سادسه"),
    **_ar_forms(7, "سابع", "سابعه"),
    **_ar_forms(8, "ثامن", "ثامنه"),
    **_ar_forms(9, "تاسع", "تاسعه"),
    **_ar_forms(10, "عاشر", "عاشره"),
    # "One" of the compound ordinals: الحادي عشر (11th), الحادية والتسعين (91st).
    **_ar_forms(1, "حادي", "حاديه"),
}
#: Normalised Arabic ordinal stems (الأول، الثالثة...): a label of a unit (الأيام الأولى, "the
#: first days"), not its count.
ARABIC_ORDINAL_STEMS = frozenset(
    _words_of(
        "اول اولي ثاني ثانيه ثالث ثالثه رابع رابعه خامس خامسه سادس سادسه سابع سابعه ثامن ثامنه "
        "تاسع تاسعه عاشر عاشره حادي حاديه"
    )
)
# Ordinals past a hundred name the hundreds after the rest: الثامنة عشرة بعد المائة (118th).
_AR_AFTER_HUNDREDS = {"مئه": 100.0, "مائه": 100.0, "مئتين": 200.0, "مائتين": 200.0}
# Plural scales count only after a number ("ثلاثة آلاف" = 3000); alone they mean "thousands".
_AR_PLURAL_SCALES: dict[str, float] = {"الاف": 1e3, "ملايين": 1e6, "مليارات": 1e9}
# "One" of "eleven" (أحد عشر), only before عشر.
_AR_TEEN_ONE = ("احد", "احدي")
_AR_HUNDREDS_RE = re.compile(r"^(ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(مئه|مائه)$")
_AR_HUNDRED_VALUES = {"ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8, "تسع": 9}
# With the article these are days of the week or "percent" (بالمئة, في المائة), not numbers.
_AR_NOT_WITH_ARTICLE = frozenset({"اثنين", "اثنان", "مئه", "مائه", "الف", "مليون", "مليار"})

_EN_UNITS = _words_of(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_EN_TENS = _words_of("twenty thirty forty fifty sixty seventy eighty ninety")
_EN_ORDINALS = _words_of("first second third fourth fifth sixth seventh eighth ninth tenth")
#: English ordinal words first ... tenth.
ENGLISH_ORDINALS = frozenset(_EN_ORDINALS)

#: English number words (lower case) -> (value, kind): cardinals one ... ninety, ordinals
#: first ... tenth, hundred and the scales thousand, million, billion.
ENGLISH_NUMBER_WORDS: dict[str, tuple[float, str]] = {
    **{word: (float(value), _UNIT) for value, word in enumerate(_EN_UNITS) if value > 0},
    **{word: (float(10 * (index + 2)), _UNIT) for index, word in enumerate(_EN_TENS)},
    **{word: (float(index + 1), _UNIT) for index, word in enumerate(_EN_ORDINALS)},
    "hundred": (100.0, _HUNDRED),
    "thousand": (1e3, _SCALE),
    "million": (1e6, _SCALE),
    "billion": (1e9, _SCALE),
}
# "one" as a pronoun: "one of", "no one", "the one who".
_EN_ONE_BEFORE = frozenset({"of", "another", "who", "which", "that"})
_EN_ONE_AFTER = frozenset({"no", "any", "every", "each", "some", "the", "this", "that", "which"})
_EN_JOINERS = frozenset({"and"})


@dataclass(frozen=True)
class NumberToken:
    """One number word or digit string: its value, its kind, and whether the conjunction و
    ("and") was written on it."""

    value: float
    kind: str  # _UNIT, _TEEN, _HUNDRED, _SCALE, or "digits"
    joined: bool = False  # the word carried the conjunction و ("and")


def _parse_digits(token: str) -> float:
    return float(token.replace(",", ""))


def _extends(current: float, token: NumberToken) -> bool:
    """Whether ``token`` continues the number ``current`` (a value below the next scale).

    Teens (ثلاثة عشر), unit + و + tens (خمسة وعشرون), tens + unit (twenty-five) and
    hundreds + smaller (three hundred five, ثلاثمائة وخمسة) add up; anything else, and any
    digit string, starts a new number. O(1).
    """
    if token.kind == "digits":
        return False
    below_hundred = current % 100
    if token.kind == _TEEN:
        return 0 < below_hundred < 10
    is_tens = token.value in _TENS
    if is_tens and token.joined and below_hundred < 10:
        return True
    if token.value < 10 and below_hundred in _TENS:
        return True
    return current >= 100 and below_hundred == 0 and token.value < 100


def _combine(tokens: list[NumberToken]) -> list[float]:
    """Values of one run of adjacent number tokens ("five and twenty thousand" -> 25000).

    A hundred multiplies what precedes it, a scale (thousand, million...) closes a group, and
    :func:`_extends` decides whether a value joins the current number or starts a new one, so
    "25 May 2015" stays three numbers. O(len(tokens)).
    """
    values: list[float] = []
    total, current, current_is_digits = 0.0, None, False
    for token in tokens:
        if token.kind == _HUNDRED:
            current = (current or 1.0) * token.value
            current_is_digits = False
            continue
        if token.kind == _SCALE:
            total += (current or 1.0) * token.value
            current, current_is_digits = None, False
            continue
        if current is None and not total:
            current = token.value
        elif current is None:
            current = token.value  # "ألف وخمسمائة": the group after a scale
        elif not current_is_digits and _extends(current, token):
            current += token.value
        else:
            values.append(total + current)
            total, current = 0.0, token.value
        current_is_digits = token.kind == "digits"
    if current is not None or total:
        values.append(total + (current or 0.0))
    return values


def _runs(tokens: Iterable[NumberToken | None]) -> Iterator[list[NumberToken]]:
    """Split a token stream (None = a word that is not a number) into runs of numbers."""
    run: list[NumberToken] = []
    for token in tokens:
        if token is None:
            if run:
                yield run
            run = []
        else:
            run.append(token)
    if run:
        yield run


def arabic_number_token(word: str, following: str) -> NumberToken | None:
    """The number a normalised Arabic token stands for (``following``: the next token, for
    أحد عشر), or None. Plural scales (آلاف) are read by :func:`arabic_numbers` only after
    a number. O(len(word))."""
    if word[0].isdigit():
        return NumberToken(_parse_digits(word), "digits")
    for stem, had_article in clitic_readings(word):
        joined = word[0] == "و" and stem != word
        if stem in _AR_TEEN_ONE and following in ("عشر", "عشره"):
            return NumberToken(1.0, _UNIT, joined)
        hundreds = _AR_HUNDREDS_RE.match(stem)
        if hundreds:
            return NumberToken(100.0 * _AR_HUNDRED_VALUES[hundreds.group(1)], _UNIT, joined)
        if stem in _AR_NUMBER_WORDS:
            if had_article and stem in _AR_NOT_WITH_ARTICLE:
                return None
            value, kind = _AR_NUMBER_WORDS[stem]
            return NumberToken(value, kind, joined)
    return None


def arabic_numbers(text: str) -> list[float]:
    """Numeric values written in Arabic ``text``: digits (Arabic-Indic or ASCII, 1,000 and 2.5),
    cardinal words واحد ... عشرة, عشرون ... تسعون, مئة/مائة, ألف, مليون, مليار with their
    compounds (خمسة وعشرون = 25, ثلاثمائة = 300, ثلاثة آلاف = 3000, أحد عشر = 11) and ordinals
    الأول ... العاشر with their compounds (الحادية والتسعين = 91, الثامنة عشرة بعد المائة =
    118); prefixes و ف ب ل ك and the article are stripped. Not counted: الاثنين
    (Monday), المئة (percent), plural آلاف/مئات/عشرات alone (thousands, hundreds, dozens),
    أحد alone (one of), and dual nouns (جنديين, two soldiers: no number word). O(len(text)).
    """
    words = arabic_tokens(text)
    stream: list[NumberToken | None] = []
    added: dict[int, float] = {}  # last token of a run -> hundreds named after it (بعد المائة)
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if len(stream) > index:
            continue  # the hundreds word of بعد المائة, already read
        hundreds = _AR_AFTER_HUNDREDS.get(following[2:]) if following.startswith("ال") else None
        if word == "بعد" and hundreds and stream and stream[-1] and stream[-1].kind != "digits":
            added[index - 1] = hundreds
            stream += [None, None]
            continue
        token = arabic_number_token(word, following)
        if token is None and stream and stream[-1] is not None:
            readings = [stem for stem, _ in clitic_readings(word)]
            scale = next((_AR_PLURAL_SCALES[s] for s in readings if s in _AR_PLURAL_SCALES), None)
            token = NumberToken(scale, _SCALE) if scale else None
        stream.append(token)
    values: list[float] = []
    start = 0
    for end, token in enumerate([*stream, None]):
        if token is None:
            run = [t for t in stream[start:end] if t is not None]
            if run:
                combined = _combine(run)
                combined[-1] += added.get(end - 1, 0.0)
                values += combined
            start = end + 1
    return values


def english_numbers(text: str) -> list[float]:
    """Numeric values written in English ``text``: digits (1,000 and 2.5; 1st), cardinal words
    one ... nineteen, twenty ... ninety, hundred, thousand, million, billion in compounds
    ("twenty-five", "a hundred and five", "2.5 million") and ordinals first ... tenth. Not
    counted: "dozens", "hundreds", "thousands", "tens", "one" as a pronoun (one of, no one).
    O(len(text)).
    """
    words = _EN_NUMBER_TOKEN_RE.findall(text.lower().replace("-", " "))
    stream: list[NumberToken | None] = []
    previous = ""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        token: NumberToken | None = None
        if word[0].isdigit():
            token = NumberToken(_parse_digits(word), "digits")
        elif word in ENGLISH_NUMBER_WORDS:
            pronoun = word == "one" and (following in _EN_ONE_BEFORE or previous in _EN_ONE_AFTER)
            if not pronoun:
                value, kind = ENGLISH_NUMBER_WORDS[word]
                token = NumberToken(value, kind, joined=previous in _EN_JOINERS)
        elif word in ("st", "nd", "rd", "th") and stream and stream[-1] is not None:
            previous = word
            continue  # "21st": the suffix belongs to the digits
        elif (
            word in _EN_JOINERS
            and stream
            and stream[-1] is not None
            and (following in ENGLISH_NUMBER_WORDS)
        ):
            previous = word
            continue  # "one hundred and five": stay in the run
        stream.append(token)
        previous = word
    return [value for run in _runs(stream) for value in _combine(run)]


def number_key(value: float) -> float:
    """``value`` rounded to six decimals, so that equal numbers compare equal as keys."""
    return round(value, 6)
