"""Public facts typed in for the bundled sample, and the small helpers that check them.

Everything in this module is either

* a **public fact** (names of parties designated by OFAC or the UN Security Council, UN reference
  numbers and listing dates, vessel names and IMO numbers, program tags), typed in by hand and
  checked against the publishers' own lists, or
* explicitly marked **invented** (``INVENTED`` comments, the ``fictional=True`` flag): OFAC entity
  numbers, UN DATAIDs, MMSIs, call signs, passport numbers, addresses beyond city level, and every
  filler record of a non-DPRK program.

No file or row of a publisher is copied; the generator writes its own records in the publishers'
formats. See ``data/sample/README.md`` (written by the generator) for the per-source account.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from orchestration.lib.paths import DBT_PROJECT_DIR

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def imo_check_digit_ok(imo: int | str) -> bool:
    """IMO ship number rule: the first six digits weighted 7..2, summed, mod 10 = the seventh."""
    digits = str(imo).strip().upper().removeprefix("IMO").strip()
    if len(digits) != 7 or not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    return sum(a * w for a, w in zip(d[:6], (7, 6, 5, 4, 3, 2))) % 10 == d[6]


def imo_with_check_digit(first_six: int) -> int:
    """Complete a six-digit stem with its IMO check digit (used for fictional vessels only)."""
    s = f"{first_six:06d}"
    check = sum(int(c) * w for c, w in zip(s, (7, 6, 5, 4, 3, 2))) % 10
    return int(s + str(check))


@dataclass(frozen=True)
class Port:
    code: str
    name: str
    country_iso3: str
    lat: float
    lon: float
    role: str


def load_ports(path: Path | None = None) -> dict[str, Port]:
    """Ports from the dbt seed (the single source of truth for port coordinates), keyed by name."""
    path = path or DBT_PROJECT_DIR / "seeds" / "ports.csv"
    ports: dict[str, Port] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ports[row["port_name"]] = Port(
                row["port_code"], row["port_name"], row["country_iso3"],
                float(row["latitude"]), float(row["longitude"]), row["port_role"],
            )
    return ports


@dataclass(frozen=True)
class TradeReference:
    year: int
    china_exports_usd: int
    china_imports_usd: int


def load_trade_reference(path: Path | None = None) -> dict[int, TradeReference]:
    """China-DPRK annual reference totals from the dbt seed (the sample is built to match them)."""
    path = path or DBT_PROJECT_DIR / "seeds" / "ref_china_dprk_trade_annual.csv"
    out: dict[int, TradeReference] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            year = int(row["year"])
            out[year] = TradeReference(year, int(row["china_exports_usd"]),
                                       int(row["china_imports_usd"]))
    return out


# --------------------------------------------------------------------------------------------
# OFAC SDN: DPRK-program parties (public record). ent_num values are the generator's own.
# --------------------------------------------------------------------------------------------

NK_SECONDARY = (
    "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; "
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: "
    "North Korea Sanctions Regulations section 510.214"
)

FLAG_DPRK = "Democratic People's Republic of Korea"


@dataclass(frozen=True)
class OfacParty:
    """One SDN record as the generator will write it (public facts + marked inventions)."""

    key: str
    name: str
    sdn_type: str  # "individual" | "vessel" | "aircraft" | "" (entity: written as the null marker)
    programs: tuple[str, ...]
    title: str = ""
    call_sign: str = ""
    vess_type: str = ""
    tonnage: str = ""
    grt: str = ""
    vess_flag: str = ""
    dob: tuple[str, ...] = ()  # OFAC wording: "18 Jun 1964", "1938", "circa 1946"
    pob: str = ""
    nationality: str = ""
    gender: str = ""
    passport: str = ""  # INVENTED where present (99xxxxxxx)
    imo: int | None = None
    mmsi: int | None = None  # INVENTED where present (matches the AIS sample)
    build_year: int | None = None
    former_flags: tuple[str, ...] = ()
    linked_to: tuple[str, ...] = ()
    akas: tuple[tuple[str, str], ...] = ()  # (alt_type aka|fka|nka, alt_name)
    addresses: tuple[tuple[str, str, str], ...] = ()  # (address, city/state/postal, country)
    extra: tuple[str, ...] = ()  # other remark sentences (SWIFT/BIC, directive text, ...)
    nk: bool = True  # add the North Korea secondary-sanctions sentence
    fictional: bool = False


PY = "Pyongyang"
NK = "Korea, North"

# Entities (sdn_type ""), names spelled as OFAC spells them.
OFAC_DPRK_ENTITIES: tuple[OfacParty, ...] = (
    OfacParty("komid", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "", ("NPWMD", "DPRK2"),
              akas=(("aka", "KOMID"), ("aka", "CHANGGWANG SINYONG CORPORATION")),
              addresses=(("Central District", PY, NK),)),
    OfacParty("tanchon", "TANCHON COMMERCIAL BANK", "", ("NPWMD",),
              addresses=(("Saemul 1-Dong Pyongchon District", PY, NK),)),
    OfacParty("ryonbong", "KOREA RYONBONG GENERAL CORPORATION", "", ("NPWMD",),
              akas=(("fka", "LYONGAKSAN GENERAL TRADING CORPORATION"),),
              addresses=(("Pot'onggang District", PY, NK),)),
    OfacParty("namchongang", "NAMCHONGANG TRADING CORPORATION", "", ("NPWMD",),
              addresses=(("", PY, NK),)),
    OfacParty("hyoksin", "KOREA HYOKSIN TRADING CORPORATION", "", ("NPWMD",),
              addresses=(("", PY, NK),)),
    OfacParty("tangun", "KOREA TANGUN TRADING CORPORATION", "", ("NPWMD", "DPRK2"),
              addresses=(("", PY, NK),)),
    OfacParty("greenpine", "GREEN PINE ASSOCIATED CORPORATION", "", ("DPRK",),
              addresses=(("", PY, NK),)),
    OfacParty("omm", "OCEAN MARITIME MANAGEMENT COMPANY LIMITED", "", ("DPRK",),
              akas=(("aka", "OMM"),), addresses=(("Donghung Dong, Central District", PY, NK),)),
    OfacParty("dcb", "DAEDONG CREDIT BANK", "", ("NPWMD",),
              akas=(("aka", "DCB"), ("aka", "TAEDONG CREDIT BANK")),
              extra=("SWIFT/BIC DCBKKPPY",), addresses=(("Pyongchon District", PY, NK),)),
    OfacParty("chongchongang", "CHONGCHONGANG SHIPPING COMPANY LIMITED", "", ("DPRK",),
              addresses=(("", PY, NK),)),
    OfacParty("kkbc", "KOREA KWANGSON BANKING CORP", "", ("NPWMD",),
              akas=(("aka", "KKBC"),), addresses=(("", PY, NK),)),
    OfacParty("office39", "OFFICE 39", "", ("DPRK",),
              akas=(("aka", "THIRD FLOOR"),), addresses=(("", PY, NK),)),
    OfacParty("rgb", "RECONNAISSANCE GENERAL BUREAU", "", ("DPRK", "DPRK2"),
              akas=(("aka", "RGB"),), addresses=(("Hyongjesan-Guyok", PY, NK),)),
    OfacParty("mid", "MUNITIONS INDUSTRY DEPARTMENT", "", ("NPWMD",),
              addresses=(("", PY, NK),)),
    OfacParty("sec", "SECOND ECONOMIC COMMITTEE", "", ("NPWMD",),
              addresses=(("", PY, NK),)),
    OfacParty("ftb", "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "",
              ("NPWMD", "DPRK3"), extra=("SWIFT/BIC FTBDKPPY",),
              addresses=(("FTB Building, Jungsong-dong, Central District", PY, NK),)),
    OfacParty("koryobank", "KORYO BANK", "", ("DPRK3",), extra=("SWIFT/BIC KORBKPPY",),
              addresses=(("", PY, NK),)),
    OfacParty("knic", "KOREA NATIONAL INSURANCE CORPORATION", "", ("DPRK3",),
              addresses=(("", PY, NK),)),
    OfacParty("mansudae", "MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES", "", ("DPRK3",),
              addresses=(("", PY, NK),)),
    OfacParty("rungrado", "KOREA RUNGRADO GENERAL TRADING CORPORATION", "", ("DPRK3",),
              addresses=(("", PY, NK),)),
    OfacParty("southsouth", "KOREA SOUTH-SOUTH COOPERATION CORPORATION", "", ("DPRK3",),
              addresses=(("", PY, NK),)),
    OfacParty("yujong_co", "KOREA YUJONG SHIPPING CO LTD", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("paekma_co", "PAEKMA SHIPPING CO", "", ("DPRK4",), addresses=(("", PY, NK),)),
    OfacParty("firstoil", "FIRST OIL JV CO LTD", "", ("DPRK4",), addresses=(("", PY, NK),)),
    OfacParty("ansan_co", "KOREA ANSAN SHIPPING COMPANY", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("phyongchon", "PHYONGCHON SHIPPING & MARINE", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("myohyang", "MYOHYANG SHIPPING CO", "", ("DPRK4",), addresses=(("", PY, NK),)),
    OfacParty("myongdok", "KOREA MYONGDOK SHIPPING CO", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("kumunsan_co", "KOREA KUMUNSAN SHIPPING CO", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("dawn", "DAWN MARINE MANAGEMENT CO LTD", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    OfacParty("oceanbunkering", "OCEAN BUNKERING JV CO", "", ("DPRK3",),
              addresses=(("", PY, NK),)),
    OfacParty("kumbyol", "KOREA KUMBYOL TRADING COMPANY", "", ("DPRK4",),
              addresses=(("", PY, NK),)),
    # Foreign front companies named by OFAC for DPRK shipping, oil and coal business.
    OfacParty("hongxiang", "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD", "", ("NPWMD",),
              addresses=(("", "Dandong, Liaoning", "China"),)),
    OfacParty("richearth", "DANDONG RICH EARTH TRADING CO., LTD.", "", ("NPWMD",),
              addresses=(("", "Dandong, Liaoning", "China"),)),
    OfacParty("mingzheng", "MINGZHENG INTERNATIONAL TRADING LIMITED", "", ("NPWMD",),
              addresses=(("", "Hong Kong", "China"),)),
    OfacParty("gudzon", "GUDZON SHIPPING CO LLC", "", ("DPRK4",),
              addresses=(("", "", "Russia"),)),
    OfacParty("primorye", "PRIMORYE MARITIME LOGISTICS CO LTD", "", ("DPRK4",),
              addresses=(("", "", "Russia"),)),
    OfacParty("velmur", "VELMUR MANAGEMENT PTE LTD", "", ("DPRK3",),
              addresses=(("", "Singapore", "Singapore"),)),
    OfacParty("transatlantic", "TRANSATLANTIC PARTNERS PTE. LTD.", "", ("DPRK3",),
              addresses=(("", "Singapore", "Singapore"),)),
    OfacParty("koticorp", "KOTI CORP", "", ("DPRK4",), addresses=(("", "Panama City", "Panama"),)),
    OfacParty("yuktung_co", "YUK TUNG ENERGY PTE LTD", "", ("DPRK4",),
              addresses=(("", "Singapore", "Singapore"),)),
    OfacParty("changan", "CHANG AN SHIPPING & TECHNOLOGY", "", ("DPRK4",),
              addresses=(("", "Hong Kong", "China"),)),
    OfacParty("weihai", "WEIHAI WORLD-SHIPPING FREIGHT", "", ("DPRK4",),
              addresses=(("", "Weihai, Shandong", "China"),)),
)

OFAC_DPRK_INDIVIDUALS: tuple[OfacParty, ...] = (
    OfacParty("yun_hojin", "YUN, Ho-Jin", "individual", ("NPWMD",), dob=("13 Oct 1944",),
              nationality=NK, akas=(("aka", "YUN, Ho-chin"),),
              linked_to=("NAMCHONGANG TRADING CORPORATION",)),
    OfacParty("ri_jeson", "RI, Je-Son", "individual", ("NPWMD",), dob=("1938",), nationality=NK),
    OfacParty("ri_hongsop", "RI, Hong-Sop", "individual", ("NPWMD",), dob=("1940",),
              nationality=NK),
    OfacParty("paek_changho", "PAEK, Chang-Ho", "individual", ("NPWMD",), dob=("18 Jun 1964",),
              pob="Kaesong, North Korea", nationality=NK, gender="Male",
              passport="990064118 (Korea, North)"),  # passport INVENTED
    OfacParty("ra_kyongsu", "RA, Kyong-Su", "individual", ("NPWMD",),
              title="Tanchon Commercial Bank Representative to Beijing, China",
              linked_to=("TANCHON COMMERCIAL BANK",)),
    OfacParty("kim_tongmyong", "KIM, Tong-Myo'ng", "individual", ("NPWMD",),
              dob=("1964", "28 Aug 1962"), nationality=NK, linked_to=("TANCHON COMMERCIAL BANK",)),
    OfacParty("kim_jongun", "KIM, Jong Un", "individual", ("DPRK3",),
              title="Chairman of the Workers' Party of Korea", dob=("08 Jan 1984",),
              nationality=NK, gender="Male"),
    OfacParty("kim_yojong", "KIM, Yo Jong", "individual", ("DPRK2",),
              title="Vice Director of the Workers' Party of Korea Propaganda and Agitation Department",
              dob=("26 Sep 1989",), gender="Female"),
    OfacParty("choe_ryonghae", "CHOE, Ryong Hae", "individual", ("DPRK2",),
              title="Director of the Workers' Party of Korea Organization and Guidance Department",
              dob=("15 Jan 1950",), gender="Male"),
    OfacParty("kim_yongchol", "KIM, Yong Chol", "individual", ("DPRK2",),
              title="KOMID Representative in Iran", dob=("18 Feb 1962",), nationality=NK,
              linked_to=("KOREA MINING DEVELOPMENT TRADING CORPORATION",)),
    OfacParty("jang_yongson", "JANG, Yong Son", "individual", ("DPRK2",),
              title="KOMID Representative in Iran", dob=("20 Feb 1957",), nationality=NK,
              linked_to=("KOREA MINING DEVELOPMENT TRADING CORPORATION",)),
    OfacParty("ryu_jin", "RYU, Jin", "individual", ("DPRK2",), title="KOMID official in Syria",
              dob=("07 Aug 1965",), nationality=NK, passport="990041107",  # passport INVENTED
              linked_to=("KOREA MINING DEVELOPMENT TRADING CORPORATION",)),
    OfacParty("jang_songchol", "JANG, Song Chol", "individual", ("DPRK2",),
              title="KOMID representative in Russia", dob=("12 Mar 1967",), nationality=NK,
              linked_to=("KOREA MINING DEVELOPMENT TRADING CORPORATION",)),
    OfacParty("jang_sungnam", "JANG, Sung Nam", "individual", ("NPWMD",),
              title="Chief of the Tangun Trading Corporation branch in Dalian, China",
              dob=("14 Jul 1970",), gender="Male", linked_to=("KOREA TANGUN TRADING CORPORATION",)),
    OfacParty("kang_cholsu", "KANG, Chol Su", "individual", ("NPWMD",),
              title="Korea Ryonbong General Corporation Official", dob=("13 Feb 1969",),
              linked_to=("KOREA RYONBONG GENERAL CORPORATION",)),
    OfacParty("ri_suyong", "RI, Su Yong", "individual", ("NPWMD",),
              title="Korea Ryonbong General Corporation Official", dob=("25 Jun 1968",),
              nationality=NK, gender="Male", linked_to=("KOREA RYONBONG GENERAL CORPORATION",)),
    OfacParty("kim_cholnam", "KIM, Chol Nam", "individual", ("NPWMD",),
              title="President of Korea Kumsan Trading Corporation", dob=("19 Feb 1970",)),
    OfacParty("cho_chunryong", "CHO, Chun-ryong", "individual", ("DPRK2",),
              title="Chairman of the Second Economic Committee", dob=("04 Apr 1960",),
              linked_to=("SECOND ECONOMIC COMMITTEE",)),
    OfacParty("pak_hanse", "PAK, Han Se", "individual", ("NPWMD",),
              title="Vice Chairman of the Second Economic Committee",
              linked_to=("SECOND ECONOMIC COMMITTEE",)),
    OfacParty("kim_namung", "KIM, Nam Ung", "individual", ("DPRK3",),
              title="Ilsim International Bank representative", nationality=NK),
    OfacParty("choe_chunyong", "CHOE, Chun Yong", "individual", ("DPRK3",),
              title="Ilsim International Bank representative", nationality=NK, gender="Male"),
    OfacParty("kim_kyongnam", "KIM, Kyong Nam", "individual", ("NPWMD",),
              title="Foreign Trade Bank of the Democratic People's Republic of Korea "
                    "Representative in Russia",
              dob=("11 Jul 1976",), nationality=NK,
              linked_to=("FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",)),
    OfacParty("ma_xiaohong", "MA, Xiaohong", "individual", ("NPWMD",),
              title="Director of Dandong Hongxiang Industrial Development Co Ltd",
              dob=("15 Dec 1971",), nationality="China",
              linked_to=("DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD",)),
    OfacParty("zhou_jianshu", "ZHOU, Jianshu", "individual", ("NPWMD",),
              title="General Manager, Dandong Hongxiang Industrial Development Co Ltd",
              dob=("15 Jul 1971",), nationality="China",
              linked_to=("DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD",)),
    OfacParty("amtchentsev", "AMTCHENTSEV, Vladlen", "individual", ("DPRK3",),
              dob=("25 Jan 1969",), pob="Klimovsk, Russia", gender="Male",
              linked_to=("VELMUR MANAGEMENT PTE LTD",)),
)


def _v(key, name, imo, programs=("DPRK4",), flag=FLAG_DPRK, **kw) -> OfacParty:
    return OfacParty(key, name, "vessel", programs, imo=imo, vess_flag=flag, **kw)


# Vessels: names, IMO numbers, flags and "Linked To" parties are public record (each IMO passes
# the check digit). MMSIs, call signs, tonnage and years of build are INVENTED where present.
OFAC_DPRK_VESSELS: tuple[OfacParty, ...] = (
    _v("chonmasan", "CHON MA SAN", 8660313, vess_type="Crude/Oil Products Tanker"),
    _v("yujong2", "YU JONG 2", 8604917, vess_type="Crude/Oil Products Tanker",
       mmsi=445108000, call_sign="HMYJ2", linked_to=("KOREA YUJONG SHIPPING CO LTD",)),
    _v("kumunsan3", "KUM UN SAN 3", 8705539, linked_to=("DAWN MARINE MANAGEMENT CO LTD",)),
    _v("paekma", "PAEK MA", 9066978, linked_to=("PAEKMA SHIPPING CO", "FIRST OIL JV CO LTD")),
    # INVENTED: the former Sierra Leone flag is planted for AIS scenario S5a (the cover MMSI);
    # OFAC's real record gives no former flag and links the ship to HAPJANGGANG SHIPPING CORP.
    _v("namsan8", "NAM SAN 8", 8122347, vess_type="Crude/Oil Products Tanker",
       former_flags=("Sierra Leone",)),
    _v("chongrim2", "CHONG RIM 2", 8916293, programs=("DPRK3",),
       akas=(("nka", "SAEBYOL"),), linked_to=("OCEAN BUNKERING JV CO",)),
    _v("yuson", "YU SON", 8691702, linked_to=("MYOHYANG SHIPPING CO",)),
    _v("jisong6", "JI SONG 6", 8898740, linked_to=("PHYONGCHON SHIPPING & MARINE",)),
    _v("ansan1", "AN SAN 1", 7303803, linked_to=("KOREA ANSAN SHIPPING COMPANY",)),
    _v("ryesonggang1", "RYE SONG GANG 1", 7389704, linked_to=("KOREA KUMBYOL TRADING COMPANY",)),
    _v("yuphyong5", "YU PHYONG 5", 8605026, linked_to=("KOREA MYONGDOK SHIPPING CO",)),
    _v("samjong2", "SAM JONG 2", 7408873),
    _v("jisong8", "JI SONG 8", 8503228, linked_to=("PHYONGCHON SHIPPING & MARINE",)),
    _v("songwon", "SONG WON", 8613360),
    _v("woorystar", "WOORY STAR", 8408595, linked_to=("PHYONGCHON SHIPPING & MARINE",)),
    _v("kumunsan", "KUM UN SAN", 8720436, linked_to=("KOREA KUMUNSAN SHIPPING CO",)),
    _v("mudubong", "MU DU BONG", 8328197, programs=("DPRK",), vess_type="General Cargo",
       tonnage="6,697", build_year=1983, linked_to=("OCEAN MARITIME MANAGEMENT COMPANY LIMITED",)),
    _v("chongchongang_v", "CHONG CHON GANG", 7937317, programs=("DPRK",),
       vess_type="General Cargo", linked_to=("CHONGCHONGANG SHIPPING COMPANY LIMITED",)),
    _v("everbright88", "EVER BRIGHT 88", 8914934, programs=("DPRK",), flag="Sierra Leone",
       linked_to=("OCEAN MARITIME MANAGEMENT COMPANY LIMITED",)),
    _v("huafu", "HUA FU", 9020003, flag="Panama", grt="10,030",
       linked_to=("CHANG AN SHIPPING & TECHNOLOGY",)),
    _v("koti", "KOTI", 9417115, flag="Panama", linked_to=("KOTI CORP",)),
    _v("yuktung", "YUK TUNG", 9030591, flag="", linked_to=("YUK TUNG ENERGY PTE LTD",)),
    _v("shangyuanbao", "SHANG YUAN BAO", 8126070, flag="Panama"),
    _v("patriot", "PATRIOT", 9003550, flag="Russia",
       linked_to=("PRIMORYE MARITIME LOGISTICS CO LTD", "GUDZON SHIPPING CO LLC")),
    _v("bogatyr", "BOGATYR", 9085730, flag="Russia", linked_to=("GUDZON SHIPPING CO LLC",)),
    _v("neptun", "NEPTUN", 8404991, flag="Russia", linked_to=("GUDZON SHIPPING CO LLC",)),
)

# Russia-program records used by the AIS scenarios (public record).
OFAC_RUSSIA_REAL: tuple[OfacParty, ...] = (
    OfacParty("mleasing", "M LEASING LLC", "", ("RUSSIA-EO14024",), nk=False,
              addresses=(("", "Moscow", "Russia"),)),
    OfacParty("angara", "ANGARA", "vessel", ("RUSSIA-EO14024",), vess_type="Roll-on Roll-off",
              grt="8811", vess_flag="Russia", imo=9179842, linked_to=("M LEASING LLC",), nk=False),
)

# Snapshot differences 2024-05-01 -> 2024-06-01 (planted; documented in the sample README).
# DELISTED: the DPRK vessel SONG WON (a planted, fictional delisting: in reality it was not
# removed) and one fictional IRAN filler; ADDED: one fictional RUSSIA-EO14024 filler entity;
# AMENDED: CHON MA SAN, whose Remarks gain an MMSI (the one it uses in the AIS sample).
OFAC_DELISTED_KEYS = ("songwon", "filler_iran_07")
OFAC_ADDED_KEYS = ("filler_russia_added",)
OFAC_AMENDED_KEYS = ("chonmasan",)
CHON_MA_SAN_MMSI = 445316000  # INVENTED; added to the OFAC Remarks in the 2024-06-01 snapshot


# --------------------------------------------------------------------------------------------
# UN Security Council consolidated list: DPRK regime (1718 Committee). Reference numbers and
# listing dates are public record (checked against the published list); DATAIDs are invented.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnParty:
    ref: str  # as written, trailing space included where the quirk is planted
    listed_on: str
    names: tuple[str, ...]  # FIRST_NAME, SECOND_NAME, ... (padding planted where present)
    kind: str  # "individual" | "entity"
    comments: str = ""
    designation: tuple[str, ...] = ()
    nationality: str = ""
    dob: tuple[tuple[str, str], ...] = ()  # (TYPE_OF_DATE, value) value: YYYY-MM-DD | YYYY | YYYY-YYYY
    aliases: tuple[tuple[str, str], ...] = ()  # (QUALITY, ALIAS_NAME)
    address: tuple[tuple[str, str, str], ...] = ()  # (STREET, CITY, COUNTRY)
    passport: str = ""  # INVENTED where present
    pob: tuple[str, str] = ()  # (CITY, COUNTRY) of birth
    list_type: str = "DPRK"
    ofac_key: str = ""  # the same real-world party in the OFAC sample, if any
    last_updated: tuple[str, ...] = ()
    fictional: bool = False


DPRK_C = "Democratic People's Republic of Korea"

UN_DPRK_INDIVIDUALS: tuple[UnParty, ...] = (
    UnParty("KPi.001", "2009-07-16", ("YUN", "HO-JIN"), "individual",
            "Director of Namchongang Trading Corporation.",
            ("Director of Namchongang Trading Corporation",), DPRK_C,
            (("EXACT", "1944-10-13"),), (("Good", "Yun Ho-chin"),), (("", PY, DPRK_C),),
            ofac_key="yun_hojin", last_updated=("2022-07-26",)),
    UnParty("KPi.002", "2009-07-16", ("RI", "JE-SON"), "individual",
            "Former Director of the General Bureau of Atomic Energy.", (), DPRK_C,
            (("EXACT", "1938"),), (("Good", "Ri Che-son"),), ofac_key="ri_jeson"),
    UnParty("KPi.003", "2009-07-16", ("HWANG", "SOK-HWA"), "individual",
            "Official of the General Bureau of Atomic Energy.", (), DPRK_C),
    UnParty("KPi.004", "2009-07-16", ("RI", "HONG-SOP"), "individual",
            "Former head of the Yongbyon Nuclear Research Centre.", (), DPRK_C,
            (("EXACT", "1940"),), ofac_key="ri_hongsop"),
    UnParty("KPi.005", "2009-07-16", ("HAN", "YU-RO"), "individual",
            "Director of Korea Ryongaksan General Trading Corporation.", (), DPRK_C),
    UnParty("KPi.006", "2013-01-22", ("PAEK", "CHANG-HO"), "individual",
            "Senior official of the Korean Committee for Space Technology.", (), DPRK_C,
            (("EXACT", "1964-06-18"),), (("Good", "Pak Chang-Ho"),), pob=("Kaesong", DPRK_C),
            passport="990064118", ofac_key="paek_changho"),  # passport INVENTED (same in OFAC)
    UnParty("KPi.007", "2013-01-22", ("CHANG", "MYONG-CHIN"), "individual",
            "General Manager of the Sohae Satellite Launching Station.", (), DPRK_C),
    UnParty("KPi.008", "2013-01-22", ("RA", "KY'ONG-SU"), "individual",
            "Tanchon Commercial Bank official.", ("Tanchon Commercial Bank official",), DPRK_C,
            aliases=(("Good", "Ra Kyong-Su"), ("Low", "Chang Myong Ho")), ofac_key="ra_kyongsu"),
    UnParty("KPi.009", "2013-01-22", ("KIM", "KWANG-IL"), "individual",
            "Tanchon Commercial Bank official.", (), DPRK_C),
    UnParty("KPi.013", "2016-03-02", ("CHOE", "CHUN-SIK"), "individual",
            "Director of the Second Academy of Natural Sciences.", (), DPRK_C),
    UnParty("KPi.017", "2016-03-02", ("JANG", "YONG SON"), "individual",
            "KOMID representative in Iran.", ("KOMID representative",), DPRK_C,
            (("EXACT", "1957-02-20"),), ofac_key="jang_yongson"),
    UnParty("KPi.021", "2016-03-02", ("KIM", "JUNG JONG"), "individual",
            "Tanchon Commercial Bank representative.", (), DPRK_C),
    UnParty("KPi.023", "2016-03-02", ("KIM", "TONG MY'ONG"), "individual",
            "President of Tanchon Commercial Bank.", (), DPRK_C,
            (("APPROXIMATELY", "1964"), ("EXACT", "1962-08-28")),
            (("Good", "Kim Tong-myong"), ("Good", "Kim Jin-so'k")), ofac_key="kim_tongmyong"),
    UnParty("KPi.024", "2016-03-02", ("KIM", " YONG CHOL"), "individual",  # padded name
            "KOMID representative in Iran.", ("KOMID representative",), DPRK_C,
            (("EXACT", "1962-02-18"),), ofac_key="kim_yongchol"),
    UnParty("KPi.027", "2016-03-02", ("RYU", "JIN"), "individual",
            "KOMID official in Syria.", ("KOMID official",), DPRK_C,
            (("EXACT", "1965-08-07"),), passport="990041107", ofac_key="ryu_jin"),
    UnParty("KPi.029", "2016-11-30", ("PAK", "CHUN IL"), "individual",
            "DPRK Ambassador to Egypt.", ("DPRK Ambassador to Egypt",), DPRK_C),
    UnParty("KPi.034 ", "2016-11-30", ("JO", "YONG CHOL"), "individual",  # ref with trailing space
            "Ministry of State Security official stationed abroad.", (), DPRK_C),
    UnParty("KPi.035", "2016-11-30", ("KIM", "CHOL SAM"), "individual",
            "Representative for Daedong Credit Bank.", (), DPRK_C),
    UnParty("KPi.038", "2016-11-30", ("CHO", "CHUN RYONG"), "individual",
            "Chairman of the Second Economic Committee.", (), DPRK_C,
            (("EXACT", "1960-04-04"),), ofac_key="cho_chunryong"),
    UnParty("KPi.044", "2017-06-02", ("KIM ", "CHOL NAM"), "individual",  # padded name
            "President of the Korea Kumsan Trading Corporation.", (), DPRK_C,
            (("EXACT", "1970-02-19"),), ofac_key="kim_cholnam"),
    UnParty("KPi.049", "2017-06-02", ("PAK", "HAN SE"), "individual",
            "Vice Chairman of the Second Economic Committee.", (), DPRK_C, ofac_key="pak_hanse"),
    UnParty("KPi.052", "2017-06-02", ("RI", "SU YONG"), "individual",
            "Official for Korea Ryonbong General Corporation.", (), DPRK_C,
            (("EXACT", "1968-06-25"),), ofac_key="ri_suyong"),
    UnParty("KPi.054", "2017-08-05", ("CHOE", "CHUN YONG"), "individual",
            "Representative for Ilsim International Bank.", (), DPRK_C, ofac_key="choe_chunyong"),
    UnParty("KPi.056", "2017-08-05", ("JANG", "SONG CHOL"), "individual",
            "KOMID representative in Russia.", (), DPRK_C,
            (("EXACT", "1967-03-12"),), ofac_key="jang_songchol"),
    UnParty("KPi.057", "2017-08-05", ("JANG", "SUNG NAM"), "individual",
            "Chief of the Tangun Trading Corporation branch overseas.", (), DPRK_C,
            (("EXACT", "1970-07-14"),), ofac_key="jang_sungnam"),
    UnParty("KPi.059", "2017-08-05", ("KANG", "CHOL SU"), "individual",
            "Official for Korea Ryonbong General Corporation.", (), DPRK_C,
            (("EXACT", "1969-02-13"),), ofac_key="kang_cholsu"),
    UnParty("KPi.061", "2017-08-05", ("KIM", "NAM UNG"), "individual",
            "Representative for Ilsim International Bank.", (), DPRK_C, ofac_key="kim_namung"),
    UnParty("KPi.066", "2017-12-22", ("KIM", "JONG SIK"), "individual",
            "Leading official in DPRK weapons development.", (), DPRK_C),
    UnParty("KPi.074", "2017-12-22", ("RI", "CHUN HWAN"), "individual",
            "Foreign Trade Bank representative overseas.", (), DPRK_C),
    UnParty("KPi.080", "2018-03-30", ("TSANG", "YUNG YUAN"), "individual",
            "Coordinated DPRK coal exports and oil transfers."),
)

UN_DPRK_ENTITIES: tuple[UnParty, ...] = (
    UnParty("KPe.001", "2009-04-24", ("KOREA MINING DEVELOPMENT TRADING CORPORATION",), "entity",
            "Primary arms dealer and main exporter of goods and equipment related to ballistic "
            "missiles and conventional weapons.",
            aliases=(("a.k.a.", "CHANGGWANG SINYONG CORPORATION"), ("a.k.a.", '"KOMID"')),
            address=(("Central District", PY, DPRK_C),), ofac_key="komid"),
    UnParty("KPe.002", "2009-04-24", ("KOREA RYONBONG GENERAL CORPORATION",), "entity",
            "Defence conglomerate specialising in acquisition for DPRK defence industries.",
            aliases=(("f.k.a.", "LYONGAKSAN GENERAL TRADING CORPORATION"),),
            address=(("Pot'onggang District", PY, DPRK_C),), ofac_key="ryonbong"),
    UnParty("KPe.003", "2009-04-24", ("TANCHON COMMERCIAL BANK",), "entity",
            "Main DPRK financial entity for sales of conventional arms, ballistic missiles and "
            "related goods.", address=(("Saemul 1-Dong Pyongchon District", PY, DPRK_C),),
            ofac_key="tanchon"),
    UnParty("KPe.004", "2009-07-16", ("NAMCHONGANG TRADING CORPORATION",), "entity",
            "Trading company involved in procurement for the nuclear programme.",
            address=(("", PY, DPRK_C),), ofac_key="namchongang"),
    UnParty("KPe.006", "2009-07-16", ("KOREA HYOKSIN TRADING CORPORATION",), "entity",
            "Subordinate of Korea Ryonbong General Corporation.", ofac_key="hyoksin"),
    UnParty("KPe.008", "2009-07-16", ("KOREAN TANGUN TRADING CORPORATION",), "entity",
            "Procures commodities and technologies for defence research.", ofac_key="tangun"),
    UnParty("KPe.010", "2012-05-02", ("GREEN PINE ASSOCIATED CORPORATION",), "entity",
            "Exports arms and related materiel.", ofac_key="greenpine"),
    UnParty("KPe.011", "2012-05-02", ("KOREA HEUNGJIN TRADING COMPANY",), "entity",
            "Trading company used by KOMID."),  # UN only in this sample
    UnParty("KPe.013", "2013-01-22", ("BANK OF EAST LAND",), "entity",
            "Facilitates weapons-related transactions."),  # UN only in this sample
    UnParty("KPe.015", "2013-01-22", ("  TOSONG TECHNOLOGY TRADING CORPORATION",), "entity",
            "Front company of KOMID."),  # padded name; UN only in this sample
    UnParty("KPe.020", "2014-07-28", ("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)",),
            "entity", "Operator or manager of a fleet of DPRK cargo vessels.",
            aliases=(("a.k.a.", "OMM"),), address=(("Donghung Dong, Central District", PY, DPRK_C),),
            ofac_key="omm"),
    UnParty("KPe.022", "2016-03-02", ("CHONGCHONGANG SHIPPING COMPANY",), "entity",
            "Owner of the vessel CHONG CHON GANG.", ofac_key="chongchongang"),
    UnParty("KPe.023 ", "2016-03-02", ("DAEDONG CREDIT BANK (DCB)",), "entity",
            "SWIFT: DCBKKPPY. Provided financial services to KOMID and Tanchon Commercial Bank.",
            aliases=(("a.k.a.", "DCB"), ("a.k.a.", "Taedong Credit Bank")),
            address=(("Pyongchon District", PY, DPRK_C),), ofac_key="dcb"),
    UnParty("KPe.025", "2016-03-02", ("KOREA KWANGSON BANKING CORPORATION (KKBC)",), "entity",
            "Provides financial services in support of Tanchon Commercial Bank and Korea Hyoksin "
            "Trading Corporation.", aliases=(("a.k.a.", "KKBC"),), ofac_key="kkbc"),
    UnParty("KPe.028", "2016-03-02", ("MUNITIONS INDUSTRY DEPARTMENT",), "entity",
            "Involved in key aspects of the missile programme.", ofac_key="mid"),
    UnParty("KPe.030", "2016-03-02", ("OFFICE 39",), "entity", "DPRK government entity.",
            aliases=(("a.k.a.", "THIRD FLOOR"),), ofac_key="office39"),
    UnParty("KPe.031", "2016-03-02", ("RECONNAISSANCE GENERAL BUREAU",), "entity",
            "The DPRK's premiere intelligence organisation.", aliases=(("a.k.a.", "RGB"),),
            ofac_key="rgb"),
    UnParty("KPe.032", "2016-03-02", ("SECOND ECONOMIC COMMITTEE",), "entity",
            "Oversees the production of ballistic missiles.", ofac_key="sec"),
    UnParty("KPe.034", "2016-11-30", ("ILSIM INTERNATIONAL BANK",), "entity",
            "Affiliated with the DPRK military."),  # UN only in this sample
    UnParty("KPe.045 ", "2017-06-02", ("KORYO BANK",), "entity",
            "Associated with Office 38.", ofac_key="koryobank"),
    UnParty("KPe.047", "2017-08-05", ("FOREIGN TRADE BANK (FTB)",), "entity",
            "State-owned bank that acts as the DPRK's primary foreign exchange bank.",
            address=(("FTB Building, Jungsong-dong, Central District", PY, DPRK_C),),
            ofac_key="ftb"),
    UnParty("KPe.048", "2017-08-05", ("KOREAN NATIONAL INSURANCE COMPANY (KNIC)",), "entity",
            "DPRK financial and insurance company affiliated with Office 39.",
            aliases=(("a.k.a.", "Korea Foreign Insurance Company"),), ofac_key="knic"),
    UnParty("KPe.050", "2017-08-05", ("MANSUDAE OVERSEAS PROJECT GROUP OF COMPANIES",), "entity",
            "Exports workers for construction and related activities.", ofac_key="mansudae"),
    UnParty("KPe.057", "2018-03-30", ("FIRST OIL JV CO LTD",), "entity",
            "Owner of vessels involved in ship-to-ship transfers.", ofac_key="firstoil"),
    UnParty("KPe.062", "2018-03-30", ("KOREA ANSAN SHIPPING COMPANY",), "entity",
            "Registered owner of the AN SAN 1.", ofac_key="ansan_co"),
    UnParty("KPe.066", "2018-03-30", ("KOREA YUJONG SHIPPING CO LTD",), "entity",
            "Registered owner of the YU JONG 2.", ofac_key="yujong_co"),
    UnParty("KPe.067", "2018-03-30", ("KOTI CORP",), "entity",
            "Registered owner of the KOTI.", address=(("", "Panama City", "Panama"),),
            ofac_key="koticorp"),
    UnParty("KPe.068", "2018-03-30", ("MYOHYANG SHIPPING CO",), "entity",
            "Registered owner of the YU SON.", ofac_key="myohyang"),
    UnParty("KPe.069", "2018-03-30", ("PAEKMA SHIPPING CO",), "entity",
            "Registered owner of the PAEK MA.", ofac_key="paekma_co"),
    UnParty("KPe.070", "2018-03-30", ("PHYONGCHON SHIPPING & MARINE",), "entity",
            "Registered owner of the JI SONG 6.", ofac_key="phyongchon"),
    UnParty("KPe.074", "2018-03-30", ("WEIHAI WORLD-SHIPPING FREIGHT",), "entity",
            "Operator of a vessel that transported DPRK coal.",
            address=(("", "Weihai, Shandong", "China"),), ofac_key="weihai"),
    UnParty("KPe.075", "2018-03-30", ("YUK TUNG ENERGY PTE LTD",), "entity",
            "Operator of a vessel involved in a ship-to-ship transfer with a DPRK tanker.",
            address=(("", "Singapore", "Singapore"),), ofac_key="yuktung_co"),
)


# --------------------------------------------------------------------------------------------
# Comtrade: reporters, partner and the HS6 product mix.
# --------------------------------------------------------------------------------------------

REPORTERS = {
    156: ("CHN", "China"),
    643: ("RUS", "Russian Federation"),
    699: ("IND", "India"),  # Comtrade code (M49 is 356)
    764: ("THA", "Thailand"),
}
PARTNER_DPRK = (408, "PRK", "Dem. People's Rep. of Korea")

# qty units (Comtrade / WCO codes)
UNIT_KG = (8, "kg")
UNIT_U = (5, "u")
UNIT_KWH = (3, "1000 kWh")


@dataclass(frozen=True)
class Product:
    hs: str
    desc: str
    price: float  # USD per kg, or per unit for "u" / per 1000 kWh for electricity
    weights: tuple[float, ...]  # relative weight per year 2017..2024 (0 = not traded)
    unit: tuple[int, str] = UNIT_KG
    kg_per_unit: float = 0.0  # for unit "u"
    last_month_2017: int = 12  # traded in 2017 only up to this month (bans)
    core: bool = True  # reported every month it trades (else in roughly half the months)


YEARS = tuple(range(2017, 2025))

CHINA_EXPORTS: tuple[Product, ...] = (
    Product("150710", "Soya-bean oil and its fractions; crude oil, whether or not degummed", 1.0,
            (4, 8, 8, 10, 8, 8, 6, 6)),
    Product("100630", "Rice; semi-milled or wholly milled, whether or not polished or glazed", 0.55,
            (3, 6, 6, 10, 8, 8, 6, 6)),
    Product("110100", "Wheat or meslin flour", 0.45, (3, 6, 6, 12, 14, 10, 7, 7)),
    Product("170199", "Sugars; cane or beet sugar, refined, in solid form, other than with added "
            "flavouring or colouring matter", 0.62, (2, 4, 4, 6, 6, 5, 4, 4)),
    Product("540752", "Fabrics, woven; containing 85% or more by weight of textured polyester "
            "filaments, dyed", 3.2, (10, 5, 6, 3, 2, 4, 5, 5)),
    Product("551512", "Fabrics, woven; of polyester staple fibres, mixed mainly or solely with "
            "man-made filaments", 3.0, (6, 3, 4, 2, 1, 3, 4, 4), core=False),
    Product("310210", "Fertilizers, mineral or chemical; nitrogenous, urea, whether or not in "
            "aqueous solution", 0.35, (2, 4, 5, 7, 12, 8, 5, 5)),
    Product("401120", "New pneumatic tyres, of rubber; of a kind used on buses or lorries", 150.0,
            (3, 4, 4, 3, 2, 3, 3, 3), unit=UNIT_U, kg_per_unit=52.0, core=False),
    Product("390110", "Polyethylene having a specific gravity of less than 0.94; in primary forms",
            1.2, (2, 3, 4, 3, 2, 3, 3, 3), core=False),
    Product("670300", "Human hair, dressed, thinned, bleached or otherwise worked; materials "
            "prepared for use in making wigs or the like", 25.0, (3, 10, 14, 10, 6, 10, 18, 18)),
    Product("300490", "Medicaments; n.e.c. in heading 3004, packaged for retail sale", 20.0,
            (1, 1, 1, 2, 3, 2, 1, 1), core=False),
    # Before UNSCR 2397 (2017-12-22) banned supplies of machinery, vehicles and metals to the DPRK.
    Product("847989", "Machines and mechanical appliances; having individual functions, n.e.c.",
            8.0, (6, 0, 0, 0, 0, 0, 0, 0), last_month_2017=11),
    Product("850440", "Electrical static converters", 12.0, (3, 0, 0, 0, 0, 0, 0, 0),
            last_month_2017=11, core=False),
    Product("720851", "Iron or non-alloy steel; flat-rolled, width 600mm or more, not in coils, "
            "hot-rolled, thickness exceeding 10mm", 0.6, (5, 0, 0, 0, 0, 0, 0, 0),
            last_month_2017=11),
    Product("870323", "Motor cars and other motor vehicles; principally designed for the transport "
            "of persons, spark-ignition engine, cylinder capacity over 1500cc but not over 3000cc",
            21500.0, (2, 0, 0, 0, 0, 0, 0, 0), unit=UNIT_U, kg_per_unit=1450.0,
            last_month_2017=11, core=False),
)

# Refined petroleum (UNSCR 2397 cap): small monthly volumes, netWgt in kg.
CHINA_PETROLEUM: tuple[Product, ...] = (
    Product("271012", "Petroleum oils and oils obtained from bituminous minerals, not crude; light "
            "oils and preparations", 0.92, (1, 1, 1, 1, 1, 1, 1, 1)),
    Product("271019", "Petroleum oils and oils obtained from bituminous minerals, not crude; other "
            "than light oils and preparations", 0.84, (1, 1, 1, 1, 1, 1, 1, 1)),
)

CHINA_IMPORTS: tuple[Product, ...] = (
    Product("670420", "Wigs, false beards, eyebrows and eyelashes, switches and the like; of human "
            "hair", 150.0, (3, 10, 12, 8, 6, 9, 14, 14)),
    Product("670411", "Wigs, complete; of synthetic textile materials", 40.0,
            (2, 5, 5, 4, 3, 4, 5, 5)),
    Product("720221", "Ferro-alloys; ferro-silicon, containing by weight more than 55% of silicon",
            1.3, (1, 3, 3, 2, 1, 2, 2, 2), core=False),
    Product("261390", "Molybdenum ores and concentrates; other than roasted", 15.0,
            (1, 2, 2, 2, 1, 2, 2, 2), core=False),
    Product("261100", "Tungsten ores and concentrates", 12.0, (1, 2, 2, 2, 2, 2, 2, 2), core=False),
    Product("271600", "Electrical energy", 40.0, (2, 4, 4, 6, 8, 5, 4, 4), unit=UNIT_KWH),
    Product("910811", "Watch movements; complete and assembled, electrically operated, with "
            "mechanical display only", 2.1, (1, 1, 1, 1, 1, 1, 1, 1), unit=UNIT_U,
            kg_per_unit=0.006, core=False),
    # Before UNSCR 2371 (2017-08-05: iron ore, seafood, lead) and 2375 (2017-09-11: textiles).
    Product("260111", "Iron ores and concentrates; non-agglomerated", 0.065,
            (5, 0, 0, 0, 0, 0, 0, 0), last_month_2017=7),
    Product("620342", "Trousers, bib and brace overalls, breeches and shorts; men's or boys', of "
            "cotton (not knitted or crocheted)", 15.0, (12, 0, 0, 0, 0, 0, 0, 0), last_month_2017=8),
    Product("620462", "Trousers, bib and brace overalls, breeches and shorts; women's or girls', of "
            "cotton (not knitted or crocheted)", 15.0, (9, 0, 0, 0, 0, 0, 0, 0), last_month_2017=8),
    Product("030743", "Molluscs; cuttle fish and squid, frozen", 2.4, (4, 0, 0, 0, 0, 0, 0, 0),
            last_month_2017=7),
    Product("260700", "Lead ores and concentrates", 1.6, (2, 0, 0, 0, 0, 0, 0, 0),
            last_month_2017=7, core=False),
    Product("500200", "Silk; raw silk (not thrown)", 45.0, (1, 0, 0, 0, 0, 0, 0, 0),
            last_month_2017=8, core=False),
)

COAL = Product("270112", "Coal; bituminous, whether or not pulverised, but not agglomerated",
               0.085, (0,) * 8)


@dataclass(frozen=True)
class PlantedTrade:
    """A fixed trade row planted by the generator (documented in the README and scenarios)."""

    id: str
    reporter: int
    flow: str
    year: int
    month: int
    hs: str
    value_usd: int
    note: str


# Monthly shape of the China-DPRK series per (flow, year): border closures and bans.
MONTH_PROFILE: dict[tuple[str, int], tuple[float, ...]] = {
    ("X", 2017): (8, 6, 9, 9, 9, 8, 9, 8, 10, 8, 8, 8),
    ("M", 2017): (14, 12, 12, 12, 12, 12, 12, 10, 3, 2, 2, 2),
    ("X", 2018): (7, 6, 8, 8, 9, 9, 9, 9, 9, 9, 9, 8),
    ("M", 2018): (8, 7, 8, 8, 8, 9, 9, 9, 9, 9, 8, 8),
    ("X", 2019): (8, 7, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9),
    ("M", 2019): (8, 7, 8, 8, 8, 9, 9, 9, 9, 9, 8, 8),
    ("X", 2020): (14, 10, 3, 4, 5, 14, 12, 4, 3, 0.2, 0.1, 0.1),
    ("M", 2020): (10, 9, 4, 3, 3, 6, 5, 3, 3, 1, 1, 1),
    ("X", 2021): (1, 0.3, 5, 0.5, 1, 4, 4, 3, 3, 6, 30, 40),
    ("M", 2021): (1, 0.5, 3, 2, 3, 5, 6, 8, 8, 9, 8, 7),
    ("X", 2022): (7, 9, 13, 12, 2, 1, 2, 5, 10, 14, 13, 15),
    ("M", 2022): (6, 6, 9, 9, 5, 4, 6, 8, 10, 12, 12, 13),
    ("X", 2023): (6, 7, 8, 8, 8, 8, 9, 9, 9, 10, 9, 10),
    ("M", 2023): (6, 6, 7, 8, 8, 8, 9, 9, 9, 10, 9, 10),
    ("X", 2024): (9, 9, 8, 8, 8, 8, 8, 8, 8, 9, 8, 9),
    ("M", 2024): (8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 8, 9),
}

# Other reporters (annual, v1 CSV): small, realistic magnitudes (USD), invented split.
# Russia stopped publishing partner detail after 2021, so its file ends in 2021.
@dataclass(frozen=True)
class Line:
    """One HS6 line of another reporter's annual file, with its share of the flow's total."""

    hs: str
    desc: str
    price: float
    unit: tuple[int, str]
    kg_per_unit: float
    share: float


OTHER_REPORTERS: dict[int, dict[str, object]] = {
    643: {
        "years": (2017, 2018, 2019, 2020, 2021),
        "X": (Line("110100", "Wheat or meslin flour", 0.3, UNIT_KG, 0.0, 0.45),
              Line("271019", "Petroleum oils, not crude; other than light oils", 0.7, UNIT_KG, 0.0,
                   0.35),
              Line("271012", "Petroleum oils, not crude; light oils and preparations", 0.8, UNIT_KG,
                   0.0, 0.2)),
        "M": (Line("920110", "Pianos; upright pianos", 2800.0, UNIT_U, 230.0, 0.6),
              Line("330499", "Beauty or make-up preparations and preparations for the care of the "
                   "skin", 9.0, UNIT_KG, 0.0, 0.4)),
        "totals_X": (77_700_000, 42_600_000, 46_800_000, 41_900_000, 40_400_000),
        "totals_M": (1_200_000, 1_850_000, 770_000, 310_000, 40_000),
    },
    699: {
        "years": (2017, 2018, 2019, 2020, 2021, 2022, 2023),
        "X": (Line("300490", "Medicaments; n.e.c. in heading 3004, packaged for retail sale", 18.0,
                   UNIT_KG, 0.0, 0.55),
              Line("230400", "Oil-cake and other solid residues; from soya-bean oil extraction",
                   0.45, UNIT_KG, 0.0, 0.45)),
        "M": (Line("330300", "Perfumes and toilet waters", 30.0, UNIT_KG, 0.0, 1.0),),
        "totals_X": (48_000_000, 12_400_000, 9_800_000, 2_600_000, 1_100_000, 1_500_000, 2_200_000),
        "totals_M": (3_200_000, 900_000, 600_000, 120_000, 40_000, 30_000, 60_000),
    },
    764: {
        "years": (2017, 2018, 2019, 2020, 2021, 2022, 2023),
        "X": (Line("100630", "Rice; semi-milled or wholly milled", 0.5, UNIT_KG, 0.0, 0.7),
              Line("170199", "Sugars; cane or beet sugar, refined, in solid form", 0.55, UNIT_KG,
                   0.0, 0.3)),
        "M": (Line("670420", "Wigs, false beards, eyebrows and eyelashes; of human hair", 140.0,
                   UNIT_KG, 0.0, 1.0),),
        "totals_X": (24_000_000, 3_100_000, 2_900_000, 800_000, 150_000, 400_000, 700_000),
        "totals_M": (5_100_000, 350_000, 220_000, 90_000, 20_000, 30_000, 45_000),
    },
}


# --------------------------------------------------------------------------------------------
# AIS: the vessels of the sample. DPRK / Russian names and IMO numbers tied to OFAC records are
# public record; every MMSI, call sign, dimension is INVENTED, and every vessel with
# ``fictional=True`` is invented outright (name, IMO and MMSI).
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AisVessel:
    key: str
    name: str
    mmsi: int
    imo: int | None  # None: broadcasts no IMO
    call_sign: str
    vessel_type: int  # AIS ship type: 30 fishing, 60 passenger, 70 cargo, 80 tanker
    length: int
    width: int
    draft: float | None
    flag: str
    transceiver: str = "A"
    heading_sensor: bool = True  # False: heading always 511 (not available)
    imo_blank_style: str = "IMO0000000"  # how a missing IMO is written: "IMO0000000" or ""
    fictional: bool = False
    ofac_key: str = ""
    note: str = ""


def _fimo(stem: int) -> int:
    """Fictional IMO numbers start with 4: no ship IMO number below 5000000 has been issued."""
    return imo_with_check_digit(stem)


AIS_VESSELS: tuple[AisVessel, ...] = (
    AisVessel("yujong2", "YU JONG 2", 445108000, 8604917, "HMYJ2", 80, 76, 12, 4.8, "DPRK",
              ofac_key="yujong2", heading_sensor=False),
    AisVessel("sealumina3", "SEA LUMINA 3", 671223100, _fimo(490113), "5VLU3", 80, 104, 16, 6.9,
              "Togo", fictional=True, note="S1 counterpart; not on any list"),
    AisVessel("mudubong", "MU DU BONG", 445427000, 8328197, "HMMD", 70, 118, 18, 6.2, "DPRK",
              ofac_key="mudubong", heading_sensor=False),
    AisVessel("angara", "ANGARA", 273215660, 9179842, "UBAN8", 70, 122, 20, 5.6, "Russia",
              ofac_key="angara"),
    AisVessel("khanaltai8", "KHAN ALTAI 8", 457900123, _fimo(471402), "JVAL8", 70, 96, 15, 5.9,
              "Mongolia", fictional=True),
    AisVessel("hualin16", "HUA LIN 16", 413207550, _fimo(480317), "BOHL6", 70, 180, 28, 9.8,
              "China", fictional=True),
    AisVessel("bluecamellia", "BLUE CAMELLIA", 613456200, _fimo(462208), "TJBC2", 70, 89, 14, 5.4,
              "Cameroon", fictional=True),
    AisVessel("zolotoyrog5", "ZOLOTOY ROG 5", 273318240, _fimo(451906), "UFZR5", 70, 110, 17, 6.4,
              "Russia", fictional=True),
    AisVessel("sunpromise5", "SUN PROMISE 5", 667001437, 8122347, "9LSP5", 80, 82, 13, 5.1,
              "Sierra Leone", ofac_key="namsan8",
              note="NAM SAN 8 (IMO 8122347) broadcasting a fictional name and a Sierra Leone MMSI"),
    AisVessel("namsan8", "NAM SAN 8", 445563000, 8122347, "HMNS8", 80, 82, 13, 5.1, "DPRK",
              ofac_key="namsan8"),
    AisVessel("everbright88", "EVER BRIGHT 88", 445672000, 8914934, "HMEB8", 70, 98, 16, 5.7,
              "DPRK", ofac_key="everbright88",
              note="OFAC lists the flag as Sierra Leone; broadcasts a DPRK (445) MMSI"),
    AisVessel("chonmasan", "CHON MA SAN", 445316000, 8660313, "HMCM", 80, 88, 14, 5.5, "DPRK",
              ofac_key="chonmasan", heading_sensor=False),
    AisVessel("pacificorchid7", "PACIFIC ORCHID 7", 356781000, _fimo(483521), "3EPO7", 70, 190,
              32, 10.5, "Panama", fictional=True),
    AisVessel("jinshun9", "JIN SHUN 9", 414359000, _fimo(476604), "BRJS9", 70, 140, 22, 8.1,
              "China", fictional=True),
    AisVessel("dalianxing2", "DA LIAN XING 2", 412330470, _fimo(458810), "BODX2", 70, 116, 18, 6.8,
              "China", fictional=True),
    AisVessel("hongyun5", "HONG YUN 5", 412330480, _fimo(458827), "BOHY5", 70, 112, 18, 6.6,
              "China", fictional=True),
    AisVessel("songrim7", "SONG RIM 7", 445801000, None, "HMSR7", 70, 72, 11, 4.4, "DPRK",
              fictional=True, heading_sensor=False),
    AisVessel("bohaijade", "BOHAI JADE", 413301900, _fimo(487309), "BOBJ", 60, 167, 25, 6.2,
              "China", fictional=True),
    AisVessel("liaodanyu", "LIAO DAN YU 35218", 412908765, None, "", 30, 38, 7, None, "China",
              transceiver="B", heading_sensor=False, imo_blank_style="", fictional=True),
    AisVessel("capemagnolia", "CAPE MAGNOLIA", 371442000, _fimo(492714), "3FCM4", 70, 225, 32,
              12.4, "Panama", fictional=True),
    AisVessel("shengyou8", "SHENG YOU 8", 413665100, _fimo(468135), "BRSY8", 80, 128, 20, 7.6,
              "China", fictional=True),
    AisVessel("arsenyevtrader", "ARSENYEV TRADER", 273449810, _fimo(455602), "UBAT7", 70, 132, 20,
              7.1, "Russia", fictional=True),
    AisVessel("xiangrui6", "XIANG RUI 6", 414712300, _fimo(479923), "BQXR6", 70, 150, 24, 8.8,
              "China", fictional=True),
    AisVessel("primorskybereg", "PRIMORSKY BEREG", 273312870, _fimo(449014), "UGPB3", 80, 96, 15,
              5.8, "Russia", fictional=True),
    AisVessel("lurongyu", "LU RONG YU 6075", 412417605, None, "", 30, 42, 8, None, "China",
              transceiver="B", heading_sensor=False, imo_blank_style="", fictional=True),
)

# Danish Maritime Authority file: a fictional Russian tanker transiting the Great Belt, plus a few
# fictional local vessels.
DMA_TANKER = AisVessel("arktikvolna", "ARKTIK VOLNA", 273356120, _fimo(493306), "UCAV4", 80, 228,
                       42, 13.1, "Russia", fictional=True)


def vessel(key: str) -> AisVessel:
    for v in AIS_VESSELS:
        if v.key == key:
            return v
    if key == DMA_TANKER.key:
        return DMA_TANKER
    raise KeyError(key)

