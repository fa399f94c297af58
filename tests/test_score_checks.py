"""Divergence checks between an Arabic source and its English: numbers (and their qualifiers),
names (and their spelling variants), negation, attribution and hedging."""

from __future__ import annotations

import pytest

from translate_eval.score.checks import (
    arabic_negation_counts,
    arabic_negations,
    arabic_number_qualifiers,
    arabic_numbers,
    attribution_differs,
    compare_hedging,
    compare_names,
    compare_numbers,
    english_names,
    english_negations,
    english_number_qualifiers,
    english_numbers,
    hedging_differs,
    name_variants,
    names_differ,
    negation_differs,
    numbers_differ,
)

# ------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("arabic", "values"),
    [
        ("نفذ الطيران ٣٠ غارة منذ الصباح", [30]),  # Arabic-Indic digits
        ("قتل خمسة وعشرون شخصا", [25]),  # unit + و + tens
        ("ثلاثمائة وخمسة مقاتلين", [305]),
        ("وصل ثلاثة آلاف مقاتل", [3000]),  # plural scale after a number
        ("أحد عشر جنديا", [11]),
        ("ثلاثة عشر", [13]),
        ("ألف وخمسمائة", [1500]),
        ("٢٫٥ مليون نازح", [2_500_000]),  # Arabic decimal separator
        ("١٬٠٠٠ دولار", [1000]),  # Arabic thousands separator
        ("في ٢٥ أيار ٢٠١٥", [25, 2015]),  # adjacent digit strings stay apart
        ("بثلاثة صواريخ ولعشرة أيام", [3, 10]),  # clitics ب and ل stripped
        ("المادة السابعة", [7]),  # ordinal
        ("آلاف المقاتلين وعشرات القتلى", []),  # thousands, dozens: not numbers
        ("يوم الاثنين", []),  # Monday, not "the two"
        ("ارتفع بنسبة 30 بالمئة", [30]),  # percent is not a hundred
    ],
)
def test_arabic_numbers(arabic: str, values: list[float]) -> None:
    assert arabic_numbers(arabic) == values


@pytest.mark.parametrize(
    ("english", "values"),
    [
        ("nearly 30 air strikes", [30]),
        ("twenty-five people", [25]),
        ("a hundred and five fighters", [105]),
        ("three thousand fighters", [3000]),
        ("1,000 dollars and 2.5 million people", [1000, 2_500_000]),
        ("25 May, 2015", [25, 2015]),
        ("the 21st century", [21]),
        ("the seventh article", [7]),
        ("one of the fighters; no one left", []),  # "one" as a pronoun
        ("dozens of villages and hundreds of people", []),
        ("two and three", [2, 3]),
    ],
)
def test_english_numbers(english: str, values: list[float]) -> None:
    assert english_numbers(english) == values


def test_same_numbers_in_digits_and_words_do_not_differ() -> None:
    assert not numbers_differ("نفذ الطيران ٣٠ غارة", "The air force carried out 30 strikes")
    assert not numbers_differ("قتل خمسة وعشرون شخصا", "Twenty-five people were killed")
    assert not numbers_differ("ثلاثة آلاف مقاتل", "3,000 fighters")
    assert not numbers_differ("في عام ٢٠١٥", "in 2015")


def test_changed_number_differs_and_reports_both_sides() -> None:
    comparison = compare_numbers(
        "نفذ الطيران ٣٠ غارة عام ٢٠١٥", "It carried out 25 strikes in 2015"
    )
    assert comparison.differ
    assert comparison.only_source == (30,)
    assert comparison.only_target == (25,)
    assert numbers_differ("في عام ٢٠١٥", "in 2014")  # years count


def test_dropped_or_added_number_differs() -> None:
    assert numbers_differ("قتل ١٢ شخصا", "People were killed")
    assert numbers_differ("قتل أشخاص", "12 people were killed")


def test_one_and_two_are_not_compared() -> None:
    # The Arabic dual (جنديين) says "two" with no number word.
    assert not numbers_differ("قتل جنديين", "Two soldiers were killed")
    assert not numbers_differ("أحد المقاتلين", "one of the fighters")


# ------------------------------------------------------------------------------ names


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


def test_contractions_and_indefinite_pronouns_are_not_names() -> None:
    english = "He said: \"Don't do it. I'll go.\" Amongst them was Somebody, and Sa'd came."
    assert [name.text for name in english_names(english)] == ["Sa'd"]


def test_exonyms_count_as_matched() -> None:
    comparison = compare_names("قرب مدينة حلب السورية", "near the Syrian city of Aleppo")
    assert comparison.unmatched_english == ()


