"""The `ct2:PATH` MT backend: a CTranslate2 folder made by `translate-eval convert-model`.

Tokenises with the tokenizer files stored in the folder, splits over-long sentences and batches by
length with the same helpers as ``hf:`` (so both backends see the same chunks), and decodes with
CTranslate2 on the CPU (int8 or float32) or a GPU.
"""

from __future__ import annotations

import importlib.util
import json
import os
import warnings
from pathlib import Path
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate.chunking import ChunkedTranslator
from translate_eval.translate.convert import CT2_MISSING, METADATA_FILE, QUANTIZATIONS
from translate_eval.translate.local_models import (
    FALLBACK_INPUT_LIMIT,
    decode_outputs,
    fingerprint_model_folder,
    first_line,
    setup_languages,
)

#: Sentences per translate_batch() call: int8 on 2 CPU cores is about 1.4x faster at 64
#: than at 32 (benchmarks/mt_batch_size.py).
DEFAULT_BATCH_SIZE = 64
DEFAULT_NUM_BEAMS = 1
COMPUTE_TYPES = ("default", "auto", *QUANTIZATIONS)


def _convert_hint(path: str) -> str:
    return f"make one with `translate-eval convert-model HF_MODEL_DIR {path} [--quantization int8]`"


def available_cores() -> int:
    """CPU cores this process may run on (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _read_metadata(folder: Path) -> dict[str, Any]:
    """``translate_eval.json`` written by convert-model; {} for folders converted elsewhere."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return metadata if isinstance(metadata, dict) else {}


def _positive(metadata: dict[str, Any], key: str) -> int | None:
    value = metadata.get(key)
    return value if isinstance(value, int) and value > 0 else None


def _check_options(
    path: str,
    batch_size: int,
    num_beams: int,
    inter_threads: int,
    min_new_tokens: int,
    intra_threads: int | None,
    compute_type: str,
) -> None:
    """A one-line :class:`TranslateEvalError` for a missing path or an invalid option."""
    if not path:
        raise TranslateEvalError(
            f"MT 'ct2:' needs a model folder: ct2:PATH; {_convert_hint('PATH')}"
        )
    for option, value in (
        ("batch_size", batch_size),
        ("num_beams", num_beams),
        ("inter_threads", inter_threads),
    ):
        if not isinstance(value, int) or value < 1:
            raise TranslateEvalError(f"ct2 option {option} must be a positive integer")
    if not isinstance(min_new_tokens, int) or min_new_tokens < 0:
        raise TranslateEvalError("ct2 option min_new_tokens must be a non-negative integer")
    if intra_threads is not None and (not isinstance(intra_threads, int) or intra_threads < 0):
        raise TranslateEvalError("ct2 option intra_threads must be a non-negative integer")
    if compute_type not in COMPUTE_TYPES:
        raise TranslateEvalError(
            f"unknown ct2 compute_type {compute_type!r}; "
            f"choose one of {', '.join(COMPUTE_TYPES)}"
        )


