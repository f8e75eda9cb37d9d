"""Report export: execute notebooks with papermill, then export HTML and PDF without code.

HTML comes from nbconvert with every input hidden and cells tagged ``remove-cell`` removed.
PDF comes from pandoc (the ``pypandoc-binary`` wheel) reading the executed notebook, a Lua
filter that drops code (``templates/brief.lua``), and the ``typst`` wheel: both install from
PyPI alone, with no LaTeX, no browser and nothing fetched at run time.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
REPORT_NOTEBOOKS = ("01-dataset.ipynb",)
KERNEL = "python3"


def execute_notebook(
    src: str | Path, dst: str | Path, *, parameters: Mapping[str, Any] | None = None
) -> Path:
    """Run a notebook top to bottom with papermill and write the executed copy to ``dst``.

    The kernel runs in the notebook's own folder, so relative paths behave as in JupyterLab.
    """
    import papermill

    src, dst = Path(src), Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(src), str(dst), parameters=dict(parameters or {}), kernel_name=KERNEL,
        cwd=str(src.parent), progress_bar=False,
    )
    return dst


def export_html(notebook: str | Path, html_path: str | Path) -> Path:
    """Export an executed notebook to standalone HTML with no code.

    Inputs of all code cells are hidden; cells tagged ``remove-cell`` and outputs tagged
    ``remove-output`` are removed; raw cells are excluded.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(str(notebook), as_version=4)
    exporter = HTMLExporter(
        template_name="lab", exclude_input=True, exclude_input_prompt=True,
        exclude_output_prompt=True, exclude_raw=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(
            enabled=True, remove_cell_tags={"remove-cell"},
            remove_all_outputs_tags={"remove-output"}, remove_input_tags={"remove-input"},
        ),
        enabled=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    html_path = Path(html_path)
    html_path.write_text(body, encoding="utf-8")
    return html_path


def export_pdf(
    notebook: str | Path, pdf_path: str | Path, *, title: str, subtitle: str = "",
    date: str = "", lang: str = "en",
) -> Path:
    """Export an executed notebook to an A4 PDF through pandoc and Typst, with no code.

    Parameters
    ----------
    notebook : path
        An executed notebook.
    pdf_path : path
        Where to write the PDF.
    title, subtitle, date : str
        Title block.
    lang : {'en', 'id'}
        Document language (hyphenation).
    """
    import pypandoc
    import typst

    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    lua = resources.files("asnresearch").joinpath("templates/brief.lua")
    with tempfile.TemporaryDirectory() as tmp, resources.as_file(lua) as lua_path:
        typ = Path(tmp) / "brief.typ"
        meta = Path(tmp) / "meta.json"
        meta.write_text(json.dumps({
            "title": title, "subtitle": subtitle, "date": date, "lang": lang,
            "papersize": "a4", "fontsize": "10pt", "margin": {"x": "2cm", "y": "2cm"},
        }), encoding="utf-8")
        cmd = [
            pypandoc.get_pandoc_path(), str(notebook), "-f", "ipynb", "--ipynb-output=all",
            "-t", "typst", "-s", "--lua-filter", str(lua_path), f"--metadata-file={meta}",
            f"--extract-media={tmp}/media", "-o", str(typ),
        ]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        typst.compile(str(typ), output=str(pdf_path), root="/")
    return pdf_path


def build_report(
    out_dir: str | Path = "reports", *, notebooks: Iterable[str] = REPORT_NOTEBOOKS,
    notebook_dir: str | Path = NOTEBOOK_DIR,
) -> list[Path]:
    """Execute the report notebooks and export each to HTML and PDF in ``out_dir``.

    Returns
    -------
    list of Path
        The files written.
    """
    from asnresearch.codebook import load_codebook
    from asnresearch.io import read_cutoff_date

    out_dir = Path(out_dir)
    cutoff = read_cutoff_date()
    written = []
    for name in notebooks:
        src = Path(notebook_dir) / name
        executed = execute_notebook(src, out_dir / "executed" / name)
        stem = src.stem
        written.append(export_html(executed, out_dir / f"{stem}.html"))
        written.append(
            export_pdf(
                executed, out_dir / f"{stem}.pdf", title=_title_of(executed),
                subtitle="asnresearch",
                date=f"Data cut-off {cutoff.isoformat()} - codebook "
                     f"{load_codebook().version} - built {dt.date.today().isoformat()}",
            )
        )
    return written


def _title_of(notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem
