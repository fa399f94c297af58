"""The ``translate-eval`` command line: :func:`main` parses the arguments and runs a command."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from translate_eval.cli.commands import COMMANDS
from translate_eval.cli.parser import build_parser
from translate_eval.errors import TranslateEvalError
from translate_eval.text.clean import one_line

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: user errors become one line on stderr and exit status 2."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except TranslateEvalError as error:
        print(f"translate-eval: error: {one_line(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("translate-eval: interrupted; finished MT is kept in the cache", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 141
