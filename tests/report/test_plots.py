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


# ---------------------------------------------------------------------------
# group AHP
# ---------------------------------------------------------------------------
from coopdecide import CriteriaHierarchy, PairwiseComparison, ahp_group  # noqa: E402
from coopdecide.report.plots import (  # noqa: E402
    CriticalChangesPlots,
    GroupAHPPlots,
    HierarchyPlots,
    MethodComparisonPlots,
    OneAtATimePlots,
    SMAAPlots,
)
from coopdecide.sensitivity import (  # noqa: E402
    compare_methods,
    critical_changes,
    one_at_a_time,
    smaa,
)

from .conftest import CONSISTENT, CYCLIC, CYCLIC_CR  # noqa: E402

LABELS = ["benefit", "cost", "risk"]


@pytest.fixture
def group():
    return ahp_group(
        {
            "Ministry": PairwiseComparison(np.array(CONSISTENT), labels=LABELS),
            "Chamber": PairwiseComparison(np.array(CYCLIC), labels=LABELS),
        },
        warn=False,
    )


def _hex(colour):
    from matplotlib.colors import to_hex

    return to_hex(colour)


def test_group_weights_bars_legend_and_colours(group):
    ax = GroupAHPPlots(group).weights()
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 9  # 3 criteria x (group + 2 experts)
    # the consistent expert's weights are w = (4, 2, 1) / 7 (a_ij = w_i / w_j, by hand);
    # the cyclic expert's are equal (circulant matrix)
    np.testing.assert_allclose(heights[3:6], [4 / 7, 2 / 7, 1 / 7], atol=1e-12)
    np.testing.assert_allclose(heights[6:9], [1 / 3] * 3, atol=1e-12)
    np.testing.assert_allclose(heights[:3], group.weights.to_numpy())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("group")
    assert legend[1] == "Ministry (CR 0.000)"
    assert legend[2] == f"Chamber (CR {CYCLIC_CR:.3f}), inconsistent"
    # the group's bars are black, the experts' are not
    assert {_hex(p.get_facecolor()) for p in ax.patches[:3]} == {"#000000"}
    assert _hex(ax.patches[3].get_facecolor()) != "#000000"
    assert "saaty1980" in ax.get_title()
    assert [t.get_text() for t in ax.get_xticklabels()] == LABELS


def test_group_weights_styling_and_given_axes(group):
    import matplotlib.pyplot as plt

    _, own = plt.subplots()
    assert GroupAHPPlots(group).weights(ax=own, alpha=0.4) is own
    assert all(p.get_alpha() == 0.4 for p in own.patches)


def test_group_consistency_bars_and_threshold(group):
    ax = GroupAHPPlots(group).consistency()
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, [0.0, CYCLIC_CR], atol=1e-3)
    threshold = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(threshold) == 1
    assert threshold[0].get_xdata()[0] == pytest.approx(0.1)
    # the inconsistent expert is drawn in vermillion
    assert _hex(ax.patches[1].get_facecolor()) == OKABE_ITO[3].lower()


# ---------------------------------------------------------------------------
# hierarchy
# ---------------------------------------------------------------------------
@pytest.fixture
def hierarchy():
    # The docstring example of CriteriaHierarchy; by hand: economic is 3x political
    # (local 0.75 / 0.25), trade 4x market (0.8 / 0.2), alignment = blocs (0.5 / 0.5).
    structure = {
        "goal": ["political", "economic"],
        "political": ["alignment", "blocs"],
        "economic": ["trade", "market"],
    }
    comparisons = {
        "goal": PairwiseComparison.from_judgments(
            ["political", "economic"], {("economic", "political"): 3}
        ),
        "political": PairwiseComparison.from_judgments(
            ["alignment", "blocs"], {("alignment", "blocs"): 1}
        ),
        "economic": PairwiseComparison.from_judgments(
            ["trade", "market"], {("trade", "market"): 4}
        ),
    }
    return CriteriaHierarchy(structure, comparisons)


def test_hierarchy_tree_nodes_and_edges(hierarchy):
    ax = HierarchyPlots(hierarchy).tree()
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 7  # goal + 6 nodes
    assert texts[0] == "goal"
    assert "trade\nlocal 0.800 · global 0.600" in texts
    assert "political\nlocal 0.250 · global 0.250" in texts
    assert len(ax.lines) == 6  # one edge per node below the goal
    # leaves on the right (level 2), the goal at x = 0
    positions = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts}
    assert positions["goal"][0] == 0
    assert positions["market"][0] == 2 and positions["economic"][0] == 1


