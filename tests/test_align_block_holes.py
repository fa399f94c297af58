"""Holes in moved blocks: the sentences left over between two beads of a moved block."""

from __future__ import annotations

import random

import pytest
from test_align_block_edges import moved_pairs, scorer_of
from test_align_moves import SIGNALS, check, english

from translate_eval.align.beads import Bead
from translate_eval.align.block_holes import fill_block_holes


def rewritten(sentence: str, keep: int | None, seed: int) -> str:
    """``sentence`` with every word but one in ``keep`` replaced by a new word of the same
    length (no word kept when ``keep`` is None): the lengths match, the content less or not."""
    rng = random.Random(seed)
    words = sentence[:-1].split()
    return (
        " ".join(
            word
            if keep is not None and k % keep == 0
            else "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in word)
            for k, word in enumerate(words)
        )
        + "."
    )


def block_with_hole(src: list[str], middle: str) -> tuple[list[str], list[Bead]]:
    """Sources 5-8 moved after source 19 (English 16-19), source 6's English replaced by
    ``middle``; the beads a block search leaves: 5, 7, 8 moved, source 6 and English 17 skips."""
    tgt = [*src[:5], *src[9:20], src[5], middle, src[7], src[8], *src[20:]]
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((9 + k,), (5 + k,)) for k in range(11)]
    beads += [Bead((5,), (16,), moved=True), Bead((6,), ()), Bead((), (17,))]
    beads += [Bead((7,), (18,), moved=True), Bead((8,), (19,), moved=True)]
    beads += [Bead((20 + k,), (20 + k,)) for k in range(10)]
    return tgt, beads


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_rewritten_sentence_inside_a_moved_block_is_paired_there(signal: str) -> None:
    # the editor rewrote source 6 keeping one word in four: the block search left it over
    src = english(30, seed=41)
    tgt, beads = block_with_hole(src, rewritten(src[6], 4, seed=141))
    scorer, config = scorer_of(signal, src, tgt)
    filled = fill_block_holes(scorer, beads, config)
    check(filled, len(src), len(tgt))
    assert moved_pairs(filled) == [((5,), (16,)), ((6,), (17,)), ((7,), (18,)), ((8,), (19,))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_an_unrelated_sentence_of_the_same_length_stays_a_skip(signal: str) -> None:
    # no word in common: the cost model prices the pair above two skips, and the place
    # alone does not pair them
    src = english(30, seed=42)
    tgt, beads = block_with_hole(src, rewritten(src[6], None, seed=142))
    scorer, config = scorer_of(signal, src, tgt)
    filled = fill_block_holes(scorer, beads, config)
    assert sorted((b.src, b.tgt, b.moved) for b in filled) == sorted(
        (b.src, b.tgt, b.moved) for b in beads
    )


@pytest.mark.parametrize("signal", SIGNALS)
def test_skips_beside_a_single_move_are_no_hole(signal: str) -> None:
    # the skips stand between a moved bead and an in-place one: no block holds them
    src = english(30, seed=43)
    tgt, beads = block_with_hole(src, rewritten(src[6], 4, seed=143))
    beads = [Bead(b.src, b.tgt, b.score, moved=False) if b.src == (5,) else b for b in beads]
    scorer, config = scorer_of(signal, src, tgt)
    filled = fill_block_holes(scorer, beads, config)
    assert Bead((6,), ()) in filled and Bead((), (17,)) in filled
    assert not any(b.src == (6,) and b.tgt for b in filled)


@pytest.mark.parametrize("signal", SIGNALS)
def test_the_rest_of_a_sentence_inside_a_moved_block_joins_its_bead(signal: str) -> None:
    # source 6 is two English sentences (17, 18) in the moved block; 18 was left over with no
    # source skip beside it: the search of the block's two beads and the skip gives a 1-2 bead
    src = english(30, seed=44)
    halves = english(2, seed=144)
    src[6] = halves[0][:-1] + " " + halves[1]
    tgt = [*src[:5], *src[9:20], src[5], *halves, src[7], src[8], *src[20:]]
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((9 + k,), (5 + k,)) for k in range(11)]
    beads += [Bead((5,), (16,), moved=True), Bead((6,), (17,), moved=True), Bead((), (18,))]
    beads += [Bead((7,), (19,), moved=True), Bead((8,), (20,), moved=True)]
    beads += [Bead((20 + k,), (21 + k,)) for k in range(10)]
    scorer, config = scorer_of(signal, src, tgt)
    filled = fill_block_holes(scorer, beads, config)
    check(filled, len(src), len(tgt))
    assert moved_pairs(filled) == [((5,), (16,)), ((6,), (17, 18)), ((7,), (19,)), ((8,), (20,))]
