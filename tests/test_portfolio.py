"""Portfolio selection: exact optimum against brute force, constraints, errors, results."""

from __future__ import annotations

import copy
import json
from itertools import product

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopdecide
from coopdecide import DecisionProblem, topsis
from coopdecide.exceptions import (
    InfeasiblePortfolioError,
    InvalidArgumentError,
    InvalidTypeError,
    UnknownMethodError,
)
from coopdecide.portfolio import (
    BudgetSweepResult,
    PortfolioAcceptabilityResult,
    PortfolioResult,
    budget_sweep,
    portfolio_acceptability,
    select_portfolio,
)
from coopdecide.portfolio._model import _Model
from coopdecide.portfolio._spec import _build_spec, _minimal_conflict

# ---------------------------------------------------------------------------
# brute force: every subset, vectorised over subsets with numpy
# ---------------------------------------------------------------------------


def all_subsets(n):
    """Every 0/1 vector of length n (2**n x n)."""
    return ((np.arange(2**n)[:, None] >> np.arange(n)) & 1).astype(bool)


def feasible_mask(X, inst):
    """Which rows of X meet every constraint of the instance (checked independently)."""
    names = list(inst["names"])
    pos = {name: i for i, name in enumerate(names)}
    ok = X.astype(float) @ inst["costs"] <= inst["budget"] + 1e-9
    for group, labels in inst.get("groups", {}).items():
        labels = np.asarray(labels, dtype=object)
        for kind in ("at_most", "at_least"):
            spec = inst.get(kind, {}).get(group)
            if spec is None:
                continue
            limits = spec if isinstance(spec, dict) else dict.fromkeys(set(labels), spec)
            for label, k in limits.items():
                count = X[:, labels == label].sum(axis=1)
                ok &= count <= k if kind == "at_most" else count >= k
    for name in inst.get("mandatory", ()):
        ok &= X[:, pos[name]]
    for name in inst.get("excluded", ()):
        ok &= ~X[:, pos[name]]
    for a, b in inst.get("requires", ()):
        ok &= ~X[:, pos[a]] | X[:, pos[b]]
    for members in inst.get("excludes", ()):
        ok &= X[:, [pos[m] for m in members]].sum(axis=1) <= 1
    return ok


def objective_weights(inst, scores):
    objective = inst.get("objective", "score")
    if objective == "score_x_cost":
        return scores * inst["costs"]
    if objective == "score_x_size":
        return scores * inst["sizes"]
    return scores


def brute_force(inst, scores=None):
    """Optimal value by enumeration, or None if no subset is feasible."""
    scores = inst["scores"] if scores is None else scores
    X = all_subsets(len(inst["names"]))
    ok = feasible_mask(X, inst)
    if not ok.any():
        return None
    return float((X[ok].astype(float) @ objective_weights(inst, scores)).max())


def kwargs_of(inst):
    keys = ("groups", "at_most", "at_least", "mandatory", "excluded", "requires", "excludes")
    kwargs = {k: inst[k] for k in keys if k in inst}
    kwargs["objective"] = inst.get("objective", "score")
    if kwargs["objective"] == "score_x_size":
        kwargs["sizes"] = pd.Series(inst["sizes"], index=inst["names"])
    return kwargs


def random_instance(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 13))
    names = [f"p{i}" for i in range(n)]
    costs = rng.integers(1, 21, n).astype(float) if seed % 2 else rng.uniform(0.5, 20, n)
    inst = {
        "names": names,
        "scores": rng.uniform(-0.2 if seed % 5 == 0 else 0.0, 1.0, n),
        "costs": costs,
        "budget": float(costs.sum() * rng.uniform(0.2, 0.7)),
        "objective": ("score", "score_x_cost", "score_x_size")[seed % 3],
        "sizes": rng.uniform(0.5, 3.0, n),
    }
    partners = rng.choice(["VNM", "THA", "MYS", "JPN"], n)
    sectors = rng.choice(["health", "energy", "education"], n)
    inst["groups"] = {"partner": list(partners), "sector": list(sectors)}
    inst["at_most"] = {"partner": int(rng.integers(1, 4))}
    present = sorted(set(sectors))
    inst["at_least"] = {"sector": {str(rng.choice(present)): int(rng.integers(0, 3))}}
    if rng.random() < 0.5:
        inst["at_most"]["sector"] = {present[0]: int(rng.integers(1, 4))}
    order = rng.permutation(names)
    inst["mandatory"] = list(order[: rng.integers(0, 2)])
    inst["excluded"] = list(order[2 : 2 + rng.integers(0, 2)])
    inst["requires"] = [
        (str(a), str(b)) for a, b in rng.choice(names, (int(rng.integers(0, 3)), 2)) if a != b
    ]
    inst["excludes"] = [tuple(str(m) for m in order[4 : 4 + rng.integers(2, 4)])]
    return inst


@pytest.mark.parametrize("seed", range(30))
def test_matches_brute_force_on_random_instances(seed):
    """The MILP optimum equals the enumerated optimum over every subset."""
    inst = random_instance(seed)
    scores = pd.Series(inst["scores"], index=inst["names"])
    costs = pd.Series(inst["costs"], index=inst["names"])
    expected = brute_force(inst)
    if expected is None:
        with pytest.raises(InfeasiblePortfolioError, match=r"cannot|must|asks|allows"):
            select_portfolio(scores, costs, inst["budget"], **kwargs_of(inst))
        return
    result = select_portfolio(scores, costs, inst["budget"], **kwargs_of(inst))
    assert result.objective_value == pytest.approx(expected, abs=1e-9)
    x = result.selection.to_numpy()[None, :]
    assert feasible_mask(x, inst)[0], "the chosen portfolio breaks a constraint"
    assert result.total_cost <= inst["budget"] + 1e-9
    assert result.remaining_budget == pytest.approx(inst["budget"] - result.total_cost)


def test_random_instances_include_infeasible_and_feasible_ones():
    outcomes = {brute_force(random_instance(seed)) is None for seed in range(30)}
    assert outcomes == {True, False}


