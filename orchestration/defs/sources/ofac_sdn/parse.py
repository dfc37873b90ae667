"""Parse OFAC's SDN list into raw tables: the legacy CSV files (sdn.csv, add.csv, alt.csv,
sdn_comments.csv) or SDN.XML, which fill the same tables the same way.

Pure functions, no Dagster. The format quirks handled here, and the Remarks facts mined, are listed
in README.md next to this file, with which of them were checked against real OFAC files (the CSV
quirks all were; no real SDN.XML was at hand).

The same functions read the Consolidated (non-SDN) list, whose files have the same layouts:
``ofac_cons/parse.py`` calls ``classify_file``, ``publisher_date`` and ``parse_ofac_snapshot``
with its own ``OfacFiles``.

Untrusted XML goes through defusedxml with DTDs forbidden: OFAC's XML never has one, so a file
that declares a DOCTYPE or entities is refused instead of expanded or followed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator
from xml.etree.ElementTree import Element

import pyarrow as pa

from orchestration.lib import safe_xml
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
        "One row per SDN record as published (sdn.csv, or sdnEntry of SDN.XML); remarks include the "
        "sdn_comments.csv continuation",
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
        "One row per record of OFAC's add.csv, or address of SDN.XML (addresses of SDN records)",
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
        "One row per record of OFAC's alt.csv, or strong aka of SDN.XML (a.k.a. / f.k.a. / n.k.a. names "
        "of SDN records)",
    ),
    "comments": (
        pa.schema([("ent_num", _I), ("remarks_extension", _S), *LINEAGE_FIELDS]),
        "One row per record of OFAC's sdn_comments.csv (the part of Remarks beyond 1,000 characters)",
    ),
    "remark_facts": (
        pa.schema([("ent_num", _I), ("fact", _S), ("value", _S), ("qualifier", _S), *LINEAGE_FIELDS]),
        "Facts mined from the full Remarks of each SDN record (IMO, MMSI, DOB, Linked To, ...); "
        "see the fact list in the source README",
    ),
}


@dataclass(frozen=True)
class OfacFiles:
    """How one OFAC list names its files. The SDN and the Consolidated (non-SDN) lists publish
    the same layouts under different names; everything else about parsing them is shared."""

    source: str
    primary: str  # role of the primary-names CSV (sdn.csv / cons_prim.csv)
    add: str
    alt: str
    comments: str
    xml: str
    csv_prefixes: tuple[tuple[str, str], ...]  # (file-name prefix, role), first match wins
    xml_prefix: str
    primary_file: str  # how messages name each file
    xml_file: str

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.primary, self.add, self.alt, self.comments, self.xml)


SDN_FILES = OfacFiles(
    source=SOURCE,
    primary="sdn",
    add="add",
    alt="alt",
    comments="comments",
    xml="sdn_xml",
    # sdn_comments before sdn: both start with "sdn".
    csv_prefixes=(("sdn_comments", "comments"), ("sdn", "sdn"), ("add", "add"), ("alt", "alt")),
    xml_prefix="sdn",
    primary_file="sdn.csv",
    xml_file="SDN.XML",
)
ROLES = SDN_FILES.roles


def classify(path: Path) -> str | None:
    return classify_file(path, SDN_FILES)


def publisher_as_of(path: Path, role: str) -> date | None:
    return publisher_date(path, role, SDN_FILES)


def classify_file(path: Path, files: OfacFiles) -> str | None:
    """A file's role, decided by its name (case-insensitive) and, for XML, its root element.

    CSV: the name's prefix (``sdn_2024-05-03.csv`` is ``sdn``). XML: the name's prefix and a root
    element named sdnList, in any namespace (a wrong one gets its error from parse_snapshot). The
    name matters because SDN.XML and CONSOLIDATED.XML share one schema and one namespace: nothing
    inside tells the two lists apart, and loading one list as the other would be silent nonsense.
    """
    name = path.name.lower()
    if name.endswith(".csv"):
        for prefix, role in files.csv_prefixes:
            if name.startswith(prefix):
                return role
        # The other list's CSVs (cons_*.csv beside sdn.csv) land here on purpose.
        return None
    if name.endswith(".xml") and name.startswith(files.xml_prefix):
        root = safe_xml.peek_root(path)
        if root is not None and _split_tag(root.tag)[1] == XML_ROOT:
            return files.xml
    return None


def publisher_date(path: Path, role: str, files: OfacFiles) -> date | None:
    """The XML's Publish_Date; the legacy CSVs carry no publication date anywhere inside them.

    A file too damaged to read, or in a foreign namespace, gets None here: its error comes from
    parse_snapshot, which refuses the whole snapshot. A Publish_Date that is not MM/DD/YYYY is an
    error now, because dating the snapshot by anything else would hide it.
    """
    if role != files.xml:
        return None
    try:
        header = _read_header(path)
    except _PublishDateError:
        raise
    except SourceFormatError:
        return None
    return header.publish_date


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


def _records(path: Path, layout: str, label: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) for each record, checking the field count.

    ``layout``: sdn, add, alt or comments; ``label``: the file's role, for messages (cons_prim).
    """
    data = path.read_bytes()
    # DOS end-of-file marker: OFAC ends every file with it, after the last CRLF.
    if data.endswith(_CTRL_Z):
        data = data[:-1]
    expected = FIELD_COUNTS[layout]
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
                path,
                f"expected {expected} fields in a {label or layout} record, found {len(row)}: {_preview(row)}",
                start,
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


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    return parse_ofac_snapshot(paths_by_role, SDN_FILES)


