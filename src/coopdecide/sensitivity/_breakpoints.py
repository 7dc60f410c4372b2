"""Exact and grid machinery for one-at-a-time weight sensitivity.

Shared by :func:`coopdecide.sensitivity.one_at_a_time` and
:func:`coopdecide.sensitivity.critical_changes`. Plain numpy: no labels.

The one-at-a-time path
----------------------
Criterion ``k`` gets weight ``t`` in [0, 1]; every other criterion ``j``
gets ``(1 - t) * r_j`` where ``r_j = w_j / (1 - w_k)`` are the current
proportions of the other criteria (they keep their ratios). At ``t = w_k`` the
path goes through the current weights. If ``w_k = 1`` (all other weights zero)
the proportions are undefined and the other criteria share ``1 - t`` equally.

Exact TOPSIS swap points
------------------------
Every normalization of :mod:`coopdecide.ranking.kernels` is done before the
weights are applied, so the normalized matrix, the ideal and the anti-ideal do
not depend on ``t``. For Euclidean distance the squared distance of each
alternative to the ideal (and to the anti-ideal) is

``D^2(t) = t^2 A + (1 - t)^2 B``, with ``A = gap_k^2`` and
``B = sum_j r_j^2 gap_j^2``,

a quadratic in ``t``; for Manhattan distance ``D(t) = t A + (1 - t) B`` is
linear. Write ``G = D^2`` (Euclidean) or ``G = D`` (Manhattan). Alternatives
``a`` and ``b`` have equal closeness where ``D-_a D+_b = D-_b D+_a``; with
non-negative distances this is equivalent to

``f_ab(t) = G-_a(t) G+_b(t) - G-_b(t) G+_a(t) = 0``,

a polynomial of degree at most 4 (Euclidean) or 2 (Manhattan), and wherever
both alternatives have a positive ``D+ + D-``, ``sign f_ab = sign(C_a - C_b)``.
The real roots of every ``f_ab`` in [0, 1] are found at once (eigenvalues of
batched companion matrices), the sign of ``f_ab`` is evaluated between
consecutive candidate roots, and a swap is kept only where that sign
genuinely changes: tangential (double) roots, roots at the ends of [0, 1] and
pairs that tie for every ``t`` are not swaps. Each swap is then polished by
bisection on ``f_ab`` to machine precision.
"""

from __future__ import annotations

import contextlib
import dataclasses
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, check_positive_int, describe, format_labels
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    MethodWarning,
)
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.kernels import DISTANCES, NORMALIZATIONS, normalize, topsis_kernel
from coopdecide.ranking.methods import ALL_METHODS, rank
from coopdecide.ranking.result import ranks_from_scores
from coopdecide.ranking.topsis import _check_normalizable, resolve_weights

__all__ = [
    "Breakpoints",
    "Context",
    "candidate_roots",
    "exact_breakpoints",
    "grid_breakpoints",
    "path_weights",
    "prepare",
    "proportions",
    "sign_changes",
    "warn_undefined",
]

#: Candidate roots whose imaginary part is below this are treated as real
#: (the sign test decides whether they are swaps).
IMAG_TOL = 1e-5
#: A sign of f is trusted when |f| exceeds this fraction of the magnitude of its terms.
SIGN_TOL = 1e-12
#: Coefficients below this fraction of the largest are treated as zero (degree drop).
COEF_TOL = 1e-13
#: Scores (closeness) within this distance of the best count as sharing the top.
TOP_TOL = 1e-10
#: Exact swaps this close to the current weight are taken to be at it.
AT_CURRENT_TOL = 1e-12
#: Scores of the grid methods equal to this many decimals are ties (as in ranks_from_scores).
TIE_DECIMALS = 12


