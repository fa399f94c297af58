"""Grid searches of the threshold fit: the partial-omission rules on the gold beads (step 4
of :mod:`translate_eval_bench.fit`) and the shape rules on the aligner's beads (step 5), each
scored by the planted-edit F1 of one edit label.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from itertools import product
from typing import Any

import numpy as np
import pandas as pd

from translate_eval.score.labels import LabelInputs, edit_labels, label_inputs
from translate_eval.score.thresholds import EditThresholds
from translate_eval_bench.fit_data import (
    PairSignals,
    finite_median,
    percentiles_of,
    rounded,
    youden_cutoff,
)
from translate_eval_bench.planted import PlantedDocument
from translate_eval_bench.planted_counts import KindCounts, beads_of_links

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
        chrf_changed=rounded(youden_cutoff(pairs.true_chrf, pairs.false_chrf), 1),
        coverage_changed=rounded(youden_cutoff(pairs.true_coverage, pairs.false_coverage), 1),
        similarity_changed=rounded(youden_cutoff(pairs.true_similarity, pairs.false_similarity), 3),
        chrf_faithful=rounded(finite_median(pairs.true_chrf), 1),
        similarity_faithful=rounded(finite_median(pairs.true_similarity), 3),
        expected_length_ratio=rounded(finite_median(pairs.char_ratio), 2),
    )
    fitted = _keep_previous_when_nan(fitted, base)
    prepared = _prepare(signals, "partial_omission")
    fitted = _fit_gain_weight(prepared, fitted)
    coverage_grid = [fitted.coverage_changed] + [
        rounded(float(np.percentile(pairs.false_coverage, q)), 1) if q else 0.0
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
        "true_chrf_percentiles": percentiles_of(pairs.true_chrf, 1),
        "false_chrf_percentiles": percentiles_of(pairs.false_chrf, 1),
        "true_similarity_percentiles": percentiles_of(pairs.true_similarity),
        "false_similarity_percentiles": percentiles_of(pairs.false_similarity),
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


def _keep_previous_when_nan(fitted: EditThresholds, base: EditThresholds) -> EditThresholds:
    values = {}
    for field in fields(EditThresholds):
        value = getattr(fitted, field.name)
        if isinstance(value, float) and math.isnan(value):
            values[field.name] = getattr(base, field.name)
    return replace(fitted, **values)
