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

Hand-made gold alignments can be inconsistent with their texts: a sentence listed in two beads,
another in none, typically because a line was duplicated or removed after the gold was made,
which shifts the gold's numbering between the two places. :func:`check_gold` finds such ids
and :func:`outside_suspect_spans` scores without the beads that touch them (reported next to,
never instead of, the plain scores). :func:`score_alignment_files` does all of this for bead
files and folders of them (``translate-eval score-alignment``).

Time: O(sum of bead sizes) per document, using hash sets (the gold check also sorts the ids).
Nothing is sized by the largest id; bead files with ids beyond
:data:`~translate_eval.align.beads.MAX_SENTENCES` are refused when read.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from pathlib import Path

from translate_eval.align.beads import Bead, parse_beads
from translate_eval.errors import InputError
from translate_eval.files import read_text_file

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


@dataclass(frozen=True)
class LinkCounts:
    """The counts behind the scores, of one document or summed over several (``+``): the
    distinct test beads (deletions included) and how many of them are strict and lax hits
    (precision); the gold beads with both sides and how many of them the test holds, strictly
    and laxly (recall)."""

    tested: int = 0
    tested_strict: int = 0
    tested_lax: int = 0
    gold: int = 0
    gold_strict: int = 0
    gold_lax: int = 0

    def __add__(self, other: LinkCounts) -> LinkCounts:
        return LinkCounts(
            self.tested + other.tested,
            self.tested_strict + other.tested_strict,
            self.tested_lax + other.tested_lax,
            self.gold + other.gold,
            self.gold_strict + other.gold_strict,
            self.gold_lax + other.gold_lax,
        )

    def scores(self) -> dict[str, float]:
        """Strict and lax precision, recall and F1 (the keys of :func:`score_alignments`)."""
        strict_precision = _ratio(self.tested_strict, self.tested)
        lax_precision = _ratio(self.tested_lax, self.tested)
        strict_recall = _ratio(self.gold_strict, self.gold)
        lax_recall = _ratio(self.gold_lax, self.gold)
        return {
            "strict_precision": strict_precision,
            "strict_recall": strict_recall,
            "strict_f1": _f1(strict_precision, strict_recall),
            "lax_precision": lax_precision,
            "lax_recall": lax_recall,
            "lax_f1": _f1(lax_precision, lax_recall),
        }


def link_counts(gold: Sequence[Bead], test: Sequence[Bead]) -> LinkCounts:
    """The :class:`LinkCounts` of one document's ``test`` beads against its ``gold`` beads."""
    tested, tested_strict, tested_lax = _hit_counts(
        _links(gold, with_deletions=True), _links(test, with_deletions=True)
    )
    found, found_strict, found_lax = _hit_counts(
        _links(test, with_deletions=False), _links(gold, with_deletions=False)
    )
    return LinkCounts(tested, tested_strict, tested_lax, found, found_strict, found_lax)


def score_alignments(
    gold: Sequence[Sequence[Bead]], test: Sequence[Sequence[Bead]]
) -> dict[str, float]:
    """Corpus-level strict and lax precision, recall and F1 of ``test`` against ``gold``.

    ``gold[k]`` and ``test[k]`` are the beads of document ``k``. Returns a dict with keys
    ``strict_precision``, ``strict_recall``, ``strict_f1``, ``lax_precision``, ``lax_recall``,
    ``lax_f1`` (see the module docstring for the definitions; :func:`link_counts` gives the
    counts of each document).
    """
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} gold documents but {len(test)} test documents")
    total = LinkCounts()
    for gold_beads, test_beads in zip(gold, test, strict=True):
        total = total + link_counts(gold_beads, test_beads)
    return total.scores()


@dataclass(frozen=True)
class GoldCheck:
    """Sentence ids (from 0) that a gold alignment lists more than once (``repeated``) or not
    at all although a later id is listed (``skipped``), per side."""

    src_repeated: tuple[int, ...] = ()
    src_skipped: tuple[int, ...] = ()
    tgt_repeated: tuple[int, ...] = ()
    tgt_skipped: tuple[int, ...] = ()

    @property
    def consistent(self) -> bool:
        return not (self.src_repeated or self.src_skipped or self.tgt_repeated or self.tgt_skipped)

    def spans(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """The suspect span of each side (source, target): from the first to the last
        repeated or skipped id, inclusive, or None. Between a repeated id and a later skipped
        one the gold's numbering is shifted, so every bead in between is suspect."""
        return _span(self.src_repeated + self.src_skipped), _span(
            self.tgt_repeated + self.tgt_skipped
        )

    def describe(self) -> str:
        """One line, e.g. ``target 54 listed twice or more, 79 never``."""
        parts = []
        for side, repeated, skipped in (
            ("source", self.src_repeated, self.src_skipped),
            ("target", self.tgt_repeated, self.tgt_skipped),
        ):
            found = []
            if repeated:
                found.append(f"{_ids(repeated)} listed twice or more")
            if skipped:
                found.append(f"{_ids(skipped)} never")
            if found:
                parts.append(f"{side} {', '.join(found)}")
        return "; ".join(parts) if parts else "consistent"


def _span(ids: tuple[int, ...]) -> tuple[int, int] | None:
    return (min(ids), max(ids)) if ids else None


def _ids(ids: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, ids[:8]))
    return shown + (f" (+{len(ids) - 8} more)" if len(ids) > 8 else "")