def _single(paths_by_role: dict[str, list[Path]], role: str) -> Path | None:
    paths = paths_by_role.get(role) or []
    if len(paths) > 1:
        names = ", ".join(p.name for p in paths)
        raise SourceFormatError(paths[0], f"one snapshot holds {len(paths)} {role} files ({names}); expected one")
    return paths[0] if paths else None


def parse_ofac_snapshot(paths_by_role: dict[str, list[Path]], files: OfacFiles) -> ParsedSnapshot:
    """One snapshot of one OFAC list: from the XML when there is one, else from the legacy CSVs.

    Both formats fill the same tables the same way (see README.md), so nothing downstream needs to
    know which arrived. With both, the XML is loaded and the primary CSV must list exactly the same
    ent_nums: two files that disagree are not one publication, and picking either would be a guess.
    """
    unknown = sorted(set(paths_by_role) - set(files.roles))
    if unknown:
        first = paths_by_role[unknown[0]][0] if paths_by_role[unknown[0]] else unknown[0]
        raise SourceFormatError(first, f"unknown {files.source} file roles {unknown}; expected {list(files.roles)}")
    xml_path = _single(paths_by_role, files.xml)
    primary_path = _single(paths_by_role, files.primary)
    if xml_path is not None:
        parsed = _parse_xml(xml_path)
        if primary_path is not None:
            _check_same_entries(primary_path, xml_path, parsed, files)
        return parsed
    if primary_path is None:
        anything = next((p for ps in paths_by_role.values() for p in ps), "snapshot")
        raise SourceFormatError(
            anything,
            f"snapshot has no {files.primary_file} and no {files.xml_file}; the address, alias and comments "
            "files only add to one of them",
        )
    quarantine: list[Quarantined] = []
    tables: dict[str, pa.Table] = {}

    comments_path = _single(paths_by_role, files.comments)
    extensions: dict[int, list[str]] = {}
    if comments_path is not None:
        tables["comments"] = _parse_comments(comments_path, extensions, files.comments)

    tables["sdn_entries"], tables["remark_facts"] = _parse_sdn(primary_path, extensions, files.primary)

    add_path = _single(paths_by_role, files.add)
    if add_path is not None:
        tables["addresses"] = _parse_child(
            add_path, "add", "add_num", ADD_FIELDS, "addresses", quarantine, label=files.add
        )
    alt_path = _single(paths_by_role, files.alt)
    if alt_path is not None:
        tables["aliases"] = _parse_child(
            alt_path, "alt", "alt_num", ALT_FIELDS, "aliases", quarantine, label=files.alt
        )
    return ParsedSnapshot(tables=tables, quarantine=quarantine)


