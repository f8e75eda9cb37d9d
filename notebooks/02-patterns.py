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

from asnresearch.io import load_dataset, load_headcount, load_official_statistics, load_regions
from asnresearch.models import (
    COUNT_FORMULA,
    build_case_features,
    fit_case_counts,
    fit_sanction_reported,
)
from asnresearch.patterns import (
    calendar_profile,
    compare_with_official,
    count_cases,
    count_province_years,
    rate_per_asn,
    surfacing_mix,
)
from asnresearch.plots import (
    plot_mix_over_time,
    plot_province_rates,
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
# Calendar facts of every case with a day-precise incident date: weekday, the working-hours
# calendar of Perpres 21/2023 with national holidays and cuti bersama, Ramadan, the first five
# working days after the Idul Fitri break, and the first working day after a break of three days or
# more.

# %% tags=["remove-input"]
weekday = calendar_profile(cases, by="weekday")
print(f"dated to the day: {weekday.attrs['n']}, left out: {weekday.attrs['n_left_out']}")
weekday

# %% tags=["remove-input"]
hours = calendar_profile(cases, by="weekday_hour")
plot_weekday_hour(hours).figure

# %% tags=["remove-input"]
facets = {f: calendar_profile(cases, by=f) for f in
          ["working_time", "ramadan", "after_lebaran", "after_long_break"]}
pd.concat({f: t.set_index(t.columns[0])[["n", "share"]] for f, t in facets.items()})

# %% tags=["remove-input"]
wd = weekday.set_index("weekday")["n"]
early = int(wd[["Monday", "Tuesday", "Wednesday"]].sum())
timed = facets["working_time"].set_index("working_time")["n"]
lebaran = int(facets["after_lebaran"].set_index("after_lebaran").loc[True, "n"])
print(f"Monday to Wednesday: {early} of {weekday.attrs['n']}")
print(f"in working time: {timed['yes']} of {timed['yes'] + timed['no']} with a stated time")
print(f"first five working days after Idul Fitri: {lebaran}")
display(Markdown(
    f"Of the {weekday.attrs['n']} incidents dated to the day, **{early}** fell on Monday to "
    f"Wednesday. Where the time is stated, **{timed['yes']}** of {timed['yes'] + timed['no']} "
    f"were inside the working hours of Perpres 21/2023. **{lebaran}** happened in the first "
    "five working days after the Idul Fitri break, when regional heads often hold attendance "
    "spot checks."
))

# %% [markdown]
# ## Where
#
# Counts by province, and reported cases per 100,000 PNS. The denominator is one headcount per
# province from the chosen series (parameter `headcount_series`; BPS 2023 has all 38 provinces,
# BKN semester I 2023 only eleven). The rate spans the whole period, so it compares provinces,
# not years. With a handful of cases per province the intervals are wide.

# %% tags=["remove-input"]
rates = rate_per_asn(cases, headcount, series=headcount_series)
print(f"provinces with a headcount: {rates.attrs['provinces_with_denominator']}")
print(f"cases without a denominator: {rates.attrs['cases_without_denominator']}")
rates.assign(province=rates["province_code"].map(names))[
    ["province", "n", "headcount", "rate", "ci_lower", "ci_upper"]].head(10)

# %% tags=["remove-input"]
plot_province_rates(rates, names=names).figure

# %% tags=["remove-input"]
bkn = rate_per_asn(cases, headcount, series="BKN semester I 2023")
print(f"BKN semester I 2023: {bkn.attrs['provinces_with_denominator']} provinces, "
      f"{bkn.attrs['cases_without_denominator']} of {len(cases)} cases without a denominator")

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
    lambda y: "unknown" if pd.isna(y) else ("2013-2020" if y <= 2020 else "2021-2026"))),
    by="period", grouped=True)
recent = by_year.set_index(["period", "channel"]).loc[("2021-2026", "viral")]
older = by_year.set_index(["period", "channel"]).loc[("2013-2020", "viral")]
print(f"viral overall: {viral['n']:.0f} ({viral['share']:.0%})")
print(f"viral 2013-2020: {older['share']:.0%}; 2021-2026: {recent['share']:.0%}")
display(Markdown(
    f"**{viral['share']:.0%}** of cases surfaced through a viral video, photo or post. The "
    f"share rose from {older['share']:.0%} of dated cases in 2013-2020 to "
    f"{recent['share']:.0%} in 2021-2026 (intervals in the table below)."
))
by_year[by_year["period"] != "unknown"]

