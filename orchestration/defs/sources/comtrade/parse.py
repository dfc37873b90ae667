"""UN Comtrade trade records: v1 API JSON, v1 CSV and the legacy 35-column CSV, as one raw table;
and the v1 data-availability answer (release dates per reporter and period) as a second one.

Every trade layout lands in ``raw_comtrade.records`` in the v1 API's own vocabulary (camelCase
field names, v1 code lists), so dbt staging reads one shape whatever the analyst dropped in. The
availability answer (``getDa``) lands in ``raw_comtrade.releases``: when each reporter × period
dataset was first and last released, which the warehouse uses to version revised figures. See
README.md for the layouts, the quirks and what is verified against which real file.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import operator
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterator, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import LINEAGE_FIELDS, ParsedSnapshot, Quarantined

SOURCE = "comtrade"
DOMAIN = "trade"

API_JSON = "api_json"
V1_CSV = "v1_csv"
LEGACY_CSV = "legacy_csv"
AVAILABILITY = "availability"
ROLES = (API_JSON, V1_CSV, LEGACY_CSV, AVAILABILITY)
RECORD_ROLES = (API_JSON, V1_CSV, LEGACY_CSV)

# The v1 record, field for field, in the order the API returns it.
V1_FIELDS: list[tuple[str, pa.DataType]] = [
    ("typeCode", pa.string()),
    ("freqCode", pa.string()),
    ("refPeriodId", pa.int64()),
    ("refYear", pa.int64()),
    ("refMonth", pa.int64()),
    ("period", pa.string()),
    ("reporterCode", pa.int64()),
    ("reporterISO", pa.string()),
    ("reporterDesc", pa.string()),
    ("flowCode", pa.string()),
    ("flowDesc", pa.string()),
    ("partnerCode", pa.int64()),
    ("partnerISO", pa.string()),
    ("partnerDesc", pa.string()),
    ("partner2Code", pa.int64()),
    ("partner2ISO", pa.string()),
    ("partner2Desc", pa.string()),
    ("classificationCode", pa.string()),
    ("classificationSearchCode", pa.string()),
    ("isOriginalClassification", pa.bool_()),
    ("cmdCode", pa.string()),
    ("cmdDesc", pa.string()),
    ("aggrLevel", pa.int64()),
    ("isLeaf", pa.bool_()),
    ("customsCode", pa.string()),
    ("customsDesc", pa.string()),
    ("mosCode", pa.string()),
    ("motCode", pa.int64()),
    ("motDesc", pa.string()),
    ("qtyUnitCode", pa.int64()),
    ("qtyUnitAbbr", pa.string()),
    ("qty", pa.float64()),
    ("isQtyEstimated", pa.bool_()),
    ("altQtyUnitCode", pa.int64()),
    ("altQtyUnitAbbr", pa.string()),
    ("altQty", pa.float64()),
    ("isAltQtyEstimated", pa.bool_()),
    ("netWgt", pa.float64()),
    ("isNetWgtEstimated", pa.bool_()),
    ("grossWgt", pa.float64()),
    ("isGrossWgtEstimated", pa.bool_()),
    ("cifvalue", pa.float64()),
    ("fobvalue", pa.float64()),
    ("primaryValue", pa.float64()),
    ("legacyEstimationFlag", pa.int64()),
    ("isReported", pa.bool_()),
    ("isAggregate", pa.bool_()),
]
V1_TYPES = dict(V1_FIELDS)

RECORDS_SCHEMA = pa.schema(
    [pa.field(name, typ) for name, typ in V1_FIELDS]
    + [pa.field("source_layout", pa.string())]
    + LINEAGE_FIELDS
)

# One v1 data-availability record (``data/v1/getDa``): a reporter × period × classification
# dataset with its size and release dates. The first eight are the contract the warehouse reads;
# the rest are kept because raw keeps what the publisher wrote. Field names as documented by UNSD's
# comtradeapicall client and third-party readers of the JSON answer (not seen on a live answer).
AVAILABILITY_FIELDS: list[tuple[str, pa.DataType]] = [
    ("reporterCode", pa.int64()),
    ("period", pa.string()),
    ("freqCode", pa.string()),
    ("classificationCode", pa.string()),
    ("totalRecords", pa.int64()),
    ("firstReleased", pa.timestamp("us", tz="UTC")),
    ("lastReleased", pa.timestamp("us", tz="UTC")),
    ("datasetChecksum", pa.string()),
    ("datasetCode", pa.string()),
    ("typeCode", pa.string()),
    ("reporterISO", pa.string()),
    ("reporterDesc", pa.string()),
    ("classificationSearchCode", pa.string()),
    ("isOriginalClassification", pa.bool_()),
    ("isExtendedFlowCode", pa.bool_()),
    ("isExtendedPartnerCode", pa.bool_()),
    ("isExtendedPartner2Code", pa.bool_()),
    ("isExtendedCmdCode", pa.bool_()),
    ("isExtendedCustomsCode", pa.bool_()),
    ("isExtendedMotCode", pa.bool_()),
]
AVAILABILITY_TYPES = dict(AVAILABILITY_FIELDS)
RELEASES_SCHEMA = pa.schema([pa.field(name, typ) for name, typ in AVAILABILITY_FIELDS] + LINEAGE_FIELDS)

# "records" stays first: the quarantine check watches each source's first raw table.
RAW_TABLES = {
    "records": (
        RECORDS_SCHEMA,
        "UN Comtrade trade records in v1 API vocabulary, one row per record as published "
        "(API JSON, v1 CSV or legacy 35-column CSV; source_layout says which)",
    ),
    "releases": (
        RELEASES_SCHEMA,
        "UN Comtrade data availability (getDa), one row per reporter × period × classification dataset "
        "per snapshot: record count, first and last release time (UTC), checksum. lastReleased versions "
        "revised figures",
    ),
}

# Without these a v1 CSV cannot be told apart from any other table with a few matching names.
V1_CSV_REQUIRED = ("period", "reporterCode", "flowCode", "partnerCode", "cmdCode", "primaryValue")

LEGACY_HEADER = [
    "Classification", "Year", "Period", "Period Desc.", "Aggregate Level", "Is Leaf Code",
    "Trade Flow Code", "Trade Flow", "Reporter Code", "Reporter", "Reporter ISO", "Partner Code",
    "Partner", "Partner ISO", "2nd Partner Code", "2nd Partner", "2nd Partner ISO",
    "Customs Proc. Code", "Customs", "Mode of Transport Code", "Mode of Transport",
    "Commodity Code", "Commodity", "Qty Unit Code", "Qty Unit", "Qty", "Alt Qty Unit Code",
    "Alt Qty Unit", "Alt Qty", "Netweight (kg)", "Gross weight (kg)", "Trade Value (US$)",
    "CIF Trade Value (US$)", "FOB Trade Value (US$)", "Flag",
]  # fmt: skip

# Legacy column -> v1 field, for the columns that carry over one to one.
# "Period Desc." has no v1 field: it only spells out Period ("January 2012").
LEGACY_TO_V1 = {
    "Classification": "classificationCode",
    "Year": "refYear",
    "Period": "period",
    "Aggregate Level": "aggrLevel",
    "Is Leaf Code": "isLeaf",
    "Trade Flow": "flowDesc",
    "Reporter Code": "reporterCode",
    "Reporter": "reporterDesc",
    "Reporter ISO": "reporterISO",
    "Partner Code": "partnerCode",
    "Partner": "partnerDesc",
    "Partner ISO": "partnerISO",
    "2nd Partner Code": "partner2Code",
    "2nd Partner": "partner2Desc",
    "2nd Partner ISO": "partner2ISO",
    "Customs Proc. Code": "customsCode",
    "Customs": "customsDesc",
    "Mode of Transport Code": "motCode",
    "Mode of Transport": "motDesc",
    "Commodity Code": "cmdCode",
    "Commodity": "cmdDesc",
    "Qty Unit Code": "qtyUnitCode",
    "Qty Unit": "qtyUnitAbbr",
    "Qty": "qty",
    "Alt Qty Unit Code": "altQtyUnitCode",
    "Alt Qty Unit": "altQtyUnitAbbr",
    "Alt Qty": "altQty",
    "Netweight (kg)": "netWgt",
    "Gross weight (kg)": "grossWgt",
    "Trade Value (US$)": "primaryValue",
    "CIF Trade Value (US$)": "cifvalue",
    "FOB Trade Value (US$)": "fobvalue",
    "Flag": "legacyEstimationFlag",
}
# The legacy API's numeric trade-flow codes ("rg" parameter) and their v1 flow codes.
LEGACY_FLOWS = {"1": "M", "2": "X", "3": "RX", "4": "RM"}
# v1 reports an annual record with refMonth 52 and refPeriodId YYYY0101; legacy rows follow suit
# so staging handles one convention.
ANNUAL_REF_MONTH = 52

_BOM = b"\xef\xbb\xbf"
_SNIFF_BYTES = 1 << 16
_INT_RE = r"^[+-]?[0-9]{1,18}$"
_FLOAT_RE = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$"
_PERIOD_RE = r"^[0-9]{4}(0[1-9]|1[0-2])?$"
_HS_CLASSIFICATION_RE = r"^H[0-9S]$"
_TRUE = ["true", "1"]
_FALSE = ["false", "0"]
# A getDa answer: the v1 envelope around records that name datasets and their release dates. Told
# apart from trade records (which never carry these keys) before the trade-record signs are tried.
_AVAILABILITY_SIGN = re.compile(
    r'"data"\s*:\s*\[\s*\{[^{}]*"(datasetCode|firstReleased|lastReleased|totalRecords|datasetChecksum)"\s*:'
)
_TIMESTAMP_RE = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
_JSON_SIGNS = (
    re.compile(r'"elapsedTime"\s*:'),
    re.compile(r'"statusCode"\s*:'),
    re.compile(r'"data"\s*:\s*(\[\s*\]|\[\s*\{[^{}]*"(typeCode|reporterCode|cmdCode)"\s*:)'),
)


# ---------------------------------------------------------------- reading files (plain, .gz, .zip)


def _compression(path: Path) -> str | None:
    """Told by magic bytes, not by name: a landed file keeps whatever name the analyst gave it."""
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic[:2] == b"\x1f\x8b":
        return "gzip"
    if magic == b"PK\x03\x04":
        return "zip"
    return None


@contextmanager
def _open_content(path: Path) -> Iterator[IO[bytes]]:
    """The file, or the single file inside a .gz or .zip."""
    kind = _compression(path)
    if kind == "gzip":
        with gzip.open(path, "rb") as stream:
            yield stream
    elif kind == "zip":
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and not info.filename.startswith("__MACOSX/")
                and not Path(info.filename).name.startswith(".")
            ]
            if len(members) != 1:
                names = ", ".join(info.filename for info in members) or "nothing"
                raise SourceFormatError(path, f"a zip must hold exactly one .json or .csv file; it holds {names}")
            with archive.open(members[0]) as stream:
                yield stream
    else:
        with open(path, "rb") as stream:
            yield stream


def _read_all(path: Path) -> pa.Buffer:
    """The whole (decompressed) content, BOM removed; a plain file is memory-mapped, not copied."""
    try:
        if _compression(path):
            with _open_content(path) as stream:
                buffer = pa.py_buffer(stream.read())
        else:
            with pa.memory_map(str(path), "r") as mapped:
                buffer = mapped.read_buffer()
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile) as error:
        raise SourceFormatError(path, f"cannot read the file: {error}") from error
    return buffer.slice(len(_BOM)) if _starts_with(buffer, _BOM) else buffer


def _starts_with(buffer: pa.Buffer, prefix: bytes) -> bool:
    return buffer.size >= len(prefix) and buffer.slice(0, len(prefix)).to_pybytes() == prefix


def _bytes_view(buffer: pa.Buffer) -> np.ndarray:
    return np.frombuffer(buffer, dtype=np.uint8)


def _head(path: Path) -> str | None:
    try:
        with _open_content(path) as stream:
            raw = stream.read(_SNIFF_BYTES)
    except (OSError, EOFError, zipfile.BadZipFile):
        # Not readable as a file, gzip or zip at all: not ours. A zip holding several files is
        # refused by _open_content with its own message instead.
        return None
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    # The sniffed block may end inside a multi-byte character; only the start matters here.
    return raw.decode("utf-8", errors="replace")


def _header_fields(line: str) -> list[str]:
    return [name.strip() for name in next(csv.reader([line]), [])]


def _first_line(text: str) -> str:
    return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]


# ---------------------------------------------------------------- contract: classify, publisher_as_of


def classify(path: Path) -> str | None:
    """``api_json``, ``v1_csv``, ``legacy_csv`` or ``availability`` by content; None for anything else.

    An availability answer with no records cannot be told from an empty data answer and reads as
    ``api_json``; ``parse_file`` accepts such an empty envelope under either role.

    Recognition is deliberately looser than parsing: a Comtrade file with a damaged header is
    still claimed here so that parse_snapshot can refuse it with the exact reason.
    """
    head = _head(Path(path))
    if head is None:
        return None
    text = head.lstrip()
    if text.startswith("{"):
        if _AVAILABILITY_SIGN.search(text):
            return AVAILABILITY
        return API_JSON if any(sign.search(text) for sign in _JSON_SIGNS) else None
    names = _header_fields(_first_line(text))
    if names[:1] == ["Classification"] and {"Reporter Code", "Partner Code", "Commodity Code"} <= set(names):
        return LEGACY_CSV
    if set(V1_CSV_REQUIRED) <= set(names):
        return V1_CSV
    return None


def publisher_as_of(path: Path, role: str) -> date | None:
    """None: no Comtrade layout carries a publication or extraction date inside the file.

    ``refPeriodId``/``period`` are the period the trade happened in, not when it was published;
    using them would date a 2024 download of 2015 trade as 2015.
    """
    return None


# ---------------------------------------------------------------- typing text columns, vectorised


@dataclass
class _Check:
    """Rows that failed one check, and how to tell the analyst why."""

    mask: np.ndarray
    column: str
    values: pa.ChunkedArray | pa.Array
    message: str


def _clean_text(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Trim padding; an empty field is null (the legacy CSV's only null marker)."""
    trimmed = pc.utf8_trim_whitespace(values)
    empty = pc.equal(pc.binary_length(trimmed), 0)
    if not pc.any(empty).as_py():
        return trimmed
    return pc.if_else(empty, pa.scalar(None, pa.string()), trimmed)


