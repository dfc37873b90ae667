"""Parse the UK sanctions lists into ``raw_uk_sanctions.*`` tables.

Two publishers, three file roles, one set of tables (see README.md beside this file):

* ``fcdo_xml`` / ``fcdo_csv``: the UK Sanctions List published by the FCDO, one ``Designation``
  per Unique ID (XML), or one row per name/address/detail combination (CSV);
* ``ofsi_conlist``: the retired OFSI Consolidated List CSV, one row per name (and per date of
  birth and address), grouped here by Group ID into one designation.

Pure functions, no Dagster. Untrusted XML goes through defusedxml with DTDs forbidden.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import Element, ParseError

import pyarrow as pa
from defusedxml import DefusedXmlException, DTDForbidden
from defusedxml import ElementTree as SafeET

from orchestration.lib import safe_xml
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import LINEAGE_FIELDS, ParsedSnapshot, Quarantined

SOURCE = "uk_sanctions"
DOMAIN = "sanctions"

ROLE_FCDO_XML = "fcdo_xml"
ROLE_FCDO_CSV = "fcdo_csv"
ROLE_CONLIST = "ofsi_conlist"
ROLES = (ROLE_FCDO_XML, ROLE_FCDO_CSV, ROLE_CONLIST)
FEED = {ROLE_FCDO_XML: "fcdo", ROLE_FCDO_CSV: "fcdo", ROLE_CONLIST: "ofsi_conlist"}

XML_ROOT = "Designations"

DESIGNATION_TYPES = {"individual": "individual", "entity": "entity", "ship": "ship"}
# FCDO "Name type" / ConList "Alias Type" -> raw name_type. "Primary name variation" is a
# spelling variant of the primary name (FCDO format guidance, Feb 2022), not the primary name.
NAME_TYPES = {
    "primary name": "primary",
    "prime alias": "primary",
    "primary name variation": "alias",
    "alias": "alias",
    "aka": "alias",
    "fka": "alias",
}


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields] + LINEAGE_FIELDS)


_S = pa.string()
_I = pa.int64()
_D = pa.date32()
_L = pa.list_(_S)

RAW_TABLES: dict[str, tuple[pa.Schema, str]] = {
    "designations": (
        _schema(
            ("unique_id", _S),
            ("ofsi_group_id", _I),
            ("un_reference_number", _S),
            ("uk_sanctions_list_ref", _S),
            ("regime", _S),
            ("designation_type", _S),
            ("primary_name", _S),
            ("date_designated", _D),
            ("uk_sanctions_list_date_designated", _D),
            ("last_updated", _D),
            ("sanctions_imposed", _S),
            ("designation_source", _S),
            ("other_information", _S),
            ("statement_of_reasons", _S),
            ("feed", _S),
        ),
        "One row per designation: an FCDO Designation (key unique_id) or an OFSI ConList group "
        "(key ofsi_group_id, unique_id null); feed says which list",
    ),
    "names": (
        _schema(
            ("unique_id", _S),
            ("ofsi_group_id", _I),
            ("name_type", _S),
            ("name_type_published", _S),
            ("alias_strength", _S),
            ("full_name", _S),
            ("name1", _S),
            ("name2", _S),
            ("name3", _S),
            ("name4", _S),
            ("name5", _S),
            ("name6", _S),
            ("title", _S),
            ("non_latin_script_type", _S),
            ("non_latin_script_language", _S),
        ),
        "One row per distinct published name of a designation: primary, alias (AKA, FKA, primary "
        "name variation) or non_latin (name in its original script)",
    ),
    "individual_details": (
        _schema(
            ("unique_id", _S),
            ("ofsi_group_id", _I),
            ("dob_text", _S),
            ("dob", _D),
            ("dob_year", _I),
            ("dob_month", _I),
            ("town_of_birth", _S),
            ("country_of_birth", _S),
            ("nationality", _S),
            ("passport_number", _S),
            ("passport_details", _S),
            ("national_id", _S),
            ("national_id_details", _S),
            ("position", _S),
            ("gender", _S),
            ("title", _S),
        ),
        "One row per distinct date of birth (with the identifying details published beside it) of a "
        "designation; dob is null unless day, month and year are all known",
    ),
    "addresses": (
        _schema(
            ("unique_id", _S),
            ("ofsi_group_id", _I),
            ("address_lines", _L),
            ("address_line1", _S),
            ("address_line2", _S),
            ("address_line3", _S),
            ("address_line4", _S),
            ("address_line5", _S),
            ("address_line6", _S),
            ("post_code", _S),
            ("country", _S),
        ),
        "One row per distinct published address of a designation",
    ),
    "ships": (
        _schema(
            ("unique_id", _S),
            ("ofsi_group_id", _I),
            ("imo_number", _S),
            ("imo_published", _S),
            ("imo_source", _S),
            ("current_owner_operator", _S),
            ("previous_owner_operator", _S),
            ("current_flag", _S),
            ("previous_flags", _L),
            ("type_of_ship", _S),
            ("tonnage", _S),
            ("length", _S),
            ("year_built", _S),
            ("hull_identification", _S),
        ),
        "One row per IMO number of a ship designation (FCDO ship details), or of a ConList vessel "
        "whose IMO is only given inside Other Information",
    ),
}

_TABLES = tuple(RAW_TABLES)


# --------------------------------------------------------------------------------------------
# Values


def _clean(text: str | None) -> str | None:
    """Runs of whitespace become one space, trimmed; empty becomes None.

    Both lists wrap long texts and pad cells; the line breaks are layout, not content (the
    ConList excerpt has '(1) Tirpas-Selong Village,  East Lombok'; FCDO XML has
    '<UKStatementofReasons>' holding only a line break).
    """
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


def _joined(values: list[str]) -> str | None:
    """Several published values for one column, in published order, without repeats."""
    seen: list[str] = []
    for value in values:
        if value is not None and value not in seen:
            seen.append(value)
    return "; ".join(seen) or None


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(value: str | None) -> date | None:
    """A dd/mm/yyyy date, or ValueError. Both publishers write every list date this way."""
    if value is None:
        return None
    match = _DMY.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not a dd/mm/yyyy date")
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None


# Unknown parts of a date of birth: the ConList writes 00 ('00/00/1980'), the FCDO lists write
# the placeholder letters ('dd/mm/1945', also accepted by OpenSanctions' FCDO crawler).
_DOB = re.compile(r"(\d{1,2}|00|dd)/(\d{1,2}|00|mm)/(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")


def parse_dob(text: str | None) -> tuple[date | None, int | None, int | None]:
    """(date, year, month) of a published date of birth.

    The date is only given when day, month and year are all known and form a real day; a
    shape the parser does not know gives nothing parsed (dob_text keeps the words). A date of
    birth is descriptive, so an odd one never refuses the file.
    """
    if text is None:
        return None, None, None
    if _YEAR.fullmatch(text):
        return None, int(text), None
    match = _DOB.fullmatch(text)
    if not match:
        return None, None, None
    day_s, month_s, year_s = match[1].lower(), match[2].lower(), match[3]
    year = int(year_s)
    month = int(month_s) if month_s.isdigit() and int(month_s) != 0 else None
    if month is not None and not 1 <= month <= 12:
        month = None
    day = int(day_s) if day_s.isdigit() and int(day_s) != 0 else None
    if day is None or month is None:
        return None, year, month
    try:
        return date(year, month, day), year, month
    except ValueError:
        return None, year, month


# Modern UN permanent references: two-letter regime, i (individual) or e (entity), three digits.
_UN_MODERN = re.compile(r"([A-Za-z]{2})([ieIE])\.(\d{3})")
# 'UN Ref QDe.004.', 'UN REF:QE.A.146.14.', 'UN Ref.KPI.067.', 'UN REF: QDi.333 National ...'
_UN_REF_MARKER = re.compile(
    r"\bUN\s*Ref(?:erence)?(?:\s*(?:No\.?|Number))?\s*[.:]?\s*([A-Za-z0-9][A-Za-z0-9.]*)", re.IGNORECASE
)


def normalise_un_reference(value: str | None) -> str | None:
    """'KPI.067' -> 'KPi.067'; a legacy reference ('QI.A.86.03', 'E.29.I.11') is kept as written.

    Trailing full stops are sentence punctuation, not part of the reference.
    """
    if value is None:
        return None
    token = value.strip().rstrip(".").strip()
    if not token:
        return None
    match = _UN_MODERN.fullmatch(token)
    if match:
        return f"{match[1].upper()}{match[2].lower()}.{match[3]}"
    return token


def un_reference_in_text(text: str | None) -> str | None:
    """The UN reference an OFSI 'Other Information' text gives for its own designation.

    Only after a 'UN Ref' marker, or a modern reference opening the text ('IRe.001. Subordinate
    of DIO.'): a reference elsewhere in the text usually names another party ('a close
    associate of Mullah Mohammed Omar (TAi.004)').
    """
    if text is None:
        return None
    marked = _UN_REF_MARKER.search(text)
    if marked:
        return normalise_un_reference(marked[1])
    opening = re.match(r"\s*([A-Za-z]{2}[ieIE]\.\d{3})\b", text)
    return normalise_un_reference(opening[1]) if opening else None


_UK_LIST_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{3}\d{4})\b")


def uk_list_ref_in_text(text: str | None) -> str | None:
    """'(UK Sanctions List Ref):SYR0306' inside a 2022-layout ConList Other Information."""
    match = _UK_LIST_REF.search(text or "")
    return match[1] if match else None


_IMO_VALUE = re.compile(r"(?:IMO)?\s*[:.]?\s*(\d{7})", re.IGNORECASE)
# 'IMO: 8937675.' in a ConList Other Information (the TONG SAN 2 row of the real excerpt)
_IMO_IN_TEXT = re.compile(r"\bIMO(?:\s+(?:number|no\.?))?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)
_VESSEL_WORDS = re.compile(r"\b(vessel|ship|tanker)s?\b", re.IGNORECASE)


def imo_digits(value: str | None) -> str | None:
    """The seven digits of a published IMO number ('IMO9562233', '9000000'), else None."""
    if value is None:
        return None
    match = _IMO_VALUE.fullmatch(value.strip())
    return match[1] if match else None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d+", value) or int(value) >= 2**63:
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def _key(header: str) -> str:
    """Header names compare without case or spacing: the publishers' own capitals drift
    ('Parent company' / 'Parent Company')."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


# --------------------------------------------------------------------------------------------
# Rows being built


def _empty_row(table: str) -> dict:
    return dict.fromkeys(RAW_TABLES[table][0].names)


@dataclass
class _Rows:
    by_table: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in _TABLES})
    quarantine: list[Quarantined] = field(default_factory=list)

    def add(self, table: str, **values) -> None:
        row = _empty_row(table)
        unknown = set(values) - set(row)
        if unknown:  # a programming error, never a data problem
            raise KeyError(f"{table} has no columns {sorted(unknown)}")
        row.update(values)
        self.by_table[table].append(row)

    def extend(self, other: "_Rows") -> None:
        for name in _TABLES:
            self.by_table[name].extend(other.by_table[name])
        self.quarantine.extend(other.quarantine)

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pylist(self.by_table[name], schema=RAW_TABLES[name][0]) for name in _TABLES}


