# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import Markdown, display

from asnresearch.brief import compose_brief, draw_figures
from asnresearch.io import load_dataset, read_cutoff_date

pd.set_option("display.precision", 2)

# %% tags=["parameters", "remove-cell"]
# Parameters (papermill): language (id or en), optional province name and incident period
# (YEAR or YEAR-YEAR), and the dataset folder (None: the bundled data/).
lang = "en"
province = None
period = None
data_dir = None

# %% tags=["remove-cell"]
dataset = load_dataset(data_dir)
scope = {"province": province, "period": period, "data_dir": data_dir,
         "cutoff": read_cutoff_date(data_dir)}
text = compose_brief(dataset, lang=lang, **scope)
figures = draw_figures(dataset, text, lang=lang, **scope)


def show(key):
    """Figure ``key`` and its caption, where the brief has that figure."""
    if key in figures:
        display(figures[key], Markdown(text["captions"][key]))


# %% tags=["remove-input", "html-only"]
display(Markdown(text["head"]))

# %% tags=["remove-input"]
display(Markdown(text["about"]))
display(Markdown(text["key"]))

# %% tags=["remove-input"]
display(Markdown(text["findings"]))

# %% tags=["remove-input"]
display(Markdown(text["patterns"]))
show("fig_mix")

# %% tags=["remove-input"]
display(Markdown(text["when"]))
show("fig_surfacing")

# %% tags=["remove-input"]
show("fig_map")
show("fig_rates")

# %% tags=["remove-input"]
display(Markdown(text["enforcement"]))
show("fig_funnel")

# %% tags=["remove-input"]
show("fig_response")

# %% tags=["remove-input"]
display(Markdown(text["reactions"]))

# %% tags=["remove-input"]
display(Markdown(text["gap"]))

# %% tags=["remove-input"]
display(Markdown(text["recommendations"]))

# %% tags=["remove-input"]
display(Markdown(text["method"]))
display(Markdown(text["citation"]))
