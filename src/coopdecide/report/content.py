"""What a report is made of: :class:`ReportContent`, from results or from a study.

A report can be written from a whole :class:`~coopdecide.StudyResult`, or from a
ranking and whichever other results an analyst has (no study file needed).
Both become a :class:`ReportContent`; every part except the ranking is
optional, and the report leaves out what is missing.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = ["ReportContent", "as_content"]

#: Names of the optional results, as in ``StudyResult.sensitivity``.
RESULT_FIELDS = (
    "weights",
    "hierarchy",
    "one_at_a_time",
    "critical_changes",
    "smaa",
    "compare_methods",
    "portfolio",
    "portfolio_acceptability",
    "budget_sweep",
)


@dataclass(frozen=True, eq=False, repr=False)
class ReportContent:
    """Everything a report shows; all but the ranking may be left out.

    Parameters
    ----------
    ranking : RankingResult
        The ranking (its problem gives the candidates, data and weights used).
    title : str, default "Decision report"
        The report's title.
    question : str, optional
        The decision question, in plain words.
    description : str, optional
        A short description of the study.
    weights : AHPResult, GroupAHPResult or WeightsResult, optional
        Where the criteria weights come from (one expert, or a group with
        each expert's weights and consistency, or objective or combined
        weights from :mod:`coopdecide.weights`).
    hierarchy : CriteriaHierarchy, optional
        Criteria grouped under parent criteria.
    one_at_a_time, critical_changes, smaa, compare_methods : optional
        The sensitivity results (:func:`~coopdecide.sensitivity.one_at_a_time`,
        :func:`~coopdecide.sensitivity.critical_changes`,
        :func:`~coopdecide.sensitivity.smaa`,
        :func:`~coopdecide.sensitivity.compare_methods`).
    portfolio : PortfolioResult, optional
        A budgeted selection of programmes.
    portfolio_acceptability : PortfolioAcceptabilityResult, optional
        How often each programme is in the optimal portfolio over score
        samples (:func:`~coopdecide.portfolio.portfolio_acceptability`).
    budget_sweep : BudgetSweepResult, optional
        The optimal portfolio for a range of budgets
        (:func:`~coopdecide.portfolio.budget_sweep`).
    criteria : pandas.DataFrame, optional
        One row per criterion with any of the columns ``description`` (or
        ``meaning``), ``unit``, ``source``, ``year``, ``licence`` and
        ``proxy`` (bool). Without a ``proxy`` column, a description starting
        with "PROXY" marks a proxy. For the bundled data pass
        ``coopdecide.datasets.partner_countries_metadata()``.
    notes : sequence of str
        Notes the reader must see (shown under the warnings).
    warnings : sequence of str, optional
        The warnings to show. Default (None): derived from the results
        (inconsistent experts, proxies used as data, dominated alternatives,
        criteria with a single value, illustrative data).
    illustrative : bool or str, default False
        The data or judgments are illustrative (a string says which).
    source : str, optional
        Where the study comes from (e.g. the study file's name).
    generated : str, optional
        When the report was made (default: now, UTC, to the minute).
    """

    ranking: Any
    title: str = "Decision report"
    question: str | None = None
    description: str | None = None
    weights: Any = None
    hierarchy: Any = None
    one_at_a_time: Any = None
    critical_changes: Any = None
    smaa: Any = None
    compare_methods: Any = None
    portfolio: Any = None
    portfolio_acceptability: Any = None
    budget_sweep: Any = None
    criteria: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] | None = None
    illustrative: bool | str = False
    source: str | None = None
    generated: str | None = field(default=None)

    def __post_init__(self) -> None:
        from coopdecide.ranking import RankingResult

        if not isinstance(self.ranking, RankingResult):
            raise InvalidTypeError(
                f"ranking must be a RankingResult; got {type(self.ranking).__name__}"
            )
        if self.criteria is not None and not isinstance(self.criteria, pd.DataFrame):
            raise InvalidTypeError(
                "criteria must be a DataFrame with one row per criterion; got "
                f"{type(self.criteria).__name__}"
            )
        for name in ("notes", "warnings"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise InvalidTypeError(
                    f"{name} must be a sequence of strings; got {type(value).__name__}"
                )
            object.__setattr__(self, name, tuple(str(item) for item in value))
        if self.generated is None:
            now = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            object.__setattr__(self, "generated", now)

    def __repr__(self) -> str:
        parts = [name for name in RESULT_FIELDS if getattr(self, name) is not None]
        if self.criteria is not None:
            parts.append("criteria")
        n, m = self.ranking.problem.shape
        return (
            f"ReportContent(title={describe(self.title)}, {n} alternatives x {m} criteria, "
            f"ranking={describe(self.ranking.method)}, parts={parts})"
        )

    @property
    def problem(self) -> Any:
        """The ranked DecisionProblem (with the weights used)."""
        return self.ranking.problem

    @classmethod
    def from_study(cls, result: Any) -> ReportContent:
        """The content of a :class:`~coopdecide.StudyResult`'s report.

        Uses the study's title, question, description, notes and criteria
        table (enriched with the years and licences of the bundled dataset's
        metadata when the study uses it), the group AHP result, the
        sensitivity results that were run, the portfolio (with its
        acceptability and budget sweep when the study ran them), and the study's own
        list of warnings.
        """
        study = result.study
        criteria = _study_criteria(study)
        sensitivity = dict(result.sensitivity)
        illustrative: bool | str = False
        experts = [str(e) for e in getattr(study, "experts", ())]
        if any("illustrative" in e.lower() for e in experts):
            illustrative = "the experts' judgments"
        source = getattr(study, "source", None)
        return cls(
            result.ranking,
            title=study.title or "Decision report",
            question=study.question,
            description=study.description,
            weights=result.group
            if getattr(result, "weights_result", None) is None
            else result.weights_result,
            one_at_a_time=sensitivity.get("one_at_a_time"),
            critical_changes=sensitivity.get("critical_changes"),
            smaa=sensitivity.get("smaa"),
            compare_methods=sensitivity.get("compare_methods"),
            portfolio=getattr(result, "portfolio", None),
            portfolio_acceptability=getattr(result, "portfolio_acceptability", None),
            budget_sweep=getattr(result, "budget_sweep", None),
            criteria=criteria,
            notes=tuple(study.notes),
            warnings=tuple(result.warnings),
            illustrative=illustrative,
            source=None if source is None else source.name,
        )


def _study_criteria(study: Any) -> pd.DataFrame:
    criteria = study.criteria
    data = study.to_dict().get("data", {}) if hasattr(study, "to_dict") else {}
    if isinstance(data, Mapping) and data.get("dataset") == "partner_countries":
        from coopdecide.datasets import partner_countries_metadata

        metadata = partner_countries_metadata()
        columns = criteria["column"] if "column" in criteria else criteria.index.to_series()
        for extra in ("year", "licence"):
            if extra in metadata and extra not in criteria:
                criteria[extra] = [
                    metadata[extra].get(column) if column in metadata.index else None
                    for column in columns
                ]
    return criteria


def as_content(source: Any, results: Mapping[str, Any]) -> ReportContent:
    """A :class:`ReportContent` from what :func:`write_report` was given.

    ``source`` is a ReportContent (``results`` then replace its fields), a
    RankingResult (``results`` are the other fields), or a StudyResult
    (anything with ``study`` and ``ranking`` attributes; ``results`` then
    replace the fields taken from it).
    """
    from coopdecide.ranking import RankingResult

    if isinstance(source, ReportContent):
        content = source
    elif isinstance(source, RankingResult):
        _check_fields(results)
        return ReportContent(source, **results)
    elif hasattr(source, "study") and hasattr(source, "ranking"):
        content = ReportContent.from_study(source)
    else:
        raise InvalidTypeError(
            "the report needs a StudyResult, a RankingResult or a ReportContent; got "
            f"{type(source).__name__}"
        )
    if results:
        _check_fields(results)
        content = replace(content, **results)
    return content


def _check_fields(results: Mapping[str, Any]) -> None:
    allowed = {f for f in ReportContent.__dataclass_fields__ if f != "ranking"}
    unknown = sorted(set(results) - allowed)
    if unknown:
        raise InvalidArgumentError(
            f"unknown report part(s) {describe(unknown)}; expected any of "
            f"{describe(sorted(allowed))}"
        )
