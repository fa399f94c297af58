"""The attribution check: is a claim attributed to a speaker, sources or reports on one side only
("according to opposition sources", "a spokesman told", وفق ما قال مصدر dropped or added)?"""

from __future__ import annotations

import re

from translate_eval.score.checks.markers import MarkerComparison
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

# Who says it: verbs of saying and reported speech, who is cited (sources, a spokesman,
# witnesses), reports and claims. Both sides are read with the same breadth (said ~ قال، أضاف،
# أوضح; "according to" ~ بحسب، وفق), so a faithful bead has markers on both sides or on neither.
# Bare verb forms that are mostly nouns ("report", "claim", "state", "note") are left out.
_EN_ATTRIBUTION = word_set(
    "says said saying told tells telling added adding stated announced explained according "
    "claims claimed claiming alleged allegedly allegations reported reportedly reports sources "
    "spokesman spokeswoman spokesperson spokesmen witnesses activists correspondent "
    "correspondents quoted quoting citing cited confirmed confirms confirming stressed "
    "asserted affirmed insisted denied denies"
)
# Participles used as adjectives after a determiner or opening the text ("the reported buildup",
# "the alleged reforms", legal "the said article", "Said company") refer back to what was
# already said: no attribution.
_EN_ATTRIBUTIVE = word_set("reported alleged claimed said")
_EN_DETERMINERS = word_set("the a an this that these those its their his her")
# Before "said" these make it the legal adjective ("of said company", "if said acts"); a
# speaker ("sources said", "he said") is a noun or a pronoun.
_EN_NOT_SPEAKER = _EN_DETERMINERS | word_set("of in on by to for with if from and or under as")
_AR_ATTRIBUTION = word_set(
    "قال قالت قالوا يقول تقول يقولون اضاف اضافت يضيف مضيفا تابع تابعت اوضح اوضحت يوضح موضحا "
    "ذكر ذكرت يذكر اكد اكدت يؤكد تؤكد مؤكدا مؤكده صرح صرحت اعلن اعلنت يعلن اشار اشارت مشيرا "
    "لفت لفتت نقل نقلت نقلا افاد افادت تفيد يفيد زعم زعمت يزعم مزاعم ادعي ادعت ادعاء ادعاءات "
    "انباء نفي نفت ينفي مصادر مصدر ناطق متحدث ناشطون ناشطين شهود مراسل مراسلنا"
)
# "According to" and its Arabic words are attribution before a speaker or a source; before a
# legal text ("according to Article 5", وفقاً للمادة) they mean "in accordance with".
_AR_ACCORDING = word_set("بحسب حسب وفق وفقا طبقا")
# Legal texts, the manner idioms (بحسب الأحوال "as the case may be", حسب الأولوية "by
# priority", وفق الآتي "as follows"), and ما (وفقاً لما: "according to what", whose speech verb,
# if any, follows and is read itself).
_AR_LEGAL = word_set(
    "ماده مواد احكام حكم قانون قوانين فقره فقرات بند بنود شروط قواعد ضوابط معايير اجراءات نص "
    "نصوص قرار مرسوم دستور نظام انظمه لائحه اوضاع احوال حاله اولويه اتي تالي حاجه اصول ظروف "
    "شكل نوع اقتضاء اليه ترتيب نسبه ما لما"
)
_EN_LEGAL = word_set(
    "article articles law laws provisions provision paragraph paragraphs clause clauses "
    "section sections rules regulations decree terms conditions procedures constitution"
)
_EN_WORD_RE = re.compile(r"[a-z]+")


def _legal_next(words: list[str], index: int, legal: frozenset[str], arabic: bool) -> bool:
    """Whether one of the two words after ``index`` is a legal text (any clitic reading)."""
    for word in words[index + 1 : index + 3]:
        stems = {s for s, _ in clitic_readings(word)} if arabic else {word}
        if stems & legal:
            return True
    return False


def english_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of English ``text`` (lower case), leaving out a participle used as an
    adjective after a determiner ("the reported attack") and "according to" before a legal
    text. O(len(text))."""
    words = _EN_WORD_RE.findall(text.lower())
    found = []
    for index, word in enumerate(words):
        if word not in _EN_ATTRIBUTION:
            continue
        before = words[index - 1] if index else ""
        if word in _EN_ATTRIBUTIVE and (not before or before in _EN_DETERMINERS):
            continue  # "the said company", "Said company", "the reported attack"
        if word == "said" and before in _EN_NOT_SPEAKER:
            continue
        if word == "according" and _legal_next(words, index + 1, _EN_LEGAL, arabic=False):
            continue
        found.append(word)
    return tuple(found)


def arabic_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of Arabic ``text`` (the stem found under any clitic reading), leaving
    out بحسب / وفق / وفقاً before a legal text. O(len(text))."""
    words = arabic_tokens(text)
    found = []
    for index, word in enumerate(words):
        hit = {stem for stem, _ in clitic_readings(word)} & _AR_ATTRIBUTION
        according = {stem for stem, _ in clitic_readings(word)} & _AR_ACCORDING
        if not hit and according and not _legal_next(words, index, _AR_LEGAL, arabic=True):
            hit = {"بحسب"}
        if hit:
            found.append(min(hit))
    return tuple(found)


def compare_attribution(src_ar: str, tgt_en: str) -> MarkerComparison:
    """Attribution on each side: verbs of saying and reported speech ("said", "told", "added",
    "according to", "claimed", "reported") and who is cited ("sources", "a spokesman",
    "witnesses") / قال، أضاف، أوضح، ذكر، بحسب، وفق، نقلت، أفادت، تفيد أنباء، ادعاءات، مزاعم،
    مصادر، ناطق... A claim attributed on one side only differs. O(len(texts))."""
    return MarkerComparison(arabic_attribution(src_ar), english_attribution(tgt_en))


def attribution_differs(src_ar: str, tgt_en: str) -> bool:
    """True when a claim is attributed on one side only (:func:`compare_attribution`)."""
    return compare_attribution(src_ar, tgt_en).differ
