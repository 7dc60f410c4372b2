"""Study files: the schema, its validation, and reading and writing YAML or JSON.

A study file describes a whole decision study: where the data come from, the
criteria, the experts and their pairwise judgments, and the analyses to run.
It is plain data: YAML is read with ``yaml.safe_load`` semantics (a
``SafeLoader`` that also rejects duplicate keys), JSON with :mod:`json`;
nothing in a study file is ever executed.

The structure is checked by a pydantic schema; every problem is reported as
a :class:`~coopdecide.exceptions.StudyFileError` whose message names the
file, the key path and what is wrong, for example::

    study.yaml: criteria.trade.objective: expected max or min (benefit and cost
    are accepted too), got 'maximum'

This module only checks the *shape* of a study file. Checks that need the data
or the other sections (judgments naming unknown criteria, columns missing from
the data file, option values such as ``normalization: l2``, ...) are made by
:func:`coopdecide.study.load_study`, which uses the same error format. See
``docs/guide/studies.md`` for the format.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from coopdecide._validation import closest, describe
from coopdecide.exceptions import StudyFileError

__all__ = [
    "FORMAT_VERSION",
    "parse_study",
    "read_study_file",
    "study_error",
    "write_study_file",
]

#: Version of the study file format written by :func:`write_study_file`.
FORMAT_VERSION = 1

#: File suffixes read as YAML and as JSON.
YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)

#: Named bundled datasets a study can use as its data (``data.dataset``).
DATASETS = ("partner_countries", "programmes")

_JUDGMENT_KEY = re.compile(r"^\s*(?P<a>[^<>=]+?)\s*(?P<op>>|<|=)\s*(?P<b>[^<>=]+?)\s*$")
_FORBIDDEN_IN_NAMES = (">", "<", "=")


# ---------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------
def key_path(parts: Sequence[Any]) -> str:
    """Render a location such as ``("criteria", "trade", "objective")`` as a dotted path.

    Examples
    --------
    >>> key_path(("experts", 0, "judgments"))
    'experts[0].judgments'
    >>> key_path(("criteria", "GDP per capita", "unit"))
    "criteria['GDP per capita'].unit"
    """
    out = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        elif isinstance(part, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{describe(str(part))}]"
    return out


def study_error(source: Any, path: Sequence[Any] | str | None, problem: str) -> StudyFileError:
    """Build a :class:`StudyFileError` naming the file, the key path and the problem.

    The error has the attributes ``file`` (str or None), ``key`` (the dotted
    key path, or None) and ``problem``.

    Examples
    --------
    >>> error = study_error("study.yaml", ("criteria", "trade", "objective"), "bad")
    >>> str(error)
    'study.yaml: criteria.trade.objective: bad'
    """
    key = path if isinstance(path, str) or path is None else key_path(path)
    name = None if source is None else str(source)
    prefix = "" if name is None else f"{name}: "
    where = "" if not key else f"{key}: "
    error = StudyFileError(f"{prefix}{where}{problem}")
    error.file = name  # type: ignore[attr-defined]
    error.key = key  # type: ignore[attr-defined]
    error.problem = problem  # type: ignore[attr-defined]
    return error


# ---------------------------------------------------------------------------
# the schema
# ---------------------------------------------------------------------------
def _pydantic() -> Any:
    import pydantic

    return pydantic


def _build_models() -> dict[str, Any]:
    """Define the pydantic models (imported lazily so ``import coopdecide.io`` stays light)."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
    from pydantic_core import PydanticCustomError

    class _Model(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    def _text(value: Any) -> Any:
        # forgiving: numbers in free text (a year as a title) are read as text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return value

    class DataSpec(_Model):
        dataset: str | None = None
        path: str | None = None
        sheet: str | int | None = None
        index: str | None = None
        alternatives: Annotated[tuple[str, ...] | None, Field(strict=False)] = None

        @field_validator("dataset")
        @classmethod
        def check_known_dataset(cls, value: str | None) -> str | None:
            if value is not None and value not in DATASETS:
                raise PydanticCustomError(
                    "study",
                    "expected one of the bundled datasets ({expected}), got {given}",
                    {"expected": ", ".join(DATASETS), "given": describe(value)},
                )
            return value

        @model_validator(mode="after")
        def check_one_source(self) -> DataSpec:
            if (self.dataset is None) == (self.path is None):
                raise PydanticCustomError(
                    "study",
                    "give exactly one of 'dataset' (a bundled dataset) and 'path' (a CSV or "
                    "Excel file, relative to the study file)",
                )
            if self.dataset is not None and (self.sheet is not None or self.index is not None):
                raise PydanticCustomError(
                    "study", "'sheet' and 'index' apply to a data file ('path'), not to a dataset"
                )
            return self

    class CriterionSpec(_Model):
        column: str | None = None
        objective: Literal["max", "min"]
        description: str | None = None
        unit: str | None = None
        transform: Literal["log", "log10", "log1p"] | None = None
        target: float | None = None
        weight: Annotated[float, Field(ge=0)] | None = None

        @field_validator("description", "unit", "column", mode="before")
        @classmethod
        def check_text(cls, value: Any) -> Any:
            return _text(value)

        @field_validator("objective", mode="before")
        @classmethod
        def check_objective(cls, value: Any) -> Any:
            if isinstance(value, str):
                key = value.strip().lower()
                alias = {"max": "max", "min": "min", "benefit": "max", "cost": "min"}.get(key)
                if alias is not None:
                    return alias
            raise PydanticCustomError(
                "study",
                "expected max or min (benefit and cost are accepted too), got {given}",
                {"given": describe(value)},
            )

        @field_validator("target")
        @classmethod
        def check_finite_target(cls, value: float | None) -> float | None:
            if value is not None and not math.isfinite(value):
                raise PydanticCustomError(
                    "study", "expected a finite number, got {given}", {"given": describe(value)}
                )
            return value

        @model_validator(mode="after")
        def check_target_is_min(self) -> CriterionSpec:
            if self.target is not None and self.objective != "min":
                raise PydanticCustomError(
                    "study",
                    "with 'target' the criterion is the distance |value - target|, so "
                    "'objective' must be min; got {given}",
                    {"given": describe(self.objective)},
                )
            if self.target is not None and self.transform is not None:
                raise PydanticCustomError("study", "give either 'transform' or 'target', not both")
            return self

    class ExpertSpec(_Model):
        name: str
        weight: Annotated[float, Field(ge=0)] = 1.0
        description: str | None = None
        judgments: tuple[tuple[str, str, float], ...] | None = None
        questionnaire: str | None = None

        @field_validator("name", "description", mode="before")
        @classmethod
        def check_text(cls, value: Any) -> Any:
            return _text(value)

        @field_validator("weight")
        @classmethod
        def check_finite_weight(cls, value: float) -> float:
            if not math.isfinite(value):
                raise PydanticCustomError(
                    "study",
                    "expected a finite number >= 0, got {given}",
                    {"given": describe(value)},
                )
            return value

        @field_validator("name")
        @classmethod
        def check_non_empty(cls, value: str) -> str:
            if not value.strip():
                raise PydanticCustomError("study", "expected a non-empty name")
            return value

        @field_validator("judgments", mode="before")
        @classmethod
        def check_judgments(cls, value: Any) -> Any:
            return parse_judgments(value, error=PydanticCustomError)

        @model_validator(mode="after")
        def check_one_source(self) -> ExpertSpec:
            if (self.judgments is None) == (self.questionnaire is None):
                raise PydanticCustomError(
                    "study",
                    "give exactly one of 'judgments' (inline) and 'questionnaire' (an Excel "
                    "workbook written by 'coopdecide init' or write_questionnaire)",
                )
            return self

    class AHPSpec(_Model):
        method: Literal["eigenvector", "geometric", "column"] = "eigenvector"
        ri_table: Literal["saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"] = "saaty1980"
        threshold: Annotated[float, Field(ge=0)] = 0.1
        aggregation: Literal["aij", "aip", "aip-geometric", "aip-arithmetic"] = "aij"
        inconsistent: Literal["keep", "exclude", "repair"] = "keep"
        allow_missing: bool = False

    # option values are checked when the study is loaded, by the functions they are
    # passed to (coopdecide.study tries each once), so the allowed values cannot drift
    _Option = Any

    class RankingSpec(_Model):
        method: str = "topsis"
        options: dict[str, _Option] = Field(default_factory=dict)

    def _analysis(value: Any) -> Any:
        # true -> defaults, false/None -> off, a mapping -> options
        if value is True:
            return {}
        if value is False:
            return None
        return value

    class SensitivitySpec(_Model):
        one_at_a_time: dict[str, _Option] | None = None
        critical_changes: dict[str, _Option] | None = None
        smaa: dict[str, _Option] | None = None
        compare_methods: dict[str, _Option] | None = None

        @field_validator(
            "one_at_a_time", "critical_changes", "smaa", "compare_methods", mode="before"
        )
        @classmethod
        def check_switch(cls, value: Any) -> Any:
            return _analysis(value)

    def _whole_number(value: Any, *, minimum: int) -> int:
        # a whole number >= minimum (also 1000.0 from JSON); never a bool
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            expected = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
            raise PydanticCustomError(
                "study",
                "expected {expected}, got {given}",
                {"expected": expected, "given": describe(value)},
            )
        return value

    def _is_budget(value: Any) -> bool:
        # a finite number >= 0, never a bool
        return (
            not isinstance(value, bool)
            and isinstance(value, (int, float))
            and math.isfinite(value)
            and value >= 0
        )

    def _budget_number(value: Any) -> float:
        if not _is_budget(value):
            raise PydanticCustomError(
                "study", "expected a finite number >= 0, got {given}", {"given": describe(value)}
            )
        return float(value)

    class PortfolioAcceptabilitySpec(_Model):
        """``portfolio.acceptability``: the portfolio over the study's SMAA samples."""

        n_samples: Any = 1000
        random_state: Any = None

        @field_validator("n_samples", mode="before")
        @classmethod
        def check_n_samples(cls, value: Any) -> Any:
            return _whole_number(value, minimum=1)

        @field_validator("random_state", mode="before")
        @classmethod
        def check_random_state(cls, value: Any) -> Any:
            return None if value is None else _whole_number(value, minimum=0)

    class BudgetSweepSpec(_Model):
        """``portfolio.budget_sweep``: ``budgets: [...]`` or ``from``, ``to`` and ``steps``."""

        budgets: Any = None
        start: Any = Field(default=None, alias="from")
        stop: Any = Field(default=None, alias="to")
        steps: Any = None

        @field_validator("budgets", mode="before")
        @classmethod
        def check_budgets(cls, value: Any) -> Any:
            if value is None:
                return None
            if not isinstance(value, (list, tuple)) or not value:
                raise PydanticCustomError(
                    "study",
                    "expected a non-empty list of budgets (numbers >= 0), got {given}",
                    {"given": describe(value)},
                )
            for position, budget in enumerate(value):
                if not _is_budget(budget):
                    raise PydanticCustomError(
                        "study",
                        "expected finite numbers >= 0, got {given} at position {position}",
                        {"given": describe(budget), "position": position},
                    )
            return tuple(float(v) for v in value)

        @field_validator("start", "stop", mode="before")
        @classmethod
        def check_bound(cls, value: Any) -> Any:
            return None if value is None else _budget_number(value)

        @field_validator("steps", mode="before")
        @classmethod
        def check_steps(cls, value: Any) -> Any:
            return None if value is None else _whole_number(value, minimum=2)

        @model_validator(mode="after")
        def check_one_form(self) -> BudgetSweepSpec:
            ranged = (self.start, self.stop, self.steps)
            if self.budgets is not None:
                if any(v is not None for v in ranged):
                    raise PydanticCustomError(
                        "study",
                        "give either 'budgets' (a list) or 'from', 'to' and 'steps', not both",
                    )
                return self
            if any(v is None for v in ranged):
                missing = [
                    k for k, v in zip(("from", "to", "steps"), ranged, strict=True) if v is None
                ]
                raise PydanticCustomError(
                    "study",
                    "give 'budgets' (a list of budgets) or all of 'from', 'to' and 'steps'; "
                    "missing {missing}",
                    {"missing": ", ".join(describe(m) for m in missing)},
                )
            if self.stop <= self.start:
                raise PydanticCustomError(
                    "study",
                    "'to' must be larger than 'from'; got from {start} and to {stop}",
                    {"start": f"{self.start:g}", "stop": f"{self.stop:g}"},
                )
            return self

        def budget_values(self) -> tuple[float, ...]:
            """The budgets of the sweep."""
            if self.budgets is not None:
                return tuple(self.budgets)
            step = (self.stop - self.start) / (self.steps - 1)
            return tuple(self.start + k * step for k in range(self.steps))

    class PortfolioSpec(_Model):
        data: DataSpec
        cost: str
        budget: Annotated[float, Field(ge=0)]
        score: str = "partner"
        partner: str | None = None
        objective: Literal["score", "score_x_cost", "score_x_size"] = "score"
        size: str | None = None
        groups: Annotated[tuple[str, ...], Field(strict=False)] = ()
        at_most: dict[str, int | dict[str, int]] = Field(default_factory=dict)
        at_least: dict[str, int | dict[str, int]] = Field(default_factory=dict)
        mandatory: Annotated[tuple[str, ...], Field(strict=False)] = ()
        excluded: Annotated[tuple[str, ...], Field(strict=False)] = ()
        requires: Annotated[tuple[tuple[str, str], ...], Field(strict=False)] = ()
        excludes: Annotated[tuple[tuple[str, ...], ...], Field(strict=False)] = ()
        acceptability: PortfolioAcceptabilitySpec | None = None
        budget_sweep: BudgetSweepSpec | None = None

        @field_validator("acceptability", "budget_sweep", mode="before")
        @classmethod
        def check_switch(cls, value: Any) -> Any:
            return _analysis(value)

        @model_validator(mode="after")
        def check_partner_for_partner_score(self) -> PortfolioSpec:
            if self.score == "partner" and self.partner is None:
                raise PydanticCustomError(
                    "study",
                    "score 'partner' (each programme scored by its partner's ranking score) "
                    "needs 'partner', the column naming each programme's partner",
                )
            return self

    class StudySpec(_Model):
        version: Literal[1] = 1
        title: str
        question: str | None = None
        description: str | None = None
        notes: tuple[str, ...] = ()
        data: DataSpec
        criteria: Annotated[dict[str, CriterionSpec], Field(min_length=1)]
        hierarchy: dict[str, Annotated[tuple[str, ...], Field(strict=False)]] | None = None
        experts: tuple[ExpertSpec, ...] | None = None
        ahp: AHPSpec = Field(default_factory=AHPSpec)
        ranking: RankingSpec = Field(default_factory=RankingSpec)
        sensitivity: SensitivitySpec = Field(default_factory=SensitivitySpec)
        portfolio: PortfolioSpec | None = None

        @field_validator("title", "question", "description", mode="before")
        @classmethod
        def check_text(cls, value: Any) -> Any:
            return _text(value)

        @field_validator("notes", mode="before")
        @classmethod
        def check_notes(cls, value: Any) -> Any:
            if isinstance(value, str):
                return (value,)
            if isinstance(value, list):
                return tuple(_text(v) for v in value)
            return value

        @field_validator("experts", mode="before")
        @classmethod
        def check_experts(cls, value: Any) -> Any:
            return tuple(value) if isinstance(value, list) else value

    models = {
        "StudySpec": StudySpec,
        "DataSpec": DataSpec,
        "CriterionSpec": CriterionSpec,
        "ExpertSpec": ExpertSpec,
        "AHPSpec": AHPSpec,
        "RankingSpec": RankingSpec,
        "SensitivitySpec": SensitivitySpec,
        "PortfolioSpec": PortfolioSpec,
        "PortfolioAcceptabilitySpec": PortfolioAcceptabilitySpec,
        "BudgetSweepSpec": BudgetSweepSpec,
    }
    for name, model in models.items():
        # found by pickle as coopdecide.io.study_file.<name> (module __getattr__ below)
        model.__qualname__ = name
    return models


_MODELS: dict[str, Any] = {}


def _models() -> dict[str, Any]:
    if not _MODELS:
        _MODELS.update(_build_models())
    return _MODELS


def __getattr__(name: str) -> Any:
    # StudySpec and the section models are built on first use (pydantic is imported then)
    if name in {
        "StudySpec",
        "DataSpec",
        "CriterionSpec",
        "ExpertSpec",
        "AHPSpec",
        "RankingSpec",
        "SensitivitySpec",
        "PortfolioSpec",
        "PortfolioAcceptabilitySpec",
        "BudgetSweepSpec",
    }:
        return _models()[name]
    raise AttributeError(f"module {describe(__name__)} has no attribute {describe(name)}")


# ---------------------------------------------------------------------------
# judgments
# ---------------------------------------------------------------------------
def _number(value: Any) -> float | None:
    """A judgment value: a number, or a fraction or number written as text ('1/3')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(Fraction(text))
        except (ValueError, ZeroDivisionError):
            return None
    return None


def parse_judgments(value: Any, *, error: Any = None) -> Any:
    """Read inline judgments into ``(a, b, value)`` triples with ``value >= 1``.

    Two forms are accepted:

    - a mapping ``{"a > b": 3, "b = c": 1, "c < d": 5}``: ``a > b: 3`` means a
      is 3 times as important as b, ``c < d: 5`` that d is 5 times as
      important as c, ``b = c: 1`` that they are equally important;
    - a list of ``[a, b, value]`` triples, ``value`` being how much more
      important a is than b (``1/3`` or ``"1/3"`` when b is more important).

    Values are numbers or fractions written as text (``"1/3"``), between 1/9
    and 9 (Saaty's scale). Each triple is returned with ``value >= 1`` (the
    more important item first), so the same judgments always read the same.

    Parameters
    ----------
    value : mapping or list
        The judgments as written in the file. ``None`` is returned unchanged.
    error : callable, optional
        The exception type raised (called as ``error(kind, message, context)``
        like ``pydantic_core.PydanticCustomError``); default
        :class:`~coopdecide.exceptions.StudyFileError` with the message only.

    Examples
    --------
    >>> parse_judgments({"trade > risk": 3, "risk < culture": "2", "trade = culture": 1})
    (('trade', 'risk', 3.0), ('culture', 'risk', 2.0), ('trade', 'culture', 1.0))
    >>> parse_judgments([["trade", "risk", "1/3"]])
    (('risk', 'trade', 3.0),)
    """
    if value is None:
        return None

    def fail(message: str, **context: Any) -> Exception:
        if error is None:
            return StudyFileError(message.format(**context))
        return error("study", message, context)

    triples: list[tuple[Any, Any, float]] = []
    if isinstance(value, Mapping):
        for key, raw in value.items():
            if not isinstance(key, str):
                raise fail(
                    "keys must read 'A > B', 'A < B' or 'A = B'; got the key {key}",
                    key=describe(key),
                )
            match = _JUDGMENT_KEY.match(key)
            if match is None:
                raise fail(
                    "{key}: expected 'A > B', 'A < B' or 'A = B' (A and B criteria, with "
                    "spaces around the sign)",
                    key=describe(key),
                )
            a, op, b = match["a"], match["op"], match["b"]
            number = _number(raw)
            if number is None:
                raise fail(
                    "{key}: expected a number on Saaty's scale (1 to 9), got {given}",
                    key=describe(key),
                    given=describe(raw),
                )
            if op == "=":
                if number != 1:
                    raise fail(
                        "{key}: 'A = B' means equal importance, so the value must be 1; got "
                        "{given} (write 'A > B: {given}' if A is more important)",
                        key=describe(key),
                        given=f"{number:g}",
                    )
                triples.append((a, b, 1.0))
                continue
            if not (1 <= number <= 9):
                hint = (
                    f" (write the more important item first: '{b} {op} {a}: {1 / number:g}')"
                    if 0 < number < 1
                    else ""
                )
                raise fail(
                    "{key}: expected a value from 1 to 9 after '>' or '<', got {given}{hint}",
                    key=describe(key),
                    given=f"{number:g}",
                    hint=hint,
                )
            triples.append((a, b, number) if op == ">" else (b, a, number))
    elif isinstance(value, (list, tuple)):
        for position, entry in enumerate(value):
            if not isinstance(entry, (list, tuple)) or len(entry) != 3:
                raise fail(
                    "entry {position}: expected [A, B, value] (A is value times as important "
                    "as B), got {given}",
                    position=position,
                    given=describe(entry),
                )
            a, b, raw = entry
            for label in (a, b):
                if not isinstance(label, str):
                    raise fail(
                        "entry {position}: criteria must be names (text), got {given}",
                        position=position,
                        given=describe(label),
                    )
            number = _number(raw)
            if number is None or not (1 / 9 - 1e-9 <= number <= 9):
                raise fail(
                    "entry {position}: expected a value from 1/9 to 9 (how much more important "
                    "{a} is than {b}), got {given}",
                    position=position,
                    a=describe(a),
                    b=describe(b),
                    given=describe(raw),
                )
            if number < 1:
                inverse = 1.0 / Fraction(raw.strip()) if isinstance(raw, str) else 1.0 / number
                triples.append((b, a, float(inverse)))
            else:
                triples.append((a, b, number))
    else:
        raise fail(
            "expected a mapping of 'A > B': value entries or a list of [A, B, value] "
            "triples, got {given}",
            given=type(value).__name__,
        )
    for a, b, _ in triples:
        if a == b:
            raise fail("a criterion cannot be compared with itself: {a}", a=describe(a))
    return tuple(triples)


def judgments_to_mapping(triples: Sequence[tuple[str, str, float]]) -> dict[str, float | int]:
    """Write judgment triples in the mapping form ``{"a > b": 3}`` (the form files use).

    Examples
    --------
    >>> judgments_to_mapping([("trade", "risk", 3.0), ("trade", "culture", 1.0)])
    {'trade > risk': 3, 'trade = culture': 1}
    """
    out: dict[str, float | int] = {}
    for a, b, value in triples:
        number: float | int = int(value) if float(value).is_integer() else float(value)
        if value == 1:
            out[f"{a} = {b}"] = 1
        else:
            out[f"{a} > {b}"] = number
    return out


# ---------------------------------------------------------------------------
# validation error formatting
# ---------------------------------------------------------------------------
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "list_type": "a list",
    "tuple_type": "a list",
    "int_from_float": "an integer",
}


def _known_keys() -> set[str]:
    keys: set[str] = set()
    for model in _models().values():
        # as written in a file: a field's alias (portfolio.budget_sweep's 'from') or its name
        keys.update(field.alias or name for name, field in model.model_fields.items())
    return keys


def _describe(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    given = error.get("input")
    context = error.get("ctx") or {}
    if kind == "missing":
        return "required key is missing"
    loc = error.get("loc") or ()
    if loc and loc[-1] == "[key]":
        return (
            f"names must be text, got the key {describe(given)} (in YAML, quote names that read as "
            "numbers or as yes, no, on, off, true, false)"
        )
    if kind == "extra_forbidden":
        loc = error.get("loc") or ()
        name = str(loc[-1]) if loc else ""
        close = closest(name, sorted(_known_keys()), cutoff=0.75)
        hint = "" if close is None else f" (did you mean {describe(close)}?)"
        return f"unknown key{hint}"
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", "")
        return f"expected {expected}, got {describe(given)}"
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {describe(given)}"
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        sign = {
            "greater_than_equal": ">=",
            "greater_than": ">",
            "less_than_equal": "<=",
            "less_than": "<",
        }[kind]
        bound = next(iter(context.values()), "")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return f"expected a number {sign} {bound}, got {describe(given)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "study":
        return str(error.get("msg", ""))
    message = str(error.get("msg", ""))
    message = message.removeprefix("Value error, ")
    return f"{message[:1].lower()}{message[1:]}, got {describe(given)}"


def _location(error: Mapping[str, Any]) -> tuple[Any, ...]:
    # drop pydantic's union/validator tags (e.g. 'function-after[...]', 'tuple[...]')
    loc = tuple(error.get("loc") or ())
    if loc and loc[-1] == "[key]":  # a mapping key of the wrong type: name the mapping
        return loc[:-2]
    parts = []
    for part in loc:
        if isinstance(part, str) and (("[" in part and part.endswith("]")) or part in _UNION_TAGS):
            continue
        parts.append(part)
    return tuple(parts)


_UNION_TAGS = {"str", "int", "float", "bool", "none", "dict", "list", "tuple"}


def _format_errors(errors: Sequence[Mapping[str, Any]], source: Any) -> StudyFileError:
    seen: list[tuple[tuple[Any, ...], str]] = []
    for error in errors:
        item = (_location(error), _describe(error))
        # a union reports one error per branch: keep the first per location
        if any(loc == item[0] for loc, _ in seen):
            continue
        seen.append(item)
    first_loc, first_problem = seen[0]
    problem = first_problem
    if len(seen) > 1:
        rest = "; ".join(f"{key_path(loc) or '(top level)'}: {p}" for loc, p in seen[1:6])
        more = f" ... ({len(seen) - 6} more)" if len(seen) > 6 else ""
        problem = f"{first_problem} (and {len(seen) - 1} more: {rest}{more})"
    return study_error(source, first_loc or "(top level)", problem)


def parse_study(data: Any, *, source: Any = None) -> Any:
    """Validate the structure of a study (already read from a file) into a ``StudySpec``.

    Parameters
    ----------
    data : mapping
        The study as plain data (what YAML or JSON gives).
    source : str or os.PathLike, optional
        The file it came from, named in error messages.

    Returns
    -------
    StudySpec
        A frozen pydantic model.

    Raises
    ------
    StudyFileError
        Naming the file, the key path and the problem.
    """
    if not isinstance(data, Mapping):
        raise study_error(
            source,
            None,
            f"a study file must hold a mapping (key: value) at the top level; got "
            f"{type(data).__name__}",
        )
    pydantic = _pydantic()
    spec_class = _models()["StudySpec"]
    try:
        return spec_class.model_validate(dict(data))
    except pydantic.ValidationError as error:
        raise _format_errors(error.errors(include_url=False), source) from None


# ---------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------
def _safe_loader() -> Any:
    import yaml

    class _StrictSafeLoader(yaml.SafeLoader):
        """``yaml.SafeLoader`` that rejects a key given twice in one mapping."""

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
        loader.flatten_mapping(node)
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                duplicate = False
            if duplicate:
                mark = key_node.start_mark
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {describe(key)} (first at line {seen[key].line + 1})",
                    mark,
                )
            with contextlib.suppress(TypeError):
                seen[key] = key_node.start_mark
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    _StrictSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    return _StrictSafeLoader


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES + JSON_SUFFIXES:
        raise study_error(
            path,
            None,
            f"expected a .yaml, .yml or .json study file, got the suffix {describe(path.suffix)}",
        )
    return suffix


def read_study_file(path: str | os.PathLike[str]) -> Any:
    """Read a study file (YAML or JSON) and check its structure.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.yaml``/``.yml`` or ``.json`` file.

    Returns
    -------
    StudySpec
        The validated structure (data and judgments not yet read; use
        :func:`coopdecide.load_study` for the whole study).

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    StudyFileError
        Not YAML/JSON, a syntax error (with line and column), a key given
        twice, or a structural problem (with its key path).
    """
    source = Path(path)
    suffix = _suffix(source)
    if not source.is_file():
        raise FileNotFoundError(f"study file {describe(str(source))} does not exist")
    text = source.read_text(encoding="utf-8")
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text, object_pairs_hook=_json_pairs(source))
        except json.JSONDecodeError as error:
            raise study_error(
                source,
                None,
                f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            ) from None
    else:
        import yaml

        try:
            data = yaml.load(text, Loader=_safe_loader())  # a SafeLoader subclass
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise study_error(source, None, f"invalid YAML{where}: {problem}") from None
    if data is None:
        raise study_error(source, None, "the file is empty")
    return parse_study(data, source=source)


def _json_pairs(source: Path) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise study_error(source, None, f"invalid JSON: duplicate key {describe(key)}")
            out[key] = value
        return out

    return hook


def write_study_file(
    data: Mapping[str, Any], path: str | os.PathLike[str], *, overwrite: bool = True
) -> Path:
    """Write a study (plain data, as ``Study.to_dict()`` gives) as YAML or JSON.

    The format follows the suffix of ``path``: ``.yaml``/``.yml`` or ``.json``.

    Parameters
    ----------
    data : mapping
        The study as plain data.
    path : str or os.PathLike
        Where to write.
    overwrite : bool, default True
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    target = Path(path)
    suffix = _suffix(target)
    if target.exists() and not overwrite:
        raise study_error(target, None, "the file exists; pass overwrite=True to replace it")
    if suffix in JSON_SUFFIXES:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        import yaml

        body = yaml.safe_dump(
            dict(data),
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        text = f"# coopdecide study file (format {FORMAT_VERSION})\n{body}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def check_name(source: Any, loc: Sequence[Any], name: str) -> None:
    """Reject criterion names that the judgment form ``'A > B'`` could not read."""
    bad = [sign for sign in _FORBIDDEN_IN_NAMES if sign in name]
    if bad or name != name.strip() or not name:
        raise study_error(
            source,
            loc,
            f"criterion names must be non-empty, without leading or trailing spaces and "
            f"without '>', '<' or '='; got {describe(name)}",
        )
