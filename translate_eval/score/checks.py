"""Divergence checks between an Arabic source and its English: numbers, names and negation.

Pure functions on strings. Each check is a heuristic with known blind spots (listed in the
docstrings); they flag beads for a reader to look at, they do not prove a change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product

from translate_eval.text.arabic import normalize_arabic, strip_diacritics
from translate_eval.text.romanize import fold_latin, name_keys


def _wordset(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` as a set (keeps long word lists readable)."""
    return frozenset(text.split())


def _wordlist(text: str) -> list[str]:
    """The space-separated words of ``text`` in order."""
    return text.split()


# ============================================================================================
# Tokens
# ============================================================================================

# Words in parentheses are a translator's additions ("(from nothing)", "(to Allah)").
_PARENTHESES_RE = re.compile(r"\([^()]*\)")
_NUMBER_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AR_TOKEN_RE = re.compile(rf"{_NUMBER_PATTERN}|[\u0621-\u064a]+")
_EN_NUMBER_TOKEN_RE = re.compile(rf"{_NUMBER_PATTERN}|[a-z]+")
_CLITICS_CONJ = "وف"
_CLITICS_PREP = "بلك"


def arabic_tokens(text: str) -> list[str]:
    """Normalised Arabic words and ASCII numbers of ``text`` (see ``normalize_arabic``). O(n)."""
    return _AR_TOKEN_RE.findall(normalize_arabic(text))


def clitic_readings(word: str) -> list[tuple[str, bool]]:
    """Readings of a normalised Arabic word with leading clitics removed, longest first.

    Each reading is (stem, had_article). Conjunction و/ف, then preposition ب/ل/ك, then the
    article ال (or لل = ل + ال) are peeled off while at least two letters remain. O(len(word)).
    """
    readings: list[tuple[str, bool]] = [(word, False)]
    bases = [word]
    if word[:1] in _CLITICS_CONJ and len(word) > 3:
        bases.append(word[1:])
    for base in list(bases):
        if base[:1] in _CLITICS_PREP and len(base) > 3:
            bases.append(base[1:])
    for base in bases:
        if base != word:
            readings.append((base, False))
        if base.startswith(("ال", "لل")) and len(base) > 3:
            readings.append((base[2:], True))
    seen: set[str] = set()
    unique: list[tuple[str, bool]] = []
    for stem, had_article in readings:
        if stem not in seen:
            seen.add(stem)
            unique.append((stem, had_article))
    return unique


# ============================================================================================
# Numbers
# ============================================================================================

