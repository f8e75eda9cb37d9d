"""Figures carry a title, labelled axes with units, and a source line (checked on artists)."""

from __future__ import annotations

import pandas as pd

from asnresearch.models import estimate_survival
from asnresearch.plots import SOURCE, plot_funnel, plot_survival


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_funnel_figure():
    funnel = pd.DataFrame({"stage": ["surfaced", "response", "sanction"], "n": [10, 6, 2],
                           "share": [1.0, 0.6, 0.2]})
    fig = plot_funnel(funnel)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "How far reported cases get"
    assert ax.get_xlabel() == "cases (number)" and ax.get_ylabel() == "stage reached"
    assert [round(p.get_width()) for p in ax.patches] == [10, 6, 2]
    assert SOURCE in _texts(fig)
    assert [a.get_text() for a in ax.texts] == ["100%", "60%", "20%"]


def test_survival_figure_one_line_per_group():
    data = pd.DataFrame({"d": [1, 2, 3, 4, 5, 6], "e": [True] * 6, "g": list("aabbbb")})
    km = estimate_survival(data, duration="d", event="e", by="g")
    fig = plot_survival(km, title="T")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["a", "b"]
    assert ax.get_xlabel() == "days since the case surfaced"
    assert ax.get_ylabel() == "share of cases still waiting"
    assert ax.get_title(loc="left") == "T" and SOURCE in _texts(fig)
    # each curve starts at 1 on day 0 and ends at the last survival value
    xs, ys = ax.get_lines()[0].get_data()
    assert (xs[0], ys[0]) == (0, 1.0) and ys[-1] == 0.0
