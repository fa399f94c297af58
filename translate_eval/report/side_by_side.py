"""The side-by-side HTML report of one comparison: a single self-contained, script-safe HTML5 page.

Every piece of input text is escaped; the only script is a constant filter, allowed by its hash.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from translate_eval.links import (
    EDIT_LABELS,
    FLAG_NAMES,
    cell_text,
    format_ids,
    parse_flags,
    parse_ids,
)
from translate_eval.report.formats import export_table
from translate_eval.report.page import esc, html_page
from translate_eval.report.plots import MISSING_MATPLOTLIB_NOTE, report_plots
from translate_eval.report.styles import LABEL_COLOURS, REPORT_STYLE, UNKNOWN_LABEL
from translate_eval.report.summary import edit_summary
from translate_eval.report.worddiff import diff_words, marked_html

# What each edit label means, shown in the legend (static text, never user input).
EDIT_DESCRIPTIONS: dict[str, str] = {
    "faithful": "a close translation of the Arabic",
    "paraphrase": "the same meaning in other words",
    "omission": "Arabic with no English counterpart",
    "addition": "English with no Arabic source",
    "merge": "several Arabic sentences in one English sentence",
    "split": "one Arabic sentence over several English sentences",
    "partial_omission": "part of the Arabic left out",
    "partial_addition": "the English adds to the Arabic",
    "changed": "the meaning differs",
    UNKNOWN_LABEL: "a label this report does not know",
}

FLAG_DESCRIPTIONS: dict[str, str] = {
    "numbers_differ": "the numbers differ",
    "names_differ": "the names differ",
    "negation_differs": "one side is negated, the other not",
    "moved": "the English counterpart stands elsewhere",
    "attribution_differs": "a claim is attributed to sources on one side only",
    "hedging_differs": "hedged on one side only, or a number qualified differently",
}

# The only script: shows or hides rows by their data-edit attribute. No input text ever enters it.
_SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.bead"));
  var counter = document.getElementById("shown-count");
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute("data-filter")] = box.checked; });
    var visible = 0;
    rows.forEach(function (row) {
      var show = shown[row.getAttribute("data-edit")] === true;
      row.hidden = !show;
      if (show) { visible += 1; }
    });
    if (counter) { counter.textContent = String(visible); }
  }
  function setAll(value) {
    boxes.forEach(function (box) { box.checked = value; });
    apply();
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  var all = document.getElementById("filter-all");
  var none = document.getElementById("filter-none");
  if (all) { all.addEventListener("click", function () { setAll(true); }); }
  if (none) { none.addEventListener("click", function () { setAll(false); }); }
  apply();
})();
"""

_PAGE_META = {
    "referrer": "no-referrer",
    "viewport": "width=device-width, initial-scale=1",
    "generator": "translate_eval",
}


def safe_label(value: object) -> str:
    """The edit label for class names and data attributes: a known label, else ``unknown``."""
    label = cell_text(value).strip()
    return label if label in EDIT_LABELS else UNKNOWN_LABEL


def _number(value: object, decimals: int) -> str:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    return f"{number:.{decimals}f}" if math.isfinite(number) else ""


def _text_cell(
    value: object,
    css_class: str,
    direction: str,
    lang: str,
    pieces: list[tuple[str, bool]] | None = None,
) -> str:
    text = cell_text(value)
    if not text.strip():
        inner = '<span class="empty">—</span>'
    elif pieces is not None:
        inner = marked_html(pieces)
    else:
        inner = esc(text)
    return f'<td class="text-cell {css_class}" dir="{direction}" lang="{lang}">{inner}</td>'


def _flags_cell(value: object) -> str:
    spans = []
    for flag in parse_flags(value):
        known = flag in FLAG_NAMES
        css = f"flag flag-{flag}" if known else "flag flag-unknown"
        title = f' title="{esc(FLAG_DESCRIPTIONS[flag])}"' if known else ""
        spans.append(f'<span class="{css}"{title}>{esc(flag)}</span>')
    return f'<td class="flags">{" ".join(spans)}</td>'


def _column(links: pd.DataFrame, name: str) -> list[object]:
    """A column's values, or empty cells when the links table lacks that optional column."""
    return list(links[name]) if name in links.columns else [None] * len(links)


