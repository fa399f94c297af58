"""Throughput of `hf:` (float32) and `ct2:` (int8) at several batch sizes, on sentences of mixed
length, through the translator classes (their own length sorting and batching).

The model is mt_speed.py's random opus-mt-ar-en-shaped Marian model (built, or reused from
--workdir). 256 sentences of 4-20 random Arabic words; 32 output tokens each (forced, so the
weights do not matter). Each setting: one warm-up on 16 sentences, then the best of 2 runs.
Both backends use every core (one CTranslate2 replica). Cost: O(batch sizes x sentences).

Usage: python benchmarks/mt_batch_size.py [--workdir DIR] [--hf 16,32,64] [--ct2 32,64,128]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

SENTENCES = 256
OUTPUT_TOKENS = 32


def mixed_sentences(count: int = SENTENCES, seed: int = 3) -> list[str]:
    """``count`` sentences of 4-20 random words from the tiny model's Arabic vocabulary."""
    from translate_eval_bench.tiny_marian import ARABIC_WORDS

    rng = random.Random(seed)
    return [
        " ".join(rng.choice(ARABIC_WORDS) for _ in range(rng.randint(4, 20))) for _ in range(count)
    ]


def models(workdir: Path) -> tuple[Path, Path]:
    """The float32 transformers folder and its int8 CTranslate2 conversion (made if absent)."""
    from mt_speed import build_model

    from translate_eval.translate.convert import convert_model

    hf_dir, ct2_dir = workdir / "opus-mt-ar-en-shape", workdir / "opus-mt-ar-en-shape-ct2-int8"
    if not (hf_dir / "model.safetensors").is_file():
        build_model(hf_dir)
    if not (ct2_dir / "model.bin").is_file():
        convert_model(str(hf_dir), ct2_dir, quantization="int8")
    return hf_dir, ct2_dir


def sentences_per_second(spec: str, batch_size: int, sentences: list[str]) -> float:
    from translate_eval.translate import load_translator

    translator = load_translator(
        spec,
        device="cpu",
        batch_size=batch_size,
        max_new_tokens=OUTPUT_TOKENS,
        min_new_tokens=OUTPUT_TOKENS,
    )
    translator.translate(sentences[:16])
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        translator.translate(sentences)
        best = min(best, time.perf_counter() - started)
    return len(sentences) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=None, help="where the models are kept")
    parser.add_argument("--hf", default="16,32,64", help="hf: batch sizes (default 16,32,64)")
    parser.add_argument("--ct2", default="32,64,128", help="ct2: batch sizes (default 32,64,128)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(len(os.sched_getaffinity(0)))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mt_batch_"))
    hf_dir, ct2_dir = models(workdir)
    sentences = mixed_sentences()
    print(f"{'backend':<16} {'batch':>6} {'sent/s':>8}")
    for spec, sizes in ((f"hf:{hf_dir}", args.hf), (f"ct2:{ct2_dir}", args.ct2)):
        for size in (int(s) for s in sizes.split(",")):
            rate = sentences_per_second(spec, size, sentences)
            print(f"{spec.split(':')[0] + ':':<16} {size:>6} {rate:8.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
