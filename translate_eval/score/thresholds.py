"""The cut-offs that turn a bead's signals into an edit label (:class:`EditThresholds`), and the
packaged sets of fitted values, with their provenance, that they are loaded from by name.

A set is a JSON file in ``translate_eval/score/threshold_sets/``: ``{"name": ..., "values":
{field: value}, "provenance": {...}}``, written by ``python -m translate_eval_bench.fit``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from translate_eval.errors import InputError

#: The name of the set :class:`EditThresholds` takes its defaults from.
DEFAULT_THRESHOLDS: str = "quran-gloss-v1"
#: The folder of ``translate_eval.score`` that holds the packaged sets.
_SETS_FOLDER = "threshold_sets"


def _packaged_files() -> dict[str, Any]:
    """Packaged set name -> its resource (a Traversable), by file name without ``.json``."""
    folder = resources.files("translate_eval.score").joinpath(_SETS_FOLDER)
    return {
        entry.name.removesuffix(".json"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".json") and entry.is_file()
    }


def available_thresholds() -> list[str]:
    """The names of the packaged threshold sets, sorted."""
    return sorted(_packaged_files())


def _choices() -> str:
    return f"packaged: {', '.join(available_thresholds())} (or a path to a .json file)"


def _read_document(text: str, where: str) -> dict[str, Any]:
    """The JSON object of a set file; InputError (one line) when it is not one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"thresholds {where} is not JSON ({error}); {_choices()}") from None
    if not isinstance(document, dict):
        raise InputError(f"thresholds {where} is not a JSON object; {_choices()}")
    return document


@lru_cache(maxsize=8)
def _packaged_document(name: str) -> dict[str, Any]:
    resource = _packaged_files().get(name)
    if resource is None:
        raise InputError(f"unknown thresholds '{name}'; {_choices()}")
    return _read_document(resource.read_text(encoding="utf-8"), f"'{name}'")


#: The values of the default set: the defaults of :class:`EditThresholds` (one source of truth).
_DEFAULT_VALUES: dict[str, Any] = _packaged_document(DEFAULT_THRESHOLDS)["values"]


@dataclass(frozen=True)
class EditThresholds:
    """Cut-offs that turn a bead's signals into an edit label.

    A bead is judged on a common scale per signal (see
    :func:`~translate_eval.score.labels.agreement`): 0 at the ``*_changed`` cut-off, 1 at the
    ``*_faithful`` one. ``partial_omission_ratio`` / ``partial_addition_ratio`` bound the
    English / MT length ratio (relative to the document median when ``relative_length``);
    ``gap_omission`` / ``gap_addition`` bound the share of content words in the longest
    uncovered run of the source / English side, which must hold at least ``gap_min_words``
    words (see :mod:`translate_eval.score.coverage`); a partial edit whose sides agree less
    than ``-unrelated_margin`` is changed instead; ``expected_length_ratio`` (English /
    Arabic characters) stands in for the MT length where there is no MT.
    ``partial_gain_weight`` makes the partial-omission length test position-aware: the
    length ratio is multiplied by ``exp(-weight * part_gain)``, where ``part_gain``
    (:func:`~translate_eval.score.signals.part_gains`) says how much better the English
    matches one half of the source than the whole of it (0 = no change to the test). The
    length test also asks for ``partial_min_chars`` characters missing (or, for a partial
    addition, added) against the usual length: a short sentence misses few characters even at
    a low ratio, too few for a dropped clause. A merge-shaped bead (more source than English
    sentences) whose English matches one half of the source better than the whole by more
    than ``merge_omission_gain``, or whose English is shorter than ``merge_omission_ratio``
    times the usual length for its source (relative to the document median, so only where the
    document has enough one-to-one beads; 0: never), holds a dropped sentence: an omission; a
    split-shaped bead whose source matches one half of the English better by more than
    ``split_addition_gain`` holds an inserted sentence: an addition (``math.inf``: never).

    The defaults are the values of the packaged set :data:`DEFAULT_THRESHOLDS`; what they were
    fitted on and how is :func:`thresholds_provenance` of that name.
    """

    chrf_faithful: float = float(_DEFAULT_VALUES["chrf_faithful"])
    chrf_changed: float = float(_DEFAULT_VALUES["chrf_changed"])
    coverage_changed: float = float(_DEFAULT_VALUES["coverage_changed"])
    similarity_faithful: float = float(_DEFAULT_VALUES["similarity_faithful"])
    similarity_changed: float = float(_DEFAULT_VALUES["similarity_changed"])
    partial_omission_ratio: float = float(_DEFAULT_VALUES["partial_omission_ratio"])
    partial_addition_ratio: float = float(_DEFAULT_VALUES["partial_addition_ratio"])
    expected_length_ratio: float = float(_DEFAULT_VALUES["expected_length_ratio"])
    gap_omission: float = float(_DEFAULT_VALUES["gap_omission"])
    gap_addition: float = float(_DEFAULT_VALUES["gap_addition"])
    gap_min_words: int = int(_DEFAULT_VALUES["gap_min_words"])
    unrelated_margin: float = float(_DEFAULT_VALUES["unrelated_margin"])
    relative_length: bool = bool(_DEFAULT_VALUES["relative_length"])
    merge_omission_gain: float = float(_DEFAULT_VALUES["merge_omission_gain"])
    split_addition_gain: float = float(_DEFAULT_VALUES["split_addition_gain"])
    partial_gain_weight: float = float(_DEFAULT_VALUES["partial_gain_weight"])
    merge_omission_ratio: float = float(_DEFAULT_VALUES["merge_omission_ratio"])
    partial_min_chars: float = float(_DEFAULT_VALUES["partial_min_chars"])


