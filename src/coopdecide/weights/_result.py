"""The result object shared by the weighting methods: :class:`WeightsResult`."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import Immutable, html_section, to_jsonable

__all__ = ["WeightsResult"]


class WeightsResult(Immutable):
    """Criteria weights from a weighting method, with its intermediate values.

    Returned by :func:`entropy_weights`, :func:`critic_weights`,
    :func:`standard_deviation_weights`, :func:`merec_weights` and
    :func:`combine_weights`. Immutable; every property returns a copy.

    Attributes
    ----------
    method : str
        The method ("entropy", "critic", "standard_deviation", "merec",
        "combined").
    options : mapping
        The options used (read-only).
    reference : str
        The citation of the method.
    """

    __slots__ = ("_criteria", "_tables", "_values", "_weights", "method", "options", "reference")

    def __init__(
        self,
        *,
        method: str,
        criteria: pd.Index,
        weights: np.ndarray,
        values: Mapping[str, np.ndarray],
        tables: Mapping[str, pd.DataFrame] | None = None,
        options: Mapping[str, Any],
        reference: str,
    ) -> None:
        set_ = object.__setattr__
        weights = np.array(weights, dtype=float)
        weights.flags.writeable = False
        set_(self, "method", method)
        set_(self, "_criteria", criteria)
        set_(self, "_weights", weights)
        frozen = {}
        for name, value in values.items():
            array = np.array(value, dtype=float)
            array.flags.writeable = False
            frozen[name] = array
        set_(self, "_values", MappingProxyType(frozen))
        set_(self, "_tables", MappingProxyType({k: v.copy() for k, v in (tables or {}).items()}))
        set_(self, "options", MappingProxyType(dict(options)))
        set_(self, "reference", reference)

    @property
    def weights(self) -> pd.Series:
        """The weights (sum 1), indexed by criterion."""
        return pd.Series(self._weights.copy(), index=self._criteria, name="weight")

    @property
    def criteria(self) -> pd.Index:
        """The criteria labels."""
        return self._criteria

    @property
    def intermediates(self) -> pd.DataFrame:
        """The per-criterion intermediate values of the method (one column each)."""
        return pd.DataFrame(
            {name: value.copy() for name, value in self._values.items()}, index=self._criteria
        )

    def table(self, name: str) -> pd.DataFrame:
        """A labelled matrix the method computed (for CRITIC: ``"correlation"``).

        Raises
        ------
        KeyError
            The method computed no table of that name; the message lists those it has.
        """
        if name not in self._tables:
            raise KeyError(f"no table {name!r}; this result has {sorted(self._tables) or 'none'}")
        return self._tables[name].copy()

    @property
    def plot(self) -> Any:
        """Plots of this result: ``result.plot()`` or ``result.plot.weights(ax=None)``.

        matplotlib is imported only when a plot is drawn; each method returns the Axes.
        """
        from coopdecide.report.weight_plots import WeightsPlots

        return WeightsPlots(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: ``weight`` and the intermediate values."""
        frame = self.intermediates
        frame.insert(0, "weight", self._weights.copy())
        frame.index.name = "criterion"
        return frame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary: method, options, reference, weights, intermediates."""
        return {
            "method": self.method,
            "options": to_jsonable(dict(self.options)),
            "reference": self.reference,
            "criteria": [to_jsonable(c) for c in self._criteria],
            "weights": to_jsonable(self.weights),
            "intermediates": {
                name: to_jsonable(pd.Series(value, index=self._criteria))
                for name, value in self._values.items()
            },
            "tables": {name: to_jsonable(table) for name, table in self._tables.items()},
        }

    def _facts(self) -> dict[str, Any]:
        return {"method": self.method, **dict(self.options)}

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={v}" for k, v in self._facts().items())
        table = self.to_frame().to_string(float_format=lambda v: f"{v:.4f}")
        return f"WeightsResult({facts})\n{table}"

    def _repr_html_(self) -> str:
        return html_section(
            "WeightsResult",
            {**self._facts(), "reference": self.reference},
            {"weights": self.to_frame(), **self._tables},
        )
