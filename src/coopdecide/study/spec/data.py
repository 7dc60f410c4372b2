"""The ``data`` and ``criteria`` sections of a study file."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coopdecide._validation import describe
from coopdecide.study.spec.base import SpecModel, Text

__all__ = [
    "DATASETS",
    "INDICATOR_FORMATS",
    "INDICATOR_TRANSFORMS",
    "CriterionSpec",
    "DataSpec",
    "ImputeSpec",
    "IndicatorFileSpec",
]

#: Named bundled datasets a study can use as its data (``data.dataset``).
DATASETS = ("partner_countries", "programmes")

#: Transforms of criteria read from indicator files (``coopdecide.data.TRANSFORMS``).
INDICATOR_TRANSFORMS = (
    "none",
    "log",
    "rank",
    "zscore",
    "difference",
    "abs_difference",
    "relative_difference",
    "kogut_singh",
)

#: Formats of ``data.indicators`` files -> the reader of coopdecide.data that reads them.
INDICATOR_FORMATS = ("wgi", "wdi", "hofstede", "cepii_dist", "tidy")


class IndicatorFileSpec(SpecModel):
    """One entry of ``data.indicators``: an indicator file in a publisher's layout."""

    path: str
    format: Literal["wgi", "wdi", "hofstede", "cepii_dist", "tidy"]
    unknown: Literal["raise", "drop"] = "raise"


class ImputeSpec(SpecModel):
    """``data.missing`` as a mapping: how to impute missing cells (``coopdecide.data.Impute``)."""

    method: Literal["peer_median", "locf"] = "peer_median"
    groups: dict[str, str] | str | None = None
    interval: Literal["iqr", "range"] = "iqr"
    min_peers: Annotated[int, Field(ge=1)] = 3
    group_name: str = "peer group"


class DataSpec(SpecModel):
    """``data`` (and ``portfolio.data``): a bundled dataset, a CSV/Excel file, or indicator files.

    With ``indicators`` (files in the publishers' layouts, read by
    :mod:`coopdecide.data`), ``focal``, ``year``, ``missing`` and ``labels`` are
    the arguments of :meth:`coopdecide.data.Indicators.to_problem`.
    """

    dataset: str | None = None
    path: str | None = None
    sheet: str | int | None = None
    index: str | None = None
    alternatives: Annotated[tuple[str, ...] | None, Field(strict=False)] = None
    indicators: Annotated[tuple[IndicatorFileSpec, ...] | None, Field(strict=False)] = None
    focal: str | None = None
    # None: the defaults of Indicators.to_problem ("latest", "raise", "name")
    year: str | int | dict[str, str | int] | None = None
    missing: Literal["raise", "drop_alternatives", "drop_criteria"] | ImputeSpec | None = None
    labels: Literal["name", "code"] | None = None

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
        """Exactly one source; sheet and index only with a file; the indicator keys with files."""
        sources = [self.dataset, self.path, self.indicators]
        if sum(source is not None for source in sources) != 1:
            raise PydanticCustomError(
                "study",
                "give exactly one of 'dataset' (a bundled dataset), 'indicators' (indicator "
                "files) and 'path' (a CSV or Excel file, relative to the study file)",
            )
        if self.path is None and (self.sheet is not None or self.index is not None):
            raise PydanticCustomError(
                "study", "'sheet' and 'index' apply to a data file ('path') only"
            )
        keys = ("year", "missing", "labels")
        given = [key for key in keys if getattr(self, key) is not None]
        if self.indicators is None and given:
            raise PydanticCustomError(
                "study",
                "{keys} apply to indicator files ('indicators') only",
                {"keys": ", ".join(repr(key) for key in given)},
            )
        # focal: the partner-countries dataset's focal country, or indicator files' one
        if (
            self.focal is not None
            and self.indicators is None
            and self.dataset != "partner_countries"
        ):
            raise PydanticCustomError(
                "study",
                "'focal' (the country planning its cooperation, an ISO3 code) applies to the "
                "dataset 'partner_countries' and to indicator files ('indicators') only, got it "
                "with {given}",
                {"given": "a data file" if self.path else f"dataset {describe(self.dataset)}"},
            )
        return self


class CriterionSpec(SpecModel):
    """One entry of ``criteria``: its column, objective, transform or target, weight."""

    column: Text | None = None
    objective: Literal["max", "min"]
    description: Text | None = None
    unit: Text | None = None
    transform: str | None = None
    indicator: str | Annotated[tuple[str, ...], Field(strict=False)] | None = None
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

    @field_validator("transform")
    @classmethod
    def check_transform(cls, value: str | None) -> str | None:
        """log, log10 or log1p; or, for a criterion read from indicator files, theirs."""
        if value is not None and value not in ("log10", "log1p", *INDICATOR_TRANSFORMS):
            raise PydanticCustomError(
                "study",
                "expected log, log10 or log1p, got {given} (a criterion read from indicator "
                "files also takes {others})",
                {
                    "given": describe(value),
                    "others": ", ".join(t for t in INDICATOR_TRANSFORMS if t != "log"),
                },
            )
        return value

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
