"""The sections of a study file as pydantic models, one model per section.

The root model, :class:`StudySpec`, holds one model per top-level section:
``data`` (:class:`DataSpec`), ``criteria`` (:class:`CriterionSpec` each),
``experts`` (:class:`ExpertSpec` each), ``ahp``, ``weights``, ``ranking``, ``sensitivity``
and ``portfolio`` (:mod:`coopdecide.study.spec.portfolio`). Each model checks
its own keys and values; the checks that need the data or several sections are
in :mod:`coopdecide.study.build` and :mod:`coopdecide.study.spec.options`.
To add a key, add a field (and its validator) to its section's model; to add
a section, add a model and a field of :class:`StudySpec`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coopdecide._validation import describe
from coopdecide.study.spec.base import SpecModel, Text, switch
from coopdecide.study.spec.data import CriterionSpec, DataSpec
from coopdecide.study.spec.errors import Source, format_validation_errors, study_error
from coopdecide.study.spec.judgments import parse_judgments
from coopdecide.study.spec.portfolio import (
    BudgetSweepSpec,
    PortfolioAcceptabilitySpec,
    PortfolioSpec,
)

__all__ = [
    "FORMAT_VERSION",
    "OBJECTIVE_WEIGHTS",
    "AHPSpec",
    "ExpertSpec",
    "RankingSpec",
    "SensitivitySpec",
    "StudySpec",
    "WeightsSpec",
    "parse_study",
]

#: Version of the study file format.
FORMAT_VERSION = 1

# option values are checked when the study is loaded, by the functions they are passed to
# (coopdecide.study.spec.options tries each once), so the allowed values cannot drift
_Option = Any


class ExpertSpec(SpecModel):
    """One entry of ``experts``: name, weight and judgments (inline or a questionnaire)."""

    name: Text
    weight: Annotated[float, Field(ge=0)] = 1.0
    description: Text | None = None
    judgments: tuple[tuple[str, str, float], ...] | None = None
    questionnaire: str | None = None

    @field_validator("weight")
    @classmethod
    def check_finite_weight(cls, value: float) -> float:
        """A finite weight."""
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
        """A name with more than spaces."""
        if not value.strip():
            raise PydanticCustomError("study", "expected a non-empty name")
        return value

    @field_validator("judgments", mode="before")
    @classmethod
    def check_judgments(cls, value: Any) -> Any:
        """Inline judgments as triples, the more important item first."""
        return parse_judgments(value, error=PydanticCustomError)

    @model_validator(mode="after")
    def check_one_source(self) -> ExpertSpec:
        """Exactly one of inline judgments and a questionnaire."""
        if (self.judgments is None) == (self.questionnaire is None):
            raise PydanticCustomError(
                "study",
                "give exactly one of 'judgments' (inline) and 'questionnaire' (an Excel "
                "workbook written by 'coopdecide init' or write_questionnaire)",
            )
        return self


class AHPSpec(SpecModel):
    """``ahp``: priority method, random index table, threshold, aggregation."""

    method: Literal["eigenvector", "geometric", "column"] = "eigenvector"
    ri_table: Literal["saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"] = "saaty1980"
    threshold: Annotated[float, Field(ge=0)] = 0.1
    aggregation: Literal["aij", "aip", "aip-geometric", "aip-arithmetic"] = "aij"
    inconsistent: Literal["keep", "exclude", "repair"] = "keep"
    allow_missing: bool = False


#: The objective weighting methods a study file can name (functions of coopdecide.weights).
OBJECTIVE_WEIGHTS = ("entropy", "critic", "standard_deviation", "merec")


class BWMExpertSpec(SpecModel):
    """One stakeholder of ``weights.experts`` (``method: bwm``): the two BWM vectors."""

    best_to_others: dict[str, float]
    others_to_worst: dict[str, float]
    best: str | None = None
    worst: str | None = None
    weight: Annotated[float, Field(ge=0)] = 1.0


class WeightsSpec(SpecModel):
    """``weights``: objective weights, the experts' AHP weights combined with them, or BWM.

    ``method: entropy`` (or ``critic``, ``standard_deviation``, ``merec``) computes the
    weights from the data alone; ``combine: {ahp: 0.7, entropy: 0.3}`` combines the
    experts' AHP weights linearly with an objective method's, with those shares;
    ``method: bwm`` takes them from the Best-Worst Method of the stakeholders listed in
    ``experts`` (``model`` and ``aggregation`` as in :func:`coopdecide.weights.bwm_group`).
    """

    method: Literal["entropy", "critic", "standard_deviation", "merec", "bwm"] | None = None
    combine: dict[str, Annotated[float, Field(ge=0)]] | None = None
    experts: dict[Text, BWMExpertSpec] | None = None
    model: Literal["nonlinear", "linear"] = "nonlinear"
    aggregation: Literal["geometric", "arithmetic"] = "geometric"

    @model_validator(mode="after")
    def check_one(self) -> WeightsSpec:
        """Exactly one of method and combine; combine names ahp and one objective method."""
        if (self.method == "bwm") != bool(self.experts):
            raise PydanticCustomError(
                "study",
                "method: bwm takes its judgments from weights.experts (name -> "
                "{best_to_others, others_to_worst}); give both, or neither",
            )
        if (self.method is None) == (self.combine is None):
            raise PydanticCustomError(
                "study",
                "give exactly one of 'method' (objective weights from the data: "
                + ", ".join(OBJECTIVE_WEIGHTS)
                + ") and 'combine' (e.g. {ahp: 0.7, entropy: 0.3})",
            )
        if self.combine is not None:
            keys = set(self.combine)
            others = keys - {"ahp"}
            if "ahp" not in keys or len(others) != 1 or not others <= set(OBJECTIVE_WEIGHTS):
                raise PydanticCustomError(
                    "study",
                    "combine must name 'ahp' and one objective method ("
                    + ", ".join(OBJECTIVE_WEIGHTS)
                    + "), each with its share; got {given}",
                    {"given": ", ".join(map(str, self.combine)) or "nothing"},
                )
            total = sum(self.combine.values())
            if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
                raise PydanticCustomError(
                    "study",
                    "the shares of combine must sum to 1; got {total}",
                    {"total": describe(total)},
                )
        return self

    @property
    def objective(self) -> str | None:
        """The objective method (``method``, or the one ``combine`` names); None for BWM."""
        if self.method == "bwm":
            return None
        if self.method is not None:
            return self.method
        assert self.combine is not None  # one of the two, by the validator
        return next(key for key in self.combine if key != "ahp")


class RankingSpec(SpecModel):
    """``ranking``: the method and its options (checked by rank() at load)."""

    method: str = "topsis"
    options: dict[str, _Option] = Field(default_factory=dict)


class SensitivitySpec(SpecModel):
    """``sensitivity``: the analyses to run, each true or its options."""

    one_at_a_time: dict[str, _Option] | None = None
    critical_changes: dict[str, _Option] | None = None
    smaa: dict[str, _Option] | None = None
    compare_methods: dict[str, _Option] | None = None

    @field_validator("one_at_a_time", "critical_changes", "smaa", "compare_methods", mode="before")
    @classmethod
    def check_switch(cls, value: Any) -> Any:
        """The switch: true, false or the options."""
        return switch(value)


class StudySpec(SpecModel):
    """A whole study file: the root model, one field per section."""

    version: Literal[1] = 1
    title: Text
    question: Text | None = None
    description: Text | None = None
    notes: tuple[Text, ...] = ()
    data: DataSpec
    criteria: Annotated[dict[str, CriterionSpec], Field(min_length=1)]
    hierarchy: dict[str, Annotated[tuple[str, ...], Field(strict=False)]] | None = None
    experts: tuple[ExpertSpec, ...] | None = None
    ahp: AHPSpec = Field(default_factory=AHPSpec)
    weights: WeightsSpec | None = None
    ranking: RankingSpec = Field(default_factory=RankingSpec)
    sensitivity: SensitivitySpec = Field(default_factory=SensitivitySpec)
    portfolio: PortfolioSpec | None = None

    @field_validator("notes", mode="before")
    @classmethod
    def check_notes(cls, value: Any) -> Any:
        """One note or a list of notes."""
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list):
            return tuple(value)
        return value

    @field_validator("experts", mode="before")
    @classmethod
    def check_experts(cls, value: Any) -> Any:
        """A list of experts."""
        return tuple(value) if isinstance(value, list) else value


#: The models of the file's sections (their keys feed the did-you-mean hint of unknown keys).
SECTION_MODELS: tuple[type[SpecModel], ...] = (
    StudySpec,
    DataSpec,
    CriterionSpec,
    ExpertSpec,
    AHPSpec,
    WeightsSpec,
    BWMExpertSpec,
    RankingSpec,
    SensitivitySpec,
    PortfolioSpec,
    PortfolioAcceptabilitySpec,
    BudgetSweepSpec,
)


def _known_keys() -> list[str]:
    # as written in a file: a field's alias (portfolio.budget_sweep's 'from') or its name
    return sorted(
        {
            field.alias or name
            for model in SECTION_MODELS
            for name, field in model.model_fields.items()
        }
    )


def parse_study(data: Any, *, source: Source = None) -> StudySpec:
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
    try:
        return StudySpec.model_validate(dict(data))
    except ValidationError as error:
        raise format_validation_errors(
            error.errors(include_url=False), source, _known_keys()
        ) from None
