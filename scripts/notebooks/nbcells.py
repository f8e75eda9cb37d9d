"""Shared by the notebook generators: collect cells, then write the notebook."""
import nbformat as nbf

CELLS = []


def md(source, tags=None):
    CELLS.append(nbf.v4.new_markdown_cell(source, metadata={"tags": list(tags)} if tags else {}))


def code(source, tags=None):
    CELLS.append(nbf.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {}))


def write(path):
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = CELLS
    nbf.write(nb, path)
    print(f"wrote {path}")
