"""OFAC SDN legacy CSV snapshots (sdn.csv, add.csv, alt.csv, sdn_comments.csv) for the sample.

Format as OFAC publishes it: no header, CRLF, text fields in double quotes, numbers bare, the
null marker is the whole field ``-0- `` (trailing space), several programs as ``NPWMD] [DPRK2``,
Remarks cut at 1,000 characters with the rest in sdn_comments.csv, and a Ctrl-Z (0x1A) as the
last byte. DPRK-program records are public-record parties (see ``world``); every other record is
a fictional filler, so that programs are mixed as in the real file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from orchestration.sample.world import (
    CHON_MA_SAN_MMSI,
    NK_SECONDARY,
    OFAC_ADDED_KEYS,
    OFAC_AMENDED_KEYS,
    OFAC_DELISTED_KEYS,
    OFAC_DPRK_ENTITIES,
    OFAC_DPRK_INDIVIDUALS,
    OFAC_DPRK_VESSELS,
    OFAC_RUSSIA_REAL,
    OfacParty,
    imo_with_check_digit,
)

NULL = "-0- "
SNAPSHOTS = ("2024-05-01", "2024-06-01")
ENT_NUM_BASE = 900001
ADD_NUM_BASE = 910001
ALT_NUM_BASE = 920001
REMARKS_LIMIT = 1000


def _q(value: str) -> str:
    """A text field: quoted, or the null marker when empty."""
    if not value:
        return NULL
    if '"' in value:
        raise ValueError(f"OFAC text fields carry no double quotes: {value!r}")
    return f'"{value}"'


def remarks(p: OfacParty) -> str:
    parts: list[str] = []
    for i, d in enumerate(p.dob):
        parts.append(("alt. DOB " if i else "DOB ") + d)
    if p.pob:
        parts.append(f"POB {p.pob}")
    if p.nationality:
        parts.append(f"nationality {p.nationality}")
    if p.gender:
        parts.append(f"Gender {p.gender}")
    for i, f in enumerate(p.former_flags):
        parts.append(("alt. " if i else "") + f"Former Vessel Flag {f}")
    parts += list(p.extra)
    if p.nk:
        parts.append(NK_SECONDARY)
    if p.passport:
        parts.append(f"Passport {p.passport}")
    if p.build_year:
        parts.append(f"Vessel Year of Build {p.build_year}")
    if p.imo:
        parts.append(f"Vessel Registration Identification IMO {p.imo}")
    if p.mmsi:
        parts.append(f"MMSI {p.mmsi}")
    if p.title and p.sdn_type == "individual":
        parts.append(p.title)
    prefix = {"aka": "a.k.a.", "fka": "f.k.a.", "nka": "n.k.a."}
    for kind, name in p.akas:
        parts.append(f"{prefix[kind]} '{name}'")
    for link in p.linked_to:
        parts.append(f"Linked To: {link}")
    text = "; ".join(parts)
    return text if not text or text.endswith(".") else text + "."


# ------------------------------------------------------------------------------------------------
# Fictional filler records (non-DPRK programs)
# ------------------------------------------------------------------------------------------------

_RU_ROOTS = ("SEVER", "VOSTOK", "ZAPAD", "PROM", "TEKH", "STROI", "NEFTE", "MASH", "RESURS",
             "TRANS", "SNAB", "KOMPLEKT", "POLI", "METALL", "PRIBOR", "RADIO", "AVTO", "LES")
_RU_TAILS = ("-YUG", "-TSENTR", "-M", "-K", "-2000", " PLYUS", "-OPTIMA", "-VEKTOR")
_RU_SURNAME = ("BELOZ", "ZARECH", "KRASNOG", "LUGOV", "VESNIN", "TIKHOMIR", "GRADOV", "OZERSK",
               "STEPNYAK", "YAROSLAV", "KOVYL", "ZHURAVL", "POLYN", "SKALIST", "TUMANOV")
_RU_SUFFIX = ("TSEV", "ENKOV", "INSKY", "YANIN", "OVICH", "ISHIN")
_RU_FIRST = (("Andrei", "Male"), ("Sergei", "Male"), ("Pavel", "Male"), ("Oleg", "Male"),
             ("Dmitri", "Male"), ("Yelena", "Female"), ("Irina", "Female"), ("Nikolai", "Male"))
_RU_PATR = ("Ivanovich", "Petrovich", "Sergeyevich", "Olegovich", "Viktorovich")
_RU_CITIES = ("Moscow", "Saint Petersburg", "Yekaterinburg", "Novosibirsk", "Vladivostok",
              "Khabarovsk", "Nizhny Novgorod", "Kazan")
_IR_WORDS = ("SEPID", "KAVEH", "NAVID", "TABAN", "ROSHAN", "DARYAN", "SAHRA", "BARAN", "MEHRAN",
             "ARVIN", "SHAYAN", "PARVIN")
_IR_TAILS = ("TRADING COMPANY", "COMMERCIAL GROUP", "INDUSTRIAL CO.", "ENGINEERING COMPANY",
             "PETROCHEMICAL TRADING CO.")
_AR_FAMILY = ("AL-QASIRI", "AL-MUHTADI", "AL-BARRADI", "AL-ZUHAYLI", "AL-SAFRANI", "AL-HAWWARI",
              "AL-RUSHAYDI", "AL-TANUKHI")
_AR_GIVEN = ("Hamid Nuri", "Salim Faris", "Yasin Adil", "Kamal Jabir", "Tariq Munir",
             "Hisham Rafiq", "Nabil Zayd", "Fadi Anwar")
_CU_WORDS = ("CARIBE", "TURQUINO", "AURORA", "PALMARES", "CAYO", "MAREA", "CEIBA", "ZAFRA")
_CU_TAILS = ("COMERCIAL", "IMPORTADORA", "DISTRIBUIDORA", "INMOBILIARIA", "MARITIMA")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _pick(rng: np.random.Generator, seq):
    return seq[int(rng.integers(0, len(seq)))]


def _dob(rng: np.random.Generator, lo: int = 1950, hi: int = 1988) -> str:
    return f"{int(rng.integers(1, 29)):02d} {_pick(rng, _MONTHS)} {int(rng.integers(lo, hi))}"


def _unique(rng, make, used: set[str]) -> str:
    for _ in range(200):
        name = make()
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("name space exhausted")


def fillers(rng: np.random.Generator) -> list[OfacParty]:
    """About 100 fictional records in other programs, plus the one added in June."""
    used: set[str] = set()
    out: list[OfacParty] = []

    def ru_company():
        form = _pick(rng, ("LIMITED LIABILITY COMPANY", "JOINT STOCK COMPANY", "OOO", "AO"))
        a, b = rng.choice(len(_RU_ROOTS), size=2, replace=False)
        return f"{form} {_RU_ROOTS[int(a)]}{_RU_ROOTS[int(b)]}{_pick(rng, _RU_TAILS)}"

    long_forms = {"OOO": "LIMITED LIABILITY COMPANY", "AO": "JOINT STOCK COMPANY",
                  "LIMITED LIABILITY COMPANY": "OOO", "JOINT STOCK COMPANY": "AO"}
    for i in range(26):
        name = _unique(rng, ru_company, used)
        extra = ("Organization Established Date " + _dob(rng, 1992, 2018),
                 f"Tax ID No. 99{int(rng.integers(10**7, 10**8 - 1))} (Russia)")
        akas = ()
        if i % 3 == 0:  # the other transliteration of the legal form
            form = next(f for f in ("LIMITED LIABILITY COMPANY", "JOINT STOCK COMPANY", "OOO", "AO")
                        if name.startswith(f + " "))
            akas = (("aka", long_forms[form] + name[len(form):]),)
        out.append(OfacParty(f"filler_russia_{i:02d}", name, "", ("RUSSIA-EO14024",), nk=False,
                             extra=extra, akas=akas,
                             addresses=(("", _pick(rng, _RU_CITIES), "Russia"),), fictional=True))
    # One fictional bank whose Remarks run past 1,000 characters (continued in sdn_comments.csv).
    long_extra = (
        "SWIFT/BIC ZVKBRU9X", "Website www.zvezdnyi-kredit.example",
        "Executive Order 14024 Directive Information - For more information on directives, please "
        "visit the following link: https://ofac.treasury.gov/sanctions-programs-and-country-"
        "information/russian-harmful-foreign-activities-sanctions#directives",
        "Listing Date (EO 14024 Directive 2): 24 Feb 2022",
        "Effective Date (EO 14024 Directive 2): 26 Mar 2022",
        "Listing Date (EO 14024 Directive 3): 24 Feb 2022",
        "Effective Date (EO 14024 Directive 3): 26 Mar 2022",
        "Organization Established Date 11 Nov 1993", "Target Type Financial Institution",
        "Registration Number 9901027739000 (Russia)", "Tax ID No. 9907736011 (Russia)",
        "Government Gazette Number 99120447 (Russia)",
        "Legal Entity Number 9990000ZVEZDNYIKRED12 (Russia)",
        "Business Registration Number 99-4410-2207 (Russia)",
        "alt. Registration Number 9901027739117 (Russia)",
        "Company Number 99881201 (Russia)",
        "a.k.a. 'ZVEZDNYI KREDIT BANK'", "a.k.a. 'ZK BANK'",
        "Secondary sanctions risk: this person is designated for operating or having operated in "
        "a sector of the Russian Federation economy determined to support Russia's "
        "military-industrial base pursuant to section 11 of Executive Order 14024, as amended by "
        "Executive Order 14114",
        "Linked To: LIMITED LIABILITY COMPANY ZVEZDNYI HOLDING-TSENTR",
    )
    out.append(OfacParty("filler_russia_longbank", "JOINT STOCK COMMERCIAL BANK ZVEZDNYI KREDIT",
                         "", ("RUSSIA-EO14024",), nk=False, extra=long_extra,
                         akas=(), addresses=(("Ulitsa Zvezdnaya 7", "Moscow 101000", "Russia"),),
                         fictional=True))
    for i in range(12):
        first, gender = _pick(rng, _RU_FIRST)
        sur = _pick(rng, _RU_SURNAME) + _pick(rng, _RU_SUFFIX)
        name = _unique(rng, lambda: f"{sur}, {first} {_pick(rng, _RU_PATR)}", used)
        out.append(OfacParty(f"filler_russia_ind_{i:02d}", name, "individual", ("RUSSIA-EO14024",),
                             dob=(_dob(rng),), pob=f"{_pick(rng, _RU_CITIES)}, Russia",
                             nationality="Russia", gender=gender, nk=False,
                             extra=(f"Tax ID No. 99{int(rng.integers(10**9, 10**10 - 1))} (Russia)",),
                             addresses=(("", _pick(rng, _RU_CITIES), "Russia"),), fictional=True))
    iran: list[OfacParty] = []
    for i in range(20):
        name = _unique(rng, lambda: f"{_pick(rng, _IR_WORDS)} {_pick(rng, _IR_WORDS)} "
                                    f"{_pick(rng, _IR_TAILS)}", used)
        iran.append(OfacParty(f"filler_iran_{i:02d}", name, "", ("IRAN", "SDGT") if i % 4 == 0
                             else ("IRAN",), nk=False,
                             extra=("Additional Sanctions Information - Subject to Secondary "
                                    "Sanctions",),
                             addresses=(("", _pick(rng, ("Tehran", "Bandar Abbas", "Isfahan")),
                                         "Iran"),), fictional=True))
    out += iran
    for i, (nm, stem) in enumerate((("KAVIR STAR", 495501), ("DARYAN PEARL", 496612))):
        imo = imo_with_check_digit(stem)
        out.append(OfacParty(f"filler_iran_vessel_{i}", nm, "vessel", ("IRAN",), nk=False,
                             vess_type="Crude/Oil Products Tanker", tonnage="99,0%02d" % (10 + i),
                             grt="56,0%02d" % (40 + i), vess_flag="Iran", imo=imo,
                             extra=("Additional Sanctions Information - Subject to Secondary "
                                    "Sanctions",), fictional=True,
                             linked_to=(iran[i].name,)))
    out.append(OfacParty("filler_iran_aircraft", "EP-QXZ", "aircraft", ("IRAN", "SDGT"), nk=False,
                         extra=("Aircraft Construction Number (also called L/N or S/N or F/N) 9921",
                                "Aircraft Manufacture Date 1991", "Aircraft Model IL76-TD",
                                "Aircraft Manufacturer's Serial Number (MSN) 9904183121"),
                         linked_to=(iran[2].name,), fictional=True))
    for i in range(20):
        name = _unique(rng, lambda: f"{_pick(rng, _AR_FAMILY)}, {_pick(rng, _AR_GIVEN)}", used)
        akas = ((("aka", "ABU " + name.split(", ")[1].split()[1].upper()),) if i % 4 == 1 else ())
        out.append(OfacParty(f"filler_sdgt_{i:02d}", name, "individual", ("SDGT",), nk=False,
                             dob=(_dob(rng, 1960, 1992),), akas=akas,
                             pob=_pick(rng, ("Aden, Yemen", "Idlib, Syria", "Mosul, Iraq",
                                             "Sanaa, Yemen")),
                             gender="Male", fictional=True,
                             addresses=(("", "", _pick(rng, ("Yemen", "Syria", "Iraq"))),)))
    for i in range(15):
        name = _unique(rng, lambda: f"EMPRESA {_pick(rng, _CU_TAILS)} {_pick(rng, _CU_WORDS)}, S.A.",
                       used)
        out.append(OfacParty(f"filler_cuba_{i:02d}", name, "", ("CUBA",), nk=False,
                             addresses=(("", "Havana", "Cuba"),), fictional=True))
    added = _unique(rng, ru_company, used)
    out.append(OfacParty(OFAC_ADDED_KEYS[0], added, "", ("RUSSIA-EO14024",), nk=False,
                         extra=("Organization Established Date 02 Apr 2019",
                                "Tax ID No. 9925367781 (Russia)"),
                         addresses=(("", "Vladivostok", "Russia"),), fictional=True))
    return out


# ------------------------------------------------------------------------------------------------
# Snapshots
# ------------------------------------------------------------------------------------------------


def records(rng: np.random.Generator) -> tuple[list[tuple[int, OfacParty]], list[tuple[int, OfacParty]]]:
    """(May snapshot, June snapshot) as lists of (ent_num, party), ordered by ent_num."""
    real = list(OFAC_DPRK_ENTITIES + OFAC_DPRK_INDIVIDUALS + OFAC_DPRK_VESSELS + OFAC_RUSSIA_REAL)
    fill = fillers(rng)
    added = [p for p in fill if p.key in OFAC_ADDED_KEYS]
    base = real + [p for p in fill if p.key not in OFAC_ADDED_KEYS]
    order = rng.permutation(len(base))  # mixes programs, as ent_num order does in the real file
    may = [(ENT_NUM_BASE + i, base[int(j)]) for i, j in enumerate(order)]
    june = []
    for ent, p in may:
        if p.key in OFAC_DELISTED_KEYS:
            continue
        if p.key in OFAC_AMENDED_KEYS:
            p = replace(p, mmsi=CHON_MA_SAN_MMSI)
        june.append((ent, p))
    june += [(ENT_NUM_BASE + len(may) + k, p) for k, p in enumerate(added)]
    return may, june


def _sdn_line(ent: int, p: OfacParty) -> tuple[str, str | None]:
    rem = remarks(p)
    rest = None
    if len(rem) > REMARKS_LIMIT:
        rem, rest = rem[:REMARKS_LIMIT], rem[REMARKS_LIMIT:]
    fields = [
        str(ent), _q(p.name), _q(p.sdn_type), _q("] [".join(p.programs)), _q(p.title),
        _q(p.call_sign), _q(p.vess_type), _q(p.tonnage), _q(p.grt), _q(p.vess_flag), NULL,
        _q(rem),
    ]
    return ",".join(fields), rest


def _finish(lines: list[str]) -> bytes:
    return "".join(line + "\r\n" for line in lines).encode("ascii") + b"\x1a"


def write_snapshot(folder: Path, snapshot: list[tuple[int, OfacParty]], emit) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    sdn, add, alt, comments = [], [], [], []
    add_num, alt_num = ADD_NUM_BASE, ALT_NUM_BASE
    for ent, p in snapshot:
        line, rest = _sdn_line(ent, p)
        sdn.append(line)
        if rest:
            comments.append(f"{ent},{_q(rest)}")
        default_country = p.nationality if p.sdn_type == "individual" else ""
        addresses = p.addresses or (("", "", default_country),)
        for street, city, country in addresses:
            add.append(f"{ent},{add_num},{_q(street)},{_q(city)},{_q(country)},{NULL}")
            add_num += 1
        for kind, name in p.akas:
            alt.append(f"{ent},{alt_num},{_q(kind)},{_q(name)},{NULL}")
            alt_num += 1
    counts = {}
    for name, lines in (("sdn.csv", sdn), ("add.csv", add), ("alt.csv", alt),
                        ("sdn_comments.csv", comments)):
        (folder / name).write_bytes(_finish(lines))
        counts[name] = len(lines)
        emit(folder / name, len(lines))
    return counts


def write_ofac(out: Path, rng: np.random.Generator, emit):
    """Write both snapshots; return (May, June) as lists of (ent_num, party) for the README."""
    may, june = records(rng)
    for day, snap in zip(SNAPSHOTS, (may, june)):
        write_snapshot(out / day, snap, emit)
    return may, june
