"""Figures with one project theme: each takes tidy data and returns a matplotlib Figure.

Every figure has a title, labelled axes with units, and a source line under the plot.

Examples
--------
>>> import pandas as pd
>>> funnel = pd.DataFrame({"stage": ["surfaced", "response"], "n": [10, 6],
...                        "share": [1.0, 0.6]})
>>> fig = plot_funnel(funnel)
>>> fig.axes[0].get_xlabel()
'cases (number)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

SOURCE = "Source: asnresearch dataset (reported cases only)"
PALETTE = "colorblind"
FIGSIZE = (7.0, 4.0)


def set_theme() -> None:
    """Apply the project's seaborn theme."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")


def _finish(fig: Figure, title: str, source: str) -> Figure:
    import matplotlib.pyplot as plt

    fig.axes[0].set_title(title, loc="left", fontweight="bold")
    fig.text(0.01, 0.01, source, fontsize=8, color="0.35", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    # detach from pyplot: the caller displays the returned figure exactly once
    plt.close(fig)
    return fig


def plot_funnel(funnel: pd.DataFrame, *, source: str = SOURCE) -> Figure:
    """Horizontal bars of the enforcement funnel from :func:`enforcement.count_stages`."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    set_theme()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    sns.barplot(data=funnel, y="stage", x="n", ax=ax, color=sns.color_palette(PALETTE)[0])
    for bar, share in zip(ax.patches, funnel["share"]):
        ax.annotate(f"{share:.0%}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set(xlabel="cases (number)", ylabel="stage reached")
    return _finish(fig, "How far reported cases get", source)


def plot_survival(
    table: pd.DataFrame, *, title: str, xlabel: str = "days since the case surfaced",
    ylabel: str = "share of cases still waiting", source: str = SOURCE,
) -> Figure:
    """Step curves of a Kaplan-Meier table from :func:`models.estimate_survival`."""
    import matplotlib.pyplot as plt
    import pandas as pd

    set_theme()
    fig, ax = plt.subplots(figsize=FIGSIZE)
    groups = table.groupby("group", sort=True) if "group" in table else [("all cases", table)]
    for name, part in groups:
        times = pd.concat([pd.Series([0]), part["time"]], ignore_index=True)
        surv = pd.concat([pd.Series([1.0]), part["survival"]], ignore_index=True)
        ax.step(times, surv, where="post", label=str(name))
    ax.set(xlabel=xlabel, ylabel=ylabel, ylim=(0, 1.02))
    ax.legend(title="surfaced via", frameon=False)
    return _finish(fig, title, source)
