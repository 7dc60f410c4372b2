"""The report's section on the programme portfolio, its acceptability and the budget sweep."""

from __future__ import annotations

from typing import Any

import pandas as pd

from coopdecide.report.content import ReportContent
from coopdecide.report.document import Figure, Paragraph, Section, Table
from coopdecide.report.wording import _axes, _join, _share


def portfolio_section(content: ReportContent) -> Section | None:
    """The programme portfolio, its acceptability and the budget sweep (None without one)."""
    portfolio = content.portfolio
    accept = content.portfolio_acceptability
    sweep = content.budget_sweep
    if portfolio is None and accept is None and sweep is None:
        return None
    blocks: list[Any] = []
    if portfolio is not None:
        frame = portfolio.to_frame()
        blocks += [
            Paragraph(
                f"{portfolio.n_selected} of {len(frame)} programmes were selected within the "
                f"budget of {portfolio.budget:,.4g} (total cost {portfolio.total_cost:,.4g}, "
                f"total score {portfolio.total_score:.3f})."
            ),
            Table("portfolio", "Programmes, selected first", frame, {"score": ".3f"}),
        ]
        if hasattr(portfolio, "plot"):
            blocks.append(
                Figure(
                    "portfolio",
                    "Programmes by cost and score; the selected ones highlighted",
                    lambda fig: portfolio.plot.scatter(ax=_axes(fig)),
                    size=(7.5, 5.0),
                    sources=(portfolio,),
                )
            )
    if accept is not None:
        blocks += _portfolio_acceptability_blocks(accept)
    if sweep is not None:
        blocks += _budget_sweep_blocks(sweep)
    return Section("portfolio", "The programme portfolio", tuple(blocks))


def _portfolio_acceptability_blocks(accept: Any) -> list[Any]:
    """How robust the portfolio is: acceptability table, frequent portfolios, bar chart."""
    frame = accept.to_frame()
    share = frame["acceptability"]
    always = list(frame.index[share >= 1.0])
    never = int((share <= 0.0).sum())
    between = len(frame) - len(always) - never
    portfolios = accept.portfolios
    top = portfolios.iloc[0]
    text = (
        f"The uncertainty was simulated {accept.n_samples:,} times and the best portfolio "
        f"chosen again each time, with the same budget and rules. "
        + (
            f"{len(always)} programme(s) are in it every time ({_join(always)}); "
            if always
            else "No programme is in it every time; "
        )
        + f"{between} are in it only sometimes, and {never} never. "
        f"There were {len(portfolios)} different best portfolios; the most frequent one "
        f"came out in {_share(float(top['share']))} of the simulations. The portfolio with the "
        f"largest expected total score (at the mean scores) holds "
        f"{accept.expected.n_selected} programme(s) and costs {accept.expected.total_cost:,.4g}."
    )
    table = frame.rename(
        columns={
            "acceptability": "share of simulations selected",
            "mean_score": "mean score",
            "in_expected_portfolio": "in the expected-score portfolio",
        }
    )
    table.index.name = "programme"
    shown = portfolios.head(5).copy()
    shown["programmes"] = [", ".join(map(str, p)) for p in shown["programmes"]]
    shown = shown.rename(columns={"expected_value": "expected value"})
    shown.index = pd.RangeIndex(1, len(shown) + 1, name="#")
    n_programmes = len(frame)
    return [
        Paragraph(text),
        Table(
            "portfolio_acceptability",
            "Portfolio acceptability: share of simulations in which each programme is in the "
            "best portfolio",
            table,
            {"share of simulations selected": ".1%", "mean score": ".3f"},
        ),
        Table(
            "portfolio_frequent",
            "The most frequent best portfolios",
            shown,
            {"share": ".1%", "expected value": ".3f"},
        ),
        Figure(
            "portfolio_acceptability",
            "Portfolio acceptability of each programme (programmes of the expected-score "
            "portfolio darker)",
            lambda fig: accept.plot.bar(ax=_axes(fig)),
            size=(max(6.0, 0.28 * n_programmes + 2.0), 4.5),
            sources=(accept,),
        ),
    ]


def _budget_sweep_blocks(sweep: Any) -> list[Any]:
    """What the next unit of budget buys: the sweep table and its step line."""
    frame = sweep.to_frame()
    feasible = frame[frame["feasible"]]
    parts = [
        f"The best portfolio was found again for {len(frame)} budgets from "
        f"{frame['budget'].iloc[0]:,.4g} to {frame['budget'].iloc[-1]:,.4g}."
    ]
    if len(feasible) < len(frame):
        # feasibility only grows with the budget, and budget_sweep() raises if no budget is
        # feasible, so the infeasible budgets are those below the first feasible one
        parts.append(f"Below {feasible['budget'].iloc[0]:,.4g} the rules cannot be met.")
    marginal = feasible["marginal_value"].dropna()
    if len(marginal) and float(marginal.max()) > 0:
        best = marginal.idxmax()
        previous = feasible.index[list(feasible.index).index(best) - 1]
        # the labels themselves, not the comma-joined "added" column (a label may hold a comma)
        chosen = sweep.selections.to_numpy()
        added = sweep.names[chosen[best] & ~chosen[previous]]
        parts.append(
            f"The next unit of budget buys most between {frame.loc[previous, 'budget']:,.4g} and "
            f"{frame.loc[best, 'budget']:,.4g} ({float(marginal.max()):.3g} of objective per "
            "unit of budget)" + (f", adding {_join(list(added))}." if len(added) else ".")
        )
    table = frame.set_index("budget").rename(
        columns={
            "objective_value": "best objective",
            "total_score": "total score",
            "total_cost": "total cost",
            "n_selected": "programmes",
            "marginal_value": "gain per unit of budget",
        }
    )
    return [
        Paragraph(" ".join(parts)),
        Table(
            "budget_sweep",
            "Budget sweep: the best portfolio at each budget (added and removed programmes "
            "against the previous budget)",
            table,
            {
                "best objective": ".3f",
                "total score": ".3f",
                "gain per unit of budget": ".4f",
            },
        ),
        Figure(
            "budget_sweep",
            "Best objective against the budget: what the next unit of budget buys",
            lambda fig: sweep.plot.line(ax=_axes(fig)),
            size=(7.5, 4.5),
            sources=(sweep,),
        ),
    ]
