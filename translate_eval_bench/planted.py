"""Plant editorial edits, reproducibly by seed, into sentence-aligned parallel text, with gold.

Start from units that translate each other one to one (Quran verses, hadiths, a gold-aligned
document) and edit the English the way an editor would: drop a sentence (omission), insert one
from elsewhere (addition), cut a clause (partial_omission), change a number, swap a name, flip a
negation, join two sentences (merge) or cut one in two (split). The result is a document pair and
the gold list of what was planted, in the same form as a pair's ``edits.tsv`` rows (kind, ar, en,
note) and as gold beads (sentence ids on each side).

Eligibility is decided by this module's own small rules (regular expressions and word lists),
not by the checks that detect the edits, so that the benchmark does not only plant what the
detectors already see. Everything depends on ``random.Random(seed)`` alone.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from translate_eval.documents import Pair, pair_from_texts
from translate_eval.text.arabic import strip_diacritics

#: The edit kinds this module plants, in benchmark order (edit labels, then flags).
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


@dataclass(frozen=True)
class PlantedEdit:
    """One planted edit: its kind, the gold bead (sentence ids in the planted document) and an
    ``edits.tsv``-style quote of each side with a note saying what was done."""

    kind: str
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    ar: str
    en: str
    note: str
    position: str = ""  # partial omissions: where the English was cut (start / middle / end)

    def tsv_row(self) -> dict[str, str]:
        """The edit as an ``edits.tsv`` row (kind, ar, en, note)."""
        return {"kind": self.kind, "ar": self.ar, "en": self.en, "note": self.note}


@dataclass
class PlantedDocument:
    """A planted document pair: one Arabic and one English sentence per list item, the edits,
    the ``refs`` of the units it was built from (in Arabic order) and the gold alignment
    (``gold_beads``: source ids, English ids of every bead, in order)."""

    name: str
    ar: list[str]
    en: list[str]
    edits: list[PlantedEdit]
    refs: list[str] = field(default_factory=list)
    gold_beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)

    def gold_rows(self) -> list[dict[str, str]]:
        """The edits as ``edits.tsv`` rows, usable with
        :func:`translate_eval_bench.gold.edit_recovery`."""
        return [edit.tsv_row() for edit in self.edits]

    def to_pair(self) -> Pair:
        """A presegmented :class:`~translate_eval.documents.Pair` with the gold rows attached."""
        pair = pair_from_texts(list(self.ar), list(self.en), name=self.name)
        pair.gold_edits = self.gold_rows()
        return pair


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


# ------------------------------------------------------------------------------- planting


def _choose_positions(
    count: int,
    kinds: Sequence[str],
    units: Sequence[tuple[str, str]],
    rng: random.Random,
    spacing: int,
) -> dict[int, str]:
    """One unit index per kind, eligible for it, at least ``spacing`` units from the others
    (a merge takes two units). Kinds with no eligible free unit are left out. O(kinds * count)."""
    taken: set[int] = set()
    chosen: dict[int, str] = {}
    order = sorted(kinds, key=lambda k: sum(eligible(k, *u) for u in units))  # rarest first
    for kind in order:
        width = 2 if kind == "merge" else 1
        free = [
            i
            for i in range(count - width + 1)
            if all(eligible(kind, *units[j]) for j in range(i, i + width))
            and all(abs(i + d - t) > spacing for t in taken for d in range(width))
        ]
        if not free:
            continue
        index = rng.choice(free)
        chosen[index] = kind
        taken.update(range(index, index + width))
    return chosen


@dataclass(frozen=True)
class _Planted:
    """One planted edit: the English sentences that replace the unit's, the edit, its beads."""

    english: list[str]
    edit: PlantedEdit
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]]


def _rewrite(kind: str, english: str, source: str, rng: random.Random) -> tuple[str, str]:
    """The English of a unit with a number changed, a name swapped or a negation flipped, and
    the note that says what was done."""
    if kind == "numbers_differ":
        changed, old, new = change_number(english, rng)
        return changed, f"{old} -> {new}"
    if kind == "names_differ":
        changed, old, new = change_name(english, rng, source)
        return changed, f"{old} -> {new}"
    return flip_negation(english, rng)


