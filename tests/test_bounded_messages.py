"""Values shown in error messages are bounded: length, depth and the work to build them."""

from __future__ import annotations

import time

import numpy as np
import pytest

from coopdecide import PairwiseComparison
from coopdecide._validation import MESSAGE_WIDTH, describe, format_labels, show_number
from coopdecide.exceptions import InvalidComparisonError


def alias_bomb(levels: int = 9, width: int = 9) -> list:
    """The "billion laughs" shape: each level lists the previous one ``width`` times (shared)."""
    node: list = ["lol"] * width
    for _ in range(levels - 1):
        node = [node] * width
    return node


def test_a_shared_nested_value_is_shown_quickly_and_briefly():
    bomb = alias_bomb()  # 9**9 strings if expanded; the same few lists really
    start = time.perf_counter()
    text = describe(bomb)
    assert time.perf_counter() - start < 0.1
    assert len(text) <= MESSAGE_WIDTH
    assert text.startswith("[[[")
    assert "..." in text


def test_a_recursive_value_is_shown_without_recursing_forever():
    loop: list = [1]
    loop.append(loop)
    assert describe(loop) == "[1, [1, [1, [...]]]]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x" * 500, "'" + "x" * 200 + "'... (500 characters)"),
        (b"y" * 500, "b'" + "y" * 200 + "'... (500 bytes)"),
        (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (100 items)]"),
        ({f"k{i}": i for i in range(30)}, None),
        ((1,), "(1,)"),
        (set(), "set()"),
        (frozenset({1}), "frozenset({1})"),
        ({1: [2, {3: (4,)}]}, "{1: [2, {3: (...)}]}"),
    ],
)
def test_long_and_deep_values_are_cut_with_an_ellipsis(value, expected):
    text = describe(value)
    if expected is not None:
        assert text == expected
    assert len(text) <= MESSAGE_WIDTH


def test_a_dict_keeps_its_order_and_says_how_many_items_it_holds():
    text = describe({f"k{i}": i for i in range(30)})
    assert text.startswith("{'k0': 0, 'k1': 1, ")
    assert text.endswith("... (30 items)}")


def test_an_object_with_a_huge_repr_is_cut():
    class Loud:
        def __repr__(self) -> str:
            return "L" * 10_000

    text = describe(Loud())
    assert len(text) <= MESSAGE_WIDTH
    assert text.endswith("...")


def test_format_labels_describes_only_what_it_shows():
    seen = []

    class Label:
        def __init__(self, k: int) -> None:
            self.k = k

        def __repr__(self) -> str:
            seen.append(self.k)
            return f"L{self.k}"

    assert format_labels([Label(k) for k in range(1000)], limit=2) == "L0, L1, ... (998 more)"
    assert seen == [0, 1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.0000000001, "3.0000000001"),
        (3.0, "3"),
        (np.float64(0.1), "0.1"),
        (1 / 3, "0.3333333333333333"),
        (1e300, "1e+300"),
        (-2, "-2"),
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
    ],
)
def test_show_number_shows_the_value_as_given(value, expected):
    assert show_number(value) == expected


def test_near_integer_matrix_entries_are_shown_as_given():
    # ":g" printed "got 1" for a diagonal of 1.0000001, which reads as no problem at all
    with pytest.raises(InvalidComparisonError, match=r"diagonal; got 1\.0000001 at"):
        PairwiseComparison(np.array([[1.0000001, 2.0], [0.5, 1.0]]), rtol=1e-9)
    with pytest.raises(InvalidComparisonError, match=r"= 2\.0000001 and .* = 0\.5, whose product"):
        PairwiseComparison(np.array([[1.0, 2.0000001], [0.5, 1.0]]), rtol=1e-9)


@pytest.mark.parametrize(
    ("judgments", "shown"),
    [
        ({"a = b": 1.0000000001}, r"value must be 1; got 1\.0000000001 "),
        ({"a > b": 9.0000000001}, r"from 1 to 9 after '>' or '<', got 9\.0000000001"),
    ],
)
def test_study_judgments_are_refused_with_the_value_as_given(judgments, shown):
    from coopdecide.exceptions import StudyFileError
    from coopdecide.study.spec import parse_judgments

    with pytest.raises(StudyFileError, match=shown):
        parse_judgments(judgments)


def test_a_questionnaire_intensity_is_refused_with_the_value_as_given(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from coopdecide.exceptions import QuestionnaireError
    from coopdecide.io import read_questionnaire, write_questionnaire

    path = write_questionnaire(tmp_path / "q.xlsx", ["trade", "risk"], ["Embassy"])
    workbook = openpyxl.load_workbook(path)
    workbook["Embassy"]["D7"], workbook["Embassy"]["E7"] = "A", 3.0000000001
    workbook.save(path)
    with pytest.raises(QuestionnaireError, match=r"cell E7: .*got 3\.0000000001$"):
        read_questionnaire(path)
