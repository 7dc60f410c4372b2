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
        # checking option names reads a table, not pymcdm's signatures (importing pymcdm
        # takes about a second)
        "from coopdecide.ranking.methods import allowed_options\n"
        "assert allowed_options('vikor') and allowed_options('promethee_ii')\n"
        "heavy = [m for m in ('matplotlib', 'pymcdm', 'openpyxl') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_undefined_scores_are_an_error_not_nan():
    # Two identical alternatives: EDAS's distances from the average solution are 0 / 0.
    # (VIKOR, native now, treats its 0 / 0 cases explicitly: see test_vikor.py.)
    problem = DecisionProblem([[1.0, 2.0], [1.0, 2.0]], "max", weights=[1, 1])
    with pytest.raises(InvalidProblemError, match=r"'edas' produced undefined scores for 'A1'"):
        rank(problem, "edas")


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


# ---------------------------------------------------------------------------
# option values: every bad value gets a coopdecide error naming the option
# ---------------------------------------------------------------------------
from coopdecide.exceptions import CoopdecideError, InvalidTypeError  # noqa: E402
from coopdecide.ranking.methods import (  # noqa: E402
    METHODS,
    PREFERENCE_FUNCTIONS,
    allowed_options,
    normalization_names,
)

NORMALIZATION_METHODS = [m for m, spec in METHODS.items() if "normalization" in spec.options]


@pytest.mark.parametrize(
    ("method", "options", "message"),
    [
        ("topsis", {"normalisation": "max"}, r"options for method 'topsis' are 'normalization', "),
        ("vikor", {"vv": 0.3}, r"are 'normalization', 'v'; got 'vv' \(did you mean 'v'\?\)$"),
        (
            "promethee_ii",
            {"preference": "usual"},
            r"are 'preference_function', 'p', 'q'; got 'preference' "
            r"\(did you mean 'preference_function'\?\)$",
        ),
        ("wsm", {"normalization_function": "sum"}, r"\(did you mean 'normalization'\?\)$"),
        (
            "waspas",
            {"lam": 0.2},
            r"options for method 'waspas' are 'normalization', 'l'; got 'lam'$",
        ),
        ("spotis", {"bound": [[0, 1]]}, r"are 'bounds', 'esp'; got 'bound' \(did you mean"),
        ("aras", {"ideal": [1]}, r"options for method 'aras' are 'normalization', 'esp'; got 'ide"),
        ("moora", {"v": 0.5}, r"options for method 'moora' are none; got 'v'$"),
        ("edas", {"normalization": "max"}, r"options for method 'edas' are none; got 'norm"),
        (
            "topsis",
            {"normalisation": "max", "distnce": 1, "foo": 2},
            r"got 'distnce', 'foo', 'normalisation' \(did you mean 'distance' for 'distnce', "
            r"'normalization' for 'normalisation'\?\)$",
        ),
    ],
)
def test_unknown_option_names_list_the_accepted_ones(problem, method, options, message):
    with pytest.raises(InvalidArgumentError, match=message):
        rank(problem, method, **options)


def test_allowed_options_follow_pymcdm_signatures():
    """Every constructor parameter of each pymcdm class has a checker, and vice versa.

    A pymcdm upgrade that adds, renames or drops a parameter fails here instead of
    silently passing an unchecked option through (or refusing a valid one).
    """
    import inspect

    from pymcdm import methods

    for name, spec in METHODS.items():
        signature = inspect.signature(getattr(methods, spec.pymcdm_class)).parameters
        assert {o.parameter for o in spec.options.values()} == set(signature), name
        assert spec.allowed_options == tuple(spec.options), name
    assert allowed_options("topsis") == ("normalization", "distance")
    assert allowed_options("copras") == ()
    assert METHODS["waspas"].allowed_options == ("normalization", "l")


def test_preference_functions_and_normalizations_are_pymcdm_s():
    from pymcdm import normalizations
    from pymcdm.methods.partial.promethee_i import _PreferenceFunctions

    public = {name for name in vars(_PreferenceFunctions) if not name.startswith("_")}
    assert set(PREFERENCE_FUNCTIONS) == public
    names = normalization_names()
    assert names[:5] == ("minmax", "max", "sum", "vector", "logarithmic")
    assert all(callable(getattr(normalizations, f"{n}_normalization")) for n in names)


