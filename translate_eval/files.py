"""File I/O at the edges: decoding untrusted text files, atomic writes, safe output paths."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from translate_eval.errors import InputError

#: Inputs larger than this are refused (a news article is a few KB; a book is a few MB).
MAX_INPUT_BYTES = 200 * 1024 * 1024


#: A file that fails to decode as UTF-8 is still read as UTF-8 (bad bytes replaced by U+FFFD,
#: with a warning) when its bad sequences are at most this share of its non-ASCII characters
#: (or 2, what one damaged byte makes): a character cut by ``head -c`` or a damaged byte, not
#: a legacy encoding, where nearly every Arabic letter is a bad sequence.
MAX_DAMAGED_SHARE = 0.005
#: ... and when it holds at least this many valid non-ASCII characters (else the old rule:
#: an English file with one Windows-1252 quote is read as Windows-1256, where it is the same).
MIN_UTF8_EVIDENCE = 100


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was decoded (``utf-8``, ``utf-8-sig``, ``cp1256``);
    ``replaced``: bad byte sequences of a damaged UTF-8 file, each now U+FFFD."""

    text: str
    encoding: str
    path: str
    replaced: int = 0


def _damaged_utf8(data: bytes, encoding: str) -> tuple[str, int] | None:
    """``data`` decoded as UTF-8 with its few bad sequences replaced, and their number; None
    when there are too many for a damaged UTF-8 file (see :data:`MAX_DAMAGED_SHARE`). O(n)."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    if non_ascii < MIN_UTF8_EVIDENCE:  # too little valid UTF-8 to tell (a cp1252 quote)
        return None
    return (text, bad) if 0 < bad <= max(2.0, MAX_DAMAGED_SHARE * non_ascii) else None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.10 * max(1, len(head))


def _read_bytes(file_path: Path, what: str) -> bytes:
    """The bytes of a regular file, or a one-line :class:`InputError` (missing, a folder,
    too large, unreadable)."""
    try:
        if file_path.is_dir():
            raise InputError(f"{what} {file_path} is a directory, expected a text file")
        size = file_path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{what} {file_path} is {size} bytes; the limit is {MAX_INPUT_BYTES}")
        return file_path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {file_path} does not exist") from None
    except PermissionError:
        raise InputError(f"{what} {file_path} is not readable (permission denied)") from None
    except OSError as error:
        raise InputError(f"{what} {file_path} cannot be read: {error.strerror}") from None


def _decode(data: bytes, file_path: Path, what: str) -> tuple[str, str, int]:
    """``(text, encoding, replaced)``: UTF-8 (BOM allowed), UTF-8 with a few damaged bytes
    replaced, or Windows-1256; a one-line :class:`InputError` when it is none of them."""
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding, 0
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data, encoding)
    if damaged is not None:
        return damaged[0], encoding, damaged[1]
    try:
        return data.decode("cp1256"), "cp1256", 0
    except UnicodeDecodeError:
        raise InputError(
            f"{what} {file_path} is neither UTF-8 nor Windows-1256 text; convert it to UTF-8"
        ) from None


def read_text_file(path: str | os.PathLike[str], *, what: str = "input") -> DecodedText:
    """Read a UTF-8 (BOM allowed) or Windows-1256 text file; raise :class:`InputError` in one line
    for a missing, unreadable, empty, binary or undecodable file. ``\\r\\n`` becomes ``\\n``."""
    file_path = Path(path)
    data = _read_bytes(file_path, what)
    if not data.strip():
        raise InputError(f"{what} {file_path} is empty")
    if _looks_binary(data):
        raise InputError(f"{what} {file_path} looks like a binary file, not text")
    text, encoding, replaced = _decode(data, file_path, what)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{what} {file_path} contains only whitespace")
    return DecodedText(text=text, encoding=encoding, path=str(file_path), replaced=replaced)


def ensure_output_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` if needed and check it is a writable directory (one-line error if not)."""
    directory = Path(path)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"output {directory} exists and is not a directory") from None
    except OSError as error:
        raise InputError(f"cannot create output directory {directory}: {error.strerror}") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise InputError(f"output directory {directory} is not writable")
    return directory


#: Temporary files of :func:`atomic_writer` are named ``.NAME.tePID-RANDOM.tmp`` beside NAME:
#: hidden, recognisable, and tied to the process that writes them.
_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.te(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp$")
_SWEPT: set[str] = set()
#: Write errors that are the machine's state, not a bug: reported in one line.
_DISK_ERRNOS = {
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EROFS,
    errno.EFBIG,
    errno.EIO,
    errno.EACCES,
    errno.EPERM,
}


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, owned by someone else
        return True
    return True


def remove_stale_temp_files(directory: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporary files that :func:`atomic_writer` left in ``directory`` when its
    process was killed (SIGKILL, power loss): files named like ours whose writing process no
    longer runs. Returns the paths removed. O(entries in the directory)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match is None or _process_alive(int(match.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _sweep_once(directory: Path) -> None:
    """:func:`remove_stale_temp_files` for ``directory``, at most once per process."""
    key = os.path.abspath(directory)
    if key not in _SWEPT:
        _SWEPT.add(key)
        remove_stale_temp_files(directory)


def _new_file_mode(target: Path) -> int:
    """The mode ``target`` keeps if it exists, else what ``open()`` would give (0o666 - umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator:
    """Open a temporary file beside ``path``; on success rename it over ``path``, else delete it.

    Readers never see a half-written file. A SIGKILL can leave the temporary file, named
    ``.NAME.tePID-RANDOM.tmp`` (hidden, and never the output's own name); the next write into
    that directory by any later run removes it (:func:`remove_stale_temp_files`). The result
    gets the permissions a plain ``open()`` would give (or those of the file it replaces).
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    _sweep_once(directory)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.te{os.getpid()}-", suffix=".tmp", dir=directory
        )
    except FileNotFoundError:
        raise InputError(
            f"cannot write {target}: directory {target.parent} does not exist"
        ) from None
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror}") from None
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, _new_file_mode(target))
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        if isinstance(error, IsADirectoryError):
            raise InputError(f"cannot write {target}: it is a directory") from None
        if isinstance(error, OSError) and error.errno in _DISK_ERRNOS:
            raise InputError(f"cannot write {target}: {error.strerror}") from None
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_writer(path) as stream:
        stream.write(text)


_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, fallback: str = "item") -> str:
    """A file-name-safe slug of ``name``: no separators, no ``..``, never empty."""
    slug = _UNSAFE_NAME_RE.sub("_", name).strip("._")[:100]
    return slug or fallback


def child_path(directory: Path, name: str) -> Path:
    """``directory / safe_name(name)``, guaranteed to stay inside ``directory``."""
    candidate = (directory / safe_name(name)).resolve()
    if candidate.parent != directory.resolve():
        raise InputError(f"refusing path {name!r}: it would leave {directory}")
    return candidate
