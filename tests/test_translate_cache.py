"""The persistent MT cache: nothing translated twice, resume after an interruption."""

from __future__ import annotations

import pytest

from translate_eval.translate.cache import CachedTranslator


class CountingTranslator:
    """Upper-cases sentences; records every sentence it was asked for; can fail on demand."""

    def __init__(self, signature: str = "fake:v1", fail_on: str | None = None) -> None:
        self.signature = signature
        self.seen: list[str] = []
        self.fail_on = fail_on

    def translate(self, sentences: list[str]) -> list[str]:
        if self.fail_on is not None and self.fail_on in sentences:
            raise KeyboardInterrupt("simulated interruption")
        self.seen.extend(sentences)
        return [s.upper() for s in sentences]


def test_rerun_translates_nothing_twice(tmp_path):
    path = tmp_path / "cache.sqlite"
    first = CountingTranslator()
    cached = CachedTranslator(first, path)
    assert cached.translate(["a", "b", "a"]) == ["A", "B", "A"]
    assert first.seen == ["a", "b"]  # duplicates inside one call are translated once
    cached.close()

    second = CountingTranslator()
    cached = CachedTranslator(second, path)
    assert cached.translate(["b", "a", "c"]) == ["B", "A", "C"]
    assert second.seen == ["c"]
    assert (cached.stats.hits, cached.stats.misses) == (2, 1)


def test_interrupted_run_resumes_from_finished_chunks(tmp_path):
    path = tmp_path / "cache.sqlite"
    sentences = [f"s{i}" for i in range(10)]
    failing = CountingTranslator(fail_on="s7")
    with pytest.raises(KeyboardInterrupt):
        CachedTranslator(failing, path, chunk_size=3).translate(sentences)
    assert failing.seen == ["s0", "s1", "s2", "s3", "s4", "s5"]  # two chunks committed

    resumed = CountingTranslator()
    output = CachedTranslator(resumed, path, chunk_size=3).translate(sentences)
    assert output == [s.upper() for s in sentences]
    assert resumed.seen == ["s6", "s7", "s8", "s9"]


def test_a_different_system_signature_does_not_reuse_entries(tmp_path):
    path = tmp_path / "cache.sqlite"
    CachedTranslator(CountingTranslator("sys:A"), path).translate(["x"])
    other = CountingTranslator("sys:B")
    CachedTranslator(other, path).translate(["x"])
    assert other.seen == ["x"]