def check_gold(beads: Iterable[Bead]) -> GoldCheck:
    """Repeated and skipped sentence ids of one gold alignment (see :class:`GoldCheck`).
    Ids after the last listed one cannot be checked without the texts. O(n log n + s) for n
    listed ids and s skipped ones (the gaps between the sorted distinct ids), whatever the
    largest id."""
    beads = list(beads)
    result = {}
    for side in ("src", "tgt"):
        counts = Counter(i for bead in beads for i in getattr(bead, side))
        listed = sorted(counts)
        result[f"{side}_repeated"] = tuple(i for i in listed if counts[i] > 1)
        gaps = (range(before + 1, after) for before, after in pairwise([-1, *listed]))
        result[f"{side}_skipped"] = tuple(chain.from_iterable(gaps))
    return GoldCheck(**result)


def outside_suspect_spans(
    gold: Sequence[Sequence[Bead]], test: Sequence[Sequence[Bead]]
) -> tuple[list[list[Bead]], list[list[Bead]], int]:
    """Gold and test beads of every document without those that touch a suspect span of the
    document's gold (:meth:`GoldCheck.spans`), and how many gold beads were left out. Score
    the result with :func:`score_alignments`. O(sum of bead sizes)."""
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} gold documents but {len(test)} test documents")
    kept_gold: list[list[Bead]] = []
    kept_test: list[list[Bead]] = []
    left_out = 0
    for gold_beads, test_beads in zip(gold, test, strict=True):
        src_span, tgt_span = check_gold(gold_beads).spans()

        def suspect(bead: Bead, src_span=src_span, tgt_span=tgt_span) -> bool:
            return _touches(bead.src, src_span) or _touches(bead.tgt, tgt_span)

        kept = [b for b in gold_beads if not suspect(b)]
        left_out += len(gold_beads) - len(kept)
        kept_gold.append(kept)
        kept_test.append([b for b in test_beads if not suspect(b)])
    return kept_gold, kept_test, left_out


def _touches(ids: Sequence[int], span: tuple[int, int] | None) -> bool:
    return span is not None and any(span[0] <= i <= span[1] for i in ids)


def bead_files(path: str | os.PathLike[str]) -> dict[str, Path]:
    """The bead files ``path`` names, by file name: itself, or every file of the folder."""
    path = Path(path)
    if path.is_dir():
        return {p.name: p for p in sorted(path.iterdir()) if p.is_file()}
    if path.is_file():
        return {path.name: path}
    raise InputError(f"{path} does not exist")


def read_beads(path: str | os.PathLike[str]) -> list[Bead]:
    """The beads of one bead file (one ``[src ids]:[tgt ids]`` bead a line)."""
    return parse_beads(read_text_file(path, what="beads").text, source=str(path))


@dataclass
class AlignmentFileScores:
    """What :func:`score_alignment_files` found: the gold files that are inconsistent, and
    the score rows, computed one test at a time as ``rows`` is read."""

    problems: list[tuple[str, GoldCheck]]
    """Each inconsistent gold file's name and what is wrong with it (:func:`check_gold`)."""
    rows: Iterator[tuple[str, dict[str, float]]]
    """Per test: its name (30 characters at most) and :func:`score_alignments`; after it,
    when some gold is inconsistent, ``  without N suspect gold`` and the scores outside the
    suspect spans (:func:`outside_suspect_spans`)."""


def score_alignment_files(
    gold: str | os.PathLike[str], tests: Sequence[str | os.PathLike[str]]
) -> AlignmentFileScores:
    """Score each of ``tests`` against ``gold``: bead files, or folders of bead files with the
    same names (scores pooled over the files; a lone file on both sides is paired whatever its
    name). The gold is read and checked now; a test lacking a gold file is a user error when
    its row is reached. O(sum of bead sizes) per test."""
    gold_files = bead_files(gold)
    gold_beads = {name: read_beads(path) for name, path in gold_files.items()}  # read once
    checks = [(name, check_gold(beads)) for name, beads in gold_beads.items()]
    problems = [(name, check) for name, check in checks if not check.consistent]

    def rows() -> Iterator[tuple[str, dict[str, float]]]:
        for test in tests:
            test_files = bead_files(test)
            if len(gold_files) == 1 and len(test_files) == 1:
                names = [(next(iter(gold_files)), next(iter(test_files)))]
            else:
                missing = sorted(set(gold_files) - set(test_files))
                if missing:
                    raise InputError(
                        f"{test} lacks files present in the gold: {', '.join(missing[:5])}"
                    )
                names = [(name, name) for name in gold_files]
            golds = [gold_beads[g] for g, _ in names]
            test_beads = [read_beads(test_files[t]) for _, t in names]
            yield Path(test).name[:30], score_alignments(golds, test_beads)
            if problems:
                kept_gold, kept_test, left_out = outside_suspect_spans(golds, test_beads)
                yield f"  without {left_out} suspect gold", score_alignments(kept_gold, kept_test)

    return AlignmentFileScores(problems, rows())
