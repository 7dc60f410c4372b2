"""Plots of the weighting results of :mod:`coopdecide.weights` (``result.plot``).

- ``WeightsResult``: :class:`WeightsPlots` (``weights``; ``components`` for
  combined weights);
- ``BWMResult``: :class:`BWMPlots` (``weights``, with the interval of each
  weight over the optimal set);
- ``GroupBWMResult``: :class:`GroupBWMPlots` (``weights`` per expert and the group).

matplotlib is imported only when a plot is drawn; every method takes ``ax=None``
and returns the Axes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from coopdecide.exceptions import InvalidArgumentError
from coopdecide.report.plots._base import OKABE_ITO, barh, get_axes, grouped_bars

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["BWMPlots", "GroupBWMPlots", "WeightsPlots"]

_TITLES = {
    "entropy": "Entropy weights",
    "critic": "CRITIC weights",
    "standard_deviation": "Standard-deviation weights",
    "merec": "MEREC weights",
    "combined": "Combined weights",
}


class _WeightPlotsBase:
    """Holds the result; calling the namespace draws :meth:`weights`, the default plot."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`weights`."""
        return self.weights(ax=ax, **kwargs)

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:  # pragma: no cover
        raise NotImplementedError


class WeightsPlots(_WeightPlotsBase):
    """Plots of a :class:`~coopdecide.weights.WeightsResult`."""

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Horizontal bars of the weights, largest first."""
        result = self._result
        values = result.weights.sort_values(ascending=False)
        return barh(
            values,
            ax=ax,
            xlabel="weight",
            title=_TITLES.get(result.method, f"{result.method} weights"),
            highlight=values.index[0],
            **kwargs,
        )

    def components(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Combined weights beside the subjective and objective weights they come from."""
        result = self._result
        if result.method != "combined":
            raise InvalidArgumentError(
                f"components() is for combined weights; this result's method is {result.method!r}"
            )
        frame = result.to_frame()[["subjective", "objective", "weight"]]
        frame = frame.rename(columns={"weight": "combined"})
        return grouped_bars(frame, ax=ax, ylabel="weight", title=_TITLES["combined"], **kwargs)


class BWMPlots(_WeightPlotsBase):
    """Plots of a :class:`~coopdecide.weights.BWMResult`."""

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Bars of the weights with the interval of each over the optimal set (nonlinear model)."""
        result = self._result
        frame = result.to_frame()
        ax = get_axes(ax, figsize=(7.0, max(2.5, 0.4 * len(frame) + 1.2)))
        positions = np.arange(len(frame))
        colour = [
            OKABE_ITO[3]
            if c == result.best
            else OKABE_ITO[5]
            if c == result.worst
            else OKABE_ITO[0]
            for c in frame.index
        ]
        kwargs.setdefault("color", colour)
        weights = frame["weight"].to_numpy(dtype=float)
        low = frame["weight_min"].to_numpy(dtype=float)
        high = frame["weight_max"].to_numpy(dtype=float)
        ax.barh(positions, weights, **kwargs)
        if not result.unique:
            ax.errorbar(
                weights,
                positions,
                xerr=np.vstack([weights - low, high - weights]),
                fmt="none",
                ecolor="black",
                capsize=4,
                label="interval over the optimal set",
            )
            ax.legend(fontsize=8, frameon=False, loc="lower right")
        ax.set_yticks(positions, [str(c) for c in frame.index])
        ax.invert_yaxis()
        ax.set_xlabel("weight")
        ratio = (
            f"input CR {result.input_consistency_ratio:.3f}"
            if result.consistency_ratio is None
            else f"CR {result.consistency_ratio:.3f}"
        )
        ax.set_title(
            f"BWM weights ({result.model} model; best {result.best}, worst {result.worst}; "
            f"{ratio})",
            fontsize=10,
        )
        return ax


class GroupBWMPlots(_WeightPlotsBase):
    """Plots of a :class:`~coopdecide.weights.GroupBWMResult`."""

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Bars per criterion: each expert's weights and the group's."""
        result = self._result
        return grouped_bars(
            result.to_frame(),
            ax=ax,
            ylabel="weight",
            title=f"Group BWM weights ({result.aggregation} mean)",
            **kwargs,
        )
