"""one_at_a_time(): exact TOPSIS swap points against a brute-force 100,000-point sweep.

The brute force is independent of the exact machinery: it evaluates the
closeness on a fine grid with the batched TOPSIS kernel (one call on a
(100001, m) weight batch) and reads off where the order of each pair flips.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide import DecisionProblem, topsis
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.ranking.kernels import normalize, topsis_kernel
from coopdecide.sensitivity import OneAtATimeResult, one_at_a_time
from coopdecide.sensitivity._breakpoints import candidate_roots, path_weights, sign_changes


# -- independent brute force (the grid and the path: the ``brute`` fixture, conftest.py) ---
def brute_swaps(closeness, grid):
    """Every flip of a pair's order on the grid, as arrays (a, b, t_low, t_high, a_leads_below).

    A flip is a strict sign change of C_a - C_b between consecutive grid points, or across a
    single grid point where the two tie (|C_a - C_b| <= 1e-12). Only grid steps where the
    sorted order changes (and their neighbours) can hold a flip, so only those are examined.
    """
    n = closeness.shape[1]
    order = np.argsort(-closeness, axis=1, kind="stable")
    moved = np.flatnonzero((order[1:] != order[:-1]).any(axis=1))
    rows = np.unique(np.clip((moved[:, None] + np.arange(-1, 4)).ravel(), 0, grid.size - 1))
    ia, ib = np.triu_indices(n, 1)
    diff = closeness[rows][:, ia] - closeness[rows][:, ib]
    sign = np.where(np.abs(diff) <= 1e-12, 0, np.sign(diff)).astype(np.int8)
    nxt = np.flatnonzero(rows[1:] == rows[:-1] + 1)  # consecutive grid points
    step, pair = np.nonzero(sign[nxt] * sign[nxt + 1] < 0)
    low, high = rows[nxt[step]], rows[nxt[step] + 1]
    lead = sign[nxt[step], pair] > 0
    two = np.flatnonzero(rows[2:] == rows[:-2] + 2)  # three consecutive grid points
    step2, pair2 = np.nonzero((sign[two + 1] == 0) & (sign[two] * sign[two + 2] < 0))
    low = np.concatenate([low, rows[two[step2]]])
    high = np.concatenate([high, rows[two[step2] + 2]])
    lead = np.concatenate([lead, sign[two[step2], pair2] > 0])
    pair = np.concatenate([pair, pair2])
    return ia[pair], ib[pair], grid[low], grid[high], lead


def assert_matches_brute_force(brute, problem, result, normalization, distance):
    """Every grid flip has an exact swap in its bracket, and there are no other swaps."""
    labels = list(problem.alternatives)
    table = result.breakpoints
    for k, criterion in enumerate(problem.criteria):
        exact = table[table["criterion"] == criterion]
        closeness = brute.closeness(problem, k, normalization, distance)
        a, b, low, high, a_leads = brute_swaps(closeness, brute.grid)
        assert len(exact) == a.size, (criterion, len(exact), a.size)
        order = np.lexsort((low, b, a))
        a, b, low, high, a_leads = a[order], b[order], low[order], high[order], a_leads[order]
        exact = exact.assign(
            a=exact["alternative_a"].map(labels.index), b=exact["alternative_b"].map(labels.index)
        ).sort_values(["a", "b", "weight"])
        assert (exact["a"].to_numpy() == a).all()
        assert (exact["b"].to_numpy() == b).all()
        weight = exact["weight"].to_numpy()
        assert ((weight >= low - 1e-12) & (weight <= high + 1e-12)).all()
        leader = np.where(a_leads, np.asarray(labels, dtype=object)[a], np.asarray(labels)[b])
        assert (exact["leader_below"].to_numpy() == leader).all()


def random_problem(rng, n, m, *, cost=True):
    matrix = rng.uniform(1.0, 10.0, (n, m))
    objectives = rng.choice(["max", "min"], m) if cost else ["max"] * m
    if cost:
        objectives[0] = "min"  # at least one cost criterion
    return DecisionProblem(matrix, list(objectives), weights=rng.dirichlet(np.ones(m)))


# -- exact vs brute force -----------------------------------------------------------------
@pytest.mark.parametrize("normalization", ["vector", "minmax"])
@pytest.mark.parametrize("distance", ["euclidean", "manhattan"])
def test_exact_breakpoints_match_brute_force_on_random_problems(brute, normalization, distance):
    rng = np.random.default_rng(20260 + len(normalization) + len(distance))
    total = 0
    for _ in range(2):
        problem = random_problem(rng, n=int(rng.integers(4, 8)), m=int(rng.integers(2, 5)))
        result = one_at_a_time(problem, normalization=normalization, distance=distance)
        assert result.exact
        assert result.breakpoints["exact"].all()
        assert (result.breakpoints["resolution"] == 0).all()
        assert_matches_brute_force(brute, problem, result, normalization, distance)
        total += len(result.breakpoints)
    assert total > 10  # the check is not vacuous


@pytest.mark.parametrize(
    ("normalization", "distance"), [("vector", "euclidean"), ("minmax", "manhattan")]
)
def test_exact_breakpoints_match_brute_force_on_bundled_dataset(brute, normalization, distance):
    """The bundled study's 31 partner countries (6 criteria, two cost criteria)."""
    from coopdecide import load_partner_countries, load_study
    from coopdecide.study import bundled_study_path

    candidates = load_study(bundled_study_path()).problem.alternatives
    problem = load_partner_countries().subset(alternatives=list(candidates))
    weights = [0.25, 0.1, 0.2, 0.15, 0.1, 0.2]
    problem = problem.with_weights(weights)
    result = one_at_a_time(problem, normalization=normalization, distance=distance)
    assert len(result.breakpoints) > 50
    assert_matches_brute_force(brute, problem, result, normalization, distance)


