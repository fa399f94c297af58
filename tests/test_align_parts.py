"""Part links: a sentence left unaligned next to a bead joins it when it renders one clause of
the bead's other side."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from test_align_moves import BagEncoder, check, cipher, english

from translate_eval.align import Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.config import AlignConfig
from translate_eval.align.parts import attach_parts, part_candidates

CONFIG = preset_config("editorial")


def clause(count: int, seed: int) -> str:
    """A clause of about ``count`` words (no final full stop)."""
    return " ".join(english(1, seed=seed)[0].rstrip(".").split()[:count])


def document(seed: int) -> tuple[list[str], list[str], list[Bead]]:
    """Twelve English sentences; source 5 is three clauses joined by Arabic commas, rendered
    by target 5 (its first two clauses) and target 6 (its third clause), and the beads as the
    search might leave them: 6 a 0-1 skip next to [5]:[5]."""
    src_en = english(12, seed=seed)
    first, second, third = (clause(8, seed * 10 + k) for k in range(3))
    src_en[5] = f"{first}، {second}، {third}."
    tgt = [*src_en[:5], f"{first} {second}.", f"{third}.", *src_en[6:]]
    beads = [Bead((i,), (i,), 0.9) for i in range(5)]
    beads += [Bead((5,), (5,), 0.8), Bead((), (6,), 1.0)]
    beads += [Bead((i,), (i + 1,), 0.9) for i in range(6, 12)]
    return src_en, tgt, beads


def run_pass(
    part_pass: Callable[..., list[Bead]],
    src_en: list[str],
    tgt: list[str],
    beads: list[Bead],
    config: AlignConfig,
) -> list[Bead]:
    """One of the aligner's passes after the search (part links, far parts, gap pairs) on
    ``beads``, the source ciphered from ``src_en``, with the bag-of-words test encoder."""
    src = [cipher(s) for s in src_en]
    aligner = Aligner(config, encoder=BagEncoder())
    scorer = aligner.scorer(src, tgt)
    return part_pass(beads, src, tgt, scorer, aligner.encoder, config)


def joined(src_en: list[str], tgt: list[str], beads: list[Bead], config=CONFIG) -> list[Bead]:
    return run_pass(attach_parts, src_en, tgt, beads, config)


def test_a_piece_of_a_split_joins_the_bead_of_its_sentence() -> None:
    src_en, tgt, beads = document(seed=21)
    result = joined(src_en, tgt, beads)
    check(result, len(src_en), len(tgt))
    assert Bead((5,), (5, 6)) in [Bead(b.src, b.tgt) for b in result]
    assert not any(not b.src for b in result)
    # every other bead is as it was, in order
    assert [(b.src, b.tgt) for b in result if b.src != (5,)] == [
        (b.src, b.tgt) for b in beads if b.src and b.src != (5,)
    ]


def test_an_unrelated_addition_stays_an_addition() -> None:
    src_en, tgt, beads = document(seed=22)
    tgt[6] = english(1, seed=999)[0]  # not the third clause: another text
    result = joined(src_en, tgt, beads)
    assert Bead((), (6,), 1.0) in result


def test_a_clause_already_rendered_by_the_bead_is_not_taken_again() -> None:
    # target 5 renders the first clause alone, and target 6 repeats most of it: the bead owns
    # that clause (its member matches it better)
    src_en, tgt, beads = document(seed=23)
    first_clause = src_en[5].split("،")[0]
    tgt[5] = f"{first_clause}."
    tgt[6] = " ".join(first_clause.split()[:6]) + "."
    candidates = part_candidates(
        beads,
        [cipher(s) for s in src_en],
        tgt,
        Aligner(CONFIG, encoder=BagEncoder()).scorer([cipher(s) for s in src_en], tgt),
        BagEncoder(),
        CONFIG,
    )
    assert [c.owned for c in candidates if c.skip == 6 and c.home == 5] == [False]
    assert Bead((), (6,), 1.0) in joined(src_en, tgt, beads)


def test_a_piece_that_matches_another_sentence_better_stays() -> None:
    # the third clause is also source 9, word for word: the piece may be 9's English
    src_en, tgt, beads = document(seed=24)
    third = tgt[6].rstrip(".")
    src_en[9] = f"{third}."
    tgt[10] = f"{third}."
    assert Bead((), (6,), 1.0) in joined(src_en, tgt, beads)


@pytest.mark.parametrize(
    "setting", [{"part_z": float("inf")}, {"part_z": 1e6}, {"max_tgt_bead": 1}]
)
def test_off_or_at_the_bead_limit_nothing_changes(setting: dict[str, float]) -> None:
    src_en, tgt, beads = document(seed=25)
    config = dataclasses.replace(CONFIG, **setting)
    assert joined(src_en, tgt, beads, config) == beads


def test_without_an_encoder_nothing_changes() -> None:
    src_en, tgt, beads = document(seed=26)
    src = [cipher(s) for s in src_en]
    scorer = Aligner(CONFIG).scorer(src, tgt, src_en)
    assert attach_parts(beads, src, tgt, scorer, None, CONFIG) == beads


def test_the_classical_preset_leaves_part_links_off() -> None:
    assert preset_config("classical").part_z == float("inf")
    assert CONFIG.part_z == 1.0


def titled_document(seed: int, title_stop: str) -> tuple[list[str], list[str], list[Bead]]:
    """Source 0 is three clauses; the target opens with a line rendering its first clause
    (ending with ``title_stop``) before a sentence rendering the whole, left as a 0-1 skip
    next to [0]:[1]."""
    src_en = english(10, seed=seed)
    first, second, third = (clause(8, seed * 10 + k) for k in range(3))
    src_en[0] = f"{first}، {second}، {third}."
    tgt = [f"{first}{title_stop}", f"{first} {second} {third}.", *src_en[1:]]
    beads = [Bead((), (0,), 1.0), Bead((0,), (1,), 0.8)]
    beads += [Bead((i,), (i + 1,), 0.9) for i in range(1, 10)]
    return src_en, tgt, beads


def test_a_title_line_is_never_joined_with_a_sentence() -> None:
    src_en, tgt, beads = titled_document(seed=27, title_stop="")
    assert Bead((), (0,), 1.0) in joined(src_en, tgt, beads)  # a title: the search's rule
    src_en, tgt, beads = titled_document(seed=27, title_stop=".")
    assert Bead((0,), (0, 1)) in [Bead(b.src, b.tgt) for b in joined(src_en, tgt, beads)]


def numbered_document(seed: int) -> tuple[list[str], list[str], list[Bead]]:
    """As :func:`document`, but target 6 shares no word with source 5: it writes only a number
    of source 5's third clause that no other sentence writes."""
    src_en, tgt, beads = document(seed)
    src_en[5] = src_en[5].rstrip(".") + " on 18 October."
    tgt[6] = english(1, seed=999)[0].rstrip(".") + " on 18 October."
    return src_en, tgt, beads


