"""Real-news pairs 21-37, 92 and 94 (Asharq Al-Awsat, Syria Stories, Enab Baladi, ...): spans, gold
and meta agree.

Only the annotation is in the repository; the texts come from ``$TRANSLATE_EVAL_REALNEWS_TEXTS``. A
pair whose texts are absent is skipped; one whose texts differ from the recorded sha256 fails."""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval_bench.realnews import NEUTRAL_LABELS, OWN_DIR, RealPair, load_pairs, texts_dir

OUR_IDS = (*(str(n) for n in range(21, 38)), "92", "94")
OUR_FOLDERS = sorted(
    folder
    for folder in OWN_DIR.glob("*")
    if folder.name.split("-")[0] in OUR_IDS and (folder / "meta.toml").is_file()
)
NEGATIVE_IDS = ("92", "94")
TRUE_FOLDERS = [f for f in OUR_FOLDERS if f.name.split("-")[0] not in NEGATIVE_IDS]
NEGATIVE_FOLDERS = [f for f in OUR_FOLDERS if f.name.split("-")[0] in NEGATIVE_IDS]
#: Gold edit kinds are the tool's own edit labels and flags, so that the benchmark can match them.
GOLD_KINDS = (set(EDIT_LABELS) - NEUTRAL_LABELS) | set(FLAG_NAMES)


def _meta(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))


@cache
def _loaded_pairs() -> tuple[dict[str, RealPair], tuple[str, ...]]:
    pairs, skipped = load_pairs(own_dir=OWN_DIR)
    return {pair.pair_id: pair for pair in pairs}, tuple(skipped)


def _pair(folder: Path) -> RealPair:
    """The loaded pair; a skip when its texts are absent, a failure when they differ."""
    if not all((texts_dir() / folder.name / f"{side}.txt").is_file() for side in ("ar", "en")):
        pytest.skip(f"texts of {folder.name} are not in {texts_dir()}")
    pairs, skipped = _loaded_pairs()
    assert folder.name in pairs, [note for note in skipped if folder.name in note]
    return pairs[folder.name]


def test_the_set_has_true_pairs_and_a_negative() -> None:
    assert len(TRUE_FOLDERS) >= 4
    assert NEGATIVE_FOLDERS
    assert all(_meta(f).get("negative") is True for f in NEGATIVE_FOLDERS)
    assert not any(_meta(f).get("negative") for f in TRUE_FOLDERS)


@pytest.mark.parametrize("folder", OUR_FOLDERS, ids=[f.name for f in OUR_FOLDERS])
def test_meta_names_both_pages_and_the_hash_matches(folder: Path) -> None:
    meta = _meta(folder)
    assert meta["id"] == folder.name
    for key in ("url", "url_ar"):
        assert str(meta[key]).startswith(("https://", "http://"))
    assert meta["url"] != meta["url_ar"]
    assert meta["confidence"] in {"high", "medium", "low"}
    assert str(meta.get("matched_by", "")).strip()
    pair = _pair(folder)
    assert hashlib.sha256(pair.ar_text.encode("utf-8")).hexdigest() == meta["ar_sha256"]
    assert hashlib.sha256(pair.en_text.encode("utf-8")).hexdigest() == meta["en_sha256"]


@pytest.mark.parametrize("folder", TRUE_FOLDERS, ids=[f.name for f in TRUE_FOLDERS])
def test_spans_are_sentences_of_the_text_in_order(folder: Path) -> None:
    pair = _pair(folder)
    for spans, text in ((pair.ar_spans, pair.ar_text), (pair.en_spans, pair.en_text)):
        assert len(spans) >= 3
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text)
            assert not text[start].isspace() and not text[end - 1].isspace()
            previous_end = end
        between = [text[a_end:b_start] for (_, a_end), (b_start, _) in pairwise(spans)]
        assert all(not gap.strip() for gap in between), "text left out between two sentences"


@pytest.mark.parametrize("folder", TRUE_FOLDERS, ids=[f.name for f in TRUE_FOLDERS])
def test_every_sentence_is_in_exactly_one_gold_bead(folder: Path) -> None:
    pair = _pair(folder)
    assert sorted(i for bead in pair.gold for i in bead.src) == list(range(len(pair.ar_spans)))
    assert sorted(j for bead in pair.gold for j in bead.tgt) == list(range(len(pair.en_spans)))
    assert all(bead.src or bead.tgt for bead in pair.gold)


@pytest.mark.parametrize("folder", TRUE_FOLDERS, ids=[f.name for f in TRUE_FOLDERS])
def test_gold_edits_name_existing_sentences(folder: Path) -> None:
    pair = _pair(folder)
    assert pair.edits
    for edit in pair.edits:
        assert edit.kind in GOLD_KINDS, edit.kind
        assert edit.note
        assert edit.ar_ids or edit.en_ids
        assert set(edit.ar_ids) <= set(range(len(pair.ar_spans)))
        assert set(edit.en_ids) <= set(range(len(pair.en_spans)))


@pytest.mark.parametrize("folder", TRUE_FOLDERS, ids=[f.name for f in TRUE_FOLDERS])
def test_notes_call_a_pair_restructured_only_when_the_gold_shape_does(folder: Path) -> None:
    claimed = "RESTRUCTURED" in str(_meta(folder).get("notes", ""))
    assert _pair(folder).restructured == claimed


@pytest.mark.parametrize("folder", NEGATIVE_FOLDERS, ids=[f.name for f in NEGATIVE_FOLDERS])
def test_a_negative_pair_has_texts_and_no_gold(folder: Path) -> None:
    pair = _pair(folder)
    assert pair.negative and pair.ar_text.strip() and pair.en_text.strip()
    assert not any((folder / name).exists() for name in ("gold.beads", "ar.spans", "en.spans"))
