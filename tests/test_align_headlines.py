"""Headlines: a title line opening a side is never joined with the sentences after it."""

from __future__ import annotations

import numpy as np

from translate_eval.align import Aligner, preset_config
from translate_eval.align.cost import HEADLINE_JOIN_COST, BeadScorer
from translate_eval.align.headlines import headline_lines, is_headline, leading_headline

LEDE = "Syrian rebels seized the national hospital in Jisr al-Shughour on Friday after a siege."
BODY = [
    "The army had held the hospital since the town fell in April.",
    "About 150 soldiers and officials were inside when the fighters attacked.",
    "The opposition said it would open a road for civilians leaving the area.",
    "The regime's aircraft struck the town twice during the night.",
]


def test_a_title_is_a_short_line_without_final_punctuation() -> None:
    assert is_headline("Rebels seize the national hospital in Jisr al-Shughour")
    assert is_headline("درعا: الثوار يراقبون “تعزيزات النظام” ويترقبون لهجوم")
    assert not is_headline(LEDE)
    assert not is_headline("قال المرصد إن القوات انسحبت.")
    assert not is_headline(" ".join(["word"] * 40))  # too long for a title
    assert not is_headline("")


def test_only_a_punctuated_text_has_a_leading_headline() -> None:
    assert leading_headline(["Rebels seize the hospital", LEDE, *BODY])
    assert not leading_headline(["Rebels seize the hospital"])  # nothing after it
    verses = ["بسم الله الرحمن الرحيم", "الحمد لله رب العالمين", "الرحمن الرحيم"]
    assert not leading_headline(verses)  # unpunctuated verses: no line is a title


def test_the_scorer_refuses_beads_that_join_a_headline() -> None:
    lengths = np.array([30.0, 80.0, 60.0, 70.0])
    config = preset_config("parallel")
    scorer = BeadScorer(
        lengths, lengths, config=config, max_src=2, max_tgt=2, headlines=(False, True)
    )
    joined, _ = scorer.block(1, 2, range(0, 3), range(0, 3))
    assert np.all(joined[:, 0] == HEADLINE_JOIN_COST)  # target 0 joined with target 1
    assert np.all(joined[:, 1:] < HEADLINE_JOIN_COST)
    single, _ = scorer.block(1, 1, range(0, 4), range(0, 4))
    assert np.all(single < HEADLINE_JOIN_COST)  # a headline alone may still pair
    source_joined, _ = scorer.block(2, 1, range(0, 3), range(0, 4))
    assert np.all(source_joined < HEADLINE_JOIN_COST)  # the source has no headline


def test_a_title_and_its_subtitle_are_both_title_lines() -> None:
    subtitle = "The army withdraws after a month-long siege"
    assert headline_lines(["Rebels seize the hospital", subtitle, LEDE, *BODY]) == 2
    assert headline_lines(["Rebels seize the hospital", LEDE, *BODY]) == 1
    assert headline_lines([LEDE, *BODY]) == 0
    # a heading further down is not a title line: only the lines before the first sentence
    assert headline_lines(["Rebels seize the hospital", LEDE, subtitle, *BODY]) == 1


def test_a_headline_may_join_the_title_lines_under_it_but_no_sentence() -> None:
    lengths = np.array([30.0, 40.0, 80.0, 60.0, 70.0])
    config = preset_config("parallel")
    scorer = BeadScorer(lengths, lengths, config=config, max_src=3, max_tgt=3, headlines=(2, 0))
    pair, _ = scorer.block(2, 1, range(0, 4), range(0, 5))
    assert np.all(pair[0] < HEADLINE_JOIN_COST)  # title + subtitle: one English title
    assert np.all(pair[1:] < HEADLINE_JOIN_COST)  # the subtitle may still join the lede
    triple, _ = scorer.block(3, 1, range(0, 3), range(0, 5))
    assert np.all(triple[0] == HEADLINE_JOIN_COST)  # the headline and a sentence
    assert np.all(triple[1:] < HEADLINE_JOIN_COST)


def test_an_english_headline_stays_apart_from_the_lede() -> None:
    """The English opens with a title the Arabic lacks, and its lede renders only part of the
    Arabic first sentence (the rest went into the title): joined, the two would match the MT
    better, which is the aligner's choice without the rule. The title stays an addition of its
    own and the lede is paired with the Arabic first sentence."""
    title = "Month-long siege by the army and allied militias ends"
    lede = "Syrian rebels seized the national hospital in Jisr al-Shughour on Friday."
    mt = [
        "Syrian rebels seized the national hospital in Jisr al-Shughour on Friday after a "
        "month-long siege by the army and its allied militias.",
        *BODY,
    ]
    arabic = [f"جملة {i}." for i in range(len(mt))]  # the MT stands for the Arabic
    beads = Aligner(preset_config("editorial")).align(arabic, [title, lede, *BODY], mt)
    assert [(bead.src, bead.tgt) for bead in beads if 0 in bead.tgt] == [((), (0,))]
    assert any(bead.src == (0,) and bead.tgt == (1,) for bead in beads)