@pytest.mark.parametrize("seed", range(40, 60))
def test_minimal_conflict_is_irreducible(seed):
    """Deletion filter: the reported set is infeasible, and each proper subset is feasible."""
    inst = random_instance(seed)
    inst["budget"] = float(inst["costs"].sum() * 0.15)
    inst["at_least"] = {"sector": 1, "partner": 1}
    names = pd.Index(inst["names"])
    kwargs = kwargs_of(inst)
    kwargs.pop("objective")
    kwargs.pop("sizes", None)
    spec = _build_spec(
        names, inst["costs"], inst["budget"], sizes=None, objective="score", **kwargs
    )
    constraints = spec.constraints(spec.budget)
    X = all_subsets(len(names)).astype(float)

    def feasible(items):
        ok = np.ones(len(X), dtype=bool)
        for c in items:
            if c.fix is not None:
                ok &= X[:, c.fix[0]] == c.fix[1]
            else:
                activity = X[:, c.index] @ c.coef
                ok &= (activity >= c.lower - 1e-9) & (activity <= c.upper + 1e-9)
        return ok.any()

    if feasible(constraints):
        pytest.skip("instance happens to be feasible")
    conflict = _minimal_conflict(_Model(len(names), constraints))
    chosen = [constraints[k] for k in conflict]
    assert not feasible(chosen)
    for drop in range(len(chosen)):
        assert feasible(chosen[:drop] + chosen[drop + 1 :])


# ---------------------------------------------------------------------------
# hand-checked examples
# ---------------------------------------------------------------------------
SCORES = pd.Series({"A": 0.9, "B": 0.8, "C": 0.5, "D": 0.4, "E": 0.3})
COSTS = pd.Series({"A": 60.0, "B": 50.0, "C": 30.0, "D": 20.0, "E": 10.0})
PARTNER = {"A": "VNM", "B": "VNM", "C": "THA", "D": "THA", "E": "MYS"}
SECTOR = {"A": "health", "B": "energy", "C": "health", "D": "energy", "E": "education"}


def test_hand_checked_knapsack():
    # subsets within 100: {B, C, D, E}? 110 no; {A, C, E} = 100 -> 1.7; {B, C, D} = 100 -> 1.7;
    # {A, D, E} = 90 -> 1.6; {B, C, E} = 90 -> 1.6. Optimum 1.7 (two ways).
    result = select_portfolio(SCORES, COSTS, 100)
    assert result.total_score == pytest.approx(1.7)
    assert set(result.selected) in ({"A", "C", "E"}, {"B", "C", "D"})
    assert result.total_cost == 100
    assert result.remaining_budget == 0


def test_group_limits_mandatory_dependencies_by_hand():
    # at most one per partner: one of A/B, one of C/D, E. A mandatory -> A + (C or D) + E:
    # A + C + E = 100 -> 1.7.
    result = select_portfolio(
        SCORES, COSTS, 100, groups={"partner": PARTNER}, at_most={"partner": 1}, mandatory=["A"]
    )
    assert list(result.selected) == ["A", "C", "E"]
    # E requires D and D, C exclude each other: A + D + E = 90 -> 1.6
    result = select_portfolio(
        SCORES,
        COSTS,
        100,
        groups={"partner": PARTNER},
        at_most={"partner": 1},
        mandatory=["A"],
        requires={"E": "D"},
        excludes=[("C", "E")],
    )
    assert list(result.selected) == ["A", "D", "E"]
    assert result.total_score == pytest.approx(1.6)


def test_at_least_per_sector_by_hand():
    # one per sector: health (A or C), energy (B or D), education (E); budget 100:
    # A+D+E = 90 -> 1.6, A+B+E > 100, B+C+E = 90 -> 1.6, C+D+E = 60 -> 1.2;
    # also B+C+D? no education. Best 1.6, both with cost 90.
    result = select_portfolio(SCORES, COSTS, 100, groups={"sector": SECTOR}, at_least={"sector": 1})
    assert result.total_score == pytest.approx(1.6)
    assert {SECTOR[p] for p in result.selected} == {"health", "energy", "education"}


def test_objective_score_x_cost_and_size_by_hand():
    scores = pd.Series({"A": 0.5, "B": 0.9, "C": 0.2})
    costs = pd.Series({"A": 10.0, "B": 2.0, "C": 8.0})
    # score: B + C (0.9 + 0.2 = 1.1) vs A (0.5) within 10 -> B, C
    assert list(select_portfolio(scores, costs, 10).selected) == ["B", "C"]
    # score x cost: A 5.0, B 1.8, C 1.6; B + C = 3.4 < A = 5.0 -> A
    result = select_portfolio(scores, costs, 10, objective="score_x_cost")
    assert list(result.selected) == ["A"]
    assert result.objective_value == pytest.approx(5.0)
    assert result.total_score == pytest.approx(0.5)
    sizes = pd.Series({"A": 1.0, "B": 1.0, "C": 10.0})  # C: 2.0, A: 0.5, B: 0.9 -> B + C
    result = select_portfolio(scores, costs, 10, objective="score_x_size", sizes=sizes)
    assert list(result.selected) == ["B", "C"]
    assert result.objective_value == pytest.approx(2.9)
    assert "size" in result.to_frame().columns


def test_arrays_with_names_and_default_names():
    result = select_portfolio([0.9, 0.8, 0.5], [60, 50, 30], 90, names=["x", "y", "z"])
    assert list(result.selected) == ["x", "z"]
    result = select_portfolio(np.array([0.9, 0.8, 0.5]), np.array([60, 50, 30]), 90)
    assert list(result.names) == ["P1", "P2", "P3"]


def test_costs_series_is_aligned_by_label():
    shuffled = COSTS.iloc[::-1]
    assert list(select_portfolio(SCORES, shuffled, 100).selected) == list(
        select_portfolio(SCORES, COSTS, 100).selected
    )


