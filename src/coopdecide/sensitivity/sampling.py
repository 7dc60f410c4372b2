"""Samplers for SMAA: criteria weights, AHP judgments and performance data.

Each source of uncertainty is described by a small immutable *specification*
object that :func:`coopdecide.sensitivity.smaa` accepts:

- weights: :class:`UniformWeights` (no preference information) and
  :class:`DirichletWeights` (weights concentrated around given ones);
- judgments: :class:`JudgmentUncertainty` (an expert's pairwise judgments,
  or a group's, perturbed by Saaty-scale steps or multiplicatively);
- data: :class:`DataUncertainty` (a relative or absolute spread per cell or
  per criterion) and :class:`DataIntervals` (a low and a high value per cell).

The numerical work is done by plain functions on arrays
(:func:`sample_simplex`, :func:`sample_dirichlet`, :func:`perturb_saaty_steps`,
:func:`perturb_lognormal`, :func:`aggregate_aij`, :func:`aggregate_aip`), which
draw a whole batch of samples at once from a :class:`numpy.random.Generator`.

Sampling the weight simplex
---------------------------
Drawing each weight uniformly on [0, 1] and dividing by the sum is *not*
uniform on the simplex: it over-samples the centre (Tervonen and Lahdelma
2007). :func:`sample_simplex` normalises independent standard exponential
variates instead, which is exactly the flat Dirichlet(1, ..., 1)
distribution, the uniform distribution on the simplex (Rubinstein and Kroese
2008; Tervonen and Lahdelma 2007, section 4.2 use the equivalent sorted
uniforms).

References
----------
Tervonen, T. and Lahdelma, R. (2007). Implementing stochastic multicriteria
acceptability analysis. European Journal of Operational Research
178(2):500-513.

Rubinstein, R.Y. and Kroese, D.P. (2008). *Simulation and the Monte Carlo
Method*, 2nd ed. Wiley (the Dirichlet distribution as normalised Gamma
variates).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._validation import check_option, check_real, describe, format_labels, show_number
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.group import aggregate_aip
from coopdecide.ahp.incomplete import _connected_groups, _llsm_log_weights
from coopdecide.exceptions import (
    DisconnectedComparisonError,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidTypeError,
    InvalidWeightsError,
)
from coopdecide.problem import DecisionProblem, normalize_weights
from coopdecide.sensitivity.distributions import (
    DISTRIBUTIONS,
    INTERVAL_DISTRIBUTIONS,
    distribution_codes,
    interval_draws,
    unit_noise,
)

__all__ = [
    "SAATY_STEPS",
    "DataIntervals",
    "DataUncertainty",
    "DirichletWeights",
    "JudgmentUncertainty",
    "UniformWeights",
    "aggregate_aij",
    "aggregate_aip",
    "perturb_lognormal",
    "perturb_saaty_steps",
    "sample_dirichlet",
    "sample_simplex",
]

#: Saaty's scale as 17 ordered steps, ``1/9, 1/8, ..., 1/2, 1, 2, ..., 9``
#: (step ``k`` for ``k = -8 .. 8`` is at index ``k + 8``).
SAATY_STEPS: np.ndarray = np.array(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
SAATY_STEPS.flags.writeable = False
_LOG_STEPS = np.log(SAATY_STEPS)
_LOG_MIDPOINTS = (_LOG_STEPS[1:] + _LOG_STEPS[:-1]) / 2


# -- plain array functions ----------------------------------------------------
def sample_simplex(rng: np.random.Generator, size: int, n_criteria: int) -> np.ndarray:
    """Weight vectors uniformly distributed on the simplex (flat Dirichlet).

    Normalised standard exponential variates; not "uniform then normalise",
    which is biased towards the centre (Tervonen and Lahdelma 2007).

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness.
    size : int
        Number of weight vectors.
    n_criteria : int
        Number of criteria.

    Returns
    -------
    numpy.ndarray
        Shape ``(size, n_criteria)``, non-negative rows summing to 1.

    Examples
    --------
    >>> w = sample_simplex(np.random.default_rng(0), 4, 3)
    >>> w.shape, bool(np.allclose(w.sum(axis=1), 1))
    ((4, 3), True)
    """
    w = rng.standard_exponential((size, n_criteria))
    w /= w.sum(axis=1, keepdims=True)
    return w


def sample_dirichlet(rng: np.random.Generator, size: int, alpha: npt.ArrayLike) -> np.ndarray:
    """Weight vectors from a Dirichlet distribution; zero ``alpha`` entries stay 0.

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness.
    size : int
        Number of weight vectors.
    alpha : array-like, shape (m,)
        Non-negative concentration parameters; criteria with ``alpha = 0``
        get weight 0 in every sample (a degenerate Dirichlet component).

    Returns
    -------
    numpy.ndarray
        Shape ``(size, m)``, rows summing to 1. The mean is ``alpha / sum(alpha)``.

    Examples
    --------
    >>> w = sample_dirichlet(np.random.default_rng(1), 20_000, [50.0, 30.0, 20.0, 0.0])
    >>> w.mean(axis=0).round(2).tolist()
    [0.5, 0.3, 0.2, 0.0]
    """
    alpha = np.asarray(alpha, dtype=float)
    positive = alpha > 0
    w = np.zeros((size, alpha.size))
    if positive.all():
        w[:] = rng.dirichlet(alpha, size=size)
    else:
        w[:, positive] = rng.dirichlet(alpha[positive], size=size)
    return w


def saaty_position(values: npt.ArrayLike) -> np.ndarray:
    """Index on :data:`SAATY_STEPS` (0 .. 16) of the scale value closest in log.

    Examples
    --------
    >>> saaty_position([1.0, 3.0, 1 / 9, 2.6]).tolist()
    [8, 10, 0, 10]
    """
    return np.searchsorted(_LOG_MIDPOINTS, np.log(np.asarray(values, dtype=float)))


def perturb_saaty_steps(
    rng: np.random.Generator, size: int, values: npt.ArrayLike, steps: int
) -> np.ndarray:
    """Move each judgment by up to ``steps`` steps of Saaty's scale, uniformly.

    Each judgment's position on the 17-step scale ``1/9, ..., 1, ..., 9`` is
    moved to a position drawn uniformly among those within ``steps`` steps
    that lie on the scale (the window is cut at ``1/9`` and ``9``, not
    clipped, so no mass piles up at the ends). A judgment that is not on the
    scale (2.5, or an aggregated value) is moved from its nearest scale
    value; when the drawn move is 0 it keeps its exact original value, so
    ``steps=0`` reproduces the judgments exactly.

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness.
    size : int
        Number of samples.
    values : array-like
        Judgments ``a_ij`` (any shape, usually the upper triangle).
    steps : int
        The largest move, in scale steps (0 to 16).

    Returns
    -------
    numpy.ndarray
        Shape ``(size, *values.shape)``.

    Examples
    --------
    >>> out = perturb_saaty_steps(np.random.default_rng(0), 1000, [9.0, 1.0], 1)
    >>> sorted(set(out[:, 0].tolist())), sorted(set(out[:, 1].round(3).tolist()))
    ([8.0, 9.0], [0.5, 1.0, 2.0])
    """
    values = np.asarray(values, dtype=float)
    position = saaty_position(values)
    low = np.maximum(position - steps, 0)
    high = np.minimum(position + steps, SAATY_STEPS.size - 1)
    drawn = rng.integers(low, high + 1, size=(size, *values.shape))
    return np.where(drawn == position, values, SAATY_STEPS[drawn])


def perturb_lognormal(
    rng: np.random.Generator, size: int, values: npt.ArrayLike, sigma: float
) -> np.ndarray:
    """Multiply each judgment by ``exp(sigma * Z)``, ``Z`` standard normal.

    The perturbation is symmetric on the log scale, so ``a`` and ``1/a`` are
    perturbed alike, and reciprocity is kept by perturbing one triangle only.
    Values may leave the 1/9 .. 9 range.

    Examples
    --------
    >>> out = perturb_lognormal(np.random.default_rng(0), 50_000, [3.0], 0.2)
    >>> round(float(np.exp(np.log(out).mean())), 2)
    3.0
    """
    values = np.asarray(values, dtype=float)
    return values * np.exp(sigma * rng.standard_normal((size, *values.shape)))


def aggregate_aij(matrices: npt.ArrayLike, expert_weights: npt.ArrayLike) -> np.ndarray:
    """Aggregation of individual judgments (AIJ): the weighted geometric mean.

    Parameters
    ----------
    matrices : array-like, shape (..., k, n, n)
        One comparison matrix per expert along axis -3.
    expert_weights : array-like, shape (k,)
        Expert weights summing to 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., n, n)``: ``prod_e a_ij^(e) ** lambda_e``, reciprocal when
        the individual matrices are (Aczel and Saaty 1983; Forman and Peniwati
        1998).

    Examples
    --------
    >>> aggregate_aij([[[1, 4], [1 / 4, 1]], [[1, 1], [1, 1]]], [0.5, 0.5]).tolist()
    [[1.0, 2.0], [0.5, 1.0]]
    """
    log = np.log(np.asarray(matrices, dtype=float))
    weights = np.asarray(expert_weights, dtype=float)
    return np.exp(np.einsum("...kij,k->...ij", log, weights))


# -- weight specifications ----------------------------------------------------
@dataclass(frozen=True)
class UniformWeights:
    """Weights uniformly distributed on the simplex: no preference information.

    The SMAA default when the problem has no weights (Lahdelma and Salminen
    2001). Sampled as a flat Dirichlet distribution (normalised exponentials),
    not by normalising uniform variates, which is biased (Tervonen and
    Lahdelma 2007). The marginal of each weight is Beta(1, m - 1).
    """

    def describe(self) -> str:
        """A one-line description."""
        return "uniform on the simplex (Dirichlet(1, ..., 1))"


@dataclass(frozen=True, eq=False)
class DirichletWeights:
    """Weights concentrated around a centre: Dirichlet(``concentration * center``).

    Parameters
    ----------
    concentration : float
        Positive. The sum of the Dirichlet parameters: the variance of weight
        ``j`` is ``w_j (1 - w_j) / (concentration + 1)``, so 100 gives a
        standard deviation of about 0.05 for a weight of 0.3, and 1 with a
        flat centre is the uniform distribution.
    center : mapping, Series or array-like, optional
        The mean weights (normalised to sum 1). Default: the problem's
        weights. Criteria with a centre weight of 0 keep weight 0.

    Examples
    --------
    >>> DirichletWeights(100, center=[0.5, 0.3, 0.2]).concentration
    100.0
    """

    concentration: float
    center: Any = None

    def __post_init__(self) -> None:
        value = check_real("concentration", self.concentration, minimum=0.0, strict_minimum=True)
        object.__setattr__(self, "concentration", value)

    def describe(self) -> str:
        """A one-line description."""
        return f"Dirichlet around the given weights, concentration {self.concentration:g}"


# -- judgment specification ---------------------------------------------------
def _as_comparison(value: Any, name: str) -> PairwiseComparison:
    if isinstance(value, PairwiseComparison):
        return value
    if isinstance(value, (str, bytes)) or value is None:
        raise InvalidTypeError(
            f"{name} must be a PairwiseComparison or a square matrix; got {describe(value)}"
        )
    return PairwiseComparison(value)


def _check_connected(stack: np.ndarray, labels: pd.Index, who: str = "") -> None:
    """Raise if the pairs judged by at least one expert do not connect every item."""
    groups = _connected_groups((~np.isnan(stack)).any(axis=0), labels)
    if len(groups) > 1:
        raise DisconnectedComparisonError(
            f"{who}the judged pairs do not connect all criteria, so the missing pairs cannot be "
            f"completed; they form {len(groups)} separate groups: "
            + "; ".join(format_labels(g) for g in groups)
        )


def _is_group(value: Any) -> bool:
    """Whether ``value`` holds several comparisons (a list of them, or a 3-D array)."""
    if isinstance(value, np.ndarray):
        return value.ndim == 3
    if not isinstance(value, (list, tuple)) or not value:
        return False
    first = value[0]
    if isinstance(first, (pd.DataFrame, PairwiseComparison)):
        return True
    try:
        return np.ndim(first) == 2
    except (TypeError, ValueError):  # pragma: no cover - ragged input, let validation speak
        return False


@dataclass(frozen=True, eq=False)
class JudgmentUncertainty:
    """Uncertainty in AHP pairwise judgments, propagated to the criteria weights.

    For each sample every judgment ``a_ij`` (``i < j``) of every expert is
    perturbed and ``a_ji`` is set to ``1 / a_ij``. With ``aggregation="aij"``
    the experts' matrices are aggregated by the weighted geometric mean of
    judgments (AIJ) and the priorities of the group matrix are computed; with
    AIP each expert's priorities are computed and aggregated by their weighted
    geometric or arithmetic mean, as :func:`coopdecide.ahp_group` does. The
    priorities come from the batched kernels of :mod:`coopdecide.ahp.priorities`,
    for all samples (and experts) at once.

    Parameters
    ----------
    comparisons : PairwiseComparison, mapping or sequence
        One expert's comparison of the criteria, or a mapping expert name ->
        comparison, or a list of comparisons or a 3-D array (experts named
        ``"E1"``, ``"E2"``, ... as :func:`coopdecide.ahp_group` does). Square arrays and
        DataFrames are read as :class:`~coopdecide.ahp.PairwiseComparison`.
        Labels must be the problem's criteria (any order). Missing pairs are
        allowed. With AIJ the pairs judged by at least one expert must connect
        all criteria: each pair is aggregated over the experts who judged it,
        and pairs nobody judged are filled in every sample by the logarithmic
        least squares (LLSM) completion of the perturbed group judgments
        (Bozoki, Fulop and Ronyai 2010), as ``ahp_group(...,
        completion="llsm")`` does. With AIP each expert's judgments must
        connect all criteria; each expert's missing pairs are filled in every
        sample by the LLSM completion of that expert's perturbed judgments
        (again as ``ahp_group(..., completion="llsm")``).
    steps : int, optional
        Move each judgment by up to ``steps`` steps of Saaty's scale, each
        reachable position equally likely (see :func:`perturb_saaty_steps`).
        ``steps=0`` reproduces the point result.
    sigma : float, optional
        Instead of ``steps``: multiply each judgment by a log-normal factor
        ``exp(sigma * Z)`` (see :func:`perturb_lognormal`). Give exactly one
        of ``steps`` and ``sigma``.
    priority : {"eigenvector", "geometric", "column"}, default "eigenvector"
        How priorities are computed from each sampled matrix.
    expert_weights : mapping or sequence, optional
        Weights of the experts in the aggregation (normalised to sum 1);
        default equal weights. An expert with weight 0 does not count.
    aggregation : {"aij", "aip-geometric", "aip-arithmetic", "aip"}, default "aij"
        How the experts are combined, with the meaning of
        :func:`coopdecide.ahp_group` (``"aip"`` is ``"aip-geometric"``). With
        ``steps=0`` the sampled weights are those of ``ahp_group(comparisons,
        expert_weights, aggregation=aggregation, method=priority)`` for
        complete judgments.

    Examples
    --------
    >>> from coopdecide.ahp import PairwiseComparison
    >>> pc = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["trade", "risk"])
    >>> JudgmentUncertainty(pc, steps=1).experts
    ('expert',)
    >>> JudgmentUncertainty({"a": pc, "b": pc}, sigma=0.1, aggregation="aip").aggregation
    'aip-geometric'
    """

    comparisons: Any
    steps: int | None = None
    sigma: float | None = None
    priority: str = "eigenvector"
    expert_weights: Any = None
    aggregation: str = "aij"
    _matrices: np.ndarray = field(init=False, repr=False, compare=False)
    _labels: pd.Index = field(init=False, repr=False, compare=False)
    _experts: tuple[Hashable, ...] = field(init=False, repr=False, compare=False)
    _lambdas: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.steps is None) == (self.sigma is None):
            raise InvalidArgumentError(
                "JudgmentUncertainty needs exactly one of steps (Saaty-scale steps) and sigma "
                f"(log-normal); got steps={describe(self.steps)} and sigma={describe(self.sigma)}"
            )
        if self.steps is not None:
            if isinstance(self.steps, bool) or not isinstance(self.steps, Integral):
                raise InvalidTypeError(f"steps must be an integer; got {describe(self.steps)}")
            if not 0 <= self.steps <= 16:
                raise InvalidArgumentError(
                    f"steps must be between 0 and 16 (the scale has 17 values); got {self.steps}"
                )
            object.__setattr__(self, "steps", int(self.steps))
        else:
            object.__setattr__(self, "sigma", check_real("sigma", self.sigma, minimum=0.0))
        check_option("priority", self.priority, ("eigenvector", "geometric", "column"))
        from coopdecide.ahp.group import AGGREGATIONS

        aggregation = check_option("aggregation", self.aggregation, AGGREGATIONS)
        object.__setattr__(
            self, "aggregation", "aip-geometric" if aggregation == "aip" else aggregation
        )
        comparisons = self.comparisons
        if isinstance(comparisons, Mapping):
            experts = tuple(comparisons)
            items = [_as_comparison(comparisons[e], f"comparisons[{describe(e)}]") for e in experts]
        elif _is_group(comparisons):
            items = [_as_comparison(c, f"comparisons[{i}]") for i, c in enumerate(comparisons)]
            experts = tuple(f"E{i + 1}" for i in range(len(items)))
        else:
            items = [_as_comparison(comparisons, "comparisons")]
            experts = ("expert",)
        if not items:
            raise InvalidComparisonError("comparisons must hold at least one comparison; got none")
        labels = items[0].labels
        matrices = []
        for expert, item in zip(experts, items, strict=True):
            if set(item.labels) != set(labels) or len(item.labels) != len(labels):
                raise InvalidComparisonError(
                    f"every expert must compare the same criteria; {describe(expert)} compares "
                    f"{format_labels(item.labels)} but the first compares {format_labels(labels)}"
                )
            order = item.labels.get_indexer(labels)
            matrices.append(item.matrix[np.ix_(order, order)])
        if self.expert_weights is None:
            lambdas = np.full(len(items), 1.0 / len(items))
        else:
            lambdas = normalize_weights(
                self.expert_weights, pd.Index(experts, dtype=object), "expert_weights"
            )
        stack = np.stack(matrices)
        if self.aggregation == "aij":
            _check_connected(stack, labels)
        else:  # AIP: every expert's own priorities, so every expert's judgments must connect
            for expert, matrix in zip(experts, stack, strict=True):
                _check_connected(matrix[None], labels, who=f"expert {describe(expert)}: ")
        object.__setattr__(self, "_matrices", stack)
        object.__setattr__(self, "_labels", labels)
        object.__setattr__(self, "_experts", experts)
        object.__setattr__(self, "_lambdas", np.asarray(lambdas, dtype=float))

    @property
    def experts(self) -> tuple[Hashable, ...]:
        """The experts' names."""
        return self._experts

    @property
    def labels(self) -> pd.Index:
        """The criteria compared, in the order of the comparisons."""
        return self._labels.copy()

    def describe(self) -> str:
        """A one-line description."""
        how = (
            f"up to {self.steps} Saaty-scale step(s)"
            if self.steps is not None
            else f"log-normal factor, sigma {self.sigma:g}"
        )
        how_many = len(self._experts)
        who = f"{how_many} experts ({self.aggregation.upper()})" if how_many > 1 else "one expert"
        return f"judgments of {who} perturbed by {how}, {self.priority} priorities"

    def resolve(self, criteria: pd.Index) -> _JudgmentSampler:
        """Bind to the problem's criteria (reorders the priorities to them)."""
        check_same_criteria(self._labels, criteria)
        n = len(self._labels)
        rows, cols = np.triu_indices(n, 1)
        upper = self._matrices[:, rows, cols]
        return _JudgmentSampler(
            upper=np.where(np.isnan(upper), 1.0, upper),
            known=~np.isnan(upper),
            n=n,
            steps=self.steps,
            sigma=self.sigma,
            priority=self.priority,
            lambdas=self._lambdas,
            order=self._labels.get_indexer(criteria),
            aggregation=self.aggregation,
        )


