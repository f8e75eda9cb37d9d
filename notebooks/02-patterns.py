# %% [markdown]
# # Patterns: what is reported, when, where, in which agencies, and how it surfaces
#
# **Question.** Which kinds of misconduct by Indonesian civil servants reach the news, at what
# time of the week, day and year, in which provinces (per civil servant, where a headcount
# exists) and agencies, and how do the cases come to light? And how does this news picture
# compare with the official figures?
#
# Everything here counts *reported* cases. A pattern in the news is a pattern of misconduct
# *and* of reporting; the last section sets the news mix beside official statistics to show how
# far the two differ.

# %% tags=["remove-cell"]
import math

import pandas as pd
from IPython.display import Markdown, display
from scipy.stats import binomtest

from asnresearch.codebook import load_codebook
from asnresearch.enforcement import build_timelines
from asnresearch.io import load_dataset, load_headcount, load_official_statistics, load_regions
from asnresearch.models import (
    COUNT_FORMULA,
    SANCTION_LOGIT_FORMULA,
    build_case_features,
    fit_case_counts,
    fit_firth_logit,
)
from asnresearch.patterns import (
    assess_homogeneity,
    calendar_profile,
    compare_with_calendar,
    compare_with_official,
    compute_funnel_limits,
    count_cases,
    count_province_years,
    estimate_capture,
    rate_per_asn,
    select_found_by,
    shrink_rates,
    surfacing_mix,
    tag_calendar,
)
from asnresearch.plots import (
    plot_mix_over_time,
    plot_rate_funnel,
    plot_surfacing_mix,
    plot_weekday_hour,
)

pd.set_option("display.precision", 3)

# %% tags=["parameters", "remove-cell"]
# Parameters (papermill): folder holding the dataset (None: the bundled data/) and the
# headcount series used as the denominator of rates.
data_dir = None
headcount_series = "BPS 2023"

# %% tags=["remove-input"]
ds = load_dataset(data_dir)
cases = ds["cases"]
headcount = load_headcount(data_dir)
names = dict(load_regions(data_dir)[["code", "name"]].itertuples(index=False))
print(f"cases: {len(cases)}")

# %% [markdown]
# ## What is reported
#
# Cases by misconduct type, with Wilson 95% intervals for the shares, and by the duty breached (the
# codebook's grouping).

# %% tags=["remove-input"]
types = count_cases(cases, by="misconduct_type", lang="en")
types.sort_values("n", ascending=False, ignore_index=True)

# %% tags=["remove-input"]
groups = count_cases(cases, by="misconduct_group").set_index("misconduct_group")
groups

# %% tags=["remove-input"]
top = types.sort_values("n", ascending=False).iloc[0]
work = groups.loc["work_discipline"]
print(f"top type: {top['misconduct_type']} {top['n']} ({top['share']:.0%})")
print(f"work discipline: {work['n']:.0f} ({work['share']:.0%}, "
      f"95% CI {work['ci_lower']:.0%} to {work['ci_upper']:.0%})")
display(Markdown(
    f"Breaches of work discipline (absence, leisure or social media during working hours, "
    f"sleeping on duty) make up **{work['share']:.0%}** of reported cases (95% CI "
    f"{work['ci_lower']:.0%} to {work['ci_upper']:.0%}); the single most common type is "
    f"**{top['label']}** ({top['n']} cases)."
))

# %% [markdown]
# The mix over time (shares within each incident year; undated cases are counted apart):

# %% tags=["remove-input"]
mix = count_cases(cases, by=["incident_year", "misconduct_group"], within="incident_year")
plot_mix_over_time(mix).figure

# %% [markdown]
# ## When
#
# Calendar facts of every systematically found case with a day-precise incident date: weekday,
# the working-hours calendar of Perpres 21/2023 with national holidays and cuti bersama, Ramadan,
# the first five working days after the Idul Fitri break, and the first working day after a
# break of three days or more. Like rates and trends, the calendar uses only cases found by the
# systematic search (the codebook's `default_found_by` rule): a targeted search picks cases to
# fill a province, year or type, so it says nothing about when misconduct happens. The cases
# it leaves out are counted below.

# %% tags=["remove-input"]
weekday = calendar_profile(cases, by="weekday")
print(f"dated to the day: {weekday.attrs['n']}, left out: {weekday.attrs['n_left_out']} "
      f"(of which not found by the systematic search: {weekday.attrs['n_not_found_by']})")
weekday

# %% tags=["remove-input"]
hours = calendar_profile(cases, by="weekday_hour")
plot_weekday_hour(hours).figure

# %% tags=["remove-input"]
facets = {f: calendar_profile(cases, by=f) for f in
          ["working_time", "ramadan", "after_lebaran", "after_long_break"]}
pd.concat({f: t.set_index(t.columns[0])[["n", "share"]] for f, t in facets.items()})

# %% [markdown]
# **Is that more than the calendar gives?** Counts alone have no null: Monday to Wednesday are
# three of the five working days, so most incidents at work fall on them anyway. The null here
# is that an incident on a working day is equally likely on any working day of its year (the
# Perpres 21/2023 week with that year's holidays and cuti bersama). A case's chance to fall in a
# class is the class's share of its year's working days; the expected count sums these chances,
# and the observed count is tested against its exact distribution (Poisson-binomial, two-sided).
# The tests run for all cases and within each surfacing channel group, because official acts
# (inspections, raids, audits, arrests, oversight findings) follow officials' schedules while
# viral posts and citizen reports do not, and Holm's correction runs over every test
# of one table. The method assumes independent cases with dates right to the day; incidents on
# a day off have no place under this null and are counted apart; a whole year counts, so the
# last year's expectation also covers days after the data cut-off.

