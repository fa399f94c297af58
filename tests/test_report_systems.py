"""Tests of the comparison tables (systems x metrics with sacrebleu's paired tests, documents x
edit types, edit examples) and of `translate-eval report RUN_DIR`."""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from html_tags import TagCollector
from sacrebleu.metrics import BLEU, CHRF, TER

from translate_eval.cli import main
from translate_eval.documents import pair_from_texts
from translate_eval.errors import InputError
from translate_eval.links import EDIT_LABELS, FLAG_NAMES
from translate_eval.pipeline import compare
from translate_eval.report.contents import report_tables
from translate_eval.report.edits import edit_examples, edit_types_by_document, shorten
from translate_eval.report.render import report_text
from translate_eval.report.runs import document_key, load_run, runs_segments
from translate_eval.report.systems import (
    bead_segments,
    comparisons_segments,
    system_scores,
    systems_table,
)

# Thirty short English references and a decent "system" that paraphrases a little.
SUBJECTS = [
    "The council",
    "Rebel forces",
    "The ministry",
    "Local doctors",
    "The army",
    "Aid groups",
]
VERBS = ["reported", "denied", "confirmed", "announced", "described"]
OBJECTS = ["new attacks", "heavy losses", "a ceasefire", "the withdrawal", "fresh clashes", "talks"]
REFERENCES = [
    f"{SUBJECTS[i % 6]} {VERBS[i % 5]} {OBJECTS[(i * 7) % 6]} near the town on day {i}."
    for i in range(30)
]
GOOD = [ref.replace("near the town", "close to the town") for ref in REFERENCES]


def scrambled(references: list[str]) -> list[str]:
    """A bad system: each segment gets the reversed words of another segment."""
    return [
        " ".join(reversed(references[(i + 11) % len(references)].split()))
        for i in range(len(references))
    ]


def test_baseline_row_matches_sacrebleu_corpus_scores_and_bootstrap_interval() -> None:
    scores = system_scores(REFERENCES, {"good": GOOD})
    assert list(scores["metric"]) == ["chrF2", "BLEU", "TER"]
    for metric, (display, row) in zip(
        (CHRF(), BLEU(), TER()), scores.set_index("metric").iterrows(), strict=True
    ):
        expected = metric.corpus_score(GOOD, [REFERENCES], n_bootstrap=1000)
        assert display == expected.name
        assert row["score"] == pytest.approx(expected.score, abs=1e-9)
        # sacrebleu's own bootstrap (same default seed) gives the mean and half-width.
        assert row["mean"] == pytest.approx(expected._mean, abs=1e-4)
        assert row["ci_low"] == pytest.approx(expected._mean - expected._ci, abs=1e-4)
        assert row["ci_high"] == pytest.approx(expected._mean + expected._ci, abs=1e-4)
        assert row["ci_low"] <= row["mean"] <= row["ci_high"]
        assert bool(row["baseline"]) and math.isnan(row["p_value"])
        assert row["segments"] == 30
    assert "bs:1000" in scores.attrs["signatures"]["chrF2"]
    assert scores.attrs["test"] == "bs"


def test_a_perfect_system_scores_100_chrf_and_bleu_and_0_ter() -> None:
    table = systems_table(system_scores(REFERENCES, {"copy": REFERENCES}))
    assert table.loc["copy", "chrF2"] == pytest.approx(100.0)
    assert table.loc["copy", "BLEU"] == pytest.approx(100.0)
    assert table.loc["copy", "TER"] == pytest.approx(0.0)
    assert table.loc["copy", "chrF2 lo"] == pytest.approx(100.0)


