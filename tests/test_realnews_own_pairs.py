"""The project's own real-news pairs (every folder of ``benchmarks/realnews``): each annotation is
well formed (read from the repository alone), and where the texts are present the hand spans fit
them.

Texts stay outside the repository (``$TRANSLATE_EVAL_REALNEWS_TEXTS``); a test that needs a
pair's texts is skipped when they are absent, and fails when they differ from the recorded hash."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from translate_eval.align.evaluate import read_beads
from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval_bench.realnews import (
    OWN_DIR,
    RealPair,
    is_restructured,
    load_pairs,
    read_gold_edits,
    read_spans,
    texts_dir,
)

FOLDERS = sorted(f for f in OWN_DIR.iterdir() if (f / "meta.toml").exists())
#: Gold edit kinds: the toolkit's edit labels and flag names, plus the shapes the gold names.
GOLD_KINDS = frozenset(EDIT_LABELS) | frozenset(FLAG_NAMES) | {"split", "merge", "moved"}


def _meta(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))


NEGATIVES = [f for f in FOLDERS if _meta(f).get("negative")]
TRUE_PAIRS = [f for f in FOLDERS if not _meta(f).get("negative")]


def _loaded(folder: Path) -> RealPair:
    """The pair from the loader, or a skip when its texts are absent."""
    for side in ("ar", "en"):
        if not (texts_dir() / folder.name / f"{side}.txt").is_file():
            pytest.skip(f"texts of {folder.name} absent")
    pairs, skipped = load_pairs(own_dir=OWN_DIR)
    assert not [note for note in skipped if note.startswith(folder.name)], skipped
    return next(p for p in pairs if p.pair_id == folder.name)


def test_there_are_true_pairs_and_negatives() -> None:
    assert len(TRUE_PAIRS) >= 10
    assert len(NEGATIVES) >= 2


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_meta_names_the_pair_its_urls_and_the_hashes(folder: Path) -> None:
    meta = _meta(folder)
    assert meta["id"] == folder.name
    assert all(str(meta[key]).startswith(("https://", "http://")) for key in ("url", "url_ar"))
    assert meta["url"] != meta["url_ar"]
    assert meta["confidence"] in {"high", "medium", "low"}
    if not meta.get("negative"):  # how the two pages were matched as a translation pair
        assert str(meta.get("matched_by", "")).strip()
    for side in ("ar", "en"):
        digest = str(meta[f"{side}_sha256"])
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")


@pytest.mark.parametrize("folder", TRUE_PAIRS, ids=[f.name for f in TRUE_PAIRS])
def test_gold_covers_each_sentence_once_and_edits_name_known_kinds(folder: Path) -> None:
    n_ar = len(read_spans(folder / "ar.spans"))
    n_en = len(read_spans(folder / "en.spans"))
    gold = read_beads(folder / "gold.beads")
    assert sorted(i for bead in gold for i in bead.src) == list(range(n_ar))
    assert sorted(j for bead in gold for j in bead.tgt) == list(range(n_en))
    assert all(bead.src or bead.tgt for bead in gold)
    edits = read_gold_edits(folder / "gold_edits.tsv")
    assert edits
    for edit in edits:
        assert edit.kind in GOLD_KINDS, edit.kind
        assert edit.ar_ids or edit.en_ids
        assert set(edit.ar_ids) <= set(range(n_ar))
        assert set(edit.en_ids) <= set(range(n_en))
        assert edit.note.strip()


@pytest.mark.parametrize("folder", TRUE_PAIRS, ids=[f.name for f in TRUE_PAIRS])
def test_notes_call_a_pair_restructured_only_when_the_gold_shape_does(folder: Path) -> None:
    claimed = "RESTRUCTURED" in str(_meta(folder).get("notes", ""))
    assert is_restructured(read_beads(folder / "gold.beads")) == claimed


@pytest.mark.parametrize("folder", TRUE_PAIRS, ids=[f.name for f in TRUE_PAIRS])
def test_spans_fit_the_texts_when_present(folder: Path) -> None:
    pair = _loaded(folder)
    meta = _meta(folder)
    for side, spans, text in (
        ("ar", pair.ar_spans, pair.ar_text),
        ("en", pair.en_spans, pair.en_text),
    ):
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == meta[f"{side}_sha256"]
        ends = [0] + [end for _, end in spans]
        for (start, end), previous_end in zip(spans, ends, strict=False):
            assert previous_end <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]
            assert not text[previous_end:start].strip()  # nothing but white space between


@pytest.mark.parametrize("folder", NEGATIVES, ids=[f.name for f in NEGATIVES])
def test_negative_pairs_have_no_gold(folder: Path) -> None:
    assert not (folder / "gold.beads").exists()
    assert not (folder / "ar.spans").exists()
    pair = _loaded(folder)
    meta = _meta(folder)
    assert pair.negative and not pair.gold and pair.ar_text.strip() and pair.en_text.strip()
    for side, text in (("ar", pair.ar_text), ("en", pair.en_text)):
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == meta[f"{side}_sha256"]
