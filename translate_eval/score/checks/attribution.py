"""The attribution check: is a claim attributed to sources, reports or witnesses on one side
only ("according to opposition sources" dropped or added)?"""

from __future__ import annotations

from translate_eval.score.checks.markers import MarkerComparison, arabic_markers, english_markers
from translate_eval.text.tokens import word_set

# Who says it: a claim attributed to sources, reports or witnesses. Plain "said" / قال do
# not count (both languages use them everywhere, for speech as much as for sourcing), nor do
# "according to" / وفقاً لـ / بحسب alone: in legal and literary text they mean "in accordance
# with" (20% of the faithful AlignAR law beads would differ); "according to opposition
# sources" is caught by "sources".
_EN_ATTRIBUTION = word_set(
    "sources source reportedly reported claimed claims alleged allegedly witnesses activists "
    "correspondent correspondents quoted quoting citing cited"
)
_EN_ATTRIBUTION_PHRASES: tuple[str, ...] = ()
_AR_ATTRIBUTION = word_set(
    "مصادر مصدر نقلا افادت افاد زعم زعمت ادعي ادعت مزاعم ناشطون ناشطين شهود مراسل مراسلنا"
)


def compare_attribution(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Attribution to sources on each side: "sources", "reportedly", "citing", "witnesses",
    "activists"... / مصادر، نقلاً عن، أفادت، ناشطون، شهود... A claim attributed on one side
    only ("according to opposition sources" dropped or added) differs. Plain speech verbs
    (said / قال) and "according to" alone do not count. O(len(texts))."""
    return MarkerComparison(
        arabic_markers(src_ar, _AR_ATTRIBUTION, with_qad=False),
        english_markers(tgt_en, _EN_ATTRIBUTION, _EN_ATTRIBUTION_PHRASES),
    )


def attribution_differs(src_ar: str, tgt_en: str) -> bool:
    """True when a claim is attributed to sources on one side only (:func:`compare_attribution`)."""
    return compare_attribution(src_ar, tgt_en).differ
