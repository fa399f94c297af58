"""Planted edits: reproducible by seed, gold ids that point at the right sentences, each rewrite
doing what its kind says, the P/R counting of the benchmark, and the threshold fit."""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from bag_encoder import BagEncoder as SharedBag

from translate_eval.embed import CachedEncoder
from translate_eval.score.labels import LabelInputs
from translate_eval.score.signals import bead_signals
from translate_eval.score.thresholds import EditThresholds, load_thresholds
from translate_eval_bench import fit, fit_data, fit_search, planted_eval
from translate_eval_bench.edits import (
    NAMES,
    PLANTED_KINDS,
    REPLACEMENT_NAMES,
    change_name,
    change_number,
    cut_partial,
    eligible,
    flip_negation,
    split_sentence,
)
from translate_eval_bench.fit_data import youden_cutoff
from translate_eval_bench.planted import (
    PlantedDocument,
    PlantedEdit,
    plant_edits,
    planted_documents,
)
from translate_eval_bench.planted_counts import (
    KindCounts,
    beads_of_links,
    bootstrap_f1,
    match_planted,
)

ARABIC = "قال موسى لقومه إن الله يأمركم بسبعة أيام من الصيام"
STORIES = [
    "Moses said to his people, and they went down to the river, where they stayed for "
    "seven days and seven nights before the caravan came.",
    "They did not believe the messenger, so the town was left empty for many years and "
    "the wells ran dry in the heat of the summer.",
    "Abraham built the house with his son, and the travellers came from every far valley "
    "to see it and to pray there.",
    "The people of Thamud asked for a sign: a camel came out of the rock, but they "
    "hamstrung her and were destroyed.",
    "Forty nights were appointed for the meeting, and in his absence the people made a "
    "calf of gold which they worshipped.",
]


def units(count: int = 30) -> list[tuple[str, str]]:
    """Synthetic aligned units: the Arabic is a fixed sentence with a number word; the English
    cycles through sentences that offer every kind of edit, each made unique by a tag."""
    return [
        (f"{ARABIC} {index}", f"Then {chr(97 + index % 26)}{chr(97 + index // 26)}: "
         + STORIES[index % len(STORIES)])
        for index in range(count)
    ]  # fmt: skip


FILLERS = ["An unrelated sentence about the weather in the mountains was added here."]


def test_same_seed_same_document_other_seed_other_document() -> None:
    first = plant_edits(units(), seed=3, fillers=FILLERS)
    again = plant_edits(units(), seed=3, fillers=FILLERS)
    other = plant_edits(units(), seed=4, fillers=FILLERS)
    assert first.en == again.en and first.edits == again.edits
    assert first.en != other.en or first.edits != other.edits


def test_one_edit_of_each_kind_and_the_arabic_is_untouched() -> None:
    source = units()
    document = plant_edits(source, seed=11, fillers=FILLERS)
    assert sorted(e.kind for e in document.edits) == sorted(PLANTED_KINDS)
    assert document.ar == [a for a, _ in source]
    # Sentence counts: -1 omission, +1 addition, -1 merge, +1 split.
    assert len(document.en) == len(source)


def test_gold_ids_point_at_the_edited_sentences() -> None:
    source = units()
    document = plant_edits(source, seed=5, fillers=FILLERS)
    english_of = dict(enumerate(e for _, e in source))
    for edit in document.edits:
        if edit.kind == "omission":
            assert edit.tgt_ids == () and len(edit.src_ids) == 1
            assert english_of[edit.src_ids[0]] not in document.en
        elif edit.kind == "addition":
            assert edit.src_ids == ()
            assert document.en[edit.tgt_ids[0]] == edit.en and edit.en in FILLERS
        elif edit.kind == "merge":
            first, second = edit.src_ids
            assert second == first + 1
            merged = document.en[edit.tgt_ids[0]]
            assert merged == english_of[first] + " " + english_of[second]
        elif edit.kind == "split":
            first, second = (document.en[j] for j in edit.tgt_ids)
            original = english_of[edit.src_ids[0]]
            assert first.endswith(".")
            assert len(first.split()) + len(second.split()) <= len(original.split())
        else:
            (j,) = edit.tgt_ids
            assert document.en[j] == edit.en
            assert document.en[j] != english_of[edit.src_ids[0]]
        for i in edit.src_ids:
            assert document.ar[i] == source[i][0]


