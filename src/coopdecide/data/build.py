"""From an :class:`~coopdecide.data.Indicators` table to a DecisionProblem with provenance.

The steps, each an explicit argument of :meth:`~coopdecide.data.Indicators.to_problem`:

1. the year of each indicator (the latest available per country, or a fixed
   year; the year is kept per cell);
2. the missing-value policy (raise, drop alternatives, drop criteria, or
   impute with an interval);
3. the transform of each criterion (Kogut-Singh distance, difference to the
   focal country, log, rank, z-score) and its objective.

The problem carries a per-cell ``provenance`` (source, year, imputed or
not, how, and the interval ``low`` / ``high``); see
:mod:`coopdecide.data.result`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any, Literal

import numpy as np
import pandas as pd

from coopdecide._validation import (
    check_choice,
    check_positive_int,
    describe,
    did_you_mean,
    format_labels,
)
from coopdecide.data.countries import country_name, to_iso3
from coopdecide.data.transforms import NEEDS_FOCAL, TRANSFORMS, KogutSingh, apply_transform
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.problem import DecisionProblem, Objective

__all__ = ["Criterion", "Impute", "build_problem"]

YearRule = Literal["latest"] | int
_CELL_COLUMNS = ["value", "low", "high", "year", "source", "imputed", "note"]


@dataclass(frozen=True)
class Criterion:
    """How one criterion is computed from indicators.

    Parameters
    ----------
    indicator : str or sequence of str
        The indicator (several for ``transform="kogut_singh"``).
    objective : str or int, default "max"
        ``"max"`` / ``"benefit"`` / ``1`` or ``"min"`` / ``"cost"`` / ``-1``.
    transform : str or KogutSingh, default "none"
        One of :data:`~coopdecide.data.TRANSFORMS` (``"none"``, ``"log"``,
        ``"rank"``, ``"zscore"``, ``"difference"``, ``"abs_difference"``,
        ``"relative_difference"``, ``"kogut_singh"``) or a
        :class:`~coopdecide.data.transforms.KogutSingh` with its options.

    Examples
    --------
    >>> Criterion(["pdi", "idv", "mas", "uai"], "min", "kogut_singh").indicators
    ('pdi', 'idv', 'mas', 'uai')
    """

    indicator: str | Sequence[str]
    objective: str | int = "max"
    transform: str | KogutSingh = "none"

    def __post_init__(self) -> None:
        indicators = self.indicators
        if not indicators or not all(isinstance(i, str) and i for i in indicators):
            raise InvalidArgumentError(
                f"indicator must be a name or a sequence of names; got {describe(self.indicator)}"
            )
        Objective.from_alias(self.objective)
        name = self.transform_name
        if name != "kogut_singh" and len(indicators) != 1:
            raise InvalidArgumentError(
                f"transform {name!r} takes one indicator; got {len(indicators)} "
                "(use transform='kogut_singh' to combine several)"
            )

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicator names, as a tuple."""
        if isinstance(self.indicator, str):
            return (self.indicator,)
        return tuple(self.indicator)

    @property
    def transform_name(self) -> str:
        """The transform's name (``"kogut_singh"`` for a KogutSingh object)."""
        if isinstance(self.transform, KogutSingh):
            return "kogut_singh"
        return check_choice("transform", self.transform, tuple(TRANSFORMS))


