"""The README's quickstart runs as written (nothing printed is checked, only that it runs)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_quickstart_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "the README has no Python quickstart"
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in blocks:
            exec(compile(block, str(README), "exec"), {})
    assert "China" in output.getvalue()  # the quickstart prints the ranking of real countries


def test_readme_names_the_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    assert "pip install -e . && coopdecide demo" in text
    assert 'pip install -e ".[test]" && python -m pytest' in text
