"""Translating a document's sentences through the MT cache, with a progress bar; every output
cleaned as text entering the toolkit."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from translate_eval.documents import load_document
from translate_eval.text.clean import clean_text
from translate_eval.translate import load_translator
from translate_eval.translate.base import Translator
from translate_eval.translate.cache import CACHE_NOTE, CachedTranslator
from translate_eval.translate.options import load_translators


def translate_sentences(
    translator: Translator,
    sentences: list[str],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> list[str]:
    """``translator``'s output for each of ``sentences``, read from and written to the MT
    cache (``cache``: True for the default one, False for none, or a path) unless the MT is
    ``none`` or ``file:``. A note on the cache's reuse is appended to ``warnings``. Each
    output is cleaned (:func:`~translate_eval.text.clean.clean_text`: no bidi or zero-width
    marks, no controls), cached or not."""
    return [clean_text(line) for line in _translations(translator, sentences, cache, warnings)]


def _translations(
    translator: Translator,
    sentences: list[str],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> list[str]:
    """:func:`translate_sentences` before cleaning."""
    signature = translator.signature
    if not sentences or signature == "none" or signature.startswith("file:") or cache is False:
        return translator.translate(sentences)
    path = None if cache is True else cache
    cached = CachedTranslator(translator, path)
    try:
        from tqdm.auto import tqdm

        with tqdm(
            total=len(sentences), desc="translate", unit="sent", disable=None, leave=False
        ) as bar:
            output = cached.translate(sentences, progress=bar.update)
        if cached.stats.hits:
            warnings.append(
                f"{CACHE_NOTE} {cached.stats.hits} of {len(sentences)} sentences reused "
                f"({cached.stats.hit_rate:.0%})"
            )
        return output
    finally:
        cached.close()


def extra_translations(
    specs: Sequence[str | Translator],
    main: Translator,
    sentences: list[str],
    cache: bool | str | os.PathLike[str],
    warnings: list[str],
) -> tuple[list[Translator], list[list[str]]]:
    """The translators of ``--align-mt`` (``specs``) that add something to ``main`` (not
    ``none``, not ``main`` again), and their non-empty translations of ``sentences``."""
    helpers = [load_translator(s) if isinstance(s, str) else s for s in specs]
    helpers = [h for h in helpers if h.signature not in ("none", main.signature)]
    outputs = [translate_sentences(h, sentences, cache, warnings) for h in helpers]
    return helpers, [lines for lines in outputs if any(lines)]


def translate_file(
    path: str | os.PathLike[str],
    mt: str,
    *,
    presegmented: bool = False,
    cache: bool | str | os.PathLike[str] = True,
    decoding: Mapping[str, Any] | None = None,
) -> tuple[list[str], list[str]]:
    """The translation of each sentence of the Arabic file ``path`` by MT ``mt`` with the
    ``decoding`` settings (:func:`~translate_eval.translate.options.decoding_options`), and
    the warnings about it. With ``presegmented``, one translation per input line, empty for
    an empty line (:meth:`~translate_eval.documents.Document.per_line`)."""
    document = load_document(path, "ar", presegmented=presegmented)
    (translator,) = load_translators([mt], decoding or {})
    warnings = list(document.warnings)
    output = translate_sentences(translator, document.sentences, cache, warnings)
    return (document.per_line(output) if presegmented else output), warnings
