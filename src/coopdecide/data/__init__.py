"""Official indicator files to decision problems: readers, country matching, transforms.

The readers take the files a ministry downloads, in their official layouts,
and return one tidy :class:`Indicators` table (ISO3 country, year, indicator,
value, standard error or bounds where the source gives them, source):

- :func:`read_wgi`: World Bank Worldwide Governance Indicators (the Excel
  workbook or the long CSV);
- :func:`read_wdi`: World Development Indicators CSV (aggregates dropped);
- :func:`read_hofstede`: Hofstede's dimension table (user-supplied: not
  openly licensed);
- :func:`read_cepii_dist` and :func:`read_cepii_geo`: CEPII GeoDist;
- :func:`read_indicators_csv`: any tidy ``country, year, indicator, value`` CSV.

:meth:`Indicators.to_problem` chooses a year per
indicator, transforms indicators into criteria (Kogut-Singh cultural
distance, difference to the focal country, log, rank, z-score) and applies an
explicit missing-value policy; imputed cells carry an interval that
:func:`coopdecide.sensitivity.smaa` propagates.
"""

from __future__ import annotations

from coopdecide.data.build import Criterion, Impute
from coopdecide.data.countries import (
    WORLD_BANK_AGGREGATES,
    CountryMatch,
    country_name,
    match_countries,
    to_iso3,
)
from coopdecide.data.indicators import Indicators
from coopdecide.data.readers import (
    read_cepii_dist,
    read_cepii_geo,
    read_hofstede,
    read_indicators_csv,
)
from coopdecide.data.result import IndicatorProblem
from coopdecide.data.transforms import TRANSFORMS, KogutSingh, kogut_singh
from coopdecide.data.worldbank import WGI_INDICATORS, read_wdi, read_wgi

__all__ = [
    "TRANSFORMS",
    "WGI_INDICATORS",
    "WORLD_BANK_AGGREGATES",
    "CountryMatch",
    "Criterion",
    "Impute",
    "IndicatorProblem",
    "Indicators",
    "KogutSingh",
    "country_name",
    "kogut_singh",
    "match_countries",
    "read_cepii_dist",
    "read_cepii_geo",
    "read_hofstede",
    "read_indicators_csv",
    "read_wdi",
    "read_wgi",
    "to_iso3",
]