# -- the path -------------------------------------------------------------------------
def proportions(weights: np.ndarray, k: int) -> np.ndarray:
    """Shares ``r`` of the other criteria (``r_k = 0``, ``sum r = 1``).

    If every other weight is zero (``w_k = 1``) they share equally.

    Examples
    --------
    >>> proportions(np.array([0.5, 0.3, 0.2]), 0).tolist()
    [0.0, 0.6, 0.4]
    >>> proportions(np.array([1.0, 0.0, 0.0]), 0).tolist()
    [0.0, 0.5, 0.5]
    """
    others = np.array(weights, dtype=float)
    others[k] = 0.0
    total = others.sum()
    if total > 0:
        return others / total
    share = np.full(others.shape, 1.0 / (others.size - 1))
    share[k] = 0.0
    return share


def path_weights(weights: np.ndarray, k: int, t: np.ndarray) -> np.ndarray:
    """Weight vectors on the one-at-a-time path of criterion ``k``, shape ``(len(t), m)``.

    Examples
    --------
    >>> path_weights(np.array([0.5, 0.3, 0.2]), 0, np.array([0.0, 0.5, 1.0]))
    array([[0. , 0.6, 0.4],
           [0.5, 0.3, 0.2],
           [1. , 0. , 0. ]])
    """
    t = np.asarray(t, dtype=float)
    r = proportions(weights, k)
    out = (1.0 - t)[:, None] * r[None, :]
    out[:, k] = t
    return out


# -- polynomial roots and sign changes --------------------------------------------------
def candidate_roots(coefficients: np.ndarray) -> np.ndarray:
    """Candidate real roots in [0, 1] of many polynomials at once.

    Parameters
    ----------
    coefficients : numpy.ndarray
        Shape ``(P, D + 1)``, ascending powers.

    Returns
    -------
    numpy.ndarray
        Shape ``(P, D)``: the real parts of roots that are real to within
        ``IMAG_TOL`` and lie in [0, 1] (clipped), NaN elsewhere. Polynomials
        that vanish identically have no candidates. Candidates are a superset
        of the sign changes; :func:`sign_changes` decides.

    Examples
    --------
    >>> candidate_roots(np.array([[0.25, -1.0, 1.0], [2.0, -3.0, 0.0]])).round(6).tolist()
    [[0.5, 0.5], [0.666667, nan]]
    """
    coefficients = np.asarray(coefficients, dtype=float)
    count, width = coefficients.shape
    out = np.full((count, width - 1), np.nan)
    scale = np.abs(coefficients).max(axis=1)
    scaled = coefficients / np.where(scale > 0, scale, 1.0)[:, None]
    significant = np.abs(scaled) > COEF_TOL
    degree = np.where(
        significant.any(axis=1), width - 1 - np.argmax(significant[:, ::-1], axis=1), 0
    )
    for d in range(1, width):
        rows = np.flatnonzero(degree == d)
        if rows.size == 0:
            continue
        monic = scaled[rows, :d] / scaled[rows, d][:, None]
        companion = np.zeros((rows.size, d, d))
        companion[:, 0, :] = -monic[:, ::-1]
        if d > 1:
            companion[:, np.arange(1, d), np.arange(d - 1)] = 1.0
        roots = np.linalg.eigvals(companion)
        real = roots.real
        keep = (np.abs(roots.imag) <= IMAG_TOL) & (real >= -1e-9) & (real <= 1 + 1e-9)
        out[rows, :d] = np.where(keep, np.clip(real, 0.0, 1.0), np.nan)
    return out


