"""The parties of the EU, UK and OFAC Consolidated files of the sample, as data.

Three kinds of record, each marked:

* **UN-derived DPRK listings** (public record): every DPRK individual and entity of the sample's
  UN file (``world.UN_DPRK_INDIVIDUALS`` / ``UN_DPRK_ENTITIES``) is also on the sample's EU and UK
  lists, as both transpose every UN 1718 Committee listing. Names, UN references, listing dates,
  dates of birth and aliases come from the UN record; the EU and UK *spellings* (given name first,
  title case, hyphens) are the generator's renderings of each publisher's convention. EU logical
  ids and reference numbers, UK Unique IDs and OFSI Group IDs are **invented**.
* **DPRK vessels** (public record: names, IMO numbers, the party OFAC links each to): on the EU
  and UK lists as below. Which list carries which vessel is planted (scenario G3), as are the
  designation dates, previous owners and previous flags.
* **Fictional records**: the EU-autonomous and UK-only DPRK listings, the Russian filler shared by
  the EU, UK and OFAC Consolidated files, and the other Consolidated-list records. Every one is
  invented (``fictional=True``); any likeness to a real party is accidental.

Nothing here depends on the seed: the three new sources are the same for every seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orchestration.sample.world import (
    OFAC_DPRK_VESSELS,
    UN_DPRK_ENTITIES,
    UN_DPRK_INDIVIDUALS,
    UnParty,
)

# ------------------------------------------------------------------------------------------------
# Small helpers
# ------------------------------------------------------------------------------------------------

# Tokens an EU or UK entity name keeps in capitals.
_ACRONYMS = {"KOMID", "OMM", "DCB", "KKBC", "FTB", "KNIC", "RGB", "JV", "II", "LLC", "JSC", "PJSC",
             "AO", "OOO", "PAO"}
_SMALL_WORDS = {"of", "and", "the", "for"}


def syllables(text: str) -> str:
    """'HO-JIN' -> 'Ho-Jin', "KY'ONG-SU" -> "Ky'ong-Su", 'YONG CHOL' -> 'Yong Chol'."""
    out = []
    for word in text.strip().split():
        out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def title_name(upper: str) -> str:
    """An entity name as the EU writes it: title case, acronyms and parenthesised tokens kept."""
    words = []
    inside = False
    for word in upper.strip().strip('"').split():
        if word.startswith("("):
            inside = True
        core = word.strip('(),"')
        keep = inside or core in _ACRONYMS or any(c.isdigit() for c in core)
        if keep:
            words.append(word)
        elif words and core.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        if word.endswith(")"):
            inside = False
    return " ".join(words)


def eu_person_name(p: "Party") -> tuple[str, str]:
    """(firstName, wholeName) of a person as the EU writes it: given name first, family name in
    capitals ('Yong Chol KIM')."""
    first = syllables(p.given)
    return first, f"{first} {p.surname}"


def uk_person_name1(p: "Party") -> str:
    """The UK's Name 1 for a person: syllables joined by spaces for the UN-derived records
    ('Chang Ho'), as written for the UK's own listings ('Yong-Chol')."""
    first = syllables(p.given)
    return first if p.fictional else first.replace("-", " ")


def dmy(iso: str) -> str:
    """'2016-03-02' -> '02/03/2016'."""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


# ------------------------------------------------------------------------------------------------
# Country names per publisher
# ------------------------------------------------------------------------------------------------

DPRK_UN = "Democratic People's Republic of Korea"
# UN country -> (EU iso2, EU description, UK FCDO country, ConList country)
COUNTRIES = {
    DPRK_UN: ("KP", "NORTH KOREA", "North Korea", "DPRK"),
    "China": ("CN", "CHINA", "China", "China"),
    "Panama": ("PA", "PANAMA", "Panama", "Panama"),
    "Singapore": ("SG", "SINGAPORE", "Singapore", "Singapore"),
    "Russia": ("RU", "RUSSIAN FEDERATION", "Russia", "Russia"),
}


# ------------------------------------------------------------------------------------------------
# The one model every list is written from
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Birth:
    """A date of birth: 'YYYY-MM-DD', or a bare year 'YYYY' (circa when ``circa``)."""

    value: str
    circa: bool = False


