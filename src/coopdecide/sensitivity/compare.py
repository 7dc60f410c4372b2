"""Agreement of rankings across MCDA methods and normalizations: :func:`compare_methods`."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass, to_jsonable
from coopdecide._validation import check_option, check_positive_int, describe, format_labels
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    MethodWarning,
)
from coopdecide.problem import DecisionProblem

__all__ = ["CORRELATIONS", "DEFAULT_METHODS", "MethodComparisonResult", "compare_methods"]

#: The methods compared by default: TOPSIS under each normalization and five other methods.
#: WSM uses min-max normalization: pymcdm's default for it (sum normalization) refuses zero
#: values, which real data such as the bundled trade figures contain.
DEFAULT_METHODS: tuple[Any, ...] = (
    "topsis",
    "topsis-minmax",
    "topsis-max",
    "topsis-sum",
    "vikor",
    "promethee_ii",
    ("wsm", "wsm", {"normalization": "minmax"}),
    "copras",
    "spotis",
)

#: Rank correlation coefficients available in :attr:`MethodComparisonResult.correlations`.
CORRELATIONS = ("spearman", "kendall", "weighted_spearman", "ws")

_TOPSIS_ALIASES = {
    "topsis": {"normalization": "vector"},
    "topsis-vector": {"normalization": "vector"},
    "topsis-minmax": {"normalization": "minmax"},
    "topsis-max": {"normalization": "max"},
    "topsis-sum": {"normalization": "sum"},
}


def _parse_method(spec: Any, position: int) -> tuple[str, str, dict[str, Any]]:
    """Return (label, method name, options) for one entry of ``methods``."""
    from coopdecide.ranking.methods import ALL_METHODS

    known = (*_TOPSIS_ALIASES, *ALL_METHODS[1:])
    if isinstance(spec, str):
        label, name, options = spec, spec, {}
    elif isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], Mapping):
        name, options = spec[0], dict(spec[1])
        label = f"{name}({', '.join(f'{k}={v}' for k, v in options.items())})" if options else name
    elif isinstance(spec, tuple) and len(spec) == 3 and isinstance(spec[2], Mapping):
        label, name, options = spec[0], spec[1], dict(spec[2])
    else:
        raise InvalidTypeError(
            f"methods[{position}] must be a method name, a (name, options) pair or a "
            f"(label, name, options) triple; got {describe(spec)}"
        )
    check_option(f"methods[{position}]", name, known)
    if name in _TOPSIS_ALIASES:
        if name != "topsis" and "normalization" in options:
            raise InvalidArgumentError(
                f"methods[{position}]: {describe(name)} fixes the normalization; use 'topsis' with "
                f"normalization=... instead; got normalization={describe(options['normalization'])}"
            )
        options = {**_TOPSIS_ALIASES[name], **options}
        name = "topsis"
    return str(label), name, options


def _spearman_matrix(ranks: np.ndarray) -> np.ndarray:
    """Spearman's rho between every pair of columns of ``ranks``, NaN for a constant column.

    Pearson's r of the columns' average ranks (tied values share their mean rank), the
    definition ``scipy.stats.spearmanr`` computes; done here with numpy so that the
    comparison does not import ``scipy.stats`` (about 0.8 s of CPU).
    """
    ranked = pd.DataFrame(ranks).rank(method="average").to_numpy()
    centred = ranked - ranked.mean(axis=0)
    norms = np.sqrt(np.einsum("ij,ij->j", centred, centred))
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = (centred.T @ centred) / np.outer(norms, norms)
    matrix[np.diag_indices_from(matrix)] = np.where(norms > 0, 1.0, np.nan)
    return np.clip(matrix, -1.0, 1.0)  # NaN (0 / 0) where a column is constant


def _correlation(kind: str, x: np.ndarray, y: np.ndarray) -> float:
    """One rank correlation other than Spearman's between rank vectors ``x`` and ``y``."""
    if kind == "kendall":
        from scipy import stats

        if np.ptp(x) == 0 or np.ptp(y) == 0:
            return float("nan")
        return float(stats.kendalltau(x, y).statistic)
    from pymcdm import correlations

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if kind == "weighted_spearman":
            value = correlations.weighted_spearman(x.astype(float), y.astype(float))
        else:
            value = correlations.rank_similarity_coef(x.astype(float), y.astype(float))
    return float(value)


