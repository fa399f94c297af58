"""compare() end to end through the Python API: beads, labels, signature, outputs, the seed pair."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from translate_eval import compare, pair_from_texts
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
    links = toy.links.set_index("src_ids")
    assert links.loc["1", "edit"] == "omission" and links.loc["1", "tgt_ids"] == ""
    assert "numbers_differ" in links.loc["2", "flags"].split(";")
    additions = toy.links[toy.links["edit"] == "addition"]
    assert list(additions["tgt_text"]) == ["This is an edited translation."]
    assert links.loc["0", "edit"] == "faithful"


def test_signature_names_every_component(toy):
    for key in ("translate_eval", "mt", "encoder", "align", "metric_chrf"):
        assert toy.signature[key], key
    assert toy.signature["mt"] == "list:test"
    assert "chrF2" in toy.signature["metric_chrf"] or "chrF" in toy.signature["metric_chrf"]


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
    assert "&lt;svg onload=alert(2)&gt;" in html and "&lt;iframe srcdoc=&quot;x&quot;" in html
    assert any("HTML" in warning for warning in result.warnings)


@pytest.mark.slow
def test_seed_pair_recovers_planted_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "cache.sqlite"))
    result = compare(SEED)
    recovery = edit_recovery(result.links, result.pair.gold_edits)
    assert recovery.loc["omission", "recall"] == 1.0
    assert recovery.loc["addition", "recall"] == 1.0
    assert recovery.loc["numbers_differ", "recall"] == 1.0
