"""The attribution check: is a claim attributed to a speaker, sources or reports on one side only
("according to opposition sources", "a spokesman told", وفق ما قال مصدر dropped or added)?"""

from __future__ import annotations

from dataclasses import dataclass

from translate_eval.score.checks.belief import arabic_beliefs, english_beliefs
from translate_eval.score.checks.markers import AR_RELATIVE_PRONOUNS, AR_THAT, MarkerComparison
from translate_eval.score.checks.sources import source_description_differs
from translate_eval.score.checks.speech_en import (
    english_attribution,
    english_quotation,
    english_speech,
)
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

__all__ = [
    "AttributionComparison",
    "arabic_attribution",
    "arabic_talk",
    "attribution_differs",
    "compare_attribution",
    "english_attribution",
]

# Who says it: verbs of saying and reported speech, who is cited (sources, a spokesman,
# witnesses), reports and claims. Both sides are read with the same breadth (said ~ قال، أضاف،
# أوضح; "according to" ~ بحسب، وفق), so a faithful bead has markers on both sides or on neither.
# Bare verb forms that are mostly nouns ("report", "claim", "state", "note") are left out.
# The English side is read in :mod:`.speech_en`.
# Arabic verbs of saying in the persons news uses (he / she / they, past and present, the
# adverbial participle: قال، قالت، قالوا، يقول، تقول، قائلاً), one verb a line, normalised
# (ى -> ي); then the reporting nouns. The present of أشار counts only right before إلى أن
# (ويشير إلى أن "he points out that"; تشير البيانات "the data indicate" does not); left out:
# the present of ادّعى, which normalises like يُدعى "named". "Activists" alone (ناشطين
# "kidnapping activists") is not attribution on either side; بحسب ناشطين and "activists said"
# are, by their other word.
_AR_SPEECH_VERBS = (
    "قال قالت قالوا قاله قالها يقول تقول يقولون قائلا قائله",
    "اضاف اضافت اضافوا يضيف تضيف يضيفون مضيفا مضيفه",
    "تابع تابعت",
    "اوضح اوضحت اوضحوا يوضح توضح يوضحون موضحا موضحه",
    "ذكر ذكرت ذكروا يذكر يذكرون",
    "اكد اكدت اكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكده",
    "صرح صرحت صرحوا يصرح تصرح",
    "اعلن اعلنت اعلنوا يعلن تعلن يعلنون",
    "اشار اشارت اشاروا مشيرا مشيره",
    "لفت لفتت",
    "روي روت رووا يروي تروي يروون",
    "حكي حكت يحكي تحكي",
    "اخبر اخبرت اخبروا يخبر تخبر",
    "نقل نقلت نقلا",
    "افاد افادت تفيد يفيد",
    "زعم زعمت زعموا يزعم تزعم",
    "ادعي ادعت",
    "نفي نفت ينفي تنفي",
    "نوه نوهت نوهوا ينوه تنوه منوها منوهه",
    "استطرد استطردت مستطردا",
    "شدد شددت شددوا يشدد تشدد مشددا مشدده",
    "حذر حذرت حذروا يحذر تحذر محذرا محذره",
    "يشير تشير يشيرون",
)
_AR_VERBS = word_set(" ".join(_AR_SPEECH_VERBS))
_AR_ATTRIBUTION = _AR_VERBS | word_set(
    "مزاعم ادعاء ادعاءات انباء مصادر مصدر ناطق متحدث شهود مراسل مراسلنا"
)
_AR_NOUNS = _AR_ATTRIBUTION - _AR_VERBS  # read under every clitic reading
# Verbs of talking (يتحدث أبو محمد عن قصته "recounts", الوثيقة تتحدث عن "the document talks
# about", وتحدثت لبعض العاملين "spoke to some workers") frame speech as often as they attribute
# a claim, and the English "talks" / "spoke" are not read (peace "talks"): they answer an
# English attribution and never make a bead differ alone. The past تحدّث "he talked" is left
# out: unvowelled it is also تَحدُث "it occurs".
_AR_TALK_VERBS = word_set("تحدثت تحدثوا يتحدث تتحدث يتحدثون متحدثا")
# A verb takes no article and no preposition ب / ك: النقل، بالنقل، أجور النقل are the noun
# "transport", التابع "the affiliated"; a verb's leading clitics are و / ف and the ل of purpose.
_AR_VERB_PREFIXES = frozenset({"", "و", "ف", "ل", "ول", "فل"})
# Verbs of saying only with what they govern: شدد على "stressed" (شدد الحصار "tightened the
# siege"), حذر من "warned of" (حذر "caution"); either before أن / إن.
_AR_GOVERNED = {
    **dict.fromkeys(("شدد", "شددت", "شددوا", "يشدد", "تشدد", "مشددا", "مشدده"), "علي"),
    **dict.fromkeys(("حذر", "حذرت", "حذروا", "يحذر", "تحذر", "محذرا", "محذره"), "من"),
}
# The particle follows the verb or its subject (شدد المدير على); what is said may come after
# a subject and an addressee (الذي قال لعنب بلدي إن).
_AR_PARTICLE_REACH = 2
_AR_POINTS_OUT = word_set("يشير تشير يشيرون")
_AR_SAID_REACH = 3
# "According to" and بحسب / حسب are attribution before a speaker or a source; before a legal
# text ("according to Article 5", بحسب الأحوال) they mean "in accordance with".
_AR_ACCORDING = word_set("بحسب حسب")
# وفق / وفقاً / طبقاً mean "in accordance with" (وفقاً للمادة، وفق برامج، وفقاً للقيمة) unless
# a source follows (وفقاً لتقرير، وفق وكالة); before ما the speech verb that follows is read.
_AR_ACCORDANCE = word_set("وفق وفقا طبقا")
_AR_SOURCES = word_set(
    "تقرير تقارير وكاله صحيفه موقع بيان معلومات احصائيات ارقام مرصد شبكه مصادر مصدر ناشطون "
    "ناشطين شهود مراسل"
)
# Legal texts, the manner idioms (بحسب الأحوال "as the case may be", حسب الأولوية "by
# priority", وفق الآتي "as follows"), and ما (بحسب ما: "according to what", whose speech verb,
# if any, follows and is read itself).
_AR_LEGAL = word_set(
    "ماده مواد احكام حكم قانون قوانين فقره فقرات بند بنود شروط قواعد ضوابط معايير اجراءات نص "
    "نصوص قرار مرسوم دستور نظام انظمه لائحه اوضاع احوال حاله اولويه اتي تالي حاجه اصول ظروف "
    "شكل نوع اقتضاء اليه ترتيب نسبه ما لما"
)
# نقل is "transfer" (نقل الجرحى، نقل ملكية) unless it quotes: عن or a source follows.
_AR_QUOTING = word_set("نقل نقلت نقلا")
# يفيد before ب + noun (يفيد بقبول "implies acceptance") or after ما ("what shows") says what
# a text implies; the reporting sense takes a source (أفادت مصادر) or بأن.
_AR_INFORMING = word_set("افاد افادت تفيد يفيد")
# A source noun after a definite noun is its adjective (رأس المال المصدر "the issued
# capital"), after مال "capital" (with its pronoun: رأس مالها المصدر) or غير (غير الناطق
# "inarticulate") too.
_AR_SOURCE_NOUNS = word_set("مصدر ناطق متحدث")
_AR_ADJECTIVE_LEADS = word_set("مال غير")
# تابع before ل is the adjective "subordinate / affiliated to", not "he went on".
_AR_FOLLOWING = word_set("تابع تابعت")
# Words opening on ل that are particles, not ل + a noun: "وتابع: «لم يبق...»" is speech.
_AR_LAM_PARTICLES = word_set("لم لن لا لقد لكن لكنه لكنها لان لانه لانها لانهم ليس ليست لما")


