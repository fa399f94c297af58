"""File I/O at the edges: decoding untrusted text files, atomic writes, safe output paths."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from translate_eval.errors import InputError

#: Inputs larger than this are refused (a news article is a few KB; a book is a few MB).
MAX_INPUT_BYTES = 200 * 1024 * 1024


#: A file that fails to decode as UTF-8 is still read as UTF-8 (bad bytes replaced by U+FFFD,
#: with a warning) when it is mostly valid UTF-8 (:data:`MIN_VALID_PER_BAD` valid non-ASCII
#: characters per bad sequence) and its bad sequences are at most this share of its valid
#: non-ASCII characters (or 2, what a character cut by ``head -c`` makes): damage, not a legacy
#: encoding, where nearly every Arabic letter is a bad sequence.
MAX_DAMAGED_SHARE = 0.005
#: Valid non-ASCII characters per bad sequence above which bytes are UTF-8 (damaged or not):
#: Windows-1256 Arabic read as UTF-8 gives far more bad sequences than valid characters.
MIN_VALID_PER_BAD = 3
#: A Windows-1256 reading with at least this many non-ASCII characters is checked for mojibake.
MIN_MOJIBAKE_EVIDENCE = 20

_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: The kinds of file that are not regular files, named for error messages.
_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)
#: Marks that text rarely holds but UTF-8 read as Windows-1256 often gives (with symbols).
_ODD_MARKS = frozenset("\u00a7\u00b6\u2020\u2021\u2030\u02c6")


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was decoded (``utf-8``, ``utf-8-sig``, ``utf-16-le``,
    ``utf-16-be``, ``cp1256``); ``replaced``: bad byte sequences of a damaged UTF-8 file, each
    now U+FFFD."""

    text: str
    encoding: str
    path: str
    replaced: int = 0


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, in words ("a FIFO", "a character device"; "a regular file")."""
    for test, name in _FILE_KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.10 * max(1, len(head))


def _check_regular(mode: int, file_path: Path, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{what} {file_path} is a directory, expected a text file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{what} {file_path} is not a regular file ({file_kind(mode)})")


def read_input_bytes(path: str | os.PathLike[str], what: str = "input") -> bytes:
    """The bytes of a regular file, or a one-line :class:`InputError` (missing, a folder, a
    device, FIFO or socket, too large, unreadable). The type is checked before opening and on
    the open descriptor (opened non-blocking, so a FIFO swapped in cannot hang), and at most
    ``MAX_INPUT_BYTES + 1`` bytes are read whatever ``st_size`` says."""
    file_path = Path(path)
    try:
        _check_regular(os.stat(file_path).st_mode, file_path, what)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(file_path, flags)
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            _check_regular(status.st_mode, file_path, what)
            if status.st_size > MAX_INPUT_BYTES:
                raise InputError(
                    f"{what} {file_path} is {status.st_size} bytes; the limit is {MAX_INPUT_BYTES}"
                )
            data = stream.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{what} {file_path} does not exist") from None
    except PermissionError:
        raise InputError(f"{what} {file_path} is not readable (permission denied)") from None
    except OSError as error:
        raise InputError(f"{what} {file_path} cannot be read: {error.strerror}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{what} {file_path} is over {MAX_INPUT_BYTES} bytes, the limit")
    return data


def _utf8_counts(text: str, data: bytes) -> tuple[int, int]:
    """``(bad, valid)``: bad byte sequences (U+FFFD added by decoding) and valid non-ASCII
    characters of ``text``, ``data`` decoded as UTF-8 with replacement. O(n)."""
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in text if ord(char) > 127) - text.count("\ufffd")
    return bad, valid


def _is_mojibake(text: str) -> bool:
    """True when ``text`` (a Windows-1256 reading) is mostly symbols, or mostly the letters
    ط and ظ (the first bytes of UTF-8 Arabic letters): not text in that encoding. Typographic quotes
    and dashes (Windows-1252 English) count as text. O(n)."""
    non_ascii = [char for char in text if ord(char) > 127]
    if len(non_ascii) < MIN_MOJIBAKE_EVIDENCE:
        return False
    symbols = sum(
        1 for char in non_ascii if char in _ODD_MARKS or unicodedata.category(char)[0] in "SC"
    )
    lead_letters = sum(1 for char in non_ascii if char in "\u0637\u0638")
    return symbols > 0.3 * len(non_ascii) or lead_letters > 0.25 * len(non_ascii)


def _decode_utf16(data: bytes, file_path: Path, what: str) -> tuple[str, str] | None:
    """``(text, encoding)`` for data with a UTF-16 byte-order mark, else None."""
    if data.startswith(b"\xff\xfe\x00\x00"):  # UTF-32 LE: left to the binary check
        return None
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(
                    f"{what} {file_path} starts like UTF-16 but is damaged; convert it to UTF-8"
                ) from None
    return None


def _decode(data: bytes, file_path: Path, what: str) -> tuple[str, str, int]:
    """``(text, encoding, replaced)``: UTF-8 (BOM allowed), UTF-8 with a few damaged bytes
    replaced, or Windows-1256; a one-line :class:`InputError` for damaged UTF-8 with many bad
    bytes, or bytes that Windows-1256 turns into mojibake. O(n)."""
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding, 0
    except UnicodeDecodeError:
        pass
    replaced = data.decode(encoding, errors="replace")
    bad, valid = _utf8_counts(replaced, data)
    if valid >= MIN_VALID_PER_BAD * bad:  # mostly valid UTF-8
        if bad <= max(2.0, MAX_DAMAGED_SHARE * valid):
            return replaced, encoding, bad
        raise InputError(
            f"{what} {file_path} is damaged UTF-8 ({bad} bad bytes among {valid} valid "
            "characters); repair it or save it again as UTF-8"
        )
    text = data.decode("cp1256", errors="replace")
    if _is_mojibake(text):
        raise InputError(
            f"{what} {file_path} is damaged UTF-8 ({bad} bad bytes) and not Windows-1256 text "
            "either (it reads as symbols); repair it or save it again as UTF-8"
        )
    return text, "cp1256", 0


def read_text_file(path: str | os.PathLike[str], *, what: str = "input") -> DecodedText:
    """Read a UTF-8 (BOM allowed), UTF-16 (with a BOM) or Windows-1256 text file; raise
    :class:`InputError` in one line for a missing, unreadable, non-regular, empty, binary or
    undecodable file. ``\\r\\n`` becomes ``\\n``."""
    file_path = Path(path)
    data = read_input_bytes(file_path, what)
    if not data.strip():
        raise InputError(f"{what} {file_path} is empty")
    utf16 = _decode_utf16(data, file_path, what)
    if utf16 is not None:
        (text, encoding), replaced = utf16, 0
        if _looks_binary(text.encode("utf-8")):
            raise InputError(f"{what} {file_path} looks like a binary file, not text")
    else:
        if _looks_binary(data):
            raise InputError(f"{what} {file_path} looks like a binary file, not text")
        text, encoding, replaced = _decode(data, file_path, what)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{what} {file_path} contains only whitespace")
    return DecodedText(text=text, encoding=encoding, path=str(file_path), replaced=replaced)


def ensure_output_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` if needed and check it is a writable directory (one-line error if not;
    an empty name is one, not the current folder)."""
    if not os.fspath(path).strip():
        raise InputError("the output folder name is empty; name a folder, such as runs/x")
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
    """Delete the temporary files that :func:`atomic_writer` (and the staging folders that
    :func:`temp_dir_name` names) left in ``directory`` when their process was killed (SIGKILL,
    power loss): entries named like ours whose writing process no longer runs. Returns the
    paths removed. O(entries in the directory)."""
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
            elif entry.is_dir(follow_symlinks=False):  # a staging folder of a run's outputs
                shutil.rmtree(entry.path)
                removed.append(Path(entry.path))
    return removed


