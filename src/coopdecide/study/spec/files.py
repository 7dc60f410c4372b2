"""Study files on disk: YAML or JSON read into a checked ``StudySpec``, and written back.

YAML is read with ``yaml.safe_load`` semantics (a ``SafeLoader`` that also
rejects duplicate keys), JSON with :mod:`json`; nothing in a study file is ever
executed. The file's size and, for YAML, the number of values once its aliases
are expanded are bounded (:mod:`~coopdecide.study.spec.limits`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from coopdecide._files import write_text
from coopdecide._validation import describe
from coopdecide.study.spec.errors import Source, study_error
from coopdecide.study.spec.limits import (
    ENVIRONMENT_VARIABLES,
    FileLimits,
    applying,
    check_file_size,
)
from coopdecide.study.spec.sections import FORMAT_VERSION, StudySpec, parse_study

__all__ = ["JSON_SUFFIXES", "YAML_SUFFIXES", "read_study_file", "write_study_file"]

#: File suffixes read as YAML and as JSON.
YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)


def _safe_loader() -> Any:
    import yaml

    class _StrictSafeLoader(yaml.SafeLoader):
        """``yaml.SafeLoader`` that rejects a key given twice in one mapping."""

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:
        loader.flatten_mapping(node)
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                duplicate = False
            if duplicate:
                mark = key_node.start_mark
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {describe(key)} (first at line {seen[key].line + 1})",
                    mark,
                )
            with contextlib.suppress(TypeError):
                seen[key] = key_node.start_mark
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    _StrictSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    return _StrictSafeLoader


def _children(node: Any) -> list[Any]:
    """The nodes directly inside a composed YAML node (keys and values of a mapping)."""
    value = node.value
    if not isinstance(value, list):  # a scalar
        return []
    return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]


def _check_expansion(root: Any, limit: int, source: Source) -> None:
    """Refuse a document with more than ``limit`` values once every alias is written out.

    Each distinct node is visited once (its expanded size is kept), so an
    alias bomb is measured without being expanded; an alias inside the node
    it names (an infinite value) is refused too.
    """
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            entered.discard(key)
            if sizes[key] > limit:
                raise study_error(
                    source,
                    None,
                    f"the YAML document holds more than {limit:,} values once its aliases "
                    "(*name) are expanded (at line "
                    f"{node.start_mark.line + 1}), which looks like an alias bomb; if it is "
                    f"meant to be this large, raise the limit with the environment variable "
                    f"{ENVIRONMENT_VARIABLES['yaml_values']}",
                )
        elif key in entered:
            raise study_error(
                source,
                None,
                f"the YAML alias at line {node.start_mark.line + 1} refers to a value that "
                "contains it (an infinitely nested value)",
            )
        elif key not in sizes:
            entered.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _load_yaml(text: str, source: Path, limits: FileLimits) -> Any:
    """The document in ``text``, refused if its aliases expand past ``limits.yaml_values``."""
    import yaml

    loader = _safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, limits.yaml_values, source)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise study_error(source, None, f"invalid YAML{where}: {problem}") from None
    finally:
        loader.dispose()


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES + JSON_SUFFIXES:
        raise study_error(
            path,
            None,
            f"expected a .yaml, .yml or .json study file, got the suffix {describe(path.suffix)}",
        )
    return suffix


def read_study_file(path: str | os.PathLike[str], *, limits: FileLimits | None = None) -> StudySpec:
    """Read a study file (YAML or JSON) and check its structure.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.yaml``/``.yml`` or ``.json`` file.
    limits : FileLimits, optional
        The largest study file and YAML document accepted; default the
        limits in force (:meth:`FileLimits.from_environment` unless a
        :func:`~coopdecide.load_study` call gave others).

    Returns
    -------
    StudySpec
        The validated structure (data and judgments not yet read; use
        :func:`coopdecide.load_study` for the whole study).

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    StudyFileError
        Not YAML/JSON, not UTF-8 text, a syntax error (with line and column),
        a key given twice, a file above the size limit, a YAML document whose
        aliases expand past the limit, or a structural problem (with its key
        path).
    """
    source = Path(path)
    suffix = _suffix(source)
    if not source.is_file():
        raise FileNotFoundError(f"study file {describe(str(source))} does not exist")
    with applying(limits) as active:
        check_file_size(source, "study file", source, None)
        data = _read_data(source, suffix, active)
    if data is None:
        raise study_error(source, None, "the file is empty")
    return parse_study(data, source=source)


def _read_data(source: Path, suffix: str, limits: FileLimits) -> Any:
    """The plain data of a study file: UTF-8 text read as JSON or YAML."""
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise study_error(
            source, None, f"the file is not UTF-8 text (byte {error.start}: {error.reason})"
        ) from None
    try:
        if suffix in JSON_SUFFIXES:
            return json.loads(text, object_pairs_hook=_json_pairs(source))
        return _load_yaml(text, source, limits)
    except json.JSONDecodeError as error:
        raise study_error(
            source,
            None,
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
        ) from None
    except RecursionError:
        raise study_error(source, None, "the values are nested too deeply to read") from None


def _json_pairs(source: Path) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise study_error(source, None, f"invalid JSON: duplicate key {describe(key)}")
            out[key] = value
        return out

    return hook


def write_study_file(
    data: Mapping[str, Any], path: str | os.PathLike[str], *, overwrite: bool = True
) -> Path:
    """Write a study (plain data, as ``Study.to_dict()`` gives) as YAML or JSON.

    The format follows the suffix of ``path``: ``.yaml``/``.yml`` or ``.json``.

    Parameters
    ----------
    data : mapping
        The study as plain data.
    path : str or os.PathLike
        Where to write.
    overwrite : bool, default True
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The path written (atomically: a failed write leaves the old file).
    """
    target = Path(path)
    suffix = _suffix(target)
    if target.exists() and not overwrite:
        raise study_error(target, None, "the file exists; pass overwrite=True to replace it")
    if suffix in JSON_SUFFIXES:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        import yaml

        body = yaml.safe_dump(
            dict(data),
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        text = f"# coopdecide study file (format {FORMAT_VERSION})\n{body}"
    return write_text(target, text)
