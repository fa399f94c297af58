"""The search cost of a bead whose ids need not be contiguous (a spread link's
``[5]:[4, 5, 6, 14]``, a moved block with a hole), from the vectors of its runs of consecutive
ids."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from translate_eval.align.blocks import runs
from translate_eval.align.config import AlignConfig
from translate_eval.align.cost import BeadScorer, bead_cost
from translate_eval.align.features import SpanVectors, length_similarity


def set_cost(
    scorer: BeadScorer, src: Sequence[int], tgt: Sequence[int], config: AlignConfig
) -> float:
    """Search cost (:func:`~translate_eval.align.cost.bead_cost`) of a bead of any source and
    target ids, contiguous or not, from its length and content terms (numbers and names left
    out): a side's vector is the sum of the vectors of its runs of consecutive ids (each run's
    own vector where the signal has one, e.g. the embedding of the concatenated run), and the
    random-pair baseline and spread are those of the bead's shape (capped at the largest
    runs). O((len(src) + len(tgt)) * dim)."""
    a, b = len(src), len(tgt)
    src_chars = sum(scorer.src_prefix[i + 1] - scorer.src_prefix[i] for i in src)
    tgt_chars = sum(scorer.tgt_prefix[j + 1] - scorer.tgt_prefix[j] for j in tgt)
    features = {
        "length": length_similarity(
            np.array(src_chars), np.array(tgt_chars), scorer.char_ratio, scorer.length_variance
        )
    }
    shape = (min(a, scorer.max_src), min(b, scorer.max_tgt))
    for name, signal in scorer.signals.items():
        left, right = _set_vector(signal.src, src), _set_vector(signal.tgt, tgt)
        norms = float(np.linalg.norm(left) * np.linalg.norm(right))
        cosine = float(left @ right) / max(norms, 1e-12)
        baseline = signal.baseline(*shape)
        features[name] = np.array((cosine - baseline) / (1.0 - baseline))
        features[f"{name}_spread"] = np.array(signal.spread(*shape))
    return float(bead_cost(features, a, b, config, scorer.sentence_ratio))


def _set_vector(vectors: SpanVectors, ids: Sequence[int]) -> np.ndarray:
    """Sum of the vectors of the runs of consecutive ``ids``."""
    total = np.zeros(vectors.dim, dtype=np.float64)
    for run in runs(sorted(ids)):
        size = min(len(run), vectors.max_size())
        for start in range(run.start, run.stop, size):
            length = min(size, run.stop - start)
            total += vectors.spans(length, np.array([start]))[0]
    return total
