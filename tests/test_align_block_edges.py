"""Edges of moved blocks: sentences next to a moved block that belong to it join it."""

from __future__ import annotations

import pytest
from test_align_moves import SIGNALS, BagEncoder, check, cipher, english

from translate_eval.align import Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.block_edges import grow_block_edges
from translate_eval.align.spread import attach_spread


def scorer_of(signal: str, src: list[str], tgt: list[str]):
    config = preset_config("editorial")
    aligner = Aligner(config, BagEncoder() if signal != "mt" else None)
    mt = src if signal != "encoder" else None
    return aligner.scorer([cipher(s) for s in src], tgt, mt), config


def moved_pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return sorted((b.src, b.tgt) for b in beads if b.moved)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_sentence_of_the_block_paired_in_place_joins_it(signal: str) -> None:
    # sources 5-8 stand at English 17-20 and an unrelated sentence stands where they were
    # (English 5); the search paired source 8 with it and left English 20 over
    src = english(30, seed=31)
    tgt = [*src[:5], english(1, seed=131)[0], *src[9:20], *src[5:9], *src[20:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((8,), (5,))]
    beads += [Bead((9 + k,), (6 + k,)) for k in range(11)]
    beads += [Bead((5 + k,), (17 + k,), moved=True) for k in range(3)] + [Bead((), (20,))]
    beads += [Bead((20 + k,), (21 + k,)) for k in range(10)]
    grown = grow_block_edges(scorer, beads, config)
    check(grown, len(src), len(tgt))
    assert moved_pairs(grown) == [((5 + k,), (17 + k,)) for k in range(4)]
    assert Bead((), (5,)) in grown


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_block_bead_gains_the_rest_of_its_sentence(signal: str) -> None:
    # source 6 is two English sentences (18, 19) in the moved block; 19 was left over
    src = english(30, seed=32)
    halves = english(2, seed=132)
    src[6] = halves[0][:-1] + " " + halves[1]
    tgt = [*src[:5], *src[9:20], src[5], *halves, src[7], src[8], *src[20:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((9 + k,), (5 + k,)) for k in range(11)]
    beads += [Bead((5,), (16,), moved=True), Bead((6,), (17,), moved=True), Bead((), (18,))]
    beads += [Bead((7,), (19,), moved=True), Bead((8,), (20,), moved=True)]
    beads += [Bead((20 + k,), (21 + k,)) for k in range(10)]
    grown = grow_block_edges(scorer, beads, config)
    check(grown, len(src), len(tgt))
    assert ((6,), (17, 18)) in moved_pairs(grown)
    assert len(moved_pairs(grown)) == 4


@pytest.mark.parametrize("signal", SIGNALS)
def test_nothing_joins_a_block_that_its_content_does_not_name(signal: str) -> None:
    # the sentence after the block is unrelated to every source: it stays an addition, and
    # the in-place bead of the source after the block stays as it was
    src = english(30, seed=33)
    tgt = [*src[:5], *src[8:20], *src[5:8], english(1, seed=133)[0], *src[20:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(5)] + [Bead((8 + k,), (5 + k,)) for k in range(12)]
    beads += [Bead((5 + k,), (17 + k,), moved=True) for k in range(3)] + [Bead((), (20,))]
    beads += [Bead((20 + k,), (21 + k,)) for k in range(10)]
    grown = grow_block_edges(scorer, beads, config)
    assert sorted((b.src, b.tgt, b.moved) for b in grown) == sorted(
        (b.src, b.tgt, b.moved) for b in beads
    )


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_single_move_takes_its_neighbour_from_the_edge_of_a_split(signal: str) -> None:
    # sources 10 and 11 now stand after source 20 (English 19, 20); the single move paired 11
    # with its English, and the search gave source 10's English (19) to the bead of source 20
    src = english(28, seed=34)
    tgt = [*src[:10], *src[12:21], src[10], src[11], *src[21:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(10)] + [Bead((10,), ())]
    beads += [Bead((12 + k,), (10 + k,)) for k in range(8)] + [Bead((20,), (18, 19))]
    beads += [Bead((11,), (20,), moved=True)] + [Bead((21 + k,), (21 + k,)) for k in range(7)]
    grown = grow_block_edges(scorer, beads, config)
    check(grown, len(src), len(tgt))
    assert moved_pairs(grown) == [((10,), (19,)), ((11,), (20,))]
    assert Bead((20,), (18,)) in grown


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_far_part_paired_in_place_for_its_length_joins_its_source(signal: str) -> None:
    # source 8 says two things; the English says the first in place, and the second stands
    # where the English of source 24 (dropped) stood, so the search paired 24 with it
    src = english(30, seed=33)
    parts = english(2, seed=133)
    src[8] = parts[0][:-1] + " " + parts[1]
    tgt = [*src[:8], parts[0], *src[9:24], parts[1], *src[25:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(30)]
    linked = attach_spread(scorer, beads, config)
    check(linked, len(src), len(tgt))
    assert moved_pairs(linked) == [((8,), (8, 24))]
    assert Bead((24,), (), 1.0) in linked
    # an unrelated sentence there: the weak pairing stays
    tgt[24] = english(1, seed=134)[0]
    scorer, config = scorer_of(signal, src, tgt)
    assert attach_spread(scorer, beads, config) == beads


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_weak_bead_that_gives_its_target_up_takes_no_far_part(signal: str) -> None:
    # English 10 is the second part of source 20, where the search paired source 10 weakly;
    # source 10 itself stands far away, at English 25, where the search left it an addition:
    # source 10's bead may lose English 10 or gain English 25, and no sentence may get lost
    src = english(30, seed=35)
    parts = english(2, seed=135)
    src[20] = parts[0][:-1] + " " + parts[1]
    tgt = [*src[:10], parts[1], *src[11:20], parts[0], *src[21:25], src[10], *src[25:]]
    config = preset_config("restructured")
    aligner = Aligner(config, BagEncoder() if signal != "mt" else None)
    mt = src if signal != "encoder" else None
    scorer = aligner.scorer([cipher(s) for s in src], tgt, mt)
    beads = [Bead((i,), (i,)) for i in range(25)] + [Bead((), (25,))]
    beads += [Bead((i,), (i + 1,)) for i in range(25, 30)]
    linked = attach_spread(scorer, beads, config)
    check(linked, len(src), len(tgt))
    holder = {j: b for b in linked for j in b.tgt}
    assert holder[10].src == (20,) or holder[25].src == (10,)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_far_part_folded_into_a_neighbours_bead_joins_its_source(signal: str) -> None:
    # source 8 says two things; the English says the first in place, and the second right
    # after the English of source 20, where the search folded it into source 20's bead
    src = english(30, seed=36)
    parts = english(2, seed=136)
    src[8] = parts[0][:-1] + " " + parts[1]
    tgt = [*src[:8], parts[0], *src[9:21], parts[1], *src[21:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(20)] + [Bead((20,), (20, 21))]
    beads += [Bead((i,), (i + 1,)) for i in range(21, 30)]
    linked = attach_spread(scorer, beads, config)
    check(linked, len(src), len(tgt))
    assert moved_pairs(linked) == [((8,), (8, 21))]
    assert Bead((20,), (20,)) in linked
    # the second half of source 20 there (a split): the bead keeps it
    halves = english(2, seed=137)
    src[20] = halves[0][:-1] + " " + halves[1]
    tgt[20], tgt[21] = halves
    scorer, config = scorer_of(signal, src, tgt)
    assert attach_spread(scorer, beads, config) == beads


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_bead_paired_for_its_lengths_yields_to_its_far_part(signal: str) -> None:
    # source 10 stands far away, at English 27; where it stood, the English adds three
    # sentences of its own, which the search paired with source 10 for their lengths
    src = english(30, seed=38)
    tgt = [*src[:10], *english(3, seed=138), *src[11:25], src[10], *src[25:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [Bead((i,), (i,)) for i in range(10)] + [Bead((10,), (10, 11, 12))]
    beads += [Bead((i,), (i + 2,)) for i in range(11, 25)] + [Bead((), (27,))]
    beads += [Bead((i,), (i + 3,)) for i in range(25, 30)]
    linked = attach_spread(scorer, beads, config)
    check(linked, len(src), len(tgt))
    assert moved_pairs(linked) == [((10,), (27,))]
    assert all(Bead((), (j,)) in [Bead(b.src, b.tgt) for b in linked] for j in (10, 11, 12))
    # the first half of source 10 in place, the second far away: the bead keeps both
    halves = english(2, seed=139)
    src[10] = halves[0][:-1] + " " + halves[1]
    tgt[10], tgt[27] = halves[0], halves[1]
    scorer, config = scorer_of(signal, src, tgt)
    kept = [Bead((i,), (i,)) for i in range(10)] + [Bead((10,), (10,)), Bead((), (11,))]
    kept.append(Bead((), (12,)))
    kept += beads[11:]
    kept_linked = attach_spread(scorer, kept, config)
    check(kept_linked, len(src), len(tgt))
    assert moved_pairs(kept_linked) == [((10,), (10, 27))]
