"""Subjective and objective weights combined (:func:`combine_weights`) and compared.

See ``docs/methods/objective-weights.md`` for the formulas and citations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import check_choice, check_interval, describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidWeightsError
from coopdecide.problem import normalize_weights
from coopdecide.weights._result import WeightsResult

__all__ = ["COMBINATIONS", "combine_weights", "compare_weights"]

COMBINATIONS = ("multiplicative", "linear")

MULTIPLICATIVE_REFERENCE = (
    "Wang, T.-C. and Lee, H.-D. (2009). Developing a fuzzy TOPSIS approach based on "
    "subjective weights and objective weights. Expert Systems with Applications 36(5), "
    "8980-8985 (w_j = s_j o_j / sum_k s_k o_k)."
)
LINEAR_REFERENCE = (
    "Ma, J., Fan, Z.-P. and Huang, L.-H. (1999). A subjective and objective integrated "
    "approach to determine attribute weights. European Journal of Operational Research "
    "112(2), 397-404 (w = alpha s + (1 - alpha) o)."
)


def _labels(weights: Any) -> pd.Index | None:
    if isinstance(weights, pd.Series):
        return weights.index
    if isinstance(weights, Mapping):
        return pd.Index(list(weights))
    return None


def _aligned(vectors: Mapping[str, Any]) -> pd.DataFrame:
    """The weight vectors as columns of one DataFrame, each validated and summing to 1.

    A vector is a result with ``.weights``, a Series, a mapping or an array; the criteria
    are those of the first labelled vector, in its order.
    """
    values = {name: getattr(value, "weights", value) for name, value in vectors.items()}
    labels = next((found for v in values.values() if (found := _labels(v)) is not None), None)
    if labels is None:
        raise InvalidWeightsError(
            f"the weight vectors ({format_labels(values)}) are all unlabelled arrays; give at "
            "least one with criterion labels (a Series, a mapping or a result)"
        )
    columns = {name: normalize_weights(v, labels, name=name) for name, v in values.items()}
    return pd.DataFrame(columns, index=labels)


def combine_weights(
    subjective: Any,
    objective: Any,
    *,
    method: str = "multiplicative",
    alpha: float | None = None,
) -> WeightsResult:
    """Combine subjective (e.g. AHP, BWM) and objective (e.g. entropy) weights.

    Parameters
    ----------
    subjective, objective : result, Series, mapping or array-like
        The two weight vectors: anything with a ``.weights`` Series (an
        ``AHPResult``, a ``WeightsResult``, a ``DecisionProblem``...), a
        Series or mapping criterion -> weight, or an array in the criteria
        order of the other (labelled) vector. Each is normalised to sum 1.
    method : {"multiplicative", "linear"}, default "multiplicative"
        ``"multiplicative"``: ``w_j = s_j o_j / sum_k s_k o_k`` (Wang and Lee
        2009); ``"linear"``: ``w_j = alpha s_j + (1 - alpha) o_j`` (Ma, Fan and
        Huang 1999).
    alpha : float, optional
        The share of the subjective weights in the linear combination, in
        [0, 1]; required for ``method="linear"`` (there is no neutral
        default), not accepted for ``"multiplicative"``.

    Returns
    -------
    WeightsResult
        ``weights`` (method "combined"); intermediates ``subjective`` and
        ``objective`` (normalised).

    Raises
    ------
    UnknownMethodError
        An unknown method.
    InvalidArgumentError
        ``alpha`` missing for "linear", given for "multiplicative", or
        outside [0, 1].
    InvalidWeightsError
        Vectors over different criteria, negative or all-zero weights, or a
        product that is zero for every criterion.

    Notes
    -----
    The multiplicative rule gives 0 to a criterion that either source gives
    0, and sharpens the weights where both agree; the linear rule keeps every
    criterion that one source weighs.

    Examples
    --------
    >>> s = {"cost": 0.5, "risk": 0.3, "fit": 0.2}
    >>> o = {"cost": 0.2, "risk": 0.4, "fit": 0.4}
    >>> combine_weights(s, o).weights.round(4).tolist()
    [0.3333, 0.4, 0.2667]
    >>> combine_weights(s, o, method="linear", alpha=0.7).weights.round(4).tolist()
    [0.41, 0.33, 0.26]
    """
    check_choice("method", method, COMBINATIONS)
    if method == "linear":
        if alpha is None:
            raise InvalidArgumentError(
                "alpha (the share of the subjective weights, in [0, 1]) is required for "
                "method='linear'; got None"
            )
        share = check_interval("alpha", alpha, 0, 1)
    elif alpha is not None:
        raise InvalidArgumentError(
            f"alpha applies to method='linear' only; got alpha={describe(alpha)} with "
            "method='multiplicative'"
        )
    frame = _aligned({"subjective": subjective, "objective": objective})
    s, o = frame["subjective"].to_numpy(), frame["objective"].to_numpy()
    if method == "linear":
        combined = share * s + (1.0 - share) * o
        options: dict[str, Any] = {"combination": method, "alpha": share}
        reference = LINEAR_REFERENCE
    else:
        product = s * o
        if product.sum() <= 0:
            raise InvalidWeightsError(
                "the multiplicative combination is 0 for every criterion (each criterion has "
                "zero weight in one of the two vectors); use method='linear'"
            )
        combined = product / product.sum()
        options = {"combination": method}
        reference = MULTIPLICATIVE_REFERENCE
    return WeightsResult(
        method="combined",
        criteria=frame.index,
        weight_array=np.array(combined, dtype=float),
        values={"subjective": np.array(s), "objective": np.array(o)},
        options=options,
        reference=reference,
    )


def compare_weights(vectors: Mapping[str, Any]) -> pd.DataFrame:
    """Weight vectors side by side: one column per source, one row per criterion.

    Parameters
    ----------
    vectors : mapping
        Name -> weight vector (a result with ``.weights``, a Series, a
        mapping, or an array in the criteria order of a labelled one). Each
        is normalised to sum 1.

    Returns
    -------
    pandas.DataFrame
        The weights, criteria in the order of the first labelled vector, with
        a last row ``"max |difference|"`` per column giving its largest
        absolute difference from the first column.

    Raises
    ------
    InvalidArgumentError
        Fewer than one vector.
    InvalidWeightsError
        Vectors over different criteria, or invalid weights.

    Examples
    --------
    >>> compare_weights({"AHP": {"a": 0.6, "b": 0.4}, "entropy": {"a": 0.5, "b": 0.5}})
                      AHP  entropy
    a                 0.6      0.5
    b                 0.4      0.5
    max |difference|  0.0      0.1
    """
    if not isinstance(vectors, Mapping) or not vectors:
        raise InvalidArgumentError(
            f"vectors must be a non-empty mapping name -> weights; got {describe(vectors)}"
        )
    frame = _aligned({str(name): value for name, value in vectors.items()})
    first = frame.iloc[:, 0]
    gap = frame.sub(first, axis=0).abs().max().round(12)
    return pd.concat([frame, gap.to_frame("max |difference|").T])
