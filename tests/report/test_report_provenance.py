"""Reports of a problem built from indicators show where each value comes from."""

from __future__ import annotations

import pandas as pd

from coopdecide import topsis
from coopdecide.data import Impute, Indicators
from coopdecide.report import ReportContent, write_report
from coopdecide.report.builder import build_document

ROWS = [
    ("MYS", 2019, "gov", 5.0),
    ("THA", 2018, "gov", 4.0),
    ("IDN", 2019, "gov", 1.0),
    ("PHL", 2019, "gov", 9.0),
    ("SGP", 2019, "gov", 4.5),
    ("MYS", None, "size", 4.0),
    ("THA", None, "size", 5.0),
    ("VNM", None, "size", 4.8),
]
GROUPS = {"IDN": "Asia", "MYS": "Asia", "THA": "Asia", "VNM": "Asia", "PHL": "Asia", "SGP": "Asia"}


def _content() -> ReportContent:
    table = Indicators(pd.DataFrame(ROWS, columns=["country", "year", "indicator", "value"]))
    built = table.to_problem(
        {"gov": "gov", "size": "size"},
        alternatives=["MYS", "THA", "VNM"],
        missing=Impute(groups=GROUPS, interval="range", group_name="region"),
        weights={"gov": 1, "size": 1},
    )
    return ReportContent(ranking=topsis(built.problem))


def test_the_data_sources_show_the_provenance_and_the_imputed_values():
    document = build_document(_content())
    tables = {table.key: table for table in document.tables()}
    summary = tables["provenance"].frame
    assert summary.loc["gov", "year of the values"] == "2018-2019"
    assert summary.loc["size", "year of the values"] == "undated"
    assert summary["imputed values"].to_dict() == {"gov": 1, "size": 0}
    imputed = tables["imputed"].frame
    assert imputed[["alternative", "criterion", "value", "low", "high"]].values.tolist() == [
        ["Vietnam", "gov", 4.5, 1.0, 9.0]  # median and range of MYS 5, THA 4, IDN 1, PHL 9, SGP 4.5
    ]
    assert "median of 5 countries of region 'Asia'" in imputed["how"].iloc[0]
    assert "1 value(s) are imputed" in tables["data"].caption
    texts = " ".join(document.texts())
    assert "1 value(s) are imputed estimates, not measurements: “Vietnam” on “gov”" in texts


def test_a_problem_without_provenance_has_no_provenance_tables():
    from coopdecide import DecisionProblem

    plain = DecisionProblem([[1, 2], [2, 1]], "max", weights=[1, 1])
    document = build_document(ReportContent(ranking=topsis(plain)))
    keys = {table.key for table in document.tables()}
    assert not {"provenance", "imputed"} & keys


def test_the_html_report_holds_the_imputed_table(tmp_path):
    path = write_report(_content(), tmp_path / "report.html", figures=False)
    html = path.read_text(encoding="utf-8")
    assert "Imputed values and the interval of each" in html
    assert "Vietnam" in html
