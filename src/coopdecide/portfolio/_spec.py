"""Validation of the portfolio inputs and diagnosis of infeasible constraints."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import Any, NoReturn

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, check_real, describe, format_labels
from coopdecide.exceptions import (
    InfeasiblePortfolioError,
    InvalidArgumentError,
    InvalidTypeError,
)
from coopdecide.portfolio._model import _FEASIBILITY_TOL, _Constraint, _Model, _solver_session

OBJECTIVES = ("score", "score_x_cost", "score_x_size")

GroupLimits = Mapping[str, int | Mapping[Any, int]]


# ---------------------------------------------------------------------------
# input validation
# ---------------------------------------------------------------------------
def _as_float_vector(name: str, values: Any, names: pd.Index | None) -> tuple[np.ndarray, pd.Index]:
    """Return ``values`` as a float array aligned with ``names``.

    ``values`` may be a Series (aligned on its labels), a mapping or an
    array-like in programme order. When ``names`` is None the labels come
    from ``values`` (a Series or mapping) or are generated.
    """
    if isinstance(values, Mapping) and not isinstance(values, pd.Series):
        values = pd.Series(dict(values))
    if isinstance(values, pd.DataFrame):
        raise InvalidTypeError(f"{name} must be a Series or a 1-D array; got a DataFrame")
    if isinstance(values, pd.Series):
        if values.index.has_duplicates:
            duplicated = values.index[values.index.duplicated()].unique()
            raise InvalidArgumentError(
                f"{name} must have unique programme labels; duplicated: {format_labels(duplicated)}"
            )
        if names is None:
            names = pd.Index(values.index)
        else:
            unknown = values.index.difference(names, sort=False)
            missing = names.difference(values.index, sort=False)
            if len(unknown) or len(missing):
                parts = []
                if len(missing):
                    parts.append(f"missing {format_labels(missing)}")
                if len(unknown):
                    parts.append(f"unknown programmes {format_labels(unknown)}")
                raise InvalidArgumentError(
                    f"{name} must have one value for each programme; {'; '.join(parts)}"
                )
            values = values.reindex(names)
        raw = values.to_numpy()
    else:
        if isinstance(values, (str, bytes)):
            raise InvalidTypeError(
                f"{name} must be a Series or a 1-D array; got {describe(values)}"
            )
        raw = np.asarray(values)
    try:
        array = np.array(raw, dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(
            f"{name} must contain only numbers; got {describe(list(raw)[:8])}"
        ) from None
    if array.ndim != 1:
        raise InvalidArgumentError(f"{name} must be one-dimensional; got shape {array.shape}")
    if names is None:
        names = pd.Index([f"P{i + 1}" for i in range(array.shape[0])])
    elif array.shape[0] != len(names):
        raise InvalidArgumentError(
            f"{name} must have one value per programme ({len(names)}); got {array.shape[0]}"
        )
    bad = ~np.isfinite(array)
    if bad.any():
        raise InvalidArgumentError(
            f"{name} must be finite numbers; got NaN or infinite values for "
            f"{format_labels(names[bad])}"
        )
    return array, names


def _check_names(names: Any) -> pd.Index:
    if isinstance(names, (str, bytes)):
        raise InvalidTypeError(
            f"names must be a sequence of programme labels; got {describe(names)}"
        )
    index = pd.Index(list(names))
    if index.has_duplicates:
        duplicated = index[index.duplicated()].unique()
        raise InvalidArgumentError(f"names must be unique; duplicated: {format_labels(duplicated)}")
    return index


def _score_vector(scores: Any, names: Any) -> tuple[np.ndarray, pd.Index]:
    scores = _unwrap_ranking(scores)
    if names is not None:
        if isinstance(scores, pd.Series):
            raise InvalidArgumentError(
                "names must not be given when scores is a Series (its index names the programmes)"
            )
        array, index = _as_float_vector("scores", scores, _check_names(names))
    else:
        array, index = _as_float_vector("scores", scores, None)
    if len(index) == 0:
        raise InvalidArgumentError("scores must have at least one programme; got none")
    return array, index


def _unwrap_ranking(scores: Any) -> Any:
    """Accept a RankingResult in place of its scores (higher must be better)."""
    if hasattr(scores, "higher_is_better") and hasattr(scores, "scores"):
        from coopdecide.ranking import RankingResult

        if isinstance(scores, RankingResult):
            if not scores.higher_is_better:
                raise InvalidArgumentError(
                    "scores must be larger-is-better to be maximised; the "
                    f"{describe(scores.method)} "
                    "ranking has lower-is-better scores (pass transformed scores instead)"
                )
            return scores.scores
    return scores


def _costs_and_budget(costs: Any, budget: Any, names: pd.Index) -> tuple[np.ndarray, float | None]:
    cost_array, _ = _as_float_vector("costs", costs, names)
    negative = cost_array < 0
    if negative.any():
        raise InvalidArgumentError(
            "costs must be non-negative; got "
            + ", ".join(
                f"{cost_array[i]:g} for {describe(names[i])}"
                for i in np.flatnonzero(negative).tolist()
            )
        )
    if budget is None:
        return cost_array, None
    value = check_real("budget", budget)
    if value < 0:
        raise InvalidArgumentError(f"budget must be non-negative; got {value:g}")
    return cost_array, value


def _multiplier(
    objective: str, sizes: Any, costs: np.ndarray, names: pd.Index
) -> tuple[np.ndarray, np.ndarray | None]:
    check_option("objective", objective, OBJECTIVES)
    if objective == "score_x_size":
        if sizes is None:
            raise InvalidArgumentError('sizes must be given when objective="score_x_size"')
        size_array, _ = _as_float_vector("sizes", sizes, names)
        if (size_array < 0).any():
            raise InvalidArgumentError(
                "sizes must be non-negative; got "
                + ", ".join(
                    f"{size_array[i]:g} for {describe(names[i])}"
                    for i in np.flatnonzero(size_array < 0).tolist()
                )
            )
        return size_array, size_array
    if sizes is not None:
        raise InvalidArgumentError(
            f'sizes is only used with objective="score_x_size"; got objective={describe(objective)}'
        )
    if objective == "score_x_cost":
        return costs, None
    return np.ones(len(names)), None


def _programme_positions(name: str, values: Any, lookup: Mapping[Any, int]) -> list[int]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        values = [values]
    items = list(values)
    unknown = [v for v in items if v not in lookup]
    if unknown:
        raise InvalidArgumentError(
            f"{name} names programmes that do not exist: {format_labels(unknown)}; "
            f"the programmes are {format_labels(list(lookup))}"
        )
    return [lookup[v] for v in items]


def _pairs(name: str, value: Any) -> list[tuple[Any, Any]]:
    """Read ``requires``: pairs (a, b) or a mapping a -> b or a -> [b1, b2]."""
    if value is None:
        return []
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        for a, bs in value.items():
            if isinstance(bs, (str, bytes)) or not isinstance(bs, Iterable):
                bs = [bs]
            pairs.extend((a, b) for b in bs)
        return pairs
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"{name} must be pairs (a, b) or a mapping a -> b; got {describe(value)}"
        )
    for item in value:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            raise InvalidTypeError(
                f"{name} must be pairs (a, b) meaning 'a requires b'; got the entry "
                f"{describe(item)}"
            )
        pairs.append((item[0], item[1]))
    return pairs


def _group_labels(name: str, values: Any, names: pd.Index) -> np.ndarray:
    if isinstance(values, Mapping) and not isinstance(values, pd.Series):
        values = pd.Series(dict(values))
    where = f"groups[{describe(name)}]"
    if isinstance(values, pd.Series):
        unknown = values.index.difference(names, sort=False)
        missing = names.difference(values.index, sort=False)
        if len(unknown):
            raise InvalidArgumentError(
                f"{where} names programmes that do not exist: {format_labels(unknown)}"
            )
        if len(missing):
            raise InvalidArgumentError(
                f"{where} must give a label for every programme; missing {format_labels(missing)}"
            )
        if values.index.has_duplicates:
            raise InvalidArgumentError(f"{where} must have unique programme labels")
        labels = values.reindex(names).to_numpy(dtype=object)
    else:
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise InvalidTypeError(
                f"{where} must be a Series, a mapping or a sequence of labels; got "
                f"{describe(values)}"
            )
        labels = np.asarray(list(values), dtype=object)
        if labels.shape != (len(names),):
            raise InvalidArgumentError(
                f"{where} must have one label per programme ({len(names)}); got {labels.shape[0]}"
            )
    missing_label = pd.isna(labels)
    if missing_label.any():
        raise InvalidArgumentError(
            f"{where} has missing labels for {format_labels(names[missing_label])}"
        )
    return labels


def _limits(
    name: str, limits: GroupLimits | None, groups: Mapping[str, np.ndarray]
) -> dict[tuple[str, Any], int]:
    """Read at_most / at_least into {(group, label): k}."""
    if limits is None:
        return {}
    if not isinstance(limits, Mapping):
        raise InvalidTypeError(
            f"{name} must be a mapping group -> k or group -> {{label: k}}; got {describe(limits)}"
        )
    result: dict[tuple[str, Any], int] = {}
    for group, spec in limits.items():
        if group not in groups:
            known = format_labels(groups) if groups else "none (pass groups=)"
            raise InvalidArgumentError(
                f"{name} names a group that is not defined: {describe(group)}; the groups are "
                f"{known}"
            )
        present = list(dict.fromkeys(groups[group].tolist()))
        if isinstance(spec, Mapping):
            unknown = [label for label in spec if label not in present]
            if unknown:
                raise InvalidArgumentError(
                    f"{name}[{describe(group)}] names values that no programme has: "
                    f"{format_labels(unknown)}; the {group} values are {format_labels(present)}"
                )
            items = list(spec.items())
        else:
            items = [(label, spec) for label in present]
        for label, k in items:
            where = f"{name}[{describe(group)}]" + (
                f"[{describe(label)}]" if isinstance(spec, Mapping) else ""
            )
            if isinstance(k, bool) or not isinstance(k, Integral):
                raise InvalidTypeError(f"{where} must be an integer; got {describe(k)}")
            if k < 0:
                raise InvalidArgumentError(f"{where} must be non-negative; got {k}")
            result[(group, label)] = int(k)
    return result


@dataclass(frozen=True)
class _Spec:
    """Validated programmes and constraints (everything but the scores)."""

    names: pd.Index
    costs: np.ndarray
    budget: float | None
    multiplier: np.ndarray
    sizes: np.ndarray | None
    objective: str
    groups: dict[str, np.ndarray]
    at_most: dict[tuple[str, Any], int]
    at_least: dict[tuple[str, Any], int]
    mandatory: tuple[int, ...]
    excluded: tuple[int, ...]
    requires: tuple[tuple[int, int], ...]
    excludes: tuple[tuple[int, ...], ...]

    def label(self, position: int) -> str:
        return describe(self.names[position])

    def constraints(self, budget: float | None) -> list[_Constraint]:
        n = len(self.names)
        items: list[_Constraint] = []
        if budget is not None:
            items.append(
                _Constraint(
                    "budget",
                    f"total cost <= {budget:g}",
                    np.arange(n),
                    self.costs.copy(),
                    -np.inf,
                    budget,
                )
            )
        for kind, limits in (("at_most", self.at_most), ("at_least", self.at_least)):
            for (group, label), k in limits.items():
                members = np.flatnonzero(self.groups[group] == label)
                words = "at most" if kind == "at_most" else "at least"
                lower, upper = (-np.inf, float(k)) if kind == "at_most" else (float(k), np.inf)
                items.append(
                    _Constraint(
                        kind,
                        f"{words} {k} with {group} = {describe(label)}",
                        members,
                        np.ones(len(members)),
                        lower,
                        upper,
                        group=group,
                        label=label,
                    )
                )
        for kind, positions, value in (
            ("mandatory", self.mandatory, 1),
            ("excluded", self.excluded, 0),
        ):
            items.extend(
                _Constraint(
                    kind,
                    f"{self.label(position)} is {kind}",
                    np.array([position]),
                    np.ones(1),
                    float(value),
                    float(value),
                    fix=(position, value),
                )
                for position in positions
            )
        for a, b in self.requires:
            items.append(
                _Constraint(
                    "requires",
                    f"{self.label(a)} requires {self.label(b)}",
                    np.array([a, b]),
                    np.array([1.0, -1.0]),
                    -np.inf,
                    0.0,
                )
            )
        for group_members in self.excludes:
            items.append(
                _Constraint(
                    "excludes",
                    f"at most one of {', '.join(self.label(m) for m in group_members)}",
                    np.array(group_members),
                    np.ones(len(group_members)),
                    -np.inf,
                    1.0,
                )
            )
        return items


def _build_spec(
    names: pd.Index,
    costs: Any,
    budget: Any,
    *,
    sizes: Any,
    objective: str,
    groups: Mapping[str, Any] | None,
    at_most: GroupLimits | None,
    at_least: GroupLimits | None,
    mandatory: Any,
    excluded: Any,
    requires: Any,
    excludes: Any,
) -> _Spec:
    cost_array, budget_value = _costs_and_budget(costs, budget, names)
    multiplier, size_array = _multiplier(objective, sizes, cost_array, names)
    lookup = {name: i for i, name in enumerate(names)}
    if groups is not None and not isinstance(groups, Mapping):
        raise InvalidTypeError(
            f"groups must be a mapping group name -> labels per programme; got {describe(groups)}"
        )
    parsed_groups = {
        group: _group_labels(group, values, names) for group, values in (groups or {}).items()
    }
    most = _limits("at_most", at_most, parsed_groups)
    least = _limits("at_least", at_least, parsed_groups)
    must = tuple(dict.fromkeys(_programme_positions("mandatory", mandatory, lookup)))
    never = tuple(dict.fromkeys(_programme_positions("excluded", excluded, lookup)))
    pairs = []
    for a, b in _pairs("requires", requires):
        (pa,) = _programme_positions("requires", [a], lookup)
        (pb,) = _programme_positions("requires", [b], lookup)
        if pa == pb:
            raise InvalidArgumentError(
                f"requires must pair two different programmes; got {describe(a)} twice"
            )
        pairs.append((pa, pb))
    sets = []
    if excludes is not None:
        if isinstance(excludes, (str, bytes)) or not isinstance(excludes, Iterable):
            raise InvalidTypeError(
                f"excludes must be a sequence of groups of mutually exclusive programmes; "
                f"got {describe(excludes)}"
            )
        for entry in excludes:
            if isinstance(entry, (str, bytes)) or not isinstance(entry, Iterable):
                raise InvalidTypeError(
                    "excludes must contain groups (tuples) of mutually exclusive programmes; "
                    f"got the entry {describe(entry)}"
                )
            members = tuple(dict.fromkeys(_programme_positions("excludes", entry, lookup)))
            if len(members) < 2:
                raise InvalidArgumentError(
                    "each excludes entry must name at least 2 different programmes; "
                    f"got {describe(list(entry))}"
                )
            sets.append(members)
    return _Spec(
        names=names,
        costs=cost_array,
        budget=budget_value,
        multiplier=multiplier,
        sizes=size_array,
        objective=objective,
        groups=parsed_groups,
        at_most=most,
        at_least=least,
        mandatory=must,
        excluded=never,
        requires=tuple(dict.fromkeys(pairs)),
        excludes=tuple(sets),
    )


# ---------------------------------------------------------------------------
# infeasibility diagnosis
# ---------------------------------------------------------------------------
def _required_closure(spec: _Spec, start: Iterable[int]) -> dict[int, int | None]:
    """Programmes forced in by ``start`` through ``requires``: position -> who required it."""
    needs: dict[int, list[int]] = {}
    for a, b in spec.requires:
        needs.setdefault(a, []).append(b)
    forced: dict[int, int | None] = dict.fromkeys(start)
    queue = list(forced)
    while queue:
        current = queue.pop()
        for nxt in needs.get(current, []):
            if nxt not in forced:
                forced[nxt] = current
                queue.append(nxt)
    return forced


def _chain(spec: _Spec, forced: dict[int, int | None], position: int) -> str:
    path = [position]
    while forced[path[-1]] is not None:
        path.append(forced[path[-1]])  # type: ignore[arg-type]
    return " requires ".join(spec.label(p) for p in reversed(path))


def _precheck(spec: _Spec, budget: float | None) -> None:
    """Raise InfeasiblePortfolioError for conflicts that can be named directly."""
    names = spec.names
    both = sorted(set(spec.mandatory) & set(spec.excluded))
    if both:
        raise InfeasiblePortfolioError(
            "programmes cannot be both mandatory and excluded; got "
            f"{format_labels(names[both])} in both"
        )
    forced = _required_closure(spec, spec.mandatory)
    excluded = set(spec.excluded)
    for position in forced:
        if position in excluded:
            raise InfeasiblePortfolioError(
                "a mandatory programme requires an excluded one: "
                f"{_chain(spec, forced, position)}, and {spec.label(position)} is excluded"
            )
    if budget is not None:
        total = float(spec.costs[list(forced)].sum()) if forced else 0.0
        if total > budget * (1 + _FEASIBILITY_TOL) + _FEASIBILITY_TOL:
            items = ", ".join(f"{spec.label(p)} ({spec.costs[p]:g})" for p in forced)
            raise InfeasiblePortfolioError(
                f"the mandatory programmes (with the programmes they require) cost {total:g}, "
                f"more than the budget {budget:g}: {items}"
            )
    for exclusive in spec.excludes:
        inside = [m for m in exclusive if m in forced]
        if len(inside) > 1:
            raise InfeasiblePortfolioError(
                f"{' and '.join(_chain(spec, forced, m) for m in inside)} must all be chosen "
                f"(mandatory), but at most one of {format_labels(names[list(exclusive)])} may be"
            )
    for key, low in spec.at_least.items():
        group, label = key
        high = spec.at_most.get(key)
        if high is not None and low > high:
            raise InfeasiblePortfolioError(
                f"at_least[{describe(group)}] asks for {low} programmes with {group} = "
                f"{describe(label)} but "
                f"at_most[{describe(group)}] allows only {high}"
            )
        members = np.flatnonzero(spec.groups[group] == label)
        available = [m for m in members if m not in excluded]
        if low > len(available):
            note = (
                f" ({len(members) - len(available)} of them excluded)"
                if len(available) < len(members)
                else ""
            )
            raise InfeasiblePortfolioError(
                f"at_least[{describe(group)}] asks for {low} programmes with {group} = "
                f"{describe(label)}, but "
                f"only {len(available)} can be chosen{note}: {format_labels(names[members])}"
            )
    for (group, label), high in spec.at_most.items():
        forced_in = [m for m in forced if spec.groups[group][m] == label]
        if len(forced_in) > high:
            raise InfeasiblePortfolioError(
                f"at_most[{describe(group)}] allows {high} programmes with {group} = "
                f"{describe(label)}, but "
                f"{len(forced_in)} are mandatory (or required by a mandatory one): "
                f"{format_labels(names[forced_in])}"
            )


def _minimal_conflict(model: _Model) -> list[int]:
    """Deletion filter (Chinneck and Dravnieks 1991) over whole constraints.

    Returns the positions (in ``model.constraints``) of an irreducible
    infeasible subset: dropping any one of them makes the rest feasible.
    """
    keep = list(range(len(model.constraints)))
    zero = np.zeros(model.n)
    for candidate in list(keep):
        trial = [k for k in keep if k != candidate]
        if model.subset(trial).solve(zero) is None:
            keep = trial
    return keep


def _raise_infeasible(model: _Model, *, context: str = "") -> NoReturn:
    with _solver_session():
        conflict = _minimal_conflict(model)
    described = [model.constraints[k].description for k in conflict]
    error = InfeasiblePortfolioError(
        f"the portfolio constraints cannot all be met{context}; a minimal conflicting set "
        f"(drop any one of them and the rest can be met): {'; '.join(described)}"
    )
    error.conflicts = tuple(described)  # type: ignore[attr-defined]
    raise error