@dataclass(frozen=True)
class Party:
    """One real-world party (or a fictional one) as the EU, UK and Consolidated writers see it.

    ``surname``/``given`` for persons (``given`` in the UN's spelling, upper case), ``name`` for
    entities and vessels (upper case, as the UN or OFAC writes it).
    """

    key: str
    kind: str  # person | entity | vessel
    name: str = ""
    surname: str = ""
    given: str = ""
    un_ref: str = ""  # as the UN sample writes it (trailing space kept)
    un_listed_on: str = ""
    births: tuple[Birth, ...] = ()
    town_of_birth: str = ""
    nationality: str = ""  # UN country name
    passport: str = ""  # INVENTED (99...), as in the UN and OFAC files
    position: str = ""
    comments: str = ""  # the sample's own one-line paraphrase
    aliases: tuple[tuple[str, str], ...] = ()  # (quality Good | Low | a.k.a. | f.k.a., alias)
    address: tuple[tuple[str, str, str], ...] = ()  # (street, city, UN country name)
    imo: int | None = None
    linked_to: str = ""  # vessels: the party OFAC links the vessel to (public record)
    ofac_key: str = ""
    fictional: bool = False

    @property
    def un_reference(self) -> str:
        return self.un_ref.strip()


def _from_un(u: UnParty) -> Party:
    births = []
    for kind, value in u.dob:
        if kind == "BETWEEN":
            continue  # no DPRK record of the sample has a range
        births.append(Birth(value, circa=kind == "APPROXIMATELY"))
    common = dict(un_ref=u.ref, un_listed_on=u.listed_on, comments=u.comments, aliases=u.aliases,
                  address=u.address, ofac_key=u.ofac_key)
    if u.kind == "individual":
        return Party(f"un:{u.ref.strip()}", "person", surname=u.names[0].strip(),
                     given=" ".join(n.strip() for n in u.names[1:]), births=tuple(births),
                     town_of_birth=u.pob[0] if u.pob else "", nationality=u.nationality,
                     passport=u.passport, position=u.designation[0] if u.designation else "",
                     **common)
    return Party(f"un:{u.ref.strip()}", "entity", name=u.names[0].strip(), **common)


UN_DERIVED: tuple[Party, ...] = tuple(_from_un(u) for u in UN_DPRK_INDIVIDUALS + UN_DPRK_ENTITIES)

_OFAC_VESSEL = {p.key: p for p in OFAC_DPRK_VESSELS}
# The party each vessel is linked to in OFAC's published record (checked against sdn.csv of
# 2024-05-03: "Linked To:" in Remarks). The sample's own OFAC file links some of them differently.
_VESSEL_LINKS = {
    "chonmasan": "KOREA ACHIM SHIPPING CO",
    "yujong2": "KOREA YUJONG SHIPPING CO LTD",
    "kumunsan3": "DAWN MARINE MANAGEMENT CO LTD",
    "paekma": "PAEKMA SHIPPING CO",
    "namsan8": "HAPJANGGANG SHIPPING CORP",
}
VESSELS: tuple[Party, ...] = tuple(
    Party(f"imo:{_OFAC_VESSEL[k].imo}", "vessel", name=_OFAC_VESSEL[k].name, imo=_OFAC_VESSEL[k].imo,
          linked_to=_VESSEL_LINKS[k], ofac_key=k)
    for k in ("chonmasan", "yujong2", "kumunsan3", "paekma", "namsan8")
)

# ------------------------------------------------------------------------------------------------
# Fictional DPRK listings: EU-autonomous (also carried by the UK when listed before 2020) and
# UK-only. Names, dates, functions and addresses are invented.
# ------------------------------------------------------------------------------------------------

PY = "Pyongyang"


def _fp(key, surname, given, birth, position, town="", circa=False) -> Party:
    return Party(key, "person", surname=surname, given=given, births=(Birth(birth, circa),),
                 town_of_birth=town, nationality=DPRK_UN, position=position, fictional=True)


def _fe(key, name, city, street="", country=DPRK_UN, comments="") -> Party:
    return Party(key, "entity", name=name, address=((street, city, country),), comments=comments,
                 fictional=True)


