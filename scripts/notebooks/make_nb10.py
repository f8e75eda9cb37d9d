"""Generate notebooks/10-policy-brief.ipynb (then `make notebooks` executes it).

The brief is written for readers who never open a notebook: every cell's code is hidden
(`remove-input`), setup is removed (`remove-cell`), and all prose comes from
`asnresearch.brief.compose_brief`, in the language of the `lang` parameter, so the notebook
only displays text and draws figures. The title block is tagged `html-only`: the PDF has its
own, made from the same text by `asnresearch.report`.
"""
import nbcells as cells
from nbcells import md, write


def code(source, tags=("remove-input",)):  # the brief hides every input
    cells.code(source, tags)


code("""import pandas as pd
from IPython.display import Markdown, display

from asnresearch.brief import (compose_brief, estimate_response_by_channel, localise_figure,
                               select_scope)
from asnresearch.enforcement import count_stages
from asnresearch.io import load_dataset, load_headcount, read_cutoff_date
from asnresearch.patterns import count_cases, rate_per_asn, surfacing_mix
from asnresearch.plots import (plot_funnel, plot_mix_over_time, plot_province_rates,
                               plot_surfacing_mix, plot_survival)

pd.set_option("display.precision", 2)""", ("remove-cell",))
code("""# Parameters (papermill): language (id or en), optional province name and incident period
# (YEAR or YEAR-YEAR), and the dataset folder (None: the bundled data/).
lang = "en"
province = None
period = None
data_dir = None""", ("parameters", "remove-cell"))
code("""dataset = load_dataset(data_dir)
cutoff = read_cutoff_date(data_dir)
text = compose_brief(dataset, lang=lang, province=province, period=period, data_dir=data_dir,
                     cutoff=cutoff)
ds = select_scope(dataset, province=province, period=period, data_dir=data_dir)


def show(fig, key):
    localise_figure(fig, lang, **text["axes"][key])
    display(fig)
    display(Markdown(text["captions"][key]))""", ("remove-cell",))
code("""display(Markdown(text["head"]))""", ("remove-input", "html-only"))
code("""display(Markdown(text["about"]))
display(Markdown(text["key"]))""")
code("""display(Markdown(text["findings"]))""")
code("""display(Markdown(text["patterns"]))
mix = count_cases(ds["cases"], by=["incident_year", "misconduct_group"], within="incident_year")
show(plot_mix_over_time(mix, years=text["years"]), "fig_mix")""")
code("""display(Markdown(text["when"]))
show(plot_surfacing_mix(surfacing_mix(ds["cases"], grouped=True)), "fig_surfacing")""")
code("""if "fig_rates" in text["captions"]:
    show(plot_province_rates(rate_per_asn(ds["cases"], load_headcount(data_dir)), top=12),
         "fig_rates")""")
code("""display(Markdown(text["enforcement"]))
show(plot_funnel(count_stages(ds)), "fig_funnel")""")
code("""if "fig_response" in text["captions"]:
    km = estimate_response_by_channel(ds, cutoff=cutoff)
    show(plot_survival(km, title=text["axes"]["fig_response"]["title"]), "fig_response")""")
code("""display(Markdown(text["reactions"]))""")
code("""display(Markdown(text["gap"]))""")
code("""display(Markdown(text["recommendations"]))""")
code("""display(Markdown(text["method"]))
display(Markdown(text["citation"]))""")
md("""## Limitations

This notebook is the source of the policy brief; its method and limitations are stated in the
brief itself (section "Method and limitations" / "Metode dan keterbatasan").""", ["remove-cell"])
write("notebooks/10-policy-brief.ipynb")
