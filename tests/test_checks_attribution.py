"""The attribution check: a claim attributed to sources on one side only."""

from __future__ import annotations

from translate_eval.score.checks.attribution import attribution_differs


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
