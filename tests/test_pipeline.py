"""compare() end to end through the Python API: beads, labels, signature, outputs, the seed pair."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, replace
from pathlib import Path

import pandas as pd
import pytest

from translate_eval import compare, pair_from_texts
from translate_eval.align.config import AlignConfig, preset_config
from translate_eval.errors import InputError
from translate_eval.links import ids_as_text
from translate_eval.score.thresholds import DEFAULT_THRESHOLDS, EditThresholds, thresholds_id
from translate_eval_bench.gold import edit_recovery

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"

AR = [
    "ذهب الولد إلى المدرسة صباحا.",
    "كانت السماء تمطر بغزارة.",
    "قال إن 40 طالبا حضروا.",
    "ثم عاد إلى البيت.",
]
EN = [
    "The boy went to school in the morning.",
    "He said that 30 students attended.",
    "Then he went back home.",
    "This is an edited translation.",
]
MT = [
    "The boy went to school in the morning.",
    "The sky was raining heavily.",
    "He said that 40 students attended.",
    "Then he returned home.",
]


class ListTranslator:
    signature = "list:test"

    def translate(self, sentences: list[str]) -> list[str]:
        return [MT[AR.index(s)] for s in sentences]


@pytest.fixture(scope="module")
def toy():
    return compare(pair_from_texts(AR, EN), mt=ListTranslator(), encoder="none", cache=False)


def test_toy_pair_labels_omission_addition_and_number_change(toy):
    assert all(isinstance(ids, list) for ids in toy.links["src_ids"])  # real lists in memory
    links = ids_as_text(toy.links).set_index("src_ids")
    assert links.loc["1", "edit"] == "omission" and links.loc["1", "tgt_ids"] == ""
    assert "numbers_differ" in links.loc["2", "flags"].split(";")
    additions = toy.links[toy.links["edit"] == "addition"]
    assert list(additions["tgt_text"]) == ["This is an edited translation."]
    assert links.loc["0", "edit"] == "faithful"


def test_repr_is_short_and_counts_the_labels(toy):
    text = repr(toy)
    assert len(text) < 400 and "\n" not in text
    assert f"beads={len(toy.links)}" in text and "omission=1" in text
    assert toy.run_signature.format() in text
    assert AR[0] not in text  # the texts stay in .pair and .links


def test_signature_names_every_component(toy):
    for key in ("translate_eval", "mt", "encoder", "align", "metric_chrf"):
        assert toy.signature[key], key
    assert toy.signature["mt"] == "list:test"
    assert "chrF2" in toy.signature["metric_chrf"] or "chrF" in toy.signature["metric_chrf"]


def test_signature_names_the_preset_and_the_thresholds(toy):
    assert toy.signature["preset"] == "editorial"
    assert toy.signature["thresholds"] == DEFAULT_THRESHOLDS
    line = toy.run_signature.format()
    assert "|preset:editorial|" in line and f"|thr:{DEFAULT_THRESHOLDS}|" in line
    assert "\n" not in line and len(line) < len(toy.signature_string)


def test_compare_takes_thresholds_by_name_file_or_value(toy, tmp_path):
    pair = pair_from_texts(AR, EN)
    strict = replace(EditThresholds(), chrf_faithful=200.0, chrf_changed=150.0)
    by_value = compare(pair, mt=ListTranslator(), encoder="none", cache=False, thresholds=strict)
    path = tmp_path / "strict.json"
    path.write_text(json.dumps({"values": asdict(strict)}))
    by_file = compare(pair, mt=ListTranslator(), encoder="none", cache=False, thresholds=path)
    named = compare(
        pair, mt=ListTranslator(), encoder="none", cache=False, thresholds=DEFAULT_THRESHOLDS
    )
    pd.testing.assert_frame_equal(named.links, toy.links)
    assert named.signature == toy.signature
    pd.testing.assert_frame_equal(by_file.links, by_value.links)
    assert by_value.signature["thresholds"] == thresholds_id(strict)
    assert by_value.signature["thresholds"].startswith("custom-")
    assert by_value.signature["thresholds"] != toy.signature["thresholds"]
    assert by_value.run_signature.format() != toy.run_signature.format()
    # no chrF reaches 150: the bead that was faithful is not any more
    assert toy.links.loc[0, "edit"] == "faithful" and by_value.links.loc[0, "edit"] != "faithful"
    with pytest.raises(InputError, match="unknown thresholds 'no-such'"):
        compare(pair, mt=ListTranslator(), encoder="none", cache=False, thresholds="no-such")


def test_signature_records_a_preset_by_its_settings():
    pair = pair_from_texts(AR, EN)
    for name in ("parallel", "classical"):
        result = compare(
            pair, mt=ListTranslator(), encoder="none", cache=False,
            align_config=preset_config(name, max_bead=3),
        )
        assert result.signature["preset"] == name
    custom = compare(
        pair, mt=ListTranslator(), encoder="none", cache=False,
        align_config=AlignConfig(skip_penalty=9.0),
    )
    assert custom.signature["preset"] == "custom"


def test_write_produces_readable_files(toy, tmp_path):
    paths = toy.write(tmp_path / "out")
    links = pd.read_csv(
        paths["links"], dtype={"src_ids": str, "tgt_ids": str}, keep_default_na=False
    )
    assert len(links) == len(toy.links)
    assert "report" in paths and paths["report"].read_text().startswith("<!DOCTYPE html>")


def test_hostile_text_is_escaped_in_the_report():
    # Known HTML tags are blanked on input (with a warning); anything else must be escaped.
    hostile = pair_from_texts(
        ["قال المتحدث الرسمي باسم الحكومة <script>alert(1)</script> شيئا <svg onload=alert(2)>."],
        ['He said <iframe srcdoc="x" onerror=alert(3)> "x".'],
    )
    result = compare(hostile, mt="none", encoder="none", cache=False)
    html = result.report_html()
    assert "<script>alert(1)" not in html and "<svg onload" not in html and "<iframe" not in html
    text = re.sub(r"</?mark[^>]*>", "", html)  # the bead marks may cut the escaped text
    assert "&lt;svg onload=alert(2)&gt;" in text and "&lt;iframe srcdoc=&quot;x&quot;" in text
    assert any("HTML" in warning for warning in result.warnings)


@pytest.mark.slow
def test_seed_pair_recovers_planted_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "cache.sqlite"))
    result = compare(SEED)
    recovery = edit_recovery(result.links, result.pair.gold_edits)
    assert recovery.loc["omission", "recall"] == 1.0
    assert recovery.loc["addition", "recall"] == 1.0
    assert recovery.loc["numbers_differ", "recall"] == 1.0
