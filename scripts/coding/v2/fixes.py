"""Corrections applied by build_tables.py (release2.apply_fixes) for release 2.0.

Each fix names a case (its id or case_key) and sets case fields, or names an item: a
release-1 id (EVT-00060) or (case id, table, position in the record) for an item the
follow-ups added. ``note`` is appended to the case's coding_note, so every correction is
visible in the data. The first block is the outside audit of issue 14 (15 random cases, seed
20261203, plus both seed cases); the second comes from the coders' follow-up notes and the
merge's duplicate check.
"""

AUDIT = "Audit 2.0:"

FIXES = [
    # -- the audit of issue 14 ------------------------------------------------------------
    {"case": "ASN-2023-0006",
     "set": {"incident_date": "2012", "incident_date_precision": "year", "asn_status": "unknown"},
     "note": f"{AUDIT} the listed Pukat UGM source dates the gratification to 2012-2013, so the "
             "incident year is 2012 (not the month the case surfaced); 'ASN' alone gives "
             "asn_status unknown (rule A1); the step that source supports is the ministry's "
             "finding that the breach warrants dismissal, not a dismissal (EVT-00163)."},
    {"item": "EVT-00163", "set": {"action": "recommendation"}},
    {"case": "ASN-2025-0010", "set": {"surfaced_via": "viral_video"},
     "note": f"{AUDIT} the case became public through the viral video of the raid the child "
             "filmed (rule A3), not through the family's report; EVT-00232 and EVT-00233 are "
             "told by the PKS page (SRC-00254), not the ANTARA page. Still open: the audit saw "
             "stored pages that show the case public by June 2025 with a summons by the regent; "
             "this pass did not find them, so surfaced_date and that summons are not yet coded."},
    {"item": "EVT-00232", "set": {"source": "SRC-00254"}},
    {"item": "EVT-00233", "set": {"source": "SRC-00254"}},
    {"case": "ASN-2025-0030", "recheck_status": "partly_confirmed",
     "note": f"{AUDIT} the stored Koneksi Media excerpt ends before the vice regent's statement: "
             "its date (23 Dec 2025) and the ordered investigation come from the seed case's "
             "research record, so the case is 'corrected', not 'confirmed'."},
    {"case": "ASN-2025-0006", "set": {"asn_status": "unknown"},
     "note": f"{AUDIT} 'ASN' alone gives asn_status unknown (rule A1)."},
    {"case": "ASN-2019-0002", "set": {"asn_status": "unknown"},
     "note": f"{AUDIT} 'ASN' alone gives asn_status unknown (rule A1). Follow-up: the 18 Nov "
             "2019 sanction is the removal from post that IDN Times reports on 19 Nov "
             "(one step: EVT-00074 gets its type, the follow-up's repeat is dropped)."},
    {"case": "ASN-2023-0007", "set": {"asn_status": "pns"},
     "note": f"{AUDIT} the headline says PNS, so asn_status is pns (rule A1); the acting "
             "governor's order to cut absentees' allowance is salary_withheld (rule A5), his "
             "call to tighten oversight a statement (EVT-00165)."},
    {"item": "EVT-00164", "set": {"action": "salary_withheld", "sanction_type": "not_applicable",
                                  "sanction_level": "not_applicable"}},
    {"item": "EVT-00165", "set": {"action": "statement"}},
    {"case": "ASN-2017-0007", "set": {"surfaced_via": "police_arrest"},
     "note": f"{AUDIT} the public complaints led to a police sting, and the sting is how the "
             "public learnt of the case (rule A3)."},
    {"case": "ASN-2016-0002",
     "note": f"{AUDIT} an order to withhold absentees' pay is salary_withheld (rule A5), as in "
             "ASN-2023-0007."},
    {"item": "EVT-00016", "set": {"action": "salary_withheld"}},
    {"case": "ASN-2018-0006",
     "note": f"{AUDIT} the Satpol PP questioned the pair at its office (clarification, rule A6) "
             "and promised to report the PNS to the inspectorate (a promise, not a step)."},
    {"item": "EVT-00060", "set": {"action": "clarification"}},
    {"case": "ASN-2019-0008",
     "set": {"summary": "An immigration officer at Soekarno-Hatta airport was filmed taking two "
                        "prospective passengers aside to a toilet to demand money."},
     "note": f"{AUDIT} summary: the people asked for money were prospective passengers."},
    {"item": "SRC-00245", "set": {"outlet_scale": "local"}},
    # the four ids with year 0000: each case now has a year, so build_tables gives it an id
    # of that year (scripts/coding/retired_ids.json lists old and new)
    {"case": "ASN-0000-0002",
     "set": {"incident_date": "2018-03-31", "incident_date_precision": "day",
             "surfaced_date": "2018-03-31", "surfaced_date_precision": "day"},
     "note": "Release 2.0: Bali Post and Radar Bali date the sting to Saturday 31 March and "
             "the regent's remarks to Monday 9 April; 2018 is the year these weekdays fit in "
             "the Saber Pungli years (2016-2019)."},
    {"case": "ASN-0000-0003",
     "set": {"incident_date": "2016", "incident_date_precision": "year"},
     "note": "Release 2.0: year from the regent's dated pre-Lebaran ban on official cars "
             "(Radar Semarang, 30 Jun 2016), which the Merdeka page follows."},
    {"item": "SRC-00004",
     "set": {"published_date": "2016-06-30", "published_date_precision": "day"}},
    {"case": "ASN-0000-0004",
     "set": {"incident_date": "2015-07-07", "incident_date_precision": "day",
             "surfaced_date": "2015-07-07", "surfaced_date_precision": "day"},
     "note": "Release 2.0: the page names the regent and vice regent of the 2014-2019 term, "
             "and within it 7 July fell on a Tuesday only in 2015."},

    # -- follow-up notes and the duplicate check --------------------------------------------
    {"item": "EVT-00074",
     "set": {"sanction_type": "pembebasan_jabatan", "sanction_level": "berat"}},
    {"item": ("ASN-2019-0002", "events", 6), "set": {"drop": True}},
    {"case": "ASN-2017-0001",
     "note": "Release 2.0: the police's 5 Sep 2017 decision to stop the criminal probes and "
             "return the staff to their governments closes the case (case_closed)."},
    {"item": "EVT-00031", "set": {"action": "case_closed"}},
    {"case": "ASN-2025-0009",
     "note": "Release 2.0: the listed URL was a Tribun Jatim page on another case (ASN playing "
             "cards in Pariaman); replaced by the Buletinkita and Tribun Jatim reports of the "
             "19 Jun 2025 spot check."},
    {"item": "SRC-00248",
     "set": {"url": "https://buletinkita.com/wakil-bupati-kepulauan-yapen-temukan-tingkat-kehadiran-asn-di-bawah-50-persen.html",
             "outlet": "Buletinkita.com", "outlet_scale": "local",
             "published_date": "unknown", "published_date_precision": "unknown"}},
    {"case": "ASN-2025-0009",
     "add_sources": [{"key": "fx1",
                      "url": "https://jatim.tribunnews.com/2025/06/22/sidak-asn-wabup-kaget-yang-ngantor-hanya-5-dari-44-pegawai-prihatin-tak-displin-bukan-seenaknya?page=all",
                      "outlet": "TribunJatim.com", "outlet_scale": "regional",
                      "source_role": "secondary", "published_date": "2025-06-22",
                      "published_date_precision": "day"}]},
]

