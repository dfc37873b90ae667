"""UK sanctions lists for the sample: the legacy OFSI Consolidated List (ConList CSV, 2020) and
the FCDO UK Sanctions List (XML, 2024).

* ``uk_sanctions/2020-03-02/ConList.csv``: the 2020 ConList layout as the real excerpt shows it
  (``../shared/realdata/sanctions_uk/``, read for its layout only): Windows-1252 bytes (curly
  quotes ``’ “ ”`` and ``´`` as single bytes), LF line ends, a header that opens with an empty cell
  (30 header cells, 29 fields per row), one row per name × date of birth × address, rows sorted by
  name so a group's rows are scattered, ``00`` for unknown day and month (``00/00/1938``), UN
  references inside Other Information in several spellings (``UN Ref KPi.001.``,
  ``UN REF:KPe.004.``, ``UN Ref.KPI.024.``), a vessel filed as an Entity with its IMO number in
  Other Information, and one Korean name with its parts in the wrong columns (as ``IL, Kim Kyong``
  in the real excerpt).
* ``uk_sanctions/2024-05-20/UK-Sanctions-List.xml``: the FCDO XML (root ``Designations`` with
  ``DateGenerated``; Unique IDs ``DPR0001…``/``RUS0001…``; OFSI Group IDs equal to the ConList's
  for the same party; UN references; ships with IMO numbers, current and previous owners and
  flags).

Every UK designation that existed on 2020-03-02 is in the ConList; two of them are gone by 2024
(``UK_DELISTED_KEYS``), and the designations made after 2020 are only in the FCDO list.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from orchestration.sample import parties as P
from orchestration.sample.parties import Party, RuParty

CONLIST_FILE = "ConList.csv"
FCDO_FILE = "UK-Sanctions-List.xml"

REGIME_DPRK_FCDO = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"
REGIME_RUSSIA_FCDO = "The Russia (Sanctions) (EU Exit) Regulations 2019"
REGIME_DPRK_CONLIST = "North Korea (Democratic People's Republic of Korea)"
REGIME_UKRAINE_CONLIST = "Ukraine (Sovereignty)"

# The ConList header of 2020 (column names only, as the real excerpt writes them: a leading empty
# cell before Name 6).
CONLIST_HEADER = (
    "", "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB",
    "Town of Birth", "Country of Birth", "Nationality", "Passport Details", "NI Number",
    "Position", "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type", "Regime",
    "Listed On", "Last Updated", "Group ID",
)

# Planted quirks (documented in the README)
FCDO_UN_REF_WRITTEN = {"un:KPi.034": "KPI.034"}  # upper-case "I"; others as the UN writes them
CONLIST_UN_REF_STYLE = {"un:KPe.004": "UN REF:{ref}.", "un:KPi.024": "UN Ref.{upper}.",
                        "un:KPi.049": "UN REF: {ref}"}
CONLIST_SWAPPED_NAME = ("un:KPi.027",)  # RYU JIN written as Name 6 "JIN", Name 1 "Ryu"
NAME_VARIATION = {"un:KPi.006": ("Chang-Ho", "PAEK")}  # FCDO "Primary Name Variation"
CP1252_NAMES = {"un:KPi.023": "Tong My’ong", "un:KPi.008": "Ky’ong Su"}  # curly apostrophe

# Ships: previous owners and flags are INVENTED (fictional names); current owner = the party OFAC
# links the vessel to (public record); current flag: North Korea.
SHIP_HISTORY = {
    "imo:8660313": ("BLUE LOTUS MARITIME LTD", ("Tuvalu",)),
    "imo:8604917": ("SEA PHOENIX SHIPPING CO", ("Mongolia", "Cambodia")),
    "imo:8705539": ("GOLDEN TIDE SHIPMANAGEMENT LTD", ("Comoros",)),
    "imo:9066978": ("OCEAN JADE MARINE CORP", ("Togo",)),
    "imo:8122347": ("NORTHERN STAR MARITIME INC", ("Sierra Leone",)),
}
SHIP_SANCTIONS = "Asset freeze|Prohibition of port entry|Deflag"
# Statements of reasons for the UK's own (fictional) designations: one generic sentence each.
LAST_UPDATED_FCDO = "2020-12-31"  # INVENTED: the day the UK regulations took over from the EU's


@dataclass
class UkName:
    name1: str
    name6: str
    kind: str  # Primary Name | Primary Name Variation | Alias
    strength: str = ""


@dataclass
class UkRecord:
    key: str
    group_id: int
    unique_id: str
    un_ref: str  # as the FCDO XML writes it
    un_reference: str  # the reference itself
    kind: str  # Individual | Entity | Ship
    source: str  # UN | UK
    regime_fcdo: str
    regime_conlist: str
    designated: str  # ISO
    names: list[UkName]
    non_latin: list[tuple[str, str, str]] = field(default_factory=list)
    position: str = ""
    dobs: list[str] = field(default_factory=list)  # ISO date or bare year
    town_of_birth: str = ""
    country_of_birth: str = ""
    nationality: str = ""
    passport: str = ""
    other: str = ""
    statement: str = ""
    sanctions: str = ""
    # (line 1, line 6, FCDO country, ConList country)
    addresses: list[tuple[str, str, str, str]] = field(default_factory=list)
    imo: int | None = None
    owner: str = ""
    ship_history: tuple[str, tuple[str, ...]] | None = None
    conlist: bool = True  # on the 2020 ConList
    fcdo: bool = True  # on the 2024 FCDO list


def _person_alias(alias: str) -> tuple[str, str]:
    """'Pak Chang-Ho' -> ('Chang-Ho', 'PAK'): the UK writes the family name in Name 6."""
    first, _, rest = alias.strip().partition(" ")
    return rest, first.upper()


def _dprk_record(p: Party) -> UkRecord:
    group = P.ofsi_group_id(p.key)
    unique = P.IDS.uk_unique.get(p.key, "")
    un_side = bool(p.un_ref)
    if p.key in P.AUTONOMOUS_DATES:
        designated = P.AUTONOMOUS_DATES[p.key]
    elif p.kind == "vessel":
        designated = P.VESSEL_DATE
    else:
        designated = p.un_listed_on
    rec = UkRecord(
        key=p.key, group_id=group, unique_id=unique,
        un_ref=FCDO_UN_REF_WRITTEN.get(p.key, p.un_ref), un_reference=p.un_reference,
        kind={"person": "Individual", "entity": "Entity", "vessel": "Ship"}[p.kind],
        source="UN" if un_side or p.kind == "vessel" else "UK",
        regime_fcdo=REGIME_DPRK_FCDO, regime_conlist=REGIME_DPRK_CONLIST, designated=designated,
        names=[], position=p.position,
        conlist=designated < P.CONLIST_DATE and p.key not in _UK_ONLY_KEYS,
        fcdo=p.key not in P.UK_DELISTED_KEYS,
    )
    if p.kind == "person":
        rec.names.append(UkName(P.uk_person_name1(p), p.surname, "Primary Name"))
        if p.key in NAME_VARIATION:
            rec.names.append(UkName(*NAME_VARIATION[p.key], "Primary Name Variation"))
        for quality, alias in p.aliases:
            name1, name6 = _person_alias(alias)
            rec.names.append(UkName(name1, name6, "Alias",
                                    "Low quality a.k.a" if quality == "Low" else "Good quality a.k.a"))
        rec.dobs = [b.value for b in p.births]
        rec.town_of_birth = p.town_of_birth
        rec.country_of_birth = "North Korea" if p.town_of_birth else ""
        rec.nationality = "North Korea" if p.nationality else ""
        rec.passport = p.passport
        rec.sanctions = "Asset freeze|Travel Ban"
    else:
        rec.names.append(UkName("", p.name, "Primary Name"))
        for _quality, alias in p.aliases:
            rec.names.append(UkName("", alias.strip('"'), "Alias", "Good quality a.k.a"))
        rec.sanctions = SHIP_SANCTIONS if p.kind == "vessel" else "Asset freeze"
    for street, city, country in p.address:
        _, _, fcdo, conlist = P.COUNTRIES[country]
        rec.addresses.append((street, city, fcdo, conlist))
    if p.kind == "vessel":
        rec.imo = p.imo
        rec.owner = p.linked_to
        rec.ship_history = SHIP_HISTORY[p.key]
        rec.other = f"Vessel linked to {p.linked_to}."
    elif un_side:
        rec.other = p.comments
    else:
        rec.other = p.comments or (p.position + "." if p.position else "")
        rec.statement = (f"{P.syllables(p.given) + ' ' + p.surname if p.kind == 'person' else p.name} "
                         "is involved in generating revenue for the DPRK government or its "
                         "weapons programmes in breach of UN Security Council resolutions "
                         "(fictional statement of the Tumen sample).")
    return rec


_UK_ONLY_KEYS = {p.key for p in P.UK_ONLY}


def _russia_record(r: RuParty) -> UkRecord:
    if r.kind == "person":
        names = [UkName(r.uk_name1, r.uk_name6, "Primary Name")]
    else:
        names = [UkName("", r.uk_name6, "Primary Name")]
        if r.alias:
            names.append(UkName("", r.alias, "Alias", "Good quality a.k.a"))
    other = "; ".join(x for x in (f"Tax Identification Number (INN): {r.inn}" if r.inn else "",
                                  f"Registration Number (OGRN): {r.ogrn}" if r.ogrn else "") if x)
    rec = UkRecord(
        key=r.key, group_id=P.ofsi_group_id(r.key), unique_id=P.IDS.uk_unique.get(r.key, ""),
        un_ref="", un_reference="", kind="Individual" if r.kind == "person" else "Entity",
        source="UK", regime_fcdo=REGIME_RUSSIA_FCDO, regime_conlist=REGIME_UKRAINE_CONLIST,
        designated=r.uk, names=names,
        non_latin=[(r.cyrillic, "Cyrillic", "Russian")] if r.cyrillic else [],
        other=(other + "." if other else ""),
        statement="Involved in obtaining a benefit from or supporting the Government of Russia "
                  "(fictional statement of the Tumen sample).",
        sanctions="Asset freeze|Travel Ban" if r.kind == "person"
        else "Asset freeze|Trust services sanctions",
        conlist=r.conlist_2020, fcdo=r.uk_2024,
    )
    if r.kind == "person":
        rec.dobs = [r.birth] if r.birth else []
        rec.nationality = "Russia"
        rec.position = ""
    if r.city:
        rec.addresses.append(("", r.city, "Russia", "Russia"))
    return rec


def records() -> list[UkRecord]:
    """Every UK record of either year, DPRK first (Unique ID order), then Russia."""
    out = [_dprk_record(P.party(k)) for k in P.uk_dprk_keys()]
    out += [_russia_record(P.ru_party(k)) for k in P.uk_russia_keys()]
    return out


# ------------------------------------------------------------------------------------------------
# ConList 2020
# ------------------------------------------------------------------------------------------------


def _conlist_dob(value: str) -> str:
    if len(value) == 4:
        return f"00/00/{value}"  # the ConList writes an unknown day and month as 00
    return P.dmy(value)


def _conlist_other(rec: UkRecord) -> str:
    if rec.kind == "Ship":
        return f"IMO: {rec.imo}. {rec.other}"
    if rec.un_reference:
        style = CONLIST_UN_REF_STYLE.get(rec.key, "UN Ref {ref}.")
        marker = style.format(ref=rec.un_reference, upper=rec.un_reference.upper())
        return f"{marker} {rec.other}".strip()
    if rec.regime_conlist == REGIME_UKRAINE_CONLIST:
        return (f"Associated with the so-called “People´s Militia” in eastern Ukraine. "
                f"{rec.other}").strip()
    return rec.other


def conlist_rows() -> list[list[str]]:
    rows = []
    for rec in records():
        if not rec.conlist:
            continue
        other = _conlist_other(rec)
        group_type = "Entity" if rec.kind == "Ship" else rec.kind  # no Ship group type until 2022
        regime = rec.regime_conlist
        listed = P.dmy(rec.designated)
        dobs = [_conlist_dob(d) for d in rec.dobs] or [""]
        addresses = rec.addresses or [("", "", "", "")]
        for i, name in enumerate(rec.names):
            if name.kind == "Primary Name Variation":
                continue  # a 2022 FCDO notion; the 2020 ConList has Prime Alias and AKA only
            name1, name6 = name.name1, name.name6
            if rec.key in CP1252_NAMES and i == 0:
                name1 = CP1252_NAMES[rec.key]
            if rec.key in CONLIST_SWAPPED_NAME and i == 0:
                name6, name1 = name1.split()[-1].upper(), name6.title()
            alias_type = "Prime Alias" if name.kind == "Primary Name" else "AKA"
            for dob in dobs:
                for line1, line6, _fcdo, country in addresses:
                    row = [name6, name1, "", "", "", "", "", dob,
                           rec.town_of_birth, "DPRK" if rec.country_of_birth else "",
                           rec.nationality, f"Passport No. {rec.passport}" if rec.passport else "",
                           "", rec.position, line1, "", "", "", "", line6, "", country, other,
                           group_type, alias_type, regime, listed, listed, str(rec.group_id)]
                    rows.append(row)
    rows.sort(key=lambda r: (r[0], r[1], r[-1], r[24], r[7], r[19]))
    return rows


def render_conlist() -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CONLIST_HEADER)
    for row in conlist_rows():
        w.writerow(row)
    return buf.getvalue().encode("cp1252")


# ------------------------------------------------------------------------------------------------
# FCDO XML 2024
# ------------------------------------------------------------------------------------------------


def _el(depth: int, tag: str, text: str) -> str:
    pad = "  " * depth
    return f"{pad}<{tag}>{escape(text)}</{tag}>" if text else f"{pad}<{tag} />"


def _fcdo_dob(value: str) -> str:
    return f"dd/mm/{value}" if len(value) == 4 else P.dmy(value)


def _designation(rec: UkRecord) -> list[str]:
    L = ["  <Designation>"]
    L.append(_el(2, "LastUpdated", P.dmy(max(rec.designated, LAST_UPDATED_FCDO))))
    L.append(_el(2, "DateDesignated", P.dmy(rec.designated)))
    L.append(_el(2, "UniqueID", rec.unique_id))
    L.append(_el(2, "OFSIGroupID", str(rec.group_id)))
    if rec.un_ref:
        L.append(_el(2, "UNReferenceNumber", rec.un_ref))
    L.append("    <Names>")
    for n in rec.names:
        L.append("      <Name>")
        if n.name1:
            L.append(_el(4, "Name1", n.name1))
        L.append(_el(4, "Name6", n.name6))
        L.append(_el(4, "NameType", n.kind))
        if n.strength:
            L.append(_el(4, "AliasStrength", n.strength))
        L.append("      </Name>")
    L.append("    </Names>")
    if rec.non_latin:
        L.append("    <NonLatinNames>")
        for text, script, language in rec.non_latin:
            L += ["      <NonLatinName>", _el(4, "NameNonLatinScript", text),
                  _el(4, "NonLatinScriptType", script), _el(4, "NonLatinScriptLanguage", language),
                  "      </NonLatinName>"]
        L.append("    </NonLatinNames>")
    L.append(_el(2, "RegimeName", rec.regime_fcdo))
    L.append(_el(2, "IndividualEntityShip", rec.kind))
    L.append(_el(2, "DesignationSource", rec.source))
    L.append(_el(2, "SanctionsImposed", rec.sanctions))
    L.append(_el(2, "OtherInformation", rec.other))
    L.append(_el(2, "UKStatementofReasons", rec.statement))
    if rec.addresses:
        L.append("    <Addresses>")
        for line1, line6, country, _conlist in rec.addresses:
            L.append("      <Address>")
            if line1:
                L.append(_el(4, "AddressLine1", line1))
            if line6:
                L.append(_el(4, "AddressLine6", line6))
            L.append(_el(4, "AddressCountry", country))
            L.append("      </Address>")
        L.append("    </Addresses>")
    if rec.kind == "Individual":
        L += ["    <IndividualDetails>", "      <Individual>"]
        if rec.dobs:
            L.append("        <DOBs>")
            L += [_el(5, "DOB", _fcdo_dob(d)) for d in rec.dobs]
            L.append("        </DOBs>")
        if rec.town_of_birth:
            L += ["        <BirthDetails>", "          <Location>",
                  _el(6, "TownOfBirth", rec.town_of_birth),
                  _el(6, "CountryOfBirth", rec.country_of_birth),
                  "          </Location>", "        </BirthDetails>"]
        if rec.nationality:
            L += ["        <Nationalities>", _el(5, "Nationality", rec.nationality),
                  "        </Nationalities>"]
        if rec.position:
            L += ["        <Positions>", _el(5, "Position", rec.position), "        </Positions>"]
        if rec.passport:
            L += ["        <PassportDetails>", "          <Passport>",
                  _el(6, "PassportNumber", rec.passport), "          </Passport>",
                  "        </PassportDetails>"]
        L += ["      </Individual>", "    </IndividualDetails>"]
    if rec.kind == "Ship":
        previous_owner, previous_flags = rec.ship_history
        L += ["    <ShipDetails>", "      <Ship>",
              "        <IMONumbers>", _el(5, "IMONumber", f"IMO{rec.imo}"), "        </IMONumbers>",
              "        <CurrentOwnerOperators>", _el(5, "CurrentOwnerOperator", rec.owner),
              "        </CurrentOwnerOperators>",
              "        <PreviousOwnerOperators>", _el(5, "PreviousOwnerOperator", previous_owner),
              "        </PreviousOwnerOperators>",
              "        <CurrentBelievedFlagOfShips>",
              _el(5, "CurrentBelievedFlagOfShip", "North Korea"),
              "        </CurrentBelievedFlagOfShips>", "        <PreviousFlags>"]
        L += [_el(5, "PreviousFlag", f) for f in previous_flags]
        L += ["        </PreviousFlags>", "      </Ship>", "    </ShipDetails>"]
    L.append("  </Designation>")
    return L


def fcdo_records() -> list[UkRecord]:
    return [r for r in records() if r.fcdo]


def render_fcdo() -> bytes:
    L = ['<?xml version="1.0" encoding="utf-8"?>',
         '<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
         f"  <DateGenerated>{P.dmy(P.FCDO_DATE)}</DateGenerated>"]
    for rec in fcdo_records():
        L += _designation(rec)
    L.append("</Designations>")
    return ("\r\n".join(L) + "\r\n").encode("utf-8")


def write_uk(out: Path, emit) -> dict[str, int]:
    counts = {}
    conlist = out / P.CONLIST_DATE / CONLIST_FILE
    conlist.parent.mkdir(parents=True, exist_ok=True)
    conlist.write_bytes(render_conlist())
    counts["conlist_rows"] = len(conlist_rows())
    emit(conlist, counts["conlist_rows"])
    fcdo = out / P.FCDO_DATE / FCDO_FILE
    fcdo.parent.mkdir(parents=True, exist_ok=True)
    fcdo.write_bytes(render_fcdo())
    counts["fcdo_designations"] = len(fcdo_records())
    emit(fcdo, counts["fcdo_designations"])
    return counts
