"""Consonant-skeleton keys of names written in Arabic or Latin script, so that transliteration
variants of one name collide ("Shughour", "Shughur", "الشغور" -> ``CGR``).

``name_key`` reduces a spelling to its skeleton; ``name_keys`` gives every reading of a Latin
spelling (digraphs as one sound or two letters, a final -ah as a vowel or as ح).
"""

from __future__ import annotations

import re
from functools import lru_cache

from translate_eval.text.arabic import strip_diacritics
from translate_eval.text.romanize import fold_latin

_ARABIC_WORD_RE = re.compile("[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+")


# Arabic letter -> consonant class. Letters that English spellings usually merge share a class
# (ت ط ث: T; د ض ذ: D; ز ظ: Z; س ص: S; ح ه: H; ق ك: K). Vowel letters, ع and hamza: dropped.
_ARABIC_CLASS: dict[str, str] = {
    "ب": "B",
    "پ": "B",
    "ت": "T",
    "ط": "T",
    "ث": "T",
    "ج": "J",
    "چ": "J",
    "ح": "H",
    "ه": "H",
    "خ": "X",
    "د": "D",
    "ض": "D",
    "ذ": "D",
    "ر": "R",
    "ز": "Z",
    "ظ": "Z",
    "س": "S",
    "ص": "S",
    "ش": "C",
    "غ": "G",
    "ف": "F",
    "ڤ": "F",
    "ق": "K",
    "ك": "K",
    "ک": "K",
    "گ": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
}
# Latin spellings -> the same classes, longest first. Vowels, w, y, h-after-vowel-at-end,
# apostrophes and hyphens are dropped.
_LATIN_DIGRAPHS: dict[str, str] = {
    "sh": "C",
    "ch": "C",  # French-style spelling of ش (Chaabane)
    "sch": "C",
    "kh": "X",
    "gh": "G",
    "th": "T",
    "dh": "D",
    "dj": "J",  # French-style spelling of ج (Djamel)
    "ph": "F",
    "ck": "K",
}
_LATIN_LETTER_CLASS: dict[str, str] = {
    "b": "B",
    "p": "B",
    "t": "T",
    "j": "J",
    "g": "J",  # Egyptian spelling of ج (Gamal); Gulf "g" for ق is not covered
    "h": "H",
    "x": "KS",
    "d": "D",
    "r": "R",
    "z": "Z",
    "s": "S",
    "f": "F",
    "v": "F",
    "q": "K",
    "k": "K",
    "c": "K",
    "l": "L",
    "m": "M",
    "n": "N",
}
_ARABIC_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "ال")
_LATIN_ARTICLE_RE = re.compile(
    r"(?:(?<=[\s\-])|^)(?:al|el|ul|il|a[tdrznsl]|ash|adh|ath)[\-\s]+(?=\w)", re.IGNORECASE
)
# "Abu'l-Qasim", "Dhu'l-Hulaifa", "Abdu'l-Rahman": the article elided onto the word before.
_ELIDED_ARTICLE_RE = re.compile(r"(?<=[a-z])['’]l-(?=\w)", re.IGNORECASE)
# "Abdul-", "Abdel ", "Abdal" hold the article of the word that follows.
_ABD_ARTICLE_RE = re.compile(r"\babd[aeiu]l(?=[\-\s]*\w)", re.IGNORECASE)
_LATIN_TOKEN_RE = re.compile(r"sch|sh|ch|kh|gh|th|dh|dj|ph|ck|[a-z]")


def _arabic_word_key(word: str) -> str:
    """Class skeleton of one Arabic word, article dropped. O(len(word))."""
    if word.startswith("عبدال") and len(word) > 6:
        word = "عبد" + word[5:]  # عبدالله, عبدالعليم: the article inside a compound name
    elif word.startswith("لل") and len(word) >= 4:
        word = word[2:]
    else:
        for prefix in _ARABIC_ARTICLE_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                break
    key = _collapse_repeats("".join(_ARABIC_CLASS.get(letter, "") for letter in word))
    # A final ة/ه is the vowel ending Latin writes -a or -ah (Najiya, Allah): no consonant.
    # A final ح stays (Fateh, Saleh); a ح before a final alef stays too (Ariha).
    if word.endswith(("ة", "ه")) and len(key) > 1 and key.endswith("H"):
        key = key[:-1]
    return key


