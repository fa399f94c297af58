"""Edit labels of scored beads: shape and link labels, the content label of an n-n bead from its
signals and the thresholds, and the labelling of a :func:`~translate_eval.score.signals.
bead_signals` table."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from translate_eval.score.thresholds import EditThresholds

#: Fewest 1-1 (n-n) beads with a length ratio for ratios to be taken relative to their median.
MIN_BEADS_FOR_RELATIVE_LENGTH = 5
#: Columns of :func:`~translate_eval.score.signals.bead_signals` that only :func:`label_beads`
#: reads (dropped after).
PRIVATE_COLUMNS: tuple[str, ...] = (
    "_n_src",
    "_n_tgt",
    "_has_mt",
    "_both",
    "_coverage",
    "_check_flags",
    "_src_gap_words",
    "_tgt_gap_words",
    "_tgt_chars",
    "_mt_chars",
    "_src_chars",
    "_claim_changed",
)


def link_label(src_count: int, tgt_count: int) -> str:
    """``"2-1"`` for a bead holding two source and one English sentence."""
    return f"{src_count}-{tgt_count}"


def shape_label(src_count: int, tgt_count: int) -> str | None:
    """The edit a bead's shape alone decides: omission (n-0), addition (0-m), merge (n > m),
    split (n < m); None for n-n beads, whose label depends on their content."""
    if tgt_count == 0:
        return "omission"
    if src_count == 0:
        return "addition"
    if src_count > tgt_count:
        return "merge"
    if src_count < tgt_count:
        return "split"
    return None


def _position(value: float, changed: float, faithful: float) -> float:
    """Where ``value`` stands between a signal's changed cut-off (0) and faithful one (1)."""
    return (value - changed) / (faithful - changed)


def agreement(chrf: float, similarity: float, thresholds: EditThresholds) -> float:
    """Mean position of the measured signals between their changed (0) and faithful (1)
    cut-offs: below 0 means changed, 1 or more faithful. NaN when nothing was measured. O(1).
    """
    positions = []
    if not math.isnan(chrf):
        positions.append(_position(chrf, thresholds.chrf_changed, thresholds.chrf_faithful))
    if not math.isnan(similarity):
        positions.append(
            _position(similarity, thresholds.similarity_changed, thresholds.similarity_faithful)
        )
    return sum(positions) / len(positions) if positions else math.nan


def gapped_sides(
    src_gap: float,
    tgt_gap: float,
    src_gap_words: int,
    tgt_gap_words: int,
    thresholds: EditThresholds,
) -> tuple[bool, bool]:
    """Whether the source / the English holds an uncovered run that the gap rule counts: at
    least ``gap_min_words`` content words holding ``gap_omission`` (``gap_addition``) of the
    side's content words (NaN: not measured, False). O(1)."""
    src_gapped = (
        not math.isnan(src_gap)
        and src_gap >= thresholds.gap_omission
        and src_gap_words >= thresholds.gap_min_words
    )
    tgt_gapped = (
        not math.isnan(tgt_gap)
        and tgt_gap >= thresholds.gap_addition
        and tgt_gap_words >= thresholds.gap_min_words
    )
    return src_gapped, tgt_gapped


def gapped_shape_label(
    src_gap: float,
    tgt_gap: float,
    src_gap_words: int,
    tgt_gap_words: int,
    thresholds: EditThresholds,
) -> str | None:
    """``partial_omission`` for a merge or split bead whose source holds a run its English does
    not render while the English holds none (:func:`gapped_sides`); None otherwise, and the
    shape label stands. An editor who cuts a long Arabic sentence into three English ones and
    drops a clause on the way has done both; the ``link`` column keeps the shape. The mirror
    rule (an English run the source lacks: ``partial_addition``) is not applied: on the
    planted Quran documents it relabelled 20 true merges and splits, whose verbose English the
    glosses cover poorly, and on real news it added 3 wrong partial additions. O(1)."""
    src_gapped, tgt_gapped = gapped_sides(
        src_gap, tgt_gap, src_gap_words, tgt_gap_words, thresholds
    )
    if src_gapped and not tgt_gapped:
        return "partial_omission"
    return None


