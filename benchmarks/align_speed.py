"""Aligner speed and memory on synthetic document pairs of 1,000 x 1,200 and 10,000 x 12,000
sentences, for both presets (``preset_config("parallel")``, ``preset_config("editorial")``).

What is measured: ``Aligner.align(src, tgt, mt=...)`` as the pipeline runs it by default, i.e.
with *both* content signals: MT character n-grams (one English MT line per source sentence) and
sentence embeddings of concatenated runs (``span_embedding='concat'``: the encoder is asked for
n * max_src_bead + m * max_tgt_bead texts), plus length and numbers. The encoder is a lookup
table of precomputed vectors, and the seconds spent inside its ``encode`` are subtracted, so
"align s" is the aligner's own time: building the run texts, n-gram hashing, the search, the
moved-bead pass.

The pair: source "Arabic" sentences (Arabic letters, realistic lengths: about 22 words, gamma
distributed) built from English-like pseudo-words; the English is the same content with 20% of
the words paraphrased (replaced) and with editorial edits planted at fixed rates (15% of the
sources split into two English sentences, 3% merged with the next, 3% omitted, and unrelated
English sentences inserted to reach exactly 1.2 target sentences per source sentence); the MT
replaces 30% of each source's words. Embeddings: each pseudo-word has a random Gaussian vector;
a text's vector is the unit-normalised sum of its words' vectors plus Gaussian noise of the
same norm, so true beads score a cosine of about 0.4 and random pairs about 0: a planted
diagonal that makes the search do real work.

Time: "align s" is wall time; "align CPU s" is the process's CPU time over the same call (the
search runs on one thread, so on an idle machine the two are close; on a loaded one CPU time is
the better guide). Both exclude the lookup encoder's time (the seconds spent inside ``encode``).

Memory: each (size, preset) runs in a fresh subprocess. "align peak MB" is tracemalloc's peak
of the memory allocated during a second ``align`` call (numpy arrays and Python objects: the
run texts, the vectors the encoder returns, n-gram matrices, tables; the inputs are allocated
before); "process MB" is the subprocess's peak resident set (``ru_maxrss``): inputs, the
lookup table of run vectors, interpreter and libraries included, an upper bound.

Targets (2 cores): 1k x 1.2k under 5 s; 10k x 12k under 60 s and 2 GB;
time(10k) / time(1k) <= 15.

Usage::

    python benchmarks/align_speed.py [--quick] [--sizes 1000,10000]
                                     [--presets parallel,editorial,classical]
                                     [--repeat 1]

``--quick``: 1,000 x 1,200 and 3,000 x 3,600 only (a smoke test).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent

from translate_eval.align import Aligner, preset_config, score_alignments  # noqa: E402
from translate_eval.align.beads import Bead  # noqa: E402

TARGET_RATIO = 1.2
VOCABULARY = 20_000
DIM = 512
SPLIT, MERGE, OMIT = 0.15, 0.03, 0.03
PARAPHRASE, MT_NOISE = 0.2, 0.3
_ARABIC_BASE = 0x0621


class SyntheticPair:
    """Source, target and MT sentences of one synthetic pair, with the word ids behind them."""

    def __init__(self, n_src: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.rng = rng
        letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
        word_lengths = rng.integers(2, 10, size=VOCABULARY)
        self.words = ["".join(rng.choice(letters, size=k)) for k in word_lengths]
        zipf = 1.0 / np.arange(1, VOCABULARY + 1)
        self.word_cdf = np.cumsum(zipf / zipf.sum())
        self.word_vectors = rng.standard_normal((VOCABULARY, DIM)).astype(np.float32)

        units = [self._sentence() for _ in range(n_src)]
        self.src_ids = units
        self.mt_ids = [self._noisy(u, MT_NOISE) for u in units]
        n_tgt = round(TARGET_RATIO * n_src)
        kinds = np.full(n_src, "keep", dtype=object)
        order = rng.permutation(n_src - 1)  # the last source is never merged with a next one
        n_split, n_merge, n_omit = round(SPLIT * n_src), round(MERGE * n_src), round(OMIT * n_src)
        kinds[order[:n_split]] = "split"
        kinds[order[n_split : n_split + n_merge]] = "merge"
        kinds[order[n_split + n_merge : n_split + n_merge + n_omit]] = "omit"
        items: list[tuple[tuple[int, ...], list[list[int]]]] = []  # (source ids, English)
        i = 0
        while i < n_src:
            words = self._noisy(units[i], PARAPHRASE)
            if kinds[i] == "split" and len(words) >= 4:
                cut = len(words) // 2
                items.append(((i,), [words[:cut], words[cut:]]))
            elif kinds[i] == "merge" and i + 1 < n_src:
                items.append(((i, i + 1), [words + self._noisy(units[i + 1], PARAPHRASE)]))
                i += 1
            elif kinds[i] == "omit":
                items.append(((i,), []))
            else:
                items.append(((i,), [words]))
            i += 1
        n_english = sum(len(english) for _, english in items)
        for _ in range(max(0, n_tgt - n_english)):
            items.insert(int(rng.integers(0, len(items) + 1)), ((), [self._sentence()]))
        self.tgt_ids: list[list[int]] = []
        self.gold: list[Bead] = []
        for src_ids, english in items:
            first = len(self.tgt_ids)
            self.tgt_ids.extend(english)
            self.gold.append(Bead(src_ids, tuple(range(first, len(self.tgt_ids)))))
        self.src = [_arabic(" ".join(self.words[w] for w in u)) + "." for u in self.src_ids]
        self.tgt = [_capital(" ".join(self.words[w] for w in t)) + "." for t in self.tgt_ids]
        self.mt = [_capital(" ".join(self.words[w] for w in u)) + "." for u in self.mt_ids]

    def _sentence(self) -> list[int]:
        length = int(np.clip(self.rng.gamma(4.0, 5.5), 4, 80))
        return self._draw(length)

    def _draw(self, count: int) -> list[int]:
        drawn = np.searchsorted(self.word_cdf, self.rng.random(count) * self.word_cdf[-1])
        return [int(w) for w in np.minimum(drawn, VOCABULARY - 1)]

    def _noisy(self, words: list[int], share: float) -> list[int]:
        out = list(words)
        replaced = np.flatnonzero(self.rng.random(len(out)) < share)
        for k, word in zip(replaced, self._draw(len(replaced)), strict=True):
            out[k] = word
        return out

    def encoder(self, max_src: int, max_tgt: int) -> LookupEncoder:
        """A lookup encoder holding the vector of every run the aligner will ask for."""
        table: dict[str, int] = {}
        blocks = []
        for sentences, ids, limit in (
            (self.src, self.src_ids, max_src),
            (self.tgt, self.tgt_ids, max_tgt),
            (self.mt, self.mt_ids, max_src),  # asked for by the classical preset only
        ):
            sums = _bag_vectors(ids, self.word_vectors)
            prefix = np.concatenate([np.zeros((1, DIM)), np.cumsum(sums, axis=0, dtype=np.float64)])
            for size in range(1, min(limit, len(sentences)) + 1):
                runs = (prefix[size:] - prefix[:-size]).astype(np.float32)
                runs /= np.maximum(np.linalg.norm(runs, axis=1, keepdims=True), 1e-9)
                noise = self.rng.standard_normal(runs.shape).astype(np.float32)
                noise /= np.linalg.norm(noise, axis=1, keepdims=True)
                runs += noise
                runs /= np.linalg.norm(runs, axis=1, keepdims=True)
                for start in range(len(sentences) - size + 1):
                    table.setdefault(" ".join(sentences[start : start + size]), len(table))
                blocks.append(runs)
        return LookupEncoder(table, np.concatenate(blocks))


class LookupEncoder:
    """An encoder returning precomputed vectors; counts the seconds spent in ``encode``."""

    signature = "lookup-synthetic"

    def __init__(self, table: dict[str, int], vectors: np.ndarray) -> None:
        self.table, self.vectors = table, vectors
        self.seconds = self.cpu_seconds = 0.0

    def encode(self, sentences: list[str]) -> np.ndarray:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = self.vectors[[self.table[s] for s in sentences]]
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.process_time() - cpu_started
        return result


def _bag_vectors(ids: list[list[int]], word_vectors: np.ndarray) -> np.ndarray:
    out = np.zeros((len(ids), word_vectors.shape[1]), dtype=np.float32)
    for row, words in enumerate(ids):
        out[row] = word_vectors[words].sum(axis=0)
    return out


def _arabic(text: str) -> str:
    return "".join(chr(_ARABIC_BASE + ord(c) - 97) if "a" <= c <= "z" else c for c in text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def measure(n_src: int, preset: str, repeat: int, seed: int) -> dict[str, float]:
    """Align one synthetic pair (in this process) and return its figures."""
    config = preset_config(preset)
    pair = SyntheticPair(n_src, seed)
    encoder = pair.encoder(config.src_limit, config.tgt_limit)
    aligner = Aligner(config, encoder=encoder)
    gc.collect()
    times, cpu_times = [], []
    beads = []
    for _ in range(repeat):
        encoder.seconds = encoder.cpu_seconds = 0.0
        started, cpu_started = time.perf_counter(), time.process_time()
        beads = aligner.align(pair.src, pair.tgt, mt=pair.mt)
        times.append(time.perf_counter() - started - encoder.seconds)
        cpu_times.append(time.process_time() - cpu_started - encoder.cpu_seconds)
    encode_seconds = encoder.seconds
    del beads
    gc.collect()
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    beads = aligner.align(pair.src, pair.tgt, mt=pair.mt)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    moved = sum(b.moved for b in beads)
    f1 = score_alignments([pair.gold], [beads])["strict_f1"]
    return {
        "n_src": n_src,
        "n_tgt": len(pair.tgt),
        "preset": preset,
        "align_s": min(times),
        "align_cpu_s": min(cpu_times),
        "encode_s": encode_seconds,
        "align_peak_mb": (peak - base) / 2**20,
        "process_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "beads": len(beads),
        "moved": moved,
        "strict_f1": f1,
    }


def run_child(n_src: int, preset: str, repeat: int, seed: int) -> dict[str, float]:
    """Run :func:`measure` in a fresh interpreter (so peak memory is this size's own)."""
    command = [sys.executable, __file__, "--child", f"{n_src},{preset},{repeat},{seed}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {n_src} {preset} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 3,000 sources only")
    parser.add_argument("--sizes", default=None, help="source sentence counts, e.g. 1000,10000")
    parser.add_argument("--presets", default="parallel,editorial")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per size (best kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        n, preset, repeat, seed = args.child.split(",")
        print(json.dumps(measure(int(n), preset, int(repeat), int(seed))))
        return 0
    sizes = [
        int(s) for s in (args.sizes or ("1000,3000" if args.quick else "1000,10000")).split(",")
    ]
    presets = [p.strip() for p in args.presets.split(",")]
    load = os.getloadavg()
    print(
        f"# load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs"
    )
    header = ["preset", "sentences", "align s", "align CPU s", "encoder s (excluded)"]
    header += ["align peak MB"]
    header += ["process MB", "beads", "moved", "strict F1 vs planted gold"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    results: dict[tuple[str, int], dict[str, float]] = {}
    for preset in presets:
        for n in sizes:
            r = run_child(n, preset, args.repeat, args.seed)
            results[(preset, n)] = r
            print(
                f"| {preset} | {r['n_src']:,} x {r['n_tgt']:,} | {r['align_s']:.2f} | "
                f"{r['align_cpu_s']:.2f} | "
                f"{r['encode_s']:.2f} | {r['align_peak_mb']:.0f} | {r['process_mb']:.0f} | "
                f"{r['beads']} | {r['moved']} | {r['strict_f1']:.3f} |",
                flush=True,
            )
    load = os.getloadavg()
    summary = []
    for preset in presets:
        parts = []
        for n in sizes:
            r = results[(preset, n)]
            parts.append(
                f"{n}: {r['align_s']:.2f} s (CPU {r['align_cpu_s']:.2f} s), "
                f"align peak {r['align_peak_mb']:.0f} MB, process {r['process_mb']:.0f} MB"
            )
        if len(sizes) >= 2:
            first, last = results[(preset, sizes[0])], results[(preset, sizes[-1])]
            ratio = last["align_s"] / first["align_s"]
            cpu_ratio = last["align_cpu_s"] / first["align_cpu_s"]
            parts.append(f"ratio {ratio:.1f} (CPU {cpu_ratio:.1f})")
        summary.append(f"{preset}: " + ", ".join(parts))
    print(f"RESULT {'; '.join(summary)}; load at end {load[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
