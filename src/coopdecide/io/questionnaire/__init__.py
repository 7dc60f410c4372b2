"""Excel questionnaires that ask experts for pairwise-comparison judgments.

:func:`write_questionnaire` writes a workbook with one sheet per expert. Each
sheet lists every pair of criteria (one *block* of pairs for the criteria, and
one more block per group when the criteria form a hierarchy) with two
dropdowns: which of the two is more important (``A``, ``B`` or ``equal``) and
how much, on Saaty's 1-9 scale with its verbal labels. An ``Instructions``
sheet explains in plain language how to fill it in, and a hidden sheet records
the format version, the criteria of every block and which sheet belongs to
which expert, so that :func:`read_questionnaire` can read the filled workbook
back into :class:`~coopdecide.ahp.PairwiseComparison` objects, one per expert
and block, and name the sheet and cell of every bad entry.

openpyxl is an optional dependency (``pip install coopdecide[excel]``); it is
imported only when a workbook is written or read.

The package's modules: :mod:`~.write` (the workbook), :mod:`~.read` (the
answers back, every bad cell named), :mod:`~.fill` (answers filled in
programmatically), :mod:`~.feedback` (the next Delphi round's workbook, each
expert's judgments beside the group's), :mod:`~.responses` (:class:`QuestionnaireResponses`), with
the layout and the checks they share in ``_layout`` and the cell styles in
``_styles``.
"""

from coopdecide.io.questionnaire._layout import (
    DIRECTIONS,
    FORMAT_VERSION,
    INSTRUCTIONS_SHEET,
    METADATA_SHEET,
    SCALE_LABELS,
)
from coopdecide.io.questionnaire.feedback import write_feedback_questionnaire
from coopdecide.io.questionnaire.fill import fill_questionnaire
from coopdecide.io.questionnaire.read import read_questionnaire
from coopdecide.io.questionnaire.responses import QuestionnaireResponses
from coopdecide.io.questionnaire.write import write_questionnaire

__all__ = [
    "DIRECTIONS",
    "FORMAT_VERSION",
    "INSTRUCTIONS_SHEET",
    "METADATA_SHEET",
    "SCALE_LABELS",
    "QuestionnaireResponses",
    "fill_questionnaire",
    "read_questionnaire",
    "write_feedback_questionnaire",
    "write_questionnaire",
]
