"""The negation check: negated clauses counted on each side, compared for presence."""

from __future__ import annotations

from translate_eval.score.checks.hedging import hedging_differs
from translate_eval.score.checks.negation import (
    arabic_negation_counts,
    arabic_negations,
    compare_negations,
    english_lexical_negatives,
    english_negations,
    negation_differs,
)


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


def test_english_words_that_render_a_negation_excuse_a_missing_not() -> None:
    """ما لم = "unless", لم يقدم = "fails to", لا تقل عن = "at least": no negator in the English,
    the same meaning."""
    assert not negation_differs(
        "ما لم ينص عقد تأسيس الشركة على غير ذلك", "Unless the articles of incorporation provide"
    )
    assert not negation_differs("إذا لم يقدم الشريك حصته", "If a partner fails to provide it")
    assert not negation_differs("لمدة لا تقل عن ثلاثين يوما", "for at least 30 days")
    assert not negation_differs("يحظر على المدير أن يباشر الأعمال", "A manager shall not engage")
    # Not a rendering of a negation: the exceptive goes with one, and at + "least" only.
    assert negation_differs("لا يسري الحكم على الشركة", "It applies to it, except in two cases")
    assert negation_differs("لم يحضر الاجتماع", "He attended the meeting at last")


def test_a_dropped_not_beside_unless_still_differs() -> None:
    """Two Arabic negations (لا ... ما لم) against "unless" alone: the "not" is missing."""
    arabic = "لا تنقضي الشركة بوفاة أي من الشركاء، ما لم ينص عقد تأسيسها على ذلك"
    assert not negation_differs(arabic, "The company shall not end on a death unless it provides")
    assert negation_differs(arabic, "The company shall end on a death unless it provides")


def test_negating_prefixes_and_suffixes() -> None:
    assert english_lexical_negatives("an unimpeded fall, doubtless") == 2
    assert english_lexical_negatives("under the united, unanimous university union") == 0
    assert english_negations("an unimpeded fall") == 0  # a rendering, not a negator
    assert english_lexical_negatives("an insurmountable, irreversible loss") == 2
    assert english_lexical_negatives("the imaginable, inhabitable, invaluable land") == 0
    burden = "أحمل أحد أحفادي إلى جانب همٍّ لا تحمله جبال العالم"
    assert not negation_differs(burden, "I carried my grandchild with an insurmountable burden")
    assert negation_differs(burden, "I carried my grandchild with a heavy burden")


def test_negating_adjectives_render_a_negated_verb() -> None:
    """لا يكفي = "insufficient", لا يستطيع = "unable", لا يوجد = "missing"."""
    assert not negation_differs("يصلهم طعام لا يكفي", "They receive insufficient food")
    assert not negation_differs("لا يستطيع العودة إلى منزله", "He is unable to return home")
    assert not negation_differs("لا يوجد أي طبيب", "Doctors are missing")
    assert english_lexical_negatives("an interesting increase inside") == 0  # in- not negating
    # The adjective renders one negation; a second one dropped still differs.
    assert negation_differs("لا يكفي الطعام ولم يصل الدواء", "The food is insufficient")


def test_arabic_negated_antonyms_excuse_an_english_not() -> None:
    """نسي = "cannot remember", يفتقر = "does not have", خارج / تخرج عن = "not under"."""
    assert not negation_differs("نسي السكان موعد الانقطاع", "Residents cannot remember the cut")
    assert not negation_differs("تفتقر القرية إلى الكهرباء", "The village does not have power")
    assert not negation_differs("المناطق التي تخرج عن سيطرته", "areas not under his control")
    assert not negation_differs("المناطق الخارجة عن سيطرته", "areas not under his control")
    assert not negation_differs("بسبب غياب الأطباء", "because there are no doctors")
    # Leaving a place is not a negation: the English "not" has no source.
    assert negation_differs("تخرج من المدينة كل يوم", "She does not leave the city every day")


def test_negated_idioms_english_renders_positively_are_optional() -> None:
    # لم تقف مكتوفة اليدين: "she did not stand with folded arms" = she took action.
    idle = "فلم تقف مكتوفة اليدين وسجلت في دورة تدريس"
    assert arabic_negation_counts(idle) == (0, 1)
    assert not negation_differs(idle, "She took action and enrolled in a teaching course.")
    assert not negation_differs(idle, "She did not sit idle and enrolled in a course.")
    must = "لا بد من إصلاح الطريق قبل الشتاء"
    assert not negation_differs(must, "The road must be repaired before winter.")
    assert not negation_differs("لم يلبث أن عاد إلى بيته", "He soon went back home.")
    # An idiom does not hide a plain negation beside it.
    assert arabic_negation_counts("لا بد من الطريق لكنه لم يصلح") == (1, 1)


def test_a_quoted_negation_the_english_does_not_quote_is_optional() -> None:
    slogan = "“لم أعد عبئاً.. أصبحت سنداً” شعار مرفوع على أحد جدران الصالة"
    assert not negation_differs(slogan, "This is the slogan written on one of the walls.")
    assert negation_differs(slogan, '"I became a support" is written on one of the walls.')
    assert not negation_differs(slogan, '"I am no longer a burden" is written on the wall.')
    # Outside the quotation the negation still counts.
    told = "وقال: «أصبحت سنداً» لكنه لم يعد إلى المركز"
    assert negation_differs(told, "He said he had become a support and went back to the centre.")


def test_a_negation_softened_into_little_or_few_is_hedging_not_a_dropped_negation() -> None:
    source = "لم يعد النفط بالنفع على الأهالي"
    softened = compare_negations(source, "Little if any revenue goes to help the people.")
    assert softened.softened and not softened.differ
    assert hedging_differs(source, "Little if any revenue goes to help the people.")
    # "a little", "a few" say "some": the negation is dropped, not softened.
    dropped = compare_negations(source, "A little revenue goes to help the people.")
    assert dropped.differ and not dropped.softened
    # The English still negates: nothing is softened.
    assert not compare_negations(source, "Few people did not benefit.").softened
    # The Arabic says "hardly" itself (لا يكاد): "hardly" renders it.
    rendered = compare_negations("لا يكاد يصل الماء", "Water hardly arrives.")
    assert not rendered.softened and not rendered.differ


def test_a_short_word_with_less_renders_a_negation() -> None:
    # بلا عمل "without work" as "jobless": -less after three letters negates too.
    assert not negation_differs("معظم من يحملون شهادات بلا عمل", "Most graduates are jobless.")
    assert negation_differs("معظم من يحملون شهادات بلا عمل", "Most graduates have jobs.")
