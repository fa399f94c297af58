"""Far part links: an English sentence left unaligned away from the bead of the Arabic sentence
whose clause it renders joins that bead, flagged moved."""

from __future__ import annotations

from test_align_moves import BagEncoder, check, cipher, english
from test_align_parts import clause, run_pass

from translate_eval.align import Aligner, preset_config
from translate_eval.align.beads import Bead
from translate_eval.align.far_parts import attach_far_parts, repeats_member

CONFIG = preset_config("editorial")


def document(seed: int) -> tuple[list[str], list[str], list[Bead]]:
    """Twelve English sentences; source 2 is three clauses joined by Arabic commas, target 2
    renders the first two and target 9 (between targets for sources 8 and 9) the third, left as
    a 0-1 skip far from [2]:[2]."""
    src_en = english(12, seed=seed)
    first, second, third = (clause(8, seed * 10 + k) for k in range(3))
    src_en[2] = f"{first}، {second}، {third}."
    tgt = [*src_en[:2], f"{first} {second}.", *src_en[3:9], f"{third}.", *src_en[9:]]
    beads = [Bead((i,), (i,), 0.9) for i in range(9)]
    beads += [Bead((), (9,), 1.0)] + [Bead((i,), (i + 1,), 0.9) for i in range(9, 12)]
    return src_en, tgt, beads


def linked(src_en: list[str], tgt: list[str], beads: list[Bead], config=CONFIG) -> list[Bead]:
    return run_pass(attach_far_parts, src_en, tgt, beads, config)


def test_a_far_piece_joins_the_bead_of_its_sentence_as_moved() -> None:
    src_en, tgt, beads = document(seed=31)
    result = linked(src_en, tgt, beads)
    check(result, len(src_en), len(tgt))
    assert Bead((2,), (2, 9), 0.9, moved=True) in result
    assert [(b.src, b.tgt) for b in result if b.src != (2,)] == [
        (b.src, b.tgt) for b in beads if b.src and b.src != (2,)
    ]


def test_an_unrelated_addition_stays_where_it_is() -> None:
    src_en, tgt, beads = document(seed=32)
    tgt[9] = english(1, seed=999)[0]
    assert linked(src_en, tgt, beads) == beads


def test_a_piece_another_english_sentence_renders_better_stays() -> None:
    # target 5 says the third clause as well, earlier in the text: the clause's best English
    # match is not the skip alone, so the two are not each other's best match
    src_en, tgt, beads = document(seed=33)
    tgt[5] = tgt[9]
    assert linked(src_en, tgt, beads) == beads


def test_a_repeat_of_a_member_is_no_part() -> None:
    law = "The incorporation of a {} company by a single person shall entail the following:"
    assert repeats_member(law.format("simplified"), [law.format("limited")], CONFIG)
    assert not repeats_member("The army shelled the city at night.", [law], CONFIG)
    assert not repeats_member("Any sentence.", [], CONFIG)


def test_an_arabic_sentence_is_never_linked_far() -> None:
    # the mirror image: source 9 renders the third clause of target 2, left as a 1-0 skip
    src_en, tgt, beads = document(seed=34)
    src_en, tgt = tgt, src_en  # the English text stands for the Arabic and the other way
    src = [cipher(s.replace("،", ",")) for s in src_en]
    english_side = [s.replace("،", ",") for s in tgt]
    flipped = [Bead(b.tgt, b.src, b.score) for b in beads]
    aligner = Aligner(CONFIG, encoder=BagEncoder())
    scorer = aligner.scorer(src, english_side)
    assert attach_far_parts(flipped, src, english_side, scorer, aligner.encoder, CONFIG) == flipped


def test_off_without_an_encoder_or_in_the_classical_preset() -> None:
    src_en, tgt, beads = document(seed=35)
    src = [cipher(s) for s in src_en]
    scorer = Aligner(CONFIG).scorer(src, tgt, src_en)
    assert attach_far_parts(beads, src, tgt, scorer, None, CONFIG) == beads
    assert linked(src_en, tgt, beads, preset_config("classical")) == beads