def _stems(word: str) -> set[str]:
    """The stems of a normalised Arabic word under every clitic reading."""
    return {stem for stem, _ in clitic_readings(word)}


def _verb_stems(word: str, verbs: frozenset[str]) -> set[str]:
    """The stems of a normalised Arabic word in ``verbs`` read under a verb's clitics only (no
    article, no ب / ك: النقل "transport" is no verb). O(len(word))."""
    return {
        stem
        for stem, had_article in clitic_readings(word)
        if stem in verbs and not had_article and word[: len(word) - len(stem)] in _AR_VERB_PREFIXES
    }


def _attribution_stems(word: str) -> set[str]:
    """The attribution stems of a normalised Arabic word: nouns under every clitic reading,
    verbs only under a verb's clitics (:func:`_verb_stems`). O(len(word))."""
    nouns = {stem for stem, _ in clitic_readings(word) if stem in _AR_NOUNS}
    return _verb_stems(word, _AR_VERBS) | nouns


def _in_scope(words: list[str], index: int, hit: set[str]) -> bool:
    """Whether the verb of saying at ``index`` (stems ``hit``) attributes the sentence: a
    governed verb with its particle (شدد على، حذر من) or أن after it, the present يشير only
    right before إلى أن, and a verb in a relative clause (التقرير الذي أعلنت عنه المجلة "the
    report the magazine announced") only when what is said follows it (الذي قال إن). Nouns are
    always in scope."""
    following = words[index + 1 : index + 1 + _AR_SAID_REACH]
    says_that = any(w in AR_THAT for w in following)
    if hit & _AR_POINTS_OUT:
        return following[:1] == ["الي"] and following[1:2] != [] and following[1] in AR_THAT
    governed = {_AR_GOVERNED[stem] for stem in hit if stem in _AR_GOVERNED}
    if governed and not (says_that or governed & set(following[:_AR_PARTICLE_REACH])):
        return False
    relative = index > 0 and words[index - 1] in AR_RELATIVE_PRONOUNS
    return not (relative and hit & _AR_VERBS) or says_that


def _legal_next(words: list[str], index: int, legal: frozenset[str]) -> bool:
    """Whether one of the two Arabic words after ``index`` is in ``legal`` (any clitic
    reading)."""
    return any(_stems(word) & legal for word in words[index + 1 : index + 3])


