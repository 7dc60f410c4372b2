"""Plots of a problem built from indicators: where each cell comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from coopdecide.report.plots._base import OKABE_ITO, get_axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


class IndicatorPlots:
    """Plots of a :class:`~coopdecide.data.IndicatorProblem`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`provenance`."""
        return self.provenance(ax=ax, **kwargs)

    def provenance(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Alternatives x criteria: observed cells in blue, imputed ones in orange, with years.

        Each cell shows the year of its value ("-" for undated sources, the
        latest year for a criterion made of several indicators).

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.imshow``.
        """
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch

        problem = self._result.problem
        provenance = problem.provenance
        n, m = problem.shape
        imputed = provenance["imputed"].to_numpy(dtype=bool).reshape(n, m)
        years = ["-" if pd.isna(y) else str(int(y)) for y in provenance["year"]]
        ax = get_axes(ax, figsize=(max(4.5, 1.3 * m + 2.5), max(3.0, 0.35 * n + 1.5)))
        kwargs.setdefault("cmap", ListedColormap(["#D6E6F2", OKABE_ITO[1]]))
        kwargs.setdefault("vmin", 0)
        kwargs.setdefault("vmax", 1)
        kwargs.setdefault("aspect", "auto")
        ax.imshow(imputed.astype(float), **kwargs)
        for i in range(n):
            for j in range(m):
                ax.text(j, i, years[i * m + j], ha="center", va="center", fontsize=8)
        ax.set_xticks(range(m), [str(c) for c in problem.criteria], rotation=30, ha="right")
        ax.set_yticks(range(n), [str(a) for a in problem.alternatives])
        ax.legend(
            handles=[
                Patch(color="#D6E6F2", label="observed"),
                Patch(color=OKABE_ITO[1], label="imputed"),
            ],
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
        )
        ax.set_title("Where each value comes from (year of the value)")
        return ax