def test_edits_are_spaced_apart() -> None:
    document = plant_edits(units(40), seed=2, fillers=FILLERS, spacing=2)
    spans = [set(e.src_ids) for e in document.edits if e.src_ids]
    assert len(spans) == len(PLANTED_KINDS) - 1  # all but the addition name source sentences
    for first, second in combinations(spans, 2):
        assert min(abs(a - b) for a in first for b in second) > 2


def test_a_kind_without_eligible_unit_is_skipped() -> None:
    plain = [("نص عربي", "Short plain words here.")] * 10
    document = plant_edits(plain, seed=1, kinds=("numbers_differ", "omission"))
    assert [e.kind for e in document.edits] == ["omission"]
    with pytest.raises(ValueError, match="unknown planted kind"):
        plant_edits(plain, seed=1, kinds=("rewrite",))


def test_additions_need_fillers() -> None:
    document = plant_edits(units(), seed=1, kinds=("addition",))
    assert document.edits == []


def test_cut_partial_drops_a_share_at_one_end() -> None:
    text = STORIES[0]
    for seed in range(20):
        kept, dropped, position = cut_partial(text, random.Random(seed))
        total = len(text.split())
        share = len(dropped.split()) / total
        assert 0.3 <= share <= 0.7
        assert position in ("start", "end")
        # The kept words come from the other end of the sentence, in order.
        kept_words = (kept.rstrip(".") if position == "end" else kept).split()
        original = text.split()
        if position == "end":
            assert [w.rstrip(",;:") for w in kept_words] == [
                w.rstrip(",;:") for w in original[: len(kept_words)]
            ]
        else:
            assert kept_words[1:] == original[len(original) - len(kept_words) + 1 :]


def test_change_number_keeps_the_style_and_changes_the_value() -> None:
    changed, old, new = change_number("He waited 30 days.", random.Random(0))
    assert old == "30" and new.isdigit() and new != "30" and changed == f"He waited {new} days."
    changed, old, new = change_number("Forty nights were appointed.", random.Random(0))
    assert old == "Forty" and new[0].isupper() and new.lower() != "forty"
    assert new.lower() in ("twenty", "thirty", "fifty", "sixty", "seventy", "eighty", "ninety")


def test_change_name_replaces_every_occurrence() -> None:
    changed, old, new = change_name("Moses spoke, and Moses left.", random.Random(0))
    assert old == "Moses" and new in REPLACEMENT_NAMES
    assert changed == f"{new} spoke, and {new} left."
    assert "Moses" in NAMES


def test_flip_negation_both_ways() -> None:
    removed, what = flip_negation("They did not believe and would never return.", random.Random(0))
    assert removed == "They did believe and would return." and what == "negation removed"
    inserted, what = flip_negation("The town was left empty.", random.Random(0))
    assert inserted == "The town was not left empty." and "'was'" in what


def test_split_sentence_cuts_at_a_clause() -> None:
    first, second = split_sentence(STORIES[2], random.Random(0))
    assert first.endswith(".") and second[0].isupper()
    assert len(first.split()) >= 5 and len(second.split()) >= 5


def test_eligibility_rules() -> None:
    assert eligible("numbers_differ", ARABIC, "for seven days")
    assert not eligible("numbers_differ", "قال لقومه", "for seven days")  # no Arabic number
    assert not eligible("numbers_differ", ARABIC, "for two days")  # 1 and 2 are not changed
    assert eligible("names_differ", ARABIC, "and Moses said")
    assert not eligible("names_differ", ARABIC, "and the prophet said")
    assert eligible("negation_differs", ARABIC, "it was late")
    assert not eligible("negation_differs", ARABIC, "late evening")
    assert not eligible("partial_omission", ARABIC, "a few words only")


