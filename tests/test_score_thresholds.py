"""The threshold sets: loaded by name, by path or as is, one-line errors that list the packaged
names, stable ids, provenance, and the bare dataclass equal to the default set."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from translate_eval.errors import InputError
from translate_eval.score.thresholds import (
    DEFAULT_THRESHOLDS,
    EditThresholds,
    available_thresholds,
    load_thresholds,
    thresholds_id,
    thresholds_json,
    thresholds_provenance,
)

PACKAGED = Path(__file__).resolve().parents[1] / "translate_eval" / "score" / "threshold_sets"


def test_the_default_set_is_packaged() -> None:
    assert DEFAULT_THRESHOLDS in available_thresholds()
    assert available_thresholds() == sorted(p.stem for p in PACKAGED.glob("*.json"))


def test_bare_dataclass_equals_the_default_file() -> None:
    document = json.loads((PACKAGED / f"{DEFAULT_THRESHOLDS}.json").read_text("utf-8"))
    assert asdict(EditThresholds()) == document["values"]
    assert load_thresholds() == EditThresholds()
    assert load_thresholds(None) == load_thresholds(DEFAULT_THRESHOLDS)


def test_default_values_keep_their_types() -> None:
    thresholds = EditThresholds()
    assert type(thresholds.gap_min_words) is int
    assert type(thresholds.relative_length) is bool
    assert type(thresholds.chrf_changed) is float


def test_load_by_name_path_and_as_is(tmp_path: Path) -> None:
    assert load_thresholds(DEFAULT_THRESHOLDS) == EditThresholds()
    changed = replace(EditThresholds(), chrf_changed=25.4, split_addition_gain=float("inf"))
    assert load_thresholds(changed) is changed
    path = tmp_path / "mine.json"
    path.write_text(thresholds_json(changed, "mine", {"fitted_on": "nothing"}), "utf-8")
    assert load_thresholds(path) == changed
    assert load_thresholds(str(path)) == changed
    # A file of bare values (no "values" key) reads too.
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(asdict(EditThresholds())), "utf-8")
    assert load_thresholds(bare) == EditThresholds()


def test_unknown_name_is_a_one_line_error_listing_the_packaged_names() -> None:
    with pytest.raises(InputError, match="unknown thresholds 'nope'") as caught:
        load_thresholds("nope")
    message = str(caught.value)
    assert "\n" not in message and DEFAULT_THRESHOLDS in message
    with pytest.raises(InputError, match=DEFAULT_THRESHOLDS):
        thresholds_provenance("nope")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not JSON"),
        ("[1, 2]", "is not a JSON object"),
        ('{"values": {"chrf_changed": 1}}', "missing field"),
        ('{"values": {"no_such_field": 1}}', "unknown field"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=expected) as caught:
        load_thresholds(path)
    assert "\n" not in str(caught.value)


def test_wrong_types_and_missing_files_are_errors(tmp_path: Path) -> None:
    values = asdict(EditThresholds())
    for field, value in (("relative_length", 1), ("gap_min_words", 2.5), ("chrf_changed", "x")):
        path = tmp_path / f"{field}.json"
        path.write_text(json.dumps({"values": {**values, field: value}}), "utf-8")
        with pytest.raises(InputError, match=field):
            load_thresholds(path)
    with pytest.raises(InputError, match="cannot read thresholds file") as caught:
        load_thresholds(tmp_path / "absent.json")
    assert DEFAULT_THRESHOLDS in str(caught.value)


def test_thresholds_id_names_the_packaged_set_or_hashes_the_values() -> None:
    assert thresholds_id(EditThresholds()) == DEFAULT_THRESHOLDS
    changed = replace(EditThresholds(), chrf_changed=25.4)
    custom = thresholds_id(changed)
    assert custom.startswith("custom-") and len(custom) == len("custom-") + 8
    int(custom.removeprefix("custom-"), 16)
    assert thresholds_id(replace(EditThresholds(), chrf_changed=25.4)) == custom
    assert thresholds_id(replace(changed, chrf_changed=25.5)) != custom


def test_provenance_says_what_the_default_set_was_fitted_on() -> None:
    provenance = thresholds_provenance(DEFAULT_THRESHOLDS)
    assert "translate_eval_bench.fit" in str(provenance["rerun_with"])
    assert provenance["mt"] == "gloss" and provenance["documents"] == 96
    assert "Quran" in str(provenance["fitted_on"])
    figures = provenance["figures"]
    assert isinstance(figures, dict) and figures["partial_omission_f1"] == 0.854
    # A copy: changing it leaves the packaged provenance alone.
    provenance["mt"] = "changed"
    assert thresholds_provenance(DEFAULT_THRESHOLDS)["mt"] == "gloss"


@pytest.mark.parametrize("value", [float("nan"), "nan", "NaN"])
def test_a_threshold_that_is_not_a_number_is_refused(tmp_path: Path, value: object) -> None:
    # NaN compares false with everything: every cut-off it sets would silently never apply.
    path = tmp_path / "nan.json"
    values = {**asdict(EditThresholds()), "chrf_faithful": value}
    path.write_text(json.dumps({"values": values}), "utf-8")
    with pytest.raises(InputError, match="chrf_faithful must be a number, not NaN"):
        load_thresholds(path)
