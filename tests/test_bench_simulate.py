"""The editing simulator on AlignAR documents: every operation leaves a consistent document (each
sentence in exactly one gold bead, texts from the source documents, moved blocks and spread parts
where the gold says), seeds reproduce, the rates come from the real pairs, and the per-operation
scoring counts what it should."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from translate_eval.align.beads import Bead
from translate_eval_bench.realnews import GoldEdit, RealPair, load_annotations, load_pairs
from translate_eval_bench.simulate import GoldDocument, SimulatedDocument, simulate, window
from translate_eval_bench.simulate_eval import moved_errors, operation_counts, spread_links
from translate_eval_bench.simulate_rates import OPERATIONS, EditRates, measure_rates

ROOT = Path(__file__).resolve().parents[1]
ALIGNAR = Path(
    os.environ.get("TRANSLATE_EVAL_ALIGNAR", ROOT.parent / "shared" / "benchmarks" / "alignar")
)

#: Rates high enough that every operation occurs in a 30-bead window.
DENSE = EditRates(
    {
        "move": 6,
        "spread": 2,
        "partial_omission": 3,
        "addition": 3,
        "omission": 2,
        "merge": 2,
        "split": 3,
    },
    sentences=30,
    pairs=1,
)


def _alignar() -> ModuleType:
    spec = importlib.util.spec_from_file_location("alignar", ROOT / "benchmarks" / "alignar.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("alignar", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sources() -> list[GoldDocument]:
    if not ALIGNAR.is_dir():
        pytest.skip("AlignAR data absent")
    module = _alignar()
    return [
        GoldDocument(f"{d.domain}/{d.name}", d.ar, d.en, d.gold, d.artoen)
        for d in module.load_documents(ALIGNAR)
        if (d.domain, d.name) in {("law", "001"), ("law", "002"), ("literature", "002")}
    ]


@pytest.fixture(scope="module")
def simulated(sources: list[GoldDocument]) -> list[tuple[GoldDocument, SimulatedDocument]]:
    results = []
    for number, source in enumerate(sources):
        fillers = sources[(number + 1) % len(sources)].en
        for start in (0, 40):
            piece = window(source, start, 30)
            results.append((piece, simulate(piece, DENSE, seed=start + number, fillers=fillers)))
    return results


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def test_every_sentence_stands_in_exactly_one_gold_bead(simulated: list) -> None:
    for source, document in simulated:
        src = Counter(i for b in document.gold for i in b.src)
        tgt = Counter(j for b in document.gold for j in b.tgt)
        assert sorted(src) == list(range(len(document.ar))) and set(src.values()) == {1}
        assert sorted(tgt) == list(range(len(document.en))) and set(tgt.values()) == {1}
        assert document.ar == source.ar and document.mt == source.mt


def test_every_operation_kind_occurs_with_its_bead_shape(simulated: list) -> None:
    kinds = Counter(op.kind for _, document in simulated for op in document.operations)
    assert set(kinds) == set(OPERATIONS)
    for _, document in simulated:
        gold = set(document.gold)
        for op in document.operations:
            assert op.bead in gold
            shape = (len(op.bead.src), len(op.bead.tgt))
            expected = {
                "omission": shape[1] == 0,
                "addition": shape[0] == 0 and shape[1] == 1,
                "merge": shape == (2, 1),
                "split": shape == (1, 2) and op.bead.tgt[1] == op.bead.tgt[0] + 1,
                "spread": shape == (1, 2) and op.bead.tgt[1] - op.bead.tgt[0] >= 3,
                "partial_omission": shape == (1, 1),
                "move": op.bead.moved and shape[1] >= 1,
            }[op.kind]
            assert expected, (op.kind, op.bead)


def test_texts_come_from_the_source_and_the_fillers(sources: list, simulated: list) -> None:
    fillers = {s.name: sources[(k + 1) % len(sources)].en for k, s in enumerate(sources)}
    for source, document in simulated:
        filler_pool = fillers[document.name.split("@")[0]]
        for sentence, origin in zip(document.en, document.origin, strict=True):
            if origin[0] == "filler":
                assert sentence == filler_pool[int(origin[1])]
                assert sentence not in source.en
                continue
            quoted = " ".join(source.en[int(j)] for j in origin)
            assert _words(sentence) <= _words(quoted), (sentence, quoted)
        for op in document.of_kind("partial_omission"):
            (j,) = op.bead.tgt
            (k,) = document.origin[j]
            assert len(document.en[j].split()) < len(source.en[int(k)].split())


def test_moved_blocks_stand_where_the_gold_says(simulated: list) -> None:
    blocks = 0
    for _, document in simulated:
        linked = [b for b in document.gold if b.src and b.tgt]
        for op in document.of_kind("move"):
            bead = op.bead
            # a moved bead breaks the source order: some unmoved bead on one side of it in the
            # English stands on the other side of it in the Arabic
            assert any(
                (min(b.src) < min(bead.src)) != (min(b.tgt) < min(bead.tgt))
                for b in linked
                if not b.moved
            ), bead
        numbers = Counter(op.note for op in document.of_kind("move"))
        blocks += len(numbers)
        for note in numbers:
            beads = [op.bead for op in document.of_kind("move") if op.note == note]
            ids = sorted(j for b in beads for j in b.tgt)
            assert ids == list(range(ids[0], ids[0] + len(ids)))  # contiguous in the English
            sources = sorted(i for b in beads for i in b.src)
            assert sources == list(range(sources[0], sources[0] + len(sources)))
            assert 2 <= len(beads) <= 5
    assert blocks >= len(simulated)


def _crossed(document: SimulatedDocument, block: list[Bead]) -> list[Bead]:
    """The in-place beads a moved block stands on the other side of (in one language before it,
    in the other after it; a spread bead when either of its English parts is)."""
    first_src = min(i for b in block for i in b.src)
    first_tgt = min(j for b in block for j in b.tgt)
    return [
        b
        for b in document.gold
        if b.src
        and b.tgt
        and not b.moved
        and any((min(b.src) < first_src) != (j < first_tgt) for j in b.tgt)
    ]


def test_every_moved_block_crosses_more_in_place_text_than_it_holds(sources: list) -> None:
    # the gold names the block as what moved only while it is the shorter of the two runs that
    # traded places: a later move out of the text it jumped over must not undo that
    blocks = 0
    for source in sources[:2]:
        for seed in range(40):
            document = simulate(window(source, 0, 30), DENSE, seed=seed, fillers=sources[2].en)
            for note in {op.note for op in document.of_kind("move")}:
                block = [op.bead for op in document.of_kind("move") if op.note == note]
                crossed = _crossed(document, block)
                assert len(crossed) > len(block), (source.name, seed, note)
                assert sum(len(b.tgt) for b in crossed) > sum(len(b.tgt) for b in block)
                blocks += 1
    assert blocks >= 80


def test_a_spread_sentence_keeps_its_two_parts_apart(sources: list, simulated: list) -> None:
    for source, document in simulated:
        for op in document.of_kind("spread"):
            first, second = op.bead.tgt
            assert abs(second - first) >= 3
            assert document.origin[first] == document.origin[second]
            (k,) = document.origin[first]
            assert _words(document.en[first] + " " + document.en[second]) <= _words(
                source.en[int(k)]
            )


def test_the_seed_gives_identical_output(sources: list) -> None:
    piece = window(sources[0], 10, 30)
    first = simulate(piece, DENSE, seed=5, fillers=sources[1].en)
    again = simulate(piece, DENSE, seed=5, fillers=sources[1].en)
    other = simulate(piece, DENSE, seed=6, fillers=sources[1].en)
    assert (first.en, first.gold, first.operations) == (again.en, again.gold, again.operations)
    assert (first.en, first.gold) != (other.en, other.gold)


def test_the_gold_scores_perfectly_and_a_monotone_guess_misses_the_moves(simulated: list) -> None:
    for _, document in simulated:
        counts = operation_counts(document, document.gold)
        for kind, c in counts.items():
            assert c.found == c.gold, kind
            if kind != "partial_omission":
                assert c.correct == c.predicted, kind
        assert spread_links(document, document.gold)[0] == len(document.of_kind("spread"))
        moved = [b for b in document.gold if b.moved]
        assert moved_errors(document, document.gold) == ({"right": len(moved)} if moved else {})
        wide = [b for b in moved if len(b.tgt) >= 2]
        if wide:  # a moved 1-2 bead found as a moved 1-1 bead is found in part
            cut = Bead(wide[0].src, wide[0].tgt[:1], moved=True)
            assert moved_errors(document, [cut]) == {f"part of a moved {wide[0].link} gold bead": 1}
        unflagged = [Bead(b.src, b.tgt) for b in document.gold]
        counts = operation_counts(document, unflagged)
        assert counts["move"].found == 0 and counts["move"].predicted == 0
        # the aligner flags a spread bead moved: scored as the spread it is, not as a move
        spread = {(op.bead.src, op.bead.tgt) for op in document.of_kind("spread")}
        flagged = [
            Bead(b.src, b.tgt, moved=b.moved or (b.src, b.tgt) in spread) for b in document.gold
        ]
        counts = operation_counts(document, flagged)
        assert counts["move"].predicted == counts["move"].correct == len(moved)
        expected = {"right": len(moved), "a spread sentence's bead": len(spread)}
        assert moved_errors(document, flagged) == {k: v for k, v in expected.items() if v}


def test_rates_count_the_gold_rows_per_arabic_sentence(tmp_path: Path) -> None:
    edits = [
        GoldEdit("moved", (4, 5, 6), (3, 4, 5)),
        GoldEdit("split", (5,), (4, 9)),
        GoldEdit("split", (2,), (10, 11)),
        GoldEdit("addition", (), (2,)),
        GoldEdit("partial_addition", (1,), (1,)),
    ]
    pair = RealPair("p", tmp_path, {}, "", "", [(0, 1)] * 8, [(0, 1)] * 12, [], edits)
    negative = RealPair("n", tmp_path, {"negative": True}, "", "")
    rates = measure_rates([pair, negative])
    assert rates.sentences == 8 and rates.pairs == 1
    assert rates.counts == {"move": 3, "spread": 1, "split": 1, "addition": 1}
    assert rates.rate("move") == pytest.approx(3 / 8)
    assert set(rates.floored) == {"partial_omission", "omission", "merge"}
    assert rates.rate("merge") == pytest.approx(1 / 8)


def test_the_real_pairs_give_every_rate() -> None:
    pairs = load_annotations()  # the project's own annotations are in the repository
    rates = measure_rates(pairs)
    assert rates.pairs >= 20 and rates.sentences >= 150  # own pairs alone: 26, 189
    assert all(rates.rate(op) > 0 for op in OPERATIONS)
    # each pair whose texts are at hand reads the same annotation with them
    annotated = {pair.pair_id: pair for pair in pairs}
    for pair in load_pairs()[0]:
        alone = annotated[pair.pair_id]
        assert (alone.ar_spans, alone.en_spans) == (pair.ar_spans, pair.en_spans)
        assert (alone.gold, alone.edits, alone.negative) == (pair.gold, pair.edits, pair.negative)


def _toy_document() -> GoldDocument:
    """40 one-to-one units whose English has clause boundaries (no shared data needed), and
    one 1-2 unit."""
    ar = [f"جملة رقم {k} في الوثيقة" for k in range(40)]
    en = [
        f"The committee met on day {k} of the session, and the members agreed on the text "
        f"of article {k}, but the minister asked for a second reading of clause {k}."
        for k in range(40)
    ] + ["A closing sentence of the translator."]
    gold = [Bead((k,), (k,)) for k in range(39)] + [Bead((39,), (39, 40))]
    return GoldDocument("toy", ar, en, gold, [f"mt {k}" for k in range(40)])


def test_a_window_renumbers_both_sides_from_zero() -> None:
    document = _toy_document()
    piece = window(document, 37, 5)
    assert piece.gold == [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2, 3))]
    assert piece.ar == document.ar[37:40] and piece.en == document.en[37:41]
    assert piece.mt == ["mt 37", "mt 38", "mt 39"]


def test_operations_on_a_toy_document_keep_every_sentence_once() -> None:
    document = _toy_document()
    fillers = ["Background from another story.", "More background, from elsewhere."]
    for seed in range(6):
        result = simulate(document, DENSE, seed=seed, fillers=fillers)
        tgt = sorted(j for b in result.gold for j in b.tgt)
        assert tgt == list(range(len(result.en)))
        assert sorted(i for b in result.gold for i in b.src) == list(range(40))
        added = [result.en[j] for op in result.of_kind("addition") for j in op.bead.tgt]
        assert added and set(added) <= set(fillers)
        assert result.of_kind("move") and result.of_kind("spread")
