"""The ``translate-eval`` commands: each calls one library function and prints what it gives."""

from __future__ import annotations

import argparse
import sys

from translate_eval.align.beads import format_bead
from translate_eval.align.evaluate import score_alignment_files
from translate_eval.cli.options import DEFAULT_MT, decoding_given
from translate_eval.documents import format_segments, segment_file
from translate_eval.errors import InputError
from translate_eval.files import write_text_atomic
from translate_eval.outputs import check_output_file, run_folder_warnings
from translate_eval.pipeline import align_files, compare_systems
from translate_eval.report.formats import format_summary_for_console
from translate_eval.report.render import report_text
from translate_eval.report.tmx import export_run
from translate_eval.scale.run import describe, run_corpus
from translate_eval.scale.runner import CorpusSettings
from translate_eval.scale.sources import CLASSICAL_KINDS, spec_kind
from translate_eval.text.clean import one_line
from translate_eval.translate.cache import CACHE_NOTE
from translate_eval.translate.convert import convert_model
from translate_eval.translate.options import decoding_options
from translate_eval.translate.sentences import translate_file


def warn(message: str, about: str = "") -> None:
    """A warning on stderr (``about``: e.g. which MT system); the MT cache's reuse count is a
    note, not a warning."""
    kind = "" if message.startswith(CACHE_NOTE) else "warning: "
    print(f"translate-eval: {kind}{one_line(about + message)}", file=sys.stderr)


def note(message: str) -> None:
    print(f"translate-eval: {one_line(message)}", file=sys.stderr)


def emit(text: str, output: str | None) -> None:
    """``text`` into the file ``output`` (written whole or not at all), or to stdout."""
    if output:
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)


def run_compare(args: argparse.Namespace) -> int:
    run = compare_systems(
        args.src,
        args.tgt,
        out=args.out,
        presegmented=args.presegmented,
        mt=args.mt or [DEFAULT_MT],
        align_mt=args.align_mt,
        encoder=args.encoder,
        preset=args.preset,
        max_bead=args.max_bead,
        thresholds=args.thresholds,
        cache=not args.no_cache,
        decoding=decoding_given(args),
        units=args.units,
        warn=warn,
    )
    first = run.results[0]
    print(format_summary_for_console(first.summary))
    print(f"signature: {first.run_signature.format()} (full: {run.paths['signature']})")
    if len(run.specs) > 1:
        runs = [run.out, *(path for name, path in run.paths.items() if name.startswith("mt/"))]
        print(report_text(runs, "md", table="systems"))
        print(f"wrote {run.paths['systems']} and one run folder per system under {run.out / 'mt'}")
    print(f"wrote {run.paths['links']} and {run.paths['report']}")
    return 0


def check_output(output: str | None) -> None:
    """Fail at once, before any work, when ``-o``/``--out`` FILE cannot be written."""
    if output:
        check_output_file(output)


def run_align(args: argparse.Namespace) -> int:
    check_output(args.output)
    beads = align_files(
        args.src,
        args.tgt,
        presegmented=args.presegmented,
        mt=args.mt,
        align_mt=args.align_mt,
        encoder=args.encoder,
        preset=args.preset,
        max_bead=args.max_bead,
        cache=not args.no_cache,
        decoding=decoding_given(args),
        units=args.units,
        warn=warn,
    )
    emit("".join(format_bead(bead) + "\n" for bead in beads), args.output)
    return 0


