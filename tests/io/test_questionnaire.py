"""Excel questionnaires: layout, round trips and every error of a badly filled workbook.

The expected comparisons are built directly with ``PairwiseComparison.from_judgments`` from the
judgments the test writes into the cells (with openpyxl, as an expert's Excel would), so the
reader is checked against an independent construction, not against its own output. Saaty's
scale and its verbal labels: Saaty, T. L. (1980), The Analytic Hierarchy Process, McGraw-Hill,
Table 1.1.
"""

from __future__ import annotations

import json
import math
import pickle
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide.ahp import PairwiseComparison
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, QuestionnaireError
from coopdecide.io import (
    QuestionnaireResponses,
    fill_questionnaire,
    read_questionnaire,
    write_questionnaire,
)
from coopdecide.io.questionnaire import METADATA_SHEET, SCALE_LABELS

openpyxl = pytest.importorskip("openpyxl")

CRITERIA = ["trade", "security", "culture"]
EXPERTS = ["Foreign ministry", "Trade ministry"]
# Rows of the pairs on an expert sheet of a single-block questionnaire with three criteria:
# header in row 5, block heading in row 6, then (trade, security), (trade, culture),
# (security, culture) in rows 7, 8, 9.
ROW = {("trade", "security"): 7, ("trade", "culture"): 8, ("security", "culture"): 9}


@pytest.fixture
def blank(tmp_path):
    return write_questionnaire(tmp_path / "q.xlsx", CRITERIA, EXPERTS, title="Partners 2027")


def _edit(path, sheet=None, cells=None, *, everyone_equal=False, sheets=()):
    """Write cells as an expert would in Excel: {"D7": "A", "E7": "5 - strong"}.

    ``everyone_equal`` first answers "equal" / "1 - equal" on every pair of the sheets
    ``sheets`` (default: the experts of the ``blank`` questionnaire).
    """
    workbook = openpyxl.load_workbook(path)
    if everyone_equal:
        for name in sheets or EXPERTS:
            for r in ROW.values():
                workbook[name][f"D{r}"] = "equal"
                workbook[name][f"E{r}"] = "1 - equal"
    for ref, value in (cells or {}).items():
        workbook[sheet][ref] = value
    workbook.save(path)


def _answer_everyone_equal(path):
    _edit(path, everyone_equal=True)


# -- layout of the workbook ------------------------------------------------------------------
def test_layout_sheets_protection_and_dropdowns(blank):
    workbook = openpyxl.load_workbook(blank)
    assert workbook.sheetnames == ["Instructions", *EXPERTS, METADATA_SHEET]
    assert workbook[METADATA_SHEET].sheet_state == "hidden"
    assert workbook.security.lockStructure
    ws = workbook["Trade ministry"]
    assert ws["B2"].value == "Trade ministry"
    assert ws["A1"].value == "Partners 2027"
    assert [ws[f"B{r}"].value for r in ROW.values()] == ["trade", "trade", "security"]
    assert [ws[f"C{r}"].value for r in ROW.values()] == ["security", "culture", "culture"]
    assert ws.freeze_panes == "A6"
    assert ws.protection.sheet
    assert ws["B7"].protection.locked
    assert not ws["D7"].protection.locked
    assert not ws["E7"].protection.locked
    assert not ws["F7"].protection.locked
    validations = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert validations["D7:D9"] == '"A,B,equal"'
    scale = validations["E7:E9"].strip('"').split(",")
    assert scale == [
        "1 - equal",
        "2 - equal to moderate",
        "3 - moderate",
        "4 - moderate to strong",
        "5 - strong",
        "6 - strong to very strong",
        "7 - very strong",
        "8 - very strong to extreme",
        "9 - extreme",
    ]
    assert len(validations["E7:E9"]) <= 255  # Excel's limit for an inline list
    assert ws.column_dimensions["D"].width >= 20
    text = " ".join(
        str(c.value) for row in workbook["Instructions"].iter_rows() for c in row if c.value
    )
    assert "How to fill in this questionnaire" in text
    assert "9 - extreme" in text
    assert "Foreign ministry" in text


