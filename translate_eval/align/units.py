"""Alignment units: align sentences, or clauses mapped back onto sentence beads, with the clauses
that a linked sentence lost (or gained) reported as partial omissions (additions).

With ``units="clauses"`` each sentence is cut into clauses (:mod:`~translate_eval.text.clauses`),
the clauses are aligned, and every group of sentences that clause beads link becomes one sentence
bead (a connected component: an Arabic sentence whose clauses went to two English sentences
gives a 1-2 bead). A sentence none of whose clauses is linked is a 1-0 (0-1) bead. A clause with
no counterpart inside a linked bead is reported on that bead: ``src_gap_text`` holds it (several
joined by `` … ``), and a faithful or paraphrase label becomes ``partial_omission``; an English
clause with no Arabic one goes into ``tgt_gap_text`` and makes a ``partial_addition``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from translate_eval.align.aligner import Aligner
from translate_eval.align.beads import Bead
from translate_eval.align.config import AlignConfig
from translate_eval.documents import Pair
from translate_eval.embed.base import Encoder
from translate_eval.errors import InputError
from translate_eval.text.clauses import CLAUSES_VERSION, Clause, document_clauses
from translate_eval.translate.base import Translator
from translate_eval.translate.sentences import translate_sentences

#: The alignment units ``compare(units=...)`` and ``--units`` accept; the first is the default.
UNITS = ("sentences", "clauses")
#: Largest number of Arabic clauses in a clause bead (an Arabic sentence often has 3 or 4).
CLAUSE_MAX_SRC_BEAD = 4
#: Joins several clauses of one bead in ``src_gap_text`` / ``tgt_gap_text``.
GAP_JOINER = " … "
_NEUTRAL = frozenset({"faithful", "paraphrase"})


@dataclass
class AlignedUnits:
    """Sentence beads, how they were found, and per bead the clauses without counterpart."""

    beads: list[Bead]
    signature: str
    """The aligner's signature (with the clause bead limit when aligning clauses)."""
    dropped: dict[int, list[Clause]] = field(default_factory=dict)
    """Bead number -> Arabic clauses of that linked bead with no English counterpart."""
    added: dict[int, list[Clause]] = field(default_factory=dict)
    """Bead number -> English clauses of that linked bead with no Arabic counterpart."""
    clause_beads: list[Bead] = field(default_factory=list)
    """The clause alignment itself (positions in the clause lists), empty for sentences."""
    src_clauses: list[Clause] = field(default_factory=list)
    tgt_clauses: list[Clause] = field(default_factory=list)


def check_units(units: str) -> str:
    """``units`` when it is one of :data:`UNITS`, else :class:`InputError`."""
    if units not in UNITS:
        raise InputError(f"units must be one of {', '.join(UNITS)}, not {units!r}")
    return units


def segmenter_signature(segmenter: str, units: str) -> str:
    """The segmenter part of the run signature: ``rules-v5``, or ``rules-v5+clauses-v1``."""
    return segmenter if check_units(units) == "sentences" else f"{segmenter}+{CLAUSES_VERSION}"


def split_translation(translation: str, lengths: Sequence[int]) -> list[str]:
    """``translation`` cut at spaces into ``len(lengths)`` pieces whose shares of its length
    follow ``lengths`` (a sentence translation spread over its clauses, for MT that cannot
    translate new text such as ``file:``). O(len(translation))."""
    if len(lengths) == 1:
        return [translation]
    bounds = np.cumsum(lengths) / max(1, sum(lengths))
    pieces: list[list[str]] = [[] for _ in lengths]
    words = translation.split()
    for number, word in enumerate(words):
        middle = (number + 0.5) / len(words)
        pieces[min(int(np.searchsorted(bounds, middle)), len(lengths) - 1)].append(word)
    return [" ".join(piece) for piece in pieces]


def spread_translations(translations: Sequence[str], clauses: Sequence[Clause]) -> list[str]:
    """Each sentence translation split over that sentence's clauses (:func:`split_translation`)."""
    out: list[str] = []
    for position, translation in enumerate(translations):
        lengths = [len(c.text) for c in clauses if c.sentence == position]
        out.extend(split_translation(translation, lengths) if lengths else [])
    return out


