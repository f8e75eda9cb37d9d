"""asnresearch: an open toolkit for studying reported misconduct by Indonesian civil servants.

The package is light to import; heavy libraries (pandas, statsmodels, seaborn) load
only when a function that needs them runs.

Examples
--------
>>> import asnresearch
>>> from importlib.metadata import version
>>> asnresearch.__version__ == version("asnresearch")  # pyproject.toml is the one place
True
>>> "load_dataset" in dir(asnresearch)
True
>>> len(asnresearch.load_dataset()["cases"]) >= 120
True
"""

from __future__ import annotations

import importlib
from importlib.metadata import version as _version
from typing import Any

__version__ = _version("asnresearch")

# Public names and the submodule that defines each; loaded on first use.
_EXPORTS = {
    "load_cases": "io",
    "load_sources": "io",
    "load_events": "io",
    "load_reactions": "io",
    "load_regions": "io",
    "load_reference": "io",
    "load_dataset": "io",
    "DataError": "io",
    "load_codebook": "codebook",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f"asnresearch.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'asnresearch' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the lazily loaded names too, so editors and dir() see the public surface
    return sorted(set(globals()) | set(__all__))
