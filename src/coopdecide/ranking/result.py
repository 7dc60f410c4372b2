"""The result of ranking a decision problem."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide.problem import DecisionProblem

__all__ = ["RankingResult", "ranks_from_scores"]

_TIE_DECIMALS = 12


def ranks_from_scores(scores: np.ndarray, *, higher_is_better: bool = True) -> np.ndarray:
    """Rank scores along the last axis: 1 = best, ties share the best rank.

    Scores equal to 12 decimal places count as ties, so that rounding noise
    does not break a genuine tie.

    Examples
    --------
    >>> ranks_from_scores(np.array([0.2, 0.9, 0.2, 0.5]))
    array([3, 1, 3, 2])
    >>> ranks_from_scores(np.array([3.0, 1.0, 2.0]), higher_is_better=False)
    array([3, 1, 2])
    """
    keyed = np.round(np.asarray(scores, dtype=float), _TIE_DECIMALS)
    if higher_is_better:
        keyed = -keyed
    if keyed.ndim == 1:  # 1 + the number of strictly better scores
        return np.searchsorted(np.sort(keyed), keyed, side="left").astype(np.int64) + 1
    order = np.argsort(keyed, axis=-1, kind="stable")
    ordered = np.take_along_axis(keyed, order, axis=-1)
    position = np.broadcast_to(np.arange(keyed.shape[-1]), keyed.shape)
    starts_group = np.ones(keyed.shape, dtype=bool)
    starts_group[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    # rank of each sorted entry = 1 + position of the first entry of its tie group
    sorted_ranks = np.maximum.accumulate(np.where(starts_group, position, 0), axis=-1) + 1
    ranks = np.empty(keyed.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, sorted_ranks, axis=-1)
    return ranks


@result_dataclass
class RankingResult(Result):
    """Scores and ranks of the alternatives of a decision problem.

    Produced by :func:`coopdecide.topsis` and :func:`coopdecide.rank`; not
    meant to be built by hand. Labelled outputs are built on first access.

    Attributes
    ----------
    method : str
        The ranking method ("topsis", "vikor", ...).
    options : Mapping
        The method's options (for TOPSIS: normalization and distance), read-only.
    problem : DecisionProblem
        The ranked problem, with the weights that were used.
    score_array : numpy.ndarray
        The scores in the order of ``problem.alternatives`` (read-only);
        :attr:`scores` labels them.
    higher_is_better : bool
        Whether a larger score is better (False for VIKOR, SPOTIS, ...).
    intermediate : Mapping
        The method's intermediate arrays by name (TOPSIS: ``d_plus``,
        ``d_minus``, ``ideal``, ``anti_ideal``, ``normalized``),
        read-only; the properties below label them.
    zero_range_criteria : tuple
        Criteria whose values are all equal (they cannot change the ranking).
    """

    method: str
    options: Mapping[str, Any]
    problem: DecisionProblem
    score_array: np.ndarray
    higher_is_better: bool = True
    intermediate: Mapping[str, np.ndarray] = field(default_factory=dict)
    zero_range_criteria: tuple[Any, ...] = ()

    plot = PlotAccessor("RankingPlots")

    # -- labelled outputs -----------------------------------------------------
    @property
    def scores(self) -> pd.Series:
        """The method's score for each alternative (TOPSIS: closeness in [0, 1])."""
        return pd.Series(self.score_array, index=self.problem.alternatives, name="score", copy=True)

    @cached_property
    def _ranks(self) -> np.ndarray:
        return ranks_from_scores(self.score_array, higher_is_better=self.higher_is_better)

    @property
    def ranks(self) -> pd.Series:
        """Rank of each alternative: 1 = best, ties share the best rank."""
        return pd.Series(self._ranks, index=self.problem.alternatives, name="rank", copy=True)

    @property
    def best(self) -> Any:
        """The label of the top-ranked alternative (the first one if tied)."""
        return self.ranks.idxmin()

    def _alternative_series(self, key: str, name: str) -> pd.Series | None:
        values = self.intermediate.get(key)
        if values is None:
            return None
        return pd.Series(values, index=self.problem.alternatives, name=name, copy=True)

    def _criterion_series(self, key: str, name: str) -> pd.Series | None:
        values = self.intermediate.get(key)
        if values is None:
            return None
        return pd.Series(values, index=self.problem.criteria, name=name, copy=True)

    def _matrix_frame(self, key: str) -> pd.DataFrame | None:
        values = self.intermediate.get(key)
        if values is None:
            return None
        return pd.DataFrame(
            values, index=self.problem.alternatives, columns=self.problem.criteria, copy=True
        )

    @property
    def d_plus(self) -> pd.Series | None:
        """TOPSIS distance to the (weighted) ideal point; None for other methods."""
        return self._alternative_series("d_plus", "d_plus")

    @property
    def d_minus(self) -> pd.Series | None:
        """TOPSIS distance to the (weighted) anti-ideal point; None for other methods."""
        return self._alternative_series("d_minus", "d_minus")

    @property
    def ideal(self) -> pd.Series | None:
        """TOPSIS weighted ideal point (positive ideal solution); None for other methods."""
        return self._criterion_series("ideal", "ideal")

    @property
    def anti_ideal(self) -> pd.Series | None:
        """TOPSIS weighted anti-ideal point (negative ideal solution); None for other methods."""
        return self._criterion_series("anti_ideal", "anti_ideal")

    @property
    def normalized(self) -> pd.DataFrame | None:
        """The normalized matrix, where the method has one."""
        return self._matrix_frame("normalized")

    @property
    def weighted(self) -> pd.DataFrame | None:
        """The weighted normalized matrix, where the method has one."""
        normalized = self.normalized
        if normalized is None:
            return None
        return normalized * self.problem.weight_array

    # -- renderings -----------------------------------------------------------
    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """Scores, ranks and (for TOPSIS) distances, best first unless ``sort=False``."""
        columns = {"score": self.scores, "rank": self.ranks}
        for key in ("d_plus", "d_minus"):
            series = self._alternative_series(key, key)
            if series is not None:
                columns[key] = series
        frame = pd.DataFrame(columns)
        frame.index.name = "alternative"
        if sort:
            frame = frame.sort_values(
                ["rank", "score"], ascending=[True, not self.higher_is_better]
            )
        return frame

    def _export(self) -> dict[str, Any]:
        exported = {
            "method": self.method,
            "options": self.options,
            "higher_is_better": self.higher_is_better,
            "alternatives": list(self.problem.alternatives),
            "criteria": list(self.problem.criteria),
            "weights": self.problem.weight_array,
            "scores": self.score_array,
            "ranks": self._ranks,
            "zero_range_criteria": self.zero_range_criteria,
        }
        for key in ("d_plus", "d_minus", "ideal", "anti_ideal"):
            if key in self.intermediate:
                exported[key] = self.intermediate[key]
        return exported

    def _summary(self) -> dict[str, Any]:
        facts: dict[str, Any] = {"method": self.method}
        facts.update(self.options)
        facts["best"] = self.best
        if self.zero_range_criteria:
            facts["criteria with zero range (no effect)"] = ", ".join(
                map(str, self.zero_range_criteria)
            )
        return facts

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"ranking": self.to_frame()}