def test_custom_instructions_and_groups_are_shown(tmp_path):
    path = write_questionnaire(
        tmp_path / "q.xlsx",
        ["political", "economic"],
        ["Embassy"],
        instructions="Return by 1 March.\nQuestions: planning unit.",
        groups={"political": ["alignment", "bloc"], "economic": ["trade", "market", "aid"]},
    )
    workbook = openpyxl.load_workbook(path)
    text = [c.value for row in workbook["Instructions"].iter_rows() for c in row if c.value]
    assert "Return by 1 March." in text
    assert "Questions: planning unit." in text
    ws = workbook["Embassy"]
    # block 1: heading row 6, pair row 7; blank row 8; block 2: heading 9, pair 10; blank 11;
    # block 3: heading 12, pairs 13-15.
    assert ws["A6"].value == "Compare the criteria"
    assert (ws["B7"].value, ws["C7"].value) == ("political", "economic")
    assert "political" in ws["A9"].value
    assert (ws["B10"].value, ws["C10"].value) == ("alignment", "bloc")
    assert "economic" in ws["A12"].value
    pairs = [(ws[f"B{r}"].value, ws[f"C{r}"].value) for r in (13, 14, 15)]
    assert pairs == [("trade", "market"), ("trade", "aid"), ("market", "aid")]
    assert [ws[f"A{r}"].value for r in (7, 10, 13, 14, 15)] == [1, 2, 3, 4, 5]


def test_sheet_names_are_excel_safe_and_mapped_back(tmp_path):
    experts = [
        "Ministry of Foreign Affairs: Directorate for Multilateral Cooperation",
        "Ministry of Foreign Affairs: Directorate for Multilateral Co-operation",
        "Planning [board] / unit *?",
        "instructions",
        "'quoted'",
        "::",
    ]
    path = write_questionnaire(tmp_path / "q.xlsx", CRITERIA, experts)
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames[1:-1]
    assert len(names) == len(experts)
    assert len({n.casefold() for n in [*names, "Instructions", METADATA_SHEET]}) == len(names) + 2
    for name in names:
        assert 0 < len(name) <= 31
        assert not any(ch in name for ch in "[]:*?/\\")
        assert not name.startswith("'")
        assert not name.endswith("'")
    for expert, name in zip(experts, names, strict=True):
        assert workbook[name]["B2"].value == expert
    _edit(path, everyone_equal=True, sheets=names)
    responses = read_questionnaire(path)
    assert responses.experts == tuple(experts)
    assert list(responses.sheets.values()) == names


def test_labels_that_look_like_formulas_stay_text(tmp_path):
    criteria = ["=1+1", "+cost", "@risk"]
    path = write_questionnaire(tmp_path / "q.xlsx", criteria, ["=expert"])
    workbook = openpyxl.load_workbook(path)
    ws = workbook.worksheets[1]
    assert ws["B2"].value == "=expert"
    assert ws["B7"].data_type == "s"
    _edit(path, ws.title, {"D7": "A", "E7": 2, "D8": "B", "E8": 3, "D9": "equal"})
    responses = read_questionnaire(path)
    expected = PairwiseComparison.from_judgments(
        criteria, {("=1+1", "+cost"): 2, ("@risk", "=1+1"): 3, ("+cost", "@risk"): 1}
    )
    assert responses.comparisons()["=expert"] == expected


# -- round trips -----------------------------------------------------------------------------
def test_round_trip_with_cells_written_as_an_expert_would(blank):
    # Foreign ministry: trade strongly over security (A, 5); culture moderately over trade
    # (B, 3, the reciprocal direction); security and culture equal.
    _edit(
        blank,
        "Foreign ministry",
        {"D7": "A", "E7": "5 - strong", "D8": "B", "E8": "3 - moderate", "D9": "equal"},
    )
    # Trade ministry types numbers and words instead of using the dropdowns.
    _edit(
        blank,
        "Trade ministry",
        {"D7": "b", "E7": 7, "D8": "A", "E8": "Extreme", "D9": "a", "E9": "2.0", "F9": "unsure"},
    )
    responses = read_questionnaire(blank)
    foreign = PairwiseComparison.from_judgments(
        CRITERIA, {("trade", "security"): 5, ("culture", "trade"): 3, ("security", "culture"): 1}
    )
    trade = PairwiseComparison.from_judgments(
        CRITERIA, {("security", "trade"): 7, ("trade", "culture"): 9, ("security", "culture"): 2}
    )
    assert responses.comparisons() == {"Foreign ministry": foreign, "Trade ministry": trade}
    # hand check of the reciprocal direction: culture 3x trade -> a(trade, culture) = 1/3
    matrix = responses.comparison("Foreign ministry").matrix
    assert matrix[0, 2] == 1 / 3
    assert matrix[2, 0] == 3
    assert matrix[0, 1] == 5
    frame = responses.to_frame()
    assert frame.columns.tolist() == [
        "expert",
        "node",
        "row",
        "column",
        "value",
        "comment",
        "file",
        "sheet",
        "cells",
    ]
    assert frame["value"].tolist() == [5, 1 / 3, 1, 1 / 7, 9, 2]
    assert frame["comment"].tolist() == [None] * 5 + ["unsure"]
    assert frame["cells"].tolist()[:3] == ["D7:E7", "D8:E8", "D9:E9"]
    assert responses.n_missing == 0
    assert responses.title == "Partners 2027"
    assert responses.sources == (str(blank),)
    assert dict(responses.files) == {e: str(blank) for e in EXPERTS}


