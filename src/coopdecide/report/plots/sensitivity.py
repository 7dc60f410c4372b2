"""Plots of the sensitivity analyses: sweeps, critical changes, SMAA, method comparison."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide.report.plots._base import (
    OKABE_ITO,
    barh,
    colours,
    get_axes,
    line_styles,
    new_figure,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


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
        own = line_styles(shown)
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
            kwargs["styles"] = line_styles(ordered)
        if axes is None:
            ncols = max(1, min(ncols, len(chosen)))
            nrows = -(-len(chosen) // ncols)
            figure = new_figure((5.2 * ncols, 3.8 * nrows))
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
