"""AIS parser: the three real publisher samples, hand-written fixtures for the other inputs, and
the live fetch against a loopback HTTP server."""

from __future__ import annotations

import csv
import gzip
import http.server
import shutil
import threading
import zipfile
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from orchestration.defs.sources.ais import fetch, parse
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError

UTC = timezone.utc


def _parse(path: Path):
    role = parse.classify(path)
    snapshot = parse.parse_snapshot({role: [path]})
    return role, snapshot.tables["positions"], snapshot.quarantine


def _data_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _by_record(table: pa.Table) -> dict[int, dict]:
    return {row["_record"]: row for row in table.to_pylist()}


@pytest.fixture
def ais_fixtures(fixtures: Path) -> Path:
    return fixtures / "ais"


# ------------------------------------------------------------------------------- real files


def test_noaa_classic_real_sample(realdata: Path):
    path = realdata / "ais" / "noaa_marinecadastre_2022-03-31_sample.csv"
    role, table, quarantine = _parse(path)
    assert role == "noaa"
    assert table.schema == parse.POSITIONS_SCHEMA
    published = _data_rows(path)
    assert table.num_rows == len(published) == 9
    assert quarantine == []
    rows = _by_record(table)
    reliance = next(r for r in rows.values() if r["vessel_name"] == "RELIANCE II")
    assert reliance["_record"] == 2
    assert reliance["mmsi"] == 671226100
    assert reliance["lat"] == pytest.approx(25.77626)
    assert reliance["lon"] == pytest.approx(-80.20320)
    assert reliance["heading"] == 511.0  # "not available" sentinel kept for staging
    assert reliance["imo"] == "IMO9221322"
    assert reliance["ts"] == datetime(2022, 3, 31, 0, 0, 1, tzinfo=UTC)
    assert reliance["nav_status"] == "0" and reliance["vessel_type"] == "79" and reliance["cargo"] == "70"
    assert reliance["transceiver_class"] == "A" and reliance["source_format"] == "noaa"
    assert reliance["destination"] is None
    assert reliance["_file"] == path.name
    cool_kat = rows[4]
    assert cool_kat["vessel_name"] == "COOL KAT"
    assert cool_kat["imo"] == "IMO0000000"  # as published: staging decides it means "none"
    assert cool_kat["call_sign"] is None and cool_kat["nav_status"] is None and cool_kat["draft"] is None
    assert cool_kat["cog"] == 360.0 and cool_kat["transceiver_class"] == "B"
    assert rows[1]["imo"] is None  # empty field -> null
    # Record numbers follow the file: every published MMSI sits at its own data-row number.
    assert [rows[i + 1]["mmsi"] for i in range(len(published))] == [int(r["MMSI"]) for r in published]


def test_noaa_2024_real_sample_maps_columns_by_name(realdata: Path):
    path = realdata / "ais" / "noaa_marinecadastre_2024-01-01_sample_newschema.csv"
    role, table, quarantine = _parse(path)
    assert role == "noaa2024"
    published = _data_rows(path)
    assert table.num_rows == len(published) == 10
    assert quarantine == []
    rows = _by_record(table)
    first = rows[1]
    # longitude comes before latitude in this layout: values must not be swapped
    assert first["lat"] == pytest.approx(43.65322)
    assert first["lon"] == pytest.approx(-70.25298)
    assert first["ts"] == datetime(2024, 1, 1, 0, 0, 3, tzinfo=UTC)
    assert first["heading"] is None
    assert first["vessel_name"] == "PILOT BOAT SPRING PT"
    assert first["transceiver_class"] == "A" and first["source_format"] == "noaa2024"
    for record, row in enumerate(published, start=1):
        assert rows[record]["lat"] == pytest.approx(float(row["latitude"]))
        assert rows[record]["lon"] == pytest.approx(float(row["longitude"]))
        assert rows[record]["mmsi"] == int(row["mmsi"])
    assert rows[2]["imo"] == "IMO7938024" and rows[2]["nav_status"] is None


