# %% [markdown]
# # What the dataset holds
#
# **Question.** Which reported cases of misconduct by Indonesian civil servants (ASN) does the
# asnresearch dataset contain, where and when did they happen, how did they come to light, and how
# complete is the coding? This notebook describes the data that every other notebook stands on.
#
# Every case is coded from news reports whose addresses are in `data/sources.csv`. The data shows
# *reported* cases, not all misconduct: what the press covers, and what survives online, shapes it.

# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import Markdown, display

from asnresearch.describe import measure_completeness, measure_outcome_coverage, summarise_dataset
from asnresearch.gazetteer import add_region_names
from asnresearch.io import load_dataset, load_regions, read_cutoff_date
from asnresearch.patterns import count_cases

pd.set_option("display.precision", 3)

# %% tags=["parameters", "remove-cell"]
# Parameters (papermill): folder holding the dataset; None means the bundled data/.
data_dir = None

# %% [markdown]
# ## Load and validate
#
# The loader checks every file's sha256 against `datapackage.json` and validates every cell against
# the codebook before anything is counted. The figures quoted below:

# %% tags=["remove-input"]
ds = load_dataset(data_dir)
cases = add_region_names(ds["cases"], load_regions(data_dir))
figures = summarise_dataset(ds)
for key, value in figures.items():
    print(f"{key}: {value}")

# %% tags=["remove-input"]
display(Markdown(
    f"The dataset holds **{figures['cases']}** reported cases from **{figures['provinces']}** "
    f"provinces and **{figures['regencies']}** regencies or cities, with incidents from "
    f"{figures['first_year']} to {figures['last_year']}. They are coded from "
    f"**{figures['sources']}** news items in **{figures['outlets']}** outlets; "
    f"**{figures['events']}** official steps and **{figures['reactions']}** public reactions are "
    f"coded as dated rows. Data cut-off: {read_cutoff_date(data_dir).isoformat()}."
))

# %% [markdown]
# ## What is reported
#
# Cases by main type of misconduct (codebook order), with the PP 94/2021 provision each type
# breaches listed in `data/CODEBOOK.md`.

# %% tags=["remove-input"]
count_cases(cases, by="misconduct_type", lang="en")

# %% [markdown]
# ## When
#
# Cases by year of the incident (`unknown` where no source dates it). The recent years dominate,
# which reflects what is online and stored rather than a real rise.

# %% tags=["remove-input"]
count_cases(cases, by="incident_year")

# %% [markdown]
# ## Where
#
# Cases by province, most first.

# %% tags=["remove-input"]
count_cases(cases, by="province_name").sort_values(
    ["n", "province_name"], ascending=[False, True], ignore_index=True)

# %% [markdown]
# Cases by level of government employing those involved:

# %% tags=["remove-input"]
count_cases(cases, by="government_level", lang="en")

# %% [markdown]
# ## How cases come to light

# %% tags=["remove-input"]
count_cases(cases, by="surfaced_via", lang="en")

# %% [markdown]
# ## Who is involved
#
# Most reports say only "ASN" or "pegawai", so the employment status is often unknown.

# %% tags=["remove-input"]
count_cases(cases, by="asn_status", lang="en")

# %% [markdown]
# ## Completeness of the coding
#
# Share of cases in which each coded variable is known. Fields that depend on later paragraphs of
# an article (exact times, reach of a video) are often unknown; nothing was filled by guesswork.

# %% tags=["remove-input"]
measure_completeness(ds["cases"], name="cases")

# %% [markdown]
# ## Outcome coverage
#
# How far each case's reported story goes: no official step reported, an official step (a
# statement, summons, examination...) but no sanction, or a sanction reported.

# %% tags=["remove-input"]
coverage = measure_outcome_coverage(ds)
coverage

# %% tags=["remove-input"]
share = coverage.set_index("stage")["share"]
display(Markdown(
    f"For {share['no_official_step']:.0%} of cases no official step is reported at all, and a "
    f"sanction is reported for only {share['sanction_reported']:.0%}. Unreported outcomes are "
    "not absent outcomes: follow-up news is rare, so enforcement analyses must treat open cases "
    "as censored, not as impunity."
))

# %% [markdown]
# ## Limitations
#
# - **Reported cases only.** The data holds what regional and national news reported and what was
#   stored online; quiet cases, and cases settled inside an agency, are missing.
# - **Coverage bias.** Java and Banten and the most recent years are over-represented; regions with
#   fewer online outlets are under-represented.
# - **Excerpts.** Many facts (final sanctions, reach of a video, exact times) appear only in later
#   paragraphs or later articles and are coded `unknown` when not found.
# - **Status.** Outlets often say "ASN" without PNS or PPPK, and some people caught in raids may be
#   non-ASN staff.
#
# See `data/README.md` for provenance, the coding procedure, reliability figures and licences.