def test_accepts_a_ranking_result():
    problem = DecisionProblem(
        [[1, 2], [2, 1], [3, 3]], ["max", "max"], weights=[1, 1], alternatives=["a", "b", "c"]
    )
    ranking = topsis(problem)
    result = select_portfolio(ranking, [1, 1, 1], 2)
    assert result.scores.equals(ranking.scores)
    assert "c" in result.selected


def test_zero_budget_and_empty_portfolio():
    result = select_portfolio(SCORES, COSTS, 0)
    assert result.n_selected == 0
    assert result.total_cost == 0
    assert result.total_score == 0


def test_negative_scores_are_not_chosen_unless_forced():
    scores = pd.Series({"A": -0.5, "B": 0.2})
    costs = pd.Series({"A": 1.0, "B": 1.0})
    assert list(select_portfolio(scores, costs, 5).selected) == ["B"]
    assert list(select_portfolio(scores, costs, 5, mandatory=["A"]).selected) == ["A", "B"]


def test_top_level_export():
    assert coopdecide.select_portfolio is select_portfolio
    assert coopdecide.PortfolioResult is PortfolioResult


def test_inputs_are_not_mutated():
    scores, costs = SCORES.copy(), COSTS.copy()
    groups = {"partner": pd.Series(PARTNER)}
    groups_copy = {"partner": groups["partner"].copy()}
    select_portfolio(scores, costs, 100, groups=groups, at_most={"partner": 1})
    pd.testing.assert_series_equal(scores, SCORES)
    pd.testing.assert_series_equal(costs, COSTS)
    pd.testing.assert_series_equal(groups["partner"], groups_copy["partner"])


# ---------------------------------------------------------------------------
# which constraints bind
# ---------------------------------------------------------------------------
def test_binding_constraints_and_gains_match_brute_force():
    inst = {
        "names": list(SCORES.index),
        "scores": SCORES.to_numpy(),
        "costs": COSTS.to_numpy(),
        "budget": 100.0,
        "groups": {"partner": [PARTNER[p] for p in SCORES.index]},
        "at_most": {"partner": 1},
        "mandatory": ["C"],
    }
    result = select_portfolio(SCORES, COSTS, 100, **kwargs_of(inst))
    frame = result.constraints
    optimum = brute_force(inst)
    assert result.objective_value == pytest.approx(optimum)
    # relax each constraint in turn and enumerate again
    relaxed = {
        "budget": dict(inst, budget=np.inf),
        "mandatory": {k: v for k, v in inst.items() if k != "mandatory"},
    }
    for kind, other in relaxed.items():
        row = frame[frame["kind"] == kind].iloc[0]
        gain = brute_force(other) - optimum
        assert row["gain_if_relaxed"] == pytest.approx(gain, abs=1e-9)
        assert row["binding"] == (gain > 1e-9)
    for _, row in frame[frame["kind"] == "at_most"].iterrows():
        label = row["constraint"].split("= ")[1].strip("'")
        limits = {p: (1 if p != label else 5) for p in set(PARTNER.values())}
        gain = brute_force(dict(inst, at_most={"partner": limits})) - optimum
        assert row["gain_if_relaxed"] == pytest.approx(gain, abs=1e-9)
    budget_row = frame[frame["kind"] == "budget"].iloc[0]
    assert budget_row["value"] == result.total_cost
    assert budget_row["slack"] == pytest.approx(result.remaining_budget)
    assert list(result.binding["constraint"]) == list(frame[frame["binding"]]["constraint"])


