"""Converts a local transformers seq2seq model into a self-contained CTranslate2 folder for `ct2:`.

The folder gets CTranslate2's ``model.bin``, ``config.json`` and vocabulary, the model's tokenizer
files (so ``ct2:PATH`` needs nothing else) and ``translate_eval.json`` (limits and provenance).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate.local_models import (
    fingerprint_model_folder,
    first_line,
    input_limit,
    output_limit,
)

METADATA_FILE = "translate_eval.json"
#: Weight types CTranslate2 can store; ``float32`` keeps the weights as they are.
QUANTIZATIONS = (
    "float32",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
)
CT2_MISSING = (
    "CTranslate2 is not installed: pip install -e '.[ct2]' (or pip install ctranslate2)"
)


@dataclass(frozen=True)
class ConversionResult:
    """Where the CTranslate2 model went and what the conversion noticed."""

    output: Path
    quantization: str
    metadata: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def resolve_model_folder(model: str) -> Path:
    """The local folder of ``model``: a folder path, or a hub id already in the local Hugging
    Face cache. Never uses the network; a one-line ModelNotFoundError says how to get it."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return folder
    if folder.exists():
        raise ModelNotFoundError(f"{model} is a file; give the transformers model's folder")
    if model.count("/") <= 1 and not model.startswith((".", "~", "/")):
        try:
            from huggingface_hub import snapshot_download

            return Path(snapshot_download(model, local_files_only=True))
        except Exception:  # not in the cache, or not a valid hub id
            pass
        raise ModelNotFoundError(
            f"{model} is not a local folder nor in the local Hugging Face cache; download it "
            f"on a machine with network (`hf download {model} --local-dir DIR`) and convert DIR"
        )
    raise ModelNotFoundError(f"no model folder at {model}; give a folder with config.json")


class _LanguageTokensView:
    """A tokenizer as CTranslate2's M2M100 loader expects it: with transformers 5 the language
    tokens (``__ar__``...) are no longer listed as additional special tokens, so the loader
    would build a vocabulary without them; this view lists them again, in id order."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)

    @property
    def special_tokens_map(self) -> dict[str, Any]:
        mapping = dict(self._tokenizer.special_tokens_map)
        language_ids = getattr(self._tokenizer, "lang_token_to_id", None)
        if isinstance(language_ids, dict) and not mapping.get("additional_special_tokens"):
            mapping["additional_special_tokens"] = sorted(language_ids, key=language_ids.get)
        return mapping


def _loading_converter(model_folder: Path) -> Any:
    """A TransformersConverter that keeps the model it loads, so the conversion can inspect it."""
    from ctranslate2.converters import TransformersConverter

    class LoadingConverter(TransformersConverter):  # type: ignore[misc]
        loaded_model: Any = None
        loaded_tokenizer: Any = None

        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.setdefault("local_files_only", True)
            self.loaded_model = super().load_model(model_class, model_name_or_path, **kwargs)
            return self.loaded_model

        def load_tokenizer(
            self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any
        ) -> Any:
            kwargs.setdefault("local_files_only", True)
            self.loaded_tokenizer = super().load_tokenizer(
                tokenizer_class, model_name_or_path, **kwargs
            )
            return _LanguageTokensView(self.loaded_tokenizer)

    return LoadingConverter(str(model_folder))


def _decoder_start_warning(model: Any) -> str | None:
    """CTranslate2 starts a Marian decoder from a zero vector, as Marian does; transformers
    starts from the <pad> embedding, which is zero in every converted OPUS-MT model. A model
    trained in transformers may have moved it: then ``ct2:`` and ``hf:`` outputs differ."""
    config = model.config
    if getattr(config, "model_type", "") != "marian":
        return None
    start = getattr(config, "decoder_start_token_id", None)
    embeddings = model.get_decoder().get_input_embeddings().weight
    if start is None or start >= embeddings.shape[0]:
        return None
    if float(embeddings[start].detach().abs().max()) == 0.0:
        return None
    return (
        "the decoder-start (<pad>) embedding of this Marian model is not zero; CTranslate2 "
        "starts from a zero vector, so ct2: translations will differ from hf: ones"
    )


def _checked_quantization(quantization: str | None) -> str:
    """The quantization in lower case (None: float32), once the packages conversion needs are
    known to be installed; a one-line error otherwise."""
    quantization = (quantization or "float32").lower()
    if quantization not in QUANTIZATIONS:
        raise TranslateEvalError(
            f"unknown quantization {quantization!r}; choose one of {', '.join(QUANTIZATIONS)}"
        )
    if importlib.util.find_spec("ctranslate2") is None:
        raise ModelNotFoundError(CT2_MISSING)
    if importlib.util.find_spec("torch") is None:
        raise ModelNotFoundError("convert-model needs PyTorch: pip install -e '.[hf]'")
    return quantization


def _check_target(target: Path, model_folder: Path, force: bool) -> None:
    """A one-line error when ``target`` cannot become the CTranslate2 folder."""
    if target.exists() and not target.is_dir():
        raise TranslateEvalError(f"{target} exists and is a file; give a folder path")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise TranslateEvalError(f"{target} exists and is not empty; pass --force to replace it")
    if target.resolve() == model_folder.resolve():
        raise TranslateEvalError("the CTranslate2 folder must differ from the model's folder")


def convert_model(
    hf_model: str,
    output: str | Path,
    *,
    quantization: str | None = None,
    force: bool = False,
) -> ConversionResult:
    """Convert the transformers seq2seq model ``hf_model`` (folder or cached hub id) into a
    CTranslate2 folder at ``output``; ``quantization`` is one of :data:`QUANTIZATIONS` (None
    keeps float32). The folder appears complete or not at all: everything is written into a
    temporary sibling folder first. Raises TranslateEvalError (one line) on any problem.
    O(model size) time and memory (the model is loaded once).
    """
    quantization = _checked_quantization(quantization)
    import ctranslate2

    model_folder = resolve_model_folder(str(hf_model))
    target = Path(output).expanduser()
    _check_target(target, model_folder, force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise TranslateEvalError(f"cannot write {target}: {first_line(error)}") from None
    try:
        converter = _loading_converter(model_folder)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                converter.convert(
                    str(staging),
                    quantization=None if quantization == "float32" else quantization,
                    force=True,
                )
        except Exception as error:  # unsupported architecture, damaged files, bad dtype...
            raise TranslateEvalError(
                f"cannot convert {hf_model} to CTranslate2 "
                f"({type(error).__name__}: {first_line(error)})"
            ) from None
        model, tokenizer = converter.loaded_model, converter.loaded_tokenizer
        tokenizer.save_pretrained(str(staging))
        limit = input_limit(tokenizer, model)
        generation = getattr(model, "generation_config", None)
        metadata = {
            "source_model": model_folder.resolve().name,
            "source_id": fingerprint_model_folder(model_folder),
            "model_type": getattr(model.config, "model_type", ""),
            "quantization": quantization,
            "max_input_tokens": limit,
            "max_new_tokens": output_limit(model, limit),
            "forced_eos": getattr(generation, "forced_eos_token_id", None) is not None,
            "ctranslate2": ctranslate2.__version__,
        }
        (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=2) + "\n")
        notes = [note for note in (_decoder_start_warning(model),) if note]
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ConversionResult(target, quantization, metadata, notes)
