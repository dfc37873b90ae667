"""Parse OFAC's legacy SDN CSV files (sdn.csv, add.csv, alt.csv, sdn_comments.csv) into raw tables.

Pure functions, no Dagster. The format quirks handled here, and the Remarks facts mined, are listed
in README.md next to this file; every one of them was checked against real OFAC files.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

import pyarrow as pa

from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import LINEAGE_FIELDS, ParsedSnapshot, Quarantined

SOURCE = "ofac_sdn"
DOMAIN = "sanctions"

SDN_FIELDS = [
    "ent_num", "sdn_name", "sdn_type", "program_raw", "title", "call_sign",
    "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks",
]  # fmt: skip
ADD_FIELDS = ["ent_num", "add_num", "address", "city_state_zip", "country", "add_remarks"]
ALT_FIELDS = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"]
COMMENTS_FIELDS = ["ent_num", "remarks_extension"]
FIELD_COUNTS = {"sdn": len(SDN_FIELDS), "add": len(ADD_FIELDS), "alt": len(ALT_FIELDS), "comments": 2}

# OFAC cuts Remarks at this length and publishes the rest in sdn_comments.csv.
REMARKS_LIMIT = 1000

_S = pa.string()
_I = pa.int64()

RAW_TABLES: dict[str, tuple[pa.Schema, str]] = {
    "sdn_entries": (
        pa.schema(
            [
                ("ent_num", _I),
                ("sdn_name", _S),
                ("sdn_type", _S),
                ("programs", pa.list_(_S)),
                ("program_raw", _S),
                ("title", _S),
                ("call_sign", _S),
                ("vess_type", _S),
                ("tonnage", _S),
                ("grt", _S),
                ("vess_flag", _S),
                ("vess_owner", _S),
                ("remarks", _S),
                ("remarks_truncated", pa.bool_()),
                *LINEAGE_FIELDS,
            ]
        ),
        "One row per record of OFAC's sdn.csv as published; remarks include the sdn_comments.csv continuation",
    ),
    "addresses": (
        pa.schema(
            [
                ("ent_num", _I),
                ("add_num", _I),
                ("address", _S),
                ("city_state_zip", _S),
                ("country", _S),
                ("add_remarks", _S),
                *LINEAGE_FIELDS,
            ]
        ),
        "One row per record of OFAC's add.csv (addresses of SDN records)",
    ),
    "aliases": (
        pa.schema(
            [
                ("ent_num", _I),
                ("alt_num", _I),
                ("alt_type", _S),
                ("alt_name", _S),
                ("alt_remarks", _S),
                *LINEAGE_FIELDS,
            ]
        ),
        "One row per record of OFAC's alt.csv (a.k.a. / f.k.a. / n.k.a. names of SDN records)",
    ),
    "comments": (
        pa.schema([("ent_num", _I), ("remarks_extension", _S), *LINEAGE_FIELDS]),
        "One row per record of OFAC's sdn_comments.csv (the part of Remarks beyond 1,000 characters)",
    ),
    "remark_facts": (
        pa.schema([("ent_num", _I), ("fact", _S), ("value", _S), ("qualifier", _S), *LINEAGE_FIELDS]),
        "Facts mined from the full Remarks of each sdn.csv record (IMO, MMSI, DOB, Linked To, ...); "
        "see the fact list in the source README",
    ),
}

ROLES = ("sdn", "add", "alt", "comments")


def classify(path: Path) -> str | None:
    name = path.name.lower()
    if not name.endswith(".csv"):
        return None
    if name.startswith("sdn_comments"):
        return "comments"
    for role in ("sdn", "add", "alt"):
        if name.startswith(role):
            return role
    # cons_prim/cons_add/cons_alt/cons_comments (the non-SDN consolidated list) land here on purpose.
    return None


def publisher_as_of(path: Path, role: str) -> date | None:
    # The legacy CSVs carry no publication date anywhere inside them.
    return None


# --------------------------------------------------------------------------------------------
# Reading the files
# --------------------------------------------------------------------------------------------

_NULL = re.compile(r"-0-\s*")
_CTRL_Z = b"\x1a"


def _decoded_lines(path: Path, data: bytes) -> Iterator[str]:
    # Decided per line so that one stray Windows-1252 byte (OFAC's files were ASCII-only in every
    # copy checked) neither fails the file nor turns the UTF-8 text around it into mojibake.
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            try:
                yield raw.decode("cp1252")
            except UnicodeDecodeError as error:
                raise SourceFormatError(path, f"line is neither UTF-8 nor Windows-1252 ({error})", number) from None


def _records(path: Path, role: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) for each record, checking the field count."""
    data = path.read_bytes()
    # DOS end-of-file marker: OFAC ends every file with it, after the last CRLF.
    if data.endswith(_CTRL_Z):
        data = data[:-1]
    expected = FIELD_COUNTS[role]
    reader = csv.reader(_decoded_lines(path, data), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceFormatError(path, f"unreadable CSV ({error})", start) from None
        if not row:
            continue
        if len(row) != expected:
            raise SourceFormatError(
                path, f"expected {expected} fields in a {role} record, found {len(row)}: {_preview(row)}", start
            )
        yield start, row


def _preview(row: list[str]) -> str:
    text = ",".join(row)
    return text if len(text) <= 120 else text[:117] + "..."


def _value(field: str) -> str | None:
    """OFAC's null is the whole field ``-0- ``; ``-0-`` inside a value (a US FEIN) is data."""
    if _NULL.fullmatch(field):
        return None
    text = field.strip()
    return text or None


def _int(field: str) -> int | None:
    text = field.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _ent_num(path: Path, field: str, line: int) -> int:
    number = _int(field)
    if number is None:
        raise SourceFormatError(path, f"ent_num {field!r} is not an integer", line)
    return number


def split_programs(program_raw: str | None) -> list[str]:
    """``NPWMD] [DPRK2`` -> ["NPWMD", "DPRK2"], in OFAC's order."""
    if program_raw is None:
        return []
    pieces = re.split(r"\]\s*\[", program_raw.strip().removeprefix("[").removesuffix("]"))
    return [p.strip() for p in pieces if p.strip()]


# --------------------------------------------------------------------------------------------
# Remarks mining
# --------------------------------------------------------------------------------------------

_ALT_PREFIX = re.compile(r"alt\.\s+", re.IGNORECASE)
_QUOTED_NAME_START = re.compile(r"(?:alt\.\s+)?[afn]\.k\.a\.\s+'", re.IGNORECASE)
_QUOTED_NAME_END = re.compile(r"'\.?$")


def _labels(*labels: str) -> str:
    # Longest first so that "Business Registration Number" is not read as "Registration Number".
    return "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))


_PASSPORT_LABELS = _labels(
    "Passport", "Passport No.", "Diplomatic Passport", "Passport Booklet", "British National Overseas Passport",
    "Stateless Person Passport",
)
_NATIONAL_ID_LABELS = _labels(
    "National ID No.", "Cedula No.", "D.N.I.", "Personal ID Card", "National Foreign ID Number",
    "Turkish Identification Number", "Citizen's Card Number", "Kenyan ID No.", "Tazkira National ID Card",
    "Moroccan Personal ID No.", "Bosnian Personal ID No.", "C.U.I.", "C.U.R.P.", "Credencial electoral",
    "I.F.E.", "Electoral Registry No.", "SSN", "Residency Number", "Refugee ID Card",
    "Stateless Person ID Card",
)  # fmt: skip
_REGISTRATION_LABELS = _labels(
    "Registration Number", "Registration ID", "Business Registration Number",
    "Business Registration Document #", "Company Number", "UK Company Number", "Commercial Registry Number",
    "Government Gazette Number", "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)", "Legal Entity Number", "C.R. No.", "Romanian C.R.",
    "Economic Register Number (CBLS)", "Chamber of Commerce Number", "Central Registration System Number",
    "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.", "Business Number",
    "Enterprise Number", "Public Registration Number", "Folio Mercantil No.", "Matricula Mercantil No",
    "Certificate of Incorporation Number", "Organization Code", "Registered Charity No.",
    "Branch Unit Number", "MSB Registration Number", "LE Number", "Registration Certificate Number",
    "Russian State Individual Business Registration Number Pattern (OGRNIP)", "Trade License No.",
)  # fmt: skip
_TAX_LABELS = _labels(
    "Tax ID No.", "V.A.T. Number", "US FEIN", "R.F.C.", "RFC", "NIT #", "RUC #", "RIF #", "C.U.I.T.", "RTN",
    "Italian Fiscal Code", "Fiscal Code", "Numero Unico de Identificacao Tributaria (NUIT)",
)  # fmt: skip

# Labels that name no particular register or document kind: no qualifier for them.
_GENERIC_KINDS = {"Passport", "Passport No.", "National ID No.", "Registration Number", "Tax ID No."}

# How a captured value is cleaned:
_EXACT = "exact"  # a fixed shape (digits): taken as captured
_TEXT = "text"  # OFAC's words: the item's closing full stop is dropped
_TOKEN = "token"  # one word (an address or URL): anything after it is prose
_NAME = "name"  # a party's name, whose own full stop must survive (see _clean_name)


@dataclass(frozen=True)
class _Rule:
    fact: str
    pattern: re.Pattern[str]
    mode: str
    needs_digit: bool = False


def _rule(fact: str, pattern: str, mode: str, *, needs_digit: bool = False) -> _Rule:
    return _Rule(fact, re.compile(pattern), mode, needs_digit)


# Checked in order against each "; "-separated item of Remarks (after an "alt. " prefix).
_RULES: list[_Rule] = [
    _rule("imo", r"Vessel Registration Identification IMO\s+(?P<value>\d{7})(?!\d)", _EXACT),
    _rule("vessel_registration", r"Vessel Registration Identification:?\s+(?P<value>.+)", _TEXT),
    # "Identification Number IMO" is a ship's IMO number on a vessel record and an IMO company
    # (owner/manager) number on any other record; see _IMO_ON_VESSEL.
    _rule("imo_company_number", r"(?:Identification|Company) Number IMO\s+(?P<value>\d{7})(?!\d)", _EXACT),
    _rule("mmsi", r"MMSI:?\s+(?P<value>\d{9})(?!\d)", _EXACT),
    _rule("vessel_year_of_build", r"Vessel Year of Build:?\s+(?P<value>\d{4})(?!\d)", _EXACT),
    _rule("former_vessel_flag", r"Former Vessel Flag:?\s+(?P<value>.+)", _TEXT),
    _rule("other_vessel_flag", r"Other Vessel Flag:?\s+(?P<value>.+)", _TEXT),
    _rule("other_vessel_type", r"Other Vessel Type:?\s+(?P<value>.+)", _TEXT),
    _rule("other_vessel_call_sign", r"Other Vessel Call Sign:?\s+(?P<value>.+)", _TEXT),
    _rule("dob", r"DOB:?\s+(?P<value>.+)", _TEXT),
    _rule("pob", r"POB:?\s+(?P<value>.+)", _TEXT),
    _rule("nationality_of_registration", r"Nationality of Registration:?\s+(?P<value>.+)", _TEXT),
    _rule("nationality", r"(?i:nationality):?\s+(?P<value>.+)", _TEXT),
    _rule("citizen", r"(?i:citizen):?\s+(?P<value>.+)", _TEXT),
    _rule("gender", r"Gender:?\s+(?P<value>Male|Female)\b", _EXACT),
    # A passport number starts with a capital or digit: "Passport issued in Sarajevo" is prose.
    _rule("passport", rf"(?P<kind>{_PASSPORT_LABELS}):?\s+(?P<value>[A-Z0-9].*)", _TEXT, needs_digit=True),
    _rule("national_id", rf"(?P<kind>{_NATIONAL_ID_LABELS}):?\s+(?P<value>.+)", _TEXT, needs_digit=True),
    _rule("registration_number", rf"(?P<kind>{_REGISTRATION_LABELS}):?\s+(?P<value>.+)", _TEXT, needs_digit=True),
    _rule("tax_id", rf"(?P<kind>{_TAX_LABELS}):?\s+(?P<value>.+)", _TEXT, needs_digit=True),
    _rule("linked_to", r"Linked To:\s*(?P<value>.+)", _NAME),
    _rule("former_name", r"f\.k\.a\.\s+'(?P<value>.+)'\.?$", _EXACT),
    _rule("organization_established_date", r"Organization Established Date:?\s+(?P<value>.+)", _TEXT),
    _rule("website", r"Website:?\s+(?P<value>\S+)", _TOKEN),
    _rule("email", r"(?:Email Address|EMAIL|Email)(?::\s*|\s+)(?P<value>\S+)", _TOKEN),
    _rule(
        "digital_currency_address",
        r"Digital Currency Address - (?P<kind>[A-Za-z0-9]+):?\s+(?P<value>\S+)",
        _TOKEN,
    ),
    _rule("swift_bic", r"SWIFT/BIC:?\s+(?P<value>\S+)", _TOKEN),
    _rule("phone", r"(?:Phone Number|PHONE|Telephone No\.|Telephone):?\s+(?P<value>.+)", _TEXT),
]

_IMO_ON_VESSEL = {"imo_company_number": "imo"}


@dataclass(frozen=True)
class RemarkFact:
    fact: str
    value: str
    qualifier: str | None


def _is_fact_item(item: str) -> bool:
    alt = _ALT_PREFIX.match(item)
    body = item[alt.end() :] if alt else item
    return any(rule.pattern.match(body) for rule in _RULES)


def remark_items(remarks: str) -> list[str]:
    """Split Remarks on "; ", but keep a quoted a.k.a./f.k.a. name whole when it contains "; "."""
    parts = remarks.split("; ")
    items: list[str] = []
    i = 0
    while i < len(parts):
        item = parts[i]
        if _QUOTED_NAME_START.match(item) and not _QUOTED_NAME_END.search(item):
            # Rejoin only up to a closing quote that comes before anything that reads as an item
            # of its own; otherwise (a name cut at 1,000 characters, a quote never closed) the
            # pieces stay separate rather than swallow the facts after them.
            for j in range(i + 1, len(parts)):
                if _QUOTED_NAME_START.match(parts[j]) or _is_fact_item(parts[j]):
                    break
                if _QUOTED_NAME_END.search(parts[j]):
                    item = "; ".join(parts[i : j + 1])
                    i = j
                    break
        items.append(item.strip())
        i += 1
    return [item for item in items if item]


def mine_remarks(
    remarks: str | None,
    *,
    truncated: bool = False,
    is_vessel: bool = False,
    sdn_names: frozenset[str] | set[str] = frozenset(),
) -> list[RemarkFact]:
    """Facts found in one record's full Remarks; items no rule recognises are skipped.

    ``truncated``: Remarks stop at the 1,000-character cut with no continuation, so the last item
    may be cut mid-value and is not mined. ``sdn_names``: the snapshot's names, to tell a name's
    own full stop from the one OFAC puts at the end of Remarks.
    """
    if not remarks:
        return []
    items = remark_items(remarks)
    if truncated:
        items = items[:-1]
    facts: list[RemarkFact] = []
    for index, item in enumerate(items):
        is_last = index == len(items) - 1 and not truncated
        alt = _ALT_PREFIX.match(item)
        body = item[alt.end() :] if alt else item
        for rule in _RULES:
            match = rule.pattern.match(body)
            if match is None:
                continue
            value = _clean(match["value"], rule.mode, is_last, sdn_names)
            if not value or (rule.needs_digit and not any(c.isdigit() for c in value)):
                break
            fact = _IMO_ON_VESSEL.get(rule.fact, rule.fact) if is_vessel else rule.fact
            kind = match.groupdict().get("kind")
            if kind in _GENERIC_KINDS:
                kind = None
            qualifier = " ".join(q for q in ("alt." if alt else None, kind) if q) or None
            facts.append(RemarkFact(fact, value, qualifier))
            break
    return facts


def _clean(value: str, mode: str, is_last: bool, sdn_names: frozenset[str] | set[str]) -> str:
    value = value.strip()
    if mode == _EXACT:
        return value
    if mode == _NAME:
        return _clean_name(value, is_last, sdn_names)
    if mode == _TOKEN:
        value = value.split()[0] if value else value
    return value.removesuffix(".").strip()


def _clean_name(value: str, is_last: bool, sdn_names: frozenset[str] | set[str]) -> str:
    # OFAC ends Remarks with a full stop but never doubles it, so "…SHIPPING CO." at the end may be
    # a name ending in "CO." or a name plus the closing stop. Inside Remarks names are written
    # exactly as listed (checked on the 2024 files), so only the last item is in doubt; the listed
    # name decides, and a name not in this snapshot loses the stop.
    if is_last and value.endswith(".") and value not in sdn_names:
        return value[:-1].rstrip()
    return value


# --------------------------------------------------------------------------------------------
# The snapshot
# --------------------------------------------------------------------------------------------


def _single(paths_by_role: dict[str, list[Path]], role: str) -> Path | None:
    paths = paths_by_role.get(role) or []
    if len(paths) > 1:
        names = ", ".join(p.name for p in paths)
        raise SourceFormatError(paths[0], f"one snapshot holds {len(paths)} {role} files ({names}); expected one")
    return paths[0] if paths else None


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    unknown = sorted(set(paths_by_role) - set(ROLES))
    if unknown:
        first = paths_by_role[unknown[0]][0] if paths_by_role[unknown[0]] else unknown[0]
        raise SourceFormatError(first, f"unknown {SOURCE} file roles {unknown}; expected {list(ROLES)}")
    sdn_path = _single(paths_by_role, "sdn")
    if sdn_path is None:
        anything = next((p for ps in paths_by_role.values() for p in ps), "snapshot")
        raise SourceFormatError(anything, "snapshot has no sdn.csv (add.csv, alt.csv, sdn_comments.csv need it)")
    quarantine: list[Quarantined] = []
    tables: dict[str, pa.Table] = {}

    comments_path = _single(paths_by_role, "comments")
    extensions: dict[int, list[str]] = {}
    if comments_path is not None:
        tables["comments"] = _parse_comments(comments_path, extensions)

    tables["sdn_entries"], tables["remark_facts"] = _parse_sdn(sdn_path, extensions)

    add_path = _single(paths_by_role, "add")
    if add_path is not None:
        tables["addresses"] = _parse_child(add_path, "add", "add_num", ADD_FIELDS, "addresses", quarantine)
    alt_path = _single(paths_by_role, "alt")
    if alt_path is not None:
        tables["aliases"] = _parse_child(alt_path, "alt", "alt_num", ALT_FIELDS, "aliases", quarantine)
    return ParsedSnapshot(tables=tables, quarantine=quarantine)


def _parse_comments(path: Path, extensions: dict[int, list[str]]) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in RAW_TABLES["comments"][0].names}
    for line, row in _records(path, "comments"):
        ent_num = _ent_num(path, row[0], line)
        # Not stripped: the continuation may start with the space that the 1,000-character cut
        # fell on, and Remarks + extension must read as OFAC wrote them.
        extension = None if _NULL.fullmatch(row[1]) else row[1]
        if extension:
            extensions.setdefault(ent_num, []).append(extension)
        columns["ent_num"].append(ent_num)
        columns["remarks_extension"].append(extension)
        columns["_file"].append(path.name)
        columns["_record"].append(line)
    return pa.table(columns, schema=RAW_TABLES["comments"][0])


