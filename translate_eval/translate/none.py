"""The `none` MT backend: no translation at all (alignment then relies on other signals)."""

from __future__ import annotations

from translate_eval.errors import TranslateEvalError


class NoneTranslator:
    """Returns an empty string for every sentence; signature ``none``. O(n)."""

    signature = "none"

    def translate(self, sentences: list[str]) -> list[str]:
        """One empty translation per input sentence."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        return ["" for _ in sentences]