def test_hierarchy_weights_leaf_bars(hierarchy):
    ax = HierarchyPlots(hierarchy).weights()
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, [0.125, 0.125, 0.6, 0.15])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["alignment", "blocs", "trade", "market"]
    # coloured by top-level group
    colours = [_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == colours[1] != colours[2] == colours[3]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["political (0.250)", "economic (0.750)"]


# ---------------------------------------------------------------------------
# one at a time
# ---------------------------------------------------------------------------
@pytest.fixture
def small():
    # min-max normalization and Manhattan distance make TOPSIS closeness the weighted sum
    # of the normalized values (D+ + D- = sum of weights = 1). Normalized: A = (1, 0),
    # B = (0, 1), C = (0.5, 0.4); with weights (t, 1 - t): A = t, B = 1 - t,
    # C = 0.4 + 0.1 t. By hand: A = C at t = 4/9 (score 4/9), A = B at 1/2 (score 1/2),
    # B = C at 6/11 (score 5/11); only A = B changes the top.
    return DecisionProblem(
        [[10, 0], [0, 10], [5, 4]],
        "max",
        alternatives=["A", "B", "C"],
        criteria=["c1", "c2"],
        weights=[0.75, 0.25],
    )


def test_sweep_lines_swaps_and_current_weight(small):
    result = one_at_a_time(small, "c1", normalization="minmax", distance="manhattan")
    ax = OneAtATimePlots(result).sweep("c1")
    lines = {line.get_label(): line for line in ax.lines}
    assert {"A", "B", "C"} <= set(lines)
    a = lines["A"]
    np.testing.assert_allclose(a.get_ydata(), a.get_xdata(), atol=1e-12)  # A = t
    np.testing.assert_allclose(lines["C"].get_ydata(), 0.4 + 0.1 * lines["C"].get_xdata())
    swaps = np.asarray(ax.collections[0].get_offsets())
    order = np.argsort(swaps[:, 0])
    np.testing.assert_allclose(
        swaps[order], [[4 / 9, 4 / 9], [1 / 2, 1 / 2], [6 / 11, 5 / 11]], atol=1e-9
    )
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [line.get_xdata()[0] for line in dashed] == pytest.approx([0.5])
    current = lines["current weight 0.750"]
    assert current.get_xdata()[0] == pytest.approx(0.75)
    assert ax.get_xlim() == (0, 1)
    assert "c1" in ax.get_xlabel()


def test_sweep_chooses_alternatives_and_rejects_unknown(small):
    from coopdecide.exceptions import InvalidArgumentError

    result = one_at_a_time(small, normalization="minmax", distance="manhattan")
    plots = OneAtATimePlots(result)
    ax = plots.sweep("c2", alternatives=["A", "B"], color="k")
    names = [line.get_label() for line in ax.lines]
    assert "C" not in names and {"A", "B"} <= set(names)
    # only the A/B swap is between drawn alternatives; on c2's path it is at 1/2
    swaps = np.asarray(ax.collections[0].get_offsets())
    np.testing.assert_allclose(swaps, [[0.5, 0.5]], atol=1e-9)
    with pytest.raises(InvalidArgumentError, match=r"criterion must be one of the criteria"):
        plots.sweep("c9")
    with pytest.raises(InvalidArgumentError, match=r"alternatives must be alternatives"):
        plots.sweep("c1", alternatives=["Z"])


def test_sweep_top_limits_lines_but_keeps_leaders():
    problem = DecisionProblem(
        np.array([[9, 1], [1, 9], [5, 5], [2, 2], [1, 1]], dtype=float),
        "max",
        alternatives=list("VWXYZ"),
        weights=[0.5, 0.5],
    )
    result = one_at_a_time(problem, normalization="minmax")
    ax = OneAtATimePlots(result).sweep(problem.criteria[0], top=1)
    names = {line.get_label() for line in ax.lines}
    # X leads at equal weights; V and W lead at the ends of the sweep; Y, Z never lead
    assert {"V", "W", "X"} <= names
    assert not {"Y", "Z"} & names


def test_sweeps_one_axes_per_criterion_with_shared_styles(small):
    result = one_at_a_time(small, normalization="minmax", distance="manhattan")
    axes = OneAtATimePlots(result).sweeps()
    assert len(axes) == 2
    assert [ax.get_title() for ax in axes] == [
        "Sensitivity to the weight of c1",
        "Sensitivity to the weight of c2",
    ]
    colour = [{ln.get_label(): ln.get_color() for ln in ax.lines}["A"] for ax in axes]
    assert colour[0] == colour[1]


def test_stability_bars_span_the_top_intervals(small):
    result = one_at_a_time(small, normalization="minmax", distance="manhattan")
    ax = OneAtATimePlots(result).stability()
    # By hand (see the fixture): A stays first for c1 in (1/2, 1]; on c2's path
    # (c2 = s, c1 = 1 - s) A stays first for s in [0, 1/2).
    bars = [(p.get_x(), p.get_width()) for p in ax.patches]
    np.testing.assert_allclose(bars, [(0.5, 0.5), (0.0, 0.5)], atol=1e-9)
    ticks = np.asarray(ax.collections[0].get_offsets())
    np.testing.assert_allclose(ticks[:, 0], [0.75, 0.25])


# ---------------------------------------------------------------------------
# critical changes
# ---------------------------------------------------------------------------
def test_tornado_bars_labels_and_direction(small):
    result = critical_changes(small, normalization="minmax", distance="manhattan")
    ax = CriticalChangesPlots(result)()
    # By hand: the top (A) changes at c1 = 1/2, i.e. -0.25 for c1 (from 0.75) and
    # +0.25 for c2 (from 0.25); B leads after either change.
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, [-0.25, 0.25], atol=1e-9)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["-0.250 → B", "+0.250 → B"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["c1", "c2"]
    colours = [_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == OKABE_ITO[3].lower() and colours[1] == OKABE_ITO[0].lower()


def test_tornado_relative_sorts_by_percent(small):
    result = critical_changes(small, normalization="minmax", distance="manhattan")
    ax = CriticalChangesPlots(result).tornado(relative=True)
    # -0.25 / 0.75 = -33.3 % and +0.25 / 0.25 = +100 %
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [-100 / 3, 100])
    assert [t.get_text() for t in ax.texts] == ["-33% → B", "+100% → B"]
    assert "%" in ax.get_xlabel()


def test_tornado_no_change_possible():
    problem = DecisionProblem(
        [[10, 10], [0, 0], [5, 5]], "max", alternatives=["A", "B", "C"], weights=[0.5, 0.5]
    )
    ax = CriticalChangesPlots(critical_changes(problem)).tornado()
    assert [p.get_width() for p in ax.patches] == [0, 0]
    assert [t.get_text() for t in ax.texts] == ["no change", "no change"]


def test_tornado_rejects_unknown_scope(small):
    from coopdecide.exceptions import UnknownMethodError

    result = critical_changes(small)
    with pytest.raises((UnknownMethodError, ValueError), match="scope"):
        CriticalChangesPlots(result).tornado(scope="pair")


# ---------------------------------------------------------------------------
# SMAA
# ---------------------------------------------------------------------------
@pytest.fixture
def chain():
    # A dominates B dominates C: whatever the weights, the ranks are 1, 2, 3.
    return DecisionProblem(
        [[3.0, 3.0, 3.0], [2.0, 2.0, 2.0], [1.0, 1.0, 1.5]],
        "max",
        alternatives=["A", "B", "C"],
    )


def test_rank_acceptability_stacked_bars(chain):
    result = smaa(chain, 200, weights="uniform", random_state=1)
    ax = SMAAPlots(result)()
    # 3 ranks x 3 alternatives; A always 1st, B 2nd, C 3rd (dominance, by hand)
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 3)
    np.testing.assert_allclose(widths, np.eye(3))
    lefts = np.array([p.get_x() for p in ax.patches]).reshape(3, 3)
    np.testing.assert_allclose(lefts[1], [1, 0, 0])  # rank-2 segments start after rank 1
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["rank 1", "rank 2", "rank 3"]
    assert "200" in ax.get_xlabel()


