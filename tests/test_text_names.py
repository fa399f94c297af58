"""English proper-noun candidates: runs of capitalised words, without stopwords, glosses,
contractions and plain sentence starts."""

from __future__ import annotations

from translate_eval.text.names import (
    after_verb_particle,
    arabic_name_spans,
    arabic_word_keys,
    edit_distance,
    english_names,
    near_keys,
)


def test_contractions_and_indefinite_pronouns_are_not_names() -> None:
    english = "He said: \"Don't do it. I'll go.\" Amongst them was Somebody, and Sa'd came."
    assert [name.text for name in english_names(english)] == ["Sa'd"]


def test_english_names_skips_stopwords_glosses_and_sentence_starts() -> None:
    text = (
        "Opposition fighters attacked Kfeir on Friday. Yaman Abdul-Alim of Ahrar al-Sham "
        '("Free Men of the Levant") spoke. The Army of Conquest said so.'
    )
    names = [name.text for name in english_names(text)]
    assert names == ["Kfeir", "Yaman Abdul-Alim", "Ahrar al-Sham"]


def test_arabic_word_keys_read_every_clitic_reading() -> None:
    assert arabic_word_keys("والشغور") == {"CGR"}


def test_near_keys_are_one_edit_apart_long_and_share_the_first_class() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert near_keys("MSTM", "MSTN")
    assert not near_keys("MST", "MSN")  # too short
    assert not near_keys("MSTM", "NSTM")  # another first class


def test_arabic_name_spans_follow_place_nouns_and_compound_heads() -> None:
    assert arabic_name_spans(["قريه", "جسر", "الشغور"]) == [[1, 2]]
    assert arabic_name_spans(["القريه", "الناجيه"]) == []  # "the village", no name
    assert arabic_name_spans(["الشيخ", "احمد"]) == [[1]]  # a title takes the article


def test_words_after_a_particle_that_takes_a_verb() -> None:
    words = ["قال", "انه", "اذا", "ذهب", "فلن", "يعود", "عمر"]
    assert after_verb_particle(words, 3) and after_verb_particle(words, 5)
    assert not after_verb_particle(words, 6) and not after_verb_particle(words, 0)
