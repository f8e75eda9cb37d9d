"""The policy brief's figures and sentences, in Indonesian and English.

Every number the brief quotes is computed here from the data (:func:`compute_key_figures`)
and every sentence is a template of :data:`TEXT` filled with those numbers
(:func:`say`), so the prose cannot drift from the data and both languages say the same.

Examples
--------
>>> from asnresearch.io import load_dataset
>>> figures = compute_key_figures(load_dataset())
>>> figures["cases"] >= 120
True
>>> say("key_cases", "id", **figures).startswith("Kasus")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

LANGS = ("id", "en")
# Below this many cases a province brief says plainly that its figures describe too few cases.
MIN_CASES = 10

TEXT: dict[str, dict[str, str]] = {
    "title": {"id": "Pelanggaran disiplin ASN yang diberitakan: apa yang terjadi dan apa "
                    "yang dilakukan negara",
              "en": "Reported misconduct by Indonesian civil servants: what happens and what "
                    "the state does"},
    "scope_all": {"id": "Seluruh Indonesia", "en": "All of Indonesia"},
    "scope_province": {"id": "Provinsi {province}", "en": "Province of {province}"},
    "period": {"id": "kejadian {period}", "en": "incidents {period}"},
    "h_key": {"id": "Angka kunci", "en": "Key figures"},
    "h_findings": {"id": "Temuan utama", "en": "Key findings"},
    "h_patterns": {"id": "Apa yang diberitakan", "en": "What is reported"},
    "h_enforcement": {"id": "Apa yang dilakukan negara", "en": "What the state does"},
    "h_reactions": {"id": "Siapa yang bereaksi", "en": "Who reacts"},
    "h_gap": {"id": "Sanksi yang diatur dan yang dijatuhkan",
              "en": "Prescribed and imposed sanctions"},
    "h_recommendations": {"id": "Rekomendasi", "en": "Recommendations"},
    "h_method": {"id": "Metode dan keterbatasan", "en": "Method and limitations"},
    "h_citation": {"id": "Data, sitasi dan lisensi", "en": "Data, citation and licence"},
    "key_label": {"id": "Ukuran", "en": "Measure"},
    "key_value": {"id": "Nilai", "en": "Value"},
    "key_cases": {"id": "Kasus yang diberitakan", "en": "Reported cases"},
    "key_provinces": {"id": "Provinsi", "en": "Provinces"},
    "key_viral": {"id": "Terungkap lewat video, foto atau unggahan viral",
                  "en": "Surfaced through a viral video, photo or post"},
    "key_sanction": {"id": "Dengan sanksi yang diberitakan", "en": "With a reported sanction"},
    "key_median": {"id": "Median hari sampai tanggapan resmi pertama",
                   "en": "Median days to the first official response"},
    "too_few": {"id": "Provinsi {province} hanya memiliki {cases} kasus dalam data ini. Angka "
                      "di bawah menggambarkan terlalu sedikit kasus untuk ditarik kesimpulan; "
                      "bacalah sebagai gambaran kasus, bukan pola.",
                "en": "The province of {province} has only {cases} cases in this dataset. The "
                      "figures below describe too few cases to draw conclusions from; read "
                      "them as an account of cases, not as patterns."},
    "finding_mix": {"id": "Pelanggaran disiplin kerja (bolos, bersantai atau bermain media "
                          "sosial pada jam kerja) adalah {work_share} dari kasus yang "
                          "diberitakan.",
                    "en": "Breaches of work discipline (absence, leisure or social media during "
                          "working hours) make up {work_share} of reported cases."},
    "finding_viral": {"id": "{viral_share} kasus terungkap lewat video, foto atau unggahan "
                            "viral, bukan lewat pengawasan internal.",
                      "en": "{viral_share} of cases came to light through a viral video, "
                            "photo or post rather than internal oversight."},
    "finding_response": {"id": "Pejabat biasanya cepat bereaksi: tanggapan resmi pertama "
                               "datang dalam median {median_days} hari ({timed} kasus dengan "
                               "tanggal lengkap), dan {response_share} kasus mendapat "
                               "tanggapan yang diberitakan.",
                         "en": "Officials react fast: the first official response came after "
                               "a median of {median_days} days ({timed} cases with exact "
                               "dates), and {response_share} of cases drew a reported "
                               "response."},
    "finding_response_same_day": {
        "id": "Pejabat biasanya cepat bereaksi: separuh kasus mendapat tanggapan resmi pertama "
              "pada hari kasus terungkap ({timed} kasus dengan tanggal lengkap), dan "
              "{response_share} kasus mendapat tanggapan yang diberitakan.",
        "en": "Officials react fast: half of the cases drew a first official response on the "
              "day they surfaced ({timed} cases with exact dates), and {response_share} of "
              "cases drew a reported response."},
    "finding_response_none": {
        "id": "Terlalu sedikit kasus bertanggal lengkap untuk mengukur kecepatan tanggapan; "
              "{response_share} kasus mendapat tanggapan resmi yang diberitakan.",
        "en": "Too few cases have exact dates to time the response; {response_share} of cases "
              "drew a reported official response."},
    "finding_sanction": {"id": "Namun sanksi jarang diberitakan: hanya {sanction_share} kasus "
                               "({sanctioned} kasus) memiliki sanksi yang diberitakan.",
                         "en": "Sanctions, however, are rarely reported: only "
                               "{sanction_share} of cases ({sanctioned} cases) have a "
                               "reported sanction."},
    "fig_mix": {"id": "Kasus yang diberitakan menurut tahun dan jenis pelanggaran.",
                "en": "Reported cases by year and kind of misconduct."},
    "fig_funnel": {"id": "Seberapa jauh kasus berjalan: dari terungkap sampai sanksi.",
                   "en": "How far cases get: from surfacing to a sanction."},
    "fig_response": {"id": "Waktu sampai tanggapan resmi pertama, menurut cara kasus "
                           "terungkap.",
                     "en": "Time to the first official response, by how the case surfaced."},
    "figure": {"id": "Gambar {n}.", "en": "Figure {n}."},
    "table": {"id": "Tabel {n}.", "en": "Table {n}."},
    "tab_reactions": {"id": "Reaksi publik yang diberitakan, menurut jenis pihak.",
                      "en": "Public reactions reported by the press, by kind of speaker."},
    "tab_gap": {"id": "Sanksi menurut PP 94/2021 (atau PP 53/2010) dan sanksi yang dijatuhkan, "
                      "untuk kasus bolos dengan jumlah hari yang diberitakan.",
                "en": "Sanction prescribed by PP 94/2021 (or PP 53/2010) and sanction imposed, "
                      "for absence cases whose number of days is reported."},
    "no_gap": {"id": "Tidak ada kasus bolos dengan jumlah hari yang diberitakan dalam cakupan "
                     "ini.",
               "en": "No absence case with a reported number of days in this scope."},
    "rec_1": {"id": "**Jangan menunggu viral.** {viral_share} kasus baru diketahui setelah "
                    "viral. Inspektorat dan BKPSDM perlu pemeriksaan kehadiran rutin dan "
                    "acak, terutama sesudah libur panjang, bukan hanya sidak setelah video "
                    "beredar.",
              "en": "**Do not wait for a video.** {viral_share} of cases were known only once "
                    "they went viral. Inspectorates and personnel agencies need routine, random "
                    "attendance checks, above all after long holidays, not spot checks after a "
                    "video spreads."},
    "rec_2": {"id": "**Umumkan hasilnya.** Tanggapan pertama cepat, tetapi hanya "
                    "{sanction_share} kasus memiliki sanksi yang diberitakan. Pejabat pembina "
                    "kepegawaian sebaiknya mengumumkan hasil pemeriksaan dan jenis sanksi "
                    "(tanpa nama) agar publik tahu kasusnya selesai.",
              "en": "**Publish the outcome.** The first response is fast, but only "
                    "{sanction_share} of cases have a reported sanction. Personnel authorities "
                    "should publish the result of each examination and the sanction imposed "
                    "(without names), so the public can see cases closed."},
    "rec_3": {"id": "**Ukur terhadap aturan.** Bila jumlah hari bolos diketahui, PP 94/2021 "
                    "menetapkan sanksinya; dari {gap_cases} kasus seperti itu, {lighter} "
                    "mendapat sanksi lebih ringan dari yang diatur atau tidak ada sanksi yang "
                    "diberitakan. BKN dapat memantau kesenjangan ini secara berkala.",
              "en": "**Measure against the rules.** Where the days of absence are known, "
                    "PP 94/2021 fixes the sanction; of {gap_cases} such cases, {lighter} got a "
                    "lighter sanction than prescribed or none reported. BKN could monitor "
                    "this gap routinely."},
    "rec_3_none": {"id": "**Catat jumlah hari bolos.** PP 94/2021 menetapkan sanksi bolos "
                         "menurut jumlah hari, tetapi berita dan pengumuman resmi jarang "
                         "menyebutnya (tidak ada dalam cakupan ini). Tanpa angka itu publik "
                         "tidak dapat menilai apakah sanksi sesuai aturan; BKPSDM sebaiknya "
                         "mencatat dan mengumumkannya.",
                   "en": "**Record the days of absence.** PP 94/2021 sets absence sanctions by "
                         "the number of days, but news and official statements rarely give it "
                         "(no case in this scope). Without it the public cannot judge whether "
                         "a sanction fits the rules; personnel agencies should record and "
                         "publish it."},
    "method": {"id": "Data ini adalah kasus pelanggaran ASN yang **diberitakan** media (versi "
                     "{version}, batas data {cutoff}), dikodekan dari berita dengan sumbernya. "
                     "Kasus yang tidak diberitakan tidak ada di sini; pelanggaran yang mudah "
                     "direkam (karaoke, warung kopi) lebih sering muncul daripada pelanggaran "
                     "yang tersembunyi. Langkah resmi yang tidak diberitakan juga tidak "
                     "terlihat, sehingga angka penegakan adalah batas bawah. Kasus yang belum "
                     "selesai diperlakukan sebagai tersensor pada batas data.",
               "en": "The data are cases of ASN misconduct **reported** in the news (version "
                     "{version}, data cut-off {cutoff}), coded from news items with their "
                     "sources. Unreported cases are absent; misconduct that is easy to film "
                     "(karaoke, coffee shops) appears more often than hidden misconduct. "
                     "Official steps that no outlet reported are invisible too, so enforcement "
                     "figures are lower bounds. Open cases are censored at the cut-off."},
    "citation": {"id": "Sitasi: asnresearch contributors (2026), *Reported misconduct cases of "
                       "Indonesian civil servants*, rilis {version}. Data berkode: CC BY 4.0; "
                       "kode: MIT. Berita tetap milik penerbitnya dan dikutip dengan URL di "
                       "`data/sources.csv`.",
                 "en": "Citation: asnresearch contributors (2026), *Reported misconduct cases "
                       "of Indonesian civil servants*, release {version}. Coded data: CC BY "
                       "4.0; code: MIT. News items belong to their publishers and are cited "
                       "by URL in `data/sources.csv`."},
    "legend": {"id": "conduct=perilaku|integrity=integritas|political=politik|"
                     "work discipline=disiplin kerja|misconduct group=kelompok pelanggaran|"
                     "viral=viral|inspection=pemeriksaan|report=laporan|other=lainnya|"
                     "surfaced via=terungkap lewat|surfaced=terungkap|response=tanggapan|"
                     "inquiry=penelusuran|examination=pemeriksaan|sanction=sanksi",
               "en": ""},
    "h_when": {"id": "Kapan dan bagaimana kasus terungkap", "en": "When and how cases surface"},
    "fig_surfacing": {"id": "Cara kasus terungkap (bagian kasus, dengan selang kepercayaan "
                            "95%).",
                      "en": "How cases come to light (share of cases, with 95% intervals)."},
    "fig_rates": {"id": "Kasus yang diberitakan per 100.000 PNS, provinsi dengan angka "
                        "tertinggi (jumlah PNS: BPS 2023).",
                  "en": "Reported cases per 100,000 PNS, the provinces with the highest "
                        "rates (PNS headcount: BPS 2023)."},
    "ax_share": {"id": "bagian kasus (%)", "en": "share of cases (%)"},
    "ax_channel": {"id": "cara terungkap", "en": "how the case surfaced"},
    "ax_rate": {"id": "kasus per 100.000 PNS (seluruh periode)",
                "en": "cases per 100,000 PNS (whole period)"},
    "ax_province": {"id": "provinsi", "en": "province"},
    "calendar": {"id": "Dari {dated} kasus yang tanggalnya diketahui, {early} terjadi pada Senin "
                       "sampai Rabu dan {lebaran} pada lima hari kerja pertama setelah libur "
                       "Idul Fitri, ketika kepala daerah sering menggelar sidak kehadiran.",
                 "en": "Of the {dated} cases dated to the day, {early} happened on Monday to "
                       "Wednesday and {lebaran} in the first five working days after the Idul "
                       "Fitri break, when regional heads often hold attendance spot checks."},
    "reaction_outcome": {"id": "Tuntutan sanksi dari masyarakat sipil atau anggota DPRD muncul "
                               "pada {with_cases} kasus; tanggapan resmi diberitakan pada "
                               "{with_response} kasus tersebut, dibanding {without_response} "
                               "kasus lain. Tuntutan muncul justru ketika pejabat diam.",
                         "en": "Civil society or legislators demanded a sanction in "
                               "{with_cases} cases; an official response was reported in "
                               "{with_response} of them, against {without_response} of the "
                               "other cases. Demands come where officials stay silent."},
    "about": {"id": "Ringkasan ini untuk Inspektorat, BKN, KemenPAN-RB, Ombudsman, DPRD dan "
                    "masyarakat sipil. Semua angka dihitung dari data yang sama dengan buku "
                    "catatan analisis asnresearch, sehingga tidak dapat berbeda dari data.",
              "en": "This brief is for inspectorates, BKN, KemenPAN-RB, the Ombudsman, regional "
                    "councils and civil society. Every figure is computed from the same data as "
                    "the asnresearch analysis notebooks, so the text cannot drift from the "
                    "data."},
    "source": {"id": "Sumber: data asnresearch (hanya kasus yang diberitakan)",
               "en": "Source: asnresearch dataset (reported cases only)"},
    "ax_year": {"id": "tahun kejadian", "en": "year of the incident"},
    "ax_cases": {"id": "kasus (jumlah)", "en": "cases (number)"},
    "ax_stage": {"id": "tahap yang dicapai", "en": "stage reached"},
    "ax_days": {"id": "hari sejak kasus terungkap", "en": "days since the case surfaced"},
    "ax_waiting": {"id": "bagian kasus yang masih menunggu", "en": "share of cases still waiting"},
    "col_speaker": {"id": "Pihak", "en": "Speaker"},
    "col_reactions": {"id": "Reaksi", "en": "Reactions"},
    "col_share": {"id": "Bagian", "en": "Share"},
    "col_cases": {"id": "Kasus", "en": "Cases"},
    "col_case": {"id": "Kasus", "en": "Case"},
    "col_days": {"id": "Hari bolos", "en": "Days absent"},
    "col_prescribed": {"id": "Diatur", "en": "Prescribed"},
    "col_imposed": {"id": "Dijatuhkan", "en": "Imposed"},
}


def say(key: str, lang: str, **values: Any) -> str:
    """The template ``key`` of :data:`TEXT` in ``lang``, filled with ``values``.

    Examples
    --------
    >>> say("figure", "id", n=2)
    'Gambar 2.'
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return TEXT[key][lang].format(**values)


