"""The attribution check: is a claim attributed to a speaker, sources or reports on one side only
("according to opposition sources", "a spokesman told", وفق ما قال مصدر dropped or added)?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate_eval.score.checks.belief import arabic_beliefs, english_beliefs
from translate_eval.score.checks.markers import AR_RELATIVE_PRONOUNS, AR_THAT, MarkerComparison
from translate_eval.score.checks.sources import source_description_differs
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
    "insists mentioned mentions mentioning noted noting declared declares recalled recalls "
    "warned warns emphasised emphasized emphasises emphasizes emphasising emphasizing stressing "
    "explaining asserting insisting pointed continued continues went warning source"
)
# Verbs that are speech only beside a quotation ("He continued, “...”", "“...,” he declared")
# or before what is said ("noted that", "warned of"): otherwise "the fighting continued",
# "declared a curfew", "noted a single entrance" (observed), "those warned to remove their
# stalls", "a warning". "went" is read only in "went on"; "pointed" in "pointed out" / "to".
_EN_QUOTE_BOUND = word_set("continued continues went declared declares noted warned warns warning")
_EN_PHRASAL = {"went": ("on",), "pointed": ("out", "to")}
_QUOTE_OPENS_RE = re.compile(r"[ \t]*[,:]?[ \t]*[“\"«]")
_THAT_FOLLOWS_RE = re.compile(r"[ \t]+(?:that|of|against)\b")
_QUOTE_CLOSED_RE = re.compile(r"[”\"»][ \t]*(?:[A-Za-z’'-]+[ \t]+){0,3}$")
# A tag whose speaker is a pronoun ("“...,” he told the paper", "She added: “...”") repeats a
# speaker named before: a continued quotation, which Arabic often leaves untagged (its quote
# runs on over several sentences under one قال). It matches an Arabic attribution but does
# not make a difference on its own.
_EN_PRONOUNS = word_set("he she they")
# An English quotation of a sentence or more (an opening mark and four words after it, closed
# or not: a quotation may run on over several sentences) is someone's words even where the
# verb that tags it sits in a neighbouring sentence: it matches an Arabic attribution. Not the
# other way: an English tag added to an Arabic quotation names or re-tags the speaker (the
# real pairs' gold counts that as an attribution change). Short quoted phrases (“revolution”)
# are scare quotes or titles.
_QUOTATION_RE = re.compile(r"[«“\"]\s*(?:[^\s«»“”\"]+\s+){3,}[^\s«»“”\"]+")
# Participles used as adjectives after a determiner or opening the text ("the reported buildup",
# "the alleged reforms", legal "the said article", "Said company", "an added form") refer back
# to what was already said: no attribution.
_EN_ATTRIBUTIVE = word_set("reported alleged claimed said added stated mentioned noted declared")
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
# "Added" after these is passive ("shall be added to the reserve", "as mentioned above", "the
# above-mentioned"), not "he added".
_EN_PASSIVE = word_set("be been being is are was were as above")
_EN_PASSIVE_PRONE = word_set("added mentioned noted declared recalled stated warned announced")
# A reduced passive pointing back into the text: "the cases mentioned above".
_EN_BACK_REFERENCE = word_set("above below earlier previously herein hereinafter")
# Speech verbs used of a document ("the forms stated in Article 4") name a text, not a speaker.
_EN_DOCUMENT_PREPOSITIONS = word_set("in under by")
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
_EN_LEGAL = word_set(
    "article articles law laws provisions provision paragraph paragraphs clause clauses "
    "section sections rules regulations decree terms conditions procedures constitution "
    "form forms nature type case manner priority need needs plan plans schedule timetable "
    "criteria standards requirements circumstances situation availability capacity ability "
    "instructions guidelines"
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


def _attribution_stems(word: str) -> set[str]:
    """The attribution stems of a normalised Arabic word: nouns under every clitic reading,
    verbs only under a verb's clitics (no article, no ب / ك). O(len(word))."""
    hits = set()
    for stem, had_article in clitic_readings(word):
        if stem in _AR_VERBS:
            prefix = word[: len(word) - len(stem)]
            if not had_article and prefix in _AR_VERB_PREFIXES:
                hits.add(stem)
        elif stem in _AR_ATTRIBUTION:
            hits.add(stem)
    return hits


def _in_scope(words: list[str], index: int, hit: set[str]) -> bool:
    """Whether the verb of saying at ``index`` (stems ``hit``) attributes the sentence: a
    governed verb with its particle (شدد على، حذر من) or أن after it, and a verb in a relative
    clause (التقرير الذي أعلنت عنه المجلة "the report the magazine announced") only when what
    is said follows it (الذي قال إن). Nouns are always in scope."""
    following = words[index + 1 : index + 1 + _AR_SAID_REACH]
    says_that = any(w in AR_THAT for w in following)
    if hit & _AR_POINTS_OUT:
        return following[:1] == ["الي"] and following[1:2] != [] and following[1] in AR_THAT
    governed = {_AR_GOVERNED[stem] for stem in hit if stem in _AR_GOVERNED}
    if governed and not (says_that or governed & set(following[:_AR_PARTICLE_REACH])):
        return False
    relative = index > 0 and words[index - 1] in AR_RELATIVE_PRONOUNS
    return not (relative and hit & _AR_VERBS) or says_that


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


