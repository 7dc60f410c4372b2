"""SMAA-2: stochastic multicriteria acceptability analysis (Lahdelma and Salminen 2001).

:func:`smaa` samples the uncertain inputs of a decision (criteria weights, AHP
judgments, performance values), ranks the alternatives for every sample with
the batched TOPSIS kernel, and reports how often each alternative takes each
rank, the typical weights that make it win, how reliable that is, and how
often each alternative beats each other one.

Reproducibility and scale
-------------------------
Samples are drawn in blocks of :data:`BLOCK_SIZE` (1,000); block ``b`` draws
from its own generator seeded by ``SeedSequence(entropy, spawn_key=(pass, b))``
and is evaluated on its own, and every accumulator is an integer (rank
counts, pairwise wins, central weights summed in units of ``2**-32``). So a
given ``random_state`` gives bit-identical results whatever ``chunk_size``
(which only groups blocks into tasks) and whatever ``executor`` runs the
tasks. Memory is bounded by one block per task whatever ``n_samples`` is,
unless ``keep_scores=True`` asks for every sample's scores (``n_samples x
n_alternatives`` floats, kept in sample order: the same bits whatever the
chunking or executor, since each block is computed alone).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, PlotAccessor, html_section, to_jsonable
from coopdecide._validation import (
    as_generator,
    check_option,
    check_positive_int,
    describe,
    format_labels,
)
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    MethodWarning,
)
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.kernels import DISTANCES, NORMALIZATIONS, ideal_points, normalize
from coopdecide.ranking.methods import ALL_METHODS
from coopdecide.sensitivity.fuzzy_judgments import TriangularJudgments, _TriangularSampler
from coopdecide.sensitivity.measurements import (
    _Measurements,
    as_measurements,
    check_sample_count,
    is_measurements,
)
from coopdecide.sensitivity.sampling import (
    DataIntervals,
    DataUncertainty,
    JudgmentUncertainty,
    _DataSampler,
    _JudgmentSampler,
    resolve_weights_spec,
    sample_dirichlet,
    sample_simplex,
)

__all__ = ["BLOCK_SIZE", "META_WEIGHTS", "SMAAResult", "meta_weights", "smaa"]

#: Samples per independently seeded block (fixed: results do not depend on chunking).
#: At most 2040 (the pairwise counts use byte lanes of 64-bit words).
BLOCK_SIZE = 1000
#: Central weights are accumulated as integers in units of ``1 / _QUANTUM``.
_QUANTUM = float(2**32)
#: Scores equal to this many decimals are ties (as in ``ranks_from_scores``).
_TIE_DECIMALS = 12
#: Chunks in flight at once on an executor (bounds the memory of pending results).
_IN_FLIGHT = 16

META_WEIGHTS = ("centroid", "linear", "inverse")


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
    confidence: np.ndarray | None = None  # (k,) wins with central weights
    # kept per-sample scores of a chunk (keep_scores): rows start .. start + len - 1
    start: int = 0
    scores: np.ndarray | None = None

    def __iadd__(self, other: _Counts) -> _Counts:
        self.samples += other.samples
        self.rank_counts += other.rank_counts
        self.wins += other.wins
        self.central += other.central
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
    ``pairwise`` every pair of ranks is also compared (``O(n^2)``, on small
    integers) for the pairwise winning indices.
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
    if pairwise:
        # rank of each alternative in each sample, as small integers: (n, s)
        small = np.uint8 if n <= 256 else np.uint16
        padded = -(-size // 8) * 8  # a multiple of 8 samples, for the word trick below
        position = np.zeros((n, padded), dtype=small)  # padding: all tied, never "ahead"
        np.put_along_axis(position[:, :size].T, order, np.arange(n, dtype=small)[None, :], axis=1)
        ahead = position[:, None, :] < position[None, :, :]  # (n, n, s): a ranked above b
        wins = _count_true_last_axis(ahead)
    else:
        wins = np.zeros((n, n), dtype=np.int64)
    rank_counts = np.bincount(index.ravel(), minlength=n * n).reshape(n, n).astype(np.int64)
    # sums of the first-ranked alternatives' weights, in units of 2**-32: each term is an
    # integer below 2**32 and a block sums at most 2**11 of them, so the float64 sums of
    # bincount are exact integers
    quantized = np.rint(np.asarray(weights) * _QUANTUM)
    cells = (first[:, None] * m + np.arange(m)[None, :]).ravel()
    central = np.bincount(cells, weights=quantized.ravel(), minlength=n * m)
    return _Counts(size, rank_counts, wins, central.reshape(n, m).astype(np.int64))


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
    n, m = model.n, model.m
    total = _Counts(
        0,
        np.zeros((n, n), dtype=np.int64),
        np.zeros((n, n), dtype=np.int64),
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


# -- driver ---------------------------------------------------------------------
def _entropy(random_state: Any) -> int:
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(0, 2**63))
    if random_state is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        return entropy
    as_generator(random_state)  # the same checks and messages as everywhere else
    return int(random_state)


def _progress_bar(progress: bool, total: int) -> Any:
    if not isinstance(progress, (bool, np.bool_)):
        raise InvalidTypeError(f"progress must be True or False; got {describe(progress)}")
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise ImportError(
            "progress=True needs the tqdm package; install it (pip install tqdm) or pass "
            "progress=False"
        ) from None
    return tqdm(total=total, desc="SMAA", unit="sample")


def _run_all(
    executor: Executor | None,
    chunks: list[tuple[int, int]],
    call: Callable[[tuple[int, int]], tuple[Any, ...]],
    bar: Any,
    keep: np.ndarray | None = None,
) -> _Counts | None:
    """Run every chunk and add up the counts; kept scores are written into ``keep``."""
    total: _Counts | None = None

    def add(counts: _Counts) -> None:
        nonlocal total
        if counts.scores is not None:
            assert keep is not None
            keep[counts.start : counts.start + counts.scores.shape[0]] = counts.scores
            counts.scores = None
        if total is None:
            total = counts
        else:
            total += counts
        if bar is not None:
            bar.update(counts.samples)

    if executor is None:
        for chunk in chunks:
            add(_run_chunk(*call(chunk)))
        return total
    pending: set[Future[_Counts]] = set()
    queue = list(chunks)
    try:
        while queue or pending:
            while queue and len(pending) < _IN_FLIGHT:
                pending.add(executor.submit(_run_chunk, *call(queue.pop(0))))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                add(future.result())
    finally:  # an error in one task (or KeyboardInterrupt): do not leave the rest running
        for future in pending:
            future.cancel()
    return total


def _check_executor(executor: Any) -> None:
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise InvalidTypeError(
            "executor must be a concurrent.futures.Executor (anything with submit(), such as "
            f"a dask.distributed client's get_executor()); got {type(executor).__name__}"
        )


def smaa(
    problem: DecisionProblem,
    n_samples: int | None = None,
    *,
    weights: Any = "auto",
    judgments: JudgmentUncertainty | TriangularJudgments | None = None,
    data: Any = None,
    method: str = "topsis",
    normalization: str = "vector",
    distance: str = "euclidean",
    method_options: Mapping[str, Any] | None = None,
    chunk_size: int = 10_000,
    pairwise: bool = False,
    keep_scores: bool = False,
    executor: Executor | None = None,
    progress: bool = False,
    random_state: int | np.random.Generator | None = None,
) -> SMAAResult:
    """Stochastic multicriteria acceptability analysis (SMAA-2).

    Samples the uncertain inputs, ranks the alternatives for each sample and
    reports rank acceptability indices, central weight vectors, confidence
    factors, holistic acceptability and, on request, pairwise winning
    indices (Lahdelma and Salminen 2001).

    Parameters
    ----------
    problem : DecisionProblem
        The decision problem.
    n_samples : int, optional
        Monte Carlo samples; default 10,000, or the number of given samples
        when ``data`` holds measurements (then any other number is an
        error). The standard error of an acceptability index ``b`` is
        ``sqrt(b (1 - b) / n_samples)``, at most 0.005 for 10,000
        (Tervonen and Lahdelma 2007).
    weights : str, UniformWeights, DirichletWeights, mapping or array-like
        The weight uncertainty. ``"auto"`` (default): uniform on the simplex
        if the problem has no weights, else fixed at the problem's weights.
        ``"uniform"`` or ``UniformWeights()``: uniform on the simplex (no
        preference information), sampled without the bias of "uniform then
        normalise". ``DirichletWeights(concentration, center=None)``:
        Dirichlet with ``alpha = concentration * center`` (default centre: the
        problem's weights). ``"fixed"`` or explicit weights (a mapping or an
        array in criteria order): fixed. Must be ``"auto"`` when
        ``judgments`` is given (the judgments then give the weights).
    judgments : JudgmentUncertainty or TriangularJudgments, optional
        Perturb the AHP judgments of one expert or a group and recompute the
        priorities for each sample; these are the sample's weights.
        :class:`TriangularJudgments` draws fuzzy AHP judgments from their
        triangles (the SMAA route for fuzzy judgments).
    data : DataUncertainty, DataIntervals, array or iterable, optional
        Uncertain performance values, sampled cell by cell
        (:class:`DataUncertainty`: a distribution per cell around its value;
        :class:`DataIntervals`: within bounds), or given measurements, as R's
        smaa takes them: an array ``(n_samples, n_alternatives, n_criteria)``
        in the problem's order, or an iterable (list, generator) of matrices
        ``(n, m)`` and blocks ``(k, n, m)``, read once and stacked (see
        :mod:`coopdecide.sensitivity.measurements`). Given samples are used
        in order, ``BLOCK_SIZE`` at a time, so results do not depend on
        ``chunk_size`` or ``executor``; the confidence factors use them again.
    method : str, default "topsis"
        The ranking method. TOPSIS, VIKOR (without ``normalization``) and
        MOORA are evaluated for a whole block of samples at once by their
        batched kernels; any other method of :func:`coopdecide.rank` is
        called once per sample in a Python loop, which is about two orders of
        magnitude slower.
    normalization : {"vector", "minmax", "max", "sum"}, default "vector"
        TOPSIS normalization (Hwang and Yoon 1981 use "vector").
    distance : {"euclidean", "manhattan"}, default "euclidean"
        TOPSIS distance.
    method_options : mapping, optional
        Options of a method other than TOPSIS, as for :func:`coopdecide.rank`.
    chunk_size : int, default 10_000
        Samples per task, rounded up to whole blocks of 1,000. Only groups the
        work: results do not depend on it.
    executor : concurrent.futures.Executor, optional
        Runs the tasks, e.g. ``ProcessPoolExecutor(max_workers=4)`` or
        ``dask.distributed.Client(...).get_executor()``. Default: in this
        process. Results do not depend on it.
    pairwise : bool, default False
        Also compute the pairwise winning indices ``P(i ranked above k)``.
        They need every pair of alternatives compared in every sample
        (``n^2`` per sample instead of ``n log n`` for the sort that gives the
        ranks), which makes a run about 1.5 to 3 times slower, hence off by
        default. Without them ``pairwise_winning`` is None; every other
        result is the same, sample for sample.
    keep_scores : bool, default False
        Keep every sample's scores (for TOPSIS the closeness coefficients,
        otherwise the method's scores) as :attr:`SMAAResult.score_samples`,
        for analyses that need more than ranks, such as
        :func:`coopdecide.portfolio.portfolio_acceptability`. They take
        ``n_samples x n_alternatives`` float64 values (8 bytes each: 10,000
        samples of 31 alternatives are 2.5 MB; 1,000,000 of 193 are 1.5 GB),
        so they are off by default. Like every other result they do not
        depend on ``chunk_size`` or ``executor``; the other results do not
        depend on ``keep_scores``.
    progress : bool, default False
        Show a progress bar (needs tqdm; raises ImportError if it is missing).
    random_state : None, int or numpy.random.Generator
        Seed. The seed actually used is ``result.seed``.

    Returns
    -------
    SMAAResult

    Raises
    ------
    InvalidArgumentError
        ``n_samples`` or ``chunk_size`` below 1, a negative spread or
        concentration, an unknown criterion in a spread mapping, ``weights``
        other than "auto" together with ``judgments``, or no source of
        uncertainty at all (fixed weights, no judgments, no data).
    InvalidWeightsError
        Weights that do not match the criteria.
    UnknownMethodError
        An unknown method, normalization, distance or weight keyword.
    InvalidProblemError
        Data the normalization cannot handle (see :func:`coopdecide.topsis`);
        ``normalization="sum"`` with data that may become negative.

    Notes
    -----
    For each sample ``k`` with weights ``w_k`` and ranking ``rank_k``, SMAA-2
    estimates the rank acceptability ``b_i^r = P(rank(i) = r)``, the central
    weight vector ``w_i^c = E[w | rank(i) = 1]``, the confidence factor
    ``p_i^c = P(rank(i) = 1 | w = w_i^c)`` (over the data uncertainty; with
    exact data it is 0 or 1), and the pairwise winning index
    ``c_ik = P(i ranked above k)`` (Leskinen et al. 2006). Ties (equal scores
    to 12 decimals) are broken at random. With uncertain data the confidence
    factors need a second pass of ``n_samples`` data samples, each evaluated
    with every central weight vector (for TOPSIS in the same batched kernel;
    for other methods that is ``n_samples`` times the number of central
    weight vectors calls of :func:`coopdecide.rank`).

    References
    ----------
    Lahdelma, R. and Salminen, P. (2001). SMAA-2: Stochastic multicriteria
    acceptability analysis for group decision making. Operations Research
    49(3):444-454.

    Tervonen, T. and Lahdelma, R. (2007). Implementing stochastic
    multicriteria acceptability analysis. European Journal of Operational
    Research 178(2):500-513.

    Leskinen, P., Viitanen, J., Kangas, A. and Kangas, J. (2006).
    Alternatives to incorporate uncertainty and risk attitude in
    multicriteria evaluation of forest plans. Forest Science 52(3):304-312.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[9.0, 9.0], [5.0, 8.0], [8.0, 3.0]], objectives="max",
    ...     alternatives=["dominant", "b", "c"],
    ... )
    >>> result = smaa(problem, 2_000, random_state=1)
    >>> float(result.rank_acceptability.loc["dominant", 1])
    1.0
    >>> result.never_first.tolist()
    ['b', 'c']
    """
    if not isinstance(problem, DecisionProblem):
        raise InvalidTypeError(f"problem must be a DecisionProblem; got {type(problem).__name__}")
    given = as_measurements(data, problem) if is_measurements(data) else None
    if given is not None:
        n_samples = check_sample_count(n_samples, given)
    else:
        n_samples = check_positive_int("n_samples", 10_000 if n_samples is None else n_samples)
    chunk_size = check_positive_int("chunk_size", chunk_size)
    check_option("method", method, ALL_METHODS)
    check_option("normalization", normalization, NORMALIZATIONS)
    check_option("distance", distance, DISTANCES)
    _check_executor(executor)
    if not isinstance(pairwise, (bool, np.bool_)):
        raise InvalidTypeError(f"pairwise must be True or False; got {describe(pairwise)}")
    if not isinstance(keep_scores, (bool, np.bool_)):
        raise InvalidTypeError(f"keep_scores must be True or False; got {describe(keep_scores)}")
    options = dict(method_options or {})
    if method == "topsis" and options:
        raise InvalidArgumentError(
            "method_options are for methods other than TOPSIS; pass normalization= and "
            f"distance= instead; got {format_labels(sorted(options))}"
        )
    if judgments is not None and not isinstance(
        judgments, (JudgmentUncertainty, TriangularJudgments)
    ):
        raise InvalidTypeError(
            "judgments must be a JudgmentUncertainty, e.g. JudgmentUncertainty(comparison, "
            f"steps=1), or TriangularJudgments(fuzzy_comparison); got {type(judgments).__name__}"
        )
    if (
        data is not None
        and given is None
        and not isinstance(data, (DataUncertainty, DataIntervals))
    ):
        raise InvalidTypeError(
            "data must be a DataUncertainty, DataIntervals or given samples (an array "
            "n_samples x alternatives x criteria, or an iterable of them); got "
            + type(data).__name__
        )

    sources: dict[str, str] = {}
    judgment_sampler = None
    if judgments is not None:
        if not (isinstance(weights, str) and weights == "auto"):
            raise InvalidArgumentError(
                "weights and judgments cannot both be given: the judgments determine the "
                f"weights; leave weights='auto' (got {describe(weights)})"
            )
        judgment_sampler = judgments.resolve(problem.criteria)
        weight_kind, weight_array = "judgments", None
        sources["judgments"] = judgments.describe()
    else:
        weight_kind, weight_array, description = resolve_weights_spec(weights, problem)
        sources["weights"] = description
    data_sampler = (
        given if given is not None else data.resolve(problem) if data is not None else None
    )
    if data is not None:
        sources["data"] = (given if given is not None else data).describe()
    if weight_kind == "fixed" and data is None:
        raise InvalidArgumentError(
            "smaa() needs a source of uncertainty: the weights are fixed and neither judgments "
            "nor data are uncertain; pass weights='uniform' or DirichletWeights(...), "
            "judgments=JudgmentUncertainty(...) or data=DataUncertainty(...)"
        )

    if method == "topsis":
        from coopdecide.ranking.topsis import _check_normalizable

        _check_normalizable(problem, normalization)
        if normalization == "sum" and data_sampler is not None and data_sampler.may_be_negative():
            raise InvalidProblemError(
                "normalization='sum' needs non-negative values, but the data uncertainty can "
                "produce negative ones; use DataUncertainty(..., clip_negative=True), "
                "non-negative intervals, or another normalization"
            )
        run_options: dict[str, Any] = {"normalization": normalization, "distance": distance}
        higher_is_better = True
    else:
        from coopdecide.ranking.methods import rank

        # validates the options (and that the method can rank this problem) once, up front
        probe = rank(problem, method, weights=np.full(problem.shape[1], 1.0), **options)
        higher_is_better = bool(probe.higher_is_better)
        run_options = options

    types = np.asarray(problem.types, dtype=float)
    gaps = None
    if method == "topsis" and data_sampler is None:
        plus, minus = _distance_gaps(normalize(problem.matrix, normalization), types, distance)
        gaps = np.ascontiguousarray(np.concatenate([plus.T, minus.T], axis=1))
    model = _Model(
        matrix=np.array(problem.matrix),
        types=types,
        alternatives=problem.alternatives,
        criteria=problem.criteria,
        method=method,
        normalization=normalization,
        distance=distance,
        options=options,
        weight_kind=weight_kind,
        weight_array=weight_array,
        judgments=judgment_sampler,
        data=data_sampler,
        pairwise=bool(pairwise),
        keep_scores=bool(keep_scores),
        higher_is_better=higher_is_better,
        gaps=gaps,
    )

    entropy = _entropy(random_state)
    n_blocks = math.ceil(n_samples / BLOCK_SIZE)
    per_chunk = max(1, math.ceil(chunk_size / BLOCK_SIZE))
    chunks = [(b, min(b + per_chunk, n_blocks)) for b in range(0, n_blocks, per_chunk)]
    passes = 2 if data_sampler is not None else 1
    bar = _progress_bar(progress, passes * n_samples)
    caught: list[warnings.WarningMessage] = []
    with warnings.catch_warnings(record=True) if method != "topsis" else nullcontext() as record:
        if record is not None:
            caught = record
            warnings.simplefilter("always", MethodWarning)
        try:
            kept = np.empty((n_samples, problem.shape[0])) if keep_scores else None
            counts = _run_all(
                executor, chunks, lambda c: (model, entropy, 0, c, n_samples), bar, kept
            )
            assert counts is not None
            first = counts.rank_counts[:, 0]
            holders = np.flatnonzero(first > 0)
            central = counts.central[holders] / _QUANTUM / first[holders, None]
            central /= central.sum(axis=1, keepdims=True)
            if data_sampler is None:
                confidence = _exact_confidence(model, central, holders)
            else:
                second = _run_all(
                    executor,
                    chunks,
                    lambda c: (model, entropy, 1, c, n_samples, central, holders),
                    bar,
                )
                assert second is not None and second.confidence is not None
                confidence = second.confidence / n_samples
        finally:
            if bar is not None:
                bar.close()
    messages = sorted({str(w.message) for w in caught if issubclass(w.category, MethodWarning)})
    for message in messages[:3]:
        warnings.warn(f"during SMAA sampling: {message}", MethodWarning, stacklevel=2)
    full_confidence = np.full(problem.shape[0], np.nan)
    full_confidence[holders] = confidence
    full_central = np.full((problem.shape[0], problem.shape[1]), np.nan)
    full_central[holders] = central
    return SMAAResult(
        alternatives=problem.alternatives,
        criteria=problem.criteria,
        n_samples=n_samples,
        rank_counts=counts.rank_counts,
        wins=counts.wins if pairwise else None,
        central=full_central,
        confidence=full_confidence,
        method=method,
        options=run_options,
        sources=sources,
        seed=entropy,
        higher_is_better=higher_is_better,
        scores=kept,
    )


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


# -- meta-weights and the result ----------------------------------------------------
def meta_weights(n: int, kind: str = "centroid") -> np.ndarray:
    """Meta-weights ``alpha^r`` for the holistic acceptability index.

    Non-negative, non-increasing, ``alpha^1 = 1`` (Lahdelma and Salminen 2001):

    - ``"centroid"``: ``alpha^r = sum_{i=r}^n 1/i / sum_{i=1}^n 1/i``, the
      centroid of the ordered simplex of meta-weights;
    - ``"linear"``: ``alpha^r = (n - r) / (n - 1)``;
    - ``"inverse"``: ``alpha^r = 1 / r``.

    Examples
    --------
    >>> meta_weights(4).round(3).tolist()
    [1.0, 0.52, 0.28, 0.12]
    >>> meta_weights(3, "linear").tolist()
    [1.0, 0.5, 0.0]
    """
    check_option("meta_weights", kind, META_WEIGHTS)
    ranks = np.arange(1, n + 1)
    if kind == "inverse":
        return 1.0 / ranks
    if kind == "linear":
        return np.ones(1) if n == 1 else (n - ranks) / (n - 1)
    tail = np.cumsum(1.0 / ranks[::-1])[::-1]
    return tail / tail[0]


_meta_weights = meta_weights


class SMAAResult(Immutable):
    """The result of :func:`smaa`: acceptability indices and related measures.

    Immutable: attributes cannot be set and every labelled output is a new
    object (the kept :attr:`score_samples` are a read-only view).

    Attributes
    ----------
    n_samples : int
        Number of Monte Carlo samples.
    method : str
        The ranking method.
    options : dict
        The method's options.
    sources : dict
        Which inputs were uncertain and how (a description per source).
    seed : int
        The entropy of the seed sequence; ``smaa(..., random_state=seed)``
        reproduces the result exactly.
    higher_is_better : bool
        Whether a higher score of the method is better (True for TOPSIS;
        False for VIKOR and SPOTIS); applies to :attr:`score_samples`.
    """

    def __init__(
        self,
        *,
        alternatives: pd.Index,
        criteria: pd.Index,
        n_samples: int,
        rank_counts: np.ndarray,
        wins: np.ndarray | None,
        central: np.ndarray,
        confidence: np.ndarray,
        method: str,
        options: dict[str, Any],
        sources: dict[str, str],
        seed: int,
        higher_is_better: bool = True,
        scores: np.ndarray | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "_alternatives", alternatives)
        set_(self, "_criteria", criteria)
        set_(self, "n_samples", int(n_samples))
        set_(self, "method", method)
        set_(self, "options", dict(options))
        set_(self, "sources", dict(sources))
        set_(self, "seed", int(seed))
        set_(self, "higher_is_better", bool(higher_is_better))
        for array in (rank_counts, central, confidence, wins, scores):
            if array is not None:
                array.flags.writeable = False
        set_(self, "_rank_counts", rank_counts)
        set_(self, "_wins", wins)
        set_(self, "_central", central)
        set_(self, "_confidence", confidence)
        set_(self, "_scores", scores)

    # -- labelled outputs ----------------------------------------------------------
    @property
    def alternatives(self) -> pd.Index:
        """The alternative labels."""
        return self._alternatives.copy()

    @property
    def criteria(self) -> pd.Index:
        """The criterion labels."""
        return self._criteria.copy()

    @property
    def rank_acceptability(self) -> pd.DataFrame:
        """``b_i^r``: share of samples in which alternative ``i`` has rank ``r`` (1 = best).

        Alternatives x ranks ``1 .. n``; rows and columns sum to 1.
        """
        n = len(self._alternatives)
        frame = pd.DataFrame(
            self._rank_counts / self.n_samples,
            index=self.alternatives,
            columns=pd.RangeIndex(1, n + 1, name="rank"),
        )
        frame.index.name = "alternative"
        return frame

    @property
    def rank_acceptability_error(self) -> pd.DataFrame:
        """Monte Carlo standard error of each rank acceptability, ``sqrt(b (1 - b) / N)``."""
        b = self.rank_acceptability
        return np.sqrt(b * (1 - b) / self.n_samples)

    @property
    def first_rank_acceptability(self) -> pd.Series:
        """``b_i^1``, the acceptability index of SMAA (share of samples ranked first)."""
        return self.rank_acceptability[1].rename("first_rank_acceptability")

    @property
    def expected_rank(self) -> pd.Series:
        """Mean rank of each alternative over the samples, ``sum_r r b_i^r``."""
        n = len(self._alternatives)
        values = self._rank_counts @ np.arange(1, n + 1) / self.n_samples
        return pd.Series(values, index=self.alternatives, name="expected_rank")

    @property
    def never_first(self) -> pd.Index:
        """Alternatives never ranked first: they have no central weights or confidence."""
        return self._alternatives[self._rank_counts[:, 0] == 0]

    @property
    def central_weights(self) -> pd.DataFrame:
        """Central weight vectors ``w_i^c = E[w | i ranked first]``.

        One row per alternative that was ranked first at least once (those in
        :attr:`never_first` have none and are absent); rows sum to 1.
        """
        keep = self._rank_counts[:, 0] > 0
        frame = pd.DataFrame(
            self._central[keep], index=self._alternatives[keep], columns=self.criteria
        )
        frame.index.name = "alternative"
        return frame

    @property
    def confidence(self) -> pd.Series:
        """Confidence factors ``p_i^c``: probability of ranking first with the central weights.

        Over the data uncertainty; with exact data each is 0 or 1. Only for
        alternatives that have central weights.
        """
        keep = self._rank_counts[:, 0] > 0
        return pd.Series(self._confidence[keep], index=self._alternatives[keep], name="confidence")

    @property
    def pairwise_winning(self) -> pd.DataFrame | None:
        """``c_ik = P(i ranked above k)`` (rows ``i``, columns ``k``; diagonal 0).

        None unless :func:`smaa` ran with ``pairwise=True``.
        """
        if self._wins is None:
            return None
        frame = pd.DataFrame(
            self._wins / self.n_samples, index=self.alternatives, columns=self.alternatives
        )
        frame.index.name = "alternative"
        return frame

    @property
    def score_samples(self) -> pd.DataFrame | None:
        """Every sample's scores: samples x alternatives, or None.

        Kept only when :func:`smaa` ran with ``keep_scores=True``. For TOPSIS
        the closeness coefficients of each sample (in [0, 1], higher is
        better); for other methods the method's scores (see
        :attr:`higher_is_better`). Row ``k`` is sample ``k`` of the run,
        whatever the chunk size or executor. The frame is a read-only view
        of ``n_samples x n_alternatives`` float64 values (no copy is made on
        access; assigning into it raises ValueError: take ``.copy()`` to
        change it).
        """
        if self._scores is None:
            return None
        frame = pd.DataFrame(
            self._scores,
            index=pd.RangeIndex(self.n_samples, name="sample"),
            columns=self.alternatives,
            copy=False,
        )
        frame.columns.name = "alternative"
        return frame

    def holistic_acceptability(self, meta_weights: Any = "centroid") -> pd.Series:
        """Holistic acceptability ``a_i^h = sum_r alpha^r b_i^r`` (Lahdelma and Salminen 2001).

        Parameters
        ----------
        meta_weights : {"centroid", "linear", "inverse"} or array-like
            The meta-weights ``alpha^r`` (see :func:`meta_weights`), or ``n``
            non-negative, non-increasing values.
        """
        n = len(self._alternatives)
        if isinstance(meta_weights, str):
            alpha = _meta_weights(n, meta_weights)
        else:
            alpha = np.asarray(meta_weights, dtype=float)
            if alpha.shape != (n,) or not np.isfinite(alpha).all() or (alpha < 0).any():
                raise InvalidArgumentError(
                    f"meta_weights must be {n} non-negative finite numbers (one per rank); got "
                    f"{describe(np.asarray(meta_weights).tolist())}"
                )
            if (np.diff(alpha) > 0).any():
                raise InvalidArgumentError(
                    f"meta_weights must be non-increasing; got {alpha.tolist()}"
                )
        values = self._rank_counts @ alpha / self.n_samples
        return pd.Series(values, index=self.alternatives, name="holistic_acceptability")

    plot = PlotAccessor("SMAAPlots")

    # -- renderings ------------------------------------------------------------------
    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """One row per alternative: expected rank, holistic acceptability, confidence, ``b^r``.

        ``confidence`` is a nullable column (``<NA>`` for alternatives never
        ranked first). Sorted by expected rank unless ``sort=False``.
        """
        frame = pd.DataFrame(
            {
                "expected_rank": self.expected_rank,
                "holistic_acceptability": self.holistic_acceptability(),
                "confidence": pd.array(
                    [None if np.isnan(v) else float(v) for v in self._confidence], dtype="Float64"
                ),
            },
            index=self.alternatives,
        )
        acceptability = self.rank_acceptability
        acceptability.columns = [f"rank_{r}" for r in acceptability.columns]
        frame = pd.concat([frame, acceptability], axis=1)
        frame.index.name = "alternative"
        if sort:
            frame = frame.sort_values("expected_rank", kind="stable")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (for tools that embed the library).

        The kept :attr:`score_samples` are left out (they can be large);
        ``score_samples_kept`` says whether the result has them.
        """
        keep = self._rank_counts[:, 0] > 0
        return {
            "method": self.method,
            "higher_is_better": self.higher_is_better,
            "options": to_jsonable(self.options),
            "sources": dict(self.sources),
            "n_samples": self.n_samples,
            "seed": str(self.seed),
            "alternatives": [str(a) for a in self._alternatives],
            "criteria": [str(c) for c in self._criteria],
            "rank_acceptability": to_jsonable(self._rank_counts / self.n_samples),
            "expected_rank": to_jsonable(self.expected_rank.to_numpy()),
            "pairwise_winning": (
                None if self._wins is None else to_jsonable(self._wins / self.n_samples)
            ),
            "central_weights": {
                str(a): to_jsonable(w)
                for a, w in zip(self._alternatives[keep], self._central[keep], strict=True)
            },
            "confidence": {
                str(a): float(c)
                for a, c in zip(self._alternatives[keep], self._confidence[keep], strict=True)
            },
            "never_first": [str(a) for a in self.never_first],
            "score_samples_kept": self._scores is not None,
        }

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"method": self.method, **self.options}
        facts["samples"] = self.n_samples
        facts.update({f"uncertain {k}": v for k, v in self.sources.items()})
        first = self.first_rank_acceptability
        facts["most often first"] = f"{first.idxmax()} ({first.max():.3f})"
        return facts

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={v}" for k, v in self._summary().items())
        columns = ["expected_rank", "holistic_acceptability", "confidence", "rank_1"]
        table = self.to_frame()[columns].to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")
        return f"SMAAResult({facts})\n{table}"

    def _repr_html_(self) -> str:
        return html_section(
            "SMAAResult",
            self._summary(),
            {
                "summary (sorted by expected rank)": self.to_frame(),
                "central weights": self.central_weights,
            },
        )