def compare_methods(
    problem: DecisionProblem,
    methods: Sequence[Any] | Mapping[str, Any] = DEFAULT_METHODS,
    *,
    weights: Any = None,
    top_k: int = 3,
    errors: str = "skip",
) -> MethodComparisonResult:
    """Rank one problem by several methods and measure how much the rankings agree.

    Parameters
    ----------
    problem : DecisionProblem
        The problem (its weights are used unless ``weights`` is given).
    methods : sequence or mapping
        Each entry is a method name, a ``(name, options)`` pair (labelled
        ``"name(k=v)"``) or a ``(label, name, options)`` triple; a mapping
        label -> name or ``(name, options)`` also works. Names are those of
        :func:`coopdecide.rank`, plus ``"topsis-minmax"``, ``"topsis-max"`` and
        ``"topsis-sum"`` for TOPSIS with that normalization (``"topsis"`` is
        the vector normalization). The default compares TOPSIS under its four
        normalizations with VIKOR, PROMETHEE II, WSM (labelled ``"wsm"``, with
        min-max normalization), COPRAS and SPOTIS.
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's.
    top_k : int, default 3
        Size of the top group for :attr:`MethodComparisonResult.consensus_top_k`
        (at least 1; a value above the number of alternatives is reduced to it).
    errors : {"skip", "raise"}, default "skip"
        What to do when a method cannot rank this problem (it raises
        :class:`~coopdecide.exceptions.InvalidProblemError`, for example
        pymcdm's WSM on data with zeros or negative values): ``"skip"`` leaves
        it out with a :class:`~coopdecide.exceptions.MethodWarning` and records
        the reason in ``skipped``; ``"raise"`` re-raises. Bad options are
        always errors.

    Returns
    -------
    MethodComparisonResult

    Raises
    ------
    InvalidArgumentError
        Fewer than two methods (given, or left after skipping), duplicated
        labels, ``top_k`` below 1.
    UnknownMethodError
        An unknown method name.
    InvalidWeightsError
        No weights (neither the problem's nor ``weights``) or invalid ones.

    Notes
    -----
    Correlations are computed between the rank vectors (1 = best, ties
    share the best rank): Spearman's rho and Kendall's tau-b (scipy), the
    weighted Spearman coefficient ``r_w`` (Pinto da Costa and Soares 2005),
    which weighs disagreement at the top more, and the WS similarity
    coefficient (Salabun and Urbaniak 2020), which is asymmetric: row =
    reference ranking. The last two come from
    ``pymcdm.correlations``.

    References
    ----------
    Salabun, W. and Urbaniak, K. (2020). A new coefficient of rankings
    similarity in decision-making problems. In: Computational Science - ICCS
    2020, Lecture Notes in Computer Science 12138, Springer, pp. 632-645.

    Pinto da Costa, J. and Soares, C. (2005). A weighted rank measure of
    correlation. Australian & New Zealand Journal of Statistics
    47(4):515-529.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[7, 9, 9], [8, 7, 8], [9, 6, 8], [6, 7, 8]], objectives="max",
    ...     weights=[0.5, 0.3, 0.2], alternatives=["a", "b", "c", "d"],
    ... )
    >>> result = compare_methods(problem, ["topsis", "topsis-minmax", "wsm"], top_k=2)
    >>> result.ranks.loc["d"].tolist()
    [4, 4, 4]
    """
    from coopdecide.ranking.methods import rank

    check_option("errors", errors, ("skip", "raise"))
    if not isinstance(problem, DecisionProblem):
        raise InvalidTypeError(f"problem must be a DecisionProblem; got {type(problem).__name__}")
    n = problem.shape[0]
    top_k = check_positive_int("top_k", top_k)
    top_k = min(top_k, n)
    if isinstance(methods, str):
        raise InvalidTypeError(
            f"methods must be a sequence of method specs, not one string; got {describe(methods)} "
            f"(use [{describe(methods)}, ...])"
        )
    entries: list[Any]
    if isinstance(methods, Mapping):
        entries = []
        for label, value in methods.items():
            if isinstance(value, str):
                entries.append((label, value, {}))
            elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Mapping):
                entries.append((label, value[0], value[1]))
            else:
                raise InvalidTypeError(
                    f"methods[{describe(label)}] must be a method name or a (name, options) pair; "
                    f"got {describe(value)}"
                )
    else:
        entries = list(methods)
    specs = [_parse_method(spec, i) for i, spec in enumerate(entries)]
    if len(specs) < 2:
        raise InvalidArgumentError(f"methods must name at least two methods; got {len(specs)}")
    labels = [label for label, _, _ in specs]
    duplicated = sorted({label for label in labels if labels.count(label) > 1})
    if duplicated:
        raise InvalidArgumentError(
            f"methods must have distinct labels; duplicated: {format_labels(duplicated)} "
            "(give a (label, name, options) triple)"
        )
    results = {}
    skipped: dict[str, str] = {}
    for label, name, options in specs:
        try:
            results[label] = rank(problem, name, weights=weights, **options)
        except InvalidProblemError as error:
            if errors == "raise":
                raise
            skipped[label] = str(error)
            warnings.warn(
                f"compare_methods: {describe(label)} cannot rank this problem and is left out: "
                f"{error}",
                MethodWarning,
                stacklevel=2,
            )
    if len(results) < 2:
        raise InvalidArgumentError(
            f"compare_methods needs at least two methods that can rank the problem; only "
            f"{format_labels(results) or 'none'} could (skipped: {format_labels(skipped)})"
        )
    specs = [spec for spec in specs if spec[0] in results]
    used = next(iter(results.values())).problem
    return MethodComparisonResult._build(
        problem=used,
        specs=specs,
        skipped=skipped,
        ranks=np.column_stack([r._ranks for r in results.values()]),
        scores=np.column_stack([r.score_array for r in results.values()]),
        higher_is_better=[r.higher_is_better for r in results.values()],
        top_k=top_k,
    )


