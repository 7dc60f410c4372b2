"""Plots of AHP results: weights, group weights, hierarchies, syntheses, repairs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide.report.plots._base import (
    OKABE_ITO,
    barh,
    colours,
    cr_text,
    get_axes,
    grouped_bars,
    line_colours,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from coopdecide.ahp.hierarchy import AHPSynthesisResult
    from coopdecide.ahp.repair import RepairResult


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
        cr = cr_text(result.cr).replace("CR ", "CR = ")
        title = f"AHP weights ({result.method}); {cr} [{result.ri_table}], {verdict}"
        return barh(weights, ax=ax, xlabel="weight", title=title, **kwargs)


class GroupAHPPlots:
    """Plots of a :class:`~coopdecide.GroupAHPResult`: experts' weights beside the group's."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`weights`."""
        return self.weights(ax=ax, **kwargs)

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Each expert's weights side by side with the group's, one group of bars per criterion.

        The group's bars come first (black); the legend gives each expert's
        consistency ratio (and the group's, for AIJ), marks inconsistent
        experts and names the random index table.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.bar`` for every series.
        """
        result = self._result
        by_expert = result.by_expert
        consistency = result.consistency
        table = pd.DataFrame(index=result.labels)
        group_label = f"group ({cr_text(result.cr)})" if result.cr is not None else "group"
        table[group_label] = result.weight_array
        for expert in by_expert.index:
            row = consistency.loc[expert]
            label = f"{expert} ({cr_text(row['cr'])})"
            if row.get("status") == "excluded":
                label += ", excluded"
            elif not bool(row["consistent"]):
                label += ", inconsistent"
            table[label] = by_expert.loc[expert].to_numpy(dtype=float)
        table.columns = pd.Index([str(c) for c in table.columns])
        ax = grouped_bars(
            table,
            ax=ax,
            ylabel="weight",
            title=(
                f"Criteria weights by expert ({result.aggregation}, {result.method}; "
                f"CR with the {result.ri_table} RI table)"
            ),
            **kwargs,
        )
        # the group first and in black, so it stands out from the experts
        n_items = len(table)
        for patch in ax.patches[:n_items]:
            patch.set_facecolor(OKABE_ITO[7])
        ax.legend(
            fontsize=8,
            frameon=False,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.3),
            ncols=2 if table.shape[1] > 3 else table.shape[1],
        )
        return ax

    def consistency(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Each expert's CR as bars, with the threshold as a dashed line.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.barh``.
        """
        result = self._result
        cr = result.consistency["cr"].astype(float)
        colour = [OKABE_ITO[0] if v <= result.threshold else OKABE_ITO[3] for v in cr]
        kwargs.setdefault("color", colour)
        ax = barh(
            cr,
            ax=ax,
            xlabel=f"consistency ratio (RI table {result.ri_table})",
            title=f"Consistency of each expert (threshold {result.threshold:g})",
            **kwargs,
        )
        ax.axvline(result.threshold, color=OKABE_ITO[7], linestyle="--", linewidth=1)
        return ax


class HierarchyPlots:
    """Plots of a :class:`~coopdecide.CriteriaHierarchy`: the tree and the leaf weights."""

    def __init__(self, hierarchy: Any) -> None:
        self._hierarchy = hierarchy

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`tree`."""
        return self.tree(ax=ax, **kwargs)

    def tree(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The hierarchy as a tree, goal on the left, leaves on the right.

        Each node shows its local weight (among its siblings) and its global
        weight (relative to the goal); leaf criteria are drawn in blue.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.text`` for every node label (e.g. ``fontsize``).
        """
        hierarchy = self._hierarchy
        frame = hierarchy.to_frame()
        depth = int(frame["level"].max()) if len(frame) else 0
        n_leaves = max(len(hierarchy.leaves), 1)
        ax = get_axes(ax, figsize=(2.6 * (depth + 1) + 1, max(3.0, 0.5 * n_leaves + 1)))
        # y: leaves evenly spaced top to bottom, a parent at the mean of its children
        y: dict[Any, float] = {}
        counter = iter(range(n_leaves))

        def place(node: Any) -> float:
            kids = hierarchy.children(node)
            if not kids:
                y[node] = -float(next(counter))
            else:
                y[node] = float(np.mean([place(kid) for kid in kids]))
            return y[node]

        place(hierarchy.goal)
        x = {hierarchy.goal: 0}
        x.update(dict(zip(frame["node"], frame["level"].astype(int), strict=True)))
        for row in frame.itertuples(index=False):
            ax.plot(
                [x[row.parent], x[row.node]],
                [y[row.parent], y[row.node]],
                color="0.6",
                linewidth=1,
                zorder=1,
            )
        kwargs.setdefault("fontsize", 8)
        box = {"boxstyle": "round,pad=0.3", "linewidth": 0.8}
        ax.text(
            0,
            y[hierarchy.goal],
            str(hierarchy.goal),
            ha="center",
            va="center",
            bbox={**box, "facecolor": "white", "edgecolor": OKABE_ITO[7]},
            zorder=2,
            **kwargs,
        )
        for row in frame.itertuples(index=False):
            colour = OKABE_ITO[5] if row.is_leaf else "white"
            ax.text(
                x[row.node],
                y[row.node],
                f"{row.node}\nlocal {row.local_weight:.3f} · global {row.global_weight:.3f}",
                ha="center",
                va="center",
                bbox={**box, "facecolor": colour, "edgecolor": OKABE_ITO[0]},
                zorder=2,
                **kwargs,
            )
        ax.set_xlim(-0.6, depth + 0.6)
        ax.set_ylim(-(n_leaves - 1) - 0.7, 0.7)
        ax.set_axis_off()
        ax.set_title("Criteria hierarchy: local and global weights")
        return ax

    def weights(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Global weights of the leaf criteria, coloured by their top-level parent.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.barh``.
        """
        hierarchy = self._hierarchy
        leaves = hierarchy.leaf_weights
        tops = hierarchy.children(hierarchy.goal)

        def top_of(node: Any) -> Any:
            while hierarchy.parent(node) != hierarchy.goal:
                node = hierarchy.parent(node)
            return node

        palette = line_colours(list(tops))
        owner = [top_of(leaf) for leaf in leaves.index]
        kwargs.setdefault("color", [palette[t] for t in owner])
        ax = barh(
            leaves,
            ax=ax,
            xlabel="global weight",
            title="Weights of the criteria (global), by group",
            **kwargs,
        )
        from matplotlib.patches import Patch

        local = hierarchy.local_weights
        handles = [Patch(color=palette[t], label=f"{t} ({local[t]:.3f})") for t in tops]
        ax.legend(handles=handles, fontsize=8, frameon=False, loc="lower right")
        return ax


class SynthesisPlots:
    """Plots of an :class:`AHPSynthesisResult` (matplotlib imported when drawing)."""

    def __init__(self, result: AHPSynthesisResult) -> None:
        self._result = result

    def __call__(self, ax: Any = None, **kwargs: Any) -> Any:
        """The default plot: :meth:`scores`."""
        return self.scores(ax=ax, **kwargs)

    def scores(self, ax: Any = None, **kwargs: Any) -> Any:
        """Overall priorities as horizontal bars, best first, the best highlighted.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.barh``.
        """
        frame = self._result.to_frame()
        return barh(
            frame["score"],
            ax=ax,
            xlabel="overall priority",
            title=f"AHP synthesis ({self._result.mode} mode)",
            highlight=frame.index[0],
            **kwargs,
        )

    def contributions(self, ax: Any = None, **kwargs: Any) -> Any:
        """Stacked horizontal bars: how much each criterion adds to each alternative's score.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.barh`` for every criterion.
        """
        result = self._result
        order = result.to_frame().index
        table = result.contributions.loc[order]
        ax = get_axes(ax, figsize=(7.0, max(2.5, 0.4 * len(table) + 1.2)))
        positions = np.arange(len(table))
        left = np.zeros(len(table))
        for column, colour in zip(table.columns, colours(table.shape[1]), strict=True):
            values = table[column].to_numpy(dtype=float)
            ax.barh(positions, values, left=left, label=str(column), color=colour, **kwargs)
            left += values
        ax.set_yticks(positions, [str(i) for i in table.index])
        ax.invert_yaxis()
        ax.set_xlabel("contribution to the overall priority")
        ax.set_title(f"AHP synthesis by criterion ({result.mode} mode)")
        ax.legend(fontsize=8, frameon=False)
        return ax


class RepairPlots:
    """Plots of a :class:`RepairResult` (matplotlib is imported when a plot is drawn)."""

    def __init__(self, result: RepairResult) -> None:
        self._result = result

    def __call__(self, ax: Any = None, **kwargs: Any) -> Any:
        """The default plot: :meth:`cr`."""
        return self.cr(ax=ax, **kwargs)

    def cr(self, ax: Any = None, **kwargs: Any) -> Any:
        """CR (or GCI) before repair and after each change, the target dashed.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.plot`` for the CR line.

        Returns
        -------
        matplotlib.axes.Axes
        """
        result = self._result
        steps = result.steps
        ax = get_axes(ax)
        key = result.measure
        before = result.cr_before if key == "cr" else result.gci_before
        values = [before, *steps[f"{key}_after"].tolist()]
        kwargs.setdefault("color", OKABE_ITO[0])
        kwargs.setdefault("marker", "o")
        ax.plot(range(len(values)), values, **kwargs)
        ax.axhline(result.target, color=OKABE_ITO[3], linestyle="--", label="target")
        labels = ["given"] + [
            f"{r} / {c}" for r, c in zip(steps["row"], steps["column"], strict=True)
        ]
        ax.set_xticks(range(len(values)), labels, rotation=30, ha="right")
        ax.set_ylabel(f"CR [{result.result.ri_table}]" if key == "cr" else "GCI")
        state = "reached" if result.reached else "not reached"
        ax.set_title(f"Consistency repair: {result.n_changes} change(s), target {state}")
        ax.legend(frameon=False)
        return ax