def check_same_criteria(labels: pd.Index, criteria: pd.Index) -> None:
    """Judgments must compare exactly the problem's criteria (in any order)."""
    missing = [c for c in criteria if c not in set(labels)]
    extra = [c for c in labels if c not in set(criteria)]
    if missing or extra:
        raise InvalidComparisonError(
            "judgments must compare exactly the problem's criteria; "
            + (f"missing {format_labels(missing)}" if missing else "")
            + ("; " if missing and extra else "")
            + (f"unknown {format_labels(extra)}" if extra else "")
        )


@dataclass(frozen=True)
class _JudgmentSampler:
    """Picklable, problem-bound judgment sampler (arrays only)."""

    upper: np.ndarray  # (experts, pairs), 1 where not judged
    known: np.ndarray  # (experts, pairs): judged by that expert
    n: int
    steps: int | None
    sigma: float | None
    priority: str
    lambdas: np.ndarray
    order: np.ndarray  # criteria position -> comparison position
    aggregation: str = "aij"

    def _expert_log(self, rng: np.random.Generator | None, size: int) -> np.ndarray:
        """Each expert's perturbed log-judgments above the diagonal, ``(size, experts, pairs)``."""
        if rng is None:
            upper = np.broadcast_to(self.upper, (size, *self.upper.shape))
        elif self.steps is not None:
            upper = perturb_saaty_steps(rng, size, self.upper, self.steps)
        else:
            upper = perturb_lognormal(rng, size, self.upper, float(self.sigma or 0.0))
        return np.log(upper)

    def _perturbed_log(self, rng: np.random.Generator | None, size: int) -> np.ndarray:
        """Aggregated (AIJ) log-judgments above the diagonal, ``(size, pairs)``.

        Each expert's judged pairs are perturbed and aggregated pair by pair
        over the experts who judged the pair (AIJ, their weights rescaled to
        sum 1). Pairs nobody judged are then filled, sample by sample, by the
        LLSM completion of the group judgments.
        """
        log = self._expert_log(rng, size)
        if self.known.all():
            return log[:, 0] if log.shape[1] == 1 else np.einsum("sep,e->sp", log, self.lambdas)
        weights = self.lambdas[:, None] * self.known
        total = weights.sum(axis=0)
        judged = total > 0
        group = np.einsum("sep,ep->sp", log, weights) / np.where(judged, total, 1.0)
        if not judged.all():
            y = _llsm_log_weights(self._log_matrices(np.where(judged, group, np.nan)))
            rows, cols = np.triu_indices(self.n, 1)
            group = np.where(judged, group, y[:, rows] - y[:, cols])
        return group

    def _log_matrices(self, log_upper: np.ndarray) -> np.ndarray:
        rows, cols = np.triu_indices(self.n, 1)
        log_a = np.zeros((log_upper.shape[0], self.n, self.n))
        log_a[:, rows, cols] = log_upper
        log_a[:, cols, rows] = -log_upper
        return log_a

    def expert_matrices(self, rng: np.random.Generator | None, size: int) -> np.ndarray:
        """Sampled complete matrices of every expert, shape ``(size, experts, n, n)``.

        An expert's missing pairs are filled, sample by sample, by the LLSM
        completion of that expert's perturbed judgments. ``rng=None``: the
        unperturbed judgments.
        """
        log = self._expert_log(rng, size)
        rows, cols = np.triu_indices(self.n, 1)
        out = np.empty((size, log.shape[1], self.n, self.n))
        for e in range(log.shape[1]):  # a few experts; every sample at once
            upper = log[:, e]
            if not self.known[e].all():
                y = _llsm_log_weights(self._log_matrices(np.where(self.known[e], upper, np.nan)))
                upper = np.where(self.known[e], upper, y[:, rows] - y[:, cols])
            out[:, e] = self._log_matrices(upper)
        return np.exp(out)

    def matrices(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Sampled aggregated (complete) matrices, shape ``(size, n, n)`` (AIJ only).

        Raises
        ------
        InvalidArgumentError
            With AIP, which aggregates priorities, not matrices (see
            :meth:`expert_matrices`).
        """
        if self.aggregation != "aij":
            raise InvalidArgumentError(
                f"aggregation {describe(self.aggregation)} aggregates the experts' priorities, so "
                "there is no group matrix; use expert_matrices()"
            )
        return np.exp(self._log_matrices(self._perturbed_log(rng, size)))

    def point_weights(self) -> np.ndarray:
        """Priorities of the unperturbed (aggregated) judgments, in criteria order."""
        return self._weights(None, 1)[0]

    def _priorities(self, matrices: np.ndarray) -> np.ndarray:
        """Priorities of a stack ``(..., n, n)`` by the batched kernel of ``priority``."""
        from coopdecide.ahp.priorities import (
            column_priorities,
            eigenvector_priorities,
            geometric_priorities,
        )

        if self.priority == "eigenvector":
            return eigenvector_priorities(matrices)[0]
        if self.priority == "geometric":
            return geometric_priorities(matrices)
        return column_priorities(matrices)

    def _weights(self, rng: np.random.Generator | None, size: int) -> np.ndarray:
        if self.aggregation == "aij":
            w = self._priorities(np.exp(self._log_matrices(self._perturbed_log(rng, size))))
        else:
            by_expert = self._priorities(self.expert_matrices(rng, size))
            mean = "geometric" if self.aggregation == "aip-geometric" else "arithmetic"
            w = aggregate_aip(by_expert, self.lambdas, mean)
        return w[:, self.order]

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Sampled weights, shape ``(size, m)`` in criteria order."""
        return self._weights(rng, size)


# -- data specifications ------------------------------------------------------
def _spread_array(spread: Any, problem: DecisionProblem) -> np.ndarray:
    """Per-cell spread as an ``(n, m)`` array from a scalar, per-criterion or per-cell spec."""
    n, m = problem.shape
    criteria, alternatives = problem.criteria, problem.alternatives
    if isinstance(spread, pd.DataFrame):
        unknown_rows = [a for a in spread.index if a not in set(alternatives)]
        unknown_cols = [c for c in spread.columns if c not in set(criteria)]
        if unknown_rows or unknown_cols:
            what = []
            if unknown_cols:
                what.append(f"unknown criteria {format_labels(unknown_cols)}")
            if unknown_rows:
                what.append(f"unknown alternatives {format_labels(unknown_rows)}")
            raise InvalidArgumentError(f"spread names {' and '.join(what)}")
        frame = spread.reindex(index=alternatives, columns=criteria)
        try:
            values = frame.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise InvalidArgumentError("spread must contain only numbers") from None
        values = np.where(np.isnan(values), 0.0, values)  # cells left out: no spread
    elif isinstance(spread, (Mapping, pd.Series)):
        mapping = dict(spread.items())
        unknown = [key for key in mapping if key not in set(criteria)]
        if unknown:
            raise InvalidArgumentError(
                f"spread names criteria that do not exist: {format_labels(unknown)}; "
                f"the criteria are {format_labels(criteria)}"
            )
        row = np.zeros(m)
        for j, criterion in enumerate(criteria):
            if criterion in mapping:
                row[j] = check_real(f"spread[{describe(criterion)}]", mapping[criterion])
        values = np.broadcast_to(row, (n, m)).copy()
    elif isinstance(spread, Real) and not isinstance(spread, bool):
        values = np.full((n, m), float(spread))
    else:
        raise InvalidTypeError(
            "spread must be a number, a mapping criterion -> number, or a DataFrame "
            f"(alternatives x criteria); got {type(spread).__name__}"
        )
    if not np.isfinite(values).all():
        raise InvalidArgumentError("spread must be finite; got NaN or infinite values")
    if (values < 0).any():
        rows, cols = np.nonzero(values < 0)
        i, j = int(rows[0]), int(cols[0])
        raise InvalidArgumentError(
            f"spread must be non-negative; got {values[i, j]:g} for "
            f"({describe(alternatives[i])}, {describe(criteria[j])})"
        )
    return values


@dataclass(frozen=True, eq=False)
class DataUncertainty:
    """Uncertain performance values: a spread per cell, per criterion or for all.

    Parameters
    ----------
    spread : float, mapping or DataFrame
        One number for every cell; a mapping (or Series) criterion ->
        number for per-criterion spreads (criteria left out are exact); or a
        DataFrame alternatives x criteria for per-cell spreads (cells left
        out or NaN are exact). With ``distribution="normal"`` the spread is
        the standard deviation; with ``"uniform"``, ``"triangular"`` and
        ``"pert"`` the half-width of the interval around the value; with
        ``"lognormal"`` the standard deviation of the logarithm (of
        ``|x|``, as a fraction of the value: relative spreads are natural
        here).
    relative : bool, default True
        If True the spread is a fraction of the value (``0.1`` = 10 % of
        ``|x|``), else in the criterion's own units.
    distribution : str, mapping or DataFrame, default "normal"
        The distribution of each cell around its value: "normal", "uniform",
        "triangular" (symmetric, mode at the value), "pert" (beta-PERT,
        mode at the value) or "lognormal" (median at the value, for
        positive quantities); one name for every cell, a mapping criterion
        -> name (criteria left out: "normal") or a DataFrame alternatives x
        criteria of names (cells left out: "normal"). Cells are independent.
        See :mod:`coopdecide.sensitivity.distributions` for the formulas;
        for asymmetric intervals use :class:`DataIntervals`.
    clip_negative : bool, default True
        Criteria whose values are all non-negative in the data (amounts,
        counts, indices) stay non-negative: sampled values below 0 are set to
        0. With False values may become negative, which
        ``normalization="sum"`` cannot handle (then :func:`smaa` refuses it).

    Examples
    --------
    >>> DataUncertainty({"gdp": 0.1}, distribution="uniform").relative
    True
    """

    spread: Any
    relative: bool = True
    distribution: Any = "normal"
    clip_negative: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.distribution, str):
            check_option("distribution", self.distribution, DISTRIBUTIONS)
        for name in ("relative", "clip_negative"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise InvalidTypeError(
                    f"{name} must be True or False; got {describe(getattr(self, name))}"
                )

    def describe(self) -> str:
        """A one-line description."""
        kind = "relative" if self.relative else "absolute"
        how = self.distribution if isinstance(self.distribution, str) else "per-cell"
        return f"{kind} {how} spread of the performance values"

    def resolve(self, problem: DecisionProblem) -> _DataSampler:
        """Bind to a problem: per-cell scales as arrays."""
        spread = _spread_array(self.spread, problem)
        matrix = problem.matrix
        scale = spread * np.abs(matrix) if self.relative else spread
        codes = distribution_codes(self.distribution, problem.alternatives, problem.criteria)
        flat = (codes == DISTRIBUTIONS.index("lognormal")) & (scale > 0) & (matrix == 0)
        if flat.any():
            i, j = (int(k) for k in np.argwhere(flat)[0])
            raise InvalidArgumentError(
                "distribution 'lognormal' needs a non-zero value (it scales the value); got 0 "
                f"for ({describe(problem.alternatives[i])}, {describe(problem.criteria[j])})"
            )
        nonnegative = (
            (matrix >= 0).all(axis=0)
            if self.clip_negative
            else np.zeros(matrix.shape[1], dtype=bool)
        )
        return _DataSampler(
            center=np.array(matrix),
            scale=scale,
            low=None,
            high=None,
            distribution="spread",
            clip=np.asarray(nonnegative, dtype=bool),
            codes=codes,
        )


def _bound_frame(value: Any, problem: DecisionProblem, name: str) -> np.ndarray:
    if isinstance(value, pd.DataFrame):
        unknown_cols = [c for c in value.columns if c not in set(problem.criteria)]
        if unknown_cols:
            raise InvalidArgumentError(
                f"{name} names criteria that do not exist: {format_labels(unknown_cols)}"
            )
        unknown_rows = [a for a in value.index if a not in set(problem.alternatives)]
        if unknown_rows:
            raise InvalidArgumentError(
                f"{name} names alternatives that do not exist: {format_labels(unknown_rows)}"
            )
        frame = value.reindex(index=problem.alternatives, columns=problem.criteria)
        try:
            array = frame.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"{name} must contain only numbers") from None
        # cells left out: the problem's own value
        array = np.where(np.isnan(array), problem.matrix, array)
    else:
        try:
            array = np.array(value, dtype=float)
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"{name} must contain only numbers") from None
        if array.shape != problem.shape:
            raise InvalidArgumentError(
                f"{name} must have the problem's shape {problem.shape}; got {array.shape}"
            )
    if not np.isfinite(array).all():
        raise InvalidArgumentError(f"{name} must be finite; got NaN or infinite values")
    return array


