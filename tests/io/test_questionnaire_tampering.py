"""Questionnaires edited outside the intended cells: formulas without values, rows added."""

from __future__ import annotations

import os

import pytest

from coopdecide.exceptions import QuestionnaireError, QuestionnaireWarning
from coopdecide.io import read_questionnaire, write_questionnaire

openpyxl = pytest.importorskip("openpyxl")

CRITERIA = ["trade", "security", "culture"]
EXPERTS = ["Foreign ministry", "Trade ministry"]
#: The pairs of the three criteria are in rows 7, 8 and 9 of each expert's sheet.
PAIR_ROWS = (7, 8, 9)


@pytest.fixture
def answered(tmp_path):
    """A questionnaire where everyone answered "equal" on every pair."""
    path = write_questionnaire(tmp_path / "q.xlsx", CRITERIA, EXPERTS)
    edit(path, {(sheet, f"D{r}"): "equal" for sheet in EXPERTS for r in PAIR_ROWS})
    return path


def edit(path, cells) -> None:
    """Write cells as a script would, with openpyxl (formulas are saved without values)."""
    workbook = openpyxl.load_workbook(path)
    for (sheet, ref), value in cells.items():
        workbook[sheet][ref] = value
    workbook.save(path)


def test_an_answer_given_as_a_formula_without_a_saved_value_says_so(answered):
    edit(answered, {("Trade ministry", "D8"): "A", ("Trade ministry", "E8"): "=2+3"})
    with pytest.raises(
        QuestionnaireError,
        match=r"^sheet 'Trade ministry', cell E8: holds the formula '=2\+3' with no saved value "
        r"\(the workbook was not saved by a spreadsheet program, which computes it\); open and "
        r"save the workbook in Excel or LibreOffice, or type the answer in$",
    ):
        read_questionnaire(answered)


def test_a_direction_given_as_a_formula_says_so_too(answered):
    edit(answered, {("Foreign ministry", "D7"): '=IF(TRUE,"A","B")', ("Foreign ministry", "E7"): 3})
    with pytest.raises(QuestionnaireError, match=r"cell D7: holds the formula '=IF\(TRUE"):
        read_questionnaire(answered)


def test_an_empty_row_is_still_reported_as_empty(answered):
    edit(answered, {("Foreign ministry", "D9"): None})
    with pytest.raises(QuestionnaireError, match=r"cell D9: no answer for 'security' vs 'culture'"):
        read_questionnaire(answered)


def test_answer_rows_added_below_a_block_are_warned_about(answered):
    edit(
        answered,
        {
            ("Trade ministry", "B11"): "trade",
            ("Trade ministry", "C11"): "aid",
            ("Trade ministry", "D11"): "A",
            ("Trade ministry", "E11"): 5,
            ("Trade ministry", "F14"): "one more",
        },
    )
    with pytest.warns(
        QuestionnaireWarning,
        match=r"^sheet 'Trade ministry', row\(s\) 11, 14: entries outside the rows of the "
        r"questionnaire's pairs are not read",
    ) as caught:
        responses = read_questionnaire(answered)
    assert caught[0].filename == os.path.abspath(__file__)  # points at the caller
    assert responses.comparison("Trade ministry").matrix[0, 1] == 1  # the rows read as before


def test_an_untouched_answered_questionnaire_reads_without_warning(answered):
    read_questionnaire(answered)  # filterwarnings=error: any warning would fail
