"""Reads run folders written by ``Comparison.write`` and turns them into comparison tables
(systems x metrics, documents x edit types, edit examples) as CSV, Markdown, LaTeX or HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from translate_eval.errors import InputError
from translate_eval.report.html import _csp_hash
from translate_eval.report.systems import (
    TestType,
    aligned_bead_mask,
    describe_test,
    edit_examples,
    edit_types_by_document,
    system_scores,
    systems_table,
)
from translate_eval.report.tables import (
    TABLE_FORMATS,
    TableFormat,
    cell_text,
    export_table,
    parse_ids,
)

#: Table names of :func:`report_tables`, in report order, with their headings.
TABLE_TITLES: dict[str, str] = {
    "systems": "Systems x metrics",
    "edits": "Documents x edit types",
    "examples": "Edit examples",
}
TABLE_CHOICES: tuple[str, ...] = ("all", *TABLE_TITLES)


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


@dataclass
class ReportTables:
    """The tables of a report, each with a one-line caption, and notes on what was left out."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)


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
    try:
        links = pd.read_csv(links_path, keep_default_na=False, na_values=[""], dtype=str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{links_path} is not a readable links table: {message}") from None
    for column in ("src_ids", "tgt_ids", "tgt_text", "edit"):
        if column not in links.columns:
            raise InputError(f"{links_path} lacks the column {column}; is it a links.csv?")
    for column in ("align_score", "chrf", "bleu", "similarity", "bead"):
        if column in links.columns:
            links[column] = pd.to_numeric(links[column], errors="coerce")
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
    kept = [s for s in system_order if all(s in by_system for by_system in documents.values())]
    for system in system_order:
        if system not in kept:
            count = sum(system in by_system for by_system in documents.values())
            notes.append(
                f"MT {system}: runs on {count} of {len(documents)} pairs; left out so that "
                "every system is scored on the same segments"
            )
    references: list[str] = []
    hypotheses: dict[str, list[str]] = {system: [] for system in kept}
    for by_system in documents.values():
        if not kept:
            break
        tables = {}
        for system in kept:
            links = by_system[system].links
            aligned = links[aligned_bead_mask(links)]
            tables[system] = {
                (" ".join(map(str, parse_ids(s))), " ".join(map(str, parse_ids(t)))): row
                for s, t, (_, row) in zip(
                    aligned["src_ids"], aligned["tgt_ids"], aligned.iterrows(), strict=True
                )
            }
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


def report_tables(
    runs: Sequence[Run],
    *,
    which: Sequence[str] = tuple(TABLE_TITLES),
    test: TestType = "bs",
    n_samples: int = 0,
    per_label: int = 2,
    max_chars: int = 160,
) -> ReportTables:
    """The tables named in ``which`` (``systems``, ``edits``, ``examples``) for these runs.

    ``systems``: :func:`system_scores` / :func:`systems_table` over :func:`runs_segments`
    (absent, with a note, when no run has MT to score). ``edits``:
    :func:`edit_types_by_document`, one row per run. ``examples``: :func:`edit_examples`.
    """
    unknown = [name for name in which if name not in TABLE_TITLES]
    if unknown:
        raise InputError(f"unknown table(s) {', '.join(unknown)}; choose {', '.join(TABLE_TITLES)}")
    result = ReportTables()
    named = {run.name: run.links for run in runs}
    if "systems" in which:
        references, systems, notes = runs_segments(runs)
        result.notes["systems"] = notes
        if systems and references:
            scores = system_scores(references, systems, test=test, n_samples=n_samples)
            result.tables["systems"] = systems_table(scores)
            result.captions["systems"] = (
                f"Corpus scores of each MT system against the published English over "
                f"{len(references)} aligned beads; {describe_test(scores)}."
            )
            signatures = "; ".join(scores.attrs.get("signatures", {}).values())
            result.notes["systems"].append(f"sacrebleu signatures: {signatures}")
        else:
            result.notes["systems"].append("no systems x metrics table: nothing to score")
    if "edits" in which:
        result.tables["edits"] = edit_types_by_document(named)
        result.captions["edits"] = (
            "Beads per edit label and flag for each run; omitted_words are Arabic words in "
            "omission beads, added_words English words in addition beads."
        )
    if "examples" in which:
        result.tables["examples"] = edit_examples(
            named if len(runs) > 1 else runs[0].links, per_label=per_label, max_chars=max_chars
        )
        result.captions["examples"] = (
            f"Up to {per_label} beads of each edit label, in document order; texts cut to "
            f"{max_chars} characters."
        )
    return result


def _decimals(name: str) -> int:
    return 2 if name == "examples" else 3


def render_tables(report: ReportTables, fmt: TableFormat, runs: Sequence[Run] = ()) -> str:
    """All tables of ``report`` in one text: Markdown with headings, LaTeX tabulars with comment
    headers, or a self-contained HTML page (escaped, CSP). ``csv`` takes exactly one table."""
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    names = [name for name in TABLE_TITLES if name in report.tables or name in report.notes]
    if fmt == "csv":
        present = [name for name in names if name in report.tables]
        if len(present) != 1:
            raise InputError(
                "a CSV file holds one table: choose it with --table "
                f"({', '.join(TABLE_TITLES)})"
                + (f"; {'; '.join(report.notes.get(names[0], []))}" if not present else "")
            )
        return export_table(report.tables[present[0]], "csv")
    run_line = ", ".join(f"{run.name} (MT {run.system})" for run in runs)
    if fmt == "md":
        parts = ["# translate_eval report", ""]
        if run_line:
            parts += [f"Runs: {run_line}", ""]
        for name in names:
            parts += [f"## {TABLE_TITLES[name]}", ""]
            if name in report.captions:
                parts += [report.captions[name], ""]
            if name in report.tables:
                parts.append(
                    export_table(report.tables[name], "md", float_decimals=_decimals(name))
                )
            parts += [f"- {note}" for note in report.notes.get(name, [])]
            parts.append("")
        return "\n".join(parts).rstrip("\n") + "\n"
    if fmt == "latex":
        parts = ["% translate_eval report" + (f"; runs: {run_line}" if run_line else "")]
        for name in names:
            parts.append("")
            parts.append(f"% {TABLE_TITLES[name]}: {report.captions.get(name, '')}".rstrip())
            if name == "examples":
                parts.append("% Arabic cells need XeLaTeX or LuaLaTeX with an Arabic font.")
            parts += [f"% note: {note}" for note in report.notes.get(name, [])]
            if name in report.tables:
                text = export_table(report.tables[name], "latex", float_decimals=_decimals(name))
                parts.append(text.rstrip("\n"))
        return (
            "\n".join(line.replace("\n", " ") if line.startswith("%") else line for line in parts)
            + "\n"
        )
    return _html_page(report, names, run_line)


_HTML_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#212121}"
    "table{border-collapse:collapse;margin:.5rem 0}"
    "td,th{border:1px solid #ddd;padding:.2rem .45rem;vertical-align:top}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}"
    "p.caption{color:#424242}ul.notes{color:#616161;font-size:.9rem}"
)


