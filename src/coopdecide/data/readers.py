"""Readers for Hofstede's dimension table, CEPII's GeoDist files and a generic tidy CSV."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coopdecide._validation import format_labels
from coopdecide.data._files import (
    PathLike,
    UnknownPolicy,
    as_path,
    check_unknown,
    finish,
    harmonise,
    numbers,
    read_delimited,
    read_text,
    require_columns,
)
from coopdecide.data.countries import match_countries, to_iso3
from coopdecide.data.indicators import Indicators
from coopdecide.exceptions import DataFileError

__all__ = [
    "CEPII_DIST_COLUMNS",
    "HOFSTEDE_DIMENSIONS",
    "read_cepii_dist",
    "read_cepii_geo",
    "read_hofstede",
    "read_indicators_csv",
]

#: Hofstede's six dimensions, as the columns of the published table.
HOFSTEDE_DIMENSIONS = {
    "pdi": "Power distance",
    "idv": "Individualism",
    "mas": "Masculinity",
    "uai": "Uncertainty avoidance",
    "ltowvs": "Long-term orientation (World Values Survey based)",
    "ivr": "Indulgence versus restraint",
}

#: The pair columns of CEPII's dist_cepii file (besides iso_o and iso_d).
CEPII_DIST_COLUMNS = (
    "contig",
    "comlang_off",
    "comlang_ethno",
    "colony",
    "comcol",
    "curcol",
    "col45",
    "smctry",
    "dist",
    "distcap",
    "distw",
    "distwces",
)
_CEPII_MISSING = ("", ".", "NA")


def read_hofstede(
    path: PathLike,
    *,
    unknown: UnknownPolicy = "raise",
    source: str = "Hofstede dimensions (user-supplied file)",
) -> Indicators:
    """Read Hofstede's table of country scores on the six dimensions of national culture.

    The layout of the file distributed by Hofstede and colleagues
    (``6-dimensions-for-website-2015-08-16.csv`` and its copies): columns
    ``ctr; country; pdi; idv; mas; uai; ltowvs; ivr``, separated by ``;``
    (or ``,``), with ``#NULL!`` or an empty cell where a country has no score
    on a dimension. The table is not openly licensed, so coopdecide does not
    ship it: the analyst supplies the file.

    Countries are matched by name (``ctr`` is Hofstede's own code, not ISO):
    "U.S.A.", "Great Britain", "Korea South" and the like are understood; the
    regional and sub-national rows ("Arab countries", "Africa West",
    "Belgium French", "Switzerland German", ...) are dropped with a note.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    unknown : {"raise", "drop"}, default "raise"
        What to do with a country name that matches no country.
    source : str
        The source stored with every row.

    Returns
    -------
    Indicators
        Indicators ``pdi``, ``idv``, ``mas``, ``uai``, ``ltowvs``, ``ivr``,
        without a year (the scores are not dated).

    Raises
    ------
    DataFileError
        Missing columns, text other than ``#NULL!`` in a score cell, duplicate
        countries.
    UnknownCountryError
        An unknown country with ``unknown="raise"``.
    """
    file = as_path(path)
    check_unknown(unknown)
    frame = read_delimited(file, read_text(file))
    require_columns(file, list(frame.columns), ["ctr", "country", *HOFSTEDE_DIMENSIONS], "Hofstede")
    for dimension in HOFSTEDE_DIMENSIONS:
        frame[dimension] = numbers(frame[dimension], file.name, dimension, ("", "#NULL!"))
    kept, match, notes = harmonise(
        frame, file.name, code_column=None, name_column="country", unknown=unknown
    )
    long = kept.melt(
        id_vars=["country", "country_name", "_line"],
        value_vars=list(HOFSTEDE_DIMENSIONS),
        var_name="indicator",
        value_name="value",
    ).assign(year=np.nan)
    return finish(long, file.name, source=source, match=match, notes=notes)


def read_cepii_dist(
    path: PathLike,
    *,
    focal: str,
    unknown: UnknownPolicy = "raise",
    source: str = "CEPII GeoDist (Mayer and Zignago 2011)",
) -> Indicators:
    """Read CEPII's ``dist_cepii`` file: the pairs of ``focal`` with every other country.

    The layout of CEPII's GeoDist bilateral file: columns ``iso_o; iso_d;
    contig; comlang_off; comlang_ethno; colony; comcol; curcol; col45;
    smctry; dist; distcap; distw; distwces`` (``;`` or ``,`` separated), one
    row per ordered pair of countries, ``.`` or empty for missing values.
    CEPII's own codes ``ROM``, ``ZAR``, ``TMP`` and ``PAL`` are matched;
    ``YUG`` and ``ANT`` (former countries) are dropped with a note.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    focal : str
        The country planning its cooperation (ISO3 or name); the rows with
        ``iso_o`` equal to it give one value per partner ``iso_d``.
    unknown : {"raise", "drop"}, default "raise"
        What to do with a partner code that matches no country.
    source : str
        The source stored with every row.

    Returns
    -------
    Indicators
        The pair columns as indicators for each partner country (``dist``:
        kilometres between the main cities, ``distw``: population-weighted,
        ``contig``, ``comlang_off``, ``colony``, ... as 0/1), without a year.

    Raises
    ------
    DataFileError
        Missing columns, no row for ``focal``, text in a numeric cell,
        duplicate pairs.
    """
    file = as_path(path)
    check_unknown(unknown)
    focal_iso3 = to_iso3(focal, name="focal")
    frame = read_delimited(file, read_text(file))
    require_columns(file, list(frame.columns), ["iso_o", "iso_d"], "CEPII dist_cepii")
    measures = [c for c in CEPII_DIST_COLUMNS if c in frame.columns]
    if not measures:
        raise DataFileError(
            f"{file.name}: not the CEPII dist_cepii layout: none of the pair columns "
            f"{format_labels(CEPII_DIST_COLUMNS, limit=20)}"
        )
    origins = frame["iso_o"].map(match_countries(frame["iso_o"].unique()).iso3)
    partners = frame["iso_d"].map(match_countries(frame["iso_d"].unique()).iso3)
    frame = frame[(origins == focal_iso3) & (partners != focal_iso3)]
    if frame.empty:
        raise DataFileError(f"{file.name}, column 'iso_o': no rows for focal {focal_iso3!r}")
    frame = frame.copy()
    for column in measures:
        frame[column] = numbers(frame[column], file.name, column, _CEPII_MISSING)
    kept, match, notes = harmonise(
        frame, file.name, code_column="iso_d", name_column=None, unknown=unknown
    )
    long = kept.melt(
        id_vars=["country", "country_name", "_line"],
        value_vars=measures,
        var_name="indicator",
        value_name="value",
    ).assign(year=np.nan)
    return finish(
        long, file.name, source=f"{source}, pairs with {focal_iso3}", match=match, notes=notes
    )


def read_cepii_geo(
    path: PathLike,
    *,
    unknown: UnknownPolicy = "raise",
    source: str = "CEPII GeoDist (Mayer and Zignago 2011)",
) -> tuple[Indicators, pd.Series]:
    """Read CEPII's ``geo_cepii`` country file: numeric columns and the continent of each country.

    The layout of CEPII's GeoDist country file: ``iso2; iso3; cnum; country;
    pays; area; dis_int; landlocked; continent; city_en; ...; lat; lon; ...``
    (one row per country and main city; the row with ``cap`` = 1, the
    capital, is used when a country has several).

    Returns
    -------
    (Indicators, pandas.Series)
        Indicators ``area`` (km²), ``dis_int`` (internal distance, km) and
        ``landlocked`` (0/1), without a year; and the ``continent`` of each
        country (indexed by ISO3), a peer group for
        :class:`~coopdecide.data.Impute`.
    """
    file = as_path(path)
    check_unknown(unknown)
    frame = read_delimited(file, read_text(file))
    columns = ["iso3", "country", "area", "dis_int", "landlocked", "continent"]
    require_columns(file, list(frame.columns), columns, "CEPII geo_cepii")
    if "cap" in frame:
        frame = frame[~frame.duplicated("iso3", keep=False) | (frame["cap"] == "1")]
    measures = ["area", "dis_int", "landlocked"]
    for column in measures:
        frame[column] = numbers(frame[column], file.name, column, _CEPII_MISSING)
    kept, match, notes = harmonise(
        frame, file.name, code_column="iso3", name_column="country", unknown=unknown
    )
    continents = pd.Series(kept["continent"].to_numpy(), index=kept["country"], name="continent")
    long = kept.melt(
        id_vars=["country", "country_name", "_line"],
        value_vars=measures,
        var_name="indicator",
        value_name="value",
    ).assign(year=np.nan)
    table = finish(long, file.name, source=source, match=match, notes=notes)
    return table, continents[~continents.index.duplicated()]


def read_indicators_csv(
    path: PathLike,
    *,
    unknown: UnknownPolicy = "raise",
    source: str | None = None,
) -> Indicators:
    """Read a tidy CSV: ``country, year, indicator, value`` (and optional columns).

    Column names are matched without case. ``country`` may hold names or
    codes (ISO2, ISO3, numeric); ``year`` may be empty for undated values;
    optional columns ``stderr``, ``lower``, ``upper`` and ``source``; other
    columns are ignored. Empty, ``NA`` or ``..`` values are missing.

    Parameters
    ----------
    path : str or path-like
        The CSV file (``,`` or ``;`` separated).
    unknown : {"raise", "drop"}, default "raise"
        What to do with a country that matches no country.
    source : str, optional
        The source of rows that have none (default: the file name).

    Returns
    -------
    Indicators

    Raises
    ------
    DataFileError
        Missing columns, text in a numeric cell, a non-integer year,
        duplicate rows.
    """
    file = as_path(path)
    check_unknown(unknown)
    frame = read_delimited(file, read_text(file))
    frame.columns = [c if c == "_line" else c.strip().lower() for c in frame.columns]
    require_columns(file, list(frame.columns), ["country", "year", "indicator", "value"], "tidy")
    missing = ("", "NA", "..")
    for column in ("year", "value", "stderr", "lower", "upper"):
        if column in frame:
            frame[column] = numbers(frame[column], file.name, column, missing)
    fractional = frame["year"].notna() & (frame["year"] % 1 != 0)
    if fractional.any():
        line = frame.index[fractional.to_numpy()][0]
        raise DataFileError(
            f"{file.name}, line {line}, column 'year': expected a whole year; "
            f"got {frame.at[line, 'year']!r}"
        )
    kept, match, notes = harmonise(
        frame.rename(columns={"country": "label"}),
        file.name,
        code_column=None,
        name_column="label",
        unknown=unknown,
    )
    return finish(kept, file.name, source=source or file.name, match=match, notes=notes)
