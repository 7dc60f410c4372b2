r"""Budgeted selection of cooperation programmes (portfolio optimisation).

An agency rarely funds a single winner: it funds several programmes with
several partners under a budget, with rules such as "at most two programmes
per partner", "at least one health programme", "programme A needs programme
B", "A and C exclude each other" or "B is already committed". This module
chooses the set of programmes that maximises the total score within those
rules, as a binary integer program solved exactly by HiGHS through
:func:`scipy.optimize.milp`.

- :func:`select_portfolio`: the optimal portfolio for one set of scores, with
  the constraints that bind, or an :class:`~coopdecide.exceptions.InfeasiblePortfolioError`
  that names a minimal set of conflicting constraints;
- :func:`portfolio_acceptability`: over many score samples (for example SMAA
  samples), how often each programme belongs to the optimal portfolio, and
  the portfolio with the largest expected score;
- :func:`budget_sweep`: the optimal portfolio and its value for a range of
  budgets (what the next unit of budget buys).

The model (for programmes :math:`i = 1..n`, :math:`x_i \in \{0, 1\}`) is

.. math::

    \max_x \sum_i s_i m_i x_i \quad \text{s.t.} \quad \sum_i c_i x_i \le B

with :math:`m_i = 1` (``objective="score"``), :math:`m_i = c_i`
(``"score_x_cost"``) or :math:`m_i` = a given size (``"score_x_size"``), and
the optional group, mandatory, exclusion and dependency constraints. See
``docs/methods/portfolio.md`` for the formulation and references.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api.types import is_hashable

from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.portfolio._model import _Model, _solver_session
from coopdecide.portfolio._results import (
    BudgetSweepResult,
    PortfolioAcceptabilityResult,
    PortfolioResult,
)
from coopdecide.portfolio._spec import (
    OBJECTIVES,
    GroupLimits,
    _build_spec,
    _check_names,
    _precheck,
    _raise_infeasible,
    _score_vector,
    _Spec,
)

if TYPE_CHECKING:
    from coopdecide.sensitivity.acceptability import SMAAResult

__all__ = [
    "OBJECTIVES",
    "BudgetSweepResult",
    "PortfolioAcceptabilityResult",
    "PortfolioResult",
    "budget_sweep",
    "portfolio_acceptability",
    "select_portfolio",
]

# ---------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------
_CONSTRAINT_DOC = """
    groups : mapping str -> Series, mapping or sequence, optional
        Named groupings of the programmes used by ``at_most`` / ``at_least``,
        for example ``{"partner": data["partner"], "sector": data["sector"]}``:
        each gives one label per programme (a Series indexed by programme, a
        mapping programme -> label, or a sequence in programme order).
    at_most, at_least : mapping, optional
        Count limits per group value. ``{"partner": 2}`` applies to every
        value of the group (at most 2 programmes per partner);
        ``{"sector": {"health": 1}}`` applies to the named values only (at
        least one health programme).
    mandatory, excluded : sequence of labels, optional
        Programmes that must be / must not be chosen (for example already
        committed ones, or ones ruled out).
    requires : sequence of pairs or mapping, optional
        Dependencies: ``[("A", "B")]`` or ``{"A": "B"}`` or
        ``{"A": ["B", "C"]}`` — A can only be chosen together with B (and C).
    excludes : sequence of groups, optional
        Mutual exclusions: ``[("A", "B"), ("C", "D", "E")]`` — at most one
        programme of each group may be chosen.
    objective : {"score", "score_x_cost", "score_x_size"}
        Maximise the total score (default, every programme counts by its
        score), the total of score x cost (a score per unit of money, so
        larger programmes weigh more), or the total of score x ``sizes``.
    sizes : Series or array-like, optional
        Non-negative size of each programme (beneficiaries, duration, ...);
        required for, and only used with, ``objective="score_x_size"``.
