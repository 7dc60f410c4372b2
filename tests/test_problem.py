"""DecisionProblem: construction, objectives, weights, immutability and every input error."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem, Objective
from coopdecide.exceptions import InvalidProblemError, InvalidTypeError, InvalidWeightsError


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {"alignment": [3.0, 5.0, 4.0], "distance": [120.0, 80.0, 100.0], "trade": [1.0, 2.0, 9.0]},
        index=["Japan", "Chile", "Kenya"],
    )


def test_dataframe_labels_and_objective_aliases(table):
    problem = DecisionProblem(table, {"alignment": "benefit", "distance": "cost", "trade": 1})
    assert list(problem.alternatives) == ["Japan", "Chile", "Kenya"]
    assert list(problem.criteria) == ["alignment", "distance", "trade"]
    assert problem.objectives.tolist() == [1, -1, 1]
    assert problem.weights is None
    pd.testing.assert_frame_equal(problem.performance, table)


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("max", 1),
        ("MAX", 1),
        ("benefit", 1),
        ("maximise", 1),
        (1, 1),
        (1.0, 1),
        ("min", -1),
        ("Cost", -1),
        ("minimize", -1),
        (-1, -1),
        (np.int64(-1), -1),
    ],
)
def test_objective_aliases(alias, expected):
    assert Objective.from_alias(alias) == expected


def test_array_input_with_default_and_given_labels():
    problem = DecisionProblem([[1, 2], [3, 4], [5, 6]], ["max", "min"])
    assert list(problem.alternatives) == ["A1", "A2", "A3"]
    assert list(problem.criteria) == ["C1", "C2"]
    named = DecisionProblem([[1, 2], [3, 4]], "max", alternatives=["x", "y"], criteria=["p", "q"])
    assert named.objectives.tolist() == [1, 1]
    assert list(named.criteria) == ["p", "q"]


def test_weights_are_normalised_from_mapping_and_sequence(table):
    by_label = DecisionProblem(table, "max", weights={"trade": 2, "alignment": 1, "distance": 1})
    assert by_label.weights.tolist() == [0.25, 0.25, 0.5]
    by_order = DecisionProblem(table, "max", weights=[1, 1, 2])
    assert by_order == by_label
    assert by_order.weights.sum() == pytest.approx(1.0)


def test_with_weights_returns_new_problem_and_keeps_original(table):
    problem = DecisionProblem(table, "max")
    weighted = problem.with_weights([1, 2, 1])
    assert problem.weights is None
    assert weighted.weights.tolist() == [0.25, 0.5, 0.25]
    assert weighted.with_weights(None).weights is None


def test_immutability(table):
    problem = DecisionProblem(table, "max", weights=[1, 1, 1])
    with pytest.raises(AttributeError, match="immutable"):
        problem.weights = [1, 0, 0]
    with pytest.raises(ValueError, match="read-only"):
        problem.matrix[0, 0] = 99.0
    copy = problem.performance
    copy.iloc[0, 0] = 99.0
    assert problem.performance.iloc[0, 0] == 3.0


def test_inputs_are_not_mutated(table):
    original = table.copy()
    weights = {"alignment": 2.0, "distance": 1.0, "trade": 1.0}
    array = np.array([[1.0, 2.0], [3.0, 4.0]])
    DecisionProblem(table, "max", weights=weights)
    DecisionProblem(array, "max")
    pd.testing.assert_frame_equal(table, original)
    assert weights == {"alignment": 2.0, "distance": 1.0, "trade": 1.0}
    array[0, 0] = 10.0  # the problem made its own copy, so this must not raise


def test_subset_and_dominated(table):
    problem = DecisionProblem(
        table, {"alignment": "max", "distance": "min", "trade": "max"}, weights=[2, 1, 1]
    )
    sub = problem.subset(alternatives=["Kenya", "Japan"], criteria=["trade", "alignment"])
    assert list(sub.alternatives) == ["Kenya", "Japan"]
    assert sub.weights.tolist() == pytest.approx([1 / 3, 2 / 3])
    # Japan (3, 120, 1) is worse on all three than Chile (5, 80, 2) and Kenya (4, 100, 9);
    # Chile and Kenya do not dominate each other.
    dominated = problem.dominated()
    assert dominated.to_dict("records") == [
        {"alternative": "Japan", "dominated_by": "Chile"},
        {"alternative": "Japan", "dominated_by": "Kenya"},
    ]
    with pytest.raises(InvalidProblemError, match=r"alternatives has unknown labels: 'Peru'"):
        problem.subset(alternatives=["Peru", "Chile"])


def test_to_dict_is_json_and_repr(table):
    problem = DecisionProblem(table, "max", weights=[1, 1, 2])
    payload = json.loads(json.dumps(problem.to_dict()))
    assert payload["weights"] == [0.25, 0.25, 0.5]
    assert "DecisionProblem(3 alternatives x 3 criteria, weighted)" in repr(problem)
    assert "<table" in problem._repr_html_()


# -- errors -----------------------------------------------------------------------------


def test_nan_and_infinite_cells_are_named(table):
    bad = table.copy()
    bad.loc["Chile", "trade"] = np.nan
    bad.loc["Kenya", "distance"] = np.inf
    with pytest.raises(
        InvalidProblemError,
        match=r"2 cell\(s\): \('Chile', 'trade'\) = nan, "
        r"\('Kenya', 'distance'\) = inf",
    ):
        DecisionProblem(bad, "max")


def test_non_numeric_cells_are_named(table):
    bad = table.astype(object)
    bad.loc["Japan", "trade"] = "high"
    with pytest.raises(InvalidProblemError, match=r"non-numeric .* \('Japan', 'trade'\) = 'high'"):
        DecisionProblem(bad, "max")
    with pytest.raises(InvalidProblemError, match="only numbers"):
        DecisionProblem([["a", 1], [2, 3]], "max")


def test_duplicate_labels(table):
    with pytest.raises(
        InvalidProblemError, match=r"alternatives must be unique; duplicated: 'Japan'"
    ):
        DecisionProblem(table.rename(index={"Chile": "Japan"}), "max")
    with pytest.raises(InvalidProblemError, match=r"criteria must be unique; duplicated: 'trade'"):
        DecisionProblem([[1, 2], [3, 4]], "max", criteria=["trade", "trade"])


def test_label_count_mismatch():
    with pytest.raises(InvalidProblemError, match=r"alternatives must have 2 labels .* got 3"):
        DecisionProblem([[1, 2], [3, 4]], "max", alternatives=["a", "b", "c"])


def test_unknown_objective_alias(table):
    with pytest.raises(
        InvalidProblemError, match=r"for criterion 'distance' must be one of .*got 'maximum'"
    ):
        DecisionProblem(table, {"alignment": "max", "distance": "maximum", "trade": "max"})
    with pytest.raises(InvalidProblemError, match="got 0"):
        DecisionProblem(table, [1, 0, 1])


def test_objective_for_unknown_or_missing_criterion(table):
    with pytest.raises(
        InvalidProblemError, match=r"objectives names criteria that do not exist: 'gdp'"
    ):
        DecisionProblem(
            table, {"alignment": "max", "distance": "min", "trade": "max", "gdp": "max"}
        )
    with pytest.raises(InvalidProblemError, match=r"objectives is missing criteria: 'trade'"):
        DecisionProblem(table, {"alignment": "max", "distance": "min"})
    with pytest.raises(InvalidProblemError, match=r"one entry per criterion \(3\); got 2"):
        DecisionProblem(table, ["max", "min"])


def test_weight_errors(table):
    with pytest.raises(
        InvalidWeightsError, match=r"weights must be non-negative; got -0.1 for 'trade'"
    ):
        DecisionProblem(table, "max", weights=[0.5, 0.6, -0.1])
    with pytest.raises(
        InvalidWeightsError, match=r"weights must be finite; got nan for 'distance'"
    ):
        DecisionProblem(table, "max", weights=[0.5, np.nan, 0.5])
    with pytest.raises(InvalidWeightsError, match="must not all be zero"):
        DecisionProblem(table, "max", weights=[0, 0, 0])
    with pytest.raises(InvalidWeightsError, match=r"names criteria that do not exist: 'gdp'"):
        DecisionProblem(table, "max", weights={"alignment": 1, "distance": 1, "trade": 1, "gdp": 1})
    with pytest.raises(InvalidWeightsError, match=r"weights is missing criteria: 'trade'"):
        DecisionProblem(table, "max", weights={"alignment": 1, "distance": 1})
    with pytest.raises(
        InvalidWeightsError, match=r"one value per criterion \(3\); got shape \(2,\)"
    ):
        DecisionProblem(table, "max", weights=[1, 2])
    with pytest.raises(InvalidWeightsError, match="only numbers"):
        DecisionProblem(table, "max", weights=["a", "b", "c"])
    with pytest.raises(InvalidTypeError, match="mapping or a sequence"):
        DecisionProblem(table, "max", weights="equal")


def test_too_few_alternatives_or_criteria():
    with pytest.raises(InvalidProblemError, match="at least 2 alternatives; got 1"):
        DecisionProblem([[1.0, 2.0]], "max")
    with pytest.raises(InvalidProblemError, match="at least 1 criterion; got 0"):
        DecisionProblem(np.empty((3, 0)), "max")
    with pytest.raises(InvalidProblemError, match="two-dimensional"):
        DecisionProblem([1.0, 2.0, 3.0], "max")


def test_decision_problem_is_not_a_performance_table(table):
    problem = DecisionProblem(table, "max")
    with pytest.raises(InvalidTypeError, match="got a DecisionProblem"):
        DecisionProblem(problem, "max")


def test_pickle_round_trip(table):
    import pickle

    problem = DecisionProblem(
        table, {"alignment": "max", "distance": "min", "trade": "max"}, weights=[2, 1, 1]
    )
    copy = pickle.loads(pickle.dumps(problem))
    assert copy == problem
    assert copy.weights.tolist() == [0.5, 0.25, 0.25]
    with pytest.raises(AttributeError, match="immutable"):
        copy.weights = None


def test_huge_weights_do_not_overflow(table):
    problem = DecisionProblem(table, "max", weights=[1e308, 1e308, 1e308])
    assert problem.weights.tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])


# numpy 2 writes np.int64(7) and np.float64(0.5); messages show the values users typed.
NUMPY_LABELS = {"alternatives": np.array([1, 2]), "criteria": np.array([10, 20])}


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: DecisionProblem([[1, 2], [3, np.nan]], "max", **NUMPY_LABELS),
            InvalidProblemError,
            r"1 cell\(s\): \(2, 20\) = nan$",
        ),
        (
            lambda: DecisionProblem(
                pd.DataFrame({10: [1, np.str_("x")], 20: [1, 2]}, index=np.array([1, 2])), "max"
            ),
            InvalidProblemError,
            r"non-numeric values in 1 cell\(s\): \(2, 10\) = 'x'$",
        ),
        (
            lambda: DecisionProblem(
                [[1, 2], [3, 4]], "max", weights=np.array([-1, 1]), **NUMPY_LABELS
            ),
            InvalidWeightsError,
            r"weights must be non-negative; got -1 for 10$",
        ),
        (
            lambda: DecisionProblem(
                [[1, 2], [3, 4]], "max", weights=np.array([np.inf, 1]), **NUMPY_LABELS
            ),
            InvalidWeightsError,
            r"weights must be finite; got inf for 10$",
        ),
        (
            lambda: DecisionProblem([[1, 2], [3, 4]], "max", weights=[np.float64(0.5), "x"]),
            InvalidWeightsError,
            r"weights must contain only numbers; got \[0\.5, 'x'\]$",
        ),
        (
            lambda: DecisionProblem([[1, 2], [3, 4]], "max", weights=np.str_("equal")),
            InvalidTypeError,
            r"mapping or a sequence of numbers; got 'equal'$",
        ),
        (
            lambda: DecisionProblem(
                [[1, 2], [3, 4]], "max", weights={np.int64(5): 1}, **NUMPY_LABELS
            ),
            InvalidWeightsError,
            r"weights names criteria that do not exist: 5; the criteria are 10, 20$",
        ),
        (
            lambda: DecisionProblem([[1, 2], [3, 4]], np.array([1, 2]), **NUMPY_LABELS),
            InvalidProblemError,
            r"objectives for criterion 20 must be one of .*; got 2$",
        ),
        (
            lambda: DecisionProblem([[1, 2], [3, 4]], np.float64(0.5)),
            InvalidProblemError,
            r"objectives must be a mapping, a sequence or one alias; got 0\.5$",
        ),
        (
            lambda: DecisionProblem([[1, 2], [3, 4]], "max", **NUMPY_LABELS).subset(
                criteria=[np.int64(30)]
            ),
            InvalidProblemError,
            r"criteria has unknown labels: 30$",
        ),
    ],
)
def test_messages_show_numpy_scalars_as_plain_values(call, error, message):
    with pytest.raises(error, match=message) as caught:
        call()
    assert "np." not in str(caught.value)


# -- provenance ---------------------------------------------------------------------------


def _provenance(problem, **columns):
    cells = pd.MultiIndex.from_product([problem.alternatives, problem.criteria])
    return pd.DataFrame(columns or {"source": "s"}, index=cells)


def test_provenance_is_kept_by_derived_problems_and_reordered_to_the_cells(table):
    plain = DecisionProblem(table, "max")
    assert plain.provenance is None
    cells = _provenance(plain, source=[f"s{i}" for i in range(9)])
    shuffled = cells.iloc[::-1]
    problem = DecisionProblem(table, "max", provenance=shuffled)
    assert problem.provenance.index.names == ["alternative", "criterion"]
    assert problem.provenance["source"].tolist() == [f"s{i}" for i in range(9)]
    assert problem.with_weights([1, 1, 1]).provenance.equals(problem.provenance)
    sub = problem.subset(alternatives=["Kenya", "Japan"], criteria=["alignment"])
    assert sub.provenance["source"].tolist() == ["s6", "s0"]
    assert sub.provenance.index.tolist() == [("Kenya", "alignment"), ("Japan", "alignment")]
    copy = problem.provenance
    copy.iloc[0, 0] = "changed"
    assert problem.provenance.iloc[0, 0] == "s0"  # a copy
    assert problem == plain  # provenance is not compared
    assert "with provenance" in repr(problem)
    assert json.loads(json.dumps(problem.to_dict()))["provenance"][0]["source"] == "s0"


def test_provenance_must_cover_every_cell_once(table):
    plain = DecisionProblem(table, "max")
    cells = _provenance(plain)
    with pytest.raises(
        InvalidProblemError,
        match=r"provenance must have one row per cell, indexed "
        r"by \(alternative, criterion\); got 8 row\(s\) with 2 index level\(s\) "
        r"for 9 cells",
    ):
        DecisionProblem(table, "max", provenance=cells.iloc[1:])
    wrong = cells.rename(index={table.index[0]: "Atlantis"})
    with pytest.raises(InvalidProblemError, match=r"provenance is missing cells"):
        DecisionProblem(table, "max", provenance=wrong)
    with pytest.raises(InvalidTypeError, match=r"provenance must be a DataFrame"):
        DecisionProblem(table, "max", provenance={"source": "s"})
