"""English attribution words: verbs of saying, reported speech and cited sources, read in
their speech sense only, and the pronoun tags and quotations that continue a quotation."""

from __future__ import annotations

import re

from translate_eval.score.checks.belief import english_beliefs
from translate_eval.text.tokens import word_set

# Who says it, read with the breadth of the Arabic side (:mod:`.attribution`): said ~ قال،
# أضاف; "according to" ~ بحسب، وفق. Bare forms that are mostly nouns ("report", "claim") are
# left out.
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
# A tag before a quotation ends on a comma or a colon; one after it follows the quotation's
# closing punctuation (',” he said', '”, he said'): not a scare quote ('the “revolution”
# continued').
_QUOTE_OPENS_RE = re.compile(r"[ \t]*[,:][ \t]*[“\"«]")
_THAT_FOLLOWS_RE = re.compile(r"[ \t]+(?:that|of|against)\b")
_QUOTE_CLOSED_RE = re.compile(
    r"(?:[,.!?…][ \t]*[”\"»]|[”\"»][ \t]*,)[ \t]*(?:[A-Za-z’'-]+[ \t]+){0,3}$"
)
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
# After "according to", a legal text, a manner or a plan ("according to Article 5 / the form of
# the company / need / the schedule") means "in accordance with": no one is cited.
_EN_LEGAL = word_set(
    "article articles law laws provisions provision paragraph paragraphs clause clauses "
    "section sections rules regulations decree terms conditions procedures constitution "
    "form forms nature type case manner priority need needs plan plans schedule timetable "
    "criteria standards requirements circumstances situation availability capacity ability "
    "instructions guidelines value values"
)
_EN_WORD_RE = re.compile(r"[A-Za-z]+")


def _legal_after(lowered: list[str], index: int) -> bool:
    """Whether one of the two words after ``index`` is a legal text or a manner."""
    return any(word in _EN_LEGAL for word in lowered[index + 1 : index + 3])


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
    return after in _EN_DOCUMENT_PREPOSITIONS and _legal_after(lowered, index + 1)


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


_EN_MODALS = word_set("would could should might may must can cannot")


def _no_claim(before: list[str]) -> bool:
    """Whether the (up to three, lower-case) words ``before`` a speech verb make it no one's
    claim: the writer's back-reference ("as I mentioned") or an unreal or modal saying ("I
    would have said", "could not be said")."""
    if before[-2:-1] == ["as"] and before[-1:] in (["i"], ["we"]):
        return True
    if before[-1:] not in (["have"], ["be"]):
        return False
    modal = before[-3:-2] if before[-2:-1] == ["not"] else before[-2:-1]
    return bool(modal) and modal[0] in _EN_MODALS


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
    if _no_claim([m.group().lower() for m in matches[max(0, index - 3) : index]]):
        return True
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


def english_speech(text: str) -> list[tuple[str, bool]]:
    """``(word, pronoun tag)`` of each attribution word of English ``text`` (lower case), as
    :func:`english_attribution` reads them; ``pronoun tag``: :func:`_pronoun_tag`.
    O(len(text))."""
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
        if word == "according" and _legal_after(lowered, index + 1):
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
    return tuple(word for word, _ in english_speech(text)) + english_beliefs(text)[0]


def english_quotation(text: str) -> bool:
    """Whether English ``text`` holds a quotation of four words or more (:data:`_QUOTATION_RE`).
    O(len(text))."""
    return bool(_QUOTATION_RE.search(text))
