"""Flags scored against gold edits: the gold-kind map and precision / recall counts."""

from __future__ import annotations

import pandas as pd

from translate_eval.links import FLAG_NAMES
from translate_eval_bench.flag_eval import (
    flag_edits,
    flag_matches,
    gold_bead_links,
    other_reading,
    too_few_gold,
    with_rates,
)
from translate_eval_bench.realnews import GoldEdit


def test_gold_kinds_map_onto_flags_and_other_kinds_are_left_out() -> None:
    edits = [
        GoldEdit("hedging", (0,), (0,)),
        GoldEdit("attribution", (1,), (1,)),
        GoldEdit("split", (2,), (2, 3)),
    ]
    assert [e.kind for e in flag_edits(edits)] == ["hedging_differs", "attribution_differs"]


def test_flag_matches_counts_found_predicted_and_correct() -> None:
    links = pd.DataFrame(
        {
            "src_ids": ["0", "1", "2", ""],
            "tgt_ids": ["0", "1", "2", "3"],
            "edit": ["faithful", "changed", "faithful", "addition"],
            "flags": ["numbers_differ", "numbers_differ;hedging_differs", "", ""],
        }
    )
    edits = [
        GoldEdit("numbers_differ", (1,), (1,)),
        GoldEdit("numbers_differ", (2,), (2,)),
        GoldEdit("addition", (), (3,)),
    ]
    table = with_rates(flag_matches(links, edits))
    assert list(table.index) == list(FLAG_NAMES)
    numbers = table.loc["numbers_differ"]
    assert (numbers["gold"], numbers["found"], numbers["predicted"], numbers["correct"]) == (
        2,
        1,
        2,
        1,
    )
    assert numbers["recall"] == 0.5 and numbers["precision"] == 0.5
    hedging = table.loc["hedging_differs"]
    assert hedging["gold"] == 0 and hedging["predicted"] == 1 and hedging["precision"] == 0
    assert pd.isna(hedging["recall"])
    # The edit label is not a flag: additions are not counted here.
    assert "addition" not in table.index


def test_kinds_with_few_gold_edits_are_named() -> None:
    table = pd.DataFrame({"gold": [0, 4, 5]}, index=["a", "b", "c"])
    assert too_few_gold(table) == ["a", "b"]


def test_gold_bead_links_flag_the_gold_beads_with_both_sides() -> None:
    arabic = ["قال المصدر إن القوات وصلت", "وصلت 30 دبابة", "انسحبت القوات"]
    english = ["Forces arrived.", "40 tanks arrived.", "Forces withdrew."]
    links = gold_bead_links([((0,), (0,)), ((1,), (1,)), ((2,), ())], arabic, english)
    assert list(links["src_ids"]) == [[0], [1]]  # the bead with one side is left out
    assert links["flags"].tolist() == [["attribution_differs"], ["numbers_differ"]]
    table = flag_matches(links, [GoldEdit("attribution", (0,), (0,))])
    assert table.loc["attribution_differs", "correct"] == 1
    assert table.loc["numbers_differ", "correct"] == 0


def test_a_gold_pairing_across_a_gold_move_is_the_other_reading_of_that_swap() -> None:
    # the gold: ages (sources 1-2) at English 9-11, the claims (4-5, English 3-4) moved ahead
    gold = [((0,), (0,)), ((4,), (3,)), ((5,), (4,)), ((1,), (9,)), ((2,), (10, 11))]
    move = GoldEdit("moved", (4, 5), (3, 4))
    assert other_reading({2}, {10, 11}, gold, [move]) == move
    assert other_reading({2}, {10}, gold, [move]) == move  # inside a gold bead
    assert other_reading({2}, {3}, gold, [move]) is None  # not a gold pairing
    assert other_reading({0}, {0}, gold, [move]) is None  # before the move on both sides
    assert other_reading({1}, {9}, gold, [GoldEdit("numbers_differ", (4,), (3,))]) is None
