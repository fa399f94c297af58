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
from translate_eval.text.arabic import arabic_ratio, persian_urdu_evidence
from translate_eval.text.clean import (
    clean_text,
    escape_surrogates,
    normalise_presentation_forms,
)
from translate_eval.text.english import language_evidence
from translate_eval.text.html_page import read_saved_page
from translate_eval.text.segment import Language, Segment, segment_text

#: Share of Arabic letters above which a side counts as Arabic, below which as English.
ARABIC_SIDE_MIN = 0.5
ENGLISH_SIDE_MAX = 0.2
#: Arabic-script letters needed before Persian or Urdu is judged (a headline has too few).
MIN_LANGUAGE_EVIDENCE = 50
#: Share of Persian/Urdu-only letters that refuses a side (with Persian ya and kaf), or warns.
#: Arabic news: 0 to 0.5% (names such as پوتين); Persian and Urdu prose: 3% or more.
PERSIAN_REFUSE_SHARE = 0.02
PERSIAN_WARN_SHARE = 0.01
#: Share of ی ک among ی ک ي ك at or above which the spelling is Persian or Urdu.
PERSIAN_FORMS_SHARE = 0.6
#: Latin-script words needed before the English side's language is judged.
MIN_ENGLISH_WORDS = 15
#: Share of common English words below which a side is refused when another language's common
#: words make :data:`OTHER_LANGUAGE_SHARE` of it, or warned about. English prose: 30-50%.
ENGLISH_REFUSE_SHARE = 0.08
ENGLISH_WARN_SHARE = 0.15
OTHER_LANGUAGE_SHARE = 0.15

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

    def per_line(self, values: list[str], fill: str = "") -> list[str]:
        """One value per segment spread over the segment ids (line numbers when presegmented),
        ``fill`` at the ids of skipped segments (empty lines): output that keeps line numbers.
        O(segments + skipped)."""
        if len(values) != len(self.segments):
            raise ValueError(f"{len(values)} values for {len(self.segments)} segments")
        ids = [segment.id for segment in self.segments + self.skipped]
        spread = [fill] * (max(ids) + 1 if ids else 0)
        for segment, value in zip(self.segments, values, strict=True):
            spread[segment.id] = value
        return spread


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


def _check_arabic(text: str, label: str, warnings: list[str]) -> None:
    """Refuse a side that should be Arabic but is not (English, Persian, Urdu); warn when the
    evidence of Persian or Urdu is only moderate."""
    if not any(character.isalpha() for character in text):
        raise InputError(f"{label} has no Arabic words (only numbers, symbols or emoji)")
    ratio = arabic_ratio(text)
    if ratio < ARABIC_SIDE_MIN:
        raise InputError(
            f"{label} should be Arabic but only {ratio:.0%} of its letters are Arabic"
            + (" (is it the English side? check the order SRC TGT)" if ratio < 0.05 else "")
        )
    letters, foreign, forms = persian_urdu_evidence(text)
    if letters < MIN_LANGUAGE_EVIDENCE:
        return
    if foreign >= PERSIAN_REFUSE_SHARE and forms >= PERSIAN_FORMS_SHARE:
        raise InputError(
            f"{label} should be Arabic but looks like Persian or Urdu: {foreign:.0%} of its "
            "letters are ones Arabic does not use (پ چ ژ گ ٹ ڈ ڑ ں ے), and it writes ی ک for ي ك"
        )
    if foreign >= PERSIAN_WARN_SHARE or forms >= PERSIAN_FORMS_SHARE:
        warnings.append(
            f"{label} may be Persian or Urdu rather than Arabic ({foreign:.1%} of its letters "
            f"are Persian or Urdu letters; {forms:.0%} of its ya and kaf are Persian forms)"
        )


def _check_english(text: str, label: str, warnings: list[str]) -> None:
    """Refuse a side that should be English but is Arabic, has no words, or is clearly another
    Latin-script language; warn when it has few English words."""
    ratio = arabic_ratio(text)
    if ratio > ENGLISH_SIDE_MAX:
        raise InputError(
            f"{label} should be English but {ratio:.0%} of its letters are Arabic"
            " (is it the Arabic side? check the order SRC TGT)"
        )
    words, english_share, other, other_share = language_evidence(text)
    if words == 0:
        raise InputError(f"{label} has no English words (only numbers, symbols or emoji)")
    if words < MIN_ENGLISH_WORDS:
        return
    if english_share < ENGLISH_REFUSE_SHARE and other_share >= OTHER_LANGUAGE_SHARE:
        raise InputError(
            f"{label} should be English but looks like {other}: {other_share:.0%} of its words "
            f"are common {other} words, {english_share:.0%} common English ones"
        )
    if english_share < ENGLISH_WARN_SHARE and (other_share > english_share or words >= 30):
        likely = f" (it may be {other})" if other and other_share > english_share else ""
        warnings.append(
            f"{label} has few English words: only {english_share:.0%} of its {words} words "
            f"are common English ones{likely}"
        )


