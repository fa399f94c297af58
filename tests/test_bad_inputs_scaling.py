"""Hostile sizes: bead files with huge ids answer at once in bounded memory, and the steps of
compare that see every bead stay linear in the number of beads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from translate_eval.align.beads import MAX_SENTENCES, Bead, parse_beads
from translate_eval.align.evaluate import check_gold
from translate_eval.cli import main
from translate_eval.confidence import chance_pairings
from translate_eval.errors import InputError

#: Address space the score-alignment subprocess may use: enough for Python with numpy and
#: pandas, far below what allocating by an id of 10**9 needs.
MEMORY_LIMIT = 1536 * 1024 * 1024


def score_alignment_limited(gold: Path, test: Path) -> subprocess.CompletedProcess[str]:
    """``translate-eval score-alignment gold test`` in a subprocess limited to
    :data:`MEMORY_LIMIT` of address space and 60 s."""
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
        from translate_eval.cli import main
        sys.exit(main(["score-alignment", {str(gold)!r}, {str(test)!r}]))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("ids", ["1000000000", "9" * 5000])
def test_a_gold_with_a_huge_id_is_refused_at_once_in_bounded_memory(
    tmp_path: Path, ids: str
) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text(f"[{ids}]:[{ids}]\n", encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text("[0]:[0]\n", encoding="utf-8")
    started = time.perf_counter()
    done = score_alignment_limited(gold, test)
    assert time.perf_counter() - started < 30
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"translate-eval: error: {gold}:1: sentence id ")
    assert "is beyond the 1,000,000 sentences a document may have" in lines[0]
    assert "Traceback" not in done.stderr


def test_the_largest_allowed_id_scores_in_bounded_memory(tmp_path: Path) -> None:
    last = MAX_SENTENCES - 1
    gold = tmp_path / "gold.txt"
    gold.write_text(f"[0]:[0]\n[{last}]:[{last}]\n", encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text(f"[0]:[0]\n[{last}]:[{last}]\n", encoding="utf-8")
    done = score_alignment_limited(gold, test)
    assert done.returncode == 0, done.stderr
    assert "source 1, 2, 3, 4, 5, 6, 7, 8 (+999990 more) never; target 1, " in done.stderr
    assert "1.000" in done.stdout


def test_a_test_file_with_a_huge_id_names_its_file_and_line(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "gold.txt"
    gold.write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text("[0]:[0]\n\n[1]:[1, 1000000]\n", encoding="utf-8")
    assert main(["score-alignment", str(gold), str(test)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"translate-eval: error: {test}:3: sentence id 1000000 is beyond the 1,000,000 "
        "sentences a document may have; ids are sentence numbers from 0"
    ]


def test_parse_beads_refuses_ids_beyond_the_limit_and_keeps_leading_zeros() -> None:
    assert parse_beads("[0007]:[999999]") == [Bead((7,), (999_999,))]
    with pytest.raises(InputError, match=r"^x:1: sentence id 12345678901234567890\.\.\. "):
        parse_beads("[" + "1234567890" * 10 + "]:[0]", source="x")


def test_check_gold_lists_the_gaps_between_listed_ids() -> None:
    beads = [Bead((0,), (0,)), Bead((3,), (1, 1)), Bead((7,), (4,))]
    check = check_gold(beads)
    assert check.src_skipped == (1, 2, 4, 5, 6) and check.src_repeated == ()
    assert check.tgt_skipped == (2, 3) and check.tgt_repeated == (1,)


def _links(beads: int) -> pd.DataFrame:
    ids = [[i] for i in range(beads)]
    return pd.DataFrame(
        {
            "src_ids": ids,
            "tgt_ids": ids,
            "src_text": [f"s{i}" for i in range(beads)],
            "tgt_text": [f"t{i}" for i in range(beads)],
            "mt_text": [f"t{i}" for i in range(beads)],
            "similarity": np.zeros(beads),
            "chrf": np.zeros(beads),
        }
    )


class _PairsEncoder:
    """Remembers the texts it was asked for; every vector is [1.0]."""

    def __init__(self) -> None:
        self.texts: list[list[str]] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts.append(list(texts))
        return np.ones((len(texts), 1))


def test_chance_pairings_pair_each_source_with_the_english_half_a_document_away() -> None:
    encoder = _PairsEncoder()
    result = chance_pairings(_links(5), encoder)
    assert encoder.texts == [["s0", "s1", "s2", "s3", "s4"], ["t2", "t3", "t4", "t0", "t1"]]
    assert result["similarity"].tolist() == [1.0] * 5


def test_chance_pairings_grow_linearly_with_the_beads() -> None:
    """Eight times the beads take far less than 64 times as long (it was quadratic)."""

    def seconds(beads: int) -> float:
        links = _links(beads)
        started = time.perf_counter()
        chance_pairings(links, _PairsEncoder())
        return time.perf_counter() - started

    small, large = seconds(2_000), seconds(16_000)
    assert large < 0.5 or large < 20 * max(small, 1e-3)
