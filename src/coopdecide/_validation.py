"""Argument checks shared by the public functions.

Each helper raises an error from :mod:`coopdecide.exceptions` whose message
names the argument, what was expected and what was given.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidTypeError,
    UnknownMethodError,
)

RandomState = None | int | np.random.Generator


def plain(value: Any) -> Any:
    """Return ``value`` with numpy scalars turned into the Python values they hold.

    Lists, tuples, sets and dicts are converted element by element (their
    subclasses, such as named tuples, are left alone); anything else is
    returned unchanged.

    Examples
    --------
    >>> plain(np.int64(3)), plain([np.float64(0.5), "a"]), plain({np.str_("x"): np.True_})
    (3, [0.5, 'a'], {'x': True})
    """
    if isinstance(value, np.generic):
        return value.item()
    kind = type(value)
    if kind in (list, tuple, set, frozenset):
        return kind(plain(item) for item in value)
    if kind is dict:
        return {plain(key): plain(item) for key, item in value.items()}
    return value


#: Longest value shown in a message, in characters (a longer one is cut with "...").
MESSAGE_WIDTH = 240
#: Characters of a string (or bytes) shown before "...".
_TEXT_SHOWN = 200
#: Containers nested deeper than this show as ``[...]``.
_DEPTH_SHOWN = 3
#: Elements shown in all, across every level of a nested value.
_ITEMS_SHOWN = 10

_BRACKETS: dict[type, tuple[str, str]] = {list: ("[", "]"), tuple: ("(", ")"), dict: ("{", "}")}


def describe(value: Any) -> str:
    """Show a value in an error message: a bounded repr, without numpy scalar wrappers.

    numpy 2 writes ``np.int64(1)`` and ``np.float64(0.5)`` where users typed
    ``1`` and ``0.5``; messages show the plain value instead. The text is at
    most :data:`MESSAGE_WIDTH` characters: long strings, long or deeply
    nested containers are cut with ``...``, and the work is bounded too (at
    most a few elements are visited, so a value whose parts are shared many
    times over, such as a YAML alias bomb, is never expanded).

    Examples
    --------
    >>> describe(np.int64(1)), describe("trade"), describe((np.str_("a"), np.float64(0.5)))
    ('1', "'trade'", "('a', 0.5)")
    >>> describe(list(range(50)))
    '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (50 items)]'
    >>> describe([[[["deep"]]]])
    '[[[[...]]]]'
    """
    return _cut(_bounded_repr(value, _DEPTH_SHOWN, [_ITEMS_SHOWN]), MESSAGE_WIDTH)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _bounded_repr(value: Any, depth: int, budget: list[int]) -> str:
    """The repr of ``value`` visiting at most ``budget[0]`` elements, ``depth`` levels down."""
    if isinstance(value, np.generic):
        value = value.item()
    kind = type(value)
    if kind in (str, bytes) and len(value) > _TEXT_SHOWN:
        unit = "characters" if kind is str else "bytes"
        return f"{value[:_TEXT_SHOWN]!r}... ({len(value)} {unit})"
    if kind not in (list, tuple, dict, set, frozenset) or not value:
        return _cut(repr(value), MESSAGE_WIDTH)
    opening, closing = _BRACKETS.get(kind, ("{", "}"))
    if kind is frozenset:
        opening, closing = "frozenset({", "})"
    if depth == 0:
        return f"{opening}...{closing}"
    parts = []
    for item in value.items() if kind is dict else value:
        if budget[0] <= 0:
            parts.append(f"... ({len(value)} items)")
            break
        budget[0] -= 1
        if kind is dict:
            key, item = item
            parts.append(f"{_bounded_repr(key, 1, [4])}: {_bounded_repr(item, depth - 1, budget)}")
        else:
            parts.append(_bounded_repr(item, depth - 1, budget))
    trailing = "," if kind is tuple and len(value) == 1 else ""
    return f"{opening}{', '.join(parts)}{trailing}{closing}"


def show_number(value: Any) -> str:
    """Show a number in a message as given: every digit that tells it apart, no ``:g`` rounding.

    ``f"{3.0000000001:g}"`` is ``'3'``, which makes a refusal of 3.0000000001
    read "got 3"; this shows the shortest text that reads back as the same
    float, without a trailing ``.0`` for whole numbers.

    Examples
    --------
    >>> show_number(3.0000000001), show_number(3.0), show_number(np.float64(0.1))
    ('3.0000000001', '3', '0.1')
    """
    number = float(value)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def format_labels(labels: Iterable[Any], limit: int = 8) -> str:
    """Render labels as a short, quoted, comma-separated list.

    Examples
    --------
    >>> format_labels(np.array([10, 20]))
    '10, 20'
    >>> format_labels(["a", "b", "c"], limit=2)
    "'a', 'b', ... (1 more)"
    """
    labels = list(labels)
    items = [describe(label) for label in labels[:limit]]
    if len(labels) > limit:
        items.append(f"... ({len(labels) - limit} more)")
    return ", ".join(items)


def values_by_criterion(
    name: str,
    mapping: Mapping[Any, Any],
    labels: Collection[Any],
    *,
    error: type[Exception] = InvalidArgumentError,
) -> list[Any]:
    """The values of ``mapping`` in the order of the criteria ``labels``.

    Raises ``error`` if ``mapping`` names a criterion not in ``labels`` or
    leaves one out.
    """
    unknown = [key for key in mapping if key not in labels]
    if unknown:
        raise error(
            f"{name} names criteria that do not exist: {format_labels(unknown)}; "
            f"the criteria are {format_labels(labels)}"
        )
    missing = [label for label in labels if label not in mapping]
    if missing:
        raise error(f"{name} is missing criteria: {format_labels(missing)}")
    return [mapping[label] for label in labels]


def check_option(name: str, value: Any, allowed: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise UnknownMethodError."""
    if not isinstance(value, str) or value not in allowed:
        raise UnknownMethodError(
            f"{name} must be one of {format_labels(allowed, limit=50)}; got {describe(value)}"
        )
    return value


