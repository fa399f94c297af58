"""How well a links table recovers a pair's gold edits (``edits.tsv``): recall, precision per kind.

A gold row names an edit kind (an ``edit`` label or a flag) and quotes from the affected Arabic and
English sentences. A gold row is *found* when a bead holding one of its quotes carries that kind;
a predicted bead of a kind is *correct* when it holds a quote of a gold row of that kind.
O(gold rows x beads) substring tests.
"""

from __future__ import annotations

import pandas as pd

#: Labels that are the absence of an edit, so they have no gold rows and no precision.
NEUTRAL_LABELS = frozenset({"faithful", "paraphrase"})


def _kinds(row: pd.Series) -> set[str]:
    flags = {f for f in str(row.get("flags", "") or "").split(";") if f}
    return {str(row["edit"])} | flags


def _holds(row: pd.Series, gold: dict[str, str]) -> bool:
    ar, en = gold.get("ar", ""), gold.get("en", "")
    return bool((ar and ar in str(row["src_text"])) or (en and en in str(row["tgt_text"])))


def edit_recovery(links: pd.DataFrame, gold_edits: list[dict[str, str]]) -> pd.DataFrame:
    """One row per edit kind: gold count, found, recall, predicted count, correct, precision."""
    kinds = sorted({g["kind"] for g in gold_edits})
    predicted_kinds = [_kinds(row) for _, row in links.iterrows()]
    rows = []
    for kind in kinds:
        golds = [g for g in gold_edits if g["kind"] == kind]
        found = sum(
            any(kind in predicted_kinds[i] and _holds(row, g) for i, row in links.iterrows())
            for g in golds
        )
        predicted = [i for i, ks in enumerate(predicted_kinds) if kind in ks]
        correct = sum(any(_holds(links.iloc[i], g) for g in golds) for i in predicted)
        rows.append(
            {
                "kind": kind,
                "gold": len(golds),
                "found": found,
                "recall": found / len(golds),
                "predicted": len(predicted),
                "correct": correct,
                "precision": correct / len(predicted) if predicted else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("kind")


def missed_edits(links: pd.DataFrame, gold_edits: list[dict[str, str]]) -> list[dict[str, str]]:
    """The gold rows that no bead recovers (for error analysis)."""
    return [
        g
        for g in gold_edits
        if not any(g["kind"] in _kinds(row) and _holds(row, g) for _, row in links.iterrows())
    ]