def test_planted_documents_are_windows_with_every_kind() -> None:
    documents = planted_documents(units(120), count=3, size=25, seed=9)
    assert [d.name for d in documents] == ["planted-000", "planted-001", "planted-002"]
    for document in documents:
        assert len(document.ar) == 25 and len(document.refs) == 25
        assert {e.kind for e in document.edits} == set(PLANTED_KINDS)
    again = planted_documents(units(120), count=3, size=25, seed=9)
    assert [d.en for d in documents] == [d.en for d in again]


def test_gold_rows_have_the_edits_tsv_columns() -> None:
    document = plant_edits(units(), seed=5, fillers=FILLERS)
    rows = document.gold_rows()
    assert all(set(row) == {"kind", "ar", "en", "note"} for row in rows)
    pair = document.to_pair()
    assert pair.gold_edits == rows
    assert pair.source.sentences == document.ar and pair.target.sentences == document.en


def test_match_planted_counts_hits_misses_and_false_alarms() -> None:
    edits = [
        PlantedEdit("omission", (3,), (), "a", "", ""),
        PlantedEdit("omission", (8,), (), "b", "", ""),
        PlantedEdit("numbers_differ", (5,), (4,), "c", "d", ""),
    ]
    links = pd.DataFrame(
        {
            "src_ids": ["3", "5", "6", "8 9"],
            "tgt_ids": ["", "4", "5", "7"],
            "edit": ["omission", "faithful", "omission", "merge"],
            "flags": ["", "numbers_differ;moved", "numbers_differ", ""],
        }
    )
    counts = match_planted(beads_of_links(links), edits, ("omission", "numbers_differ"))
    assert counts["omission"] == KindCounts(gold=2, found=1, predicted=2, correct=1)
    assert counts["numbers_differ"] == KindCounts(gold=1, found=1, predicted=2, correct=1)
    assert counts["omission"].precision == 0.5 and counts["omission"].recall == 0.5
    assert counts["numbers_differ"].f1 == pytest.approx(2 * 0.5 * 1 / 1.5)
    empty = KindCounts()
    assert empty.f1 != empty.f1  # NaN: nothing planted, nothing predicted


def test_bootstrap_f1_interval_brackets_the_pooled_f1_and_narrows_with_more_documents() -> None:
    rng = random.Random(3)

    def documents(count: int) -> list[KindCounts]:
        # one planted edit per document, found 9 times in 10; a false alarm 1 time in 10
        out = []
        for _ in range(count):
            found = int(rng.random() < 0.9)
            alarm = int(rng.random() < 0.1)
            out.append(KindCounts(gold=1, found=found, predicted=found + alarm, correct=found))
        return out

    few, many = documents(40), documents(400)
    pooled = KindCounts()
    for counts in few:
        pooled.add(counts)
    low, high = bootstrap_f1(few)
    assert low < pooled.f1 < high
    assert bootstrap_f1(few) == (low, high)  # deterministic for the default seed
    assert bootstrap_f1(few, seed=1) != (low, high)
    low_many, high_many = bootstrap_f1(many)
    assert high_many - low_many < (high - low) * 0.6  # ten times the documents: ~1/sqrt(10)
    wide_low, wide_high = bootstrap_f1(few, level=0.99)
    assert wide_low <= low and high <= wide_high


def test_bootstrap_f1_of_identical_documents_has_no_width() -> None:
    same = [KindCounts(gold=2, found=1, predicted=1, correct=1)] * 10
    assert bootstrap_f1(same) == pytest.approx((2 / 3, 2 / 3))
    assert all(math.isnan(value) for value in bootstrap_f1([]))
    assert all(math.isnan(value) for value in bootstrap_f1([KindCounts(gold=1)] * 5))