def _parse_sdn(path: Path, extensions: dict[int, list[str]]) -> tuple[pa.Table, pa.Table]:
    rows: list[tuple[int, int, list[str]]] = []
    first_line: dict[int, int] = {}
    for line, row in _records(path, "sdn"):
        ent_num = _ent_num(path, row[0], line)
        if ent_num in first_line:
            raise SourceFormatError(path, f"ent_num {ent_num} appears twice (first at line {first_line[ent_num]})", line)
        first_line[ent_num] = line
        rows.append((line, ent_num, row))
    names = frozenset(v for _, _, row in rows if (v := _value(row[1])) is not None)

    entries: dict[str, list] = {name: [] for name in RAW_TABLES["sdn_entries"][0].names}
    facts: dict[str, list] = {name: [] for name in RAW_TABLES["remark_facts"][0].names}
    for line, ent_num, row in rows:
        values = dict(zip(SDN_FIELDS, row))
        remarks_field = None if _NULL.fullmatch(values["remarks"]) else values["remarks"]
        continuation = extensions.get(ent_num)
        truncated = remarks_field is not None and len(remarks_field) >= REMARKS_LIMIT and not continuation
        full = (remarks_field or "") + "".join(continuation or [])
        remarks = full.strip() or None
        sdn_type = _value(values["sdn_type"])
        program_raw = _value(values["program_raw"])
        entries["ent_num"].append(ent_num)
        entries["programs"].append(split_programs(program_raw))
        entries["program_raw"].append(program_raw)
        for name in ("sdn_name", "sdn_type", "title", "call_sign", "vess_type", "tonnage", "grt", "vess_flag",
                     "vess_owner"):  # fmt: skip
            entries[name].append(sdn_type if name == "sdn_type" else _value(values[name]))
        entries["remarks"].append(remarks)
        entries["remarks_truncated"].append(truncated)
        entries["_file"].append(path.name)
        entries["_record"].append(line)
        mined = mine_remarks(remarks, truncated=truncated, is_vessel=sdn_type == "vessel", sdn_names=names)
        for fact in mined:
            facts["ent_num"].append(ent_num)
            facts["fact"].append(fact.fact)
            facts["value"].append(fact.value)
            facts["qualifier"].append(fact.qualifier)
            facts["_file"].append(path.name)
            facts["_record"].append(line)
    return (
        pa.table(entries, schema=RAW_TABLES["sdn_entries"][0]),
        pa.table(facts, schema=RAW_TABLES["remark_facts"][0]),
    )


