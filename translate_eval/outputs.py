"""Writing comparisons into run folders as one consistent set: links.csv, summary.csv,
report.html, signature.json, per further MT system a folder and systems.csv, manifest.json last."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Protocol

import pandas as pd

from translate_eval.errors import InputError
from translate_eval.files import (
    ensure_output_dir,
    new_file_mode,
    refuse_special_target,
    sweep_once,
    temp_dir_name,
    write_error,
    write_text_atomic,
)
from translate_eval.links import UNTRUSTED_TEXT_COLUMNS, csv_safe, ids_as_text
from translate_eval.report.render import report_text
from translate_eval.text.clean import escape_surrogates

#: Sub-folder of a compare output folder that holds the runs of the second and later MT systems.
SYSTEMS_DIR = "mt"
#: Written last into each run folder: the run's files, their SHA-256 and the signature's short
#: line. A folder without it, or whose files do not match it, holds no complete run.
MANIFEST = "manifest.json"
#: The files of one run folder, by the key :func:`write_comparisons` returns them under.
RUN_FILES = {
    "links": "links.csv",
    "summary": "summary.csv",
    "report": "report.html",
    "signature": "signature.json",
}


class WritableRun(Protocol):
    """What :func:`write_comparisons` needs of a :class:`~translate_eval.pipeline.Comparison`."""

    def output_files(self) -> dict[str, str]: ...

    def output_signature(self) -> str: ...


def run_file_texts(
    links: pd.DataFrame,
    summary: pd.DataFrame,
    report_html: str,
    signature: Mapping[str, str],
) -> dict[str, str]:
    """The text of each file of a run folder, by file name (links.csv, summary.csv, report.html,
    signature.json), as :func:`write_comparisons` writes them."""
    safe_links = csv_safe(ids_as_text(links), UNTRUSTED_TEXT_COLUMNS)
    return {
        RUN_FILES["links"]: safe_links.to_csv(index=False),
        RUN_FILES["summary"]: summary.to_csv(),
        RUN_FILES["report"]: report_html,
        RUN_FILES["signature"]: json.dumps(dict(signature), indent=2) + "\n",
    }


def manifest_text(files: Mapping[str, bytes], signature_line: str) -> str:
    """manifest.json for ``files`` (path relative to the run folder -> content): the short
    signature line and each file's SHA-256, sorted by path, so equal runs give equal manifests.
    O(total size)."""
    digests = {name: hashlib.sha256(files[name]).hexdigest() for name in sorted(files)}
    return json.dumps({"signature": signature_line, "files": digests}, indent=2) + "\n"


def run_folder_warnings(
    folder: str | os.PathLike[str], names: Sequence[str] = ("links.csv", "signature.json")
) -> list[str]:
    """What a reader of the files ``names`` of the run folder ``folder`` should be told: that
    it has no manifest.json (the run did not finish, or predates manifests), or that some of
    those files differ from their SHA-256 in it (changed since the run). O(size of the files)."""
    manifest = Path(folder) / MANIFEST
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        return [
            f"{folder} has no {MANIFEST}: the run may not have finished (or predates "
            "manifests), so its files may not belong together"
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return [f"{manifest} is not a manifest written by compare; the files were not checked"]
    changed = [
        name
        for name in names
        if (Path(folder) / name).is_file()
        and hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest() != listed.get(name)
    ]
    if not changed:
        return []
    return [f"{', '.join(changed)} in {folder} changed since the run wrote them ({MANIFEST})"]


def _utf8(text: str) -> bytes:
    """``text`` in UTF-8, a lone surrogate (from a file name that is not UTF-8, quoted in a
    warning) written as ``\\udce9``: the same bytes for any other text. O(len(text))."""
    return text.encode("utf-8", "backslashreplace")


def _stage(staging: Path, out: Path, files: Mapping[str, bytes]) -> None:
    """Write each of ``files`` (relative path -> bytes) under ``staging``, flushed to disk;
    an error that is the machine's state is one line naming the file's place under ``out``."""
    for name, data in files.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as error:
            problem = write_error(error, out / name)
            if problem is not None:
                raise problem from None
            raise


def _move_in(staging: Path, out: Path, names: Sequence[str]) -> None:
    """Rename each staged file over its place under ``out`` (a rename needs no space), keeping
    the mode of a file it replaces. O(len(names))."""
    for name in names:
        target = out / name
        ensure_output_dir(target.parent)
        os.chmod(staging / name, new_file_mode(target))
        os.replace(staging / name, target)


def _recorded_files(out: Path) -> dict[str, str]:
    """The files (relative path -> SHA-256) that the manifest.json of ``out`` lists: those the
    previous set written there holds; none when it has no readable manifest. O(files)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): str(v) for k, v in listed.items()} if isinstance(listed, dict) else {}


def _remove_stale(out: Path, recorded: Mapping[str, str], kept: set[str]) -> None:
    """Remove each file the previous set recorded (``recorded``) that the new set (``kept``)
    does not hold, while its SHA-256 is still the recorded one (a file changed since, or not
    the toolkit's, stays), then the manifest.json of each sub-folder it removed files from,
    and folders so emptied. Names that lead out of ``out`` are ignored. O(size of those files)."""
    folders, root = set(), out.resolve()
    for name, digest in recorded.items():
        path = out / name
        if name in kept or not path.is_file() or path.is_symlink():
            continue
        if not path.resolve().is_relative_to(root):  # ../, an absolute path, a linked folder
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            path.unlink()
            folders.add(path.parent)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        if folder != out:  # it listed files now gone: that folder holds no run any more
            with contextlib.suppress(FileNotFoundError):
                (folder / MANIFEST).unlink()
        for empty in (folder, *folder.parents):
            if empty == out or not empty.is_relative_to(out):
                break
            try:
                empty.rmdir()
            except OSError:
                break


