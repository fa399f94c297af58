"""The project's segmenter against the hand segmentation of the real-news pairs: boundary
precision and recall per side, for sentences and for clause units.

    python benchmarks/segmentation_realnews.py [--md OUT]

A boundary is where a unit starts (its first non-space character), the first of the text left
out; only boundaries inside the hand-segmented excerpt count (the pairs are cut where the two
sides stop matching). "in-line" leaves out boundaries at a line break, which every segmenter
finds. Sentences: ``segment_text`` (titles and body, furniture set aside); clauses: the clause
units of those sentences (``translate_eval.text.clauses.document_clauses``). Pairs from
``../shared/benchmarks/realnews`` (tune) and the project's own (held-out, texts from
``$TRANSLATE_EVAL_REALNEWS_TEXTS``); negative pairs have no hand segmentation and are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from translate_eval.text.clauses import document_clauses
from translate_eval.text.segment import segment_text
from translate_eval_bench.printing import print_tables
from translate_eval_bench.realnews import Span, load_pairs


def hand_starts(text: str, spans: Sequence[Span]) -> list[int]:
    """The first non-space character of each hand sentence."""
    starts = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        starts.append(start)
    return starts


def boundary_counts(
    text: str, tool: Sequence[int], hand: Sequence[int], region: tuple[int, int]
) -> dict[str, int]:
    """Boundaries found / by the tool / by hand, all and in-line only, inside ``region``
    (from after the first hand start to before the hand excerpt's end). O(boundaries)."""
    low, high = region
    tool_set = {b for b in tool if low < b < high}
    hand_set = {b for b in hand if low < b < high}
    in_line = {b for b in tool_set | hand_set if "\n" not in text[max(0, b - 3) : b]}
    return {
        "hand": len(hand_set),
        "tool": len(tool_set),
        "hits": len(tool_set & hand_set),
        "hand in-line": len(hand_set & in_line),
        "tool in-line": len(tool_set & in_line),
        "hits in-line": len(tool_set & hand_set & in_line),
    }


def scores(row: pd.Series, suffix: str = "") -> tuple[float, float]:
    """Precision and recall of one counts row."""
    hits, tool, hand = row[f"hits{suffix}"], row[f"tool{suffix}"], row[f"hand{suffix}"]
    return (hits / tool if tool else float("nan"), hits / hand if hand else float("nan"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--md", help="also write the table to this Markdown file")
    args = parser.parse_args()
    pairs, skipped = load_pairs()
    for note in skipped:
        print(f"skipped: {note}", file=sys.stderr)
    rows = []
    for pair in (p for p in pairs if not p.negative):
        sides = (("ar", pair.ar_text, pair.ar_spans), ("en", pair.en_text, pair.en_spans))
        for lang, text, spans in sides:
            hand = hand_starts(text, spans)
            region = (hand[0], max(end for _, end in spans))
            segments = segment_text(text, lang).segments  # type: ignore[arg-type]
            views = {
                "sentences": [s.start for s in segments],
                "clauses": [c.start for c in document_clauses(segments, lang)],  # type: ignore[arg-type]
            }
            for unit, starts in views.items():
                counts = boundary_counts(text, starts, hand, region)
                rows.append(
                    {
                        "pair": pair.pair_id,
                        "split": pair.split,
                        "side": lang,
                        "units": unit,
                        **counts,
                    }
                )
    table = pd.DataFrame(rows)
    pooled = table.groupby(["split", "side", "units"]).sum(numeric_only=True).reset_index()
    out = []
    for _, row in pooled.iterrows():
        precision, recall = scores(row)
        line_p, line_r = scores(row, " in-line")
        out.append(
            {
                "split": row["split"], "side": row["side"], "units": row["units"],
                "hand": row["hand"], "tool": row["tool"], "P": precision, "R": recall,
                "in-line hand": row["hand in-line"], "in-line tool": row["tool in-line"],
                "in-line P": line_p, "in-line R": line_r,
            }
        )  # fmt: skip
    text = pd.DataFrame(out).to_markdown(index=False, floatfmt=".3f")
    print_tables(text, args.md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