@pytest.mark.parametrize(
    ("direction", "intensity", "value"),
    [
        ("A", 5, 5),
        ("A", 5.0, 5),
        ("A", "5", 5),
        ("A", " 5 - STRONG ", 5),
        ("A", "5 \u2013 strong", 5),
        ("A", "strong", 5),
        ("A", "strong importance", 5),
        ("A", "between moderate and strong", 4),
        ("B", "very strong", 1 / 7),
        ("b", "8 - very strong to extreme", 1 / 8),
        ("equal", None, 1),
        ("Equal", "1 - equal", 1),
        ("equal", 1, 1),
        (None, 1, 1),
        (None, "equal", 1),
        ("A", 1, 1),
        ("B", "1", 1),
    ],
)
def test_accepted_answers(blank, direction, intensity, value):
    _edit(blank, "Foreign ministry", {"D7": direction, "E7": intensity}, everyone_equal=True)
    comparison = read_questionnaire(blank).comparison("Foreign ministry")
    assert comparison.matrix[0, 1] == pytest.approx(value, rel=1e-15)
    assert comparison.matrix[1, 0] == pytest.approx(1 / value, rel=1e-15)


def test_round_trip_with_groups_for_a_hierarchy(tmp_path):
    groups = {"political": ["alignment", "bloc"], "economic": ["trade", "market", "aid"]}
    path = write_questionnaire(
        tmp_path / "q.xlsx", ["political", "economic"], ["Embassy", "Board"], groups=groups
    )
    answers = {
        None: PairwiseComparison.from_judgments(
            ["political", "economic"], {("economic", "political"): 2}
        ),
        "political": PairwiseComparison.from_judgments(
            ["alignment", "bloc"], {("alignment", "bloc"): 4}
        ),
        "economic": PairwiseComparison.from_judgments(
            ["trade", "market", "aid"],
            {("trade", "market"): 3, ("aid", "trade"): 6, ("market", "aid"): 1},
        ),
    }
    # Embassy written cell by cell (rows from test_custom_instructions_and_groups_are_shown)
    _edit(
        path,
        "Embassy",
        {
            "D7": "B",
            "E7": 2,
            "D10": "A",
            "E10": 4,
            "D13": "A",
            "E13": 3,
            "D14": "B",
            "E14": 6,
            "D15": "equal",
        },
    )
    # Board filled with the helper, the economic comparison given in another label order
    board = dict(answers)
    board["economic"] = PairwiseComparison(
        answers["economic"].to_frame().loc[["aid", "trade", "market"], ["aid", "trade", "market"]]
    )
    fill_questionnaire(path, {"Board": board})
    responses = read_questionnaire(path, criteria={None: ["economic", "political"], **groups})
    assert responses.nodes == (None, "political", "economic")
    assert responses.items("economic") == ["trade", "market", "aid"]
    assert responses.for_expert("Embassy") == answers
    assert responses.for_expert("Board") == answers
    assert responses.comparisons("political") == {
        "Embassy": answers["political"],
        "Board": answers["political"],
    }
    assert responses.to_frame()["node"].tolist()[:3] == [None, "political", "economic"]


def test_responses_feed_group_ahp_and_a_criteria_hierarchy(tmp_path):
    from coopdecide.ahp import CriteriaHierarchy, ahp_group

    structure = {
        "goal": ["political", "economic"],
        "political": ["alignment", "bloc"],
        "economic": ["trade", "market"],
    }
    path = write_questionnaire(
        tmp_path / "q.xlsx",
        structure["goal"],
        ["Embassy", "Board"],
        groups={"political": structure["political"], "economic": structure["economic"]},
    )
    # rows: goal pair 7, political pair 10, economic pair 13
    _edit(path, "Embassy", {"D7": "B", "E7": 2, "D10": "A", "E10": 4, "D13": "A", "E13": 3})
    _edit(path, "Board", {"D7": "B", "E7": 8, "D10": "equal", "D13": "A", "E13": 3})
    responses = read_questionnaire(path)
    # Hand calculation, AIJ (weighted geometric mean of the judgments, equal weights):
    # goal: economic over political sqrt(2 * 8) = 4 -> political 1/5, economic 4/5;
    # political: alignment over bloc sqrt(4 * 1) = 2 -> 2/3, 1/3; economic: 3 -> 3/4, 1/4.
    group = ahp_group(responses.comparisons())
    np.testing.assert_allclose(group.weights[["political", "economic"]], [0.2, 0.8], atol=1e-12)
    hierarchy = CriteriaHierarchy(structure, responses.by_node(goal="goal"))
    np.testing.assert_allclose(
        hierarchy.leaf_weights[["alignment", "bloc", "trade", "market"]],
        [0.2 * 2 / 3, 0.2 / 3, 0.8 * 0.75, 0.8 * 0.25],
        atol=1e-12,
    )
    # one expert: Embassy alone gives political 1/3, alignment 4/5 of it, trade 3/4 of 2/3
    embassy = CriteriaHierarchy(structure, responses.for_expert("Embassy", goal="goal"))
    np.testing.assert_allclose(
        embassy.leaf_weights[["alignment", "bloc", "trade", "market"]],
        [4 / 15, 1 / 15, 0.5, 1 / 6],
        atol=1e-12,
    )
    assert set(responses.by_node()) == {None, "political", "economic"}
    with pytest.raises(InvalidArgumentError, match="goal must not be the name of a group"):
        responses.by_node(goal="political")