def _parse_child(
    path: Path, role: str, key: str, fields: list[str], table: str, quarantine: list[Quarantined]
) -> pa.Table:
    """add.csv / alt.csv. A row whose ent_num is not in this snapshot's sdn.csv is kept, not
    quarantined: files fetched or dropped on different days need not join (the real 2026 add/alt do
    not join the 2024 sdn.csv), and whether they should is for staging to decide, not the raw layer."""
    schema = RAW_TABLES[table][0]
    columns: dict[str, list] = {name: [] for name in schema.names}
    seen: dict[int, int] = {}
    for line, row in _records(path, role):
        ent_num = _ent_num(path, row[0], line)
        number = _int(row[1])
        if number is None:
            quarantine.append(Quarantined(path.name, line, f"{key} {row[1]!r} is not an integer", ",".join(row)))
            continue
        if number in seen:
            quarantine.append(
                Quarantined(path.name, line, f"{key} {number} appears twice (first at line {seen[number]})", ",".join(row))
            )
            continue
        seen[number] = line
        columns["ent_num"].append(ent_num)
        columns[key].append(number)
        for name, field in zip(fields[2:], row[2:]):
            columns[name].append(_value(field))
        columns["_file"].append(path.name)
        columns["_record"].append(line)
    return pa.table(columns, schema=schema)
