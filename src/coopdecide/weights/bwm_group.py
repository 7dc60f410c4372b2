"""Group Best-Worst Method: one BWM per expert, weights aggregated (:func:`bwm_group`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, Result, result_dataclass
from coopdecide._validation import check_choice, describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidComparisonError
from coopdecide.problem import normalize_weights
from coopdecide.weights.bwm import BWMResult, bwm

__all__ = ["BWM_AGGREGATIONS", "GroupBWMResult", "bwm_group"]

BWM_AGGREGATIONS = ("geometric", "arithmetic")


def _judgments(name: Any, value: Any) -> dict[str, Any]:
    """An expert's input, ``(best_to_others, others_to_worst)`` or bwm()'s arguments."""
    if isinstance(value, Mapping) and "best_to_others" in value:
        unknown = set(value) - {"best_to_others", "others_to_worst", "best", "worst"}
        if unknown or "others_to_worst" not in value:
            raise InvalidArgumentError(
                f"expert {describe(name)}: expected keys best_to_others, others_to_worst "
                f"(and optionally best, worst); got {format_labels(sorted(map(str, value)))}"
            )
        return dict(value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return {"best_to_others": value[0], "others_to_worst": value[1]}
    raise InvalidArgumentError(
        f"expert {describe(name)} must give (best_to_others, others_to_worst) or a mapping with "
        f"those keys; got {type(value).__name__}"
    )


def bwm_group(
    experts: Mapping[Any, Any],
    *,
    aggregation: str = "geometric",
    expert_weights: Any = None,
    model: str = "nonlinear",
) -> GroupBWMResult:
    """Best-Worst Method for several experts: each expert's weights, then their mean.

    Parameters
    ----------
    experts : mapping
        Expert name -> ``(best_to_others, others_to_worst)``, or a mapping
        with keys ``best_to_others``, ``others_to_worst`` and optionally
        ``best``, ``worst`` (the arguments of :func:`bwm`). Experts may name
        different best and worst criteria, but must judge the same criteria.
    aggregation : {"geometric", "arithmetic"}, default "geometric"
        ``"geometric"``: the weighted geometric mean of the experts' weights,
        normalised to sum 1 (BWM weights are ratio-scale, and the geometric
        mean is the aggregation of individual priorities that keeps ratios,
        Forman and Peniwati 1998); ``"arithmetic"``: the weighted arithmetic
        mean.
    expert_weights : mapping or sequence, optional
        The experts' weights (normalised to sum 1); equal by default.
    model : {"nonlinear", "linear"}, default "nonlinear"
        The BWM model of every expert (:func:`bwm`).

    Returns
    -------
    GroupBWMResult

    Raises
    ------
    InvalidArgumentError
        No experts, a malformed entry, or experts over different criteria.
    InvalidWeightsError
        Invalid expert weights.

    References
    ----------
    Rezaei, J. (2015). Best-worst multi-criteria decision-making method.
    *Omega* 53, 49-57. Forman, E. and Peniwati, K. (1998). Aggregating
    individual judgments and priorities with the analytic hierarchy process.
    *European Journal of Operational Research* 108(1), 165-169.

    Examples
    --------
    >>> group = bwm_group({
    ...     "e1": ({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1}),
    ...     "e2": ({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 1.5, "c": 1}),
    ... }, aggregation="arithmetic")
    >>> group.weights.round(4).tolist()
    [0.5584, 0.2792, 0.1623]
    """
    check_choice("aggregation", aggregation, BWM_AGGREGATIONS)
    if not isinstance(experts, Mapping) or not experts:
        raise InvalidArgumentError(
            f"experts must be a non-empty mapping name -> judgments; got {describe(experts)}"
        )
    results = {}
    for name, value in experts.items():
        try:
            results[name] = bwm(**_judgments(name, value), model=model)
        except InvalidComparisonError as error:
            raise InvalidComparisonError(f"expert {describe(name)}: {error}") from None
    first_name, first = next(iter(results.items()))
    labels = first.weights.index
    for name, result in results.items():
        if set(result.weights.index) != set(labels):
            raise InvalidArgumentError(
                f"every expert must judge the same criteria; {describe(first_name)} judges "
                f"{format_labels(labels)}, {describe(name)} {format_labels(result.weights.index)}"
            )
    names = pd.Index(list(results), name="expert")
    by_expert = pd.DataFrame(
        [results[name].weights.reindex(labels).to_numpy() for name in names],
        index=names,
        columns=labels,
    )
    share = (
        np.full(len(names), 1.0 / len(names))
        if expert_weights is None
        else normalize_weights(expert_weights, names, name="expert_weights")
    )
    matrix = by_expert.to_numpy()
    if aggregation == "geometric":
        with np.errstate(divide="ignore"):
            combined = np.exp(share @ np.log(matrix))
    else:
        combined = share @ matrix
    return GroupBWMResult(
        aggregation=aggregation,
        model=model,
        results=results,
        criteria=labels,
        experts=names,
        weight_array=combined / combined.sum(),
        expert_weight_array=np.array(share, dtype=float),
        by_expert_array=matrix,
    )


@result_dataclass
class GroupBWMResult(Result):
    """Group Best-Worst Method weights (returned by :func:`bwm_group`).

    Attributes
    ----------
    aggregation : str
        "geometric" or "arithmetic".
    model : str
        The BWM model used for every expert.
    results : Mapping
        Expert name -> :class:`~coopdecide.weights.BWMResult` (read-only).
    criteria, experts : pandas.Index
        The labels.
    weight_array, expert_weight_array : numpy.ndarray
        The group weights and the experts' weights (read-only).
    by_expert_array : numpy.ndarray
        Each expert's weights, experts x criteria (read-only).
    """

    aggregation: str
    model: str
    results: Mapping[Any, BWMResult]
    criteria: pd.Index
    experts: pd.Index
    weight_array: np.ndarray
    expert_weight_array: np.ndarray
    by_expert_array: np.ndarray

    plot = PlotAccessor("GroupBWMPlots")

    @property
    def weights(self) -> pd.Series:
        """The group weights (sum 1), indexed by criterion."""
        return pd.Series(self.weight_array, index=self.criteria, name="weight", copy=True)

    @property
    def by_expert(self) -> pd.DataFrame:
        """Each expert's weights: experts x criteria."""
        return pd.DataFrame(
            self.by_expert_array, index=self.experts, columns=self.criteria, copy=True
        )

    @property
    def expert_weights(self) -> pd.Series:
        """The weights of the experts in the aggregation."""
        return pd.Series(self.expert_weight_array, index=self.experts, name="weight", copy=True)

    @property
    def consistency(self) -> pd.DataFrame:
        """Per expert: best, worst, xi, consistency ratio, input-based consistency ratio."""
        rows = {
            name: {
                "best": result.best,
                "worst": result.worst,
                "xi": result.xi,
                "consistency_ratio": result.consistency_ratio,
                "input_consistency_ratio": result.input_consistency_ratio,
            }
            for name, result in self.results.items()
        }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "expert"
        return frame

    def to_frame(self) -> pd.DataFrame:
        """Criteria x (each expert, then ``group``)."""
        frame = self.by_expert.T
        frame["group"] = self.weight_array
        frame.index.name = "criterion"
        return frame

    def _export(self) -> dict[str, Any]:
        return {
            "aggregation": self.aggregation,
            "model": self.model,
            "weights": self.weights,
            "expert_weights": self.expert_weights,
            "experts": {str(name): result.to_dict() for name, result in self.results.items()},
        }

    def _summary(self) -> dict[str, Any]:
        return {"aggregation": self.aggregation, "model": self.model, "experts": len(self.results)}

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"weights": self.to_frame(), "consistency": self.consistency}
