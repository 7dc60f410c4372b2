"""Chen's (2000) fuzzy TOPSIS: triangular ratings and weights, vertex distance.

:func:`fuzzy_topsis_kernel` is plain numpy (batched over leading axes);
:func:`fuzzy_topsis` accepts numbers, triangles or linguistic terms, from one
decision maker or several (averaged, Chen 2000 eqs. 13-14), and returns a
:class:`FuzzyTOPSISResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import result_dataclass
from coopdecide._validation import check_option, describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidProblemError
from coopdecide.fuzzy.numbers import DEFUZZIFICATIONS, as_triangles, defuzzify, vertex_distance
from coopdecide.fuzzy.scales import CHEN_RATINGS, CHEN_WEIGHTS
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.result import RankingResult

__all__ = ["IDEALS", "FuzzyTOPSISResult", "fuzzy_topsis", "fuzzy_topsis_kernel"]

#: Fuzzy ideal points: ``"unit"`` is Chen's (2000) ``(1, 1, 1)`` and ``(0, 0, 0)``;
#: ``"extremes"`` takes each criterion's largest ``u`` and smallest ``l`` of the
#: weighted normalized values (as crisp TOPSIS takes the best and worst values).
IDEALS = ("unit", "extremes")


def fuzzy_topsis_kernel(
    ratings: np.ndarray, weights: np.ndarray, types: np.ndarray, ideal: str = "unit"
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Chen's fuzzy TOPSIS on ``(..., n, m, 3)`` ratings and ``(..., m, 3)`` weights.

    Linear scale normalization: ``(a / c*, b / c*, c / c*)`` with
    ``c* = max_i c_ij`` for a benefit criterion, ``(a- / c, a- / b, a- / a)``
    with ``a- = min_i a_ij`` for a cost criterion; ``v = r (x) w``; distances
    are sums over criteria of the vertex distance to the ideal points.

    Returns
    -------
    closeness, d_plus, d_minus : numpy.ndarray
        ``(..., n)``; closeness ``d- / (d+ + d-)``.
    weighted : numpy.ndarray
        The weighted normalized ratings ``(..., n, m, 3)``.
    """
    benefit = np.asarray(types) > 0
    best = ratings[..., 2].max(axis=-2, keepdims=True)[..., None]  # (..., 1, m, 1)
    worst = ratings[..., 0].min(axis=-2, keepdims=True)[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        normalized = np.where(benefit[:, None], ratings / best, worst / ratings[..., ::-1])
    weighted = normalized * weights[..., None, :, :]
    if ideal == "unit":
        plus, minus = np.ones(3), np.zeros(3)
    else:
        plus = np.repeat(weighted[..., 2].max(axis=-2, keepdims=True)[..., None], 3, axis=-1)
        minus = np.repeat(weighted[..., 0].min(axis=-2, keepdims=True)[..., None], 3, axis=-1)
    d_plus = vertex_distance(weighted, plus).sum(axis=-1)
    d_minus = vertex_distance(weighted, minus).sum(axis=-1)
    total = d_plus + d_minus
    closeness = np.where(total == 0, 0.5, d_minus / np.where(total == 0, 1.0, total))
    return closeness, d_plus, d_minus, weighted


def _terms_to_triangles(value: Any, scale: Mapping[str, Any] | None, name: str) -> Any:
    """Replace linguistic terms (strings) in nested lists or a DataFrame by their triangles."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        value = value.to_numpy(dtype=object).tolist()
    if isinstance(value, str):
        table = CHEN_RATINGS if scale is None else scale
        if value not in table:
            raise InvalidArgumentError(
                f"{name} has the unknown linguistic term {describe(value)}; the scale's terms "
                f"are {format_labels(table)}"
            )
        return tuple(table[value])
    if isinstance(value, np.ndarray) and value.dtype != object:
        return value
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_terms_to_triangles(v, scale, name) for v in value]
    return value


def _fuzzy_input(value: Any, scale: Mapping[str, Any], name: str, ndim: int) -> np.ndarray:
    """Triangles of shape ``(k, ..., 3)``: one block per decision maker (k = 1 if one)."""
    array = as_triangles(_terms_to_triangles(value, scale, name), name)
    if array.ndim == ndim:
        array = array[None]
    if array.ndim != ndim + 1:
        raise InvalidArgumentError(
            f"{name} must have {ndim - 1} axes of triangles (or one more, for several decision "
            f"makers); got shape {array.shape}"
        )
    if (array < 0).any():
        raise InvalidArgumentError(f"{name} must be non-negative; got {array.min():g}")
    return array


def fuzzy_topsis(
    ratings: Any,
    weights: Any,
    objectives: Any = "max",
    *,
    alternatives: Sequence[Any] | None = None,
    criteria: Sequence[Any] | None = None,
    ideal: str = "unit",
    rating_scale: Mapping[str, Any] = CHEN_RATINGS,
    weight_scale: Mapping[str, Any] = CHEN_WEIGHTS,
    defuzzification: str = "centroid",
) -> FuzzyTOPSISResult:
    """Rank alternatives by Chen's (2000) fuzzy TOPSIS.

    Parameters
    ----------
    ratings : array-like or DataFrame
        Alternatives x criteria triangles ``(l, m, u)`` (shape ``(n, m, 3)``)
        or linguistic terms of ``rating_scale`` ("VG", "G", ...); or one such
        table per decision maker (shape ``(k, n, m, 3)``, a list of tables),
        averaged as in Chen (2000) eq. (13). A DataFrame's labels name the
        alternatives and criteria.
    weights : array-like
        One triangle or term of ``weight_scale`` per criterion (``(m, 3)``),
        or one such row per decision maker (``(k, m, 3)``), averaged (eq. 14).
    objectives : str or sequence, default "max"
        "max"/"min" (or "benefit"/"cost") for all criteria or one per criterion.
    alternatives, criteria : sequence, optional
        Labels (default: a DataFrame's, else A1, ... and C1, ...).
    ideal : {"unit", "extremes"}, default "unit"
        The fuzzy ideal points: Chen's ``(1, 1, 1)`` / ``(0, 0, 0)``, or each
        criterion's best and worst weighted values (:data:`IDEALS`).
    rating_scale, weight_scale : mapping
        Linguistic terms to triangles; Chen (2000) Tables 2 and 1 by default.
    defuzzification : {"centroid", "graded_mean"}, default "centroid"
        How the crisp problem in ``result.problem`` is made from the
        triangles (for comparisons with crisp methods; not used in ranking).

    Returns
    -------
    FuzzyTOPSISResult
        A :class:`~coopdecide.RankingResult` (``scores`` = closeness
        coefficients) whose ``problem`` is the defuzzified crisp problem.

    Raises
    ------
    InvalidArgumentError
        Triangles with ``l > m`` or ``m > u``, negative values, shapes that
        do not match, an unknown linguistic term, a cost criterion with a
        zero lower bound, a benefit criterion whose upper bounds are all 0.
    UnknownMethodError
        An unknown ``ideal`` or ``defuzzification``.

    Notes
    -----
    On crisp numbers (``l = m = u``) the vertex distance is the absolute
    difference, so with ``ideal="unit"`` the closeness is the mean over the
    criteria of the weighted normalized values (a weighted sum of
    max-normalized benefit values, up to the factor ``1/m``), and with
    ``ideal="extremes"`` it is crisp TOPSIS with the Manhattan distance and
    the "max" normalization (for benefit criteria; cost criteria are
    normalized as ``min x / x`` here).

    References
    ----------
    Chen, C.-T. (2000). Extensions of the TOPSIS for group decision-making
    under fuzzy environment. Fuzzy Sets and Systems 114(1):1-9.

    Examples
    --------
    >>> result = fuzzy_topsis([["G", "F"], ["MG", "VG"]], ["H", "M"])
    >>> result.scores.round(3).tolist()
    [0.514, 0.549]
    """
    check_option("ideal", ideal, IDEALS)
    check_option("defuzzification", defuzzification, DEFUZZIFICATIONS)
    frame = ratings if isinstance(ratings, pd.DataFrame) else None
    blocks = _fuzzy_input(ratings, rating_scale, "ratings", 3)
    weight_blocks = _fuzzy_input(weights, weight_scale, "weights", 2)
    mean_ratings = blocks.mean(axis=0)
    mean_weights = weight_blocks.mean(axis=0)
    n, m = mean_ratings.shape[:2]
    if mean_weights.shape[0] != m:
        raise InvalidArgumentError(
            f"weights must have one triangle per criterion ({m}); got {mean_weights.shape[0]}"
        )
    if alternatives is None:
        alternatives = list(frame.index) if frame is not None else [f"A{i + 1}" for i in range(n)]
    if criteria is None:
        criteria = list(frame.columns) if frame is not None else [f"C{j + 1}" for j in range(m)]
    crisp_weights = defuzzify(mean_weights, defuzzification)
    problem = DecisionProblem(
        defuzzify(mean_ratings, defuzzification),
        objectives,
        weights=crisp_weights if crisp_weights.sum() > 0 else None,
        alternatives=alternatives,
        criteria=criteria,
    )
    types = problem.types.astype(float)
    zero_cost = (types < 0) & (mean_ratings[..., 0] <= 0).any(axis=0)
    zero_benefit = (types > 0) & (mean_ratings[..., 2].max(axis=0) <= 0)
    if zero_cost.any() or zero_benefit.any():
        bad = problem.criteria[zero_cost | zero_benefit]
        raise InvalidProblemError(
            "fuzzy TOPSIS's linear scale normalization divides by the ratings: a cost criterion "
            "needs positive lower bounds l and a benefit criterion a positive upper bound; got "
            f"zeros in {format_labels(bad)}"
        )
    closeness, d_plus, d_minus, weighted = fuzzy_topsis_kernel(
        mean_ratings, mean_weights, types, ideal
    )
    return FuzzyTOPSISResult(
        method="fuzzy_topsis",
        options={"ideal": ideal, "defuzzification": defuzzification},
        problem=problem,
        score_array=closeness,
        intermediate={
            "d_plus": d_plus,
            "d_minus": d_minus,
            "fuzzy_ratings": mean_ratings,
            "fuzzy_weights": mean_weights,
            "fuzzy_weighted": weighted,
        },
    )


@result_dataclass
class FuzzyTOPSISResult(RankingResult):
    """Chen's fuzzy TOPSIS: closeness coefficients and distances, with the fuzzy inputs.

    ``problem`` is the defuzzified crisp problem (for ``compare_methods`` and
    crisp methods on the same data); ``fuzzy_ratings``, ``fuzzy_weights`` and
    ``fuzzy_weighted`` keep the triangles.
    """

    def _triangle_frame(self, key: str) -> pd.DataFrame:
        values = self.intermediate[key]
        cells = [[tuple(float(v) for v in cell) for cell in row] for row in values]
        return pd.DataFrame(cells, index=self.problem.alternatives, columns=self.problem.criteria)

    @property
    def fuzzy_ratings(self) -> pd.DataFrame:
        """The (averaged) fuzzy ratings, each cell an ``(l, m, u)`` tuple."""
        return self._triangle_frame("fuzzy_ratings")

    @property
    def fuzzy_weighted(self) -> pd.DataFrame:
        """The weighted normalized fuzzy ratings (Chen 2000, Table 7)."""
        return self._triangle_frame("fuzzy_weighted")

    @property
    def fuzzy_weights(self) -> pd.DataFrame:
        """The (averaged) fuzzy weights: criteria x (l, m, u)."""
        values = self.intermediate["fuzzy_weights"]
        return pd.DataFrame(values, index=self.problem.criteria, columns=["l", "m", "u"])

    def _export(self) -> dict[str, Any]:
        exported = super()._export()
        exported["fuzzy_ratings"] = self.intermediate["fuzzy_ratings"]
        exported["fuzzy_weights"] = self.intermediate["fuzzy_weights"]
        return exported
