"""Parse the UN Security Council Consolidated List (``consolidated.xml``) into ``raw_un_sc.*`` tables.

Pure functions, no Dagster. The publisher, the file's structure and every quirk handled here are
described in README.md beside this file.

Untrusted XML goes through defusedxml with DTDs forbidden: the UN file never has one, so a file
that declares a DOCTYPE or entities is refused instead of expanded or followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from xml.etree.ElementTree import Element

import pyarrow as pa

from orchestration.lib import safe_xml
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import LINEAGE_FIELDS, ParsedSnapshot

SOURCE = "un_sc"
DOMAIN = "sanctions"
ROLE = "consolidated"
ROOT = "CONSOLIDATED_LIST"

PARTY_KINDS = {"INDIVIDUAL": "individual", "ENTITY": "entity"}
PARTY_CONTAINERS = {"INDIVIDUALS": "INDIVIDUAL", "ENTITIES": "ENTITY"}
DATE_TYPES = frozenset({"EXACT", "APPROXIMATELY", "BETWEEN"})
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields] + LINEAGE_FIELDS)


_S = pa.string()
_I = pa.int64()
_D = pa.date32()

RAW_TABLES: dict[str, tuple[pa.Schema, str]] = {
    "lists": (
        _schema(
            ("date_generated", pa.timestamp("us", tz="UTC")),
            ("individuals", _I),
            ("entities", _I),
        ),
        "One row per consolidated.xml file: the publisher's dateGenerated and how many "
        "INDIVIDUAL and ENTITY elements it holds (_record 0: the file itself)",
    ),
    "parties": (
        _schema(
            ("dataid", _I),
            ("versionnum", _I),
            ("party_type", _S),
            ("un_list_type", _S),
            ("reference_number", _S),
            ("first_name", _S),
            ("second_name", _S),
            ("third_name", _S),
            ("fourth_name", _S),
            ("full_name", _S),
            ("name_original_script", _S),
            ("listed_on", _D),
            ("comments", _S),
            ("nationality", pa.list_(_S)),
            ("designation", pa.list_(_S)),
            ("title", pa.list_(_S)),
            ("gender", _S),
            ("submitted_by", _S),
            ("last_day_updated", pa.list_(_D)),
        ),
        "One row per INDIVIDUAL or ENTITY element; DATAID is the UN's stable key, reference_number "
        "the committee's (KPi.NNN / KPe.NNN for the 1718 DPRK committee)",
    ),
    "aliases": (
        _schema(
            ("dataid", _I),
            ("quality", _S),
            ("alias_name", _S),
            ("date_of_birth", _S),
            ("city_of_birth", _S),
            ("country_of_birth", _S),
            ("note", _S),
        ),
        "One row per INDIVIDUAL_ALIAS / ENTITY_ALIAS (quality: Good, Low, a.k.a., f.k.a.)",
    ),
    "addresses": (
        _schema(
            ("dataid", _I),
            ("street", _S),
            ("city", _S),
            ("state_province", _S),
            ("zip_code", _S),
            ("country", _S),
            ("note", _S),
        ),
        "One row per non-empty INDIVIDUAL_ADDRESS / ENTITY_ADDRESS",
    ),
    "dates_of_birth": (
        _schema(
            ("dataid", _I),
            ("type_of_date", _S),
            ("date", _D),
            ("year", _I),
            ("from_year", _I),
            ("to_year", _I),
            ("note", _S),
        ),
        "One row per non-empty INDIVIDUAL_DATE_OF_BIRTH: a full date, a year, or a "
        "from_year..to_year range, qualified by type_of_date (EXACT, APPROXIMATELY, BETWEEN)",
    ),
    "places_of_birth": (
        _schema(
            ("dataid", _I),
            ("street", _S),
            ("city", _S),
            ("state_province", _S),
            ("country", _S),
            ("note", _S),
        ),
        "One row per non-empty INDIVIDUAL_PLACE_OF_BIRTH",
    ),
    "documents": (
        _schema(
            ("dataid", _I),
            ("type_of_document", _S),
            ("type_of_document2", _S),
            ("number", _S),
            ("issuing_country", _S),
            ("date_of_issue", _D),
            ("city_of_issue", _S),
            ("country_of_issue", _S),
            ("note", _S),
        ),
        "One row per non-empty INDIVIDUAL_DOCUMENT (passports, national identity numbers)",
    ),
}


# --------------------------------------------------------------------------------------------
# Recognising a file and reading its date


def classify(path: Path) -> str | None:
    """``consolidated`` for an .xml file whose root element is CONSOLIDATED_LIST, else None.

    A file damaged after its first few bytes still classifies: the error it deserves comes from
    parse_snapshot, which names the position, rather than a vague "not recognised".
    """
    if path.suffix.lower() != ".xml":
        return None
    root = safe_xml.peek_root(path)
    return ROLE if root is not None and root.tag == ROOT else None


def publisher_as_of(path: Path, role: str) -> date | None:
    """The UTC date of the root's ``dateGenerated`` attribute, e.g. 2025-04-19T23:00:04.625Z."""
    if role != ROLE:
        return None
    root = safe_xml.peek_root(path)
    if root is None or root.tag != ROOT:
        return None
    generated = _date_generated(path, root)
    return generated.date() if generated else None


