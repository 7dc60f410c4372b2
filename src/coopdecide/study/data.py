"""The study's data: tables from a bundled dataset or a file, and the criteria read from them.

A ``data`` section names a bundled dataset or a CSV/Excel file and, optionally,
the alternatives to keep; each criterion is a column of it, optionally
transformed (``log``, ``log10``, ``log1p``) or read as the distance to a
``target``. The portfolio's programme table is read the same way. Or the
section lists indicator files in the publishers' layouts (``indicators``),
read by :mod:`coopdecide.data`; each criterion then names its ``indicator``
and the problem keeps the provenance of every cell.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import describe, format_labels, show_number
from coopdecide.exceptions import CoopdecideError, StudyFileError
from coopdecide.problem import DecisionProblem
from coopdecide.study.spec import (
    INDICATOR_TRANSFORMS,
    CriterionSpec,
    DataSpec,
    ImputeSpec,
    PortfolioSpec,
    StudySpec,
)
from coopdecide.study.spec.errors import Loc, Source, study_error
from coopdecide.study.spec.limits import check_file_size

__all__ = [
    "build_problem",
    "check_portfolio",
    "criteria_frame",
    "existing_file",
    "portfolio_illustrative",
    "portfolio_table",
    "resolve_path",
]

_TRANSFORMS = {"log": np.log, "log10": np.log10, "log1p": np.log1p}


def resolve_path(value: str, base_dir: Path) -> Path:
    """A path from the study file: absolute, or relative to ``base_dir``; normalised."""
    path = Path(value)
    return Path(os.path.normpath(path if path.is_absolute() else base_dir / path))


def existing_file(value: str, base_dir: Path, what: str, source: Source, loc: Loc) -> Path:
    """The resolved path of a file the study names, refused if missing or above the size limit."""
    resolved = resolve_path(value, base_dir)
    if not resolved.is_file():
        raise study_error(
            source,
            loc,
            f"{what} {describe(value)} does not exist (looked for {describe(str(resolved))})",
        )
    check_file_size(resolved, what, source, loc)
    return resolved


def _dataset_table(
    name: str, focal: str | None = None, source: Source = None
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """A bundled dataset as a table indexed by alternative, and its metadata.

    ``focal`` is the partner-countries dataset's focal country (None: its default);
    an unknown code is reported at ``data.focal``.
    """
    if name == "partner_countries":
        from coopdecide.datasets import load_partner_countries_table, partner_countries_metadata

        options = {} if focal is None else {"focal": focal}
        try:
            table = load_partner_countries_table(**options)
        except CoopdecideError as error:
            raise study_error(source, ("data", "focal"), str(error)) from None
        return table, partner_countries_metadata()
    if name == "programmes":
        from coopdecide.datasets import load_programmes

        return load_programmes(), None
    raise AssertionError(name)  # pragma: no cover - the schema lists the datasets


def _load_file(spec: DataSpec, resolved: Path, source: Source, loc: Loc) -> pd.DataFrame:
    """The table of a CSV or Excel file, as pandas reads it."""
    suffix = resolved.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            if spec.sheet is not None:
                raise study_error(source, (*loc, "sheet"), "'sheet' applies to Excel files only")
            return pd.read_csv(resolved)
        if suffix in (".xlsx", ".xlsm"):
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise ImportError(
                    f"reading the Excel data file {describe(str(resolved))} needs openpyxl: "
                    "pip install coopdecide[excel]"
                ) from None
            return pd.read_excel(resolved, sheet_name=0 if spec.sheet is None else spec.sheet)
        raise study_error(
            source, (*loc, "path"), f"expected a .csv or .xlsx data file, got {describe(spec.path)}"
        )
    except StudyFileError:
        raise
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise study_error(
            source, (*loc, "path"), f"cannot read {describe(str(resolved))}: {error}"
        ) from None


def _read_table(spec: DataSpec, base_dir: Path, source: Source, loc: Loc) -> pd.DataFrame:
    """Read a CSV or Excel data file named by a ``data`` section, indexed by alternative."""
    assert spec.path is not None  # the section gives a dataset or a path
    resolved = existing_file(spec.path, base_dir, "data file", source, (*loc, "path"))
    table = _load_file(spec, resolved, source, loc)
    if table.shape[1] < 2:
        raise study_error(
            source,
            (*loc, "path"),
            f"{describe(str(resolved))} must have a column of alternative names and at least one "
            f"data column; got the columns {format_labels(table.columns)}",
        )
    index = spec.index if spec.index is not None else table.columns[0]
    if index not in table.columns:
        raise study_error(
            source,
            (*loc, "index"),
            f"column {describe(index)} is not in {describe(str(resolved))}; its columns are "
            f"{format_labels(table.columns, limit=20)}",
        )
    labels = table[index]
    if labels.isna().any():
        rows = [int(i) + 2 for i in np.flatnonzero(labels.isna().to_numpy())]
        raise study_error(
            source,
            (*loc, "index"),
            f"column {describe(index)} of {describe(str(resolved))} must name every alternative; "
            f"empty in row(s) {rows[:8]}",
        )
    table = table.set_index(labels.astype(str)).drop(columns=[index])
    table.index.name = str(index)
    return table


def _select_alternatives(
    table: pd.DataFrame, spec: DataSpec, source: Source, loc: Loc
) -> pd.DataFrame:
    """The alternatives the section keeps (all by default), each once."""
    if table.index.has_duplicates:
        duplicated = table.index[table.index.duplicated()].unique()
        raise study_error(
            source,
            (*loc, "index" if spec.path else "dataset"),
            f"alternative names must be unique; duplicated: {format_labels(duplicated)}",
        )
    if spec.alternatives is None:
        return table
    chosen = list(spec.alternatives)
    unknown = [a for a in chosen if a not in table.index]
    if unknown:
        raise study_error(
            source,
            (*loc, "alternatives"),
            f"unknown alternative(s) {format_labels(unknown)}; the data has "
            f"{format_labels(table.index, limit=12)}",
        )
    repeated = sorted({a for a in chosen if chosen.count(a) > 1})
    if repeated:
        raise study_error(
            source, (*loc, "alternatives"), f"listed more than once: {format_labels(repeated)}"
        )
    if len(chosen) < 2:
        raise study_error(source, (*loc, "alternatives"), "list at least 2 alternatives")
    return table.loc[chosen]


def _criterion_values(
    table: pd.DataFrame, name: str, spec: CriterionSpec, source: Source, data_name: str
) -> pd.Series:
    """One criterion's column, checked and transformed."""
    if spec.indicator is not None:
        raise study_error(
            source,
            ("criteria", name, "indicator"),
            "'indicator' applies to criteria read from indicator files (data.indicators); "
            f"this study's data is {data_name}: name its column with 'column'",
        )
    if spec.transform is not None and spec.transform not in _TRANSFORMS:
        raise study_error(
            source,
            ("criteria", name, "transform"),
            f"expected log, log10 or log1p, got {describe(spec.transform)} (the other "
            "transforms apply to criteria read from indicator files)",
        )
    column = spec.column if spec.column is not None else name
    loc: Loc = ("criteria", name, "column") if spec.column is not None else ("criteria", name)
    if column not in table.columns:
        raise study_error(
            source,
            loc,
            f"column {describe(column)} is not in the data ({data_name}); its columns are "
            f"{format_labels(table.columns, limit=40)}",
        )
    raw = table[column]
    values = pd.to_numeric(raw, errors="coerce")
    bad = values.isna() | ~np.isfinite(values.fillna(0.0).to_numpy(dtype=float))
    if bad.any():
        cells = [
            f"{describe(alt)} ({'missing' if pd.isna(raw[alt]) else describe(raw[alt])})"
            for alt in table.index[bad.to_numpy()][:8]
        ]
        raise study_error(
            source,
            loc,
            f"column {describe(column)} must hold a finite number for every alternative; got "
            f"{', '.join(cells)}",
        )
    values = values.astype(float)
    if spec.transform is not None:
        _check_transformable(values, name, column, spec.transform, source)
        values = values.transform(_TRANSFORMS[spec.transform])
    elif spec.target is not None:
        values = (values - spec.target).abs()
    return values.rename(name)


