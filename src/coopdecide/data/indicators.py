"""The tidy table of country indicators that every reader returns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, to_jsonable
from coopdecide._validation import describe, format_labels
from coopdecide.data.build import (
    Criterion,
    MissingPolicy,
    YearRule,
    build_problem,
    check_indicators,
)
from coopdecide.data.countries import CountryMatch, country_name
from coopdecide.data.result import IndicatorProblem
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = ["COLUMNS", "Indicators"]

#: The columns of an :class:`Indicators` table, in order.
COLUMNS = (
    "country",
    "country_name",
    "year",
    "indicator",
    "value",
    "stderr",
    "lower",
    "upper",
    "source",
)
_KEYS = ["country", "year", "indicator"]


def _validated(table: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise InvalidTypeError(f"table must be a DataFrame; got {type(table).__name__}")
    missing = [c for c in ("country", "indicator", "value") if c not in table]
    if missing:
        raise InvalidArgumentError(
            f"table is missing column(s) {format_labels(missing)}; "
            f"expected {format_labels(COLUMNS)}"
        )
    frame = pd.DataFrame(index=range(len(table)))
    for column in COLUMNS:
        frame[column] = table[column].to_numpy() if column in table else np.nan
    frame["country"] = frame["country"].astype(str)
    frame["indicator"] = frame["indicator"].astype(str)
    if "country_name" not in table:
        frame["country_name"] = [country_name(c) for c in frame["country"]]
    frame["source"] = ["" if pd.isna(source) else str(source) for source in frame["source"]]
    try:
        frame["year"] = frame["year"].astype("Int64")
        for column in ("value", "stderr", "lower", "upper"):
            frame[column] = frame[column].astype(float)
    except (TypeError, ValueError) as error:
        raise InvalidArgumentError(f"table has a non-numeric year or value: {error}") from None
    if frame["value"].isna().any() or not np.isfinite(frame["value"]).all():
        raise InvalidArgumentError("table values must be finite numbers (leave missing rows out)")
    repeated = frame.duplicated(_KEYS, keep=False)
    if repeated.any():
        first = frame[repeated].iloc[0]
        raise InvalidArgumentError(
            f"table has duplicate rows for country {first['country']!r}, year "
            f"{describe(first['year'])}, indicator {first['indicator']!r}"
        )
    return frame.sort_values(_KEYS, na_position="first", kind="stable").reset_index(drop=True)


class Indicators(Immutable):
    """A tidy, validated, immutable table of country indicators.

    One row per observation: ``country`` (ISO 3166-1 alpha-3), ``country_name``,
    ``year`` (nullable integer; missing for static sources such as distances
    or Hofstede's scores), ``indicator``, ``value``, and where the source
    gives them ``stderr``, ``lower`` and ``upper`` (NaN otherwise), and
    ``source``. Missing observations are absent rows, never NaN values.

    The readers in :mod:`coopdecide.data` return one; tables from several
    files are joined with :meth:`combine` and turned into a decision problem
    with :meth:`to_problem`.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``country``, ``indicator``, ``value`` and any of the others.
        ``country`` must already be ISO3 (see
        :func:`~coopdecide.data.match_countries`).
    matches : CountryMatch, optional
        How the source's country labels were matched (kept for the report).
    notes : sequence of str
        What the reader dropped or changed, in plain words.

    Raises
    ------
    InvalidArgumentError
        Missing columns, non-numeric or missing values, duplicate
        (country, year, indicator) rows.

    Examples
    --------
    >>> table = Indicators(pd.DataFrame({
    ...     "country": ["IDN", "IDN", "KEN"], "year": [2018, 2019, 2019],
    ...     "indicator": ["gdp", "gdp", "gdp"], "value": [1.0, 1.1, 0.1]}))
    >>> table.indicators, table.countries.tolist()
    (['gdp'], ['IDN', 'KEN'])
    """

    __slots__ = ("_matches", "_notes", "_table")
    _mutators = "select(), rename() or combine()"
    _table: pd.DataFrame
    _matches: CountryMatch | None
    _notes: tuple[str, ...]

    def __init__(
        self,
        table: pd.DataFrame,
        *,
        matches: CountryMatch | None = None,
        notes: Iterable[str] = (),
    ) -> None:
        object.__setattr__(self, "_table", _validated(table))
        object.__setattr__(self, "_matches", matches)
        object.__setattr__(self, "_notes", tuple(str(note) for note in notes))

    # -- views ------------------------------------------------------------------
    @property
    def table(self) -> pd.DataFrame:
        """The tidy table (a copy)."""
        return self._table.copy()

    @property
    def indicators(self) -> list[str]:
        """The indicator names, sorted."""
        return sorted(self._table["indicator"].unique())

    @property
    def countries(self) -> pd.Index:
        """The ISO3 codes present, sorted."""
        return pd.Index(sorted(self._table["country"].unique()), name="country")

    @property
    def matches(self) -> CountryMatch | None:
        """How the source's country labels matched ISO3 (None if built from a table)."""
        return self._matches

    @property
    def notes(self) -> tuple[str, ...]:
        """What the reader dropped or changed (aggregates, unknown countries, ...)."""
        return self._notes

    def __len__(self) -> int:
        return len(self._table)

    def coverage(self) -> pd.DataFrame:
        """Per indicator: number of countries, first and last year, source."""
        grouped = self._table.groupby("indicator", sort=True)
        return pd.DataFrame(
            {
                "countries": grouped["country"].nunique(),
                "first_year": grouped["year"].min(),
                "last_year": grouped["year"].max(),
                "source": grouped["source"].agg(lambda s: "; ".join(dict.fromkeys(s))),
            }
        )

    # -- derived tables -------------------------------------------------------------
    def select(
        self,
        indicators: Sequence[str] | None = None,
        *,
        countries: Sequence[str] | None = None,
    ) -> Indicators:
        """The rows of some indicators and/or countries (ISO3), as a new table."""
        mask = pd.Series(True, index=self._table.index)
        if indicators is not None:
            check_indicators("indicators", indicators, self.indicators)
            mask &= self._table["indicator"].isin(list(indicators))
        if countries is not None:
            mask &= self._table["country"].isin(list(countries))
        return Indicators(self._table[mask], matches=self._matches, notes=self._notes)

    def rename(self, indicators: Mapping[str, str]) -> Indicators:
        """A copy with indicators renamed (``{"VA.EST": "voice"}``)."""
        check_indicators("indicators", list(indicators), self.indicators)
        table = self.table
        table["indicator"] = table["indicator"].replace(dict(indicators))
        return Indicators(table, matches=self._matches, notes=self._notes)

    @classmethod
    def combine(cls, *tables: Indicators) -> Indicators:
        """Join tables from several files; the same (country, year, indicator) twice is an error."""
        for position, table in enumerate(tables):
            if not isinstance(table, Indicators):
                raise InvalidTypeError(
                    f"combine() takes Indicators; argument {position} is {type(table).__name__}"
                )
        if not tables:
            raise InvalidArgumentError("combine() needs at least one Indicators table")
        matches = [t.matches.table for t in tables if t.matches is not None]
        return cls(
            pd.concat([t._table for t in tables], ignore_index=True),
            matches=CountryMatch(table=pd.concat(matches, ignore_index=True)) if matches else None,
            notes=[note for t in tables for note in t.notes],
        )

    def to_problem(
        self,
        criteria: Mapping[str, Criterion | str],
        *,
        alternatives: Sequence[str] | None = None,
        focal: str | None = None,
        year: YearRule | Mapping[str, YearRule] = "latest",
        missing: MissingPolicy = "raise",
        weights: Mapping[str, float] | None = None,
        labels: Literal["name", "code"] = "name",
    ) -> IndicatorProblem:
        """Build a decision problem from an indicator table.

        Parameters
        ----------
        criteria : mapping
            Criterion name -> :class:`Criterion` (or an indicator name, for the
            indicator itself with objective "max"), in the order of the problem's
            columns.
        alternatives : sequence of str, optional
            The candidate countries (names or codes). Default: every country in
            the table with a value for one of the criteria's indicators, except
            the focal country.
        focal : str, optional
            The country planning its cooperation (name or code); needed by the
            transforms that measure a distance or difference to it.
        year : "latest", int or mapping, default "latest"
            Per indicator (a mapping indicator -> rule; unnamed ones use
            "latest") or for all: ``"latest"`` takes each country's latest
            observation, an int that year only. Undated values (Hofstede,
            distances) are used whatever the rule. The year is kept per cell in
            the provenance.
        missing : "raise", "drop_alternatives", "drop_criteria" or Impute, default "raise"
            What to do with an alternative that has no value for an indicator:
            raise an error listing the cells; drop those alternatives; drop those
            criteria; or impute (:class:`Impute`), with an interval per imputed
            cell. What was dropped or imputed is in :attr:`IndicatorProblem.notes`.
        weights : mapping, optional
            Criteria weights.
        labels : {"name", "code"}, default "name"
            Label the alternatives by country name or by ISO3 code.

        Returns
        -------
        IndicatorProblem
            The problem (with per-cell ``provenance``, whose ``low`` / ``high``
            give ``smaa(data=DataIntervals.from_provenance(problem))``) and the
            notes.

        Raises
        ------
        InvalidArgumentError
            Unknown indicators (with a suggestion), missing cells under
            ``missing="raise"``, a transform that needs ``focal`` without it, a
            focal country without a value, values outside a transform's domain.
        UnknownCountryError
            An unknown ``focal`` or alternative (with a suggestion).
        """
        problem, notes = build_problem(
            self._table,
            criteria,
            alternatives=alternatives,
            focal=focal,
            year=year,
            missing=missing,
            weights=weights,
            labels=labels,
        )
        return IndicatorProblem(problem=problem, notes=(*self._notes, *notes))

    # -- output ---------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The tidy table (a copy)."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form: rows as records, notes and the match table."""
        return {
            "rows": to_jsonable(self._table.astype(object).to_dict("records")),
            "notes": list(self._notes),
            "matches": None if self._matches is None else self._matches.to_dict()["matches"],
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Indicators):
            return NotImplemented
        return self._table.equals(other._table)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        head = (
            f"Indicators({len(self)} rows: {len(self.indicators)} indicators x "
            f"{len(self.countries)} countries)"
        )
        notes = "".join(f"\nnote: {note}" for note in self._notes)
        return f"{head}{notes}\n{self.coverage().to_string(max_rows=20)}"

    def _repr_html_(self) -> str:
        from coopdecide._results import html_section

        return html_section(
            "Indicators",
            {
                "rows": len(self),
                "indicators": len(self.indicators),
                "countries": len(self.countries),
            },
            {"Coverage": self.coverage()},
        )
