"""Text exports of a table (CSV, Markdown, LaTeX, HTML) and the console form of a summary.

Everything here is a pure function of plain pandas data; nothing is read or written on disk.
"""

from __future__ import annotations

import html
import math
import re
from typing import Literal

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.links import cell_text, csv_safe, is_missing
from translate_eval.report.page import esc
from translate_eval.report.summary import DOCUMENT_ROWS, SUMMARY_COLUMNS
from translate_eval.text.clean import reveal_invisible

TableFormat = Literal["csv", "md", "latex", "html"]
TABLE_FORMATS: tuple[str, ...] = ("csv", "md", "latex", "html")
#: Other names of the table formats, as users write them (``--format markdown``).
FORMAT_ALIASES = {"markdown": "md"}


# ----------------------------------------------------------------------------- exports


def _index_is_meaningful(frame: pd.DataFrame) -> bool:
    """False for pandas' default 0..n-1 unnamed index, which exports should leave out."""
    index = frame.index
    if index.name is not None or isinstance(index, pd.MultiIndex):
        return True
    if isinstance(index, pd.RangeIndex):
        return not (index.start == 0 and index.step == 1)
    return True


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _format_column(series: pd.Series, float_decimals: int) -> list[str]:
    """Display text of one column: missing -> "", floats with a fixed number of decimals, or
    as whole numbers when every finite value of the column is whole (counts that became float)."""
    if pd.api.types.is_float_dtype(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
        finite = values[np.isfinite(values)]
        whole = bool(finite.size) and bool(np.all(finite == np.round(finite)))
        return [
            "" if not math.isfinite(v) else (f"{v:.0f}" if whole else f"{v:.{float_decimals}f}")
            for v in values
        ]
    return [cell_text(value) for value in series]


def _display_frame(frame: pd.DataFrame, float_decimals: int) -> tuple[list[str], list[list[str]]]:
    """Header and body as strings, the index (when meaningful) as the first column."""
    columns: list[pd.Series] = []
    headers: list[str] = []
    if _index_is_meaningful(frame):
        index_frame = frame.index.to_frame(index=False)
        for position, name in enumerate(index_frame.columns):
            headers.append("" if name is None or name == position else str(name))
            columns.append(index_frame[name])
    for name in frame.columns:
        headers.append(str(name))
        columns.append(frame[name].reset_index(drop=True))
    formatted = [_format_column(column, float_decimals) for column in columns]
    body = [list(row) for row in zip(*formatted, strict=True)] if formatted else []
    return headers, body


def _numeric_flags(frame: pd.DataFrame) -> list[bool]:
    flags: list[bool] = []
    if _index_is_meaningful(frame):
        index_frame = frame.index.to_frame(index=False)
        flags.extend(_is_numeric(index_frame[name]) for name in index_frame.columns)
    flags.extend(_is_numeric(frame[name]) for name in frame.columns)
    return flags


#: Arabic-script runs (letters, marks, Arabic digits and punctuation, with the spaces inside).
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
ARABIC_RUN_RE = re.compile(f"[{_ARABIC}]+(?:[\\s.,:;!?\"'()0-9-]*[{_ARABIC}]+)*")


def mostly_arabic(text: str) -> bool:
    """True when ``text`` has more Arabic-script characters than Latin letters. O(len)."""
    arabic = sum(len(run) for run in ARABIC_RUN_RE.findall(text))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return arabic > latin


_LATEX_SPECIALS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    # A row starting with "[" would be read as the optional argument of the previous row's \\.
    "[": "{[}",
    "]": "{]}",
}
_LATEX_SPECIALS_RE = re.compile("|".join(re.escape(char) for char in _LATEX_SPECIALS))
_WHITESPACE_RUN_RE = re.compile(r"\s+")


def latex_escape(text: str) -> str:
    """Text safe inside a LaTeX tabular cell: specials escaped in one pass, line breaks -> space,
    invisible marks shown as escapes (:func:`~translate_eval.text.clean.reveal_invisible`).

    Time O(len(text)).
    """
    flat = _WHITESPACE_RUN_RE.sub(" ", reveal_invisible(text))
    return _LATEX_SPECIALS_RE.sub(lambda match: _LATEX_SPECIALS[match.group(0)], flat)


def markdown_escape(text: str) -> str:
    """Text safe inside a Markdown pipe-table cell: line breaks -> space, ``& < >`` as HTML
    entities (no raw HTML reaches the page), ``|`` escaped, invisible marks shown as escapes
    (:func:`~translate_eval.text.clean.reveal_invisible`). Time O(len(text))."""
    flat = _WHITESPACE_RUN_RE.sub(" ", reveal_invisible(text))
    return html.escape(flat, quote=False).replace("|", "\\|")


def _to_markdown(frame: pd.DataFrame, float_decimals: int) -> str:
    headers, body = _display_frame(frame, float_decimals)
    numeric = _numeric_flags(frame)
    text_frame = pd.DataFrame(
        [[markdown_escape(cell) for cell in row] for row in body],
        columns=pd.Index([markdown_escape(h) for h in headers], dtype=object),
        dtype=object,
    )
    # tabulate must not re-parse our formatted numbers; columns are aligned by their source dtype.
    return text_frame.to_markdown(
        index=False,
        tablefmt="pipe",
        disable_numparse=True,
        colalign=["right" if is_num else "left" for is_num in numeric],
    )