_SCALE = "scale"
_HUNDRED = "hundred"
_TEEN = "teen"
_UNIT = "unit"
_TENS = frozenset(float(10 * n) for n in range(2, 10))


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
    **_ar_forms(200, "مئتان", "مئتين", "مائتان", "مائتين", "ميتين"),
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
}
# Plural scales count only after a number ("ثلاثة آلاف" = 3000); alone they mean "thousands".
_AR_PLURAL_SCALES: dict[str, float] = {"الاف": 1e3, "ملايين": 1e6, "مليارات": 1e9}
# "One" of "eleven" (أحد عشر), only before عشر.
_AR_TEEN_ONE = ("احد", "احدي")
_AR_HUNDREDS_RE = re.compile(r"^(ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(مئه|مائه)$")
_AR_HUNDRED_VALUES = {"ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8, "تسع": 9}
# With the article these are days of the week or "percent" (بالمئة, في المائة), not numbers.
_AR_NOT_WITH_ARTICLE = frozenset({"اثنين", "اثنان", "مئه", "مائه", "الف", "مليون", "مليار"})

_EN_NUMBER_WORDS: dict[str, tuple[float, str]] = {
    **{
        word: (float(value), _UNIT)
        for value, word in enumerate(
            _wordlist(
                "zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen"
            )
        )
        if value > 0
    },
    **{
        word: (float(10 * (index + 2)), _UNIT)
        for index, word in enumerate(
            _wordlist("twenty thirty forty fifty sixty seventy eighty ninety")
        )
    },
    **{
        word: (float(index + 1), _UNIT)
        for index, word in enumerate(
            _wordlist("first second third fourth fifth sixth seventh eighth ninth tenth")
        )
    },
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
class _NumberToken:
    value: float
    kind: str  # _UNIT, _TEEN, _HUNDRED, _SCALE, or "digits"
    joined: bool = False  # the word carried the conjunction و ("and")


def _parse_digits(token: str) -> float:
    return float(token.replace(",", ""))


def _extends(current: float, token: _NumberToken) -> bool:
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


def _combine(tokens: list[_NumberToken]) -> list[float]:
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


def _runs(tokens: Iterable[_NumberToken | None]) -> Iterator[list[_NumberToken]]:
    """Split a token stream (None = a word that is not a number) into runs of numbers."""
    run: list[_NumberToken] = []
    for token in tokens:
        if token is None:
            if run:
                yield run
            run = []
        else:
            run.append(token)
    if run:
        yield run


def _arabic_number_token(word: str, following: str) -> _NumberToken | None:
    """The number an Arabic token stands for, or None. O(len(word))."""
    if word[0].isdigit():
        return _NumberToken(_parse_digits(word), "digits")
    for stem, had_article in clitic_readings(word):
        joined = word[0] == "و" and stem != word
        if stem in _AR_TEEN_ONE and following in ("عشر", "عشره"):
            return _NumberToken(1.0, _UNIT, joined)
        hundreds = _AR_HUNDREDS_RE.match(stem)
        if hundreds:
            return _NumberToken(100.0 * _AR_HUNDRED_VALUES[hundreds.group(1)], _UNIT, joined)
        if stem in _AR_NUMBER_WORDS:
            if had_article and stem in _AR_NOT_WITH_ARTICLE:
                return None
            value, kind = _AR_NUMBER_WORDS[stem]
            return _NumberToken(value, kind, joined)
    return None


def arabic_numbers(text: str) -> list[float]:
    """Numeric values written in Arabic ``text``: digits (Arabic-Indic or ASCII, 1,000 and 2.5),
    cardinal words واحد ... عشرة, عشرون ... تسعون, مئة/مائة, ألف, مليون, مليار with their
    compounds (خمسة وعشرون = 25, ثلاثمائة = 300, ثلاثة آلاف = 3000, أحد عشر = 11) and ordinals
    الأول ... العاشر; prefixes و ف ب ل ك and the article are stripped. Not counted: الاثنين
    (Monday), المئة (percent), plural آلاف/مئات/عشرات alone (thousands, hundreds, dozens),
    أحد alone (one of), and dual nouns (جنديين, two soldiers: no number word). O(len(text)).
    """
    words = arabic_tokens(text)
    stream: list[_NumberToken | None] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        token = _arabic_number_token(word, following)
        if token is None and stream and stream[-1] is not None:
            readings = [stem for stem, _ in clitic_readings(word)]
            scale = next((_AR_PLURAL_SCALES[s] for s in readings if s in _AR_PLURAL_SCALES), None)
            token = _NumberToken(scale, _SCALE) if scale else None
        stream.append(token)
    return [value for run in _runs(stream) for value in _combine(run)]


def english_numbers(text: str) -> list[float]:
    """Numeric values written in English ``text``: digits (1,000 and 2.5; 1st), cardinal words
    one ... nineteen, twenty ... ninety, hundred, thousand, million, billion in compounds
    ("twenty-five", "a hundred and five", "2.5 million") and ordinals first ... tenth. Not
    counted: "dozens", "hundreds", "thousands", "tens", "one" as a pronoun (one of, no one).
    O(len(text)).
    """
    words = _EN_NUMBER_TOKEN_RE.findall(text.lower().replace("-", " "))
    stream: list[_NumberToken | None] = []
    previous = ""
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        token: _NumberToken | None = None
        if word[0].isdigit():
            token = _NumberToken(_parse_digits(word), "digits")
        elif word in _EN_NUMBER_WORDS:
            pronoun = word == "one" and (following in _EN_ONE_BEFORE or previous in _EN_ONE_AFTER)
            if not pronoun:
                value, kind = _EN_NUMBER_WORDS[word]
                token = _NumberToken(value, kind, joined=previous in _EN_JOINERS)
        elif word in ("st", "nd", "rd", "th") and stream and stream[-1] is not None:
            previous = word
            continue  # "21st": the suffix belongs to the digits
        elif (
            word in _EN_JOINERS
            and stream
            and stream[-1] is not None
            and (following in _EN_NUMBER_WORDS)
        ):
            previous = word
            continue  # "one hundred and five": stay in the run
        stream.append(token)
        previous = word
    return [value for run in _runs(stream) for value in _combine(run)]


def _number_key(value: float) -> float:
    return round(value, 6)


#: How a number is qualified: exact, approximate ("about", "nearly", حوالي), a lower bound
#: ("more than", أكثر من) or an upper bound ("less than", "up to", أقل من).
QUALIFIERS: tuple[str, ...] = ("exact", "approximate", "more_than", "less_than")
_EN_QUALIFIER_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        _wordlist("about around approximately roughly nearly almost some circa"), "approximate"
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
}
_WORDS_AFTER_QUALIFIER = 3


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_EN_QUALIFIER_RE = _phrase_regex(list(_EN_QUALIFIER_PHRASES))
_AR_QUALIFIER_RE = _phrase_regex(list(_AR_QUALIFIER_PHRASES))


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
            found.setdefault(_number_key(values[0]), phrases[match.group(0)])
    return found


def english_number_qualifiers(text: str) -> dict[float, str]:
    """Numbers of English ``text`` preceded by a qualifier ("nearly 30" -> {30: approximate},
    "more than 40" -> {40: more_than}). Numbers absent from the result are exact. O(n)."""
    return _qualified(text.lower(), _EN_QUALIFIER_RE, _EN_QUALIFIER_PHRASES, english_numbers)


def arabic_number_qualifiers(text: str) -> dict[float, str]:
    """Numbers of Arabic ``text`` preceded by a qualifier (حوالي، نحو، قرابة، أكثر من، أقل
    من...), as :func:`english_number_qualifiers`. O(n)."""
    words = " ".join(arabic_tokens(text))
    return _qualified(words, _AR_QUALIFIER_RE, _AR_QUALIFIER_PHRASES, arabic_numbers)


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
    source_counts = Counter(_number_key(v) for v in source)
    target_counts = Counter(_number_key(v) for v in target)
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


# ============================================================================================
# Names
# ============================================================================================

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_FUNCTION_WORDS = (
    "the a an he she it they we i you his her its their our my your this that these those "
    "there here in on at by for from to of with as and or but if so yet not no nor after before "
    "when while where which who whom whose what why how all some any each every both many more "
    "most other such only also however meanwhile according although though since until during "
    "because despite then than thus about against between into through over under up down out "
    "is are was were be been being has have had do does did will would shall should can could "
    "may might must one two three four five six seven eight nine ten mr mrs ms dr him himself "
    "herself themselves itself thee thou thy thine ye me us myself thyself yourself ourselves "
    "now let verily behold lo nay o oh yea none alas yours mine ours theirs hers ever never "
    "therein thereof thereby therefrom thereon wherein whereof whereby whoso whosoever "
    "whatsoever whatever whoever whenever wherever amongst otherwise thenceforth henceforth "
    "somebody someone anybody anyone everybody everyone nobody hark "
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand million billion first second "
    "third fourth fifth sixth seventh eighth ninth tenth"
)
# Capitalised English words that translate part of a name (Army of Conquest) rather than
# transliterate it: they have no Arabic look-alike, so they must not count as unmatched names.
_TRANSLATED_NAME_PARTS = (
    "army front state states forces force brigade brigades battalion battalions division "
    "movement party council coalition alliance union united nations ministry minister "
    "government regime opposition national hospital university office media men free "
    "conquest liberation revolutionary revolution security committee commission organisation "
    "organization agency news press network channel tv television air base plain province "
    "governorate city town village district camp airport mountain mountains river street "
    "square east west north south northern southern eastern western central middle gulf sea "
    "republic kingdom emirates department general colonel major captain lieutenant president "
    "prime king prince queen imam human rights observatory international popular mobilisation "
    "mobilization high supreme court assembly parliament house white red crescent cross "
    "democratic social federal people youth women islamic islamist jihadist jihadists "
    "rebel rebels fighters group groups edition levant council guard guards revolutionaries "
    "unit units militia militias spokesman spokeswoman source sources official officials "
    "foreign defence defense interior affairs director chief head leader leaders commander "
    "dollar dollars euro euros pound pounds law laws article articles part chapter section "
    "authority authorities competent code act decree constitution company"
)
_STOP_CAPITALISED = frozenset(
    f"{_MONTHS} {_DAYS} {_FUNCTION_WORDS} {_TRANSLATED_NAME_PARTS}".split()
)
# Particles inside a multiword name ("Abu Bakr al-Baghdadi", "Jisr al-Shughur").
_NAME_CONNECTORS = _wordset("al el ul ad ar as ash at az bin ibn bint abu abd")

# English exonyms and demonyms (lower-cased prefix) -> normalised Arabic stems that render them.
_EXONYMS: dict[str, tuple[str, ...]] = {
    "syria": ("سوري", "سوريا"),
    "aleppo": ("حلب",),
    "damascus": ("دمشق",),
    "hama": ("حماه",),
    "homs": ("حمص",),
    "latakia": ("لاذقيه",),
    "raqqa": ("رقه",),
    "turk": ("ترك",),
    "iran": ("ايران", "ايراني"),
    "iraq": ("عراق",),
    "russia": ("روس",),
    "americ": ("امريك", "اميرك"),
    "us": ("امريك", "اميرك", "ولايات"),
    "washington": ("واشنطن",),
    "lebanon": ("لبنان",),
    "lebanese": ("لبنان",),
    "israel": ("اسرائيل",),
    "palestin": ("فلسطين",),
    "egypt": ("مصر",),
    "jordan": ("اردن",),
    "gaza": ("غزه",),
    "jerusalem": ("قدس",),
    "europe": ("اوروب", "اوربي"),
    "arab": ("عرب",),
    "kurd": ("كرد", "اكراد"),
    "afghan": ("افغان",),
    "saudi": ("سعود",),
    "yemen": ("يمن",),
    "libya": ("ليبي",),
    "tunisia": ("تونس",),
    "algeria": ("جزائر",),
    "morocc": ("مغرب",),
    "sudan": ("سودان",),
    "islam": ("اسلام",),
    "muslim": ("مسلم",),
    "isis": ("داعش", "الدوله"),
    "isil": ("داعش", "الدوله"),
    "daesh": ("داعش",),
    "god": ("الله",),
    "allah": ("الله", "لله", "اله", "رحمن", "رب"),
    "christ": ("مسيح",),
    "messiah": ("مسيح",),
    "golan": ("جولان",),
    "mecca": ("مكه",),
    "sunni": ("سني", "سنه"),
    "shia": ("شيع",),
    "shiite": ("شيع",),
    "alawite": ("علوي",),
    "christian": ("مسيح",),
    "geneva": ("جنيف",),
    "moscow": ("موسكو",),
    "tehran": ("طهران",),
    "beirut": ("بيروت",),
    "cairo": ("قاهره",),
    "baghdad": ("بغداد",),
}

# Arabic nouns after which the next word is a name: places (قرية X, مدينة X) and titles.
_AR_PLACE_TRIGGERS = _wordset(
    "قريه بلده مدينه محافظه حي جبل سهل ريف مخيم مطار ناحيه نهر شارع ساحه معبر حاجز معسكر "
    "منطقه بلدات قري"
)
_AR_TITLE_TRIGGERS = _wordset("شيخ عقيد عميد نقيب رائد ملازم دكتور مدعو")
# First words of Arabic compound names: the next word belongs to the name (جسر الشغور).
_AR_COMPOUND_HEADS = _wordset(
    "جسر عبد ابو ابن بن بني ام تل دير كفر عين بيت خان معره راس بير مرج جبل سهل وادي دار"
)
_AR_STOPWORDS = _wordset(
    "في من الي علي عن مع هذه هذا التي الذي الذين ان او ثم قد كل بعض بين عند منذ حتي لدي"
)

_GLOSS_RE = re.compile(r"\(\s*[\"“'‘][^)]*\)")
# English contractions ("Don't", "I'll", "We've"): never names, even when capitalised.
_CONTRACTION_RE = re.compile(r"(?:n['’]t|['’](?:ll|ve|re|m))$", re.IGNORECASE)
_EN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_SENTENCE_OPENERS = '.!?:;"“‘(['
_HYPHEN_ARTICLE_RE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)-[A-Za-z]", re.IGNORECASE)