def _check_transformable(
    values: pd.Series, name: str, column: str, transform: str, source: Source
) -> None:
    """The logarithms need values > 0 (``log1p``: > -1)."""
    limit = -1.0 if transform == "log1p" else 0.0
    below = values <= limit
    if not below.any():
        return
    cells = [
        f"{describe(alt)} ({show_number(values[alt])})"
        for alt in values.index[below.to_numpy()][:8]
    ]
    need = "> -1" if transform == "log1p" else "> 0"
    hint = " (log1p accepts zeros)" if transform != "log1p" else ""
    raise study_error(
        source,
        ("criteria", name, "transform"),
        f"{transform} needs values {need}{hint}; column {describe(column)} has {', '.join(cells)}",
    )


def build_problem(
    spec: StudySpec, base_dir: Path, source: Source
) -> tuple[DecisionProblem, pd.DataFrame | None]:
    """The decision problem (without weights) of the study's data, and the data's metadata."""
    data = spec.data
    if data.indicators is not None:
        return _indicator_problem(spec, base_dir, source)
    if data.dataset is not None:
        table, metadata = _dataset_table(data.dataset, data.focal, source)
        data_name = f"dataset {describe(data.dataset)}"
    else:
        table = _read_table(data, base_dir, source, ("data",))
        metadata = None
        data_name = repr(data.path)
    table = _select_alternatives(table, data, source, ("data",))
    if len(table.index) < 2:
        raise study_error(
            source,
            "data",
            f"the data must hold at least 2 alternatives; {data_name} has {len(table.index)}",
        )
    columns = [
        _criterion_values(table, name, criterion, source, data_name)
        for name, criterion in spec.criteria.items()
    ]
    performance = pd.concat(columns, axis=1)
    performance.index.name = table.index.name
    objectives = {name: criterion.objective for name, criterion in spec.criteria.items()}
    try:
        return DecisionProblem(performance, objectives), metadata
    except CoopdecideError as error:
        raise study_error(source, "data", str(error)) from None