def _bead_rows(links: pd.DataFrame) -> list[str]:
    rows: list[str] = []
    records = zip(
        _column(links, "src_ids"),
        _column(links, "tgt_ids"),
        _column(links, "link"),
        _column(links, "src_text"),
        _column(links, "tgt_text"),
        _column(links, "mt_text"),
        _column(links, "edit"),
        _column(links, "flags"),
        _column(links, "align_score"),
        _column(links, "chrf"),
        _column(links, "bleu"),
        _column(links, "similarity"),
        strict=True,
    )
    for number, record in enumerate(records):
        src_ids, tgt_ids, link, src, tgt, mt, edit, flags, align, chrf, bleu, sim = record
        label = safe_label(edit)
        src_list = parse_ids(src_ids)
        tgt_list = parse_ids(tgt_ids)
        shape = cell_text(link).strip() or f"{len(src_list)}-{len(tgt_list)}"
        ids_text = f"{format_ids(src_list) or '∅'} → {format_ids(tgt_list) or '∅'}"
        edit_text = cell_text(edit).strip() or "(none)"
        tgt_pieces = mt_pieces = None
        if cell_text(tgt).strip() and cell_text(mt).strip():
            tgt_pieces, mt_pieces = diff_words(cell_text(tgt), cell_text(mt))
        cells = [
            f'<td class="num n">{number}</td>',
            f'<td class="link"><span class="shape">{esc(shape)}</span>'
            f'<span class="ids">{esc(ids_text)}</span></td>',
            _text_cell(src, "src", "rtl", "ar"),
            _text_cell(tgt, "tgt", "ltr", "en", tgt_pieces),
            _text_cell(mt, "mt", "ltr", "en", mt_pieces),
            f'<td class="edit"><span class="badge edit-{label}">{esc(edit_text)}</span></td>',
            _flags_cell(flags),
            f'<td class="num">{_number(align, 3)}</td>',
            f'<td class="num">{_number(chrf, 1)}</td>',
            f'<td class="num">{_number(bleu, 1)}</td>',
            f'<td class="num">{_number(sim, 3)}</td>',
        ]
        rows.append(
            f'<tr class="bead edit-{label}" data-edit="{label}" id="bead-{number}">'
            + "".join(cells)
            + "</tr>"
        )
    return rows


def _definition_list(items: Mapping[str, object], css_class: str) -> str:
    parts = [f'<dl class="{css_class}">']
    for key, value in items.items():
        parts.append(f'<dt>{esc(key)}</dt><dd dir="auto">{esc(value)}</dd>')
    parts.append("</dl>")
    return "".join(parts)


def _filters(links: pd.DataFrame) -> str:
    labels = [safe_label(v) for v in _column(links, "edit")]
    shown = list(EDIT_LABELS) + ([UNKNOWN_LABEL] if UNKNOWN_LABEL in labels else [])
    parts = [
        '<fieldset class="filters"><legend>Edit types (colour legend; untick to hide rows)</legend>'
    ]
    for label in shown:
        count = labels.count(label)
        parts.append(
            f'<label><input type="checkbox" data-filter="{label}" checked> '
            f'<span class="badge edit-{label}">{esc(label)}</span> ({count}) '
            f'<span class="desc">{esc(EDIT_DESCRIPTIONS[label])}</span></label>'
        )
    parts.append(
        '<div><span id="shown-count">' + str(len(labels)) + "</span> of "
        f"{len(labels)} beads shown"
        '<button type="button" id="filter-all">show all</button>'
        '<button type="button" id="filter-none">hide all</button></div>'
    )
    parts.append("</fieldset>")
    return "".join(parts)


_SIDE_BY_SIDE_HEAD = (
    '<table class="side-by-side">'
    '<colgroup><col class="c-n"><col class="c-link"><col class="c-src"><col class="c-tgt">'
    '<col class="c-mt"><col class="c-edit"><col class="c-flags"><col class="c-score">'
    '<col class="c-score"><col class="c-score"><col class="c-score"></colgroup>'
    "<thead><tr>"
    '<th scope="col">#</th><th scope="col">link</th>'
    '<th scope="col">Arabic source</th>'
    '<th scope="col">English (published)</th>'
    '<th scope="col">machine translation</th>'
    '<th scope="col">edit</th><th scope="col">flags</th>'
    '<th scope="col" title="alignment score, 0-1">align</th>'
    '<th scope="col" title="chrF of the English against the MT, 0-100">chrF</th>'
    '<th scope="col" title="sentence BLEU, 0-100">BLEU</th>'
    '<th scope="col" title="cosine similarity of sentence embeddings">sim.</th>'
    "</tr></thead>"
)


