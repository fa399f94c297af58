"""Decoding options of the hf: and ct2: backends: checked once, shared out among MT specs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from translate_eval.errors import InputError
from translate_eval.translate import load_translator, model_options
from translate_eval.translate.base import Translator

#: Decoding settings (named as the command line's flags, ``-`` as ``_``) -> translator options.
DECODING_FLAGS = {
    "beam": "num_beams",
    "batch_size": "batch_size",
    "max_length": "max_new_tokens",
    "device": "device",
    "compute_type": "compute_type",
    "src_lang": "src_lang",
    "tgt_lang": "tgt_lang",
}


def decoding_options(specs: Sequence[str], given: Mapping[str, Any]) -> dict[str, Any]:
    """The decoding settings ``given`` (keys of :data:`DECODING_FLAGS`; None: not given) as
    translator options (see :func:`~translate_eval.translate.model_options`). A user error
    when none of ``specs`` is a model they could apply to, or a count is below 1."""
    chosen = {flag: given[flag] for flag in DECODING_FLAGS if given.get(flag) is not None}
    if not chosen:
        return {}
    flags = ", ".join("--" + flag.replace("_", "-") for flag in chosen)
    kinds = {spec.strip().partition(":")[0].lower() for spec in specs if ":" in spec}
    if not kinds & {"hf", "ct2"}:
        raise InputError(f"{flags}: for hf: and ct2: MT only, not --mt {' '.join(specs)}")
    if "compute_type" in chosen and "ct2" not in kinds:
        raise InputError("--compute-type: for ct2: MT only")
    for flag in ("beam", "batch_size", "max_length"):
        if flag in chosen and chosen[flag] < 1:
            raise InputError(f"--{flag.replace('_', '-')} must be at least 1")
    return {DECODING_FLAGS[flag]: value for flag, value in chosen.items()}


def load_translators(specs: Sequence[str], given: Mapping[str, Any]) -> list[Translator]:
    """The translators ``specs`` name, each with its share of the decoding settings ``given``
    (checked once for all, :func:`decoding_options`). All are loaded before any work, so a
    missing model fails first."""
    options = decoding_options(specs, given)
    return [load_translator(spec, **model_options(spec, options)) for spec in specs]
