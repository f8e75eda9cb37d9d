"""Report export: HTML and PDF carry the outputs and none of the code."""

from __future__ import annotations

import nbformat
import pytest
from pypdf import PdfReader

from asnresearch.report import execute_notebook, export_html, export_pdf

CODE_MARKERS = ("import pandas", "load_dataset(", "SECRET_SETUP", "def ")


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Uji laporan\n\nKalimat pembuka."),
        nbformat.v4.new_code_cell("SECRET_SETUP = 1\nimport pandas as pd",
                                  metadata={"tags": ["remove-cell"]}),
        nbformat.v4.new_code_cell("n = 130  # parameters", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(f'cases: {n}')"),
        nbformat.v4.new_code_cell("pd.DataFrame({'province': ['Jawa Timur'], 'n': [n]})"),
        nbformat.v4.new_code_cell(
            "from IPython.display import Markdown\nMarkdown(f'The data holds **{n}** cases.')"),
        nbformat.v4.new_code_cell("Markdown('# HTML TITLE BLOCK')",
                                  metadata={"tags": ["html-only"]}),
        nbformat.v4.new_markdown_cell("## A heading\n\n*Table 1. Its caption.*\n\n| a | b |\n"
                                      "|---|---|\n| 1 | 2 |"),
        nbformat.v4.new_raw_cell("RAW CELL TEXT"),
    ]
    src = tmp / "demo.ipynb"
    nbformat.write(nb, str(src))
    return execute_notebook(src, tmp / "out" / "demo.ipynb", parameters={"n": 131})


def test_papermill_injects_parameters(executed):
    nb = nbformat.read(str(executed), as_version=4)
    outputs = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert "cases: 131\n" in outputs


def test_html_has_outputs_and_no_code(executed, tmp_path):
    html = export_html(executed, tmp_path / "demo.html").read_text(encoding="utf-8")
    assert "cases: 131" in html and "Jawa Timur" in html and "<strong>131</strong>" in html
    assert "<title>demo</title>" in html and "HTML TITLE BLOCK" in html
    for marker in CODE_MARKERS + ("RAW CELL TEXT",):
        assert marker not in html


def test_html_title_names_what_the_page_is(executed, tmp_path):
    html = export_html(executed, tmp_path / "demo.html", title="Uji – Jawa Timur, 2021–2025")
    assert "<title>Uji – Jawa Timur, 2021–2025</title>" in html.read_text(encoding="utf-8")


def test_typst_keeps_headings_and_captions_with_what_follows(executed):
    import subprocess
    from importlib import resources

    import pypandoc

    lua = resources.files("asnresearch").joinpath("templates/brief.lua")
    with resources.as_file(lua) as lua_path:
        typ = subprocess.run(
            [pypandoc.get_pandoc_path(), str(executed), "-f", "ipynb", "--ipynb-output=all",
             "-t", "typst", "--lua-filter", str(lua_path), "-M", "title=T"],
            check=True, capture_output=True, text=True).stdout
    assert "#show heading: set block(sticky: true)" in typ
    caption = typ.index("Table 1. Its caption.")
    assert typ.rfind("#block(sticky: true)[", 0, caption) > typ.find("A heading")
    assert typ.find("#figure(", caption) > caption  # the table follows its caption


def test_pdf_has_outputs_title_and_no_code(executed, tmp_path):
    pdf = export_pdf(executed, tmp_path / "demo.pdf", title="Uji laporan", date="2026-11-24")
    reader = PdfReader(str(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    assert "Uji laporan" in text and "Kalimat pembuka" in text
    assert "cases: 131" in text and "Jawa Timur" in text and "131 cases" in text
    assert "HTML TITLE BLOCK" not in text and "Its caption" in text
    for marker in CODE_MARKERS + ("RAW CELL TEXT",):
        assert marker not in text
