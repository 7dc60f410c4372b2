"""Whole studies described in a file: data, criteria, experts, settings -> results.

A study file (YAML or JSON, see ``docs/guide/studies.md``) names the data,
the criteria, the experts with their pairwise judgments (inline or in an Excel
questionnaire) and the analyses to run. :func:`load_study` reads and checks it
into a :class:`Study`; :meth:`Study.run` computes the group AHP weights, the
ranking and the sensitivity analyses into a :class:`StudyResult`, which
renders in Jupyter, exports to JSON and writes the report.

Examples
--------
>>> from coopdecide.study import bundled_study_path, load_study
>>> study = load_study(bundled_study_path())
>>> study.experts[0]
'Ministry of Foreign Affairs (illustrative)'
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     result = study.run()
>>> [w.category.__name__ for w in caught]  # real data: some partners are dominated
['DominatedAlternativeWarning']
>>> bool(result.experts.loc[study.experts[2], "consistent"])
False
>>> study.problem.shape
(31, 6)
"""

from __future__ import annotations

import inspect
import os
import re
import warnings
from collections.abc import Hashable, Mapping
from importlib import resources
from itertools import combinations
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, html_section, to_jsonable
from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import (
    CoopdecideError,
    DominatedAlternativeWarning,
    InconsistentComparisonWarning,
    InvalidArgumentError,
    StudyFileError,
)
from coopdecide.io.study_file import (
    FORMAT_VERSION,
    check_name,
    judgments_to_mapping,
    parse_study,
    read_study_file,
    study_error,
    write_study_file,
)
from coopdecide.problem import DecisionProblem

__all__ = ["Study", "StudyPlots", "StudyResult", "bundled_study_path", "load_study"]

_BUNDLED_STUDY = "indonesia_partners_study.yaml"

# options a study may set for each sensitivity analysis (the rest comes from `ranking`)
_SENSITIVITY_OPTIONS: Mapping[str, tuple[str, ...]] = {
    "one_at_a_time": ("criterion", "n_points", "grid_points"),
    "critical_changes": ("grid_points",),
    "smaa": ("n_samples", "random_state", "weights", "judgments", "data", "chunk_size"),
    "compare_methods": (),  # filled from the function's signature when it exists
}
_COMPARE_RESERVED = ("problem", "weights", "progress", "executor")


def bundled_study_path() -> Path:
    """Path of the bundled study: Indonesia choosing cooperation partners.

    The study uses the bundled partner-countries data (real data, with proxy
    criteria) and an ILLUSTRATIVE panel of three institutions whose judgments
    were written for the demo, not elicited. ``coopdecide demo`` runs it.

    Examples
    --------
    >>> bundled_study_path().name
    'indonesia_partners_study.yaml'
    """
    return Path(str(resources.files("coopdecide.datasets").joinpath("data", _BUNDLED_STUDY)))


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------
def _dataset_table(name: str) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """A bundled dataset as a table indexed by alternative, and its metadata."""
    if name == "partner_countries":
        from coopdecide.datasets import load_partner_countries_table, partner_countries_metadata

        return load_partner_countries_table(), partner_countries_metadata()
    if name == "programmes":
        from coopdecide.datasets import load_programmes

        return load_programmes(), None
    raise AssertionError(name)  # pragma: no cover - the schema lists the datasets


def _read_table(spec: Any, base_dir: Path, source: Any, loc: tuple[Any, ...]) -> pd.DataFrame:
    """Read a CSV or Excel data file named by a ``data`` section."""
    path = Path(spec.path)
    resolved = path if path.is_absolute() else (base_dir / path)
    resolved = Path(os.path.normpath(resolved))
    if not resolved.is_file():
        raise study_error(
            source,
            (*loc, "path"),
            f"data file {describe(spec.path)} does not exist (looked for "
            f"{describe(str(resolved))})",
        )
    suffix = resolved.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            if spec.sheet is not None:
                raise study_error(source, (*loc, "sheet"), "'sheet' applies to Excel files only")
            table = pd.read_csv(resolved)
        elif suffix in (".xlsx", ".xlsm"):
            try:
                import openpyxl  # noqa: F401
            except ImportError:
                raise ImportError(
                    f"reading the Excel data file {describe(str(resolved))} needs openpyxl: "
                    "pip install coopdecide[excel]"
                ) from None
            table = pd.read_excel(resolved, sheet_name=0 if spec.sheet is None else spec.sheet)
        else:
            raise study_error(
                source,
                (*loc, "path"),
                f"expected a .csv or .xlsx data file, got {describe(spec.path)}",
            )
    except StudyFileError:
        raise
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise study_error(
            source, (*loc, "path"), f"cannot read {describe(str(resolved))}: {error}"
        ) from None
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
    table: pd.DataFrame, spec: Any, source: Any, loc: tuple[Any, ...]
) -> pd.DataFrame:
    if table.index.has_duplicates:
        duplicated = table.index[table.index.duplicated()].unique()
        raise study_error(
            source,
            (*loc, "index" if getattr(spec, "path", None) else "dataset"),
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
    table: pd.DataFrame, name: str, spec: Any, source: Any, data_name: str
) -> pd.Series:
    """One criterion's column, checked and transformed."""
    column = spec.column if spec.column is not None else name
    loc = ("criteria", name, "column" if spec.column is not None else None)
    loc = tuple(part for part in loc if part is not None)
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
        limit = -1.0 if spec.transform == "log1p" else 0.0
        below = values <= limit
        if below.any():
            cells = [
                f"{describe(alt)} ({values[alt]:g})" for alt in table.index[below.to_numpy()][:8]
            ]
            need = "> -1" if spec.transform == "log1p" else "> 0"
            hint = " (log1p accepts zeros)" if spec.transform != "log1p" else ""
            raise study_error(
                source,
                ("criteria", name, "transform"),
                f"{spec.transform} needs values {need}{hint}; column {describe(column)} has "
                f"{', '.join(cells)}",
            )
        function = {"log": np.log, "log10": np.log10, "log1p": np.log1p}[spec.transform]
        values = function(values)
    elif spec.target is not None:
        values = (values - spec.target).abs()
    return values.rename(name)


# ---------------------------------------------------------------------------
# judgments
# ---------------------------------------------------------------------------
GOAL = "goal"


def _hierarchy_structure(spec: Any, source: Any) -> dict[str, list[str]] | None:
    """``{parent: children}`` from the ``hierarchy`` section, with the goal on top.

    The goal's children are the top-level groups (those that are nobody's child) in
    file order, then the criteria that are in no group, in criteria order.
    """
    if spec.hierarchy is None:
        return None
    criteria = list(spec.criteria)
    groups = dict(spec.hierarchy)
    if not groups:
        raise study_error(source, "hierarchy", "name at least one group of criteria")
    if GOAL in groups or GOAL in criteria:
        raise study_error(
            source, ("hierarchy", GOAL), f"{describe(GOAL)} is the root's name; rename it"
        )
    placed: dict[str, str] = {}
    for group, children in groups.items():
        check_name(source, ("hierarchy", group), group)
        if group in criteria:
            raise study_error(
                source,
                ("hierarchy", group),
                "a group must not have the name of a criterion",
            )
        if not children:
            raise study_error(source, ("hierarchy", group), "a group needs at least one member")
        for child in children:
            if child not in criteria and child not in groups:
                raise study_error(
                    source,
                    ("hierarchy", group),
                    f"{describe(child)} is neither a criterion nor a group; the criteria are "
                    f"{format_labels(criteria, limit=30)}",
                )
            if child in placed:
                raise study_error(
                    source,
                    ("hierarchy", group),
                    f"{describe(child)} is already under {describe(placed[child])}; each criterion "
                    "or group has one parent",
                )
            if child == group:
                raise study_error(source, ("hierarchy", group), "a group cannot contain itself")
            placed[child] = group
    # cycles: walk up from every group
    for group in groups:
        seen = {group}
        node = group
        while node in placed:
            node = placed[node]
            if node in seen:
                raise study_error(
                    source, ("hierarchy", group), "the groups contain each other (a cycle)"
                )
            seen.add(node)
    top = [g for g in groups if g not in placed] + [c for c in criteria if c not in placed]
    return {GOAL: top, **{g: list(children) for g, children in groups.items()}}


