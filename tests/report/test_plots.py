"""Each plot draws what it should: the tests inspect the artists on the Axes."""

from __future__ import annotations

import numpy as np
import pytest

from coopdecide import DecisionProblem, rank, topsis
from coopdecide.report.plots import OKABE_ITO


@pytest.fixture
def problem():
    return DecisionProblem(
        [[1.0, 2.0, 3.0], [2.0, 1.0, 2.0], [3.0, 3.0, 1.0]],
        "max",
        weights=[1, 1, 1],
        alternatives=["Chile", "Kenya", "Japan"],
    )


def test_ranking_plot_bars_follow_the_ranking(problem):
    import matplotlib.pyplot as plt

    result = topsis(problem)
    ax = result.plot()
    heights = [patch.get_width() for patch in ax.patches]
    expected = result.to_frame()["score"].tolist()
    np.testing.assert_allclose(heights, expected)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == result.to_frame().index.tolist()
    # the best alternative is highlighted
    colours = [patch.get_facecolor() for patch in ax.patches]
    assert colours[0] != colours[1]
    assert "TOPSIS" in ax.get_title() and "vector" in ax.get_title()
    # drawing on a given Axes returns that Axes, styling passes through
    _, own = plt.subplots()
    assert result.plot.scores(ax=own, top=2, alpha=0.5) is own
    assert len(own.patches) == 2
    assert own.patches[0].get_alpha() == 0.5


def test_ranking_plot_marks_lower_is_better():
    problem = DecisionProblem([[1.0, 5.0], [2.0, 3.0], [4.0, 1.0]], "max", weights=[0.7, 0.3])
    ax = rank(problem, "vikor").plot()
    assert "lower is better" in ax.get_xlabel()


def test_palette_is_okabe_ito():
    assert OKABE_ITO[0] == "#0072B2" and len(set(OKABE_ITO)) == 8