def test_a_piece_holding_a_number_only_its_sentence_writes_joins_it() -> None:
    src_en, tgt, beads = numbered_document(seed=28)
    result = joined(src_en, tgt, beads)
    check(result, len(src_en), len(tgt))
    assert Bead((5,), (5, 6)) in [Bead(b.src, b.tgt) for b in result]


@pytest.mark.parametrize("where", ["another source", "a member"])
def test_a_number_written_elsewhere_is_no_anchor(where: str) -> None:
    src_en, tgt, beads = numbered_document(seed=29)
    if where == "another source":
        src_en[9] = src_en[9].rstrip(".") + " in 18 towns."
    else:
        tgt[5] = tgt[5].rstrip(".") + " on 18 October."
    assert Bead((), (6,), 1.0) in joined(src_en, tgt, beads)


def durations_document(seed: int, arabic: str) -> tuple[list[str], list[str], list[Bead]]:
    """As :func:`document`, but target 6 shares no word with source 5: it says "two years ago",
    and the Arabic of source 5 ends with ``arabic``."""
    src_en, tgt, beads = document(seed)
    tgt[6] = english(1, seed=998)[0].rstrip(".") + " two years ago."
    src = [cipher(s) for s in src_en]
    src[5] = src[5].rstrip(".") + f" {arabic}."
    return src, tgt, beads


@pytest.mark.parametrize(
    ("arabic", "joins"),
    [("قبل عامين", True), ("منذ سنتين", True), ("قبل شهرين", False), ("قبل أعوام", False)],
)
def test_a_piece_writing_a_duration_only_its_sentence_writes_joins_it(
    arabic: str, joins: bool
) -> None:
    # two years are قبل عامين or منذ سنتين (a dual), not two months nor "years" without a count
    src, tgt, beads = durations_document(seed=30, arabic=arabic)
    aligner = Aligner(CONFIG, encoder=BagEncoder())
    scorer = aligner.scorer(src, tgt)
    result = attach_parts(beads, src, tgt, scorer, aligner.encoder, CONFIG)
    check(result, len(src), len(tgt))
    assert (Bead((5,), (5, 6)) in [Bead(b.src, b.tgt) for b in result]) is joins


def test_a_duration_another_source_writes_is_no_anchor() -> None:
    src, tgt, beads = durations_document(seed=31, arabic="قبل عامين")
    src[9] = src[9].rstrip(".") + " منذ عامين."
    aligner = Aligner(CONFIG, encoder=BagEncoder())
    scorer = aligner.scorer(src, tgt)
    assert Bead((), (6,), 1.0) in attach_parts(beads, src, tgt, scorer, aligner.encoder, CONFIG)