def _blocks(criteria: list[str], structure: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """Node -> items compared there (only nodes with at least 2 items)."""
    if structure is None:
        return {GOAL: criteria}
    return {node: items for node, items in structure.items() if len(items) >= 2}


def _inline_comparison(
    expert: Any,
    position: int,
    blocks: dict[str, list[str]],
    allow_missing: bool,
    source: Any,
) -> dict[str, Any]:
    """Node -> PairwiseComparison of an expert's inline judgments."""
    from coopdecide.ahp import PairwiseComparison

    loc = ("experts", position, "judgments")
    node_of: dict[frozenset[str], str] = {}
    for node, items in blocks.items():
        for a, b in combinations(items, 2):
            node_of[frozenset((a, b))] = node
    known = {item for items in blocks.values() for item in items}
    per_node: dict[str, list[tuple[str, str, float]]] = {node: [] for node in blocks}
    seen: set[frozenset[str]] = set()
    for a, b, value in expert.judgments:
        for label in (a, b):
            if label not in known:
                what, which = (
                    ("criterion or group", "criteria and groups")
                    if len(blocks) > 1
                    else ("criterion", "criteria")
                )
                names = [item for items in blocks.values() for item in items]
                raise study_error(
                    source,
                    loc,
                    f"expert {describe(expert.name)}: unknown {what} {describe(label)} in the "
                    f"judgment of {describe(a)} and {describe(b)}; the {which} are "
                    f"{format_labels(names, limit=30)}",
                )
        pair = frozenset((a, b))
        if pair not in node_of:
            raise study_error(
                source,
                loc,
                f"expert {describe(expert.name)}: {describe(a)} and {describe(b)} are not in the "
                "same group of the "
                "hierarchy; compare only items under the same parent",
            )
        if pair in seen:
            raise study_error(
                source,
                loc,
                f"expert {describe(expert.name)}: the pair {describe(a)} and {describe(b)} is "
                "judged twice; keep one",
            )
        seen.add(pair)
        per_node[node_of[pair]].append((a, b, value))
    missing = [
        (a, b)
        for items in blocks.values()
        for a, b in combinations(items, 2)
        if frozenset((a, b)) not in seen
    ]
    if missing and not allow_missing:
        shown = ", ".join(f"{describe(a)} and {describe(b)}" for a, b in missing[:6])
        more = f" ... ({len(missing) - 6} more)" if len(missing) > 6 else ""
        raise study_error(
            source,
            loc,
            f"expert {describe(expert.name)}: {len(missing)} pair(s) not judged: {shown}{more} "
            "(set ahp.allow_missing: true to accept incomplete judgments)",
        )
    out = {}
    for node, items in blocks.items():
        try:
            out[node] = PairwiseComparison.from_judgments(items, per_node[node])
        except CoopdecideError as error:
            raise study_error(source, loc, f"expert {describe(expert.name)}: {error}") from None
    return out


def _questionnaire_comparisons(
    spec: Any, base_dir: Path, blocks: dict[str, list[str]], source: Any
) -> dict[int, dict[str, Any]]:
    """Node -> comparison of the experts whose judgments are in questionnaires, by position."""
    from coopdecide.exceptions import QuestionnaireError
    from coopdecide.io.questionnaire import read_questionnaire

    by_file: dict[Path, list[int]] = {}
    for position, expert in enumerate(spec.experts or ()):
        if expert.questionnaire is None:
            continue
        path = Path(expert.questionnaire)
        resolved = Path(os.path.normpath(path if path.is_absolute() else base_dir / path))
        if not resolved.is_file():
            raise study_error(
                source,
                ("experts", position, "questionnaire"),
                f"questionnaire {describe(expert.questionnaire)} does not exist (looked for "
                f"{describe(str(resolved))})",
            )
        by_file.setdefault(resolved, []).append(position)
    expected = {None if node == GOAL else node: items for node, items in blocks.items()}
    flat = list(blocks) == [GOAL]
    out: dict[int, dict[str, Any]] = {}
    for resolved, positions in by_file.items():
        first = ("experts", positions[0], "questionnaire")
        try:
            responses = read_questionnaire(
                resolved,
                criteria=blocks[GOAL] if flat else expected,
                allow_missing=spec.ahp.allow_missing,
            )
            per_node = {
                node: responses.comparisons(None if node == GOAL else node) for node in blocks
            }
        except QuestionnaireError as error:
            raise study_error(source, first, str(error)) from None
        for position in positions:
            name = spec.experts[position].name
            if name not in per_node[GOAL]:
                raise study_error(
                    source,
                    ("experts", position, "name"),
                    f"expert {describe(name)} has no sheet in the questionnaire "
                    f"{describe(str(resolved))}; it "
                    f"has {format_labels(per_node[GOAL])}",
                )
            out[position] = {node: per_node[node][name] for node in blocks}
    return out


def _ranking_options(spec: Any) -> tuple[str, dict[str, Any]]:
    return spec.ranking.method, dict(spec.ranking.options)


def _check_ranking(spec: Any, source: Any) -> None:
    from coopdecide.ranking.methods import ALL_METHODS, METHODS

    method, options = _ranking_options(spec)
    if method not in ALL_METHODS:
        raise study_error(
            source,
            ("ranking", "method"),
            f"unknown method {describe(method)}; expected one of "
            f"{format_labels(ALL_METHODS, limit=30)}",
        )
    if method == "topsis":
        allowed: tuple[str, ...] = ("normalization", "distance")
    else:  # copras (native) has no options
        allowed = METHODS[method].allowed_options if method in METHODS else ()
    unknown = [key for key in options if key not in allowed]
    if unknown:
        raise study_error(
            source,
            ("ranking", "options", unknown[0]),
            f"unknown option for method {describe(method)}; its options are "
            f"{format_labels(allowed) if allowed else 'none'}",
        )


def _compare_allowed() -> tuple[str, ...]:
    try:
        from coopdecide.sensitivity import compare_methods
    except (ImportError, AttributeError):
        return ()
    names = [
        name
        for name, parameter in inspect.signature(compare_methods).parameters.items()
        if name not in _COMPARE_RESERVED
        and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    return tuple(names)


def _check_sensitivity(spec: Any, criteria: list[str], source: Any) -> None:
    for section in _SENSITIVITY_OPTIONS:
        options = getattr(spec.sensitivity, section)
        if options is None:
            continue
        allowed = (
            _compare_allowed() if section == "compare_methods" else (_SENSITIVITY_OPTIONS[section])
        )
        for key in options:
            if key not in allowed:
                raise study_error(
                    source,
                    ("sensitivity", section, key),
                    f"unknown option; the options are {format_labels(allowed) or 'none'} "
                    "(the method and its options come from 'ranking')",
                )
    oat = spec.sensitivity.one_at_a_time
    if oat and oat.get("criterion") is not None:
        chosen = oat["criterion"]
        names = list(chosen) if isinstance(chosen, (list, tuple)) else [chosen]
        unknown = [c for c in names if c not in criteria]
        if unknown:
            raise study_error(
                source,
                ("sensitivity", "one_at_a_time", "criterion"),
                f"unknown criterion {format_labels(unknown)}; the criteria are "
                f"{format_labels(criteria, limit=30)}",
            )
    smaa = spec.sensitivity.smaa
    if smaa:
        if smaa.get("judgments") is not None and not spec.experts:
            raise study_error(
                source,
                ("sensitivity", "smaa", "judgments"),
                "judgment uncertainty needs experts with judgments (the 'experts' section)",
            )
        if smaa.get("judgments") is not None and spec.hierarchy is not None:
            raise study_error(
                source,
                ("sensitivity", "smaa", "judgments"),
                "judgment uncertainty is not available with a hierarchy; use weights "
                "({concentration: c}) around the hierarchy's weights instead",
            )
        weights = smaa.get("weights")
        if weights in (None, "auto", "fixed") and not (smaa.get("judgments") or smaa.get("data")):
            raise study_error(
                source,
                ("sensitivity", "smaa"),
                "SMAA needs a source of uncertainty: weights (uniform, or {concentration: c} "
                "for a Dirichlet around the weights), judgments ({steps: k} or {sigma: s}) or "
                "data ({spread: s})",
            )
        if weights is not None and not (
            weights in ("auto", "uniform", "fixed")
            or (isinstance(weights, Mapping) and set(weights) == {"concentration"})
        ):
            raise study_error(
                source,
                ("sensitivity", "smaa", "weights"),
                "expected auto, uniform, fixed or a mapping {concentration: number} "
                f"(Dirichlet around the weights), got {describe(weights)}",
            )


# ---------------------------------------------------------------------------
# option values: checked at load by the library's own validation
# ---------------------------------------------------------------------------
_ARGUMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<index>(?:\[[^\]]*\])*)")
_ONE_OF = re.compile(r"^must be one of (?P<allowed>.*); got (?P<given>.*)$")


def _option_error(
    source: Any,
    where: str | tuple[Any, ...],
    options: Mapping[str, Any],
    error: BaseException,
    *,
    nested: Mapping[str, tuple[tuple[Any, ...], Mapping[str, Any]]] | None = None,
) -> StudyFileError:
    """A StudyFileError at the most specific key path the library's message allows.

    The library's messages start with the argument they reject
    (``"normalization must be one of ...; got 'l2'"``), so an argument that is one
    of the section's ``options`` extends the key path (with its index, as in
    ``methods[3]``). ``nested`` maps argument names of sub-sections (``spread``,
    ``steps``) to their key path and settings. Otherwise the option whose value
    the message quotes is named, or the only option of a section given as a
    tuple of keys, else the section.
    """
    base = (where,) if isinstance(where, str) else tuple(where)
    message = _warning_text(error)
    loc = base
    problem = message
    match = _ARGUMENT.match(message)
    name: str = match["name"] if match else ""
    if match and name in options:
        indices = [
            int(part) if part.isdigit() else part.strip("'\"")
            for part in re.findall(r"\[([^\]]*)\]", match["index"])
        ]
        loc = (*base, name, *indices)
        problem = _without_argument(message, match.end())
    elif match and nested and name in nested:
        loc, _ = nested[name]
        problem = _without_argument(message, match.end())
    else:
        quoted = [
            key
            for key, value in options.items()
            if isinstance(value, str) and (repr(value) in message or f'"{value}"' in message)
        ]
        if len(quoted) == 1:
            loc = (*base, quoted[0])
        elif len(options) == 1 and not isinstance(where, str):
            loc = (*base, next(iter(options)))
    one_of = _ONE_OF.match(problem)
    if one_of:
        problem = f"expected one of {one_of['allowed']}, got {one_of['given']}"
    if not isinstance(error, CoopdecideError):  # raised inside a delegated library
        problem = f"not accepted ({type(error).__name__}: {problem})"
    return study_error(source, loc, problem)