def test_changes_top_matches_brute_force(brute):
    rng = np.random.default_rng(7)
    for _ in range(3):
        problem = random_problem(rng, n=6, m=3)
        result = one_at_a_time(problem)
        table = result.breakpoints
        for k, criterion in enumerate(problem.criteria):
            closeness = brute.closeness(problem, k, "vector", "euclidean")
            leader = closeness.argmax(axis=1)
            moves = np.flatnonzero(leader[1:] != leader[:-1])
            flagged = table[(table["criterion"] == criterion) & table["changes_top"]]
            assert len(flagged) == len(moves)
            for i in moves:
                low, high = brute.grid[i], brute.grid[i + 1]
                assert ((flagged["weight"] >= low) & (flagged["weight"] <= high)).sum() == 1


def test_breakpoints_are_genuine_order_changes(brute):
    """Just below and above each swap the two closeness values are in the stated order."""
    rng = np.random.default_rng(11)
    problem = random_problem(rng, n=7, m=4)
    result = one_at_a_time(problem)
    labels = list(problem.alternatives)
    normalized = normalize(problem.matrix, "vector")
    for row in result.breakpoints.itertuples():
        k = list(problem.criteria).index(row.criterion)
        t = np.array([row.weight - 1e-7, row.weight, row.weight + 1e-7])
        score = topsis_kernel(
            normalized, brute.path(problem.weight_array, k, t), problem.types, "euclidean"
        )[0]
        below, above = labels.index(row.leader_below), labels.index(row.leader_above)
        assert score[0, below] > score[0, above]
        assert score[2, above] > score[2, below]
        assert score[1, below] == pytest.approx(score[1, above], abs=1e-12)


