"""The hedging check: is a claim hedged on one side only ("confirmed" in Arabic, "expected" in
English), or a number qualified differently ("more than 40" vs "40")?"""

from __future__ import annotations

from translate_eval.score.checks.belief import arabic_beliefs, english_beliefs
from translate_eval.score.checks.markers import MarkerComparison, arabic_markers, english_markers
from translate_eval.score.checks.numbers import compare_numbers
from translate_eval.text.tokens import word_set

# How sure it is: hedges that soften a claim ("is expected to", "probably", يُرجّح، ربما).
# Modal "may"/"might" are left out: English uses them for purpose and politeness too. "Alleged"
# / مزعوم say who claims it: attribution, not hedging; so does a named believer ("Omar believes",
# ويعتقد عمر), while the impersonal "is believed to" / يُعتقد أن hedges (:mod:`.belief`).
_EN_HEDGES = word_set(
    "apparently expected expects expect likely unlikely possibly possible perhaps probably "
    "appears appeared seems seemed suspected unconfirmed rumoured rumored presumably"
)
_AR_HEDGES = word_set(
    "ربما يرجح مرجح متوقع يتوقع توقع توقعات يبدو محتمل يحتمل احتمال يشتبه مشتبه يرجي"
)


def compare_hedging(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Hedges on each side: "expected", "likely", "apparently", "is believed", "seems"... /
    ربما، يُرجّح، يُعتقد أن، من المتوقع، يبدو، محتمل، قد + imperfect verb. A claim hedged on
    one side only (an attack "confirmed" in Arabic and "expected" in English) differs. Modal
    may/might are not counted (purpose clauses use them). O(len(texts))."""
    return MarkerComparison(
        arabic_markers(src_ar, _AR_HEDGES, with_qad=True) + arabic_beliefs(src_ar)[1],
        english_markers(tgt_en, _EN_HEDGES, ()) + english_beliefs(tgt_en)[1],
    )


def hedging_differs(src_ar: str, tgt_en: str) -> bool:
    """True when one side hedges and the other does not (:func:`compare_hedging`), or a number
    is qualified differently ("more than 40" vs "40", :class:`NumberComparison`)."""
    return (
        compare_hedging(src_ar, tgt_en).differ or compare_numbers(src_ar, tgt_en).qualifiers_differ
    )
