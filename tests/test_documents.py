"""Documents and pairs: language checks, pair folders, gold edits."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from translate_eval.documents import load_pair, make_document, pair_from_texts
from translate_eval.errors import InputError

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"
SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def test_seed_pair_folder_loads_with_meta_and_gold_edits():
    pair = load_pair(CORPUS)
    assert pair.name == "jisr-al-shughour"
    assert pair.meta["source_status"] == "reconstruction"
    assert pair.source.lang == "ar" and pair.target.lang == "en"
    kinds = {row["kind"] for row in pair.gold_edits}
    assert {"omission", "addition", "numbers_differ", "names_differ"} <= kinds
    for row in pair.gold_edits:  # every quote points at exactly one place of its side
        if row["ar"]:
            assert pair.source.text.count(row["ar"]) == 1, row
        if row["en"]:
            assert pair.target.text.count(row["en"]) == 1, row


@pytest.mark.skipif(not SHARED_SEED.is_dir(), reason="../shared/seed absent")
def test_english_side_is_the_seed_verbatim():
    seed = next(SHARED_SEED.glob("*.txt"))
    assert (CORPUS / "en.txt").read_bytes() == seed.read_bytes()


def test_swapped_sides_are_detected(tmp_path):
    (tmp_path / "ar.txt").write_text((CORPUS / "en.txt").read_text(encoding="utf-8"))
    (tmp_path / "en.txt").write_text((CORPUS / "ar.txt").read_text(encoding="utf-8"))
    with pytest.raises(InputError, match=r"should be Arabic.*check the order"):
        load_pair(tmp_path / "ar.txt", tmp_path / "en.txt")


def test_html_is_blanked_with_a_visible_warning():
    doc = make_document("<p>First <b>bold</b> sentence.</p><p>Second one.</p>", "en")
    assert [" ".join(s.text.split()) for s in doc.segments] == [
        "First bold sentence.",
        "Second one.",
    ]
    assert any("HTML" in w for w in doc.warnings)
    assert len(doc.text) == len("<p>First <b>bold</b> sentence.</p><p>Second one.</p>")


def test_in_memory_pair_from_lists_keeps_sentences():
    pair = pair_from_texts(["جملة أولى.", "جملة ثانية."], ["First.", "Second.", "Third."])
    assert pair.source.sentences == ["جملة أولى.", "جملة ثانية."]
    assert len(pair.target.segments) == 3


def test_folder_without_arabic_file_is_refused(tmp_path):
    (tmp_path / "en.txt").write_text("Hello there.")
    with pytest.raises(InputError, match=r"has no ar\.txt"):
        load_pair(tmp_path)


def test_broken_meta_toml_names_the_file(tmp_path):
    for name in ("ar.txt", "en.txt"):
        (tmp_path / name).write_text((CORPUS / name).read_text(encoding="utf-8"))
    (tmp_path / "meta.toml").write_text("title = [unclosed")
    with pytest.raises(InputError, match=r"meta\.toml: not valid TOML"):
        load_pair(tmp_path)


@pytest.mark.parametrize(
    ("source", "target", "needle"),
    [
        (None, ["One."], "ar text must be a string or a list of sentence strings, not NoneType"),
        (["جملة."], 42, "en text must be a string or a list of sentence strings, not int"),
        ([1, 2], ["One."], "ar sentences must be strings, not int"),
    ],
    ids=["none", "number", "list-of-numbers"],
)
def test_pair_from_texts_refuses_what_is_not_text_in_one_line(source, target, needle) -> None:
    with pytest.raises(InputError, match=re.escape(needle)):
        pair_from_texts(source, target)


def test_pair_from_texts_takes_a_tuple_of_sentences_as_a_list() -> None:
    as_tuple = pair_from_texts(("جملة أولى.", "جملة ثانية."), ("First.", "Second."))
    as_list = pair_from_texts(["جملة أولى.", "جملة ثانية."], ["First.", "Second."])
    assert as_tuple.source.sentences == as_list.source.sentences
    assert as_tuple.target.sentences == as_list.target.sentences


@pytest.mark.parametrize("text", ["123 456.", "٢٠١٥ — 42% !!!", "🙂 🙂 🙂"])
def test_an_arabic_side_without_letters_says_so_not_that_it_is_english(text: str) -> None:
    with pytest.raises(InputError, match="has no Arabic words") as refused:
        pair_from_texts(text, "He said forces withdrew.")
    assert "English side" not in str(refused.value)


def presentation_forms(text: str) -> str:
    """``text`` with each Arabic letter written as its isolated presentation form (the glyph
    codes a PDF's text layer often holds)."""
    isolated: dict[str, str] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFD)]:
        name = unicodedata.name(chr(code), "")
        letter = unicodedata.normalize("NFKC", chr(code))
        if "ISOLATED" in name and len(letter) == 1:
            isolated.setdefault(letter, chr(code))
    return "".join(isolated.get(character, character) for character in text)


def test_arabic_in_presentation_forms_reads_as_the_letters_with_a_warning() -> None:
    arabic = (CORPUS / "ar.txt").read_text(encoding="utf-8")
    english = (CORPUS / "en.txt").read_text(encoding="utf-8")
    shaped = presentation_forms(arabic)
    assert shaped != arabic
    plain, from_pdf = pair_from_texts(arabic, english), pair_from_texts(shaped, english)
    assert from_pdf.source.sentences == plain.source.sentences
    (warning,) = from_pdf.source.warnings
    assert "presentation forms" in warning and plain.source.warnings == []


def test_a_typed_ligature_in_ordinary_arabic_is_kept_without_a_warning() -> None:
    typed = "قال رسول الله ﷺ إن القوات انسحبت من المدينة."
    pair = pair_from_texts(typed, "The Prophet said the forces withdrew from the city.")
    assert pair.source.sentences == [typed] and pair.source.warnings == []