def _lam_preposition(word: str) -> bool:
    """Whether the normalised Arabic ``word`` is the preposition ل on a noun (للعالم، لوزارة)."""
    return word.startswith("ل") and len(word) >= 4 and word not in _AR_LAM_PARTICLES


def _speech_sense(words: list[str], index: int, hit: set[str]) -> bool:
    """Whether the attribution word at ``index`` (stems ``hit``) is speech: not a transfer
    (نقل with no عن or source after it), not what a text implies (يفيد ب..., ما يفيد), not
    "affiliated to" (تابع ل...), not a source noun used as an adjective (رأس المال المصدر، غير
    الناطق)."""
    following = words[index + 1 : index + 5]
    before = words[index - 1] if index else ""
    if hit & _AR_QUOTING:
        return any(w == "عن" or _stems(w) & _AR_SOURCES for w in following)
    if hit & _AR_INFORMING:
        after = following[0] if following else ""
        implies = after.startswith("ب") and not after.startswith("بان")
        return not (implies or before == "ما")
    if hit & _AR_FOLLOWING and following[:1] and _lam_preposition(following[0]):
        return False  # تابع للعالم "subordinate to the world", تابع لوزارة "affiliated to"
    if hit & _AR_SOURCE_NOUNS and before:
        definite = words[index].startswith(("ال", "وال")) and before.startswith(("ال", "لل"))
        capital = before.startswith("مال") and len(before) <= 5  # مال، ماله، مالها، مالهم
        return not (definite or capital or _stems(before) & _AR_ADJECTIVE_LEADS)
    return True


def arabic_talk(text: str) -> tuple[str, ...]:
    """The verbs of talking of Arabic ``text`` (:data:`_AR_TALK_VERBS`, under a verb's clitics:
    وتحدثت، فيتحدث). O(len(text))."""
    return tuple(stem for word in arabic_tokens(text) for stem in _verb_stems(word, _AR_TALK_VERBS))


def arabic_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of Arabic ``text`` (the stem found under any clitic reading), leaving
    out بحسب before a legal text, وفق / وفقاً / طبقاً unless a source follows, a verb read
    with the article (أجور النقل "transport fees"), the non-speech senses of
    :func:`_speech_sense` and the verbs out of scope of :func:`_in_scope`; a named believer
    (ويعتقد عمر) counts (:mod:`.belief`). O(len(text))."""
    words = arabic_tokens(text)
    found = []
    for index, word in enumerate(words):
        stems = _stems(word)
        hit = _attribution_stems(word)
        if hit and not (_speech_sense(words, index, hit) and _in_scope(words, index, hit)):
            continue
        accordance = stems & _AR_ACCORDANCE and _legal_next(words, index, _AR_SOURCES)
        according = stems & _AR_ACCORDING and not _legal_next(words, index, _AR_LEGAL)
        if not hit and (accordance or according):
            hit = {"بحسب"}
        if hit:
            found.append(min(hit))
    return tuple(found) + arabic_beliefs(text)[0]


@dataclass(frozen=True)
class AttributionComparison(MarkerComparison):
    """Attribution markers on each side, and whether an unnamed source cited on both sides is
    described on one side only ("مصدر" / "a military source", :mod:`.sources`)."""

    source_described_differently: bool = False

    @property
    def differ(self) -> bool:
        """True when one side attributes and the other does not, or the source changed."""
        return super().differ or self.source_described_differently


def compare_attribution(src_ar: str, tgt_en: str) -> AttributionComparison:
    """Attribution on each side: verbs of saying and reported speech ("said", "told", "added",
    "according to", "claimed", "reported") and who is cited ("sources", "a spokesman",
    "witnesses") / قال، أضاف، أوضح، ذكر، بحسب، وفق، نقلت، أفادت، تفيد أنباء، ادعاءات، مزاعم،
    مصادر، ناطق... A claim attributed on one side only differs. A pronoun's tag of an English
    quotation ("“...,” he told the paper") counts only when the Arabic attributes too: alone,
    it continues a quotation whose speaker the text named before; an English quotation of four
    words or more matches an Arabic attribution too. An unnamed source described on one side
    only ("مصدر" / "a military source") differs too. A verb of talking (يتحدث، تحدثت) only
    answers an English attribution ("recounts"), never raises one alone. O(len(texts))."""
    source = arabic_attribution(src_ar)
    hits = english_speech(tgt_en)
    if not source and hits:  # a verb of talking answers an English attribution
        source = arabic_talk(src_ar)
    target = tuple(word for word, tag in hits if source or not tag)
    if source and not target and english_quotation(tgt_en):
        target = ("(quotation)",)
    described = source_description_differs(src_ar, tgt_en)
    if described:
        target = (*target, "(source described on one side only)")
    return AttributionComparison(source, target + english_beliefs(tgt_en)[0], described)


def attribution_differs(src_ar: str, tgt_en: str) -> bool:
    """True when a claim is attributed on one side only (:func:`compare_attribution`)."""
    return compare_attribution(src_ar, tgt_en).differ
