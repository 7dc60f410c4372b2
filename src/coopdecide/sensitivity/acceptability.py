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
chunking or executor, since each block is computed alone). The same holds for
``n_jobs`` (worker processes) and ``n_samples="auto"``, whose rounds are whole
blocks decided from the counts alone.

The kernels live in :mod:`coopdecide.sensitivity._smaa_kernels`, the running of
chunks, worker processes and the stopping rule in
:mod:`coopdecide.sensitivity._smaa_driver`; BLAS threads are limited by
:mod:`coopdecide._threads`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from concurrent.futures import Executor
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass, to_jsonable
from coopdecide._threads import resolve_blas_threads
from coopdecide._validation import (
    check_option,
    check_positive_int,
    check_real,
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
from coopdecide.ranking.kernels import DISTANCES, NORMALIZATIONS, normalize
from coopdecide.ranking.methods import ALL_METHODS
from coopdecide.sensitivity._smaa_driver import (
    Stopping,
    check_executor,
    entropy_of,
    estimated_work,
    process_pool,
    progress_bar,
    run_confidence_pass,
    run_main_pass,
    worker_count,
)
from coopdecide.sensitivity._smaa_kernels import (
    _QUANTUM,
    BLOCK_SIZE,
    _distance_gaps,
    _exact_confidence,
    _Model,
    central_weight_errors,
    max_standard_error,
)
from coopdecide.sensitivity.fuzzy_judgments import TriangularJudgments
from coopdecide.sensitivity.measurements import (
    as_measurements,
    check_sample_count,
    is_measurements,
)
from coopdecide.sensitivity.sampling import (
    DataIntervals,
    DataUncertainty,
    JudgmentUncertainty,
    resolve_weights_spec,
)

__all__ = ["BLOCK_SIZE", "META_WEIGHTS", "SMAAResult", "meta_weights", "smaa"]

META_WEIGHTS = ("centroid", "linear", "inverse")


def smaa(
    problem: DecisionProblem,
    n_samples: int | str | None = None,
    *,
    weights: Any = "auto",
    judgments: JudgmentUncertainty | TriangularJudgments | None = None,
    data: Any = None,
    method: str = "topsis",
    normalization: str = "vector",
    distance: str = "euclidean",
    method_options: Mapping[str, Any] | None = None,
    tolerance: float | None = None,
    max_samples: int = 1_000_000,
    chunk_size: int = 10_000,
    pairwise: bool = False,
    keep_scores: bool = False,
    n_jobs: int | None = None,
    executor: Executor | None = None,
    blas_threads: int | str | None = None,
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
    n_samples : int or "auto", optional
        Monte Carlo samples; default 10,000, or the number of given samples
        when ``data`` holds measurements (then any other number is an
        error). The standard error of an acceptability index ``b`` is
        ``sqrt(b (1 - b) / n_samples)``, at most 0.005 for 10,000
        (Tervonen and Lahdelma 2007). ``"auto"``: sample round after round
        until the largest standard error of the rank acceptabilities and of
        the central weights is at most ``tolerance`` (see Notes); the samples
        used are ``result.n_samples``.
    tolerance : float, optional
        With ``n_samples="auto"``: the largest standard error accepted,
        default 0.005. Not allowed with a number of samples.
    max_samples : int, default 1_000_000
        With ``n_samples="auto"``: stop here even if the tolerance is not
        reached (with a MethodWarning); ``result.max_standard_error`` says
        what was reached.
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
    n_jobs : int, optional
        Worker processes. None (default): one per idle core (the cores less
        the load average) when the run is large enough to gain from them
        (samples x alternatives, x criteria with uncertain data, at least
        50,000,000, about 2 s of work for one core; see docs/performance.md)
        and at least two cores are idle, else this process only. Worker processes
        import the main module again, so from a script they are used by
        default only when its work is under ``if __name__ == "__main__":``
        (in notebooks and interactive sessions always). -1: one per core; 1:
        this process only. Results do not depend on it.
    executor : concurrent.futures.Executor, optional
        Runs the tasks instead, e.g. ``ProcessPoolExecutor(max_workers=4)`` or
        ``dask.distributed.Client(...).get_executor()`` (then leave ``n_jobs``
        None). Results do not depend on it.
    blas_threads : int or "inherit", optional
        BLAS threads while the kernels run, in this process and in each
        worker. Default: the environment variable ``COOPDECIDE_BLAS_THREADS``
        if set, else 1 (the kernel's matrix products are small: a
        multi-threaded BLAS makes them slower, see docs/performance.md).
        ``"inherit"`` leaves the BLAS as it is.
    pairwise : bool, default False
        Also compute the pairwise winning indices ``P(i ranked above k)``.
        They need every pair of alternatives compared in every sample
        (``n (n - 1) / 2`` per sample instead of ``n log n`` for the sort
        that gives the ranks), which makes a run about 1.1 to 1.5 times
        slower, hence off by default. Without them ``pairwise_winning`` is None; every other
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
        ``n_samples`` or ``chunk_size`` below 1, ``tolerance`` with a number
        of samples or outside (0, 0.5), ``n_jobs`` together with ``executor``
        or not -1 or positive, a negative spread or
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
    ExecutorError
        A worker process died while running a chunk (the message names the
        chunk and its samples); the same ``random_state`` gives the same
        result when run again.

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
    n_samples = 10_000 if n_samples is None else n_samples
    stopping = _check_samples(n_samples, tolerance, max_samples)
    # without a stopping rule ("auto"), n_samples is the checked sample count
    sample_count = 0 if stopping is not None else cast(int, n_samples)
    chunk_size = check_positive_int("chunk_size", chunk_size)
    check_option("method", method, ALL_METHODS)
    check_option("normalization", normalization, NORMALIZATIONS)
    check_option("distance", distance, DISTANCES)
    check_executor(executor)
    for name, flag in (("pairwise", pairwise), ("keep_scores", keep_scores)):
        if not isinstance(flag, (bool, np.bool_)):
            raise InvalidTypeError(f"{name} must be True or False; got {describe(flag)}")
    model, sources, run_options = _build_model(
        problem,
        weights=weights,
        judgments=judgments,
        data=data,
        given=given,
        method=method,
        normalization=normalization,
        distance=distance,
        method_options=method_options,
        pairwise=bool(pairwise),
        keep_scores=bool(keep_scores),
        blas_threads=resolve_blas_threads(blas_threads),
    )
    planned = stopping.planned if stopping is not None else sample_count
    workers = worker_count(n_jobs, executor, estimated_work(model, planned))
    entropy = entropy_of(random_state)
    per_chunk = max(1, math.ceil(chunk_size / BLOCK_SIZE))
    caught: list[warnings.WarningMessage] = []
    with (
        warnings.catch_warnings(record=True) if method != "topsis" else nullcontext() as record,
        process_pool(workers) as pool,
    ):
        if record is not None:
            caught = record
            warnings.simplefilter("always", MethodWarning)
        run = _Run(model, entropy, per_chunk, executor or pool)
        counts, kept, central, holders, confidence = run.all(
            stopping or sample_count, progress, passes=2 if model.data is not None else 1
        )
    messages = sorted({str(w.message) for w in caught if issubclass(w.category, MethodWarning)})
    for message in messages[:3]:
        warnings.warn(f"during SMAA sampling: {message}", MethodWarning, stacklevel=2)
    reached = max_standard_error(counts, stopping.tolerance if stopping else DEFAULT_TOLERANCE)
    if stopping is not None and reached > stopping.tolerance:
        warnings.warn(
            f"smaa(n_samples='auto') stopped at max_samples={stopping.max_samples:,} with a "
            f"largest standard error of {reached:.4f}, above the tolerance "
            f"{stopping.tolerance:g}; raise max_samples or tolerance",
            MethodWarning,
            stacklevel=2,
        )
    run_facts = {
        "options": run_options,
        "sources": sources,
        "seed": entropy,
        "tolerance": stopping.tolerance if stopping else None,
        "max_standard_error": reached,
    }
    return _result(problem, model, counts, kept, (central, holders, confidence), run_facts)


def _result(
    problem: DecisionProblem,
    model: _Model,
    counts: Any,
    kept: np.ndarray | None,
    winners: tuple[np.ndarray, np.ndarray, np.ndarray],
    facts: dict[str, Any],
) -> SMAAResult:
    """The result of a run; ``winners`` are the central weights, their holders, confidence."""
    central, holders, confidence = winners
    n, m = problem.shape
    full_confidence = np.full(n, np.nan)
    full_confidence[holders] = confidence
    full_central = np.full((n, m), np.nan)
    full_central[holders] = central
    return SMAAResult(
        _alternatives=problem.alternatives,
        _criteria=problem.criteria,
        n_samples=int(counts.samples),
        _rank_counts=counts.rank_counts,
        _wins=counts.wins if model.pairwise else None,
        _central=full_central,
        _confidence=full_confidence,
        method=model.method,
        higher_is_better=bool(model.higher_is_better),
        _scores=kept,
        _central_errors=central_weight_errors(
            counts.rank_counts[:, 0], counts.central, counts.central_squares
        ),
        options=dict(facts["options"]),
        sources=dict(facts["sources"]),
        seed=int(facts["seed"]),
        tolerance=None if facts["tolerance"] is None else float(facts["tolerance"]),
        max_standard_error=float(facts["max_standard_error"]),
    )


#: The default ``tolerance`` of ``smaa(n_samples="auto")``.
DEFAULT_TOLERANCE = 0.005


def _check_samples(n_samples: Any, tolerance: Any, max_samples: Any) -> Stopping | None:
    """Validate the sample count (or "auto" with its tolerance); the stopping rule or None."""
    max_samples = check_positive_int("max_samples", max_samples)
    if isinstance(n_samples, str):
        check_option("n_samples", n_samples, ("auto",))
        value = DEFAULT_TOLERANCE if tolerance is None else tolerance
        value = check_real("tolerance", value, minimum=0.0, maximum=0.5, strict_minimum=True)
        return Stopping(value, max_samples)
    check_positive_int("n_samples", n_samples)
    if tolerance is not None:
        raise InvalidArgumentError(
            "tolerance is for n_samples='auto' (sample until the standard errors are below it); "
            f"got tolerance={describe(tolerance)} with n_samples={describe(n_samples)}"
        )
    return None


def _build_model(
    problem: DecisionProblem,
    *,
    weights: Any,
    judgments: Any,
    data: Any,
    given: Any,
    method: str,
    normalization: str,
    distance: str,
    method_options: Mapping[str, Any] | None,
    pairwise: bool,
    keep_scores: bool,
    blas_threads: int | None,
) -> tuple[_Model, dict[str, str], dict[str, Any]]:
    """Validate the sources of uncertainty and the method; the model, sources and options."""
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
    higher_is_better, run_options = _check_method(
        problem, method, normalization, distance, options, data_sampler
    )
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
        pairwise=pairwise,
        keep_scores=keep_scores,
        higher_is_better=higher_is_better,
        blas_threads=blas_threads,
        gaps=gaps,
    )
    return model, sources, run_options


def _check_method(
    problem: DecisionProblem,
    method: str,
    normalization: str,
    distance: str,
    options: dict[str, Any],
    data_sampler: Any,
) -> tuple[bool, dict[str, Any]]:
    """Whether higher scores are better, and the options to report; raises if unusable."""
    if method == "topsis":
        from coopdecide.ranking.topsis import _check_normalizable

        _check_normalizable(problem, normalization)
        if normalization == "sum" and data_sampler is not None and data_sampler.may_be_negative():
            raise InvalidProblemError(
                "normalization='sum' needs non-negative values, but the data uncertainty can "
                "produce negative ones; use DataUncertainty(..., clip_negative=True), "
                "non-negative intervals, or another normalization"
            )
        return True, {"normalization": normalization, "distance": distance}
    from coopdecide.ranking.methods import rank

    # validates the options (and that the method can rank this problem) once, up front
    probe = rank(problem, method, weights=np.full(problem.shape[1], 1.0), **options)
    return bool(probe.higher_is_better), options


@dataclass(frozen=True)
class _Run:
    """One SMAA run's passes: the main pass, central weights, confidence factors."""

    model: _Model
    entropy: int
    per_chunk: int
    executor: Executor | None

    def all(self, n_samples: int | Stopping, progress: bool, passes: int) -> tuple[Any, ...]:
        """Counts, kept scores, central weights, their holders and confidence factors."""
        total = None if isinstance(n_samples, Stopping) else passes * n_samples
        bar = progress_bar(progress, total)
        try:
            counts, kept = run_main_pass(
                self.model, self.entropy, n_samples, self.per_chunk, self.executor, bar
            )
            first = counts.rank_counts[:, 0]
            holders = np.flatnonzero(first > 0)
            central = counts.central[holders] / _QUANTUM / first[holders, None]
            central /= central.sum(axis=1, keepdims=True)
            if self.model.data is None:
                confidence = _exact_confidence(self.model, central, holders)
            else:
                if bar is not None and total is None:
                    bar.total = 2 * counts.samples
                won = run_confidence_pass(
                    self.model,
                    self.entropy,
                    counts.samples,
                    self.per_chunk,
                    self.executor,
                    bar,
                    central,
                    holders,
                )
                confidence = won / counts.samples
        finally:
            if bar is not None:
                bar.close()
        return counts, kept, central, holders, confidence


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


@result_dataclass
class SMAAResult(Result):
    """The result of :func:`smaa`: acceptability indices and related measures.

    Immutable: attributes cannot be set and every labelled output is a new
    object (the kept :attr:`score_samples` are a read-only view).

    Attributes
    ----------
    n_samples : int
        Number of Monte Carlo samples (with ``smaa(n_samples="auto")`` the
        number the stopping rule used).
    tolerance : float or None
        The tolerance of ``smaa(n_samples="auto")``; None for a fixed number
        of samples.
    max_standard_error : float
        The largest standard error of the rank acceptabilities
        (:attr:`rank_acceptability_error`) and of the central weights
        (:attr:`central_weights_error`) of the alternatives ranked first in at
        least ``tolerance`` (0.005 for a fixed number of samples) of the
        samples; with ``n_samples="auto"`` at most ``tolerance`` unless
        ``max_samples`` stopped the run.
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

    _alternatives: pd.Index
    _criteria: pd.Index
    n_samples: int
    method: str
    options: Mapping[str, Any]
    sources: Mapping[str, str]
    seed: int
    higher_is_better: bool
    _rank_counts: np.ndarray
    _wins: np.ndarray | None
    _central: np.ndarray
    _confidence: np.ndarray
    _scores: np.ndarray | None
    _central_errors: np.ndarray
    tolerance: float | None
    max_standard_error: float

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
        error = np.sqrt(b.to_numpy() * (1 - b.to_numpy()) / self.n_samples)
        return pd.DataFrame(error, index=b.index, columns=b.columns)

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
    def central_weights_error(self) -> pd.DataFrame:
        """Standard errors of the :attr:`central_weights`, ``s / sqrt(k)``.

        ``k`` is the number of samples in which the alternative ranked first
        and ``s`` the standard deviation of the weights over those samples
        (the standard error of a mean); NaN for an alternative ranked first
        only once. Same rows and columns as :attr:`central_weights`.
        """
        keep = self._rank_counts[:, 0] > 0
        frame = pd.DataFrame(
            self._central_errors[keep], index=self._alternatives[keep], columns=self.criteria
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
            "tolerance": self.tolerance,
            "max_standard_error": self.max_standard_error,
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
        facts["largest standard error"] = f"{self.max_standard_error:.4f}"
        facts.update({f"uncertain {k}": v for k, v in self.sources.items()})
        first = self.first_rank_acceptability
        facts["most often first"] = f"{first.idxmax()} ({first.max():.3f})"
        return facts

    def _repr_table(self) -> str:
        columns = ["expected_rank", "holistic_acceptability", "confidence", "rank_1"]
        return self.to_frame()[columns].to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "summary (sorted by expected rank)": self.to_frame(),
            "central weights": self.central_weights,
        }
