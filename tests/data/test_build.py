"""Indicators -> DecisionProblem: years, transforms, missing values, provenance, SMAA."""

from __future__ import annotations

import json
import pickle
import statistics
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coopdecide.data import (
    Criterion,
    Impute,
    Indicators,
    KogutSingh,
    kogut_singh,
    read_hofstede,
    read_wgi,
)
from coopdecide.exceptions import InvalidArgumentError, UnknownCountryError, UnknownMethodError
from coopdecide.sensitivity import DataIntervals, smaa

FIXTURES = Path(__file__).parent / "indicators"


def _table(rows) -> Indicators:
    return Indicators(pd.DataFrame(rows, columns=["country", "year", "indicator", "value"]))


# focal Indonesia and three candidates on two undated "dimensions"
TINY = [
    ("IDN", None, "d1", 50),
    ("IDN", None, "d2", 20),
    ("MYS", None, "d1", 30),
    ("MYS", None, "d2", 60),
    ("THA", None, "d1", 70),
    ("THA", None, "d2", 20),
    ("VNM", None, "d1", 50),
    ("VNM", None, "d2", 40),
]


# -- transforms --------------------------------------------------------------------------


def test_kogut_singh_against_a_hand_computation():
    # Kogut and Singh (1988, p. 422): CD_j = (1/n) sum_i (I_ij - I_if)^2 / V_i, V_i the
    # variance of dimension i over the countries (here all four, sample variance).
    d1 = [50, 30, 70, 50]  # IDN (focal), MYS, THA, VNM
    d2 = [20, 60, 20, 40]
    v1, v2 = statistics.variance(map(Fraction, d1)), statistics.variance(map(Fraction, d2))
    assert (v1, v2) == (Fraction(800, 3), Fraction(1100, 3))
    expected = {
        "MYS": ((30 - 50) ** 2 / v1 + (60 - 20) ** 2 / v2) / 2,  # 129/44
        "THA": ((70 - 50) ** 2 / v1 + 0) / 2,  # 3/4
        "VNM": (0 + (40 - 20) ** 2 / v2) / 2,  # 6/11
    }
    assert expected == {"MYS": Fraction(129, 44), "THA": Fraction(3, 4), "VNM": Fraction(6, 11)}
    result = _table(TINY).to_problem(
        {"cd": Criterion(["d1", "d2"], "min", "kogut_singh")}, focal="Indonesia", labels="code"
    )
    got = result.problem.performance["cd"]
    for code, value in expected.items():
        assert got[code] == pytest.approx(float(value), rel=1e-12)
    assert result.problem.objectives["cd"] == -1
    # the array function agrees
    plain = kogut_singh([[30, 60], [70, 20]], [50, 20], [float(v1), float(v2)])
    np.testing.assert_allclose(plain, [129 / 44, 3 / 4])


def test_kogut_singh_variance_convention_is_a_parameter():
    # over the alternatives and the focal country only, population variance: with an extra
    # country in the table that does not count
    rows = [*TINY, ("JPN", None, "d1", 90), ("JPN", None, "d2", 90)]
    spec = Criterion(["d1", "d2"], "min", KogutSingh(variance_over="alternatives", ddof=0))
    result = _table(rows).to_problem(
        {"cd": spec}, focal="IDN", alternatives=["MYS", "THA", "VNM"], labels="code"
    )
    v1, v2 = np.var([50, 30, 70, 50]), np.var([20, 60, 20, 40])  # 200, 275
    assert result.problem.performance.at["MYS", "cd"] == pytest.approx((400 / v1 + 1600 / v2) / 2)
    with pytest.raises(
        UnknownMethodError,
        match=r"variance_over must be one of 'table', "
        r"'alternatives'; got 'sample'",
    ):
        KogutSingh(variance_over="sample")


@pytest.mark.parametrize(
    ("transform", "expected"),
    [
        ("none", {"MYS": 30, "THA": 70, "VNM": 50}),
        ("difference", {"MYS": -20, "THA": 20, "VNM": 0}),
        ("abs_difference", {"MYS": 20, "THA": 20, "VNM": 0}),
        ("relative_difference", {"MYS": -0.4, "THA": 0.4, "VNM": 0}),
        ("log", {"MYS": np.log(30), "THA": np.log(70), "VNM": np.log(50)}),
        ("rank", {"MYS": 1, "THA": 3, "VNM": 2}),
        # mean 50, sample standard deviation 20
        ("zscore", {"MYS": -1, "THA": 1, "VNM": 0}),
    ],
)
def test_single_indicator_transforms_by_hand(transform, expected):
    result = _table(TINY).to_problem(
        {"c": Criterion("d1", "max", transform)}, focal="IDN", labels="code"
    )
    assert result.problem.performance["c"].to_dict() == pytest.approx(expected)


