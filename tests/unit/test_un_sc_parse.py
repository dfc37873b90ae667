"""UN Security Council consolidated list: parser, fetch and asset wiring.

Real-file facts come from ../shared/realdata/sanctions_un (read in place, never copied); the
invented fixtures in tests/fixtures/un_sc cover quirks and attacks the real file lacks.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from datetime import date, datetime, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pytest

from orchestration.defs.sources.un_sc import fetch as un_fetch
from orchestration.defs.sources.un_sc import parse
from orchestration.lib import raw_tables
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError, FetchPolicy
from orchestration.lib.landing import LandedFile, LandedSnapshot

REAL_NAME = "un_consolidated_2025-04-19.xml"
CORRUPTED_NAME = "un_consolidated_2025-08-16_CORRUPTED_ENCODING.xml"
NAME_COLUMNS = ("first_name", "second_name", "third_name", "fourth_name", "full_name", "name_original_script")


@pytest.fixture(scope="module")
def real_file(realdata: Path) -> Path:
    return realdata / "sanctions_un" / REAL_NAME


@pytest.fixture(scope="module")
def corrupted_file(realdata: Path) -> Path:
    return realdata / "sanctions_un" / CORRUPTED_NAME


@pytest.fixture(scope="module")
def real(real_file: Path) -> dict:
    return parse.parse_snapshot({parse.ROLE: [real_file]}).tables


@pytest.fixture(scope="module")
def small_file(fixtures: Path) -> Path:
    return fixtures / "un_sc" / "consolidated_small.xml"


@pytest.fixture(scope="module")
def small(small_file: Path) -> dict:
    return parse.parse_snapshot({parse.ROLE: [small_file]}).tables


def _rows(table, **equal) -> list[dict]:
    for column, value in equal.items():
        table = table.filter(pc.equal(table[column], value))
    return table.to_pylist()


def _edited(small_file: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = small_file.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    target = tmp_path / "consolidated.xml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


# ---------------------------------------------------------------- the real 2025-04-19 file


def test_real_file_is_recognised_and_dated(real_file: Path):
    assert parse.classify(real_file) == "consolidated"
    assert parse.publisher_as_of(real_file, "consolidated") == date(2025, 4, 19)


def test_real_tables_match_declared_schemas(real: dict):
    assert set(real) == set(parse.RAW_TABLES)
    for name, (schema, _description) in parse.RAW_TABLES.items():
        assert real[name].schema.equals(schema), name
        assert schema.names[-2:] == ["_file", "_record"]
        assert set(real[name]["_file"].to_pylist()) == {REAL_NAME}


def test_real_lists_row(real: dict):
    assert real["lists"].to_pylist() == [
        {
            "date_generated": datetime(2025, 4, 19, 23, 0, 4, 625000, tzinfo=timezone.utc),
            "individuals": 684,
            "entities": 193,
            "_file": REAL_NAME,
            "_record": 0,
        }
    ]


def test_real_dprk_counts(real: dict):
    dprk = _rows(real["parties"], un_list_type="DPRK")
    assert sum(p["party_type"] == "individual" for p in dprk) == 80
    assert sum(p["party_type"] == "entity" for p in dprk) == 75


def test_real_party_records_are_element_ordinals(real: dict):
    parties = real["parties"]
    assert parties.num_rows == 877
    assert parties["_record"].to_pylist() == list(range(1, 878))
    assert pc.count_distinct(parties["dataid"]).as_py() == 877


def test_real_dprk_reference_numbers_trimmed(real: dict):
    references = [p["reference_number"] for p in _rows(real["parties"], un_list_type="DPRK")]
    assert all(re.fullmatch(r"KP[ie]\.\d{3}", r) for r in references), references
    # Twelve entity references carry a trailing space in the file, KPe.023 among them.
    assert "KPe.023" in references


def test_real_individuals_and_entities_use_their_prefix(real: dict):
    for party in _rows(real["parties"], un_list_type="DPRK"):
        expected = "KPi." if party["party_type"] == "individual" else "KPe."
        assert party["reference_number"].startswith(expected)


def test_real_dates_of_birth_all_kinds(real: dict):
    dobs = real["dates_of_birth"]
    assert set(dobs["type_of_date"].to_pylist()) == {"EXACT", "APPROXIMATELY", "BETWEEN"}
    exact_dates = _rows(dobs, type_of_date="EXACT")
    assert any(r["date"] is not None for r in exact_dates)
    assert any(r["year"] is not None and r["date"] is None for r in exact_dates)
    assert any(r["year"] is not None for r in _rows(dobs, type_of_date="APPROXIMATELY"))
    between = _rows(dobs, type_of_date="BETWEEN")
    assert len(between) == 32
    assert all(r["from_year"] <= r["to_year"] and r["date"] is None for r in between)
    # The 26 <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></...> placeholders give no row.
    assert dobs.num_rows == 843
    for row in dobs.to_pylist():
        assert any(row[c] is not None for c in ("date", "year", "from_year", "note")), row


def test_real_dprk_individual_date_of_birth(real: dict):
    (party,) = _rows(real["parties"], reference_number="KPi.034")
    (born,) = _rows(real["dates_of_birth"], dataid=party["dataid"])
    assert (born["type_of_date"], born["date"]) == ("EXACT", date(1973, 9, 30))


def test_real_names_have_no_padding(real: dict):
    parties = real["parties"]
    for column in NAME_COLUMNS:
        for value in parties[column].to_pylist():
            assert value is None or (value == value.strip() and "  " not in value and value), (column, value)
    for value in real["aliases"]["alias_name"].to_pylist():
        assert value == value.strip() and "  " not in value, value
    assert pc.all(pc.greater(pc.utf8_length(parties["full_name"]), 0)).as_py()


def test_real_full_name_keeps_file_order(real: dict):
    (party,) = _rows(real["parties"], reference_number="KPi.034")
    assert (party["first_name"], party["second_name"], party["full_name"]) == ("JO", "YONG CHOL", "JO YONG CHOL")


def test_real_listed_on_with_zone_suffix_is_a_date(real: dict):
    # Ten LISTED_ON values read '2015-07-01-04:00' (an xs:date with a zone).
    listed = real["parties"]["listed_on"]
    assert listed.null_count == 0
    assert pc.sum(pc.equal(listed, date(2015, 7, 1))).as_py() >= 6


def test_real_quoted_alias_is_unquoted(real: dict):
    (komid,) = _rows(real["parties"], reference_number="KPe.001")
    aliases = [a["alias_name"] for a in _rows(real["aliases"], dataid=komid["dataid"])]
    assert "KOMID" in aliases
    assert not any(a.startswith('"') and a.endswith('"') for a in real["aliases"]["alias_name"].to_pylist())


def test_real_placeholders_skipped(real: dict):
    assert real["aliases"].num_rows == 2704
    assert real["addresses"].num_rows == 765
    assert real["places_of_birth"].num_rows == 626
    assert real["documents"].num_rows == 445
    for name in ("addresses", "places_of_birth", "documents"):
        table = real[name]
        values = [c for c in table.schema.names if c not in ("dataid", "_file", "_record")]
        for row in table.select(values).to_pylist():
            assert any(v is not None for v in row.values()), (name, row)


def test_real_comments_are_single_line(real: dict):
    comments = [c for c in real["parties"]["comments"].to_pylist() if c]
    assert comments and not any("\n" in c or "  " in c for c in comments)


def test_real_parse_time_is_small(real_file: Path):
    started = time.perf_counter()
    parse.parse_snapshot({parse.ROLE: [real_file]})
    assert time.perf_counter() - started < 5


def test_real_tables_load_into_duckdb(real: dict, real_file: Path, tmp_path: Path):
    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    snapshot = LandedSnapshot(
        source=parse.SOURCE,
        as_of=date(2025, 4, 19),
        as_of_basis="file name",
        folder=real_file.parent,
        files=[LandedFile(REAL_NAME, parse.ROLE, "0" * 64, 1, str(real_file), "2025-04-20T00:00:00+00:00")],
        dataset="own",
    )
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        raw_tables.ensure_tables(con, parse.SOURCE, schemas)
        counts = raw_tables.replace_snapshot(con, snapshot, raw_tables.ParsedSnapshot(real), schemas)
        assert counts["parties"] == 877
        dprk = con.execute(
            "select party_type, count(*) from raw_un_sc.parties where un_list_type = 'DPRK' group by 1 order by 1"
        ).fetchall()
        assert dprk == [("entity", 75), ("individual", 80)]
    finally:
        con.close()


# ---------------------------------------------------------------- the damaged 2025-08-16 copy


def test_corrupted_file_still_classifies_and_dates(corrupted_file: Path):
    # Its first bytes are sound, so it is recognised and refused with a precise reason at parse.
    assert parse.classify(corrupted_file) == "consolidated"
    assert parse.publisher_as_of(corrupted_file, "consolidated") == date(2025, 8, 16)


def test_corrupted_file_is_refused_with_position(corrupted_file: Path):
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({parse.ROLE: [corrupted_file]})
    message = str(caught.value)
    assert CORRUPTED_NAME in message
    assert re.search(r"line \d+, column \d+ \(byte offset \d+\)", message), message
    assert "line 53, column 11" in message
    assert "not well-formed XML" in message and "encoding" in message


# ---------------------------------------------------------------- hostile and foreign files


def test_billion_laughs_is_refused_without_expansion(fixtures: Path):
    bomb = fixtures / "un_sc" / "billion_laughs.xml"
    started = time.perf_counter()
    assert parse.classify(bomb) == "consolidated"
    assert parse.publisher_as_of(bomb, "consolidated") is None
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({parse.ROLE: [bomb]})
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert "billion_laughs.xml" in message and "DTD" in message
    assert "lol" * 10 not in message


def test_external_entity_is_refused_unread(fixtures: Path):
    xxe = fixtures / "un_sc" / "external_entity.xml"
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({parse.ROLE: [xxe]})
    assert "external_entity.xml" in str(caught.value) and "DTD" in str(caught.value)
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(caught.value)


def test_other_root_is_not_classified_and_refused(fixtures: Path):
    other = fixtures / "un_sc" / "other_root.xml"
    assert parse.classify(other) is None
    with pytest.raises(SourceFormatError, match=r"root element is <sdnList>, not <CONSOLIDATED_LIST>"):
        parse.parse_snapshot({parse.ROLE: [other]})


def test_non_xml_files_are_not_classified(tmp_path: Path):
    csv = tmp_path / "sdn.csv"
    csv.write_text('36,"AEROCARIBBEAN AIRLINES",-0- \n', encoding="utf-8")
    fake = tmp_path / "page.xml"
    fake.write_text("<html><body>Service unavailable</body></html>", encoding="utf-8")
    broken = tmp_path / "garbage.xml"
    broken.write_bytes(b"\x00\x01 not xml")
    assert parse.classify(csv) is None
    assert parse.classify(fake) is None
    assert parse.classify(broken) is None


def test_truncated_file_is_refused(small_file: Path, tmp_path: Path):
    cut = tmp_path / "consolidated.xml"
    cut.write_bytes(small_file.read_bytes()[:3000])
    assert parse.classify(cut) == "consolidated"
    with pytest.raises(SourceFormatError, match=r"consolidated\.xml: not well-formed XML at line \d+.*cut short"):
        parse.parse_snapshot({parse.ROLE: [cut]})


# ---------------------------------------------------------------- quirks, on the invented fixture


def test_small_fixture_parties(small: dict):
    parties = {p["reference_number"]: p for p in small["parties"].to_pylist()}
    assert list(parties) == ["KPi.901", "KPi.902", "LYi.901", "KPe.901", "KPe.902"]
    ryang = parties["KPi.901"]
    assert ryang["first_name"] == "RYANG" and ryang["second_name"] == "SU-IL"
    assert ryang["full_name"] == "RYANG SU-IL"
    assert ryang["comments"] == (
        "Invented fixture person. Represents an example trading office abroad and arranges example shipments."
    )
    assert ryang["designation"] == ["Representative of an example trading corporation"]
    assert ryang["nationality"] == ["Democratic People's Republic of Korea"]
    assert ryang["title"] == ["Example Title"]
    assert ryang["last_day_updated"] == [date(2018, 1, 2), date(2020, 3, 4)]
    assert (ryang["gender"], ryang["versionnum"], ryang["name_original_script"]) == ("Male", 2, "량수일")
    pak = parties["KPi.902"]
    assert pak["full_name"] == "PAK EXAMPLE CHOL" and pak["third_name"] is None
    assert pak["listed_on"] == date(2016, 3, 2)
    assert pak["comments"] is None and pak["last_day_updated"] == []
    entity = parties["KPe.901"]
    assert entity["party_type"] == "entity"
    assert entity["full_name"] == "TUMEN RIVER EXAMPLE TRADING CORPORATION"
    assert [p["_record"] for p in parties.values()] == [1, 2, 3, 4, 5]
    assert small["lists"].to_pylist()[0]["individuals"] == 3
    assert small["lists"].to_pylist()[0]["entities"] == 2


def test_small_fixture_children(small: dict):
    aliases = [(a["dataid"], a["quality"], a["alias_name"]) for a in small["aliases"].to_pylist()]
    assert aliases == [
        (9900101, "Good", "Ryang Su Il"),
        (9900102, "Low", "Pak Ex Chol"),
        (9900201, "a.k.a.", "TRETCO"),
        (9900201, "a.k.a.", 'Example "Tumen" Traders'),
        (9900202, "f.k.a.", "EXAMPLE SHIPPING COMPANY"),
    ]
    (alias_born,) = _rows(small["aliases"], dataid=9900102)
    assert alias_born["date_of_birth"] == "1961"
    dobs = [(d["dataid"], d["type_of_date"], d["date"], d["year"], d["from_year"], d["to_year"], d["note"])
            for d in small["dates_of_birth"].to_pylist()]
    assert dobs == [
        (9900101, "EXACT", date(1970, 1, 15), None, None, None, None),
        (9900101, "APPROXIMATELY", None, 1971, None, None, None),
        (9900102, "BETWEEN", None, None, 1960, 1965, None),
        (9900102, "EXACT", None, None, None, None, "March 1962"),
    ]
    assert [(a["dataid"], a["city"]) for a in small["addresses"].to_pylist()] == [
        (9900201, "Pyongyang"),
        (9900202, "Nampo"),
    ]
    (place,) = small["places_of_birth"].to_pylist()
    assert (place["street"], place["city"], place["_record"]) == ("Example ward", "Chongjin", 2)
    (document,) = small["documents"].to_pylist()
    assert (document["number"], document["date_of_issue"]) == ("000000001", date(2015, 6, 7))


def test_small_fixture_date_generated(small_file: Path, small: dict):
    assert parse.publisher_as_of(small_file, "consolidated") == date(2031, 2, 3)
    assert parse.publisher_as_of(small_file, "something else") is None
    assert small["lists"]["date_generated"].to_pylist() == [
        datetime(2031, 2, 3, 23, 0, 1, 250000, tzinfo=timezone.utc)
    ]


# ---------------------------------------------------------------- records that cannot be read


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("<REFERENCE_NUMBER>KPi.902</REFERENCE_NUMBER>", "<REFERENCE_NUMBER> </REFERENCE_NUMBER>",
         r"record 2: INDIVIDUAL with DATAID 9900102: has no REFERENCE_NUMBER"),
        ("<REFERENCE_NUMBER>KPe.902</REFERENCE_NUMBER>", "",
         r"record 5: ENTITY with DATAID 9900202: has no REFERENCE_NUMBER"),
        ("<LISTED_ON>2018-03-30</LISTED_ON>", "<LISTED_ON>30/03/2018</LISTED_ON>",
         r"DATAID 9900202: LISTED_ON '30/03/2018' is not a date"),
        ("<LISTED_ON>2018-03-30</LISTED_ON>", "<LISTED_ON>2018-02-30</LISTED_ON>",
         r"DATAID 9900202: LISTED_ON '2018-02-30' is not a date"),
        ("<LISTED_ON>2018-03-30</LISTED_ON>", "",
         r"DATAID 9900202: has no LISTED_ON date"),
        ("<DATAID>9900202</DATAID>", "<DATAID>9900201</DATAID>",
         r"DATAID 9900201 appears twice \(records 4 and 5\)"),
        ("<DATAID>9900202</DATAID>", "<DATAID>99OO202</DATAID>",
         r"record 5: ENTITY: DATAID '99OO202' is not a whole number"),
        ("<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>", "<TYPE_OF_DATE>BEFORE</TYPE_OF_DATE>",
         r"DATAID 9900102: TYPE_OF_DATE 'BEFORE' is none of"),
        ("<VERSIONNUM>2</VERSIONNUM>", "<VERSIONNUM>99999999999999999999</VERSIONNUM>",
         r"DATAID 9900101: VERSIONNUM '99999999999999999999' is not a whole number"),
        ("<YEAR>1971</YEAR>", "<YEAR>c. 1971</YEAR>",
         r"DATAID 9900101: DATE_OF_BIRTH/YEAR 'c. 1971' is not a whole number"),
        ("<REFERENCE_NUMBER>KPi.902</REFERENCE_NUMBER>",
         "<REFERENCE_NUMBER>KPi.902</REFERENCE_NUMBER><REFERENCE_NUMBER>KPi.999</REFERENCE_NUMBER>",
         r"DATAID 9900102: <INDIVIDUAL> has 2 <REFERENCE_NUMBER> elements"),
        ("dateGenerated='2031-02-03T23:00:01.250Z'", "dateGenerated='2031-02-03T23:00:01'",
         r"dateGenerated '2031-02-03T23:00:01' on CONSOLIDATED_LIST has no time zone"),
        ("<ENTITIES>", "<ENTITIEZ>", r"has no <ENTITIES> element"),
    ],
)
def test_unreadable_records_refuse_the_file(small_file: Path, tmp_path: Path, old: str, new: str, expected: str):
    if old == "<ENTITIES>":
        target = _edited(small_file, tmp_path, "</ENTITIES>", "</ENTITIEZ>")
        target = _edited(target, tmp_path, old, new)
    else:
        target = _edited(small_file, tmp_path, old, new)
    with pytest.raises(SourceFormatError, match=expected) as caught:
        parse.parse_snapshot({parse.ROLE: [target]})
    assert str(target) in str(caught.value)


def test_empty_list_is_refused(tmp_path: Path):
    empty = tmp_path / "consolidated.xml"
    empty.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2031-02-03T23:00:01Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>',
        encoding="utf-8",
    )
    with pytest.raises(SourceFormatError, match="no INDIVIDUAL or ENTITY elements"):
        parse.parse_snapshot({parse.ROLE: [empty]})


def test_snapshot_needs_exactly_one_consolidated_file(small_file: Path, tmp_path: Path):
    twin = tmp_path / "consolidated_copy.xml"
    twin.write_bytes(small_file.read_bytes())
    with pytest.raises(SourceFormatError, match=r"exactly one consolidated list XML; found 2"):
        parse.parse_snapshot({parse.ROLE: [small_file, twin]})
    with pytest.raises(SourceFormatError, match=r"found 0"):
        parse.parse_snapshot({})
    with pytest.raises(SourceFormatError, match=r"not UN consolidated-list roles"):
        parse.parse_snapshot({parse.ROLE: [small_file], "sdn": [twin]})


# ---------------------------------------------------------------- live fetch, over loopback only


@pytest.fixture()
def loopback(fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An HTTP server on 127.0.0.1 serving the fixture folder plus one non-XML page."""
    for proxy in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(un_fetch.URL_ENV, raising=False)
    served = tmp_path / "served"
    served.mkdir()
    (served / "consolidated.xml").write_bytes((fixtures / "un_sc" / "consolidated_small.xml").read_bytes())
    (served / "maintenance.xml").write_text("<html><body>Down for maintenance</body></html>", encoding="utf-8")

    class QuietHandler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


