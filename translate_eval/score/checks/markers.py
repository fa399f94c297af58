"""Marker words of one kind (attribution, hedging) found on each side of a bead: the shared
machinery of the attribution and hedging checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from translate_eval.text.tokens import arabic_tokens, clitic_readings, word_set

# قد before an imperfect verb (ي ت ن ا + stem) means "may"; before a perfect it means "has".
# A ت-verb before أن is the perfect of form V (وقد تبيَّن أن "it had become clear that", قد
# تبرهن أن "it has been proved that"), not the imperfect "may".
_AR_IMPERFECT_PREFIXES = "يتن"
#: Arabic relative pronouns (normalised): a verb right after one belongs to a relative clause
#: (التقرير الذي أعلنت عنه "the report it announced", العراقيل التي قد تواجهه "the obstacles
#: that may face him"), which describes a noun; it does not attribute or hedge the sentence.
AR_RELATIVE_PRONOUNS = word_set("الذي التي الذين اللذين اللذان اللتين اللتان اللواتي اللاتي اللائي")
#: أن / إن / بأن with or without a pronoun (normalised): what is said or believed follows.
AR_THAT = word_set("ان انه انها انهم انهما انهن انني اننا بان بانه بانها بانهم بانهن")
# A form of كان before قد makes it a perfect ("كانت قد أدركت" "it had perceived", "ما يكون قد
# تبين له" "what will have become clear to him"), never "may".
_AR_KANA = word_set("كان كانت كانوا كنت كنا يكون تكون يكونوا نكون اكون")


@dataclass(frozen=True)
class MarkerComparison:
    """Markers of one kind (attribution or hedging) found on each side."""

    source: tuple[str, ...]
    target: tuple[str, ...]

    @property
    def differ(self) -> bool:
        """True when one side has such a marker and the other has none."""
        return bool(self.source) != bool(self.target)


def arabic_markers(text: str, lexicon: frozenset[str], with_qad: bool) -> tuple[str, ...]:
    """The words of Arabic ``text`` whose clitic readings hit ``lexicon`` (the smallest stem
    hit per word), and, with ``with_qad``, قد before an imperfect verb ("may") unless a relative
    pronoun opens the clause (العراقيل التي قد تواجهه: a possibility of a noun, not a hedge on
    the claim), a form of كان precedes it (كانت قد أدركت: a perfect) or the verb is a perfect
    of form V before أن (وقد تبيَّن أن). O(len(text))."""
    words = arabic_tokens(text)
    found: list[str] = []
    for index, word in enumerate(words):
        stems = {stem for stem, _ in clitic_readings(word)}
        hit = stems & lexicon
        if hit:
            found.append(min(hit))
            continue
        if not with_qad or word not in ("قد", "وقد", "فقد") or index + 1 >= len(words):
            continue
        before = words[index - 1] if index else ""
        relative = before in AR_RELATIVE_PRONOUNS
        after_kana = bool({stem for stem, _ in clitic_readings(before)} & _AR_KANA)
        if not relative and not after_kana:
            following = words[index + 1]
            then = words[index + 2] if index + 2 < len(words) else ""
            perfect_v = following[:1] == "ت" and then in AR_THAT
            if following[:1] in _AR_IMPERFECT_PREFIXES and len(following) >= 3 and not perfect_v:
                found.append("قد")
    return tuple(found)


def english_markers(text: str, lexicon: frozenset[str], phrases: Sequence[str]) -> tuple[str, ...]:
    """The lower-cased words of English ``text`` in ``lexicon``, then the ``phrases`` found in
    it (whole words). O(len(text) * (1 + len(phrases)))."""
    lowered = text.lower()
    words = re.findall(r"[a-z]+", lowered)
    found = [w for w in words if w in lexicon]
    found.extend(p for p in phrases if re.search(rf"\b{re.escape(p)}\b", lowered))
    return tuple(found)
