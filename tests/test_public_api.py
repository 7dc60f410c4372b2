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
