"""Where in the article the edits fall: every Arabic and English sentence in article order,
coloured by the edit label of its bead, as CSP-safe inline SVG (matplotlib)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from translate_eval.links import EDIT_LABELS, cell_text, parse_ids
from translate_eval.report.plots import figure_to_svg, new_figure, rc_params, require_matplotlib

#: Labels drawn in a neutral colour, so that the edits stand out.
NEUTRAL_LABELS: frozenset[str] = frozenset({"faithful", "paraphrase"})
_NEUTRAL_COLOUR = "#cfd8dc"
_UNKNOWN_COLOUR = "#424242"


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
    (faithful and paraphrase grey), with a legend of the labels present. Time O(beads)."""
    require_matplotlib()
    arabic, english = sentence_labels(links)
    return _article_map_svg(tuple(arabic), tuple(english), tuple(sorted((colours or {}).items())))


@functools.lru_cache(maxsize=16)
def _article_map_svg(
    arabic: tuple[str, ...], english: tuple[str, ...], colour_items: tuple[tuple[str, str], ...]
) -> str:
    import matplotlib
    from matplotlib.patches import Patch

    colours = dict(colour_items)

    def colour(label: str) -> str:
        if label in NEUTRAL_LABELS or not label:
            return _NEUTRAL_COLOUR
        return colours.get(label, _UNKNOWN_COLOUR)

    with matplotlib.rc_context(rc_params("map")):
        figure = new_figure(7.0, 1.9)
        axes = figure.add_subplot()
        for row, (name, labels) in enumerate((("Arabic", arabic), ("English", english))):
            cells = [(index, 0.92) for index in range(len(labels))]
            axes.broken_barh(
                cells, (1 - row - 0.4, 0.8), facecolors=[colour(label) for label in labels]
            )
            axes.text(-0.6, 1 - row, name, ha="right", va="center")
        width = max(len(arabic), len(english), 1)
        axes.set_xlim(-0.2, width)
        axes.set_ylim(-0.6, 1.6)
        axes.set_yticks([])
        axes.set_xlabel("sentence, in article order")
        axes.xaxis.get_major_locator().set_params(integer=True)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        present = [label for label in EDIT_LABELS if label in set(arabic) | set(english)]
        handles = [
            Patch(facecolor=colour(label), label=label)
            for label in present
            if label not in NEUTRAL_LABELS
        ]
        handles.append(Patch(facecolor=_NEUTRAL_COLOUR, label="faithful / paraphrase"))
        figure.legend(handles=handles, loc="outside upper center", ncols=4, frameon=False)
        return figure_to_svg(figure, "map", "where the edits fall in the article")
