"""The bar chart of beads per edit label (count and share), written as SVG markup directly."""

from __future__ import annotations

from collections.abc import Mapping

from translate_eval.report.svg import (
    element,
    integer_ticks,
    line,
    svg_figure,
    text,
    text_width,
    tooltip,
    x_axis,
)

BAR_COLOUR = "#546e7a"
UNKNOWN_COLOUR = "#424242"
WIDTH = 576.0
_ROW = 22.0  # px per label
_BAR = 15.0
_TOP = 34.0  # the title above the bars
_BOTTOM = 40.0  # ticks and the axis name below them
_GAP = 6.0


def count_text(count: int, beads: int) -> str:
    """The text at the end of a bar: ``3 (19%)``, or ``0`` when there are no beads."""
    return f"{count} ({count / beads:.0%})" if beads else "0"


def edit_bars_svg(
    counts: Mapping[str, int], beads: int, colours: Mapping[str, str] | None = None
) -> str:
    """A horizontal bar chart, one bar per label of ``counts`` in its order (top to bottom), its
    length in proportion to the count, its colour ``colours[label]`` (else slate grey, or dark
    grey for ``unknown``), with count and share of ``beads`` at its end, an integer axis and the
    title "Edit labels (N beads)". Labels may be any text (escaped). Time O(labels)."""
    colours = colours or {}
    names = list(counts)
    values = {name: count_text(counts[name], beads) for name in names}
    left = _GAP * 2 + max((text_width(name) for name in names), default=0.0)
    right = WIDTH - _GAP - max((text_width(value) for value in values.values()), default=0.0)
    plot_width = max(right - left - _GAP, 40.0)
    largest = max([*counts.values(), 1])
    scale = plot_width / largest
    height = _TOP + _ROW * len(names) + _BOTTOM
    axis_y = _TOP + _ROW * len(names)
    body = [text(left, 20, f"Edit labels ({beads} beads)", font_size=13.0, font_weight="600")]
    for row, name in enumerate(names):
        top = _TOP + row * _ROW + (_ROW - _BAR) / 2
        middle = top + _BAR / 2
        bar_width = counts[name] * scale
        fill = colours.get(name, UNKNOWN_COLOUR if name == "unknown" else BAR_COLOUR)
        bar = element(
            "rect",
            {
                "class": "bar",
                "data-label": name,
                "data-count": counts[name],
                "x": left,
                "y": top,
                "width": bar_width,
                "height": _BAR,
                "fill": fill,
            },
            tooltip(f"{name}: {values[name]}"),
        )
        body.append(
            element(
                "g",
                {},
                text(left - _GAP, middle, name, text_anchor="end", dominant_baseline="central")
                + bar
                + text(left + bar_width + 3, middle, values[name], dominant_baseline="central"),
            )
        )
    body.append(line(left, _TOP, left, axis_y))
    ticks = [(left + tick * scale, str(tick)) for tick in integer_ticks(largest)]
    body.append(x_axis(left, left + plot_width, axis_y, ticks, "beads"))
    return svg_figure(WIDTH, height, "bar chart of beads per edit label", body)
