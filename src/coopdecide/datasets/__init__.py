"""Bundled real example data, with loaders.

- :func:`load_partner_countries`: the candidate cooperation partners of a focal
  country (Indonesia by default, any of 187 by ISO3 code) on six criteria
  computed relative to it (UN General Assembly vote agreement, cultural
  distance, WGI regulatory quality, visa openness both ways, economic size,
  WGI political stability as risk), as a DecisionProblem;
  :func:`load_partner_countries_table` gives the whole table (raw indicators too)
  as a DataFrame, :func:`partner_countries_metadata` describes every column
  (meaning, unit, objective, source, year, licence),
  :func:`partner_countries_standard_errors` gives the WGI standard errors for
  SMAA's data uncertainty and :func:`partner_countries_excluded` the countries
  left out, with the reason.
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
    partner_countries_excluded,
    partner_countries_metadata,
    partner_countries_standard_errors,
)
from coopdecide.datasets.programmes import load_programmes

__all__ = [
    "load_partner_countries",
    "load_partner_countries_table",
    "load_programmes",
    "partner_countries_excluded",
    "partner_countries_metadata",
    "partner_countries_standard_errors",
]
