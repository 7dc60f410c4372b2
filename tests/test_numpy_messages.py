"""Error messages show numpy scalars as the plain values a user typed.

numpy 2 writes ``np.int64(7)``, ``np.float64(1.5)`` and ``np.str_('wsm')`` as
the repr of its scalars; labels read from pandas indexes and values picked out
of arrays are such scalars. Every message below is triggered with numpy labels
or values and must read as if plain Python values had been given (expected
texts written by hand from the call), with no ``np.`` anywhere.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem, PairwiseComparison, ahp_group, rank, topsis
from coopdecide.ahp.repair import repair
from coopdecide.exceptions import (
    DisconnectedComparisonError,
    InconsistentComparisonWarning,
    InfeasiblePortfolioError,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
    StudyFileError,
    UnknownMethodError,
)
from coopdecide.portfolio import budget_sweep, portfolio_acceptability, select_portfolio
from coopdecide.ranking.kernels import normalize, topsis_kernel
from coopdecide.sensitivity import (
    DataIntervals,
    DataUncertainty,
    JudgmentUncertainty,
    compare_methods,
    one_at_a_time,
    smaa,
)

# programmes labelled by numpy integers, as a pandas index hands them out
NAMES = pd.Index(np.array([7, 8, 9], dtype=np.int64))
SCORES = pd.Series([0.5, 0.3, 0.2], index=NAMES)
COSTS = pd.Series([1.0, 2.0, 3.0], index=NAMES)
GROUPS = {"g": pd.Series(np.array(["a", "b", "a"]), index=NAMES)}

# alternatives 10, 20, 30 and criteria 1, 2: numpy integers when indexed
PERFORMANCE = pd.DataFrame(
    [[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]],
    index=pd.Index(np.array([10, 20, 30])),
    columns=pd.Index(np.array([1, 2])),
)
PROBLEM = DecisionProblem(PERFORMANCE, {1: "max", 2: "min"}, [0.5, 0.5])
TRADE_RISK = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["trade", "risk"])
TRADE_GDP = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["trade", "gdp"])

I = np.int64  # noqa: E741
F = np.float64
S = np.str_


def _high_below_low() -> DataIntervals:
    high = PERFORMANCE.copy()
    high.iloc[1, 0] = 0.0
    return DataIntervals(PERFORMANCE, high)


CASES = {
    # -- portfolio ---------------------------------------------------------------------------
    "negative cost": (
        lambda: select_portfolio(SCORES, COSTS.set_axis(NAMES) * [-1, 1, 1], 5),
        InvalidArgumentError,
        "costs must be non-negative; got -1 for 7",
    ),
    "negative size": (
        lambda: select_portfolio(
            SCORES, COSTS, 5, objective="score_x_size", sizes=pd.Series([1, -2, 1], index=NAMES)
        ),
        InvalidArgumentError,
        "sizes must be non-negative; got -2 for 8",
    ),
    "limit not an integer": (
        lambda: select_portfolio(SCORES, COSTS, 5, groups=GROUPS, at_most={"g": {S("a"): F(1.5)}}),
        InvalidTypeError,
        "at_most['g']['a'] must be an integer; got 1.5",
    ),
    "group limit not an integer": (
        lambda: select_portfolio(SCORES, COSTS, 5, groups=GROUPS, at_most={S("g"): F(1.5)}),
        InvalidTypeError,
        "at_most['g'] must be an integer; got 1.5",
    ),
    "undefined group": (
        lambda: select_portfolio(SCORES, COSTS, 5, groups=GROUPS, at_most={S("h"): 1}),
        InvalidArgumentError,
        "at_most names a group that is not defined: 'h'; the groups are 'g'",
    ),
    "requires itself": (
        lambda: select_portfolio(SCORES, COSTS, 5, requires=[(I(7), I(7))]),
        InvalidArgumentError,
        "requires must pair two different programmes; got 7 twice",
    ),
    "requires entry": (
        lambda: select_portfolio(SCORES, COSTS, 5, requires=[(I(7),)]),
        InvalidTypeError,
        "requires must be pairs (a, b) meaning 'a requires b'; got the entry (7,)",
    ),
    "excludes entry": (
        lambda: select_portfolio(SCORES, COSTS, 5, excludes=[I(7)]),
        InvalidTypeError,
        "excludes must contain groups (tuples) of mutually exclusive programmes; got the entry 7",
    ),
    "excludes one programme": (
        lambda: select_portfolio(SCORES, COSTS, 5, excludes=[(I(7),)]),
        InvalidArgumentError,
        "each excludes entry must name at least 2 different programmes; got [7]",
    ),
    "at_least above at_most": (
        lambda: select_portfolio(
            SCORES, COSTS, 50, groups=GROUPS, at_most={"g": {"a": 1}}, at_least={"g": {S("a"): 2}}
        ),
        InfeasiblePortfolioError,
        "at_least['g'] asks for 2 programmes with g = 'a' but at_most['g'] allows only 1",
    ),
    "at_least above what exists": (
        lambda: select_portfolio(SCORES, COSTS, 50, groups=GROUPS, at_least={"g": {S("b"): 2}}),
        InfeasiblePortfolioError,
        "at_least['g'] asks for 2 programmes with g = 'b', but only 1 can be chosen: 8",
    ),
    "at_most below the mandatory": (
        lambda: select_portfolio(
            SCORES, COSTS, 50, groups=GROUPS, at_most={"g": {S("a"): 1}}, mandatory=[I(7), I(9)]
        ),
        InfeasiblePortfolioError,
        "at_most['g'] allows 1 programmes with g = 'a', but 2 are mandatory (or required by a "
        "mandatory one): 7, 9",
    ),
    "mandatory over budget": (
        lambda: select_portfolio(SCORES, COSTS, 4, mandatory=[I(8), I(9)]),
        InfeasiblePortfolioError,
        "the mandatory programmes (with the programmes they require) cost 5, more than the "
        "budget 4: 8 (2), 9 (3)",
    ),
    "conflict explained with labels": (
        lambda: select_portfolio(
            SCORES, COSTS, 40, requires=[(I(7), I(8))], excludes=[(I(7), I(8))], mandatory=[I(7)]
        ),
        InfeasiblePortfolioError,
        "7 and 7 requires 8 must all be chosen (mandatory), but at most one of 7, 8 may be",
    ),
    "minimal conflict": (
        lambda: select_portfolio(SCORES, COSTS, 1, groups=GROUPS, at_least={"g": {S("a"): 2}}),
        InfeasiblePortfolioError,
        "the portfolio constraints cannot all be met; a minimal conflicting set (drop any one "
        "of them and the rest can be met): total cost <= 1; at least 2 with g = 'a'",
    ),
    "costs not numbers": (
        lambda: select_portfolio(SCORES, [S("x"), 1, 2], 5),
        InvalidTypeError,
        "costs must contain only numbers; got ['x', '1', '2']",
    ),
    "sizes without their objective": (
        lambda: select_portfolio(SCORES, COSTS, 5, objective=S("score"), sizes=[1, 2, 3]),
        InvalidArgumentError,
        "sizes is only used with objective=\"score_x_size\"; got objective='score'",
    ),
    "n_jobs": (
        lambda: portfolio_acceptability(np.ones((2, 3)), [1, 1, 1], 1, n_jobs=F(2.5)),
        InvalidArgumentError,
        "n_jobs must be a positive integer, -1 or None; got 2.5",
    ),
    "NaN score sample": (
        lambda: portfolio_acceptability(
            pd.DataFrame([[np.nan, 1, 1], [1, 1, 1]], columns=NAMES), COSTS, 1
        ),
        InvalidArgumentError,
        "score_samples must be finite numbers; got NaN or infinite values in 1 cell(s), first "
        "in sample 0 for 7",
    ),
    "budgets a string": (
        lambda: budget_sweep(SCORES, COSTS, S("10")),
        InvalidTypeError,
        "budgets must be a sequence of numbers; got '10'",
    ),
    # -- sensitivity: sampling ---------------------------------------------------------------
    "negative spread": (
        lambda: smaa(PROBLEM, 10, data=DataUncertainty({I(1): -0.1}), random_state=1),
        InvalidArgumentError,
        "spread must be non-negative; got -0.1 for (10, 1)",
    ),
    "spread not a number": (
        lambda: smaa(PROBLEM, 10, data=DataUncertainty({I(1): "x"}), random_state=1),
        InvalidTypeError,
        "spread[1] must be a real number; got 'x'",
    ),
    "interval upside down": (
        lambda: smaa(PROBLEM, 10, data=_high_below_low(), random_state=1),
        InvalidArgumentError,
        "low must not exceed high; got low 2 > high 0 for (20, 1)",
    ),
    "relative not a bool": (
        lambda: DataUncertainty(0.1, relative=I(1)),
        InvalidTypeError,
        "relative must be True or False; got 1",
    ),
    "steps not an integer": (
        lambda: JudgmentUncertainty(TRADE_RISK, steps=F(1.5)),
        InvalidTypeError,
        "steps must be an integer; got 1.5",
    ),
    "steps and sigma": (
        lambda: JudgmentUncertainty(TRADE_RISK, steps=I(1), sigma=F(0.5)),
        InvalidArgumentError,
        "JudgmentUncertainty needs exactly one of steps (Saaty-scale steps) and sigma "
        "(log-normal); got steps=1 and sigma=0.5",
    ),
    "expert's comparison not a matrix": (
        lambda: JudgmentUncertainty({S("e1"): "x"}, steps=1),
        InvalidTypeError,
        "comparisons['e1'] must be a PairwiseComparison or a square matrix; got 'x'",
    ),
    "experts compare different criteria": (
        lambda: JudgmentUncertainty({S("e1"): TRADE_RISK, S("e2"): TRADE_GDP}, steps=1),
        InvalidComparisonError,
        "every expert must compare the same criteria; 'e2' compares 'trade', 'gdp' but the "
        "first compares 'trade', 'risk'",
    ),
    # -- sensitivity: smaa -------------------------------------------------------------------
    "random_state a float": (
        lambda: smaa(PROBLEM, 10, weights="uniform", random_state=F(1.5)),
        InvalidTypeError,
        "random_state must be None, an int or a numpy.random.Generator; got 1.5",
    ),
    "random_state negative": (
        lambda: smaa(PROBLEM, 10, weights="uniform", random_state=I(-1)),
        InvalidArgumentError,
        "random_state must be non-negative; got -1",
    ),
    "progress not a bool": (
        lambda: smaa(PROBLEM, 10, weights="uniform", progress=I(1)),
        InvalidTypeError,
        "progress must be True or False; got 1",
    ),
    "pairwise not a bool": (
        lambda: smaa(PROBLEM, 10, weights="uniform", pairwise=I(1)),
        InvalidTypeError,
        "pairwise must be True or False; got 1",
    ),
    "keep_scores not a bool": (
        lambda: smaa(PROBLEM, 10, weights="uniform", keep_scores=S("yes")),
        InvalidTypeError,
        "keep_scores must be True or False; got 'yes'",
    ),
    # -- sensitivity: compare_methods --------------------------------------------------------
    "methods one string": (
        lambda: compare_methods(PROBLEM, S("wsm")),
        InvalidTypeError,
        "methods must be a sequence of method specs, not one string; got 'wsm' (use ['wsm', ...])",
    ),
    "methods mapping value": (
        lambda: compare_methods(PROBLEM, {S("a"): I(5), "b": "topsis"}),
        InvalidTypeError,
        "methods['a'] must be a method name or a (name, options) pair; got 5",
    ),
    "method spec": (
        lambda: compare_methods(PROBLEM, [(S("a"), "b", {}, I(4)), "topsis"]),
        InvalidTypeError,
        "methods[0] must be a method name, a (name, options) pair or a (label, name, options) "
        "triple; got ('a', 'b', {}, 4)",
    ),
    "alias with a normalization": (
        lambda: compare_methods(
            PROBLEM, ["topsis", (S("topsis-vector"), {"normalization": S("max")})]
        ),
        InvalidArgumentError,
        "methods[1]: 'topsis-vector' fixes the normalization; use 'topsis' with "
        "normalization=... instead; got normalization='max'",
    ),
}


def assert_plain_message(call, error, message):
    """``call()`` raises ``error`` with exactly ``message``, free of numpy reprs."""
    with pytest.raises(error, match="^" + re.escape(message) + "$") as info:
        call()
    assert "np." not in str(info.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_message_shows_plain_values(case):
    assert_plain_message(*CASES[case])


# -- report --------------------------------------------------------------------------------
def test_report_messages(tmp_path):
    from coopdecide.report import write_report

    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from coopdecide import topsis

    result = one_at_a_time(PROBLEM, n_points=5)
    try:
        with pytest.raises(
            InvalidArgumentError,
            match=r"^criterion must be one of the criteria varied \[1, 2\]; got 3$",
        ):
            result.plot.sweep(criterion=I(3))
        with pytest.raises(
            InvalidArgumentError,
            match=r"^alternatives must be alternatives of the problem; got unknown \[40\]$",
        ):
            result.plot.sweep(criterion=I(1), alternatives=[I(10), I(40)])
    finally:
        plt.close("all")
    ranking = topsis(PROBLEM)
    with pytest.raises(InvalidArgumentError, match=r"^dpi must be a positive integer; got 1\.5$"):
        write_report(ranking, tmp_path / "r.md", figures=False, dpi=F(1.5))
    with pytest.raises(InvalidArgumentError, match=r"^dpi must be a positive integer; got 0$"):
        write_report(ranking, tmp_path / "r.md", figures=False, dpi=I(0))
    # a numpy integer is a positive integer too
    assert write_report(ranking, tmp_path / "r.md", figures=False, dpi=I(100)).is_file()


# -- study files: values read from the data file are numpy scalars --------------------------
def test_study_data_values(tmp_path):
    studies = Path(__file__).resolve().parent / "data" / "studies"
    shutil.copy(studies / "small.yaml", tmp_path / "study.yaml")
    table = pd.read_csv(studies / "candidates.csv")
    table["benefit"] = table["benefit"].astype(float)
    table.loc[1, "benefit"] = np.inf
    table.to_csv(tmp_path / "candidates.csv", index=False)
    from coopdecide.study import load_study

    with pytest.raises(StudyFileError) as info:
        load_study(tmp_path / "study.yaml").run()
    message = str(info.value)
    assert message.endswith(
        "criteria.benefit: column 'benefit' must hold a finite number for every alternative; "
        "got 'Beta' (inf)"
    )
    assert "np." not in message  # the value is a numpy float64 in the table


# -- group AHP: expert names are numpy strings (read from a table's column) -------------------
E1, E2 = S("e1"), S("e2")
# a cyclic 3 x 3 comparison: its principal eigenvector is uniform, so
# lambda_max = 1 + 9 + 1/9 = 10.1111, CI = (10.1111 - 3) / 2 = 3.5556 and, with
# Saaty's (1980) RI = 0.58 for n = 3, CR = 3.5556 / 0.58 = 6.1303 (hand calculation)
CYCLIC = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
# items C1, C2 and C3, C4 compared within but never across the two pairs
SPLIT = [
    [1, 2, np.nan, np.nan],
    [1 / 2, 1, np.nan, np.nan],
    [np.nan, np.nan, 1, 3],
    [np.nan, np.nan, 1 / 3, 1],
]
ZERO_COLUMN = DecisionProblem(
    pd.DataFrame(
        [[1.0, 0.0], [2.0, 0.0]],
        index=pd.Index(np.array([10, 20])),
        columns=pd.Index(np.array([1, 2])),
    ),
    "max",
    [0.5, 0.5],
)

AHP_RANKING_CASES = {
    "expert comparison of the wrong type": (
        lambda: ahp_group({E1: "text"}),
        InvalidTypeError,
        "comparisons['e1'] must be a PairwiseComparison, a square array or a DataFrame; got str",
    ),
    "expert comparison not reciprocal": (
        lambda: ahp_group({E1: [[1, 2], [3, 1]]}),
        InvalidComparisonError,
        "comparisons['e1']: matrix must be reciprocal (a_ji = 1/a_ij, relative tolerance 0.05); "
        "got ('C1', 'C2') = 2 and ('C2', 'C1') = 3, whose product is 6",
    ),
    "expert name NaN": (
        lambda: ahp_group({F(np.nan): TRADE_RISK}),
        InvalidArgumentError,
        "expert names must not be None or NaN; got nan",
    ),
    "experts compare different items": (
        lambda: ahp_group({E1: TRADE_RISK, E2: TRADE_GDP}),
        InvalidComparisonError,
        "the comparison of expert 'e2' must compare the same items as expert 'e1' "
        "('trade', 'risk'); it has missing 'risk'; unexpected 'gdp'",
    ),
    "expert_weights a single number": (
        lambda: ahp_group({E1: TRADE_RISK}, F(1.0)),
        InvalidTypeError,
        "expert_weights must be a mapping expert -> weight or a sequence of numbers; got 1.0",
    ),
    "expert weight not a number": (
        lambda: ahp_group({E1: TRADE_RISK, E2: TRADE_RISK}, {E1: S("x"), E2: 1}),
        InvalidWeightsError,
        "expert_weights must be numbers; got 'x' for expert 'e1'",
    ),
    "expert weight NaN": (
        lambda: ahp_group({E1: TRADE_RISK, E2: TRADE_RISK}, [F(np.nan), 1]),
        InvalidWeightsError,
        "expert_weights must be finite numbers (not NaN); got nan for expert 'e1'",
    ),
    "expert weight negative": (
        lambda: ahp_group({E1: TRADE_RISK, E2: TRADE_RISK}, {E1: I(-1), E2: 1}),
        InvalidWeightsError,
        "expert_weights must be non-negative; got -1 for expert 'e1'",
    ),
    "scale_max below a judgment": (
        lambda: ahp_group({E1: TRADE_RISK}, scale_max=F(2.0)),
        InvalidArgumentError,
        "scale_max must be at least the largest judgment (3, given by expert 'e1'); "
        "got scale_max=2",
    ),
    "expert comparison disconnected": (
        lambda: ahp_group({E1: SPLIT}),
        DisconnectedComparisonError,
        "expert 'e1': comparison is incomplete and its known judgments do not connect all "
        "items; they form 2 separate groups: ['C1', 'C2'] | ['C3', 'C4']. Add a judgment "
        "between items of different groups",
    ),
    "exclude leaves no expert": (
        lambda: ahp_group({E1: CYCLIC, E2: CYCLIC}, inconsistent="exclude"),
        InvalidArgumentError,
        "inconsistent='exclude' leaves no expert: every expert is above the consistency "
        "threshold ('e1': CR = 6.1303, 'e2': CR = 6.1303)",
    ),
    # -- AHP repair --------------------------------------------------------------------------
    "repair target_gci without geometric": (
        lambda: repair(CYCLIC, method=S("eigenvector"), target_gci=F(0.3)),
        InvalidArgumentError,
        "target_gci applies to method='geometric' only; got method='eigenvector' (use target_cr)",
    ),
    # -- ranking -----------------------------------------------------------------------------
    "promethee threshold missing": (
        lambda: rank(PROBLEM, "promethee_ii", preference_function=S("vshape")),
        InvalidArgumentError,
        "p must be given for preference_function 'vshape' (its preference threshold, in the "
        "units of each criterion); got None",
    ),
    "promethee threshold not taken": (
        lambda: rank(PROBLEM, "promethee_ii", preference_function=S("usual"), q=I(1)),
        InvalidArgumentError,
        "q must be left out for preference_function 'usual', which takes no thresholds; got q=1",
    ),
    "promethee q above p": (
        lambda: rank(
            PROBLEM, "promethee_ii", preference_function=S("level"), q=[I(2), 1], p=[1, 1]
        ),
        InvalidArgumentError,
        "q must be at most p for preference_function 'level'; got q=2 and p=1 for 1",
    ),
    "rank needs a DecisionProblem": (
        lambda: rank(PERFORMANCE, S("vikor")),
        InvalidProblemError,
        "problem must be a DecisionProblem for method 'vikor'; got DataFrame",
    ),
    "rank unknown option": (
        lambda: rank(PROBLEM, S("vikor"), vv=0.5),
        InvalidArgumentError,
        "options for method 'vikor' are 'normalization', 'v'; got 'vv' (did you mean 'v'?)",
    ),
    "rank unknown options": (
        lambda: rank(PROBLEM, S("vikor"), vv=0.5, xx=1),
        InvalidArgumentError,
        "options for method 'vikor' are 'normalization', 'v'; got 'vv', 'xx' "
        "(did you mean 'v' for 'vv'?)",
    ),
    "rank method that is a normalization": (
        lambda: rank(PROBLEM, S("minmax")),
        UnknownMethodError,
        "method must be one of 'topsis', 'copras', 'vikor', 'promethee_ii', 'wsm', 'wpm', "
        "'waspas', 'spotis', 'moora', 'edas', 'mabac', 'aras', 'codas', 'multimoora'; got "
        "'minmax' (did you mean normalization='minmax'?)",
    ),
    "topsis objectives that is a normalization": (
        lambda: topsis(PROBLEM, None, S("minmax")),
        InvalidArgumentError,
        "objectives comes from the DecisionProblem and must be None with one (change the "
        "objectives with problem.with_objectives(...)); got objectives='minmax' "
        "(did you mean normalization='minmax'?)",
    ),
    "topsis column of zeros": (
        lambda: topsis(ZERO_COLUMN, normalization=S("vector")),
        InvalidProblemError,
        "normalization='vector' cannot normalize a column of zeros; got zeros only in 2",
    ),
    "rank topsis column of zeros": (
        lambda: rank(ZERO_COLUMN, S("topsis"), normalization=S("max")),
        InvalidProblemError,
        "normalization='max' cannot normalize a column of zeros; got zeros only in 2",
    ),
    # internal kernels (their callers validate first)
    "kernel normalization": (
        lambda: normalize(np.ones((2, 2)), S("bad")),
        ValueError,
        "unknown normalization 'bad'",
    ),
    "kernel distance": (
        lambda: topsis_kernel(np.ones((2, 2)), np.ones(2), np.ones(2), S("bad")),
        ValueError,
        "unknown distance 'bad'",
    ),
}


@pytest.mark.parametrize("case", sorted(AHP_RANKING_CASES))
def test_ahp_and_ranking_messages_show_plain_values(case):
    assert_plain_message(*AHP_RANKING_CASES[case])


def test_group_inconsistency_warning_names_experts_plainly():
    consistent = np.ones((3, 3))
    with pytest.warns(InconsistentComparisonWarning) as record:
        ahp_group({E1: CYCLIC, E2: consistent})
    messages = [str(w.message) for w in record]
    assert (
        "1 of 2 experts have inconsistent judgments: 'e1' (CR = 6.1303 > 0.1); kept in the "
        "aggregation (inconsistent='keep')"
    ) in messages
    assert not any("np." in message for message in messages)


def test_rank_undefined_scores_names_alternatives_plainly():
    # max normalization divides the all-zero first criterion by 0: every score is NaN
    problem = DecisionProblem(
        pd.DataFrame([[0.0, 1.0], [0.0, 2.0]], index=pd.Index(np.array([10, 20]))),
        "max",
        [0.5, 0.5],
    )
    with pytest.raises(InvalidProblemError) as info:
        rank(problem, S("wsm"), normalization=S("max"))
    message = str(info.value)
    assert message.startswith("method 'wsm' produced undefined scores for 10, 20 (pymcdm: ")
    assert message.endswith("; check for constant criteria or values the method cannot handle")
    assert "np." not in message


def test_repair_repr_shows_plain_options():
    result = repair(CYCLIC, method=S("geometric"), ri_table=S("saaty1980"))
    head = repr(result).splitlines()[0]
    assert head.startswith("RepairResult(")
    assert head.endswith(", ri_table='saaty1980', method='geometric')")
    assert "np." not in repr(result)


def test_to_dict_gives_plain_python_for_numpy_labels():
    matrix = [[1.0, 2.0], [0.5, 1.0]]
    result = ahp_group({np.str_("e1"): matrix, np.str_("e2"): matrix})
    text = repr(result.to_dict())
    assert "np." not in text
    assert "'e1'" in text
