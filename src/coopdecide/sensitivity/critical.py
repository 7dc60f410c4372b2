"""Critical weight changes (Triantaphyllou and Sanchez 1997), exact for TOPSIS.

See ``docs/guide/sensitivity-weights.md`` and ``docs/methods/exact-breakpoints.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass, to_jsonable
from coopdecide.problem import DecisionProblem
from coopdecide.sensitivity._breakpoints import (
    Breakpoints,
    check_points,
    prepare,
    records,
    warn_undefined,
)

__all__ = ["CriticalChangesResult", "critical_changes"]

_COLUMNS = [
    "criterion",
    "scope",
    "feasible",
    "current_weight",
    "delta",
    "relative_change",
    "new_weight",
    "unnormalized_delta",
    "unnormalized_relative_change",
    "unnormalized_alternative_a",
    "unnormalized_alternative_b",
    "alternative_a",
    "alternative_b",
    "leader_before",
    "leader_after",
    "exact",
    "resolution",
]
_NUMERIC = [
    "delta",
    "relative_change",
    "new_weight",
    "unnormalized_delta",
    "unnormalized_relative_change",
    "resolution",
]
_LABEL = [
    "unnormalized_alternative_a",
    "unnormalized_alternative_b",
    "alternative_a",
    "alternative_b",
    "leader_before",
    "leader_after",
]


def critical_changes(
    problem: DecisionProblem,
    *,
    weights: Any = None,
    method: str = "topsis",
    normalization: str | None = None,
    distance: str = "euclidean",
    grid_points: int = 1001,
    **method_options: Any,
) -> CriticalChangesResult:
    """Smallest change of each criterion's weight that changes the ranking.

    For each criterion ``k`` its weight moves from the current ``w_k`` to
    ``w_k + delta`` while the other criteria keep their proportions (the
    one-at-a-time path of :func:`one_at_a_time`, which is also what
    Triantaphyllou and Sanchez (1997) obtain by changing one weight and
    renormalising). Reported per criterion, for two scopes:

    - ``"top"``: the smallest ``|delta|`` that changes the top-ranked
      alternative (T&S's critical change for the pairs involving the best
      alternative);
    - ``"any"``: the smallest ``|delta|`` that reverses the order of any pair,
      with which pair.

    ``relative_change`` is ``100 * delta / w_k`` (percent of the current
    weight), T&S's ``delta'``; the most critical criterion is the one with the
    smallest ``|relative_change|`` ("percent-top" and "percent-any" in T&S's
    terms); :attr:`CriticalChangesResult.most_critical` also gives the
    "absolute-top" and "absolute-any" variants.

    Parameters
    ----------
    problem : DecisionProblem
        The decision problem.
    weights : mapping or array-like, optional
        The current weights. Default: the problem's own.
    method : str, default "topsis"
        ``"topsis"`` (exact: swap points are roots of polynomials) or any other
        name accepted by :func:`coopdecide.rank` (located on a grid).
    normalization : str, optional
        TOPSIS normalization ("vector" by default; "minmax", "max", "sum");
        for other methods passed on to :func:`coopdecide.rank` when given.
    distance : {"euclidean", "manhattan"}, default "euclidean"
        The TOPSIS distance (TOPSIS only).
    grid_points : int, default 1001
        Grid for methods other than TOPSIS (the current weight is added).
    **method_options
        Options of a method other than TOPSIS.

    Returns
    -------
    CriticalChangesResult
        One row per criterion and scope, with ``feasible`` False when no
        weight in [0, 1] makes that change (the numbers are then ``<NA>``).

    Raises
    ------
    InvalidTypeError
        ``problem`` is not a DecisionProblem.
    InvalidWeightsError
        No weights, or weights that do not match the criteria.
    UnknownMethodError
        An unknown method, normalization or distance.
    InvalidArgumentError
        ``grid_points`` below 2, or options the method does not take.
    InvalidProblemError
        Fewer than 2 criteria, or data the normalization cannot handle.

    Warns
    -----
    MethodWarning
        A method other than TOPSIS is undefined at some weights of a path;
        those weights are left out of the search.

    Notes
    -----
    ``delta`` is the change of the criterion's *normalised* weight (weights
    summing to 1 before and after). Triantaphyllou and Sanchez state the
    change of ``W_k`` with the other weights held fixed, before renormalising;
    a swap at normalised weight ``t`` is ``(t - w_k) / (1 - t)`` in their
    form (the same path, another parameterisation). ``unnormalized_delta``
    is T&S's minimum in their own form: the swap with the smallest
    ``|(t - w_k) / (1 - t)|`` over all pairs (of the scope) and both
    directions, found separately from the normalised minimum (the two can be
    different swaps, on opposite sides of ``w_k``); its pair is
    ``unnormalized_alternative_a``/``unnormalized_alternative_b`` and T&S's
    percentage ``100 * unnormalized_delta / w_k`` is
    ``unnormalized_relative_change``. The sign is that of the change (T&S's
    ``delta_{k,i,j}`` is a decrease, ``W*_k = W_k - delta``, so the opposite
    sign). The two percentages rank criteria differently in general; the most
    critical criterion here uses ``relative_change`` (the normalised
    weights that an analyst reads and reports). With ``w_k = 0`` the relative change
    is ``+inf``: no percentage of a zero weight reaches the change. A change
    exactly at the current weights (``delta = 0``) means the current weights
    sit on a swap (a tie that any move breaks).

    References
    ----------
    Triantaphyllou, E. and Sanchez, A. (1997). A sensitivity analysis
    approach for some deterministic multi-criteria decision-making methods.
    *Decision Sciences* 28(1), 151-194.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[10, 0], [0, 10], [5, 4]], objectives="max",
    ...     alternatives=["A", "B", "C"], criteria=["c1", "c2"], weights=[0.75, 0.25],
    ... )
    >>> result = critical_changes(problem, normalization="minmax", distance="manhattan")
    >>> top = result.top
    >>> top["new_weight"].tolist(), top["leader_after"].tolist()
    ([0.5, 0.5], ['B', 'B'])
    >>> top["relative_change"].round(2).tolist()
    [-33.33, 100.0]
    >>> result.most_critical_top
    'c1'
    """
    context = prepare(
        problem,
        weights=weights,
        method=method,
        normalization=normalization,
        distance=distance,
        method_options=method_options,
    )
    grid_points = check_points("grid_points", grid_points)
    rows: list[dict[str, Any]] = []
    labels = np.asarray(context.problem.alternatives, dtype=object)
    undefined: dict[Any, int] = {}
    for k, criterion in enumerate(context.problem.criteria):
        found = context.breakpoints(k, grid_points)
        undefined[criterion] = found.undefined
        w = float(context.weights[k])
        rows.append(_row(criterion, "top", w, found, found.changes_top, labels, context.exact))
        rows.append(
            _row(
                criterion, "any", w, found, np.ones(found.weight.shape, bool), labels, context.exact
            )
        )
    warn_undefined(method, undefined)
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for column in _NUMERIC:
        frame[column] = frame[column].astype("Float64")
    frame["feasible"] = frame["feasible"].astype(bool)
    for column in _LABEL:  # keep None for "no such pair" (not a NaN-like string missing value)
        frame[column] = pd.Series([row[column] for row in rows], dtype=object, index=frame.index)
    return CriticalChangesResult._build(context=context, table=frame)


def _row(
    criterion: Any,
    scope: str,
    w: float,
    found: Breakpoints,
    mask: np.ndarray,
    labels: np.ndarray,
    exact: bool,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "criterion": criterion,
        "scope": scope,
        "feasible": False,
        "current_weight": w,
        "exact": exact,
    }
    for column in _NUMERIC:
        row[column] = pd.NA
    for column in _LABEL:
        row[column] = None
    if not mask.any():
        return row
    candidates = np.flatnonzero(mask)
    deltas = found.weight[candidates] - w
    # smallest |delta|; on a tie, the decrease (listed first, weights are sorted)
    i = candidates[int(np.argmin(np.abs(deltas)))]
    # T&S's minimum in their own form, over the same swaps: the change of W_k with the
    # others fixed, delta / (1 - t). It is not a monotone function of |delta| across the
    # two directions, so the nearest swap in that form can be another one.
    raws = deltas / (1.0 - found.weight[candidates])
    nearest_raw = int(np.argmin(np.abs(raws)))
    j, raw = candidates[nearest_raw], float(raws[nearest_raw])
    t = float(found.weight[i])
    delta = t - w
    a, b = labels[found.a[i]], labels[found.b[i]]
    below, above = (a, b) if found.a_leads_below[i] else (b, a)
    before, after = (above, below) if delta < 0 else (below, above)
    row.update(
        {
            "feasible": True,
            "delta": delta,
            "relative_change": _percent(delta, w),
            "new_weight": t,
            "unnormalized_delta": raw,
            "unnormalized_relative_change": _percent(raw, w),
            "unnormalized_alternative_a": labels[found.a[j]],
            "unnormalized_alternative_b": labels[found.b[j]],
            "alternative_a": a,
            "alternative_b": b,
            "leader_before": before,
            "leader_after": after,
            "resolution": float(found.resolution[i]),
        }
    )
    return row


def _percent(change: float, weight: float) -> float:
    """``100 * change / weight``; +inf for a positive change of a zero weight."""
    if weight > 0:
        return 100.0 * change / weight
    return np.inf if change > 0 else 0.0


@result_dataclass
class CriticalChangesResult(Result):
    """Smallest weight changes that alter the ranking, per criterion.

    Produced by :func:`critical_changes`. Immutable: every property returns a
    new object.

    Attributes
    ----------
    method : str
        The ranking method.
    options : dict
        Its options.
    exact : bool
        True for TOPSIS (exact swap points), False for grid-located ones.
    problem : DecisionProblem
        The problem, with the current weights.
    """

    _ranks: pd.Series
    _table: pd.DataFrame
    exact: bool
    higher_is_better: bool
    method: str
    options: Mapping[str, Any]
    problem: DecisionProblem

    @classmethod
    def _build(cls, *, context: Any, table: pd.DataFrame) -> CriticalChangesResult:
        scores = context.scores(context.weights[None, :])
        return cls(
            method=context.method,
            options=dict(context.options),
            exact=bool(context.exact),
            higher_is_better=bool(context.higher_is_better),
            problem=context.problem,
            _table=table,
            _ranks=pd.Series(
                context.ranks(scores)[0], index=context.problem.alternatives, name="rank"
            ),
        )

    # -- labelled outputs ---------------------------------------------------------
    plot = PlotAccessor("CriticalChangesPlots")

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion and scope ("top", "any").

        Columns: ``feasible`` (False: no weight in [0, 1] makes the change;
        the numbers are then ``<NA>``), ``current_weight``, ``delta`` (signed
        change of the normalised weight), ``relative_change`` (percent of the
        current weight; ``+inf`` when that is 0), ``new_weight``,
        ``unnormalized_delta`` and ``unnormalized_relative_change`` (T&S's
        smallest change with the other weights held fixed, as they state it;
        a minimum of its own, possibly of another pair, named by
        ``unnormalized_alternative_a``/``unnormalized_alternative_b``),
        ``alternative_a``/``alternative_b`` (the pair that swaps; None when
        not feasible), ``leader_before``/``leader_after`` (which of the two
        ranks higher before and after the change), ``exact`` and ``resolution``
        (0 when exact, else half the grid step).
        """
        return self._table.copy()

    def _scope(self, scope: str) -> pd.DataFrame:
        frame = self._table[self._table["scope"] == scope].drop(columns="scope")
        return frame.set_index("criterion")

    @property
    def top(self) -> pd.DataFrame:
        """Per criterion: the smallest change that changes the top-ranked alternative."""
        return self._scope("top")

    @property
    def any_pair(self) -> pd.DataFrame:
        """Per criterion: the smallest change that reverses the order of any pair."""
        return self._scope("any")

    @property
    def current_ranks(self) -> pd.Series:
        """The ranks at the current weights (1 = best)."""
        return self._ranks.copy()

    @property
    def top_alternative(self) -> list[Any]:
        """The alternative(s) ranked first at the current weights."""
        return self._ranks.index[self._ranks == 1].tolist()

    def _most(self, scope: str, column: str) -> Any:
        frame = self._scope(scope)
        frame = frame[frame["feasible"]]
        if frame.empty:
            return None
        # equal to 12 decimals counts as a tie: the first criterion listed wins
        values = frame[column].astype(float).abs().round(12)
        return values.idxmin()

    @property
    def most_critical_top(self) -> Any:
        """T&S's percent-top critical criterion: smallest |relative change| changing the top.

        None when no single weight change can change the top.
        """
        return self._most("top", "relative_change")

    @property
    def most_critical_any(self) -> Any:
        """T&S's percent-any critical criterion: smallest |relative change| reversing any pair."""
        return self._most("any", "relative_change")

    @property
    def most_critical(self) -> pd.DataFrame:
        """The four critical criteria of T&S (1997).

        Rows "percent-top", "percent-any" (smallest ``|relative_change|``),
        "absolute-top", "absolute-any" (smallest ``|delta|``); columns
        ``criterion`` (None when no change is feasible), ``delta``,
        ``relative_change``.
        """
        out = []
        for name, scope, column in (
            ("percent-top", "top", "relative_change"),
            ("percent-any", "any", "relative_change"),
            ("absolute-top", "top", "delta"),
            ("absolute-any", "any", "delta"),
        ):
            criterion = self._most(scope, column)
            if criterion is None:
                out.append({"definition": name, "criterion": None, "delta": pd.NA})
                out[-1]["relative_change"] = pd.NA
                continue
            row = self._scope(scope).loc[criterion]
            out.append(
                {
                    "definition": name,
                    "criterion": criterion,
                    "delta": row["delta"],
                    "relative_change": row["relative_change"],
                }
            )
        frame = pd.DataFrame(out).set_index("definition")
        frame["criterion"] = pd.Series(
            [row["criterion"] for row in out], dtype=object, index=frame.index
        )
        for column in ("delta", "relative_change"):
            frame[column] = frame[column].astype("Float64")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (``inf`` is written as the string "inf")."""
        most = self.most_critical.reset_index()
        return {
            "method": self.method,
            "options": to_jsonable(self.options),
            "exact": self.exact,
            "alternatives": [str(a) for a in self.problem.alternatives],
            "criteria": [str(c) for c in self.problem.criteria],
            "current_weight": to_jsonable(self.problem.weights),
            "changes": records(self._table),
            "most_critical": records(most),
        }

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"method": self.method}
        facts.update(self.options)
        facts["exact"] = self.exact
        facts["most critical (top)"] = self.most_critical_top
        facts["most critical (any pair)"] = self.most_critical_any
        return facts

    def _repr_table(self) -> str:
        columns = ["criterion", "scope", "feasible", "delta", "relative_change", "leader_after"]
        return self._table[columns].to_string(
            index=False, max_rows=40, float_format=lambda v: f"{v:.4f}"
        )

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"critical changes": self._table, "most critical criteria": self.most_critical}