EU_AUTONOMOUS: tuple[Party, ...] = (
    _fp("eu:ri_cholung", "RI", "CHOL UNG", "1969-04-11",
        "Deputy director of a DPRK trading bureau in Vladivostok", town="Hamhung"),
    _fp("eu:kang_myongsik", "KANG", "MYONG SIK", "1972",
        "Representative of a DPRK shipping agency in Nakhodka", circa=True),
    _fp("eu:pak_songjin", "PAK", "SONG JIN", "1966-12-02",
        "Official of a DPRK state trading company in Dandong", town="Sinuiju"),
    _fp("eu:han_myongdok", "HAN", "MYONG DOK", "1981",
        "Manager of overseas DPRK information-technology workers", circa=True),
    _fe("eu:pyolmae", "KOREA PYOLMAE SHIPPING AGENCY", "Nampo", "Waudo District",
        comments="Arranges port calls and crews for DPRK tankers (fictional)."),
    _fe("eu:rasonunha", "RASON UNHA LOGISTICS COMPANY", "Rason",
        comments="Operates warehouses at Rajin used for transshipment (fictional)."),
    _fe("eu:songpyong", "CHONGJIN SONGPYONG TRADING BUREAU", "Chongjin",
        comments="Exports DPRK seafood and coal through third countries (fictional)."),
    _fe("eu:taehung", "KOREA TAEHUNG FISHERIES EXPORT CORPORATION", PY, "Sosong District",
        comments="Sells DPRK fishing rights abroad (fictional)."),
    _fe("eu:samhae", "PYONGYANG SAMHAE INFORMATION TECHNOLOGY CENTRE", PY, "Mangyongdae District",
        comments="Places DPRK programmers with foreign clients (fictional)."),
    _fe("eu:kumsong", "KUMSONG MARINE FUEL SUPPLY COMPANY", "Nampo",
        comments="Procures refined petroleum for DPRK tankers (fictional)."),
)

# Added to the EU list in the 2024-06-10 snapshot (fictional; PRK programme, Russian address).
EU_ADDED_PARTY = Party("eu:khasan", "entity", name="LIMITED LIABILITY COMPANY KHASAN-TRANZIT",
                       address=(("Ulitsa Pogranichnaya 3", "Khasan", "Russia"),),
                       comments="Freight forwarder for rail cargo crossing the Tumen River to Rajin "
                                "(fictional).", fictional=True)

UK_ONLY: tuple[Party, ...] = (
    # G5: nearly the same name as KIM YONG CHOL (KPi.024, born 1962), another (fictional) person.
    _fp("uk:kim_yongchol_1975", "KIM", "YONG-CHOL", "1975-03-14",
        "Representative of a DPRK trading company in Shenyang", town="Wonsan"),
    _fe("uk:sinuiju_orient", "SINUIJU ORIENT TRADING COMPANY", "Sinuiju",
        comments="Imports vehicles and machinery across the Yalu River (fictional)."),
    _fe("uk:tumangang_rail", "TUMANGANG RAIL FREIGHT COMPANY", "Rason", "Tumangang",
        comments="Books freight wagons on the Tumangang-Khasan rail link (fictional)."),
)

# ------------------------------------------------------------------------------------------------
# Russian filler (fictional), shared by the EU (UKR/RUS programmes), the UK (Russia regime; in
# 2020 "Ukraine (Sovereignty)") and the OFAC Consolidated list.
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuParty:
    key: str
    kind: str  # person | entity
    ofac_name: str  # OFAC's spelling (upper case; persons "SURNAME, Given Patronymic")
    eu_name: str  # the EU's wholeName
    uk_name6: str  # the UK's Name 6 (entity name, or a person's surname)
    uk_name1: str = ""  # persons: given name and patronymic
    cyrillic: str = ""
    alias: str = ""  # the other legal-form spelling
    city: str = "Moscow"
    inn: str = ""  # tax number (INVENTED, 99...)
    ogrn: str = ""  # registration number (INVENTED, 99...)
    birth: str = ""
    eu: tuple[str, str] | None = None  # (programme UKR | RUS, designationDate)
    uk: str = ""  # UK DateDesignated (ISO), "" when not on the UK list
    conlist_2020: bool = False  # on the 2020 ConList (Ukraine (Sovereignty) regime)
    uk_2024: bool = True  # still on the UK list in 2024
    cons: tuple[str, str] | None = None  # (OFAC program field, directive remark) on the Consolidated list
    fictional: bool = True


