"""environment.yml lists exactly the dependencies of pyproject.toml, with the same bounds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    name, spec = m.group(1), m.group(2)
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return dict(_split(r) for r in reqs)


def _environment() -> tuple[dict[str, str], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps, pip = {}, []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip = item["pip"]
            continue
        name, spec = _split(item)
        if name not in ("python", "pip"):
            deps[name] = spec
    for item in pip:
        if not item.startswith("-"):
            name, spec = _split(item)
            deps[name] = spec
    return deps, pip


def test_environment_matches_pyproject():
    deps, _ = _environment()
    assert deps == _pyproject()


def test_environment_installs_the_package_and_python_version():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    _, pip = _environment()
    assert "-e ." in pip
    python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python == [f"python{requires}"]


def test_lock_pins_every_dependency_exactly():
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[re.sub(r"[-_.]+", "-", name).lower()] = version
    missing = set(_pyproject()) - set(lock)
    assert not missing, f"requirements.lock lacks {missing}; run `make lock`"
    assert all(lock.values())
