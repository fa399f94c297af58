"""TMX 1.4 and parallel-corpus export of aligned pairs, read back by real readers."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from links_examples import small_links

from translate_eval import __version__
from translate_eval.errors import InputError
from translate_eval.report.tmx import (
    aligned_pairs,
    flatten_cell,
    parallel_tsv,
    tmx_document,
    write_parallel,
    write_parallel_tsv,
    write_tmx,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADER_ATTRIBUTES = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)


def tricky_links() -> pd.DataFrame:
    """Beads whose text needs escaping or cleaning; beads 1 and 3 lack one side."""
    return pd.DataFrame(
        {
            "bead": [0, 1, 2, 3, 4, 5],
            "src_ids": ["0", "1", "2 3", "", "4", "5"],
            "tgt_ids": ["0", "", "1", "2", "3 4", "5"],
            "link": ["1-1", "1-0", "2-1", "0-1", "1-2", "1-1"],
            "src_text": [
                'قال "الوزير" إن <الجيش> & الشرطة',
                "ثم غادر",
                "سقط عشرة\nقتلى\tاليوم",
                np.nan,
                "جسر\x00 الشغور\x1b",
                "   ",  # whitespace only: no text on this side
            ],
            "tgt_text": [
                "The minister said the <army> & 'police' \"left\"",
                "",
                "Ten people\r\ndied today",
                "This was added.",
                "Jisr\x0c al-Shughour \ufffe\x7fbridge\u2028here",
                "Idlib",
            ],
            "edit": ["faithful", "omission", "merge", "addition", "split", "faithful"],
            "flags": ["", "", "numbers_differ;moved", "", "names_differ", ""],
        }
    )


EXPECTED_PAIRS = [
    (
        "0",
        'قال "الوزير" إن <الجيش> & الشرطة',
        "The minister said the <army> & 'police' \"left\"",
    ),
    ("2", "سقط عشرة قتلى اليوم", "Ten people died today"),
    ("4", "جسر الشغور", "Jisr al-Shughour bridge here"),
]


def check_tmx_structure(root: ET.Element) -> None:
    """The TMX 1.4 element rules this exporter uses: ``tmx`` holds a ``header`` then a
    ``body``; the header has the required attributes; ``body`` holds ``tu`` only; a ``tu``
    holds ``note``/``prop`` elements, then one or more ``tuv``; a ``tuv`` has ``xml:lang``
    and exactly one ``seg``; a ``prop`` has a ``type``."""
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert [child.tag for child in root] == ["header", "body"]
    header, body = list(root)
    for name in HEADER_ATTRIBUTES:
        assert header.get(name), name
    for unit in body:
        assert unit.tag == "tu"
        tags = [child.tag for child in unit]
        first_tuv = tags.index("tuv")
        assert set(tags[:first_tuv]) <= {"note", "prop"}
        assert set(tags[first_tuv:]) == {"tuv"}
        for prop in unit.iter("prop"):
            assert prop.get("type", "").startswith("x-")
        for variant in unit.iter("tuv"):
            assert variant.get(XML_LANG)
            assert [child.tag for child in variant] == ["seg"]


def test_flatten_cell() -> None:
    assert flatten_cell("a \r\n\t b\x00c\x1ed\u2028e  f\x85g\ud800h") == "a bc d e  f gh"
    assert flatten_cell(np.nan) == "" and flatten_cell(None) == ""
    assert flatten_cell("  قال\n ") == "قال"


def test_aligned_pairs_keep_beads_with_both_sides() -> None:
    pairs = aligned_pairs(tricky_links())
    assert [(p.bead, p.src_text, p.tgt_text) for p in pairs] == EXPECTED_PAIRS
    merge = pairs[1]
    assert merge.src_ids == (2, 3) and merge.tgt_ids == (1,)
    assert merge.link == "2-1" and merge.edit == "merge"
    assert merge.flags == ("numbers_differ", "moved")


def test_tmx_reads_back_with_translate_toolkit(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "pairs.tmx"
    assert write_tmx(tricky_links(), path) == len(EXPECTED_PAIRS)
    with path.open("rb") as stream:
        store = tmx.tmxfile(stream, sourcelanguage="ar", targetlanguage="en")
    units = store.units
    assert len(units) == len(EXPECTED_PAIRS)  # one unit per aligned bead
    for unit, (bead, arabic, english) in zip(units, EXPECTED_PAIRS, strict=True):
        assert unit.getid() == f"bead-{bead}"
        assert unit.source == arabic
        assert unit.target == english
    props = {prop.get("type"): prop.text for prop in units[1].xmlelement.iter("{*}prop")}
    assert props == {
        "x-bead": "2",
        "x-edit": "merge",
        "x-flags": "numbers_differ;moved",
        "x-link": "2-1",
        "x-src-ids": "2 3",
        "x-tgt-ids": "1",
    }


def test_tmx_follows_the_element_rules(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tmx"
    write_tmx(tricky_links(), path)
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(raw)  # a parse error here would be a failed escape
    check_tmx_structure(root)
    header = root.find("header")
    assert header is not None
    assert header.attrib == {
        "creationtool": "translate_eval",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "translate_eval links",
        "adminlang": "en",
        "srclang": "ar",
        "datatype": "plaintext",
    }
    units = root.findall("body/tu")
    assert len(units) == len(EXPECTED_PAIRS)
    for unit, (_, arabic, english) in zip(units, EXPECTED_PAIRS, strict=True):
        segments = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in unit.iter("tuv")}
        assert segments == {"ar": arabic, "en": english}
    first = units[0]
    assert [prop.get("type") for prop in first.iter("prop")] == [
        "x-bead",
        "x-edit",
        "x-link",
        "x-src-ids",
        "x-tgt-ids",
    ]  # no empty x-flags
    assert b"&amp;" in raw and b"&lt;army&gt;" in raw
    assert b"\x00" not in raw and b"\x1b" not in raw and b"\x0c" not in raw


def test_tmx_of_the_report_example_has_one_unit_per_aligned_bead() -> None:
    links = small_links()
    both_sides = (links["src_text"] != "") & (links["tgt_text"] != "")
    root = ET.fromstring(tmx_document(aligned_pairs(links)))
    check_tmx_structure(root)
    assert len(root.findall("body/tu")) == int(both_sides.sum()) == 4


def test_empty_table_gives_a_valid_empty_tmx(tmp_path: Path) -> None:
    links = tricky_links().iloc[0:0]
    path = tmp_path / "empty.tmx"
    assert write_tmx(links, path) == 0
    root = ET.parse(path).getroot()
    check_tmx_structure(root)
    assert root.findall("body/tu") == []


def test_parallel_files_are_line_parallel(tmp_path: Path) -> None:
    arabic, english = tmp_path / "pairs.ar", tmp_path / "pairs.en"
    assert write_parallel(tricky_links(), arabic, english) == len(EXPECTED_PAIRS)
    ar_lines = arabic.read_text(encoding="utf-8").splitlines()
    en_lines = english.read_text(encoding="utf-8").splitlines()
    assert ar_lines == [arabic_text for _, arabic_text, _ in EXPECTED_PAIRS]
    assert en_lines == [english_text for _, _, english_text in EXPECTED_PAIRS]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.ar", "pairs.en"]  # no temps
    with pytest.raises(InputError, match="must differ"):
        write_parallel(tricky_links(), arabic, tmp_path / "." / "pairs.ar")


def test_parallel_tsv_reads_back_with_csv(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    assert write_parallel_tsv(tricky_links(), path, header=True) == len(EXPECTED_PAIRS)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["ar", "en"]
    assert rows[1:] == [[arabic, english] for _, arabic, english in EXPECTED_PAIRS]
    lines = parallel_tsv(aligned_pairs(tricky_links())).splitlines()
    assert len(lines) == len(EXPECTED_PAIRS) and all(line.count("\t") == 1 for line in lines)


def test_a_links_csv_round_trip_exports_the_same(tmp_path: Path) -> None:
    links = tricky_links()
    links.to_csv(tmp_path / "links.csv", index=False)
    reread = pd.read_csv(tmp_path / "links.csv", keep_default_na=False, na_values=[""])
    assert tmx_document(aligned_pairs(reread)) == tmx_document(aligned_pairs(links))
    assert parallel_tsv(aligned_pairs(reread)) == parallel_tsv(aligned_pairs(links))


def test_missing_text_column_is_a_one_line_error() -> None:
    with pytest.raises(InputError, match="lacks the column"):
        aligned_pairs(tricky_links().drop(columns=["tgt_text"]))


def test_bad_sentence_ids_are_a_one_line_error() -> None:
    links = tricky_links()
    links.loc[0, "src_ids"] = "first"
    with pytest.raises(InputError, match="sentence ids must be whole numbers"):
        aligned_pairs(links)
