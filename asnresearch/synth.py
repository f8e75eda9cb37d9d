"""Synthetic case tables with known effects, for teaching and for checking methods.

:func:`simulate_study` draws a dataset in the released schema (cases, sources, events,
reactions, plus a headcount table) from a data-generating process whose parameters are known
(:class:`Truth`). :func:`write_study` writes it as a data folder that
:func:`asnresearch.io.load_dataset` validates like the real one, so a model can be run on
data where the right answer is known, end to end through the same loaders.

The process, per province p and year y:

- reported cases  n_py ~ Poisson(base_rate / 100,000 × headcount_p × exp(trend × (y − y0)));
- each case surfaces by viral video with probability ``p_viral`` (else by inspection) and is
  covered by a national outlet with probability ``p_national``;
- its misconduct type is drawn uniformly from the codebook's list (``rules.synthetic``,
  which also names every other code the generator writes);
- time to the first official response ~ Exponential(response_rate × exp(response_log_hr ×
  viral)) days, right-censored at the cut-off;
- a sanction is reported with probability logistic(sanction_intercept + sanction_viral ×
  viral + sanction_national × national).

That process has the structure the models assume. :class:`Design` is shaped like the real
data instead (its provinces, years, headcounts and case covariates; about 140 cases;
province effects; selection into the data; a day-0 point mass of responses where the
surfacing is an official act): :func:`simulate_design` draws it as in-memory model inputs,
:func:`fit_design` fits the real notebooks' models to it, :func:`replicate_design` repeats
both and :func:`summarise_replications` gives coverage, power and bias with Monte Carlo
errors, failed fits counted as misses.

Examples
--------
>>> study = simulate_study(provinces=3, years=range(2020, 2022), seed=1)
>>> sorted(study.tables)
['cases', 'events', 'reactions', 'sources']
>>> study.truth.trend
0.15
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SYNTHETIC_URL", "Truth", "Study", "simulate_study", "write_study", "recover_parameters",
    "Design", "load_real_design", "simulate_design", "fit_design", "replicate_design",
    "summarise_replications", "simulate_comments",
]

SYNTHETIC_URL = "https://synthetic.invalid/asnresearch/"  # reserved TLD: never a real page


@dataclass(frozen=True)
class Truth:
    """Known parameters of the synthetic data-generating process (see the module)."""

    base_rate: float = 3.0
    trend: float = 0.15
    reference_year: int = 2020
    p_viral: float = 0.45
    p_national: float = 0.3
    response_rate: float = 0.08
    response_log_hr: float = -0.7
    sanction_intercept: float = -1.5
    sanction_viral: float = 1.0
    sanction_national: float = 0.6


@dataclass
class Study:
    """A synthetic dataset: the four tables as text, the headcount table, and the truth."""

    tables: dict[str, pd.DataFrame]
    headcount: pd.DataFrame
    truth: Truth
    cutoff: dt.date
    notes: dict[str, int] = field(default_factory=dict)


def simulate_study(
    *,
    truth: Truth | None = None,
    provinces: int = 20,
    years: Iterable[int] = range(2018, 2026),
    seed: int = 0,
) -> Study:
    """Draw a synthetic study (seeded: the same arguments give the same tables).

    Parameters
    ----------
    truth : Truth, optional
        The parameters; default :class:`Truth()`.
    provinces : int
        How many provinces (the first ones of the gazetteer, each with one regency).
    years : iterable of int
        Incident years.
    seed : int
        Seed of numpy's default generator.
    """
    import numpy as np
    import pandas as pd

    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_regions

    truth = truth or Truth()
    years = list(years)
    rng = np.random.default_rng(seed)
    regions = load_regions()
    provs = regions[regions["level"] == "province"].head(provinces)
    regency_of = regions[regions["level"] == "regency"].groupby("province_code")["code"].first()
    headcount = rng.integers(30_000, 400_000, len(provs))
    cutoff = dt.date(years[-1] + 1, 1, 31)
    cb = load_codebook()
    codes = cb.rules["synthetic"]
    cases, sources, events = [], [], []
    serial: dict[int, int] = {}
    for code, pns in zip(provs["code"], headcount):
        for year in years:
            growth = np.exp(truth.trend * (year - truth.reference_year))
            mean = truth.base_rate / 1e5 * pns * growth
            for _ in range(rng.poisson(mean)):
                serial[year] = serial.get(year, 0) + 1
                case_id = f"ASN-{year}-{serial[year]:04d}"
                day = dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
                viral = rng.random() < truth.p_viral
                national = rng.random() < truth.p_national
                misconduct = str(rng.choice(codes["misconduct_types"]))
                cases.append(_case(case_id, day, code, regency_of[code], viral, misconduct, cb))
                sid = f"SRC-{len(sources) + 1:05d}"
                sources.append({
                    "source_id": sid, "case_id": case_id, "url": f"{SYNTHETIC_URL}{case_id}",
                    "outlet": "Synthetic outlet", **codes["every_source"],
                    "published_date": day.isoformat(), "published_date_precision": "day",
                    **({"outlet_scale": cb.rules["national_outlet"]} if national else {}),
                })
                rate = truth.response_rate * np.exp(truth.response_log_hr * viral)
                response = day + dt.timedelta(days=int(rng.exponential(1 / rate)))
                if response <= cutoff:
                    events.append(_event(len(events) + 1, case_id, response,
                                         codes["response_event"], sid))
                logit = (truth.sanction_intercept + truth.sanction_viral * viral
                         + truth.sanction_national * national)
                if rng.random() < 1 / (1 + np.exp(-logit)):
                    # the sanction's date is not modelled: month precision keeps it out of
                    # the timed curves, as with most real sanctions
                    events.append(_event(len(events) + 1, case_id, None,
                                         codes["sanction_event"], sid))
    tables = {
        "cases": pd.DataFrame(cases, columns=cb.columns("cases")),
        "sources": pd.DataFrame(sources, columns=cb.columns("sources")),
        "events": pd.DataFrame(events, columns=cb.columns("events")),
        "reactions": pd.DataFrame(columns=cb.columns("reactions")),
    }
    hc = pd.DataFrame({
        "area_code": provs["code"].to_numpy(), "year": years[-1], "as_of": str(years[-1]),
        "staff": "pns", "series": "synthetic", "count": headcount,
        "source_url": SYNTHETIC_URL + "headcount",
        "confidence": "uncertain", "note": "Synthetic headcount",
    })
    return Study(tables, hc, truth, cutoff, {"cases": len(cases)})


def _case(case_id, day, province, regency, viral, misconduct, cb) -> dict[str, str]:
    codes = cb.rules["synthetic"]
    return {
        "case_id": case_id, "summary": "Synthetic case drawn by asnresearch.synth.",
        "incident_date": day.isoformat(), "incident_date_precision": "day",
        "incident_time": "unknown", "province_code": province, "regency_code": regency,
        "geo_precision": "regency", "government_level": "regency", "agency_type": "unknown",
        "n_asn_involved": "1", "n_asn_precision": "exact", "asn_status": "pns",
        "misconduct_type": misconduct, "pp94_provision": cb.provision_for(misconduct),
        "absence_days": "unknown", "absence_days_precision": "unknown",
        "absence_consecutive": "unknown", "during_working_hours": "yes",
        "in_uniform": "unknown", **codes["viral_case" if viral else "other_case"],
        "surfaced_date": day.isoformat(), "surfaced_date_precision": "day",
        "reach_views": "unknown", "reach_comments": "unknown", "reach_shares": "unknown",
        **codes["every_case"], "coding_note": "",
    }


def _event(n, case_id, day, step, source_id) -> dict[str, str]:
    """An official step with the codes of ``step`` (``rules.synthetic``); a sanction's type
    and level where the step gives them, else not applicable."""
    return {
        "event_id": f"EVT-{n:05d}", "case_id": case_id,
        "event_date": day.isoformat() if day else "unknown",
        "event_date_precision": "day" if day else "unknown",
        "sanction_type": "not_applicable", "sanction_level": "not_applicable", **step,
        "source_id": source_id,
    }


def write_study(study: Study, directory: str | Path) -> Path:
    """Write a study as a data folder that :func:`asnresearch.io.load_dataset` can read.

    The folder gets the four CSV tables, ``reference/`` (the real gazetteer and rules, and
    the synthetic headcount), ``lexicon/``, and a ``datapackage.json`` with checksums and the
    cut-off.
    """
    import json
    import shutil

    from asnresearch.codebook import load_codebook
    from asnresearch.io import DATA_DIR, HEADCOUNT_FILE, write_datapackage

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("reference", "lexicon"):
        shutil.copytree(DATA_DIR / folder, out / folder, dirs_exist_ok=True)
    cb = load_codebook()
    for name, frame in study.tables.items():
        frame.to_csv(out / cb.table(name)["file"], index=False, lineterminator="\n")
    study.headcount.to_csv(out / HEADCOUNT_FILE, index=False, lineterminator="\n")
    (out / "datapackage.json").write_text(json.dumps({
        "name": "asnresearch-synthetic", "version": "synthetic",
        "cutoff_date": study.cutoff.isoformat()}))
    write_datapackage(out)
    return out


def recover_parameters(study: Study, data_dir: str | Path) -> pd.DataFrame:
    """Fit the toolkit's models to a written study and set each estimate beside its truth.

    Models: Poisson and negative-binomial counts of cases per province-year with headcount
    exposure (base rate and trend), the logit of a reported sanction (intercept, viral,
    national coverage) and the Cox model of time to the first response (viral log hazard
    ratio). The end-to-end check: the data go through CSV and the validated loaders; for
    many replications use :func:`replicate_design`, which fits in memory.

    Returns
    -------
    pandas.DataFrame
        ``model``, ``parameter``, ``truth``, ``estimate``, ``ci_lower``, ``ci_upper``,
        ``failed`` (no finite interval), ``covered`` (the 95% interval holds the truth;
        False for a failed fit), ``n``, and ``alpha_at_boundary`` (the negative binomial
        found no over-dispersion, so its rows are the Poisson fit's: see
        :func:`asnresearch.models.fit_case_counts`; False for the other models).
    """
    import math
    import warnings

    import pandas as pd

    from asnresearch.enforcement import build_timelines
    from asnresearch.io import load_dataset, load_headcount
    from asnresearch.models import (
        build_case_features,
        fit_case_counts,
        fit_sanction_reported,
        fit_stage_hazard,
    )
    from asnresearch.patterns import count_province_years

    t = study.truth
    ds = load_dataset(data_dir)
    grid = count_province_years(ds["cases"], load_headcount(data_dir), series="synthetic")
    features = build_case_features(ds)
    rows = []

    def add(model, fit, term, truth):
        table = fit.table.set_index("term")
        est, lo, hi = table.loc[term, ["estimate", "ci_lower", "ci_upper"]]
        lo, hi = float(lo), float(hi)
        failed = not (math.isfinite(lo) and math.isfinite(hi))  # a miss, not a gap
        boundary = "alpha" in table.index and table.loc["alpha", "estimate"] == 0
        rows.append({"model": model, "parameter": term, "truth": truth,
                     "estimate": float(est), "ci_lower": lo, "ci_upper": hi,
                     "failed": failed, "covered": not failed and lo < truth < hi,
                     "n": fit.n, "alpha_at_boundary": bool(boundary)})

    for family in ("poisson", "negative_binomial"):
        with warnings.catch_warnings():
            # alpha at 0 is a result here, kept in the alpha_at_boundary column
            warnings.filterwarnings("ignore", "negative binomial: the data show no",
                                    RuntimeWarning)
            fit = fit_case_counts(grid, family=family)
        add(f"counts ({family.replace('_', ' ')})", fit, "Intercept",
            math.log(t.base_rate / 1e5))
        add(f"counts ({family.replace('_', ' ')})", fit, "I(year - 2020)", t.trend)
    logit = fit_sanction_reported(
        features, formula="sanction_reported ~ C(channel, Treatment('official_found'))"
                          " + national_coverage")
    add("sanction logit", logit, "Intercept", t.sanction_intercept)
    add("sanction logit", logit, "channel: viral", t.sanction_viral)
    add("sanction logit", logit, "national_coverage", t.sanction_national)
    # the first stage, any official response (the generator's response reaches it)
    cox = fit_stage_hazard(build_timelines(ds, cutoff=study.cutoff), features)
    add("response Cox", cox, "channel: viral", t.response_log_hr)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Design:
    """A design shaped like the real data, for power and coverage (:func:`simulate_design`).

    Each province-year of the real count grid (the provinces of the headcount series, the
    years of the real cases) has incidents ~ Poisson(headcount × exp(b0 + trend × (year −
    2020) + u_p)), with a province effect u_p ~ N(0, ``province_sd``²). Each incident takes
    the covariates of a real case drawn at random (channel, official act, discipline breach,
    national coverage), each real case weighted by the inverse of its chance of being reported
    so that the reported cases look like the real ones. Then, per incident:

    - a sanction with probability logistic(``sanction_intercept`` + ``sanction_official`` ×
      official act + ``sanction_breach`` × discipline breach + ``sanction_national`` × national
      + v_p), v_p ~ N(0, ``sanction_province_sd``²): the three predictors of the real
      sanction model (national coverage comes before the sanction here by construction);
    - selection into the data: reported with probability logistic(``report_intercept`` +
      ``report_viral`` × viral + ``report_national`` × national + ``report_sanction`` ×
      sanctioned), so viral, widely covered and sanctioned cases are over-represented (b0 is
      set so that about ``expected_cases`` are reported);
    - the first official response on day 0 with probability ``day0_official`` where the
      surfacing is itself an official act (the codebook's ``official_act_channels``),
      ``day0_viral`` for viral cases and ``day0_other`` for the rest; otherwise on day 1 +
      a whole number of days ~ Exponential(``response_rate`` × exp(``response_log_hr`` ×
      viral + w_p)), w_p ~ N(0, ``response_province_sd``²); censored at an exponential
      follow-up of mean ``follow_up_days``; a share ``timed_share`` of cases has a timed
      response (the rest have no day-precise date, at random).

    :meth:`simple` is the same size and covariates without clustering, selection or day-0
    mass: the process the models assume. The defaults are plausible values chosen to match
    the real data's size, share of sanctions and share of day-0 responses, not estimates;
    "viral" is the channel group of ``rules.synthetic``'s viral case.

    Examples
    --------
    >>> Design.simple().province_sd
    0.0
    """

    expected_cases: float = 140.0
    trend: float = 0.1
    province_sd: float = 0.8
    report_intercept: float = -1.0
    report_viral: float = 1.0
    report_national: float = 1.0
    report_sanction: float = 1.0
    sanction_intercept: float = -1.6
    sanction_official: float = -1.0
    sanction_breach: float = 0.0
    sanction_national: float = 1.0
    sanction_province_sd: float = 0.5
    response_rate: float = 0.08
    response_log_hr: float = -0.7
    response_province_sd: float = 0.5
    day0_official: float = 0.95
    day0_viral: float = 0.7
    day0_other: float = 0.85
    follow_up_days: float = 200.0
    timed_share: float = 0.85

    @classmethod
    def simple(cls, **changes: float) -> Design:
        """The same size and covariates without province effects, selection or day-0 mass."""
        off = dict.fromkeys(("province_sd", "sanction_province_sd", "response_province_sd",
                             "report_viral", "report_national", "report_sanction",
                             "day0_official", "day0_viral", "day0_other"), 0.0)
        return cls(**{**off, **changes})


# The sanction model's predictors and the Design fields that hold their truth.
_SANCTION_TRUTH = {"official_act": "sanction_official", "discipline_breach": "sanction_breach",
                   "national_before_sanction": "sanction_national"}


def load_real_design() -> dict[str, pd.DataFrame]:
    """The real data's shape that :func:`simulate_design` copies: ``grid`` (province, year,
    headcount of :func:`asnresearch.patterns.count_province_years`, without the counts) and
    ``covariates`` (``channel``, ``official_act``, ``discipline_breach`` and
    ``national_coverage`` of :func:`asnresearch.models.build_case_features`, one row per
    real case)."""
    from asnresearch.io import load_dataset, load_headcount
    from asnresearch.models import build_case_features
    from asnresearch.patterns import count_province_years

    ds = load_dataset()
    grid = count_province_years(ds["cases"], load_headcount())
    features = build_case_features(ds)
    columns = ["channel", "official_act", "discipline_breach", "national_coverage"]
    return {"grid": grid.drop(columns="n"),
            "covariates": features[columns].reset_index(drop=True)}


def simulate_design(
    design: Design, *, seed: int, shape: dict[str, pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """Draw one synthetic study at the real design, as in-memory model inputs (no CSV).

    Parameters
    ----------
    design : Design
        The process (see :class:`Design`).
    seed : int
        Seed of numpy's default generator: the same arguments give the same frames.
    shape : dict, optional
        From :func:`load_real_design` (loaded when not given; pass it when drawing many).

    Returns
    -------
    dict of pandas.DataFrame
        ``counts`` (``province_code``, ``year``, ``n`` reported, ``headcount``), ``features``
        (one row per reported case: ``case_id``, ``province_code``, the covariates,
        ``national_before_sanction`` and ``sanction_reported``) and ``timelines``
        (``case_id`` and the first stage's ``_days`` and ``_observed``, NaN where not
        timed): the inputs of :func:`asnresearch.models.fit_case_counts`,
        ``fit_sanction_reported``, ``fit_firth_logit`` and ``fit_stage_hazard``.

    Examples
    --------
    >>> sample = simulate_design(Design(), seed=1)
    >>> 100 < len(sample["features"]) < 200
    True
    """
    import numpy as np
    import pandas as pd

    from asnresearch.codebook import load_codebook

    shape = shape or load_real_design()
    grid, cov = shape["grid"], shape["covariates"]
    cb = load_codebook()
    stage = next(iter(cb.stages()))
    d = design
    rng = np.random.default_rng(seed)
    viral = (cov["channel"] == _viral_group()).to_numpy(float)
    official = cov["official_act"].fillna(0).to_numpy(float)
    breach = cov["discipline_breach"].fillna(0).to_numpy(float)
    national = cov["national_coverage"].to_numpy(float)

    def logistic(x):
        return 1 / (1 + np.exp(-x))

    # chance that an incident like each real case is reported (province effects left out)
    sanction = (d.sanction_intercept + d.sanction_official * official + d.sanction_breach * breach
                + d.sanction_national * national)
    report = d.report_intercept + d.report_viral * viral + d.report_national * national
    p_report = (logistic(sanction) * logistic(report + d.report_sanction)
                + (1 - logistic(sanction)) * logistic(report))
    # incidents like a real case are drawn in inverse proportion to that chance, so the
    # reported ones resemble the real cases; b0 makes about expected_cases reported
    weight = (1 / p_report) / (1 / p_report).sum()
    provinces, pidx = np.unique(grid["province_code"].to_numpy(), return_inverse=True)
    exposure = grid["headcount"].to_numpy(float) * np.exp(
        d.trend * (grid["year"].to_numpy() - 2020))
    share = float(weight @ p_report)
    b0 = np.log(d.expected_cases / share / (exposure.sum() * np.exp(d.province_sd ** 2 / 2)))
    u, v, w = (rng.normal(0, sd, len(provinces)) for sd in (
        d.province_sd, d.sanction_province_sd, d.response_province_sd))
    cell = np.repeat(np.arange(len(grid)), rng.poisson(exposure * np.exp(b0 + u[pidx])))
    row = rng.choice(len(cov), len(cell), p=weight)
    prov = pidx[cell]
    sanctioned = rng.random(len(cell)) < logistic(sanction[row] + v[prov])
    reported = rng.random(len(cell)) < logistic(report[row] + d.report_sanction * sanctioned)
    cell, row, prov, sanctioned = (a[reported] for a in (cell, row, prov, sanctioned))
    counts = grid.assign(n=np.bincount(cell, minlength=len(grid)))[
        ["province_code", "year", "n", "headcount"]]
    case_id = [f"S{i:05d}" for i in range(len(cell))]
    features = cov.iloc[row].reset_index(drop=True).assign(
        case_id=case_id, province_code=provinces[prov],
        national_before_sanction=national[row].astype(int), sanction_reported=sanctioned)
    # first response: a day-0 point mass by channel, else 1 + whole days of an exponential
    day0 = np.where(official[row] == 1, d.day0_official,
                    np.where(viral[row] == 1, d.day0_viral, d.day0_other))
    rate = d.response_rate * np.exp(d.response_log_hr * viral[row] + w[prov])
    time = np.where(rng.random(len(cell)) < day0, 0.0,
                    1 + np.floor(rng.exponential(1 / rate)))
    censor = np.floor(rng.exponential(d.follow_up_days, len(cell)))
    untimed = rng.random(len(cell)) >= d.timed_share
    timelines = pd.DataFrame({
        "case_id": case_id,
        f"{stage}_days": np.where(untimed, np.nan, np.minimum(time, censor)),
        f"{stage}_observed": np.where(untimed, np.nan, (time <= censor).astype(float))})
    return {"counts": counts, "features": features, "timelines": timelines}


def _viral_group() -> str:
    """The channel group of the generators' viral case (``rules.synthetic``)."""
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    return cb.grouping("channel")[cb.rules["synthetic"]["viral_case"]["surfaced_via"]]


