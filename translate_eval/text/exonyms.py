"""English exonyms of the places, peoples and faiths Arabic news names (Aleppo ~ حلب, Syrian ~
سوري), matched against the Arabic words."""

from __future__ import annotations

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