def _mask(values) -> np.ndarray:
    filled = pc.fill_null(values, False)
    if isinstance(filled, pa.ChunkedArray):
        filled = filled.combine_chunks() if filled.num_chunks else pa.array([], pa.bool_())
    return filled.to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _typed(text, typ: pa.DataType, column: str, checks: list[_Check]):
    """Cast a text column; values that do not fit become null and are reported as a check.

    The whole column is cast at once first (the usual case: every value is fine); only a column
    that fails goes through the slower per-value checks that name the offending rows.
    """
    if typ == pa.string():
        return _clean_text(text)
    try:
        values = pc.cast(text, typ)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        values = None
    # The cast reads "nan" and "inf" as numbers; no trade value is either, so those go the slow way.
    if values is not None and not (typ == pa.float64() and pc.any(pc.invert(pc.is_finite(values))).as_py()):
        return values
    text = _clean_text(text)
    if typ == pa.int64():
        ok = pc.match_substring_regex(text, _INT_RE)
        bad = _mask(pc.invert(ok))
        text = pc.replace_substring_regex(text, r"^\+", "")
        kind = "an integer"
    elif typ == pa.float64():
        ok = pc.match_substring_regex(text, _FLOAT_RE)
        bad = _mask(pc.invert(ok))
        kind = "a number"
    elif typ == pa.bool_():
        lowered = pc.utf8_lower(text)
        is_true = pc.is_in(lowered, value_set=pa.array(_TRUE))
        is_false = pc.is_in(lowered, value_set=pa.array(_FALSE))
        bad = _mask(pc.and_(pc.is_valid(text), pc.invert(pc.or_(is_true, is_false))))
        if bad.any():
            checks.append(_Check(bad, column, text, "is not true/false"))
        return pc.if_else(is_true, True, pc.if_else(is_false, False, pa.scalar(None, pa.bool_())))
    else:  # pragma: no cover - the schema only uses the four types above
        raise TypeError(typ)
    if bad.any():
        checks.append(_Check(bad, column, text, f"is not {kind}"))
        text = pc.if_else(pa.array(bad), pa.scalar(None, pa.string()), text)
    return pc.cast(text, typ)


