"""Name knowledge for both languages: proper-noun candidates in English, Arabic name-like
words (after a place noun or a title) and the skeleton keys that match them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from translate_eval.text.name_keys import fused_head_keys, name_keys
from translate_eval.text.romanize import fold_latin
from translate_eval.text.tokens import clitic_readings, word_set

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_FUNCTION_WORDS = (
    "the a an he she it they we i you his her its their our my your this that these those "
    "there here in on at by for from to of with as and or but if so yet not no nor after before "
    "when while where which who whom whose what why how all some any each every both many more "
    "most other such only also however meanwhile according although though since until during "
    "because despite then than thus about against between into through over under up down out "
    "is are was were be been being has have had do does did will would shall should can could "
    "may might must one two three four five six seven eight nine ten mr mrs ms dr him himself "
    "herself themselves itself thee thou thy thine ye me us myself thyself yourself ourselves "
    "now let verily behold lo nay o oh yea none alas yours mine ours theirs hers ever never "
    "therein thereof thereby therefrom thereon wherein whereof whereby whoso whosoever "
    "whatsoever whatever whoever whenever wherever amongst otherwise thenceforth henceforth "
    "somebody someone anybody anyone everybody everyone nobody hark "
    # sentence connectives, capitalised only where they open a sentence ("Besides, ...")
    "besides moreover furthermore nevertheless nonetheless therefore hence instead still later "
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand million billion first second "
    "third fourth fifth sixth seventh eighth ninth tenth"
)
# Capitalised English words that translate part of a name (Army of Conquest) rather than
# transliterate it: they have no Arabic look-alike, so they must not count as unmatched names.
_TRANSLATED_NAME_PARTS = (
    "army front state states forces force brigade brigades battalion battalions division "
    "movement party council coalition alliance union united nations ministry minister "
    "government regime opposition national hospital university office media men free "
    "conquest liberation revolutionary revolution security committee commission organisation "
    "organization agency news press network channel tv television air base plain province "
    "governorate city town village district camp airport mountain mountains river street "
    "square east west north south northern southern eastern western central middle gulf sea "
    "republic kingdom emirates department general colonel major captain lieutenant president "
    "prime king prince queen imam human rights observatory international popular mobilisation "
    "mobilization high supreme court assembly parliament house white red crescent cross "
    "democratic social federal people youth women islamic islamist jihadist jihadists "
    "rebel rebels fighters group groups edition levant council guard guards revolutionaries "
    "unit units militia militias spokesman spokeswoman source sources official officials "
    "foreign defence defense interior affairs director chief head leader leaders commander "
    "dollar dollars euro euros pound pounds law laws article articles part chapter section "
    "authority authorities competent code act decree constitution company"
)
#: Capitalised words that are no names: months, days, function words, translated name parts.
STOP_CAPITALISED = frozenset(
    f"{_MONTHS} {_DAYS} {_FUNCTION_WORDS} {_TRANSLATED_NAME_PARTS}".split()
)
#: Particles inside a multiword name ("Abu Bakr al-Baghdadi", "Jisr al-Shughur").
NAME_CONNECTORS = word_set("al el ul ad ar as ash at az bin ibn bint abu abd")

# Arabic nouns after which the next word is a name: places (قرية X, مدينة X) and titles.
_AR_PLACE_TRIGGERS = word_set(
    "قريه بلده مدينه محافظه حي جبل سهل ريف مخيم مطار ناحيه نهر شارع ساحه معبر حاجز معسكر "
    "منطقه بلدات قري"
)
_AR_TITLE_TRIGGERS = word_set("شيخ عقيد عميد نقيب رائد ملازم دكتور مدعو")
# Groups named by the next word, in the construct state (تنظيم "الدولة", جبهة النصرة, حركة أحرار
# الشام): the group noun is a common noun, the name follows it.
_AR_GROUP_TRIGGERS = word_set("تنظيم فصيل جماعه حركه جيش لواء كتيبه كتائب فرقه هيئه جبهه")
#: Arabic nouns that introduce a name and are not one themselves, whatever the lexicon says
#: (تنظيم has a proper-noun reading "Tanzim"): places, titles, groups, kin (ابنه بشار).
ARABIC_NAME_TRIGGERS = (
    _AR_PLACE_TRIGGERS
    | _AR_TITLE_TRIGGERS
    | _AR_GROUP_TRIGGERS
    | word_set("رئيس ابن ابنه ابنها اخ اخوه شقيق شقيقه والد والده نجل نجله زوج زوجه")
)
#: First words of Arabic compound names: the next word belongs to the name (جسر الشغور).
ARABIC_COMPOUND_HEADS = word_set(
    "جسر عبد ابو ابن بن بني ام تل دير كفر عين بيت خان معره راس بير مرج جبل سهل وادي دار"
)
# Normalised particles after which a word is a verb (إذا ذهب "if he went", لم يعد, قد يكون):
# a proper-noun reading there (ذهب "Dhahab") is not a name.
_AR_VERB_PARTICLES = word_set("اذا لو لم لن قد كي لكي سوف")


def after_verb_particle(words: Sequence[str], index: int) -> bool:
    """Whether the normalised word before ``words[index]`` (و/ف aside) takes a verb. O(1)."""
    previous = words[index - 1] if index > 0 else ""
    if previous[:1] in "وف" and previous[1:] in _AR_VERB_PARTICLES:
        return True
    return previous in _AR_VERB_PARTICLES


#: Normalised Arabic particles that never start a name.
ARABIC_STOPWORDS = word_set(
    "في من الي علي عن مع هذه هذا التي الذي الذين ان او ثم قد كل بعض بين عند منذ حتي لدي"
)

_GLOSS_RE = re.compile(r"\(\s*[\"“'‘][^)]*\)")
# English contractions ("Don't", "I'll", "We've"): never names, even when capitalised.
_CONTRACTION_RE = re.compile(r"(?:n['’]t|['’](?:ll|ve|re|m))$", re.IGNORECASE)
_EN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*")
_SENTENCE_OPENERS = '.!?:;"“‘(['
#: A leading hyphenated article of a transliterated name (al-, el-, ash-...).
HYPHEN_ARTICLE_RE = re.compile(r"^(?:al|el|ul|ad|ar|as|ash|at|az)-[A-Za-z]", re.IGNORECASE)


@dataclass(frozen=True)
class EnglishName:
    """A proper-noun candidate in English: its text and its words."""

    text: str
    words: tuple[str, ...]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(HYPHEN_ARTICLE_RE.match(word))


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _sentence_starts(cleaned: str, matches: Sequence[re.Match[str]]) -> tuple[list[bool], set[str]]:
    """For each word of ``matches``, whether it opens a sentence (only spaces between it and
    the text's start or a sentence opener); and the capitalised words found elsewhere. O(n)."""
    capitalised_inside: set[str] = set()
    starts: list[bool] = []
    for match in matches:
        position = match.start() - 1
        while position >= 0 and cleaned[position].isspace():
            position -= 1
        at_start = position < 0 or cleaned[position] in _SENTENCE_OPENERS
        starts.append(at_start)
        if not at_start and _is_capitalised(match.group(0)):
            capitalised_inside.add(match.group(0))
    return starts, capitalised_inside


def _may_be_name(word: str) -> bool:
    """A capitalised word that is no acronym, stopword (possessive 's aside) or contraction."""
    lowered = word.lower()
    return (
        _is_capitalised(word)
        and not _is_acronym(word)
        and lowered.strip("'’") not in STOP_CAPITALISED
        and lowered.removesuffix("'s").removesuffix("’s") not in STOP_CAPITALISED
        and not _CONTRACTION_RE.search(word)
    )


def _initial_is_name(
    cleaned: str,
    matches: Sequence[re.Match[str]],
    index: int,
    capitalised_inside: set[str],
    initial_name: Callable[[str], bool] | None,
) -> bool:
    """Whether the sentence-initial word ``matches[index]`` is a name: hyphenated (al-X),
    capitalised elsewhere in the text, directly followed by a capitalised word, or accepted by
    ``initial_name``. O(1) besides ``initial_name``."""
    match = matches[index]
    word = match.group(0)
    following = matches[index + 1].group(0) if index + 1 < len(matches) else ""
    next_gap = cleaned[match.end() : matches[index + 1].start()] if following else "."
    return (
        bool(HYPHEN_ARTICLE_RE.match(word))
        or word in capitalised_inside
        or (not next_gap.strip() and following[:1].isupper())
        or (initial_name is not None and initial_name(word))
    )


def english_names(
    text: str, initial_name: Callable[[str], bool] | None = None
) -> list[EnglishName]:
    """Proper-noun candidates in English ``text``, as runs of capitalised words.

    A run may hold connectors (al, bin, abu...) and hyphenated al-X words. Left out: words in
    the stoplist (function words, months, days, translated name parts such as Army, Front),
    acronyms, quoted glosses in brackets ("Free Men of the Levant"), and a capitalised word
    at a sentence start unless it is hyphenated, followed by another capitalised word,
    capitalised elsewhere in the text, or accepted by ``initial_name`` (e.g. "not a common
    English word"). O(len(text)).
    """
    # Decisions read the folded text (no diacritics: "Ḥasan" is capitalised, "Abū" a
    # connector); the names keep the text's own spelling (the same offsets).
    cleaned = _GLOSS_RE.sub(lambda m: " " * len(m.group(0)), fold_latin(text))
    matches = list(_EN_WORD_RE.finditer(cleaned))
    starts, capitalised_inside = _sentence_starts(cleaned, matches)
    names: list[EnglishName] = []
    run: list[str] = []
    spans: list[tuple[int, int]] = []

    def close_run() -> None:
        while run and run[-1].lower() in NAME_CONNECTORS:
            run.pop()
        if run:
            words = tuple(text[start:stop] for start, stop in spans[: len(run)])
            names.append(EnglishName(text=" ".join(words), words=words))
        run.clear()
        spans.clear()

    for index, match in enumerate(matches):
        word = match.group(0)
        gap = cleaned[matches[index - 1].end() : match.start()] if index else ""
        if run and gap.strip():
            close_run()
        if word.lower() in NAME_CONNECTORS and run:
            run.append(word)
            spans.append(match.span())
            continue
        keep = _may_be_name(word)
        if keep and starts[index] and not run:
            keep = _initial_is_name(cleaned, matches, index, capitalised_inside, initial_name)
        if keep:
            run.append(word)
            spans.append(match.span())
        else:
            close_run()
    close_run()
    return names


def english_word_keys(word: str) -> frozenset[str]:
    """Skeleton keys of an English name word, with a possessive 's removed ("Abdul": also عبد)."""
    word = re.sub(r"['’]s$", "", word)
    return frozenset(key for key in name_keys(word) | fused_head_keys(word) if key)


def arabic_word_keys(word: str) -> frozenset[str]:
    """Skeleton keys of every clitic reading of a normalised Arabic word."""
    return frozenset(
        key for stem, _ in clitic_readings(word) for key in name_keys(stem) if len(stem) >= 2
    )


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance. O(len(first) * len(second))."""
    previous = list(range(len(second) + 1))
    for i, char_a in enumerate(first, 1):
        current = [i]
        for j, char_b in enumerate(second, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


#: Shortest skeleton that :func:`near_keys` compares.
NEAR_KEY_MIN_LENGTH = 4


def near_keys(arabic_key: str, english_key: str) -> bool:
    """Skeletons one edit apart, both at least :data:`NEAR_KEY_MIN_LENGTH` long and sharing
    the first class (shorter keys are one edit from too many common words)."""
    return (
        min(len(arabic_key), len(english_key)) >= NEAR_KEY_MIN_LENGTH
        and arabic_key[0] == english_key[0]
        and edit_distance(arabic_key, english_key) == 1
    )


def arabic_ngram_keys(word_keys: list[frozenset[str]], longest: int = 4) -> set[str]:
    """Keys of every run of up to ``longest`` Arabic words (concatenated skeletons)."""
    keys: set[str] = set()
    for start in range(len(word_keys)):
        for stop in range(start + 1, min(start + longest, len(word_keys)) + 1):
            window = word_keys[start:stop]
            if all(window):
                keys.update("".join(parts) for parts in product(*window))
    return keys


def arabic_name_spans(words: list[str]) -> list[list[int]]:
    """Indexes of Arabic name-like words: the word after a place noun (قرية, مدينة...), a group
    noun (تنظيم, جبهة...) or a title (الشيخ, العقيد...), and the one after it when the first
    is a compound head such as جسر or عبد; in a chain of such nouns (ريف مدينة إدلب), the word
    after the last. O(len(words))."""
    spans: list[list[int]] = []
    for index, word in enumerate(words[:-1]):
        # A place noun introduces a name in the construct state, without the article (قرية X,
        # not القرية X); a title carries the article (الشيخ X).
        readings = clitic_readings(word)
        places = {stem for stem, had_article in readings if not had_article}
        titles = {stem for stem, had_article in readings if had_article}
        if not (places & (_AR_PLACE_TRIGGERS | _AR_GROUP_TRIGGERS) or titles & _AR_TITLE_TRIGGERS):
            continue
        first = index + 1
        if words[first] in ARABIC_STOPWORDS or words[first][0].isdigit():
            continue
        first_readings = clitic_readings(words[first])
        first_stems = {stem for stem, _ in first_readings}
        bare_stems = {stem for stem, had_article in first_readings if not had_article}
        if bare_stems & (_AR_PLACE_TRIGGERS | _AR_GROUP_TRIGGERS) - ARABIC_COMPOUND_HEADS:
            continue  # a chain of place nouns (ريف مدينة دير الزور): the name follows the last
        span = [first]
        if first + 1 < len(words) and first_stems & ARABIC_COMPOUND_HEADS:
            span.append(first + 1)
        spans.append(span)
    return spans


def joined_keys(keys: Sequence[frozenset[str]]) -> set[str]:
    """Every concatenation of one key per word (at most 4**MAX_NAME_SPAN of them)."""
    return {"".join(parts) for parts in product(*keys) if all(parts)}


#: Longest run of words whose joined skeleton is compared (bounds the key products).
MAX_NAME_SPAN = 4


# English derivational endings that names of Arabic origin do not have ("Unbelievers",
# "Righteousness", "Judgment"): a capitalised word ending so is a common noun, not a name.
_DERIVED_ENDINGS = (
    "ers", "ness", "ment", "tion", "sion", "ity", "ful", "less", "ous", "ive", "ing", "ings",
    "ance", "ence", "ism", "ists", "ship", "hood", "dom", "ies", "ly", "er", "able", "ible",
    "ant",
)  # fmt: skip


_ARCHAIC_VERBS = word_set("doth dost hath hast art canst wilt shalt didst wouldst couldst")


def looks_derived(word: str) -> bool:
    """A word of 7+ letters with an English derivational ending (:data:`_DERIVED_ENDINGS`),
    or an archaic verb form ("Seest", "Knoweth", "Dost")."""
    lowered = word.lower()
    if lowered in _ARCHAIC_VERBS or (len(lowered) >= 5 and lowered.endswith(("est", "eth"))):
        return True
    return len(lowered) >= 7 and lowered.endswith(_DERIVED_ENDINGS)
