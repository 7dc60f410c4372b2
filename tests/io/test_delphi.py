"""Delphi rounds: feedback workbooks, the round trip on the bundled panel, the consensus history.

The feedback cells are checked against values computed here from their definitions: the
group judgment as the geometric mean ``exp(mean_k ln a_ij(k))`` of the three equally weighted
experts (the bundled study gives each weight 1), the distance ``|ln(a_ij / g_ij)|``, and the
flagged judgments as those with the largest ``|ln(a_ij w_j / w_i)|`` against the expert's own
eigenvector weights (Saaty 2003, "the most inconsistent judgment"). S* is AHP-OS's consensus
indicator (Goepel 2013), already checked in tests/ahp; here only its rise is asserted.
"""

from __future__ import annotations

import json
import math
import pickle
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from coopdecide.ahp import (
    ConsensusHistory,
    PairwiseComparison,
    ahp,
    ahp_group,
    closest_saaty_value,
    consensus_history,
)
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError
from coopdecide.io import (
    fill_questionnaire,
    read_questionnaire,
    write_feedback_questionnaire,
    write_questionnaire,
)
from coopdecide.io.questionnaire import SCALE_LABELS
from coopdecide.study.study import bundled_study_path, load_study

openpyxl = pytest.importorskip("openpyxl")

FIRST_PAIR_ROW = 7  # header in row 5, the block heading in row 6, then one row per pair


@pytest.fixture(scope="module")
def panel():
    """The bundled demo's three experts: criteria and their round-1 comparisons."""
    study = load_study(bundled_study_path())
    comparisons = study.comparisons
    return list(next(iter(comparisons.values())).labels), comparisons


@pytest.fixture
def round1(tmp_path, panel):
    """Round 1 through a real questionnaire: written, filled in, read back."""
    criteria, comparisons = panel
    path = write_questionnaire(tmp_path / "round1.xlsx", criteria, list(comparisons))
    fill_questionnaire(path, comparisons)
    responses = read_questionnaire(path)
    return responses, ahp_group(responses.comparisons(), warn=False)


def _rows(items):
    return {pair: FIRST_PAIR_ROW + k for k, pair in enumerate(combinations(items, 2))}


def _matrix(comparison, items):
    pos = [comparison.position(x) for x in items]
    return comparison.matrix[np.ix_(pos, pos)]


def test_unchanged_feedback_reads_back_as_round_1(tmp_path, round1):
    responses, group = round1
    path = write_feedback_questionnaire(responses, group, tmp_path / "round2.xlsx")
    again = read_questionnaire(path)
    assert again.experts == responses.experts
    assert again.title == "Pairwise comparison questionnaire - round 2"
    for expert, comparison in responses.comparisons().items():
        items = list(comparison.labels)
        np.testing.assert_array_equal(_matrix(again.comparison(expert), items), comparison.matrix)


def test_feedback_columns_follow_their_definitions(tmp_path, round1):
    responses, group = round1
    path = write_feedback_questionnaire(responses, group, tmp_path / "round2.xlsx")
    items = responses.items()
    comparisons = responses.comparisons()
    stack = np.stack([_matrix(c, items) for c in comparisons.values()])
    geometric_mean = np.exp(np.log(stack).mean(axis=0))
    workbook = openpyxl.load_workbook(path)
    for k, expert in enumerate(responses.experts):
        ws = workbook[responses.sheets[expert]]
        w = ahp(comparisons[expert], warn=False).weights.reindex(items).to_numpy()
        errors = {
            (a, b): abs(math.log(stack[k, i, j] * w[j] / w[i]))
            for (i, a), (j, b) in combinations(enumerate(items), 2)
        }
        worst = set(sorted(errors, key=errors.get, reverse=True)[:3])
        for (a, b), row in _rows(items).items():
            i, j = items.index(a), items.index(b)
            g = geometric_mean[i, j]
            expected = "equal" if math.isclose(g, 1) else f"{'A' if g > 1 else 'B'}, "
            assert ws[f"H{row}"].value.startswith(expected)
            if not math.isclose(g, 1):
                assert float(ws[f"H{row}"].value.split(", ")[1].split()[0]) == pytest.approx(
                    max(g, 1 / g), abs=0.005
                )
            assert ws[f"I{row}"].value == pytest.approx(
                abs(math.log(stack[k, i, j] / g)), abs=0.005
            )
            assert (ws[f"J{row}"].value == "yes") == ((a, b) in worst)


def _revise_towards_group(path, responses, group_matrix, items):
    """As each expert might in Excel: every judgment halfway (in logs) to the group's."""
    workbook = openpyxl.load_workbook(path)
    for expert in responses.experts:
        ws = workbook[responses.sheets[expert]]
        own = _matrix(responses.comparison(expert), items)
        for (a, b), row in _rows(items).items():
            i, j = items.index(a), items.index(b)
            revised = float(closest_saaty_value(math.sqrt(own[i, j] * group_matrix[i, j])))
            if math.isclose(revised, 1):
                ws[f"D{row}"], ws[f"E{row}"] = "equal", SCALE_LABELS[1]
            elif revised > 1:
                ws[f"D{row}"], ws[f"E{row}"] = "A", SCALE_LABELS[round(revised)]
            else:
                ws[f"D{row}"], ws[f"E{row}"] = "B", SCALE_LABELS[round(1 / revised)]
    workbook.save(path)