def test_bootstrap_f1_by_group_widens_when_documents_of_a_group_are_alike() -> None:
    # Eight suras of ten alike windows each: the edits of half the suras are all found, of
    # the other half found one time in five.
    per_document, suras = [], []
    for sura in range(8):
        for window in range(10):
            hit = 1 if sura % 2 else int(window < 2)
            per_document.append(KindCounts(gold=1, found=hit, predicted=hit, correct=hit))
            suras.append(f"sura {sura}")
    low, high = bootstrap_f1(per_document)
    group_low, group_high = bootstrap_f1(per_document, groups=suras)
    assert group_low < low and high <= group_high
    assert (group_high - group_low) > 1.5 * (high - low)
    # One document per group: the same draws as resampling documents.
    assert bootstrap_f1(per_document, groups=range(80)) == (low, high)
    with pytest.raises(ValueError, match="one label per document"):
        bootstrap_f1(per_document, groups=suras[:-1])


def test_gold_beads_cover_every_sentence_once_in_order() -> None:
    document = plant_edits(units(), seed=8, fillers=FILLERS)
    src = [i for s, _ in document.gold_beads for i in s]
    tgt = [j for _, t in document.gold_beads for j in t]
    assert src == list(range(len(document.ar)))
    assert tgt == list(range(len(document.en)))
    for edit in document.edits:
        assert (edit.src_ids, edit.tgt_ids) in document.gold_beads


# ------------------------------------------------------------------------------ fitting


class HashEncoder:
    """A deterministic stand-in for a sentence encoder: unit vectors from a seeded RNG."""

    signature = "hash"

    def encode(self, sentences: list[str]) -> np.ndarray:
        rows = []
        for sentence in sentences:
            rng = np.random.default_rng(sum(map(ord, sentence)))
            vector = rng.normal(size=16)
            rows.append(vector / np.linalg.norm(vector))
        return np.array(rows, dtype=np.float32).reshape(len(sentences), 16)


def test_youden_cutoff_separates_two_samples() -> None:
    assert youden_cutoff(np.array([5.0, 6.0, 7.0]), np.array([1.0, 2.0, 3.0])) == 4.0
    assert math.isnan(youden_cutoff(np.array([]), np.array([1.0])))


def test_fit_is_deterministic_and_writes_a_threshold_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fit_search, "RATIO_GRID", (0.5, 0.7))
    monkeypatch.setattr(fit_search, "GAP_GRID", (0.5, math.inf))
    monkeypatch.setattr(fit_search, "MIN_WORDS_GRID", (2, 4))
    monkeypatch.setattr(fit_search, "MARGIN_GRID", (0.0, 1e9))
    monkeypatch.setattr(fit_search, "GAIN_WEIGHT_GRID", (0.0, 2.0))
    monkeypatch.setattr(fit_search, "FINE_RATIO_GRID", (0.5, 0.7))
    monkeypatch.setattr(fit_search, "MIN_CHARS_GRID", (0, 20))
    documents = planted_documents(units(80), count=2, size=20, seed=3)
    encoder = CachedEncoder(HashEncoder())
    signals = list(fit_data.document_signals(documents, mt="none", encoder=encoder, progress=False))
    pairs = fit_data.pair_signals(signals, encoder)
    first, report = fit_search.fit_thresholds(signals, pairs)
    second, _ = fit_search.fit_thresholds(signals, pairs)
    assert first == second
    assert first.partial_omission_ratio in (0.5, 0.7)
    assert first.partial_gain_weight in (0.0, 2.0)
    assert first.partial_min_chars in (0.0, 20.0)
    # An earlier fit's floor (the package default) does not leak into the next one.
    third, _ = fit_search.fit_thresholds(signals, pairs, replace(first, partial_min_chars=40.0))
    assert third == first
    # The encoder measured the position-aware gain of the beads (NaN only where too short).
    assert "part_gain" in signals[0][1].columns
    assert np.isfinite(signals[0][1]["part_gain"].to_numpy(dtype=float)).any()
    assert report["documents"] == 2 and report["true_pairs"] > 0
    # The set file written holds the values, reads back equal, and says how it was made.
    path = tmp_path / "fitted.json"
    args = argparse.Namespace(
        n=2, seed=3, mt="none", aligned=0, preset="parallel", write=None, out=path
    )
    fit.write_thresholds(first, path, "fitted", fit.provenance_of(report, args))
    assert load_thresholds(path) == first
    assert math.isinf(load_thresholds(path).merge_omission_gain)  # not fitted: the rule stays off
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["name"] == "fitted"
    assert document["values"]["partial_min_chars"] == first.partial_min_chars
    provenance = document["provenance"]
    command = "--n 2 --seed 3 --mt none --aligned 0 --preset parallel --out"
    assert command in provenance["command"]
    assert provenance["documents"] == 2 and provenance["true_pairs"] == report["true_pairs"]
    assert "not fitted" in provenance["method"]["shape_rules"]