def test_rank_gives_tied_values_their_average_rank():
    rows = [("MYS", 2020, "x", 1), ("THA", 2020, "x", 1), ("VNM", 2020, "x", 5)]
    result = _table(rows).to_problem({"c": Criterion("x", transform="rank")}, labels="code")
    assert result.problem.performance["c"].tolist() == [1.5, 1.5, 3]


def test_transform_errors():
    table = _table([*TINY, ("KOR", None, "d1", -1), ("KOR", None, "d2", 1)])
    with pytest.raises(
        InvalidArgumentError,
        match=r"criterion 'c': log needs positive values; "
        r"South Korea has -1",
    ):
        table.to_problem({"c": Criterion("d1", transform="log")})
    with pytest.raises(
        InvalidArgumentError,
        match=r"criterion 'c': transform 'difference' needs "
        r"focal=",
    ):
        table.to_problem({"c": Criterion("d1", transform="difference")})
    with pytest.raises(InvalidArgumentError, match=r"transform 'log' takes one indicator; got 2"):
        Criterion(["d1", "d2"], transform="log")
    with pytest.raises(
        UnknownMethodError,
        match=r"transform must be one of .*got 'logg' \(did "
        r"you mean 'log'\?\)",
    ):
        Criterion("d1", transform="logg")
    with pytest.raises(InvalidArgumentError, match=r"objectives must be one of"):
        Criterion("d1", objective="up")


# -- years -------------------------------------------------------------------------------

YEARS = [
    ("MYS", 2018, "x", 1.0),
    ("MYS", 2019, "x", 2.0),
    ("THA", 2018, "x", 3.0),
    ("VNM", 2017, "x", 4.0),
    ("VNM", 2019, "x", 6.0),
    ("MYS", None, "static", 10.0),
    ("THA", None, "static", 20.0),
    ("VNM", None, "static", 30.0),
]


def test_latest_year_per_cell_is_kept_in_the_provenance():
    result = _table(YEARS).to_problem({"x": "x", "s": "static"}, labels="code")
    assert result.problem.performance["x"].to_dict() == {"MYS": 2.0, "THA": 3.0, "VNM": 6.0}
    years = result.provenance["year"].xs("x", level="criterion")
    assert years.to_dict() == {"MYS": 2019, "THA": 2018, "VNM": 2019}
    assert result.provenance["year"].xs("s", level="criterion").isna().all()
    assert not result.provenance["imputed"].any()
    exact = DataIntervals.from_provenance(result.problem)
    pd.testing.assert_frame_equal(exact.low, exact.high)


def test_fixed_year_and_a_mapping_per_indicator():
    table = _table(YEARS)
    with pytest.raises(
        InvalidArgumentError,
        match=r"1 missing cell\(s\): \(Thailand, 'x'\); "
        r"choose a policy",
    ):
        table.to_problem({"x": "x"}, year=2019)
    fixed = table.to_problem(
        {"x": "x", "s": "static"}, year={"x": 2018}, labels="code", missing="drop_alternatives"
    )
    assert fixed.problem.performance["x"].to_dict() == {"MYS": 1.0, "THA": 3.0}
    assert fixed.notes == ("dropped 1 alternative(s) with missing values: Vietnam (x)",)
    with pytest.raises(
        InvalidArgumentError,
        match=r"year must be 'latest' or a year \(int\); "
        r"got 'newest'",
    ):
        table.to_problem({"x": "x"}, year="newest")
    with pytest.raises(
        InvalidArgumentError,
        match=r"year names indicators the criteria do not "
        r"use: 'y'",
    ):
        table.to_problem({"x": "x"}, year={"y": 2019})


def test_last_observation_carried_forward_with_an_interval_growing_with_the_gap():
    result = _table(YEARS).to_problem(
        {"x": "x"}, year=2019, missing=Impute(method="locf"), labels="code"
    )
    # Thailand's 2018 value carried to 2019; the median absolute change per year over the
    # countries' consecutive observations: MYS |2-1|/1 = 1, VNM |6-4|/2 = 1 -> 1
    assert result.problem.performance.at["THA", "x"] == 3.0
    cell = result.provenance.loc[("THA", "x")]
    assert bool(cell["imputed"]) and cell["year"] == 2018
    assert (cell["low"], cell["high"]) == (2.0, 4.0)
    assert "carried forward from 2018" in cell["note"]
    assert not result.provenance.drop(("THA", "x"))["imputed"].any()


