"""UN Comtrade parser: the real legacy extract and hand-written v1 fixtures (trade records and the
data-availability answer). The live client is tested in test_comtrade_fetch.py."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from orchestration.defs.sources.comtrade import parse
from orchestration.lib import raw_tables
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.landing import LandedSnapshot

V1_NAMES = [name for name, _ in parse.V1_FIELDS]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def comtrade_fixtures(fixtures: Path) -> Path:
    return fixtures / "comtrade"


def records(paths_by_role: dict[str, list[Path]]):
    snapshot = parse.parse_snapshot(paths_by_role)
    table = snapshot.tables["records"]
    assert table.schema == parse.RECORDS_SCHEMA
    return table.to_pylist(), snapshot.quarantine


def legacy_row(**values) -> list[str]:
    """One legacy row: China's annual imports from the DPRK of a made-up SITC line, unless overridden."""
    row = dict.fromkeys(parse.LEGACY_HEADER, "")
    row.update(
        {
            "Classification": "S4", "Year": "2016", "Period": "2016", "Period Desc.": "2016",
            "Aggregate Level": "2", "Is Leaf Code": "0", "Trade Flow Code": "1", "Trade Flow": "Import",
            "Reporter Code": "156", "Reporter": "China", "Reporter ISO": "CHN", "Partner Code": "408",
            "Partner": "Dem. People's Rep. of Korea", "Partner ISO": "PRK", "Commodity Code": "32",
            "Commodity": "Coal, coke and briquettes", "Qty Unit Code": "1", "Qty Unit": "No Quantity",
            "Trade Value (US$)": "1180000000", "Flag": "0",
        }
    )  # fmt: skip
    row.update(values)
    return [row[name] for name in parse.LEGACY_HEADER]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = False, newline="\r\n") -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8", newline="")
    return path


def api_record(**values) -> dict:
    base = json.loads((Path(__file__).parents[1] / "fixtures/comtrade/api_china_prk_monthly.json").read_text())
    record = base["data"][0]
    record.update(values)
    return record


def write_envelope(path: Path, data, **extra) -> Path:
    count = len(data) if isinstance(data, list) else 0
    payload = {"elapsedTime": "0.1 secs", "count": count, "data": data, "error": ""}
    payload.update(extra)
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The real legacy extract (China vs five partners, SITC Rev. 4, 2010-2014)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def legacy_file(realdata: Path) -> Path:
    return realdata / "trade" / "comtrade_legacy_SITC4_china_vs_5partners_2010-2014.csv"


@pytest.fixture(scope="module")
def legacy_parsed(legacy_file: Path):
    return records({"legacy_csv": [legacy_file]})


def test_real_legacy_is_recognised(legacy_file: Path):
    assert parse.classify(legacy_file) == "legacy_csv"
    assert parse.publisher_as_of(legacy_file, "legacy_csv") is None


