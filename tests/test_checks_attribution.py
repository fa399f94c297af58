"""The attribution check: a claim attributed to sources on one side only."""

from __future__ import annotations

import pytest

from translate_eval.score.checks.attribution import (
    arabic_attribution,
    attribution_differs,
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
