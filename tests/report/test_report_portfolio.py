"""The report's portfolio section: selection, acceptability over SMAA samples, budget sweep."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from coopdecide.portfolio import budget_sweep, portfolio_acceptability, select_portfolio
from coopdecide.report import ReportContent, export_excel, write_report
from coopdecide.sensitivity import smaa

from . import test_report as base
from .conftest import FORMULA, SCRIPT

#: Programme labels that try to break out of HTML, Markdown and spreadsheets.
HEALTH = f"{SCRIPT} health"
PROGRAMMES = [HEALTH, FORMULA, "Chile & Peru port", "Kenya grid", "Kenya school"]
COSTS = [3.0, 2.0, 2.0, 4.0, 1.0]
BUDGETS = [0.0, 2.0, 4.0, 6.0, 8.0, 12.0]


@pytest.fixture(scope="module")
def portfolio_results(hostile_results):
    """Selection, acceptability over kept SMAA scores and a sweep for hostile programmes."""
    problem = hostile_results["problem"]
    alternatives = list(problem.alternatives)  # SCRIPT, "Chile & Peru", FORMULA, "Kenya"
    partners = dict(
        zip(
            PROGRAMMES,
            [alternatives[0], alternatives[2], alternatives[1], "Kenya", "Kenya"],
            strict=True,
        )
    )
    costs = dict(zip(PROGRAMMES, COSTS, strict=True))
    ranking = hostile_results["ranking"]
    scores = {p: float(ranking.scores[a]) for p, a in partners.items()}
    constraints = {"groups": {"partner": partners}, "at_most": {"partner": 1}}
    samples = smaa(problem, 300, weights="uniform", keep_scores=True, random_state=3)
    return {
        "portfolio": select_portfolio(scores, costs, 6.0, **constraints),
        "portfolio_acceptability": portfolio_acceptability(
            samples, costs, 6.0, partners=partners, **constraints
        ),
        "budget_sweep": budget_sweep(scores, costs, BUDGETS, **constraints),
    }


@pytest.fixture(scope="module")
def page(hostile_results, portfolio_results, tmp_path_factory):
    path = tmp_path_factory.mktemp("portfolio") / "report.html"
    write_report(hostile_results["ranking"], path, dpi=40, **portfolio_results)
    return base.Page(path.read_text(encoding="utf-8"))


def test_html_has_the_acceptability_table(page, portfolio_results):
    accept = portfolio_results["portfolio_acceptability"]
    table = page.table("portfolio_acceptability")
    assert table[""] == [
        "share of simulations selected",
        "mean score",
        "cost",
        "in the expected-score portfolio",
    ]
    assert len(table) == 1 + len(PROGRAMMES)
    for programme, share in accept.acceptability.items():
        cells = table[programme]
        assert cells[0] == f"{share:.1%}"
        assert cells[3] == ("yes" if accept.expected.selection[programme] else "no")
    # the two Kenya programmes share a partner and at most one per partner is allowed
    kenya = accept.acceptability[["Kenya grid", "Kenya school"]].sum()
    assert kenya <= 1.0
    frequent = page.table("portfolio_frequent")
    top = accept.portfolios.iloc[0]
    assert frequent["1"][0] == ", ".join(top["programmes"])
    text = page.all_text
    assert f"simulated {accept.n_samples:,} times" in text
    assert f"There were {len(accept.portfolios)} different best portfolios" in text


def test_html_has_the_budget_sweep_table_and_figures(page, portfolio_results):
    sweep = portfolio_results["budget_sweep"].to_frame()
    table = page.table("budget_sweep")
    assert len(table) == 1 + len(BUDGETS)
    assert table[""][:2] == ["feasible", "best objective"]
    added = table[""].index("added")
    for _, row in sweep.iterrows():
        assert table[f"{row['budget']:g}"][added] == row["added"]
    # what the next unit of budget buys, in words (the largest marginal value)
    marginal = sweep["marginal_value"]
    best = sweep.loc[marginal.idxmax()]
    assert f"({marginal.max():.3g} of objective per unit of budget)" in page.all_text
    assert f"and {best['budget']:,.4g}" in page.all_text
    figures = {a["id"]: a for tag, a in page.elements if tag == "figure"}
    for key in ("figure-portfolio", "figure-portfolio_acceptability", "figure-budget_sweep"):
        assert key in figures
    portfolio_section = [
        a for tag, a in page.elements if tag == "section" and a["id"] == "portfolio"
    ]
    assert portfolio_section


def test_html_escapes_hostile_programme_labels(page):
    base._no_network(page)
    text = page.all_text
    assert HEALTH in text and FORMULA in text and "Chile & Peru port" in text
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags
    assert HEALTH in page.table("portfolio_acceptability")


def test_markdown_report_escapes_and_shows_the_tables(hostile_results, portfolio_results, tmp_path):
    path = write_report(
        hostile_results["ranking"], tmp_path / "r.md", figures=False, **portfolio_results
    )
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; health" in text
    assert "*Portfolio acceptability: share of simulations" in text
    assert "*Budget sweep: the best portfolio at each budget" in text


def test_excel_has_the_portfolio_tables_as_text(hostile_results, portfolio_results, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = export_excel(hostile_results["ranking"], tmp_path / "t.xlsx", **portfolio_results)
    book = openpyxl.load_workbook(path)
    for name in ("portfolio", "portfolio_acceptability", "portfolio_frequent", "budget_sweep"):
        assert name in book.sheetnames
    sheet = book["portfolio_acceptability"]
    labels = [row[0].value for row in sheet.iter_rows(min_row=4)]
    assert set(labels) == set(PROGRAMMES)
    cells = [c for row in book["portfolio_acceptability"].iter_rows() for c in row]
    formula = [c for c in cells if c.value == FORMULA]
    assert formula and all(c.data_type == "s" for c in formula)
    assert all(c.data_type != "f" for c in cells)
    shares = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=4)}
    accept = portfolio_results["portfolio_acceptability"]
    for programme, share in accept.acceptability.items():
        assert shares[programme] == pytest.approx(share)


def test_sweep_alone_and_infeasible_budgets(hostile_results, tmp_path):
    # a sweep without selection or acceptability still gets the section; budgets below the
    # mandatory programme's cost (3) cannot be met
    sweep = budget_sweep(
        dict(zip(PROGRAMMES, [0.9, 0.8, 0.5, 0.4, 0.3], strict=True)),
        dict(zip(PROGRAMMES, COSTS, strict=True)),
        BUDGETS,
        mandatory=[HEALTH],
    )
    path = write_report(
        hostile_results["ranking"], tmp_path / "s.html", figures=False, budget_sweep=sweep
    )
    page = base.Page(path.read_text(encoding="utf-8"))
    assert "table-budget_sweep" in page.tables
    assert "table-portfolio" not in page.tables
    assert "Below 4 the rules cannot be met." in page.all_text
    assert page.table("budget_sweep")["0"][0] == "no"
    assert page.table("budget_sweep")["4"][0] == "yes"


def test_without_portfolio_results_there_is_no_section(hostile_results, tmp_path):
    path = write_report(hostile_results["ranking"], tmp_path / "n.html", figures=False)
    page = base.Page(path.read_text(encoding="utf-8"))
    assert "portfolio" not in [a["id"] for tag, a in page.elements if tag == "section"]


def test_content_from_a_study_takes_the_acceptability_and_sweep(hostile_results, portfolio_results):
    study = SimpleNamespace(
        title="t",
        question=None,
        description=None,
        notes=(),
        criteria=hostile_results["ranking"].problem.criteria.to_frame(),
        experts=(),
        source=None,
        to_dict=lambda: {"data": {"path": "x.csv"}},
    )
    result = SimpleNamespace(
        study=study,
        ranking=hostile_results["ranking"],
        group=None,
        sensitivity={},
        warnings=(),
        **portfolio_results,
    )
    content = ReportContent.from_study(result)
    assert content.portfolio_acceptability is portfolio_results["portfolio_acceptability"]
    assert content.budget_sweep is portfolio_results["budget_sweep"]
    assert "budget_sweep" in repr(content)
    # an older StudyResult without those attributes still works
    del result.portfolio_acceptability, result.budget_sweep
    content = ReportContent.from_study(result)
    assert content.portfolio_acceptability is None and content.budget_sweep is None
    assert np.isfinite(content.portfolio.total_score)


def test_sweep_sentence_keeps_a_programme_label_with_a_comma(hostile_results, tmp_path):
    # by hand: budget 2 buys "Chile, Peru port" (0.9 / 2 per unit), budget 4 "Kenya grid"
    # (0.1 / 2); the sentence names the first step's programme whole, not split at its comma
    label = "Chile, Peru port"
    sweep = budget_sweep(
        {label: 0.9, "Kenya grid": 0.1}, {label: 2.0, "Kenya grid": 2.0}, [0, 2, 4]
    )
    path = write_report(
        hostile_results["ranking"], tmp_path / "c.html", figures=False, budget_sweep=sweep
    )
    text = base.Page(path.read_text(encoding="utf-8")).all_text
    assert "The next unit of budget buys most between 0 and 2 (0.45 of objective" in text
    assert f"adding “{label}”." in text
