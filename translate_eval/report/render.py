"""The text of a ``translate-eval report``: its tables as Markdown, LaTeX, CSV or one HTML page."""

from __future__ import annotations

import os
from collections.abc import Sequence

from translate_eval.errors import InputError
from translate_eval.report.contents import (
    TABLE_CHOICES,
    TABLE_TITLES,
    ReportTables,
    report_tables,
)
from translate_eval.report.formats import (
    FORMAT_ALIASES,
    TABLE_FORMATS,
    TableFormat,
    export_table,
    markdown_escape,
)
from translate_eval.report.latex import (
    EDITS_CAPTION,
    booktabs_table,
    edits_rows,
    examples_rows,
    standalone_document,
    systems_rows,
)
from translate_eval.report.page import esc, html_page
from translate_eval.report.runs import Run, load_runs
from translate_eval.report.styles import TABLES_STYLE
from translate_eval.report.systems import TestType
from translate_eval.text.clean import reveal_invisible


def _decimals(name: str) -> int:
    return 2 if name == "examples" else 3


def render_tables(
    report: ReportTables,
    fmt: TableFormat,
    runs: Sequence[Run] = (),
    *,
    romanized: bool = False,
    standalone: bool = False,
) -> str:
    """All tables of ``report`` in one text: Markdown with headings, LaTeX booktabs tables
    (:mod:`translate_eval.report.latex`; ``romanized`` Arabic in Latin letters, ``standalone``
    a whole XeLaTeX document), or a self-contained HTML page (escaped, CSP, ``dir`` per cell).
    ``csv`` takes exactly one table. Time O(cells)."""
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    names = [name for name in TABLE_TITLES if name in report.tables or name in report.notes]
    if fmt == "csv":
        return _csv_text(report, names)
    run_line = ", ".join(f"{run.name} (MT {run.system})" for run in runs)
    if fmt == "md":
        return _markdown_text(report, names, run_line)
    if fmt == "latex":
        return _latex_text(
            report, names, run_line, romanized=romanized, standalone=standalone
        )
    return _html_text(report, names, run_line)


def _csv_text(report: ReportTables, names: Sequence[str]) -> str:
    present = [name for name in names if name in report.tables]
    if len(present) != 1:
        raise InputError(
            "a CSV file holds one table: choose it with --table "
            f"({', '.join(TABLE_TITLES)})"
            + (f"; {'; '.join(report.notes.get(names[0], []))}" if not present else "")
        )
    return export_table(report.tables[present[0]], "csv")


def _markdown_text(report: ReportTables, names: Sequence[str], run_line: str) -> str:
    parts = ["# translate_eval report", ""]
    if run_line:  # run names are folder names and signatures: data, escaped like cells
        parts += [f"Runs: {markdown_escape(run_line)}", ""]
    for name in names:
        parts += [f"## {TABLE_TITLES[name]}", ""]
        if name in report.captions:
            parts += [report.captions[name], ""]
        if name in report.tables:
            parts.append(export_table(report.tables[name], "md", float_decimals=_decimals(name)))
        parts += [f"- {markdown_escape(note)}" for note in report.notes.get(name, [])]
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


_LATEX_ROWS = {"systems": systems_rows, "edits": edits_rows, "examples": examples_rows}


def _latex_text(
    report: ReportTables,
    names: Sequence[str],
    run_line: str,
    *,
    romanized: bool = False,
    standalone: bool = False,
) -> str:
    needs = (
        "% needs \\usepackage{booktabs,array}, the column types "
        "\\newcolumntype{P}[1]{>{\\raggedright\\arraybackslash}p{#1}} and "
        "\\newcolumntype{A}[1]{>{\\raggedleft\\arraybackslash}p{#1}}"
        + ("" if romanized else " and, for Arabic, XeLaTeX with polyglossia (\\textarabic)")
        + "; --standalone writes the whole document"
    )
    parts = ["% translate_eval report" + (f"; runs: {run_line}" if run_line else "")]
    if not standalone:
        parts.append(needs)
    for name in names:
        parts.append("")
        parts.append(f"% {TABLE_TITLES[name]}")
        parts += [f"% note: {note}" for note in report.notes.get(name, [])]
        if name in report.tables:
            columns, rows = _LATEX_ROWS[name](report.tables[name], romanized)
            about = EDITS_CAPTION if name == "edits" else report.captions.get(name, "")
            caption = f"{TABLE_TITLES[name]}. {about}".strip()
            parts.append(
                booktabs_table(
                    rows, columns, caption=caption, label=f"tab:te-{name}", romanized=romanized
                ).rstrip("\n")
            )
    text = "\n".join(_latex_comment(line) if line.startswith("%") else line for line in parts)
    text += "\n"
    return standalone_document(text) if standalone else text


def _latex_comment(line: str) -> str:
    """A ``%`` comment line kept on one line: every line break TeX reads (``\\n``, ``\\r``,
    form feed...) made a space, so data in it (run names) never starts a line TeX runs;
    invisible marks shown as escapes. O(len(line))."""
    return " ".join(reveal_invisible(line).split())


def _html_text(report: ReportTables, names: Sequence[str], run_line: str) -> str:
    body = ["<h1>translate_eval report</h1>"]
    if run_line:
        body.append(f'<p dir="auto">Runs: {esc(run_line)}</p>')
    for name in names:
        body.append(f'<section id="{esc(name)}"><h2>{esc(TABLE_TITLES[name])}</h2>')
        if name in report.captions:
            body.append(f'<p class="caption">{esc(report.captions[name])}</p>')
        if name in report.tables:
            body.append(export_table(report.tables[name], "html", float_decimals=_decimals(name)))
        notes = report.notes.get(name, [])
        if notes:
            items = "".join(f'<li dir="auto">{esc(note)}</li>' for note in notes)
            body.append(f'<ul class="notes">{items}</ul>')
        body.append("</section>")
    return html_page("translate_eval report", body, style=TABLES_STYLE)


def report_text(
    run_dirs: Sequence[str | os.PathLike[str]],
    fmt: TableFormat = "md",
    *,
    table: str = "all",
    test: TestType = "bs",
    n_samples: int = 0,
    per_label: int = 2,
    max_chars: int = 160,
    romanized: bool = False,
    standalone: bool = False,
) -> str:
    """What ``translate-eval report RUN_DIR... --format FMT [--table T]`` prints.

    ``table``: ``all`` (every table; not for ``csv``) or one of :data:`TABLE_TITLES`.
    ``romanized`` and ``standalone`` apply to ``latex`` only (see :func:`render_tables`).
    Raises :class:`InputError` for a bad folder, format, table, or a LaTeX option given for
    another format. ``fmt`` may also be an alias of :data:`FORMAT_ALIASES` (``markdown``).
    """
    fmt = FORMAT_ALIASES.get(fmt, fmt)  # type: ignore[assignment]
    if (romanized or standalone) and fmt != "latex":
        raise InputError("--romanize and --standalone apply to --format latex only")
    if table not in TABLE_CHOICES:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLE_CHOICES)}")
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    if fmt == "csv" and table == "all":
        raise InputError(f"a CSV file holds one table: add --table {' or '.join(TABLE_TITLES)}")
    runs = load_runs(run_dirs)
    which = tuple(TABLE_TITLES) if table == "all" else (table,)
    report = report_tables(
        runs,
        which=which,
        test=test,
        n_samples=n_samples,
        per_label=per_label,
        max_chars=max_chars,
    )
    return render_tables(report, fmt, runs, romanized=romanized, standalone=standalone)
