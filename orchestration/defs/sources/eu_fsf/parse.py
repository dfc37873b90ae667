"""Parse the EU Financial Sanctions Files (FSF) consolidated list into ``raw_eu_fsf.*`` tables.

Pure functions, no Dagster. Two publisher formats fill the same tables:

* ``fsf_xml``: the XML export (root ``export`` in namespace ``http://eu.europa.ec/fpi/fsd/export``,
  one ``sanctionEntity`` per listed person or enterprise, children as attributes);
* ``fsf_csv``: the semicolon-separated CSV export (one row per entity × sub-element, the entity's
  columns repeated on every row).

The publisher, both layouts and every quirk handled here are described in README.md beside this
file, together with what was checked against which public documentation (no real file was
available when this parser was written).

Untrusted XML goes through defusedxml with DTDs forbidden: the FSF export never has one, so a file
that declares a DOCTYPE or entities is refused instead of expanded or followed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator
from xml.etree.ElementTree import Element

import pyarrow as pa

from orchestration.lib import safe_xml
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import LINEAGE_FIELDS, ParsedSnapshot

SOURCE = "eu_fsf"
DOMAIN = "sanctions"
ROLE_XML = "fsf_xml"
ROLE_CSV = "fsf_csv"
ROLES = (ROLE_XML, ROLE_CSV)

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
ROOT_NAME = "export"
ROOT = f"{{{NAMESPACE}}}{ROOT_NAME}"

# subjectType code -> the one-letter classificationCode that must accompany it.
SUBJECT_TYPES = {"person": "P", "enterprise": "E"}


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields] + LINEAGE_FIELDS)


_S = pa.string()
_I = pa.int64()
_D = pa.date32()
_B = pa.bool_()

RAW_TABLES: dict[str, tuple[pa.Schema, str]] = {
    "entities": (
        _schema(
            ("logical_id", _I),
            ("eu_reference_number", _S),
            ("united_nation_id", _S),
            ("subject_type", _S),
            ("designation_date", _D),
            ("designation_details", _S),
            ("programme", _S),
            ("primary_name", _S),
            ("remark", _S),
        ),
        "One row per sanctionEntity (person or enterprise; ships are enterprises). logical_id is the "
        "EU's key; united_nation_id the UN reference (KPi.NNN / KPe.NNN) when the EU transposes a UN "
        "listing. designation_date is the entity's own designationDate, never a regulation date",
    ),
    "name_aliases": (
        _schema(
            ("logical_id", _I),
            ("whole_name", _S),
            ("first_name", _S),
            ("middle_name", _S),
            ("last_name", _S),
            ("name_language", _S),
            ("function", _S),
            ("gender", _S),
            ("title", _S),
            ("is_strong", _B),
        ),
        "One row per non-empty nameAlias, translations included (name_language: EN, DE, KO, ...; "
        "empty for the untranslated name). is_strong is null for the CSV, which has no such column",
    ),
    "regulations": (
        _schema(
            ("logical_id", _I),
            ("regulation_type", _S),
            ("organisation_type", _S),
            ("publication_date", _D),
            ("entry_into_force_date", _D),
            ("number_title", _S),
            ("programme", _S),
            ("publication_url", _S),
        ),
        "One row per regulation cited by an entity (the listing act and its amendments): the legal "
        "act's Official Journal publication and entry-into-force dates and its programme (PRK, RUS, ...)",
    ),
    "identifications": (
        _schema(
            ("logical_id", _I),
            ("identification_type_code", _S),
            ("identification_type_description", _S),
            ("number", _S),
            ("country_iso2", _S),
            ("issued_by", _S),
            ("latin_number", _S),
            ("remark", _S),
        ),
        "One row per non-empty identification (passport, id, regnumber, imo, ...), as published",
    ),
    "birthdates": (
        _schema(
            ("logical_id", _I),
            ("birthdate", _D),
            ("year", _I),
            ("month", _I),
            ("day", _I),
            ("circa", _B),
            ("city", _S),
            ("country_iso2", _S),
            ("place", _S),
            ("year_range_from", _I),
            ("year_range_to", _I),
            ("calendar_type", _S),
            ("country_description", _S),
        ),
        "One row per non-empty birthdate: a full date and/or its parts, or a year range; "
        "calendar_type says which calendar the date is in (GREGORIAN unless stated)",
    ),
    "citizenships": (
        _schema(
            ("logical_id", _I),
            ("country_iso2", _S),
            ("country_description", _S),
        ),
        "One row per non-empty citizenship",
    ),
    "addresses": (
        _schema(
            ("logical_id", _I),
            ("street", _S),
            ("po_box", _S),
            ("city", _S),
            ("zip_code", _S),
            ("region", _S),
            ("place", _S),
            ("country_iso2", _S),
            ("country_description", _S),
        ),
        "One row per non-empty address",
    ),
}

CHILD_TABLES = ("name_aliases", "regulations", "identifications", "birthdates", "citizenships", "addresses")

# Raw column -> (XML attribute on the child element, CSV column). A value column left out of a
# mapping is filled by hand below (booleans, integers, dates, remarks).
_NAME_ALIAS = {
    "whole_name": ("wholeName", "NameAlias_WholeName"),
    "first_name": ("firstName", "NameAlias_FirstName"),
    "middle_name": ("middleName", "NameAlias_MiddleName"),
    "last_name": ("lastName", "NameAlias_LastName"),
    "name_language": ("nameLanguage", "NameAlias_NameLanguage"),
    "function": ("function", "NameAlias_Function"),
    "gender": ("gender", "NameAlias_Gender"),
    "title": ("title", "NameAlias_Title"),
}
_REGULATION = {
    "regulation_type": ("regulationType", "Entity_Regulation_Type"),
    "organisation_type": ("organisationType", "Entity_Regulation_OrganisationType"),
    "publication_date": ("publicationDate", "Entity_Regulation_PublicationDate"),
    "entry_into_force_date": ("entryIntoForceDate", "Entity_Regulation_EntryIntoForceDate"),
    "number_title": ("numberTitle", "Entity_Regulation_NumberTitle"),
    "programme": ("programme", "Entity_Regulation_Programme"),
    "publication_url": ("publicationUrl", "Entity_Regulation_PublicationUrl"),
}
_IDENTIFICATION = {
    "identification_type_code": ("identificationTypeCode", "Identification_TypeCode"),
    "identification_type_description": ("identificationTypeDescription", "Identification_TypeDescription"),
    "number": ("number", "Identification_Number"),
    "country_iso2": ("countryIso2Code", "Identification_CountryIso2Code"),
    "issued_by": ("issuedBy", "Identification_IssuedBy"),
    "latin_number": ("latinNumber", "Identification_LatinNumber"),
    "remark": (None, "Identification_Remark"),  # XML: <remark> child elements
}
_BIRTHDATE = {
    "birthdate": ("birthdate", "BirthDate_BirthDate"),
    "year": ("year", "BirthDate_Year"),
    "month": ("monthOfYear", "BirthDate_Month"),
    "day": ("dayOfMonth", "BirthDate_Day"),
    "circa": ("circa", "BirthDate_Circa"),
    "city": ("city", "BirthDate_City"),
    "country_iso2": ("countryIso2Code", "BirthDate_CountryIso2Code"),
    "place": ("place", "BirthDate_Place"),
    "year_range_from": ("yearRangeFrom", "BirthDate_YearRangeFrom"),
    "year_range_to": ("yearRangeTo", "BirthDate_YearRangeTo"),
    "calendar_type": ("calendarType", "BirthDate_CalendarType"),
    "country_description": ("countryDescription", "BirthDate_CountryDescription"),
}
_CITIZENSHIP = {
    "country_iso2": ("countryIso2Code", "Citizenship_CountryIso2Code"),
    "country_description": ("countryDescription", "Citizenship_CountryDescription"),
}
_ADDRESS = {
    "street": ("street", "Address_Street"),
    "po_box": ("poBox", "Address_PoBox"),
    "city": ("city", "Address_City"),
    "zip_code": ("zipCode", "Address_ZipCode"),
    "region": ("region", "Address_Region"),
    "place": ("place", "Address_Place"),
    "country_iso2": ("countryIso2Code", "Address_CountryIso2Code"),
    "country_description": ("countryDescription", "Address_CountryDescription"),
}


@dataclass(frozen=True)
class _Child:
    """How one child table is read from either format."""

    table: str
    xml_tag: str  # the child element's name in the XML
    columns: dict[str, tuple[str | None, str]]
    csv_logical_id: str | None  # the sub-element's own key in the CSV, used to merge repeated rows
    dates: tuple[str, ...] = ()
    integers: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()


CHILDREN = (
    _Child("name_aliases", "nameAlias", _NAME_ALIAS, "NameAlias_LogicalId"),
    _Child("regulations", "regulation", _REGULATION, None, dates=("publication_date", "entry_into_force_date")),
    _Child("identifications", "identification", _IDENTIFICATION, "Identification_LogicalId"),
    _Child(
        "birthdates",
        "birthdate",
        _BIRTHDATE,
        "BirthDate_LogicalId",
        dates=("birthdate",),
        integers=("year", "month", "day", "year_range_from", "year_range_to"),
        booleans=("circa",),
    ),
    _Child("citizenships", "citizenship", _CITIZENSHIP, "Citizenship_LogicalId"),
    _Child("addresses", "address", _ADDRESS, "Address_LogicalId"),
)

CSV_ENTITY_COLUMNS = (
    "Entity_LogicalId",
    "Entity_EU_ReferenceNumber",
    "Entity_UnitedNationId",
    "Entity_DesignationDate",
    "Entity_DesignationDetails",
    "Entity_Remark",
    "Entity_SubjectType",
    "Entity_SubjectType_ClassificationCode",
)
CSV_GENERATION_DATE = "fileGenerationDate"
# Every column the parser reads must be in the header: a renamed or dropped column would
# otherwise read as "empty everywhere" and silently lose, say, every birthdate.
CSV_REQUIRED_COLUMNS = CSV_ENTITY_COLUMNS + tuple(
    column
    for child in CHILDREN
    for column in [c for _xml, c in child.columns.values()] + ([child.csv_logical_id] if child.csv_logical_id else [])
)


# --------------------------------------------------------------------------------------------
# Values


def _clean(text: str | None) -> str | None:
    """Collapse every run of whitespace to one space and trim; empty becomes None.

    Line breaks and padding inside attribute values and remarks are layout, not meaning.
    """
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_INTEGER = re.compile(r"-?\d+")


@dataclass(frozen=True)
class _Where:
    """Where a value came from, so every error names the file, the record and the entity."""

    file: Path
    record: int
    logical_id: int | None = None

    def error(self, reason: str) -> SourceFormatError:
        who = f"entity with logicalId {self.logical_id}: " if self.logical_id is not None else ""
        return SourceFormatError(self.file, who + reason, self.record)

    def date(self, value: str | None, name: str) -> date | None:
        if value is None:
            return None
        match = _ISO_DATE.fullmatch(value)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        raise self.error(f"{name} {value!r} is not a date (YYYY-MM-DD)")

    def integer(self, value: str | None, name: str) -> int | None:
        if value is None:
            return None
        if not _INTEGER.fullmatch(value) or abs(int(value)) >= 2**63:
            raise self.error(f"{name} {value!r} is not a whole number (int64)")
        return int(value)

    def boolean(self, value: str | None, name: str) -> bool | None:
        if value is None:
            return None
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        # A third value (yes/1/unknown) would have to be guessed into true or false.
        raise self.error(f"{name} {value!r} is neither true nor false")

    def subject_type(self, code: str | None, classification: str | None) -> str:
        if code is None:
            raise self.error("has no subject type (subjectType code person or enterprise)")
        if code not in SUBJECT_TYPES:
            # A new kind (vessel? group?) would be misread as one of the two we know.
            raise self.error(f"subject type {code!r} is neither person nor enterprise; extend the parser")
        if classification is not None and classification != SUBJECT_TYPES[code]:
            raise self.error(
                f"subject type {code!r} contradicts classification code {classification!r} "
                f"(expected {SUBJECT_TYPES[code]!r})"
            )
        return code


def _typed(where: _Where, child: _Child, raw: dict[str, str | None], fmt: str) -> dict:
    """Cast one child's cleaned text values to the raw table's types; errors name the XML
    attribute or the CSV column the value came from."""
    row: dict = {}
    for column, value in raw.items():
        xml_attribute, csv_column = child.columns[column]
        name = csv_column if fmt == "csv" else f"{child.xml_tag}/{xml_attribute}"
        if column in child.dates:
            row[column] = where.date(value, name)
        elif column in child.integers:
            row[column] = where.integer(value, name)
        elif column in child.booleans:
            row[column] = where.boolean(value, name)
        else:
            row[column] = value
    return row


def _primary_name(aliases: list[dict]) -> str | None:
    """The name an analyst should see first.

    In order: the first strong English alias; the first strong alias with no language (the file
    leaves nameLanguage empty on the untranslated name, so this is the name as designated); the
    first alias with a whole name. "Strong" unknown (the CSV has no such column) counts as strong.
    """
    named = [a for a in aliases if a["whole_name"]]
    for wanted in ("EN", None):
        for alias in named:
            language = alias["name_language"].upper() if alias["name_language"] else None
            if alias["is_strong"] is not False and language == wanted:
                return alias["whole_name"]
    return named[0]["whole_name"] if named else None


def _programmes(regulations: list[dict]) -> str | None:
    """Distinct programme codes in file order, joined with ';' (one code for almost every entity).

    The regulations table holds one row per regulation; this is a convenience for filtering and
    never hides a second programme.
    """
    seen: list[str] = []
    for regulation in regulations:
        code = regulation["programme"]
        if code and code not in seen:
            seen.append(code)
    return ";".join(seen) or None


@dataclass
class _Rows:
    tables: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in RAW_TABLES})

    def to_arrow(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pylist(self.tables[name], schema=RAW_TABLES[name][0]) for name in RAW_TABLES}


def _finish_entity(where: _Where, entity: dict, children: dict[str, list[dict]]) -> dict:
    primary = _primary_name(children["name_aliases"])
    if primary is None:
        # A designation without a name cannot be screened or matched to the UN list.
        raise where.error("has no nameAlias with a wholeName")
    entity["primary_name"] = primary
    entity["programme"] = _programmes(children["regulations"])
    return entity


# --------------------------------------------------------------------------------------------
# XML: recognising a file, reading its date, reading it whole


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _generation_date(path: Path, root: Element) -> datetime | None:
    value = _clean(root.get("generationDate"))
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise SourceFormatError(path, f"generationDate {value!r} on <export> is not an ISO 8601 timestamp") from None


def _xml_entities(path: Path) -> Iterator[tuple[int, Element]]:
    """Each sanctionEntity with its 1-based ordinal, streamed so a 25 MB file stays small in memory."""
    root: Element | None = None
    depth = 0
    record = 0
    for event, element in safe_xml.iter_events(path, "the FSF export"):
        if event == "start":
            depth += 1
            if root is None:
                root = element
                _check_root(path, root)
            continue
        depth -= 1
        if depth == 1 and element.tag == f"{{{NAMESPACE}}}sanctionEntity":
            record += 1
            yield record, element
            root.remove(element)  # done with it: keep memory flat
        elif depth == 1:
            root.remove(element)  # anything else at the top level is not ours to read


def _check_root(path: Path, root: Element) -> None:
    if root.tag == ROOT:
        return
    if _local(root.tag) == ROOT_NAME:
        namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else "no namespace"
        # Same element name, other namespace: another schema version or another publisher's
        # "export". Reading it as FSF 1.1 would be a guess.
        raise SourceFormatError(
            path,
            f"root element <export> is in namespace {namespace!r}, not {NAMESPACE!r}: "
            "not the FSF 1.1 XML export this parser reads",
        )
    raise SourceFormatError(
        path, f"root element is <{_local(root.tag)}>, not <{ROOT_NAME}>: this is not the FSF XML export"
    )


def _xml_children(entity: Element, tag: str) -> list[Element]:
    return entity.findall(f"{{{NAMESPACE}}}{tag}")


def _xml_remarks(element: Element) -> str | None:
    """Several <remark> children are kept apart by line breaks, each one's own whitespace collapsed."""
    remarks = [_clean("".join(r.itertext())) for r in _xml_children(element, "remark")]
    return "\n".join(r for r in remarks if r) or None