def test_real_legacy_every_data_line_is_a_record(legacy_file: Path, legacy_parsed):
    rows, quarantine = legacy_parsed
    data_lines = [line for line in legacy_file.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    assert len(rows) == len(data_lines) == 3184
    assert quarantine == []
    numbers = [r["_record"] for r in rows]
    assert numbers == list(range(2, len(data_lines) + 2))
    assert {r["_file"] for r in rows} == {legacy_file.name}
    assert {r["source_layout"] for r in rows} == {"legacy_csv"}


def test_real_legacy_content(legacy_parsed):
    rows, _ = legacy_parsed
    assert {(r["reporterCode"], r["reporterISO"], r["reporterDesc"]) for r in rows} == {(156, "CHN", "China")}
    assert {r["partnerCode"] for r in rows} == {276, 344, 392, 410, 842}
    assert {r["partnerISO"] for r in rows} == {"DEU", "HKG", "JPN", "KOR", "USA"}
    assert {r["refYear"] for r in rows} == {2010, 2011, 2012, 2013, 2014}
    assert {r["classificationCode"] for r in rows} == {"S4"}
    assert {r["typeCode"] for r in rows} == {"C"}
    assert {(r["flowCode"], r["flowDesc"]) for r in rows} == {("M", "Import"), ("X", "Export")}
    # Annual rows take the v1 conventions: refMonth 52, refPeriodId = 1 January of the year.
    assert {r["freqCode"] for r in rows} == {"A"}
    assert {r["refMonth"] for r in rows} == {52}
    assert all(r["refPeriodId"] == r["refYear"] * 10000 + 101 for r in rows)
    assert all(r["period"] == str(r["refYear"]) for r in rows)
    assert all(isinstance(r["primaryValue"], float) and r["primaryValue"] > 0 for r in rows)


def test_real_legacy_keeps_leading_zeros(legacy_parsed):
    rows, _ = legacy_parsed
    codes = {r["cmdCode"] for r in rows}
    assert "00" in codes and "01" in codes
    assert all(len(code) == 2 for code in codes)
    first = rows[0]
    assert first["cmdCode"] == "00"
    assert first["cmdDesc"] == "Live animals other than animals of division 03"
    assert first["primaryValue"] == 2062530.0


def test_real_legacy_empty_fields_are_null(legacy_parsed):
    rows, _ = legacy_parsed
    for column in ("partner2Code", "partner2ISO", "customsCode", "motCode", "qty", "altQtyUnitCode",
                   "netWgt", "grossWgt", "cifvalue", "fobvalue"):  # fmt: skip
        assert {r[column] for r in rows} == {None}, column
    # Columns the legacy layout does not have at all are null too.
    for column in ("classificationSearchCode", "isOriginalClassification", "mosCode", "isReported", "isAggregate"):
        assert {r[column] for r in rows} == {None}, column
    assert {(r["qtyUnitCode"], r["qtyUnitAbbr"]) for r in rows} == {(1, "No Quantity")}
    assert {r["isLeaf"] for r in rows} == {False}
    assert {r["aggrLevel"] for r in rows} == {2}
    assert {r["legacyEstimationFlag"] for r in rows} == {0}


def test_real_baci_codes_are_not_comtrade(realdata: Path):
    baci = realdata / "trade" / "baci_country_codes_V202201.csv"
    raw = baci.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].split(b"\n", 1)[0].startswith(b"country_code,")
    assert parse.classify(baci) is None


# --------------------------------------------------------------------------------------------
# v1 API JSON
# --------------------------------------------------------------------------------------------


def test_api_json_monthly_dprk_response(comtrade_fixtures: Path):
    path = comtrade_fixtures / "api_china_prk_monthly.json"
    assert parse.classify(path) == "api_json"
    rows, quarantine = records({"api_json": [path]})
    assert quarantine == []
    assert len(rows) == 5
    assert [r["_record"] for r in rows] == [1, 2, 3, 4, 5]
    assert {r["partnerCode"] for r in rows} == {408}
    assert {r["partnerISO"] for r in rows} == {"PRK"}
    assert {(r["freqCode"], r["period"], r["refYear"], r["refMonth"], r["refPeriodId"]) for r in rows} == {
        ("M", "202303", 2023, 3, 20230301)
    }
    assert {r["source_layout"] for r in rows} == {"api_json"}
    by_code = {(r["flowCode"], r["cmdCode"]): r for r in rows}
    assert set(by_code) == {("M", "TOTAL"), ("X", "TOTAL"), ("M", "030617"), ("X", "110100"), ("RX", "870323")}
    total = by_code[("X", "TOTAL")]
    assert total["aggrLevel"] == 0 and total["isLeaf"] is False and total["qty"] is None
    assert total["fobvalue"] == total["primaryValue"] == 142207915.0 and total["cifvalue"] is None
    shrimp = by_code[("M", "030617")]
    assert shrimp["aggrLevel"] == 6 and shrimp["isLeaf"] is True
    assert (shrimp["qtyUnitAbbr"], shrimp["qty"], shrimp["netWgt"]) == ("kg", 5120.0, 5120.0)
    flour = by_code[("X", "110100")]
    assert flour["isQtyEstimated"] is True and flour["legacyEstimationFlag"] == 4
    assert (flour["customsCode"], flour["motCode"], flour["mosCode"]) == ("C00", 0, "0")
    assert (flour["partner2Code"], flour["partner2ISO"]) == (0, "W00")


