"""Name anchors for the aligner: the names an English sentence writes that an Arabic sentence
of the same document spells, as one shared token per name on both sides.

An English name word (a run of capitalised words, :func:`~translate_eval.text.names.
english_names`) and an Arabic word match when their consonant skeletons
(:func:`~translate_eval.text.name_keys.name_keys`) share a key of at least
:data:`MIN_ANCHOR_KEY` classes: "Zuhri" and الزهري, "Abraham" and إبراهيم (both B-R-H-M).
Names on one side only, and Arabic words that match no English name of the document, carry no
anchor and are dropped, so the tokens of both sides come from one small vocabulary: the names
the two texts share. Lexical and lossy: a skeleton of three classes may match a common word now
and then, which the aligner's other signals outweigh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate_eval.text.arabic import strip_diacritics
from translate_eval.text.name_keys import name_keys
from translate_eval.text.names import english_names

#: Fewest consonant classes a skeleton needs to anchor (two-class keys match common words).
MIN_ANCHOR_KEY = 3

_ARABIC_WORD_RE = re.compile("[\u0621-\u064a\u0671-\u06d3]+")


def _any_word(word: str) -> bool:
    return True


def name_anchor_tokens(
    src: Sequence[str], tgt: Sequence[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Per source (Arabic) and per target (English) sentence, the tokens of the names the two
    documents share: an Arabic word gives its skeleton when some English name word of the
    document has that key; an English name word gives the smallest of its keys that some
    Arabic word has. A word repeated in a sentence counts each time. Deterministic.
    O(total words), skeletons cached."""
    english_words: list[list[tuple[str, frozenset[str]]]] = []
    english_keys: set[str] = set()
    for sentence in tgt:
        words = []
        # A capitalised word opening a sentence ("Jabir reported...") is a candidate too: only
        # a skeleton that an Arabic word of the document also has becomes an anchor.
        for name in english_names(sentence, _any_word):
            for word in name.words:
                keys = frozenset(k for k in name_keys(word) if len(k) >= MIN_ANCHOR_KEY)
                if keys:
                    words.append((word, keys))
                    english_keys.update(keys)
        english_words.append(words)
    arabic_keys: list[list[str]] = []
    for sentence in src:
        keys = []
        for word in _ARABIC_WORD_RE.findall(strip_diacritics(sentence)):
            key = next(iter(name_keys(word)), "")  # one skeleton for an Arabic word
            if key in english_keys:
                keys.append(key)
        arabic_keys.append(keys)
    present = {key for keys in arabic_keys for key in keys}
    tgt_tokens = [
        [min(keys & present) for _, keys in words if keys & present] for words in english_words
    ]
    return arabic_keys, tgt_tokens