def test_rank_acceptability_lumps_the_lower_ranks():
    problem = DecisionProblem(
        np.array([[5, 1], [4, 2], [3, 3], [2, 4], [1, 5]], dtype=float),
        "max",
        alternatives=list("ABCDE"),
    )
    result = smaa(problem, 500, weights="uniform", random_state=3)
    ax = SMAAPlots(result).rank_acceptability(ranks=2, top=3)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["rank 1", "rank 2", "rank 3+"]
    widths = np.array([p.get_width() for p in ax.patches]).reshape(3, 3)
    np.testing.assert_allclose(widths.sum(axis=0), 1.0)  # each bar sums to one
    shown = [t.get_text() for t in ax.get_yticklabels()]
    expected = result.expected_rank.sort_values(kind="stable").index[:3].tolist()
    assert shown == expected
    first = result.first_rank_acceptability.reindex(shown).to_numpy()
    np.testing.assert_allclose(widths[0], first)


def test_first_rank_bars(chain):
    result = smaa(chain, 100, weights="uniform", random_state=1)
    ax = SMAAPlots(result).first_rank()
    assert [p.get_width() for p in ax.patches] == [1.0, 0.0, 0.0]
    assert ax.texts[0].get_text() == "100.0%"


# ---------------------------------------------------------------------------
# method comparison
# ---------------------------------------------------------------------------
def test_method_heatmap_annotations(chain):
    methods = ["topsis", "topsis-minmax", "topsis-sum"]
    result = compare_methods(chain.with_weights([1, 1, 1]), methods)
    ax = MethodComparisonPlots(result)()
    # every method ranks a dominance chain A > B > C: all correlations are 1 (by hand)
    image = ax.get_images()[0]
    np.testing.assert_allclose(image.get_array(), np.ones((3, 3)))
    assert image.get_clim() == (-1.0, 1.0)
    assert [t.get_text() for t in ax.texts] == ["1.00"] * 9
    assert [t.get_text() for t in ax.get_xticklabels()] == methods
    assert "Spearman" in ax.get_title()


