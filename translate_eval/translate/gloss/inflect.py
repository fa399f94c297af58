"""Small rule-based English inflection for the gloss MT: past tense, 3rd person -s, plurals,
and the verb form a reading's person, tense and context ask for.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from translate_eval.translate.gloss.choose import CONTEXT_BASE_VERB

# Irregular past forms of common English verbs (base -> simple past).
_IRREGULAR_PAST = {
    "be": "was", "become": "became", "begin": "began", "bring": "brought", "build": "built",
    "buy": "bought", "catch": "caught", "choose": "chose", "come": "came", "cut": "cut",
    "deal": "dealt", "do": "did", "draw": "drew", "drink": "drank", "drive": "drove",
    "eat": "ate", "fall": "fell", "feel": "felt", "fight": "fought", "find": "found",
    "flee": "fled", "fly": "flew", "forbid": "forbade", "forget": "forgot", "freeze": "froze",
    "get": "got", "give": "gave", "go": "went", "grow": "grew", "hang": "hung", "have": "had",
    "hear": "heard", "hide": "hid", "hit": "hit", "hold": "held", "hurt": "hurt",
    "keep": "kept", "know": "knew", "lay": "laid", "lead": "led", "leave": "left",
    "lend": "lent", "let": "let", "lie": "lay", "lose": "lost", "make": "made",
    "mean": "meant", "meet": "met", "pay": "paid", "put": "put", "quit": "quit",
    "read": "read", "ride": "rode", "ring": "rang", "rise": "rose", "run": "ran", "say": "said",
    "see": "saw", "seek": "sought", "sell": "sold", "send": "sent", "set": "set",
    "shake": "shook", "shoot": "shot", "show": "showed", "shut": "shut", "sing": "sang",
    "sink": "sank", "sit": "sat", "sleep": "slept", "speak": "spoke", "spend": "spent",
    "split": "split", "spread": "spread", "stand": "stood", "steal": "stole", "stick": "stuck",
    "strike": "struck", "swear": "swore", "take": "took", "teach": "taught", "tear": "tore",
    "tell": "told", "think": "thought", "throw": "threw", "understand": "understood",
    "wake": "woke", "wear": "wore", "win": "won", "withdraw": "withdrew", "write": "wrote",
    "arise": "arose", "bear": "bore", "beat": "beat", "bend": "bent", "bind": "bound",
    "bite": "bit", "blow": "blew", "break": "broke", "burst": "burst", "cast": "cast",
    "cost": "cost", "dig": "dug", "feed": "fed", "forgive": "forgave", "light": "lit",
    "overcome": "overcame", "seize": "seized", "shine": "shone", "slay": "slew",
    "undertake": "undertook", "uphold": "upheld", "weep": "wept",
}  # fmt: skip
_IRREGULAR_PLURAL = {
    "man": "men", "woman": "women", "child": "children", "person": "people", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "sheep": "sheep", "fish": "fish", "wife": "wives",
    "life": "lives", "knife": "knives", "leaf": "leaves", "half": "halves", "thief": "thieves",
}  # fmt: skip
_PAST_FORMS = frozenset(_IRREGULAR_PAST.values()) | {"were"}
_CONSONANT_Y_RE = re.compile(r"[^aeiou]y$")
_DOUBLE_FINAL_RE = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprt]$")
_SIBILANT_RE = re.compile(r"(s|sh|ch|x|z|o)$")


def past_tense(verb: str) -> str:
    lower = verb.lower()
    if lower in _PAST_FORMS or lower.endswith("ed"):
        return verb
    if lower in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lower]
    if lower.endswith("e"):
        return verb + "d"
    if _CONSONANT_Y_RE.search(lower):
        return verb[:-1] + "ied"
    if _DOUBLE_FINAL_RE.match(lower):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def third_person(verb: str) -> str:
    lower = verb.lower()
    special = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lower in special:
        return special[lower]
    if lower in _PAST_FORMS or lower.endswith("ed"):
        return verb
    if _CONSONANT_Y_RE.search(lower):
        return verb[:-1] + "ies"
    if _SIBILANT_RE.search(lower):
        return verb + "es"
    return verb + "s"


def plural(noun: str) -> str:
    lower = noun.lower()
    if lower in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[lower]
    if lower.endswith("s") and not lower.endswith("ss"):
        return noun  # already plural (the lexicon glosses broken plurals in the plural)
    if _CONSONANT_Y_RE.search(lower):
        return noun[:-1] + "ies"
    if _SIBILANT_RE.search(lower) and not lower.endswith("o"):
        return noun + "es"
    return noun + "s"


_NOT_VERBS = frozenset({"no", "not", "again", "still", "also", "very", "more", "most", "to"})


def inflect_first(phrase: str, inflect: Callable[[str], str]) -> str:
    words = phrase.split(" ", 1)
    if words[0].lower() in _NOT_VERBS or not words[0].isalpha():
        return phrase
    words[0] = inflect(words[0])
    return " ".join(words)


def inflect_last(phrase: str, inflect: Callable[[str], str]) -> str:
    words = phrase.rsplit(" ", 1)
    words[-1] = inflect(words[-1])
    return " ".join(words)


def verb_form(
    gloss: str, kind: str, prefix_tags: tuple[str, ...], subject: str, plural: bool, context: str
) -> str:
    """Inflect a verb gloss: past for perfective, -s for a 3rd singular imperfective, base form
    after will / to / a negation, and 'be X' passives with the right auxiliary."""
    base_form = context == CONTEXT_BASE_VERB or "FUT" in prefix_tags or "SUBJUNC" in prefix_tags
    words = gloss.split(" ", 1)
    if words[0] == "be" and len(words) == 2:
        if base_form or kind == "cv":
            return gloss
        if kind == "pv":
            singular = (subject[:1] == "3" and not plural) or subject == "1S" or not subject
            return ("was " if singular else "were ") + words[1]
        if subject == "1S":
            return "am " + words[1]
        return ("are " if plural or subject[:1] in ("1", "2") else "is ") + words[1]
    if kind == "pv" and not base_form:
        return inflect_first(gloss, past_tense)
    if kind == "iv" and not base_form and subject[:1] == "3" and not plural:
        return inflect_first(gloss, third_person)
    return gloss
