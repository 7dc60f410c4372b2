"""Best-Worst Method: published example, consistency index, exactness, multiple optima, group.

Rezaei, J. (2015). Best-worst multi-criteria decision-making method. Omega 53, 49-57.
Rezaei, J. (2016). Best-worst multi-criteria decision-making method: some properties and a
linear model. Omega 64, 126-130.
Liang, F., Brunelli, M. and Rezaei, J. (2020). Consistency issues in the best worst method:
measurements and thresholds. Omega 96, 102175.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidWeightsError,
    UnknownMethodError,
)
from coopdecide.weights import BWMResult, bwm, bwm_consistency_index, bwm_group
from coopdecide.weights.bwm import CONSISTENCY_INDEX_REZAEI_2015

# A 5-criterion input with an inconsistent judgment (comfort: 4 x 4 != a_BW = 8), whose
# nonlinear model has many optimal weight vectors.
CAR_B = {"quality": 2, "price": 1, "comfort": 4, "safety": 2, "style": 8}
CAR_W = {"quality": 4, "price": 8, "comfort": 4, "safety": 4, "style": 1}


def _ratio_objective(w: np.ndarray, a_b: np.ndarray, a_w: np.ndarray, b: int, k: int):
    """Rezaei (2015): max_j max(|w_B / w_j - a_Bj|, |w_j / w_W - a_jW|), batched."""
    return np.maximum(
        np.abs(w[:, [b]] / w - a_b).max(axis=1), np.abs(w / w[:, [k]] - a_w).max(axis=1)
    )


def _linear_objective(w: np.ndarray, a_b: np.ndarray, a_w: np.ndarray, b: int, k: int):
    """Rezaei (2016), linear model: max_j max(|w_B - a_Bj w_j|, |w_j - a_jW w_W|), batched."""
    return np.maximum(
        np.abs(w[:, [b]] - a_b * w).max(axis=1), np.abs(w - a_w * w[:, [k]]).max(axis=1)
    )


# -- published values ------------------------------------------------------------------------
def test_three_criteria_example():
    """The 3-criterion example attributed to Rezaei (2015) in JMcDM's test suite
    (test/mcdm/testbestworst.jl, "Basic Example in the Original Paper"): a_B = (8, 2, 1),
    a_W = (1, 5, 8); xi* = 0.26, weights (0.071, 0.338, 0.589) at the printed digits (the
    paper itself was not re-read here). Checked again below against a dense search."""
    result = bwm({"c1": 8, "c2": 2, "c3": 1}, {"c1": 1, "c2": 5, "c3": 8})
    assert (result.best, result.worst) == ("c3", "c1")
    assert result.xi == pytest.approx(0.26, abs=0.005)
    np.testing.assert_allclose(result.weights, [0.071, 0.338, 0.589], atol=2e-3)
    assert result.unique
    # input-based CR (Liang et al. 2020) by hand: |2 x 5 - 8| / (8^2 - 8) = 2/56 for c2
    assert result.input_consistency_ratio == pytest.approx(2 / 56)
    # CR = xi* / CI(8), CI(8) = 4.47 (Rezaei 2015, Table 5)
    assert result.consistency_ratio == pytest.approx(result.xi / 4.47, rel=2e-3)


def test_consistency_index_is_rezaei_table_5():
    """Rezaei (2015), Table 5: CI for a_BW = 1..9, printed to two decimals."""
    printed = [0.00, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23]
    assert list(CONSISTENCY_INDEX_REZAEI_2015.values()) == printed
    for a_bw, ci in CONSISTENCY_INDEX_REZAEI_2015.items():
        assert bwm_consistency_index(a_bw) == pytest.approx(ci, abs=5e-3)


def test_consistency_index_is_the_largest_xi():
    """The CI is xi* of the most inconsistent input for a_BW (a_Bj = a_jW = a_BW for a third
    criterion j; Rezaei 2015)."""
    for a_bw in (2, 5, 9):
        result = bwm({"b": 1, "j": a_bw, "w": a_bw}, {"b": a_bw, "j": a_bw, "w": 1})
        assert result.xi == pytest.approx(bwm_consistency_index(a_bw), abs=1e-9)
        assert result.consistency_ratio == pytest.approx(1.0, abs=1e-9)


# -- exactness against independent searches ----------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("model", ["nonlinear", "linear"])
def test_no_weight_vector_beats_the_optimum(seed, model):
    """Random inputs: the returned weights attain xi, and among 200,000 random weight vectors
    (and a local polish of the best) none does better."""
    rng = np.random.default_rng(seed)
    n = 4
    a_b = rng.integers(2, 10, n).astype(float)
    a_w = rng.integers(2, 10, n).astype(float)
    b, k = 0, n - 1
    a_b[b], a_w[k] = 1.0, 1.0
    a_w[b] = a_b[k]
    labels = [f"c{i}" for i in range(n)]
    result = bwm(
        dict(zip(labels, a_b, strict=True)),
        dict(zip(labels, a_w, strict=True)),
        model=model,
        best="c0",
        worst=f"c{n - 1}",
    )
    objective = _ratio_objective if model == "nonlinear" else _linear_objective
    attained = objective(result.weights.to_numpy()[None, :], a_b, a_w, b, k)[0]
    assert attained == pytest.approx(result.xi, rel=1e-7, abs=1e-9)
    samples = rng.dirichlet(np.ones(n), 200_000)
    assert objective(samples, a_b, a_w, b, k).min() >= result.xi - 1e-9


def test_multiple_optima_interval_contains_every_near_optimal_vector():
    """Rezaei (2016): the nonlinear model can have many optimal weight vectors. Every random
    random vector within 0.01 of xi* must lie (up to a small tolerance) in the reported
    intervals, and such vectors spread over a good part of each interval."""
    result = bwm(CAR_B, CAR_W)
    assert not result.unique
    labels = list(CAR_B)
    a_b = np.array([CAR_B[c] for c in labels], float)
    a_w = np.array([CAR_W[c] for c in labels], float)
    b, k = labels.index("price"), labels.index("style")
    rng = np.random.default_rng(3)
    centre = result.weights.to_numpy()
    samples = rng.dirichlet(centre * 1000, 400_000)
    near = samples[_ratio_objective(samples, a_b, a_w, b, k) <= result.xi + 1e-2]
    assert len(near) > 100
    intervals = result.intervals
    assert (near >= intervals["weight_min"].to_numpy() - 2e-3).all()
    assert (near <= intervals["weight_max"].to_numpy() + 2e-3).all()
    width = (intervals["weight_max"] - intervals["weight_min"]).to_numpy()
    assert (near.max(axis=0) - near.min(axis=0) > 0.4 * width).all()
    # the point weights are optimal too
    attained = _ratio_objective(centre[None, :], a_b, a_w, b, k)[0]
    assert attained == pytest.approx(result.xi, rel=1e-6)
    # the linear model's solution is unique (Rezaei 2016)
    assert bwm(CAR_B, CAR_W, model="linear").unique


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.floats(0.05, 1.0), min_size=2, max_size=7),
    model=st.sampled_from(["nonlinear", "linear"]),
)
def test_consistent_judgments_return_the_generating_weights(weights, model):
    """a_Bj = w_B / w_j and a_jW = w_j / w_W give back w with xi* = 0 and CR = 0."""
    w = np.array(weights) / np.sum(weights)
    if np.isclose(w.max(), w.min()):
        return  # best and worst must differ
    b, k = int(np.argmax(w)), int(np.argmin(w))
    labels = [f"c{i}" for i in range(w.size)]
    a_b = dict(zip(labels, w[b] / w, strict=True))
    a_w = dict(zip(labels, w / w[k], strict=True))
    a_b[labels[b]], a_w[labels[k]] = 1.0, 1.0
    a_w[labels[b]] = a_b[labels[k]]
    result = bwm(a_b, a_w, best=labels[b], worst=labels[k], model=model)
    np.testing.assert_allclose(result.weights, w, atol=1e-7)
    assert result.xi == pytest.approx(0.0, abs=1e-7)
    assert result.input_consistency_ratio == pytest.approx(0.0, abs=1e-9)
    if model == "nonlinear":
        assert result.consistency_ratio == pytest.approx(0.0, abs=1e-7)
    assert result.unique


# -- errors -------------------------------------------------------------------------------------
def test_errors():
    with pytest.raises(InvalidComparisonError, match=r"finite numbers >= 1 .* got 0.5 for 'b'"):
        bwm({"a": 1, "b": 0.5, "c": 4}, {"a": 4, "b": 2, "c": 1})
    with pytest.raises(InvalidComparisonError, match="must judge the same criteria"):
        bwm({"a": 1, "b": 2}, {"a": 2, "x": 1})
    with pytest.raises(InvalidComparisonError, match=r"a_BW\); got 4.0 and 5.0"):
        bwm({"a": 1, "b": 2, "c": 4}, {"a": 5, "b": 2, "c": 1})
    with pytest.raises(InvalidArgumentError, match="'a', 'b' have 1; pass best="):
        bwm({"a": 1, "b": 1, "c": 4}, {"a": 4, "b": 4, "c": 1})
    with pytest.raises(InvalidComparisonError, match="must be 1 for the best criterion"):
        bwm({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1}, best="b")
    with pytest.raises(InvalidArgumentError, match="best must be one of the criteria"):
        bwm({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1}, best="z")
    with pytest.raises(UnknownMethodError, match="did you mean 'linear'"):
        bwm({"a": 1, "b": 2}, {"a": 2, "b": 1}, model="lineer")
    with pytest.raises(InvalidComparisonError, match="a mapping or Series"):
        bwm([1, 2], [2, 1])
    with pytest.raises(InvalidComparisonError, match="at least 2 criteria"):
        bwm({"a": 1}, {"a": 1})


def test_sequences_with_criteria():
    result = bwm([1, 2, 4], [4, 2, 1], criteria=["a", "b", "c"])
    np.testing.assert_allclose(result.weights, [4 / 7, 2 / 7, 1 / 7], atol=1e-9)


# -- result object --------------------------------------------------------------------------------
def test_result_object(tmp_path):
    result = bwm(CAR_B, CAR_W)
    assert isinstance(result, BWMResult)
    frame = result.to_frame()
    assert list(frame.columns) == [
        "weight",
        "weight_min",
        "weight_max",
        "best_to_others",
        "others_to_worst",
        "input_consistency_ratio",
    ]
    assert frame["weight"].sum() == pytest.approx(1.0)
    assert (frame["weight_min"] <= frame["weight"] + 1e-12).all()
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["best"] == "price" and payload["model"] == "nonlinear"
    assert payload["intervals"]["weight_max"]["comfort"] == pytest.approx(
        result.intervals.loc["comfort", "weight_max"]
    )
    assert "BWMResult(model=nonlinear, best=price, worst=style" in repr(result)
    assert "<table" in result._repr_html_()
    with pytest.raises(AttributeError, match="immutable"):
        result.xi = 0
    import matplotlib

    matplotlib.use("Agg")
    ax = result.plot()
    assert ax.get_legend() is not None  # the intervals are drawn
    ax.figure.savefig(tmp_path / "bwm.png")
    linear = bwm(CAR_B, CAR_W, model="linear").plot()
    assert "input CR 0.143" in linear.get_title()
    assert linear.get_legend() is None  # unique weights: no intervals
    import matplotlib.pyplot as plt

    plt.close("all")


# -- group ------------------------------------------------------------------------------------
def test_group_means_by_hand(tmp_path):
    experts = {
        "e1": ({"a": 1, "b": 2, "c": 4}, {"a": 4, "b": 2, "c": 1}),  # (4, 2, 1) / 7
        "e2": {  # (6, 3, 2) / 11, best and worst named
            "best_to_others": {"a": 1, "b": 2, "c": 3},
            "others_to_worst": {"a": 3, "b": 1.5, "c": 1},
            "best": "a",
            "worst": "c",
        },
    }
    e1, e2 = np.array([4, 2, 1]) / 7, np.array([6, 3, 2]) / 11
    geometric = bwm_group(experts)
    g = np.sqrt(e1 * e2)
    np.testing.assert_allclose(geometric.weights, g / g.sum(), atol=1e-9)
    weighted = bwm_group(experts, aggregation="arithmetic", expert_weights={"e1": 3, "e2": 1})
    np.testing.assert_allclose(weighted.weights, 0.75 * e1 + 0.25 * e2, atol=1e-9)
    assert list(weighted.by_expert.index) == ["e1", "e2"]
    assert weighted.consistency.loc["e2", "xi"] == pytest.approx(0.0, abs=1e-9)
    frame = weighted.to_frame()
    assert list(frame.columns) == ["e1", "e2", "group"]
    json.dumps(weighted.to_dict())
    assert "GroupBWMResult(aggregation=arithmetic" in repr(weighted)
    assert "consistency" in weighted._repr_html_()
    import matplotlib

    matplotlib.use("Agg")
    ax = weighted.plot()
    ax.figure.savefig(tmp_path / "group.png")
    import matplotlib.pyplot as plt

    plt.close("all")


def test_group_errors():
    one = ({"a": 1, "b": 2}, {"a": 2, "b": 1})
    with pytest.raises(InvalidArgumentError, match="non-empty mapping"):
        bwm_group({})
    with pytest.raises(InvalidArgumentError, match="same criteria"):
        bwm_group({"e1": one, "e2": ({"a": 1, "x": 2}, {"a": 2, "x": 1})})
    with pytest.raises(InvalidComparisonError, match="expert 'e2': best_to_others judgments"):
        bwm_group({"e1": one, "e2": ({"a": 1, "b": 0}, {"a": 2, "b": 1})})
    with pytest.raises(InvalidArgumentError, match="expected keys best_to_others"):
        bwm_group({"e1": {"best_to_others": {"a": 1}, "other": 1}})
    with pytest.raises(InvalidWeightsError, match="expert_weights must be non-negative"):
        bwm_group({"e1": one, "e2": one}, expert_weights={"e1": 1, "e2": -1})
    with pytest.raises(UnknownMethodError, match="aggregation must be one of"):
        bwm_group({"e1": one}, aggregation="median")
    frame = bwm_group({"e1": one}).by_expert
    assert isinstance(frame, pd.DataFrame)
