"""Untrusted data: pair folders cannot point outside themselves, nothing executes data, and
text shown in notebooks and in the report's warnings is escaped.

tests/test_report_html.py and tests/test_pipeline.py already assert that hostile sentence
text, edit labels and metadata are escaped in report.html; tests/test_files.py that names
from data cannot leave an output folder.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pandas as pd

from translate_eval import compare, pair_from_texts
from translate_eval.cli import main
from translate_eval.documents import load_pair
from translate_eval.links import read_links
from translate_eval.report.formats import export_table
from translate_eval.report.render import report_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "jisr-al-shughour"
PACKAGE = ROOT / "translate_eval"
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_meta_toml_paths_neither_read_nor_write_outside_the_pair_folder(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET Arabic text that must never be read. نص سري لا يقرأ أبدا.")
    folder = tmp_path / "corpus" / "pair"
    folder.mkdir(parents=True)
    for name in ("ar.txt", "en.txt"):
        (folder / name).write_text((SEED / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "meta.toml").write_text(
        'id = "../../escaped"\n'
        'name = "../../escaped"\n'
        'ar = "../../secret.txt"\n'
        'en = "/etc/passwd"\n'
        'source = "../../secret.txt"\n'
        'out = "../../escaped"\n'
        f"title = '{HOSTILE}'\n",
        encoding="utf-8",
    )
    pair = load_pair(folder)
    assert pair.name == "pair"  # the folder's own name, never a value from meta.toml
    assert "SECRET" not in pair.source.text and "root:" not in pair.target.text

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["compare", str(folder), "--mt", "none", "--encoder", "none", "--no-cache"]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert not any("escaped" in name for name in written), written
    assert (work / "runs" / "pair" / "links.csv").is_file()
    html = (work / "runs" / "pair" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(2)" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_hostile_text_in_warnings_and_notebook_display_is_escaped(tmp_path):
    # a file name with markup reaches the warnings (they name the file) and so the report
    src = tmp_path / f"{HOSTILE.replace('/', '_')}.txt"
    src.write_bytes((SEED / "ar.txt").read_text(encoding="utf-8").encode("cp1256", "replace"))
    result = compare(src, SEED / "en.txt", mt="none", encoder="none", cache=False)
    assert any("Windows-1256" in w for w in result.warnings)
    html = result.report_html()
    warnings = re.search(r'<section class="warnings".*?</section>', html, re.S)
    assert warnings is not None
    assert "Windows-1256" in warnings.group(0)
    assert "<img" not in warnings.group(0) and "&lt;img src=x" in warnings.group(0)
    assert "<script>alert(2)" not in html

    named = pair_from_texts(["قال المتحدث إن القوات انسحبت."], ["He said forces withdrew."])
    named.name = HOSTILE
    shown = compare(named, mt="none", encoder="none", cache=False)._repr_html_()
    assert "<img" not in shown and "<script>" not in shown and "&lt;img" in shown


#: Calls that run code or rebuild objects from bytes: never applied to data files.
UNSAFE = re.compile(
    r"pickle\.loads?\(|(?<![.\w])eval\(|(?<![.\w])exec\(|yaml\.load\(|torch\.load\(|"
    r"allow_pickle\s*=\s*True|marshal\.loads?\(|shelve\.open\(|dill\.|cloudpickle\.|"
    r"shell\s*=\s*True|os\.system\(|trust_remote_code\s*=\s*True"
)
#: Known uses, each with the reason it is safe.
ALLOWED = {
    # results travel from Ray workers to the driver of the same run in memory; no file is read
    ("scale/ray_engine.py", "pickle.loads("),
}


def test_no_code_reads_data_with_pickle_eval_or_unsafe_loaders():
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0]
            for match in UNSAFE.finditer(code):
                found.add((path.relative_to(PACKAGE).as_posix(), match.group(0)))
    assert found <= ALLOWED, sorted(found - ALLOWED)


def test_links_csv_neutralises_formulas_in_text_but_not_in_structured_columns(tmp_path):
    """A sentence a spreadsheet would run (=HYPERLINK...) is written with a leading quote;
    the table in memory keeps the text as given."""
    formula = '=HYPERLINK("http://example.invalid","click")'
    result = compare(
        pair_from_texts(["ذهب الولد إلى المدرسة.", "عاد إلى البيت."], [formula, "He came home."]),
        mt="none",
        encoder="none",
        cache=False,
    )
    result.write(tmp_path)
    with (tmp_path / "links.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    texts = [row["tgt_text"] for row in rows if row["tgt_text"]]
    assert "'" + formula in texts and formula not in texts
    assert result.links["tgt_text"].str.startswith("=").any()  # in memory the text is as given
    assert formula in set(read_links(tmp_path / "links.csv")["tgt_text"])  # and read back so


#: Characters that reorder or hide what follows them when a page shows them raw.
BIDI_AND_HIDDEN = "\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200b\u061c"


def test_bidi_overrides_in_pair_names_and_file_names_are_shown_not_applied(tmp_path):
    # A pair name or a path in a warning holding U+202E would flip the text after it in
    # report.html (escaping markup does not stop it); such marks are shown as \u202e instead.
    src = tmp_path / "gpj.\u202etxt"
    src.write_bytes((SEED / "ar.txt").read_text(encoding="utf-8").encode("cp1256", "replace"))
    result = compare(src, SEED / "en.txt", mt="none", encoder="none", cache=False)
    result.pair.name = "pair\u202e\u2066" + BIDI_AND_HIDDEN + '"onmouseover=x'
    for page in (result.report_html(), result._repr_html_()):
        assert not set(BIDI_AND_HIDDEN) & set(page)
        assert "\\u202e" in page and "onmouseover" in page
    assert "gpj.\\u202etxt" in result.report_html()


def test_bidi_overrides_in_table_cells_are_shown_not_applied():
    frame = pd.DataFrame({"document\u202e": ["news\u202e\u2067-17"], "beads": [3]})
    for fmt in ("md", "html"):
        table = export_table(frame, fmt)
        assert not set(BIDI_AND_HIDDEN) & set(table), fmt
        assert "news\\u202e\\u2067-17" in table and "document\\u202e" in table


def test_hostile_run_folder_names_cannot_inject_into_markdown_or_latex(tmp_path):
    # report names each run by its folder: markup, a line break that would end a LaTeX comment
    # (so that the next line runs), and a bidi override in the name stay text.
    run = tmp_path / "run"
    assert main(["compare", str(SEED), "--mt", "none", "--encoder", "none", "--out", str(run)]) == 0
    hostile = tmp_path / f"{HOSTILE.replace('/', '_')}\r\\input{{secret}}\n\\write18{{id}}\u202ex"
    run.rename(hostile)
    again = tmp_path / "again"
    shutil.copytree(hostile, again)  # same pair and MT: the report's notes name both runs
    markdown = report_text([hostile, again], "md")
    assert "<img" not in markdown and "<script" not in markdown and "&lt;img" in markdown
    latex = report_text([hostile, again], "latex")
    for line in latex.replace("\r", "\n").splitlines():
        assert not line.lstrip().startswith(("\\input", "\\write18")), line
    for text in (markdown, latex):
        assert "\u202e" not in text and "\\u202ex" in text.replace("\\textbackslash{}", "\\")
