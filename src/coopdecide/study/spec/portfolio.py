"""The ``portfolio`` section of a study file: programmes chosen under a budget."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from coopdecide._validation import describe, show_number
from coopdecide.study.spec.base import SpecModel, budget_number, is_budget, switch, whole_number
from coopdecide.study.spec.data import DataSpec

__all__ = ["BudgetSweepSpec", "PortfolioAcceptabilitySpec", "PortfolioSpec"]


class PortfolioAcceptabilitySpec(SpecModel):
    """``portfolio.acceptability``: the portfolio over the study's SMAA samples."""

    n_samples: int = 1000
    random_state: int | None = None

    @field_validator("n_samples", mode="before")
    @classmethod
    def check_n_samples(cls, value: Any) -> Any:
        """A positive whole number of samples."""
        return whole_number(value, minimum=1)

    @field_validator("random_state", mode="before")
    @classmethod
    def check_random_state(cls, value: Any) -> Any:
        """A whole seed >= 0, or None."""
        return None if value is None else whole_number(value, minimum=0)


class BudgetSweepSpec(SpecModel):
    """``portfolio.budget_sweep``: ``budgets: [...]`` or ``from``, ``to`` and ``steps``."""

    budgets: tuple[float, ...] | None = None
    start: float | None = Field(default=None, alias="from")
    stop: float | None = Field(default=None, alias="to")
    steps: int | None = None

    @field_validator("budgets", mode="before")
    @classmethod
    def check_budgets(cls, value: Any) -> Any:
        """A non-empty list of budgets."""
        if value is None:
            return None
        if not isinstance(value, (list, tuple)) or not value:
            raise PydanticCustomError(
                "study",
                "expected a non-empty list of budgets (numbers >= 0), got {given}",
                {"given": describe(value)},
            )
        for position, budget in enumerate(value):
            if not is_budget(budget):
                raise PydanticCustomError(
                    "study",
                    "expected finite numbers >= 0, got {given} at position {position}",
                    {"given": describe(budget), "position": position},
                )
        return tuple(float(v) for v in value)

    @field_validator("start", "stop", mode="before")
    @classmethod
    def check_bound(cls, value: Any) -> Any:
        """A budget: a finite number >= 0."""
        return None if value is None else budget_number(value)

    @field_validator("steps", mode="before")
    @classmethod
    def check_steps(cls, value: Any) -> Any:
        """At least two budgets in the range."""
        return None if value is None else whole_number(value, minimum=2)

    @model_validator(mode="after")
    def check_one_form(self) -> BudgetSweepSpec:
        """Either a list of budgets or a range (``from``, ``to``, ``steps``)."""
        start, stop, steps = self.start, self.stop, self.steps
        if self.budgets is not None:
            if start is not None or stop is not None or steps is not None:
                raise PydanticCustomError(
                    "study",
                    "give either 'budgets' (a list) or 'from', 'to' and 'steps', not both",
                )
            return self
        if start is None or stop is None or steps is None:
            missing = [
                key
                for key, value in zip(("from", "to", "steps"), (start, stop, steps), strict=True)
                if value is None
            ]
            raise PydanticCustomError(
                "study",
                "give 'budgets' (a list of budgets) or all of 'from', 'to' and 'steps'; "
                "missing {missing}",
                {"missing": ", ".join(describe(m) for m in missing)},
            )
        if stop <= start:
            raise PydanticCustomError(
                "study",
                "'to' must be larger than 'from'; got from {start} and to {stop}",
                {"start": show_number(start), "stop": show_number(stop)},
            )
        return self

    def budget_values(self) -> tuple[float, ...]:
        """The budgets of the sweep."""
        if self.budgets is not None:
            return tuple(self.budgets)
        start, stop, steps = self.start, self.stop, self.steps
        if start is None or stop is None or steps is None:  # pragma: no cover - validated
            raise AssertionError("a budget sweep without budgets needs from, to and steps")
        step = (stop - start) / (steps - 1)
        return tuple(start + k * step for k in range(steps))


class PortfolioSpec(SpecModel):
    """``portfolio``: the programmes, their cost, the budget and the rules."""

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
        """The switch: true, false or the options."""
        return switch(value)

    @model_validator(mode="after")
    def check_partner_for_partner_score(self) -> PortfolioSpec:
        """Scoring by partner needs the partner column."""
        if self.score == "partner" and self.partner is None:
            raise PydanticCustomError(
                "study",
                "score 'partner' (each programme scored by its partner's ranking score) "
                "needs 'partner', the column naming each programme's partner",
            )
        return self
