"""Plumbing shared by the readers: decoding, cell parsing, country matching, row checks.

Every error names the file, the line (CSV) or sheet and row (Excel) and the column.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, format_labels
from coopdecide.data.countries import CountryMatch, country_name, match_countries
from coopdecide.data.indicators import Indicators
from coopdecide.exceptions import DataFileError, InvalidTypeError, UnknownCountryError

PathLike = str | os.PathLike[str]
UnknownPolicy = Literal["raise", "drop"]


def as_path(path: PathLike) -> Path:
    """``path`` as a Path to an existing file, or a DataFileError."""
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidTypeError(f"path must be a file path; got {type(path).__name__}")
    result = Path(path)
    if not result.is_file():
        raise DataFileError(f"{result}: no such file")
    return result


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Latin-1.

    The World Bank's WGI CSV is Latin-1; its WDI CSV is UTF-8 with a BOM.
    """
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_delimited(path: Path, text: str, *, skip_lines: int = 0) -> pd.DataFrame:
    """The table (cells as stripped strings) after ``skip_lines`` lines; `,` or `;` separated.

    The delimiter is the one of the header line; blank lines are skipped. The
    frame is indexed by line number, and column ``_line`` says ``"line N"``
    for the error messages.
    """
    lines = text.splitlines()
    if len(lines) <= skip_lines:
        raise DataFileError(f"{path.name}: the file is empty")
    header = lines[skip_lines]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines[skip_lines:])), delimiter=delimiter))
    columns = [column.strip() for column in rows[0]]
    numbered = [
        (number, row)
        for number, row in enumerate(rows[1:], start=skip_lines + 2)
        if any(cell.strip() for cell in row)
    ]
    for number, row in numbered:
        if len(row) != len(columns):
            raise DataFileError(
                f"{path.name}, line {number}: expected {len(columns)} fields like the header; "
                f"got {len(row)}"
            )
    frame = pd.DataFrame(
        [[cell.strip() for cell in row] for _, row in numbered],
        columns=columns,
        index=[number for number, _ in numbered],
        dtype=object,
    )
    frame["_line"] = [f"line {number}" for number in frame.index]
    return frame


def require_columns(path: Path, found: Sequence[str], required: Sequence[str], layout: str) -> None:
    """Raise if a required column is missing, naming the layout and what was found."""
    missing = [column for column in required if column not in found]
    if missing:
        raise DataFileError(
            f"{path.name}: not the {layout} layout: missing column(s) {format_labels(missing)}; "
            f"expected {format_labels(required, limit=20)}; found "
            f"{format_labels(list(found), limit=20)}"
        )


def numbers(
    values: pd.Series, where: str, column: str, missing: Sequence[str] = ("",)
) -> pd.Series:
    """Numeric cells as floats (missing markers -> NaN); a DataFileError names a text cell.

    ``values`` is indexed by line number; ``where`` is the file name.
    """
    text = values.astype(str).str.strip()
    absent = text.isin(missing) | values.isna()
    parsed = pd.to_numeric(text.where(~absent), errors="coerce")
    bad = parsed.isna() & ~absent
    if bad.any():
        line = bad.index[bad.to_numpy()][0]
        markers = format_labels(missing)
        raise DataFileError(
            f"{where}, line {line}, column {column!r}: expected a number or a missing-value "
            f"marker ({markers}); got {text[line]!r}"
        )
    return parsed.astype(float)


def check_unknown(unknown: str) -> None:
    """Validate the ``unknown`` argument of the readers."""
    check_option("unknown", unknown, ("raise", "drop"))


_DROPPED = {
    "aggregate": "World Bank aggregates",
    "former country": "former countries",
    "not a country": "rows that are not countries",
}