# -- missing values ----------------------------------------------------------------------

PEERS = [
    ("IDN", 2020, "gov", 1.0),
    ("MYS", 2020, "gov", 2.0),
    ("THA", 2020, "gov", 4.0),
    ("PHL", 2020, "gov", 8.0),
    ("SGP", 2020, "gov", 16.0),
    ("DEU", 2020, "gov", 100.0),
    ("FRA", 2020, "gov", 200.0),
    ("IDN", 2020, "size", 5.0),
    ("MYS", 2020, "size", 1.0),
    ("THA", 2020, "size", 2.0),
    ("VNM", 2020, "size", 3.0),
    ("DEU", 2020, "size", 4.0),
    ("FRA", 2020, "size", 6.0),
    ("PHL", 2020, "size", 7.0),
    ("SGP", 2020, "size", 9.0),
]
GROUPS = {
    "IDN": "Asia",
    "MYS": "Asia",
    "THA": "Asia",
    "VNM": "Asia",
    "PHL": "Asia",
    "SGP": "Asia",
    "DEU": "Europe",
    "FRA": "Europe",
}
CANDIDATES = ["MYS", "THA", "VNM", "DEU", "FRA"]


def test_peer_median_imputation_with_the_inter_quartile_range():
    result = _table(PEERS).to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=CANDIDATES,
        missing=Impute(groups=GROUPS, group_name="region"),
        labels="code",
    )
    # Vietnam's peers in Asia with a value: IDN 1, MYS 2, THA 4, PHL 8, SGP 16
    peers = [1.0, 2.0, 4.0, 8.0, 16.0]
    q1, _, q3 = statistics.quantiles(peers, n=4, method="inclusive")
    assert result.problem.performance.at["VNM", "gov"] == statistics.median(peers)
    cell = result.provenance.loc[("VNM", "gov")]
    assert (cell["low"], cell["high"]) == (q1, q3) == (2.0, 8.0)
    assert bool(cell["imputed"])
    assert cell["note"] == (
        "median of 5 countries of region 'Asia', interval: their inter-quartile range"
    )
    others = result.provenance.drop(("VNM", "gov"))
    assert not others["imputed"].any()
    assert (others["low"] == others["high"]).all()
    assert result.notes == ("imputed 1 cell(s) by the region median",)
    ranged = _table(PEERS).to_problem(
        {"gov": "gov"},
        alternatives=CANDIDATES,
        labels="code",
        missing=Impute(groups=GROUPS, interval="range"),
    )
    assert tuple(ranged.provenance.loc[("VNM", "gov"), ["low", "high"]]) == (1.0, 16.0)


def test_imputation_intervals_are_exact_outside_the_imputed_cells():
    result = _table(PEERS).to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=CANDIDATES,
        missing=Impute(groups=GROUPS),
        labels="code",
    )
    intervals = DataIntervals.from_provenance(result.problem)
    sampler = intervals.resolve(result.problem)
    samples = sampler.sample(np.random.default_rng(0), 200)
    spread = samples.std(axis=0)
    imputed = np.zeros(result.problem.shape, dtype=bool)
    imputed[CANDIDATES.index("VNM"), 0] = True
    assert (spread[imputed] > 0).all()
    np.testing.assert_array_equal(spread[~imputed], 0.0)
    np.testing.assert_array_equal(
        samples[:, ~imputed],
        np.broadcast_to(result.problem.matrix[~imputed], (200, (~imputed).sum())),
    )


def test_smaa_spreads_the_acceptability_of_the_alternative_with_imputed_data():
    # three close candidates; Vietnam's "gov" is missing and imputed from its Asian peers
    rows = [
        ("MYS", 2020, "gov", 5.0),
        ("THA", 2020, "gov", 4.0),
        ("IDN", 2020, "gov", 1.0),
        ("PHL", 2020, "gov", 9.0),
        ("SGP", 2020, "gov", 4.5),
        ("MYS", 2020, "size", 4.0),
        ("THA", 2020, "size", 5.0),
        ("VNM", 2020, "size", 4.8),
    ]
    result = _table(rows).to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=["MYS", "THA", "VNM"],
        missing=Impute(groups=GROUPS, interval="range"),
        weights={"gov": 0.5, "size": 0.5},
        labels="code",
    )
    problem = result.problem
    assert problem.performance.at["VNM", "gov"] == 4.5  # median of 1, 4, 4.5, 5, 9
    assert tuple(result.provenance.loc[("VNM", "gov"), ["low", "high"]]) == (1.0, 9.0)
    exact = DataIntervals(problem.performance, problem.performance)  # the point values
    point = smaa(problem, 4000, weights="fixed", data=exact, random_state=1)
    widened = smaa(
        problem, 4000, weights="fixed", data=DataIntervals.from_provenance(problem), random_state=1
    )
    # with the point value the imputed alternative holds one rank in every sample ...
    assert point.rank_acceptability.loc["VNM"].max() == 1.0
    # ... with the interval its acceptability spreads over several ranks
    vietnam = widened.rank_acceptability.loc["VNM"]
    assert (vietnam > 0.05).sum() >= 2
    assert vietnam.max() < 0.9