@dataclass(frozen=True)
class Impute:
    """Impute missing cells, with an interval that SMAA can propagate.

    Parameters
    ----------
    method : {"peer_median", "locf"}, default "peer_median"
        ``"peer_median"``: the median of the indicator over the other
        countries of the same peer group (in the chosen year), with the
        group's inter-quartile range (``interval="iqr"``) or its minimum and
        maximum (``"range"``) as the interval. ``"locf"``: for a fixed
        ``year``, the country's last observation before it (last observation
        carried forward), with the interval ``value +- gap * d``, where
        ``gap`` is the number of years carried over and ``d`` the median
        absolute change per year of the indicator over all countries.
    groups : mapping or Series, optional
        Country (ISO3, ISO2 or name) -> peer group label (a region, income
        group or continent), required for ``"peer_median"``; for example the
        ``continent`` returned by :func:`~coopdecide.data.read_cepii_geo`.
    interval : {"iqr", "range"}, default "iqr"
        The interval of a peer-median imputation.
    min_peers : int, default 3
        Fewest peers with a value for a peer-median imputation.
    group_name : str, default "peer group"
        What the groups are, for the provenance notes ("continent").
    """

    method: str = "peer_median"
    groups: Mapping[str, str] | pd.Series | None = None
    interval: str = "iqr"
    min_peers: int = 3
    group_name: str = "peer group"
    _iso3_groups: dict[str, str] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        check_choice("method", self.method, ("peer_median", "locf"))
        check_choice("interval", self.interval, ("iqr", "range"))
        check_positive_int("min_peers", self.min_peers)
        if self.method == "peer_median":
            if not isinstance(self.groups, (Mapping, pd.Series)):
                raise InvalidTypeError(
                    "Impute(method='peer_median') needs groups: a mapping or Series country -> "
                    f"peer group; got {type(self.groups).__name__}"
                )
            groups = {to_iso3(str(k), name="groups"): str(v) for k, v in self.groups.items()}
            object.__setattr__(self, "_iso3_groups", groups)


MissingPolicy = Literal["raise", "drop_alternatives", "drop_criteria"] | Impute


# -- the steps ----------------------------------------------------------------------
def check_indicators(name: str, values: Sequence[str], known: Sequence[str]) -> None:
    """Raise if a value is not one of the ``known`` indicators, with a did-you-mean hint."""
    for value in values:
        if value not in known:
            raise InvalidArgumentError(
                f"{name}: unknown indicator {describe(value)}{did_you_mean(value, known)}; "
                f"the table has {format_labels(known, limit=12)}"
            )


def _criteria(criteria: Any) -> dict[str, Criterion]:
    if not isinstance(criteria, Mapping) or not criteria:
        raise InvalidTypeError(
            "criteria must be a non-empty mapping criterion name -> Criterion or indicator name; "
            f"got {describe(criteria)}"
        )
    specs = {}
    for name, spec in criteria.items():
        if isinstance(spec, str):
            spec = Criterion(spec)
        if not isinstance(spec, Criterion):
            raise InvalidTypeError(
                f"criteria[{name!r}] must be a Criterion or an indicator name; "
                f"got {type(spec).__name__}"
            )
        specs[str(name)] = spec
    return specs


def _year_rules(year: Any, indicators: Sequence[str]) -> dict[str, YearRule]:
    def check(rule: Any, where: str) -> YearRule:
        if rule == "latest" or (isinstance(rule, Integral) and not isinstance(rule, bool)):
            return rule if rule == "latest" else int(rule)
        raise InvalidArgumentError(
            f"{where} must be 'latest' or a year (int); got {describe(rule)}"
        )

    if isinstance(year, Mapping):
        unknown = [k for k in year if k not in indicators]
        if unknown:
            raise InvalidArgumentError(
                f"year names indicators the criteria do not use: {format_labels(unknown)}"
            )
        return {i: check(year.get(i, "latest"), f"year[{i!r}]") for i in indicators}
    rule = check(year, "year")
    return dict.fromkeys(indicators, rule)


def _select_year(rows: pd.DataFrame, rule: YearRule, policy: Any) -> pd.DataFrame:
    """One cell per country for one indicator: value, bounds, year, source, imputed, note."""
    rows = rows.sort_values("year", na_position="first", kind="stable")
    if rule == "latest":
        chosen = rows.groupby("country").tail(1)
    else:
        chosen = rows[rows["year"].isna() | (rows["year"] == rule)]
    cells = chosen.set_index("country").assign(
        low=lambda t: t["value"], high=lambda t: t["value"], imputed=False, note="observed"
    )
    if isinstance(policy, Impute) and policy.method == "locf" and rule != "latest":
        cells = pd.concat([cells, _carried_forward(rows, rule, cells.index)])
    return cells[_CELL_COLUMNS]


