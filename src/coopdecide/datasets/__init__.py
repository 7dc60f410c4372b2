"""Bundled real example data, with loaders.

- :func:`load_partner_countries`: Indonesia's candidate cooperation partners on six
  criteria (political alignment, cultural distance, regulatory compatibility,
  economic size, trade with Indonesia, risk), built from the CIA World Factbook,
  GeoNames, Unicode CLDR and countrygroups, as a DecisionProblem;
  :func:`load_partner_countries_table` gives the whole table (raw indicators too)
  as a DataFrame and :func:`partner_countries_metadata` describes every column
  (meaning, unit, objective, source, year, licence).
- :func:`load_programmes`: 36 ILLUSTRATIVE cooperation programmes with those partners
  (invented values, labelled so everywhere), for the portfolio examples; see
  :mod:`coopdecide.datasets.programmes`.

The data files live in ``coopdecide/datasets/data/`` and are installed with the
package; ``data/SOURCES.md`` gives their sources and licences.
"""

from __future__ import annotations

from coopdecide.datasets.partner_countries import (
    load_partner_countries,
    load_partner_countries_table,
    partner_countries_metadata,
)
from coopdecide.datasets.programmes import load_programmes

__all__ = [
    "load_partner_countries",
    "load_partner_countries_table",
    "load_programmes",
    "partner_countries_metadata",
]