def percent(share: float) -> str:
    """A share as a whole percentage, the same in both languages.

    Examples
    --------
    >>> percent(0.2113)
    '21%'
    """
    return f"{share:.0%}"


def select_scope(
    ds: Mapping[str, pd.DataFrame], *, province: str | None = None,
    period: str | None = None, data_dir: Any = None,
) -> dict[str, pd.DataFrame]:
    """The tables restricted to a province (name or code) and an incident period
    (``"2019-2025"`` or ``"2025"``); cases without an incident year fall outside any period.

    Raises
    ------
    ValueError
        For a province that is not in the gazetteer, naming the allowed names, or a period
        not written as YEAR or YEAR-YEAR.
    """
    import re

    from asnresearch.io import load_regions

    cases = ds["cases"]
    keep = cases["case_id"].notna()
    if province is not None:
        regions = load_regions(data_dir)
        provinces = regions[regions["level"] == "province"]
        by_name = {n.lower(): c for c, n in zip(provinces["code"], provinces["name"])}
        code = province if province in set(provinces["code"]) else by_name.get(province.lower())
        if code is None:
            raise ValueError(f"unknown province {province!r}; allowed: "
                             f"{', '.join(sorted(provinces['name']))}")
        keep &= cases["province_code"].astype(str) == code
    if period is not None:
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", period)
        if not match:
            raise ValueError(f"period must be YEAR or YEAR-YEAR, got {period!r}")
        first, last = int(match[1]), int(match[2] or match[1])
        year = cases["incident_date"].dt.year
        keep &= year.between(first, last)
    ids = set(cases.loc[keep, "case_id"])
    return {name: table[table["case_id"].isin(ids)].reset_index(drop=True)
            for name, table in ds.items()}