def _date_generated(path: Path, root: Element) -> datetime | None:
    value = root.get("dateGenerated")
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise SourceFormatError(
            path, f"dateGenerated {value!r} on {ROOT} is not an ISO 8601 timestamp"
        ) from None
    if moment.tzinfo is None:
        # A time with no zone could be New York or UTC; the date could differ by one.
        raise SourceFormatError(path, f"dateGenerated {value!r} on {ROOT} has no time zone")
    return moment.astimezone(timezone.utc)


# --------------------------------------------------------------------------------------------
# Reading the whole file, with errors an analyst can act on


def _read_root(path: Path) -> Element:
    root = safe_xml.read_root(path, "the UN list")
    if root.tag != ROOT:
        raise SourceFormatError(
            path, f"root element is <{root.tag}>, not <{ROOT}>: this is not the UN consolidated list"
        )
    return root


# --------------------------------------------------------------------------------------------
# Values


def _clean(text: str | None) -> str | None:
    """Collapse every run of whitespace to one space and trim; empty becomes None.

    The file's line breaks are wrapping and indentation, never meaning: names carry padding,
    COMMENTS1 and DESIGNATION wrap mid-sentence, NAME_ORIGINAL_SCRIPT wraps with indentation.
    """
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


def _unquote(name: str | None) -> str | None:
    """'"KOMID"' -> 'KOMID': the UN quotes some short aliases; the quotes are not part of the name."""
    if name and len(name) > 2 and name[0] == name[-1] == '"' and '"' not in name[1:-1]:
        return _clean(name[1:-1])
    return name


_XSD_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_INTEGER = re.compile(r"\d+")


@dataclass(frozen=True)
class _Party:
    """Where a value came from, so every error names the file, the element and its DATAID."""

    file: Path
    record: int
    kind: str
    dataid: int | None = None

    def error(self, reason: str) -> SourceFormatError:
        who = f"{self.kind} with DATAID {self.dataid}" if self.dataid is not None else self.kind
        return SourceFormatError(self.file, f"{who}: {reason}", self.record)

    def text(self, parent: Element, tag: str) -> str | None:
        found = parent.findall(tag)
        if len(found) > 1:
            raise self.error(f"<{parent.tag}> has {len(found)} <{tag}> elements where one is expected")
        return _clean("".join(found[0].itertext())) if found else None

    def values(self, parent: Element, tag: str) -> list[str]:
        """The non-empty <VALUE> children of every <tag> (NATIONALITY, DESIGNATION, ...)."""
        out = []
        for holder in parent.findall(tag):
            for value in holder.findall("VALUE"):
                cleaned = _clean("".join(value.itertext()))
                if cleaned is not None:
                    out.append(cleaned)
        return out

    def date(self, value: str | None, field: str) -> date | None:
        if value is None:
            return None
        # xs:date may carry a zone (the real file has '2015-03-27-04:00'); the calendar date stands.
        match = _XSD_DATE.fullmatch(value)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        raise self.error(f"{field} {value!r} is not a date (YYYY-MM-DD)")

    def integer(self, value: str | None, field: str) -> int | None:
        if value is None:
            return None
        if not _INTEGER.fullmatch(value) or int(value) >= 2**63:
            raise self.error(f"{field} {value!r} is not a whole number (int64)")
        return int(value)


