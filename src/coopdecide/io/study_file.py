"""Study files: moved to :mod:`coopdecide.study.spec`; the public names stay importable here.

The study file format (its pydantic models, all its validation, and reading
and writing YAML or JSON) lives in :mod:`coopdecide.study.spec`. This module
re-exports its public names, imported on first use so that
``import coopdecide.io`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coopdecide.study.spec import (
        FORMAT_VERSION,
        judgments_to_mapping,
        key_path,
        parse_judgments,
        parse_study,
        read_study_file,
        study_error,
        write_study_file,
    )

_MOVED = {
    "FORMAT_VERSION": "coopdecide.study.spec",
    "key_path": "coopdecide.study.spec",
    "judgments_to_mapping": "coopdecide.study.spec",
    "parse_judgments": "coopdecide.study.spec",
    "parse_study": "coopdecide.study.spec",
    "read_study_file": "coopdecide.study.spec",
    "study_error": "coopdecide.study.spec",
    "write_study_file": "coopdecide.study.spec",
}

__all__ = [
    "FORMAT_VERSION",
    "judgments_to_mapping",
    "key_path",
    "parse_judgments",
    "parse_study",
    "read_study_file",
    "study_error",
    "write_study_file",
]


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(_MOVED)
