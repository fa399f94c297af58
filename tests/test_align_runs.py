"""Run vectors of the aligner: concatenations up to ``concat_limit``, length-weighted means
beyond, and the texts the encoder is asked for."""

from __future__ import annotations

import numpy as np
import pytest
from bag_encoder import BagEncoder

from translate_eval.align import Aligner, preset_config
from translate_eval.align.features import char_lengths
from translate_eval.align.run_means import weighted_runs
from translate_eval.errors import InputError

SRC = ["alpha beta gamma.", "delta epsilon.", "zeta eta theta iota.", "kappa lambda."]
TGT = ["alpha beta.", "gamma delta.", "epsilon zeta eta.", "theta iota.", "kappa.", "lambda."]


class Recording(BagEncoder):
    def __init__(self) -> None:
        super().__init__(64, "bag-runs")
        self.texts: list[str] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.texts.extend(sentences)
        return super().encode(sentences)


def test_weighted_runs_are_unit_length_weighted_means() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 8)).astype(np.float32)
    weights = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0])
    runs = weighted_runs(vectors, weights, 2, 4)
    assert [r.shape[0] for r in runs] == [4, 3]
    expected = (vectors[2:6] * weights[2:6, None]).sum(axis=0)
    np.testing.assert_allclose(runs[1][2], expected / np.linalg.norm(expected), rtol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(runs[0], axis=1), 1.0, rtol=1e-5)


def test_only_runs_up_to_concat_limit_are_encoded() -> None:
    full, short = Recording(), Recording()
    config = preset_config("parallel", max_bead=4)
    Aligner(config, full)._span_embeddings(SRC, TGT)
    spans = Aligner(preset_config("parallel", max_bead=4, concat_limit=2), short)
    embeddings = spans._span_embeddings(SRC, TGT)
    assert max(text.count(".") for text in short.texts) == 2
    assert len(short.texts) == (4 + 3) + (6 + 5) < len(full.texts)
    # the 3-sentence target runs are the length-weighted means of their sentences
    sentences = BagEncoder(64, "bag-runs").encode(TGT)
    expected = weighted_runs(sentences, char_lengths(TGT), 2, 3)[0]
    np.testing.assert_allclose(embeddings.tgt.by_size[2], expected, rtol=1e-5, atol=1e-6)
    assert embeddings.tgt.max_size() == 4 and embeddings.src.max_size() == 4


def test_concat_limit_below_one_is_refused() -> None:
    with pytest.raises(InputError, match="concat_limit"):
        preset_config("parallel", concat_limit=0)
