"""Run folders written by ``Comparison.write``: loading them, and pairing their beads into the
segments on which MT systems are scored against each other.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from translate_eval.errors import InputError
from translate_eval.links import cell_text, format_ids, parse_ids, read_links
from translate_eval.report.systems import aligned_bead_mask


@dataclass
class Run:
    """One run folder: its links table (one row per bead) and its run signature."""

    name: str
    path: Path
    links: pd.DataFrame
    signature: dict[str, str]

    @property
    def system(self) -> str:
        """The MT system of the run, as its signature names it (``none`` when there was no MT)."""
        return str(self.signature.get("mt", "unknown"))

    @property
    def has_mt(self) -> bool:
        """True when the run has machine translation text to score."""
        if self.system == "none" or "mt_text" not in self.links.columns:
            return False
        return any(cell_text(text).strip() for text in self.links["mt_text"])


def load_run(path: str | os.PathLike[str]) -> Run:
    """Read ``links.csv`` and ``signature.json`` of a run folder (``compare --out DIR``).

    Raises :class:`InputError` (one line) when the folder or a file is missing or unreadable.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a run folder; give a folder written by compare --out")
    links_path = folder / "links.csv"
    if not links_path.is_file():
        raise InputError(f"{folder} has no links.csv; give a folder written by compare --out")
    links = read_links(links_path)
    signature: dict[str, str] = {}
    signature_path = folder / "signature.json"
    if signature_path.is_file():
        try:
            loaded = json.loads(signature_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise InputError(f"{signature_path} is not valid JSON: {error}") from None
        if not isinstance(loaded, dict):
            raise InputError(f"{signature_path} should hold a JSON object")
        signature = {str(k): str(v) for k, v in loaded.items()}
    return Run(name=folder.resolve().name, path=folder, links=links, signature=signature)


def load_runs(paths: Sequence[str | os.PathLike[str]]) -> list[Run]:
    """:func:`load_run` for each folder; repeated folder names get ``#2``, ``#3``..."""
    if not paths:
        raise InputError("give at least one run folder")
    runs = [load_run(path) for path in paths]
    seen: dict[str, int] = {}
    for run in runs:
        seen[run.name] = seen.get(run.name, 0) + 1
        if seen[run.name] > 1:
            run.name = f"{run.name}#{seen[run.name]}"
    return runs


def document_key(links: pd.DataFrame) -> str:
    """A fingerprint of the pair a links table is about, whatever its alignment: the Arabic and
    the English sentences in id order (beads sorted by their first id). O(total text)."""

    def side(ids_column: str, text_column: str) -> str:
        pieces = []
        for ids, text in zip(links[ids_column], links[text_column], strict=True):
            parsed = parse_ids(ids)
            if parsed:
                pieces.append((min(parsed), " ".join(cell_text(text).split())))
        return " ".join(text for _, text in sorted(pieces))

    src_text = side("src_ids", "src_text") if "src_text" in links.columns else ""
    digest = hashlib.sha256((src_text + "\0" + side("tgt_ids", "tgt_text")).encode("utf-8"))
    return digest.hexdigest()[:16]


def runs_segments(runs: Sequence[Run]) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Paired segments for :func:`system_scores` from runs of one or more pairs.

    Runs are grouped by pair (:func:`document_key`); a system is an MT signature. Kept: the
    systems (in the order first seen) that have a run with MT on every pair. On each pair the
    segments are the beads that every kept system's run aligned identically (same Arabic and
    English ids, both sides non-empty): the reference is the bead's English, each hypothesis
    that run's MT of the bead. Segments of all pairs are pooled. Returns (references, systems,
    notes), notes saying what was left out. Time O(runs x beads).
    """
    notes: list[str] = []
    documents, system_order = _runs_by_pair(runs, notes)
    kept = _systems_on_every_pair(documents, system_order, notes)
    references: list[str] = []
    hypotheses: dict[str, list[str]] = {system: [] for system in kept}
    if not kept:
        return references, hypotheses, notes
    for by_system in documents.values():
        tables = {system: _aligned_beads_by_ids(by_system[system].links) for system in kept}
        first = tables[kept[0]]
        common = [key for key in first if all(key in tables[s] for s in kept[1:])]
        largest = max(len(table) for table in tables.values())
        if len(common) < largest:
            names = ", ".join(by_system[s].name for s in kept)
            notes.append(
                f"{names}: {len(common)} of up to {largest} aligned beads are aligned alike "
                "by every system; scored on those"
            )
        for key in common:
            references.append(cell_text(first[key]["tgt_text"]))
            for system in kept:
                hypotheses[system].append(cell_text(tables[system][key].get("mt_text")))
    return references, hypotheses, notes


def _runs_by_pair(
    runs: Sequence[Run], notes: list[str]
) -> tuple[dict[str, dict[str, Run]], list[str]]:
    """Runs with MT grouped by pair and then by system, and the systems in the order first seen;
    runs without MT, and repeats of a pair and system, are noted and left out."""
    documents: dict[str, dict[str, Run]] = {}
    system_order: list[str] = []
    for run in runs:
        if not run.has_mt:
            notes.append(f"{run.name}: no machine translation to score (MT {run.system})")
            continue
        by_system = documents.setdefault(document_key(run.links), {})
        if run.system in by_system:
            notes.append(f"{run.name}: same pair and MT as {by_system[run.system].name}; left out")
            continue
        by_system[run.system] = run
        if run.system not in system_order:
            system_order.append(run.system)
    return documents, system_order


def _systems_on_every_pair(
    documents: dict[str, dict[str, Run]], system_order: list[str], notes: list[str]
) -> list[str]:
    """The systems with a run on every pair, in order; the others are noted."""
    kept = [s for s in system_order if all(s in by_system for by_system in documents.values())]
    for system in system_order:
        if system not in kept:
            count = sum(system in by_system for by_system in documents.values())
            notes.append(
                f"MT {system}: runs on {count} of {len(documents)} pairs; left out so that "
                "every system is scored on the same segments"
            )
    return kept


def _aligned_beads_by_ids(links: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """The beads with sentences on both sides, keyed by their (Arabic ids, English ids) text."""
    aligned = links[aligned_bead_mask(links)]
    return {
        (format_ids(parse_ids(s)), format_ids(parse_ids(t))): row
        for s, t, (_, row) in zip(
            aligned["src_ids"], aligned["tgt_ids"], aligned.iterrows(), strict=True
        )
    }
