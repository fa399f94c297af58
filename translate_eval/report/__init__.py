"""Reporting: summary tables, their CSV/Markdown/LaTeX/HTML exports and the side-by-side report."""

from translate_eval.report.html import render_report
from translate_eval.report.tables import (
    EDIT_LABELS,
    FLAG_NAMES,
    edit_summary,
    export_table,
    format_summary_for_console,
)

__all__ = [
    "EDIT_LABELS",
    "FLAG_NAMES",
    "edit_summary",
    "export_table",
    "format_summary_for_console",
    "render_report",
]
