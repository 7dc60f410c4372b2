"""The interactive HTML report: its page data, escaping, CSP and options (no browser).

The browser tests (tests/report/test_browser.py) check the page's arithmetic; these
check what Python puts into the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import numpy as np
import pytest

from coopdecide.exceptions import InvalidArgumentError
from coopdecide.report import write_report
from coopdecide.report.interactive import page_data

from .conftest import SCRIPT


def _page(path) -> str:
    return path.read_text(encoding="utf-8")


def _data(text: str) -> dict:
    found = re.search(r'<script type="application/json" id="cd-data">(.*?)</script>', text, re.S)
    assert found, "no page data"
    return json.loads(found.group(1))


def test_page_data_is_the_ranked_problem_and_its_swap_points(hostile_results):
    ranking = hostile_results["ranking"]
    data = page_data(ranking)
    problem = ranking.problem
    assert data["matrix"] == problem.matrix.tolist()
    assert data["types"] == [1, -1, -1]
    np.testing.assert_allclose(data["weights"], problem.weight_array, rtol=0, atol=0)
    assert (data["normalization"], data["distance"]) == ("vector", "euclidean")
    swaps = hostile_results["one_at_a_time"].breakpoints
    assert [s["weight"] for s in data["swaps"]] == swaps["weight"].tolist()
    criteria = list(problem.criteria)
    assert [data["criteria"][s["criterion"]] for s in data["swaps"]] == swaps["criterion"].tolist()
    assert sum(s["changes_top"] for s in data["swaps"]) == int(swaps["changes_top"].sum())
    assert data["criteria"] == criteria


def test_interactive_page_escapes_labels_and_allows_only_its_script(hostile_results, tmp_path):
    path = write_report(
        hostile_results["ranking"], tmp_path / "r.html", figures=False, interactive=True
    )
    text = _page(path)
    # the hostile label is in the JSON with < escaped, never as markup
    assert SCRIPT not in text
    assert _data(text)["alternatives"][0] == SCRIPT
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert f"script-src &#x27;sha256-{digest}&#x27;" in csp
    assert "default-src &#x27;none&#x27;" in csp
    assert "innerHTML" not in scripts[0] and "fetch(" not in scripts[0]
    assert text.index('id="ranking"') < text.index('id="explore"') < text.index('id="stability"')


def test_static_report_has_no_script(hostile_results, tmp_path):
    text = _page(write_report(hostile_results["ranking"], tmp_path / "r.html", figures=False))
    assert "<script" not in text and "script-src" not in text


def test_interactive_needs_html_a_bool_and_topsis(hostile_results, tmp_path):
    from coopdecide import rank

    ranking = hostile_results["ranking"]
    with pytest.raises(InvalidArgumentError, match=r"interactive=True needs format='html'"):
        write_report(ranking, tmp_path / "r.md", figures=False, interactive=True)
    with pytest.raises(InvalidArgumentError, match=r"interactive must be True or False; got 'yes'"):
        write_report(ranking, tmp_path / "r.html", figures=False, interactive="yes")
    wsm = rank(hostile_results["problem"], "wsm")
    with pytest.raises(InvalidArgumentError, match=r"needs a TOPSIS ranking .* got a 'wsm'"):
        write_report(wsm, tmp_path / "r.html", figures=False, interactive=True)


def test_cli_report_is_interactive_unless_static(tmp_path):
    import yaml

    from coopdecide.cli import main

    with pytest.raises(SystemExit):
        main(["init", str(tmp_path / "study")])
    study = tmp_path / "study" / "study.yaml"
    settings = yaml.safe_load(study.read_text(encoding="utf-8"))
    settings.pop("sensitivity", None)  # the report, fast
    study.write_text(yaml.safe_dump(settings), encoding="utf-8")
    for flags, expected in (((), True), (("--static",), False)):
        out = tmp_path / ("static" if flags else "live") / "report.html"
        with pytest.raises(SystemExit) as stop:
            main(["run", str(study), "--report", str(out), "--format", "json", *flags])
        assert stop.value.code == 0
        assert ('id="cd-data"' in _page(out)) is expected
        assert "cd-data" not in _page(out.with_suffix(".md"))