def test_allow_missing_gives_incomplete_comparisons(blank):
    _edit(
        blank, "Trade ministry", {"D8": None, "E8": None, "D9": "A", "E9": 3}, everyone_equal=True
    )
    with pytest.raises(QuestionnaireError, match=r"sheet 'Trade ministry', cell D8: no answer"):
        read_questionnaire(blank)
    responses = read_questionnaire(blank, allow_missing=True)
    expected = PairwiseComparison.from_judgments(
        CRITERIA, {("trade", "security"): 1, ("security", "culture"): 3}
    )
    assert responses.comparison("Trade ministry") == expected
    assert responses.comparison("Trade ministry").missing_pairs() == [("trade", "culture")]
    assert responses.n_missing == 1
    assert math.isnan(responses.to_frame()["value"].iloc[4])


def test_unanswered_workbook_with_allow_missing(blank):
    responses = read_questionnaire(blank, allow_missing=True)
    assert responses.n_missing == 6
    assert responses.comparison("Foreign ministry").n_missing == 3


def test_experts_argument_orders_the_result(blank):
    _answer_everyone_equal(blank)
    responses = read_questionnaire(blank, experts=["Trade ministry", "Foreign ministry"])
    assert responses.experts == ("Trade ministry", "Foreign ministry")
    assert list(responses.comparisons()) == ["Trade ministry", "Foreign ministry"]