def _xml_child_values(child: _Child, element: Element) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for column, (attribute, _csv) in child.columns.items():
        if attribute is None:
            values[column] = _xml_remarks(element)
        elif child.table == "regulations" and attribute == "publicationUrl":
            # An element inside <regulation> (an attribute only inside regulationSummary).
            found = element.find(f"{{{NAMESPACE}}}publicationUrl")
            values[column] = _clean("".join(found.itertext())) if found is not None else _clean(element.get(attribute))
        else:
            values[column] = _clean(element.get(attribute))
    return values


def _read_xml_entity(path: Path, record: int, element: Element) -> tuple[dict, dict[str, list[dict]]]:
    where = _Where(path, record)
    logical_id = where.integer(_clean(element.get("logicalId")), "sanctionEntity/logicalId")
    if logical_id is None:
        raise where.error("sanctionEntity has no logicalId")
    where = _Where(path, record, logical_id)
    lineage = {"logical_id": logical_id, "_file": path.name, "_record": record}

    subject = _xml_children(element, "subjectType")
    if len(subject) > 1:
        raise where.error(f"has {len(subject)} <subjectType> elements where one is expected")
    code = _clean(subject[0].get("code")) if subject else None
    classification = _clean(subject[0].get("classificationCode")) if subject else None

    entity = {
        "eu_reference_number": _clean(element.get("euReferenceNumber")),
        "united_nation_id": _clean(element.get("unitedNationId")),
        "subject_type": where.subject_type(code, classification),
        "designation_date": where.date(_clean(element.get("designationDate")), "designationDate"),
        "designation_details": _clean(element.get("designationDetails")),
        "remark": _xml_remarks(element),
        **lineage,
    }
    children: dict[str, list[dict]] = {}
    for child in CHILDREN:
        rows = []
        for node in _xml_children(element, child.xml_tag):
            values = _xml_child_values(child, node)
            if all(v is None for v in values.values()):
                continue  # an empty placeholder element (logicalId only)
            row = _typed(where, child, values, "xml")
            if child.table == "name_aliases":
                row["is_strong"] = where.boolean(_clean(node.get("strong")), "nameAlias/strong")
            rows.append({**row, **lineage})
        children[child.table] = rows
    return _finish_entity(where, entity, children), children