def test_drop_criteria_and_the_raise_policy_name_the_cells():
    table = _table(PEERS)
    dropped = table.to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=CANDIDATES,
        missing="drop_criteria",
        labels="code",
    )
    assert dropped.problem.criteria.tolist() == ["size"]
    assert dropped.notes == ("dropped 1 criteria with missing values: 'gov'",)
    with pytest.raises(InvalidArgumentError, match=r"1 missing cell\(s\): \(Vietnam, 'gov'\)"):
        table.to_problem({"gov": "gov"}, alternatives=CANDIDATES)
    with pytest.raises(
        InvalidArgumentError,
        match=r"cannot impute \(Vietnam, 'gov'\): region "
        r"'Asia' has 5 other countr\(ies\) with a value; Impute needs min_peers=6",
    ):
        table.to_problem(
            {"gov": "gov"},
            alternatives=CANDIDATES,
            missing=Impute(groups=GROUPS, min_peers=6, group_name="region"),
        )
    with pytest.raises(
        InvalidArgumentError,
        match=r"cannot impute \(Vietnam, 'gov'\): VNM has no "
        r"peer group",
    ):
        table.to_problem(
            {"gov": "gov"}, alternatives=CANDIDATES, missing=Impute(groups={"MYS": "Asia"})
        )
    with pytest.raises(
        InvalidArgumentError,
        match=r"missing must be 'raise', 'drop_alternatives', "
        r"'drop_criteria' or Impute\(\.\.\.\); got 'impute'",
    ):
        table.to_problem({"gov": "gov"}, missing="impute")


# -- arguments, provenance, immutability ------------------------------------------------


def test_intervals_need_a_provenance_with_bounds():
    plain = _table(TINY).to_problem({"c": "d1"}).problem.subset()
    bare = type(plain)(plain.performance, "max")
    with pytest.raises(
        InvalidArgumentError,
        match=r"from_provenance needs a problem whose "
        r"provenance has 'low' and 'high' columns .*; got no provenance",
    ):
        DataIntervals.from_provenance(bare)


def test_argument_errors_name_what_was_wrong():
    table = _table(TINY)
    with pytest.raises(InvalidArgumentError, match=r"unknown indicator 'dd1' \(did you mean 'd1'"):
        table.to_problem({"c": "dd1"})
    with pytest.raises(
        UnknownCountryError,
        match=r"alternatives: unknown country 'Thialand' "
        r"\(did you mean Thailand \(THA\)\?\)",
    ):
        table.to_problem({"c": "d1"}, alternatives=["Malaysia", "Thialand"])
    with pytest.raises(InvalidArgumentError, match=r"alternatives include the focal country 'IDN'"):
        table.to_problem({"c": "d1"}, focal="IDN", alternatives=["IDN", "MYS"])
    with pytest.raises(
        InvalidArgumentError,
        match=r"alternatives name the same country twice: "
        r"'MYS'",
    ):
        table.to_problem({"c": "d1"}, alternatives=["MYS", "Malaysia"])
    no_focal = _table(TINY[2:])
    with pytest.raises(
        InvalidArgumentError,
        match=r"the focal country Indonesia has no value for "
        r"'d1'",
    ):
        no_focal.to_problem({"c": Criterion("d1", transform="difference")}, focal="IDN")


def test_provenance_travels_with_the_problem():
    result = _table(PEERS).to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=CANDIDATES,
        missing=Impute(groups=GROUPS),
        weights={"gov": 1, "size": 1},
    )
    problem = result.problem
    assert problem.alternatives.tolist() == ["Malaysia", "Thailand", "Vietnam", "Germany", "France"]
    assert problem.with_weights({"gov": 2, "size": 1}).provenance.equals(problem.provenance)
    assert problem.with_objectives("min").provenance.equals(problem.provenance)
    sub = problem.subset(alternatives=["Vietnam", "France"], criteria=["gov"])
    assert sub.provenance.index.tolist() == [("Vietnam", "gov"), ("France", "gov")]
    assert DataIntervals.from_provenance(sub).resolve(sub).high[0, 0] == 8.0
    assert pickle.loads(pickle.dumps(problem)).provenance.equals(problem.provenance)
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["problem"]["provenance"][4]["imputed"] is True
    assert "imputed=1" in repr(result) and "<table" in result._repr_html_()
    assert result.to_frame().loc[("Vietnam", "gov"), "value"] == 4.0


