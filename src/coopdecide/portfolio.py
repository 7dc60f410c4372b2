r"""Budgeted selection of cooperation programmes (portfolio optimisation).

An agency rarely funds a single winner: it funds several programmes with
several partners under a budget, with rules such as "at most two programmes
per partner", "at least one health programme", "programme A needs programme
B", "A and C exclude each other" or "B is already committed". This module
chooses the set of programmes that maximises the total score within those
rules, as a binary integer program solved exactly by HiGHS through
:func:`scipy.optimize.milp`.

- :func:`select_portfolio`: the optimal portfolio for one set of scores, with
  the constraints that bind, or an :class:`~coopdecide.exceptions.InfeasiblePortfolioError`
  that names a minimal set of conflicting constraints;
- :func:`portfolio_acceptability`: over many score samples (for example SMAA
  samples), how often each programme belongs to the optimal portfolio, and
  the portfolio with the largest expected score;
- :func:`budget_sweep`: the optimal portfolio and its value for a range of
  budgets (what the next unit of budget buys).

The model (for programmes :math:`i = 1..n`, :math:`x_i \in \{0, 1\}`) is

.. math::

    \max_x \sum_i s_i m_i x_i \quad \text{s.t.} \quad \sum_i c_i x_i \le B

with :math:`m_i = 1` (``objective="score"``), :math:`m_i = c_i`
(``"score_x_cost"``) or :math:`m_i` = a given size (``"score_x_size"``), and
the optional group, mandatory, exclusion and dependency constraints. See
``docs/methods/portfolio.md`` for the formulation and references.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import itertools
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from numbers import Integral
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import html_section, to_jsonable
from coopdecide._validation import check_option, check_real, format_labels
from coopdecide.exceptions import (
    InfeasiblePortfolioError,
    InvalidArgumentError,
    InvalidTypeError,
)

__all__ = [
    "BudgetSweepResult",
    "PortfolioAcceptabilityResult",
    "PortfolioResult",
    "budget_sweep",
    "portfolio_acceptability",
    "select_portfolio",
]

OBJECTIVES = ("score", "score_x_cost", "score_x_size")

# relative tolerance used to check a solver solution against the constraints
_FEASIBILITY_TOL = 1e-6
# relative tolerance under which two objective values count as equal
_VALUE_TOL = 1e-9

GroupLimits = Mapping[str, int | Mapping[Any, int]]


# ---------------------------------------------------------------------------
# constraints and the compiled model
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Constraint:
    """One constraint of the portfolio model.

    A row constraint ``lower <= sum(coef * x[index]) <= upper`` or, when
    ``fix`` is set, a fixed variable ``x[fix[0]] == fix[1]``.
    """

    kind: str
    description: str
    index: np.ndarray
    coef: np.ndarray
    lower: float
    upper: float
    group: str | None = None
    label: Any = None
    fix: tuple[int, int] | None = None

    def activity(self, x: np.ndarray) -> float:
        return float(np.dot(self.coef, x[self.index]))

    def bound(self) -> float:
        if self.fix is not None:
            return float(self.fix[1])
        return self.upper if np.isfinite(self.upper) else self.lower

    def slack(self, x: np.ndarray) -> float:
        if self.fix is not None:
            return 0.0
        value = self.activity(x)
        if np.isfinite(self.upper):
            return float(self.upper - value)
        return float(value - self.lower)


_UNRECOGNIZED = "Unrecognized options detected"


@functools.cache
def _solver_options() -> tuple[tuple[str, Any], ...]:
    """HiGHS options for every solve.

    ``mip_rel_gap=0`` makes the optimum exact. The feasibility-jump primal
    heuristic of HiGHS >= 1.10 costs about two thirds of the solve time on
    the small binary programs of portfolio selection and does not change the
    optimum (it only looks for incumbents), so it is turned off where the
    installed HiGHS has that option.
    """
    from scipy.optimize import Bounds, milp

    base = (("mip_rel_gap", 0.0),)
    fast = (*base, ("mip_heuristic_run_feasibility_jump", False))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = milp(
                np.ones(1), integrality=np.ones(1), bounds=Bounds(0, 1), options=dict(fast)
            )
    except Exception:  # pragma: no cover - older HiGHS rejects the option
        return base
    unexpected = [w for w in caught if _UNRECOGNIZED not in str(w.message)]
    return fast if result.status == 0 and not unexpected else base


@contextlib.contextmanager
def _solver_session() -> Iterator[None]:
    """Run HiGHS quietly: no C-level stdout, no warning about verbatim options.

    SciPy warns (RuntimeWarning) that options it does not know, such as
    ``mip_heuristic_run_feasibility_jump``, are passed to HiGHS verbatim; that
    is intended here, so the warning is ignored for the duration.

    HiGHS 1.12 (bundled with recent SciPy) prints a stray debugging line
    (``HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();``)
    with ``printf`` even when logging is off (ERGO-Code/HiGHS#2783). A library
    must not print, so file descriptor 1 is pointed at the null device for the
    duration of the solves. Falls back to doing nothing where that is not
    possible.
    """
    global _SESSIONS
    if _SESSIONS:  # already inside a session (nested call)
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_UNRECOGNIZED, category=RuntimeWarning)
        _SESSIONS += 1
        try:
            try:
                sys.stdout.flush()
                saved = os.dup(1)
                devnull = os.open(os.devnull, os.O_WRONLY)
            except (OSError, AttributeError, ValueError):  # pragma: no cover - exotic stdout
                yield
                return
            with _redirected(devnull, saved):
                yield
        finally:
            _SESSIONS -= 1


_SESSIONS = 0


@contextlib.contextmanager
def _redirected(devnull: int, saved: int) -> Iterator[None]:
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        _flush_c_stdout()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _flush_c_stdout() -> None:
    global _LIBC
    if _LIBC is None:
        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or None)
        except OSError:  # pragma: no cover - no C library to load
            _LIBC = False
    if _LIBC:
        with contextlib.suppress(Exception):
            _LIBC.fflush(None)


_LIBC: Any = None


class _Model:
    """A compiled binary program: the constraint matrix is built once.

    Only the objective changes between :meth:`solve` calls, which is what the
    score-sample and budget loops need.
    """

    def __init__(self, n: int, constraints: Sequence[_Constraint]) -> None:
        from scipy import sparse
        from scipy.optimize import Bounds, LinearConstraint

        self.n = n
        self.constraints = tuple(constraints)
        lb = np.zeros(n)
        ub = np.ones(n)
        rows, cols, data, lower, upper = [], [], [], [], []
        for item in self.constraints:
            if item.fix is not None:
                position, value = item.fix
                lb[position] = max(lb[position], value)
                ub[position] = min(ub[position], value)
                continue
            rows.extend([len(lower)] * len(item.index))
            cols.extend(item.index.tolist())
            data.extend(item.coef.tolist())
            lower.append(item.lower)
            upper.append(item.upper)
        self.lb, self.ub = lb, ub
        self.matrix = sparse.csr_array(
            (np.asarray(data, dtype=float), (np.asarray(rows, int), np.asarray(cols, int))),
            shape=(len(lower), n),
        )
        self.lower = np.asarray(lower, dtype=float)
        self.upper = np.asarray(upper, dtype=float)
        self._bounds = Bounds(lb, ub)
        self._linear = LinearConstraint(self.matrix, self.lower, self.upper) if lower else None
        self._integrality = np.ones(n)

    def set_budget(self, budget: float) -> None:
        """Change the upper bound of the budget row (the first row) in place."""
        from scipy.optimize import LinearConstraint

        self.upper = self.upper.copy()
        self.upper[0] = budget
        self._linear = LinearConstraint(self.matrix, self.lower, self.upper)

    def subset(self, keep: Iterable[int]) -> _Model:
        return _Model(self.n, [self.constraints[k] for k in keep])

    def feasible_point(self, x: np.ndarray) -> bool:
        if np.any(x < self.lb) or np.any(x > self.ub):
            return False
        if self.matrix.shape[0] == 0:
            return True
        activity = self.matrix @ x
        scale = np.maximum(1.0, np.abs(np.where(np.isfinite(self.upper), self.upper, self.lower)))
        tol = _FEASIBILITY_TOL * scale
        return bool(np.all(activity <= self.upper + tol) and np.all(activity >= self.lower - tol))

    def solve(self, values: np.ndarray) -> np.ndarray | None:
        """Maximise ``values @ x``; return the 0/1 solution or None if infeasible.

        Opens a :func:`_solver_session` unless one is already open (open one
        around loops of solves, and before starting threads).
        """
        if _SESSIONS == 0:
            with _solver_session():
                return self.solve(values)
        from scipy.optimize import milp

        if self.n == 0:
            return np.zeros(0)
        for presolve in (True, False):
            result = milp(
                -np.asarray(values, dtype=float),
                integrality=self._integrality,
                bounds=self._bounds,
                constraints=self._linear if self._linear is not None else (),
                options={**dict(_solver_options()), "presolve": presolve},
            )
            if result.status == 2:
                return None
            if result.status != 0 or result.x is None:  # pragma: no cover - solver failure
                raise RuntimeError(f"the MILP solver failed: {result.message}")
            x = np.round(result.x)
            if self.feasible_point(x):
                return x
            # HiGHS occasionally reports an optimum that violates a constraint
            # (scipy/scipy#24141); retry once without presolve.
        raise RuntimeError(  # pragma: no cover - solver failure
            "the MILP solver returned a solution that violates the constraints"
        )


# ---------------------------------------------------------------------------
# input validation
# ---------------------------------------------------------------------------
def _as_float_vector(name: str, values: Any, names: pd.Index | None) -> tuple[np.ndarray, pd.Index]:
    """Return ``values`` as a float array aligned with ``names``.

    ``values`` may be a Series (aligned on its labels), a mapping or an
    array-like in programme order. When ``names`` is None the labels come
    from ``values`` (a Series or mapping) or are generated.
    """
    if isinstance(values, Mapping) and not isinstance(values, pd.Series):
        values = pd.Series(dict(values))
    if isinstance(values, pd.DataFrame):
        raise InvalidTypeError(f"{name} must be a Series or a 1-D array; got a DataFrame")
    if isinstance(values, pd.Series):
        if values.index.has_duplicates:
            duplicated = values.index[values.index.duplicated()].unique()
            raise InvalidArgumentError(
                f"{name} must have unique programme labels; duplicated: {format_labels(duplicated)}"
            )
        if names is None:
            names = pd.Index(values.index)
        else:
            unknown = values.index.difference(names, sort=False)
            missing = names.difference(values.index, sort=False)
            if len(unknown) or len(missing):
                parts = []
                if len(missing):
                    parts.append(f"missing {format_labels(missing)}")
                if len(unknown):
                    parts.append(f"unknown programmes {format_labels(unknown)}")
                raise InvalidArgumentError(
                    f"{name} must have one value for each programme; {'; '.join(parts)}"
                )
            values = values.reindex(names)
        raw = values.to_numpy()
    else:
        if isinstance(values, (str, bytes)):
            raise InvalidTypeError(f"{name} must be a Series or a 1-D array; got {values!r}")
        raw = np.asarray(values)
    try:
        array = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"{name} must contain only numbers; got {list(raw)[:8]!r}") from None
    if array.ndim != 1:
        raise InvalidArgumentError(f"{name} must be one-dimensional; got shape {array.shape}")
    if names is None:
        names = pd.Index([f"P{i + 1}" for i in range(array.shape[0])])
    elif array.shape[0] != len(names):
        raise InvalidArgumentError(
            f"{name} must have one value per programme ({len(names)}); got {array.shape[0]}"
        )
    bad = ~np.isfinite(array)
    if bad.any():
        raise InvalidArgumentError(
            f"{name} must be finite numbers; got NaN or infinite values for "
            f"{format_labels(names[bad])}"
        )
    return array, names


def _check_names(names: Any) -> pd.Index:
    if isinstance(names, (str, bytes)):
        raise InvalidTypeError(f"names must be a sequence of programme labels; got {names!r}")
    index = pd.Index(list(names))
    if index.has_duplicates:
        duplicated = index[index.duplicated()].unique()
        raise InvalidArgumentError(f"names must be unique; duplicated: {format_labels(duplicated)}")
    return index


def _score_vector(scores: Any, names: Any) -> tuple[np.ndarray, pd.Index]:
    scores = _unwrap_ranking(scores)
    if names is not None:
        if isinstance(scores, pd.Series):
            raise InvalidArgumentError(
                "names must not be given when scores is a Series (its index names the programmes)"
            )
        index = _check_names(names)
        return _as_float_vector("scores", scores, index)
    array, index = _as_float_vector("scores", scores, None)
    return array, index


def _unwrap_ranking(scores: Any) -> Any:
    """Accept a RankingResult in place of its scores (higher must be better)."""
    if hasattr(scores, "higher_is_better") and hasattr(scores, "scores"):
        from coopdecide.ranking import RankingResult

        if isinstance(scores, RankingResult):
            if not scores.higher_is_better:
                raise InvalidArgumentError(
                    f"scores must be larger-is-better to be maximised; the {scores.method!r} "
                    "ranking has lower-is-better scores (pass transformed scores instead)"
                )
            return scores.scores
    return scores


def _costs_and_budget(costs: Any, budget: Any, names: pd.Index) -> tuple[np.ndarray, float | None]:
    cost_array, _ = _as_float_vector("costs", costs, names)
    negative = cost_array < 0
    if negative.any():
        raise InvalidArgumentError(
            "costs must be non-negative; got "
            + ", ".join(f"{cost_array[i]:g} for {names[i]!r}" for i in np.flatnonzero(negative))
        )
    if budget is None:
        return cost_array, None
    value = check_real("budget", budget)
    if value < 0:
        raise InvalidArgumentError(f"budget must be non-negative; got {value:g}")
    return cost_array, value


def _multiplier(
    objective: str, sizes: Any, costs: np.ndarray, names: pd.Index
) -> tuple[np.ndarray, np.ndarray | None]:
    check_option("objective", objective, OBJECTIVES)
    if objective == "score_x_size":
        if sizes is None:
            raise InvalidArgumentError('sizes must be given when objective="score_x_size"')
        size_array, _ = _as_float_vector("sizes", sizes, names)
        if (size_array < 0).any():
            raise InvalidArgumentError(
                "sizes must be non-negative; got "
                + ", ".join(
                    f"{size_array[i]:g} for {names[i]!r}" for i in np.flatnonzero(size_array < 0)
                )
            )
        return size_array, size_array
    if sizes is not None:
        raise InvalidArgumentError(
            f'sizes is only used with objective="score_x_size"; got objective={objective!r}'
        )
    if objective == "score_x_cost":
        return costs, None
    return np.ones(len(names)), None


def _programme_positions(name: str, values: Any, lookup: Mapping[Any, int]) -> list[int]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    items = list(values)
    unknown = [v for v in items if v not in lookup]
    if unknown:
        raise InvalidArgumentError(
            f"{name} names programmes that do not exist: {format_labels(unknown)}; "
            f"the programmes are {format_labels(list(lookup))}"
        )
    return [lookup[v] for v in items]


def _pairs(name: str, value: Any) -> list[tuple[Any, Any]]:
    """Read ``requires``: pairs (a, b) or a mapping a -> b or a -> [b1, b2]."""
    if value is None:
        return []
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        for a, bs in value.items():
            if isinstance(bs, (str, bytes)) or not isinstance(bs, Iterable):
                bs = [bs]
            pairs.extend((a, b) for b in bs)
        return pairs
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"{name} must be pairs (a, b) or a mapping a -> b; got {value!r}")
    for item in value:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise InvalidTypeError(
                f"{name} must be pairs (a, b) meaning 'a requires b'; got the entry {item!r}"
            )
        pairs.append((item[0], item[1]))
    return pairs


def _group_labels(name: str, values: Any, names: pd.Index) -> np.ndarray:
    if isinstance(values, Mapping) and not isinstance(values, pd.Series):
        values = pd.Series(dict(values))
    where = f"groups[{name!r}]"
    if isinstance(values, pd.Series):
        unknown = values.index.difference(names, sort=False)
        missing = names.difference(values.index, sort=False)
        if len(unknown):
            raise InvalidArgumentError(
                f"{where} names programmes that do not exist: {format_labels(unknown)}"
            )
        if len(missing):
            raise InvalidArgumentError(
                f"{where} must give a label for every programme; missing {format_labels(missing)}"
            )
        if values.index.has_duplicates:
            raise InvalidArgumentError(f"{where} must have unique programme labels")
        labels = values.reindex(names).to_numpy(dtype=object)
    else:
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise InvalidTypeError(
                f"{where} must be a Series, a mapping or a sequence of labels; got {values!r}"
            )
        labels = np.asarray(list(values), dtype=object)
        if labels.shape != (len(names),):
            raise InvalidArgumentError(
                f"{where} must have one label per programme ({len(names)}); got {labels.shape[0]}"
            )
    missing_label = pd.isna(labels)
    if missing_label.any():
        raise InvalidArgumentError(
            f"{where} has missing labels for {format_labels(names[missing_label])}"
        )
    return labels


def _limits(
    name: str, limits: GroupLimits | None, groups: Mapping[str, np.ndarray]
) -> dict[tuple[str, Any], int]:
    """Read at_most / at_least into {(group, label): k}."""
    if limits is None:
        return {}
    if not isinstance(limits, Mapping):
        raise InvalidTypeError(
            f"{name} must be a mapping group -> k or group -> {{label: k}}; got {limits!r}"
        )
    result: dict[tuple[str, Any], int] = {}
    for group, spec in limits.items():
        if group not in groups:
            known = format_labels(groups) if groups else "none (pass groups=)"
            raise InvalidArgumentError(
                f"{name} names a group that is not defined: {group!r}; the groups are {known}"
            )
        present = list(dict.fromkeys(groups[group].tolist()))
        if isinstance(spec, Mapping):
            unknown = [label for label in spec if label not in present]
            if unknown:
                raise InvalidArgumentError(
                    f"{name}[{group!r}] names values that no programme has: "
                    f"{format_labels(unknown)}; the {group} values are {format_labels(present)}"
                )
            items = list(spec.items())
        else:
            items = [(label, spec) for label in present]
        for label, k in items:
            where = f"{name}[{group!r}]" + (f"[{label!r}]" if isinstance(spec, Mapping) else "")
            if isinstance(k, bool) or not isinstance(k, Integral):
                raise InvalidTypeError(f"{where} must be an integer; got {k!r}")
            if k < 0:
                raise InvalidArgumentError(f"{where} must be non-negative; got {k}")
            result[(group, label)] = int(k)
    return result


@dataclass(frozen=True)
class _Spec:
    """Validated programmes and constraints (everything but the scores)."""

    names: pd.Index
    costs: np.ndarray
    budget: float | None
    multiplier: np.ndarray
    sizes: np.ndarray | None
    objective: str
    groups: dict[str, np.ndarray]
    at_most: dict[tuple[str, Any], int]
    at_least: dict[tuple[str, Any], int]
    mandatory: tuple[int, ...]
    excluded: tuple[int, ...]
    requires: tuple[tuple[int, int], ...]
    excludes: tuple[tuple[int, ...], ...]

    def label(self, position: int) -> str:
        return repr(self.names[position])

    def constraints(self, budget: float | None) -> list[_Constraint]:
        n = len(self.names)
        items: list[_Constraint] = []
        if budget is not None:
            items.append(
                _Constraint(
                    "budget",
                    f"total cost <= {budget:g}",
                    np.arange(n),
                    self.costs.copy(),
                    -np.inf,
                    budget,
                )
            )
        for kind, limits in (("at_most", self.at_most), ("at_least", self.at_least)):
            for (group, label), k in limits.items():
                members = np.flatnonzero(self.groups[group] == label)
                words = "at most" if kind == "at_most" else "at least"
                lower, upper = (-np.inf, float(k)) if kind == "at_most" else (float(k), np.inf)
                items.append(
                    _Constraint(
                        kind,
                        f"{words} {k} with {group} = {label!r}",
                        members,
                        np.ones(len(members)),
                        lower,
                        upper,
                        group=group,
                        label=label,
                    )
                )
        for position in self.mandatory:
            items.append(
                _Constraint(
                    "mandatory",
                    f"{self.label(position)} is mandatory",
                    np.array([position]),
                    np.ones(1),
                    1.0,
                    1.0,
                    fix=(position, 1),
                )
            )
        for position in self.excluded:
            items.append(
                _Constraint(
                    "excluded",
                    f"{self.label(position)} is excluded",
                    np.array([position]),
                    np.ones(1),
                    0.0,
                    0.0,
                    fix=(position, 0),
                )
            )
        for a, b in self.requires:
            items.append(
                _Constraint(
                    "requires",
                    f"{self.label(a)} requires {self.label(b)}",
                    np.array([a, b]),
                    np.array([1.0, -1.0]),
                    -np.inf,
                    0.0,
                )
            )
        for members in self.excludes:
            items.append(
                _Constraint(
                    "excludes",
                    f"at most one of {', '.join(self.label(m) for m in members)}",
                    np.array(members),
                    np.ones(len(members)),
                    -np.inf,
                    1.0,
                )
            )
        return items


def _build_spec(
    names: pd.Index,
    costs: Any,
    budget: Any,
    *,
    sizes: Any,
    objective: str,
    groups: Mapping[str, Any] | None,
    at_most: GroupLimits | None,
    at_least: GroupLimits | None,
    mandatory: Any,
    excluded: Any,
    requires: Any,
    excludes: Any,
) -> _Spec:
    cost_array, budget_value = _costs_and_budget(costs, budget, names)
    multiplier, size_array = _multiplier(objective, sizes, cost_array, names)
    lookup = {name: i for i, name in enumerate(names)}
    if groups is not None and not isinstance(groups, Mapping):
        raise InvalidTypeError(
            f"groups must be a mapping group name -> labels per programme; got {groups!r}"
        )
    parsed_groups = {
        group: _group_labels(group, values, names) for group, values in (groups or {}).items()
    }
    most = _limits("at_most", at_most, parsed_groups)
    least = _limits("at_least", at_least, parsed_groups)
    must = tuple(dict.fromkeys(_programme_positions("mandatory", mandatory, lookup)))
    never = tuple(dict.fromkeys(_programme_positions("excluded", excluded, lookup)))
    pairs = []
    for a, b in _pairs("requires", requires):
        (pa,) = _programme_positions("requires", [a], lookup)
        (pb,) = _programme_positions("requires", [b], lookup)
        if pa == pb:
            raise InvalidArgumentError(
                f"requires must pair two different programmes; got {a!r} twice"
            )
        pairs.append((pa, pb))
    sets = []
    if excludes is not None:
        if isinstance(excludes, (str, bytes)) or not isinstance(excludes, Iterable):
            raise InvalidTypeError(
                f"excludes must be a sequence of groups of mutually exclusive programmes; "
                f"got {excludes!r}"
            )
        for entry in excludes:
            if isinstance(entry, (str, bytes)) or not isinstance(entry, Iterable):
                raise InvalidTypeError(
                    "excludes must contain groups (tuples) of mutually exclusive programmes; "
                    f"got the entry {entry!r}"
                )
            members = tuple(dict.fromkeys(_programme_positions("excludes", entry, lookup)))
            if len(members) < 2:
                raise InvalidArgumentError(
                    "each excludes entry must name at least 2 different programmes; "
                    f"got {list(entry)!r}"
                )
            sets.append(members)
    return _Spec(
        names=names,
        costs=cost_array,
        budget=budget_value,
        multiplier=multiplier,
        sizes=size_array,
        objective=objective,
        groups=parsed_groups,
        at_most=most,
        at_least=least,
        mandatory=must,
        excluded=never,
        requires=tuple(dict.fromkeys(pairs)),
        excludes=tuple(sets),
    )


# ---------------------------------------------------------------------------
# infeasibility diagnosis
# ---------------------------------------------------------------------------
def _required_closure(spec: _Spec, start: Iterable[int]) -> dict[int, int | None]:
    """Programmes forced in by ``start`` through ``requires``: position -> who required it."""
    needs: dict[int, list[int]] = {}
    for a, b in spec.requires:
        needs.setdefault(a, []).append(b)
    forced: dict[int, int | None] = dict.fromkeys(start)
    queue = list(forced)
    while queue:
        current = queue.pop()
        for nxt in needs.get(current, []):
            if nxt not in forced:
                forced[nxt] = current
                queue.append(nxt)
    return forced


def _chain(spec: _Spec, forced: dict[int, int | None], position: int) -> str:
    path = [position]
    while forced[path[-1]] is not None:
        path.append(forced[path[-1]])  # type: ignore[arg-type]
    return " requires ".join(spec.label(p) for p in reversed(path))


def _precheck(spec: _Spec, budget: float | None) -> None:
    """Raise InfeasiblePortfolioError for conflicts that can be named directly."""
    names = spec.names
    both = sorted(set(spec.mandatory) & set(spec.excluded))
    if both:
        raise InfeasiblePortfolioError(
            "programmes cannot be both mandatory and excluded; got "
            f"{format_labels(names[both])} in both"
        )
    forced = _required_closure(spec, spec.mandatory)
    excluded = set(spec.excluded)
    for position in forced:
        if position in excluded:
            raise InfeasiblePortfolioError(
                "a mandatory programme requires an excluded one: "
                f"{_chain(spec, forced, position)}, and {spec.label(position)} is excluded"
            )
    if budget is not None:
        total = float(spec.costs[list(forced)].sum()) if forced else 0.0
        if total > budget * (1 + _FEASIBILITY_TOL) + _FEASIBILITY_TOL:
            items = ", ".join(f"{spec.label(p)} ({spec.costs[p]:g})" for p in forced)
            raise InfeasiblePortfolioError(
                f"the mandatory programmes (with the programmes they require) cost {total:g}, "
                f"more than the budget {budget:g}: {items}"
            )
    for members in spec.excludes:
        inside = [m for m in members if m in forced]
        if len(inside) > 1:
            raise InfeasiblePortfolioError(
                f"{' and '.join(_chain(spec, forced, m) for m in inside)} must all be chosen "
                f"(mandatory), but at most one of {format_labels(names[list(members)])} may be"
            )
    for key, low in spec.at_least.items():
        group, label = key
        high = spec.at_most.get(key)
        if high is not None and low > high:
            raise InfeasiblePortfolioError(
                f"at_least[{group!r}] asks for {low} programmes with {group} = {label!r} but "
                f"at_most[{group!r}] allows only {high}"
            )
        members = np.flatnonzero(spec.groups[group] == label)
        available = [m for m in members if m not in excluded]
        if low > len(available):
            note = (
                f" ({len(members) - len(available)} of them excluded)"
                if len(available) < len(members)
                else ""
            )
            raise InfeasiblePortfolioError(
                f"at_least[{group!r}] asks for {low} programmes with {group} = {label!r}, but "
                f"only {len(available)} can be chosen{note}: {format_labels(names[members])}"
            )
    for (group, label), high in spec.at_most.items():
        members = [m for m in forced if spec.groups[group][m] == label]
        if len(members) > high:
            raise InfeasiblePortfolioError(
                f"at_most[{group!r}] allows {high} programmes with {group} = {label!r}, but "
                f"{len(members)} are mandatory (or required by a mandatory one): "
                f"{format_labels(names[members])}"
            )


def _minimal_conflict(model: _Model) -> list[int]:
    """Deletion filter (Chinneck and Dravnieks 1991) over whole constraints.

    Returns the positions (in ``model.constraints``) of an irreducible
    infeasible subset: dropping any one of them makes the rest feasible.
    """
    keep = list(range(len(model.constraints)))
    zero = np.zeros(model.n)
    for candidate in list(keep):
        trial = [k for k in keep if k != candidate]
        if model.subset(trial).solve(zero) is None:
            keep = trial
    return keep


def _raise_infeasible(model: _Model, *, context: str = "") -> None:
    with _solver_session():
        conflict = _minimal_conflict(model)
    described = [model.constraints[k].description for k in conflict]
    error = InfeasiblePortfolioError(
        f"the portfolio constraints cannot all be met{context}; a minimal conflicting set "
        f"(drop any one of them and the rest can be met): {'; '.join(described)}"
    )
    error.conflicts = tuple(described)  # type: ignore[attr-defined]
    raise error


# ---------------------------------------------------------------------------
# plots
# ---------------------------------------------------------------------------
class PortfolioPlots:
    """Plots of a :class:`PortfolioResult` (``result.plot``)."""

    def __init__(self, result: PortfolioResult) -> None:
        self._result = result

    def scatter(self, ax: Any = None, *, annotate: bool = True, **kwargs: Any) -> Any:
        """Cost against score of every programme, the chosen ones highlighted.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        annotate : bool
            Write the programme label beside each chosen programme.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.scatter` for both groups
            (for example ``s=60``).

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        result = self._result
        frame = result.to_frame(sort=False)
        chosen = frame["selected"].to_numpy(dtype=bool)
        ax.scatter(
            frame["cost"][~chosen],
            frame["score"][~chosen],
            color="0.65",
            marker="o",
            label="not selected",
            **kwargs,
        )
        ax.scatter(
            frame["cost"][chosen],
            frame["score"][chosen],
            color="C0",
            marker="D",
            label="selected",
            **kwargs,
        )
        if annotate:
            for name, row in frame[chosen].iterrows():
                ax.annotate(
                    str(name),
                    (row["cost"], row["score"]),
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize="small",
                )
        ax.set_xlabel("cost")
        ax.set_ylabel("score")
        ax.set_title(
            f"Portfolio: {result.n_selected} programmes, cost {result.total_cost:g} "
            f"of {result.budget:g}"
        )
        ax.legend()
        return ax


class BudgetSweepPlots:
    """Plots of a :class:`BudgetSweepResult` (``result.plot``)."""

    def __init__(self, result: BudgetSweepResult) -> None:
        self._result = result

    def line(self, ax: Any = None, **kwargs: Any) -> Any:
        """Optimal objective value against budget (a step line with markers).

        Infeasible budgets are left out.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.plot`.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        frame = self._result.to_frame()
        frame = frame[frame["feasible"]]
        options = {"marker": "o", "drawstyle": "steps-post", "label": "optimal value"}
        options.update(kwargs)
        ax.plot(frame["budget"], frame["objective_value"], **options)
        ax.set_xlabel("budget")
        ax.set_ylabel(f"optimal {self._result.objective.replace('_x_', ' x ')}")
        ax.set_title("Budget sweep")
        return ax


class PortfolioAcceptabilityPlots:
    """Plots of a :class:`PortfolioAcceptabilityResult` (``result.plot``)."""

    def __init__(self, result: PortfolioAcceptabilityResult) -> None:
        self._result = result

    def bar(self, ax: Any = None, **kwargs: Any) -> Any:
        """Share of samples in which each programme is in the optimal portfolio.

        Bars of programmes in the expected-score portfolio are drawn darker.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.bar`.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        frame = self._result.to_frame()
        colors = ["C0" if chosen else "0.65" for chosen in frame["in_expected_portfolio"]]
        options: dict[str, Any] = {"color": colors}
        options.update(kwargs)
        ax.bar([str(n) for n in frame.index], frame["acceptability"], **options)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of samples selected")
        ax.set_title(f"Portfolio acceptability ({self._result.n_samples} samples)")
        ax.tick_params(axis="x", labelrotation=90)
        return ax


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------
class PortfolioResult:
    """The optimal portfolio: which programmes, at what cost, which rules bind.

    Produced by :func:`select_portfolio`; not meant to be built by hand.

    Attributes
    ----------
    objective : str
        ``"score"``, ``"score_x_cost"`` or ``"score_x_size"``.
    budget : float
        The budget.
    """

    def __init__(
        self, *, spec: _Spec, scores: np.ndarray, budget: float, x: np.ndarray, model: _Model
    ) -> None:
        self.objective = spec.objective
        self.budget = float(budget)
        self._spec = spec
        self._scores = scores
        self._chosen = x.astype(bool)
        self._chosen.flags.writeable = False
        self._model = model

    # -- labelled outputs -----------------------------------------------------
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

    @property
    def plot(self) -> PortfolioPlots:
        """Plots of this result (matplotlib is imported when a plot is drawn)."""
        return PortfolioPlots(self)

    # -- renderings -----------------------------------------------------------
    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """One row per programme: score, cost, (size), selected.

        Chosen programmes first, each block by decreasing score, unless
        ``sort=False`` (input order).
        """
        columns: dict[str, Any] = {"score": self.scores, "cost": self.costs}
        if self._spec.sizes is not None:
            columns["size"] = pd.Series(self._spec.sizes, index=self.names)
        columns["selected"] = self.selection
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

    def _repr_html_(self) -> str:
        return html_section(
            "PortfolioResult",
            self._summary(),
            {"programmes": self.to_frame(), "constraints": self._constraint_frame},
        )


class PortfolioAcceptabilityResult:
    """How often each programme is in the optimal portfolio over score samples.

    Produced by :func:`portfolio_acceptability`; not meant to be built by hand.

    Attributes
    ----------
    expected : PortfolioResult
        The portfolio that maximises the expected objective (the optimal
        portfolio for the mean scores, since the objective is linear).
    n_samples : int
        Number of score samples.
    """

    def __init__(
        self, *, spec: _Spec, samples: np.ndarray, chosen: np.ndarray, expected: PortfolioResult
    ) -> None:
        self._spec = spec
        self._samples = samples
        chosen.flags.writeable = False
        self._chosen = chosen
        self.expected = expected
        self.n_samples = int(samples.shape[0])

    @property
    def names(self) -> pd.Index:
        """The candidate programmes."""
        return self._spec.names.copy()

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

    @property
    def plot(self) -> PortfolioAcceptabilityPlots:
        """Plots of this result (matplotlib is imported when a plot is drawn)."""
        return PortfolioAcceptabilityPlots(self)

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
                    "programmes": [to_jsonable(p) for p in row.programmes],
                    "count": int(row.count),
                    "share": float(row.share),
                    "expected_value": float(row.expected_value),
                }
                for row in portfolios.itertuples(index=False)
            ],
        }

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={_short(v)}" for k, v in self._summary().items())
        table = self.to_frame().to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")
        return f"PortfolioAcceptabilityResult({facts})\n{table}"

    def _repr_html_(self) -> str:
        return html_section(
            "PortfolioAcceptabilityResult",
            self._summary(),
            {"programmes": self.to_frame(), "optimal portfolios": self.portfolios.head(10)},
        )


class BudgetSweepResult:
    """The optimal portfolio for each budget of a sweep.

    Produced by :func:`budget_sweep`; not meant to be built by hand.

    Attributes
    ----------
    objective : str
        The maximised objective.
    """

    def __init__(
        self,
        *,
        spec: _Spec,
        scores: np.ndarray,
        budgets: np.ndarray,
        chosen: np.ndarray,
        feasible: np.ndarray,
    ) -> None:
        self.objective = spec.objective
        self._spec = spec
        self._scores = scores
        for array in (budgets, chosen, feasible):
            array.flags.writeable = False
        self._budgets = budgets
        self._chosen = chosen
        self._feasible = feasible

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

    @property
    def plot(self) -> BudgetSweepPlots:
        """Plots of this result (matplotlib is imported when a plot is drawn)."""
        return BudgetSweepPlots(self)

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
        added: list[str] = []
        removed: list[str] = []
        previous: int | None = None
        for k in range(len(self._budgets)):
            if not self._feasible[k]:
                added.append("")
                removed.append("")
                continue
            if previous is None:
                before = np.zeros(len(self._spec.names), dtype=bool)
            else:
                before = self._chosen[previous]
                step = self._budgets[k] - self._budgets[previous]
                marginal[k] = (objective[k] - objective[previous]) / step
            now = self._chosen[k]
            added.append(", ".join(map(str, self._spec.names[now & ~before])))
            removed.append(", ".join(map(str, self._spec.names[before & ~now])))
            previous = k
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
        """A JSON-serialisable summary (for tools that embed the library)."""
        frame = self.to_frame()
        return {
            "objective": self.objective,
            "programmes": [to_jsonable(n) for n in self._spec.names],
            "budgets": to_jsonable(self._budgets),
            "feasible": to_jsonable(self._feasible),
            "objective_value": to_jsonable(frame["objective_value"].to_numpy()),
            "total_cost": to_jsonable(frame["total_cost"].to_numpy()),
            "selected": [[to_jsonable(n) for n in self._spec.names[row]] for row in self._chosen],
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


# ---------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------
_CONSTRAINT_DOC = """
    groups : mapping str -> Series, mapping or sequence, optional
        Named groupings of the programmes used by ``at_most`` / ``at_least``,
        for example ``{"partner": data["partner"], "sector": data["sector"]}``:
        each gives one label per programme (a Series indexed by programme, a
        mapping programme -> label, or a sequence in programme order).
    at_most, at_least : mapping, optional
        Count limits per group value. ``{"partner": 2}`` applies to every
        value of the group (at most 2 programmes per partner);
        ``{"sector": {"health": 1}}`` applies to the named values only (at
        least one health programme).
    mandatory, excluded : sequence of labels, optional
        Programmes that must be / must not be chosen (for example already
        committed ones, or ones ruled out).
    requires : sequence of pairs or mapping, optional
        Dependencies: ``[("A", "B")]`` or ``{"A": "B"}`` or
        ``{"A": ["B", "C"]}`` — A can only be chosen together with B (and C).
    excludes : sequence of groups, optional
        Mutual exclusions: ``[("A", "B"), ("C", "D", "E")]`` — at most one
        programme of each group may be chosen.
    objective : {"score", "score_x_cost", "score_x_size"}
        Maximise the total score (default, every programme counts by its
        score), the total of score x cost (a score per unit of money, so
        larger programmes weigh more), or the total of score x ``sizes``.
    sizes : Series or array-like, optional
        Non-negative size of each programme (beneficiaries, duration, ...);
        required for, and only used with, ``objective="score_x_size"``.
"""


def select_portfolio(
    scores: pd.Series | npt.ArrayLike,
    costs: pd.Series | npt.ArrayLike,
    budget: float,
    *,
    names: Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
) -> PortfolioResult:
    """Choose the programmes that maximise the total score within a budget.

    Solves the binary program exactly with HiGHS
    (:func:`scipy.optimize.milp`, relative MIP gap 0).

    Parameters
    ----------
    scores : Series, array-like or RankingResult
        One score per programme, larger is better (for example TOPSIS
        closeness). A Series (or a :class:`~coopdecide.RankingResult`) names
        the programmes; for an array pass ``names`` (default ``P1, P2, ...``).
    costs : Series or array-like
        Non-negative cost of each programme (a Series is aligned on the
        programme labels).
    budget : float
        Non-negative budget: the total cost of the chosen programmes must not
        exceed it.
    names : sequence, optional
        Programme labels when ``scores`` is a plain array.
    """
    score_array, index = _score_vector(scores, names)
    spec = _build_spec(
        index,
        costs,
        budget,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    assert spec.budget is not None
    _precheck(spec, spec.budget)
    model = _Model(len(index), spec.constraints(spec.budget))
    with _solver_session():
        x = model.solve(score_array * spec.multiplier)
    if x is None:
        _raise_infeasible(model)
    return PortfolioResult(spec=spec, scores=score_array, budget=spec.budget, x=x, model=model)


def _append_doc(function: Callable[..., Any], extra: str) -> None:
    function.__doc__ = (function.__doc__ or "").rstrip() + "\n" + extra


_append_doc(
    select_portfolio,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    PortfolioResult
        ``selected`` (chosen labels), ``total_cost``, ``total_score``,
        ``objective_value``, ``remaining_budget``, ``constraints`` (which
        bind), ``to_frame()``, ``to_dict()``, ``plot.scatter()``.

    Raises
    ------
    InvalidArgumentError
        Negative costs or budget, NaN scores or costs, unknown programme
        names, groups or group values in the constraints, duplicate labels.
    InfeasiblePortfolioError
        The constraints cannot all be met. The message names the conflict:
        directly for common cases (mandatory programmes over budget, a
        programme both mandatory and excluded, ``at_least`` above the group
        size or above ``at_most``, ...), otherwise a minimal conflicting set
        of constraints found by a deletion filter; the set is also in the
        error's ``conflicts`` attribute.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.Series({"A": 0.9, "B": 0.8, "C": 0.5, "D": 0.4})
    >>> costs = pd.Series({"A": 60, "B": 50, "C": 30, "D": 20})
    >>> result = select_portfolio(scores, costs, budget=100)
    >>> list(result.selected), result.total_cost, round(result.total_score, 2)
    (['B', 'C', 'D'], 100.0, 1.7)
    >>> partner = {"A": "VNM", "B": "VNM", "C": "THA", "D": "THA"}
    >>> result = select_portfolio(
    ...     scores, costs, 100, groups={"partner": partner}, at_most={"partner": 1},
    ...     mandatory=["A"],
    ... )
    >>> list(result.selected)
    ['A', 'C']
""",
)


