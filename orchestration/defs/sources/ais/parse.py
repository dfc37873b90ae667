"""Parse AIS position files (NOAA MarineCadastre, both layouts; Danish Maritime Authority aisdk)
into ``raw_ais.positions``. See README.md in this folder for the publishers and their quirks.

Approach: an AIS day is millions of rows, so nothing here loops over rows in Python. DuckDB reads
each file with every column as text (explicit delimiter, quote and header: nothing is sniffed),
one SQL statement types every column with TRY_CAST / strptime and flags each row it could not
read, and the result comes back as one Arrow table. Flagged rows are split off with a vectorised
Arrow filter and become quarantine entries; the rest is the raw table. The reasons and the raw
text are computed inside a CASE, so DuckDB builds them only for flagged rows.

Columns are found by name (case-insensitively), never by position: the 2024 NOAA re-export moved
longitude before latitude, and DMA files have gained columns over the years.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from orchestration.lib.errors import SourceFormatError
from orchestration.lib.raw_tables import ParsedSnapshot, Quarantined

SOURCE = "ais"
DOMAIN = "shipping"

POSITIONS_SCHEMA = pa.schema(
    [
        pa.field("mmsi", pa.int64()),
        pa.field("ts", pa.timestamp("us", tz="UTC")),
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("sog", pa.float64()),
        pa.field("cog", pa.float64()),
        pa.field("heading", pa.float64()),
        pa.field("nav_status", pa.string()),
        pa.field("vessel_name", pa.string()),
        pa.field("imo", pa.string()),
        pa.field("call_sign", pa.string()),
        pa.field("vessel_type", pa.string()),
        pa.field("length", pa.float64()),
        pa.field("width", pa.float64()),
        pa.field("draft", pa.float64()),
        pa.field("cargo", pa.string()),
        pa.field("transceiver_class", pa.string()),
        pa.field("destination", pa.string()),
        pa.field("source_format", pa.string()),
        pa.field("_file", pa.string()),
        pa.field("_record", pa.int64()),
    ]
)

RAW_TABLES = {
    "positions": (
        POSITIONS_SCHEMA,
        "One row per AIS position report as published (NOAA MarineCadastre or DMA aisdk); sentinels "
        "such as lat 91, lon 181, heading 511 and SOG 102.3 are kept for staging to clean",
    ),
}

# A file with more unreadable rows than this is refused rather than half-loaded: at that rate it is
# probably not the layout its header claims (shifted columns, another date format, a wrong export).
MAX_BAD_SHARE = 0.10

_NUMERIC = ("lat", "lon", "sog", "cog", "heading", "length", "width", "draft")
_TEXT = ("nav_status", "vessel_name", "imo", "call_sign", "vessel_type", "cargo", "transceiver_class", "destination")


@dataclass(frozen=True)
class Layout:
    role: str
    columns: dict[str, str]  # raw table column -> published column name
    ts_formats: tuple[str, ...]  # accepted when the timestamp column is text


LAYOUTS: dict[str, Layout] = {
    "noaa": Layout(
        "noaa",
        {
            "mmsi": "MMSI",
            "ts": "BaseDateTime",
            "lat": "LAT",
            "lon": "LON",
            "sog": "SOG",
            "cog": "COG",
            "heading": "Heading",
            "vessel_name": "VesselName",
            "imo": "IMO",
            "call_sign": "CallSign",
            "vessel_type": "VesselType",
            "nav_status": "Status",
            "length": "Length",
            "width": "Width",
            "draft": "Draft",
            "cargo": "Cargo",
            "transceiver_class": "TransceiverClass",
        },
        # NOAA writes ISO 'T'; other exporters of the same column set (pandas, the benchmark
        # generator) write a space. Both are unambiguous, so both are accepted.
        ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"),
    ),
    "noaa2024": Layout(
        "noaa2024",
        {
            "mmsi": "mmsi",
            "ts": "base_date_time",
            "lon": "longitude",
            "lat": "latitude",
            "sog": "sog",
            "cog": "cog",
            "heading": "heading",
            "vessel_name": "vessel_name",
            "imo": "imo",
            "call_sign": "call_sign",
            "vessel_type": "vessel_type",
            "nav_status": "status",
            "length": "length",
            "width": "width",
            "draft": "draft",
            "cargo": "cargo",
            "transceiver_class": "transceiver",
        },
        ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"),
    ),
    "dma": Layout(
        "dma",
        {
            "ts": "# Timestamp",
            "transceiver_class": "Type of mobile",
            "mmsi": "MMSI",
            "lat": "Latitude",
            "lon": "Longitude",
            "nav_status": "Navigational status",
            "sog": "SOG",
            "cog": "COG",
            "heading": "Heading",
            "imo": "IMO",
            "call_sign": "Callsign",
            "vessel_name": "Name",
            "vessel_type": "Ship type",
            "cargo": "Cargo type",
            "width": "Width",
            "length": "Length",
            "draft": "Draught",
            "destination": "Destination",
        },
        # Day first: 01/06/2018 is the 1st of June. Never guessed from the data.
        ("%d/%m/%Y %H:%M:%S",),
    ),
}

# Publishers' own file names: AIS_2022_03_31.zip (NOAA), aisdk-2018-06-01.zip / aisdk_20180601.csv (DMA).
_PUBLISHER_NAME = re.compile(r"(?i)(?:^|[^a-z])(?:ais|aisdk)[-_](\d{4})[-_]?(\d{2})[-_]?(\d{2})(?!\d)")


def _norm(name: str) -> str:
    # DMA marks its header line as a comment ('# Timestamp'); some re-exports drop the '#'.
    return name.strip().lstrip("\ufeff").lstrip("#").strip().lower()


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".csv.gz"):
        return "csv.gz"
    for suffix in ("csv", "zip", "parquet"):
        if name.endswith("." + suffix):
            return suffix
    return None


# --------------------------------------------------------------------------------------- contract


def classify(path: Path) -> str | None:
    """The file's role ("noaa", "noaa2024" or "dma"), read from its header.

    Returns None for files that are not CSV, gzip, zip or Parquet. A file of one of those kinds
    whose columns match no known layout raises SourceFormatError listing the expected columns:
    in an AIS folder it is an error either way, and the list tells the user what to fix.
    """
    path = Path(path)
    kind = _kind(path)
    if kind is None:
        return None
    return _detect(path, _header(path, kind))


def publisher_as_of(path: Path, role: str) -> date | None:
    """The day in the publisher's own file name (AIS_2022_03_31, aisdk-2018-06-01), else None.

    The files carry no date besides their rows, and reading rows to date a snapshot would be a
    guess. File drops get the same date from landing's file-name rule; this matters for the live
    path, which dates fetched files only through this function (see fetch.py).
    """
    match = _PUBLISHER_NAME.search(Path(path).name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    unknown = set(paths_by_role) - set(LAYOUTS)
    if unknown:
        raise ValueError(f"ais: unknown file roles {sorted(unknown)}; expected {sorted(LAYOUTS)}")
    tables: list[pa.Table] = []
    quarantine: list[Quarantined] = []
    con = _connect()
    try:
        for role in sorted(paths_by_role):
            for path in paths_by_role[role]:
                table, bad = _parse_file(con, Path(path), role)
                tables.append(table)
                quarantine.extend(bad)
    finally:
        con.close()
    positions = pa.concat_tables(tables) if tables else POSITIONS_SCHEMA.empty_table()
    return ParsedSnapshot(tables={"positions": positions}, quarantine=quarantine)


# ------------------------------------------------------------------------------------ recognition


def _header(path: Path, kind: str) -> list[str]:
    try:
        if kind == "parquet":
            return list(pq.read_schema(path).names)
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(path, archive)
                with archive.open(member) as handle:
                    return _csv_header(path, handle.readline(1 << 16))
        opener = gzip.open if kind == "csv.gz" else open
        with opener(path, "rb") as handle:
            return _csv_header(path, handle.readline(1 << 16))
    except _BROKEN_ARCHIVE + (pa.ArrowInvalid,) as error:
        raise SourceFormatError(path, f"cannot read the file ({error.__class__.__name__}: {error})", "header") from error


# Damaged zip or gzip files; other OS errors are the machine's problem and propagate unchanged.
_BROKEN_ARCHIVE = (zipfile.BadZipFile, gzip.BadGzipFile, EOFError, zlib.error)


def _csv_header(path: Path, line: bytes) -> list[str]:
    if not line.strip():
        raise SourceFormatError(path, "empty file: expected a CSV header line", "header")
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFormatError(path, f"header line is not UTF-8 ({error})", "header") from error
    return next(csv.reader(io.StringIO(text.rstrip("\r\n"))))


def _zip_member(path: Path, archive: zipfile.ZipFile) -> str:
    # NOAA's daily zip holds one CSV; archive tools add folders and macOS metadata beside it.
    members = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not Path(info.filename).name.startswith(".")
    ]
    csvs = [m for m in members if m.lower().endswith(".csv")]
    if len(csvs) != 1 or len(members) != 1:
        raise SourceFormatError(
            path, f"expected exactly one CSV file inside the zip, found {members or 'none'}", None
        )
    return csvs[0]


def _detect(path: Path, names: list[str]) -> str:
    normalised = [_norm(n) for n in names]
    known = {_norm(c) for layout in LAYOUTS.values() for c in layout.columns.values()}
    # A repeated column that is read would leave the choice of value to chance.
    duplicates = sorted({n for n in normalised if n in known and normalised.count(n) > 1})
    if duplicates:
        raise SourceFormatError(path, f"header repeats columns {duplicates}", "header")
    present = set(normalised)
    matches = [
        layout.role for layout in LAYOUTS.values() if {_norm(c) for c in layout.columns.values()} <= present
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise SourceFormatError(path, f"header fits several AIS layouts {matches}; refusing to guess", "header")
    expected = "; ".join(f"{layout.role}: {', '.join(layout.columns.values())}" for layout in LAYOUTS.values())
    raise SourceFormatError(
        path,
        f"columns {names[:30]} match no known AIS layout. Expected (by name, any order) {expected}",
        "header",
    )


# ---------------------------------------------------------------------------------------- parsing


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    # Extensions would be downloaded at run time; everything here is core DuckDB.
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    # Row order is what gives each row its record number.
    con.execute("set preserve_insertion_order = true")
    con.execute("set enable_progress_bar = false")
    return con


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _parse_file(con: duckdb.DuckDBPyConnection, path: Path, role: str) -> tuple[pa.Table, list[Quarantined]]:
    kind = _kind(path)
    if kind is None:
        raise SourceFormatError(path, "not a CSV, .csv.gz, .zip or .parquet file", None)
    names = _header(path, kind)
    detected = _detect(path, names)
    if detected != role:
        raise SourceFormatError(path, f"landed as {role!r} but its header is the {detected!r} layout", "header")
    with tempfile.TemporaryDirectory(prefix="tumen-ais-") as scratch:
        try:
            relation, columns = _relation(con, path, kind, names, Path(scratch))
            sql = _select(path, LAYOUTS[role], relation, columns)
            table = con.sql(sql).to_arrow_table()
        except _BROKEN_ARCHIVE as error:
            raise SourceFormatError(path, f"broken archive ({error.__class__.__name__}: {error})", None) from error
        except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.IOException) as error:
            # Other IO errors (disk full, permissions) are the machine's fault, not the file's:
            # they must not get a sound snapshot rejected.
            if isinstance(error, duckdb.IOException) and "gzip" not in str(error).lower():
                raise
            raise _read_error(path, kind, error) from error
    return _split(path, table)


def _relation(
    con: duckdb.DuckDBPyConnection, path: Path, kind: str, names: list[str], scratch: Path
) -> tuple[str, list[tuple[str, str, str]]]:
    """A table expression over the file, and its columns as (published name, SQL reference, DuckDB type)."""
    source = path
    if any(char in str(path) for char in "*?[{"):
        # DuckDB expands glob characters in file paths; a link with a plain name reads just this file.
        source = scratch / ("input." + kind)
        source.symlink_to(path.resolve())
    if kind == "parquet":
        relation = f"read_parquet({_lit(str(source))})"
        described = con.sql(f"describe select * from {relation}").fetchall()
        return relation, [(name, _q(name), str(dtype)) for name, dtype, *_ in described]
    compression = "gzip" if kind == "csv.gz" else "none"
    if kind == "zip":
        # DuckDB reads no zip archives without an extension: the one CSV is streamed out to scratch.
        with zipfile.ZipFile(source) as archive, archive.open(_zip_member(path, archive)) as member:
            source = scratch / "member.csv"
            with open(source, "wb") as out:
                shutil.copyfileobj(member, out, 1 << 20)
    # Positional names (c0, c1, ...) keep header text out of SQL; the header line itself is
    # skipped, and every option is explicit so no sniffer guess (e.g. '#' as a comment) applies.
    spec = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(names))) + "}"
    relation = (
        f"read_csv({_lit(str(source))}, columns = {spec}, header = true, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', comment = '', skip = 0, strict_mode = true, "
        f"null_padding = false, ignore_errors = false, encoding = 'utf-8', compression = '{compression}')"
    )
    return relation, [(name, f"c{i}", "VARCHAR") for i, name in enumerate(names)]


def _select(path: Path, layout: Layout, relation: str, columns: list[tuple[str, str, str]]) -> str:
    # Every published column is first renamed r_0, r_1, ... so that no published name (Parquet's
    # 'mmsi', say) can collide with a raw-table column name in the later steps.
    by_name = {_norm(name): (f"r_{i}", dtype) for i, (name, _, dtype) in enumerate(columns)}
    renamed = ", ".join(f"{ref} as r_{i}" for i, (_, ref, _) in enumerate(columns))

    def src(target: str) -> tuple[str, str] | None:
        published = layout.columns.get(target)
        return by_name[_norm(published)] if published else None

    typed: list[str] = []
    checks: list[tuple[str, str]] = []  # (condition marking the row bad, reason expression)
    screens: list[str] = []  # cheap conditions true for every bad row (and a few blank ones)

    ref, dtype = src("mmsi")
    typed.append(f"{_mmsi(path, ref, dtype)} as mmsi")
    checks.append(("mmsi is null", f"'MMSI ' || {_shown(ref)} || ' is not an integer'"))
    screens.append("mmsi is null")

    ref, dtype = src("ts")
    typed.append(f"{_timestamp(path, ref, dtype, layout.ts_formats)} as ts")
    formats = " or ".join(layout.ts_formats).replace("'", "''")
    checks.append(("ts is null", f"'timestamp ' || {_shown(ref)} || ' does not match {formats}'"))
    screens.append("ts is null")

    for target in _NUMERIC:
        ref, dtype = src(target)
        typed.append(f"{_number(path, ref, dtype)} as {target}")
        if dtype == "VARCHAR":
            # A blank field is a missing value; text that is not a number is a broken row.
            checks.append(
                (
                    f"{target} is null and {ref} is not null and trim({ref}) <> ''",
                    f"'{target} ' || {_shown(ref)} || ' is not a number'",
                )
            )
            screens.append(f"({target} is null and {ref} is not null)")

    for target in _TEXT:
        found = src(target)
        if found is None:
            typed.append(f"cast(null as varchar) as {target}")
            continue
        expr = _text(*found)
        if layout.role == "dma" and target == "imo":
            expr = f"nullif({expr}, 'Unknown')"
        if layout.role == "dma" and target == "transceiver_class":
            expr = f"case {expr} when 'Class A' then 'A' when 'Class B' then 'B' else {expr} end"
        typed.append(f"{expr} as {target}")

    raw_refs = [f"r_{i}" for i in range(len(columns))]
    raw_text = " || ',' || ".join(f"coalesce(cast({ref} as varchar), '')" for ref in raw_refs)
    # DuckDB evaluates every operand of AND/OR in a projection but only the selected rows of a
    # CASE branch: the cheap screen keeps trim() off the millions of rows that are fine.
    bad = f"case when {' or '.join(screens)} then {' or '.join(f'({c})' for c, _ in checks)} else false end"
    reasons = ", ".join(f"case when {condition} then {reason} end" for condition, reason in checks)
    typed_names = [f.name for f in POSITIONS_SCHEMA if f.name not in ("source_format", "_file", "_record")]
    return f"""
        with raw as (
            select {renamed} from {relation}
        ), typed as (
            select {", ".join(typed)}, {", ".join(raw_refs)} from raw
        ), flagged as (
            select *, ({bad}) as _bad from typed
        )
        select {", ".join(typed_names)},
               {_lit(layout.role)} as source_format,
               {_lit(path.name)} as _file,
               _bad,
               case when _bad then concat_ws('; ', {reasons}) end as _reason,
               case when _bad then {raw_text} end as _raw
        from flagged
    """


def _shown(ref: str) -> str:
    return f"coalesce('''' || cast({ref} as varchar) || '''', 'missing')"


def _mmsi(path: Path, ref: str, dtype: str) -> str:
    if dtype == "VARCHAR":
        # Digits only: TRY_CAST alone would round '3677022.5' and accept '1e3' or '0x10'.
        return f"case when regexp_full_match({ref}, ' *[0-9]{{1,18}} *') then cast(trim({ref}) as bigint) end"
    if dtype in _INTEGER_TYPES:
        return f"cast({ref} as bigint)"
    if dtype in _FLOAT_TYPES:
        integral = f"isfinite({ref}) and {ref} = trunc({ref}) and abs({ref}) < 1e18"
        return f"case when {integral} then cast({ref} as bigint) end"
    raise SourceFormatError(path, f"MMSI column has type {dtype}; expected an integer or text", None)


def _timestamp(path: Path, ref: str, dtype: str, formats: tuple[str, ...]) -> str:
    if dtype == "VARCHAR":
        fmt = _lit(formats[0]) if len(formats) == 1 else "[" + ", ".join(_lit(f) for f in formats) + "]"
        return f"try_strptime({ref}, {fmt})"
    if dtype == "TIMESTAMP":
        return ref  # Parquet timestamps without a zone: AIS times are UTC
    if dtype in ("TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S"):
        return f"cast({ref} as timestamp)"
    if dtype == "TIMESTAMP WITH TIME ZONE":
        # The instant in UTC, without the ICU extension's time-zone machinery.
        return f"make_timestamp(epoch_us({ref}))"
    raise SourceFormatError(path, f"timestamp column has type {dtype}; expected a timestamp or text", None)


def _number(path: Path, ref: str, dtype: str) -> str:
    if dtype == "VARCHAR":
        return f"try_cast({ref} as double)"
    if dtype in _INTEGER_TYPES or dtype in _FLOAT_TYPES or dtype.startswith("DECIMAL"):
        return f"cast({ref} as double)"
    raise SourceFormatError(path, f"numeric column {ref} has type {dtype}; expected a number or text", None)


def _text(ref: str, dtype: str) -> str:
    if dtype == "VARCHAR":
        return f"nullif(trim({ref}), '')"
    if dtype in _FLOAT_TYPES:
        # Codes (status, vessel type, cargo) written as floats by dataframe tools: 31.0 -> '31'.
        return (
            f"case when not isfinite({ref}) then null "
            f"when {ref} = trunc({ref}) and abs({ref}) < 1e18 then cast(cast({ref} as bigint) as varchar) "
            f"else cast({ref} as varchar) end"
        )
    return f"nullif(trim(cast({ref} as varchar)), '')"


_INTEGER_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
    "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
}  # fmt: skip
_FLOAT_TYPES = {"FLOAT", "DOUBLE"}


def _read_error(path: Path, kind: str, error: duckdb.Error) -> SourceFormatError:
    message = str(error)
    summary = message.split("Possible fix")[0].split("Possible Solution")[0].strip()
    line = re.search(r"Line: (\d+)", message)
    # DuckDB counts file lines with the header as line 1; records count data rows.
    record = int(line[1]) - 1 if line else None
    what = "Parquet" if kind == "parquet" else "CSV"
    return SourceFormatError(path, f"cannot be read as {what}: {' '.join(summary.split())}", record)


def _split(path: Path, table: pa.Table) -> tuple[pa.Table, list[Quarantined]]:
    rows = table.num_rows
    records = pa.array(np.arange(1, rows + 1, dtype=np.int64))
    bad = table.column("_bad")
    bad_count = pc.sum(bad).as_py() or 0
    quarantine: list[Quarantined] = []
    if bad_count:
        bad_rows = table.select(["_reason", "_raw"]).append_column("_record", records).filter(bad)
        first = bad_rows.slice(0, 1).to_pylist()[0]
        if bad_count > MAX_BAD_SHARE * rows:
            raise SourceFormatError(
                path,
                f"{bad_count:,} of {rows:,} rows cannot be read (more than {MAX_BAD_SHARE:.0%}): the file is "
                f"probably not the layout its header claims. First: {first['_reason']}",
                first["_record"],
            )
        quarantine = [
            Quarantined(path.name, row["_record"], row["_reason"], row["_raw"]) for row in bad_rows.to_pylist()
        ]
    columns = []
    for field in POSITIONS_SCHEMA:
        if field.name == "_record":
            columns.append(records)
        elif field.name == "ts":
            columns.append(table.column("ts").cast(field.type))  # naive UTC wall time -> UTC instant
        else:
            columns.append(table.column(field.name))
    positions = pa.Table.from_arrays(columns, schema=POSITIONS_SCHEMA)
    if bad_count:
        positions = positions.filter(pc.invert(bad))
    return positions, quarantine
