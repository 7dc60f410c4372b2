"""The study file format and all its validation, in one place.

A study file (YAML or JSON, see ``docs/guide/studies.md``) describes a whole
decision study. Every problem with it is reported as a
:class:`~coopdecide.exceptions.StudyFileError` whose message names the file,
the key path and what is wrong, for example::

    study.yaml: criteria.trade.objective: expected max or min (benefit and cost
    are accepted too), got 'maximum'

Modules, in the order a file is checked:

- :mod:`~coopdecide.study.spec.files`: reading and writing YAML or JSON.
- :mod:`~coopdecide.study.spec.sections` (with :mod:`~.data`,
  :mod:`~.portfolio` and :mod:`~.judgments`): one pydantic model per section
  of the file, which checks the section's keys and values.
- :mod:`~coopdecide.study.spec.options`: the analyses' options, by name and by
  value (each tried once with the library's own validation).
- :mod:`~coopdecide.study.spec.arguments`: sections as keyword arguments of
  the library's functions.
- :mod:`~coopdecide.study.spec.errors`: key paths and the error messages.

The checks that need the data (columns, alternatives, judgments of unknown
criteria) are made while the study is built, by :mod:`coopdecide.study.build`,
in the same error format.
"""

from coopdecide.study.spec.data import (
    DATASETS,
    INDICATOR_FORMATS,
    INDICATOR_TRANSFORMS,
    CriterionSpec,
    DataSpec,
    ImputeSpec,
    IndicatorFileSpec,
)
from coopdecide.study.spec.errors import key_path, study_error
from coopdecide.study.spec.files import read_study_file, write_study_file
from coopdecide.study.spec.judgments import check_name, judgments_to_mapping, parse_judgments
from coopdecide.study.spec.portfolio import (
    BudgetSweepSpec,
    PortfolioAcceptabilitySpec,
    PortfolioSpec,
)
from coopdecide.study.spec.sections import (
    FORMAT_VERSION,
    AHPSpec,
    ExpertSpec,
    RankingSpec,
    SensitivitySpec,
    StudySpec,
    parse_study,
)

__all__ = [
    "DATASETS",
    "FORMAT_VERSION",
    "INDICATOR_FORMATS",
    "INDICATOR_TRANSFORMS",
    "AHPSpec",
    "BudgetSweepSpec",
    "CriterionSpec",
    "DataSpec",
    "ExpertSpec",
    "ImputeSpec",
    "IndicatorFileSpec",
    "PortfolioAcceptabilitySpec",
    "PortfolioSpec",
    "RankingSpec",
    "SensitivitySpec",
    "StudySpec",
    "check_name",
    "judgments_to_mapping",
    "key_path",
    "parse_judgments",
    "parse_study",
    "read_study_file",
    "study_error",
    "write_study_file",
]
