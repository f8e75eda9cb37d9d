# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import Markdown, display

from asnresearch.brief import (
    compose_brief,
    estimate_response_by_channel,
    localise_figure,
    select_scope,
)
from asnresearch.enforcement import count_stages
from asnresearch.io import load_dataset, load_headcount, read_cutoff_date
from asnresearch.patterns import count_cases, rate_per_asn, surfacing_mix
from asnresearch.plots import (
    plot_funnel,
    plot_mix_over_time,
    plot_province_rates,
    plot_surfacing_mix,
    plot_survival,
)

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
cutoff = read_cutoff_date(data_dir)
text = compose_brief(dataset, lang=lang, province=province, period=period, data_dir=data_dir,
                     cutoff=cutoff)
ds = select_scope(dataset, province=province, period=period, data_dir=data_dir)


def show(fig, key):
    localise_figure(fig, lang, **text["axes"][key])
    display(fig)
    display(Markdown(text["captions"][key]))


# %% tags=["remove-input", "html-only"]
display(Markdown(text["head"]))

# %% tags=["remove-input"]
display(Markdown(text["about"]))
display(Markdown(text["key"]))

# %% tags=["remove-input"]
display(Markdown(text["findings"]))

# %% tags=["remove-input"]
display(Markdown(text["patterns"]))
mix = count_cases(ds["cases"], by=["incident_year", "misconduct_group"], within="incident_year")
show(plot_mix_over_time(mix, years=text["years"]), "fig_mix")

# %% tags=["remove-input"]
display(Markdown(text["when"]))
show(plot_surfacing_mix(surfacing_mix(ds["cases"], grouped=True)), "fig_surfacing")

# %% tags=["remove-input"]
if "fig_rates" in text["captions"]:
    show(plot_province_rates(rate_per_asn(ds["cases"], load_headcount(data_dir)), top=12),
         "fig_rates")

# %% tags=["remove-input"]
display(Markdown(text["enforcement"]))
show(plot_funnel(count_stages(ds)), "fig_funnel")

# %% tags=["remove-input"]
if "fig_response" in text["captions"]:
    km = estimate_response_by_channel(ds, cutoff=cutoff)
    show(plot_survival(km, title=text["axes"]["fig_response"]["title"]), "fig_response")

# %% tags=["remove-input"]
display(Markdown(text["reactions"]))

# %% tags=["remove-input"]
display(Markdown(text["gap"]))

# %% tags=["remove-input"]
display(Markdown(text["recommendations"]))

# %% tags=["remove-input"]
display(Markdown(text["method"]))
display(Markdown(text["citation"]))
