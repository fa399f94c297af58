"""README's commands work as written: the examples on the built-in pair run verbatim, and the
test command of the quick start is the one `.ci/run` runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced_block_after(marker: str) -> list[str]:
    """The lines of the first fenced code block after ``marker`` in README (comments and blank
    lines left out)."""
    start = README.index(marker)
    match = re.search(r"```[a-z]*\n(.*?)```", README[start:], flags=re.DOTALL)
    assert match, f"no code block after {marker!r}"
    return [line for line in match.group(1).splitlines() if line.strip() and line[0] != "#"]


def test_quick_start_test_command_is_the_one_ci_runs() -> None:
    commands = fenced_block_after("## Quick start")
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
    assert any(line.startswith(commands[0]) for line in ci.splitlines())
    assert (
        commands[0].startswith("python3 -m venv .venv && ")
        and "translate-eval compare" in commands[0]
    )


@pytest.mark.slow
def test_the_examples_on_the_built_in_pair_run_verbatim(tmp_path: Path) -> None:
    commands = fenced_block_after("These run as written")
    assert len(commands) >= 3 and all(line.startswith("translate-eval ") for line in commands)
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "runs").mkdir()
    environment = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    environment["TRANSLATE_EVAL_CACHE"] = str(tmp_path / "cache.sqlite")
    for line in commands:
        done = subprocess.run(
            line, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, f"{line}\n{done.stderr}"
        assert "Traceback" not in done.stderr
    assert (tmp_path / "runs" / "quick" / "links.csv").is_file()
    assert (tmp_path / "runs" / "quick.tmx").read_text(encoding="utf-8").count("<tu ") > 5
