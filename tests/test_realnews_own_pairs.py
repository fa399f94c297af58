"""The project's own real-news pairs 11-19, 91 and 93: hand spans, gold beads and edits fit
the texts.

Texts stay outside the repository (``$TRANSLATE_EVAL_REALNEWS_TEXTS``); a pair whose texts are
absent is skipped, a pair whose texts differ from the recorded hash fails."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

from translate_eval_bench.realnews import OWN_DIR, RealPair, load_pairs, texts_dir

PAIR_PREFIXES = (*(f"{n}-" for n in range(11, 20)), "91-", "93-")
FOLDERS = sorted(
    f for f in OWN_DIR.glob("*") if f.name.startswith(PAIR_PREFIXES) and (f / "meta.toml").exists()
)


def _loaded(folder: Path) -> RealPair:
    """The pair from the loader, or a skip when its texts are absent."""
    for side in ("ar", "en"):
        if not (texts_dir() / folder.name / f"{side}.txt").is_file():
            pytest.skip(f"texts of {folder.name} absent")
    pairs, skipped = load_pairs(own_dir=OWN_DIR)
    assert not [note for note in skipped if note.startswith(folder.name)], skipped
    return next(p for p in pairs if p.pair_id == folder.name)


def test_there_are_pairs_and_a_negative() -> None:
    metas = [tomllib.loads((f / "meta.toml").read_text(encoding="utf-8")) for f in FOLDERS]
    assert sum(not m.get("negative") for m in metas) >= 4
    assert any(m.get("negative") for m in metas)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_meta_has_urls_and_hashes_of_the_texts(folder: Path) -> None:
    meta = tomllib.loads((folder / "meta.toml").read_text(encoding="utf-8"))
    assert meta["id"] == folder.name
    assert str(meta["url"]).startswith("https://") and str(meta["url_ar"]).startswith("https://")
    assert meta["confidence"] in {"high", "medium", "low"}
    pair = _loaded(folder)
    for side, text in (("ar", pair.ar_text), ("en", pair.en_text)):
        assert hashlib.sha256(text.encode("utf-8")).hexdigest() == meta[f"{side}_sha256"]


@pytest.mark.parametrize(
    "folder", [f for f in FOLDERS if not f.name.startswith(("91-", "93-"))], ids=lambda f: f.name
)
def test_spans_inside_text_in_order_and_gold_covers_each_id_once(folder: Path) -> None:
    pair = _loaded(folder)
    for spans, text in ((pair.ar_spans, pair.ar_text), (pair.en_spans, pair.en_text)):
        assert spans
        ends = [0] + [end for _, end in spans]
        for (start, end), previous_end in zip(spans, ends, strict=False):
            assert previous_end <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]
    src = sorted(i for bead in pair.gold for i in bead.src)
    tgt = sorted(j for bead in pair.gold for j in bead.tgt)
    assert src == list(range(len(pair.ar_spans)))
    assert tgt == list(range(len(pair.en_spans)))
    assert pair.edits
    for edit in pair.edits:
        assert edit.ar_ids or edit.en_ids
        assert set(edit.ar_ids) <= set(range(len(pair.ar_spans)))
        assert set(edit.en_ids) <= set(range(len(pair.en_spans)))


@pytest.mark.parametrize(
    "folder", [f for f in FOLDERS if f.name.startswith(("91-", "93-"))], ids=lambda f: f.name
)
def test_negative_pairs_have_texts_only(folder: Path) -> None:
    pair = _loaded(folder)
    assert pair.negative and not pair.gold and not pair.ar_spans
    assert not (folder / "gold.beads").exists()
