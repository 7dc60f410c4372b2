"""Study-file errors: key paths, :class:`StudyFileError` and the translation of other errors.

Every problem with a study is a :class:`~coopdecide.exceptions.StudyFileError`
whose message names the file, the key path and the problem. This module builds
them from three sources: the checks of the study package itself
(:func:`study_error`), pydantic's validation errors of the file's structure
(:func:`format_validation_errors`) and the library's own errors when an option
value is tried or a stage runs (:func:`option_error`, :func:`stage`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Literal

from coopdecide._validation import closest, describe
from coopdecide.exceptions import CoopdecideError, StudyFileError

__all__ = [
    "Loc",
    "Nested",
    "Source",
    "format_validation_errors",
    "key_path",
    "option_error",
    "stage",
    "study_error",
    "warning_text",
]

#: Where a study came from, named in error messages (a path, or None for plain data).
Source = str | os.PathLike[str] | None
#: A key path such as ``("criteria", "trade", "objective")``.
Loc = tuple[Any, ...]
#: Argument names of sub-sections -> (their key path, their settings).
Nested = Mapping[str, tuple[Loc, Any]]


def key_path(parts: Sequence[Any]) -> str:
    """Render a location such as ``("criteria", "trade", "objective")`` as a dotted path.

    Examples
    --------
    >>> key_path(("experts", 0, "judgments"))
    'experts[0].judgments'
    >>> key_path(("criteria", "GDP per capita", "unit"))
    "criteria['GDP per capita'].unit"
    """
    out = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        elif isinstance(part, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{describe(str(part))}]"
    return out


def study_error(source: Source, path: Sequence[Any] | str | None, problem: str) -> StudyFileError:
    """Build a :class:`StudyFileError` naming the file, the key path and the problem.

    The error has the attributes ``file`` (str or None), ``key`` (the dotted
    key path, or None) and ``problem``.

    Examples
    --------
    >>> error = study_error("study.yaml", ("criteria", "trade", "objective"), "bad")
    >>> str(error)
    'study.yaml: criteria.trade.objective: bad'
    """
    key = path if isinstance(path, str) or path is None else key_path(path)
    name = None if source is None else str(source)
    prefix = "" if name is None else f"{name}: "
    where = "" if not key else f"{key}: "
    error = StudyFileError(f"{prefix}{where}{problem}")
    error.file = name  # type: ignore[attr-defined]
    error.key = key  # type: ignore[attr-defined]
    error.problem = problem  # type: ignore[attr-defined]
    return error


def warning_text(message: object) -> str:
    """A warning's or error's message on one line."""
    return " ".join(str(message).split())


# ---------------------------------------------------------------------------
# pydantic's validation errors (the structure of the file)
# ---------------------------------------------------------------------------
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "list_type": "a list",
    "tuple_type": "a list",
    "int_from_float": "an integer",
}
_SIGNS = {
    "greater_than_equal": ">=",
    "greater_than": ">",
    "less_than_equal": "<=",
    "less_than": "<",
}
_UNION_TAGS = {"str", "int", "float", "bool", "none", "dict", "list", "tuple"}


def _describe(error: Mapping[str, Any], known_keys: Sequence[str]) -> str:
    kind = error.get("type", "")
    given = error.get("input")
    context = error.get("ctx") or {}
    loc = error.get("loc") or ()
    if kind == "missing":
        return "required key is missing"
    if loc and loc[-1] == "[key]":
        return (
            f"names must be text, got the key {describe(given)} (in YAML, quote names that read as "
            "numbers or as yes, no, on, off, true, false)"
        )
    if kind == "extra_forbidden":
        close = closest(str(loc[-1]) if loc else "", sorted(known_keys), cutoff=0.75)
        hint = "" if close is None else f" (did you mean {describe(close)}?)"
        return f"unknown key{hint}"
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", "")
        return f"expected {expected}, got {describe(given)}"
    if kind in _TYPE_NAMES:
        return f"expected {_TYPE_NAMES[kind]}, got {describe(given)}"
    if kind in _SIGNS:
        bound = next(iter(context.values()), "")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return f"expected a number {_SIGNS[kind]} {bound}, got {describe(given)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "study":
        return str(error.get("msg", ""))
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{message[:1].lower()}{message[1:]}, got {describe(given)}"


def _location(error: Mapping[str, Any]) -> Loc:
    # drop pydantic's union/validator tags (e.g. 'function-after[...]', 'tuple[...]')
    loc = tuple(error.get("loc") or ())
    if loc and loc[-1] == "[key]":  # a mapping key of the wrong type: name the mapping
        return loc[:-2]
    return tuple(
        part
        for part in loc
        if not (
            isinstance(part, str) and (("[" in part and part.endswith("]")) or part in _UNION_TAGS)
        )
    )


def format_validation_errors(
    errors: Sequence[Mapping[str, Any]], source: Source, known_keys: Sequence[str]
) -> StudyFileError:
    """One StudyFileError for pydantic's errors: the first in full, up to five more briefly.

    ``known_keys`` are the keys a study file may use, for the did-you-mean hint
    of an unknown key.
    """
    seen: list[tuple[Loc, str]] = []
    for error in errors:
        item = (_location(error), _describe(error, known_keys))
        # a union reports one error per branch: keep the first per location
        if any(loc == item[0] for loc, _ in seen):
            continue
        seen.append(item)
    first_loc, problem = seen[0]
    if len(seen) > 1:
        rest = "; ".join(f"{key_path(loc) or '(top level)'}: {p}" for loc, p in seen[1:6])
        more = f" ... ({len(seen) - 6} more)" if len(seen) > 6 else ""
        problem = f"{problem} (and {len(seen) - 1} more: {rest}{more})"
    return study_error(source, first_loc or "(top level)", problem)


# ---------------------------------------------------------------------------
# the library's errors, at the key path of the option they name
# ---------------------------------------------------------------------------
_ARGUMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<index>(?:\[[^\]]*\])*)")
_ONE_OF = re.compile(r"^must be one of (?P<allowed>.*); got (?P<given>.*)$")


def named_argument(error: BaseException) -> str | None:
    """The argument a library message starts with (``"steps must be ..."`` -> ``"steps"``)."""
    match = _ARGUMENT.match(warning_text(error))
    return match["name"] if match else None


def option_error(
    source: Source,
    where: str | Loc,
    options: Mapping[str, Any],
    error: BaseException,
    *,
    nested: Nested | None = None,
) -> StudyFileError:
    """A StudyFileError at the most specific key path the library's message allows.

    The library's messages start with the argument they reject
    (``"normalization must be one of ...; got 'l2'"``), so an argument that is one
    of the section's ``options`` extends the key path (with its index, as in
    ``methods[3]``). ``nested`` maps argument names of sub-sections (``spread``,
    ``steps``) to their key path and settings. Otherwise the option whose value
    the message quotes is named, or the only option of a section given as a
    tuple of keys, else the section.
    """
    base: Loc = (where,) if isinstance(where, str) else tuple(where)
    message = warning_text(error)
    loc = base
    problem = message
    match = _ARGUMENT.match(message)
    name: str = match["name"] if match else ""
    if match and name in options:
        indices = [
            int(part) if part.isdigit() else part.strip("'\"")
            for part in re.findall(r"\[([^\]]*)\]", match["index"])
        ]
        loc = (*base, name, *indices)
        problem = _without_argument(message, match.end())
    elif match and nested and name in nested:
        loc, _ = nested[name]
        problem = _without_argument(message, match.end())
    else:
        quoted = [
            key
            for key, value in options.items()
            if isinstance(value, str) and (repr(value) in message or f'"{value}"' in message)
        ]
        if len(quoted) == 1:
            loc = (*base, quoted[0])
        elif len(options) == 1 and not isinstance(where, str):
            loc = (*base, next(iter(options)))
    one_of = _ONE_OF.match(problem)
    if one_of:
        problem = f"expected one of {one_of['allowed']}, got {one_of['given']}"
    if not isinstance(error, CoopdecideError):  # raised inside a delegated library
        problem = f"not accepted ({type(error).__name__}: {problem})"
    return study_error(source, loc, problem)


def _without_argument(message: str, end: int) -> str:
    """``"steps must be ...; got -1"`` -> ``"must be ...; got -1"`` (the key path names it)."""
    rest = message[end:].lstrip(" :")
    return rest if re.match(r"(must|should) ", rest) else message


class stage:
    """Context manager turning a library error into a StudyFileError naming the key path.

    ``where`` is the section (``"ranking"`` or a tuple of keys); with ``options``
    (the section's settings) the error is reported at the option it names, and
    with ``nested`` at the key path of an argument of a sub-section, see
    :func:`option_error`. Other exceptions pass through unchanged.
    """

    def __init__(
        self,
        source: Source,
        where: str | Loc,
        options: Mapping[str, Any] | None = None,
        nested: Nested | None = None,
    ) -> None:
        self.source = source
        self.where = where
        self.options = options or {}
        self.nested = nested

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> Literal[False]:
        if error is None or isinstance(error, StudyFileError):
            return False
        if isinstance(error, CoopdecideError) and isinstance(error, (ValueError, TypeError)):
            raise option_error(
                self.source, self.where, self.options, error, nested=self.nested
            ) from error
        return False