def run_score_alignment(args: argparse.Namespace) -> int:
    scores = score_alignment_files(args.gold, args.test)
    rows = list(scores.rows)  # every row first: an error prints no half table
    print(
        f"{'system':<30} {'strict P':>8} {'strict R':>8} {'strict F1':>9} "
        f"{'lax P':>7} {'lax R':>7} {'lax F1':>7}"
    )
    for name, row in rows:
        print(
            f"{name:<30} {row['strict_precision']:8.3f} {row['strict_recall']:8.3f} "
            f"{row['strict_f1']:9.3f} {row['lax_precision']:7.3f} {row['lax_recall']:7.3f} "
            f"{row['lax_f1']:7.3f}"
        )
    for name, check in scores.problems:
        print(f"warning: gold {name}: {check.describe()} (ids from 0)", file=sys.stderr)
    if scores.problems:
        print(
            "(the second row leaves out the beads of both sides that touch a suspect span of "
            "the gold: from its first to its last repeated or never-listed sentence)",
            file=sys.stderr,
        )
    return 0


def run_translate(args: argparse.Namespace) -> int:
    check_output(args.output)
    output, warnings = translate_file(
        args.file,
        args.mt,
        presegmented=args.presegmented,
        cache=not args.no_cache,
        decoding=decoding_given(args),
    )
    for message in warnings:
        warn(message)
    emit("".join(line.replace("\n", " ") + "\n" for line in output), args.output)
    return 0


def run_convert_model(args: argparse.Namespace) -> int:
    result = convert_model(
        args.hf_path, args.ct2_path, quantization=args.quantization, force=args.force
    )
    for message in result.warnings:
        warn(message)
    print(f"wrote {result.output} ({result.quantization}); use it with --mt ct2:{result.output}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    if args.samples < 0 or args.examples < 1:
        raise InputError("--samples must be 0 or more and --examples at least 1")
    check_output(args.out)
    text = report_text(
        args.run_dirs,
        args.format,
        table=args.table,
        test=args.test,
        n_samples=args.samples,
        per_label=args.examples,
        romanized=args.romanize,
        standalone=args.standalone,
    )
    for run_dir in args.run_dirs:  # folders that report_text could read
        for message in run_folder_warnings(run_dir):
            warn(message)
    emit(text, args.out)
    return 0


def run_corpus_command(args: argparse.Namespace) -> int:
    kind = spec_kind(args.spec)
    if kind in CLASSICAL_KINDS and args.preset != "classical":
        note(
            f"note: {kind} texts are Classical Arabic; --preset classical aligns them better "
            "(docs/benchmarks.md, sections 5 and 7)"
        )
    systems = tuple(args.mt or [DEFAULT_MT])
    options = decoding_options(systems + tuple(args.align_mt), decoding_given(args))
    settings = CorpusSettings(
        mt=systems,
        align_mt=tuple(args.align_mt),
        mt_options=tuple(sorted(options.items())),
        encoder=args.encoder,
        preset=args.preset,
        max_bead=args.max_bead,
        thresholds=args.thresholds,
        cache=args.cache,
        use_cache=not args.no_cache,
    )
    summary = run_corpus(
        args.spec,
        args.out,
        settings,
        engine=args.engine,
        address=args.address,
        workers=args.workers,
        limit=args.limit,
        chunk_pairs=args.chunk,
        retry_failed=args.retry_failed,
        progress=False if args.no_progress else None,
        log=note,
    )
    print(describe(summary))
    return 0


def run_segment(args: argparse.Namespace) -> int:
    check_output(args.output)
    document = segment_file(args.file, args.lang, presegmented=args.presegmented)
    for message in document.warnings:
        warn(message)
    emit(format_segments(document, offsets=args.offsets), args.output)
    return 0


def run_export(args: argparse.Namespace) -> int:
    units, paths = export_run(args.run_dir, args.format, args.output)
    for message in run_folder_warnings(args.run_dir, ("links.csv",)):
        warn(message)
    print(f"wrote {units} aligned pairs to {' and '.join(str(path) for path in paths)}")
    return 0


COMMANDS = {
    "compare": run_compare,
    "align": run_align,
    "score-alignment": run_score_alignment,
    "translate": run_translate,
    "convert-model": run_convert_model,
    "report": run_report,
    "corpus": run_corpus_command,
    "segment": run_segment,
    "export": run_export,
}
