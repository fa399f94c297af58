"""Tests of the summary table and its CSV / Markdown / LaTeX / HTML / console renderings."""

from __future__ import annotations

import io
import math
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from translate_eval.errors import InputError
from translate_eval.report.tables import (
    EDIT_LABELS,
    FLAG_NAMES,
    edit_summary,
    export_table,
    format_summary_for_console,
    latex_escape,
    parse_ids,
)


def small_links() -> pd.DataFrame:
    """Six beads whose summary figures are worked out by hand in the tests below."""
    return pd.DataFrame(
        {
            "src_ids": ["0", "1", "", "2 3", "4", "5"],
            "tgt_ids": ["0", "", "1", "2", "3", "4 5"],
            "link": ["1-1", "1-0", "0-1", "2-1", "1-1", "1-2"],
            # Arabic words: 2 + 3 + 0 + 4 + 1 + 2 = 12, of which 3 in the omission bead.
            "src_text": [
                "قال الوزير",
                "ثم غادر المكان",
                "",
                "سقط عشرة قتلى اليوم",
                "جسر",
                "في إدلب",
            ],
            # English words: 2 + 0 + 3 + 3 + 1 + 1 = 10, of which 3 in the addition bead.
            "tgt_text": [
                "The minister",
                "",
                "This was added.",
                "Ten people died",
                "Bridge",
                "Idlib",
            ],
            "mt_text": [
                "the minister said",
                "then he left",
                "",
                "ten killed",
                "bridge",
                "in Idlib",
            ],
            "align_score": [0.9, 0.2, 0.1, 0.8, 0.7, 0.6],
            "chrf": [80.0, np.nan, np.nan, 50.0, 40.0, np.nan],
            "bleu": [30.0, np.nan, np.nan, 10.0, 5.0, np.nan],
            "similarity": [0.9, np.nan, np.nan, 0.8, 0.7, 0.5],
            "edit": ["faithful", "omission", "addition", "merge", "paraphrase", "split"],
            "flags": ["", "", "", "numbers_differ;moved", "names_differ", "moved"],
        }
    )


def test_edit_rows_list_every_label_in_order_with_hand_counted_figures() -> None:
    summary = edit_summary(small_links())
    edit_rows = summary[summary["group"] == "edit"]
    assert list(edit_rows.index) == list(EDIT_LABELS)
    expected_counts = {
        "faithful": 1,
        "paraphrase": 1,
        "omission": 1,
        "addition": 1,
        "merge": 1,
        "split": 1,
        "partial_omission": 0,
        "partial_addition": 0,
        "changed": 0,
    }
    assert edit_rows["count"].to_dict() == expected_counts
    assert edit_rows.loc["merge", "share"] == pytest.approx(1 / 6)
    assert edit_rows.loc["changed", "share"] == 0.0
    assert edit_rows.loc["faithful", "mean_chrf"] == pytest.approx(80.0)
    assert math.isnan(edit_rows.loc["omission", "mean_chrf"])


def test_flag_rows_count_beads_carrying_each_flag() -> None:
    summary = edit_summary(small_links())
    flag_rows = summary[summary["group"] == "flag"]
    assert list(flag_rows.index) == list(FLAG_NAMES)
    assert flag_rows["count"].to_dict() == {
        "numbers_differ": 1,
        "names_differ": 1,
        "negation_differs": 0,
        "moved": 2,
        "attribution_differs": 0,
        "hedging_differs": 0,
    }
    assert flag_rows.loc["moved", "share"] == pytest.approx(2 / 6)
    # moved beads: merge (chrF 50) and split (chrF NaN) -> mean over the one finite value.
    assert flag_rows.loc["moved", "mean_chrf"] == pytest.approx(50.0)


