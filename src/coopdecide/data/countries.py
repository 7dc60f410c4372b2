"""Country names and codes to ISO 3166-1 alpha-3, with a report of what did not match.

Matching uses :mod:`pycountry` (the ISO 3166 tables from Debian's iso-codes):
alpha-2, alpha-3 and numeric codes, official, short and common names, compared
without case, accents and punctuation ("Cote d'Ivoire" matches "Côte
d'Ivoire"). On top of it, a short documented table covers what publishers
write differently:

- World Bank names ("Korea, Rep.", "Egypt, Arab Rep.", "Gambia, The",
  "St. Lucia", "Hong Kong SAR, China", ...) and Hofstede's ("U.S.A.",
  "Great Britain", "Korea South", "Czech Rep", ...);
- codes that are not ISO 3166-1 but appear in the WGI and CEPII files:
  ``ADO`` (Andorra), ``ZAR`` (DR Congo), ``ROM`` (Romania), ``TMP``
  (Timor-Leste), ``WBG`` and ``PAL`` (West Bank and Gaza / Palestine),
  ``KSV`` (Kosovo);
- Kosovo, which has no ISO 3166-1 code, as ``XKX`` (the code the World Bank,
  the EU and the IMF use).

Rows that are not countries are recognised and dropped with a note instead of
being reported as unknown: the World Bank's aggregates (World, regions,
income and lending groups, ...), dissolved countries (Netherlands Antilles,
Yugoslavia, Serbia and Montenegro), Hofstede's regional and sub-national rows
("Arab countries", "Belgium French", ...) and the Channel Islands (Jersey and
Guernsey together).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from coopdecide._results import Result, result_dataclass
from coopdecide._validation import closest, describe
from coopdecide.exceptions import UnknownCountryError

__all__ = [
    "WORLD_BANK_AGGREGATES",
    "CountryMatch",
    "country_name",
    "match_countries",
    "to_iso3",
]

#: World Bank aggregate codes in the World Development Indicators files, with their names.
WORLD_BANK_AGGREGATES: dict[str, str] = {
    "AFE": "Africa Eastern and Southern",
    "AFW": "Africa Western and Central",
    "ARB": "Arab World",
    "CEB": "Central Europe and the Baltics",
    "CSS": "Caribbean small states",
    "EAP": "East Asia & Pacific (excluding high income)",
    "EAR": "Early-demographic dividend",
    "EAS": "East Asia & Pacific",
    "ECA": "Europe & Central Asia (excluding high income)",
    "ECS": "Europe & Central Asia",
    "EMU": "Euro area",
    "EUU": "European Union",
    "FCS": "Fragile and conflict affected situations",
    "HIC": "High income",
    "HPC": "Heavily indebted poor countries (HIPC)",
    "IBD": "IBRD only",
    "IBT": "IDA & IBRD total",
    "IDA": "IDA total",
    "IDB": "IDA blend",
    "IDX": "IDA only",
    "INX": "Not classified",
    "LAC": "Latin America & Caribbean (excluding high income)",
    "LCN": "Latin America & Caribbean",
    "LDC": "Least developed countries: UN classification",
    "LIC": "Low income",
    "LMC": "Lower middle income",
    "LMY": "Low & middle income",
    "LTE": "Late-demographic dividend",
    "MEA": "Middle East & North Africa",
    "MIC": "Middle income",
    "MNA": "Middle East & North Africa (excluding high income)",
    "NAC": "North America",
    "OED": "OECD members",
    "OSS": "Other small states",
    "PRE": "Pre-demographic dividend",
    "PSS": "Pacific island small states",
    "PST": "Post-demographic dividend",
    "SAS": "South Asia",
    "SSA": "Sub-Saharan Africa (excluding high income)",
    "SSF": "Sub-Saharan Africa",
    "SST": "Small states",
    "TEA": "East Asia & Pacific (IDA & IBRD countries)",
    "TEC": "Europe & Central Asia (IDA & IBRD countries)",
    "TLA": "Latin America & the Caribbean (IDA & IBRD countries)",
    "TMN": "Middle East & North Africa (IDA & IBRD countries)",
    "TSA": "South Asia (IDA & IBRD)",
    "TSS": "Sub-Saharan Africa (IDA & IBRD countries)",
    "UMC": "Upper middle income",
    "WLD": "World",
}

_KOSOVO = "XKX"

# codes used by publishers that are not ISO 3166-1 alpha-3 (and are no other country's code)
_CODE_ALIASES = {
    "ADO": "AND",  # WGI: Andorra
    "ZAR": "COD",  # WGI, CEPII: Democratic Republic of the Congo (former Zaire)
    "ROM": "ROU",  # WGI, CEPII: Romania
    "TMP": "TLS",  # WGI, CEPII: Timor-Leste
    "WBG": "PSE",  # WGI: West Bank and Gaza
    "PAL": "PSE",  # CEPII: Palestine
    "KSV": _KOSOVO,  # WGI: Kosovo
    "XKX": _KOSOVO,
    "XK": _KOSOVO,
}

# names pycountry does not know, as World Bank, WGI and Hofstede files write them
_NAME_ALIASES = {
    "Bahamas, The": "BHS",
    "Gambia, The": "GMB",
    "Egypt, Arab Rep.": "EGY",
    "Iran, Islamic Rep.": "IRN",
    "Korea, Rep.": "KOR",
    "Korea, Dem. Rep.": "PRK",
    "Korea, Dem. People's Rep.": "PRK",
    "Congo, Dem. Rep.": "COD",
    "Congo, Rep.": "COG",
    "Lao PDR": "LAO",
    "Micronesia, Fed. Sts.": "FSM",
    "Venezuela, RB": "VEN",
    "Yemen, Rep.": "YEM",
    "Hong Kong SAR, China": "HKG",
    "Macao SAR, China": "MAC",
    "Taiwan, China": "TWN",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "St. Martin (French part)": "MAF",
    "Sint Maarten (Dutch part)": "SXM",
    "British Virgin Islands": "VGB",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "West Bank and Gaza": "PSE",
    "Palestine": "PSE",
    "Turkey": "TUR",
    "Czech Republic": "CZE",
    "Russia": "RUS",
    "Brunei": "BRN",
    "Macedonia": "MKD",
    "Macedonia, FYR": "MKD",
    "Jersey, Channel Islands": "JEY",
    "Kosovo": _KOSOVO,
    "Ivory Coast": "CIV",
    "East Timor": "TLS",
    "Burma": "MMR",
    # Hofstede's table
    "U.S.A.": "USA",
    "Great Britain": "GBR",
    "Korea South": "KOR",
    "Czech Rep": "CZE",
    "Slovak Rep": "SVK",
    "Dominican Rep": "DOM",
    "Kyrgyz Rep": "KGZ",
    "Macedonia Rep": "MKD",
    "Bosnia": "BIH",
}

# rows that are not (current) countries: dropped with a note, not reported as unknown
_FORMER = {
    "ANT": "Netherlands Antilles, dissolved in 2010",
    "YUG": "Yugoslavia, a former country",
    "SCG": "Serbia and Montenegro, a former country",
}
_NOT_COUNTRIES = {
    "CHI": "Channel Islands: Jersey and Guernsey together, no ISO 3166-1 code",
    "Channel Islands": "Channel Islands: Jersey and Guernsey together, no ISO 3166-1 code",
    "Netherlands Antilles (former)": _FORMER["ANT"],
    "Netherlands Antilles": _FORMER["ANT"],
    # Hofstede's regional and sub-national rows
    "Africa East": "a regional group in Hofstede's table, not a country",
    "Africa West": "a regional group in Hofstede's table, not a country",
    "Arab countries": "a regional group in Hofstede's table, not a country",
    "Belgium French": "a sub-national group in Hofstede's table",
    "Belgium Netherl": "a sub-national group in Hofstede's table",
    "Canada French": "a sub-national group in Hofstede's table",
    "Germany East": "a sub-national group in Hofstede's table",
    "Switzerland French": "a sub-national group in Hofstede's table",
    "Switzerland German": "a sub-national group in Hofstede's table",
    "South Africa white": "a sub-national group in Hofstede's table",
}


def _key(value: str) -> str:
    """Compare names without case, accents, punctuation and repeated spaces."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class _Tables:
    codes: dict[str, str]  # upper-case code -> ISO3
    names: dict[str, str]  # _key(name) -> ISO3
    display: dict[str, str]  # ISO3 -> display name
    dropped: dict[str, tuple[str, str]]  # code upper / _key(name) -> (status, note)


