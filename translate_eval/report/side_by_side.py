"""The side-by-side HTML report of one comparison: a single self-contained, script-safe HTML5 page.

It leads with what the editor did, then the beads side by side (changes marked where they
happened), the plots and the run signature. Every piece of input text is escaped; the only
script is a constant (filters, keys, CSV download), allowed by its hash.
"""

from __future__ import annotations

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
from translate_eval.report.bead_marks import (
    Mark,
    change_marks,
    correspondence_marks,
    describe_note,
    gap_mark,
    marks_html,
    parse_notes,
)
from translate_eval.report.figures import report_plots
from translate_eval.report.formats import export_table, fixed_number
from translate_eval.report.overview import editing_overview
from translate_eval.report.page import esc, html_page
from translate_eval.report.script import REPORT_SCRIPT
from translate_eval.report.styles import LABEL_COLOURS, REPORT_STYLE, UNKNOWN_LABEL
from translate_eval.report.summary import edit_summary

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

_PAGE_META = {
    "referrer": "no-referrer",
    "viewport": "width=device-width, initial-scale=1",
    "generator": "translate_eval",
}


def safe_label(value: object) -> str:
    """The edit label for class names and data attributes: a known label, else ``unknown``."""
    label = cell_text(value).strip()
    return label if label in EDIT_LABELS else UNKNOWN_LABEL


def _text_span(text: str, marks: list[Mark]) -> str:
    """The text (marked) in ``<span class="t">``, or a dash for an empty side."""
    if not text.strip():
        return '<span class="empty">—</span>'
    return f'<span class="t">{marks_html(text, marks)}</span>'


def _flag_spans(value: object) -> str:
    spans = []
    for flag in parse_flags(value):
        known = flag in FLAG_NAMES
        css = f"flag flag-{flag}" if known else "flag flag-unknown"
        title = f' title="{esc(FLAG_DESCRIPTIONS[flag])}"' if known else ""
        spans.append(f'<span class="{css}"{title}>{esc(flag)}</span>')
    return f'<span class="flags">{" ".join(spans)}</span>' if spans else ""


def _column(links: pd.DataFrame, name: str) -> list[object]:
    """A column's values, or empty cells when the links table lacks that optional column."""
    return list(links[name]) if name in links.columns else [None] * len(links)


_SCORES: tuple[tuple[str, str, int, str], ...] = (
    ("align_score", "align", 3, "the aligner's confidence in this bead, 0-1 (see the note)"),
    ("chrf", "chrF", 1, "chrF of the English against the MT, 0-100"),
    ("bleu", "BLEU", 1, "sentence BLEU of the English against the MT, 0-100"),
    ("similarity", "sim.", 3, "cosine similarity of the sentence embeddings"),
    ("translation_p", "transl.", 2, "probability that the two sides translate each other"),
)


def _scores_line(values: Mapping[str, object]) -> str:
    parts = []
    for column, name, decimals, title in _SCORES:
        text = fixed_number(values.get(column), decimals)
        if text:
            parts.append(f'<span class="score" title="{esc(title)}">{name} {text}</span>')
    return f'<div class="scores">{" ".join(parts)}</div>' if parts else ""


def _is_edit(label: str, flags: object) -> bool:
    return label not in ("faithful", "paraphrase") or bool(parse_flags(flags))


