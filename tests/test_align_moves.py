"""The aligner's reordering pass: sentences the editor moved become one moved bead each."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest
from bag_encoder import BagEncoder as SharedBag

from translate_eval.align import AlignConfig, Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.moves import _beside, reorder, top_two

_BASE = 0x0621  # letters a-z written as Arabic-script code points: a pseudo-Arabic source


def cipher(text: str) -> str:
    return "".join(chr(_BASE + ord(c) - 97) if "a" <= c <= "z" else c for c in text)


def decipher(text: str) -> str:
    return "".join(chr(ord(c) - _BASE + 97) if _BASE <= ord(c) < _BASE + 26 else c for c in text)


def BagEncoder() -> SharedBag:
    """Cross-lingual test encoder: the shared bag of words over deciphered text."""
    return SharedBag(128, "bag-moves-test", decipher)


def english(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(500)
    ]
    return [
        " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))) + "." for _ in range(count)
    ]


def move(sentences: list[str], origin: int, destination: int) -> list[str]:
    result = list(sentences)
    result.insert(destination, result.pop(origin))
    return result


def check(beads: list[Bead], n_src: int, n_tgt: int) -> None:
    """Every id in exactly one bead, runs contiguous unless moved, the rest monotone."""
    assert sorted(i for b in beads for i in b.src) == list(range(n_src))
    assert sorted(j for b in beads for j in b.tgt) == list(range(n_tgt))
    for bead in beads:
        assert bead.src or bead.tgt
        assert 0.0 <= bead.score <= 1.0
        for ids in (bead.src, bead.tgt):
            contiguous = list(ids) == list(range(ids[0], ids[0] + len(ids))) if ids else True
            assert contiguous or bead.moved
            assert list(ids) == sorted(ids)
    kept = [b for b in beads if not b.moved]
    for side in ("src", "tgt"):
        ids = [i for b in kept for i in getattr(b, side)]
        assert ids == sorted(ids)


SIGNALS = ["mt", "encoder", "both"]


PARALLEL = preset_config("parallel")


def run(signal: str, src_en: list[str], tgt: list[str], config: AlignConfig = PARALLEL):
    src = [cipher(s) for s in src_en]
    mt = src_en if signal in ("mt", "both") else None
    encoder = BagEncoder() if signal in ("encoder", "both") else None
    return Aligner(config, encoder=encoder).align(src, tgt, mt)


@pytest.mark.parametrize("signal", SIGNALS)
@pytest.mark.parametrize("preset", ["parallel", "editorial"])
def test_a_sentence_moved_far_is_one_moved_bead(signal: str, preset: str) -> None:
    src = english(30, seed=1)
    tgt = move(src, 5, 20)  # the English of source 5 now stands at 20
    config = preset_config(preset)
    beads = run(signal, src, tgt, config)
    check(beads, len(src), len(tgt))
    moved = [b for b in beads if b.moved]
    assert [(b.src, b.tgt) for b in moved] == [((5,), (20,))]
    # the rest is the plain diagonal around the hole
    expected = {(i,): (i if i < 5 else i - 1,) for i in range(30) if i not in (5,) and i <= 20}
    expected.update({(i,): (i,) for i in range(21, 30)})
    kept = {b.src: b.tgt for b in beads if not b.moved}
    assert kept == expected


@pytest.mark.parametrize("signal", SIGNALS)
def test_a_long_sentence_moved_as_three_sentences_is_a_move(signal: str) -> None:
    # source 5 says three things; the English says them as three sentences at 19-21, each
    # alone as close to source 5 as the next: parts of one split, not rivals, and the move is
    # priced as one 1-3 bead, which two skips and a 1-1 bead would not pay for
    src = english(30, seed=4)
    parts = english(3, seed=104)
    src[5] = " ".join(part[:-1] for part in parts) + "."
    tgt = [*src[:5], *src[6:20], *parts, *src[20:]]
    config = preset_config("editorial")
    aligner = Aligner(config, BagEncoder() if signal != "mt" else None)
    scorer = aligner.scorer([cipher(s) for s in src], tgt, src if signal != "encoder" else None)
    path = [(i, i, 1, 1) for i in range(5)] + [(5, 5, 1, 0)]
    path += [(i, i - 1, 1, 1) for i in range(6, 20)] + [(20, j, 0, 1) for j in (19, 20, 21)]
    path += [(i, i + 2, 1, 1) for i in range(20, 30)]
    _, moves = reorder(scorer, path, config)
    assert len(moves) == 1 and moves[0][0] == 5 and 19 <= moves[0][1] <= 21
    beads = run(signal, src, tgt, config)
    check(beads, len(src), len(tgt))
    assert [(b.src, b.tgt) for b in beads if b.moved] == [((5,), (19, 20, 21))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_two_moves_backwards_and_forwards(signal: str) -> None:
    src = english(40, seed=2)
    tgt = move(move(src, 30, 22), 3, 12)
    beads = run(signal, src, tgt)
    check(beads, len(src), len(tgt))
    moved = sorted((b.src, b.tgt) for b in beads if b.moved)
    assert moved == [((3,), (12,)), ((30,), (22,))]


@pytest.mark.parametrize("signal", SIGNALS)
def test_an_unmoved_document_has_no_moved_bead(signal: str) -> None:
    src = english(30, seed=3)
    tgt = [*src[:10], src[10] + " " + src[11], *src[12:25], *src[26:]]  # a merge and a drop
    beads = run(signal, src, tgt)
    check(beads, len(src), len(tgt))
    assert not any(b.moved for b in beads)
    assert ((10, 11), (10,)) in [(b.src, b.tgt) for b in beads]


def test_a_repeated_sentence_is_not_taken_for_a_move() -> None:
    # a refrain: the same sentence at 4 and 16 on both sides; no margin, so no move
    src = english(24, seed=4)
    src[16] = src[4]
    tgt = list(src)
    beads = run("both", src, tgt)
    check(beads, len(src), len(tgt))
    assert not any(b.moved for b in beads)


def test_the_pass_finds_the_move_itself_and_can_be_switched_off() -> None:
    src = english(30, seed=1)
    tgt = move(src, 5, 20)
    no_pairing = 2.0  # moved_threshold above any similarity: the 1-0 / 0-1 pairing is off
    unpaired = preset_config("parallel", moved_threshold=no_pairing, restructure=False)
    alone = run("both", src, tgt, unpaired)
    check(alone, len(src), len(tgt))
    assert [(b.src, b.tgt) for b in alone if b.moved] == [((5,), (20,))]
    off = run("both", src, tgt, dataclasses.replace(unpaired, move_z=float("inf")))
    check(off, len(src), len(tgt))
    assert not any(b.moved for b in off)
    costly = run("both", src, tgt, dataclasses.replace(unpaired, move_penalty=1e6))
    check(costly, len(src), len(tgt))
    assert not any(b.moved for b in costly)
    length_only = Aligner(PARALLEL).align([cipher(s) for s in src], tgt)
    check(length_only, len(src), len(tgt))
    assert not any(b.moved for b in length_only)


def test_top_two_in_blocks_matches_the_whole_matrix() -> None:
    rng = np.random.default_rng(0)
    values = rng.standard_normal((37, 23))
    values[rng.random(values.shape) < 0.2] = -np.inf
    best = np.full(23, -np.inf)
    second = np.full(23, -np.inf)
    arg = np.full(23, -1)
    for first in range(0, 37, 10):  # blocks of rows, as the pass computes them
        rows = np.arange(first, min(37, first + 10))
        top_two(values[rows], best, second, arg, np.arange(23), rows)
    ordered = np.sort(values, axis=0)
    assert np.array_equal(best, ordered[-1])
    assert np.array_equal(second, ordered[-2])
    finite = np.isfinite(best)
    assert np.array_equal(arg[finite], np.argmax(values, axis=0)[finite])


def test_a_sentence_deep_in_the_next_bead_is_not_beside_its_partner() -> None:
    # [0]:[0], then a 2-8 bead [1, 2]:[1..8], then [3]:[9]
    path = [(0, 0, 1, 1), (1, 1, 2, 8), (3, 9, 1, 1)]
    assert _beside(path, 1, 1, 2, 5)  # one bead
    assert _beside(path, 0, 1, 0, 1)  # facing edges: the search weighed the pair
    assert not _beside(path, 0, 1, 0, 7)  # the seventh English sentence of the next bead
    assert _beside(path, 2, 1, 3, 8)  # the bead before, its last English sentence
    assert not _beside(path, 2, 1, 3, 4)
    assert not _beside(path, 0, 2, 0, 9)  # two beads apart: a candidate as before
