"""Trimming: a bead's member at random-level similarity with the bead's other side leaves it."""

from __future__ import annotations

import dataclasses
import math

import pytest
from test_align_moves import SIGNALS, BagEncoder, check, cipher, english

from translate_eval.align import Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.trim import trim_unrelated

#: Trimming at random level (0 random-pair deviations).
TRIMMING = preset_config("editorial", trim_z=0.0)


def scorer_of(signal: str, src: list[str], tgt: list[str]):
    config = TRIMMING
    aligner = Aligner(config, BagEncoder() if signal != "mt" else None)
    mt = src if signal != "encoder" else None
    return aligner.scorer([cipher(s) for s in src], tgt, mt), config


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...], bool]]:
    return sorted((b.src, b.tgt, b.moved) for b in beads)


def diagonal(n: int) -> list[Bead]:
    return [Bead((i,), (i,)) for i in range(n)]


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_bead_that_swallowed_an_unrelated_sentence_loses_it(signal: str) -> None:
    # English 6 is an added sentence the search put into source 5's bead
    src = english(12, seed=41)
    tgt = [*src[:6], english(1, seed=141)[0], *src[6:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6))]
    beads += [Bead((i,), (i + 1,)) for i in range(6, 12)]
    trimmed = trim_unrelated(scorer, beads, config)
    check(trimmed, len(src), len(tgt))
    assert ((5,), (5,), False) in pairs(trimmed)
    assert Bead((), (6,)) in [Bead(b.src, b.tgt) for b in trimmed]
    assert [b.tgt for b in trimmed] == sorted(b.tgt for b in trimmed if b.tgt)  # reading order


@pytest.mark.parametrize("signal", SIGNALS)
def test_an_unrelated_source_sentence_leaves_as_an_omission(signal: str) -> None:
    # source 7 was dropped by the editor; the search merged it into the bead of source 6
    src = english(12, seed=42)
    src[7] = english(1, seed=142)[0]
    tgt = [*src[:7], *src[8:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(6), Bead((6, 7), (6,))]
    beads += [Bead((i,), (i - 1,)) for i in range(8, 12)]
    trimmed = trim_unrelated(scorer, beads, config)
    check(trimmed, len(src), len(tgt))
    assert ((6,), (6,), False) in pairs(trimmed)
    assert ((7,), (), False) in pairs(trimmed)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_split_whose_pieces_are_all_related_is_kept(signal: str) -> None:
    # source 5 is rendered as two English sentences, each half of it
    src = english(12, seed=43)
    halves = english(2, seed=143)
    src[5] = halves[0][:-1] + " " + halves[1]
    tgt = [*src[:5], *halves, *src[6:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6))]
    beads += [Bead((i,), (i + 1,)) for i in range(6, 12)]
    assert pairs(trim_unrelated(scorer, beads, config)) == pairs(beads)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_bead_with_nothing_clearly_related_is_left_to_the_search(signal: str) -> None:
    # neither English 5 nor 6 renders source 5: no part of the bead is clearly related
    src = english(12, seed=44)
    tgt = [*src[:5], *english(2, seed=144), *src[6:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6))]
    beads += [Bead((i,), (i + 1,)) for i in range(6, 12)]
    assert pairs(trim_unrelated(scorer, beads, config)) == pairs(beads)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_sentence_inside_a_run_stays(signal: str) -> None:
    # the unrelated English 6 stands between two pieces of source 5: taking it would split
    # the bead's run, which is not this pass's to do
    src = english(12, seed=45)
    halves = english(2, seed=145)
    src[5] = halves[0][:-1] + " " + halves[1]
    tgt = [*src[:5], halves[0], english(1, seed=245)[0], halves[1], *src[6:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6, 7))]
    beads += [Bead((i,), (i + 2,)) for i in range(6, 12)]
    assert pairs(trim_unrelated(scorer, beads, config)) == pairs(beads)


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_moved_bead_keeps_its_flag_and_far_sentence(signal: str) -> None:
    # source 3's English is 10 (moved); 4 is an addition the search gave the bead in place
    src = english(12, seed=46)
    tgt = [*src[:3], english(1, seed=146)[0], *src[4:10], src[3], *src[10:]]
    scorer, config = scorer_of(signal, src, tgt)
    beads = [*diagonal(3), Bead((3,), (3, 10), moved=True)]
    beads += [Bead((i,), (i,)) for i in range(4, 10)] + [Bead((i,), (i + 1,)) for i in (10, 11)]
    trimmed = trim_unrelated(scorer, beads, config)
    check(trimmed, len(src), len(tgt))
    assert ((3,), (10,), True) in pairs(trimmed)
    assert ((), (3,), False) in pairs(trimmed)


def test_off_changes_nothing() -> None:
    src = english(12, seed=41)
    tgt = [*src[:6], english(1, seed=141)[0], *src[6:]]
    scorer, config = scorer_of("both", src, tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6))]
    beads += [Bead((i,), (i + 1,)) for i in range(6, 12)]
    off = dataclasses.replace(config, trim_z=math.inf)
    assert trim_unrelated(scorer, beads, off) is beads


def test_without_content_signals_nothing_changes() -> None:
    src = english(12, seed=41)
    tgt = [*src[:6], english(1, seed=141)[0], *src[6:]]
    config = TRIMMING
    scorer = Aligner(config).scorer([cipher(s) for s in src], tgt)
    beads = [*diagonal(5), Bead((5,), (5, 6))]
    beads += [Bead((i,), (i + 1,)) for i in range(6, 12)]
    assert trim_unrelated(scorer, beads, config) is beads