@dataclass(frozen=True)
class EnglishName:
    """A proper-noun candidate in English: its text and its words."""

    text: str
    words: tuple[str, ...]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_HYPHEN_ARTICLE_RE.match(word))


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def english_names(
    text: str, initial_name: Callable[[str], bool] | None = None
) -> list[EnglishName]:
    """Proper-noun candidates in English ``text``, as runs of capitalised words.

    A run may hold connectors (al, bin, abu...) and hyphenated al-X words. Left out: words in
    the stoplist (function words, months, days, translated name parts such as Army, Front),
    acronyms, quoted glosses in brackets ("Free Men of the Levant"), and a capitalised word
    at a sentence start unless it is hyphenated, followed by another capitalised word,
    capitalised elsewhere in the text, or accepted by ``initial_name`` (e.g. "not a common
    English word"). O(len(text)).
    """
    # Decisions read the folded text (no diacritics: "Ḥasan" is capitalised, "Abū" a
    # connector); the names keep the text's own spelling (the same offsets).
    cleaned = _GLOSS_RE.sub(lambda m: " " * len(m.group(0)), fold_latin(text))
    matches = list(_EN_WORD_RE.finditer(cleaned))
    capitalised_inside: set[str] = set()
    starts: list[bool] = []
    for match in matches:
        position = match.start() - 1
        while position >= 0 and cleaned[position].isspace():
            position -= 1
        at_start = position < 0 or cleaned[position] in _SENTENCE_OPENERS
        starts.append(at_start)
        if not at_start and _is_capitalised(match.group(0)):
            capitalised_inside.add(match.group(0))
    names: list[EnglishName] = []
    run: list[str] = []
    spans: list[tuple[int, int]] = []

    def close_run() -> None:
        while run and run[-1].lower() in _NAME_CONNECTORS:
            run.pop()
        if run:
            words = tuple(text[start:stop] for start, stop in spans[: len(run)])
            names.append(EnglishName(text=" ".join(words), words=words))
        run.clear()
        spans.clear()

    for index, match in enumerate(matches):
        word = match.group(0)
        lowered = word.lower()
        gap = cleaned[matches[index - 1].end() : match.start()] if index else ""
        if run and gap.strip():
            close_run()
        if lowered in _NAME_CONNECTORS and run:
            run.append(word)
            spans.append(match.span())
            continue
        keep = (
            _is_capitalised(word)
            and not _is_acronym(word)
            and lowered.strip("'’") not in _STOP_CAPITALISED
            and lowered.removesuffix("'s").removesuffix("’s") not in _STOP_CAPITALISED
            and not _CONTRACTION_RE.search(word)
        )
        if keep and starts[index] and not run:
            following = matches[index + 1].group(0) if index + 1 < len(matches) else ""
            next_gap = cleaned[match.end() : matches[index + 1].start()] if following else "."
            keep = (
                bool(_HYPHEN_ARTICLE_RE.match(word))
                or word in capitalised_inside
                or (not next_gap.strip() and following[:1].isupper())
                or (initial_name is not None and initial_name(word))
            )
        if keep:
            run.append(word)
            spans.append(match.span())
        else:
            close_run()
    close_run()
    return names


