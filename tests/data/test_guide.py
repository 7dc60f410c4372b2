"""The examples of docs/guide/own-data.md run (from the repository root, on the fixtures)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide" / "own-data.md"


def test_guide_examples_run_in_order(capsys):
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 6
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for number, block in enumerate(blocks, start=1):
            exec(compile(block, f"{GUIDE.name} (python block {number})", "exec"), namespace)
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    # the outputs the page shows
    assert "Indicators(110 rows: 4 indicators x 14 countries)" in printed
    assert "imputed 1 cell(s) by the continent median" in printed
    problem = namespace["problem"]
    assert problem.provenance.loc[("Thailand", "cultural_distance"), "imputed"]
    assert not problem.provenance.drop(("Thailand", "cultural_distance"))["imputed"].any()
    thailand = namespace["result"].rank_acceptability.loc["Thailand"].round(2).to_dict()
    assert str(thailand) in " ".join(GUIDE.read_text(encoding="utf-8").split())


def test_guide_error_messages_are_the_librarys():
    from coopdecide.data import Criterion, Indicators, read_hofstede, read_wgi
    from coopdecide.exceptions import InvalidArgumentError

    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    tables = Indicators.combine(
        read_wgi(ROOT / "tests/data/indicators/wgi_long.csv"),
        read_hofstede(ROOT / "tests/data/indicators/hofstede.csv"),
    )
    criteria = {
        "cd": Criterion(["pdi", "idv", "mas", "uai", "ltowvs", "ivr"], "min", "kogut_singh")
    }
    with pytest.raises(InvalidArgumentError) as raised:
        tables.to_problem(criteria, focal="IDN", alternatives=["Thailand", "Japan"])
    assert f"InvalidArgumentError: {raised.value}" in text
