"""Restructured content: moved blocks, anchor pairs and spread (non-contiguous) links."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from test_align_moves import SIGNALS, BagEncoder, check, cipher, english, run

from translate_eval.align import Aligner, preset_config, score_alignments
from translate_eval.align.bead_sets import set_cost
from translate_eval.align.beads import Bead
from translate_eval.align.blocks import (
    _keeps_moves,
    _longest_chain,
    _restore_moves,
    in_place_order,
    move_blocks,
)
from translate_eval.align.spread import _at_home, _charge


def move_block(sentences: list[str], start: int, stop: int, destination: int) -> list[str]:
    """``sentences`` with ``sentences[start:stop]`` taken out and put back before what was
    ``sentences[destination]`` (``destination >= stop``)."""
    block = sentences[start:stop]
    rest = sentences[:start] + sentences[stop:]
    at = destination - (stop - start)
    return rest[:at] + block + rest[at:]


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial"])
def test_a_moved_block_of_three_comes_back_as_moved_one_to_one_beads(
    signal: str, preset: str
) -> None:
    src = english(30, seed=11)
    tgt = move_block(src, 5, 8, 22)  # the English of sources 5-7 now stands at 19-21
    beads = run(signal, src, tgt, preset_config(preset))
    check(beads, len(src), len(tgt))
    moved = sorted((b.src, b.tgt) for b in beads if b.moved)
    assert moved == [((5,), (19,)), ((6,), (20,)), ((7,), (21,))]
    kept = [(b.src, b.tgt) for b in beads if not b.moved]
    assert all(len(s) == 1 and len(t) == 1 for s, t in kept)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_moved_block_with_a_split_keeps_the_split(signal: str) -> None:
    # source 6 is two English sentences, and the block of sources 5-7 moved far down: single
    # moves cannot hold a 1-2 bead, the block search does
    english_src = english(30, seed=12)
    halves = english(2, seed=99)
    english_src[6] = halves[0][:-1] + " " + halves[1]
    tgt = [*english_src[:6], *halves, *english_src[7:]]  # 31 sentences: 6 -> (6, 7)
    tgt = move_block(tgt, 5, 9, 24)  # English 5-8 (sources 5-7) now at 20-23
    config = preset_config("parallel")
    beads = run(signal, english_src, tgt, config)
    check(beads, len(english_src), len(tgt))
    moved = sorted((b.src, b.tgt) for b in beads if b.moved)
    assert moved == [((5,), (20,)), ((6,), (21, 22)), ((7,), (23,))]
    single_moves_only = run(
        signal, english_src, tgt, dataclasses.replace(config, restructure=False)
    )
    assert ((6,), (21, 22)) not in [(b.src, b.tgt) for b in single_moves_only]


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial", "restructured"])
def test_a_moved_block_whose_split_was_paired_one_to_one_comes_back_whole(
    signal: str, preset: str
) -> None:
    # sources 5-8 moved far down, source 6 split in two English sentences, the second of four
    # words: the single moves pair 6 with the first part alone, and adding the short part
    # gains less than a move's penalty; the block stage reshapes that move (already paid for)
    # into the block's 1-2 bead
    english_src = english(30, seed=21)
    first, second = english(2, seed=95)
    tail = " ".join(second.split()[:4]).rstrip(".") + "."
    english_src[6] = first[:-1] + " " + tail
    tgt = [*english_src[:6], first, tail, *english_src[7:]]  # 6 -> (6, 7)
    tgt = move_block(tgt, 5, 10, 26)  # English 5-9 (sources 5-8) now at 21-25
    beads = run(signal, english_src, tgt, preset_config(preset))
    check(beads, len(english_src), len(tgt))
    moved = sorted((b.src, b.tgt) for b in beads if b.moved)
    assert moved == [((5,), (21,)), ((6,), (22, 23)), ((7,), (24,)), ((8,), (25,))]


def test_a_chain_holds_weak_beads_and_short_gaps_between_strong_ones() -> None:
    config = preset_config("editorial")  # move_z 2, block_z 1
    skip, weak, strong, unrelated = (-np.inf, -np.inf), (1.5, 1.2), (6.0, 5.0), (0.2, 0.1)
    steps = [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 0, 1), (2, 2, 1, 2), (3, 4, 1, 1), (4, 5, 1, 1)]
    z = [strong, skip, skip, weak, strong, unrelated]
    kept = _longest_chain(steps, z, config)
    # the unrelated last bead is split; the chain bridges two skips and keeps the weak 1-2 bead
    assert [s for s in kept if s[2] and s[3]] == steps[:1] + steps[3:5]
    # three skips between the two strong beads: two chains of one strong bead each, none kept
    apart = [(0, 0, 1, 1), (1, 1, 1, 0), (2, 1, 0, 1), (2, 2, 1, 0), (3, 2, 1, 1)]
    assert not [
        s
        for s in _longest_chain(apart, [strong, skip, skip, skip, strong], config)
        if s[2] and s[3]
    ]
    # a chain of weak beads is never a block; one strong bead is enough where the block
    # reshapes a move already made
    assert not [s for s in _longest_chain(steps[3:5], [weak, weak], config) if s[2] and s[3]]
    one = _longest_chain(steps[3:5], [weak, strong], config, strong_beads=1)
    assert one == steps[3:5]


def test_a_block_grows_the_moves_made_before_it_and_never_undoes_one() -> None:
    # a block search of sources 21-22 and English 59-63 gave [21]:[59, 60, 61] and left the
    # earlier move [22]:[62] as skips, and English 63 of the spread bead [20]:[63, 70]
    earlier = [Bead((21,), (59,), moved=True), Bead((22,), (62,), moved=True)]
    earlier.append(Bead((20,), (63, 70), moved=True))  # a spread bead partly outside the runs
    steps = [(21, 59, 1, 3), (22, 62, 1, 0), (23, 62, 0, 1), (23, 63, 0, 1)]
    kept, restored = _restore_moves(earlier, [0, 1, 2], steps, range(21, 23), range(59, 64))
    assert restored == {1, 2}  # both stay as they were; [21]:[59] grows
    assert kept == [(21, 59, 1, 3)]
    assert _keeps_moves([earlier[0]], kept)
    # a move split between a new bead and skips, or between two beads, is undone: refused
    assert not _keeps_moves([Bead((21,), (59, 60), moved=True)], [(21, 59, 1, 1), (22, 60, 0, 1)])
    assert not _keeps_moves([Bead((21, 22), (59,), moved=True)], [(21, 58, 1, 1), (22, 59, 1, 1)])


def test_a_sentence_is_at_home_between_the_in_place_beads_around_its_source() -> None:
    # in-place beads [0]:[0], [1]:[1, 2], [4]:[6]; source 2 (moved elsewhere) belongs after
    # English 2 and before English 6
    fixed = [(0, 0, 0, 0), (1, 1, 1, 2), (4, 4, 6, 6)]
    assert [j for j in range(8) if _at_home(fixed, (2,), j)] == [3, 4, 5]
    assert [j for j in range(8) if _at_home(fixed, (5,), j)] == [7]
    assert [j for j in range(3) if _at_home([], (0,), j)] == [0, 1, 2]
    # what a link must gain beyond its neighbours': spread_gain into an in-place bead, nothing
    # into a moved bead from its source's home, and a moved bead takes nothing from elsewhere
    config = preset_config("editorial")
    assert _charge(Bead((2,), (4,)), fixed, 7, config) == config.spread_gain
    assert _charge(Bead((2,), (7,), moved=True), fixed, 4, config) == 0.0
    assert _charge(Bead((2,), (4,), moved=True), fixed, 7, config) == math.inf


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial"])
def test_a_spread_sentence_gets_a_non_contiguous_bead(signal: str, preset: str) -> None:
    # source 8 says two things; the English says the first in place and the second far later
    english_src = english(30, seed=13)
    parts = english(2, seed=98)
    english_src[8] = parts[0][:-1] + " " + parts[1]
    tgt = [*english_src[:8], parts[0], *english_src[9:25], parts[1], *english_src[25:]]
    beads = run(signal, english_src, tgt, preset_config(preset))  # spread links by default
    check(beads, len(english_src), len(tgt))
    spread = [b for b in beads if b.src == (8,)]
    assert [(b.tgt, b.moved) for b in spread] == [((8, 25), True)]
    assert not any(b.moved for b in beads if b.src != (8,))
    off = run(signal, english_src, tgt, preset_config(preset, restructure=False))
    assert all(b.tgt == tuple(range(b.tgt[0], b.tgt[0] + len(b.tgt))) for b in off if b.tgt)
    # the two halves are alike: a single move pairs 8 with its far half, and the half left at
    # home, between the in-place beads around source 8, joins it whatever spread_gain is
    no_links = run(signal, english_src, tgt, preset_config(preset, spread_z=math.inf))
    assert [(b.src, b.tgt) for b in no_links if b.moved] == [((8,), (25,))]
    dear = run(signal, english_src, tgt, preset_config(preset, spread_gain=1e6))
    assert [(b.src, b.tgt) for b in dear if b.moved] == [((8,), (8, 25))]


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial"])
def test_a_far_part_of_an_in_place_sentence_must_gain_more_than_spread_gain(
    signal: str, preset: str
) -> None:
    # the first half is long: source 8 stays in place with it, and its short far half joins
    # only when the link gains more than spread_gain over the neighbours' beads
    english_src = english(30, seed=13)
    parts = english(2, seed=98)
    head = " ".join(parts[0].rstrip(".").split() * 2) + "."
    english_src[8] = head[:-1] + " " + parts[1]
    tgt = [*english_src[:8], head, *english_src[9:25], parts[1], *english_src[25:]]
    beads = run(signal, english_src, tgt, preset_config(preset))
    check(beads, len(english_src), len(tgt))
    assert [(b.src, b.tgt) for b in beads if b.moved] == [((8,), (8, 25))]
    dear = run(signal, english_src, tgt, preset_config(preset, spread_gain=1e6))
    assert not any(b.moved for b in dear)
    assert {((8,), (8,)), ((), (25,))} <= {(b.src, b.tgt) for b in dear}


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial", "restructured"])
def test_a_close_pair_gains_no_move(signal: str, preset: str) -> None:
    src = english(40, seed=14)
    # a merge, a split, an omission and an unrelated addition, all in order
    split = english(2, seed=97)
    src[20] = split[0][:-1] + " " + split[1]
    unrelated = english(1, seed=96)[0]
    tgt = [*src[:10], src[10] + " " + src[11], *src[12:20], *split, *src[21:30]]
    tgt += [unrelated, *src[31:]]
    config = preset_config(preset)
    beads = run(signal, src, tgt, config)
    check(beads, len(src), len(tgt))
    assert not any(b.moved for b in beads)
    off = run(signal, src, tgt, dataclasses.replace(config, restructure=False))
    assert [(b.src, b.tgt) for b in beads] == [(b.src, b.tgt) for b in off]


def test_restructure_needs_a_content_signal() -> None:
    src = english(30, seed=11)
    tgt = move_block(src, 5, 8, 22)
    beads = Aligner(preset_config("parallel")).align([cipher(s) for s in src], tgt)
    check(beads, len(src), len(tgt))
    assert not any(b.moved for b in beads)


@pytest.mark.parametrize("shape", [(1, 1), (1, 3), (2, 2)])
def test_set_cost_of_a_contiguous_bead_is_the_search_cost(shape: tuple[int, int]) -> None:
    # without the numbers, names and mismatch terms, set_cost adds up the same terms as the
    # search's bead cost (a run's own vector: the embedding of the concatenated run)
    src = english(12, seed=15)
    config = preset_config("parallel", number_weight=0.0, name_weight=0.0, mismatch_weight=0.0)
    aligner = Aligner(config, encoder=BagEncoder())
    scorer = aligner.scorer([cipher(s) for s in src], src, src)
    a, b = shape
    i, j = 3, 4
    expected = scorer.block(a, b, range(i, i + 1), range(j, j + 1))[0][0, 0]
    got = set_cost(scorer, tuple(range(i, i + a)), tuple(range(j, j + b)), config)
    assert got == pytest.approx(float(expected), abs=1e-4)
    apart = set_cost(scorer, tuple(range(i, i + a)), (*range(j, j + b - 1), j + b + 3), config)
    assert np.isfinite(apart) and apart != pytest.approx(got, abs=1e-4)


def test_in_place_order_puts_moved_beads_at_their_source_and_additions_before_what_follows():
    beads = [
        Bead((3,), (1,), moved=True),
        Bead((0,), (0,)),
        Bead((), (4,)),
        Bead((2,), (5,)),
        Bead((1,), (2, 3)),
        Bead((), (6,)),
    ]
    ordered = [(b.src, b.tgt) for b in in_place_order(beads)]
    assert ordered == [
        ((0,), (0,)),
        ((1,), (2, 3)),
        ((), (4,)),
        ((2,), (5,)),
        ((3,), (1,)),
        ((), (6,)),
    ]


def test_non_contiguous_beads_are_scored_as_vecalign_scores_them() -> None:
    # a bead is its two id tuples: [5]:[4, 5, 6, 14] is a strict hit only when identical; the
    # same source with the near part alone is a lax hit, as in Vecalign's scorer
    gold = [[Bead((4,), (3,)), Bead((5,), (4, 5, 6, 14)), Bead((6,), (7,))]]
    exact = score_alignments(
        gold, [[Bead((4,), (3,)), Bead((5,), (4, 5, 6, 14)), Bead((6,), (7,))]]
    )
    assert exact["strict_f1"] == 1.0
    near_only = [[Bead((4,), (3,)), Bead((5,), (4, 5, 6)), Bead((6,), (7,)), Bead((), (14,))]]
    scores = score_alignments(gold, near_only)
    assert scores["strict_recall"] == pytest.approx(2 / 3)
    assert scores["lax_recall"] == 1.0
    assert scores["strict_precision"] == pytest.approx(2 / 4)
    assert scores["lax_precision"] == pytest.approx(3 / 4)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_moved_sentence_that_lost_half_its_words_is_still_paired(signal: str) -> None:
    # the English of source 5 keeps a third of its words and stands at 20: its lengths make
    # the pair costlier than two skips, but the two are each other's best match (an anchor)
    src = english(30, seed=16)
    tgt = list(src)
    words = tgt[5].rstrip(".").split()
    tgt[5] = " ".join(words[: max(3, len(words) // 3)]) + "."
    tgt.insert(20, tgt.pop(5))
    # the other pairings off: no 1-0 / 0-1 pairing by similarity, no single move kept
    others_off = preset_config("editorial", moved_threshold=2.0, move_penalty=1e6)
    beads = run(signal, src, tgt, others_off)
    check(beads, len(src), len(tgt))
    assert [(b.src, b.tgt) for b in beads if b.moved] == [((5,), (20,))]
    without = run(signal, src, tgt, dataclasses.replace(others_off, restructure=False))
    assert not any(b.moved for b in without)


def test_a_merge_whose_every_sentence_is_clear_counts_as_two_strong_beads() -> None:
    config = preset_config("editorial")
    merge = [(0, 0, 2, 1)]  # a moved 2-1 bead alone: a new block needs two strong links
    clear, one_weak, faint = (5.0, 4.0), (5.0, 1.5), (3.0, 2.5)  # (bead z, least member z)
    assert _longest_chain(merge, [clear], config) == merge
    skips = [(0, 0, 1, 0), (1, 0, 1, 0), (2, 0, 0, 1)]
    assert _longest_chain(merge, [one_weak], config) == skips
    assert _longest_chain(merge, [faint], config) == skips  # under 2 * move_z: one link
    # a 1-1 bead is one link however clear
    assert _longest_chain([(0, 0, 1, 1)], [(9.0, 9.0)], config) == [(0, 0, 1, 0), (1, 0, 0, 1)]


def test_a_part_left_at_home_joins_its_moved_source_below_spread_z() -> None:
    # source 8's long second half moved far (a single move pairs them); the first half, at
    # home between the in-place beads around source 8, keeps two of its words: its z (about
    # 1.6) is below spread_z but above block_z, and the place vouches for it
    english_src = english(30, seed=13)
    parts = english(2, seed=98)
    filler = english(1, seed=77)[0].rstrip(".").split()
    far = " ".join(parts[1].rstrip(".").split() * 2) + "."
    home = " ".join(parts[0].rstrip(".").split()[:2] + filler[:6]) + "."
    english_src[8] = parts[0][:-1] + " " + far
    tgt = [*english_src[:8], home, *english_src[9:25], far, *english_src[25:]]
    beads = run("both", english_src, tgt, preset_config("editorial"))
    check(beads, len(english_src), len(tgt))
    assert [(b.src, b.tgt) for b in beads if b.moved] == [((8,), (8, 25))]
    strict = run("both", english_src, tgt, preset_config("editorial", block_z=2.0))
    assert [(b.src, b.tgt) for b in strict if b.moved] == [((8,), (25,))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_block_takes_a_sentence_the_search_paired_for_its_length_alone(signal: str) -> None:
    # sources 26-29 stand at English 10-13; the search left 26-28 and English 10-13 over and
    # paired source 29 with the unrelated English 30 (content below block_z): a block takes it
    src = english(30, seed=11)
    tgt = [*src[:10], *src[26:30], *src[10:26], english(1, seed=111)[0]]
    config = preset_config("editorial")
    aligner = Aligner(config, BagEncoder() if signal != "mt" else None)
    scorer = aligner.scorer([cipher(s) for s in src], tgt, src if signal != "encoder" else None)
    beads = [Bead((i,), (i,)) for i in range(10)] + [Bead((), (j,)) for j in range(10, 14)]
    beads += [Bead((i,), (i + 4,)) for i in range(10, 26)]
    beads += [Bead((26,), ()), Bead((27,), ()), Bead((28,), ()), Bead((29,), (30,))]
    found = move_blocks(scorer, beads, config)
    check(found, len(src), len(tgt))
    assert sorted((b.src, b.tgt) for b in found if b.moved) == [
        ((26 + k,), (10 + k,)) for k in range(4)
    ]
    assert Bead((), (30,)) in found
