"""The `hf:MODEL_OR_PATH` MT backend: any local transformers seq2seq model, never the network.

Sentences longer than the model's input limit are split (at punctuation, then at word and token
windows), translated piece by piece and re-joined; nothing is truncated. The splitting, batching and
language-code helpers here are shared with the ``ct2:`` backend.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError

#: Sentences per generate() call. On 2 CPU cores a model of opus-mt-ar-en's shape translates
#: about 1.4x faster at 32 than at 16 (benchmarks/mt_batch_size.py). Memory grows with
#: batch x beam (the key-value cache), so large models with beam search may want less.
DEFAULT_BATCH_SIZE = 32
DEFAULT_NUM_BEAMS = 1
FALLBACK_INPUT_LIMIT = 512
TORCH_MISSING = "MT 'hf:' needs PyTorch: pip install torch==2.13.0 (CPU) or 'translate-eval[hf]'"
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".h5", ".msgpack")
# A clause ends after one of these marks (Latin and Arabic) followed by spaces.
_CLAUSE_END_RE = re.compile(r"(?<=[.!?;:,\u060c\u061b\u061f\u06d4])\s+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?\u061f\u06d4])\s+")
_FINGERPRINT_SAMPLE = 1 << 16  # bytes read from the end of each weight file
#: Arabic -> English codes for multilingual models: NLLB (FLORES-200 codes) and M2M100 (ISO 639-1).
NLLB_LANGUAGES = ("arb_Arab", "eng_Latn")
M2M100_LANGUAGES = ("ar", "en")

TokenCounter = Callable[[str], int]
BatchTranslator = Callable[[list[str]], list[str]]


def download_hint(name: str) -> str:
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


@dataclass(frozen=True)
class Chunk:
    """One piece of one sentence, as fed to the model."""

    sentence_index: int
    text: str
    length: int  # tokens, special tokens included


# -- splitting and batching (shared by every tokenised backend) -----------------------------------


def split_to_fit(sentence: str, count_tokens: TokenCounter, limit: int) -> list[str]:
    """Pieces of ``sentence`` that each take at most ``limit`` tokens, in order, which together
    hold every word of the sentence. One piece when it fits already.

    Splits at sentence ends, then clause punctuation, then between words, and only then inside a
    word (token windows). O(n log n) ``count_tokens`` calls for n words in the worst case.
    """
    if count_tokens(sentence) <= limit:
        return [sentence]
    for pattern in (_SENTENCE_END_RE, _CLAUSE_END_RE):
        parts = [part for part in pattern.split(sentence) if part.strip()]
        if len(parts) > 1:
            return _pack(parts, count_tokens, limit)
    words = sentence.split()
    if len(words) > 1:
        return _pack(words, count_tokens, limit)
    return _token_windows(sentence, count_tokens, limit)


def _pack(parts: list[str], count_tokens: TokenCounter, limit: int) -> list[str]:
    """Greedily join consecutive parts while they fit; split any part that is too long."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if count_tokens(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        if count_tokens(part) <= limit:
            current = part
        else:
            pieces.extend(split_to_fit(part, count_tokens, limit))
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _token_windows(text: str, count_tokens: TokenCounter, limit: int) -> list[str]:
    """Cut one unbroken string into the longest prefixes that fit, found by binary search on
    characters: O(log n) ``count_tokens`` calls per window; the windows concatenate to text."""
    windows = []
    rest = text
    while rest:
        if count_tokens(rest) <= limit:
            windows.append(rest)
            break
        low, high = 1, len(rest) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if count_tokens(rest[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        windows.append(rest[:low])
        rest = rest[low:]
    return windows


def plan_chunks(sentences: list[str], count_tokens: TokenCounter, limit: int) -> list[Chunk]:
    """The chunks a model sees for ``sentences``: each sentence with its spaces collapsed, split
    to fit ``limit``; empty sentences give none. O(total words) token counts when all fit."""
    chunks = []
    for index, sentence in enumerate(sentences):
        if not sentence.strip():
            continue
        for piece in split_to_fit(" ".join(sentence.split()), count_tokens, limit):
            chunks.append(Chunk(index, piece, count_tokens(piece)))
    return chunks


def translate_chunks(
    chunks: list[Chunk], sentence_count: int, batch_size: int, translate_batch: BatchTranslator
) -> list[str]:
    """Translate ``chunks`` longest first in batches of ``batch_size`` (little padding per
    batch), then re-join each sentence's pieces in order: one string per sentence, '' for a
    sentence with no chunk. O(c log c) for c chunks plus the model calls."""
    order = sorted(range(len(chunks)), key=lambda i: (-chunks[i].length, i))
    outputs: list[str] = [""] * len(chunks)
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        translated = translate_batch([chunks[i].text for i in batch])
        for position, text in zip(batch, translated, strict=True):
            outputs[position] = text
    pieces: list[list[str]] = [[] for _ in range(sentence_count)]
    for chunk, text in zip(chunks, outputs, strict=True):
        if text:
            pieces[chunk.sentence_index].append(text)
    return [" ".join(parts) for parts in pieces]


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


class ChunkedTranslator:
    """What the ``hf:`` and ``ct2:`` backends share: fitting sentences to the model's input
    limit, length-sorted batches and re-joining. A subclass sets ``tokenizer``,
    ``max_input_tokens`` and ``batch_size`` and implements ``_generate(list[str])``.
    """

    tokenizer: Any
    max_input_tokens: int
    batch_size: int

    def token_count(self, text: str) -> int:
        """Model input length of ``text``, special tokens included."""
        return len(self.tokenizer(text, truncation=False, verbose=False)["input_ids"])

    def split_for_model(self, sentence: str) -> list[str]:
        """Pieces of ``sentence`` that each fit the model's input limit (see
        :func:`split_to_fit`)."""
        return split_to_fit(sentence, self.token_count, self.max_input_tokens)

    # -- translating ---------------------------------------------------------------------------

    def plan(self, sentences: list[str]) -> list[Chunk]:
        """The chunks the model will see for ``sentences`` (empty sentences give none)."""
        return plan_chunks(sentences, self.token_count, self.max_input_tokens)

    def translate(self, sentences: list[str]) -> list[str]:
        """One translation per sentence, in input order; empty sentences give ''."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        sentences = list(sentences)
        return translate_chunks(
            self.plan(sentences), len(sentences), self.batch_size, self._generate
        )

    def _generate(self, texts: list[str]) -> list[str]:
        """Translate one batch of texts that each fit the input limit (the backend's job)."""
        raise NotImplementedError


class HFTranslator(ChunkedTranslator):
    """Seq2seq translation with transformers: batches sorted by length, greedy by default.

    ``translate`` costs O(total tokens) tokenizer work plus one ``generate`` call per batch.
    """

    def __init__(
        self,
        model: str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        num_beams: int = DEFAULT_NUM_BEAMS,
        max_new_tokens: int | None = None,
        max_input_tokens: int | None = None,
        device: str | None = None,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
        min_new_tokens: int = 0,
    ) -> None:
        if not model:
            raise TranslateEvalError(
                "MT 'hf:' needs a model: hf:PATH_TO_FOLDER or hf:HUB_ID already in the local cache"
            )
        for option, value in (("batch_size", batch_size), ("num_beams", num_beams)):
            if not isinstance(value, int) or value < 1:
                raise TranslateEvalError(f"hf option {option} must be a positive integer")
        if importlib.util.find_spec("torch") is None:
            raise ModelNotFoundError(TORCH_MISSING)
        import torch
        import transformers

        if not isinstance(min_new_tokens, int) or min_new_tokens < 0:
            raise TranslateEvalError("hf option min_new_tokens must be a non-negative integer")
        self._options: dict[str, Any] = {
            "batch_size": batch_size,
            "num_beams": num_beams,
            "max_new_tokens": max_new_tokens,
            "max_input_tokens": max_input_tokens,
            "device": device,
            "src_lang": src_lang,
            "tgt_lang": tgt_lang,
            "min_new_tokens": min_new_tokens,
        }
        self._model_spec = model
        self._torch = torch
        self.batch_size = batch_size
        self.num_beams = num_beams
        self.tokenizer, self.model, name, fingerprint = _load(model)
        self.languages = setup_languages(self.tokenizer, src_lang, tgt_lang, f"hf:{model}")
        try:
            self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
            self.model.to(self.device)
        except (RuntimeError, ValueError, AssertionError) as error:
            raise TranslateEvalError(
                f"hf device {device!r} cannot be used ({first_line(error)}); try device='cpu'"
            ) from None
        self.model.eval()
        self.max_input_tokens = max_input_tokens or input_limit(self.tokenizer, self.model)
        if self.max_input_tokens < 4:
            raise TranslateEvalError("hf option max_input_tokens must be at least 4")
        self.max_new_tokens = max_new_tokens or output_limit(self.model, self.max_input_tokens)
        self.min_new_tokens = min(min_new_tokens, self.max_new_tokens)
        self.signature = (
            f"hf:{name}|beam={num_beams}|max_len={self.max_new_tokens}"
            + (f"|min_len={self.min_new_tokens}" if self.min_new_tokens else "")
            + (self.languages.signature if self.languages else "")
            + f"|transformers-{transformers.__version__}"
            + (f"|id={fingerprint}" if fingerprint else "")
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the constructor's arguments: a worker process reloads the model itself."""
        return (_rebuild, (self._model_spec, dict(self._options)))

    # -- splitting -----------------------------------------------------------------------------

    def _generate(self, texts: list[str]) -> list[str]:
        """Translate one batch (each text already fits the input limit)."""
        torch = self._torch
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=False)
        if encoded["input_ids"].shape[1] > self.max_input_tokens:
            raise RuntimeError("a chunk longer than the model's input limit reached generate()")
        encoded = {key: value.to(self.device) for key, value in encoded.items()}
        extra: dict[str, Any] = {}
        if self.languages is not None:
            extra["forced_bos_token_id"] = self.languages.target_id
        if self.min_new_tokens:
            extra["min_new_tokens"] = self.min_new_tokens
        with torch.inference_mode():
            generated = self.model.generate(
                **encoded,
                num_beams=self.num_beams,
                do_sample=False,
                max_new_tokens=self.max_new_tokens,
                **extra,
            )
        return decode_outputs(self.tokenizer, generated.tolist(), self.languages)


def first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else type(error).__name__


def _rebuild(model: str, options: dict[str, Any]) -> HFTranslator:
    return HFTranslator(model, **options)


def _load(model: str) -> tuple[Any, Any, str, str]:
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
