"""Document-level figures over scored beads: edit and flag counts, omitted and added word shares,
changed numbers and names, name variants, mean chrF."""

from __future__ import annotations

import numpy as np
import pandas as pd

from translate_eval.links import EDIT_LABELS, cell_text
from translate_eval.score.checks import compare_names, compare_numbers
from translate_eval.score.signals import FLAG_ORDER
from translate_eval.text.exonyms import setting_nations
from translate_eval.text.tokens import arabic_tokens


def _word_count(text: object) -> int:
    """Whitespace-separated words of a text cell."""
    return len(cell_text(text).split())


def summarize(scored: pd.DataFrame) -> pd.DataFrame:
    """Figures over the beads of :func:`~translate_eval.score.beads.score_beads`: one row per
    item, indexed by ``item``, with columns ``group`` (``edit``, ``flag`` or ``document``) and
    ``value``.

    - ``edit`` rows: the number of beads with each label of :data:`EDIT_LABELS` (zeros kept).
    - ``flag`` rows: the number of beads carrying each flag of
      :data:`~translate_eval.score.signals.FLAG_ORDER`.
    - ``document`` rows: ``beads``; ``omitted_source_word_share`` (source words in omission
      beads / all source words); ``partly_omitted_source_word_share`` (source words in the
      uncovered runs of partial_omission beads / all source words);
      ``added_english_word_share`` (English words in addition beads / all English words);
      ``numbers_changed`` (numbers of the source without their value in the English, over
      beads with both sides); ``names_changed`` (English names without counterpart facing a
      source name, over beads flagged names_differ); ``name_variant_groups`` (names spelt
      more than one way in the English); ``mean_chrf`` over beads where chrF was measured
      (NaN if none).
    Words are whitespace-separated tokens. O(total characters).
    """
    edits = [str(v) for v in scored["edit"]]
    flag_sets = [
        set(str(v).split(";")) if isinstance(v, str) and v else set() for v in scored["flags"]
    ]
    src_words = np.array([_word_count(v) for v in scored["src_text"]], dtype=float)
    tgt_words = np.array([_word_count(v) for v in scored["tgt_text"]], dtype=float)
    is_omission = np.array([e == "omission" for e in edits], dtype=bool)
    is_addition = np.array([e == "addition" for e in edits], dtype=bool)
    gap_texts = scored["src_gap_text"] if "src_gap_text" in scored.columns else [""] * len(edits)
    partly = sum(
        _word_count(text) for text, edit in zip(gap_texts, edits, strict=True)
        if edit == "partial_omission"
    )  # fmt: skip
    numbers_changed = 0
    names_changed = 0
    nations = setting_nations([w for v in scored["src_text"] for w in arabic_tokens(cell_text(v))])
    for src, tgt, flags in zip(scored["src_text"], scored["tgt_text"], flag_sets, strict=True):
        if "numbers_differ" in flags:
            numbers_changed += len(compare_numbers(cell_text(src), cell_text(tgt)).only_source)
        if "names_differ" in flags:
            names = compare_names(cell_text(src), cell_text(tgt), nations=nations)
            names_changed += len(names.unmatched_english)
    variant_groups = {
        group for cell in scored.get("name_variants", pd.Series(dtype=object))
        for group in str(cell or "").split("; ") if group
    }  # fmt: skip
    chrf = pd.to_numeric(scored["chrf"], errors="coerce").to_numpy(dtype=float)
    rows: list[tuple[str, str, float]] = []
    rows.extend((label, "edit", float(edits.count(label))) for label in EDIT_LABELS)
    rows.extend(
        (flag, "flag", float(sum(flag in flags for flags in flag_sets))) for flag in FLAG_ORDER
    )
    total_src = src_words.sum()
    rows.append(("beads", "document", float(len(scored))))
    rows.append(
        (
            "omitted_source_word_share",
            "document",
            float(src_words[is_omission].sum() / total_src) if total_src else np.nan,
        )
    )
    rows.append(
        (
            "partly_omitted_source_word_share",
            "document",
            float(partly / total_src) if total_src else np.nan,
        )
    )
    rows.append(
        (
            "added_english_word_share",
            "document",
            float(tgt_words[is_addition].sum() / tgt_words.sum()) if tgt_words.sum() else np.nan,
        )
    )
    rows.append(("numbers_changed", "document", float(numbers_changed)))
    rows.append(("names_changed", "document", float(names_changed)))
    rows.append(("name_variant_groups", "document", float(len(variant_groups))))
    measured = chrf[~np.isnan(chrf)]
    rows.append(("mean_chrf", "document", float(measured.mean()) if measured.size else np.nan))
    summary = pd.DataFrame(rows, columns=["item", "group", "value"]).set_index("item")
    return summary
