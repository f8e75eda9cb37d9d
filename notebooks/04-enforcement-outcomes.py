# %% [markdown]
# # Enforcement outcomes: what the state did after a case surfaced
#
# **Question.** Once a case of ASN misconduct becomes public, who responds, how fast, through which
# steps, and with what sanction? And how does that compare with what PP 94/2021 prescribes?
#
# The data are *reported* cases: an official step that no outlet reported is missing, so every
# figure here is a lower bound on enforcement, and open cases are treated as censored at the data
# cut-off rather than as cases without any outcome.

# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import Markdown, display

from asnresearch.derive import derive_cases
from asnresearch.enforcement import (
    build_timelines,
    compare_prescribed_imposed,
    count_stages,
    rank_imposed_sanctions,
)
from asnresearch.io import DATA_DIR, load_dataset, read_cutoff_date
from asnresearch.models import (
    SEVERITY_FORMULA,
    build_case_features,
    estimate_survival,
    fit_ordered_severity,
    fit_stage_hazard,
    median_time,
)
from asnresearch.plots import plot_funnel, plot_survival

pd.set_option("display.precision", 3)

# %% tags=["parameters", "remove-cell"]
# Parameters (papermill): folder holding the dataset; None means the bundled data/.
data_dir = None

# %% [markdown]
# ## Timelines and censoring
#
# One timeline per case: days from the day it surfaced to the first official response, to an
# inquiry, to an examination and to a sanction. Only day-precise dates are timed; cases with no
# step by the cut-off are censored there. The counts behind every figure below:

# %% tags=["remove-input"]
ds = load_dataset(data_dir)
cutoff = read_cutoff_date(data_dir)
timelines = build_timelines(ds, cutoff=cutoff)
timelines["channel"] = derive_cases(ds)["channel"].to_numpy()
counts = {
    "cases": len(timelines),
    "timed_start": int(timelines["start_date"].notna().sum()),
    "response_observed": int(timelines["response_observed"].sum()),
    "response_censored": int((~timelines["response_observed"]).sum()),
    "sanction_observed": int(timelines["sanction_observed"].sum()),
    "sanction_censored": int((~timelines["sanction_observed"]).sum()),
}
for key, value in counts.items():
    print(f"{key}: {value}")

# %% [markdown]
# ## The enforcement funnel

# %% tags=["remove-input"]
funnel = count_stages(ds)
funnel

# %% tags=["remove-input"]
plot_funnel(funnel).figure

# %% [markdown]
# ## How fast the first response comes
#
# Kaplan-Meier curves of the time to the first reported official step, by how the case surfaced
# (viral: video, photo or post; inspection: sidak, Satpol PP raid, audit; report: citizen report,
# oversight body, police).

# %% tags=["remove-input"]
km = estimate_survival(timelines, duration="response_days", event="response_observed",
                      by="channel")
print(f"n = {km.attrs['n']} timed cases, {km.attrs['n_dropped']} left out, because:")
print(timelines.loc[timelines["response_days"].isna(), "response_note"].value_counts().to_string())
median_time(km).to_frame()

# %% tags=["remove-input"]
plot_survival(km, title="Time to the first official response, by surfacing channel").figure

# %% tags=["remove-input"]
medians = median_time(km)
display(Markdown(
    f"Half of the viral cases had a reported official response within **{medians['viral']:.0f}** "
    f"days of surfacing; for cases found by inspection the median is "
    f"**{medians['inspection']:.0f}** days, because the inspecting official usually speaks on "
    "the same day."
))

# %% [markdown]
# A Cox proportional-hazards model puts the channel comparison in one table (`estimate`: log
# hazard ratios against cases found by inspection, with their 95% interval; a negative value means
# a slower response; `hazard_ratio` is its exponent). Cases in one province share governors,
# inspectorates and newsrooms, so the standard errors are robust errors clustered by province.

# %% tags=["remove-input"]
features = build_case_features(ds)
cox = fit_stage_hazard(timelines, features, stage="response", cluster="province_code")
print(f"n = {cox.n}, left out = {cox.n_dropped}, clusters = {features['province_code'].nunique()}")
cox.table.round(3)

# %% [markdown]
# ## How fast sanctions come

# %% tags=["remove-input"]
km_sanction = estimate_survival(timelines, duration="sanction_days", event="sanction_observed")
print(f"n = {km_sanction.attrs['n']} timed cases, {km_sanction.attrs['n_dropped']} left out; "
      f"{int(km_sanction['n_events'].sum())} timed sanctions")
print(f"share still without a reported sanction at the end of follow-up: "
      f"{km_sanction['survival'].iloc[-1]:.2f}")

