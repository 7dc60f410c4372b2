"""The layer rule between coopdecide's packages (docs/architecture.md).

Every module of ``src/coopdecide`` is parsed with ``ast`` and every import of a coopdecide
module is collected: at module level and inside functions (a lazy import is still a
dependency of the module; it only runs later). Imports under ``if TYPE_CHECKING:`` are
left out: they never run and serve only annotations. The check fails on an import of a
higher layer and on a cycle between modules.

A new package gets a row in ``LAYERS`` (and in the table of docs/architecture.md).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "coopdecide"

#: Package (or module) -> layer. A module may import its own layer and lower ones only.
#: The longest matching prefix decides (``coopdecide.report.plots`` is in ``coopdecide.report``).
LAYERS: dict[str, int] = {
    # 0: foundations, and the root package (it imports nothing eagerly: its public names
    # are a lazy table, which `from coopdecide import name` is resolved through)
    "coopdecide": 0,
    "coopdecide.exceptions": 0,
    "coopdecide._validation": 0,
    "coopdecide._results": 0,
    "coopdecide._lazy": 0,
    "coopdecide._files": 0,
    "coopdecide._text": 0,
    "coopdecide._threads": 0,
    # 1: the problem
    "coopdecide.problem": 1,
    # 2: data
    "coopdecide.data": 2,
    "coopdecide.datasets": 2,
    # 3: weights and rankings
    "coopdecide.ahp": 3,
    "coopdecide.weights": 3,
    "coopdecide.bwm": 3,
    "coopdecide.ranking": 3,
    "coopdecide.fuzzy": 3,
    # 4: analyses of rankings
    "coopdecide.sensitivity": 4,
    "coopdecide.portfolio": 4,
    # 5: plots, reports and file formats
    "coopdecide.report": 5,
    "coopdecide.io": 5,
    # 6: whole studies
    "coopdecide.study": 6,
    # 7: the command line
    "coopdecide.cli": 7,
}

#: The only imports allowed to point upward: (importing module, imported module), each
#: with its reason. Their edges are also left out of the cycle check.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    ("coopdecide._results", "coopdecide.report.plots"): (
        "PlotAccessor: a result's .plot namespace imports the plots on first use"
    ),
}


# ---------------------------------------------------------------------------
# the walker
# ---------------------------------------------------------------------------
def module_names(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under ``root`` (a package folder)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    inside.update(id(n) for n in ast.walk(child))
    return inside


def _lazy_exports(path: Path) -> dict[str, str]:
    """A package's ``_EXPORTS`` table (public name -> defining module), if it has one."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "_EXPORTS" and node.value is not None:
            return dict(ast.literal_eval(node.value))
    return {}


def _resolve(package: str, name: str, modules: Mapping[str, Path]) -> str:
    """The module that ``from package import name`` depends on."""
    if f"{package}.{name}" in modules:
        return f"{package}.{name}"
    path = modules.get(package)
    if path is not None and path.name == "__init__.py":
        return _lazy_exports(path).get(name, package)
    return package


def imports_of(module: str, modules: Mapping[str, Path], prefix: str) -> Iterator[str]:
    """The modules under ``prefix`` that ``module`` imports (outside TYPE_CHECKING)."""
    path = modules[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == prefix:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.split(".")[0] != prefix:
                continue
            for alias in node.names:
                yield _resolve(source, alias.name, modules)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same top-level package that it imports."""
    modules = module_names(root)
    return {
        module: {m for m in imports_of(module, modules, root.name) if m != module}
        for module in modules
    }


def layer_of(module: str, layers: Mapping[str, int]) -> int | None:
    """The layer of the longest prefix of ``module`` in ``layers``."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        layer = layers.get(".".join(parts[:end]))
        if layer is not None:
            return layer
    return None


def upward_imports(
    graph: Mapping[str, set[str]],
    layers: Mapping[str, int],
    allowed: Mapping[tuple[str, str], str],
) -> list[str]:
    """Every import of a higher layer not in ``allowed``, as readable lines."""
    found = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            here, there = layer_of(module, layers), layer_of(target, layers)
            if here is None or there is None or (module, target) in allowed:
                continue
            if there > here:
                found.append(f"{module} (layer {here}) imports {target} (layer {there})")
    return found


def cycles(
    graph: Mapping[str, set[str]], allowed: Mapping[tuple[str, str], str]
) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    edges = {
        m: sorted(t for t in ts if (m, t) not in allowed and t in graph) for m, ts in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


# ---------------------------------------------------------------------------
# the rule, on coopdecide
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def graph():
    return import_graph(SOURCE)


def test_every_module_has_a_layer(graph):
    missing = [m for m in sorted(graph) if layer_of(m, LAYERS) is None]
    assert not missing, f"add these to LAYERS in {__file__} (and docs/architecture.md): {missing}"


def test_no_module_imports_a_higher_layer(graph):
    assert upward_imports(graph, LAYERS, ALLOWED_UPWARD) == []


def test_no_import_cycles(graph):
    assert cycles(graph, ALLOWED_UPWARD) == []


def test_the_allowed_upward_imports_exist(graph):
    # an exception that no longer happens is removed from the table
    for module, target in ALLOWED_UPWARD:
        assert target in graph[module], (module, target)


def test_computing_packages_load_no_plots_until_a_plot_is_asked_for():
    code = textwrap.dedent(
        """
        import sys
        import coopdecide as cd
        from coopdecide import ahp, portfolio, ranking, sensitivity

        result = cd.topsis([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], ["max", "max"])
        print(sorted(m for m in sys.modules if m.startswith(("coopdecide.report", "matplotlib"))))
        result.plot
        print("coopdecide.report.plots" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True"


# ---------------------------------------------------------------------------
# the walker itself, on a made-up package
# ---------------------------------------------------------------------------
def _package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_walker_sees_function_level_relative_and_lazy_table_imports(tmp_path):
    root = _package(
        tmp_path,
        {
            "__init__.py": '_EXPORTS = {"thing": "pkg.high.impl"}\n',
            "low.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from pkg.high import impl  # annotations only: not counted
                def draw():
                    from pkg import thing  # resolved through the lazy table
                    return thing
            """,
            "high/__init__.py": "from .impl import thing\n",
            "high/impl.py": "import pkg.low\nthing = 1\n",
        },
    )
    graph = import_graph(root)
    assert graph["pkg.low"] == {"pkg.high.impl"}
    assert graph["pkg.high"] == {"pkg.high.impl"}
    assert graph["pkg.high.impl"] == {"pkg.low"}
    layers = {"pkg": 0, "pkg.low": 0, "pkg.high": 1}
    assert upward_imports(graph, layers, {}) == [
        "pkg.low (layer 0) imports pkg.high.impl (layer 1)"
    ]
    assert cycles(graph, {}) == [["pkg.high.impl", "pkg.low"]]
    allowed = {("pkg.low", "pkg.high.impl"): "a declared exception"}
    assert upward_imports(graph, layers, allowed) == []
    assert cycles(graph, allowed) == []
