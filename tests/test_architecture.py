"""The import graph holds its shape: ``app/`` packages depend in one direction, ``app.core``
imports no feature, and ``mail/`` never imports ``app/`` (STYLE: the layout we aim for)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
# Packages below the features: anything may use them, they use no feature.
BASE = {"core", "models"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def package_graph() -> dict[str, set[str]]:
    """Package -> the other ``app`` packages its modules import (at any depth)."""
    packages = {p.name for p in APP.iterdir() if p.is_dir() and any(p.glob("*.py"))}
    graph: dict[str, set[str]] = {p: set() for p in packages}
    for path in APP.rglob("*.py"):
        parts = path.relative_to(APP).parts
        if len(parts) < 2:
            continue
        for name in _imports(path):
            target = name.split(".")
            inside = target[0] == "app" and len(target) > 1 and target[1] in packages
            if inside and target[1] != parts[0]:
                graph[parts[0]].add(target[1])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_app_packages_import_each_other_in_one_direction() -> None:
    assert cycles(package_graph()) == []


def test_the_core_imports_no_feature() -> None:
    graph = package_graph()
    for base in BASE:
        assert graph[base] <= BASE, f"app.{base} imports {sorted(graph[base] - BASE)}"


def test_mail_never_imports_app() -> None:
    for path in (ROOT / "mail").rglob("*.py"):
        leaked = sorted(n for n in _imports(path) if n == "app" or n.startswith("app."))
        assert not leaked, f"{path.relative_to(ROOT)} imports {leaked}"


def test_a_cycle_is_seen() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