@result_dataclass
class MethodComparisonResult(Result):
    """Rankings of one problem by several methods, and their agreement.

    Produced by :func:`compare_methods`.

    Attributes
    ----------
    methods : list of str
        The method labels (columns of :attr:`ranks`).
    specs : dict
        Label -> ``{"method": name, "options": {...}}``.
    top_k : int
        The size of the top group used by :attr:`consensus_top_k`.
    skipped : dict
        Label -> reason, for methods that could not rank the problem.
    """

    _problem: DecisionProblem
    methods: list[str]
    specs: Mapping[str, Any]
    skipped: Mapping[str, str]
    _ranks: np.ndarray
    _scores: np.ndarray
    higher_is_better: Mapping[str, bool]
    top_k: int

    @classmethod
    def _build(
        cls,
        *,
        problem: DecisionProblem,
        specs: list[tuple[str, str, dict[str, Any]]],
        skipped: dict[str, str],
        ranks: np.ndarray,
        scores: np.ndarray,
        higher_is_better: list[bool],
        top_k: int,
    ) -> MethodComparisonResult:
        methods = [label for label, _, _ in specs]
        return cls(
            _problem=problem,
            methods=methods,
            specs={label: {"method": name, "options": dict(o)} for label, name, o in specs},
            skipped=dict(skipped),
            _ranks=ranks,
            _scores=scores,
            higher_is_better=dict(zip(methods, higher_is_better, strict=True)),
            top_k=top_k,
        )

    @cached_property
    def _correlation_cache(self) -> dict[str, np.ndarray]:
        """Correlation matrices by kind, filled on first use (not a field: it grows)."""
        return {}

    @property
    def ranks(self) -> pd.DataFrame:
        """Rank of each alternative (rows) under each method (columns); 1 = best."""
        frame = pd.DataFrame(
            self._ranks, index=self._problem.alternatives, columns=pd.Index(self.methods)
        )
        frame.index.name = "alternative"
        frame.columns.name = "method"
        return frame

    @property
    def scores(self) -> pd.DataFrame:
        """Each method's score (see ``higher_is_better`` for its direction)."""
        frame = pd.DataFrame(
            self._scores, index=self._problem.alternatives, columns=pd.Index(self.methods)
        )
        frame.index.name = "alternative"
        frame.columns.name = "method"
        return frame

    def correlation(self, kind: str = "spearman") -> pd.DataFrame:
        """Rank correlation between every pair of methods.

        Parameters
        ----------
        kind : {"spearman", "kendall", "weighted_spearman", "ws"}
            ``"ws"`` is asymmetric: entry ``[i, j]`` uses method ``i``'s
            ranking as the reference.

        Warns
        -----
        MethodWarning
            A method ranks every alternative equal: Spearman and Kendall are
            undefined for it (NaN in those rows and columns).
        """
        check_option("kind", kind, CORRELATIONS)
        if kind not in self._correlation_cache:
            k = len(self.methods)
            if kind in ("spearman", "kendall"):
                flat = [self.methods[j] for j in range(k) if np.ptp(self._ranks[:, j]) == 0]
                if flat:
                    warnings.warn(
                        f"{kind} correlation is undefined for methods that rank every "
                        f"alternative equal: {format_labels(flat)} (NaN)",
                        MethodWarning,
                        stacklevel=2,
                    )
            if kind == "spearman":
                matrix = _spearman_matrix(np.asarray(self._ranks, dtype=float))
            else:
                matrix = np.empty((k, k))
                for i in range(k):
                    for j in range(k):
                        matrix[i, j] = _correlation(kind, self._ranks[:, i], self._ranks[:, j])
            matrix.flags.writeable = False
            self._correlation_cache[kind] = matrix
        return pd.DataFrame(
            self._correlation_cache[kind],
            index=pd.Index(self.methods),
            columns=pd.Index(self.methods),
        )

    @property
    def correlations(self) -> dict[str, pd.DataFrame]:
        """All four correlation matrices, keyed by kind."""
        return {kind: self.correlation(kind) for kind in CORRELATIONS}

    @property
    def consensus_top_k(self) -> pd.Index:
        """Alternatives that every method ranks within the top ``top_k``."""
        inside = np.asarray((self._ranks <= self.top_k).all(axis=1), dtype=bool)
        return self._problem.alternatives[inside]

    @property
    def top_k_counts(self) -> pd.Series:
        """For each alternative, how many methods put it in the top ``top_k``."""
        return pd.Series(
            (self._ranks <= self.top_k).sum(axis=1),
            index=self._problem.alternatives,
            name=f"in_top_{self.top_k}",
        )

    plot = PlotAccessor("MethodComparisonPlots")

    def to_frame(self) -> pd.DataFrame:
        """Ranks per method plus mean rank, rank range and top-k count, by mean rank."""
        frame = self.ranks
        frame.columns.name = None
        frame["mean_rank"] = self._ranks.mean(axis=1)
        frame["rank_range"] = self._ranks.max(axis=1) - self._ranks.min(axis=1)
        frame[f"in_top_{self.top_k}"] = self.top_k_counts
        return frame.sort_values("mean_rank", kind="stable")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary."""
        return {
            "methods": list(self.methods),
            "specs": to_jsonable(self.specs),
            "alternatives": [str(a) for a in self._problem.alternatives],
            "ranks": to_jsonable(self._ranks),
            "scores": to_jsonable(self._scores),
            "higher_is_better": dict(self.higher_is_better),
            "top_k": self.top_k,
            "skipped": dict(self.skipped),
            "consensus_top_k": [str(a) for a in self.consensus_top_k],
            "correlations": {
                kind: to_jsonable(self.correlation(kind).to_numpy()) for kind in CORRELATIONS
            },
        }

    def _summary(self) -> dict[str, Any]:
        spearman = self.correlation("spearman").to_numpy()
        off = spearman[~np.eye(len(self.methods), dtype=bool)]
        consensus = ", ".join(map(str, self.consensus_top_k)) or "none"
        facts = {
            "methods": len(self.methods),
            f"in the top {self.top_k} of every method": consensus,
            "lowest Spearman correlation": f"{np.nanmin(off):.3f}" if off.size else "n/a",
        }
        if self.skipped:
            facts["skipped (cannot rank this problem)"] = ", ".join(self.skipped)
        return facts

    def _repr_table(self) -> str:
        return self.to_frame().to_string(max_rows=20, float_format=lambda v: f"{v:.2f}")

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"ranks": self.to_frame(), "Spearman correlation": self.correlation("spearman")}
