"""EU Financial Sanctions Files (FSF 1.1 XML) snapshots for the sample.

The layout of ``xmlFullSanctionsList_1_1``: root ``export`` in the namespace
``http://eu.europa.ec/fpi/fsd/export`` with ``generationDate`` (Brussels time) and
``globalFileId``; one ``sanctionEntity`` per listing (``logicalId``, ``euReferenceNumber``,
``unitedNationId``, ``designationDate``, ``designationDetails``) holding ``remark``,
``regulation`` (with a ``publicationUrl`` child), ``subjectType`` (person/P, enterprise/E),
``nameAlias`` (multilingual, ``strong``), ``citizenship``, ``birthdate``, ``identification``
(passport, imo, regnumber, fiscalcode) and ``address``; every value an attribute, empty when not
given. 4-space indentation, LF, UTF-8. What is public fact and what is invented: ``parties.py``
and the sample README.

Two snapshots, 2024-05-10 and 2024-06-10. The June one differs by exactly three listings: one
delisted (``EU_DELISTED_KEY``), one amended (``EU_AMENDED_KEY`` gains an alias), one added
(``EU_ADDED_KEY``).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from orchestration.sample import parties as P
from orchestration.sample.parties import Birth, Party, RuParty

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
FILE_NAME = "xmlFullSanctionsList_1_1.xml"
# folder date -> (generationDate as the Commission stamps it, globalFileId); both INVENTED
GENERATION = {
    "2024-05-10": ("2024-05-10T17:22:08.412+02:00", "160412"),
    "2024-06-10": ("2024-06-10T16:48:51.077+02:00", "162097"),
}

# (regulationType, organisationType, publicationDate, entryIntoForceDate, numberTitle, programme,
# publicationUrl). Public fact: the base acts, their numbers and Official Journal publication
# (Council Regulation (EU) 2017/1509, OJ L 224, 31.8.2017; (EU) No 269/2014, OJ L 78, 17.3.2014;
# (EU) No 833/2014, OJ L 229, 31.7.2014). Entry-into-force dates are left empty (not checked), and
# the amending acts that actually carried each listing are not named.
REGULATIONS = {
    "PRK": ("regulation", "council", "2017-08-31", "", "2017/1509 (OJ L224)", "PRK",
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32017R1509"),
    "UKR": ("regulation", "council", "2014-03-17", "", "269/2014 (OJ L78)", "UKR",
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0269"),
    "RUS": ("regulation", "council", "2014-07-31", "", "833/2014 (OJ L229)", "RUS",
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R0833"),
}

# Translations and transliterations: the generator's own renderings, not the EU's wording.
TRANSLATIONS = {
    "un:KPe.003": (("DE", "Tanchon-Handelsbank"), ("FR", "Banque commerciale Tanchon")),
    "un:KPe.047": (("DE", "Außenhandelsbank (FTB)"), ("FR", "Banque du commerce extérieur (FTB)")),
    "un:KPe.031": (("DE", "Generalbüro für Aufklärung"), ("FR", "Bureau général de reconnaissance")),
    "un:KPe.028": (("DE", "Abteilung Munitionsindustrie"),
                   ("FR", "Département de l'industrie des munitions")),
    "un:KPe.032": (("DE", "Zweiter Wirtschaftsausschuss"), ("FR", "Deuxième comité économique")),
    "un:KPe.030": (("DE", "Büro 39"), ("FR", "Bureau 39")),
    "un:KPi.006": (("RU", "Пэк Чан Хо"),),
    "un:KPi.024": (("RU", "Ким Ён Чхоль"),),
    "un:KPi.003": (("RU", "Хван Сок Хва"),),
    "un:KPi.002": (("RU", "Ли Чжэ Сон"),),
}

# Planted quirks (documented in the README)
EMPTY_DESIGNATION_DATE = ("un:KPe.011",)  # designationDate="" although the UN date is known
UNKNOWN_BIRTH_COUNTRY = ("un:KPi.002",)  # birthdate countryIso2Code="00" / "UNKNOWN"
EMPTY_ALIAS_PLACEHOLDER = ("un:KPe.020",)  # an empty nameAlias element (logicalId only)
IMO_ONLY_IN_REMARK = ("imo:8705539",)  # KUM UN SAN 3: no imo identification, IMO in the remark

COUNTRY_ISO = {"Russia": ("RU", "RUSSIAN FEDERATION")}


def _a(pairs) -> str:
    return " ".join(f'{k}="{escape(v, {chr(34): "&quot;"})}"' for k, v in pairs)


class _Entity:
    """The lines of one sanctionEntity; child logicalIds come from fixed ranges so that adding an
    alias in June leaves every other child's id as it was."""

    SLOTS = {"nameAlias": 1, "citizenship": 31, "birthdate": 41, "identification": 51,
             "address": 61, "regulation": 91}

    def __init__(self, logical_id: int):
        self.id = logical_id
        self.used = {k: 0 for k in self.SLOTS}
        self.lines: dict[str, list[str]] = {k: [] for k in ("remark", "regulation", "subjectType",
                                                              "nameAlias", "citizenship",
                                                              "birthdate", "identification",
                                                              "address")}

    def child_id(self, tag: str) -> str:
        n = self.SLOTS[tag] + self.used[tag]
        self.used[tag] += 1
        return str(self.id * 100 + n)

    def add(self, tag: str, pairs, inner: list[str] | None = None) -> None:
        pairs = list(pairs) + [("regulationLanguage", "en"), ("logicalId", self.child_id(tag))]
        if inner:
            self.lines[tag].append(f"        <{tag} {_a(pairs)}>")
            self.lines[tag] += [f"            {x}" for x in inner]
            self.lines[tag].append(f"        </{tag}>")
        else:
            self.lines[tag].append(f"        <{tag} {_a(pairs)}/>")

    def remark(self, text: str) -> None:
        if text:
            self.lines["remark"].append(f"        <remark>{escape(text)}</remark>")

    def regulation(self, programme: str) -> None:
        rtype, org, pub, force, number, prog, url = REGULATIONS[programme]
        n = self.SLOTS["regulation"] + self.used["regulation"]
        self.used["regulation"] += 1
        pairs = [("regulationType", rtype), ("organisationType", org), ("publicationDate", pub),
                 ("entryIntoForceDate", force), ("numberTitle", number), ("programme", prog),
                 ("logicalId", str(self.id * 100 + n))]
        self.lines["regulation"] += [f"        <regulation {_a(pairs)}>",
                                     f"            <publicationUrl>{escape(url)}</publicationUrl>",
                                     "        </regulation>"]

    def subject(self, person: bool) -> None:
        code, letter = ("person", "P") if person else ("enterprise", "E")
        self.lines["subjectType"].append(
            f'        <subjectType code="{code}" classificationCode="{letter}"/>')

    def alias(self, whole: str, *, first: str = "", last: str = "", lang: str = "",
              strong: bool = True, function: str = "", gender: str | None = None,
              remark: str = "", summary: tuple[str, str] | None = None) -> None:
        pairs = [("firstName", first), ("middleName", ""), ("lastName", last),
                 ("wholeName", whole), ("function", function)]
        if gender is not None:
            pairs.append(("gender", gender))
        pairs += [("title", ""), ("nameLanguage", lang), ("strong", "true" if strong else "false")]
        inner = []
        if remark:
            inner.append(f"<remark>{escape(remark)}</remark>")
        if summary:
            number, pub = summary
            pairs_summary = [("regulationType", "regulation"), ("publicationDate", pub),
                             ("numberTitle", number)]
            inner.append(f"<regulationSummary {_a(pairs_summary)}/>")
        self.add("nameAlias", pairs, inner)

    def citizenship(self, iso2: str, description: str) -> None:
        self.add("citizenship", [("region", ""), ("countryIso2Code", iso2),
                                 ("countryDescription", description)])

    def birthdate(self, birth: Birth, city: str = "", iso2: str = "",
                  description: str = "") -> None:
        full = birth.value if len(birth.value) == 10 else ""
        year = birth.value[:4]
        month = str(int(birth.value[5:7])) if full else ""
        day = str(int(birth.value[8:10])) if full else ""
        self.add("birthdate", [("circa", "true" if birth.circa else "false"),
                               ("calendarType", "GREGORIAN"), ("city", city), ("zipCode", ""),
                               ("birthdate", full), ("dayOfMonth", day), ("monthOfYear", month),
                               ("year", year), ("region", ""), ("place", ""),
                               ("countryIso2Code", iso2), ("countryDescription", description)])

    def identification(self, code: str, description: str, number: str, iso2: str = "",
                       country: str = "", remark: str = "") -> None:
        pairs = [("diplomatic", "false"), ("knownExpired", "false"), ("knownFalse", "false"),
                 ("reportedLost", "false"), ("revokedByIssuer", "false"), ("issuedBy", ""),
                 ("latinNumber", ""), ("nameOnDocument", ""), ("number", number), ("region", ""),
                 ("countryIso2Code", iso2), ("countryDescription", country),
                 ("identificationTypeCode", code), ("identificationTypeDescription", description)]
        self.add("identification", pairs, [f"<remark>{escape(remark)}</remark>"] if remark else None)

    def address(self, street: str, city: str, iso2: str, description: str,
                region: str = "") -> None:
        self.add("address", [("city", city), ("street", street), ("poBox", ""), ("zipCode", ""),
                             ("region", region), ("place", ""), ("asAtListingTime", "false"),
                             ("countryIso2Code", iso2), ("countryDescription", description)])

    def render(self, attrs) -> list[str]:
        out = [f"    <sanctionEntity {_a(attrs)}>"]
        for tag in ("remark", "regulation", "subjectType", "nameAlias", "citizenship", "birthdate",
                    "identification", "address"):
            out += self.lines[tag]
        out.append("    </sanctionEntity>")
        return out


