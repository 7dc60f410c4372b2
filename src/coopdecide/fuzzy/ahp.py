"""Fuzzy AHP: Buckley's (1985) geometric mean (default) and Chang's (1996) extent analysis.

Kernels (:func:`buckley_weights`, :func:`extent_weights`) are plain numpy on
``(n, n, 3)`` arrays; :func:`fuzzy_ahp` validates, labels and returns a
:class:`FuzzyAHPResult`.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, PlotAccessor, Result, result_dataclass
from coopdecide._validation import check_option, check_real, describe, format_labels
from coopdecide.exceptions import InvalidComparisonError
from coopdecide.fuzzy.numbers import DEFUZZIFICATIONS, as_triangles, defuzzify
from coopdecide.fuzzy.scales import saaty_triangle

__all__ = [
    "FUZZY_AHP_METHODS",
    "FuzzyAHPResult",
    "FuzzyPairwiseComparison",
    "buckley_weights",
    "extent_weights",
    "fuzzy_ahp",
]

FUZZY_AHP_METHODS = ("buckley", "chang")
_RTOL = 1e-6


class FuzzyPairwiseComparison(Immutable):
    """A complete reciprocal matrix of triangular fuzzy judgments.

    Parameters
    ----------
    matrix : array-like
        ``(n, n, 3)``: ``matrix[i, j] = (l, m, u)`` says how much more important
        item ``i`` is than item ``j``. The diagonal must be ``(1, 1, 1)`` and
        ``matrix[j, i]`` the reciprocal ``(1 / u, 1 / m, 1 / l)``.
    labels : sequence, optional
        Item names (default ``C1, C2, ...``).

    Examples
    --------
    >>> fpc = FuzzyPairwiseComparison.from_judgments(
    ...     ["trade", "security"], {("trade", "security"): 3}
    ... )
    >>> fpc.to_frame().loc["trade", "security"]
    (2.0, 3.0, 4.0)
    """

    __slots__ = ("_labels", "_matrix")
    _labels: pd.Index
    _matrix: np.ndarray

    def __init__(self, matrix: Any, labels: Sequence[Hashable] | None = None) -> None:
        array = as_triangles(matrix, "matrix", positive=True)
        if array.ndim != 3 or array.shape[0] != array.shape[1] or array.shape[0] < 2:
            raise InvalidComparisonError(
                "matrix must be square with at least two items: shape (n, n, 3); got shape "
                f"{array.shape}"
            )
        n = array.shape[0]
        names = pd.Index([f"C{i + 1}" for i in range(n)] if labels is None else list(labels))
        if len(names) != n or names.has_duplicates:
            raise InvalidComparisonError(
                f"labels must be {n} distinct names; got {describe(list(names))}"
            )
        diagonal = array[np.arange(n), np.arange(n)]
        if not np.allclose(diagonal, 1.0):
            raise InvalidComparisonError("matrix must have (1, 1, 1) on the diagonal")
        reciprocal = 1.0 / array.transpose(1, 0, 2)[..., ::-1]
        bad = ~np.isclose(array, reciprocal, rtol=_RTOL, atol=0).all(axis=-1)
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            raise InvalidComparisonError(
                f"matrix must be reciprocal: ({names[j]!r}, {names[i]!r}) must be "
                f"(1/u, 1/m, 1/l) of ({names[i]!r}, {names[j]!r}) = "
                f"{tuple(float(v) for v in array[i, j])}; "
                f"got {tuple(float(v) for v in array[j, i])}"
            )
        array.flags.writeable = False
        object.__setattr__(self, "_matrix", array)
        object.__setattr__(self, "_labels", names)

    @classmethod
    def from_judgments(
        cls,
        labels: Sequence[Hashable],
        judgments: Mapping[tuple[Hashable, Hashable], Any],
        *,
        spread: float = 1.0,
    ) -> FuzzyPairwiseComparison:
        """Build a comparison from judgments, crisp (Saaty-scale) or triangular.

        Parameters
        ----------
        labels : sequence
            The items, in matrix order.
        judgments : mapping
            ``{(a, b): value}`` for every pair (in either order): a number on
            Saaty's scale (``3``, ``1/3``), fuzzified by
            :func:`~coopdecide.fuzzy.saaty_triangle` with ``spread``, or an
            explicit triangle ``(l, m, u)``.
        spread : float, default 1.0
            Half-width of the triangles made from crisp judgments.

        Raises
        ------
        InvalidComparisonError
            An unknown label, a pair of an item with itself, a missing pair
            (fuzzy AHP here needs complete comparisons) or a pair given twice.
        """
        names = list(labels)
        spread = check_real("spread", spread, minimum=0)
        position = {label: k for k, label in enumerate(names)}
        n = len(names)
        matrix = np.ones((n, n, 3))
        seen: set[tuple[int, int]] = set()
        for (a, b), value in judgments.items():
            unknown = [x for x in (a, b) if x not in position]
            if unknown:
                raise InvalidComparisonError(
                    f"judgments name unknown items {format_labels(unknown)}; the items are "
                    f"{format_labels(names)}"
                )
            i, j = position[a], position[b]
            if i == j or (min(i, j), max(i, j)) in seen:
                what = "an item with itself" if i == j else "a pair given twice"
                raise InvalidComparisonError(f"judgments must not contain {what}: ({a!r}, {b!r})")
            seen.add((min(i, j), max(i, j)))
            triangle = _triangle(value, spread, f"judgments[({a!r}, {b!r})]")
            matrix[i, j] = triangle
            matrix[j, i] = 1.0 / triangle[::-1]
        missing = [
            (names[i], names[j]) for i in range(n) for j in range(i + 1, n) if (i, j) not in seen
        ]
        if missing:
            raise InvalidComparisonError(
                "judgments must compare every pair (fuzzy AHP needs a complete comparison); "
                f"missing {', '.join(f'({a!r}, {b!r})' for a, b in missing[:5])}"
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            )
        return cls(matrix, names)

    @property
    def labels(self) -> pd.Index:
        """The items compared."""
        return self._labels

    @property
    def matrix(self) -> np.ndarray:
        """The ``(n, n, 3)`` array of judgments (read-only)."""
        return self._matrix

    def crisp(self) -> Any:
        """The :class:`~coopdecide.PairwiseComparison` of the modal values ``m``."""
        from coopdecide.ahp import PairwiseComparison

        return PairwiseComparison(self._matrix[..., 1], labels=list(self._labels))

    def to_frame(self) -> pd.DataFrame:
        """Items x items, each cell an ``(l, m, u)`` tuple."""
        n = len(self._labels)
        cells = [[tuple(float(v) for v in self._matrix[i, j]) for j in range(n)] for i in range(n)]
        return pd.DataFrame(cells, index=self._labels, columns=self._labels)

    def __repr__(self) -> str:
        return f"FuzzyPairwiseComparison({len(self._labels)} items)\n{self.to_frame()}"


def _triangle(value: Any, spread: float, name: str) -> np.ndarray:
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        if not np.isfinite(value) or value <= 0:
            raise InvalidComparisonError(f"{name} must be a positive number; got {describe(value)}")
        return np.array(saaty_triangle(float(value), spread))
    return as_triangles(value, name, positive=True).reshape(3)


def buckley_weights(matrix: np.ndarray) -> np.ndarray:
    """Buckley's (1985) fuzzy weights ``(n, 3)`` from an ``(..., n, n, 3)`` matrix.

    ``r_i = (prod_j a_ij)^(1/n)`` component-wise and
    ``w_i = r_i (x) (sum_k r_k)^-1 = (l_i / sum u, m_i / sum m, u_i / sum l)``.
    Batched over leading axes.
    """
    r = np.exp(np.log(matrix).mean(axis=-2))  # (..., n, 3)
    total = r.sum(axis=-2, keepdims=True)
    return r / total[..., ::-1]


def extent_weights(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chang's (1996) extent analysis: synthetic extents, possibility degrees, weights.

    ``S_i = sum_j a_ij (x) [sum_k sum_j a_kj]^-1``; the degree of possibility
    ``V(S_i >= S_k)`` is 1 if ``m_i >= m_k``, 0 if ``l_k >= u_i``, else
    ``(l_k - u_i) / ((m_i - u_i) - (m_k - l_k))``; ``d_i = min_k V(S_i >= S_k)``
    and the weights are ``d / sum d``.
    """
    rows = matrix.sum(axis=1)  # (n, 3)
    total = rows.sum(axis=0)
    extents = rows / total[::-1]
    l, m, u = extents[:, 0], extents[:, 1], extents[:, 2]  # noqa: E741
    mi, ui = m[:, None], u[:, None]
    lk, mk = l[None, :], m[None, :]
    denominator = (mi - ui) - (mk - lk)
    with np.errstate(divide="ignore", invalid="ignore"):
        middle = (lk - ui) / denominator
    possibility = np.where(mi >= mk, 1.0, np.where(lk >= ui, 0.0, middle))
    n = matrix.shape[0]
    off = np.where(np.eye(n, dtype=bool), np.inf, possibility)
    degrees = off.min(axis=1)
    return extents, possibility, degrees


