"""The bundled partner-countries dataset: candidate cooperation partners of any focal country.

The data files (``data/partner_countries.csv``, one row per country, and
``data/partner_country_pairs.csv.xz``, one row per pair of countries) are built
by ``scripts/build_partner_countries.py`` from committed raw files (UN General
Assembly votes, the Passport Index visa matrix, the World Bank Worldwide
Governance Indicators, CEPII GeoDist) and pinned packages (CIA World Factbook,
countrygroups, CLDR). Every criterion relative to the focal country is computed
here, at load time, for the focal country asked for. See ``docs/data.md`` for
the sources, formulas and caveats.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Mapping, Sequence
from typing import Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._validation import closest, describe
from coopdecide.datasets._common import choose_criteria, read_csv
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.problem import DecisionProblem

__all__ = [
    "CRITERIA",
    "EXTRA_CRITERIA",
    "VISA_SCORES",
    "load_partner_countries",
    "load_partner_countries_table",
    "partner_countries_excluded",
    "partner_countries_metadata",
    "partner_countries_standard_errors",
]

#: The default criteria in their stable order, with their objectives.
CRITERIA: Mapping[str, str] = {
    "political_alignment": "max",
    "cultural_distance": "min",
    "regulatory_quality": "max",
    "mobility_openness": "max",
    "economic_size": "max",
    "risk": "min",
}

_ISSUES = ("me", "nu", "di", "hr", "co", "ec")
_WGI = (
    "wgi_voice_accountability",
    "wgi_political_stability",
    "wgi_government_effectiveness",
    "wgi_regulatory_quality",
    "wgi_rule_of_law",
    "wgi_control_of_corruption",
)

#: Further columns that can be chosen as criteria (``criteria=[...]``), with objectives.
EXTRA_CRITERIA: Mapping[str, str] = {
    "un_kappa": "max",
    **{f"un_agreement_{code}": "max" for code in _ISSUES},
    "membership_alignment": "max",
    "distance_km": "min",
    **dict.fromkeys(_WGI, "max"),
}

#: Score of each visa requirement category for mobility_openness (1 = no barrier).
VISA_SCORES: Mapping[str, float] = {
    "visa_free": 1.0,
    "visa_on_arrival": 0.75,
    "eta": 0.75,
    "e_visa": 0.5,
    "visa_required": 0.0,
    "no_admission": 0.0,
}

#: Criteria measured with a published standard error: criterion -> WGI column.
_STANDARD_ERRORS: Mapping[str, str] = {
    "regulatory_quality": "wgi_regulatory_quality",
    "risk": "wgi_political_stability",
    **{name: name for name in _WGI},
}

DEFAULT_FOCAL = "IDN"
#: Half the Earth's circumference (mean radius 6371.0088 km, IUGG): the largest distance.
MAX_DISTANCE_KM = math.pi * 6371.0088

_PAIR_COLUMNS = {  # pair-table column -> per-focal column (a is the focal country)
    "un_common_votes": "un_common_votes",
    "un_agreement": "political_alignment",
    "un_kappa": "un_kappa",
    **{f"un_agreement_{code}": f"un_agreement_{code}" for code in _ISSUES},
    "visa_a_to_b": "visa_focal_to_partner",
    "visa_b_to_a": "visa_partner_to_focal",
    "distance_km": "distance_km",
    "contiguous": "contiguous",
    "common_official_language": "common_official_language",
    "common_language": "common_language",
    "colonial_tie": "colonial_tie",
    "common_colonizer": "common_colonizer",
    "io_jaccard": "io_jaccard",
    "bloc_jaccard": "bloc_jaccard",
}


@functools.lru_cache(maxsize=1)
def _countries() -> pd.DataFrame:
    table = read_csv("partner_countries.csv", dtype={"iso2": str}, keep_default_na=False)
    return table.set_index("iso3", drop=False)


@functools.lru_cache(maxsize=1)
def _pairs() -> pd.DataFrame:
    return read_csv("partner_country_pairs.csv.xz")


@functools.lru_cache(maxsize=1)
def _metadata() -> pd.DataFrame:
    table = read_csv("partner_countries_metadata.csv", dtype=str, keep_default_na=False)
    return table.set_index("column", drop=True)


@functools.lru_cache(maxsize=1)
def _excluded() -> pd.DataFrame:
    table = read_csv("partner_countries_excluded.csv", dtype=str, keep_default_na=False)
    return table.set_index("iso3", drop=True)


def _check_focal(focal: object) -> str:
    """The focal country's ISO3 code, or a clear error (left out, unknown, did you mean)."""
    if not isinstance(focal, str):
        raise InvalidTypeError(
            f"focal must be an ISO 3166-1 alpha-3 code such as 'IDN'; got {describe(focal)}"
        )
    countries, excluded = _countries(), _excluded()
    if focal in countries.index:
        return focal
    if focal in excluded.index:
        name, reason = (str(excluded.at[focal, column]) for column in ("country", "reason"))
        raise InvalidArgumentError(
            f"focal {focal!r} ({name}) is left out of the bundled data: {reason}; "
            "see partner_countries_excluded()"
        )
    # a near miss of a code ('idn', 'KNE'), else a country name ('Kenya', 'Chilé')
    names = dict(zip(countries["country"].str.casefold(), countries.index, strict=True))
    match = names.get(focal.casefold())
    if match is None and len(focal) == 3:
        match = closest(focal.upper(), countries.index)
    if match is None:
        match = names.get(str(closest(focal.casefold(), names)))
    hint = f" (did you mean {match!r}?)" if match else ""
    raise InvalidArgumentError(
        f"focal must be the ISO 3166-1 alpha-3 code of one of the {len(countries)} countries "
        f"of the dataset, such as 'IDN' or 'KEN'; got {focal!r}{hint}"
    )


