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


#: Exonyms of countries and of the Kurds, whose adjective ("Syrian", "Kurdish") an editor may
#: add to describe the setting of a story (:func:`setting_nations`). Not "Arab": عرب is part
#: of too many words (العربية, عربات) to say where a story is set.
NATIONS = frozenset(
    (
        "syria", "turk", "iran", "iraq", "russia", "americ", "lebanon", "lebanese", "israel",
        "palestin", "egypt", "jordan", "kurd", "afghan", "saudi", "yemen", "libya", "tunisia",
        "algeria", "morocc", "sudan",
    )
)  # fmt: skip
# What follows a nation's exonym in its adjective or people's word (Syria-n, Turk-ish, Iraq-i).
_PEOPLE_ENDINGS = ("n", "an", "ian", "ns", "ans", "ians", "i", "is", "ish", "ese", "s")
# Exonyms that are themselves a people's word (a Kurd, an Afghan, a Saudi).
_PEOPLE_EXONYMS = frozenset(("kurd", "afghan", "saudi", "lebanese"))


def nation_of_adjective(word: str) -> str | None:
    """The :data:`NATIONS` exonym of which ``word`` is the adjective or people's word
    ("Syrian" -> syria, "Kurds" -> kurd, "Iraqi" -> iraq), None for any other word (the
    country itself, "Syria", included). O(N)."""
    lowered = word.lower().removesuffix("'s").removesuffix("’s")
    for prefix in NATIONS:
        rest = lowered[len(prefix) :] if lowered.startswith(prefix) else None
        if rest in _PEOPLE_ENDINGS or (rest == "" and prefix in _PEOPLE_EXONYMS):
            return prefix
    return None


def setting_nations(arabic_words: list[str]) -> frozenset[str]:
    """The :data:`NATIONS` exonyms that ``arabic_words`` (a whole Arabic document, normalised)
    names most often, at least once: where the story is set (سوريا, السوري... in a story from
    Syria), a nation an editor may name without the Arabic saying so. O(N * words)."""
    counts = {
        prefix: sum(any(stem in word for stem in EXONYMS[prefix]) for word in arabic_words)
        for prefix in NATIONS
    }
    most = max(counts.values(), default=0)
    return frozenset(prefix for prefix, count in counts.items() if count == most and most)