# %% tags=["remove-input"]
by_weekday = compare_with_calendar(cases, by="weekday")
print(f"cases tested (on a working day): {by_weekday.attrs['n']}; on a day off: "
      f"{by_weekday.attrs['n_day_off']}; tests: {by_weekday.attrs['n_tests']}")
by_weekday.round({"expected": 1, "ratio": 2, "p_value": 3, "p_holm": 3})

# %% [markdown]
# **First-report check.** The same test on the day each case was first reported (the earliest
# day-precise publication date of its sources). It is a sensitivity check, not a placebo: most
# first reports follow the incident within a day or two (the lag is printed below), so they
# inherit much of the incident's calendar, and a pattern that shows in both says little on
# which of the two days carries it.

# %% tags=["remove-input"]
placebo = compare_with_calendar(cases, by="weekday", sources=ds["sources"])
print(f"cases tested (first report on a working day): {placebo.attrs['n']}; on a day off: "
      f"{placebo.attrs['n_day_off']}; without a day-precise report: {placebo.attrs['n_undated']}")
src = ds["sources"][ds["sources"]["published_date_precision"].astype(str) == "day"]
first_report = src.groupby("case_id")["published_date"].min()
on_day = select_found_by(cases)
on_day = on_day[on_day["incident_date_precision"].astype(str) == "day"].set_index("case_id")
lag = (first_report.reindex(on_day.index) - on_day["incident_date"]).dt.days.dropna()
print(f"days from incident to first report (systematic cases dated to the day, n = "
      f"{len(lag)}): median {lag.median():.0f}, within one day {(lag <= 1).mean():.0%}")
placebo.round({"expected": 1, "ratio": 2, "p_value": 3, "p_holm": 3})

# %% [markdown]
# **After Lebaran and after long holidays.** The first five working days after the Idul Fitri
# break, and the first working day after three or more days off, each against the calendar's
# share of such days; incident dates and, as a check, first reports. The cross-table shows
# which cases are in both.

# %% tags=["remove-input"]
holiday_tests = pd.concat({
    (facet, dates): compare_with_calendar(cases, by=facet, sources=sources).set_index("group")
    for facet in ["after_lebaran", "after_long_break"]
    for dates, sources in [("incident", None), ("first_report", ds["sources"])]},
    names=["facet", "dates"])
tags = tag_calendar(select_found_by(cases))
overlap = pd.crosstab(tags["after_long_break"], tags["after_lebaran"])
print(overlap.to_string())
holiday_tests.drop(columns="class").round({"expected": 2, "ratio": 2, "p_value": 3,
                                           "p_holm": 3})

# %% tags=["remove-input"]
allw = by_weekday.set_index(["group", "class"])
early_class = by_weekday["class"].iloc[5]  # Monday to Wednesday together
early_row = allw.loc[("all", early_class)]
placebo_early = placebo.set_index(["group", "class"]).loc[("all", early_class)]
leb = holiday_tests.loc[("after_lebaran", "incident", "all")]
leb_insp = holiday_tests.loc[("after_lebaran", "incident", "official_found")]
leb_report = holiday_tests.loc[("after_lebaran", "first_report", "all")]
brk = holiday_tests.loc[("after_long_break", "incident", "all")]
both = int(overlap.loc[True, True]) if True in overlap.index and True in overlap.columns else 0


def said(row):
    return (f"{row['observed']:.0f} of {row['n']:.0f}, expected {row['expected']:.2f}, "
            f"p = {row['p_value']:.2g}, Holm p = {row['p_holm']:.2g}")


lines = {
    "Monday-Wednesday": said(early_row),
    "Monday-Wednesday, official act": said(allw.loc[("official_found", early_class)]),
    "Monday, viral": said(allw.loc[("viral", by_weekday["class"].iloc[0])]),
    "Monday-Wednesday, first report": said(placebo_early),
    "after Lebaran": said(leb),
    "after Lebaran, official act": said(leb_insp),
    "after Lebaran, first report": said(holiday_tests.loc[("after_lebaran", "first_report",
                                                           "all")]),
    "after a long break": f"{said(brk)}; after Lebaran too: {both}",
}
every = load_codebook().codes("found_by")
old_count = calendar_profile(cases, by="weekday", found_by=every)
old_early = int(old_count.set_index("weekday")["n"].iloc[:3].sum())
old_share = compare_with_calendar(cases, by="weekday", found_by=every).set_index(
    ["group", "class"]).loc[("all", early_class)]
old_share = old_share["expected"] / old_share["n"]
old_p = binomtest(old_early, old_count.attrs["n"], old_share, alternative="greater").pvalue
lines["review's test"] = (f"{old_early} of {old_count.attrs['n']} (all cases, days off "
                          f"included) against a share of {old_share:.3f}: one-sided p = "
                          f"{old_p:.2g}")
for key, text in lines.items():
    print(f"{key}: {text}")
# which weekday tests survive Holm's correction, and whether any is in a channel whose day
# officials do not choose (the sentence below follows the data, not a fixed reading)
survive = by_weekday[by_weekday["p_holm"] < 0.05]
said_survive = ", ".join(f"{row['class']} ({row['group']})" for _, row in survive.iterrows())
scheduled = {"all", "official_found"}
if survive.empty:
    weekday_reading = ("No weekday test, in any channel, survives the correction: with these "
                       "numbers the weekday pattern cannot be told from chance.")
