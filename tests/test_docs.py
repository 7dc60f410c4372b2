"""The documentation site builds strictly, and the examples of its pages run.

- ``mkdocs build --strict`` (every warning an error: broken links and anchors, nav entries
  without a page, mkdocstrings problems) into a temporary directory. Needs the ``docs``
  extra; without it the test is skipped with the reason, except in CI: when ``CI`` or
  ``COOPDECIDE_REQUIRE_DOCS`` is set in the environment a missing extra is a failure.
- The examples of the pages this test owns (``docs/index.md``, ``docs/getting-started.md``)
  run: ``python`` blocks are executed, ``pycon`` blocks run as doctests, output included.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS_PACKAGES = ("mkdocs", "material", "mkdocstrings_handlers.python", "mkdocs_jupyter")


def _missing_docs_packages() -> list[str]:
    missing = []
    for name in DOCS_PACKAGES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            missing.append(name)
    return missing


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    missing = _missing_docs_packages()
    if missing:
        reason = (
            f"the docs extra is not installed (missing {', '.join(missing)}): "
            "pip install -e '.[docs]'"
        )
        if os.environ.get("CI") or os.environ.get("COOPDECIDE_REQUIRE_DOCS"):
            pytest.fail(f"CI must build the docs, but {reason}")
        pytest.skip(reason)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = completed.stdout + completed.stderr
    problems = [line for line in log.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    assert completed.returncode == 0, "mkdocs build --strict failed:\n" + log
    assert not problems, "mkdocs build --strict warned:\n" + "\n".join(problems)
    site = tmp_path / "site"
    for page in ("index.html", "getting-started/index.html", "api/ahp/index.html"):
        assert (site / page).is_file(), page
    # The API reference is generated from the docstrings, not empty headings.
    api = (site / "api" / "ranking" / "index.html").read_text(encoding="utf-8")
    assert 'id="coopdecide.ranking.topsis.topsis"' in api
    # Every notebook in notebooks/ is a page of the site.
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert (site / "notebooks" / notebook.stem / "index.html").is_file(), notebook.name


def _fenced(text: str, language: str) -> list[str]:
    """The fenced code blocks of one language in a Markdown page."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", ["index.md", "getting-started.md", "guide/weights.md"])
def test_page_examples(page: str) -> None:
    path = ROOT / "docs" / page
    text = path.read_text(encoding="utf-8")
    python, pycon = _fenced(text, "python"), _fenced(text, "pycon")
    assert python or pycon, f"no example in docs/{page}"
    for number, block in enumerate(python, start=1):
        exec(compile(block, f"docs/{page} (python block {number})", "exec"), {})
    if pycon:
        test = doctest.DocTestParser().get_doctest("\n".join(pycon), {}, page, str(path), 0)
        runner = doctest.DocTestRunner(
            optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.REPORT_NDIFF
        )
        output: list[str] = []
        runner.run(test, out=output.append)
        assert runner.failures == 0, "".join(output)
