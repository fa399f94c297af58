"""The `segment` and `export` commands on the seed pair, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate_eval.cli import main
from translate_eval.documents import load_document
from translate_eval.links import read_links

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    assert main(["compare", str(SEED), "--mt", "none", "--encoder", "none", "--no-cache",
                 "--out", str(out)]) == 0  # fmt: skip
    return out


def test_segment_prints_the_sentences_compare_aligns(tmp_path: Path) -> None:
    out = tmp_path / "ar.sentences"
    assert main(["segment", str(SEED / "ar.txt"), "-o", str(out)]) == 0
    document = load_document(SEED / "ar.txt", "ar")
    assert out.read_text("utf-8").splitlines() == [" ".join(s.split()) for s in document.sentences]


def test_segment_offsets_point_into_the_text(tmp_path: Path, capsys) -> None:
    assert main(["segment", str(SEED / "en.txt"), "--lang", "en", "--offsets"]) == 0
    document = load_document(SEED / "en.txt", "en")
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(document.segments) > 5
    for (number, start, end, sentence), segment in zip(rows, document.segments, strict=True):
        assert int(number) == segment.id
        assert " ".join(document.text[int(start) : int(end)].split()) == sentence


def test_segment_detects_the_language(capsys) -> None:
    assert main(["segment", str(SEED / "ar.txt")]) == 0
    arabic = capsys.readouterr().out
    assert main(["segment", str(SEED / "en.txt")]) == 0
    assert arabic.split("\n", 1)[0] != capsys.readouterr().out.split("\n", 1)[0]


def test_export_tmx_has_one_unit_per_aligned_bead(seed_run: Path, tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    target = tmp_path / "seed.tmx"
    assert main(["export", str(seed_run), "--format", "tmx", "-o", str(target)]) == 0
    links = read_links(seed_run / "links.csv")
    aligned = links[links["src_text"].notna() & links["tgt_text"].notna()]
    with target.open("rb") as stream:
        store = tmx.tmxfile(stream, sourcelanguage="ar", targetlanguage="en")
    units = [unit for unit in store.units if unit.source]
    assert len(units) == len(aligned) > 0
    assert [unit.target for unit in units] == list(aligned["tgt_text"])


def test_export_parallel_writes_two_line_parallel_files(seed_run: Path, tmp_path: Path) -> None:
    assert main(["export", str(seed_run), "--format", "parallel", "-o", str(tmp_path / "p")]) == 0
    arabic = (tmp_path / "p.ar").read_text("utf-8").splitlines()
    english = (tmp_path / "p.en").read_text("utf-8").splitlines()
    assert len(arabic) == len(english) > 0
    assert all(line.strip() for line in arabic + english)


def test_export_of_a_folder_without_links_is_a_one_line_error(tmp_path: Path, capsys) -> None:
    assert main(["export", str(tmp_path), "-o", str(tmp_path / "x.tmx")]) == 2
    error = capsys.readouterr().err.strip()
    assert "links.csv does not exist" in error and "\n" not in error
    assert not (tmp_path / "x.tmx").exists()
