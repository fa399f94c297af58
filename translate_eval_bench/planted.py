"""Plant editorial edits, reproducibly by seed, into sentence-aligned parallel text, with gold.

Start from units that translate each other one to one (Quran verses, hadiths, a gold-aligned
document) and edit the English the way an editor would: drop a sentence (omission), insert one
from elsewhere (addition), cut a clause (partial_omission), change a number, swap a name, flip a
negation, join two sentences (merge) or cut one in two (split). The result is a document pair and
the gold list of what was planted, in the same form as a pair's ``edits.tsv`` rows (kind, ar, en,
note) and as gold beads (sentence ids on each side).

Which units can carry each kind, and the rewrites of the English, are
:mod:`translate_eval_bench.edits`; counting what a run found is
:mod:`translate_eval_bench.planted_counts`. Everything depends on ``random.Random(seed)`` alone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_eval.documents import Pair, pair_from_texts
from translate_eval_bench.edits import (
    PLANTED_KINDS,
    change_name,
    change_number,
    cut_partial,
    eligible,
    flip_negation,
    split_sentence,
)


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
