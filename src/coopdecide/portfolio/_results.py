"""Result objects of portfolio selection, acceptability and budget sweeps."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, html_section, result_dataclass, to_jsonable
from coopdecide._validation import format_labels
from coopdecide.portfolio._model import _VALUE_TOL, _Model, _solver_session
from coopdecide.portfolio._spec import _Spec


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------
@result_dataclass
class PortfolioResult(Result):
    """The optimal portfolio: which programmes, at what cost, which rules bind.

    Produced by :func:`select_portfolio`; not meant to be built by hand.
    Every attribute is read-only; labelled outputs are new objects on each
    access.
    """

    budget: float
    _spec: _Spec
    _scores: np.ndarray
    _chosen: np.ndarray
    _model: _Model

    # -- labelled outputs -----------------------------------------------------
    @property
    def objective(self) -> str:
        """``"score"``, ``"score_x_cost"`` or ``"score_x_size"``."""
        return self._spec.objective

    @property
    def names(self) -> pd.Index:
        """All candidate programmes."""
        return self._spec.names.copy()

    @property
    def selected(self) -> pd.Index:
        """Labels of the chosen programmes, in input order."""
        return self._spec.names[self._chosen].copy()

    @property
    def selection(self) -> pd.Series:
        """True for each chosen programme (indexed by all programmes)."""
        return pd.Series(self._chosen.copy(), index=self.names, name="selected")

    @property
    def scores(self) -> pd.Series:
        """The scores that were maximised."""
        return pd.Series(self._scores.copy(), index=self.names, name="score")

    @property
    def costs(self) -> pd.Series:
        """The programme costs."""
        return pd.Series(self._spec.costs.copy(), index=self.names, name="cost")

    @property
    def n_selected(self) -> int:
        """Number of chosen programmes."""
        return int(self._chosen.sum())

    @property
    def total_cost(self) -> float:
        """Total cost of the chosen programmes."""
        return float(self._spec.costs[self._chosen].sum())

    @property
    def total_score(self) -> float:
        """Sum of the scores of the chosen programmes."""
        return float(self._scores[self._chosen].sum())

    @property
    def objective_value(self) -> float:
        """The maximised objective (equals ``total_score`` for ``objective="score"``)."""
        return float((self._scores * self._spec.multiplier)[self._chosen].sum())

    @property
    def remaining_budget(self) -> float:
        """Budget left unspent."""
        return self.budget - self.total_cost

    @cached_property
    def _constraint_frame(self) -> pd.DataFrame:
        x = self._chosen.astype(float)
        values = self._scores * self._spec.multiplier
        optimum = float(values @ x)
        rows = []
        constraints = self._model.constraints
        gains: list[float] = []
        with _solver_session():
            for k in range(len(constraints)):
                relaxed = self._model.subset(j for j in range(len(constraints)) if j != k)
                y = relaxed.solve(values)
                gains.append(float(values @ y) - optimum if y is not None else 0.0)
        tol = _VALUE_TOL * max(1.0, abs(optimum))
        for item, gain in zip(constraints, gains, strict=True):
            gain = gain if gain > tol else 0.0
            rows.append(
                {
                    "kind": item.kind,
                    "constraint": item.description,
                    "value": item.activity(x) if item.fix is None else float(x[item.fix[0]]),
                    "bound": item.bound(),
                    "slack": item.slack(x),
                    "binding": gain > 0,
                    "gain_if_relaxed": gain,
                }
            )
        columns = ["kind", "constraint", "value", "bound", "slack", "binding", "gain_if_relaxed"]
        return pd.DataFrame(rows, columns=columns)

    @property
    def constraints(self) -> pd.DataFrame:
        """Every constraint with its value at the optimum and whether it binds.

        Columns: ``kind`` (budget, at_most, at_least, mandatory, excluded,
        requires, excludes), ``constraint`` (a readable description),
        ``value`` (the constrained quantity at the optimum: total cost, number
        chosen in the group, ...), ``bound``, ``slack`` (how far from the
        bound; 0 = tight), ``binding`` (True if dropping this constraint alone
        would raise the optimal objective) and ``gain_if_relaxed`` (by how
        much). Computed on first access by re-solving the program once per
        constraint.
        """
        return self._constraint_frame.copy()

    @property
    def binding(self) -> pd.DataFrame:
        """The rows of :attr:`constraints` that bind."""
        frame = self._constraint_frame
        return frame[frame["binding"]].reset_index(drop=True)

    plot = PlotAccessor("PortfolioPlots")

    # -- renderings -----------------------------------------------------------
    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """One row per programme: score, cost, (size), selected, then one column per group.

        Chosen programmes first, each block by decreasing score, unless
        ``sort=False`` (input order). The group columns (for example
        ``partner`` and ``sector``) hold the labels passed in ``groups``.
        """
        columns: dict[str, Any] = {"score": self.scores, "cost": self.costs}
        if self._spec.sizes is not None:
            columns["size"] = pd.Series(self._spec.sizes, index=self.names)
        columns["selected"] = self.selection
        for group, labels in self._spec.groups.items():
            name = group if group not in columns else f"group_{group}"
            columns[name] = pd.Series(labels, index=self.names, dtype=object)
        frame = pd.DataFrame(columns)
        frame.index.name = "programme"
        if sort:
            frame = frame.sort_values(
                ["selected", "score"], ascending=[False, False], kind="stable"
            )
        return frame

    def _summary(self) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "selected": self.n_selected,
            "of": len(self._spec.names),
            "total_cost": self.total_cost,
            "budget": self.budget,
            "remaining_budget": self.remaining_budget,
            "total_score": self.total_score,
            "objective_value": self.objective_value,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (for tools that embed the library)."""
        result = to_jsonable(self._summary())
        result["programmes"] = [to_jsonable(n) for n in self._spec.names]
        result["selected"] = [to_jsonable(n) for n in self.selected]
        result["scores"] = to_jsonable(self._scores)
        result["costs"] = to_jsonable(self._spec.costs)
        if self._spec.sizes is not None:
            result["sizes"] = to_jsonable(self._spec.sizes)
        result["constraints"] = to_jsonable(self._constraint_frame)
        return result

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={_short(v)}" for k, v in self._summary().items())
        chosen = format_labels(self.selected, limit=12)
        return f"PortfolioResult({facts})\nselected: {chosen}"

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"programmes": self.to_frame(), "constraints": self._constraint_frame}