# %% [markdown]
# By surfacing channel. Most curves never fall to one half (the median is then undefined and shown
# as NaN): for most cases no sanction is ever reported.

# %% tags=["remove-input"]
km_sanction_by = estimate_survival(timelines, duration="sanction_days", event="sanction_observed",
                                   by="channel")
ever = km_sanction_by.groupby("group")["survival"].min().rsub(1).rename("share_sanctioned_by_end")
pd.concat([median_time(km_sanction_by), ever], axis=1).round(2)

# %% tags=["remove-input"]
plot_survival(km_sanction_by, title="Time to a reported sanction, by surfacing channel",
              ylabel="Share without a reported sanction").figure

# %% tags=["remove-input"]
cox_sanction = fit_stage_hazard(timelines, features, stage="sanction", cluster="province_code")
print(f"n = {cox_sanction.n}, left out = {cox_sanction.n_dropped}")
cox_sanction.table.round(3)

# %% [markdown]
# ## What was imposed
#
# The most severe imposed sanction of each case on one ordinal scale for PP 94/2021 and PP 53/2010
# (1 = oral reprimand ... 10 = PDHTAPS, 11 = PTDH; 0 = none reported; missing = a sanction whose
# form the source does not state).

# %% tags=["remove-input"]
ranks = rank_imposed_sanctions(ds)
ranks["severity"].value_counts(dropna=False).sort_index().rename("cases").to_frame()

# %% [markdown]
# An ordered logit of the outcome's severity (0 = no sanction reported, then the ordinal scale)
# on the misconduct group (against work-discipline breaches), the surfacing channel (against
# inspection), reach (whether a national outlet covered the case; view counts are too rarely
# reported to use) and the government level (regency and city against province and centre),
# with errors clustered by province. Cases whose sanction form is not stated, or whose government
# level is unknown, are left out and counted. The rows `cut 0/1` and so on are the cut-points on
# the latent scale (a case's outcome is at most 0 with probability logistic(cut 0/1 - x·b)), with
# intervals by the delta method. With so few sanctions the intervals are wide: read it as a method
# demonstration, not a finding.

# %% tags=["remove-input"]
severity = fit_ordered_severity(features, formula=SEVERITY_FORMULA, cluster="province_code")
print(f"formula: {severity.formula}")
print(f"n = {severity.n}, left out = {severity.n_dropped}")
severity.table.round(2)

# %% [markdown]
# ## What the rules prescribe
#
# The absence ladder of PP 94/2021 (and PP 53/2010 for breaches before 31 August 2021) as the
# toolkit encodes it, with the legal basis and the confidence of each row. The ringan and sedang
# article numbers are not verified against the official PDF, and the transitional substitutes for
# the tunjangan-kinerja cuts may no longer apply; both are marked.

# %% tags=["remove-input"]
ladder = pd.read_csv(DATA_DIR / "reference" / "absence_ladder.csv", dtype=str,
                     keep_default_na=False)
ladder[["rule_id", "count", "min_days", "max_days", "sanction_level", "sanction_type",
        "confidence"]]

# %% [markdown]
# ## Prescribed versus imposed
#
# For cases whose sources state how long the civil servant stayed away, the ladder gives the
# prescribed sanction under the regime in force on the date of the breach (PP 53/2010 before
# 31 August 2021, PP 94/2021 from then; when the incident date is unknown, the earliest date the
# case is known by, and `date_basis` says which), and the imposed one is set beside it on the
# same ordinal scale
# (`gap` below zero: lighter than prescribed). Durations stated in months are converted at 20
# working days a month, so those prescriptions are lower bounds.

# %% tags=["remove-input"]
gap = compare_prescribed_imposed(ds)
print(f"cases with a reported number of absence days: {len(gap)} of {len(ds['cases'])}")
print("absence cases not shown:", gap.attrs["left_out"])
gap[["case_id", "absence_days", "absence_days_precision", "regime", "date_basis",
     "prescribed_type", "imposed_type", "gap", "note"]]

# %% [markdown]
# ## Limitations
#
# - **Reported steps only.** An examination or sanction that no outlet reported is invisible; the
#   funnel and the curves understate enforcement.
# - **Censoring.** Most cases have no reported sanction by the cut-off; they are censored, not
#   counted as impunity. Curves flatten where follow-up news stops, not where enforcement stops.
# - **Dates.** Only day-precise dates are timed; cases dated to the month are left out of the
#   curves (counted above).
# - **Small samples.** Group curves rest on a few dozen cases, and the severity model on a few
#   dozen sanctions; intervals are wide. Clustered errors with about thirty provinces are
#   themselves approximate.
# - **Uncertain rules.** See the confidence column of the ladder and `asnresearch.regulation`.
