"""Readers for the World Bank's files: WGI (Excel workbook and long CSV) and WDI CSV."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

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
from coopdecide.data.indicators import Indicators
from coopdecide.exceptions import DataFileError

__all__ = ["WGI_INDICATORS", "read_wdi", "read_wgi"]

#: The six WGI indicators: the World Bank's two-letter code -> full name.
WGI_INDICATORS = {
    "VA": "Voice and Accountability",
    "PV": "Political Stability and Absence of Violence/Terrorism",
    "GE": "Government Effectiveness",
    "RQ": "Regulatory Quality",
    "RL": "Rule of Law",
    "CC": "Control of Corruption",
}
# sheet names of the workbook and Indicator values of the long CSV, compared without case/spaces
_WGI_NAMES = {
    "voiceandaccountability": "VA",
    "politicalstabilitynoviolence": "PV",
    "politicalstability": "PV",
    "governmenteffectiveness": "GE",
    "regulatoryquality": "RQ",
    "ruleoflaw": "RL",
    "controlofcorruption": "CC",
}
_WGI_MEASURES = ("Estimate", "StdErr", "NumSrc", "Rank", "Lower", "Upper")
_WGI_MISSING = ("", "#N/A", "NA", "..")
_WGI_SOURCE = "Worldwide Governance Indicators (World Bank)"


def _wgi_code(label: str) -> str | None:
    return _WGI_NAMES.get(re.sub(r"[^a-z]", "", label.lower()))


def _wgi_rows(frame: pd.DataFrame, code: pd.Series) -> pd.DataFrame:
    """Two tidy rows per observation: ``XX.EST`` (with StdErr) and ``XX.PER.RNK`` (with bounds).

    The WGI ``Lower`` and ``Upper`` columns bound the percentile rank (90 %
    confidence interval), not the estimate, so they go with ``XX.PER.RNK``.
    """
    base = frame[["country", "country_name", "year", "_line"]]
    estimate = base.assign(indicator=code + ".EST", value=frame["Estimate"], stderr=frame["StdErr"])
    rank = base.assign(
        indicator=code + ".PER.RNK",
        value=frame["Rank"],
        lower=frame["Lower"],
        upper=frame["Upper"],
    )
    return pd.concat([estimate, rank], ignore_index=True)


def read_wgi(
    path: PathLike, *, unknown: UnknownPolicy = "raise", source: str | None = None
) -> Indicators:
    """Read the World Bank's Worldwide Governance Indicators file.

    Two layouts are read:

    - the Excel workbook (``wgidataset.xlsx``, 2020 and earlier updates): one
      sheet per indicator, a row of years above a row ``Country/Territory,
      Code, Estimate, StdErr, NumSrc, Rank, Lower, Upper, Estimate, ...``
      (six columns per year), ``#N/A`` for missing values; needs
      :mod:`openpyxl` (``pip install coopdecide[excel]``);
    - the long CSV (one row per country, year and indicator) with columns
      ``Country/Territory, Code, Year, Estimate, Lower, NumSrc, Rank, StdErr,
      Upper, Indicator`` in any order, as in
      ``2020_Worldwide_Governance_Indicators_1996-2019.csv``; UTF-8 or Latin-1.

    Parameters
    ----------
    path : str or path-like
        The file; ``.xlsx`` / ``.xlsm`` is read as the workbook, anything else
        as the CSV.
    unknown : {"raise", "drop"}, default "raise"
        What to do with a country label that matches no country: raise an
        UnknownCountryError naming the line, or drop it (listed in
        :attr:`Indicators.notes`). The WGI's own codes (``ADO``, ``ROM``,
        ``ZAR``, ``TMP``, ``WBG``, ``KSV``) are matched; the Netherlands
        Antilles (``ANT``, dissolved) is dropped with a note.
    source : str, optional
        The source name stored with every row (default: the workbook's
        update title, or "Worldwide Governance Indicators (World Bank)").

    Returns
    -------
    Indicators
        For each of the six indicators ``XX`` (``VA``, ``PV``, ``GE``, ``RQ``,
        ``RL``, ``CC``, the World Bank's codes): ``XX.EST``, the estimate (about
        -2.5 to 2.5) with its standard error in ``stderr``, and ``XX.PER.RNK``,
        the percentile rank (0-100) with the bounds of its 90 % confidence
        interval in ``lower`` / ``upper``.

    Raises
    ------
    DataFileError
        Not one of the two layouts, missing columns, text in a numeric cell,
        duplicate rows (the message names the file, line or sheet and row, and
        column).
    UnknownCountryError
        An unknown country label with ``unknown="raise"``.
    """
    file = as_path(path)
    check_unknown(unknown)
    if file.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_wgi_workbook(file, unknown, source)
    return _read_wgi_csv(file, unknown, source)


def _read_wgi_csv(file: Path, unknown: str, source: str | None) -> Indicators:
    frame = read_delimited(file, read_text(file))
    required = ["Country/Territory", "Code", "Year", "Indicator", "Estimate", "StdErr"]
    require_columns(file, list(frame.columns), [*required, "Rank", "Lower", "Upper"], "WGI CSV")
    for column in ("Year", "Estimate", "StdErr", "Rank", "Lower", "Upper"):
        frame[column] = numbers(frame[column], file.name, column, _WGI_MISSING)
    codes = frame["Indicator"].map(_wgi_code)
    if codes.isna().any():
        line = codes.index[codes.isna().to_numpy()][0]
        raise DataFileError(
            f"{file.name}, line {line}, column 'Indicator': unknown WGI indicator "
            f"{frame.at[line, 'Indicator']!r}; expected one of VoiceandAccountability, "
            "PoliticalStability, GovernmentEffectiveness, RegulatoryQuality, RuleofLaw, "
            "ControlofCorruption"
        )
    frame["year"] = frame["Year"]
    kept, match, notes = harmonise(
        frame, file.name, code_column="Code", name_column="Country/Territory", unknown=unknown
    )
    rows = _wgi_rows(kept, codes[kept.index])
    return finish(rows, file.name, source=source or _WGI_SOURCE, match=match, notes=notes)


def _load_workbook(file: Path) -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is in the test extra
        raise DataFileError(
            f"{file.name}: reading Excel workbooks needs openpyxl; pip install 'coopdecide[excel]'"
        ) from None
    try:
        return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not xlsx
        raise DataFileError(f"{file.name}: not an Excel workbook ({error})") from None


def _read_wgi_workbook(file: Path, unknown: str, source: str | None) -> Indicators:
    book = _load_workbook(file)
    try:
        sheets = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    finally:
        book.close()
    title = next(
        (
            str(cell)
            for row in sheets.get("Introduction", [])[:10]
            for cell in row
            if isinstance(cell, str) and "Update" in cell
        ),
        None,
    )
    frames = []
    for name, rows in sheets.items():
        header = next(
            (i for i, row in enumerate(rows[:40]) if _cell(row, 0) == "Country/Territory"), None
        )
        if header is None:
            continue
        code = _wgi_code(name)
        if code is None:
            raise DataFileError(
                f"{file.name}, sheet {name!r}: has the WGI layout but is not one of the six "
                f"indicator sheets (VoiceandAccountability, ..., ControlofCorruption)"
            )
        frames.append(_wgi_sheet(file.name, name, rows, header).assign(_code=code))
    if not frames:
        raise DataFileError(
            f"{file.name}: not the WGI workbook layout: no sheet has a header row starting "
            "'Country/Territory', 'Code' with a row of years above it"
        )
    frame = pd.concat(frames, ignore_index=True)
    kept, match, notes = harmonise(
        frame, file.name, code_column="Code", name_column="Country/Territory", unknown=unknown
    )
    tidy = _wgi_rows(kept, kept["_code"])
    return finish(tidy, file.name, source=source or title or _WGI_SOURCE, match=match, notes=notes)


def _cell(row: tuple[Any, ...], position: int) -> str:
    value = row[position] if position < len(row) else None
    return "" if value is None else str(value).strip()


def _wgi_sheet(where: str, sheet: str, rows: list[tuple[Any, ...]], header: int) -> pd.DataFrame:
    """One indicator sheet as a long frame (one row per country and year), cells parsed."""
    from openpyxl.utils import get_column_letter

    measures, years = rows[header], rows[header - 1] if header else ()
    if _cell(measures, 1) != "Code":
        raise DataFileError(f"{where}, sheet {sheet!r}, row {header + 1}: expected 'Code' in B")
    blocks: dict[int, dict[str, int]] = {}
    year: Any = None
    for position in range(2, len(measures)):
        measure = _cell(measures, position)
        if not measure:
            continue
        year = years[position] if position < len(years) and years[position] else year
        where_cell = f"{where}, sheet {sheet!r}, {get_column_letter(position + 1)}{header + 1}"
        if measure not in _WGI_MEASURES:
            raise DataFileError(
                f"{where_cell}: expected one of {', '.join(_WGI_MEASURES)}; got {measure!r}"
            )
        try:
            blocks.setdefault(int(year), {})[measure] = position
        except (TypeError, ValueError):
            raise DataFileError(
                f"{where}, sheet {sheet!r}, {get_column_letter(position + 1)}{header}: "
                f"expected a year above {measure!r}; got {year!r}"
            ) from None
    records = []
    for number, row in enumerate(rows[header + 1 :], start=header + 2):
        if not any(cell not in (None, "") for cell in row):
            continue
        for block_year, columns in blocks.items():
            record: dict[str, Any] = {"Country/Territory": _cell(row, 0), "Code": _cell(row, 1)}
            for measure, position in columns.items():
                value = row[position] if position < len(row) else None
                record[measure] = _wgi_number(
                    value,
                    f"{where}, sheet {sheet!r}, row {number}, column "
                    f"{get_column_letter(position + 1)} ({block_year} {measure})",
                )
            records.append(
                {**record, "year": block_year, "_line": f"sheet {sheet!r}, row {number}"}
            )
    frame = pd.DataFrame(records)
    for measure in ("Estimate", "StdErr", "Rank", "Lower", "Upper"):
        if measure not in frame:
            frame[measure] = np.nan
    return frame


def _wgi_number(value: Any, where: str) -> float:
    if value is None or (isinstance(value, str) and value.strip() in _WGI_MISSING):
        return np.nan
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        raise DataFileError(f"{where}: expected a number or #N/A; got {value!r}") from None


# -- World Development Indicators --------------------------------------------------
_WDI_HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def read_wdi(
    path: PathLike, *, unknown: UnknownPolicy = "raise", source: str | None = None
) -> Indicators:
    """Read a World Development Indicators CSV as downloaded from the World Bank.

    The layout of the ``API_<indicator>_DS2_en_csv_v2_*.csv`` files: four
    lines before the header (``"Data Source","World Development
    Indicators",``, a blank line, ``"Last Updated Date","<date>",``, a blank
    line), then ``Country Name, Country Code, Indicator Name, Indicator Code,
    1960, 1961, ...`` with one row per country and indicator, a year per
    column, empty cells for missing values. Several indicators may be in one
    file (DataBank exports).

    The World Bank's aggregates (World, regions, income and lending groups,
    ...) are recognised by their codes and dropped, with a note in
    :attr:`Indicators.notes`; so are the Channel Islands (``CHI``, no ISO
    code). Kosovo (``XKX``) is kept.

    Parameters
    ----------
    path : str or path-like
        The CSV file.
    unknown : {"raise", "drop"}, default "raise"
        What to do with a country that matches no country (see :func:`read_wgi`).
    source : str, optional
        The source stored with every row (default: "World Development
        Indicators (World Bank), last updated <date>").

    Returns
    -------
    Indicators
        One row per country, year and indicator (the indicator codes, such
        as ``NY.GDP.MKTP.CD``).

    Raises
    ------
    DataFileError
        No WDI header line in the first ten lines, no year column, text in a
        numeric cell, duplicate rows.
    UnknownCountryError
        An unknown country with ``unknown="raise"``.
    """
    file = as_path(path)
    check_unknown(unknown)
    text = read_text(file)
    lines = text.splitlines()
    start = next(
        (
            i
            for i, line in enumerate(lines[:10])
            if line.replace('"', "").startswith("Country Name")
        ),
        None,
    )
    if start is None:
        raise DataFileError(
            f"{file.name}: not the WDI layout: no header line starting 'Country Name', "
            "'Country Code', 'Indicator Name', 'Indicator Code' in the first 10 lines"
        )
    updated = next(
        (
            line.replace('"', "").split(",")[1].strip()
            for line in lines[:start]
            if line.replace('"', "").startswith("Last Updated Date")
        ),
        "",
    )
    frame = read_delimited(file, text, skip_lines=start)
    require_columns(file, list(frame.columns), _WDI_HEADER, "WDI")
    years = [c for c in frame.columns if re.fullmatch(r"\d{4}", c)]
    if not years:
        raise DataFileError(f"{file.name}, line {start + 1}: no year columns (1960, 1961, ...)")
    for year in years:
        frame[year] = numbers(frame[year], file.name, year)
    kept, match, notes = harmonise(
        frame, file.name, code_column="Country Code", name_column="Country Name", unknown=unknown
    )
    long = kept.melt(
        id_vars=["country", "country_name", "Indicator Code", "_line"],
        value_vars=years,
        var_name="year",
        value_name="value",
    ).rename(columns={"Indicator Code": "indicator"})
    long["year"] = long["year"].astype(int)
    default = "World Development Indicators (World Bank)" + (
        f", last updated {updated}" if updated else ""
    )
    return finish(long, file.name, source=source or default, match=match, notes=notes)
