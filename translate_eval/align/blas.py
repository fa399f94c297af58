"""Run a block of numpy code with OpenBLAS limited to one thread (the aligner's small products).

The search multiplies many small matrices (tens of rows by a few hundred columns); OpenBLAS
splits each over its threads, whose start-up and spin-waiting cost more than the product itself
(measured: 5 to 20 times more CPU time on a 2-core machine, worse under load). This module finds
the OpenBLAS library numpy has loaded (by reading ``/proc/self/maps``, Linux only) and calls its
``*_set_num_threads`` through ctypes. Inside the block every product is computed the same way
at every run, whatever the machine's core count; outside it some OpenBLAS kernels (0.3.31 on an
AMD EPYC) split a product differently with threads, which changes float32 results in the last
bits only. Where the library or the symbol is not found (another BLAS, another OS),
:func:`blas_threads` does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
import threading
from collections.abc import Iterator
from functools import lru_cache

_PREFIXES = ("scipy_openblas", "openblas", "scipy_openblas64_", "openblas64_")
_SUFFIXES = ("", "64_")
_LOCK = threading.Lock()
_depth = 0
_saved: list[int] = []


@lru_cache(maxsize=1)
def _controls() -> tuple[tuple[object, object], ...]:
    """(set, get) function pairs of every OpenBLAS loaded in this process; () if none."""
    try:
        import numpy  # noqa: F401  (makes sure numpy's BLAS is loaded)

        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.so[.\d]*)", maps.read())))
    except OSError:
        return ()
    controls = []
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                setter = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
                getter = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
                if setter is not None and getter is not None:
                    setter.restype, getter.restype = None, ctypes.c_int
                    setter.argtypes, getter.argtypes = [ctypes.c_int], []
                    controls.append((setter, getter))
                    break
            else:
                continue
            break
    return tuple(controls)


@contextlib.contextmanager
def blas_threads(count: int = 1) -> Iterator[None]:
    """Limit numpy's OpenBLAS to ``count`` threads inside the ``with`` block, then restore
    the previous setting (nested and concurrent uses restore once, when the last one exits).
    O(1)."""
    global _depth, _saved
    controls = _controls()
    if not controls:
        yield
        return
    with _LOCK:
        if _depth == 0:
            _saved = [int(getter()) for _, getter in controls]  # type: ignore[operator]
        _depth += 1
        for setter, _ in controls:
            setter(count)  # type: ignore[operator]
    try:
        yield
    finally:
        with _LOCK:
            _depth -= 1
            if _depth == 0:
                for (setter, _), value in zip(controls, _saved, strict=True):
                    setter(value)  # type: ignore[operator]
