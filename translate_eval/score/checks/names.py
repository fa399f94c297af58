"""The names check: do the names of the English have a counterpart in the Arabic source? (The
spellings of one name across a document are in ``name_variants``.)"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from translate_eval.lexicon import (
    arabic_glosses,
    common_english_stems,
    english_stem,
    lexicon_available,
)
from translate_eval.score.checks.attribution import arabic_attribution
from translate_eval.score.checks.name_entities import (
    demonym_of_place,
    is_calendar_word,
    names_place_of,
    same_entity_keys,
    span_keys_covered,
)
from translate_eval.score.checks.place_names import PlaceTypeChange, place_type_changes
from translate_eval.text.exonyms import matches_exonym, nation_of_adjective
from translate_eval.text.names import (
    ARABIC_NAME_TRIGGERS,
    ARABIC_STOPWORDS,
    MAX_NAME_SPAN,
    NAME_CONNECTORS,
    STOP_CAPITALISED,
    EnglishName,
    after_verb_particle,
    arabic_name_spans,
    arabic_ngram_keys,
    arabic_word_keys,
    english_names,
    english_word_keys,
    joined_keys,
    looks_derived,
    near_keys,
)
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import arabic_tokens, clitic_readings, without_parentheses

_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
_WORD_PART_RE = re.compile(r"[-'’]")


def _is_common_word(word: str, common: frozenset[str]) -> bool:
    """An English common word by the lexicon's lower-case glosses (``common``), its
    derivational ending, or a negative prefix on either ("Unbelief", "Unseen")."""
    lowered = word.lower()
    candidates = [lowered]
    if lowered.startswith(("un", "in", "dis")) and len(lowered) > 5:
        candidates.append(lowered[3:] if lowered.startswith("dis") else lowered[2:])
    return any(english_stem(c) in common or looks_derived(c) for c in candidates)


def _is_uncommon(word: str, common: frozenset[str]) -> bool:
    """A sentence-initial capitalised word that may be a name: with the lexicon (``common``
    not empty), neither a stopword nor made of common words or short parts only."""
    return bool(common) and word.lower() not in STOP_CAPITALISED and not any(
        _is_common_word(part, common) or len(part) <= 3
        for part in _WORD_PART_RE.split(word) if part
    )  # fmt: skip


def _is_common_compound(word: str, common: frozenset[str]) -> bool:
    """A capitalised common word ("Mercy", "the Unbelievers"), or a compound of common words
    and short particles ("Oft-Forgiving"): no name to match. A short word alone ("Isa",
    "Hud") may be a name."""
    parts = [p for p in _WORD_PART_RE.split(word) if len(p) > 1]
    return any(len(p) > 3 for p in parts) and all(
        _is_common_word(p, common) or (len(p) <= 3 and len(parts) > 1) for p in parts
    )


@dataclass(frozen=True)
class _ArabicSide:
    """What the names check reads of the Arabic: its words (numbers left out), the skeleton
    keys of each word and of every run of up to :data:`MAX_NAME_SPAN` words, the English
    stems of the lexicon senses, and which words have a proper-noun reading."""

    words: list[str]
    word_keys: list[frozenset[str]]
    ngram_keys: set[str]
    gloss_stems: set[str]
    proper: list[bool]


def _lexicon_view(arabic_words: Sequence[str]) -> tuple[set[str], list[bool]]:
    """English stems of the lexicon senses of the Arabic words, and which words have a proper
    noun reading (both empty without the ``gloss`` lexicon). O(words), cached per word."""
    if not lexicon_available():
        return set(), [False] * len(arabic_words)
    views = [arabic_glosses(word) for word in arabic_words]
    stems: set[str] = set()
    for view in views:
        stems.update(view.stems)
    # A proper-noun reading counts when no reading is an adjective or a particle: رحيم (Rahim,
    # merciful) and عظيم (Azim, great) are adjectives far more often than names; nor when the
    # word is a date (الخميس، كانون), a verb of saying (وأكد "and he confirmed", not Akkad) or
    # a verb after a particle that takes one (إذا ذهب "if he went", not Dhahab).
    proper = [
        view.proper
        and not view.adjective
        and not (view.verb and after_verb_particle(arabic_words, index))
        and not view.function
        and len(word) >= 3
        and word not in ARABIC_STOPWORDS
        and not {stem for stem, _ in clitic_readings(word)} & ARABIC_NAME_TRIGGERS
        and not is_calendar_word(word)
        and not arabic_attribution(word)
        for index, (view, word) in enumerate(zip(views, arabic_words, strict=True))
    ]
    return stems, proper


def _arabic_side(src_ar: str) -> _ArabicSide:
    """The :class:`_ArabicSide` of an Arabic text. O(A) for A words (4**MAX_NAME_SPAN key
    products at most per run)."""
    words = [w for w in arabic_tokens(src_ar) if not w[0].isdigit()]
    word_keys = [arabic_word_keys(word) for word in words]
    gloss_stems, proper = _lexicon_view(words)
    return _ArabicSide(
        words, word_keys, arabic_ngram_keys(word_keys, MAX_NAME_SPAN), gloss_stems, proper
    )


@dataclass(frozen=True)
class _NameMatch:
    """One English name read against the Arabic: its words without a counterpart (as
    written), the skeleton keys of its words and of its runs of words."""

    unmatched: list[str]
    keys: list[frozenset[str]]
    run_keys: set[str]


def _match_name(
    name: EnglishName,
    arabic: _ArabicSide,
    common: frozenset[str],
    mt_words: set[str],
    known_names: Sequence[Sequence[str]] = (),
) -> _NameMatch:
    """Which words of ``name`` have an Arabic counterpart: an exonym found in the Arabic, or
    else a skeleton key among the Arabic run keys; a lexicon sense; a word of the MT; a
    common word; a run of up to :data:`MAX_NAME_SPAN` words whose joined key is an Arabic
    run key; or the same entity named otherwise (:func:`_same_entity_keys`).
    O(len(name) * (MAX_NAME_SPAN + K)) key look-ups for K known names."""
    # Matching reads the words without diacritics; unmatched ones are reported as written.
    written = [w for w in name.words if fold_latin(w).lower() not in NAME_CONNECTORS]
    content = [fold_latin(w) for w in written]
    keys = [english_word_keys(w) for w in content]
    matched = [False] * len(content)
    for i, word in enumerate(content):
        exonym = matches_exonym(word, arabic.words)
        # A short common word inside a longer name ("The New Arab", "Red Sea") is a common word;
        # alone it may be a name ("Isa", "Hud").
        short_common = len(content) > 1 and len(word) <= 3 and _is_common_word(word, common)
        matched[i] = (
            (exonym if exonym is not None else bool(keys[i] & arabic.ngram_keys))
            or english_stem(word) in arabic.gloss_stems
            or word.lower() in mt_words
            or _is_common_compound(word, common)
            or (bool(common) and short_common)
        )
    run_keys: set[str] = set()
    for first in range(len(content)):
        for stop in range(first + 2, min(first + MAX_NAME_SPAN, len(content)) + 1):
            joined = joined_keys(keys[first:stop])
            run_keys.update(joined)
            if joined & arabic.ngram_keys:
                matched[first:stop] = [True] * (stop - first)
    for i, word in enumerate(content):
        if not matched[i]:
            entity_keys = same_entity_keys(word, arabic.ngram_keys, known_names)
            matched[i] = bool(entity_keys) or demonym_of_place(
                word, arabic.words, arabic.gloss_stems
            )
            run_keys.update(entity_keys)
    unmatched = [
        word for word, ok, key in zip(written, matched, keys, strict=True) if not ok and key
    ]
    return _NameMatch(unmatched, keys, run_keys)


def _unmatched_arabic(
    arabic: _ArabicSide,
    english_keys: set[str],
    run_keys: set[str],
    tgt_en: str,
    demonyms: list[str],
) -> list[list[int]]:
    """Arabic name-like words (after a place noun or a title, or with a proper-noun reading)
    whose skeleton keys, alone or joined, no English name word has, none of whose senses (with
    the lexicon) the English (``tgt_en``) writes, and that are not the place of one of the
    English name words ``demonyms`` ("Aleppans" ~ حلب), as lists of word indexes. O(A) spans."""
    english_words = _LATIN_WORD_RE.findall(fold_latin(tgt_en).lower())
    # A re- verb renders the Arabic base verb (فتح "opening" ~ "reopened").
    all_stems = {english_stem(w) for w in english_words} | {
        english_stem(w[2:]) for w in english_words if w.startswith("re") and len(w) > 5
    }
    capitalised = [w for w in _LATIN_WORD_RE.findall(fold_latin(tgt_en)) if w[:1].isupper()]
    spans = arabic_name_spans(arabic.words)
    in_spans = {i for span in spans for i in span}
    proper_spans = [[i] for i, is_proper in enumerate(arabic.proper) if is_proper]
    spans += [span for span in proper_spans if span[0] not in in_spans]
    unmatched: list[list[int]] = []
    for span in spans:
        span_keys = [arabic.word_keys[i] for i in span]
        covered = span_keys_covered(span, arabic.words, arabic.word_keys, english_keys, run_keys)
        if not covered:  # a capitalised English exonym rendering the word (داعش ~ "ISIS")
            covered = any(matches_exonym(w, [arabic.words[i]]) for w in capitalised for i in span)
        if arabic.gloss_stems and not covered:
            covered = any(arabic_glosses(arabic.words[i]).stems & all_stems for i in span)
        if not covered:
            covered = any(names_place_of(arabic.words[i], demonyms) for i in span)
        if not covered and any(len(k) >= 2 for keys in span_keys for k in keys):
            unmatched.append(span)
    return unmatched


def _describes_setting(
    word: str, tgt_en: str, arabic: _ArabicSide, english_keys: set[str], nations: frozenset[str]
) -> bool:
    """Whether the unmatched English name ``word`` is the adjective of a nation the story is
    set in (``nations``, :func:`~translate_eval.text.exonyms.setting_nations`: "the Syrian
    army" for الجيش النظامي) rather than a name in the place of an Arabic one: it is not when
    the English word after it renders an Arabic word followed by a word with a proper-noun
    reading that no English name has (``english_keys``; a key of two letters, الأسد's SD, is
    too weak to say it has), as "Syrian regime" renders نظام الأسد. O(occurrences * A) gloss
    look-ups."""
    if nation_of_adjective(word) not in nations:
        return False
    heads = {
        stem
        for i in range(1, len(arabic.words))
        if arabic_glosses(arabic.words[i]).proper
        and not {key for key in arabic.word_keys[i] if len(key) >= 3} & english_keys
        for stem in arabic_glosses(arabic.words[i - 1]).stems
    }
    after = re.finditer(rf"\b{re.escape(word)}\s+([A-Za-z]+)", tgt_en)
    return not any(english_stem(match.group(1).lower()) in heads for match in after)


def _near_pairs(unmatched: Sequence[str], arabic: _ArabicSide) -> list[tuple[str, str]]:
    """(English word, Arabic word) for each unmatched English word and the first Arabic word
    whose skeleton is one edit from it (:func:`~translate_eval.text.names.near_keys`).
    O(E * A) edit distances."""
    near: list[tuple[str, str]] = []
    for word in unmatched:
        for arabic_word, keys in zip(arabic.words, arabic.word_keys, strict=True):
            if any(near_keys(a, e) for a in keys for e in english_word_keys(word)):
                near.append((word, arabic_word))
                break
    return near


@dataclass(frozen=True)
class NameComparison:
    """Names found in the English, which of them have an Arabic counterpart, and the Arabic
    name-like words (after a place noun or a title) left without an English counterpart, and
    the places the English types otherwise (:func:`place_type_changes`)."""

    english: tuple[str, ...]
    unmatched_english: tuple[str, ...]
    unmatched_arabic: tuple[str, ...]
    near_pairs: tuple[tuple[str, str], ...]
    place_types: tuple[PlaceTypeChange, ...] = ()

    @property
    def differ(self) -> bool:
        """A name seems changed: an unmatched English name faces an unmatched Arabic name-like
        word, or has a near (one edit, see :func:`~translate_eval.text.names.near_keys`) but
        unequal skeleton in the source; or a place changed its type (city -> governorate)."""
        paired = self.unmatched_english and (self.unmatched_arabic or self.near_pairs)
        return bool(paired or self.place_types)


def compare_names(
    src_ar: str,
    tgt_en: str,
    mt: str = "",
    known_names: Sequence[Sequence[str]] = (),
    nations: frozenset[str] = frozenset(),
) -> NameComparison:
    """Match English proper-noun candidates against the Arabic source by skeleton key.

    An English name word is matched when its key equals the key of an Arabic word (any clitic
    reading) or when a run of up to :data:`MAX_NAME_SPAN` English name words equals a run of
    as many Arabic words ("Abdul Rahman" ~ عبد الرحمن); exonyms (Aleppo ~ حلب) go through a
    small table and, with the ``gloss`` lexicon, through the English senses of the Arabic
    words (موسى ~ Moses, فرعون ~ Pharaoh); a word of the MT (``mt``, any case) matches too.
    Arabic name-like words are those after a place noun or a title and, with the lexicon,
    words with a proper-noun reading; with the lexicon, an English capitalised word that is a
    common English word (a lower-case gloss: "Mercy", "Unbelievers") is not taken for a name.
    ``nations`` (:func:`~translate_eval.text.exonyms.setting_nations` of the whole Arabic
    document) makes the adjective of the nation a story is set in a description, not a name
    to match: "the Syrian army" for الجيش النظامي in a story from Syria
    (:func:`_describes_setting`); another nation ("Russian jets" for الطائرات) stays a name.
    Time: O(E + A) set look-ups for E English name words and
    A Arabic words, plus O(E * A) edit distances for the unmatched ones.
    """
    arabic = _arabic_side(src_ar)
    common = common_english_stems()
    # Words in parentheses are a translator's additions ("(to Allah)", "(of Egypt)"): a name
    # there has no counterpart to change. An acute accent is an apostrophe (Qur´an).
    tgt_en = without_parentheses(tgt_en.replace("´", "'"))
    mt_words = {w.lower() for w in _LATIN_WORD_RE.findall(fold_latin(mt))}
    names = english_names(tgt_en, lambda word: _is_uncommon(word, common))
    unmatched: list[str] = []
    demonyms = [w for name in names for w in name.words]
    english_keys: set[str] = set()
    english_run_keys: set[str] = set()
    for name in names:
        match = _match_name(name, arabic, common, mt_words, known_names)
        english_keys.update(*match.keys)
        english_run_keys.update(match.run_keys)
        unmatched.extend(match.unmatched)
    facing = _unmatched_arabic(arabic, english_keys, english_run_keys, tgt_en, demonyms)
    unmatched = [
        word
        for word in unmatched
        if not _describes_setting(word, tgt_en, arabic, english_keys, nations)
    ]
    return NameComparison(
        english=tuple(n.text for n in names),
        unmatched_english=tuple(unmatched),
        unmatched_arabic=tuple(" ".join(arabic.words[i] for i in span) for span in facing),
        near_pairs=tuple(_near_pairs(unmatched, arabic)),
        place_types=tuple(place_type_changes(src_ar, tgt_en)),
    )


def names_differ(src_ar: str, tgt_en: str) -> bool:
    """True when a name seems *changed* between the Arabic and the English.

    That needs both sides: an English name with no counterpart in the source, and either an
    Arabic name-like word (the word after قرية, مدينة, بلدة, الشيخ...) with no counterpart in
    the English, or an Arabic word whose skeleton (4+ classes) is one edit away from the
    English name's.
    An English name with no Arabic counterpart and nothing facing it is an addition, not a
    change, and does not count. Transliteration variants (Shughour / Shughur / الشغور) match.
    Blind spots: a changed name not introduced by a place noun or title and not one letter
    away; translated names outside the stoplist and exonym table can look unmatched.
    """
    return compare_names(src_ar, tgt_en).differ


def document_names(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The names of two or more words in ``texts`` (the English of a document), as their words
    without connectors ("Bashar al-Assad" -> ("Bashar", "al-Assad")), each once, in order:
    the ``known_names`` of :func:`compare_names`. O(total characters)."""
    common = common_english_stems()
    seen: dict[tuple[str, ...], None] = {}
    for text in texts:
        for name in english_names(text, lambda word: _is_uncommon(word, common)):
            words = tuple(w for w in name.words if fold_latin(w).lower() not in NAME_CONNECTORS)
            if len(words) >= 2:
                seen.setdefault(words, None)
    return list(seen)