def _encoding_warnings(label: str, lang: Language, encoding: str, replaced: int) -> list[str]:
    warnings: list[str] = []
    if encoding == "cp1256":
        note = "Arabic" if lang == "ar" else "same as Windows-1252 for English quotes and accents"
        warnings.append(f"{label} is not UTF-8; decoded it as Windows-1256 ({note})")
    if encoding.startswith("utf-16"):
        order = "little" if encoding.endswith("le") else "big"
        warnings.append(f"{label} is not UTF-8; decoded it as UTF-16 ({order}-endian, with a BOM)")
    if replaced:
        warnings.append(
            f"{label} is UTF-8 with {replaced} undecodable byte sequence(s) (a character cut "
            "at the end, or damaged bytes); each was replaced by U+FFFD"
        )
    return warnings


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
    """Clean (:func:`~translate_eval.text.clean.clean_text`) and segment ``text`` as language
    ``lang``; refuse text that is not in that language. ``Document.text`` is the cleaned text,
    which the segments' offsets point into. ``encoding`` and ``replaced`` (damaged UTF-8
    bytes) come from :func:`read_text_file` and only add warnings."""
    label = path or f"{lang} text"
    text, shaped = normalise_presentation_forms(clean_text(text))
    if not text.strip():
        raise InputError(f"{label} is empty")
    warnings = _encoding_warnings(label, lang, encoding, replaced)
    if shaped:
        warnings.append(
            f"{label}: {shaped:,} Arabic presentation forms (glyph shapes, as in text copied "
            "from a PDF) were read as the ordinary letters; if its words read backwards, extract "
            "it again"
        )
    text, had_html = _blank_html(text)
    if had_html:
        warnings.append(f"{label} contains HTML markup; tags were blanked out before segmenting")
    if check_language:
        (_check_arabic if lang == "ar" else _check_english)(text, label, warnings)
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


#: File names read as saved web pages: the article text is extracted first (text/html_page.py).
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def _saved_page_document(path: str | os.PathLike[str], lang: Language) -> Document:
    """The article of a saved web page as a document, with a warning that says how much of the
    page's visible text was left out (navigation, related links...) and any extraction
    warning."""
    page = read_saved_page(path)
    if not page.text.strip():
        raise InputError(f"{path}: no article text found in the saved page")
    document = make_document(page.text, lang, path=str(path))
    document.warnings.insert(
        0,
        f"{path}: saved web page; kept the title and {len(page.paragraphs)} paragraphs "
        f"({page.kept_chars:,} of {page.visible_chars:,} visible characters), dropped "
        f"{len(page.dropped_blocks)} blocks (menus, related links, footers)",
    )
    document.warnings[1:1] = [f"{path}: {warning}" for warning in page.warnings]
    return document


def load_document(
    path: str | os.PathLike[str], lang: Language, *, presegmented: bool = False
) -> Document:
    """Read and segment a text file (UTF-8, UTF-8 with BOM, UTF-16 with BOM, or Windows-1256),
    or the article of a saved web page (``.html``; needs the ``html`` extra)."""
    if Path(path).suffix.lower() in HTML_SUFFIXES and not presegmented:
        return _saved_page_document(path, lang)
    decoded = read_text_file(path, what="source" if lang == "ar" else "target")
    return make_document(
        decoded.text,
        lang,
        presegmented=presegmented,
        path=decoded.path,
        encoding=decoded.encoding,
        replaced=decoded.replaced,
    )


def segment_file(
    path: str | os.PathLike[str], lang: Language | None = None, *, presegmented: bool = False
) -> Document:
    """The sentences of a file as the toolkit reads them (``lang`` None: Arabic when most of
    its letters are Arabic, else English), for a ``file:`` MT or a gold file made to match."""
    if lang is None:
        text = read_text_file(path).text
        lang = "ar" if arabic_ratio(text) > 0.5 else "en"
    return load_document(path, lang, presegmented=presegmented)


def format_segments(document: Document, *, offsets: bool = False) -> str:
    """One sentence a line (inner line breaks become spaces); with ``offsets``, each line is
    ``id<TAB>start<TAB>end<TAB>sentence``, the character offsets into ``document.text`` (the
    cleaned text: invisible marks removed, see :func:`~translate_eval.text.clean.clean_text`)."""
    lines = []
    for segment in document.segments:
        sentence = " ".join(segment.text.split())
        lines.append(
            f"{segment.id}\t{segment.start}\t{segment.end}\t{sentence}" if offsets else sentence
        )
    return "".join(line + "\n" for line in lines)


