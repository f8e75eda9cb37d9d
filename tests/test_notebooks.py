"""Committed notebooks ran top to bottom and keep outputs (else nbval passes trivially), and
each .ipynb has the same cells as its jupytext .py."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9]*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_in_order_with_outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), (
        f"{path.name} was not executed top to bottom: run `make notebooks`")
    assert sum(bool(c.outputs) for c in code) >= len(code) // 2
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
    # warnings print the file path of the code that raised them, which differs per machine
    stderr = [c.source[:60] for c in code for o in c.outputs if o.get("name") == "stderr"]
    assert not stderr, f"{path.name}: stored stderr output (e.g. a warning) in {stderr}"


def test_every_notebook_is_a_pair():
    py = {p.stem for p in NOTEBOOK_DIR.glob("[0-9]*.py")}
    ipynb = {p.stem for p in NOTEBOOKS}
    assert py == ipynb, (f"without a .py: {sorted(ipynb - py)}, without an .ipynb: "
                         f"{sorted(py - ipynb)}; `make notebooks` pairs them")


def describe_cells(nb):
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_pair_in_sync(path):
    text = path.with_suffix(".py")
    cells = describe_cells(nbformat.read(str(path), as_version=4))
    text_cells = describe_cells(jupytext.read(text, fmt="py:percent"))
    same = sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1],
                                              zip(cells, text_cells)))
    assert cells == text_cells, (
        f"{path.name} and {text.name} differ from cell {same} on: `make notebooks` syncs them "
        "(the newer file's cells win)")


def show_markdown(nb):
    """Yield the markdown a reader sees: markdown cells and outputs, except removed cells."""
    for cell in nb.cells:
        if "remove-cell" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            yield cell.source
        for output in cell.get("outputs", []):
            yield output.get("data", {}).get("text/markdown", "")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_has_parameters_cell_and_limitations(path):
    nb = nbformat.read(str(path), as_version=4)
    tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
    assert "parameters" in tags
    # a visible heading; the brief (10) shows the one compose_brief writes in the brief's language
    shown = "\n".join(show_markdown(nb))
    assert re.search(r"^#+ .*limitations", shown, flags=re.IGNORECASE | re.MULTILINE), (
        f"{path.name} shows no limitations section")
