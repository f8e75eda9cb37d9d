"""asnresearch: an open toolkit for studying reported misconduct by Indonesian civil servants.

The package is light to import; heavy libraries (pandas, pandera, statsmodels, seaborn) load
only when a function that needs them runs.

Examples
--------
>>> import asnresearch
>>> asnresearch.__version__
'0.1.0'
>>> len(asnresearch.load_dataset()["cases"]) >= 120
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public names and the submodule that defines each; loaded on first use.
_EXPORTS = {
    "load_cases": "io",
    "load_sources": "io",
    "load_events": "io",
    "load_reactions": "io",
    "load_regions": "io",
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