Evaluator = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def sign_changes(
    candidates: np.ndarray, evaluate: Evaluator, *, iterations: int = 60
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each function changes sign in (0, 1), given candidate roots.

    Parameters
    ----------
    candidates : numpy.ndarray
        Shape ``(P, K)``, NaN-padded candidate roots in [0, 1] of function
        ``p`` (every real root in [0, 1] must be among them).
    evaluate : callable
        ``evaluate(rows, t) -> (value, magnitude)``: the value of function
        ``rows[i]`` at ``t[i]`` and a magnitude of its terms; the sign is
        trusted only where ``|value| > SIGN_TOL * magnitude``.
    iterations : int
        Bisection steps used to polish each sign change.

    Returns
    -------
    rows, t, sign_below : numpy.ndarray
        One entry per sign change: the function, where, and its sign just
        below (+1 or -1). Tangential roots (no change of sign) and roots at 0
        or 1 are not sign changes.

    Examples
    --------
    >>> def evaluate(rows, t):  # f0 = (t - 0.3)(t - 0.6); f1 = (t - 0.5)^2
    ...     v = np.where(rows == 0, (t - 0.3) * (t - 0.6), (t - 0.5) ** 2)
    ...     return v, np.ones_like(t)
    >>> rows, t, below = sign_changes(np.array([[0.3, 0.6], [0.5, 0.5]]), evaluate)
    >>> rows.tolist(), t.round(12).tolist(), below.tolist()
    ([0, 0], [0.3, 0.6], [1.0, -1.0])
    """
    count, k = candidates.shape
    filled = np.sort(np.where(np.isnan(candidates), 1.0, candidates), axis=1)
    bounds = np.concatenate([np.zeros((count, 1)), filled, np.ones((count, 1))], axis=1)
    low, high = bounds[:, :-1], bounds[:, 1:]
    middle = 0.5 * (low + high)
    rows_all = np.repeat(np.arange(count), k + 1)
    value, magnitude = evaluate(rows_all, middle.ravel())
    value = value.reshape(count, k + 1)
    magnitude = magnitude.reshape(count, k + 1)
    trusted = (np.abs(value) > SIGN_TOL * magnitude) & (high > low)
    sign = np.where(trusted, np.sign(value), 0.0)

    previous_sign = np.zeros(count)
    previous_mid = np.zeros(count)
    found_rows, found_low, found_high, found_sign = [], [], [], []
    for j in range(k + 1):
        s = sign[:, j]
        change = (s != 0) & (previous_sign != 0) & (s != previous_sign)
        if change.any():
            idx = np.flatnonzero(change)
            found_rows.append(idx)
            found_low.append(previous_mid[idx])
            found_high.append(middle[idx, j])
            found_sign.append(previous_sign[idx])
        update = s != 0
        previous_sign = np.where(update, s, previous_sign)
        previous_mid = np.where(update, middle[:, j], previous_mid)
    if not found_rows:
        empty = np.zeros(0)
        return np.zeros(0, dtype=np.intp), empty, empty
    rows = np.concatenate(found_rows)
    lo = np.concatenate(found_low)
    hi = np.concatenate(found_high)
    below = np.concatenate(found_sign)
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        v, _ = evaluate(rows, mid)
        same = np.sign(v) == below
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
    order = np.lexsort((0.5 * (lo + hi), rows))
    return rows[order], (0.5 * (lo + hi))[order], below[order]


# -- breakpoints --------------------------------------------------------------------------
@dataclass(frozen=True)
class Breakpoints:
    """Swaps of pairs of alternatives along one criterion's path (positions, no labels).

    ``a < b`` index alternatives; ``a_leads_below`` says whether ``a`` ranks
    above ``b`` just below ``weight``; ``resolution`` is 0 for exact swap
    points and half the grid step otherwise.
    """

    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    a_leads_below: np.ndarray
    changes_top: np.ndarray
    resolution: np.ndarray
    undefined: int = 0


def _distance_terms(
    normalized: np.ndarray, types: np.ndarray, r: np.ndarray, k: int, distance: str
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``G(t) = t^p A + (1 - t)^p B`` for D+ and D- of every alternative."""
    high = normalized.max(axis=0)
    low = normalized.min(axis=0)
    ideal = np.where(types > 0, high, low)
    anti = np.where(types > 0, low, high)
    if distance == "euclidean":
        power = 2
        plus = (normalized - ideal) ** 2
        minus = (normalized - anti) ** 2
        factor = r * r
    else:
        power = 1
        plus = np.abs(normalized - ideal)
        minus = np.abs(normalized - anti)
        factor = r
    return power, plus[:, k], plus @ factor, minus[:, k], minus @ factor


def _poly(power: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Ascending coefficients of ``t^p a + (1 - t)^p b``."""
    if power == 1:
        return np.stack([b, a - b], axis=-1)
    return np.stack([b, -2.0 * b, a + b], axis=-1)


def _polymul(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    out = np.zeros((*x.shape[:-1], x.shape[-1] + y.shape[-1] - 1))
    for i in range(x.shape[-1]):
        out[..., i : i + y.shape[-1]] += x[..., i : i + 1] * y
    return out


def exact_breakpoints(
    normalized: np.ndarray, types: np.ndarray, weights: np.ndarray, k: int, distance: str
) -> Breakpoints:
    """Exact TOPSIS swap points along the path of criterion ``k``.

    Parameters
    ----------
    normalized : numpy.ndarray
        The normalized matrix, shape ``(n, m)`` (weight-independent).
    types : numpy.ndarray
        +1 benefit / -1 cost, shape ``(m,)``.
    weights : numpy.ndarray
        Current weights, shape ``(m,)``, summing to 1.
    k : int
        Position of the varied criterion.
    distance : {"euclidean", "manhattan"}
        The TOPSIS distance.

    Returns
    -------
    Breakpoints
        Every weight in (0, 1) at which two alternatives swap.
    """
    n = normalized.shape[0]
    r = proportions(weights, k)
    power, a_plus, b_plus, a_minus, b_minus = _distance_terms(normalized, types, r, k, distance)
    ia, ib = np.triu_indices(n, 1)
    g_plus = _poly(power, a_plus, b_plus)
    g_minus = _poly(power, a_minus, b_minus)
    coefficients = _polymul(g_minus[ia], g_plus[ib]) - _polymul(g_minus[ib], g_plus[ia])

    def evaluate(rows: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a, b = ia[rows], ib[rows]
        up, down = t**power, (1.0 - t) ** power
        x = (up * a_minus[a] + down * b_minus[a]) * (up * a_plus[b] + down * b_plus[b])
        y = (up * a_minus[b] + down * b_minus[b]) * (up * a_plus[a] + down * b_plus[a])
        return x - y, x + y

    rows, t, below = sign_changes(candidate_roots(coefficients), evaluate)
    a, b = ia[rows], ib[rows]
    changes_top = np.zeros(t.shape, dtype=bool)
    if t.size:
        score = topsis_kernel(normalized, path_weights(weights, k, t), types, distance)[0]
        tied = 0.5 * (score[np.arange(t.size), a] + score[np.arange(t.size), b])
        others = score.copy()
        others[np.arange(t.size), a] = -np.inf
        others[np.arange(t.size), b] = -np.inf
        changes_top = tied >= others.max(axis=1) - TOP_TOL
    order = np.lexsort((b, a, t))
    return Breakpoints(
        a[order], b[order], t[order], (below > 0)[order], changes_top[order], np.zeros(t.size)
    )


def grid_breakpoints(grid: np.ndarray, scores: np.ndarray) -> Breakpoints:
    """Swaps located on a grid: between consecutive grid points where a pair's order flips.

    Parameters
    ----------
    grid : numpy.ndarray
        Increasing weights of the varied criterion, shape ``(G,)``.
    scores : numpy.ndarray
        Oriented scores (higher is better), shape ``(G, n)``; rows may be NaN
        where the method is undefined (they are skipped).

    Returns
    -------
    Breakpoints
        ``weight`` is the middle of the bracketing grid interval and
        ``resolution`` its half-width.
    """
    defined = ~np.isnan(scores).any(axis=1)
    grid, scores = grid[defined], scores[defined]
    n = scores.shape[1]
    ia, ib = np.triu_indices(n, 1)
    keyed = np.round(scores, TIE_DECIMALS)
    diff = np.sign(keyed[:, ia] - keyed[:, ib]).T  # (pairs, G)
    pair, column = np.nonzero(diff)
    same_pair = pair[1:] == pair[:-1]
    flips = same_pair & (diff[pair[1:], column[1:]] != diff[pair[:-1], column[:-1]])
    idx = np.flatnonzero(flips)
    rows, lo_col, hi_col = pair[idx], column[idx], column[idx + 1]
    lo, hi = grid[lo_col], grid[hi_col]
    below = diff[rows, lo_col]
    best = keyed.max(axis=1)
    is_top = keyed >= best[:, None]
    a, b = ia[rows], ib[rows]
    leader_below = np.where(below > 0, a, b)
    leader_above = np.where(below > 0, b, a)
    changes_top = is_top[lo_col, leader_below] & is_top[hi_col, leader_above]
    order = np.lexsort((b, a, lo))
    return Breakpoints(
        a[order],
        b[order],
        (0.5 * (lo + hi))[order],
        (below > 0)[order],
        changes_top[order],
        (0.5 * (hi - lo))[order],
        undefined=int((~defined).sum()),
    )


# -- argument handling shared by one_at_a_time and critical_changes -----------------------
@dataclass(frozen=True)
class Context:
    """Validated inputs of a one-at-a-time analysis."""

    problem: DecisionProblem
    weights: np.ndarray
    method: str
    options: dict[str, Any]
    exact: bool
    higher_is_better: bool
    normalized: np.ndarray | None
    types: np.ndarray
    distance: str

    def scores(self, weight_batch: np.ndarray) -> np.ndarray:
        """Method scores for a batch of weight vectors, shape ``(s, n)``; NaN where undefined."""
        if self.exact:
            assert self.normalized is not None
            return topsis_kernel(self.normalized, weight_batch, self.types, self.distance)[0]
        out = np.full((weight_batch.shape[0], self.problem.shape[0]), np.nan)
        with warnings.catch_warnings():
            # The path has zero weights at both ends by design; pymcdm warns about
            # any zero weight. Every other warning still reaches the caller.
            warnings.filterwarnings(
                "ignore", message=r"pymcdm .*Weights should be positive", category=MethodWarning
            )
            for i, w in enumerate(weight_batch):
                # undefined at this weight vector: left NaN, reported by the caller
                with contextlib.suppress(InvalidProblemError):
                    out[i] = rank(self.problem, self.method, weights=w, **self.options).scores
        return out

    def oriented(self, scores: np.ndarray) -> np.ndarray:
        """Scores turned so that higher is better."""
        return scores if self.higher_is_better else -scores

    def ranks(self, scores: np.ndarray) -> np.ndarray:
        """Ranks (1 = best) of a batch of scores."""
        return ranks_from_scores(self.oriented(scores))

    def breakpoints(self, k: int, grid_points: int) -> Breakpoints:
        """Swaps along criterion ``k``: exact for TOPSIS, else on a grid with the current weight."""
        if self.exact:
            assert self.normalized is not None
            found = exact_breakpoints(self.normalized, self.types, self.weights, k, self.distance)
            # A swap within rounding of the current weight is at the current weight: the
            # current weights sit on a tie that any move breaks.
            at_current = np.abs(found.weight - self.weights[k]) <= AT_CURRENT_TOL
            if at_current.any():
                weight = np.where(at_current, self.weights[k], found.weight)
                found = dataclasses.replace(found, weight=weight)
            return found
        grid = np.union1d(np.linspace(0.0, 1.0, grid_points), [self.weights[k]])
        scores = self.scores(path_weights(self.weights, k, grid))
        return grid_breakpoints(grid, self.oriented(scores))


def prepare(
    problem: Any,
    *,
    weights: Any,
    method: str,
    normalization: str | None,
    distance: str,
    method_options: dict[str, Any],
) -> Context:
    """Validate the common arguments and build a :class:`Context`."""
    if not isinstance(problem, DecisionProblem):
        raise InvalidTypeError(f"problem must be a DecisionProblem; got {type(problem).__name__}")
    check_option("method", method, ALL_METHODS)
    problem = resolve_weights(problem, weights)
    if problem.shape[1] < 2:
        raise InvalidProblemError(
            "one-at-a-time weight sensitivity needs at least 2 criteria (with one criterion "
            f"every weight vector is the same); got {problem.shape[1]}"
        )
    types = problem.types.astype(float)
    if method == "topsis":
        if method_options:
            raise InvalidArgumentError(
                "options for method 'topsis' are normalization and distance; got "
                f"{format_labels(sorted(method_options))}"
            )
        normalization = "vector" if normalization is None else normalization
        check_option("normalization", normalization, NORMALIZATIONS)
        check_option("distance", distance, DISTANCES)
        _check_normalizable(problem, normalization)
        return Context(
            problem=problem,
            weights=np.array(problem.weight_array),
            method=method,
            options={"normalization": normalization, "distance": distance},
            exact=True,
            higher_is_better=True,
            normalized=normalize(problem.matrix, normalization),
            types=types,
            distance=distance,
        )
    if distance != "euclidean":
        raise InvalidArgumentError(
            f"distance applies to method 'topsis' only; got distance={distance!r} with "
            f"method={method!r}"
        )
    options = dict(method_options)
    if normalization is not None:
        options["normalization"] = normalization
    base = rank(problem, method, **options)  # validates the options once
    return Context(
        problem=problem,
        weights=np.array(problem.weight_array),
        method=method,
        options=options,
        exact=False,
        higher_is_better=base.higher_is_better,
        normalized=None,
        types=types,
        distance=distance,
    )


def warn_undefined(method: str, counts: dict[Any, int], stacklevel: int = 3) -> None:
    """One MethodWarning naming the criteria whose path has weights where the method fails."""
    counts = {c: n for c, n in counts.items() if n}
    if counts:
        warnings.warn(
            f"method {method!r} is undefined at some weights of the path (left out): "
            + ", ".join(f"{describe(c)}: {n} weight(s)" for c, n in counts.items()),
            MethodWarning,
            stacklevel=stacklevel,
        )


def criterion_positions(problem: DecisionProblem, criterion: Any) -> list[int]:
    """Positions of the criteria to analyse: all (None), one label, or a list of labels."""
    criteria = problem.criteria
    if criterion is None:
        return list(range(len(criteria)))
    labels = list(criterion) if isinstance(criterion, (list, tuple)) else [criterion]
    if isinstance(criterion, tuple) and criterion in criteria:
        labels = [criterion]

    def known(label: Any) -> bool:
        try:
            return label in criteria
        except TypeError:  # unhashable
            return False

    unknown = [label for label in labels if not known(label)]
    if unknown or not labels:
        raise InvalidArgumentError(
            f"criterion must be one of {format_labels(criteria, limit=30)} (or a list of them); "
            f"got {format_labels(unknown) if unknown else 'an empty list'}"
        )
    # labels are unique (checked by DecisionProblem), so get_loc gives a position
    return [int(cast("int", criteria.get_loc(label))) for label in labels]


def check_points(name: str, value: Any) -> int:
    """An integer number of grid points, at least 2."""
    return check_positive_int(name, value, minimum=2)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as JSON-ready dicts (missing values become None)."""
    out = []
    for row in frame.astype(object).itertuples(index=False):
        item: dict[str, Any] = {}
        for column, value in zip(frame.columns, row, strict=True):
            if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
                item[str(column)] = None
            elif isinstance(value, (bool, np.bool_)):
                item[str(column)] = bool(value)
            elif isinstance(value, (np.integer,)):
                item[str(column)] = int(value)
            elif isinstance(value, (float, np.floating)):
                number = float(value)
                item[str(column)] = number if np.isfinite(number) else str(number)
            elif isinstance(value, (int, str)):
                item[str(column)] = value
            else:
                item[str(column)] = str(value)
        out.append(item)
    return out