elif set(survive["group"]) == {"all"}:
    weekday_reading = (f"{len(survive)} of the {by_weekday.attrs['n_tests']} weekday tests "
                       f"survive the correction: {said_survive}, over all cases only. No test "
                       "within a channel group survives, so these numbers cannot tell whether "
                       "the early-week excess comes from when officials look (inspections, "
                       "raids, arrests) or from when civil servants misbehave.")
elif set(survive["group"]) <= scheduled:
    weekday_reading = (f"{len(survive)} of the {by_weekday.attrs['n_tests']} weekday tests "
                       f"survive the correction: {said_survive}. None is in a channel whose "
                       "day officials do not choose (viral posts, citizen reports, other): the "
                       "early-week excess follows when officials inspect, and says nothing "
                       "on when civil servants misbehave.")
else:
    weekday_reading = (f"{len(survive)} of the {by_weekday.attrs['n_tests']} weekday tests "
                       f"survive the correction: {said_survive}, some of them in channels "
                       "whose day officials do not choose.")
display(Markdown(
    f"Of the {early_row['n']:.0f} systematically found incidents dated to a working day, "
    f"**{early_row['observed']:.0f}** fell on Monday to Wednesday where the calendar expects "
    f"{early_row['expected']:.1f} (exact p = {early_row['p_value']:.2g}; "
    f"{early_row['p_holm']:.2g} after Holm's correction over the {by_weekday.attrs['n_tests']} "
    f"weekday tests). {weekday_reading} On first reports the weekday test is "
    f"{'flat' if placebo_early['p_holm'] >= 0.05 else 'not flat either'} "
    f"({placebo_early['observed']:.0f} of {placebo_early['n']:.0f} on Monday to "
    f"Wednesday, {placebo_early['expected']:.1f} expected, Holm p = "
    f"{placebo_early['p_holm']:.2g}). The first five working days after "
    f"Lebaran hold **{leb['observed']:.0f}** incidents where {leb['expected']:.2f} are "
    f"expected (Holm p = {leb['p_holm']:.2g}), {leb_insp['observed']:.0f} of them found by an "
    "official act, mostly attendance inspections: regional heads check attendance on those "
    "days, so the excess shows when officials look, not when civil servants misbehave more; "
    "on first reports the same days "
    f"hold {leb_report['observed']:.0f} where {leb_report['expected']:.2f} are expected (Holm "
    f"p = {leb_report['p_holm']:.2g}; the lag from incident to first report is printed above). "
    f"The "
    f"cases \"after long holidays\" are not a second finding: {both} of the "
    f"{brk['observed']:.0f} are after-Lebaran cases."
))

# %% [markdown]
# ## Where
#
# **What is counted.** A rate needs the same staff above and below the line. The denominator
# is the headcount series `headcount_series` (BPS 2023 by default, the one series with all 38
# provinces): all PNS of the province, central agencies' staff included. So the numerator counts
# the cases of every government level, and leaves out cases known to involve only PPPK or
# non-ASN staff (the codebook rule `rate_staff`; a case of unknown status is counted, since nine
# in ten ASN were PNS in 2023). Only cases found by the **systematic search** count (the rule
# `default_found_by`): the targeted search looked for cases in provinces and years that had
# none, so its cases would fill exactly the cells a rate compares. How many cases each choice
# leaves out is printed below.
#
# **Exposure in person-years.** A province's exposure is the sum over the years of the data of
# its headcount in that year; a year without a figure in the series takes the nearest year's
# figure (the later one on a tie). With a one-year series that is the headcount times the
# number of years: it sets the level of the rates, not how provinces compare. Rates are
# reported cases per 100,000 PNS per year, with exact (Garwood) Poisson intervals.
#
# **Methods and what they assume.** The *funnel plot* draws each province's rate against its
# exposure with the national rate and the 95% and 99.8% Poisson control limits (Spiegelhalter
# 2005): a province inside them differs from the national rate no more than chance would make
# it. The *homogeneity test* asks whether the provinces differ by more than Poisson noise (the
# dispersion χ² of observed against expected counts, with a Monte Carlo p-value because the
# expected counts are small). The *shrunk rates* are empirical Bayes (Poisson-gamma; prior by
# the method of moments of Marshall 1991): each rate is pulled towards the national one as far
# as its few cases warrant. Their intervals treat the prior as known, so they are somewhat too
# narrow; rank intervals come from joint posterior draws. All of this assumes cases are
# independent given a province's rate and that news search found cases equally well
# everywhere, which a news-derived dataset cannot check. Provinces are listed in code order:
# a ranking is not a result here.

# %% tags=["remove-input"]
cb = load_codebook()
rates = rate_per_asn(cases, headcount, series=headcount_series)
first, last = rates.attrs["years"]
print(f"cases counted: {rates.attrs['cases_with_denominator']}; "
      f"left out: {rates.attrs['n_not_found_by']} found by the targeted search, "
      f"{rates.attrs['n_other_staff']} not PNS (PPPK only or non-ASN), "
      f"{rates.attrs['cases_without_denominator']} without a province or headcount")
print(f"provinces: {rates.attrs['provinces_with_denominator']}, years {first}-{last}, "
      f"person-years: {int(rates['person_years'].sum()):,}")
print(f"national rate: {rates.attrs['national_rate']:.3g} per 100,000 PNS per year")

# %% tags=["remove-input"]
plot_rate_funnel(rates, names=names).figure

