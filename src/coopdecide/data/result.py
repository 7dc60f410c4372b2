"""The result of building a problem from indicators, and the imputation intervals for SMAA.

The problem carries a per-cell ``provenance`` (source, year, imputed or not,
how, and the interval ``low`` / ``high``), and :func:`imputation_intervals`
turns the intervals into a
:class:`~coopdecide.sensitivity.sampling.DataIntervals` for
:func:`~coopdecide.sensitivity.smaa`: imputed cells vary uniformly over their
interval, the others stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopdecide._results import html_section
from coopdecide.problem import DecisionProblem

if TYPE_CHECKING:
    from coopdecide.sensitivity.sampling import DataIntervals

__all__ = ["IndicatorProblem", "imputation_intervals"]


@dataclass(frozen=True, eq=False)
class IndicatorProblem:
    """A decision problem built from indicators, with what was done to build it.

    Attributes
    ----------
    problem : DecisionProblem
        The problem; its :attr:`~coopdecide.DecisionProblem.provenance` has one
        row per cell: ``country`` (ISO3), ``indicators``, ``source``,
        ``year``, ``imputed``, ``note`` (how a value was obtained), ``low`` and
        ``high`` (equal to the value unless imputed).
    notes : tuple of str
        What was dropped or imputed, in plain words.
    """

    problem: DecisionProblem
    notes: tuple[str, ...] = ()

    @property
    def provenance(self) -> pd.DataFrame:
        """The per-cell provenance of :attr:`problem` (a copy)."""
        provenance = self.problem.provenance
        assert provenance is not None
        return provenance

    @property
    def intervals(self) -> DataIntervals | None:
        """The imputation intervals for ``smaa(data=...)``, None if nothing was imputed."""
        return imputation_intervals(self.problem)

    def to_frame(self) -> pd.DataFrame:
        """The provenance with each cell's value, one row per cell."""
        values = self.problem.performance.stack()
        values.index = values.index.set_names(["alternative", "criterion"])
        return self.provenance.assign(value=values)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form: the problem (with provenance) and the notes."""
        return {"problem": self.problem.to_dict(), "notes": list(self.notes)}

    def __repr__(self) -> str:
        n, m = self.problem.shape
        imputed = int(self.provenance["imputed"].sum())
        notes = "".join(f"\nnote: {note}" for note in self.notes)
        return (
            f"IndicatorProblem({n} alternatives x {m} criteria, {imputed} imputed cell(s))"
            f"{notes}\n{self.problem.performance.to_string(max_rows=20, max_cols=12)}"
        )

    def _repr_html_(self) -> str:
        n, m = self.problem.shape
        return html_section(
            "IndicatorProblem",
            {
                "alternatives": n,
                "criteria": m,
                "imputed cells": int(self.provenance["imputed"].sum()),
                **{f"note {i + 1}": note for i, note in enumerate(self.notes)},
            },
            {"Performance": self.problem.performance, "Provenance": self.provenance},
        )


def imputation_intervals(problem: DecisionProblem) -> DataIntervals | None:
    """A DataIntervals from a problem's provenance: imputed cells vary, the others are exact.

    Returns None if the problem has no provenance with ``low`` / ``high``
    columns or no cell's interval is wider than a point.
    """
    provenance = problem.provenance
    if provenance is None or not {"low", "high"} <= set(provenance.columns):
        return None
    shape = (len(problem.alternatives), len(problem.criteria))
    low = provenance["low"].to_numpy(dtype=float).reshape(shape)
    high = provenance["high"].to_numpy(dtype=float).reshape(shape)
    if np.array_equal(low, high):
        return None
    from coopdecide.sensitivity.sampling import DataIntervals

    labels = {"index": problem.alternatives, "columns": problem.criteria}
    return DataIntervals(pd.DataFrame(low, **labels), pd.DataFrame(high, **labels))