def _plots_section(links: pd.DataFrame) -> str:
    """Inline SVG figures, or a visible note when matplotlib is not installed."""
    colours = {label: border for label, (_, border) in LABEL_COLOURS.items()}
    figures = report_plots(links, colours)
    parts = ['<section class="plots"><h2>Plots</h2>']
    if not figures:
        parts.append(f'<p class="plot-note" id="plots-missing">{esc(MISSING_MATPLOTLIB_NOTE)}</p>')
    for figure in figures:
        parts.append(
            f'<figure class="plot" id="plot-{esc(figure.name)}">{figure.svg}'
            f"<figcaption>{esc(figure.caption)}</figcaption></figure>"
        )
    parts.append("</section>")
    return "".join(parts)


_DIFF_NOTE = (
    '<p class="diff-note">Highlighted words (<mark class="wd">like this</mark>) in the English '
    "and the machine translation have no counterpart in the other: a word-level difference, "
    "case and punctuation ignored.</p>"
)


def _warnings_section(warnings: Sequence[str]) -> str:
    """A visible, escaped list of the run's warnings ("" when there are none)."""
    items = [f'<li dir="auto">{esc(cell_text(w))}</li>' for w in warnings if str(w).strip()]
    if not items:
        return ""
    return (
        '<section class="warnings" id="warnings"><h2>Warnings</h2><ul>'
        + "".join(items)
        + "</ul></section>"
    )


def render_report(
    links: pd.DataFrame,
    signature: Mapping[str, str],
    meta: Mapping[str, str],
    *,
    plots: bool = True,
    warnings: Sequence[str] = (),
) -> str:
    """One self-contained HTML5 page: metadata, summary, side-by-side beads, run signature.

    ``links`` has the columns of links.csv (``src_ids``, ``tgt_ids``, ``src_text``, ``tgt_text``,
    ``chrf``, ``edit`` and ``flags`` are required; ``link``, ``mt_text``, ``align_score``,
    ``bleu`` and ``similarity`` are shown when present). ``meta["title"]`` (if any) heads the
    page; every other meta item is listed under it. ``signature`` is listed at the foot.
    With ``plots`` the summary is followed by inline SVG plots (edit-label counts, alignment
    score and chrF histograms) when matplotlib is installed, else by a visible note saying how
    to get them. In each bead, words of the English and of the MT that have no counterpart in
    the other are highlighted (:func:`diff_words`). ``warnings`` (what the run degraded or
    doubts, e.g. low alignment confidence) are listed under the header, before the summary.

    Safety: every input string (texts, ids, labels, flags, meta and signature keys and values)
    goes through ``html.escape(quote=True)``; class names and ``data-edit`` use only known edit
    labels (others become ``unknown``); the page's only script is a constant, and a
    Content-Security-Policy lets nothing load and nothing run but that script and the page's
    own stylesheet (by SHA-256 hash), so even markup that slipped through could not execute.

    Time O(beads + total text length; word differences O(n x m) words per bead in the worst
    case). Raises :class:`InputError` for a malformed links table.
    """
    summary = edit_summary(links)  # also checks the required columns
    title = cell_text(meta.get("title", "")).strip() or "translate_eval comparison"
    other_meta = {key: value for key, value in meta.items() if key != "title"}
    body = [
        "<header>",
        f'<h1 dir="auto">{esc(title)}</h1>',
        _definition_list(other_meta, "meta") if other_meta else "",
        "</header>",
        _warnings_section(warnings),
        "<main>",
        '<section class="summary"><h2>Summary</h2>',
        export_table(summary, "html"),
        "</section>",
        _plots_section(links) if plots else "",
        '<section class="beads"><h2>Side by side</h2>',
        _filters(links),
        _DIFF_NOTE,
        _SIDE_BY_SIDE_HEAD,
        "<tbody>",
        *_bead_rows(links),
        "</tbody></table>",
        "</section>",
        "</main>",
        "<footer><h2>Run signature</h2>",
        _definition_list(signature, "signature"),
        "</footer>",
    ]
    return html_page(
        title,
        body,
        style=REPORT_STYLE,
        script=_SCRIPT,
        no_forms=True,
        direction="ltr",
        meta=_PAGE_META,
    )