# ---------------------------------------------------------------------------
# bad input: each a clear error
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"costs": COSTS.mul(-1)}, InvalidArgumentError, r"costs must be non-negative; got -60"),
        ({"budget": -1}, InvalidArgumentError, r"budget must be non-negative; got -1"),
        ({"budget": float("inf")}, InvalidArgumentError, r"budget must be finite"),
        ({"budget": "10"}, InvalidTypeError, r"budget must be a real number"),
        (
            {"scores": SCORES.replace(0.8, np.nan)},
            InvalidArgumentError,
            r"scores must be finite numbers; got NaN or infinite values for 'B'",
        ),
        (
            {"costs": COSTS.replace(30.0, np.nan)},
            InvalidArgumentError,
            r"costs must be finite.*'C'",
        ),
        (
            {"costs": COSTS.drop("E")},
            InvalidArgumentError,
            r"costs must have one value for each programme; missing 'E'",
        ),
        (
            {"costs": COSTS.rename({"E": "F"})},
            InvalidArgumentError,
            r"missing 'E'; unknown programmes 'F'",
        ),
        ({"costs": [1, 2]}, InvalidArgumentError, r"costs must have one value per programme \(5\)"),
        ({"costs": ["a"] * 5}, InvalidTypeError, r"costs must contain only numbers"),
        (
            {"mandatory": ["A", "Z"]},
            InvalidArgumentError,
            r"mandatory names programmes that do not exist: 'Z'",
        ),
        (
            {"excluded": "Q"},
            InvalidArgumentError,
            r"excluded names programmes that do not exist: 'Q'",
        ),
        (
            {"requires": [("A", "Z")]},
            InvalidArgumentError,
            r"requires names programmes that do not exist: 'Z'",
        ),
        (
            {"requires": [("A", "A")]},
            InvalidArgumentError,
            r"requires must pair two different programmes; got 'A' twice",
        ),
        (
            {"requires": ["AB"]},
            InvalidTypeError,
            r"requires must be pairs \(a, b\) meaning 'a requires b'",
        ),
        (
            {"excludes": [("A", "Z")]},
            InvalidArgumentError,
            r"excludes names programmes that do not exist: 'Z'",
        ),
        (
            {"excludes": [("A",)]},
            InvalidArgumentError,
            r"each excludes entry must name at least 2 different programmes",
        ),
        ({"excludes": ["AB"]}, InvalidTypeError, r"excludes must contain groups"),
        (
            {"at_most": {"partner": 1}},
            InvalidArgumentError,
            r"at_most names a group that is not defined: 'partner'; the groups are none",
        ),
        (
            {"groups": {"sector": SECTOR}, "at_least": {"sector": {"helth": 1}}},
            InvalidArgumentError,
            r"at_least\['sector'\] names values that no programme has: 'helth'",
        ),
        (
            {"groups": {"sector": SECTOR}, "at_most": {"sector": -1}},
            InvalidArgumentError,
            r"at_most\['sector'\] must be non-negative; got -1",
        ),
        (
            {"groups": {"sector": SECTOR}, "at_most": {"sector": 1.5}},
            InvalidTypeError,
            r"at_most\['sector'\] must be an integer; got 1.5",
        ),
        (
            {"groups": {"sector": {**SECTOR, "Z": "health"}}},
            InvalidArgumentError,
            r"groups\['sector'\] names programmes that do not exist: 'Z'",
        ),
        (
            {"groups": {"sector": {k: v for k, v in SECTOR.items() if k != "A"}}},
            InvalidArgumentError,
            r"groups\['sector'\] must give a label for every programme; missing 'A'",
        ),
        (
            {"groups": {"sector": ["health"] * 4}},
            InvalidArgumentError,
            r"groups\['sector'\] must have one label per programme \(5\); got 4",
        ),
        (
            {"groups": {"sector": [None, "a", "a", "a", "a"]}},
            InvalidArgumentError,
            r"groups\['sector'\] has missing labels for 'A'",
        ),
        ({"groups": ["sector"]}, InvalidTypeError, r"groups must be a mapping"),
        ({"objective": "value"}, UnknownMethodError, r"objective must be one of 'score'"),
        (
            {"objective": "score_x_size"},
            InvalidArgumentError,
            r'sizes must be given when objective="score_x_size"',
        ),
        (
            {"sizes": [1] * 5},
            InvalidArgumentError,
            r'sizes is only used with objective="score_x_size"',
        ),
        (
            {"objective": "score_x_size", "sizes": [1, 1, 1, 1, -1]},
            InvalidArgumentError,
            r"sizes must be non-negative; got -1 for 'E'",
        ),
        (
            {"names": list("ABCDE")},
            InvalidArgumentError,
            r"names must not be given when scores is a Series",
        ),
        (
            {"scores": pd.Series([1.0, 2.0], index=["A", "A"]), "costs": [1, 1]},
            InvalidArgumentError,
            r"scores must have unique programme labels; duplicated: 'A'",
        ),
        (
            {"scores": [[1.0, 2.0]], "costs": [1, 1]},
            InvalidArgumentError,
            r"scores must be one-dimensional; got shape \(1, 2\)",
        ),
        ({"scores": "abc"}, InvalidTypeError, r"scores must be a Series or a 1-D array"),
    ],
)
def test_bad_input(kwargs, error, match):
    arguments = {"scores": SCORES, "costs": COSTS, "budget": 100}
    arguments.update(kwargs)
    scores, costs, budget = (arguments.pop(k) for k in ("scores", "costs", "budget"))
    with pytest.raises(error, match=match):
        select_portfolio(scores, costs, budget, **arguments)


def test_duplicate_names_for_arrays():
    with pytest.raises(InvalidArgumentError, match=r"names must be unique; duplicated: 'a'"):
        select_portfolio([1, 2], [1, 1], 1, names=["a", "a"])


def test_lower_is_better_ranking_is_rejected():
    from coopdecide.ranking import RankingResult

    problem = DecisionProblem([[1.0], [2.0]], ["max"], weights=[1])
    ranking = RankingResult(
        method="vikor",
        options={},
        problem=problem,
        score_array=np.array([0.1, 0.9]),
        higher_is_better=False,
    )
    with pytest.raises(InvalidArgumentError, match=r"the 'vikor' ranking has lower-is-better"):
        select_portfolio(ranking, [1, 1], 1)


# ---------------------------------------------------------------------------
# contradictory constraints: each named
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"mandatory": ["A", "B"], "excluded": ["B"]},
            r"cannot be both mandatory and excluded; got 'B' in both",
        ),
        (
            {"mandatory": ["A"], "requires": [("A", "C"), ("C", "E")], "excluded": ["E"]},
            r"a mandatory programme requires an excluded one: 'A' requires 'C' requires 'E', "
            r"and 'E' is excluded",
        ),
        (
            {"mandatory": ["A", "B"]},
            r"the mandatory programmes \(with the programmes they require\) cost 110, more than "
            r"the budget 100: 'A' \(60\), 'B' \(50\)",
        ),
        (
            {"mandatory": ["A"], "requires": {"A": ["B"]}},
            r"cost 110, more than the budget 100",
        ),
        (
            {"mandatory": ["C", "D"], "excludes": [("C", "D", "E")]},
            r"'C' and 'D' must all be chosen \(mandatory\), but at most one of 'C', 'D', 'E'",
        ),
        (
            {"groups": {"sector": SECTOR}, "at_least": {"sector": 2}, "at_most": {"sector": 1}},
            r"at_least\['sector'\] asks for 2 programmes with sector = 'health' but "
            r"at_most\['sector'\] allows only 1",
        ),
        (
            {"groups": {"sector": SECTOR}, "at_least": {"sector": {"education": 2}}},
            r"at_least\['sector'\] asks for 2 programmes with sector = 'education', but only 1 "
            r"can be chosen: 'E'",
        ),
        (
            {
                "groups": {"sector": SECTOR},
                "at_least": {"sector": {"health": 2}},
                "excluded": ["C"],
            },
            r"only 1 can be chosen \(1 of them excluded\): 'A', 'C'",
        ),
        (
            {"groups": {"partner": PARTNER}, "at_most": {"partner": 1}, "mandatory": ["C", "D"]},
            r"at_most\['partner'\] allows 1 programmes with partner = 'THA', but 2 are mandatory",
        ),
    ],
)
def test_contradictory_constraints_are_named(kwargs, match):
    with pytest.raises(InfeasiblePortfolioError, match=match):
        select_portfolio(SCORES, COSTS, 100, **kwargs)