def clause_translations(
    translator: Translator,
    sentence_mt: list[str],
    clauses: list[Clause],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> list[str]:
    """The MT of every clause: the translator's own output, or for ``file:`` and ``none`` the
    sentence's translation split over its clauses by length."""
    if translator.signature == "none" or translator.signature.startswith("file:"):
        return spread_translations(sentence_mt, clauses)
    return translate_sentences(translator, [c.text for c in clauses], cache, warnings)


def align_units(
    pair: Pair,
    units: str,
    config: AlignConfig,
    encoder: Encoder | None,
    mt: tuple[Translator, list[str], Sequence[list[str]]],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> AlignedUnits:
    """Align ``pair`` on sentences or on clauses (``units``); beads are on sentence positions.

    ``mt``: the translator, its translation of every sentence and the further translations
    of ``--align-mt`` (spread over the clauses by length). Time: the aligner's on clause
    counts, plus O(clauses) for the mapping (:func:`align_clauses`)."""
    translator, sentence_mt, more_mt = mt
    src, tgt = pair.source.sentences, pair.target.sentences
    if check_units(units) == "sentences" or not src or not tgt:
        aligner = Aligner(config, encoder=encoder)
        beads = aligner.align(
            src, tgt, mt=sentence_mt if any(sentence_mt) else None, more_mt=more_mt
        )
        return AlignedUnits(beads, aligner.signature)
    src_clauses = document_clauses(pair.source.segments, "ar")
    tgt_clauses = document_clauses(pair.target.segments, "en")
    clause_mt = clause_translations(translator, sentence_mt, src_clauses, cache, warnings)
    more = [spread_translations(lines, src_clauses) for lines in more_mt]
    return align_clauses(config, encoder, (src_clauses, tgt_clauses), clause_mt, more)


def align_clauses(
    config: AlignConfig,
    encoder: Encoder | None,
    clauses: tuple[list[Clause], list[Clause]],
    mt: list[str] | None,
    more_mt: Sequence[list[str]] = (),
) -> AlignedUnits:
    """Align Arabic with English clauses (``clauses``; ``mt``: one translation per Arabic
    clause, or None) and map the clause beads onto sentence beads (:func:`sentence_beads`).
    Clause beads may hold up to :data:`CLAUSE_MAX_SRC_BEAD` Arabic clauses."""
    src_clauses, tgt_clauses = clauses
    limit = max(config.src_limit, CLAUSE_MAX_SRC_BEAD)
    aligner = Aligner(replace(config, max_src_bead=limit), encoder=encoder)
    clause_beads = aligner.align(
        [c.text for c in src_clauses],
        [c.text for c in tgt_clauses],
        mt=mt if mt and any(mt) else None,
        more_mt=more_mt,
    )
    mapped = sentence_beads(clause_beads, src_clauses, tgt_clauses)
    mapped.signature = f"{aligner.signature}|units:{CLAUSES_VERSION}"
    return mapped


class _Groups:
    """Union-find over sentence nodes: ``("s", i)`` Arabic, ``("t", j)`` English."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, node: tuple[str, int]) -> tuple[str, int]:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:
            node, self.parent[node] = self.parent[node], root
        return root

    def union(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        self.parent[self.find(a)] = self.find(b)


def _nodes(bead: Bead, src: Sequence[Clause], tgt: Sequence[Clause]) -> list[tuple[str, int]]:
    """The sentence nodes of a clause bead's clauses, Arabic first, in clause order."""
    return [("s", src[i].sentence) for i in bead.src] + [("t", tgt[j].sentence) for j in bead.tgt]


def _linked_groups(
    clause_beads: Sequence[Bead], src_clauses: Sequence[Clause], tgt_clauses: Sequence[Clause]
) -> tuple[_Groups, set[tuple[str, int]]]:
    """The sentences joined by two-sided clause beads (in-place ones first; a moved one only
    when none of its sentences is linked yet), and the set of linked sentence nodes."""
    groups = _Groups()
    linked: set[tuple[str, int]] = set()
    two_sided = [b for b in clause_beads if b.src and b.tgt]
    for bead in sorted(two_sided, key=lambda b: b.moved):
        nodes = _nodes(bead, src_clauses, tgt_clauses)
        if bead.moved and any(node in linked for node in nodes):
            continue
        linked.update(nodes)
        for node in nodes[1:]:
            groups.union(nodes[0], node)
    return groups, linked


def sentence_beads(
    clause_beads: Sequence[Bead], src_clauses: Sequence[Clause], tgt_clauses: Sequence[Clause]
) -> AlignedUnits:
    """Sentence beads from clause beads: each connected group of sentences that linked clause
    beads join is one bead, in the order of its first clause bead; an unlinked sentence is a
    1-0 or 0-1 bead. A bead's score is the mean score of its clause beads. A moved clause bead
    links its sentences only when neither is linked otherwise (else its bead is flagged moved).
    O(clauses * alpha) with union-find."""
    groups, linked = _linked_groups(clause_beads, src_clauses, tgt_clauses)

    def key(node: tuple[str, int]) -> tuple[str, int]:
        return groups.find(node) if node in linked else node

    order: dict[tuple[str, int], int] = {}
    members: list[list[tuple[str, int]]] = []
    scores: list[list[float]] = []
    moved: list[bool] = []
    dropped: dict[int, list[Clause]] = {}
    added: dict[int, list[Clause]] = {}
    for bead in clause_beads:
        nodes = _nodes(bead, src_clauses, tgt_clauses)
        for node in nodes:
            if key(node) not in order:
                order[key(node)] = len(members)
                members.append([])
                scores.append([])
                moved.append(False)
            if node not in members[order[key(node)]]:
                members[order[key(node)]].append(node)
        number = order[key(nodes[0])]
        scores[number].append(bead.score)
        moved[number] = moved[number] or (bead.moved and nodes[0] in linked)
        if bead.src and bead.tgt:
            continue
        side, clauses = (dropped, src_clauses) if bead.src else (added, tgt_clauses)
        for node, index in zip(nodes, bead.src or bead.tgt, strict=True):
            if node in linked:  # a clause of a linked sentence without counterpart
                side.setdefault(order[key(node)], []).append(clauses[index])
    beads = [
        Bead(
            tuple(sorted(i for kind, i in nodes if kind == "s")),
            tuple(sorted(j for kind, j in nodes if kind == "t")),
            float(np.mean(scores[number])) if scores[number] else 0.0,
            moved[number],
        )
        for number, nodes in enumerate(members)
    ]
    return AlignedUnits(
        beads, "", dropped, added, list(clause_beads), list(src_clauses), list(tgt_clauses)
    )


def _gap_position(bead: Bead, gap: Sequence[Clause], clauses: Sequence[Clause]) -> str:
    """Where the gap clauses stand among the bead's Arabic clauses: start, middle or end."""
    own = [c for c in clauses if c.sentence in bead.src]
    places = [own.index(c) for c in gap if c in own]
    if not places or min(places) == 0:
        return "start"
    return "end" if max(places) == len(own) - 1 else "middle"


def mark_clause_gaps(scored: pd.DataFrame, aligned: AlignedUnits) -> pd.DataFrame:
    """``scored`` (one row per bead of ``aligned``) with the clauses that a linked bead lost
    in ``src_gap_text`` (and ``src_gap_at``), those it gained in ``tgt_gap_text``, and a
    faithful or paraphrase label turned into ``partial_omission`` (``partial_addition`` when
    only English was gained). Unchanged when aligning sentences. O(beads * clauses)."""
    if not aligned.clause_beads:
        return scored
    out = scored.copy()
    if "tgt_gap_text" not in out.columns:
        out["tgt_gap_text"] = ""
    for number in sorted(set(aligned.dropped) | set(aligned.added)):
        gained = aligned.added.get(number, [])
        lost = aligned.dropped.get(number, [])
        if lost:
            out.at[number, "src_gap_text"] = GAP_JOINER.join(c.text for c in lost)
            bead = aligned.beads[number]
            out.at[number, "src_gap_at"] = _gap_position(bead, lost, aligned.src_clauses)
        if gained:
            out.at[number, "tgt_gap_text"] = GAP_JOINER.join(c.text for c in gained)
        if out.at[number, "edit"] in _NEUTRAL:
            out.at[number, "edit"] = "partial_omission" if lost else "partial_addition"
    return out


def linked_texts(scored: pd.DataFrame, aligned: AlignedUnits) -> pd.DataFrame:
    """``scored`` with each bead's ``src_text`` / ``tgt_text`` cut down to its linked clauses
    (those of :attr:`AlignedUnits.dropped` and :attr:`AlignedUnits.added` left out), for
    judging whether the linked parts translate each other: a sentence that keeps one clause of
    three is a partial omission, not a sign that the texts are unrelated. The same frame when
    aligning sentences. O(beads * clauses)."""
    if not aligned.clause_beads:
        return scored
    out = scored.copy()
    for number in sorted(set(aligned.dropped) | set(aligned.added)):
        bead = aligned.beads[number]
        lost = aligned.dropped.get(number, [])
        gained = aligned.added.get(number, [])
        src = [c.text for c in aligned.src_clauses if c.sentence in bead.src and c not in lost]
        tgt = [c.text for c in aligned.tgt_clauses if c.sentence in bead.tgt and c not in gained]
        out.at[number, "src_text"] = " ".join(src)
        out.at[number, "tgt_text"] = " ".join(tgt)
    return out