@pytest.mark.parametrize(("test", "n_samples"), [("bs", 0), ("ar", 1000)])
def test_paired_test_tells_a_much_worse_system_from_a_near_copy(test: str, n_samples: int) -> None:
    # A near copy: a dozen segments changed a little, half for the better, half for the worse.
    # (Not a single changed segment: sacrebleu counts only strictly larger differences, so a
    # difference that every shuffle reproduces exactly gets the smallest p-value.)
    near = [
        text.replace("close to", "near") if i % 2 else text.replace("town", "village")
        for i, text in enumerate(GOOD[:12])
    ] + GOOD[12:]
    systems = {"good": GOOD, "near": near, "bad": scrambled(REFERENCES)}
    scores = system_scores(REFERENCES, systems, test=test, n_samples=n_samples)  # type: ignore[arg-type]
    table = systems_table(scores)
    assert list(table.index) == ["good", "near", "bad"]
    assert math.isnan(table.loc["good", "chrF2 p"])
    for metric in ("chrF2", "BLEU", "TER"):
        assert table.loc["bad", f"{metric} p"] < 0.05, metric
        assert table.loc["near", f"{metric} p"] > 0.05, metric
    assert table.loc["bad", "chrF2"] < table.loc["good", "chrF2"]
    assert table.loc["bad", "TER"] > table.loc["good", "TER"]
    expected_samples = 1000
    assert scores.attrs["n_samples"] == expected_samples
    assert f"{test}:{expected_samples}" in scores.attrs["signatures"]["BLEU"]


def test_systems_table_columns() -> None:
    table = systems_table(system_scores(REFERENCES[:8], {"a": GOOD[:8]}, metrics=["chrf"]))
    assert table.index.name == "system"
    assert list(table.columns) == ["chrF2", "chrF2 lo", "chrF2 hi", "chrF2 p", "segments"]
    assert table.loc["a", "segments"] == 8


@pytest.mark.parametrize(
    ("references", "systems", "message"),
    [
        (REFERENCES, {"short": GOOD[:-1]}, "29 segments"),
        (REFERENCES, {}, "no MT system"),
        ([], {"a": []}, "no segments"),
    ],
)
def test_bad_system_inputs_are_one_line_input_errors(
    references: list[str], systems: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        system_scores(references, systems)
    assert "\n" not in str(caught.value)


def test_unknown_test_and_metric_are_rejected() -> None:
    with pytest.raises(InputError, match="bs or ar"):
        system_scores(REFERENCES, {"a": GOOD}, test="t")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="meteor"):
        system_scores(REFERENCES, {"a": GOOD}, metrics=["meteor"])


# ----------------------------------------------------------------------------- segments


def hand_links() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bead": [0, 1, 2, 3],
            "src_ids": ["0", "1 2", "", "3"],
            "tgt_ids": ["0", "1", "2", ""],
            "link": ["1-1", "2-1", "0-1", "1-0"],
            "src_text": ["أ", "ب ج", "", "د"],
            "tgt_text": ["Alpha.", "Beta and gamma.", "Added.", ""],
            "mt_text": ["alpha", "beta gamma", "", "delta"],
            "chrf": [50.0, 40.0, np.nan, np.nan],
            "edit": ["faithful", "merge", "addition", "omission"],
            "flags": ["", "moved", "", ""],
        }
    )


def test_bead_segments_join_sentence_translations_over_aligned_beads() -> None:
    references, systems = bead_segments(
        hand_links(), {"x": ["a0", "a1", "a2", "a3"], "y": ["b0", "", "b2", "b3"]}
    )
    assert references == ["Alpha.", "Beta and gamma."]
    assert systems == {"x": ["a0", "a1 a2"], "y": ["b0", "b2"]}
    with pytest.raises(InputError, match="3 Arabic sentences"):
        bead_segments(hand_links(), {"z": ["only", "two"]})


def test_comparisons_segments_use_the_reference_beads_and_skip_runs_without_mt() -> None:
    links = hand_links()
    first = SimpleNamespace(
        links=links, translations=["a0", "a1", "a2", "a3"], signature={"mt": "gloss"}
    )
    other_links = links.assign(src_ids=["0 1", "2", "", "3"], tgt_ids=["0 1", "", "2", ""])
    second = SimpleNamespace(
        links=other_links, translations=["b0", "b1", "b2", "b3"], signature={"mt": "file:x"}
    )
    empty = SimpleNamespace(links=links, translations=["", "", "", ""], signature={"mt": "none"})
    references, systems, notes = comparisons_segments({"g": first, "f": second, "n": empty})
    assert references == ["Alpha.", "Beta and gamma."]  # the first comparison's beads
    assert systems == {"g": ["a0", "a1 a2"], "f": ["b0", "b1 b2"]}
    assert len(notes) == 1 and notes[0].startswith("n:")
    short = SimpleNamespace(links=links, translations=["x"], signature={"mt": "x"})
    with pytest.raises(InputError, match="not of the same pair"):
        comparisons_segments({"g": first, "s": short})


