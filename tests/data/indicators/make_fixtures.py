"""Write the indicator-file fixtures of tests/data/indicators/ (run from the repository root).

Every value is MADE UP: the files copy the official layouts of the World Bank,
Hofstede and CEPII downloads (headers, separators, missing-value markers,
country codes), never their data. Run ``python tests/data/indicators/make_fixtures.py``
to regenerate them; the test suite reads the committed files.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent

# (WGI code, WGI name, Hofstede name, CEPII continent); made-up values derive from the index
COUNTRIES = [
    ("IDN", "Indonesia", "Indonesia", "Asia"),
    ("MYS", "Malaysia", "Malaysia", "Asia"),
    ("THA", "Thailand", "Thailand", "Asia"),
    ("VNM", "Vietnam", "Vietnam", "Asia"),
    ("KOR", "Korea, Rep.", "Korea South", "Asia"),
    ("JPN", "Japan", "Japan", "Asia"),
    ("AUS", "Australia", "Australia", "Pacific"),
    ("DEU", "Germany", "Germany", "Europe"),
    ("USA", "United States", "U.S.A.", "America"),
    ("GBR", "United Kingdom", "Great Britain", "Europe"),
    ("CHL", "Chile", "Chile", "America"),
]


def made_up(i: int, j: int, scale: float = 1.0, offset: float = 0.0) -> float:
    """A deterministic made-up number (not data)."""
    return round(offset + scale * (((i * 37 + j * 11) % 29) / 28.0), 4)


def write_wgi_csv() -> None:
    # layout of 2020_Worldwide_Governance_Indicators_1996-2019.csv (Latin-1, R row numbers)
    rows = [
        [
            "",
            "Country/Territory",
            "Code",
            "Year",
            "Estimate",
            "Lower",
            "NumSrc",
            "Rank",
            "StdErr",
            "Upper",
            "Indicator",
        ]
    ]
    extra = [
        ("TMP", "Timor-Leste"),
        ("KSV", "Kosovo"),
        ("CIV", "Côte d'Ivoire"),
        ("ANT", "Netherlands Antilles (former)"),
    ]
    countries = [(c, n) for c, n, _, _ in COUNTRIES] + extra
    number = 0
    for k, indicator in enumerate(["RegulatoryQuality", "RuleofLaw"]):
        for i, (code, name) in enumerate(countries):
            for year in (2018, 2019):
                number += 1
                missing = (code == "VNM" and indicator == "RegulatoryQuality" and year == 2019) or (
                    code == "ANT"
                )
                if missing:
                    rows.append(
                        [
                            str(number),
                            name,
                            code,
                            year,
                            "NA",
                            "NA",
                            "NA",
                            "NA",
                            "NA",
                            "NA",
                            indicator,
                        ]
                    )
                    continue
                estimate = made_up(i, k + year, 4.0, -2.0)
                rank = made_up(i, k + year, 90.0, 5.0)
                rows.append(
                    [
                        str(number),
                        name,
                        code,
                        year,
                        estimate,
                        round(rank - 4.5, 4),
                        6 + i % 5,
                        rank,
                        made_up(i, year, 0.1, 0.15),
                        round(rank + 4.5, 4),
                        indicator,
                    ]
                )
    with open(HERE / "wgi_long.csv", "w", newline="", encoding="latin-1") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerows(rows)


def write_wgi_workbook() -> None:
    # layout of wgidataset.xlsx (2020 update): Introduction + one sheet per indicator
    import openpyxl

    book = openpyxl.Workbook()
    intro = book.active
    intro.title = "Introduction"
    intro["F2"] = "The Worldwide Governance Indicators, 2020 Update"
    intro["F3"] = "Aggregate Governance Indicators 1996-2019"
    intro["F5"] = "MADE-UP VALUES FOR TESTS: not the World Bank's data"
    legend = [
        (
            "Estimate",
            "Estimate of governance (ranges from approximately -2.5 (weak) to 2.5 "
            "(strong) governance performance)",
        ),
        ("StdErr", "Standard error reflects variability around the point estimate of governance."),
        ("NumSrc", "Number of data sources on which estimate is based"),
        (
            "Rank",
            "Percentile rank among all countries (ranges from 0 (lowest) to 100 (highest) rank)",
        ),
        (
            "Lower",
            "Lower bound of 90% confidence interval for governance, in percentile rank terms",
        ),
        (
            "Upper",
            "Upper bound of 90% confidence interval for governance, in percentile rank terms",
        ),
    ]
    countries = [
        ("Andorra", "ADO"),
        ("Indonesia", "IDN"),
        ("Malaysia", "MYS"),
        ("Timor-Leste", "TMP"),
        ("Romania", "ROM"),
    ]
    for k, (sheet, title) in enumerate(
        [
            ("VoiceandAccountability", "Voice and Accountability"),
            ("RegulatoryQuality", "Regulatory Quality"),
        ]
    ):
        ws = book.create_sheet(sheet)
        ws["A1"] = title
        ws["A2"] = "MADE-UP VALUES FOR TESTS: not the World Bank's data."
        ws["A4"] = "Legend"
        for r, (measure, text) in enumerate(legend, start=5):
            ws.cell(r, 1, measure)
            ws.cell(r, 2, text)
        ws["A12"] = "The Worldwide Governance Indicators (WGI) are a research dataset ..."
        measures = ["Estimate", "StdErr", "NumSrc", "Rank", "Lower", "Upper"]
        ws.cell(15, 1, "Country/Territory")
        ws.cell(15, 2, "Code")
        for b, year in enumerate((2018, 2019)):
            for m, measure in enumerate(measures):
                ws.cell(14, 3 + 6 * b + m, year)
                ws.cell(15, 3 + 6 * b + m, measure)
        for i, (name, code) in enumerate(countries):
            ws.cell(16 + i, 1, name)
            ws.cell(16 + i, 2, code)
            for b, year in enumerate((2018, 2019)):
                rank = made_up(i, k + year, 90.0, 5.0)
                values = [
                    made_up(i, k + year, 4.0, -2.0),
                    made_up(i, year, 0.1, 0.15),
                    5 + i,
                    rank,
                    round(rank - 4.5, 4),
                    round(rank + 4.5, 4),
                ]
                if name == "Andorra" and year == 2018:
                    values = ["#N/A"] * 6
                for m, value in enumerate(values):
                    ws.cell(16 + i, 3 + 6 * b + m, value)
    book.save(HERE / "wgidataset.xlsx")


def write_wdi() -> None:
    # layout of API_<indicator>_DS2_en_csv_v2_<n>.csv: 4 lines, header, trailing commas, BOM
    years = list(range(1960, 2024))
    header = ["Country Name", "Country Code", "Indicator Name", "Indicator Code", *map(str, years)]
    places = [
        ("Aruba", "ABW"),
        ("Africa Eastern and Southern", "AFE"),
        ("Chile", "CHL"),
        ("Channel Islands", "CHI"),
        ("East Asia & Pacific", "EAS"),
        ("High income", "HIC"),
        ("Indonesia", "IDN"),
        ("Korea, Rep.", "KOR"),
        ("Kosovo", "XKX"),
        ("Malaysia", "MYS"),
        ("World", "WLD"),
    ]
    indicators = [
        ("GDP (current US$)", "NY.GDP.MKTP.CD", 1e11, 1e12),
        ("Trade (% of GDP)", "NE.TRD.GNFS.ZS", 20.0, 150.0),
    ]
    lines = [
        '"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2024-06-28",',
        "",
        ",".join(f'"{h}"' for h in header) + ",",
    ]
    for name, code in places:
        for k, (indicator_name, indicator_code, offset, scale) in enumerate(indicators):
            cells = []
            for year in years:
                value = "" if year < 2020 else repr(made_up(len(name), k + year, scale, offset))
                if code == "MYS" and year == 2023 and k == 1:
                    value = ""
                cells.append(f'"{value}"')
            lines.append(
                ",".join(
                    [f'"{name}"', f'"{code}"', f'"{indicator_name}"', f'"{indicator_code}"', *cells]
                )
                + ","
            )
    (HERE / "wdi.csv").write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def write_hofstede() -> None:
    # layout of 6-dimensions-for-website-2015-08-16.csv (';' separated, #NULL! missing)
    ctr = {
        "IDN": "IDO",
        "MYS": "MAL",
        "THA": "THA",
        "VNM": "VIE",
        "KOR": "KOR",
        "JPN": "JPN",
        "AUS": "AUL",
        "DEU": "GER",
        "USA": "USA",
        "GBR": "GBR",
        "CHL": "CHL",
    }

    def scores(i: int) -> list[str]:
        return [str(round(made_up(i, j, 90, 5))) for j in range(6)]

    rows = [
        "ctr;country;pdi;idv;mas;uai;ltowvs;ivr",
        ";".join(["ARA", "Arab countries", *scores(20)]),
    ]
    for i, (code, _, name, _) in enumerate(COUNTRIES):
        values = scores(i)
        if code == "THA":
            values[5] = "#NULL!"
        rows.append(";".join([ctr[code], name, *values]))
    rows.append(";".join(["SWG", "Switzerland German", *scores(21)]))
    (HERE / "hofstede.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_cepii() -> None:
    # layouts of CEPII's dist_cepii and geo_cepii ('.'-for-missing, ';' separated copies)
    dist_header = (
        "iso_o;iso_d;contig;comlang_off;comlang_ethno;colony;comcol;curcol;col45;"
        "smctry;dist;distcap;distw;distwces"
    )
    rows = [dist_header, "IDN;IDN;0;0;0;0;0;0;0;0;1.5;1.5;2.1;2.0"]
    partners = [c for c, *_ in COUNTRIES[1:]] + ["TMP", "YUG"]
    for i, code in enumerate(partners):
        flags = [
            "1" if code in ("MYS", "TMP") else "0",
            "1" if code == "MYS" else "0",
            "1" if code in ("MYS",) else "0",
            "0",
            "0",
            "0",
            "0",
            "0",
        ]
        d = made_up(i, 3, 15000, 500)
        distw = "." if code == "CHL" else repr(round(d * 1.01, 2))
        rows.append(";".join(["IDN", code, *flags, repr(d), repr(d), distw, distw]))
    rows.append("MYS;IDN;1;1;1;0;0;0;0;0;1200.5;1200.5;1300.2;1290.8")
    (HERE / "dist_cepii.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    geo_header = (
        "iso2;iso3;cnum;country;pays;area;dis_int;landlocked;continent;city_en;"
        "city_fr;lat;lon;cap;maincity;citynum;langoff_1;langoff_2;langoff_3;lang20_1;"
        "lang20_2;lang20_3;lang20_4;lang9_1;lang9_2;lang9_3;lang9_4;colonizer1;"
        "colonizer2;colonizer3;colonizer4;short_colonizer1;short_colonizer2;"
        "short_colonizer3"
    )
    iso2 = {
        "IDN": "ID",
        "MYS": "MY",
        "THA": "TH",
        "VNM": "VN",
        "KOR": "KR",
        "JPN": "JP",
        "AUS": "AU",
        "DEU": "DE",
        "USA": "US",
        "GBR": "GB",
        "CHL": "CL",
    }
    rows = [geo_header]
    for i, (code, name, _, continent) in enumerate(COUNTRIES):
        row = [
            iso2[code],
            code,
            str(100 + i),
            name,
            name,
            str(int(made_up(i, 1, 9e6, 3e4))),
            repr(made_up(i, 2, 900, 50)),
            "0",
            continent,
            "Capital",
            "Capitale",
            repr(made_up(i, 4, 90, -45)),
            repr(made_up(i, 5, 300, -150)),
            "1",
            "1",
            "1",
            "English",
            ".",
            ".",
            "English",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
            ".",
        ]
        rows.append(";".join(row))
        if code == "DEU":  # a second, non-capital city row, as in the real file
            second = list(row)
            second[9:11] = ["Second city", "Seconde ville"]
            second[13] = "0"
            rows.append(";".join(second))
    (HERE / "geo_cepii.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_tidy() -> None:
    rows = [
        "country,year,indicator,value,source",
        "Indonesia,2022,trade_agreements,4,made-up ministry list",
        "Korea, Rep.,2022,trade_agreements,2,made-up ministry list",
        "VN,2022,trade_agreements,3,",
        "360,2023,trade_agreements,5,made-up ministry list",
        "Chile,,embassy,1,",
    ]
    rows[2] = '"Korea, Rep.",2022,trade_agreements,2,made-up ministry list'
    (HERE / "indicators.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_wgi_csv()
    write_wgi_workbook()
    write_wdi()
    write_hofstede()
    write_cepii()
    write_tidy()
