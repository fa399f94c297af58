"""Reporting: summary tables, their CSV/Markdown/LaTeX/HTML exports and the side-by-side report."""

from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval.report.formats import export_table, format_summary_for_console
from translate_eval.report.render import report_text
from translate_eval.report.side_by_side import render_report
from translate_eval.report.summary import edit_summary

__all__ = [
    "EDIT_LABELS",
    "FLAG_NAMES",
    "edit_summary",
    "export_table",
    "format_summary_for_console",
    "render_report",
    "report_text",
]