@pytest.mark.parametrize("method", NORMALIZATION_METHODS)
def test_a_bad_normalization_name_is_refused_by_every_method(problem, method):
    with pytest.raises(
        UnknownMethodError,
        match=r"^normalization must be one of 'minmax', 'max', 'sum', 'vector', .*"
        r"'zavadskas_turskis'; got 'l2'$",
    ):
        rank(problem, method, normalization="l2")
    with pytest.raises(UnknownMethodError, match=r"got 'vectr' \(did you mean 'vector'\?\)$"):
        rank(problem, method, normalization="vectr")
    with pytest.raises(UnknownMethodError, match=r"^normalization must be one of .*; got 3$"):
        rank(problem, method, normalization=3)


@pytest.mark.parametrize(("method", "name"), [("vikor", "v"), ("waspas", "l")])
def test_a_unit_interval_parameter(problem, method, name):
    for bad in (1.5, -0.1, float("nan")):
        with pytest.raises(InvalidArgumentError, match=rf"^{name} must be a number in \[0, 1\]"):
            rank(problem, method, **{name: bad})
    with pytest.raises(
        InvalidArgumentError, match=rf"^{name} must be a number in \[0, 1\]; got 1\.5$"
    ):
        rank(problem, method, **{name: 1.5})
    for bad in ("high", True, [0.5]):
        with pytest.raises(InvalidTypeError, match=rf"^{name} must be a number in \[0, 1\]; got "):
            rank(problem, method, **{name: bad})


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"preference_function": "gauss"},
            UnknownMethodError,
            r"^preference_function must be one of 'usual', 'ushape', 'vshape', 'level', "
            r"'vshape_2'; got 'gauss'$",
        ),
        (
            {"preference_function": "vshape2"},
            UnknownMethodError,
            r"got 'vshape2' \(did you mean 'vshape_2'\?\)$",
        ),
        (
            {"preference_function": "vshape"},
            InvalidArgumentError,
            r"^p must be given for preference_function 'vshape' \(its preference threshold",
        ),
        (
            {"preference_function": "ushape"},
            InvalidArgumentError,
            r"^q must be given for preference_function 'ushape' \(its indifference threshold",
        ),
        (
            {"p": [1, 1, 1, 1]},
            InvalidArgumentError,
            r"^p must be left out for preference_function 'usual', which takes no "
            r"thresholds; got p=\[1, 1, 1, 1\]$",
        ),
        (
            {"preference_function": "vshape", "p": 1, "q": 0.5},
            InvalidArgumentError,
            r"^q must be left out for preference_function 'vshape', which takes p; got q=0\.5$",
        ),
        (
            {"preference_function": "vshape", "p": [1, 2]},
            InvalidArgumentError,
            r"^p must be a positive number \(the same for every criterion\), a list with one "
            r"per criterion \(4\) or a mapping from criterion to a positive number; got "
            r"\[1, 2\] \(2 values for 4 criteria\)$",
        ),
        (
            {"preference_function": "vshape", "p": [1, 0, 2, 1]},
            InvalidArgumentError,
            r"^p\[1\] must be a positive number; got 0$",
        ),
        (
            {"preference_function": "vshape", "p": "wide"},
            InvalidTypeError,
            r"^p must be a positive number; got 'wide'$",
        ),
        (
            {"preference_function": "vshape", "p": {"C1": 1, "C2": None, "C3": 1, "C4": 1}},
            InvalidTypeError,
            r"^p\['C2'\] must be a positive number; got None$",
        ),
        (
            {"preference_function": "vshape", "p": {"C1": 1, "C9": 1}},
            InvalidArgumentError,
            r"^p names criteria that do not exist: 'C9'; the criteria are 'C1', ",
        ),
        (
            {"preference_function": "ushape", "q": -1},
            InvalidArgumentError,
            r"^q must be a non-negative number; got -1$",
        ),
        (
            {"preference_function": "ushape", "q": [0, 0, float("inf"), 0]},
            InvalidArgumentError,
            r"^q\[2\] must be a non-negative number; got inf$",
        ),
        (
            {"preference_function": "level", "q": [1, 3, 1, 1], "p": 2},
            InvalidArgumentError,
            r"^q must be at most p for preference_function 'level'; got q=3 and p=2 for 'C2'$",
        ),
        (
            {"preference_function": "vshape_2", "q": 2, "p": 2},
            InvalidArgumentError,
            r"^q must be less than p for preference_function 'vshape_2'; got q=2 and p=2 "
            r"for 'C1'$",
        ),
    ],
)
def test_promethee_options(problem, options, error, message):
    with pytest.raises(error, match=message):
        rank(problem, "promethee_ii", **options)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"bounds": 3},
            InvalidTypeError,
            r"^bounds must be one \(min, max\) pair per criterion \(4\), as a list or a "
            r"mapping from criterion to pair; got 3$",
        ),
        (
            {"bounds": [[0, 10]] * 3},
            InvalidArgumentError,
            r"^bounds must be one \(min, max\) pair per criterion \(4\), .*; got \[\[0, 10\], ",
        ),
        (
            {"bounds": [[0, 10], [0, 10], [0, 10], [0]]},
            InvalidTypeError,
            r"^bounds\[3\] must be a \(min, max\) pair of finite numbers with min < max; "
            r"got \[0\]$",
        ),
        (
            {"bounds": [[0, 10], [10, 0], [0, 10], [0, 10]]},
            InvalidArgumentError,
            r"^bounds\[1\] must be a \(min, max\) pair .* with min < max; got \[10, 0\]$",
        ),
        (
            {"bounds": [[0, 10], [0, float("nan")], [0, 10], [0, 10]]},
            InvalidArgumentError,
            r"^bounds\[1\] must be a \(min, max\) pair of finite numbers",
        ),
        (
            {"bounds": {"C1": (0, 10), "C2": (0, 10), "C3": (0, 10), "C4": (2, 10)}},
            InvalidArgumentError,
            r"^bounds\['C4'\] must contain every value of 'C4' \(from 1\.\d+ to \d\.\d+\); "
            r"got \(2, 10\)$",
        ),
        (
            {"esp": [0, 0, 0, "x"]},
            InvalidTypeError,
            r"^esp\[3\] must be a number; got 'x'$",
        ),
        (
            {"esp": [0, 0, 0, 0], "bounds": [[0, 10], [0, 10], [0, 10], [0.5, 10]]},
            InvalidArgumentError,
            r"^esp must lie within the bounds of each criterion; got 0 for 'C4', outside "
            r"\[0\.5, 10\]$",
        ),
    ],
)
def test_spotis_options(problem, options, error, message):
    with pytest.raises(error, match=message):
        rank(problem, "spotis", **options)