# -- problems whose ranking never changes -------------------------------------------------
def test_dominance_chain_has_no_breakpoint(brute):
    """If A dominates B, every criterion puts A at least as close to the ideal and at least as
    far from the anti-ideal (the normalizations are increasing per column), so
    D+_A <= D+_B and D-_A >= D-_B for every weight vector, hence C_A >= C_B: a chain of
    dominance (here A1 > A2 > A3 > A4 on every criterion, with a cost criterion) can never
    reorder. The brute force confirms it."""
    problem = DecisionProblem(
        [[9, 8, 1], [7, 8, 2], [5, 3, 2], [1, 2, 9]],
        ["max", "max", "min"],
        weights=[0.2, 0.5, 0.3],
    )
    for normalization in ("vector", "minmax", "max", "sum"):
        for distance in ("euclidean", "manhattan"):
            result = one_at_a_time(problem, normalization=normalization, distance=distance)
            assert result.breakpoints.empty
            assert (result.summary["n_breakpoints"] == 0).all()
            assert result.summary["lower"].isna().all()
            coarse = brute.grid[::10]
            for k in range(3):
                closeness = brute.closeness(problem, k, normalization, distance, grid=coarse)
                assert brute_swaps(closeness, grid=coarse)[0].size == 0


def test_dominating_alternative_keeps_the_top():
    problem = DecisionProblem(
        [[9, 9, 1], [7, 2, 5], [2, 7, 5], [4, 4, 4]], ["max", "max", "min"], weights=[0.4, 0.3, 0.3]
    )
    result = one_at_a_time(problem)
    assert len(result.breakpoints) > 0  # the others do reorder
    assert not result.breakpoints["changes_top"].any()
    assert result.summary["top_lower"].isna().all()
    assert result.summary["top_upper"].isna().all()


def test_identical_alternatives_never_swap(brute):
    problem = DecisionProblem(
        [[3, 1, 4], [3, 1, 4], [1, 5, 9], [2, 6, 5]], "max", weights=[0.3, 0.3, 0.4]
    )
    result = one_at_a_time(problem)
    pair = (result.breakpoints["alternative_a"] == "A1") & (
        result.breakpoints["alternative_b"] == "A2"
    )
    assert not pair.any()
    # both swap with the others at the same weights
    assert_matches_brute_force(brute, problem, result, "vector", "euclidean")


def test_tangential_root_is_not_a_swap():
    """f(t) = (t - 0.5)^2 (t - 0.2): a double root at 0.5 (touch) and a crossing at 0.2."""
    coefficients = np.polynomial.polynomial.polyfromroots([0.5, 0.5, 0.2])[None, :]
    candidates = candidate_roots(coefficients)
    assert np.nanmin(np.abs(candidates - 0.5)) < 1e-6  # the touch point is a candidate

    def evaluate(rows, t):
        terms = np.stack([np.abs(c) * t**i for i, c in enumerate(coefficients[0])])
        return np.polynomial.polynomial.polyval(t, coefficients[0]), terms.sum(axis=0)

    rows, t, below = sign_changes(candidates, evaluate)
    assert rows.tolist() == [0]
    assert t[0] == pytest.approx(0.2, abs=1e-12)
    assert below.tolist() == [-1.0]


def test_identically_zero_polynomial_has_no_candidates():
    assert np.isnan(candidate_roots(np.zeros((1, 5)))).all()


# -- edge cases ---------------------------------------------------------------------------
def test_weight_one_spreads_the_others_equally(brute):
    problem = DecisionProblem(
        [[1, 5, 2], [4, 1, 3], [2, 3, 5], [5, 2, 1]], ["max", "max", "min"], weights=[1, 0, 0]
    )
    result = one_at_a_time(problem, "C1", n_points=5)
    sweep = result.sweep
    at_half = sweep[sweep["weight"] == 0.5].set_index("alternative")["score"]
    expected = topsis(problem, weights=[0.5, 0.25, 0.25]).scores
    np.testing.assert_allclose(at_half.to_numpy(), expected.to_numpy(), atol=1e-12)
    # the swaps agree with a brute force along the equal-spread path
    normalized = normalize(problem.matrix, "vector")
    grid = brute.grid
    batch = np.column_stack([grid, (1 - grid) / 2, (1 - grid) / 2])
    closeness = topsis_kernel(normalized, batch, problem.types.astype(float), "euclidean")[0]
    assert len(result.breakpoints) == brute_swaps(closeness, grid)[0].size > 0


