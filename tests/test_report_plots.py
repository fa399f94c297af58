"""Tests of the report's inline SVG plots (the figures written directly, CSP-safe rewriting of
matplotlib's SVG, the report without matplotlib) and of the word-level difference highlighting
between MT and English."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from translate_eval.links import EDIT_LABELS
from translate_eval.report import plots
from translate_eval.report.article_map import (
    NEUTRAL_COLOUR,
    article_map_svg,
    cell_colour,
    sentence_cells_svg,
    sentence_labels,
)
from translate_eval.report.edit_bars import UNKNOWN_COLOUR, edit_bars_svg
from translate_eval.report.figures import report_plots
from translate_eval.report.side_by_side import render_report
from translate_eval.report.worddiff import diff_words

needs_matplotlib = pytest.mark.skipif(
    not plots.matplotlib_available(), reason="matplotlib (the report extra) is not installed"
)


def links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "src_ids": ["0", "1", "", "2 3", "4"],
            "tgt_ids": ["0", "", "1", "2", "3"],
            "src_text": ["أ ب", "ج", "", "د ه", "و"],
            "tgt_text": ["The army left.", "", "Added.", "Ten died", "Talks began"],
            "mt_text": ["the army withdrew .", "c", "", "ten were killed", "Talks began"],
            "align_score": [0.91, 0.05, 0.02, 0.77, 0.55],
            "chrf": [61.5, np.nan, np.nan, 44.0, 100.0],
            "edit": ["faithful", "omission", "addition", "merge", "rewritten"],
            "flags": ["", "", "", "moved", ""],
        }
    )


class SvgParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_edit_label_counts_list_every_label_and_pool_unknown_ones() -> None:
    counts = plots.edit_label_counts(links())
    assert list(counts)[: len(EDIT_LABELS)] == list(EDIT_LABELS)
    assert counts["faithful"] == 1 and counts["merge"] == 1 and counts["split"] == 0
    assert counts["unknown"] == 1
    assert sum(counts.values()) == len(links())


MATPLOTLIB_LIKE_SVG = """<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt" height="10pt" viewBox="0 0 10 10"
 xmlns="http://www.w3.org/2000/svg" version="1.1">
 <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
 <defs><style type="text/css">*{stroke-linejoin: round}</style>
  <path id="m1" d="M 0 0 L 0 3" style="stroke: #000000; stroke-width: 0.8; cursor: pointer"/>
  <clipPath id="p9"><rect x="0" y="0" width="5" height="5"/></clipPath>
 </defs>
 <g id="axes_1" onclick="alert(1)">
  <use xlink:href="#m1" x="4" y="5" style="stroke: #000000"/>
  <path d="M 0 0 L 1 1" clip-path="url(#p9)" style="fill: #2e7d32"/>
  <text style="font-size: 10px; text-anchor: middle" x="1" y="2">a &lt;b&gt; &amp; c</text>
 </g>
