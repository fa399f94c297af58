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
    "spokesman spokeswoman spokesperson spokesmen witnesses correspondent recounted recounts "
    "narrated narrates "
    "correspondents quoted quoting citing cited confirmed confirms confirming stressed "
    "asserted affirmed insisted denied denies announces affirms stresses asserts explains "
    "insists"
)
# Participles used as adjectives after a determiner or opening the text ("the reported buildup",
# "the alleged reforms", legal "the said article", "Said company", "an added form") refer back
# to what was already said: no attribution.
_EN_ATTRIBUTIVE = word_set("reported alleged claimed said added stated")
_EN_DETERMINERS = word_set("the a an this that these those its their his her")
# Before "said" these make it the legal adjective ("of said company", "if said acts"); a
# speaker ("sources said", "he said") is a noun or a pronoun.
_EN_NOT_SPEAKER = _EN_DETERMINERS | word_set("of in on by to for with if from and or under as")
# Legal "said" is a determiner ("said partner", "amend said percentage"): a lower-case noun
# follows and no speaker stands before it. News "said" follows its speaker (a pronoun, a
# capitalised name, a speaker noun) or a clause word follows it ("said the", "said that").
_EN_SPEAKERS = word_set(
    "he she they we i you it who sources source spokesman spokeswoman spokesperson official "
    "officials resident residents activist activists witness witnesses commander commanders "
    "correspondent member members leader leaders people man woman statement report reports"
)
_EN_CLAUSE_WORDS = (
    _EN_NOT_SPEAKER
    | _EN_SPEAKERS
    | word_set(
        "that there at about after before while when what how why during last yesterday today "
        "earlier later then also not no one two three more most some all many several any"
    )
)
# "Added" after these is passive ("shall be added to the reserve"), not "he added".
_EN_PASSIVE = word_set("be been being is are was were")
# Speech verbs used of a document ("the forms stated in Article 4") name a text, not a speaker.
_EN_DOCUMENT_PREPOSITIONS = word_set("in under by")
# Arabic verbs of saying in the persons news uses (he / she / they, past and present, the
# adverbial participle: قال، قالت، قالوا، يقول، تقول، قائلاً), one verb a line, normalised
# (ى -> ي); then the reporting nouns. Left out: the present of أشار (تشير البيانات "the data
# indicate") and of ادّعى, which normalises like يُدعى "named". "Activists" alone (ناشطين
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
)
_AR_ATTRIBUTION = word_set(
    " ".join(_AR_SPEECH_VERBS)
    + " مزاعم ادعاء ادعاءات انباء مصادر مصدر ناطق متحدث شهود مراسل مراسلنا"
)
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
_EN_LEGAL = word_set(
    "article articles law laws provisions provision paragraph paragraphs clause clauses "
    "section sections rules regulations decree terms conditions procedures constitution "
    "form forms nature type case manner priority"
)
# نقل is "transfer" (نقل الجرحى، نقل ملكية) unless it quotes: عن or a source follows.
_AR_QUOTING = word_set("نقل نقلت نقلا")
# يفيد before ب + noun (يفيد بقبول "implies acceptance") or after ما ("what shows") says what
# a text implies; the reporting sense takes a source (أفادت مصادر) or بأن.
_AR_INFORMING = word_set("افاد افادت تفيد يفيد")
# A source noun after a definite noun is its adjective (رأس المال المصدر "the issued
# capital"), after مال "capital" or غير (غير الناطق "inarticulate") too.
_AR_SOURCE_NOUNS = word_set("مصدر ناطق متحدث")
_AR_ADJECTIVE_LEADS = word_set("مال غير")
_EN_WORD_RE = re.compile(r"[A-Za-z]+")


def _stems(word: str) -> set[str]:
    """The stems of a normalised Arabic word under every clitic reading."""
    return {stem for stem, _ in clitic_readings(word)}


def _legal_next(words: list[str], index: int, legal: frozenset[str], arabic: bool) -> bool:
    """Whether one of the two words after ``index`` is in ``legal`` (any clitic reading)."""
    for word in words[index + 1 : index + 3]:
        stems = _stems(word) if arabic else {word}
        if stems & legal:
            return True
    return False