def _parse_comments(path: Path, extensions: dict[int, list[str]], label: str = "comments") -> pa.Table:
    columns: dict[str, list] = {name: [] for name in RAW_TABLES["comments"][0].names}
    for line, row in _records(path, "comments", label):
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


def _parse_sdn(path: Path, extensions: dict[int, list[str]], label: str = "sdn") -> tuple[pa.Table, pa.Table]:
    rows: list[tuple[int, int, list[str]]] = []
    first_line: dict[int, int] = {}
    for line, row in _records(path, "sdn", label):
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
        _append_facts(facts, ent_num, mined, path.name, line)
    return (
        pa.table(entries, schema=RAW_TABLES["sdn_entries"][0]),
        pa.table(facts, schema=RAW_TABLES["remark_facts"][0]),
    )


def _append_facts(facts: dict[str, list], ent_num: int, mined: list[RemarkFact], file: str, record: int) -> None:
    for fact in mined:
        facts["ent_num"].append(ent_num)
        facts["fact"].append(fact.fact)
        facts["value"].append(fact.value)
        facts["qualifier"].append(fact.qualifier)
        facts["_file"].append(file)
        facts["_record"].append(record)


def _parse_child(
    path: Path,
    role: str,
    key: str,
    fields: list[str],
    table: str,
    quarantine: list[Quarantined],
    label: str | None = None,
) -> pa.Table:
    """add.csv / alt.csv. A row whose ent_num is not in this snapshot's sdn.csv is kept, not
    quarantined: files fetched or dropped on different days need not join (the real 2026 add/alt do
    not join the 2024 sdn.csv), and whether they should is for staging to decide, not the raw layer."""
    schema = RAW_TABLES[table][0]
    columns: dict[str, list] = {name: [] for name in schema.names}
    seen: dict[int, int] = {}
    for line, row in _records(path, role, label):
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
        for name, field_value in zip(fields[2:], row[2:]):
            columns[name].append(_value(field_value))
        columns["_file"].append(path.name)
        columns["_record"].append(line)
    return pa.table(columns, schema=schema)


def _check_same_entries(csv_path: Path, xml_path: Path, parsed: ParsedSnapshot, files: OfacFiles) -> None:
    in_xml = set(parsed.tables["sdn_entries"].column("ent_num").to_pylist())
    in_csv = {_ent_num(csv_path, row[0], line) for line, row in _records(csv_path, "sdn", files.primary)}
    if in_xml == in_csv:
        return
    only_xml = sorted(in_xml - in_csv)
    only_csv = sorted(in_csv - in_xml)
    raise SourceFormatError(
        csv_path,
        f"{csv_path.name} and {xml_path.name} are not the same publication: "
        f"{len(only_xml):,} ent_num only in the XML{_examples(only_xml)}, "
        f"{len(only_csv):,} only in the CSV{_examples(only_csv)}. Drop one of them, or fetch both again",
    )


def _examples(numbers: list[int]) -> str:
    if not numbers:
        return ""
    shown = ", ".join(str(n) for n in numbers[:5])
    return f" ({shown}{', ...' if len(numbers) > 5 else ''})"


# --------------------------------------------------------------------------------------------
# SDN.XML (and CONSOLIDATED.XML): the same list, structured
# --------------------------------------------------------------------------------------------

XML_ROOT = "sdnList"
XML_NAMESPACES = (
    # The original schema's placeholder namespace: treasury.gov downloads, and copies kept since.
    "http://tempuri.org/sdnList.xsd",
    # What the Sanctions List Service writes (it took over publication in 2024).
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML",
)
# sdnType -> the CSV's SDN_Type. The CSV leaves an entity's type empty (its null marker).
XML_TYPES: dict[str, str | None] = {
    "individual": "individual", "entity": None, "vessel": "vessel", "aircraft": "aircraft",
}  # fmt: skip
ALIAS_TYPES = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka"}
ALIAS_CATEGORIES = ("strong", "weak")

