"""critical_changes(): hand example, Triantaphyllou and Sanchez (1997) closed form, brute force.

Triantaphyllou, E. and Sanchez, A. (1997). A sensitivity analysis approach for some
deterministic multi-criteria decision-making methods. Decision Sciences 28(1), 151-194.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidTypeError,
    InvalidWeightsError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.ranking.kernels import normalize, topsis_kernel
from coopdecide.sensitivity import CriticalChangesResult, critical_changes


# -- a 3 x 2 example worked by hand -------------------------------------------------------
@pytest.fixture
def hand():
    return DecisionProblem(
        [[10, 0], [0, 10], [5, 4]],
        "max",
        alternatives=["A", "B", "C"],
        criteria=["c1", "c2"],
        weights=[0.75, 0.25],
    )


def test_hand_example(hand):
    """Worked by hand.

    Min-max normalization leaves the matrix as A = (1, 0), B = (0, 1), C = (0.5, 0.4)
    (each column already runs from 0 to 1). Both criteria are benefits: the ideal is (1, 1),
    the anti-ideal (0, 0). With Manhattan distance, D+ = sum w_j (1 - r_j) and
    D- = sum w_j r_j, so D+ + D- = sum w_j = 1 and the closeness is the weighted sum
    C = w1 r1 + w2 r2. With two criteria the path of c1 is w = (t, 1 - t):

        C_A = t,   C_B = 1 - t,   C_C = 0.5 t + 0.4 (1 - t) = 0.4 + 0.1 t.

    At the current t = 0.75: C_A = 0.75, C_C = 0.475, C_B = 0.25, so A > C > B.
    Swaps: A = B at t = 1/2; A = C at t = 0.4 / 0.9 = 4/9; B = C at t = 0.6 / 1.1 = 6/11.
    Lowering t from 0.75, the first swap is B overtaking C at 6/11 (delta = 6/11 - 3/4 =
    -9/44 = -0.2045, i.e. -27.27 % of 0.75); the top changes at t = 1/2 where B overtakes A
    (delta = -0.25, -33.33 %). Raising t changes nothing (A only gains).

    For c2 (weight s = 1 - t, current 0.25) the same swaps sit at s = 1 - t: B = C at
    s = 5/11 (delta = +9/44 = +81.82 % of 0.25), A = B at s = 1/2 (delta = +0.25, +100 %).

    Most critical criterion (smallest |relative change|): c1 for the top (33.33 % < 100 %)
    and c1 for any pair (27.27 % < 81.82 %). In absolute terms c1 and c2 tie (with two
    criteria the two paths are the same line), and the first listed, c1, is reported.

    T&S state the change of W_k with the other weights fixed (before renormalising); for
    WSM their reversal point of A_i and A_j is delta = (P_i - P_j) / (a_jk - a_ik). For c1,
    A vs B: P_A = 0.75, P_B = 0.25, a_A1 = 1, a_B1 = 0: W_1 must move by -0.5 (to 0.25, so
    both score 0.25), which is the unnormalized_delta; -0.5 / 0.75 = -66.67 %.
    """
    result = critical_changes(hand, normalization="minmax", distance="manhattan")
    top, any_pair = result.top, result.any_pair
    assert top.loc["c1", "delta"] == pytest.approx(-0.25, abs=1e-12)
    assert top.loc["c1", "relative_change"] == pytest.approx(-100 / 3, abs=1e-9)
    assert top.loc["c1", "new_weight"] == pytest.approx(0.5, abs=1e-12)
    assert (top.loc["c1", "leader_before"], top.loc["c1", "leader_after"]) == ("A", "B")
    assert top.loc["c1", "unnormalized_delta"] == pytest.approx(-0.5, abs=1e-12)
    assert top.loc["c2", "delta"] == pytest.approx(0.25, abs=1e-12)
    assert top.loc["c2", "relative_change"] == pytest.approx(100.0, abs=1e-9)
    assert any_pair.loc["c1", "delta"] == pytest.approx(-9 / 44, abs=1e-12)
    assert any_pair.loc["c1", "relative_change"] == pytest.approx(-300 / 11, abs=1e-9)
    assert {any_pair.loc["c1", "alternative_a"], any_pair.loc["c1", "alternative_b"]} == {"B", "C"}
    assert (any_pair.loc["c1", "leader_before"], any_pair.loc["c1", "leader_after"]) == ("C", "B")
    assert any_pair.loc["c2", "delta"] == pytest.approx(9 / 44, abs=1e-12)
    assert any_pair.loc["c2", "relative_change"] == pytest.approx(900 / 11, abs=1e-9)
    assert result.most_critical_top == "c1"
    assert result.most_critical_any == "c1"
    most = result.most_critical
    assert most.loc["percent-top", "criterion"] == "c1"
    assert most.loc["absolute-any", "criterion"] == "c1"
    assert result.top_alternative == ["A"]
    assert top["feasible"].all()
    assert top["exact"].all()


# -- Triantaphyllou and Sanchez's closed form for WSM --------------------------------------
def _ts_wsm_changes(u: np.ndarray, weights: np.ndarray, k: int) -> list[tuple[float, int, int]]:
    """Every feasible T&S (1997) critical change of W_k for the WSM, as a signed change.

    T&S (1997), Theorem 1 (WSM): with A_1 the best alternative and 1 <= i < j <= M, the
    ranking of A_i and A_j is reversed when the weight W_k becomes W*_k = W_k - delta_{k,i,j}
    (the other weights unchanged) with

        delta'_{k,i,j} = delta_{k,i,j} * 100 / W_k  <  (P_j - P_i) / (a_jk - a_ik) * 100 / W_k
        if a_jk > a_ik (">" if a_jk < a_ik),

    feasible when (P_i - P_j) / (a_ik - a_jk) <= W_k (the new weight is not negative); the
    critical value is the bound. coopdecide's ``unnormalized_delta`` is the signed change
    W*_k - W_k = -delta_{k,i,j}. Returned: (signed change, i, j) per feasible pair.
    """
    score = u @ weights
    out = []
    n = u.shape[0]
    for i in range(n):
        for j in range(i + 1, n):
            if u[i, k] == u[j, k]:
                continue  # W_k cannot reverse a pair equal on criterion k
            delta = (score[j] - score[i]) / (u[j, k] - u[i, k])
            if (score[i] - score[j]) / (u[i, k] - u[j, k]) <= weights[k]:  # feasibility
                out.append((-delta, i, j))
    return out


def _minmax_benefit(matrix: np.ndarray, cost: list[int]) -> np.ndarray:
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    u = (matrix - low) / (high - low)
    u[:, cost] = 1 - u[:, cost]
    return u


def test_triantaphyllou_sanchez_minimum_in_their_own_form():
    """The issue-11 reproducer: min-max values and Manhattan distance make TOPSIS the WSM.

    For c1 (W_1 = 0.4) the WSM scores are A 0.4, B 0.6, C 0.7467. T&S's changes of W_1:
    A/B +0.2 (normalised: to 0.5, +0.1), B/C -0.1833 (normalised: to 0.2653, -0.1347),
    A/C +1.733. The nearest swap in normalised weight is A/B, but T&S's minimum in their
    own form is B/C: -0.1833, -45.83 % of 0.4.
    """
    matrix = np.array([[1, 0, 0.6], [0, 1, 0.9], [0.8, 0.9, 0.7]])
    weights = np.array([0.4, 0.4, 0.2])
    problem = DecisionProblem(
        matrix, "max", alternatives=["A", "B", "C"], criteria=["c1", "c2", "c3"], weights=weights
    )
    result = critical_changes(problem, normalization="minmax", distance="manhattan")
    row = result.any_pair.loc["c1"]
    assert row["delta"] == pytest.approx(0.1, abs=1e-12)
    assert {row["alternative_a"], row["alternative_b"]} == {"A", "B"}
    assert row["unnormalized_delta"] == pytest.approx(-0.11 / 0.6, abs=1e-12)
    assert row["unnormalized_relative_change"] == pytest.approx(-45.8333, abs=1e-4)
    assert {row["unnormalized_alternative_a"], row["unnormalized_alternative_b"]} == {"B", "C"}
    u = _minmax_benefit(matrix, [])
    closed = min(_ts_wsm_changes(u, weights, 0), key=lambda c: abs(c[0]))
    assert row["unnormalized_delta"] == pytest.approx(closed[0], rel=1e-12)


@pytest.mark.parametrize("seed", range(1, 9))
def test_agrees_with_triantaphyllou_sanchez_wsm_formula(seed):
    """With min-max normalization and Manhattan distance, TOPSIS closeness is the weighted sum
    of u = (x - min) / (max - min) (benefit) or (max - x) / (max - min) (cost) (see the hand
    example). T&S's minimum (over all pairs and both directions, in their own form) must be
    the ``unnormalized_*`` columns; the normalised minimum, on the path
    t = (W_k + x) / (1 + x), the ``delta`` column, each computed on its own."""
    rng = np.random.default_rng(seed)
    n, m = 6, 4
    matrix = rng.uniform(1, 10, (n, m))
    objectives = ["min", "max", "max", "min"]
    weights = rng.dirichlet(np.ones(m))
    problem = DecisionProblem(matrix, objectives, weights=weights)
    result = critical_changes(problem, normalization="minmax", distance="manhattan")
    u = _minmax_benefit(matrix, [0, 3])
    best = int(np.argmax(u @ weights))
    labels = problem.alternatives
    for k, criterion in enumerate(problem.criteria):
        changes = _ts_wsm_changes(u, weights, k)
        for scope, pool in (("any", changes), ("top", [c for c in changes if best in c[1:]])):
            row = result.to_frame().set_index(["criterion", "scope"]).loc[(criterion, scope)]
            if not pool:
                assert not row["feasible"]
                continue
            ts = min(pool, key=lambda c: abs(c[0]))
            assert row["unnormalized_delta"] == pytest.approx(ts[0], rel=1e-9)
            assert row["unnormalized_relative_change"] == pytest.approx(
                100 * ts[0] / weights[k], rel=1e-9
            )
            pair = {row["unnormalized_alternative_a"], row["unnormalized_alternative_b"]}
            assert pair == {labels[ts[1]], labels[ts[2]]}
            t = np.array([(weights[k] + x) / (1 + x) for x, _, _ in pool])
            assert abs(row["delta"]) == pytest.approx(np.abs(t - weights[k]).min(), abs=1e-9)


# -- brute force on a 100,000-point grid ---------------------------------------------------
@pytest.mark.parametrize(
    ("normalization", "distance"),
    [("vector", "euclidean"), ("minmax", "euclidean"), ("vector", "manhattan")],
)
def test_agrees_with_brute_force(brute, normalization, distance):
    """Against the 100,001-point grid of the ``brute`` fixture (conftest.py)."""
    rng = np.random.default_rng(42)
    n, m = 6, 3
    problem = DecisionProblem(
        rng.uniform(1, 10, (n, m)), ["max", "min", "max"], weights=rng.dirichlet(np.ones(m))
    )
    result = critical_changes(problem, normalization=normalization, distance=distance)
    normalized = normalize(problem.matrix, normalization)
    types = problem.types.astype(float)
    current = topsis_kernel(normalized, problem.weight_array, types, distance)[0]
    best = int(np.argmax(current))
    ia, ib = np.triu_indices(n, 1)
    current_sign = np.sign(current[ia] - current[ib])
    for k, criterion in enumerate(problem.criteria):
        w = problem.weight_array[k]
        closeness = brute.closeness(problem, k, normalization, distance)
        others = np.delete(closeness, best, axis=1).max(axis=1)
        top_changed = closeness[:, best] < others - 1e-12
        diff = closeness[:, ia] - closeness[:, ib]
        sign = np.where(np.abs(diff) <= 1e-12, 0, np.sign(diff))
        any_changed = (sign * current_sign < 0).any(axis=1)
        for scope, changed in (("top", top_changed), ("any", any_changed)):
            frame = result.to_frame()
            row = frame[(frame["criterion"] == criterion) & (frame["scope"] == scope)].iloc[0]
            up = brute.grid[(w < brute.grid) & changed]
            down = brute.grid[(w > brute.grid) & changed]
            gaps = [up.min() - w] if up.size else []
            gaps += [w - down.max()] if down.size else []
            if not gaps:
                assert not row["feasible"]
                continue
            assert row["feasible"]
            assert abs(row["delta"]) <= min(gaps) + 1e-12
            assert abs(row["delta"]) >= min(gaps) - brute.step - 1e-12


# -- infeasible changes, zero weights, other methods ---------------------------------------
def test_dominating_alternative_cannot_lose_the_top():
    problem = DecisionProblem(
        [[9, 9, 1], [7, 2, 5], [2, 7, 5], [4, 4, 4]], ["max", "max", "min"], weights=[0.4, 0.3, 0.3]
    )
    result = critical_changes(problem)
    top = result.top
    assert not top["feasible"].any()
    assert top["delta"].isna().all()
    assert all(value is None for value in top["leader_after"])
    assert result.any_pair["feasible"].any()
    assert result.most_critical_top is None
    assert result.most_critical.loc["percent-top", "criterion"] is None
    payload = json.loads(json.dumps(result.to_dict()))
    rows = [r for r in payload["changes"] if r["scope"] == "top"]
    assert all(r["feasible"] is False and r["delta"] is None for r in rows)


def test_zero_weight_has_infinite_relative_change():
    problem = DecisionProblem(
        [[1, 9, 3], [9, 1, 3], [5, 5, 9]], "max", weights=[0.0, 0.6, 0.4], criteria=["x", "y", "z"]
    )
    result = critical_changes(problem)
    row = result.any_pair.loc["x"]
    assert row["feasible"]
    assert row["delta"] > 0
    assert row["relative_change"] == np.inf
    payload = json.loads(json.dumps(result.to_dict()))
    x_any = next(r for r in payload["changes"] if r["criterion"] == "x" and r["scope"] == "any")
    assert x_any["relative_change"] == "inf"
    assert result.most_critical_any != "x"  # an infinite percentage is never the most critical


def test_grid_method_agrees_with_exact_equivalent(wsm_equivalent):
    """pymcdm's WSM = TOPSIS min-max + Manhattan (see the fixture in conftest.py)."""
    problem = wsm_equivalent
    grid = critical_changes(problem, method="wsm", normalization="minmax", grid_points=201)
    exact = critical_changes(problem, normalization="minmax", distance="manhattan")
    assert not grid.exact
    left, right = grid.to_frame(), exact.to_frame()
    assert (left["feasible"] == right["feasible"]).all()
    feasible = left["feasible"]
    gap = (left["delta"] - right["delta"]).abs()[feasible].astype(float)
    assert (gap <= left["resolution"][feasible].astype(float) + 1e-12).all()
    assert (left["leader_after"][feasible] == right["leader_after"][feasible]).all()


