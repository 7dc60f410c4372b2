"""The common ground of the study-file models: strict frozen models and shared validators."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from coopdecide._validation import describe

__all__ = ["SpecModel", "Text", "budget_number", "is_budget", "switch", "text", "whole_number"]


class SpecModel(BaseModel):
    """A section of a study file: unknown keys are errors, types are strict, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def text(value: Any) -> Any:
    """Numbers in free text (a year as a title) read as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


#: Free text in a study file: numbers (a year as a title) are read as text.
Text = Annotated[str, BeforeValidator(text)]


def switch(value: Any) -> Any:
    """An optional analysis: true -> its defaults (``{}``), false/None -> off, else options."""
    if value is True:
        return {}
    if value is False:
        return None
    return value


def whole_number(value: Any, *, minimum: int) -> int:
    """A whole number >= minimum (also 1000.0 from JSON); never a bool."""
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


def is_budget(value: Any) -> bool:
    """A finite number >= 0, never a bool."""
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and value >= 0
    )


def budget_number(value: Any) -> float:
    """A budget as a float, or a pydantic error."""
    if not is_budget(value):
        raise PydanticCustomError(
            "study", "expected a finite number >= 0, got {given}", {"given": describe(value)}
        )
    return float(value)