def test_method_heatmap_values_follow_the_correlation():
    problem = DecisionProblem(
        np.array([[7, 9, 9], [8, 7, 8], [9, 6, 8], [6, 7, 8]], dtype=float),
        "max",
        weights=[0.5, 0.3, 0.2],
        alternatives=list("abcd"),
    )
    result = compare_methods(problem, ["topsis", "topsis-minmax", "wsm"])
    ax = MethodComparisonPlots(result).heatmap(kind="kendall", cmap="cividis")
    ranks = result.ranks.to_numpy()
    from scipy.stats import kendalltau

    expected = [
        f"{kendalltau(ranks[:, i], ranks[:, j]).statistic:.2f}" for i in range(3) for j in range(3)
    ]
    assert [t.get_text() for t in ax.texts] == expected
    assert ax.get_images()[0].get_cmap().name == "cividis"


def test_ahp_weights_bars_and_title():
    from coopdecide import ahp

    result = ahp(PairwiseComparison(np.array(CONSISTENT), labels=LABELS))
    ax = result.plot.weights()
    # a_ij = w_i / w_j with w = (4, 2, 1) / 7: the priorities exactly, largest first
    np.testing.assert_allclose([p.get_width() for p in ax.patches], [4 / 7, 2 / 7, 1 / 7])
    assert [t.get_text() for t in ax.get_yticklabels()] == LABELS
    assert "CR = 0.000 [saaty1980], consistent" in ax.get_title()


def test_sweep_of_a_grid_method_marks_grid_swaps_on_the_lines():
    problem = DecisionProblem(
        [[10, 1], [1, 10], [5, 4]],
        "max",
        alternatives=["A", "B", "C"],
        criteria=["c1", "c2"],
        weights=[0.75, 0.25],
    )
    result = one_at_a_time(problem, "c1", method="wsm", grid_points=201)
    ax = OneAtATimePlots(result).sweep()
    assert "swap (grid)" in [t.get_text() for t in ax.get_legend().get_texts()]
    swaps = np.asarray(ax.collections[0].get_offsets())
    np.testing.assert_allclose(np.sort(swaps[:, 0]), np.sort(result.breakpoints["weight"]))
    lines = {line.get_label(): line for line in ax.lines}
    for (x, y), a in zip(swaps, result.breakpoints["alternative_a"], strict=True):
        line = lines[a]
        assert y == pytest.approx(np.interp(x, line.get_xdata(), line.get_ydata()))
    assert "wsm score" in ax.get_ylabel()