def _full_name(parts: list[str | None]) -> str | None:
    """Name1 ... Name5 then Name6 (the family or organisation name), as both lists order them."""
    return " ".join(p for p in parts if p) or None


def _name_type(published: str | None) -> str | None:
    return NAME_TYPES.get(_key(published)) if published else None


def _designation_type(published: str | None) -> str | None:
    return DESIGNATION_TYPES.get(_key(published)) if published else None


# --------------------------------------------------------------------------------------------
# Recognising files and reading their dates


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else tag


def _xml_head(path: Path) -> tuple[str | None, str | None]:
    """(root element name, DateGenerated text) from the start of the file.

    Stops at the first Designation, so a 20 MB list is not read to learn its date. A DOCTYPE
    stops the peek before anything it declares is processed.
    """
    root: str | None = None
    try:
        with open(path, "rb") as handle:
            for event, element in SafeET.iterparse(handle, events=("start", "end"), forbid_dtd=True):
                name = _local(element.tag)
                if root is None:
                    root = name
                    if name != XML_ROOT:
                        return root, None
                elif event == "start" and name == "Designation":
                    return root, None
                elif event == "end" and name == "DateGenerated":
                    return root, _clean("".join(element.itertext()))
    except DTDForbidden as declared:
        return declared.name, None
    except (ParseError, DefusedXmlException, OSError):
        return root, None
    return root, None


