"""The planted-edit benchmark's evaluation of ``compare``: its corpora, the overrides of the
aligner settings and thresholds, the alignment cache, exact beads, error sources and the
Markdown tables (``benchmarks/planted_edits.py`` runs it)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

import translate_eval
from translate_eval.align.beads import Bead
from translate_eval.align.config import preset_config
from translate_eval.corpora import hadith_pairs
from translate_eval.files import write_text_atomic
from translate_eval.links import EDIT_LABELS
from translate_eval.score.thresholds import EditThresholds
from translate_eval_bench.fit_data import quran_units
from translate_eval_bench.planted import PlantedDocument
from translate_eval_bench.planted_counts import (
    KindCounts,
    bead_ids,
    beads_of_links,
    bootstrap_f1,
)

#: The edit labels (a bead's kinds minus its flags).
_LABELS = frozenset(EDIT_LABELS)
#: Kinds decided by a bead's content (not its shape): scored again on the gold alignment.
CONTENT_KINDS: tuple[str, ...] = (
    "partial_omission",
    "numbers_differ",
    "names_differ",
    "negation_differs",
)


def corpus_units(corpus: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(Arabic, English) units and refs: odd-sura Quran verses (``quran``), the even suras of
    the fit (``quran-fit``), or one hadith collection."""
    if corpus in ("quran", "quran-fit"):
        return quran_units("eval" if corpus == "quran" else "fit")
    pairs = hadith_pairs(corpus)
    return [(p.ar, p.en) for p in pairs], [p.ref for p in pairs]


def with_overrides(base: Any, pairs: list[str]) -> Any:
    """The dataclass ``base`` with ``KEY=VALUE`` overrides, each value cast to its field's type:
    booleans from ``true``/``yes``/``1``, numbers through ``float`` (so ``inf`` and ``8.0`` are
    read), an unset (None) field as a float. AttributeError for an unknown field, ValueError
    for a value of the wrong kind."""
    values: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        current = getattr(base, key)
        if isinstance(current, bool):
            values[key] = value.strip().lower() in ("1", "true", "yes")
        elif current is None or isinstance(current, int | float):
            values[key] = (float if current is None else type(current))(float(value))
        else:
            values[key] = type(current)(value)
    return replace(base, **values) if values else base


def align_config_from(preset: str, pairs: list[str]) -> Any:
    """The AlignConfig of ``preset`` (as ``translate-eval --preset``; ``default`` is another
    name of ``parallel``) with the ``KEY=VALUE`` overrides."""
    return with_overrides(preset_config("parallel" if preset == "default" else preset), pairs)


def thresholds_from(pairs: list[str]) -> EditThresholds:
    """The fitted :class:`EditThresholds` with ``KEY=VALUE`` overrides (``inf`` allowed), e.g.
    values printed by ``python -m translate_eval_bench.fit --mt quran:pickthall``."""
    return with_overrides(EditThresholds(), pairs)


def exact_bead(links: pd.DataFrame, document: PlantedDocument) -> Counter[str]:
    """Per kind, how many planted edits have a bead with exactly their sentence ids."""
    beads = {(s, t) for s, t, _ in beads_of_links(links)}
    found: Counter[str] = Counter()
    for edit in document.edits:
        if (edit.src_ids, edit.tgt_ids) in beads:
            found[edit.kind] += 1
    return found


def alignment_key(document: PlantedDocument, align_config: Any, mt: str, encoder: str) -> str:
    """A digest of everything the aligner's beads of ``document`` depend on: the source code
    of ``translate_eval/align`` and of the modules it borrows from (``text/``, among them
    ``text/names.py``: the English names behind the name anchors), the aligner settings, the
    MT (its signature: a new lexicon or translation table aligns anew), the encoder and the
    text."""
    package = Path(translate_eval.__file__).parent
    sources = [*package.glob("align/*.py"), *package.glob("text/*.py")]
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.read_bytes())
    digest.update(f"{align_config!r}\x1f{mt}\x1f{encoder}\x1f".encode())
    digest.update("\x1e".join(document.ar).encode() + b"\x1d" + "\x1e".join(document.en).encode())
    return digest.hexdigest()[:32]


def load_alignment(folder: Path, key: str) -> tuple[list[Any], str] | None:
    """The cached beads and aligner signature under ``key``, or None."""
    path = folder / "alignments" / f"{key}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    beads = [Bead(tuple(s), tuple(t), float(score), bool(moved)) for s, t, score, moved in
             data["beads"]]  # fmt: skip
    return beads, str(data["aligner"])