# ----------------------------------------------------------------------------- edit tables


def test_edit_types_by_document_counts_by_hand() -> None:
    links = hand_links()
    table = edit_types_by_document({"doc1": links, "doc2": links.iloc[:2]})
    assert list(table.index) == ["doc1", "doc2", "total"]
    assert list(table.columns[:10]) == ["beads", *EDIT_LABELS]
    assert list(table.columns[10 : 10 + len(FLAG_NAMES)]) == list(FLAG_NAMES)
    assert table.loc["doc1", ["beads", "faithful", "merge", "addition", "omission"]].tolist() == [
        4,
        1,
        1,
        1,
        1,
    ]
    assert table.loc["doc2", "beads"] == 2 and table.loc["doc2", "omission"] == 0
    assert table.loc["total", "merge"] == 2 and table.loc["total", "moved"] == 2
    assert table.loc["doc1", "omitted_words"] == 1  # "د"
    assert table.loc["doc1", "added_words"] == 1  # "Added."
    shares = edit_types_by_document({"doc1": links, "doc2": links.iloc[:2]}, shares=True)
    assert shares.loc["doc1", "merge"] == pytest.approx(0.25)
    assert shares.loc["total", "faithful"] == pytest.approx(2 / 6)
    assert shares.loc["doc1", "beads"] == 4
    single = edit_types_by_document({"only": links})
    assert list(single.index) == ["only"]


def test_edit_examples_take_the_first_beads_of_each_label_edits_first() -> None:
    links = pd.concat([hand_links(), hand_links()], ignore_index=True)
    links["bead"] = range(len(links))
    examples = edit_examples(links, per_label=1)
    assert list(examples["edit"]) == ["omission", "addition", "merge", "faithful"]
    assert list(examples["bead"]) == [3, 2, 1, 0]
    assert list(examples.columns[:2]) == ["edit", "bead"]
    two = edit_examples({"a": hand_links(), "b": hand_links()}, per_label=2, labels=["merge"])
    assert list(two["document"]) == ["a", "b"]
    assert two["mt_text"].tolist() == ["beta gamma", "beta gamma"]
    with pytest.raises(InputError):
        edit_examples(links, per_label=0)


def test_shorten_cuts_at_a_word_and_marks_the_cut() -> None:
    text = "one two three four five six seven"
    assert shorten(text, 100) == text
    cut = shorten(text, 16)
    assert cut.endswith("…") and len(cut) <= 16
    assert text.startswith(cut[:-1])
    assert shorten("a\n  b", 0) == "a b"


# ----------------------------------------------------------------------------- run folders

ARABIC = [
    "سيطرت المعارضة على المستشفى الوطني في المدينة.",
    "قتل عشرة مدنيين في القصف على السوق.",
    "وقال ناشطون إن قوات النظام انسحبت جنوبا.",
    "وتقع المدينة على الطريق بين حلب واللاذقية.",
]
ENGLISH = [
    "The opposition seized the national hospital in the city.",
    "Ten civilians were killed in the shelling of the market.",
    "Activists said that regime forces withdrew south.",
    "This is an edited translation from our Arabic edition <script>alert(1)</script>.",
]
GOOD_MT = [
    "The opposition took the national hospital in the city.",
    "Ten civilians were killed in the bombing of the market.",
    "Activists said regime forces withdrew to the south.",
    "The city lies on the road between Aleppo and Latakia.",
]


class TableTranslator:
    """A Translator that looks sentences up in a list (test double)."""

    def __init__(self, name: str, outputs: list[str]) -> None:
        self.signature = f"table:{name}"
        self.outputs = dict(zip(ARABIC, outputs, strict=True))

    def translate(self, sentences: list[str]) -> list[str]:
        return [self.outputs.get(sentence, "") for sentence in sentences]


