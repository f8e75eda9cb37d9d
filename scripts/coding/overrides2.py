from overrides1 import NA, E

C = {
    "lotim-guru-pppk-mangkir-100hari-2025": dict(
        s=(
            "A PPPK teacher absent for about a hundred working days had her contract ended by the "
            "regent."
        ),
        ev=[
            E("unknown", "agency_head", "clarification"),
            E("2025-04-21", "regent", "sanction_imposed", "dismissal_unspecified", "berat"),
        ],
    ),
    "nunukan-7guru-pns-mangkir-2021": dict(
        s="Seven teachers, mostly in interior schools, had been absent for months without word.",
        ev=[
            E("unknown", "agency_head", "sanction_imposed", "discipline_unspecified", "unknown"),
            E("2021-09-15", "personnel_agency", "examination"),
        ],
    ),
    "niasutara-guru-tak-lapor-mutasi-2018": dict(
        s="A former school head never reported to his new school after a transfer.",
        ev=[
            E("unknown", "agency_head", "summons"),
            E("2018-10-12", "inspectorate", "recommendation", "discipline_unspecified", "unknown"),
            E("2018-11", "agency_head", "salary_withheld"),
        ],
    ),
    "ntt-guru-smkn1-borong-mangkir-2025": dict(
        s=(
            "A vocational-school teacher stayed away from school for a long period despite "
            "warnings."
        ),
        ev=[
            E("unknown", "agency_head", "sanction_imposed", "discipline_unspecified", "ringan"),
            E("2025-05-16", "agency_head", "statement"),
        ],
    ),
    "diy-8asn-bolos-pasca-lebaran-2019": dict(
        s=(
            "Eight provincial civil servants were absent without notice on the first working day "
            "after Idul Fitri."
        ),
        ev=[E("2019-06-10", "personnel_agency", "investigation_ordered")],
    ),
    "pangkalpinang-4pns-pesta-sabu-2020": dict(
        s=(
            "Four civil servants, one a sub-district secretary, were arrested at a "
            "methamphetamine party still in uniform."
        ),
        ev=[E("2020-03-20", "personnel_agency", "salary_withheld")],
    ),
    "acehutara-asn-dkp-sabu-1kg-2025": dict(
        s=(
            "A fisheries-office civil servant was arrested carrying about one kilogram of "
            "methamphetamine."
        ),
        ev=[
            E("2025-01-05", "police_prosecution", "arrest"),
            E("2025-01-10", "personnel_agency", "suspension"),
        ],
    ),
    "salatiga-pns-sabu-2020": dict(
        s=(
            "A city civil servant was caught with a small amount of methamphetamine during a "
            "police patrol."
        ),
        ev=[E("unknown", "personnel_agency", "statement")],
    ),
    "kbb-pns-sabu-hotel-2016": dict(
        s="A regency civil servant was arrested at a hotel over a methamphetamine purchase.",
        ev=[E("unknown", "regent", "statement")],
    ),
    "musirawas-pns-honorer-bnn-2016": dict(
        s=(
            "A civil servant and an honorary employee were caught by the narcotics agency with "
            "methamphetamine; an official car was involved."
        ),
        ev=[E("2016-07-26", "police_prosecution", "arrest")],
    ),
    "acehbesar-pesta-narkoba-miras-2021": dict(
        s=(
            "The narcotics agency raided a drug and liquor party whose eleven participants "
            "included civil servants and contract staff."
        ),
        ev=[
            E("2021-12-27", "police_prosecution", "arrest"),
            E("2021-12-28", "other_official", "statement"),
        ],
    ),
    "nganjuk-2pns-sabu-2017": dict(
        s=(
            "Two civil servants, one from the regional secretariat and one from Satpol PP, were "
            "caught using methamphetamine."
        ),
        ev=[
            E("2017-07-20", "personnel_agency", "suspension"),
            E("unknown", "inspectorate", "statement"),
        ],
    ),
    "sumbawa-4pns-narkoba-2019": dict(
        s="Four civil servants faced drug cases; two were convicted and dismissed.",
        ev=[
            E("2019-04-10", "personnel_agency", "sanction_imposed", "ptdh", "berat"),
            E("2019-04-10", "personnel_agency", "suspension"),
        ],
    ),
    "gorontalo-pns-pesta-sabu-jakarta-2015": dict(
        s=(
            "Several civil servants from Gorontalo were caught at a methamphetamine party in a "
            "Jakarta hotel."
        ),
        ev=[E("unknown", "minister", "statement")],
    ),
    "kabtangerang-tigaraksa-judol-2024": dict(
        s=(
            "A phone check at a sub-district office found online gambling on the phones of one "
            "civil servant and two honorary staff."
        ),
        ev=[
            E("2024-06-26", "subdistrict_head", "clarification"),
            E("unknown", "subdistrict_head", "guidance"),
        ],
    ),
    "komdigi-pegawai-lindungi-situs-judol-2024": dict(
        s=(
            "Ministry staff were arrested for using blocking powers to shield about a thousand "
            "online-gambling sites for payment."
        ),
        ev=[
            E("2024-11-01", "police_prosecution", "arrest"),
            E("2024-11-05", "minister", "suspension"),
            E("2024-11-14", "minister", "sanction_imposed", "dismissal_unspecified", "berat"),
        ],
    ),
    "jember-3camat-tidak-netral-2020": dict(
        s=(
            "Three sub-district heads appeared in a video praising the incumbent regent and "
            "urging a second term."
        ),
        ev=[
            E("2020-09-25", "kasn", "recommendation", "discipline_unspecified", "sedang"),
            E("2020-11-23", "inspectorate", "statement"),
            E("2020-11-26", "regent", "sanction_imposed", "penundaan_kgb", "sedang"),
        ],
        rx=[
            (
                "2020-02-28",
                "civil_society",
                "Jaringan Pemilih Rasional",
                "call_for_oversight",
                "negative",
            ),
            ("2020-11-23", "legislator", "DPRD Jember", "call_for_oversight", "negative"),
        ],
    ),
    "banten-bawaslu-3asn-dukung-caleg-2019": dict(
        s=(
            "Three provincial officials used WhatsApp groups to back the governor's child as a "
            "DPD candidate."
        ),
        ev=[
            E("2019-04-09", "bawaslu", "recommendation", "discipline_unspecified", "unknown"),
            E("unknown", "kasn", "recommendation", "discipline_unspecified", "sedang"),
            E("unknown", "kasn", "statement"),
        ],
    ),
    "bandarlampung-crane-pasang-aps-partai-2023": dict(
        s=(
            "A city street-lighting crane truck was filmed being used to put up a party's flags "
            "and banners."
        ),
        ev=[
            E("2023-05-10", "agency_head", "clarification"),
            E("2023-05-29", "bawaslu", "recommendation", "discipline_unspecified", "unknown"),
        ],
        rx=[("2023-05-10", "legislator", "DPRD Bandar Lampung", "criticise", "negative")],
    ),
    "pandeglang-2camat-kadis-kampanye-caleg-2024": dict(
        s="Two sub-district heads and an agency head campaigned for a parliamentary candidate.",
        ev=[
            E("unknown", "bawaslu", "recommendation", "discipline_unspecified", "unknown"),
            E("unknown", "kasn", "recommendation", "discipline_unspecified", "sedang"),
            E(
                "2024-01-26",
                "personnel_agency",
                "sanction_imposed",
                "discipline_unspecified",
                "sedang",
            ),
        ],
    ),
    "pati-asn-video-acung-jari-paslon-2024": dict(
        s=(
            "Uniformed civil servants, including a sub-district head, were filmed raising one "
            "finger for candidate pair number one."
        ),
        ev=[
            E("2024-10-04", "bawaslu", "investigation_ordered"),
            E("2024-10-05", "bawaslu", "examination"),
            E("2024-10-12", "bawaslu", "recommendation", "unknown", "unknown"),
        ],
        rx=[("unknown", "netizens", NA, "call_for_oversight", "negative")],
    ),
    "rohil-pj-penghulu-video-ajak-pilih-petahana-2024": dict(
        s=(
            "An acting village head who is a civil servant sang in a video urging votes for the "
            "incumbent pair."
        ),
        ev=[E("2024-09-25", "bawaslu", "investigation_ordered")],
        rx=[("unknown", "netizens", NA, "mock", "negative")],
    ),
    "labusel-pj-kades-joget-kode-paslon-2024": dict(
        s=(
            "An acting village head danced at a religious event making a one-finger sign read as "
            "support for a candidate pair."
        ),
        ev=[E("2024-10-05", "bawaslu", "clarification")],
        rx=[],
    ),
    "makassar-15camat-video-dukung-capres-2019": dict(
        s=(
            "Fifteen sub-district heads declared support for a presidential pair in a video, some "
            "in uniform."
        ),
        ev=[E("unknown", "kasn", "statement")],
    ),
    "minut-camat-kalawat-pidato-politik-2023": dict(
        s=(
            "A sub-district head's speech at a funeral service was read as urging support for a "
            "party politician."
        ),
        rx=[("unknown", "legislator", "DPRD Minahasa Utara", "demand_sanction", "negative")],
    ),
    "sukoharjo-plt-camat-halalbihalal-partai-2021": dict(
        s=(
            "An acting sub-district head and ward heads attended a party's gathering held at the "
            "sub-district office during Covid-19 restrictions."
        ),
        ev=[
            E("unknown", "regent", "sanction_imposed", "pembebasan_jabatan", "berat"),
            E("2021-05-24", "inspectorate", "examination"),
        ],
    ),
    "banjarmasin-sekcam-disebut-relawan-paslon-2020": dict(
        s=(
            "A governor candidate named a sub-district secretary as his volunteer in a viral "
            "clip; the city found the claim untrue."
        ),
        ev=[E("unknown", "regional_secretary", "investigation_ordered")],
    ),
    "bandarlampung-lurah-pungli-sporadik-2023": dict(
        s="A ward head was accused of charging fees for land-ownership statements.",
        ev=[E("2023-04-08", "inspectorate", "summons")],
    ),
    "jembrana-pungli-pos-ktp-gilimanuk": dict(
        s="Staff at a port identity-check post were caught collecting illegal fees.",
        ev=[
            E("unknown", "other_official", "arrest"),
            E("unknown", "inspectorate", "statement"),
            E("unknown", "agency_head", "guidance"),
        ],
    ),
    "probolinggo-2pns-ott-pungli-2016": dict(
        s=(
            "Two civil servants were caught taking small payments at a truck checkpoint and for "
            "birth certificates."
        ),
        ev=[
            E("unknown", "police_prosecution", "arrest"),
            E("unknown", "police_prosecution", "named_suspect"),
        ],
    ),
    "lahat-disdukcapil-ott-pungli-2017": dict(
        s="Police caught civil-registry staff charging fees for population documents.",
        ev=[E("2017-07-25", "police_prosecution", "arrest")],
    ),
    "banten-ott-pungli-dihentikan-diserahkan-pemda-2017": dict(
        s=(
            "Provincial police dropped criminal cases from several illegal-levy stings and "
            "returned the civil servants to their local governments for discipline."
        ),
        ev=[E("2017-09-05", "police_prosecution", "other")],
    ),
    "kotim-kelurahan-sawahan-ott-skt-2016": dict(
        s=(
            "A ward-office civil servant was caught accepting money for a land certificate after "
            "a resident's report."
        ),
        ev=[E("unknown", "satpol_pp", "arrest"), E("unknown", "satpol_pp", "examination")],
    ),
    "depok-2asn-kelurahan-ott-pungli-2017": dict(
        s=(
            "Two ward-office civil servants were caught charging fees for identity cards and "
            "cover letters."
        ),
        ev=[E("2017-02-23", "police_prosecution", "arrest")],
    ),
    "sigi-bkd-ott-uang-sk-cpns-2016": dict(
        s=(
            "A personnel-agency official was caught receiving money from a candidate civil "
            "servant to process an appointment decree."
        ),
        ev=[E("2016-12-29", "police_prosecution", "arrest"), E("unknown", "regent", "statement")],
    ),
    "jakpus-pns-pungli-imb-ampera-2017": dict(
        s=(
            "A civil servant near retirement was caught trying to extort a developer over a "
            "building permit."
        ),
        ev=[
            E("2017-06-08", "police_prosecution", "arrest"),
            E("2017-06-09", "governor", "statement"),
        ],
    ),
    "imigrasi-soetta-palak-abk-2019": dict(
        s="An airport immigration officer was filmed demanding money from a ship crew member.",
        ev=[E("2019-08-08", "minister", "examination")],
    ),
    "imigrasi-soetta-pungli-wn-china-2025": dict(
        s=(
            "Airport immigration officers extorted Chinese travellers; dozens of officers were "
            "withdrawn."
        ),
        ev=[E("2025-02-01", "minister", "suspension"), E("2025-02-01", "minister", "examination")],
        rx=[("unknown", "academic", "Universitas Trisakti", "call_for_oversight", "negative")],
    ),
    "kemenkeu-djp-pejabat-harta-tak-wajar-2023": dict(
        s=(
            "A tax-office official's unexplained wealth came to light through his family's "
            "displays of luxury."
        ),
        ev=[
            E("unknown", "minister", "suspension"),
            E("2023-03-01", "minister", "examination"),
            E("unknown", "minister", "sanction_imposed", "dismissal_unspecified", "berat"),
        ],
        rx=[
            ("2023-02-27", "civil_society", "MAKI", "demand_sanction", "negative"),
            ("unknown", "academic", "Pukat UGM", "call_for_oversight", "negative"),
            ("unknown", "netizens", NA, "criticise", "negative"),
        ],
    ),
    "sorong-kadisdik-bendahara-insentif-fiktif-2021": dict(
        s="An education-office head and treasurer paid incentives to fictitious teachers.",
        ev=[
            E("2021-08-16", "police_prosecution", "arrest"),
            E("2021-08-16", "police_prosecution", "named_suspect"),
        ],
    ),
    "banyuasin-dana-korpri-tersangka-2024": dict(
        s="Two civil servants were charged over misuse of the regency's Korpri fund.",
        ev=[
            E("unknown", "police_prosecution", "named_suspect"),
            E("2024-07-19", "personnel_agency", "suspension"),
        ],
    ),
    "barut-bendahara-gelapkan-tunjangan-guru-2018": dict(
        s="A payroll treasurer embezzled allowances owed to eighty-five primary-school teachers.",
        ev=[E("2018-12-11", "police_prosecution", "arrest")],
    ),
    "meranti-9asn-ptdh-korupsi-2019": dict(
        s="Nine civil servants with corruption convictions were dismissed dishonourably.",
        ev=[E("2019-04-29", "regent", "sanction_imposed", "ptdh", "berat")],
    ),
    "kendal-damkar-potong-insentif-covid-2022": dict(
        s=(
            "An official of the fire and Satpol PP service diverted incentives of a Covid-19 "
            "burial team."
        ),
        ev=[
            E("2022-01-21", "inspectorate", "examination"),
            E("2022-02-04", "inspectorate", "statement"),
        ],
    ),
    "seruyan-bappeda-sppd-fiktif-ott-2017": dict(
        s=(
            "Planning-agency staff were caught claiming travel allowances for a trip only one of "
            "two made."
        ),
        ev=[E("unknown", "other_official", "arrest")],
    ),
}