@result_dataclass
class PortfolioAcceptabilityResult(Result):
    """How often each programme is in the optimal portfolio over score samples.

    Produced by :func:`portfolio_acceptability`; not meant to be built by hand.
    Every attribute is read-only.
    """

    _spec: _Spec
    _samples: np.ndarray
    _chosen: np.ndarray
    _expected: PortfolioResult

    @property
    def names(self) -> pd.Index:
        """The candidate programmes."""
        return self._spec.names.copy()

    @property
    def expected(self) -> PortfolioResult:
        """The portfolio maximising the expected objective.

        Since the objective is linear, this is the optimal portfolio for the
        mean scores.
        """
        return self._expected

    @property
    def n_samples(self) -> int:
        """Number of score samples."""
        return int(self._samples.shape[0])

    @property
    def acceptability(self) -> pd.Series:
        """Share of samples in which each programme is in the optimal portfolio."""
        return pd.Series(self._chosen.mean(axis=0), index=self.names, name="acceptability")

    @property
    def mean_scores(self) -> pd.Series:
        """Mean score of each programme over the samples."""
        return pd.Series(self._samples.mean(axis=0), index=self.names, name="mean_score")

    @property
    def selections(self) -> pd.DataFrame:
        """Samples x programmes: True where the programme is in that sample's optimum."""
        frame = pd.DataFrame(self._chosen.copy(), columns=self.names)
        frame.index.name = "sample"
        return frame

    @property
    def optimal_values(self) -> pd.Series:
        """The optimal objective value of each sample."""
        values = np.einsum("sn,sn->s", self._samples * self._spec.multiplier, self._chosen)
        return pd.Series(values, name="optimal_value").rename_axis("sample")

    @property
    def portfolios(self) -> pd.DataFrame:
        """The distinct optimal portfolios, most frequent first.

        Columns: ``programmes`` (tuple of labels), ``count``, ``share`` and
        ``expected_value`` (the portfolio's objective at the mean scores).
        """
        unique, counts = np.unique(self._chosen, axis=0, return_counts=True)
        mean_values = self._samples.mean(axis=0) * self._spec.multiplier
        rows = [
            {
                "programmes": tuple(self._spec.names[row]),
                "count": int(count),
                "share": count / self.n_samples,
                "expected_value": float(mean_values @ row),
            }
            for row, count in zip(unique, counts, strict=True)
        ]
        frame = pd.DataFrame(rows, columns=["programmes", "count", "share", "expected_value"])
        return frame.sort_values(
            ["count", "expected_value"], ascending=[False, False], kind="stable"
        ).reset_index(drop=True)

    plot = PlotAccessor("PortfolioAcceptabilityPlots")

    def to_frame(self) -> pd.DataFrame:
        """One row per programme, most often selected first.

        Columns: ``acceptability``, ``mean_score``, ``cost`` and
        ``in_expected_portfolio``.
        """
        frame = pd.DataFrame(
            {
                "acceptability": self.acceptability,
                "mean_score": self.mean_scores,
                "cost": pd.Series(self._spec.costs, index=self.names),
                "in_expected_portfolio": self.expected.selection,
            }
        )
        frame.index.name = "programme"
        return frame.sort_values(
            ["acceptability", "mean_score"], ascending=[False, False], kind="stable"
        )

    def _summary(self) -> dict[str, Any]:
        top = self.portfolios.iloc[0]
        return {
            "objective": self._spec.objective,
            "n_samples": self.n_samples,
            "budget": self.expected.budget,
            "distinct optimal portfolios": len(self.portfolios),
            "share of the most frequent": float(top["share"]),
            "expected-score portfolio": format_labels(self.expected.selected, limit=12),
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (for tools that embed the library)."""
        portfolios = self.portfolios
        return {
            "objective": self._spec.objective,
            "n_samples": self.n_samples,
            "programmes": [to_jsonable(n) for n in self._spec.names],
            "acceptability": to_jsonable(self._chosen.mean(axis=0)),
            "mean_scores": to_jsonable(self._samples.mean(axis=0)),
            "expected": self.expected.to_dict(),
            "portfolios": [
                {
                    "programmes": [to_jsonable(p) for p in row["programmes"]],
                    "count": int(row["count"]),
                    "share": float(row["share"]),
                    "expected_value": float(row["expected_value"]),
                }
                for row in portfolios.to_dict(orient="records")
            ],
        }

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={_short(v)}" for k, v in self._summary().items())
        table = self.to_frame().to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")
        return f"PortfolioAcceptabilityResult({facts})\n{table}"

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"programmes": self.to_frame(), "optimal portfolios": self.portfolios.head(10)}


@result_dataclass
class BudgetSweepResult(Result):
    """The optimal portfolio for each budget of a sweep.

    Produced by :func:`budget_sweep`; not meant to be built by hand.
    Every attribute is read-only.
    """

    _spec: _Spec
    _scores: np.ndarray
    _budgets: np.ndarray
    _chosen: np.ndarray
    _feasible: np.ndarray

    @property
    def objective(self) -> str:
        """The maximised objective."""
        return self._spec.objective

    @property
    def budgets(self) -> np.ndarray:
        """The budgets, ascending."""
        return self._budgets.copy()

    @property
    def names(self) -> pd.Index:
        """The candidate programmes."""
        return self._spec.names.copy()

    @property
    def selections(self) -> pd.DataFrame:
        """Budgets x programmes: True where the programme is chosen (False if infeasible)."""
        frame = pd.DataFrame(
            self._chosen.copy(), index=pd.Index(self._budgets, name="budget"), columns=self.names
        )
        return frame

    @property
    def values(self) -> pd.Series:
        """Optimal objective value per budget (NaN where the constraints cannot be met)."""
        return self.to_frame().set_index("budget")["objective_value"]

    plot = PlotAccessor("BudgetSweepPlots")

    def to_frame(self) -> pd.DataFrame:
        """One row per budget.

        Columns: ``budget``, ``feasible``, ``objective_value``,
        ``total_score``, ``total_cost``, ``n_selected``, ``marginal_value``
        (increase of the optimal objective per unit of budget since the
        previous feasible budget), ``added`` and ``removed`` (programmes that
        enter or leave the portfolio at this budget, comma-separated). The
        objective and cost columns are NaN, and ``feasible`` False, for budgets
        at which the constraints cannot be met.
        """
        values = self._scores * self._spec.multiplier
        chosen = self._chosen.astype(float)
        objective = np.where(self._feasible, chosen @ values, np.nan)
        total_score = np.where(self._feasible, chosen @ self._scores, np.nan)
        total_cost = np.where(self._feasible, chosen @ self._spec.costs, np.nan)
        marginal = np.full(len(self._budgets), np.nan)
        previous: int | None = None
        for k in np.flatnonzero(self._feasible).tolist():
            if previous is not None:
                step = self._budgets[k] - self._budgets[previous]
                marginal[k] = (objective[k] - objective[previous]) / step
            previous = k
        entering, leaving = self._changes()
        added = [", ".join(map(str, self._spec.names[row])) for row in entering]
        removed = [", ".join(map(str, self._spec.names[row])) for row in leaving]
        return pd.DataFrame(
            {
                "budget": self._budgets,
                "feasible": self._feasible,
                "objective_value": objective,
                "total_score": total_score,
                "total_cost": total_cost,
                "n_selected": self._chosen.sum(axis=1),
                "marginal_value": marginal,
                "added": added,
                "removed": removed,
            }
        )

    def _changes(self) -> tuple[np.ndarray, np.ndarray]:
        """Budgets x programmes masks: entering and leaving since the previous feasible budget.

        Both are all False at infeasible budgets; at the first feasible budget
        every chosen programme enters.
        """
        entering = np.zeros_like(self._chosen, dtype=bool)
        leaving = np.zeros_like(self._chosen, dtype=bool)
        before = np.zeros(len(self._spec.names), dtype=bool)
        for k in np.flatnonzero(self._feasible):
            now = self._chosen[k]
            entering[k] = now & ~before
            leaving[k] = before & ~now
            before = now
        return entering, leaving

    def _summary(self) -> dict[str, Any]:
        feasible = self._budgets[self._feasible]
        return {
            "objective": self.objective,
            "budgets": len(self._budgets),
            "from": float(self._budgets[0]),
            "to": float(self._budgets[-1]),
            "first feasible budget": float(feasible[0]) if len(feasible) else None,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (for tools that embed the library).

        Per budget: ``objective_value``, ``total_score``, ``total_cost`` and
        ``marginal_value`` (null where infeasible or undefined), the
        ``selected`` programmes and those ``added`` and ``removed`` since the
        previous feasible budget (as in :meth:`to_frame`, but as lists).
        """
        frame = self.to_frame()
        added, removed = self._changes()
        return {
            "objective": self.objective,
            "programmes": [to_jsonable(n) for n in self._spec.names],
            "budgets": to_jsonable(self._budgets),
            "feasible": to_jsonable(self._feasible),
            "objective_value": to_jsonable(frame["objective_value"].to_numpy()),
            "total_score": to_jsonable(frame["total_score"].to_numpy()),
            "total_cost": to_jsonable(frame["total_cost"].to_numpy()),
            "marginal_value": to_jsonable(frame["marginal_value"].to_numpy()),
            "selected": [[to_jsonable(n) for n in self._spec.names[row]] for row in self._chosen],
            "added": [[to_jsonable(n) for n in self._spec.names[row]] for row in added],
            "removed": [[to_jsonable(n) for n in self._spec.names[row]] for row in removed],
        }

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={_short(v)}" for k, v in self._summary().items())
        columns = ["budget", "objective_value", "total_cost", "n_selected", "added"]
        table = self.to_frame()[columns].to_string(
            max_rows=20, index=False, float_format=lambda v: f"{v:.4g}"
        )
        return f"BudgetSweepResult({facts})\n{table}"

    def _repr_html_(self) -> str:
        return html_section("BudgetSweepResult", self._summary(), {"sweep": self.to_frame()})


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
