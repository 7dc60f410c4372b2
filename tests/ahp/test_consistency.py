"""Random index tables, CI, CR and the geometric consistency index."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from coopdecide.ahp import (
    RI_TABLES,
    consistency_index,
    consistency_ratio,
    gci_threshold,
    geometric_consistency_index,
    geometric_priorities,
    random_index,
)
from coopdecide.exceptions import InvalidArgumentError, UnknownMethodError

TABLE_FILES = {
    "saaty1980": "ri-saaty-1980",
    "saaty2005": "ri-saaty-2005-revised",
    "alonso-lamata": "ri-alonso-lamata-2006",
    "donegan-dodd": "ri-donegan-dodd-1991",
}


@pytest.mark.parametrize(("name", "case_id"), TABLE_FILES.items())
def test_ri_tables_match_reference_files(reference_case, name, case_id):
    # Sources: see each file's "source" (Saaty 1980; Saaty 2005 p. 31; Alonso and
    # Lamata 2006; Donegan and Dodd 1991).
    case = reference_case(case_id)
    expected = {int(n): value for n, value in case["expected"]["RI"].items()}
    for n, value in expected.items():
        assert random_index(n, name) == pytest.approx(value, abs=case["tolerance"]["RI"])
    if name == "donegan-dodd":
        assert set(RI_TABLES[name].values) == set(expected) | {1, 2}
    else:
        assert set(RI_TABLES[name].values) == set(expected)
    assert RI_TABLES[name].citation


def test_tables_are_read_only():
    with pytest.raises(TypeError):
        RI_TABLES["mine"] = RI_TABLES["saaty1980"]  # type: ignore[index]
    with pytest.raises(TypeError):
        RI_TABLES["saaty1980"].values[3] = 0.5  # type: ignore[index]


def test_alonso_lamata_linear_fit_beyond_15(reference_case):
    # Goepel (2018) Eq. 5 as quoted in the file: CR = (lambda - n) / (2.7699 n - 4.3513 - n),
    # i.e. RI = (1.7699 n - 4.3513) / (n - 1); the file lists the RI it implies for n <= 15.
    case = reference_case("ri-alonso-lamata-2006")
    implied = case["recomputed"]["effective_RI_implied_by_linear_fit"]
    for n_text, value in implied.items():
        n = int(n_text)
        # printed to 4 decimals (1.12455 -> 1.1246): half a unit plus float noise
        assert (2.7699 * n - 4.3513 - n) / (n - 1) == pytest.approx(value, abs=5.1e-5)
    for n in (16, 20, 50):
        assert random_index(n, "alonso-lamata") == pytest.approx((1.7699 * n - 4.3513) / (n - 1))


def test_donegan_dodd_interpolates_between_tabulated_sizes():
    assert random_index(22, "donegan-dodd") == pytest.approx(1.5371 + 0.4 * (1.5619 - 1.5371))
    with pytest.raises(
        InvalidArgumentError, match=r"'donegan-dodd' gives .* n = 1..100; got .*101"
    ):
        random_index(101, "donegan-dodd")


@pytest.mark.parametrize("name", ["saaty1980", "saaty2005"])
def test_saaty_tables_stop_at_15(name):
    with pytest.raises(
        InvalidArgumentError,
        match=rf"ri_table '{name}' gives random indices for n = 1..15; got a comparison of 16",
    ):
        random_index(16, name)


def test_random_index_errors():
    with pytest.raises(UnknownMethodError, match=r"ri_table must be one of .*; got 'saaty'"):
        random_index(3, "saaty")
    with pytest.raises(InvalidArgumentError, match="n must be at least 1; got 0"):
        random_index(0)


def test_ci_and_cr_small_n_are_zero():
    assert consistency_index(2.0, 2) == 0
    assert consistency_ratio(1.0, 1) == 0
    np.testing.assert_array_equal(consistency_ratio(np.array([2.0, 2.0]), 2), [0, 0])


def test_ci_cr_saaty1990_house(reference_case):
    # Saaty (1990) EJOR 48:9-26, Table 2: lambda_max 9.669, CI 0.238, CR 0.169 (RI(8) = 1.41)
    case = reference_case("ahp-saaty1990-house-criteria-8x8-inconsistent")
    expected, tol = case["expected"], case["tolerance"]
    assert consistency_index(expected["lambda_max"], 8) == pytest.approx(
        expected["CI"], abs=tol["CI"]
    )
    assert consistency_ratio(expected["lambda_max"], 8) == pytest.approx(
        expected["CR"], abs=tol["CR"]
    )
    batched = consistency_ratio(np.array([8.0, expected["lambda_max"]]), 8)
    np.testing.assert_allclose(batched, [0, expected["CR"]], atol=tol["CR"])


def brute_force_gci(a):
    n = a.shape[0]
    w = np.prod(a, axis=1) ** (1 / n)
    total = sum(np.log(a[i, j] * w[j] / w[i]) ** 2 for i, j in itertools.combinations(range(n), 2))
    return 2 * total / ((n - 1) * (n - 2))


def test_gci_dong2010_individual_matrices(reference_case):
    # Dong, Zhang, Hong and Xu (2010) DSS 49(3):281-289, Section 5: GCI of A(1)..A(5)
    case = reference_case("ahp-dong2010-group-aij-weighted-geometric-mean")
    matrices = np.array(case["inputs"]["judgement_matrices"])
    expected = case["expected"]["GCI_A1_A2_A3_A4_A5_Ac"][:5]
    got = geometric_consistency_index(matrices)
    np.testing.assert_allclose(got, expected, atol=case["tolerance"]["GCI"])
    for a, value in zip(matrices, got, strict=True):
        assert brute_force_gci(a) == pytest.approx(value, rel=1e-12)
        assert geometric_consistency_index(a, geometric_priorities(a)) == pytest.approx(value)


def test_gci_consistent_and_small():
    w = np.array([0.5, 0.3, 0.2])
    assert geometric_consistency_index(w[:, None] / w[None, :]) == pytest.approx(0, abs=1e-20)
    assert geometric_consistency_index([[1, 3], [1 / 3, 1]]) == 0


def test_gci_thresholds():
    # Aguaron and Moreno-Jimenez (2003) EJOR 147:137-145
    assert [gci_threshold(n) for n in (2, 3, 4, 5, 12)] == [0.0, 0.31, 0.35, 0.37, 0.37]


# -- user-supplied random indices (issue 11) ---------------------------------------------------
def test_numeric_and_mapping_random_index():
    """A number is RI(n) for every n >= 3; with Saaty's (1980) RI(5) = 1.12 the CR is that of
    the saaty1980 table; a mapping n -> RI is a table of one's own."""
    import json

    import coopdecide
    from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

    rows, cols = np.triu_indices(5, 1)
    matrix = np.ones((5, 5))
    matrix[rows, cols] = [2, 3, 5, 7, 2, 3, 4, 1 / 2, 3, 2]
    matrix[cols, rows] = 1 / matrix[rows, cols]
    saaty = coopdecide.ahp(matrix, warn=False)
    custom = coopdecide.ahp(matrix, ri_table=1.12, warn=False)
    assert custom.cr == pytest.approx(saaty.cr, rel=1e-12)
    assert custom.ri == 1.12 and custom.ri_table == "custom"
    assert "user-supplied random index RI = 1.12" in json.dumps(custom.to_dict())
    table = coopdecide.ahp(matrix, ri_table={3: 0.5, 5: 1.0}, warn=False)
    assert table.cr == pytest.approx(saaty.ci / 1.0)
    group = coopdecide.ahp_group([matrix, matrix.T], ri_table=2.0)
    assert group.ri_table == "custom"
    np.testing.assert_allclose(group.consistency["cr"], [saaty.ci / 2.0] * 2)
    small = coopdecide.ahp([[1, 2], [0.5, 1]], ri_table=1.12)
    assert small.cr == 0.0
    with pytest.raises(InvalidArgumentError, match="ri_table must be positive"):
        coopdecide.ahp(matrix, ri_table=0)
    with pytest.raises(InvalidTypeError, match="ri_table must be a finite number"):
        coopdecide.ahp(matrix, ri_table=float("nan"))
    with pytest.raises(InvalidArgumentError, match=r"ri_table\[4\] must be positive"):
        coopdecide.ahp(matrix, ri_table={4: -1.0})
    with pytest.raises(InvalidArgumentError, match="keys must be sizes n >= 1; got 'x'"):
        coopdecide.ahp(matrix, ri_table={"x": 1.0})
    with pytest.raises(InvalidArgumentError, match="mapping gives random indices for n = 3, 4"):
        coopdecide.ahp(matrix, ri_table={3: 0.5, 4: 0.9})
    with pytest.raises(InvalidTypeError, match="ri_table must be a table name"):
        coopdecide.ahp(matrix, ri_table=True)
