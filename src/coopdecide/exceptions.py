"""Errors and warnings raised by coopdecide.

Every error is a subclass of :class:`CoopdecideError` and of a built-in
``ValueError`` or ``TypeError`` (bad input), or ``RuntimeError`` for a failure
of the environment (:class:`ExecutorError`), so callers can catch either the
library's own class or the built-in one. Messages name the argument, what was expected and
what was given, for example ``"weights must be non-negative; got -0.1 for
'trade'"``.

Warnings are subclasses of :class:`CoopdecideWarning` (a ``UserWarning``) and
flag methodological problems an analyst must see, such as an inconsistent
comparison matrix; they never stop a computation.
"""

from __future__ import annotations

__all__ = [
    "ControlCharacterWarning",
    "CoopdecideError",
    "CoopdecideWarning",
    "DataFileError",
    "DisconnectedComparisonError",
    "DominatedAlternativeWarning",
    "ExecutorError",
    "InconsistentComparisonWarning",
    "InfeasiblePortfolioError",
    "InvalidArgumentError",
    "InvalidComparisonError",
    "InvalidProblemError",
    "InvalidTypeError",
    "InvalidWeightsError",
    "MethodWarning",
    "QuestionnaireError",
    "QuestionnaireWarning",
    "StudyFileError",
    "UnknownCountryError",
    "UnknownMethodError",
    "ZeroRangeCriterionWarning",
]


class CoopdecideError(Exception):
    """Base class of every error raised by coopdecide."""


class InvalidArgumentError(CoopdecideError, ValueError):
    """An argument has a value outside what the function accepts."""


class InvalidTypeError(CoopdecideError, TypeError):
    """An argument has a type the function does not accept."""


class UnknownMethodError(InvalidArgumentError):
    """A method, normalization, table or other named option does not exist."""


class InvalidProblemError(InvalidArgumentError):
    """A decision problem's performance table, labels or objectives are invalid."""


class InvalidWeightsError(InvalidArgumentError):
    """Criteria or expert weights are invalid (negative, NaN, all zero, mislabelled)."""


class InvalidComparisonError(InvalidArgumentError):
    """A pairwise comparison matrix or set of judgments is invalid."""


class DisconnectedComparisonError(InvalidComparisonError):
    """The known judgments of an incomplete comparison do not connect all items."""


class InfeasiblePortfolioError(InvalidArgumentError):
    """The constraints of a portfolio selection cannot all be met."""


class StudyFileError(InvalidArgumentError):
    """A study file is malformed; the message names the file and the key path."""


class QuestionnaireError(InvalidArgumentError):
    """A filled questionnaire workbook has a bad entry; names the sheet and cell."""


class DataFileError(InvalidArgumentError):
    """An indicator file is not in the expected layout or has a bad cell.

    The message names the file, the line (or sheet and row) and the column.
    """


class UnknownCountryError(InvalidArgumentError):
    """A country name or code matches no country; the message suggests a close one."""


class ExecutorError(CoopdecideError, RuntimeError):
    """An executor lost the worker running part of a computation (a killed process)."""


class CoopdecideWarning(UserWarning):
    """Base class of the methodological warnings issued by coopdecide."""


class InconsistentComparisonWarning(CoopdecideWarning):
    """A comparison matrix's consistency ratio is above the chosen threshold."""


class DominatedAlternativeWarning(CoopdecideWarning):
    """An alternative is dominated by another on every criterion."""


class ZeroRangeCriterionWarning(CoopdecideWarning):
    """A criterion has the same value for every alternative and cannot discriminate."""


class ControlCharacterWarning(CoopdecideWarning):
    """Text shown in a report or on the terminal held control characters, shown escaped.

    Bidirectional overrides (U+202E and its kin) can make text display in
    another order than it is stored; terminal escapes can rewrite a screen.
    """


class QuestionnaireWarning(CoopdecideWarning):
    """A filled questionnaire holds entries that are not read (rows added to a sheet)."""


class MethodWarning(CoopdecideWarning):
    """A warning raised by a delegated method (for example from pymcdm), re-issued."""