def test_gain_weight_is_chosen_when_the_gain_separates() -> None:
    """Two kinds of 1-1 beads of the same relative length (0.8): planted partial omissions
    with a positive part gain, untouched beads with a negative one. Length alone cannot tell
    them apart; the fitted weight must be positive and then find every planted edit."""
    count = 40
    gain = np.where(np.arange(count) % 4 == 0, 0.15, -0.05)
    planted = gain > 0
    chars = np.full(count, 80.0)
    inputs = LabelInputs(
        n_src=np.ones(count, dtype=int), n_tgt=np.ones(count, dtype=int),
        both=np.ones(count, dtype=bool), chrf=np.full(count, 40.0),
        coverage=np.full(count, 60.0), similarity=np.full(count, 0.5),
        src_gap=np.zeros(count), tgt_gap=np.zeros(count),
        src_gap_words=np.zeros(count, dtype=int), tgt_gap_words=np.zeros(count, dtype=int),
        tgt_chars=chars, mt_chars=np.full(count, 100.0), src_chars=np.full(count, 50.0),
        claim_changed=np.zeros(count, dtype=bool), part_gain=gain,
        tgt_part_gain=np.full(count, np.nan),
    )  # fmt: skip
    touches = np.diag(planted)[:, planted]
    prepared = [fit_search._Prepared(inputs, touches)]
    chosen = fit_search._fit_gain_weight(prepared, EditThresholds(relative_length=False))
    assert chosen.partial_gain_weight > 0
    best = max(
        fit_search._f1(prepared, replace(chosen, partial_omission_ratio=r), "partial_omission")
        for r in fit_search.FINE_RATIO_GRID
    )
    assert best == pytest.approx(1.0)


def BagEncoder() -> SharedBag:
    """Bag-of-words unit vectors: texts sharing words are close (a stand-in with meaning)."""
    return SharedBag(64, "bag")


def test_shape_gains_find_a_dropped_sentence_inside_a_merge() -> None:
    a = "opposition forces seized the national hospital"
    b = "after violent battles with regime forces nearby"
    c = "the rain flooded many roads near the coast"
    d = "schools closed for three days in the north"
    # The English dropped sentence 0 (the aligner put it with sentence 1) and merged 2 and 3.
    document = PlantedDocument(
        name="t",
        ar=[a, b, c, d],
        en=[b, f"{c} {d}"],
        edits=[
            PlantedEdit("omission", (0,), (), a, "", "dropped"),
            PlantedEdit("merge", (2, 3), (1,), c, f"{c} {d}", "joined"),
        ],
    )
    frame = pd.DataFrame(
        [
            {"src_ids": (0, 1), "tgt_ids": (0,), "src_text": f"{a} {b}", "tgt_text": b},
            {"src_ids": (2, 3), "tgt_ids": (1,), "src_text": f"{c} {d}", "tgt_text": f"{c} {d}"},
        ]
    ).assign(mt_text="", similarity=0.5)
    signals = bead_signals(frame, BagEncoder())
    fitted, report = fit_search.fit_shape_gains([(document, signals)], EditThresholds())
    assert math.isfinite(fitted.merge_omission_gain)
    assert report["omission_f1_aligned_rule_off"] == 0.0
    assert report["omission_f1_aligned"] == pytest.approx(1.0)
    # No addition planted: nothing to gain, the split rule stays off.
    assert math.isinf(fitted.split_addition_gain)


