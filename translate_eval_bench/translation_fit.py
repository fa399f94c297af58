"""Fit the per-bead translation model: logistic regression of "these two sides translate each
other" on the bead's similarity and its margin, from AlignAR windows and look-alikes.

Positives are article-sized windows of gold 1-1 beads of an AlignAR document. Negatives are what
an aligner settles on when the English is *not* a translation but a text of the same kind: the
same Arabic paired one-to-one, most similar first, with a window of another document of the
same domain (law with law, literature with literature). The fit is a one-feature logistic
regression by Newton's method (O(iterations x beads)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from translate_eval.align.beads import parse_beads
from translate_eval.embed.base import Encoder
from translate_eval.score.translation import bead_features
from translate_eval_bench.lexical_margin import word_evidence


@dataclass(frozen=True)
class AlignarDocument:
    """One AlignAR document: its domain, name, Arabic and English lines and gold beads."""

    domain: str
    name: str
    ar: list[str]
    en: list[str]
    one_to_one: list[tuple[int, int]]


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def read_alignar(root: Path) -> list[AlignarDocument]:
    """Every ``DOMAIN/{ar,en,gold}/NNN`` document of an AlignAR folder."""
    documents = []
    for domain in sorted(p for p in root.iterdir() if (p / "gold").is_dir()):
        for gold in sorted((domain / "gold").iterdir()):
            beads = parse_beads(gold.read_text(encoding="utf-8"), str(gold))
            documents.append(
                AlignarDocument(
                    domain.name,
                    gold.name,
                    _lines(domain / "ar" / gold.name),
                    _lines(domain / "en" / gold.name),
                    [(b.src[0], b.tgt[0]) for b in beads if len(b.src) == 1 == len(b.tgt)],
                )
            )
    return documents


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def greedy_pairing(similarity: np.ndarray) -> list[int]:
    """A one-to-one pairing of rows with columns, most similar first: for each row, its
    column. O(n^3) for an n x n matrix (meant for article-sized windows)."""
    scores = similarity.astype(float).copy()
    columns = [0] * scores.shape[0]
    for _ in range(min(scores.shape)):
        row, column = np.unravel_index(int(np.argmax(scores)), scores.shape)
        columns[row] = int(column)
        scores[row, :] = -np.inf
        scores[:, column] = -np.inf
    return columns


def window_margins(
    documents: Sequence[AlignarDocument],
    encoder: Encoder,
    windows: int = 40,
    size: int = 12,
    seed: int = 1,
    lexical: bool = False,
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Article-sized windows of ``size`` gold 1-1 beads, ``windows`` a domain: per window the
    domain, the features of its gold beads (a translation) and those of the same Arabic
    paired one-to-one, most similar first, with a window of another document of the same
    domain (a look-alike that is not a translation). Features: :func:`bead_features`, and with
    ``lexical`` the word-level evidence after them
    (:func:`~translate_eval_bench.lexical_margin.word_evidence`).
    Time: one encoding of every sentence plus O(windows x size^3)."""
    rng = np.random.default_rng(seed)
    arabic = {id(d): _unit(np.asarray(encoder.encode(d.ar), np.float32)) for d in documents}
    english = {id(d): _unit(np.asarray(encoder.encode(d.en), np.float32)) for d in documents}
    out = []
    for domain in sorted({d.domain for d in documents}):
        pool = [d for d in documents if d.domain == domain and len(d.one_to_one) >= size]
        if len(pool) < 2:
            continue
        for _ in range(windows):
            first, other = rng.choice(len(pool), 2, replace=False)
            own, foreign = pool[int(first)], pool[int(other)]
            start = int(rng.integers(len(own.one_to_one) - size + 1))
            beads = own.one_to_one[start : start + size]
            src = arabic[id(own)][[i for i, _ in beads]]
            tgt = english[id(own)][[j for _, j in beads]]
            start = int(rng.integers(len(foreign.one_to_one) - size + 1))
            look_alike = english[id(foreign)][
                [j for _, j in foreign.one_to_one[start : start + size]]
            ]
            pairing = greedy_pairing(src @ look_alike.T)
            positive = bead_features(src, tgt)
            negative = bead_features(src, look_alike[pairing])
            if lexical:
                arabic_texts = [own.ar[i] for i, _ in beads]
                own_english = [own.en[j] for _, j in beads]
                foreign_english = [foreign.en[foreign.one_to_one[start + k][1]] for k in pairing]
                positive = np.column_stack([positive, word_evidence(arabic_texts, own_english)])
                negative = np.column_stack([negative, word_evidence(arabic_texts, foreign_english)])
            out.append((domain, positive, negative))
    return out


def fit_logistic(features: np.ndarray, y: np.ndarray, iterations: int = 50) -> np.ndarray:
    """Weights ``(w_1 .. w_k, intercept)`` maximising the likelihood of ``y`` (0/1) under
    ``p = 1 / (1 + exp(-(features @ w + intercept)))``; Newton's method with a tiny ridge.
    O(iterations x samples x k^2)."""
    design = np.column_stack([np.asarray(features, dtype=float), np.ones(len(y))])
    weights = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ weights)))
        gradient = design.T @ (y - p)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + 1e-6 * np.eye(len(weights))
        step = np.linalg.solve(hessian, gradient)
        weights += step
        if np.abs(step).max() < 1e-9:
            break
    return weights