def test_english_names_skips_stopwords_glosses_and_sentence_starts() -> None:
    text = (
        "Opposition fighters attacked Kfeir on Friday. Yaman Abdul-Alim of Ahrar al-Sham "
        '("Free Men of the Levant") spoke. The Army of Conquest said so.'
    )
    names = [name.text for name in english_names(text)]
    assert names == ["Kfeir", "Yaman Abdul-Alim", "Ahrar al-Sham"]


def test_pronouns_and_compounds_of_common_words_are_not_names() -> None:
    # A compound of a common word and a short particle, a pronoun, an archaic adverb.
    oft = compare_names("إن الله غفور حليم", "For Allah is Oft-Forgiving, Most Forbearing.")
    assert oft.unmatched_english == ()
    assert compare_names("لكم الملك اليوم", '"O my People! Yours is the dominion."').english == ()
    assert compare_names("فيها ما تشتهيه", "Therein shall be all that they desire.").english == ()
    # A short name, or a hyphenated one, is still a name.
    assert compare_names("ثم قال عيسى", "Then said Hud to them.").unmatched_english == ("Hud",)
    assert compare_names("ثم قال عيسى", "Then said Abu-Lahab.").unmatched_english == ("Abu-Lahab",)


# ------------------------------------------------------------------------------ negation


def test_negation_counts() -> None:
    assert arabic_negations("لم تنسحب القوات ولن تنسحب") == 2
    assert english_negations("The forces did not withdraw and won't withdraw") == 2
    assert arabic_negations("لا يزال يقاتل") == 0  # "still"
    assert arabic_negations("لم يبق في المدينة إلا القليل") == 0  # "only a few remained"
    assert arabic_negations("لا يجوز للمدير ولا للعضو") == 1  # لا ... ولا coordinated
    assert english_negations("neither the manager nor the member") == 1
    assert arabic_negations("ما بين المدينتين") == 0  # relative "what", not negation


def test_negation_differs_on_dropped_negation() -> None:
    assert negation_differs("لم تنسحب القوات من المستشفى", "The forces withdrew from the hospital.")
    assert negation_differs("انسحبت القوات", "The forces never withdrew.")


def test_negation_kept_does_not_differ() -> None:
    assert not negation_differs("لم تنسحب القوات", "The forces did not withdraw.")
    assert not negation_differs("بدون قتال", "without a fight")
    assert not negation_differs("لا تزال القوات تقاتل", "The forces are still fighting.")


def test_title_introduces_a_name_but_a_definite_place_noun_does_not() -> None:
    assert names_differ("قال الشيخ أحمد", "said Sheikh Mahmoud")
    # القرى (with the article) is "the villages", not "the village of X".
    assert not names_differ("استهدف القرى والبلدات المحيطة", "the Syrian air force hit villages")


# ------------------------------------------------------------------------------ qualifiers


def test_hedged_numbers_keep_their_value() -> None:
    # "nearly 30" and "about 30" hold the same number; "40" does not.
    assert not numbers_differ("نفذ الطيران حوالي ٣٠ غارة", "nearly 30 air strikes")
    assert not compare_numbers("نحو ثلاثين غارة", "about 30 air strikes").qualifiers_differ
    assert numbers_differ("أكثر من 40 غارة جوية", "nearly 30 air strikes")


def test_changed_qualifier_is_reported_not_a_number_change() -> None:
    comparison = compare_numbers("أكثر من ٣٠ غارة", "30 air strikes")
    assert not comparison.differ
    assert comparison.qualifier_changes == ((30.0, "more_than", "exact"),)
    assert english_number_qualifiers("at least 12 people and up to 40 wounded") == {
        12.0: "more_than",
        40.0: "less_than",
    }
    assert arabic_number_qualifiers("قتل قرابة خمسين شخصا") == {50.0: "approximate"}
    # A qualifier word not followed by a number qualifies nothing.
    assert english_number_qualifiers("over the years 15 people left") == {}


# ------------------------------------------------------------------------------ attribution


def test_attribution_on_one_side_only_differs() -> None:
    assert attribution_differs(
        "وأكدت مصادر المعارضة أنها ستشن هجوماً", "The opposition will launch an attack."
    )
    assert attribution_differs(
        "ستشن المعارضة هجوماً", "The opposition will attack, according to opposition sources."
    )
    assert not attribution_differs(
        "قالت مصادر المعارضة إنها ستشن هجوماً", "Opposition sources said it would attack."
    )
    # Plain speech verbs and "according to" alone (legal "in accordance with") do not count.
    assert not attribution_differs("قال القائد إن القوات انسحبت", "The commander said forces left.")
    assert not attribution_differs("وفقا للمادة الخامسة", "according to Article 5")


