# %% [markdown]
# # Enforcement outcomes: what the state did after a case surfaced
#
# **Question.** Once a case of ASN misconduct becomes public, who responds, how fast, through which
# steps, and with what sanction? And how does that compare with what PP 94/2021 prescribes?
#
# The data are *reported* cases: an official step that no outlet reported is missing, so the
# counts and shares of reported steps are lower bounds on enforcement. A case without a
# reported step is censored at its last follow-up report, not counted as a case without any
# outcome; that censoring leans the other way (next section), so the time-to-event estimates
# are not lower bounds, and the sanction section brackets them with a second censoring rule.

# %% tags=["remove-cell"]
import pandas as pd
from IPython.display import Markdown, display

from asnresearch.enforcement import (
    build_timelines,
    compare_prescribed_imposed,
    count_stages,
    estimate_stage_incidence,
    rank_imposed_sanctions,
    share_same_day,
)
from asnresearch.io import DATA_DIR, load_dataset, read_cutoff_date
from asnresearch.models import (
    SEVERITY_FORMULA,
    build_case_features,
    estimate_level_thresholds,
    estimate_survival,
    fit_firth_logit,
    fit_stage_hazard,
    median_time,
)
from asnresearch.plots import plot_funnel, plot_survival
from asnresearch.survival import check_proportional_hazards, estimate_rmst

pd.set_option("display.precision", 3)

# %% tags=["parameters", "remove-cell"]
# Parameters (papermill): folder holding the dataset; None means the bundled data/.
data_dir = None

# %% [markdown]
# ## Timelines: one origin, censoring at the last follow-up
#
# One timeline per case: days from its **origin** to the first official response, to an inquiry,
# to an examination and to a sanction. The origin is the same for every duration: the day the
# case surfaced when the data know it to the day, else the day of its first dated report; the
# incident date never is (a breach can lie months before anyone knew of it). A case with
# neither date has no origin and is not timed. A step dated before the origin (the clock fell
# back to a report that came after the step, or the step itself surfaced the case) is counted
# as day 0 and flagged, not dropped.
#
# A case without a step is **censored at its last follow-up**: the latest day its sources were
# published or a step of it happened. After that no outlet was looking, so nothing can be said.
# This censoring is not neutral: a reported step usually brings a report of its own, so cases
# with a step are followed longer than cases without one, and censoring there overstates how
# often steps come (informative censoring). Censoring at the data cut-off, as this notebook did
# before, assumes every step until the cut-off would have been reported and understates it.
# The two bracket the truth; the sanction section shows both.

# %% tags=["remove-input"]
ds = load_dataset(data_dir)
cutoff = read_cutoff_date(data_dir)
timelines = build_timelines(ds, cutoff=cutoff)
at_cutoff = build_timelines(ds, cutoff=cutoff, censor="cutoff")
with_origin = timelines[timelines["start_date"].notna()]
counts = {
    "cases": len(timelines),
    "origin: surfaced date": int((timelines["start_basis"] == "surfaced_date").sum()),
    "origin: first report": int((timelines["start_basis"] == "first_report").sum()),
    "no origin (not timed)": int((timelines["start_basis"] == "none").sum()),
    "response observed": int(timelines["response_observed"].sum()),
    "response before its origin (day 0)": int(timelines["response_before_origin"].sum()),
    "sanction observed": int(timelines["sanction_observed"].sum()),
    "sanction before its origin (day 0)": int(timelines["sanction_before_origin"].sum()),
    "median follow-up, days (cases with an origin)": float(with_origin["follow_up_days"].median()),
    "median days to the cut-off (the old censoring)": float(
        (pd.Timestamp(cutoff) - with_origin["start_date"]).dt.days.median()),
}
for key, value in counts.items():
    print(f"{key}: {value:g}")

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
# In some channels the surfacing is itself an official act: a spot inspection (sidak), a Satpol
# PP raid, an audit, a police arrest, an oversight body's finding (the codebook's rule
# `official_act_channels`). There the official who found the case often speaks on the same day,
# so a same-day response holds by how the case surfaced, not by how officials react. In the
# other channels a same-day response is often told in the very news item that made the case
# known (the reporter asked an official for comment), so it measures how soon a response was
# reported more than how soon officials acted; the counts below say how often. The share
# of timed responses on day 0, by channel, with Wilson 95% intervals (they assume independent
# cases; n is the number of timed responses):

