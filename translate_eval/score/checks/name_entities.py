"""The same entity named otherwise on the two sides of a bead: a demonym of a place ("Ghoutans"
~ الغوطة) or another part of one of the document's names ("Al-Assad" ~ بشار); an Arabic span
covered by English name keys; the Arabic calendar words (الخميس، كانون), dates, not names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate_eval.lexicon import arabic_glosses, english_stem, lexicon_available
from translate_eval.text.exonyms import exonym_begun_by
from translate_eval.text.names import (
    ARABIC_COMPOUND_HEADS,
    HYPHEN_ARTICLE_RE,
    english_word_keys,
    joined_keys,
)
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import clitic_readings, word_set

# Normalised weekdays (with the article: bare احد is "one") and months, Levantine and Egyptian
# (آب "August" left out: اب is "father"): a changed date is the numbers check's matter.
_AR_WEEKDAYS = word_set("الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت")
_AR_MONTHS = word_set(
    "كانون شباط اذار نيسان ايار حزيران تموز ايلول تشرين يناير فبراير مارس ابريل مايو يونيو "
    "يونيه يوليو يوليه اغسطس سبتمبر اكتوبر نوفمبر ديسمبر"
)

# Endings of demonyms and group names made from a place ("Ghoutans" of الغوطة, "Homsis",
# "Damascenes"), longest first; the plural ones are safer (a singular "-an", "-i" ends many
# personal names: Hassan, Ali).
_PLURAL_DEMONYM_ENDINGS = ("ians", "ites", "enes", "ans", "is")
_DEMONYM_ENDINGS = ("ians", "ites", "enes", "ans", "ian", "ite", "ene", "ese", "an", "is", "i")


def _demonym_bases(word: str) -> list[tuple[str, bool]]:
    """The place names ``word`` may be a demonym of ("Ghoutans" -> "Ghout"), longest first,
    each with whether its ending is a plural one."""
    lowered = re.sub(r"['’]s$", "", word).lower()
    return [
        (word[: len(lowered) - len(end)], end in _PLURAL_DEMONYM_ENDINGS)
        for end in _DEMONYM_ENDINGS
        if lowered.endswith(end) and len(lowered) - len(end) >= 3
    ]


#: Shortest skeleton key that groups two spellings as variants of one name.
VARIANT_MIN_KEY = 3


def variant_keys(word: str) -> frozenset[str]:
    """Skeleton keys of one English name word with a leading article (al-, el-) removed."""
    bare = HYPHEN_ARTICLE_RE.sub(lambda m: m.group(0)[-1], word)
    return frozenset(k for k in english_word_keys(bare) if len(k) >= VARIANT_MIN_KEY)


def same_entity_keys(
    word: str, arabic_keys: set[str], known_names: Sequence[Sequence[str]]
) -> set[str]:
    """Keys of the Arabic counterpart of ``word`` (``arabic_keys``: the skeleton keys of the
    Arabic words and runs) when it refers to an entity the Arabic names otherwise: a demonym
    or group name of a place in the Arabic ("Ghoutans" ~ شباب الغوطة), or another part of a
    name of the document that holds ``word`` ("Al-Assad" ~ بشار, where the document writes
    "Bashar al-Assad"). Empty when neither. O(K) for K known names."""
    for base, plural in _demonym_bases(word):
        keys = english_word_keys(base)
        if keys & arabic_keys and (plural or max(map(len, keys), default=0) >= 3):
            return set(keys)
    own = _bare_keys(word)
    if not own:
        return set()
    for name in known_names:
        if not any(own & _bare_keys(part) for part in name):
            continue
        for part in name:
            keys = english_word_keys(fold_latin(part))
            if not own & _bare_keys(part) and keys & arabic_keys:
                return set(keys)
    return set()


def demonym_of_place(word: str, arabic_words: list[str], gloss_stems: set[str]) -> bool:
    """Whether ``word`` is a demonym of a place the Arabic names by an exonym or a lexicon
    gloss ("Aleppan" ~ حلب, the exonym "Aleppo"; "Palmyrans" ~ تدمر, glossed "Palmyra"): a
    base of at least four letters that begins the exonym or whose stem is a gloss stem.
    O(D * (X + G)) for D demonym bases, X exonyms and G gloss stems."""
    for base, _ in _demonym_bases(word):
        lowered = base.lower()
        if len(lowered) < 4:
            continue
        if exonym_begun_by(lowered, arabic_words) or english_stem(lowered) in gloss_stems:
            return True
    return False


def names_place_of(arabic_word: str, demonyms: list[str]) -> bool:
    """Whether ``arabic_word`` names the place one of ``demonyms`` (English name words) is a
    demonym of (حلب for "Aleppans"), by :func:`demonym_of_place` on that word alone."""
    if not demonyms:
        return False
    stems = set(arabic_glosses(arabic_word).stems) if lexicon_available() else set()
    return any(demonym_of_place(word, [arabic_word], stems) for word in demonyms)


def _bare_keys(word: str) -> frozenset[str]:
    """Skeleton keys (two classes or more) of a name word without its article (al-Assad ->
    Assad)."""
    bare = HYPHEN_ARTICLE_RE.sub(lambda m: m.group(0)[-1], fold_latin(word))
    return frozenset(k for k in english_word_keys(bare) if len(k) >= 2)


def is_calendar_word(word: str) -> bool:
    """Whether a normalised Arabic word, under any clitic reading, is a weekday with its article
    (الخميس، يوم الجمعة) or a month (كانون، شباط، يناير): a date, not a name. O(len(word))."""
    readings = clitic_readings(word)
    stems = {stem for stem, _ in readings} | {"ال" + stem for stem, article in readings if article}
    return bool(stems & (_AR_WEEKDAYS | _AR_MONTHS))


def span_keys_covered(
    span: Sequence[int],
    words: Sequence[str],
    word_keys: Sequence[frozenset[str]],
    english_keys: set[str],
    run_keys: set[str],
) -> bool:
    """Whether the Arabic name-like ``span`` (indexes into ``words``) has an English
    counterpart by skeleton: a word's key among ``english_keys`` (not a compound head's alone:
    عبد of عبد الكريم is no match for "Abdul Rahim"), or the span's joined key, with or
    without the word before or after it (عبد الجبار ~ "Abdul Jabbar"), among the English
    ``run_keys``. O(len(span)) key products."""
    own = [
        word_keys[i]
        for i in span
        if len(span) == 1
        or not {stem for stem, _ in clitic_readings(words[i])} & ARABIC_COMPOUND_HEADS
    ]
    runs = [
        word_keys[span[0] : span[-1] + 1],
        word_keys[max(0, span[0] - 1) : span[-1] + 1],
        word_keys[span[0] : span[-1] + 2],
    ]
    return any(keys & english_keys for keys in own) or any(
        joined_keys(run) & run_keys for run in runs if run
    )