def _bead_row(number: int, bead: Mapping[str, object]) -> str:
    """One ``tr.bead``: the Arabic, the English with the MT under it, the label, flags,
    scores and the changed values, each change marked on the side where it happened."""
    label = safe_label(bead.get("edit"))
    src, tgt, mt = (cell_text(bead.get(name)) for name in ("src_text", "tgt_text", "mt_text"))
    src_list = parse_ids(bead.get("src_ids"))
    tgt_list = parse_ids(bead.get("tgt_ids"))
    shape = cell_text(bead.get("link")).strip() or f"{len(src_list)}-{len(tgt_list)}"
    ids_text = f"{format_ids(src_list) or '∅'} → {format_ids(tgt_list) or '∅'}"
    edit_text = cell_text(bead.get("edit")).strip() or "(none)"
    items = parse_notes(cell_text(bead.get("notes")))
    src_marks, tgt_marks = correspondence_marks(src, tgt, mt)
    src_marks += gap_mark(src, cell_text(bead.get("src_gap_text")))
    changed_src, changed_tgt = change_marks(src, tgt, items)
    changes = [describe_note(item, src) for item in items]
    flags = [f if f in FLAG_NAMES else UNKNOWN_LABEL for f in parse_flags(bead.get("flags"))]
    mt_line = (
        f'<div class="mt" lang="en" title="machine translation"><span class="mt-tag">MT</span> '
        f"{_text_span(mt, [])}</div>"
        if mt.strip()
        else ""
    )
    change_list = (
        '<ul class="changes">' + "".join(f'<li dir="auto">{esc(c)}</li>' for c in changes) + "</ul>"
        if changes
        else ""
    )
    cells = [
        f'<td class="num n"><a href="#bead-{number}">{number}</a></td>',
        f'<td class="text-cell src" dir="rtl" lang="ar">'
        f"{_text_span(src, src_marks + changed_src)}</td>",
        f'<td class="text-cell tgt" dir="ltr" lang="en"><div class="en">'
        f"{_text_span(tgt, tgt_marks + changed_tgt)}</div>{mt_line}</td>",
        f'<td class="info"><span class="badge edit-{label}">{esc(edit_text)}</span> '
        f"{_flag_spans(bead.get('flags'))}"
        f'<div class="link"><span class="shape">{esc(shape)}</span> '
        f'<span class="ids">{esc(ids_text)}</span></div>'
        f"{_scores_line(bead)}{change_list}</td>",
    ]
    nav = ' data-nav="edit"' if _is_edit(label, bead.get("flags")) else ""
    data = {
        "edit": label,
        "bead": str(number),
        "src-ids": format_ids(src_list),
        "tgt-ids": format_ids(tgt_list),
        "flags": " ".join(flags),
    }
    attributes = " ".join(f'data-{key}="{esc(value)}"' for key, value in data.items())
    return (
        f'<tr class="bead edit-{label}" {attributes}{nav} id="bead-{number}" tabindex="-1">'
        + "".join(cells)
        + "</tr>"
    )


def _bead_rows(links: pd.DataFrame) -> list[str]:
    columns = [str(c) for c in links.columns]
    return [
        _bead_row(number, dict(zip(columns, values, strict=True)))
        for number, values in enumerate(links.itertuples(index=False, name=None))
    ]


def _definition_list(items: Mapping[str, object], css_class: str) -> str:
    parts = [f'<dl class="{css_class}">']
    for key, value in items.items():
        parts.append(f'<dt>{esc(key)}</dt><dd dir="auto">{esc(value)}</dd>')
    parts.append("</dl>")
    return "".join(parts)


def _filters(links: pd.DataFrame) -> str:
    labels = [safe_label(v) for v in _column(links, "edit")]
    shown = list(EDIT_LABELS) + ([UNKNOWN_LABEL] if UNKNOWN_LABEL in labels else [])
    flags = [set(parse_flags(v)) for v in _column(links, "flags")]
    parts = [
        '<div class="toolbar">',
        '<fieldset class="filters"><legend>Edit types (colour legend; untick to hide rows)'
        "</legend>",
    ]
    for label in shown:
        count = labels.count(label)
        parts.append(
            f'<label><input type="checkbox" data-filter="{label}" checked> '
            f'<span class="badge edit-{label}">{esc(label)}</span> ({count}) '
            f'<span class="desc">{esc(EDIT_DESCRIPTIONS[label])}</span></label>'
        )
    parts.append("</fieldset>")
    parts.append(
        '<fieldset class="flag-filters"><legend>Flags (tick to show only beads with them)</legend>'
    )
    for flag in FLAG_NAMES:
        count = sum(1 for bead_flags in flags if flag in bead_flags)
        parts.append(
            f'<label title="{esc(FLAG_DESCRIPTIONS[flag])}"><input type="checkbox" '
            f'data-flag="{flag}"> <span class="flag">{esc(flag)}</span> '
            f"({count})</label>"
        )
    parts.append("</fieldset>")
    parts.append(
        '<div class="actions"><span id="shown-count">' + str(len(labels)) + "</span> of "
        f"{len(labels)} beads shown"
        '<button type="button" id="filter-all">show all</button>'
        '<button type="button" id="filter-none">hide all</button>'
        '<button type="button" id="toggle-mt">hide MT</button>'
        '<button type="button" id="download-csv">download shown rows (CSV)</button>'
        '<span class="keys">keys: <kbd>j</kbd>/<kbd>n</kbd> next edit, '
        "<kbd>k</kbd>/<kbd>p</kbd> previous</span></div>"
    )
    parts.append("</div>")
    return "".join(parts)


_SIDE_BY_SIDE_HEAD = (
    '<table class="side-by-side">'
    '<colgroup><col class="c-n"><col class="c-src"><col class="c-tgt"><col class="c-info">'
    "</colgroup><thead><tr>"
    '<th scope="col">#</th>'
    '<th scope="col">Arabic source</th>'
    '<th scope="col">English (published), machine translation under it</th>'
    '<th scope="col">edit, flags, scores</th>'
    "</tr></thead>"
)


