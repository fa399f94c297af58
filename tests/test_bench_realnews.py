"""The real-news loader: spans of hand lines, mapping tool segments onto them, edit matching."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from translate_eval.align.beads import Bead
from translate_eval_bench.realnews import (
    SHARED_DIR,
    GoldEdit,
    RealPair,
    beads_on_hand_ids,
    edit_matches,
    first_misfit,
    hand_mt,
    is_restructured,
    link_rows,
    load_pairs,
    missing_mt_files,
    mt_label,
    overlap_map,
    spans_of_lines,
)


def test_spans_of_lines_ignore_whitespace_and_keep_order() -> None:
    text = "First one.\nSecond\n  sentence here. Third."
    spans = spans_of_lines(text, ["First one.", "Second sentence here.", "Third."])
    assert [text[a:b] for a, b in spans] == ["First one.", "Second\n  sentence here.", "Third."]
    with pytest.raises(ValueError):
        spans_of_lines(text, ["Third.", "First one."])


def test_overlap_map_and_beads_on_hand_ids() -> None:
    hand = [(0, 10), (11, 20), (21, 30)]
    tool = [(0, 20), (21, 25), (26, 30)]
    mapped = overlap_map(tool, hand)
    assert mapped == [(0, 1), (2,), (2,)]
    beads = beads_on_hand_ids([Bead((0,), (1,)), Bead((1, 2), ())], mapped, [(), (4,)])
    assert beads == [Bead((0, 1), (4,)), Bead((2,), ())]


def test_is_restructured() -> None:
    close = [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((), (3,))]
    assert not is_restructured(close)
    assert is_restructured([Bead((0,), (1,)), Bead((1,), (0,))])
    assert is_restructured([Bead((0,), (0, 2)), Bead((), (1,))])


def test_edit_matches_counts_found_and_correct() -> None:
    links = pd.DataFrame(
        {
            "src_ids": ["0", "1", ""],
            "tgt_ids": ["0 1", "2", "3"],
            "edit": ["faithful", "faithful", "addition"],
            "flags": ["", "numbers_differ", ""],
        }
    )
    edits = [
        GoldEdit("numbers_differ", (0,), (0,)),
        GoldEdit("addition", (), (3,)),
        GoldEdit("split", (0,), (0, 1)),
    ]
    table = edit_matches(link_rows(links), edits).set_index("kind")
    assert table.loc["numbers_differ"].tolist() == [1, 0, 1, 0]
    assert table.loc["addition"].tolist() == [1, 1, 1, 1]
    assert table.loc["split"].tolist() == [1, 1, 1, 1]
    assert "faithful" not in table.index


@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="shared real-news pairs absent")
def test_shared_pairs_load_with_consistent_gold() -> None:
    pairs, _ = load_pairs()
    true_pairs = [p for p in pairs if not p.negative]
    assert true_pairs and any(p.negative for p in pairs)
    for pair in true_pairs:
        src = sorted(i for bead in pair.gold for i in bead.src)
        tgt = sorted(j for bead in pair.gold for j in bead.tgt)
        assert src == list(range(len(pair.ar_spans)))
        assert tgt == list(range(len(pair.en_spans)))
        assert all(s.strip() for s in pair.ar_sentences + pair.en_sentences)


def test_a_moved_bead_finds_a_gold_move_only_on_both_of_its_sides() -> None:
    links = pd.DataFrame(
        {
            "src_ids": ["5", "2", "7"],
            "tgt_ids": ["14", "9", "3"],
            "edit": ["faithful"] * 3,
            "flags": ["moved", "moved", "moved"],
        }
    )
    # the second bead moves the right source to a wrong place, the third a wrong source to
    # the right place: neither finds the gold move of source 2 to English 3
    edits = [GoldEdit("moved", (5,), (14,)), GoldEdit("moved", (2,), (3,))]
    table = edit_matches(link_rows(links), edits).set_index("kind")
    assert table.loc["moved"].tolist() == [2, 1, 3, 1]
    numbers = GoldEdit("numbers_differ", (2,), (3,))  # a fact flag needs one side only
    flagged = links.assign(flags="numbers_differ")
    table = edit_matches(link_rows(flagged), [numbers]).set_index("kind")
    assert table.loc["numbers_differ"].tolist() == [1, 1, 3, 2]


def test_a_hand_sentence_with_a_line_break_stays_one_line() -> None:
    # a page that hard-wraps inside a sentence: written one sentence a line, the sentence
    # must not become two lines (every later id would shift)
    text = "First sentence.\nSecond one runs\nonto a new line. Third."
    pair = RealPair("x", Path("x"), {}, text, "", ar_spans=[(0, 15), (16, 48), (49, 55)])
    assert pair.ar_sentences == ["First sentence.", "Second one runs onto a new line.", "Third."]
    assert all("\n" not in s for s in pair.ar_sentences)


def test_hand_mt_reads_a_file_from_the_pair_texts_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATE_EVAL_REALNEWS_TEXTS", str(tmp_path))
    pair = RealPair("77-example", tmp_path, {}, "نص.", "Text.")
    assert hand_mt(pair, "gloss") == "gloss"
    with pytest.raises(FileNotFoundError, match="77-example"):
        hand_mt(pair, "gloss", "mt_other.txt")
    (tmp_path / "77-example").mkdir()
    (tmp_path / "77-example" / "mt_other.txt").write_text("Text.\n", encoding="utf-8")
    assert (
        hand_mt(pair, "gloss", "mt_other.txt") == f"file:{tmp_path / '77-example' / 'mt_other.txt'}"
    )
    negative = RealPair("78-other", tmp_path, {"negative": True}, "نص.", "Text.")
    lacking = RealPair("79-lacking", tmp_path, {}, "نص.", "Text.")
    assert missing_mt_files([pair, negative, lacking], "mt_other.txt") == [
        tmp_path / "79-lacking" / "mt_other.txt"
    ]
    assert missing_mt_files([lacking], None) == []
    assert mt_label("gloss") == "gloss"
    assert mt_label("gloss", "mt_other.txt").endswith("<pair>/mt_other.txt")


def test_first_misfit_points_at_the_first_span_a_restored_text_breaks() -> None:
    spans = [(0, 6), (8, 18)]
    assert first_misfit("Title.\n\nBody text.\n", spans) is None
    # A furniture line kept before the body shifts it: span 1 now ends inside a word.
    assert first_misfit("Title.\n\nTT\nBody text.\n", spans) == 1
    assert first_misfit("Title.\n\nBody text.\nMore.\n", spans) == 2  # text after the last
    assert first_misfit("Title.\n\nBody", spans) == 1  # cut too early
    assert first_misfit(" Title.\n\nBody text.", spans) == 0