def test_a_mapping_must_cover_every_criterion(problem):
    with pytest.raises(InvalidArgumentError, match=r"^esp is missing criteria: 'C3', 'C4'$"):
        rank(problem, "aras", normalization="minmax", esp={"C1": 1, "C2": 1})
    with pytest.raises(InvalidArgumentError, match=r"^bounds is missing criteria: 'C4'$"):
        rank(problem, "spotis", bounds={"C1": (0, 10), "C2": (0, 10), "C3": (0, 10)})


def test_none_takes_the_default_for_topsis_too(problem):
    default = rank(problem, "topsis")
    given = rank(problem, "topsis", normalization=None, distance=None)
    np.testing.assert_array_equal(given.scores, default.scores)


def test_aras_expected_solution_point(problem):
    with pytest.raises(
        InvalidProblemError,
        match=r"sum_normalization requires all positive values\. .*; ARAS normalizes esp "
        r"together with the data, so esp must suit the normalization too$",
    ):
        rank(problem, "aras", esp=-1)
    with pytest.raises(InvalidArgumentError, match=r"^esp must be a number \(the same for "):
        rank(problem, "aras", esp=[1, 2])
    with pytest.raises(InvalidArgumentError, match=r"^esp\[0\] must be a finite number; got nan$"):
        rank(problem, "aras", esp=[float("nan"), 1, 1, 1])