def _without_argument(message: str, end: int) -> str:
    """``"steps must be ...; got -1"`` -> ``"must be ...; got -1"`` (the key path names it)."""
    rest = message[end:].lstrip(" :")
    return rest if re.match(r"(must|should) ", rest) else message


_ANY_ERROR = (ValueError, TypeError, AttributeError, KeyError, IndexError, ZeroDivisionError)


def _dry_problem(spec: Any, problem: DecisionProblem) -> DecisionProblem:
    """The problem with weights for trying the options: the fixed weights, else equal."""
    criteria = list(spec.criteria)
    given = [spec.criteria[name].weight for name in criteria]
    if all(weight is not None for weight in given):
        return problem.with_weights(given)
    return problem.with_weights(np.ones(len(criteria)))


def _quietly(function: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def _check_method_options(
    source: Any,
    where: tuple[Any, ...],
    problem: DecisionProblem,
    method: str,
    options: Mapping[str, Any],
) -> None:
    """Rank once with ``options``, so that rank() checks their values.

    An error is the options' fault when the same method ranks the problem without
    them; otherwise it is about the data (and the study's real weights may differ),
    and the run reports it.
    """
    from coopdecide.ranking import rank

    if not options:
        return
    try:
        _quietly(rank, problem, method, **options)
    except _ANY_ERROR as error:
        try:
            _quietly(rank, problem, method)
        except _ANY_ERROR:
            return
        raise _option_error(source, where, options, error) from None


def _check_compared_methods(source: Any, problem: DecisionProblem, methods: Any) -> None:
    """The options of each method compared (compare_methods skips a method that fails)."""
    from coopdecide.sensitivity.compare import _parse_method

    entries = (
        [
            (label, *value) if isinstance(value, tuple) else (label, value, {})
            for label, value in methods.items()
        ]
        if isinstance(methods, Mapping)
        else list(methods)
    )
    for position, entry in enumerate(entries):
        _, name, options = _parse_method(entry, position)
        given = entry[-1] if isinstance(entry, tuple) and isinstance(entry[-1], Mapping) else {}
        # only the options written in the file (an alias such as topsis-max adds its own)
        options = {key: options[key] for key in given}
        key = list(methods)[position] if isinstance(methods, Mapping) else position
        _check_method_options(
            source, ("sensitivity", "compare_methods", "methods", key), problem, name, options
        )


def _check_sensitivity_values(
    spec: Any, problem: DecisionProblem, comparisons: Mapping[Hashable, Any], source: Any
) -> None:
    """Try each analysis's options with the library's own validation.

    one_at_a_time and critical_changes run once with TOPSIS (their options do not
    depend on the ranking method, whose options rank() checks); compare_methods
    runs on the problem; smaa runs one sample. Only errors that name one of the
    section's options are reported here; the others depend on the data and the
    study's weights and are reported by the run.
    """
    import coopdecide.sensitivity as sens

    sections = spec.sensitivity
    for key, function in (
        ("one_at_a_time", sens.one_at_a_time),
        ("critical_changes", sens.critical_changes),
        ("compare_methods", sens.compare_methods),
    ):
        options = getattr(sections, key)
        if not options:
            continue
        arguments = _tuples(dict(options))
        try:
            _quietly(function, problem, **arguments)
        except _ANY_ERROR as error:
            _raise_if_named(source, ("sensitivity", key), options, error)
        if key == "compare_methods" and arguments.get("methods") is not None:
            _check_compared_methods(source, problem, arguments["methods"])
    if sections.smaa is None:
        return
    from coopdecide._validation import check_positive_int

    smaa_options = dict(sections.smaa)
    if "n_samples" in smaa_options:
        with _stage(source, ("sensitivity", "smaa"), smaa_options):
            check_positive_int("n_samples", smaa_options["n_samples"])
    weights = {e.name: e.weight for e in spec.experts or ()}
    arguments = _smaa_arguments(spec, source, comparisons, weights)
    method, _, method_options = _method_arguments(spec)
    try:
        _quietly(sens.smaa, problem, 1, method=method, **arguments, **method_options)
    except _ANY_ERROR as error:
        _raise_if_named(source, ("sensitivity", "smaa"), smaa_options, error)


def _smaa_nested(options: Mapping[str, Any]) -> dict[str, tuple[tuple[Any, ...], Any]]:
    """Argument names of the smaa sub-sections -> (key path, settings)."""
    base = ("sensitivity", "smaa")
    nested: dict[str, tuple[tuple[Any, ...], Any]] = {}
    for section in ("weights", "judgments", "data"):
        value = options.get(section)
        if isinstance(value, Mapping):
            for key in value:
                nested[str(key)] = ((*base, section, key), value)
    if options.get("data") is not None and not isinstance(options["data"], Mapping):
        nested["spread"] = ((*base, "data"), {})
    return nested


def _raise_if_named(
    source: Any, where: tuple[Any, ...], options: Mapping[str, Any], error: BaseException
) -> None:
    """Raise the error at its option's key path if its message names one of ``options``."""
    nested = _smaa_nested(options) if where == ("sensitivity", "smaa") else {}
    match = _ARGUMENT.match(_warning_text(error))
    if match and (match["name"] in options or match["name"] in nested):
        raise _option_error(source, where, options, error, nested=nested) from None


def _check_connected_judgments(
    spec: Any, comparisons: Mapping[str, Mapping[str, Any]], source: Any
) -> None:
    """Each expert's judgments must connect the items of every comparison (allow_missing)."""
    from coopdecide.ahp import connected_groups

    for position, expert in enumerate(spec.experts or ()):
        for node, comparison in comparisons[expert.name].items():
            if comparison.is_complete:
                continue
            groups = connected_groups(comparison)
            if len(groups) > 1:
                where = "" if node == GOAL else f" of {describe(node)}"
                raise study_error(
                    source,
                    ("experts", position, "judgments" if expert.judgments else "questionnaire"),
                    f"expert {describe(expert.name)}: the judged pairs{where} do not connect all "
                    f"the items, so the missing pairs cannot be completed; they form {len(groups)} "
                    "separate groups: "
                    + "; ".join(f"[{format_labels(group, limit=20)}]" for group in groups)
                    + " (judge at least one pair across the groups)",
                )


# ---------------------------------------------------------------------------
# the study
# ---------------------------------------------------------------------------
class Study(Immutable):
    """A decision study read from a study file: data, criteria, experts and settings.

    Built by :func:`load_study` (from a file) or :meth:`Study.from_dict`;
    immutable. Loading checks everything that can be checked before running:
    the file's structure, the data file and its columns, the judgments (and
    that incomplete ones connect the criteria), the method names, and the
    options and their values (each tried once with the library's own
    validation, so every mistake is reported with its full key path).

    Attributes
    ----------
    title, question, description : str or None
        As in the file.
    problem : DecisionProblem
        The alternatives and the (transformed) criteria, without weights.
    criteria : pandas.DataFrame
        One row per criterion: column, objective, transform, unit, description,
        source and whether the data are a proxy (from the dataset's metadata).
    experts : tuple of str
        The experts, in file order (empty when the file gives fixed weights).
    comparisons : dict
        Expert -> :class:`~coopdecide.ahp.PairwiseComparison` of the criteria.
    source : pathlib.Path or None
        The file the study was read from.
    """

    __slots__ = (
        "_base_dir",
        "_comparisons",
        "_criteria",
        "_metadata",
        "_problem",
        "_source",
        "_spec",
        "_structure",
    )

    def __init__(self) -> None:
        raise TypeError("use coopdecide.load_study(path) or Study.from_dict(data)")

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        base_dir: str | os.PathLike[str] | None = None,
        source: str | os.PathLike[str] | None = None,
    ) -> Study:
        """Build a study from plain data (the structure of a study file).

        Parameters
        ----------
        data : mapping
            The study, as a YAML or JSON study file holds it.
        base_dir : str or os.PathLike, optional
            Directory that relative paths (data file, questionnaires) are
            relative to; default the current directory.
        source : str or os.PathLike, optional
            Named in error messages.

        Raises
        ------
        StudyFileError
            Any problem, named by its key path.
        """
        spec = parse_study(data, source=source)
        base = Path(base_dir) if base_dir is not None else Path.cwd()
        return cls._build(spec, base.resolve(), source)

    @classmethod
    def _build(cls, spec: Any, base_dir: Path, source: Any) -> Study:
        criteria = list(spec.criteria)
        for name in criteria:
            check_name(source, ("criteria", name), name)
        # data
        if spec.data.dataset is not None:
            table, metadata = _dataset_table(spec.data.dataset)
            data_name = f"dataset {describe(spec.data.dataset)}"
        else:
            table = _read_table(spec.data, base_dir, source, ("data",))
            metadata = None
            data_name = repr(spec.data.path)
        table = _select_alternatives(table, spec.data, source, ("data",))
        if len(table.index) < 2:
            raise study_error(
                source,
                "data",
                f"the data must hold at least 2 alternatives; {data_name} has {len(table.index)}",
            )
        columns = [
            _criterion_values(table, name, spec.criteria[name], source, data_name)
            for name in criteria
        ]
        performance = pd.concat(columns, axis=1)
        performance.index.name = table.index.name
        objectives = {name: spec.criteria[name].objective for name in criteria}
        try:
            problem = DecisionProblem(performance, objectives)
        except CoopdecideError as error:
            raise study_error(source, "data", str(error)) from None
        # weights: experts or fixed
        structure = _hierarchy_structure(spec, source)
        given = [name for name in criteria if spec.criteria[name].weight is not None]
        if spec.experts:
            if given:
                raise study_error(
                    source,
                    ("criteria", given[0], "weight"),
                    "give criteria weights or experts with judgments, not both",
                )
            names = [expert.name for expert in spec.experts]
            for position, name in enumerate(names):
                if names.index(name) != position:
                    raise study_error(
                        source,
                        ("experts", position, "name"),
                        f"expert {describe(name)} is listed twice (also "
                        f"experts[{names.index(name)}])",
                    )
            if not any(expert.weight > 0 for expert in spec.experts):
                raise study_error(
                    source, ("experts", 0, "weight"), "the expert weights must not all be zero"
                )
            if len(criteria) < 2:
                raise study_error(source, "criteria", "pairwise judgments need at least 2 criteria")
            blocks = _blocks(criteria, structure)
            from_files = _questionnaire_comparisons(spec, base_dir, blocks, source)
            comparisons = {}
            for position, expert in enumerate(spec.experts):
                if expert.judgments is not None:
                    comparisons[expert.name] = _inline_comparison(
                        expert, position, blocks, spec.ahp.allow_missing, source
                    )
                else:
                    comparisons[expert.name] = from_files[position]
        else:
            comparisons = {}
            if structure is not None:
                raise study_error(
                    source, "hierarchy", "a hierarchy needs experts with judgments for its nodes"
                )
            missing = [name for name in criteria if spec.criteria[name].weight is None]
            if missing:
                raise study_error(
                    source,
                    ("criteria", missing[0], "weight") if given else "experts",
                    "list experts with their judgments, or give every criterion a weight"
                    + (f"; no weight for {format_labels(missing)}" if given else ""),
                )
            if not any(spec.criteria[name].weight > 0 for name in criteria):
                raise study_error(
                    source, ("criteria", criteria[0], "weight"), "weights must not all be zero"
                )
        _check_ranking(spec, source)
        _check_sensitivity(spec, criteria, source)
        if comparisons:
            _check_connected_judgments(spec, comparisons, source)
        dry = _dry_problem(spec, problem)
        _check_method_options(source, ("ranking", "options"), dry, *_ranking_options(spec))
        _check_sensitivity_values(
            spec,
            dry,
            {e: nodes[GOAL] for e, nodes in comparisons.items()} if structure is None else {},
            source,
        )
        if spec.portfolio is not None:
            _check_portfolio(spec, base_dir, source)
        study = object.__new__(cls)
        for name, value in (
            ("_spec", spec),
            ("_base_dir", base_dir),
            ("_source", None if source is None else Path(source)),
            ("_problem", problem),
            ("_comparisons", MappingProxyType(comparisons)),
            ("_metadata", metadata),
            ("_criteria", _criteria_frame(spec, metadata)),
            ("_structure", structure),
        ):
            object.__setattr__(study, name, value)
        return study

    # -- content ------------------------------------------------------------------
    @property
    def title(self) -> str:
        """The study's title."""
        return self._spec.title

    @property
    def question(self) -> str | None:
        """The decision question, as the file states it."""
        return self._spec.question

    @property
    def description(self) -> str | None:
        """Free description of the study."""
        return self._spec.description

    @property
    def notes(self) -> tuple[str, ...]:
        """Notes an analyst must read (shown with the results and in the report)."""
        return tuple(self._spec.notes)

    @property
    def source(self) -> Path | None:
        """The file the study was read from."""
        return self._source

    @property
    def problem(self) -> DecisionProblem:
        """The alternatives and (transformed) criteria, without weights."""
        return self._problem

    @property
    def criteria(self) -> pd.DataFrame:
        """One row per criterion: column, objective, transform, unit, description, source, proxy."""
        return self._criteria.copy()

    @property
    def experts(self) -> tuple[str, ...]:
        """The experts, in file order."""
        return tuple(expert.name for expert in self._spec.experts or ())

    @property
    def expert_weights(self) -> pd.Series:
        """The experts' weights as given (not normalised)."""
        return pd.Series(
            {expert.name: expert.weight for expert in self._spec.experts or ()},
            dtype=float,
            name="weight",
        )

    @property
    def comparisons(self) -> dict[str, Any]:
        """Expert -> PairwiseComparison of the criteria.

        With a hierarchy: expert -> ``{node: PairwiseComparison}``, one per group
        with at least two members (``"goal"`` for the top level).
        """
        if self._structure is None:
            return {expert: nodes[GOAL] for expert, nodes in self._comparisons.items()}
        return {expert: dict(nodes) for expert, nodes in self._comparisons.items()}

    @property
    def hierarchy(self) -> dict[str, list[str]] | None:
        """``{parent: children}`` with the root ``"goal"``, or None without a hierarchy."""
        if self._structure is None:
            return None
        return {node: list(children) for node, children in self._structure.items()}

    @property
    def settings(self) -> dict[str, Any]:
        """The AHP, ranking and sensitivity settings as plain data."""
        data = self.to_dict()
        return {key: data[key] for key in ("ahp", "ranking", "sensitivity") if key in data}

    # -- files ----------------------------------------------------------------------
    def _path_for(self, value: str, relative_to: Path | None) -> str:
        path = Path(value)
        resolved = Path(os.path.normpath(path if path.is_absolute() else self._base_dir / path))
        if relative_to is None:
            return str(resolved)
        try:
            return Path(os.path.relpath(resolved, relative_to)).as_posix()
        except ValueError:  # another drive on Windows
            return str(resolved)

    def to_dict(self, *, relative_to: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The study as plain data, in the structure of a study file.

        Parameters
        ----------
        relative_to : str or os.PathLike, optional
            Write file paths (data file, questionnaires) relative to this
            directory. Default: absolute paths.
        """
        base = None if relative_to is None else Path(relative_to).resolve()
        data = self._spec.model_dump(mode="python", exclude_none=True)
        data = _plain(data)
        data["version"] = FORMAT_VERSION
        if "path" in data["data"]:
            data["data"]["path"] = self._path_for(self._spec.data.path, base)
        for position, expert in enumerate(self._spec.experts or ()):
            entry = data["experts"][position]
            if expert.judgments is not None:
                entry["judgments"] = judgments_to_mapping(expert.judgments)
            if expert.questionnaire is not None:
                entry["questionnaire"] = self._path_for(expert.questionnaire, base)
        portfolio = self._spec.portfolio
        if portfolio is not None and portfolio.data.path is not None:
            data["portfolio"]["data"]["path"] = self._path_for(portfolio.data.path, base)
        if portfolio is not None and portfolio.budget_sweep is not None:
            sweep = portfolio.budget_sweep.model_dump(by_alias=True, exclude_none=True)
            data["portfolio"]["budget_sweep"] = _plain(sweep)
        if not data.get("notes"):
            data.pop("notes", None)
        order = [
            "version",
            "title",
            "question",
            "description",
            "notes",
            "data",
            "criteria",
            "hierarchy",
            "experts",
            "ahp",
            "ranking",
            "sensitivity",
            "portfolio",
        ]
        return {key: data[key] for key in order if key in data}

    def to_file(self, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
        """Write the study as a study file (YAML or JSON, after the suffix).

        What is written reads back with :func:`load_study` into an equal
        study; relative paths are rewritten relative to the new file.

        Parameters
        ----------
        path : str or os.PathLike
            A ``.yaml``, ``.yml`` or ``.json`` file.
        overwrite : bool, default True
            Replace an existing file.

        Returns
        -------
        pathlib.Path
        """
        target = Path(path)
        data = self.to_dict(relative_to=target.resolve().parent)
        return write_study_file(data, target, overwrite=overwrite)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Study):
            return NotImplemented
        return (
            self.to_dict() == other.to_dict()
            and self._problem == other._problem
            and dict(self._comparisons) == dict(other._comparisons)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        n, m = self._problem.shape
        who = f"{len(self.experts)} expert(s)" if self.experts else "fixed weights"
        analyses = [k for k, v in self._spec.sensitivity.model_dump().items() if v is not None]
        return (
            f"Study({describe(self.title)}: {n} alternatives x {m} criteria, {who}, "
            f"ranking {describe(self._spec.ranking.method)}, sensitivity "
            f"{', '.join(analyses) if analyses else 'none'})"
        )

    def _repr_html_(self) -> str:
        n, m = self._problem.shape
        facts = {
            "title": self.title,
            "alternatives": n,
            "criteria": m,
            "experts": ", ".join(self.experts) if self.experts else "fixed weights",
            "ranking": self._spec.ranking.method,
        }
        return html_section("Study", facts=facts, tables={"criteria": self._criteria})

    # -- running ------------------------------------------------------------------------
    def run(self, *, progress: bool = False) -> StudyResult:
        """Run the study: group AHP weights, ranking, sensitivity analyses, portfolio.

        Methodological warnings raised on the way (inconsistent experts,
        dominated alternatives, zero-range criteria, ...) are collected into
        :attr:`StudyResult.warnings` together with the study's own checks
        (proxy data, illustrative judgments). Of them, dominated alternatives
        are also issued as one
        :class:`~coopdecide.exceptions.DominatedAlternativeWarning` (they
        question the data or the criteria, not a setting); the others are not
        re-issued as Python warnings.

        Parameters
        ----------
        progress : bool, default False
            Show a progress bar for the long analyses (SMAA; needs tqdm).

        Returns
        -------
        StudyResult

        Raises
        ------
        StudyFileError
            A setting the analysis rejects (for example an option value),
            named by its key path.

        Warns
        -----
        DominatedAlternativeWarning
            Some alternatives are dominated (the message names them and
            their dominators; it is also in :attr:`StudyResult.warnings`).
        """
        result = _run(self, progress=progress)
        dominated = _dominated_text(result.problem)
        if dominated is not None:
            warnings.warn(dominated, DominatedAlternativeWarning, stacklevel=2)
        return result


def load_study(path: str | os.PathLike[str]) -> Study:
    """Read and check a study file (YAML or JSON).

    Parameters
    ----------
    path : str or os.PathLike
        The study file. Relative paths inside it (the data file,
        questionnaires) are relative to the file's directory.

    Returns
    -------
    Study

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    StudyFileError
        Any problem in the file, the data or the judgments; the message names
        the file, the key path and the problem, for example
        ``"study.yaml: criteria.trade.objective: expected max or min ..."``.

    Examples
    --------
    >>> study = load_study(bundled_study_path())
    >>> study.title
    'Indonesia: choosing cooperation partners'
    """
    source = Path(path)
    spec = read_study_file(source)
    return Study._build(spec, source.resolve().parent, source)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _criteria_frame(spec: Any, metadata: pd.DataFrame | None) -> pd.DataFrame:
    rows = []
    for name, criterion in spec.criteria.items():
        column = criterion.column if criterion.column is not None else name
        meta = metadata.loc[column] if metadata is not None and column in metadata.index else None
        meaning = None if meta is None else str(meta.get("meaning", "")) or None
        rows.append(
            {
                "criterion": name,
                "column": column,
                "objective": criterion.objective,
                "transform": criterion.transform
                if criterion.target is None
                else f"|x - {criterion.target:g}|",
                "unit": criterion.unit
                if criterion.unit is not None
                else (None if meta is None else str(meta.get("unit", "")) or None),
                "description": criterion.description
                if criterion.description is not None
                else meaning,
                "source": None if meta is None else str(meta.get("source", "")) or None,
                "proxy": bool(meaning is not None and meaning.upper().startswith("PROXY")),
            }
        )
    return pd.DataFrame.from_records(rows).set_index("criterion")


# ---------------------------------------------------------------------------
# portfolio
# ---------------------------------------------------------------------------
def _portfolio_table(spec: Any, base_dir: Path, source: Any) -> pd.DataFrame:
    data = spec.portfolio.data
    loc = ("portfolio", "data")
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


def _check_portfolio(spec: Any, base_dir: Path, source: Any) -> None:
    table = _portfolio_table(spec, base_dir, source)
    portfolio = spec.portfolio
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


def _portfolio_illustrative(study: Study) -> bool:
    table = _portfolio_table(study._spec, study._base_dir, study._source)
    flag = table.attrs.get("illustrative", False)
    if "illustrative" in table.columns:
        flag = flag or bool(table["illustrative"].astype(bool).any())
    return bool(flag)


def _run_portfolio(
    study: Study,
    ranking: Any,
    *,
    problem: DecisionProblem,
    group: Any,
    method: str,
    smaa_options: Mapping[str, Any],
    progress: bool = False,
) -> dict[str, Any]:
    """The portfolio section's results: selection, and acceptability and sweep when asked.

    Returns a mapping with the keys ``portfolio`` (PortfolioResult),
    ``portfolio_acceptability`` and ``budget_sweep`` (None unless the section
    asks for them).
    """
    from coopdecide.portfolio import budget_sweep, portfolio_acceptability, select_portfolio

    spec = study._spec
    portfolio = spec.portfolio
    source = study._source
    table = _portfolio_table(spec, study._base_dir, source)
    partners = None
    if portfolio.score == "partner":
        scores_by_partner = ranking.scores
        partners = table[portfolio.partner].astype(str)
        unknown = sorted(set(partners) - set(map(str, scores_by_partner.index)))
        if unknown:
            raise study_error(
                source,
                ("portfolio", "partner"),
                f"programme partners not among the study's alternatives: {format_labels(unknown)}",
            )
        lookup = {str(k): float(v) for k, v in scores_by_partner.items()}
        if not ranking.higher_is_better:
            top = max(lookup.values())
            lookup = {k: top - v for k, v in lookup.items()}
        scores = pd.Series([lookup[p] for p in partners], index=table.index, name="score")
    else:
        scores = pd.to_numeric(table[portfolio.score], errors="coerce").rename("score")
    costs = pd.to_numeric(table[portfolio.cost], errors="coerce")
    groups = {group: table[group] for group in portfolio.groups}
    rules = {
        "groups": groups or None,
        "at_most": portfolio.at_most or None,
        "at_least": portfolio.at_least or None,
        "mandatory": list(portfolio.mandatory),
        "excluded": list(portfolio.excluded),
        "requires": [tuple(pair) for pair in portfolio.requires],
        "excludes": [tuple(entry) for entry in portfolio.excludes],
        "objective": portfolio.objective,
        "sizes": None if portfolio.size is None else table[portfolio.size],
    }
    results: dict[str, Any] = {"portfolio_acceptability": None, "budget_sweep": None}
    try:
        results["portfolio"] = select_portfolio(scores, costs, portfolio.budget, **rules)
    except CoopdecideError as error:
        raise study_error(source, "portfolio", str(error)) from None
    if portfolio.budget_sweep is not None:
        try:
            results["budget_sweep"] = budget_sweep(
                scores, costs, portfolio.budget_sweep.budget_values(), **rules
            )
        except CoopdecideError as error:
            raise study_error(source, ("portfolio", "budget_sweep"), str(error)) from None
    if portfolio.acceptability is not None:
        assert partners is not None  # checked at load: score is 'partner'
        samples = _portfolio_smaa(study, problem, group, method, smaa_options, progress=progress)
        try:
            results["portfolio_acceptability"] = portfolio_acceptability(
                samples, costs, portfolio.budget, partners=partners, **rules
            )
        except CoopdecideError as error:
            raise study_error(source, ("portfolio", "acceptability"), str(error)) from None
    return results


def _portfolio_smaa(
    study: Study,
    problem: DecisionProblem,
    group: Any,
    method: str,
    smaa_options: Mapping[str, Any],
    *,
    progress: bool,
) -> Any:
    """The SMAA run (with kept scores) behind ``portfolio.acceptability``.

    The uncertainty and method are the study's ``sensitivity.smaa`` settings; the
    number of samples and the seed are the acceptability's own (the seed defaults
    to the SMAA section's, so the samples are then the first ones of that run).
    """
    from coopdecide.sensitivity import smaa

    spec = study._spec
    source = study._source
    settings = spec.portfolio.acceptability
    arguments = _run_smaa_arguments(study, group)
    if settings.random_state is not None:
        arguments["random_state"] = settings.random_state
    try:
        return smaa(
            problem,
            settings.n_samples,
            method=method,
            keep_scores=True,
            progress=progress,
            **arguments,
            **dict(smaa_options),
        )
    except StudyFileError:
        raise
    except CoopdecideError as error:
        raise study_error(source, ("portfolio", "acceptability"), str(error)) from None


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------
def _stage(
    source: Any,
    where: str | tuple[Any, ...],
    options: Mapping[str, Any] | None = None,
    nested: Mapping[str, tuple[tuple[Any, ...], Any]] | None = None,
) -> Any:
    """Context manager turning a library error into a StudyFileError naming the key path.

    ``where`` is the section (``"ranking"`` or a tuple of keys); with ``options``
    (the section's settings) the error is reported at the option it names, and
    with ``nested`` at the key path of an argument of a sub-section, see
    :func:`_option_error`.
    """

    class _Stage:
        def __enter__(self) -> None:
            return None

        def __exit__(self, kind: Any, error: Any, tb: Any) -> bool:
            if error is None or isinstance(error, StudyFileError):
                return False
            if isinstance(error, CoopdecideError) and isinstance(error, (ValueError, TypeError)):
                raise _option_error(source, where, options or {}, error, nested=nested) from error
            return False

    return _Stage()


def _method_arguments(spec: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(method, options for oat/critical, options for smaa) from the ranking section."""
    method, options = _ranking_options(spec)
    if method == "topsis":
        return method, dict(options), dict(options)
    smaa_options: dict[str, Any] = {"method_options": dict(options)} if options else {}
    return method, dict(options), smaa_options


def _smaa_arguments(
    spec: Any,
    source: Any,
    comparisons: Mapping[Hashable, Any] | None,
    expert_weights: Mapping[Hashable, float] | None,
) -> dict[str, Any]:
    """The keyword arguments of ``smaa()`` (but ``n_samples``) from the ``smaa`` section.

    ``comparisons`` are the experts' comparisons of the criteria (as the group AHP
    used them, when called from the run) and ``expert_weights`` their weights. The
    uncertainty specifications are built here, so a bad value is reported with the
    key path of its sub-section (``sensitivity.smaa.judgments.steps``, ...).
    """
    from coopdecide.sensitivity.sampling import (
        DataUncertainty,
        DirichletWeights,
        JudgmentUncertainty,
    )

    base = ("sensitivity", "smaa")
    options = dict(spec.sensitivity.smaa or {})
    options.pop("n_samples", None)
    weights = options.pop("weights", None)
    if isinstance(weights, Mapping):
        with _stage(source, (*base, "weights"), weights):
            options["weights"] = DirichletWeights(weights["concentration"])
    elif weights is not None:
        options["weights"] = weights
    judgments = options.pop("judgments", None)
    if judgments is not None:
        where = (*base, "judgments")
        if not isinstance(judgments, Mapping):
            raise study_error(
                source,
                where,
                f"expected a mapping {{steps: k}} or {{sigma: s}}, got {describe(judgments)}",
            )
        _check_keys(source, where, judgments, JudgmentUncertainty, _JUDGMENT_FROM_STUDY)
        with _stage(source, where, judgments):
            options["judgments"] = JudgmentUncertainty(
                _judgment_comparisons(spec, comparisons or {}),
                priority=spec.ahp.method,
                expert_weights=dict(expert_weights or {}) or None,
                aggregation=spec.ahp.aggregation,
                **dict(judgments),
            )
    data = options.pop("data", None)
    if data is not None:
        where = (*base, "data")
        if isinstance(data, Mapping) and "spread" in data:
            _check_keys(source, where, data, DataUncertainty, ())
            with _stage(source, where, data):
                options["data"] = DataUncertainty(**dict(data))
        else:
            with _stage(source, where, {}):
                options["data"] = DataUncertainty(data)
    return options


def _run_smaa_arguments(study: Study, group: Any) -> dict[str, Any]:
    """:func:`_smaa_arguments` with the comparisons and expert weights the group AHP used."""
    if group is None:
        return _smaa_arguments(study._spec, study._source, None, None)
    return _smaa_arguments(
        study._spec, study._source, group.comparisons, group.expert_weights.to_dict()
    )


# JudgmentUncertainty arguments the study fills in itself (from 'ahp' and 'experts')
_JUDGMENT_FROM_STUDY = ("comparisons", "priority", "expert_weights", "aggregation")


def _judgment_comparisons(spec: Any, comparisons: Mapping[Hashable, Any]) -> dict[Hashable, Any]:
    """The experts' comparisons to perturb, so that no perturbation gives the study's weights.

    Incomplete judgments are passed as they are when ``ahp_group`` completes them
    the way the sampler does (AIJ: pair by pair over the experts who judged it;
    AIP with the geometric method: LLSM per expert). With AIP and another method
    ``ahp_group`` completes each expert's matrix by the lambda_max-optimal
    completion, which the sampler cannot redo for every sample, so that
    completed matrix is perturbed instead.
    """
    if spec.ahp.aggregation == "aij" or spec.ahp.method == "geometric":
        return dict(comparisons)
    from coopdecide.ahp import complete

    return {
        expert: comparison if comparison.is_complete else complete(comparison, "lambda_max")
        for expert, comparison in comparisons.items()
    }


def _check_keys(
    source: Any, where: tuple[Any, ...], given: Mapping[str, Any], function: Any, filled: Any
) -> None:
    """Reject keys that are not parameters of ``function`` (from its real signature)."""
    allowed = [
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if name not in filled
        and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    for key in given:
        if key not in allowed:
            raise study_error(
                source,
                (*where, key),
                f"unknown option; the options are {format_labels(allowed) or 'none'}",
            )


def _tuples(value: Any) -> Any:
    """Lists (from YAML or JSON) as tuples, as the library takes ``(name, options)`` pairs."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, Mapping):
        return {k: _tuples(v) for k, v in value.items()}
    return value


def _warning_text(message: Any) -> str:
    return " ".join(str(message).split())


def _run(study: Study, *, progress: bool) -> StudyResult:
    spec = study._spec
    source = study._source
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        group, hierarchy, node_groups, weights = _weights(study)
        with _stage(source, "criteria"):
            problem = study._problem.with_weights(
                weights.reindex(study._problem.criteria).to_numpy()
            )
        from coopdecide.ranking import rank

        method, options, smaa_options = _method_arguments(spec)
        by_option = {key: (("ranking", "options", key), options) for key in options}
        with _stage(source, "ranking", nested=by_option):
            ranking = rank(problem, method, **options)
        sensitivity = _sensitivity(
            study, problem, group, method, options, smaa_options, progress=progress
        )
        portfolio_parts: dict[str, Any] = (
            {"portfolio": None, "portfolio_acceptability": None, "budget_sweep": None}
            if spec.portfolio is None
            else _run_portfolio(
                study,
                ranking,
                problem=problem,
                group=group,
                method=method,
                smaa_options=smaa_options,
                progress=progress,
            )
        )
        portfolio = portfolio_parts["portfolio"]
    collected = _study_warnings(study, problem, node_groups, hierarchy is not None, portfolio)
    for item in caught:
        if issubclass(item.category, (InconsistentComparisonWarning, DominatedAlternativeWarning)):
            continue  # reported above, once, in the study's words
        text = _warning_text(item.message)
        if text not in collected:
            collected.append(text)
    return StudyResult(
        study=study,
        problem=problem,
        group=group,
        hierarchy=hierarchy,
        ranking=ranking,
        sensitivity=sensitivity,
        **portfolio_parts,
        warnings=tuple(collected),
    )


def _weights(study: Study) -> tuple[Any, Any, dict[str, Any], pd.Series]:
    """The group result, hierarchy, group result per compared node, and criteria weights."""
    spec = study._spec
    source = study._source
    settings = {
        "expert_weights": {e.name: e.weight for e in spec.experts or ()},
        "aggregation": spec.ahp.aggregation,
        "method": spec.ahp.method,
        "ri_table": spec.ahp.ri_table,
        "threshold": spec.ahp.threshold,
        "inconsistent": spec.ahp.inconsistent,
    }
    if spec.experts and study._structure is not None:
        from coopdecide.ahp import CriteriaHierarchy

        nodes = _blocks(list(spec.criteria), study._structure)
        with _stage(source, "hierarchy"):
            hierarchy = CriteriaHierarchy(
                study._structure,
                {node: {e: pcs[node] for e, pcs in study._comparisons.items()} for node in nodes},
                goal=GOAL,
                **settings,
            )
        node_groups = {node: hierarchy.results[node] for node in nodes}
        return hierarchy.results[GOAL], hierarchy, node_groups, hierarchy.leaf_weights
    if spec.experts:
        from coopdecide.ahp import ahp_group

        with _stage(source, "experts"):
            group = ahp_group({e: pcs[GOAL] for e, pcs in study._comparisons.items()}, **settings)
        return group, None, {GOAL: group}, group.weights
    weights = pd.Series({name: c.weight for name, c in spec.criteria.items()}, dtype=float)
    return None, None, {}, weights


def _sensitivity(
    study: Study,
    problem: DecisionProblem,
    group: Any,
    method: str,
    options: dict[str, Any],
    smaa_options: dict[str, Any],
    *,
    progress: bool,
) -> dict[str, Any]:
    """Run the sensitivity analyses the study asks for, by section name."""
    import coopdecide.sensitivity as sens

    source = study._source
    sections = study._spec.sensitivity
    results: dict[str, Any] = {}
    for key, function in (
        ("one_at_a_time", sens.one_at_a_time),
        ("critical_changes", sens.critical_changes),
    ):
        section = getattr(sections, key)
        if section is not None:
            with _stage(source, ("sensitivity", key), section):
                results[key] = function(problem, method=method, **dict(section), **options)
    if sections.smaa is not None:
        arguments = _run_smaa_arguments(study, group)
        smaa_settings = dict(sections.smaa)
        # _smaa_arguments leaves n_samples out (the portfolio and the load check set their own)
        n_samples = (
            {"n_samples": smaa_settings["n_samples"]} if "n_samples" in smaa_settings else {}
        )
        with _stage(
            source, ("sensitivity", "smaa"), smaa_settings, nested=_smaa_nested(smaa_settings)
        ):
            results["smaa"] = sens.smaa(
                problem,
                method=method,
                progress=progress,
                **n_samples,
                **arguments,
                **smaa_options,
            )
    if sections.compare_methods is not None:
        with _stage(source, ("sensitivity", "compare_methods"), sections.compare_methods):
            results["compare_methods"] = sens.compare_methods(
                problem, **_tuples(dict(sections.compare_methods))
            )
    return results


def _dominated_text(problem: DecisionProblem) -> str | None:
    """The dominated alternatives and their dominators, in words; None if there are none."""
    dominated = problem.dominated()
    if dominated.empty:
        return None
    by = dominated.groupby("alternative", sort=False)["dominated_by"].apply(list)
    parts = [
        f"{describe(alternative)} (by {format_labels(winners, limit=3)})"
        for alternative, winners in by.items()
    ]
    return (
        f"{len(parts)} alternative(s) are dominated (another is at least as good on every "
        f"criterion and better on one): {'; '.join(parts)}."
    )


def _study_warnings(
    study: Study,
    problem: DecisionProblem,
    node_groups: dict[str, Any],
    in_hierarchy: bool,
    portfolio: Any,
) -> list[str]:
    """The warnings an analyst must see, in the study's words."""
    collected: list[str] = []
    for node, node_group in node_groups.items():
        where = f" in the comparison of {describe(node)}" if in_hierarchy else ""
        for expert, row in node_group.consistency.iterrows():
            if not bool(row["consistent"]) or row["status"] != "kept":
                action = {
                    "kept": "kept in the aggregation",
                    "excluded": "excluded from the aggregation",
                    "repaired": "repaired before the aggregation (see the repairs)",
                }[row["status"]]
                collected.append(
                    f"Expert {describe(expert)} is inconsistent{where}: CR {row['cr']:.3f} > "
                    f"{node_group.threshold:g} ({node_group.ri_table} random index); "
                    f"judgments {action}."
                )
        if node_group.consistent is False:
            collected.append(
                f"The aggregated (group) judgments{where} are inconsistent: CR "
                f"{node_group.cr:.3f} > {node_group.threshold:g}."
            )
    illustrative = [e for e in study.experts if "illustrative" in e.lower()]
    if illustrative:
        collected.append(
            f"The judgments of {format_labels(illustrative)} are ILLUSTRATIVE (written for "
            "the demonstration, not elicited from these institutions)."
        )
    proxies = list(study._criteria.index[study._criteria["proxy"].to_numpy()])
    if proxies:
        collected.append(
            f"{len(proxies)} criteria use proxies as data, not direct measures: "
            f"{format_labels(proxies, limit=20)} (see the criteria descriptions and the data "
            "sources)."
        )
    dominated = _dominated_text(problem)
    if dominated is not None:
        collected.append(dominated)
    if portfolio is not None and _portfolio_illustrative(study):
        collected.append(
            "The programme data of the portfolio are ILLUSTRATIVE (not from any public "
            "source); the chosen portfolio shows the method, not a recommendation."
        )
    return collected


# ---------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------
class StudyResult(Immutable):
    """Everything a study computed: weights, ranking, sensitivity, warnings.

    Returned by :meth:`Study.run`; immutable.

    Attributes
    ----------
    study : Study
        The study that was run.
    problem : DecisionProblem
        The problem with the group weights.
    weights : pandas.Series
        The criteria weights used (group AHP, or fixed in the file).
    group : GroupAHPResult or None
        The group AHP result (None when the file gives fixed weights); with a
        hierarchy, the one of the top level (the goal's children).
    hierarchy : CriteriaHierarchy or None
        The criteria hierarchy with local and global weights, when the study
        has one.
    experts : pandas.DataFrame
        One row per expert: weight, each criterion's weight, CR, consistent,
        status (empty without experts).
    ranking : RankingResult
        The ranking of the alternatives.
    sensitivity : mapping
        Analysis name (``"one_at_a_time"``, ``"critical_changes"``,
        ``"smaa"``, ``"compare_methods"``) -> its result, for those run.
    portfolio : PortfolioResult or None
        The programme portfolio, when the study has a portfolio section.
    portfolio_acceptability : PortfolioAcceptabilityResult or None
        How often each programme is in the optimal portfolio over SMAA
        samples, when the portfolio section has ``acceptability``.
    budget_sweep : BudgetSweepResult or None
        The optimal portfolio for each budget of a sweep, when the portfolio
        section has ``budget_sweep``.
    warnings : tuple of str
        What an analyst must see: inconsistent experts, illustrative
        judgments, proxies used as data, dominated alternatives and the
        library's other methodological warnings.
    """

    __slots__ = ("_fields",)

    def __init__(self, **fields: Any) -> None:
        object.__setattr__(self, "_fields", MappingProxyType(fields))

    @property
    def study(self) -> Study:
        """The study that was run."""
        return self._fields["study"]

    @property
    def problem(self) -> DecisionProblem:
        """The decision problem with the weights used."""
        return self._fields["problem"]

    @property
    def weights(self) -> pd.Series:
        """Criteria weights used (sum 1)."""
        return self.problem.weights

    @property
    def group(self) -> Any:
        """The GroupAHPResult, or None with fixed weights."""
        return self._fields["group"]

    @property
    def experts(self) -> pd.DataFrame:
        """Per expert: weight, criteria weights, lambda_max, CR, consistent, status.

        With a hierarchy: one row per (node, expert) with the consistency columns.
        """
        group = self.group
        if group is None:
            return pd.DataFrame(columns=["weight", "cr", "consistent", "status"])
        if self.hierarchy is not None:
            frames = []
            for node, result in self.hierarchy.results.items():
                if hasattr(result, "consistency"):
                    frame = result.consistency
                    frame.index = pd.MultiIndex.from_product(
                        [[node], frame.index], names=["node", "expert"]
                    )
                    frames.append(frame)
            return pd.concat(frames)
        consistency = group.consistency
        frame = pd.concat(
            [consistency[["weight"]], group.by_expert, consistency.drop(columns=["weight"])],
            axis=1,
        )
        frame.index.name = "expert"
        return frame

    @property
    def hierarchy(self) -> Any:
        """The CriteriaHierarchy (local and global weights), or None without one."""
        return self._fields["hierarchy"]

    @property
    def ranking(self) -> Any:
        """The RankingResult."""
        return self._fields["ranking"]

    @property
    def sensitivity(self) -> MappingProxyType[str, Any]:
        """Analysis name -> result, for the analyses run."""
        return MappingProxyType(dict(self._fields["sensitivity"]))

    @property
    def portfolio(self) -> Any:
        """The PortfolioResult, or None."""
        return self._fields["portfolio"]

    @property
    def portfolio_acceptability(self) -> Any:
        """The PortfolioAcceptabilityResult (``portfolio.acceptability``), or None."""
        return self._fields.get("portfolio_acceptability")

    @property
    def budget_sweep(self) -> Any:
        """The BudgetSweepResult (``portfolio.budget_sweep``), or None."""
        return self._fields.get("budget_sweep")

    @property
    def warnings(self) -> tuple[str, ...]:
        """The warnings an analyst must see."""
        return self._fields["warnings"]

    @property
    def best(self) -> Hashable:
        """The top-ranked alternative."""
        return self.ranking.best

    @property
    def plot(self) -> StudyPlots:
        """Plots of the study's parts (matplotlib is imported when a plot is drawn).

        ``result.plot()`` (the ranking), ``.weights()``, ``.consistency()``,
        ``.hierarchy()``, ``.one_at_a_time()``, ``.critical_changes()``,
        ``.acceptability()`` (SMAA) and ``.methods()``; each returns the Axes.
        """
        return StudyPlots(self)

    def stability(self) -> dict[str, Any]:
        """A short summary of how stable the top choice is.

        Keys (present when the analysis was run): ``best``; ``smaa_first_rank``
        (the best alternative's first-rank acceptability) and ``smaa_leader``
        (the alternative most often first); ``critical_criterion`` and
        ``critical_change`` (the criterion whose smallest weight change alters
        the top choice, as a change of its normalised weight, and
        ``critical_new_leader``); ``methods_agree`` (share of the compared
        methods that rank the same alternative first).
        """
        out: dict[str, Any] = {"best": self.best}
        smaa = self._fields["sensitivity"].get("smaa")
        if smaa is not None:
            first = smaa.first_rank_acceptability
            out["smaa_first_rank"] = float(first.get(self.best, float("nan")))
            out["smaa_leader"] = first.idxmax()
            out["smaa_samples"] = getattr(smaa, "n_samples", None)
        critical = self._fields["sensitivity"].get("critical_changes")
        if critical is not None:
            top = critical.top
            feasible = top[top["feasible"].astype(bool)] if "feasible" in top else top
            if len(feasible):
                key = feasible["relative_change"].abs().astype(float).idxmin()
                row = feasible.loc[key]
                out["critical_criterion"] = row.get("criterion", key)
                out["critical_change"] = float(row["delta"]) if "delta" in row else None
                out["critical_relative_change"] = float(row["relative_change"])
                out["critical_new_leader"] = row.get("leader_after")
            else:
                out["critical_criterion"] = None
        compared = self._fields["sensitivity"].get("compare_methods")
        if compared is not None:
            ranks = compared.ranks if hasattr(compared, "ranks") else None
            if isinstance(ranks, pd.DataFrame) and ranks.shape[1]:
                firsts = [ranks[c].astype(float).idxmin() for c in ranks.columns]
                out["methods_agree"] = sum(f == self.best for f in firsts) / len(firsts)
                out["methods_compared"] = len(firsts)
        return out

    def to_frame(self) -> pd.DataFrame:
        """The ranking table: rank, score, and the SMAA acceptability when run."""
        frame = self.ranking.to_frame()
        smaa = self._fields["sensitivity"].get("smaa")
        if smaa is not None:
            frame["first_rank_acceptability"] = smaa.first_rank_acceptability.reindex(frame.index)
            frame["expected_rank"] = smaa.expected_rank.reindex(frame.index)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """The whole result as JSON-serialisable data (for tools that call coopdecide)."""
        study = self.study
        return to_jsonable(
            {
                "title": study.title,
                "question": study.question,
                "description": study.description,
                "notes": list(study.notes),
                "source": None if study.source is None else str(study.source),
                "alternatives": [str(a) for a in self.problem.alternatives],
                "criteria": study.criteria.assign(weight=self.weights)
                .reset_index()
                .to_dict(orient="records"),
                "weights": self.weights,
                "experts": self.experts.reset_index().to_dict(orient="records"),
                "group": None if self.group is None else self.group.to_dict(),
                "hierarchy": None if self.hierarchy is None else self.hierarchy.to_dict(),
                "ranking": self.ranking.to_dict(),
                "ranking_table": self.to_frame().reset_index().to_dict(orient="records"),
                "stability": self.stability(),
                "sensitivity": {
                    name: result.to_dict() for name, result in self._fields["sensitivity"].items()
                },
                "portfolio": None if self.portfolio is None else self.portfolio.to_dict(),
                "portfolio_acceptability": (
                    None
                    if self.portfolio_acceptability is None
                    else self.portfolio_acceptability.to_dict()
                ),
                "budget_sweep": None if self.budget_sweep is None else self.budget_sweep.to_dict(),
                "warnings": list(self.warnings),
                "settings": study.settings,
            }
        )

    def report(
        self, path: str | os.PathLike[str], *, format: str | None = None, **options: Any
    ) -> Path:
        """Write the report (self-contained HTML, or Markdown).

        Parameters
        ----------
        path : str or os.PathLike
            Where to write.
        format : {"html", "markdown"}, optional
            Default from the suffix: ``.md``/``.markdown`` -> Markdown,
            anything else -> HTML.
        **options
            Passed to :func:`coopdecide.report.write_report` (for example
            ``figures=False`` or ``dpi=...``).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        ImportError
            The report module is not available in this installation.
        """
        target = Path(path)
        if format is None:
            format = "markdown" if target.suffix.lower() in (".md", ".markdown") else "html"
        write_report = _report_function("write_report")
        written = write_report(self, target, format=format, **options)
        return Path(written) if written is not None else target

    def export_excel(self, path: str | os.PathLike[str]) -> Path:
        """Write the result tables to an Excel workbook (needs openpyxl)."""
        export = _report_function("export_excel")
        target = Path(path)
        written = export(self, target)
        return Path(written) if written is not None else target

    def _facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = {
            "study": self.study.title,
            "alternatives": self.problem.shape[0],
            "criteria": self.problem.shape[1],
            "method": self.ranking.method,
            "best": self.best,
        }
        if self.group is not None:
            facts["experts"] = len(self.group.experts)
            facts["consensus S*"] = round(self.group.consensus, 3)
        stability = self.stability()
        if "smaa_first_rank" in stability:
            facts["first-rank acceptability of the best"] = round(stability["smaa_first_rank"], 3)
        if stability.get("critical_criterion") is not None:
            facts["most critical criterion"] = stability["critical_criterion"]
        facts["warnings"] = len(self.warnings)
        return facts

    def __repr__(self) -> str:
        head = ", ".join(f"{k}={describe(v)}" for k, v in self._facts().items())
        table = self.to_frame().head(10).round(4).to_string()
        lines = [f"StudyResult({head})", table]
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        tables: dict[str, Any] = {"weights": self.weights.to_frame()}
        if self.group is not None:
            tables["experts"] = self.experts
        tables["ranking"] = self.to_frame()
        if self.warnings:
            tables["warnings"] = pd.DataFrame({"warning": list(self.warnings)})
        return html_section("StudyResult", facts=self._facts(), tables=tables)


class StudyPlots:
    """Plots of a :class:`StudyResult` (``result.plot``), drawn by the plots of its parts.

    Every method takes ``ax=None`` (a new figure when None), passes the other
    keywords on to the part's plot and returns the matplotlib Axes; matplotlib
    is imported only when a plot is drawn. A plot of an analysis the study did
    not run raises :class:`~coopdecide.exceptions.InvalidArgumentError` naming
    the section of the study file that asks for it.
    """

    def __init__(self, result: StudyResult) -> None:
        self._result = result

    def __call__(self, ax: Any = None, **kwargs: Any) -> Any:
        """The default plot: :meth:`ranking`."""
        return self.ranking(ax=ax, **kwargs)

    def ranking(self, ax: Any = None, **kwargs: Any) -> Any:
        """The ranking's scores, best first (``RankingResult.plot.scores``)."""
        return self._result.ranking.plot.scores(ax=ax, **kwargs)

    def weights(self, ax: Any = None, **kwargs: Any) -> Any:
        """The criteria weights: each expert's beside the group's, or the fixed weights.

        With experts, ``GroupAHPResult.plot.weights`` (with a hierarchy, the
        global weights of the criteria, ``CriteriaHierarchy.plot.weights``);
        with weights fixed in the file, one bar per criterion.
        """
        result = self._result
        if result.hierarchy is not None:
            return result.hierarchy.plot.weights(ax=ax, **kwargs)
        if result.group is not None:
            return result.group.plot.weights(ax=ax, **kwargs)
        from coopdecide.report.plots import barh

        return barh(
            result.weights,
            ax=ax,
            xlabel="weight",
            title="Criteria weights (fixed in the study file)",
            **kwargs,
        )

    def consistency(self, ax: Any = None, **kwargs: Any) -> Any:
        """Each expert's consistency ratio against the threshold (``GroupAHPResult``)."""
        group = self._need(self._result.group, "experts", "experts (group AHP)")
        return group.plot.consistency(ax=ax, **kwargs)

    def hierarchy(self, ax: Any = None, **kwargs: Any) -> Any:
        """The criteria hierarchy as a tree with local and global weights."""
        hierarchy = self._need(self._result.hierarchy, "hierarchy", "criteria hierarchy")
        return hierarchy.plot.tree(ax=ax, **kwargs)

    def one_at_a_time(self, ax: Any = None, **kwargs: Any) -> Any:
        """Per criterion, the weights over which the top choice stays first."""
        return self._analysis("one_at_a_time").plot.stability(ax=ax, **kwargs)

    def critical_changes(self, ax: Any = None, **kwargs: Any) -> Any:
        """The smallest weight changes that alter the ranking, as a tornado chart."""
        return self._analysis("critical_changes").plot.tornado(ax=ax, **kwargs)

    def acceptability(self, ax: Any = None, **kwargs: Any) -> Any:
        """SMAA rank acceptability indices, one stacked bar per alternative."""
        return self._analysis("smaa").plot.rank_acceptability(ax=ax, **kwargs)

    def methods(self, ax: Any = None, **kwargs: Any) -> Any:
        """Rank correlation between the compared methods, as a heatmap."""
        return self._analysis("compare_methods").plot.heatmap(ax=ax, **kwargs)

    def _analysis(self, name: str) -> Any:
        found = self._result.sensitivity.get(name)
        return self._need(found, f"sensitivity.{name}", f"{name.replace('_', ' ')} analysis")

    @staticmethod
    def _need(part: Any, section: str, what: str) -> Any:
        if part is None:
            raise InvalidArgumentError(
                f"the study has no {what} to plot; add '{section}' to the study file"
            )
        return part


def _report_function(name: str) -> Any:
    try:
        import coopdecide.report as report_module
    except ImportError as error:  # pragma: no cover - the package is always there
        raise ImportError(f"the report module cannot be imported: {error}") from error
    function = getattr(report_module, name, None)
    if function is None:
        try:
            import importlib

            module = importlib.import_module("coopdecide.report.report")
            function = getattr(module, name, None)
        except ImportError:
            function = None
    if function is None:
        raise ImportError(
            f"coopdecide.report.{name} is not available in this installation, so the report "
            "cannot be written"
        )
    return function
