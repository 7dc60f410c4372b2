"""The :class:`StudyResult`: everything a study computed, immutable, with its renderings."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from coopdecide._results import Result, result_dataclass
from coopdecide._validation import describe
from coopdecide.problem import DecisionProblem

if TYPE_CHECKING:
    from coopdecide.ahp import CriteriaHierarchy, GroupAHPResult
    from coopdecide.portfolio import (
        BudgetSweepResult,
        PortfolioAcceptabilityResult,
        PortfolioResult,
    )
    from coopdecide.ranking import RankingResult
    from coopdecide.study.plots import StudyPlots
    from coopdecide.study.study import Study
    from coopdecide.weights import GroupBWMResult, WeightsResult

__all__ = ["StudyResult"]


@result_dataclass
class StudyResult(Result):
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
    weights_result : WeightsResult, GroupBWMResult or None
        With a ``weights`` section: the objective weights, the experts' AHP
        weights combined with them, or the stakeholders' Best-Worst Method
        (:mod:`coopdecide.weights`).
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

    study: Study
    problem: DecisionProblem
    group: GroupAHPResult | None
    hierarchy: CriteriaHierarchy | None
    ranking: RankingResult
    weights_result: WeightsResult | GroupBWMResult | None = None
    sensitivity: Mapping[str, Any]
    portfolio: PortfolioResult | None = None
    portfolio_acceptability: PortfolioAcceptabilityResult | None = None
    budget_sweep: BudgetSweepResult | None = None
    warnings: tuple[str, ...] = ()

    @property
    def weights(self) -> pd.Series:
        """Criteria weights used (sum 1)."""
        return cast("pd.Series", self.problem.weights)  # the problem of a result has weights

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
        from coopdecide.study.plots import StudyPlots

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
        smaa = self.sensitivity.get("smaa")
        if smaa is not None:
            first = smaa.first_rank_acceptability
            out["smaa_first_rank"] = float(first.get(self.best, float("nan")))
            out["smaa_leader"] = first.idxmax()
            out["smaa_samples"] = getattr(smaa, "n_samples", None)
        critical = self.sensitivity.get("critical_changes")
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
        compared = self.sensitivity.get("compare_methods")
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
        smaa = self.sensitivity.get("smaa")
        if smaa is not None:
            frame["first_rank_acceptability"] = smaa.first_rank_acceptability.reindex(frame.index)
            frame["expected_rank"] = smaa.expected_rank.reindex(frame.index)
        return frame

    def _export(self) -> dict[str, Any]:
        # the whole result, for tools that call coopdecide (to_dict() makes it JSON)
        study = self.study
        return {
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
            "weights_result": (
                None if self.weights_result is None else self.weights_result.to_dict()
            ),
            "ranking": self.ranking.to_dict(),
            "ranking_table": self.to_frame().reset_index().to_dict(orient="records"),
            "stability": self.stability(),
            "sensitivity": {name: result.to_dict() for name, result in self.sensitivity.items()},
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

    def _summary(self) -> dict[str, Any]:
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
        head = ", ".join(f"{k}={describe(v)}" for k, v in self._summary().items())
        table = self.to_frame().head(10).round(4).to_string()
        lines = [f"StudyResult({head})", table]
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines)

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        tables: dict[str, pd.DataFrame | pd.Series] = {"weights": self.weights.to_frame()}
        if self.group is not None:
            tables["experts"] = self.experts
        tables["ranking"] = self.to_frame()
        if self.warnings:
            tables["warnings"] = pd.DataFrame({"warning": list(self.warnings)})
        return tables


def _report_function(name: str) -> Callable[..., Any]:
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
