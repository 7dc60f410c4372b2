"""Plots of coopdecide results, reached through each result's ``.plot`` namespace.

matplotlib is imported only when a plot is drawn. Every method takes ``ax=None``
(a new figure is made when it is None), passes styling keywords on to the
matplotlib call that draws the data, and returns the Axes. Nothing is shown:
call ``plt.show()`` or save the figure yourself.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness (Okabe and Ito 2008, "Color Universal Design").

Which class draws which result (each result's ``.plot`` property returns it):

- ``RankingResult``: :class:`RankingPlots` (``scores``);
- ``AHPResult``: :class:`AHPPlots` (``weights``);
- ``GroupAHPResult``: :class:`GroupAHPPlots` (``weights``, ``consistency``);
- ``CriteriaHierarchy``: :class:`HierarchyPlots` (``tree``, ``weights``);
- ``OneAtATimeResult``: :class:`OneAtATimePlots` (``sweep``, ``sweeps``, ``stability``);
- ``CriticalChangesResult``: :class:`CriticalChangesPlots` (``tornado``);
- ``SMAAResult``: :class:`SMAAPlots` (``rank_acceptability``, ``first_rank``);
- ``MethodComparisonResult``: :class:`MethodComparisonPlots` (``heatmap``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "OKABE_ITO",
    "AHPPlots",
    "CriticalChangesPlots",
    "GroupAHPPlots",
    "HierarchyPlots",
    "MethodComparisonPlots",
    "OneAtATimePlots",
    "RankingPlots",
    "SMAAPlots",
]

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
        cr = _cr_text(result.cr).replace("CR ", "CR = ")
        title = f"AHP weights ({result.method}); {cr} [{result.ri_table}], {verdict}"
        return barh(weights, ax=ax, xlabel="weight", title=title, **kwargs)


def line_colours(labels: Sequence[Any]) -> dict[Any, str]:
    """A stable colour per label, in the given order."""
    return dict(zip(labels, colours(len(labels)), strict=True))


# ---------------------------------------------------------------------------
# shared helpers for the plots below
# ---------------------------------------------------------------------------
#: Line styles cycled after the seven palette colours (black is kept for markers).
_LINESTYLES = ("-", "--", ":", "-.")


def _line_styles(labels: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """A colour and line style per label: seven Okabe-Ito colours, then dashed, dotted, ..."""
    return {
        label: {
            "color": OKABE_ITO[i % 7],
            "linestyle": _LINESTYLES[(i // 7) % len(_LINESTYLES)],
        }
        for i, label in enumerate(labels)
    }


def _cr_text(cr: Any) -> str:
    """``"CR 0.052"``, or ``"CR n/a"`` for a missing or non-finite value."""
    try:
        value = float(cr)
    except (TypeError, ValueError):
        return "CR n/a"
    if not np.isfinite(value):
        return "CR n/a"
    return f"CR {max(value, 0.0) if value > -5e-4 else value:.3f}"  # no "-0.000"


def _new_figure(figsize: tuple[float, float]) -> Any:
    """A new figure through pyplot (matplotlib imported here)."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=figsize, layout="constrained")


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
        group_label = f"group ({_cr_text(result.cr)})" if result.cr is not None else "group"
        table[group_label] = result.weight_array
        for expert in by_expert.index:
            row = consistency.loc[expert]
            label = f"{expert} ({_cr_text(row['cr'])})"
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