def _check_hs_codes(columns: dict, checks: list[_Check]) -> None:
    """An HS code with an odd number of digits has lost its leading zero (a spreadsheet opened and
    re-saved the file); ``10121`` could be 010121 or a typo, so the row is set aside."""
    cmd = columns.get("cmdCode")
    cls = columns.get("classificationCode")
    if cmd is None or cls is None:
        return
    hs = pc.match_substring_regex(cls, _HS_CLASSIFICATION_RE)
    digits = pc.match_substring_regex(cmd, r"^[0-9]+$")
    odd = pc.equal(pc.bit_wise_and(pc.utf8_length(cmd), 1), 1)
    bad = _mask(pc.and_(pc.and_(hs, digits), odd))
    if bad.any():
        checks.append(_Check(bad, "cmdCode", cmd, "has an odd number of digits for an HS code (leading zero lost?)"))


# ---------------------------------------------------------------- assembling the raw table


def _assemble(
    columns: dict,
    length: int,
    layout: str,
    file_name: str,
    records: np.ndarray,
    checks: list[_Check],
    raw_row: Callable[[int], str],
) -> tuple[pa.Table, list[Quarantined]]:
    """Full-schema table of the rows that passed every check; the others, with reasons, for quarantine."""
    quarantine: list[Quarantined] = []
    keep = np.ones(length, dtype=bool)
    if checks:
        reasons: dict[int, list[str]] = {}
        for check in checks:
            for index in np.flatnonzero(check.mask):
                value = check.values[int(index)].as_py()
                reasons.setdefault(int(index), []).append(f"{check.column} {value!r} {check.message}")
        for index in sorted(reasons):
            keep[index] = False
            quarantine.append(
                Quarantined(file_name, int(records[index]), "; ".join(reasons[index]), raw_row(index))
            )
    arrays = []
    for field in RECORDS_SCHEMA:
        if field.name == "source_layout":
            arrays.append(pa.repeat(pa.scalar(layout, pa.string()), length))
        elif field.name == "_file":
            arrays.append(pa.repeat(pa.scalar(file_name, pa.string()), length))
        elif field.name == "_record":
            arrays.append(pa.array(records, pa.int64()))
        elif field.name in columns:
            arrays.append(columns[field.name])
        else:
            arrays.append(pa.nulls(length, field.type))
    table = pa.Table.from_arrays(arrays, schema=RECORDS_SCHEMA)
    if not keep.all():
        table = table.filter(pa.array(keep))
    return table, quarantine