def test_conflict_found_by_deletion_filter():
    # each sector at least once costs at least 30 (C) + 20 (D) + 10 (E) = 60 > 50,
    # while the partner limit is irrelevant to the conflict
    with pytest.raises(InfeasiblePortfolioError, match=r"minimal conflicting set") as info:
        select_portfolio(
            SCORES,
            COSTS,
            50,
            groups={"sector": SECTOR, "partner": PARTNER},
            at_least={"sector": 1},
            at_most={"partner": 2},
        )
    conflicts = info.value.conflicts
    assert set(conflicts) == {
        "total cost <= 50",
        "at least 1 with sector = 'health'",
        "at least 1 with sector = 'energy'",
        "at least 1 with sector = 'education'",
    }


def test_infeasible_error_is_a_value_error():
    with pytest.raises(ValueError, match="mandatory"):
        select_portfolio(SCORES, COSTS, 10, mandatory=["A"])


# ---------------------------------------------------------------------------
# result object
# ---------------------------------------------------------------------------
def test_result_renderings():
    result = select_portfolio(
        SCORES, COSTS, 100, groups={"partner": PARTNER}, at_most={"partner": 1}
    )
    frame = result.to_frame()
    assert list(frame.columns) == ["score", "cost", "selected", "partner"]
    assert frame.loc["A", "partner"] == "VNM"
    assert frame["selected"].iloc[: result.n_selected].all()
    assert list(result.to_frame(sort=False).index) == list("ABCDE")
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["selected"] == list(result.selected)
    assert payload["budget"] == 100
    assert payload["constraints"]["columns"][0] == "kind"
    html = result._repr_html_()
    assert "PortfolioResult" in html and "constraints" in html
    text = repr(result)
    assert text.startswith("PortfolioResult(") and "selected:" in text


def test_result_outputs_are_copies():
    result = select_portfolio(SCORES, COSTS, 100)
    selection = result.selection
    selection[:] = False
    assert result.selection.any()
    frame = result.constraints
    frame.loc[0, "kind"] = "changed"
    assert result.constraints.loc[0, "kind"] == "budget"


# ---------------------------------------------------------------------------
# portfolio acceptability
# ---------------------------------------------------------------------------
def _small_instance():
    inst = random_instance(3)
    inst["mandatory"], inst["excluded"] = [], []
    inst["at_least"] = {}
    inst["objective"] = "score"
    return inst


def test_acceptability_matches_brute_force_per_sample():
    inst = _small_instance()
    rng = np.random.default_rng(7)
    samples = pd.DataFrame(
        inst["scores"] + rng.normal(0, 0.2, (25, len(inst["names"]))), columns=inst["names"]
    )
    costs = pd.Series(inst["costs"], index=inst["names"])
    result = portfolio_acceptability(samples, costs, inst["budget"], **kwargs_of(inst))
    assert isinstance(result, PortfolioAcceptabilityResult)
    for s in range(len(samples)):
        expected = brute_force(inst, samples.iloc[s].to_numpy())
        assert result.optimal_values.iloc[s] == pytest.approx(expected, abs=1e-9)
        assert feasible_mask(result.selections.iloc[[s]].to_numpy(), inst)[0]
    np.testing.assert_allclose(result.acceptability, result.selections.mean(axis=0))
    expected_value = brute_force(inst, samples.mean(axis=0).to_numpy())
    assert result.expected.objective_value == pytest.approx(expected_value, abs=1e-9)
    portfolios = result.portfolios
    assert portfolios["count"].sum() == 25
    assert portfolios["share"].sum() == pytest.approx(1.0)


def test_acceptability_threads_give_the_same_result():
    rng = np.random.default_rng(3)
    samples = rng.uniform(0, 1, (30, 10))
    costs = rng.uniform(1, 5, 10)
    one = portfolio_acceptability(samples, costs, 12, n_jobs=1)
    two = portfolio_acceptability(samples, costs, 12, n_jobs=2)
    pd.testing.assert_frame_equal(one.selections, two.selections)


def test_acceptability_renderings_and_names():
    samples = np.array([[0.9, 0.1, 0.5], [0.1, 0.9, 0.5], [0.8, 0.2, 0.5]])
    costs = pd.Series([1.0, 1.0, 1.0], index=["x", "y", "z"])
    result = portfolio_acceptability(samples, costs, 2)
    # each sample picks the two best: {x, z}, {y, z}, {x, z}
    assert result.acceptability.to_dict() == pytest.approx({"x": 2 / 3, "y": 1 / 3, "z": 1.0})
    assert result.portfolios.iloc[0]["programmes"] == ("x", "z")
    assert result.portfolios.iloc[0]["count"] == 2
    assert list(result.expected.selected) == ["x", "z"]  # means 0.6, 0.4, 0.5
    frame = result.to_frame()
    assert list(frame.index) == ["z", "x", "y"]
    assert frame.loc["x", "in_expected_portfolio"]
    json.dumps(result.to_dict())
    assert "PortfolioAcceptabilityResult" in result._repr_html_()
    assert repr(result).startswith("PortfolioAcceptabilityResult(")


@pytest.mark.parametrize(
    ("samples", "kwargs", "error", "match"),
    [
        (np.ones(3), {}, InvalidArgumentError, r"score_samples must be two-dimensional"),
        (
            np.ones((2, 2)),
            {"names": ["a", "b", "c"]},
            InvalidArgumentError,
            r"score_samples must have one column per programme \(3\); got 2",
        ),
        (
            np.array([[1, np.nan, 1], [1, 1, 1]]),
            {},
            InvalidArgumentError,
            r"score_samples must be finite numbers; .* first in sample 0 for 'P2'",
        ),
        (np.ones((2, 3)), {"n_jobs": 0}, InvalidArgumentError, r"n_jobs must be a positive"),
        (
            pd.DataFrame(np.ones((2, 3))),
            {"names": ["a", "b", "c"]},
            InvalidArgumentError,
            r"names must not be given when score_samples is a DataFrame",
        ),
        ([["a", "b", "c"]], {}, InvalidTypeError, r"score_samples must contain only numbers"),
    ],
)
def test_acceptability_bad_input(samples, kwargs, error, match):
    with pytest.raises(error, match=match):
        portfolio_acceptability(samples, [1, 1, 1], 2, **kwargs)


