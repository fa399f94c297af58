"""The plain-language account of an article's editing that heads report.html: what was dropped,
added, merged, split, moved and changed, each with links to its beads. Escaped HTML."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from translate_eval.links import cell_text, parse_flags
from translate_eval.report.bead_marks import describe_note, parse_notes
from translate_eval.report.page import esc

#: Checks whose findings the overview lists value by value.
VALUE_CHECKS: tuple[str, ...] = (
    "numbers",
    "names",
    "place types",
    "negations",
    "attribution",
    "hedging",
)


def _bead_links(numbers: Sequence[int], limit: int = 12) -> str:
    shown = [f'<a href="#bead-{n}">#{n}</a>' for n in numbers[:limit]]
    more = len(numbers) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _words(values: pd.Series) -> int:
    return sum(len(cell_text(v).split()) for v in values)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def _summary_value(summary: pd.DataFrame | None, item: str) -> float:
    if summary is None or item not in summary.index:
        return math.nan
    for column in ("value", "share", "count"):
        if column in summary.columns:
            value = pd.to_numeric(pd.Series([summary.loc[item, column]]), errors="coerce").iloc[0]
            if math.isfinite(value):
                return float(value)
    return math.nan


def translation_warning(summary: pd.DataFrame | None) -> str:
    """A visible warning when the summary judges the English not a translation of the Arabic
    (``is_translation`` 0), with the translated share; "" otherwise or when not judged."""
    verdict = _summary_value(summary, "is_translation")
    if not (math.isfinite(verdict) and verdict == 0.0):
        return ""
    share = _summary_value(summary, "translated_share")
    share_text = f" (translated share {share:.0%})" if math.isfinite(share) else ""
    return (
        '<p class="not-translation" id="not-translation"><strong>Not a translation:</strong> '
        f"the English does not read as a translation of this Arabic{esc(share_text)}; "
        "the labels below describe two different texts.</p>"
    )


def _sentence(text: str, beads: Sequence[int]) -> str:
    return f"<li>{text} ({_bead_links(beads)}).</li>" if beads else ""


def editing_overview(links: pd.DataFrame, summary: pd.DataFrame | None = None) -> str:
    """The overview section: one line per kind of edit found, with bead links, then the changed
    values (numbers, names, negation, attribution, hedges) from the ``notes`` column.

    Bead numbers are row positions (the rows' ``id="bead-N"``). Time O(beads + text).
    """
    edits = [cell_text(v).strip() for v in links["edit"]]
    flags = [set(parse_flags(v)) for v in links["flags"]]
    src_words = [len(cell_text(v).split()) for v in links["src_text"]]
    tgt_words = [len(cell_text(v).split()) for v in links["tgt_text"]]
    total_src, total_tgt = sum(src_words), sum(tgt_words)

    def where(label: str) -> list[int]:
        return [n for n, edit in enumerate(edits) if edit == label]

    dropped = where("omission")
    dropped_words = sum(src_words[n] for n in dropped)
    added = where("addition")
    added_words = sum(tgt_words[n] for n in added)
    items = [
        _sentence(
            f"<strong>Dropped:</strong> {len(dropped)} Arabic passage(s) have no English "
            f"counterpart, {dropped_words} words ({_percent(dropped_words, total_src)} of the "
            "Arabic)",
            dropped,
        ),
        _sentence(
            "<strong>Cut:</strong> part of the Arabic is left out in "
            f"{len(where('partial_omission'))} bead(s)",
            where("partial_omission"),
        ),
        _sentence(
            f"<strong>Added:</strong> {len(added)} English passage(s) have no Arabic source, "
            f"{added_words} words ({_percent(added_words, total_tgt)} of the English)",
            added,
        ),
        _sentence(
            "<strong>Expanded:</strong> the English adds to the Arabic in "
            f"{len(where('partial_addition'))} bead(s)",
            where("partial_addition"),
        ),
        _sentence(
            f"<strong>Merged:</strong> {len(where('merge'))} English sentence(s) join several "
            "Arabic ones",
            where("merge"),
        ),
        _sentence(
            f"<strong>Split:</strong> {len(where('split'))} Arabic sentence(s) are spread over "
            "several English ones",
            where("split"),
        ),
        _sentence(
            "<strong>Moved:</strong> the English counterpart stands elsewhere in the article",
            [n for n, f in enumerate(flags) if "moved" in f],
        ),
        _sentence(
            f"<strong>Meaning changed:</strong> {len(where('changed'))} bead(s)",
            where("changed"),
        ),
    ]
    lines = [line for line in items if line]
    if not lines:
        lines.append("<li>No omission, addition, merge, split, move or change was found.</li>")
    values = _changed_values(links)
    parts = [
        '<section class="overview" id="overview"><h2>What the editor did</h2>',
        translation_warning(summary),
        f"<p>{len(links)} beads: {total_src} Arabic and {total_tgt} English words.</p>",
        '<ul class="overview-edits">',
        *lines,
        "</ul>",
    ]
    if values:
        parts += [
            "<h3>Changed numbers, names and claims</h3>",
            '<ul class="overview-values">',
            *values,
            "</ul>",
        ]
    parts.append("</section>")
    return "".join(parts)


def _changed_values(links: pd.DataFrame) -> list[str]:
    if "notes" not in links.columns:
        return []
    lines: list[str] = []
    sources = links["src_text"] if "src_text" in links.columns else [""] * len(links)
    for number, (notes, src) in enumerate(zip(links["notes"], sources, strict=True)):
        findings = [
            describe_note(item, cell_text(src))
            for item in parse_notes(cell_text(notes))
            if item.check in VALUE_CHECKS or item.check == "number qualifiers"
        ]
        if findings:
            text = "; ".join(esc(finding) for finding in findings)
            lines.append(
                f'<li><a href="#bead-{number}">#{number}</a> <span dir="auto">{text}</span></li>'
            )
    return lines
