"""How often editors perform each simulated operation, measured on the real news pairs' gold edits
(``gold_edits.tsv``, read by :mod:`translate_eval_bench.realnews`): rates per Arabic sentence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from translate_eval_bench.realnews import GoldEdit, RealPair

#: The operations the simulator performs, in report order.
OPERATIONS: tuple[str, ...] = (
    "move",
    "spread",
    "partial_omission",
    "addition",
    "omission",
    "merge",
    "split",
)
#: Sentences in a moved block (inclusive bounds) and their mean, which turns the share of
#: moved sentences into a number of blocks.
BLOCK_SIZES = (2, 5)
MEAN_BLOCK = (BLOCK_SIZES[0] + BLOCK_SIZES[1]) / 2


def _contiguous(ids: Sequence[int]) -> bool:
    return not ids or max(ids) - min(ids) + 1 == len(set(ids))


def operation_of(edit: GoldEdit) -> tuple[str, int] | None:
    """The simulated operation a gold edit row is an instance of and how many units it
    counts for, or None for kinds the simulator does not make (partial additions, changed
    meaning, flags). A ``moved`` row counts its Arabic sentences (blocks are drawn from that
    share); a ``split`` row whose English ids are not contiguous is a spread sentence."""
    if edit.kind == "moved":
        return "move", max(1, len(edit.ar_ids))
    if edit.kind == "split":
        return ("split" if _contiguous(edit.en_ids) else "spread"), 1
    if edit.kind == "addition":
        return "addition", max(1, len(edit.en_ids))
    if edit.kind in ("omission", "partial_omission", "merge"):
        return edit.kind, 1
    return None


@dataclass(frozen=True)
class EditRates:
    """Per operation: the count measured on the dev pairs and the rate per Arabic sentence
    (moves: the share of Arabic sentences whose English was moved). Operations never seen get
    the add-one rate ``1 / sentences`` (listed in ``floored``), so each is still measured."""

    counts: dict[str, int]
    sentences: int
    pairs: int
    floored: tuple[str, ...] = field(default=())

    def rate(self, operation: str) -> float:
        """Occurrences per Arabic sentence (the add-one rate when never seen)."""
        if self.sentences == 0:
            return 0.0
        return max(self.counts.get(operation, 0), 1 if operation in self.floored else 0) / (
            self.sentences
        )

    def expected(self, operation: str, units: int, scale: float = 1.0) -> float:
        """Expected operations in a document of ``units`` aligned units (moves: blocks)."""
        per_unit = self.rate(operation) / (MEAN_BLOCK if operation == "move" else 1.0)
        return per_unit * units * scale

    def table(self) -> str:
        """The measured rates as a Markdown table."""
        lines = [
            f"Rates measured on {self.pairs} real pairs ({self.sentences} Arabic sentences):",
            "",
            "| operation | gold rows (sentences) | per Arabic sentence |",
            "|---|---:|---:|",
        ]
        for operation in OPERATIONS:
            note = " (never seen: add-one)" if operation in self.floored else ""
            lines.append(
                f"| {operation} | {self.counts.get(operation, 0)} | "
                f"{self.rate(operation):.3f}{note} |"
            )
        return "\n".join(lines)


def measure_rates(pairs: Sequence[RealPair]) -> EditRates:
    """Count each operation in the gold edits of the (non-negative) ``pairs``. O(rows)."""
    counts: Counter[str] = Counter()
    sentences = used = 0
    for pair in pairs:
        if pair.negative or not pair.ar_spans:
            continue
        used += 1
        sentences += len(pair.ar_spans)
        for edit in pair.edits:
            found = operation_of(edit)
            if found is not None:
                counts[found[0]] += found[1]
    floored = tuple(op for op in OPERATIONS if counts[op] == 0)
    return EditRates(dict(counts), sentences, used, floored)