def test_benchmark_error_sources_and_alignment_cache(tmp_path: Path) -> None:
    document = PlantedDocument(
        name="t",
        ar=["a", "b", "c", "d"],
        en=["B", "C", "X", "D"],
        edits=[
            PlantedEdit("omission", (0,), (), "a", "", "dropped"),
            PlantedEdit("addition", (), (2,), "", "X", "inserted"),
        ],
    )
    # The aligner put the dropped sentence with its neighbour, found the addition, and split
    # off a true sentence as a false omission.
    beads = [
        ((0, 1), (0,), {"merge"}),
        ((2,), (1,), {"faithful"}),
        ((), (2,), {"addition"}),
        ((3,), (), {"omission"}),
        ((), (3,), {"addition"}),
    ]
    errors = planted_eval.error_sources(beads, document)
    assert errors == {
        ("omission", "missed", "2-1 merge"): 1,
        ("omission", "false alarm", "untouched"): 1,
        ("addition", "false alarm", "untouched"): 1,
    }
    links = pd.DataFrame(
        {"src_ids": ["0 1", "2", ""], "tgt_ids": ["0", "1", "2"], "align_score": [0.5, 0.9, 0.7],
         "flags": ["", "moved", ""]}
    )  # fmt: skip
    key = planted_eval.alignment_key(document, "config", "gloss", "usem3")
    assert key != planted_eval.alignment_key(document, "other", "gloss", "usem3")
    assert planted_eval.load_alignment(tmp_path, key) is None
    planted_eval.save_alignment(tmp_path, key, links, "align:dp")
    loaded, aligner = planted_eval.load_alignment(tmp_path, key)
    assert aligner == "align:dp"
    assert [(b.src, b.tgt, b.moved) for b in loaded] == [
        ((0, 1), (0,), False), ((2,), (1,), True), ((), (2,), False)
    ]  # fmt: skip


def test_min_chars_floor_is_kept_only_where_it_raises_f1(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit_search, "FINE_RATIO_GRID", (0.4, 0.6, 0.8))
    monkeypatch.setattr(fit_search, "MIN_CHARS_GRID", (0, 5, 10, 15, 20))
    # Ten faithful beads (English as long as the MT), a planted partial omission of a long
    # sentence (50 of 100 characters missing), and a short untouched one at the same ratio
    # (10 of 20 characters missing).
    mt_chars = np.array([100.0] * 10 + [100.0, 20.0])
    tgt_chars = np.array([100.0] * 10 + [50.0, 10.0])
    count = len(mt_chars)
    nan = np.full(count, np.nan)
    inputs = LabelInputs(
        n_src=np.ones(count, dtype=int), n_tgt=np.ones(count, dtype=int),
        both=np.ones(count, dtype=bool), chrf=nan, coverage=nan, similarity=nan,
        src_gap=nan, tgt_gap=nan, src_gap_words=np.zeros(count, dtype=int),
        tgt_gap_words=np.zeros(count, dtype=int), tgt_chars=tgt_chars, mt_chars=mt_chars,
        src_chars=mt_chars / 2, claim_changed=np.zeros(count, dtype=bool), part_gain=nan,
        tgt_part_gain=nan,
    )  # fmt: skip
    touches = np.zeros((count, 1), dtype=bool)
    touches[10, 0] = True
    prepared = [fit_search._Prepared(inputs, touches)]
    base = EditThresholds(partial_omission_ratio=0.8, partial_min_chars=0.0, relative_length=True)
    incumbent = (fit_search._f1(prepared, base, "partial_omission"), base)
    f1, fitted = fit_search._fit_min_chars(prepared, incumbent)
    assert f1 == 1.0
    assert fitted.partial_min_chars == 15.0  # the smallest floor above the short one's 10
    assert fitted.partial_omission_ratio == 0.6  # the smallest ratio that keeps the long one
    assert fitted.partial_addition_ratio == round(1 / 0.6, 2)
    # Where no floor helps (the short bead removed), the floor stays off.
    short_removed = replace(inputs, tgt_chars=np.where(mt_chars < 50, 20.0, tgt_chars))
    clean = [fit_search._Prepared(short_removed, touches)]
    incumbent = (fit_search._f1(clean, base, "partial_omission"), base)
    _, unchanged = fit_search._fit_min_chars(clean, incumbent)
    assert unchanged.partial_min_chars == 0.0


