"""A translator that looks each source sentence up in a table: translations made elsewhere for a
whole corpus (another human translation, a commercial system's output) keyed by source text."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from translate_eval.errors import InputError, TranslateEvalError


class LookupTranslator:
    """Translates by exact lookup of each source sentence in ``table`` (source -> English).

    Unlike ``file:PATH``, which pairs lines by position within one document, the table serves
    any document made of its sentences (the planted-edit benchmark cuts many documents from one
    corpus). ``signature`` is ``lookup:NAME|sha256=DIGEST``, the digest over the sorted table, so
    cached results of another table are never reused. Construction O(table), ``translate`` O(n).
    """

    def __init__(self, table: Mapping[str, str], name: str) -> None:
        if not table:
            raise InputError(f"translation table '{name}' is empty")
        self.table = dict(table)
        self.name = name
        digest = hashlib.sha256()
        for source, target in sorted(self.table.items()):
            digest.update(f"{source}\x1f{target}\x1e".encode())
        self.signature = f"lookup:{name}|sha256={digest.hexdigest()[:12]}"

    def translate(self, sentences: list[str]) -> list[str]:
        """The table's translation of every sentence; InputError (one line) naming the first
        sentence the table lacks and how many it lacks."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        missing = [s for s in sentences if s not in self.table]
        if missing:
            first = " ".join(missing[0].split())[:60]
            raise InputError(
                f"translation table '{self.name}' lacks {len(missing)} of {len(sentences)} "
                f"sentences (first: '{first}'); it translates only the corpus it was made for"
            )
        return [self.table[s] for s in sentences]
