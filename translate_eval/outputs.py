"""Writing comparisons into run folders: links.csv, summary.csv, report.html, signature.json,
and, for several MT systems, one folder per further system and systems.csv."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Protocol

import pandas as pd

from translate_eval.files import ensure_output_dir, write_text_atomic
from translate_eval.links import UNTRUSTED_TEXT_COLUMNS, csv_safe, ids_as_text
from translate_eval.report.render import report_text

#: Sub-folder of a compare output folder that holds the runs of the second and later MT systems.
SYSTEMS_DIR = "mt"


class WritableRun(Protocol):
    """What :func:`write_comparisons` needs of a :class:`~translate_eval.pipeline.Comparison`."""

    def write(self, out_dir: str | os.PathLike[str]) -> dict[str, Path]: ...


def write_run_files(
    out_dir: str | os.PathLike[str],
    links: pd.DataFrame,
    summary: pd.DataFrame,
    report_html: str,
    signature: Mapping[str, str],
) -> dict[str, Path]:
    """Write links.csv, summary.csv, report.html and signature.json into ``out_dir`` (made if
    needed) and return their paths (``links``, ``summary``, ``report``, ``signature``). Each
    file is written to a temporary name and renamed, so none is ever half-written."""
    directory = ensure_output_dir(out_dir)
    paths = {
        "links": directory / "links.csv",
        "summary": directory / "summary.csv",
        "report": directory / "report.html",
        "signature": directory / "signature.json",
    }
    safe_links = csv_safe(ids_as_text(links), UNTRUSTED_TEXT_COLUMNS)
    write_text_atomic(paths["links"], safe_links.to_csv(index=False))
    write_text_atomic(paths["summary"], summary.to_csv())
    write_text_atomic(paths["report"], report_html)
    write_text_atomic(paths["signature"], json.dumps(dict(signature), indent=2) + "\n")
    return paths


def system_folder_name(number: int, spec: str) -> str:
    """A safe folder name for MT system ``number`` (1-based) given as ``spec``:
    ``2-file-mt.txt``, ``3-hf-opus-mt-ar-en``. Letters, digits, ``.``, ``_`` and ``-`` only,
    so a spec can never make a path leave the output folder. O(len(spec))."""
    kind, _, argument = spec.strip().partition(":")
    label = "-".join(part for part in (kind, PurePath(argument).name if argument else "") if part)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.")[:60]
    return f"{number}-{safe or 'mt'}"


def write_comparisons(
    results: Sequence[WritableRun], specs: Sequence[str], out_dir: str | os.PathLike[str]
) -> dict[str, Path]:
    """Write one comparison per MT system: the first into ``out_dir`` (:meth:`Comparison.write`)
    and each further one into ``out_dir/mt/N-NAME/``. With two systems or more, also
    ``systems.csv``: each system's corpus chrF, BLEU and TER against the published English on
    the beads every system aligned alike, with sacreBLEU's paired bootstrap test against the
    first system (what ``translate-eval report`` prints for these folders). Returns the paths
    written: ``links``, ``report``, ... of the first system, ``systems``, and each further
    system's folder under its name relative to ``out_dir`` (``mt/2-file-mt.txt``). Folders
    that an earlier run with more systems left under ``mt/`` are not deleted; ``systems.csv``
    covers this run's systems only."""
    if len(results) != len(specs) or not results:
        raise ValueError("one comparison per MT spec, at least one")
    out = Path(out_dir)
    paths: dict[str, Path] = dict(results[0].write(out))
    runs = [out]
    for number, (spec, result) in enumerate(zip(specs[1:], results[1:], strict=True), start=2):
        name = f"{SYSTEMS_DIR}/{system_folder_name(number, spec)}"
        result.write(out / name)
        paths[name] = out / name
        runs.append(out / name)
    if len(runs) > 1:
        paths["systems"] = out / "systems.csv"
        write_text_atomic(paths["systems"], report_text(runs, "csv", table="systems"))
    return paths
