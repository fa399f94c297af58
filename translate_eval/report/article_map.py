"""Where in the article the edits fall: every Arabic and English sentence in article order,
coloured by the edit label of its bead, as CSP-safe inline SVG written directly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from translate_eval.links import EDIT_LABELS, cell_text, parse_ids
from translate_eval.report.edit_bars import UNKNOWN_COLOUR
from translate_eval.report.svg import (
    element,
    integer_ticks,
    svg_figure,
    text,
    text_width,
    tooltip,
    x_axis,
)

#: Labels drawn in a neutral colour, so that the edits stand out.
NEUTRAL_LABELS: frozenset[str] = frozenset({"faithful", "paraphrase"})
NEUTRAL_COLOUR = "#cfd8dc"
#: The legend's one entry for the neutral labels.
NEUTRAL_ENTRY = "faithful / paraphrase"
WIDTH = 672.0
_LEFT = 62.0  # room for "English" left of the strips
_STRIP = 24.0


def sentence_labels(links: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The edit label of each Arabic and each English sentence, in sentence order (from the
    ``src_ids`` / ``tgt_ids`` of the beads; a sentence in no bead is ""). O(beads + sentences)."""
    sides: list[dict[int, str]] = [{}, {}]
    for src_ids, tgt_ids, edit in zip(
        links["src_ids"], links["tgt_ids"], links["edit"], strict=True
    ):
        label = cell_text(edit).strip()
        label = label if label in EDIT_LABELS else "unknown"
        for side, ids in zip(sides, (parse_ids(src_ids), parse_ids(tgt_ids)), strict=True):
            for sentence in ids:
                side[sentence] = label
    return tuple(  # type: ignore[return-value]
        [side.get(i, "") for i in range(max(side) + 1)] if side else [] for side in sides
    )


def article_map_svg(links: pd.DataFrame, colours: Mapping[str, str] | None = None) -> str:
    """Two strips, Arabic above English, one cell per sentence coloured by its bead's label
    (faithful and paraphrase grey), with a legend of the labels present
    (:func:`sentence_cells_svg`; no matplotlib). Time O(beads + sentences)."""
    arabic, english = sentence_labels(links)
    return sentence_cells_svg(arabic, english, colours)


def cell_colour(label: str, colours: Mapping[str, str]) -> str:
    """The colour of a sentence's cell: grey for faithful, paraphrase and no bead (""), else the
    label's colour (dark grey when it has none)."""
    if label in NEUTRAL_LABELS or not label:
        return NEUTRAL_COLOUR
    return colours.get(label, UNKNOWN_COLOUR)


def legend_labels(labels: Sequence[str]) -> list[str]:
    """The legend's entries for these cell labels: the edit labels present in EDIT_LABELS order,
    then any others (``unknown``) sorted, then the pooled neutral entry. O(labels)."""
    present = set(labels) - NEUTRAL_LABELS - {""}
    known = [label for label in EDIT_LABELS if label in present]
    return [*known, *sorted(present - set(known)), NEUTRAL_ENTRY]


def _legend(labels: Sequence[str], colours: Mapping[str, str]) -> tuple[list[str], float]:
    """Legend items (swatch and name) laid out left to right, wrapping at the figure's width;
    the markup and the height it takes."""
    items: list[str] = []
    x, y = _LEFT, 4.0
    for label in legend_labels(labels):
        width = 16 + text_width(label) + 14
        if x + width > WIDTH - 4 and x > _LEFT:
            x, y = _LEFT, y + 18
        colour = NEUTRAL_COLOUR if label == NEUTRAL_ENTRY else cell_colour(label, colours)
        items.append(
            element(
                "g",
                {"class": "legend-item"},
                element(
                    "rect",
                    {"x": x, "y": y + 2, "width": 11.0, "height": 11.0, "fill": colour},
                )
                + text(x + 16, y + 8, label, dominant_baseline="central"),
            )
        )
        x += width
    return items, y + 18


def sentence_cells_svg(
    arabic: Sequence[str], english: Sequence[str], colours: Mapping[str, str] | None = None
) -> str:
    """The article map from the label of each Arabic and each English sentence (in order; ""
    for a sentence in no bead): a strip per side of equal cells filling the figure's width, each
    with a hover text (side, sentence number, label), an integer axis of sentence numbers and a
    legend. Labels may be any text (escaped). Time O(sentences + labels)."""
    colours = colours or {}
    legend, legend_height = _legend([*arabic, *english], colours)
    top = legend_height + 8
    plot_width = WIDTH - _LEFT - 10
    step = plot_width / max(len(arabic), len(english), 1)
    cell_width = step * 0.92 if step >= 3 else step
    body = list(legend)
    for row, (name, labels) in enumerate((("Arabic", arabic), ("English", english))):
        y = top + row * (_STRIP + 8)
        cells = [
            element(
                "rect",
                {
                    "class": "cell",
                    "data-label": label,
                    "x": _LEFT + index * step,
                    "y": y,
                    "width": cell_width,
                    "height": _STRIP,
                    "fill": cell_colour(label, colours),
                },
                tooltip(f"{name} sentence {index}: {label or 'in no bead'}"),
            )
            for index, label in enumerate(labels)
        ]
        strip = text(
            _LEFT - 6, y + _STRIP / 2, name, text_anchor="end", dominant_baseline="central"
        )
        body.append(element("g", {"class": "strip", "data-side": name}, strip + "".join(cells)))
    axis_y = top + 2 * _STRIP + 14
    ticks = integer_ticks(max(len(arabic), len(english), 1) - 1)
    positions = [(_LEFT + (tick + 0.5) * step, str(tick)) for tick in ticks]
    body.append(x_axis(_LEFT, WIDTH - 10, axis_y, positions, "sentence, in article order"))
    return svg_figure(WIDTH, axis_y + 40, "where the edits fall in the article", body)
