"""Shared plumbing for result objects: JSON conversion and HTML rendering."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Immutable", "html_section", "to_jsonable"]


class Immutable:
    """Mixin for objects whose attributes are set once, in ``__init__``.

    The subclass sets its (slot) attributes with ``object.__setattr__``;
    afterwards assigning or deleting an attribute raises AttributeError naming
    the class and, if the class sets ``_mutators``, the methods that return a
    changed copy instead.
    """

    __slots__ = ()
    _mutators = ""

    def __setattr__(self, name: str, value: Any) -> None:
        hint = f"; use {self._mutators}" if self._mutators else ""
        raise AttributeError(f"{type(self).__name__} is immutable{hint}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # pickling: the default restores slots with setattr, which the class refuses, and cannot
    # pickle the read-only mappings (MappingProxyType) results hand out; numpy arrays come
    # back writeable. The state is the attributes, with read-only mappings as plain dicts
    # marked to be frozen again; every array is made read-only again on loading.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(getattr(self, "__dict__", {}))
        for cls in type(self).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if name not in state and hasattr(self, name):
                    state[name] = getattr(self, name)
        return {name: _thaw(value) for name, value in state.items()}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, _freeze(value))


class _ReadOnlyMapping:
    """Pickle stand-in for a MappingProxyType (which cannot be pickled)."""

    __slots__ = ("mapping",)

    def __init__(self, mapping: dict[Any, Any]) -> None:
        self.mapping = mapping

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ReadOnlyMapping, (self.mapping,))


def _thaw(value: Any) -> Any:
    """``value`` with every MappingProxyType (also nested) replaced by a stand-in."""
    if isinstance(value, MappingProxyType):
        return _ReadOnlyMapping({k: _thaw(v) for k, v in value.items()})
    if type(value) is dict:
        return {k: _thaw(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_thaw(v) for v in value)
    return value


def _freeze(value: Any) -> Any:
    """Undo :func:`_thaw` and make numpy arrays read-only."""
    if isinstance(value, _ReadOnlyMapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.mapping.items()})
    if type(value) is dict:
        return {k: _freeze(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_freeze(v) for v in value)
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    return value


def to_jsonable(value: Any) -> Any:
    """Convert numpy, pandas and nested containers into JSON-serialisable Python.

    Non-finite floats become ``None`` (JSON has no NaN). Series become
    ``{label: value}`` dicts, DataFrames ``{"index", "columns", "data"}`` dicts.

    Examples
    --------
    >>> to_jsonable({"a": np.float64(1.5), "b": np.array([1, 2]), "c": float("nan")})
    {'a': 1.5, 'b': [1, 2], 'c': None}
    >>> to_jsonable([np.str_("e1"), np.int64(7)])
    ['e1', 7]
    """
    if isinstance(value, pd.DataFrame):
        return {
            "index": [to_jsonable(i) for i in value.index],
            "columns": [to_jsonable(c) for c in value.columns],
            "data": [[to_jsonable(v) for v in row] for row in value.itertuples(index=False)],
        }
    if isinstance(value, pd.Series):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, pd.Index):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_jsonable(v) for v in value.tolist()]
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        return str(value)  # plain str, also for numpy.str_ and other subclasses
    if value is None or isinstance(value, int):
        return value
    return str(value)


def html_section(
    title: str, facts: Mapping[str, Any] | None = None, tables: Mapping[str, Any] | None = None
) -> str:
    """Render a result as an HTML fragment for Jupyter.

    Parameters
    ----------
    title : str
        Heading (the result's class name).
    facts : mapping, optional
        Label -> scalar value shown as a small definition list.
    tables : mapping, optional
        Caption -> DataFrame or Series shown below. Every label is escaped.
    """
    parts = [f"<div class='coopdecide-result'><strong>{html.escape(title)}</strong>"]
    if facts:
        items = "".join(
            f"<li>{html.escape(str(k))}: {html.escape(_fmt(v))}</li>" for k, v in facts.items()
        )
        parts.append(f"<ul>{items}</ul>")
    for caption, table in (tables or {}).items():
        frame = table.to_frame() if isinstance(table, pd.Series) else table
        parts.append(f"<p><em>{html.escape(str(caption))}</em></p>")
        parts.append(frame.to_html(escape=True, float_format=_fmt, max_rows=60, max_cols=30))
    parts.append("</div>")
    return "".join(parts)


def _fmt(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.4g}"
    return str(value)