# %% tags=["remove-input"]
same_day = share_same_day(timelines, by="surfaced_via")
same_day.round(2)

# %% tags=["remove-input"]
same_day_official = share_same_day(timelines, by="official_act")
for row in same_day_official.itertuples():
    label = {"True": "official-act channels", "False": "other channels"}.get(
        str(row.official_act), "all channels")
    print(f"{label}: {row.n_day0} of {row.n} timed responses on day 0, share {row.share:.2f} "
          f"(95% CI {row.ci_lower:.2f} to {row.ci_upper:.2f}); of those on day 0, "
          f"{row.n_day0_in_first_report} told in the case's first news item")

# %% [markdown]
# The time to the first response in the channels where the surfacing is *not* an official act
# (viral posts, citizen reports, other and unknown channels) is the one that says how officials
# react to a case they did not find themselves. Kaplan-Meier curves by grouped channel (official
# acts, viral posts, citizen reports, other: the codebook keeps the official acts in one group,
# so no group mixes responses that hold by construction with those that do not), the medians, and
# the restricted mean time to a response within 30 and 180 days (RMST: the area under the curve
# up to that horizon, the mean number of days, out of the first 30 or 180, that a case waited;
# 95% Wald interval from the standard variance formula). Kaplan-Meier and RMST assume that
# censoring is independent of the waiting time, which the paragraph on censoring above questions;
# an RMST is not given past a group's longest follow-up.

# %% tags=["remove-input"]
km = estimate_survival(timelines, duration="response_days", event="response_observed",
                       by="channel")
print(f"n = {km.attrs['n']} timed cases, {km.attrs['n_dropped']} left out, because:")
print(timelines.loc[timelines["response_days"].isna(), "response_note"].value_counts().to_string())
median_time(km).to_frame()

# %% tags=["remove-input"]
plot_survival(km, title="Time to the first official response, by surfacing channel").figure

# %% tags=["remove-input"]
other = timelines[~timelines["official_act"]]
km_other = estimate_survival(other, duration="response_days", event="response_observed")
rmst = pd.concat([estimate_rmst(timelines, duration="response_days", event="response_observed",
                                tau=tau, by="official_act") for tau in (30, 180)],
                 ignore_index=True)
print(f"channels that are not an official act: n = {km_other.attrs['n']} timed cases, "
      f"median {median_time(km_other)['all']:g} days")
for row in rmst.itertuples():
    label = "official-act channels" if row.group else "other channels"
    if pd.isna(row.rmst):
        print(f"{label}, RMST up to {row.tau} days: not estimable ({row.note})")
    else:
        print(f"{label}, RMST up to {row.tau} days: {row.rmst:.3g} days "
              f"(95% CI {row.ci_lower:.3g} to {row.ci_upper:.3g}; n = {row.n})")

# %% [markdown]
# A Cox proportional-hazards model puts the channel comparison in one table (`estimate`: log
# hazard ratios against cases an official act surfaced; `hazard_ratio` is its exponent). It is
# not a measure of speed: official-act cases, the reference, are found by the official who
# responds, mostly on day 0, so a hazard ratio below 1 mixes a smaller day-0 share (how the case
# surfaced) with any later difference (notebook 06 shows this on data with a known answer; the
# day-0 shares above are the plainer comparison). It assumes proportional hazards (checked below)
# and independent censoring. Most responses tie on day 0, and how the partial likelihood treats
# tied times then moves the estimate: Efron's method (the main fit, close to the exact
# likelihood) and Breslow's are set side by side. Cases in one province share governors,
# inspectorates and newsrooms, and most provinces hold only a few cases, so the errors are
# delete-one-province jackknife errors with t intervals on (provinces − 1) degrees of freedom;
# the model-based and sandwich errors are shown beside them. The fit counts the provinces it
# actually used.

# %% tags=["remove-input"]
features = build_case_features(ds)
cox = fit_stage_hazard(timelines, features, stage="response", cluster="province_code")
cox_breslow = fit_stage_hazard(timelines, features, stage="response", cluster="province_code",
                               ties="breslow")
first = cox.table.iloc[0]
print(f"n = {cox.n}, left out = {cox.n_dropped}; provinces used = {first['n_clusters']}, "
      f"of which singletons = {first['n_singletons']}")
