"""Named edit-label thresholds: the packaged set, a JSON file of them, and their short id."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from translate_eval.errors import InputError
from translate_eval.score.edits import EditThresholds

#: Name of the packaged thresholds: the values :class:`EditThresholds` defaults to.
DEFAULT_THRESHOLDS = "quran-gloss-v1"
_PACKAGED = {DEFAULT_THRESHOLDS: EditThresholds()}


def load_thresholds(spec: str | os.PathLike[str] | EditThresholds | None) -> EditThresholds:
    """The thresholds ``spec`` names: None or a packaged name (:data:`DEFAULT_THRESHOLDS`), a
    JSON file holding an object of :class:`EditThresholds` fields (the others keep their
    packaged values), or an EditThresholds itself. A user error for anything else."""
    if spec is None:
        return _PACKAGED[DEFAULT_THRESHOLDS]
    if isinstance(spec, EditThresholds):
        return spec
    if str(spec) in _PACKAGED:
        return _PACKAGED[str(spec)]
    path = Path(spec)
    if not path.is_file():
        names = ", ".join(_PACKAGED)
        raise InputError(f"thresholds {str(spec)!r}: neither a packaged name ({names}) nor a file")
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a JSON file of thresholds ({error})") from None
    if not isinstance(values, dict):
        raise InputError(f"{path} should hold a JSON object of thresholds")
    fields = {field.name for field in dataclasses.fields(EditThresholds)}
    unknown = sorted(set(values) - fields)
    if unknown:
        raise InputError(f"{path}: unknown threshold(s) {', '.join(unknown)}")
    return dataclasses.replace(_PACKAGED[DEFAULT_THRESHOLDS], **values)


def thresholds_id(thresholds: EditThresholds) -> str:
    """The packaged name of ``thresholds``, or ``custom-`` and 8 hex digits of a hash of its
    values (equal values, equal id)."""
    for name, packaged in _PACKAGED.items():
        if thresholds == packaged:
            return name
    text = json.dumps(dataclasses.asdict(thresholds), sort_keys=True)
    return "custom-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
