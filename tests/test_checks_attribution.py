"""The attribution check: a claim attributed to sources on one side only."""

from __future__ import annotations

import pytest

from translate_eval.score.checks.attribution import (
    arabic_attribution,
    attribution_differs,
    compare_attribution,
    english_attribution,
)


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


def test_reported_speech_and_its_speakers_count_on_both_sides() -> None:
    source = "وفق ما قال مصدر ثوري من إحدى أبرز فصائل الجيش الحر، وطلب عدم ذكر اسمه"
    english = "Forces have arrived, a rebel spokesman from one of the largest factions told us."
    assert not attribution_differs(source, english)
    # The attribution dropped from the English differs.
    assert attribution_differs(source, "Forces have arrived at the front.")
    assert attribution_differs("وصلت القوات إلى الجبهة", english)


def test_arabic_claims_and_reports_are_attribution() -> None:
    assert not attribution_differs(
        "وفي ذلك ما يكذب ادعاءات النظام", "This counters the regime's claims."
    )
    assert attribution_differs("تدحض الوثيقة مزاعم النظام", "The document contradicts the regime.")
    assert attribution_differs("تفيد أنباء بمقتل قائد", "A commander was killed.")
    assert not attribution_differs("تفيد أنباء بمقتل قائد", "A commander was reportedly killed.")
    assert not attribution_differs(
        "بحسب المرصد قتل قائد", "A commander was killed, according to the monitor."
    )


def test_participles_used_as_adjectives_are_not_attribution() -> None:
    # "The reported buildup" refers back to a report; legal "said" is "aforesaid".
    assert not attribution_differs("ويأتي الحشد بعد أشهر", "The reported buildup follows months.")
    assert not attribution_differs("يجوز للشركة", "Said company may, however, continue.")
    assert not attribution_differs("يجوز للشريك", "The said partner may inspect the records.")
    assert attribution_differs("وصل الحشد", "The buildup arrived, he said.")


def test_according_to_a_legal_text_is_not_attribution() -> None:
    assert not attribution_differs("تصدر القرارات وفق الآتي", "Decisions are passed as follows.")
    assert not attribution_differs("يتم ذلك بحسب الأحوال", "This is done as the case may be.")
    assert not attribution_differs("وفقا للمادة الخامسة", "under Article 5")


def test_legal_said_before_a_noun_is_not_attribution() -> None:
    # "said" as a determiner before a noun, with no speaker before it.
    assert not attribution_differs("يجوز للشريك", "However, said partner may inspect the records.")
    assert not attribution_differs("للجهة تعديل النسبة", "The authority may amend said percentage.")
    # After a speaker, or before a clause word, "said" is speech.
    assert attribution_differs("وصلت القوات", "A spokesman said forces had arrived.")
    assert attribution_differs("وصلت القوات", "Forces arrived, said Ahmed.")
    assert attribution_differs("وصلت القوات", "The army said that forces had arrived.")


def test_speech_verbs_naming_a_text_are_not_attribution() -> None:
    assert not attribution_differs("الأشكال الواردة في المادة", "the forms stated in Article 4")
    assert not attribution_differs("عبارة مضافة إلى الاسم", "the phrase added to the name")
    assert not attribution_differs("بحسب شكل الشركة", "according to the form of the company")
    assert attribution_differs("وصلت القوات", "Forces arrived, he added.")


