"""Tests for `file:PATH` and `none`, and for how load_translator reads MT specs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from translate_eval.errors import InputError, TranslateEvalError
from translate_eval.translate import load_translator
from translate_eval.translate.base import Translator
from translate_eval.translate.file import FileTranslator, parse_translation_lines


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_file_lines_in_order_with_empty_inner_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "mt.en", b"first line\n\nthird line\n")
    translator = load_translator(f"file:{path}")
    assert isinstance(translator, Translator)
    assert translator.translate(["a", "b", "c"]) == ["first line", "", "third line"]


def test_file_bom_crlf_and_trailing_empty_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "mt.en", "\ufeffone\r\ntwo\r\n\r\n\n".encode())
    assert FileTranslator(path).translate(["x", "y"]) == ["one", "two"]


def test_file_count_mismatch_names_both_counts(tmp_path: Path) -> None:
    path = write(tmp_path, "mt.en", b"a\nb\nc\n")
    with pytest.raises(InputError) as error:
        load_translator(f"file:{path}").translate(["1", "2", "3", "4", "5"])
    message = str(error.value)
    assert message == "file:mt.en has 3 lines but the source has 5 sentences"


def test_file_missing_is_one_line_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_translator(f"file:{tmp_path / 'absent.txt'}")
    assert "absent.txt" in str(error.value)
    assert "\n" not in str(error.value)


def test_file_folder_and_bad_encoding_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        FileTranslator(tmp_path)
    latin1 = write(tmp_path, "latin1.txt", "caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        FileTranslator(latin1)


def test_file_signature_hashes_content(tmp_path: Path) -> None:
    data = b"hello\nworld\n"
    path = write(tmp_path, "mt.en", data)
    expected = hashlib.sha256(data).hexdigest()[:12]
    assert FileTranslator(path).signature == f"file:mt.en|sha256={expected}"
    changed = write(tmp_path, "mt2.en", b"hello\nthere\n")
    assert FileTranslator(changed).signature.split("|")[1] != f"sha256={expected}"


def test_parse_keeps_whitespace_only_inner_line_as_empty() -> None:
    assert parse_translation_lines(b"a\n   \nb", "file:x") == ["a", "", "b"]
    assert parse_translation_lines(b"", "file:x") == []


def test_none_returns_one_empty_string_per_sentence() -> None:
    translator = load_translator("none")
    assert translator.signature == "none"
    assert translator.translate(["a", "b", ""]) == ["", "", ""]
    assert translator.translate([]) == []


def test_unknown_spec_lists_valid_forms() -> None:
    with pytest.raises(TranslateEvalError) as error:
        load_translator("google")
    message = str(error.value)
    for form in ("gloss", "hf:", "file:", "none"):
        assert form in message


def test_missing_ct2_model_says_how_to_make_one() -> None:
    with pytest.raises(TranslateEvalError, match="convert-model") as error:
        load_translator("ct2:/models/opus")
    assert "\n" not in str(error.value)


def test_options_rejected_where_they_do_not_apply(tmp_path: Path) -> None:
    with pytest.raises(TranslateEvalError, match="batch_size"):
        load_translator("none", batch_size=4)
    with pytest.raises(TranslateEvalError, match="needs a path"):
        load_translator("file:")


def test_lookup_translates_by_source_text_in_any_order() -> None:
    from translate_eval.translate.lookup import LookupTranslator

    translator = LookupTranslator({"أ": "one", "ب": "two"}, "toy")
    assert isinstance(translator, Translator)
    assert translator.translate(["ب", "أ", "ب"]) == ["two", "one", "two"]
    assert translator.translate([]) == []
    assert translator.signature.startswith("lookup:toy|sha256=")


def test_lookup_signature_follows_the_table_not_its_order() -> None:
    from translate_eval.translate.lookup import LookupTranslator

    first = LookupTranslator({"أ": "one", "ب": "two"}, "toy")
    reordered = LookupTranslator({"ب": "two", "أ": "one"}, "toy")
    changed = LookupTranslator({"أ": "one", "ب": "2"}, "toy")
    assert first.signature == reordered.signature != changed.signature


def test_lookup_of_a_sentence_outside_the_table_is_a_one_line_error() -> None:
    from translate_eval.translate.lookup import LookupTranslator

    translator = LookupTranslator({"أ": "one"}, "toy")
    with pytest.raises(InputError, match=r"lacks 2 of 3 sentences \(first: 'ج د'\)") as caught:
        translator.translate(["أ", "ج\nد", "ه"])
    assert "\n" not in str(caught.value)
    with pytest.raises(TranslateEvalError, match="list of sentences"):
        translator.translate("أ")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="empty"):
        LookupTranslator({}, "toy")
