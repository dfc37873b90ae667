"""UN Security Council consolidated list (XML) for the sample.

Same element structure as the published ``consolidated.xml``: INDIVIDUALS/INDIVIDUAL and
ENTITIES/ENTITY with DATAID, VERSIONNUM, name parts, UN_LIST_TYPE, REFERENCE_NUMBER, LISTED_ON,
COMMENTS1, LIST_TYPE, LAST_DAY_UPDATED, aliases, addresses, dates and places of birth, documents,
SORT_KEY; empty placeholder elements where the list has no value; 4-space indentation; LF; no
newline after the root's closing tag. DPRK (1718) records are public-record parties with their
real reference numbers and listing dates; DATAIDs (9900001+) are invented; the other-regime
records (reference numbers .9NN) are fictional fillers.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from orchestration.sample.world import UN_DPRK_ENTITIES, UN_DPRK_INDIVIDUALS, UnParty

DATE_GENERATED = "2024-05-15T23:00:03.118Z"
FILE_NAME = "consolidated_2024-05-15.xml"
DATAID_BASE = 9900001
NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")

# Fictional records of other regimes: (kind, list type, ref, listed_on, names, nationality,
# dob spec, gender, comments)
FILLERS: tuple[UnParty, ...] = (
    UnParty("QDi.901", "2011-06-08", ("HAMID", "NURI", "AL-QASIRI"), "individual",
            "Fictional record of the Tumen sample.", (), "Yemen", (("BETWEEN", "1966-1971"),),
            (("Good", "Abu Nuri al-Qasiri"), ("Low", "Hamid al-Yamani")),
            list_type="Al-Qaida", passport="99A0071423", fictional=True),
    UnParty("QDi.902", "2014-09-23", ("SALIM", "FARIS", "AL-BARRADI"), "individual",
            "Fictional record of the Tumen sample.", (), "Syrian Arab Republic",
            (("APPROXIMATELY", "1979"),), list_type="Al-Qaida", fictional=True),
    UnParty("QDi.903", "2016-02-01", ("YASIN", " ADIL", "AL-ZUHAYLI"), "individual",  # padded
            "Fictional record of the Tumen sample.", (), "Iraq",
            (("EXACT", "1983-07-14"), ("EXACT", "1984-07-14")), list_type="Al-Qaida",
            fictional=True),
    UnParty("QDi.904", "2019-11-05", ("KAMAL", "JABIR", "AL-SAFRANI"), "individual",
            "Fictional record of the Tumen sample.", (), "", (("BETWEEN", "1958-1963"),),
            list_type="Al-Qaida", fictional=True),
    UnParty("TAi.901", "2001-01-25", ("ABDUL", "RAHIM", "GULZARI"), "individual",
            "Fictional record of the Tumen sample.", ("Deputy Minister (fictional)",),
            "Afghanistan", (("APPROXIMATELY", "1962"),), (("Good", "Mullah Gulzari"),),
            list_type="Taliban", fictional=True),
    UnParty("TAi.902", "2001-01-31", ("NOOR", "AHMAD", "SHERZADI"), "individual",
            "Fictional record of the Tumen sample.", (), "Afghanistan",
            (("BETWEEN", "1970-1975"),), list_type="Taliban", fictional=True),
    UnParty("LYi.901", "2011-03-17", ("KHALID", "MUFTAH", "AL-WARFALLI"), "individual",
            "Fictional record of the Tumen sample.", ("Former official (fictional)",), "Libya",
            (("EXACT", "1955"),), list_type="Libya", fictional=True),
    UnParty("SOi.901", "2014-03-12", ("ISMAIL", "HASSAN", "GEELLE"), "individual",
            "Fictional record of the Tumen sample.", (), "Somalia", (("APPROXIMATELY", "1976"),),
            list_type="Somalia", fictional=True),
    UnParty("CDi.901", "2018-02-01", ("JEAN-PIERRE", "MBUYI", "KALONGA"), "individual",
            "Fictional record of the Tumen sample.", (), "Democratic Republic of the Congo",
            (("EXACT", "1974-05-09"),), list_type="DRC", fictional=True),
    UnParty("IQi.901", "2004-04-07", ("FAISAL", "KARIM", "AL-TIKRITI", "AL-NASIRI"), "individual",
            "Fictional record of the Tumen sample.", (), "Iraq", (("EXACT", "1949-12-02"),),
            list_type="Iraq", fictional=True),
    UnParty("QDi.905", "2021-05-21", ("MUNIR", "TARIQ", "AL-HAWWARI"), "individual",
            "Fictional record of the Tumen sample.", (), "Yemen", (), list_type="Al-Qaida",
            fictional=True),
    UnParty("QDi.906 ", "2022-10-10", ("RAFIQ", "HISHAM", "AL-TANUKHI"), "individual",
            "Fictional record of the Tumen sample.", (), "", (("APPROXIMATELY", "1988"),),
            list_type="Al-Qaida", fictional=True),
    UnParty("QDe.901", "2012-06-13", ("AL-NUR CHARITABLE RELIEF FOUNDATION",), "entity",
            "Fictional record of the Tumen sample.",
            aliases=(("a.k.a.", "NUR RELIEF"),), address=(("", "Sanaa", "Yemen"),),
            list_type="Al-Qaida", fictional=True),
    UnParty("QDe.902", "2017-08-09", ("HARAKAT AL-FAJR AL-JADID",), "entity",
            "Fictional record of the Tumen sample.", list_type="Al-Qaida", fictional=True),
    UnParty("LYe.901", "2011-03-17", ("LIBYAN COASTAL INVESTMENT HOLDING",), "entity",
            "Fictional record of the Tumen sample.", address=(("", "Tripoli", "Libya"),),
            list_type="Libya", fictional=True),
    UnParty("IQe.901", "2004-04-07", ("AL-RAFIDAIN TRADING ESTABLISHMENT (FICTIONAL)",), "entity",
            "Fictional record of the Tumen sample.", address=(("", "Baghdad", "Iraq"),),
            list_type="Iraq", fictional=True),
    UnParty("SOe.901", "2016-07-21", ("SHABELLE HAWALA SERVICES",), "entity",
            "Fictional record of the Tumen sample.", list_type="Somalia", fictional=True),
    UnParty("CDe.901", "2016-12-30", ("KIVU MINERALS COOPERATIVE",), "entity",
            "Fictional record of the Tumen sample.",
            address=(("", "Goma", "Democratic Republic of the Congo"),),
            list_type="DRC", fictional=True),
    UnParty("TAe.901", "2001-01-25", ("KANDAHAR FREIGHT UNION",), "entity",
            "Fictional record of the Tumen sample.", list_type="Taliban", fictional=True),
    UnParty("QDe.903 ", "2020-02-26", ("AL-SAHIL FINANCE BUREAU",), "entity",
            "Fictional record of the Tumen sample.", list_type="Al-Qaida", fictional=True),
)


class _W:
    def __init__(self):
        self.lines: list[str] = []

    def el(self, depth: int, tag: str, text: str | None) -> None:
        pad = "    " * depth
        if text is None or text == "":
            self.lines.append(f"{pad}<{tag}/>")
        else:
            self.lines.append(f"{pad}<{tag}>{escape(text)}</{tag}>")

    def open(self, depth: int, tag: str) -> None:
        self.lines.append("    " * depth + f"<{tag}>")

    def close(self, depth: int, tag: str) -> None:
        self.lines.append("    " * depth + f"</{tag}>")

    def values(self, depth: int, tag: str, values) -> None:
        self.open(depth, tag)
        if values:
            for v in values:
                self.el(depth + 1, "VALUE", v)
        else:
            self.el(depth + 1, "VALUE", None)
        self.close(depth, tag)


def _dob(w: _W, kind: str, value: str) -> None:
    w.open(3, "INDIVIDUAL_DATE_OF_BIRTH")
    w.el(4, "TYPE_OF_DATE", kind)
    if kind == "BETWEEN":
        a, b = value.split("-")
        w.el(4, "FROM_YEAR", a)
        w.el(4, "TO_YEAR", b)
    elif len(value) == 4:
        w.el(4, "YEAR", value)
    else:
        w.el(4, "DATE", value)
    w.close(3, "INDIVIDUAL_DATE_OF_BIRTH")


def _individual(w: _W, dataid: int, p: UnParty, version: int) -> None:
    w.open(2, "INDIVIDUAL")
    w.el(3, "DATAID", str(dataid))
    w.el(3, "VERSIONNUM", str(version))
    for tag, name in zip(NAME_TAGS, p.names):
        w.el(3, tag, name)
    w.el(3, "UN_LIST_TYPE", p.list_type)
    w.el(3, "REFERENCE_NUMBER", p.ref)
    w.el(3, "LISTED_ON", p.listed_on)
    if p.fictional:
        w.el(3, "GENDER", "Male")
    w.el(3, "COMMENTS1", p.comments)
    if p.designation:
        w.values(3, "DESIGNATION", p.designation)
    if p.nationality:
        w.values(3, "NATIONALITY", (p.nationality,))
    w.values(3, "LIST_TYPE", ("UN List",))
    w.values(3, "LAST_DAY_UPDATED", p.last_updated)
    for quality, alias in p.aliases or (("", ""),):
        w.open(3, "INDIVIDUAL_ALIAS")
        w.el(4, "QUALITY", quality)
        w.el(4, "ALIAS_NAME", alias)
        w.close(3, "INDIVIDUAL_ALIAS")
    for street, city, country in p.address or (("", "", ""),):
        w.open(3, "INDIVIDUAL_ADDRESS")
        if street:
            w.el(4, "STREET", street)
        if city:
            w.el(4, "CITY", city)
        w.el(4, "COUNTRY", country)
        w.close(3, "INDIVIDUAL_ADDRESS")
    if p.dob:
        for kind, value in p.dob:
            _dob(w, kind, value)
    else:
        w.open(3, "INDIVIDUAL_DATE_OF_BIRTH")
        w.el(4, "TYPE_OF_DATE", None)
        w.close(3, "INDIVIDUAL_DATE_OF_BIRTH")
    w.open(3, "INDIVIDUAL_PLACE_OF_BIRTH")
    if p.pob:
        w.el(4, "CITY", p.pob[0])
        w.el(4, "COUNTRY", p.pob[1])
    else:
        w.el(4, "COUNTRY", None)
    w.close(3, "INDIVIDUAL_PLACE_OF_BIRTH")
    if p.passport:
        w.open(3, "INDIVIDUAL_DOCUMENT")
        w.el(4, "TYPE_OF_DOCUMENT", "Passport")
        w.el(4, "NUMBER", p.passport)
        country = p.nationality if p.list_type != "DPRK" else "Democratic People's Republic of Korea"
        w.el(4, "COUNTRY_OF_ISSUE", country)
        w.close(3, "INDIVIDUAL_DOCUMENT")
    else:
        w.el(3, "INDIVIDUAL_DOCUMENT", None)
    w.el(3, "SORT_KEY", None)
    w.el(3, "SORT_KEY_LAST_MOD", None)
    w.close(2, "INDIVIDUAL")


def _entity(w: _W, dataid: int, p: UnParty, version: int) -> None:
    w.open(2, "ENTITY")
    w.el(3, "DATAID", str(dataid))
    w.el(3, "VERSIONNUM", str(version))
    w.el(3, "FIRST_NAME", p.names[0])
    w.el(3, "UN_LIST_TYPE", p.list_type)
    w.el(3, "REFERENCE_NUMBER", p.ref)
    w.el(3, "LISTED_ON", p.listed_on)
    w.el(3, "COMMENTS1", p.comments)
    w.values(3, "LIST_TYPE", ("UN List",))
    if p.last_updated:
        w.values(3, "LAST_DAY_UPDATED", p.last_updated)
    for quality, alias in p.aliases or (("", ""),):
        w.open(3, "ENTITY_ALIAS")
        w.el(4, "QUALITY", quality)
        w.el(4, "ALIAS_NAME", alias)
        w.close(3, "ENTITY_ALIAS")
    for street, city, country in p.address or (("", "", ""),):
        w.open(3, "ENTITY_ADDRESS")
        if street:
            w.el(4, "STREET", street)
        if city:
            w.el(4, "CITY", city)
        w.el(4, "COUNTRY", country)
        w.close(3, "ENTITY_ADDRESS")
    w.el(3, "SORT_KEY", None)
    w.el(3, "SORT_KEY_LAST_MOD", None)
    w.close(2, "ENTITY")


def write_un(out: Path, rng: np.random.Generator, emit) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    individuals = list(UN_DPRK_INDIVIDUALS) + [p for p in FILLERS if p.kind == "individual"]
    entities = list(UN_DPRK_ENTITIES) + [p for p in FILLERS if p.kind == "entity"]
    everyone = individuals + entities
    dataids = {id(p): DATAID_BASE + i for i, p in enumerate(everyone)}
    w = _W()
    w.lines.append("<?xml version='1.0' encoding='UTF-8'?>")
    w.lines.append(
        "<CONSOLIDATED_LIST xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' "
        "xsi:noNamespaceSchemaLocation='https://www.un.org/sc/resources/sc-sanctions.xsd' "
        f"dateGenerated='{DATE_GENERATED}'>")
    w.open(1, "INDIVIDUALS")
    for i in rng.permutation(len(individuals)):
        p = individuals[int(i)]
        _individual(w, dataids[id(p)], p, 2 if p.last_updated else 1)
    w.close(1, "INDIVIDUALS")
    w.open(1, "ENTITIES")
    for i in rng.permutation(len(entities)):
        p = entities[int(i)]
        _entity(w, dataids[id(p)], p, 2 if p.last_updated else 1)
    w.close(1, "ENTITIES")
    w.lines.append("</CONSOLIDATED_LIST>")
    path = out / FILE_NAME
    path.write_bytes("\n".join(w.lines).encode("utf-8"))
    n = len(individuals) + len(entities)
    emit(path, n)
    return {FILE_NAME: n}
