"""The public names of DESIGN.md are importable from the top level and behave as documented."""

from __future__ import annotations

import numpy as np
import pytest

import coopdecide

DESIGN_NAMES = [
    "DecisionProblem",
    "PairwiseComparison",
    "ahp",
    "AHPResult",
    "ahp_group",
    "GroupAHPResult",
    "CriteriaHierarchy",
    "topsis",
    "rank",
    "RankingResult",
    "load_partner_countries",
]


def test_the_partner_table_loader_is_exported():
    table = coopdecide.load_partner_countries_table()
    problem = coopdecide.load_partner_countries()
    assert list(table.index) == list(problem.alternatives)


@pytest.mark.parametrize("name", DESIGN_NAMES)
def test_design_names_are_importable(name):
    assert getattr(coopdecide, name) is not None
    assert name in dir(coopdecide)


def test_ahp_is_both_the_package_and_the_function():
    """DESIGN.md names a package ``ahp/`` and a function ``ahp()``: both must work."""
    matrix = np.array([[1.0, 3.0], [1 / 3, 1.0]])
    assert coopdecide.ahp(matrix).weights.tolist() == pytest.approx([0.75, 0.25])
    from coopdecide import ahp

    assert ahp.PairwiseComparison is coopdecide.PairwiseComparison
    assert ahp(matrix).cr == 0.0
    assert ahp.ahp(matrix).weights.tolist() == pytest.approx([0.75, 0.25])


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        coopdecide.nope  # noqa: B018


def test_warnings_from_the_callable_package_point_at_the_caller():
    from coopdecide.exceptions import InconsistentComparisonWarning

    # Saaty's scale extremes in a cycle: a > b (9), b > c (9), c > a (9) is very inconsistent
    matrix = np.array([[1.0, 9.0, 1 / 9], [1 / 9, 1.0, 9.0], [9.0, 1 / 9, 1.0]])
    with pytest.warns(InconsistentComparisonWarning) as record:
        coopdecide.ahp(matrix)
    assert record[0].filename == __file__


def test_sensitivity_names_are_functions_whatever_was_imported_first():
    import importlib

    importlib.import_module("coopdecide.sensitivity.acceptability")
    from coopdecide.sensitivity import DirichletWeights, critical_changes, smaa

    assert callable(smaa)
    assert smaa.__name__ == "smaa"
    assert critical_changes.__name__ == "critical_changes"
    assert DirichletWeights(10).concentration == 10
