"""The shared argument checks, and how error messages show numpy values."""

from __future__ import annotations

import numpy as np
import pytest

from coopdecide import PairwiseComparison
from coopdecide._validation import (
    as_generator,
    check_option,
    check_positive_int,
    check_real,
    describe,
    format_labels,
    plain,
)
from coopdecide.exceptions import InvalidComparisonError, InvalidTypeError, UnknownMethodError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.int64(1), "1"),
        (np.float64(0.5), "0.5"),
        (np.float32(0.5), "0.5"),
        (np.bool_(True), "True"),
        (np.str_("trade"), "'trade'"),
        (np.float64(np.nan), "nan"),
        ((np.str_("a"), np.int64(2)), "('a', 2)"),
        ([np.float64(0.5), "x"], "[0.5, 'x']"),
        ({np.str_("a"): np.int64(1)}, "{'a': 1}"),
        ("trade", "'trade'"),
        (None, "None"),
        (np.array([1, 2]), "array([1, 2])"),
    ],
)
def test_describe_is_the_repr_of_the_plain_value(value, expected):
    assert describe(value) == expected


def test_plain_keeps_types_and_leaves_the_input_alone():
    value = [np.int64(1), (np.float64(2.5),)]
    result = plain(value)
    assert result == [1, (2.5,)]
    assert type(result[0]) is int and type(result[1][0]) is float
    assert type(value[0]) is np.int64  # not mutated
    assert plain({np.int64(1)}) == {1} and type(plain(frozenset())) is frozenset


def test_format_labels_shows_plain_values_and_truncates():
    assert format_labels(np.array([10, 20])) == "10, 20"
    assert format_labels([np.str_("a"), np.float64(1.5)]) == "'a', 1.5"
    assert format_labels(range(10), limit=3) == "0, 1, 2, ... (7 more)"


def test_checks_show_numpy_values_plainly():
    with pytest.raises(UnknownMethodError, match=r"method must be one of 'a', 'b'; got 'c'$"):
        check_option("method", np.str_("c"), ("a", "b"))
    with pytest.raises(InvalidTypeError, match=r"n must be an integer; got 1\.5$"):
        check_positive_int("n", np.float64(1.5))
    with pytest.raises(InvalidTypeError, match=r"x must be a real number; got 'a'$"):
        check_real("x", np.str_("a"))
    with pytest.raises(InvalidTypeError, match=r"numpy\.random\.Generator; got 1\.5$"):
        as_generator(np.float64(1.5))


LABELS = np.array([1, 2, 3])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: PairwiseComparison(np.ones((2, 2)), labels=np.array([1.0, np.nan])),
            r"labels must be hashable and not NaN; got nan in labels",
        ),
        (
            lambda: PairwiseComparison(np.array([[1, 2.0], [0.4, 1]]), labels=np.array([10, 20])),
            r"got \(10, 20\) = 2 and \(20, 10\) = 0\.4, whose product is 0\.8",
        ),
        (
            lambda: PairwiseComparison(np.array([[2, 2.0], [0.5, 1]]), labels=np.array([10, 20])),
            r"matrix must have 1 on the diagonal; got 2 at \(10, 10\)",
        ),
        (
            lambda: PairwiseComparison(
                np.array([[1, np.nan], [0.5, 1]]), labels=np.array([10, 20])
            ),
            r"\(10, 20\) is missing but \(20, 10\) = 0\.5",
        ),
        (
            lambda: PairwiseComparison(np.array([[1, -2.0], [-0.5, 1]]), labels=np.array([10, 20])),
            r"positive finite judgments .*; got \(10, 20\) = -2, \(20, 10\) = -0\.5",
        ),
        (
            lambda: PairwiseComparison.from_judgments(
                LABELS, {(np.int64(1), np.int64(2)): np.str_("x")}
            ),
            r"judgment \(1, 2\) must be a positive number; got 'x'",
        ),
        (
            lambda: PairwiseComparison.from_judgments(
                LABELS, {(np.int64(1), np.int64(2)): np.float64(-2)}
            ),
            r"judgment \(1, 2\) must be a positive finite number; got -2",
        ),
        (
            lambda: PairwiseComparison.from_judgments(LABELS, {(np.int64(1), np.int64(4)): 2}),
            r"unknown item 4 in pair \(1, 4\); the labels are 1, 2, 3",
        ),
        (
            lambda: PairwiseComparison.from_judgments(LABELS, {(np.int64(1), np.int64(1)): 2}),
            r"two different items; got the pair \(1, 1\)",
        ),
        (
            lambda: PairwiseComparison.from_judgments(
                LABELS, {(np.int64(1), np.int64(2)): 2, (np.int64(2), np.int64(1)): 2}
            ),
            r"pair \(2, 1\) twice with conflicting values: \(1, 2\) = 2 and \(2, 1\) = 2",
        ),
        (
            lambda: PairwiseComparison.from_judgments(LABELS, {np.int64(1): 2}),
            r"keyed by \(a, b\) pairs of labels; got the key 1",
        ),
        (
            lambda: PairwiseComparison.from_judgments(LABELS, [(np.int64(1), np.int64(2))]),
            r"\(a, b, value\) triples; got \(1, 2\)",
        ),
        (
            lambda: PairwiseComparison(np.ones((2, 2)), labels=np.array([10, 20])).with_judgment(
                np.int64(30), np.int64(10), 2
            ),
            r"unknown item 30; the labels are 10, 20",
        ),
    ],
)
def test_comparison_messages_show_numpy_values_plainly(call, message):
    with pytest.raises(InvalidComparisonError, match=message) as caught:
        call()
    assert "np." not in str(caught.value)
