"""Frozen dataclasses that refuse assignment with the library's message ("X is immutable")."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["immutable"]

_Class = TypeVar("_Class", bound=type)


def _refuse_set(self: object, name: str, value: Any) -> NoReturn:
    raise AttributeError(f"{type(self).__name__} is immutable")


def _refuse_delete(self: object, name: str) -> NoReturn:
    raise AttributeError(f"{type(self).__name__} is immutable")


def immutable(cls: _Class) -> _Class:
    """Give a ``@dataclass(frozen=True)`` class the message of the library's other results.

    A frozen dataclass already refuses assignment (``FrozenInstanceError``, an
    AttributeError), but names only the field, and lets properties be
    "assigned" with the same error; this names the class instead.
    """
    cls.__setattr__ = _refuse_set  # type: ignore[assignment]
    cls.__delattr__ = _refuse_delete  # type: ignore[assignment]
    return cls