# ---------------------------------------------------------------- api_json


def envelope_problem(payload: object) -> str | None:
    """The publisher's own error text when a response is an error rather than data, else None.

    The v1 API answers ``{"elapsedTime", "count", "data", "error"}``; its gateway answers an
    authorisation failure with ``{"statusCode": 401, "message": "Access denied due to ..."}``.
    """
    if not isinstance(payload, dict):
        return f"expected a JSON object (the v1 response envelope), found {type(payload).__name__}"
    status = payload.get("statusCode")
    if status is not None and status != 200:
        return f"publisher answered status {status}: {payload.get('message') or payload.get('error') or '(no message)'}"
    error = payload.get("error")
    if error:
        text = error if isinstance(error, str) else json.dumps(error)
        return f"publisher reported an error: {text}"
    if "data" not in payload:
        return "no 'data' array in the response envelope"
    if not isinstance(payload["data"], list):
        return f"'data' is {type(payload['data']).__name__}, expected an array of records"
    return None


def _reject_constant(name: str):
    raise ValueError(f"non-standard JSON constant {name}")


# The JSON kinds each column type takes as they are. pyarrow would also turn 5.5 into int 5 or
# True into 1.0 without complaint, so the kinds are checked before converting.
_JSON_KINDS = {
    pa.string(): {str, type(None)},
    pa.int64(): {int, type(None)},
    pa.float64(): {int, float, type(None)},
    pa.bool_(): {bool, type(None)},
}