RUSSIA_FILLER: tuple[RuParty, ...] = (
    # On the 2020 ConList under Ukraine (Sovereignty) and, since 2020, the Russia regime.
    RuParty("ru:lazurny", "entity", "LIMITED LIABILITY COMPANY LAZURNY BEREG-STROI",
            'Limited Liability Company "Lazurny Bereg-Stroi"', "LAZURNY BEREG-STROI LLC",
            cyrillic="ООО «Лазурный берег-строй»", alias="OOO LAZURNY BEREG-STROI",
            city="Sevastopol", inn="9920114578", ogrn="9914920001187",
            eu=("UKR", "2014-07-30"), uk="2014-07-30", conlist_2020=True),
    RuParty("ru:mayak", "entity", "JOINT STOCK COMPANY MAYAK-SUDOSERVIS",
            'Joint Stock Company "Mayak-Sudoservis"', "MAYAK-SUDOSERVIS JSC",
            cyrillic="АО «Маяк-Судосервис»", alias="AO MAYAK-SUDOSERVIS", city="Kerch",
            inn="9911028833", ogrn="9914911002231", eu=("UKR", "2015-02-16"), uk="2015-02-16",
            conlist_2020=True),
    RuParty("ru:stepnyakov", "person", "STEPNYAKOV, Gennady Borisovich",
            "Gennady Borisovich STEPNYAKOV", "STEPNYAKOV", "Gennady Borisovich",
            cyrillic="Геннадий Борисович Степняков", city="Simferopol", birth="1961-05-19",
            eu=("UKR", "2014-09-12"), uk="2014-09-12", conlist_2020=True),
    RuParty("ru:rassvetova", "person", "RASSVETOVA, Oksana Viktorovna",
            "Oksana Viktorovna RASSVETOVA", "RASSVETOVA", "Oksana Viktorovna",
            cyrillic="Оксана Викторовна Рассветова", city="Rostov-on-Don", birth="1974",
            eu=("UKR", "2017-11-09"), uk="2017-11-09", conlist_2020=True),
    # Gone from the UK list by 2024 (planted delisting), and not on the EU list of 2024.
    RuParty("ru:zenitsky", "person", "ZENITSKY, Vitaly Olegovich", "Vitaly Olegovich ZENITSKY",
            "ZENITSKY", "Vitaly Olegovich", cyrillic="Виталий Олегович Зеницкий",
            city="Donetsk", birth="1968-02-27", uk="2016-03-14", conlist_2020=True,
            uk_2024=False),
    # On the EU and UK lists and on OFAC's Consolidated list (cross-list resolution).
    RuParty("ru:kedrstroi", "entity", "JOINT STOCK COMPANY KEDRSTROI-INVEST",
            'Joint Stock Company "Kedrstroi-Invest"', "KEDRSTROI-INVEST JSC",
            cyrillic="АО «Кедрстрой-Инвест»", alias="AO KEDRSTROI-INVEST",
            inn="9907745512", ogrn="9917746210934", eu=("UKR", "2022-06-03"), uk="2022-05-04",
            cons=("UKRAINE-EO13662] [RUSSIA-EO14024",
                  "Executive Order 13662 Directive Determination - Subject to Directive 2")),
    RuParty("ru:yantarnaya", "entity", "LIMITED LIABILITY COMPANY YANTARNAYA LOGISTIKA",
            'Limited Liability Company "Yantarnaya Logistika"', "YANTARNAYA LOGISTIKA LLC",
            cyrillic="ООО «Янтарная логистика»", alias="OOO YANTARNAYA LOGISTIKA",
            city="Kaliningrad", inn="9939061147", ogrn="9913926003518",
            eu=("RUS", "2023-02-25"), uk="2023-02-24",
            cons=("RUSSIA-EO14024", "Listing Date (EO 14024 Directive 4): 28 Feb 2023")),
    RuParty("ru:sokolbank", "entity", "PUBLIC JOINT STOCK COMPANY SOKOLBANK",
            'Public Joint Stock Company "Sokolbank"', "SOKOLBANK PJSC",
            cyrillic="ПАО «Соколбанк»", alias="PAO SOKOLBANK", inn="9901015532",
            ogrn="9911027702215", eu=("UKR", "2022-03-15"), uk="2022-03-24",
            cons=("CAPTA", "Listing Date (EO 14024 Directive 2): 24 Feb 2022; "
                           "Effective Date (EO 14024 Directive 2): 26 Mar 2022")),
    # EU and UK.
    RuParty("ru:granit", "entity", "LIMITED LIABILITY COMPANY GRANIT-MORPUT",
            'Limited Liability Company "Granit-Morput"', "GRANIT-MORPUT LLC",
            cyrillic="ООО «Гранит-Морпуть»", city="Vladivostok", inn="9925401936",
            ogrn="9912536004420", eu=("UKR", "2022-12-16"), uk="2022-12-16"),
    RuParty("ru:zarya", "entity", "JOINT STOCK COMPANY ZARYA-PRIBOR",
            'Joint Stock Company "Zarya-Pribor"', "ZARYA-PRIBOR JSC", cyrillic="АО «Заря-Прибор»",
            city="Yekaterinburg", inn="9966120049", ogrn="9916605181736",
            eu=("RUS", "2023-06-23"), uk="2023-05-19"),
    RuParty("ru:zimogorov", "person", "ZIMOGOROV, Arkady Petrovich",
            "Arkady Petrovich ZIMOGOROV", "ZIMOGOROV", "Arkady Petrovich",
            cyrillic="Аркадий Петрович Зимогоров", birth="1958-10-03",
            eu=("UKR", "2022-03-09"), uk="2022-03-10"),
    # UK only.
    RuParty("ru:stepnoyveter", "entity", "LIMITED LIABILITY COMPANY STEPNOY VETER-AGRO",
            'Limited Liability Company "Stepnoy Veter-Agro"', "STEPNOY VETER-AGRO LLC",
            cyrillic="ООО «Степной ветер-агро»", city="Krasnodar", inn="9923098814",
            ogrn="9912309001276", uk="2023-05-19"),
    # EU only.
    RuParty("ru:taiga", "entity", "LIMITED LIABILITY COMPANY TAIGA-SNABZHENIE",
            'Limited Liability Company "Taiga-Snabzhenie"', "", cyrillic="ООО «Тайга-Снабжение»",
            city="Khabarovsk", inn="9927210455", eu=("UKR", "2023-02-25")),
    RuParty("ru:sapfir", "entity", "JOINT STOCK COMPANY SAPFIR-RADIOTEKH",
            'Joint Stock Company "Sapfir-Radiotekh"', "", cyrillic="АО «Сапфир-Радиотех»",
            city="Nizhny Novgorod", inn="9952601178", eu=("UKR", "2023-12-18")),
    RuParty("ru:baikalneft", "entity", "LIMITED LIABILITY COMPANY BAIKALNEFTETRANS",
            'Limited Liability Company "Baikalneftetrans"', "", cyrillic="ООО «Байкалнефтетранс»",
            city="Irkutsk", inn="9938110642", eu=("UKR", "2022-10-06")),
    RuParty("ru:volna", "entity", "JOINT STOCK COMPANY VOLNA-ELEKTRON",
            'Joint Stock Company "Volna-Elektron"', "", cyrillic="АО «Волна-Электрон»",
            city="Saint Petersburg", inn="9978301124", eu=("RUS", "2024-02-23")),
    RuParty("ru:polyus", "entity", "LIMITED LIABILITY COMPANY POLYUS-KOMPOZIT",
            'Limited Liability Company "Polyus-Kompozit"', "", cyrillic="ООО «Полюс-Композит»",
            city="Kazan", inn="9916550871", eu=("UKR", "2023-08-03")),
    RuParty("ru:okean", "entity", "JOINT STOCK COMPANY OKEAN-BUNKER",
            'Joint Stock Company "Okean-Bunker"', "", cyrillic="АО «Океан-Бункер»",
            city="Nakhodka", inn="9925080317", eu=("UKR", "2023-12-18")),
    RuParty("ru:luchezarnaya", "person", "LUCHEZARNAYA, Valentina Sergeyevna",
            "Valentina Sergeyevna LUCHEZARNAYA", "", cyrillic="Валентина Сергеевна Лучезарная",
            birth="1977-01-21", eu=("UKR", "2022-04-21")),
    RuParty("ru:tumansky", "person", "TUMANSKY, Roman Ilyich", "Roman Ilyich TUMANSKY", "",
            cyrillic="Роман Ильич Туманский", city="Novosibirsk", birth="1983-06-30",
            eu=("UKR", "2023-02-25")),
    RuParty("ru:ozernov", "person", "OZERNOV, Dmitry Arkadyevich", "Dmitry Arkadyevich OZERNOV",
            "", cyrillic="Дмитрий Аркадьевич Озернов", birth="1971-09-12",
            eu=("UKR", "2024-02-23")),
)