def content_label(
    chrf: float,
    coverage: float,
    similarity: float,
    length_ratio: float,
    thresholds: EditThresholds,
    *,
    src_gap: float = math.nan,
    tgt_gap: float = math.nan,
    src_gap_words: int = 0,
    tgt_gap_words: int = 0,
    part_gain: float = math.nan,
    missing_chars: float = math.nan,
) -> str:
    """The edit label of an n-n bead from its signals; NaN means "not measured".

    Each measured signal is placed on a common scale, 0 at its changed cut-off and 1 at its
    faithful one, and the positions are averaged (:func:`agreement`): one clearly high signal
    can outvote a slightly low one, and a single signal decides alone.

    1. Part of one side has no counterpart: the English is clearly shorter (``length_ratio`` <
       ``partial_omission_ratio``) or a run of at least ``gap_min_words`` source content words
       holding ``gap_omission`` of them is uncovered (``src_gap``, see
       :mod:`translate_eval.score.coverage`) while the English has no such run: a
       partial_omission. The length test is position-aware when ``part_gain`` is measured
       (:func:`~translate_eval.score.signals.part_gains`): an English that matches one half
       of the source better than the whole counts as shorter by
       ``exp(-partial_gain_weight * part_gain)``. A length test
       also needs ``missing_chars`` (the usual English length for the source minus the
       actual one; NaN: not measured) of at least ``partial_min_chars`` (at most minus that
       for an addition). The mirror image (``partial_addition_ratio``, ``tgt_gap`` and
       ``gap_addition``) is a partial_addition. Either becomes changed when the sides are not
       even related: the agreement of ``coverage`` (chrF in the better direction, changed
       cut-off ``coverage_changed``) and similarity is below 0.
    2. Otherwise: changed below 0, faithful at 1 or more, paraphrase in between.

    With neither chrF nor similarity measured only the length and the gaps can speak:
    partial_* when they say so, faithful otherwise (meaning unchecked: the ``signals`` column
    says so). O(1).
    """
    measured_ratio = not math.isnan(length_ratio)
    src_gapped, tgt_gapped = gapped_sides(
        src_gap, tgt_gap, src_gap_words, tgt_gap_words, thresholds
    )
    omission_ratio = length_ratio
    if measured_ratio and not math.isnan(part_gain):
        omission_ratio = length_ratio * math.exp(-thresholds.partial_gain_weight * part_gain)
    floor = thresholds.partial_min_chars
    measured_missing = not math.isnan(missing_chars)
    shorter = (
        measured_ratio
        and omission_ratio < thresholds.partial_omission_ratio
        and not (measured_missing and missing_chars < floor)
    )
    longer = (
        measured_ratio
        and length_ratio > thresholds.partial_addition_ratio
        and not (measured_missing and -missing_chars < floor)
    )
    partial = ""
    if shorter or (src_gapped and not tgt_gapped and not longer):
        partial = "partial_omission"
    elif longer or (tgt_gapped and not src_gapped):
        partial = "partial_addition"
    if partial:
        coverage_thresholds = replace(thresholds, chrf_changed=thresholds.coverage_changed)
        related = agreement(coverage, similarity, coverage_thresholds)
        if not math.isnan(related) and related < -thresholds.unrelated_margin:
            return "changed"
        return partial
    score = agreement(chrf, similarity, thresholds)
    if math.isnan(score) or score >= 1:
        return "faithful"
    return "changed" if score < 0 else "paraphrase"


def relative_lengths(ratios: np.ndarray, same_shape: np.ndarray) -> np.ndarray:
    """``ratios`` divided by their median over the n-n beads (``same_shape``), when there are
    at least :data:`MIN_BEADS_FOR_RELATIVE_LENGTH` of them; the ratios unchanged otherwise.

    A translator who writes 30% more words than the MT, or an MT that is terse, shifts every
    bead alike; relative to the document's median, a bead stands out only if it is short or
    long *for this document*. O(rows)."""
    median = document_median_ratio(ratios, same_shape)
    return ratios / median if median is not None else ratios