def _field_value(name: str, kind: str, value: object, where: str) -> float | int | bool:
    """``value`` of the JSON as the type of field ``name`` (``float``, ``int`` or ``bool``);
    a float also from a string such as ``"inf"``. InputError when it does not fit."""
    if kind == "bool":
        if isinstance(value, bool):
            return value
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif isinstance(value, int | float | str) and not isinstance(value, bool):
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is not None and math.isnan(number):  # compares false: a cut-off never met
            raise InputError(f"thresholds {where}: {name} must be a number, not NaN")
        if number is not None:
            return number
    raise InputError(f"thresholds {where}: {name} must be a {kind}, not {value!r}")


def _thresholds_of(document: dict[str, Any], where: str) -> EditThresholds:
    """The :class:`EditThresholds` of a set file's object: its ``values`` (or the object
    itself when it has none), every field present, no other key."""
    values = document.get("values", document)
    if not isinstance(values, dict):
        raise InputError(f"thresholds {where}: 'values' is not a JSON object")
    kinds = {
        field.name: field.type if isinstance(field.type, str) else field.type.__name__
        for field in fields(EditThresholds)
    }
    unknown = sorted(set(values) - set(kinds))
    if unknown:
        raise InputError(f"thresholds {where}: unknown field(s) {', '.join(unknown)}")
    missing = [name for name in kinds if name not in values]
    if missing:
        raise InputError(f"thresholds {where}: missing field(s) {', '.join(missing)}")
    return EditThresholds(
        **{name: _field_value(name, kinds[name], values[name], where) for name in kinds}
    )


@lru_cache(maxsize=8)
def _packaged_thresholds(name: str) -> EditThresholds:
    return _thresholds_of(_packaged_document(name), f"'{name}'")


def _file_thresholds(path: Path) -> EditThresholds:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"cannot read thresholds file {path} ({reason}); {_choices()}") from None
    return _thresholds_of(_read_document(text, f"file {path}"), f"file {path}")


def load_thresholds(
    spec: str | os.PathLike[str] | EditThresholds | None = None,
) -> EditThresholds:
    """The thresholds ``spec`` names: None -> the default set (:data:`DEFAULT_THRESHOLDS`); a
    packaged name (:func:`available_thresholds`); a path to a ``.json`` set file; an
    :class:`EditThresholds` as is. An unknown name or a bad file is an InputError (one line,
    listing the packaged names). Packaged sets are read once."""
    if isinstance(spec, EditThresholds):
        return spec
    if spec is None:
        return _packaged_thresholds(DEFAULT_THRESHOLDS)
    if isinstance(spec, str) and spec in _packaged_files():
        return _packaged_thresholds(spec)
    path = Path(spec)
    if isinstance(spec, os.PathLike) or path.suffix == ".json" or len(path.parts) > 1:
        return _file_thresholds(path)
    raise InputError(f"unknown thresholds '{spec}'; {_choices()}")


def _values_digest(thresholds: EditThresholds) -> str:
    text = json.dumps(asdict(thresholds), sort_keys=True, allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def thresholds_id(thresholds: EditThresholds) -> str:
    """The name of the packaged set whose values equal ``thresholds``, else ``custom-`` and 8
    hex digits of a sha256 of the values (the same values always give the same id)."""
    for name in available_thresholds():
        if _packaged_thresholds(name) == thresholds:
            return name
    return f"custom-{_values_digest(thresholds)}"


def thresholds_provenance(name: str) -> dict[str, object]:
    """What the packaged set ``name`` was fitted on, when, by which command, and the fit's
    figures (a fresh copy). InputError for an unknown name."""
    provenance = _packaged_document(name).get("provenance", {})
    return json.loads(json.dumps(provenance))


def thresholds_json(thresholds: EditThresholds, name: str, provenance: dict[str, object]) -> str:
    """The text of a set file holding ``thresholds`` under ``name`` with ``provenance``, as
    :func:`load_thresholds` reads it (infinite values written as the string ``"inf"``)."""
    values: dict[str, object] = {}
    for field in fields(EditThresholds):
        value = getattr(thresholds, field.name)
        if hasattr(value, "item"):  # a numpy scalar
            value = value.item()
        if isinstance(value, float) and math.isinf(value):
            value = "inf" if value > 0 else "-inf"
        values[field.name] = value
    document = {"name": name, "values": values, "provenance": provenance}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
