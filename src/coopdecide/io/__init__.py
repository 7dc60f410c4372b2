"""File formats: Excel questionnaires for pairwise judgments.

:func:`write_questionnaire` writes a workbook that asks each expert for
pairwise-comparison judgments, :func:`read_questionnaire` reads the filled
workbook back into :class:`~coopdecide.ahp.PairwiseComparison` objects (a
:class:`QuestionnaireResponses`), and :func:`fill_questionnaire` fills answers
in programmatically for tests and demos.
:func:`write_feedback_questionnaire` writes the next round of a Delphi
process: each expert's judgments beside the group's, ready to revise. Excel
support needs the optional dependency openpyxl (``pip install
coopdecide[excel]``), imported only when a workbook is written or read, so
importing this package stays light.
"""

from typing import Any

from coopdecide.io.questionnaire import (
    QuestionnaireResponses,
    fill_questionnaire,
    read_questionnaire,
    write_feedback_questionnaire,
    write_questionnaire,
)

__all__ = [
    "QuestionnaireResponses",
    "fill_questionnaire",
    "read_questionnaire",
    "write_feedback_questionnaire",
    "write_questionnaire",
]

# study files moved up to the study package (io is below it): say where, not just "no attribute"
_MOVED = {"read_study_file": "coopdecide.study.spec", "write_study_file": "coopdecide.study.spec"}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        raise AttributeError(
            f"coopdecide.io.{name} moved: use {_MOVED[name]}.{name} (study files are read and "
            "checked by the study package)"
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
