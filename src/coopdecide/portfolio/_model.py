"""The compiled binary program: constraints, HiGHS calls, solver session."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# relative tolerance used to check a solver solution against the constraints
_FEASIBILITY_TOL = 1e-6
# relative tolerance under which two objective values count as equal
_VALUE_TOL = 1e-9


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
            # HiGHS options beyond the ones scipy-stubs list for milp: typed as Any
            options: Any = dict(fast)
            result = milp(
                np.ones(1), integrality=np.ones(1, dtype=int), bounds=Bounds(0, 1), options=options
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
        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        lower: list[float] = []
        upper: list[float] = []
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
        self._integrality = np.ones(n, dtype=int)

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
            options: Any = {**dict(_solver_options()), "presolve": presolve}  # HiGHS options
            result = milp(
                -np.asarray(values, dtype=float),
                integrality=self._integrality,
                bounds=self._bounds,
                constraints=self._linear if self._linear is not None else (),
                options=options,
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