class CT2Translator(ChunkedTranslator):
    """Translation with a CTranslate2 model: batches sorted by length, greedy by default.

    ``translate`` costs O(total tokens) tokenizer work plus one ``translate_batch`` call per
    batch of ``batch_size`` chunks.
    """

    def __init__(
        self,
        path: str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        num_beams: int = DEFAULT_NUM_BEAMS,
        max_new_tokens: int | None = None,
        max_input_tokens: int | None = None,
        min_new_tokens: int = 0,
        device: str | None = None,
        compute_type: str = "default",
        intra_threads: int | None = None,
        inter_threads: int = 1,
        src_lang: str | None = None,
        tgt_lang: str | None = None,
    ) -> None:
        _check_options(
            path, batch_size, num_beams, inter_threads, min_new_tokens, intra_threads, compute_type
        )
        if importlib.util.find_spec("ctranslate2") is None:
            raise ModelNotFoundError(CT2_MISSING)
        import ctranslate2

        self._path = path
        self._options: dict[str, Any] = {
            "batch_size": batch_size,
            "num_beams": num_beams,
            "max_new_tokens": max_new_tokens,
            "max_input_tokens": max_input_tokens,
            "min_new_tokens": min_new_tokens,
            "device": device,
            "compute_type": compute_type,
            "intra_threads": intra_threads,
            "inter_threads": inter_threads,
            "src_lang": src_lang,
            "tgt_lang": tgt_lang,
        }
        folder = Path(path).expanduser()
        if not (folder / "model.bin").is_file():
            where = "is not a CTranslate2 model folder" if folder.exists() else "does not exist"
            raise ModelNotFoundError(f"ct2:{path} {where}; {_convert_hint(path)}")
        metadata = _read_metadata(folder)
        self.tokenizer = _load_tokenizer(folder, path)
        self.device = device or ("cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu")
        self.intra_threads = available_cores() if intra_threads is None else intra_threads
        try:
            self.model = ctranslate2.Translator(
                str(folder),
                device=self.device,
                compute_type=compute_type,
                inter_threads=inter_threads,
                intra_threads=self.intra_threads,
            )
        except (RuntimeError, ValueError) as error:
            raise ModelNotFoundError(
                f"ct2:{path} cannot be loaded on {self.device} with compute_type={compute_type} "
                f"({first_line(error)}); try device='cpu' or reconvert it"
            ) from None
        self.compute_type = str(self.model.compute_type)
        self.languages = setup_languages(self.tokenizer, src_lang, tgt_lang, f"ct2:{path}")
        self.batch_size = batch_size
        self.num_beams = num_beams
        tokenizer_limit = getattr(self.tokenizer, "model_max_length", None)
        if not (isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 100_000):
            tokenizer_limit = None
        self.max_input_tokens = (
            max_input_tokens
            or _positive(metadata, "max_input_tokens")
            or tokenizer_limit
            or FALLBACK_INPUT_LIMIT
        )
        if self.max_input_tokens < 4:
            raise TranslateEvalError("ct2 option max_input_tokens must be at least 4")
        self.max_new_tokens = (
            max_new_tokens
            or _positive(metadata, "max_new_tokens")
            or max(1, min(self.max_input_tokens - 1, FALLBACK_INPUT_LIMIT))
        )
        # transformers counts a forced end token within max_new_tokens; CTranslate2 does not.
        self._end_reserve = 1 if metadata.get("forced_eos") and self.max_new_tokens > 1 else 0
        self.min_new_tokens = min(min_new_tokens, self.max_new_tokens - self._end_reserve)
        self.signature = (
            f"ct2:{folder.resolve().name}|compute={self.compute_type}|beam={num_beams}"
            f"|max_len={self.max_new_tokens}"
            + (f"|min_len={self.min_new_tokens}" if self.min_new_tokens else "")
            + (self.languages.signature if self.languages else "")
            + f"|ctranslate2-{ctranslate2.__version__}"
            + f"|id={fingerprint_model_folder(folder)}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the constructor's arguments: a worker process reloads the model itself."""
        return (_rebuild, (self._path, dict(self._options)))

    def _replica_batch(self, size: int) -> int:
        """Sub-batch size that gives each of the ``inter_threads`` replicas an equal share of
        a batch of ``size`` (0: the whole batch on one replica)."""
        replicas = int(self._options["inter_threads"])
        return 0 if replicas <= 1 or size <= 1 else -(-size // replicas)

    # -- splitting (shared with hf:) -----------------------------------------------------------

    def _generate(self, texts: list[str]) -> list[str]:
        """Translate one batch (each text already fits the input limit)."""
        tokenizer = self.tokenizer
        source = [
            tokenizer.convert_ids_to_tokens(ids)
            for ids in tokenizer(texts, truncation=False)["input_ids"]
        ]
        if max(map(len, source), default=0) > self.max_input_tokens:
            raise RuntimeError("a chunk longer than the model's input limit reached CTranslate2")
        prefix = [[self.languages.target_token] for _ in texts] if self.languages else None
        results = self.model.translate_batch(
            source,
            target_prefix=prefix,
            beam_size=self.num_beams,
            max_input_length=0,  # never truncate: the chunks already fit
            max_decoding_length=self.max_new_tokens - self._end_reserve,
            min_decoding_length=self.min_new_tokens,
            # With inter_threads > 1, split the batch so that every replica translates a part
            # at the same time (results come back in input order); 0 = one batch.
            max_batch_size=self._replica_batch(len(source)),
        )
        return decode_outputs(
            tokenizer,
            [tokenizer.convert_tokens_to_ids(result.hypotheses[0]) for result in results],
            self.languages,
        )


def _rebuild(path: str, options: dict[str, Any]) -> CT2Translator:
    return CT2Translator(path, **options)


def _load_tokenizer(folder: Path, path: str) -> Any:
    """The tokenizer saved in the CTranslate2 folder; local files only."""
    from transformers import AutoTokenizer

    if not any((folder / name).is_file() for name in ("tokenizer_config.json", "tokenizer.json")):
        raise ModelNotFoundError(
            f"ct2:{path} has no tokenizer files; {_convert_hint(path)} (it copies them), or copy "
            "the original model's tokenizer files into the folder"
        )
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            return AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except Exception as error:  # any failure inside transformers on a user's files
        raise ModelNotFoundError(
            f"ct2:{path} has unusable tokenizer files ({type(error).__name__}: "
            f"{first_line(error)}); {_convert_hint(path)}"
        ) from None
