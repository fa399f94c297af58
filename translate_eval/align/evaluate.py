"""Strict and lax precision / recall / F1 of sentence alignments against gold beads.

Definitions follow Vecalign's scorer (Thompson and Koehn 2019, after Sennrich and Volk 2011):

* Precision is counted over the distinct non-empty *test* beads, deletions (1-0 / 0-1) included.
  A test bead is a strict hit when the identical bead (same source ids, same target ids) is in
  the gold; otherwise it is a lax hit when one of its target ids is linked, in the gold, to one
  of its source ids (a deletion bead is therefore only ever a strict hit or a miss).
* Recall is precision with the roles swapped and deletions left out on both sides: over the
  gold beads that have both sides, strict when the test holds the identical bead, lax when one
  of the gold bead's target ids is linked, in the test, to one of its source ids.
* Counts are summed over all documents before dividing (corpus level); F1 is the harmonic mean;
  a ratio with a zero denominator is 0.0.

Time: O(sum of bead sizes) per document, using hash sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from translate_eval.align.beads import Bead

Link = tuple[tuple[int, ...], tuple[int, ...]]


def _links(beads: Iterable[Bead], with_deletions: bool) -> set[Link]:
    """Distinct (src, tgt) id tuples, ignoring beads empty on both sides and, unless
    ``with_deletions``, beads empty on one side."""
    links: set[Link] = set()
    for bead in beads:
        has_src, has_tgt = bool(bead.src), bool(bead.tgt)
        if (has_src and has_tgt) or (with_deletions and (has_src or has_tgt)):
            links.add((tuple(bead.src), tuple(bead.tgt)))
    return links


def _hit_counts(reference: set[Link], hypothesis: set[Link]) -> tuple[int, int, int]:
    """Return (number of hypothesis links, strict hits, lax hits) of ``hypothesis`` against
    ``reference``; a strict hit is also a lax hit."""
    targets_of_source: dict[int, set[int]] = {}
    for src, tgt in reference:
        for src_id in src:
            targets_of_source.setdefault(src_id, set()).update(tgt)
    strict = lax = 0
    for link in hypothesis:
        if link in reference:
            strict += 1
            lax += 1
            continue
        src, tgt = link
        linked = set()
        for src_id in src:
            linked |= targets_of_source.get(src_id, set())
        if linked.intersection(tgt):
            lax += 1
    return len(hypothesis), strict, lax


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def score_alignments(
    gold: Sequence[Sequence[Bead]], test: Sequence[Sequence[Bead]]
) -> dict[str, float]:
    """Corpus-level strict and lax precision, recall and F1 of ``test`` against ``gold``.

    ``gold[k]`` and ``test[k]`` are the beads of document ``k``. Returns a dict with keys
    ``strict_precision``, ``strict_recall``, ``strict_f1``, ``lax_precision``, ``lax_recall``,
    ``lax_f1`` (see the module docstring for the definitions).
    """
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} gold documents but {len(test)} test documents")
    p_total = p_strict = p_lax = 0
    r_total = r_strict = r_lax = 0
    for gold_beads, test_beads in zip(gold, test, strict=True):
        total, strict, lax = _hit_counts(
            _links(gold_beads, with_deletions=True), _links(test_beads, with_deletions=True)
        )
        p_total, p_strict, p_lax = p_total + total, p_strict + strict, p_lax + lax
        total, strict, lax = _hit_counts(
            _links(test_beads, with_deletions=False), _links(gold_beads, with_deletions=False)
        )
        r_total, r_strict, r_lax = r_total + total, r_strict + strict, r_lax + lax
    strict_precision, lax_precision = _ratio(p_strict, p_total), _ratio(p_lax, p_total)
    strict_recall, lax_recall = _ratio(r_strict, r_total), _ratio(r_lax, r_total)
    return {
        "strict_precision": strict_precision,
        "strict_recall": strict_recall,
        "strict_f1": _f1(strict_precision, strict_recall),
        "lax_precision": lax_precision,
        "lax_recall": lax_recall,
        "lax_f1": _f1(lax_precision, lax_recall),
    }
