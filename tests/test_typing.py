"""mypy finds no error in src/coopdecide, with the configuration of pyproject.toml.

`.ci/run` runs mypy on its own before the tests; this test makes the same check part of
the test suite, so that a change that breaks the types fails the tests as well
(docs/architecture.md, "Type checking").
"""

from __future__ import annotations

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api", reason="mypy is in the test extra")

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error():
    stdout, stderr, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "src" / "coopdecide")]
    )
    assert status == 0, stdout + stderr
    assert stdout.startswith("Success: no issues found")