def _focal_table(focal: str) -> pd.DataFrame:
    """The per-focal table: identifiers, raw indicators and every criterion."""
    pairs = _pairs()
    as_a = pairs[pairs["iso3_a"] == focal].rename(columns={"iso3_b": "iso3"})
    as_b = pairs[pairs["iso3_b"] == focal].rename(
        columns={"iso3_a": "iso3", "visa_a_to_b": "visa_b_to_a", "visa_b_to_a": "visa_a_to_b"}
    )
    relation = pd.concat([as_a, as_b]).set_index("iso3").loc[:, list(_PAIR_COLUMNS)]
    relation = relation.rename(columns=_PAIR_COLUMNS)
    countries = _countries().drop(index=focal)
    table = countries.loc[:, ["iso3", "country", "region", "gdp_year", "un_roll_calls"]].join(
        relation
    )
    table = table.join(countries.loc[:, [c for w in _WGI for c in (w, f"{w}_se")]])
    colonial = table[["colonial_tie", "common_colonizer"]].max(axis=1)
    table["cultural_distance"] = (
        (1 - table["common_language"]) + (1 - colonial) + table["distance_km"] / MAX_DISTANCE_KM
    ) / 3
    table["regulatory_quality"] = table["wgi_regulatory_quality"]
    scores = dict(VISA_SCORES)
    table["mobility_openness"] = (
        table["visa_focal_to_partner"].map(scores) + table["visa_partner_to_focal"].map(scores)
    ) / 2
    table["economic_size"] = countries["gdp_usd_bn"]
    table["risk"] = -table["wgi_political_stability"]
    table["membership_alignment"] = (table["io_jaccard"] + table["bloc_jaccard"]) / 2
    # political_alignment (from the pairs) moves to the criteria, in CRITERIA's order
    order = [c for c in table.columns if c not in CRITERIA and c != "membership_alignment"]
    table = table.loc[:, [*order, *CRITERIA, "membership_alignment"]]
    return table.set_index("country", drop=True)


@overload
def load_partner_countries(
    *,
    focal: str = ...,
    criteria: Sequence[str] | None = ...,
    weights: Mapping[str, float] | npt.ArrayLike | None = ...,
    raw: Literal[False] = ...,
) -> DecisionProblem: ...


@overload
def load_partner_countries(
    *,
    focal: str = ...,
    criteria: None = ...,
    weights: None = ...,
    raw: Literal[True],
) -> pd.DataFrame: ...


