"""Flags of a comparison scored against the gold edits of real pairs: which gold kind each flag
answers, and precision and recall per flag over hand-segmented sentence ids."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from translate_eval.align.beads import Bead
from translate_eval.align.crossings import crosses
from translate_eval.links import FLAG_NAMES, parse_flags, parse_ids
from translate_eval.score.checks import (
    attribution_differs,
    hedging_differs,
    names_differ,
    negation_differs,
    numbers_differ,
)
from translate_eval_bench.realnews import GoldEdit, edit_matches

#: The flag each gold edit kind is measured with (gold_edits.tsv kinds -> links.csv flags); the
#: one place where the two vocabularies meet.
FLAG_OF_GOLD_KIND: dict[str, str] = {
    "numbers_differ": "numbers_differ",
    "numbers": "numbers_differ",
    "names_differ": "names_differ",
    "names": "names_differ",
    "negation_differs": "negation_differs",
    "negation": "negation_differs",
    "moved": "moved",
    "attribution_differs": "attribution_differs",
    "attribution": "attribution_differs",
    "hedging_differs": "hedging_differs",
    "hedging": "hedging_differs",
}
#: Fewest gold edits of a kind for its recall to be read as a figure rather than an anecdote.
MIN_GOLD = 5


def flag_edits(edits: Sequence[GoldEdit]) -> list[GoldEdit]:
    """The gold edits some flag answers, their kind renamed to that flag."""
    return [
        GoldEdit(FLAG_OF_GOLD_KIND[e.kind], e.ar_ids, e.en_ids, e.note)
        for e in edits
        if e.kind in FLAG_OF_GOLD_KIND
    ]


def flag_rows(links: pd.DataFrame) -> list[tuple[set[int], set[int], set[str]]]:
    """(source ids, target ids, flags) of each links row whose ids are the hand ones."""
    return [
        (set(parse_ids(row.src_ids)), set(parse_ids(row.tgt_ids)), set(parse_flags(row.flags)))
        for row in links.itertuples()
    ]


def flag_matches(links: pd.DataFrame, edits: Sequence[GoldEdit]) -> pd.DataFrame:
    """Per flag of :data:`FLAG_NAMES` (every one, zeros kept): gold edits of its kind, found
    (a bead carrying the flag touches the edit's ids), predicted (beads carrying it), correct
    (touching a gold edit of the kind). O(edits x beads)."""
    table = edit_matches(flag_rows(links), flag_edits(edits)).set_index("kind")
    table = table.reindex(list(FLAG_NAMES), fill_value=0)
    table.index.name = "flag"
    return table


def other_reading(
    src: set[int],
    tgt: set[int],
    gold: Sequence[tuple[Sequence[int], Sequence[int]]],
    edits: Sequence[GoldEdit],
) -> GoldEdit | None:
    """The gold move that a moved bead (``src``, ``tgt``: hand ids) reads the other way, or None:
    the bead pairs what one gold bead pairs (both its sides inside that bead's) and crosses the
    gold move (stands before it on one side and after it on the other). Two blocks that trade
    places are told by the gold as one moved and by the aligner, just as well, as the other;
    the figures still count such a bead false (a diagnostic, for the detail lines).
    O(gold beads + edits)."""
    if not src or not tgt:
        return None
    if not any(src <= set(s) and tgt <= set(t) for s, t in gold):
        return None
    bead = Bead(tuple(sorted(src)), tuple(sorted(tgt)))
    for edit in edits:
        gold_move = Bead(tuple(edit.ar_ids), tuple(edit.en_ids))
        if edit.kind == "moved" and edit.ar_ids and edit.en_ids and crosses(bead, gold_move):
            return edit
    return None


def too_few_gold(table: pd.DataFrame) -> list[str]:
    """The flags of ``table`` with fewer than :data:`MIN_GOLD` gold edits."""
    return [str(flag) for flag, gold in table["gold"].items() if gold < MIN_GOLD]


def with_rates(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (gold, found, predicted, correct) with recall and precision (NaN on 0/0)."""
    rated = table.copy()
    rated["recall"] = rated["found"] / rated["gold"].where(rated["gold"] > 0)
    rated["precision"] = rated["correct"] / rated["predicted"].where(rated["predicted"] > 0)
    return rated


def check_flags(src_ar: str, tgt_en: str) -> set[str]:
    """The flags the divergence checks raise on one bead's texts (no MT, no document)."""
    fired = {
        "numbers_differ": numbers_differ(src_ar, tgt_en),
        "names_differ": names_differ(src_ar, tgt_en),
        "negation_differs": negation_differs(src_ar, tgt_en),
        "attribution_differs": attribution_differs(src_ar, tgt_en),
        "hedging_differs": hedging_differs(src_ar, tgt_en),
    }
    return {flag for flag, differs in fired.items() if differs}


def false_alarm_shares(beads: Sequence[tuple[str, str]]) -> pd.Series:
    """Share of faithful (gold-aligned, translated) beads each check flags: every flag there
    is a false alarm. O(total characters)."""
    counts = pd.Series(0, index=[f for f in FLAG_NAMES if f != "moved"], dtype=float)
    for src, tgt in beads:
        for flag in check_flags(src, tgt):
            counts[flag] += 1
    return counts / max(len(beads), 1)


def gold_bead_links(
    beads: Sequence[tuple[Sequence[int], Sequence[int]]],
    ar_sentences: Sequence[str],
    en_sentences: Sequence[str],
) -> pd.DataFrame:
    """A links-like table (``src_ids``, ``tgt_ids``, ``flags``) of the gold ``beads`` with both
    sides, flagged by :func:`check_flags` on their joined sentences: the checks measured
    without the aligner, for :func:`flag_matches`. O(characters of the beads)."""
    rows = [
        {
            "src_ids": list(src),
            "tgt_ids": list(tgt),
            "flags": sorted(
                check_flags(
                    " ".join(ar_sentences[i] for i in src), " ".join(en_sentences[j] for j in tgt)
                )
            ),
        }
        for src, tgt in beads
        if src and tgt
    ]
    return pd.DataFrame(rows, columns=["src_ids", "tgt_ids", "flags"])
