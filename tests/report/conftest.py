"""Plot and report tests draw with the non-interactive Agg backend and close every figure.

The ``hostile`` fixtures build a small study whose labels try to break out of
HTML, Markdown and spreadsheets, with one consistent and one inconsistent
expert, and every result a report can show.
"""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

#: Labels that would be markup, a formula or a link if not escaped.
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example/x","click")'
EXPERT_IMG = "<img src=x onerror=alert(1)>"
CRITERION_B = "<b>risk</b>"

#: A consistent comparison (a_ij = w_i / w_j with w = (4, 2, 1) / 7): CR = 0 exactly.
CONSISTENT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
#: A cyclic comparison (benefit 3x cost, cost 3x risk, risk 3x benefit). By hand:
#: it is circulant, so lambda_max = 1 + 3 + 1/3 = 13/3, CI = (13/3 - 3) / 2 = 2/3 and,
#: with Saaty's (1980) RI(3) = 0.58, CR = (2/3) / 0.58 = 1.1494; weights (1/3, 1/3, 1/3).
CYCLIC = [[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]]
CYCLIC_CR = (2 / 3) / 0.58


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture(scope="session")
def hostile_results():
    """A dict of every result of a small study with hostile labels."""
    from coopdecide import DecisionProblem, PairwiseComparison, ahp_group, topsis
    from coopdecide.sensitivity import (
        compare_methods,
        critical_changes,
        one_at_a_time,
        smaa,
    )

    criteria = ["benefit", "cost", CRITERION_B]
    problem = DecisionProblem(
        np.array(
            [
                [8.0, 3.0, 0.2],
                [6.0, 2.0, 0.4],
                [4.0, 5.0, 0.5],  # dominated by the second
                [9.0, 6.0, 0.3],
            ]
        ),
        ["max", "min", "min"],
        alternatives=[SCRIPT, "Chile & Peru", FORMULA, "Kenya"],
        criteria=criteria,
    )
    group = ahp_group(
        {
            "Ministry": PairwiseComparison(np.array(CONSISTENT), labels=criteria),
            EXPERT_IMG: PairwiseComparison(np.array(CYCLIC), labels=criteria),
        },
        warn=False,
    )
    weighted = problem.with_weights(group.weights.reindex(criteria).to_numpy())
    return {
        "problem": weighted,
        "group": group,
        "ranking": topsis(weighted),
        "one_at_a_time": one_at_a_time(weighted),
        "critical_changes": critical_changes(weighted),
        "smaa": smaa(weighted, 2000, weights="uniform", random_state=7),
        "compare_methods": compare_methods(weighted, ["topsis", "topsis-minmax", "wsm"]),
    }