for efron, breslow in zip(cox.table.itertuples(), cox_breslow.table.itertuples()):
    print(f"{efron.term}: log HR {efron.estimate:.2f} (Efron) vs {breslow.estimate:.2f} "
          f"(Breslow); errors: model {efron.std_error_model:.2f}, sandwich "
          f"{efron.std_error_sandwich:.2f}, jackknife {efron.std_error_jackknife:.2f}")
cox.table[["term", "estimate", "std_error", "ci_lower", "ci_upper", "p_value", "n",
           "hazard_ratio"]].round(2)

# %% [markdown]
# Proportional hazards, checked with scaled Schoenfeld residuals: a trend of a term's residuals
# with time (here one minus the pooled Kaplan-Meier curve, as R's `cox.zph` does) means its
# hazard ratio changes over time. One test per term, chi-squared on 1 degree of freedom. With
# most events on day 0 there is little time for a trend to show, so a large p-value is weak
# evidence.

# %% tags=["remove-input"]
ph = check_proportional_hazards(cox)
for row in ph.itertuples():
    print(f"{row.term}: rho = {row.rho:.2f}, chi2 = {row.chi2:.2f}, p = {row.p_value:.2f} "
          f"({row.n_events} events)")
failing = ph.loc[ph["p_value"] < 0.05, "term"].tolist()
display(Markdown(
    f"Proportional hazards is rejected at the 5% level for {', '.join(failing)}: "
    f"{'its' if len(failing) == 1 else 'their'} hazard ratio changes with time, so the table "
    "gives an average over a changing ratio (mostly the day-0 difference), not one ratio that "
    "holds at every day." if failing else
    "No term rejects proportional hazards at the 5% level (weak evidence, as said above)."
))

# %% [markdown]
# ## How fast sanctions come
#
# Sanctions dated only to the month, or not at all, are events without a day, and Kaplan-Meier
# drops them (counted below). Turnbull's estimator keeps them: each is known to fall in an
# interval of days (within its month, and no later than the report that carried it), and the
# estimator finds the distribution that makes all the intervals most likely (self-consistency
# EM). It assumes, besides independent censoring, that how precisely a date is known says
# nothing about when the sanction came. The table gives the share of cases with a reported
# sanction by day 30 and by the end of follow-up, under both censoring rules, with 95%
# intervals: for Kaplan-Meier the log-log interval of its curve, for Turnbull percentile
# intervals from 200 case bootstraps (seeded).

# %% tags=["remove-input"]
imprecise = timelines["sanction_observed"] & timelines["sanction_days"].isna()
print(f"sanctions without a day-precise date: {int(imprecise.sum())}, of which with an origin "
      f"(kept by Turnbull): {int((imprecise & timelines['sanction_lower'].notna()).sum())}")


def sanction_incidence(frames):
    """The incidence table under each censoring rule, printed and returned."""
    table = pd.concat([estimate_stage_incidence(frame, stage="sanction", horizon=30)
                       .assign(censoring=label) for label, frame in frames.items()],
                      ignore_index=True)
    for row in table.itertuples():
        print(f"{row.method}, censored at the {row.censoring}: n = {row.n}, {row.steps} "
              f"sanctions; by day 30 {row.by_horizon:.2f} ({row.by_horizon_lower:.2f} to "
              f"{row.by_horizon_upper:.2f}), by the end {row.by_end:.2f} "
              f"({row.by_end_lower:.2f} to {row.by_end_upper:.2f})")
    return table.round(2)


long = with_origin[with_origin["follow_up_days"] > 30]
print(f"cases followed for more than 30 days: {len(long)} of {len(with_origin)}, of which with a "
      f"reported sanction: {int(long['sanction_observed'].sum())}")
sanction_incidence({"last follow-up": timelines, "data cut-off": at_cutoff})

# %% [markdown]
# Under censoring at the last follow-up the curve runs out of cases within days: only a minority
# of cases are still followed after a month (counted above), some of them because their
# sanction brought a late report. The share "by the end" rests on those few, is driven towards
# one by that informative censoring, and means nothing. Under censoring at the cut-off it is a
# lower bound. Read the day-30 figures and the bracket, not one curve.
#
# **Cases that entered through their sanction.** Some sanctions are dated on or before the
# case's first dated report: the case may have reached the news, and this dataset, because it
# was sanctioned, so a curve that includes them partly shows how the data were gathered. The
# same curves without them:

