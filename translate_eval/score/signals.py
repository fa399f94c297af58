"""The signals of every aligned bead that do not depend on thresholds: metrics, edit operations,
word coverage and gaps, divergence checks and the position-aware part gains."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sacrebleu.metrics import CHRF

from translate_eval.embed.base import Encoder
from translate_eval.links import FLAG_NAMES, cell_text, parse_ids
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
    document_names,
    name_variants,
)
from translate_eval.score.coverage import Coverage, word_coverage
from translate_eval.score.labels import link_label
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
from translate_eval.score.parts import part_gains
from translate_eval.score.translation import TRANSLATED_P
from translate_eval.text.ages import AgeRange
from translate_eval.text.arabic import strip_diacritics
from translate_eval.text.exonyms import setting_nations
from translate_eval.text.tokens import arabic_tokens

#: The ``flags`` values, in the order they are joined (see :mod:`translate_eval.links`).
FLAG_ORDER: tuple[str, ...] = FLAG_NAMES
#: Columns :func:`bead_signals` needs; ``moved`` and ``similarity`` may be absent.
REQUIRED_COLUMNS: tuple[str, ...] = ("src_ids", "tgt_ids", "src_text", "tgt_text")
#: The note of a bead whose facts were not compared (its ``translation_p`` is below
#: :data:`~translate_eval.score.translation.TRANSLATED_P`): a number or name on one side has no
#: counterpart to differ from when the sides are not translations of each other.
NOT_COMPARED_NOTE = "facts not compared: the sides may not translate each other (p={p:.2f})"


def arabic_length(text: str) -> int:
    """Characters of an Arabic text without its diacritics (vowel marks would double the
    length of a vocalised text such as the Quran)."""
    return len(strip_diacritics(text))


def _signals_used(has_mt: bool, has_similarity: bool) -> str:
    """``mt+embedding``, ``mt``, ``embedding`` or ``length``: the evidence behind a label."""
    parts = [name for name, present in (("mt", has_mt), ("embedding", has_similarity)) if present]
    return "+".join(parts) if parts else "length"


def _numbers_text(values: Sequence[float], ages: Sequence[AgeRange]) -> str:
    """Unpaired numbers and ages by decade for a note: ``"18, aged 43-46"``, or ``"-"``."""
    parts = [f"{value:g}" for value in values] + [f"aged {a.low:g}-{a.high:g}" for a in ages]
    return ", ".join(parts) or "-"


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
        source = _numbers_text(numbers.only_source, numbers.only_source_ages)
        target = _numbers_text(numbers.only_target, numbers.only_target_ages)
        notes.append(f"numbers: source {source} / English {target}")
        for (count, unit), (new_count, new_unit) in numbers.unit_changes:
            notes.append(f"duration: source {count} {unit} / English {new_count} {new_unit}")
    if numbers.qualifiers_differ:
        changes = ", ".join(f"{v:g} {a} -> {b}" for v, a, b in numbers.qualifier_changes)
        notes.append(f"number qualifiers: {changes}")
    facing = names.unmatched_arabic or tuple(arabic for _, arabic in names.near_pairs)
    if names.unmatched_english and facing:
        notes.append(
            f"names: English {', '.join(names.unmatched_english)} / source {', '.join(facing)}"
        )
    if names.place_types:
        arabic = ", ".join(c.arabic for c in names.place_types)
        english = ", ".join(c.english for c in names.place_types)
        notes.append(f"place types: source {arabic} / English {english}")
    if negations.differ:
        notes.append(f"negations: source {negations.source} / English {negations.target}")
    if negations.softened:
        notes.append("negation softened: the English says little, few or hardly instead")
    for label, check in (("attribution", attribution), ("hedging", hedging)):
        if check.differ:
            source = ", ".join(check.source) or "-"
            target = ", ".join(check.target) or "-"
            notes.append(f"{label}: source {source} / English {target}")
    return "; ".join(notes)


@dataclass(frozen=True)
class BeadTexts:
    """The cells of a bead table that the signals read, one entry per bead."""

    src_ids: list[tuple[int, ...]]
    tgt_ids: list[tuple[int, ...]]
    src_texts: list[str]
    tgt_texts: list[str]
    #: The MT of each bead's source ("" when none).
    mt_texts: list[str]
    #: The MT where the bead has both sides, "" elsewhere: what the metrics compare.
    mt_or_empty: list[str]
    #: Source-English cosine, NaN when unknown or a side is empty.
    similarities: np.ndarray
    moved: list[bool]
    both_sides: np.ndarray
    #: Probability that the bead's sides translate each other (NaN when unknown).
    translation_p: np.ndarray


def bead_texts(beads: pd.DataFrame) -> BeadTexts:
    """Read the cells of ``beads`` (ValueError naming missing required columns). O(rows)."""
    missing = [column for column in REQUIRED_COLUMNS if column not in beads.columns]
    if missing:
        raise ValueError(f"score_beads: missing column(s) {', '.join(missing)}")
    count = len(beads)
    src_ids = [tuple(parse_ids(v)) for v in beads["src_ids"]]
    tgt_ids = [tuple(parse_ids(v)) for v in beads["tgt_ids"]]
    mt_column = beads["mt_text"] if "mt_text" in beads.columns else [""] * count
    mt_texts = [cell_text(v).strip() for v in mt_column]
    similarity_column = (
        beads["similarity"] if "similarity" in beads.columns else pd.Series([np.nan] * count)
    )
    similarities = pd.to_numeric(similarity_column, errors="coerce").to_numpy(dtype=float)
    moved_column = beads["moved"] if "moved" in beads.columns else [False] * count
    p_column = (
        beads["translation_p"] if "translation_p" in beads.columns else pd.Series([np.nan] * count)
    )
    both_sides = np.array(
        [bool(s) and bool(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    return BeadTexts(
        src_ids=src_ids,
        tgt_ids=tgt_ids,
        src_texts=[cell_text(v).strip() for v in beads["src_text"]],
        tgt_texts=[cell_text(v).strip() for v in beads["tgt_text"]],
        mt_texts=mt_texts,
        mt_or_empty=[mt if ok else "" for mt, ok in zip(mt_texts, both_sides, strict=True)],
        similarities=np.where(both_sides, similarities, np.nan),
        moved=[bool(v) if not pd.isna(v) else False for v in moved_column],
        both_sides=both_sides,
        translation_p=pd.to_numeric(p_column, errors="coerce").to_numpy(dtype=float),
    )


@dataclass(frozen=True)
class RowSignals:
    """The per-bead signals computed row by row (see :func:`row_signals`)."""

    link: str
    edit_ops: str
    coverage_chrf: float
    src_coverage: float
    tgt_coverage: float
    src_gap: float
    src_gap_at: str
    src_gap_text: str
    tgt_gap: float
    tgt_gap_at: str
    src_gap_words: int
    tgt_gap_words: int
    flags: str
    signals: str
    notes: str
    name_variants: str


def _check_flags(
    src: str,
    tgt: str,
    mt: str,
    known_names: Sequence[Sequence[str]] = (),
    nations: frozenset[str] = frozenset(),
) -> tuple[set[str], str]:
    """The flags the divergence checks raise on a bead with both sides, and their notes
    (``known_names``: the document's English names, :func:`document_names`; ``nations``: the
    nations its Arabic is set in, :func:`~translate_eval.text.exonyms.setting_nations`)."""
    numbers = compare_numbers(src, tgt)
    names = compare_names(src, tgt, mt, known_names, nations)
    negations = compare_negations(src, tgt)
    attribution = compare_attribution(src, tgt)
    hedging = compare_hedging(src, tgt)
    fired = (
        ("numbers_differ", numbers.differ),
        ("names_differ", names.differ),
        ("negation_differs", negations.differ),
        ("attribution_differs", attribution.differ),
        ("hedging_differs", hedging.differ or numbers.qualifiers_differ or negations.softened),
    )
    flags = {flag for flag, differs in fired if differs}
    return flags, _check_notes(numbers, names, negations, attribution, hedging)


def _edit_ops_and_reverse(mt: str, tgt: str, chrf_metric: CHRF) -> tuple[str, float]:
    """The MT -> English edit script (or why it was not computed) and the English -> MT chrF."""
    ops = (
        format_edit_ops(word_edit_ops(mt, tgt))
        if within_edit_limit(mt, tgt)
        else f"(not computed: over {MAX_EDIT_WORDS:,} words)"
    )
    return ops, chrf_metric.sentence_score(tgt, [mt]).score


def _variants_in(tgt: str, variants: Sequence[Sequence[str]]) -> list[str]:
    """The spelling groups of ``variants`` of which ``tgt`` holds a spelling, ``a~b`` each."""
    return [
        "~".join(group) for group in variants
        if any(re.search(rf"\b{re.escape(w)}\b", tgt) for w in group)
    ]  # fmt: skip


def row_signals(
    texts: BeadTexts,
    row: int,
    chrf: float,
    chrf_metric: CHRF,
    variants: Sequence[Sequence[str]],
    known_names: Sequence[Sequence[str]] = (),
    nations: frozenset[str] = frozenset(),
) -> RowSignals:
    """The row-by-row signals of bead ``row``: link, checks and notes, coverage and gaps, the
    edit script and the coverage chrF (the better of chrF in either direction).
    O(characters of the bead), O(n * m) words for the edit script."""
    src, tgt, mt = texts.src_texts[row], texts.tgt_texts[row], texts.mt_texts[row]
    has_mt = bool(texts.mt_or_empty[row])
    flags: set[str] = {"moved"} if texts.moved[row] else set()
    coverage: Coverage | None = None
    notes, ops, reverse, used = "", "", math.nan, ""
    if texts.both_sides[row]:
        if texts.translation_p[row] < TRANSLATED_P:  # NaN (unknown) compares False: checked
            notes = NOT_COMPARED_NOTE.format(p=texts.translation_p[row])
        else:
            checked, notes = _check_flags(src, tgt, mt, known_names, nations)
            flags |= checked
        coverage = word_coverage(src, tgt, mt)
        if has_mt:
            ops, reverse = _edit_ops_and_reverse(mt, tgt, chrf_metric)
        used = _signals_used(has_mt, not math.isnan(texts.similarities[row]))
    spellings = _variants_in(tgt, variants)
    if spellings:
        spelled = "; ".join(spellings)
        notes = f"{notes}; name variants: {spelled}" if notes else f"name variants: {spelled}"
    measured = coverage is not None and coverage.measured
    src_gap = coverage.src_gap if measured else None
    tgt_gap = coverage.tgt_gap if measured else None
    return RowSignals(
        link=link_label(len(texts.src_ids[row]), len(texts.tgt_ids[row])),
        edit_ops=ops,
        coverage_chrf=max(chrf, reverse) if not math.isnan(reverse) else chrf,
        src_coverage=coverage.src_share if measured else math.nan,
        tgt_coverage=coverage.tgt_share if measured else math.nan,
        src_gap=src_gap.share if src_gap else math.nan,
        src_gap_at=src_gap.position if src_gap else "",
        src_gap_text=src[src_gap.start : src_gap.stop] if src_gap and src_gap.words else "",
        tgt_gap=tgt_gap.share if tgt_gap else math.nan,
        tgt_gap_at=tgt_gap.position if tgt_gap else "",
        src_gap_words=src_gap.words if src_gap else 0,
        tgt_gap_words=tgt_gap.words if tgt_gap else 0,
        flags=";".join(f for f in FLAG_ORDER if f in flags),
        signals=used,
        notes=notes,
        name_variants="; ".join(spellings),
    )


def _mt_similarity(texts: BeadTexts, encoder: Encoder | None) -> np.ndarray:
    """Cosine of the MT and the English embeddings where a bead has both, NaN elsewhere."""
    count = len(texts.tgt_texts)
    similarity = np.full(count, np.nan)
    with_mt = [row for row in range(count) if texts.mt_or_empty[row] and texts.tgt_texts[row]]
    if encoder is not None and with_mt:
        mt_vectors = encoder.encode([texts.mt_or_empty[row] for row in with_mt])
        en_vectors = encoder.encode([texts.tgt_texts[row] for row in with_mt])
        similarity[with_mt] = np.einsum("ij,ij->i", mt_vectors, en_vectors)
    return similarity


def _rounded(rows: Sequence[RowSignals], name: str, digits: int) -> np.ndarray:
    return np.round(np.asarray([getattr(r, name) for r in rows], dtype=float), digits)


def bead_signals(beads: pd.DataFrame, encoder: Encoder | None = None) -> pd.DataFrame:
    """Every signal of every bead that does not depend on thresholds: metrics, edit
    operations, coverage and gaps, check results. :func:`~translate_eval.score.labels.
    label_beads` turns them into labels; :func:`~translate_eval.score.beads.score_beads` does
    both. Separate so that thresholds can be fitted (and varied) without measuring again.
    Columns are those of ``score_beads`` except ``length_ratio`` and ``edit``, plus private
    ``_``-prefixed ones (:data:`~translate_eval.score.labels.PRIVATE_COLUMNS`).
    Time: O(total characters) for metrics and checks, O(n * m) words for the edit ops.
    """
    texts = bead_texts(beads)
    scored = beads.copy()
    chrf_metric, bleu_metric = make_metrics()
    ter_metric = make_ter()
    chrf = sentence_chrf(texts.mt_or_empty, texts.tgt_texts, chrf_metric)
    bleu = sentence_bleu(texts.mt_or_empty, texts.tgt_texts, bleu_metric)
    ter = sentence_ter(texts.mt_or_empty, texts.tgt_texts, ter_metric)
    mt_similarity = _mt_similarity(texts, encoder)
    src, tgt, mt = texts.src_texts, texts.tgt_texts, texts.mt_or_empty
    part_gain, part_kept = part_gains(src, tgt, mt, texts.both_sides, encoder)
    split_shaped = np.array(
        [0 < len(s) < len(t) for s, t in zip(texts.src_ids, texts.tgt_ids, strict=True)],
        dtype=bool,
    )
    tgt_part_gain, _ = part_gains(src, tgt, mt, split_shaped, encoder, side="english")
    variants = name_variants([t for t in tgt if t])
    names = document_names([t for t in tgt if t])
    nations = setting_nations([w for s in src if s for w in arabic_tokens(s)])
    rows = [
        row_signals(texts, row, chrf[row], chrf_metric, variants, names, nations)
        for row in range(len(src))
    ]

    scored["link"] = [r.link for r in rows]
    scored["chrf"] = np.round(chrf, 2)
    scored["bleu"] = np.round(bleu, 2)
    scored["ter"] = np.round(ter, 2)
    scored["edit_ops"] = [r.edit_ops for r in rows]
    if encoder is not None:
        scored["mt_similarity"] = np.round(mt_similarity, 4)
    scored["src_coverage"] = _rounded(rows, "src_coverage", 3)
    scored["tgt_coverage"] = _rounded(rows, "tgt_coverage", 3)
    scored["src_gap"] = _rounded(rows, "src_gap", 3)
    scored["src_gap_at"] = [r.src_gap_at for r in rows]
    scored["src_gap_text"] = [r.src_gap_text for r in rows]
    scored["tgt_gap"] = _rounded(rows, "tgt_gap", 3)
    scored["tgt_gap_at"] = [r.tgt_gap_at for r in rows]
    if encoder is not None:
        scored["part_gain"] = np.round(part_gain, 4)
        scored["part_kept"] = part_kept
        scored["tgt_part_gain"] = np.round(tgt_part_gain, 4)
    for name in ("flags", "signals", "notes", "name_variants"):
        scored[name] = [getattr(r, name) for r in rows]
    _add_private_columns(scored, texts, rows)
    scored.attrs["signatures"] = {
        "chrf": signature_of(chrf_metric),
        "bleu": signature_of(bleu_metric),
        "ter": signature_of(ter_metric),
    }
    return scored


def _add_private_columns(
    scored: pd.DataFrame, texts: BeadTexts, rows: Sequence[RowSignals]
) -> None:
    """The ``_``-prefixed columns that only the labelling reads (in place)."""
    flags = [r.flags for r in rows]
    scored["_n_src"] = [len(ids) for ids in texts.src_ids]
    scored["_n_tgt"] = [len(ids) for ids in texts.tgt_ids]
    scored["_has_mt"] = [bool(mt) for mt in texts.mt_or_empty]
    scored["_both"] = texts.both_sides
    scored["_coverage"] = np.asarray([r.coverage_chrf for r in rows], dtype=float)
    scored["_check_flags"] = flags
    scored["_src_gap_words"] = [r.src_gap_words for r in rows]
    scored["_tgt_gap_words"] = [r.tgt_gap_words for r in rows]
    scored["_tgt_chars"] = [len(t) for t in texts.tgt_texts]
    scored["_mt_chars"] = [len(t) for t in texts.mt_or_empty]
    scored["_src_chars"] = [arabic_length(t) for t in texts.src_texts]
    scored["_claim_changed"] = [
        "attribution_differs" in row_flags and "hedging_differs" in row_flags for row_flags in flags
    ]
