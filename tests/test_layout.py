"""The package layout follows the data flow: a layer imports only the layers below it, and the
render core works with no engine installed."""

from __future__ import annotations

import ast
import subprocess
import sys
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
