"""combine_weights and compare_weights: the formulas by hand, label handling, errors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import coopdecide
from coopdecide.exceptions import InvalidArgumentError, InvalidWeightsError, UnknownMethodError
from coopdecide.weights import combine_weights, compare_weights, entropy_weights

SUBJECTIVE = pd.Series({"cost": 0.5, "risk": 0.3, "fit": 0.2})
OBJECTIVE = {"fit": 0.4, "cost": 0.2, "risk": 0.4}  # another order: aligned by label


def test_multiplicative_by_hand():
    """Wang and Lee (2009): w_j = s_j o_j / sum s o. Products 0.10, 0.12, 0.08 (sum 0.30)."""
    result = combine_weights(SUBJECTIVE, OBJECTIVE)
    np.testing.assert_allclose(result.weights, [0.10 / 0.3, 0.12 / 0.3, 0.08 / 0.3])
    assert list(result.weights.index) == ["cost", "risk", "fit"]
    assert result.options["combination"] == "multiplicative"
    np.testing.assert_allclose(result.intermediates["objective"], [0.2, 0.4, 0.4])


def test_linear_by_hand():
    """Ma, Fan and Huang (1999): alpha s + (1 - alpha) o; alpha = 0.7."""
    result = combine_weights(SUBJECTIVE, OBJECTIVE, method="linear", alpha=0.7)
    np.testing.assert_allclose(result.weights, [0.41, 0.33, 0.26])
    np.testing.assert_allclose(
        combine_weights(SUBJECTIVE, OBJECTIVE, method="linear", alpha=1).weights, SUBJECTIVE
    )
    np.testing.assert_allclose(
        combine_weights(SUBJECTIVE, OBJECTIVE, method="linear", alpha=0).weights, [0.2, 0.4, 0.4]
    )


def test_results_and_arrays_as_inputs():
    matrix = pd.DataFrame([[1, 10, 3], [2, 20, 3.5], [3, 40, 4]], columns=["cost", "risk", "fit"])
    objective = entropy_weights(matrix)
    ahp = coopdecide.ahp(
        pd.DataFrame(
            [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]],
            index=["cost", "risk", "fit"],
            columns=["cost", "risk", "fit"],
        )
    )
    result = combine_weights(ahp, objective)
    product = ahp.weights * objective.weights
    np.testing.assert_allclose(result.weights, product / product.sum())
    from_array = combine_weights([0.5, 0.3, 0.2], OBJECTIVE)  # array in the labelled order
    assert list(from_array.weights.index) == ["fit", "cost", "risk"]
    # fit 0.5 x 0.4, cost 0.3 x 0.2, risk 0.2 x 0.4 = 0.20, 0.06, 0.08 (sum 0.34)
    np.testing.assert_allclose(from_array.weights, np.array([0.20, 0.06, 0.08]) / 0.34)


def test_result_object(tmp_path):
    result = combine_weights(SUBJECTIVE, OBJECTIVE, method="linear", alpha=0.25)
    frame = result.to_frame()
    assert list(frame.columns) == ["weight", "subjective", "objective"]
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["options"] == {"combination": "linear", "alpha": 0.25}
    assert "Ma, J." in payload["reference"]
    import matplotlib

    matplotlib.use("Agg")
    ax = result.plot.components()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "subjective",
        "objective",
        "combined",
    ]
    ax.figure.savefig(tmp_path / "combined.png")
    with pytest.raises(InvalidArgumentError, match="components\\(\\) is for combined weights"):
        entropy_weights([[1, 2], [2, 5]]).plot.components()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_errors():
    with pytest.raises(InvalidArgumentError, match=r"alpha .* is required for method='linear'"):
        combine_weights(SUBJECTIVE, OBJECTIVE, method="linear")
    with pytest.raises(InvalidArgumentError, match="alpha applies to method='linear' only"):
        combine_weights(SUBJECTIVE, OBJECTIVE, alpha=0.5)
    with pytest.raises(InvalidArgumentError, match="alpha must be a number in \\[0, 1\\]"):
        combine_weights(SUBJECTIVE, OBJECTIVE, method="linear", alpha=1.5)
    with pytest.raises(UnknownMethodError, match="did you mean 'linear'"):
        combine_weights(SUBJECTIVE, OBJECTIVE, method="lineal")
    with pytest.raises(InvalidWeightsError, match="objective names criteria that do not exist"):
        combine_weights(SUBJECTIVE, {"cost": 1, "risk": 1, "other": 1})
    with pytest.raises(InvalidWeightsError, match="objective must be non-negative"):
        combine_weights(SUBJECTIVE, {"cost": 1, "risk": -1, "fit": 1})
    with pytest.raises(InvalidWeightsError, match="all unlabelled arrays"):
        combine_weights([0.5, 0.5], [0.2, 0.8])
    with pytest.raises(InvalidWeightsError, match="0 for every criterion"):
        combine_weights({"a": 1, "b": 0}, {"a": 0, "b": 1})


def test_compare_weights():
    table = compare_weights({"AHP": SUBJECTIVE, "entropy": OBJECTIVE, "equal": [1, 1, 1]})
    assert list(table.columns) == ["AHP", "entropy", "equal"]
    assert list(table.index) == ["cost", "risk", "fit", "max |difference|"]
    assert table.loc["max |difference|", "entropy"] == pytest.approx(0.3)
    assert table.loc["max |difference|", "equal"] == pytest.approx(0.5 - 1 / 3)
    with pytest.raises(InvalidArgumentError, match="non-empty mapping"):
        compare_weights({})


def test_results_pickle():
    import pickle

    from coopdecide.weights import bwm, bwm_group, critic_weights

    one = ({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1})
    results = [
        critic_weights([[1, 3, 2], [2, 1, 2], [3, 2, 1], [4, 4, 5]], "max"),
        combine_weights(SUBJECTIVE, OBJECTIVE),
        bwm(*one),
        bwm_group({"e1": one, "e2": one}),
    ]
    for result in results:
        loaded = pickle.loads(pickle.dumps(result))
        pd.testing.assert_series_equal(loaded.weights, result.weights)
        assert not loaded.weight_array.flags.writeable
        assert loaded.to_dict() == result.to_dict()