</svg>
"""


def test_inline_svg_is_rewritten_for_a_strict_content_security_policy() -> None:
    svg = plots.inline_svg(MATPLOTLIB_LIKE_SVG, "te-x-", "a test plot")
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    for forbidden in (
        "http",
        "<?xml",
        "DOCTYPE",
        "style",
        "href",
        "<use",
        "metadata",
        "onclick",
        "alert",
        "cursor",
    ):
        assert forbidden not in svg, forbidden
    parser = SvgParser()
    parser.feed(svg)
    tags = dict(parser.tags)
    assert tags["svg"]["aria-label"] == "a test plot"
    assert tags["svg"]["stroke-linejoin"] == "round"  # the stylesheet rule, as an attribute
    ids = [attrs["id"] for _, attrs in parser.tags if "id" in attrs]
    assert ids and all(identifier.startswith("te-x-") for identifier in ids)
    paths = [attrs for tag, attrs in parser.tags if tag == "path"]
    # The <use> became a translated group holding a copy of the marker path (without its id).
    groups = [attrs for tag, attrs in parser.tags if tag == "g" and "transform" in attrs]
    assert groups == [{"stroke": "#000000", "transform": "translate(4 5)"}]
    assert {"d": "M 0 0 L 0 3", "stroke": "#000000", "stroke-width": "0.8"} in paths
    filled = next(attrs for attrs in paths if attrs.get("fill") == "#2e7d32")
    assert filled["clip-path"] == "url(#te-x-p9)"
    text = next(attrs for tag, attrs in parser.tags if tag == "text")
    assert text["font-size"] == "10px" and text["text-anchor"] == "middle"
    assert "a <b> & c" in "".join(parser.text)  # text kept, escaped again


def parse_svg(svg: str) -> ET.Element:
    """The figure as an XML tree (it must parse as XML, not only as HTML)."""
    root = ET.fromstring(svg)
    assert root.tag == "svg" and root.get("viewBox", "").startswith("0 0 ")
    return root


def assert_csp_safe(svg: str) -> None:
    assert not re.search(r"style|href|url\(|http|<script|\son\w+=", svg)


def test_report_plots_are_inline_svg_without_styles_links_or_scripts() -> None:
    figures = report_plots(links())
    assert [figure.name for figure in figures] == ["edits", "map"]
    for figure in figures:
        assert figure.svg.startswith("<svg ")
        assert_csp_safe(figure.svg)
        parse_svg(figure.svg)
    edits = figures[0].svg
    for label in EDIT_LABELS:
        assert f">{label}</text>" in edits
    assert "Edit labels (5 beads)" in edits
    assert "1 (20%)" in edits  # counts with their share of the beads
    # The article map: one strip per side, the edits in their label colours, a legend.
    article = figures[1].svg
    assert ">Arabic</text>" in article and ">English</text>" in article
    assert ">omission</text>" in article and ">faithful / paraphrase</text>" in article
    assert ">unknown</text>" in article  # the bead whose label is not an edit label
    # Same data, same SVG (the report is reproducible).
    assert report_plots(links())[1].svg == figures[1].svg


def test_edit_bars_have_one_bar_per_label_in_proportion_to_its_count() -> None:
    table = links()
    table["edit"] = ["omission", "omission", "omission", "faithful", "merge"]
    colours = {"omission": "#c62828", "merge": "#4527a0"}
    root = parse_svg(plots.edit_counts_svg(table, colours))
    bars = root.findall(".//rect[@class='bar']")
    assert [bar.get("data-label") for bar in bars] == list(EDIT_LABELS)
    widths = {bar.get("data-label"): float(bar.get("width", "nan")) for bar in bars}
    assert widths["omission"] > 0 and widths["split"] == 0
    assert widths["faithful"] == pytest.approx(widths["omission"] / 3, abs=0.02)
    assert widths["merge"] == pytest.approx(widths["faithful"], abs=0.02)
    fills = {bar.get("data-label"): bar.get("fill") for bar in bars}
    assert fills["omission"] == "#c62828" and fills["merge"] == "#4527a0"
    assert fills["faithful"] == fills["split"] != fills["omission"]  # no colour given: one grey
    texts = [element.text for element in root.iter("text")]
    assert "3 (60%)" in texts and "1 (20%)" in texts and "0 (0%)" in texts
    # Every bar starts at the axis and fits in the figure.
    width = float(root.get("width", "0"))
    assert len({bar.get("x") for bar in bars}) == 1
    assert all(float(bar.get("x", "0")) + float(bar.get("width", "0")) <= width for bar in bars)


def test_article_map_has_one_cell_per_sentence_in_order_and_colour() -> None:
    colours = {"omission": "#c62828", "merge": "#4527a0", "addition": "#1565c0"}
    root = parse_svg(article_map_svg(links(), colours))
    strips = root.findall(".//g[@class='strip']")
    assert [strip.get("data-side") for strip in strips] == ["Arabic", "English"]
    arabic, english = sentence_labels(links())
    for strip, labels in zip(strips, (arabic, english), strict=True):
        cells = strip.findall("rect")
        assert [cell.get("data-label") for cell in cells] == labels
        xs = [float(cell.get("x", "nan")) for cell in cells]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)  # left to right, in article order
        assert [cell.get("fill") for cell in cells] == [cell_colour(x, colours) for x in labels]
    arabic_fills = [cell.get("fill") for cell in strips[0].findall("rect")]
    assert arabic_fills[0] == NEUTRAL_COLOUR  # faithful is grey
    assert arabic_fills[1] == "#c62828" and arabic_fills[2] == arabic_fills[3] == "#4527a0"
    assert arabic_fills[4] == UNKNOWN_COLOUR  # "rewritten" is no edit label


def test_figures_escape_hostile_labels_and_colours() -> None:
    hostile = '<script>alert(1)</script>" onload="x'
    bars = edit_bars_svg({hostile: 2, "omission": 1}, 3, {"omission": '#c00" onclick="y'})
    cells = sentence_cells_svg([hostile, "omission"], ["", hostile], {hostile: "red"})
    for svg in (bars, cells):
        assert "<script" not in svg and 'onload="' not in svg and 'onclick="' not in svg
        root = parse_svg(svg)
        assert hostile in [element.text for element in root.iter("text")]  # shown as text
        assert {element.tag for element in root.iter()} <= {
            "svg",
            "g",
            "rect",
            "text",
            "line",
            "title",
        }
        assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)


def test_sentence_labels_follow_the_beads_in_article_order() -> None:
    arabic, english = sentence_labels(links())
    assert arabic == ["faithful", "omission", "merge", "merge", "unknown"]
    assert english == ["faithful", "addition", "merge", "unknown"]


@needs_matplotlib
def test_score_histograms_leave_skips_out() -> None:
    svg = plots.score_histograms_svg(links())
    # 3 beads have both sides; the omission and the addition are skips. chrF: all 3 have one.
    assert "alignment score (paired beads): 3 beads" in svg
    assert "chrF (MT vs English): 3 beads" in svg and "n/a" not in svg


def test_report_shows_two_plots_and_keeps_one_style_and_one_script() -> None:
    page = render_report(links(), {"mt": "x"}, {"title": "t"})
    assert page.count("<svg ") == 2
    assert page.count("<style>") == 1 and page.count("<script>") == 1
    assert render_report(links(), {"mt": "x"}, {}, plots=False).count("<svg ") == 0


def test_report_draws_its_plots_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    # Any import of matplotlib (or of one of its modules) now fails.
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setattr(plots, "matplotlib_available", lambda: False)
    page = render_report(links(), {"mt": "x"}, {"title": "t"})
    assert page.count("<svg ") == 2 and 'class="bar"' in page and 'class="cell"' in page
    assert len(re.findall(r'<tr class="bead', page)) == len(links())
    # The score histograms (not in the page) still need it and say how to get it.
    with pytest.raises(Exception, match=r"-e '\.\[report\]'"):
        plots.score_histograms_svg(links())


def test_rendering_the_report_imports_no_matplotlib() -> None:
    code = (
        "import sys, pandas as pd\n"
        "from translate_eval.report.side_by_side import render_report\n"
        "links = pd.DataFrame({'src_ids': ['0'], 'tgt_ids': ['0'], 'src_text': ['a'],"
        " 'tgt_text': ['b'], 'chrf': [50.0], 'edit': ['faithful'], 'flags': ['']})\n"
        "assert render_report(links, {}, {}).count('<svg ') == 2\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    root = Path(__file__).resolve().parents[1]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), *sys.path])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stdout.strip() == "[]"


# ----------------------------------------------------------------------------- word differences


def flagged(pieces: list[tuple[str, bool]]) -> list[str]:
    return [piece for piece, is_flagged in pieces if is_flagged]


def test_diff_words_flags_words_without_counterpart_ignoring_case_and_punctuation() -> None:
    english, mt = diff_words("The army left the city.", "the army withdrew from the city")
    assert flagged(english) == ["left"]
    assert flagged(mt) == ["withdrew", "from"]
    assert "".join(p for p, _ in english) == "The army left the city."
    assert "".join(p for p, _ in mt) == "the army withdrew from the city"


def test_diff_words_keeps_whitespace_and_never_flags_punctuation() -> None:
    english, mt = diff_words("Ten  died ,\tsources said", "ten killed , sources said")
    assert "".join(p for p, _ in english) == "Ten  died ,\tsources said"
    assert flagged(english) == ["died"] and flagged(mt) == ["killed"]
    assert diff_words("same text", "Same TEXT!") == (
        [("same", False), (" ", False), ("text", False)],
        [("Same", False), (" ", False), ("TEXT!", False)],
    )