def test_hedging_on_one_side_only_differs() -> None:
    comparison = compare_hedging(
        "وأكدت مصادر المعارضة أنها ستشن هجوماً", "Opposition forces are expected to attack."
    )
    assert comparison.source == () and comparison.target == ("expected",)
    assert hedging_differs("ربما تنسحب القوات", "The forces will withdraw.")
    assert not hedging_differs("ربما تنسحب القوات", "The forces will probably withdraw.")
    assert compare_hedging("قد يتم الهجوم غدا", "x").source == ("قد",)  # قد + imperfect: may
    assert compare_hedging("قد تم الهجوم", "x").source == ()  # قد + perfect: has
    # A number qualified differently is a hedge too.
    assert hedging_differs("أكثر من ٣٠ غارة", "30 strikes")


# ------------------------------------------------------------------------------ variants


def test_transliteration_variants_are_grouped_across_a_document() -> None:
    texts = [
        "Opposition forces entered Jisr al-Shughour on Friday.",
        "With the fall of Jisr al-Shughur hospital, the city is lost.",
        "They marched on Ariha and Idlib.",
    ]
    assert name_variants(texts) == [("al-Shughour", "al-Shughur")]
    assert name_variants(["Idlib and Aleppo.", "Idlib again."]) == []


def test_mt_words_match_english_names() -> None:
    # Kobani is the Kurdish name of عين العرب: no skeleton links them, an MT that knows does.
    source = "وصل الوفد إلى عين العرب"
    english = "The delegation reached Kobani."
    assert compare_names(source, english).unmatched_english == ("Kobani",)
    assert (
        compare_names(source, english, mt="The delegation reached Kobani").unmatched_english == ()
    )


def test_english_negation_exceptive_and_parentheses() -> None:
    assert english_negations("There is no god but He") == 0  # an exception: "only He"
    assert english_negations("He did not go, but stayed home") == 1
    assert english_negations("He said (from nothing) yes") == 0
    assert arabic_negations("لا إله إلا هو") == 0
    assert arabic_negations("أفلا تعقلون") == 1  # interrogative hamza + negator
    assert arabic_negations("لم أذنت لهم") == 1  # first person imperfect after لم
    assert arabic_negations("لم فعلت ذلك") == 0  # لِمَ + perfect: "why"


def test_arabic_ma_negates_only_in_its_clear_patterns() -> None:
    assert arabic_negation_counts("وما هم بمؤمنين") == (1, 0)  # ما + subject + ب predicate
    assert arabic_negation_counts("وما كان الله ليعذبهم") == (1, 0)  # ما كان: "was not"
    assert arabic_negation_counts("ما لهم من ولي") == (1, 0)  # "they have no protector"
    assert arabic_negation_counts("بما كانوا يعملون") == (0, 0)  # بما: "for what"
    # Elsewhere ما may be "what" or "not": optional, either English is accepted.
    assert arabic_negation_counts("ما كانوا يعملون") == (0, 1)
    assert arabic_negation_counts("يعلم ما تسرون") == (0, 1)
    assert arabic_negation_counts("ما كانوا به يستهزئون") == (0, 1)  # an imperfect follows
    assert arabic_negation_counts("وما هو بالهزل") == (1, 0)  # "it is not a jest"
    assert arabic_negation_counts("ولات حين مناص") == (1, 0)  # لات: "there was no time"
    assert arabic_negation_counts("لما يلحقوا بهم") == (0, 1)  # لمّا + imperfect: "not yet"


def test_optional_negations_excuse_an_english_negation_but_do_not_demand_one() -> None:
    assert arabic_negation_counts("وما محمد إلا رسول") == (0, 1)  # exceptive: "only"
    assert arabic_negation_counts("إن هو إلا ذكر") == (0, 1)  # إنْ ... إلا
    assert arabic_negation_counts("قال كلا") == (0, 1)  # "nay" / "by no means"
    assert arabic_negation_counts("من دون الله") == (0, 1)  # "besides" / "without"
    assert arabic_negation_counts("بغير علم") == (0, 1)  # "without knowledge"
    assert arabic_negation_counts("لا أقسم بهذا البلد") == (0, 0)  # an oath: "I swear"
    for english in ("It is nothing but a reminder.", "It is only a reminder."):
        assert not negation_differs("إن هو إلا ذكر للعالمين", english)
    assert not negation_differs("لا أقسم بهذا البلد", "I do call to witness this City.")
    # A definite negation still has to be rendered, and an English negation needs a source.
    assert negation_differs("وما كان أكثرهم مؤمنين", "Most of them believe.")
    assert not negation_differs("وما كان أكثرهم مؤمنين", "Most of them do not believe.")
    assert negation_differs("وكان أكثرهم مؤمنين", "Most of them do not believe.")