def load_partner_countries(
    *,
    focal: str = DEFAULT_FOCAL,
    criteria: Sequence[str] | None = None,
    weights: Mapping[str, float] | npt.ArrayLike | None = None,
    raw: bool = False,
) -> DecisionProblem | pd.DataFrame:
    """Load the candidate cooperation partners of a focal country as a decision problem.

    Every country of the dataset (187 with complete data, see
    :func:`partner_countries_excluded` for those left out) except the focal
    one is a candidate, on six criteria computed relative to the focal country:

    ========================  =========  ===========================================
    criterion                 objective  measure (source, year)
    ========================  =========  ===========================================
    political_alignment       max        UN General Assembly vote agreement, yes = 1,
                                         abstain = 0.5, no = 0 (Voeten; sessions
                                         65-74, 2010-2020)
    cultural_distance         min        no common language, no colonial tie,
                                         distance (CEPII GeoDist)
    regulatory_quality        max        WGI Regulatory Quality estimate (2019)
    mobility_openness         max        visa requirements both ways (Passport
                                         Index, January 2025)
    economic_size             max        GDP, USD billion (CIA World Factbook)
    risk                      min        minus the WGI Political Stability and
                                         Absence of Violence estimate (2019)
    ========================  =========  ===========================================

    :data:`EXTRA_CRITERIA` can be chosen too: the chance-corrected vote
    agreement ``un_kappa``, vote agreement per issue (``un_agreement_hr``,
    ...), the organisation-membership proxy ``membership_alignment`` of earlier
    releases, ``distance_km`` and the six WGI estimates. Bilateral trade is not
    included: no openly licensed source covering every pair is bundled.
    :func:`partner_countries_metadata` describes every column.

    Parameters
    ----------
    focal : str, default "IDN"
        ISO 3166-1 alpha-3 code of the country planning its cooperation, e.g.
        ``"KEN"`` or ``"CHL"``.
    criteria : sequence of str, optional
        Criteria to keep, in the order given, among :data:`CRITERIA` and
        :data:`EXTRA_CRITERIA`. ``None`` (default) keeps the six of
        :data:`CRITERIA`. Candidates with a missing value on a chosen criterion
        (only possible for the per-issue agreements) are left out.
    weights : mapping or array-like, optional
        Criteria weights, passed to :class:`~coopdecide.DecisionProblem`
        (normalised to sum to 1). ``None`` (default) leaves them unset.
    raw : bool, default False
        Deprecated: use :func:`load_partner_countries_table`. ``raw=True``
        still returns that DataFrame (``criteria`` and ``weights`` must then
        be None) with a ``FutureWarning``.

    Returns
    -------
    DecisionProblem
        Alternatives labelled by English country name, in the order of their
        ISO3 codes. A new object on every call. (A DataFrame with the
        deprecated ``raw=True``.)

    Raises
    ------
    InvalidArgumentError
        A focal code not in the dataset (with a suggestion), or one left out
        of it (with the reason); unknown, repeated or no criteria;
        ``criteria`` or ``weights`` given with ``raw=True``.
    InvalidTypeError
        ``focal`` not a string, ``criteria`` not a sequence of names or
        ``raw`` not a bool.
    InvalidWeightsError
        Invalid weights (see :class:`~coopdecide.DecisionProblem`).

    Warns
    -----
    FutureWarning
        With ``raw=True`` (deprecated).

    See Also
    --------
    partner_countries_standard_errors : the WGI standard errors, for
        :class:`~coopdecide.sensitivity.DataUncertainty`.

    Examples
    --------
    >>> from coopdecide.datasets import load_partner_countries
    >>> problem = load_partner_countries()
    >>> problem.shape
    (186, 6)
    >>> "Indonesia" in problem.alternatives
    False
    >>> round(float(problem.performance.loc["Malaysia", "political_alignment"]), 3)
    0.968
    >>> kenya = load_partner_countries(focal="KEN", criteria=["political_alignment", "risk"])
    >>> "Indonesia" in kenya.alternatives, "Kenya" in kenya.alternatives
    (True, False)
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
        return load_partner_countries_table(focal=focal)
    _, performance = _chosen(focal, criteria)
    objectives = {name: _objective(name) for name in performance.columns}
    return DecisionProblem(performance, objectives, weights)


def _objective(name: str) -> str:
    return CRITERIA.get(name) or EXTRA_CRITERIA[name]


def _chosen(focal: object, criteria: Sequence[str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The focal table and the chosen criteria's columns, candidates with missing values out."""
    table = _focal_table(_check_focal(focal))
    chosen = choose_criteria(criteria, {**CRITERIA, **EXTRA_CRITERIA}, CRITERIA)
    return table, table.loc[:, chosen].astype(float).dropna()


