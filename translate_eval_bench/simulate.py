"""Simulate an editor restructuring a gold-aligned translation: moved paragraphs, a sentence spread
over two distant places, summarised sentences, background added, merges, splits, omissions.

The input is real parallel text with gold beads (an AlignAR document, consecutive Quran verses);
the Arabic is never changed and the English is edited, so the result is a document pair with its
new gold beads and the list of operations performed (each with its gold bead). Operations are
drawn in the proportions of :class:`~translate_eval_bench.simulate_rates.EditRates`; the English
rewrites are those of :mod:`translate_eval_bench.edits` (clause cuts, splits at clause
boundaries). Everything depends on ``random.Random(seed)`` alone.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_eval.align.beads import Bead
from translate_eval_bench.edits import cut_partial, eligible, split_sentence
from translate_eval_bench.simulate_rates import BLOCK_SIZES, OPERATIONS, EditRates

#: A moved block jumps over this many beads more than it holds (inclusive bounds); the second
#: part of a spread sentence lands this many pieces of text from the first.
MOVE_JUMP = (1, 8)
SPREAD_DISTANCE = (3, 8)


@dataclass(frozen=True)
class GoldDocument:
    """A gold-aligned document: sentences per side, gold beads in order, optional MT lines."""

    name: str
    ar: list[str]
    en: list[str]
    gold: list[Bead]
    mt: list[str] | None = None


@dataclass(frozen=True)
class Operation:
    """One simulated operation: its kind (:data:`OPERATIONS`), its gold bead in the edited
    document, and a note (a moved block's number, what a summary dropped)."""

    kind: str
    bead: Bead
    note: str = ""


@dataclass
class SimulatedDocument:
    """An edited document pair: the Arabic and MT of the source, the edited English, where
    each English sentence comes from (``origin``: ids of source English sentences, or
    ``("filler", k)`` for the k-th filler), the new gold beads and the operations."""

    name: str
    ar: list[str]
    en: list[str]
    gold: list[Bead]
    operations: list[Operation]
    origin: list[tuple[object, ...]] = field(default_factory=list)
    mt: list[str] | None = None

    def of_kind(self, kind: str) -> list[Operation]:
        return [op for op in self.operations if op.kind == kind]


@dataclass
class _Piece:
    """A run of English standing in the edited order: the gold bead it belongs to (``key``),
    its sentences and their origins, and whether it was moved."""

    key: int
    sentences: list[str]
    origin: list[tuple[object, ...]]
    moved: bool = False
    tail: bool = False  # the second part of a spread sentence


def window(document: GoldDocument, start: int, size: int, name: str = "") -> GoldDocument:
    """Gold beads ``start .. start + size`` of ``document`` as a document of their own (ids
    from 0 on both sides). Gold beads must be monotone (AlignAR's are). O(size)."""
    beads = document.gold[start : start + size]
    src = sorted(i for b in beads for i in b.src)
    tgt = sorted(j for b in beads for j in b.tgt)
    src_at = {i: k for k, i in enumerate(src)}
    tgt_at = {j: k for k, j in enumerate(tgt)}
    return GoldDocument(
        name or f"{document.name}@{start}",
        [document.ar[i] for i in src],
        [document.en[j] for j in tgt],
        [Bead(tuple(src_at[i] for i in b.src), tuple(tgt_at[j] for j in b.tgt)) for b in beads],
        [document.mt[i] for i in src] if document.mt is not None else None,
    )


def operation_counts(
    rates: EditRates, units: int, rng: random.Random, scale: float = 1.0
) -> dict[str, int]:
    """Operations to perform in a document of ``units`` gold beads: the expected number of
    each (:meth:`EditRates.expected`), its fraction rounded up with that probability."""
    counts = {}
    for operation in OPERATIONS:
        expected = rates.expected(operation, units, scale)
        counts[operation] = math.floor(expected) + (rng.random() < expected - math.floor(expected))
    return counts


def _one_to_one(bead: Bead) -> bool:
    return len(bead.src) == 1 and len(bead.tgt) == 1


def _assign(document: GoldDocument, counts: dict[str, int], rng: random.Random) -> dict[int, str]:
    """Gold bead index -> the content operation it carries (spread, merge (on it and the next),
    split, partial_omission, omission), each bead at most one, drawn in that order (the most
    demanding first). An operation with no eligible bead left is performed fewer times.
    O(ops * beads)."""
    gold, en = document.gold, document.en

    def text(k: int) -> str:
        return " ".join(en[j] for j in gold[k].tgt)

    def fits(kind: str, k: int) -> bool:
        if kind == "omission":
            return bool(gold[k].tgt)
        if kind == "merge":
            return k + 1 < len(gold) and _one_to_one(gold[k]) and _one_to_one(gold[k + 1])
        rule = "partial_omission" if kind == "partial_omission" else "split"
        ar = " ".join(document.ar[i] for i in gold[k].src)
        return _one_to_one(gold[k]) and eligible(rule, ar, text(k))

    chosen: dict[int, str] = {}
    taken: set[int] = set()
    for kind in ("spread", "merge", "split", "partial_omission", "omission"):
        width = 2 if kind == "merge" else 1
        for _ in range(counts.get(kind, 0)):
            free = [
                k
                for k in range(len(gold))
                if not taken & set(range(k, k + width)) and fits(kind, k)
            ]
            if not free:
                break
            k = rng.choice(free)
            chosen[k] = kind
            taken.update(range(k, k + width))
    return chosen


def _pieces(
    document: GoldDocument, chosen: dict[int, str], rng: random.Random
) -> tuple[list[_Piece], dict[int, tuple[int, ...]], dict[int, str]]:
    """The English in source order as pieces, the source ids of each piece key and the notes
    of the summarised sentences. Spread tails follow their heads (placed later)."""
    pieces: list[_Piece] = []
    sources: dict[int, tuple[int, ...]] = {}
    notes: dict[int, str] = {}
    gold, en = document.gold, document.en
    k = 0
    while k < len(gold):
        kind, bead = chosen.get(k), gold[k]
        sources[k] = bead.src
        origin: list[tuple[object, ...]] = [(j,) for j in bead.tgt]
        sentences = [en[j] for j in bead.tgt]
        if kind == "omission":
            pieces.append(_Piece(k, [], []))
        elif kind == "merge":
            following = gold[k + 1]
            sources[k] = bead.src + following.src
            merged = sentences[0].rstrip() + " " + en[following.tgt[0]]
            pieces.append(_Piece(k, [merged], [(bead.tgt[0], following.tgt[0])]))
            k += 1
        elif kind == "partial_omission":
            kept, dropped, position = cut_partial(sentences[0], rng)
            notes[k] = f"dropped at the {position}: {dropped}"
            pieces.append(_Piece(k, [kept], origin))
        elif kind in ("split", "spread"):
            first, second = split_sentence(sentences[0], rng)
            pieces.append(_Piece(k, [first], origin))
            pieces.append(_Piece(k, [second], origin, tail=kind == "spread"))
        else:
            pieces.append(_Piece(k, sentences, origin))
        k += 1
    return pieces, sources, notes


def _block_at(pieces: list[_Piece], start: int, beads: int, fixed: set[int]) -> int:
    """How many pieces from ``start`` make a block of ``beads`` whole beads that can move
    (all hold English, none is moved already or belongs to a bead in ``fixed``: the spread
    sentences), or 0 when there is none. A block never cuts a bead's pieces (a split
    sentence) apart. O(beads)."""
    if start > 0 and pieces[start - 1].key == pieces[start].key:
        return 0
    keys: list[int] = []
    end = start
    while end < len(pieces) and (len(keys) < beads or pieces[end].key == keys[-1]):
        if not keys or pieces[end].key != keys[-1]:
            keys.append(pieces[end].key)
        end += 1
    block = pieces[start:end]
    if len(keys) < beads or not all(
        p.sentences and not p.moved and p.key not in fixed for p in block
    ):
        return 0
    return end - start


def _jump_places(rest: list[_Piece], start: int, block: list[_Piece]) -> list[int]:
    """Gaps of ``rest`` (the pieces without ``block``, which stood at ``start``) the block may
    move to: past more beads and more sentences than it holds itself (so the block, not what
    it jumps over, is what moved) and at most :data:`MOVE_JUMP` beads further, over no moved
    piece, at a :func:`_free_gap`. O(pieces * jump)."""
    beads, sentences = len({p.key for p in block}), sum(len(p.sentences) for p in block)
    places = []
    for place in range(len(rest) + 1):
        between = rest[min(place, start) : max(place, start)]
        over = {p.key for p in between if p.sentences}
        words = sum(len(p.sentences) for p in between)
        if (
            beads + MOVE_JUMP[0] <= len(over) <= beads + MOVE_JUMP[1]
            and words > sentences
            and not any(p.moved for p in between)
            and _free_gap(rest, place)
        ):
            places.append(place)
    return places


def _move_blocks(pieces: list[_Piece], blocks: int, rng: random.Random) -> list[_Piece]:
    """Move ``blocks`` runs of 2-5 beads (:data:`BLOCK_SIZES`) past more than their own
    length (:func:`_jump_places`), forwards or backwards, never into or next to another moved
    block, nor out of the beads an earlier block jumped over (so every block stays past more
    than it holds). A block that finds no place is not moved. O(blocks * pieces * jump)."""
    fixed = {p.key for p in pieces if p.tail}
    for _ in range(blocks):
        beads = rng.randint(*BLOCK_SIZES)
        starts = [s for s in range(len(pieces)) if _block_at(pieces, s, beads, fixed)]
        rng.shuffle(starts)
        for start in starts:
            length = _block_at(pieces, start, beads, fixed)
            rest = pieces[:start] + pieces[start + length :]
            places = _jump_places(rest, start, pieces[start : start + length])
            if not places:
                continue
            place = rng.choice(places)
            block = [
                _Piece(p.key, p.sentences, p.origin, True, p.tail)
                for p in pieces[start : start + length]
            ]
            # what the block jumps over stays where it is: a later block taken from it would
            # leave this one past fewer beads than it holds, and the other reading the shorter
            fixed.update(p.key for p in rest[min(place, start) : max(place, start)])
            pieces = rest[:place] + block + rest[place:]
            break
    return pieces


def _free_gap(pieces: list[_Piece], place: int) -> bool:
    """Whether inserting at ``place`` keeps clear of moved pieces and of a bead's pieces."""
    before = pieces[place - 1] if place > 0 else None
    after = pieces[place] if place < len(pieces) else None
    if any(p is not None and p.moved for p in (before, after)):
        return False
    return before is None or after is None or before.key != after.key


def _place_tails(pieces: list[_Piece], rng: random.Random) -> list[_Piece]:
    """Carry the second part of each spread sentence :data:`SPREAD_DISTANCE` pieces away from
    its first part, forwards or backwards. O(spreads * pieces)."""
    for tail in [p for p in pieces if p.tail]:
        index = next(k for k, p in enumerate(pieces) if p is tail)
        rest = pieces[:index] + pieces[index + 1 :]
        head = index - 1  # the tail follows its head until it is carried away
        places = [
            place
            for distance in range(SPREAD_DISTANCE[0], SPREAD_DISTANCE[1] + 1)
            for place in (head + 1 + distance, head - distance)
            if 0 <= place <= len(rest) and _free_gap(rest, place)
        ]
        if places:
            place = rng.choice(places)
            pieces = [*rest[:place], tail, *rest[place:]]
    return pieces


def _add_fillers(
    pieces: list[_Piece], count: int, fillers: Sequence[str], rng: random.Random
) -> list[_Piece]:
    """Insert ``count`` filler sentences (background from another document) at gaps between
    beads, each its own 0-1 bead (negative keys). O(count * pieces)."""
    picks = rng.sample(range(len(fillers)), min(count, len(fillers)))
    for number, pick in enumerate(picks):
        gaps = [g for g in range(len(pieces) + 1) if _free_gap(pieces, g)]
        place = rng.choice(gaps)
        filler = _Piece(-1 - number, [fillers[pick]], [("filler", pick)])
        pieces = [*pieces[:place], filler, *pieces[place:]]
    return pieces


def simulate(
    document: GoldDocument,
    rates: EditRates,
    *,
    seed: int,
    fillers: Sequence[str] = (),
    scale: float = 1.0,
) -> SimulatedDocument:
    """Edit the English of ``document`` with operations drawn from ``rates`` (times
    ``scale``): content operations on distinct gold beads, then moved blocks, spread tails
    carried away and ``fillers`` (English from another document) added. Returns the edited
    pair with its gold beads (in English order; omitted beads where their English stood) and
    the operations. Deterministic for a seed. O(operations * beads)."""
    rng = random.Random(seed)
    counts = operation_counts(rates, len(document.gold), rng, scale)
    chosen = _assign(document, counts, rng)
    pieces, sources, notes = _pieces(document, chosen, rng)
    pieces = _move_blocks(pieces, counts["move"], rng)
    pieces = _place_tails(pieces, rng)
    pieces = _add_fillers(pieces, counts["addition"] if fillers else 0, fillers, rng)
    en: list[str] = []
    origin: list[tuple[object, ...]] = []
    ids: dict[int, list[int]] = {}
    moved: dict[int, bool] = {}
    for piece in pieces:
        ids.setdefault(piece.key, []).extend(range(len(en), len(en) + len(piece.sentences)))
        moved[piece.key] = moved.get(piece.key, False) or piece.moved
        en.extend(piece.sentences)
        origin.extend(piece.origin)
    gold: list[Bead] = []
    operations: list[Operation] = []
    block_of = _block_numbers(pieces)
    for key, tgt in ids.items():
        bead = Bead(sources.get(key, ()), tuple(tgt), 1.0, moved[key])
        gold.append(bead)
        kind = "addition" if key < 0 else chosen.get(key)
        if kind is not None:
            operations.append(Operation(kind, bead, notes.get(key, "")))
        if moved[key]:
            operations.append(Operation("move", bead, f"block {block_of[key]}"))
    return SimulatedDocument(
        document.name, list(document.ar), en, gold, operations, origin, document.mt
    )


def _block_numbers(pieces: list[_Piece]) -> dict[int, int]:
    """Piece key -> the number (from 1, in English order) of the moved block it stands in."""
    numbers: dict[int, int] = {}
    block = 0
    previous = False
    for piece in pieces:
        if piece.moved and not previous:
            block += 1
        if piece.moved:
            numbers.setdefault(piece.key, block)
        previous = piece.moved
    return numbers
