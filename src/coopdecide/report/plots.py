"""Plots of coopdecide results, reached through each result's ``.plot`` namespace.

matplotlib is imported only when a plot is drawn. Every method takes ``ax=None``
(a new figure is made when it is None), passes styling keywords on to the
matplotlib call that draws the data, and returns the Axes. Nothing is shown:
call ``plt.show()`` or save the figure yourself.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness (Okabe and Ito 2008, "Color Universal Design").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["OKABE_ITO", "AHPPlots", "RankingPlots"]

#: Okabe-Ito colour-blind safe palette (black last, for lines that must stand out).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)


def get_axes(ax: Axes | None, *, figsize: tuple[float, float] = (7.0, 4.5)) -> Axes:
    """Return ``ax``, or the Axes of a new figure (matplotlib imported here)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=figsize, layout="constrained")
    return new_ax


def colours(count: int) -> list[str]:
    """``count`` colours from the Okabe-Ito palette, cycling if needed."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(count)]


def barh(
    values: pd.Series,
    *,
    ax: Axes | None,
    xlabel: str,
    title: str,
    highlight: Any = None,
    value_format: str = "{:.3f}",
    **kwargs: Any,
) -> Axes:
    """Horizontal bars, first value at the top, each labelled with its value."""
    ax = get_axes(ax, figsize=(7.0, max(2.5, 0.32 * len(values) + 1.2)))
    labels = [str(label) for label in values.index]
    positions = np.arange(len(values))
    colour = [
        OKABE_ITO[3] if highlight is not None and label == highlight else OKABE_ITO[0]
        for label in values.index
    ]
    kwargs.setdefault("color", colour)
    bars = ax.barh(positions, values.to_numpy(dtype=float), **kwargs)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[value_format.format(v) for v in values], padding=3, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.margins(x=0.15)
    return ax


def grouped_bars(
    table: pd.DataFrame,
    *,
    ax: Axes | None,
    ylabel: str,
    title: str,
    **kwargs: Any,
) -> Axes:
    """Bars grouped by row label, one colour per column (e.g. criteria x experts)."""
    ax = get_axes(ax, figsize=(max(6.0, 0.9 * len(table) + 2), 4.5))
    n_series = table.shape[1]
    width = 0.8 / max(n_series, 1)
    positions = np.arange(len(table))
    for k, (column, colour) in enumerate(zip(table.columns, colours(n_series), strict=True)):
        ax.bar(
            positions + (k - (n_series - 1) / 2) * width,
            table[column].to_numpy(dtype=float),
            width=width,
            label=str(column),
            color=colour,
            **kwargs,
        )
    ax.set_xticks(positions, [str(i) for i in table.index], rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8, frameon=False)
    return ax


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
        frame = self._result.to_frame()
        if top is not None:
            frame = frame.head(top)
        result = self._result
        label = "closeness to the ideal" if result.method == "topsis" else f"{result.method} score"
        if not result.higher_is_better:
            label += " (lower is better)"
        options = ", ".join(f"{k}={v}" for k, v in result.options.items())
        title = f"Ranking by {result.method.upper()}" + (f" ({options})" if options else "")
        return barh(
            frame["score"], ax=ax, xlabel=label, title=title, highlight=result.best, **kwargs
        )


class AHPPlots:
    """Plots of an AHP result (criteria weights with the consistency ratio)."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`weights`."""
        return self.weights(ax=ax, **kwargs)

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Priorities as horizontal bars, largest first; the title gives the CR and its table."""
        result = self._result
        weights = result.weights.sort_values(ascending=False)
        verdict = "consistent" if result.consistent else "INCONSISTENT"
        title = (
            f"AHP weights ({result.method}); CR = {result.cr:.3f} [{result.ri_table}], {verdict}"
        )
        return barh(weights, ax=ax, xlabel="weight", title=title, **kwargs)


def line_colours(labels: Sequence[Any]) -> dict[Any, str]:
    """A stable colour per label, in the given order."""
    return dict(zip(labels, colours(len(labels)), strict=True))