# ------------------------------------------------------------------------------------------------
# OFAC Consolidated (non-SDN) list: the records that are not in RUSSIA_FILLER. All fictional.
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsRecord:
    key: str
    name: str
    sdn_type: str  # "" entity | "individual"
    program: str  # as written in cons_prim.csv: "UKRAINE-EO13662] [RUSSIA-EO14024"
    remarks: str
    akas: tuple[str, ...] = ()
    address: tuple[str, str, str] = ("", "", "")  # (address, city/state/postal, country)
    fictional: bool = True


_LONG_DIRECTIVE = (
    "Executive Order 13662 Directive Determination - Subject to Directive 4; "
    "Executive Order 13662 Directive Information - For more information on directives, please "
    "visit the following link: https://ofac.treasury.gov/sanctions-programs-and-country-"
    "information/ukraine-russia-related-sanctions#directives; Organization Established Date "
    "14 Mar 2006; Registration ID 9910277465012 (Russia); Tax ID No. 9907712049 (Russia); "
    "Government Gazette Number 99003311 (Russia); Registration Number 99-7704-5521 (Russia); "
    "alt. Registration ID 9910277465991 (Russia); Target Type Private Company; "
    "Website www.arktik-shelf-proekt.example; Email Address info@arktik-shelf-proekt.example; "
    "Phone Number 74959990112; Fax 74959990113; "
    "Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the Ukraine "
    "Freedom Support Act of 2014 as amended; Executive Order 14024 Directive Information - For "
    "more information on directives, please visit the following link: https://ofac.treasury.gov/"
    "sanctions-programs-and-country-information/russian-harmful-foreign-activities-sanctions"
    "#directives; Listing Date (EO 14024 Directive 4): 28 Feb 2022; a.k.a. 'ASP LLC'"
)