def test_revised_round_2_raises_consensus(tmp_path, round1):
    responses, group1 = round1
    items = responses.items()
    path = write_feedback_questionnaire(responses, group1, tmp_path / "round2.xlsx")
    _revise_towards_group(path, responses, _matrix(group1.group_comparison, items), items)
    round2 = read_questionnaire(path)
    group2 = ahp_group(round2.comparisons(), warn=False)
    assert group2.consensus > group1.consensus

    path3 = write_feedback_questionnaire(round2, group2, tmp_path / "round3.xlsx", round_number=3)
    group3 = ahp_group(read_questionnaire(path3).comparisons(), warn=False)  # nobody moved
    history = consensus_history([group1, group2, group3])
    assert history.rounds == ("round 1", "round 2", "round 3")
    assert history.consensus.tolist() == [group1.consensus, group2.consensus, group3.consensus]
    assert history.compatibility.loc["round 2"].mean() < history.compatibility.loc["round 1"].mean()
    assert history.moved("round 2") == list(responses.experts)
    assert history.moved() == []
    assert history.movement.loc["round 3"].tolist() == [0.0, 0.0, 0.0]
    assert history.weight_change.loc["round 3"] == 0.0
    assert np.isnan(history.weight_change.loc["round 1"])
    assert history.weight_change.loc["round 2"] == pytest.approx(
        (group2.weights - group1.weights).abs().max()
    )


ITEMS = ["trade", "security", "culture"]


def _group(comparisons):
    return ahp_group(comparisons, warn=False)


def _pc(trade_security, trade_culture=5, security_culture=2):
    return PairwiseComparison.from_judgments(
        ITEMS,
        {
            ("trade", "security"): trade_security,
            ("trade", "culture"): trade_culture,
            ("security", "culture"): security_culture,
        },
    )


def test_movement_is_the_rms_log_ratio_change():
    round1 = {"Embassy": _pc(3), "Ministry": _pc(1 / 3)}
    round2 = {"Embassy": _pc(3), "Ministry": _pc(1)}  # one of three judgments: 1/3 -> 1
    history = consensus_history({"first": _group(round1), "second": _group(round2)})
    assert history.rounds == ("first", "second")
    assert history.movement.loc["second", "Embassy"] == 0.0
    assert history.movement.loc["second", "Ministry"] == pytest.approx(
        math.sqrt(math.log(3) ** 2 / 3)
    )
    assert history.changed.loc["second"].tolist() == [0, 1]
    assert history.movement.loc["first"].isna().all()


def test_consensus_history_is_a_result():
    history = consensus_history(
        [_group({"E": _pc(3), "M": _pc(1 / 3)}), _group({"E": _pc(3), "M": _pc(1)})]
    )
    assert isinstance(history, ConsensusHistory)
    frame = history.to_frame()
    assert list(frame.columns) == [
        "consensus",
        "weight_change",
        "mean_compatibility",
        "experts_moved",
    ]
    assert frame["experts_moved"].tolist() == [0, 1]
    data = json.loads(json.dumps(history.to_dict()))
    assert data["rounds"] == ["round 1", "round 2"]
    assert data["weight_change"][0] is None
    assert "ConsensusHistory(rounds=2" in repr(history)
    assert "compatibility (GCOMPI)" in history._repr_html_()
    with pytest.raises(AttributeError, match="immutable"):
        history.rounds = ()
    with pytest.raises(ValueError, match="read-only"):
        history.consensus_array[0] = 1.0
    again = pickle.loads(pickle.dumps(history))
    pd.testing.assert_frame_equal(again.to_frame(), frame)