FAST = FetchPolicy(timeout_seconds=5, retries=0, backoff_factor=0)


def test_fetch_downloads_from_given_url(loopback: str, small_file: Path, tmp_path: Path):
    dest = tmp_path / "incoming"
    (item,) = un_fetch.fetch(dest, url=f"{loopback}/consolidated.xml", policy=FAST)
    assert item.role == "consolidated" and item.origin == f"{loopback}/consolidated.xml"
    assert item.path == dest / "consolidated.xml"
    assert item.path.read_bytes() == small_file.read_bytes()
    assert item.fetched_at and item.last_modified
    assert parse.publisher_as_of(item.path, item.role) == date(2031, 2, 3)


def test_fetch_reads_url_from_environment_at_call_time(
    loopback: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("TUMEN_UN_SC_URL", f"{loopback}/consolidated.xml")
    (item,) = un_fetch.fetch(tmp_path / "incoming", policy=FAST)
    assert item.origin == f"{loopback}/consolidated.xml"
    assert parse.parse_snapshot({item.role: [item.path]}).tables["parties"].num_rows == 5


def test_fetch_refuses_a_page_that_is_not_the_list(loopback: str, tmp_path: Path):
    dest = tmp_path / "incoming"
    with pytest.raises(FetchError, match="not the UN consolidated list XML"):
        un_fetch.fetch(dest, url=f"{loopback}/maintenance.xml", policy=FAST)
    assert not (dest / "consolidated.xml").exists()


def test_fetch_reports_http_errors(loopback: str, tmp_path: Path):
    with pytest.raises(FetchError, match="HTTP 404"):
        un_fetch.fetch(tmp_path / "incoming", url=f"{loopback}/missing.xml", policy=FAST)


def test_default_url_is_the_un_publication():
    assert un_fetch.URL == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"


# ---------------------------------------------------------------- Dagster wiring


def test_assets_build_one_key_per_raw_table():
    from orchestration.defs.sources.un_sc.assets import un_sc_raw_tables

    keys = {key.to_user_string() for key in un_sc_raw_tables.keys}
    assert keys == {f"raw_un_sc/{name}" for name in parse.RAW_TABLES}
