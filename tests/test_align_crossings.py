"""Moves the order does not support are put in place; the others keep their flag."""

from __future__ import annotations

import pytest
from test_align_block_edges import moved_pairs, scorer_of
from test_align_moves import SIGNALS, check, english

from translate_eval.align.beads import Bead
from translate_eval.align.crossings import crosses, settle_unsupported_moves


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def in_place(count: int, start: int = 0, shift: int = 0) -> list[Bead]:
    return [Bead((start + k,), (start + k + shift,)) for k in range(count)]


def test_beads_cross_when_their_orders_differ_on_the_two_sides() -> None:
    assert crosses(Bead((3,), (2,)), Bead((2,), (4,)))
    assert crosses(Bead((2,), (4, 5)), Bead((3, 4), (2,)))
    assert not crosses(Bead((3,), (5,)), Bead((2,), (4,)))
    assert not crosses(Bead((2, 3), (4,)), Bead((3,), (2,)))  # sharing a source id: no order


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_move_across_a_pairing_of_lengths_alone_is_put_in_place(signal: str) -> None:
    # source 2 was dropped and an unrelated sentence (English 3) added after source 3's
    # English; a search that paired source 2 with the addition left source 3 to a move
    src = english(10, seed=41)
    tgt = [src[0], src[1], src[3], english(1, seed=141)[0], *src[4:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*in_place(2), Bead((2,), (3,)), Bead((3,), (2,), moved=True), *in_place(6, 4)]
    settled = settle_unsupported_moves(scorer, beads, config)
    check(settled, len(src), len(tgt))
    assert moved_pairs(settled) == []
    assert pairs(settled)[2:5] == [((2,), ()), ((3,), (2,)), ((), (3,))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_bead_put_in_place_takes_the_rest_of_its_sentence(signal: str) -> None:
    # as above, with source 3 split in two English sentences (2, 3) and the addition at 4
    src = english(10, seed=42)
    halves = english(2, seed=142)
    src[3] = halves[0][:-1] + " " + halves[1]
    tgt = [src[0], src[1], *halves, english(1, seed=143)[0], *src[4:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*in_place(2), Bead((2,), (4,)), Bead((3,), (2,), moved=True), Bead((), (3,))]
    beads += in_place(6, 4, shift=1)
    settled = settle_unsupported_moves(scorer, beads, config)
    check(settled, len(src), len(tgt))
    assert moved_pairs(settled) == []
    assert pairs(settled)[2:5] == [((2,), ()), ((3,), (2, 3)), ((), (4,))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_move_across_a_clear_in_place_bead_keeps_its_flag(signal: str) -> None:
    src = english(10, seed=43)
    tgt = [*src[:3], *src[4:8], src[3], *src[8:]]  # source 3 moved after source 7
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*in_place(3), Bead((3,), (7,), moved=True), *in_place(4, 4, shift=-1)]
    beads += in_place(2, 8)
    settled = settle_unsupported_moves(scorer, beads, config)
    assert settled == beads


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_move_crossing_nothing_loses_its_flag_and_crossed_moves_keep_theirs(
    signal: str,
) -> None:
    src = english(8, seed=44)
    tgt = [*src[:4], src[5], src[4], *src[6:]]  # sources 4 and 5 swapped
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*in_place(2), Bead((2,), (2,), moved=True), *in_place(1, 3)]
    beads += [Bead((4,), (5,), moved=True), Bead((5,), (4,), moved=True), *in_place(2, 6)]
    settled = settle_unsupported_moves(scorer, beads, config)
    check(settled, len(src), len(tgt))
    assert moved_pairs(settled) == [((4,), (5,)), ((5,), (4,))]
    assert ((2,), (2,)) in pairs(settled)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_move_across_a_weak_bead_of_several_sentences_keeps_its_flag(signal: str) -> None:
    # the English of source 2 is gone and two unrelated sentences stand where it was; a
    # search that joined them with source 2 in one weak 1-2 bead is crossed by the move of 3
    src = english(10, seed=45)
    fillers = english(2, seed=145)
    tgt = [src[0], src[1], src[3], *fillers, *src[4:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*in_place(2), Bead((2,), (3, 4)), Bead((3,), (2,), moved=True)]
    beads += in_place(6, 4, shift=1)
    assert settle_unsupported_moves(scorer, beads, config) == beads
