"""Clause units: where Arabic and English sentences are cut, offsets, and clause beads mapped back
onto sentence beads (partial omissions reported with the dropped clause)."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate_eval.align.beads import Bead, parse_beads
from translate_eval.align.units import (
    AlignedUnits,
    linked_texts,
    mark_clause_gaps,
    segmenter_signature,
    sentence_beads,
    split_translation,
)
from translate_eval.cli import main
from translate_eval.errors import InputError
from translate_eval.lexicon.buckwalter import lexicon_available
from translate_eval.text.clauses import MIN_CLAUSE_WORDS, Clause, clause_spans, document_clauses
from translate_eval.text.segment import segment_text


def clauses(sentence: str, lang: str = "ar") -> list[str]:
    return [sentence[a:b] for a, b in clause_spans(sentence, lang)]


def test_arabic_sentence_is_cut_at_commas_and_clause_opening_conjunctions():
    sentence = (
        "سيطرت قوات المعارضة على البلدة الواقعة في ريف إدلب، "
        "وقال المتحدث باسم الفصائل إن المعارك مستمرة منذ الصباح "
        "وقد سقط عدد من القتلى في صفوف الطرفين"
    )
    assert clauses(sentence) == [
        "سيطرت قوات المعارضة على البلدة الواقعة في ريف إدلب،",
        "وقال المتحدث باسم الفصائل إن المعارك مستمرة منذ الصباح",
        "وقد سقط عدد من القتلى في صفوف الطرفين",
    ]


def test_waw_of_a_name_list_or_inside_a_word_does_not_cut():
    sentence = "التقى الوزير بممثلين عن روسيا وتركيا وإيران والولايات المتحدة في جنيف"
    assert clauses(sentence) == [sentence]


def test_tiny_pieces_are_merged_into_a_neighbour():
    sentence = "وأضاف، في بيان، أن القوات انسحبت من المدينة بعد معارك عنيفة"
    pieces = clauses(sentence)
    assert len(pieces) == 1
    short = "قال، إن الهجوم وقع ليلا، ثم انسحب المهاجمون من المدينة، وأضاف أن القوات وصلت"
    assert all(len(p.split()) >= MIN_CLAUSE_WORDS for p in clauses(short))


def test_a_short_quoted_title_is_never_cut():
    sentence = 'نشرت الجريدة تحقيقا بعنوان "مقبرة القطيفة مجددا، حراسة مشددة لنبش القبور" أمس'
    assert clauses(sentence) == [sentence]


def test_english_cuts_at_clause_words_after_commas_and_semicolons_only():
    sentence = (
        "Rebels took the town after a week of fighting, which residents of the town had feared; "
        "the regime sent reinforcements from Damascus, Homs and Hama to the front"
    )
    assert clauses(sentence, "en") == [
        "Rebels took the town after a week of fighting,",
        "which residents of the town had feared;",
        "the regime sent reinforcements from Damascus, Homs and Hama to the front",
    ]


def test_the_part_view_also_cuts_before_a_relative_where_after_a_comma():
    sentence = (
        "Transport companies raised their fees without any formal decision, where two "
        "companies raised the fare from Suwayda to Damascus by a half"
    )
    head = "Transport companies raised their fees without any formal decision,"
    tail = "where two companies raised the fare from Suwayda to Damascus by a half"
    assert [sentence[a:b] for a, b in clause_spans(sentence, "en", parts=True)] == [head, tail]
    assert clauses(sentence, "en") == [sentence]  # clause units keep the shorter list
    unmarked = "The town where the fighting began was quiet again by the evening"
    assert len(clause_spans(unmarked, "en", parts=True)) == 1


def test_clause_offsets_land_on_the_document_text():
    text = (
        "عنوان الخبر هنا\n\nسيطرت قوات المعارضة على البلدة الواقعة في ريف إدلب، "
        "وقال المتحدث باسم الفصائل إن المعارك مستمرة. ثم انسحبت القوات إلى مواقعها السابقة."
    )
    segments = segment_text(text, "ar").segments
    units = document_clauses(segments, "ar")
    assert [u.sentence for u in units] == [0, 1, 1, 2]
    assert all(text[u.start : u.end] == u.text for u in units)


def _clause(sentence: int, text: str) -> Clause:
    return Clause(sentence, text, 0, len(text))


def test_clause_beads_map_onto_sentence_beads_with_the_dropped_clause_kept():
    src = [_clause(0, "a1"), _clause(0, "a2"), _clause(1, "b1"), _clause(2, "c1")]
    tgt = [_clause(0, "x1"), _clause(1, "y1"), _clause(1, "y2")]
    clause_beads = [
        Bead((0,), (0,), 0.8),
        Bead((1,), (), 0.5),  # a clause of sentence 0 with no English
        Bead((2,), (1, 2), 0.6),
        Bead((3,), (), 0.4),  # the whole of sentence 2 has no English
    ]
    aligned = sentence_beads(clause_beads, src, tgt)
    assert [(b.src, b.tgt) for b in aligned.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), ())]
    assert aligned.beads[0].score == pytest.approx(0.65)
    assert [c.text for c in aligned.dropped[0]] == ["a2"]
    assert 2 not in aligned.dropped  # an omitted sentence is its own 1-0 bead


def test_an_arabic_sentence_spread_over_two_english_ones_is_one_bead():
    src = [_clause(0, "a1"), _clause(0, "a2")]
    tgt = [_clause(0, "x1"), _clause(1, "y1")]
    aligned = sentence_beads([Bead((0,), (0,)), Bead((1,), (1,))], src, tgt)
    assert [(b.src, b.tgt) for b in aligned.beads] == [((0,), (0, 1))]


def test_mark_clause_gaps_turns_a_faithful_bead_into_a_partial_omission():
    src = [_clause(0, "a1"), _clause(0, "a2"), _clause(1, "b1")]
    tgt = [_clause(0, "x1"), _clause(1, "y1"), _clause(1, "y2")]
    aligned = sentence_beads(
        [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,)), Bead((), (2,))], src, tgt
    )
    scored = pd.DataFrame(
        {"edit": ["faithful", "changed"], "src_text": ["a1 a2", "b1"], "src_gap_text": ["", ""]}
    )
    scored["src_gap_at"] = ""
    marked = mark_clause_gaps(scored, aligned)
    assert marked["edit"].tolist() == ["partial_omission", "changed"]
    assert marked.at[0, "src_gap_text"] == "a2"
    assert marked.at[0, "src_gap_at"] == "end"
    assert marked.at[1, "tgt_gap_text"] == "y2"
    assert mark_clause_gaps(scored, AlignedUnits([], "")) is scored  # sentences: unchanged


def test_split_translation_follows_the_clause_lengths():
    pieces = split_translation("one two three four five six", [10, 30])
    assert " ".join(pieces) == "one two three four five six"
    assert len(pieces[0].split()) < len(pieces[1].split())


def test_unknown_units_are_refused():
    assert segmenter_signature("rules-v2", "clauses") == "rules-v2+clauses-v1"
    with pytest.raises(InputError, match="units must be one of"):
        segmenter_signature("rules-v2", "words")


def test_cli_compare_on_clauses_keeps_sentence_ids(tmp_path, capsys):
    if not lexicon_available():
        pytest.skip("the gloss lexicon: pip install -e '.[gloss]'")
    src = tmp_path / "ar.txt"
    tgt = tmp_path / "en.txt"
    src.write_text(
        "سيطرت قوات المعارضة على البلدة الواقعة في ريف إدلب، وقال المتحدث باسم الفصائل إن "
        "المعارك مستمرة منذ الصباح.\nثم انسحبت القوات الحكومية إلى مواقعها السابقة قرب المدينة.\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "Opposition forces took the town in the Idlib countryside.\n"
        "Government forces then withdrew to their former positions near the city.\n",
        encoding="utf-8",
    )
    out = tmp_path / "run"
    code = main(
        ["compare", str(src), str(tgt), "--presegmented", "--encoder", "none", "--units",
         "clauses", "--out", str(out), "--no-cache"]
    )  # fmt: skip
    assert code == 0
    links = pd.read_csv(out / "links.csv")
    ids = {int(i) for cell in links["src_ids"].dropna() for i in str(cell).split()}
    assert ids <= {0, 1}
    assert "seg:rules-v5+clauses-v1" in capsys.readouterr().out


def test_linked_texts_leave_out_the_unaligned_clauses():
    src = [_clause(0, "a1"), _clause(0, "a2")]
    tgt = [_clause(0, "x1"), _clause(0, "x2")]
    aligned = sentence_beads([Bead((0,), (0,)), Bead((1,), ()), Bead((), (1,))], src, tgt)
    scored = pd.DataFrame({"src_text": ["a1 a2"], "tgt_text": ["x1 x2"]})
    linked = linked_texts(scored, aligned)
    assert linked.loc[0, ["src_text", "tgt_text"]].tolist() == ["a1", "x1"]
    assert scored.at[0, "src_text"] == "a1 a2"


def test_cli_align_on_clauses_prints_beads_over_line_numbers(tmp_path):
    src = tmp_path / "ar.txt"
    tgt = tmp_path / "en.txt"
    src.write_text(
        "سيطرت قوات المعارضة على البلدة الواقعة في ريف إدلب، وقال المتحدث باسم الفصائل إن "
        "المعارك مستمرة منذ الصباح\n\nثم انسحبت القوات الحكومية إلى مواقعها السابقة قرب المدينة\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "Opposition forces took the town in the Idlib countryside, and a spokesman said the "
        "fighting went on.\nGovernment forces then withdrew to their former positions.\n",
        encoding="utf-8",
    )
    out = tmp_path / "beads.txt"
    code = main(
        ["align", str(src), str(tgt), "--presegmented", "--mt", "none", "--encoder", "none",
         "--units", "clauses", "-o", str(out), "--no-cache"]
    )  # fmt: skip
    assert code == 0
    beads = parse_beads(out.read_text(encoding="utf-8"))
    assert sorted(i for b in beads for i in b.src) == [0, 2]  # line 1 is empty
    assert sorted(j for b in beads for j in b.tgt) == [0, 1]


def test_a_one_sided_clause_bead_over_two_sentences_reports_only_the_linked_one():
    src = [_clause(0, "a1"), _clause(0, "a2"), _clause(1, "b1")]
    tgt = [_clause(0, "x1")]
    aligned = sentence_beads([Bead((0,), (0,)), Bead((1, 2), ())], src, tgt)
    assert [(b.src, b.tgt) for b in aligned.beads] == [((0,), (0,)), ((1,), ())]
    assert [c.text for c in aligned.dropped[0]] == ["a2"]


def test_a_moved_clause_does_not_join_sentences_linked_elsewhere():
    src = [_clause(0, "a1"), _clause(1, "b1"), _clause(1, "b2")]
    tgt = [_clause(0, "x1"), _clause(1, "y1")]
    clause_beads = [Bead((0,), (1,), moved=True), Bead((1,), (0,)), Bead((2,), (1,))]
    aligned = sentence_beads(clause_beads, src, tgt)
    # b1 -> x1 and b2 -> y1 link sentence 1 with both English ones; a1 -> y1 (moved) would
    # join sentence 0 too, but y1's sentence is linked already: sentence 0 is left unlinked.
    assert sorted((b.src, b.tgt) for b in aligned.beads) == [((0,), ()), ((1,), (0, 1))]


_PIECES = ["قال", "وأضاف", "وقد", "ثم", "فيما", "،", ",", ";", "؛", "و", "الوزير", "«", "»", '"',
           "and", "which", ", and", "said:", "the", "…", "x"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["ar", "en"]))
def test_clause_spans_cover_the_sentence_in_order_without_overlap(words, lang):
    sentence = " ".join(words)
    spans = clause_spans(sentence, lang)
    assert all(a < b for a, b in spans) or not sentence.strip()
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    covered = "".join(sentence[a:b] for a, b in spans)
    assert covered.replace(" ", "") == sentence.replace(" ", "")
    assert all(sentence[a:b] == sentence[a:b].strip() for a, b in spans)


def test_english_quote_frame_starts_a_clause_at_the_quotation():
    sentence = 'A spokesman for the rebel factions said, "We will hold the town whatever it costs."'
    assert clauses(sentence, "en") == [
        "A spokesman for the rebel factions said,",
        '"We will hold the town whatever it costs."',
    ]
