"""The figures of report.html: the share of each edit label and the map of the article."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from translate_eval.report.article_map import article_map_svg
from translate_eval.report.plots import Plot, edit_counts_svg


def report_plots(links: pd.DataFrame, colours: Mapping[str, str] | None = None) -> list[Plot]:
    """The report's figures: the share of each edit label
    (:func:`~translate_eval.report.plots.edit_counts_svg`), and where in the article the edits
    fall (:func:`~translate_eval.report.article_map.article_map_svg`). Both are SVG markup
    written directly, so they need no plotting library (matplotlib is not imported).

    Time O(beads + sentences).
    """
    return [
        Plot("edits", "Beads per edit label, and their share", edit_counts_svg(links, colours)),
        Plot(
            "map",
            "Where the edits fall: each Arabic and English sentence in article order, coloured "
            "by its bead's label",
            article_map_svg(links, colours),
        ),
    ]
