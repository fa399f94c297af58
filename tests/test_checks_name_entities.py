"""The names check on one entity named otherwise: another part of a document's name, a demonym,
a group or title noun."""

from __future__ import annotations

from translate_eval.score.checks import document_names
from translate_eval.score.checks.names import compare_names, names_differ


def test_document_names_are_its_names_of_two_words_or_more() -> None:
    names = document_names(
        ["Bashar al-Assad denied it.", "Palmyra Prison was shut, Bashar al-Assad said. Homs"]
    )
    assert names == [("Bashar", "al-Assad"), ("Palmyra", "Prison")]


def test_other_part_of_a_document_name_is_the_same_person() -> None:
    source = "وقال الشيخ يمان إن القوات انسحبت"
    english = "Abdul-Alim said the forces withdrew."
    # Alone, the bead reads as a changed name: Abdul-Alim faces the unmatched يمان.
    assert compare_names(source, english).differ
    known = [("Yaman", "Abdul-Alim")]
    comparison = compare_names(source, english, known_names=known)
    assert not comparison.differ and comparison.unmatched_english == ()
    # A name of the document that holds another person does not excuse it.
    assert compare_names(source, english, known_names=[("Yaman", "Hamdan")]).differ


def test_demonym_of_a_place_in_the_source_is_the_same_group() -> None:
    source = "خرج شباب منطقة الغوطة في مظاهرة"
    assert not names_differ(source, "Young Ghoutans took to the streets.")
    assert compare_names(source, "Young Ghoutans took to the streets.").unmatched_english == ()
    # The demonym of another place is a changed name.
    assert names_differ(source, "Young Homsis took to the streets.")


def test_singular_demonym_ending_needs_a_longer_stem() -> None:
    # "Sudan" is not a demonym of سعد (S-D): "-an" ends many names, a two-consonant stem is
    # too short to be read as a place; the plural "Saadis" of سعد is.
    assert compare_names("قال الشيخ سعد", "Sudan said.").unmatched_english == ("Sudan",)
    assert not names_differ("قال الشيخ سعد", "The Saadis said.")


def test_group_noun_is_not_a_name_and_introduces_one() -> None:
    source = 'في وقت لم يكن مؤسسو تنظيم "الدولة" قد ولدوا بعد'
    english = "The detainees were held in Palmyra when the Islamic State did not yet exist."
    comparison = compare_names(source, english)
    assert comparison.unmatched_arabic == ()
    assert not comparison.differ
    # The word after the group noun is read as a name: a changed group name differs.
    assert names_differ("قاتل عناصر جبهة النصرة", "Fighters of the Sultan Murad front fought.")


def test_demonym_of_an_exonym_or_a_glossed_place_is_the_same_place() -> None:
    # "Aleppans" is of حلب by the exonym "Aleppo": neither side is left unmatched.
    comparison = compare_names("وصل أهالي حلب إلى بلدة الأتارب", "Aleppans reached Atareb.")
    assert comparison.unmatched_english == () and comparison.unmatched_arabic == ()
    # The demonym of a place the Arabic does not name stays unmatched and faces حمص.
    assert names_differ("وصل أهالي حمص إلى بلدة الأتارب", "Aleppans reached Atareb.")
