"""The planting of editorial edits for the aligner robustness benchmark (no encoder, no MT):
reproducible by seed, and gold beads that cover every sentence exactly once."""

from __future__ import annotations

from collections import Counter

import pytest

from translate_eval.align.beads import Bead
from translate_eval_bench import robustness


def verses(n: int) -> tuple[list[str], list[str]]:
    """Verse-aligned toy text: every third English verse is long, with a clause boundary."""
    arabic = [f"آية رقم {i} من النص" for i in range(n)]
    english = []
    for i in range(n):
        if i % 3 == 0:
            english.append(
                f"Verse {i} tells of the people of the town, and they went out together "
                f"into the plain before the morning came {i}"
            )
        else:
            english.append(f"Verse {i} is short and plain.")
    return arabic, english


DONORS = [f"An unrelated sentence number {k} from elsewhere." for k in range(50)]


def plant(seed: int, n: int = 40, per_kind: int = 2) -> robustness.PlantedPair:
    arabic, english = verses(n)
    return robustness.plant("doc", arabic, english, DONORS, seed, per_kind=per_kind)


def test_planting_is_reproducible_by_seed() -> None:
    first, again, other = plant(7), plant(7), plant(8)
    assert first.tgt == again.tgt and first.gold == again.gold
    assert (first.tgt, first.gold) != (other.tgt, other.gold)


@pytest.mark.parametrize("seed", range(12))
def test_every_sentence_is_in_exactly_one_gold_bead(seed: int) -> None:
    pair = plant(seed, n=25 + seed)
    src_ids = Counter(i for bead in pair.gold for i in bead.src)
    tgt_ids = Counter(j for bead in pair.gold for j in bead.tgt)
    assert sorted(src_ids) == list(range(len(pair.src)))
    assert sorted(tgt_ids) == list(range(len(pair.tgt)))
    assert set(src_ids.values()) == {1} and set(tgt_ids.values()) == {1}


@pytest.mark.parametrize("seed", range(6))
def test_gold_beads_match_the_planted_text(seed: int) -> None:
    arabic, english = verses(40)
    pair = robustness.plant("doc", arabic, english, DONORS, seed, per_kind=2)
    kinds = Counter(bead.kind for bead in pair.gold)
    for kind in robustness.KINDS:
        assert kinds[kind] == 2, kind
    assert pair.src == arabic
    for bead in pair.gold:
        text = [pair.tgt[j] for j in bead.tgt]
        if bead.kind in ("keep", "move"):
            assert len(bead.src) == 1 and text == [english[bead.src[0]]]
        elif bead.kind == "deletion":
            assert len(bead.src) == 1 and not bead.tgt
            assert english[bead.src[0]] not in pair.tgt
        elif bead.kind == "insertion":
            assert not bead.src and len(text) == 1 and text[0] in DONORS
        elif bead.kind == "merge":
            i, k = bead.src
            assert k == i + 1 and text == [f"{english[i]} {english[k]}"]
        elif bead.kind == "split":
            (i,) = bead.src
            assert len(text) == 2 and bead.tgt[1] == bead.tgt[0] + 1
            assert " ".join(text).split()[:3] == english[i].split()[:3]
        else:
            pytest.fail(f"unexpected kind {bead.kind}")


def test_moved_english_stands_out_of_order() -> None:
    for seed in range(6):
        pair = plant(seed)
        monotone = [b for b in pair.gold if b.kind != "move" and b.src and b.tgt]
        for bead in (b for b in pair.gold if b.kind == "move"):
            (i,), (t,) = bead.src, bead.tgt
            before = [b for b in monotone if b.src[-1] < i]
            after = [b for b in monotone if b.src[0] > i]
            # a monotone place would put it after every earlier verse and before every later one
            out_of_order = any(b.tgt[0] > t for b in before) or any(b.tgt[-1] < t for b in after)
            assert out_of_order, (seed, i, t)


def test_perfect_output_scores_one_and_omissions_are_counted() -> None:
    pair = plant(3)
    perfect = pair.gold_beads()
    counts = robustness.kind_counts(pair, perfect)
    for kind in robustness.KINDS:
        found, predicted, planted = counts[kind]
        assert found == predicted == planted == 2, kind
    # the same output without the moved flags: moves are aligned but not found as moves
    unflagged = [Bead(b.src, b.tgt, b.score) for b in perfect]
    counts = robustness.kind_counts(pair, unflagged)
    assert counts["move"][0] == 0 and counts["move aligned"][0] == 2
    # leaving every moved verse unaligned turns each move into a false deletion and insertion
    split_moves = []
    for bead in perfect:
        if bead.moved:
            split_moves += [Bead(bead.src, ()), Bead((), bead.tgt)]
        else:
            split_moves.append(bead)
    counts = robustness.kind_counts(pair, split_moves)
    assert counts["deletion"] == [2, 4, 2] and counts["insertion"] == [2, 4, 2]


def test_fewer_edits_when_the_document_is_too_small() -> None:
    pair = plant(1, n=6, per_kind=2)
    kinds = Counter(bead.kind for bead in pair.gold)
    assert sum(kinds[k] for k in ("deletion", "merge", "split", "move")) < 8
    assert sorted(j for b in pair.gold for j in b.tgt) == list(range(len(pair.tgt)))
