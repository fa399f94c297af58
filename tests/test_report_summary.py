"""Tests of the summary of one comparison (edit labels, flags and document figures)."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest
from links_examples import small_links

from translate_eval.errors import InputError
from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval.report.summary import edit_summary


def test_edit_rows_list_every_label_in_order_with_hand_counted_figures() -> None:
    summary = edit_summary(small_links())
    edit_rows = summary[summary["group"] == "edit"]
    assert list(edit_rows.index) == list(EDIT_LABELS)
    expected_counts = {
        "faithful": 1,
        "paraphrase": 1,
        "omission": 1,
        "addition": 1,
        "merge": 1,
        "split": 1,
        "partial_omission": 0,
        "partial_addition": 0,
        "changed": 0,
    }
    assert edit_rows["count"].to_dict() == expected_counts
    assert edit_rows.loc["merge", "share"] == pytest.approx(1 / 6)
    assert edit_rows.loc["changed", "share"] == 0.0
    assert edit_rows.loc["faithful", "mean_chrf"] == pytest.approx(80.0)
    assert math.isnan(edit_rows.loc["omission", "mean_chrf"])


def test_flag_rows_count_beads_carrying_each_flag() -> None:
    summary = edit_summary(small_links())
    flag_rows = summary[summary["group"] == "flag"]
    assert list(flag_rows.index) == list(FLAG_NAMES)
    assert flag_rows["count"].to_dict() == {
        "numbers_differ": 1,
        "names_differ": 1,
        "negation_differs": 0,
        "moved": 2,
        "attribution_differs": 0,
        "hedging_differs": 0,
    }
    assert flag_rows.loc["moved", "share"] == pytest.approx(2 / 6)
    # moved beads: merge (chrF 50) and split (chrF NaN) -> mean over the one finite value.
    assert flag_rows.loc["moved", "mean_chrf"] == pytest.approx(50.0)


def test_document_figures() -> None:
    summary = edit_summary(small_links())
    assert summary.loc["beads", "count"] == 6
    assert summary.loc["source_sentences", "count"] == 6  # ids 0..5
    assert summary.loc["english_sentences", "count"] == 6  # ids 0..5
    assert summary.loc["source_words_in_omissions", "count"] == 3
    assert summary.loc["source_words_in_omissions", "share"] == pytest.approx(3 / 12)
    assert summary.loc["english_words_in_additions", "count"] == 3
    assert summary.loc["english_words_in_additions", "share"] == pytest.approx(3 / 10)
    # aligned beads: faithful, merge, paraphrase, split; chrF 80, 50, 40 (split has none).
    assert summary.loc["aligned_beads", "count"] == 4
    assert summary.loc["aligned_beads", "mean_chrf"] == pytest.approx((80 + 50 + 40) / 3)


def test_unknown_labels_and_flags_get_their_own_rows_only_when_present() -> None:
    links = small_links()
    assert "unknown_edit" not in edit_summary(links).index
    links.loc[0, "edit"] = "rewritten"
    links.loc[1, "flags"] = "moved;tone_differs"
    summary = edit_summary(links)
    assert summary.loc["unknown_edit", "count"] == 1
    assert summary.loc["faithful", "count"] == 0
    assert summary.loc["unknown_flag", "count"] == 1
    assert summary.loc["moved", "count"] == 3


def test_summary_is_the_same_after_a_csv_round_trip_of_the_links() -> None:
    links = small_links()
    reread = pd.read_csv(io.StringIO(links.to_csv(index=False)))
    # pandas reads "" as NaN and "4" as a number; the summary must not care.
    pd.testing.assert_frame_equal(edit_summary(reread), edit_summary(links))


def test_empty_links_give_zero_counts_and_undefined_shares() -> None:
    empty = small_links().iloc[0:0]
    summary = edit_summary(empty)
    assert (summary["count"] == 0).all()
    assert summary["share"].isna().all()


def test_missing_columns_raise_a_one_line_input_error() -> None:
    with pytest.raises(InputError, match="edit") as caught:
        edit_summary(small_links().drop(columns=["edit"]))
    assert "\n" not in str(caught.value)


def test_a_faithful_bead_with_a_changed_fact_counts_as_changed() -> None:
    links = small_links()
    summary = edit_summary(links)
    # small_links: faithful (no flag) and paraphrase (names_differ) keep their labels ...
    assert summary.loc["faithful", "count"] == 1 and summary.loc["paraphrase", "count"] == 1
    # ... but the paraphrase whose name changed is counted as changed, not as kept.
    labels = dict(zip(links["edit"], links["flags"], strict=True))
    assert labels["paraphrase"] == "names_differ" and labels["faithful"] == ""
    assert summary.loc["changed_with_facts", "count"] == 1
    assert summary.loc["faithful_facts_kept", "count"] == 1
    assert summary.loc["changed_with_facts", "share"] == pytest.approx(1 / 6)
    # moved and hedging are not facts; a changed label counts whatever its flags.
    links.loc[links["edit"] == "paraphrase", "flags"] = "moved;hedging_differs"
    links.loc[links["edit"] == "merge", "edit"] = "changed"
    again = edit_summary(links)
    assert again.loc["changed_with_facts", "count"] == 1
    assert again.loc["faithful_facts_kept", "count"] == 2