def load_partner_countries_table(*, focal: str = DEFAULT_FOCAL) -> pd.DataFrame:
    """Load the whole partner-countries table for a focal country.

    The table behind :func:`load_partner_countries`: identifiers, every raw
    indicator of the partner and of its relation to the focal country (vote
    agreement per issue, visa requirements both ways, CEPII distance and
    ties, WGI estimates with their standard errors), and every criterion. For
    analysts who want to inspect the sources or build a criterion differently
    (another visa scoring from the two ``visa_*`` columns, a log of GDP) and
    pass the result to :class:`~coopdecide.DecisionProblem`.

    Parameters
    ----------
    focal : str, default "IDN"
        ISO 3166-1 alpha-3 code of the focal country.

    Returns
    -------
    pandas.DataFrame
        Indexed by English country name (the candidates, in the order of
        :func:`load_partner_countries`); every column is described by
        :func:`partner_countries_metadata`. Missing values (per-issue vote
        agreement on too few common roll calls) are NaN. A new object on
        every call.

    Raises
    ------
    InvalidArgumentError, InvalidTypeError
        An unknown or left-out focal code (see :func:`load_partner_countries`).

    Examples
    --------
    >>> from coopdecide.datasets import load_partner_countries_table
    >>> table = load_partner_countries_table()
    >>> table.loc["Malaysia", "iso3"]
    'MYS'
    >>> table.loc["Japan", ["visa_focal_to_partner", "visa_partner_to_focal"]].tolist()
    ['visa_free', 'visa_on_arrival']
    """
    return _focal_table(_check_focal(focal))


def partner_countries_standard_errors(
    *, focal: str = DEFAULT_FOCAL, criteria: Sequence[str] | None = None
) -> pd.DataFrame:
    """Published standard errors of the criteria, for SMAA's data uncertainty.

    The World Bank publishes a standard error with every WGI estimate
    (Kaufmann, Kraay and Mastruzzi 2010): it measures how precisely the
    underlying surveys and expert assessments pin the estimate down. This
    returns them for the criteria built from WGI estimates
    (``regulatory_quality``, ``risk`` and the ``wgi_*`` extras), in the shape
    of :func:`load_partner_countries` with the same arguments, so that
    ``DataUncertainty(spread=partner_countries_standard_errors(),
    relative=False)`` makes :func:`~coopdecide.smaa` sample those cells from
    normal distributions with these standard deviations. The other criteria
    have no published standard error: their columns are NaN, which
    :class:`~coopdecide.sensitivity.DataUncertainty` treats as exact.

    Parameters
    ----------
    focal : str, default "IDN"
        ISO 3166-1 alpha-3 code of the focal country.
    criteria : sequence of str, optional
        As for :func:`load_partner_countries`.

    Returns
    -------
    pandas.DataFrame
        Alternatives x criteria, as the problem's performance table; in the
        criteria's units. A new object on every call.

    Examples
    --------
    >>> from coopdecide.datasets import partner_countries_standard_errors
    >>> errors = partner_countries_standard_errors()
    >>> round(float(errors.loc["Malaysia", "regulatory_quality"]), 3)
    0.178
    >>> bool(errors["political_alignment"].isna().all())
    True
    """
    table, performance = _chosen(focal, criteria)
    errors = pd.DataFrame(np.nan, index=performance.index, columns=performance.columns)
    for name in performance.columns:
        if name in _STANDARD_ERRORS:
            errors[name] = table.loc[performance.index, f"{_STANDARD_ERRORS[name]}_se"]
    return errors


def partner_countries_metadata() -> pd.DataFrame:
    """Describe every column of the partner-countries table.

    Returns
    -------
    pandas.DataFrame
        Indexed by column name (the columns of :func:`load_partner_countries_table`
        plus ``country``, its index), with the columns ``meaning``, ``unit``,
        ``objective`` (``"max"``/``"min"`` for the columns that can be
        criteria, empty otherwise), ``source``, ``year`` and ``licence``. A
        new object on every call.

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


def partner_countries_excluded() -> pd.DataFrame:
    """The countries left out of the dataset, and why.

    A country is in the dataset when every source has it: UN General Assembly
    votes in sessions 65-74, all six WGI 2019 estimates, the Passport Index,
    CEPII GeoDist and the package data (Factbook GDP and memberships, UN
    regions). UN member states missing from one of them are listed here.

    Returns
    -------
    pandas.DataFrame
        Indexed by ISO3 code, with the columns ``country`` and ``reason``. A
        new object on every call.

    Examples
    --------
    >>> from coopdecide.datasets import partner_countries_excluded
    >>> partner_countries_excluded().loc["SSD", "reason"]
    'not in CEPII GeoDist'
    """
    return _excluded().copy()