_SCALE = [1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_random_saaty_judgments_round_trip_exactly(data):
    n = data.draw(st.integers(2, 6), label="n")
    n_experts = data.draw(st.integers(1, 3), label="experts")
    criteria = [f"criterion {k}" for k in range(n)]
    experts = [
        data.draw(st.text(alphabet="ab:/[]*?' ", min_size=1, max_size=40), label=f"e{k}") + str(k)
        for k in range(n_experts)
    ]
    expected = {}
    for expert in experts:
        judgments = {}
        for i in range(n):
            for j in range(i + 1, n):
                if data.draw(st.booleans(), label="missing") and data.draw(st.booleans()):
                    continue
                k = data.draw(st.integers(1, 9), label="intensity")
                pair = (criteria[i], criteria[j])
                # state the judgment as an expert would: the more important item first
                judgments[pair if data.draw(st.booleans()) else pair[::-1]] = k
        expected[expert] = PairwiseComparison.from_judgments(criteria, judgments)
    with tempfile.TemporaryDirectory() as folder:
        path = write_questionnaire(Path(folder) / "q.xlsx", criteria, experts)
        fill_questionnaire(path, expected)
        responses = read_questionnaire(path, allow_missing=True)
    assert responses.experts == tuple(experts)
    assert responses.comparisons() == expected
    for comparison in responses.comparisons().values():
        known = comparison.matrix[~np.isnan(comparison.matrix)]
        assert all(any(v == s for s in _SCALE) for v in known)


def test_one_workbook_per_expert(tmp_path):
    paths = [
        write_questionnaire(tmp_path / f"{k}.xlsx", CRITERIA, [expert])
        for k, expert in enumerate(EXPERTS)
    ]
    _edit(
        paths[0],
        "Foreign ministry",
        {"D7": "A", "E7": 3},
        everyone_equal=True,
        sheets=["Foreign ministry"],
    )
    _edit(
        paths[1],
        "Trade ministry",
        {"D9": "B", "E9": 6},
        everyone_equal=True,
        sheets=["Trade ministry"],
    )
    responses = read_questionnaire(paths[::-1])
    assert responses.experts == ("Trade ministry", "Foreign ministry")
    assert responses.comparisons() == {
        "Trade ministry": PairwiseComparison.from_judgments(
            CRITERIA,
            {("trade", "security"): 1, ("trade", "culture"): 1, ("culture", "security"): 6},
        ),
        "Foreign ministry": PairwiseComparison.from_judgments(
            CRITERIA,
            {("trade", "security"): 3, ("trade", "culture"): 1, ("security", "culture"): 1},
        ),
    }
    assert responses.files["Foreign ministry"] == str(paths[0])
    assert responses.to_frame()["file"].tolist() == ["1.xlsx"] * 3 + ["0.xlsx"] * 3
    _edit(paths[1], "Trade ministry", {"E8": "lots"})
    with pytest.raises(
        QuestionnaireError, match=r"^file '1\.xlsx', sheet 'Trade ministry', cell E8: expected"
    ):
        read_questionnaire(paths)
    _edit(paths[0], "Foreign ministry", {"E8": 0})
    with pytest.raises(
        QuestionnaireError,
        match=r"2 problems in the questionnaire '0\.xlsx', '1\.xlsx':\n- file '0\.xlsx', sheet",
    ):
        read_questionnaire(paths)


def test_several_workbooks_must_match(tmp_path):
    first = write_questionnaire(tmp_path / "a.xlsx", CRITERIA, ["Embassy"])
    other = write_questionnaire(tmp_path / "b.xlsx", ["trade", "security"], ["Board"])
    same_expert = write_questionnaire(tmp_path / "c.xlsx", CRITERIA, ["Board", "Embassy"])
    with pytest.raises(
        QuestionnaireError,
        match=r"b\.xlsx' was written for other criteria than .*a\.xlsx': criteria \['trade', "
        r"'security'\] instead of criteria \['trade', 'security', 'culture'\]",
    ):
        read_questionnaire([first, other], allow_missing=True)
    with pytest.raises(
        QuestionnaireError, match=r"the expert 'Embassy' has a sheet in .*a\.xlsx' and in .*c\.x"
    ):
        read_questionnaire([first, same_expert], allow_missing=True)
    board = write_questionnaire(tmp_path / "d.xlsx", CRITERIA, ["Board"])
    with pytest.raises(
        QuestionnaireError,
        match=r"'.*a\.xlsx' and '.*d\.xlsx' have no sheet for the expert\(s\) 'Planning'; "
        r"found 'Embassy', 'Board'",
    ):
        read_questionnaire(
            [first, board], experts=["Embassy", "Board", "Planning"], allow_missing=True
        )
    with pytest.raises(QuestionnaireError, match=r"a\.xlsx', sheet 'Embassy' is for the unknown"):
        read_questionnaire([first, board], experts=["Board"], allow_missing=True)
    assert read_questionnaire([first, board], allow_missing=True).experts == ("Embassy", "Board")
    with pytest.raises(InvalidArgumentError, match="path names the same workbook twice"):
        read_questionnaire([first, first])
    with pytest.raises(InvalidArgumentError, match="path must name at least one workbook"):
        read_questionnaire([])
    with pytest.raises(InvalidTypeError, match="path must be a file path or a sequence"):
        read_questionnaire(3)


# -- result object ---------------------------------------------------------------------------
def test_responses_object(blank):
    _answer_everyone_equal(blank)
    responses = read_questionnaire(blank)
    assert "2 expert(s), 1 block(s), 0 missing" in repr(responses)
    assert "3/3" in repr(responses)
    assert "QuestionnaireResponses" in responses._repr_html_()
    data = responses.to_dict()
    json.dumps(data)
    assert data["blocks"][0]["node"] is None
    assert data["blocks"][0]["items"] == CRITERIA
    assert data["blocks"][0]["comparisons"]["Trade ministry"]["matrix"][0] == [1.0, 1.0, 1.0]
    with pytest.raises(AttributeError, match="immutable"):
        responses.title = "x"
    with pytest.raises(AttributeError, match="immutable"):
        del responses.title
    with pytest.raises(TypeError, match="built by read_questionnaire"):
        QuestionnaireResponses()
    with pytest.raises(InvalidArgumentError, match=r"node must be None .* got 'economic'"):
        responses.comparisons("economic")
    with pytest.raises(InvalidArgumentError, match=r"expert must be one of .* got 'Embassy'"):
        responses.comparison("Embassy")
    frame = responses.to_frame()
    frame.loc[0, "value"] = 99
    assert responses.to_frame().loc[0, "value"] == 1
    copy = pickle.loads(pickle.dumps(responses))
    assert copy.comparisons() == responses.comparisons()
    assert copy.sheets == responses.sheets
    assert copy.to_frame().equals(responses.to_frame())


# -- errors in a filled workbook: each names the sheet and the cell --------------------------
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"E7": "very"}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got 'very'"),
        ({"E7": 0}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got 0"),
        ({"E7": 10}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got 10"),
        ({"E7": 2.5}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got 2\.5"),
        ({"E7": -3}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got -3"),
        ({"E7": "1/3"}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got '1/3'"),
        ({"E7": "10"}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got '10'"),
        ({"E7": True}, r"sheet 'Trade ministry', cell E7: expected one of 1-9 .* got True"),
        (
            {"D7": "C"},
            r"sheet 'Trade ministry', cell D7: expected 'A' .*, 'B' .* or 'equal', got 'C'",
        ),
        ({"D7": "trade"}, r"sheet 'Trade ministry', cell D7: expected 'A' .* got 'trade'"),
        ({"D7": 1}, r"sheet 'Trade ministry', cell D7: expected 'A' .* got 1"),
        (
            {"D7": "equal", "E7": "5 - strong"},
            r"sheet 'Trade ministry', cell E7: 'equal' in D7 contradicts '5 - strong'",
        ),
        (
            {"D7": "A", "E7": None},
            r"sheet 'Trade ministry', cell E7: missing how much more important 'trade' is "
            r"than 'security'",
        ),
        (
            {"D7": "B", "E7": "  "},
            r"sheet 'Trade ministry', cell E7: missing how much more important 'security' is "
            r"than 'trade'",
        ),
        (
            {"D7": None, "E7": 5},
            r"sheet 'Trade ministry', cell D7: missing which is more important for 'trade' vs "
            r"'security' \(E7 says '5 - strong'\)",
        ),
        (
            {"D7": None, "E7": None},
            r"sheet 'Trade ministry', cell D7: no answer for 'trade' vs 'security' \(cells D7 "
            r"and E7 are empty\); .* allow_missing=True",
        ),
        (
            {"B7": "Trade"},
            r"sheet 'Trade ministry', cell B7: expected the criterion 'trade', got 'Trade'",
        ),
        (
            {"C9": None},
            r"sheet 'Trade ministry', cell C9: expected the criterion 'culture', got None",
        ),
        (
            {"B2": "Finance ministry"},
            r"sheet 'Trade ministry', cell B2: expected the expert name 'Trade ministry'",
        ),
    ],
)
def test_bad_entries_name_sheet_and_cell(blank, cells, message):
    _edit(blank, "Trade ministry", cells, everyone_equal=True)
    with pytest.raises(QuestionnaireError, match=message):
        read_questionnaire(blank)


def test_bad_entries_are_all_reported_together(blank):
    _edit(blank, "Foreign ministry", {"E8": 11}, everyone_equal=True)
    _edit(blank, "Trade ministry", {"D7": "?", "E9": "much"})
    with pytest.raises(
        QuestionnaireError, match=r"3 problems in the questionnaire 'q.xlsx'"
    ) as err:
        read_questionnaire(blank)
    lines = str(err.value).splitlines()
    assert lines[1].startswith("- sheet 'Foreign ministry', cell E8:")
    assert lines[2].startswith("- sheet 'Trade ministry', cell D7:")
    assert lines[3].startswith("- sheet 'Trade ministry', cell E9:")


def test_long_problem_lists_are_cut(tmp_path):
    criteria = [f"c{k}" for k in range(9)]  # 36 pairs, all unanswered but the first
    path = write_questionnaire(tmp_path / "q.xlsx", criteria, ["E"])
    _edit(path, "E", {"D7": "equal"})
    with pytest.raises(QuestionnaireError, match=r"(?s)35 problems .*\n- \.\.\. \(10 more\)$"):
        read_questionnaire(path)


def test_untouched_sheet_is_one_problem(blank):
    _edit(blank, "Foreign ministry", {"D7": "A", "E7": 2, "D8": "A", "E8": 2, "D9": "equal"})
    with pytest.raises(
        QuestionnaireError,
        match=r"^sheet 'Trade ministry', cells D7:E9: no answers at all \(3 pairs empty\); "
        r"the expert 'Trade ministry' has not filled in this sheet$",
    ):
        read_questionnaire(blank)


def test_sheet_for_an_unknown_expert(blank):
    _answer_everyone_equal(blank)
    workbook = openpyxl.load_workbook(blank)
    copy = workbook.copy_worksheet(workbook["Trade ministry"])
    copy.title = "Embassy"
    workbook.save(blank)
    with pytest.raises(
        QuestionnaireError,
        match=r"sheet 'Embassy' belongs to no expert of this questionnaire \(its experts are "
        r"'Foreign ministry', 'Trade ministry'\)",
    ):
        read_questionnaire(blank)


def test_unknown_expert_when_experts_are_given(blank):
    _answer_everyone_equal(blank)
    with pytest.raises(
        QuestionnaireError,
        match=r"sheet 'Trade ministry' is for the unknown expert 'Trade ministry'; expected "
        r"only experts 'Foreign ministry', 'Embassy'",
    ):
        read_questionnaire(blank, experts=["Foreign ministry", "Embassy"])


def test_expected_expert_without_a_sheet(blank):
    _answer_everyone_equal(blank)
    with pytest.raises(QuestionnaireError, match=r"has no sheet for the expert\(s\) 'Embassy'"):
        read_questionnaire(blank, experts=[*EXPERTS, "Embassy"])


def test_missing_expert_sheet(blank):
    _answer_everyone_equal(blank)
    workbook = openpyxl.load_workbook(blank)
    del workbook["Trade ministry"]
    workbook.save(blank)
    with pytest.raises(
        QuestionnaireError, match=r"sheet 'Trade ministry' for the expert 'Trade ministry' is "
    ):
        read_questionnaire(blank)


def test_criteria_other_than_expected(blank):
    _answer_everyone_equal(blank)
    with pytest.raises(
        QuestionnaireError,
        match=r"was written for other criteria: expected 'trade', 'security', 'risk', .* "
        r"\(missing: 'risk'; not expected: 'culture'\)",
    ):
        read_questionnaire(blank, criteria=["trade", "security", "risk"])
    with pytest.raises(QuestionnaireError, match=r"has no block 'economic'; its blocks are None"):
        read_questionnaire(blank, criteria={"economic": ["trade", "market"]})
    assert read_questionnaire(blank, criteria=["culture", "trade", "security"]).experts == tuple(
        EXPERTS
    )


def test_not_a_questionnaire(tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(QuestionnaireError, match="is not a coopdecide questionnaire: it has no"):
        read_questionnaire(path)
    text = tmp_path / "text.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"could not be opened as an Excel workbook"):
        read_questionnaire(text)
    with pytest.raises(FileNotFoundError, match="questionnaire workbook not found"):
        read_questionnaire(tmp_path / "absent.xlsx")


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"B2": 2}, r"sheet 'coopdecide' \(hidden\): the workbook has format version 2, newer"),
        ({"B2": "one"}, r"expected an integer format version, got 'one'"),
        ({"B1": "something"}, r"expected format 'coopdecide-questionnaire', got 'something'"),
        ({"A20": "note"}, r"sheet 'coopdecide' \(hidden\), cell A20: unexpected entry 'note'"),
        (
            {"A8": None, "B8": None, "A9": None, "B9": None},
            r"expected at least one expert and two criteria, got 2 expert\(s\) and 1 criteria",
        ),
        ({"A9": None}, r"cell A9: unexpected entry None; the sheet that describes the question"),
    ],
)
def test_edited_metadata(blank, cells, message):
    _edit(blank, METADATA_SHEET, cells)
    with pytest.raises(QuestionnaireError, match=message):
        read_questionnaire(blank)


# -- argument errors -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"criteria": ["a", "a", "b"]}, InvalidArgumentError, "criteria must be unique; dup"),
        ({"criteria": ["a"]}, InvalidArgumentError, r"criteria must name at least 2 .* got 1"),
        ({"criteria": ["a", 2]}, InvalidTypeError, r"criteria must be strings .* got 2"),
        ({"criteria": "abc"}, InvalidTypeError, "criteria must be a sequence of strings"),
        ({"criteria": ["a", " "]}, InvalidArgumentError, "criteria must not be empty or blank"),
        ({"criteria": ["a", "b\x01"]}, InvalidArgumentError, "must not contain control char"),
        ({"experts": []}, InvalidArgumentError, r"experts must name at least 1 .* got 0"),
        ({"experts": ["x", "x"]}, InvalidArgumentError, "experts must be unique; duplicated: 'x'"),
        ({"groups": [("a", "b")]}, InvalidTypeError, "groups must be a mapping"),
        (
            {"groups": {"g": ["x"]}},
            InvalidArgumentError,
            r"groups\['g'\] must name at least 2 .* got 1 \(a group with one item needs no comp",
        ),
        ({"groups": {1: ["x", "y"]}}, InvalidTypeError, "groups keys must be strings"),
        ({"title": ""}, InvalidArgumentError, "title must not be empty"),
        ({"instructions": 3}, InvalidTypeError, "instructions must be a string or a seq"),
        ({"instructions": ["ok", 3]}, InvalidTypeError, r"instructions must .* got 3"),
        ({"instructions": "a\x02"}, InvalidArgumentError, "instructions must not contain cont"),
        ({"overwrite": "yes"}, InvalidTypeError, "overwrite must be True or False"),
        ({"path": "q.xls"}, InvalidArgumentError, r"path must name an Excel workbook ending"),
        ({"path": 3}, InvalidTypeError, r"path must be a file path .* got 3"),
    ],
)
def test_write_argument_errors(tmp_path, kwargs, error, message):
    arguments = {"path": tmp_path / "q.xlsx", "criteria": CRITERIA, "experts": EXPERTS}
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        write_questionnaire(
            arguments.pop("path"), arguments.pop("criteria"), arguments.pop("experts"), **arguments
        )
    assert not (tmp_path / "q.xlsx").exists()


