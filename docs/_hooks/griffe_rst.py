"""Griffe extension: read the reST roles of coopdecide's numpy docstrings as Markdown.

The docstrings are numpydoc, written with Sphinx roles (``:func:`rank```,
``:class:`~coopdecide.RankingResult```, ``:math:`x_i```) and the odd ``.. math::``
block. mkdocstrings renders docstrings as Markdown, where those would show literally.
Before rendering, this extension rewrites

- ``:func:``, ``:class:``, ``:meth:``, ``:attr:``, ``:mod:``, ``:data:``, ``:exc:``,
  ``:obj:`` (with or without ``py:``, ``~`` and an explicit ``title <target>``) into a
  cross-reference when the target is a coopdecide object (searched from the object that
  holds the docstring outwards, like Sphinx), else into plain code. The reference is
  *optional* for autorefs: if the object is not rendered on any page the name shows as
  code, without a warning. Names outside coopdecide (numpy, scipy, ...) stay code: the
  docs build fetches no inventories, so it needs no network.
- ``:math:`...``` into ``$...$`` and a ``.. math::`` block into ``$$ ... $$``, which
  pymdownx.arithmatex hands to MathJax;
- the ``::`` that introduces a literal block into ``:`` (Markdown shows the indented block
  as code already).

It also keeps numpydoc type phrases ("array-like, shape (n,)") as written, see
:func:`_keep_numpydoc_types`. Targets that cannot be found are logged at INFO level.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import re
import textwrap
from pathlib import Path
from typing import Any

import griffe

log = logging.getLogger("mkdocs.hooks.coopdecide.griffe_rst")

ROLE_RE = re.compile(
    r":(?:py:)?(?P<role>func|class|meth|attr|mod|data|exc|obj|const|math):`(?P<text>[^`]+)`"
)
LITERAL_RE = re.compile(r"^(?P<text>(?!\s*\.\. ).*?)::\s*$")
MATH_RE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::(?P<inline>.*)$")


def _lookup(root: griffe.Module, path: str) -> tuple[str, str] | None:
    """Return (path as written, canonical path) of a coopdecide object, else None."""
    if path == root.path:
        return path, path
    if not path.startswith(root.path + "."):
        return None
    try:
        obj = root[path[len(root.path) + 1 :]]
    except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None
    if obj.is_alias:
        try:
            target = obj.final_target
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            return None
        if not target.path.startswith(root.path + "."):
            return None  # re-exported from outside coopdecide
        return path, target.path
    return path, obj.path


def _scopes(obj: griffe.Object) -> list[str]:
    """Where a relative name is searched: the object, its parents, then the package."""
    scopes = []
    current: Any = obj
    while current is not None:
        scopes.append(current.path)
        current = current.parent
    return scopes


def _resolve(
    root: griffe.Module, obj: griffe.Object, target: str, kind: str
) -> tuple[str, str] | None:
    target = target.strip().removesuffix("()")
    if target.startswith("."):
        target = target.lstrip(".")
    candidates = [target] if target.startswith(root.path + ".") else []
    candidates += [f"{scope}.{target}" for scope in _scopes(obj)]
    candidates.append(f"{root.path}.{target}")
    for candidate in candidates:
        found = _lookup(root, candidate)
        if found is not None:
            return found
    return _by_name(root, obj, target, kind)


KINDS = {
    "func": {"function"},
    "meth": {"function"},
    "class": {"class"},
    "exc": {"class"},
    "mod": {"module"},
    "attr": {"attribute"},
    "data": {"attribute"},
    "const": {"attribute"},
}


def _by_name(
    root: griffe.Module, obj: griffe.Object, target: str, kind: str
) -> tuple[str, str] | None:
    """Find a name exported lazily (``coopdecide.rank``, ``coopdecide.sensitivity.smaa``).

    The lazy ``__getattr__`` of a package is invisible to static analysis, so the name is
    looked up among the objects *defined* under the qualifying package, or for a bare name
    under the docstring's module, then its parents, up to coopdecide, of the kind the role
    says; the first scope with exactly one match wins.
    """
    prefix, _, name = target.rpartition(".")
    if prefix.startswith(root.path):
        scopes = [prefix]
    else:
        module = obj if obj.is_module else obj.module
        scopes = [s for s in _scopes(module) if s.startswith(root.path)]
    index = _NAME_INDEX.get(id(root))
    if index is None:
        index = _NAME_INDEX[id(root)] = _index(root)
    kinds = KINDS.get(kind, {"function", "class", "module", "attribute"})
    candidates = [(path, k) for path, k in index.get(name, []) if k in kinds]
    for scope in scopes:
        matches = [p for p, _ in candidates if p == scope or p.startswith(scope + ".")]
        if len(matches) == 1:
            return matches[0], matches[0]
        if matches:
            return None  # ambiguous: leave it as code
    return None


_NAME_INDEX: dict[int, dict[str, list[tuple[str, str]]]] = {}


def _index(root: griffe.Module) -> dict[str, list[tuple[str, str]]]:
    """Name -> (path, kind) of every object defined (not imported) in the package."""
    index: dict[str, list[tuple[str, str]]] = {}

    def visit(obj: griffe.Object) -> None:
        index.setdefault(obj.name, []).append((obj.path, obj.kind.value))
        for member in obj.members.values():
            if not member.is_alias:
                visit(member)  # type: ignore[arg-type]

    visit(root)
    return index


def _literal_marker(lines: list[str], i: int) -> str:
    """Drop reST's ``::`` before an indented literal block ("for example::" -> ":").

    Markdown shows the indented block as code already; only the marker would show.
    """
    line = lines[i]
    marker = LITERAL_RE.match(line)
    if marker is None:
        return line
    following = next((nxt for nxt in lines[i + 1 :] if nxt.strip()), "")
    depth = len(line) - len(line.lstrip())
    if len(following) - len(following.lstrip()) <= depth:
        return line
    text = marker["text"]
    if not text.strip():
        return ""
    return text + ("" if text.endswith(" ") else ":")


def convert(text: str, obj: griffe.Object, root: griffe.Module) -> str:
    """Rewrite the reST roles and math blocks of one docstring as Markdown."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = MATH_RE.match(lines[i])
        if match is None:
            out.append(_literal_marker(lines, i))
            i += 1
            continue
        pad, depth = match["indent"], len(match["indent"])
        body = [match["inline"]] if match["inline"].strip() else []
        i += 1
        while i < len(lines) and (
            not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > depth
        ):
            body.append(lines[i])
            i += 1
        content = textwrap.dedent("\n".join(body)).strip("\n")
        out += [f"{pad}$$", textwrap.indent(content, pad), f"{pad}$$", ""]
    text = "\n".join(out)

    def role(match: re.Match[str]) -> str:
        kind, body = match["role"], match["text"]
        if kind == "math":
            return f"${body}$"
        explicit = re.fullmatch(r"(?P<title>.+?)\s*<(?P<target>[^>]+)>", body)
        if explicit:
            title, target = explicit["title"], explicit["target"]
        else:
            target = body
            short = body.startswith("~")
            target = target.lstrip("~")
            title = target.rsplit(".", 1)[-1] if short else target
        found = _resolve(root, obj, target.lstrip("~"), kind)
        if found is None:
            if target.startswith(root.path) or "." not in target:
                log.info("%s: reference not found: %s", obj.path, match[0])
            return f"`{title}`"
        written, canonical = found
        slug = f' slug="{canonical}"' if canonical != written else ""
        return f'<autoref identifier="{written}"{slug} optional><code>{title}</code></autoref>'

    return ROLE_RE.sub(role, text)


