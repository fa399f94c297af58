"""English views of the Buckwalter lexicon for word coverage and name checks: the English stems
of the senses of an Arabic word, function words on either side, the glosses' common words.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from translate_eval.files import atomic_writer, default_cache_path
from translate_eval.lexicon.buckwalter import (
    Lexicon,
    find_lexicon_dir,
    installed_lexicon,
    lexicon_form,
    stem_kind,
    to_buckwalter,
    word_analyses,
)
from translate_eval.text.arabic import normalize_arabic
from translate_eval.text.romanize import fold_latin


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


#: English function words: neutral in coverage, and no content of a gloss.
EN_STOPWORDS = frozenset(
    _words(
        """a an the of to in on at by for from with without as and or but if so nor not no yet
    is are was were be been being am has have had do does did will would shall should can could
    may might must he she it they we i you me him her them us his hers its their theirs our ours
    my mine your yours this that these those there here who whom whose which what when where why
    how all any some each every both either neither one ones other another such than then thus
    very too also only just even ever up down out over under into onto upon about after before
    again against between through during while until since because though although whether
    let unto thee thou thy thine ye hath doth shalt art verily indeed"""
    )
)
#: Arabic function words (normalised): function words whatever the lexicon says.
AR_STOPWORDS = frozenset(
    normalize_arabic(word)
    for word in _words(
        """في من على الى إلى عن أن إن ان ما لا لم لن قد ثم أو او هذا هذه ذلك تلك الذي التي
    الذين اللذين اللتين اللاتي هو هي هم هن أنت انت أنتم نحن انا أنا كان كانت يكون وكان فكان كل بعض
    بين عند حتى إذا اذا إذ اذ لو لقد بل أي اي ها يا مع منذ لدى غير سوى إلا الا أما اما إنما انما
    كما لما هل كي لكي لكن ولكن ليس وهو وهي فهو فهي وقد فقد ولا وما ومن وفي وعلى وإن وان وأن فإن فان
    فلا فما به بها بهم له لها لهم منه منها منهم فيه فيها فيهم عليه عليها عليهم إليه اليه إليها اليها
    إليهم اليهم عنه عنها عنهم ذلك وذلك فذلك"""
    )
)
#: A Latin word of a gloss.
GLOSS_WORD_RE = re.compile(r"[A-Za-z]+")
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "went": "go", "gone": "go", "came": "come",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "made": "make",
    "saw": "see", "seen": "see", "knew": "know", "known": "know", "heard": "hear",
    "brought": "bring", "sent": "send", "found": "find", "left": "leave", "fought": "fight",
    "thought": "think", "sought": "seek", "taught": "teach", "bought": "buy", "held": "hold",
    "kept": "keep", "fell": "fall", "fallen": "fall", "wrote": "write", "written": "write",
    "spoke": "speak", "spoken": "speak", "rose": "rise", "risen": "rise", "ate": "eat",
    "eaten": "eat", "drank": "drink", "slew": "slay", "slain": "slay", "men": "man",
    "women": "woman", "children": "child", "people": "person", "feet": "foot", "brethren":
    "brother", "ran": "run", "sat": "sit", "stood": "stand", "struck": "strike", "led": "lead",
    "fled": "flee", "met": "meet", "paid": "pay", "laid": "lay", "lay": "lie", "began": "begin",
    "begun": "begin", "forgave": "forgive", "forgiven": "forgive", "created": "create",
}  # fmt: skip
_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly", "ers", "er")
STEM_LENGTH = 6


@lru_cache(maxsize=1 << 16)
def english_stem(word: str) -> str:
    """A crude stem for matching glosses: lower case, irregular forms mapped, one common
    suffix removed (-ing, -ed, -es, -s, -ly, -er), then the first :data:`STEM_LENGTH` letters
    ("believers" and "believe" -> "believ"). O(len(word)), memoised per word."""
    word = fold_latin(word).lower().strip("'’")
    word = re.sub(r"['’]s$", "", word)
    if word in _IRREGULAR:
        return _IRREGULAR[word][:STEM_LENGTH]
    word = re.sub(r"our(s?)$", r"or\1", word) if len(word) > 5 else word  # honour -> honor
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix == "ies":
                word += "y"
            break
    return word[:STEM_LENGTH]


class WordGlosses(NamedTuple):
    """What the lexicon says about one Arabic word: English stems of all its senses, whether it
    is a function word, and whether one of its readings is a proper noun, an adjective (or a
    particle), a verb."""

    stems: frozenset[str]
    function: bool
    proper: bool
    adjective: bool = False
    verb: bool = False


def _gloss_stems(lexicon: Lexicon) -> frozenset[str]:
    stems: set[str] = set()
    for entries in lexicon.stems.values():
        for entry in entries:
            for word in GLOSS_WORD_RE.findall(entry.gloss):
                if word[0].islower() and len(word) > 2:
                    stems.add(english_stem(word))
    return frozenset(stems)


def stem_table_path() -> Path:
    """Where the table of :func:`common_english_stems` is kept: in the folder of the MT cache,
    named by a digest of the lexicon's stem file and of this module (which holds the stemmer),
    so that another lexicon or stemmer never reads a stale table."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((find_lexicon_dir() / "dictStems").read_bytes())
    return default_cache_path().parent / f"english-stems-{digest.hexdigest()[:16]}.txt"


