"""Generate notebooks/10-policy-brief.ipynb (then `make notebooks` executes it).

The brief is written for readers who never open a notebook: every cell's code is hidden
(`remove-input`), setup is removed (`remove-cell`), and all prose comes from
`asnresearch.brief`, in the language of the `lang` parameter.
"""
import nbcells as cells
from nbcells import md, write


def code(source, tags=("remove-input",)):  # the brief hides every input
    cells.code(source, tags)


md("# Ringkasan kebijakan / Policy brief")
code("""import pandas as pd
from IPython.display import Markdown, display

from asnresearch.brief import (MIN_CASES, compute_key_figures, localise_figure, markdown_table,
                               say, say_recommendations, say_response, select_scope)
from asnresearch.codebook import load_codebook
from asnresearch.enforcement import build_timelines, compare_prescribed_imposed, count_stages
from asnresearch.io import load_dataset, load_headcount, read_cutoff_date
from asnresearch.models import estimate_survival
from asnresearch.patterns import count_cases, rate_per_asn, surfacing_mix
from asnresearch.plots import (plot_funnel, plot_mix_over_time, plot_province_rates,
                               plot_surfacing_mix, plot_survival)
from asnresearch.reactions import count_speakers

pd.set_option("display.precision", 2)""", ("remove-cell",))
code("""# Parameters (papermill): language (id or en), optional province name and incident period
# (YEAR or YEAR-YEAR), and the dataset folder (None: the bundled data/).
lang = "en"
province = None
period = None
data_dir = None""", ("parameters", "remove-cell"))
code("""ds = select_scope(load_dataset(data_dir), province=province, period=period,
                  data_dir=data_dir)
cutoff = read_cutoff_date(data_dir)
figures = compute_key_figures(ds, cutoff=cutoff)
labels = load_codebook().labels("speaker_kind", lang)
scope = say("scope_province", lang, province=province) if province else say("scope_all", lang)
if period:
    scope += ", " + say("period", lang, period=period)
counter = {"figure": 0, "table": 0}


def caption(kind, key):
    counter[kind] += 1
    display(Markdown(f"*{say(kind, lang, n=counter[kind])} {say(key, lang)}*"))


display(Markdown(say("about", lang)))
if province and figures["cases"] < MIN_CASES:
    display(Markdown(say("too_few", lang, province=province, cases=figures["cases"])))""")
code("""median = "-" if figures["median_days"] is None else str(figures["median_days"])
rows = [("key_cases", figures["cases"]), ("key_provinces", figures["provinces"]),
        ("key_viral", figures["viral_share"]), ("key_sanction", figures["sanction_share"]),
        ("key_median", median)]
display(Markdown(f"## {say('h_key', lang)}\\n\\n| {say('key_label', lang)} | "
                 f"{say('key_value', lang)} |\\n|---|---|\\n"
                 + "\\n".join(f"| {say(k, lang)} | {v} |" for k, v in rows)))""")
code("""findings = [say("finding_mix", lang, **figures), say("finding_viral", lang, **figures),
            say_response(lang, figures), say("finding_sanction", lang, **figures)]
display(Markdown(f"## {say('h_findings', lang)}\\n\\n" + "\\n".join(f"- {f}" for f in findings)))""")
code("""display(Markdown(f"## {say('h_patterns', lang)}"))
mix = count_cases(ds["cases"], by=["incident_year", "misconduct_group"], within="incident_year")
fig = plot_mix_over_time(mix)
localise_figure(fig, lang, title=say("fig_mix", lang), xlabel=say("ax_year", lang),
                ylabel=say("ax_cases", lang))
display(fig)
caption("figure", "fig_mix")""")
code("""display(Markdown(f"## {say('h_when', lang)}\\n\\n" + say("calendar", lang, **figures)))
fig = plot_surfacing_mix(surfacing_mix(ds["cases"], grouped=True))
localise_figure(fig, lang, title=say("fig_surfacing", lang), xlabel=say("ax_share", lang),
                ylabel=say("ax_channel", lang))
display(fig)
caption("figure", "fig_surfacing")""")
code("""if not province:
    rates = rate_per_asn(ds["cases"], load_headcount(data_dir))
    fig = plot_province_rates(rates, top=12)
    localise_figure(fig, lang, title=say("fig_rates", lang), xlabel=say("ax_rate", lang),
                    ylabel=say("ax_province", lang))
    display(fig)
    caption("figure", "fig_rates")""")
code("""display(Markdown(f"## {say('h_enforcement', lang)}"))
fig = plot_funnel(count_stages(ds))
localise_figure(fig, lang, title=say("fig_funnel", lang), xlabel=say("ax_cases", lang),
                ylabel=say("ax_stage", lang))
display(fig)
caption("figure", "fig_funnel")""")
code("""timelines = build_timelines(ds, cutoff=cutoff)
timelines["channel"] = ds["cases"]["surfaced_via"].astype(str).map(
    load_codebook().grouping("channel")).to_numpy()
km = estimate_survival(timelines, duration="response_days", event="response_observed",
                       by="channel")
if len(km):
    fig = plot_survival(km, title=say("fig_response", lang))
    localise_figure(fig, lang, title=say("fig_response", lang), xlabel=say("ax_days", lang),
                    ylabel=say("ax_waiting", lang))
    display(fig)
    caption("figure", "fig_response")""")
code("""display(Markdown(f"## {say('h_reactions', lang)}\\n\\n"
                 + say("reaction_outcome", lang, **figures)))
speakers = count_speakers(ds)
speakers = speakers[speakers["n"] > 0]
caption("table", "tab_reactions")
display(Markdown(markdown_table({
    say("col_speaker", lang): speakers["speaker_kind"].map(labels),
    say("col_reactions", lang): speakers["n"],
    say("col_share", lang): speakers["share"].map("{:.0%}".format),
    say("col_cases", lang): speakers["cases"]})))""")
code("""display(Markdown(f"## {say('h_gap', lang)}"))
gap = compare_prescribed_imposed(ds)
sanctions = load_codebook().labels("sanction_type", lang)
if len(gap):
    caption("table", "tab_gap")
    display(Markdown(markdown_table({
        say("col_case", lang): gap["case_id"],
        say("col_days", lang): gap["absence_days"],
        say("col_prescribed", lang): gap["prescribed_type"].map(lambda t: sanctions.get(t, t)),
        say("col_imposed", lang): gap["imposed_type"].map(lambda t: sanctions.get(t, t)),
    })))
else:
    display(Markdown(say("no_gap", lang)))""")
code("""recommendations = say_recommendations(lang, figures)
display(Markdown(f"## {say('h_recommendations', lang)}\\n\\n"
                 + "\\n".join(f"{i}. {r}" for i, r in enumerate(recommendations, 1))))""")
code("""version = load_codebook().version
display(Markdown(f"## {say('h_method', lang)}\\n\\n"
                 + say("method", lang, version=version, cutoff=cutoff.isoformat())))
display(Markdown(f"## {say('h_citation', lang)}\\n\\n" + say("citation", lang, version=version)))""")
md("""## Limitations

This notebook is the source of the policy brief; its method and limitations are stated in the
brief itself (section "Method and limitations" / "Metode dan keterbatasan").""", ["remove-cell"])
write("notebooks/10-policy-brief.ipynb")