def test_dma_real_sample(realdata: Path):
    path = realdata / "ais" / "dma_aisdk_2018-06-01_sample.csv"
    role, table, quarantine = _parse(path)
    assert role == "dma"
    published = _data_rows(path)
    assert table.num_rows == len(published) == 138
    assert quarantine == []
    rows = _by_record(table)
    assert {r["ts"] for r in rows.values()} == {datetime(2018, 6, 1, 0, 0, 0, tzinfo=UTC)}  # 01/06 is 1 June
    first = rows[1]
    assert first["mmsi"] == 215810000
    assert first["lat"] == pytest.approx(55.921028) and first["lon"] == pytest.approx(17.320418)
    assert first["nav_status"] == "Constrained by her draught"
    assert first["imo"] is None  # 'Unknown'
    assert first["draft"] is None and first["destination"] is None  # published as a single space
    assert first["transceiver_class"] == "A" and first["source_format"] == "dma"
    unknown_position = [r for r in rows.values() if r["lat"] == 91.0]
    assert unknown_position and all(r["lon"] == 181.0 for r in unknown_position)
    published_unknown = [i for i, r in enumerate(published, start=1) if r["Latitude"] == "91.000000"]
    assert sorted(r["_record"] for r in unknown_position) == published_unknown
    astina = next(r for r in rows.values() if r["vessel_name"] == "ASTINA")
    assert astina["imo"] == "9320063" and astina["call_sign"] == "SHZA"
    assert astina["vessel_type"] == "Tanker" and astina["cargo"] == "Category X"
    assert astina["destination"] == "FREDERICIA" and astina["draft"] == 5.9
    assert astina["length"] == 130.0 and astina["width"] == 20.0
    classes = {r["transceiver_class"] for r in rows.values()}
    assert {"A", "B", "Base Station", "AtoN"} <= classes
    assert [rows[i + 1]["mmsi"] for i in range(len(published))] == [int(r["MMSI"]) for r in published]


def test_publisher_date_in_file_names():
    assert parse.publisher_as_of(Path("AIS_2022_03_31.zip"), "noaa") == date(2022, 3, 31)
    assert parse.publisher_as_of(Path("aisdk-2018-06-01.csv"), "dma") == date(2018, 6, 1)
    assert parse.publisher_as_of(Path("aisdk_20180601.zip"), "dma") == date(2018, 6, 1)
    assert parse.publisher_as_of(Path("positions.csv"), "noaa") is None


# ------------------------------------------------------------------- hand-written fixtures


def test_invented_fixtures_keep_sentinels_and_trim(ais_fixtures: Path):
    role, table, quarantine = _parse(ais_fixtures / "noaa_classic_invented.csv")
    assert role == "noaa" and table.num_rows == 5 and quarantine == []
    rows = _by_record(table)
    assert rows[1]["vessel_name"] == "CHON MA SAN"  # trailing space trimmed
    assert (rows[4]["lat"], rows[4]["lon"], rows[4]["sog"], rows[4]["heading"]) == (91.0, 181.0, 102.3, 511.0)
    assert rows[5]["vessel_name"] == "LIAONING, NO 7"  # quoted comma

    role, table, _ = _parse(ais_fixtures / "noaa2024_invented.csv")
    assert role == "noaa2024"
    rows = _by_record(table)
    assert (rows[1]["lat"], rows[1]["lon"]) == (42.24312, 129.58810)

    role, table, quarantine = _parse(ais_fixtures / "dma_invented.csv")
    assert role == "dma" and quarantine == []
    rows = _by_record(table)
    assert rows[1]["ts"] == datetime(2019, 7, 13, 8, 30, tzinfo=UTC)
    assert rows[1]["imo"] == "9111222" and rows[1]["destination"] == "AARHUS"
    assert rows[2]["vessel_type"] == "Undefined" and rows[2]["transceiver_class"] == "B"


def test_gzip_and_zip_inputs(ais_fixtures: Path, tmp_path: Path):
    source = ais_fixtures / "noaa_classic_invented.csv"
    _, expected, _ = _parse(source)

    gz = tmp_path / "AIS_2021_11_02.csv.gz"
    with open(source, "rb") as raw, gzip.open(gz, "wb") as packed:
        shutil.copyfileobj(raw, packed)
    # NOAA's daily zip: one CSV inside, named like the archive
    zipped = tmp_path / "AIS_2021_11_03.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, "AIS_2021_11_03.csv")

    for path in (gz, zipped):
        role, table, quarantine = _parse(path)
        assert role == "noaa" and quarantine == []
        assert table.drop_columns(["_file"]).equals(expected.drop_columns(["_file"]))
        assert set(table.column("_file").to_pylist()) == {path.name}

    snapshot = parse.parse_snapshot({"noaa": [gz, zipped]})  # several files of one role
    assert snapshot.tables["positions"].num_rows == 2 * expected.num_rows


