"""The side-by-side HTML report of one comparison: a single self-contained, script-safe HTML5 page.

Every piece of input text is escaped; the only script is a constant filter, allowed by its hash.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd

from translate_eval.report.tables import (
    EDIT_LABELS,
    FLAG_NAMES,
    cell_text,
    edit_summary,
    export_table,
    parse_flags,
    parse_ids,
)

UNKNOWN_LABEL = "unknown"

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

# Row colours by edit label (light backgrounds; the badge uses a darker border of the same hue).
_LABEL_COLOURS: dict[str, tuple[str, str]] = {
    "faithful": ("#e8f5e9", "#2e7d32"),
    "paraphrase": ("#f9fbe7", "#827717"),
    "omission": ("#ffebee", "#c62828"),
    "addition": ("#e3f2fd", "#1565c0"),
    "merge": ("#ede7f6", "#4527a0"),
    "split": ("#f3e5f5", "#6a1b9a"),
    "partial_omission": ("#fff3e0", "#e65100"),
    "partial_addition": ("#e0f7fa", "#00838f"),
    "changed": ("#fce4ec", "#ad1457"),
    UNKNOWN_LABEL: ("#eeeeee", "#424242"),
}


def _build_style() -> str:
    rules = [
        "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#212121;line-height:1.4}",
        "section.warnings{background:#fff8e1;border-left:4px solid #f9a825;padding:.25rem 1rem}",
        "h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}",
        "dl.meta,dl.signature{display:grid;grid-template-columns:max-content 1fr;"
        "gap:.15rem 1rem;margin:0}",
        "dl.meta dt,dl.signature dt{font-weight:600}dl.meta dd,dl.signature dd{margin:0}",
        "dl.signature dd{font-family:ui-monospace,monospace;font-size:.85rem;"
        "overflow-wrap:anywhere}",
        "table{border-collapse:collapse}",
        "table.te-table td,table.te-table th{border:1px solid #ddd;padding:.2rem .5rem}",
        "table.te-table .num{text-align:right;font-variant-numeric:tabular-nums}",
        "table.te-table .text{text-align:left}",
        "fieldset.filters{border:1px solid #ccc;margin:1rem 0;padding:.5rem .75rem}",
        "fieldset.filters label{display:inline-block;margin:.2rem .6rem .2rem 0}",
        "fieldset.filters .desc{color:#616161;font-size:.85rem}",
        "fieldset.filters button{margin-left:.5rem}",
        "table.side-by-side{width:100%;table-layout:fixed;margin-top:.5rem}",
        "table.side-by-side th,table.side-by-side td{border:1px solid #ddd;padding:.3rem .45rem;"
        "vertical-align:top}",
        "table.side-by-side thead th{position:sticky;top:0;background:#fafafa}",
        "table.side-by-side col.c-n{width:3rem}table.side-by-side col.c-link{width:6.5rem}",
        "table.side-by-side col.c-edit{width:8rem}table.side-by-side col.c-flags{width:8rem}",
        "table.side-by-side col.c-score{width:4.2rem}",
        "td.text-cell{white-space:pre-wrap;overflow-wrap:anywhere}",
        "td.src{font-size:1.08rem;text-align:right}",
        "td.mt{color:#455a64;font-style:italic}",
        "td.num{text-align:right;font-variant-numeric:tabular-nums}",
        "td.link .ids{display:block;color:#757575;font-size:.8rem}",
        ".empty{color:#9e9e9e}",
        ".badge{display:inline-block;border:1px solid;border-radius:.6rem;padding:0 .45rem;"
        "font-size:.85rem;background:#fff}",
        ".flag{display:inline-block;border-radius:.3rem;padding:0 .3rem;margin:0 .15rem .15rem 0;"
        "font-size:.8rem;background:#fff8e1;border:1px solid #ffb300}",
        "tr.bead[hidden]{display:none}",
        "mark.wd{background:#fff176;color:inherit;border-radius:.15rem;padding:0 .05rem}",
        "p.diff-note,p.plot-note{color:#616161;font-size:.85rem;margin:.25rem 0}",
        "section.plots{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}",
        "section.plots h2{flex-basis:100%}",
        "figure.plot{margin:0;max-width:100%}",
        "figure.plot figcaption{font-size:.85rem;color:#616161}",
        "svg.plot-svg{max-width:100%;height:auto}",
        "footer{margin-top:2rem;border-top:1px solid #ddd;padding-top:.75rem}",
    ]
    for label, (background, border) in _LABEL_COLOURS.items():
        rules.append(f"tr.edit-{label} td{{background:{background}}}")
        rules.append(f".badge.edit-{label}{{border-color:{border};color:{border}}}")
    return "\n".join(rules)


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

_STYLE = _build_style()


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Nothing may load; only our own <style> and <script> element (by hash) may apply or run.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"style-src {_csp_hash(_STYLE)}; "
    f"script-src {_csp_hash(_SCRIPT)}; "
    "base-uri 'none'; form-action 'none'"
)


def _esc(value: object) -> str:
    """Any value as escaped HTML text (also safe inside a double- or single-quoted attribute)."""
    return html.escape(cell_text(value), quote=True)


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


_WHITESPACE_SPLIT_RE = re.compile(r"(\s+)")


def _word_key(word: str) -> str:
    """A word as compared: case-folded, letters and digits only (punctuation ignored)."""
    return "".join(ch for ch in word.casefold() if unicodedata.category(ch)[0] in "LN")


def diff_words(text: str, other: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Word-level difference of two texts, for highlighting.

    Returns, for each text, its pieces in order (words and the whitespace between them, so that
    joining the pieces gives the text back exactly) with a flag that is True for a word that has
    no counterpart in the other text. Words are compared case-folded with punctuation ignored;
    pieces that are only punctuation or whitespace are never flagged. Uses difflib's
    SequenceMatcher on the word keys (no junk heuristic): time O(n x m) worst case for n and m
    words, near-linear on similar texts.
    """
    pieces = [_WHITESPACE_SPLIT_RE.split(text), _WHITESPACE_SPLIT_RE.split(other)]
    keyed = [[(i, _word_key(p)) for i, p in enumerate(side) if _word_key(p)] for side in pieces]
    matcher = difflib.SequenceMatcher(
        None, [k for _, k in keyed[0]], [k for _, k in keyed[1]], autojunk=False
    )
    flagged: list[set[int]] = [set(), set()]
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        flagged[0].update(keyed[0][k][0] for k in range(a_start, a_end))
        flagged[1].update(keyed[1][k][0] for k in range(b_start, b_end))
    first, second = (
        [(piece, i in flags) for i, piece in enumerate(side) if piece]
        for side, flags in zip(pieces, flagged, strict=True)
    )
    return first, second


