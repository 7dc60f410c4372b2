"""The ``data`` and ``criteria`` sections of a study file."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coopdecide._validation import describe
from coopdecide.study.spec.base import SpecModel, Text

__all__ = ["DATASETS", "CriterionSpec", "DataSpec"]

#: Named bundled datasets a study can use as its data (``data.dataset``).
DATASETS = ("partner_countries", "programmes")


class DataSpec(SpecModel):
    """``data`` (and ``portfolio.data``): a bundled dataset or a CSV/Excel file."""

    dataset: str | None = None
    path: str | None = None
    sheet: str | int | None = None
    index: str | None = None
    alternatives: Annotated[tuple[str, ...] | None, Field(strict=False)] = None
    focal: str | None = None

    @field_validator("dataset")
    @classmethod
    def check_known_dataset(cls, value: str | None) -> str | None:
        """A bundled dataset by name."""
        if value is not None and value not in DATASETS:
            raise PydanticCustomError(
                "study",
                "expected one of the bundled datasets ({expected}), got {given}",
                {"expected": ", ".join(DATASETS), "given": describe(value)},
            )
        return value

    @model_validator(mode="after")
    def check_one_source(self) -> DataSpec:
        """Exactly one of a dataset and a file; sheet and index only with a file."""
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
        if self.focal is not None and self.dataset != "partner_countries":
            raise PydanticCustomError(
                "study",
                "'focal' (the country planning its cooperation, an ISO3 code) applies to the "
                "dataset 'partner_countries' only, got it with {given}",
                {"given": "a data file" if self.path else f"dataset {describe(self.dataset)}"},
            )
        return self


class CriterionSpec(SpecModel):
    """One entry of ``criteria``: its column, objective, transform or target, weight."""

    column: Text | None = None
    objective: Literal["max", "min"]
    description: Text | None = None
    unit: Text | None = None
    transform: Literal["log", "log10", "log1p"] | None = None
    target: float | None = None
    weight: Annotated[float, Field(ge=0)] | None = None

    @field_validator("objective", mode="before")
    @classmethod
    def check_objective(cls, value: Any) -> Any:
        """The objective: max or min, with the aliases benefit and cost."""
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
        """A finite target."""
        if value is not None and not math.isfinite(value):
            raise PydanticCustomError(
                "study", "expected a finite number, got {given}", {"given": describe(value)}
            )
        return value

    @model_validator(mode="after")
    def check_target_is_min(self) -> CriterionSpec:
        """A target is a distance to minimise, and excludes a transform."""
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
