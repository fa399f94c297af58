"""The hedging check: a claim hedged, or a number qualified, on one side only."""

from __future__ import annotations

from translate_eval.score.checks.hedging import compare_hedging, hedging_differs


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


def test_alleged_is_attribution_not_a_hedge() -> None:
    # مزعوم / "alleged" say who claims it (attribution); they do not hedge.
    assert compare_hedging("الإصلاحات المزعومة", "the reforms").source == ()
    assert not hedging_differs("حول الإصلاحات المزعومة", "about the reforms")


def test_negated_bounds_in_every_tense_and_phrasal_up_to() -> None:
    # لم تتجاوز (past) / لن تتجاوز (future) bound a number as لا تتجاوز does: "no more than".
    assert not hedging_differs("في مدة لم تتجاوز أربعة أسابيع", "in no more than four weeks")
    assert not hedging_differs("بكلفة لن تتجاوز 300 دولار", "at a cost of up to 300 dollars")
    assert hedging_differs("في مدة لم تتجاوز أربعة أسابيع", "in four weeks")
    # "makes up (to) 15 percent" states a share, not an upper bound.
    assert not hedging_differs("تشكل 15 في المئة من الأراضي", "it makes up to 15 percent of land")
    assert hedging_differs("تشكل 15 في المئة من الأراضي", "it covers up to 15 percent of land")
    # An age bounded in both languages: لم يتجاوز 18 عاما = "no older than 18".
    assert not hedging_differs("شبان لم يتجاوز 18 عاما", "young men no older than 18")
    assert hedging_differs("شبان لم يتجاوز 18 عاما", "young men aged 18")


def test_may_in_a_relative_clause_does_not_hedge_the_claim() -> None:
    # "the obstacles that may face him": a possibility of a noun, not of the claim.
    assert compare_hedging("عدا عن العراقيل التي قد تواجهه على الحواجز", "x").source == ()
    assert compare_hedging("وقد يواجه الموظف عراقيل على الحواجز", "x").source == ("قد",)


def test_an_impersonal_belief_hedges_and_a_named_one_attributes() -> None:
    # يُعتقد أن "it is believed that" hedges; ويعتقد عمر "Omar believes" is attribution.
    assert compare_hedging("ويعتقد أن القائد قتل", "x").source == ("يعتقد",)
    assert compare_hedging("ويعتقد عمر أنه سيعتقل", "x").source == ()
    assert not hedging_differs("ويعتقد أن القائد قتل", "The commander is believed to be dead.")
    assert compare_hedging("x", "Omar believed that he would be arrested.").target == ()
    assert compare_hedging("x", "It is widely believed that he died.").target == ("believed",)


def test_legal_bounds_after_a_conjunction_a_long_noun_or_as_a_maximum() -> None:
    # ولا يزيد على "and at most"; the bounded noun between the verb and عن / the number.
    assert not hedging_differs(
        "بما لا يقل عن (ستة) أشهر ولا يزيد على (ثمانية عشر) شهراً",
        "not less than six months and not more than 18 months",
    )
    assert not hedging_differs(
        "يجب ألا يقل رأس مال الشركة المصدر عن (خمسمائة ألف) ريال",
        "the issued capital shall not be less than five hundred thousand riyals",
    )
    assert not hedging_differs(
        "يجب ألا تتجاوز مدة التصفية بموجب النظام (ثلاث) سنوات",
        "the period of liquidation shall not exceed three years",
    )
    # أقصاها "at most", بحد أدنى "a minimum of".
    assert not hedging_differs(
        "خلال مدة أقصاها (مائة وثمانون) يوماً", "within a maximum of 180 days"
    )
    assert hedging_differs("خلال مدة أقصاها (مائة وثمانون) يوماً", "within 180 days")
    assert not hedging_differs("بحد أدنى عشرة أعضاء", "a minimum of ten members")


def test_qad_before_a_form_v_perfect_and_that_is_no_hedge() -> None:
    # وقد تبيَّن أن "it had become clear that": a perfect, not "may".
    assert compare_hedging("وقد تبين أن القوات انسحبت", "x").source == ()
    assert compare_hedging("قد تتغير الخطة غدا", "x").source == ("قد",)


def test_perhaps_and_seems_in_arabic_are_hedges() -> None:
    # لعلّ "perhaps" and بدت / تبدو "seemed / seems" hedge as ربما and يبدو do.
    assert compare_hedging("ولعل تلك الأفعال ليست ذاتية", "x").source == ("لعل",)
    assert compare_hedging("لعله يعود غدا", "x").source == ("لعله",)
    assert not hedging_differs("فلعل اللازم عنهما شيء واحد", "Perhaps both lead to one thing.")
    assert hedging_differs("بدت المدينة هادئة", "The city was quiet.")
    # بدأ "began" normalises to بدا: not a hedge.
    assert compare_hedging("بدأ الهجوم فجرا", "x").source == ()


def test_weak_english_hedges_answer_an_arabic_hedge_but_never_raise_one() -> None:
    # "may" renders قد + imperfect; "if possible" alone states no doubt.
    assert not hedging_differs("قد تتغير الخطة غدا", "The plan may change tomorrow.")
    assert hedging_differs("قد تتغير الخطة غدا", "The plan changes tomorrow.")
    assert not hedging_differs("يريد أن يمتنع عن الغذاء", "He would, if possible, stop eating.")
    assert compare_hedging("x", "so that she may teach at home").target == ()
    assert compare_hedging("x", "It is possibly the last convoy.").target == ("possibly",)
    # the month is no "may"
    assert hedging_differs("ربما تنسحب القوات", "The forces withdrew in May.")
    assert not hedging_differs("ربما تنسحب القوات", "Sometimes the forces withdraw.")


def test_qad_after_kana_is_a_perfect_not_may() -> None:
    # كانت قد أدركت "it had perceived"; ما يكون قد تبين "what will have become clear".
    assert compare_hedging("وإن كانت قد أدركت بالفعل", "x").source == ()
    assert compare_hedging("وما يكون قد تبين له من مخالفات", "x").source == ()
    assert compare_hedging("وقد يتبين له من مخالفات", "x").source == ("قد",)


def test_an_article_written_apart_does_not_part_a_qualifier_from_its_number() -> None:
    # قرابة الـ10 كيلومترات "almost the 10 kilometres": approximate, as "almost 10 kilometers".
    assert not hedging_differs(
        "يضطر الرجل للمشي قرابة الـ10 كيلو مترات", "He walks almost 10 kilometers a day."
    )
    assert hedging_differs("يضطر الرجل للمشي قرابة الـ10 كيلو مترات", "He walks 10 kilometers.")


def test_shibh_almost_is_a_hedge_but_not_in_the_peninsula() -> None:
    source = "المدارس في قريتنا شبه معطلة أساساً"
    assert hedging_differs(source, "The schools in my village have been shut anyway.")
    assert not hedging_differs(source, "The schools in my village are almost out of action.")
    assert compare_hedging("في شبه الجزيرة العربية", "in the Arabian Peninsula").source == ()
    # "almost" alone is a weak hedge: it never raises a difference
    assert not hedging_differs("المدارس معطلة", "The schools are almost out of action.")