# %% tags=["remove-input"]
homogeneity = assess_homogeneity(rates)
print(f"homogeneity: chi2 = {homogeneity['statistic']:.1f}, df = {homogeneity['df']}, "
      f"p = {homogeneity['p_value']:.3f} (Monte Carlo p = {homogeneity['p_value_mc']:.3f}), "
      f"n = {homogeneity['n_cases']} cases in {homogeneity['n_provinces']} provinces")
funnel = compute_funnel_limits(rates.attrs["national_rate"],
                               rates.loc[rates["has_denominator"], "person_years"])
drawn = rates[rates["has_denominator"]].reset_index(drop=True)
above = drawn[drawn["rate"].astype(float).to_numpy() > funnel["high_0.95"].to_numpy()]
above99 = drawn[drawn["rate"].astype(float).to_numpy() > funnel["high_0.998"].to_numpy()]
print("above the 95% limit: " + ", ".join(names[c] for c in above["province_code"]))
print("above the 99.8% limit: " + (", ".join(names[c] for c in above99["province_code"])
                                   or "none"))

# %% tags=["remove-input"]
shrunk = shrink_rates(rates)
print(f"prior (method of moments): mean {shrunk.attrs['prior_mean']:.3g}, "
      f"sd {shrunk.attrs['prior_sd']:.3g} per 100,000 PNS per year")
gorontalo = shrunk.set_index(shrunk["province_code"].map(names)).loc["Gorontalo"]
print(f"Gorontalo: n = {gorontalo['n']}, rate {gorontalo['rate']:.2f}, shrunk "
      f"{gorontalo['shrunk_rate']:.2f} ({gorontalo['shrunk_lower']:.2f} to "
      f"{gorontalo['shrunk_upper']:.2f}), rank interval {gorontalo['rank_lower']} to "
      f"{gorontalo['rank_upper']} of {len(shrunk)}")
widths = shrunk["rank_upper"] - shrunk["rank_lower"]
print(f"median width of the 95% rank intervals: {int(widths.median())} ranks")
shrunk.assign(province=shrunk["province_code"].map(names))[
    ["province", "n", "person_years", "rate", "ci_lower", "ci_upper", "shrunk_rate",
     "shrunk_lower", "shrunk_upper", "rank_lower", "rank_upper"]].round(3)

# %% [markdown]
# **What the targeted search does.** Some provinces' cases all come from the targeted search
# (counted below). Counting every case, however found, gives them cases found by a search aimed at
# exactly those provinces; the table shows where that puts them in a ranking of raw rates.
# With the systematic cases only they have no case, and their shrunk rates lie between the zero
# they show and the national rate (printed: how many of their intervals hold the national
# rate).

# %% tags=["remove-input"]
found = cases["found_by"].astype(str).isin(cb.rules["default_found_by"])
targeted_only = sorted(set(cases["province_code"].astype(str))
                       - set(cases.loc[found, "province_code"].astype(str)))
every = rate_per_asn(cases, headcount, series=headcount_series, found_by=cb.codes("found_by"))
every_shrunk = shrink_rates(every)
every_homogeneity = assess_homogeneity(every)
print(f"provinces whose cases all come from the targeted search: {len(targeted_only)}")
print(f"all cases: n = {every_homogeneity['n_cases']}, homogeneity p = "
      f"{every_homogeneity['p_value']:.3f}; systematic only: n = {homogeneity['n_cases']}, "
      f"p = {homogeneity['p_value']:.3f}")
raw_rank = every["rate"].astype(float).rank(ascending=False, method="min")
side = pd.DataFrame({
    "province": [names[c] for c in targeted_only],
    "n_all": every.set_index("province_code").loc[targeted_only, "n"].to_numpy(),
    "raw_rank_all": raw_rank.set_axis(every["province_code"]).loc[targeted_only].to_numpy(),
    "shrunk_all": every_shrunk.set_index("province_code").loc[targeted_only,
                                                              "shrunk_rate"].to_numpy(),
    "n_systematic": rates.set_index("province_code").loc[targeted_only, "n"].to_numpy(),
    "shrunk_systematic": shrunk.set_index("province_code").loc[targeted_only,
                                                               "shrunk_rate"].to_numpy(),
})
top12 = int((side["raw_rank_all"] <= 12).sum())
print(f"of these, in the top 12 of raw rates with all cases: {top12}")
held = shrunk.set_index("province_code").loc[targeted_only]
holds = int(((held["shrunk_lower"] <= rates.attrs["national_rate"])
             & (rates.attrs["national_rate"] <= held["shrunk_upper"])).sum())
print(f"systematic cases only: {holds} of {len(targeted_only)} shrunk 95% intervals hold the "
      f"national rate ({rates.attrs['national_rate']:.3g})")
side.round(3)

# %% [markdown]
# **Sensitivity to the series.** The same rates under BPS 2023 and BKN semester I 2023 (as of
# June 2023), side by side for the provinces both series cover. Regional PNS (instansi daerah,
# staff of provincial, regency and city governments) are the better denominator for the cases,
# almost all of which are regional government staff; a province-level figure for them was found
# only for seven provinces (BKN semester I 2023, one news transcription each), so they appear
# here as a sensitivity: there, the numerator counts only cases of provincial, regency and city
# staff. For the other provinces no sourced regional figure exists, and the main rates keep all
# PNS as the denominator; that includes central staff (a quarter nationally, four fifths in DKI
# Jakarta), which understates rates where central agencies are concentrated.