def test_zero_range_criterion():
    problem = DecisionProblem(
        [[1, 7, 2], [4, 7, 3], [2, 7, 5]], ["max", "max", "min"], weights=[0.4, 0.2, 0.4]
    )
    result = one_at_a_time(problem, n_points=11)
    summary = result.summary
    assert summary.loc["C2", "zero_range"]
    assert summary.loc["C2", "n_breakpoints"] == 0
    assert not summary.loc["C1", "zero_range"]
    sweep = result.sweep
    flat = sweep[(sweep["criterion"] == "C2") & (sweep["weight"] == 1.0)]
    assert (flat["score"] == 0.5).all()  # only a constant criterion is weighted
    assert (flat["rank"] == 1).all()


def test_sweep_matches_topsis_and_has_tidy_columns():
    rng = np.random.default_rng(3)
    problem = random_problem(rng, n=5, m=3).with_weights([0.25, 0.35, 0.4])
    result = one_at_a_time(problem, n_points=21, normalization="minmax", distance="manhattan")
    sweep = result.sweep
    assert list(sweep.columns) == ["criterion", "weight", "alternative", "score", "rank"]
    assert len(sweep) == 3 * 21 * 5
    current = sweep[(sweep["criterion"] == "C1") & np.isclose(sweep["weight"], 0.25)]
    expected = topsis(problem, normalization="minmax", distance="manhattan")
    np.testing.assert_allclose(current["score"].to_numpy(), expected.scores.to_numpy(), atol=1e-12)
    assert current["rank"].tolist() == expected.ranks.tolist()
    assert result.current_weight.tolist() == pytest.approx([0.25, 0.35, 0.4])


def test_summary_brackets_the_current_weight():
    rng = np.random.default_rng(5)
    problem = random_problem(rng, n=8, m=4)
    result = one_at_a_time(problem)
    table = result.breakpoints
    for criterion, row in result.summary.iterrows():
        mine = table[table["criterion"] == criterion]
        below = mine[mine["weight"] < row["current_weight"]]["weight"]
        above = mine[mine["weight"] > row["current_weight"]]["weight"]
        assert (pd.isna(row["lower"]) and below.empty) or row["lower"] == below.max()
        assert (pd.isna(row["upper"]) and above.empty) or row["upper"] == above.min()


def test_one_criterion_by_name_and_a_list():
    rng = np.random.default_rng(9)
    problem = random_problem(rng, n=5, m=3)
    one = one_at_a_time(problem, "C2")
    assert one.criteria == ("C2",)
    assert set(one.sweep["criterion"]) == {"C2"}
    both = one_at_a_time(problem, ["C1", "C3"])
    assert both.criteria == ("C1", "C3")
    full = one_at_a_time(problem)
    np.testing.assert_allclose(
        one.breakpoints["weight"], full.breakpoints.query("criterion == 'C2'")["weight"]
    )


# -- other methods: a grid ----------------------------------------------------------------
def test_grid_method_agrees_with_exact_equivalent(wsm_equivalent):
    """pymcdm's WSM = TOPSIS min-max + Manhattan (see the fixture): the grid swaps must lie
    within their resolution of the exact ones."""
    problem = wsm_equivalent
    grid = one_at_a_time(problem, method="wsm", normalization="minmax", grid_points=201)
    exact = one_at_a_time(problem, normalization="minmax", distance="manhattan")
    assert not grid.exact
    assert not grid.breakpoints["exact"].any()
    assert len(grid.breakpoints) == len(exact.breakpoints) > 0
    left = grid.breakpoints.sort_values(["criterion", "alternative_a", "alternative_b", "weight"])
    right = exact.breakpoints.sort_values(["criterion", "alternative_a", "alternative_b", "weight"])
    gap = np.abs(left["weight"].to_numpy() - right["weight"].to_numpy())
    assert (gap <= left["resolution"].to_numpy() + 1e-12).all()
    assert (left["leader_below"].to_numpy() == right["leader_below"].to_numpy()).all()
    assert (left["changes_top"].to_numpy() == right["changes_top"].to_numpy()).all()