def _json_values(values: Sequence, typ: pa.DataType, strict_text: bool) -> tuple[pa.Array, np.ndarray | None]:
    """Typed array straight from the JSON values when they are already the right kind (the normal
    case); otherwise a text array for the shared checks, plus rows whose value cannot be text."""
    if set(map(type, values)) <= _JSON_KINDS[typ]:
        try:
            array = pa.array(values, type=typ)
        except OverflowError:  # an integer beyond 64 bits: let the text checks name it
            pass
        else:
            return (_clean_text(array) if typ == pa.string() else array), None
    text: list[str | None] = []
    unusable = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if value is None or type(value) is str:
            text.append(value)
        elif type(value) is bool:
            text.append("true" if value else "false")
        elif type(value) in (int, float) and not strict_text:
            text.append(repr(value))
        else:
            # A number where a code belongs (cmdCode 10121) may already have lost a leading zero.
            text.append(None)
            unusable[i] = True
    return _clean_text(pa.array(text, pa.string())), unusable


def _json_columns(path: Path, rows: list) -> list[Sequence]:
    """The records turned into one sequence per v1 field, in V1_FIELDS order (missing keys: None)."""
    names = list(V1_TYPES)
    try:
        # The usual response: every record an object with exactly the v1 fields, read in C-level
        # passes. Having every v1 key and no more keys than that leaves no room for an unknown one.
        if rows and set(map(len, rows)) == {len(names)}:
            return list(zip(*map(operator.itemgetter(*names), rows)))
    except (KeyError, TypeError):
        pass
    known = set(names)
    for index, row in enumerate(rows, start=1):
        _check_record(path, index, row, known, "v1", "RECORDS_SCHEMA")
    return [[row.get(name) for row in rows] for name in names]


def _check_record(path: Path, index: int, row: object, known: set[str], kind: str, schema: str) -> None:
    """A record must be an object with no field Tumen does not know: fail loudly, never drop one."""
    if not isinstance(row, dict):
        raise SourceFormatError(path, f"record is {type(row).__name__}, expected an object", index)
    extra = row.keys() - known
    if extra:
        raise SourceFormatError(
            path,
            f"unknown {kind} field(s) {sorted(extra)}: the publisher changed the record; "
            f"extend {schema} rather than drop them",
            index,
        )