JUNK = ["gauss", -1, 0, 1.5, float("nan"), True, None, [1], {"C9": 1}, object(), "", [[1, 2]]]


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.MethodWarning")
@pytest.mark.parametrize("method", ["topsis", *METHODS])
def test_no_raw_error_for_any_option_value(problem, method):
    """Junk in any option gives a coopdecide error whose message starts with an option name.

    (So the study loader can map it to the option's key path.) Values that happen to
    be valid (0 as a threshold, None as the default) may rank; an option value that
    is valid but does not suit the data (ARAS's esp=-1 under sum normalization) is an
    InvalidProblemError from the method.
    """
    wrong = []
    for name in allowed_options(method):
        for value in JUNK:
            try:
                rank(problem, method, **{name: value})
            except InvalidProblemError as error:
                if not str(error).startswith("pymcdm's ") or method == "topsis":
                    wrong.append((name, value, repr(error)))
            except CoopdecideError as error:
                if str(error).split(" ")[0].split("[")[0] not in allowed_options(method):
                    wrong.append((name, value, repr(error)))
            except Exception as error:
                wrong.append((name, value, repr(error)))
    assert wrong == []


# ---------------------------------------------------------------------------
# valid options: the same scores as pymcdm called directly
# ---------------------------------------------------------------------------
def _direct(cls_name, problem, *args, **kwargs):
    """pymcdm's own scores for the problem (its dominance warnings silenced)."""
    import warnings

    from pymcdm import methods, normalizations

    kwargs = {
        key: getattr(normalizations, f"{value}_normalization")
        if key == "normalization_function"
        else value
        for key, value in kwargs.items()
    }
    body = getattr(methods, cls_name)(*args, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return body(problem.matrix.copy(), problem.weight_array.copy(), problem.types.copy())


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.MethodWarning")
@pytest.mark.parametrize(
    ("method", "options", "cls_name", "args", "kwargs"),
    [
        (
            "vikor",
            {"normalization": "minmax", "v": 0.3},
            "VIKOR",
            (),
            {"normalization_function": "minmax", "v": 0.3},
        ),
        ("vikor", {"v": 1}, "VIKOR", (), {"v": 1}),
        (
            "waspas",
            {"normalization": "max", "l": 0.2},
            "WASPAS",
            (),
            {"normalization_function": "max", "l": 0.2},
        ),
        ("wpm", {"normalization": "max"}, "WPM", (), {"normalization_function": "max"}),
        ("mabac", {"normalization": "vector"}, "MABAC", (), {"normalization_function": "vector"}),
        ("codas", {"normalization": "minmax"}, "CODAS", (), {"normalization_function": "minmax"}),
        (
            "aras",
            {"normalization": "minmax", "esp": [12, 0, 12, 0]},
            "ARAS",
            (),
            {"normalization_function": "minmax", "esp": [12, 0, 12, 0]},
        ),
        (
            "promethee_ii",
            {"preference_function": "ushape", "q": [0.5, 1, 0, 2]},
            "PROMETHEE_II",
            ("ushape",),
            {"q": [0.5, 1, 0, 2]},
        ),
        (
            "promethee_ii",
            {"preference_function": "vshape", "p": 3},
            "PROMETHEE_II",
            ("vshape",),
            {"p": [3, 3, 3, 3]},
        ),
        (
            "promethee_ii",
            {"preference_function": "level", "q": {"C1": 1, "C2": 0, "C3": 2, "C4": 1}, "p": 4},
            "PROMETHEE_II",
            ("level",),
            {"q": [1, 0, 2, 1], "p": [4, 4, 4, 4]},
        ),
        (
            "promethee_ii",
            {"preference_function": "vshape_2", "q": [1, 0.5, 0, 1], "p": [4, 2, 3, 5]},
            "PROMETHEE_II",
            ("vshape_2",),
            {"q": [1, 0.5, 0, 1], "p": [4, 2, 3, 5]},
        ),
        (
            "spotis",
            {"bounds": [[0, 10]] * 4, "esp": [8, 2, 9, 1]},
            "SPOTIS",
            (np.array([[0, 10]] * 4),),
            {"esp": np.array([8, 2, 9, 1])},
        ),
        (
            "spotis",
            {"bounds": {"C1": (0, 10), "C2": (1, 10), "C3": (0, 12), "C4": (0, 10)}},
            "SPOTIS",
            (np.array([[0, 10], [1, 10], [0, 12], [0, 10]]),),
            {},
        ),
    ],
)
def test_valid_options_rank_as_pymcdm_does(problem, method, options, cls_name, args, kwargs):
    expected = _direct(cls_name, problem, *args, **kwargs)
    result = rank(problem, method, **options)
    np.testing.assert_allclose(result.scores, expected, rtol=0, atol=1e-12)
    assert dict(result.options) == options
    # None takes each option's default, as leaving it out does
    default = rank(problem, method, **dict.fromkeys(options))
    np.testing.assert_allclose(default.scores, rank(problem, method).scores, atol=0)


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.MethodWarning")  # A2 dominates
def test_promethee_thresholds_by_hand():
    """PROMETHEE II (Brans and Vincke 1985), V-shape with indifference (type V), by hand.

    One benefit criterion, x = (0, 3), q = 1, p = 5: d(A2, A1) = 3 gives
    P = (3 - 1) / (5 - 1) = 0.5 and d(A1, A2) = -3 gives 0; with two alternatives the
    net flows are phi(A2) = 0.5 - 0 = 0.5 and phi(A1) = -0.5. Swapping p and q would be
    refused (q must be less than p); an unscaled threshold would change the flows.
    """
    problem = DecisionProblem([[0.0], [3.0]], "max", weights=[1])
    result = rank(problem, "promethee_ii", preference_function="vshape_2", q=1, p=5)
    np.testing.assert_allclose(result.scores, [-0.5, 0.5], atol=1e-12)
    level = rank(problem, "promethee_ii", preference_function="level", q=1, p=5)
    np.testing.assert_allclose(level.scores, [-0.5, 0.5], atol=1e-12)  # 1 < 3 <= 5: P = 1/2
    ushape = rank(problem, "promethee_ii", preference_function="ushape", q=3)
    np.testing.assert_allclose(ushape.scores, [0.0, 0.0], atol=1e-12)  # 3 is not > q


def test_promethee_vshape_by_hand():
    """The rank() docstring example with V-shape thresholds p = (1, 1, 2), by hand.

    Preference degrees P = min(d / p, 1) for d > 0; weights (0.5, 0.3, 0.2):
    pi(A1,A2) = .5 + .3 = .8, pi(A1,A3) = .3, pi(A2,A1) = .2, pi(A2,A3) = .3 + .1 = .4,
    pi(A3,A1) = .5 + .1 = .6, pi(A3,A2) = .5; with n - 1 = 2, phi+ = (.55, .3, .55),
    phi- = (.4, .65, .35), phi = (.15, -.35, .2).
    """
    problem = DecisionProblem([[4, 3, 2], [3, 2, 4], [5, 1, 3]], "max", weights=[0.5, 0.3, 0.2])
    result = rank(problem, "promethee_ii", preference_function="vshape", p=[1, 1, 2])
    np.testing.assert_allclose(result.scores, [0.15, -0.35, 0.2], atol=1e-12)


def test_the_pymcdm_parameter_table_matches_the_installed_pymcdm():
    # option names are checked from a table (importing pymcdm takes about a second); it
    # must say what pymcdm's own constructors say, for every delegated method
    from coopdecide.ranking import methods

    delegated = {d.pymcdm_class for d in methods.METHODS.values() if hasattr(d, "pymcdm_class")}
    assert delegated <= set(methods._PYMCDM_1_4_PARAMETERS)
    if not methods._pymcdm_version().startswith("1.4."):
        pytest.skip("the table is for pymcdm 1.4")
    for name in delegated:
        assert methods._PYMCDM_1_4_PARAMETERS[name] == methods._inspected_parameters(name), name
