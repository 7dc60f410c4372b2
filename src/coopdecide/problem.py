"""The decision problem: alternatives, criteria, objectives and optional weights."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import Immutable, to_jsonable
from coopdecide._validation import describe, format_labels, values_by_criterion
from coopdecide.exceptions import (
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
)

__all__ = ["DecisionProblem", "Objective", "normalize_weights"]


class Objective(IntEnum):
    """Direction of a criterion: larger is better (MAX) or smaller is better (MIN)."""

    MAX = 1
    MIN = -1

    @classmethod
    def from_alias(cls, value: Any, *, criterion: Any = None) -> Objective:
        """Read an objective from one of its aliases.

        Accepted (case-insensitive for strings): ``"max"``, ``"maximize"``,
        ``"maximise"``, ``"benefit"``, ``1`` for :attr:`MAX`; ``"min"``,
        ``"minimize"``, ``"minimise"``, ``"cost"``, ``-1`` for :attr:`MIN`.

        Examples
        --------
        >>> Objective.from_alias("benefit")
        <Objective.MAX: 1>
        >>> Objective.from_alias(-1)
        <Objective.MIN: -1>
        """
        if isinstance(value, Objective):
            return value
        if isinstance(value, str):
            key = value.strip().lower()
            if key in _MAX_ALIASES:
                return cls.MAX
            if key in _MIN_ALIASES:
                return cls.MIN
        elif isinstance(value, (int, np.integer, float, np.floating)) and not isinstance(
            value, bool
        ):
            if value == 1:
                return cls.MAX
            if value == -1:
                return cls.MIN
        where = f" for criterion {describe(criterion)}" if criterion is not None else ""
        raise InvalidProblemError(
            f"objectives{where} must be one of 'max', 'min', 'benefit', 'cost', 1 or -1; "
            f"got {describe(value)}"
        )


_MAX_ALIASES = frozenset({"max", "maximize", "maximise", "benefit", "1", "+1"})
_MIN_ALIASES = frozenset({"min", "minimize", "minimise", "cost", "-1"})
_COMMON_ALIASES = {"max": Objective.MAX, "min": Objective.MIN}


class _Defaults(NamedTuple):
    labels: pd.Index


@functools.lru_cache(maxsize=32)
def _default_labels(prefix: str, count: int) -> _Defaults:
    """The default labels ``A1, A2, ...`` (or ``C1, ...``), built once per size.

    Shared by the problems that use them: they never hand out the Index itself
    (only copies), so nothing can rename it.
    """
    return _Defaults(pd.Index([f"{prefix}{i + 1}" for i in range(count)]))


def _as_index(labels: Any, name: str, expected_length: int) -> pd.Index:
    if isinstance(labels, _Defaults):
        return labels.labels  # the right length and unique by construction
    index = pd.Index(list(labels))
    if len(index) != expected_length:
        raise InvalidProblemError(
            f"{name} must have {expected_length} labels to match the performance table; "
            f"got {len(index)}"
        )
    if index.has_duplicates:
        duplicated = index[index.duplicated()].unique()
        raise InvalidProblemError(f"{name} must be unique; duplicated: {format_labels(duplicated)}")
    return index


def _check_cells(matrix: np.ndarray, alternatives: pd.Index, criteria: pd.Index) -> None:
    if np.isfinite(matrix).all():
        return
    bad = ~np.isfinite(matrix)
    if bad.any():
        rows, cols = np.nonzero(bad)
        cells = [
            f"({describe(alternatives[r])}, {describe(criteria[c])}) = {matrix[r, c]}"
            for r, c in zip(rows[:8], cols[:8], strict=True)
        ]
        more = f" ... ({len(rows) - 8} more)" if len(rows) > 8 else ""
        raise InvalidProblemError(
            f"performance must contain only finite numbers; got NaN or infinite values in "
            f"{len(rows)} cell(s): {', '.join(cells)}{more}"
        )


def _numeric_matrix(table: pd.DataFrame) -> np.ndarray:
    """Convert a DataFrame to float, naming the non-numeric cells if any."""
    try:
        return table.to_numpy(dtype=float)
    except (TypeError, ValueError):
        pass
    bad: list[str] = []
    for criterion in table.columns:
        converted = pd.to_numeric(table[criterion], errors="coerce")
        mask = converted.isna() & table[criterion].notna()
        bad.extend(
            f"({describe(alternative)}, {describe(criterion)}) = "
            f"{describe(table.at[alternative, criterion])}"
            for alternative in table.index[mask.to_numpy()]
        )
    raise InvalidProblemError(
        f"performance must contain only numbers; got non-numeric values in {len(bad)} "
        f"cell(s): {', '.join(bad[:8])}{' ...' if len(bad) > 8 else ''}"
    )


def _check_provenance(provenance: Any, alternatives: pd.Index, criteria: pd.Index) -> pd.DataFrame:
    """A copy of ``provenance`` with one row per cell, in row-major cell order.

    The problem keeps the copy private and hands out copies of it.
    """
    if not isinstance(provenance, pd.DataFrame):
        raise InvalidTypeError(
            f"provenance must be a DataFrame indexed by (alternative, criterion); "
            f"got {type(provenance).__name__}"
        )
    cells = pd.MultiIndex.from_product([alternatives, criteria], names=["alternative", "criterion"])
    index = provenance.index
    if index.nlevels != 2 or index.has_duplicates or len(index) != len(cells):
        raise InvalidProblemError(
            "provenance must have one row per cell, indexed by (alternative, criterion); "
            f"got {len(index)} row(s) with {index.nlevels} index level(s) for {len(cells)} cells"
        )
    missing = cells.difference(cast(pd.MultiIndex, index))  # two levels, checked above
    if len(missing):
        raise InvalidProblemError(f"provenance is missing cells: {format_labels(list(missing))}")
    table = provenance.copy()
    table.index = table.index.set_names(["alternative", "criterion"])
    return table.loc[cells]


def normalize_weights(weights: Any, criteria: pd.Index, name: str = "weights") -> np.ndarray:
    """Validate weights against ``criteria`` and return them as an array summing to 1.

    Parameters
    ----------
    weights : mapping, Series or array-like
        A mapping or Series keyed by criterion label (every criterion must be
        present), or a sequence in the order of ``criteria``.
    criteria : pandas.Index
        The criteria labels.
    name : str
        The argument name used in error messages.

    Returns
    -------
    numpy.ndarray
        Non-negative weights in criterion order, summing to 1.
    """
    if isinstance(weights, (Mapping, pd.Series)):
        values = values_by_criterion(
            name, dict(weights.items()), criteria, error=InvalidWeightsError
        )
    elif isinstance(weights, (str, bytes)):
        raise InvalidTypeError(
            f"{name} must be a mapping or a sequence of numbers; got {describe(weights)}"
        )
    else:
        values = weights
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InvalidWeightsError(
            f"{name} must contain only numbers; got {describe(values)}"
        ) from None
    if array.ndim != 1 or array.shape[0] != len(criteria):
        raise InvalidWeightsError(
            f"{name} must have one value per criterion ({len(criteria)}); got shape {array.shape}"
        )
    if not (np.isfinite(array).all() and (array >= 0).all()):
        for bad, expected in ((~np.isfinite(array), "finite"), (array < 0, "non-negative")):
            if bad.any():
                raise InvalidWeightsError(
                    f"{name} must be {expected}; got "
                    + ", ".join(
                        f"{array[i]:g} for {describe(criteria[i])}"
                        for i in np.flatnonzero(bad).tolist()
                    )
                )
    largest = array.max()
    if largest <= 0:
        raise InvalidWeightsError(f"{name} must not all be zero; got {array.tolist()}")
    scaled = array / largest  # scale first, so that huge weights cannot overflow the sum
    result = scaled / scaled.sum()
    result.flags.writeable = False
    return result


class DecisionProblem(Immutable):
    """A labelled, validated, immutable multi-criteria decision problem.

    Parameters
    ----------
    performance : pandas.DataFrame or array-like
        Rows are alternatives, columns are criteria. A DataFrame provides the
        labels; for a plain array pass ``alternatives`` and ``criteria`` (or
        default labels ``A1, A2, ...`` and ``C1, C2, ...`` are used).
    objectives : mapping, sequence or str
        For each criterion ``"max"`` / ``"benefit"`` / ``1`` (larger is better)
        or ``"min"`` / ``"cost"`` / ``-1`` (smaller is better): a mapping keyed
        by criterion, a sequence in column order, or one alias for all.
    weights : mapping, sequence or None, optional
        Criteria weights, normalised to sum to 1. ``None`` leaves the problem
        without weights (methods then require them, or sample them).
    alternatives, criteria : sequence of labels, optional
        Labels for a plain-array ``performance``. With a DataFrame they
        replace its index and columns.
    provenance : pandas.DataFrame, optional
        Where each cell's value comes from: one row per cell, indexed by
        (alternative, criterion) with any columns (for example ``source``,
        ``year``, ``imputed``, ``low``, ``high``, as
        :meth:`coopdecide.data.Indicators.to_problem` writes them). Kept by
        :meth:`with_weights`, :meth:`with_objectives` and :meth:`subset`;
        not compared by ``==``.

    Raises
    ------
    InvalidProblemError
        Non-finite or non-numeric cells (named), duplicate labels, an unknown
        objective alias, objectives for unknown criteria or missing ones,
        fewer than 2 alternatives or no criterion.
    InvalidWeightsError
        Negative, non-finite, all-zero or mislabelled weights.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[250, 16, 12], [200, 16, 8], [300, 32, 16]],
    ...     objectives=["min", "max", "max"],
    ...     alternatives=["P1", "P2", "P3"],
    ...     criteria=["cost", "storage", "camera"],
    ...     weights=[2, 1, 1],
    ... )
    >>> problem.weights.tolist()
    [0.5, 0.25, 0.25]
    >>> problem.objectives.tolist()
    [-1, 1, 1]
    """

    __slots__ = ("_alternatives", "_criteria", "_matrix", "_provenance", "_types", "_weights")
    _mutators = "with_weights() and friends"
    _alternatives: pd.Index
    _criteria: pd.Index
    _matrix: np.ndarray
    _provenance: pd.DataFrame | None
    _types: np.ndarray
    _weights: np.ndarray | None

    def __init__(
        self,
        performance: pd.DataFrame | npt.ArrayLike,
        objectives: Mapping[Any, Any] | Sequence[Any] | str | pd.Series,
        weights: Mapping[Any, float] | npt.ArrayLike | pd.Series | None = None,
        *,
        alternatives: Sequence[Any] | pd.Index | None = None,
        criteria: Sequence[Any] | pd.Index | None = None,
        provenance: pd.DataFrame | None = None,
    ) -> None:
        if isinstance(performance, DecisionProblem):
            raise InvalidTypeError(
                "performance must be a DataFrame or array-like; got a DecisionProblem "
                "(use problem.with_weights() to change its weights)"
            )
        if isinstance(performance, pd.DataFrame):
            matrix = _numeric_matrix(performance)
            alt_labels = performance.index if alternatives is None else alternatives
            crit_labels = performance.columns if criteria is None else criteria
        else:
            try:
                matrix = np.array(performance, dtype=float)
            except (TypeError, ValueError):
                raise InvalidProblemError(
                    "performance must contain only numbers; got values that cannot be "
                    "converted to float"
                ) from None
            if matrix.ndim != 2:
                raise InvalidProblemError(
                    f"performance must be two-dimensional (alternatives x criteria); "
                    f"got an array of shape {matrix.shape}"
                )
            alt_labels = (
                _default_labels("A", matrix.shape[0]) if alternatives is None else alternatives
            )
            crit_labels = _default_labels("C", matrix.shape[1]) if criteria is None else criteria
        if matrix.shape[0] < 2:
            raise InvalidProblemError(
                f"performance must have at least 2 alternatives; got {matrix.shape[0]}"
            )
        if matrix.shape[1] < 1:
            raise InvalidProblemError("performance must have at least 1 criterion; got 0")
        alt_index = _as_index(alt_labels, "alternatives", matrix.shape[0])
        crit_index = _as_index(crit_labels, "criteria", matrix.shape[1])
        _check_cells(matrix, alt_index, crit_index)
        matrix.flags.writeable = False
        types = self._parse_objectives(objectives, crit_index)
        weight_array = None if weights is None else normalize_weights(weights, crit_index)
        cells = None if provenance is None else _check_provenance(provenance, alt_index, crit_index)
        object.__setattr__(self, "_provenance", cells)
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_alternatives", alt_index)
        object.__setattr__(self, "_criteria", crit_index)
        object.__setattr__(self, "_types", types)
        object.__setattr__(self, "_weights", weight_array)

    @staticmethod
    def _parse_objectives(objectives: Any, criteria: pd.Index) -> np.ndarray:
        if isinstance(objectives, (str, Objective)):
            values = [Objective.from_alias(objectives)] * len(criteria)
        elif isinstance(objectives, (Mapping, pd.Series)):
            aliases = values_by_criterion(
                "objectives", dict(objectives.items()), criteria, error=InvalidProblemError
            )
            values = [
                Objective.from_alias(v, criterion=c) for v, c in zip(aliases, criteria, strict=True)
            ]
        else:
            try:
                items = list(objectives)
            except TypeError:
                raise InvalidProblemError(
                    "objectives must be a mapping, a sequence or one alias; "
                    f"got {describe(objectives)}"
                ) from None
            if len(items) != len(criteria):
                raise InvalidProblemError(
                    f"objectives must have one entry per criterion ({len(criteria)}); "
                    f"got {len(items)}"
                )
            common = [_COMMON_ALIASES.get(v) if isinstance(v, str) else None for v in items]
            values = (
                cast("list[Objective]", common)  # the usual spellings, without reading the labels
                if None not in common
                else [
                    Objective.from_alias(v, criterion=c)
                    for v, c in zip(items, criteria, strict=True)
                ]
            )
        types = np.array([int(v) for v in values], dtype=np.int8)
        types.flags.writeable = False
        return types

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild through the validated fast path, so pickling works despite __setattr__.
        return (
            DecisionProblem._from_validated,
            (
                self._matrix,
                self._alternatives,
                self._criteria,
                self._types,
                self._weights,
                self._provenance,
            ),
        )

    @classmethod
    def _from_validated(
        cls,
        matrix: np.ndarray,
        alternatives: pd.Index,
        criteria: pd.Index,
        types: np.ndarray,
        weights: np.ndarray | None,
        provenance: pd.DataFrame | None = None,
    ) -> DecisionProblem:
        new = object.__new__(cls)
        object.__setattr__(new, "_provenance", provenance)
        object.__setattr__(new, "_matrix", matrix)
        object.__setattr__(new, "_alternatives", alternatives)
        object.__setattr__(new, "_criteria", criteria)
        object.__setattr__(new, "_weights", weights)
        object.__setattr__(new, "_types", types)
        return new

    # -- labelled views -------------------------------------------------------
    @property
    def performance(self) -> pd.DataFrame:
        """The performance table (a copy): alternatives x criteria."""
        return pd.DataFrame(
            self._matrix.copy(), index=self._alternatives.copy(), columns=self._criteria.copy()
        )

    @property
    def objectives(self) -> pd.Series:
        """+1 (max, benefit) or -1 (min, cost) for each criterion."""
        return pd.Series(self._types.astype(int), index=self._criteria.copy(), name="objective")

    @property
    def weights(self) -> pd.Series | None:
        """The criteria weights (summing to 1), or None if none were given."""
        if self._weights is None:
            return None
        return pd.Series(self._weights.copy(), index=self._criteria.copy(), name="weight")

    @property
    def alternatives(self) -> pd.Index:
        """The alternative labels."""
        return self._alternatives.view()  # a new Index object on the same (immutable) labels

    @property
    def criteria(self) -> pd.Index:
        """The criterion labels."""
        return self._criteria.view()

    @property
    def provenance(self) -> pd.DataFrame | None:
        """Where each cell comes from (a copy), indexed by (alternative, criterion), or None."""
        return None if self._provenance is None else self._provenance.copy()

    @property
    def shape(self) -> tuple[int, int]:
        """(number of alternatives, number of criteria)."""
        rows, columns = self._matrix.shape
        return rows, columns

    @property
    def matrix(self) -> np.ndarray:
        """The performance values as a read-only float array (no copy)."""
        return self._matrix

    @property
    def types(self) -> np.ndarray:
        """The objectives as a read-only int array of +1 / -1 (no copy)."""
        return self._types

    @property
    def weight_array(self) -> np.ndarray | None:
        """The weights as a read-only float array, or None (no copy)."""
        return self._weights

    # -- derived problems -----------------------------------------------------
    def with_weights(self, weights: Mapping[Any, float] | npt.ArrayLike | None) -> DecisionProblem:
        """Return a copy of the problem with new weights (normalised to sum 1)."""
        new_weights = None if weights is None else normalize_weights(weights, self._criteria)
        return self._from_validated(
            self._matrix,
            self._alternatives,
            self._criteria,
            self._types,
            new_weights,
            self._provenance,
        )

    def with_objectives(self, objectives: Any) -> DecisionProblem:
        """Return a copy of the problem with new objectives."""
        types = self._parse_objectives(objectives, self._criteria)
        return self._from_validated(
            self._matrix,
            self._alternatives,
            self._criteria,
            types,
            self._weights,
            self._provenance,
        )

    def subset(
        self,
        alternatives: Sequence[Any] | None = None,
        criteria: Sequence[Any] | None = None,
    ) -> DecisionProblem:
        """Return the problem restricted to some alternatives and/or criteria.

        Weights of the kept criteria are renormalised to sum 1.
        """
        rows = self._positions("alternatives", self._alternatives, alternatives)
        cols = self._positions("criteria", self._criteria, criteria)
        weights = None if self._weights is None else self._weights[cols]
        provenance = None
        if self._provenance is not None:
            keep = pd.MultiIndex.from_product(
                [self._alternatives[rows], self._criteria[cols]],
                names=self._provenance.index.names,
            )
            provenance = self._provenance.loc[keep]
        return DecisionProblem(
            self._matrix[np.ix_(rows, cols)],
            objectives=self._types[cols].tolist(),
            weights=weights,
            alternatives=self._alternatives[rows],
            criteria=self._criteria[cols],
            provenance=provenance,
        )

    @staticmethod
    def _positions(name: str, index: pd.Index, labels: Sequence[Any] | None) -> np.ndarray:
        if labels is None:
            return np.arange(len(index))
        labels = list(labels)
        unknown = [label for label in labels if label not in index]
        if unknown:
            raise InvalidProblemError(f"{name} has unknown labels: {format_labels(unknown)}")
        return index.get_indexer(pd.Index(labels))

    def dominated(self) -> pd.DataFrame:
        """Alternatives dominated by another: at least as good everywhere, better somewhere.

        Returns
        -------
        pandas.DataFrame
            Columns ``alternative`` and ``dominated_by``; one row per pair.
        """
        oriented = self._matrix * self._types
        geq = (oriented[:, None, :] >= oriented[None, :, :]).all(axis=2)
        gt = (oriented[:, None, :] > oriented[None, :, :]).any(axis=2)
        dominates = geq & gt  # dominates[i, j]: i dominates j
        winners, losers = np.nonzero(dominates)
        return pd.DataFrame(
            {
                "alternative": self._alternatives[losers],
                "dominated_by": self._alternatives[winners],
            }
        )

    # -- comparison and display ----------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DecisionProblem):
            return NotImplemented
        same_weights = (self._weights is None and other._weights is None) or (
            self._weights is not None
            and other._weights is not None
            and np.array_equal(self._weights, other._weights)
        )
        return (
            self._matrix.shape == other._matrix.shape
            and np.array_equal(self._matrix, other._matrix)
            and self._alternatives.equals(other._alternatives)
            and self._criteria.equals(other._criteria)
            and np.array_equal(self._types, other._types)
            and same_weights
        )

    __hash__ = None  # type: ignore[assignment]

    def to_frame(self) -> pd.DataFrame:
        """The performance table with two header rows: objective and weight."""
        table = self.performance
        header = pd.DataFrame(
            [
                ["max" if t > 0 else "min" for t in self._types],
                [np.nan] * len(self._criteria) if self._weights is None else list(self._weights),
            ],
            index=["objective", "weight"],
            columns=self._criteria,
        )
        return pd.concat([header, table.astype(object)])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable description of the problem."""
        return {
            "alternatives": [str(a) for a in self._alternatives],
            "criteria": [str(c) for c in self._criteria],
            "objectives": ["max" if t > 0 else "min" for t in self._types],
            "weights": None if self._weights is None else self._weights.tolist(),
            "performance": self._matrix.tolist(),
            "provenance": None
            if self._provenance is None
            else to_jsonable(self._provenance.reset_index().to_dict("records")),
        }

    def __repr__(self) -> str:
        n, m = self.shape
        weights = "no weights" if self._weights is None else "weighted"
        if self._provenance is not None:
            weights += ", with provenance"
        body = self.to_frame().to_string(max_rows=20, max_cols=12)
        return f"DecisionProblem({n} alternatives x {m} criteria, {weights})\n{body}"

    def _repr_html_(self) -> str:
        n, m = self.shape
        weights = "no weights" if self._weights is None else "weighted"
        return (
            f"<p><strong>DecisionProblem</strong>: {n} alternatives x {m} criteria, {weights}</p>"
            + self.to_frame().to_html(max_rows=30, max_cols=20)
        )
