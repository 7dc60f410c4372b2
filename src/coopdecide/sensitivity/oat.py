"""One-at-a-time weight sensitivity with exact TOPSIS swap points.

See ``docs/methods/exact-breakpoints.md`` for the derivation and
``docs/guide/sensitivity-weights.md`` for a walkthrough.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass, to_jsonable
from coopdecide._threads import under_blas_limit
from coopdecide.problem import DecisionProblem
from coopdecide.sensitivity._breakpoints import (
    Breakpoints,
    check_points,
    criterion_positions,
    grid_breakpoints,
    path_weights,
    prepare,
    records,
    warn_undefined,
)

__all__ = ["OneAtATimeResult", "one_at_a_time"]

_BREAKPOINT_COLUMNS = [
    "criterion",
    "weight",
    "delta",
    "alternative_a",
    "alternative_b",
    "leader_below",
    "leader_above",
    "changes_top",
    "exact",
    "resolution",
]


@under_blas_limit
def one_at_a_time(
    problem: DecisionProblem,
    criterion: Hashable | Sequence[Hashable] | None = None,
    method: str = "topsis",
    *,
    weights: Any = None,
    n_points: int = 101,
    normalization: str | None = None,
    distance: str = "euclidean",
    grid_points: int = 1001,
    **method_options: Any,
) -> OneAtATimeResult:
    """Vary one criterion's weight from 0 to 1, the others keeping their proportions.

    For each analysed criterion ``k`` with current weight ``w_k``, the path
    gives ``k`` the weight ``t`` and every other criterion ``j`` the weight
    ``(1 - t) w_j / (1 - w_k)``; it passes through the current weights at
    ``t = w_k``. Scores and ranks are computed along a grid of ``t``, and the
    weights at which two alternatives swap are located: exactly for TOPSIS
    (roots of a polynomial of degree at most 4, see
    ``docs/methods/exact-breakpoints.md``), on a fine grid for other methods.

    Parameters
    ----------
    problem : DecisionProblem
        The decision problem.
    criterion : label or list of labels, optional
        The criterion (or criteria) to vary. Default: every criterion.
    method : str, default "topsis"
        ``"topsis"`` (exact swap points) or any other name accepted by
        :func:`coopdecide.rank` (swap points on a grid).
    weights : mapping or array-like, optional
        The current weights. Default: the problem's own.
    n_points : int, default 101
        Number of equally spaced weights in [0, 1] in the sweep table.
    normalization : str, optional
        For TOPSIS one of "vector" (the default, Hwang and Yoon 1981),
        "minmax", "max", "sum"; every one is applied before the weights, so
        the exact swap points hold for all. For other methods it is passed on
        to :func:`coopdecide.rank` when given (default: the method's own).
    distance : {"euclidean", "manhattan"}, default "euclidean"
        The TOPSIS distance (TOPSIS only).
    grid_points : int, default 1001
        Grid used to locate swaps for methods other than TOPSIS (the current
        weight is added to it); the location is then known to within half a
        grid step, reported in the ``resolution`` column.
    **method_options
        Options of a method other than TOPSIS (for example ``v`` for VIKOR).

    Returns
    -------
    OneAtATimeResult
        ``sweep`` (tidy scores and ranks), ``breakpoints`` (the swaps) and
        ``summary`` (nearest swaps below and above each current weight).

    Raises
    ------
    InvalidTypeError
        ``problem`` is not a DecisionProblem.
    InvalidWeightsError
        No weights (neither given nor in the problem), or weights that do not
        match the criteria.
    UnknownMethodError
        An unknown method, normalization or distance.
    InvalidArgumentError
        An unknown criterion, ``n_points`` or ``grid_points`` below 2, or
        options the method does not take.
    InvalidProblemError
        Fewer than 2 criteria, or data the normalization cannot handle.

    Warns
    -----
    MethodWarning
        A method other than TOPSIS is undefined at some weights of the path
        (for example at a weight of 1 on a constant criterion); those weights
        are left out of the sweep and of the swap search.

    Notes
    -----
    Conventions, also in ``docs/guide/sensitivity-weights.md``:

    - if ``w_k = 1`` (all other weights zero) the proportions of the others
      are undefined; they then share ``1 - t`` equally;
    - a swap is a change of strict order between two alternatives; touching
      without crossing (a tangential root), a tie at ``t = 0`` or ``t = 1``,
      and pairs that tie for every weight (identical alternatives) are not
      swaps;
    - a criterion whose values are all equal cannot change any order; at
      ``t = 1`` it is the only weighted criterion, and every TOPSIS closeness
      is then 0.5 (all alternatives tie at rank 1);
    - an alternative that dominates another (at least as good on every
      criterion) is never overtaken by it under TOPSIS, whatever the weights.

    References
    ----------
    Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making:
    Methods and Applications*. Springer.

    Alinezhad, A. et al. (2011). Sensitivity analysis of TOPSIS technique:
    the results of change in the weight of one attribute on the final
    ranking of alternatives. *Journal of Optimization in Industrial
    Engineering*.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[10, 0], [0, 10], [5, 4]], objectives="max",
    ...     alternatives=["A", "B", "C"], criteria=["c1", "c2"], weights=[0.75, 0.25],
    ... )
    >>> result = one_at_a_time(problem, "c1", normalization="minmax", distance="manhattan")
    >>> result.breakpoints[["weight", "leader_below", "leader_above", "changes_top"]].round(4)
       weight leader_below leader_above  changes_top
    0  0.4444            C            A        False
    1  0.5000            B            A         True
    2  0.5455            B            C        False
    """
    context = prepare(
        problem,
        weights=weights,
        method=method,
        normalization=normalization,
        distance=distance,
        method_options=method_options,
    )
    positions = criterion_positions(context.problem, criterion)
    n_points = check_points("n_points", n_points)
    grid_points = check_points("grid_points", grid_points)

    sweep_grid = np.linspace(0.0, 1.0, n_points)
    sweeps: list[np.ndarray] = []
    found: dict[int, Breakpoints] = {}
    undefined: dict[Any, int] = {}
    for k in positions:
        if context.exact:
            scores = context.scores(path_weights(context.weights, k, sweep_grid))
            found[k] = context.breakpoints(k, grid_points)
        else:
            # One pass over the union of both grids and the current weight.
            grid = np.union1d(
                np.union1d(sweep_grid, np.linspace(0.0, 1.0, grid_points)),
                [context.weights[k]],
            )
            all_scores = context.scores(path_weights(context.weights, k, grid))
            found[k] = grid_breakpoints(grid, context.oriented(all_scores))
            undefined[context.problem.criteria[k]] = found[k].undefined
            scores = all_scores[np.searchsorted(grid, sweep_grid)]
        sweeps.append(scores)
    warn_undefined(method, undefined)
    return OneAtATimeResult._build(
        context=context,
        positions=positions,
        sweep_grid=sweep_grid,
        sweep_scores=sweeps,
        breakpoints=found,
    )


@result_dataclass
class OneAtATimeResult(Result):
    """Scores, ranks and swap points when one criterion's weight varies at a time.

    Produced by :func:`one_at_a_time`. Immutable: every property returns a
    new object.

    Attributes
    ----------
    method : str
        The ranking method.
    options : dict
        Its options (for TOPSIS, normalization and distance).
    exact : bool
        True when the swap points are exact (TOPSIS), False when located on a
        grid (then to within the ``resolution`` column).
    problem : DecisionProblem
        The problem, with the current weights.
    criteria : tuple
        The criteria that were varied.
    """

    _breakpoints: pd.DataFrame
    _current: pd.Series
    _nearest_swaps: pd.DataFrame
    _sweep: pd.DataFrame
    criteria: tuple[Any, ...]
    exact: bool
    higher_is_better: bool
    method: str
    options: Mapping[str, Any]
    problem: DecisionProblem

    @classmethod
    def _build(
        cls,
        *,
        context: Any,
        positions: list[int],
        sweep_grid: np.ndarray,
        sweep_scores: list[np.ndarray],
        breakpoints: dict[int, Breakpoints],
    ) -> OneAtATimeResult:
        problem = context.problem
        return cls(
            method=context.method,
            options=dict(context.options),
            exact=bool(context.exact),
            higher_is_better=bool(context.higher_is_better),
            problem=problem,
            criteria=tuple(problem.criteria[k] for k in positions),
            _current=pd.Series(context.weights, index=problem.criteria, name="current_weight"),
            _sweep=_sweep_table(context, positions, sweep_grid, sweep_scores),
            _breakpoints=_breakpoint_table(context, positions, breakpoints),
            _nearest_swaps=_nearest_swaps_table(context, positions, breakpoints),
        )

    # -- immutability -----------------------------------------------------------
    # -- labelled outputs ---------------------------------------------------------
    @property
    def sweep(self) -> pd.DataFrame:
        """Tidy table of scores and ranks along each path.

        Columns: ``criterion`` (the one varied), ``weight`` (its weight),
        ``alternative``, ``score`` and ``rank`` (1 = best, ties share the best
        rank).
        """
        return self._sweep.copy()

    @property
    def breakpoints(self) -> pd.DataFrame:
        """Every weight at which two alternatives swap.

        Columns: ``criterion``, ``weight`` (of that criterion at the swap),
        ``delta`` (weight minus the current weight), ``alternative_a`` and
        ``alternative_b`` (in problem order), ``leader_below`` and
        ``leader_above`` (which of the two ranks higher just below and just
        above the swap), ``changes_top`` (the two share the best score at the
        swap, so the top-ranked alternative changes), ``exact`` and
        ``resolution`` (0 when exact, else half the grid step).
        """
        return self._breakpoints.copy()

    @property
    def current_weight(self) -> pd.Series:
        """The current weight of every criterion of the problem."""
        return self._current.copy()

    @property
    def summary(self) -> pd.DataFrame:
        """Per varied criterion: the nearest swaps below and above its current weight.

        Columns: ``current_weight``, ``zero_range`` (the criterion has the
        same value for every alternative), ``n_breakpoints``, ``lower`` and
        ``upper`` (nearest swap of any pair), ``top_lower`` and
        ``top_upper`` (nearest swap that changes the top alternative). The
        ranking (resp. the top) is unchanged for weights strictly between
        ``lower`` and ``upper`` (resp. ``top_lower`` and ``top_upper``);
        ``<NA>`` means no swap on that side (stable down to 0 or up to 1);
        ``lower == upper == current_weight`` means the current weights sit
        on a swap (two alternatives tie there and any move separates them).
        """
        return self._nearest_swaps.copy()

    plot = PlotAccessor("OneAtATimePlots")

    def to_frame(self) -> pd.DataFrame:
        """The sweep as a tidy DataFrame (see :attr:`sweep`)."""
        return self.sweep

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary, with the breakpoints and the sweep."""
        summary = self._nearest_swaps.reset_index()
        return {
            "method": self.method,
            "options": to_jsonable(self.options),
            "exact": self.exact,
            "higher_is_better": self.higher_is_better,
            "alternatives": [str(a) for a in self.problem.alternatives],
            "criteria": [str(c) for c in self.criteria],
            "current_weight": to_jsonable(self._current),
            "summary": records(summary),
            "breakpoints": records(self._breakpoints),
            "sweep": records(self._sweep),
        }

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"method": self.method}
        facts.update(self.options)
        facts["swap points"] = "exact" if self.exact else "grid"
        facts["criteria varied"] = len(self.criteria)
        facts["breakpoints"] = len(self._breakpoints)
        return facts

    def _repr_table(self) -> str:
        return self._nearest_swaps.to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"nearest swaps": self._nearest_swaps, "breakpoints": self._breakpoints}