def save_alignment(folder: Path, key: str, links: pd.DataFrame, aligner: str) -> None:
    """Keep the beads of a links table (ids, score, moved) under ``key``, atomically."""
    beads = [
        [list(bead_ids(s)), list(bead_ids(t)), float(score), "moved" in str(flags or "")]
        for s, t, score, flags in zip(
            links["src_ids"], links["tgt_ids"], links["align_score"], links["flags"], strict=True
        )
    ]
    (folder / "alignments").mkdir(parents=True, exist_ok=True)
    text = json.dumps({"aligner": aligner, "beads": beads})
    write_text_atomic(folder / "alignments" / f"{key}.json", text)


def _shape(src: tuple[int, ...], tgt: tuple[int, ...]) -> str:
    return f"{len(src)}-{len(tgt)}"


def error_sources(
    beads: list[tuple[tuple[int, ...], tuple[int, ...], set[str]]],
    document: PlantedDocument,
    kinds: tuple[str, ...] = ("omission", "addition"),
) -> Counter[tuple[str, str, str]]:
    """Where the misses and false alarms of ``kinds`` come from: (kind, ``missed`` or
    ``false alarm``, ``SHAPE LABEL`` of the bead(s) concerned). A missed edit is described by
    the beads holding its sentences; a false alarm by the gold edit its bead touches
    (``untouched`` when none: a true unit split off by the aligner). O(beads * edits)."""
    found: Counter[tuple[str, str, str]] = Counter()
    for kind in kinds:
        for edit in (e for e in document.edits if e.kind == kind):
            holding = [
                b for b in beads if set(b[0]) & set(edit.src_ids) or set(b[1]) & set(edit.tgt_ids)
            ]
            if any(kind in b[2] for b in holding):
                continue
            where = ", ".join(
                sorted(f"{_shape(b[0], b[1])} {sorted(b[2] & _LABELS)[0]}" for b in holding)
            )
            found[(kind, "missed", where or "no bead")] += 1
        for bead in (b for b in beads if kind in b[2]):
            touched = [
                e for e in document.edits
                if set(bead[0]) & set(e.src_ids) or set(bead[1]) & set(e.tgt_ids)
            ]  # fmt: skip
            if any(e.kind == kind for e in touched):
                continue
            where = ", ".join(sorted(e.kind for e in touched)) or "untouched"
            found[(kind, "false alarm", where)] += 1
    return found


def sura_of(document: PlantedDocument) -> str | None:
    """The sura most of a planted Quran document's verses come from (refs "sura:verse"), or
    None when the refs are not Quran refs. Ties: the first sura in the document."""
    suras = [ref.split(":")[0] for ref in document.refs]
    if not suras or not all(sura.isdigit() for sura in suras):
        return None
    return Counter(suras).most_common(1)[0][0]


def markdown_table(
    totals: dict[str, KindCounts],
    exact: Counter[str] | None,
    per_document: dict[str, list[KindCounts]] | None = None,
    groups: list[str] | None = None,
) -> str:
    """The per-kind Markdown table (with the exact-bead column when ``exact`` is given, the
    F1's 95 % bootstrap interval over documents when ``per_document`` is, and the interval of
    the cluster bootstrap over ``groups`` (the documents' suras) when those are given too)."""
    head = "| edit type | planted | found | predicted | correct | precision | recall | F1 |"
    rule = "|---|---:|---:|---:|---:|---:|---:|---:|"
    if per_document is not None:
        head, rule = head + " F1 95 % interval |", rule + "---:|"
        if groups is not None:
            head, rule = head + " by sura |", rule + "---:|"
    if exact is not None:
        head, rule = head + " exact bead |", rule + "---:|"
    lines = [head, rule]
    for kind, counts in totals.items():
        row = (
            f"| {kind} | {counts.gold} | {counts.found} | {counts.predicted} | "
            f"{counts.correct} | {counts.precision:.2f} | {counts.recall:.2f} | {counts.f1:.2f} |"
        )
        if per_document is not None:
            low, high = bootstrap_f1(per_document[kind])
            row += f" {low:.2f}-{high:.2f} |"
            if groups is not None:
                low, high = bootstrap_f1(per_document[kind], groups=groups)
                row += f" {low:.2f}-{high:.2f} |"
        if exact is not None:
            row += f" {exact[kind]}/{counts.gold} |"
        lines.append(row)
    return "\n".join(lines)
