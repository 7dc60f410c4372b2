"""Consistency of pairwise comparisons: random index tables, CI, CR and GCI.

The consistency ratio ``CR = CI / RI(n)`` with ``CI = (lambda_max - n) / (n - 1)``
depends on the random index table ``RI``; at least four tables are in use and
they give CRs up to about 20 % apart at ``n = 3``. The table is therefore an
explicit choice, named in every result. All functions accept arrays (batched).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Integral, Real
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from coopdecide._validation import check_option, describe, format_labels
from coopdecide.ahp.priorities import geometric_priorities
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = [
    "GCI_THRESHOLDS",
    "RI_TABLES",
    "RandomIndexTable",
    "consistency_index",
    "consistency_ratio",
    "gci_threshold",
    "geometric_consistency_index",
    "random_index",
    "resolve_ri_table",
]


@dataclass(frozen=True, eq=False)
class RandomIndexTable:
    """A table of random indices ``RI(n)``: the mean CI of random reciprocal matrices.

    Attributes
    ----------
    name : str
        The key used by ``ri_table=`` options.
    values : mapping
        ``n -> RI(n)`` as published.
    citation : str
        The source of the values.
    beyond : str
        What happens for ``n`` between or beyond the tabulated sizes.
    constant : float or None
        A user-supplied single RI used for every ``n >= 3`` (``ri_table=1.12``).
    """

    name: str
    values: MappingProxyType[int, float]
    citation: str
    beyond: str = "error"
    note: str = field(default="", compare=False)
    constant: float | None = None

    @property
    def max_n(self) -> int:
        """The largest tabulated size."""
        return max(self.values)

    def __call__(self, n: int) -> float:
        """``RI(n)``; see :func:`random_index`."""
        if self.constant is not None and n >= 1:
            return 0.0 if n <= 2 else self.constant
        if n in self.values:
            return self.values[n]
        if n < 1:
            raise InvalidArgumentError(f"n must be at least 1; got {n}")
        if self.beyond == "alonso-lamata-fit" and n > self.max_n:
            return (1.7699 * n - 4.3513) / (n - 1)
        if self.beyond == "interpolate" and n < self.max_n:
            sizes = np.array(sorted(self.values))
            return float(np.interp(n, sizes, [self.values[k] for k in sizes]))
        if self.name == "custom":
            raise InvalidArgumentError(
                f"the ri_table mapping gives random indices for n = "
                f"{format_labels(sorted(self.values), limit=20)}; got a comparison of {n} items"
            )
        raise InvalidArgumentError(
            f"ri_table {self.name!r} gives random indices for n = {min(self.values)}.."
            f"{self.max_n}; "
            f"got a comparison of {n} items (ri_table='alonso-lamata' extends to any n by "
            "the Alonso-Lamata linear fit, 'donegan-dodd' tabulates up to n = 100)"
        )


def _table(values: dict[int, float]) -> MappingProxyType[int, float]:
    return MappingProxyType(dict(values))


#: The random index tables, by name.
RI_TABLES: MappingProxyType[str, RandomIndexTable] = MappingProxyType(
    {
        "saaty1980": RandomIndexTable(
            name="saaty1980",
            values=_table(
                {
                    1: 0.0,
                    2: 0.0,
                    3: 0.58,
                    4: 0.90,
                    5: 1.12,
                    6: 1.24,
                    7: 1.32,
                    8: 1.41,
                    9: 1.45,
                    10: 1.49,
                    11: 1.51,
                    12: 1.48,
                    13: 1.56,
                    14: 1.57,
                    15: 1.59,
                }
            ),
            citation=(
                "Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill, New York "
                "(n = 1..10 from the Wharton School simulation; n = 11..15 from a smaller "
                "Oak Ridge sample, hence the non-monotone 1.48 at n = 12)."
            ),
            note="The table Saaty's own published CRs of 1980-1990 use.",
        ),
        "saaty2005": RandomIndexTable(
            name="saaty2005",
            values=_table(
                {
                    1: 0.0,
                    2: 0.0,
                    3: 0.52,
                    4: 0.89,
                    5: 1.11,
                    6: 1.25,
                    7: 1.35,
                    8: 1.40,
                    9: 1.45,
                    10: 1.49,
                    11: 1.52,
                    12: 1.54,
                    13: 1.56,
                    14: 1.58,
                    15: 1.59,
                }
            ),
            citation=(
                "Saaty, T.L. (2005). Theory and Applications of the Analytic Network Process. "
                "RWS Publications, Pittsburgh, p. 31 (revised random index)."
            ),
        ),
        "alonso-lamata": RandomIndexTable(
            name="alonso-lamata",
            values=_table(
                {
                    1: 0.0,
                    2: 0.0,
                    3: 0.5245,
                    4: 0.8815,
                    5: 1.1086,
                    6: 1.2479,
                    7: 1.3417,
                    8: 1.4056,
                    9: 1.4499,
                    10: 1.4854,
                    11: 1.5141,
                    12: 1.5365,
                    13: 1.5551,
                    14: 1.5713,
                    15: 1.5838,
                }
            ),
            citation=(
                "Alonso, J.A., Lamata, M.T. (2006). Consistency in the analytic hierarchy "
                "process: a new approach. International Journal of Uncertainty, Fuzziness and "
                "Knowledge-Based Systems 14(4):445-459 (100,000 random matrices per n). For "
                "n > 15 their linear fit lambda_max = 2.7699 n - 4.3513 gives "
                "RI = (1.7699 n - 4.3513) / (n - 1) (Goepel 2018, IJAHP 10(3), Eq. 5)."
            ),
            beyond="alonso-lamata-fit",
        ),
        "donegan-dodd": RandomIndexTable(
            name="donegan-dodd",
            values=_table(
                {
                    1: 0.0,
                    2: 0.0,
                    3: 0.4914,
                    4: 0.8286,
                    5: 1.0591,
                    6: 1.1797,
                    7: 1.2519,
                    8: 1.3171,
                    9: 1.3733,
                    10: 1.4055,
                    11: 1.4213,
                    12: 1.4497,
                    13: 1.4643,
                    14: 1.4822,
                    15: 1.4969,
                    16: 1.5078,
                    17: 1.5153,
                    18: 1.5262,
                    19: 1.5313,
                    20: 1.5371,
                    25: 1.5619,
                    30: 1.5772,
                    40: 1.5976,
                    50: 1.6102,
                    60: 1.6178,
                    70: 1.6237,
                    80: 1.6277,
                    90: 1.6213,
                    100: 1.6339,
                }
            ),
            citation=(
                "Donegan, H.A., Dodd, F.J. (1991). A note on Saaty's random indexes. "
                "Mathematical and Computer Modelling 15(10):135-137, "
                "doi:10.1016/0895-7177(91)90098-R (values as transcribed in AHPy, linear "
                "interpolation between tabulated sizes as AHPy does; the transcribed 1.6213 "
                "at n = 90 is kept although it breaks monotonicity)."
            ),
            beyond="interpolate",
        ),
    }
)

#: Thresholds of the geometric consistency index (Aguaron and Moreno-Jimenez 2003).
GCI_THRESHOLDS = MappingProxyType({3: 0.31, 4: 0.35})
_GCI_THRESHOLD_LARGE = 0.37


#: What ``ri_table=`` accepts: a table name, a RandomIndexTable, one RI, or a mapping n -> RI.
RITableLike = str | RandomIndexTable | float | Mapping[int, float]


def _custom_value(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(float(value)):
        raise InvalidTypeError(f"{name} must be a finite number; got {describe(value)}")
    if value <= 0:
        raise InvalidArgumentError(f"{name} must be positive (CR = CI / RI); got {describe(value)}")
    return float(value)


def resolve_ri_table(ri_table: Any) -> RandomIndexTable:
    """The random index table an ``ri_table=`` argument names, validated.

    Parameters
    ----------
    ri_table : str, float, mapping or RandomIndexTable
        A table name of :data:`RI_TABLES`; a positive number, the random
        index to use for a comparison of any size ``n >= 3`` (from another
        source or simulation, e.g. ``1.12``); or a mapping ``n -> RI`` (every
        RI for ``n >= 3`` positive; ``n`` not in it is an error when used).

    Raises
    ------
    UnknownMethodError
        An unknown table name.
    InvalidTypeError, InvalidArgumentError
        A number that is not finite and positive, or a bad mapping.

    Examples
    --------
    >>> resolve_ri_table(1.12)(5), resolve_ri_table({3: 0.5, 4: 0.85})(4)
    (1.12, 0.85)
    >>> resolve_ri_table("saaty2005").name
    'saaty2005'
    """
    if isinstance(ri_table, RandomIndexTable):
        return ri_table
    if isinstance(ri_table, str):
        return RI_TABLES[check_option("ri_table", ri_table, tuple(RI_TABLES))]
    if isinstance(ri_table, Mapping):
        if not ri_table:
            raise InvalidArgumentError("ri_table must not be an empty mapping")
        values = {}
        for n, value in ri_table.items():
            if isinstance(n, bool) or not isinstance(n, Integral) or n < 1:
                raise InvalidArgumentError(f"ri_table keys must be sizes n >= 1; got {describe(n)}")
            values[int(n)] = 0.0 if n <= 2 else _custom_value(f"ri_table[{int(n)}]", value)
        listed = ", ".join(f"{n}: {values[n]:g}" for n in sorted(values))
        return RandomIndexTable(
            name="custom",
            values=_table(values),
            citation=f"user-supplied random indices {{{listed}}}",
        )
    if isinstance(ri_table, Real) and not isinstance(ri_table, bool):
        value = _custom_value("ri_table", ri_table)
        return RandomIndexTable(
            name="custom",
            values=_table({}),
            citation=f"user-supplied random index RI = {value:g} (for every n >= 3)",
            constant=value,
        )
    raise InvalidTypeError(
        f"ri_table must be a table name ({format_labels(RI_TABLES)}), a positive number or a "
        f"mapping n -> RI; got {describe(ri_table)}"
    )


def random_index(n: int, ri_table: RITableLike = "saaty1980") -> float:
    """The random index ``RI(n)`` of a named table (or of a user-supplied one).

    Parameters
    ----------
    n : int
        Number of items compared.
    ri_table : {"saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"}, float or mapping
        The table; see :data:`RI_TABLES` for each citation. ``"alonso-lamata"``
        continues beyond n = 15 with the authors' linear fit,
        ``"donegan-dodd"`` interpolates linearly between its tabulated sizes
        up to n = 100; the Saaty tables stop at n = 15. A positive number or a
        mapping ``n -> RI`` is a user-supplied index (:func:`resolve_ri_table`).

    Raises
    ------
    InvalidArgumentError
        ``n`` outside the table's range.
    UnknownMethodError
        An unknown table name.

    Examples
    --------
    >>> random_index(8), random_index(8, "saaty2005"), random_index(8, "alonso-lamata")
    (1.41, 1.4, 1.4056)
    """
    return resolve_ri_table(ri_table)(int(n))


def consistency_index(lambda_max: npt.ArrayLike, n: int) -> np.ndarray | float:
    """Saaty's consistency index ``CI = (lambda_max - n) / (n - 1)``; 0 for ``n <= 2``.

    Examples
    --------
    >>> round(consistency_index(9.669, 8), 4)
    0.2384
    """
    lam = np.asarray(lambda_max, dtype=float)
    result = np.zeros_like(lam) if n <= 2 else (lam - n) / (n - 1)
    return float(result) if result.ndim == 0 else result


def consistency_ratio(
    lambda_max: npt.ArrayLike, n: int, ri_table: RITableLike = "saaty1980"
) -> np.ndarray | float:
    """Saaty's consistency ratio ``CR = CI / RI(n)``; 0 for ``n <= 2``.

    Matrices of 1 or 2 items are always consistent (``lambda_max = n``).

    Examples
    --------
    >>> round(consistency_ratio(9.669, 8), 3)
    0.169
    """
    ci = consistency_index(lambda_max, n)
    if n <= 2:
        return ci
    return ci / random_index(n, ri_table)


def geometric_consistency_index(
    matrices: npt.ArrayLike, weights: npt.ArrayLike | None = None
) -> np.ndarray | float:
    """Geometric consistency index of Aguaron and Moreno-Jimenez (2003).

    ``GCI = 2 / ((n - 1)(n - 2)) * sum_{i<j} log^2(a_ij w_j / w_i)`` with
    ``w`` the row geometric mean priorities; 0 for ``n <= 2``. Batched over
    stacks of shape ``(..., n, n)``.

    Parameters
    ----------
    matrices : array-like, shape (..., n, n)
        Complete positive reciprocal matrices.
    weights : array-like, shape (..., n), optional
        Priorities; default the row geometric means.

    References
    ----------
    Aguaron, J., Moreno-Jimenez, J.M. (2003). The geometric consistency index:
    approximated thresholds. European Journal of Operational Research
    147(1):137-145.

    Examples
    --------
    >>> geometric_consistency_index([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]) < 1e-12
    True
    """
    a = np.asarray(matrices, dtype=float)
    n = a.shape[-1]
    w = geometric_priorities(a) if weights is None else np.asarray(weights, dtype=float)
    if n <= 2:
        result = np.zeros(a.shape[:-2])
    else:
        log_w = np.log(w)
        e = np.log(a) + log_w[..., None, :] - log_w[..., :, None]
        # sum over i < j equals half the sum over all i != j (log e_ji = -log e_ij)
        result = (e**2).sum(axis=(-2, -1)) / ((n - 1) * (n - 2))
    return float(result) if np.ndim(result) == 0 else result


def gci_threshold(n: int) -> float:
    """The GCI threshold for ``n`` items: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).

    Aguaron and Moreno-Jimenez (2003) derived them to match Saaty's CR
    thresholds 0.05, 0.08 and 0.10. For ``n <= 2`` the GCI is always 0 and the
    threshold returned is 0.

    Examples
    --------
    >>> gci_threshold(3), gci_threshold(4), gci_threshold(9)
    (0.31, 0.35, 0.37)
    """
    if n <= 2:
        return 0.0
    return GCI_THRESHOLDS.get(n, _GCI_THRESHOLD_LARGE)
