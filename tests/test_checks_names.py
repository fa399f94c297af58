"""The names check: English names matched against the Arabic source, and spelling variants of
one name across a document."""

from __future__ import annotations

from markers import needs_lexicon

from translate_eval.score.checks.name_variants import name_variants
from translate_eval.score.checks.names import compare_names, names_differ
from translate_eval.text.exonyms import nation_of_adjective, setting_nations
from translate_eval.text.names import arabic_name_spans, english_names
from translate_eval.text.tokens import arabic_tokens


def test_planted_changed_village_name_differs() -> None:
    source = "سيطرت المعارضة على قرية الناجية القريبة"
    english = "The opposition captured the nearby village of Nahliya."
    comparison = compare_names(source, english)
    assert comparison.unmatched_english == ("Nahliya",)
    assert comparison.unmatched_arabic == ("الناجيه",)
    assert names_differ(source, english)


def test_transliterated_names_match() -> None:
    source = "سيطرت المعارضة على المستشفى الوطني في مدينة جسر الشغور"
    assert not names_differ(source, "The opposition seized the hospital in Jisr al-Shughur.")
    assert not names_differ(source, "The opposition seized the hospital in Jisr al-Shughour.")
    assert not names_differ("سيطرت على قرية الناجية", "They took the village of Najiyah.")


def test_multiword_person_name_matches_across_words() -> None:
    source = "قال يمان عبد العليم من حركة أحرار الشام لـ العربي الجديد"
    english = "Yaman Abdul-Alim, of Ahrar al-Sham, told al-Araby al-Jadeed."
    comparison = compare_names(source, english)
    assert comparison.unmatched_english == ()
    assert not comparison.differ


def test_added_name_with_nothing_facing_it_is_not_a_change() -> None:
    # "Idlib" has no counterpart, but no Arabic name went missing: an addition, not a change.
    source = "سيطرت المعارضة على المستشفى"
    english = "The opposition seized the hospital in Idlib."
    assert compare_names(source, english).unmatched_english == ("Idlib",)
    assert not names_differ(source, english)


def test_name_one_consonant_away_differs() -> None:
    # المسطومة is MSTM; "Mastouna" is MSTN: one edit apart, so a changed name.
    assert names_differ("سيطرت المعارضة على المسطومة", "The opposition seized Mastouna.")
    assert not names_differ("سيطرت المعارضة على المسطومة", "The opposition seized Mastouma.")


def test_names_with_diacritics_are_whole_words_and_match_the_arabic() -> None:
    source = "قال عثمان بن عفان لأبي هريرة إن الحسن جاء"
    english = "ʿUthmān b. ʿAffān told Abū Hurayra that al-Ḥasan had come."
    names = [name.text for name in english_names(english)]
    assert names == ["Uthmān", "Affān", "Abū Hurayra", "al-Ḥasan"]  # as written, not cut
    assert compare_names(source, english).unmatched_english == ()
    changed = compare_names("قال عثمان إن الحسن جاء", "ʿUthmān said that Ṭalḥa had come.")
    assert changed.unmatched_english == ("Ṭalḥa",)  # reported as written


def test_exonyms_count_as_matched() -> None:
    comparison = compare_names("قرب مدينة حلب السورية", "near the Syrian city of Aleppo")
    assert comparison.unmatched_english == ()


def test_pronouns_and_compounds_of_common_words_are_not_names() -> None:
    # A compound of a common word and a short particle, a pronoun, an archaic adverb.
    oft = compare_names("إن الله غفور حليم", "For Allah is Oft-Forgiving, Most Forbearing.")
    assert oft.unmatched_english == ()
    assert compare_names("لكم الملك اليوم", '"O my People! Yours is the dominion."').english == ()
    assert compare_names("فيها ما تشتهيه", "Therein shall be all that they desire.").english == ()
    # A short name, or a hyphenated one, is still a name.
    assert compare_names("ثم قال عيسى", "Then said Hud to them.").unmatched_english == ("Hud",)
    assert compare_names("ثم قال عيسى", "Then said Abu-Lahab.").unmatched_english == ("Abu-Lahab",)


def test_title_introduces_a_name_but_a_definite_place_noun_does_not() -> None:
    assert names_differ("قال الشيخ أحمد", "said Sheikh Mahmoud")
    # القرى (with the article) is "the villages", not "the village of X".
    assert not names_differ("استهدف القرى والبلدات المحيطة", "the Syrian air force hit villages")


