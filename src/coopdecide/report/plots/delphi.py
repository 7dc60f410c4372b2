"""Plots of a Delphi process: S*, compatibility and group weights round by round."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide.report.plots._base import OKABE_ITO, get_axes, line_styles

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from coopdecide.ahp.delphi import ConsensusHistory


class ConsensusHistoryPlots:
    """Plots of a :class:`~coopdecide.ahp.ConsensusHistory`, one point per round."""

    def __init__(self, result: ConsensusHistory) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`consensus`."""
        return self.consensus(ax=ax, **kwargs)

    def consensus(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """S* (AHP-OS consensus, 0 to 1) per round, each point labelled with its value.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.plot``.
        """
        values = self._result.consensus
        ax = get_axes(ax, figsize=(6.0, 3.5))
        kwargs.setdefault("color", OKABE_ITO[0])
        kwargs.setdefault("marker", "o")
        positions = np.arange(len(values))
        ax.plot(positions, values.to_numpy(), **kwargs)
        for x, y in zip(positions, values, strict=True):
            ax.annotate(
                f"{y:.3f}",
                (x, y),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=8,
            )
        _round_axis(ax, values.index)
        ax.set_ylim(0.0, 1.05)
        ax.set_ylabel("consensus S* (AHP-OS)")
        ax.set_title("Group consensus by round")
        return ax

    def compatibility(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Each expert's geometric compatibility (GCOMPI) with the group, per round.

        Lower is closer to the group. Parameters as :meth:`consensus`.
        """
        table = self._result.compatibility
        return self._lines(
            table,
            ax,
            "GCOMPI (lower = closer to the group)",
            "Compatibility of each expert with the group",
            **kwargs,
        )

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The group weight of each item, per round (flat lines: converged).

        Parameters as :meth:`consensus`.
        """
        return self._lines(
            self._result.weights, ax, "group weight", "Group weights by round", **kwargs
        )

    def _lines(
        self, table: pd.DataFrame, ax: Axes | None, ylabel: str, title: str, **kwargs: Any
    ) -> Axes:
        ax = get_axes(ax, figsize=(7.0, 4.0))
        kwargs.setdefault("marker", "o")
        positions = np.arange(len(table))
        styles = line_styles(list(table.columns))
        for column in table.columns:
            ax.plot(
                positions,
                table[column].to_numpy(dtype=float),
                label=str(column),
                **{**styles[column], **kwargs},
            )
        _round_axis(ax, table.index)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(fontsize=8, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
        return ax


def _round_axis(ax: Axes, rounds: pd.Index) -> None:
    ax.set_xticks(np.arange(len(rounds)), [str(r) for r in rounds])
    ax.set_xlim(-0.3, len(rounds) - 0.7)
    ax.set_xlabel("round")
