"""No private name crosses a module: what another module needs is public where it is defined."""

from __future__ import annotations

import ast

from .conftest import ROOT


def private_imports(source: str) -> list[str]:
    """`from x import _name` and `module._name` for imported modules, as 'line: name'."""
    tree = ast.parse(source)
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom | ast.Import):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.lineno}: {alias.name}")
                modules.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_imports_a_private_name():
    offenders = {str(path.relative_to(ROOT)): names for path in sorted((ROOT / "src").rglob("*.py"))
                 if (names := private_imports(path.read_text(encoding="utf-8")))}
    assert offenders == {}
