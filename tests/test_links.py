"""Tests of the links.csv schema: id and flag cells (parse, format, round trips) and the reader."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from translate_eval.errors import InputError
from translate_eval.links import (
    FLAG_NAMES,
    LINK_COLUMNS,
    NUMERIC_COLUMNS,
    REQUIRED_COLUMNS,
    cell_text,
    format_flags,
    format_ids,
    parse_flags,
    parse_ids,
    read_links,
)


def test_link_columns_hold_the_contract_columns_once() -> None:
    assert len(set(LINK_COLUMNS)) == len(LINK_COLUMNS)
    assert set(REQUIRED_COLUMNS) <= set(LINK_COLUMNS)
    assert set(NUMERIC_COLUMNS) <= set(LINK_COLUMNS)
    assert LINK_COLUMNS.index("src_ids") < LINK_COLUMNS.index("tgt_ids")


# ----------------------------------------------------------------------------- ids


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("3 4", [3, 4]),
        ("", []),
        ("  ", []),
        (np.nan, []),
        (None, []),
        (pd.NA, []),
        (7, [7]),
        (np.int64(7), [7]),
        (2.0, [2]),
        ("1,2", [1, 2]),
        ("1, 2  5", [1, 2, 5]),
        ((3, 4), [3, 4]),
        ([0], [0]),
        (np.array([5, 6]), [5, 6]),
    ],
)
def test_parse_ids(cell: object, ids: list[int]) -> None:
    assert parse_ids(cell) == ids


@pytest.mark.parametrize(
    "cell", ["three", "1.5", "-1", 2.5, -3, True, np.bool_(True), "nan", "inf", [1, "x"], (True,)]
)
def test_parse_ids_rejects_what_is_not_a_sentence_id(cell: object) -> None:
    with pytest.raises(InputError):
        parse_ids(cell)


@pytest.mark.parametrize(
    ("ids", "text"),
    [([3, 4], "3 4"), ([], ""), ((0,), "0"), ([np.int64(12), 13], "12 13")],
)
def test_format_ids_gives_the_links_csv_text(ids: list[int], text: str) -> None:
    assert format_ids(ids) == text


@pytest.mark.parametrize("ids", [[-1], [1.5], ["a"], [True]])
def test_format_ids_rejects_what_is_not_a_sentence_id(ids: list[object]) -> None:
    with pytest.raises(InputError):
        format_ids(ids)  # type: ignore[arg-type]


@pytest.mark.parametrize("ids", [[], [0], [3, 4], [10, 2, 7], list(range(50))])
def test_ids_round_trip(ids: list[int]) -> None:
    assert parse_ids(format_ids(ids)) == ids
    text = format_ids(ids)
    assert format_ids(parse_ids(text)) == text


# ----------------------------------------------------------------------------- flags


@pytest.mark.parametrize(
    ("cell", "flags"),
    [
        ("moved;names_differ", ["moved", "names_differ"]),
        ("", []),
        (np.nan, []),
        (None, []),
        (" hedging_differs ; ", ["hedging_differs"]),
        ("not_a_flag;moved", ["not_a_flag", "moved"]),
        (("moved",), ["moved"]),
    ],
)
def test_parse_flags(cell: object, flags: list[str]) -> None:
    assert parse_flags(cell) == flags


@pytest.mark.parametrize("cell", [3, 1.5, True])
def test_parse_flags_rejects_a_cell_that_is_not_text(cell: object) -> None:
    with pytest.raises(InputError):
        parse_flags(cell)


def test_format_flags_joins_known_flags_in_flag_order() -> None:
    assert format_flags({"moved", "numbers_differ"}) == "numbers_differ;moved"
    assert format_flags([]) == ""
    assert format_flags(reversed(FLAG_NAMES)) == ";".join(FLAG_NAMES)


def test_format_flags_rejects_an_unknown_flag() -> None:
    with pytest.raises(InputError, match="not_a_flag"):
        format_flags(["moved", "not_a_flag"])


@pytest.mark.parametrize(
    "flags", [[], ["moved"], list(FLAG_NAMES), ["names_differ", "hedging_differs"]]
)
def test_flags_round_trip(flags: list[str]) -> None:
    text = format_flags(flags)
    assert parse_flags(text) == [flag for flag in FLAG_NAMES if flag in flags]
    assert format_flags(parse_flags(text)) == text


def test_cell_text_turns_missing_values_into_empty_text() -> None:
    assert [cell_text(v) for v in (None, np.nan, pd.NA, "a", 3)] == ["", "", "", "a", "3"]


# ----------------------------------------------------------------------------- reader


def test_read_links_reads_text_and_numbers(tmp_path) -> None:
    path = tmp_path / "links.csv"
    path.write_text(
        "bead,src_ids,tgt_ids,src_text,tgt_text,chrf,edit,flags\n"
        "0,0 1,0,نص,text,41.5,merge,moved;names_differ\n"
        "1,2,,نص,,,omission,\n",
        encoding="utf-8",
    )
    links = read_links(path)
    assert list(links.columns) == [
        "bead", "src_ids", "tgt_ids", "src_text", "tgt_text", "chrf", "edit", "flags",
    ]  # fmt: skip
    assert [parse_ids(v) for v in links["src_ids"]] == [[0, 1], [2]]
    assert [parse_ids(v) for v in links["tgt_ids"]] == [[0], []]
    assert [parse_flags(v) for v in links["flags"]] == [["moved", "names_differ"], []]
    assert links["chrf"].iloc[0] == pytest.approx(41.5)
    assert np.isnan(links["chrf"].iloc[1])
    assert list(links["bead"]) == [0, 1]
    assert links["src_ids"].iloc[0] == "0 1"  # ids stay text


def test_read_links_of_a_written_links_table_round_trips(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "src_ids": [format_ids([0, 1]), format_ids([])],
            "tgt_ids": [format_ids([0]), format_ids([1])],
            "tgt_text": ["a", "b"],
            "edit": ["merge", "addition"],
            "flags": [format_flags(["moved"]), format_flags([])],
        }
    )
    path = tmp_path / "links.csv"
    frame.to_csv(path, index=False)
    links = read_links(path)
    assert [parse_ids(v) for v in links["src_ids"]] == [[0, 1], []]
    assert [parse_flags(v) for v in links["flags"]] == [["moved"], []]


@pytest.mark.parametrize(
    "text",
    [
        "",  # empty file
        "src_ids,tgt_ids,tgt_text\n0,0,a\n",  # no edit column
        'src_ids,tgt_ids,tgt_text,edit\n0,0,"unclosed\n',  # broken quoting
    ],
)
def test_read_links_rejects_what_is_not_a_links_table(tmp_path, text: str) -> None:
    path = tmp_path / "links.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_links(path)
    assert "\n" not in str(caught.value)


def test_read_links_rejects_a_missing_or_binary_file(tmp_path) -> None:
    with pytest.raises(InputError):
        read_links(tmp_path / "absent.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81src_ids\n\x00\x9f")
    with pytest.raises(InputError):
        read_links(binary)
