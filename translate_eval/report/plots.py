"""Summary plots of a comparison as CSP-safe inline SVG text: the edit-label bar chart (written
directly) and the score histograms (matplotlib, an optional extra).

The SVG that matplotlib writes is rewritten so that it can sit inside a page whose Content
Security Policy forbids inline styles and external references: ``style`` attributes become SVG
presentation attributes, ``<style>``/``<metadata>`` go, ``<use>`` is expanded in place, ids get
a per-plot prefix, and no namespace URL or ``href`` is left. Every text and attribute is escaped.
"""

from __future__ import annotations

import copy
import functools
import html
import importlib.util
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from translate_eval.errors import ModelNotFoundError
from translate_eval.links import EDIT_LABELS, cell_text, parse_ids
from translate_eval.report.edit_bars import BAR_COLOUR, edit_bars_svg

#: Shown in place of the score histograms when matplotlib is not installed.
MISSING_MATPLOTLIB_NOTE = (
    "The score histograms need matplotlib, which is not installed: pip install -e '.[report]'"
)

# CSS properties that SVG also accepts as presentation attributes (kept); others are dropped.
_PRESENTATION_PROPERTIES = frozenset(
    {
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-opacity",
        "stroke-linejoin",
        "stroke-linecap",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-miterlimit",
        "opacity",
        "font-size",
        "font-family",
        "font-weight",
        "font-style",
        "text-anchor",
        "dominant-baseline",
        "clip-path",
    }
)
_DROPPED_ELEMENTS = frozenset({"metadata", "style", "script", "title", "foreignObject"})
_URL_REF_RE = re.compile(r"url\(#([^)\s]+)\)")


@dataclass(frozen=True)
class Plot:
    """One figure: a short caption (plain text) and its CSP-safe inline SVG markup."""

    name: str
    caption: str
    svg: str


def matplotlib_available() -> bool:
    """True when matplotlib can be imported (the ``report`` extra is installed)."""
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        return False


def require_matplotlib() -> None:
    """Raise :class:`ModelNotFoundError` (saying how to install it) without matplotlib."""
    if not matplotlib_available():
        raise ModelNotFoundError(MISSING_MATPLOTLIB_NOTE)


# ----------------------------------------------------------------------------- SVG clean-up


def _local(name: str) -> str:
    """``{namespace}tag`` -> ``tag``."""
    return name.rsplit("}", 1)[-1]


def _style_to_attributes(style: str) -> dict[str, str]:
    """``"fill: #fff; stroke: #000"`` -> presentation attributes; unknown properties dropped."""
    attributes: dict[str, str] = {}
    for declaration in style.split(";"):
        name, separator, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if separator and value and name in _PRESENTATION_PROPERTIES:
            attributes[name] = value
    return attributes


def _clean_attributes(element: ET.Element, prefix: str) -> dict[str, str]:
    """Plain attribute names and values: styles expanded, ids and ``url(#id)`` prefixed."""
    cleaned: dict[str, str] = {}
    for raw_name, value in element.attrib.items():
        name = _local(raw_name)
        if name.startswith("on") or name in ("href", "style", "version"):
            continue
        if name == "id":
            cleaned["id"] = prefix + value
        else:
            cleaned[name] = _URL_REF_RE.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
    cleaned.update(
        {
            name: _URL_REF_RE.sub(lambda m: f"url(#{prefix}{m.group(1)})", value)
            for name, value in _style_to_attributes(element.attrib.get("style", "")).items()
        }
    )
    return cleaned


def _expand_uses(root: ET.Element) -> None:
    """Replace each ``<use href="#id" x y>`` by a translated ``<g>`` holding a copy of #id.

    Time O(elements + uses x size of the referenced element).
    """
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    for parent in list(root.iter()):
        for position, child in enumerate(list(parent)):
            if _local(child.tag) != "use":
                continue
            reference = next(
                (v for k, v in child.attrib.items() if _local(k) == "href" and v.startswith("#")),
                None,
            )
            target = by_id.get(reference[1:]) if reference else None
            group = ET.Element("g")
            for name, value in child.attrib.items():
                if _local(name) not in ("href", "x", "y", "width", "height"):
                    group.set(name, value)
            x, y = child.get("x", "0"), child.get("y", "0")
            group.set("transform", f"translate({x} {y})")
            if target is not None:
                duplicate = copy.deepcopy(target)
                for element in duplicate.iter():
                    element.attrib.pop("id", None)
                group.append(duplicate)
            parent.remove(child)
            parent.insert(position, group)


def _serialise(element: ET.Element, prefix: str, out: list[str]) -> None:
    tag = _local(element.tag)
    if tag in _DROPPED_ELEMENTS:
        return
    attributes = _clean_attributes(element, prefix)
    attribute_text = "".join(
        f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()
    )
    out.append(f"<{tag}{attribute_text}>")
    if element.text and element.text.strip():
        out.append(html.escape(element.text, quote=True))
    for child in element:
        _serialise(child, prefix, out)
        if child.tail and child.tail.strip():
            out.append(html.escape(child.tail, quote=True))
    out.append(f"</{tag}>")


