"""English exonyms of the places, peoples and faiths Arabic news names (Aleppo ~ حلب, Syrian ~
سوري), and the demonyms made from them ("Syrian", "Aleppan")."""

from __future__ import annotations

import re

#: English exonyms and demonyms (lower-cased prefix) -> normalised Arabic stems that render them.
EXONYMS: dict[str, tuple[str, ...]] = {
    "syria": ("سوري", "سوريا"),
    "aleppo": ("حلب",),
    "damascus": ("دمشق",),
    "hama": ("حماه",),
    "homs": ("حمص",),
    "latakia": ("لاذقيه",),
    "raqqa": ("رقه",),
    "turk": ("ترك",),
    "iran": ("ايران", "ايراني"),
    "iraq": ("عراق",),
    "russia": ("روس",),
    "americ": ("امريك", "اميرك"),
    "us": ("امريك", "اميرك", "ولايات"),
    "washington": ("واشنطن",),
    "lebanon": ("لبنان",),
    "lebanese": ("لبنان",),
    "israel": ("اسرائيل",),
    "palestin": ("فلسطين",),
    "egypt": ("مصر",),
    "jordan": ("اردن",),
    "gaza": ("غزه",),
    "jerusalem": ("قدس",),
    "europe": ("اوروب", "اوربي"),
    "arab": ("عرب",),
    "kurd": ("كرد", "اكراد"),
    "afghan": ("افغان",),
    "saudi": ("سعود",),
    "yemen": ("يمن",),
    "libya": ("ليبي",),
    "tunisia": ("تونس",),
    "algeria": ("جزائر",),
    "morocc": ("مغرب",),
    "sudan": ("سودان",),
    "islam": ("اسلام",),
    "muslim": ("مسلم",),
    "isis": ("داعش", "الدوله"),
    "isil": ("داعش", "الدوله"),
    "daesh": ("داعش",),
    "god": ("الله",),
    "allah": ("الله", "لله", "اله", "رحمن", "رب"),
    "christ": ("مسيح",),
    "messiah": ("مسيح",),
    "golan": ("جولان",),
    "mecca": ("مكه",),
    "sunni": ("سني", "سنه"),
    "shia": ("شيع",),
    "shiite": ("شيع",),
    "alawite": ("علوي",),
    "christian": ("مسيح",),
    "geneva": ("جنيف",),
    "moscow": ("موسكو",),
    "tehran": ("طهران",),
    "beirut": ("بيروت",),
    "cairo": ("قاهره",),
    "baghdad": ("بغداد",),
}


def matches_exonym(word: str, arabic_words: list[str]) -> bool | None:
    """True/False when ``word`` is a known exonym found / not found in the Arabic; None when it
    is not an exonym."""
    lowered = word.lower()
    for prefix, stems in EXONYMS.items():
        if lowered == prefix or (len(prefix) > 2 and lowered.startswith(prefix)):
            return any(stem in arabic for arabic in arabic_words for stem in stems)
    return None


def exonym_begun_by(base: str, arabic_words: list[str]) -> bool:
    """Whether an exonym beginning with ``base`` (a demonym's base: "Alepp" of "Aleppan") is
    found in the Arabic. O(X) for X exonyms."""
    lowered = base.lower()
    return any(
        prefix.startswith(lowered) and any(stem in word for word in arabic_words for stem in stems)
        for prefix, stems in EXONYMS.items()
    )


# Endings that make a demonym or an adjective of an exonym ("Syrian", "Turkish", "Israeli",
# "Kurds"), longest first.
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ish", "is", "i", "ese", "s")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")


def demonym_of(word: str) -> str | None:
    """The exonym (lower-cased prefix) of which ``word`` is a demonym or adjective ("Syrian" ->
    "syria", "Turkish" -> "turk", "Israeli" -> "israel"); None for the place itself ("Syria")
    or a word that is no exonym. O(X) for X exonyms."""
    lowered = re.sub(r"['’]s$", "", word.lower())
    for prefix in EXONYMS:
        rest = lowered[len(prefix) :]
        if len(prefix) > 2 and lowered.startswith(prefix) and rest in _DEMONYM_ENDINGS:
            return prefix
    return None


def unnamed_exonyms(arabic_words: list[str], text_en: str) -> list[str]:
    """The exonyms (lower-cased prefixes) whose Arabic stems ``arabic_words`` hold and that no
    word of English ``text_en`` renders (a word equal to the prefix or beginning with it).
    O(X * (A + E)) for X exonyms, A Arabic and E English words."""
    english = {w.lower() for w in _LATIN_WORD_RE.findall(text_en)}
    return [
        prefix
        for prefix, stems in EXONYMS.items()
        if any(stem in arabic for arabic in arabic_words for stem in stems)
        and not any(w == prefix or (len(prefix) > 2 and w.startswith(prefix)) for w in english)
    ]