# %% tags=["remove-input"]
entered = timelines["entered_by_sanction"]
timed_sanctions = int((timelines["sanction_observed"] & timelines["sanction_lower"].notna()).sum())
strictly = int((timelines["sanction_date"] < timelines["first_report_date"]).sum())
print(f"sanctions with a known time (any precision): {timed_sanctions}; on or before the "
      f"first dated report: {int(entered.sum())} (strictly before it: {strictly})")
sanction_incidence({"last follow-up": timelines[~entered],
                    "data cut-off": at_cutoff[~at_cutoff["entered_by_sanction"]]})

# %% [markdown]
# By surfacing channel (Kaplan-Meier, censored at the data cut-off, the lower bound): most
# curves never fall to one half, so the median is undefined (NaN).

# %% tags=["remove-input"]
km_sanction_by = estimate_survival(at_cutoff, duration="sanction_days",
                                   event="sanction_observed", by="channel")
end = km_sanction_by.groupby("group").tail(1).set_index("group")  # each curve's last step
ever = pd.DataFrame({
    "n": at_cutoff.dropna(subset=["sanction_days"]).groupby("channel", observed=True).size(),
    "sanctions": km_sanction_by.groupby("group")["n_events"].sum(),
    "share_sanctioned_by_end": 1 - end["survival"],
    "ci_lower": 1 - end["ci_upper"], "ci_upper": 1 - end["ci_lower"]})
pd.concat([median_time(km_sanction_by), ever], axis=1).round(2)

# %% tags=["remove-input"]
plot_survival(km_sanction_by, title="Time to a reported sanction, by surfacing channel "
              "(censored at the cut-off)", ylabel="Share without a reported sanction").figure

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
# **How heavy, when a sanction is reported** (the second part of the hurdle model; the first,
# whether any sanction is reported, is a Firth logit in notebook 02). Only the cases whose
# source states the sanction's level (ringan, sedang, berat under PP 94/2021, or a form that
# has one) enter; the others are counted as left out. First the distribution of levels, with
# Wilson 95% intervals, and the thresholds of an ordered logit without predictors: the
# cut-points on the latent logistic scale between a level and the next, logit P(level <= j),
# with the Wilson interval of the cumulative share on that scale. It assumes only that the
# cases are independent.

# %% tags=["remove-input"]
sanctioned = features[features["sanction_reported"]]
levels = estimate_level_thresholds(sanctioned)
print(f"sanctioned cases: {len(sanctioned)}, with a stated level: {levels['n'].iloc[0]}, "
      f"level not stated: {int(sanctioned['sanction_level'].isna().sum())}")
for row in levels.itertuples():
    print(f"{row.level}: {row.cases} cases, share {row.share:.2f} "
          f"(95% CI {row.share_lower:.2f} to {row.share_upper:.2f})")
levels.round(2)

# %% [markdown]
# Then whether the level is the heaviest (berat) against lighter, by a Firth logit on one
# predictor: the cases with a stated level (counted below, with the events per variable) carry one
# predictor at ten or more events per variable, and more predictors would fit noise. The predictor,
# chosen before fitting, is whether the case breached work discipline, because PP 94/2021 ties the
# level to the breach (a ladder that starts with reprimands for absence; dismissal for crimes). A
# lighter level for work-discipline cases is what the rules prescribe, so it checks that the
# reported sanctions follow the rules, not a finding about officials. Profile penalised-likelihood
# intervals and tests as in notebook 02; it assumes independent cases.

# %% tags=["remove-input"]
heavy = fit_firth_logit(sanctioned, formula=SEVERITY_FORMULA)
print(f"formula: {heavy.formula}")
print(f"n = {heavy.n}, left out (level not stated) = {heavy.n_dropped}; heaviest level: "
      f"{heavy.result.events}, lighter: {heavy.result.non_events}, events per variable: "
      f"{heavy.result.epv:.3g}")
print(f"likelihood-ratio test against the intercept-only model: chi2 = "
      f"{heavy.result.lr_statistic:.3g} on {heavy.result.lr_df} df, "
      f"p = {heavy.result.lr_p_value:.2g}")