# %% tags=["remove-input"]
bkn = rate_per_asn(cases, headcount, series="BKN semester I 2023")
regional = rate_per_asn(cases, headcount, staff="pns_regional", series="BKN semester I 2023")
both = (rates.set_index("province_code")[["n", "rate"]].rename(columns={"rate": "rate_bps"})
        .join(bkn.set_index("province_code")[["rate"]].rename(columns={"rate": "rate_bkn"}),
              how="inner")
        .join(regional.set_index("province_code")[["n", "rate"]].rename(
            columns={"n": "n_regional", "rate": "rate_regional"})))
both = both[both["rate_bkn"].notna()]
print(f"provinces in both series: {len(both)}; with a regional PNS figure: "
      f"{regional.attrs['provinces_with_denominator']} "
      f"({regional.attrs['cases_with_denominator']} regional-staff cases)")
ratio = (both["rate_bkn"] / both["rate_bps"]).astype(float)
national = headcount.query("area_code == 'ID' and series == 'BKN semester I 2023'").set_index(
    "staff")["count"]
dki_staff = headcount.query("area_code == '31' and series == 'BKN semester I 2023'").set_index(
    "staff")["count"]
central = {area: 1 - figures["pns_regional"] / figures["pns"]
           for area, figures in [("nationally", national), ("in DKI Jakarta", dki_staff)]}
print("central agencies' share of PNS, June 2023: "
      + ", ".join(f"{share:.0%} {area}" for area, share in central.items())
      + f"; PNS among ASN: {national['pns'] / national['asn']:.0%}")
print(f"BKN / BPS rate ratio: {ratio.min():.2f} to {ratio.max():.2f}")
both.assign(province=both.index.map(names)).reset_index(drop=True)[
    ["province", "n", "rate_bps", "rate_bkn", "n_regional", "rate_regional"]].round(3)

# %% [markdown]
# ## In which agencies and at which level

# %% tags=["remove-input"]
count_cases(cases, by="agency_type", lang="en").sort_values(
    "n", ascending=False, ignore_index=True)

# %% tags=["remove-input"]
count_cases(cases, by="government_level", lang="en")

# %% [markdown]
# ## How cases surface

# %% tags=["remove-input"]
channels = surfacing_mix(cases, grouped=True)
plot_surfacing_mix(channels).figure

# %% tags=["remove-input"]
count_cases(cases, by="surfaced_via", lang="en").sort_values(
    "n", ascending=False, ignore_index=True)

# %% tags=["remove-input"]
viral = channels.set_index("channel").loc["viral"]
by_year = surfacing_mix(cases.assign(period=cases["incident_date"].dt.year.map(
    lambda y: "unknown" if pd.isna(y) else ("2010-2020" if y <= 2020 else "2021-2026"))),
    by="period", grouped=True)
recent = by_year.set_index(["period", "channel"]).loc[("2021-2026", "viral")]
older = by_year.set_index(["period", "channel"]).loc[("2010-2020", "viral")]
totals = by_year.groupby("period")["n"].sum()
print(f"viral overall: {viral['n']:.0f} ({viral['share']:.0%})")
print(f"viral 2010-2020: {older['share']:.0%}; 2021-2026: {recent['share']:.0%}")
apart = older["ci_upper"] < recent["ci_lower"] or recent["ci_upper"] < older["ci_lower"]
display(Markdown(
    f"**{viral['share']:.0%}** of cases surfaced through a viral video, photo or post. The "
    f"share was {older['share']:.0%} of dated cases in 2010-2020 ({older['n']:.0f} of "
    f"{totals['2010-2020']:.0f}) and {recent['share']:.0%} in 2021-2026 ({recent['n']:.0f} of "
    f"{totals['2021-2026']:.0f}); the two 95% intervals (table below) "
    f"{'do not overlap' if apart else 'overlap'}. All cases are counted, those of the "
    "targeted searches too, so the mix partly reflects what those searches looked for."
))
by_year[by_year["period"] != "unknown"]

# %% [markdown]
# ## Models
#
# **Counts.** A Poisson GLM of cases per province and year, with the province's headcount in
# that year as exposure (person-years; the nearest year's figure where the series has none) and
# the same cases as the rates above: systematically found, PNS or unknown status (how many are
# left out is printed). The formula is printed below. The model assumes one national rate that
# changes by a constant factor a year, the same in every province, and counts that are Poisson
# given that rate. The score test of over-dispersion (Cameron & Trivedi) is done first; the
# negative binomial, which allows for extra variation between province-years, is chosen only
# when it rejects the Poisson. The year coefficient is a yearly rate ratio of *reported* cases:
# it mixes any change in misconduct with the growth of online news and with how the search
# found older news.

# %% tags=["remove-input"]
grid = count_province_years(cases, headcount, series=headcount_series)
print(f"formula: {COUNT_FORMULA}")
print(f"province-years: {len(grid)}, cases counted: {grid.attrs['n_counted']}, left out: "
      f"{grid.attrs['n_not_found_by']} targeted search, {grid.attrs['n_other_staff']} not PNS, "
      f"{grid.attrs['n_no_year_or_headcount']} without an incident year")
poisson = fit_case_counts(grid, family="poisson")
test = poisson.table.attrs["overdispersion"]
family = "negative_binomial" if test["p_value"] < 0.05 else "poisson"
counts_fit = fit_case_counts(grid, family=family) if family != "poisson" else poisson
print(f"over-dispersion score test: z = {test['statistic']:.2f}, p = {test['p_value']:.3f} "
      f"-> {family.replace('_', ' ')}")
counts_fit.table