def inline_svg(svg_text: str, prefix: str, label: str) -> str:
    """Matplotlib's SVG document as markup for inline use under a strict CSP.

    ``prefix`` is put before every id (so several plots can share a page); ``label`` becomes
    the ``aria-label``. The result has no XML declaration, DOCTYPE, namespace URL, ``style``
    attribute or element, ``<use>``/``href`` or event handler. Time O(size of the SVG).
    """
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", svg_text, count=1).encode("utf-8"))
    for element in list(root.iter()):
        for child in list(element):
            if _local(child.tag) in _DROPPED_ELEMENTS:
                element.remove(child)
    _expand_uses(root)
    # matplotlib's one stylesheet rule (* {stroke-linejoin: round; stroke-linecap: butt})
    # becomes inherited presentation attributes of the root.
    root.attrib.setdefault("stroke-linejoin", "round")
    root.attrib.setdefault("stroke-linecap", "butt")
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("class", "plot-svg")
    out: list[str] = []
    _serialise(root, prefix, out)
    return "".join(out)


# ----------------------------------------------------------------------------- figures


def figure_to_svg(figure: object, name: str, label: str) -> str:
    """A matplotlib figure as CSP-safe inline SVG (:func:`inline_svg`), ids prefixed by name."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})  # type: ignore[attr-defined]
    return inline_svg(buffer.getvalue(), f"te-{name}-", label)


def new_figure(width: float, height: float) -> object:
    """A constrained-layout matplotlib Figure of this size in inches (no pyplot state)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def rc_params(name: str) -> dict[str, object]:
    """matplotlib settings for one figure: text kept as text, ids salted by ``name``."""
    # Text stays text (small, searchable); ids are deterministic and differ from plot to plot.
    return {"svg.fonttype": "none", "svg.hashsalt": f"translate_eval-{name}", "font.size": 9}


def edit_label_counts(links: pd.DataFrame) -> dict[str, int]:
    """Beads per edit label, every known label in order; others pooled as ``unknown``. O(beads)."""
    labels = [cell_text(value).strip() for value in links["edit"]] if "edit" in links else []
    counts = {label: 0 for label in EDIT_LABELS}
    unknown = 0
    for label in labels:
        if label in counts:
            counts[label] += 1
        else:
            unknown += 1
    if unknown:
        counts["unknown"] = unknown
    return counts


def edit_counts_svg(links: pd.DataFrame, colours: Mapping[str, str] | None = None) -> str:
    """A horizontal bar chart of beads per edit label (count and share), as inline SVG written
    directly (:func:`~translate_eval.report.edit_bars.edit_bars_svg`; no matplotlib).
    Time O(beads)."""
    return edit_bars_svg(edit_label_counts(links), len(links), colours)


def _finite(links: pd.DataFrame, column: str) -> np.ndarray:
    if column not in links.columns:
        return np.array([], dtype=float)
    values = pd.to_numeric(links[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return values[np.isfinite(values)]


def score_histograms_svg(links: pd.DataFrame) -> str:
    """Histograms of the alignment score (0-1) and of chrF (0-100) over the beads with both
    sides, as inline SVG.

    Skips (0-1, 1-0 beads) are left out of both panels: their alignment score measures how
    sure the aligner is that nothing corresponds, not how well two sentences match. Beads
    without a value (NaN: no MT) are counted in the titles. Time O(beads).
    """
    require_matplotlib()
    if {"src_ids", "tgt_ids"} <= set(links.columns):
        both = [
            bool(parse_ids(s)) and bool(parse_ids(t))
            for s, t in zip(links["src_ids"], links["tgt_ids"], strict=True)
        ]
        links = links[both]
    return _score_histograms_svg(
        tuple(_finite(links, "align_score")), tuple(_finite(links, "chrf")), len(links)
    )


@functools.lru_cache(maxsize=16)
def _score_histograms_svg(
    align_scores: tuple[float, ...], chrf_scores: tuple[float, ...], beads: int
) -> str:
    import matplotlib

    panels: Sequence[tuple[str, tuple[float, ...], tuple[float, float], int]] = (
        ("alignment score (paired beads)", align_scores, (0.0, 1.0), 10),
        ("chrF (MT vs English)", chrf_scores, (0.0, 100.0), 10),
    )
    with matplotlib.rc_context(rc_params("scores")):
        figure = new_figure(7.0, 2.4)
        for position, (title, scores, value_range, bins) in enumerate(panels, start=1):
            axes = figure.add_subplot(1, len(panels), position)
            values = np.asarray(scores, dtype=float)
            if values.size:
                axes.hist(
                    values, bins=bins, range=value_range, color=BAR_COLOUR, edgecolor="#ffffff"
                )
            else:
                axes.text(
                    0.5,
                    0.5,
                    "no values",
                    ha="center",
                    va="center",
                    transform=axes.transAxes,
                    color="#757575",
                )
            axes.set_xlim(*value_range)
            axes.set_xlabel(title)
            axes.set_ylabel("beads")
            axes.yaxis.get_major_locator().set_params(integer=True)
            missing = beads - values.size
            axes.set_title(
                f"{title}: {values.size} beads" + (f", {missing} n/a" if missing else "")
            )
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
        return figure_to_svg(figure, "scores", "histograms of alignment score and chrF")