def _carried_forward(rows: pd.DataFrame, year: int, have: pd.Index) -> pd.DataFrame:
    """Last observations before ``year`` for countries without one in ``year``."""
    earlier = rows[(rows["year"] < year) & ~rows["country"].isin(have)]
    last = earlier.groupby("country").tail(1).set_index("country")
    if last.empty:
        return last.assign(low=[], high=[], imputed=[], note=[])
    dated = rows.dropna(subset=["year"]).sort_values(["country", "year"])
    step = dated.groupby("country")["value"].diff().abs() / dated.groupby("country")["year"].diff()
    change = float(np.nanmedian(step.to_numpy(dtype=float))) if step.notna().any() else np.nan
    if not np.isfinite(change):
        raise InvalidArgumentError(
            f"Impute(method='locf') needs two dated observations of {rows['indicator'].iloc[0]!r} "
            "for some country to estimate its change per year; the table has none"
        )
    gap = (year - last["year"]).astype(float).to_numpy()
    return last.assign(
        low=last["value"] - gap * change,
        high=last["value"] + gap * change,
        imputed=True,
        note=[
            f"carried forward from {int(y)} (+- {g:g} years x {change:.4g}/year)"
            for y, g in zip(last["year"], gap, strict=True)
        ],
    )


def _alternatives(
    alternatives: Any, table: pd.DataFrame, needed: Sequence[str], focal: str | None
) -> list[str]:
    if alternatives is None:
        present = table.loc[table["indicator"].isin(needed), "country"].unique()
        return sorted(c for c in present if c != focal)
    if isinstance(alternatives, str) or not isinstance(alternatives, Sequence | pd.Index):
        raise InvalidTypeError(
            "alternatives must be a sequence of country names or codes; "
            f"got {describe(alternatives)}"
        )
    codes = [to_iso3(str(a), name="alternatives") for a in alternatives]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise InvalidArgumentError(
            f"alternatives name the same country twice: {format_labels(repeated)}"
        )
    if focal in codes:
        raise InvalidArgumentError(
            f"alternatives include the focal country {focal!r}; leave it out (it is the reference)"
        )
    return codes


def _missing_cells(cells: dict[str, pd.DataFrame], codes: Sequence[str]) -> pd.DataFrame:
    """Boolean frame countries x indicators: True where no value was found."""
    index = pd.Index(codes)
    return pd.DataFrame({i: ~index.isin(c.index) for i, c in cells.items()}, index=index)


def _peer_median(
    cells: pd.DataFrame, country: str, indicator: str, policy: Impute
) -> dict[str, Any]:
    groups = policy._iso3_groups
    where = f"({country_name(country)}, {indicator!r})"
    if country not in groups:
        raise InvalidArgumentError(
            f"cannot impute {where}: {country} has no {policy.group_name} in Impute(groups=...)"
        )
    group = groups[country]
    observed = cells[~cells["imputed"]]
    peers = observed.loc[[c for c in observed.index if groups.get(c) == group], "value"]
    if len(peers) < policy.min_peers:
        raise InvalidArgumentError(
            f"cannot impute {where}: {policy.group_name} {group!r} has {len(peers)} other "
            f"countr(ies) with a value; Impute needs min_peers={policy.min_peers}"
        )
    values = peers.to_numpy(dtype=float)
    low, high = (
        np.percentile(values, [25, 75])
        if policy.interval == "iqr"
        else (values.min(), values.max())
    )
    span = "inter-quartile range" if policy.interval == "iqr" else "range"
    return {
        "value": float(np.median(values)),
        "low": float(low),
        "high": float(high),
        "year": observed.loc[peers.index, "year"].max(),
        "source": "; ".join(dict.fromkeys(observed.loc[peers.index, "source"])),
        "imputed": True,
        "note": f"median of {len(peers)} countries of {policy.group_name} {group!r}, "
        f"interval: their {span}",
    }