def _marked_html(pieces: list[tuple[str, bool]]) -> str:
    """Escaped text with runs of flagged words (and the spaces inside a run) in one <mark>."""
    out: list[str] = []
    run: list[str] = []
    pending_space = ""
    for piece, flagged in pieces:
        if flagged:
            if run:
                run.append(pending_space)
            elif pending_space:
                out.append(html.escape(pending_space, quote=True))
            run.append(piece)
            pending_space = ""
        elif not piece.strip():
            pending_space += piece
        else:
            if run:
                out.append('<mark class="wd">' + html.escape("".join(run), quote=True) + "</mark>")
                run = []
            out.append(html.escape(pending_space + piece, quote=True))
            pending_space = ""
    if run:
        out.append('<mark class="wd">' + html.escape("".join(run), quote=True) + "</mark>")
    out.append(html.escape(pending_space, quote=True))
    return "".join(out)


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
        inner = _marked_html(pieces)
    else:
        inner = _esc(text)
    return f'<td class="text-cell {css_class}" dir="{direction}" lang="{lang}">{inner}</td>'


def _flags_cell(value: object) -> str:
    spans = []
    for flag in parse_flags(value):
        known = flag in FLAG_NAMES
        css = f"flag flag-{flag}" if known else "flag flag-unknown"
        title = f' title="{_esc(FLAG_DESCRIPTIONS[flag])}"' if known else ""
        spans.append(f'<span class="{css}"{title}>{_esc(flag)}</span>')
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
        ids_text = f"{' '.join(map(str, src_list)) or '∅'} → {' '.join(map(str, tgt_list)) or '∅'}"
        edit_text = cell_text(edit).strip() or "(none)"
        tgt_pieces = mt_pieces = None
        if cell_text(tgt).strip() and cell_text(mt).strip():
            tgt_pieces, mt_pieces = diff_words(cell_text(tgt), cell_text(mt))
        cells = [
            f'<td class="num n">{number}</td>',
            f'<td class="link"><span class="shape">{_esc(shape)}</span>'
            f'<span class="ids">{_esc(ids_text)}</span></td>',
            _text_cell(src, "src", "rtl", "ar"),
            _text_cell(tgt, "tgt", "ltr", "en", tgt_pieces),
            _text_cell(mt, "mt", "ltr", "en", mt_pieces),
            f'<td class="edit"><span class="badge edit-{label}">{_esc(edit_text)}</span></td>',
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
        parts.append(f'<dt>{_esc(key)}</dt><dd dir="auto">{_esc(value)}</dd>')
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
            f'<span class="badge edit-{label}">{_esc(label)}</span> ({count}) '
            f'<span class="desc">{_esc(EDIT_DESCRIPTIONS[label])}</span></label>'
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
    from translate_eval.report.plots import MISSING_MATPLOTLIB_NOTE, report_plots

    colours = {label: border for label, (_, border) in _LABEL_COLOURS.items()}
    figures = report_plots(links, colours)
    parts = ['<section class="plots"><h2>Plots</h2>']
    if not figures:
        parts.append(f'<p class="plot-note" id="plots-missing">{_esc(MISSING_MATPLOTLIB_NOTE)}</p>')
    for figure in figures:
        parts.append(
            f'<figure class="plot" id="plot-{_esc(figure.name)}">{figure.svg}'
            f"<figcaption>{_esc(figure.caption)}</figcaption></figure>"
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
    items = [f'<li dir="auto">{_esc(cell_text(w))}</li>' for w in warnings if str(w).strip()]
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
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en" dir="ltr">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="translate_eval">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 dir="auto">{_esc(title)}</h1>',
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
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