# The children each element may have. Anything else is refused rather than skipped, so that a
# field OFAC adds one day is noticed instead of silently dropped.
_HEADER_FIELDS = ("Publish_Date", "Record_Count")
_ENTRY_FIELDS = (
    "uid", "firstName", "lastName", "title", "sdnType", "remarks", "programList", "idList", "akaList",
    "addressList", "nationalityList", "citizenshipList", "dateOfBirthList", "placeOfBirthList", "vesselInfo",
)  # fmt: skip
_LIST_ITEMS = {  # programList is read apart: its items are plain text
    "idList": "id",
    "akaList": "aka",
    "addressList": "address",
    "nationalityList": "nationality",
    "citizenshipList": "citizenship",
    "dateOfBirthList": "dateOfBirthItem",
    "placeOfBirthList": "placeOfBirthItem",
}
_ITEM_FIELDS = {
    "id": ("uid", "idType", "idNumber", "idCountry", "issueDate", "expirationDate"),
    "aka": ("uid", "type", "category", "lastName", "firstName"),
    "address": (
        "uid", "address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country", "region",
    ),  # fmt: skip
    "nationality": ("uid", "country", "mainEntry"),
    "citizenship": ("uid", "country", "mainEntry"),
    "dateOfBirthItem": ("uid", "dateOfBirth", "mainEntry"),
    "placeOfBirthItem": ("uid", "placeOfBirth", "mainEntry"),
}
_VESSEL_FIELDS = ("callSign", "vesselType", "vesselFlag", "vesselOwner", "tonnage", "grossRegisteredTonnage")
_VESSEL_COLUMNS = {
    "callSign": "call_sign", "vesselType": "vess_type", "vesselFlag": "vess_flag", "vesselOwner": "vess_owner",
    "tonnage": "tonnage", "grossRegisteredTonnage": "grt",
}  # fmt: skip
_LINKED_TO_GROUP = "(Linked To:"


class _PublishDateError(SourceFormatError):
    """The one header problem publisher_as_of reports itself rather than leave to parse_snapshot."""


