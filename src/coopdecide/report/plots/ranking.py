"""Plots of ranking results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coopdecide.report.plots._base import barh

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


class RankingPlots:
    """Plots of a :class:`~coopdecide.RankingResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`scores`."""
        return self.scores(ax=ax, **kwargs)

    def scores(self, ax: Axes | None = None, *, top: int | None = None, **kwargs: Any) -> Axes:
        """Scores as horizontal bars, best first; the best alternative highlighted.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        top : int, optional
            Show only the best ``top`` alternatives.
        **kwargs
            Passed to ``Axes.barh``.
        """
        result = self._result
        scores = result.scores.reindex(result.to_frame().index)  # best first
        if top is not None:
            scores = scores.head(top)
        label = "closeness to the ideal" if result.method == "topsis" else f"{result.method} score"
        if not result.higher_is_better:
            label += " (lower is better)"
        options = ", ".join(f"{k}={v}" for k, v in result.options.items())
        title = f"Ranking by {result.method.upper()}" + (f" ({options})" if options else "")
        return barh(scores, ax=ax, xlabel=label, title=title, highlight=result.best, **kwargs)