def _apply_missing(
    cells: dict[str, pd.DataFrame],
    specs: dict[str, Criterion],
    codes: list[str],
    policy: Any,
) -> tuple[list[str], dict[str, Criterion], list[str]]:
    """Apply the missing-value policy: (alternatives, criteria, notes); fills ``cells``."""
    missing = _missing_cells(cells, codes)
    if not missing.to_numpy().any():
        return codes, specs, []
    if isinstance(policy, Impute) and policy.method == "peer_median":
        for indicator in missing.columns:
            table = cells[indicator]
            filled = {
                c: _peer_median(table, c, indicator, policy)
                for c in missing.index[missing[indicator]]
            }
            if filled:
                cells[indicator] = pd.concat(
                    [table, pd.DataFrame.from_dict(filled, orient="index")]
                )
        count = int(missing.to_numpy().sum())
        return codes, specs, [f"imputed {count} cell(s) by the {policy.group_name} median"]
    if policy == "drop_alternatives":
        lost = [c for c in codes if missing.loc[c].any()]
        names = [
            f"{country_name(c)} ({', '.join(missing.columns[missing.loc[c].to_numpy()])})"
            for c in lost
        ]
        return (
            [c for c in codes if c not in lost],
            specs,
            [f"dropped {len(lost)} alternative(s) with missing values: {', '.join(names)}"],
        )
    if policy == "drop_criteria":
        gaps = missing.any()
        gone = [name for name, spec in specs.items() if any(gaps[i] for i in spec.indicators)]
        kept = {name: spec for name, spec in specs.items() if name not in gone}
        if not kept:
            raise InvalidArgumentError("missing='drop_criteria' drops every criterion")
        return (
            codes,
            kept,
            [f"dropped {len(gone)} criteria with missing values: {format_labels(gone)}"],
        )
    rows, cols = np.nonzero(missing.to_numpy())
    listed = [
        f"({country_name(str(missing.index[int(r)]))}, {missing.columns[int(c)]!r})"
        for r, c in zip(rows, cols, strict=True)
    ]
    why = "no earlier observation to carry forward for " if isinstance(policy, Impute) else ""
    raise InvalidArgumentError(
        f"{len(listed)} missing cell(s): {why}{', '.join(listed[:8])}"
        f"{' ...' if len(listed) > 8 else ''}; "
        "choose a policy: missing='drop_alternatives', 'drop_criteria' or Impute(...)"
    )


def _variances(
    spec: Criterion, cells: dict[str, pd.DataFrame], codes: list[str], focal: str
) -> np.ndarray:
    options = spec.transform if isinstance(spec.transform, KogutSingh) else KogutSingh()
    variances = []
    for indicator in spec.indicators:
        table = cells[indicator]
        if options.variance_over == "table":
            values = table.loc[~table["imputed"].astype(bool), "value"]
        else:
            values = table.loc[[*codes, focal], "value"]
        variance = float(np.var(values.to_numpy(dtype=float), ddof=options.ddof))
        if not variance > 0:
            raise InvalidArgumentError(
                f"kogut_singh: the variance of {indicator!r} over {len(values)} countries is "
                f"{variance:g}; it must be positive"
            )
        variances.append(variance)
    return np.array(variances)


def _criterion_values(
    name: str, spec: Criterion, cells: dict[str, pd.DataFrame], codes: list[str], focal: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, low, high) of one criterion for the alternatives ``codes``."""
    stack = {
        part: np.column_stack(
            [cells[i].loc[codes, part].to_numpy(dtype=float) for i in spec.indicators]
        )
        for part in ("value", "low", "high")
    }
    transform = spec.transform_name
    focal_row = None
    if transform in NEEDS_FOCAL:
        if focal is None:
            raise InvalidArgumentError(
                f"criterion {name!r}: transform {transform!r} needs focal=..."
            )
        absent = [i for i in spec.indicators if focal not in cells[i].index]
        if absent:
            raise InvalidArgumentError(
                f"criterion {name!r}: the focal country {country_name(focal)} has no value for "
                f"{format_labels(absent)}; {transform!r} measures the distance to it"
            )
        focal_row = np.array([cells[i].at[focal, "value"] for i in spec.indicators], dtype=float)
    if transform == "log" and (stack["low"] <= 0).any():
        bad = codes[int(np.argmax((stack["low"] <= 0)[:, 0]))]
        raise InvalidArgumentError(
            f"criterion {name!r}: log needs positive values; {country_name(bad)} has "
            f"{stack['low'][codes.index(bad), 0]:g}"
        )
    if transform == "relative_difference" and focal_row is not None and focal_row[0] == 0:
        raise InvalidArgumentError(f"criterion {name!r}: relative_difference to a focal value of 0")
    if transform == "zscore" and not np.std(stack["value"]) > 0:
        raise InvalidArgumentError(f"criterion {name!r}: zscore of a constant indicator")
    variances = None
    if transform == "kogut_singh":
        assert focal is not None  # checked above: the transform needs the focal country
        variances = _variances(spec, cells, codes, focal)
    return apply_transform(
        transform, stack["value"], stack["low"], stack["high"], focal=focal_row, variances=variances
    )


def _joined_notes(indicators: Sequence[str], notes: Sequence[str]) -> str:
    """One cell's note: "observed", or how each indicator that was not observed was filled."""
    if len(notes) == 1 or all(note == "observed" for note in notes):
        return notes[0] if len(notes) == 1 else "observed"
    return "; ".join(
        f"{i}: {note}" for i, note in zip(indicators, notes, strict=True) if note != "observed"
    )


