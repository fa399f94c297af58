"""Speed of the `hf:` (PyTorch float32) and `ct2:` (CTranslate2 int8) MT backends on one batch.

Speed does not depend on trained weights once the output length is fixed, so the script builds a
randomly initialised Marian model with the shape of Helsinki-NLP/opus-mt-ar-en (6 + 6 layers,
d_model 512, 8 heads, feed-forward 2048, a tied ~62k-entry vocabulary, sinusoidal positions,
swish) in a local folder, converts it with `translate_eval.translate.convert.convert_model`, and
translates the same batch (64 Arabic sentences of 25 tokens each, eos included) through
`HFTranslator` and `CT2Translator`, forcing exactly 32 output tokens per sentence in both
(min_new_tokens == max_new_tokens; the model forces no end token).

The vocabulary: a SentencePiece model trained on synthetic text can only hold a few hundred
pieces, so `vocab.json` lists those pieces and is filled up to 62,000 entries with placeholder
tokens; the embedding and output matrices therefore have the real model's size, which is what
the cost depends on (the output projection over the vocabulary is about half the decoder's work).

Each backend runs in its own subprocess, so that the peak resident memory reported (ru_maxrss:
interpreter, libraries, weights and activations) belongs to that backend alone. Each does one
untimed warm-up translation, then timed ones (3 with --quick, else 5). The median is reported
over the "clean" runs: those during which other processes used under 10% of the CPU (from
/proc/stat); all runs count when none was clean, and the table says how many were. All cores
are used (torch.set_num_threads / intra_threads). The FLOP estimate counts multiply-adds of the
matrix products (2 FLOPs each): O(layers x d_model^2) per token, plus the vocabulary projection.

Usage: python benchmarks/mt_speed.py [--quick] [--batch N] [--ct2-inter-threads N]
                                    [--workdir DIR] [--keep]
The last line printed is ``ct2_int8_vs_hf_fp32_speedup=X``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VOCAB_SIZE = 62_000
D_MODEL = 512
LAYERS = 6
HEADS = 8
FFN = 2048
MAX_POSITIONS = 512
BATCH = 64
SOURCE_TOKENS = 25  # per sentence, the end token included
OUTPUT_TOKENS = 32
QUIET = 0.10  # a timed run is clean when other processes used less than this share of the CPU


@dataclass(frozen=True)
class Shape:
    """The sizes the cost depends on."""

    vocab: int = VOCAB_SIZE
    d_model: int = D_MODEL
    layers: int = LAYERS
    ffn: int = FFN


# -- the model ------------------------------------------------------------------------------------


def build_model(folder: Path, seed: int = 0) -> Path:
    """Write a random opus-mt-ar-en-shaped Marian model and its tokenizer into ``folder``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    from translate_eval_bench.tiny_marian import (
        ARABIC_WORDS,
        ENGLISH_WORDS,
        _train_spm,
        synthetic_lines,
    )

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder))
    lines_ar = synthetic_lines(ARABIC_WORDS, 400, seed)
    lines_en = synthetic_lines(ENGLISH_WORDS, 400, seed + 1)
    pieces = _train_spm(lines_ar, work / "source", 200) + _train_spm(lines_en, work / "target", 200)
    (work / "source.model").replace(folder / "source.spm")
    (work / "target.model").replace(folder / "target.spm")
    shutil.rmtree(work)
    vocab: dict[str, int] = {}
    for piece in ("</s>", "<unk>", *pieces):
        vocab.setdefault(piece, len(vocab))
    filler = 0
    while len(vocab) < VOCAB_SIZE - 1:
        vocab.setdefault(f"<placeholder_{filler}>", len(vocab))
        filler += 1
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=D_MODEL,
        encoder_layers=LAYERS,
        decoder_layers=LAYERS,
        encoder_attention_heads=HEADS,
        decoder_attention_heads=HEADS,
        encoder_ffn_dim=FFN,
        decoder_ffn_dim=FFN,
        max_position_embeddings=MAX_POSITIONS,
        activation_function="swish",
        scale_embedding=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=vocab["</s>"],
        forced_eos_token_id=None,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        model.get_input_embeddings().weight[pad].zero_()  # Marian starts from a zero vector
    model.generation_config.forced_eos_token_id = None
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(folder)
    tokenizer = MarianTokenizer(
        source_spm=str(folder / "source.spm"),
        target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
        model_max_length=MAX_POSITIONS,
    )
    tokenizer.save_pretrained(folder)
    return folder


