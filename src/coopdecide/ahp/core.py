"""Priorities and consistency of one pairwise comparison: :func:`ahp` and :class:`AHPResult`."""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide._validation import check_option, check_real, describe
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import (
    RITableLike,
    geometric_consistency_index,
    resolve_ri_table,
)
from coopdecide.ahp.consistency import gci_threshold as _gci_threshold_table
from coopdecide.ahp.incomplete import (
    COMPLETERS,
    COMPLETION_METHODS,
    _as_comparison,
    _check_connected,
    completed_pairs,
)
from coopdecide.ahp.priorities import (
    PRIORITY_METHODS,
    eigenvector_priorities,
    priorities,
)
from coopdecide.ahp.scale import closest_saaty_value
from coopdecide.exceptions import InconsistentComparisonWarning

__all__ = ["AHPResult", "ahp"]


def _complete_matrix(matrix: np.ndarray, completion: str) -> np.ndarray:
    return COMPLETERS[completion](matrix)


@result_dataclass
class AHPResult(Result):
    """Priorities and consistency of one pairwise comparison (returned by :func:`ahp`).

    Attributes
    ----------
    weights : pandas.Series
        Priorities, summing to 1, indexed by the item labels.
    lambda_max : float
        Principal eigenvalue of the (completed) matrix, whatever the method.
    ci : float
        Consistency index ``(lambda_max - n) / (n - 1)`` (0 for n <= 2).
    cr : float
        Consistency ratio ``ci / ri`` (0 for n <= 2).
    ri : float
        The random index used, ``RI(n)`` from the table ``ri_table``.
    ri_table : str
        Name of the random index table.
    threshold : float
        CR threshold used to judge consistency.
    gci : float or None
        Geometric consistency index (``method="geometric"`` only).
    gci_threshold : float or None
        GCI threshold used (``method="geometric"`` only).
    consistent : bool
        ``cr <= threshold``; for ``method="geometric"``, ``gci <= gci_threshold``.
    method : str
        The priority method.
    comparison : PairwiseComparison
        The comparison as given (possibly incomplete).
    completion : str or None
        Completion method used for an incomplete comparison, else None.
    completed_comparison : PairwiseComparison
        The completed comparison (the comparison itself if it was complete).
    completed : pandas.DataFrame
        The filled pairs: ``row``, ``column``, ``value`` (empty if complete).
    """

    comparison: PairwiseComparison
    completed_comparison: PairwiseComparison
    completion: str | None
    weight_array: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    ri_citation: str
    threshold: float
    gci: float | None
    gci_threshold: float | None
    consistent: bool
    method: str

    # -- values ---------------------------------------------------------------
    @property
    def weights(self) -> pd.Series:
        """Priorities (sum 1) indexed by item."""
        return pd.Series(self.weight_array.copy(), index=self.comparison.labels, name="weight")

    @property
    def labels(self) -> pd.Index:
        """The item labels."""
        return self.comparison.labels

    @property
    def n(self) -> int:
        """Number of items."""
        return self.comparison.n

    @property
    def completed(self) -> pd.DataFrame:
        """The pairs filled by the completion: ``row``, ``column``, ``value``."""
        return completed_pairs(self.comparison, self.completed_comparison)

    # -- diagnostics --------------------------------------------------------------
    def inconsistencies(self, rank_by: str = "log_error") -> pd.DataFrame:
        """Every judgment ranked by how far it departs from the derived weights.

        For each known judgment ``a_ij`` (upper triangle, ``i`` before ``j``)
        the error ``e_ij = a_ij w_j / w_i`` is 1 when the judgment agrees with
        the weights. The suggestion is the value of Saaty's scale closest (on
        a log scale) to ``w_i / w_j``, and ``cr_if_changed`` is the CR of the
        comparison with only that judgment (and its reciprocal) set to the
        suggestion, recomputed with the same method, table and completion.

        Parameters
        ----------
        rank_by : {"log_error", "derivative"}, default "log_error"
            ``"log_error"``: by ``|log e_ij|``, largest first (Saaty 2003 calls
            the largest the most inconsistent judgment). ``"derivative"``: by
            ``|d lambda_max / d a_ij|``, largest first: Harker's (1987)
            consistency-improvement step revises the judgment whose change
            moves ``lambda_max`` (and so the CR) fastest.

        Returns
        -------
        pandas.DataFrame
            Columns ``row``, ``column``, ``value`` (``a_ij``),
            ``consistent_value`` (``w_i / w_j``), ``error`` (``e_ij``),
            ``abs_log_error``, ``lambda_derivative``, ``suggested``,
            ``cr_if_changed`` and, for the geometric method,
            ``gci_if_changed``.

        Raises
        ------
        UnknownMethodError
            An unknown ``rank_by``.

        Notes
        -----
        ``lambda_derivative`` is the derivative of the principal eigenvalue
        of the (completed) matrix with respect to ``a_ij`` when ``a_ji = 1 /
        a_ij`` moves with it: ``v_i w_j - v_j w_i / a_ij^2`` with ``w`` and
        ``v`` the right and left Perron vectors scaled so that ``v . w = 1``
        (Harker 1987). It is 0 for every judgment of a consistent matrix.

        References
        ----------
        Saaty, T.L. (2003). Decision-making with the AHP: Why is the principal
        eigenvector necessary. European Journal of Operational Research
        145(1):85-91.
        Harker, P.T. (1987). Derivatives of the Perron root of a positive
        reciprocal matrix: with application to the analytic hierarchy
        process. Applied Mathematics and Computation 22(2-3):217-232.
        """
        check_option("rank_by", rank_by, ("log_error", "derivative"))
        original = self.comparison.matrix
        full = self.completed_comparison.matrix
        n = self.n
        rows, cols = np.triu_indices(n, k=1)
        known = ~np.isnan(original[rows, cols])
        rows, cols = rows[known], cols[known]
        w = self.weight_array
        value = full[rows, cols]
        consistent_value = w[rows] / w[cols]
        error = value / consistent_value
        abs_log = np.abs(np.log(error))
        derivative = _lambda_derivatives(full, rows, cols)
        suggested = np.asarray(closest_saaty_value(consistent_value), dtype=float).reshape(-1)
        k = rows.size
        stack = np.broadcast_to(original, (k, n, n)).copy()
        idx = np.arange(k)
        stack[idx, rows, cols] = suggested
        stack[idx, cols, rows] = 1.0 / suggested
        if self.completion is not None:
            stack = np.stack([_complete_matrix(m, self.completion) for m in stack])
        cr_if = np.zeros(k)
        gci_if = np.zeros(k)
        if k:
            cand_w, lam = priorities(stack, self.method)
            if n > 2:
                cr_if = (lam - n) / (n - 1) / self.ri
            if self.method == "geometric":
                gci_if = np.atleast_1d(geometric_consistency_index(stack, cand_w))
        labels = self.comparison.labels
        table = pd.DataFrame(
            {
                "row": labels[rows].to_numpy(dtype=object),
                "column": labels[cols].to_numpy(dtype=object),
                "value": value,
                "consistent_value": consistent_value,
                "error": error,
                "abs_log_error": abs_log,
                "lambda_derivative": derivative,
                "suggested": suggested,
                "cr_if_changed": cr_if,
            }
        )
        if self.method == "geometric":
            table["gci_if_changed"] = gci_if
        key = abs_log if rank_by == "log_error" else np.abs(derivative)
        order = np.argsort(-key, kind="stable")
        return table.iloc[order].reset_index(drop=True)

    # -- rendering and export --------------------------------------------------
    plot = PlotAccessor("AHPPlots")

    def to_frame(self) -> pd.DataFrame:
        """Weights and ranks (1 = most important) indexed by item."""
        weights = self.weights
        return pd.DataFrame(
            {"weight": weights, "rank": weights.rank(ascending=False, method="min").astype(int)}
        )

    def _verdict(self) -> str:
        sign = "<=" if self.consistent else ">"
        table = f"ri_table={self.ri_table!r}, RI={self.ri:g}"
        if self.gci is not None:
            return f"GCI={self.gci:.4f} {sign} {self.gci_threshold:g}, CR={self.cr:.4f} ({table})"
        return f"CR={self.cr:.4f} {sign} {self.threshold:g} ({table})"

    def __repr__(self) -> str:
        state = "consistent" if self.consistent else "INCONSISTENT"
        head = (
            f"AHPResult(method={self.method!r}, n={self.n}, {state}: {self._verdict()}, "
            f"lambda_max={self.lambda_max:.4f}, CI={self.ci:.4f}"
        )
        if self.completion is not None:
            head += f", completion={self.completion!r} of {self.comparison.n_missing} pair(s)"
        weights = self.weights.round(4).to_string()
        return f"{head})\n{weights}"

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "method": self.method,
            "lambda_max": self.lambda_max,
            "CI": self.ci,
            "CR": self.cr,
            "RI table": f"{self.ri_table} (RI = {self.ri:g})",
            "threshold": self.threshold,
            "consistent": self.consistent,
        }
        if self.gci is not None:
            facts["GCI"] = self.gci
            facts["GCI threshold"] = self.gci_threshold
        if self.completion is not None:
            facts["completion"] = self.completion
        return facts

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        tables: dict[str, pd.DataFrame | pd.Series] = {"weights": self.to_frame()}
        if self.completion is not None:
            tables["completed pairs"] = self.completed
        return tables

    def _export(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "weights": self.weights,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "ri": self.ri,
            "ri_table": self.ri_table,
            "ri_citation": self.ri_citation,
            "threshold": self.threshold,
            "gci": self.gci,
            "gci_threshold": self.gci_threshold,
            "consistent": self.consistent,
            "completion": self.completion,
            "comparison": self.comparison.to_dict(),
            "completed": [
                {"row": r, "column": c, "value": v}
                for r, c, v in self.completed.itertuples(index=False)
            ],
        }