"""


def select_portfolio(
    scores: pd.Series | npt.ArrayLike,
    costs: pd.Series | npt.ArrayLike,
    budget: float,
    *,
    names: Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
) -> PortfolioResult:
    """Choose the programmes that maximise the total score within a budget.

    Solves the binary program exactly with HiGHS
    (:func:`scipy.optimize.milp`, relative MIP gap 0).

    Parameters
    ----------
    scores : Series, array-like or RankingResult
        One score per programme, larger is better (for example TOPSIS
        closeness). A Series (or a :class:`~coopdecide.RankingResult`) names
        the programmes; for an array pass ``names`` (default ``P1, P2, ...``).
    costs : Series or array-like
        Non-negative cost of each programme (a Series is aligned on the
        programme labels).
    budget : float
        Non-negative budget: the total cost of the chosen programmes must not
        exceed it.
    names : sequence, optional
        Programme labels when ``scores`` is a plain array.
    """
    score_array, index = _score_vector(scores, names)
    spec = _build_spec(
        index,
        costs,
        budget,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    model, budget_value = _fixed_budget_model(spec)
    with _solver_session():
        x = model.solve(score_array * spec.multiplier)
    if x is None:
        _raise_infeasible(model)
    return PortfolioResult(
        budget=float(budget_value),
        _spec=spec,
        _scores=score_array,
        _chosen=x.astype(bool),
        _model=model,
    )


def _fixed_budget_model(spec: _Spec) -> tuple[_Model, float]:
    """The model and budget of ``spec``, once the conflicts that can be named are ruled out."""
    assert spec.budget is not None
    _precheck(spec, spec.budget)
    return _Model(len(spec.names), spec.constraints(spec.budget)), spec.budget


def _append_doc(function: Callable[..., Any], extra: str) -> None:
    function.__doc__ = (function.__doc__ or "").rstrip() + "\n" + extra.lstrip("\n")


_append_doc(
    select_portfolio,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    PortfolioResult
        ``selected`` (chosen labels), ``total_cost``, ``total_score``,
        ``objective_value``, ``remaining_budget``, ``constraints`` (which
        bind), ``to_frame()``, ``to_dict()``, ``plot.scatter()``.

    Raises
    ------
    InvalidArgumentError
        Negative costs or budget, NaN scores or costs, unknown programme
        names, groups or group values in the constraints, duplicate labels.
    InfeasiblePortfolioError
        The constraints cannot all be met. The message names the conflict:
        directly for common cases (mandatory programmes over budget, a
        programme both mandatory and excluded, ``at_least`` above the group
        size or above ``at_most``, ...), otherwise a minimal conflicting set
        of constraints found by a deletion filter; the set is also in the
        error's ``conflicts`` attribute.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.Series({"A": 0.9, "B": 0.8, "C": 0.5, "D": 0.4})
    >>> costs = pd.Series({"A": 60, "B": 50, "C": 30, "D": 20})
    >>> result = select_portfolio(scores, costs, budget=100)
    >>> list(result.selected), result.total_cost, round(result.total_score, 2)
    (['B', 'C', 'D'], 100.0, 1.7)
    >>> partner = {"A": "VNM", "B": "VNM", "C": "THA", "D": "THA"}
    >>> result = select_portfolio(
    ...     scores, costs, 100, groups={"partner": partner}, at_most={"partner": 1},
    ...     mandatory=["A"],
    ... )
    >>> list(result.selected)
    ['A', 'C']
""",
)


