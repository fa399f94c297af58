"""What every command-line test asserts of stderr: one error line, or warning lines only."""

from __future__ import annotations


def assert_one_line_error(code: int, stderr: str, *needles: str) -> str:
    """Exit status 2 and one `translate-eval: error:` line holding every needle; returns it."""
    assert code == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("translate-eval: error: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def warnings_of(stderr: str) -> list[str]:
    """The lines of stderr, each a `translate-eval: warning:` line (no traceback)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert all(line.startswith("translate-eval: warning: ") for line in lines), stderr
    return lines
