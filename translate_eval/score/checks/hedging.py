"""The hedging check: is a claim hedged on one side only ("confirmed" in Arabic, "expected" in
English), or a number qualified differently ("more than 40" vs "40")?"""

from __future__ import annotations

import re

from translate_eval.score.checks.belief import arabic_beliefs, english_beliefs
from translate_eval.score.checks.markers import MarkerComparison, arabic_markers, english_markers
from translate_eval.score.checks.negation import compare_negations
from translate_eval.score.checks.numbers import compare_numbers
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

# How sure it is: hedges that soften a claim ("is expected to", "probably", يُرجّح، ربما،
# لعلّ "perhaps", بدت / يبدو "seemed / seems"; بدا is left out: it is also بدأ "began" once
# normalised). "Alleged" / مزعوم say who claims it: attribution, not hedging; so does a named
# believer ("Omar believes", ويعتقد عمر), while the impersonal "is believed to" / يُعتقد أن hedges
# (:mod:`.belief`).
_EN_HEDGES = word_set(
    "apparently expected expects expect likely unlikely possibly perhaps probably "
    "appears appeared seems seemed suspected unconfirmed rumoured rumored presumably"
)
# Weak hedges: "may", "might", "could" and "possible" also say what is allowed or able ("if
# possible", "so that he may teach"), "sometimes" how often, "almost" and "nearly" how much,
# so they never make a bead differ alone; they answer an Arabic hedge (قد يتغير "may change";
# ربما كانت تغيب "sometimes would vanish"; شبه معطلة "almost out of action"), as usual
# renderings of it.
_EN_WEAK_HEDGES = word_set(
    "may might could possible sometimes almost nearly virtually practically semi quasi"
)
# شبه "almost, semi-" hedges what follows (شبه معطلة "almost out of action"), but for the
# peninsula (شبه الجزيرة): "almost", "nearly", "virtually", "semi-" above render it.
_AR_ALMOST = "شبه"
_AR_PENINSULA = word_set("جزيره الجزيره جزر الجزر")
_AR_HEDGES = word_set(
    "ربما يرجح مرجح متوقع يتوقع توقع توقعات يبدو تبدو بدت محتمل يحتمل احتمال يشتبه مشتبه يرجي "
    "لعل لعله لعلها لعلهم لعلنا لعلي"
)


def compare_hedging(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Hedges on each side: "expected", "likely", "apparently", "is believed", "seems"... /
    ربما، لعلّ، يُرجّح، يُعتقد أن، من المتوقع، يبدو، محتمل، قد + imperfect verb. A claim hedged
    on one side only (an attack "confirmed" in Arabic and "expected" in English) differs.
    "may", "might", "could", "possible" and "sometimes" count only where the Arabic hedges
    (purpose clauses and "if possible" use them too): they can match an Arabic hedge, never
    raise a difference alone. O(len(texts))."""
    source = arabic_markers(src_ar, _AR_HEDGES, with_qad=True) + arabic_beliefs(src_ar)[1]
    source += _arabic_almost(src_ar)
    target = english_markers(tgt_en, _EN_HEDGES, ()) + english_beliefs(tgt_en)[1]
    if source and not target:
        target = _weak_hedges(tgt_en)
    return MarkerComparison(source, target)


def _arabic_almost(src_ar: str) -> tuple[str, ...]:
    """شبه as "almost, semi-" in ``src_ar`` (any conjunction clitic), not before جزيرة
    (peninsula). O(len(text))."""
    words = arabic_tokens(src_ar)
    return tuple(
        _AR_ALMOST
        for index, word in enumerate(words)
        if any(stem == _AR_ALMOST for stem, _ in clitic_readings(word))
        and not (index + 1 < len(words) and words[index + 1] in _AR_PENINSULA)
    )


def _weak_hedges(tgt_en: str) -> tuple[str, ...]:
    """The weak hedges of English ``tgt_en`` (:data:`_EN_WEAK_HEDGES`), lower-cased; a
    capitalised "May" is the month ("in May 2017"). O(len(text))."""
    words = re.findall(r"[A-Za-z]+", tgt_en)
    return tuple(w.lower() for w in words if w != "May" and w.lower() in _EN_WEAK_HEDGES)


def hedging_differs(src_ar: str, tgt_en: str) -> bool:
    """True when one side hedges and the other does not (:func:`compare_hedging`), a number
    is qualified differently ("more than 40" vs "40", :class:`NumberComparison`), or a
    negation is softened ("little if any" for لم, :attr:`NegationComparison.softened`)."""
    return (
        compare_hedging(src_ar, tgt_en).differ
        or compare_numbers(src_ar, tgt_en).qualifiers_differ
        or compare_negations(src_ar, tgt_en).softened
    )