SIMPLE_TYPE_RE = re.compile(r"^[A-Za-z_][\w.]*(\[[\w., \[\]|]*\])?( \| [A-Za-z_][\w.]*)*$")


def _keep_numpydoc_types() -> None:
    """Leave numpydoc type phrases as written ("array-like, shape (n,)", "int or None").

    Griffe parses a docstring type as a Python expression to link its names, which turns
    "array-like" into ``array - like``. Only plain (dotted) names, subscripts and ``|``
    unions are parsed, and so linked; anything else is shown verbatim. Griffe keeps the
    parser in a private module: if it moves, nothing is patched and the types merely show
    griffe's rendering.
    """
    try:
        from griffe._internal.docstrings import numpy as numpy_parser
    except ImportError:  # pragma: no cover - another griffe layout
        return
    original = getattr(numpy_parser, "parse_docstring_annotation", None)
    if original is None or getattr(original, "_coopdecide", False):
        return

    def parse(annotation: str, docstring: Any, *args: Any, **kwargs: Any) -> Any:
        if SIMPLE_TYPE_RE.match(annotation.strip()):
            return original(annotation, docstring, *args, **kwargs)
        return annotation

    parse._coopdecide = True  # type: ignore[attr-defined]
    numpy_parser.parse_docstring_annotation = parse


_keep_numpydoc_types()


def _runtime_docstrings(module: griffe.Module) -> None:
    """Use the runtime docstring where a module extends a docstring at import.

    ``coopdecide.portfolio`` appends the shared constraint parameters, Returns and
    Examples to its functions' ``__doc__`` when it is imported; static analysis sees only
    the first part. For a module whose source assigns ``__doc__``, the module is imported
    and each of its functions and classes takes its runtime docstring when that extends
    the static one.
    """
    filepath = module.filepath
    if isinstance(filepath, list) or filepath is None:
        return
    try:
        source = Path(filepath).read_text(encoding="utf-8")
    except OSError:
        return
    if ".__doc__ =" not in source:
        return
    runtime = importlib.import_module(module.path)
    for name, member in module.members.items():
        if member.is_alias or member.docstring is None:
            continue
        doc = getattr(getattr(runtime, name, None), "__doc__", None)
        if not doc:
            continue
        doc = inspect.cleandoc(doc)
        if len(doc) > len(member.docstring.value) and doc.startswith(
            member.docstring.value.rstrip()
        ):
            member.docstring.value = doc


class RestRoles(griffe.Extension):
    """Rewrite reST roles and math in every docstring of the package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the docstrings once the whole package is loaded (aliases resolvable)."""
        seen: set[int] = set()

        def visit(obj: griffe.Object) -> None:
            if id(obj) in seen:
                return
            seen.add(id(obj))
            if obj.is_module:
                _runtime_docstrings(obj)  # type: ignore[arg-type]
            if obj.docstring is not None:
                obj.docstring.value = convert(obj.docstring.value, obj, pkg)
            for member in obj.members.values():
                if not member.is_alias:
                    visit(member)  # type: ignore[arg-type]

        visit(pkg)