def _split_tag(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _root_namespace(path: Path, root: Element) -> str:
    """The ``{namespace}`` prefix every element of the file carries; refuses any but OFAC's two."""
    namespace, local = _split_tag(root.tag)
    if local != XML_ROOT:
        raise SourceFormatError(
            path, f"root element is <{local}>, not <{XML_ROOT}>: not the layout of OFAC's SDN.XML / CONSOLIDATED.XML"
        )
    if namespace not in XML_NAMESPACES:
        found = f"namespace {namespace!r}" if namespace else "no namespace"
        raise SourceFormatError(
            path,
            f"<{XML_ROOT}> is in {found}; expected {XML_NAMESPACES[0]!r} (the original schema) or "
            f"{XML_NAMESPACES[1]!r} (the Sanctions List Service)",
        )
    return "{" + namespace + "}"


def _children(
    path: Path, element: Element, ns: str, allowed: tuple[str, ...], record: int | None
) -> dict[str, list[Element]]:
    found: dict[str, list[Element]] = {}
    parent = _split_tag(element.tag)[1]
    for child in element:
        local = child.tag[len(ns) :] if child.tag.startswith(ns) else None
        if local not in allowed:
            namespace, name = _split_tag(child.tag)
            shown = name if namespace == ns[1:-1] else child.tag
            raise SourceFormatError(
                path,
                f"unexpected element <{shown}> in <{parent}> (known: {', '.join(allowed)}); "
                "OFAC may have changed the layout, and loading without it would drop data unseen",
                record,
            )
        found.setdefault(local, []).append(child)
    return found


def _one(path: Path, found: dict[str, list[Element]], name: str, parent: str, record: int | None) -> Element | None:
    elements = found.get(name) or []
    if len(elements) > 1:
        raise SourceFormatError(path, f"<{parent}> has {len(elements)} <{name}> elements; expected one", record)
    return elements[0] if elements else None


def _text(path: Path, element: Element | None, record: int | None) -> str | None:
    """Trimmed text; empty is None (the CSV's null marker)."""
    if element is None:
        return None
    if len(element):
        name = _split_tag(element.tag)[1]
        raise SourceFormatError(path, f"<{name}> holds elements where text was expected", record)
    text = (element.text or "").strip()
    return text or None


def _fields(path: Path, element: Element, ns: str, names: tuple[str, ...], record: int | None) -> dict[str, str | None]:
    found = _children(path, element, ns, names, record)
    parent = _split_tag(element.tag)[1]
    return {name: _text(path, _one(path, found, name, parent, record), record) for name in names}


def _items(path: Path, container: Element | None, ns: str, record: int) -> list[dict[str, str | None]]:
    """The items of a list element (akaList -> its aka elements), each as a dict of its fields."""
    if container is None:
        return []
    item = _LIST_ITEMS[_split_tag(container.tag)[1]]
    elements = _children(path, container, ns, (item,), record).get(item, [])
    return [_fields(path, element, ns, _ITEM_FIELDS[item], record) for element in elements]


def _main_first(items: list[dict[str, str | None]], value: str, path: Path, record: int) -> list[str]:
    """Values of a dated or placed list, the main entry first: the CSV writes the rest as "alt."."""
    main = [_flag(path, item.get("mainEntry"), record) for item in items]
    ordered = [item for _, item in sorted(zip(main, items), key=lambda pair: not pair[0])]
    return [item[value] for item in ordered if item[value]]


def _flag(path: Path, text: str | None, record: int) -> bool:
    if text is None or text.lower() in ("false", "0"):
        return False
    if text.lower() in ("true", "1"):
        return True
    raise SourceFormatError(path, f"mainEntry {text!r} is not a boolean", record)


def full_name(last: str | None, first: str | None) -> str | None:
    """How the CSV writes a name: ``LAST, First`` when there is a first name, else the last name."""
    if last and first:
        return f"{last}, {first}"
    return last or first


@dataclass(frozen=True)
class _Header:
    publish_date: date | None
    record_count: int | None


def _read_header(path: Path) -> _Header:
    """publshInformation (OFAC's spelling), read from the top of the file only."""
    depth = 0
    ns = ""
    for event, element in safe_xml.iter_events(path, "OFAC's XML"):
        if event == "start":
            depth += 1
            if depth == 1:
                ns = _root_namespace(path, element)
            elif depth == 2 and element.tag == ns + "sdnEntry":
                break
            continue
        if depth == 2 and element.tag == ns + "publshInformation":
            return _header(path, element, ns)
        depth -= 1
    return _Header(None, None)


def _header(path: Path, element: Element, ns: str) -> _Header:
    values = _fields(path, element, ns, _HEADER_FIELDS, None)
    published = None
    if values["Publish_Date"] is not None:
        try:
            published = datetime.strptime(values["Publish_Date"], "%m/%d/%Y").date()
        except ValueError:
            raise _PublishDateError(
                path, f"Publish_Date {values['Publish_Date']!r} is not a date written MM/DD/YYYY"
            ) from None
    count = None
    if values["Record_Count"] is not None:
        count = _int(values["Record_Count"])
        if count is None:
            raise SourceFormatError(path, f"Record_Count {values['Record_Count']!r} is not an integer")
    return _Header(published, count)


@dataclass
class _XmlEntry:
    number: int  # 1-based position of the sdnEntry element in the file: the rows' _record
    uid: int
    sdn_name: str
    sdn_type: str | None
    remarks: str | None
    row: dict[str, object] = field(default_factory=dict)


def _parse_xml(path: Path) -> ParsedSnapshot:
    """Every sdnEntry into the CSV path's tables, checked against the header's Record_Count."""
    quarantine: list[Quarantined] = []
    header: _Header | None = None
    entries: list[_XmlEntry] = []
    aliases: dict[str, list] = {name: [] for name in RAW_TABLES["aliases"][0].names}
    addresses: dict[str, list] = {name: [] for name in RAW_TABLES["addresses"][0].names}
    first_seen: dict[int, int] = {}
    child_keys: dict[str, dict[int, int]] = {"alt_num": {}, "add_num": {}}
    depth = 0
    ns = ""
    root: Element | None = None
    for event, element in safe_xml.iter_events(path, "OFAC's XML"):
        if event == "start":
            depth += 1
            if depth == 1:
                root = element
                ns = _root_namespace(path, element)
            continue
        depth -= 1
        if depth != 1:
            continue
        if element.tag == ns + "publshInformation":
            if header is not None:
                raise SourceFormatError(path, "the file has two <publshInformation> elements")
            header = _header(path, element, ns)
        elif element.tag == ns + "sdnEntry":
            number = len(entries) + 1
            entry = _read_entry(path, element, ns, number, aliases, addresses, child_keys, quarantine)
            if entry.uid in first_seen:
                raise SourceFormatError(
                    path, f"uid {entry.uid} appears twice (first in sdnEntry {first_seen[entry.uid]})", number
                )
            first_seen[entry.uid] = number
            entries.append(entry)
        else:
            namespace, name = _split_tag(element.tag)
            raise SourceFormatError(
                path,
                f"unexpected element <{name if namespace == ns[1:-1] else element.tag}> in <{XML_ROOT}> "
                "(known: publshInformation, sdnEntry)",
            )
        # Entries are read one at a time and let go, so a large file is never held whole.
        root.remove(element)
    _check_record_count(path, header, len(entries))

    names = frozenset(entry.sdn_name for entry in entries)
    sdn_entries: dict[str, list] = {name: [] for name in RAW_TABLES["sdn_entries"][0].names}
    comments: dict[str, list] = {name: [] for name in RAW_TABLES["comments"][0].names}
    facts: dict[str, list] = {name: [] for name in RAW_TABLES["remark_facts"][0].names}
    for entry in entries:
        for name, value in entry.row.items():
            sdn_entries[name].append(value)
        if entry.remarks and len(entry.remarks) > REMARKS_LIMIT:
            # What sdn_comments.csv would hold, so the comments table means the same for both formats.
            comments["ent_num"].append(entry.uid)
            comments["remarks_extension"].append(entry.remarks[REMARKS_LIMIT:])
            comments["_file"].append(path.name)
            comments["_record"].append(entry.number)
        mined = mine_remarks(entry.remarks, is_vessel=entry.sdn_type == "vessel", sdn_names=names)
        _append_facts(facts, entry.uid, mined, path.name, entry.number)
    tables = {
        "sdn_entries": pa.table(sdn_entries, schema=RAW_TABLES["sdn_entries"][0]),
        "addresses": pa.table(addresses, schema=RAW_TABLES["addresses"][0]),
        "aliases": pa.table(aliases, schema=RAW_TABLES["aliases"][0]),
        "comments": pa.table(comments, schema=RAW_TABLES["comments"][0]),
        "remark_facts": pa.table(facts, schema=RAW_TABLES["remark_facts"][0]),
    }
    return ParsedSnapshot(tables=tables, quarantine=quarantine)


def _check_record_count(path: Path, header: _Header | None, found: int) -> None:
    if header is None or header.record_count is None:
        raise SourceFormatError(
            path,
            "no <publshInformation><Record_Count>: without it a file cut at an entry boundary cannot be told "
            "from a complete one",
        )
    if header.record_count != found:
        raise SourceFormatError(
            path,
            f"Record_Count says {header.record_count:,} entries but the file holds {found:,} <sdnEntry> "
            "elements: the file is truncated or damaged",
        )


def _read_entry(
    path: Path,
    element: Element,
    ns: str,
    number: int,
    aliases: dict[str, list],
    addresses: dict[str, list],
    child_keys: dict[str, dict[int, int]],
    quarantine: list[Quarantined],
) -> _XmlEntry:
    found = _children(path, element, ns, _ENTRY_FIELDS, number)

    def text(name: str) -> str | None:
        return _text(path, _one(path, found, name, "sdnEntry", number), number)

    def items(name: str) -> list[dict[str, str | None]]:
        return _items(path, _one(path, found, name, "sdnEntry", number), ns, number)

    uid = _int(text("uid") or "")
    if uid is None:
        raise SourceFormatError(path, f"sdnEntry uid {text('uid')!r} is not an integer", number)
    last = text("lastName")
    if last is None:
        raise SourceFormatError(path, f"sdnEntry {uid} has no lastName (every entry is listed under one)", number)
    type_text = text("sdnType")
    if type_text is None or type_text.lower() not in XML_TYPES:
        raise SourceFormatError(
            path, f"sdnEntry {uid} has sdnType {type_text!r}; expected Individual, Entity, Vessel or Aircraft", number
        )
    sdn_type = XML_TYPES[type_text.lower()]
    sdn_name = full_name(last, text("firstName"))
    programs_element = _one(path, found, "programList", "sdnEntry", number)
    programs = [] if programs_element is None else [
        value
        for program in _children(path, programs_element, ns, ("program",), number).get("program", [])
        if (value := _text(path, program, number))
    ]  # fmt: skip
    vessel_element = _one(path, found, "vesselInfo", "sdnEntry", number)
    vessel = dict.fromkeys(_VESSEL_FIELDS) if vessel_element is None else _fields(
        path, vessel_element, ns, _VESSEL_FIELDS, number
    )  # fmt: skip

    strong: list[dict[str, str | None]] = []
    weak: list[dict[str, str | None]] = []
    for aka in items("akaList"):
        if aka["type"] not in ALIAS_TYPES or aka["category"] not in ALIAS_CATEGORIES:
            raise SourceFormatError(
                path,
                f"sdnEntry {uid} has an aka of type {aka['type']!r}, category {aka['category']!r}; expected a type "
                f"in {list(ALIAS_TYPES)} and a category in {list(ALIAS_CATEGORIES)}",
                number,
            )
        (strong if aka["category"] == "strong" else weak).append(aka)

    title = text("title")
    remarks = _render_remarks(path, number, items, title=title, remarks=text("remarks"), weak_aliases=weak)
    for aka in strong:
        if _child_key(path, number, "alt_num", aka["uid"], child_keys, quarantine, aka):
            aliases["ent_num"].append(uid)
            aliases["alt_num"].append(int(aka["uid"]))
            aliases["alt_type"].append(ALIAS_TYPES[aka["type"]])
            aliases["alt_name"].append(full_name(aka["lastName"], aka["firstName"]))
            aliases["alt_remarks"].append(None)
            aliases["_file"].append(path.name)
            aliases["_record"].append(number)
    for address in items("addressList"):
        if _child_key(path, number, "add_num", address["uid"], child_keys, quarantine, address):
            street = ", ".join(v for v in (address["address1"], address["address2"], address["address3"]) if v)
            place = ", ".join(v for v in (address["city"], address["stateOrProvince"]) if v)
            city_state_zip = " ".join(v for v in (place, address["postalCode"]) if v)
            addresses["ent_num"].append(uid)
            addresses["add_num"].append(int(address["uid"]))
            addresses["address"].append(street or None)
            addresses["city_state_zip"].append(city_state_zip or None)
            addresses["country"].append(address["country"])
            # The CSV has no region column (add_remarks is null in every real add.csv row checked);
            # kept here rather than dropped. Unverified: see README.
            addresses["add_remarks"].append(address["region"])
            addresses["_file"].append(path.name)
            addresses["_record"].append(number)

    row: dict[str, object] = {
        "ent_num": uid,
        "sdn_name": sdn_name,
        "sdn_type": sdn_type,
        "programs": programs,
        "program_raw": "] [".join(programs) or None,
        "title": title,
        **{column: vessel[name] for name, column in _VESSEL_COLUMNS.items()},
        "remarks": remarks,
        "remarks_truncated": False,
        "_file": path.name,
        "_record": number,
    }
    return _XmlEntry(number=number, uid=uid, sdn_name=sdn_name, sdn_type=sdn_type, remarks=remarks, row=row)


def _child_key(
    path: Path,
    number: int,
    key: str,
    value: str | None,
    seen: dict[str, dict[int, int]],
    quarantine: list[Quarantined],
    item: dict[str, str | None],
) -> bool:
    """An aka or address uid becomes alt_num / add_num; a bad or repeated one is quarantined, as
    the CSV path quarantines a bad or repeated alt_num / add_num."""
    raw = "; ".join(f"{k}={v}" for k, v in item.items() if v is not None)
    parsed = _int(value or "")
    if parsed is None:
        quarantine.append(Quarantined(path.name, number, f"{key} {value!r} is not an integer", raw))
        return False
    if parsed in seen[key]:
        quarantine.append(
            Quarantined(path.name, number, f"{key} {parsed} appears twice (first in sdnEntry {seen[key][parsed]})", raw)
        )
        return False
    seen[key][parsed] = number
    return True


def _render_remarks(
    path: Path,
    number: int,
    items: Callable[[str], list[dict[str, str | None]]],
    *,
    title: str | None,
    remarks: str | None,
    weak_aliases: list[dict[str, str | None]],
) -> str | None:
    """The Remarks text the CSV carries for this entry, composed from the structured elements.

    The CSV writes, "; "-separated and closed by one full stop: dates of birth, places of birth,
    nationalities, citizenships (the main entry first, the rest prefixed "alt."), the identifiers
    (a repeated idType prefixed "alt."), the title, the free-text remarks, the weak a.k.a.s, and the
    "Linked To:" parties. That order of groups holds for 14,460 of the 14,476 untruncated Remarks
    of the real 2024-05-03 sdn.csv; within the identifiers the XML's own order is kept (sdn.csv
    orders them by a fixed type order not known here: see README).
    """
    pieces: list[str] = []
    for label, list_name, value in (
        ("DOB", "dateOfBirthList", "dateOfBirth"),
        ("POB", "placeOfBirthList", "placeOfBirth"),
        ("nationality", "nationalityList", "country"),
        ("citizen", "citizenshipList", "country"),
    ):
        for index, text in enumerate(_main_first(items(list_name), value, path, number)):
            pieces.append(f"{'alt. ' if index else ''}{label} {text}")
    id_types_seen: set[str] = set()
    for identifier in items("idList"):
        id_type = identifier["idType"]
        if id_type is None:
            if any(identifier[k] for k in ("idNumber", "idCountry", "issueDate", "expirationDate")):
                raise SourceFormatError(path, f"an <id> without <idType>: {identifier['idNumber']!r}", number)
            continue
        piece = " ".join(v for v in (id_type, identifier["idNumber"]) if v)
        if identifier["idCountry"]:
            piece += f" ({identifier['idCountry']})"
        if identifier["issueDate"]:
            piece += f" issued {identifier['issueDate']}"
        if identifier["expirationDate"]:
            piece += f" expires {identifier['expirationDate']}"
        pieces.append(("alt. " if id_type in id_types_seen else "") + piece)
        id_types_seen.add(id_type)
    prose, linked = _split_linked_to(path, number, remarks)
    pieces.extend(p for p in (title, prose) if p)
    for aka in weak_aliases:
        name = full_name(aka["lastName"], aka["firstName"])
        if name:  # an aka with no name says nothing a row could hold
            pieces.append(f"{aka['type']} '{name}'")
    pieces.extend(linked)
    text = "; ".join(pieces)
    if text and not text.endswith("."):
        text += "."
    return text or None


def _split_linked_to(path: Path, number: int, remarks: str | None) -> tuple[str | None, list[str]]:
    """SDN.XML writes linked parties inside remarks as ``(Linked To: A; Linked To: B)``; the CSV
    writes them as items of their own after the weak a.k.a.s. Names may hold parentheses
    (``... CORPS (IRGC)-QODS FORCE``), so the group ends at its balancing ``)``."""
    if not remarks:
        return None, []
    linked: list[str] = []
    rest: list[str] = []
    position = 0
    while (start := remarks.find(_LINKED_TO_GROUP, position)) >= 0:
        rest.append(remarks[position:start])
        depth = 0
        end = None
        for index in range(start, len(remarks)):
            if remarks[index] == "(":
                depth += 1
            elif remarks[index] == ")":
                depth -= 1
                if depth == 0:
                    end = index
                    break
        if end is None:
            raise SourceFormatError(
                path, f"remarks open {_LINKED_TO_GROUP!r} and never close it: {remarks[start:start + 80]!r}", number
            )
        inner = remarks[start + 1 : end]
        linked.extend(part.strip() for part in re.split(r";\s*(?=Linked To:)", inner) if part.strip())
        position = end + 1
    rest.append(remarks[position:])
    prose = " ".join("".join(rest).split()).strip(" ;")
    return prose or None, linked
