"""Shared pieces of the plots: the palette, a new Axes when none is given, bars."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

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


def line_colours(labels: Sequence[Any]) -> dict[Any, str]:
    """A stable colour per label, in the given order."""
    return dict(zip(labels, colours(len(labels)), strict=True))


# ---------------------------------------------------------------------------
# shared helpers for the plots below
# ---------------------------------------------------------------------------
#: Line styles cycled after the seven palette colours (black is kept for markers).
_LINESTYLES = ("-", "--", ":", "-.")


def line_styles(labels: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """A colour and line style per label: seven Okabe-Ito colours, then dashed, dotted, ..."""
    return {
        label: {
            "color": OKABE_ITO[i % 7],
            "linestyle": _LINESTYLES[(i // 7) % len(_LINESTYLES)],
        }
        for i, label in enumerate(labels)
    }


def cr_text(cr: Any) -> str:
    """``"CR 0.052"``, or ``"CR n/a"`` for a missing or non-finite value."""
    try:
        value = float(cr)
    except (TypeError, ValueError):
        return "CR n/a"
    if not np.isfinite(value):
        return "CR n/a"
    return f"CR {max(value, 0.0) if value > -5e-4 else value:.3f}"  # no "-0.000"


def new_figure(figsize: tuple[float, float]) -> Any:
    """A new figure through pyplot (matplotlib imported here)."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=figsize, layout="constrained")
