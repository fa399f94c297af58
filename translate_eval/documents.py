"""Documents and pairs: reading an Arabic source and its published English, checking each side."""

from __future__ import annotations

import csv
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate_eval.errors import InputError
from translate_eval.files import read_text_file
from translate_eval.text.arabic import arabic_ratio
from translate_eval.text.segment import Language, Segment, segment_text

#: Share of Arabic letters above which a side counts as Arabic, below which as English.
ARABIC_SIDE_MIN = 0.5
ENGLISH_SIDE_MAX = 0.2

_HTML_TAG_RE = re.compile(
    r"</?(?:p|div|span|br|a|b|i|em|strong|h[1-6]|li|ul|ol|table|tr|td|img|"
    r"script|style|html|body|head|meta|figure|figcaption)\b[^>]*>",
    re.I,
)
_SCRIPT_RE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)

EDIT_COLUMNS = ("kind", "ar", "en", "note")


@dataclass
class Document:
    """One side of a pair: its text (after decoding), sentences with offsets, and notes."""

    text: str
    lang: Language
    segments: list[Segment]
    skipped: list[Segment] = field(default_factory=list)
    path: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        """The texts of the segments to align, in order."""
        return [segment.text for segment in self.segments]


@dataclass
class Pair:
    """An Arabic source and the English published from it, with metadata and gold edits."""

    source: Document
    target: Document
    name: str = "pair"
    meta: dict[str, Any] = field(default_factory=dict)
    gold_edits: list[dict[str, str]] | None = None


def _blank_html(text: str) -> tuple[str, bool]:
    """Replace HTML tags (and script/style bodies) by spaces of equal length; offsets hold."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    cleaned = _SCRIPT_RE.sub(blank, text)
    cleaned = _HTML_TAG_RE.sub(blank, cleaned)
    return cleaned, cleaned != text


def make_document(
    text: str,
    lang: Language,
    *,
    presegmented: bool = False,
    path: str | None = None,
    encoding: str = "utf-8",
    check_language: bool = True,
    replaced: int = 0,
) -> Document:
    """Segment ``text`` as language ``lang``; refuse text that is not in that language.
    ``encoding`` and ``replaced`` (damaged UTF-8 bytes) come from :func:`read_text_file` and
    only add warnings."""
    label = path or f"{lang} text"
    if not text.strip():
        raise InputError(f"{label} is empty")
    warnings: list[str] = []
    if encoding == "cp1256":
        note = "Arabic" if lang == "ar" else "same as Windows-1252 for English quotes and accents"
        warnings.append(f"{label} is not UTF-8; decoded it as Windows-1256 ({note})")
    if replaced:
        warnings.append(
            f"{label} is UTF-8 with {replaced} undecodable byte sequence(s) (a character cut "
            "at the end, or damaged bytes); each was replaced by U+FFFD"
        )
    text, had_html = _blank_html(text)
    if had_html:
        warnings.append(f"{label} contains HTML markup; tags were blanked out before segmenting")
    if check_language:
        ratio = arabic_ratio(text)
        if lang == "ar" and ratio < ARABIC_SIDE_MIN:
            raise InputError(
                f"{label} should be Arabic but only {ratio:.0%} of its letters are Arabic"
                + (" (is it the English side? check the order SRC TGT)" if ratio < 0.05 else "")
            )
        if lang == "en" and ratio > ENGLISH_SIDE_MAX:
            raise InputError(
                f"{label} should be English but {ratio:.0%} of its letters are Arabic"
                " (is it the Arabic side? check the order SRC TGT)"
            )
    segmentation = segment_text(text, lang, presegmented=presegmented)
    if not segmentation.segments:
        raise InputError(f"{label} has no sentences to align")
    return Document(
        text=text,
        lang=lang,
        segments=segmentation.segments,
        skipped=segmentation.skipped,
        path=path,
        encoding=encoding,
        warnings=warnings + [f"{label}: {w}" for w in segmentation.warnings],
    )


def load_document(
    path: str | os.PathLike[str], lang: Language, *, presegmented: bool = False
) -> Document:
    """Read and segment a text file (UTF-8, UTF-8 with BOM, or Windows-1256)."""
    decoded = read_text_file(path, what="source" if lang == "ar" else "target")
    return make_document(
        decoded.text,
        lang,
        presegmented=presegmented,
        path=decoded.path,
        encoding=decoded.encoding,
        replaced=decoded.replaced,
    )


def read_gold_edits(path: Path) -> list[dict[str, str]]:
    """Read ``edits.tsv`` (columns kind, ar, en, note) into a list of row dicts."""
    text = read_text_file(path, what="gold edits").text
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in EDIT_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {EDIT_COLUMNS}")
    return [{key: (row.get(key) or "").strip() for key in EDIT_COLUMNS} for row in reader]


def read_meta(path: Path) -> dict[str, Any]:
    """Read ``meta.toml``; a syntax error is an :class:`InputError` naming the file."""
    try:
        return tomllib.loads(read_text_file(path, what="metadata").text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None


def load_pair_folder(folder: str | os.PathLike[str]) -> Pair:
    """Read a pair folder: ``ar.txt``, ``en.txt``, optional ``meta.toml`` and ``edits.tsv``."""
    directory = Path(folder)
    for required in ("ar.txt", "en.txt"):
        if not (directory / required).is_file():
            raise InputError(f"pair folder {directory} has no {required}")
    meta_path, edits_path = directory / "meta.toml", directory / "edits.tsv"
    meta = read_meta(meta_path) if meta_path.is_file() else {}
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: expected a table of keys")
    return Pair(
        source=load_document(directory / "ar.txt", "ar"),
        target=load_document(directory / "en.txt", "en"),
        name=directory.resolve().name or "pair",
        meta=meta,
        gold_edits=read_gold_edits(edits_path) if edits_path.is_file() else None,
    )


def load_pair(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str] | None = None,
    *,
    presegmented: bool = False,
) -> Pair:
    """A pair from a pair folder (``target`` None) or from two text files."""
    if target is None:
        if not Path(source).is_dir():
            raise InputError(f"{source} is not a pair folder; give SRC and TGT files, or a folder")
        return load_pair_folder(source)
    src_doc = load_document(source, "ar", presegmented=presegmented)
    tgt_doc = load_document(target, "en", presegmented=presegmented)
    return Pair(source=src_doc, target=tgt_doc, name=Path(source).stem)


def pair_from_texts(
    source_text: str | list[str],
    target_text: str | list[str],
    *,
    name: str = "pair",
    meta: dict[str, Any] | None = None,
) -> Pair:
    """An in-memory pair: strings are segmented, lists are taken as one sentence per item."""

    def side(value: str | list[str], lang: Language) -> Document:
        if isinstance(value, list):
            if any("\n" in item for item in value):
                raise InputError(f"{lang} sentences must not contain newlines")
            return make_document("\n".join(value), lang, presegmented=True)
        return make_document(value, lang)

    return Pair(side(source_text, "ar"), side(target_text, "en"), name=name, meta=meta or {})
