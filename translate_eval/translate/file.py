"""The `file:PATH` MT backend: translations made elsewhere, one UTF-8 line per source sentence."""

from __future__ import annotations

import hashlib
from pathlib import Path

from translate_eval.errors import InputError, TranslateEvalError
from translate_eval.files import read_input_bytes


def parse_translation_lines(data: bytes, label: str) -> list[str]:
    """Lines of a translation file: UTF-8 (a BOM is dropped), ``\\n`` or ``\\r\\n`` endings,
    inner empty lines kept as empty translations, trailing empty lines dropped. O(len(data))."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{label} is not UTF-8 text (bad byte at offset {error.start}); save it as UTF-8"
        ) from None
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


class FileTranslator:
    """Reads the file once, at construction (a regular file only, at most
    :data:`~translate_eval.files.MAX_INPUT_BYTES`); ``translate`` only checks the count."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        label = f"file:{path}"
        if self.path.is_dir():
            raise InputError(f"{label} is a folder; give a text file with one line per sentence")
        if not self.path.exists():
            raise InputError(f"{label} does not exist; give a text file with one line per sentence")
        data = read_input_bytes(self.path, what=label)
        self.lines = parse_translation_lines(data, label)
        digest = hashlib.sha256(data).hexdigest()[:12]
        self.signature = f"file:{self.path.name}|sha256={digest}"

    def translate(self, sentences: list[str]) -> list[str]:
        """The file's lines, one per sentence; InputError when the counts differ."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        if len(self.lines) != len(sentences):
            raise InputError(
                f"file:{self.path.name} has {len(self.lines)} lines "
                f"but the source has {len(sentences)} sentences"
            )
        return list(self.lines)