def _sweep_table(
    context: Any, positions: list[int], sweep_grid: np.ndarray, sweep_scores: list[np.ndarray]
) -> pd.DataFrame:
    """The sweeps as one long table: criterion, weight, alternative, score, rank."""
    criteria = context.problem.criteria
    alternatives = context.problem.alternatives
    n = len(alternatives)
    frames = []
    for k, scores in zip(positions, sweep_scores, strict=True):
        defined = ~np.isnan(scores).any(axis=1)
        grid, scores = sweep_grid[defined], scores[defined]
        ranks = context.ranks(scores)
        frames.append(
            pd.DataFrame(
                {
                    "criterion": np.repeat(np.array([criteria[k]], dtype=object), grid.size * n),
                    "weight": np.repeat(grid, n),
                    "alternative": np.tile(np.asarray(alternatives, dtype=object), grid.size),
                    "score": scores.ravel(),
                    "rank": ranks.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _breakpoint_table(
    context: Any, positions: list[int], breakpoints: dict[int, Breakpoints]
) -> pd.DataFrame:
    """One row per swap point of each criterion varied."""
    criteria = context.problem.criteria
    alternatives = context.problem.alternatives
    rows = []
    for k in positions:
        bp = breakpoints[k]
        labels = np.asarray(alternatives, dtype=object)
        a, b = labels[bp.a], labels[bp.b]
        rows.append(
            pd.DataFrame(
                {
                    "criterion": np.repeat(np.array([criteria[k]], dtype=object), bp.a.size),
                    "weight": bp.weight,
                    "delta": bp.weight - context.weights[k],
                    "alternative_a": a,
                    "alternative_b": b,
                    "leader_below": np.where(bp.a_leads_below, a, b),
                    "leader_above": np.where(bp.a_leads_below, b, a),
                    "changes_top": bp.changes_top.astype(bool),
                    "exact": np.full(bp.a.size, context.exact),
                    "resolution": bp.resolution,
                }
            )
        )
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    return table.reindex(columns=_BREAKPOINT_COLUMNS)


def _nearest_swaps_table(
    context: Any, positions: list[int], breakpoints: dict[int, Breakpoints]
) -> pd.DataFrame:
    """Per criterion: its weight, the number of swap points and the nearest ones."""
    criteria = context.problem.criteria
    summary = []
    matrix = context.problem.matrix
    for k in positions:
        bp = breakpoints[k]
        w = context.weights[k]
        summary.append(
            {
                "criterion": criteria[k],
                "current_weight": w,
                "zero_range": bool(matrix[:, k].max() == matrix[:, k].min()),
                "n_breakpoints": int(bp.weight.size),
                "lower": _nearest(bp.weight, bp.weight <= w, below=True),
                "upper": _nearest(bp.weight, bp.weight >= w, below=False),
                "top_lower": _nearest(bp.weight, (bp.weight <= w) & bp.changes_top, True),
                "top_upper": _nearest(bp.weight, (bp.weight >= w) & bp.changes_top, False),
            }
        )
    frame = pd.DataFrame(summary).set_index("criterion")
    for column in ("lower", "upper", "top_lower", "top_upper"):
        frame[column] = frame[column].astype("Float64")
    return frame


def _nearest(weights: np.ndarray, mask: np.ndarray, below: bool) -> Any:
    if not mask.any():
        return pd.NA
    return float(weights[mask].max() if below else weights[mask].min())