@cache
def _tables() -> _Tables:
    import pycountry

    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        codes[country.alpha_2] = codes[iso3] = iso3
        codes[country.numeric] = codes[str(int(country.numeric))] = iso3
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names[_key(name)] = iso3
        display[iso3] = getattr(country, "common_name", None) or country.name
    display[_KOSOVO] = "Kosovo"
    codes.update(_CODE_ALIASES)
    names.update({_key(name): iso3 for name, iso3 in _NAME_ALIASES.items()})
    dropped: dict[str, tuple[str, str]] = {}
    for code, name in WORLD_BANK_AGGREGATES.items():
        note = f"World Bank aggregate {name!r}"
        dropped[code] = dropped[_key(name)] = ("aggregate", note)
    for code, note in _FORMER.items():
        dropped[code] = ("former country", note)
    for label, note in _NOT_COUNTRIES.items():
        dropped[label.upper() if label.isupper() else _key(label)] = ("not a country", note)
    return _Tables(codes=codes, names=names, display=display, dropped=dropped)


def country_name(iso3: str) -> str:
    """The common English name of an ISO3 code (pycountry's common name, else its name).

    Examples
    --------
    >>> country_name("KOR"), country_name("XKX")
    ('South Korea', 'Kosovo')
    """
    return _tables().display[iso3]