def portfolio_acceptability(
    score_samples: pd.DataFrame | npt.ArrayLike | SMAAResult,
    costs: pd.Series | npt.ArrayLike,
    budget: float,
    *,
    names: Sequence[Any] | None = None,
    partners: pd.Series | Mapping[Any, Any] | Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
    n_jobs: int | None = 1,
) -> PortfolioAcceptabilityResult:
    """How often each programme is in the optimal portfolio over score samples.

    For every row of ``score_samples`` (for example the TOPSIS scores under
    SMAA weight samples) the optimal portfolio is found, with the same
    constraints; the *portfolio acceptability* of a programme is the share of
    samples in which it is chosen (the portfolio analogue of the SMAA
    rank-acceptability index; Lahdelma and Salminen 2001, Liesiö, Mild and
    Salo 2007). Also gives the portfolio that maximises the expected
    objective. The constraint matrix is built once; only the objective changes
    between samples.

    Parameters
    ----------
    score_samples : DataFrame, 2-D array-like or SMAAResult
        Samples x programmes. A DataFrame's columns name the programmes; for
        an array the names come from ``names``, else from a ``costs`` Series,
        else ``P1, P2, ...``. Or an :class:`~coopdecide.sensitivity.SMAAResult`
        computed with ``smaa(..., keep_scores=True)``: its samples of the
        alternatives' scores are used directly, each programme taking the
        score of its alternative (see ``partners``) in every sample. If the
        SMAA method's scores are lower-is-better (VIKOR, SPOTIS) each sample
        ``s`` is turned around as ``max(s) - s``, as the study's portfolio
        section does for a single ranking.
    costs : Series or array-like
        Non-negative cost of each programme.
    budget : float
        Non-negative budget.
    names : sequence, optional
        Programme labels for a plain-array ``score_samples`` (or, with an
        SMAAResult, for a ``partners`` sequence).
    partners : Series, mapping or sequence, optional
        Only with an SMAAResult: the alternative of the SMAA problem (for
        example the partner country) whose score each programme takes. A
        Series or mapping programme -> alternative names the programmes; a
        sequence is in programme order (labels from ``names``, else from a
        ``costs`` Series, else ``P1, P2, ...``). Several programmes may share
        an alternative. Default: the programmes are the alternatives
        themselves.
    n_jobs : int or None, default 1
        Number of threads solving samples in parallel (HiGHS releases the
        GIL); ``None`` or ``-1`` uses every CPU. The result does not depend on
        it.
    """
    samples, index = _sample_matrix(score_samples, costs, names, partners)
    workers = _check_jobs(n_jobs)
    spec = _build_spec(
        index,
        costs,
        budget,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    model, budget_value = _fixed_budget_model(spec)
    # identical samples (common with discrete judgment or data samples) are solved once
    values, inverse = np.unique(samples * spec.multiplier, axis=0, return_inverse=True)
    mean_scores = samples.mean(axis=0)
    unique_chosen = np.zeros(values.shape, dtype=bool)
    with _solver_session():
        expected_x = model.solve(mean_scores * spec.multiplier)
        if expected_x is not None:
            _solve_rows(model, values, unique_chosen, workers)
    chosen = unique_chosen[np.ravel(inverse)]
    if expected_x is None:
        _raise_infeasible(model)
    expected = PortfolioResult(
        budget=float(budget_value),
        _spec=spec,
        _scores=mean_scores,
        _chosen=expected_x.astype(bool),
        _model=model,
    )
    return PortfolioAcceptabilityResult(
        _spec=spec, _samples=samples, _chosen=chosen, _expected=expected
    )


_append_doc(
    portfolio_acceptability,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    PortfolioAcceptabilityResult
        ``acceptability`` (Series), ``expected`` (a :class:`PortfolioResult`
        for the mean scores), ``portfolios`` (distinct optimal portfolios and
        their frequency), ``selections``, ``optimal_values``, ``to_frame()``,
        ``to_dict()``, ``plot.bar()``.

    Raises
    ------
    InvalidArgumentError, InfeasiblePortfolioError
        As for :func:`select_portfolio`; also NaN samples or a
        ``score_samples`` that is not two-dimensional; an SMAAResult without
        kept scores, or ``partners`` naming alternatives it does not have.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> samples = rng.uniform(0, 1, size=(200, 4))
    >>> samples[:, 0] += 1.0  # programme P1 always scores highest
    >>> samples[:, 1] += 0.5  # P2 scores second best on average
    >>> result = portfolio_acceptability(samples, [3, 2, 2, 2], budget=5)
    >>> float(result.acceptability["P1"])
    1.0
    >>> list(result.expected.selected)
    ['P1', 'P2']

    Over SMAA samples, each programme scored by its partner country:

    >>> from coopdecide import DecisionProblem
    >>> from coopdecide.sensitivity import smaa
    >>> countries = DecisionProblem(
    ...     [[9.0, 9.0], [5.0, 8.0], [8.0, 3.0]], objectives="max",
    ...     alternatives=["VNM", "THA", "MYS"],
    ... )
    >>> samples = smaa(countries, 1_000, keep_scores=True, random_state=1)
    >>> partners = {"health": "VNM", "trade": "VNM", "ports": "THA", "rail": "MYS"}
    >>> result = portfolio_acceptability(samples, [2, 3, 1, 1], budget=3, partners=partners)
    >>> result.acceptability.round(2).to_dict()
    {'health': 1.0, 'trade': 0.0, 'ports': 0.61, 'rail': 0.39}
""",
)


def _check_jobs(n_jobs: Any) -> int:
    if n_jobs is None or (isinstance(n_jobs, Integral) and n_jobs == -1):
        return os.cpu_count() or 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, Integral) or n_jobs < 1:
        raise InvalidArgumentError(
            f"n_jobs must be a positive integer, -1 or None; got {describe(n_jobs)}"
        )
    return int(n_jobs)


def _solve_rows(model: _Model, values: np.ndarray, chosen: np.ndarray, workers: int) -> None:
    """Solve the model for each row of ``values``, writing 0/1 rows into ``chosen``."""

    def work(rows: range) -> None:
        for s in rows:
            chosen[s] = model.solve(values[s])

    n = values.shape[0]
    if workers <= 1 or n < 2:
        work(range(n))
        return
    from concurrent.futures import ThreadPoolExecutor

    bounds = np.linspace(0, n, min(workers, n) + 1).astype(int)
    with ThreadPoolExecutor(max_workers=len(bounds) - 1) as pool:
        futures = [pool.submit(work, range(a, b)) for a, b in itertools.pairwise(bounds)]
        for future in futures:
            future.result()


def _is_smaa_result(value: Any) -> bool:
    if not hasattr(value, "score_samples"):
        return False
    from coopdecide.sensitivity.acceptability import SMAAResult

    return isinstance(value, SMAAResult)


def _smaa_samples(
    result: SMAAResult, costs: Any, names: Sequence[Any] | None, partners: Any
) -> tuple[np.ndarray, pd.Index]:
    """Programme score samples from an SMAAResult's kept per-alternative scores."""
    kept = result.score_samples
    if kept is None:
        raise InvalidArgumentError(
            "score_samples is an SMAAResult without per-sample scores; call "
            "smaa(..., keep_scores=True) to keep them"
        )
    scores = kept.to_numpy()
    alternatives = kept.columns
    if partners is None:
        if names is not None:
            raise InvalidArgumentError(
                "names must not be given with an SMAAResult and no partners (the programmes "
                "are then the SMAA alternatives)"
            )
        index = _check_names(alternatives)
        columns = np.arange(len(alternatives))
    else:
        if isinstance(partners, Mapping) and not isinstance(partners, pd.Series):
            partners = pd.Series(dict(partners), dtype=object)
        if isinstance(partners, pd.Series):
            if names is not None:
                raise InvalidArgumentError(
                    "names must not be given when partners is a Series or mapping (its "
                    "index names the programmes)"
                )
            index = _check_names(partners.index)
            labels = list(partners.to_numpy())
        else:
            if isinstance(partners, (str, bytes)) or not isinstance(partners, Iterable):
                raise InvalidTypeError(
                    "partners must be a Series, a mapping or a sequence of alternatives; got "
                    f"{describe(partners)}"
                )
            labels = list(partners)
            index = _programme_labels(names, costs, len(labels))
            if len(labels) != len(index):
                raise InvalidArgumentError(
                    f"partners must name one alternative per programme ({len(index)}); "
                    f"got {len(labels)}"
                )
        if not labels:
            raise InvalidArgumentError("partners must name at least one programme; got none")
        # exact labels first, then their text (a partner column read from a file is text)
        lookup: dict[Any, int] = {}
        for position, alternative in enumerate(alternatives):
            lookup.setdefault(str(alternative), position)
        for position, alternative in enumerate(alternatives):
            lookup[alternative] = position
        found = [
            lookup.get(label, lookup.get(str(label))) if is_hashable(label) else None
            for label in labels
        ]
        unknown = [label for label, at in zip(labels, found, strict=True) if at is None]
        if unknown:
            raise InvalidArgumentError(
                "partners must name alternatives of the SMAA result; unknown: "
                f"{format_labels(sorted(set(map(str, unknown))))} (the alternatives are "
                f"{format_labels(alternatives, limit=12)})"
            )
        columns = np.array(found, dtype=np.intp)
    if not result.higher_is_better:
        scores = scores.max(axis=1, keepdims=True) - scores
    return np.array(scores[:, columns], dtype=float), index


def _programme_labels(names: Any, costs: Any, count: int) -> pd.Index:
    """Labels of programmes given in order: ``names``, a ``costs`` Series's index or P1, P2, ..."""
    if names is not None:
        return _check_names(names)
    if isinstance(costs, pd.Series):
        return _check_names(costs.index)
    return pd.Index([f"P{i + 1}" for i in range(count)])


def _sample_matrix(
    score_samples: Any, costs: Any, names: Sequence[Any] | None, partners: Any = None
) -> tuple[np.ndarray, pd.Index]:
    index: pd.Index | None
    if _is_smaa_result(score_samples):
        samples, index = _smaa_samples(score_samples, costs, names, partners)
        _check_finite(samples, index)
        return samples, index
    if partners is not None:
        raise InvalidArgumentError(
            "partners is only used when score_samples is an SMAAResult; with a DataFrame or "
            "an array, give each programme's scores directly"
        )
    if isinstance(score_samples, pd.DataFrame):
        if names is not None:
            raise InvalidArgumentError(
                "names must not be given when score_samples is a DataFrame "
                "(its columns name the programmes)"
            )
        index = _check_names(score_samples.columns)
        raw = score_samples.to_numpy()
    else:
        raw = score_samples
        index = None  # from names or costs, once the number of programmes is known
    try:
        samples = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError("score_samples must contain only numbers") from None
    if samples.ndim != 2 or samples.shape[0] < 1:
        raise InvalidArgumentError(
            "score_samples must be two-dimensional (samples x programmes) with at least one "
            f"sample; got shape {samples.shape}"
        )
    if index is None:
        index = _programme_labels(names, costs, samples.shape[1])
    if samples.shape[1] == 0:
        raise InvalidArgumentError("score_samples must have at least one programme; got none")
    if samples.shape[1] != len(index):
        raise InvalidArgumentError(
            f"score_samples must have one column per programme ({len(index)}); "
            f"got {samples.shape[1]}"
        )
    _check_finite(samples, index)
    return samples, index


def _check_finite(samples: np.ndarray, index: pd.Index) -> None:
    bad = ~np.isfinite(samples)
    if bad.any():
        rows, cols = np.nonzero(bad)
        raise InvalidArgumentError(
            f"score_samples must be finite numbers; got NaN or infinite values in "
            f"{len(rows)} cell(s), first in sample {rows[0]} for {describe(index[cols[0]])}"
        )


def budget_sweep(
    scores: pd.Series | npt.ArrayLike,
    costs: pd.Series | npt.ArrayLike,
    budgets: npt.ArrayLike,
    *,
    names: Sequence[Any] | None = None,
    groups: Mapping[str, Any] | None = None,
    at_most: GroupLimits | None = None,
    at_least: GroupLimits | None = None,
    mandatory: Iterable[Any] = (),
    excluded: Iterable[Any] = (),
    requires: Iterable[tuple[Any, Any]] | Mapping[Any, Any] = (),
    excludes: Iterable[Iterable[Any]] = (),
    objective: str = "score",
    sizes: pd.Series | npt.ArrayLike | None = None,
) -> BudgetSweepResult:
    """The optimal portfolio and its value for each of a range of budgets.

    Shows what the next unit of budget buys: the optimal objective is a
    non-decreasing step function of the budget, and ``marginal_value`` in
    :meth:`BudgetSweepResult.to_frame` is its increase per unit of budget
    between consecutive budgets.

    Parameters
    ----------
    scores : Series, array-like or RankingResult
        One score per programme, larger is better.
    costs : Series or array-like
        Non-negative cost of each programme.
    budgets : array-like
        Non-negative budgets; sorted ascending and de-duplicated. Budgets at
        which the constraints cannot be met (for example below the cost of the
        mandatory programmes) are reported with ``feasible=False``; if no
        budget is feasible an InfeasiblePortfolioError explains why at the
        largest one.
    names : sequence, optional
        Programme labels when ``scores`` is a plain array.
    """
    score_array, index = _score_vector(scores, names)
    spec = _build_spec(
        index,
        costs,
        None,
        sizes=sizes,
        objective=objective,
        groups=groups,
        at_most=at_most,
        at_least=at_least,
        mandatory=mandatory,
        excluded=excluded,
        requires=requires,
        excludes=excludes,
    )
    if isinstance(budgets, (str, bytes)):
        raise InvalidTypeError(f"budgets must be a sequence of numbers; got {describe(budgets)}")
    try:
        budget_array = np.array(budgets, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(
            f"budgets must be a sequence of numbers; got {describe(budgets)}"
        ) from None
    if budget_array.ndim != 1 or budget_array.size == 0:
        raise InvalidArgumentError(
            f"budgets must be a non-empty one-dimensional sequence; got shape {budget_array.shape}"
        )
    if not np.isfinite(budget_array).all():
        raise InvalidArgumentError(f"budgets must be finite; got {budget_array.tolist()}")
    if (budget_array < 0).any():
        raise InvalidArgumentError(
            f"budgets must be non-negative; got {budget_array[budget_array < 0].tolist()}"
        )
    budget_array = np.unique(budget_array)
    # budget-independent conflicts are reported at once
    _precheck(spec, None)
    template = spec.constraints(float(budget_array[-1]))
    model = _Model(len(index), template)
    values = score_array * spec.multiplier
    chosen = np.zeros((len(budget_array), len(index)), dtype=bool)
    feasible = np.zeros(len(budget_array), dtype=bool)
    with _solver_session():
        for k, budget in enumerate(budget_array):
            model.set_budget(float(budget))
            x = model.solve(values)
            if x is not None:
                chosen[k] = x.astype(bool)
                feasible[k] = True
    if not feasible.any():
        _precheck(spec, float(budget_array[-1]))
        _raise_infeasible(
            _Model(len(index), template), context=f" at any budget up to {budget_array[-1]:g}"
        )
    return BudgetSweepResult(
        _spec=spec, _scores=score_array, _budgets=budget_array, _chosen=chosen, _feasible=feasible
    )


_append_doc(
    budget_sweep,
    _CONSTRAINT_DOC
    + """
    Returns
    -------
    BudgetSweepResult
        ``to_frame()`` (per budget: optimal value, cost, marginal value,
        programmes added and removed), ``selections``, ``values``,
        ``to_dict()``, ``plot.line()``.

    Raises
    ------
    InvalidArgumentError, InfeasiblePortfolioError
        As for :func:`select_portfolio`.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.Series({"A": 0.9, "B": 0.8, "C": 0.5})
    >>> costs = pd.Series({"A": 60, "B": 50, "C": 30})
    >>> sweep = budget_sweep(scores, costs, [50, 100, 150])
    >>> sweep.to_frame()[["budget", "objective_value", "n_selected"]]
       budget  objective_value  n_selected
    0    50.0              0.8           1
    1   100.0              1.4           2
    2   150.0              2.2           3
    >>> sweep.to_frame()["added"].tolist(), sweep.to_frame()["removed"].tolist()
    (['B', 'A, C', 'B'], ['', 'B', ''])
""",
)