# ---------------------------------------------------------------------------
# indicator files
# ---------------------------------------------------------------------------
#: ``data.indicators[].format`` -> the reader of coopdecide.data.
_READERS = {
    "wgi": "read_wgi",
    "wdi": "read_wdi",
    "hofstede": "read_hofstede",
    "cepii_dist": "read_cepii_dist",
    "tidy": "read_indicators_csv",
}


def _read_indicators(data: DataSpec, base_dir: Path, source: Source) -> Any:
    """The ``data.indicators`` files, read and combined into one Indicators table."""
    import coopdecide.data as indicator_data

    assert data.indicators is not None
    tables = []
    for position, entry in enumerate(data.indicators):
        loc: Loc = ("data", "indicators", position)
        resolved = existing_file(entry.path, base_dir, "indicator file", source, (*loc, "path"))
        options: dict[str, Any] = {"unknown": entry.unknown}
        if entry.format == "cepii_dist":
            if data.focal is None:
                raise study_error(
                    source, (*loc, "format"), "cepii_dist needs the focal country (data.focal)"
                )
            options["focal"] = data.focal
        reader = getattr(indicator_data, _READERS[entry.format])
        try:
            tables.append(reader(resolved, **options))
        except CoopdecideError as error:
            raise study_error(source, (*loc, "path"), str(error)) from None
    return indicator_data.Indicators.combine(*tables)


