"""Plots of the portfolio results (matplotlib is imported only when a plot is drawn)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coopdecide.portfolio._results import (
        BudgetSweepResult,
        PortfolioAcceptabilityResult,
        PortfolioResult,
    )


# ---------------------------------------------------------------------------
# plots
# ---------------------------------------------------------------------------
class PortfolioPlots:
    """Plots of a :class:`PortfolioResult` (``result.plot``)."""

    def __init__(self, result: PortfolioResult) -> None:
        self._result = result

    def scatter(self, ax: Any = None, *, annotate: bool = True, **kwargs: Any) -> Any:
        """Cost against score of every programme, the chosen ones highlighted.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        annotate : bool
            Write the programme label beside each chosen programme.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.scatter` for both groups
            (for example ``s=60``).

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        result = self._result
        frame = result.to_frame(sort=False)
        chosen = frame["selected"].to_numpy(dtype=bool)
        ax.scatter(
            frame["cost"][~chosen],
            frame["score"][~chosen],
            color="0.65",
            marker="o",
            label="not selected",
            **kwargs,
        )
        ax.scatter(
            frame["cost"][chosen],
            frame["score"][chosen],
            color="C0",
            marker="D",
            label="selected",
            **kwargs,
        )
        if annotate:
            for name, row in frame[chosen].iterrows():
                ax.annotate(
                    str(name),
                    (row["cost"], row["score"]),
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize="small",
                )
        ax.set_xlabel("cost")
        ax.set_ylabel("score")
        ax.set_title(
            f"Portfolio: {result.n_selected} programmes, cost {result.total_cost:g} "
            f"of {result.budget:g}"
        )
        ax.legend()
        return ax


class BudgetSweepPlots:
    """Plots of a :class:`BudgetSweepResult` (``result.plot``)."""

    def __init__(self, result: BudgetSweepResult) -> None:
        self._result = result

    def line(self, ax: Any = None, **kwargs: Any) -> Any:
        """Optimal objective value against budget (a step line with markers).

        Infeasible budgets are left out.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.plot`.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        frame = self._result.to_frame()
        frame = frame[frame["feasible"]]
        options = {"marker": "o", "drawstyle": "steps-post", "label": "optimal value"}
        options.update(kwargs)
        ax.plot(frame["budget"], frame["objective_value"], **options)
        ax.set_xlabel("budget")
        ax.set_ylabel(f"optimal {self._result.objective.replace('_x_', ' x ')}")
        ax.set_title("Budget sweep")
        return ax


class PortfolioAcceptabilityPlots:
    """Plots of a :class:`PortfolioAcceptabilityResult` (``result.plot``)."""

    def __init__(self, result: PortfolioAcceptabilityResult) -> None:
        self._result = result

    def bar(self, ax: Any = None, **kwargs: Any) -> Any:
        """Share of samples in which each programme is in the optimal portfolio.

        Bars of programmes in the expected-score portfolio are drawn darker.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Axes to draw on; a new figure is created if None.
        **kwargs
            Passed to :meth:`matplotlib.axes.Axes.bar`.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        frame = self._result.to_frame()
        colors = ["C0" if chosen else "0.65" for chosen in frame["in_expected_portfolio"]]
        options: dict[str, Any] = {"color": colors}
        options.update(kwargs)
        ax.bar([str(n) for n in frame.index], frame["acceptability"], **options)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of samples selected")
        ax.set_title(f"Portfolio acceptability ({self._result.n_samples} samples)")
        ax.tick_params(axis="x", labelrotation=90)
        return ax
