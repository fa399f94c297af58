"""The summary of one comparison: counts of edit labels and flags, and document figures.

A pure function of a links table (pandas); nothing is read or written on disk.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from translate_eval.errors import InputError
from translate_eval.links import EDIT_LABELS, FLAG_NAMES, cell_text, parse_flags, parse_ids

# Document-level rows of :func:`edit_summary`, in order, with the words the console uses for them.
DOCUMENT_ROWS: dict[str, str] = {
    "beads": "beads",
    "source_sentences": "source sentences",
    "english_sentences": "English sentences",
    "aligned_beads": "aligned beads (both sides)",
    "source_words_in_omissions": "source words in omissions",
    "english_words_in_additions": "English words in additions",
    "translated_beads": "beads judged translated",
    "judged_translation": "judged a translation (1/0)",
    "changed_with_facts": "changed, counting changed facts",
    "faithful_facts_kept": "faithful or paraphrase, facts kept",
}
#: Flags that say a fact changed (a number, a name, a negation), whatever the label says.
FACT_FLAGS: tuple[str, ...] = ("numbers_differ", "names_differ", "negation_differs")
#: Labels that claim the meaning was kept.
KEPT_LABELS: frozenset[str] = frozenset({"faithful", "paraphrase"})

UNKNOWN_EDIT = "unknown_edit"
UNKNOWN_FLAG = "unknown_flag"

SUMMARY_COLUMNS: tuple[str, ...] = ("group", "count", "share", "mean_chrf")
#: Columns :func:`edit_summary` needs of a links table.
LINKS_COLUMNS_NEEDED: tuple[str, ...] = (
    "src_ids",
    "tgt_ids",
    "src_text",
    "tgt_text",
    "chrf",
    "edit",
    "flags",
)


def _word_count(value: object) -> int:
    return len(cell_text(value).split())


def _require_columns(frame: pd.DataFrame, needed: Iterable[str], what: str) -> None:
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise InputError(
            f"{what} lacks column(s) {', '.join(missing)}; "
            f"expected the columns of links.csv ({', '.join(LINKS_COLUMNS_NEEDED)})"
        )


def _mean_finite(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.size else math.nan


def _share(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def edit_summary(links: pd.DataFrame) -> pd.DataFrame:
    """Count edit labels and flags over the beads of one comparison, plus document figures.

    Returns one row per item, indexed by ``item``, with columns ``group`` (``edit``, ``flag`` or
    ``document``), ``count``, ``share`` and ``mean_chrf``. Rows, in this fixed order:

    - ``edit``: every label of :data:`EDIT_LABELS` (zeros included), then ``unknown_edit`` only
      when some bead carries a label outside that set. ``count`` = beads with the label,
      ``share`` = count / beads, ``mean_chrf`` = mean chrF of those beads (NaN chrF ignored).
    - ``flag``: every flag of :data:`FLAG_NAMES`, then ``unknown_flag`` only when present;
      ``count`` = beads carrying the flag, ``share`` and ``mean_chrf`` as above.
    - ``document`` (see :data:`DOCUMENT_ROWS`): ``beads``; ``source_sentences`` and
      ``english_sentences`` (distinct ids); ``aligned_beads`` (beads with sentences on both
      sides; ``mean_chrf`` is the document's mean chrF over them); ``source_words_in_omissions``
      (words of the Arabic text of ``omission`` beads, ``share`` of all Arabic words) and
      ``english_words_in_additions`` (likewise for ``addition`` beads and English words);
      ``changed_with_facts`` (beads labelled ``changed`` and beads labelled ``faithful`` or
      ``paraphrase`` that carry a flag of :data:`FACT_FLAGS`: a changed number, name or
      negation is a changed meaning) and ``faithful_facts_kept`` (the faithful and paraphrase
      beads without such a flag); ``share`` of all beads, ``mean_chrf`` over them.
      Words are whitespace-separated tokens. Shares of an empty whole are NaN.

    Time O(total text length + beads); memory O(beads).
    """
    _require_columns(links, LINKS_COLUMNS_NEEDED, "the links table")
    bead_count = len(links)
    edits = np.array([cell_text(v).strip() for v in links["edit"]], dtype=object)
    flags_per_bead = [set(parse_flags(v)) for v in links["flags"]]
    chrf = pd.to_numeric(links["chrf"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    src_ids = [parse_ids(v) for v in links["src_ids"]]
    tgt_ids = [parse_ids(v) for v in links["tgt_ids"]]
    src_words = np.array([_word_count(v) for v in links["src_text"]], dtype=np.int64)
    tgt_words = np.array([_word_count(v) for v in links["tgt_text"]], dtype=np.int64)

    rows: list[tuple[str, str, int, float, float]] = []

    def add_mask_row(item: str, group: str, mask: np.ndarray) -> None:
        count = int(mask.sum())
        rows.append((item, group, count, _share(count, bead_count), _mean_finite(chrf[mask])))

    known_edits = set(EDIT_LABELS)
    for label in EDIT_LABELS:
        add_mask_row(label, "edit", edits == label)
    unknown_edit_mask = np.array([label not in known_edits for label in edits], dtype=bool)
    if unknown_edit_mask.any():
        add_mask_row(UNKNOWN_EDIT, "edit", unknown_edit_mask)

    known_flags = set(FLAG_NAMES)
    for flag in FLAG_NAMES:
        add_mask_row(flag, "flag", np.array([flag in f for f in flags_per_bead], dtype=bool))
    unknown_flag_mask = np.array([bool(f - known_flags) for f in flags_per_bead], dtype=bool)
    if unknown_flag_mask.any():
        add_mask_row(UNKNOWN_FLAG, "flag", unknown_flag_mask)

    aligned_mask = np.array(
        [bool(s) and bool(t) for s, t in zip(src_ids, tgt_ids, strict=True)], dtype=bool
    )
    omitted_words = int(src_words[edits == "omission"].sum())
    added_words = int(tgt_words[edits == "addition"].sum())
    total_src_words = int(src_words.sum())
    total_tgt_words = int(tgt_words.sum())
    src_sentences = len({i for ids in src_ids for i in ids})
    tgt_sentences = len({i for ids in tgt_ids for i in ids})
    nan = math.nan
    rows.append(("beads", "document", bead_count, nan, nan))
    rows.append(("source_sentences", "document", src_sentences, nan, nan))
    rows.append(("english_sentences", "document", tgt_sentences, nan, nan))
    add_mask_row("aligned_beads", "document", aligned_mask)
    rows.append(
        (
            "source_words_in_omissions",
            "document",
            omitted_words,
            _share(omitted_words, total_src_words),
            nan,
        )
    )
    rows.append(
        (
            "english_words_in_additions",
            "document",
            added_words,
            _share(added_words, total_tgt_words),
            nan,
        )
    )

    kept = np.array([label in KEPT_LABELS for label in edits], dtype=bool)
    fact = np.array([bool(f & set(FACT_FLAGS)) for f in flags_per_bead], dtype=bool)
    add_mask_row("changed_with_facts", "document", (edits == "changed") | (kept & fact))
    add_mask_row("faithful_facts_kept", "document", kept & ~fact)

    summary = pd.DataFrame.from_records(rows, columns=["item", *SUMMARY_COLUMNS])
    summary = summary.set_index("item")
    summary["count"] = summary["count"].astype(np.int64)
    summary["share"] = summary["share"].astype(float)
    summary["mean_chrf"] = summary["mean_chrf"].astype(float)
    return summary