def _parse_xml(path: Path) -> dict[str, pa.Table]:
    rows = _Rows()
    seen: dict[int, int] = {}
    for record, element in _xml_entities(path):
        entity, children = _read_xml_entity(path, record, element)
        logical_id = entity["logical_id"]
        if logical_id in seen:
            raise SourceFormatError(
                path,
                f"sanctionEntity logicalId {logical_id} appears twice (records {seen[logical_id]} and {record})",
                record,
            )
        seen[logical_id] = record
        rows.tables["entities"].append(entity)
        for table, table_rows in children.items():
            rows.tables[table].extend(table_rows)
    if not seen:
        # An empty list would read downstream as every designation lifted overnight.
        raise SourceFormatError(path, "the export has no sanctionEntity elements")
    return rows.to_arrow()


# --------------------------------------------------------------------------------------------
# CSV


def _decode(path: Path, data: bytes) -> str:
    # The BOM is removed by hand: the utf-8-sig codec reports error offsets relative to the bytes
    # after it, which would name the wrong byte and line.
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as bad:
        offset = bad.start + bom
        line = data.count(b"\n", 0, offset) + 1
        raise SourceFormatError(
            path,
            f"invalid UTF-8 byte 0x{data[offset]:02X} at line {line} (byte offset {offset}): "
            "the FSF CSV is UTF-8; this file is damaged or in another encoding",
            line,
        ) from None


