"""The planted edit kinds, which units can carry each, and the rewrites of an English sentence
that plant them (cut a clause, change a number, swap a name, flip a negation, split a sentence).

Eligibility is decided by this module's own small rules (regular expressions and word lists),
not by the checks that detect the edits, so that the benchmark does not only plant what the
detectors already see. Every rewrite draws from the ``random.Random`` it is given alone.
"""

from __future__ import annotations

import random
import re

from translate_eval.text.arabic import strip_diacritics

#: The edit kinds planted, in benchmark order (edit labels, then flags).
PLANTED_KINDS: tuple[str, ...] = (
    "omission",
    "addition",
    "partial_omission",
    "merge",
    "split",
    "numbers_differ",
    "names_differ",
    "negation_differs",
)
#: Kinds that are bead flags rather than edit labels.
FLAG_KINDS = frozenset({"numbers_differ", "names_differ", "negation_differs"})

#: A partial omission removes between these shares of an English sentence's words.
PARTIAL_SHARE = (0.35, 0.65)
#: Shortest English sentence (words) eligible for a partial omission or a split.
MIN_WORDS_PARTIAL = 12
MIN_WORDS_SPLIT = 12
#: Shortest part (words) on each side of a split.
MIN_SPLIT_PART = 5

# English names of people and places of the Quran and the hadith, with the Arabic they render
# (a fixed table, independent of the name check): a name is changed only where both occur.
NAME_FORMS: dict[str, str] = {
    "Aaron": "هارون", "Harun": "هارون", "Abraham": "براهيم", "Ibrahim": "براهيم",
    "Adam": "آدم", "Job": "أيوب", "Ayyub": "أيوب", "David": "داود", "Dawud": "داود",
    "Egypt": "مصر", "Gabriel": "جبريل", "Hud": "هود", "Iblis": "إبليس", "Idris": "إدريس",
    "Isaac": "إسحاق", "Ishmael": "إسماعيل", "Ismail": "إسماعيل", "Israel": "إسرائيل",
    "Jacob": "يعقوب", "Yaqub": "يعقوب", "Jesus": "عيسى", "Isa": "عيسى", "John": "يحيى",
    "Yahya": "يحيى", "Jonah": "يونس", "Yunus": "يونس", "Joseph": "يوسف", "Yusuf": "يوسف",
    "Lot": "لوط", "Luqman": "لقمان", "Mary": "مريم", "Mecca": "مكة", "Midian": "مدين",
    "Moses": "موسى", "Musa": "موسى", "Muhammad": "محمد", "Noah": "نوح", "Nuh": "نوح",
    "Pharaoh": "فرعون", "Salih": "صالح", "Saul": "طالوت", "Solomon": "سليمان",
    "Sulaiman": "سليمان", "Thamud": "ثمود", "Zakariya": "زكري", "Zechariah": "زكري",
    "Badr": "بدر", "Abu Bakr": "بكر", "Abu Hurairah": "هريرة", "Aisha": "عائشة",
    "Anas": "أنس", "Umar": "عمر", "Uthman": "عثمان", "Jabir": "جابر", "Abdullah": "عبد الله",
}  # fmt: skip
NAMES: tuple[str, ...] = tuple(NAME_FORMS)
REPLACEMENT_NAMES: tuple[str, ...] = (
    "Khalid", "Tariq", "Samir", "Nabil", "Karim", "Rashid", "Hamza", "Bilal", "Fadl", "Qasim",
    "Ziyad", "Walid", "Jafar", "Hisham", "Marwan", "Tabuk", "Khaybar", "Taif", "Yathrib", "Sanaa",
)  # fmt: skip

_WORD_RE = re.compile(r"\S+")
_NEGATION_RE = re.compile(r"\b(not|never|no)\b\s*|\b(\w+)n't\b", re.IGNORECASE)
_AUXILIARY_RE = re.compile(
    r"\b(is|are|was|were|will|shall|can|could|would|should|may|might|must|do|does|did|hath|"
    r"have|has|had)\b(?!\s+(?:not|never|no)\b)",
    re.IGNORECASE,
)
_UNITS = [
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS: dict[str, int] = {
    **{word: value for value, word in enumerate(_UNITS, start=3)},
    **{word: 10 * value for value, word in enumerate(_TENS, start=2)},
    "hundred": 100,
    "thousand": 1000,
}
_EN_NUMBER_RE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)\b|\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE
)
_AR_NUMBER_RE = re.compile(
    "[0-9\u0660-\u0669]|ثلاث|أربع|اربع|خمس|ست|سبع|ثمان|تسع|عشر|مائة|مئة|ألف|الف"
)
_CLAUSE_RE = re.compile(r"[,;:]\s+|\s+-\s+|\s+(?:and|but|then)\s+")


# ------------------------------------------------------------------------------- eligibility


def word_count(text: str) -> int:
    """Whitespace-separated words of ``text``."""
    return len(text.split())


def _number_tokens(text: str) -> list[re.Match[str]]:
    """English number tokens worth changing (digits and words of value 3 or more)."""
    tokens = []
    for match in _EN_NUMBER_RE.finditer(text):
        if match.group(1):
            if int(match.group(1).replace(",", "")) >= 3:
                tokens.append(match)
        else:
            tokens.append(match)
    return tokens


_NAMES_RE = re.compile(r"\b(" + "|".join(re.escape(name) for name in NAMES) + r")\b(?![-'’´])")


def _name_tokens(text: str, arabic: str | None = None) -> list[re.Match[str]]:
    """Occurrences of a name of :data:`NAMES` in ``text`` (whole words, outside parentheses:
    those are a translator's additions), and when ``arabic`` is given, only names whose
    Arabic form (:data:`NAME_FORMS`) occurs in it (diacritics ignored)."""
    bare = strip_diacritics(arabic) if arabic is not None else None
    outside = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    return [
        match
        for match in _NAMES_RE.finditer(outside)
        if bare is None or NAME_FORMS[match.group(0)] in bare
    ]