@pytest.fixture(scope="module")
def run_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("runs")
    pair = pair_from_texts(ARABIC, ENGLISH, name="mini")
    systems = {
        "good": TableTranslator("good", GOOD_MT),
        "poor": TableTranslator("poor", [" ".join(reversed(s.split())) for s in GOOD_MT]),
    }
    paths = {}
    for name, translator in systems.items():
        result = compare(pair, mt=translator, encoder="none", cache=False)
        result.write(root / name)
        paths[name] = root / name
    compare(pair, mt="none", encoder="none", cache=False).write(root / "nomt")
    paths["nomt"] = root / "nomt"
    return paths


def test_load_run_reads_links_and_signature(run_dirs: dict[str, Path]) -> None:
    run = load_run(run_dirs["good"])
    assert run.name == "good"
    assert run.system == "table:good"
    assert run.has_mt
    assert len(run.links) >= 3
    assert not load_run(run_dirs["nomt"]).has_mt
    with pytest.raises(InputError, match=r"no links\.csv"):
        load_run(run_dirs["good"].parent)


def test_document_key_ignores_the_alignment_but_not_the_texts() -> None:
    links = hand_links()
    regrouped = links.assign(
        src_ids=["0", "1", "2", "3"],
        tgt_ids=["0", "1 2", "", ""],
        src_text=["أ", "ب", "ج", "د"],
        tgt_text=["Alpha.", "Beta and gamma. Added.", "", ""],
    )
    assert document_key(regrouped) == document_key(links)
    assert document_key(links.assign(tgt_text=["Other.", *links["tgt_text"][1:]])) != document_key(
        links
    )


def test_runs_segments_pair_systems_on_common_beads(run_dirs: dict[str, Path]) -> None:
    runs = [load_run(run_dirs[name]) for name in ("good", "poor", "nomt")]
    references, systems, notes = runs_segments(runs)
    assert list(systems) == ["table:good", "table:poor"]
    assert len(references) >= 3
    assert all(len(h) == len(references) for h in systems.values())
    assert any(note.startswith("nomt:") for note in notes)
    assert set(references) <= set(runs[0].links["tgt_text"])


def test_report_tables_score_both_systems(run_dirs: dict[str, Path]) -> None:
    runs = [load_run(run_dirs[name]) for name in ("good", "poor")]
    report = report_tables(runs, n_samples=200)
    systems = report.tables["systems"]
    assert list(systems.index) == ["table:good", "table:poor"]
    assert systems.loc["table:good", "chrF2"] > systems.loc["table:poor", "chrF2"]
    assert not math.isnan(systems.loc["table:poor", "chrF2 p"])
    assert list(report.tables["edits"].index) == ["good", "poor", "total"]
    assert set(report.tables["examples"]["document"]) <= {"good", "poor"}


def test_report_markdown_has_every_table(run_dirs: dict[str, Path]) -> None:
    text = report_text([run_dirs["good"], run_dirs["poor"]], "md", n_samples=200)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Systems x metrics", "## Documents x edit types", "## Edit examples"]
    assert "| table:good" in text and "| table:poor" in text
    assert "paired bootstrap resampling (200 resamples)" in text


def test_report_csv_is_one_table_that_reads_back(run_dirs: dict[str, Path]) -> None:
    text = report_text([run_dirs["good"]], "csv", table="edits")
    frame = pd.read_csv(io.StringIO(text), index_col="document")
    assert list(frame.index) == ["good"]
    assert frame.loc["good", "beads"] == len(load_run(run_dirs["good"]).links)
    with pytest.raises(InputError, match="--table"):
        report_text([run_dirs["good"]], "csv")


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> 50% & $x_1$ {a} \\ ~"


@pytest.fixture()
def hostile_run(tmp_path: Path) -> Path:
    """A run folder written by hand whose texts and MT name are hostile to HTML and LaTeX."""
    links = hand_links()
    for column in ("tgt_text", "mt_text", "flags"):
        links.loc[1, column] = HOSTILE
    folder = tmp_path / "hostile"
    folder.mkdir()
    links.to_csv(folder / "links.csv", index=False)
    (folder / "signature.json").write_text(json.dumps({"mt": HOSTILE}), encoding="utf-8")
    return folder