# Release-2.0 cases whose steps come before the report their surfaced_date was taken from (a
# report of steps already taken inside an office): when the case first became public is not
# known, so surfaced_date is unknown and the timelines start at the first dated report (steps
# before it are flagged there, not dropped).
_INTERNAL = ("prov-ntb-dua-pns-mangkir-usul-pecat-2016",
             "kab-nunukan-empat-dokter-puskesmas-mangkir-tubel-diberhentikan-2025",
             "prov-maluku-dua-pegawai-bws-narkoba-2023", "kab-lombok-barat-pns-narkoba-ptdh-2024")
FIXES += [{"case": key, "set": {"surfaced_date": "unknown", "surfaced_date_precision": "unknown"},
           "note": "Release 2.0 (rule A2): its steps predate the report first coded as its "
                   "surfacing, so when it became public is not known."} for key in _INTERNAL]

# Follow-up outcomes read differently under the decision rules (A5, A10): the follow-up coder
# counted these steps as a final outcome, but neither ends the case.
FOLLOWUP_OUTCOME = {
    "ASN-2023-0007": ("none_found", "the allowance cut is an order to withhold pay (A5), "
                                    "not a disciplinary decision"),
    "ASN-0000-0002": ("none_found", "the heads' guidance (pembinaan) after the inspectorate's "
                                    "finding is not a sanction of PP 94/2021"),
}