class OneAtATimePlots:
    """Plots of a :class:`~coopdecide.sensitivity.OneAtATimeResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`sweep` of the first criterion varied."""
        return self.sweep(ax=ax, **kwargs)

    def _shown(self, frame: pd.DataFrame, top: int | None) -> list[Any]:
        """Alternatives drawn: the ``top`` best at the current weights and every leader."""
        result = self._result
        alternatives = list(result.problem.alternatives)
        if top is None or top >= len(alternatives):
            return alternatives
        import warnings

        from coopdecide.ranking import rank

        with warnings.catch_warnings():  # the analysis has reported them already
            warnings.simplefilter("ignore")
            current = rank(result.problem, result.method, **result.options).ranks
        keep = set(current[current <= top].index)
        keep |= set(frame.loc[frame["rank"] == 1, "alternative"])
        return [a for a in alternatives if a in keep]

    def sweep(
        self,
        criterion: Any = None,
        ax: Axes | None = None,
        *,
        alternatives: Sequence[Any] | None = None,
        top: int | None = 5,
        styles: Mapping[Any, Mapping[str, Any]] | None = None,
        **kwargs: Any,
    ) -> Axes:
        """Score of each alternative against one criterion's weight, swaps marked.

        A line per alternative; the current weight is a vertical grey line;
        each swap between two drawn alternatives is a dot at the exact weight
        (TOPSIS) or grid location (other methods), on the drawn line; swaps
        that change the top-ranked alternative are also dashed vertical
        vermillion lines.

        Parameters
        ----------
        criterion : label, optional
            The criterion varied; default the first one analysed.
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        alternatives : sequence, optional
            The alternatives to draw (default: see ``top``).
        top : int or None, default 5
            Without ``alternatives``: draw the ``top`` best alternatives at
            the current weights, plus every alternative that ranks first
            somewhere on the sweep. None draws them all.
        styles : mapping, optional
            Alternative -> keywords for its line (``color``, ``linestyle``),
            e.g. to keep one style per alternative across several Axes
            (:meth:`sweeps` does). Default: the Okabe-Ito colours in order,
            then the same colours dashed, dotted, ...
        **kwargs
            Passed to ``Axes.plot`` for every line.
        """
        from coopdecide._validation import describe
        from coopdecide.exceptions import InvalidArgumentError

        result = self._result
        if criterion is None:
            criterion = result.criteria[0]
        if criterion not in result.criteria:
            raise InvalidArgumentError(
                f"criterion must be one of the criteria varied {describe(list(result.criteria))}; "
                f"got {describe(criterion)}"
            )
        sweep = result.sweep
        frame = sweep[sweep["criterion"] == criterion]
        if alternatives is None:
            shown = self._shown(frame, top)
        else:
            known = set(result.problem.alternatives)
            unknown = [a for a in alternatives if a not in known]
            if unknown:
                raise InvalidArgumentError(
                    "alternatives must be alternatives of the problem; got unknown "
                    f"{describe(unknown)}"
                )
            shown = list(alternatives)
        ax = get_axes(ax)
        own = _line_styles(shown)
        for alternative in shown:
            line = frame[frame["alternative"] == alternative]
            style = (styles or {}).get(alternative, own[alternative])
            options = {"linewidth": 1.5, **style, **kwargs}
            ax.plot(line["weight"], line["score"], label=str(alternative), **options)
        # swaps among the drawn alternatives: at the swap's weight, on the drawn line
        current = result.current_weight
        table = result.breakpoints
        table = table[
            (table["criterion"] == criterion)
            & table["alternative_a"].isin(shown)
            & table["alternative_b"].isin(shown)
        ]
        if len(table):
            ys = []
            for row in table.itertuples(index=False):
                line = frame[frame["alternative"] == row.alternative_a]
                ys.append(
                    float(
                        np.interp(
                            float(row.weight),
                            line["weight"].to_numpy(dtype=float),
                            line["score"].to_numpy(dtype=float),
                        )
                    )
                )
            ax.scatter(
                table["weight"].to_numpy(dtype=float),
                ys,
                s=22,
                color=OKABE_ITO[7],
                zorder=3,
                label="swap (exact)" if result.exact else "swap (grid)",
            )
        top_swaps = result.breakpoints
        top_swaps = top_swaps[(top_swaps["criterion"] == criterion) & top_swaps["changes_top"]]
        for i, weight in enumerate(top_swaps["weight"].astype(float)):
            ax.axvline(
                weight,
                color=OKABE_ITO[3],
                linestyle="--",
                linewidth=1,
                label="top changes" if i == 0 else None,
            )
        ax.axvline(
            float(current[criterion]),
            color="0.5",
            linewidth=2,
            alpha=0.6,
            label=f"current weight {float(current[criterion]):.3f}",
        )
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"weight of {criterion} (others keep their proportions)")
        label = "closeness to the ideal" if result.method == "topsis" else f"{result.method} score"
        if not result.higher_is_better:
            label += " (lower is better)"
        ax.set_ylabel(label)
        ax.set_title(f"Sensitivity to the weight of {criterion}")
        ax.legend(fontsize=7, frameon=False, loc="best")
        return ax

    def sweeps(
        self,
        criteria: Sequence[Any] | None = None,
        *,
        axes: Any = None,
        ncols: int = 2,
        **kwargs: Any,
    ) -> np.ndarray:
        """:meth:`sweep` for several criteria, one Axes each, in a grid.

        Parameters
        ----------
        criteria : sequence, optional
            Criteria to draw (default every criterion varied).
        axes : sequence of Axes, optional
            Where to draw, one per criterion; a new figure if None.
        ncols : int, default 2
            Columns of the grid of a new figure.
        **kwargs
            Passed to :meth:`sweep`.

        Returns
        -------
        numpy.ndarray
            The Axes used, one per criterion (unused grid cells are removed).
        """
        chosen = list(self._result.criteria if criteria is None else criteria)
        if "styles" not in kwargs and "alternatives" not in kwargs:
            # one style per alternative across the panels
            sweep = self._result.sweep
            shown: set[Any] = set()
            for criterion in chosen:
                frame = sweep[sweep["criterion"] == criterion]
                shown |= set(self._shown(frame, kwargs.get("top", 5)))
            ordered = [a for a in self._result.problem.alternatives if a in shown]
            kwargs["styles"] = _line_styles(ordered)
        if axes is None:
            ncols = max(1, min(ncols, len(chosen)))
            nrows = -(-len(chosen) // ncols)
            figure = _new_figure((5.2 * ncols, 3.8 * nrows))
            grid = figure.subplots(nrows, ncols, squeeze=False).ravel()
            for extra in grid[len(chosen) :]:
                extra.remove()
            axes = grid[: len(chosen)]
        axes = np.asarray(axes, dtype=object).ravel()
        for criterion, ax in zip(chosen, axes, strict=True):
            self.sweep(criterion, ax=ax, **kwargs)
        return axes

    def stability(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Per criterion, the interval of weights over which the top choice stays first.

        One horizontal bar per criterion from the nearest weight below the
        current one at which the top alternative changes (or 0) to the
        nearest above (or 1), with the current weight as a black tick.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        **kwargs
            Passed to ``Axes.barh``.
        """
        summary = self._result.summary
        lower = summary["top_lower"].astype(float).fillna(0.0).to_numpy()
        upper = summary["top_upper"].astype(float).fillna(1.0).to_numpy()
        current = summary["current_weight"].to_numpy(dtype=float)
        ax = get_axes(ax, figsize=(7.0, max(2.5, 0.4 * len(summary) + 1.2)))
        positions = np.arange(len(summary))
        kwargs.setdefault("color", OKABE_ITO[5])
        ax.barh(positions, upper - lower, left=lower, height=0.6, **kwargs)
        ax.scatter(current, positions, marker="|", s=300, color=OKABE_ITO[7], zorder=3)
        ax.set_yticks(positions, [str(c) for c in summary.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(
            "weight of the criterion (others keep their proportions); black tick: current weight"
        )
        ax.set_title("Weights over which the top choice stays first")
        return ax


class CriticalChangesPlots:
    """Plots of a :class:`~coopdecide.sensitivity.CriticalChangesResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`tornado`."""
        return self.tornado(ax=ax, **kwargs)

    def tornado(
        self,
        ax: Axes | None = None,
        *,
        scope: str = "top",
        relative: bool = False,
        **kwargs: Any,
    ) -> Axes:
        """The smallest weight change per criterion that alters the ranking, as a tornado.

        One bar per criterion, pointing left for a decrease and right for an
        increase, the most critical (shortest) at the top; each is labelled
        with the alternative that leads after the change. Criteria whose
        weight cannot change the result are listed at the bottom as
        "no change".

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        scope : {"top", "any"}, default "top"
            Changes of the top-ranked alternative, or of any pair.
        relative : bool, default False
            Show the change in percent of the current weight instead of
            weight points.
        **kwargs
            Passed to ``Axes.barh``.
        """
        from coopdecide._validation import check_option

        check_option("scope", scope, ("top", "any"))
        result = self._result
        frame = result.top if scope == "top" else result.any_pair
        column = "relative_change" if relative else "delta"
        values = frame[column].astype(float)
        feasible = frame["feasible"].astype(bool) & np.isfinite(values)
        order = list(values[feasible].abs().sort_values(kind="stable").index)
        order += [c for c in frame.index if c not in set(order)]
        frame = frame.loc[order]
        values = values.loc[order]
        feasible = feasible.loc[order]
        shown = values.where(feasible, 0.0).to_numpy(dtype=float)
        ax = get_axes(ax, figsize=(7.5, max(2.5, 0.4 * len(frame) + 1.4)))
        positions = np.arange(len(frame))
        colour = [OKABE_ITO[3] if v < 0 else OKABE_ITO[0] for v in shown]
        kwargs.setdefault("color", colour)
        bars = ax.barh(positions, shown, height=0.6, **kwargs)
        labels = []
        for (_, row), value, ok in zip(frame.iterrows(), shown, feasible, strict=True):
            if not ok:
                labels.append("no change")
            else:
                number = f"{value:+.0f}%" if relative else f"{value:+.3f}"
                labels.append(f"{number} → {row['leader_after']}")
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
        ax.axvline(0, color=OKABE_ITO[7], linewidth=1)
        ax.set_yticks(positions, [str(c) for c in frame.index])
        ax.invert_yaxis()
        # room for the labels on the side(s) where bars point
        reach = float(np.abs(shown).max()) if shown.size and np.abs(shown).max() > 0 else 1.0
        low = 1.7 * float(shown.min()) if shown.min() < 0 else -0.05 * reach
        high = 1.7 * float(shown.max()) if shown.max() > 0 else 0.6 * reach
        ax.set_xlim(low, high)
        what = "the top-ranked alternative" if scope == "top" else "the order of any pair"
        ax.set_title(f"Smallest weight change that changes {what}")
        ax.set_xlabel(
            "change in % of the current weight" if relative else "change of the weight (points)"
        )
        return ax


class SMAAPlots:
    """Plots of a :class:`~coopdecide.sensitivity.SMAAResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`rank_acceptability`."""
        return self.rank_acceptability(ax=ax, **kwargs)

    def rank_acceptability(
        self,
        ax: Axes | None = None,
        *,
        ranks: int = 5,
        top: int | None = 12,
        **kwargs: Any,
    ) -> Axes:
        """Rank acceptability indices as stacked horizontal bars, one per alternative.

        Each bar is split into the share of simulations in which the
        alternative ranks 1st, 2nd, ... ``ranks``-th, and the rest (grey);
        alternatives are sorted by expected rank.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        ranks : int, default 5
            Ranks shown separately (at most 7, for the palette).
        top : int or None, default 12
            Show the ``top`` alternatives with the best expected rank; None: all.
        **kwargs
            Passed to ``Axes.barh`` for every segment.
        """
        from coopdecide._validation import check_positive_int

        result = self._result
        ranks = min(check_positive_int("ranks", ranks), 7)
        table = result.rank_acceptability
        order = result.expected_rank.sort_values(kind="stable").index
        table = table.loc[order]
        if top is not None:
            table = table.head(check_positive_int("top", top))
        n_ranks = table.shape[1]
        ranks = min(ranks, n_ranks)
        segments = {f"rank {r}": table[r].to_numpy(dtype=float) for r in range(1, ranks + 1)}
        if n_ranks > ranks:
            rest = table.loc[:, ranks + 1 :].sum(axis=1).to_numpy(dtype=float)
            segments[f"rank {ranks + 1}+" if n_ranks > ranks + 1 else f"rank {n_ranks}"] = rest
        ax = get_axes(ax, figsize=(7.5, max(2.5, 0.35 * len(table) + 1.4)))
        positions = np.arange(len(table))
        left = np.zeros(len(table))
        palette = [*colours(ranks), "0.8"]
        for (label, values), colour in zip(segments.items(), palette, strict=False):
            ax.barh(positions, values, left=left, height=0.7, label=label, color=colour, **kwargs)
            left += values
        ax.set_yticks(positions, [str(a) for a in table.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"share of {result.n_samples:,} simulations")
        ax.set_title("Rank acceptability (SMAA)")
        ax.legend(
            fontsize=8,
            frameon=False,
            ncols=min(len(segments), 4),
            loc="upper center",
            bbox_to_anchor=(0.5, -0.15),
        )
        return ax

    def first_rank(self, ax: Axes | None = None, *, top: int | None = 12, **kwargs: Any) -> Axes:
        """First-rank acceptability (share of simulations ranked first), largest first.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        top : int or None, default 12
            Show only the ``top`` largest; None: all.
        **kwargs
            Passed to ``Axes.barh``.
        """
        values = self._result.first_rank_acceptability.sort_values(ascending=False, kind="stable")
        if top is not None:
            values = values.head(top)
        return barh(
            values,
            ax=ax,
            xlabel=f"share of {self._result.n_samples:,} simulations ranked first",
            title="First-rank acceptability (SMAA)",
            value_format="{:.1%}",
            **kwargs,
        )


class MethodComparisonPlots:
    """Plots of a :class:`~coopdecide.sensitivity.MethodComparisonResult`."""

    def __init__(self, result: Any) -> None:
        self._result = result

    def __call__(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """The default plot: :meth:`heatmap`."""
        return self.heatmap(ax=ax, **kwargs)

    def heatmap(self, ax: Axes | None = None, *, kind: str = "spearman", **kwargs: Any) -> Axes:
        """Rank correlation between every pair of methods, annotated, as a heatmap.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw; a new figure if None.
        kind : {"spearman", "kendall", "weighted_spearman", "ws"}, default "spearman"
            The correlation (see ``MethodComparisonResult.correlation``).
        **kwargs
            Passed to ``Axes.imshow`` (default colour map "PuOr", a diverging
            map that stays readable with colour blindness, from -1 to 1).
        """
        matrix = self._result.correlation(kind)
        values = matrix.to_numpy(dtype=float)
        k = len(matrix)
        ax = get_axes(ax, figsize=(max(4.5, 0.75 * k + 2.5), max(3.8, 0.6 * k + 1.8)))
        kwargs.setdefault("cmap", "PuOr")
        kwargs.setdefault("vmin", -1.0)
        kwargs.setdefault("vmax", 1.0)
        image = ax.imshow(values, **kwargs)
        for i in range(k):
            for j in range(k):
                value = values[i, j]
                text = "n/a" if not np.isfinite(value) else f"{value:.2f}"
                dark = np.isfinite(value) and abs(value) > 0.6
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
        labels = [str(m) for m in matrix.index]
        ax.set_xticks(range(k), labels, rotation=40, ha="right")
        ax.set_yticks(range(k), labels)
        name = {
            "spearman": "Spearman",
            "kendall": "Kendall tau-b",
            "weighted_spearman": "weighted Spearman",
            "ws": "WS similarity",
        }.get(kind, kind)
        ax.set_title(f"Agreement between methods ({name} rank correlation)")
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=name)
        return ax