CONS_OTHERS: tuple[ConsRecord, ...] = (
    ConsRecord("cons:zapadny", "OPEN JOINT STOCK COMPANY ZAPADNY NEFTEGAZ-RESURS", "",
               "UKRAINE-EO13662] [RUSSIA-EO14024",
               "Executive Order 13662 Directive Determination - Subject to Directive 4; "
               "Registration ID 9911027700817 (Russia); Tax ID No. 9907719015 (Russia); "
               "a.k.a. 'OAO ZAPADNY NEFTEGAZ-RESURS'",
               akas=("OAO ZAPADNY NEFTEGAZ-RESURS",), address=("", "Tyumen", "Russia")),
    ConsRecord("cons:arktik", "LIMITED LIABILITY COMPANY ARKTIK-SHELF PROEKT", "",
               "UKRAINE-EO13662] [RUSSIA-EO14024", _LONG_DIRECTIVE, akas=("ASP LLC",),
               address=("Ulitsa Polyarnaya 12", "Moscow 129110", "Russia")),
    ConsRecord("cons:volzhsky", "JOINT STOCK COMPANY VOLZHSKY KREDITNY BANK", "",
               "UKRAINE-EO13662] [RUSSIA-EO14024",
               "Executive Order 13662 Directive Determination - Subject to Directive 1; "
               "SWIFT/BIC VKBKRU9X; Registration ID 9911034400071 (Russia)",
               address=("", "Samara", "Russia")),
    ConsRecord("cons:tsentrgaz", "JOINT STOCK COMPANY TSENTRGAZ-SERVIS", "", "UKRAINE-EO13662",
               "Executive Order 13662 Directive Determination - Subject to Directive 4; "
               "Tax ID No. 9905014438 (Russia)", address=("", "Orenburg", "Russia")),
    ConsRecord("cons:novosib", "NOVOSIBIRSKY RASCHETNY BANK", "", "CAPTA",
               "Listing Date (EO 14024 Directive 2): 24 Feb 2022; Effective Date (EO 14024 "
               "Directive 2): 26 Mar 2022; SWIFT/BIC NRBKRU9N",
               address=("", "Novosibirsk", "Russia")),
    ConsRecord("cons:sibkhim", "SIBKHIMEKSPORT TRADING LLC", "", "CAATSA - RUSSIA",
               "Organization Established Date 04 Jun 2011; Tax ID No. 9970171234 (Russia)",
               address=("", "Tomsk", "Russia")),
    ConsRecord("cons:huaxing", "HUAXING AEROSPACE MATERIALS TECHNOLOGY CO., LTD.", "",
               "CMIC-EO13959",
               "Listing Date (CMIC) 03 Jun 2021; Effective Date (CMIC) 02 Aug 2021; "
               "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022",
               address=("", "Xi'an, Shaanxi", "China")),
    ConsRecord("cons:zhongyuan", "ZHONGYUAN SATELLITE NAVIGATION EQUIPMENT GROUP CO., LTD.", "",
               "CMIC-EO13959",
               "Listing Date (CMIC) 16 Dec 2021; Effective Date (CMIC) 15 Feb 2022; "
               "Purchase/Sales For Divestment Date (CMIC) 16 Dec 2022; a.k.a. 'ZSNE GROUP'",
               akas=("ZSNE GROUP",), address=("", "Zhengzhou, Henan", "China")),
    ConsRecord("cons:plc1", "HAMDAN, Yusuf Salim", "individual", "NS-PLC", "DOB 1961; POB Hebron.",
               address=("", "", "West Bank")),
    ConsRecord("cons:plc2", "QASSAR, Nadia Khalil", "individual", "NS-PLC",
               "DOB 12 Apr 1969; POB Gaza; Gender Female.", address=("", "", "Gaza")),
    ConsRecord("cons:hkaa", "KOWLOON HARBOUR SECURITY CONSULTING LIMITED", "", "HKAA",
               "Organization Established Date 09 Sep 2015.", address=("", "Hong Kong", "China")),
    ConsRecord("cons:burma", "MYITKYINA JADE AND GEMS TRADING COMPANY LIMITED", "", "BURMA-EO14014",
               "Organization Established Date 22 Jan 2013.", address=("", "Myitkyina", "Burma")),
)