# -- results and errors --------------------------------------------------------------------
def test_result_renderings_and_immutability(hand):
    result = critical_changes(hand)
    assert isinstance(result, CriticalChangesResult)
    frame = result.to_frame()
    assert list(frame["scope"]) == ["top", "any", "top", "any"]
    assert frame["feasible"].dtype == bool
    assert frame["delta"].dtype == pd.Float64Dtype()
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["most_critical"][0]["definition"] == "percent-top"
    assert "CriticalChangesResult" in repr(result)
    assert "<div" in result._repr_html_()
    assert result.current_ranks.tolist() == [1, 3, 2]
    with pytest.raises(AttributeError, match="immutable"):
        result.method = "wsm"
    frame.loc[:, "delta"] = 99.0
    assert not (result.to_frame()["delta"] == 99.0).any()


def test_errors(hand):
    with pytest.raises(InvalidWeightsError, match=r"one value per criterion \(2\); got shape"):
        critical_changes(hand, weights=[0.2, 0.3, 0.5])
    with pytest.raises(UnknownMethodError, match=r"method must be one of .*got 'ahp'"):
        critical_changes(hand, method="ahp")
    with pytest.raises(InvalidWeightsError, match="weights are required"):
        critical_changes(hand.with_weights(None))
    with pytest.raises(InvalidArgumentError, match="grid_points must be at least 2; got 1"):
        critical_changes(hand, grid_points=1)
    with pytest.raises(InvalidTypeError, match="problem must be a DecisionProblem; got list"):
        critical_changes([[1, 2], [2, 1]])
    with pytest.raises(UnknownMethodError, match=r"normalization must be one of .*got 'z'"):
        critical_changes(hand, normalization="z")


def test_method_undefined_on_part_of_the_path_warns():
    problem = DecisionProblem(
        [[1, 5, 2], [4, 3, 3], [2, 6, 5], [3, 2, 1]], ["max", "max", "min"], weights=[0.4, 0.2, 0.4]
    )
    with pytest.warns(MethodWarning, match=r"'copras' is undefined .*'C3': 1 weight\(s\)"):
        result = critical_changes(problem, method="copras", grid_points=11)
    assert not result.exact


def test_tie_at_the_current_weights_is_a_zero_change():
    problem = DecisionProblem(
        [[10, 1], [1, 10], [4, 4]], "max", alternatives=["A", "B", "C"], weights=[0.5, 0.5]
    )
    result = critical_changes(problem)
    assert result.top_alternative == ["A", "B"]
    for criterion in ("C1", "C2"):
        row = result.top.loc[criterion]
        assert row["delta"] == 0.0
        assert row["relative_change"] == 0.0
        assert {row["alternative_a"], row["alternative_b"]} == {"A", "B"}


def test_plot_namespace(hand):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = critical_changes(hand).plot.tornado()
    assert len(ax.patches) == 2  # one bar per criterion
    plt.close("all")
