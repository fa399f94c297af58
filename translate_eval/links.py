"""The links.csv schema: edit labels, flag names, columns, and the one reader and writer of
its cells.

A links table has one row per bead. Sentence ids travel as text such as ``"3 4"`` and flags as
``"moved;names_differ"``; :func:`parse_ids` / :func:`format_ids` and :func:`parse_flags` /
:func:`format_flags` are the only translations between that text and Python values.
:func:`csv_safe` neutralises text cells a spreadsheet would run as a formula, before any CSV
is written from a table.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from translate_eval.errors import InputError

#: ``edit`` values: kept first, then whole sentences dropped or added, then changes of shape,
#: then partial changes, then changed meaning.
EDIT_LABELS: tuple[str, ...] = (
    "faithful",
    "paraphrase",
    "omission",
    "addition",
    "merge",
    "split",
    "partial_omission",
    "partial_addition",
    "changed",
)

#: ``flags`` values, in the order they are joined with ``;``: DESIGN.md's four, then two
#: extensions: attribution (a claim attributed to sources on one side only) and hedging (hedged
#: on one side only, or a number qualified differently: "more than 40" vs "40").
FLAG_NAMES: tuple[str, ...] = (
    "numbers_differ",
    "names_differ",
    "negation_differs",
    "moved",
    "attribution_differs",
    "hedging_differs",
)

#: links.csv columns, in order (DESIGN.md's contract first, then extras).
LINK_COLUMNS: tuple[str, ...] = (
    "bead",
    "src_ids",
    "tgt_ids",
    "link",
    "src_text",
    "tgt_text",
    "mt_text",
    "align_score",
    "chrf",
    "bleu",
    "similarity",
    "length_ratio",
    "edit",
    "flags",
    "translation_p",
)
#: Columns holding sentence ids (:func:`parse_ids`).
ID_COLUMNS: tuple[str, ...] = ("src_ids", "tgt_ids")
#: Columns :func:`read_links` reads as numbers (an empty or unreadable cell becomes NaN).
NUMERIC_COLUMNS: tuple[str, ...] = (
    "align_score",
    "chrf",
    "bleu",
    "similarity",
    "bead",
    "translation_p",
)
#: Columns without which :func:`read_links` refuses a file.
REQUIRED_COLUMNS: tuple[str, ...] = ("src_ids", "tgt_ids", "tgt_text", "edit")

ID_SEPARATOR = " "
FLAG_SEPARATOR = ";"
#: First characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA (scalars only)."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def cell_text(value: object) -> str:
    """A text cell as a string: missing values (NaN from an empty CSV field) become ``""``."""
    return "" if is_missing(value) else str(value)


#: links.csv columns that hold text of the documents, the MT or their metadata: untrusted.
UNTRUSTED_TEXT_COLUMNS: tuple[str, ...] = (
    "src_text",
    "tgt_text",
    "mt_text",
    "src_gap_text",
    "tgt_gap_text",
    "name_variants",
    "notes",
)


def neutralise_cell(text: str) -> str:
    """A text cell safe to open in a spreadsheet: one starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP's advice for CSV injection), unless it is a
    plain number such as ``-0.5``. Other text is unchanged. O(1) unless it is prefixed."""
    if not text.startswith(FORMULA_STARTS):
        return text
    try:
        float(text)
    except ValueError:
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """The text :func:`neutralise_cell` was given: its leading ``'`` is dropped when a formula
    sign follows it (a text that itself began with ``'=`` reads back without its quote)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_safe(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (``str`` values of text columns and of a text
    index) went through :func:`neutralise_cell`; numbers, booleans and missing values are
    untouched. ``columns``: only these columns (and not the index), e.g. the free-text columns
    of links.csv (:data:`UNTRUSTED_TEXT_COLUMNS`), whose structured columns (``edit_ops`` starts
    with ``-``, ``+`` or ``=`` by design) are read by programs. Call it before ``to_csv``.
    Time O(cells)."""

    def safe(values: pd.Series | pd.Index) -> pd.Series | pd.Index:
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            return values
        return values.map(
            lambda v: neutralise_cell(v) if isinstance(v, str) else v, na_action="ignore"
        )

    safe_frame = frame.copy()
    if columns is not None:
        for name in columns:
            if name in safe_frame:
                safe_frame[name] = safe(safe_frame[name])
        return safe_frame
    for position in range(safe_frame.shape[1]):
        safe_frame.isetitem(position, safe(safe_frame.iloc[:, position]))
    if isinstance(safe_frame.index, pd.MultiIndex):
        safe_frame.index = pd.MultiIndex.from_arrays(
            [safe(level_values) for level_values in _index_levels(safe_frame.index)],
            names=safe_frame.index.names,
        )
    else:
        safe_frame.index = safe(safe_frame.index)
    return safe_frame


def _index_levels(index: pd.MultiIndex) -> list[pd.Index]:
    return [index.get_level_values(level) for level in range(index.nlevels)]


def _sentence_id(token: object, value: object) -> int:
    """One id token (text or number) as an int; :class:`InputError` unless a whole number >= 0."""
    if isinstance(token, bool):
        raise InputError(f"sentence ids must be numbers like '3 4', got {value!r}")
    try:
        number = float(token)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if not number.is_integer() or number < 0:
        raise InputError(f"sentence ids must be whole numbers >= 0 like '3 4', got {value!r}")
    return int(number)


def parse_ids(value: object) -> list[int]:
    """Sentence ids of one ``src_ids``/``tgt_ids`` cell: ``"3 4"`` -> [3, 4]; ``""``/NaN -> [].

    Accepts ids separated by spaces or commas, what pandas makes of such a column after a CSV
    round trip (an int, or a float such as ``3.0`` when the column has empty cells), and a
    list, tuple or array of ids. Raises :class:`InputError` for anything that is not a whole
    number >= 0 (text, fractions, negatives, booleans). Time O(len(value)).
    """
    if isinstance(value, list | tuple | np.ndarray):
        return [_sentence_id(token, value) for token in value]
    if is_missing(value):
        return []
    if isinstance(value, bool):
        raise InputError(f"sentence ids must be numbers like '3 4', got {value!r}")
    if isinstance(value, int | np.integer | float | np.floating):
        return [_sentence_id(value, value)]
    return [_sentence_id(token, value) for token in str(value).replace(",", " ").split()]


def format_ids(ids: Iterable[int]) -> str:
    """The links.csv text of sentence ids: [3, 4] -> ``"3 4"``, [] -> ``""``.

    Raises :class:`InputError` for an id that is not a whole number >= 0. Time O(ids).
    """
    return ID_SEPARATOR.join(str(_sentence_id(i, i)) for i in ids)


def parse_flags(value: object) -> list[str]:
    """Flags of one ``flags`` cell: ``"moved;names_differ"`` -> ["moved", "names_differ"].

    Parts are stripped and empty parts dropped; ``""``/NaN give []. Names outside
    :data:`FLAG_NAMES` are kept (a reader shows them as unknown). A list, tuple or set of
    names is taken as such. Raises :class:`InputError` for a cell that is not text (a number,
    a boolean). Time O(len(value)).
    """
    if isinstance(value, list | tuple | set | frozenset):
        parts = [cell_text(part) for part in value]
    elif is_missing(value):
        return []
    elif isinstance(value, str):
        parts = value.split(FLAG_SEPARATOR)
    else:
        raise InputError(f"flags must be text like 'moved;names_differ', got {value!r}")
    return [part.strip() for part in parts if part.strip()]


def format_flags(flags: Iterable[str]) -> str:
    """The links.csv text of a bead's flags: the known flags given, in :data:`FLAG_NAMES` order,
    joined by ``;`` (``""`` for none). Raises :class:`InputError` for a name that is not a flag.
    Time O(flags)."""
    given = set(flags)
    unknown = sorted(given - set(FLAG_NAMES))
    if unknown:
        raise InputError(f"unknown flag(s) {', '.join(unknown)}; flags are {', '.join(FLAG_NAMES)}")
    return FLAG_SEPARATOR.join(flag for flag in FLAG_NAMES if flag in given)


def ids_as_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose :data:`ID_COLUMNS` hold lists of ints (how a links table
    holds them in memory), whatever form they had (``"3 4"``, tuples, numbers). O(cells)."""
    converted = frame.copy()
    for column in ID_COLUMNS:
        if column in converted:
            converted[column] = [parse_ids(value) for value in converted[column]]
    return converted