# -- results ------------------------------------------------------------------------------
def test_result_renderings_and_immutability():
    rng = np.random.default_rng(2)
    problem = random_problem(rng, n=4, m=3)
    result = one_at_a_time(problem, n_points=11)
    assert isinstance(result, OneAtATimeResult)
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["exact"] is True
    assert len(payload["breakpoints"]) == len(result.breakpoints)
    assert all(
        v is None or isinstance(v, float) for row in payload["summary"] for v in [row["lower"]]
    )
    assert "OneAtATimeResult" in repr(result)
    assert "<div" in result._repr_html_()
    assert result.to_frame().equals(result.sweep)
    with pytest.raises(AttributeError, match="immutable"):
        result.method = "vikor"
    frame = result.breakpoints
    frame.loc[:, "weight"] = -1.0
    assert not (result.breakpoints["weight"] == -1).any()


def test_inputs_are_not_mutated():
    weights = np.array([0.2, 0.5, 0.3])
    problem = DecisionProblem([[1, 2, 3], [3, 1, 2], [2, 3, 1]], "max")
    one_at_a_time(problem, weights=weights)
    assert weights.tolist() == [0.2, 0.5, 0.3]
    assert problem.weights is None


# -- errors -------------------------------------------------------------------------------
@pytest.fixture
def small():
    return DecisionProblem([[1, 2, 3], [3, 1, 2], [2, 3, 1]], "max", weights=[0.2, 0.5, 0.3])


def test_unknown_criterion(small):
    with pytest.raises(InvalidArgumentError, match=r"criterion must be one of .*got 'price'"):
        one_at_a_time(small, "price")
    with pytest.raises(InvalidArgumentError, match=r"criterion must be one of .*an empty list"):
        one_at_a_time(small, [])
    with pytest.raises(InvalidArgumentError, match="criterion must be one of"):
        one_at_a_time(small, {"C1": 1})  # unhashable


def test_weights_that_do_not_match(small):
    with pytest.raises(InvalidWeightsError, match=r"one value per criterion \(3\); got shape"):
        one_at_a_time(small, weights=[0.5, 0.5])
    with pytest.raises(InvalidWeightsError, match="names criteria that do not exist"):
        one_at_a_time(small, weights={"C1": 0.5, "C9": 0.5})


def test_unknown_method(small):
    with pytest.raises(UnknownMethodError, match=r"method must be one of .*got 'electre'"):
        one_at_a_time(small, method="electre")
    with pytest.raises(UnknownMethodError, match=r"normalization must be one of .*got 'l2'"):
        one_at_a_time(small, normalization="l2")
    with pytest.raises(UnknownMethodError, match=r"distance must be one of .*got 'chebyshev'"):
        one_at_a_time(small, distance="chebyshev")


def test_n_points_below_two(small):
    with pytest.raises(InvalidArgumentError, match="n_points must be at least 2; got 1"):
        one_at_a_time(small, n_points=1)
    with pytest.raises(InvalidTypeError, match=r"n_points must be an integer; got 10.5"):
        one_at_a_time(small, n_points=10.5)
    with pytest.raises(InvalidArgumentError, match="grid_points must be at least 2; got 0"):
        one_at_a_time(small, grid_points=0)


def test_problem_without_weights():
    problem = DecisionProblem([[1, 2], [2, 1]], "max")
    with pytest.raises(InvalidWeightsError, match="weights are required"):
        one_at_a_time(problem)