def test_existing_file_is_not_overwritten_by_default(blank):
    _answer_everyone_equal(blank)
    with pytest.raises(InvalidArgumentError, match="already exists; pass overwrite=True"):
        write_questionnaire(blank, CRITERIA, EXPERTS)
    assert read_questionnaire(blank).n_missing == 0
    write_questionnaire(blank, CRITERIA, EXPERTS, overwrite=True)
    assert read_questionnaire(blank, allow_missing=True).n_missing == 6


def test_read_argument_errors(blank):
    with pytest.raises(InvalidTypeError, match="allow_missing must be True or False"):
        read_questionnaire(blank, allow_missing="yes")
    with pytest.raises(InvalidArgumentError, match="experts must be unique"):
        read_questionnaire(blank, experts=["x", "x"])
    with pytest.raises(InvalidArgumentError, match=r"path must name an Excel workbook"):
        read_questionnaire("answers.csv")


def test_fill_argument_errors(blank, tmp_path):
    good = PairwiseComparison.from_judgments(CRITERIA, {("trade", "security"): 2})
    with pytest.raises(InvalidArgumentError, match="unknown expert 'Embassy'"):
        fill_questionnaire(blank, {"Embassy": good})
    with pytest.raises(InvalidArgumentError, match="unknown block 'economic'"):
        fill_questionnaire(blank, {"Trade ministry": {"economic": good}})
    other = PairwiseComparison.from_judgments(["trade", "risk", "culture"], {})
    with pytest.raises(InvalidArgumentError, match=r"must compare 'trade', 'security', 'cult"):
        fill_questionnaire(blank, {"Trade ministry": other})
    off_scale = PairwiseComparison.from_judgments(CRITERIA, {("trade", "security"): 2.5})
    with pytest.raises(
        InvalidArgumentError,
        match=r"judgment \('trade', 'security'\) must be on Saaty's scale .* got 2\.5",
    ):
        fill_questionnaire(blank, {"Trade ministry": off_scale})
    too_big = PairwiseComparison.from_judgments(CRITERIA, {("culture", "trade"): 12})
    with pytest.raises(InvalidArgumentError, match=r"got 0\.0833"):
        fill_questionnaire(blank, {"Trade ministry": too_big})
    with pytest.raises(InvalidTypeError, match="responses must be a mapping"):
        fill_questionnaire(blank, [good])
    with pytest.raises(InvalidTypeError, match=r"responses\['Trade ministry'\] must be a Pair"):
        fill_questionnaire(blank, {"Trade ministry": good.matrix})
    with pytest.raises(InvalidTypeError, match=r"\[None\] must be a PairwiseComparison"):
        fill_questionnaire(blank, {"Trade ministry": {None: good.matrix}})
    # output= keeps the blank questionnaire as it was
    filled = fill_questionnaire(blank, {"Trade ministry": good}, output=tmp_path / "filled.xlsx")
    assert filled is None
    assert read_questionnaire(blank, allow_missing=True).n_missing == 6
    assert read_questionnaire(tmp_path / "filled.xlsx", allow_missing=True).n_missing == 5


def test_fill_writes_dropdown_choices(blank):
    judgments = {("trade", "security"): 9, ("culture", "trade"): 4, ("security", "culture"): 1}
    fill_questionnaire(
        blank, {"Foreign ministry": PairwiseComparison.from_judgments(CRITERIA, judgments)}
    )
    ws = openpyxl.load_workbook(blank)["Foreign ministry"]
    assert [(ws[f"D{r}"].value, ws[f"E{r}"].value) for r in (7, 8, 9)] == [
        ("A", SCALE_LABELS[9]),
        ("B", SCALE_LABELS[4]),
        ("equal", SCALE_LABELS[1]),
    ]
    assert openpyxl.load_workbook(blank).security.lockStructure