@dataclass(frozen=True, eq=False)
class DataIntervals:
    """Uncertain performance values known only to lie in ``[low, high]`` (uniform).

    Parameters
    ----------
    low, high : DataFrame or array-like
        Alternatives x criteria bounds (DataFrames are aligned by labels;
        cells left out keep the problem's value). ``low <= high`` in every
        cell; each sample draws every cell independently.
    distribution : {"uniform", "triangular", "pert"}, default "uniform"
        Uniform within the bounds, triangular or beta-PERT (Malcolm et al.
        1959) with the most likely value ``mode``.
    mode : DataFrame or array-like, optional
        The most likely value of each cell for "triangular" and "pert"
        (default: the problem's values), within ``[low, high]``.

    Examples
    --------
    >>> DataIntervals([[1, 2], [3, 4]], [[1.5, 2], [3, 5]]).describe()
    'uniform within [low, high] per cell'
    """

    low: Any
    high: Any
    distribution: str = "uniform"
    mode: Any = None

    def __post_init__(self) -> None:
        check_option("distribution", self.distribution, INTERVAL_DISTRIBUTIONS)
        if self.mode is not None and self.distribution == "uniform":
            raise InvalidArgumentError(
                "mode is for distribution='triangular' or 'pert'; got a mode with 'uniform'"
            )

    def describe(self) -> str:
        """A one-line description."""
        return f"{self.distribution} within [low, high] per cell"

    @classmethod
    def from_provenance(cls, problem: DecisionProblem) -> DataIntervals:
        """The intervals a problem's provenance gives: its ``low`` and ``high`` columns.

        A problem built by :meth:`coopdecide.data.Indicators.to_problem` has
        one provenance row per cell; imputed cells carry the interval of the
        imputation and the others ``low == high`` (exact). SMAA then varies
        the imputed cells only.

        Raises
        ------
        InvalidArgumentError
            The problem has no provenance, or it has no ``low`` / ``high`` columns.
        """
        provenance = problem.provenance
        if provenance is None or not {"low", "high"} <= set(provenance.columns):
            raise InvalidArgumentError(
                "DataIntervals.from_provenance needs a problem whose provenance has 'low' and "
                "'high' columns (as Indicators.to_problem writes them); got "
                + (
                    "no provenance"
                    if provenance is None
                    else "columns " + format_labels(provenance.columns)
                )
            )
        low, high = (
            pd.DataFrame(
                provenance[side].to_numpy(dtype=float).reshape(problem.shape),
                index=problem.alternatives,
                columns=problem.criteria,
            )
            for side in ("low", "high")
        )
        return cls(low, high)

    def resolve(self, problem: DecisionProblem) -> _DataSampler:
        """Bind to a problem: bounds as arrays."""
        low = _bound_frame(self.low, problem, "low")
        high = _bound_frame(self.high, problem, "high")
        bad = low > high
        if bad.any():
            rows, cols = np.nonzero(bad)
            i, j = int(rows[0]), int(cols[0])
            raise InvalidArgumentError(
                f"low must not exceed high; got low {show_number(low[i, j])} > high "
                f"{show_number(high[i, j])} for "
                f"({describe(problem.alternatives[i])}, {describe(problem.criteria[j])})"
            )
        mode = None
        if self.distribution != "uniform":
            mode = problem.matrix if self.mode is None else _bound_frame(self.mode, problem, "mode")
            outside = (mode < low) | (mode > high)
            if outside.any():
                i, j = (int(k) for k in np.argwhere(outside)[0])
                raise InvalidArgumentError(
                    f"mode must lie within [low, high]; got {mode[i, j]:g} outside "
                    f"[{low[i, j]:g}, {high[i, j]:g}] for ({describe(problem.alternatives[i])}, "
                    f"{describe(problem.criteria[j])})"
                )
        return _DataSampler(
            center=None,
            scale=None,
            low=low,
            high=high,
            distribution="interval",
            clip=np.zeros(problem.shape[1], dtype=bool),
            interval=self.distribution,
            mode=None if mode is None else np.array(mode),
        )


