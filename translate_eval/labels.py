"""The vocabulary of DESIGN.md's contract: edit labels and flags, in the order tables list them."""

from __future__ import annotations

#: ``edit`` values: kept first, then whole sentences dropped or added, then changes of shape,
#: then partial changes, then changed meaning.
EDIT_LABELS: tuple[str, ...] = (
    "faithful",
    "paraphrase",
    "omission",
    "addition",
    "merge",
    "split",
    "partial_omission",
    "partial_addition",
    "changed",
)

#: ``flags`` values, in the order they are joined with ``;``.
FLAG_NAMES: tuple[str, ...] = ("numbers_differ", "names_differ", "negation_differs", "moved")
