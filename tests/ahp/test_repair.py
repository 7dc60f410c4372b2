"""repair(): greedy one-judgment-at-a-time consistency repair."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopdecide
from coopdecide.ahp import SAATY_SCALE, PairwiseComparison, RepairResult, ahp, repair
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, UnknownMethodError

HOUSE_CASE = "ahp-saaty1990-house-criteria-8x8-inconsistent"


def house(reference_case):
    case = reference_case(HOUSE_CASE)
    return case, PairwiseComparison(
        case["inputs"]["pairwise_matrix"], labels=case["inputs"]["criteria"]
    )


def test_top_level_name():
    assert coopdecide.repair is repair


def test_house_repaired_by_changing_the_published_worst_judgment(reference_case):
    # Saaty (2003) EJOR 145:85-91, Table 3 names (neighborhood, general condition) as the
    # most inconsistent judgment of the house matrix (CR 0.169 in Saaty 1990). Changing it
    # to the scale value nearest w_i / w_j (1.128 -> 1) brings the CR under 0.1.
    case, pc = house(reference_case)
    fixed = repair(pc, 0.1)
    assert fixed.reached
    assert fixed.n_changes == 1
    step = fixed.steps.iloc[0]
    assert [step["row"], step["column"]] == case["expected"]["most_inconsistent_judgment"]["pair"]
    assert step["before"] == 6
    assert step["after"] == 1
    assert fixed.cr_before == pytest.approx(case["expected"]["CR"], abs=5e-4)
    assert fixed.cr == pytest.approx(ahp(pc.with_judgment(step["row"], step["column"], 1)).cr)
    assert fixed.cr <= 0.1
    assert fixed.original is pc
    assert fixed.comparison.matrix[6, 2] == 1


def test_stricter_target_takes_more_steps(reference_case):
    _, pc = house(reference_case)
    fixed = repair(pc, 0.05)
    assert fixed.n_changes >= 2
    assert fixed.reached
    steps = fixed.steps
    assert steps["step"].tolist() == list(range(1, fixed.n_changes + 1))
    assert (steps["cr_after"] < steps["cr_before"]).all()
    np.testing.assert_allclose(steps["cr_before"].iloc[1:], steps["cr_after"].iloc[:-1])


def test_max_changes_stops_and_says_so(reference_case):
    _, pc = house(reference_case)
    fixed = repair(pc, 0.01, max_changes=1)
    assert not fixed.reached
    assert fixed.n_changes == 1
    assert "NOT reached" in repr(fixed)
    none = repair(pc, 0.1, max_changes=0)
    assert none.n_changes == 0
    assert not none.reached
    assert none.comparison == pc


def test_consistent_input_is_left_alone():
    pc = PairwiseComparison.from_weights([0.5, 0.3, 0.2])
    fixed = repair(pc)
    assert fixed.reached
    assert fixed.n_changes == 0
    assert fixed.comparison == pc
    assert list(fixed.steps.columns) == [
        "step",
        "row",
        "column",
        "before",
        "after",
        "cr_before",
        "cr_after",
    ]


def test_unreachable_target_stops_when_no_change_helps():
    # every judgment already equals the scale value nearest w_i / w_j (2, 3, 2 against
    # weights ~ 0.54, 0.30, 0.16), so no single change is available, yet CR > 0
    pc = PairwiseComparison([[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]])
    fixed = repair(pc, 0.0)
    assert fixed.cr > 0
    assert not fixed.reached
    assert fixed.n_changes == 0
    cyclic = PairwiseComparison([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    result = repair(cyclic, 0.0)
    assert result.cr < result.cr_before
    assert result.n_changes <= 3  # None allows up to the number of judgments


def test_steps_replayed_on_the_original_give_the_repaired_comparison(reference_case):
    _, pc = house(reference_case)
    fixed = repair(pc, 0.03)
    replay = pc
    for step in fixed.steps.itertuples():
        assert replay.matrix[replay.position(step.row), replay.position(step.column)] == (
            pytest.approx(step.before)
        )
        replay = replay.with_judgment(step.row, step.column, step.after)
    assert replay == fixed.comparison
    assert np.isin(fixed.steps["after"], SAATY_SCALE).all()


def test_incomplete_comparison_repair_keeps_gaps():
    pc = PairwiseComparison.from_judgments(
        ["a", "b", "c", "d"],
        {("a", "b"): 3, ("b", "c"): 3, ("a", "c"): 1 / 5, ("c", "d"): 2, ("a", "d"): 4},
    )
    fixed = repair(pc, 0.1)
    assert fixed.reached
    assert fixed.comparison.missing_pairs() == [("b", "d")]
    assert fixed.result.completion == "lambda_max"


def test_geometric_method_and_other_table(reference_case):
    _, pc = house(reference_case)
    fixed = repair(pc, 0.1, method="geometric", ri_table="saaty2005")
    assert fixed.result.method == "geometric"
    assert fixed.result.ri_table == "saaty2005"
    assert fixed.cr <= 0.1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"target_cr": -1}, InvalidArgumentError, "target_cr must be at least 0.0; got -1"),
        ({"method": "power"}, UnknownMethodError, r"method must be one of .*; got 'power'"),
        ({"ri_table": "x"}, UnknownMethodError, r"ri_table must be one of .*; got 'x'"),
        ({"completion": "x"}, UnknownMethodError, r"completion must be one of .*; got 'x'"),
        ({"max_changes": 1.5}, InvalidTypeError, r"max_changes must be an integer; got 1.5"),
        ({"max_changes": -1}, InvalidArgumentError, r"max_changes must be at least 0; got -1"),
        (
            {"target_gci": 0.3},
            InvalidArgumentError,
            r"target_gci applies to method='geometric' only; got method='eigenvector'",
        ),
        (
            {"target_gci": -1, "method": "geometric"},
            InvalidArgumentError,
            r"target_gci must be at least 0.0; got -1",
        ),
    ],
)
def test_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        repair([[1, 3], [1 / 3, 1]], **kwargs)


def test_result_object(reference_case):
    _, pc = house(reference_case)
    fixed = repair(pc, 0.1)
    assert isinstance(fixed, RepairResult)
    with pytest.raises(AttributeError, match="immutable"):
        fixed.reached = False  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del fixed._result
    steps = fixed.steps
    steps.loc[0, "after"] = 99
    assert fixed.steps.loc[0, "after"] == 1
    assert fixed.to_frame().equals(fixed.steps)
    assert fixed.weights.sum() == pytest.approx(1)
    assert fixed.target_cr == 0.1
    data = json.loads(json.dumps(fixed.to_dict()))
    assert data["reached"] is True
    assert data["steps"][0]["row"] == "neighborhood"
    assert "RepairResult(1 judgment(s) changed" in repr(fixed)
    assert "<table" in fixed._repr_html_()
    assert repr(repair(PairwiseComparison.from_weights([1, 2]))).endswith(")")


@st.composite
def inconsistent_matrices(draw):
    n = draw(st.integers(min_value=3, max_value=6))
    rows, cols = np.triu_indices(n, k=1)
    picks = draw(st.lists(st.integers(0, 16), min_size=rows.size, max_size=rows.size))
    a = np.ones((n, n))
    a[rows, cols] = SAATY_SCALE[picks]
    a[cols, rows] = 1 / SAATY_SCALE[picks]
    target = draw(st.sampled_from([0.0, 0.05, 0.1, 0.2]))
    return a, target


@settings(max_examples=40, deadline=None)
@given(inconsistent_matrices())
def test_repair_properties(data):
    a, target = data
    pc = PairwiseComparison(a)
    fixed = repair(pc, target, max_changes=6)
    cr_start = ahp(pc, warn=False).cr
    assert fixed.cr_before == pytest.approx(cr_start)
    # never increases the CR, and each step lowers it
    assert fixed.cr <= cr_start + 1e-12
    steps = fixed.steps
    assert (steps["cr_after"] < steps["cr_before"]).all()
    if len(steps):
        assert steps["cr_before"].iloc[0] == pytest.approx(cr_start)
        assert steps["cr_after"].iloc[-1] == pytest.approx(fixed.cr)
        # stops at the target: no step was made once the CR was at most the target
        assert (steps["cr_before"] > target).all()
    assert fixed.reached == (fixed.cr <= target)
    assert fixed.n_changes <= 6


def test_plot_returns_axes(reference_case):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, pc = house(reference_case)
    fixed = repair(pc, 0.05)
    ax = fixed.plot()
    assert ax.get_title().startswith("Consistency repair")
    assert len(ax.get_lines()[0].get_ydata()) == fixed.n_changes + 1
    _fig, own = plt.subplots()
    assert fixed.plot.cr(ax=own) is own
    gci_ax = repair(pc, method="geometric", target_gci=0.37).plot()
    assert gci_ax.get_ylabel() == "GCI"
    plt.close("all")


def test_gci_target_with_geometric_method(reference_case):
    # the house matrix has GCI 0.529 > 0.37 (n = 8 threshold, Aguaron and Moreno-Jimenez 2003)
    _, pc = house(reference_case)
    fixed = repair(pc, method="geometric", target_gci=0.37)
    assert fixed.measure == "gci"
    assert fixed.target == 0.37
    assert fixed.gci_before == pytest.approx(ahp(pc, method="geometric", warn=False).gci)
    assert fixed.gci <= 0.37
    assert fixed.reached
    assert fixed.result.consistent  # judged by the GCI threshold for the geometric method
    steps = fixed.steps
    assert {"gci_before", "gci_after"} <= set(steps.columns)
    assert (steps["gci_after"] < steps["gci_before"]).all()
    assert steps["gci_after"].iloc[-1] == pytest.approx(
        ahp(fixed.comparison, method="geometric").gci
    )
    assert "GCI 0.5292 ->" in repr(fixed)
    data = json.loads(json.dumps(fixed.to_dict()))
    assert data["measure"] == "gci"


@settings(max_examples=25, deadline=None)
@given(inconsistent_matrices())
def test_gci_repair_properties(data):
    a, target = data
    pc = PairwiseComparison(a)
    fixed = repair(pc, method="geometric", target_gci=target + 0.05, max_changes=6)
    steps = fixed.steps
    assert fixed.gci <= fixed.gci_before + 1e-12
    assert (steps["gci_after"] < steps["gci_before"]).all()
    assert (steps["gci_before"] > target + 0.05).all()
    assert fixed.reached == (fixed.gci <= target + 0.05)