def sweep_once(directory: Path) -> None:
    """:func:`remove_stale_temp_files` for ``directory``, at most once per process."""
    key = os.path.abspath(directory)
    if key not in _SWEPT:
        _SWEPT.add(key)
        remove_stale_temp_files(directory)


def new_file_mode(target: Path) -> int:
    """The mode ``target`` keeps if it exists, else what ``open()`` would give (0o666 - umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_special_target(target: Path) -> None:
    """A one-line :class:`InputError` when ``target`` (or what its symlink points to) exists and
    is not a regular file: a rename would put a file where a device, FIFO or socket was."""
    try:
        mode = os.stat(target).st_mode
    except OSError:  # missing (or a dangling link): a new file is written
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"cannot write {target}: it is a directory")
    if not stat.S_ISREG(mode):
        raise InputError(f"cannot write {target}: it is {file_kind(mode)}, not a regular file")


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w") -> Iterator:
    """Open a temporary file beside ``path``; on success rename it over ``path``, else delete it.

    Readers never see a half-written file. A SIGKILL can leave the temporary file, named
    ``.NAME.tePID-RANDOM.tmp`` (hidden, and never the output's own name); the next write into
    that directory by any later run removes it (:func:`remove_stale_temp_files`). The result
    gets the permissions a plain ``open()`` would give (or those of the file it replaces). A
    ``path`` that exists and is not a regular file (a device, FIFO, socket, folder) is refused.
    """
    target = Path(path)
    refuse_special_target(target)
    directory = target.parent if str(target.parent) else Path(".")
    sweep_once(directory)
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
        os.chmod(temp_name, new_file_mode(target))
        os.replace(temp_name, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        problem = write_error(error, target)
        if problem is not None:
            raise problem from None
        raise


def write_error(error: BaseException, target: Path) -> InputError | None:
    """The one-line :class:`InputError` for an error that is the machine's state (a full disk,
    a read-only file system, a folder in the way) while writing ``target``, else None."""
    if isinstance(error, IsADirectoryError):
        return InputError(f"cannot write {target}: it is a directory")
    if isinstance(error, OSError) and error.errno in _DISK_ERRNOS:
        return InputError(f"cannot write {target}: {error.strerror}")
    return None


def temp_dir_name(name: str) -> str:
    """The name of a staging folder for ``name`` written by this process,
    ``.NAME.tePID-RANDOM.tmp``: what :func:`remove_stale_temp_files` removes once its process
    is gone."""
    return f".{name}.te{os.getpid()}-{os.urandom(6).hex()}.tmp"


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_writer(path) as stream:
        stream.write(text)


_UNSAFE_NAME_RE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, fallback: str = "item") -> str:
    """A file-name-safe slug of ``name``: no separators, no ``..``, never empty."""
    slug = _UNSAFE_NAME_RE.sub("_", name).strip("._")[:100]
    return slug or fallback


_UNSAFE_OUTPUT_RE = re.compile(r"[^\w.-]+")


def safe_output_name(name: str, fallback: str = "pair") -> str:
    """``name`` as one safe path component for a default output folder: runs of characters
    other than letters, digits (any script), ``.``, ``_`` and ``-`` become ``_`` (a separator,
    a lone surrogate, a space); a result that is empty or only dots and underscores (``.``,
    ``..``) is ``fallback``. A safe name is kept as it is. O(len(name))."""
    slug = _UNSAFE_OUTPUT_RE.sub("_", name)[:100]
    return fallback if not slug.strip("._") else slug


def child_path(directory: Path, name: str) -> Path:
    """``directory / safe_name(name)``, guaranteed to stay inside ``directory``."""
    candidate = (directory / safe_name(name)).resolve()
    if candidate.parent != directory.resolve():
        raise InputError(f"refusing path {name!r}: it would leave {directory}")
    return candidate


#: Where the MT cache lives unless ``TRANSLATE_EVAL_CACHE`` or an explicit path says otherwise;
#: the embedding cache and the derived lexicon tables live in the same folder.
DEFAULT_CACHE = Path.home() / ".cache" / "translate_eval" / "mt-cache.sqlite"


def default_cache_path() -> Path:
    """``$TRANSLATE_EVAL_CACHE`` if set, else ``~/.cache/translate_eval/mt-cache.sqlite``."""
    return Path(os.environ.get("TRANSLATE_EVAL_CACHE", DEFAULT_CACHE))
