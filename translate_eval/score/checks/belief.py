"""Verbs of belief: a believer named with the verb ("ويعتقد عمر أنه", "Omar believes") attributes
the claim to that person; an impersonal one ("يُعتقد أن", "is believed to") hedges it."""

from __future__ import annotations

import re

from translate_eval.score.checks.markers import AR_THAT
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

# يعتقد is both "he believes" and, unvocalised, the passive يُعتقد "it is believed": directly
# before أن / إن it is read as the passive (a hedge), before its subject (يعتقد عمر، يعتقد
# الأهالي) as a believer's belief. The other persons of the present (تعتقد she / you, يعتقدون
# they, نعتقد we) always have a believer. The perfect اعتقد is left out: it is also أعتقد "I
# believe" and, in a condition (إن اعتقد "if he assumed"), no claim.
_AR_IMPERSONAL_BELIEF = "يعتقد"
_AR_PERSONAL_BELIEF = word_set("تعتقد يعتقدون نعتقد")
# "believed" after these is the passive hedge ("is believed to", "widely believed").
_EN_PASSIVE_LEADS = word_set("be been being is are was were widely commonly generally")
# A belief with no believer before it (a clause opening on "believes", a condition: "if he
# believes") states no one's claim.
_EN_NO_BELIEVER = word_set("if unless whether")
_EN_WORD_RE = re.compile(r"[A-Za-z]+")


def _believes_with_subject(words: list[str], index: int, stems: set[str]) -> bool | None:
    """True for a personal belief at ``index`` (its clitic ``stems``), False for the impersonal
    يُعتقد أن, None when the word is no verb of belief."""
    if stems & _AR_PERSONAL_BELIEF:
        return True
    if _AR_IMPERSONAL_BELIEF not in stems:
        return None
    after = words[index + 1] if index + 1 < len(words) else ""
    return bool(after) and after not in AR_THAT


def arabic_beliefs(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(personal, impersonal)`` belief verbs of Arabic ``text``: those whose believer is named
    or given by the verb's person (attribution), and the impersonal يُعتقد أن (a hedge).
    O(len(text))."""
    words = arabic_tokens(text)
    personal: list[str] = []
    impersonal: list[str] = []
    for index, word in enumerate(words):
        stems = {stem for stem, had_article in clitic_readings(word) if not had_article}
        held = _believes_with_subject(words, index, stems)
        if held is not None:
            (personal if held else impersonal).append(_AR_IMPERSONAL_BELIEF)
    return tuple(personal), tuple(impersonal)


def english_beliefs(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(personal, impersonal)`` belief verbs of English ``text``: "believes" and "believed"
    after a believer, not in a condition ("Omar believed that") are attribution; "believed"
    after a form of "be" or "widely" ("is believed to", "widely believed") is a hedge.
    O(len(text))."""
    matches = list(_EN_WORD_RE.finditer(text))
    lowered = [m.group().lower() for m in matches]
    personal: list[str] = []
    impersonal: list[str] = []
    for index, word in enumerate(lowered):
        if word not in ("believes", "believed"):
            continue
        before = lowered[index - 1] if index else ""
        opens = not before or text[: matches[index].start()].rstrip()[-1:] in ".!?:;"
        two_back = lowered[max(0, index - 2) : index]
        if word == "believed" and before in _EN_PASSIVE_LEADS:
            impersonal.append(word)
        elif not (opens or set(two_back) & _EN_NO_BELIEVER):
            personal.append(word)
    return tuple(personal), tuple(impersonal)
