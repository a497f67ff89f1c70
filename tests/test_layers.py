"""Imports run one way, down the layers: no module of advisor imports, even lazily inside
a function, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import advisor

PACKAGE = Path(advisor.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path, known: set[str]) -> set[str]:
    """Every advisor module `path` imports at run time (type-checking imports left out)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    pending: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while pending:
        node = pending.pop()
        if _type_checking_only(node):
            continue
        pending.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {name for name in found if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    known = {_module_name(path) for path in files}
    return {_module_name(path): _imports(path, known) for path in files}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_graph_is_read_from_the_real_package() -> None:
    graph = import_graph()
    assert "advisor.engine.session" in graph["advisor.report.build"]
    assert "advisor.flow.model" in graph["advisor.engine.session"]


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    assert cycles(import_graph()) == []


def test_the_core_fact_registry_does_not_reach_up_into_the_cost_model() -> None:
    assert not {m for m in import_graph()["advisor.facts"] if m.startswith("advisor.costs")}


def test_a_cycle_would_be_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The import graph between folders: each module counts for the folder it lives in
    (`advisor.costs.estimate.targets` for `advisor.costs.estimate`); a module at the top of
    the package stands alone (`advisor.derived`)."""
    folders = {name.rpartition(".")[0] for name in graph}

    def folder(module: str) -> str:
        if module in folders:  # a package's own __init__
            return module
        parent = module.rpartition(".")[0]
        return module if parent in ("", "advisor") else parent

    packages: dict[str, set[str]] = {}
    for module, imported in graph.items():
        mine = folder(module)
        packages.setdefault(mine, set()).update(
            other for other in map(folder, imported) if other != mine
        )
    return packages


def test_no_package_imports_a_package_that_imports_it_back() -> None:
    """A folder is a layer: if flow/ imported engine/ and engine/ imported flow/, neither
    could be read, tested or replaced without the other, even with no module-level loop."""
    assert cycles(package_graph(import_graph())) == []


def test_a_package_cycle_would_be_found_where_modules_make_none() -> None:
    modules = {"advisor.flow.checks": {"advisor.engine.wording"},
               "advisor.engine.session": {"advisor.flow.model"},
               "advisor.flow.model": set(), "advisor.engine.wording": set()}
    assert cycles(modules) == []
    assert cycles(package_graph(modules)) == [["advisor.engine", "advisor.flow"]]


def test_the_flow_format_imports_neither_the_engine_nor_the_cost_model() -> None:
    imported = {m for module, names in import_graph().items()
                if module.startswith("advisor.flow.") for m in names}
    assert not {m for m in imported
                if m.startswith(("advisor.engine", "advisor.costs", "advisor.derived",
                                 "advisor.flowcheck", "advisor.report"))}
