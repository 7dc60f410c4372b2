"""rank(): TOPSIS natively, other methods delegated to pymcdm, labelled results."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.stats import rankdata

from coopdecide import DecisionProblem, rank, topsis
from coopdecide.exceptions import InvalidArgumentError, InvalidProblemError, UnknownMethodError


@pytest.fixture
def problem():
    rng = np.random.default_rng(2)
    return DecisionProblem(
        rng.uniform(1, 10, size=(6, 4)),
        ["max", "min", "max", "min"],
        weights=[0.4, 0.3, 0.2, 0.1],
        alternatives=list("ABCDEF"),
    )


def test_topsis_through_rank_is_our_topsis(problem):
    ours = rank(problem, "topsis", normalization="minmax")
    direct = topsis(problem, normalization="minmax")
    np.testing.assert_array_equal(ours.scores, direct.scores)


@pytest.mark.parametrize(
    ("method", "pymcdm_class", "lower_is_better"),
    [
        ("vikor", "VIKOR", True),
        ("promethee_ii", "PROMETHEE_II", False),
        ("wsm", "WSM", False),
        ("wpm", "WPM", False),
        ("spotis", "SPOTIS", True),
        ("moora", "MOORA", False),
    ],
)
def test_delegated_methods_match_pymcdm(problem, method, pymcdm_class, lower_is_better):
    from pymcdm import methods

    cls = getattr(methods, pymcdm_class)
    if method == "spotis":
        body = cls(cls.make_bounds(problem.matrix))
    elif method == "promethee_ii":
        body = cls("usual")
    else:
        body = cls()
    expected = body(problem.matrix.copy(), problem.weight_array.copy(), problem.types.copy())
    result = rank(problem, method)
    np.testing.assert_allclose(result.scores, expected, atol=1e-12)
    assert result.higher_is_better is not lower_is_better
    # pymcdm averages tied ranks; coopdecide gives ties the best rank ("min" method)
    oriented = expected if lower_is_better else -expected
    np.testing.assert_array_equal(result.ranks, rankdata(np.round(oriented, 12), method="min"))
    assert list(result.scores.index) == list("ABCDEF")


def test_promethee_published_example():
    """pymcdm PROMETHEE_II docstring example (usual criterion): flows 0.1, -0.3, 0.2."""
    problem = DecisionProblem([[4, 3, 2], [3, 2, 4], [5, 1, 3]], "max", weights=[0.5, 0.3, 0.2])
    result = rank(problem, "promethee_ii")
    np.testing.assert_allclose(result.scores, [0.1, -0.3, 0.2], atol=1e-12)
    assert result.ranks.tolist() == [2, 3, 1]


def test_rank_errors(problem):
    with pytest.raises(UnknownMethodError, match=r"method must be one of .*got 'electre'"):
        rank(problem, "electre")
    with pytest.raises(
        InvalidArgumentError, match=r"options for method 'wsm' are 'normalization'; got 'v'"
    ):
        rank(problem, "wsm", v=0.3)
    with pytest.raises(InvalidArgumentError, match=r"options for method 'topsis' .*got 'bounds'"):
        rank(problem, "topsis", bounds=[1])
    with pytest.raises(UnknownMethodError, match=r"normalization must be one of .*got 'l3'"):
        rank(problem, "vikor", normalization="l3")
    flat = DecisionProblem([[1, 2], [1, 3]], "max", weights=[1, 1])
    with pytest.raises(InvalidProblemError, match="spotis needs criteria with a range"):
        rank(flat, "spotis")


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("minmax", r"got 'minmax' \(did you mean normalization='minmax'\?\)$"),
        ("manhattan", r"got 'manhattan' \(did you mean distance='manhattan'\?\)$"),
        ("electre", r"method must be one of 'topsis', .*got 'electre'$"),
    ],
)
def test_an_option_given_as_the_method_gets_a_hint(problem, method, message):
    """rank(problem, "minmax") passes "minmax" as the method; no hint for other names."""
    with pytest.raises(UnknownMethodError, match=message):
        rank(problem, method)


@pytest.mark.parametrize("method", ["topsis", "copras", "wsm"])
def test_objectives_is_not_an_option_of_rank(problem, method):
    message = (
        r"objectives comes from the DecisionProblem and is not an option of rank\(\) "
        r"\(change the objectives with problem\.with_objectives\(\.\.\.\)\); "
        r"got objectives='min'"
    )
    with pytest.raises(InvalidArgumentError, match=message):
        rank(problem, method, objectives="min")


def test_import_is_light():
    code = (
        "import sys, coopdecide\n"
        "coopdecide.DecisionProblem; coopdecide.topsis\n"
        "heavy = [m for m in ('matplotlib', 'pymcdm', 'openpyxl') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_undefined_scores_are_an_error_not_nan():
    # Every alternative is worst on exactly one criterion and the weights are equal, so
    # VIKOR's R (the largest weighted regret) is 1/3 for all: its term in Q is 0 / 0.
    problem = DecisionProblem(
        [[1.0, 2.0, 3.0], [2.0, 1.0, 2.0], [3.0, 3.0, 1.0]], "max", weights=[1, 1, 1]
    )
    with pytest.raises(InvalidProblemError, match=r"'vikor' produced undefined scores for 'A1'"):
        rank(problem, "vikor")


def test_copras_by_hand():
    """COPRAS (Zavadskas, Kaklauskas and Sarka 1994), worked by hand.

    x = [[2, 1], [2, 3]], benefit then cost, weights (0.5, 0.5): column sums 4 and 4, so
    d = [[0.25, 0.125], [0.25, 0.375]]; S+ = (0.25, 0.25), S- = (0.125, 0.375);
    sum S- = 0.5, sum 1/S- = 8 + 8/3 = 32/3; Q = S+ + 0.5 / (S- * 32/3)
    = (0.25 + 0.375, 0.25 + 0.125) = (0.625, 0.375).
    """
    problem = DecisionProblem([[2, 1], [2, 3]], ["max", "min"], weights=[0.5, 0.5])
    result = rank(problem, "copras")
    np.testing.assert_allclose(result.scores, [0.625, 0.375])
    assert result.ranks.tolist() == [1, 2]


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.MethodWarning")
@pytest.mark.parametrize("method", ["topsis", "copras", "vikor", "promethee_ii", "wsm", "spotis"])
def test_a_dominating_alternative_ranks_first_under_every_method(method):
    # A1 is best on the cost criterion and ties on the benefit one: it dominates all.
    problem = DecisionProblem(
        [[1, 3], [2, 3.01], [3, 3], [4, 3.01], [5, 3]], ["min", "max"], weights=[0.99, 0.01]
    )
    assert rank(problem, method).ranks.tolist() == [1, 2, 3, 4, 5]


def test_copras_errors(problem):
    with pytest.raises(InvalidArgumentError, match=r"options for method 'copras' are none"):
        rank(problem, "copras", v=1)
    negative = DecisionProblem([[1, -2], [2, 3]], ["max", "min"], weights=[1, 1])
    with pytest.raises(InvalidProblemError, match=r"copras needs non-negative .* in 'C2'"):
        rank(negative, "copras")


@pytest.fixture
def zeros():
    """A problem with a zero value, as in the bundled partner-countries data."""
    return DecisionProblem([[0.0, 2.0], [1.0, 3.0], [2.0, 1.0]], "max", weights=[1, 1])


@pytest.mark.parametrize("method", ["wsm", "wpm", "aras"])
def test_pymcdm_default_normalization_refuses_zeros_with_a_hint(zeros, method):
    """pymcdm 1.4's sum_normalization (WSM, WPM, ARAS default) needs values > 0."""
    with pytest.raises(
        InvalidProblemError,
        match=r"rejected the problem: sum_normalization requires all positive values\. "
        r"\(with pymcdm's default normalization for [A-Z]+\); pass normalization='minmax'",
    ):
        rank(zeros, method)


def test_wsm_with_minmax_handles_zeros(zeros):
    """Hand check: min-max scaled columns (0, .5, 1) and (.5, 1, 0), equal weights."""
    result = rank(zeros, "wsm", normalization="minmax")
    np.testing.assert_allclose(result.scores, [0.25, 0.75, 0.5], atol=1e-12)
    with pytest.raises(InvalidProblemError, match=r"requires all positive values\.$"):
        rank(zeros, "wsm", normalization="sum")  # no hint once a normalization is chosen