def test_document_figures() -> None:
    summary = edit_summary(small_links())
    assert summary.loc["beads", "count"] == 6
    assert summary.loc["source_sentences", "count"] == 6  # ids 0..5
    assert summary.loc["english_sentences", "count"] == 6  # ids 0..5
    assert summary.loc["source_words_in_omissions", "count"] == 3
    assert summary.loc["source_words_in_omissions", "share"] == pytest.approx(3 / 12)
    assert summary.loc["english_words_in_additions", "count"] == 3
    assert summary.loc["english_words_in_additions", "share"] == pytest.approx(3 / 10)
    # aligned beads: faithful, merge, paraphrase, split; chrF 80, 50, 40 (split has none).
    assert summary.loc["aligned_beads", "count"] == 4
    assert summary.loc["aligned_beads", "mean_chrf"] == pytest.approx((80 + 50 + 40) / 3)


def test_unknown_labels_and_flags_get_their_own_rows_only_when_present() -> None:
    links = small_links()
    assert "unknown_edit" not in edit_summary(links).index
    links.loc[0, "edit"] = "rewritten"
    links.loc[1, "flags"] = "moved;tone_differs"
    summary = edit_summary(links)
    assert summary.loc["unknown_edit", "count"] == 1
    assert summary.loc["faithful", "count"] == 0
    assert summary.loc["unknown_flag", "count"] == 1
    assert summary.loc["moved", "count"] == 3


def test_summary_is_the_same_after_a_csv_round_trip_of_the_links() -> None:
    links = small_links()
    reread = pd.read_csv(io.StringIO(links.to_csv(index=False)))
    # pandas reads "" as NaN and "4" as a number; the summary must not care.
    pd.testing.assert_frame_equal(edit_summary(reread), edit_summary(links))


def test_empty_links_give_zero_counts_and_undefined_shares() -> None:
    empty = small_links().iloc[0:0]
    summary = edit_summary(empty)
    assert (summary["count"] == 0).all()
    assert summary["share"].isna().all()


def test_missing_columns_raise_a_one_line_input_error() -> None:
    with pytest.raises(InputError, match="edit") as caught:
        edit_summary(small_links().drop(columns=["edit"]))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("3 4", (3, 4)),
        ("", ()),
        (np.nan, ()),
        (None, ()),
        (pd.NA, ()),
        (7, (7,)),
        (np.int64(7), (7,)),
        (2.0, (2,)),
        ("1,2", (1, 2)),
    ],
)
def test_parse_ids(cell: object, ids: tuple[int, ...]) -> None:
    assert parse_ids(cell) == ids


@pytest.mark.parametrize("cell", ["three", "1.5", "-1", 2.5, True])
def test_parse_ids_rejects_what_is_not_a_sentence_id(cell: object) -> None:
    with pytest.raises(InputError):
        parse_ids(cell)


# ----------------------------------------------------------------------------- exports


def test_csv_round_trips_through_read_csv() -> None:
    summary = edit_summary(small_links())
    text = export_table(summary, "csv")
    reread = pd.read_csv(io.StringIO(text), index_col="item")
    pd.testing.assert_frame_equal(reread, summary, check_dtype=False)


def test_csv_leaves_out_a_default_index() -> None:
    links = small_links()
    header = export_table(links, "csv").splitlines()[0]
    assert header.split(",") == list(links.columns)


def test_markdown_has_header_row_and_escaped_pipes() -> None:
    frame = pd.DataFrame({"name": ["a | b"], "value": [0.5]})
    lines = export_table(frame, "md").strip().splitlines()
    assert re.fullmatch(r"\|\s*name\s*\|\s*value\s*\|", lines[0])
    assert set(lines[1]) <= set("|:- ")
    assert lines[1].rstrip().endswith(":|")  # numbers right-aligned
    assert "a \\| b" in lines[2]
    assert len(lines) == 3
    # Every line has the same number of unescaped column separators.
    separators = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    assert separators == {3}


def test_markdown_summary_lists_each_item_once() -> None:
    summary = edit_summary(small_links())
    text = export_table(summary, "md")
    assert text.splitlines()[0].split("|")[1].strip() == "item"
    for item in summary.index:
        assert len(re.findall(rf"\|\s*{item}\s*\|", text)) == 1


