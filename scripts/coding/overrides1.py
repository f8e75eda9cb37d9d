# Hand corrections, cases 0-44 of cases.jsonl. ev/rx replace the rule-based rows when given.
# ev: (date, actor_role, action, sanction_type, sanction_level);
# rx: (date, speaker, org, stance, sentiment)
NA = "not_applicable"


def E(d, a, act, st=NA, lv=NA):
    return (d, a, act, st, lv)


C = {
    "bangkalan-asn-karaoke-cafe-2025": dict(
        s=(
            "About ten civil servants in Korpri batik were filmed singing karaoke at a cafe on a "
            "working day; the video went viral."
        )
    ),
    "jombang-kecamatan-diwek-kosong-2025": dict(
        s=(
            "A viral video showed the Diwek sub-district office almost empty on a Friday morning; "
            "staff were reportedly away visiting a newborn."
        ),
        rx=[
            ("2025-04-13", "civil_society", "LBHAM", "demand_sanction", "negative"),
            ("unknown", "netizens", NA, "criticise", "negative"),
        ],
    ),
    "bandung-kel-cigondewah-karaoke-2020": dict(
        s=(
            "Ward-office staff were filmed singing karaoke in uniform inside the office during "
            "the Covid-19 period."
        ),
        ev=[
            E("2020-09-28", "personnel_agency", "summons"),
            E("2020-09-28", "subdistrict_head", "clarification"),
        ],
    ),
    "ketapang-kasatpolpp-karaoke-kantor-2025": dict(
        s=(
            "The head of the regency's Satpol PP was accused in a viral video of using his office "
            "as a karaoke room; he denied it."
        ),
        ev=[],
        rx=[("2025-09-08", "other", NA, "demand_sanction", "negative")],
    ),
    "bangkalan-razia-asn-mall-pasar-2026": dict(
        s=(
            "A Satpol PP raid found about thirty staff shopping at a mall and a market during "
            "working hours without assignment letters."
        ),
        ev=[E("2026-02-11", "satpol_pp", "guidance")],
    ),
    "gresik-razia-warkop-17asn-2025": dict(
        s=(
            "A raid found seventeen civil servants, teachers among them, at coffee stalls during "
            "working hours."
        ),
        ev=[E("2025-05-20", "satpol_pp", "recommendation", "teguran_tertulis", "ringan")],
        rx=[("2025-05-20", "legislator", "DPRD Gresik", "call_for_oversight", "negative")],
    ),
    "banda-aceh-razia-warkop-2025-08-26": dict(
        s=(
            "A Satpol PP and Wilayatul Hisbah raid found nine civil servants in coffee shops "
            "during office hours."
        ),
        ev=[E("2025-08-26", "satpol_pp", "guidance")],
    ),
    "banda-aceh-razia-warkop-2025-09-30": dict(
        s=(
            "A raid found eleven civil servants in coffee shops during office hours; some blamed "
            "a power cut."
        ),
        ev=[E("2025-09-30", "satpol_pp", "guidance")],
    ),
    "lamongan-razia-asn-tkk-2023": dict(
        s=(
            "A raid found civil servants and contract staff at coffee stalls and shops during "
            "working hours."
        ),
        ev=[E("2023-06-13", "satpol_pp", "other")],
        rx=[("2023-06-13", "residents", NA, "criticise", "negative")],
    ),
    "bireuen-razia-warkop-27pns-2020": dict(
        s=(
            "A raid found twenty-seven civil servants in coffee shops along the main road during "
            "office hours."
        ),
        ev=[E("2020-08-05", "satpol_pp", "other")],
    ),
    "riau-razia-kedai-kopi-37asn-2025": dict(
        s=(
            "Raids in Pekanbaru found thirty-seven provincial and city civil servants in coffee "
            "shops during working hours."
        ),
        ev=[E("2025-10-27", "satpol_pp", "statement"), E("2025-10-28", "satpol_pp", "guidance")],
    ),
    "kalbar-tim-antikudis-razia-2018": dict(
        s=(
            "A provincial discipline team found civil servants from several agencies at coffee "
            "stalls and a mall in working hours."
        ),
        ev=[E("2018-10-01", "satpol_pp", "other")],
    ),
    "semarang-yustisi-mall-2019": dict(
        s=(
            "A Satpol PP operation found uniformed civil servants shopping in malls during "
            "working hours."
        ),
        ev=[E("2019-07-01", "satpol_pp", "guidance")],
    ),
    "medan-razia-7asn-pasar-mall-2019": dict(
        s=(
            "A raid found seven uniformed civil servants roaming a mall and a market during "
            "working hours."
        ),
        ev=[E("unknown", "satpol_pp", "guidance")],
    ),
    "makassar-mpp-merokok-jam-layanan-2026": dict(
        f={"incident_time": "09.55", "during_working_hours": "yes"},
        s=(
            "During a spot check the mayor found public-service-mall staff smoking outside during "
            "service hours."
        ),
        ev=[E("2026-01-13", "mayor", "sanction_imposed", "teguran_lisan", "ringan")],
    ),
    "bali-5asn-nonton-bioskop-2026": dict(
        s=(
            "A viral video showed five alleged provincial civil servants at a cinema, reportedly "
            "during working time."
        )
    ),
    "banjarmasin-asn-nongkrong-kafe-2025": dict(
        s=(
            "A viral video showed an unidentified city civil servant sitting in a cafe during "
            "working hours."
        ),
        rx=[("unknown", "netizens", NA, "demand_sanction", "negative")],
    ),
    "gunungkidul-puskesmas-karaoke-2025": dict(
        s=(
            "Community health centre staff were filmed rehearsing karaoke for an Independence Day "
            "contest during service hours."
        ),
        ev=[
            E("2025-07-25", "agency_head", "clarification"),
            E("2025-07-30", "regent", "investigation_ordered"),
        ],
    ),
    "pandeglang-2kepsek-karaoke-smarttv-2025": dict(
        s=(
            "Two school heads were filmed singing karaoke on a government-issued smart screen "
            "during class hours."
        ),
        ev=[
            E("2025-09-29", "agency_head", "summons"),
            E("2025-09-29", "agency_head", "sanction_imposed", "teguran_tertulis", "ringan"),
        ],
        rx=[
            ("unknown", "legislator", "DPR RI", "criticise", "negative"),
            ("unknown", "netizens", NA, "criticise", "negative"),
        ],
    ),
    "tegal-12camat-karaoke-tanpa-masker-2021": dict(
        s=(
            "Sub-district heads were photographed singing karaoke without masks during Covid-19 "
            "restrictions."
        ),
        ev=[E("unknown", "regent", "other"), E("2021-08-20", "regent", "transfer")],
    ),
    "ngawi-asn-karaoke-ilegal-ramadan-2022": dict(
        s=(
            "A civil servant ran an unlicensed karaoke venue that stayed open during Ramadan; "
            "residents reported it."
        ),
        ev=[E("2022-04-06", "inspectorate", "statement"), E("2022-04-20", "satpol_pp", "other")],
    ),
    "madina-2asn-live-tiktok-2025": dict(
        s="Two civil servants streamed live on TikTok in service clothes from a government room.",
        ev=[],
        rx=[("unknown", "other", "unknown", "demand_sanction", "negative")],
    ),
    "madina-dinas-ketahanan-pangan-tiktok-2025": dict(
        s=(
            "An honorary employee of the food-security office streamed live on TikTok in uniform "
            "inside the office."
        ),
        ev=[E("unknown", "agency_head", "summons")],
    ),
    "palembang-3guru-live-tiktok-karaoke-2023": dict(
        s=(
            "Three primary-school teachers streamed karaoke live on TikTok in uniform from the "
            "teachers' room."
        ),
        ev=[
            E("unknown", "regional_secretary", "investigation_ordered"),
            E("2023-06-09", "inspectorate", "examination"),
        ],
    ),
    "basel-rsud-joget-tiktok-2025": dict(
        s="Hospital staff posted TikTok dance videos in uniform from a hospital workroom.",
        ev=[],
        rx=[("2025-09-22", "civil_society", "unknown", "criticise", "negative")],
    ),
    "kuningan-kabid-dinkes-joget-sawer-2025": dict(
        s="A health-office section head was filmed dancing and handing out banknotes at an event.",
        ev=[
            E("unknown", "personnel_agency", "summons"),
            E(
                "unknown",
                "personnel_agency",
                "sanction_imposed",
                "discipline_unspecified",
                "ringan",
            ),
        ],
    ),
    "muba-pejabat-baru-sawer-seragam-2025": dict(
        s=(
            "A newly appointed sub-district official was filmed in service clothes dancing and "
            "throwing banknotes right after being sworn in."
        ),
        ev=[E("2026-01-02", "personnel_agency", "investigation_ordered")],
    ),
    "payakumbuh-camat-video-citayam-2022": dict(
        s=(
            "A sub-district head posted a street-fashion style video in service uniform; she was "
            "later moved to another post."
        ),
        ev=[E("2022-08-08", "regional_secretary", "transfer")],
        rx=[("unknown", "civil_society", "MUI Payakumbuh", "criticise", "negative")],
    ),
    "maros-pns-duel-tidur-siang-2019": dict(
        s=(
            "Two culture-office civil servants fought after one was stopped from napping in a "
            "storeroom."
        ),
        ev=[],
    ),
    "kaur-dinsos-kantor-kosong-2025": dict(
        s=(
            "The vice regent's spot check found the social-affairs office completely empty during "
            "working hours."
        )
    ),
    "lampteng-kecamatan-pubian-kosong-2023": dict(
        s="The vice regent found a sub-district office completely empty in the late morning."
    ),
    "lampura-sidak-kantor-sepi-0707": dict(
        s=(
            "A spot check by the regent and vice regent found several offices largely deserted "
            "after lunch."
        ),
        ev=[E("unknown", "regent", "statement")],
    ),
    "dki-wagub-sidak-biro-umum-0515": dict(
        s=(
            "The vice governor's spot check found empty desks in two provincial bureaus on a "
            "bridge day between holidays."
        )
    ),
    "medan-sidak-kelurahan-kosong-2022": dict(
        s=(
            "On the first working day after Idul Fitri the mayor found two ward offices empty "
            "while residents waited."
        ),
        ev=[E("2022-05-09", "mayor", "sanction_imposed", "teguran_lisan", "ringan")],
    ),
    "sulbar-pjgub-sidak-bolos-2023": dict(
        s=(
            "The acting governor found dozens of provincial staff absent or late on the first "
            "working day of Ramadan."
        ),
        ev=[E("2023-03-24", "governor", "sanction_imposed", "potong_tunjangan_other", "sedang")],
    ),
    "yapen-sidak-dinas-pariwisata-2025": dict(
        s="The vice regent found only five of forty-four tourism-office staff at work."
    ),
    "gorontalo-walkot-sidak-kelurahan-2025": dict(
        s=(
            "The mayor's spot check found civil servants missing from seven ward offices during "
            "working hours."
        )
    ),
    "gorontalo-prov-apel-terlambat-2018": dict(
        s=(
            "Hundreds of provincial civil servants were late for the first morning assembly of "
            "the year."
        ),
        ev=[E("2018-01-03", "governor", "salary_withheld")],
    ),
    "maluku-pns-bolos-pasca-lebaran-2016": dict(
        s=(
            "About a quarter of provincial civil servants were absent on the first working day "
            "after Idul Fitri."
        )
    ),
    "maluku-uptd-pupr-3pejabat-bolos-2025": dict(
        s=(
            "Three section heads of a public-works laboratory were found habitually absent, with "
            "suspected proxy attendance."
        ),
        ev=[
            E("2025-09-10", "personnel_agency", "examination"),
            E("2025-09-11", "inspectorate", "other"),
        ],
    ),
    "papua-apel-gabungan-bolos-2018": dict(
        s="Most provincial staff missed the joint assembly after Idul Fitri.",
        ev=[
            E("2018-06-25", "governor", "sanction_imposed", "potong_tunjangan_other", "sedang"),
            E("2018-07-23", "personnel_agency", "other"),
        ],
    ),
    "papua-83asn-kerja-di-luar-daerah-2025": dict(
        s=(
            "Eighty-three civil servants on the provincial payroll were found working in other "
            "regions without transfer papers."
        ),
        ev=[E("2025-09-11", "regional_secretary", "statement")],
    ),
    "bangli-asn-pura-pura-sakit-upacara-2017": dict(
        s=(
            "A group of civil servants feigned illness together during the Independence Day "
            "ceremony; a video spread online."
        ),
        rx=[("unknown", "netizens", NA, "mock", "negative")],
    ),
    "bojonegoro-asn-kabur-upacara-sumpah-pemuda-2025": dict(
        s="Hundreds of civil servants left the Youth Pledge Day ceremony before it ended.",
        ev=[
            E("2025-10-28", "regent", "recommendation", "teguran_tertulis", "ringan"),
            E("2025-10-29", "personnel_agency", "investigation_ordered"),
        ],
    ),
    "pandeglang-2guru-pns-dipecat-bolos-2021": dict(
        s=(
            "Two teachers absent from their school for over two months despite warnings were "
            "dismissed dishonourably."
        ),
        ev=[
            E("unknown", "agency_head", "sanction_imposed", "teguran_tertulis", "ringan"),
            E("2021-10-19", "regent", "sanction_imposed", "ptdh", "berat"),
        ],
        rx=[("unknown", "legislator", "DPRD Pandeglang", "demand_sanction", "negative")],
    ),
}
