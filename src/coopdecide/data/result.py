"""The result of building a problem from indicators.

The problem carries a per-cell ``provenance`` (source, year, imputed or not,
how, and the interval ``low`` / ``high``), and
:meth:`coopdecide.sensitivity.DataIntervals.from_provenance` turns the
intervals into the ``data=`` of :func:`~coopdecide.sensitivity.smaa`:
imputed cells vary uniformly over their interval, the others stay exact.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide.problem import DecisionProblem

__all__ = ["IndicatorProblem"]


@result_dataclass
class IndicatorProblem(Result):
    """A decision problem built from indicators, with what was done to build it.

    Attributes
    ----------
    problem : DecisionProblem
        The problem; its :attr:`~coopdecide.DecisionProblem.provenance` has one
        row per cell: ``country`` (ISO3), ``indicators``, ``source``,
        ``year``, ``imputed``, ``note`` (how a value was obtained), ``low`` and
        ``high`` (equal to the value unless imputed).
        ``DataIntervals.from_provenance(problem)`` turns the bounds into the
        ``data=`` of :func:`~coopdecide.sensitivity.smaa`.
    notes : tuple of str
        What was dropped or imputed, in plain words.
    """

    problem: DecisionProblem
    notes: tuple[str, ...] = ()
    plot = PlotAccessor("IndicatorPlots")

    @property
    def provenance(self) -> pd.DataFrame:
        """The per-cell provenance of :attr:`problem` (a copy)."""
        provenance = self.problem.provenance
        assert provenance is not None  # to_problem always writes one
        return provenance

    @property
    def imputed(self) -> int:
        """The number of imputed cells."""
        return int(self.provenance["imputed"].sum())

    def to_frame(self) -> pd.DataFrame:
        """The provenance with each cell's value, one row per cell."""
        provenance = self.provenance
        return provenance.assign(value=self.problem.matrix.reshape(-1))

    def _export(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(), "notes": list(self.notes)}

    def _summary(self) -> dict[str, Any]:
        n, m = self.problem.shape
        notes = {f"note {i + 1}": note for i, note in enumerate(self.notes)}
        return {"alternatives": n, "criteria": m, "imputed": self.imputed, **notes}

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"Performance": self.problem.performance, "Provenance": self.provenance}
