"""Study files on disk: YAML or JSON read into a checked ``StudySpec``, and written back.

YAML is read with ``yaml.safe_load`` semantics (a ``SafeLoader`` that also
rejects duplicate keys), JSON with :mod:`json`; nothing in a study file is ever
executed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from coopdecide._validation import describe
from coopdecide.study.spec.errors import study_error
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


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES + JSON_SUFFIXES:
        raise study_error(
            path,
            None,
            f"expected a .yaml, .yml or .json study file, got the suffix {describe(path.suffix)}",
        )
    return suffix


def read_study_file(path: str | os.PathLike[str]) -> StudySpec:
    """Read a study file (YAML or JSON) and check its structure.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.yaml``/``.yml`` or ``.json`` file.

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
        Not YAML/JSON, a syntax error (with line and column), a key given
        twice, or a structural problem (with its key path).
    """
    source = Path(path)
    suffix = _suffix(source)
    if not source.is_file():
        raise FileNotFoundError(f"study file {describe(str(source))} does not exist")
    text = source.read_text(encoding="utf-8")
    if suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text, object_pairs_hook=_json_pairs(source))
        except json.JSONDecodeError as error:
            raise study_error(
                source,
                None,
                f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            ) from None
    else:
        import yaml

        try:
            data = yaml.load(text, Loader=_safe_loader())  # a SafeLoader subclass
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(error, "problem", None) or str(error)
            raise study_error(source, None, f"invalid YAML{where}: {problem}") from None
    if data is None:
        raise study_error(source, None, "the file is empty")
    return parse_study(data, source=source)


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
        The path written.
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
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
