"""Documents x edit types and examples of each edit type: pure functions of links tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.links import EDIT_LABELS, FLAG_NAMES, cell_text
from translate_eval.report.summary import UNKNOWN_EDIT, edit_summary

EXAMPLE_COLUMNS: tuple[str, ...] = (
    "edit",
    "bead",
    "link",
    "flags",
    "src_text",
    "tgt_text",
    "mt_text",
    "chrf",
)


# ----------------------------------------------------------------------------- documents x edits


def _named_links(links: pd.DataFrame | Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    if isinstance(links, pd.DataFrame):
        return {"document": links}
    return {str(name): frame for name, frame in links.items()}


def edit_types_by_document(
    documents: Mapping[str, pd.DataFrame], *, shares: bool = False, total: bool = True
) -> pd.DataFrame:
    """Documents x edit types: beads per edit label and per flag for each document.

    ``documents``: name -> links table. Columns: ``beads``, every label of
    :data:`~translate_eval.links.EDIT_LABELS` (``unknown_edit`` only when present), then
    every flag, then ``omitted_words`` (Arabic words in omission beads) and ``added_words``
    (English words in addition beads). With ``shares`` each label and flag column is divided
    by the document's beads. With ``total`` (and more than one document) a last row ``total``
    sums the counts (shares recomputed over all beads). Counts come from :func:`edit_summary`.
    Time O(total text).
    """
    if not documents:
        raise InputError("no documents given")
    summaries = {name: edit_summary(links) for name, links in documents.items()}
    has_unknown = any(UNKNOWN_EDIT in summary.index for summary in summaries.values())
    labels = [*EDIT_LABELS, *([UNKNOWN_EDIT] if has_unknown else [])]
    columns = ["beads", *labels, *FLAG_NAMES, "omitted_words", "added_words"]
    rows: dict[str, list[int]] = {}
    for name, summary in summaries.items():
        counts = summary["count"]
        rows[name] = [
            int(counts["beads"]),
            *(int(counts[label]) if label in counts else 0 for label in labels),
            *(int(counts[flag]) for flag in FLAG_NAMES),
            int(counts["source_words_in_omissions"]),
            int(counts["english_words_in_additions"]),
        ]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    table.index.name = "document"
    if total and len(table) > 1:
        table.loc["total"] = table.sum(axis=0)
    table = table.astype(np.int64)
    if shares:
        share_columns = [*labels, *FLAG_NAMES]
        beads = table["beads"].replace(0, np.nan)
        table[share_columns] = table[share_columns].astype(float).div(beads, axis=0)
    return table


# ----------------------------------------------------------------------------- edit examples


def shorten(text: str, max_chars: int) -> str:
    """``text`` with whitespace runs collapsed, cut at a word boundary to at most ``max_chars``
    characters with "…" appended when cut. O(len(text))."""
    flat = " ".join(text.split())
    if max_chars <= 0 or len(flat) <= max_chars:
        return flat
    cut = flat[: max_chars - 1]
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def edit_examples(
    links: pd.DataFrame | Mapping[str, pd.DataFrame],
    *,
    per_label: int = 2,
    max_chars: int = 160,
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Examples of each edit label: the first ``per_label`` beads carrying it, in document
    order (documents in the order given), texts shortened to ``max_chars`` (0: full text).

    ``links``: one links table, or name -> links table (then a ``document`` column leads).
    ``labels``: which labels, in order (default: every edit label, ``faithful`` last, since
    the edits are what a reader looks for). Columns :data:`EXAMPLE_COLUMNS`. Time O(beads).
    """
    if per_label < 1:
        raise InputError("per_label must be at least 1")
    documents = _named_links(links)
    several = not isinstance(links, pd.DataFrame)
    order = list(labels) if labels is not None else [*EDIT_LABELS[1:], EDIT_LABELS[0]]
    rows: list[dict[str, Any]] = []
    for label in order:
        found = 0
        for name, frame in documents.items():
            if found >= per_label:
                break
            for position, (_, bead) in enumerate(frame.iterrows()):
                if cell_text(bead.get("edit")).strip() != label:
                    continue
                chrf = pd.to_numeric(pd.Series([bead.get("chrf")]), errors="coerce").iloc[0]
                number = bead.get("bead", position)
                row: dict[str, Any] = {"document": name} if several else {}
                row.update(
                    {
                        "edit": label,
                        "bead": int(number) if not pd.isna(number) else position,
                        "link": cell_text(bead.get("link")),
                        "flags": cell_text(bead.get("flags")),
                        "src_text": shorten(cell_text(bead.get("src_text")), max_chars),
                        "tgt_text": shorten(cell_text(bead.get("tgt_text")), max_chars),
                        "mt_text": shorten(cell_text(bead.get("mt_text")), max_chars),
                        "chrf": float(chrf),
                    }
                )
                rows.append(row)
                found += 1
                if found >= per_label:
                    break
    columns = (["document"] if several else []) + list(EXAMPLE_COLUMNS)
    return pd.DataFrame(rows, columns=columns)