# %% tags=["remove-input"]
trend = counts_fit.table.set_index("term").loc["I(year - 2020)"]
low, high = math.exp(trend["ci_lower"]), math.exp(trend["ci_upper"])
every_grid = count_province_years(cases, headcount, series=headcount_series,
                                  found_by=cb.codes("found_by"))
every_fit = fit_case_counts(every_grid, family=family)
every_trend = every_fit.table.set_index("term").loc["I(year - 2020)"]
print(f"yearly rate ratio ({family.replace('_', ' ')}, n = {counts_fit.n} province-years, "
      f"{grid.attrs['n_counted']} cases): {trend['irr']:.2f} (95% CI {low:.2f} to {high:.2f})")
print(f"with all cases ({every_grid.attrs['n_counted']}): {every_trend['irr']:.2f} "
      f"(95% CI {math.exp(every_trend['ci_lower']):.2f} to "
      f"{math.exp(every_trend['ci_upper']):.2f})")
display(Markdown(
    f"Reported cases per civil servant changed by a factor of **{trend['irr']:.2f}** a year "
    f"(95% CI {low:.2f} to {high:.2f}; {grid.attrs['n_counted']} systematically found cases, "
    f"{family.replace('_', ' ')} model); with the targeted cases too the factor is "
    f"{every_trend['irr']:.2f}."
))

# %% [markdown]
# **Is a sanction reported?** A Firth-penalised logit (Firth 1993; Heinze & Schemper 2002),
# the first part of the hurdle model of sanctions (notebook 04 has the second: how heavy). With
# a few dozen sanctions (counted below), ordinary maximum likelihood is biased away from zero
# and breaks down when a group has no sanction at all; Firth's penalty (Jeffreys' prior)
# removes the first-order bias and keeps estimates finite. At most one predictor per ten
# sanctions (the events per variable are printed below): three, chosen before fitting, each
# for a stated reason.
# Whether the case **surfaced through an official act** (sidak, Satpol PP raid, audit, arrest,
# oversight finding: the official who found it can sanction at once); whether it **breached
# work discipline** (the breach the employer sees and sanctions alone, by PP 94/2021's ladder;
# the others pass through police, courts or oversight bodies first); and **reach before the
# sanction** (a national outlet covered the case before its first sanction; only items dated
# before that day count, a case without a sanction counts all its items). Intervals are
# profile penalised-likelihood intervals and p-values penalised likelihood-ratio tests, as in
# R's `logistf`; the overall test compares the model with the intercept-only one. The model
# assumes independent cases (the errors are not clustered by province: with a few dozen
# sanctions spread over most provinces a clustered correction would itself be unreliable) and log
# odds linear in the predictors; it describes association among *reported* cases, not what
# causes a sanction.

# %% tags=["remove-input"]
features = build_case_features(ds)
sanction_model = fit_firth_logit(features, formula=SANCTION_LOGIT_FORMULA)
fit_info = sanction_model.result
print(f"formula: {sanction_model.formula}")
print(f"n = {sanction_model.n}, left out = {sanction_model.n_dropped} (unknown channel, or no "
      "sanction of the case dated to the day)")
print(f"sanctions: {fit_info.events}, without: {fit_info.non_events}, "
      f"events per variable: {fit_info.epv:.3g}")
print(f"likelihood-ratio test against the intercept-only model: chi2 = "
      f"{fit_info.lr_statistic:.3g} on {fit_info.lr_df} df, p = {fit_info.lr_p_value:.2g}")
sanction_model.table[["term", "odds_ratio", "estimate", "ci_lower", "ci_upper", "p_value",
                      "n"]].round(2)

# %% [markdown]
# **The model above is selected on its outcome.** Some cases entered the news *through* their
# sanction (a sanction dated on or before their first dated report, notebook 04): a case is in
# the data partly because it was sanctioned, and such selection biases every coefficient, not
# only reach. Reach is hit hardest: those cases have no item before the sanction by
# construction, while a case without a sanction counts its items over all its follow-up;
# measured over all items instead, reach takes the opposite sign, because the news of a
# sanction itself draws national outlets, and neither version tells whether reach leads to
# sanctions. The last table refits the model **without the cases that entered through their
# sanction**, so every sanctioned case kept had a window of news before it: this is the
# reading the data allow, and the sentence under it says what it supports.

# %% tags=["remove-input"]
sanctioned = features[features["sanction_reported"]]
timed = sanctioned.dropna(subset=["sources_before_sanction"])
print(f"sanctioned cases: {len(sanctioned)}, with a first sanction datable to the day: "
      f"{len(timed)}; of "
      f"these, with no item dated before the sanction: "
      f"{int((timed['sources_before_sanction'] == 0).sum())}, with a national item before it: "
      f"{int((timed['national_before_sanction'] == 1).sum())}, with a national item at any "
      f"time: {int(timed['national_coverage'].sum())}")
all_items = fit_firth_logit(
    features, formula=SANCTION_LOGIT_FORMULA.replace("national_before_sanction",
                                                     "national_coverage"))
reach = all_items.table.set_index("term").loc["national_coverage"]
print(f"reach over all items instead: odds ratio {reach['odds_ratio']:.2f} "
      f"(95% CI {math.exp(reach['ci_lower']):.2f} to {math.exp(reach['ci_upper']):.2f}), "
      f"n = {all_items.n}; likelihood-ratio test: chi2 = {all_items.result.lr_statistic:.3g} "
      f"on {all_items.result.lr_df} df, p = {all_items.result.lr_p_value:.2g}")

