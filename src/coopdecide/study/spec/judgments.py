"""Inline pairwise judgments of a study file, and the names they may use.

A judgment is written ``"a > b": 3`` (a mapping) or ``[a, b, 3]`` (a list of
triples); both read into ``(a, b, value)`` triples with ``value >= 1``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from coopdecide._validation import describe, show_number
from coopdecide.exceptions import StudyFileError
from coopdecide.study.spec.errors import Source, study_error

__all__ = ["Judgment", "check_name", "judgments_to_mapping", "parse_judgments"]

#: One judgment: the more important item, the other, how much more important (>= 1).
Judgment = tuple[str, str, float]
#: Builds the exception raised for a bad judgment from a message template and its context.
_Fail = Callable[..., Exception]

_JUDGMENT_KEY = re.compile(r"^\s*(?P<a>[^<>=]+?)\s*(?P<op>>|<|=)\s*(?P<b>[^<>=]+?)\s*$")
_FORBIDDEN_IN_NAMES = (">", "<", "=")


def _number(value: Any) -> float | None:
    """A judgment value: a number, or a fraction or number written as text ('1/3')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(Fraction(text))
        except (ValueError, ZeroDivisionError):
            return None
    return None


def parse_judgments(value: Any, *, error: Any = None) -> tuple[Judgment, ...] | None:
    """Read inline judgments into ``(a, b, value)`` triples with ``value >= 1``.

    Two forms are accepted:

    - a mapping ``{"a > b": 3, "b = c": 1, "c < d": 5}``: ``a > b: 3`` means a
      is 3 times as important as b, ``c < d: 5`` that d is 5 times as
      important as c, ``b = c: 1`` that they are equally important;
    - a list of ``[a, b, value]`` triples, ``value`` being how much more
      important a is than b (``1/3`` or ``"1/3"`` when b is more important).

    Values are numbers or fractions written as text (``"1/3"``), between 1/9
    and 9 (Saaty's scale). Each triple is returned with ``value >= 1`` (the
    more important item first), so the same judgments always read the same.

    Parameters
    ----------
    value : mapping or list
        The judgments as written in the file. ``None`` is returned unchanged.
    error : callable, optional
        The exception type raised (called as ``error(kind, message, context)``
        like ``pydantic_core.PydanticCustomError``); default
        :class:`~coopdecide.exceptions.StudyFileError` with the message only.

    Examples
    --------
    >>> parse_judgments({"trade > risk": 3, "risk < culture": "2", "trade = culture": 1})
    (('trade', 'risk', 3.0), ('culture', 'risk', 2.0), ('trade', 'culture', 1.0))
    >>> parse_judgments([["trade", "risk", "1/3"]])
    (('risk', 'trade', 3.0),)
    """
    if value is None:
        return None

    def fail(message: str, **context: Any) -> Exception:
        if error is None:
            return StudyFileError(message.format(**context))
        return error("study", message, context)

    if isinstance(value, Mapping):
        triples = [_mapped_judgment(key, raw, fail) for key, raw in value.items()]
    elif isinstance(value, (list, tuple)):
        triples = [_listed_judgment(position, entry, fail) for position, entry in enumerate(value)]
    else:
        raise fail(
            "expected a mapping of 'A > B': value entries or a list of [A, B, value] "
            "triples, got {given}",
            given=type(value).__name__,
        )
    for a, b, _ in triples:
        if a == b:
            raise fail("a criterion cannot be compared with itself: {a}", a=describe(a))
    return tuple(triples)


def _mapped_judgment(key: Any, raw: Any, fail: _Fail) -> Judgment:
    """``"a > b": 3`` (or ``<``, ``=``) as a triple."""
    if not isinstance(key, str):
        raise fail(
            "keys must read 'A > B', 'A < B' or 'A = B'; got the key {key}", key=describe(key)
        )
    match = _JUDGMENT_KEY.match(key)
    if match is None:
        raise fail(
            "{key}: expected 'A > B', 'A < B' or 'A = B' (A and B criteria, with "
            "spaces around the sign)",
            key=describe(key),
        )
    a, op, b = match["a"], match["op"], match["b"]
    number = _number(raw)
    if number is None:
        raise fail(
            "{key}: expected a number on Saaty's scale (1 to 9), got {given}",
            key=describe(key),
            given=describe(raw),
        )
    if op == "=":
        if number != 1:
            raise fail(
                "{key}: 'A = B' means equal importance, so the value must be 1; got "
                "{given} (write 'A > B: {given}' if A is more important)",
                key=describe(key),
                given=show_number(number),
            )
        return (a, b, 1.0)
    if not (1 <= number <= 9):
        hint = (
            f" (write the more important item first: '{b} {op} {a}: {1 / number:g}')"
            if 0 < number < 1
            else ""
        )
        raise fail(
            "{key}: expected a value from 1 to 9 after '>' or '<', got {given}{hint}",
            key=describe(key),
            given=show_number(number),
            hint=hint,
        )
    return (a, b, number) if op == ">" else (b, a, number)


def _listed_judgment(position: int, entry: Any, fail: _Fail) -> Judgment:
    """``[a, b, value]`` as a triple with the more important item first."""
    if not isinstance(entry, (list, tuple)) or len(entry) != 3:
        raise fail(
            "entry {position}: expected [A, B, value] (A is value times as important "
            "as B), got {given}",
            position=position,
            given=describe(entry),
        )
    a, b, raw = entry
    for label in (a, b):
        if not isinstance(label, str):
            raise fail(
                "entry {position}: criteria must be names (text), got {given}",
                position=position,
                given=describe(label),
            )
    number = _number(raw)
    if number is None or not (1 / 9 - 1e-9 <= number <= 9):
        raise fail(
            "entry {position}: expected a value from 1/9 to 9 (how much more important "
            "{a} is than {b}), got {given}",
            position=position,
            a=describe(a),
            b=describe(b),
            given=describe(raw),
        )
    if number < 1:
        inverse = 1.0 / Fraction(raw.strip()) if isinstance(raw, str) else 1.0 / number
        return (b, a, float(inverse))
    return (a, b, number)


def judgments_to_mapping(triples: Sequence[tuple[str, str, float]]) -> dict[str, float | int]:
    """Write judgment triples in the mapping form ``{"a > b": 3}`` (the form files use).

    Examples
    --------
    >>> judgments_to_mapping([("trade", "risk", 3.0), ("trade", "culture", 1.0)])
    {'trade > risk': 3, 'trade = culture': 1}
    """
    out: dict[str, float | int] = {}
    for a, b, value in triples:
        number: float | int = int(value) if float(value).is_integer() else float(value)
        if value == 1:
            out[f"{a} = {b}"] = 1
        else:
            out[f"{a} > {b}"] = number
    return out


def check_name(source: Source, loc: Sequence[Any], name: str) -> None:
    """Reject criterion names that the judgment form ``'A > B'`` could not read."""
    bad = [sign for sign in _FORBIDDEN_IN_NAMES if sign in name]
    if bad or name != name.strip() or not name:
        raise study_error(
            source,
            loc,
            f"criterion names must be non-empty, without leading or trailing spaces and "
            f"without '>', '<' or '='; got {describe(name)}",
        )
