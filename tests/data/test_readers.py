"""The readers, on fixtures in the official layouts (tests/data/indicators/, made-up values).

Expected values are read from the fixture files themselves with the csv module or
openpyxl, independently of the readers.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pytest

from coopdecide.data import (
    read_cepii_dist,
    read_cepii_geo,
    read_hofstede,
    read_indicators_csv,
    read_wdi,
    read_wgi,
)
from coopdecide.exceptions import DataFileError, UnknownCountryError

FIXTURES = Path(__file__).parent / "indicators"


def _rows(name: str, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _value(table, country, indicator, year=None, column="value"):
    rows = table.table
    rows = rows[(rows["country"] == country) & (rows["indicator"] == indicator)]
    if year is not None:
        rows = rows[rows["year"] == year]
    assert len(rows) == 1, rows
    return rows[column].iloc[0]


def _copy_with(tmp_path, name, old, new, encoding="utf-8"):
    text = (FIXTURES / name).read_text(encoding=encoding)
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding=encoding)
    return path


# -- WGI long CSV ------------------------------------------------------------------------


def test_wgi_csv_reads_every_observation_with_standard_error_and_rank_bounds():
    table = read_wgi(FIXTURES / "wgi_long.csv")
    raw = _rows("wgi_long.csv", encoding="latin-1")
    korea = next(
        r
        for r in raw
        if r["Code"] == "KOR" and r["Year"] == "2019" and r["Indicator"] == "RuleofLaw"
    )
    assert _value(table, "KOR", "RL.EST", 2019) == float(korea["Estimate"])
    assert _value(table, "KOR", "RL.EST", 2019, "stderr") == float(korea["StdErr"])
    assert _value(table, "KOR", "RL.PER.RNK", 2019) == float(korea["Rank"])
    assert _value(table, "KOR", "RL.PER.RNK", 2019, "lower") == float(korea["Lower"])
    assert _value(table, "KOR", "RL.PER.RNK", 2019, "upper") == float(korea["Upper"])
    assert np.isnan(_value(table, "KOR", "RL.EST", 2019, "lower"))  # bounds are of the rank
    # two rows (estimate and rank) per observed line; NA lines and the dissolved ANT are absent
    observed = [r for r in raw if r["Estimate"] != "NA" and r["Code"] != "ANT"]
    assert len(table) == 2 * len(observed)
    assert table.indicators == ["RL.EST", "RL.PER.RNK", "RQ.EST", "RQ.PER.RNK"]


def test_wgi_csv_matches_the_wgi_codes_and_latin1_names():
    table = read_wgi(FIXTURES / "wgi_long.csv")
    countries = set(table.countries)
    assert {"TLS", "XKX", "CIV"} <= countries  # TMP, KSV and a Latin-1 "Côte d'Ivoire"
    assert not {"TMP", "KSV", "ANT"} & countries
    assert "Netherlands Antilles (former) (ANT)" in table.notes[0]
    assert set(table.table.loc[table.table["country"] == "TLS", "country_name"]) == {"Timor-Leste"}
    # Vietnam has no 2019 regulatory quality (NA in the file)
    years = table.table.query("country == 'VNM' and indicator == 'RQ.EST'")["year"].tolist()
    assert years == [2018]


# -- WGI workbook ------------------------------------------------------------------------


def test_wgi_workbook_reads_each_indicator_sheet_and_block_of_years():
    openpyxl = pytest.importorskip("openpyxl")
    table = read_wgi(FIXTURES / "wgidataset.xlsx")
    sheet = openpyxl.load_workbook(FIXTURES / "wgidataset.xlsx")["RegulatoryQuality"]
    row = next(r for r in range(16, 30) if sheet.cell(r, 2).value == "TMP")
    # the 2019 block is columns I..N: Estimate, StdErr, NumSrc, Rank, Lower, Upper
    assert sheet.cell(14, 9).value == 2019 and sheet.cell(15, 9).value == "Estimate"
    assert _value(table, "TLS", "RQ.EST", 2019) == sheet.cell(row, 9).value
    assert _value(table, "TLS", "RQ.EST", 2019, "stderr") == sheet.cell(row, 10).value
    assert _value(table, "TLS", "RQ.PER.RNK", 2019, "lower") == sheet.cell(row, 13).value
    assert set(table.countries) == {"AND", "IDN", "MYS", "TLS", "ROU"}  # ADO, TMP, ROM
    andorra = table.table.query("country == 'AND'")
    assert set(andorra["year"]) == {2019}  # 2018 is #N/A
    assert set(table.table["source"]) == {"The Worldwide Governance Indicators, 2020 Update"}


def test_wgi_workbook_names_sheet_row_and_column_of_a_text_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(FIXTURES / "wgidataset.xlsx")
    book["RegulatoryQuality"]["C17"] = "n/a?"
    path = tmp_path / "wgi.xlsx"
    book.save(path)
    with pytest.raises(
        DataFileError,
        match=r"wgi\.xlsx, sheet 'RegulatoryQuality', row 17, column C \(2018 Estimate\): "
        r"expected a number or #N/A; got 'n/a\?'",
    ):
        read_wgi(path)


def test_wgi_workbook_without_the_layout_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"] = "something else"
    path = tmp_path / "other.xlsx"
    book.save(path)
    with pytest.raises(DataFileError, match=r"other\.xlsx: not the WGI workbook layout"):
        read_wgi(path)
    (tmp_path / "broken.xlsx").write_text("not a zip")
    with pytest.raises(DataFileError, match=r"broken\.xlsx: not an Excel workbook"):
        read_wgi(tmp_path / "broken.xlsx")


# -- WDI ---------------------------------------------------------------------------------


def test_wdi_reads_the_wide_layout_and_drops_aggregates_with_a_note():
    table = read_wdi(FIXTURES / "wdi.csv")
    lines = (FIXTURES / "wdi.csv").read_text(encoding="utf-8-sig").splitlines()
    raw = list(csv.DictReader(lines[4:]))
    korea = next(
        r for r in raw if r["Country Code"] == "KOR" and r["Indicator Code"] == "NY.GDP.MKTP.CD"
    )
    assert _value(table, "KOR", "NY.GDP.MKTP.CD", 2021) == float(korea["2021"])
    assert set(table.countries) == {"ABW", "CHL", "IDN", "KOR", "XKX", "MYS"}
    aggregates = next(note for note in table.notes if "aggregates" in note)
    for label in ("World (WLD)", "East Asia & Pacific (EAS)", "High income (HIC)"):
        assert label in aggregates
    assert any("Channel Islands (CHI)" in note for note in table.notes)
    assert table.matches.unknown.empty
    assert set(table.table["year"]) == {2020, 2021, 2022, 2023}  # empty years are absent
    assert not (
        (table.table["country"] == "MYS")
        & (table.table["year"] == 2023)
        & (table.table["indicator"] == "NE.TRD.GNFS.ZS")
    ).any()
    assert table.table["source"].iloc[0].endswith("last updated 2024-06-28")


def test_wdi_errors_name_file_line_and_column(tmp_path):
    with pytest.raises(DataFileError, match=r"hofstede\.csv: not the WDI layout: no header line"):
        read_wdi(FIXTURES / "hofstede.csv")
    # a code that matches nothing is rescued by the name; both unknown is an error
    rescued = _copy_with(tmp_path, "wdi.csv", '"Chile","CHL","GDP', '"Chile","XYZ","GDP')
    assert "CHL" in read_wdi(rescued).countries
    bad = _copy_with(tmp_path, "wdi.csv", '"Chile","CHL","GDP', '"Narnia","XYZ","GDP')
    with pytest.raises(
        UnknownCountryError,
        match=r"wdi\.csv, line 10, column 'Country Code': unknown country 'XYZ'",
    ):
        read_wdi(bad)
    dropped = read_wdi(bad, unknown="drop")
    assert any("'Narnia (XYZ)'" in note for note in dropped.notes)
    assert dropped.matches.unknown["input"].tolist() == ["XYZ", "Narnia"]
    text = _copy_with(
        tmp_path,
        "wdi.csv",
        '"Aruba","ABW","GDP (current US$)","NY.GDP.MKTP.CD",""',
        '"Aruba","ABW","GDP (current US$)","NY.GDP.MKTP.CD","abc"',
    )
    with pytest.raises(
        DataFileError, match=r"wdi\.csv, line 6, column '1960': expected a number .*got 'abc'"
    ):
        read_wdi(text)


# -- Hofstede ----------------------------------------------------------------------------


def test_hofstede_reads_the_dimensions_with_null_cells_missing():
    table = read_hofstede(FIXTURES / "hofstede.csv")
    raw = {r["country"]: r for r in _rows("hofstede.csv", delimiter=";")}
    assert _value(table, "USA", "pdi") == float(raw["U.S.A."]["pdi"])
    assert _value(table, "KOR", "ltowvs") == float(raw["Korea South"]["ltowvs"])
    assert _value(table, "GBR", "ivr") == float(raw["Great Britain"]["ivr"])
    assert raw["Thailand"]["ivr"] == "#NULL!"
    assert table.table.query("country == 'THA'")["indicator"].tolist() == [
        "idv",
        "ltowvs",
        "mas",
        "pdi",
        "uai",
    ]
    assert table.table["year"].isna().all()
    assert "'Arab countries', 'Switzerland German'" in table.notes[0]


def test_hofstede_errors(tmp_path):
    missing = _copy_with(tmp_path, "hofstede.csv", ";ltowvs;ivr", ";ltowvs;indulgence")
    with pytest.raises(
        DataFileError,
        match=r"hofstede\.csv: not the Hofstede layout: missing "
        r"column\(s\) 'ivr'",
    ):
        read_hofstede(missing)
    text = _copy_with(tmp_path, "hofstede.csv", "IDO;Indonesia;5;", "IDO;Indonesia;high;")
    with pytest.raises(
        DataFileError,
        match=r"line 3, column 'pdi': expected a number or a "
        r"missing-value marker \('', '#NULL!'\); got 'high'",
    ):
        read_hofstede(text)
    twice = tmp_path / "twice.csv"
    content = (FIXTURES / "hofstede.csv").read_text()
    twice.write_text(content + "IDN2;Indonesia;1;2;3;4;5;6\n")
    with pytest.raises(
        DataFileError,
        match=r"twice\.csv, line 3 and line 15: duplicate rows for "
        r"IDN \(Indonesia\), no year",
    ):
        read_hofstede(twice)
    unknown = _copy_with(tmp_path, "hofstede.csv", "Indonesia", "Indonsia")
    with pytest.raises(
        UnknownCountryError,
        match=r"line 3, column 'country': unknown country "
        r"'Indonsia' \(did you mean Indonesia \(IDN\)\?\)",
    ):
        read_hofstede(unknown)
    ragged = _copy_with(tmp_path, "hofstede.csv", "IDO;Indonesia;5;", "IDO;Indonesia;5;5;")
    with pytest.raises(DataFileError, match=r"line 3: expected 8 fields like the header; got 9"):
        read_hofstede(ragged)


# -- CEPII -------------------------------------------------------------------------------


def test_cepii_dist_takes_the_focal_countrys_pairs():
    table = read_cepii_dist(FIXTURES / "dist_cepii.csv", focal="Indonesia")
    raw = [r for r in _rows("dist_cepii.csv", delimiter=";") if r["iso_o"] == "IDN"]
    thailand = next(r for r in raw if r["iso_d"] == "THA")
    assert _value(table, "THA", "dist") == float(thailand["dist"])
    assert _value(table, "TLS", "contig") == 1.0  # CEPII's TMP
    assert "IDN" not in table.countries  # the pair with itself
    assert "CHL" not in table.select(["distw"]).countries  # '.' is missing
    assert any("YUG" in note for note in table.notes)
    assert len(table.countries) == 11  # 10 partners + Timor-Leste; MYS->IDN is not read
    with pytest.raises(DataFileError, match=r"column 'iso_o': no rows for focal 'KEN'"):
        read_cepii_dist(FIXTURES / "dist_cepii.csv", focal="KEN")
    with pytest.raises(UnknownCountryError, match=r"focal: unknown country 'Indonezia'"):
        read_cepii_dist(FIXTURES / "dist_cepii.csv", focal="Indonezia")


def test_cepii_geo_reads_areas_and_continents_using_the_capital_row():
    table, continents = read_cepii_geo(FIXTURES / "geo_cepii.csv")
    raw = [r for r in _rows("geo_cepii.csv", delimiter=";") if r["iso3"] == "DEU"]
    assert len(raw) == 2
    capital = next(r for r in raw if r["cap"] == "1")
    assert _value(table, "DEU", "dis_int") == float(capital["dis_int"])
    assert continents["AUS"] == "Pacific" and continents["CHL"] == "America"
    assert len(continents) == 11


# -- tidy CSV ----------------------------------------------------------------------------


def test_tidy_csv_matches_names_and_codes_and_keeps_row_sources():
    table = read_indicators_csv(FIXTURES / "indicators.csv")
    rows = table.table
    assert _value(table, "KOR", "trade_agreements", 2022) == 2.0  # "Korea, Rep."
    assert _value(table, "VNM", "trade_agreements", 2022, "source") == "indicators.csv"  # VN
    assert _value(table, "IDN", "trade_agreements", 2023) == 5.0  # numeric code 360
    assert _value(table, "KOR", "trade_agreements", 2022, "source") == "made-up ministry list"
    assert rows.query("country == 'CHL'")["year"].isna().all()


def test_tidy_csv_errors(tmp_path):
    bad = _copy_with(
        tmp_path, "indicators.csv", "2022,trade_agreements,4", "2022.5,trade_agreements,4"
    )
    with pytest.raises(DataFileError, match=r"line 2, column 'year': expected a whole year"):
        read_indicators_csv(bad)
    dup = _copy_with(tmp_path, "indicators.csv", "360,2023", "360,2022")
    with pytest.raises(DataFileError, match=r"line 2 and line 5: duplicate rows for IDN"):
        read_indicators_csv(dup)
    with pytest.raises(DataFileError, match=r"missing column\(s\) 'year', 'indicator', 'value'"):
        read_indicators_csv(FIXTURES / "hofstede.csv")
    with pytest.raises(DataFileError, match=r"nowhere\.csv: no such file"):
        read_indicators_csv(tmp_path / "nowhere.csv")


def test_readers_check_the_unknown_policy_and_do_not_touch_the_file(tmp_path):
    path = tmp_path / "hofstede.csv"
    shutil.copy(FIXTURES / "hofstede.csv", path)
    before = path.read_bytes()
    read_hofstede(path)
    assert path.read_bytes() == before
    with pytest.raises(Exception, match=r"unknown must be one of 'raise', 'drop'; got 'skip'"):
        read_hofstede(path, unknown="skip")