def _html_page(report: ReportTables, names: Sequence[str], run_line: str) -> str:
    policy = f"default-src 'none'; style-src {_csp_hash(_HTML_STYLE)}; base-uri 'none'"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">',
        "<title>translate_eval report</title>",
        f"<style>{_HTML_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>translate_eval report</h1>",
    ]
    if run_line:
        parts.append(f'<p dir="auto">Runs: {html.escape(run_line)}</p>')
    for name in names:
        parts.append(f'<section id="{name}"><h2>{html.escape(TABLE_TITLES[name])}</h2>')
        if name in report.captions:
            parts.append(f'<p class="caption">{html.escape(report.captions[name])}</p>')
        if name in report.tables:
            parts.append(export_table(report.tables[name], "html", float_decimals=_decimals(name)))
        notes = report.notes.get(name, [])
        if notes:
            items = "".join(f'<li dir="auto">{html.escape(note)}</li>' for note in notes)
            parts.append(f'<ul class="notes">{items}</ul>')
        parts.append("</section>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def report_text(
    run_dirs: Sequence[str | os.PathLike[str]],
    fmt: TableFormat = "md",
    *,
    table: str = "all",
    test: TestType = "bs",
    n_samples: int = 0,
    per_label: int = 2,
    max_chars: int = 160,
) -> str:
    """What ``translate-eval report RUN_DIR... --format FMT [--table T]`` prints.

    ``table``: ``all`` (every table; not for ``csv``) or one of :data:`TABLE_TITLES`.
    Raises :class:`InputError` for a bad folder, format or table.
    """
    if table not in TABLE_CHOICES:
        raise InputError(f"unknown table {table!r}; choose one of {', '.join(TABLE_CHOICES)}")
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    if fmt == "csv" and table == "all":
        raise InputError(f"a CSV file holds one table: add --table {' or '.join(TABLE_TITLES)}")
    runs = load_runs(run_dirs)
    which = tuple(TABLE_TITLES) if table == "all" else (table,)
    report = report_tables(
        runs,
        which=which,
        test=test,
        n_samples=n_samples,
        per_label=per_label,
        max_chars=max_chars,
    )
    return render_tables(report, fmt, runs)
