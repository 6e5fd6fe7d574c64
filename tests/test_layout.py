"""The layout of the code keeps the architecture visible (``docs/architecture.md``).

Read with the standard library's ``ast`` (imports under ``if TYPE_CHECKING:`` left out):

- no import circle between files of ``assessor/`` and ``ui/``;
- no module imports, or reaches through an object for, another module's ``_private`` name;
- at most 8 modules at the top of ``assessor/``, and a package for each stage of the data path,
  each saying in its docstring what it owns and what it may import.

The layers themselves (which stage may import which) are the import-linter contract in
``pyproject.toml``; these tests cover what import-linter does not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("assessor", "ui")
#: The stages of the data path (DESIGN.md §3), each a package of ``assessor``.
STAGES = ("files", "questionnaire", "diagnosis", "exchange", "comparison", "storage", "report")
TOP_LEVEL_LIMIT = 8
#: Receivers whose private attributes are the module's own business.
OWN_RECEIVERS = {"self", "cls"}


@dataclass(frozen=True)
class Module:
    """One source file: its dotted name, path and parsed tree."""

    name: str
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        """Whether the file is a package's ``__init__.py``."""
        return self.path.name == "__init__.py"


def _modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            found[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8")))
    return found


MODULES = _modules()


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """The ids of every node under an ``if TYPE_CHECKING:`` block."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                hidden.update(id(inner) for inner in ast.walk(child))
    return hidden


def _project_module(name: str) -> str | None:
    """The longest project module that ``name`` names or lies inside, if any."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: Module) -> Iterator[tuple[ast.stmt, str, str | None]]:
    """``(statement, project module, imported name or None)`` for each import of ours."""
    hidden = _type_checking_nodes(module.tree)
    for node in ast.walk(module.tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _project_module(alias.name)
                if target is not None:
                    yield node, target, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.name.split(".")
                keep = len(parts) - node.level + (1 if module.is_package else 0)
                base = ".".join([*parts[:keep], *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in MODULES:
                    yield node, submodule, None
                else:
                    target = _project_module(base)
                    if target is not None:
                        yield node, target, alias.name


def _import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, module in MODULES.items():
        for _, target, _ in _imports(module):
            if target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one file (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                # A package's __init__ importing its own modules is not a circle of files.
                head = min(component)
                if len(component) > 1 and not all(
                    m == head or m.startswith(head + ".") for m in component
                ):
                    found.append(sorted(component))
    return found


def _defined_names(tree: ast.Module) -> set[str]:
    """Every name a file defines: functions, classes, assignments, attributes of ``self``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _reach_ins() -> list[str]:
    problems: list[str] = []
    for name, module in MODULES.items():
        where = module.path.relative_to(ROOT)
        for node, target, imported in _imports(module):
            if imported is not None and _is_private(imported) and target != name:
                problems.append(f"{where}:{node.lineno} imports {imported} from {target}")
        own = _defined_names(module.tree)
        for node in ast.walk(module.tree):
            if (
                isinstance(node, ast.Attribute)
                and _is_private(node.attr)
                and node.attr not in own
                and not (isinstance(node.value, ast.Name) and node.value.id in OWN_RECEIVERS)
            ):
                problems.append(f"{where}:{node.lineno} uses {ast.unparse(node)}")
    return problems


def test_the_modules_were_found() -> None:
    assert "assessor.diagnosis.scoring" in MODULES
    assert "ui.app" in MODULES


def test_no_import_circle_between_files() -> None:
    assert _cycles(_import_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "p": {"p.x"}, "p.x": {"p"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_reaches_for_another_modules_private_names() -> None:
    assert _reach_ins() == []


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_is_a_package_that_says_what_it_owns_and_may_import(stage: str) -> None:
    package = MODULES.get(f"assessor.{stage}")
    assert package is not None and package.is_package
    docstring = ast.get_docstring(package.tree)
    assert docstring, f"assessor/{stage}/__init__.py has no docstring"
    assert "import" in docstring.lower(), f"assessor/{stage} does not say what it may import"


def test_few_modules_stay_at_the_top_of_assessor() -> None:
    top = sorted(path.name for path in (ROOT / "assessor").glob("*.py"))
    assert len(top) <= TOP_LEVEL_LIMIT, top


def test_the_architecture_page_names_every_package() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(
        name for name, module in MODULES.items() if module.is_package and name.count(".") <= 1
    )
    missing = [name for name in packages if f"`{name.replace('.', '/')}/`" not in page]
    assert missing == []
