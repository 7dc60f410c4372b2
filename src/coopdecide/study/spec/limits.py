"""How large a study may be: the study file, the files it names, its YAML after aliases.

A study file comes from anyone (a colleague, a partner organisation, a
download), so reading one must stay cheap whatever it holds. Three limits
bound the work, each with a generous default and an environment variable
that raises (or lowers) it for a whole session, the command line included:

========================  ===============  ===================================
limit                     default          environment variable
========================  ===============  ===================================
study file size           10 MB            ``COOPDECIDE_MAX_STUDY_FILE_SIZE``
each data file's size     200 MB           ``COOPDECIDE_MAX_DATA_FILE_SIZE``
YAML values after aliases 1,000,000        ``COOPDECIDE_MAX_YAML_VALUES``
========================  ===============  ===================================

Sizes are in bytes (``"50MB"``, ``"2GB"``, ``"500kB"`` are read too). The
YAML limit counts the values of the document as if every alias (``*name``)
were written out in full: a "billion laughs" document, a few lines that
expand to a billion values, is refused at once. Data files are the data
table, the programmes table and the questionnaires a study names.

:func:`coopdecide.load_study` and :func:`~coopdecide.study.spec.read_study_file`
take ``limits=`` (a :class:`FileLimits`) for one call.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from coopdecide._validation import check_positive_int, describe
from coopdecide.exceptions import InvalidArgumentError
from coopdecide.study.spec.errors import Loc, Source, study_error

__all__ = ["ENVIRONMENT_VARIABLES", "FileLimits", "applying", "check_file_size", "current_limits"]

#: The environment variable of each limit.
ENVIRONMENT_VARIABLES = {
    "study_file_size": "COOPDECIDE_MAX_STUDY_FILE_SIZE",
    "data_file_size": "COOPDECIDE_MAX_DATA_FILE_SIZE",
    "yaml_values": "COOPDECIDE_MAX_YAML_VALUES",
}

_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20}
_UNITS["gib"] = 2**30
_SIZE = re.compile(r"\s*(\d+)\s*([a-z]*)\s*")


@dataclass(frozen=True)
class FileLimits:
    """The limits on what a study may make coopdecide read.

    Parameters
    ----------
    study_file_size : int, default 10_000_000
        Largest study file, in bytes.
    data_file_size : int, default 200_000_000
        Largest data file, programmes table or questionnaire, in bytes.
    yaml_values : int, default 1_000_000
        Most values (scalars, lists and mappings) a YAML study file may hold
        once its aliases are expanded.

    Examples
    --------
    >>> FileLimits(data_file_size=10**9).data_file_size
    1000000000
    """

    study_file_size: int = 10_000_000
    data_file_size: int = 200_000_000
    yaml_values: int = 1_000_000

    def __post_init__(self) -> None:
        for spec in fields(self):
            check_positive_int(spec.name, getattr(self, spec.name))

    @classmethod
    def from_environment(cls) -> FileLimits:
        """The defaults, with each limit whose environment variable is set replaced by it."""
        given: dict[str, Any] = {}
        for name, variable in ENVIRONMENT_VARIABLES.items():
            text = os.environ.get(variable)
            if text is not None and text.strip():
                given[name] = _read_size(variable, text)
        return cls(**given)


def _read_size(variable: str, text: str) -> int:
    """A count or size from an environment variable: digits, optionally with kB, MB, GB."""
    match = _SIZE.fullmatch(text.lower())
    if match is None or match[2] not in _UNITS or int(match[1]) < 1:
        raise InvalidArgumentError(
            f"the environment variable {variable} must be a positive whole number, optionally "
            f"with a unit (kB, MB, GB, KiB, MiB, GiB); got {describe(text)}"
        )
    return int(match[1]) * _UNITS[match[2]]


_ACTIVE: ContextVar[FileLimits | None] = ContextVar("coopdecide_file_limits", default=None)


def current_limits() -> FileLimits:
    """The limits in force: those given to the study being read, else the environment's."""
    active = _ACTIVE.get()
    return active if active is not None else FileLimits.from_environment()


@contextlib.contextmanager
def applying(limits: FileLimits | None) -> Iterator[FileLimits]:
    """Make ``limits`` the limits in force (None: keep those in force)."""
    if limits is not None and not isinstance(limits, FileLimits):
        raise InvalidArgumentError(
            f"limits must be a FileLimits or None; got {type(limits).__name__}"
        )
    resolved = limits if limits is not None else current_limits()
    token = _ACTIVE.set(resolved)
    try:
        yield resolved
    finally:
        _ACTIVE.reset(token)


def check_file_size(path: Path, what: str, source: Source, loc: Loc | None) -> None:
    """Refuse a study or data file above its limit, naming the limit and how to raise it."""
    name = "study_file_size" if what == "study file" else "data_file_size"
    limit = getattr(current_limits(), name)
    size = path.stat().st_size
    if size > limit:
        raise study_error(
            source,
            loc,
            f"the {what} {describe(str(path))} is {size:,} bytes, more than the limit of "
            f"{limit:,} bytes; if it is meant to be this large, raise the limit with the "
            f"environment variable {ENVIRONMENT_VARIABLES[name]} or "
            f"load_study(..., limits=FileLimits({name}=...))",
        )