def _envelope_records(path: Path) -> list:
    """The records of a v1 API answer, after checking its envelope (error, count, shape)."""
    data = _read_all(path)
    try:
        payload = json.loads(data.to_pybytes().decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceFormatError(path, f"not valid UTF-8 JSON: {error}") from error
    problem = envelope_problem(payload)
    if problem:
        raise SourceFormatError(path, problem)
    rows = payload["data"]
    count = payload.get("count")
    if isinstance(count, int) and not isinstance(count, bool) and count != len(rows):
        raise SourceFormatError(path, f"envelope says count {count} but holds {len(rows)} records (cut short?)")
    return rows


def _parse_api_json(path: Path, file_name: str) -> tuple[pa.Table, list[Quarantined]]:
    rows = _envelope_records(path)
    length = len(rows)
    checks: list[_Check] = []
    columns = {}
    for name, values in zip(V1_TYPES, _json_columns(path, rows)):
        typ = V1_TYPES[name]
        array, unusable = _json_values(values, typ, strict_text=(name == "cmdCode"))
        if unusable is not None and unusable.any():
            original = pa.array([json.dumps(v) if m else None for v, m in zip(values, unusable)], pa.string())
            problem = "is not text (as a number it may have lost a leading zero)" if name == "cmdCode" else (
                "is a nested JSON value"
            )
            checks.append(_Check(unusable, name, original, problem))
        columns[name] = _typed(array, typ, name, checks) if unusable is not None else array
    _check_hs_codes(columns, checks)
    records = np.arange(1, length + 1, dtype=np.int64)
    return _assemble(
        columns, length, API_JSON, file_name, records, checks, lambda i: json.dumps(rows[i], ensure_ascii=False)
    )


# ---------------------------------------------------------------- availability (getDa)


def _timestamp(text: str) -> datetime:
    """An ISO 8601 date or date-time as UTC; a value without a zone is read as UTC (assumption:
    the publisher's documentation does not say which zone its release times are in)."""
    value = text.strip()
    if not _TIMESTAMP_RE.match(value):
        raise ValueError("not an ISO 8601 date or date-time")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _availability_value(name: str, value: object) -> object:
    """The value typed for its column; ValueError naming the problem otherwise."""
    typ = AVAILABILITY_TYPES[name]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = type(value)
    if typ == pa.string():
        if kind is str:
            return value.strip()
        if kind is int:  # codes and checksums may come as JSON numbers; their text is unambiguous
            return str(value)
        raise ValueError(f"{name} {json.dumps(value)} is not text")
    if typ == pa.int64():
        if kind is int and -(2**63) <= value < 2**63:
            return value
        if kind is str and re.match(_INT_RE, value.strip()):
            return int(value.strip())
        raise ValueError(f"{name} {json.dumps(value)} is not an integer")
    if typ == pa.bool_():
        if kind is bool:
            return value
        if kind is str and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        if kind is int and value in (0, 1):
            return bool(value)
        raise ValueError(f"{name} {json.dumps(value)} is not a boolean")
    # timestamp
    if kind is not str:
        raise ValueError(f"{name} {json.dumps(value)} is not a date-time")
    try:
        return _timestamp(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not an ISO 8601 date-time") from None


def _parse_availability(path: Path, file_name: str) -> tuple[pa.Table, list[Quarantined]]:
    """A getDa answer: the v1 envelope around one record per reporter × period × classification."""
    rows = _envelope_records(path)
    known = set(AVAILABILITY_TYPES)
    columns: dict[str, list] = {name: [] for name in AVAILABILITY_TYPES}
    numbers: list[int] = []
    quarantine: list[Quarantined] = []
    for index, row in enumerate(rows, start=1):
        _check_record(path, index, row, known, "availability", "AVAILABILITY_FIELDS")
        typed: dict[str, object] = {}
        reasons: list[str] = []
        for name in AVAILABILITY_TYPES:
            try:
                typed[name] = _availability_value(name, row.get(name))
            except ValueError as error:
                reasons.append(str(error))
        period = typed.get("period")
        if period is not None and not re.match(_PERIOD_RE, str(period)):
            reasons.append(f"period {period!r} is not YYYY or YYYYMM")
        if reasons:
            quarantine.append(Quarantined(file_name, index, "; ".join(reasons), json.dumps(row, ensure_ascii=False)))
            continue
        for name, value in typed.items():
            columns[name].append(value)
        numbers.append(index)
    arrays = [pa.array(columns[name], typ) for name, typ in AVAILABILITY_FIELDS]
    arrays.append(pa.array([file_name] * len(numbers), pa.string()))
    arrays.append(pa.array(numbers, pa.int64()))
    return pa.Table.from_arrays(arrays, schema=RELEASES_SCHEMA), quarantine


# ---------------------------------------------------------------- CSV (v1 and legacy)


@dataclass
class _CsvText:
    names: list[str]
    table: pa.Table  # every column as the text in the file; empty fields are null
    records: np.ndarray  # line number where each row starts
    quarantine: list[Quarantined]  # rows with the wrong number of fields


def _csv_header(path: Path, data: pa.Buffer) -> list[str]:
    head = _bytes_view(data)[:_SNIFF_BYTES]
    breaks = np.flatnonzero((head == ord("\n")) | (head == ord("\r")))
    end = int(breaks[0]) if breaks.size else head.size
    try:
        line = data.slice(0, end).to_pybytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceFormatError(path, f"header is not UTF-8: {error}", 1) from error
    return _header_fields(line)


def _read_csv(data: pa.Buffer, names: list[str], newlines_in_values: bool) -> tuple[pa.Table, int]:
    skipped = 0

    def on_invalid_row(row) -> str:
        nonlocal skipped
        skipped += 1
        return "skip"

    table = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(
            newlines_in_values=newlines_in_values, ignore_empty_lines=True, invalid_row_handler=on_invalid_row
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            null_values=[""],
        ),
    )
    return table, skipped


def _non_blank_lines(data: pa.Buffer) -> np.ndarray:
    """1-based numbers of the lines that hold anything (LF or CRLF endings)."""
    view = _bytes_view(data)
    breaks = np.flatnonzero(view == ord("\n"))
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [view.size]))
    length = ends - starts
    has_cr = np.zeros(length.size, dtype=bool)
    filled = length > 0
    has_cr[filled] = view[ends[filled] - 1] == ord("\r")
    return np.flatnonzero(length - has_cr > 0).astype(np.int64) + 1


