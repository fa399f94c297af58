"""The vectorised TER edit count against sacrebleu's own implementation, case by case."""

from __future__ import annotations

import random

import pytest
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import translation_edit_rate

from translate_eval.score.metrics import sentence_ter
from translate_eval.score.ter import MAX_SHIFT_CANDIDATES, _beam_windows, ter_edits, ter_score


def _edited(reference: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    """The reference with a few blocks moved and a few words replaced, dropped or added."""
    words = list(reference)
    for _ in range(rng.randint(0, 4)):
        if len(words) > 3:
            start, size = rng.randrange(len(words)), rng.randint(1, 6)
            block = words[start : start + size]
            del words[start : start + size]
            target = rng.randrange(len(words) + 1)
            words[target:target] = block
    for _ in range(rng.randint(0, 5)):
        choice = rng.random()
        if choice < 0.3 and words:
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        elif choice < 0.6 and words:
            del words[rng.randrange(len(words))]
        else:
            words.insert(rng.randrange(len(words) + 1), rng.choice(vocabulary))
    return words


def _random_cases(seed: int, count: int) -> list[tuple[list[str], list[str]]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        vocabulary = [f"w{k}" for k in range(rng.choice([3, 8, 20, 60]))]
        reference = [rng.choice(vocabulary) for _ in range(rng.choice([1, 2, 5, 10, 20, 40, 70]))]
        if rng.random() < 0.4:
            size = rng.choice([0, 1, 2, 5, 10, 20, 40, 70])
            hypothesis = [rng.choice(vocabulary) for _ in range(size)]
        else:
            hypothesis = _edited(reference, rng, vocabulary)
        cases.append((hypothesis, reference))
    return cases


@pytest.mark.parametrize("seed", [0, 1])
def test_edit_counts_equal_sacrebleu_on_random_edits(seed: int) -> None:
    for hypothesis, reference in _random_cases(seed, 120):
        assert ter_edits(hypothesis, reference) == tuple(
            translation_edit_rate(hypothesis, reference)
        ), (hypothesis, reference)


def test_edit_counts_equal_sacrebleu_at_the_edges() -> None:
    cases = [
        ([], ["a", "b"]),  # nothing to shift: every reference word is an insertion
        (["a", "b"], []),  # empty reference: sacrebleu's (n_hyp, 0)
        (["x"], [f"w{k}" for k in range(120)]),  # lengths 1:120, the beam is widened
        ([f"w{k}" for k in range(120)], ["w60"]),
        (["c", "d", "e", "a", "b"], ["a", "b", "c", "d", "e"]),  # one block shift fixes it
        (["the", "the", "the", "cat"], ["cat", "the", "the", "the"]),
    ]
    for hypothesis, reference in cases:
        assert ter_edits(hypothesis, reference) == tuple(
            translation_edit_rate(hypothesis, reference)
        ), (hypothesis, reference)
    assert ter_edits(["c", "d", "e", "a", "b"], ["a", "b", "c", "d", "e"]) == (1, 5)


def test_the_candidate_limit_stops_the_search_as_in_sacrebleu() -> None:
    """Long hypotheses over a tiny vocabulary offer more than MAX_SHIFT_CANDIDATES shifts: the
    search stops where sacrebleu's does, discarding the step under way."""
    assert MAX_SHIFT_CANDIDATES == 1000
    rng = random.Random(7)
    vocabulary = ["a", "b", "c", "d"]
    reference = [rng.choice(vocabulary) for _ in range(90)]
    hypothesis = _edited(reference, rng, vocabulary)[::-1]  # the limit is hit at the first step
    assert ter_edits(hypothesis, reference) == tuple(translation_edit_rate(hypothesis, reference))
    rng = random.Random(28)
    vocabulary = ["a", "b", "c", "d", "e", "f"][: rng.choice([4, 5, 6])]
    reference = [rng.choice(vocabulary) for _ in range(40)]
    hypothesis = _edited(reference, rng, vocabulary)  # hit at the second step, after one shift
    assert ter_edits(hypothesis, reference) == tuple(translation_edit_rate(hypothesis, reference))


def test_beam_windows_cover_the_diagonal_and_the_last_row() -> None:
    windows = _beam_windows(10, 40)
    assert windows[10] == (40 - 25, 41)  # the last row reaches the last column
    assert all(low <= row * 4 < high for row, (low, high) in enumerate(windows) if row)


def test_sentence_ter_is_sacrebleus_sentence_score_on_text() -> None:
    """Through the tokenizer: case, punctuation and trailing spaces as sacrebleu treats them."""
    metric = TER()
    hypotheses = [
        "The army said on Tuesday that it had taken the town .",
        "On Tuesday, the town was taken, the army said.  ",
        "Seven people were killed and 12 wounded in the shelling of Idlib",
        "Shelling of Idlib: 12 wounded and seven killed",
    ]
    references = [
        "On Tuesday the army said it had seized the town.",
        "The army said on Tuesday that it had taken the town.",
        "In the shelling of Idlib seven people were killed and twelve wounded.",
        "Seven people were killed and 12 were wounded in the shelling of Idlib.",
    ]
    scores = sentence_ter(hypotheses, references, metric)
    for score, hypothesis, reference in zip(scores, hypotheses, references, strict=True):
        assert score == pytest.approx(metric.sentence_score(hypothesis, [reference]).score)
    assert ter_score(3, 0) == 100.0 and ter_score(0, 0) == 0.0 and ter_score(1, 4) == 25.0
