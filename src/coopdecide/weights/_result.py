"""The result object shared by the weighting methods: :class:`WeightsResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass

__all__ = ["WeightsResult"]


@result_dataclass
class WeightsResult(Result):
    """Criteria weights from a weighting method, with its intermediate values.

    Returned by :func:`~coopdecide.weights.entropy_weights`,
    :func:`~coopdecide.weights.critic_weights`,
    :func:`~coopdecide.weights.standard_deviation_weights`,
    :func:`~coopdecide.weights.merec_weights` and
    :func:`~coopdecide.weights.combine_weights`; not meant to be built by hand.

    Attributes
    ----------
    method : str
        The method ("entropy", "critic", "standard_deviation", "merec",
        "combined").
    criteria : pandas.Index
        The criteria labels.
    weight_array : numpy.ndarray
        The weights in criteria order (read-only); :attr:`weights` labels them.
    values : Mapping
        Per-criterion intermediate arrays by name (read-only); see
        :attr:`intermediates`.
    extra_tables : Mapping
        Other labelled tables the method computed (CRITIC: ``"correlation"``);
        see :meth:`table`.
    options : Mapping
        The options used (read-only).
    reference : str
        The citation of the method.
    """

    method: str
    criteria: pd.Index
    weight_array: np.ndarray
    values: Mapping[str, np.ndarray] = field(default_factory=dict)
    extra_tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    reference: str = ""

    plot = PlotAccessor("WeightsPlots")

    @property
    def weights(self) -> pd.Series:
        """The weights (sum 1), indexed by criterion."""
        return pd.Series(self.weight_array, index=self.criteria, name="weight", copy=True)

    @property
    def intermediates(self) -> pd.DataFrame:
        """The per-criterion intermediate values of the method (one column each)."""
        return pd.DataFrame(
            {name: np.array(value) for name, value in self.values.items()}, index=self.criteria
        )

    def table(self, name: str) -> pd.DataFrame:
        """A labelled table the method computed (CRITIC: ``"correlation"``).

        Raises
        ------
        KeyError
            The method computed no table of that name; the message lists those it has.
        """
        if name not in self.extra_tables:
            have = sorted(self.extra_tables) or "none"
            raise KeyError(f"no table {name!r}; this result has {have}")
        return self.extra_tables[name].copy()

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: ``weight`` and the intermediate values."""
        frame = self.intermediates
        frame.insert(0, "weight", np.array(self.weight_array))
        frame.index.name = "criterion"
        return frame

    def _export(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "options": self.options,
            "reference": self.reference,
            "criteria": list(self.criteria),
            "weights": self.weights,
            "intermediates": {
                name: pd.Series(value, index=self.criteria) for name, value in self.values.items()
            },
            "tables": dict(self.extra_tables),
        }

    def _summary(self) -> dict[str, Any]:
        return {"method": self.method, **dict(self.options)}

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"weights": self.to_frame(), **{k: v.copy() for k, v in self.extra_tables.items()}}
