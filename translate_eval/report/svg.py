"""SVG markup written directly, without a plotting library: elements with escaped presentation
attributes and text only (no ``style``, link or script), for pages under a strict CSP."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

#: The figures' font: the page's own (``system-ui``), as a presentation attribute.
FONT_FAMILY = "system-ui, sans-serif"
FONT_SIZE = 12.0
TEXT_COLOUR = "#212121"
AXIS_COLOUR = "#757575"
# Advance widths, in ems, of a common sans-serif face (Arial, DejaVu Sans and Roboto are within
# about 10% of these), by character class; anything else counts as a wide 0.65 (CJK 1.0).
_NARROW_EM = dict.fromkeys("ijl.,:;'!|", 0.28) | dict.fromkeys("frt()[]-/ I", 0.36)
_CHARACTER_EM = (
    _NARROW_EM
    | dict.fromkeys("mwMW%", 0.88)
    | dict.fromkeys("ABCDEFGHJKLNOPQRSTUVXYZ", 0.68)
    | dict.fromkeys("abcdeghknopqsuvxyz0123456789_", 0.56)
)
_OTHER_EM = 0.65
_WIDE_EM = 1.0


def number(value: float) -> str:
    """A coordinate as short text: two decimals at most, no trailing zeros (``12.50`` -> 12.5)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def element(tag: str, attributes: Mapping[str, object], content: str = "") -> str:
    """``<tag a="v" ...>content</tag>``; every attribute value is escaped, floats go through
    :func:`number`, ``None`` values are left out. ``content`` is markup (escape text first)."""
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        shown = number(value) if isinstance(value, float) else str(value)
        parts.append(f' {name}="{html.escape(shown, quote=True)}"')
    return f"<{tag}{''.join(parts)}>{content}</{tag}>"


def text(x: float, y: float, content: str, **attributes: object) -> str:
    """A ``<text>`` at (x, y) holding ``content`` escaped; ``attributes`` with ``_`` for ``-``
    (``text_anchor="end"``)."""
    named = {"x": float(x), "y": float(y)}
    named.update({name.replace("_", "-"): value for name, value in attributes.items()})
    return element("text", named, html.escape(content, quote=True))


def tooltip(content: str) -> str:
    """A ``<title>`` child (the browser shows it on hover), its text escaped."""
    return element("title", {}, html.escape(content, quote=True))


def text_width(content: str, font_size: float = FONT_SIZE) -> float:
    """An estimate, 5% generous, of the width of ``content`` set in ``font_size`` px (the
    figures are laid out before any browser measures them). O(len(content))."""
    ems = sum(
        _CHARACTER_EM.get(character, _WIDE_EM if character >= "\u2e80" else _OTHER_EM)
        for character in content
    )
    return 1.05 * ems * font_size


def integer_ticks(maximum: float, most: int = 6) -> list[int]:
    """Integer tick values from 0 to at most ``maximum``, a step of 1, 2 or 5 times a power of ten
    giving at most ``most`` ticks (0 alone when ``maximum`` < 1). O(most)."""
    if maximum < 1:
        return [0]
    step = 1
    while maximum / step >= most:
        magnitude = 10 ** int(math.log10(step))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude > step)
    return list(range(0, int(maximum) + 1, step))


def line(x1: float, y1: float, x2: float, y2: float) -> str:
    """An axis line (grey, 1 px) from (x1, y1) to (x2, y2)."""
    coordinates = {"x1": float(x1), "y1": float(y1), "x2": float(x2), "y2": float(y2)}
    return element("line", {**coordinates, "stroke": AXIS_COLOUR, "stroke-width": 1.0})


def x_axis(
    start: float, end: float, y: float, ticks: Sequence[tuple[float, str]], name: str
) -> str:
    """A horizontal axis at height ``y`` from ``start`` to ``end``: tick marks with their text at
    the (x, text) of ``ticks``, and ``name`` centred under them. O(ticks)."""
    parts = [line(start, y, end, y)]
    for x, label in ticks:
        parts.append(line(x, y, x, y + 4))
        parts.append(text(x, y + 16, label, text_anchor="middle", font_size=11.0))
    parts.append(text((start + end) / 2, y + 33, name, text_anchor="middle"))
    return element("g", {"class": "axis"}, "".join(parts))


def svg_figure(width: float, height: float, label: str, body: Iterable[str]) -> str:
    """The ``<svg>`` element of a figure: ``width`` x ``height`` px with the same ``viewBox``
    (so it scales down with the page), ``role="img"``, ``aria-label`` and class ``plot-svg``."""
    attributes = {
        "width": float(width),
        "height": float(height),
        "viewBox": f"0 0 {number(width)} {number(height)}",
        "role": "img",
        "aria-label": label,
        "class": "plot-svg",
        "font-family": FONT_FAMILY,
        "font-size": float(FONT_SIZE),
        "fill": TEXT_COLOUR,
    }
    return element("svg", attributes, "".join(body))
