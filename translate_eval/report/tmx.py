"""Aligned pairs of a links table as a TMX 1.4 translation memory or a plain parallel corpus.

One unit per bead with text on both sides; the edit label, flags, link and sentence ids travel
as ``<prop type="x-...">`` in TMX. Cells are flattened to one line and cleaned of characters
that XML 1.0 forbids, so every bead is one line of each parallel file.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from translate_eval import __version__
from translate_eval.errors import InputError
from translate_eval.files import write_text_atomic
from translate_eval.links import cell_text, format_ids, parse_flags, parse_ids, read_links

#: Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF)
#: and C1 controls, which XML 1.0 discourages: removed from every cell.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
#: Characters that end a line for some reader (``str.splitlines`` among them) and the tab,
#: with the spaces around them: each run becomes one space.
_BREAK = "\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
LINE_BREAKS = re.compile(f" *[{_BREAK}][{_BREAK} ]*")
#: Columns a links table needs for export.
EXPORT_COLUMNS: tuple[str, ...] = ("src_text", "tgt_text")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_LANGUAGE = "ar"
TARGET_LANGUAGE = "en"


@dataclass(frozen=True)
class AlignedPair:
    """One bead with text on both sides, its cells flattened to one line each."""

    bead: str
    src_text: str
    tgt_text: str
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    link: str
    edit: str
    flags: tuple[str, ...]


def flatten_cell(value: object) -> str:
    """A cell as one line of XML-safe text: forbidden and control characters removed, line
    breaks and tabs made single spaces, ends stripped; missing values give ``""``. O(len)."""
    text = FORBIDDEN_CHARACTERS.sub("", cell_text(value))
    return LINE_BREAKS.sub(" ", text).strip()


def _column(links: pd.DataFrame, name: str) -> list[object]:
    return list(links[name]) if name in links.columns else [""] * len(links)


def aligned_pairs(links: pd.DataFrame) -> list[AlignedPair]:
    """The beads of ``links`` that have text on both sides (after flattening), in table order.

    ``bead`` comes from the ``bead`` column when there is one, else the row's position.
    Raises InputError when ``src_text`` or ``tgt_text`` is missing or an id cell is not
    ids. Time O(total text length).
    """
    missing = [name for name in EXPORT_COLUMNS if name not in links.columns]
    if missing:
        raise InputError(f"the links table lacks the column(s) {', '.join(missing)}")
    beads = [
        str(position) if cell_text(bead) == "" else _bead_name(bead)
        for position, bead in enumerate(_column(links, "bead"))
    ]
    rows = zip(
        beads,
        links["src_text"],
        links["tgt_text"],
        *(_column(links, name) for name in ("src_ids", "tgt_ids", "link", "edit", "flags")),
        strict=True,
    )
    pairs = []
    for bead, src, tgt, src_ids, tgt_ids, link, edit, flags in rows:
        src_text, tgt_text = flatten_cell(src), flatten_cell(tgt)
        if src_text and tgt_text:
            pairs.append(
                AlignedPair(
                    bead=bead,
                    src_text=src_text,
                    tgt_text=tgt_text,
                    src_ids=tuple(parse_ids(src_ids)),
                    tgt_ids=tuple(parse_ids(tgt_ids)),
                    link=flatten_cell(link),
                    edit=flatten_cell(edit),
                    flags=tuple(flatten_cell(flag) for flag in parse_flags(flags)),
                )
            )
    return pairs


def _bead_name(value: object) -> str:
    """A bead number as text: ``3.0`` (pandas' reading of a column with gaps) -> ``"3"``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return flatten_cell(value)


def _properties(pair: AlignedPair) -> list[tuple[str, str]]:
    """The ``x-`` props of one unit, empty values left out."""
    props = [
        ("x-bead", pair.bead),
        ("x-edit", pair.edit),
        ("x-flags", ";".join(pair.flags)),
        ("x-link", pair.link),
        ("x-src-ids", format_ids(pair.src_ids)),
        ("x-tgt-ids", format_ids(pair.tgt_ids)),
    ]
    return [(kind, value) for kind, value in props if value]


def tmx_document(pairs: list[AlignedPair]) -> str:
    """A TMX 1.4 document (UTF-8 text with its XML declaration): a header naming
    translate_eval, then one ``<tu>`` per pair with its props and an ``ar`` and an ``en``
    ``<tuv>``. ElementTree escapes ``&``, ``<``, ``>`` and quotes. Time O(total text)."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "translate_eval",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "translate_eval links",
            "adminlang": "en",
            "srclang": SOURCE_LANGUAGE,
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for pair in pairs:
        unit = ET.SubElement(body, "tu", tuid=f"bead-{pair.bead}")
        for kind, value in _properties(pair):
            ET.SubElement(unit, "prop", type=kind).text = value
        for language, text in ((SOURCE_LANGUAGE, pair.src_text), (TARGET_LANGUAGE, pair.tgt_text)):
            variant = ET.SubElement(unit, "tuv", {XML_LANG: language})
            ET.SubElement(variant, "seg").text = text
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def write_tmx(links: pd.DataFrame, path: str | os.PathLike[str]) -> int:
    """Write the aligned pairs of ``links`` to ``path`` as TMX 1.4, atomically; returns the
    number of units. Time O(total text)."""
    pairs = aligned_pairs(links)
    write_text_atomic(path, tmx_document(pairs))
    return len(pairs)


def parallel_lines(pairs: list[AlignedPair]) -> tuple[str, str]:
    """The Arabic and the English side as text, one line per pair (each ends with ``\\n``)."""
    arabic = "".join(pair.src_text + "\n" for pair in pairs)
    english = "".join(pair.tgt_text + "\n" for pair in pairs)
    return arabic, english


def write_parallel(
    links: pd.DataFrame, arabic_path: str | os.PathLike[str], english_path: str | os.PathLike[str]
) -> int:
    """Write the aligned pairs of ``links`` as two line-parallel UTF-8 files (line i of one
    translates line i of the other), each atomically; returns the number of lines."""
    if Path(arabic_path).resolve() == Path(english_path).resolve():
        raise InputError(f"the Arabic and English files must differ, got {arabic_path} twice")
    pairs = aligned_pairs(links)
    arabic, english = parallel_lines(pairs)
    write_text_atomic(arabic_path, arabic)
    write_text_atomic(english_path, english)
    return len(pairs)


def parallel_tsv(pairs: list[AlignedPair], header: bool = False) -> str:
    """The pairs as two tab-separated columns, Arabic then English, one line per pair; with
    ``header`` a first line ``ar<TAB>en``. Cells hold no tab or line break (flattened)."""
    lines = [f"{SOURCE_LANGUAGE}\t{TARGET_LANGUAGE}\n"] if header else []
    lines.extend(f"{pair.src_text}\t{pair.tgt_text}\n" for pair in pairs)
    return "".join(lines)


def write_parallel_tsv(
    links: pd.DataFrame, path: str | os.PathLike[str], header: bool = False
) -> int:
    """Write the aligned pairs of ``links`` as one two-column TSV, atomically; returns the
    number of pairs."""
    pairs = aligned_pairs(links)
    write_text_atomic(path, parallel_tsv(pairs, header=header))
    return len(pairs)


#: ``export_run`` formats: TMX 1.4, two line-parallel files (``OUT.ar``, ``OUT.en``), one TSV.
EXPORT_FORMATS = ("tmx", "parallel", "tsv")


def export_run(
    run_dir: str | os.PathLike[str], fmt: str, output: str | os.PathLike[str]
) -> tuple[int, list[Path]]:
    """Export the aligned pairs of a run folder (its links.csv) as ``fmt`` into ``output``
    (``parallel``: ``OUTPUT.ar`` and ``OUTPUT.en``); returns the number of units and the files
    written. InputError (one line) for an unknown format or a folder without links.csv."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    links = read_links(Path(run_dir) / "links.csv")
    target = Path(output)
    if fmt == "tmx":
        return write_tmx(links, target), [target]
    if fmt == "tsv":
        return write_parallel_tsv(links, target, header=True), [target]
    sides = [target.with_name(target.name + ".ar"), target.with_name(target.name + ".en")]
    return write_parallel(links, *sides), sides
