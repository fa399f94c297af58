"""The LaTeX of a ``translate-eval report``: booktabs tables sized for a paper (compact systems
and edits tables, examples with wrapped ``p{}`` text columns), Arabic in ``\\textarabic{}``
(polyglossia) or romanised, and optionally a whole compilable document (XeLaTeX)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from translate_eval.links import cell_text
from translate_eval.report.formats import (
    ARABIC_RUN_RE,
    fixed_number,
    latex_escape,
    mostly_arabic,
)
from translate_eval.text.romanize import romanize

#: What a document needs to \\input the tables (``--standalone`` writes it around them).
PREAMBLE = r"""\documentclass[10pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{booktabs}
\usepackage{array}
\usepackage{fontspec}
\usepackage{polyglossia}
\setdefaultlanguage{english}
\setotherlanguage{arabic}
\newfontfamily\arabicfont[Script=Arabic]{Amiri}
\newcolumntype{P}[1]{>{\raggedright\arraybackslash}p{#1}}
\newcolumntype{A}[1]{>{\raggedleft\arraybackslash}p{#1}}
"""


@dataclass(frozen=True)
class LatexColumn:
    """A column of a LaTeX table: its header, its spec (``l``, ``r``, ``P{0.3\\linewidth}``)."""

    name: str
    spec: str


def latex_cell(text: str, *, romanized: bool = False) -> str:
    """One cell: LaTeX specials escaped; a cell that is mostly Arabic goes whole into
    ``\\textarabic{...}`` (right to left, its final stop included), otherwise each Arabic run
    does. With ``romanized`` the Arabic is written in Latin letters instead
    (:func:`~translate_eval.text.romanize.romanize`). Time O(len(text))."""
    escaped = latex_escape(text)
    if romanized:
        return ARABIC_RUN_RE.sub(lambda m: romanize(m.group(0)), escaped)
    if mostly_arabic(text):
        return "\\textarabic{" + escaped + "}"
    return ARABIC_RUN_RE.sub(lambda m: "\\textarabic{" + m.group(0) + "}", escaped)


def booktabs_table(
    rows: Sequence[Sequence[str]],
    columns: Sequence[LatexColumn],
    *,
    caption: str = "",
    label: str = "",
    romanized: bool = False,
) -> str:
    """A ``table`` float holding one booktabs ``tabular``; cells go through :func:`latex_cell`.
    ``caption`` (escaped) and ``label`` (letters, digits, ``:-``) are optional. O(cells)."""
    spec = "".join(column.spec for column in columns)
    lines = ["\\begin{table}[htbp]", "\\centering", "\\small"]
    if caption:
        lines.append("\\caption{" + latex_cell(caption, romanized=romanized) + "}")
    if label:
        lines.append("\\label{" + re.sub(r"[^A-Za-z0-9:-]", "-", label) + "}")
    lines += [f"\\begin{{tabular}}{{{spec}}}", "\\toprule"]
    lines.append(" & ".join(latex_cell(c.name) for c in columns) + r" \\")
    lines.append("\\midrule")
    for row in rows:
        lines.append(" & ".join(latex_cell(cell, romanized=romanized) for cell in row) + r" \\")
    lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}"]
    return "\n".join(lines) + "\n"


def systems_rows(
    table: pd.DataFrame, romanized: bool = False
) -> tuple[list[LatexColumn], list[list[str]]]:
    """The systems table, compact: per metric one ``score [lo, hi]`` column and its ``p``."""
    metrics = [c for c in table.columns if f"{c} lo" in table.columns]
    columns = [LatexColumn("system", "P{0.28\\linewidth}")]
    for metric in metrics:
        columns += [LatexColumn(f"{metric} [95% CI]", "r"), LatexColumn("p", "r")]
    if "segments" in table.columns:
        columns.append(LatexColumn("n", "r"))
    rows = []
    for system, row in table.iterrows():
        cells = [cell_text(system)]
        for metric in metrics:
            score = fixed_number(row[metric], 1)
            low, high = fixed_number(row[f"{metric} lo"], 1), fixed_number(row[f"{metric} hi"], 1)
            cells.append(f"{score} [{low}, {high}]" if low and high else score)
            cells.append(fixed_number(row.get(f"{metric} p"), 3))
        if "segments" in table.columns:
            cells.append(fixed_number(row["segments"], 0))
        rows.append(cells)
    return columns, rows


#: The caption of the compact edits table (its columns are not those of the md/csv table).
EDITS_CAPTION = (
    "Beads per edit type for each run: omission and addition beads with, in brackets, their "
    "Arabic and English words; merges/splits; partial omissions/additions; changed; flags "
    "raised by the checks (numbers, names, negation, moves, attribution, hedging), summed."
)


def edits_rows(
    table: pd.DataFrame, romanized: bool = False
) -> tuple[list[LatexColumn], list[list[str]]]:
    """The documents x edit types table, compact: beads, omissions and additions with their
    words, merges and splits, partial edits, changed, and flags raised (all flags summed)."""
    flag_columns = [c for c in table.columns if c.endswith(("_differ", "_differs")) or c == "moved"]
    columns = [
        LatexColumn("document", "l"),
        LatexColumn("beads", "r"),
        LatexColumn("omitted (words)", "r"),
        LatexColumn("added (words)", "r"),
        LatexColumn("merge/split", "r"),
        LatexColumn("partial om./add.", "r"),
        LatexColumn("changed", "r"),
        LatexColumn("flags", "r"),
    ]

    def count(row: pd.Series, name: str) -> int:
        return int(row[name]) if name in row.index else 0

    rows = []
    for document, row in table.iterrows():
        rows.append(
            [
                cell_text(document),
                str(count(row, "beads")),
                f"{count(row, 'omission')} ({count(row, 'omitted_words')})",
                f"{count(row, 'addition')} ({count(row, 'added_words')})",
                f"{count(row, 'merge')}/{count(row, 'split')}",
                f"{count(row, 'partial_omission')}/{count(row, 'partial_addition')}",
                str(count(row, "changed")),
                str(sum(count(row, name) for name in flag_columns)),
            ]
        )
    return columns, rows


def examples_rows(
    table: pd.DataFrame, romanized: bool = False
) -> tuple[list[LatexColumn], list[list[str]]]:
    """The edit examples: label and bead, the Arabic (ragged left, ``A``; ragged right when
    ``romanized``) and the English wrapped side by side."""
    several = "document" in table.columns
    columns = [LatexColumn("edit", "P{0.12\\linewidth}"), LatexColumn("bead", "r")]
    if several:
        columns.insert(0, LatexColumn("document", "P{0.1\\linewidth}"))
    text_width = "0.3\\linewidth" if several else "0.34\\linewidth"
    columns += [
        LatexColumn("Arabic", f"{'P' if romanized else 'A'}{{{text_width}}}"),
        LatexColumn("English", f"P{{{text_width}}}"),
    ]
    rows = []
    for _, row in table.iterrows():
        cells = [cell_text(row["edit"]).replace("_", " "), cell_text(row["bead"])]
        if several:
            cells.insert(0, cell_text(row["document"]))
        cells += [cell_text(row["src_text"]) or "--", cell_text(row["tgt_text"]) or "--"]
        rows.append(cells)
    return columns, rows


def standalone_document(body: str) -> str:
    """``body`` inside :data:`PREAMBLE` and ``document``: compiles with ``xelatex`` given the
    Amiri font (Debian: fonts-hosny-amiri) and texlive-xetex, texlive-lang-arabic."""
    return PREAMBLE + "\\begin{document}\n" + body.rstrip("\n") + "\n\\end{document}\n"
