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

#: ``flags`` values, in the order they are joined with ``;``: DESIGN.md's four, then two
#: extensions: attribution (a claim attributed to sources on one side only) and hedging (hedged
#: on one side only, or a number qualified differently: "more than 40" vs "40").
FLAG_NAMES: tuple[str, ...] = (
    "numbers_differ",
    "names_differ",
    "negation_differs",
    "moved",
    "attribution_differs",
    "hedging_differs",
)