def _indicator_criteria(spec: StudySpec, source: Source) -> dict[str, Any]:
    """The criteria as coopdecide.data.Criterion: indicator (default: the name), transform."""
    from coopdecide.data import Criterion

    criteria = {}
    for name, criterion in spec.criteria.items():
        loc: Loc = ("criteria", name)
        for key in ("column", "target"):
            if getattr(criterion, key) is not None:
                raise study_error(
                    source,
                    (*loc, key),
                    f"'{key}' applies to a data file or a dataset; a criterion read from "
                    "indicator files names its 'indicator'",
                )
        if criterion.transform is not None and criterion.transform not in INDICATOR_TRANSFORMS:
            raise study_error(
                source,
                (*loc, "transform"),
                f"expected one of {', '.join(INDICATOR_TRANSFORMS)} for a criterion read from "
                f"indicator files, got {describe(criterion.transform)}",
            )
        indicator = criterion.indicator if criterion.indicator is not None else name
        try:
            criteria[name] = Criterion(
                indicator, criterion.objective, criterion.transform or "none"
            )
        except CoopdecideError as error:
            raise study_error(source, loc, str(error)) from None
    return criteria


def _missing_policy(missing: str | ImputeSpec, base_dir: Path, source: Source) -> Any:
    """``data.missing`` as to_problem takes it: a policy name or a coopdecide.data.Impute."""
    from coopdecide.data import Impute

    if isinstance(missing, str):
        return missing
    loc: Loc = ("data", "missing")
    groups: Any = missing.groups
    if isinstance(groups, str):
        resolved = existing_file(groups, base_dir, "groups file", source, (*loc, "groups"))
        table = pd.read_csv(resolved, dtype=str)
        if table.shape[1] < 2:
            raise study_error(
                source, (*loc, "groups"), "expected a CSV with two columns: country, group"
            )
        groups = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    try:
        return Impute(
            method=missing.method,
            groups=groups,
            interval=missing.interval,
            min_peers=missing.min_peers,
            group_name=missing.group_name,
        )
    except CoopdecideError as error:
        raise study_error(source, loc, str(error)) from None


def _indicator_problem(
    spec: StudySpec, base_dir: Path, source: Source
) -> tuple[DecisionProblem, pd.DataFrame]:
    """The problem of ``data.indicators`` (with provenance) and each criterion's sources."""
    from coopdecide.data import to_iso3

    data = spec.data
    if data.focal is not None:
        try:
            to_iso3(data.focal, name="focal")
        except CoopdecideError as error:
            raise study_error(source, ("data", "focal"), str(error)) from None
    table = _read_indicators(data, base_dir, source)
    criteria = _indicator_criteria(spec, source)
    missing = _missing_policy(data.missing or "raise", base_dir, source)
    try:
        built = table.to_problem(
            criteria,
            alternatives=None if data.alternatives is None else list(data.alternatives),
            focal=data.focal,
            year="latest" if data.year is None else data.year,
            missing=missing,
            labels=data.labels or "name",
        )
    except CoopdecideError as error:
        raise study_error(source, "data", str(error)) from None
    dropped = [name for name in spec.criteria if name not in built.problem.criteria]
    if dropped:
        raise study_error(
            source,
            ("data", "missing"),
            f"drop_criteria drops {format_labels(dropped)} (missing values), but a study's "
            "criteria are those of its 'criteria' section: remove them there, or impute",
        )
    provenance = built.problem.provenance
    assert provenance is not None
    by_criterion = provenance.groupby(level="criterion", sort=False)["source"]
    metadata = pd.DataFrame(
        {"source": by_criterion.agg(lambda s: "; ".join(dict.fromkeys(s)))}
    ).reindex(list(spec.criteria))
    # what the reading and to_problem dropped or imputed, for the study's warnings
    metadata.attrs["data_notes"] = tuple(built.notes)
    return built.problem, metadata


def _metadata_text(meta: Mapping[Hashable, object] | None, key: str) -> str | None:
    return None if meta is None else str(meta.get(key, "")) or None