def document_median_ratio(ratios: np.ndarray, same_shape: np.ndarray) -> float | None:
    """The median length ratio of the n-n beads (``same_shape``), or None when there are fewer
    than :data:`MIN_BEADS_FOR_RELATIVE_LENGTH` of them or it is not positive. O(rows)."""
    usable = same_shape & np.isfinite(ratios)
    if usable.sum() < MIN_BEADS_FOR_RELATIVE_LENGTH:
        return None
    median = float(np.median(ratios[usable]))
    return median if median > 0 else None


@dataclass(frozen=True)
class LabelInputs:
    """The arrays of :func:`~translate_eval.score.signals.bead_signals` that labels depend
    on, one entry per bead."""

    n_src: np.ndarray
    n_tgt: np.ndarray
    both: np.ndarray
    chrf: np.ndarray
    coverage: np.ndarray
    similarity: np.ndarray
    src_gap: np.ndarray
    tgt_gap: np.ndarray
    src_gap_words: np.ndarray
    tgt_gap_words: np.ndarray
    tgt_chars: np.ndarray
    mt_chars: np.ndarray
    src_chars: np.ndarray
    claim_changed: np.ndarray
    part_gain: np.ndarray
    tgt_part_gain: np.ndarray


def label_inputs(signals: pd.DataFrame) -> LabelInputs:
    """Extract :class:`LabelInputs` from a :func:`~translate_eval.score.signals.bead_signals`
    frame. O(rows)."""
    similarity = (
        pd.to_numeric(signals["similarity"], errors="coerce").to_numpy(dtype=float)
        if "similarity" in signals.columns
        else np.full(len(signals), np.nan)
    )
    both = signals["_both"].to_numpy(dtype=bool)
    return LabelInputs(
        n_src=signals["_n_src"].to_numpy(dtype=int),
        n_tgt=signals["_n_tgt"].to_numpy(dtype=int),
        both=both,
        chrf=signals["chrf"].to_numpy(dtype=float),
        coverage=signals["_coverage"].to_numpy(dtype=float),
        similarity=np.where(both, similarity, np.nan),
        src_gap=signals["src_gap"].to_numpy(dtype=float),
        tgt_gap=signals["tgt_gap"].to_numpy(dtype=float),
        src_gap_words=signals["_src_gap_words"].to_numpy(dtype=int),
        tgt_gap_words=signals["_tgt_gap_words"].to_numpy(dtype=int),
        tgt_chars=signals["_tgt_chars"].to_numpy(dtype=float),
        mt_chars=signals["_mt_chars"].to_numpy(dtype=float),
        src_chars=signals["_src_chars"].to_numpy(dtype=float),
        claim_changed=signals["_claim_changed"].to_numpy(dtype=bool),
        part_gain=_optional_column(signals, "part_gain"),
        tgt_part_gain=_optional_column(signals, "tgt_part_gain"),
    )


def _optional_column(signals: pd.DataFrame, name: str) -> np.ndarray:
    """A float column of ``signals``, or NaN everywhere when it is absent."""
    if name not in signals.columns:
        return np.full(len(signals), np.nan)
    return signals[name].to_numpy(dtype=float)


def usual_lengths(inputs: LabelInputs, thresholds: EditThresholds) -> np.ndarray:
    """What each bead's English is measured against: its MT's characters, or its Arabic
    characters * ``expected_length_ratio`` without MT; NaN where a side is empty. O(rows)."""
    denominator = np.where(
        inputs.mt_chars > 0, inputs.mt_chars, inputs.src_chars * thresholds.expected_length_ratio
    )
    return np.where(inputs.both & (denominator > 0), denominator, np.nan)