def _read_csv_text(path: Path, file_name: str, data: pa.Buffer, names: list[str]) -> _CsvText:
    try:
        # Quoted line breaks are rare in Comtrade files and reading without them is much faster. A
        # record split at a quoted break always leaves a piece with the wrong number of fields,
        # so with nothing skipped every record is one line and blank lines are the only gaps.
        table, skipped = _read_csv(data, names, newlines_in_values=False)
        if skipped == 0:
            lines = _non_blank_lines(data)
            if lines.size == table.num_rows + 1:
                return _CsvText(names, table, lines[1:], [])
        table, _ = _read_csv(data, names, newlines_in_values=True)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise SourceFormatError(path, f"cannot read as UTF-8 CSV: {error}") from error
    records, quarantine = _line_numbers(path, file_name, data, len(names), table.num_rows)
    return _CsvText(names, table, records, quarantine)


def _line_numbers(
    path: Path, file_name: str, data: pa.Buffer, width: int, expected_rows: int
) -> tuple[np.ndarray, list[Quarantined]]:
    """Exact start line of each record when the quick count does not add up (blank lines, quoted
    line breaks, short or long rows); slower, so only used then."""
    reader = csv.reader(io.StringIO(data.to_pybytes().decode("utf-8"), newline=""))
    next(reader, None)
    starts: list[int] = []
    quarantine: list[Quarantined] = []
    previous_end = reader.line_num
    for fields in reader:
        start, previous_end = previous_end + 1, reader.line_num
        if not fields:
            continue
        if len(fields) != width:
            raw = io.StringIO()
            csv.writer(raw, lineterminator="").writerow(fields)
            quarantine.append(
                Quarantined(file_name, start, f"{len(fields)} fields where the header has {width}", raw.getvalue())
            )
            continue
        starts.append(start)
    if len(starts) != expected_rows:
        raise SourceFormatError(
            path, f"CSV readers disagree on the record count ({len(starts)} vs {expected_rows}); quoting is broken"
        )
    return np.array(starts, dtype=np.int64), quarantine


def _csv_raw_row(text: pa.Table) -> Callable[[int], str]:
    def render(index: int) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(
            ["" if v is None else v for v in text.slice(index, 1).to_pylist()[0].values()]
        )
        return out.getvalue()

    return render


def _validate_v1_header(path: Path, names: list[str]) -> None:
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourceFormatError(path, f"header repeats column(s) {duplicates}", 1)
    unknown = [n for n in names if n not in V1_TYPES]
    if unknown:
        raise SourceFormatError(
            path,
            f"header has column(s) that are not v1 fields: {unknown}; extend RECORDS_SCHEMA rather than drop them",
            1,
        )
    missing = [n for n in V1_CSV_REQUIRED if n not in names]
    if missing:
        raise SourceFormatError(path, f"header lacks required v1 column(s) {missing}", 1)


def _parse_v1_csv(path: Path, file_name: str) -> tuple[pa.Table, list[Quarantined]]:
    data = _read_all(path)
    names = _csv_header(path, data)
    _validate_v1_header(path, names)
    text = _read_csv_text(path, file_name, data, names)
    checks: list[_Check] = []
    columns = {name: _typed(text.table[name], V1_TYPES[name], name, checks) for name in text.names}
    _check_hs_codes(columns, checks)
    table, quarantine = _assemble(
        columns, text.table.num_rows, V1_CSV, file_name, text.records, checks, _csv_raw_row(text.table)
    )
    return table, text.quarantine + quarantine


def _legacy_header_problem(names: list[str]) -> str | None:
    if names == LEGACY_HEADER:
        return None
    if len(names) != len(LEGACY_HEADER):
        return f"legacy header has {len(names)} columns, expected {len(LEGACY_HEADER)}"
    wrong = [(i, got, want) for i, (got, want) in enumerate(zip(names, LEGACY_HEADER), 1) if got != want]
    return "legacy header differs: " + ", ".join(f"column {i} is {g!r}, expected {w!r}" for i, g, w in wrong)


