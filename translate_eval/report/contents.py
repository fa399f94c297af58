"""The contents of a ``translate-eval report``: which tables it holds, built from loaded runs,
each with a caption and notes on what was left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from translate_eval.errors import InputError
from translate_eval.report.edits import edit_examples, edit_types_by_document
from translate_eval.report.runs import Run, runs_segments
from translate_eval.report.systems import TestType, describe_test, system_scores, systems_table

#: Table names of :func:`report_tables`, in report order, with their headings.
TABLE_TITLES: dict[str, str] = {
    "systems": "Systems x metrics",
    "edits": "Documents x edit types",
    "examples": "Edit examples",
}
TABLE_CHOICES: tuple[str, ...] = ("all", *TABLE_TITLES)


@dataclass
class ReportTables:
    """The tables of a report, each with a one-line caption, and notes on what was left out."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)


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