def ids_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose :data:`ID_COLUMNS` hold the links.csv text (``"3 4"``), for
    files and tables that store text (CSV, Parquet). O(cells)."""
    converted = frame.copy()
    for column in ID_COLUMNS:
        if column in converted:
            converted[column] = [format_ids(parse_ids(value)) for value in converted[column]]
    return converted


def read_links(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a links.csv: every cell as text (empty cells NaN), :data:`NUMERIC_COLUMNS` as numbers,
    the text columns as they were before :func:`csv_safe` (:func:`restore_cell`).

    Raises :class:`InputError` (one line) when the file is missing, unreadable, or lacks one of
    :data:`REQUIRED_COLUMNS`. Time O(file size).
    """
    links_path = Path(path)
    if not links_path.is_file():
        raise InputError(f"{links_path} does not exist or is not a file")
    try:
        links = pd.read_csv(links_path, keep_default_na=False, na_values=[""], dtype=str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{links_path} is not a readable links table: {message}") from None
    for column in REQUIRED_COLUMNS:
        if column not in links.columns:
            raise InputError(f"{links_path} lacks the column {column}; is it a links.csv?")
    for column in NUMERIC_COLUMNS:
        if column in links.columns:
            links[column] = pd.to_numeric(links[column], errors="coerce")
    for column in UNTRUSTED_TEXT_COLUMNS:
        if column in links.columns:
            links[column] = links[column].map(restore_cell, na_action="ignore")
    return links
