"""Group AHP: aggregate the judgments or priorities of several experts.

Two aggregation schemes are in use (Forman and Peniwati 1998):

AIJ, aggregation of individual judgments
    The group matrix is the weighted geometric mean of the experts' matrices,
    entry by entry, ``a_ij^G = prod_k (a_ij^(k))^lambda_k``: the synthesis that keeps
    the group matrix reciprocal (with separability, unanimity and homogeneity it is the
    only one, Aczel and Saaty 1983). Priorities
    are then derived from the group matrix by the chosen ``method``.
AIP, aggregation of individual priorities
    Each expert's priorities are derived first and then combined by the
    weighted geometric mean (normalised to sum 1) or the weighted arithmetic
    mean.

With row geometric mean priorities, AIJ and AIP-geometric give the same
group vector (Barzilai and Golany 1994).

The group agreement is measured by the AHP consensus indicator of AHP-OS, a
relative homogeneity based on Shannon alpha, beta and gamma entropies
(Goepel 2013, 2018), and by the geometric compatibility index (GCOMPI) of each
expert's judgments against the group priorities (Aguaron et al. 2022). See
``docs/methods/group-ahp.md`` for formulas and full citations.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from numbers import Real
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass, to_jsonable
from coopdecide._validation import check_option, check_real, describe, format_labels, show_number
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import (
    RITableLike,
    geometric_consistency_index,
    random_index,
    resolve_ri_table,
)
from coopdecide.ahp.consistency import gci_threshold as _gci_threshold_table
from coopdecide.ahp.core import AHPResult, ahp
from coopdecide.ahp.incomplete import COMPLETION_METHODS, complete
from coopdecide.ahp.priorities import PRIORITY_METHODS, priorities
from coopdecide.ahp.repair import repair
from coopdecide.exceptions import (
    DisconnectedComparisonError,
    InconsistentComparisonWarning,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidTypeError,
    InvalidWeightsError,
)

__all__ = [
    "AGGREGATIONS",
    "INCONSISTENT_POLICIES",
    "GroupAHPResult",
    "aggregate_aip",
    "ahp_group",
    "geometric_compatibility",
    "shannon_consensus",
]

#: The aggregation schemes of :func:`ahp_group` (``"aip"`` is an alias of ``"aip-geometric"``).
AGGREGATIONS = ("aij", "aip-geometric", "aip-arithmetic", "aip")

#: What :func:`ahp_group` does with experts above the consistency threshold.
INCONSISTENT_POLICIES = ("keep", "exclude", "repair")

_GROUP_LABEL = "group"


# ---------------------------------------------------------------------------
# numerical kernels (plain numpy, batched, no validation)
# ---------------------------------------------------------------------------
def aggregate_aip(
    priorities: npt.ArrayLike, expert_weights: npt.ArrayLike, mean: str = "geometric"
) -> np.ndarray:
    """Aggregation of individual priorities (AIP): a weighted mean of the experts' priorities.

    Parameters
    ----------
    priorities : array-like, shape (..., k, n)
        One priority vector per expert along axis -2 (positive for the
        geometric mean).
    expert_weights : array-like, shape (k,)
        Expert weights summing to 1 (an expert with weight 0 does not count).
    mean : {"geometric", "arithmetic"}, default "geometric"
        ``"geometric"``: ``prod_e w_e ** lambda_e`` normalised to sum 1;
        ``"arithmetic"``: ``sum_e lambda_e w_e`` normalised to sum 1 (Forman
        and Peniwati 1998), as :func:`ahp_group` uses with
        ``aggregation="aip-geometric"`` and ``"aip-arithmetic"``.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., n)``, rows summing to 1.

    Raises
    ------
    UnknownMethodError
        ``mean`` is neither ``"geometric"`` nor ``"arithmetic"``.

    Examples
    --------
    >>> aggregate_aip([[0.8, 0.2], [0.2, 0.8]], [0.5, 0.5]).tolist()
    [0.5, 0.5]
    >>> aggregate_aip([[0.8, 0.2], [0.5, 0.5]], [0.5, 0.5], "arithmetic").tolist()
    [0.65, 0.35]
    """
    check_option("mean", mean, ("geometric", "arithmetic"))
    w = np.asarray(priorities, dtype=float)
    lam = np.asarray(expert_weights, dtype=float)
    if mean == "geometric":
        log = np.log(w)
        log = log - log.max(axis=-1, keepdims=True)  # scale each expert's vector: no underflow
        out = np.exp(np.einsum("...kn,k->...n", log, lam))
    else:
        out = np.einsum("...kn,k->...n", w, lam)
    return out / out.sum(axis=-1, keepdims=True)


def _weighted_geometric_matrix(stack: np.ndarray, lam: np.ndarray) -> np.ndarray:
    """Weighted geometric mean of a stack ``(k, n, n)`` of matrices, pair by pair.

    Missing entries (NaN) are skipped: each pair is the weighted geometric
    mean over the experts who judged it, with their weights renormalised. A
    pair nobody judged stays NaN. The result is exactly reciprocal.
    """
    known = ~np.isnan(stack)
    logs = np.log(np.where(known, stack, 1.0))
    w = lam[:, None, None] * known
    den = w.sum(axis=0)
    num = (w * logs).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        log_g = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    n = stack.shape[-1]
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    log_g = np.where(upper, log_g, 0.0)
    log_g = log_g - log_g.T  # exact antisymmetry of the logs: a_ji = 1 / a_ij
    return np.exp(log_g)


def geometric_compatibility(matrices: npt.ArrayLike, weights: npt.ArrayLike) -> np.ndarray | float:
    """Geometric compatibility index (GCOMPI) of judgments against a priority vector.

    ``GCOMPI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)``: the
    geometric consistency index of an expert's matrix measured with the group
    priorities ``w`` instead of the expert's own (Aguaron et al. 2022); with the AIJ
    row-geometric-mean group priorities it is the geometric cardinal consensus index
    GCCI of Dong et al. (2010, Definition 2). Missing
    judgments (NaN) are left out and the mean over the known pairs is scaled
    to the same ``n / (n - 2)`` factor, so complete and incomplete matrices are
    on one scale. For ``n <= 2`` the value is the mean of ``log^2`` over the
    known pairs (the formula's factor is undefined there).

    Parameters
    ----------
    matrices : array-like, shape (..., n, n)
        Reciprocal matrices, NaN for missing pairs.
    weights : array-like, shape (n,) or (..., n)
        Priorities to measure against (broadcast over the stack).

    References
    ----------
    Dong, Y., Zhang, G., Hong, W.-C., Xu, Y. (2010). Consensus models for AHP group
    decision making under row geometric mean prioritization method. Decision Support
    Systems 49(3):281-289.

    Aguaron, J., Escobar, M.T., Moreno-Jimenez, J.M., Turon, A. (2022).
    Geometric compatibility indexes in a local AHP-group decision making
    context: a framework for reducing incompatibility. Mathematics 10(2):278,
    doi:10.3390/math10020278.

    Examples
    --------
    >>> a = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
    >>> float(geometric_compatibility(a, [4 / 7, 2 / 7, 1 / 7])) < 1e-12
    True
    >>> # equal weights: log^2(2) + log^2(4) + log^2(2), times 2 / ((3 - 1)(3 - 2)) = 1
    >>> round(float(geometric_compatibility(a, [1 / 3, 1 / 3, 1 / 3])), 4)
    2.8827
    """
    a = np.asarray(matrices, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = a.shape[-1]
    log_w = np.log(w)
    e = np.log(a) + log_w[..., None, :] - log_w[..., :, None]
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    known = upper & ~np.isnan(a)
    sq = np.where(known, e, 0.0) ** 2
    count = known.sum(axis=(-2, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, sq.sum(axis=(-2, -1)) / np.maximum(count, 1), 0.0)
    result = mean * (n / (n - 2)) if n > 2 else mean
    return float(result) if np.ndim(result) == 0 else result


def _alpha_min_entropy(n: int, scale_max: float) -> float:
    """Minimum Shannon alpha entropy reachable on a scale with maximum ``M`` (AHP-OS)."""
    total = n + scale_max - 1.0
    top = scale_max / total
    rest = 1.0 / total
    return float(-(top * np.log(top) + (n - 1) * rest * np.log(rest)))


def shannon_consensus(priorities: npt.ArrayLike, *, scale_max: float = 9.0) -> dict[str, float]:
    """The AHP consensus indicator S* of AHP-OS from the experts' priority vectors.

    With ``p_k`` the priorities of expert ``k`` (``K`` experts, ``n`` items)
    and ``p_bar`` their arithmetic mean:

    - ``H_alpha = (1/K) sum_k (-sum_j p_kj ln p_kj)`` (mean entropy of the experts),
    - ``H_gamma = -sum_j p_bar_j ln p_bar_j`` (entropy of the pooled priorities),
    - ``H_beta = H_gamma - H_alpha``, ``D_beta = exp(H_beta)``,
    - ``H_alpha_min = -(M/(n+M-1)) ln(M/(n+M-1)) - (n-1)/(n+M-1) ln(1/(n+M-1))``,
      the entropy of an expert who judges one item ``M`` times as important as
      each other one (``M = 9`` on Saaty's scale), and ``H_gamma_max = ln n``;
    - ``S* = (1/D_beta - exp(H_alpha_min - H_gamma_max)) / (1 - exp(H_alpha_min - H_gamma_max))``.

    ``S*`` is 1 when all experts have the same priorities and 0 at the
    largest disagreement the scale allows. Experts count equally, as in
    AHP-OS. One expert, or one item, gives 1.

    ``H_alpha_min`` is the entropy of an expert who judges one item ``M``
    times as important as every other one; ``S*`` lies in ``[0, 1]`` as long as
    no expert's priorities are more concentrated than that (for 3 items and
    ``M = 9`` a search over all 4,913 matrices of the scale finds none that
    is). Priorities from judgments beyond ``M`` (a ``scale_max`` below the
    judgments used) can be, and ``S*`` then falls below 0; it is reported as
    computed, not clipped, as AHP-OS does (``getConsensus`` in
    ``classes/AhpGroup.php`` of AHP-OS). :func:`ahp_group` refuses a
    ``scale_max`` below the largest judgment.

    Parameters
    ----------
    priorities : array-like, shape (K, n)
        One priority vector (positive, summing to 1) per expert.
    scale_max : float, default 9
        The largest value of the judgment scale (``M``).

    Returns
    -------
    dict
        ``consensus`` (S*), ``h_alpha``, ``h_beta``, ``h_gamma``,
        ``h_alpha_min``, ``h_gamma_max`` and ``d_beta``.

    References
    ----------
    Goepel, K.D. (2013). Implementing the Analytic Hierarchy Process as a
    Standard Method for Multi-Criteria Decision Making in Corporate Enterprises
    - a New AHP Excel Template with Multiple Inputs. Proceedings of the
    International Symposium on the Analytic Hierarchy Process (ISAHP 2013),
    Kuala Lumpur.

    Goepel, K.D. (2018). Implementation of an Online Software Tool for the
    Analytic Hierarchy Process (AHP-OS). International Journal of the Analytic
    Hierarchy Process 10(3):469-487, doi:10.13033/ijahp.v10i3.590.

    Examples
    --------
    >>> same = [[0.6, 0.3, 0.1]] * 4
    >>> round(shannon_consensus(same)["consensus"], 12)
    1.0
    >>> opposite = [[0.9, 0.1], [0.1, 0.9]]  # 9 and 1/9: the widest disagreement
    >>> round(shannon_consensus(opposite)["consensus"], 12)
    0.0
    """
    p = np.asarray(priorities, dtype=float)
    if p.ndim != 2 or p.shape[0] < 1 or p.shape[1] < 1:
        raise InvalidArgumentError(
            f"priorities must be a two-dimensional array (experts x items); got shape {p.shape}"
        )
    if not (np.isfinite(p).all() and (p >= 0).all()):
        raise InvalidArgumentError("priorities must be finite and non-negative")
    scale_max = check_real("scale_max", scale_max, minimum=1.0, strict_minimum=True)
    k, n = p.shape
    p = p / p.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
        mean = p.mean(axis=0)
        mlogm = np.where(mean > 0, mean * np.log(np.where(mean > 0, mean, 1.0)), 0.0)
    h_alpha = float(-plogp.sum(axis=1).mean())
    h_gamma = float(-mlogm.sum())
    h_beta = max(h_gamma - h_alpha, 0.0)
    h_alpha_min = _alpha_min_entropy(n, scale_max)
    h_gamma_max = float(np.log(n))
    if k == 1 or n == 1:
        consensus = 1.0
    else:
        floor = float(np.exp(h_alpha_min - h_gamma_max))
        consensus = (float(np.exp(-h_beta)) - floor) / (1.0 - floor)
    return {
        "consensus": consensus,
        "h_alpha": h_alpha,
        "h_beta": h_beta,
        "h_gamma": h_gamma,
        "h_alpha_min": h_alpha_min,
        "h_gamma_max": h_gamma_max,
        "d_beta": float(np.exp(h_beta)),
    }


# ---------------------------------------------------------------------------
# input handling
# ---------------------------------------------------------------------------
def _as_expert_comparison(expert: Hashable, value: Any) -> PairwiseComparison:
    if isinstance(value, PairwiseComparison):
        return value
    if value is None or isinstance(value, (str, bytes, Mapping)):
        raise InvalidTypeError(
            f"comparisons[{describe(expert)}] must be a PairwiseComparison, a square array or a "
            f"DataFrame; got {type(value).__name__}"
        )
    try:
        return PairwiseComparison(value)
    except InvalidComparisonError as error:
        raise type(error)(f"comparisons[{describe(expert)}]: {error}") from None


def _collect(comparisons: Any) -> tuple[pd.Index, list[PairwiseComparison]]:
    """Experts and their comparisons, all with the labels of the first, in its order."""
    if isinstance(comparisons, (PairwiseComparison, pd.DataFrame, str, bytes)) or (
        isinstance(comparisons, np.ndarray) and comparisons.ndim != 3
    ):
        raise InvalidTypeError(
            "comparisons must be a mapping expert -> PairwiseComparison or a list of "
            f"comparisons (one per expert); got a single {type(comparisons).__name__} "
            "(use coopdecide.ahp() for one comparison)"
        )
    if isinstance(comparisons, Mapping):
        names = list(comparisons.keys())
        values = list(comparisons.values())
    elif isinstance(comparisons, Iterable):
        values = list(comparisons)
        names = [f"E{i + 1}" for i in range(len(values))]
    else:
        raise InvalidTypeError(
            "comparisons must be a mapping expert -> PairwiseComparison or a list of "
            f"comparisons; got {type(comparisons).__name__}"
        )
    if not values:
        raise InvalidArgumentError(
            "comparisons must hold at least one expert's comparison; got none"
        )
    for name in names:
        if name is None or (isinstance(name, float) and np.isnan(name)):
            raise InvalidArgumentError(
                f"expert names must not be None or NaN; got {describe(name)}"
            )
    experts = pd.Index(names, dtype=object)
    items = [_as_expert_comparison(name, value) for name, value in zip(names, values, strict=True)]
    first = items[0]
    reference = first.labels
    positions = {label: i for i, label in enumerate(reference)}
    aligned = [first]
    for name, pc in zip(names[1:], items[1:], strict=True):
        labels = pc.labels
        if labels.equals(reference):
            aligned.append(pc)
            continue
        missing = [label for label in reference if label not in set(labels)]
        extra = [label for label in labels if label not in positions]
        if missing or extra or len(labels) != len(reference):
            detail = []
            if missing:
                detail.append(f"missing {format_labels(missing)}")
            if extra:
                detail.append(f"unexpected {format_labels(extra)}")
            raise InvalidComparisonError(
                f"the comparison of expert {describe(name)} must compare the same items as expert "
                f"{describe(names[0])} ({format_labels(reference)}); it has {'; '.join(detail)}"
            )
        order = [pc.position(label) for label in reference]
        matrix = pc.matrix[np.ix_(order, order)]
        aligned.append(PairwiseComparison(matrix, labels=reference))
    return experts, aligned


def _expert_weight_array(expert_weights: Any, experts: pd.Index) -> np.ndarray:
    """Validated expert weights in expert order, summing to 1."""
    k = len(experts)
    if expert_weights is None:
        return np.full(k, 1.0 / k)
    if isinstance(expert_weights, (Mapping, pd.Series)):
        mapping = dict(expert_weights.items())
        unknown = [key for key in mapping if key not in experts]
        if unknown:
            raise InvalidWeightsError(
                f"expert_weights names unknown experts: {format_labels(unknown)}; the experts "
                f"are {format_labels(experts)}"
            )
        missing = [e for e in experts if e not in mapping]
        if missing:
            raise InvalidWeightsError(
                f"expert_weights must give a weight to every expert; missing "
                f"{format_labels(missing)}"
            )
        values: list[Any] = [mapping[e] for e in experts]
    elif isinstance(expert_weights, (str, bytes)) or not isinstance(expert_weights, Iterable):
        raise InvalidTypeError(
            "expert_weights must be a mapping expert -> weight or a sequence of numbers; got "
            f"{describe(expert_weights)}"
        )
    else:
        values = list(expert_weights)
        if len(values) != k:
            raise InvalidWeightsError(
                f"expert_weights must have one weight per expert ({k}); got {len(values)}"
            )
    for expert, value in zip(experts, values, strict=True):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise InvalidWeightsError(
                f"expert_weights must be numbers; got {describe(value)} for expert "
                f"{describe(expert)}"
            )
    array = np.array(values, dtype=float)
    for bad, expected in (
        (~np.isfinite(array), "finite numbers (not NaN)"),
        (array < 0, "non-negative"),
    ):
        if bad.any():
            raise InvalidWeightsError(
                f"expert_weights must be {expected}; got "
                + ", ".join(
                    f"{array[i]:g} for expert {describe(experts[i])}"
                    for i in np.flatnonzero(bad).tolist()
                )
            )
    total = array.sum()
    if total <= 0:
        raise InvalidWeightsError(f"expert_weights must not all be zero; got {array.tolist()}")
    return array / total


def _check_scale_max(
    scale_max: float, experts: pd.Index, comparisons: Sequence[PairwiseComparison]
) -> None:
    """``scale_max`` must be at least every judgment (the consensus indicator assumes it)."""
    largest = [float(np.nanmax(pc.matrix)) for pc in comparisons]
    k = int(np.argmax(largest))
    if largest[k] > scale_max * (1.0 + 1e-9):
        raise InvalidArgumentError(
            f"scale_max must be at least the largest judgment ({show_number(largest[k])}, given by "
            f"expert {describe(experts[k])}); got scale_max={show_number(scale_max)}"
        )


def _completion_for(method: str, completion: str | None) -> str:
    if completion is None:
        return "llsm" if method == "geometric" else "lambda_max"
    return check_option("completion", completion, COMPLETION_METHODS)


def _individual(
    comparisons: Sequence[PairwiseComparison],
    experts: pd.Index,
    method: str,
    completion: str,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Completed stack, weights (k, n), lambda_max (k,) and GCI (k,) of every expert."""
    filled = []
    for name, pc in zip(experts, comparisons, strict=True):
        if pc.is_complete:
            filled.append(pc.matrix)
            continue
        try:
            filled.append(complete(pc, method=completion).matrix)
        except DisconnectedComparisonError as error:
            raise DisconnectedComparisonError(f"expert {describe(name)}: {error}") from None
    stack = np.stack(filled)
    w, lam = priorities(stack, method)
    gci = np.atleast_1d(geometric_consistency_index(stack))
    return stack, w, np.atleast_1d(lam), gci


def _repair_comparison(
    pc: PairwiseComparison,
    target: float,
    method: str,
    ri_table: RITableLike,
    completion: str | None,
    gci_target: float,
) -> Any:
    """The AHP core's :func:`~coopdecide.ahp.repair.repair` of one expert's comparison.

    The geometric method judges consistency by the GCI, so its repair lowers the GCI to
    ``gci_target``; the other methods lower the CR to ``target``.
    """
    return repair(
        pc,
        target_cr=target,
        method=method,
        ri_table=ri_table,
        completion=completion,
        target_gci=gci_target if method == "geometric" else None,
    )


# ---------------------------------------------------------------------------
# result
# ---------------------------------------------------------------------------
@result_dataclass
class GroupAHPResult(Result):
    """Group priorities, each expert's priorities and consistency, and the consensus.

    Returned by :func:`ahp_group`; not meant to be built by hand. Immutable:
    every labelled output is a fresh copy.

    Attributes
    ----------
    weights : pandas.Series
        Group priorities (sum 1), indexed by item.
    by_expert : pandas.DataFrame
        Each expert's priorities (experts x items), from the judgments as used
        (after repair, if any).
    consistency : pandas.DataFrame
        One row per expert: ``weight`` (expert weight as used, 0 if
        excluded), ``lambda_max``, ``ci``, ``cr``, ``gci``, ``compatibility``
        (GCOMPI against the group priorities), ``consistent``, ``missing_pairs``
        and ``status`` (``"kept"``, ``"excluded"`` or ``"repaired"``).
    consensus : float
        The AHP consensus indicator S* (Goepel 2013, 2018) of the experts used.
    consensus_details : dict
        The entropies behind S* (see :func:`shannon_consensus`).
    group_comparison : PairwiseComparison or None
        The aggregated matrix (AIJ); None for AIP.
    group_result : AHPResult or None
        ``ahp()`` of the aggregated matrix (AIJ); None for AIP.
    lambda_max, ci, cr, gci, consistent
        Consistency of the group matrix (AIJ); None for AIP.
    excluded : tuple
        Experts left out (``inconsistent="exclude"``).
    repairs : mapping
        Expert -> the ``RepairResult`` of the experts whose judgments were
        repaired (``inconsistent="repair"``).
    """

    aggregation: str
    _by_expert: np.ndarray
    _comparisons: tuple[PairwiseComparison, ...]
    _consensus: dict[str, float]
    _consistency: pd.DataFrame
    excluded: tuple[Hashable, ...]
    _experts: pd.Index
    gci_threshold: float
    group_result: AHPResult | None
    inconsistent: str
    _labels: pd.Index
    method: str
    repairs: MappingProxyType[Hashable, Any]
    ri_table: str
    threshold: float
    weight_array: np.ndarray

    # -- values -------------------------------------------------------------------
    @property
    def weights(self) -> pd.Series:
        """Group priorities (sum 1) indexed by item."""
        return pd.Series(self.weight_array.copy(), index=self._labels.copy(), name="weight")

    @property
    def labels(self) -> pd.Index:
        """The items compared."""
        return self._labels.copy()

    @property
    def experts(self) -> pd.Index:
        """The experts, in input order."""
        return self._experts.copy()

    @property
    def by_expert(self) -> pd.DataFrame:
        """Each expert's priorities: experts (rows) x items (columns)."""
        frame = pd.DataFrame(
            self._by_expert.copy(), index=self._experts.copy(), columns=self._labels.copy()
        )
        frame.index.name = "expert"
        return frame

    @property
    def expert_weights(self) -> pd.Series:
        """Expert weights as used (normalised; 0 for excluded experts)."""
        return self._consistency["weight"].copy()

    @property
    def consistency(self) -> pd.DataFrame:
        """Per-expert consistency, compatibility with the group and status."""
        return self._consistency.copy()

    @property
    def compatibility(self) -> pd.Series:
        """GCOMPI of each expert's judgments against the group priorities."""
        return self._consistency["compatibility"].copy()

    @property
    def consensus(self) -> float:
        """The AHP consensus indicator S* (AHP-OS), from 0 (none) to 1 (full)."""
        return self._consensus["consensus"]

    @property
    def consensus_details(self) -> dict[str, float]:
        """S* and the Shannon entropies behind it."""
        return dict(self._consensus)

    @property
    def comparisons(self) -> dict[Hashable, PairwiseComparison]:
        """Expert -> comparison as used (aligned labels; repaired where repaired)."""
        return dict(zip(self._experts, self._comparisons, strict=True))

    @property
    def group_comparison(self) -> PairwiseComparison | None:
        """The aggregated (possibly incomplete) comparison (AIJ), else None."""
        return None if self.group_result is None else self.group_result.comparison

    def _group_attr(self, name: str) -> Any:
        return None if self.group_result is None else getattr(self.group_result, name)

    @property
    def lambda_max(self) -> float | None:
        """Principal eigenvalue of the group matrix (AIJ), else None."""
        return self._group_attr("lambda_max")

    @property
    def ci(self) -> float | None:
        """Consistency index of the group matrix (AIJ), else None."""
        return self._group_attr("ci")

    @property
    def cr(self) -> float | None:
        """Consistency ratio of the group matrix (AIJ), else None."""
        return self._group_attr("cr")

    @property
    def gci(self) -> float | None:
        """Geometric consistency index of the group matrix (AIJ), else None."""
        if self.group_result is None:
            return None
        return float(geometric_consistency_index(self.group_result.completed_comparison.matrix))

    @property
    def consistent(self) -> bool | None:
        """Whether the group matrix passes the threshold (AIJ), else None."""
        return self._group_attr("consistent")

    # -- rendering and export ---------------------------------------------------------
    plot = PlotAccessor("GroupAHPPlots")

    def to_frame(self) -> pd.DataFrame:
        """Priorities by item: a ``group`` column, then one column per expert."""
        frame = self.by_expert.T
        name = _GROUP_LABEL if _GROUP_LABEL not in set(self._experts) else "group (aggregated)"
        frame.insert(0, name, self.weight_array.copy())
        frame.columns.name = None
        return frame

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "experts": len(self._experts),
            "items": len(self._labels),
            "aggregation": self.aggregation,
            "method": self.method,
            "ri_table": self.ri_table,
            "consensus S* (AHP-OS)": round(self.consensus, 4),
        }
        group = self.group_result
        if group is not None:
            gci = float(geometric_consistency_index(group.completed_comparison.matrix))
            facts["group CR"] = round(group.cr, 4)
            facts["group GCI"] = round(gci, 4)
            facts["group consistent"] = group.consistent
        if self.excluded:
            facts["excluded"] = format_labels(self.excluded)
        if self.repairs:
            facts["repaired"] = format_labels(list(self.repairs))
        return facts

    def __repr__(self) -> str:
        head = ", ".join(f"{k}={v}" for k, v in self._summary().items())
        weights = self.weights.round(4).to_string()
        table = self._consistency.round(4).to_string()
        return f"GroupAHPResult({head})\n{weights}\n{table}"

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"priorities": self.to_frame(), "experts": self._consistency}

    def _export(self) -> dict[str, Any]:
        repairs = {}
        for expert, result in self.repairs.items():
            repairs[str(expert)] = (
                result.to_dict() if hasattr(result, "to_dict") else to_jsonable(result)
            )
        group = self.group_result
        return {
            "aggregation": self.aggregation,
            "method": self.method,
            "ri_table": self.ri_table,
            "threshold": self.threshold,
            "gci_threshold": self.gci_threshold,
            "inconsistent": self.inconsistent,
            "weights": self.weights,
            "experts": list(self._experts),
            "by_expert": {
                str(e): dict(zip(map(str, self._labels), row, strict=True))
                for e, row in zip(self._experts, self._by_expert.tolist(), strict=True)
            },
            "consistency": self._consistency.reset_index().to_dict(orient="records"),
            "consensus": self._consensus,
            "group": None
            if group is None
            else {
                "comparison": group.comparison.to_dict(),
                "lambda_max": group.lambda_max,
                "ci": group.ci,
                "cr": group.cr,
                "gci": self.gci,
                "consistent": group.consistent,
                "completion": group.completion,
            },
            "excluded": list(self.excluded),
            "repairs": repairs,
        }


