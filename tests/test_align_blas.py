"""Limiting numpy's OpenBLAS to one thread around the aligner's search, and restoring it."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from translate_eval.align import blas
from translate_eval.align.blas import blas_threads


def _counts() -> list[int]:
    return [int(getter()) for _, getter in blas._controls()]  # type: ignore[operator]


def test_threads_are_limited_inside_and_restored_after() -> None:
    if not blas._controls():
        pytest.skip("numpy's BLAS is not an OpenBLAS this module can reach")
    before = _counts()
    with blas_threads(1):
        assert _counts() == [1] * len(before)
        with blas_threads(1):  # nested: still limited
            assert _counts() == [1] * len(before)
        assert _counts() == [1] * len(before)
    assert _counts() == before


def test_restored_after_an_error_and_after_concurrent_uses() -> None:
    if not blas._controls():
        pytest.skip("numpy's BLAS is not an OpenBLAS this module can reach")
    before = _counts()
    with pytest.raises(ValueError), blas_threads(1):
        raise ValueError("boom")
    assert _counts() == before
    inside = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with blas_threads(1):
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(5)
    with blas_threads(1):
        pass
    assert _counts() == [1] * len(before)  # the other user is still inside
    release.set()
    worker.join()
    assert _counts() == before


def test_products_on_one_thread_repeat_exactly_and_agree_with_threaded_ones() -> None:
    rng = np.random.default_rng(0)
    left = rng.standard_normal((70, 512)).astype(np.float32)
    right = rng.standard_normal((300, 512)).astype(np.float32)
    threaded = left @ right.T
    with blas_threads(1):
        single = left @ right.T
    with blas_threads(1):
        again = left @ right.T
    assert np.array_equal(single, again)
    # Some OpenBLAS kernels split a product differently with threads: float32 rounding only.
    np.testing.assert_allclose(threaded, single, rtol=1e-5, atol=1e-4)