def compute_key_figures(ds: Mapping[str, pd.DataFrame], *, cutoff: Any = None) -> dict[str, Any]:
    """The numbers the brief quotes, as plain Python values and formatted strings.

    Returns
    -------
    dict
        ``cases``, ``provinces``, ``viral``/``viral_share``, ``sanctioned``/
        ``sanction_share``, ``responded``/``response_share``, ``median_days`` (to the first
        official response, Kaplan-Meier over day-precise cases; ``None`` when undefined),
        ``timed``, ``work_share``, ``gap_cases`` and ``lighter`` (absence cases with a
        prescribed sanction, and how many got less), and the ``*_pct`` strings.
    """
    from asnresearch.codebook import load_codebook
    from asnresearch.enforcement import STAGES, build_timelines, compare_prescribed_imposed
    from asnresearch.models import estimate_survival, median_time

    cases, events = ds["cases"], ds["events"]
    n = len(cases)
    cb = load_codebook()
    channel = cases["surfaced_via"].astype(str).map(cb.grouping("channel"))
    group = cases["misconduct_type"].astype(str).map(cb.grouping("misconduct_group"))

    def reached(stage):
        return int(cases["case_id"].isin(
            events.loc[events["action"].isin(STAGES[stage]), "case_id"]).sum())

    figures: dict[str, Any] = {
        "cases": n,
        "provinces": int(cases.loc[cases["province_code"].astype(str) != "unknown",
                                   "province_code"].nunique()),
        "viral": int((channel == "viral").sum()),
        "sanctioned": reached("sanction"),
        "responded": reached("response"),
        "work": int((group == "work_discipline").sum()),
    }
    figures["median_days"], figures["timed"] = None, 0
    if n:
        timelines = build_timelines(ds, cutoff=cutoff)
        km = estimate_survival(timelines, duration="response_days", event="response_observed")
        figures["timed"] = int(km.attrs["n"])
        median = float(median_time(km)["all"]) if len(km) else float("nan")
        figures["median_days"] = None if median != median else int(median)
    gap = compare_prescribed_imposed(ds) if n else None
    figures["gap_cases"] = 0 if gap is None else len(gap)
    figures["lighter"] = 0 if gap is None else int(
        ((gap["gap"] < 0).fillna(False) | (gap["imposed_type"] == "none")).sum())
    from asnresearch.patterns import calendar_profile
    from asnresearch.reactions import compare_outcomes

    weekday = calendar_profile(cases, by="weekday").set_index("weekday")["n"]
    lebaran = calendar_profile(cases, by="after_lebaran").set_index("after_lebaran")["n"]
    figures["dated"] = int(weekday.sum())
    figures["early"] = int(weekday[["Monday", "Tuesday", "Wednesday"]].sum())
    figures["lebaran"] = int(lebaran.get(True, 0))
    outcomes = compare_outcomes(ds).set_index(["outcome", "group"]) if n else None
    figures["with_cases"] = 0 if outcomes is None else int(outcomes.loc[("response", "with"),
                                                                        "cases"])
    for key, group in [("with_response", "with"), ("without_response", "without")]:
        share = None if outcomes is None else outcomes.loc[("response", group), "share"]
        figures[key] = "-" if share is None or share != share else percent(share)
    for key, count in [("viral_share", "viral"), ("sanction_share", "sanctioned"),
                       ("response_share", "responded"), ("work_share", "work")]:
        figures[key] = percent(figures[count] / n) if n else "0%"
    return figures