def edit_labels(inputs: LabelInputs, thresholds: EditThresholds) -> tuple[list[str], np.ndarray]:
    """The ``edit`` label of every bead and the raw length ratios. O(rows)."""
    usual = usual_lengths(inputs, thresholds)
    ratios = inputs.tgt_chars / usual
    judged = ratios
    median = None
    if thresholds.relative_length:
        same_shape = (inputs.n_src == inputs.n_tgt) & (inputs.n_src > 0)
        median = document_median_ratio(ratios, same_shape)
        judged = ratios / median if median is not None else ratios
    # The usual English length for each bead's source, minus the English it has.
    missing = usual * (median or 1.0) - inputs.tgt_chars
    # The merge length rule needs lengths judged against this document's own beads.
    merge_ratio = thresholds.merge_omission_ratio if median is not None else 0.0
    edits: list[str] = []
    for row in range(len(ratios)):
        label = shape_label(int(inputs.n_src[row]), int(inputs.n_tgt[row]))
        # A merge whose English renders only part of its source (it matches one half better,
        # or is as short as one sentence's English) holds a dropped sentence; a split whose
        # source renders only part of its English, an inserted one.
        if label == "merge" and (
            inputs.part_gain[row] > thresholds.merge_omission_gain or judged[row] < merge_ratio
        ):
            label = "omission"
        elif label == "split" and inputs.tgt_part_gain[row] > thresholds.split_addition_gain:
            label = "addition"
        if label in ("merge", "split"):
            label = (
                gapped_shape_label(
                    float(inputs.src_gap[row]),
                    float(inputs.tgt_gap[row]),
                    int(inputs.src_gap_words[row]),
                    int(inputs.tgt_gap_words[row]),
                    thresholds,
                )
                or label
            )
        if label is None:
            label = content_label(
                float(inputs.chrf[row]),
                float(inputs.coverage[row]),
                float(inputs.similarity[row]),
                float(judged[row]),
                thresholds,
                src_gap=float(inputs.src_gap[row]),
                tgt_gap=float(inputs.tgt_gap[row]),
                src_gap_words=int(inputs.src_gap_words[row]),
                tgt_gap_words=int(inputs.tgt_gap_words[row]),
                part_gain=float(inputs.part_gain[row]),
                missing_chars=float(missing[row]),
            )
            if label in ("faithful", "paraphrase") and inputs.claim_changed[row]:
                # Sourcing and certainty both moved ("sources confirmed" -> "is expected"):
                # the claim was softened or hardened, whatever the word overlap says.
                label = "changed"
        edits.append(label)
    return edits, ratios


def label_beads(signals: pd.DataFrame, thresholds: EditThresholds | None = None) -> pd.DataFrame:
    """Labels of the rows of :func:`~translate_eval.score.signals.bead_signals` under
    ``thresholds``: adds ``length_ratio`` and ``edit``, drops the private columns. O(rows)."""
    thresholds = thresholds or EditThresholds()
    labelled = signals.copy()
    inputs = label_inputs(signals)
    edits, ratios = edit_labels(inputs, thresholds)
    src_gap, tgt_gap = inputs.src_gap, inputs.tgt_gap
    src_words, tgt_words = inputs.src_gap_words, inputs.tgt_gap_words
    labelled["length_ratio"] = np.round(ratios, 3)
    labelled["edit"] = edits
    # A gap is reported where it explains the label (or is large on an unchanged bead).
    # The cells are cleared column by column: one assignment per column, since setting
    # single cells of an Arrow-backed column copies the column each time (quadratic).
    src_cleared = [
        label != "partial_omission"
        and bool(at)
        and not _gap_worth_reporting(src_gap[position], src_words[position], thresholds)
        for position, (label, at) in enumerate(zip(edits, labelled["src_gap_at"], strict=True))
    ]
    tgt_cleared = [
        label != "partial_addition"
        and bool(at)
        and not _gap_worth_reporting(tgt_gap[position], tgt_words[position], thresholds)
        for position, (label, at) in enumerate(zip(edits, labelled["tgt_gap_at"], strict=True))
    ]
    if any(src_cleared):
        labelled.loc[np.array(src_cleared), ["src_gap_at", "src_gap_text"]] = ""
    if any(tgt_cleared):
        labelled.loc[np.array(tgt_cleared), "tgt_gap_at"] = ""
    order = [c for c in labelled.columns if c not in PRIVATE_COLUMNS]
    moved_to_end = ["signals", "notes", "name_variants"]
    order = [c for c in order if c not in moved_to_end] + moved_to_end
    labelled = labelled[order]
    labelled.attrs = dict(signals.attrs)
    return labelled


def _gap_worth_reporting(share: float, words: int, thresholds: EditThresholds) -> bool:
    return (
        not math.isnan(share)
        and share >= thresholds.gap_omission
        and (words >= thresholds.gap_min_words)
    )