# %% [markdown]
# ## Models
#
# **Counts.** A Poisson GLM of cases per province and year with the province's headcount as
# exposure (formula printed below), and a negative binomial that allows for over-dispersion. The
# year coefficient is a yearly rate ratio of *reported* cases: it mixes any change in misconduct
# with the growth of online news.

# %% tags=["remove-input"]
grid = count_province_years(cases, headcount, series=headcount_series)
print(f"formula: {COUNT_FORMULA}")
print(f"province-years: {len(grid)}, cases counted: {grid.attrs['n_counted']}, "
      f"left out (no incident year): {grid.attrs['n_left_out']}")
poisson = fit_case_counts(grid, family="poisson")
negbin = fit_case_counts(grid, family="negative_binomial")
pd.concat({"Poisson": poisson.table, "negative binomial": negbin.table}).droplevel(1)

# %% tags=["remove-input"]
trend = negbin.table.set_index("term").loc["I(year - 2020)"]
low, high = math.exp(trend["ci_lower"]), math.exp(trend["ci_upper"])
print(f"yearly rate ratio (negative binomial): {trend['irr']:.2f} "
      f"(95% CI {low:.2f} to {high:.2f})")
display(Markdown(
    f"Reported cases per civil servant grew by a factor of **{trend['irr']:.2f}** a year "
    f"(95% CI {low:.2f} to {high:.2f}) in the negative-binomial model."
))

# %% [markdown]
# **Is a sanction reported?** A logit on the case features (misconduct group, grouped
# channel, national coverage as a proxy for reach, government level), with errors clustered by
# province. Odds ratios above 1 mean a sanction is more often reported.

# %% tags=["remove-input"]
logit = fit_sanction_reported(build_case_features(ds), cluster="province_code")
print(f"formula: {logit.formula}")
print(f"n = {logit.n}, left out = {logit.n_dropped}")
logit.table[["term", "odds_ratio", "estimate", "ci_lower", "ci_upper", "p_value"]].round(2)

# %% [markdown]
# ## Representativeness: the news mix beside official figures
#
# Official figures that give a mix of misconduct types, from
# `data/reference/official_statistics.csv`
# (each with its source), beside the share of the same type among reported cases (all years; for
# the Kendal figures, the cases from Kabupaten Kendal).

# %% tags=["remove-input"]
official = compare_with_official(cases, load_official_statistics(data_dir))
official.drop(columns=["source_url"])


# %% tags=["remove-input"]
def pick(publisher, kind):
    return official[(official["publisher"] == publisher)
                    & (official["misconduct_type"] == kind)].iloc[0]


bkn2017, drugs, ethics = (pick("bkn", "absence_truancy"), pick("menpanrb", "drugs"),
                          pick("kasn", "sexual_or_marital_misconduct"))
for label, row in [("BKN 2017 working hours", bkn2017), ("PNS imprisoned 2016, drugs", drugs),
                   ("KASN complaints 2020-2023, infidelity", ethics)]:
    print(f"{label}: official {row['official_share']:.0%}, news {row['news_share']:.0%}")
display(Markdown(
    f"In BKN's 2017 count of sanctioned PNS, breaches of working-hours rules were "
    f"**{bkn2017['official_share']:.0%}**; absence is **{bkn2017['news_share']:.0%}** of reported "
    "cases (leisure during working hours, which BKN's category may also cover, comes on top). "
    f"Drugs were {drugs['official_share']:.0%} of the PNS in prison in 2016 but "
    f"{drugs['news_share']:.0%} of reported cases; infidelity was "
    f"{ethics['official_share']:.0%} of KASN's ethics complaints but sexual or marital misconduct "
    f"is {ethics['news_share']:.0%} of reported cases. The news over-represents what can be "
    "filmed or raided and under-represents what is handled quietly."
))

# %% [markdown]
# ## Limitations
#
# - **Reported cases only.** Every count here is a count of news reports. Viral, visual
#   misconduct is over-represented and quiet misconduct under-represented (see the last table).
# - **Dates and times.** Calendar facts use only day-precise incident dates, and hours only
#   stated times; both are a minority of cases (counts above).
# - **Denominators.** One headcount per province for the whole period; headcount series differ
#   (BPS against BKN) and the BPS figures come from one news transcription (`confidence` in the
#   reference table).
# - **Small numbers.** Most provinces have one to five cases; rates and their ranks are fragile.
# - **Models.** The year trend mixes misconduct with reporting; the sanction logit is
#   associational and rests on about thirty reported sanctions.
