"""Excel export: one sheet per table, numbers as numbers, formula-like text as text."""

from __future__ import annotations

import pytest

from coopdecide import DecisionProblem, topsis
from coopdecide.report import export_excel
from coopdecide.report.excel import FORMULA_PREFIXES, safe_sheet_name

from .conftest import FORMULA, SCRIPT

openpyxl = pytest.importorskip("openpyxl")

#: Candidate names that spreadsheet software would run as formulas (OWASP "CSV injection").
HOSTILE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd|' /C calc'!A0", "\t=tab", "plain"]


@pytest.fixture
def workbook(hostile_results, tmp_path):
    results = dict(hostile_results)
    results.pop("problem")
    ranking = results.pop("ranking")
    results["weights"] = results.pop("group")
    path = export_excel(ranking, tmp_path / "tables.xlsx", **results)
    assert path == tmp_path / "tables.xlsx"
    return openpyxl.load_workbook(path), ranking, hostile_results


def _cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_one_sheet_per_table(workbook):
    book, *_ = workbook
    assert book.sheetnames == [
        "summary",
        "top",
        "data",
        "sources",
        "weights",
        "experts",
        "ranking",
        "critical_changes",
        "critical_any_pair",
        "one_at_a_time",
        "smaa",
        "methods",
        "method_correlation",
    ]


def test_no_cell_is_a_formula(workbook):
    book, *_ = workbook
    types = {cell.data_type for cell in _cells(book)}
    assert "f" not in types
    values = [cell.value for cell in _cells(book)]
    assert FORMULA in values and SCRIPT in values  # stored as the text typed


def test_numbers_stay_numbers(workbook):
    book, ranking, _ = workbook
    sheet = book["ranking"]
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["candidate", "rank", "score"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=4)}
    for label, score in ranking.scores.items():
        row = rows[str(label)]
        assert row[1].value == ranking.ranks[label] and row[1].data_type == "n"
        assert row[2].value == pytest.approx(score, abs=1e-15)
        assert row[2].number_format == "0.0000"
    assert sheet["A1"].value.startswith("Ranking")


def test_formula_like_labels_are_text(tmp_path):
    problem = DecisionProblem(
        [[1.0, 2.0], [2.0, 1.0], [3.0, 3.0], [1.5, 2.5], [2.5, 1.5], [0.5, 0.5]],
        "max",
        weights=[0.5, 0.5],
        alternatives=HOSTILE,
        criteria=["=crit", "@crit"],
    )
    ranking = topsis(problem)
    path = export_excel(
        ranking,
        tmp_path / "x.xlsx",
        title="=TITLE()",
        notes=["-note", "+note"],
        warnings=["@warning"],
    )
    book = openpyxl.load_workbook(path)
    assert not [c.coordinate for c in _cells(book) if c.data_type == "f"]
    values = {c.value for c in _cells(book)}
    for text in [*HOSTILE, "=crit", "@crit", "=TITLE()", "@warning"]:
        assert text in values
    formula_like = [
        c for c in _cells(book) if isinstance(c.value, str) and c.value.startswith(FORMULA_PREFIXES)
    ]
    assert formula_like
    assert all(c.data_type == "s" and c.quotePrefix for c in formula_like)
    # the raw XML has no <f> (formula) element at all
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name)


def test_summary_sheet_holds_the_summary_and_warnings(workbook):
    book, ranking, _ = workbook
    texts = [c.value for c in book["summary"]["A"] if c.value]
    assert texts[0] == "Decision report"
    assert any(str(t).startswith(f"“{ranking.best}” ranks first") for t in texts)
    assert any("gave inconsistent judgments" in str(t) for t in texts)


def test_illegal_characters_are_removed(tmp_path):
    problem = DecisionProblem(
        [[1.0, 2.0], [2.0, 1.0]], "max", weights=[0.5, 0.5], alternatives=["a\x01b", "c"]
    )
    book = openpyxl.load_workbook(export_excel(topsis(problem), tmp_path / "x.xlsx"))
    assert "ab" in {c.value for c in _cells(book)}


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    names = [safe_sheet_name(n, used) for n in ["a/b:c", "A/B:C", "x" * 40, "x" * 40]]
    assert names == ["a_b_c", "A_B_C (2)", "x" * 31, "x" * 27 + " (2)"]
    assert all(len(n) <= 31 for n in names)


def test_export_needs_openpyxl(hostile_results, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError, match=r"export_excel needs openpyxl"):
        export_excel(hostile_results["ranking"], tmp_path / "x.xlsx")