def test_api_json_gateway_401_is_refused_with_publisher_text(comtrade_fixtures: Path):
    path = comtrade_fixtures / "api_error_401.json"
    assert parse.classify(path) == "api_json"
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"api_json": [path]})
    assert caught.value.file.endswith("api_error_401.json")
    assert "401" in caught.value.reason
    assert "invalid subscription key" in caught.value.reason


def test_api_json_error_envelope_is_refused(comtrade_fixtures: Path):
    path = comtrade_fixtures / "api_error_envelope.json"
    assert parse.classify(path) == "api_json"
    with pytest.raises(SourceFormatError, match="period 202313 is not a valid monthly period") as caught:
        parse.parse_snapshot({"api_json": [path]})
    assert caught.value.file.endswith("api_error_envelope.json")


def test_api_json_empty_answer_is_zero_rows(tmp_path: Path):
    path = write_envelope(tmp_path / "empty.json", [])
    assert parse.classify(path) == "api_json"
    rows, quarantine = records({"api_json": [path]})
    assert rows == [] and quarantine == []


def test_api_json_bad_values_are_quarantined(tmp_path: Path):
    data = [
        api_record(),
        api_record(primaryValue="abc"),
        api_record(cmdCode=10121, classificationCode="H6"),  # a number: its leading zero may be gone
        api_record(refMonth=3.5),
        api_record(primaryValue="12.5", isReported=1),  # text and 0/1 that still read unambiguously
    ]
    path = write_envelope(tmp_path / "bad.json", data)
    rows, quarantine = records({"api_json": [path]})
    assert [r["_record"] for r in rows] == [1, 5]
    assert rows[1]["primaryValue"] == 12.5 and rows[1]["isReported"] is True
    by_record = {q.record: q for q in quarantine}
    assert set(by_record) == {2, 3, 4}
    assert "primaryValue 'abc' is not a number" in by_record[2].reason
    assert by_record[3].reason == "cmdCode '10121' is not text (as a number it may have lost a leading zero)"
    assert "refMonth" in by_record[4].reason
    assert all(q.file == "bad.json" for q in quarantine)
    assert json.loads(by_record[2].raw)["primaryValue"] == "abc"


def test_api_json_unknown_field_is_refused(tmp_path: Path):
    path = write_envelope(tmp_path / "new_field.json", [api_record(), {**api_record(), "isNewField": True}])
    with pytest.raises(SourceFormatError, match="isNewField") as caught:
        parse.parse_snapshot({"api_json": [path]})
    assert caught.value.record == 2


def test_api_json_count_mismatch_is_refused(tmp_path: Path):
    path = write_envelope(tmp_path / "short.json", [api_record()], count=250000)
    with pytest.raises(SourceFormatError, match="count 250000"):
        parse.parse_snapshot({"api_json": [path]})


def test_api_json_that_is_not_json_is_refused(tmp_path: Path):
    path = tmp_path / "cut.json"
    path.write_text('{"elapsedTime": "1 secs", "count": 1, "data": [{"typeCode": "C"', encoding="utf-8")
    assert parse.classify(path) == "api_json"
    with pytest.raises(SourceFormatError, match="not valid UTF-8 JSON"):
        parse.parse_snapshot({"api_json": [path]})


# --------------------------------------------------------------------------------------------
# v1 CSV
# --------------------------------------------------------------------------------------------