def _plant_one(
    kind: str,
    index: int,
    j: int,
    source: str,
    english: str,
    following: str,
    rng: random.Random,
    fillers: Sequence[str],
) -> _Planted:
    """Plant ``kind`` at unit ``index`` (Arabic ``source``, English ``english``) whose first
    English sentence will be sentence ``j``; ``following`` is the next unit's English (a
    merge joins it). O(len(english))."""
    if kind == "omission":
        edit = PlantedEdit(kind, (index,), (), source, "", "English sentence dropped")
        return _Planted([], edit, [((index,), ())])
    if kind == "addition":
        filler = rng.choice(list(fillers))
        edit = PlantedEdit(kind, (), (j,), "", filler, "English sentence inserted")
        return _Planted([filler, english], edit, [((), (j,)), ((index,), (j + 1,))])
    if kind == "partial_omission":
        kept, dropped, position = cut_partial(english, rng)
        note = f"dropped at the {position}: {dropped}"
        edit = PlantedEdit(kind, (index,), (j,), source, kept, note, position)
        return _Planted([kept], edit, [((index,), (j,))])
    if kind == "merge":
        merged = english.rstrip() + " " + following
        edit = PlantedEdit(kind, (index, index + 1), (j,), source, merged, "two sentences joined")
        return _Planted([merged], edit, [((index, index + 1), (j,))])
    if kind == "split":
        first, second = split_sentence(english, rng)
        edit = PlantedEdit(kind, (index,), (j, j + 1), source, first, "one sentence cut in two")
        return _Planted([first, second], edit, [((index,), (j, j + 1))])
    changed, note = _rewrite(kind, english, source, rng)
    edit = PlantedEdit(kind, (index,), (j,), source, changed, note)
    return _Planted([changed], edit, [((index,), (j,))])


def plant_edits(
    units: Sequence[tuple[str, str]],
    *,
    seed: int,
    kinds: Sequence[str] = PLANTED_KINDS,
    fillers: Sequence[str] = (),
    name: str = "planted",
    refs: Sequence[str] = (),
    spacing: int = 1,
) -> PlantedDocument:
    """Plant one edit of each of ``kinds`` into aligned ``units`` (Arabic, English) pairs.

    ``fillers``: English sentences from elsewhere, inserted as additions (required for the
    ``addition`` kind). ``spacing``: fewest untouched units between two edits. A kind with
    no eligible unit is skipped. The Arabic is never changed; sentence ``i`` of the output
    Arabic is ``units[i]``. Deterministic for a given seed. O(kinds * len(units)).
    """
    rng = random.Random(seed)
    for kind in kinds:
        if kind not in PLANTED_KINDS:
            choices = ", ".join(PLANTED_KINDS)
            raise ValueError(f"unknown planted kind {kind!r}; choose from {choices}")
    wanted = [k for k in kinds if k != "addition" or fillers]
    positions = _choose_positions(len(units), wanted, units, rng, spacing)
    ar = [a for a, _ in units]
    en: list[str] = []
    edits: list[PlantedEdit] = []
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    skip_next = False
    for index, (source, english) in enumerate(units):
        if skip_next:
            skip_next = False
            continue
        kind = positions.get(index)
        j = len(en)
        if kind is None:
            en.append(english)
            beads.append(((index,), (j,)))
            continue
        following = units[index + 1][1] if kind == "merge" else ""
        planted = _plant_one(kind, index, j, source, english, following, rng, fillers)
        en.extend(planted.english)
        edits.append(planted.edit)
        beads.extend(planted.beads)
        skip_next = kind == "merge"
    return PlantedDocument(name=name, ar=ar, en=en, edits=edits, refs=list(refs), gold_beads=beads)


def planted_documents(
    units: Sequence[tuple[str, str]],
    *,
    count: int,
    size: int,
    seed: int,
    kinds: Sequence[str] = PLANTED_KINDS,
    refs: Sequence[str] = (),
    name: str = "planted",
) -> list[PlantedDocument]:
    """``count`` planted documents of ``size`` consecutive units each from ``units``.

    Windows start at random offsets (by ``seed``); a kind with no eligible unit in a window
    gets one: an eligible unit from elsewhere in ``units`` replaces a unit of the window.
    Additions are English sentences of units outside the window. O(count * size * kinds) plus
    one eligibility pass over ``units``.
    """
    if len(units) < size + 2:
        raise ValueError(f"need more than {size + 2} units to plant documents of {size}")
    rng = random.Random(seed)
    pools = {kind: [i for i, u in enumerate(units) if eligible(kind, *u)] for kind in kinds}
    documents = []
    for number in range(count):
        start = rng.randrange(0, len(units) - size + 1)
        window = list(range(start, start + size))
        for kind in kinds:
            if kind in ("addition", "merge") or any(eligible(kind, *units[i]) for i in window):
                continue
            outside = [i for i in pools[kind] if i not in window]
            if outside:
                slot = rng.randrange(1, size - 1)
                window[slot] = rng.choice(outside)
        outside_all = [i for i in range(len(units)) if not start <= i < start + size]
        fillers = [units[i][1] for i in rng.sample(outside_all, min(20, len(outside_all)))]
        document = plant_edits(
            [units[i] for i in window],
            seed=rng.randrange(2**31),
            kinds=kinds,
            fillers=fillers,
            name=f"{name}-{number:03d}",
            refs=[refs[i] for i in window] if refs else [str(i) for i in window],
        )
        documents.append(document)
    return documents