HOSTILE_CELLS = ["a & b", "50%", "x_1", "#3", "$5", "{x}", "~", "^2", "C:\\dir", "[1] note"]

UNESCAPED_SPECIAL_RE = re.compile(r"(?<!\\)[&%_#$~^]")


def _strip_latex_escapes(text: str) -> str:
    """Remove the escape sequences latex_escape produces, leaving what would be raw LaTeX."""
    for sequence in (
        r"\textbackslash{}",
        r"\textasciitilde{}",
        r"\textasciicircum{}",
        r"\textless{}",
        r"\textgreater{}",
        r"\textbar{}",
        "{[}",
        "{]}",
    ):
        text = text.replace(sequence, " ")
    return re.sub(r"\\[&%$#_{}]", " ", text)


def test_latex_escapes_specials_and_balances_tabular() -> None:
    frame = pd.DataFrame({"cell": HOSTILE_CELLS, "n_items": range(len(HOSTILE_CELLS))})
    text = export_table(frame, "latex")
    assert text.count(r"\begin{tabular}") == 1
    assert text.count(r"\end{tabular}") == 1
    assert text.index(r"\begin{tabular}") < text.index(r"\end{tabular}")
    assert text.startswith(r"\begin{tabular}{lr}")
    for expected in (
        r"a \& b",
        r"50\%",
        r"x\_1",
        r"\#3",
        r"\$5",
        r"\{x\}",
        r"\textasciitilde{}",
        r"\textasciicircum{}2",
        r"C:\textbackslash{}dir",
        r"{[}1{]} note",
        r"n\_items",
    ):
        assert expected in text
    rows = [line[: -len(r"\\")] for line in text.splitlines() if line.endswith(r"\\")]
    assert len(rows) == len(HOSTILE_CELLS) + 1
    for row in rows:
        cells = re.split(r"(?<!\\)&", row)  # the column separators: unescaped "&"
        assert len(cells) == 2
        for cell in cells:
            leftover = _strip_latex_escapes(cell)
            assert not UNESCAPED_SPECIAL_RE.search(leftover), cell
            assert "\\" not in leftover and "{" not in leftover and "}" not in leftover, cell


def test_latex_escape_turns_line_breaks_into_spaces() -> None:
    assert latex_escape("one\ntwo\r\nthree") == "one two three"


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_table_escapes_cells_and_has_classes() -> None:
    frame = pd.DataFrame({"<b>col</b>": ["<script>alert(1)</script>", 'x" onclick="y']})
    text = export_table(frame, "html")
    assert "<script" not in text
    parser = _TagCollector()
    parser.feed(text)
    tag_names = [tag for tag, _ in parser.tags]
    assert tag_names.count("table") == 1
    assert "script" not in tag_names and "b" not in tag_names
    assert all(not name.startswith("on") for _, attrs in parser.tags for name in attrs)
    assert ("table", {"class": "te-table"}) in parser.tags
    assert "<script>alert(1)</script>" in "".join(parser.text)  # shown as text, intact
    assert len([tag for tag in tag_names if tag == "tr"]) == 3


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="csv"):
        export_table(pd.DataFrame({"a": [1]}), "xlsx")  # type: ignore[arg-type]


def test_console_summary_shows_groups_counts_and_percentages() -> None:
    text = format_summary_for_console(edit_summary(small_links()))
    lines = text.splitlines()
    assert "edit labels" in lines and "flags" in lines and "document" in lines
    moved = next(line for line in lines if line.strip().startswith("moved"))
    assert moved.split() == ["moved", "2", "33.3%", "50.0"]
    changed = next(line for line in lines if line.strip().startswith("changed"))
    assert changed.split() == ["changed", "0", "0.0%"]
    aligned = next(line for line in lines if "aligned beads" in line)
    assert aligned.split()[-3:] == ["4", "66.7%", "56.7"]
    assert "\x1b" not in text


def test_console_summary_rejects_other_frames() -> None:
    with pytest.raises(ValueError):
        format_summary_for_console(pd.DataFrame({"a": [1]}))
