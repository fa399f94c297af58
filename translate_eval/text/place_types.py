"""Place types in Arabic and English: the head nouns that introduce a place name (مدينة X,
محافظة X, ريف X) and the English type words that render each (city, governorate,
countryside), so that a place whose type an editor changed can be seen."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from translate_eval.text.tokens import clitic_readings, word_set

# Normalised Arabic head nouns (ة -> ه) -> the English type words that render them. Each set is
# generous (بلدة is a "town", a "village" or a "city" in English news): only a type outside it
# is a change (مدينة as "governorate", غوطة as "countryside").
_AR_HEAD_TYPES: dict[str, frozenset[str]] = {
    "مدينه": word_set("city town"),
    "محافظه": word_set("governorate province"),
    "منطقه": word_set("area region district zone neighbourhood neighborhood territory"),
    "بلده": word_set("town village city"),
    "قريه": word_set("village hamlet town"),
    "حي": word_set("neighbourhood neighborhood district quarter area"),
    # ريف X is also the governorate X around its city (ريف دمشق, "Rif Dimashq"; ريف إدلب
    # as "Idlib province"), not a city.
    "ريف": word_set("countryside rural outskirts suburbs environs province governorate"),
    "غوطه": word_set("ghouta oasis"),
    "ناحيه": word_set("subdistrict sub district town area"),
    "مخيم": word_set("camp"),
}
#: English words that name a type of place (the union of what the Arabic heads render).
ENGLISH_PLACE_TYPES = frozenset().union(*_AR_HEAD_TYPES.values())
#: Type words too vague to contradict a head ("the Raqqa area" for the city of Raqqa).
VAGUE_PLACE_TYPES = word_set("area region")
# Words that may stand between an English type word and the name it types ("the city of X").
_EN_TYPE_LINKS = word_set("of the")
# Words before an English type word that are no gloss of a name ("the area", "this region").
_EN_NOT_GLOSS = word_set(
    "the a an this that these those its their his her our same whole entire other another "
    "each every any some which what border northern southern eastern western north south "
    "east west central rural urban besieged surrounding nearby neighbouring neighboring local"
)
# Words, and the punctuation that ends a phrase (no type word types a name across it).
_EN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[.,;:!?()\[\]\"“”«»]")


@dataclass(frozen=True)
class PlaceHead:
    """An Arabic place head noun at ``index`` in a word list, and the English type words
    that render it."""

    index: int
    head: str
    types: frozenset[str]


def arabic_place_heads(words: list[str]) -> list[PlaceHead]:
    """The Arabic place head nouns of normalised ``words`` in the construct state (no article:
    مدينة حلب, بريف إدلب, not المدينة) followed by a word. O(len(words))."""
    heads = []
    for index, word in enumerate(words[:-1]):
        stem = next(
            (s for s, article in clitic_readings(word) if not article and s in _AR_HEAD_TYPES),
            None,
        )
        if stem is not None:
            heads.append(PlaceHead(index, stem, _AR_HEAD_TYPES[stem]))
    return heads


def english_words(text: str) -> list[str]:
    """The words of English ``text`` as written (hyphens and apostrophes kept), and its
    punctuation marks as words of their own. O(n)."""
    return _EN_WORD_RE.findall(text)


def _bare(word: str) -> str:
    """A lower-cased English word without a possessive 's."""
    return re.sub(r"['’]s$", "", word.lower())


def type_word_near(words: list[str], first: int, last: int) -> str | None:
    """The English place type word typing the name ``words[first:last + 1]``: right after it
    ("Idlib province", "Aleppo's countryside"), right before it ("rural Damascus"), or before
    "of" / "of the" ("the city of Raqqa", "the countryside of Damascus"; not the type of
    another name before it: "the Midan district of Damascus"); None if none. O(1)."""
    after = _bare(words[last + 1]) if last + 1 < len(words) else ""
    if after in ENGLISH_PLACE_TYPES:
        return after
    position = first - 1
    if position >= 0 and words[position].lower() in ENGLISH_PLACE_TYPES:
        return words[position].lower()
    while position >= 0 and words[position].lower() in _EN_TYPE_LINKS:
        position -= 1
    linked = position < first - 1 and "of" in {w.lower() for w in words[position + 1 : first]}
    if linked and position >= 0 and words[position].lower() in ENGLISH_PLACE_TYPES:
        # "the Midan district of Damascus": the type is the Midan's, not Damascus's.
        owner = words[position - 1] if position > 0 else ""
        return None if owner[:1].isupper() else words[position].lower()
    return None


def glossed_type_words(
    words: list[str], types: frozenset[str], renders: Callable[[str], bool] = lambda _: False
) -> list[str]:
    """English type words of ``types`` that a lower-case content word types instead of a name
    ("the lawn area", where the Arabic names منطقة المرج): ``"lawn area"`` each; not when
    ``renders`` says the word translates the Arabic word ("the conflict area" for منطقة النزاع:
    a common noun, no name). O(n)."""
    found = []
    for index in range(1, len(words)):
        word, before = words[index].lower(), words[index - 1]
        content = before.islower() and before not in _EN_NOT_GLOSS
        if word in types and content and not renders(before):
            found.append(f"{before} {word}")
    return found
