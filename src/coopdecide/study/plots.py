"""Plots of a study's result (``StudyResult.plot``), drawn by the plots of its parts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopdecide.exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from coopdecide.study.result import StudyResult

__all__ = ["StudyPlots"]


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