# the cleanest comparison the data allow: leave out the cases that entered the news through
# their sanction (a sanction dated on or before the first dated report, notebook 04)
entered = build_timelines(ds)["entered_by_sanction"].to_numpy()
later = fit_firth_logit(features[~entered], formula=SANCTION_LOGIT_FORMULA)
print(f"without the {int(entered.sum())} cases that entered through their sanction: n = "
      f"{later.n}, {later.result.events} sanctions, events per variable "
      f"{later.result.epv:.3g}; likelihood-ratio test: chi2 = "
      f"{later.result.lr_statistic:.3g} on {later.result.lr_df} df, "
      f"p = {later.result.lr_p_value:.2g}")
supported = later.table[(later.table["p_value"] < 0.05)
                        & (later.table["term"] != "Intercept")]["term"].tolist()
joint = later.result.lr_p_value < 0.05
kept = (f"{', '.join(supported)} keep{'s' if len(supported) == 1 else ''} a 95% interval "
        "that excludes an odds ratio of 1" if supported
        else "no predictor keeps a 95% interval that excludes an odds ratio of 1")
display(Markdown(
    f"Without those cases the three predictors together {'do' if joint else 'do not'} explain "
    f"more than the intercept alone (p = {later.result.lr_p_value:.2g}), and {kept}. "
    + ("This is an association among reported cases, not a cause." if joint and supported
       else f"The full model's results above (p = {fit_info.lr_p_value:.2g}) rest on the "
       "cases that entered through their sanction, so they are not findings.")
))
later.table[["term", "odds_ratio", "estimate", "ci_lower", "ci_upper", "p_value",
             "n"]].round(2)

# %% [markdown]
# ## Representativeness: the news mix beside official figures
#
# Official figures that give a mix of misconduct types, from
# `data/reference/official_statistics.csv` (each with its source), beside the share of the same
# type among the systematically found reported cases of the **same years** and area (for the
# Kendal figures, the cases from Kabupaten Kendal). A case's year is that of its incident, else
# that of its first day-precise report. The earlier version compared each figure with all
# years of news at once; that column is kept beside (`news_share_all_years`) to show what
# matching changes. The shares assume the two sides count comparable units: the official
# figures count persons, complaints or cases, the news counts cases, and a year of news holds
# only a handful of them (`news_total`).

# %% tags=["remove-input"]
statistics = load_official_statistics(data_dir)
official = compare_with_official(cases, statistics, sources=ds["sources"])
mixed_years = compare_with_official(cases, statistics, sources=ds["sources"], match_years=False)
official["news_share_all_years"] = mixed_years["news_share"]
print(f"cases without a year (left out): {official.attrs['n_without_year']}; not found by the "
      f"systematic search: {official.attrs['n_not_found_by']}")
official.drop(columns=["source_url", "stat_ids"]).round(3)


# %% tags=["remove-input"]
def pick(publisher, kind):
    return official[(official["publisher"] == publisher)
                    & (official["misconduct_type"] == kind)].iloc[0]


bkn2017, drugs, extortion = (pick("bkn", "absence_truancy"), pick("menpanrb", "drugs"),
                             pick("ombudsman", "extortion_illegal_levies"))


def share(row):
    return (f"official {row['official_share']:.0%}; news {row['news_n']} of "
            f"{row['news_total']} ({row['news_share']:.0%}, 95% CI {row['news_ci_lower']:.0%} "
            f"to {row['news_ci_upper']:.0%}); all years {row['news_share_all_years']:.0%}")


for label, row in [("BKN 2017 working hours", bkn2017), ("PNS imprisoned 2016, drugs", drugs),
                   ("Ombudsman 2017, illegal levies", extortion)]:
    print(f"{label}: {share(row)}")
inside = drugs["news_ci_lower"] <= drugs["official_share"] <= drugs["news_ci_upper"]
display(Markdown(
    f"Drugs were {drugs['official_share']:.0%} of the PNS in prison in 2016; over all years "
    f"they are {drugs['news_share_all_years']:.0%} of reported cases, and among the "
    f"{drugs['news_total']} reported cases of 2016 they are **{drugs['news_n']}** "
    f"({drugs['news_share']:.0%}, 95% CI {drugs['news_ci_lower']:.0%} to "
    f"{drugs['news_ci_upper']:.0%}): the official share lies "
    f"{'inside' if inside else 'outside'} the matched year's interval"
    f"{', so this comparison shows no difference between the two' if inside else ''}"
    f". In BKN's 2017 count of "
    f"sanctioned PNS, working-hours breaches were {bkn2017['official_share']:.0%}; among the "
    f"{bkn2017['news_total']} reported cases of 2017, absence is {bkn2017['news_n']}. With "
    "a handful of reported cases a year, every matched share has an interval tens of points "
    "wide: the news mix of one year cannot show that the news over- or under-represents a type."
))

# %% [markdown]
# **How much of the official caseload reaches the news (capture).** For every official figure
# of one year that counts people or cases of one misconduct type, capture = reported cases of
# that type, area and year / the official count, with the exact Poisson interval of the
# reported count divided by the official one (the official figure taken as exact). It assumes
# the reported cases are among the officially counted ones; the official figures mostly count
# persons (a case can involve several), and figures of different bodies and dates overlap, so
# each row stands alone. Shown here: the national neutrality figures that count the civil
# servants reported or found violating (the other rows, e.g. sanctions or follow-ups, are in
# `estimate_capture`'s full table).

# %% tags=["remove-input"]
capture = estimate_capture(cases, statistics, sources=ds["sources"])
caseload = capture[(capture["topic"] == "neutrality") & (capture["area_code"] == "ID")
                   & capture["measure"].isin(["asn_reported", "asn_violating", "violations"])]
