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

from asnresearch.io import write_atomically

__all__ = [
    "NOTEBOOK_DIR", "REPORT_NOTEBOOKS", "BRIEF_NOTEBOOK", "KERNEL", "execute_notebook",
    "export_html", "export_pdf", "build_report", "render_page",
]

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
REPORT_NOTEBOOKS = ("01-dataset.ipynb",)
BRIEF_NOTEBOOK = "10-policy-brief.ipynb"
KERNEL = "python3"


def execute_notebook(
    src: str | Path, dst: str | Path, *, parameters: Mapping[str, Any] | None = None
) -> Path:
    """Run a notebook top to bottom with papermill and write the executed copy to ``dst``.

    The kernel runs in the notebook's own folder, so relative paths behave as in JupyterLab.
    Its sockets are encrypted (CurveZMQ) where pyzmq can, so the kernel does not warn that
    code and outputs travel in plain text.
    """
    import papermill
    import zmq
    from traitlets.config import Config

    src, dst = Path(src), Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    config = Config()
    if zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"  # where the kernelspec supports it
    papermill.execute_notebook(
        str(src), str(dst), parameters=dict(parameters or {}), kernel_name=KERNEL,
        cwd=str(src.parent), progress_bar=False, config=config,
    )
    return dst


def export_html(
    notebook: str | Path, html_path: str | Path, *, title: str | None = None
) -> Path:
    """Export an executed notebook to standalone HTML with no code.

    Inputs of all code cells are hidden; cells tagged ``remove-cell`` and outputs tagged
    ``remove-output`` are removed; raw cells are excluded. ``title`` becomes the page's
    ``<title>`` (default: the notebook's metadata title, else its file name).
    """
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = nbformat.read(str(notebook), as_version=4)
    if title:
        nb.metadata["title"] = title
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
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": Path(notebook).stem}})
    html_path = Path(html_path)
    with write_atomically(html_path, overwrite=True) as tmp:
        tmp.write_text(body, encoding="utf-8")
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
    lua = resources.files("asnresearch").joinpath("templates/brief.lua")
    with tempfile.TemporaryDirectory() as tmp, resources.as_file(lua) as lua_path:
        typ = Path(tmp) / "brief.typ"
        meta = Path(tmp) / "meta.json"
        meta.write_text(json.dumps({
            "title": title, "subtitle": subtitle, "date": date, "lang": lang,
            "papersize": "a4", "fontsize": "10pt", "margin": {"x": "2cm", "y": "2cm"},
            "page-numbering": "1 / 1",
        }), encoding="utf-8")
        cmd = [
            pypandoc.get_pandoc_path(), str(notebook), "-f", "ipynb", "--ipynb-output=all",
            "-t", "typst", "-s", "--lua-filter", str(lua_path), f"--metadata-file={meta}",
            f"--extract-media={tmp}/media", "-o", str(typ),
        ]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        with write_atomically(pdf_path, overwrite=True) as out:
            typst.compile(str(typ), output=str(out), root="/")
    return pdf_path


def build_report(
    out_dir: str | Path = "reports", *, langs: Iterable[str] | None = None,
    province: str | None = None, period: str | None = None,
    notebooks: Iterable[str] = REPORT_NOTEBOOKS, notebook_dir: str | Path = NOTEBOOK_DIR,
) -> list[Path]:
    """Execute the policy brief for each language (default: every language of the codebook)
    and the dataset notebook, export HTML and PDF to ``out_dir``.

    The brief is written as ``brief-<lang>[-<province>][-<period>].pdf`` and ``.html``, with
    its first page as ``...-page1.png`` to look at; the dataset description as
    ``01-dataset.pdf`` and ``.html`` (only for the whole country). The title block and the
    HTML ``<title>`` state the scope (province, period, number of cases) in the brief's
    language (:func:`asnresearch.brief.compose_brief`).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        Before any notebook runs, for an unknown language or province, a malformed or
        backward period, or a scope without a case (one line each).
    """
    from asnresearch.brief import compose_brief
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_dataset, read_cutoff_date

    out_dir = Path(out_dir)
    cb = load_codebook()
    langs = list(cb.langs if langs is None else langs)
    for lang in langs:
        cb.check_lang(lang)
    dataset, cutoff = load_dataset(), read_cutoff_date()
    built = dt.date.today().isoformat()
    # composed before papermill runs: a bad or empty scope fails here, in one line
    texts = {lang: compose_brief(dataset, lang=lang, province=province, period=period,
                                 cutoff=cutoff, built=built) for lang in langs}
    written = []
    suffix = "".join(f"-{_slug(v)}" for v in (province, period) if v)
    for lang, text in texts.items():
        name = f"brief-{lang}{suffix}"
        executed = execute_notebook(
            Path(notebook_dir) / BRIEF_NOTEBOOK, out_dir / "executed" / f"{name}.ipynb",
            parameters={"lang": lang, "province": province, "period": period})
        written.append(export_html(executed, out_dir / f"{name}.html",
                                   title=text["html_title"]))
        pdf = export_pdf(executed, out_dir / f"{name}.pdf", title=text["title"],
                         subtitle=text["scope"], date=text["stamp"], lang=lang)
        written += [pdf, render_page(pdf, out_dir / f"{name}-page1.png")]
    stamp = (f"Data {load_codebook().version}, cut-off {cutoff.isoformat()}, built {built}")
    if province is None and period is None:
        for nb_name in notebooks:
            src = Path(notebook_dir) / nb_name
            executed = execute_notebook(src, out_dir / "executed" / nb_name)
            written.append(export_html(executed, out_dir / f"{src.stem}.html",
                                       title=_title_of(executed)))
            written.append(export_pdf(executed, out_dir / f"{src.stem}.pdf",
                                      title=_title_of(executed), subtitle="asnresearch",
                                      date=stamp))
    return written


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render_page(pdf: str | Path, png: str | Path, *, page: int = 0, scale: float = 1.5) -> Path:
    """Render one page of a PDF to PNG (pypdfium2), so a person can look at the brief."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    image = document[page].render(scale=scale).to_pil()
    png = Path(png)
    with write_atomically(png, overwrite=True) as tmp:
        image.save(tmp, format="PNG")
    return png


def _title_of(notebook: Path) -> str:
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem
