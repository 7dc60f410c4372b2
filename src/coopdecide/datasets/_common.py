"""What the bundled datasets share: reading their data files, choosing criteria."""

from __future__ import annotations

import lzma
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import pandas as pd

from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError


def read_csv(name: str, **options: Any) -> pd.DataFrame:
    """Read the bundled UTF-8 file ``data/<name>`` (``.xz`` ones decompressed) with pandas."""
    source = resources.files("coopdecide.datasets").joinpath("data", name)
    if name.endswith(".xz"):
        with source.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8") as handle:
            return pd.read_csv(handle, **options)
    with source.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, **options)


def choose_criteria(
    criteria: Sequence[str] | None, available: Mapping[str, str], default: Iterable[str]
) -> list[str]:
    """The validated ``criteria`` argument of a dataset loader (``default`` for None)."""
    if criteria is None:
        return list(default)
    if isinstance(criteria, str) or not isinstance(criteria, Sequence):
        raise InvalidTypeError(
            f"criteria must be a sequence of criterion names or None; got {describe(criteria)}"
        )
    chosen = list(criteria)
    unknown = [name for name in chosen if name not in available]
    if unknown:
        raise InvalidArgumentError(
            f"criteria must be names among {format_labels(available, limit=10)}; "
            f"got unknown {format_labels(unknown)}"
        )
    if not chosen:
        raise InvalidArgumentError("criteria must name at least one criterion, each once; got none")
    duplicated = sorted({name for name in chosen if chosen.count(name) > 1})
    if duplicated:
        raise InvalidArgumentError(
            "criteria must name each once and not repeat a name; got "
            f"{format_labels(duplicated)} more than once"
        )
    return chosen
