"""Study files whose data are indicator files (data.indicators), read by coopdecide.data.

The fixtures are tests/data/indicators/ (official layouts, made-up values).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from coopdecide import load_study
from coopdecide.exceptions import DominatedAlternativeWarning, StudyFileError

FIXTURES = Path(__file__).parent / "data" / "indicators"
CANDIDATES = [
    "Malaysia",
    "Thailand",
    "Vietnam",
    "South Korea",
    "Japan",
    "Australia",
    "Germany",
    "United States",
    "United Kingdom",
    "Chile",
]


def _study(tmp_path: Path, **changes) -> Path:
    document = {
        "title": "Made-up indicator study",
        "data": {
            "indicators": [
                {"path": str(FIXTURES / "wgi_long.csv"), "format": "wgi"},
                {"path": str(FIXTURES / "hofstede.csv"), "format": "hofstede"},
                {"path": str(FIXTURES / "dist_cepii.csv"), "format": "cepii_dist"},
            ],
            "focal": "Indonesia",
            "alternatives": CANDIDATES,
            "missing": {
                "method": "peer_median",
                "groups": str(tmp_path / "groups.csv"),
                "interval": "range",
                "group_name": "continent",
            },
        },
        "criteria": {
            "regulatory_quality": {"indicator": "RQ.EST", "objective": "max", "weight": 1},
            "cultural_distance": {
                "indicator": ["pdi", "idv", "mas", "uai", "ltowvs", "ivr"],
                "transform": "kogut_singh",
                "objective": "min",
                "weight": 2,
            },
            "dist": {"objective": "min", "transform": "log", "weight": 1},
        },
        "sensitivity": {
            "smaa": {"n_samples": 2000, "weights": "fixed", "data": "imputed", "random_state": 3}
        },
    }
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            document[section][name] = value
        else:
            document[section] = value
    (tmp_path / "groups.csv").write_text(
        "country,continent\n"
        + "".join(
            f"{c},{'Asia' if c in ('IDN', 'MYS', 'THA', 'VNM', 'KOR', 'JPN') else 'Other'}\n"
            for c in ("IDN", "MYS", "THA", "VNM", "KOR", "JPN", "AUS", "DEU", "USA", "GBR", "CHL")
        )
    )
    path = tmp_path / "study.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_a_study_on_indicator_files_keeps_the_provenance_and_samples_the_imputed_cell(
    tmp_path,
):
    with pytest.warns(DominatedAlternativeWarning, match=r"'Vietnam'"):
        result = load_study(_study(tmp_path)).run()
    problem = result.problem
    assert problem.alternatives.tolist() == CANDIDATES
    provenance = problem.provenance
    assert provenance["imputed"].sum() == 1
    assert bool(provenance.loc[("Thailand", "cultural_distance"), "imputed"])
    assert "Hofstede" in provenance.loc[("Thailand", "cultural_distance"), "source"]
    assert provenance.loc[("Vietnam", "regulatory_quality"), "year"] == 2018
    # dist is CEPII's distance from Indonesia (the IDN;THA row of the file), on a log scale
    row = next(
        line.split(";")
        for line in (FIXTURES / "dist_cepii.csv").read_text().splitlines()
        if line.startswith("IDN;THA;")
    )
    assert problem.performance.loc["Thailand", "dist"] == pytest.approx(math.log(float(row[10])))
    assert "Data from the indicator files: imputed 1 cell(s) by the continent median." in (
        result.warnings
    )
    assert any("former countries: 'Netherlands Antilles" in w for w in result.warnings)
    thailand = result.sensitivity["smaa"].rank_acceptability.loc["Thailand"]
    assert (thailand > 0.02).sum() >= 2  # the imputed value's interval, sampled
    report = tmp_path / "report.html"
    result.report(report, figures=False)
    assert "Imputed values and the interval of each" in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"data__format": None}, r"data: .*"),
        (
            {"criteria": {"c": {"indicator": "RQ.EST", "objective": "max", "column": "x"}}},
            r"criteria\.c\.column: 'column' applies to a data file or a dataset",
        ),
        (
            {"criteria": {"c": {"indicator": "RQ.EST", "objective": "max", "transform": "log10"}}},
            r"criteria\.c\.transform: expected one of none, log, rank, .* got 'log10'",
        ),
        (
            {"criteria": {"c": {"indicator": "RQ.ES", "objective": "max"}}},
            r"data: criteria: unknown indicator 'RQ.ES' \(did you mean 'RQ.EST'\?\)",
        ),
        (
            {"data__focal": "Indonezia"},
            r"data\.focal: focal: unknown country 'Indonezia' \(did "
            r"you mean Indonesia \(IDN\)\?\)",
        ),
        ({"data__missing": "raise"}, r"data: 1 missing cell\(s\): \(Thailand, 'ivr'\)"),
        (
            {"data__missing": "drop_criteria"},
            r"data\.missing: drop_criteria drops 'cultural_distance'",
        ),
        ({"data__year": "newest"}, r"data: year must be 'latest' or a year"),
    ],
)
def test_indicator_study_errors_name_the_key(tmp_path, changes, message):
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:  # an unknown file format
        path = _study(tmp_path)
        document = yaml.safe_load(path.read_text())
        document["data"]["indicators"][0]["format"] = "wgi_xml"
        path.write_text(yaml.safe_dump(document))
        message = r"data\.indicators\[0\]\.format: expected wgi, wdi, hofstede, cepii_dist or tidy"
    else:
        path = _study(tmp_path, **changes)
        if "criteria" in changes:
            document = yaml.safe_load(path.read_text())
            document["sensitivity"] = {}
            path.write_text(yaml.safe_dump(document))
    with pytest.raises(StudyFileError, match=message):
        load_study(path).run()


def test_indicator_keys_need_indicator_files_and_files_must_exist(tmp_path):
    path = tmp_path / "study.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "title": "t",
                "data": {"dataset": "partner_countries", "year": 2019},
                "criteria": {"risk": {"objective": "min"}},
            }
        )
    )
    with pytest.raises(StudyFileError, match=r"data: 'year' apply to indicator files"):
        load_study(path)
    missing = _study(tmp_path)
    document = yaml.safe_load(missing.read_text())
    document["data"]["indicators"][1]["path"] = "nowhere.csv"
    missing.write_text(yaml.safe_dump(document))
    with pytest.raises(
        StudyFileError,
        match=r"data\.indicators\[1\]\.path: indicator file "
        r"'nowhere\.csv' does not exist",
    ):
        load_study(missing)
    imputed = tmp_path / "imputed.yaml"
    imputed.write_text(
        yaml.safe_dump(
            {
                "title": "t",
                "data": {"dataset": "partner_countries"},
                "criteria": {
                    "risk": {"objective": "min", "weight": 1},
                    "economic_size": {"objective": "max", "weight": 1},
                },
                "sensitivity": {"smaa": {"weights": "fixed", "data": "imputed"}},
            }
        )
    )
    with pytest.raises(
        StudyFileError,
        match=r"sensitivity\.smaa\.data: 'imputed' needs data "
        r"read from indicator files",
    ):
        load_study(imputed)


def test_an_indicator_study_written_elsewhere_reads_back_equal(tmp_path):
    study = load_study(_study(tmp_path))
    written = study.to_file(tmp_path / "elsewhere" / "copy.yaml")
    document = yaml.safe_load(written.read_text())
    first = written.parent / document["data"]["indicators"][0]["path"]
    assert first.resolve() == (FIXTURES / "wgi_long.csv").resolve()
    assert (written.parent / document["data"]["missing"]["groups"]).resolve() == (
        tmp_path / "groups.csv"
    ).resolve()
    assert "year" not in document["data"]
    assert load_study(written) == study


def test_an_indicator_file_above_the_data_file_limit_is_refused_at_its_key_path(tmp_path):
    from coopdecide import FileLimits

    with pytest.raises(
        StudyFileError,
        match=r"indicators\W+0\W+path: the indicator file '.*wgi_long\.csv' is [\d,]+ bytes, "
        r"more than the limit of 10 bytes",
    ):
        load_study(_study(tmp_path), limits=FileLimits(data_file_size=10))