def _all_empty(element: Element) -> bool:
    """True for placeholders like <INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>."""
    return all(_clean(text) is None for text in element.itertext())


# --------------------------------------------------------------------------------------------
# One party and its repeated groups


@dataclass
class _Rows:
    parties: list[dict]
    aliases: list[dict]
    addresses: list[dict]
    dates_of_birth: list[dict]
    places_of_birth: list[dict]
    documents: list[dict]


def _read_party(element: Element, where: _Party, rows: _Rows) -> None:
    dataid = where.integer(where.text(element, "DATAID"), "DATAID")
    if dataid is None:
        raise where.error("has no DATAID")
    where = _Party(where.file, where.record, where.kind, dataid)
    lineage = {"dataid": dataid, "_file": where.file.name, "_record": where.record}

    reference = where.text(element, "REFERENCE_NUMBER")
    if reference is None:
        raise where.error("has no REFERENCE_NUMBER")
    listed_on = where.text(element, "LISTED_ON")
    if listed_on is None:
        # Without a listing date the designation cannot be placed in time for as-of queries.
        raise where.error("has no LISTED_ON date")
    names = {tag.lower(): where.text(element, tag) for tag in NAME_PARTS}
    full_name = " ".join(part for part in names.values() if part)
    if not full_name:
        raise where.error("has no name (FIRST_NAME to FOURTH_NAME are all empty)")

    rows.parties.append(
        {
            "versionnum": where.integer(where.text(element, "VERSIONNUM"), "VERSIONNUM"),
            "party_type": PARTY_KINDS[element.tag],
            "un_list_type": where.text(element, "UN_LIST_TYPE"),
            "reference_number": reference,
            **names,
            "full_name": full_name,
            "name_original_script": where.text(element, "NAME_ORIGINAL_SCRIPT"),
            "listed_on": where.date(listed_on, "LISTED_ON"),
            "comments": where.text(element, "COMMENTS1"),
            "nationality": where.values(element, "NATIONALITY"),
            "designation": where.values(element, "DESIGNATION"),
            "title": where.values(element, "TITLE"),
            "gender": where.text(element, "GENDER"),
            "submitted_by": where.text(element, "SUBMITTED_BY"),
            "last_day_updated": [
                where.date(value, "LAST_DAY_UPDATED") for value in where.values(element, "LAST_DAY_UPDATED")
            ],
            **lineage,
        }
    )

    prefix = element.tag
    for alias in element.findall(f"{prefix}_ALIAS"):
        if _all_empty(alias):
            continue
        rows.aliases.append(
            {
                "quality": where.text(alias, "QUALITY"),
                "alias_name": _unquote(where.text(alias, "ALIAS_NAME")),
                "date_of_birth": where.text(alias, "DATE_OF_BIRTH"),
                "city_of_birth": where.text(alias, "CITY_OF_BIRTH"),
                "country_of_birth": where.text(alias, "COUNTRY_OF_BIRTH"),
                "note": where.text(alias, "NOTE"),
                **lineage,
            }
        )
    for address in element.findall(f"{prefix}_ADDRESS"):
        if _all_empty(address):
            continue
        rows.addresses.append(
            {
                "street": where.text(address, "STREET"),
                "city": where.text(address, "CITY"),
                "state_province": where.text(address, "STATE_PROVINCE"),
                "zip_code": where.text(address, "ZIP_CODE"),
                "country": where.text(address, "COUNTRY"),
                "note": where.text(address, "NOTE"),
                **lineage,
            }
        )
    for born in element.findall(f"{prefix}_DATE_OF_BIRTH"):
        if _all_empty(born):
            continue
        kind = where.text(born, "TYPE_OF_DATE")
        if kind is not None and kind not in DATE_TYPES:
            # A new qualifier (BEFORE? AFTER?) would be silently misread downstream.
            raise where.error(
                f"TYPE_OF_DATE {kind!r} is none of {', '.join(sorted(DATE_TYPES))}; extend the parser"
            )
        rows.dates_of_birth.append(
            {
                "type_of_date": kind,
                "date": where.date(where.text(born, "DATE"), "DATE_OF_BIRTH/DATE"),
                "year": where.integer(where.text(born, "YEAR"), "DATE_OF_BIRTH/YEAR"),
                "from_year": where.integer(where.text(born, "FROM_YEAR"), "DATE_OF_BIRTH/FROM_YEAR"),
                "to_year": where.integer(where.text(born, "TO_YEAR"), "DATE_OF_BIRTH/TO_YEAR"),
                "note": where.text(born, "NOTE"),
                **lineage,
            }
        )
    for place in element.findall(f"{prefix}_PLACE_OF_BIRTH"):
        if _all_empty(place):
            continue
        rows.places_of_birth.append(
            {
                "street": where.text(place, "STREET"),
                "city": where.text(place, "CITY"),
                "state_province": where.text(place, "STATE_PROVINCE"),
                "country": where.text(place, "COUNTRY"),
                "note": where.text(place, "NOTE"),
                **lineage,
            }
        )
    for document in element.findall(f"{prefix}_DOCUMENT"):
        if _all_empty(document):
            continue
        rows.documents.append(
            {
                "type_of_document": where.text(document, "TYPE_OF_DOCUMENT"),
                "type_of_document2": where.text(document, "TYPE_OF_DOCUMENT2"),
                "number": where.text(document, "NUMBER"),
                "issuing_country": where.text(document, "ISSUING_COUNTRY"),
                "date_of_issue": where.date(where.text(document, "DATE_OF_ISSUE"), "DATE_OF_ISSUE"),
                "city_of_issue": where.text(document, "CITY_OF_ISSUE"),
                "country_of_issue": where.text(document, "COUNTRY_OF_ISSUE"),
                "note": where.text(document, "NOTE"),
                **lineage,
            }
        )


