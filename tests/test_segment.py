"""Sentence segmentation: boundaries, offsets into the original text, furniture set aside."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate_eval.text.arabic import normalize_arabic, sentence_ends
from translate_eval.text.segment import segment_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"


def texts(result) -> list[str]:
    return [s.text for s in result.segments]


def test_arabic_comma_does_not_split_but_full_stop_and_question_mark_do():
    text = "قال المتحدث، في بيان، إن القوات انسحبت. هل انتهت المعركة؟ لا أحد يعرف."
    assert texts(segment_text(text, "ar")) == [
        "قال المتحدث، في بيان، إن القوات انسحبت.",
        "هل انتهت المعركة؟",
        "لا أحد يعرف.",
    ]


def test_decimal_point_is_not_a_sentence_end():
    assert sentence_ends("ارتفع المؤشر 2.5 بالمئة اليوم. ثم هبط.") == [
        len("ارتفع المؤشر 2.5 بالمئة اليوم.")
    ]


def test_english_abbreviations_and_quotes():
    text = 'Dr. Smith met Mr. Jones in the U.S. capital. He said: "We won." Then he left.'
    assert texts(segment_text(text, "en")) == [
        "Dr. Smith met Mr. Jones in the U.S. capital.",
        'He said: "We won."',
        "Then he left.",
    ]


def test_seed_english_furniture_is_set_aside_with_reasons():
    text = (CORPUS / "en.txt").read_text(encoding="utf-8")
    result = segment_text(text, "en")
    reasons = {s.text: s.kind for s in result.skipped}
    assert reasons["2 min read"] == "reading time"
    assert reasons["25 May, 2015"] == "dateline"
    assert any(kind == "photo caption" and "[Getty]" in t for t, kind in reasons.items())
    assert any(kind == "repeated headline" for kind in reasons.values())
    assert result.segments[0].kind == "title"
    assert result.segments[-1].text == "This is an edited translation from our Arabic edition."
    assert not any("2 min read" in s.text for s in result.segments)


def test_offsets_land_on_the_original_text_of_the_seed_pair():
    for name, lang in (("ar.txt", "ar"), ("en.txt", "en")):
        text = (CORPUS / name).read_text(encoding="utf-8")
        result = segment_text(text, lang)
        for segment in result.segments + result.skipped:
            assert text[segment.start : segment.end] == segment.text
        ids = [s.id for s in result.segments]
        assert ids == list(range(len(ids)))


def test_presegmented_keeps_one_sentence_per_line_and_sets_empty_lines_aside():
    result = segment_text("first. second.\n\nthird\n\n\n", "en", presegmented=True)
    assert [(s.id, s.text) for s in result.segments] == [(0, "first. second."), (2, "third")]
    assert [(s.id, s.text, s.kind) for s in result.skipped] == [(1, "", "empty line")]
    assert result.warnings and "1 empty line(s)" in result.warnings[0]


def test_overlong_sentence_is_cut_and_reported():
    sentence = ", ".join(f"word{i} word" for i in range(5000)) + "."
    result = segment_text(sentence, "en", max_sentence_chars=1000)
    assert len(result.segments) > 40
    assert all(len(s.text) <= 1000 for s in result.segments)
    assert result.warnings and "cut into" in result.warnings[0]
    assert "".join(s.text for s in result.segments).replace(" ", "") == sentence.replace(" ", "")


def test_control_and_bidi_characters_do_not_reach_sentences():
    text = "First\u200f sentence\x07 here. Second\u202e one."
    result = segment_text(text, "en")
    assert [s.text for s in result.segments] == ["First  sentence  here.", "Second  one."]
    assert all(len(s.text) == s.end - s.start for s in result.segments)


def test_normalize_arabic_unifies_letters_digits_and_strips_marks():
    assert normalize_arabic("أَكْثَرُ مِنْ ٤٠ غارةً إلى مدينـــة") == "اكثر من 40 غاره الي مدينه"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab .،؟!\n\u200fجسر", "الشغور", "؟ ", "Mr. ", "2.5"]), max_size=80)
)
def test_property_offsets_and_coverage(tokens):
    text = "".join(tokens)
    for lang in ("ar", "en"):
        result = segment_text(text, lang)
        spans = sorted((s.start, s.end) for s in result.segments + result.skipped)
        for start, end in spans:
            assert 0 <= start < end <= len(text)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start  # no overlap
        covered = {i for start, end in spans for i in range(start, end)}
        cleaned = [i for i, ch in enumerate(text) if not ch.isspace() and ch not in "\u200f"]
        assert set(cleaned) <= covered


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_empty_text_has_no_segments(lang):
    assert segment_text("  \n\n ", lang).segments == []


def test_an_overlong_unpunctuated_first_line_is_cut_not_kept_as_a_title() -> None:
    text = " ".join(["word"] * 30)  # 149 characters, no final punctuation
    result = segment_text(text, "en", max_sentence_chars=40)
    assert all(len(s.text) <= 40 for s in result.segments)
    assert all(s.kind == "body" for s in result.segments)
    assert result.warnings and "cut into" in result.warnings[0]


@pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ("“", "”"), ('"', '"')])
@pytest.mark.parametrize("ellipsis", ["…", "..."])
def test_an_ellipsis_inside_a_quoted_headline_does_not_end_the_sentence(opening, closing, ellipsis):
    sentence = (
        f"نشرت الجريدة تحقيقا بعنوان {opening}مقبرة القطيفة مجددا{ellipsis} حراسة مشددة"
        f"{closing}، وهي المقبرة التي كشفتها."
    )
    text = sentence + " ثم ردت الحكومة."
    assert texts(segment_text(text, "ar")) == [sentence, "ثم ردت الحكومة."]
    english = (
        f"It ran a story headlined {opening}Qutayfa again{ellipsis} guards{closing} last week."
    )
    assert texts(segment_text(english + " Then it left.", "en")) == [english, "Then it left."]


def test_an_ellipsis_outside_quotes_or_closing_a_quote_still_ends_the_sentence():
    assert texts(segment_text("انتظر الجميع... ثم جاء الخبر.", "ar")) == [
        "انتظر الجميع...",
        "ثم جاء الخبر.",
    ]
    assert texts(segment_text('He said "we will win..." Then he left.', "en")) == [
        'He said "we will win..."',
        "Then he left.",
    ]
    # An unclosed quotation does not swallow the rest of the paragraph.
    assert len(segment_text('قال "انتظروا... ثم جاء الخبر.', "ar").segments) == 2


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_pipe_between_spaces_ends_a_sentence_and_belongs_to_neither(lang: str) -> None:
    # a web page's separator ("Enab Baladi – Ahmad Jamal | The political scene ..."); a pipe
    # inside a word or without spaces around it is no separator
    first, second = ("Enab Baladi – Ahmad Jamal", "The scene a|b is chaotic.")
    if lang == "ar":
        first, second = ("عنب بلدي – أحمد جمال", "تختلط المعادلات السياسية a|b في درعا.")
    text = f"A title\n\n{first} | {second}"
    result = segment_text(text, lang)
    body = [s for s in result.segments if s.kind != "title"]
    assert [s.text for s in body] == [first, second]
    assert all(text[s.start : s.end] == s.text for s in body)


def test_two_dots_are_a_pause_in_arabic_three_end_a_sentence() -> None:
    # the Arabic press writes ".." inside headlines and sentences; "..." still ends one
    assert sentence_ends("نازحون في قلب الغوطة.. لا منازل ولا مراكز") == []
    assert sentence_ends("“لم أعد عبئاً.. أصبحت سنداً” شعار مرفوع") == []
    assert sentence_ends("انتهى الاجتماع... ثم عاد الوفد") == [len("انتهى الاجتماع...")]
    assert sentence_ends("انتهى الاجتماع. ثم عاد الوفد") == [len("انتهى الاجتماع.")]


def test_a_hard_wrap_inside_a_sentence_is_read_as_a_space() -> None:
    # text copied from a PDF or an e-mail: the wrap after "the" or before a lower-case word is
    # inside a sentence; a heading line before a capital, or after a full stop, is not
    text = (
        "A headline without a stop\n"
        "The first sentence of the body runs on and the\n"
        "page wrapped it here. The second one\n"
        "wraps before a small letter.\n"
        "A heading line\n"
        "A new sentence.\n"
        "25 May, 2015\n"
        "last line."
    )
    result = segment_text(text, "en")
    assert [s.text for s in result.segments] == [
        "A headline without a stop",
        "The first sentence of the body runs on and the page wrapped it here.",
        "The second one wraps before a small letter.",
        "A heading line",
        "A new sentence.",
        "last line.",
    ]
    assert [s.text for s in result.skipped] == ["25 May, 2015"]  # furniture stays apart
    for segment in result.segments:  # offsets point into the text as given
        assert text[segment.start : segment.end].replace("\n", " ") == segment.text


def test_an_arabic_line_ending_with_a_word_no_sentence_ends_with_is_joined() -> None:
    text = (
        "عنوان الخبر\nقال المتحدث إن الوضع صعب وإن\nالأهالي ينتظرون المساعدات.\n"
        "عنوان فرعي\nفقرة جديدة."
    )
    assert [s.text for s in segment_text(text, "ar").segments] == [
        "عنوان الخبر",
        "قال المتحدث إن الوضع صعب وإن الأهالي ينتظرون المساعدات.",
        "عنوان فرعي",
        "فقرة جديدة.",
    ]