def fuzzy_ahp(
    comparison: FuzzyPairwiseComparison | Any,
    *,
    method: str = "buckley",
    defuzzification: str = "centroid",
) -> FuzzyAHPResult:
    """Fuzzy AHP weights from a fuzzy pairwise comparison.

    Parameters
    ----------
    comparison : FuzzyPairwiseComparison or array-like
        The fuzzy judgments (an ``(n, n, 3)`` array is accepted).
    method : {"buckley", "chang"}, default "buckley"
        ``"buckley"``: Buckley's (1985) fuzzy geometric mean, the default; on
        crisp triangles (``l = m = u``) it is exactly the geometric-mean AHP
        (``coopdecide.ahp(..., method="geometric")``). ``"chang"``: Chang's
        (1996) extent analysis, available for comparison with published
        studies but known to give zero weights to criteria that are
        important (Wang, Luo and Hua 2008): a criterion whose synthetic
        extent does not overlap the best one's gets weight 0 whatever its
        judgments, and on crisp input all the weight goes to one criterion.
        A :class:`~coopdecide.exceptions.MethodWarning` flags zero weights.
    defuzzification : {"centroid", "graded_mean"}, default "centroid"
        How Buckley's fuzzy weights become crisp ones (then normalized to sum
        1): the centroid ``(l + m + u) / 3`` or the graded mean
        ``(l + 4 m + u) / 6`` (Chen and Hsieh 1999). Not used by "chang",
        whose weights are crisp.

    Returns
    -------
    FuzzyAHPResult

    Raises
    ------
    UnknownMethodError
        An unknown ``method`` or ``defuzzification``.
    InvalidComparisonError
        An invalid comparison matrix.

    References
    ----------
    Buckley, J. J. (1985). Fuzzy hierarchical analysis. Fuzzy Sets and
    Systems 17(3):233-247.

    Chang, D.-Y. (1996). Applications of the extent analysis method on fuzzy
    AHP. European Journal of Operational Research 95(3):649-655.

    Wang, Y.-M., Luo, Y. and Hua, Z. (2008). On the extent analysis method
    for fuzzy AHP and its applications. European Journal of Operational
    Research 186(2):735-747.

    Examples
    --------
    >>> fpc = FuzzyPairwiseComparison.from_judgments(
    ...     ["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 3}
    ... )
    >>> fuzzy_ahp(fpc).weights.round(3).tolist()
    [0.629, 0.263, 0.107]
    """
    import warnings

    from coopdecide.exceptions import MethodWarning

    check_option("method", method, FUZZY_AHP_METHODS)
    check_option("defuzzification", defuzzification, DEFUZZIFICATIONS)
    if not isinstance(comparison, FuzzyPairwiseComparison):
        comparison = FuzzyPairwiseComparison(comparison)
    matrix = comparison.matrix
    if method == "buckley":
        fuzzy = buckley_weights(matrix)
        crisp = defuzzify(fuzzy, defuzzification)
        possibility = None
    else:
        fuzzy, possibility, crisp = extent_weights(matrix)
    weights = crisp / crisp.sum()
    if method == "chang" and (weights == 0).any():
        warnings.warn(
            "Chang's extent analysis gives zero weight to "
            f"{format_labels(comparison.labels[weights == 0])} (a known flaw of the method, "
            "Wang, Luo and Hua 2008); consider method='buckley'",
            MethodWarning,
            stacklevel=2,
        )
    return FuzzyAHPResult(
        comparison=comparison,
        method=method,
        defuzzification=defuzzification,
        fuzzy_array=fuzzy,
        weight_array=weights,
        possibility_array=possibility,
    )