def test_mt_words_match_english_names() -> None:
    # Kobani is the Kurdish name of عين العرب: no skeleton links them, an MT that knows does.
    source = "وصل الوفد إلى عين العرب"
    english = "The delegation reached Kobani."
    assert compare_names(source, english).unmatched_english == ("Kobani",)
    assert (
        compare_names(source, english, mt="The delegation reached Kobani").unmatched_english == ()
    )


def test_transliteration_variants_are_grouped_across_a_document() -> None:
    texts = [
        "Opposition forces entered Jisr al-Shughour on Friday.",
        "With the fall of Jisr al-Shughur hospital, the city is lost.",
        "They marched on Ariha and Idlib.",
    ]
    assert name_variants(texts) == [("al-Shughour", "al-Shughur")]
    assert name_variants(["Idlib and Aleppo.", "Idlib again."]) == []


def test_an_english_exonym_covers_the_arabic_name() -> None:
    # داعش after a group noun is a name; the English "ISIS" renders it.
    comparison = compare_names("بعد أن أغلقها تنظيم داعش", "after the ISIS group shut it down")
    assert comparison.unmatched_arabic == ()
    assert compare_names("بعد أن أغلقها تنظيم داعش", "after it was shut").unmatched_arabic


def test_abdul_written_apart_is_abd_and_the_next_words_article() -> None:
    comparison = compare_names("قال المدرس عبد الكريم", "said the teacher, Abdul Karim")
    assert comparison.unmatched_english == ()
    assert names_differ("قال الشيخ عبد الكريم", "said Sheikh Abdul Rahim")


@needs_lexicon
def test_dates_and_verbs_of_saying_are_not_arabic_names() -> None:
    # الخميس (Thursday) and كانون (a month) have proper-noun readings: dates, not names; وأكد
    # ("and he confirmed") is a verb of saying, not the name Akkad.
    source = "وأكد المسؤول خلال اجتماع يوم الخميس 3 من كانون الأول أن المشروع بدأ"
    comparison = compare_names(source, "At a meeting on 3 December, Mahmoud said it began")
    assert comparison.unmatched_arabic == ()
    assert not names_differ(source, "At a meeting on 3 December, Mahmoud said it began")


@needs_lexicon
def test_short_common_words_in_a_longer_name_and_re_verbs() -> None:
    comparison = compare_names("ونقلت الصحيفة", "The New Arab reported it")
    assert "New" not in comparison.unmatched_english
    # فتح ("opening") is rendered by "reopened", not a name Fatah left unmatched.
    assert compare_names("بعد فتح المدرسة", "after the school reopened").unmatched_arabic == ()


def test_a_place_whose_english_type_changes_is_a_changed_name() -> None:
    source = "تشهد مدينة حمص ارتفاعا كبيرا في أسعار المواد الغذائية"
    changed = compare_names(source, "Homs governorate is witnessing a sharp rise in food prices.")
    # the English as the name and the type word, each of which the report finds in the text
    assert [(c.arabic, c.english) for c in changed.place_types] == [
        ("مدينه حمص", "Homs, governorate")
    ]
    assert changed.differ
    for same in (
        "Homs is witnessing a sharp rise in food prices.",
        "The city of Homs is witnessing a sharp rise in food prices.",
        "The Homs area is witnessing a sharp rise in food prices.",
    ):
        assert not compare_names(source, same).place_types, same
    # The Arabic gives the name both types: the English province is its own.
    both = "باتت محافظة حمص بأكملها في يد المعارضة بعد السيطرة على مدينة حمص مركز المحافظة"
    assert not compare_names(both, "The entire Homs province is in opposition hands.").differ


def test_rural_x_may_be_the_province_but_the_ghouta_is_not_the_countryside() -> None:
    rural = "قصفت الطائرات ريف إدلب الجنوبي"
    assert not names_differ(rural, "Planes shelled the southern Idlib province.")
    assert not names_differ(rural, "Planes shelled the southern countryside of Idlib.")
    ghouta = "نزح آلاف المدنيين من غوطة دمشق"
    assert names_differ(ghouta, "Thousands of civilians fled the countryside of Damascus.")
    assert not names_differ(ghouta, "Thousands of civilians fled the Damascus Ghouta.")