def _country(un_country: str) -> tuple[str, str]:
    if un_country in P.COUNTRIES:
        iso2, desc, _, _ = P.COUNTRIES[un_country]
        return iso2, desc
    return COUNTRY_ISO.get(un_country, ("", ""))


def _dprk_entity(p: Party, amended: bool) -> tuple[list, _Entity]:
    e = _Entity(P.eu_logical_id(p.key))
    e.remark(_remark(p))
    e.regulation("PRK")
    e.subject(p.kind == "person")
    summary = (REGULATIONS["PRK"][4], REGULATIONS["PRK"][2])
    if p.kind == "person":
        first, whole = P.eu_person_name(p)
        e.alias(whole, first=first, last=p.surname, function=p.position,
                gender="M" if p.fictional else "", summary=summary)
        for quality, alias in p.aliases:
            low = quality == "Low"
            e.alias(alias, strong=not low, gender="", remark="Low quality alias." if low else "")
    elif p.kind == "vessel":
        e.alias(p.name, summary=summary)  # vessel names stay as registered, in capitals
    else:
        e.alias(P.title_name(p.name), lang="EN", summary=summary)
        for _quality, alias in p.aliases:
            e.alias(P.title_name(alias), lang="EN")
    for lang, text in TRANSLATIONS.get(p.key, ()):
        e.alias(text, lang=lang, gender="" if p.kind == "person" else None)
    if amended:
        e.alias(P.EU_AMENDED_ALIAS, lang="EN")
    if p.key in EMPTY_ALIAS_PLACEHOLDER:
        e.alias("", lang="")
    if p.kind == "person" and p.nationality:
        e.citizenship(*_country(p.nationality))
    for birth in p.births:
        if p.key in UNKNOWN_BIRTH_COUNTRY:
            e.birthdate(birth, p.town_of_birth, "00", "UNKNOWN")
        elif p.town_of_birth:
            e.birthdate(birth, p.town_of_birth, *_country(p.nationality or P.DPRK_UN))
        else:
            e.birthdate(birth)
    if p.passport:
        e.identification("passport", "National passport", p.passport, "KP", "NORTH KOREA")
    if p.imo and p.key not in IMO_ONLY_IN_REMARK:
        e.identification("imo", "IMO number", str(p.imo), "00", "UNKNOWN")
    for street, city, country in p.address:
        e.address(street, city, *_country(country))
    if p.key in P.AUTONOMOUS_DATES:
        date = P.AUTONOMOUS_DATES[p.key]
    elif p.kind == "vessel":
        date = P.VESSEL_DATE
    elif p.key in EMPTY_DESIGNATION_DATE:
        date = ""
    else:
        date = p.un_listed_on
    attrs = [("designationDate", date), ("designationDetails", ""), ("unitedNationId", p.un_ref),
             ("euReferenceNumber", P.IDS.eu_reference[p.key]),
             ("logicalId", str(P.eu_logical_id(p.key)))]
    return attrs, e