def test_report_html_is_escaped_and_self_contained(hostile_run: Path) -> None:
    page = report_text([hostile_run], "html", n_samples=100, per_label=5)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page  # hostile text is shown as text only
    parser = TagCollector()
    parser.feed(page)
    assert "".join(parser.text).count(HOSTILE) >= 3  # system name, English, MT
    assert [tag for tag, _ in parser.tags].count("table") == 3
    for _, attrs in parser.tags:
        assert "src" not in attrs and "href" not in attrs
        assert not any(name.startswith("on") for name in attrs)
    policies = [
        a["content"] for tag, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(policies) == 1 and "default-src 'none'" in str(policies[0])


def _tabulars(text: str) -> list[str]:
    return re.findall(r"\\begin\{tabular\}.*?\\end\{tabular\}", text, flags=re.S)


def test_report_latex_tabulars_are_balanced(run_dirs: dict[str, Path], hostile_run: Path) -> None:
    text = report_text([run_dirs["good"], run_dirs["poor"]], "latex", n_samples=100)
    text += report_text([hostile_run], "latex", n_samples=100)  # another pair: its own tables
    tabulars = _tabulars(text)
    assert len(tabulars) == 6
    assert text.count(r"\begin{tabular}") == text.count(r"\end{tabular}") == 6
    for tabular in tabulars:
        spec = re.match(r"\\begin\{tabular\}\{((?:[lr]|[PA]\{[^{}]+\})+)\}\n\\toprule", tabular)
        assert spec is not None, tabular[:80]  # booktabs; wrapped P{}/A{} text columns
        columns = len(re.findall(r"[PA]\{[^{}]+\}|[lr]", spec.group(1)))
        assert columns <= 8  # compact enough for a paper
        rows = [line[: -len(r"\\")] for line in tabular.splitlines() if line.endswith(r"\\")]
        assert len(rows) >= 2
        for row in rows:
            assert len(re.split(r"(?<!\\)&", row)) == columns, row
    # Outside the tabulars: comments, blanks and the table floats (caption, label), so the file
    # can be \input as is.
    outside = re.sub(r"\\begin\{tabular\}.*?\\end\{tabular\}", "", text, flags=re.S)
    float_line = re.compile(
        r"\\(begin\{table\}\[htbp\]|end\{table\}|centering|small|caption\{.*\}|label\{[\w:-]+\})$"
    )
    assert all(
        not line.strip() or line.startswith("%") or float_line.match(line)
        for line in outside.splitlines()
    )
    assert text.count("\\caption{") == 6 and r"\label{tab:te-systems}" in text
    assert "table:good" in text and r"\textless{}script\textgreater{}alert(1)" in text
    assert r"50\% \& \$x\_1\$ \{a\} \textbackslash{}" in text


def test_report_latex_systems_and_edits_compile_with_pdflatex(
    run_dirs: dict[str, Path], tmp_path: Path
) -> None:
    engine = shutil.which("pdflatex")
    if engine is None:
        pytest.skip("pdflatex is not installed (the text of the tabulars is checked above)")
    body = report_text(
        [run_dirs["good"], run_dirs["poor"]], "latex", table="systems", n_samples=100
    )
    body += report_text([run_dirs["good"], run_dirs["poor"]], "latex", table="edits")
    source = tmp_path / "tables.tex"
    source.write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[margin=5mm,"
        "landscape]{geometry}\n\\usepackage{booktabs,array}\n"
        "\\newcolumntype{P}[1]{>{\\raggedright\\arraybackslash}p{#1}}\n"
        "\\begin{document}\n\\tiny\n" + body + "\n\\end{document}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", source.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "tables.pdf").is_file()


def test_cli_report_writes_a_file_and_reports_errors_in_one_line(
    run_dirs: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "systems.md"
    status = main(
        [
            "report",
            str(run_dirs["good"]),
            str(run_dirs["poor"]),
            "--table",
            "systems",
            "--samples",
            "100",
            "--out",
            str(out),
        ]
    )
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert "## Systems x metrics" in text and "## Edit examples" not in text
    assert main(["report", str(run_dirs["good"]), "--format", "csv"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("translate-eval: error:") and error.count("\n") == 1
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert not (tmp_path / "missing").exists()