def portfolio_acceptability(
    score_samples: pd.DataFrame | npt.ArrayLike,
    costs: pd.Series | npt.ArrayLike,
    budget: float,
    *,
    names: Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
    n_jobs: int | None = 1,
) -> PortfolioAcceptabilityResult:
    """How often each programme is in the optimal portfolio over score samples.

    For every row of ``score_samples`` (for example the TOPSIS scores under
    SMAA weight samples) the optimal portfolio is found, with the same
    constraints; the *portfolio acceptability* of a programme is the share of
    samples in which it is chosen (the portfolio analogue of the SMAA
    rank-acceptability index; Lahdelma and Salminen 2001, Liesiö, Mild and
    Salo 2007). Also gives the portfolio that maximises the expected
    objective. The constraint matrix is built once; only the objective changes
    between samples.

    Parameters
    ----------
    score_samples : DataFrame or 2-D array-like
        Samples x programmes. A DataFrame's columns name the programmes; for
        an array the names come from ``names``, else from a ``costs`` Series,
        else ``P1, P2, ...``.
    costs : Series or array-like
        Non-negative cost of each programme.
    budget : float
        Non-negative budget.
    names : sequence, optional
        Programme labels for a plain-array ``score_samples``.
    n_jobs : int or None, default 1
        Number of threads solving samples in parallel (HiGHS releases the
        GIL); ``None`` or ``-1`` uses every CPU. The result does not depend on
        it.
    """
    samples, index = _sample_matrix(score_samples, costs, names)
    workers = _check_jobs(n_jobs)
    spec = _build_spec(
        index,
        costs,
        budget,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    assert spec.budget is not None
    _precheck(spec, spec.budget)
    model = _Model(len(index), spec.constraints(spec.budget))
    values = samples * spec.multiplier
    mean_scores = samples.mean(axis=0)
    chosen = np.zeros(samples.shape, dtype=bool)
    with _solver_session():
        expected_x = model.solve(mean_scores * spec.multiplier)
        if expected_x is not None:
            _solve_rows(model, values, chosen, workers)
    if expected_x is None:
        _raise_infeasible(model)
    expected = PortfolioResult(
        spec=spec, scores=mean_scores, budget=spec.budget, x=expected_x, model=model
    )
    return PortfolioAcceptabilityResult(
        spec=spec, samples=samples, chosen=chosen, expected=expected
    )


_append_doc(
    portfolio_acceptability,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    PortfolioAcceptabilityResult
        ``acceptability`` (Series), ``expected`` (a :class:`PortfolioResult`
        for the mean scores), ``portfolios`` (distinct optimal portfolios and
        their frequency), ``selections``, ``optimal_values``, ``to_frame()``,
        ``to_dict()``, ``plot.bar()``.

    Raises
    ------
    InvalidArgumentError, InfeasiblePortfolioError
        As for :func:`select_portfolio`; also NaN samples or a
        ``score_samples`` that is not two-dimensional.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> samples = rng.uniform(0, 1, size=(200, 4))
    >>> samples[:, 0] += 1.0  # programme P1 always scores highest
    >>> samples[:, 1] += 0.5  # P2 scores second best on average
    >>> result = portfolio_acceptability(samples, [3, 2, 2, 2], budget=5)
    >>> float(result.acceptability["P1"])
    1.0
    >>> list(result.expected.selected)
    ['P1', 'P2']
""",
)


def _check_jobs(n_jobs: Any) -> int:
    if n_jobs is None or (isinstance(n_jobs, Integral) and n_jobs == -1):
        return os.cpu_count() or 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, Integral) or n_jobs < 1:
        raise InvalidArgumentError(f"n_jobs must be a positive integer, -1 or None; got {n_jobs!r}")
    return int(n_jobs)


def _solve_rows(model: _Model, values: np.ndarray, chosen: np.ndarray, workers: int) -> None:
    """Solve the model for each row of ``values``, writing 0/1 rows into ``chosen``."""

    def work(rows: range) -> None:
        for s in rows:
            chosen[s] = model.solve(values[s])  # type: ignore[assignment]

    n = values.shape[0]
    if workers <= 1 or n < 2:
        work(range(n))
        return
    from concurrent.futures import ThreadPoolExecutor

    bounds = np.linspace(0, n, min(workers, n) + 1).astype(int)
    with ThreadPoolExecutor(max_workers=len(bounds) - 1) as pool:
        futures = [pool.submit(work, range(a, b)) for a, b in itertools.pairwise(bounds)]
        for future in futures:
            future.result()


def _sample_matrix(
    score_samples: Any, costs: Any, names: Sequence[Any] | None
) -> tuple[np.ndarray, pd.Index]:
    if isinstance(score_samples, pd.DataFrame):
        if names is not None:
            raise InvalidArgumentError(
                "names must not be given when score_samples is a DataFrame "
                "(its columns name the programmes)"
            )
        index = _check_names(score_samples.columns)
        raw = score_samples.to_numpy()
    else:
        raw = score_samples
        if names is not None:
            index = _check_names(names)
        elif isinstance(costs, pd.Series):
            index = _check_names(costs.index)
        else:
            index = None
    try:
        samples = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError("score_samples must contain only numbers") from None
    if samples.ndim != 2 or samples.shape[0] < 1:
        raise InvalidArgumentError(
            "score_samples must be two-dimensional (samples x programmes) with at least one "
            f"sample; got shape {samples.shape}"
        )
    if index is None:
        index = pd.Index([f"P{i + 1}" for i in range(samples.shape[1])])
    if samples.shape[1] != len(index):
        raise InvalidArgumentError(
            f"score_samples must have one column per programme ({len(index)}); "
            f"got {samples.shape[1]}"
        )
    bad = ~np.isfinite(samples)
    if bad.any():
        rows, cols = np.nonzero(bad)
        raise InvalidArgumentError(
            f"score_samples must be finite numbers; got NaN or infinite values in "
            f"{len(rows)} cell(s), first in sample {rows[0]} for {index[cols[0]]!r}"
        )
    return samples, index


def budget_sweep(
    scores: pd.Series | npt.ArrayLike,
    costs: pd.Series | npt.ArrayLike,
    budgets: npt.ArrayLike,
    *,
    names: Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
) -> BudgetSweepResult:
    """The optimal portfolio and its value for each of a range of budgets.

    Shows what the next unit of budget buys: the optimal objective is a
    non-decreasing step function of the budget, and ``marginal_value`` in
    :meth:`BudgetSweepResult.to_frame` is its increase per unit of budget
    between consecutive budgets.

    Parameters
    ----------
    scores : Series, array-like or RankingResult
        One score per programme, larger is better.
    costs : Series or array-like
        Non-negative cost of each programme.
    budgets : array-like
        Non-negative budgets; sorted ascending and de-duplicated. Budgets at
        which the constraints cannot be met (for example below the cost of the
        mandatory programmes) are reported with ``feasible=False``; if no
        budget is feasible an InfeasiblePortfolioError explains why at the
        largest one.
    names : sequence, optional
        Programme labels when ``scores`` is a plain array.
    """
    score_array, index = _score_vector(scores, names)
    spec = _build_spec(
        index,
        costs,
        None,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    if isinstance(budgets, (str, bytes)):
        raise InvalidTypeError(f"budgets must be a sequence of numbers; got {budgets!r}")
    try:
        budget_array = np.array(budgets, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"budgets must be a sequence of numbers; got {budgets!r}") from None
    if budget_array.ndim != 1 or budget_array.size == 0:
        raise InvalidArgumentError(
            f"budgets must be a non-empty one-dimensional sequence; got shape {budget_array.shape}"
        )
    if not np.isfinite(budget_array).all():
        raise InvalidArgumentError(f"budgets must be finite; got {budget_array.tolist()}")
    if (budget_array < 0).any():
        raise InvalidArgumentError(
            f"budgets must be non-negative; got {budget_array[budget_array < 0].tolist()}"
        )
    budget_array = np.unique(budget_array)
    # budget-independent conflicts are reported at once
    _precheck(spec, None)
    template = spec.constraints(float(budget_array[-1]))
    model = _Model(len(index), template)
    values = score_array * spec.multiplier
    chosen = np.zeros((len(budget_array), len(index)), dtype=bool)
    feasible = np.zeros(len(budget_array), dtype=bool)
    with _solver_session():
        for k, budget in enumerate(budget_array):
            model.set_budget(float(budget))
            x = model.solve(values)
            if x is not None:
                chosen[k] = x.astype(bool)
                feasible[k] = True
    if not feasible.any():
        _precheck(spec, float(budget_array[-1]))
        _raise_infeasible(
            _Model(len(index), template), context=f" at any budget up to {budget_array[-1]:g}"
        )
    return BudgetSweepResult(
        spec=spec, scores=score_array, budgets=budget_array, chosen=chosen, feasible=feasible
    )


_append_doc(
    budget_sweep,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    BudgetSweepResult
        ``to_frame()`` (per budget: optimal value, cost, marginal value,
        programmes added and removed), ``selections``, ``values``,
        ``to_dict()``, ``plot.line()``.

    Raises
    ------
    InvalidArgumentError, InfeasiblePortfolioError
        As for :func:`select_portfolio`.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.Series({"A": 0.9, "B": 0.8, "C": 0.5})
    >>> costs = pd.Series({"A": 60, "B": 50, "C": 30})
    >>> sweep = budget_sweep(scores, costs, [50, 100, 150])
    >>> sweep.to_frame()[["budget", "objective_value", "n_selected"]]
       budget  objective_value  n_selected
    0    50.0              0.8           1
    1   100.0              1.4           2
    2   150.0              2.2           3
    >>> sweep.to_frame()["added"].tolist(), sweep.to_frame()["removed"].tolist()
    (['B', 'A, C', 'B'], ['', 'B', ''])
""",
)