def _lookup(value: str) -> tuple[str | None, str, str]:
    """(ISO3 or None, status, note) for one name or code."""
    tables = _tables()
    text = value.strip()
    upper = text.upper()
    if re.fullmatch(r"[A-Za-z]{2,3}|\d{1,3}", text):
        if upper in tables.dropped:
            return (None, *tables.dropped[upper])
        if upper in tables.codes:
            return tables.codes[upper], "matched", "code"
    key = _key(text)
    if key in tables.dropped:
        return (None, *tables.dropped[key])
    if key in tables.names:
        return tables.names[key], "matched", "name"
    return None, "unknown", ""


def _suggestion(value: str) -> str:
    tables = _tables()
    key = closest(_key(value), tables.names)
    if key is None:
        return ""
    iso3 = tables.names[key]
    return f"{country_name(iso3)} ({iso3})"


@result_dataclass
class CountryMatch(Result):
    """How a set of country names or codes matched ISO 3166-1 alpha-3.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per distinct input value: ``input``, ``iso3`` (None unless
        matched), ``name`` (the standard name), ``status`` (``"matched"``,
        ``"aggregate"``, ``"former country"``, ``"not a country"`` or
        ``"unknown"``), ``note`` (how it matched, or why it was dropped) and
        ``suggestion`` (a close known country for an unknown value).
    """

    table: pd.DataFrame

    @property
    def iso3(self) -> dict[str, str]:
        """Input value -> ISO3 for the matched values."""
        matched = self.table[self.table["status"] == "matched"]
        return dict(zip(matched["input"], matched["iso3"], strict=True))

    @property
    def unknown(self) -> pd.DataFrame:
        """The rows of :attr:`table` that match no country, with a suggestion."""
        return self.table[self.table["status"] == "unknown"].reset_index(drop=True)

    @property
    def dropped(self) -> pd.DataFrame:
        """The rows recognised as aggregates, former countries or other non-countries."""
        kept = self.table["status"].isin(["matched", "unknown"])
        return self.table[~kept].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """The match table (a copy)."""
        return self.table.copy()

    def _export(self) -> dict[str, Any]:
        return {"matches": self.table.astype(object).where(self.table.notna()).to_dict("records")}

    def _summary(self) -> dict[str, Any]:
        return {str(k): int(v) for k, v in self.table["status"].value_counts().items()}


def match_countries(values: Iterable[str]) -> CountryMatch:
    """Match country names or codes (ISO2, ISO3, numeric, or a publisher's) to ISO3.

    Parameters
    ----------
    values : iterable of str
        Names or codes, in any mix; repeated values are matched once.

    Returns
    -------
    CountryMatch
        A row per distinct value: its ISO3 code or why it did not match.

    Examples
    --------
    >>> match = match_countries(["Korea, Rep.", "TMP", "360", "World", "Narnia"])
    >>> match.iso3
    {'Korea, Rep.': 'KOR', 'TMP': 'TLS', '360': 'IDN'}
    >>> match.table["status"].tolist()
    ['matched', 'matched', 'matched', 'aggregate', 'unknown']
    """
    rows = []
    for value in dict.fromkeys(values):
        if not isinstance(value, str):
            raise UnknownCountryError(
                f"country must be a name or code (a string); got {describe(value)}"
            )
        iso3, status, note = _lookup(value)
        rows.append(
            {
                "input": value,
                "iso3": iso3,
                "name": None if iso3 is None else country_name(iso3),
                "status": status,
                "note": note,
                "suggestion": _suggestion(value) if status == "unknown" else "",
            }
        )
    columns = ["input", "iso3", "name", "status", "note", "suggestion"]
    return CountryMatch(table=pd.DataFrame(rows, columns=columns))


def to_iso3(value: str, *, name: str = "country") -> str:
    """One country name or code as ISO3; raise UnknownCountryError with a suggestion.

    Examples
    --------
    >>> to_iso3("Viet Nam"), to_iso3("ID"), to_iso3("ROM")
    ('VNM', 'IDN', 'ROU')
    >>> to_iso3("Indonsia", name="focal")
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.UnknownCountryError: focal: unknown country 'Indonsia' (did you mean \
Indonesia (IDN)?)
    """
    if not isinstance(value, str):
        raise UnknownCountryError(f"{name} must be a country name or code; got {describe(value)}")
    iso3, status, note = _lookup(value)
    if iso3 is not None:
        return iso3
    if status != "unknown":
        raise UnknownCountryError(f"{name}: {value!r} is not a country ({note})")
    raise UnknownCountryError(f"{name}: unknown country {value!r}{_hint(value)}")


def _hint(value: str) -> str:
    suggestion = _suggestion(value)
    return f" (did you mean {suggestion}?)" if suggestion else ""