def _to_latex(frame: pd.DataFrame, float_decimals: int) -> str:
    headers, body = _display_frame(frame, float_decimals)
    spec = "".join("r" if is_num else "l" for is_num in _numeric_flags(frame)) or "l"
    lines = [f"\\begin{{tabular}}{{{spec}}}", "\\hline"]
    lines.append(" & ".join(latex_escape(h) for h in headers) + r" \\")
    lines.append("\\hline")
    lines.extend(" & ".join(latex_escape(cell) for cell in row) + r" \\" for row in body)
    lines.append("\\hline")
    lines.append("\\end{tabular}")
    return "\n".join(lines) + "\n"


def _to_html(frame: pd.DataFrame, float_decimals: int) -> str:
    headers, body = _display_frame(frame, float_decimals)
    numeric = _numeric_flags(frame)
    row_header = _index_is_meaningful(frame)

    def cell_class(position: int) -> str:
        return "num" if numeric[position] else "text"

    def direction(text: str) -> str:
        return ' dir="rtl" lang="ar"' if mostly_arabic(text) else ' dir="ltr"'

    lines = ['<table class="te-table">', "<thead>", "<tr>"]
    lines.extend(
        f'<th scope="col" class="{cell_class(p)}">{esc(h)}</th>'
        for p, h in enumerate(headers)
    )
    lines.extend(["</tr>", "</thead>", "<tbody>"])
    for row in body:
        cells = []
        for position, cell in enumerate(row):
            tag = "th" if row_header and position == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            escaped = esc(cell)
            attributes = f'{scope} class="{cell_class(position)}"{direction(cell)}'
            cells.append(f"<{tag}{attributes}>{escaped}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines) + "\n"


def export_table(df: pd.DataFrame, fmt: TableFormat, *, float_decimals: int = 3) -> str:
    """Render a table as CSV, Markdown, LaTeX or HTML text.

    The index is written as the first column unless it is pandas' default unnamed 0..n-1 index.
    - ``csv``: full precision, ``\\n`` line ends, reads back with ``pandas.read_csv``; text
      cells starting with ``= + - @`` (or a tab, a carriage return) get a leading ``'`` so
      that a spreadsheet does not run them (:func:`translate_eval.links.csv_safe`).
    - ``md``: a pipe table (pandas ``to_markdown``); ``& < >`` in cells become HTML entities
      and ``|`` is escaped.
    - ``latex``: a plain ``tabular`` (needs no package; Arabic cells need XeLaTeX or LuaLaTeX
      with an Arabic font; ``report --format latex`` uses :mod:`translate_eval.report.latex`
      instead, booktabs with bidi); the specials ``\\ & % $ # _ { } ~ ^ < > |`` are escaped and
      brackets are braced (``{[}``) so that no cell is read as an argument of ``\\\\``.
    - ``html``: ``<table class="te-table">`` with every header and cell HTML-escaped, numeric
      cells in class ``num``, each cell with its ``dir`` (``rtl`` and ``lang="ar"`` for a
      mostly Arabic cell, else ``ltr``), no inline style or script.
    In ``md``, ``latex`` and ``html`` floats show ``float_decimals`` decimals (whole-valued
    float columns show none) and missing values are empty. Line breaks in cells become spaces.

    Time O(cells). Raises :class:`InputError` for an unknown ``fmt``.
    """
    if fmt == "csv":
        return csv_safe(df).to_csv(index=_index_is_meaningful(df), lineterminator="\n")
    if fmt == "md":
        return _to_markdown(df, float_decimals) + "\n"
    if fmt == "latex":
        return _to_latex(df, float_decimals)
    if fmt == "html":
        return _to_html(df, float_decimals)
    raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")


def fixed_number(value: object, decimals: int) -> str:
    """``value`` with ``decimals`` decimals, or "" when it is not a finite number."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return f"{number:.{decimals}f}" if math.isfinite(number) else ""


# ----------------------------------------------------------------------------- console


def format_summary_for_console(summary: pd.DataFrame) -> str:
    """A compact plain-text table of :func:`edit_summary` for the terminal (no colour codes).

    One block per group (edit labels, flags, document figures); shares as percentages,
    chrF with one decimal, empty where not defined. Time O(rows).
    """
    missing = [name for name in SUMMARY_COLUMNS if name not in summary.columns]
    if missing:
        raise ValueError(f"not an edit_summary() table: lacks column(s) {', '.join(missing)}")
    group_titles = {"edit": "edit labels", "flag": "flags", "document": "document"}
    labels = [DOCUMENT_ROWS.get(str(item), str(item)) for item in summary.index]
    name_width = max([len(label) for label in labels] + [len(t) for t in group_titles.values()])
    name_width += 2

    def number_text(value: object, scale: float, decimals: int, suffix: str) -> str:
        text = "" if is_missing(value) else fixed_number(float(value) * scale, decimals)  # type: ignore[arg-type]
        return text + suffix if text else ""

    header = f"{'':<{name_width}}{'count':>7}{'share':>9}{'chrF':>8}"
    lines = [header.rstrip()]
    current_group: str | None = None
    for label, (_, row) in zip(labels, summary.iterrows(), strict=True):
        group = cell_text(row["group"])
        if group != current_group:
            lines.append(group_titles.get(group, group))
            current_group = group
        count = "" if is_missing(row["count"]) else str(int(row["count"]))
        share = number_text(row["share"], 100.0, 1, "%")
        chrf = number_text(row["mean_chrf"], 1.0, 1, "")
        line = f"  {label:<{name_width - 2}}{count:>7}{share:>9}{chrf:>8}"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"