def test_arabic_words_in_a_non_speech_sense_are_not_attribution() -> None:
    # وفق "in accordance with", unless a source follows.
    assert not attribution_differs("وفق برامج الشركة", "under the company's programmes")
    assert attribution_differs("وفقاً لتقرير المنظمة قتل عشرة", "Ten were killed.")
    # نقل "transfer" unless it quotes (عن); يفيد ب... "implies".
    assert not attribution_differs("بعد نقل ملكية الحصص", "after ownership is transferred")
    assert attribution_differs("ونقلت الوكالة عن مصدر أن", "The agency added nothing.") is False
    assert attribution_differs("ونقلت الوكالة عن القائد أن القوات وصلت", "Forces arrived.")
    assert not attribution_differs("الاكتتاب يفيد بقبول النظام", "subscription implies acceptance")
    assert attribution_differs("أفاد ناشطون بمقتل قائد", "A commander was killed.")
    # مصدر as the adjective "issued" (رأس المال المصدر), ناطق after غير.
    assert not attribution_differs("زيادة رأس المال المصدر", "an increase of the issued capital")
    assert not attribution_differs("بالحيوان غير الناطق", "an inarticulate animal")
    assert attribution_differs("وقال المصدر إن القوات وصلت", "Forces arrived.")


def test_a_bead_of_two_sentences_reads_each_sentence_opening() -> None:
    # "Said report" opens the second sentence of the bead: the legal "said", not speech.
    source = "يعد المجلس تقريرا، ويضمن هذا التقرير الطريقة المقترحة"
    english = "The board shall prepare a report. Said report shall include a proposal."
    assert not attribution_differs(source, english)
    assert not attribution_differs("يوضع الفرق في بند", "The difference shall be added in an item.")
    assert attribution_differs("يوضع الفرق في بند", "The difference is small. He added nothing.")


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("وتضيف: «كنت أدرّس المنهاج السوري»", "“I taught the Syrian curriculum,” she added."),
        ("يروي فريد كيف تفيض الشوارع بالمياه", "Farid recounted how the streets flood."),
        ("هذا ما قاله مدرس الرياضة أبو خالد", "Abu Khalid, a sports teacher, told the paper."),
        ("وتوضح سحر أنها تركت المدرسة", "Sahar explained that she left the school."),
    ],
)
def test_speech_verbs_in_every_person_and_tense_match_the_english(
    arabic: str, english: str
) -> None:
    # she adds / he narrates / what he said (a pronoun suffix) / she explains: attributed on both
    # sides, so no difference; without the English verb, a difference
    assert arabic_attribution(arabic)
    assert not attribution_differs(arabic, english)
    assert attribution_differs(arabic, "The streets flood and the school closed.")


def test_activists_alone_are_not_attribution() -> None:
    # the object of a verb ("kidnapping activists"), not a source; "activists said" still is
    assert not arabic_attribution("الذي اتهم سابقاً باختطاف ناشطين إعلاميين من حلب")
    assert not english_attribution("activists and residents of the Free Aleppo City Council")
    assert english_attribution("activists said the forces withdrew")
    assert arabic_attribution("وقال ناشطون إن القوات انسحبت")


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("وقال المدير إن المركز افتتح", "The director mentioned to the paper that it opened."),
        ("وقال المدير: «افتتح المركز»", "“The centre opened,” he declared."),
        ("وأضاف: «افتتح المركز»", "He continued, “The centre opened.”"),
        ("وأضاف: «افتتح المركز»", "He went on: “The centre opened.”"),
        ("وقال المدير إن المركز افتتح", "The director noted that the centre opened."),
        ("وشدد المدير على أن المركز افتتح", "The director stressed that the centre opened."),
        ("وحذر المدير من إغلاق المركز", "The director is warning of the centre's closure."),
        ("وينوَّه المدير إلى أنَّ المركز افتتح", "The centre opened, said its director."),
    ],
)
def test_the_whole_family_of_speech_verbs_is_read_on_both_sides(arabic: str, english: str) -> None:
    # mentioned / declared / continued / went on / noted ~ قال، أضاف; شدد على، حذر من، نوّه
    assert arabic_attribution(arabic)
    assert english_attribution(english)
    assert not attribution_differs(arabic, english)


def test_verbs_that_are_speech_only_beside_a_quotation() -> None:
    # Without a quotation or "that"/"of" after them, these are no speech.
    assert not english_attribution("The fighting continued, leaving five dead.")
    assert not english_attribution("The government declared a curfew.")
    assert not english_attribution("The investigation noted a single entrance.")
    assert not english_attribution("He went home and pointed a gun at them.")
    assert not english_attribution("stalls officially warned to move and a warning shot")
    assert english_attribution("The official pointed out that the road was closed.")
    # A passive or the writer's back-reference is no attribution either.
    assert not english_attribution("the cases mentioned above, as I mentioned at the outset")
    assert not english_attribution("after it has been warned to pay the debt")