def _csv_header(path: Path) -> list[str] | None:
    """The header fields when the first line looks like the FSF CSV header, else None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return None
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    fields = [f.strip() for f in text.split(";")]
    return fields if "Entity_LogicalId" in fields and "NameAlias_WholeName" in fields else None


def _csv_date(path: Path, value: str, line: int) -> date:
    """fileGenerationDate: DD/MM/YYYY in the published files (e.g. 28/10/2022), ISO also accepted."""
    for pattern, order in ((_DMY_DATE, (3, 2, 1)), (_ISO_DATE, (1, 2, 3))):
        match = pattern.fullmatch(value)
        if match:
            try:
                return date(int(match[order[0]]), int(match[order[1]]), int(match[order[2]]))
            except ValueError:
                break
    raise SourceFormatError(path, f"{CSV_GENERATION_DATE} {value!r} is not a date (DD/MM/YYYY)", line)


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, str | None]]]:
    """Each data row as {column: cleaned value} with the line it starts on; blank rows skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"', strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise SourceFormatError(path, "the file is empty") from None
    except csv.Error as error:
        raise SourceFormatError(path, f"header line cannot be read as CSV: {error}", 1) from None
    missing = [c for c in CSV_REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SourceFormatError(
            path,
            f"the header lacks {len(missing)} FSF column(s): {', '.join(missing[:8])}"
            + (" ..." if len(missing) > 8 else "")
            + " — a renamed or dropped column cannot be read without guessing",
            1,
        )
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    if duplicated:
        raise SourceFormatError(path, f"the header names {', '.join(duplicated)} twice", 1)
    previous_end = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceFormatError(
                path, f"line {reader.line_num} cannot be read as CSV: {error}", reader.line_num
            ) from None
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(f.strip() for f in fields):
            continue  # blank line or a row of bare separators
        if len(fields) != len(header):
            # A missing or extra separator shifts every following column: no safe reading.
            raise SourceFormatError(
                path, f"row has {len(fields)} fields where the header has {len(header)}", line
            )
        yield line, {name: _clean(value) for name, value in zip(header, fields)}


@dataclass
class _CsvEntity:
    first_line: int
    entity: dict
    remarks: list[str]
    children: dict[str, dict[object, dict]]  # table -> merge key -> row


_ENTITY_FIELDS = {
    "eu_reference_number": "Entity_EU_ReferenceNumber",
    "united_nation_id": "Entity_UnitedNationId",
    "designation_date": "Entity_DesignationDate",
    "designation_details": "Entity_DesignationDetails",
}


def _csv_subject(where: _Where, row: dict[str, str | None]) -> str:
    """The published CSV puts the letter (P/E) under Entity_SubjectType and the word
    (person/enterprise) under Entity_SubjectType_ClassificationCode: the XML's meanings swapped.
    Whichever column holds the word is the subject type; the other must be its letter."""
    first, second = row["Entity_SubjectType"], row["Entity_SubjectType_ClassificationCode"]
    if first in SUBJECT_TYPES:
        return where.subject_type(first, second)
    if second in SUBJECT_TYPES:
        return where.subject_type(second, first)
    # Neither is a known word: report the one that looks like a word (a new kind of subject).
    word = second if second is not None and len(second) > 1 else first
    return where.subject_type(word, None)


def _parse_csv(path: Path) -> dict[str, pa.Table]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceFormatError(path, f"cannot read the file: {error.strerror or error}") from None
    text = _decode(path, data)

    entities: dict[int, _CsvEntity] = {}
    generation: tuple[str, int] | None = None
    for line, row in _csv_rows(path, text):
        where = _Where(path, line)
        stamp = row.get(CSV_GENERATION_DATE)
        if stamp is not None:
            _csv_date(path, stamp, line)
            if generation is None:
                generation = (stamp, line)
            elif stamp != generation[0]:
                # Two publications concatenated: which rows are current cannot be told apart.
                raise SourceFormatError(
                    path,
                    f"{CSV_GENERATION_DATE} {stamp!r} differs from {generation[0]!r} on line {generation[1]}",
                    line,
                )
        logical_id = where.integer(row["Entity_LogicalId"], "Entity_LogicalId")
        if logical_id is None:
            raise where.error("row has no Entity_LogicalId")
        where = _Where(path, line, logical_id)
        entity_values = {
            "eu_reference_number": row["Entity_EU_ReferenceNumber"],
            "united_nation_id": row["Entity_UnitedNationId"],
            "subject_type": _csv_subject(where, row),
            "designation_date": where.date(row["Entity_DesignationDate"], "Entity_DesignationDate"),
            "designation_details": row["Entity_DesignationDetails"],
        }
        current = entities.get(logical_id)
        if current is None:
            current = entities[logical_id] = _CsvEntity(
                line,
                {"logical_id": logical_id, **entity_values, "_file": path.name, "_record": line},
                [],
                {table: {} for table in CHILD_TABLES},
            )
        else:
            for name, value in entity_values.items():
                if current.entity[name] != value:
                    # The entity's own fields repeat on each of its rows; a difference means
                    # the rows do not describe one entity.
                    raise where.error(
                        f"{name} {value!r} differs from {current.entity[name]!r} on line {current.first_line}"
                    )
        remark = row["Entity_Remark"]
        if remark and remark not in current.remarks:
            current.remarks.append(remark)
        _csv_children(where, row, current, path.name, line)

    if not entities:
        raise SourceFormatError(path, "the file has a header but no entity rows")
    rows = _Rows()
    for item in entities.values():
        where = _Where(path, item.first_line, item.entity["logical_id"])
        children = {table: list(item.children[table].values()) for table in CHILD_TABLES}
        item.entity["remark"] = "\n".join(item.remarks) or None
        rows.tables["entities"].append(_finish_entity(where, item.entity, children))
        for table, table_rows in children.items():
            rows.tables[table].extend(table_rows)
    return rows.to_arrow()


def _csv_children(where: _Where, row: dict[str, str | None], entity: _CsvEntity, file_name: str, line: int) -> None:
    """Add this row's sub-elements to its entity, merging the repeats the flat layout creates."""
    for child in CHILDREN:
        values = {column: row[csv_column] for column, (_xml, csv_column) in child.columns.items()}
        if all(v is None for v in values.values()):
            continue
        typed = _typed(where, child, values, "csv")
        if child.table == "name_aliases":
            typed["is_strong"] = None  # the CSV carries no strong/weak flag
        own_id = row[child.csv_logical_id] if child.csv_logical_id else None
        key: object = ("id", own_id) if own_id is not None else ("values", tuple(typed.values()))
        known = entity.children[child.table].get(key)
        if known is None:
            entity.children[child.table][key] = {
                "logical_id": entity.entity["logical_id"], **typed, "_file": file_name, "_record": line
            }
        elif any(known[c] != v for c, v in typed.items()):
            raise where.error(
                f"{child.csv_logical_id} {own_id} carries other values than on line {known['_record']}"
            )


# --------------------------------------------------------------------------------------------
# The contract: classify, publisher_as_of, parse_snapshot


def classify(path: Path) -> str | None:
    """``fsf_xml`` for an .xml file whose root is <export>; ``fsf_csv`` for a .csv file whose first
    line is the FSF header; otherwise None.

    Only the first chunk is read. An <export> in a foreign namespace still classifies, so that
    parse_snapshot can say precisely why it is refused.
    """
    suffix = path.suffix.lower()
    if suffix == ".xml":
        root = safe_xml.peek_root(path)
        return ROLE_XML if root is not None and _local(root.tag) == ROOT_NAME else None
    if suffix == ".csv":
        return ROLE_CSV if _csv_header(path) is not None else None
    return None


def publisher_as_of(path: Path, role: str) -> date | None:
    """The publication date printed in the file.

    XML: the calendar date of the root's ``generationDate`` as written, in the publisher's own
    zone (``2031-02-03T17:00:34.049+01:00`` → 2031-02-03): the Commission works in Brussels time,
    and this keeps the XML and the CSV of one publication on the same date.
    CSV: ``fileGenerationDate`` of the first data row (DD/MM/YYYY); None if the column is absent.
    """
    if role == ROLE_XML:
        root = safe_xml.peek_root(path)
        if root is None or root.tag != ROOT:
            return None
        generated = _generation_date(path, root)
        return generated.date() if generated else None
    if role == ROLE_CSV:
        return _csv_first_generation_date(path)
    return None


def _csv_first_generation_date(path: Path) -> date | None:
    if _csv_header(path) is None:
        return None
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
    text = head.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = [h.strip() for h in next(reader)]
    if CSV_GENERATION_DATE not in header:
        return None
    position = header.index(CSV_GENERATION_DATE)
    for fields in reader:
        if any(f.strip() for f in fields) and len(fields) > position:
            value = _clean(fields[position])
            return _csv_date(path, value, reader.line_num) if value else None
    return None


_PARSERS: dict[str, Callable[[Path], dict[str, pa.Table]]] = {ROLE_XML: _parse_xml, ROLE_CSV: _parse_csv}


def parse_file(path: Path, role: str) -> dict[str, pa.Table]:
    """Every raw table from one FSF file; raises SourceFormatError, never returns part of it."""
    if role not in _PARSERS:
        raise SourceFormatError(path, f"file role {role!r} is not an FSF role ({', '.join(ROLES)})")
    return _PARSERS[role](path)


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    """One snapshot is exactly one file, XML or CSV: both formats carry the whole list, so two files
    (or one of each) would load every designation twice."""
    unknown = sorted(set(paths_by_role) - set(ROLES))
    if unknown:
        first = paths_by_role[unknown[0]][0]
        raise SourceFormatError(first, f"file role(s) {unknown} are not FSF roles ({', '.join(ROLES)})")
    files = [(role, path) for role in ROLES for path in paths_by_role.get(role, [])]
    if len(files) != 1:
        names = ", ".join(p.name for _, p in files) or "none"
        where = files[0][1].parent if files else "eu_fsf snapshot"
        raise SourceFormatError(
            where,
            f"a snapshot holds exactly one FSF file (the XML or the CSV export); found {len(files)} ({names})",
        )
    role, path = files[0]
    return ParsedSnapshot(tables=parse_file(path, role))