def test_v1_csv_with_bom(comtrade_fixtures: Path):
    path = comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert parse.classify(path) == "v1_csv"
    rows, quarantine = records({"v1_csv": [path]})
    assert quarantine == []
    assert [r["_record"] for r in rows] == [2, 3, 4]
    # The BOM is not part of the first column's name: typeCode is read, not left null.
    assert {r["typeCode"] for r in rows} == {"C"}
    assert {(r["reporterCode"], r["partnerCode"], r["freqCode"], r["refMonth"]) for r in rows} == {(344, 408, "A", 52)}
    assert [r["cmdCode"] for r in rows] == ["TOTAL", "040210", "851712"]
    assert [r["flowCode"] for r in rows] == ["X", "X", "RX"]
    assert [r["isLeaf"] for r in rows] == [False, True, True]
    assert [r["isReported"] for r in rows] == [True, True, False]
    assert rows[1]["primaryValue"] == 48210.5 and rows[1]["cifvalue"] is None
    assert rows[2]["netWgt"] is None and rows[2]["qty"] == 340.0
    assert {r["source_layout"] for r in rows} == {"v1_csv"}


def test_v1_csv_non_numeric_value_is_quarantined(comtrade_fixtures: Path):
    path = comtrade_fixtures / "v1_russia_prk_bad_value.csv"
    rows, quarantine = records({"v1_csv": [path]})
    assert [r["_record"] for r in rows] == [2, 4]
    assert [r["primaryValue"] for r in rows] == [41200.0, 1650.0]
    assert len(quarantine) == 1
    bad = quarantine[0]
    assert (bad.file, bad.record) == (path.name, 3)
    assert "primaryValue 'abc' is not a number" in bad.reason
    assert "271019" in bad.raw


