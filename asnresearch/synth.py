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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SYNTHETIC_URL", "Truth", "Study", "simulate_study", "write_study", "recover_parameters",
    "replicate_recovery", "simulate_comments",
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
    ratio).

    Returns
    -------
    pandas.DataFrame
        ``model``, ``parameter``, ``truth``, ``estimate``, ``ci_lower``, ``ci_upper``,
        ``covered`` (the 95% interval holds the truth; NA when the fit gives no interval),
        ``n``, and ``alpha_at_boundary`` (the negative binomial found no over-dispersion,
        so its rows are the Poisson fit's: see :func:`asnresearch.models.fit_case_counts`;
        False for the other models).
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
        # no interval (NaN) is not a miss
        covered = pd.NA if math.isnan(lo) or math.isnan(hi) else bool(lo < truth < hi)
        boundary = "alpha" in table.index and table.loc["alpha", "estimate"] == 0
        rows.append({"model": model, "parameter": term, "truth": truth,
                     "estimate": float(est), "ci_lower": lo, "ci_upper": hi,
                     "covered": covered, "n": fit.n, "alpha_at_boundary": bool(boundary)})

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
        features, formula="sanction_reported ~ C(channel, Treatment('inspection'))"
                          " + national_coverage")
    add("sanction logit", logit, "Intercept", t.sanction_intercept)
    add("sanction logit", logit, "channel: viral", t.sanction_viral)
    add("sanction logit", logit, "national_coverage", t.sanction_national)
    # the first stage, any official response (the generator's response reaches it)
    cox = fit_stage_hazard(build_timelines(ds, cutoff=study.cutoff), features)
    add("response Cox", cox, "channel: viral", t.response_log_hr)
    return pd.DataFrame(rows)


def replicate_recovery(
    reps: int,
    *,
    provinces: int,
    years: Iterable[int],
    truth: Truth | None = None,
    seed: int = 0,
    progress: bool = True,
) -> pd.DataFrame:
    """Repeat :func:`simulate_study` and :func:`recover_parameters` ``reps`` times.

    Shows how the methods behave at a given sample size: the share of intervals that hold
    the truth (coverage, 95% when all is well), the mean error (bias), and how often a fit
    fails outright (``failed``: no estimate, e.g. a separated logit or no event at all).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`recover_parameters` for each replication (``rep``), plus rows with
        ``failed`` True and NA estimates where a fit could not be made.
    """
    import tempfile
    import warnings

    import pandas as pd
    from tqdm.auto import tqdm

    years = list(years)
    frames = []
    for rep in tqdm(range(reps), disable=not progress, desc="replications"):
        study = simulate_study(truth=truth, provinces=provinces, years=years,
                               seed=seed + rep)
        with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # small samples warn about convergence: counted
            write_study(study, folder)
            try:
                table = recover_parameters(study, folder)
                table["failed"] = False
            except Exception as exc:  # noqa: BLE001 - a failed fit is a result here
                table = pd.DataFrame({"model": ["any"], "parameter": [type(exc).__name__],
                                      "failed": [True]})
        table.insert(0, "rep", rep)
        table["n_cases"] = study.notes["cases"]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


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
