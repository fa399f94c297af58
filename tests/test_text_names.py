"""English proper-noun candidates: runs of capitalised words, without stopwords, glosses,
contractions and plain sentence starts."""

from __future__ import annotations

from translate_eval.text.names import english_names


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
