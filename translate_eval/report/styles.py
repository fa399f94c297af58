"""The stylesheets of the report pages: the side-by-side report's (with its edit-label colours)
and the tables page's. Constant text; no input ever enters a stylesheet.
"""

from __future__ import annotations

UNKNOWN_LABEL = "unknown"

# Row colours by edit label (light backgrounds; the badge uses a darker border of the same hue).
LABEL_COLOURS: dict[str, tuple[str, str]] = {
    "faithful": ("#e8f5e9", "#2e7d32"),
    "paraphrase": ("#f9fbe7", "#827717"),
    "omission": ("#ffebee", "#c62828"),
    "addition": ("#e3f2fd", "#1565c0"),
    "merge": ("#ede7f6", "#4527a0"),
    "split": ("#f3e5f5", "#6a1b9a"),
    "partial_omission": ("#ffe0b2", "#bf360c"),
    "partial_addition": ("#e0f7fa", "#00838f"),
    "changed": ("#fff59d", "#7a5c00"),
    UNKNOWN_LABEL: ("#eeeeee", "#424242"),
}


def _report_style() -> str:
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
        "details.about{margin:.25rem 0 .75rem}details.about summary{cursor:pointer;color:#455a64}",
        "div.toolbar{padding:.25rem 0;"
        "border-bottom:1px solid #ddd}",
        "div.toolbar fieldset{margin:.3rem 0}",
        "fieldset.flag-filters{border:1px solid #ccc;padding:.3rem .75rem}",
        "fieldset.flag-filters label{display:inline-block;margin:.15rem .6rem .15rem 0}",
        "div.actions button{margin-left:.5rem}div.actions .keys{margin-left:1rem;color:#616161;"
        "font-size:.85rem}",
        "kbd{border:1px solid #bbb;border-radius:.2rem;padding:0 .25rem;font-size:.8rem}",
        "section.overview{border-left:4px solid #546e7a;padding:.1rem 1rem;background:#f5f7f8}",
        "section.overview ul{margin:.3rem 0;padding-left:1.2rem}",
        "p.not-translation{background:#ffebee;border:1px solid #c62828;padding:.4rem .6rem}",
        "div.legend-note p{color:#424242;font-size:.85rem;margin:.25rem 0;max-width:70rem}",
        "table.side-by-side{width:100%;table-layout:fixed;margin-top:.5rem}",
        "table.side-by-side th,table.side-by-side td{border:1px solid #ddd;padding:.35rem .5rem;"
        "vertical-align:top}",
        "table.side-by-side thead th{background:#fafafa;text-align:left}",
        "table.side-by-side col.c-n{width:2.6rem}table.side-by-side col.c-info{width:11rem}",
        "td.text-cell{white-space:pre-wrap;overflow-wrap:normal;word-break:normal;"
        "hyphens:manual}",
        "td.src{font-size:1.1rem;line-height:1.7;text-align:right;word-break:keep-all}",
        "td.tgt div.mt{margin-top:.4rem;padding-top:.3rem;border-top:1px dashed #b0bec5;"
        "color:#455a64;font-size:.9rem}",
        "table.hide-mt td.tgt div.mt{display:none}",
        ".mt-tag{font-size:.7rem;font-weight:600;color:#78909c;border:1px solid #b0bec5;"
        "border-radius:.2rem;padding:0 .2rem}",
        "td.num{text-align:right;font-variant-numeric:tabular-nums}",
        "td.n a{color:#616161;text-decoration:none}",
        "td.info .link{color:#757575;font-size:.8rem;margin-top:.2rem}",
        "td.info .scores{font-size:.78rem;color:#424242;margin-top:.2rem}",
        "td.info .score{display:inline-block;margin-right:.4rem;font-variant-numeric:tabular-nums}",
        "ul.changes{margin:.3rem 0 0;padding-left:1rem;font-size:.8rem;color:#4e342e}",
        ".empty{color:#9e9e9e}",
        ".badge{display:inline-block;border:1px solid;border-radius:.6rem;padding:0 .45rem;"
        "font-size:.85rem;background:#fff}",
        ".flag{display:inline-block;border-radius:.3rem;padding:0 .3rem;margin:0 .15rem .15rem 0;"
        "font-size:.8rem;background:#fff8e1;border:1px solid #ffb300}",
        "tr.bead[hidden]{display:none}",
        "tr.bead.current td{outline:2px solid #37474f;outline-offset:-2px}",
        "tr.bead:focus{outline:none}",
        "mark{color:inherit;border-radius:.15rem;padding:0 .05rem}",
        "mark.m-dropped{background:#ef9a9a;box-shadow:0 2px 0 #b71c1c}",
        "mark.m-added{background:#90caf9}",
        "mark.m-changed{background:#fff;outline:2px solid #e65100;font-weight:600}",
        "mark.m-unrendered{background:none;text-decoration:underline dotted #c62828 2px;"
        "text-underline-offset:.3em}",
        "section.plots{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}",
        "section.plots h2{flex-basis:100%}",
        "figure.plot{margin:0;max-width:100%}",
        "figure.plot figcaption{font-size:.85rem;color:#616161}",
        "svg.plot-svg{max-width:100%;height:auto}",
        "section.summary table{font-size:.85rem}",
        "footer{margin-top:2rem;border-top:1px solid #ddd;padding-top:.75rem}",
    ]
    for label, (background, border) in LABEL_COLOURS.items():
        rules.append(f"tr.edit-{label} td{{background:{background}}}")
        rules.append(f".badge.edit-{label}{{border-color:{border};color:{border}}}")
    return "\n".join(rules)


#: The side-by-side report's stylesheet.
REPORT_STYLE = _report_style()

#: The stylesheet of the ``report --format html`` tables page.
TABLES_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#212121}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "td,th{border:1px solid #ddd;padding:.2rem .45rem;vertical-align:top}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}"
    "p.caption{color:#424242}ul.notes{color:#616161;font-size:.9rem}"
)
