"""Score an aligner's beads on a simulated document, per operation: moved blocks, spread sentences,
merges, splits, omissions, additions and the beads of summarised sentences (exact ids)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from translate_eval.align.beads import Bead
from translate_eval_bench.planted_counts import KindCounts
from translate_eval_bench.simulate import SimulatedDocument

Ids = tuple[tuple[int, ...], tuple[int, ...]]

#: The bead shape an aligner gives each shape operation: what counts as predicting it.
SHAPES: dict[str, Callable[[Bead], bool]] = {
    "merge": lambda b: len(b.src) >= 2 and len(b.tgt) >= 1,
    "split": lambda b: len(b.src) == 1 and len(b.tgt) >= 2,
    "omission": lambda b: bool(b.src) and not b.tgt,
    "addition": lambda b: not b.src and bool(b.tgt),
}
#: Rows of :func:`operation_counts`, in report order.
SCORED: tuple[str, ...] = (
    "move",
    "move_1_1",
    "spread",
    "merge",
    "split",
    "omission",
    "addition",
    "partial_omission",
)


def _ids(bead: Bead) -> Ids:
    return tuple(bead.src), tuple(bead.tgt)


def spread_links(document: SimulatedDocument, output: Sequence[Bead]) -> tuple[int, int]:
    """(spread sentences whose output bead links both English parts, spread sentences): the
    bead holding the source sentence must hold both target ids (other ids may come with
    them). O(beads)."""
    bead_of_source = {i: set(b.tgt) for b in output for i in b.src}
    spreads = document.of_kind("spread")
    linked = sum(set(op.bead.tgt) <= bead_of_source.get(op.bead.src[0], set()) for op in spreads)
    return linked, len(spreads)


def operation_counts(document: SimulatedDocument, output: Sequence[Bead]) -> dict[str, KindCounts]:
    """Per operation (:data:`SCORED`), gold / found / predicted / correct over exact beads:

    * ``move``: gold beads flagged moved; found when the output has a bead with the same ids
      flagged moved; predicted: output beads flagged moved, except the exact bead of a spread
      sentence (which the aligner flags, and the ``spread`` row scores); correct: the same ids
      as a moved gold bead, and flagged;
    * ``merge``, ``split``, ``omission``, ``addition``: found when the output has the
      operation's gold bead; predicted: output beads of the operation's shape (:data:`SHAPES`)
      that are not an untouched gold bead (the translator's own n-m beads) nor the gold bead
      of another operation; correct: a gold bead of the operation;
    * ``spread``: found when the output has the exact bead (a source sentence and its two
      distant parts); predicted: output beads whose English ids are not contiguous;
    * ``partial_omission``: found when the output has the summarised sentence's bead (its
      label is the scorer's, not the aligner's: no prediction counted).

    O(beads + operations)."""
    produced = {_ids(b): b for b in output}
    gold_ids = {_ids(b) for b in document.gold}
    by_kind: dict[str, set[Ids]] = {kind: set() for kind in SCORED}
    for op in document.operations:
        by_kind[op.kind].add(_ids(op.bead))
    edited = set().union(*by_kind.values())
    counts: dict[str, KindCounts] = {}
    moved_gold = {_ids(b) for b in document.gold if b.moved}
    # the aligner flags a spread bead moved (part of its English stands elsewhere); the exact
    # bead of a spread sentence is scored in the spread row, not as a moved block
    moved_out = [b for b in output if b.moved and _ids(b) not in by_kind["spread"]]
    counts["move"] = KindCounts(
        gold=len(moved_gold),
        found=sum(ids in produced and produced[ids].moved for ids in moved_gold),
        predicted=len(moved_out),
        correct=sum(_ids(b) in moved_gold for b in moved_out),
    )
    one_to_one = {ids for ids in moved_gold if len(ids[0]) == len(ids[1]) == 1}
    moved_pairs = [b for b in moved_out if len(b.src) == len(b.tgt) == 1]
    counts["move_1_1"] = KindCounts(
        gold=len(one_to_one),
        found=sum(ids in produced and produced[ids].moved for ids in one_to_one),
        predicted=len(moved_pairs),
        correct=sum(_ids(b) in one_to_one for b in moved_pairs),
    )
    for kind, shape in SHAPES.items():
        wanted = by_kind[kind]
        claimed = [
            _ids(b)
            for b in output
            if shape(b) and _ids(b) not in (gold_ids - edited) and _ids(b) not in edited - wanted
        ]
        counts[kind] = KindCounts(
            gold=len(wanted),
            found=sum(ids in produced for ids in wanted),
            predicted=len(claimed),
            correct=sum(ids in wanted for ids in claimed),
        )
    spread = by_kind["spread"]
    gapped = [_ids(b) for b in output if b.tgt and max(b.tgt) - min(b.tgt) + 1 != len(b.tgt)]
    counts["spread"] = KindCounts(
        gold=len(spread),
        found=sum(ids in produced for ids in spread),
        predicted=len(gapped),
        correct=sum(ids in spread for ids in gapped),
    )
    partial = by_kind["partial_omission"]
    counts["partial_omission"] = KindCounts(
        gold=len(partial), found=sum(ids in produced for ids in partial)
    )
    return {kind: counts[kind] for kind in SCORED}


def moved_errors(document: SimulatedDocument, output: Sequence[Bead]) -> Counter[str]:
    """What the output's beads flagged moved are, against the gold: ``right`` (a moved gold
    bead), ``a spread sentence's bead`` (its exact bead), ``right ids, gold not moved``,
    ``part of a moved N-M gold bead`` (the bead of its first source sentence is moved and has
    other ids: a moved bead found in part), ``wrong ids`` otherwise. O(beads)."""
    gold = {_ids(b): b for b in document.gold}
    of_source = {i: b for b in document.gold for i in b.src}
    spread = {_ids(op.bead) for op in document.of_kind("spread")}
    found: Counter[str] = Counter()
    for bead in (b for b in output if b.moved):
        match = gold.get(_ids(bead))
        if _ids(bead) in spread:
            found["a spread sentence's bead"] += 1
            continue
        if match is not None:
            found["right" if match.moved else "right ids, gold not moved"] += 1
            continue
        holder = of_source.get(bead.src[0]) if bead.src else None
        if holder is not None and holder.moved:
            found[f"part of a moved {holder.link} gold bead"] += 1
        else:
            found["wrong ids"] += 1
    return found