# ---------------------------------------------------------------------------
# the public function
# ---------------------------------------------------------------------------
def ahp_group(
    comparisons: Mapping[Hashable, PairwiseComparison | npt.ArrayLike | pd.DataFrame]
    | Sequence[PairwiseComparison | npt.ArrayLike | pd.DataFrame]
    | np.ndarray,
    expert_weights: Mapping[Hashable, float] | Sequence[float] | pd.Series | None = None,
    aggregation: str = "aij",
    method: str = "eigenvector",
    *,
    ri_table: RITableLike = "saaty1980",
    threshold: float = 0.1,
    gci_threshold: float | None = None,
    completion: str | None = None,
    inconsistent: str = "keep",
    scale_max: float = 9.0,
    warn: bool = True,
) -> GroupAHPResult:
    """Group AHP: combine several experts' pairwise comparisons into group priorities.

    Parameters
    ----------
    comparisons : mapping, sequence or 3-D array
        ``{expert: comparison}`` where each comparison is a
        :class:`PairwiseComparison`, a square array or a labelled DataFrame;
        or a list (experts are then named ``"E1"``, ``"E2"``, ...). Every
        expert must compare the same items; a different order is fine (the
        first expert's order is used). Missing pairs (NaN) are allowed.
    expert_weights : mapping, Series or sequence, optional
        The weight of each expert (by name, or in order); non-negative, not
        all zero, normalised to sum 1. Default: equal weights.
    aggregation : {"aij", "aip-geometric", "aip-arithmetic", "aip"}, default "aij"
        ``"aij"``: weighted geometric mean of the judgments, pair by pair,
        then priorities of the group matrix by ``method``. ``"aip-geometric"``
        (alias ``"aip"``): weighted geometric mean of the experts' priorities,
        normalised to sum 1. ``"aip-arithmetic"``: weighted arithmetic mean of
        the experts' priorities. See Notes.
    method : {"eigenvector", "geometric", "column"}, default "eigenvector"
        Priority method, as in :func:`coopdecide.ahp.ahp`.
    ri_table : str, float or mapping, default "saaty1980"
        Random index table for every CR (see ``coopdecide.ahp.RI_TABLES``), or
        a user-supplied RI (a number, or a mapping ``n -> RI``) as in :func:`ahp`.
    threshold : float, default 0.1
        CR threshold; an expert (or the group matrix) is consistent when
        ``CR <= threshold``, or, with ``method="geometric"``, when
        ``GCI <= gci_threshold``.
    gci_threshold : float, optional
        GCI threshold for the geometric method; default the thresholds of
        Aguaron and Moreno-Jimenez (2003): 0.31 (n = 3), 0.35 (n = 4), 0.37.
    completion : {"lambda_max", "llsm"}, optional
        How incomplete matrices (of experts, or of the group when no expert
        judged some pair) are completed; default ``"llsm"`` for the
        geometric method and ``"lambda_max"`` otherwise, as in ``ahp()``.
    inconsistent : {"keep", "exclude", "repair"}, default "keep"
        What to do with experts whose judgments are above the threshold:
        keep them (flagged in ``consistency``), exclude them (the remaining
        expert weights are renormalised) or repair their judgments first
        with :func:`coopdecide.ahp.repair` (to ``target_cr=threshold``, or
        ``target_gci=gci_threshold`` for the geometric method). A warning names
        the experts concerned in every case.
    scale_max : float, default 9
        Largest value of the judgment scale, used by the consensus indicator;
        must be at least the largest judgment of every expert.
    warn : bool, default True
        Issue :class:`~coopdecide.exceptions.InconsistentComparisonWarning`
        for inconsistent experts and an inconsistent group matrix.

    Returns
    -------
    GroupAHPResult

    Raises
    ------
    InvalidArgumentError
        No comparisons, every expert excluded, or ``scale_max`` below a judgment.
    InvalidComparisonError
        An invalid matrix, or experts comparing different items (the expert
        and the differing labels are named).
    InvalidWeightsError
        Expert weights negative, NaN, all zero, of the wrong length or naming
        unknown experts.
    DisconnectedComparisonError
        An expert's (or the group's) known judgments do not connect all items.
    UnknownMethodError
        An unknown option value.

    Warns
    -----
    InconsistentComparisonWarning
        Experts above the threshold (with what was done), or an inconsistent
        group matrix.

    Notes
    -----
    AIJ with missing judgments: each pair is the weighted geometric mean over
    the experts who judged it, their weights renormalised for that pair. A
    pair that no expert judged stays missing and the group matrix is
    completed like any incomplete comparison (``completion``).

    The consensus indicator S* (:func:`shannon_consensus`) is computed from the
    priorities of the experts used (excluded ones left out), all counting
    equally as in AHP-OS (Goepel 2018). The GCI column is the geometric
    consistency index of each (completed) matrix with its row geometric mean
    priorities, whatever ``method``; the CR is always reported too.

    References
    ----------
    Aczel, J., Saaty, T.L. (1983). Procedures for synthesizing ratio
    judgements. Journal of Mathematical Psychology 27(1):93-102.

    Forman, E., Peniwati, K. (1998). Aggregating individual judgments and
    priorities with the analytic hierarchy process. European Journal of
    Operational Research 108(1):165-169.

    Barzilai, J., Golany, B. (1994). AHP rank reversal, normalization and
    aggregation rules. INFOR 32(2):57-64.

    Dong, Y., Zhang, G., Hong, W.-C., Xu, Y. (2010). Consensus models for AHP
    group decision making under row geometric mean prioritization method.
    Decision Support Systems 49(3):281-289.

    Examples
    --------
    >>> ministry = PairwiseComparison.from_judgments(
    ...     ["trade", "security", "culture"],
    ...     {("trade", "security"): 3, ("trade", "culture"): 5, ("security", "culture"): 2},
    ... )
    >>> embassy = PairwiseComparison.from_judgments(
    ...     ["trade", "security", "culture"],
    ...     {("trade", "security"): 1, ("trade", "culture"): 3, ("security", "culture"): 3},
    ... )
    >>> group = ahp_group({"ministry": ministry, "embassy": embassy}, method="geometric")
    >>> group.weights.round(3).tolist()
    [0.542, 0.322, 0.136]
    >>> group.to_frame().round(3)
              group  ministry  embassy
    trade     0.542     0.648    0.429
    security  0.322     0.230    0.429
    culture   0.136     0.122    0.143
    >>> round(group.consensus, 3)
    0.932
    """
    aggregation = check_option("aggregation", aggregation, AGGREGATIONS)
    if aggregation == "aip":
        aggregation = "aip-geometric"
    check_option("method", method, PRIORITY_METHODS)
    ri_name = resolve_ri_table(ri_table).name
    check_option("inconsistent", inconsistent, INCONSISTENT_POLICIES)
    threshold = check_real("threshold", threshold, minimum=0.0)
    used_completion = _completion_for(method, completion)
    scale_max = check_real("scale_max", scale_max, minimum=1.0, strict_minimum=True)
    experts, comps = _collect(comparisons)
    _check_scale_max(scale_max, experts, comps)
    lam = _expert_weight_array(expert_weights, experts)
    labels = comps[0].labels
    n = len(labels)
    k = len(experts)
    ri = random_index(n, ri_table)
    gci_limit = (
        _gci_threshold_table(n)
        if gci_threshold is None
        else check_real("gci_threshold", gci_threshold, minimum=0.0)
    )

    def measures(stack_w_lam_gci: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
        _, _, lam_max, gci = stack_w_lam_gci
        if n <= 2:
            ci = np.zeros(k)
            lam_max = np.full(k, float(n))
            gci = np.zeros(k)
        else:
            ci = (lam_max - n) / (n - 1)
        cr = ci / ri if n > 2 else np.zeros(k)
        ok = gci <= gci_limit if method == "geometric" else cr <= threshold
        return lam_max, ci, cr, gci, ok

    individual = _individual(comps, experts, method, used_completion)
    lam_max, ci, cr, gci, ok = measures(individual)
    status = np.array(["kept"] * k, dtype=object)
    bad = np.flatnonzero(~ok)
    repairs: dict[Hashable, Any] = {}
    before = {experts[i]: (cr[i], gci[i]) for i in bad.tolist()}
    if bad.size and inconsistent == "exclude":
        status[bad] = "excluded"
        if bad.size == k:
            raise InvalidArgumentError(
                "inconsistent='exclude' leaves no expert: every expert is above the "
                f"consistency threshold ({_describe(experts, bad, cr, gci, method)})"
            )
    elif bad.size and inconsistent == "repair":
        comps = list(comps)
        for i in bad.tolist():
            result = _repair_comparison(
                comps[i], threshold, method, ri_table, completion, gci_limit
            )
            repairs[experts[i]] = result
            comps[i] = result.comparison
            status[i] = "repaired"
        individual = _individual(comps, experts, method, used_completion)
        lam_max, ci, cr, gci, ok = measures(individual)
    if warn and bad.size:
        action = {
            "keep": "kept in the aggregation (inconsistent='keep')",
            "exclude": "excluded from the aggregation (inconsistent='exclude')",
            "repair": "repaired before aggregation (inconsistent='repair'); see .repairs",
        }[inconsistent]
        detail = ", ".join(
            f"{describe(e)} ({_measure(c, g, method, threshold, gci_limit)})"
            for e, (c, g) in before.items()
        )
        missed = [e for e, r in repairs.items() if not r.reached]
        if missed:
            target = f"GCI {gci_limit:g}" if method == "geometric" else f"CR {threshold:g}"
            action += (
                f"; the target {target} was not reached for {format_labels(missed)} "
                "(their judgments are still inconsistent)"
            )
        warnings.warn(
            f"{bad.size} of {k} experts have inconsistent judgments: {detail}; {action}",
            InconsistentComparisonWarning,
            stacklevel=2,
        )

    used = status != "excluded"
    weights_used = np.where(used, lam, 0.0)
    if weights_used.sum() <= 0:
        raise InvalidWeightsError(
            "the experts kept in the aggregation all have zero weight; excluded: "
            f"{format_labels(experts[~used])}"
        )
    weights_used = weights_used / weights_used.sum()
    w_ind = individual[1]

    group_result: AHPResult | None = None
    if aggregation == "aij":
        original = np.stack([pc.matrix for pc in comps])
        keep = np.flatnonzero(used)
        group_matrix = _weighted_geometric_matrix(original[keep], weights_used[keep])
        group_pc = PairwiseComparison(group_matrix, labels=labels)
        try:
            group_result = ahp(
                group_pc,
                method=method,
                ri_table=ri_table,
                threshold=threshold,
                completion=completion,
                gci_threshold=gci_limit if method == "geometric" else None,
                warn=False,
            )
        except DisconnectedComparisonError as error:  # pragma: no cover - each expert is
            # connected (checked above), so is the union of their judgments
            raise DisconnectedComparisonError(
                f"the aggregated group comparison has pairs no expert judged: {error}"
            ) from None
        w_group = np.array(group_result.weight_array)
        if warn and not group_result.consistent:
            warnings.warn(
                "the aggregated group matrix is inconsistent: "
                + _measure(
                    group_result.cr,
                    float(geometric_consistency_index(group_result.completed_comparison.matrix)),
                    method,
                    threshold,
                    gci_limit,
                ),
                InconsistentComparisonWarning,
                stacklevel=2,
            )
    else:
        mean = aggregation.removeprefix("aip-")  # "geometric" or "arithmetic"
        w_group = aggregate_aip(w_ind[used], weights_used[used], mean)
    w_group.flags.writeable = False

    originals = np.stack([pc.matrix for pc in comps])
    compatibility = np.atleast_1d(geometric_compatibility(originals, w_group))
    consensus = shannon_consensus(w_ind[used], scale_max=scale_max)
    table = pd.DataFrame(
        {
            "weight": weights_used,
            "lambda_max": lam_max,
            "ci": ci,
            "cr": cr,
            "gci": gci,
            "compatibility": compatibility,
            "consistent": ok.astype(bool),
            "missing_pairs": [pc.n_missing for pc in comps],
            "status": status.astype(object),
        },
        index=experts.copy(),
    )
    table.index.name = "expert"
    by_expert = np.array(w_ind)
    by_expert.flags.writeable = False
    return GroupAHPResult(
        aggregation=aggregation,
        _by_expert=by_expert,
        _comparisons=tuple(comps),
        _consensus=consensus,
        _consistency=table,
        excluded=tuple(experts[status == "excluded"]),
        _experts=experts,
        gci_threshold=gci_limit,
        group_result=group_result,
        inconsistent=inconsistent,
        _labels=labels,
        method=method,
        repairs=MappingProxyType(repairs),
        ri_table=ri_name,
        threshold=threshold,
        weight_array=w_group,
    )


def _measure(cr: float, gci: float, method: str, threshold: float, gci_limit: float) -> str:
    if method == "geometric":
        return f"GCI = {gci:.4f} > {gci_limit:g}"
    return f"CR = {cr:.4f} > {threshold:g}"


def _describe(
    experts: pd.Index, idx: np.ndarray, cr: np.ndarray, gci: np.ndarray, method: str
) -> str:
    key = "GCI" if method == "geometric" else "CR"
    values = gci if method == "geometric" else cr
    return ", ".join(f"{describe(experts[i])}: {key} = {values[i]:.4f}" for i in idx[:8])