def _plots_section(links: pd.DataFrame) -> str:
    """The inline SVG figures (:func:`report_plots`)."""
    colours = {label: border for label, (_, border) in LABEL_COLOURS.items()}
    figures = report_plots(links, colours)
    parts = ['<section class="plots"><h2>Plots</h2>']
    for figure in figures:
        parts.append(
            f'<figure class="plot" id="plot-{esc(figure.name)}">{figure.svg}'
            f"<figcaption>{esc(figure.caption)}</figcaption></figure>"
        )
    parts.append("</section>")
    return "".join(parts)


_MARKS_NOTE = (
    '<div class="legend-note"><p>In the texts: <mark class="m-dropped">dropped</mark> Arabic '
    "(the longest run of the bead with no counterpart in the English), "
    '<mark class="m-added">added</mark> English (a run of at least three words found neither '
    'among the glosses, names and numbers of the Arabic nor in the MT), <mark class="m-changed">'
    "changed</mark> numbers, names and claim markers on both sides (hover for the values; they "
    'are also listed in the bead), and <mark class="m-unrendered">Arabic words</mark> none of '
    "whose glosses, name, number or MT words is in the English. Word correspondence needs the "
    "lexicon (the gloss extra); without it only the checks' values are marked.</p>"
    "<p><strong>align</strong> is the aligner's confidence in a bead, 0-1: for sentences paired "
    "with each other, how well they match; for a skip (an omission or an addition), 1 minus "
    "the best match of its sentence with the other side's sentences nearby, i.e. how sure it is "
    "that "
    "nothing there corresponds. The two are different measures and are never pooled. "
    "<strong>chrF</strong> and <strong>BLEU</strong> compare the English with the MT (0-100), "
    "<strong>sim.</strong> is the cosine similarity of the two sides' sentence embeddings."
    "</p></div>"
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
    summary: pd.DataFrame | None = None,
) -> str:
    """One self-contained HTML5 page: what the editor did, the beads side by side, plots, the
    summary table and the run signature.

    ``links`` has the columns of links.csv (``src_ids``, ``tgt_ids``, ``src_text``, ``tgt_text``,
    ``chrf``, ``edit`` and ``flags`` are required; ``link``, ``mt_text``, ``align_score``,
    ``bleu``, ``similarity``, ``translation_p``, ``notes`` and ``src_gap_text`` are used when
    present). ``meta["title"]`` (if any) heads the page; every other meta item is listed under
    it. ``signature`` is listed at the foot. ``summary`` (the run's summary.csv table; default
    :func:`edit_summary` of ``links``) adds a "not a translation" warning when its
    ``is_translation`` row is 0. The page opens with :func:`editing_overview`; in each bead the
    dropped Arabic, the added English and the changed values are marked
    (:mod:`translate_eval.report.bead_marks`). With ``plots``, inline SVG figures (written
    directly, no matplotlib) follow the beads. ``warnings`` (what
    the run degraded or doubts) are listed under the header.

    Safety: every input string (texts, ids, labels, flags, notes, meta and signature keys and
    values) goes through ``html.escape(quote=True)``; class names and ``data-edit`` use only
    known edit labels and flags (others become ``unknown``); the page's only script is a
    constant, and a Content-Security-Policy lets nothing load and nothing run but that script
    and the page's own stylesheet (by SHA-256 hash).

    Time O(beads + total text length) plus the lexicon look-ups of the word correspondence.
    Raises :class:`InputError` for a malformed links table.
    """
    table = edit_summary(links)  # also checks the required columns
    title = cell_text(meta.get("title", "")).strip() or "translate_eval comparison"
    other_meta = {key: value for key, value in meta.items() if key != "title"}
    body = [
        "<header>",
        f'<h1 dir="auto">{esc(title)}</h1>',
        (
            '<details class="about"><summary>About the pair (outlet, date, notes)</summary>'
            + _definition_list(other_meta, "meta")
            + "</details>"
            if other_meta
            else ""
        ),
        "</header>",
        _warnings_section(warnings),
        "<main>",
        editing_overview(links, summary if summary is not None else table),
        '<section class="beads"><h2>Side by side</h2>',
        _filters(links),
        _MARKS_NOTE,
        _SIDE_BY_SIDE_HEAD,
        "<tbody>",
        *_bead_rows(links),
        "</tbody></table>",
        "</section>",
        _plots_section(links) if plots else "",
        '<section class="summary"><h2>Counts</h2>',
        export_table(table, "html"),
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
        script=REPORT_SCRIPT,
        no_forms=True,
        direction="ltr",
        meta=_PAGE_META,
    )
