"""Divergence checks between an Arabic source and its English, one module per check: numbers
(and their qualifiers), names (and their spelling variants), negation, attribution, hedging.

Pure functions on strings. Each check is a heuristic with known blind spots (listed in the
docstrings); they flag beads for a reader to look at, they do not prove a change. The language
knowledge they read (number words, names, clitics) lives in :mod:`translate_eval.text`.
"""

from translate_eval.score.checks.attribution import attribution_differs, compare_attribution
from translate_eval.score.checks.hedging import compare_hedging, hedging_differs
from translate_eval.score.checks.markers import MarkerComparison
from translate_eval.score.checks.name_entities import VARIANT_MIN_KEY
from translate_eval.score.checks.name_variants import name_variants
from translate_eval.score.checks.names import (
    NameComparison,
    compare_names,
    document_names,
    names_differ,
)
from translate_eval.score.checks.negation import (
    NegationComparison,
    arabic_negation_counts,
    arabic_negations,
    compare_negations,
    english_negations,
    negation_differs,
)
from translate_eval.score.checks.numbers import (
    UNCOMPARED_VALUES,
    NumberComparison,
    compare_numbers,
    numbers_differ,
)

__all__ = [
    "UNCOMPARED_VALUES",
    "VARIANT_MIN_KEY",
    "MarkerComparison",
    "NameComparison",
    "NegationComparison",
    "NumberComparison",
    "arabic_negation_counts",
    "arabic_negations",
    "attribution_differs",
    "compare_attribution",
    "compare_hedging",
    "compare_names",
    "compare_negations",
    "compare_numbers",
    "document_names",
    "english_negations",
    "hedging_differs",
    "name_variants",
    "names_differ",
    "negation_differs",
    "numbers_differ",
]