def fit_design(
    sample: dict[str, pd.DataFrame], design: Design, *, slow: bool = False
) -> pd.DataFrame:
    """Fit the real notebooks' models to one :func:`simulate_design` sample, beside the truth.

    Models (all through :mod:`asnresearch.models`, on the in-memory frames):

    - counts: the trend of the Poisson model, and of the rule "test for over-dispersion,
      then choose" (the negative binomial when the score test of ``fit_case_counts`` has
      p < 0.05; columns ``picked`` and ``overdispersion_p``);
    - sanction logit: ``SANCTION_LOGIT_FORMULA`` (three predictors) by maximum likelihood
      with errors clustered by province (sandwich), and with ``slow`` also by
      :func:`~asnresearch.models.fit_firth_logit` (profile-likelihood intervals);
    - response Cox of the viral channel against the baseline, with model-based errors, on
      all timed cases and on those answered after day 0 (``response Cox after day 0``, when
      the design has a day-0 mass), and
      with ``slow`` also on all timed cases clustered by province (the notebooks' fit: a
      delete-one-cluster jackknife, one refit per province); the truth is the hazard ratio
      after day 0, which only the fit after day 0 estimates as such.

    A fit that raises, does not converge or gives a non-finite estimate or interval is a
    failure: ``failed`` True, ``covered`` and ``rejected`` False (a miss, not a gap).

    Returns
    -------
    pandas.DataFrame
        ``model``, ``parameter``, ``truth``, ``estimate``, ``ci_lower``, ``ci_upper``,
        ``p_value``, ``n``, ``failed``, ``covered`` (the 95% interval holds the truth),
        ``rejected`` (p < 0.05 against 0); for the counts rule ``picked`` and
        ``overdispersion_p``.
    """
    import math
    import warnings

    import numpy as np
    import pandas as pd

    from asnresearch.codebook import load_codebook
    from asnresearch.models import (
        fit_case_counts,
        fit_firth_logit,
        fit_sanction_reported,
        fit_stage_hazard,
    )

    stage = next(iter(load_codebook().stages()))
    viral = f"channel: {_viral_group()}"
    rows: list[dict] = []

    def add(model, fit, truths, **extra):
        # fit: a Fit, or the exception that stopped it
        columns = ["estimate", "ci_lower", "ci_upper", "p_value"]
        table = (None if isinstance(fit, Exception) else
                 dict(zip(fit.table["term"], fit.table[columns].to_numpy(float))))
        for term, truth in truths.items():
            est, lo, hi, p = table.get(term, [math.nan] * 4) if table else [math.nan] * 4
            failed = (table is None or not _converged(fit.result)
                      or not np.isfinite([est, lo, hi, p]).all())
            rows.append({"model": model, "parameter": term, "truth": truth,
                         "estimate": est, "ci_lower": lo, "ci_upper": hi, "p_value": p,
                         "n": math.nan if table is None else fit.n, "failed": bool(failed),
                         "covered": bool(not failed and lo < truth < hi),
                         "rejected": bool(not failed and p < 0.05), **extra})

    def attempt(call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a failed fit is a result here
            return exc

    trend = {"I(year - 2020)": design.trend}
    sanction = {term: getattr(design, name) for term, name in _SANCTION_TRUTH.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence and separation warnings: counted
        poisson = attempt(fit_case_counts, sample["counts"], family="poisson")
        add("counts (Poisson)", poisson, trend)
        test = (math.nan if isinstance(poisson, Exception)
                else poisson.table.attrs["overdispersion"]["p_value"])
        picked = "negative_binomial" if test < 0.05 else "poisson"
        chosen = (poisson if picked == "poisson" else
                  attempt(fit_case_counts, sample["counts"], family=picked))
        add("counts (test, then choose)", chosen, trend, picked=picked,
            overdispersion_p=test)
        add("sanction logit", attempt(fit_sanction_reported, sample["features"],
                                      cluster="province_code"), sanction)
        if slow:
            add("sanction Firth logit", attempt(fit_firth_logit, sample["features"]),
                sanction)
        timelines = sample["timelines"]
        after = timelines[~(timelines[f"{stage}_days"] == 0)]
        cox = {"response Cox": (timelines, None)}
        if max(design.day0_official, design.day0_viral, design.day0_other) > 0:
            cox["response Cox after day 0"] = (after, None)
        if slow:
            cox["response Cox, clustered"] = (timelines, "province_code")
        for model, (frame, cluster) in cox.items():
            add(model, attempt(fit_stage_hazard, frame, sample["features"], stage=stage,
                               cluster=cluster), {viral: design.response_log_hr})
    return pd.DataFrame(rows)


def _converged(result) -> bool:
    """Whether a statsmodels fit says it converged (PHReg and a few others do not say)."""
    flag = getattr(result, "converged", None)
    if flag is None:
        flag = getattr(result, "mle_retvals", None) or {}
        flag = flag.get("converged", True)
    return bool(flag)


def replicate_design(
    reps: int, *, design: Design, seed: int = 0, slow_reps: int = 0, progress: bool = True
) -> pd.DataFrame:
    """Repeat :func:`simulate_design` and :func:`fit_design` ``reps`` times (seeds
    ``seed`` to ``seed + reps - 1``), with the slow fits in the first ``slow_reps``.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`fit_design` with ``rep``, ``n_cases`` (reported),
        ``sanctions`` (reported sanctions) and ``day0_share`` (share of the timed responses
        on day 0).
    """
    import pandas as pd
    from tqdm.auto import tqdm

    from asnresearch.codebook import load_codebook

    stage = next(iter(load_codebook().stages()))
    shape = load_real_design()
    frames = []
    for rep in tqdm(range(reps), disable=not progress, desc="replications"):
        sample = simulate_design(design, seed=seed + rep, shape=shape)
        days = sample["timelines"][f"{stage}_days"]
        frames.append(fit_design(sample, design, slow=rep < slow_reps).assign(
            rep=rep, n_cases=len(sample["features"]),
            sanctions=int(sample["features"]["sanction_reported"].sum()),
            day0_share=float((days == 0).sum() / days.notna().sum())))
    return pd.concat(frames, ignore_index=True)


def summarise_replications(runs: pd.DataFrame, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Coverage, power and bias per model and parameter, failures counted as misses.

    ``coverage`` is the share of replications whose 95% interval holds the truth and
    ``power`` the share rejecting 0 at 5% (the size of the test where the truth is 0), both
    over all replications, a failed fit counting as a miss and as no rejection; each with its
    Monte Carlo standard error √(p(1 − p)/reps). ``bias`` and ``median_error`` are over the
    fits with an estimate, ``failed`` the share without one.

    Examples
    --------
    >>> import pandas as pd
    >>> runs = pd.DataFrame({"model": "m", "parameter": "b", "truth": 1.0,
    ...                      "estimate": [1.2, 0.9, float("nan"), 1.1],
    ...                      "failed": [False, False, True, False],
    ...                      "covered": [True, True, False, False],
    ...                      "rejected": [True, False, False, True]})
    >>> row = summarise_replications(runs).iloc[0]
    >>> row[["reps", "failed", "coverage", "power"]].tolist()
    [4.0, 0.25, 0.5, 0.5]
    >>> round(float(row["bias"]), 3)  # over the three fits with an estimate
    0.067
    """
    import numpy as np

    keys = [*by, "model", "parameter"]
    ok = runs["estimate"].where(~runs["failed"])
    out = (runs.assign(error=ok - runs["truth"])
           .groupby(keys, sort=False)
           .agg(truth=("truth", "first"), reps=("failed", "size"), failed=("failed", "mean"),
                coverage=("covered", "mean"), power=("rejected", "mean"),
                bias=("error", "mean"), median_error=("error", "median")))
    for name in ("coverage", "power"):
        mcse = np.sqrt(out[name] * (1 - out[name]) / out["reps"])
        out.insert(out.columns.get_loc(name) + 1, f"{name}_mcse", mcse)
    return out


# Pieces of generated comments: informal spellings, slang, negation, intensifiers, laughter,
# emoji and (at a set rate) personal data, so the scorer and the scrubber meet what real
# comment corpora hold. Written for the project; the mix is illustrative, not estimated.
_OPENERS = ["", "", "wkwkwk ", "astaga ", "min, ", "bang ", "duh ", "hadeh ", "lah ",
            "ya ampun ", "parahhh ", "mantap ", "halah "]
_BODIES = [
    "asn kok karaokean pas jam kerja", "gak malu apa digaji pake uang rakyat",
    "pecat aja pak, bikin malu", "udh biasa, paling cuma ditegur", "kasian jg sih mereka",
    "jam istirahat kok, wajar aja", "enak bgt ya jadi pns kerjanya santai",
    "no viral no justice", "inspektorat hrs turun, evaluasi semua", "beban negara bener2",
    "kantor kosong jumat pagi, pelayanan gmn", "tindak tegas pak bupati",
    "absensi online aja biar gak bolos", "nanti jg lupa kasusnya", "ini lokasinya dimana min",
    "salut sama pak camat langsung sidak", "mereka jg manusia, jgn dihakimi",
    "p3k baru diangkat udh bolos", "judol lagi judol lagi", "pungli ktp tuh dr dulu",
    "bukan contoh yg baik buat anak muda", "tidak profesional sama sekali",
    "lumayan cepat responnya", "kapan ditindak ya", "pelayanan publik kita luar biasa 👏",
]
_CLOSERS = ["", "", "", " 😂", " 🤣", " 🙄", " 😡", " 🙏", "!!!", "??", " wkwk", " hadeh"]
_PERSONAL = ["hubungi 0812-3456-7890", "cek @akun_dinas", "email aduan@contoh.go.id",
             "nik 3578011234560001", "lihat https://bit.ly/asn123", "wa +62 813 2222 1111"]


def simulate_comments(n: int, *, seed: int = 0, personal_data_rate: float = 0.05):
    """A generated comment corpus: ``comment_id``, ``author_id`` and ``text``.

    Comments are drawn from a few thousand combinations of openers, bodies and closers, and
    a share ``personal_data_rate`` gets a phone number, handle, e-mail, NIK or URL appended,
    to exercise the scrubber. Seeded: the same arguments give the same corpus.

    Examples
    --------
    >>> corpus = simulate_comments(3, seed=1)
    >>> list(corpus.columns)
    ['comment_id', 'author_id', 'text']
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    pool = np.array([o + b + c for o in _OPENERS for b in _BODIES for c in _CLOSERS],
                    dtype=object)
    text = pool[rng.integers(0, len(pool), n)]
    personal = rng.random(n) < personal_data_rate
    extra = np.array(_PERSONAL, dtype=object)[rng.integers(0, len(_PERSONAL), n)]
    text = np.where(personal, text + " " + extra, text)
    return pd.DataFrame({
        "comment_id": pd.RangeIndex(n).map(lambda i: f"c{i:08d}") if n < 1000 else
        np.char.add("c", np.char.zfill(np.arange(n).astype(str), 8)).astype(object),
        "author_id": np.char.add("user", rng.integers(0, max(n // 5, 1), n).astype(str))
        .astype(object),
        "text": text,
    })