def _provenance_rows(
    name: str, spec: Criterion, cells: dict[str, pd.DataFrame], codes: list[str]
) -> pd.DataFrame:
    parts = [cells[i].loc[codes] for i in spec.indicators]
    years = pd.concat([p["year"] for p in parts], axis=1).max(axis=1)
    return pd.DataFrame(
        {
            "criterion": name,
            "country": codes,
            "indicators": ", ".join(spec.indicators),
            "source": [
                "; ".join(dict.fromkeys(s)) for s in zip(*(p["source"] for p in parts), strict=True)
            ],
            "year": years.astype("Int64"),
            "imputed": np.any([p["imputed"].to_numpy(dtype=bool) for p in parts], axis=0),
            "note": [
                _joined_notes(spec.indicators, notes)
                for notes in zip(*(p["note"] for p in parts), strict=True)
            ],
        }
    )


def build_problem(
    table: pd.DataFrame,
    criteria: Mapping[str, Criterion | str],
    *,
    alternatives: Sequence[str] | None,
    focal: str | None,
    year: YearRule | Mapping[str, YearRule],
    missing: MissingPolicy,
    weights: Mapping[str, float] | None,
    labels: str,
) -> tuple[DecisionProblem, list[str]]:
    """The work of :meth:`Indicators.to_problem` on its tidy table: (problem, notes)."""
    specs = _criteria(criteria)
    check_choice("labels", labels, ("name", "code"))
    if not (
        missing in ("raise", "drop_alternatives", "drop_criteria") or isinstance(missing, Impute)
    ):
        raise InvalidArgumentError(
            "missing must be 'raise', 'drop_alternatives', 'drop_criteria' or Impute(...); "
            f"got {describe(missing)}"
        )
    needed = list(dict.fromkeys(i for spec in specs.values() for i in spec.indicators))
    check_indicators("criteria", needed, sorted(table["indicator"].unique()))
    focal_code = None if focal is None else to_iso3(focal, name="focal")
    codes = _alternatives(alternatives, table, needed, focal_code)
    rules = _year_rules(year, needed)
    cells = {i: _select_year(table[table["indicator"] == i], rules[i], missing) for i in needed}
    codes, specs, notes = _apply_missing(cells, specs, codes, missing)
    columns = {
        name: _criterion_values(name, spec, cells, codes, focal_code)
        for name, spec in specs.items()
    }
    provenance = pd.concat([_provenance_rows(n, s, cells, codes) for n, s in specs.items()])
    names = [country_name(c) if labels == "name" else c for c in codes]
    provenance["alternative"] = provenance["country"].map(dict(zip(codes, names, strict=True)))
    provenance["low"] = np.concatenate([columns[n][1] for n in specs])
    provenance["high"] = np.concatenate([columns[n][2] for n in specs])
    problem = DecisionProblem(
        pd.DataFrame({n: columns[n][0] for n in specs}, index=names),
        objectives={n: spec.objective for n, spec in specs.items()},
        weights=weights,
        provenance=provenance.set_index(["alternative", "criterion"]),
    )
    return problem, notes
