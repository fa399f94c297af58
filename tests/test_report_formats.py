"""Tests of the CSV / Markdown / LaTeX / HTML exports of a table and the console summary."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from html_tags import TagCollector
from links_examples import small_links

from translate_eval.errors import InputError
from translate_eval.report.formats import export_table, format_summary_for_console, latex_escape
from translate_eval.report.summary import edit_summary

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


def test_html_table_escapes_cells_and_has_classes() -> None:
    frame = pd.DataFrame({"<b>col</b>": ["<script>alert(1)</script>", 'x" onclick="y']})
    text = export_table(frame, "html")
    assert "<script" not in text
    parser = TagCollector()
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