def test_zip_with_two_csvs_is_refused(ais_fixtures: Path, tmp_path: Path):
    zipped = tmp_path / "AIS_2021_11_03.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(ais_fixtures / "noaa_classic_invented.csv", "a.csv")
        archive.write(ais_fixtures / "noaa_classic_invented.csv", "b.csv")
    with pytest.raises(SourceFormatError, match="exactly one CSV"):
        parse.classify(zipped)


@pytest.mark.parametrize("layout", ["noaa", "noaa2024"])
def test_parquet_input_with_typed_columns(tmp_path: Path, layout: str):
    names = parse.LAYOUTS[layout].columns
    typed = {
        names["mmsi"]: pa.array([445123001, 273999001], pa.int64()),
        names["ts"]: pa.array([datetime(2021, 11, 2, 3, 15), datetime(2021, 11, 2, 4, 0, 5)], pa.timestamp("ns")),
        names["lat"]: pa.array([38.7201, 91.0]),
        names["lon"]: pa.array([125.21034, 181.0]),
        names["sog"]: pa.array([0.0, 102.3]),
        names["cog"]: pa.array([360.0, 12.5]),
        names["heading"]: pa.array([511.0, None]),
        names["vessel_name"]: pa.array([" CHON MA SAN ", None]),
        names["imo"]: pa.array(["IMO8660313", ""]),
        names["call_sign"]: pa.array(["HMYF", None]),
        names["vessel_type"]: pa.array([80.0, None]),  # a dataframe tool's float code
        names["nav_status"]: pa.array([1, 15], pa.int32()),
        names["length"]: pa.array([120, None], pa.int32()),
        names["width"]: pa.array([18.0, None]),
        names["draft"]: pa.array([7.5, None]),
        names["cargo"]: pa.array(["80", None]),
        names["transceiver_class"]: pa.array(["A", "B"]),
    }
    path = tmp_path / "generated_2021-11-02.parquet"
    pq.write_table(pa.table(typed), path)
    role, table, quarantine = _parse(path)
    assert role == layout and quarantine == []
    assert table.schema == parse.POSITIONS_SCHEMA
    rows = _by_record(table)
    assert rows[1]["ts"] == datetime(2021, 11, 2, 3, 15, tzinfo=UTC)
    assert (rows[1]["lat"], rows[1]["lon"]) == (38.7201, 125.21034)
    assert rows[1]["vessel_name"] == "CHON MA SAN" and rows[1]["vessel_type"] == "80"
    assert rows[1]["nav_status"] == "1" and rows[1]["length"] == 120.0
    assert rows[2]["imo"] is None and rows[2]["lat"] == 91.0 and rows[2]["sog"] == 102.3
    assert rows[2]["source_format"] == layout and rows[2]["_file"] == path.name


def test_parquet_text_columns_use_the_text_rules(ais_fixtures: Path, tmp_path: Path):
    as_text = {name: pa.string() for name in parse.LAYOUTS["noaa"].columns.values()}
    text = pacsv.read_csv(
        ais_fixtures / "noaa_some_bad_rows.csv", convert_options=pacsv.ConvertOptions(column_types=as_text)
    )
    path = tmp_path / "positions.parquet"
    pq.write_table(text, path)
    _, table, quarantine = _parse(path)
    assert table.num_rows == 27
    assert [q.record for q in quarantine] == [4, 9, 17]


def test_unknown_header_names_the_expected_columns(ais_fixtures: Path):
    with pytest.raises(SourceFormatError) as raised:
        parse.classify(ais_fixtures / "unknown_header.csv")
    message = str(raised.value)
    assert "unknown_header.csv" in message
    assert "ship_id" in message
    assert "BaseDateTime" in message and "base_date_time" in message and "# Timestamp" in message
    assert parse.classify(Path("README.txt")) is None  # not a kind of file AIS comes in


def test_file_whose_role_does_not_match_its_header(ais_fixtures: Path):
    with pytest.raises(SourceFormatError, match="'dma' layout"):
        parse.parse_snapshot({"noaa": [ais_fixtures / "dma_invented.csv"]})