def _latin_word_key(word: str, split_digraphs: bool, keep_final_h: bool) -> str:
    """Class skeleton of one Latin word. A final h after a vowel (-ah, -eh) is dropped unless
    ``keep_final_h``: it may be ة/ه (dropped on the Arabic side) or ح (kept). O(len(word))."""
    lowered = word.lower()
    if not keep_final_h and len(lowered) > 2 and re.search(r"[aeiouy]h$", lowered):
        lowered = lowered[:-1]
    classes: list[str] = []
    for token in _LATIN_TOKEN_RE.findall(lowered):
        if len(token) > 1:
            if split_digraphs:
                classes.extend(_LATIN_LETTER_CLASS.get(letter, "") for letter in token)
            else:
                classes.append(_LATIN_DIGRAPHS[token])
        else:
            classes.append(_LATIN_LETTER_CLASS.get(token, ""))
    return _collapse_repeats("".join(classes))


def _collapse_repeats(key: str) -> str:
    """Merge runs of one class (doubled letters, shadda written twice). O(len(key))."""
    return re.sub(r"(.)\1+", r"\1", key)


def _latin_words(text: str) -> list[str]:
    """Latin words of a name with its articles removed ("Abdul-Alim" -> ["abd", "Alim"])."""
    text = _ABD_ARTICLE_RE.sub("abd ", _ELIDED_ARTICLE_RE.sub(" ", text))
    return re.findall(r"[A-Za-z]+", _LATIN_ARTICLE_RE.sub("", text))


def _latin_key(words: list[str], split_digraphs: bool, keep_final_h: bool) -> str:
    return _collapse_repeats(
        "".join(_latin_word_key(word, split_digraphs, keep_final_h) for word in words)
    )


def _primary_key(name: str) -> str:
    """The key of ``name``; Latin digraphs read as one sound, a final -ah as a vowel. O(n)."""
    text = fold_latin(strip_diacritics(name)).strip()
    if _ARABIC_WORD_RE.search(text):
        return _collapse_repeats(
            "".join(_arabic_word_key(word) for word in _ARABIC_WORD_RE.findall(text))
        )
    return _latin_key(_latin_words(text), split_digraphs=False, keep_final_h=False)


# A compound head with the next word's article fused on it, written as a word of its own:
# "Abdul Jabbar", "Abdel Karim", "Abul Fadl" (عبد الجبار، أبو الفضل).
_FUSED_ARTICLE_RE = re.compile(r"(abd|ab)(?:ul|el|al|ol|il)", re.IGNORECASE)


def fused_head_keys(word: str) -> frozenset[str]:
    """The key of the compound head alone of a Latin word that fuses the next word's article on
    it ("Abdul" -> the key of عبد; the article belongs to الجبار); empty for other words. O(1)."""
    head = _FUSED_ARTICLE_RE.fullmatch(fold_latin(word).strip())
    return frozenset({_primary_key(head.group(1))}) if head else frozenset()


@lru_cache(maxsize=65536)
def name_keys(name: str) -> frozenset[str]:
    """All skeleton keys of an Arabic or Latin name: one for Arabic, up to four for Latin
    (digraphs read as one sound or as two letters: "Adham" is a-d-h-a-m, not a-dh-a-m; a final
    -ah/-eh read as a vowel ending or as ح: "Fateh" ~ فتح).

    Time: O(len(name)); results are cached.
    """
    text = fold_latin(strip_diacritics(name)).strip()
    if _ARABIC_WORD_RE.search(text):
        return frozenset({_primary_key(name)})
    words = _latin_words(text)
    return frozenset(
        _latin_key(words, split, keep) for split in (False, True) for keep in (False, True)
    )


def name_key(latin_or_arabic: str) -> str:
    """Consonant-skeleton key of a name written in Arabic or Latin script.

    Both sides map to the same classes (B T J H X D R Z S C G F K L M N): Arabic letters
    through one table, Latin letters and digraphs (sh, kh, gh, th, dh, ch, dj, ph) through
    another. Vowels, w, y, ع and hamza are dropped, as are the article (al-, el-, ash-, ال),
    a word-final ة/ه (Latin -a, -ah) and doubled classes. So "Shughour", "Shughur" and
    "الشغور" give "CGR"; "Abdul-Alim", "Abd al-Alim" and "عبد العليم" give "BDLM". Letters that
    English spellings merge share a class (ت ط ث; د ض ذ; س ص; ح ه; ق ك), so the key is
    lossy: some different names collide, but rarely once two or more consonants remain.
    For Latin input the key reads digraphs as one sound and a final -ah/-eh as a vowel;
    ``name_keys`` also gives the other readings. Time: O(len(text)).
    """
    return _primary_key(latin_or_arabic)


def names_match(first: str, second: str) -> bool:
    """True when two spellings (Arabic or Latin, in any mix) share a non-empty skeleton key."""
    return bool({k for k in name_keys(first) if k} & {k for k in name_keys(second) if k})
