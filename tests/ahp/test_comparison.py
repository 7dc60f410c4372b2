"""PairwiseComparison: validation, constructors, immutability, rendering."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest

from coopdecide.ahp import PairwiseComparison
from coopdecide.exceptions import InvalidComparisonError, InvalidTypeError

LABELS = ["cost", "risk", "benefit"]
MATRIX = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]


def test_basic_attributes():
    pc = PairwiseComparison(MATRIX, labels=LABELS)
    assert pc.n == 3
    assert pc.is_complete
    assert pc.n_missing == 0
    assert pc.missing_pairs() == []
    assert list(pc.labels) == LABELS
    np.testing.assert_allclose(pc.matrix, MATRIX)
    assert pc.to_frame().loc["cost", "benefit"] == 5


def test_default_labels():
    pc = PairwiseComparison(MATRIX)
    assert list(pc.labels) == ["C1", "C2", "C3"]


def test_single_item():
    pc = PairwiseComparison([[1]])
    assert pc.n == 1
    assert pc.is_complete


def test_printed_three_digit_reciprocals_are_repaired_exactly():
    pc = PairwiseComparison([[1, 3, 5], [0.333, 1, 2], [0.2, 0.5, 1]])
    assert pc.matrix[1, 0] == 1 / 3
    assert pc.matrix[0, 1] == 3


def test_printed_two_digit_reciprocals_pass():
    # 1/8 printed as 0.13 (4 % off) and 1/7 as 0.14 (2 % off)
    pc = PairwiseComparison([[1, 8, 7], [0.13, 1, 1], [0.14, 1, 1]])
    assert pc.matrix[1, 0] == 1 / 8
    assert pc.matrix[2, 0] == 1 / 7


def test_reciprocal_in_upper_triangle_keeps_the_judgment_in_the_lower():
    pc = PairwiseComparison([[1, 0.33], [3, 1]])
    assert pc.matrix[1, 0] == 3
    assert pc.matrix[0, 1] == 1 / 3


def test_nearly_equal_pair_is_made_exactly_reciprocal():
    pc = PairwiseComparison([[1, 1.01], [1.0, 1]])
    assert pc.matrix[0, 1] * pc.matrix[1, 0] == pytest.approx(1, abs=1e-15)


def test_saaty2008_printed_typo_is_rejected(reference_case):
    # Saaty (2008), IJSS 1(1):83-98, Table 2 as printed: a(tea, wine) = 2 opposite
    # a(wine, tea) = 1/3 (see the reference case notes); the error names the pair.
    case = reference_case("ahp-saaty2008-drinks-7x7")
    matrix = np.array(case["inputs"]["pairwise_matrix"])
    matrix[2, 1] = 2
    with pytest.raises(InvalidComparisonError, match=r"reciprocal.*\('wine', 'tea'\) = 0.333333"):
        PairwiseComparison(matrix, labels=case["inputs"]["items"])


def test_custom_rtol():
    with pytest.raises(InvalidComparisonError, match="reciprocal"):
        PairwiseComparison([[1, 3], [0.33, 1]], rtol=1e-3)
    with pytest.raises(InvalidTypeError, match="rtol must be a real number"):
        PairwiseComparison([[1, 3], [1 / 3, 1]], rtol="big")


def test_dataframe_labels_and_reordering():
    frame = pd.DataFrame(MATRIX, index=LABELS, columns=LABELS)
    pc = PairwiseComparison(frame)
    assert list(pc.labels) == LABELS
    shuffled = frame.loc[:, ["benefit", "cost", "risk"]]
    assert PairwiseComparison(shuffled) == pc


def test_dataframe_with_different_labels_is_rejected():
    frame = pd.DataFrame(MATRIX, index=LABELS, columns=["x", "y", "z"])
    with pytest.raises(InvalidComparisonError, match="same labels in its index and columns"):
        PairwiseComparison(frame)


def test_incomplete_matrix():
    matrix = [[1, 2, np.nan], [0.5, 1, 3], [np.nan, 1 / 3, 1]]
    pc = PairwiseComparison(matrix, labels=["a", "b", "c"])
    assert not pc.is_complete
    assert pc.n_missing == 1
    assert pc.missing_pairs() == [("a", "c")]
    none_matrix = [[1, 2, None], [0.5, 1, 3], [None, 1 / 3, 1]]
    assert PairwiseComparison(none_matrix, labels=["a", "b", "c"]) == pc


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 1]], r"square two-dimensional array.*got shape \(2, 3\)"),
        ([1, 2, 3], r"square.*got shape \(3,\)"),
        (np.ones((0, 0)), r"at least one row"),
        ([[1, "a"], ["b", 1]], "only numbers"),
        ([[1, 0], [0, 1]], r"positive finite judgments.*\('C1', 'C2'\) = 0"),
        ([[1, -2], [-0.5, 1]], r"positive finite.*\('C1', 'C2'\) = -2"),
        ([[1, np.inf], [0, 1]], r"positive finite.*\('C1', 'C2'\) = inf"),
        ([[2, 1], [1, 1]], r"1 on the diagonal; got 2 at \('C1', 'C1'\)"),
        ([[np.nan, 1], [1, 1]], r"1 on the diagonal; got nan"),
        (
            [[1, np.nan], [2, 1]],
            r"both triangles; \('C1', 'C2'\) is missing but \('C2', 'C1'\) = 2",
        ),
        ([[1, 3], [3, 1]], r"reciprocal.*\('C1', 'C2'\) = 3 and \('C2', 'C1'\) = 3"),
    ],
)
def test_invalid_matrices(matrix, message):
    with pytest.raises(InvalidComparisonError, match=message):
        PairwiseComparison(matrix)


def test_reciprocity_error_counts_other_pairs():
    matrix = [[1, 3, 3], [3, 1, 1], [3, 1, 1]]
    with pytest.raises(InvalidComparisonError, match=r"1 more pair\(s\) also break it"):
        PairwiseComparison(matrix)


def test_label_errors():
    with pytest.raises(
        InvalidComparisonError, match=r"one label per row of the matrix \(3\); got 2"
    ):
        PairwiseComparison(MATRIX, labels=["a", "b"])
    with pytest.raises(InvalidComparisonError, match="labels must be unique; duplicated: 'a'"):
        PairwiseComparison(MATRIX, labels=["a", "a", "b"])
    with pytest.raises(InvalidTypeError, match="labels must be a sequence of labels"):
        PairwiseComparison(MATRIX, labels="abc")
    with pytest.raises(InvalidComparisonError, match="hashable and not NaN"):
        PairwiseComparison(MATRIX, labels=["a", float("nan"), "b"])


def test_input_not_mutated():
    matrix = np.array([[1, 3], [0.33, 1]])
    before = matrix.copy()
    PairwiseComparison(matrix)
    np.testing.assert_array_equal(matrix, before)


def test_immutable():
    pc = PairwiseComparison(MATRIX)
    with pytest.raises(ValueError, match="read-only"):
        pc.matrix[0, 1] = 7
    with pytest.raises(AttributeError, match="immutable"):
        pc.n = 4  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del pc._matrix
    labels = pc.labels
    assert labels is not pc.labels


# -- from_judgments -----------------------------------------------------------------------


def test_from_judgments_complete_and_reciprocal():
    pc = PairwiseComparison.from_judgments(
        LABELS, {("cost", "risk"): 3, ("cost", "benefit"): 5, ("benefit", "risk"): 0.5}
    )
    assert pc == PairwiseComparison(MATRIX, labels=LABELS)


def test_from_judgments_incomplete():
    pc = PairwiseComparison.from_judgments(["a", "b", "c", "d"], {("a", "b"): 2, ("b", "c"): 4})
    assert pc.n_missing == 4
    assert pc.missing_pairs() == [("a", "c"), ("a", "d"), ("b", "d"), ("c", "d")]
    assert np.isnan(pc.matrix[3, 0])


def test_from_judgments_triples_and_frame_round_trip():
    pc = PairwiseComparison.from_judgments(LABELS, [("cost", "risk", 3), ("risk", "benefit", 2)])
    assert pc.matrix[1, 0] == 1 / 3
    again = PairwiseComparison.from_judgments(LABELS, pc.judgments())
    assert again == pc


def test_from_judgments_conflicting_triples():
    with pytest.raises(InvalidComparisonError, match=r"twice with conflicting values"):
        PairwiseComparison.from_judgments(["a", "b"], [("a", "b", 3), ("a", "b", 5)])
    with pytest.raises(InvalidComparisonError, match=r"unknown item \['a'\]"):
        PairwiseComparison.from_judgments(["a", "b"], [(["a"], "b", 3)])


def test_with_judgment_nan_removes():
    pc = PairwiseComparison(MATRIX, labels=LABELS)
    assert pc.with_judgment("cost", "risk", float("nan")).missing_pairs() == [("cost", "risk")]


def test_from_judgments_consistent_duplicate_is_accepted():
    pc = PairwiseComparison.from_judgments(["a", "b"], {("a", "b"): 3, ("b", "a"): 0.333})
    assert pc.matrix[0, 1] == 3


@pytest.mark.parametrize(
    ("labels", "judgments", "error", "message"),
    [
        (["a", "b", "a"], {("a", "b"): 2}, InvalidComparisonError, "unique; duplicated: 'a'"),
        ([], {}, InvalidComparisonError, "at least one item"),
        (
            ["a", "b"],
            {("a", "x"): 2},
            InvalidComparisonError,
            r"unknown item 'x' in pair \('a', 'x'\); the labels are 'a', 'b'",
        ),
        (
            ["a", "b"],
            {("a", "b"): 3, ("b", "a"): 3},
            InvalidComparisonError,
            r"pair \('b', 'a'\) twice with conflicting values: "
            r"\('a', 'b'\) = 3 and \('b', 'a'\) = 3",
        ),
        (["a", "b"], {("a", "a"): 1}, InvalidComparisonError, "two different items"),
        (["a", "b"], {("a", "b"): 0}, InvalidComparisonError, r"positive finite number; got 0"),
        (["a", "b"], {("a", "b"): -3}, InvalidComparisonError, r"positive finite number; got -3"),
        (["a", "b"], {("a", "b"): np.nan}, InvalidComparisonError, "positive finite.*nan"),
        (["a", "b"], {("a", "b"): np.inf}, InvalidComparisonError, "positive finite.*inf"),
        (["a", "b"], {("a", "b"): "3"}, InvalidComparisonError, "positive number; got '3'"),
        (["a", "b"], {("a", "b"): True}, InvalidComparisonError, "positive number; got True"),
        (["a", "b"], {"a": 3}, InvalidComparisonError, "keyed by \\(a, b\\) pairs"),
        (["a", "b"], [("a", "b")], InvalidComparisonError, r"\(a, b, value\) triples"),
        (["a", "b"], 3, InvalidTypeError, "judgments must be a mapping"),
        (
            ["a", "b"],
            pd.DataFrame({"a": [1]}),
            InvalidComparisonError,
            "columns 'row', 'column' and 'value'",
        ),
    ],
)
def test_from_judgments_errors(labels, judgments, error, message):
    with pytest.raises(error, match=message):
        PairwiseComparison.from_judgments(labels, judgments)


# -- derived objects and export ----------------------------------------------------------


def test_with_judgment_returns_new_object():
    pc = PairwiseComparison(MATRIX, labels=LABELS)
    changed = pc.with_judgment("benefit", "cost", 2)
    assert changed.matrix[2, 0] == 2
    assert changed.matrix[0, 2] == 0.5
    assert pc.matrix[0, 2] == 5
    removed = pc.with_judgment("cost", "risk", None)
    assert removed.missing_pairs() == [("cost", "risk")]
    assert removed.with_judgment("risk", "cost", 1 / 3) == pc


@pytest.mark.parametrize(
    ("a", "b", "value", "message"),
    [
        ("cost", "nope", 2, r"unknown item 'nope'; the labels are 'cost', 'risk', 'benefit'"),
        ("cost", "cost", 2, r"two different items; got \('cost', 'cost'\)"),
        ("cost", "risk", 0, r"positive finite number; got 0"),
        ("cost", "risk", "x", r"positive number or None; got 'x'"),
    ],
)
def test_with_judgment_errors(a, b, value, message):
    pc = PairwiseComparison(MATRIX, labels=LABELS)
    with pytest.raises(InvalidComparisonError, match=message):
        pc.with_judgment(a, b, value)


def test_judgments_table():
    pc = PairwiseComparison.from_judgments(["a", "b", "c"], {("a", "b"): 2, ("c", "b"): 4})
    table = pc.judgments()
    assert table.to_dict("list") == {"row": ["a", "b"], "column": ["b", "c"], "value": [2, 0.25]}
    full = pc.judgments(include_missing=True)
    assert len(full) == 3
    assert full["value"].isna().sum() == 1


def test_equality_and_hash():
    a = PairwiseComparison(MATRIX, labels=LABELS)
    b = PairwiseComparison(pd.DataFrame(MATRIX, index=LABELS, columns=LABELS))
    assert a == b
    assert hash(a) == hash(b)
    assert a != PairwiseComparison(MATRIX)
    assert a != a.with_judgment("cost", "risk", 4)
    assert a.__eq__("x") is NotImplemented
    incomplete = a.with_judgment("cost", "risk", None)
    assert incomplete == PairwiseComparison(incomplete.matrix, labels=LABELS)


def test_copy_constructor_and_relabel():
    a = PairwiseComparison(MATRIX, labels=LABELS)
    assert PairwiseComparison(a) == a
    assert list(PairwiseComparison(a, labels=["x", "y", "z"]).labels) == ["x", "y", "z"]


def test_to_dict_is_json_and_round_trips():
    pc = PairwiseComparison(MATRIX, labels=LABELS).with_judgment("cost", "risk", None)
    data = json.loads(json.dumps(pc.to_dict()))
    assert data["complete"] is False
    assert data["matrix"][0][1] is None
    assert PairwiseComparison.from_dict(data) == pc
    with pytest.raises(InvalidComparisonError, match="mapping with keys 'labels' and 'matrix'"):
        PairwiseComparison.from_dict({"labels": LABELS})


def test_repr_and_html():
    pc = PairwiseComparison(MATRIX, labels=LABELS)
    assert repr(pc).startswith("PairwiseComparison(3 items, complete)")
    assert "benefit" in repr(pc)
    incomplete = pc.with_judgment("cost", "risk", None)
    assert "1 of 3 pairs missing" in repr(incomplete)
    html = pc._repr_html_()
    assert "<table" in html
    assert "PairwiseComparison" in html


def test_html_escapes_labels():
    pc = PairwiseComparison(MATRIX, labels=["<b>x</b>", "y", "z"])
    assert "<b>x</b>" not in pc._repr_html_()


def test_pickle_round_trip():
    pc = PairwiseComparison(MATRIX, labels=LABELS).with_judgment("cost", "risk", None)
    again = pickle.loads(pickle.dumps(pc))
    assert again == pc
    assert not again.matrix.flags.writeable


def test_from_weights_is_consistent():
    pc = PairwiseComparison.from_weights(pd.Series([0.5, 0.3, 0.2], index=LABELS))
    assert list(pc.labels) == LABELS
    assert pc.matrix[0, 1] == pytest.approx(5 / 3)
    assert list(PairwiseComparison.from_weights([1, 2]).labels) == ["C1", "C2"]
    with pytest.raises(InvalidComparisonError, match="positive and finite"):
        PairwiseComparison.from_weights([1, 0])
    with pytest.raises(InvalidComparisonError, match="one-dimensional and non-empty"):
        PairwiseComparison.from_weights([[1, 2]])
    with pytest.raises(InvalidComparisonError, match="cannot be converted"):
        PairwiseComparison.from_weights(["a", "b"])