# --------------------------------------------------------------------------------------------
# A snapshot


def parse_file(path: Path) -> dict[str, pa.Table]:
    """Every raw table from one consolidated.xml; raises SourceFormatError, never returns part of it."""
    root = _read_root(path)
    missing = [name for name in PARTY_CONTAINERS if root.find(name) is None]
    if missing:
        raise SourceFormatError(path, f"<{ROOT}> has no <{'> or <'.join(missing)}> element")

    rows = _Rows([], [], [], [], [], [])
    counts = {kind: 0 for kind in PARTY_KINDS}
    seen: dict[int, int] = {}
    record = 0
    for container in root:
        wanted = PARTY_CONTAINERS.get(container.tag)
        if wanted is None:
            continue
        for element in container:
            if element.tag != wanted:
                continue
            record += 1
            counts[element.tag] += 1
            _read_party(element, _Party(path, record, element.tag), rows)
            dataid = rows.parties[-1]["dataid"]
            if dataid in seen:
                raise SourceFormatError(
                    path, f"DATAID {dataid} appears twice (records {seen[dataid]} and {record})", record
                )
            seen[dataid] = record
    if record == 0:
        # An empty list would read downstream as every party delisted overnight.
        raise SourceFormatError(path, "the list has no INDIVIDUAL or ENTITY elements")

    lists_row = {
        "date_generated": _date_generated(path, root),
        "individuals": counts["INDIVIDUAL"],
        "entities": counts["ENTITY"],
        "_file": path.name,
        "_record": 0,
    }
    by_table = {
        "lists": [lists_row],
        "parties": rows.parties,
        "aliases": rows.aliases,
        "addresses": rows.addresses,
        "dates_of_birth": rows.dates_of_birth,
        "places_of_birth": rows.places_of_birth,
        "documents": rows.documents,
    }
    return {name: pa.Table.from_pylist(by_table[name], schema=RAW_TABLES[name][0]) for name in RAW_TABLES}


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    """One snapshot is exactly one consolidated.xml: the UN publishes the whole list each time."""
    unknown = sorted(set(paths_by_role) - {ROLE})
    if unknown:
        first = paths_by_role[unknown[0]][0]
        raise SourceFormatError(first, f"file role(s) {unknown} are not UN consolidated-list roles")
    files = paths_by_role.get(ROLE, [])
    if len(files) != 1:
        names = ", ".join(p.name for p in files) or "none"
        where = files[0].parent if files else "un_sc snapshot"
        raise SourceFormatError(
            where, f"a snapshot holds exactly one consolidated list XML; found {len(files)} ({names})"
        )
    return ParsedSnapshot(tables=parse_file(files[0]))
