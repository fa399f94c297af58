"""Shared test fixtures. Helper modules of tests/ (``bag_encoder``) import by name: pytest puts
tests/ on ``sys.path`` (rootdir-relative, prepend import mode); the tiny Marian model builder
is :mod:`translate_eval_bench.tiny_marian`, which the MT benchmarks use too."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_eval_bench.tiny_marian import build_tiny_marian


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Marian model (``hf:`` loadable), built once per test session."""
    return build_tiny_marian(tmp_path_factory.mktemp("hf") / "tiny-marian")