def _word_keys(word: str) -> frozenset[str]:
    """Skeleton keys of an English name word, with a possessive 's removed."""
    word = re.sub(r"['’]s$", "", word)
    return frozenset(key for key in name_keys(word) if key)


def _arabic_word_keys(word: str) -> frozenset[str]:
    """Skeleton keys of every clitic reading of a normalised Arabic word."""
    return frozenset(
        key for stem, _ in clitic_readings(word) for key in name_keys(stem) if len(stem) >= 2
    )


def _edit_distance(first: str, second: str) -> int:
    """Levenshtein distance. O(len(first) * len(second))."""
    previous = list(range(len(second) + 1))
    for i, char_a in enumerate(first, 1):
        current = [i]
        for j, char_b in enumerate(second, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


NEAR_KEY_MIN_LENGTH = 4


def _near_keys(arabic_key: str, english_key: str) -> bool:
    """Skeletons one edit apart, both at least :data:`NEAR_KEY_MIN_LENGTH` long and sharing
    the first class (shorter keys are one edit from too many common words)."""
    return (
        min(len(arabic_key), len(english_key)) >= NEAR_KEY_MIN_LENGTH
        and arabic_key[0] == english_key[0]
        and _edit_distance(arabic_key, english_key) == 1
    )


@dataclass(frozen=True)
class NameComparison:
    """Names found in the English, which of them have an Arabic counterpart, and the Arabic
    name-like words (after a place noun or a title) left without an English counterpart."""

    english: tuple[str, ...]
    unmatched_english: tuple[str, ...]
    unmatched_arabic: tuple[str, ...]
    near_pairs: tuple[tuple[str, str], ...]

    @property
    def differ(self) -> bool:
        """A name seems changed: an unmatched English name faces an unmatched Arabic name-like
        word, or has a near (one edit, see :func:`_near_keys`) but unequal skeleton in the
        source."""
        return bool(self.unmatched_english and (self.unmatched_arabic or self.near_pairs))


def _arabic_ngram_keys(word_keys: list[frozenset[str]], longest: int = 4) -> set[str]:
    """Keys of every run of up to ``longest`` Arabic words (concatenated skeletons)."""
    keys: set[str] = set()
    for start in range(len(word_keys)):
        for stop in range(start + 1, min(start + longest, len(word_keys)) + 1):
            window = word_keys[start:stop]
            if all(window):
                keys.update("".join(parts) for parts in product(*window))
    return keys


def _arabic_name_spans(words: list[str]) -> list[list[int]]:
    """Indexes of Arabic name-like words: the word after a place noun (قرية, مدينة...) or a
    title (الشيخ, العقيد...), and the one after it when the first is a compound head such as
    جسر or عبد. O(len(words))."""
    spans: list[list[int]] = []
    for index, word in enumerate(words[:-1]):
        # A place noun introduces a name in the construct state, without the article (قرية X,
        # not القرية X); a title carries the article (الشيخ X).
        readings = clitic_readings(word)
        places = {stem for stem, had_article in readings if not had_article}
        titles = {stem for stem, had_article in readings if had_article}
        if not (places & _AR_PLACE_TRIGGERS or titles & _AR_TITLE_TRIGGERS):
            continue
        first = index + 1
        if words[first] in _AR_STOPWORDS or words[first][0].isdigit():
            continue
        span = [first]
        first_stems = {stem for stem, _ in clitic_readings(words[first])}
        if first + 1 < len(words) and first_stems & _AR_COMPOUND_HEADS:
            span.append(first + 1)
        spans.append(span)
    return spans


def _matches_exonym(word: str, arabic_words: list[str]) -> bool | None:
    """True/False when ``word`` is a known exonym found / not found in the Arabic; None when it
    is not an exonym."""
    lowered = word.lower()
    for prefix, stems in _EXONYMS.items():
        if lowered == prefix or (len(prefix) > 2 and lowered.startswith(prefix)):
            return any(stem in arabic for arabic in arabic_words for stem in stems)
    return None


def _joined_keys(keys: Sequence[frozenset[str]]) -> set[str]:
    """Every concatenation of one key per word (at most 4**MAX_NAME_SPAN of them)."""
    return {"".join(parts) for parts in product(*keys) if all(parts)}


#: Longest run of words whose joined skeleton is compared (bounds the key products).
MAX_NAME_SPAN = 4


# English derivational endings that names of Arabic origin do not have ("Unbelievers",
# "Righteousness", "Judgment"): a capitalised word ending so is a common noun, not a name.
_DERIVED_ENDINGS = (
    "ers", "ness", "ment", "tion", "sion", "ity", "ful", "less", "ous", "ive", "ing", "ings",
    "ance", "ence", "ism", "ists", "ship", "hood", "dom", "ies", "ly", "er", "able", "ible",
    "ant",
)  # fmt: skip


_ARCHAIC_VERBS = _wordset("doth dost hath hast art canst wilt shalt didst wouldst couldst")


def _looks_derived(word: str) -> bool:
    """A word of 7+ letters with an English derivational ending (:data:`_DERIVED_ENDINGS`),
    or an archaic verb form ("Seest", "Knoweth", "Dost")."""
    lowered = word.lower()
    if lowered in _ARCHAIC_VERBS or (len(lowered) >= 5 and lowered.endswith(("est", "eth"))):
        return True
    return len(lowered) >= 7 and lowered.endswith(_DERIVED_ENDINGS)


def _is_common_word(word: str, common: frozenset[str]) -> bool:
    """An English common word by the lexicon's lower-case glosses (``common``), its
    derivational ending, or a negative prefix on either ("Unbelief", "Unseen")."""
    from translate_eval.lexicon import english_stem

    lowered = word.lower()
    candidates = [lowered]
    if lowered.startswith(("un", "in", "dis")) and len(lowered) > 5:
        candidates.append(lowered[3:] if lowered.startswith("dis") else lowered[2:])
    return any(english_stem(c) in common or _looks_derived(c) for c in candidates)


def _lexicon_view(arabic_words: Sequence[str]) -> tuple[set[str], list[bool]]:
    """English stems of the lexicon senses of the Arabic words, and which words have a proper
    noun reading (both empty without the ``gloss`` lexicon). O(words), cached per word."""
    from translate_eval.lexicon import arabic_glosses, lexicon_available

    if not lexicon_available():
        return set(), [False] * len(arabic_words)
    views = [arabic_glosses(word) for word in arabic_words]
    stems: set[str] = set()
    for view in views:
        stems.update(view.stems)
    # A proper-noun reading counts when no reading is an adjective or a particle: رحيم (Rahim,
    # merciful) and عظيم (Azim, great) are adjectives far more often than names.
    proper = [
        view.proper
        and not view.adjective
        and not view.function
        and len(word) >= 3
        and word not in _AR_STOPWORDS
        for view, word in zip(views, arabic_words, strict=True)
    ]
    return stems, proper


def compare_names(src_ar: str, tgt_en: str, mt: str = "") -> NameComparison:
    """Match English proper-noun candidates against the Arabic source by skeleton key.

    An English name word is matched when its key equals the key of an Arabic word (any clitic
    reading) or when a run of up to :data:`MAX_NAME_SPAN` English name words equals a run of
    as many Arabic words ("Abdul Rahman" ~ عبد الرحمن); exonyms (Aleppo ~ حلب) go through a
    small table and, with the ``gloss`` lexicon, through the English senses of the Arabic
    words (موسى ~ Moses, فرعون ~ Pharaoh); a word of the MT (``mt``, any case) matches too.
    Arabic name-like words are those after a place noun or a title and, with the lexicon,
    words with a proper-noun reading; with the lexicon, an English capitalised word that is a
    common English word (a lower-case gloss: "Mercy", "Unbelievers") is not taken for a name.
    Time: O(E + A) set look-ups for E English name words and
    A Arabic words, plus O(E * A) edit distances for the unmatched ones.
    """
    from translate_eval.lexicon import common_english_stems, english_stem

    arabic_words = [w for w in arabic_tokens(src_ar) if not w[0].isdigit()]
    common = common_english_stems()
    # Words in parentheses are a translator's additions ("(to Allah)", "(of Egypt)"): a name
    # there has no counterpart to change. An acute accent is an apostrophe (Qur´an).
    tgt_en = _PARENTHESES_RE.sub(" ", tgt_en.replace("´", "'"))
    word_keys = [_arabic_word_keys(word) for word in arabic_words]
    ngram_keys = _arabic_ngram_keys(word_keys, MAX_NAME_SPAN)
    gloss_stems, proper = _lexicon_view(arabic_words)
    mt_words = {w.lower() for w in re.findall(r"[A-Za-z]+", fold_latin(mt))}
    all_stems = {english_stem(w) for w in re.findall(r"[A-Za-z]+", fold_latin(tgt_en))}

    def uncommon(word: str) -> bool:
        return bool(common) and word.lower() not in _STOP_CAPITALISED and not any(
            _is_common_word(part, common) or len(part) <= 3
            for part in re.split(r"[-'’]", word) if part
        )  # fmt: skip

    names = english_names(tgt_en, uncommon)
    unmatched: list[str] = []
    english_keys: set[str] = set()
    english_stems: set[str] = set()
    english_run_keys: set[str] = set()
    for name in names:
        # Matching reads the words without diacritics; unmatched ones are reported as written.
        written = [w for w in name.words if fold_latin(w).lower() not in _NAME_CONNECTORS]
        content = [fold_latin(w) for w in written]
        keys = [_word_keys(w) for w in content]
        english_keys.update(*keys)
        matched = [False] * len(content)
        for i, word in enumerate(content):
            stem = english_stem(word)
            english_stems.add(stem)
            exonym = _matches_exonym(word, arabic_words)
            matched[i] = exonym if exonym is not None else bool(keys[i] & ngram_keys)
            # A capitalised common word ("Mercy", "the Unbelievers") is no name to match, nor
            # is a compound of common words and short particles ("Oft-Forgiving"), as in
            # ``uncommon``; a short word alone ("Isa", "Hud") may be a name.
            parts = [p for p in re.split(r"[-'’]", word) if len(p) > 1]
            common_word = any(len(p) > 3 for p in parts) and all(
                _is_common_word(p, common) or (len(p) <= 3 and len(parts) > 1) for p in parts
            )
            matched[i] = matched[i] or stem in gloss_stems or word.lower() in mt_words
            matched[i] = matched[i] or common_word
        for first in range(len(content)):
            for stop in range(first + 2, min(first + MAX_NAME_SPAN, len(content)) + 1):
                joined = _joined_keys(keys[first:stop])
                english_run_keys.update(joined)
                if joined & ngram_keys:
                    matched[first:stop] = [True] * (stop - first)
        unmatched.extend(
            word for word, ok, key in zip(written, matched, keys, strict=True) if not ok and key
        )
    # Arabic name-like words with no English counterpart.
    unmatched_arabic: list[str] = []
    spans = _arabic_name_spans(arabic_words)
    in_spans = {i for span in spans for i in span}
    spans += [[i] for i, is_proper in enumerate(proper) if is_proper and i not in in_spans]
    for span in spans:
        span_keys = [word_keys[i] for i in span]
        covered = any(keys & english_keys for keys in span_keys) or bool(
            _joined_keys(span_keys) & english_run_keys
        )
        if gloss_stems and not covered:
            from translate_eval.lexicon import arabic_glosses

            covered = any(arabic_glosses(arabic_words[i]).stems & all_stems for i in span)
        if not covered and any(len(k) >= 2 for keys in span_keys for k in keys):
            unmatched_arabic.append(" ".join(arabic_words[i] for i in span))
    near: list[tuple[str, str]] = []
    for word in unmatched:
        for arabic, keys in zip(arabic_words, word_keys, strict=True):
            if any(_near_keys(a, e) for a in keys for e in _word_keys(word)):
                near.append((word, arabic))
                break
    return NameComparison(
        english=tuple(n.text for n in names),
        unmatched_english=tuple(unmatched),
        unmatched_arabic=tuple(unmatched_arabic),
        near_pairs=tuple(near),
    )


def names_differ(src_ar: str, tgt_en: str) -> bool:
    """True when a name seems *changed* between the Arabic and the English.

    That needs both sides: an English name with no counterpart in the source, and either an
    Arabic name-like word (the word after قرية, مدينة, بلدة, الشيخ...) with no counterpart in
    the English, or an Arabic word whose skeleton (4+ classes) is one edit away from the
    English name's.
    An English name with no Arabic counterpart and nothing facing it is an addition, not a
    change, and does not count. Transliteration variants (Shughour / Shughur / الشغور) match.
    Blind spots: a changed name not introduced by a place noun or title and not one letter
    away; translated names outside the stoplist and exonym table can look unmatched.
    """
    return compare_names(src_ar, tgt_en).differ


# ============================================================================================
# Negation
# ============================================================================================

# ما is read with care: in running text it is far more often "what" (ما في السماوات, هذا ما
# كنزتم) than "not". Only its clear negating patterns count as negations; elsewhere it is an
# optional negation (see arabic_negation_counts).
_AR_NEGATORS = _wordset("لا لم لن ليس ليست لست ليسوا لسنا ليسا لات دون بدون بلا ألا لئلا لولا")
# Negator + next word pairs that mean "still" / "especially" / "I swear", not a negation.
_AR_NOT_NEGATION_NEXT = {
    "لا": _wordset("يزال تزال يزالون زال زالت سيما أقسم"),
    "ما": _wordset("زال زالت زالوا يزال تزال يلي ياتي يأتي بين ان اذا هو هي يسمي وصفه وصفته"),
    "لم": _wordset("يزل تزل"),
}
# ما after these words is a relative pronoun (بعد ما, كل ما), not a negation.
_AR_MA_RELATIVE_AFTER = _wordset("بعد كل عند حين مثل بين قبل الي إلي علي في من عن اكثر اقل")
# كان and its forms: ما كان ("it was not", "it is not for") is a negation, unless an imperfect
# verb follows (ما كانوا يعملون: "what they used to do").
_AR_KANA = _wordset("كان كانوا كانت كنت كنا كنتم كن كانا يكون تكون نكون يكن")
# Subjects of a nominal sentence negated by ما with a ب predicate (وما هم بمؤمنين).
_AR_MA_SUBJECTS = _wordset("هو هي هم هن أنت أنتم أنا نحن ذلك هذا هؤلاء")
# ب + these are prepositional phrases, not the ب of a negated predicate.
_AR_B_NOT_PREDICATE = ("بال", "بما", "به", "بك", "بي", "بين", "بعد", "بعض", "بكل", "بنا")
# Words English renders with or without a negation: the exceptives closing a negation
# (ما ... إلا "only" / "nothing but"), كلا ("nay" / "by no means"), غير / بغير ("other than" /
# "without"), دون ("below", "besides" / "without"), لولا ("if only" / "had it not been"), ألا.
_AR_OPTIONAL_NEGATORS = _wordset("كلا غير بغير دون لولا ألا")
_AR_NEGATOR_LIKE = _AR_NEGATORS | {"ما"}
# A coordinated negation (لا ... ولا, not ... nor) counts once: the second negator is skipped
# when another negator stands this many words before it.
_COORDINATION_WINDOW = 15
_EXCEPTIVE_WINDOW = 8
_AR_RAW_TOKEN_RE = re.compile("[\u0621-\u064a]+")
_EN_NEGATORS = _wordset("not no never without neither nor none nothing naught nought nobody cannot")
_EN_TOKEN_RE = re.compile(r"[a-z]+n['’]t|[a-z]+|,")


def _arabic_raw_words(text: str) -> list[str]:
    """Arabic words without diacritics or tatweel but with hamza seats kept (ألا is not إلا),
    ى read as ي. O(len(text))."""
    return _AR_RAW_TOKEN_RE.findall(strip_diacritics(text).replace("ى", "ي"))


def _negating_ma(words: list[str], index: int) -> bool:
    """ما at ``index`` in one of its clearly negating patterns: before كان (not followed by an
    imperfect verb), before a subject with a ب predicate (وما هم بمؤمنين, ما أنت بنعمة ربك
    بمجنون), or before لـ + من (ما لهم من ولي: "they have no protector"). O(1)."""
    following = words[index + 1] if index + 1 < len(words) else ""
    ahead = words[index + 2 : index + 5]
    if following in _AR_KANA:
        return not any(word[:1] in "يتن" for word in ahead[:2])
    # After a pronoun subject, بال + noun is a predicate too (وما هو بالهزل).
    definite_predicate = following in _AR_MA_SUBJECTS
    not_predicate = tuple(
        prefix for prefix in _AR_B_NOT_PREDICATE if not (definite_predicate and prefix == "بال")
    )
    if (following in _AR_MA_SUBJECTS or following.startswith("ل")) and any(
        len(word) >= 4 and word[:1] == "ب" and not word.startswith(not_predicate) for word in ahead
    ):
        return True
    return following.startswith("ل") and "من" in words[index + 2 : index + 4]


def arabic_negation_counts(text: str) -> tuple[int, int]:
    """Negated clauses in Arabic text: (definite, optional).

    Definite: لا لم لن ليس (ليست لست ...) لات بدون بلا لئلا, after a conjunction و/ف and an
    interrogative أ too (ألم، أفلا، أولم: "is it not"), and ما in its clearly negating
    patterns (:func:`_negating_ma`).
    Optional, what an English translation renders with or without a negation: any other ما
    that is not plainly relative (after بعد، كل، في...), a negator closed within eight words by
    إلا ("لم يبق إلا" = "only ... remained" or "nothing remained but"), إنْ ... إلا, كلا, غير /
    بغير, دون ("below", "besides" or "without"), لمّا + imperfect ("not yet"), لولا, ألا.
    Not counted: لا يزال / لم يزل (still), لا سيما (especially), لا أقسم (an oath), لِمَ +
    perfect verb ("why"), and ولا coordinated with a negator shortly before it (لا ... ولا =
    not ... or). عدم is left out (mostly a prefix in English: non-compliance). O(len(text)).
    """
    words = _arabic_raw_words(text)
    definite = optional = 0
    last_negator = -_COORDINATION_WINDOW - 1
    for index, word in enumerate(words):
        if word[:1] == "أ" and word not in _AR_NEGATORS and len(word) > 2:
            word = word[1:]  # interrogative hamza: ألم، أفلا، أولم
        conjunction = word[:1] in _CLITICS_CONJ and word[1:] in _AR_NEGATOR_LIKE
        stem = word[1:] if conjunction else word
        following = words[index + 1] if index + 1 < len(words) else ""
        previous = words[index - 1] if index > 0 else ""
        window = words[index + 1 : index + 1 + _EXCEPTIVE_WINDOW]
        closed_by_exceptive = any(w in ("إلا", "الا") or w.endswith("إلا") for w in window)
        if stem in _AR_OPTIONAL_NEGATORS or (stem == "لما" and following[:1] in "يتن"):
            optional += 1  # لمّا + imperfect: "not yet"; otherwise لما is "when" / "for what"
            continue
        if stem == "إن" and closed_by_exceptive:
            optional += 1  # إنْ ... إلا: "it is nothing but" / "it is only"
            continue
        if stem not in _AR_NEGATOR_LIKE:
            continue  # unvoweled "الا" is more often إلا (except) than ألا (that ... not)
        if stem == "ما" and (previous in _AR_MA_RELATIVE_AFTER or not following):
            continue
        negating_ma = stem == "ما" and not closed_by_exceptive and _negating_ma(words, index)
        if following in _AR_NOT_NEGATION_NEXT.get(stem, frozenset()) and not negating_ma:
            continue
        if stem == "لم" and following and following[0] not in "يتنأا":
            continue  # لِمَ + perfect verb is "why", the negation takes an imperfect
        if closed_by_exceptive or (stem == "ما" and not negating_ma):
            optional += 1
            continue
        coordinated = conjunction and stem == "لا" and index - last_negator <= _COORDINATION_WINDOW
        last_negator = index
        if not coordinated:
            definite += 1
    return definite, optional


def arabic_negations(text: str) -> int:
    """The definite negated clauses of :func:`arabic_negation_counts`. O(len(text))."""
    return arabic_negation_counts(text)[0]


_EN_EXCEPTIVES = _wordset("except save but")
_EN_EXCEPTIVE_WINDOW = 6


def _english_exceptive_follows(words: list[str], index: int) -> bool:
    """An exceptive (except, save, or "but" not after a comma) within a few words after the
    negator at ``index``: "no god but He", "fear none except Allah" = "only". O(1)."""
    for offset in range(index + 1, min(index + 1 + _EN_EXCEPTIVE_WINDOW, len(words))):
        if words[offset] in _EN_EXCEPTIVES and not (
            words[offset] == "but" and words[offset - 1] == ","
        ):
            return True
    return False


def english_negations(text: str) -> int:
    """Count negated clauses in English text: not, n't, no, never, without, neither, nor, none,
    nothing, naught, nobody, cannot. "nor" / "or not" after a negator shortly before it counts
    once with it (neither ... nor); "not only" counts; words in parentheses (a translator's
    additions) do not. Like إلا on the Arabic side, a negator
    followed within six words by "except", "save" or "but" (not after a comma) is an
    exception, not a negation ("there is no god but He"). O(len(text))."""
    words = _EN_TOKEN_RE.findall(_PARENTHESES_RE.sub(" ", text.lower()))
    count = 0
    last_negator = -_COORDINATION_WINDOW - 1
    for index, word in enumerate(words):
        if not (word in _EN_NEGATORS or word.endswith(("n't", "n’t"))):
            continue
        if _english_exceptive_follows(words, index):
            continue
        coordinated = word == "nor" and index - last_negator <= _COORDINATION_WINDOW
        last_negator = index
        if not coordinated:
            count += 1
    return count


@dataclass(frozen=True)
class NegationComparison:
    """Negated clauses counted on each side; ``source_optional``: the source's words that an
    English may render with or without a negation (:func:`arabic_negation_counts`)."""

    source: int
    target: int
    source_optional: int = 0

    @property
    def differ(self) -> bool:
        """True when one side negates and the other does not (presence, not count): the
        source negates and the English does not, or the English negates and the source has
        neither a negation nor an optional one."""
        if self.target > 0:
            return self.source == 0 and self.source_optional == 0
        return self.source > 0

    @property
    def counts_differ(self) -> bool:
        """True when the two counts differ (stricter, noisier than :attr:`differ`)."""
        return self.source != self.target


def compare_negations(src_ar: str, tgt_en: str) -> NegationComparison:
    """Count negated clauses on both sides. O(len(texts))."""
    definite, optional = arabic_negation_counts(src_ar)
    return NegationComparison(definite, english_negations(tgt_en), optional)


def negation_differs(src_ar: str, tgt_en: str) -> bool:
    """True when one side holds a negation and the other holds none (the source's optional
    negations, such as ما ... إلا or كلا, excuse an English negation; see
    :class:`NegationComparison`).

    The counts are compared for presence, not equality. On the gold-aligned, faithfully
    translated AlignAR beads, unequal counts flag 25% (law 001-005, 884 beads) and 57%
    (literature 001-003, 259 beads), because Arabic repeats negators where English coordinates
    or rephrases them; presence flags 11% and 17% (14% and 20% before ما and the optional
    negations were read). Lexical, not a parse: a negation turned into a negative word (لم يبق
    -> nothing left) still counts on each side."""
    return compare_negations(src_ar, tgt_en).differ


# ============================================================================================
# Attribution and hedging
# ============================================================================================

# Who says it: a claim attributed to sources, reports or witnesses. Plain "said" / قال do
# not count (both languages use them everywhere, for speech as much as for sourcing), nor do
# "according to" / وفقاً لـ / بحسب alone: in legal and literary text they mean "in accordance
# with" (20% of the faithful AlignAR law beads would differ); "according to opposition
# sources" is caught by "sources".
_EN_ATTRIBUTION = _wordset(
    "sources source reportedly reported claimed claims alleged allegedly witnesses activists "
    "correspondent correspondents quoted quoting citing cited"
)
_EN_ATTRIBUTION_PHRASES: tuple[str, ...] = ()
_AR_ATTRIBUTION = _wordset(
    "مصادر مصدر نقلا افادت افاد زعم زعمت ادعي ادعت مزاعم ناشطون ناشطين شهود مراسل مراسلنا"
)
# How sure it is: hedges that soften a claim ("is expected to", "probably", يُرجّح، ربما).
# Modal "may"/"might" are left out: English uses them for purpose and politeness too.
_EN_HEDGES = _wordset(
    "apparently expected expects expect likely unlikely possibly possible perhaps probably "
    "believed appears appeared seems seemed suspected unconfirmed rumoured rumored presumably"
)
_AR_HEDGES = _wordset(
    "ربما يرجح مرجح يعتقد متوقع يتوقع توقع توقعات يبدو محتمل يحتمل احتمال مزعوم مزعومه يشتبه "
    "مشتبه يرجي"
)
# قد before an imperfect verb (ي ت ن ا + stem) means "may"; before a perfect it means "has".
_AR_IMPERFECT_PREFIXES = "يتن"


@dataclass(frozen=True)
class MarkerComparison:
    """Markers of one kind (attribution or hedging) found on each side."""

    source: tuple[str, ...]
    target: tuple[str, ...]

    @property
    def differ(self) -> bool:
        """True when one side has such a marker and the other has none."""
        return bool(self.source) != bool(self.target)


def _arabic_markers(text: str, lexicon: frozenset[str], with_qad: bool) -> tuple[str, ...]:
    words = arabic_tokens(text)
    found: list[str] = []
    for index, word in enumerate(words):
        stems = {stem for stem, _ in clitic_readings(word)}
        hit = stems & lexicon
        if hit:
            found.append(min(hit))
            continue
        if with_qad and word in ("قد", "وقد", "فقد") and index + 1 < len(words):
            following = words[index + 1]
            if following[:1] in _AR_IMPERFECT_PREFIXES and len(following) >= 3:
                found.append("قد")
    return tuple(found)


def _english_markers(text: str, lexicon: frozenset[str], phrases: Sequence[str]) -> tuple[str, ...]:
    lowered = text.lower()
    words = re.findall(r"[a-z]+", lowered)
    found = [w for w in words if w in lexicon]
    found.extend(p for p in phrases if re.search(rf"\b{re.escape(p)}\b", lowered))
    return tuple(found)


def compare_attribution(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Attribution to sources on each side: "sources", "reportedly", "citing", "witnesses",
    "activists"... / مصادر، نقلاً عن، أفادت، ناشطون، شهود... A claim attributed on one side
    only ("according to opposition sources" dropped or added) differs. Plain speech verbs
    (said / قال) and "according to" alone do not count. O(len(texts))."""
    return MarkerComparison(
        _arabic_markers(src_ar, _AR_ATTRIBUTION, with_qad=False),
        _english_markers(tgt_en, _EN_ATTRIBUTION, _EN_ATTRIBUTION_PHRASES),
    )


def compare_hedging(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Hedges on each side: "expected", "likely", "apparently", "believed", "seems"... /
    ربما، يُرجّح، يُعتقد، من المتوقع، يبدو، محتمل، قد + imperfect verb. A claim hedged on one
    side only (an attack "confirmed" in Arabic and "expected" in English) differs. Modal
    may/might are not counted (purpose clauses use them). O(len(texts))."""
    return MarkerComparison(
        _arabic_markers(src_ar, _AR_HEDGES, with_qad=True),
        _english_markers(tgt_en, _EN_HEDGES, ()),
    )


def attribution_differs(src_ar: str, tgt_en: str) -> bool:
    """True when a claim is attributed to sources on one side only (:func:`compare_attribution`)."""
    return compare_attribution(src_ar, tgt_en).differ


def hedging_differs(src_ar: str, tgt_en: str) -> bool:
    """True when one side hedges and the other does not (:func:`compare_hedging`), or a number
    is qualified differently ("more than 40" vs "40", :class:`NumberComparison`)."""
    return (
        compare_hedging(src_ar, tgt_en).differ or compare_numbers(src_ar, tgt_en).qualifiers_differ
    )


# ============================================================================================
# Transliteration variants across a document
# ============================================================================================

#: Shortest skeleton key that groups two spellings as variants of one name.
VARIANT_MIN_KEY = 3


def _variant_keys(word: str) -> frozenset[str]:
    """Skeleton keys of one English name word with a leading article (al-, el-) removed."""
    bare = _HYPHEN_ARTICLE_RE.sub(lambda m: m.group(0)[-1], word)
    return frozenset(k for k in _word_keys(bare) if len(k) >= VARIANT_MIN_KEY)


def name_variants(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Spellings of one name that vary across ``texts`` (the English of a document):
    "Shughour" and "Shughur" share the skeleton key of الشغور. Name words (see
    :func:`english_names`, connectors dropped, possessive 's removed) sharing a key of at least
    :data:`VARIANT_MIN_KEY` classes and the same first letter are grouped; groups with two or
    more spellings are returned, each ordered by frequency (most used first), then
    alphabetically. A variant is a spelling difference, not a change of name. O(W) for W name
    words, plus a union-find over the shared keys."""
    counts: Counter[str] = Counter()
    for text in texts:
        for name in english_names(text):
            for word in name.words:
                if word.lower() in _NAME_CONNECTORS:
                    continue
                counts[re.sub(r"['’]s$", "", word)] += 1
    parent: dict[str, str] = {word: word for word in counts}

    def find(word: str) -> str:
        while parent[word] != word:
            parent[word] = parent[parent[word]]
            word = parent[word]
        return word

    owner: dict[tuple[str, str], str] = {}
    for word in sorted(counts):
        bare = _HYPHEN_ARTICLE_RE.sub("", word) or word
        for key in _variant_keys(word):
            slot = (bare[:1].lower(), key)
            if slot in owner:
                parent[find(word)] = find(owner[slot])
            else:
                owner[slot] = word
    groups: dict[str, list[str]] = {}
    for word in counts:
        groups.setdefault(find(word), []).append(word)
    variants = [
        tuple(sorted(members, key=lambda w: (-counts[w], w)))
        for members in groups.values()
        if len({m.lower() for m in members}) > 1
    ]
    return sorted(variants)