def test_acceptability_infeasible():
    with pytest.raises(InfeasiblePortfolioError, match=r"more than the budget 1"):
        portfolio_acceptability(np.ones((2, 3)), [1, 1, 1], 1, mandatory=["P1", "P2"])


# -- over SMAA samples (smaa(..., keep_scores=True)) -------------------------------------------
@pytest.fixture(scope="module")
def smaa_countries():
    from coopdecide.sensitivity import DataUncertainty, smaa

    rng = np.random.default_rng(11)
    countries = DecisionProblem(
        rng.uniform(1, 10, (4, 3)),
        ["max", "min", "max"],
        alternatives=["VNM", "THA", "MYS", "JPN"],
        weights=[0.5, 0.3, 0.2],
    )
    return smaa(countries, 200, data=DataUncertainty(0.3), keep_scores=True, random_state=4)


def _smaa_programmes():
    inst = random_instance(3)  # 11 programmes with partner, sector and other constraints
    inst["mandatory"], inst["excluded"] = [], []
    inst["objective"] = "score"
    return inst


def test_acceptability_over_smaa_samples_matches_a_loop_of_select_portfolio(smaa_countries):
    inst = _smaa_programmes()
    names = inst["names"]
    partner = pd.Series(inst["groups"]["partner"], index=names)
    costs = pd.Series(inst["costs"], index=names)
    kwargs = kwargs_of(inst)
    result = portfolio_acceptability(
        smaa_countries, costs, inst["budget"], partners=partner, **kwargs
    )
    # the same samples built by hand: each programme takes its partner's score
    by_hand = smaa_countries.score_samples[partner.to_list()].set_axis(names, axis=1)
    assert result.n_samples == 200
    pd.testing.assert_series_equal(
        result.mean_scores, by_hand.mean().rename("mean_score"), check_index_type=False
    )
    chosen = np.array(
        [
            select_portfolio(by_hand.iloc[s], costs, inst["budget"], **kwargs).selection.to_numpy()
            for s in range(len(by_hand))
        ]
    )
    optimal = (chosen * by_hand.to_numpy()).sum(axis=1)
    np.testing.assert_allclose(result.optimal_values.to_numpy(), optimal, atol=1e-9)
    # ties aside, the same portfolios; the acceptability is their share
    np.testing.assert_allclose(result.acceptability.to_numpy(), chosen.mean(axis=0), atol=0.02)
    # and every sampled optimum is the enumerated optimum over all 2**11 subsets
    for s in (0, 57, 199):
        expected = brute_force(inst, by_hand.iloc[s].to_numpy())
        assert result.optimal_values.iloc[s] == pytest.approx(expected, abs=1e-9)
        assert feasible_mask(result.selections.iloc[[s]].to_numpy(), inst)[0]


def test_acceptability_over_smaa_alternatives_and_partner_forms(smaa_countries):
    alone = portfolio_acceptability(smaa_countries, [1, 1, 1, 1], 2)
    assert list(alone.names) == ["VNM", "THA", "MYS", "JPN"]
    kept = smaa_countries.score_samples.to_numpy()
    two_best = np.zeros_like(kept, dtype=bool)
    np.put_along_axis(two_best, np.argsort(-kept, axis=1)[:, :2], True, axis=1)
    np.testing.assert_allclose(alone.acceptability.to_numpy(), two_best.mean(axis=0))
    # a mapping, a sequence with names, a sequence named by the costs Series: the same
    mapping = {"a": "VNM", "b": "VNM", "c": "JPN"}
    one = portfolio_acceptability(smaa_countries, [2, 1, 1], 2, partners=mapping)
    two = portfolio_acceptability(
        smaa_countries, [2, 1, 1], 2, partners=["VNM", "VNM", "JPN"], names=["a", "b", "c"]
    )
    three = portfolio_acceptability(
        smaa_countries,
        pd.Series([2, 1, 1], index=["a", "b", "c"]),
        2,
        partners=["VNM", "VNM", "JPN"],
    )
    pd.testing.assert_frame_equal(one.selections, two.selections)
    pd.testing.assert_frame_equal(one.selections, three.selections)


def test_acceptability_over_lower_is_better_smaa_scores():
    # VIKOR's Q is lower-is-better: each sample is turned around as max(Q) - Q, so with a
    # budget for one programme the chosen one is the sample's VIKOR winner.
    from coopdecide.sensitivity import smaa

    countries = DecisionProblem(
        np.random.default_rng(2).uniform(1, 10, (4, 3)), "max", alternatives=list("abcd")
    )
    result = smaa(countries, 40, method="vikor", keep_scores=True, random_state=1)
    accept = portfolio_acceptability(result, [1, 1, 1, 1], 1)
    q = result.score_samples.to_numpy()
    np.testing.assert_allclose(accept.mean_scores.to_numpy(), (q.max(axis=1)[:, None] - q).mean(0))
    winners = np.bincount(q.argmin(axis=1), minlength=4) / 40
    np.testing.assert_allclose(accept.acceptability.to_numpy(), winners)