def test_arabic_governed_verbs_need_their_particle() -> None:
    # شدد الحصار "tightened the siege"; the noun حذر "caution".
    assert not arabic_attribution("وشددت القوات الحصار على المدينة")
    assert not arabic_attribution("تقدمت القوات بحذر شديد")
    assert arabic_attribution("وحذرت الحملة من خطر التنظيم")


def test_a_verb_read_with_the_article_or_a_preposition_is_a_noun() -> None:
    # أجور النقل "transport fees", بالنقل "by transport", التابع "affiliated": no verb of saying.
    assert not arabic_attribution("ارتفاع أسعار المبيدات وأجور النقل")
    assert not arabic_attribution("المكلف بنقل البضائع والمجلس التابع للبلدية")
    assert not attribution_differs("وأجور النقل مرتفعة", "and transport fees are high")
    assert arabic_attribution("ونقل المراسل عن القائد أن القوات وصلت")


def test_a_verb_of_saying_in_a_relative_clause_does_not_attribute_the_sentence() -> None:
    # "the report that the magazine announced": the clause describes the report.
    source = "ردوا على التقرير الذي أعلنت عنه المجلة الأميركية"
    assert not arabic_attribution(source)
    assert not attribution_differs(source, "They replied to the article the magazine published.")
    # What is said after the verb (الذي قال إن) keeps it attribution.
    assert arabic_attribution("المسؤول الذي قال إن القوات انسحبت")


def test_according_to_a_plan_or_a_need_is_not_attribution() -> None:
    assert not english_attribution("The students were selected according to need.")
    assert not english_attribution("Work proceeds according to the plan and the schedule.")
    assert english_attribution("Five died, according to the monitor.")


def test_a_pronoun_tag_of_a_quotation_matches_but_does_not_differ_alone() -> None:
    # An Arabic quotation runs on untagged; the English repeats "he told ..." per paragraph.
    english = "“Our only concern was to get away from the buildings,” he told the paper."
    assert not attribution_differs("همنا الوحيد كان الابتعاد عن الأبنية", english)
    assert not attribution_differs("وقال: «همنا الوحيد كان الابتعاد عن الأبنية»", english)
    # A named speaker, or a pronoun's reported speech with no quotation, still differs.
    assert attribution_differs("همنا الوحيد كان الابتعاد", "“Our concern was to leave,” said Ali.")
    assert attribution_differs("همنا الوحيد كان الابتعاد", "He said that they wanted to leave.")


def test_a_named_believer_is_attribution() -> None:
    # ويعتقد عمر "Omar believes": his belief, made the reporter's fact if dropped.
    source = "ويعتقد عمر أنه إذا ذهب إليها فسيكون عرضة للاعتقال"
    assert arabic_attribution(source)
    assert attribution_differs(source, "If he goes there he will be arrested.")
    assert not attribution_differs(source, "Omar believes he would be arrested if he went.")
    # In a condition or with no believer, "believes" attributes nothing.
    assert not english_attribution("if he believes the decision serves the company")
    assert not english_attribution("believes firmly that the decision serves the company")


def test_a_source_described_on_one_side_only_changes_the_attribution() -> None:
    # مصدر (a source) made "a military source": both sides cite, but not the same source.
    assert attribution_differs(
        "قلل مصدر من أهمية القصف", "A military source downplayed the bombardment."
    )
    assert attribution_differs("قالت مصادر مطلعة إن القوات وصلت", "Sources said forces arrived.")
    # Described on both sides (an adjective, a definite owner, من + a definite noun), or on none.
    assert not attribution_differs("قال مصدر عسكري إن القوات وصلت", "A military source said so.")
    assert not attribution_differs("وفق ما ذكرت مصادر النظام", "regime sources said")
    assert not attribution_differs(
        "وفق ما ذكرت مصادر من الجيش الحر", "Free Syrian Army (FSA) sources tell Syria Direct"
    )
    assert not attribution_differs("قال مصدر إن القوات وصلت", "A source said forces arrived.")
    # "the source of the fire" cites no one.
    assert not english_attribution("The source of the fire and sources of income are unknown.")


