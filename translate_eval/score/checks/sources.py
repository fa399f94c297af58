"""Who the cited source is: an unnamed source described on one side only ("مصدر" made "a military
source", "informed sources" made "sources") changes the attribution even when both sides cite."""

from __future__ import annotations

import re

from translate_eval.score.checks.markers import AR_RELATIVE_PRONOUNS
from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

_AR_SOURCE = word_set("مصدر مصادر")
# What describes an Arabic source after it: a relational adjective (عسكري، أمنية، محليون،
# ميدانيين), a describing participle (مطلع، مقرب، موثوق، معارضة، رفيع) or where it sits
# before a definite noun (مصدر في الجيش، مصادر من الجيش الحر "sources from the FSA"): not
# قلل مصدر من أهمية (the verb's preposition) nor مصدر في تصريح "a source, in a statement".
_AR_PLACES = word_set("في من داخل ضمن")
_AR_DESCRIBERS = word_set(
    "مطلع مطلعه مطلعون مطلعين مقرب مقربه مقربون مقربين موثوق موثوقه معارض معارضه "
    "مسؤول رفيع خاص خاصه رسمي رسميه"
)
_AR_NISBA_ENDINGS = ("ي", "يه", "يون", "يين")
_EN_SOURCE = word_set("source sources")
# Words before "source(s)" that do not describe it: determiners, numbers, quantifiers.
_EN_NOT_DESCRIBERS = word_set(
    "a an the one two three several some many other others these those this that his her its "
    "their our your and or of to by from with according said told"
)
# What describes an English source after it: "a source close to", "sources within / in /
# inside / familiar with".
_EN_DESCRIBERS_AFTER = word_set("close within in inside familiar near")
_EN_WORD_RE = re.compile(r"[A-Za-z]+")


def _arabic_describer(word: str) -> bool:
    """Whether the normalised Arabic ``word`` after a source describes it. O(len(word))."""
    if word in AR_RELATIVE_PRONOUNS:
        return False
    for stem, _ in clitic_readings(word):
        if stem in _AR_DESCRIBERS:
            return True
        if len(stem) >= 4 and stem.endswith(_AR_NISBA_ENDINGS) and not stem.startswith("ي"):
            return True
    return False


def arabic_sources(text: str) -> tuple[tuple[str, bool], ...]:
    """``(word, described)`` of each unnamed indefinite source (مصدر / مصادر) of Arabic
    ``text``: described by the word after it (:func:`_arabic_describer`), or by a definite noun
    after it (مصادر النظام "regime sources", مصدر في الجيش). A definite source (المصدر "the
    source") refers back to one the text described before. O(len(text))."""
    words = arabic_tokens(text)
    found = []
    for index, word in enumerate(words):
        readings = clitic_readings(word)
        if not {stem for stem, _ in readings} & _AR_SOURCE or any(a for _, a in readings):
            continue
        after, then = [*words[index + 1 : index + 3], "", ""][:2]
        owner = any(article for _, article in clitic_readings(after))
        placed = after in _AR_PLACES and any(article for _, article in clitic_readings(then))
        found.append((word, _arabic_describer(after) or owner or placed))
    return tuple(found)


def english_sources(text: str) -> tuple[tuple[str, bool], ...]:
    """``(word, described)`` of each indefinite "source" / "sources" of English ``text`` that
    cites (not "the source of the fire", not "the source" referring back): described by the
    word before it ("military sources", "Syrian sources") or after it ("a source close to").
    O(len(text))."""
    lowered = [w.lower() for w in _EN_WORD_RE.findall(text)]
    found = []
    for index, word in enumerate(lowered):
        after = lowered[index + 1] if index + 1 < len(lowered) else ""
        before = lowered[index - 1] if index else ""
        if word not in _EN_SOURCE or after in ("of", "for") or before == "the":
            continue  # "the source" refers back to a source described before
        described = bool(before) and before not in _EN_NOT_DESCRIBERS
        found.append((word, described or after in _EN_DESCRIBERS_AFTER))
    return tuple(found)


def source_description_differs(src_ar: str, tgt_en: str) -> bool:
    """True when both sides cite an unnamed source and it is described on one side only (every
    source of one side bare, some source of the other described). O(len(texts))."""
    arabic, english = arabic_sources(src_ar), english_sources(tgt_en)
    if not (arabic and english):
        return False
    return any(d for _, d in arabic) != any(d for _, d in english)