# ------------------------------------------------------------------------------------------------
# Which listing is where (and the planted differences), by key
# ------------------------------------------------------------------------------------------------

# EU: every UN-derived party, four vessels (not NAM SAN 8: scenario G3), every EU-autonomous
# listing, the Russian filler with an ``eu`` entry; EU_ADDED_PARTY only in the June snapshot.
EU_VESSEL_KEYS = ("imo:8660313", "imo:8604917", "imo:8705539", "imo:9066978")
EU_DELISTED_KEY = "eu:taehung"  # gone from the 2024-06-10 snapshot (planted, fictional party)
EU_AMENDED_KEY = "un:KPe.003"  # TANCHON COMMERCIAL BANK: gains an alias in the June snapshot
EU_AMENDED_ALIAS = "Korea Changgwang Credit Bank"  # a former name the UN list gives (public)
EU_ADDED_KEY = EU_ADDED_PARTY.key

# UK: every UN-derived party, five ships, the EU-autonomous listings the UK carried over (those
# listed before 2020), the UK-only listings, and the Russian filler with a ``uk`` date.
UK_SHIP_KEYS = ("imo:8660313", "imo:8604917", "imo:8705539", "imo:9066978", "imo:8122347")
UK_HERITAGE_KEYS = ("eu:ri_cholung", "eu:kang_myongsik", "eu:pyolmae", "eu:rasonunha",
                    "eu:songpyong")
UK_DELISTED_KEYS = ("eu:rasonunha", "ru:zenitsky")  # on the 2020 ConList, gone by 2024 (planted)

CONLIST_DATE = "2020-03-02"
FCDO_DATE = "2024-05-20"
EU_DATES = ("2024-05-10", "2024-06-10")
CONS_DATE = "2024-06-01"