def harmonise(
    frame: pd.DataFrame,
    where: str,
    *,
    code_column: str | None,
    name_column: str | None,
    unknown: str,
) -> tuple[pd.DataFrame, CountryMatch, list[str]]:
    """Add ``country`` (ISO3) and ``country_name``; drop non-countries with a note.

    A row matches by its code first, then by its name. With ``unknown="raise"``
    the first unknown country is an UnknownCountryError naming the file, line
    and column; with ``"drop"`` unknown rows are dropped and listed in the
    notes (and in the match table).
    """
    codes = frame[code_column] if code_column else pd.Series("", index=frame.index)
    names = frame[name_column] if name_column else pd.Series("", index=frame.index)
    by_code = match_countries(codes[codes != ""]) if code_column else None
    by_name = match_countries(names[names != ""]) if name_column else None
    code_map = {} if by_code is None else by_code.iso3
    name_map = {} if by_name is None else by_name.iso3
    from_code = codes.map(code_map).astype(object)
    iso3 = from_code.where(from_code.notna(), names.map(name_map).astype(object))
    status = _status(codes, names, by_code, by_name)
    notes: list[str] = []
    for reason, words in _DROPPED.items():
        labels = _labels(frame, status == reason, code_column, name_column)
        if labels:
            notes.append(f"dropped {len(labels)} {words}: {format_labels(labels, limit=50)}")
    lost = iso3.isna() & (status == "unknown")
    if lost.any():
        if unknown == "raise":
            line = lost.index[lost.to_numpy()][0]
            column = code_column if code_column and codes[line] else name_column
            value = frame.at[line, column]
            place = str(frame.at[line, "_line"]) if "_line" in frame else f"line {line}"
            match = by_code if column == code_column else by_name
            assert match is not None  # the column that names the unknown label was matched
            table = match.table
            suggestion = table.loc[table["input"] == value, "suggestion"].iloc[0]
            hint = f" (did you mean {suggestion}?)" if suggestion else ""
            raise UnknownCountryError(
                f"{where}, {place}, column {column!r}: unknown country {value!r}{hint}; "
                "pass unknown='drop' to drop unknown countries (they are listed in the notes "
                "and in Indicators.matches)"
            )
        labels = _labels(frame, lost, code_column, name_column)
        notes.append(f"dropped {len(labels)} unknown countries: {format_labels(labels, limit=50)}")
    kept = frame[iso3.notna()].copy()
    kept["country"] = iso3[iso3.notna()]
    kept["country_name"] = kept["country"].map(country_name)
    tables = [m.table for m in (by_code, by_name) if m is not None]
    return kept, CountryMatch(table=pd.concat(tables, ignore_index=True)), notes


def _status(
    codes: pd.Series,
    names: pd.Series,
    by_code: CountryMatch | None,
    by_name: CountryMatch | None,
) -> pd.Series:
    def lookup(match: CountryMatch | None, values: pd.Series) -> pd.Series:
        if match is None:
            return pd.Series(np.nan, index=values.index, dtype=object)
        return values.map(dict(zip(match.table["input"], match.table["status"], strict=True)))

    code_status, name_status = lookup(by_code, codes), lookup(by_name, names)
    # a code that is unknown but a name that matches or is a known non-country: the name wins
    use_name = code_status.isna() | ((code_status == "unknown") & name_status.notna())
    return code_status.where(~use_name, name_status).fillna("unknown")


def _labels(
    frame: pd.DataFrame, mask: pd.Series, code_column: str | None, name_column: str | None
) -> list[str]:
    parts = [frame.loc[mask, c] for c in (name_column, code_column) if c]
    if len(parts) == 2:
        labels = (parts[0] + " (" + parts[1] + ")").str.replace(" ()", "", regex=False)
    else:
        labels = parts[0]
    return list(dict.fromkeys(labels))


def check_duplicates(table: pd.DataFrame, where: str) -> None:
    """Raise if two rows give the same country, year and indicator (naming their lines)."""
    keys = ["country", "year", "indicator"]
    repeated = table.duplicated(keys, keep=False)
    if repeated.any():
        first = table[repeated].iloc[0]
        rows = table[repeated]
        same = rows[
            (rows["country"] == first["country"])
            & (rows["indicator"] == first["indicator"])
            & (rows["year"].isna() if pd.isna(first["year"]) else rows["year"] == first["year"])
        ]
        places = " and ".join(str(line) for line in same["_line"].tolist())
        year = "no year" if pd.isna(first["year"]) else f"year {int(first['year'])}"
        raise DataFileError(
            f"{where}, {places}: duplicate rows for {first['country']} "
            f"({first['country_name']}), {year}, indicator {first['indicator']!r}"
        )


def finish(
    rows: pd.DataFrame,
    where: str,
    *,
    source: str,
    match: CountryMatch,
    notes: Sequence[str],
) -> Indicators:
    """Drop missing values, check duplicates and build the Indicators table.

    ``rows`` has ``country``, ``country_name``, ``year``, ``indicator``,
    ``value`` and optionally ``stderr``, ``lower``, ``upper``, and ``_line``
    (where each row is, "line 7" or "sheet 'X', row 7", for error messages).
    """
    table = rows[rows["value"].notna()].copy()
    for column in ("stderr", "lower", "upper"):
        if column not in table:
            table[column] = np.nan
    # rows that name their own source keep it
    given = table["source"] if "source" in table else pd.Series("", index=table.index)
    table["source"] = given.fillna("").replace("", source)
    check_duplicates(table, where)
    return Indicators(table.drop(columns="_line"), matches=match, notes=notes)