# ------------------------------------------------------------------------------- evaluation


def bead_ids(value: object) -> tuple[int, ...]:
    """Sentence ids of a ``src_ids`` / ``tgt_ids`` cell: a tuple, or a string like ``"3 4"``."""
    if isinstance(value, str):
        return tuple(int(part) for part in value.replace(",", " ").split())
    if isinstance(value, Sequence):
        return tuple(int(part) for part in value)
    return ()


def _bead_kinds(edit: object, flags: object) -> set[str]:
    kinds = {str(edit)}
    if isinstance(flags, str):
        kinds.update(flag for flag in flags.split(";") if flag)
    return kinds


@dataclass
class KindCounts:
    """Gold, found (recall numerator), predicted and correct (precision numerator) of a kind."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: KindCounts) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if p != p or r != r or p + r == 0:
            return float("nan") if p != p or r != r else 0.0
        return 2 * p * r / (p + r)


def bootstrap_f1(
    per_document: Sequence[KindCounts],
    *,
    samples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    groups: Sequence[object] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the pooled F1 of one kind, resampling documents.

    ``per_document``: the kind's counts in each planted document. Each of ``samples``
    resamples draws as many documents with replacement and pools their counts; the interval
    holds the central ``level`` of the resampled F1s (resamples with no gold or no prediction
    are left out). The documents are the unit of sampling because the edits of one document
    share its alignment. ``groups`` (one label per document, e.g. the sura a window of verses
    comes from) makes it a cluster bootstrap: whole groups are drawn, as many as there are,
    because documents of one group are alike and resampling them one by one gives too
    narrow an interval. Deterministic for a seed. O(samples * documents)."""
    if not per_document:
        return float("nan"), float("nan")
    table = np.array(
        [[c.gold, c.found, c.predicted, c.correct] for c in per_document], dtype=np.float64
    )
    if groups is not None:
        if len(groups) != len(table):
            raise ValueError("groups must give one label per document")
        labels = {label: index for index, label in enumerate(dict.fromkeys(groups))}
        pooled = np.zeros((len(labels), table.shape[1]))  # one row per group: its documents
        np.add.at(pooled, [labels[label] for label in groups], table)
        table = pooled
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(table), size=(samples, len(table)))
    gold, found, predicted, correct = table[picks].sum(axis=1).T
    valid = (gold > 0) & (predicted > 0)
    if not valid.any():
        return float("nan"), float("nan")
    precision = correct[valid] / predicted[valid]
    recall = found[valid] / gold[valid]
    total = precision + recall
    f1 = np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1.0), 0.0)
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail])
    return float(low), float(high)


def match_planted(
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], set[str]]],
    edits: Sequence[PlantedEdit],
    kinds: Sequence[str] = PLANTED_KINDS,
) -> dict[str, KindCounts]:
    """Per kind: a gold edit is *found* when a bead carrying its kind shares a sentence with it
    (an Arabic id or an English id); a bead carrying a kind is *correct* when it shares a
    sentence with a gold edit of that kind. ``beads``: (src ids, tgt ids, kinds) per bead.
    O(beads * edits)."""
    counts: dict[str, KindCounts] = {}
    for kind in kinds:
        golds = [e for e in edits if e.kind == kind]
        predicted = [b for b in beads if kind in b[2]]

        def touches(bead: tuple[tuple[int, ...], tuple[int, ...], set[str]], edit: PlantedEdit
                    ) -> bool:  # fmt: skip
            return bool(set(bead[0]) & set(edit.src_ids) or set(bead[1]) & set(edit.tgt_ids))

        counts[kind] = KindCounts(
            gold=len(golds),
            found=sum(any(touches(b, g) for b in predicted) for g in golds),
            predicted=len(predicted),
            correct=sum(any(touches(b, g) for g in golds) for b in predicted),
        )
    return counts


def beads_of_links(links: object) -> list[tuple[tuple[int, ...], tuple[int, ...], set[str]]]:
    """(src ids, tgt ids, edit label + flags) of each row of a links table."""
    frame = links  # a pandas DataFrame with src_ids, tgt_ids, edit, flags
    return [
        (bead_ids(s), bead_ids(t), _bead_kinds(e, f))
        for s, t, e, f in zip(
            frame["src_ids"], frame["tgt_ids"], frame["edit"], frame["flags"], strict=True
        )
    ]