def write_file_set(
    out_dir: str | os.PathLike[str],
    runs: Mapping[str, tuple[Mapping[str, str], str]],
    after: Sequence[tuple[str, Callable[[], str]]] = (),
) -> Path:
    """Write run folders as one set into ``out_dir``: ``runs`` maps each run folder (relative
    to ``out_dir``, ``""`` for ``out_dir`` itself) to its files (name -> text) and signature
    line; ``after`` (path -> a function making its text) are files made once the runs are in
    place (systems.csv).

    Every file is first written into a staging folder inside ``out_dir`` (hidden,
    ``.run.tePID-RANDOM.tmp``): a failure there (a full disk) changes nothing, and the
    previous run stays complete. Then each run folder's stale manifest.json is removed, the
    files are renamed into place, and each run's manifest.json is written, ``out_dir``'s last
    (listing every file of the set). Last, the files the previous set's manifest listed that
    this set does not hold are removed while unchanged (``systems.csv`` of an earlier run with
    more systems, its ``mt/N-NAME/`` folders); anything else stays. A folder without
    manifest.json, or whose files differ from it, holds no complete run. Returns ``out_dir``.
    O(total size)."""
    out = ensure_output_dir(out_dir)
    sweep_once(out)
    encoded = {
        folder: {name: _utf8(text) for name, text in files.items()}
        for folder, (files, _) in runs.items()
    }
    every = {str(PurePath(f, n)): data for f, files in encoded.items() for n, data in files.items()}
    for name in every:
        refuse_special_target(out / name)
    recorded = _recorded_files(out)  # the previous set's files, removed once replaced
    staging = out / temp_dir_name("run")
    try:
        staging.mkdir()
    except OSError as error:
        raise write_error(error, staging) or error from None
    try:
        _stage(staging, out, every)
        for folder in runs:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(out / folder / MANIFEST)
        _move_in(staging, out, list(every))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name, make_text in after:
        text = escape_surrogates(make_text())
        write_text_atomic(out / name, text)
        every[name] = _utf8(text)
    _remove_stale(out, recorded, set(every))
    for folder in sorted(runs, key=lambda f: (f == "", f)):
        signature_line = runs[folder][1]
        listed = every if folder == "" else encoded[folder]
        write_text_atomic(out / folder / MANIFEST, manifest_text(listed, signature_line))
    return out


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, once it is known that a file can be written there: a one-line
    :class:`~translate_eval.errors.InputError` now, before a long run makes what it would hold,
    when its folder is missing, is not a folder or is not writable, or when ``path`` is a folder,
    FIFO or device. The write itself stays atomic (:func:`~translate_eval.files.atomic_writer`).
    O(1)."""
    target = Path(path)
    refuse_special_target(target)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        problem = "is not a directory" if os.path.exists(directory) else "does not exist"
        raise InputError(f"cannot write {target}: {directory} {problem}")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InputError(f"cannot write {target}: directory {directory} is not writable")
    return target


@contextlib.contextmanager
def output_dir_for_run(path: str | os.PathLike[str]) -> Iterator[Path]:
    """:func:`~translate_eval.files.ensure_output_dir` for a run that may still fail: the
    folders it creates (``path`` and its missing parents) are removed again, deepest first and
    only while empty, when the run raises (a user error, Ctrl-C), so a failed run leaves no
    empty folder behind; a folder that was there stays. O(depth of ``path``)."""
    directory = Path(path)
    missing = [folder for folder in (directory, *directory.parents) if not os.path.exists(folder)]
    ensure_output_dir(directory)
    try:
        yield directory
    except BaseException:
        for folder in missing:
            try:
                folder.rmdir()
            except OSError:  # not empty (or not ours to remove): keep it and its parents
                break
        raise


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
    """Write one comparison per MT system, as one set (:func:`write_file_set`): the first into
    ``out_dir`` and each further one into ``out_dir/mt/N-NAME/``. With two systems or more,
    also ``systems.csv``: each system's corpus chrF, BLEU and TER against the published English
    on the beads every system aligned alike, with sacreBLEU's paired bootstrap test against the
    first system (what ``translate-eval report`` prints for these folders). Returns the paths
    written: ``links``, ``report``, ... of the first system, ``systems``, ``manifest``, and
    each further system's folder under its name relative to ``out_dir``
    (``mt/2-file-mt.txt``). What an earlier run with more systems wrote (``systems.csv``, its
    ``mt/N-NAME/`` folders) and this run does not replace is removed, but for files changed
    since or not listed in its manifest (:func:`write_file_set`)."""
    if len(results) != len(specs) or not results:
        raise ValueError("one comparison per MT spec, at least one")
    out = Path(out_dir)
    folders = [""] + [
        f"{SYSTEMS_DIR}/{system_folder_name(number, spec)}"
        for number, spec in enumerate(specs[1:], start=2)
    ]
    runs = {
        folder: (result.output_files(), result.output_signature())
        for folder, result in zip(folders, results, strict=True)
    }
    run_dirs = [out / folder for folder in folders]
    # systems.csv reads the run folders, so it is made once they are in place
    after = [("systems.csv", lambda: report_text(run_dirs, "csv", table="systems"))]
    write_file_set(out, runs, after if len(folders) > 1 else ())
    paths = {key: out / name for key, name in {**RUN_FILES, "manifest": MANIFEST}.items()}
    paths.update({folder: out / folder for folder in folders[1:]})
    if len(folders) > 1:
        paths["systems"] = out / "systems.csv"
    return paths