def test_other_bad_inputs(small):
    with pytest.raises(InvalidTypeError, match="problem must be a DecisionProblem; got ndarray"):
        one_at_a_time(np.eye(3))
    with pytest.raises(InvalidArgumentError, match="options for method 'topsis' are"):
        one_at_a_time(small, v=0.5)
    with pytest.raises(InvalidArgumentError, match="distance applies to method 'topsis' only"):
        one_at_a_time(small, method="vikor", distance="manhattan")
    with pytest.raises(InvalidArgumentError, match="options for method 'vikor' are"):
        one_at_a_time(small, method="vikor", bounds=[0, 1])
    single = DecisionProblem([[1], [2]], "max", weights=[1])
    with pytest.raises(InvalidProblemError, match=r"at least 2 criteria.*got 1"):
        one_at_a_time(single)
    zeros = DecisionProblem([[0, 1], [0, 2]], "max", weights=[0.5, 0.5])
    with pytest.raises(InvalidProblemError, match="cannot normalize a column of zeros"):
        one_at_a_time(zeros)


def test_method_undefined_on_part_of_the_path_warns():
    """COPRAS divides by the cost part S-, which is 0 for every alternative when the only cost
    criterion gets weight 0 (t = 0 on its path): that weight is left out, with a warning."""
    problem = DecisionProblem(
        [[1, 5, 2], [4, 3, 3], [2, 6, 5], [3, 2, 1]], ["max", "max", "min"], weights=[0.4, 0.2, 0.4]
    )
    with pytest.warns(MethodWarning, match=r"'copras' is undefined .*'C3': 1 weight\(s\)"):
        result = one_at_a_time(problem, "C3", method="copras", n_points=11, grid_points=11)
    assert 0.0 not in set(result.sweep["weight"])
    assert len(set(result.sweep["weight"])) == 10


def test_current_weights_on_a_swap():
    """A = (10, 1) and B = (1, 10) mirror each other: with equal weights they tie (vector
    normalization gives both columns the same norm), and moving c1's weight either way breaks
    the tie, so the swap sits exactly at the current weight 0.5."""
    problem = DecisionProblem(
        [[10, 1], [1, 10], [4, 4]], "max", alternatives=["A", "B", "C"], weights=[0.5, 0.5]
    )
    result = one_at_a_time(problem, "C1")
    swap = result.breakpoints.query("alternative_a == 'A' and alternative_b == 'B'")
    assert swap["weight"].tolist() == [0.5]
    assert swap["delta"].tolist() == [0.0]
    assert result.summary.loc["C1", "lower"] == result.summary.loc["C1", "upper"] == 0.5


def test_plot_namespace():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(4)
    result = one_at_a_time(random_problem(rng, n=4, m=3), n_points=11)
    ax = result.plot.sweep("C2")
    assert ax.get_xlabel()
    plt.close("all")


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    data=st.data(),
    n=st.integers(2, 6),
    m=st.integers(2, 4),
    variant=st.sampled_from(
        [
            ("vector", "euclidean"),
            ("minmax", "manhattan"),
            ("sum", "euclidean"),
            ("max", "manhattan"),
        ]
    ),
)
def test_property_small_integer_problems(data, n, m, variant):
    """Small integer data: ties, constant columns, duplicated rows, zero and unit weights.
    Every swap found on a 20,001-point grid is an exact breakpoint and vice versa."""
    cells = data.draw(st.lists(st.integers(1, 4), min_size=n * m, max_size=n * m))
    objectives = data.draw(st.lists(st.sampled_from(["max", "min"]), min_size=m, max_size=m))
    weights = data.draw(
        st.lists(st.integers(0, 3), min_size=m, max_size=m).filter(lambda w: sum(w) > 0)
    )
    problem = DecisionProblem(np.reshape(cells, (n, m)), objectives, weights=weights)
    normalization, distance = variant
    result = one_at_a_time(problem, normalization=normalization, distance=distance, n_points=2)
    grid = np.linspace(0.0, 1.0, 20_001)
    normalized = normalize(problem.matrix, normalization)
    for k, criterion in enumerate(problem.criteria):
        batch = path_weights(problem.weight_array, k, grid)  # (with the w_k = 1 convention)
        closeness = topsis_kernel(normalized, batch, problem.types.astype(float), distance)[0]
        found = result.breakpoints[result.breakpoints["criterion"] == criterion]
        assert len(found) == brute_swaps(closeness, grid=grid)[0].size
