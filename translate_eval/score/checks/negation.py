"""The negation check: negated clauses counted in the Arabic and in the English, compared for
presence (one side negates, the other does not)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from translate_eval.text.arabic import strip_diacritics
from translate_eval.text.quotes import inside_quotes, quoted_spans
from translate_eval.text.tokens import (
    CONJUNCTION_CLITICS,
    clitic_readings,
    without_parentheses,
    word_set,
)

# ما is read with care: in running text it is far more often "what" (ما في السماوات, هذا ما
# كنزتم) than "not". Only its clear negating patterns count as negations; elsewhere it is an
# optional negation (see arabic_negation_counts).
_AR_NEGATORS = word_set("لا لم لن ليس ليست لست ليسوا لسنا ليسا لات دون بدون بلا ألا لئلا لولا")
# Negator + next word pairs that mean "still" / "especially" / "I swear", not a negation.
_AR_NOT_NEGATION_NEXT = {
    "لا": word_set("يزال تزال يزالون زال زالت سيما أقسم"),
    "ما": word_set("زال زالت زالوا يزال تزال يلي ياتي يأتي بين ان اذا هو هي يسمي وصفه وصفته"),
    "لم": word_set("يزل تزل"),
}
# ما after these words is a relative pronoun (بعد ما, كل ما), not a negation.
_AR_MA_RELATIVE_AFTER = word_set("بعد كل عند حين مثل بين قبل الي إلي علي في من عن اكثر اقل")
# كان and its forms: ما كان ("it was not", "it is not for") is a negation, unless an imperfect
# verb follows (ما كانوا يعملون: "what they used to do").
_AR_KANA = word_set("كان كانوا كانت كنت كنا كنتم كن كانا يكون تكون نكون يكن")
# Subjects of a nominal sentence negated by ما with a ب predicate (وما هم بمؤمنين).
_AR_MA_SUBJECTS = word_set("هو هي هم هن أنت أنتم أنا نحن ذلك هذا هؤلاء")
# ب + these are prepositional phrases, not the ب of a negated predicate.
_AR_B_NOT_PREDICATE = ("بال", "بما", "به", "بك", "بي", "بين", "بعد", "بعض", "بكل", "بنا")
# Words English renders with or without a negation: the exceptives closing a negation
# (ما ... إلا "only" / "nothing but"), كلا ("nay" / "by no means"), غير / بغير ("other than" /
# "without"), دون ("below", "besides" / "without"), لولا ("if only" / "had it not been"), ألا,
# لابد ("must", written as one word).
_AR_OPTIONAL_NEGATORS = word_set("كلا غير بغير دون لولا ألا لابد")
_AR_NEGATOR_LIKE = _AR_NEGATORS | {"ما"}
# Verbs and adjectives whose meaning holds a negation that English often renders with "not":
# prohibit and prevent (يحظر على المدير أن = "a manager shall not"), refrain, refuse, be
# impossible (تعذر = "could not"); and the verbs and nouns that are a negated antonym: forget
# (أجمعوا على نسيان "they cannot remember"), lack and lose (يفتقر "does not have"), absence
# (غياب "there is no"), the lack of (عدم, انعدام: لعدم الدفع "for not paying"), fail (فشل
# "did not manage"), deny (نفى "said it had not"), rule out (يستبعد "is not expected"), stop
# (توقف "no longer"), rarely (نادرا "not often"), free of (خال من "has no"); خارج alone is
# "outside" (خارج مصر), it negates only before عن (_AR_LEAVING). Read after an optional و/ف,
# ب/ل and the article; they only excuse an English negation, never demand one. Exceptives
# (إلا، سوى، عدا) are left out: they go with a negation ("not ... except") rather than replace it.
_AR_LEXICAL_NEGATIVES = word_set(
    "يحظر تحظر حظر يمنع تمنع منع يمتنع تمتنع امتنع يرفض ترفض رفض مستحيل محال يستحيل استحال "
    "يتعذر تعذر نسي نسيت نسوا ينسي تنسي ينسون نسيان يفتقر تفتقر افتقر افتقار يفتقد تفتقد افتقد "
    "يفقد تفقد فقدت فقدوا فقدان غياب غاب غابت يغيب تغيب غائب غائبة عدم انعدام فشل فشلت فشلوا "
    "يفشل تفشل أخفق أخفقت يخفق تخفق إخفاق نفي نفت ينفي تنفي يستبعد تستبعد استبعد استبعدت "
    "توقف توقفت يتوقف تتوقف نادرا قلما خال خالية خلو"
)
# Verbs and participles of leaving that negate with عن after them: المدن التي تخرج عن سلطته
# "the cities not under his control", المناطق الخارجة عن سيطرته.
_AR_LEAVING = word_set("خرج خرجت خرجوا يخرج تخرج يخرجون خارج خارجة الخارج الخارجة خارجين")
# Negated idioms that English mostly renders without a negation (litotes): لا بد "must", لا شك
# "certainly" (or "no doubt"), لا بأس "fine", لا مفر / لا محالة "inevitably", لم يلبث أن
# "soon", لم يتوان / لم يتردد "was quick to", لم يدخر جهدا "did everything"; and a negator
# before مكتوف اليدين / مكتوفي الأيدي ("with folded arms"): لم تقف مكتوفة اليدين "she took
# action". Optional: they excuse an English negation and do not demand one.
_AR_LITOTES_NEXT = {
    "لا": word_set("بد بأس شك ريب مفر محالة مناص"),
    "لم": word_set("يلبث تلبث يلبثوا يتوان تتوان يتوانوا يتردد تتردد يترددوا يدخر تدخر"),
    "لن": word_set("يتوانى تتوانى نتوانى يتردد تتردد نتردد يدخر تدخر ندخر"),
}
_AR_FOLDED_ARMS = "مكتوف"
_LITOTES_WINDOW = 3
# A coordinated negation (لا ... ولا, not ... nor) counts once: the second negator is skipped
# when another negator stands this many words before it.
_COORDINATION_WINDOW = 15
_EXCEPTIVE_WINDOW = 8
_DEFINITE, _OPTIONAL = "definite", "optional"
_AR_RAW_TOKEN_RE = re.compile("[\u0621-\u064a]+")
_EN_NEGATORS = word_set("not no never without neither nor none nothing naught nought nobody cannot")
_EN_TOKEN_RE = re.compile(r"[a-z]+n['’]t|[a-z]+|,")


def _arabic_raw_words(text: str) -> list[str]:
    """Arabic words without diacritics or tatweel but with hamza seats kept (ألا is not إلا),
    ى read as ي. O(len(text))."""
    return _AR_RAW_TOKEN_RE.findall(strip_diacritics(text).replace("ى", "ي"))


def _quoted_words(text: str) -> list[bool]:
    """For each word of :func:`_arabic_raw_words`, whether it stands inside a quotation
    (« », “ ”, straight double quotes; :func:`quoted_spans`). O(len(text) * quotations)."""
    cleaned = strip_diacritics(text).replace("ى", "ي")
    spans = quoted_spans(cleaned)
    return [inside_quotes(spans, m.start()) for m in _AR_RAW_TOKEN_RE.finditer(cleaned)]


def _negating_ma(words: list[str], index: int) -> bool:
    """ما at ``index`` in one of its clearly negating patterns: before كان (not followed by an
    imperfect verb), before a subject with a ب predicate (وما هم بمؤمنين, ما أنت بنعمة ربك
    بمجنون), or before لـ + من (ما لهم من ولي: "they have no protector"). O(1)."""
    following = words[index + 1] if index + 1 < len(words) else ""
    ahead = words[index + 2 : index + 5]
    if following in _AR_KANA:
        return not any(word[:1] in "يتن" for word in ahead[:2])
    # After a pronoun subject, بال + noun is a predicate too (وما هو بالهزل).
    definite_predicate = following in _AR_MA_SUBJECTS
    not_predicate = tuple(
        prefix for prefix in _AR_B_NOT_PREDICATE if not (definite_predicate and prefix == "بال")
    )
    if (following in _AR_MA_SUBJECTS or following.startswith("ل")) and any(
        len(word) >= 4 and word[:1] == "ب" and not word.startswith(not_predicate) for word in ahead
    ):
        return True
    return following.startswith("ل") and "من" in words[index + 2 : index + 4]


def _negator_stem(word: str) -> tuple[str, bool]:
    """``word`` without an interrogative أ (ألم، أفلا، أولم) and, before a negator, without the
    conjunction و/ف; and whether a conjunction was removed. O(1)."""
    if word[:1] == "أ" and word not in _AR_NEGATORS and len(word) > 2:
        word = word[1:]  # interrogative hamza: ألم، أفلا، أولم
    conjunction = word[:1] in CONJUNCTION_CLITICS and word[1:] in _AR_NEGATOR_LIKE
    return (word[1:] if conjunction else word), conjunction


def _lexical_negative(word: str) -> bool:
    """``word`` under one of its clitic readings (:func:`clitic_readings`: without و/ف, then
    ب/ل/ك, then the article) is one of :data:`_AR_LEXICAL_NEGATIVES` (يحظر، ويحظر، بعدم، لعدم،
    بالغياب). O(len(word))."""
    return any(stem in _AR_LEXICAL_NEGATIVES for stem, _ in clitic_readings(word))


def _negation_kind(words: list[str], index: int, stem: str) -> str | None:
    """Whether the word at ``index`` (read as ``stem``) is a definite negation, an optional
    one, or none (None); see :func:`arabic_negation_counts`. O(_EXCEPTIVE_WINDOW)."""
    following = words[index + 1] if index + 1 < len(words) else ""
    previous = words[index - 1] if index > 0 else ""
    window = words[index + 1 : index + 1 + _EXCEPTIVE_WINDOW]
    closed_by_exceptive = any(w in ("إلا", "الا") or w.endswith("إلا") for w in window)
    if stem in _AR_OPTIONAL_NEGATORS or (stem == "لما" and following[:1] in "يتن"):
        return _OPTIONAL  # لمّا + imperfect: "not yet"; otherwise لما is "when" / "for what"
    if stem == "إن" and closed_by_exceptive:
        return _OPTIONAL  # إنْ ... إلا: "it is nothing but" / "it is only"
    if stem not in _AR_NEGATOR_LIKE:
        # unvoweled "الا" is more often إلا (except) than ألا (that ... not)
        leaving = stem in _AR_LEAVING and following == "عن"
        return _OPTIONAL if leaving or _lexical_negative(words[index]) else None
    if stem == "ما" and (previous in _AR_MA_RELATIVE_AFTER or not following):
        return None
    negating_ma = stem == "ما" and not closed_by_exceptive and _negating_ma(words, index)
    if following in _AR_NOT_NEGATION_NEXT.get(stem, frozenset()) and not negating_ma:
        return None
    if stem == "لم" and following and following[0] not in "يتنأا":
        return None  # لِمَ + perfect verb is "why", the negation takes an imperfect
    ahead = words[index + 1 : index + 1 + _LITOTES_WINDOW]
    if following in _AR_LITOTES_NEXT.get(stem, ()) or any(_AR_FOLDED_ARMS in w for w in ahead):
        return _OPTIONAL
    if closed_by_exceptive or (stem == "ما" and not negating_ma):
        return _OPTIONAL
    return _DEFINITE


def arabic_negation_counts(text: str, quotes_unrendered: bool = False) -> tuple[int, int]:
    """Negated clauses in Arabic text: (definite, optional); with ``quotes_unrendered`` (the
    English quotes nothing), a definite negation inside a quotation is optional: the quote was
    dropped or moved to another sentence, its negation has nothing to face.

    Definite: لا لم لن ليس (ليست لست ...) لات بدون بلا لئلا, after a conjunction و/ف and an
    interrogative أ too (ألم، أفلا، أولم: "is it not"), and ما in its clearly negating
    patterns (:func:`_negating_ma`).
    Optional, what an English translation renders with or without a negation: any other ما
    that is not plainly relative (after بعد، كل، في...), a negator closed within eight words by
    إلا ("لم يبق إلا" = "only ... remained" or "nothing remained but"), إنْ ... إلا, كلا, غير /
    بغير, دون ("below", "besides" or "without"), لمّا + imperfect ("not yet"), لولا, ألا.
    Not counted: لا يزال / لم يزل (still), لا سيما (especially), لا أقسم (an oath), لِمَ +
    perfect verb ("why"), and ولا coordinated with a negator shortly before it (لا ... ولا =
    not ... or). عدم (mostly a prefix in English: non-compliance) and the other words of
    :data:`_AR_LEXICAL_NEGATIVES` are optional: they excuse an English "not". O(len(text)).
    """
    words = _arabic_raw_words(text)
    quoted = _quoted_words(text) if quotes_unrendered else [False] * len(words)
    definite = optional = 0
    last_negator = -_COORDINATION_WINDOW - 1
    for index, word in enumerate(words):
        stem, conjunction = _negator_stem(word)
        kind = _negation_kind(words, index, stem)
        if kind == _OPTIONAL:
            optional += 1
        elif kind == _DEFINITE:
            coordinated = (
                conjunction and stem == "لا" and index - last_negator <= _COORDINATION_WINDOW
            )
            last_negator = index
            if quoted[index]:
                optional += 1
            elif not coordinated:
                definite += 1
    return definite, optional


def arabic_negations(text: str) -> int:
    """The definite negated clauses of :func:`arabic_negation_counts`. O(len(text))."""
    return arabic_negation_counts(text)[0]


_EN_EXCEPTIVES = word_set("except save but")
# English words that render an Arabic negation without a negator (ما لم ينص "unless ...
# provides", لم يقدم "fails to provide", لا تقل عن "at least", لا ... إلا "only"),
# and words whose prefix or suffix negates (un-, in-/im-/il-/ir-, non-, -less: "unimpeded",
# "impossible", "infinite", "unavoidably", "doubtless"). They excuse an Arabic negation the
# English lacks; they are not negations themselves.
_EN_LEXICAL_NEGATIVES = word_set(
    "unless fail fails failed failing failure lack lacks lacked lacking refuse refuses refused "
    "refusal prohibit prohibits prohibited prohibition forbid forbids forbade forbidden "
    "prevent prevents prevented only merely solely barely hardly scarcely "
    "absent absence inevitable inevitably impossible impossibility infinite invalid illegal "
    "unlawful deny denies denied "
    # Negating in- / im- / ir- / il- adjectives rendering a negated verb (ما لا يكفي
    # "insufficient", لا يستطيع "incapable"); listed, as in- mostly does not negate (inside).
    "insufficient insufficiently inadequate inadequately incapable inability incomplete "
    "inaccessible incorrect inaccurate invisible ineffective inefficient improper irrelevant "
    "illegitimate insecure inactive "
    # Other words whose meaning is a negated antonym: missing (غير موجود، لا يوجد), deprived
    # (لم يحصل على), ignore (لم يلتفت), avoid, neglect, rarely / seldom (لا ... إلا نادرا).
    "missing deprived ignore ignores ignored ignoring avoid avoids avoided avoiding neglect "
    "neglects neglected rarely seldom"
)
# Words that soften a negation into a small amount ("little if any revenue" for لم يعد بالنفع
# "has brought no benefit"; "requires little effort" for من لا عمل له): "little" and "few" when
# no "a" comes before them ("a little", "a few": some), hardly, barely, scarcely.
_EN_DIMINISHERS = word_set("little few hardly barely scarcely")
# Arabic words that say as much themselves (لا يكاد "hardly", قليل "little", نادراً "rarely"):
# with one of them the English diminisher renders, not softens.
_AR_DIMINISHERS = word_set(
    "كاد يكاد تكاد يكادون كادت نكاد اكاد قليل قليلا قليله قليلة قله قلة نادر نادرا بالكاد"
)
# "at least" / "at most" render لا يقل عن / لا يزيد على.
_EN_AFTER_AT = word_set("least most")
# Words that start like a negative prefix but do not negate.
_EN_NOT_PREFIXED = word_set("until unto unanimous unanimously")
_EN_NOT_PREFIXED_STARTS = ("under", "unit", "union", "univers", "uniform", "uniqu")
# in- / im- / ir- / il- before -able / -ible negate ("a worry the world's mountains cannot
# carry", همّ لا تحمله جبال العالم, as "an insurmountable burden"; "irreversible",
# "incalculable"), but for the few words listed.
_EN_NEGATIVE_PREFIXED_RE = re.compile(
    r"(?:un|non)[a-z]{4,}|[a-z]{3,}less(?:ly|ness)?|i[nmrl][a-z]{4,}(?:able|ably|ible|ibly)"
)
_EN_NOT_PREFIXED_ABLE = word_set(
    "imaginable imaginably inhabitable irritable irritably inflatable impressionable "
    "inheritable invaluable"
)
_EN_EXCEPTIVE_WINDOW = 6


def _english_exceptive_follows(words: list[str], index: int) -> bool:
    """An exceptive (except, save, or "but" not after a comma) within a few words after the
    negator at ``index``: "no god but He", "fear none except Allah" = "only". O(1)."""
    for offset in range(index + 1, min(index + 1 + _EN_EXCEPTIVE_WINDOW, len(words))):
        if words[offset] in _EN_EXCEPTIVES and not (
            words[offset] == "but" and words[offset - 1] == ","
        ):
            return True
    return False


def _english_words(text: str) -> list[str]:
    """Lower-cased words (with their n't), and commas, of ``text`` outside parentheses. O(n)."""
    return _EN_TOKEN_RE.findall(without_parentheses(text.lower()))


def _lexical_negative_count(words: list[str]) -> int:
    count = 0
    for index, word in enumerate(words):
        if word in _EN_LEXICAL_NEGATIVES or (
            word in _EN_AFTER_AT and index > 0 and words[index - 1] == "at"
        ):
            count += 1
        elif not (word in _EN_NOT_PREFIXED or word in _EN_NOT_PREFIXED_ABLE) and not (
            word.startswith(_EN_NOT_PREFIXED_STARTS)
        ):
            count += bool(_EN_NEGATIVE_PREFIXED_RE.fullmatch(word))
    return count


def _negation_count(words: list[str]) -> int:
    count = 0
    last_negator = -_COORDINATION_WINDOW - 1
    for index, word in enumerate(words):
        if not (word in _EN_NEGATORS or word.endswith(("n't", "n’t"))):
            continue
        if _english_exceptive_follows(words, index):
            continue
        coordinated = word == "nor" and index - last_negator <= _COORDINATION_WINDOW
        last_negator = index
        if not coordinated:
            count += 1
    return count


def _diminisher_count(words: list[str]) -> int:
    """Words of ``words`` that say "not much" (:data:`_EN_DIMINISHERS`), "little" and "few" not
    after "a". O(len(words))."""
    return sum(
        word in _EN_DIMINISHERS
        and not (word in ("little", "few") and index > 0 and words[index - 1] == "a")
        for index, word in enumerate(words)
    )


def _arabic_diminishes(text: str) -> bool:
    """Whether the Arabic says "hardly" or "little" itself (:data:`_AR_DIMINISHERS`, any clitic
    reading). O(len(text))."""
    return any(
        stem in _AR_DIMINISHERS
        for word in _arabic_raw_words(text)
        for stem, _ in clitic_readings(word)
    )


def english_lexical_negatives(text: str) -> int:
    """Words of ``text`` that render a negation without a negator: unless, fails to, lack,
    refuse, prohibited, only, impossible, "at least" / "at most", and words with a negating
    un- / non- prefix or -less suffix (not under-, unit-, union, until...). O(len(text))."""
    return _lexical_negative_count(_english_words(text))


def english_negations(text: str) -> int:
    """Count negated clauses in English text: not, n't, no, never, without, neither, nor, none,
    nothing, naught, nobody, cannot. "nor" / "or not" after a negator shortly before it counts
    once with it (neither ... nor); "not only" counts; words in parentheses (a translator's
    additions) do not. Like إلا on the Arabic side, a negator
    followed within six words by "except", "save" or "but" (not after a comma) is an
    exception, not a negation ("there is no god but He"). O(len(text))."""
    return _negation_count(_english_words(text))


@dataclass(frozen=True)
class NegationComparison:
    """Negated clauses counted on each side; ``source_optional``: the source's words that an
    English may render with or without a negation (:func:`arabic_negation_counts`)."""

    source: int
    target: int
    source_optional: int = 0
    target_optional: int = 0
    target_diminishers: int = 0

    @property
    def softened(self) -> bool:
        """True when the source negates and the English, with no negation, says "little",
        "few" or "hardly" instead (``target_diminishers``, counted only where the Arabic has no
        such word itself): "little if any revenue" for "has brought no benefit" softens the
        claim; the hedging flag reports it, and the negation is not read as dropped."""
        return self.source > 0 and self.target == 0 and self.target_diminishers > 0

    @property
    def differ(self) -> bool:
        """True when one side negates and the other does not (presence, not count): the
        English negates and the source has neither a negation nor an optional one, or the
        source negates and the English has no negation and fewer words that render one
        (:func:`english_lexical_negatives`: "unless", "fails to") than the source has
        negations (so that "unless ... not" with its "not" dropped still differs from
        ما لم ... لا); a :attr:`softened` negation does not differ."""
        if self.target > 0:
            return self.source == 0 and self.source_optional == 0
        return self.source > self.target_optional and not self.softened

    @property
    def counts_differ(self) -> bool:
        """True when the two counts differ (stricter, noisier than :attr:`differ`)."""
        return self.source != self.target


def compare_negations(src_ar: str, tgt_en: str) -> NegationComparison:
    """Count negated clauses on both sides; a negation the Arabic quotes is optional when the
    English quotes nothing (:func:`arabic_negation_counts`); and the English words that soften
    an Arabic negation (:attr:`NegationComparison.softened`). O(len(texts))."""
    definite, optional = arabic_negation_counts(src_ar, not quoted_spans(tgt_en))
    words = _english_words(tgt_en)
    diminishers = _diminisher_count(words) if definite and not _arabic_diminishes(src_ar) else 0
    return NegationComparison(
        definite, _negation_count(words), optional, _lexical_negative_count(words), diminishers
    )


def negation_differs(src_ar: str, tgt_en: str) -> bool:
    """True when one side holds a negation and the other holds none (the source's optional
    negations, such as ما ... إلا or كلا, excuse an English negation; see
    :class:`NegationComparison`).

    The counts are compared for presence, not equality. On the gold-aligned, faithfully
    translated AlignAR beads, unequal counts flag 25% (law 001-005, 884 beads) and 57%
    (literature 001-003, 259 beads), because Arabic repeats negators where English coordinates
    or rephrases them; presence flagged 11% and 17%, and 2.6% and 9% (1-1 beads) once the words
    that render a negation without a negator ("unless", "fails to", "at least", يحظر) excuse
    it. Lexical, not a parse: a negation turned into a negative word (لم يبق -> nothing left)
    still counts on each side."""
    return compare_negations(src_ar, tgt_en).differ