def test_inputs_are_not_mutated():
    frame = pd.DataFrame(PEERS, columns=["country", "year", "indicator", "value"])
    before = frame.copy()
    table = Indicators(frame)
    snapshot = table.table
    groups = dict(GROUPS)
    table.to_problem({"gov": "gov"}, alternatives=CANDIDATES, missing=Impute(groups=groups))
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(table.table, snapshot)
    assert groups == GROUPS


# -- from the fixtures -------------------------------------------------------------------


def test_wgi_and_hofstede_files_to_a_problem():
    tables = Indicators.combine(
        read_wgi(FIXTURES / "wgi_long.csv"), read_hofstede(FIXTURES / "hofstede.csv")
    )
    result = tables.to_problem(
        {
            "regulatory_quality": Criterion("RQ.EST", "max"),
            "cultural_distance": Criterion(
                ["pdi", "idv", "mas", "uai", "ltowvs", "ivr"], "min", "kogut_singh"
            ),
        },
        focal="IDN",
        missing="drop_alternatives",
    )
    # Thailand has no ivr score (#NULL!): dropped; countries of only one file are left out
    assert "Thailand" not in result.problem.alternatives
    assert "Timor-Leste" not in result.problem.alternatives
    assert any("Thailand (ivr)" in note for note in result.notes)
    wgi = result.provenance.xs("regulatory_quality", level="criterion")
    assert set(wgi["source"]) == {"Worldwide Governance Indicators (World Bank)"}
    assert wgi["year"].to_dict() == {a: 2018 if a == "Vietnam" else 2019 for a in wgi.index}


def test_provenance_plot_marks_the_imputed_cells_and_years():
    pytest.importorskip("matplotlib").use("Agg")
    import matplotlib.pyplot as plt

    result = _table(PEERS).to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=CANDIDATES,
        missing=Impute(groups=GROUPS),
        labels="code",
    )
    ax = result.plot.provenance()
    image = ax.images[0].get_array()
    expected = np.zeros((5, 2))
    expected[CANDIDATES.index("VNM"), 0] = 1.0  # imputed
    np.testing.assert_array_equal(np.asarray(image), expected)
    assert {t.get_text() for t in ax.texts} == {"2020"}
    assert [t.get_text() for t in ax.get_yticklabels()] == CANDIDATES
    _, given = plt.subplots()
    assert result.plot(ax=given) is given
    plt.close("all")


# -- the Indicators table ----------------------------------------------------------------


def test_indicators_table_select_rename_combine_and_renderings():
    table = _table(YEARS)
    assert table.coverage().loc["x"].tolist() == [3, 2017, 2019, ""]
    assert table.select(["x"], countries=["MYS"]).table["value"].tolist() == [1.0, 2.0]
    renamed = table.rename({"x": "governance"})
    assert renamed.indicators == ["governance", "static"]
    with pytest.raises(InvalidArgumentError, match=r"indicators: unknown indicator 'y'"):
        table.select(["y"])
    with pytest.raises(
        InvalidArgumentError,
        match=r"table has duplicate rows for country 'MYS', "
        r"year 2018, indicator 'x'",
    ):
        Indicators.combine(table, table.select(["x"], countries=["MYS"]))
    payload = json.loads(json.dumps(table.to_dict()))
    assert payload["rows"][0]["country"] == "MYS"
    assert "Indicators(8 rows: 2 indicators x 3 countries)" in repr(table)
    assert "<table" in table._repr_html_()
    assert table == _table(list(reversed(YEARS)))  # rows are kept sorted
    with pytest.raises(AttributeError, match=r"Indicators is immutable"):
        table._table = None
    with pytest.raises(InvalidArgumentError, match=r"table is missing column\(s\) 'value'"):
        Indicators(pd.DataFrame({"country": ["MYS"], "indicator": ["x"]}))
    with pytest.raises(InvalidArgumentError, match=r"values must be finite numbers"):
        Indicators(pd.DataFrame({"country": ["MYS"], "indicator": ["x"], "value": [np.nan]}))
