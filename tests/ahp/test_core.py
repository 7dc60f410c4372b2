"""ahp() and AHPResult: options, errors, warnings, rendering, inconsistencies()."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

import coopdecide
from coopdecide.ahp import SAATY_SCALE, AHPResult, PairwiseComparison, ahp
from coopdecide.exceptions import (
    InconsistentComparisonWarning,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidTypeError,
    UnknownMethodError,
)

LEADER = [[1, 4, 3, 7], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5], [1 / 7, 1 / 3, 1 / 5, 1]]
HOUSE_CASE = "ahp-saaty1990-house-criteria-8x8-inconsistent"


def test_top_level_exports():
    assert coopdecide.ahp is not None
    assert coopdecide.PairwiseComparison is PairwiseComparison
    assert coopdecide.AHPResult is AHPResult
    assert coopdecide.repair is not None


def test_accepts_array_dataframe_and_comparison():
    labels = ["experience", "education", "charisma", "age"]
    frame = pd.DataFrame(LEADER, index=labels, columns=labels)
    from_frame = ahp(frame)
    from_array = ahp(np.array(LEADER))
    from_pc = ahp(PairwiseComparison(LEADER, labels=labels))
    assert list(from_frame.weights.index) == labels
    assert list(from_array.weights.index) == ["C1", "C2", "C3", "C4"]
    np.testing.assert_allclose(from_frame.weight_array, from_array.weight_array)
    np.testing.assert_allclose(from_pc.weight_array, from_array.weight_array)


@pytest.mark.parametrize("method", ["eigenvector", "geometric", "column"])
def test_lambda_max_is_the_principal_eigenvalue_for_every_method(method):
    # the principal eigenvalue is a property of the matrix: compare with numpy's dense solver
    result = ahp(LEADER, method=method)
    assert result.lambda_max == pytest.approx(np.linalg.eigvals(LEADER).real.max(), rel=1e-12)
    assert result.ci == pytest.approx((result.lambda_max - 4) / 3)
    assert result.cr == pytest.approx(result.ci / 0.90)
    assert result.method == method
    assert result.weights.sum() == pytest.approx(1)


def test_geometric_reports_gci_and_judges_by_it():
    # GCI of the leader criteria matrix, computed here by hand from the definition
    a = np.array(LEADER)
    w = np.prod(a, axis=1) ** 0.25
    gci = sum(np.log(a[i, j] * w[j] / w[i]) ** 2 for i in range(4) for j in range(i + 1, 4)) / 3
    result = ahp(LEADER, method="geometric")
    assert result.gci == pytest.approx(gci)
    assert result.gci_threshold == 0.35
    assert result.consistent
    assert ahp(LEADER).gci is None
    with pytest.warns(InconsistentComparisonWarning, match=r"GCI = 0.\d+ > 0.01"):
        strict = ahp(LEADER, method="geometric", gci_threshold=0.01)
    assert not strict.consistent


def test_geometric_consistency_is_not_the_cr_threshold(reference_case):
    # the house matrix: CR 0.169 > 0.1, but judged by GCI (n = 8, threshold 0.37)
    matrix = reference_case(HOUSE_CASE)["inputs"]["pairwise_matrix"]
    result = ahp(matrix, method="geometric", warn=False)
    assert result.cr > 0.1
    assert result.consistent == (result.gci <= 0.37)


def test_threshold_and_warning():
    with pytest.warns(InconsistentComparisonWarning, match=r"CR = 0.0439 > threshold 0.01"):
        result = ahp(LEADER, threshold=0.01)
    assert not result.consistent
    assert result.threshold == 0.01
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = ahp(LEADER, threshold=0.01, warn=False)
    assert not quiet.consistent


@pytest.mark.parametrize("n", [1, 2])
def test_small_comparisons_are_consistent(n):
    matrix = [[1]] if n == 1 else [[1, 9], [1 / 9, 1]]
    result = ahp(matrix)
    assert result.cr == 0
    assert result.ci == 0
    assert result.lambda_max == n
    assert result.consistent
    assert result.inconsistencies()["cr_if_changed"].eq(0).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"method": "power"}, UnknownMethodError, r"method must be one of .*; got 'power'"),
        ({"ri_table": "saaty"}, UnknownMethodError, r"ri_table must be one of .*; got 'saaty'"),
        ({"ri_table": ["saaty1980"]}, InvalidTypeError, r"ri_table must be a table name"),
        ({"method": None}, UnknownMethodError, r"method must be one of .*; got None"),
        ({"threshold": np.float32(0.1)}, None, None),
        ({"threshold": 1}, None, None),
        ({"threshold": -0.1}, InvalidArgumentError, r"threshold must be at least 0.0; got -0.1"),
        ({"threshold": "0.1"}, InvalidTypeError, r"threshold must be a real number"),
        ({"completion": "zero"}, UnknownMethodError, r"completion must be one of .*; got 'zero'"),
        ({"gci_threshold": -1}, InvalidArgumentError, "gci_threshold must be at least 0.0"),
    ],
)
def test_option_errors(kwargs, error, message):
    if "gci_threshold" in kwargs:
        kwargs = {**kwargs, "method": "geometric"}
    if error is None:  # accepted spellings
        assert ahp(LEADER, **kwargs).threshold == pytest.approx(float(kwargs["threshold"]))
        return
    with pytest.raises(error, match=message):
        ahp(LEADER, **kwargs)


def test_comparison_errors():
    with pytest.raises(InvalidTypeError, match="comparison must be a PairwiseComparison"):
        ahp("matrix.csv")
    with pytest.raises(InvalidComparisonError, match=r"positive finite judgments.*= 0"):
        ahp([[1, 0], [0, 1]])
    with pytest.raises(InvalidComparisonError, match="reciprocal"):
        ahp([[1, 3], [3, 1]])
    big = np.ones((16, 16))
    with pytest.raises(InvalidArgumentError, match=r"n = 1..15; got a comparison of 16 items"):
        ahp(big)
    assert ahp(big, ri_table="alonso-lamata").cr == pytest.approx(0, abs=1e-12)


def test_result_is_immutable_and_outputs_are_copies():
    result = ahp(LEADER)
    with pytest.raises(AttributeError, match="immutable"):
        result.cr = 0  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del result._cr
    weights = result.weights
    weights.iloc[0] = 0
    assert result.weights.iloc[0] > 0.5
    with pytest.raises(ValueError, match="read-only"):
        result.weight_array[0] = 0


def test_to_frame_repr_html_and_dict():
    labels = ["experience", "education", "charisma", "age"]
    result = ahp(PairwiseComparison(LEADER, labels=labels))
    frame = result.to_frame()
    assert list(frame.columns) == ["weight", "rank"]
    assert frame["rank"].tolist() == [1, 3, 2, 4]
    text = repr(result)
    assert "AHPResult(method='eigenvector', n=4, consistent: CR=0.0439 <= 0.1" in text
    assert "ri_table='saaty1980'" in text
    assert "experience" in text
    assert "<table" in result._repr_html_()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["ri_table"] == "saaty1980"
    assert "Saaty" in data["ri_citation"]
    assert data["weights"]["experience"] == pytest.approx(result.weights["experience"])
    assert data["completed"] == []
    assert data["gci"] is None
    geometric = ahp(LEADER, method="geometric")
    assert "GCI=" in repr(geometric)
    assert "GCI" in geometric._repr_html_()


def test_inconsistencies_table(reference_case):
    case = reference_case(HOUSE_CASE)
    pc = PairwiseComparison(case["inputs"]["pairwise_matrix"], labels=case["inputs"]["criteria"])
    result = ahp(pc, warn=False)
    table = result.inconsistencies()
    assert list(table.columns) == [
        "row",
        "column",
        "value",
        "consistent_value",
        "error",
        "abs_log_error",
        "lambda_derivative",
        "suggested",
        "cr_if_changed",
    ]
    assert len(table) == 28
    assert table["abs_log_error"].is_monotonic_decreasing
    assert np.isin(table["suggested"], SAATY_SCALE).all()
    w = result.weights
    for row in table.head(6).itertuples():
        assert row.consistent_value == pytest.approx(w[row.row] / w[row.column])
        assert row.error == pytest.approx(row.value * w[row.column] / w[row.row])
        # nearest scale value on a log scale, checked by brute force
        expected = SAATY_SCALE[np.argmin(np.abs(np.log(SAATY_SCALE / row.consistent_value)))]
        assert row.suggested == expected
        # the CR after changing only that judgment, recomputed independently
        changed = pc.with_judgment(row.row, row.column, row.suggested)
        assert row.cr_if_changed == pytest.approx(ahp(changed, warn=False).cr, rel=1e-9)


def test_inconsistencies_of_consistent_matrix_are_zero():
    pc = PairwiseComparison.from_weights([0.4, 0.3, 0.2, 0.1])
    table = ahp(pc).inconsistencies()
    np.testing.assert_allclose(table["error"], 1)
    np.testing.assert_allclose(table["abs_log_error"], 0, atol=1e-12)


def test_inconsistencies_geometric_adds_gci_column():
    table = ahp(LEADER, method="geometric").inconsistencies()
    assert "gci_if_changed" in table.columns
    row = table.iloc[0]
    pc = PairwiseComparison(LEADER)
    changed = pc.with_judgment(row["row"], row["column"], row["suggested"])
    assert row["gci_if_changed"] == pytest.approx(ahp(changed, method="geometric").gci)


def test_plot_returns_axes():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = ahp(PairwiseComparison(LEADER, labels=["exp", "edu", "cha", "age"]))
    ax = result.plot()
    assert "CR = 0.044 [saaty1980]" in ax.get_title()
    _fig, own = plt.subplots()
    assert result.plot.weights(ax=own) is own
    plt.close("all")


def test_closest_saaty_value_is_symmetric_and_brute_force():
    from coopdecide.ahp import closest_saaty_value

    rng = np.random.default_rng(2)
    ratios = np.concatenate([np.exp(rng.uniform(-3, 3, 500)), np.sqrt([2, 6, 12, 72]), [1.0]])
    got = closest_saaty_value(ratios)
    np.testing.assert_allclose(closest_saaty_value(1 / ratios), 1 / got, rtol=1e-15)
    distance = np.abs(np.log(SAATY_SCALE)[None, :] - np.log(ratios)[:, None])
    best = distance.min(axis=1)
    chosen = np.abs(np.log(got) - np.log(ratios))
    np.testing.assert_allclose(chosen, best, atol=1e-12)
    # (near-)midpoints such as sqrt(2) between 1 and 2 still give reciprocal answers
    assert closest_saaty_value(np.sqrt(2)) * closest_saaty_value(1 / np.sqrt(2)) == 1.0
    assert closest_saaty_value(100.0) == 9.0
    assert closest_saaty_value(0.001) == 1 / 9
