from overrides1 import NA, E

C = {
    "buleleng-setwan-2pppk-selingkuh-2025": dict(
        s=(
            "Two PPPK employees of the council secretariat were exposed in an extramarital affair "
            "by videos of a raid; their contracts were ended."
        ),
        ev=[
            E("unknown", "bkn", "other"),
            E("2025-07-21", "regent", "sanction_imposed", "pdhtaps", "berat"),
        ],
    ),
    "bogor-disdik-2pengawas-kumpul-kebo-2025": dict(
        s=(
            "Two school supervisors living together outside marriage were filmed by a child "
            "during a raid."
        ),
        ev=[
            E("unknown", "personnel_agency", "examination"),
            E("2025-12-10", "bkn", "recommendation", "pdhtaps", "berat"),
            E("2025-12-15", "regent", "sanction_imposed", "pdhtaps", "berat"),
        ],
        rx=[
            ("2025-12-21", "legislator", "DPR RI", "call_for_oversight", "negative"),
            ("unknown", "netizens", NA, "defend_sympathise", "negative"),
        ],
    ),
    "oki-kasubbag-protokol-selingkuh-2022": dict(
        s=(
            "A protocol sub-section head was reported by his wife for an affair with a staff "
            "member and alleged fraud."
        ),
        ev=[E("unknown", "regent", "suspension"), E("2022-05-11", "bkn", "statement")],
        rx=[("unknown", "netizens", NA, "mock", "negative")],
    ),
    "lamsel-kadispenda-selingkuh-2024": dict(
        s=(
            "A revenue-office head's alleged affair became public when the woman's husband posted "
            "photos on Facebook."
        ),
        rx=[
            (
                "2024-04-08",
                "civil_society",
                "Laskar Lampung Indonesia",
                "demand_sanction",
                "negative",
            )
        ],
    ),
    "muba-sekda-video-asusila-2023": dict(
        s=(
            "An alleged indecent video of the regional secretary spread on social media and "
            "student groups protested."
        ),
        rx=[
            (
                "2024-05-22",
                "civil_society",
                "Aktivis Mahasiswa Sumsel Bersatu",
                "demand_sanction",
                "negative",
            ),
            (
                "2024-06-10",
                "civil_society",
                "Aliansi Mahasiswa Sumsel",
                "demand_sanction",
                "negative",
            ),
        ],
    ),
    "muba-kadis-video-call-mesum-2025": dict(
        s="A leaked indecent video call involving an agency head spread online.",
        rx=[
            (
                "2025-10-22",
                "civil_society",
                "Koordinator Aktivis Sumsel Jakarta",
                "demand_sanction",
                "negative",
            )
        ],
    ),
    "kabgorontalo-kasatpolpp-dugaan-mesum-2025": dict(
        s=(
            "The regency's Satpol PP head was accused in a viral video of an indecent act in a "
            "car in a government car park; he denied it."
        ),
        ev=[],
    ),
    "serang-lurah-dugaan-lecehkan-asn-2024": dict(
        s="A ward head was accused of sexually harassing a female civil servant.",
        ev=[
            E("unknown", "personnel_agency", "examination"),
            E("2024-04-02", "personnel_agency", "statement"),
        ],
    ),
    "tanjungpinang-eselon4-lecehkan-mahasiswi-magang-2023": dict(
        s="A library-office section head was accused of sexually harassing an intern student.",
        ev=[E("2023-12-07", "mayor", "statement"), E("2023-12-07", "personnel_agency", "summons")],
        rx=[("unknown", "civil_society", "LPKP", "demand_sanction", "negative")],
    ),
    "kemenhub-kepala-upbu-ajak-youtuber-ke-hotel-2024": dict(
        s=(
            "The head of a regional airport office was filmed inviting a foreign YouTuber to his "
            "hotel."
        ),
        ev=[
            E("2024-05-10", "minister", "suspension"),
            E("unknown", "minister", "investigation_ordered"),
        ],
        rx=[
            ("2024-05-13", "official", "Kemenparekraf", "demand_sanction", "negative"),
            ("unknown", "netizens", NA, "mock", "negative"),
        ],
    ),
    "sumbatimur-pns-tendang-tampar-warga-2021": dict(
        s="A sub-district order officer kicked and slapped two unmasked men lying by the road.",
        ev=[
            E("2021-07-31", "satpol_pp", "sanction_imposed", "teguran_tertulis", "ringan"),
            E("unknown", "regent", "statement"),
        ],
    ),
    "pandeglang-pns-satpolpp-tampar-anggota-ppk-2024": dict(
        s=(
            "A Satpol PP civil servant slapped an election-committee member after his son failed "
            "selection."
        ),
        ev=[E("2024-05-31", "police_prosecution", "statement")],
    ),
    "solok-kadis-bentak-staf-cctv-2023": dict(
        s="CCTV showed an agency head shouting at a female staff member over an unsigned letter.",
        ev=[E("unknown", "regional_secretary", "statement"), E("unknown", "regent", "statement")],
    ),
    "sulut-6pns-cekcok-pengendara-motor-2022": dict(
        s=(
            "Six provincial civil servants in an official car forced a motorcyclist off the road "
            "and threatened the person filming."
        ),
        ev=[
            E("2022-12-16", "inspectorate", "examination"),
            E("2022-12-16", "inspectorate", "guidance"),
        ],
        rx=[("unknown", "netizens", NA, "criticise", "negative")],
    ),
    "kayongutara-kepsek-status-bom-rekayasa-2018": dict(
        s=(
            "A school head posted on Facebook that the Surabaya bombings were staged and was "
            "prosecuted."
        ),
        ev=[
            E("2018-05-13", "police_prosecution", "arrest"),
            E("2018-05-16", "police_prosecution", "named_suspect"),
            E("2018-05-17", "agency_head", "suspension"),
        ],
    ),
    "serang-guru-status-nyinyir-penusukan-wiranto-2019": dict(
        s="A teacher posted a mocking Facebook status about the stabbing of a minister.",
        ev=[
            E("2019-10-14", "agency_head", "summons"),
            E("2019-10-14", "agency_head", "sanction_imposed", "teguran_tertulis", "ringan"),
        ],
    ),
    "sulsel-asn-minum-bir-seragam-2020": dict(
        s="Provincial civil servants were photographed drinking beer in uniform at a cafe.",
        ev=[
            E("2020-11-03", "personnel_agency", "summons"),
            E("2020-11-10", "personnel_agency", "examination"),
        ],
    ),
    "humbahas-dinkes-joget-miras-ultah-kadis-2021": dict(
        s=(
            "Health-office staff in uniform were filmed dancing with a liquor bottle at their "
            "head's birthday party."
        ),
        ev=[
            E("2022-01-13", "regent", "clarification"),
            E(
                "2022-01-15",
                "regional_secretary",
                "sanction_imposed",
                "discipline_unspecified",
                "ringan",
            ),
        ],
        rx=[("unknown", "netizens", NA, "criticise", "negative")],
    ),
    "kutim-pupr-pesta-miras-saweran-kantor-2025": dict(
        s=(
            "Public-works staff and guests held an office party with table dancing, cash throwing "
            "and liquor."
        ),
        ev=[
            E("2025-02-17", "regent", "investigation_ordered"),
            E("2025-02-17", "personnel_agency", "examination"),
            E(
                "2025-03-06",
                "personnel_agency",
                "sanction_imposed",
                "potong_tunjangan_other",
                "sedang",
            ),
            E("2025-03-06", "personnel_agency", "transfer"),
        ],
        rx=[
            ("2025-02-16", "civil_society", "LPPNRI Kutai Timur", "demand_sanction", "negative"),
            ("unknown", "civil_society", "PMII Kutai Timur", "demand_sanction", "negative"),
            ("unknown", "netizens", NA, "criticise", "negative"),
        ],
    ),
    "pariaman-dp3akb-main-uno-jam-kerja-2025": dict(
        s=(
            "Staff of a women's empowerment office were filmed playing cards in uniform during "
            "working hours."
        ),
        ev=[
            E("unknown", "agency_head", "examination"),
            E("unknown", "agency_head", "sanction_imposed", "teguran_tertulis", "ringan"),
        ],
    ),
    "kendal-3pns-mobil-dinas-mudik": dict(
        s="Three civil servants used official cars for the Lebaran homecoming trip."
    ),
    "malang-camat-pujon-nonaktif-kerumunan-ppkm-2021": dict(
        s=(
            "A sub-district head was suspended after a crowded event went viral during Covid-19 "
            "restrictions."
        ),
        ev=[E("2021-08-16", "regent", "suspension")],
    ),
    "dki-satpolpp-165pns-judol-ppatk-2024": dict(
        s=(
            "Financial-intelligence data flagged 165 Satpol PP civil servants for online-gambling "
            "deposits."
        ),
        ev=[
            E("2024-09-10", "inspectorate", "clarification"),
            E("2024-09-27", "governor", "guidance"),
        ],
    ),
    "sumut-setwan-dprd-asn-judi-domino-2022": dict(
        s=(
            "Council-secretariat staff were filmed gambling at dominoes in the office, four in "
            "uniform."
        ),
        ev=[
            E("2022-12-06", "other_official", "statement"),
            E("2022-12-06", "governor", "investigation_ordered"),
        ],
    ),
    "jakbar-walkot-sidak-pns-keluyuran-2015": dict(
        s=(
            "The mayor's spot check found staff in the canteen and at shops before the end of "
            "working hours."
        ),
        ev=[E("2015-01-28", "mayor", "sanction_imposed", "teguran_lisan", "ringan")],
    ),
    "tanjungpinang-2pegawai-ngopi-hari-pertama-2017": dict(
        s=(
            "Two city employees in uniform were seen at a coffee shop during office hours on the "
            "first day back after Lebaran."
        ),
        rx=[("unknown", "residents", NA, "criticise", "negative")],
    ),
    "padangsidimpuan-pj-walikota-digerebek-judi-2018": dict(
        s=(
            "An acting mayor was recorded in an alleged police raid on card gambling in a hotel "
            "room; police later denied a raid."
        ),
        ev=[
            E("unknown", "governor", "statement"),
            E("2018-08-06", "regional_secretary", "statement"),
        ],
        rx=[("unknown", "legislator", "DPRD Sumatera Utara", "call_for_oversight", "negative")],
    ),
    "makassar-kesbangpol-asn-bolos-6bulan-2022": dict(
        s=(
            "A civil servant who had not come to the office for about six months was found in the "
            "mayor's spot check."
        ),
        ev=[E("2022-05-09", "mayor", "statement"), E("2022-05-24", "inspectorate", "examination")],
    ),
    "sultra-19asn-dipecat-korupsi-disiplin-poligami-2018": dict(
        s=(
            "The province dismissed nineteen civil servants at once, most for corruption "
            "convictions and some for chronic absence."
        ),
        ev=[E("2018-12-15", "personnel_agency", "sanction_imposed", "ptdh", "berat")],
    ),
    "sulsel-bapenda-3asn-pose-paslon-pilgub-2024": dict(
        s=(
            "Three provincial revenue-office staff posed in the office with a governor candidate "
            "pair's sign and sticker."
        ),
        ev=[
            E("2024-09-30", "personnel_agency", "summons"),
            E("2024-09-30", "bawaslu", "investigation_ordered"),
            E("2024-10-07", "bawaslu", "recommendation", "unknown", "unknown"),
        ],
        rx=[("2024-09-30", "other", "unknown", "call_for_oversight", "negative")],
    ),
    "batam-asn-warkop-pagi-2017": dict(
        s=(
            "Civil servants in several agencies' uniforms were photographed chatting at a coffee "
            "shop at nine in the morning."
        ),
        ev=[E("2017-11-13", "other_official", "statement")],
        rx=[("2017-11-13", "residents", NA, "criticise", "negative")],
    ),
    "maros-70asn-mangkir-hari-pertama-2026": dict(
        s="Seventy staff were absent without notice on the first working day of 2026.",
        ev=[E("unknown", "personnel_agency", "summons"), E("unknown", "regent", "statement")],
    ),
    "kabserang-pejabat-eselon3-lecehkan-siswi-pkl-2023": dict(
        s="A sub-district official was accused of sexually harassing a vocational-school intern.",
        rx=[("2023-06-21", "legislator", "DPRD Kabupaten Serang", "demand_sanction", "negative")],
    ),
    "ntt-143asn-rompi-oranye-2019": dict(
        s=(
            "The governor made 143 chronically late or absent civil servants wear orange 'I am "
            "not disciplined' vests at an assembly."
        ),
        ev=[E("2019-01-07", "governor", "sanction_imposed", "ethics_sanction", "unknown")],
        rx=[("unknown", "netizens", NA, "mock", "negative")],
    ),
    "kendari-14asn-sidang-disiplin-bolos-2023": dict(
        s="Fourteen city civil servants faced a disciplinary hearing over repeated absence.",
        ev=[
            E("2023-09-18", "inspectorate", "examination"),
            E("2023-09-21", "regional_secretary", "statement"),
        ],
    ),
    "munabarat-asn-kominfo-posting-fb-tidak-netral-2024": dict(
        s=(
            "A communications-office civil servant made partisan Facebook posts during the 2024 "
            "election."
        ),
        ev=[
            E("unknown", "kasn", "recommendation", "discipline_unspecified", "berat"),
            E("2024-03-25", "regional_secretary", "examination"),
        ],
    ),
    "semarang-dishub-petugas-main-game-2025": dict(
        s=(
            "A transport-office officer was photographed playing a mobile game while on duty at a "
            "checkpoint."
        ),
        ev=[
            E("2025-10-08", "agency_head", "sanction_imposed", "teguran_tertulis", "ringan"),
            E("2025-10-08", "agency_head", "transfer"),
        ],
    ),
    "jakbar-walikota-tertidur-rapat-apbd-2015": dict(
        s=(
            "A mayor, an appointed civil servant, repeatedly dozed off during a budget meeting "
            "with the council."
        ),
        ev=[E("2015-03-17", "governor", "statement")],
    ),
    "sumenep-pns-razia-kamar-kos-jam-kerja-2018": dict(
        s=(
            "A Satpol PP raid found a civil servant alone with a non-spouse in a boarding-house "
            "room during working hours."
        ),
        ev=[E("2018-09-19", "satpol_pp", "other")],
    ),
    "sampang-kasi-damkar-live-tiktok-2025": dict(
        s="A fire-service section head streamed live on TikTok in uniform during working hours.",
        ev=[E("unknown", "personnel_agency", "summons")],
    ),
}
