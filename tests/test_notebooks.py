"""The walkthrough notebooks: generated, stripped, and executed without error.

Every notebook in ``notebooks/`` is executed with nbclient in a temporary working
directory (files it writes, such as the report, land there), with matplotlib's
Agg backend; any cell that raises fails the test. The notebooks compare their
results with published numbers in ``assert`` cells (the methods tour), so a
wrong number fails here too.

The committed notebooks must carry no outputs and equal the output of
``scripts/make_notebooks.py``, from which they are generated.
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

# nbformat, nbclient and ipykernel come with the test extra. Without them the tests are
# skipped with the reason, except in CI (CI or COOPDECIDE_REQUIRE_NOTEBOOKS set), where a
# notebook that is not executed must not pass unnoticed.
_MISSING = [
    name
    for name in ("nbformat", "nbclient", "ipykernel", "matplotlib")
    if importlib.util.find_spec(name) is None
]
if _MISSING:
    _REASON = f"the notebooks need {', '.join(_MISSING)}: pip install -e '.[test]'"
    if os.environ.get("CI") or os.environ.get("COOPDECIDE_REQUIRE_NOTEBOOKS"):
        raise ImportError(f"CI must execute the notebooks, but {_REASON}")
    pytest.skip(_REASON, allow_module_level=True)

import nbclient  # noqa: E402
import nbformat  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
GENERATOR = ROOT / "scripts" / "make_notebooks.py"
NOTEBOOKS = sorted(path.name for path in NOTEBOOK_DIR.glob("*.ipynb"))

# Each notebook must stay quick; the whole file should take well under a minute.
CELL_TIMEOUT = 120  # seconds, per cell (generous: a slow CI machine)
NOTEBOOK_BUDGET = 60  # seconds, per notebook, including the kernel start


def _generator():
    spec = importlib.util.spec_from_file_location("make_notebooks", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["MPLBACKEND"] = "Agg"
    env["JUPYTER_PLATFORM_DIRS"] = "1"  # silences jupyter_core's migration warning
    env.pop("PYTHONWARNINGS", None)
    # the kernel imports the package that is being tested, not another installation
    paths = [str(ROOT / "src"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    return env


def test_every_notebook_is_generated():
    assert sorted(_generator().NOTEBOOKS) == NOTEBOOKS
    assert NOTEBOOKS == [
        "01_choosing_partner_countries.ipynb",
        "02_methods_tour.ipynb",
        "03_embedding_coopdecide.ipynb",
    ]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stripped(name):
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: cell {index} has outputs"
            assert cell.execution_count is None, f"{name}: cell {index} has an execution count"
        assert not cell.get("attachments"), f"{name}: cell {index} has attachments"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_equals_generator_output(name):
    generator = _generator()
    committed = (NOTEBOOK_DIR / name).read_text(encoding="utf-8")
    assert committed == generator.render(name), (
        f"{name} differs from scripts/make_notebooks.py: edit the script and run it"
    )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_self_contained(name):
    # Users do not have the project's reference-case files: published numbers are typed
    # into the notebooks with their citations.
    text = (NOTEBOOK_DIR / name).read_text(encoding="utf-8")
    assert "reference-cases" not in text
    assert "/work/" not in text


def test_study_notebook_says_what_is_illustrative_and_proxy():
    text = (NOTEBOOK_DIR / "01_choosing_partner_countries.ipynb").read_text(encoding="utf-8")
    assert "**illustrative**" in text
    assert "cultural distance, is a *proxy*" in text


def test_generator_parses_percent_format():
    generator = _generator()
    cells = generator.parse_cells("# %% [markdown]\n# # Title\n#\n# text\n\n# %%\nx = 1\n")
    assert cells == [("markdown", "# Title\n\ntext"), ("code", "x = 1")]
    with pytest.raises(ValueError, match="must start with '#'"):
        generator.parse_cells("# %% [markdown]\nnot a comment\n")
    with pytest.raises(ValueError, match="before the first cell marker"):
        generator.parse_cells("x = 1\n")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes(name, tmp_path):
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    start = time.perf_counter()
    try:
        client.execute(env=_kernel_env())
    except nbclient.exceptions.CellExecutionError as error:
        pytest.fail(f"{name} failed:\n{error}")
    elapsed = time.perf_counter() - start
    assert elapsed < NOTEBOOK_BUDGET, f"{name} took {elapsed:.0f} s"
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    if name.startswith("01_"):
        # the first notebook ends with the report, written in the working directory
        assert (tmp_path / "indonesia_partners_report.html").stat().st_size > 10_000
        assert (tmp_path / "indonesia_partners_report.md").exists()
