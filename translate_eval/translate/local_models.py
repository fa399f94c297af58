"""Local seq2seq models for the ``hf:`` and ``ct2:`` backends and the converter: loading a
transformers model without the network, folder fingerprints, input and output limits, the
language codes of multilingual models, and decoding their output.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError

FALLBACK_INPUT_LIMIT = 512
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".h5", ".msgpack")
_FINGERPRINT_SAMPLE = 1 << 16  # bytes read from the end of each weight file
#: Arabic -> English codes for multilingual models: NLLB (FLORES-200 codes) and M2M100 (ISO 639-1).
NLLB_LANGUAGES = ("arb_Arab", "eng_Latn")
M2M100_LANGUAGES = ("ar", "en")


def download_hint(name: str) -> str:
    """How to get hub model ``name`` onto a machine without network: download it elsewhere, use
    its folder."""
    return (
        f"download it on a machine with network: `hf download {name} --local-dir DIR`, "
        "then use hf:DIR"
    )


def _looks_like_path(model: str) -> bool:
    """True for strings that can only be paths (a hub id is NAME or OWNER/NAME)."""
    if model.startswith((".", "~", "/")) or "\\" in model:
        return True
    parts = model.split("/")
    return len(parts) > 2 or (len(parts) == 2 and Path(parts[0]).is_dir())


def fingerprint_model_folder(folder: Path) -> str:
    """8 hex digits from config.json and the name, size and last 64 KiB of each weight file: two
    different local models that share a folder name (or a shape) get different signatures.
    O(files in folder); reads at most 64 KiB per weight file."""
    digest = hashlib.sha256()
    config = folder / "config.json"
    if config.is_file():
        digest.update(config.read_bytes())
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.endswith(_WEIGHT_SUFFIXES):
            size = path.stat().st_size
            digest.update(f"{path.name}:{size}".encode())
            with path.open("rb") as weights:
                weights.seek(max(0, size - _FINGERPRINT_SAMPLE))
                digest.update(weights.read())
    return digest.hexdigest()[:8]


# -- language codes of multilingual models --------------------------------------------------------


@dataclass(frozen=True)
class LanguageCodes:
    """Source and target codes of a multilingual model and the token that starts the output."""

    src_lang: str
    tgt_lang: str
    target_token: str
    target_id: int

    @property
    def signature(self) -> str:
        return f"|src={self.src_lang}|tgt={self.tgt_lang}"


def setup_languages(
    tokenizer: Any, src_lang: str | None, tgt_lang: str | None, spec: str
) -> LanguageCodes | None:
    """Set the tokenizer's source language and find the target-language token, for models that
    take language codes (NLLB: ``arb_Arab``/``eng_Latn``; M2M100: ``ar``/``en``, the defaults);
    None for a one-pair model (Marian), which must not be given codes. O(1)."""
    takes_codes = isinstance(getattr(type(tokenizer), "src_lang", None), property)
    if not takes_codes:
        if src_lang or tgt_lang:
            raise TranslateEvalError(
                f"{spec} translates one language pair and takes no src_lang/tgt_lang"
            )
        return None
    m2m_style = callable(getattr(tokenizer, "get_lang_token", None))
    default_src, default_tgt = M2M100_LANGUAGES if m2m_style else NLLB_LANGUAGES
    src_lang, tgt_lang = src_lang or default_src, tgt_lang or default_tgt
    unknown_id = getattr(tokenizer, "unk_token_id", None)
    for option, code in (("src_lang", src_lang), ("tgt_lang", tgt_lang)):
        try:
            token = tokenizer.get_lang_token(code) if m2m_style else code
            known = tokenizer.convert_tokens_to_ids(token) not in (None, unknown_id)
        except (KeyError, ValueError):
            known = False
        if not known:
            example = "ar" if m2m_style else "arb_Arab"
            raise TranslateEvalError(
                f"{spec} does not know the language code {option}={code!r} (e.g. {example!r})"
            )
    tokenizer.src_lang = src_lang
    target_token = tokenizer.get_lang_token(tgt_lang) if m2m_style else tgt_lang
    return LanguageCodes(
        src_lang, tgt_lang, target_token, tokenizer.convert_tokens_to_ids(target_token)
    )


def decode_outputs(
    tokenizer: Any, outputs: list[list[int]], languages: LanguageCodes | None
) -> list[str]:
    """Text of generated token ids with special tokens and the target-language code dropped
    (transformers 5 no longer marks M2M100's codes as special) and spaces collapsed. O(tokens)."""
    drop = languages.target_id if languages is not None else None
    texts = []
    for ids in outputs:
        kept = [token for token in ids if token != drop]
        texts.append(" ".join(tokenizer.decode(kept, skip_special_tokens=True).split()))
    return texts


def first_line(error: BaseException) -> str:
    """The first line of an error's message (at most 160 characters), or its type's name."""
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else type(error).__name__


def load_seq2seq_model(model: str) -> tuple[Any, Any, str, str]:
    """Tokenizer, model, display name and fingerprint; local files only, never the network."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = Path(model).expanduser()
    if folder.is_dir():
        source: str = str(folder)
        name = folder.resolve().name or str(folder)
        fingerprint = fingerprint_model_folder(folder)
    elif folder.exists():
        raise ModelNotFoundError(f"hf:{model} is a file; give the model's folder: hf:FOLDER")
    elif _looks_like_path(model):
        raise ModelNotFoundError(
            f"no model folder at {model}; point hf: at a folder with config.json and weights"
        )
    else:
        source, name, fingerprint = model, model, ""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
            loaded = AutoModelForSeq2SeqLM.from_pretrained(source, local_files_only=True)
    except ImportError as error:
        raise ModelNotFoundError(
            f"hf:{model} needs a package that is missing: {first_line(error)}"
        ) from None
    except Exception as error:  # any failure inside transformers/safetensors on a user's files
        if folder.is_dir():
            raise ModelNotFoundError(
                f"hf:{model} is not a usable seq2seq model folder "
                f"({type(error).__name__}: {first_line(error)})"
            ) from None
        if isinstance(error, OSError):  # what transformers raises for "not in the cache"
            raise ModelNotFoundError(
                f"hf:{model} is not a local folder nor in the local Hugging Face cache; "
                + download_hint(model)
            ) from None
        raise ModelNotFoundError(
            f"hf:{model} could not be loaded from the local Hugging Face cache "
            f"({type(error).__name__}: {first_line(error)})"
        ) from None
    if not getattr(loaded.config, "is_encoder_decoder", False):
        raise ModelNotFoundError(
            f"hf:{model} is not a sequence-to-sequence (encoder-decoder) model"
        )
    return tokenizer, loaded, name, fingerprint


def input_limit(tokenizer: Any, model: Any) -> int:
    """The longest input the model takes: the tokenizer's and the config's limits, if set."""
    limits = []
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 100_000:
        limits.append(tokenizer_limit)
    config_limit = getattr(model.config, "max_position_embeddings", None)
    if isinstance(config_limit, int) and config_limit > 0:
        limits.append(config_limit)
    return min(limits) if limits else FALLBACK_INPUT_LIMIT


def output_limit(model: Any, input_tokens: int) -> int:
    """Default max_new_tokens: as long as the decoder can go (its position table), capped."""
    config_limit = getattr(model.config, "max_position_embeddings", None)
    limit = config_limit if isinstance(config_limit, int) and config_limit > 1 else input_tokens
    return max(1, min(limit - 1, FALLBACK_INPUT_LIMIT))