def test_an_english_quotation_matches_an_arabic_speech_verb() -> None:
    # وأضاف: «...» rendered as a quotation whose tag is in a neighbouring sentence.
    source = "وأضاف: «تلك الليلة كانت أقسى ليلة مرت بحياتي»"
    assert not attribution_differs(source, "“It was the hardest night of my life.")
    # A scare-quoted word is no quotation; the Arabic quotation does not excuse an added tag.
    assert attribution_differs("وقال إن الثورة انتهجت خطا جديدا", "The “revolution” changed.")
    assert attribution_differs("«لا أندم على شيء وأنا مستعد لفعلها»", "“No regrets,” said Ali.")


def test_points_out_and_announced_in_their_speech_sense_only() -> None:
    # ويشير إلى أن "he points out that"; تشير البيانات "the data indicate" is no speech.
    assert arabic_attribution("ويشير إلى أن الحالة الخدمية باتت سيئة")
    assert not arabic_attribution("تشير البيانات إلى ارتفاع الأسعار")
    # A passive "announced" names an event; "it was announced that" reports a claim.
    assert not english_attribution("After an operation being announced, they fled.")
    assert english_attribution("It was announced that the operation had begun.")


def test_the_source_refers_back_and_is_not_described_again() -> None:
    # المصدر / "the source": the description was given where it was first cited.
    assert not attribution_differs(
        "وأكد المصدر في تصريح خاص أن الجيش تمكن من السيطرة",
        "The source confirmed in a statement that the army took control.",
    )


def test_a_scare_quote_is_no_quotation_for_the_speech_tag() -> None:
    assert not english_attribution("The “revolution” continued for years.")
    assert not english_attribution("He declared “Liberty Square” a closed zone.")
    assert english_attribution("“We stay”, he continued.")


def test_issued_capital_and_an_agreed_value_cite_no_one() -> None:
    assert not arabic_attribution("يحدد في نظام الشركة مقدار رأس مالها المصدر")
    assert not english_attribution("valuated according to the value agreed upon")
    assert arabic_attribution("وقال المصدر إن الشركة أفلست")


def test_unreal_saying_and_affiliated_cite_no_one() -> None:
    # "I would have said", "could not be said": no one's claim; تابع ل "subordinate to".
    assert not english_attribution("Had it not been so, I would have said it had not come to be.")
    assert not english_attribution("no object that could not be said to be heavy")
    assert not arabic_attribution("والعالم المحسوس تابع للعالم الإلهي")
    assert english_attribution("He would say nothing, but he said the town had fallen.")
    assert arabic_attribution("وتابع: «لم يبق لنا شيء»")


def test_talking_answers_an_english_attribution_but_never_raises_one() -> None:
    # يتحدث أبو محمد عن قصته "Abu Mohammed talks about his story" ~ "recounts".
    assert not attribution_differs(
        "يتحدث أبو محمد عن قصة فراره", "Abu Mohammed recounts the story of his escape."
    )
    # "spoke to some of its workers": the English "spoke" is not read, so تحدثت alone is silent.
    assert not attribution_differs(
        "جالت في مطبخ المخيم وتحدثت لبعض العاملين", "It toured the kitchen and spoke to workers."
    )
    assert compare_attribution("وتحدثت لبعض العاملين", "Workers said so.").source == ("تحدثت",)
    # unvowelled تحدث is also تَحدُث "it occurs": not read.
    assert compare_attribution("تحدث انفجارات كثيرة", "Witnesses said so.").source == ()