def ahp(
    comparison: PairwiseComparison | npt.ArrayLike | pd.DataFrame,
    *,
    method: str = "eigenvector",
    ri_table: RITableLike = "saaty1980",
    threshold: float = 0.1,
    completion: str | None = None,
    gci_threshold: float | None = None,
    warn: bool = True,
) -> AHPResult:
    """Priorities and consistency of a pairwise comparison (analytic hierarchy process).

    Parameters
    ----------
    comparison : PairwiseComparison, array-like or DataFrame
        The judgments; a plain square array or DataFrame is validated as by
        :class:`PairwiseComparison`. Missing pairs (``NaN``) are completed
        first (see ``completion``).
    method : {"eigenvector", "geometric", "column"}, default "eigenvector"
        ``"eigenvector"``: Saaty's principal right eigenvector (Saaty 1977).
        ``"geometric"``: row geometric mean, the logarithmic least squares
        solution (Crawford and Williams 1985). ``"column"``: Saaty's
        approximate method, the row average of the column-normalised matrix.
    ri_table : {"saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"}, float or mapping
        The random index table for ``cr``; see
        ``coopdecide.ahp.RI_TABLES`` for the citation of each. The default is
        the table Saaty's own published CRs use. A positive number is the RI
        to use (from another source, e.g. ``1.12``), a mapping ``n -> RI`` a
        table of one's own; the result's ``ri_table`` is then ``"custom"``
        (see :func:`~coopdecide.ahp.consistency.resolve_ri_table`).
    threshold : float, default 0.1
        The matrix is ``consistent`` when ``cr <= threshold`` (Saaty 1980).
    completion : {"lambda_max", "llsm", "harker"} or None
        How to fill missing pairs. ``None`` picks ``"llsm"`` for the
        geometric method (its priorities are then exactly the incomplete
        LLSM solution) and ``"lambda_max"`` (the completion with the smallest
        principal eigenvalue, Bozoki, Fulop and Ronyai 2010) otherwise.
        ``"harker"`` fills them from Harker's (1987) eigenvector; with the
        eigenvector method the priorities are then Harker's.
        Ignored for complete comparisons.
    gci_threshold : float or None
        For ``method="geometric"`` consistency is judged by the geometric
        consistency index; ``None`` uses the thresholds of Aguaron and
        Moreno-Jimenez (2003): 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).
    warn : bool, default True
        Issue an :class:`~coopdecide.exceptions.InconsistentComparisonWarning`
        when the comparison is not consistent.

    Returns
    -------
    AHPResult

    Raises
    ------
    InvalidComparisonError
        An invalid matrix (see :class:`PairwiseComparison`).
    DisconnectedComparisonError
        An incomplete comparison whose known judgments do not connect all items.
    UnknownMethodError
        An unknown ``method``, ``ri_table`` or ``completion``.
    InvalidArgumentError
        A comparison larger than the random index table, or a bad threshold.

    Warns
    -----
    InconsistentComparisonWarning
        The comparison is above the consistency threshold.

    Notes
    -----
    ``lambda_max``, ``ci`` and ``cr`` are those of the matrix (its principal
    eigenvalue) whatever the priority method, so switching methods does not
    change the CR. The geometric method also reports ``gci``.

    Examples
    --------
    >>> criteria = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
    >>> result = ahp(criteria)
    >>> result.weights.round(3).tolist()
    [0.548, 0.127, 0.27, 0.056]
    >>> round(result.cr, 3), result.consistent
    (0.044, True)
    """
    if not isinstance(comparison, PairwiseComparison):
        comparison = _as_comparison(comparison)
    if method not in PRIORITY_METHODS:
        check_option("method", method, PRIORITY_METHODS)
    table = resolve_ri_table(ri_table)
    if not (type(threshold) is float and 0.0 <= threshold < np.inf):
        threshold = check_real("threshold", threshold, minimum=0.0)
    n = comparison.n
    ri = table(n)
    completed = comparison
    used_completion = None
    if not comparison.is_complete:
        used_completion = completion
        if used_completion is None:
            used_completion = "llsm" if method == "geometric" else "lambda_max"
        check_option("completion", used_completion, COMPLETION_METHODS)
        _check_connected(comparison)
        completed = PairwiseComparison._from_validated(
            _complete_matrix(comparison.matrix, used_completion), comparison.labels
        )
    elif completion is not None:
        check_option("completion", completion, COMPLETION_METHODS)
    matrix = completed.matrix
    w, lam_array = priorities(matrix, method)
    w.flags.writeable = False
    lam = float(lam_array)
    if n <= 2:
        ci = cr = 0.0
        lam = float(n)
    else:
        ci = (lam - n) / (n - 1)
        cr = ci / ri
    gci = gci_limit = None
    if method == "geometric":
        gci = float(geometric_consistency_index(matrix, w))
        gci_limit = (
            _gci_threshold_table(n)
            if gci_threshold is None
            else check_real("gci_threshold", gci_threshold, minimum=0.0)
        )
        consistent = gci <= gci_limit
    else:
        consistent = cr <= threshold
    result = AHPResult(
        comparison=comparison,
        completed_comparison=completed,
        completion=used_completion,
        weight_array=w,
        lambda_max=lam,
        ci=ci,
        cr=cr,
        ri=ri,
        ri_table=table.name,
        ri_citation=table.citation,
        threshold=threshold,
        gci=gci,
        gci_threshold=gci_limit,
        consistent=bool(consistent),
        method=method,
    )
    if warn and not consistent:
        worst = _worst_judgment(result)
        measure = (
            f"GCI = {gci:.4f} > {gci_limit:g} (CR = {cr:.4f} with ri_table {table.name!r})"
            if gci is not None
            else f"CR = {cr:.4f} > threshold {threshold:g} (ri_table {table.name!r})"
        )
        warnings.warn(
            f"comparison of {n} items is inconsistent: {measure}; the judgment furthest from "
            f"the weights is {worst}. See AHPResult.inconsistencies() or coopdecide.repair()",
            InconsistentComparisonWarning,
            stacklevel=2,
        )
    return result


def _lambda_derivatives(matrix: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``d lambda_max / d a_ij`` with ``a_ji = 1 / a_ij`` (Harker 1987), for the given pairs."""
    right, _ = eigenvector_priorities(matrix)
    left, _ = eigenvector_priorities(matrix.T)
    left = left / float(left @ right)
    a = matrix[rows, cols]
    return np.asarray(left[rows] * right[cols] - left[cols] * right[rows] / a**2)


def _worst_judgment(result: AHPResult) -> str:
    original = result.comparison.matrix
    w = result.weight_array
    with np.errstate(invalid="ignore"):
        log_error = np.abs(np.log(original * w[None, :] / w[:, None]))
    log_error = np.where(np.isnan(log_error), -1.0, np.triu(log_error, k=1))
    i, j = np.unravel_index(int(np.argmax(log_error)), log_error.shape)
    labels: list[Hashable] = list(result.labels)
    return (
        f"({describe(labels[i])}, {describe(labels[j])}) = {original[i, j]:.4g} "
        f"(the weights imply {w[i] / w[j]:.4g})"
    )