def test_acceptability_partner_labels_match_as_text():
    # a partner column read from a file is text; integer alternative labels still match
    from coopdecide.sensitivity import smaa

    countries = DecisionProblem([[3.0, 1.0], [1.0, 3.0]], "max", alternatives=[10, 20])
    result = smaa(countries, 50, keep_scores=True, random_state=0)
    accept = portfolio_acceptability(result, [1, 1], 2, partners={"x": "10", "y": 20})
    assert accept.acceptability.to_dict() == {"x": 1.0, "y": 1.0}


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"partners": {"a": "XYZ", "b": "VNM"}}, InvalidArgumentError, r"unknown: 'XYZ'"),
        ({"names": ["a", "b"]}, InvalidArgumentError, r"names must not be given with an SMAA"),
        (
            {"partners": ["VNM"], "names": ["a", "b"]},
            InvalidArgumentError,
            r"partners must name one alternative per programme \(2\); got 1",
        ),
        (
            {"partners": pd.Series({"a": "VNM"}), "names": ["a"]},
            InvalidArgumentError,
            r"names must not be given when partners is a Series",
        ),
        ({"partners": "VNM"}, InvalidTypeError, r"partners must be a Series, a mapping or"),
        ({"partners": []}, InvalidArgumentError, r"partners must name at least one programme"),
        # an unhashable entry is an unknown alternative, not a TypeError from the lookup
        ({"partners": {"a": ["VNM"], "b": "THA"}}, InvalidArgumentError, r"unknown: \"\['VNM'\]\""),
    ],
)
def test_acceptability_over_smaa_bad_input(smaa_countries, kwargs, error, match):
    with pytest.raises(error, match=match):
        portfolio_acceptability(smaa_countries, [1, 1], 1, **kwargs)


def test_acceptability_refuses_non_finite_smaa_scores(smaa_countries):
    # smaa() itself gives finite scores; the check guards the solver all the same
    broken = copy.copy(smaa_countries)
    scores = smaa_countries.score_samples.to_numpy().copy()
    scores[3, 2] = np.nan
    object.__setattr__(broken, "_scores", scores)
    with pytest.raises(
        InvalidArgumentError,
        match=r"score_samples must be finite numbers; .* 1 cell\(s\), first in sample 3 for 'c'",
    ):
        portfolio_acceptability(broken, [1, 1, 1], 1, partners={"a": "VNM", "b": "THA", "c": "MYS"})


def test_acceptability_needs_kept_smaa_scores():
    from coopdecide.sensitivity import smaa

    countries = DecisionProblem([[3.0, 1.0], [1.0, 3.0]], "max")
    plain = smaa(countries, 10, random_state=0)
    with pytest.raises(InvalidArgumentError, match=r"call smaa\(\.\.\., keep_scores=True\)"):
        portfolio_acceptability(plain, [1, 1], 1)
    with pytest.raises(InvalidArgumentError, match="partners is only used when score_samples"):
        portfolio_acceptability(np.ones((2, 2)), [1, 1], 1, partners=["A1", "A2"])


# ---------------------------------------------------------------------------
# budget sweep
# ---------------------------------------------------------------------------
def test_budget_sweep_matches_brute_force():
    inst = _small_instance()
    inst["mandatory"] = [inst["names"][0]]
    budgets = np.linspace(0, inst["costs"].sum(), 12)
    scores = pd.Series(inst["scores"], index=inst["names"])
    costs = pd.Series(inst["costs"], index=inst["names"])
    sweep = budget_sweep(scores, costs, budgets, **kwargs_of(inst))
    assert isinstance(sweep, BudgetSweepResult)
    frame = sweep.to_frame()
    for k, budget in enumerate(budgets):
        expected = brute_force(dict(inst, budget=budget))
        if expected is None:
            assert not frame["feasible"].iloc[k]
            assert np.isnan(frame["objective_value"].iloc[k])
        else:
            assert frame["objective_value"].iloc[k] == pytest.approx(expected, abs=1e-9)
            assert frame["total_cost"].iloc[k] <= budget + 1e-9
    assert not frame["feasible"].iloc[0]  # budget 0 < cost of the mandatory programme
    values = frame["objective_value"].dropna().to_numpy()
    assert np.all(np.diff(values) >= -1e-12)


def test_budget_sweep_marginal_and_changes_by_hand():
    sweep = budget_sweep(SCORES, COSTS, [100, 50, 0, 50])  # sorted and de-duplicated
    frame = sweep.to_frame()
    assert frame["budget"].tolist() == [0, 50, 100]
    # 0 -> nothing; 50 -> B (0.8) [C+E 0.8, C+D... 50 -> 0.9: C+D = 50 -> 0.9!]
    assert frame["objective_value"].tolist() == pytest.approx([0.0, 0.9, 1.7])
    assert frame["marginal_value"].iloc[1] == pytest.approx(0.9 / 50)
    assert frame["marginal_value"].iloc[2] == pytest.approx(0.8 / 50)
    assert np.isnan(frame["marginal_value"].iloc[0])
    assert frame["added"].iloc[1] == "C, D"
    assert sweep.values.tolist() == pytest.approx([0.0, 0.9, 1.7])
    assert sweep.selections.shape == (3, 5)
    payload = json.loads(json.dumps(sweep.to_dict()))
    assert payload["selected"][1] == ["C", "D"]
    # the per-budget columns of to_frame(), with the programme changes as lists
    assert payload["total_score"] == pytest.approx([0.0, 0.9, 1.7])
    assert payload["marginal_value"][0] is None
    assert payload["marginal_value"][1:] == pytest.approx([0.9 / 50, 0.8 / 50])
    assert payload["added"][:2] == [[], ["C", "D"]]
    assert payload["removed"][:2] == [[], []]
    for k in range(3):
        assert ", ".join(payload["added"][k]) == frame["added"].iloc[k]
        assert ", ".join(payload["removed"][k]) == frame["removed"].iloc[k]
    assert "BudgetSweepResult" in sweep._repr_html_()
    assert repr(sweep).startswith("BudgetSweepResult(")


@pytest.mark.parametrize(
    ("budgets", "error", "match"),
    [
        ([], InvalidArgumentError, r"budgets must be a non-empty one-dimensional"),
        ([10, -1], InvalidArgumentError, r"budgets must be non-negative; got \[-1.0\]"),
        ([10, np.nan], InvalidArgumentError, r"budgets must be finite"),
        ("100", InvalidTypeError, r"budgets must be a sequence of numbers"),
        (["a"], InvalidTypeError, r"budgets must be a sequence of numbers"),
    ],
)
def test_budget_sweep_bad_budgets(budgets, error, match):
    with pytest.raises(error, match=match):
        budget_sweep(SCORES, COSTS, budgets)


