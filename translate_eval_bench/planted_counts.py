"""Count planted edits found end to end: which beads carry which kind, the gold, found,
predicted and correct counts per kind (``match_planted``), and bootstrap intervals of the F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from translate_eval_bench.edits import PLANTED_KINDS
from translate_eval_bench.planted import PlantedEdit


def bead_ids(value: object) -> tuple[int, ...]:
    """Sentence ids of a ``src_ids`` / ``tgt_ids`` cell: a tuple, or a string like ``"3 4"``."""
    if isinstance(value, str):
        return tuple(int(part) for part in value.replace(",", " ").split())
    if isinstance(value, Sequence):
        return tuple(int(part) for part in value)
    return ()


def _bead_kinds(edit: object, flags: object) -> set[str]:
    kinds = {str(edit)}
    if isinstance(flags, str):
        kinds.update(flag for flag in flags.split(";") if flag)
    return kinds


@dataclass
class KindCounts:
    """Gold, found (recall numerator), predicted and correct (precision numerator) of a kind."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: KindCounts) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if p != p or r != r or p + r == 0:
            return float("nan") if p != p or r != r else 0.0
        return 2 * p * r / (p + r)


def bootstrap_f1(
    per_document: Sequence[KindCounts],
    *,
    samples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    groups: Sequence[object] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the pooled F1 of one kind, resampling documents.

    ``per_document``: the kind's counts in each planted document. Each of ``samples``
    resamples draws as many documents with replacement and pools their counts; the interval
    holds the central ``level`` of the resampled F1s (resamples with no gold or no prediction
    are left out). The documents are the unit of sampling because the edits of one document
    share its alignment. ``groups`` (one label per document, e.g. the sura a window of verses
    comes from) makes it a cluster bootstrap: whole groups are drawn, as many as there are,
    because documents of one group are alike and resampling them one by one gives too
    narrow an interval. Deterministic for a seed. O(samples * documents)."""
    if not per_document:
        return float("nan"), float("nan")
    table = np.array(
        [[c.gold, c.found, c.predicted, c.correct] for c in per_document], dtype=np.float64
    )
    if groups is not None:
        if len(groups) != len(table):
            raise ValueError("groups must give one label per document")
        labels = {label: index for index, label in enumerate(dict.fromkeys(groups))}
        pooled = np.zeros((len(labels), table.shape[1]))  # one row per group: its documents
        np.add.at(pooled, [labels[label] for label in groups], table)
        table = pooled
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(table), size=(samples, len(table)))
    gold, found, predicted, correct = table[picks].sum(axis=1).T
    valid = (gold > 0) & (predicted > 0)
    if not valid.any():
        return float("nan"), float("nan")
    precision = correct[valid] / predicted[valid]
    recall = found[valid] / gold[valid]
    total = precision + recall
    f1 = np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1.0), 0.0)
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail])
    return float(low), float(high)


def match_planted(
    beads: Sequence[tuple[tuple[int, ...], tuple[int, ...], set[str]]],
    edits: Sequence[PlantedEdit],
    kinds: Sequence[str] = PLANTED_KINDS,
) -> dict[str, KindCounts]:
    """Per kind: a gold edit is *found* when a bead carrying its kind shares a sentence with it
    (an Arabic id or an English id); a bead carrying a kind is *correct* when it shares a
    sentence with a gold edit of that kind. ``beads``: (src ids, tgt ids, kinds) per bead.
    O(beads * edits)."""
    counts: dict[str, KindCounts] = {}
    for kind in kinds:
        golds = [e for e in edits if e.kind == kind]
        predicted = [b for b in beads if kind in b[2]]

        def touches(bead: tuple[tuple[int, ...], tuple[int, ...], set[str]], edit: PlantedEdit
                    ) -> bool:  # fmt: skip
            return bool(set(bead[0]) & set(edit.src_ids) or set(bead[1]) & set(edit.tgt_ids))

        counts[kind] = KindCounts(
            gold=len(golds),
            found=sum(any(touches(b, g) for b in predicted) for g in golds),
            predicted=len(predicted),
            correct=sum(any(touches(b, g) for g in golds) for b in predicted),
        )
    return counts


def beads_of_links(links: object) -> list[tuple[tuple[int, ...], tuple[int, ...], set[str]]]:
    """(src ids, tgt ids, edit label + flags) of each row of a links table."""
    frame = links  # a pandas DataFrame with src_ids, tgt_ids, edit, flags
    return [
        (bead_ids(s), bead_ids(t), _bead_kinds(e, f))
        for s, t, e, f in zip(
            frame["src_ids"], frame["tgt_ids"], frame["edit"], frame["flags"], strict=True
        )
    ]
