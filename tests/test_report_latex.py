"""Tests of ``translate-eval report --format latex`` for papers (booktabs, wrapped text columns,
Arabic for bidi or romanised, a standalone document that compiles) and of ``--format html``'s
per-cell direction."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from translate_eval.cli import main
from translate_eval.lexicon import lexicon_available
from translate_eval.report.formats import ARABIC_RUN_RE
from translate_eval.report.latex import latex_cell
from translate_eval.report.render import report_text

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the built-in pair is not in this checkout")
    from translate_eval.pipeline import compare

    mt = "gloss" if lexicon_available() else "none"
    folder = tmp_path_factory.mktemp("runs") / "seed"
    compare(CORPUS, mt=mt, encoder="none", cache=False).write(folder)
    return folder


def test_latex_cell_puts_arabic_in_textarabic_or_romanises_it() -> None:
    assert latex_cell("قتل عشرة مدنيين.") == r"\textarabic{قتل عشرة مدنيين.}"  # stop included
    mixed = latex_cell("Jisr al-Shughour (جسر الشغور) fell & 50% left")
    assert mixed == r"Jisr al-Shughour (\textarabic{جسر الشغور}) fell \& 50\% left"
    latin = latex_cell("جسر الشغور_1", romanized=True)
    assert not ARABIC_RUN_RE.search(latin) and "shghur" in latin and r"\_1" in latin


def tabular_specs(text: str) -> list[str]:
    return re.findall(r"\\begin\{tabular\}\{(.*)\}\n\\toprule", text)


def test_report_latex_is_booktabs_with_wrapped_text_and_bidi(seed_run: Path) -> None:
    text = report_text([seed_run], "latex")
    specs = tabular_specs(text)
    assert len(specs) == text.count(r"\begin{tabular}") == text.count(r"\bottomrule") >= 2
    assert r"\hline" not in text
    for spec in specs:  # compact: at most 8 columns, long text only in wrapped P{}/A{} columns
        assert len(re.findall(r"[PA]\{[^{}]+\}|[lr]", spec)) <= 8, spec
    assert specs[-1] == r"P{0.12\linewidth}rA{0.34\linewidth}P{0.34\linewidth}"  # examples
    # Every Arabic run stands inside \textarabic{...}.
    outside = re.sub(r"\\textarabic\{[^{}]*\}", "", text)
    assert not ARABIC_RUN_RE.search(outside)
    assert "textarabic" in text and "polyglossia" in text  # the comment says what it needs
    assert not text.startswith(r"\documentclass")


def test_report_latex_romanized_has_no_arabic_script(seed_run: Path) -> None:
    text = report_text([seed_run], "latex", table="examples", romanized=True)
    assert not ARABIC_RUN_RE.search(text) and "textarabic" not in text
    assert "al-shghur" in text  # جسر الشغور, romanised


def test_report_latex_standalone_is_a_whole_document(seed_run: Path) -> None:
    text = report_text([seed_run], "latex", standalone=True)
    assert text.startswith(r"\documentclass")
    assert text.count(r"\begin{document}") == 1 and text.rstrip().endswith(r"\end{document}")
    for package in ("booktabs", "array", "fontspec", "polyglossia"):
        assert f"\\usepackage{{{package}}}" in text
    assert r"\setotherlanguage{arabic}" in text


def test_latex_options_need_the_latex_format(
    seed_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.md"
    assert main(["report", str(seed_run), "--romanize", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("translate-eval: error:") and error.count("\n") == 1
    assert not out.exists()
    tex = tmp_path / "report.tex"
    assert main(["report", str(seed_run), "--format", "latex", "--standalone", "--romanize",
                 "--out", str(tex)]) == 0  # fmt: skip
    assert tex.read_text(encoding="utf-8").startswith(r"\documentclass")


def test_report_html_sets_the_direction_of_each_cell(seed_run: Path) -> None:
    page = report_text([seed_run], "html", table="examples")
    cells = re.findall(r"<td[^>]*>[^<]*</td>", page)
    arabic = [cell for cell in cells if re.search(r"[\u0621-\u064a]{3}", cell)]
    assert arabic and all('dir="rtl" lang="ar"' in cell for cell in arabic)
    assert all('dir="' in cell for cell in cells)


@pytest.mark.slow
@pytest.mark.parametrize("romanized", [False, True])
def test_standalone_latex_compiles_with_xelatex(
    seed_run: Path, tmp_path: Path, romanized: bool
) -> None:
    xelatex, pdftoppm = shutil.which("xelatex"), shutil.which("pdftoppm")
    if xelatex is None or pdftoppm is None:
        pytest.skip("xelatex or pdftoppm is absent (Debian: texlive-xetex texlive-lang-arabic "
                    "fonts-hosny-amiri poppler-utils)")  # fmt: skip
    source = tmp_path / "report.tex"
    source.write_text(
        report_text([seed_run], "latex", standalone=True, romanized=romanized), encoding="utf-8"
    )
    done = subprocess.run(
        [xelatex, "-interaction=nonstopmode", "-halt-on-error", source.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    log = (tmp_path / "report.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log  # the Arabic font has every glyph
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "report.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    [png] = list(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000