@pytest.mark.skipif(
    importlib.util.find_spec("Quran_Module") is None, reason="pip install thequranmodule"
)
def test_benchmark_corpora_keep_the_fitting_suras_apart_from_the_held_out_ones() -> None:
    held_units, held_refs = planted_eval.corpus_units("quran")
    fit_units, fit_refs = planted_eval.corpus_units("quran-fit")
    assert held_units and fit_units and len(held_units) == len(held_refs)
    assert {int(ref.split(":")[0]) % 2 for ref in held_refs} == {1}
    assert {int(ref.split(":")[0]) % 2 for ref in fit_refs} == {0}
    assert len(held_refs) + len(fit_refs) == 6236


@pytest.mark.skipif(
    importlib.util.find_spec("Quran_Module") is None, reason="pip install thequranmodule"
)
@pytest.mark.parametrize("option", [["--threshold", "no_such=1"], ["--align", "skip_penalty=x"]])
def test_planted_benchmark_refuses_a_bad_override(
    option: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "planted_edits.py"
    spec = importlib.util.spec_from_file_location("planted_edits_benchmark", script)
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, benchmark)  # its dataclasses look it up
    spec.loader.exec_module(benchmark)
    assert benchmark.main(["--encoder", "none", "--n", "1", *option]) == 2
    assert "error: bad --align or --threshold: " in capsys.readouterr().err


def test_benchmark_groups_a_quran_document_by_the_sura_most_of_its_verses_come_from() -> None:

    def document(refs: list[str]) -> PlantedDocument:
        return PlantedDocument(name="t", ar=["a"] * len(refs), en=["A"] * len(refs), edits=[],
                               refs=refs)  # fmt: skip

    assert planted_eval.sura_of(document(["3:199", "3:200", "5:1", "5:2", "5:3"])) == "5"
    assert planted_eval.sura_of(document(["9:1", "11:4"])) == "9"
    assert planted_eval.sura_of(document(["muslim-12", "muslim-13"])) is None


def test_alignment_key_follows_the_name_rules_the_aligner_borrows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The name anchors come from text/names.py: a change there must not reuse old beads.
    document = PlantedDocument(name="t", ar=["a"], en=["A"], edits=[])
    key = planted_eval.alignment_key(document, "config", "gloss", "usem3")
    real_read = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real_read(path)
        return data + b"\n# edited" if path.as_posix().endswith("text/names.py") else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert planted_eval.alignment_key(document, "config", "gloss", "usem3") != key


def test_benchmark_threshold_overrides_are_typed_and_checked() -> None:
    fitted = EditThresholds()
    changed = planted_eval.thresholds_from(
        ["chrf_changed=25.4", "split_addition_gain=inf", "gap_min_words=8", "relative_length=no"]
    )
    assert changed.chrf_changed == 25.4 and math.isinf(changed.split_addition_gain)
    assert changed.gap_min_words == 8
    assert type(changed.gap_min_words) is type(fitted.gap_min_words)
    assert changed.relative_length is False
    assert changed.partial_omission_ratio == fitted.partial_omission_ratio  # others untouched
    assert planted_eval.thresholds_from([]) == fitted
    with pytest.raises(AttributeError):
        planted_eval.thresholds_from(["no_such_threshold=1"])
    with pytest.raises(ValueError):
        planted_eval.thresholds_from(["chrf_changed=high"])
    config = planted_eval.align_config_from(
        "classical", ["skip_penalty=3", "max_bead=6", "max_tgt_bead=2", "span_embedding=sum"]
    )
    assert (config.skip_penalty, config.max_bead, config.span_embedding) == (3.0, 6, "sum")
    assert type(config.max_bead) is int and config.max_tgt_bead == 2.0