@lru_cache(maxsize=1)
def common_english_stems() -> frozenset[str]:
    """Stems (:func:`english_stem`) of the lower-case words of every lexicon gloss: English
    common words ("mercy", "unbeliever", "truth"), as opposed to the capitalised glosses of
    proper nouns ("Moses", "Egypt"). Empty without the lexicon. Stemming the 160k gloss words
    takes seconds, so the table is computed once and kept on disk (:func:`stem_table_path`;
    not written when the folder refuses it); a later process reads it in milliseconds.
    O(lexicon entries) the first time, O(stems) after."""
    lexicon = installed_lexicon()
    if lexicon is None:
        return frozenset()
    try:
        path: Path | None = stem_table_path()
    except OSError:
        path = None
    try:
        if path is not None and path.is_file():
            return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        pass
    stems = _gloss_stems(lexicon)
    if path is None:
        return stems
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path) as stream:
            stream.write("\n".join(sorted(stems)) + "\n")
    except OSError:
        pass  # a read-only cache folder: the table is recomputed by the next process
    return stems


@lru_cache(maxsize=200_000)
def arabic_glosses(word: str) -> WordGlosses:
    """English stems of every sense of every reading of one Arabic word, whether the word is a
    function word (all its readings are particles, pronouns or prepositions whose senses are
    English function words, or it is in a short stoplist), and whether a reading is a proper
    noun (``adjective`` says whether a reading is an adjective or a particle). Unknown words
    give no stems and count as content (names). Without the lexicon only
    the stoplist speaks. O(readings) per new word, cached."""
    stop = normalize_arabic(word) in AR_STOPWORDS
    lexicon = installed_lexicon()
    if lexicon is None:
        return WordGlosses(frozenset(), stop, False)
    buckwalter = to_buckwalter(lexicon_form(word))
    analyses = word_analyses(lexicon, buckwalter) if buckwalter else ()
    stems: set[str] = set()
    all_function = bool(analyses)
    proper = adjective = verb = False
    for analysis in analyses:
        words = [w.lower() for w in GLOSS_WORD_RE.findall(analysis.stem.gloss)]
        content = [w for w in words if w not in EN_STOPWORDS and len(w) > 1]
        stems.update(english_stem(w) for w in content)
        kind = stem_kind(analysis.stem)
        proper = proper or kind == "prop"
        adjective = adjective or kind in ("adj", "func")
        verb = verb or kind in ("pv", "iv", "cv")
        if kind != "func" or content:
            all_function = False
    return WordGlosses(frozenset(stems), all_function or stop, proper, adjective, verb)
