#!/usr/bin/env python
"""Build coopdecide's ILLUSTRATIVE programme-portfolio dataset.

The dataset lists candidate cooperation programmes between Indonesia and the
thirty-one partner countries of the bundled partner-countries dataset's first
release, whose ISO3 code, name, region and risk proxy are kept in
``scripts/data-raw/programmes/partners_risk_proxy_2025.csv`` (so that every
programme's partner can be joined to the dataset by ISO3 code, and the
illustrative numbers stay those of that release).

ILLUSTRATIVE DATA. Programme costs, durations and scores are not published
anywhere and cannot come from a public source: the programme titles and
sectors were written by hand to be plausible, and every number is drawn from a
seeded random generator (numpy PCG64, seed :data:`SEED`). Only the partner's
name and region come from the partner-countries dataset, and the programme
risk is drawn around the partner's ``risk`` proxy of the first release (a
percentile rank of inflation, unemployment and listed terrorist groups among
the 31 candidates; the dataset's ``risk`` criterion is now the WGI political
stability estimate). Use the dataset to
learn and test the portfolio tools, never as evidence about any programme or
country.

Run it from the checkout; the output is deterministic (fixed seed, fixed row
order, floats rounded to 1 decimal)::

    python scripts/build_programmes.py                   # rewrites src/coopdecide/datasets/data/
    python scripts/build_programmes.py --out-dir /tmp/x
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 20261128
ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "src" / "coopdecide" / "datasets" / "data"
PARTNERS_FILE = ROOT / "scripts" / "data-raw" / "programmes" / "partners_risk_proxy_2025.csv"

HEADER = [
    "# ILLUSTRATIVE DATA - not from any public source. Candidate cooperation programmes of",
    "# Indonesia with hand-written titles and sectors and randomly generated numbers",
    f"# (scripts/build_programmes.py, numpy default_rng seed {SEED}). Partner names and regions",
    "# come from partner_countries.csv. For learning and testing the portfolio tools only.",
]

#: (programme id, partner ISO3, sector, title): written by hand, illustrative.
PROGRAMMES: tuple[tuple[str, str, str, str], ...] = (
    ("MYS-HALAL", "MYS", "trade", "Halal certification mutual recognition"),
    ("MYS-PEAT", "MYS", "environment", "Peatland fire prevention and haze monitoring"),
    ("SGP-DIGIGOV", "SGP", "digital", "Digital government services exchange"),
    ("SGP-PORT", "SGP", "maritime", "Port logistics and customs training"),
    ("THA-RICE", "THA", "agriculture", "Rice seed and irrigation research"),
    ("THA-TOUR", "THA", "education", "Tourism vocational training"),
    ("PHL-TYPHOON", "PHL", "disaster_risk", "Typhoon early-warning cooperation"),
    ("PHL-SEAWEED", "PHL", "agriculture", "Seaweed aquaculture value chain"),
    ("VNM-IUU", "VNM", "maritime", "Joint patrols against illegal fishing"),
    ("VNM-COFFEE", "VNM", "agriculture", "Coffee smallholder productivity"),
    ("TLS-HEALTH", "TLS", "health", "Health workforce training"),
    ("TLS-POWER", "TLS", "energy", "Rural electrification with solar mini-grids"),
    ("KHM-TEACH", "KHM", "education", "Teacher exchange programme"),
    ("LAO-GRID", "LAO", "energy", "Regional power grid feasibility study"),
    ("JPN-RESIL", "JPN", "disaster_risk", "Disaster-resilient infrastructure standards"),
    ("JPN-CARE", "JPN", "health", "Caregiver training and placement"),
    ("KOR-SMART", "KOR", "digital", "Smart city pilot projects"),
    ("KOR-BATT", "KOR", "energy", "Electric-vehicle battery supply chain"),
    ("CHN-RAIL", "CHN", "infrastructure", "Railway technical training"),
    ("IND-PHARMA", "IND", "health", "Generic medicines regulatory cooperation"),
    ("IND-DPI", "IND", "digital", "Digital public infrastructure exchange"),
    ("BGD-TEXTILE", "BGD", "education", "Textile industry skills programme"),
    ("AUS-SCHOLAR", "AUS", "education", "Postgraduate scholarships"),
    ("AUS-BIOSEC", "AUS", "agriculture", "Biosecurity and animal health"),
    ("NZL-GEO", "NZL", "energy", "Geothermal energy expertise"),
    ("PNG-BORDER", "PNG", "health", "Border health posts"),
    ("PNG-TRADE", "PNG", "trade", "Cross-border trade facilitation"),
    ("ARE-FIN", "ARE", "trade", "Islamic finance capacity building"),
    ("TUR-QUAKE", "TUR", "disaster_risk", "Earthquake engineering exchange"),
    ("DEU-DUAL", "DEU", "education", "Dual vocational education"),
    ("DEU-ENERGY", "DEU", "energy", "Energy transition advisory"),
    ("NLD-COAST", "NLD", "disaster_risk", "Coastal protection and water management"),
    ("USA-LABS", "USA", "health", "Pandemic preparedness laboratory network"),
    ("BRA-TROPAG", "BRA", "agriculture", "Tropical agriculture research"),
    ("NGA-PALM", "NGA", "agriculture", "Sustainable palm oil smallholders"),
    ("EGY-EDU", "EGY", "education", "Islamic higher-education exchange"),
)

COLUMNS = (
    # column, meaning, unit, objective
    ("programme", "programme identifier (partner ISO3 and a short tag)", "code", ""),
    ("title", "programme title (hand-written, illustrative)", "text", ""),
    ("partner_iso3", "ISO 3166-1 alpha-3 code of the partner country", "code", ""),
    ("partner", "partner country name, as in partner_countries.csv", "text", ""),
    ("region", "UN M49 sub-region of the partner, as in partner_countries.csv", "text", ""),
    ("sector", "sector of the programme (hand-written, illustrative)", "text", ""),
    ("cost", "total cost over the programme's duration (illustrative)", "USD million", "min"),
    ("duration_years", "duration (illustrative)", "years", "min"),
    ("expected_benefit", "expected benefit for Indonesia (illustrative)", "score 0-10", "max"),
    ("feasibility", "feasibility of implementation (illustrative)", "score 0-10", "max"),
    ("alignment", "alignment with national priorities (illustrative)", "score 0-10", "max"),
    (
        "risk",
        "implementation risk (illustrative, drawn around the partner's risk)",
        "score 0-10",
        "min",
    ),
    ("illustrative", "always True: the values are illustrative, not data", "bool", ""),
)


def _read_partners() -> dict[str, dict[str, str]]:
    with PARTNERS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def _score(value: float) -> float:
    return round(float(np.clip(value, 0.0, 10.0)), 1)


def build() -> list[dict[str, object]]:
    """Return the rows of the dataset (deterministic)."""
    partners = _read_partners()
    unknown = sorted({iso for _, iso, _, _ in PROGRAMMES} - set(partners))
    if unknown:
        raise SystemExit(f"partners not in {PARTNERS_FILE.name}: {', '.join(unknown)}")
    rng = np.random.default_rng(SEED)
    rows = []
    for programme, iso3, sector, title in PROGRAMMES:
        partner = partners[iso3]
        duration = int(rng.integers(1, 6))
        cost = round(float(duration * rng.lognormal(mean=0.3, sigma=0.5)), 1)
        benefit = _score(rng.normal(6.0, 1.6))
        feasibility = _score(rng.normal(6.5, 1.4))
        alignment = _score(rng.normal(6.0, 1.8))
        risk = _score(2.0 + 6.0 * float(partner["risk"]) + rng.normal(0.0, 1.0))
        rows.append(
            {
                "programme": programme,
                "title": title,
                "partner_iso3": iso3,
                "partner": partner["country"],
                "region": partner["region"],
                "sector": sector,
                "cost": max(cost, 0.3),
                "duration_years": duration,
                "expected_benefit": benefit,
                "feasibility": feasibility,
                "alignment": alignment,
                "risk": risk,
                "illustrative": True,
            }
        )
    return rows


def write(out_dir: Path) -> None:
    rows = build()
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "programmes.csv").open("w", encoding="utf-8", newline="") as handle:
        for line in HEADER:
            handle.write(line + "\n")
        writer = csv.DictWriter(handle, fieldnames=[c[0] for c in COLUMNS], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with (out_dir / "programmes_metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["column", "meaning", "unit", "objective", "source"])
        for column, meaning, unit, objective in COLUMNS:
            if column in ("partner", "region", "partner_iso3"):
                source = "partner_countries.csv (coopdecide bundled dataset)"
            elif column == "illustrative":
                source = "constant flag set by scripts/build_programmes.py"
            elif column in ("programme", "title", "sector"):
                source = "ILLUSTRATIVE: written by hand in scripts/build_programmes.py"
            else:
                source = f"ILLUSTRATIVE: random, scripts/build_programmes.py seed {SEED}"
            writer.writerow([column, meaning, unit, objective, source])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args()
    write(args.out_dir)


if __name__ == "__main__":
    main()
