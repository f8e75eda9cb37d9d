# %% [markdown]
# # Explore the dataset
#
# Choose a province, a regency, the incident years, the kind of misconduct, how the case
# surfaced, the stage it reached and the sanction: the headline, the map of the 38 provinces,
# the cases over time, the enforcement funnel, the time to the first response and the case
# table all show the same chosen cases. The map gives cases, or cases per 100,000 PNS
# person-years with the 95% interval in each tile's hover text. The data are *reported*
# cases, not all misconduct. Serve this notebook as an app with `make explore` (Voila at
# http://127.0.0.1:8866); the logic lives in `asnresearch.explore`.

# %%
from asnresearch.explore import build_app

# %% tags=["parameters"]
# Parameters (papermill): folder holding the dataset (None: the bundled data/, or the folder in
# the environment variable ASNRESEARCH_DATA) and the starting language (id or en).
data_dir = None
lang = "id"

# %%
# The time-to-response chart follows the other views (its statistics library is slow to load).
app = build_app(data_dir=data_dir, lang=lang, defer_survival=True)

# %%
# NBVAL_IGNORE_OUTPUT: a widget's output is a reference to a model id drawn at random
app.widget

# %% [markdown]
# The number of cases the app starts with (every case of the dataset):

# %%
print(f"cases shown: {len(app.ds['cases'])}; provinces on the map: {len(app.provinces)}")

# %% [markdown]
# ## Limitations
#
# - The cases are those the news reported and the project found: a province with more cases
#   may have more outlets, not more misconduct.
# - Rates count only the systematically found cases of the headcount's staff dated within the
#   years chosen (all the dataset's years when none are), against a single year's headcount
#   spread over those years; each tile's hover text gives its interval, and most intervals
#   overlap. A map of such rates is no ranking.
# - A case whose incident year is unknown is shown only while all years are chosen.
# - The time to the first response measures how soon a response was *reported*; a response
#   told in the news item that made the case known counts as day 0.