def closest(value: Any, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate closest to the string ``value`` (:mod:`difflib` ratio >= ``cutoff``), or None.

    Examples
    --------
    >>> closest("nomralization", ["normalization", "v"])
    'normalization'
    """
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(value: Any, candidates: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` if ``value`` is a string close to a candidate, else ``""``.

    Examples
    --------
    >>> did_you_mean("nomralization", ["normalization", "v"])
    " (did you mean 'normalization'?)"
    >>> did_you_mean("weights", ["normalization", "v"])
    ''
    """
    match = closest(value, candidates)
    return "" if match is None else f" (did you mean {match!r}?)"


def check_choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """:func:`check_option` with a "did you mean" hint for a near miss.

    Examples
    --------
    >>> check_choice("preference_function", "vshape", ("usual", "vshape"))
    'vshape'
    >>> check_choice("preference_function", "vshap", ("usual", "vshape"))
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.UnknownMethodError: preference_function must be one of 'usual', \
'vshape'; got 'vshap' (did you mean 'vshape'?)
    """
    try:
        return check_option(name, value, allowed)
    except UnknownMethodError as error:
        raise UnknownMethodError(f"{error}{did_you_mean(value, allowed)}") from None


def check_interval(name: str, value: Any, low: float, high: float) -> float:
    """Return ``value`` as a float if it is a real number in ``[low, high]``.

    A non-number is an InvalidTypeError, a number outside the interval (or NaN)
    an InvalidArgumentError; both messages state the interval.

    Examples
    --------
    >>> check_interval("v", 0.25, 0, 1)
    0.25
    >>> check_interval("v", 1.5, 0, 1)
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.InvalidArgumentError: v must be a number in [0, 1]; got 1.5
    """
    message = f"{name} must be a number in [{low}, {high}]; got {describe(value)}"
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidTypeError(message)
    number = float(value)
    if not low <= number <= high:
        raise InvalidArgumentError(message)
    return number


def check_positive_int(name: str, value: Any, minimum: int = 1) -> int:
    """Return ``value`` as int if it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InvalidTypeError(f"{name} must be an integer; got {describe(value)}")
    if value < minimum:
        raise InvalidArgumentError(f"{name} must be at least {minimum}; got {value}")
    return int(value)


def check_real(
    name: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_minimum: bool = False,
) -> float:
    """Return ``value`` as a finite float within the given bounds."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidTypeError(f"{name} must be a real number; got {describe(value)}")
    result = float(value)
    if not np.isfinite(result):
        raise InvalidArgumentError(f"{name} must be finite; got {result}")
    if minimum is not None:
        if strict_minimum and result <= minimum:
            raise InvalidArgumentError(f"{name} must be greater than {minimum}; got {result}")
        if not strict_minimum and result < minimum:
            raise InvalidArgumentError(f"{name} must be at least {minimum}; got {result}")
    if maximum is not None and result > maximum:
        raise InvalidArgumentError(f"{name} must be at most {maximum}; got {result}")
    return result


def as_generator(random_state: RandomState) -> np.random.Generator:
    """Turn ``random_state`` (None, an int or a Generator) into a Generator."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, bool) or not isinstance(random_state, Integral):
        raise InvalidTypeError(
            "random_state must be None, an int or a numpy.random.Generator; "
            f"got {describe(random_state)}"
        )
    if random_state < 0:
        raise InvalidArgumentError(f"random_state must be non-negative; got {random_state}")
    return np.random.default_rng(int(random_state))
