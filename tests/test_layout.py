"""The package layout follows the data flow: a layer imports only the layers below it, no modules
import each other in a loop, and the render core works with no engine installed."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.test_code_style import dev_script

SRC = Path(__file__).resolve().parents[1] / "src" / "mlprep"
# Each layer and what it may import from mlprep (itself included).
ALLOWED = {
    "data": {"data"},
    "github": {"github"},
    "site": {"data", "site"},
    "links": {"data", "github", "links"},
    "cli": {"data", "github", "site", "links", "cli"},
}
# The engines' own packages (and their Markdown extensions), which no layer below cli may import.
ENGINE_PACKAGES = ("mkdocs", "material", "properdocs", "zensical", "pymdownx")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_every_module_belongs_to_a_layer_and_imports_only_the_layers_below() -> None:
    loose = [p.name for p in SRC.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], "every module lives in a layer's folder"
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((SRC / layer).glob("*.py")):
            for name in imports(path):
                parts = name.split(".")
                if parts[0] == "mlprep" and len(parts) > 1 and parts[1] not in allowed:
                    wrong.append(f"{layer}/{path.name} imports {name}")
                if layer != "cli" and parts[0] in ENGINE_PACKAGES:
                    wrong.append(f"{layer}/{path.name} imports the engine {name}")
    assert wrong == []
    assert set(ALLOWED) == {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def test_the_wheel_ships_the_mlprep_package_and_its_layers_only() -> None:
    # Packages are looked for under src/ alone, so bench/, tests/ (the simulated web included) and scripts/ never
    # ship. There setuptools takes every folder whose name has no dot for a package (without __init__.py, a
    # namespace one: the templates, shipped as the package data pyproject.toml names).
    setuptools = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["packages"] == {"find": {"where": ["src"]}}
    assert set(setuptools["package-data"]) == {"mlprep.site"}
    packages = set()
    for folder in SRC.parent.rglob("*"):
        parts = folder.relative_to(SRC.parent).parts
        if folder.is_dir() and not any("." in part or part == "__pycache__" for part in parts):
            packages.add(".".join(parts))
    assert packages == {"mlprep", *(f"mlprep.{layer}" for layer in ALLOWED), "mlprep.site.templates"}


def module_name(path: Path, top: Path) -> str:
    """``top/x/y.py`` is ``top.x.y``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(top.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(top: Path) -> dict[str, set[str]]:
    """Each module of the package at ``top`` and the modules of that package it imports (anywhere in it)."""
    paths = {module_name(p, top): p for p in sorted(top.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the package, one level up per extra dot
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]  # a name may be a module
            else:
                continue
            for target in targets:
                while target and target not in paths:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others, each sorted."""
    reach: dict[str, set[str]] = {}
    for start in graph:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            here = todo.pop()
            if here not in seen:
                seen.add(here)
                todo.extend(graph.get(here, ()))
        reach[start] = seen
    loops = {tuple(sorted(m for m in graph if m in reach[n] and n in reach[m])) for n in graph if n in reach[n]}
    return sorted(list(loop) for loop in loops)


def test_no_modules_import_each_other() -> None:
    graph = import_graph(SRC)
    assert {"mlprep.data.load", "mlprep.cli.check_data", "mlprep.links"} <= set(graph)  # every module was read
    assert "mlprep.site.check" in graph["mlprep.cli.check_data"]  # imports were read, not only modules
    assert import_cycles(graph) == []


def test_the_cycle_check_finds_a_loop_however_it_is_imported(tmp_path: Path) -> None:
    top = tmp_path / "pkg"
    (top / "sub").mkdir(parents=True)
    modules = {
        "__init__.py": "",
        "a.py": "from pkg import b\n",
        "b.py": "def f():\n    from .sub.c import g\n",  # inside a function counts: it still runs a.py's loop
        "sub/__init__.py": "",
        "sub/c.py": "import pkg.a\n",
        "d.py": "import pkg.a\nfrom pkg.sub import c\n",  # imports the loop but is not in it
    }
    for name, text in modules.items():
        (top / name).write_text(text, encoding="utf-8")
    assert import_cycles(import_graph(top)) == [["pkg.a", "pkg.b", "pkg.sub.c"]]


def test_every_engine_dev_py_builds_with_is_kept_out_of_the_layers_below_cli() -> None:
    assert set(dev_script().ENGINES) <= set(ENGINE_PACKAGES)


def test_the_render_core_imports_with_no_engine_installed() -> None:
    # A fresh interpreter in which importing any engine fails, as on a machine without MkDocs.
    code = f"""
import importlib.abc, sys
class NoEngines(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {ENGINE_PACKAGES!r}:
            raise ImportError("no engine here: " + name)
sys.meta_path.insert(0, NoEngines())
import mlprep.data.load, mlprep.site.render, mlprep.site.stage, mlprep.links.check
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