def _parse_legacy_csv(path: Path, file_name: str) -> tuple[pa.Table, list[Quarantined]]:
    data = _read_all(path)
    names = _csv_header(path, data)
    problem = _legacy_header_problem(names)
    if problem:
        raise SourceFormatError(path, problem, 1)
    text = _read_csv_text(path, file_name, data, names)
    source = text.table
    length = source.num_rows
    checks: list[_Check] = []
    columns = {v1: _typed(source[legacy], V1_TYPES[v1], v1, checks) for legacy, v1 in LEGACY_TO_V1.items()}

    period_text = columns["period"]
    period_ok = pc.fill_null(pc.match_substring_regex(period_text, _PERIOD_RE), False)
    bad_period = _mask(pc.and_(pc.is_valid(period_text), pc.invert(period_ok)))
    if bad_period.any():
        checks.append(_Check(bad_period, "Period", period_text, "is not YYYY or YYYYMM"))
    period = pc.if_else(period_ok, period_text, pa.scalar(None, pa.string()))
    year = pc.utf8_slice_codeunits(period, 0, 4)
    month = pc.utf8_slice_codeunits(period, 4, 6)
    monthly = pc.equal(pc.utf8_length(period), 6)
    mismatch = _mask(pc.not_equal(pc.cast(year, pa.int64()), columns["refYear"]))
    if mismatch.any():
        checks.append(_Check(mismatch, "Period", period_text, "does not fall in the row's Year"))
    columns["period"] = period
    columns["freqCode"] = pc.if_else(monthly, "M", "A")
    columns["refMonth"] = pc.cast(pc.if_else(monthly, month, str(ANNUAL_REF_MONTH)), pa.int64())
    columns["refPeriodId"] = pc.cast(
        pc.binary_join_element_wise(year, pc.if_else(monthly, month, "01"), "01", ""), pa.int64()
    )

    flow = _clean_text(source["Trade Flow Code"])
    codes = list(LEGACY_FLOWS)
    position = pc.index_in(flow, value_set=pa.array(codes))
    unknown_flow = _mask(pc.and_(pc.is_valid(flow), pc.is_null(position)))
    if unknown_flow.any():
        checks.append(_Check(unknown_flow, "Trade Flow Code", flow, f"is not one of {codes}"))
    columns["flowCode"] = pa.array(list(LEGACY_FLOWS.values()), pa.string()).take(position)
    columns["typeCode"] = pa.repeat(pa.scalar("C", pa.string()), length)

    _check_hs_codes(columns, checks)
    table, quarantine = _assemble(columns, length, LEGACY_CSV, file_name, text.records, checks, _csv_raw_row(source))
    return table, text.quarantine + quarantine


# ---------------------------------------------------------------- contract: parse_snapshot

_PARSERS = {
    API_JSON: _parse_api_json,
    V1_CSV: _parse_v1_csv,
    LEGACY_CSV: _parse_legacy_csv,
    AVAILABILITY: _parse_availability,
}
# Which raw table each role fills.
_TABLE_OF_ROLE = {API_JSON: "records", V1_CSV: "records", LEGACY_CSV: "records", AVAILABILITY: "releases"}


def _is_empty_envelope(path: Path) -> bool:
    try:
        payload = json.loads(_read_all(path).to_pybytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, SourceFormatError):
        return False
    return isinstance(payload, dict) and payload.get("data") == [] and not payload.get("error")


def parse_file(path: Path, role: str) -> tuple[pa.Table, list[Quarantined]]:
    """One file as its raw table (``records`` for trade layouts, ``releases`` for availability)."""
    path = Path(path)
    if role not in _PARSERS:
        raise SourceFormatError(path, f"unknown comtrade file role {role!r} (expected one of {list(ROLES)})")
    found = classify(path)
    # An availability answer with no datasets looks like any empty v1 envelope.
    empty_availability = role == AVAILABILITY and found == API_JSON and _is_empty_envelope(path)
    if found != role and not empty_availability:
        raise SourceFormatError(path, f"landed as {role!r} but its content reads as {found!r}")
    return _PARSERS[role](path, path.name)


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    tables: dict[str, list[pa.Table]] = {name: [] for name in RAW_TABLES}
    quarantine: list[Quarantined] = []
    for role in sorted(paths_by_role):
        for path in paths_by_role[role]:
            table, rejected = parse_file(Path(path), role)
            tables[_TABLE_OF_ROLE[role]].append(table)
            quarantine.extend(rejected)
    return ParsedSnapshot(
        tables={
            name: pa.concat_tables(parts) if parts else RAW_TABLES[name][0].empty_table()
            for name, parts in tables.items()
        },
        quarantine=quarantine,
    )