def test_a_place_name_rendered_by_a_common_noun_is_a_changed_name() -> None:
    source = "نزح أبو محمد من منطقة الميدان قبل أشهر"
    glossed = compare_names(source, "Abu Mohammed fled the battle area months ago.")
    assert [c.english for c in glossed.place_types] == ["battle area"]
    assert not compare_names(source, "Abu Mohammed fled the area months ago.").place_types
    described = "يسكن في منطقة سكنية قرب المدينة"
    assert not compare_names(described, "He lives in a residential area near the city.").differ


def test_a_type_word_of_another_sentence_does_not_type_the_name() -> None:
    source = "تبلغ مساحة مدينة الرقة نحو 20 كيلومترا"
    assert not names_differ(source, "It covers a sweeping 20 km area. Raqqa lies on the river.")


@needs_lexicon
def test_a_verb_after_a_particle_that_takes_one_is_no_name() -> None:
    # ذهب has a proper-noun reading (Dhahab) besides "went" and "gold".
    assert "ذهب" not in compare_names("يخشى أنه إذا ذهب إلى الحقل", "He fears it.").unmatched_arabic


def test_a_demonym_without_counterpart_is_an_english_name() -> None:
    # "Russian fighter jets" for الطائرات الحربية names an actor the Arabic does not name.
    comparison = compare_names("قصفت الطائرات قرية الناجية", "The village was hit by Russian jets.")
    assert comparison.unmatched_english == ("Russian",)
    assert comparison.differ


@needs_lexicon
def test_a_common_noun_after_a_place_head_rendered_by_its_gloss_is_no_name() -> None:
    source = "فر السكان من منطقة النزاع"
    assert not compare_names(source, "The residents fled the conflict area.").place_types


def test_a_type_word_before_of_may_belong_to_another_name() -> None:
    source = "يقع حي الميدان في مدينة دمشق"
    assert not compare_names(source, "It lies in the Midan district of Damascus.").place_types
    assert compare_names(source, "It lies in the Midan district of Damascus province.").differ


def test_a_sentence_connective_that_opens_a_sentence_is_no_name() -> None:
    # "Besides" capitalised at the start of a sentence is a connective, not a person or place
    comparison = compare_names("ويعمل رجب في ورشة حدادة", "Besides, Rajab works in a workshop.")
    assert "Besides" not in comparison.unmatched_english
    assert not comparison.differ


def test_nation_adjectives_and_the_setting_of_a_story() -> None:
    assert [nation_of_adjective(w) for w in ("Syrian", "Kurds", "Iraqi", "Turkish")] == [
        "syria",
        "kurd",
        "iraq",
        "turk",
    ]
    # The country itself, and a name that only begins like one, are no adjectives.
    assert nation_of_adjective("Syria") is None
    assert nation_of_adjective("Usama") is None
    document = arabic_tokens("قصف النظام السوري مدن سوريا بدعم روسي")
    assert setting_nations(document) == frozenset({"syria"})
    assert setting_nations(arabic_tokens("قالت الوزارة إن القصف استمر")) == frozenset()


@needs_lexicon
def test_the_adjective_of_the_setting_describes_but_replacing_a_name_changes_it() -> None:
    syria = frozenset({"syria"})
    source = "ويعتقد عمر أنه سيكون عرضة للقذائف التي يطلقها الجيش النظامي"
    english = "Now, the Syrian army shells the fields. He is worried."
    assert compare_names(source, english).differ  # without the document's setting
    described = compare_names(source, english, nations=syria)
    assert described.unmatched_english == ()
    assert not described.differ
    # "Syrian regime" stands where the Arabic names Assad (نظام الأسد): a name is replaced.
    replaced = compare_names(
        "سياسة التجويع التي يعتمدها نظام الأسد بحق المدن في قرية الناجية",
        "the starvation policy adopted by Syrian regime against the cities",
        nations=syria,
    )
    assert replaced.unmatched_english == ("Syrian",)
    # Another nation than the setting is an actor the Arabic does not name.
    russian = compare_names(
        "قصفت الطائرات قرية الناجية", "Russian jets hit the village.", nations=syria
    )
    assert russian.unmatched_english == ("Russian",)


def test_in_a_chain_of_place_nouns_the_name_follows_the_last() -> None:
    words = arabic_tokens("في ريف مدينة دير الزور وريف محافظة إدلب")
    assert [[words[i] for i in span] for span in arabic_name_spans(words)] == [
        ["دير", "الزور"],
        ["ادلب"],
    ]
