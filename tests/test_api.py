"""The public surface: every module says what it exports, and no module uses another's
private names."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import asnresearch

PACKAGE = Path(asnresearch.__file__).parent


def module_files(package: Path) -> dict[str, Path]:
    """Dotted name (below the package) -> file of every module, subpackages included: a
    subpackage by its own name (``extract``), the package's own ``__init__`` as ``__init__``."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        if len(parts) > 1 and parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = sorted(name for name in module_files(PACKAGE) if name != "__init__")


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_what_it_exports(name):
    module = importlib.import_module(f"asnresearch.{name}")
    exported = module.__all__
    assert len(exported) == len(set(exported)), "a name listed twice"
    assert [n for n in exported if not hasattr(module, n)] == [], "listed but not defined"
    assert [n for n in exported if n.startswith("_")] == [], "a private name exported"
    tree = ast.parse(module_files(PACKAGE)[name].read_text(encoding="utf-8"))
    defined = [node.name for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.ClassDef))
               and not node.name.startswith("_")]
    assert sorted(set(defined) - set(exported)) == [], "public but not in __all__"


def test_the_package_root_shows_its_lazy_names():
    assert set(asnresearch.__all__) <= set(dir(asnresearch))
    for name in asnresearch.__all__:
        assert getattr(asnresearch, name) is not None


def find_private_uses(package: Path) -> list[str]:
    """``file:line: module.name`` for every use of another module's name that its ``__all__``
    (read statically) does not export: ``from package.mod import _name`` and ``mod._name``
    on a module imported as ``import package.mod as mod`` or ``from package import mod``;
    and ``obj._name`` where ``_name`` is a private function or method (``Fit._replace_table``)
    defined in another module only."""
    trees = {name: ast.parse(path.read_text(encoding="utf-8"))
             for name, path in module_files(package).items()}
    exports = {}
    for stem, tree in trees.items():
        for node in tree.body:
            if (isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)):
                exports[stem] = {e.value for e in getattr(node.value, "elts", [])
                                 if isinstance(e, ast.Constant)}
    private = {stem: {node.name for node in ast.walk(tree)
                      if isinstance(node, (ast.FunctionDef, ast.ClassDef))
                      and node.name.startswith("_") and not node.name.endswith("__")}
               for stem, tree in trees.items()}
    hits = []

    def check(where, module, name):
        # a module without a static __all__ exports its names without an underscore
        if module != where[0] and (name not in exports[module] if module in exports
                                   else name.startswith("_")):
            hits.append(f"{where[0]}.py:{where[1]}: {module}.{name}")

    prefix = package.name
    for stem, tree in trees.items():
        aliases = {}  # local name -> a module of the package
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == prefix:
                aliases.update({a.asname or a.name: a.name for a in node.names
                                if a.name in trees})
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    prefix + "."):
                module = node.module.removeprefix(prefix + ".")
                for a in node.names:
                    check((stem, node.lineno), module, a.name)
            elif isinstance(node, ast.Import):
                aliases.update({a.asname: a.name.removeprefix(prefix + ".") for a in node.names
                                if a.asname and a.name.startswith(prefix + ".")})
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            if isinstance(node.value, ast.Name) and node.value.id in aliases:
                check((stem, node.lineno), aliases[node.value.id], node.attr)
            elif node.attr not in private[stem]:
                hits += [f"{stem}.py:{node.lineno}: {owner}.{node.attr}"
                         for owner in sorted(private) if node.attr in private[owner]]
    return hits


def test_no_module_uses_another_modules_private_names():
    assert find_private_uses(PACKAGE) == []


def test_the_scan_finds_a_private_use(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text('__all__ = ["f"]\ndef f(): ...\ndef _g(): ...\n'
                                  "def h(): ...\n_H = 1\n"
                                  "class Fit:\n    def _replace(self): ...\n", encoding="utf-8")
    (package / "b.py").write_text("from pkg.a import f, _g\n", encoding="utf-8")
    (package / "c.py").write_text("from pkg import a\nimport pkg.a as aa\n"
                                  "x = a._H + aa.h() + a.f()\n", encoding="utf-8")
    (package / "d.py").write_text("def f(fit):\n    from pkg.b import _z\n"
                                  "    return fit._replace(), fit._own()\n"
                                  "def _own(): ...\n", encoding="utf-8")
    assert find_private_uses(package) == ["b.py:1: a._g", "c.py:3: a._H", "c.py:3: a.h",
                                          "d.py:2: b._z", "d.py:3: a._replace"]