for row in caseload.itertuples():
    print(f"{row.stat_id} {row.publisher} {row.period} (as of {row.as_of}) "
          f"{row.measure}: {row.news_n} of {row.official_n:.0f} = {row.capture:.2%} "
          f"(95% CI {row.ci_lower:.2%} to {row.ci_upper:.2%})")
display(Markdown(
    f"Against the official neutrality counts of the same year, the news holds between "
    f"{caseload['capture'].min():.2%} and {caseload['capture'].max():.1%} of the civil "
    "servants reported or found violating, with intervals that reach from "
    f"{caseload['ci_lower'].min():.2%} to {caseload['ci_upper'].max():.1%}. The news counts "
    "cases and the official figures persons (a case can involve several), so these shares "
    "overstate capture where cases hold several people. Reported cases are a thin, selected "
    "slice of the official caseload, and the mix of that slice is not the mix of misconduct."
))

# %% [markdown]
# ## What changed and why
#
# This notebook was rebuilt after a methods review (issue 19). Each headline result that moved,
# with its old value and the reason. The old values are of the data the review saw (142 cases);
# the printed new ones are of today's data (the release and case count of notebook 01).
#
# - "50 of 73 incidents on Monday to Wednesday" becomes the count among systematically found
#   cases on a working day against the working-day calendar of each case's year, with an exact
#   test and Holm's correction (printed above). The review's p = 0.10 was a one-sided binomial
#   test of 50 of 73 against the working-day share of Monday to Wednesday (about 0.6); counting
#   the incidents on a day off in the denominator understated the share, and leaving them out
#   (they cannot happen on a working day) raises it; the review's test on today's cases is
#   printed above ("review's test") beside the exact tests.
# - "After long holidays" is no longer a separate pattern: the same after-Lebaran cases,
#   mostly attendance inspections.
# - The calendar leaves out the cases of the targeted search (counted above).
# - **Official statistics.** Old: the news mix over all years set beside official figures of
#   single years. New: compared only for matched years, with capture (reported cases over the
#   official count) and its interval; the matched drug share is set against the official one
#   with its interval (printed in the Representativeness section).
# - **Sanction logit.** Old: a logit on eight predictors (3.75 sanctions per predictor), not
#   significant against the intercept-only model (p = 0.10), with "national coverage" partly
#   measured after the sanction. New: a Firth logit on three predictors chosen before fitting,
#   reach counted only before the sanction, and refitted without the cases that entered the
#   news through their sanction, whose selection on the outcome biases every term (the section
#   prints what survives).
#
# Rates (printed from the data):

# %% tags=["remove-input"]
dki, per = "31", rates.attrs["per"]
bps_dki = int(headcount.query("area_code == @dki and series == @headcount_series "
                              "and staff == 'pns'")["count"].iloc[0])
old_dki = int((cases["province_code"].astype(str) == dki).sum()) / bps_dki * per
new_dki = rates.set_index("province_code").loc[dki, "rate"]
regional_dki = regional.set_index("province_code").loc[dki, "rate"]
print(f"- DKI Jakarta: {old_dki:.1f} reported cases per 100,000 PNS over the whole period (all "
      f"cases, one 2023 headcount) -> {new_dki:.2f} per 100,000 PNS per year (systematic "
      f"cases, person-years {first}-{last}); on regional PNS with regional-staff cases "
      f"{regional_dki:.2f}, {regional_dki / new_dki:.1f} times as high: four fifths of DKI's "
      "PNS work for central agencies.")
print(f"- Homogeneity across provinces: p = {every_homogeneity['p_value']:.2f} with all cases; "
      f"p = {homogeneity['p_value']:.3f} with systematic cases only (df "
      f"{homogeneity['df']}, n = {homogeneity['n_cases']}); the ranking is replaced by the "
      "funnel plot and shrunk rates.")
print(f"- Gorontalo: rank interval {gorontalo['rank_lower']}-{gorontalo['rank_upper']} of "
      f"{len(shrunk)} (shrunk rate {gorontalo['shrunk_rate']:.2f}, 95% interval "
      f"{gorontalo['shrunk_lower']:.2f} to {gorontalo['shrunk_upper']:.2f}).")

# %% [markdown]
# ## Limitations
#
# - **Reported cases only.** Every count here is a count of news reports. Viral, visual
#   misconduct is over-represented and quiet misconduct under-represented (see the last table).
# - **Dates and times.** Calendar facts use only day-precise incident dates, and hours only
#   stated times; both are a minority of cases (counts above). The calendar tests take every
#   working day of a year as equally likely and cases as independent.
# - **Official figures.** Matched by year, each news share rests on a few cases; official and
#   news counts differ in unit (persons against cases), and capture assumes the reported cases
#   are among the officially counted ones.
# - **Denominators.** Person-years rest on one headcount per province (2023) carried to every
#   year, so they miss the fall in PNS and the rise of PPPK since 2021. They count all PNS,
#   central staff included, because a regional (instansi daerah) figure was found for seven
#   provinces only; the series differ (BPS against BKN) and most province figures come from
#   one news transcription (`confidence` in the reference table).
# - **Small numbers.** Most provinces have a handful of systematically found cases: the
#   funnel, the homogeneity test and the shrunk rates say how little a province's rate tells;
#   a ranking would say more than the data carry.
# - **Models.** The year trend mixes misconduct with reporting; the sanction logit is
#   associational and rests on a few dozen reported sanctions (counted in its section).