def _head_records(path: Path, limit: int = 3) -> list[list[str]]:
    """The first non-empty CSV records, decoded leniently: only to recognise the file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(65536)
    except OSError:
        return []
    text = data.decode("utf-8-sig", errors="replace") if data.startswith(b"\xef\xbb\xbf") else data.decode(
        "cp1252", errors="replace"
    )
    records: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if any(cell.strip() for cell in row):
                records.append(row)
            if len(records) >= limit:
                break
    except csv.Error:
        pass
    return records


def _is_report_date(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    return len(cells) == 1 and _key(cells[0]).startswith("report date")


def _is_last_updated_line(row: list[str]) -> bool:
    cells = [c.strip() for c in row if c.strip()]
    return len(cells) == 2 and _key(cells[0]) == "last updated" and bool(_DMY.fullmatch(cells[1]))


def classify(path: Path) -> str | None:
    """``fcdo_xml`` (root ``Designations``), ``fcdo_csv`` (a 'Report Date:' line or a header with
    'Unique ID') or ``ofsi_conlist`` (a header with 'Group ID' and 'Name 6'); else None.

    Recognition is deliberately loose: a file that claims to be one of these but is damaged
    further on deserves the precise error parse_snapshot gives, not 'not recognised'.
    """
    suffix = path.suffix.lower()
    if suffix == ".xml":
        root, _ = _xml_head(path)
        return ROLE_FCDO_XML if root == XML_ROOT else None
    if suffix != ".csv":
        return None
    records = _head_records(path)
    if not records:
        return None
    if _is_report_date(records[0]):
        return ROLE_FCDO_CSV
    header = records[1] if _is_last_updated_line(records[0]) and len(records) > 1 else records[0]
    names = {_key(cell) for cell in header}
    if "unique id" in names:
        return ROLE_FCDO_CSV
    if "group id" in names and "name 6" in names:
        return ROLE_CONLIST
    return None


_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_REPORT_DATE = re.compile(r"report date\s*:?\s*(\d{1,2})-([a-z]{3})-(\d{4})")


def _report_date(path: Path, cell: str) -> date:
    match = _REPORT_DATE.fullmatch(_key(cell))
    if match and match[2] in _MONTHS:
        try:
            return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
        except ValueError:
            pass
    raise SourceFormatError(path, f"first line {cell.strip()!r} is not 'Report Date: dd-Mon-yyyy'", 1)


def publisher_as_of(path: Path, role: str) -> date | None:
    """The date the publisher printed in the file.

    FCDO XML: ``<DateGenerated>dd/mm/yyyy</DateGenerated>``; FCDO CSV: first line
    ``Report Date: 13-Feb-2026``; ConList: first line ``Last Updated,dd/mm/yyyy`` when present
    (the real 2020 excerpt has none: None).
    """
    if role == ROLE_FCDO_XML:
        root, generated = _xml_head(path)
        if root != XML_ROOT or generated is None:
            return None
        try:
            return _date(generated)
        except ValueError as error:
            raise SourceFormatError(path, f"DateGenerated {error}") from None
    if role == ROLE_FCDO_CSV:
        records = _head_records(path, limit=1)
        if records and _is_report_date(records[0]):
            return _report_date(path, next(c for c in records[0] if c.strip()))
        return None
    if role == ROLE_CONLIST:
        records = _head_records(path, limit=1)
        if records and _is_last_updated_line(records[0]):
            try:
                return _date([c.strip() for c in records[0] if c.strip()][1])
            except ValueError as error:
                raise SourceFormatError(path, f"Last Updated {error}", 1) from None
        return None
    return None


# --------------------------------------------------------------------------------------------
# CSV reading shared by the FCDO CSV and the ConList


_BOM = b"\xef\xbb\xbf"


def _decode(path: Path, data: bytes, *, allow_cp1252: bool) -> str:
    """UTF-8 (a BOM allowed), or for the ConList Windows-1252, which OFSI used for years.

    A Windows-1252 file is almost never valid UTF-8 (its curly quotes 0x91-0x94 are not), so
    trying UTF-8 first does not misread the legacy files, and a later UTF-8 ConList still reads.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if not allow_cp1252:
            raise SourceFormatError(
                path, f"not UTF-8: byte 0x{data[error.start]:02X} at offset {error.start}"
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise SourceFormatError(
            path,
            f"neither UTF-8 nor Windows-1252: byte 0x{data[error.start]:02X} at offset {error.start} "
            "is undefined in Windows-1252",
        ) from None


def _records(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields) for each non-empty record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceFormatError(path, f"unreadable CSV ({error})", start) from None
        if any(cell.strip() for cell in row):
            yield start, row


@dataclass(frozen=True)
class _Layout:
    """Which published column holds which value; names compared with _key()."""

    label: str
    required: dict[str, str]  # header -> attribute
    optional: dict[str, str]
    one_of: tuple[tuple[tuple[str, ...], str], ...] = ()  # (alternative headers, attribute)


def _columns(path: Path, header: list[str], header_line: int, layout: _Layout) -> dict[str, int]:
    keys = [_key(h) for h in header]
    for position, key in enumerate(keys, 1):
        if not key:
            raise SourceFormatError(path, f"header column {position} has no name", header_line)
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise SourceFormatError(path, f"header repeats column(s) {duplicated}", header_line)
    index = {key: i for i, key in enumerate(keys)}
    missing = [h for h in layout.required if h not in index]
    columns = {attr: index[h] for h, attr in layout.required.items() if h in index}
    for alternatives, attr in layout.one_of:
        present = [h for h in alternatives if h in index]
        if len(present) == 1:
            columns[attr] = index[present[0]]
        elif not present:
            missing.append(" or ".join(repr(h) for h in alternatives))
        else:
            raise SourceFormatError(path, f"header has both {present}: which one to read is a guess", header_line)
    if missing:
        raise SourceFormatError(
            path,
            f"header lacks column(s) {', '.join(missing)}: this is not the {layout.label} layout the "
            "parser knows (see README.md)",
            header_line,
        )
    columns.update({attr: index[h] for h, attr in layout.optional.items() if h in index})
    return columns


@dataclass
class _Group:
    """The rows of one designation in a denormalised CSV (one row per name x address x ...)."""

    record: int
    values: dict[str, str | None] = field(default_factory=dict)
    seen_at: dict[str, int] = field(default_factory=dict)
    names: dict[tuple, dict] = field(default_factory=dict)
    details: dict[tuple, dict] = field(default_factory=dict)
    addresses: dict[tuple, dict] = field(default_factory=dict)
    ship: dict[str, list] = field(default_factory=dict)

    def merge(self, path: Path, who: str, column: str, value: str | None, record: int) -> None:
        """Designation-level values are repeated on every row; two different ones cannot both be
        true. A blank cell asserts nothing, so it neither conflicts nor overwrites."""
        if value is None:
            return
        if column not in self.values or self.values[column] is None:
            self.values[column] = value
            self.seen_at[column] = record
        elif self.values[column] != value:
            raise SourceFormatError(
                path,
                f"{who}: {column} is {self.values[column]!r} at record {self.seen_at[column]} but {value!r} here; "
                "one designation cannot have both",
                record,
            )



def _collect_row_details(group: "_Group", get, line: int, **detail_extra) -> None:
    """The non-Latin name, personal details and address a CSV row carries, each kept once per
    group (both CSV layouts repeat them on every row of a designation)."""
    non_latin = get("non_latin")
    if non_latin is not None:
        name = {
            "name_type": "non_latin",
            "full_name": non_latin,
            "non_latin_script_type": get("non_latin_type"),
            "non_latin_script_language": get("non_latin_language"),
        }
        _once(group.names, tuple(name.values()), line, name)

    detail = {
        "dob_text": get("dob"),
        "town_of_birth": get("town_of_birth"),
        "country_of_birth": get("country_of_birth"),
        "nationality": get("nationality"),
        "passport_number": get("passport_number"),
        "passport_details": get("passport_details"),
        "national_id": get("national_id"),
        "national_id_details": get("national_id_details"),
        "position": get("position"),
        **detail_extra,
    }
    if any(v is not None for v in detail.values()):
        _once(group.details, tuple(detail.values()), line, detail)

    address = {f"address_line{i}": get(f"address_line{i}") for i in range(1, 7)}
    address.update(post_code=get("post_code"), country=get("country"))
    if any(v is not None for v in address.values()):
        _once(group.addresses, tuple(address.values()), line, address)

def _once(store: dict[tuple, dict], key: tuple, record: int, row: dict) -> None:
    if key not in store:
        store[key] = {**row, "_record": record}


# --------------------------------------------------------------------------------------------
# The OFSI Consolidated List (ConList) CSV


CONLIST = _Layout(
    label="OFSI Consolidated List",
    required={
        "name 6": "name6",
        "name 1": "name1",
        "name 2": "name2",
        "name 3": "name3",
        "name 4": "name4",
        "name 5": "name5",
        "title": "title",
        "dob": "dob",
        "town of birth": "town_of_birth",
        "country of birth": "country_of_birth",
        "nationality": "nationality",
        "passport details": "passport_details",
        "position": "position",
        "address 1": "address_line1",
        "address 2": "address_line2",
        "address 3": "address_line3",
        "address 4": "address_line4",
        "address 5": "address_line5",
        "address 6": "address_line6",
        "post/zip code": "post_code",
        "country": "country",
        "other information": "other_information",
        "group type": "group_type",
        "alias type": "alias_type",
        "regime": "regime",
        "listed on": "listed_on",
        "last updated": "last_updated",
        "group id": "group_id",
    },
    # The seven fields OFSI added in February 2022; absent from the 2020 layout.
    optional={
        "name non-latin script": "non_latin",
        "non-latin script type": "non_latin_type",
        "non-latin script language": "non_latin_language",
        "passport number": "passport_number",
        "national identification details": "national_id_details",
        "alias quality": "alias_quality",
        "uk sanctions list date designated": "uk_date_designated",
    },
    # 'NI Number' until 2022, 'National Identification Number' after.
    one_of=((("ni number", "national identification number"), "national_id"),),
)

_CONLIST_GROUP_FIELDS = ("group_type", "regime", "listed_on", "last_updated", "other_information", "uk_date_designated")


def _parse_conlist(path: Path) -> _Rows:
    text = _decode(path, path.read_bytes(), allow_cp1252=True)
    records = _records(path, text)
    first = next(records, None)
    if first is not None and _is_last_updated_line(first[1]):
        first = next(records, None)
    if first is None:
        raise SourceFormatError(path, "the file has no header")
    header_line, header = first
    body = list(records)
    if not body:
        # An empty list would read downstream as every target delisted overnight.
        raise SourceFormatError(path, "the list has no rows under its header", header_line)
    width = len(header)
    if header and not header[0].strip() and len(body[0][1]) == width - 1:
        # The real 2020 excerpt: the header opens with an empty cell ',Name 6,Name 1,...' while
        # the data rows start with Name 6, one field shorter. Reading the header as written
        # would shift every value one column right (Name 6 into Name 1, ... Group ID lost).
        # Every later row is then held to the shortened width.
        header = header[1:]
        width -= 1
    columns = _columns(path, header, header_line, CONLIST)
    rows = _Rows()
    groups: dict[int, _Group] = {}
    for line, row in body:
        if len(row) != width:
            raise SourceFormatError(path, f"expected {width} fields as in the header, found {len(row)}", line)

        def get(attr: str, row: list[str] = row) -> str | None:
            position = columns.get(attr)
            return _clean(row[position]) if position is not None else None

        group_text = get("group_id")
        if group_text is None:
            rows.quarantine.append(
                Quarantined(path.name, line, "row has no Group ID: its designation is unknown", ",".join(row)[:2000])
            )
            continue
        try:
            group_id = _int(group_text)
        except ValueError as error:
            raise SourceFormatError(path, f"Group ID {error}", line) from None
        group = groups.setdefault(group_id, _Group(line))
        who = f"Group ID {group_id}"
        for column in _CONLIST_GROUP_FIELDS:
            group.merge(path, who, column, get(column), line)

        published = get("alias_type")
        name_type = _name_type(published)
        if name_type is None:
            raise SourceFormatError(
                path, f"{who}: Alias Type {published!r} is none of {sorted(NAME_TYPES)}; extend the parser", line
            )
        parts = [get(f"name{i}") for i in range(1, 7)]
        full = _full_name(parts)
        if full is not None:
            name = {
                "name_type": name_type,
                "name_type_published": published,
                "alias_strength": get("alias_quality"),
                "full_name": full,
                **{f"name{i}": parts[i - 1] for i in range(1, 7)},
                "title": get("title"),
            }
            _once(group.names, tuple(name.values()), line, name)
        _collect_row_details(group, get, line)

    for group_id, group in groups.items():
        _emit_conlist_group(path, group_id, group, rows)
    return rows


def _emit_conlist_group(path: Path, group_id: int, group: _Group, rows: _Rows) -> None:
    who = f"Group ID {group_id}"
    values = group.values
    published_type = values.get("group_type")
    designation_type = _designation_type(published_type)
    if designation_type is None:
        raise SourceFormatError(
            path, f"{who}: Group Type {published_type!r} is none of Individual, Entity, Ship", group.record
        )
    if not group.names:
        raise SourceFormatError(path, f"{who}: no row of the group carries a name", group.record)

    def when(column: str) -> date | None:
        try:
            return _date(values.get(column))
        except ValueError as error:
            label = column.replace("_", " ")
            raise SourceFormatError(path, f"{who}: {label} {error}", group.seen_at.get(column)) from None

    other = values.get("other_information")
    primary = next((n["full_name"] for n in group.names.values() if n["name_type"] == "primary"), None)
    ids = {"unique_id": None, "ofsi_group_id": group_id, "_file": path.name}
    rows.add(
        "designations",
        **ids,
        un_reference_number=un_reference_in_text(other),
        uk_sanctions_list_ref=uk_list_ref_in_text(other),
        regime=values.get("regime"),
        designation_type=designation_type,
        # A group whose only rows are AKAs (the 2020 excerpt cuts groups) has no primary name
        # to report: none is invented from an alias.
        primary_name=primary,
        date_designated=when("listed_on"),
        uk_sanctions_list_date_designated=when("uk_date_designated"),
        last_updated=when("last_updated"),
        other_information=other,
        feed=FEED[ROLE_CONLIST],
        _record=group.record,
    )
    for name in group.names.values():
        rows.add("names", **ids, **name)
    for detail in group.details.values():
        dob, year, month = parse_dob(detail["dob_text"])
        rows.add("individual_details", **ids, **detail, dob=dob, dob_year=year, dob_month=month)
    for address in group.addresses.values():
        lines = [address[f"address_line{i}"] for i in range(1, 7) if address[f"address_line{i}"]]
        rows.add("addresses", **ids, **address, address_lines=lines)
    # The ConList has no ship columns: a vessel's IMO number is written inside Other Information
    # ('IMO: 8937675. MMSI: ...'). Read only when the designation is a ship, or the text speaks of
    # a vessel: a shipping company's IMO company number is also seven digits.
    found: dict[str, str] = {}
    for match in _IMO_IN_TEXT.finditer(other or ""):
        found.setdefault(match[1], match[0])
    if designation_type == "ship" or (found and _VESSEL_WORDS.search(other or "")):
        for imo, published in list(found.items()) or [(None, None)]:
            rows.add(
                "ships",
                **ids,
                imo_number=imo,
                imo_published=published,
                imo_source="other_information" if imo else None,
                previous_flags=[],
                _record=group.record,
            )


# --------------------------------------------------------------------------------------------
# The FCDO UK Sanctions List CSV


_FCDO_SHIP_COLUMNS = {
    "imo number": "imo",
    "current owner/operator (s)": "current_owner_operator",
    "previous owner/operator (s)": "previous_owner_operator",
    "current believed flag of ship": "current_flag",
    "previous flags": "previous_flags",
    "type of ship": "type_of_ship",
    "tonnage of ship": "tonnage",
    "length of ship": "length",
    "year built": "year_built",
    "hull identification number (hin)": "hull_identification",
}

FCDO_CSV = _Layout(
    label="FCDO UK Sanctions List CSV",
    required={
        "last updated": "last_updated",
        "unique id": "unique_id",
        "ofsi group id": "ofsi_group_id",
        "un reference number": "un_reference_number",
        "name 6": "name6",
        "name 1": "name1",
        "name 2": "name2",
        "name 3": "name3",
        "name 4": "name4",
        "name 5": "name5",
        "name type": "name_type",
        "alias strength": "alias_strength",
        "title": "title",
        "name non-latin script": "non_latin",
        "non-latin script type": "non_latin_type",
        "non-latin script language": "non_latin_language",
        "regime name": "regime",
        "designation source": "designation_source",
        "sanctions imposed": "sanctions_imposed",
        "other information": "other_information",
        "uk statement of reasons": "statement_of_reasons",
        "address line 1": "address_line1",
        "address line 2": "address_line2",
        "address line 3": "address_line3",
        "address line 4": "address_line4",
        "address line 5": "address_line5",
        "address line 6": "address_line6",
        "address postal code": "post_code",
        "address country": "country",
        "date designated": "date_designated",
        "d.o.b": "dob",
        "nationality(/ies)": "nationality",
        "national identifier number": "national_id",
        "national identifier additional information": "national_id_details",
        "passport number": "passport_number",
        "passport additional information": "passport_details",
        "position": "position",
        "gender": "gender",
        "town of birth": "town_of_birth",
        "country of birth": "country_of_birth",
        **_FCDO_SHIP_COLUMNS,
    },
    optional={},
    # 'Designation Type' in current files (OpenSanctions, moov-io/watchman); the XML element's
    # own wording 'Individual, Entity, Ship' in one older third-party fixture.
    one_of=((("designation type", "individual, entity, ship"), "designation_type"),),
)

# Published but read by no raw table yet (contact details, company structure): not required,
# so their absence never refuses a file.
FCDO_CSV_UNREAD = (
    "phone number",
    "website",
    "email address",
    "type of entity",
    "subsidiaries",
    "parent company",
    "business registration number (s)",
)

_FCDO_GROUP_FIELDS = (
    "last_updated",
    "ofsi_group_id",
    "un_reference_number",
    "regime",
    "designation_type",
    "designation_source",
    "sanctions_imposed",
    "other_information",
    "statement_of_reasons",
    "date_designated",
)


def _parse_fcdo_csv(path: Path) -> _Rows:
    text = _decode(path, path.read_bytes(), allow_cp1252=False)
    records = _records(path, text)
    first = next(records, None)
    if first is not None and _is_report_date(first[1]):
        _report_date(path, next(c for c in first[1] if c.strip()))
        first = next(records, None)
    if first is None:
        raise SourceFormatError(path, "the file has no header")
    header_line, header = first
    columns = _columns(path, header, header_line, FCDO_CSV)
    width = len(header)
    rows = _Rows()
    groups: dict[str, _Group] = {}
    for line, row in records:
        if len(row) != width:
            raise SourceFormatError(path, f"expected {width} fields as in the header, found {len(row)}", line)

        def get(attr: str, row: list[str] = row) -> str | None:
            position = columns.get(attr)
            return _clean(row[position]) if position is not None else None

        unique_id = get("unique_id")
        if unique_id is None:
            rows.quarantine.append(
                Quarantined(path.name, line, "row has no Unique ID: its designation is unknown", ",".join(row)[:2000])
            )
            continue
        group = groups.setdefault(unique_id, _Group(line))
        for column in _FCDO_GROUP_FIELDS:
            group.merge(path, f"Unique ID {unique_id}", column, get(column), line)

        published = get("name_type")
        parts = [get(f"name{i}") for i in range(1, 7)]
        full = _full_name(parts)
        if full is not None:
            name_type = _name_type(published)
            if name_type is None:
                raise SourceFormatError(
                    path, f"Unique ID {unique_id}: Name type {published!r} is none of {sorted(NAME_TYPES)}", line
                )
            name = {
                "name_type": name_type,
                "name_type_published": published,
                "alias_strength": get("alias_strength"),
                "full_name": full,
                **{f"name{i}": parts[i - 1] for i in range(1, 7)},
                "title": get("title"),
            }
            _once(group.names, tuple(name.values()), line, name)
        _collect_row_details(group, get, line, gender=get("gender"))

        for attr in _FCDO_SHIP_COLUMNS.values():
            value = get(attr)
            if value is not None:
                values = group.ship.setdefault(attr, [])
                if value not in values:
                    values.append(value)

    if not groups:
        raise SourceFormatError(path, "the list has no designation rows under its header", header_line)
    for unique_id, group in groups.items():
        _emit_fcdo_group(path, unique_id, group, rows)
    return rows


def _emit_fcdo_group(path: Path, unique_id: str, group: _Group, rows: _Rows) -> None:
    who = f"Unique ID {unique_id}"
    values = group.values
    designation_type = _designation_type(values.get("designation_type"))
    if designation_type is None:
        raise SourceFormatError(
            path, f"{who}: Designation Type {values.get('designation_type')!r} is none of Individual, Entity, Ship",
            group.record,
        )
    if not group.names:
        raise SourceFormatError(path, f"{who}: no row carries a name", group.record)

    def when(column: str) -> date | None:
        try:
            return _date(values.get(column))
        except ValueError as error:
            label = column.replace("_", " ")
            raise SourceFormatError(path, f"{who}: {label} {error}", group.seen_at.get(column)) from None

    try:
        group_id = _int(values.get("ofsi_group_id"))
    except ValueError as error:
        raise SourceFormatError(path, f"{who}: OFSI Group ID {error}", group.seen_at.get("ofsi_group_id")) from None
    ids = {"unique_id": unique_id, "ofsi_group_id": group_id, "_file": path.name}
    rows.add(
        "designations",
        **ids,
        un_reference_number=normalise_un_reference(values.get("un_reference_number")),
        regime=values.get("regime"),
        designation_type=designation_type,
        primary_name=next((n["full_name"] for n in group.names.values() if n["name_type"] == "primary"), None),
        date_designated=when("date_designated"),
        last_updated=when("last_updated"),
        sanctions_imposed=values.get("sanctions_imposed"),
        designation_source=values.get("designation_source"),
        other_information=values.get("other_information"),
        statement_of_reasons=values.get("statement_of_reasons"),
        feed=FEED[ROLE_FCDO_CSV],
        _record=group.record,
    )
    for name in group.names.values():
        rows.add("names", **ids, **name)
    for detail in group.details.values():
        dob, year, month = parse_dob(detail["dob_text"])
        rows.add("individual_details", **ids, **detail, dob=dob, dob_year=year, dob_month=month)
    for address in group.addresses.values():
        lines = [address[f"address_line{i}"] for i in range(1, 7) if address[f"address_line{i}"]]
        rows.add("addresses", **ids, **address, address_lines=lines)
    if group.ship or designation_type == "ship":
        ship = group.ship
        shared = {
            attr: _joined(ship.get(attr, []))
            for attr in _FCDO_SHIP_COLUMNS.values()
            if attr not in ("imo", "previous_flags")
        }
        for published in ship.get("imo") or [None]:
            rows.add(
                "ships",
                **ids,
                **shared,
                imo_number=imo_digits(published),
                imo_published=published,
                imo_source="ship_details" if published else None,
                # Kept as the cells were written: a cell naming several flags is not split, since
                # the separator is not documented.
                previous_flags=list(ship.get("previous_flags", [])),
                _record=group.record,
            )


# --------------------------------------------------------------------------------------------
# The FCDO UK Sanctions List XML


def _read_xml(path: Path) -> Element:
    root = safe_xml.read_root(path, "the FCDO list")
    # Namespace prefixes (the file declares xsi/xsd only) are dropped: elements are matched by
    # their local names.
    for element in root.iter():
        element.tag = _local(element.tag)
    if root.tag != XML_ROOT:
        raise SourceFormatError(
            path, f"root element is <{root.tag}>, not <{XML_ROOT}>: this is not the UK Sanctions List XML"
        )
    return root


@dataclass(frozen=True)
class _Where:
    """Where a value came from, so an error names the file, the Designation and its Unique ID."""

    file: Path
    record: int
    unique_id: str | None = None

    def error(self, reason: str) -> SourceFormatError:
        who = f"Designation {self.unique_id}" if self.unique_id else "Designation"
        return SourceFormatError(self.file, f"{who}: {reason}", self.record)

    def text(self, parent: Element, path: str) -> str | None:
        found = parent.findall(path)
        if len(found) > 1:
            raise self.error(f"<{path}> appears {len(found)} times where one is expected")
        return _clean("".join(found[0].itertext())) if found else None

    def texts(self, parent: Element, path: str) -> list[str]:
        return [v for v in (_clean("".join(e.itertext())) for e in parent.findall(path)) if v is not None]

    def date(self, value: str | None, name: str) -> date | None:
        try:
            return _date(value)
        except ValueError as error:
            raise self.error(f"{name} {error}") from None


def _parse_fcdo_xml(path: Path) -> _Rows:
    root = _read_xml(path)
    rows = _Rows()
    seen: dict[str, int] = {}
    designations = root.findall("Designation")
    if not designations:
        raise SourceFormatError(path, "the list has no Designation elements")
    for record, element in enumerate(designations, 1):
        where = _Where(path, record)
        unique_id = where.text(element, "UniqueID")
        if unique_id is None:
            raise where.error("has no UniqueID")
        where = _Where(path, record, unique_id)
        if unique_id in seen:
            raise where.error(f"UniqueID appears twice (records {seen[unique_id]} and {record})")
        seen[unique_id] = record
        _read_designation(element, where, rows)
    return rows


def _read_designation(element: Element, where: _Where, rows: _Rows) -> None:
    published_type = where.text(element, "IndividualEntityShip")
    designation_type = _designation_type(published_type)
    if designation_type is None:
        raise where.error(f"IndividualEntityShip {published_type!r} is none of Individual, Entity, Ship")
    try:
        group_id = _int(where.text(element, "OFSIGroupID"))
    except ValueError as error:
        raise where.error(f"OFSIGroupID {error}") from None
    ids = {"unique_id": where.unique_id, "ofsi_group_id": group_id, "_file": where.file.name, "_record": where.record}

    names: list[dict] = []
    for name in element.findall("Names/Name"):
        parts = [where.text(name, f"Name{i}") for i in range(1, 7)]
        full = _full_name(parts)
        if full is None:
            continue
        published = where.text(name, "NameType")
        name_type = _name_type(published)
        if name_type is None:
            raise where.error(f"NameType {published!r} is none of {sorted(NAME_TYPES)}; extend the parser")
        names.append(
            {
                "name_type": name_type,
                "name_type_published": published,
                "alias_strength": where.text(name, "AliasStrength"),
                "full_name": full,
                **{f"name{i}": parts[i - 1] for i in range(1, 7)},
            }
        )
    for name in element.findall("NonLatinNames/NonLatinName"):
        script = where.text(name, "NameNonLatinScript")
        if script is None:
            continue
        names.append(
            {
                "name_type": "non_latin",
                "full_name": script,
                "non_latin_script_type": where.text(name, "NonLatinScriptType"),
                "non_latin_script_language": where.text(name, "NonLatinScriptLanguage"),
            }
        )
    if not names:
        raise where.error("has no name (Names/Name and NonLatinNames are empty)")

    regime = where.text(element, "RegimeName")
    if regime is None:
        raise where.error("has no RegimeName")
    rows.add(
        "designations",
        **ids,
        un_reference_number=normalise_un_reference(where.text(element, "UNReferenceNumber")),
        regime=regime,
        designation_type=designation_type,
        primary_name=next((n["full_name"] for n in names if n["name_type"] == "primary"), None),
        date_designated=where.date(where.text(element, "DateDesignated"), "DateDesignated"),
        last_updated=where.date(where.text(element, "LastUpdated"), "LastUpdated"),
        sanctions_imposed=where.text(element, "SanctionsImposed"),
        designation_source=where.text(element, "DesignationSource"),
        other_information=where.text(element, "OtherInformation"),
        statement_of_reasons=where.text(element, "UKStatementofReasons"),
        feed=FEED[ROLE_FCDO_XML],
    )
    for name in names:
        rows.add("names", **ids, **name)

    # Titles belong to the designation in the XML (not to one of its names, as in the CSV
    # files): they go to individual_details.title.
    titles = _joined(where.texts(element, ".//Title"))
    individuals = element.findall("IndividualDetails/Individual")
    for individual in individuals:
        places = individual.findall("BirthDetails/Location")
        shared = {
            "town_of_birth": _joined([v for p in places for v in where.texts(p, "TownOfBirth")]),
            "country_of_birth": _joined([v for p in places for v in where.texts(p, "CountryOfBirth")]),
            "nationality": _joined(where.texts(individual, "Nationalities/Nationality")),
            "passport_number": _joined(where.texts(individual, "PassportDetails/Passport/PassportNumber")),
            "passport_details": _joined(
                where.texts(individual, "PassportDetails/Passport/PassportAdditionalInformation")
            ),
            "national_id": _joined(
                where.texts(individual, "NationalIdentifierDetails/NationalIdentifier/NationalIdentifierNumber")
            ),
            "national_id_details": _joined(
                where.texts(
                    individual, "NationalIdentifierDetails/NationalIdentifier/NationalIdentifierAdditionalInformation"
                )
            ),
            "position": _joined(where.texts(individual, "Positions/Position")),
            "gender": _joined(where.texts(individual, "Genders/Gender")),
            "title": titles,
        }
        dobs = list(dict.fromkeys(where.texts(individual, "DOBs/DOB")))
        if not dobs and all(v is None for v in shared.values()):
            continue
        for text in dobs or [None]:
            dob, year, month = parse_dob(text)
            rows.add("individual_details", **ids, **shared, dob_text=text, dob=dob, dob_year=year, dob_month=month)
    if titles and not individuals:
        rows.add("individual_details", **ids, title=titles)

    for address in element.findall("Addresses/Address"):
        lines = {f"address_line{i}": where.text(address, f"AddressLine{i}") for i in range(1, 7)}
        post_code = where.text(address, "AddressPostalCode")
        country = where.text(address, "AddressCountry")
        if all(v is None for v in (*lines.values(), post_code, country)):
            continue
        rows.add(
            "addresses",
            **ids,
            **lines,
            address_lines=[v for v in lines.values() if v],
            post_code=post_code,
            country=country,
        )

    ships = element.findall("ShipDetails/Ship")
    if designation_type == "ship" and not ships:
        rows.add("ships", **ids, previous_flags=[])
    for ship in ships:
        shared = {
            "current_owner_operator": _joined(where.texts(ship, "CurrentOwnerOperators/CurrentOwnerOperator")),
            "previous_owner_operator": _joined(where.texts(ship, "PreviousOwnerOperators/PreviousOwnerOperator")),
            "current_flag": _joined(where.texts(ship, "CurrentBelievedFlagOfShips/CurrentBelievedFlagOfShip")),
            "previous_flags": list(dict.fromkeys(where.texts(ship, "PreviousFlags/PreviousFlag"))),
            "type_of_ship": _joined(where.texts(ship, "TypeOfShipDetails/TypeOfShip")),
            "tonnage": _joined(where.texts(ship, "TonnageOfShipDetails/TonnageOfShip")),
            "length": _joined(where.texts(ship, "LengthOfShipDetails/LengthOfShip")),
            "year_built": _joined(where.texts(ship, "YearsBuilt/YearBuilt")),
            # No public parser shows the XML element for the CSV's 'Hull identification number
            # (HIN)'; any element of that name under the Ship is read.
            "hull_identification": _joined(where.texts(ship, ".//HullIdentificationNumber")),
        }
        imos = list(dict.fromkeys(where.texts(ship, "IMONumbers/IMONumber")))
        for published in imos or [None]:
            rows.add(
                "ships",
                **ids,
                **shared,
                imo_number=imo_digits(published),
                imo_published=published,
                imo_source="ship_details" if published else None,
            )


# --------------------------------------------------------------------------------------------
# A snapshot


_PARSERS = {ROLE_FCDO_XML: _parse_fcdo_xml, ROLE_FCDO_CSV: _parse_fcdo_csv, ROLE_CONLIST: _parse_conlist}


def parse_file(path: Path, role: str) -> ParsedSnapshot:
    """Every raw table from one file of the given role; SourceFormatError, never half a file."""
    if role not in _PARSERS:
        raise SourceFormatError(path, f"file role {role!r} is not a {SOURCE} role {list(ROLES)}")
    rows = _PARSERS[role](path)
    return ParsedSnapshot(tables=rows.tables(), quarantine=rows.quarantine)


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    """One publication of the FCDO list (XML or CSV, not both) and/or one ConList file.

    Both FCDO formats of one day carry the same designations: loading both would double every
    Unique ID, so a snapshot holding both is refused rather than one being silently dropped.
    """
    unknown = sorted(set(paths_by_role) - set(ROLES))
    if unknown:
        first = (paths_by_role[unknown[0]] or [unknown[0]])[0]
        raise SourceFormatError(first, f"file role(s) {unknown} are not {SOURCE} roles {list(ROLES)}")
    fcdo = [(role, p) for role in (ROLE_FCDO_XML, ROLE_FCDO_CSV) for p in paths_by_role.get(role, [])]
    conlist = [(ROLE_CONLIST, p) for p in paths_by_role.get(ROLE_CONLIST, [])]
    anywhere = next((p for _, p in fcdo + conlist), f"{SOURCE} snapshot")
    if len(fcdo) > 1:
        names = ", ".join(p.name for _, p in fcdo)
        raise SourceFormatError(
            anywhere, f"a snapshot holds one FCDO UK Sanctions List file (XML or CSV); found {len(fcdo)} ({names})"
        )
    if len(conlist) > 1:
        names = ", ".join(p.name for _, p in conlist)
        raise SourceFormatError(anywhere, f"a snapshot holds one OFSI ConList file; found {len(conlist)} ({names})")
    if not fcdo and not conlist:
        raise SourceFormatError(anywhere, "the snapshot holds no UK sanctions list file")
    rows = _Rows()
    for role, path in fcdo + conlist:
        rows.extend(_PARSERS[role](path))
    return ParsedSnapshot(tables=rows.tables(), quarantine=rows.quarantine)