def say_response(lang: str, figures: Mapping[str, Any]) -> str:
    """The response finding, worded for a median of zero days or an undefined median."""
    if figures["median_days"] is None:
        return say("finding_response_none", lang, **figures)
    if figures["median_days"] == 0:
        return say("finding_response_same_day", lang, **figures)
    return say("finding_response", lang, **figures)


def say_recommendations(lang: str, figures: Mapping[str, Any]) -> list[str]:
    """The three recommendations, each resting on a figure of this scope."""
    third = "rec_3" if figures["gap_cases"] else "rec_3_none"
    return [say(k, lang, **figures) for k in ("rec_1", "rec_2", third)]


def markdown_table(columns: Mapping[str, Any]) -> str:
    """A Markdown table from named columns (no index), for the brief's HTML and PDF alike.

    Examples
    --------
    >>> print(markdown_table({"a": [1, 2], "b": ["x", "y"]}))
    | a | b |
    |---|---|
    | 1 | x |
    | 2 | y |
    """
    names = list(columns)
    rows = zip(*(list(v) for v in columns.values()))
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def localise_figure(fig: Any, lang: str, *, title: str, xlabel: str, ylabel: str) -> Any:
    """Set a project figure's title, axis labels, legend and source line in ``lang``."""
    ax = fig.axes[0]
    ax.set_title(title, loc="left", fontweight="bold")
    ax.set(xlabel=xlabel, ylabel=ylabel)
    words = dict(pair.split("=") for pair in TEXT["legend"][lang].split("|") if pair)
    for axis in (ax.xaxis, ax.yaxis):  # category names on the axes (channels, stages)
        ticks = axis.get_ticklabels()
        if any(t.get_text() in words for t in ticks):
            axis.set_ticks(axis.get_ticklocs(),
                           [words.get(t.get_text(), t.get_text()) for t in ticks])
    legend = ax.get_legend()
    if legend is not None:
        for text in [*legend.get_texts(), legend.get_title()]:
            text.set_text(words.get(text.get_text(), text.get_text()))
    for text in fig.texts:
        if text.get_text().startswith("Source"):
            text.set_text(say("source", lang))
    return fig
