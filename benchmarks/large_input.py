"""Growth of ``compare`` with the size of the input: wall time and peak memory per stage.

    python benchmarks/large_input.py [--sizes 1000,5000,20000,50000] [--profile N]

For each size N it writes a synthetic presegmented pair of about N lines per side
(Arabic-like and English-like words made from a fixed seed, no third-party text; about 3% of
the lines on each side have no counterpart), runs ``translate-eval compare --mt none
--encoder none --presegmented`` on it in a fresh process and prints one table row per stage:
seconds, and the peak resident memory of the process when the stage ended (MB). A stage whose
time grows faster than the size is super-linear. ``--profile N`` prints instead the cProfile
of the run at size N (the 25 functions with the most cumulative time).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import importlib
import io
import json
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from translate_eval.cli import main as cli_main

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ENGLISH_LETTERS = "etaoinshrdlucmfwypvbgk"
#: Stages timed, in the order compare runs them: (module, attribute).
STAGES = [
    ("translate_eval.pipeline", "load_pair"),
    ("translate_eval.pipeline", "translate_sentences"),
    ("translate_eval.align.aligner", "Aligner.align"),
    ("translate_eval.pipeline", "beads_frame"),
    ("translate_eval.pipeline", "score_beads"),
    ("translate_eval.pipeline", "_links_table"),
    ("translate_eval.pipeline", "chance_pairings"),
    ("translate_eval.pipeline", "alignment_confidence"),
    ("translate_eval.pipeline", "edit_summary"),
    ("translate_eval.pipeline", "write_comparisons"),
]


def _word(rng: random.Random, letters: str, length: int) -> str:
    return "".join(rng.choice(letters) for _ in range(length))


def synthetic_pair(lines: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """About ``lines`` Arabic-like and English-like sentences; the English of a sentence has
    about 1.2 times its words, and about 3% of the sentences of each side have no
    counterpart. Deterministic for a seed. O(lines)."""
    rng = random.Random(seed)
    arabic: list[str] = []
    english: list[str] = []
    for _ in range(lines):
        words = rng.randint(4, 24)
        ar = " ".join(_word(rng, ARABIC_LETTERS, rng.randint(2, 7)) for _ in range(words))
        en_words = max(1, round(words * rng.uniform(1.0, 1.4)))
        en = " ".join(_word(rng, ENGLISH_LETTERS, rng.randint(1, 8)) for _ in range(en_words))
        roll = rng.random()
        if roll >= 0.03:
            arabic.append(ar + ".")
        if roll < 0.03 or roll >= 0.06:
            english.append(en.capitalize() + ".")
    return arabic, english


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(name: str, function: Callable[..., Any], rows: dict[str, list[float]]) -> Callable:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = function(*args, **kwargs)
        seconds, peak = rows.get(name, [0.0, 0.0])
        rows[name] = [seconds + time.perf_counter() - started, max(peak, _peak_mb())]
        return result

    return wrapper


def _instrument(rows: dict[str, list[float]]) -> None:
    """Wrap every stage of :data:`STAGES` so that it adds its time and peak into ``rows``."""
    for module_name, attribute in STAGES:
        holder: Any = importlib.import_module(module_name)
        *owner, name = attribute.split(".")
        for part in owner:
            holder = getattr(holder, part)
        setattr(holder, name, _timed(attribute, getattr(holder, name), rows))


def _compare_args(folder: Path) -> list[str]:
    return [
        "compare", str(folder / "ar.txt"), str(folder / "en.txt"), "--presegmented",
        "--mt", "none", "--encoder", "none", "--no-cache", "--out", str(folder / "run"),
    ]  # fmt: skip


def _write_pair(folder: Path, lines: int) -> tuple[int, int]:
    arabic, english = synthetic_pair(lines)
    (folder / "ar.txt").write_text("\n".join(arabic) + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    return len(arabic), len(english)


def _child(folder: str) -> None:
    """Run compare in this process on the pair in ``folder``; print the stage rows as JSON."""
    rows: dict[str, list[float]] = {}
    _instrument(rows)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(_compare_args(Path(folder)))
    rows["total"] = [time.perf_counter() - started, _peak_mb()]
    print(json.dumps({"code": code, "rows": rows}))


def measure(lines: int) -> tuple[tuple[int, int], dict[str, list[float]]]:
    """Sentences per side and the stage rows of one compare run at ``lines`` lines."""
    with tempfile.TemporaryDirectory() as folder:
        sizes = _write_pair(Path(folder), lines)
        done = subprocess.run(
            [sys.executable, __file__, "--child", folder],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        report = json.loads(done.stdout.strip().splitlines()[-1])
        if report["code"] != 0:
            raise SystemExit(f"compare failed at {lines} lines: {done.stderr}")
        return sizes, report["rows"]


def profile(lines: int) -> None:
    """Print the cProfile of compare at ``lines`` lines per side."""
    with tempfile.TemporaryDirectory() as folder:
        _write_pair(Path(folder), lines)
        profiler = cProfile.Profile()
        profiler.runcall(cli_main, _compare_args(Path(folder)))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000,50000")
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return
    if args.profile:
        profile(args.profile)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: measure(size) for size in sizes}
    stages = [attribute for _, attribute in STAGES] + ["total"]
    print("| stage | " + " | ".join(f"{size:,} lines: s / peak MB" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    print(
        "| sentences (ar + en) | "
        + " | ".join(f"{a:,} + {e:,}" for a, e in (results[s][0] for s in sizes))
        + " |"
    )
    for stage in stages:
        cells = []
        for size in sizes:
            seconds, peak = results[size][1].get(stage, [0.0, 0.0])
            cells.append(f"{seconds:.2f} / {peak:.0f}")
        print(f"| {stage} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
