"""Strict / lax precision, recall and F1 of alignments, checked against hand-computed values."""

from __future__ import annotations

import pytest

from translate_eval.align.beads import Bead
from translate_eval.align.evaluate import (
    check_gold,
    link_counts,
    outside_suspect_spans,
    score_alignments,
)


def beads(*pairs: tuple[tuple[int, ...], tuple[int, ...]]) -> list[Bead]:
    return [Bead(src, tgt) for src, tgt in pairs]


# gold: 0-0, 1-(1,2), 2 omitted.  test: 0-0, 1-1, 2 added on its own, 2 omitted.
GOLD = beads(((0,), (0,)), ((1,), (1, 2)), ((2,), ()))
TEST = beads(((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ()))


def test_hand_computed_single_document() -> None:
    # Precision over the 4 test beads: 0-0 strict; 1-1 lax only (gold links source 1 to
    # target 1); the 0-1 bead is neither; the 1-0 bead is in the gold: strict.
    # -> strict 2/4, lax 3/4.
    # Recall over the 2 gold beads with both sides: 0-0 strict; 1-(1,2) lax only (the test
    # links source 1 to target 1). -> strict 1/2, lax 2/2.
    scores = score_alignments([GOLD], [TEST])
    assert scores["strict_precision"] == pytest.approx(0.5)
    assert scores["lax_precision"] == pytest.approx(0.75)
    assert scores["strict_recall"] == pytest.approx(0.5)
    assert scores["lax_recall"] == pytest.approx(1.0)
    assert scores["strict_f1"] == pytest.approx(0.5)
    assert scores["lax_f1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_counts_are_pooled_over_documents_not_averaged() -> None:
    perfect = beads(((0,), (0,)))
    scores = score_alignments([GOLD, perfect], [TEST, perfect])
    # precision strict (2 + 1) / (4 + 1); recall strict (1 + 1) / (2 + 1)
    precision, recall = 3 / 5, 2 / 3
    assert scores["strict_precision"] == pytest.approx(precision)
    assert scores["strict_recall"] == pytest.approx(recall)
    assert scores["strict_f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    # lax: precision (3 + 1) / 5, recall (2 + 1) / 3
    assert scores["lax_precision"] == pytest.approx(4 / 5)
    assert scores["lax_recall"] == pytest.approx(1.0)


def test_identical_alignment_scores_one() -> None:
    scores = score_alignments([GOLD], [list(GOLD)])
    assert all(value == pytest.approx(1.0) for value in scores.values())
    assert set(scores) == {
        "strict_precision",
        "strict_recall",
        "strict_f1",
        "lax_precision",
        "lax_recall",
        "lax_f1",
    }


def test_no_overlap_and_empty_test_score_zero() -> None:
    wrong = beads(((0,), (1, 2)), ((1,), (0,)))
    gold = beads(((0,), (0,)), ((1,), (1, 2)))
    scores = score_alignments([gold], [wrong])
    # test 0-(1,2): gold links source 0 only to target 0 -> miss; test 1-0: gold links source
    # 1 to targets 1, 2 -> miss. Everything is 0.
    assert scores["strict_f1"] == 0.0 and scores["lax_f1"] == 0.0
    empty = score_alignments([gold], [[]])
    assert empty["strict_precision"] == 0.0 and empty["strict_recall"] == 0.0


def test_duplicates_and_empty_beads_are_ignored() -> None:
    test = [*beads(((0,), (0,)), ((0,), (0,)), ((), ())), Bead((1,), (1, 2))]
    gold = beads(((0,), (0,)), ((1,), (1, 2)))
    scores = score_alignments([gold], [test])
    assert scores["strict_precision"] == pytest.approx(1.0)
    assert scores["strict_recall"] == pytest.approx(1.0)


def test_lax_credit_for_a_merge_against_two_gold_beads() -> None:
    gold = beads(((0,), (0,)), ((1,), (1,)))
    test = beads(((0, 1), (0, 1)))
    # precision: the 2-2 bead overlaps the gold links -> lax 1/1, strict 0/1.
    # recall: each gold 1-1 is linked in the test -> lax 2/2, strict 0/2.
    scores = score_alignments([gold], [test])
    assert scores["strict_f1"] == 0.0
    assert scores["lax_precision"] == pytest.approx(1.0)
    assert scores["lax_recall"] == pytest.approx(1.0)


def test_document_counts_must_match() -> None:
    with pytest.raises(ValueError):
        score_alignments([GOLD], [])


# A gold whose English numbering slips by one after target 2: target 2 is listed twice (a
# duplicated line), target 5 never; the text's true alignment is 0-0, 1-1, 2-(2,3), 3-4, 4-5.
SHIFTED_GOLD = beads(
    ((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (2, 3)), ((4,), (4,)), ((5,), (6,))
)


def test_check_gold_finds_repeated_and_never_listed_ids() -> None:
    check = check_gold(SHIFTED_GOLD)
    assert not check.consistent
    assert check.tgt_repeated == (2,) and check.tgt_skipped == (5,)
    assert check.src_repeated == () and check.src_skipped == ()
    assert check.spans() == (None, (2, 5))
    assert check.describe() == "target 2 listed twice or more, 5 never"
    assert check_gold(GOLD).consistent and check_gold(GOLD).describe() == "consistent"
    # A repeat inside one bead counts too (AlignAR literature 001 lists [116, 117, 117, 118]).
    assert check_gold(beads(((0,), (0, 1, 1)), ((1,), (2,)))).tgt_repeated == (1,)


def test_outside_suspect_spans_leaves_out_both_sides_touching_the_span() -> None:
    test = beads(
        ((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))
    )
    kept_gold, kept_test, left_out = outside_suspect_spans([SHIFTED_GOLD], [test])
    # Gold beads touching targets 2-5 (sources 2, 3, 4) and the test beads doing the same.
    assert left_out == 3
    assert kept_gold == [beads(((0,), (0,)), ((1,), (1,)), ((5,), (6,)))]
    assert kept_test == [beads(((0,), (0,)), ((1,), (1,)), ((5,), (6,)))]
    assert score_alignments(kept_gold, kept_test)["strict_f1"] == pytest.approx(1.0)
    assert score_alignments([SHIFTED_GOLD], [test])["strict_f1"] < 0.6
    # A consistent gold loses nothing.
    assert outside_suspect_spans([GOLD], [TEST]) == ([GOLD], [TEST], 0)


def test_score_alignment_files_pairs_folders_by_name_and_reports_suspect_gold(tmp_path) -> None:
    from translate_eval.align.evaluate import score_alignment_files
    from translate_eval.errors import InputError

    gold, test, short = tmp_path / "gold", tmp_path / "test", tmp_path / "short"
    for folder in (gold, test, short):
        folder.mkdir()
    (gold / "a.txt").write_text("[0]:[0]\n[1]:[1,2]\n[2]:[]\n")
    (gold / "b.txt").write_text("[0]:[0]\n[0]:[1]\n[2]:[2]\n")  # 0 twice, 1 never: suspect
    (test / "a.txt").write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n")
    (test / "b.txt").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n")
    (short / "a.txt").write_text("[0]:[0]\n")

    scores = score_alignment_files(gold, [test, gold, short])
    assert [name for name, _ in scores.problems] == ["b.txt"]
    rows = scores.rows
    name, first = next(rows)
    assert name == "test"
    golds = [
        GOLD,
        beads(((0,), (0,)), ((0,), (1,)), ((2,), (2,))),
    ]
    tests = [TEST, beads(((0,), (0,)), ((1,), (1,)), ((2,), (2,)))]
    assert first == score_alignments(golds, tests)
    name, without = next(rows)
    assert name.startswith("  without ") and name.endswith(" suspect gold")
    assert without["strict_f1"] >= first["strict_f1"]  # the gold's shifted beads left out
    assert next(rows)[1]["strict_f1"] == 1.0  # the gold against itself
    next(rows)
    with pytest.raises(InputError, match=r"lacks files present in the gold: b\.txt"):
        next(rows)  # checked when its row is reached, after the rows before it
    with pytest.raises(InputError, match="does not exist"):
        score_alignment_files(tmp_path / "missing", [test])


def test_link_counts_add_up_to_the_corpus_scores() -> None:
    gold = [[Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), ())], [Bead((0,), (0, 1))]]
    test = [
        [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((3,), ())],
        [Bead((0,), (0,)), Bead((), (1,))],
    ]
    first, second = (link_counts(g, t) for g, t in zip(gold, test, strict=True))
    # document 0: four test beads, two identical to gold beads, the third linked laxly
    assert (first.tested, first.tested_strict, first.tested_lax) == (4, 2, 3)
    assert (first.gold, first.gold_strict, first.gold_lax) == (2, 1, 2)
    assert (second.tested, second.tested_strict, second.gold, second.gold_strict) == (2, 0, 1, 0)
    assert (first + second).scores() == score_alignments(gold, test)
