"""Best-Worst Method (Rezaei 2015, 2016): :func:`bwm` and :class:`BWMResult`.

A decision-maker names the best and the worst criterion, says how much more
important the best is than each other criterion (``a_Bj``, the best-to-others
vector) and how much more important each criterion is than the worst
(``a_jW``, the others-to-worst vector). The weights are those closest to these
``2n - 3`` judgments in the minimax sense. Formulas, the solution method and
citations: ``docs/methods/bwm.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide._validation import check_choice, describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidComparisonError

__all__ = [
    "BWM_MODELS",
    "CONSISTENCY_INDEX_REZAEI_2015",
    "BWMResult",
    "bwm",
    "bwm_consistency_index",
]

BWM_MODELS = ("nonlinear", "linear")

#: Rezaei (2015), Table 5: the consistency index (the largest possible xi*) for a_BW = 1..9.
CONSISTENCY_INDEX_REZAEI_2015: Mapping[int, float] = {
    1: 0.00,
    2: 0.44,
    3: 1.00,
    4: 1.63,
    5: 2.30,
    6: 3.00,
    7: 3.73,
    8: 4.47,
    9: 5.23,
}

REFERENCES = {
    "nonlinear": (
        "Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53, 49-57; "
        "optimal intervals: Rezaei, J. (2016). Best-worst multi-criteria decision-making "
        "method: some properties and a linear model. Omega 64, 126-130."
    ),
    "linear": (
        "Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some properties "
        "and a linear model. Omega 64, 126-130."
    ),
}

#: Relative and absolute slack on xi* for the weight intervals over the optimal set.
INTERVAL_SLACK = (1e-9, 1e-12)
_HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def bwm_consistency_index(a_bw: float) -> float:
    """Rezaei's (2015) consistency index: the largest xi* for a given ``a_BW``.

    The root of ``xi^2 - (1 + 2 a_BW) xi + (a_BW^2 - a_BW) = 0`` (Rezaei 2015)
    in [0, a_BW): ``((1 + 2 a) - sqrt(1 + 8 a)) / 2``. Rounded to two
    decimals it is Table 5 (:data:`CONSISTENCY_INDEX_REZAEI_2015`).

    Examples
    --------
    >>> [round(bwm_consistency_index(a), 2) for a in (1, 3, 9)]
    [0.0, 1.0, 5.23]
    """
    a = float(a_bw)
    return float(((1.0 + 2.0 * a) - np.sqrt(1.0 + 8.0 * a)) / 2.0)


# -- the optimisation models ------------------------------------------------------------
def _ratio_rows(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int, xi: float) -> np.ndarray:
    """Rows ``A`` of ``A w <= 0``: the nonlinear model's constraints at a fixed ``xi``.

    For positive weights they are ``|w_B / w_j - a_Bj| <= xi`` and ``|w_j / w_W - a_jW| <= xi``.
    """
    n = a_b.size
    rows = []
    for j in range(n):
        if j != b:  # (a_Bj - xi) w_j <= w_B <= (a_Bj + xi) w_j
            low, high = np.zeros(n), np.zeros(n)
            low[j], low[b] = a_b[j] - xi, -1.0
            high[b], high[j] = 1.0, -(a_b[j] + xi)
            rows += [low, high]
        if j != w:  # (a_jW - xi) w_W <= w_j <= (a_jW + xi) w_W
            low, high = np.zeros(n), np.zeros(n)
            low[w], low[j] = a_w[j] - xi, -1.0
            high[j], high[w] = 1.0, -(a_w[j] + xi)
            rows += [low, high]
    return np.array(rows)


def _linear_rows(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int) -> np.ndarray:
    """Rows ``D`` with ``D w`` the differences ``w_B - a_Bj w_j`` and ``w_j - a_jW w_W``."""
    n = a_b.size
    rows = []
    for j in range(n):
        if j != b:
            row = np.zeros(n)
            row[b] += 1.0
            row[j] -= a_b[j]
            rows.append(row)
        if j != w:
            row = np.zeros(n)
            row[j] += 1.0
            row[w] -= a_w[j]
            rows.append(row)
    return np.array(rows)


def _linprog(c: np.ndarray, a_ub: np.ndarray, b_ub: np.ndarray, n: int) -> Any:
    """``min c x`` subject to ``a_ub x <= b_ub``, ``sum(x[:n]) = 1``, ``x[:n] >= 0``."""
    from scipy.optimize import linprog  # imported here: scipy.optimize is slow to import

    size = c.size
    a_eq = np.zeros((1, size))
    a_eq[0, :n] = 1.0
    bounds = [(0.0, None)] * n + [(None, None)] * (size - n)
    result = linprog(
        c,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq,
        b_eq=[1.0],
        bounds=bounds,
        method="highs",
        options=cast("Any", _HIGHS),  # plain dict of HiGHS options; the stubs want a TypedDict
    )
    if result.status != 0:  # pragma: no cover - the models are always feasible and bounded
        raise RuntimeError(f"linprog failed on a BWM model: {result.message}")
    return result


def _margin(rows: np.ndarray, n: int) -> float:
    """The largest ``s`` with ``rows w + s <= 0`` over the weight simplex (``s <= 1``)."""
    a_ub = np.hstack([rows, np.ones((rows.shape[0], 1))])
    c = np.zeros(n + 1)
    c[-1] = -1.0
    a_ub = np.vstack([a_ub, np.eye(1, n + 1, n)])  # s <= 1 keeps the LP bounded
    b_ub = np.zeros(a_ub.shape[0])
    b_ub[-1] = 1.0
    return -float(_linprog(c, a_ub, b_ub, n).fun)


def nonlinear_xi(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int) -> float:
    """xi* of Rezaei's (2015) nonlinear model, exactly (to ~1e-12).

    At fixed ``xi`` the constraints are linear in the weights, and the set
    they allow grows with ``xi``; the largest margin ``s(xi)`` by which they
    can all hold is an increasing function that is 0 at ``xi*``. ``xi*`` is
    its root (Brent's method on LPs).
    """
    from scipy.optimize import brentq  # imported here: scipy.optimize is slow to import

    n = a_b.size
    if _margin(_ratio_rows(a_b, a_w, b, w, 0.0), n) >= -1e-12:
        return 0.0
    high = float(max(a_b.max(), a_w.max()))  # equal weights satisfy every |ratio - a| <= a - 1
    return float(
        brentq(lambda xi: _margin(_ratio_rows(a_b, a_w, b, w, xi), n), 0.0, high, xtol=1e-13)
    )


def linear_xi(a_b: np.ndarray, a_w: np.ndarray, b: int, w: int) -> float:
    """xi^L of Rezaei's (2016) linear model: one LP in (w, xi)."""
    d = _linear_rows(a_b, a_w, b, w)
    n = a_b.size
    k = d.shape[0]
    a_ub = np.vstack([np.hstack([d, -np.ones((k, 1))]), np.hstack([-d, -np.ones((k, 1))])])
    c = np.zeros(n + 1)
    c[-1] = 1.0
    return float(_linprog(c, a_ub, np.zeros(2 * k), n).x[-1])


def optimal_set_rows(
    a_b: np.ndarray, a_w: np.ndarray, b: int, w: int, model: str, xi: float
) -> tuple[np.ndarray, np.ndarray]:
    """``(A, c)`` with ``A w <= c`` the weights that reach ``xi`` (plus a tiny slack)."""
    xi = xi * (1.0 + INTERVAL_SLACK[0]) + INTERVAL_SLACK[1]
    if model == "nonlinear":
        rows = _ratio_rows(a_b, a_w, b, w, xi)
        return rows, np.zeros(rows.shape[0])
    d = _linear_rows(a_b, a_w, b, w)
    return np.vstack([d, -d]), np.full(2 * d.shape[0], xi)


def weight_intervals(a_ub: np.ndarray, b_ub: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """Smallest and largest value of each weight over ``{w : a_ub w <= b_ub}``.

    Also the average of the ``2n`` extreme solutions (a point of that convex set).
    """
    low, high, points = np.empty(n), np.empty(n), []
    for j in range(n):
        c = np.zeros(n)
        c[j] = 1.0
        for sign, out in ((1.0, low), (-1.0, high)):
            result = _linprog(sign * c, a_ub, b_ub, n)
            out[j] = result.x[j]
            points.append(result.x)
    centre = np.mean(points, axis=0)
    return low, high, centre / centre.sum()


# -- input handling ------------------------------------------------------------------------
def _vector(name: str, values: Any, criteria: Any) -> pd.Series:
    if isinstance(values, pd.Series):
        series = values
    elif isinstance(values, Mapping):
        series = pd.Series(dict(values))
    elif criteria is not None and not isinstance(values, (str, bytes)):
        series = pd.Series(list(values), index=list(criteria))
    else:
        raise InvalidComparisonError(
            f"{name} must be a mapping or Series criterion -> judgment (or a sequence with "
            f"criteria=...); got {type(values).__name__}"
        )
    try:
        numbers = series.astype(float)
    except (TypeError, ValueError):
        raise InvalidComparisonError(
            f"{name} must contain numbers; got {describe(series.tolist())}"
        ) from None
    bad = numbers[~np.isfinite(numbers) | (numbers < 1)]
    if len(bad):
        label, value = bad.index[0], bad.iloc[0]
        raise InvalidComparisonError(
            f"{name} judgments must be finite numbers >= 1 (how many times more important, "
            f"e.g. on 1-9); got {describe(float(value))} for {describe(label)}"
        )
    return numbers


def _role(name: str, given: Any, vector: pd.Series, argument: str) -> Any:
    """The best (or worst) criterion: given, or the only one with judgment 1 against itself."""
    if given is not None:
        if given not in vector.index:
            raise InvalidArgumentError(
                f"{name} must be one of the criteria ({format_labels(vector.index)}); "
                f"got {describe(given)}"
            )
        if vector[given] != 1:
            raise InvalidComparisonError(
                f"{argument} must be 1 for the {name} criterion itself; got "
                f"{describe(float(vector[given]))} for {describe(given)}"
            )
        return given
    ones = vector.index[vector == 1].tolist()
    if len(ones) != 1:
        found = format_labels(ones) if ones else "none"
        raise InvalidArgumentError(
            f"cannot tell the {name} criterion from {argument}: it is the criterion with "
            f"judgment 1, and {found} have 1; pass {name}=..."
        )
    return ones[0]


def _check_inputs(
    best_to_others: Any, others_to_worst: Any, best: Any, worst: Any, criteria: Any
) -> tuple[pd.Series, pd.Series, Any, Any]:
    a_b = _vector("best_to_others", best_to_others, criteria)
    a_w = _vector("others_to_worst", others_to_worst, criteria)
    if set(a_b.index) != set(a_w.index) or len(a_b) != len(a_w):
        raise InvalidComparisonError(
            "best_to_others and others_to_worst must judge the same criteria; got "
            f"{format_labels(a_b.index)} and {format_labels(a_w.index)}"
        )
    if len(a_b) < 2:
        raise InvalidComparisonError(f"BWM needs at least 2 criteria; got {len(a_b)}")
    a_w = a_w.reindex(a_b.index)
    best = _role("best", best, a_b, "best_to_others")
    worst = _role("worst", worst, a_w, "others_to_worst")
    if best == worst:
        raise InvalidArgumentError(
            f"the best and the worst criterion must differ; got {describe(best)} for both"
        )
    if not np.isclose(a_b[worst], a_w[best], rtol=1e-12, atol=0):
        raise InvalidComparisonError(
            "best_to_others[worst] and others_to_worst[best] are the same judgment (best over "
            f"worst, a_BW); got {describe(float(a_b[worst]))} and {describe(float(a_w[best]))}"
        )
    return a_b, a_w, best, worst


# -- the public function -----------------------------------------------------------------
def bwm(
    best_to_others: Any,
    others_to_worst: Any,
    *,
    best: Any = None,
    worst: Any = None,
    model: str = "nonlinear",
    criteria: Any = None,
) -> BWMResult:
    """Criteria weights by the Best-Worst Method.

    Parameters
    ----------
    best_to_others : mapping or Series
        ``a_Bj``: how many times more important the best criterion is than
        each criterion (1 for the best itself), e.g. on Saaty's 1-9 scale.
    others_to_worst : mapping or Series
        ``a_jW``: how many times more important each criterion is than the
        worst (1 for the worst itself). ``others_to_worst[best]`` must equal
        ``best_to_others[worst]`` (both are ``a_BW``).
    best, worst : label, optional
        The best and worst criteria; by default the only criterion with
        judgment 1 in ``best_to_others`` (``others_to_worst``).
    model : {"nonlinear", "linear"}, default "nonlinear"
        ``"nonlinear"``: Rezaei (2015), ``min xi`` subject to
        ``|w_B / w_j - a_Bj| <= xi`` and ``|w_j / w_W - a_jW| <= xi``; the
        consistency ratio uses Rezaei's consistency index. It can have many
        optimal weight vectors: their range is reported. ``"linear"``: Rezaei
        (2016), ``|w_B - a_Bj w_j| <= xi`` and ``|w_j - a_jW w_W| <= xi``, one
        LP with (in general) one solution; no consistency index is published
        for it, so only the input-based ratio is given.
    criteria : sequence, optional
        Criterion labels when the two vectors are plain sequences.

    Returns
    -------
    BWMResult

    Raises
    ------
    InvalidComparisonError
        A judgment below 1 or not finite, vectors over different criteria,
        ``a_BB`` or ``a_WW`` not 1, ``a_BW`` given twice differently, or
        fewer than 2 criteria.
    InvalidArgumentError
        ``best``/``worst`` unknown, equal, or not identifiable.
    UnknownMethodError
        An unknown model.

    Notes
    -----
    Both models are solved exactly with linear programs (HiGHS, through
    :func:`scipy.optimize.linprog`): the nonlinear model by a root search on
    xi (at fixed xi its constraints are linear in the weights), the linear
    model directly. At the optimal xi the weights form a convex polytope;
    ``weight_min``/``weight_max`` are each weight's range over it (Rezaei
    2016's interval weights), found by ``2n`` LPs with a slack of
    ``1e-9 xi* + 1e-12``. The reported ``weights`` are the average of those
    ``2n`` extreme solutions: a point of the optimal set that does not favour
    any criterion (Rezaei 2016 discusses the interval centres, which need
    not sum to 1).

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
    *Omega* 53, 49-57. Rezaei, J. (2016). Best-worst multi-criteria
    decision-making method: some properties and a linear model. *Omega* 64,
    126-130. Liang, F., Brunelli, M. and Rezaei, J. (2020). Consistency issues
    in the best worst method: measurements and thresholds. *Omega* 96, 102175.

    Examples
    --------
    >>> result = bwm({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1})
    >>> result.weights.round(4).tolist(), result.xi
    ([0.5714, 0.2857, 0.1429], 0.0)
    """
    check_choice("model", model, BWM_MODELS)
    a_b, a_w, best, worst = _check_inputs(best_to_others, others_to_worst, best, worst, criteria)
    labels = a_b.index
    b, w = (int(i) for i in labels.get_indexer(pd.Index([best, worst])))
    vb, vw = a_b.to_numpy(), a_w.to_numpy()
    xi = nonlinear_xi(vb, vw, b, w) if model == "nonlinear" else linear_xi(vb, vw, b, w)
    a_ub, b_ub = optimal_set_rows(vb, vw, b, w, model, xi)
    low, high, weights = weight_intervals(a_ub, b_ub, labels.size)
    return BWMResult(
        model=model,
        criteria=labels,
        best=best,
        worst=worst,
        xi=xi,
        weight_array=np.clip(weights, 0.0, 1.0),
        weight_min=np.clip(low, 0.0, 1.0),
        weight_max=np.clip(high, 0.0, 1.0),
        best_to_others_array=vb.copy(),
        others_to_worst_array=vw.copy(),
    )


@result_dataclass
class BWMResult(Result):
    """Weights from the Best-Worst Method (returned by :func:`bwm`).

    Attributes
    ----------
    model : str
        "nonlinear" (Rezaei 2015) or "linear" (Rezaei 2016).
    criteria : pandas.Index
        The criteria labels.
    best, worst : label
        The best and worst criteria.
    xi : float
        The optimal objective (``xi*`` or ``xi^L``): the largest deviation of
        the weights from the judgments (as ratios, or as the linear
        differences).
    weight_array, weight_min, weight_max : numpy.ndarray
        The weights and each weight's smallest and largest value over the
        optimal set, in criteria order (read-only); :attr:`weights` and
        :attr:`intervals` label them.
    best_to_others_array, others_to_worst_array : numpy.ndarray
        The judgments ``a_Bj`` and ``a_jW`` in criteria order (read-only).
    """

    model: str
    criteria: pd.Index
    best: Any
    worst: Any
    xi: float
    weight_array: np.ndarray
    weight_min: np.ndarray
    weight_max: np.ndarray
    best_to_others_array: np.ndarray
    others_to_worst_array: np.ndarray

    plot = PlotAccessor("BWMPlots")

    @property
    def a_bw(self) -> float:
        """The judgment of the best over the worst criterion."""
        return float(self.best_to_others_array[self.criteria.get_loc(self.worst)])

    @property
    def consistency_index(self) -> float | None:
        """Rezaei's (2015) consistency index for ``a_bw`` (nonlinear model; else None)."""
        return bwm_consistency_index(self.a_bw) if self.model == "nonlinear" else None

    @property
    def consistency_ratio(self) -> float | None:
        """``xi* / consistency_index`` (nonlinear model; 0 when ``a_bw = 1``; else None)."""
        index = self.consistency_index
        if index is None:
            return None
        return float(self.xi / index) if index > 0 else 0.0

    @property
    def input_consistency_ratios(self) -> pd.Series:
        """Liang et al.'s (2020) ``|a_Bj a_jW - a_BW| / (a_BW^2 - a_BW)`` per criterion."""
        a_bw = self.a_bw
        if a_bw == 1:
            ratios = np.zeros(self.criteria.size)
        else:
            gap = np.abs(self.best_to_others_array * self.others_to_worst_array - a_bw)
            ratios = gap / (a_bw**2 - a_bw)
        return pd.Series(ratios, index=self.criteria, name="input_consistency_ratio")

    @property
    def input_consistency_ratio(self) -> float:
        """Liang et al.'s (2020) input-based ratio: the largest per-criterion ratio."""
        return float(self.input_consistency_ratios.max())

    @property
    def reference(self) -> str:
        """The citation of the model."""
        return REFERENCES[self.model]

    @property
    def weights(self) -> pd.Series:
        """The weights (sum 1), indexed by criterion."""
        return pd.Series(self.weight_array, index=self.criteria, name="weight", copy=True)

    @property
    def intervals(self) -> pd.DataFrame:
        """Each weight's range over the optimal set: columns ``weight_min``, ``weight_max``."""
        return pd.DataFrame(
            {"weight_min": self.weight_min, "weight_max": self.weight_max},
            index=self.criteria,
            copy=True,
        )

    @property
    def unique(self) -> bool:
        """True when the optimal weights are unique (every interval narrower than 1e-6)."""
        return bool(np.all(self.weight_max - self.weight_min < 1e-6))

    @property
    def best_to_others(self) -> pd.Series:
        """The best-to-others judgments ``a_Bj``."""
        return pd.Series(self.best_to_others_array, index=self.criteria, copy=True)

    @property
    def others_to_worst(self) -> pd.Series:
        """The others-to-worst judgments ``a_jW``."""
        return pd.Series(self.others_to_worst_array, index=self.criteria, copy=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: weight, its interval, the two judgments, the input ratio."""
        frame = pd.DataFrame(
            {
                "weight": self.weight_array,
                "weight_min": self.weight_min,
                "weight_max": self.weight_max,
                "best_to_others": self.best_to_others_array,
                "others_to_worst": self.others_to_worst_array,
                "input_consistency_ratio": self.input_consistency_ratios.to_numpy(),
            },
            index=self.criteria,
            copy=True,
        )
        frame.index.name = "criterion"
        return frame

    def _summary(self) -> dict[str, Any]:
        ratio = self.consistency_ratio
        return {
            "model": self.model,
            "best": self.best,
            "worst": self.worst,
            "xi": round(self.xi, 6),
            "consistency_ratio": None if ratio is None else round(ratio, 4),
            "input_consistency_ratio": round(self.input_consistency_ratio, 4),
        }

    def _export(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "best": self.best,
            "worst": self.worst,
            "xi": self.xi,
            "a_bw": self.a_bw,
            "consistency_index": self.consistency_index,
            "consistency_ratio": self.consistency_ratio,
            "input_consistency_ratio": self.input_consistency_ratio,
            "reference": self.reference,
            "weights": self.weights,
            "intervals": {
                "weight_min": pd.Series(self.weight_min, index=self.criteria),
                "weight_max": pd.Series(self.weight_max, index=self.criteria),
            },
            "best_to_others": self.best_to_others,
            "others_to_worst": self.others_to_worst,
        }

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"weights": self.to_frame()}
