"""The pairwise comparison matrix: a validated, labelled, immutable object.

A :class:`PairwiseComparison` holds the judgments of one person about ``n``
items (criteria or alternatives): ``a_ij`` says how much more important item
``i`` is than item ``j``, and ``a_ji = 1 / a_ij``. Pairs that were not judged
are ``NaN`` (an *incomplete* comparison); they are always missing in both
triangles at once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from numbers import Real
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import Immutable, html_section, to_jsonable
from coopdecide._validation import check_real, describe, format_labels, show_number
from coopdecide.exceptions import InvalidComparisonError, InvalidTypeError

__all__ = ["RECIPROCITY_RTOL", "PairwiseComparison"]

#: Default relative tolerance on reciprocity, ``|a_ij * a_ji - 1| <= rtol``.
#: Large enough for matrices printed with two decimals (``1/8`` printed as
#: ``0.13`` is 4 % off), small enough to reject the typos found in printed
#: sources (a ``2`` opposite a ``1/3`` is 33 % off).
RECIPROCITY_RTOL = 0.05


def _default_labels(n: int) -> list[str]:
    return [f"C{i + 1}" for i in range(n)]


def _as_labels(labels: Any, n: int | None, name: str = "labels") -> pd.Index:
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Iterable):
        raise InvalidTypeError(f"{name} must be a sequence of labels; got {describe(labels)}")
    items = list(labels)
    for label in items:
        if not isinstance(label, Hashable) or (isinstance(label, float) and np.isnan(label)):
            raise InvalidComparisonError(
                f"{name} must be hashable and not NaN; got {describe(label)} in {name}"
            )
    index = pd.Index(items, dtype=object)
    if n is not None and len(index) != n:
        raise InvalidComparisonError(
            f"{name} must have one label per row of the matrix ({n}); got {len(index)}"
        )
    if index.has_duplicates:
        duplicated = index[index.duplicated()].unique()
        raise InvalidComparisonError(
            f"{name} must be unique; duplicated: {format_labels(duplicated)}"
        )
    return index


def _pair_list(pairs: Sequence[tuple[int, int]], labels: pd.Index, matrix: np.ndarray) -> str:
    shown = [
        f"({describe(labels[i])}, {describe(labels[j])}) = {show_number(matrix[i, j])}"
        for i, j in pairs[:6]
    ]
    more = f" ... ({len(pairs) - 6} more)" if len(pairs) > 6 else ""
    return ", ".join(shown) + more


@lru_cache(maxsize=64)
def _default_index(n: int) -> pd.Index:
    return pd.Index(_default_labels(n), dtype=object)


@lru_cache(maxsize=64)
def _upper_mask(n: int) -> np.ndarray:
    mask = np.triu(np.ones((n, n), dtype=bool))
    mask.flags.writeable = False
    return mask


def _validate_matrix(matrix: np.ndarray, labels: pd.Index | None, rtol: float) -> np.ndarray:
    """Check a square float matrix and return an exactly reciprocal copy.

    For each known pair the entry that is at least 1 is kept (that is the
    judgment a person writes down) and its mirror is replaced by the exact
    reciprocal, so ``0.333`` opposite ``3`` becomes ``1/3``. ``labels=None``
    stands for the default labels (built only to word an error).
    """
    n = matrix.shape[0]
    transposed = matrix.T
    # fast path, no NaN: reductions propagate NaN silently, so min() > 0 is False with a NaN
    if matrix.min() > 0 and matrix.max() < np.inf:
        if not np.abs(matrix * transposed - 1.0).max() <= rtol:
            _explain_invalid(matrix, _default_index(n) if labels is None else labels, rtol)
        keep = np.where(_upper_mask(n), matrix >= transposed, matrix > transposed)
        result = np.where(keep, matrix, 1.0 / transposed)
    else:
        _explain_invalid(matrix, _default_index(n) if labels is None else labels, rtol)
        with np.errstate(invalid="ignore", divide="ignore"):
            keep = np.where(_upper_mask(n), matrix >= transposed, matrix > transposed)
            result = np.where(keep, matrix, 1.0 / transposed)
    np.fill_diagonal(result, 1.0)
    return result


def _explain_invalid(matrix: np.ndarray, labels: pd.Index, rtol: float) -> None:
    """Raise the error that names what is wrong; return if the matrix is valid."""
    missing = np.isnan(matrix)
    known = ~missing
    with np.errstate(invalid="ignore"):
        bad = known & ~((matrix > 0) & np.isfinite(matrix))
    if bad.any():
        rows, cols = np.nonzero(bad)
        raise InvalidComparisonError(
            "matrix must contain positive finite judgments (NaN for a missing pair); got "
            + _pair_list(list(zip(rows.tolist(), cols.tolist(), strict=True)), labels, matrix)
        )
    diagonal = np.diagonal(matrix)
    bad_diag = np.flatnonzero(~(np.abs(diagonal - 1.0) <= rtol))
    if bad_diag.size:
        i = int(bad_diag[0])
        raise InvalidComparisonError(
            f"matrix must have 1 on the diagonal; got {show_number(matrix[i, i])} at "
            f"({describe(labels[i])}, {describe(labels[i])})"
        )
    asym = missing != missing.T
    if asym.any():
        rows, cols = np.nonzero(asym & missing)
        i, j = int(rows[0]), int(cols[0])
        raise InvalidComparisonError(
            f"matrix must have missing pairs (NaN) in both triangles; ({describe(labels[i])}, "
            f"{describe(labels[j])}) is missing but "
            f"({describe(labels[j])}, {describe(labels[i])}) = {show_number(matrix[j, i])}"
        )
    with np.errstate(invalid="ignore"):
        product = matrix * matrix.T
        broken = np.triu(np.abs(product - 1.0) > rtol, k=1)
    if broken.any():
        rows, cols = np.nonzero(broken)
        i, j = int(rows[0]), int(cols[0])
        more = f" ({rows.size - 1} more pair(s) also break it)" if rows.size > 1 else ""
        raise InvalidComparisonError(
            f"matrix must be reciprocal (a_ji = 1/a_ij, relative tolerance {rtol:g}); got "
            f"({describe(labels[i])}, {describe(labels[j])}) = {show_number(matrix[i, j])} "
            f"and ({describe(labels[j])}, "
            f"{describe(labels[i])}) = {show_number(matrix[j, i])}, whose product is "
            f"{show_number(product[i, j])}{more}"
        )


def _judgment_value(a: Any, b: Any, value: Any, *, missing_allowed: bool = False) -> float:
    """The judgment of ``a`` over ``b`` as a positive float (NaN for a missing one if allowed)."""
    if missing_allowed and (value is None or (isinstance(value, float) and np.isnan(value))):
        return np.nan
    if isinstance(value, bool) or not isinstance(value, Real):
        expected = "a positive number or None" if missing_allowed else "a positive number"
        raise InvalidComparisonError(
            f"judgment ({describe(a)}, {describe(b)}) must be {expected}; got {describe(value)}"
        )
    number = float(value)
    if not (np.isfinite(number) and number > 0):
        raise InvalidComparisonError(
            f"judgment ({describe(a)}, {describe(b)}) must be a positive finite number; "
            f"got {show_number(number)}"
        )
    return number


class PairwiseComparison(Immutable):
    """A reciprocal pairwise comparison matrix with labels, possibly incomplete.

    Parameters
    ----------
    matrix : array-like or pandas.DataFrame
        Square matrix, ``matrix[i, j]`` = how much more important item ``i``
        is than item ``j`` (Saaty's 1-9 scale or any positive ratio). A pair
        that was not judged is ``NaN`` (or ``None``) in both triangles. A
        DataFrame gives the labels: its index and columns must hold the same
        labels (the columns are reordered to the index if needed).
    labels : sequence, optional
        Item labels; default the DataFrame's index, else ``C1, C2, ...``.
    rtol : float, default 0.05
        Relative tolerance on reciprocity, ``|a_ij * a_ji - 1| <= rtol``, and
        on the unit diagonal. Printed matrices round reciprocals (``0.33``,
        ``0.14``); in each pair the entry that is at least 1 is kept and its
        mirror is replaced by the exact reciprocal.

    Raises
    ------
    InvalidComparisonError
        A non-square, non-numeric, zero, negative or infinite matrix, a
        diagonal other than 1, a pair missing in one triangle only, a pair
        that breaks reciprocity (named), or wrong or duplicated labels.

    See Also
    --------
    PairwiseComparison.from_judgments : build from a mapping of judgments.
    coopdecide.ahp.ahp : priorities and consistency.

    Examples
    --------
    >>> pc = PairwiseComparison(
    ...     [[1, 3, 5], [0.333, 1, 2], [0.2, 0.5, 1]], labels=["cost", "risk", "benefit"]
    ... )
    >>> pc.n, pc.is_complete
    (3, True)
    >>> float(pc.matrix[1, 0]) == 1 / 3  # 0.333 was read as 1/3
    True
    >>> incomplete = PairwiseComparison.from_judgments(
    ...     ["a", "b", "c"], {("a", "b"): 2, ("b", "c"): 4}
    ... )
    >>> incomplete.is_complete, incomplete.missing_pairs()
    (False, [('a', 'c')])
    """

    __slots__ = ("_labels", "_matrix", "_n_missing")
    _mutators = "with_judgment()"
    _labels: pd.Index
    _matrix: np.ndarray
    _n_missing: int

    def __init__(
        self,
        matrix: npt.ArrayLike | pd.DataFrame | PairwiseComparison,
        labels: Sequence[Hashable] | pd.Index | None = None,
        *,
        rtol: float = RECIPROCITY_RTOL,
    ) -> None:
        if isinstance(matrix, PairwiseComparison):
            index = matrix._labels if labels is None else _as_labels(labels, matrix.n)
            self._init(matrix._matrix, index)
            return
        if rtol is not RECIPROCITY_RTOL:
            rtol = check_real("rtol", rtol, minimum=0.0, maximum=0.5)
        if isinstance(matrix, pd.DataFrame):
            frame = matrix
            if not frame.index.equals(frame.columns):
                if (
                    len(frame.index) == len(frame.columns)
                    and not frame.index.has_duplicates
                    and not frame.columns.has_duplicates
                    and set(frame.index) == set(frame.columns)
                ):
                    frame = frame.loc[:, list(frame.index)]
                else:
                    raise InvalidComparisonError(
                        "matrix as a DataFrame must have the same labels in its index and "
                        f"columns; got index [{format_labels(frame.index)}] and columns "
                        f"[{format_labels(frame.columns)}]"
                    )
            values: Any = frame.to_numpy()
            default_labels: Any = frame.index
        else:
            values = matrix
            default_labels = None
        try:
            array = np.array(values, dtype=float)
        except (TypeError, ValueError):
            raise InvalidComparisonError(
                "matrix must contain only numbers (NaN or None for a missing pair); got values "
                "that cannot be converted to float"
            ) from None
        if array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] < 1:
            raise InvalidComparisonError(
                f"matrix must be a square two-dimensional array with at least one row; "
                f"got shape {array.shape}"
            )
        n = array.shape[0]
        if labels is None and default_labels is None:
            self._init(_validate_matrix(array, None, rtol), _default_index(n))
            return
        index = _as_labels(default_labels if labels is None else labels, n)
        self._init(_validate_matrix(array, index, rtol), index)

    def _init(self, matrix: np.ndarray, labels: pd.Index) -> None:
        if matrix.flags.writeable:
            matrix.flags.writeable = False
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_labels", labels)
        object.__setattr__(self, "_n_missing", int(np.count_nonzero(np.isnan(matrix))) // 2)

    @classmethod
    def _from_validated(cls, matrix: np.ndarray, labels: pd.Index) -> PairwiseComparison:
        new = object.__new__(cls)
        new._init(matrix, labels)
        return new

    # -- alternative constructors -------------------------------------------
    @classmethod
    def from_judgments(
        cls,
        labels: Sequence[Hashable] | pd.Index,
        judgments: Mapping[tuple[Hashable, Hashable], float]
        | Iterable[tuple[Hashable, Hashable, float]]
        | pd.DataFrame,
        *,
        rtol: float = RECIPROCITY_RTOL,
    ) -> PairwiseComparison:
        """Build a comparison from individual judgments.

        Parameters
        ----------
        labels : sequence
            The items compared, in the order of the matrix.
        judgments : mapping, iterable of triples or DataFrame
            ``{(a, b): value}`` where ``value`` is how much more important
            ``a`` is than ``b``; or ``(a, b, value)`` triples; or a DataFrame
            with columns ``row``, ``column``, ``value`` (as returned by
            :meth:`judgments`). Pairs left out are missing (an incomplete
            comparison). A pair may be given in both orders if the two values
            agree (``(a, b) = 3`` and ``(b, a) = 1/3``).
        rtol : float, default 0.05
            Relative tolerance when a pair is given in both orders.

        Raises
        ------
        InvalidComparisonError
            Duplicate labels, an unknown label, a pair of an item with
            itself, a zero, negative or non-finite value, or a pair given
            twice with conflicting values.

        Examples
        --------
        >>> pc = PairwiseComparison.from_judgments(
        ...     ["trade", "security"], {("trade", "security"): 3}
        ... )
        >>> pc.to_frame()
                     trade  security
        trade     1.000000       3.0
        security  0.333333       1.0
        """
        if rtol is not RECIPROCITY_RTOL:
            rtol = check_real("rtol", rtol, minimum=0.0, maximum=0.5)
        index = _as_labels(labels, None)
        n = len(index)
        if n < 1:
            raise InvalidComparisonError("labels must name at least one item; got none")
        positions = {label: k for k, label in enumerate(index)}
        matrix = np.full((n, n), np.nan)
        np.fill_diagonal(matrix, 1.0)
        given: dict[tuple[int, int], tuple[Any, Any, float]] = {}
        for a, b, value in _iter_judgments(judgments):
            for label in (a, b):
                if not isinstance(label, Hashable) or label not in positions:
                    raise InvalidComparisonError(
                        f"judgments name an unknown item {describe(label)} in pair "
                        f"({describe(a)}, {describe(b)}); "
                        f"the labels are {format_labels(index)}"
                    )
            if a == b:
                raise InvalidComparisonError(
                    "judgments must compare two different items; "
                    f"got the pair ({describe(a)}, {describe(b)})"
                )
            number = _judgment_value(a, b, value)
            i, j = positions[a], positions[b]
            key = (min(i, j), max(i, j))
            oriented = number if i < j else 1.0 / number
            if key in given:
                pa, pb, pv = given[key]
                previous = pv if positions[pa] < positions[pb] else 1.0 / pv
                if abs(oriented / previous - 1.0) > rtol:
                    raise InvalidComparisonError(
                        f"judgments give the pair ({describe(a)}, {describe(b)}) twice with "
                        f"conflicting values: ({describe(pa)}, {describe(pb)}) = "
                        f"{show_number(pv)} and "
                        f"({describe(a)}, {describe(b)}) = {show_number(number)} "
                        f"(the second should be {1.0 / pv if pa != a else pv:g})"
                    )
                continue
            given[key] = (a, b, number)
            matrix[i, j] = number
            matrix[j, i] = 1.0 / number
        return cls._from_validated(matrix, index)

    @classmethod
    def from_weights(
        cls,
        weights: Mapping[Hashable, float] | pd.Series | npt.ArrayLike,
        labels: Sequence[Hashable] | None = None,
    ) -> PairwiseComparison:
        """The perfectly consistent comparison ``a_ij = w_i / w_j`` of given weights.

        Examples
        --------
        >>> PairwiseComparison.from_weights({"a": 0.6, "b": 0.3, "c": 0.1}).matrix[0]
        array([1., 2., 6.])
        """
        if isinstance(weights, Mapping):
            weights = pd.Series(weights, dtype=float)
        if isinstance(weights, pd.Series):
            default = list(weights.index)
            values = weights.to_numpy(dtype=float)
        else:
            default = None
            try:
                values = np.array(weights, dtype=float)
            except (TypeError, ValueError):
                raise InvalidComparisonError(
                    "weights must be positive numbers; got values that cannot be converted"
                ) from None
        if values.ndim != 1 or values.size < 1:
            raise InvalidComparisonError(
                f"weights must be one-dimensional and non-empty; got shape {values.shape}"
            )
        if not (np.isfinite(values).all() and (values > 0).all()):
            raise InvalidComparisonError(
                f"weights must be positive and finite; got {values.tolist()}"
            )
        n = values.size
        if labels is None and default is None:
            index = _default_index(n)
        else:
            index = _as_labels(default if labels is None else labels, n)
        return cls._from_validated(values[:, None] / values[None, :], index)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairwiseComparison:
        """Rebuild a comparison from :meth:`to_dict` output (``None`` = missing)."""
        if not isinstance(data, Mapping) or "matrix" not in data:
            raise InvalidComparisonError(
                f"data must be a mapping with keys 'labels' and 'matrix'; got {describe(data)}"
            )
        matrix = [[np.nan if v is None else v for v in row] for row in data["matrix"]]
        return cls(matrix, labels=data.get("labels"))

    def __reduce__(self) -> tuple[Any, ...]:
        return (PairwiseComparison._from_validated, (np.array(self._matrix), self._labels))

    # -- views ----------------------------------------------------------------
    @property
    def labels(self) -> pd.Index:
        """The item labels."""
        return self._labels.copy()

    @property
    def matrix(self) -> np.ndarray:
        """The matrix as a read-only float array, ``NaN`` for missing pairs (no copy)."""
        return self._matrix

    @property
    def n(self) -> int:
        """The number of items compared."""
        return self._matrix.shape[0]

    @property
    def is_complete(self) -> bool:
        """True when every pair has a judgment."""
        return self._n_missing == 0

    @property
    def n_missing(self) -> int:
        """The number of pairs without a judgment."""
        return self._n_missing

    def missing_pairs(self) -> list[tuple[Hashable, Hashable]]:
        """The pairs without a judgment, as ``(row label, column label)`` with row before column."""
        if self._n_missing == 0:
            return []
        rows, cols = np.nonzero(np.triu(np.isnan(self._matrix), k=1))
        return [
            (self._labels[i], self._labels[j])
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
        ]

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a labelled DataFrame (a copy), ``NaN`` for missing pairs."""
        return pd.DataFrame(
            np.array(self._matrix), index=self._labels.copy(), columns=self._labels.copy()
        )

    def judgments(self, *, include_missing: bool = False) -> pd.DataFrame:
        """The judgments of the upper triangle as a tidy table.

        Parameters
        ----------
        include_missing : bool, default False
            Also list the missing pairs (with ``NaN`` value).

        Returns
        -------
        pandas.DataFrame
            Columns ``row``, ``column`` and ``value`` (how much more important
            ``row`` is than ``column``), one line per pair ``i < j``.

        Examples
        --------
        >>> pc = PairwiseComparison.from_judgments(["a", "b", "c"], {("a", "b"): 2, ("c", "b"): 4})
        >>> pc.judgments()
          row column  value
        0   a      b   2.00
        1   b      c   0.25
        """
        rows, cols = np.triu_indices(self.n, k=1)
        values = self._matrix[rows, cols]
        if not include_missing:
            keep = ~np.isnan(values)
            rows, cols, values = rows[keep], cols[keep], values[keep]
        return pd.DataFrame(
            {
                "row": self._labels[rows].to_numpy(dtype=object),
                "column": self._labels[cols].to_numpy(dtype=object),
                "value": values,
            }
        )

    def position(self, label: Hashable) -> int:
        """The row number of an item, with a clear error for an unknown label."""
        try:
            result = self._labels.get_loc(label)
        except (KeyError, TypeError):
            result = None
        if not isinstance(result, (int, np.integer)):
            raise InvalidComparisonError(
                f"unknown item {describe(label)}; the labels are {format_labels(self._labels)}"
            )
        return int(result)

    def with_judgment(self, a: Hashable, b: Hashable, value: float | None) -> PairwiseComparison:
        """Return a copy where ``a`` is ``value`` times as important as ``b``.

        ``value=None`` (or NaN) removes the judgment, making the pair missing.

        Examples
        --------
        >>> pc = PairwiseComparison.from_judgments(["a", "b"], {("a", "b"): 2})
        >>> pc.with_judgment("b", "a", 4).matrix[0, 1]
        np.float64(0.25)
        """
        i, j = self.position(a), self.position(b)
        if i == j:
            raise InvalidComparisonError(
                f"a judgment must compare two different items; got ({describe(a)}, {describe(b)})"
            )
        number = _judgment_value(a, b, value, missing_allowed=True)
        matrix = np.array(self._matrix)
        matrix[i, j] = number
        matrix[j, i] = 1.0 / number
        return self._from_validated(matrix, self._labels)

    # -- comparison, rendering, export ---------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PairwiseComparison):
            return NotImplemented
        return self._labels.equals(other._labels) and np.array_equal(
            self._matrix, other._matrix, equal_nan=True
        )

    def __hash__(self) -> int:
        return hash((tuple(self._labels), self._matrix.tobytes()))

    def _summary(self) -> str:
        if self._n_missing:
            total = self.n * (self.n - 1) // 2
            return f"{self.n} items, {self._n_missing} of {total} pairs missing"
        return f"{self.n} items, complete"

    def __repr__(self) -> str:
        frame = self.to_frame().round(4)
        return f"PairwiseComparison({self._summary()})\n{frame.to_string()}"

    def _repr_html_(self) -> str:
        return html_section(
            "PairwiseComparison",
            facts={"items": self.n, "missing pairs": self._n_missing},
            tables={"matrix": self.to_frame()},
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict: ``labels``, ``matrix`` (``None`` = missing), ``complete``."""
        return {
            "labels": to_jsonable(self._labels),
            "matrix": to_jsonable(self._matrix),
            "complete": self.is_complete,
        }


def _iter_judgments(judgments: Any) -> Iterable[tuple[Any, Any, Any]]:
    if isinstance(judgments, pd.DataFrame):
        required = {"row", "column", "value"}
        if not required <= set(judgments.columns):
            raise InvalidComparisonError(
                "judgments as a DataFrame must have columns 'row', 'column' and 'value'; got "
                f"{format_labels(judgments.columns)}"
            )
        yield from zip(
            judgments["row"], judgments["column"], judgments["value"].tolist(), strict=True
        )
        return
    if isinstance(judgments, Mapping):
        for key, value in judgments.items():
            if not isinstance(key, tuple) or len(key) != 2:
                raise InvalidComparisonError(
                    "judgments must be keyed by (a, b) pairs of labels; "
                    f"got the key {describe(key)}"
                )
            yield key[0], key[1], value
        return
    if isinstance(judgments, (str, bytes)) or not isinstance(judgments, Iterable):
        raise InvalidTypeError(
            "judgments must be a mapping {(a, b): value}, an iterable of (a, b, value) "
            f"triples or a DataFrame; got {type(judgments).__name__}"
        )
    for item in judgments:
        if not isinstance(item, (tuple, list)) or len(item) != 3:
            raise InvalidComparisonError(
                "judgments given as a sequence must hold (a, b, value) triples; "
                f"got {describe(item)}"
            )
        yield item[0], item[1], item[2]
