"""Lazy exports: a package's public names are imported from their modules on first use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(
    package: str,
    namespace: dict[str, Any],
    exports: Mapping[str, str],
    submodules: frozenset[str] = frozenset(),
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``__getattr__`` and ``__dir__`` for ``package`` (PEP 562).

    ``exports`` maps a public name to the module that defines it; the value is
    cached in ``namespace`` (the package's globals) on first access. Names in
    ``submodules`` are imported as ``package.name``.
    """

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(importlib.import_module(exports[name]), name)
            namespace[name] = value
            return value
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        public = {k for k in namespace if not k.startswith("_")} - {"annotations", "Any"}
        return sorted({*public, *exports, *submodules})

    return __getattr__, __dir__
