"""Consistency repair: change as few judgments as possible, one at a time, to reach a CR.

At each step every judgment is tried at every value of Saaty's 1-9 scale (and
the reciprocals); all these candidate matrices are evaluated in one batched
computation and the change that lowers the CR (or the GCI) most is made. The
last step, once some single change reaches the target, takes instead the
smallest revision that reaches it (no new judgment if possible, then the
smallest net move from the given value, then the lowest CR). Each change is
listed in the result, with its CR; nothing is changed silently. This is the
greedy "change the most offending judgment" practice that Saaty (2003)
describes, with the choice among judgments and values made by the CR each
change gives. ``search="exhaustive"`` instead enumerates sets of changes of
small complete comparisons and finds the fewest that reach the target.

References
----------
Saaty, T.L. (2003). Decision-making with the AHP: Why is the principal
eigenvector necessary. European Journal of Operational Research 145(1):85-91.

Aguaron, J., Moreno-Jimenez, J.M. (2003). The geometric consistency index:
approximated thresholds. European Journal of Operational Research
147(1):137-145.
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide._threads import under_blas_limit
from coopdecide._validation import check_option, check_positive_int, check_real, describe
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import RITableLike, geometric_consistency_index, resolve_ri_table
from coopdecide.ahp.core import AHPResult, _complete_matrix, ahp
from coopdecide.ahp.incomplete import COMPLETION_METHODS, _as_comparison, _llsm_log_weights
from coopdecide.ahp.priorities import PRIORITY_METHODS, eigenvector_priorities
from coopdecide.ahp.scale import SAATY_SCALE
from coopdecide.exceptions import InvalidArgumentError

__all__ = ["EXHAUSTIVE_BUDGET", "SEARCHES", "RepairResult", "repair"]

#: The search strategies of :func:`repair`.
SEARCHES = ("greedy", "exhaustive")

_STEP_COLUMNS = ["step", "row", "column", "before", "after", "cr_before", "cr_after"]
_CHANGE_COLUMNS = ["row", "column", "original", "final"]
_TIE = 1e-9  # relative difference of the measure below which two candidates tie
_REACHED = 1e-12  # a measure this close above the target counts as reached (rounding)
#: Most candidate matrices ``search="exhaustive"`` evaluates (all sizes of change together).
EXHAUSTIVE_BUDGET = 2_000_000
_CHUNK = 16_384  # candidate matrices per batch in the exhaustive search


@result_dataclass
class RepairResult(Result):
    """Outcome of :func:`repair`.

    Attributes
    ----------
    comparison : PairwiseComparison
        The repaired comparison.
    original : PairwiseComparison
        The comparison as given.
    steps : pandas.DataFrame
        One line per step, in order: ``step`` (1, 2, ...), ``row``,
        ``column`` (the judgment ``a_row,column``), ``before``, ``after`` (a
        value of Saaty's scale), ``cr_before``, ``cr_after`` (and
        ``gci_before``, ``gci_after`` for the geometric method). A judgment
        changed in two steps has two lines.
    changes : pandas.DataFrame
        Each judgment the repaired comparison differs in, once: ``row``,
        ``column``, ``original`` (as given), ``final``; in the order of their
        first change.
    n_changes : int
        Number of distinct judgments changed (``len(changes)``); what
        ``max_changes`` limits.
    n_steps : int
        Number of steps (``len(steps)``).
    result : AHPResult
        :func:`ahp` of the repaired comparison.
    cr_before, cr : float
        CR of the original and of the repaired comparison.
    gci_before, gci : float or None
        GCI of the original and of the repaired comparison (geometric method).
    measure : {"cr", "gci"}
        What the repair lowered: the CR, or the GCI when ``target_gci`` was given.
    target : float
        The target of ``measure``; ``target_cr`` is the CR target.
    reached : bool
        Whether the measure is at most its target (within ``1e-12``: a
        consistent matrix's computed CR can be ``1e-16`` above 0). False when
        no single change lowers it any further or ``max_changes`` was used up
        (exhaustive search: no set of up to ``max_changes`` changes reaches it).
    """

    _changes: pd.DataFrame
    cr_before: float
    gci_before: float | None
    measure: str
    original: PairwiseComparison
    reached: bool
    result: AHPResult
    _steps: pd.DataFrame
    target: float
    target_cr: float

    @property
    def comparison(self) -> PairwiseComparison:
        """The repaired comparison."""
        return self.result.comparison

    @property
    def steps(self) -> pd.DataFrame:
        """The changed judgments, one line per step (a copy)."""
        return self._steps.copy()

    @property
    def changes(self) -> pd.DataFrame:
        """Each changed judgment once: ``row``, ``column``, ``original``, ``final`` (a copy)."""
        return self._changes.copy()

    @property
    def n_changes(self) -> int:
        """Number of distinct judgments changed (a judgment changed twice counts once)."""
        return len(self._changes)

    @property
    def n_steps(self) -> int:
        """Number of steps (a judgment changed twice counts twice)."""
        return len(self._steps)

    @property
    def cr(self) -> float:
        """CR of the repaired comparison."""
        return self.result.cr

    @property
    def gci(self) -> float | None:
        """GCI of the repaired comparison (geometric method), else None."""
        return self.result.gci

    @property
    def weights(self) -> pd.Series:
        """Priorities of the repaired comparison."""
        return self.result.weights

    plot = PlotAccessor("RepairPlots")

    def to_frame(self) -> pd.DataFrame:
        """The steps table (a copy)."""
        return self.steps

    def __repr__(self) -> str:
        state = "reached" if self.reached else "NOT reached"
        if self.measure == "gci":
            change = f"GCI {self.gci_before:.4f} -> {self.gci:.4f}, CR {self.cr:.4f}"
        else:
            change = f"CR {self.cr_before:.4f} -> {self.cr:.4f}"
        redone = f" in {self.n_steps} steps" if self.n_steps != self.n_changes else ""
        head = (
            f"RepairResult({self.n_changes} judgment(s) changed{redone}, {change}, "
            f"target {self.target:g} {state}, "
            f"ri_table={describe(self.result.ri_table)}, method={describe(self.result.method)})"
        )
        if not len(self._steps):
            return head
        return f"{head}\n{self._steps.round(4).to_string(index=False)}"

    def _summary(self) -> dict[str, Any]:
        return {
            "judgments changed": self.n_changes,
            "steps": self.n_steps,
            "CR before": self.cr_before,
            "CR after": self.cr,
            "measure": self.measure,
            "target": self.target,
            "reached": self.reached,
            "RI table": self.result.ri_table,
            "method": self.result.method,
        }

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "changes": self._changes,
            "steps": self._steps,
            "weights": self.result.to_frame(),
        }

    def _export(self) -> dict[str, Any]:
        return {
            "reached": self.reached,
            "measure": self.measure,
            "target": self.target,
            "target_cr": self.target_cr,
            "cr_before": self.cr_before,
            "cr": self.cr,
            "gci_before": self.gci_before,
            "gci": self.gci,
            "ri_table": self.result.ri_table,
            "method": self.result.method,
            "steps": self._steps.to_dict(orient="records"),
            "changes": self._changes.to_dict(orient="records"),
            "comparison": self.comparison.to_dict(),
            "weights": self.result.weights,
        }


def _changed_judgments(
    original: PairwiseComparison, repaired: PairwiseComparison, steps: pd.DataFrame
) -> pd.DataFrame:
    """The judgments (upper triangle) that differ between the two, in order of first change."""
    n = original.n
    rows, cols = np.triu_indices(n, k=1)
    before, after = original.matrix[rows, cols], repaired.matrix[rows, cols]
    differ = ~np.isclose(before, after, rtol=1e-9, atol=0.0) & ~np.isnan(before)
    labels = original.labels
    first: dict[tuple[Any, Any], int] = {}
    for number, (row, column) in enumerate(zip(steps["row"], steps["column"], strict=True)):
        first.setdefault((row, column), number)
    lines = [
        (first.get((labels[i], labels[j]), len(first)), labels[i], labels[j], b, a)
        for i, j, b, a in zip(
            rows[differ], cols[differ], before[differ], after[differ], strict=True
        )
    ]
    lines.sort(key=lambda line: line[0])
    return pd.DataFrame([line[1:] for line in lines], columns=_CHANGE_COLUMNS).astype(
        {"original": float, "final": float}
    )


# ---------------------------------------------------------------------------
# numerical kernels: every candidate change of one step in one batched computation
# ---------------------------------------------------------------------------
_CONVERGED = 1e-12  # relative gap of the Collatz-Wielandt bounds at which lambda is taken
_MAX_SWEEPS = 3000
_DENSE_FINISH = 32  # candidates left after pruning that go to the dense Perron kernel
#: Candidates whose completion is recomputed in full at one step of an incomplete
#: comparison with the lambda_max completion (the others are screened out; see repair()).
_INCOMPLETE_EXACT = 64


def _changed_lambda_max(
    matrix: np.ndarray,
    weights: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    values: np.ndarray,
    *,
    prune: float | None = None,
    best: float = np.inf,
    adaptive: bool = True,
) -> np.ndarray:
    """``lambda_max`` of ``matrix`` with ``a_rc = v`` and ``a_cr = 1 / v``, for each candidate.

    A batched power iteration, started from the Perron vector ``weights`` of
    ``matrix`` (each candidate differs from it in one pair, so the start is
    close). One sweep is a single ``(m, n) @ (n, n)`` product plus the two
    changed entries per candidate: the stack of candidate matrices is never
    formed. For a positive matrix and a positive vector ``x`` the
    Collatz-Wielandt bounds ``min_i (Ax)_i / x_i <= lambda_max <= max_i (Ax)_i
    / x_i`` hold; a candidate is converged when they agree to a relative
    ``1e-12``, and its ``lambda_max`` is then ``sum(Ax) / sum(x)`` as in
    :func:`~coopdecide.ahp.priorities.eigenvector_priorities`.

    With ``prune`` (a slack in ``lambda`` units), a candidate whose lower bound
    exceeds the smallest upper bound by more than ``prune`` cannot be the
    minimum and gets ``inf`` without being iterated further; once at most
    ``_DENSE_FINISH`` candidates are left, they are solved by
    :func:`~coopdecide.ahp.priorities.eigenvector_priorities`. The minimum and
    every candidate within ``prune`` of it are exact. ``best`` is a
    ``lambda_max`` known to be reached (by a candidate outside this batch).
    With ``adaptive=False`` ``best`` is a fixed bar instead (the target): every
    candidate that may lie within ``prune`` of it or below is computed
    exactly, the others get ``inf``.
    """
    m, n = rows.size, matrix.shape[0]
    lam = np.full(m, np.inf)
    if m == 0:
        return lam
    d_rc = values - matrix[rows, cols]
    d_cr = 1.0 / values - matrix[cols, rows]
    x = np.broadcast_to(weights / weights.sum(), (m, n)).copy()
    active = np.arange(m)
    r, c = rows, cols
    at = np.arange(m)
    for _ in range(_MAX_SWEEPS):
        y = x @ matrix.T
        y[at, r] += d_rc * x[at, c]
        y[at, c] += d_cr * x[at, r]
        ratio = y / x
        low, high = ratio.min(axis=1), ratio.max(axis=1)
        total = y.sum(axis=1)  # x sums to 1: sum(Ax) / sum(x)
        done = high - low <= _CONVERGED * high
        keep = ~done
        if done.any():
            lam[active[done]] = total[done]
            if adaptive:
                best = min(best, float(total[done].min()))
        if prune is not None:
            if adaptive:
                best = min(best, float(high.min()))
            keep &= low <= best + prune
        if not keep.any():
            return lam
        if not keep.all():
            active, r, c = active[keep], r[keep], c[keep]
            d_rc, d_cr, y, total = d_rc[keep], d_cr[keep], y[keep], total[keep]
            at = np.arange(active.size)
        if prune is not None and active.size <= _DENSE_FINISH:
            break
        x = y / total[:, None]
    # the few candidates left that may be the minimum (or, not seen for matrices on
    # Saaty's scale, any not converged): the dense kernel, whose repeated squaring
    # converges in a few steps where the plain power iteration needs dozens
    stack = np.broadcast_to(matrix, (active.size, n, n)).copy()
    stack[at, r, c] += d_rc
    stack[at, c, r] += d_cr
    lam[active] = eigenvector_priorities(stack)[1]
    return lam


def _lambda_lower_bounds(
    matrix: np.ndarray, weights: np.ndarray, rows: np.ndarray, cols: np.ndarray, values: np.ndarray
) -> tuple[float, np.ndarray]:
    """``lambda_max`` of ``matrix`` and a lower bound of it for each candidate change.

    Along one judgment, with ``a_rc = exp(t)`` and ``a_cr = exp(-t)``, every
    entry is a log-convex function of ``t``, so the Perron root is too
    (Kingman 1961): ``log lambda(t) >= log lambda(t0) + g (t - t0) / lambda(t0)``
    with ``g = d lambda / dt = (a_rc v_r w_c - a_cr v_c w_r) / (v . w)`` at
    the current value (``w``, ``v`` the right and left Perron vectors).
    """
    left, root = eigenvector_priorities(matrix.T)
    lam0 = float(root)
    w, v = weights, left
    slope = (matrix[rows, cols] * v[rows] * w[cols] - matrix[cols, rows] * v[cols] * w[rows]) / (
        v @ w
    )
    move = np.log(values) - np.log(matrix[rows, cols])
    return lam0, lam0 * np.exp(slope * move / lam0)


def _candidate_stack(
    matrix: np.ndarray, rows: np.ndarray, cols: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """The candidate matrices: a copy of ``matrix`` per candidate, ``a_rc = v``, ``a_cr = 1/v``."""
    n = matrix.shape[0]
    stack = np.broadcast_to(matrix, (rows.size, n, n)).copy()
    at = np.arange(rows.size)
    stack[at, rows, cols] = values
    stack[at, cols, rows] = 1.0 / values
    return stack


def _lowest_lambda_max(
    matrix: np.ndarray,
    weights: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    values: np.ndarray,
    slack: float,
) -> np.ndarray:
    """``lambda_max`` of the candidates that can be lowest (within ``slack``); ``inf`` else.

    Candidates whose lower bound (:func:`_lambda_lower_bounds`) is not below
    the current ``lambda_max`` cannot lower it and are dropped. The
    ``_DENSE_FINISH`` candidates with the lowest bounds are solved first; their
    best value then drops every candidate whose bound is above it, and the
    rest go through :func:`_changed_lambda_max` with pruning.
    """
    lam = np.full(rows.size, np.inf)
    lam0, bound = _lambda_lower_bounds(matrix, weights, rows, cols, values)
    hopeful = np.flatnonzero(bound < lam0)
    if not hopeful.size:
        return lam
    order = hopeful[np.argsort(bound[hopeful], kind="stable")]
    first, rest = order[:_DENSE_FINISH], order[_DENSE_FINISH:]
    lam[first] = eigenvector_priorities(
        _candidate_stack(matrix, rows[first], cols[first], values[first])
    )[1]
    best = float(lam[first].min())
    rest = rest[bound[rest] <= best + slack]
    if rest.size:
        lam[rest] = _changed_lambda_max(
            matrix, weights, rows[rest], cols[rest], values[rest], prune=slack, best=best
        )
    return lam


def _reaching_lambda_max(
    matrix: np.ndarray,
    weights: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    values: np.ndarray,
    bar: float,
    slack: float,
) -> np.ndarray:
    """``lambda_max`` of the candidates that may reach ``bar`` (within ``slack``); ``inf`` else.

    A candidate whose lower bound (:func:`_lambda_lower_bounds`, then the
    Collatz-Wielandt bound of the power iteration) is above ``bar + slack``
    cannot reach the target and is dropped; the others are computed exactly.
    """
    lam = np.full(rows.size, np.inf)
    _, bound = _lambda_lower_bounds(matrix, weights, rows, cols, values)
    hopeful = np.flatnonzero(bound <= bar + slack)
    if hopeful.size:
        lam[hopeful] = _changed_lambda_max(
            matrix,
            weights,
            rows[hopeful],
            cols[hopeful],
            values[hopeful],
            prune=slack,
            best=bar,
            adaptive=False,
        )
    return lam


def _changed_gci(
    matrix: np.ndarray, rows: np.ndarray, cols: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """GCI of a complete ``matrix`` with ``a_rc = v``, ``a_cr = 1 / v``, for each candidate.

    With ``L = log A``, ``y`` its row means (the log of the row geometric mean
    priorities) and ``E_ab = L_ab - y_a + y_b`` (rows and columns of ``E`` sum
    to 0), changing ``L_rc`` by ``d`` (and ``L_cr`` by ``-d``) moves ``y_r``
    by ``d / n`` and ``y_c`` by ``-d / n``, and the sum of squares
    ``S = sum_ab E_ab^2`` becomes ``S + 4 d E_rc + (2 - 4 / n) d^2``. Then
    ``GCI = S / ((n - 1)(n - 2))`` (Aguaron and Moreno-Jimenez 2003), exactly
    :func:`~coopdecide.ahp.consistency.geometric_consistency_index` of each
    candidate matrix, in O(1) per candidate.
    """
    n = matrix.shape[0]
    if n <= 2:
        return np.zeros(rows.size)
    log_a = np.log(matrix)
    y = log_a.mean(axis=1)
    error = log_a - y[:, None] + y[None, :]
    d = np.log(values) - log_a[rows, cols]
    total = (error**2).sum() + 4.0 * d * error[rows, cols] + (2.0 - 4.0 / n) * d**2
    return np.maximum(total, 0.0) / ((n - 1) * (n - 2))


def _llsm_completions(stack: np.ndarray) -> np.ndarray:
    """LLSM completion of a stack of incomplete matrices sharing one pattern of gaps.

    The batched form of :func:`coopdecide.ahp.incomplete.complete` with
    ``method="llsm"``: one Laplacian (the pattern is the same), one factorisation,
    every right-hand side at once (:func:`coopdecide.ahp.incomplete._llsm_log_weights`).
    """
    n = stack.shape[-1]
    y = _llsm_log_weights(np.log(stack))
    ratio = np.exp(y[:, :, None] - y[:, None, :])
    full = np.where(np.isnan(stack), ratio, stack)
    full[:, np.arange(n), np.arange(n)] = 1.0
    return full


class _State:
    """One comparison during the search: its matrix, completion and consistency."""

    __slots__ = ("cr", "full", "gci", "lam", "matrix", "perron")

    def __init__(self, matrix: np.ndarray, *, completion: str, ri: float, geometric: bool):
        n = matrix.shape[0]
        self.matrix = matrix
        self.full = matrix if not np.isnan(matrix).any() else _complete_matrix(matrix, completion)
        self.perron, lam = eigenvector_priorities(self.full)
        self.lam = float(lam) if n > 2 else float(n)
        self.cr = (self.lam - n) / (n - 1) / ri if n > 2 else 0.0
        self.gci = float(geometric_consistency_index(self.full)) if geometric else None

    def value(self, measure: str) -> float:
        return self.cr if measure == "cr" else float(self.gci)  # type: ignore[arg-type]


def _candidate_scores(
    state: _State,
    rows: np.ndarray,
    cols: np.ndarray,
    values: np.ndarray,
    *,
    measure: str,
    completion: str,
    ri: float,
    tie: float,
    reach: float | None = None,
) -> np.ndarray:
    """The measure (CR or GCI) of every candidate change; ``inf`` for pruned ones.

    With ``reach`` (a target of the measure), a complete comparison's
    candidates are computed exactly whenever they may reach it, not only when
    they may be the lowest (the last step needs every sufficient change).

    Complete comparisons: :func:`_changed_lambda_max` (pruned) or
    :func:`_changed_gci`. Incomplete ones are completed again for each
    candidate: the LLSM completions in one batch; the lambda_max completions
    one by one, for the ``_INCOMPLETE_EXACT`` candidates that look best when
    the current completion of the missing pairs is kept (an upper bound of
    their ``lambda_max``), the others screened out.
    """
    n = state.matrix.shape[0]

    def score_complete(full: np.ndarray, weights: np.ndarray, prune: bool) -> np.ndarray:
        if measure == "gci":
            return _changed_gci(full, rows, cols, values)
        if not prune:
            lam = _changed_lambda_max(full, weights, rows, cols, values)
        elif reach is not None:
            bar = n + reach * (n - 1) * ri
            lam = _reaching_lambda_max(full, weights, rows, cols, values, bar, tie * (n - 1) * ri)
        else:
            lam = _lowest_lambda_max(full, weights, rows, cols, values, tie * (n - 1) * ri)
        return (lam - n) / ((n - 1) * ri)

    if state.full is state.matrix:
        return score_complete(state.full, state.perron, prune=True)
    m = rows.size
    at = np.arange(m)
    if completion == "llsm":
        pick = at
    else:
        screen = score_complete(state.full, state.perron, prune=False)
        pick = np.sort(np.argsort(screen, kind="stable")[:_INCOMPLETE_EXACT])
    stack = _candidate_stack(state.matrix, rows[pick], cols[pick], values[pick])
    if completion == "llsm":
        stack = _llsm_completions(stack)
    else:
        stack = np.stack([_complete_matrix(a, completion) for a in stack])
    scores = np.full(m, np.inf)
    if measure == "gci":
        scores[pick] = np.atleast_1d(geometric_consistency_index(stack))
    else:
        scores[pick] = (np.atleast_1d(eigenvector_priorities(stack)[1]) - n) / ((n - 1) * ri)
    return scores


@under_blas_limit
def repair(
    comparison: PairwiseComparison | npt.ArrayLike | pd.DataFrame,
    target_cr: float = 0.1,
    *,
    method: str = "eigenvector",
    ri_table: RITableLike = "saaty1980",
    completion: str | None = None,
    max_changes: int | None = None,
    target_gci: float | None = None,
    search: str = "greedy",
) -> RepairResult:
    """Bring a comparison to a target CR by changing few judgments, one at a time.

    At each step every judgment ``a_ij`` (upper triangle; only the given
    pairs of an incomplete comparison) is tried at every other value of
    Saaty's scale (``1/9, ..., 1/2, 1, 2, ..., 9``: 16 candidates per
    judgment), all candidates evaluated in one batched computation, and the
    single change that gives the lowest CR is made. Steps repeat until
    ``CR <= target_cr``, or until no single change lowers the CR. The CR falls
    at every step, so the loop always ends and never raises the CR.

    The last step is chosen differently: of all the changes that reach the
    target, the one an expert is most likely to accept, i.e. one that changes
    no new judgment if there is one (a judgment changed before, or changed back
    to its given value), then the smallest net move ``|log(final / given)|``,
    then the lowest CR. (A judgment of 2 whose revision to 1/2 reaches the
    target is not taken to 1/5 because 1/5 would give a lower CR.)

    Ties (candidates whose CR differs by less than a relative ``1e-9``, or
    ``1e-12``, the rounding of a consistent matrix's CR, near 0) are
    broken deterministically, in this order: a judgment not changed yet
    before one changed in an earlier step (so a judgment is changed again
    only when that lowers the CR more than any fresh change), then the smaller
    move ``|log(after / before)|``, then the judgment's position (row by row
    in the upper triangle), then the smaller value.

    Parameters
    ----------
    comparison : PairwiseComparison, array-like or DataFrame
        The comparison to repair. An incomplete one is completed for every
        candidate as by :func:`ahp`; only given judgments are changed, the
        missing pairs stay missing.
    target_cr : float, default 0.1
        Stop as soon as the CR is at most this.
    method : {"eigenvector", "geometric", "column"}
        The priority method of the repaired result. The CR is a property of
        the matrix (its principal eigenvalue), so the search is the same for
        every method; only ``target_gci`` uses the geometric weights.
    ri_table : {"saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"}, float or mapping
        Random index table of the CR, or a user-supplied RI as in :func:`ahp`.
    completion : {"lambda_max", "llsm"} or None
        Completion of an incomplete comparison, as in :func:`ahp`.
    max_changes : int or None
        Most distinct judgments the repaired comparison may differ in from the
        given one; a judgment changed twice counts once (and one changed back
        to its given value not at all). None allows every judgment.
    target_gci : float or None
        With ``method="geometric"`` only: lower the geometric consistency
        index instead of the CR, until ``GCI <= target_gci`` (``target_cr`` is
        then not used). The GCI thresholds of Aguaron and Moreno-Jimenez
        (2003) are in :func:`coopdecide.ahp.gci_threshold`.
    search : {"greedy", "exhaustive"}, default "greedy"
        ``"exhaustive"`` (complete comparisons only) tries every set of 1, 2,
        ... distinct judgments, each at every other value of the scale, and
        stops at the smallest number of changes that reaches the target,
        taking, of the sets that reach it, the one with the smallest total move
        ``sum |log(after / before)|`` (ties: the lower CR, then the first in
        the order of the judgments and values). That is the fewest changes possible, which the
        greedy search does not promise. The steps list the chosen changes one
        by one, each time the one that gives the lowest CR; with more than one
        change the CR after a step may be above the CR before it (only the
        final CR counts). If no set of up to ``max_changes`` judgments reaches
        the target, the set with the lowest CR is returned, ``reached`` False.
        The number of candidate matrices grows as ``C(judgments, k) 16**k``;
        more than :data:`EXHAUSTIVE_BUDGET` (2,000,000) is refused: lower
        ``max_changes`` or use the greedy search.

    Returns
    -------
    RepairResult
        ``comparison`` (repaired), ``steps`` (every change with the CR after
        it), ``changes`` (each changed judgment once, given and final value),
        ``reached``.

    Notes
    -----
    Greedy search does not always find the fewest changes (it can stop at a
    local minimum, or take a longer path); it finds, at each step before the
    last, the best single change among all ``16 x`` (number of judgments) on
    the scale, and at the last the smallest one that reaches the target;
    ``search="exhaustive"`` finds the fewest for small comparisons. For
    complete comparisons the candidates' CRs come from one batched power
    iteration screened by rigorous bounds (and the GCI in closed form), so
    a step on a 15 x 15 comparison takes about a millisecond. For an incomplete
    comparison completed by ``"lambda_max"`` each candidate needs its own
    optimisation; the 64 candidates with the lowest CR when the current
    completion of the missing pairs is kept (an upper bound of their CR) are
    completed exactly and the step chooses among them. See
    ``docs/methods/ahp.md``.

    Examples
    --------
    >>> from coopdecide.ahp import PairwiseComparison
    >>> pc = PairwiseComparison.from_judgments(
    ...     ["trade", "aid", "security", "culture"],
    ...     {
    ...         ("trade", "aid"): 2,
    ...         ("trade", "security"): 3,
    ...         ("trade", "culture"): 5,
    ...         ("aid", "security"): 2,
    ...         ("aid", "culture"): 3,
    ...         ("security", "culture"): 1 / 5,
    ...     },
    ... )
    >>> fixed = repair(pc, 0.1)
    >>> fixed.reached, fixed.n_changes, round(fixed.cr_before, 3), round(fixed.cr, 3)
    (True, 1, 0.216, 0.066)
    >>> fixed.changes
            row   column  original  final
    0  security  culture       0.2    0.5
    """
    original = (
        comparison if isinstance(comparison, PairwiseComparison) else _as_comparison(comparison)
    )
    target_cr = check_real("target_cr", target_cr, minimum=0.0)
    check_option("method", method, PRIORITY_METHODS)
    resolve_ri_table(ri_table)  # validates
    if completion is not None:
        check_option("completion", completion, COMPLETION_METHODS)
    n_judgments = original.n * (original.n - 1) // 2 - original.n_missing
    limit = (
        n_judgments
        if max_changes is None
        else check_positive_int("max_changes", max_changes, minimum=0)
    )
    measure, target = "cr", target_cr
    if target_gci is not None:
        if method != "geometric":
            raise InvalidArgumentError(
                f"target_gci applies to method='geometric' only; got method={describe(method)} "
                "(use target_cr)"
            )
        measure, target = "gci", check_real("target_gci", target_gci, minimum=0.0)
    options: dict[str, Any] = {
        "method": method,
        "ri_table": ri_table,
        "threshold": target_cr,
        "completion": completion,
        "warn": False,
    }
    check_option("search", search, SEARCHES)
    if search == "exhaustive" and not original.is_complete:
        raise InvalidArgumentError(
            "search='exhaustive' needs a complete comparison; got one with "
            f"{original.n_missing} missing pair(s) (use search='greedy')"
        )
    given = ahp(original, **options)  # validates, checks connectivity
    used_completion = given.completion or completion or "lambda_max"
    finder = _search if search == "greedy" else _exhaustive
    path = finder(
        original.matrix,
        target,
        measure=measure,
        limit=limit,
        completion=used_completion,
        ri=given.ri,
        geometric=method == "geometric",
    )
    labels = original.labels
    steps = []
    for number, (i, j, before, after, old, new) in enumerate(path, start=1):
        step = {
            "step": number,
            "row": labels[i],
            "column": labels[j],
            "before": before,
            "after": after,
            "cr_before": old.cr,
            "cr_after": new.cr,
        }
        if method == "geometric":
            step["gci_before"] = old.gci
            step["gci_after"] = new.gci
        steps.append(step)
    columns = _STEP_COLUMNS + (["gci_before", "gci_after"] if method == "geometric" else [])
    frame = pd.DataFrame(steps, columns=columns)
    frame["step"] = frame["step"].astype(int)
    result = given
    if path:
        repaired = PairwiseComparison._from_validated(path[-1][5].matrix, labels)
        result = ahp(repaired, **options)
    value = result.cr if measure == "cr" else result.gci
    return RepairResult(
        original=original,
        result=result,
        _steps=frame,
        cr_before=given.cr,
        gci_before=given.gci,
        target_cr=target_cr,
        measure=measure,
        target=target,
        reached=bool(value is not None and value <= target + _REACHED),
        _changes=_changed_judgments(original, result.comparison, frame),
    )


def _search(
    matrix: np.ndarray,
    target: float,
    *,
    measure: str,
    limit: int,
    completion: str,
    ri: float,
    geometric: bool,
) -> list[tuple[int, int, float, float, _State, _State]]:
    """The greedy path: ``(i, j, before, after, state before, state after)`` per step."""
    n = matrix.shape[0]
    rows, cols = np.triu_indices(n, k=1)
    known = ~np.isnan(matrix[rows, cols])
    rows, cols = rows[known], cols[known]
    given = matrix[rows, cols]
    state = _State(np.array(matrix), completion=completion, ri=ri, geometric=geometric)
    path: list[tuple[int, int, float, float, _State, _State]] = []
    scale = np.asarray(SAATY_SCALE)
    while state.value(measure) > target + _REACHED:
        current = state.matrix[rows, cols]
        changed = ~np.isclose(current, given, rtol=1e-9, atol=0.0)
        open_pairs = changed | (changed.sum() < limit)
        same = np.isclose(scale[None, :], current[:, None], rtol=1e-9, atol=0.0)
        pair, level = np.nonzero(~same & open_pairs[:, None])  # pair order, then value
        if not pair.size:
            break
        values = scale[level]
        now = state.value(measure)
        score = functools.partial(
            _candidate_scores,
            state,
            rows[pair],
            cols[pair],
            values,
            measure=measure,
            completion=completion,
            ri=ri,
            tie=_TIE * max(1.0, now),
        )
        scores = score()
        best = float(scores.min())
        if not best < now - 1e-12:
            break
        if best <= target + _REACHED:
            # the last step: of the changes that reach the target, the one the expert is
            # most likely to accept: no new judgment if possible, then the smallest net
            # move from the given value, then the lowest measure
            if measure == "cr" and state.full is state.matrix:
                # the pruned CRs are exact only near the lowest: redo for all that may reach
                scores = score(reach=target + _REACHED)
            near = np.flatnonzero(scores <= target + _REACHED)
            net = _move(values[near], given[pair[near]])
            order = np.lexsort((level[near], pair[near], scores[near], net, ~changed[pair[near]]))
        else:
            near = np.flatnonzero(scores <= best + _tie(best))
            move = _move(values[near], current[pair[near]])
            order = np.lexsort((level[near], pair[near], move, changed[pair[near]]))
        choice = near[order[0]]
        i, j = int(rows[pair[choice]]), int(cols[pair[choice]])
        after = float(values[choice])
        following = np.array(state.matrix)
        following[i, j], following[j, i] = after, 1.0 / after
        new = _State(following, completion=completion, ri=ri, geometric=geometric)
        if not new.value(measure) < now - 1e-12:  # pragma: no cover - the batch said it does
            break
        path.append((i, j, float(current[pair[choice]]), after, state, new))
        state = new
    return path


def _exhaustive(
    matrix: np.ndarray,
    target: float,
    *,
    measure: str,
    limit: int,
    completion: str,
    ri: float,
    geometric: bool,
) -> list[tuple[int, int, float, float, _State, _State]]:
    """The fewest distinct changes that reach the target, as a path of single steps."""
    n = matrix.shape[0]
    start = _State(np.array(matrix), completion=completion, ri=ri, geometric=geometric)
    now = start.value(measure)
    if now <= target + _REACHED:
        return []
    rows, cols = np.triu_indices(n, k=1)
    given = matrix[rows, cols]
    scale = np.asarray(SAATY_SCALE)
    options = [scale[~np.isclose(scale, g, rtol=1e-9, atol=0.0)] for g in given]
    sizes = [len(o) for o in options]
    counts = []
    for k in range(1, min(limit, rows.size) + 1):
        counts.append(
            sum(
                math.prod(sizes[p] for p in combo)
                for combo in itertools.combinations(range(rows.size), k)
            )
        )
    best: tuple[float, float, tuple[int, ...], np.ndarray] | None = None
    spent = 0
    for k, count in enumerate(counts, start=1):
        spent += count
        if spent > EXHAUSTIVE_BUDGET:
            raise InvalidArgumentError(
                f"search='exhaustive' with up to {k} changes of {rows.size} judgments needs "
                f"{spent:,} candidate matrices, more than EXHAUSTIVE_BUDGET = "
                f"{EXHAUSTIVE_BUDGET:,}; got max_changes={limit} (no set of {k - 1} changes "
                "reaches the target: lower max_changes or use search='greedy')"
            )
        for combo in itertools.combinations(range(rows.size), k):
            grid = np.array(list(itertools.product(*(options[p] for p in combo))))
            for lo in range(0, len(grid), _CHUNK):
                part = grid[lo : lo + _CHUNK]
                stack = np.broadcast_to(matrix, (len(part), n, n)).copy()
                for column, p in enumerate(combo):
                    stack[:, rows[p], cols[p]] = part[:, column]
                    stack[:, cols[p], rows[p]] = 1.0 / part[:, column]
                if measure == "gci":
                    values = np.atleast_1d(geometric_consistency_index(stack))
                else:
                    lam = np.atleast_1d(eigenvector_priorities(stack)[1])
                    values = (lam - n) / ((n - 1) * ri)
                moves = _move(part, given[list(combo)]).sum(axis=1).round(12)
                reach = np.flatnonzero(values <= target + _REACHED)
                if reach.size:  # the smallest total move that reaches the target
                    pick = int(reach[np.lexsort((values[reach], moves[reach]))[0]])
                else:
                    low = float(values.min())
                    tied = np.flatnonzero(values <= low + _tie(low))
                    pick = int(tied[np.argmin(moves[tied])])
                value, move = float(values[pick]), float(moves[pick])
                if best is None or _better(value, move, best[0], best[1], target):
                    best = (value, move, combo, part[pick].copy())
        if best is not None and best[0] <= target + _REACHED:
            break
    if best is None or not best[0] < now - 1e-12:
        return []
    # the chosen changes one at a time, each time the one giving the lowest measure
    remaining = dict(zip(best[2], best[3].tolist(), strict=True))
    path: list[tuple[int, int, float, float, _State, _State]] = []
    state = start
    while remaining:
        trials = []
        for p, after in remaining.items():
            following = np.array(state.matrix)
            i, j = int(rows[p]), int(cols[p])
            following[i, j], following[j, i] = after, 1.0 / after
            trials.append(
                (_State(following, completion=completion, ri=ri, geometric=geometric), p, after)
            )
        new, p, after = min(trials, key=lambda trial: (trial[0].value(measure), trial[1]))
        i, j = int(rows[p]), int(cols[p])
        path.append((i, j, float(state.matrix[i, j]), after, state, new))
        state = new
        del remaining[p]
    return path


def _move(after: np.ndarray, before: np.ndarray) -> np.ndarray:
    """``|log(after / before)|`` rounded to 12 decimals.

    Rounded so that moves equal on the scale compare equal (``|log(1/7)|`` is one
    ulp above ``|log 7|``) and the tie-break goes on to the next rule.
    """
    return np.round(np.abs(np.log(after / before)), 12)


def _tie(value: float) -> float:
    """How far above ``value`` a measure still ties with it: relative 1e-9, at least 1e-12."""
    return max(_TIE * abs(value), _REACHED)


def _better(value: float, move: float, best_value: float, best_move: float, target: float) -> bool:
    """Whether a candidate set beats the best so far.

    Reaching the target first; of two that reach it, the smaller total move; else the
    lower measure (beyond the tie tolerance), then the smaller total move.
    """
    reached, best_reached = value <= target + _REACHED, best_value <= target + _REACHED
    if reached != best_reached:
        return reached
    if reached and abs(move - best_move) > 1e-12:
        return move < best_move
    tolerance = _tie(best_value)
    if value < best_value - tolerance:
        return True
    return value <= best_value + tolerance and move < best_move