def _beside_quote(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` stands beside a quotation: one opens right after
    it, or one closed at most three words before it. O(1) per word."""
    window = text[max(0, start - 60) : start]
    return bool(_QUOTE_OPENS_RE.match(text, end) or _QUOTE_CLOSED_RE.search(window))


def _pronoun_tag(text: str, lowered: list[str], index: int, span: tuple[int, int]) -> bool:
    """Whether the speech verb at ``index`` (``span`` in ``text``) is a pronoun's tag of a
    quotation: he / she / they just before it (or just after: "said he") beside a quote."""
    before = lowered[index - 1] if index else ""
    after = lowered[index + 1] if index + 1 < len(lowered) else ""
    pronoun = before in _EN_PRONOUNS or after in _EN_PRONOUNS
    return pronoun and _beside_quote(text, *span)


def _not_a_verb_here(text: str, matches: list[re.Match[str]], index: int) -> bool:
    """Whether the attribution word at ``index`` is an adjective or a passive ("the reported
    attack", "Said company", "as mentioned above"), a phrasal verb's other sense ("went home")
    or a verb that is speech only beside a quotation with none there ("the fighting
    continued")."""
    lowered = [m.group().lower() for m in matches[max(0, index - 1) : index + 2]]
    word = matches[index].group().lower()
    before = lowered[0] if index else ""
    after = lowered[-1] if index + 1 < len(matches) else ""
    mark = text[: matches[index].start()].rstrip()[-1:]
    # A bead may join sentences: a word opening any of them opens a sentence.
    opens = not before or mark in (".", "!", "?", ":")
    if word in _EN_ATTRIBUTIVE and (opens or before in _EN_DETERMINERS):
        return True
    if before in ("i", "we") and index > 1 and matches[index - 2].group().lower() == "as":
        return True  # the writer's back-reference: "as I mentioned at the outset"
    passive = before in _EN_PASSIVE and not _THAT_FOLLOWS_RE.match(text, matches[index].end())
    if word in _EN_PASSIVE_PRONE and (passive or after in _EN_BACK_REFERENCE):
        return True
    if word in _EN_PHRASAL and after not in _EN_PHRASAL[word]:
        return True
    if word not in _EN_QUOTE_BOUND:
        return False
    end = matches[index + 1].end() if word == "went" else matches[index].end()
    start = matches[index].start()
    return not (_beside_quote(text, start, end) or _THAT_FOLLOWS_RE.match(text, end))


def _english_hits(text: str) -> list[tuple[str, bool]]:
    """``(word, pronoun tag)`` of each attribution word of English ``text`` (lower case), as
    :func:`english_attribution` reads them. O(len(text))."""
    matches = list(_EN_WORD_RE.finditer(text))
    words = [m.group() for m in matches]
    lowered = [w.lower() for w in words]
    found: list[tuple[str, bool]] = []
    for index, word in enumerate(lowered):
        if word not in _EN_ATTRIBUTION or _not_a_verb_here(text, matches, index):
            continue
        before = lowered[index - 1] if index else ""
        if word == "said":
            after_comma = text[: matches[index].start()].rstrip()[-1:] in (",", ";")
            if before in _EN_NOT_SPEAKER or _legal_said(words, index, after_comma):
                continue
        if word == "according" and _legal_next(lowered, index + 1, _EN_LEGAL, arabic=False):
            continue
        after = lowered[index + 1] if index + 1 < len(lowered) else ""
        if word in ("source", "sources") and after in ("of", "for"):
            continue  # "the source of the fire", "sources of income"
        if _document_sense(lowered, index):
            continue
        found.append((word, _pronoun_tag(text, lowered, index, matches[index].span())))
    return found


def english_attribution(text: str) -> tuple[str, ...]:
    """Attribution words of English ``text`` (lower case), leaving out a participle used as an
    adjective after a determiner ("the reported attack") or a passive ("as mentioned above"),
    legal "said" before a noun ("said partner"), a verb naming a text ("stated in Article 4"),
    "according to" before a legal text, a manner or a plan ("according to need"), and the
    verbs that are speech only beside a quotation ("continued", "went on", "declared") when
    none is there; a named believer ("Omar believes") counts (:mod:`.belief`). O(len(text))."""
    return tuple(word for word, _ in _english_hits(text)) + english_beliefs(text)[0]


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
        accordance = stems & _AR_ACCORDANCE and _legal_next(words, index, _AR_SOURCES, True)
        according = stems & _AR_ACCORDING and not _legal_next(words, index, _AR_LEGAL, True)
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
    only ("مصدر" / "a military source") differs too. O(len(texts))."""
    source = arabic_attribution(src_ar)
    hits = _english_hits(tgt_en)
    target = tuple(word for word, tag in hits if source or not tag)
    if source and not target and _QUOTATION_RE.search(tgt_en):
        target = ("(quotation)",)
    described = source_description_differs(src_ar, tgt_en)
    if described:
        target = (*target, "(source described on one side only)")
    return AttributionComparison(source, target + english_beliefs(tgt_en)[0], described)


def attribution_differs(src_ar: str, tgt_en: str) -> bool:
    """True when a claim is attributed on one side only (:func:`compare_attribution`)."""
    return compare_attribution(src_ar, tgt_en).differ