@dataclass(frozen=True)
class _DataSampler:
    """Picklable, problem-bound data sampler."""

    center: np.ndarray | None
    scale: np.ndarray | None
    low: np.ndarray | None
    high: np.ndarray | None
    distribution: str  # "spread" (codes give each cell's distribution) or "interval"
    clip: np.ndarray
    codes: np.ndarray | None = None  # per cell: index into DISTRIBUTIONS
    interval: str = "uniform"
    mode: np.ndarray | None = None

    def may_be_negative(self) -> bool:
        """Whether a sample can hold a negative value."""
        if self.distribution == "interval":
            assert self.low is not None
            return bool(np.any(self.low < 0))
        assert self.center is not None and self.scale is not None and self.codes is not None
        unbounded = self.codes == DISTRIBUTIONS.index("normal")
        lognormal = self.codes == DISTRIBUTIONS.index("lognormal")
        reachable = self.center - self.scale * np.where(unbounded, np.inf, 1.0)
        reachable = np.where((self.scale == 0) | lognormal, self.center, reachable)
        return bool(((reachable < 0) & ~self.clip[None, :]).any())

    def draw(self, rng: np.random.Generator, block: int, size: int) -> np.ndarray:
        """The data of sample block ``block`` (random: :meth:`sample`)."""
        return self.sample(rng, size)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Sampled performance matrices, shape ``(size, n, m)``."""
        if self.distribution == "interval":
            assert self.low is not None and self.high is not None
            return interval_draws(rng, self.low, self.high, self.mode, self.interval, size)
        assert self.center is not None and self.scale is not None and self.codes is not None
        noise = unit_noise(rng, self.codes, size)
        lognormal = self.codes == DISTRIBUTIONS.index("lognormal")
        if lognormal.any():
            sigma = self.scale[lognormal] / np.abs(self.center[lognormal])
            factor = np.exp(sigma * noise[:, lognormal])
        noise *= self.scale
        noise += self.center
        if lognormal.any():
            noise[:, lognormal] = self.center[lognormal] * factor
        if self.clip.any():
            np.maximum(noise, np.where(self.clip, 0.0, -np.inf), out=noise)
        return noise


def resolve_weights_spec(
    weights: Any, problem: DecisionProblem
) -> tuple[str, np.ndarray | None, str]:
    """Turn the ``weights`` argument of :func:`smaa` into (kind, array, description).

    ``kind`` is ``"uniform"`` (array None), ``"dirichlet"`` (array = alpha)
    or ``"fixed"`` (array = the weights).
    """
    criteria = problem.criteria
    if isinstance(weights, str):
        check_option("weights", weights, ("auto", "uniform", "fixed"))
        if weights == "uniform" or (weights == "auto" and problem.weight_array is None):
            return "uniform", None, UniformWeights().describe()
        if problem.weight_array is None:
            raise InvalidWeightsError(
                "weights='fixed' needs weights: the problem has none; pass weights=... "
                "(an array or mapping) or weights='uniform'"
            )
        return "fixed", np.array(problem.weight_array), "fixed at the problem's weights"
    if isinstance(weights, UniformWeights):
        return "uniform", None, weights.describe()
    if isinstance(weights, DirichletWeights):
        if weights.center is None:
            if problem.weight_array is None:
                raise InvalidWeightsError(
                    "DirichletWeights needs a center: the problem has no weights; pass "
                    "DirichletWeights(concentration, center=...)"
                )
            center = np.array(problem.weight_array)
        else:
            center = normalize_weights(weights.center, criteria, "DirichletWeights center")
        return "dirichlet", weights.concentration * center, weights.describe()
    if weights is None:
        raise InvalidTypeError(
            "weights must be 'auto', 'uniform', 'fixed', UniformWeights(), "
            "DirichletWeights(...) or fixed weights (a mapping or array); got None"
        )
    fixed = normalize_weights(weights, criteria, "weights")
    return "fixed", np.array(fixed), "fixed at the given weights"