heavy.table[["term", "odds_ratio", "estimate", "ci_lower", "ci_upper", "p_value", "n"]].round(2)

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
# ## What changed and why
#
# This notebook was rebuilt after a methods review (issue 19). Each headline number that moved,
# with its old value (the previous run of this notebook, or the review where it quoted one) and
# the reason. The old values are of release 1.2.0's 142 cases and the new ones of today's data
# (the release and case count of notebook 01), so each change mixes the new method with the new
# cases.

# %% tags=["remove-input"]
cutoff_sanctions = estimate_stage_incidence(at_cutoff, stage="sanction", horizon=30, n_boot=0)
km_first, tb_first = cutoff_sanctions.iloc[0], cutoff_sanctions.iloc[1]
official = same_day_official.set_index("official_act")
viral_row = cox.table.set_index("term").loc["channel: viral"]
viral_breslow = cox_breslow.table.set_index("term").loc["channel: viral"]
changes = [
    ("time origin", "surfaced date, else incident day, else first report",
     "surfaced date, else first report", "one origin for every duration"),
    ("cases without an origin", "14", str(counts["no origin (not timed)"]),
     "the incident date is no longer an origin"),
    ("responses before their origin", "10 dropped",
     f"{counts['response before its origin (day 0)']} counted as day 0",
     "an early response is a fast one, not a missing one"),
    ("timed responses", "115", str(km.attrs["n"]), "the two changes above"),
    ("responses on day 0", "73 of 103 (review)",
     f"{official.loc['all', 'n_day0']} of {official.loc['all', 'n']}; official-act channels "
     f"{official.loc['True', 'n_day0']} of {official.loc['True', 'n']}, others "
     f"{official.loc['False', 'n_day0']} of {official.loc['False', 'n']}",
     "new origin; official-act channels reported apart"),
    ("median censoring time, days", "1,313 (to the cut-off; review)",
     f"{counts['median follow-up, days (cases with an origin)']:g} (last follow-up)",
     "no step can be seen after the news stops"),
    ("share with a reported sanction by the end", "0.17 (Kaplan-Meier, 21 sanctions)",
     f"{km_first['by_end']:.2f} (Kaplan-Meier, {km_first['steps']}) to {tb_first['by_end']:.2f} "
     f"(Turnbull, {tb_first['steps']}), censored at the cut-off; under the last follow-up "
     "not estimable",
     "new origin; imprecise dates interval-censored; censoring bracketed"),
    ("response Cox, viral log hazard ratio", "-1.16 (Efron; review: -1.23 Efron, -0.78 Breslow)",
     f"{viral_row['estimate']:.2f} (Efron), {viral_breslow['estimate']:.2f} (Breslow)",
     "new origin and censoring; most times tie on day 0, so ties still matter"),
    ("its standard error", "sandwich, 38 provinces printed (35 used, 11 singletons; review)",
     f"jackknife {viral_row['std_error']:.2f} (sandwich {viral_row['std_error_sandwich']:.2f}), "
     f"{int(viral_row['n_clusters'])} provinces used, {int(viral_row['n_singletons'])} "
     "singletons",
     "few clusters, many singletons: the sandwich is biased down"),
    ("sanction Cox by channel", "shown", "removed",
     "too few day-precise sanctions; the incidence bracket replaces it"),
]
for figure, old, new_value, why in changes:
    print(f"{figure}: {old} -> {new_value} ({why})")

# %% [markdown]
# ## Limitations
#
# - **Reported steps only.** An examination or sanction that no outlet reported is invisible; the
#   funnel and the curves understate enforcement.
# - **Censoring.** Cases without a step are censored at their last follow-up report, where the
#   news stopped; because a step brings its own report, that censoring is informative, and the
#   sanction figures are given as a bracket with censoring at the cut-off.
# - **Dates.** Kaplan-Meier and Cox use day-precise dates only; Turnbull keeps month-dated and
#   undated steps as intervals. Cases with no day-precise surfacing date or report have no
#   origin and are not timed (counted above).
# - **Ties.** Most responses fall on day 0; a continuous-time Cox model handles so many ties
#   only approximately, which is why Efron and Breslow differ. The day-0 shares are the
#   sturdier summary.
# - **Small samples.** Group curves rest on a few dozen to a few hundred cases, and the severity
#   model on a few dozen sanctions; intervals are wide. Clustered errors over 38 provinces, most
#   with few cases, are themselves approximate.
# - **Uncertain rules.** See the confidence column of the ladder and `asnresearch.regulation`.
