"""Country matching: pycountry plus the publishers' names and codes."""

from __future__ import annotations

import json

import pycountry
import pytest

from coopdecide.data import WORLD_BANK_AGGREGATES, country_name, match_countries, to_iso3
from coopdecide.exceptions import UnknownCountryError


@pytest.mark.parametrize(
    ("label", "iso3"),
    [
        ("IDN", "IDN"),
        ("id", "IDN"),  # ISO2, any case
        ("360", "IDN"),  # numeric
        ("Indonesia", "IDN"),
        ("Korea, Rep.", "KOR"),  # World Bank
        ("Korea, Dem. People's Rep.", "PRK"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Gambia, The", "GMB"),
        ("Hong Kong SAR, China", "HKG"),
        ("St. Lucia", "LCA"),
        ("Cote d'Ivoire", "CIV"),  # without the accent
        ("Turkiye", "TUR"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("TMP", "TLS"),  # WGI and CEPII quirks
        ("ADO", "AND"),
        ("ROM", "ROU"),
        ("ZAR", "COD"),
        ("WBG", "PSE"),
        ("KSV", "XKX"),  # Kosovo, no ISO code
        ("XKX", "XKX"),
        ("Kosovo", "XKX"),
        ("U.S.A.", "USA"),  # Hofstede
        ("Great Britain", "GBR"),
        ("Korea South", "KOR"),
        ("Czech Rep", "CZE"),
    ],
)
def test_publishers_labels_match_iso3(label, iso3):
    assert to_iso3(label) == iso3


def test_world_bank_aggregate_codes_are_no_iso_country():
    assert len(WORLD_BANK_AGGREGATES) == 49
    for code in WORLD_BANK_AGGREGATES:
        assert pycountry.countries.get(alpha_3=code) is None, code


def test_match_report_separates_matched_dropped_and_unknown_with_suggestions():
    match = match_countries(
        [
            "Korea, Rep.",
            "WLD",
            "High income",
            "ANT",
            "Arab countries",
            "Indonesa",
            "Zzyzx",
            "Korea, Rep.",
        ]
    )
    table = match.table
    assert table["input"].tolist() == [
        "Korea, Rep.",
        "WLD",
        "High income",
        "ANT",
        "Arab countries",
        "Indonesa",
        "Zzyzx",
    ]
    assert table["status"].tolist() == [
        "matched",
        "aggregate",
        "aggregate",
        "former country",
        "not a country",
        "unknown",
        "unknown",
    ]
    assert match.iso3 == {"Korea, Rep.": "KOR"}
    assert match.unknown["suggestion"].tolist() == ["Indonesia (IDN)", ""]
    assert match.dropped["input"].tolist() == ["WLD", "High income", "ANT", "Arab countries"]
    json.dumps(match.to_dict())
    assert "matched=1" in repr(match) and "<table" in match._repr_html_()


def test_unknown_and_non_country_labels_are_errors_with_a_hint():
    with pytest.raises(
        UnknownCountryError,
        match=r"focal: unknown country 'Kenia' \(did you mean "
        r"Kenya \(KEN\)\?\)",
    ):
        to_iso3("Kenia", name="focal")
    with pytest.raises(
        UnknownCountryError,
        match=r"focal: 'WLD' is not a country \(World Bank "
        r"aggregate 'World'\)",
    ):
        to_iso3("WLD", name="focal")
    with pytest.raises(UnknownCountryError, match=r"focal must be a country name or code; got 360"):
        to_iso3(360, name="focal")
    with pytest.raises(UnknownCountryError, match=r"country must be a name or code"):
        match_countries([None])


def test_names_are_the_common_english_names():
    assert country_name("KOR") == "South Korea"
    assert country_name("TLS") == "Timor-Leste"
    assert country_name("XKX") == "Kosovo"