def make_batch(model_folder: Path, count: int, tokens: int, seed: int = 1) -> list[str]:
    """``count`` sentences of random Arabic words, each exactly ``tokens`` tokens long."""
    from transformers import AutoTokenizer

    from translate_eval_bench.tiny_marian import ARABIC_WORDS

    tokenizer = AutoTokenizer.from_pretrained(str(model_folder), local_files_only=True)
    rng = random.Random(seed)
    sentences: list[str] = []
    while len(sentences) < count:
        words: list[str] = []
        while len(tokenizer(" ".join(words))["input_ids"]) < tokens:
            words.append(rng.choice(ARABIC_WORDS))
        if len(tokenizer(" ".join(words))["input_ids"]) == tokens:
            sentences.append(" ".join(words))
    return sentences


# -- one backend, in its own process --------------------------------------------------------------


def worker(
    backend: str, model: str, batch_file: str, repeats: int, warmup: int, inter_threads: int = 1
) -> dict[str, Any]:
    """Translate the batch ``repeats`` times (after a warm-up) and report times and memory.
    ``inter_threads`` (ct2 only): replicas translating parts of the batch at the same time,
    each with cores / inter_threads threads."""
    sentences = json.loads(Path(batch_file).read_text(encoding="utf-8"))
    cores = len(os.sched_getaffinity(0))
    options = {
        "batch_size": len(sentences),
        "max_new_tokens": OUTPUT_TOKENS,
        "min_new_tokens": OUTPUT_TOKENS,
    }
    started = time.perf_counter()
    if backend == "hf":
        import torch

        from translate_eval.translate.hf import HFTranslator

        torch.set_num_threads(cores)
        translator: Any = HFTranslator(model, device="cpu", **options)
        produced = _hf_output_length(translator, sentences[:2])
    else:
        from translate_eval.translate.ct2 import CT2Translator

        compute = "int8" if backend == "ct2-int8" else "float32"
        translator = CT2Translator(
            model,
            device="cpu",
            compute_type=compute,
            intra_threads=max(1, cores // inter_threads),
            inter_threads=inter_threads,
            **options,
        )
        produced = _ct2_output_length(translator, sentences[:2])
    load_seconds = time.perf_counter() - started
    if produced != OUTPUT_TOKENS:
        raise SystemExit(f"{backend} produced {produced} tokens, not {OUTPUT_TOKENS}")
    translator.translate(sentences[:warmup])
    times: list[float] = []
    others: list[float] = []
    for _ in range(repeats):
        busy, own, start = _busy_seconds(), _own_seconds(), time.perf_counter()
        outputs = translator.translate(sentences)
        times.append(time.perf_counter() - start)
        elsewhere = (_busy_seconds() - busy) - (_own_seconds() - own)
        others.append(max(0.0, elsewhere / (times[-1] * cores)))
    assert len(outputs) == len(sentences)
    return {
        "backend": backend,
        "signature": translator.signature,
        "cores": cores,
        "load_seconds": load_seconds,
        "seconds": times,
        "peak_rss_mb": peak_rss_mb(),
        "others_cpu_share": others,
        "torch_imported": "torch" in sys.modules,
    }


def _busy_seconds() -> float:
    """CPU seconds all processes have spent busy since boot (/proc/stat), or 0 if unknown."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    times = os.times()
    return times.user + times.system


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM is reset by exec; ru_maxrss is not (Linux
    carries the parent's high-water mark over fork + exec), so VmHWM comes first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hf_output_length(translator: Any, sentences: list[str]) -> int:
    """Generated tokens per sentence (decoder start excluded), checked on the raw model."""
    import torch

    encoded = translator.tokenizer(sentences, return_tensors="pt", padding=True)
    with torch.inference_mode():
        generated = translator.model.generate(
            **encoded,
            num_beams=1,
            do_sample=False,
            max_new_tokens=OUTPUT_TOKENS,
            min_new_tokens=OUTPUT_TOKENS,
        )
    return int(generated.shape[1]) - 1


def _ct2_output_length(translator: Any, sentences: list[str]) -> int:
    tokenizer = translator.tokenizer
    source = [tokenizer.convert_ids_to_tokens(tokenizer(s)["input_ids"]) for s in sentences]
    results = translator.model.translate_batch(
        source,
        beam_size=1,
        max_decoding_length=OUTPUT_TOKENS,
        min_decoding_length=OUTPUT_TOKENS,
    )
    return min(len(result.hypotheses[0]) for result in results)


# -- the estimate ---------------------------------------------------------------------------------


def flops_per_batch(shape: Shape, batch: int, source: int, output: int) -> dict[str, float]:
    """Matrix-product FLOPs (2 per multiply-add) for one batch. Encoder: 4d^2 (attention
    projections) + 2 d f (feed-forward) per layer and token, plus 4 S d for attention scores.
    Decoder per generated token: 4d^2 (self) + 2d^2 (cross Q, O) + 2 d f per layer, plus scores
    over the prefix and the source, plus d V for the vocabulary projection; the cross-attention
    K, V (2d^2 per layer and source token) are computed once per sentence."""
    d, f, layers, vocab = shape.d_model, shape.ffn, shape.layers, shape.vocab
    encoder_token = layers * (4 * d * d + 2 * d * f + 2 * source * d)
    cross_kv_token = layers * 2 * d * d
    mean_prefix = (output + 1) / 2
    decoder_token = layers * (6 * d * d + 2 * d * f + 2 * mean_prefix * d + 2 * source * d)
    projection_token = d * vocab
    per_sentence = source * (encoder_token + cross_kv_token) + output * (
        decoder_token + projection_token
    )
    return {
        "encoder_per_source_token": 2.0 * encoder_token,
        "decoder_per_output_token": 2.0 * (decoder_token + projection_token),
        "projection_per_output_token": 2.0 * projection_token,
        "batch_total": 2.0 * per_sentence * batch,
    }


def cpu_peak() -> dict[str, Any]:
    """The cores' theoretical peak from /proc/cpuinfo: cores x GHz x FLOPs per cycle, where the
    FLOPs per cycle follow the vector units the flags and the CPU family imply."""
    info: dict[str, str] = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    flags = set(info.get("flags", "").split())
    vendor = info.get("vendor_id", "")
    family = int(info.get("cpu family", "0") or 0)
    ghz = float(info.get("cpu MHz", "0") or 0) / 1000
    if "avx512f" in flags and not (vendor == "AuthenticAMD" and family == 25):
        fp32_per_cycle, unit = 64, "2 x 512-bit FMA"
    elif "fma" in flags and "avx2" in flags:
        fp32_per_cycle, unit = 32, "2 x 256-bit FMA"  # AMD Zen 4 runs AVX-512 on 256-bit halves
    else:
        fp32_per_cycle, unit = 8, "SSE"
    int8_per_cycle = fp32_per_cycle * 4 if "avx512_vnni" in flags else fp32_per_cycle * 2
    cores = len(os.sched_getaffinity(0))
    return {
        "model": info.get("model name", "?"),
        "family": family,
        "cores": cores,
        "ghz": ghz,
        "vector_unit": unit,
        "vnni": "avx512_vnni" in flags,
        "fp32_peak_gflops": cores * ghz * fp32_per_cycle,
        "int8_peak_gops": cores * ghz * int8_per_cycle,
    }


# -- driver ---------------------------------------------------------------------------------------


def run_backend(
    backend: str, model: Path, batch_file: Path, repeats: int, warmup: int, inter_threads: int = 1
) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        backend,
        "--model",
        str(model),
        "--batch-file",
        str(batch_file),
        "--repeats",
        str(repeats),
        "--warmup",
        str(warmup),
        "--ct2-inter-threads",
        str(inter_threads),
    ]
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{backend} worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under 3 minutes)")
    parser.add_argument("--workdir", type=Path, default=None, help="where the models go")
    parser.add_argument("--keep", action="store_true", help="keep the models in --workdir")
    parser.add_argument("--no-ct2-float32", action="store_true", help="skip the ct2 float32 row")
    parser.add_argument(
        "--batch",
        type=int,
        default=BATCH,
        metavar="N",
        help=f"sentences in the batch, the same for every backend (default {BATCH})",
    )
    parser.add_argument(
        "--ct2-inter-threads",
        type=int,
        default=1,
        metavar="N",
        help="ct2: N replicas translate parts of the batch at once, each with cores/N threads "
        "(default 1: one replica using every core)",
    )
    parser.add_argument(
        "--worker", choices=["hf", "ct2-int8", "ct2-float32"], help=argparse.SUPPRESS
    )
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--batch-file", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--warmup", type=int, default=BATCH, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(
            args.worker,
            args.model,
            args.batch_file,
            args.repeats,
            args.warmup,
            args.ct2_inter_threads if args.worker != "hf" else 1,
        )
        print(json.dumps(result))
        return 0

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    repeats, warmup = (3, 8) if args.quick else (5, args.batch)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mt_speed_"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        hf_dir = workdir / "opus-mt-ar-en-shape"
        if not (hf_dir / "model.safetensors").is_file():
            build_model(hf_dir)
        from translate_eval.translate.convert import convert_model

        ct2_dirs = {"ct2-int8": workdir / "opus-mt-ar-en-shape-ct2-int8"}
        if not args.no_ct2_float32:
            ct2_dirs["ct2-float32"] = workdir / "opus-mt-ar-en-shape-ct2"
        for backend, folder in ct2_dirs.items():
            if not (folder / "model.bin").is_file():
                convert_model(str(hf_dir), folder, quantization=backend.removeprefix("ct2-"))
        sentences = make_batch(hf_dir, args.batch, SOURCE_TOKENS)
        batch_file = workdir / "batch.json"
        batch_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        print(f"setup (build, convert, batch): {time.perf_counter() - started:.1f} s", flush=True)

        load = os.getloadavg()
        print(f"load average before timing: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        results = [run_backend("hf", hf_dir, batch_file, repeats, warmup)]
        for backend, folder in ct2_dirs.items():
            results.append(
                run_backend(backend, folder, batch_file, repeats, warmup, args.ct2_inter_threads)
            )
        report(results, args.batch)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


def clean_median(seconds: list[float], others: list[float]) -> tuple[float, str]:
    """Median time over the runs other processes left alone (all runs if none), and the count
    as 'clean/total'. A 2-core machine shared with other jobs slows OpenMP-threaded float32
    code several-fold when one core is taken, so such runs measure the neighbours, not MT."""
    quiet = [time for time, share in zip(seconds, others, strict=True) if share < QUIET]
    return statistics.median(quiet or seconds), f"{len(quiet)}/{len(seconds)}"


def report(results: list[dict[str, Any]], batch: int = BATCH) -> None:
    flops = flops_per_batch(Shape(), batch, SOURCE_TOKENS, OUTPUT_TOKENS)
    peak = cpu_peak()
    generated = batch * OUTPUT_TOKENS
    print(
        f"batch: {batch} sentences x {SOURCE_TOKENS} source tokens -> {OUTPUT_TOKENS} output "
        f"tokens each; median of {len(results[0]['seconds'])} runs after a warm-up; "
        f"{results[0]['cores']} cores"
    )
    print(
        f"estimated work: {flops['encoder_per_source_token'] / 1e6:.0f} MFLOP per source token "
        f"(encoder), {flops['decoder_per_output_token'] / 1e6:.0f} MFLOP per output token "
        f"(decoder, of which {flops['projection_per_output_token'] / 1e6:.0f} vocabulary "
        f"projection); {flops['batch_total'] / 1e9:.0f} GFLOP per batch"
    )
    print(
        f"cpu: {peak['model']} family {peak['family']}, {peak['cores']} cores at "
        f"{peak['ghz']:.2f} GHz, {peak['vector_unit']}: peak {peak['fp32_peak_gflops']:.0f} "
        f"GFLOP/s fp32, {peak['int8_peak_gops']:.0f} GOP/s int8 (VNNI: {peak['vnni']})"
    )
    header = (
        f"{'backend':<12} {'sent/s':>8} {'tok/s':>8} {'s/batch':>8} {'GFLOP/s':>8} "
        f"{'of peak':>8} {'peak RSS MB':>12} {'load s':>7} {'clean':>7}"
    )
    print(header)
    medians = {}
    for result in results:
        seconds, clean = clean_median(result["seconds"], result["others_cpu_share"])
        medians[result["backend"]] = seconds
        achieved = flops["batch_total"] / seconds / 1e9
        reference = (
            peak["int8_peak_gops"] if "int8" in result["backend"] else peak["fp32_peak_gflops"]
        )
        share = f"{achieved / reference:.0%}" if reference else "?"
        print(
            f"{result['backend']:<12} {batch / seconds:8.1f} {generated / seconds:8.0f} "
            f"{seconds:8.2f} {achieved:8.1f} {share:>8} {result['peak_rss_mb']:12.0f} "
            f"{result['load_seconds']:7.1f} {clean:>7}"
        )
    print(
        f"(clean: timed runs during which other processes used under {QUIET:.0%} of the cores; "
        "the median is over those, or over all runs when none was clean)"
    )
    for result in results:
        print(
            f"  {result['backend']}: {result['signature']}; runs "
            + ", ".join(f"{s:.2f}" for s in result["seconds"])
            + " s; others' CPU share "
            + ", ".join(f"{share:.0%}" for share in result["others_cpu_share"])
            + f"; torch imported: {result['torch_imported']}"
        )
    if "ct2-float32" in medians:
        print(f"ct2_float32_vs_hf_fp32_speedup={medians['hf'] / medians['ct2-float32']:.2f}")
    print(f"ct2_int8_vs_hf_fp32_speedup={medians['hf'] / medians['ct2-int8']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