def _remark(p: Party) -> str:
    if p.kind == "vessel":
        text = "Vessel."
        if p.key in IMO_ONLY_IN_REMARK or p.key == "imo:8660313":
            text += f" IMO number: {p.imo}."
        return text + f" Linked to: {p.linked_to}."
    return p.comments


def _russian_entity(r: RuParty) -> tuple[list, _Entity]:
    e = _Entity(P.eu_logical_id(r.key))
    programme, date = r.eu
    e.regulation(programme)
    e.subject(r.kind == "person")
    if r.kind == "person":
        last = r.eu_name.split()[-1]
        first = r.eu_name[: -len(last)].strip()
        e.alias(r.eu_name, first=first, last=last, lang="EN", gender="")
        if r.cyrillic:
            e.alias(r.cyrillic, lang="RU", gender="")
        if r.birth:
            e.birthdate(Birth(r.birth))
        e.citizenship("RU", "RUSSIAN FEDERATION")
        if r.city:
            e.address("", r.city, "RU", "RUSSIAN FEDERATION")
    else:
        e.alias(r.eu_name, lang="EN")
        if r.alias:
            e.alias(r.alias, lang="EN", strong=False)
        if r.cyrillic:
            e.alias(r.cyrillic, lang="RU")
        if r.ogrn:
            e.identification("regnumber", "Registration Number", r.ogrn, "RU",
                             "RUSSIAN FEDERATION", remark="OGRN")
        if r.inn:
            e.identification("fiscalcode", "Fiscal Code", r.inn, "RU", "RUSSIAN FEDERATION",
                             remark="INN")
        e.address("", r.city, "RU", "RUSSIAN FEDERATION")
    attrs = [("designationDate", date), ("designationDetails", ""), ("unitedNationId", ""),
             ("euReferenceNumber", P.IDS.eu_reference[r.key]),
             ("logicalId", str(P.eu_logical_id(r.key)))]
    return attrs, e


def snapshot_keys(day: str) -> list[str]:
    """The logical keys listed in one snapshot, in file (logicalId) order."""
    keys = P.eu_keys()
    if day == P.EU_DATES[0]:
        return [k for k in keys if k != P.EU_ADDED_KEY]
    return [k for k in keys if k != P.EU_DELISTED_KEY]


def render(day: str) -> str:
    generated, file_id = GENERATION[day]
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<export xmlns="{NAMESPACE}" generationDate="{generated}" globalFileId="{file_id}">']
    ru = {r.key: r for r in P.RUSSIA_FILLER}
    for key in snapshot_keys(day):
        if key in ru:
            attrs, e = _russian_entity(ru[key])
        else:
            amended = key == P.EU_AMENDED_KEY and day == P.EU_DATES[1]
            attrs, e = _dprk_entity(P.party(key), amended)
        lines += e.render(attrs)
    lines.append("</export>")
    return "\n".join(lines) + "\n"


def write_eu_fsf(out: Path, emit) -> dict[str, int]:
    counts = {}
    for day in P.EU_DATES:
        folder = out / day
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FILE_NAME
        path.write_bytes(render(day).encode("utf-8"))
        counts[day] = len(snapshot_keys(day))
        emit(path, counts[day])
    return counts
