"""The `hf:MODEL_OR_PATH` MT backend: any local transformers seq2seq model, never the network.

Sentences longer than the model's input limit are split (at punctuation, then at word and token
windows), translated piece by piece and re-joined; nothing is truncated (see
:mod:`translate_eval.translate.chunking`; loading and limits: :mod:`~.local_models`).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate.chunking import ChunkedTranslator
from translate_eval.translate.local_models import (
    decode_outputs,
    first_line,
    input_limit,
    load_seq2seq_model,
    output_limit,
    setup_languages,
)

#: Sentences per generate() call. On 2 CPU cores a model of opus-mt-ar-en's shape translates
#: about 1.4x faster at 32 than at 16 (benchmarks/mt_batch_size.py). Memory grows with
#: batch x beam (the key-value cache), so large models with beam search may want less.
DEFAULT_BATCH_SIZE = 32
DEFAULT_NUM_BEAMS = 1
TORCH_MISSING = "MT 'hf:' needs PyTorch: pip install torch==2.13.0 (CPU) or -e '.[hf]'"


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
        self.tokenizer, self.model, name, fingerprint = load_seq2seq_model(model)
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


def _rebuild(model: str, options: dict[str, Any]) -> HFTranslator:
    return HFTranslator(model, **options)