def test_consensus_history_plots(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    history = consensus_history(
        [_group({"E": _pc(3), "M": _pc(1 / 3)}), _group({"E": _pc(3), "M": _pc(1)})]
    )
    for name in ("consensus", "compatibility", "weights"):
        ax = getattr(history.plot, name)()
        assert len(ax.lines) == {"consensus": 1, "compatibility": 2, "weights": 3}[name]
        ax.figure.savefig(tmp_path / f"{name}.png")
        plt.close(ax.figure)


# -- errors ----------------------------------------------------------------------------------
def test_feedback_errors(tmp_path, round1):
    responses, group = round1
    comparisons = responses.comparisons()
    target = tmp_path / "round2.xlsx"
    renamed = dict(comparisons)
    renamed["Someone else"] = renamed.pop(responses.experts[0])
    with pytest.raises(InvalidArgumentError, match=r"not the group result.*its experts are"):
        write_feedback_questionnaire(renamed, group, target)
    first = responses.experts[0]
    other = dict(comparisons)
    other[first] = PairwiseComparison(np.ones((6, 6)), labels=list(comparisons[first].labels))
    with pytest.raises(InvalidArgumentError, match=r"the judgment of '.*' on .* is 1 in responses"):
        write_feedback_questionnaire(other, group, target)
    small = _group({"E": _pc(3), "M": _pc(1 / 3)})
    with pytest.raises(InvalidArgumentError, match="its experts are 'E', 'M'"):
        write_feedback_questionnaire(responses, small, target)
    with pytest.raises(InvalidArgumentError, match=r"one GroupAHPResult per block.*unknown: 'x'"):
        write_feedback_questionnaire(responses, {None: group, "x": group}, target)
    with pytest.raises(InvalidTypeError, match="group_result must be a GroupAHPResult"):
        write_feedback_questionnaire(responses, [group], target)
    with pytest.raises(InvalidTypeError, match="responses must be the QuestionnaireResponses"):
        write_feedback_questionnaire([1, 2], group, target)
    with pytest.raises(InvalidArgumentError, match="round_number must be at least 2; got 1"):
        write_feedback_questionnaire(responses, group, target, round_number=1)
    off_scale = {"E": _pc(2.5), "M": _pc(1 / 3)}
    with pytest.raises(InvalidArgumentError, match=r"must be on Saaty's scale.*got 2.5"):
        write_feedback_questionnaire(off_scale, _group(off_scale), target)
    write_feedback_questionnaire(responses, group, target)
    with pytest.raises(InvalidArgumentError, match="already exists; pass overwrite=True"):
        write_feedback_questionnaire(responses, group, target)


def test_consensus_history_errors():
    one = _group({"E": _pc(3), "M": _pc(1 / 3)})
    with pytest.raises(InvalidArgumentError, match="at least one GroupAHPResult; got none"):
        consensus_history([])
    with pytest.raises(InvalidTypeError, match="rounds must be a sequence of GroupAHPResult"):
        consensus_history(one)
    with pytest.raises(InvalidTypeError, match=r"rounds\['round 2'\] must be a GroupAHPResult"):
        consensus_history([one, "two"])
    other = _group({"E": _pc(3), "X": _pc(1)})
    with pytest.raises(InvalidArgumentError, match="other experts than the first round"):
        consensus_history([one, other])
    four = PairwiseComparison(np.ones((4, 4)), labels=[*ITEMS, "risk"])
    with pytest.raises(InvalidArgumentError, match="other items than the first round"):
        consensus_history([one, _group({"E": four, "M": four})])
    with pytest.raises(InvalidArgumentError, match="round_name must be one of"):
        consensus_history([one]).moved("round 9")


def test_feedback_for_a_questionnaire_with_groups(tmp_path):
    """One group result per block; every block reads back unchanged, group columns per block."""
    groups = {"economy": ["trade", "investment", "aid"]}
    path = write_questionnaire(
        tmp_path / "round1.xlsx", ["economy", "security"], ["E", "M"], groups=groups
    )
    economy = {
        "E": PairwiseComparison.from_judgments(
            groups["economy"],
            {("trade", "investment"): 3, ("trade", "aid"): 5, ("investment", "aid"): 2},
        ),
        "M": PairwiseComparison.from_judgments(
            groups["economy"],
            {("investment", "trade"): 2, ("trade", "aid"): 3, ("investment", "aid"): 4},
        ),
    }
    top = {
        "E": PairwiseComparison.from_judgments(
            ["economy", "security"], {("economy", "security"): 3}
        ),
        "M": PairwiseComparison.from_judgments(
            ["economy", "security"], {("security", "economy"): 3}
        ),
    }
    fill_questionnaire(path, {e: {None: top[e], "economy": economy[e]} for e in ("E", "M")})
    responses = read_questionnaire(path)
    results = {node: _group(responses.comparisons(node)) for node in responses.nodes}
    with pytest.raises(InvalidArgumentError, match=r"missing: 'economy', unknown: none"):
        write_feedback_questionnaire(responses, results[None], tmp_path / "round2.xlsx")
    target = write_feedback_questionnaire(responses, results, tmp_path / "round2.xlsx")
    again = read_questionnaire(target)
    for node in responses.nodes:
        for expert in ("E", "M"):
            assert again.comparison(expert, node) == responses.comparison(expert, node)
    ws = openpyxl.load_workbook(target)["E"]
    # the top block: row 7 (economy, security), E says 3 and M 1/3: the geometric mean is 1
    assert ws["H7"].value == "equal"
    assert ws["I7"].value == pytest.approx(math.log(3), abs=0.005)
    # the economy block: heading in row 9, (trade, investment) in row 10: sqrt(3 * 1/2)
    assert ws["H10"].value == f"A, {math.sqrt(1.5):.2f} times"