def test_budget_sweep_never_feasible():
    with pytest.raises(InfeasiblePortfolioError, match=r"at any budget up to 20"):
        budget_sweep(SCORES, COSTS, [10, 20], groups={"s": SECTOR}, at_least={"s": 1})
    with pytest.raises(InfeasiblePortfolioError, match=r"both mandatory and excluded"):
        budget_sweep(SCORES, COSTS, [10, 20], mandatory=["A"], excluded=["A"])


# ---------------------------------------------------------------------------
# plots (Agg backend, artists inspected)
# ---------------------------------------------------------------------------
@pytest.fixture
def plt():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


def test_scatter_plot_highlights_selection(plt):
    result = select_portfolio(SCORES, COSTS, 100)
    ax = result.plot.scatter()
    collections = ax.collections
    assert [c.get_label() for c in collections] == ["not selected", "selected"]
    chosen = collections[1].get_offsets()
    assert len(chosen) == result.n_selected
    assert sorted(map(tuple, np.asarray(chosen))) == sorted(
        (COSTS[p], SCORES[p]) for p in result.selected
    )
    assert len(collections[0].get_offsets()) == 5 - result.n_selected
    assert {t.get_text() for t in ax.texts} == set(result.selected)
    assert ax.get_xlabel() == "cost" and ax.get_ylabel() == "score"
    _fig, own = plt.subplots()
    assert result.plot.scatter(ax=own, annotate=False, s=10) is own
    assert not own.texts


def test_budget_sweep_plot(plt):
    sweep = budget_sweep(SCORES, COSTS, [0, 50, 100])
    ax = sweep.plot.line()
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_xdata(), [0, 50, 100])
    np.testing.assert_allclose(line.get_ydata(), [0.0, 0.9, 1.7])
    assert line.get_drawstyle() == "steps-post"


def test_acceptability_plot(plt):
    samples = np.array([[0.9, 0.1, 0.5], [0.1, 0.9, 0.5], [0.8, 0.2, 0.5]])
    result = portfolio_acceptability(samples, [1, 1, 1], 2)
    ax = result.plot.bar()
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([1.0, 2 / 3, 1 / 3])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["P3", "P1", "P2"]


def test_import_does_not_load_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, coopdecide.portfolio as p; "
        "p.select_portfolio([1, 2], [1, 1], 1); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_solver_prints_nothing(capfd):
    rng = np.random.default_rng(0)
    samples = rng.uniform(0, 1, (20, 30))
    portfolio_acceptability(samples, rng.uniform(1, 10, 30), 50)
    captured = capfd.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_every_subset_helper():
    # sanity check of the brute-force helper itself
    X = all_subsets(3)
    assert X.shape == (8, 3)
    assert {tuple(r) for r in X.astype(int)} == set(product([0, 1], repeat=3))


def test_results_are_read_only():
    result = select_portfolio(SCORES, COSTS, 100)
    with pytest.raises(AttributeError):
        result.budget = 5
    sweep = budget_sweep(SCORES, COSTS, [10, 20])
    with pytest.raises(AttributeError):
        sweep.objective = "x"
    accept = portfolio_acceptability(np.ones((2, 3)), [1, 1, 1], 2)
    with pytest.raises(AttributeError):
        accept.expected = None


def test_no_programmes():
    with pytest.raises(InvalidArgumentError, match=r"scores must have at least one programme"):
        select_portfolio(pd.Series(dtype=float), pd.Series(dtype=float), 1)
    with pytest.raises(InvalidArgumentError, match=r"score_samples must have at least one"):
        portfolio_acceptability(np.ones((3, 0)), [], 1)


# ---------------------------------------------------------------------------
# property-based: hypothesis instances against brute force
# ---------------------------------------------------------------------------


@st.composite
def instances(draw):
    n = draw(st.integers(1, 9))
    names = [f"q{i}" for i in range(n)]
    scores = np.array(draw(st.lists(st.floats(-1, 1, width=32), min_size=n, max_size=n)))
    costs = np.array(draw(st.lists(st.integers(0, 10), min_size=n, max_size=n)), dtype=float)
    inst = {
        "names": names,
        "scores": scores,
        "costs": costs,
        "budget": float(draw(st.integers(0, 40))),
        "objective": draw(st.sampled_from(["score", "score_x_cost"])),
    }
    labels = draw(st.lists(st.sampled_from("ab"), min_size=n, max_size=n))
    inst["groups"] = {"g": labels}
    inst["at_most"] = {"g": draw(st.integers(0, 3))}
    if "a" in labels:
        inst["at_least"] = {"g": {"a": draw(st.integers(0, 2))}}
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=3))
    inst["requires"] = [(a, b) for a, b in pairs if a != b]
    if n >= 2 and draw(st.booleans()):
        inst["excludes"] = [tuple(names[:2])]
    if draw(st.booleans()):
        inst["mandatory"] = [draw(st.sampled_from(names))]
    return inst


@settings(max_examples=50, deadline=None)
@given(instances())
def test_property_optimum_equals_brute_force(inst):
    expected = brute_force(inst)
    scores = pd.Series(inst["scores"], index=inst["names"])
    costs = pd.Series(inst["costs"], index=inst["names"])
    if expected is None:
        with pytest.raises(InfeasiblePortfolioError):
            select_portfolio(scores, costs, inst["budget"], **kwargs_of(inst))
        return
    result = select_portfolio(scores, costs, inst["budget"], **kwargs_of(inst))
    assert result.objective_value == pytest.approx(expected, abs=1e-6)
    assert feasible_mask(result.selection.to_numpy()[None, :], inst)[0]


def test_acceptability_with_repeated_samples():
    base = np.array([[0.9, 0.1, 0.5], [0.1, 0.9, 0.5]])
    samples = base[[0, 1, 0, 0, 1]]
    result = portfolio_acceptability(samples, [1, 1, 1], 2)
    assert result.selections.to_numpy().tolist() == [
        [True, False, True],
        [False, True, True],
        [True, False, True],
        [True, False, True],
        [False, True, True],
    ]
    assert result.acceptability.tolist() == pytest.approx([0.6, 0.4, 1.0])