def test_bad_rows_are_quarantined_with_record_numbers(ais_fixtures: Path):
    path = ais_fixtures / "noaa_some_bad_rows.csv"
    role, table, quarantine = _parse(path)
    assert role == "noaa"
    assert table.num_rows == 27
    assert 4 not in table.column("_record").to_pylist()
    by_record = {q.record: q for q in quarantine}
    assert sorted(by_record) == [4, 9, 17]
    assert all(q.file == path.name for q in quarantine)
    assert by_record[4].reason == "MMSI '44512300X' is not an integer"
    assert by_record[4].raw.startswith("44512300X,2021-11-02T05:04:00,38.70400,")
    assert "timestamp '2021-02-30T05:09:00'" in by_record[9].reason
    assert by_record[17].reason == "lat 'N38.717' is not a number"
    assert table.column("_record").to_pylist() == [r for r in range(1, 31) if r not in (4, 9, 17)]


def test_mostly_garbage_file_is_refused(ais_fixtures: Path):
    path = ais_fixtures / "noaa_mostly_garbage.csv"
    with pytest.raises(SourceFormatError) as raised:
        _parse(path)
    error = raised.value
    assert error.file.endswith("noaa_mostly_garbage.csv")
    assert error.record == 2
    assert "3 of 4 rows" in error.reason and "MMSI '2021-11-02T03:15:00'" in error.reason


def test_ragged_csv_is_a_format_error(tmp_path: Path, ais_fixtures: Path):
    lines = (ais_fixtures / "noaa_classic_invented.csv").read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 2)[0]  # a row cut short
    path = tmp_path / "AIS_2021_11_02.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SourceFormatError) as raised:
        _parse(path)
    assert raised.value.record == 3
    assert "Expected Number of Columns" in raised.value.reason


def test_header_only_file_gives_an_empty_table(tmp_path: Path, ais_fixtures: Path):
    path = tmp_path / "AIS_2021_11_02.csv"
    path.write_text((ais_fixtures / "noaa2024_invented.csv").read_text().splitlines()[0] + "\n")
    role, table, quarantine = _parse(path)
    assert role == "noaa2024" and table.num_rows == 0 and quarantine == []
    assert table.schema == parse.POSITIONS_SCHEMA


# --------------------------------------------------------------------------------- fetch


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def noaa_server(tmp_path: Path, ais_fixtures: Path):
    root = tmp_path / "server"
    (root / "2021").mkdir(parents=True)
    with zipfile.ZipFile(root / "2021" / "AIS_2021_11_02.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(ais_fixtures / "noaa_classic_invented.csv", "AIS_2021_11_02.csv")
    (root / "2021" / "AIS_2021_11_04.zip").write_text("<html>maintenance</html>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def test_fetch_downloads_daily_zips_and_skips_unpublished_days(noaa_server, tmp_path: Path):
    base = noaa_server
    dest = tmp_path / "incoming"
    files = fetch.fetch(dest, days=[date(2021, 11, 2), date(2021, 11, 3)], base_url=base)
    assert len(files) == 1
    item = files[0]
    assert item.role == "noaa"
    assert item.path == dest / "AIS_2021_11_02.zip"
    assert item.origin == f"{base}/2021/AIS_2021_11_02.zip"
    assert item.fetched_at and item.last_modified
    assert parse.publisher_as_of(item.path, item.role) == date(2021, 11, 2)
    assert parse.parse_snapshot({item.role: [item.path]}).tables["positions"].num_rows == 5


def test_fetch_reads_base_url_from_environment_at_call_time(noaa_server, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(fetch.BASE_URL_ENV, noaa_server)
    files = fetch.fetch(tmp_path / "incoming", days=[date(2021, 11, 2)])
    assert [f.path.name for f in files] == ["AIS_2021_11_02.zip"]


def test_fetch_refuses_a_file_that_is_not_a_zip(noaa_server, tmp_path: Path):
    with pytest.raises(SourceFormatError, match="AIS_2021_11_04.zip"):
        fetch.fetch(tmp_path / "incoming", days=[date(2021, 11, 4)], base_url=noaa_server)


def test_fetch_defaults_to_yesterday(monkeypatch, tmp_path: Path):
    requested: list[str] = []

    def fake_download(url, dest, role, **kwargs):
        requested.append(url)
        raise FetchError(f"{url}: HTTP 403 Forbidden: no")

    monkeypatch.setattr(fetch, "download", fake_download)
    monkeypatch.delenv(fetch.BASE_URL_ENV, raising=False)
    with pytest.raises(FetchError, match="403"):
        fetch.fetch(tmp_path)
    yesterday = date.fromordinal(datetime.now(UTC).date().toordinal() - 1)
    assert requested == [fetch.daily_url(fetch.DEFAULT_BASE_URL, yesterday)]
    assert requested[0].startswith("https://coast.noaa.gov/htdata/CMSP/AISDataHandler/")
