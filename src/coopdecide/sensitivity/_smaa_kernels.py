"""The batched SMAA kernels: the evaluation model, one block's counts, one chunk of blocks.

Plain numpy on arrays; :mod:`coopdecide.sensitivity.acceptability` validates
the inputs and labels the results, :mod:`coopdecide.sensitivity._smaa_driver`
runs the chunks (in this process or on an executor) and decides when to stop.
Everything here is picklable (module-level functions, frozen dataclasses of
arrays), so that worker processes can run it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._threads import limit_blas
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.kernels import ideal_points, normalize
from coopdecide.sensitivity.fuzzy_judgments import _TriangularSampler
from coopdecide.sensitivity.measurements import _Measurements
from coopdecide.sensitivity.sampling import (
    _DataSampler,
    _JudgmentSampler,
    sample_dirichlet,
    sample_simplex,
)

#: Samples per independently seeded block (fixed: results do not depend on chunking).
#: At most 2040 (the pairwise counts use byte lanes of 64-bit words).
BLOCK_SIZE = 1000
#: Central weights are accumulated as integers in units of ``1 / _QUANTUM``.
_QUANTUM = float(2**32)
#: Scores equal to this many decimals are ties (as in ``ranks_from_scores``).
_TIE_DECIMALS = 12


# -- the evaluation model (picklable: arrays, labels and strings only) --------
@dataclass(frozen=True)
class _Model:
    matrix: np.ndarray
    types: np.ndarray
    alternatives: pd.Index
    criteria: pd.Index
    method: str
    normalization: str
    distance: str
    options: dict[str, Any]
    weight_kind: str  # "uniform", "dirichlet", "fixed", "judgments"
    weight_array: np.ndarray | None
    judgments: _JudgmentSampler | _TriangularSampler | None
    data: _DataSampler | _Measurements | None
    pairwise: bool = False
    keep_scores: bool = False
    higher_is_better: bool = True
    blas_threads: int | None = 1  # the BLAS thread limit while a chunk runs (None: no limit)
    # fixed data only: [gaps to the ideal | gaps to the anti-ideal], (m, 2n)
    gaps: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return self.matrix.shape[0]

    @property
    def m(self) -> int:
        return self.matrix.shape[1]

    def sample_weights(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.weight_kind == "uniform":
            return sample_simplex(rng, size, self.m)
        if self.weight_kind == "dirichlet":
            assert self.weight_array is not None
            return sample_dirichlet(rng, size, self.weight_array)
        if self.weight_kind == "judgments":
            assert self.judgments is not None
            return self.judgments.sample(rng, size)
        assert self.weight_array is not None
        return np.broadcast_to(self.weight_array, (size, self.m))

    def utilities(self, weights: np.ndarray, matrices: np.ndarray | None) -> np.ndarray:
        """Scores oriented so that higher is better, shape ``(s, n)``.

        ``weights`` is ``(s, m)``; ``matrices`` is ``(s, n, m)`` or None (the
        problem's own data).
        """
        if self.method == "topsis":
            return _closeness(*_topsis_distances(self, weights, matrices), self.distance)
        return _loop_utilities(self, weights, matrices)

    def evaluate(
        self, weights: np.ndarray, matrices: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Utilities and, with ``keep_scores``, the method's own scores, both ``(s, n)``.

        For TOPSIS the scores are the closeness coefficients (computed from
        the same distances as the utilities); for other methods they are the
        method's scores as :func:`coopdecide.rank` reports them (lower is
        better when ``higher_is_better`` is False).
        """
        if not self.keep_scores:
            return self.utilities(weights, matrices), None
        if self.method == "topsis":
            d_plus, d_minus = _topsis_distances(self, weights, matrices)
            utilities = _closeness(d_plus, d_minus, self.distance)
            return utilities, _closeness_scores(d_plus, d_minus, self.distance)
        utilities = _loop_utilities(self, weights, matrices)
        return utilities, (utilities if self.higher_is_better else -utilities)


def _distance_gaps(normalized: np.ndarray, types: np.ndarray, distance: str) -> tuple[Any, Any]:
    ideal, anti_ideal = ideal_points(normalized, types)
    plus = normalized - ideal[..., None, :]
    minus = normalized - anti_ideal[..., None, :]
    if distance == "euclidean":
        return plus * plus, minus * minus
    return np.abs(plus), np.abs(minus)


def _closeness(d_plus: np.ndarray, d_minus: np.ndarray, distance: str) -> np.ndarray:
    """A utility that orders alternatives exactly as TOPSIS closeness does.

    Closeness is ``C = D- / (D+ + D-) = 1 / (1 + D+ / D-)``, a decreasing
    function of ``D+ / D-``; for the Euclidean distance ``D+ / D-`` is the
    square root of the ratio of the squared distances, also monotone. So
    ``-(squared D+) / (squared D-)`` ranks like ``C`` without any square root.
    ``D- = 0`` gives ``-inf`` (the anti-ideal itself); ``D+ = D- = 0`` (every
    weighted criterion has zero range, so every alternative ties) gives 0.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        utility = np.divide(d_plus, d_minus)
    np.negative(utility, out=utility)
    if np.isnan(utility).any():
        utility[np.isnan(utility)] = 0.0
    return utility


def _closeness_scores(d_plus: np.ndarray, d_minus: np.ndarray, distance: str) -> np.ndarray:
    """TOPSIS closeness ``D- / (D+ + D-)`` from the (squared, if Euclidean) distances.

    As :func:`coopdecide.ranking.kernels.topsis_kernel`: 0.5 where both
    distances are 0.
    """
    if distance == "euclidean":
        d_plus = np.sqrt(np.maximum(d_plus, 0.0))
        d_minus = np.sqrt(np.maximum(d_minus, 0.0))
    total = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, d_minus / total, 0.5)


def _topsis_distances(
    model: _Model, weights: np.ndarray, matrices: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted distances ``(D+, D-)`` (squared for Euclidean), each ``(s, n)``."""
    factor = weights * weights if model.distance == "euclidean" else weights
    if matrices is None:
        assert model.gaps is not None
        # one (s, m) @ (m, 2n) product (BLAS is much faster this way round than (n, m) @ (m, s))
        both = factor @ model.gaps
        n = model.n
        return both[:, :n], both[:, n:]
    plus, minus = _distance_gaps(
        normalize(matrices, model.normalization), model.types, model.distance
    )
    column = np.ascontiguousarray(factor)[:, :, None]  # (s, m, 1)
    d_plus = np.matmul(plus, column)[:, :, 0]  # (s, n)
    d_minus = np.matmul(minus, column)[:, :, 0]
    return d_plus, d_minus


def _batched_scores(
    model: _Model, weights: np.ndarray, matrices: np.ndarray | None
) -> np.ndarray | None:
    """VIKOR's Q (default scaling) and MOORA's ratio system for a whole block, else None.

    The same numbers as ``rank()`` per sample, from the batched kernels.
    """
    from coopdecide.ranking.moora import moora_kernels
    from coopdecide.ranking.vikor import vikor_kernel

    normalized = weights / weights.sum(axis=1, keepdims=True)
    matrix = model.matrix if matrices is None else matrices
    if model.method == "vikor" and model.options.get("normalization") is None:
        v = model.options.get("v")
        return vikor_kernel(matrix, normalized, model.types, 0.5 if v is None else float(v))[2]
    if model.method == "moora":
        return moora_kernels(matrix, normalized, model.types)[0]
    return None


def _loop_utilities(model: _Model, weights: np.ndarray, matrices: np.ndarray | None) -> Any:
    """Other methods: one ``rank()`` call per sample (slower than the TOPSIS kernel).

    VIKOR and MOORA are evaluated for the whole block by their batched kernels.
    """
    from coopdecide.ranking.methods import rank

    batched = _batched_scores(model, weights, matrices)
    if batched is not None:
        return batched if model.higher_is_better else -batched

    size = weights.shape[0]
    out = np.empty((size, model.n))
    for s in range(size):
        matrix = model.matrix if matrices is None else np.array(matrices[s])
        matrix.flags.writeable = False
        w = np.array(weights[s] / weights[s].sum())
        w.flags.writeable = False
        problem = DecisionProblem._from_validated(
            matrix, model.alternatives, model.criteria, model.types.astype(np.int8), w
        )
        result = rank(problem, model.method, **model.options)
        scores = np.asarray(result.score_array)
        out[s] = scores if result.higher_is_better else -scores
    return out


# -- accumulation of one block --------------------------------------------------
@dataclass
class _Counts:
    """Integer accumulators (order of addition does not matter)."""

    samples: int
    rank_counts: np.ndarray  # (n, n): alternative x rank position
    wins: np.ndarray  # (n, n): row ranked above column
    central: np.ndarray  # (n, m): sum of weights when first, in units of 2**-32
    central_squares: np.ndarray  # (n, m): sum of squared weights when first, likewise
    confidence: np.ndarray | None = None  # (k,) wins with central weights
    # kept per-sample scores of a chunk (keep_scores): rows start .. start + len - 1
    start: int = 0
    scores: np.ndarray | None = None

    def __iadd__(self, other: _Counts) -> _Counts:
        self.samples += other.samples
        self.rank_counts += other.rank_counts
        self.wins += other.wins
        self.central += other.central
        self.central_squares += other.central_squares
        if other.confidence is not None:
            if self.confidence is None:
                self.confidence = other.confidence.copy()
            else:
                self.confidence += other.confidence
        return self


def _count_true_last_axis(flags: np.ndarray) -> np.ndarray:
    """Count the True values of a boolean ``(..., s)`` array along its last axis.

    ``s`` must be a multiple of 8 and at most 8 * 255. The bytes are summed as
    64-bit words: each byte lane of the sum counts one position modulo 8 and
    stays below 256 (no carry between lanes), then the 8 lanes are added. This
    avoids the slow casting reduction of booleans to a wider integer type.
    """
    words = flags.view(np.uint64).sum(axis=-1)
    lanes = words.view(np.uint8).reshape(*flags.shape[:-1], 8)
    return lanes.sum(axis=-1, dtype=np.int64)


#: Bytes of comparisons per slab of :func:`_pairwise_wins` (fits a core's L2 cache).
_SLAB_BYTES = 2**19


def _rank_positions(order: np.ndarray) -> np.ndarray:
    """Rank position of each alternative in each sample, ``(n, s8)`` small integers.

    ``order`` is ``(s, n)`` (alternatives, best first); ``s8`` is ``s`` rounded
    up to a multiple of 8, the padding columns all 0 (tied: never ahead).
    """
    size, n = order.shape
    small = np.uint8 if n <= 256 else np.uint16
    flat = np.empty(size * n, dtype=small)
    flat[(order + (np.arange(size) * n)[:, None]).ravel()] = np.tile(
        np.arange(n, dtype=small), size
    )
    position = np.zeros((n, -(-size // 8) * 8), dtype=small)
    position[:, :size] = flat.reshape(size, n).T
    return position


def _pairwise_wins(order: np.ndarray) -> np.ndarray:
    """``wins[a, b]``: samples in which ``a`` is ranked above ``b``, from the rank positions.

    Every sample is a permutation, so ``wins[b, a] = s - wins[a, b]``: only
    pairs ``a < b`` are compared, slab by slab of rows (each slab's
    comparisons fit in cache), on small integers counted as bytes of 64-bit
    words (:func:`_count_true_last_axis`).
    """
    size, n = order.shape
    position = _rank_positions(order)
    wins = np.zeros((n, n), dtype=np.int64)
    rows = max(8, _SLAB_BYTES // (n * position.shape[1]))
    for start in range(0, n, rows):
        stop = min(start + rows, n)
        ahead = position[start:stop, None, :] < position[None, start:, :]
        wins[start:stop, start:] = _count_true_last_axis(ahead)
    upper = np.triu(wins, 1)
    return upper + np.tril(size - upper.T, -1)


def _tie_break(keys: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Orders (best first) of tied samples, ties broken uniformly at random.

    ``keys`` is ``(k, n)``; returns ``(k, n)`` alternative indices.
    """
    jitter = rng.random((keys.shape[1], keys.shape[0])).T
    return np.lexsort((jitter, -keys), axis=1)


def _accumulate(
    utilities: np.ndarray,
    weights: np.ndarray,
    rng: np.random.Generator,
    m: int,
    pairwise: bool,
) -> _Counts:
    """Rank counts, pairwise wins and central-weight sums of one block.

    ``utilities`` is ``(s, n)``, higher is better. Exact ties (to 12
    decimals) are broken uniformly at random, so tied alternatives share the
    ranks of their tie group equally in expectation and every sample is a
    permutation (rows and columns of the rank acceptability both sum to 1).

    The ranks come from a sort (``O(n log n)`` per sample); with
    ``pairwise`` every pair of ranks is also compared (``n (n - 1) / 2`` per
    sample, on small integers) for the pairwise winning indices.
    """
    size, n = utilities.shape
    keys = np.round(utilities, _TIE_DECIMALS)
    order = np.argsort(-keys, axis=1)  # (s, n): alternatives, best first
    ordered = np.take_along_axis(keys, order, axis=1)
    tied = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
    if tied.size:
        order[tied] = _tie_break(keys[tied], rng)
    index = order * n + np.arange(n)[None, :]  # alternative * n + rank
    first = order[:, 0]
    wins = _pairwise_wins(order) if pairwise else np.zeros((n, n), dtype=np.int64)
    rank_counts = np.bincount(index.ravel(), minlength=n * n).reshape(n, n).astype(np.int64)
    # sums of the first-ranked alternatives' weights and of their squares (for the standard
    # errors), in units of 2**-32: each term is an integer below 2**32 and a block sums at
    # most 2**11 of them, so the float64 sums of bincount are exact integers
    weights = np.asarray(weights)
    cells = (first[:, None] * m + np.arange(m)[None, :]).ravel()
    sums = [
        np.bincount(cells, weights=np.rint(values * _QUANTUM).ravel(), minlength=n * m)
        .reshape(n, m)
        .astype(np.int64)
        for values in (weights, weights * weights)
    ]
    return _Counts(size, rank_counts, wins, sums[0], sums[1])


def _confidence_block(
    model: _Model, central: np.ndarray, holders: np.ndarray, matrices: np.ndarray, rng: Any
) -> np.ndarray:
    """Count samples in which each holder ranks first under its own central weights."""
    size = matrices.shape[0]
    k = holders.size
    if model.method == "topsis":
        factor = central * central if model.distance == "euclidean" else central
        plus, minus = _distance_gaps(
            normalize(matrices, model.normalization), model.types, model.distance
        )
        d_plus = plus @ factor.T  # (s, n, k)
        d_minus = minus @ factor.T
        utilities = _closeness(d_plus, d_minus, model.distance)
    else:
        utilities = np.empty((size, model.n, k))
        for j in range(k):
            utilities[:, :, j] = _loop_utilities(
                model, np.broadcast_to(central[j], (size, model.m)), matrices
            )
    keys = np.round(utilities, _TIE_DECIMALS)
    best = keys.max(axis=1)  # (s, k)
    own = keys[:, holders, np.arange(k)]  # (s, k)
    n_best = (keys == best[:, None, :]).sum(axis=1)
    draw = rng.random((size, k))
    won = (own >= best) & (draw * n_best < 1.0)
    return won.sum(axis=0).astype(np.int64)


def _block_rng(entropy: int, stream: int, block: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(stream, block)))


def _block_size(block: int, n_samples: int) -> int:
    return min(BLOCK_SIZE, n_samples - block * BLOCK_SIZE)


def _run_chunk(
    model: _Model,
    entropy: int,
    stream: int,
    blocks: tuple[int, int],
    n_samples: int,
    central: np.ndarray | None = None,
    holders: np.ndarray | None = None,
) -> _Counts:
    """Evaluate blocks ``blocks[0] .. blocks[1] - 1`` (module level: picklable for executors).

    ``stream`` 0 is the main SMAA pass; stream 1 computes confidence factors
    (needs ``central`` weights of the ``holders``).
    """
    with limit_blas(model.blas_threads):
        return _run_blocks(model, entropy, stream, blocks, n_samples, central, holders)


def _run_blocks(
    model: _Model,
    entropy: int,
    stream: int,
    blocks: tuple[int, int],
    n_samples: int,
    central: np.ndarray | None,
    holders: np.ndarray | None,
) -> _Counts:
    n, m = model.n, model.m
    total = _Counts(
        0,
        np.zeros((n, n), dtype=np.int64),
        np.zeros((n, n), dtype=np.int64),
        np.zeros((n, m), dtype=np.int64),
        np.zeros((n, m), dtype=np.int64),
        start=blocks[0] * BLOCK_SIZE,
    )
    kept: list[np.ndarray] = []
    for block in range(*blocks):
        size = _block_size(block, n_samples)
        rng = _block_rng(entropy, stream, block)
        if stream == 0:
            weights = model.sample_weights(rng, size)
            matrices = model.data.draw(rng, block, size) if model.data is not None else None
            utilities, scores = model.evaluate(weights, matrices)
            total += _accumulate(utilities, weights, rng, m, model.pairwise)
            if scores is not None:
                kept.append(scores)
        else:
            assert model.data is not None and central is not None and holders is not None
            matrices = model.data.draw(rng, block, size)
            counts = _confidence_block(model, central, holders, matrices, rng)
            total.samples += size
            total.confidence = counts if total.confidence is None else total.confidence + counts
    if kept:
        total.scores = np.concatenate(kept, axis=0)
    return total


def _exact_confidence(model: _Model, central: np.ndarray, holders: np.ndarray) -> np.ndarray:
    """Confidence factors with exact data: 1 if the holder wins at its central weights, else 0.

    A holder tied for first place with ``g - 1`` others gets ``1 / g`` (the
    probability that the random tie-break puts it first).
    """
    if holders.size == 0:
        return np.zeros(0)
    keys = np.round(model.utilities(central, None).T, _TIE_DECIMALS)  # (n, k)
    best = keys.max(axis=0)
    own = keys[holders, np.arange(holders.size)]
    n_best = (keys == best[None, :]).sum(axis=0)
    return np.where(own >= best, 1.0 / n_best, 0.0)


# -- standard errors (Tervonen and Lahdelma 2007, section 5) ----------------------------
def rank_acceptability_errors(rank_counts: np.ndarray, n_samples: int) -> np.ndarray:
    """Binomial standard errors ``sqrt(b (1 - b) / N)`` of the rank acceptabilities ``b``."""
    b = rank_counts / n_samples
    return np.sqrt(b * (1 - b) / n_samples)


def central_weight_errors(
    first: np.ndarray, central: np.ndarray, central_squares: np.ndarray
) -> np.ndarray:
    """Standard errors ``s / sqrt(k)`` of the central weights, ``(n, m)``.

    ``k`` is each alternative's count of first ranks and ``s`` the sample
    standard deviation of its weights over those samples (from the sums of
    the weights and of their squares, both in units of ``2**-32``); NaN where
    ``k < 2``.
    """
    k = first.astype(float)[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = central / _QUANTUM / k
        variance = (central_squares / _QUANTUM - k * mean * mean) / (k - 1)
        errors = np.sqrt(np.maximum(variance, 0.0) / k)
    return np.where(k >= 2, errors, np.nan)


def max_standard_error(counts: _Counts, min_share: float) -> float:
    """The largest standard error of the rank acceptabilities and central weights.

    Central weights count for the alternatives ranked first in at least
    ``min_share`` of the samples (and at least twice): those ranked first less
    often have a first-rank acceptability within ``min_share`` of 0, and the
    mean of their few winning weight vectors is not what a decision rests on.
    """
    first = counts.rank_counts[:, 0]
    worst = float(rank_acceptability_errors(counts.rank_counts, counts.samples).max())
    controlled = (first >= 2) & (first >= min_share * counts.samples)
    if controlled.any():
        errors = central_weight_errors(
            first[controlled], counts.central[controlled], counts.central_squares[controlled]
        )
        worst = max(worst, float(errors.max()))
    return worst