@result_dataclass
class FuzzyAHPResult(Result):
    """Fuzzy AHP weights: fuzzy (l, m, u) and crisp, with the crisp consistency check.

    Attributes
    ----------
    comparison : FuzzyPairwiseComparison
        The judgments.
    method : str
        "buckley" or "chang".
    defuzzification : str
        How Buckley's fuzzy weights were made crisp.
    fuzzy_array : numpy.ndarray
        ``(n, 3)``: Buckley's fuzzy weights or Chang's synthetic extents.
    weight_array : numpy.ndarray
        The crisp weights, summing to 1.
    possibility_array : numpy.ndarray or None
        Chang's degrees of possibility ``V(S_i >= S_k)``; None for Buckley.
    """

    comparison: FuzzyPairwiseComparison
    method: str
    defuzzification: str
    fuzzy_array: np.ndarray
    weight_array: np.ndarray
    possibility_array: np.ndarray | None = None

    plot = PlotAccessor("FuzzyWeightPlots")

    @property
    def weights(self) -> pd.Series:
        """Crisp weights, summing to 1."""
        return pd.Series(self.weight_array, index=self.comparison.labels, name="weight", copy=True)

    @property
    def fuzzy_weights(self) -> pd.DataFrame:
        """Buckley: the fuzzy weights; Chang: the synthetic extents. Columns l, m, u."""
        return pd.DataFrame(
            self.fuzzy_array, index=self.comparison.labels, columns=["l", "m", "u"], copy=True
        )

    @property
    def possibility(self) -> pd.DataFrame | None:
        """Chang: ``V(S_row >= S_column)``; None for Buckley."""
        if self.possibility_array is None:
            return None
        labels = self.comparison.labels
        return pd.DataFrame(self.possibility_array, index=labels, columns=labels, copy=True)

    @property
    def crisp_consistency(self) -> Any:
        """AHP (eigenvector) of the modal judgments ``m``: its ``cr`` checks their consistency."""
        from coopdecide.ahp import ahp

        return ahp(self.comparison.crisp())

    def to_frame(self) -> pd.DataFrame:
        """Fuzzy weights (l, m, u) and the crisp weight, one row per item."""
        frame = self.fuzzy_weights
        frame["weight"] = self.weight_array
        frame.index.name = "criterion"
        return frame

    def _export(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "defuzzification": self.defuzzification if self.method == "buckley" else None,
            "labels": list(self.comparison.labels),
            "weights": self.weight_array,
            "fuzzy_weights": self.fuzzy_array,
            "possibility": self.possibility_array,
        }

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"method": self.method}
        if self.method == "buckley":
            facts["defuzzification"] = self.defuzzification
        return facts

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"weights": self.to_frame()}
