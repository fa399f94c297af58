"""Planting of editorial edits (deletion, insertion, merge, split, move) into verse-aligned
text with their gold beads, and the per-kind counts of an aligner's beads against them, for the
aligner robustness benchmark (``benchmarks/align_robustness.py``)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_eval.align.beads import Bead
from translate_eval_bench.edits import eligible, split_sentence

KINDS: tuple[str, ...] = ("deletion", "insertion", "merge", "split", "move")


@dataclass(frozen=True)
class GoldBead:
    """One gold bead of a planted pair: source ids, target ids, and the edit that made it
    (``keep`` for an unedited verse)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    kind: str


@dataclass
class PlantedPair:
    """A document pair with planted edits: source sentences (all kept), edited target
    sentences, and the gold beads (each sentence of either side in exactly one)."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[GoldBead] = field(default_factory=list)

    def gold_beads(self) -> list[Bead]:
        """Gold as :class:`Bead` (moved ones flagged)."""
        return [Bead(g.src, g.tgt, 1.0, moved=g.kind == "move") for g in self.gold]


@dataclass
class _Item:
    src: tuple[int, ...]
    en: list[str]
    kind: str = "keep"


def _pick_spaced(
    rng: random.Random, candidates: Sequence[int], count: int, taken: set[int], width: int = 1
) -> list[int]:
    """Up to ``count`` positions from ``candidates`` whose ``width`` verses, and one verse on
    either side, are not in ``taken``; marks them taken."""
    chosen = []
    pool = list(candidates)
    rng.shuffle(pool)
    for position in pool:
        if len(chosen) == count:
            break
        span = range(position - 1, position + width + 1)
        if any(p in taken for p in span):
            continue
        chosen.append(position)
        taken.update(range(position, position + width))
    return chosen


def _edited_items(
    english: Sequence[str],
    merges: Sequence[int],
    splits: Sequence[int],
    deletions: Sequence[int],
    moves: Sequence[int],
    rng: random.Random,
) -> list[_Item]:
    """The document's units in order, each with its English as edited (merged, split, dropped,
    to be moved, or kept). O(len(english))."""
    n = len(english)
    items: list[_Item] = []
    i = 0
    while i < n:
        if i in merges:
            items.append(_Item((i, i + 1), [f"{english[i]} {english[i + 1]}"], "merge"))
            i += 2
            continue
        if i in splits:
            items.append(_Item((i,), list(split_sentence(english[i], rng)), "split"))
        elif i in deletions:
            items.append(_Item((i,), [], "deletion"))
        elif i in moves:
            items.append(_Item((i,), [english[i]], "move"))
        else:
            items.append(_Item((i,), [english[i]]))
        i += 1
    return items


def _move_items(
    items: list[_Item], moves: Sequence[int], move_range: tuple[int, int], rng: random.Random
) -> None:
    """Take the English of each verse of ``moves`` out and put it back ``move_range``
    positions away (in place). O(len(items) * len(moves))."""
    for verse in moves:
        index = next(k for k, item in enumerate(items) if item.src == (verse,))
        item = items.pop(index)
        distance = rng.randint(*move_range) * rng.choice((-1, 1))
        target = index + distance
        if not 0 <= target <= len(items):
            target = index - distance
        items.insert(max(0, min(len(items), target)), item)


def plant(
    name: str,
    arabic: Sequence[str],
    english: Sequence[str],
    donors: Sequence[str],
    seed: int,
    per_kind: int = 2,
    move_range: tuple[int, int] = (3, 8),
) -> PlantedPair:
    """Plant ``per_kind`` edits of each kind of :data:`KINDS` into the English of a
    verse-aligned document (``arabic[i]`` translates as ``english[i]``), reproducibly from
    ``seed``; ``donors`` are unrelated English sentences for insertions. Fewer edits of a kind
    are planted when the document has too few eligible, well-spaced verses. O(len(arabic)).
    """
    if len(arabic) != len(english):
        raise ValueError("arabic and english must have one entry per verse")
    rng = random.Random(f"{seed}:{name}")
    n = len(arabic)
    taken: set[int] = set()
    splits = _pick_spaced(
        rng, [i for i in range(n) if eligible("split", arabic[i], english[i])], per_kind, taken
    )
    merges = _pick_spaced(rng, range(n - 1), per_kind, taken, width=2)
    deletions = _pick_spaced(rng, range(n), per_kind, taken)
    moves = _pick_spaced(rng, range(n), per_kind, taken)
    items = _edited_items(english, merges, splits, deletions, moves, rng)
    _move_items(items, moves, move_range, rng)
    slots = rng.sample(range(len(items) + 1), min(per_kind, len(items) + 1))
    for slot in sorted(slots, reverse=True):
        items.insert(slot, _Item((), [rng.choice(list(donors))], "insertion"))
    # target ids follow the items' order; the moved English stands where it was put
    pair = PlantedPair(name, list(arabic), [])
    for item in items:
        first = len(pair.tgt)
        pair.tgt.extend(item.en)
        pair.gold.append(GoldBead(item.src, tuple(range(first, len(pair.tgt))), item.kind))
    return pair


def _predicted(kind: str, bead: Bead) -> bool:
    a, b = len(bead.src), len(bead.tgt)
    if kind == "deletion":
        return a >= 1 and b == 0
    if kind == "insertion":
        return a == 0 and b >= 1
    if kind == "merge":
        return a >= 2 and b >= 1
    if kind == "split":
        return a >= 1 and b >= 2
    if kind == "move":
        return bead.moved
    raise ValueError(kind)


def kind_counts(pair: PlantedPair, beads: Sequence[Bead]) -> dict[str, list[int]]:
    """``kind -> [found, predicted, planted]`` for each of :data:`KINDS`, plus
    ``move aligned`` (the moved bead present, flagged or not)."""
    output = {(b.src, b.tgt): b for b in beads}
    counts: dict[str, list[int]] = {}
    for kind in KINDS:
        gold = [g for g in pair.gold if g.kind == kind]
        found = 0
        for g in gold:
            bead = output.get((g.src, g.tgt))
            if bead is not None and (kind != "move" or bead.moved):
                found += 1
        predicted = sum(_predicted(kind, b) for b in beads)
        counts[kind] = [found, predicted, len(gold)]
    moves = [g for g in pair.gold if g.kind == "move"]
    aligned = sum((g.src, g.tgt) in output for g in moves)
    counts["move aligned"] = [aligned, aligned, len(moves)]
    return counts