def test_v1_csv_lost_leading_zero_is_quarantined(tmp_path: Path, comtrade_fixtures: Path):
    source = (comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "resaved.csv"
    path.write_text(source.replace(",040210,", ",40210,"), encoding="utf-8")
    rows, quarantine = records({"v1_csv": [path]})
    assert [r["cmdCode"] for r in rows] == ["TOTAL", "851712"]
    assert [(q.record, "leading zero" in q.reason) for q in quarantine] == [(3, True)]


def test_v1_csv_unknown_or_missing_columns_are_refused(tmp_path: Path):
    extra = write_csv(tmp_path / "extra.csv", V1_NAMES + ["isNewField"], [])
    assert parse.classify(extra) == "v1_csv"
    with pytest.raises(SourceFormatError, match="isNewField") as caught:
        parse.parse_snapshot({"v1_csv": [extra]})
    assert caught.value.record == 1
    twice = write_csv(tmp_path / "twice.csv", V1_NAMES + ["cmdCode"], [])
    with pytest.raises(SourceFormatError, match="repeats"):
        parse.parse_snapshot({"v1_csv": [twice]})


def test_v1_csv_padding_trimmed_and_text_booleans(tmp_path: Path):
    values = dict.fromkeys(V1_NAMES, "")
    values.update(
        typeCode="C", freqCode="M", period="201712", refYear=" 2017 ", refMonth="12", reporterCode="643",
        flowCode="X", partnerCode="408", cmdCode=" 2710 ", classificationCode="H5", primaryValue=" 1.5e3 ",
        isLeaf="TRUE", isReported="0", reporterDesc="  Russian Federation  ",
    )  # fmt: skip
    path = write_csv(tmp_path / "padded.csv", V1_NAMES, [[values[n] for n in V1_NAMES]], newline="\n")
    rows, quarantine = records({"v1_csv": [path]})
    assert quarantine == []
    (row,) = rows
    assert (row["refYear"], row["cmdCode"], row["primaryValue"]) == (2017, "2710", 1500.0)
    assert (row["isLeaf"], row["isReported"], row["reporterDesc"]) == (True, False, "Russian Federation")
    assert row["qty"] is None and row["mosCode"] is None


# --------------------------------------------------------------------------------------------
# Legacy CSV: header checks, derived v1 fields, awkward lines
# --------------------------------------------------------------------------------------------


def test_legacy_header_with_wrong_column_count_is_refused(tmp_path: Path):
    path = write_csv(tmp_path / "short_header.csv", parse.LEGACY_HEADER[:-1], [legacy_row()[:-1]])
    assert parse.classify(path) == "legacy_csv"
    with pytest.raises(SourceFormatError, match="34 columns, expected 35") as caught:
        parse.parse_snapshot({"legacy_csv": [path]})
    assert caught.value.file == str(path) and caught.value.record == 1


def test_legacy_header_with_wrong_name_is_refused(tmp_path: Path):
    header = ["Trade Value (USD)" if n == "Trade Value (US$)" else n for n in parse.LEGACY_HEADER]
    path = write_csv(tmp_path / "renamed.csv", header, [legacy_row()])
    with pytest.raises(SourceFormatError, match=r"column 32 is 'Trade Value \(USD\)'"):
        parse.parse_snapshot({"legacy_csv": [path]})


def test_legacy_monthly_flows_and_bad_rows(tmp_path: Path):
    rows_in = [
        legacy_row(),
        legacy_row(
            **{"Period": "201603", "Period Desc.": "March 2016", "Trade Flow Code": "3", "Trade Flow": "Re-Export"}
        ),
        legacy_row(**{"Trade Flow Code": "4", "Trade Flow": "Re-Import"}),
        legacy_row(**{"Trade Flow Code": "9", "Trade Flow": "Unknown"}),
        legacy_row(**{"Period": "201713"}),
        legacy_row(**{"Period": "201705"}),  # Year says 2016
        legacy_row(**{"Trade Value (US$)": "n/a"}),
        legacy_row(**{"Classification": "H4", "Commodity Code": "270112"}),
    ]
    path = write_csv(tmp_path / "legacy.csv", parse.LEGACY_HEADER, rows_in)
    rows, quarantine = records({"legacy_csv": [path]})
    assert [r["_record"] for r in rows] == [2, 3, 4, 9]
    annual, monthly, reimport, hs = rows
    assert (annual["freqCode"], annual["refMonth"], annual["refPeriodId"]) == ("A", 52, 20160101)
    assert (monthly["freqCode"], monthly["period"], monthly["refMonth"], monthly["refPeriodId"]) == (
        "M", "201603", 3, 20160301,
    )
    assert (monthly["flowCode"], monthly["flowDesc"]) == ("RX", "Re-Export")
    assert reimport["flowCode"] == "RM"
    assert (hs["classificationCode"], hs["cmdCode"]) == ("H4", "270112")
    reasons = {q.record: q.reason for q in quarantine}
    assert set(reasons) == {5, 6, 7, 8}
    assert "Trade Flow Code '9'" in reasons[5]
    assert "Period '201713' is not YYYY or YYYYMM" in reasons[6]
    assert "does not fall in the row's Year" in reasons[7]
    assert "primaryValue 'n/a' is not a number" in reasons[8]


def test_legacy_line_numbers_survive_blank_lines_quoted_breaks_and_short_rows(tmp_path: Path):
    def line(fields: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(fields)
        return out.getvalue()

    header = line(parse.LEGACY_HEADER)
    good = line(legacy_row())
    broken_description = line(legacy_row(Commodity="Coal,\ncoke"))
    short = line(legacy_row()[:20])
    text = "\r\n".join([header, good, "", broken_description, short, good]) + "\r\n"
    path = tmp_path / "awkward.csv"
    path.write_text(text, encoding="utf-8", newline="")
    rows, quarantine = records({"legacy_csv": [path]})
    # Line 2 good, line 3 blank, lines 4-5 one quoted record, line 6 short, line 7 good.
    assert [r["_record"] for r in rows] == [2, 4, 7]
    assert rows[1]["cmdDesc"] == "Coal,\ncoke"
    assert [(q.record, q.reason) for q in quarantine] == [(6, "20 fields where the header has 35")]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_legacy_line_numbers_with_blank_lines_only(tmp_path: Path, newline: str):
    path = write_csv(tmp_path / "gaps.csv", parse.LEGACY_HEADER, [legacy_row(), [], legacy_row()], newline=newline)
    path.write_bytes(path.read_bytes() + newline.encode() * 2)
    rows, quarantine = records({"legacy_csv": [path]})
    assert [r["_record"] for r in rows] == [2, 4]
    assert quarantine == []


def test_legacy_file_not_utf8_is_refused(tmp_path: Path):
    path = write_csv(tmp_path / "latin1.csv", parse.LEGACY_HEADER, [legacy_row(Partner="Côte d'Ivoire")])
    path.write_bytes(path.read_bytes().replace("ô".encode("utf-8"), "ô".encode("latin-1")))
    with pytest.raises(SourceFormatError, match="UTF-8"):
        parse.parse_snapshot({"legacy_csv": [path]})


# --------------------------------------------------------------------------------------------
# Recognition, compression, the parse_snapshot contract
# --------------------------------------------------------------------------------------------


def test_compressed_inputs_are_read_by_content(tmp_path: Path, comtrade_fixtures: Path):
    json_source = comtrade_fixtures / "api_china_prk_monthly.json"
    gz = tmp_path / "response.json.gz"
    gz.write_bytes(gzip.compress(json_source.read_bytes()))
    csv_source = comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv"
    zipped = tmp_path / "TradeData.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(csv_source, "TradeData_1_1_2024.csv")
    disguised = tmp_path / "download.bin"
    shutil.copyfile(csv_source, disguised)
    assert parse.classify(gz) == "api_json"
    assert parse.classify(zipped) == "v1_csv"
    assert parse.classify(disguised) == "v1_csv"
    rows, _ = records({"api_json": [gz], "v1_csv": [zipped, disguised]})
    assert len(rows) == 5 + 3 + 3
    assert {r["_file"] for r in rows} == {"response.json.gz", "TradeData.zip", "download.bin"}


def test_zip_with_several_files_is_refused(tmp_path: Path, comtrade_fixtures: Path):
    zipped = tmp_path / "two.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv", "a.csv")
        archive.write(comtrade_fixtures / "v1_russia_prk_bad_value.csv", "b.csv")
    with pytest.raises(SourceFormatError, match="exactly one"):
        parse.classify(zipped)


def test_other_files_are_not_claimed(tmp_path: Path):
    (tmp_path / "other.json").write_text('{"results": [{"id": 1}]}', encoding="utf-8")
    (tmp_path / "other.csv").write_text("id,name\n1,x\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_bytes(b"")
    for name in ("other.json", "other.csv", "empty.csv"):
        assert parse.classify(tmp_path / name) is None, name


def test_role_must_match_content(comtrade_fixtures: Path):
    with pytest.raises(SourceFormatError, match="landed as 'legacy_csv'"):
        parse.parse_snapshot({"legacy_csv": [comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv"]})
    with pytest.raises(SourceFormatError, match="unknown comtrade file role"):
        parse.parse_snapshot({"bulk_tsv": [comtrade_fixtures / "v1_hongkong_prk_annual_bom.csv"]})


def test_snapshot_mixes_layouts_and_loads_into_duckdb(tmp_path: Path, comtrade_fixtures: Path, legacy_file: Path):
    snapshot = parse.parse_snapshot(
        {
            "api_json": [comtrade_fixtures / "api_china_prk_monthly.json"],
            "v1_csv": [comtrade_fixtures / "v1_russia_prk_bad_value.csv"],
            "legacy_csv": [legacy_file],
            "availability": [comtrade_fixtures / "api_availability_china_monthly.json"],
        }
    )
    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    landed = LandedSnapshot("comtrade", date(2026, 1, 31), "test", tmp_path, [], "own")
    con = duckdb.connect()
    raw_tables.ensure_tables(con, parse.SOURCE, schemas)
    counts = raw_tables.replace_snapshot(con, landed, snapshot, schemas)
    assert counts == {"records": 5 + 2 + 3184, "releases": 3}
    by_layout = dict(
        con.execute("select source_layout, count(*) from raw_comtrade.records group by 1").fetchall()
    )
    assert by_layout == {"api_json": 5, "v1_csv": 2, "legacy_csv": 3184}
    assert con.execute("select count(*) from raw_meta.quarantine where source = 'comtrade'").fetchone()[0] == 1
    leading = con.execute("select cmdCode from raw_comtrade.records where _record = 2 and source_layout = 'legacy_csv'")
    assert leading.fetchone()[0] == "00"
    released = con.execute(
        "select period, typeof(lastReleased), lastReleased from raw_comtrade.releases order by period"
    ).fetchall()
    assert [(p, t) for p, t, _ in released] == [
        ("202301", "TIMESTAMP WITH TIME ZONE"), ("202302", "TIMESTAMP WITH TIME ZONE"), ("202303", "TIMESTAMP WITH TIME ZONE")
    ]  # fmt: skip
    assert released[2][2] == datetime(2024, 1, 9, 16, 40, 2, tzinfo=timezone.utc)


def test_empty_snapshot_has_the_schema():
    snapshot = parse.parse_snapshot({})
    assert snapshot.tables["records"].num_rows == 0
    assert snapshot.tables["records"].schema == parse.RECORDS_SCHEMA
    assert isinstance(snapshot.tables["records"], pa.Table)
    assert snapshot.tables["releases"].num_rows == 0
    assert snapshot.tables["releases"].schema == parse.RELEASES_SCHEMA


# --------------------------------------------------------------------------------------------
# Data availability (getDa): the releases table
# --------------------------------------------------------------------------------------------


def write_availability(path: Path, rows: list[dict], **extra) -> Path:
    payload = {"elapsedTime": "0.05 secs", "count": len(rows), "data": rows, "error": ""}
    payload.update(extra)
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def availability_row(comtrade_fixtures: Path, **values) -> dict:
    base = json.loads((comtrade_fixtures / "api_availability_china_monthly.json").read_text(encoding="utf-8"))
    row = base["data"][0]
    row.update(values)
    return row


def test_releases_table_contract():
    names = parse.RELEASES_SCHEMA.names
    assert names[:8] == [
        "reporterCode", "period", "freqCode", "classificationCode", "totalRecords", "firstReleased",
        "lastReleased", "datasetChecksum",
    ]  # fmt: skip
    assert names[-2:] == ["_file", "_record"]
    types = dict(zip(names, parse.RELEASES_SCHEMA.types))
    assert types["reporterCode"] == types["totalRecords"] == pa.int64()
    assert types["firstReleased"] == types["lastReleased"] == pa.timestamp("us", tz="UTC")
    assert list(parse.RAW_TABLES) == ["records", "releases"]  # records first: the quarantine watch reads it


def test_availability_answer_is_recognised_and_parsed(comtrade_fixtures: Path):
    path = comtrade_fixtures / "api_availability_china_monthly.json"
    assert parse.classify(path) == "availability"
    assert parse.publisher_as_of(path, "availability") is None  # release dates are not the snapshot date
    snapshot = parse.parse_snapshot({"availability": [path]})
    assert snapshot.quarantine == []
    assert snapshot.tables["records"].num_rows == 0
    table = snapshot.tables["releases"]
    assert table.schema == parse.RELEASES_SCHEMA
    rows = table.to_pylist()
    assert [r["_record"] for r in rows] == [1, 2, 3]
    assert {r["_file"] for r in rows} == {path.name}
    first, second, third = rows
    assert (first["reporterCode"], first["period"], first["freqCode"], first["classificationCode"]) == (
        156, "202301", "M", "H6",
    )
    assert first["totalRecords"] == 281544
    # a release time without a zone is read as UTC; fractional seconds kept
    assert first["firstReleased"] == datetime(2023, 3, 21, tzinfo=timezone.utc)
    assert first["lastReleased"] == datetime(2023, 9, 14, 8, 12, 33, 117000, tzinfo=timezone.utc)
    assert third["lastReleased"] == datetime(2024, 1, 9, 16, 40, 2, tzinfo=timezone.utc)
    # codes and checksums given as JSON numbers are kept as their text
    assert (first["datasetChecksum"], second["datasetChecksum"]) == ("1934187745", "-402117388")
    assert first["datasetCode"] == "1562023010006"
    assert (third["classificationCode"], third["isOriginalClassification"]) == ("H5", False)


def test_availability_bad_values_are_quarantined(tmp_path: Path, comtrade_fixtures: Path):
    rows = [
        availability_row(comtrade_fixtures),
        availability_row(comtrade_fixtures, lastReleased="14/09/2023"),
        availability_row(comtrade_fixtures, totalRecords="many", period="2023013"),
        availability_row(comtrade_fixtures, period=2023, freqCode="A", firstReleased="2024-07-01", lastReleased=None),
        availability_row(comtrade_fixtures, lastReleased="2023-09-14T10:12:33+02:00", isOriginalClassification="True"),
    ]
    path = write_availability(tmp_path / "da.json", rows)
    snapshot = parse.parse_snapshot({"availability": [path]})
    kept = snapshot.tables["releases"].to_pylist()
    assert [r["_record"] for r in kept] == [1, 4, 5]
    assert (kept[1]["period"], kept[1]["firstReleased"], kept[1]["lastReleased"]) == (
        "2023", datetime(2024, 7, 1, tzinfo=timezone.utc), None,
    )
    assert kept[2]["lastReleased"] == datetime(2023, 9, 14, 8, 12, 33, tzinfo=timezone.utc)
    assert kept[2]["isOriginalClassification"] is True
    reasons = {q.record: q.reason for q in snapshot.quarantine}
    assert set(reasons) == {2, 3}
    assert "lastReleased '14/09/2023' is not an ISO 8601 date-time" in reasons[2]
    assert "totalRecords \"many\" is not an integer" in reasons[3]
    assert "period '2023013' is not YYYY or YYYYMM" in reasons[3]
    assert json.loads(snapshot.quarantine[0].raw)["lastReleased"] == "14/09/2023"


def test_availability_unknown_field_or_error_is_refused(tmp_path: Path, comtrade_fixtures: Path):
    changed = write_availability(tmp_path / "new.json", [availability_row(comtrade_fixtures, isExtendedQtyCode=True)])
    with pytest.raises(SourceFormatError, match="isExtendedQtyCode") as caught:
        parse.parse_snapshot({"availability": [changed]})
    assert caught.value.record == 1
    short = write_availability(tmp_path / "short.json", [availability_row(comtrade_fixtures)], count=7)
    with pytest.raises(SourceFormatError, match="count 7"):
        parse.parse_snapshot({"availability": [short]})
    unauthorised = comtrade_fixtures / "api_error_401.json"
    with pytest.raises(SourceFormatError, match="landed as 'availability'"):
        parse.parse_snapshot({"availability": [unauthorised]})


def test_empty_availability_answer_reads_under_either_role(tmp_path: Path):
    path = write_availability(tmp_path / "none.json", [])
    assert parse.classify(path) == "api_json"  # nothing in it tells the two apart
    snapshot = parse.parse_snapshot({"availability": [path]})
    assert snapshot.tables["releases"].num_rows == 0 and snapshot.tables["records"].num_rows == 0
    with pytest.raises(SourceFormatError, match="landed as 'availability'"):
        # a data answer with records is not an availability answer
        parse.parse_snapshot({"availability": [write_envelope(tmp_path / "data.json", [api_record()])]})


def test_trade_records_are_not_taken_for_availability(comtrade_fixtures: Path):
    assert parse.classify(comtrade_fixtures / "api_china_prk_monthly.json") == "api_json"
    with pytest.raises(SourceFormatError, match="landed as 'api_json' but its content reads as 'availability'"):
        parse.parse_snapshot({"api_json": [comtrade_fixtures / "api_availability_china_monthly.json"]})