def read_gold_edits(path: Path) -> list[dict[str, str]]:
    """Read ``edits.tsv`` (columns kind, ar, en, note) into a list of row dicts."""
    text = read_text_file(path, what="gold edits").text
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in EDIT_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected {EDIT_COLUMNS}")
    return [{key: (row.get(key) or "").strip() for key in EDIT_COLUMNS} for row in reader]


def clean_meta(value: Any) -> Any:
    """``value`` (a TOML value: text, numbers, dates, arrays and tables of them) with
    :func:`~translate_eval.text.clean.clean_text` applied to every string in it, keys
    included. O(size of value)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_meta(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): clean_meta(item) for key, item in value.items()}
    return value


def read_meta(path: Path) -> dict[str, Any]:
    """Read ``meta.toml``, its strings cleaned (:func:`clean_meta`); a syntax error or a
    nesting too deep for the parser is an :class:`InputError` naming the file."""
    try:
        return clean_meta(tomllib.loads(read_text_file(path, what="metadata").text))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise InputError(
            f"{path}: not valid metadata (arrays or tables nested too deeply)"
        ) from None


def _side_file(directory: Path, lang: str) -> Path:
    """``LANG.txt`` of a pair folder, else a saved page ``LANG.html`` / ``LANG.htm``."""
    candidates = [directory / f"{lang}.txt", *(directory / f"{lang}{s}" for s in (".html", ".htm"))]
    for candidate in candidates:
        if os.path.lexists(candidate):
            return candidate
    raise InputError(f"pair folder {directory} has no {lang}.txt (or {lang}.html)")


def pair_name(name: str) -> str:
    """A pair's name from a folder name or a file's stem: lone surrogates (bytes of a name that
    is not UTF-8, after ``os.fsdecode``) escaped as ``\\udce9`` so every output can hold it;
    ``pair`` for an empty name. O(len(name))."""
    return escape_surrogates(name) or "pair"


def load_pair_folder(folder: str | os.PathLike[str], *, presegmented: bool = False) -> Pair:
    """Read a pair folder: ``ar.txt`` and ``en.txt`` (or saved pages ``ar.html``, ``en.html``),
    optional ``meta.toml`` and ``edits.tsv``.
    Each file must be a regular file (a link to one is fine); ``presegmented``: one sentence
    per line on both sides."""
    directory = Path(folder)
    sides = {lang: _side_file(directory, lang) for lang in ("ar", "en")}
    meta_path, edits_path = directory / "meta.toml", directory / "edits.tsv"
    meta = read_meta(meta_path) if os.path.lexists(meta_path) else {}
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: expected a table of keys")
    return Pair(
        source=load_document(sides["ar"], "ar", presegmented=presegmented),
        target=load_document(sides["en"], "en", presegmented=presegmented),
        name=pair_name(directory.resolve().name),
        meta=meta,
        gold_edits=read_gold_edits(edits_path) if os.path.lexists(edits_path) else None,
    )


def load_pair(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str] | None = None,
    *,
    presegmented: bool = False,
) -> Pair:
    """A pair from a pair folder (``target`` None) or from two text files."""
    if not all(os.fspath(path).strip() for path in (source, target) if path is not None):
        raise InputError("a path is empty (an unset variable?); give SRC and TGT, or a folder")
    if target is None:
        if not Path(source).is_dir():
            raise InputError(f"{source} is not a pair folder; give SRC and TGT files, or a folder")
        return load_pair_folder(source, presegmented=presegmented)
    src_doc = load_document(source, "ar", presegmented=presegmented)
    tgt_doc = load_document(target, "en", presegmented=presegmented)
    return Pair(source=src_doc, target=tgt_doc, name=pair_name(Path(source).stem))


def pair_from_texts(
    source_text: str | list[str],
    target_text: str | list[str],
    *,
    name: str = "pair",
    meta: dict[str, Any] | None = None,
) -> Pair:
    """An in-memory pair: strings are segmented, lists (or tuples) are taken as one sentence
    per item; anything else is a one-line :class:`InputError`."""

    def side(value: str | list[str], lang: Language) -> Document:
        if isinstance(value, list | tuple):
            odd = next((item for item in value if not isinstance(item, str)), None)
            if odd is not None:
                raise InputError(f"{lang} sentences must be strings, not {type(odd).__name__}")
            if any("\n" in item for item in value):
                raise InputError(f"{lang} sentences must not contain newlines")
            return make_document("\n".join(value), lang, presegmented=True)
        if not isinstance(value, str):
            kind = type(value).__name__
            wanted = "a string or a list of sentence strings"
            raise InputError(f"{lang} text must be {wanted}, not {kind}")
        return make_document(value, lang)

    return Pair(side(source_text, "ar"), side(target_text, "en"), name=name, meta=meta or {})
