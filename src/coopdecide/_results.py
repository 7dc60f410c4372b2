"""Shared plumbing for result objects: a frozen-dataclass base, the ``.plot`` accessor.

It also holds the JSON conversion and the HTML rendering the results share.

Every result class is declared as

.. code-block:: python

    @result_dataclass
    class SomeResult(Result):
        method: str
        score_array: np.ndarray
        plot = PlotAccessor("SomePlots")

:func:`result_dataclass` makes it a ``dataclass(frozen=True, kw_only=True, eq=False,
repr=False)``: declared, typed fields, a keyword-only ``__init__``, identity equality
(results hold arrays, for which ``==`` is not a truth value) and the class's own
``__repr__``. It is not ``slots=True``: slotted classes have no instance ``__dict__``,
which :func:`functools.cached_property` (used for derived tables) needs, and the base's
pickling hooks read and restore that ``__dict__``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar, dataclass_transform

import numpy as np
import pandas as pd

__all__ = [
    "Immutable",
    "PlotAccessor",
    "Result",
    "html_section",
    "result_dataclass",
    "to_jsonable",
]

_R = TypeVar("_R", bound="Result")


class Result:
    """Base of the result dataclasses: immutability, pickling and the renderings.

    Fields are frozen on construction: numpy arrays become read-only views and
    dicts read-only mappings (:class:`types.MappingProxyType` over a copy).
    Assigning or deleting an attribute raises AttributeError naming the class
    and, if the class sets ``_mutators``, the methods that return a changed copy.

    A subclass implements :meth:`to_frame`, :meth:`_export` (the content of
    :meth:`to_dict`, before JSON conversion) and :meth:`_summary` (the facts of
    the ``__repr__`` and ``_repr_html_``); it overrides :meth:`_tables` when its
    HTML rendering shows more than :meth:`to_frame`, and :meth:`_repr_table`
    when its ``__repr__`` shows another table.
    """

    _mutators: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for field in fields(self):  # type: ignore[arg-type]  # every subclass is a dataclass
            value = getattr(self, field.name)
            frozen = _read_only(value)
            if frozen is not value:
                # the one place a field is replaced after __init__: by its read-only form
                object.__setattr__(self, field.name, frozen)

    def __setattr__(self, name: str, value: Any) -> None:
        hint = f"; use {self._mutators}" if self._mutators else ""
        raise AttributeError(f"{type(self).__name__} is immutable{hint}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    # pickling: read-only mappings (MappingProxyType) cannot be pickled and numpy arrays
    # come back writeable. The state is the instance __dict__ (fields and cached
    # properties), with read-only mappings as stand-ins that are frozen again on loading.
    def __getstate__(self) -> dict[str, Any]:
        return {name: _thaw(value) for name, value in vars(self).items()}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, _freeze(value))

    # -- renderings -------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The result as a labelled table."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (for tools that embed the library)."""
        exported: dict[str, Any] = to_jsonable(self._export())
        return exported

    def _export(self) -> dict[str, Any]:
        raise NotImplementedError

    def _summary(self) -> dict[str, Any]:
        raise NotImplementedError

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"": self.to_frame()}

    def _repr_table(self) -> str:
        return self.to_frame().to_string(max_rows=20, float_format=lambda v: f"{v:.4f}")

    def __repr__(self) -> str:
        facts = ", ".join(f"{k}={v}" for k, v in self._summary().items())
        return f"{type(self).__name__}({facts})\n{self._repr_table()}"

    def _repr_html_(self) -> str:
        return html_section(type(self).__name__, self._summary(), self._tables())


@dataclass_transform(frozen_default=True, kw_only_default=True, eq_default=False)
def result_dataclass(cls: type[_R]) -> type[_R]:
    """Declare a :class:`Result` subclass as a frozen, keyword-only dataclass.

    ``dataclass(frozen=True)`` gives the class its own ``__setattr__`` and
    ``__delattr__`` (raising ``FrozenInstanceError("cannot assign to field ...")``,
    and only for fields); they are removed so that :class:`Result`'s, which
    refuse every name and say which methods to use instead, apply.
    """
    made = dataclass(frozen=True, kw_only=True, eq=False, repr=False)(cls)
    del made.__setattr__, made.__delattr__
    return made


class PlotAccessor:
    """The ``.plot`` namespace of a result, attached lazily.

    ``plot = PlotAccessor("RankingPlots")`` in a result class makes
    ``result.plot`` an instance of ``coopdecide.report.plots.RankingPlots``
    drawing that result. ``coopdecide.report.plots`` is imported on first use,
    so the packages that compute results never import ``report`` (plots depend
    on results, not the reverse; ``tests/test_architecture.py`` holds the
    layers), and matplotlib is imported only when a plot is drawn.
    """

    def __init__(self, plots_class: str) -> None:
        self.plots_class = plots_class

    def __set_name__(self, owner: type, name: str) -> None:
        self.__doc__ = (
            f"Plots of this result: a ``coopdecide.report.plots.{self.plots_class}`` "
            "(matplotlib is imported when a plot is drawn; each method returns the Axes)."
        )

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # the one upward import of the lower layers, declared in tests/test_architecture.py
        from coopdecide.report import plots

        plots_class: Callable[[object], Any] = getattr(plots, self.plots_class)
        return plots_class(instance)


def _read_only(value: Any) -> Any:
    """``value`` as it is stored in a result: arrays read-only, dicts as read-only mappings."""
    if isinstance(value, np.ndarray) and value.flags.writeable:
        view = value.view()
        view.flags.writeable = False
        return view
    if type(value) is dict:
        return MappingProxyType(dict(value))
    return value


class Immutable:
    """Base of the validated input objects, whose attributes are set once, in ``__init__``.

    ``DecisionProblem``, ``PairwiseComparison``, ``CriteriaHierarchy`` and the
    like validate what a user gives their constructor, so they keep a
    hand-written ``__init__`` (results are :class:`Result` dataclasses instead);
    each declares its slots as annotations in the class body, so that type
    checkers see them.

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