def _clause_cuts(words: list[str]) -> list[int]:
    """Word indexes after which a clause ends (a word ending in , ; : or followed by and/but)."""
    cuts = []
    for index, word in enumerate(words[:-1]):
        if word[-1:] in ",;:" or words[index + 1].lower() in ("and", "but", "then"):
            cuts.append(index + 1)
    return cuts


def eligible(kind: str, ar: str, en: str) -> bool:
    """Whether one unit (Arabic, English) can carry a planted edit of ``kind``. O(len(text))."""
    words = en.split()
    if kind in ("omission", "addition", "merge"):
        return bool(words)
    if kind == "partial_omission":
        return len(words) >= MIN_WORDS_PARTIAL
    if kind == "split":
        return len(words) >= MIN_WORDS_SPLIT and any(
            MIN_SPLIT_PART <= cut <= len(words) - MIN_SPLIT_PART for cut in _clause_cuts(words)
        )
    if kind == "numbers_differ":
        return bool(_number_tokens(en)) and bool(_AR_NUMBER_RE.search(strip_diacritics(ar)))
    if kind == "names_differ":
        return bool(_name_tokens(en, ar))
    if kind == "negation_differs":
        return bool(_NEGATION_RE.search(en) or _AUXILIARY_RE.search(en))
    raise ValueError(f"unknown planted kind {kind!r}; choose from {', '.join(PLANTED_KINDS)}")


# ------------------------------------------------------------------------------- rewrites


def cut_partial(en: str, rng: random.Random) -> tuple[str, str, str]:
    """Drop a clause-bounded span of :data:`PARTIAL_SHARE` of the words from the start or the
    end of ``en`` (a word boundary when no clause boundary fits). Returns (kept text, dropped
    text, position)."""
    words = en.split()
    count = len(words)
    low, high = PARTIAL_SHARE
    position = rng.choice(("start", "end"))
    cuts = [c for c in _clause_cuts(words) if low <= c / count <= high]
    if position == "start":
        cuts = [c for c in _clause_cuts(words) if low <= c / count <= high]
    else:
        cuts = [c for c in _clause_cuts(words) if low <= (count - c) / count <= high]
    if cuts:
        cut = rng.choice(cuts)
    else:
        share = rng.uniform(low, high)
        cut = round(share * count) if position == "start" else count - round(share * count)
    if position == "start":
        dropped, kept = words[:cut], words[cut:]
        kept_text = " ".join(kept)
        kept_text = kept_text[:1].upper() + kept_text[1:]
    else:
        kept, dropped = words[:cut], words[cut:]
        kept_text = " ".join(kept).rstrip(",;:-") + "."
    return kept_text, " ".join(dropped), position


def change_number(en: str, rng: random.Random) -> tuple[str, str, str]:
    """Replace one number of ``en`` by another value written the same way (digits or a word).
    Returns (new text, old token, new token)."""
    match = rng.choice(_number_tokens(en))
    old = match.group(0)
    if match.group(1):
        value = int(old.replace(",", ""))
        new_value = value + rng.choice((1, 2, 3, 5, 10)) * rng.choice((1, -1))
        if new_value < 3 or new_value == value:
            new_value = value + 7
        new = f"{new_value:,}" if "," in old else str(new_value)
    else:
        value = _NUMBER_WORDS[old.lower()]
        choices = [w for w, v in _NUMBER_WORDS.items() if v != value and (v < 20) == (value < 20)]
        new = rng.choice(choices)
        new = new.capitalize() if old[:1].isupper() else new
    return en[: match.start()] + new + en[match.end() :], old, new


def change_name(en: str, rng: random.Random, ar: str | None = None) -> tuple[str, str, str]:
    """Replace every occurrence of one name of ``en`` (one whose Arabic form is in ``ar`` when
    given) by a name from :data:`REPLACEMENT_NAMES`. Returns (new text, old name, new name)."""
    old = rng.choice(_name_tokens(en, ar)).group(0)
    new = rng.choice([n for n in REPLACEMENT_NAMES if n not in en])
    return re.sub(r"\b" + re.escape(old) + r"\b", new, en), old, new


def flip_negation(en: str, rng: random.Random) -> tuple[str, str]:
    """Remove every negation of ``en`` ("not", "never", "no", "n't"), or when it has none,
    insert "not" after one auxiliary verb. Returns (new text, what was done)."""
    if _NEGATION_RE.search(en):

        def drop(match: re.Match[str]) -> str:
            return match.group(2) if match.group(2) else ""

        flipped = " ".join(_NEGATION_RE.sub(drop, en).split())
        return flipped, "negation removed"
    match = rng.choice(list(_AUXILIARY_RE.finditer(en)))
    flipped = en[: match.end()] + " not" + en[match.end() :]
    return flipped, f"'not' inserted after '{match.group(0)}'"


def split_sentence(en: str, rng: random.Random) -> tuple[str, str]:
    """Cut ``en`` at a clause boundary into two sentences (each at least
    :data:`MIN_SPLIT_PART` words), the first ending with a full stop."""
    words = en.split()
    cuts = [c for c in _clause_cuts(words) if MIN_SPLIT_PART <= c <= len(words) - MIN_SPLIT_PART]
    cut = rng.choice(cuts)
    first = " ".join(words[:cut]).rstrip(",;:-") + "."
    rest = words[cut:]
    if rest and rest[0].lower() in ("and", "but", "then") and len(rest) > 1:
        rest = rest[1:]
    second = " ".join(rest)
    return first, second[:1].upper() + second[1:]