# Dates the EU-autonomous and UK-only listings were designated (INVENTED).
AUTONOMOUS_DATES = {
    "eu:ri_cholung": "2016-06-20", "eu:kang_myongsik": "2017-10-16",
    "eu:pak_songjin": "2018-01-22", "eu:han_myongdok": "2023-07-28",
    "eu:pyolmae": "2016-06-20", "eu:rasonunha": "2017-10-16", "eu:songpyong": "2017-10-16",
    "eu:taehung": "2018-01-22", "eu:samhae": "2020-10-12", "eu:kumsong": "2022-04-21",
    "eu:khasan": "2024-05-27",
    "uk:kim_yongchol_1975": "2023-04-26", "uk:sinuiju_orient": "2022-11-21",
    "uk:tumangang_rail": "2023-04-26",
}
# Vessels: designation dates are INVENTED (plausible: after the UN 1718 Committee's designations
# of 2018-03-30; not checked against the EU or UK files).
VESSEL_DATE = "2018-04-16"

ALL_DPRK: tuple[Party, ...] = UN_DERIVED + VESSELS + EU_AUTONOMOUS + (EU_ADDED_PARTY,) + UK_ONLY
_BY_KEY = {p.key: p for p in ALL_DPRK}


def party(key: str) -> Party:
    return _BY_KEY[key]


def ru_party(key: str) -> RuParty:
    for p in RUSSIA_FILLER:
        if p.key == key:
            return p
    raise KeyError(key)


@dataclass
class Ids:
    """Invented identifiers, assigned once in a fixed order so they never depend on a snapshot."""

    eu_logical: dict[str, int] = field(default_factory=dict)
    eu_reference: dict[str, str] = field(default_factory=dict)
    uk_unique: dict[str, str] = field(default_factory=dict)
    ofsi_group: dict[str, int] = field(default_factory=dict)


EU_LOGICAL_ID_BASE = 81001  # INVENTED; children get logicalId * 100 + n
OFSI_GROUP_BASE_DPRK = 98001  # INVENTED
OFSI_GROUP_BASE_RUSSIA = 99001  # INVENTED


def eu_keys() -> list[str]:
    """Every EU record of either snapshot, in logicalId order."""
    keys = [p.key for p in UN_DERIVED] + list(EU_VESSEL_KEYS) + [p.key for p in EU_AUTONOMOUS]
    keys += [r.key for r in RUSSIA_FILLER if r.eu]
    keys.append(EU_ADDED_KEY)
    return keys


def uk_dprk_keys() -> list[str]:
    """Every UK DPRK designation of either year (the delisted one included), in Unique ID order."""
    return [p.key for p in UN_DERIVED] + list(UK_SHIP_KEYS) + list(UK_HERITAGE_KEYS) + \
        [p.key for p in UK_ONLY]


def uk_russia_keys() -> list[str]:
    return [r.key for r in RUSSIA_FILLER if r.uk]


def _assign() -> Ids:
    ids = Ids()
    for i, key in enumerate(eu_keys()):
        ids.eu_logical[key] = EU_LOGICAL_ID_BASE + i
        ids.eu_reference[key] = f"EU.{7100 + 13 * i}.{(17 * i + 23) % 90 + 10}"
    n = 0
    for i, key in enumerate(uk_dprk_keys()):
        ids.ofsi_group[key] = OFSI_GROUP_BASE_DPRK + i
        if key in UK_DELISTED_KEYS:
            continue  # delisted before the FCDO list gave Unique IDs
        n += 1
        ids.uk_unique[key] = f"DPR{n:04d}"
    n = 0
    for i, key in enumerate(uk_russia_keys()):
        ids.ofsi_group[key] = OFSI_GROUP_BASE_RUSSIA + i
        if key in UK_DELISTED_KEYS:
            continue
        n += 1
        ids.uk_unique[key] = f"RUS{n:04d}"
    return ids


IDS = _assign()


def eu_logical_id(key: str) -> int:
    return IDS.eu_logical[key]


def uk_unique_id(key: str) -> str:
    return IDS.uk_unique[key]


def ofsi_group_id(key: str) -> int:
    return IDS.ofsi_group[key]
