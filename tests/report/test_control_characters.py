"""Labels with bidirectional overrides, terminal escapes or line breaks.

A right-to-left override (U+202E) makes text display in another order than
it is stored ("Trojan Source", CVE-2021-42574): the reports and the terminal
show it escaped as [U+202E] and warn. A line break inside a label becomes a
space everywhere, so the terminal and the report show the same label.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coopdecide import DecisionProblem, topsis
from coopdecide.exceptions import ControlCharacterWarning
from coopdecide.report import write_report

STUDIES = Path(__file__).resolve().parents[1] / "data" / "studies"

#: Stored "Gamma 1.00", displayed "Gamma 00.1" in a bidi-aware viewer.
OVERRIDE = "Gamma \u202e1.00"
ISOLATE = "Delta\u2066x\u2069"
ESCAPE = "Beta\x1b[2J"  # would clear a terminal
BROKEN = "Alpha\nNorth"


@pytest.fixture(scope="module")
def ranking():
    problem = DecisionProblem(
        np.array([[3.0, 1.0], [2.0, 2.0], [1.0, 3.0], [2.5, 2.5]]),
        ["max", "min"],
        weights=[0.5, 0.5],
        alternatives=[BROKEN, ESCAPE, OVERRIDE, ISOLATE],
        criteria=["benefit", "cost"],
    )
    return topsis(problem)


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_reports_show_control_characters_escaped_and_warn(ranking, tmp_path, name):
    with pytest.warns(ControlCharacterWarning, match=r"U\+001B, U\+202E, U\+2066, U\+2069"):
        path = write_report(ranking, tmp_path / name, figures=False, title="T")
    text = path.read_text(encoding="utf-8")
    for raw in ("\u202e", "\u2066", "\u2069", "\x1b", "Alpha\nNorth"):
        assert raw not in text
    for shown in ("[U+202E]1.00", "Delta[U+2066]x[U+2069]", "[U+001B][2J", "Alpha North"):
        assert shown in text.replace("\\[", "[").replace("\\]", "]")  # Markdown escapes []


def test_a_clean_report_does_not_warn(tmp_path):
    problem = DecisionProblem(
        [[1.0, 2.0], [2.0, 1.0]],
        ["max", "max"],
        weights=[0.5, 0.5],
        alternatives=["ok", "فلسطين"],  # right-to-left script alone is fine
        criteria=["a", "b"],
    )
    write_report(topsis(problem), tmp_path / "report.html", figures=False)  # no warning


def test_a_title_with_a_line_break_reads_the_same_in_html_and_markdown(ranking, tmp_path):
    with pytest.warns(ControlCharacterWarning):
        html = write_report(ranking, tmp_path / "r.html", figures=False, title="Partners\n2026")
    with pytest.warns(ControlCharacterWarning):
        md = write_report(ranking, tmp_path / "r.md", figures=False, title="Partners\r\n2026")
    assert "<title>Partners 2026</title>" in html.read_text(encoding="utf-8")
    assert md.read_text(encoding="utf-8").startswith("# Partners 2026\n")


@pytest.fixture
def hostile_study(tmp_path) -> Path:
    """The small test study with an override, an escape and line breaks in its labels."""
    rows = (STUDIES / "candidates.csv").read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["Alpha", "Beta", "Gamma", "Delta"]
    labels = {"Alpha": f'"{BROKEN}"', "Beta": ESCAPE, "Gamma": f'"{OVERRIDE}"', "Delta": "Delta"}
    rows[1:] = [labels[row.split(",")[0]] + row[row.index(",") :] for row in rows[1:]]
    (tmp_path / "candidates.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    study = (STUDIES / "small.yaml").read_text(encoding="utf-8")
    study = study.replace("title: Small test study", 'title: "Small\\ntest study\\u202e"')
    study = study.replace("name: Expert one", 'name: "Expert\\u202eone"')
    (tmp_path / "study.yaml").write_text(study, encoding="utf-8")
    return tmp_path / "study.yaml"


def test_the_terminal_shows_control_characters_escaped_and_warns(hostile_study):
    done = subprocess.run(
        [sys.executable, "-m", "coopdecide.cli", "run", hostile_study],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for raw in ("\u202e", "\x1b", "Alpha\nNorth", "Alpha\\nNorth", "Small\ntest"):
        assert raw not in out
    assert out.startswith("Small test study[U+202E]\n")
    for shown in ("Gamma [U+202E]1.00", "Alpha North", "Beta[U+001B][2J", "Expert[U+202E]one"):
        assert shown in out
    assert "warning: the output holds bidirectional or other control characters" in done.stderr
    assert "U+001B, U+202E" in done.stderr
