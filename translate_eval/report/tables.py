"""Summary tables of a comparison (edit labels, flags, document figures) and their text exports.

Everything here is a pure function of plain pandas data; nothing is read or written on disk.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.labels import EDIT_LABELS, FLAG_NAMES

# Document-level rows of :func:`edit_summary`, in order, with the words the console uses for them.
DOCUMENT_ROWS: dict[str, str] = {
    "beads": "beads",
    "source_sentences": "source sentences",
    "english_sentences": "English sentences",
    "aligned_beads": "aligned beads (both sides)",
    "source_words_in_omissions": "source words in omissions",
    "english_words_in_additions": "English words in additions",
}

UNKNOWN_EDIT = "unknown_edit"
UNKNOWN_FLAG = "unknown_flag"

SUMMARY_COLUMNS: tuple[str, ...] = ("group", "count", "share", "mean_chrf")
LINKS_COLUMNS_NEEDED: tuple[str, ...] = (
    "src_ids",
    "tgt_ids",
    "src_text",
    "tgt_text",
    "chrf",
    "edit",
    "flags",
)

TableFormat = Literal["csv", "md", "latex", "html"]
TABLE_FORMATS: tuple[str, ...] = ("csv", "md", "latex", "html")


# ----------------------------------------------------------------------------- cell parsing


def _is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA (scalars only)."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: object) -> str:
    """A text cell as a string: missing values (NaN from an empty CSV field) become ``""``."""
    return "" if _is_missing(value) else str(value)


def parse_ids(value: object) -> tuple[int, ...]:
    """Sentence ids of one ``src_ids``/``tgt_ids`` cell: ``"3 4"`` -> (3, 4); ``""``/NaN -> ().

    Also accepts what pandas makes of such a column after a CSV round trip (an int, or a float
    such as ``3.0`` when the column has empty cells). Raises :class:`InputError` on other text.
    """
    if _is_missing(value):
        return ()
    if isinstance(value, bool):
        raise InputError(f"sentence ids must be numbers like '3 4', got {value!r}")
    if isinstance(value, int | np.integer | float | np.floating):
        tokens = [str(value)]
    else:
        tokens = str(value).replace(",", " ").split()
    ids: list[int] = []
    for token in tokens:
        try:
            number = float(token)
        except ValueError:
            number = math.nan
        if not number.is_integer() or number < 0:
            raise InputError(f"sentence ids must be whole numbers >= 0 like '3 4', got {value!r}")
        ids.append(int(number))
    return tuple(ids)


def parse_flags(value: object) -> tuple[str, ...]:
    """Flags of one ``flags`` cell: ``"moved;names_differ"`` -> ("moved", "names_differ")."""
    return tuple(part.strip() for part in cell_text(value).split(";") if part.strip())


def _word_count(value: object) -> int:
    return len(cell_text(value).split())


# ----------------------------------------------------------------------------- summary


def _require_columns(frame: pd.DataFrame, needed: Iterable[str], what: str) -> None:
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise InputError(
            f"{what} lacks column(s) {', '.join(missing)}; "
            f"expected the columns of links.csv ({', '.join(LINKS_COLUMNS_NEEDED)})"
        )


def _mean_finite(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else math.nan


def _share(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def edit_summary(links: pd.DataFrame) -> pd.DataFrame:
    """Count edit labels and flags over the beads of one comparison, plus document figures.

    Returns one row per item, indexed by ``item``, with columns ``group`` (``edit``, ``flag`` or
    ``document``), ``count``, ``share`` and ``mean_chrf``. Rows, in this fixed order:

    - ``edit``: every label of :data:`EDIT_LABELS` (zeros included), then ``unknown_edit`` only
      when some bead carries a label outside that set. ``count`` = beads with the label,
      ``share`` = count / beads, ``mean_chrf`` = mean chrF of those beads (NaN chrF ignored).
    - ``flag``: every flag of :data:`FLAG_NAMES`, then ``unknown_flag`` only when present;
      ``count`` = beads carrying the flag, ``share`` and ``mean_chrf`` as above.
    - ``document`` (see :data:`DOCUMENT_ROWS`): ``beads``; ``source_sentences`` and
      ``english_sentences`` (distinct ids); ``aligned_beads`` (beads with sentences on both
      sides; ``mean_chrf`` is the document's mean chrF over them); ``source_words_in_omissions``
      (words of the Arabic text of ``omission`` beads, ``share`` of all Arabic words) and
      ``english_words_in_additions`` (likewise for ``addition`` beads and English words).
      Words are whitespace-separated tokens. Shares of an empty whole are NaN.

    Time O(total text length + beads); memory O(beads).
    """
    _require_columns(links, LINKS_COLUMNS_NEEDED, "the links table")
    bead_count = len(links)
    edits = np.array([cell_text(v).strip() for v in links["edit"]], dtype=object)
    flags_per_bead = [set(parse_flags(v)) for v in links["flags"]]
    chrf = pd.to_numeric(links["chrf"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    src_ids = [parse_ids(v) for v in links["src_ids"]]
    tgt_ids = [parse_ids(v) for v in links["tgt_ids"]]
    src_words = np.array([_word_count(v) for v in links["src_text"]], dtype=np.int64)
    tgt_words = np.array([_word_count(v) for v in links["tgt_text"]], dtype=np.int64)

    rows: list[tuple[str, str, int, float, float]] = []

    def add_mask_row(item: str, group: str, mask: np.ndarray) -> None:
        count = int(mask.sum())
        rows.append((item, group, count, _share(count, bead_count), _mean_finite(chrf[mask])))

    known_edits = set(EDIT_LABELS)
    for label in EDIT_LABELS:
        add_mask_row(label, "edit", edits == label)
    unknown_edit_mask = np.array([label not in known_edits for label in edits], dtype=bool)
    if unknown_edit_mask.any():
        add_mask_row(UNKNOWN_EDIT, "edit", unknown_edit_mask)

    known_flags = set(FLAG_NAMES)
    for flag in FLAG_NAMES:
        add_mask_row(flag, "flag", np.array([flag in f for f in flags_per_bead], dtype=bool))
    unknown_flag_mask = np.array([bool(f - known_flags) for f in flags_per_bead], dtype=bool)
    if unknown_flag_mask.any():
        add_mask_row(UNKNOWN_FLAG, "flag", unknown_flag_mask)

    aligned_mask = np.array(
        [bool(s) and bool(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    omitted_words = int(src_words[edits == "omission"].sum())
    added_words = int(tgt_words[edits == "addition"].sum())
    total_src_words = int(src_words.sum())
    total_tgt_words = int(tgt_words.sum())
    src_sentences = len({i for ids in src_ids for i in ids})
    tgt_sentences = len({i for ids in tgt_ids for i in ids})
    nan = math.nan
    rows.append(("beads", "document", bead_count, nan, nan))
    rows.append(("source_sentences", "document", src_sentences, nan, nan))
    rows.append(("english_sentences", "document", tgt_sentences, nan, nan))
    add_mask_row("aligned_beads", "document", aligned_mask)
    rows.append(
        (
            "source_words_in_omissions",
            "document",
            omitted_words,
            _share(omitted_words, total_src_words),
            nan,
        )
    )
    rows.append(
        (
            "english_words_in_additions",
            "document",
            added_words,
            _share(added_words, total_tgt_words),
            nan,
        )
    )

    summary = pd.DataFrame.from_records(rows, columns=["item", *SUMMARY_COLUMNS])
    summary = summary.set_index("item")
    summary["count"] = summary["count"].astype(np.int64)
    summary["share"] = summary["share"].astype(float)
    summary["mean_chrf"] = summary["mean_chrf"].astype(float)
    return summary


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
    """Text safe inside a LaTeX tabular cell: specials escaped in one pass, line breaks -> space.

    Time O(len(text)).
    """
    flat = _WHITESPACE_RUN_RE.sub(" ", text)
    return _LATEX_SPECIALS_RE.sub(lambda match: _LATEX_SPECIALS[match.group(0)], flat)


def _markdown_escape(text: str) -> str:
    return _WHITESPACE_RUN_RE.sub(" ", text).replace("|", "\\|")


def _to_markdown(frame: pd.DataFrame, float_decimals: int) -> str:
    headers, body = _display_frame(frame, float_decimals)
    numeric = _numeric_flags(frame)
    text_frame = pd.DataFrame(
        [[_markdown_escape(cell) for cell in row] for row in body],
        columns=pd.Index([_markdown_escape(h) for h in headers], dtype=object),
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

    lines = ['<table class="te-table">', "<thead>", "<tr>"]
    lines.extend(
        f'<th scope="col" class="{cell_class(p)}">{html.escape(h, quote=True)}</th>'
        for p, h in enumerate(headers)
    )
    lines.extend(["</tr>", "</thead>", "<tbody>"])
    for row in body:
        cells = []
        for position, cell in enumerate(row):
            tag = "th" if row_header and position == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            escaped = html.escape(cell, quote=True)
            cells.append(f'<{tag}{scope} class="{cell_class(position)}">{escaped}</{tag}>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines) + "\n"


def export_table(df: pd.DataFrame, fmt: TableFormat, *, float_decimals: int = 3) -> str:
    """Render a table as CSV, Markdown, LaTeX or HTML text.

    The index is written as the first column unless it is pandas' default unnamed 0..n-1 index.
    - ``csv``: full precision, ``\\n`` line ends, reads back with ``pandas.read_csv``.
    - ``md``: a pipe table (pandas ``to_markdown``); ``|`` in cells is escaped.
    - ``latex``: a plain ``tabular`` (needs no package; Arabic cells need XeLaTeX or LuaLaTeX
      with an Arabic font); the specials ``\\ & % $ # _ { } ~ ^ < > |`` are escaped and
      brackets are braced (``{[}``) so that no cell is read as an argument of ``\\\\``.
    - ``html``: ``<table class="te-table">`` with every header and cell HTML-escaped, numeric
      cells in class ``num``, no inline style or script.
    In ``md``, ``latex`` and ``html`` floats show ``float_decimals`` decimals (whole-valued
    float columns show none) and missing values are empty. Line breaks in cells become spaces.

    Time O(cells). Raises :class:`InputError` for an unknown ``fmt``.
    """
    if fmt == "csv":
        return df.to_csv(index=_index_is_meaningful(df), lineterminator="\n")
    if fmt == "md":
        return _to_markdown(df, float_decimals) + "\n"
    if fmt == "latex":
        return _to_latex(df, float_decimals)
    if fmt == "html":
        return _to_html(df, float_decimals)
    raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")


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
        if _is_missing(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
            return ""
        return f"{float(value) * scale:.{decimals}f}{suffix}"  # type: ignore[arg-type]

    header = f"{'':<{name_width}}{'count':>7}{'share':>9}{'chrF':>8}"
    lines = [header.rstrip()]
    current_group: str | None = None
    for label, (_, row) in zip(labels, summary.iterrows(), strict=True):
        group = cell_text(row["group"])
        if group != current_group:
            lines.append(group_titles.get(group, group))
            current_group = group
        count = "" if _is_missing(row["count"]) else str(int(row["count"]))
        share = number_text(row["share"], 100.0, 1, "%")
        chrf = number_text(row["mean_chrf"], 1.0, 1, "")
        line = f"  {label:<{name_width - 2}}{count:>7}{share:>9}{chrf:>8}"
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"