def _legal_said(words: list[str], index: int, after_comma: bool) -> bool:
    """Whether "said" at ``index`` of ``words`` (original case) is the legal determiner: a
    lower-case noun follows and no speaker stands before it (``after_comma``: a comma or a
    semicolon parts it from the word before)."""
    after = words[index + 1] if index + 1 < len(words) else ""
    before = words[index - 1] if index and not after_comma else ""
    if not after.islower() or after in _EN_CLAUSE_WORDS:
        return False
    return not before or (before.islower() and before not in _EN_SPEAKERS)


def _document_sense(lowered: list[str], index: int) -> bool:
    """Whether the speech verb at ``index`` names a text ("stated in Article 4") or is not
    speech at all ("added to the name")."""
    after = lowered[index + 1] if index + 1 < len(lowered) else ""
    if lowered[index] == "added" and after == "to":
        return True
    return after in _EN_DOCUMENT_PREPOSITIONS and _legal_next(lowered, index + 1, _EN_LEGAL, False)


def english_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of English ``text`` (lower case), leaving out a participle used as an
    adjective after a determiner ("the reported attack"), legal "said" before a noun ("said
    partner"), a verb naming a text ("stated in Article 4") and "according to" before a legal
    text or a manner ("according to the form of the company"). O(len(text))."""
    matches = list(_EN_WORD_RE.finditer(text))
    words = [m.group() for m in matches]
    lowered = [w.lower() for w in words]
    found = []
    for index, word in enumerate(lowered):
        if word not in _EN_ATTRIBUTION:
            continue
        before = lowered[index - 1] if index else ""
        mark = text[: matches[index].start()].rstrip()[-1:]
        # A bead may join sentences: a word opening any of them opens a sentence.
        opens = not before or mark in (".", "!", "?", ":")
        if word in _EN_ATTRIBUTIVE and (opens or before in _EN_DETERMINERS):
            continue  # "the said company", "Said company", "the reported attack"
        if word == "added" and before in _EN_PASSIVE:
            continue  # "shall be added in a separate item"
        if word == "said":
            after_comma = mark in (",", ";")
            if before in _EN_NOT_SPEAKER or _legal_said(words, index, after_comma):
                continue
        if word == "according" and _legal_next(lowered, index + 1, _EN_LEGAL, arabic=False):
            continue
        if _document_sense(lowered, index):
            continue
        found.append(word)
    return tuple(found)


def _speech_sense(words: list[str], index: int, hit: set[str]) -> bool:
    """Whether the attribution word at ``index`` (stems ``hit``) is speech: not a transfer
    (نقل with no عن or source after it), not what a text implies (يفيد ب..., ما يفيد), not a
    source noun used as an adjective (رأس المال المصدر، غير الناطق)."""
    following = words[index + 1 : index + 5]
    before = words[index - 1] if index else ""
    if hit & _AR_QUOTING:
        return any(w == "عن" or _stems(w) & _AR_SOURCES for w in following)
    if hit & _AR_INFORMING:
        after = following[0] if following else ""
        implies = after.startswith("ب") and not after.startswith("بان")
        return not (implies or before == "ما")
    if hit & _AR_SOURCE_NOUNS and before:
        definite = words[index].startswith(("ال", "وال")) and before.startswith(("ال", "لل"))
        return not (definite or _stems(before) & _AR_ADJECTIVE_LEADS)
    return True


def arabic_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of Arabic ``text`` (the stem found under any clitic reading), leaving
    out بحسب before a legal text, وفق / وفقاً / طبقاً unless a source follows, and the
    non-speech senses of :func:`_speech_sense`. O(len(text))."""
    words = arabic_tokens(text)
    found = []
    for index, word in enumerate(words):
        stems = _stems(word)
        hit = stems & _AR_ATTRIBUTION
        if hit and not _speech_sense(words, index, hit):
            continue
        accordance = stems & _AR_ACCORDANCE and _legal_next(words, index, _AR_SOURCES, True)
        according = stems & _AR_ACCORDING and not _legal_next(words, index, _AR_LEGAL, True)
        if not hit and (accordance or according):
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
