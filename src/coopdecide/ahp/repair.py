"""Consistency repair: change as few judgments as possible, one at a time, to reach a CR.

At each step every judgment is considered for one change, to the value of
Saaty's scale closest to the ratio of the current weights
(:meth:`AHPResult.inconsistencies`); the change that lowers the CR most is
made, and the process repeats until the CR is at most the target. Each change
is listed in the result; nothing is changed silently. This is the greedy
"change the most offending judgment" procedure that Saaty (2003) describes,
with the choice among judgments made by the CR each change would give.

References
----------
Saaty, T.L. (2003). Decision-making with the AHP: Why is the principal
eigenvector necessary. European Journal of Operational Research 145(1):85-91.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._results import Immutable, html_section, to_jsonable
from coopdecide._validation import check_option, check_positive_int, check_real
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import RI_TABLES
from coopdecide.ahp.core import AHPResult, ahp
from coopdecide.ahp.incomplete import COMPLETION_METHODS, _as_comparison
from coopdecide.ahp.priorities import PRIORITY_METHODS
from coopdecide.exceptions import InvalidArgumentError

__all__ = ["RepairPlots", "RepairResult", "repair"]

_STEP_COLUMNS = ["step", "row", "column", "before", "after", "cr_before", "cr_after"]


class RepairResult(Immutable):
    """Outcome of :func:`repair`.

    Attributes
    ----------
    comparison : PairwiseComparison
        The repaired comparison.
    original : PairwiseComparison
        The comparison as given.
    steps : pandas.DataFrame
        One line per changed judgment, in order: ``step`` (1, 2, ...),
        ``row``, ``column`` (the judgment ``a_row,column``), ``before``,
        ``after`` (a value of Saaty's scale), ``cr_before``, ``cr_after``.
    result : AHPResult
        :func:`ahp` of the repaired comparison.
    cr_before, cr : float
        CR of the original and of the repaired comparison.
    gci_before, gci : float or None
        GCI of the original and of the repaired comparison (geometric method).
    measure : {"cr", "gci"}
        What the repair lowered: the CR, or the GCI when ``target_gci`` was given.
    target : float
        The target of ``measure``; ``target_cr`` is the CR target.
    reached : bool
        Whether the measure is at most its target. False when no single
        change lowers it any further or ``max_changes`` was used up.
    """

    __slots__ = (
        "_cr_before",
        "_gci_before",
        "_measure",
        "_original",
        "_reached",
        "_result",
        "_steps",
        "_target",
        "_target_cr",
    )
    _cr_before: float
    _gci_before: float | None
    _measure: str
    _original: PairwiseComparison
    _reached: bool
    _result: AHPResult
    _steps: pd.DataFrame
    _target: float
    _target_cr: float

    def __init__(
        self,
        original: PairwiseComparison,
        result: AHPResult,
        steps: pd.DataFrame,
        *,
        cr_before: float,
        gci_before: float | None,
        target_cr: float,
        measure: str = "cr",
        target: float | None = None,
    ) -> None:
        target = target_cr if target is None else target
        value = result.cr if measure == "cr" else result.gci
        fields = {
            "_original": original,
            "_result": result,
            "_steps": steps,
            "_cr_before": cr_before,
            "_gci_before": gci_before,
            "_target_cr": target_cr,
            "_measure": measure,
            "_target": target,
            "_reached": bool(value is not None and value <= target),
        }
        for name, item in fields.items():
            object.__setattr__(self, name, item)

    @property
    def comparison(self) -> PairwiseComparison:
        """The repaired comparison."""
        return self._result.comparison

    @property
    def original(self) -> PairwiseComparison:
        """The comparison as given."""
        return self._original

    @property
    def steps(self) -> pd.DataFrame:
        """The changed judgments, one line per step (a copy)."""
        return self._steps.copy()

    @property
    def n_changes(self) -> int:
        """Number of judgments changed."""
        return len(self._steps)

    @property
    def result(self) -> AHPResult:
        """AHP result of the repaired comparison."""
        return self._result

    @property
    def cr_before(self) -> float:
        """CR of the original comparison."""
        return self._cr_before

    @property
    def cr(self) -> float:
        """CR of the repaired comparison."""
        return self._result.cr

    @property
    def target_cr(self) -> float:
        """The CR target (not used when ``measure == "gci"``)."""
        return self._target_cr

    @property
    def gci_before(self) -> float | None:
        """GCI of the original comparison (geometric method), else None."""
        return self._gci_before

    @property
    def gci(self) -> float | None:
        """GCI of the repaired comparison (geometric method), else None."""
        return self._result.gci

    @property
    def measure(self) -> str:
        """``"cr"`` or ``"gci"``: the consistency measure the repair lowered."""
        return self._measure

    @property
    def target(self) -> float:
        """The target of :attr:`measure`."""
        return self._target

    @property
    def reached(self) -> bool:
        """Whether the repaired CR is at most the target."""
        return self._reached

    @property
    def weights(self) -> pd.Series:
        """Priorities of the repaired comparison."""
        return self._result.weights

    @property
    def plot(self) -> RepairPlots:
        """Plots of this result: ``fixed.plot()`` or ``fixed.plot.cr(ax=None)``."""
        return RepairPlots(self)

    def to_frame(self) -> pd.DataFrame:
        """The steps table (a copy)."""
        return self.steps

    def __repr__(self) -> str:
        state = "reached" if self._reached else "NOT reached"
        if self._measure == "gci":
            change = f"GCI {self._gci_before:.4f} -> {self.gci:.4f}, CR {self.cr:.4f}"
        else:
            change = f"CR {self._cr_before:.4f} -> {self.cr:.4f}"
        head = (
            f"RepairResult({self.n_changes} judgment(s) changed, {change}, "
            f"target {self._target:g} {state}, "
            f"ri_table={self._result.ri_table!r}, method={self._result.method!r})"
        )
        if not len(self._steps):
            return head
        return f"{head}\n{self._steps.round(4).to_string(index=False)}"

    def _repr_html_(self) -> str:
        return html_section(
            "RepairResult",
            facts={
                "judgments changed": self.n_changes,
                "CR before": self._cr_before,
                "CR after": self.cr,
                "measure": self._measure,
                "target": self._target,
                "reached": self._reached,
                "RI table": self._result.ri_table,
                "method": self._result.method,
            },
            tables={"steps": self._steps, "weights": self._result.to_frame()},
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary: steps, CRs, the repaired comparison."""
        return to_jsonable(
            {
                "reached": self._reached,
                "measure": self._measure,
                "target": self._target,
                "target_cr": self._target_cr,
                "cr_before": self._cr_before,
                "cr": self.cr,
                "gci_before": self._gci_before,
                "gci": self.gci,
                "ri_table": self._result.ri_table,
                "method": self._result.method,
                "steps": self._steps.to_dict(orient="records"),
                "comparison": self.comparison.to_dict(),
                "weights": self._result.weights,
            }
        )


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
        from coopdecide.report.plots import OKABE_ITO, get_axes

        result = self._result
        steps = result._steps
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


def repair(
    comparison: PairwiseComparison | npt.ArrayLike | pd.DataFrame,
    target_cr: float = 0.1,
    *,
    method: str = "eigenvector",
    ri_table: str = "saaty1980",
    completion: str | None = None,
    max_changes: int | None = None,
    target_gci: float | None = None,
) -> RepairResult:
    """Bring a comparison to a target CR by changing few judgments, one at a time.

    At each step, for every judgment ``a_ij`` the value of Saaty's scale
    closest to the current ``w_i / w_j`` is tried (the ``suggested`` column of
    :meth:`AHPResult.inconsistencies`); the single change that gives the
    lowest CR is made. Steps repeat until ``CR <= target_cr``, until no single
    change lowers the CR (a judgment already at its suggestion is not a
    change), or until ``max_changes`` changes were made. The CR falls at every
    step, so the loop always ends.

    Parameters
    ----------
    comparison : PairwiseComparison, array-like or DataFrame
        The comparison to repair (an incomplete one is completed at every
        step as by :func:`ahp`; only known judgments are changed).
    target_cr : float, default 0.1
        Stop as soon as the CR is at most this.
    method : {"eigenvector", "geometric", "column"}
        The priority method whose weights give the suggestions.
    ri_table : {"saaty1980", "saaty2005", "alonso-lamata", "donegan-dodd"}
        Random index table of the CR.
    completion : {"lambda_max", "llsm"} or None
        Completion of an incomplete comparison, as in :func:`ahp`.
    max_changes : int or None
        Most judgment changes allowed; None allows up to the number of
        judgments.
    target_gci : float or None
        With ``method="geometric"`` only: lower the geometric consistency
        index instead of the CR, choosing changes by ``gci_if_changed``, until
        ``GCI <= target_gci`` (``target_cr`` is then not used). The GCI
        thresholds of Aguaron and Moreno-Jimenez (2003) are in
        :func:`coopdecide.ahp.gci_threshold`.

    Returns
    -------
    RepairResult
        ``comparison`` (repaired), ``steps`` (every change with the CR after
        it), ``reached``.

    Examples
    --------
    >>> from coopdecide.ahp import PairwiseComparison
    >>> pc = PairwiseComparison.from_judgments(
    ...     ["trade", "aid", "security", "culture"],
    ...     {
    ...         ("trade", "aid"): 2,
    ...         ("trade", "security"): 3,
    ...         ("trade", "culture"): 5,
    ...         ("aid", "security"): 2,
    ...         ("aid", "culture"): 3,
    ...         ("security", "culture"): 1 / 5,
    ...     },
    ... )
    >>> fixed = repair(pc, 0.1)
    >>> fixed.reached, fixed.n_changes, round(fixed.cr_before, 3), round(fixed.cr, 3)
    (True, 1, 0.216, 0.066)
    >>> fixed.steps[["row", "column", "before", "after"]]
            row   column  before  after
    0  security  culture     0.2    0.5
    """
    original = (
        comparison if isinstance(comparison, PairwiseComparison) else _as_comparison(comparison)
    )
    target_cr = check_real("target_cr", target_cr, minimum=0.0)
    check_option("method", method, PRIORITY_METHODS)
    check_option("ri_table", ri_table, tuple(RI_TABLES))
    if completion is not None:
        check_option("completion", completion, COMPLETION_METHODS)
    n_judgments = original.n * (original.n - 1) // 2 - original.n_missing
    limit = (
        n_judgments
        if max_changes is None
        else check_positive_int("max_changes", max_changes, minimum=0)
    )
    measure, target = "cr", target_cr
    if target_gci is not None:
        if method != "geometric":
            raise InvalidArgumentError(
                f"target_gci applies to method='geometric' only; got method={method!r} "
                "(use target_cr)"
            )
        measure, target = "gci", check_real("target_gci", target_gci, minimum=0.0)
    options: dict[str, Any] = {
        "method": method,
        "ri_table": ri_table,
        "threshold": target_cr,
        "completion": completion,
        "warn": False,
    }

    def value_of(res: AHPResult) -> float:
        return float(res.cr if measure == "cr" else res.gci)  # type: ignore[arg-type]

    current = ahp(original, **options)
    cr_before, gci_before = current.cr, current.gci
    steps: list[dict[str, Any]] = []
    while value_of(current) > target and len(steps) < limit:
        table = current.inconsistencies()
        changes = table[~np.isclose(table["suggested"], table["value"], rtol=1e-9, atol=0.0)]
        if changes.empty:
            break
        scores = changes[f"{measure}_if_changed"].to_numpy()
        best = changes.iloc[int(np.argmin(scores))]
        if not scores.min() < value_of(current) - 1e-12:
            break
        row, column = best["row"], best["column"]
        pc = current.comparison
        before = float(pc.matrix[pc.position(row), pc.position(column)])
        after = float(best["suggested"])
        following = ahp(pc.with_judgment(row, column, after), **options)
        step = {
            "step": len(steps) + 1,
            "row": row,
            "column": column,
            "before": before,
            "after": after,
            "cr_before": current.cr,
            "cr_after": following.cr,
        }
        if method == "geometric":
            step["gci_before"] = current.gci
            step["gci_after"] = following.gci
        steps.append(step)
        current = following
    columns = _STEP_COLUMNS + (["gci_before", "gci_after"] if method == "geometric" else [])
    frame = pd.DataFrame(steps, columns=columns)
    frame["step"] = frame["step"].astype(int)
    return RepairResult(
        original,
        current,
        frame,
        cr_before=cr_before,
        gci_before=gci_before,
        target_cr=target_cr,
        measure=measure,
        target=target,
    )