def criteria_frame(spec: StudySpec, metadata: pd.DataFrame | None) -> pd.DataFrame:
    """One row per criterion: column, objective, transform, unit, description, source, proxy."""
    rows = []
    for name, criterion in spec.criteria.items():
        column = criterion.column if criterion.column is not None else name
        meta = (
            metadata.loc[column].to_dict()
            if metadata is not None and column in metadata.index
            else None
        )
        meaning = _metadata_text(meta, "meaning")
        transform: str | None = criterion.transform
        if criterion.target is not None:
            transform = f"|x - {criterion.target:g}|"
        rows.append(
            {
                "criterion": name,
                "column": column,
                "objective": criterion.objective,
                "transform": transform,
                "unit": criterion.unit
                if criterion.unit is not None
                else _metadata_text(meta, "unit"),
                "description": criterion.description
                if criterion.description is not None
                else meaning,
                "source": _metadata_text(meta, "source"),
                "proxy": bool(meaning is not None and meaning.upper().startswith("PROXY")),
            }
        )
    return pd.DataFrame.from_records(rows).set_index("criterion")


# ---------------------------------------------------------------------------
# portfolio
# ---------------------------------------------------------------------------
def portfolio_table(portfolio: PortfolioSpec, base_dir: Path, source: Source) -> pd.DataFrame:
    """The programme table of the ``portfolio`` section, indexed by programme."""
    data = portfolio.data
    loc = ("portfolio", "data")
    if data.indicators is not None:
        raise study_error(
            source, (*loc, "indicators"), "the programme data is a dataset or a file ('path')"
        )
    if data.dataset is not None:
        if data.dataset != "programmes":
            raise study_error(
                source,
                (*loc, "dataset"),
                f"expected the programme dataset 'programmes', got {describe(data.dataset)}",
            )
        table, _ = _dataset_table("programmes")
    else:
        table = _read_table(data, base_dir, source, loc)
    return _select_alternatives(table, data, source, loc)


def check_portfolio(spec: StudySpec, base_dir: Path, source: Source) -> None:
    """The columns the ``portfolio`` section names exist; acceptability has its SMAA."""
    portfolio = spec.portfolio
    if portfolio is None:
        return
    table = portfolio_table(portfolio, base_dir, source)
    for key in ("cost", "partner", "size"):
        column = getattr(portfolio, key)
        if column is not None and column not in table.columns:
            raise study_error(
                source,
                ("portfolio", key),
                f"column {describe(column)} is not in the programme data; its columns are "
                f"{format_labels(table.columns, limit=30)}",
            )
    if portfolio.score != "partner" and portfolio.score not in table.columns:
        raise study_error(
            source,
            ("portfolio", "score"),
            "expected 'partner' or a column of the programme data, got "
            f"{describe(portfolio.score)}",
        )
    for position, group in enumerate(portfolio.groups):
        if group not in table.columns:
            raise study_error(
                source,
                ("portfolio", "groups", position),
                f"column {describe(group)} is not in the programme data",
            )
    if portfolio.acceptability is not None:
        where = ("portfolio", "acceptability")
        if portfolio.score != "partner":
            raise study_error(
                source,
                where,
                "needs score: partner (each programme takes its partner's score in every SMAA "
                f"sample); got score {describe(portfolio.score)}, a fixed column",
            )
        if spec.sensitivity.smaa is None:
            raise study_error(
                source,
                where,
                "needs a sensitivity.smaa section: its uncertainty (weights, judgments, data) "
                "is sampled for the portfolio too; add one, e.g. smaa: {weights: uniform}",
            )


def portfolio_illustrative(portfolio: PortfolioSpec, base_dir: Path, source: Source) -> bool:
    """Whether the programme data are marked illustrative (attribute or column)."""
    table = portfolio_table(portfolio, base_dir, source)
    flag = table.attrs.get("illustrative", False)
    if "illustrative" in table.columns:
        flag = flag or bool(table["illustrative"].astype(bool).any())
    return bool(flag)
