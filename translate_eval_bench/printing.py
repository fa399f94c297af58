"""Printing a benchmark's tables, and keeping them in a Markdown file when asked (``--md``)."""

from __future__ import annotations

import os

from translate_eval.files import write_text_atomic


def print_tables(text: str, markdown_path: str | os.PathLike[str] | None) -> None:
    """Print ``text`` and, with a path, write it there too (atomically, newline-terminated)."""
    print(text)
    if markdown_path:
        write_text_atomic(markdown_path, text if text.endswith("\n") else text + "\n")
