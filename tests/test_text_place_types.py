"""Place head nouns in Arabic and the English type words next to a name."""

from __future__ import annotations

from translate_eval.text.place_types import (
    arabic_place_heads,
    english_words,
    glossed_type_words,
    type_word_near,
)
from translate_eval.text.tokens import arabic_tokens


def test_heads_are_read_in_the_construct_state_with_their_clitics() -> None:
    heads = arabic_place_heads(arabic_tokens("وصل إلى بريف حلب ثم إلى المدينة القديمة"))
    assert [(h.index, h.head) for h in heads] == [(2, "ريف")]
    assert "countryside" in heads[0].types


def test_type_words_after_before_and_through_of() -> None:
    words = english_words("Fighting in Idlib province and the countryside of Damascus.")
    assert type_word_near(words, 2, 2) == "province"
    assert type_word_near(words, 8, 8) == "countryside"
    words = english_words("Shelling hit rural Damascus, then Aleppo.")
    assert type_word_near(words, 3, 3) == "rural"
    assert type_word_near(words, 6, 6) is None


def test_a_gloss_is_a_lower_case_content_word_before_the_type() -> None:
    words = english_words("He fled the lawn area for the area near the eastern area.")
    assert glossed_type_words(words, frozenset({"area"})) == ["lawn area"]
