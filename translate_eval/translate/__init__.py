"""Machine translation backends and `load_translator(spec)`, which turns an MT spec into one.

Specs: ``gloss``, ``hf:MODEL_OR_PATH``, ``ct2:PATH``, ``openai:MODEL@URL``, ``file:PATH``,
``none``.
"""

from __future__ import annotations

from typing import Any

from translate_eval.errors import TranslateEvalError
from translate_eval.translate.base import Translator
from translate_eval.translate.ct2 import CT2Translator
from translate_eval.translate.file import FileTranslator
from translate_eval.translate.gloss import load_gloss_translator
from translate_eval.translate.hf import HFTranslator
from translate_eval.translate.llm import load_llm_translator
from translate_eval.translate.none import NoneTranslator

VALID_SPECS = "gloss, hf:MODEL_OR_PATH, ct2:PATH, openai:MODEL@URL, file:PATH, none"
HF_OPTIONS = frozenset(
    {
        "batch_size",
        "num_beams",
        "max_new_tokens",
        "max_input_tokens",
        "device",
        "src_lang",
        "tgt_lang",
        "min_new_tokens",
    }
)
CT2_ONLY = frozenset({"compute_type", "intra_threads", "inter_threads"})
CT2_OPTIONS = HF_OPTIONS | CT2_ONLY

__all__ = ["VALID_SPECS", "Translator", "load_translator", "model_options"]


def _no_options(spec: str, options: dict[str, Any]) -> None:
    if options:
        names = ", ".join(sorted(options))
        raise TranslateEvalError(f"MT '{spec}' takes no options (got {names})")


def model_options(spec: str, options: dict[str, Any]) -> dict[str, Any]:
    """The part of ``options`` that ``spec``'s backend takes: all of them for ``ct2:``, all but
    the CTranslate2-only ones for ``hf:``, none for the other backends. Lets one set of
    decoding options serve several MT systems (a corpus run with ``gloss`` and ``hf:``)."""
    kind = spec.strip().partition(":")[0].lower() if ":" in spec else ""
    if kind == "ct2":
        return dict(options)
    if kind == "hf":
        return {name: value for name, value in options.items() if name not in CT2_ONLY}
    return {}


def load_translator(spec: str, **options: Any) -> Translator:
    """The translator an MT spec names. ``options`` go to ``hf:`` (batch_size, num_beams,
    max_new_tokens, max_input_tokens, min_new_tokens, device, src_lang, tgt_lang) and ``ct2:``
    (the same, plus compute_type, intra_threads, inter_threads), ``openai:`` takes
    :data:`~translate_eval.translate.llm.LLM_OPTIONS` (prompt, temperature, endpoint...); other
    backends take none.

    Raises TranslateEvalError (one line) for an unknown spec, ModelNotFoundError for a missing
    model or optional package, InputError for an unreadable ``file:``.
    """
    if not isinstance(spec, str):
        raise TranslateEvalError(f"an MT spec is a string ({VALID_SPECS})")
    text = spec.strip()
    kind, separator, argument = text.partition(":")
    kind = kind.lower()
    if text.lower() == "gloss":
        _no_options(text, options)
        return load_gloss_translator()
    if text.lower() == "none":
        _no_options(text, options)
        return NoneTranslator()
    if separator and kind == "file":
        _no_options("file:", options)
        if not argument.strip():
            raise TranslateEvalError("MT 'file:' needs a path: file:PATH (one line per sentence)")
        return FileTranslator(argument.strip())
    if separator and kind in ("hf", "ct2"):
        valid = HF_OPTIONS if kind == "hf" else CT2_OPTIONS
        unknown = set(options) - valid
        if unknown:
            raise TranslateEvalError(
                f"unknown {kind}: option(s) {', '.join(sorted(unknown))}; "
                f"valid: {', '.join(sorted(valid))}"
            )
        backend = HFTranslator if kind == "hf" else CT2Translator
        return backend(argument.strip(), **options)
    if separator and kind == "openai":
        return load_llm_translator(argument.strip(), **options)
    raise TranslateEvalError(f"unknown MT spec {spec!r}; valid forms: {VALID_SPECS}")
