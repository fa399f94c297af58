"""Gap pairs: an Arabic and an English sentence left out in the same place form a 1-1 bead when
one renders a clause run of the other (the English adds a long clause)."""

from __future__ import annotations

import dataclasses

from test_align_moves import check, cipher, english
from test_align_parts import run_pass

from translate_eval.align import Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.gap_pairs import gap_skips, pair_gaps

CONFIG = preset_config("editorial")


def document(seed: int, added: str | None = None) -> tuple[list[str], list[str], list[Bead]]:
    """Ten English sentences; target 5 renders source 5 and adds a long clause after ", where"
    (``added``: another target 5 instead), and the beads as the search leaves such a pair:
    [5]:[] and []:[5] between in-place 1-1 beads."""
    src_en = english(10, seed=seed)
    extra = " ".join(english(1, seed=seed + 500)[0].rstrip(".").split()[:14])
    tgt = list(src_en)
    tgt[5] = added if added is not None else f"{src_en[5].rstrip('.')}, where {extra}."
    beads = [Bead((i,), (i,), 0.9) for i in range(5)]
    beads += [Bead((5,), (), 1.0), Bead((), (5,), 1.0)]
    beads += [Bead((i,), (i,), 0.9) for i in range(6, 10)]
    return src_en, tgt, beads


def paired(src_en: list[str], tgt: list[str], beads: list[Bead], config=CONFIG) -> list[Bead]:
    return run_pass(pair_gaps, src_en, tgt, beads, config)


def test_a_sentence_with_an_added_clause_pairs_with_its_source() -> None:
    src_en, tgt, beads = document(seed=41)
    result = paired(src_en, tgt, beads)
    check(result, len(src_en), len(tgt))
    assert [(b.src, b.tgt) for b in result] == [((i,), (i,)) for i in range(10)]


def test_an_unrelated_sentence_in_the_gap_stays_an_addition() -> None:
    src_en, tgt, beads = document(seed=42, added=english(1, seed=977)[0])
    assert paired(src_en, tgt, beads) == beads


def test_a_pair_whose_clause_matches_another_sentence_as_well_stays_apart() -> None:
    # source 5 is also target 8, word for word: the clause of target 5 may be 8's rendering
    src_en, tgt, beads = document(seed=43)
    tgt[8] = src_en[5]
    assert paired(src_en, tgt, beads) == beads


def test_only_skips_between_the_same_two_beads_form_a_gap() -> None:
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,)), Bead((), (2,)), Bead((3,), (3,))]
    assert gap_skips(beads, 4, 4) == []  # AR1 and EN2 lie in different gaps
    beads = [Bead((0,), ()), Bead((), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((), (2,))]
    assert gap_skips(beads, 3, 3) == [(0, 1), (3, 4)]  # at the start and at the end
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), ()), Bead((), (1,)), Bead((3,), (2,))]
    assert gap_skips(beads, 4, 3) == []  # two Arabic sentences against one English


def test_off_or_without_an_encoder_nothing_changes() -> None:
    src_en, tgt, beads = document(seed=44)
    config = dataclasses.replace(CONFIG, part_z=float("inf"))
    assert paired(src_en, tgt, beads, config) == beads
    src = [cipher(s) for s in src_en]
    scorer = Aligner(CONFIG).scorer(src, tgt, src_en)
    assert pair_gaps(beads, src, tgt, scorer, None, CONFIG) == beads


def titled(
    seed: int, english_title: str, arabic_first: str
) -> tuple[list[str], list[str], list[Bead]]:
    """Ten sentences after a first line on each side that shares no word with the other (an
    Arabic ``arabic_first``, an English ``english_title``), both left out by the search."""
    src_en = [arabic_first, *english(10, seed=seed)]
    tgt = [english_title, *src_en[1:]]
    beads = [Bead((0,), (), 1.0), Bead((), (0,), 1.0)]
    beads += [Bead((i,), (i,), 0.9) for i in range(1, 11)]
    return src_en, tgt, beads


def test_the_two_first_lines_left_out_under_a_headline_are_the_title_bead() -> None:
    arabic = english(1, seed=901)[0]  # a short sentence, full stop and all
    src_en, tgt, beads = titled(45, "Taking Back the Revolution of the Town", arabic)
    result = paired(src_en, tgt, beads)
    check(result, len(src_en), len(tgt))
    assert [(b.src, b.tgt) for b in result] == [((i,), (i,)) for i in range(11)]


def test_without_a_headline_or_with_a_long_first_line_the_first_lines_stay_apart() -> None:
    arabic = english(1, seed=902)[0]
    src_en, tgt, beads = titled(46, english(1, seed=903)[0], arabic)  # a sentence, no title
    assert paired(src_en, tgt, beads) == beads
    long_first = " ".join(english(3, seed=904)).replace(".", "")  # over 25 words
    src_en, tgt, beads = titled(47, "Taking Back the Revolution of the Town", f"{long_first}.")
    assert paired(src_en, tgt, beads) == beads
