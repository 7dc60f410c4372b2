"""Plots of the results of VIKOR, MULTIMOORA and the fuzzy methods (``.plot`` namespaces).

Which class draws which result:

- ``VIKORResult``: :class:`VIKORPlots` (``scores``, ``measures``);
- ``MULTIMOORAResult``: :class:`MULTIMOORAPlots` (``scores``, ``parts``);
- ``FuzzyAHPResult``: :class:`FuzzyWeightPlots` (``weights``);
- ``FuzzyTOPSISResult``: :class:`RankingPlots` (``scores``).

matplotlib is imported only when a plot is drawn; every method takes
``ax=None`` and returns the Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from coopdecide.report.plots._base import OKABE_ITO, get_axes, grouped_bars
from coopdecide.report.plots.ranking import RankingPlots

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["FuzzyWeightPlots", "MULTIMOORAPlots", "VIKORPlots"]


class VIKORPlots(RankingPlots):
    """Plots of a :class:`~coopdecide.ranking.VIKORResult`."""

    def measures(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """S, R and Q of each alternative as grouped bars, best Q first (lower is better).

        The compromise set is marked with an asterisk after its labels.
        """
        result = self._result
        table = result.to_frame()[["S", "R", "Q"]]
        chosen = set(result.compromise)
        table.index = [f"{a} *" if a in chosen else str(a) for a in table.index]
        return grouped_bars(
            table,
            ax=ax,
            ylabel="value (lower is better)",
            title=f"VIKOR (v={result.options['v']:g}); * compromise set",
            **kwargs,
        )


class MULTIMOORAPlots(RankingPlots):
    """Plots of a :class:`~coopdecide.ranking.MULTIMOORAResult`."""

    def parts(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The rank of each alternative in the three MULTIMOORA parts and overall."""
        result = self._result
        frame = result.to_frame()
        table = frame[["rank_ratio", "rank_reference", "rank_multiplicative", "rank"]]
        table.columns = ["ratio system", "reference point", "multiplicative", "MULTIMOORA"]
        ax = grouped_bars(
            table, ax=ax, ylabel="rank (1 = best)", title="MULTIMOORA ranks", **kwargs
        )
        ax.set_yticks(np.arange(1, len(frame) + 1))
        return ax


class FuzzyWeightPlots:
    """Plots of a :class:`~coopdecide.fuzzy.FuzzyAHPResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`weights`."""
        return self.weights(ax=ax, **kwargs)

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Crisp weights as bars with the fuzzy weights' (l, u) as whiskers and m as a dot."""
        result = self._result
        fuzzy = result.fuzzy_weights
        crisp = result.weights
        ax = get_axes(ax, figsize=(max(6.0, 0.9 * len(crisp) + 2), 4.5))
        positions = np.arange(len(crisp))
        kwargs.setdefault("color", OKABE_ITO[0])
        ax.bar(positions, crisp.to_numpy(), width=0.6, label="crisp weight", **kwargs)
        low = fuzzy["l"].to_numpy() / fuzzy["m"].sum()
        high = fuzzy["u"].to_numpy() / fuzzy["m"].sum()
        middle = fuzzy["m"].to_numpy() / fuzzy["m"].sum()
        ax.errorbar(
            positions,
            middle,
            yerr=[middle - low, high - middle],
            fmt="o",
            color=OKABE_ITO[3],
            capsize=4,
            label="fuzzy weight (l, m, u) / sum m",
        )
        ax.set_xticks(positions, [str(c) for c in crisp.index], rotation=30, ha="right")
        ax.set_ylabel("weight")
        ax.set_title(f"Fuzzy AHP weights ({result.method})")
        ax.legend(fontsize=8, frameon=False)
        return ax
