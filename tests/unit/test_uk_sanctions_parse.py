"""UK sanctions lists (FCDO UK Sanctions List, legacy OFSI ConList): parser, fetch and asset wiring.

The real 2020 ConList excerpt is read in place from ../shared/realdata/sanctions_uk (never copied).
The FCDO XML/CSV fixtures in tests/fixtures/uk_sanctions are invented records laid out as the
public parsers named in the source README read the real files.
"""

from __future__ import annotations

import csv
import functools
import io
import threading
from collections import Counter
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pytest

from orchestration.defs.sources.uk_sanctions import fetch as uk_fetch
from orchestration.defs.sources.uk_sanctions import parse
from orchestration.lib import raw_tables
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError, FetchPolicy
from orchestration.lib.landing import LandedFile, LandedSnapshot

REAL_NAME = "ofsi_conlist_excerpt_2020-03.csv"
DPRK_REGIME = "North Korea (Democratic People's Republic of Korea)"
XML_NAME = "uk_sanctions_list_small.xml"
CSV_NAME = "uk_sanctions_list_small.csv"
CONLIST_2022_NAME = "conlist_2022_small.csv"


@pytest.fixture(scope="module")
def real_file(realdata: Path) -> Path:
    return realdata / "sanctions_uk" / REAL_NAME


@pytest.fixture(scope="module")
def real(real_file: Path) -> dict:
    parsed = parse.parse_snapshot({"ofsi_conlist": [real_file]})
    assert parsed.quarantine == []
    return parsed.tables


@pytest.fixture(scope="module")
def real_rows(real_file: Path) -> list[list[str]]:
    """The excerpt's data rows read independently of the parser (plain csv, Windows-1252)."""
    rows = list(csv.reader(io.StringIO(real_file.read_bytes().decode("cp1252"), newline="")))
    return rows[1:]


@pytest.fixture(scope="module")
def uk_fixtures(fixtures: Path) -> Path:
    return fixtures / "uk_sanctions"


@pytest.fixture(scope="module")
def xml_tables(uk_fixtures: Path) -> dict:
    return parse.parse_snapshot({"fcdo_xml": [uk_fixtures / XML_NAME]}).tables


@pytest.fixture(scope="module")
def csv_tables(uk_fixtures: Path) -> dict:
    return parse.parse_snapshot({"fcdo_csv": [uk_fixtures / CSV_NAME]}).tables


@pytest.fixture(scope="module")
def conlist_2022(uk_fixtures: Path) -> dict:
    return parse.parse_snapshot({"ofsi_conlist": [uk_fixtures / CONLIST_2022_NAME]}).tables


def _rows(table, **equal) -> list[dict]:
    for column, value in equal.items():
        table = table.filter(pc.equal(table[column], value))
    return table.to_pylist()


def _one(table, **equal) -> dict:
    (row,) = _rows(table, **equal)
    return row


def _edited(source: Path, target: Path, old: str, new: str, encoding: str = "utf-8") -> Path:
    text = source.read_bytes().decode(encoding)
    assert old in text, f"fixture no longer contains {old!r}"
    target.write_bytes(text.replace(old, new, 1).encode(encoding))
    return target


# ---------------------------------------------------------------- the real 2020 ConList excerpt


def test_real_excerpt_is_recognised_and_carries_no_date(real_file: Path):
    assert parse.classify(real_file) == "ofsi_conlist"
    # The excerpt starts at its header: no 'Last Updated,dd/mm/yyyy' line to date it.
    assert parse.publisher_as_of(real_file, "ofsi_conlist") is None


def test_real_tables_match_declared_schemas(real: dict):
    assert set(real) == set(parse.RAW_TABLES)
    for name, (schema, _description) in parse.RAW_TABLES.items():
        assert real[name].schema.equals(schema), name
        assert schema.names[-2:] == ["_file", "_record"]
        assert set(real[name]["_file"].to_pylist()) <= {REAL_NAME}


def test_real_77_rows_group_into_41_designations(real: dict, real_rows: list[list[str]]):
    assert len(real_rows) == 77
    group_ids = {int(row[-1]) for row in real_rows}
    designations = real["designations"]
    assert designations.num_rows == len(group_ids) == 41
    assert set(designations["ofsi_group_id"].to_pylist()) == group_ids
    assert designations["unique_id"].null_count == 41
    assert set(designations["feed"].to_pylist()) == {"ofsi_conlist"}
    # _record is the file line of the group's first row (line 1 is the header).
    first_line = {}
    for line, row in enumerate(real_rows, 2):
        first_line.setdefault(int(row[-1]), line)
    assert {r["ofsi_group_id"]: r["_record"] for r in designations.to_pylist()} == first_line


def test_real_group_split_across_the_file_is_one_designation(real: dict):
    # Group 13814's names sort under ABAS (lines 20-22) and ABBAS (lines 28-30).
    designation = _one(real["designations"], ofsi_group_id=13814)
    assert designation["primary_name"] == "Yasser Aziz ABBAS" and designation["_record"] == 20
    names = _rows(real["names"], ofsi_group_id=13814)
    assert sorted(n["full_name"] for n in names) == [
        "Yaser Aziz ABAS", "Yaser Aziz ABBAS", "Yasr Aziz ABAS", "Yasr Aziz ABBAS", "Yasser Aziz ABAS", "Yasser Aziz ABBAS",
    ]
    assert [n["name_type"] for n in names if n["name6"] == "ABBAS" and n["name1"] == "Yasser"] == ["primary"]


def test_real_repeated_rows_are_deduplicated(real: dict):
    # Group 13720: 10 rows = 2 names x 5 years of birth.
    names = _rows(real["names"], ofsi_group_id=13720)
    assert [(n["name_type"], n["full_name"]) for n in names] == [
        ("primary", "Hajji 'ABD AL-NASIR"),
        ("alias", "Hajji ABD AL-NASR"),
    ]
    years = [d["dob_year"] for d in _rows(real["individual_details"], ofsi_group_id=13720)]
    assert years == [1965, 1966, 1967, 1968, 1969]
    # Group 8693: 2 dates of birth x 2 addresses in 4 rows of one name.
    assert len(_rows(real["names"], ofsi_group_id=8693)) == 1
    assert len(_rows(real["individual_details"], ofsi_group_id=8693)) == 2
    assert [a["address_line6"] for a in _rows(real["addresses"], ofsi_group_id=8693)] == ["Mosul", "Az Zabadani"]


def test_real_shifted_header_is_realigned(real: dict):
    # The header reads ',Name 6,Name 1,...' while rows start with Name 6: read as written, every
    # value would sit one column right of its name.
    kim = _one(real["names"], ofsi_group_id=13562)
    assert (kim["name6"], kim["name1"], kim["full_name"]) == ("IL", "Kim Kyong", "Kim Kyong IL")
    assert _one(real["individual_details"], ofsi_group_id=13562)["dob_text"] == "01/08/1979"
    assert real["designations"]["ofsi_group_id"].null_count == 0
    assert set(real["designations"]["designation_type"].to_pylist()) == {"individual", "entity"}


def test_real_three_dprk_rows(real: dict, real_rows: list[list[str]]):
    assert sum(DPRK_REGIME in row for row in real_rows) == 3
    dprk = _rows(real["designations"], regime=DPRK_REGIME)
    assert sorted(d["ofsi_group_id"] for d in dprk) == [12871, 13556, 13562]

    kim = _one(real["designations"], ofsi_group_id=13562)
    assert kim["designation_type"] == "individual"
    assert kim["primary_name"] == "Kim Kyong IL"
    assert kim["un_reference_number"] == "KPi.067"  # published 'UN Ref.KPI.067.'
    assert kim["other_information"] == "Annex XIII. UN Listing. UN Ref.KPI.067."
    assert (kim["date_designated"], kim["last_updated"]) == (date(2017, 12, 22), date(2018, 1, 9))
    kim_details = _one(real["individual_details"], ofsi_group_id=13562)
    assert kim_details["dob"] == date(1979, 8, 1)
    assert kim_details["passport_details"] == "Passport No. 836210029"
    assert kim_details["position"] == "Foreign Trade Bank deputy chief representative in Libya"
    assert _one(real["addresses"], ofsi_group_id=13562)["address_lines"] == ["Libya"]

    tong_san = _one(real["designations"], ofsi_group_id=13556)
    # The ConList of 2020 lists the vessel as an Entity; its IMO number is in the text only.
    assert (tong_san["designation_type"], tong_san["primary_name"]) == ("entity", "TONG SAN 2")
    assert tong_san["un_reference_number"] is None
    ship = _one(real["ships"], ofsi_group_id=13556)
    assert (ship["imo_number"], ship["imo_published"], ship["imo_source"]) == ("8937675", "IMO: 8937675", "other_information")
    assert real["ships"].num_rows == 1

    academy = _one(real["designations"], ofsi_group_id=12871)
    assert academy["designation_type"] == "entity"
    assert academy["un_reference_number"] == "KPe.018"
    # The excerpt holds only this group's AKA row: no primary name is invented from it.
    assert academy["primary_name"] is None
    (name,) = _rows(real["names"], ofsi_group_id=12871)
    assert (name["name_type"], name["name_type_published"], name["full_name"]) == (
        "alias", "AKA", "2ND ACADEMY OF NATURAL SCIENCES",
    )
    address = _one(real["addresses"], ofsi_group_id=12871)
    assert (address["address_line6"], address["country"]) == ("Pyongyang", "DPRK")


def test_real_windows_1252_characters_are_decoded(real: dict):
    battalion = _one(real["designations"], ofsi_group_id=13222)["other_information"]
    assert "so-called \u20192nd Army Corps\u2019 of the \u2018Lugansk People\u00b4s Republic\u2019" in battalion
    seleka = _one(real["designations"], ofsi_group_id=12999)["other_information"]
    assert "\u201cFundamental\u201d splinter group" in seleka
    for table in real.values():
        for column in table.column_names:
            if table.schema.field(column).type == "string":
                assert not any("\ufffd" in v for v in table[column].to_pylist() if v), column


def test_real_year_only_dates_of_birth(real: dict):
    rows = _rows(real["individual_details"], ofsi_group_id=13349)
    assert [(r["dob_text"], r["dob"], r["dob_year"], r["dob_month"]) for r in rows] == [
        ("00/00/1980", None, 1980, None),
        ("00/00/1981", None, 1981, None),
    ]
    every = real["individual_details"].to_pylist()
    assert all(r["dob"] is None for r in every if r["dob_text"] and r["dob_text"].startswith("00/"))
    assert any(r["dob"] == date(1970, 1, 1) for r in every)  # '01/01/1970' is a full date


def test_real_un_references(real: dict):
    refs = {r["ofsi_group_id"]: r["un_reference_number"] for r in real["designations"].to_pylist()}
    assert refs[13349] == "QDe.004"  # 'UN Ref QDe.004.'
    assert refs[13130] == "QDi.333"  # 'UN REF: QDi.333 National ...'
    assert refs[11123] == "QDi.282"  # 'UN Ref:QDI.282.'
    assert refs[8990] == "IRe.001"  # 'IRe.001. Subordinate of DIO.' opens the text
    assert refs[13188] == "QE.A.146.14"  # legacy form kept as written
    assert refs[6894] == "QI.A.86.03"
    assert refs[10657] == "E.29.I.11"
    assert refs[13222] is None


def test_real_text_is_trimmed_of_padding(real: dict):
    town = _rows(real["individual_details"], ofsi_group_id=6894)[0]["town_of_birth"]
    assert town == "(1) Tirpas-Selong Village, East Lombok (2) Korleko-Lombok Timur"
    for table in real.values():
        for column in table.column_names:
            if table.schema.field(column).type == "string":
                for value in table[column].to_pylist():
                    assert value is None or (value == value.strip() and "  " not in value and value), (column, value)


def test_real_tables_load_into_duckdb(real: dict, real_file: Path, tmp_path: Path):
    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    snapshot = LandedSnapshot(
        source=parse.SOURCE,
        as_of=date(2020, 3, 1),
        as_of_basis="folder name",
        folder=real_file.parent,
        files=[LandedFile(REAL_NAME, "ofsi_conlist", "0" * 64, 1, str(real_file), "2020-03-02T00:00:00+00:00")],
        dataset="own",
    )
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        raw_tables.ensure_tables(con, parse.SOURCE, schemas)
        counts = raw_tables.replace_snapshot(con, snapshot, raw_tables.ParsedSnapshot(real), schemas)
        assert counts["designations"] == 41
        dprk = con.execute(
            "select d.ofsi_group_id, count(n.full_name) from raw_uk_sanctions.designations d "
            "join raw_uk_sanctions.names n using (_as_of, _file, ofsi_group_id) "
            "where d.regime like 'North Korea%' group by 1 order by 1"
        ).fetchall()
        assert dprk == [(12871, 1), (13556, 1), (13562, 1)]
    finally:
        con.close()


# ---------------------------------------------------------------- FCDO XML and CSV (invented fixtures)


def test_fcdo_files_are_recognised_and_dated(uk_fixtures: Path):
    assert parse.classify(uk_fixtures / XML_NAME) == "fcdo_xml"
    assert parse.classify(uk_fixtures / CSV_NAME) == "fcdo_csv"
    assert parse.publisher_as_of(uk_fixtures / XML_NAME, "fcdo_xml") == date(2031, 2, 3)  # <DateGenerated>
    assert parse.publisher_as_of(uk_fixtures / CSV_NAME, "fcdo_csv") == date(2031, 2, 3)  # Report Date: 03-Feb-2031


@pytest.mark.parametrize("tables_fixture", ["xml_tables", "csv_tables"])
def test_fcdo_dprk_individual_with_un_reference(tables_fixture: str, request: pytest.FixtureRequest):
    tables = request.getfixturevalue(tables_fixture)
    person = _one(tables["designations"], unique_id="DPR0901")
    assert person["designation_type"] == "individual" and person["feed"] == "fcdo"
    assert person["ofsi_group_id"] == 99901
    assert person["un_reference_number"] == "KPi.901"  # the XML writes 'KPI.901 '
    assert person["regime"] == "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"
    assert person["primary_name"] == "Example Su RYANG"
    assert (person["date_designated"], person["last_updated"]) == (date(2016, 3, 2), date(2030, 5, 4))
    assert person["sanctions_imposed"] == "Asset freeze|Travel Ban"
    assert person["designation_source"] == "UN"
    assert person["statement_of_reasons"] is None  # a line break only, in the XML
    names = [(n["name_type"], n["name_type_published"], n["full_name"]) for n in _rows(tables["names"], unique_id="DPR0901")]
    assert sorted(names, key=str) == sorted(
        [
            ("primary", "Primary Name", "Example Su RYANG"),
            ("alias", "Primary Name Variation", "Example Soo RYANG"),
            ("alias", "Alias", "RYANG EXAMPLE"),
            ("non_latin", None, "량예수"),
        ],
        key=str,
    )
    details = _rows(tables["individual_details"], unique_id="DPR0901")
    assert [(d["dob_text"], d["dob"], d["dob_year"]) for d in details] == [
        ("15/01/1970", date(1970, 1, 15), 1970),
        ("dd/mm/1971", None, 1971),
    ]
    assert {(d["town_of_birth"], d["country_of_birth"], d["nationality"], d["passport_number"], d["gender"]) for d in details} == {
        ("Chongjin", "North Korea", "North Korea", "000000901", "Male")
    }
    assert _one(tables["addresses"], unique_id="DPR0901")["address_lines"] == ["Vladivostok"]


@pytest.mark.parametrize("tables_fixture", ["xml_tables", "csv_tables"])
def test_fcdo_dprk_entity(tables_fixture: str, request: pytest.FixtureRequest):
    tables = request.getfixturevalue(tables_fixture)
    entity = _one(tables["designations"], unique_id="DPR0902")
    assert (entity["designation_type"], entity["un_reference_number"]) == ("entity", "KPe.901")
    assert entity["primary_name"] == "TUMEN RIVER EXAMPLE TRADING CORPORATION"
    aliases = _rows(tables["names"], unique_id="DPR0902", name_type="alias")
    assert [(a["full_name"], a["alias_strength"]) for a in aliases] == [("TRETCO", "Good quality a.k.a")]
    addresses = _rows(tables["addresses"], unique_id="DPR0902")
    assert [(a["address_lines"], a["post_code"], a["country"]) for a in addresses] == [
        (["Example Street 1", "Pyongyang"], None, "North Korea"),
        (["Example Quay", "Free Economic Zone", "Rason"], "00000", "North Korea"),
    ]
    assert _rows(tables["individual_details"], unique_id="DPR0902") == []


@pytest.mark.parametrize("tables_fixture", ["xml_tables", "csv_tables"])
def test_fcdo_ship_with_imo_flags_and_owners(tables_fixture: str, request: pytest.FixtureRequest):
    tables = request.getfixturevalue(tables_fixture)
    assert _one(tables["designations"], unique_id="DPR0903")["designation_type"] == "ship"
    ship = _one(tables["ships"], unique_id="DPR0903")
    assert (ship["imo_number"], ship["imo_published"], ship["imo_source"]) == ("9999993", "IMO9999993", "ship_details")
    assert ship["current_flag"] == "Togo"
    assert ship["previous_flags"] == ["Panama", "North Korea"]
    assert ship["current_owner_operator"] == "Example Maritime Ltd"
    assert ship["previous_owner_operator"] == "Example Shipping Co"
    assert (ship["type_of_ship"], ship["tonnage"], ship["length"], ship["year_built"]) == ("Oil Tanker", "1234", "80", "1998")
    assert tables["ships"].num_rows == 1


def test_fcdo_designation_without_group_id_and_non_latin_name(xml_tables: dict):
    russia = _one(xml_tables["designations"], unique_id="RUS0901")
    assert russia["ofsi_group_id"] is None and russia["designation_source"] == "UK"
    assert russia["statement_of_reasons"] == "Invented fixture statement of reasons."
    (script,) = _rows(xml_tables["names"], unique_id="RUS0901", name_type="non_latin")
    assert (script["full_name"], script["non_latin_script_language"]) == ("ООО ПРИМЕР ЛОГИСТИКА", "Russian")


def test_fcdo_xml_and_csv_give_the_same_tables(xml_tables: dict, csv_tables: dict):
    """The two renderings of one list load alike, apart from lineage and where titles live."""

    def comparable(tables: dict, name: str) -> list:
        drop = {"_file", "_record", "title"}
        rows = [{k: v for k, v in r.items() if k not in drop} for r in tables[name].to_pylist()]
        return sorted(rows, key=repr)

    for name in parse.RAW_TABLES:
        assert comparable(xml_tables, name) == comparable(csv_tables, name), name
    # XML titles belong to the designation; the CSV repeats them beside a name.
    assert {d["title"] for d in _rows(xml_tables["individual_details"], unique_id="DPR0901")} == {"Example Title"}
    assert _one(csv_tables["names"], unique_id="DPR0901", name_type="primary")["title"] == "Example Title"


def test_fcdo_xml_records_are_designation_ordinals(xml_tables: dict):
    assert xml_tables["designations"]["_record"].to_pylist() == [1, 2, 3, 4]
    assert set(_rows(xml_tables["names"], unique_id="DPR0903")[0].items()) >= {("_record", 3)}


# ---------------------------------------------------------------- the 2022 ConList layout (invented fixture)


def test_conlist_2022_layout(uk_fixtures: Path, conlist_2022: dict):
    path = uk_fixtures / CONLIST_2022_NAME
    assert parse.classify(path) == "ofsi_conlist"
    assert parse.publisher_as_of(path, "ofsi_conlist") == date(2031, 2, 3)  # 'Last Updated,03/02/2031'
    person = _one(conlist_2022["designations"], ofsi_group_id=99911)
    assert person["uk_sanctions_list_ref"] == "DPR0911"
    assert person["un_reference_number"] == "KPi.911"
    assert person["uk_sanctions_list_date_designated"] == date(2020, 12, 31)
    assert person["date_designated"] == date(2016, 3, 2)  # 'Listed On'
    names = _rows(conlist_2022["names"], ofsi_group_id=99911)
    assert [(n["name_type"], n["full_name"], n["alias_strength"]) for n in names] == [
        ("primary", "Example Chol PAK", None),
        ("non_latin", "박예철", None),
        ("alias", "PAK EXAMPLE", "Good quality"),
    ]
    details = _rows(conlist_2022["individual_details"], ofsi_group_id=99911)
    assert [(d["dob_text"], d["dob"], d["dob_year"], d["dob_month"]) for d in details] == [
        ("00/05/1962", None, 1962, 5),
        ("00/00/1963", None, 1963, None),
    ]
    assert details[0]["passport_number"] == "000000911"
    assert _one(conlist_2022["designations"], ofsi_group_id=99912)["primary_name"] == "SOCIÉTÉ D’EXEMPLE MARITIME"
    vessel = _one(conlist_2022["designations"], ofsi_group_id=99913)
    assert vessel["designation_type"] == "ship"
    ship = _one(conlist_2022["ships"], ofsi_group_id=99913)
    assert (ship["imo_number"], ship["imo_published"]) == ("9123453", "IMO number: 9123453")


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("UN Ref.KPI.067.", "KPi.067"),
        ("Annex XIII. UN listing. UN Ref KPe.018. The Second ...", "KPe.018"),
        ("UN REF:QE.A.146.14. Also referred to as ...", "QE.A.146.14"),
        ("IRe.001. Subordinate of DIO.", "IRe.001"),
        ("A close associate of Mullah Mohammed Omar (TAi.004).", None),
        ("No reference here.", None),
        (None, None),
    ],
)
def test_un_reference_in_text(published, expected):
    assert parse.un_reference_in_text(published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/08/1979", (date(1979, 8, 1), 1979, 8)),
        ("00/00/1980", (None, 1980, None)),
        ("00/05/1962", (None, 1962, 5)),
        ("dd/mm/1945", (None, 1945, None)),
        ("dd/07/1945", (None, 1945, 7)),
        ("1958", (None, 1958, None)),
        ("31/02/1970", (None, 1970, 2)),
        ("c. 1960", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_parse_dob(text, expected):
    assert parse.parse_dob(text) == expected


@pytest.mark.parametrize(("published", "expected"), [("IMO9562233", "9562233"), ("9000000", "9000000"), ("IMO 123", None)])
def test_imo_digits(published, expected):
    assert parse.imo_digits(published) == expected


# ---------------------------------------------------------------- what is refused


def test_conlist_wrong_header_is_refused(real_file: Path, tmp_path: Path):
    bad = _edited(real_file, tmp_path / "conlist.csv", ",Group ID", ",Group Number", encoding="cp1252")
    assert parse.classify(bad) is None  # without 'Group ID' it is not recognisable as the ConList
    with pytest.raises(SourceFormatError, match=r"conlist\.csv, record 1: header lacks column\(s\) group id") as caught:
        parse.parse_snapshot({"ofsi_conlist": [bad]})
    assert "OFSI Consolidated List" in str(caught.value)


def test_fcdo_csv_wrong_header_is_refused(uk_fixtures: Path, tmp_path: Path):
    bad = _edited(uk_fixtures / CSV_NAME, tmp_path / "uk.csv", ",Regime Name,", ",Regime,")
    assert parse.classify(bad) == "fcdo_csv"
    with pytest.raises(SourceFormatError, match=r"uk\.csv, record 2: header lacks column\(s\) regime name"):
        parse.parse_snapshot({"fcdo_csv": [bad]})


def test_other_csv_files_are_not_recognised(tmp_path: Path):
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('36,"AEROCARIBBEAN AIRLINES",-0- \n', encoding="utf-8")
    assert parse.classify(sdn) is None
    page = tmp_path / "page.xml"
    page.write_text("<html><body>Service unavailable</body></html>", encoding="utf-8")
    assert parse.classify(page) is None
    un = tmp_path / "consolidated.xml"
    un.write_text('<CONSOLIDATED_LIST dateGenerated="2031-02-03T23:00:01Z"/>', encoding="utf-8")
    assert parse.classify(un) is None
    with pytest.raises(SourceFormatError, match=r"root element is <CONSOLIDATED_LIST>, not <Designations>"):
        parse.parse_snapshot({"fcdo_xml": [un]})


def test_shifted_header_with_rows_of_the_header_width_is_refused(tmp_path: Path):
    # An unnamed first column that the rows do fill is not the excerpt's shift: refused, not guessed.
    path = tmp_path / "conlist.csv"
    header = ",Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID"
    row = "0,EXAMPLE,,,,,,,,,,,,,,,,,,,,,,,Entity,Prime Alias,Example,01/01/2020,01/01/2020,1"
    path.write_text(f"{header}\n{row}\n", encoding="cp1252")
    with pytest.raises(SourceFormatError, match=r"record 1: header column 1 has no name"):
        parse.parse_snapshot({"ofsi_conlist": [path]})


def test_conlist_row_of_the_wrong_width_is_refused(real_file: Path, tmp_path: Path):
    bad = _edited(real_file, tmp_path / "conlist.csv", ",Prime Alias,North Korea", ",Prime Alias,,North Korea", encoding="cp1252")
    with pytest.raises(SourceFormatError, match=r"record 5: expected 29 fields as in the header, found 30"):
        parse.parse_snapshot({"ofsi_conlist": [bad]})


def test_conlist_group_with_two_regimes_is_refused(real_file: Path, tmp_path: Path):
    # Line 30 is group 13814's primary name; its other rows say Syria.
    bad = _edited(real_file, tmp_path / "conlist.csv", "Prime Alias,Syria,17/02/2020", "Prime Alias,Iraq,17/02/2020", encoding="cp1252")
    with pytest.raises(SourceFormatError, match=r"record 30: Group ID 13814: regime is 'Syria' at record 20 but 'Iraq' here"):
        parse.parse_snapshot({"ofsi_conlist": [bad]})


def test_conlist_row_without_group_id_is_quarantined(real_file: Path, tmp_path: Path):
    bad = _edited(real_file, tmp_path / "conlist.csv", "22/12/2017,09/01/2018,13562", "22/12/2017,09/01/2018,", encoding="cp1252")
    parsed = parse.parse_snapshot({"ofsi_conlist": [bad]})
    assert [(q.file, q.record) for q in parsed.quarantine] == [("conlist.csv", 5)]
    assert "no Group ID" in parsed.quarantine[0].reason
    assert parsed.tables["designations"].num_rows == 40


def test_conlist_unknown_alias_type_is_refused(real_file: Path, tmp_path: Path):
    bad = _edited(real_file, tmp_path / "conlist.csv", "Individual,Prime Alias,North Korea", "Individual,Nickname,North Korea", encoding="cp1252")
    with pytest.raises(SourceFormatError, match=r"record 5: Group ID 13562: Alias Type 'Nickname' is none of"):
        parse.parse_snapshot({"ofsi_conlist": [bad]})


def test_conlist_byte_undefined_in_windows_1252_is_refused(real_file: Path, tmp_path: Path):
    bad = tmp_path / "conlist.csv"
    bad.write_bytes(real_file.read_bytes().replace(b"TONG SAN 2", b"TONG SAN \x81", 1))
    with pytest.raises(SourceFormatError, match=r"neither UTF-8 nor Windows-1252: byte 0x81"):
        parse.parse_snapshot({"ofsi_conlist": [bad]})


def test_fcdo_csv_must_be_utf8(uk_fixtures: Path, tmp_path: Path):
    bad = tmp_path / "uk.csv"
    bad.write_bytes((uk_fixtures / CSV_NAME).read_bytes().replace("Vladivostok".encode(), b"Vladivostok \xe9", 1))
    with pytest.raises(SourceFormatError, match=r"not UTF-8: byte 0xE9"):
        parse.parse_snapshot({"fcdo_csv": [bad]})


def test_fcdo_csv_bad_report_date_is_refused(uk_fixtures: Path, tmp_path: Path):
    bad = _edited(uk_fixtures / CSV_NAME, tmp_path / "uk.csv", "Report Date: 03-Feb-2031", "Report Date: 3 February 2031")
    with pytest.raises(SourceFormatError, match=r"record 1: first line 'Report Date: 3 February 2031' is not"):
        parse.publisher_as_of(bad, "fcdo_csv")


def test_fcdo_csv_row_without_unique_id_is_quarantined(uk_fixtures: Path, tmp_path: Path):
    bad = _edited(uk_fixtures / CSV_NAME, tmp_path / "uk.csv", "01/12/2030,RUS0901,", "01/12/2030,,")
    parsed = parse.parse_snapshot({"fcdo_csv": [bad]})
    assert [(q.record, q.reason) for q in parsed.quarantine] == [(13, "row has no Unique ID: its designation is unknown")]
    assert "RUS0901" not in parsed.tables["designations"]["unique_id"].to_pylist()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("<UniqueID>DPR0902</UniqueID>", "<UniqueID>DPR0901</UniqueID>", r"record 2: Designation DPR0901: UniqueID appears twice \(records 1 and 2\)"),
        ("<UniqueID>DPR0902</UniqueID>", "", r"record 2: Designation: has no UniqueID"),
        ("<LastUpdated>06/01/2031</LastUpdated>", "<LastUpdated>31/02/2031</LastUpdated>", r"record 3: Designation DPR0903: LastUpdated '31/02/2031' is not a calendar date"),
        ("<DateDesignated>30/11/2016</DateDesignated>", "<DateDesignated>2016-11-30</DateDesignated>", r"Designation DPR0902: DateDesignated '2016-11-30' is not a dd/mm/yyyy date"),
        ("<IndividualEntityShip>Ship</IndividualEntityShip>", "<IndividualEntityShip>Aircraft</IndividualEntityShip>", r"Designation DPR0903: IndividualEntityShip 'Aircraft' is none of"),
        ("<OFSIGroupID>99902</OFSIGroupID>", "<OFSIGroupID>G-99902</OFSIGroupID>", r"Designation DPR0902: OFSIGroupID 'G-99902' is not a whole number"),
        ("<NameType>Alias</NameType>\n        <AliasStrength>Good", "<NameType>Nickname</NameType>\n        <AliasStrength>Good", r"Designation DPR0902: NameType 'Nickname' is none of"),
        ("<RegimeName>The Russia (Sanctions) (EU Exit) Regulations 2019</RegimeName>", "", r"Designation RUS0901: has no RegimeName"),
        ("<UniqueID>DPR0903</UniqueID>", "<UniqueID>DPR0903</UniqueID><UniqueID>DPR0904</UniqueID>", r"record 3: Designation: <UniqueID> appears 2 times"),
    ],
)
def test_fcdo_xml_unreadable_designations_refuse_the_file(uk_fixtures: Path, tmp_path: Path, old: str, new: str, expected: str):
    bad = _edited(uk_fixtures / XML_NAME, tmp_path / "UK-Sanctions-List.xml", old, new)
    with pytest.raises(SourceFormatError, match=expected) as caught:
        parse.parse_snapshot({"fcdo_xml": [bad]})
    assert str(bad) in str(caught.value)


def test_fcdo_xml_bad_date_generated_is_refused(uk_fixtures: Path, tmp_path: Path):
    bad = _edited(uk_fixtures / XML_NAME, tmp_path / "uk.xml", "<DateGenerated>03/02/2031", "<DateGenerated>2031-02-03")
    with pytest.raises(SourceFormatError, match=r"DateGenerated '2031-02-03' is not a dd/mm/yyyy date"):
        parse.publisher_as_of(bad, "fcdo_xml")


def test_fcdo_xml_truncated_is_refused(uk_fixtures: Path, tmp_path: Path):
    cut = tmp_path / "UK-Sanctions-List.xml"
    cut.write_bytes((uk_fixtures / XML_NAME).read_bytes()[:3000])
    assert parse.classify(cut) == "fcdo_xml"
    with pytest.raises(SourceFormatError, match=r"not well-formed XML at line \d+, column \d+: .*cut short"):
        parse.parse_snapshot({"fcdo_xml": [cut]})


def test_fcdo_xml_entity_expansion_is_refused(tmp_path: Path):
    bomb = tmp_path / "UK-Sanctions-List.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE Designations [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
        "<Designations><DateGenerated>03/02/2031</DateGenerated><Designation><UniqueID>&lol2;</UniqueID></Designation></Designations>",
        encoding="utf-8",
    )
    assert parse.classify(bomb) == "fcdo_xml"
    assert parse.publisher_as_of(bomb, "fcdo_xml") is None
    with pytest.raises(SourceFormatError, match=r"declares a DTD \(<!DOCTYPE Designations"):
        parse.parse_snapshot({"fcdo_xml": [bomb]})


def test_empty_lists_are_refused(tmp_path: Path, uk_fixtures: Path):
    xml = tmp_path / "uk.xml"
    xml.write_text("<Designations><DateGenerated>03/02/2031</DateGenerated></Designations>", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="no Designation elements"):
        parse.parse_snapshot({"fcdo_xml": [xml]})
    header_only = tmp_path / "uk.csv"
    header_only.write_bytes(b"".join((uk_fixtures / CSV_NAME).read_bytes().splitlines(keepends=True)[:2]))
    with pytest.raises(SourceFormatError, match="no designation rows under its header"):
        parse.parse_snapshot({"fcdo_csv": [header_only]})


def test_snapshot_roles(uk_fixtures: Path, real_file: Path):
    xml, csv_file = uk_fixtures / XML_NAME, uk_fixtures / CSV_NAME
    with pytest.raises(SourceFormatError, match=r"one FCDO UK Sanctions List file \(XML or CSV\); found 2"):
        parse.parse_snapshot({"fcdo_xml": [xml], "fcdo_csv": [csv_file]})
    with pytest.raises(SourceFormatError, match=r"one OFSI ConList file; found 2"):
        parse.parse_snapshot({"ofsi_conlist": [real_file, real_file]})
    with pytest.raises(SourceFormatError, match=r"not uk_sanctions roles"):
        parse.parse_snapshot({"consolidated": [xml]})
    with pytest.raises(SourceFormatError, match=r"no UK sanctions list file"):
        parse.parse_snapshot({})
    # An FCDO file and a ConList file may share a snapshot: two feeds, told apart by `feed`.
    both = parse.parse_snapshot({"fcdo_xml": [xml], "ofsi_conlist": [real_file]}).tables["designations"]
    assert Counter(both["feed"].to_pylist()) == {"fcdo": 4, "ofsi_conlist": 41}


# ---------------------------------------------------------------- live fetch, over loopback only


@pytest.fixture()
def loopback(uk_fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An HTTP server on 127.0.0.1 serving the invented FCDO files plus one non-list page."""
    for proxy in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(uk_fetch.URL_ENV, raising=False)
    served = tmp_path / "served"
    (served / "docs").mkdir(parents=True)
    (served / "docs" / "UK-Sanctions-List.xml").write_bytes((uk_fixtures / XML_NAME).read_bytes())
    (served / "docs" / "UK-Sanctions-List.csv").write_bytes((uk_fixtures / CSV_NAME).read_bytes())
    (served / "docs" / "maintenance.xml").write_text("<html><body>Down for maintenance</body></html>", encoding="utf-8")

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


def test_fetch_downloads_the_xml_from_the_given_url(loopback: str, uk_fixtures: Path, tmp_path: Path):
    dest = tmp_path / "incoming"
    url = f"{loopback}/docs/UK-Sanctions-List.xml"
    (item,) = uk_fetch.fetch(dest, url=url, policy=FAST)
    assert (item.role, item.origin, item.path) == ("fcdo_xml", url, dest / "UK-Sanctions-List.xml")
    assert item.path.read_bytes() == (uk_fixtures / XML_NAME).read_bytes()
    assert item.fetched_at and item.last_modified
    assert parse.publisher_as_of(item.path, item.role) == date(2031, 2, 3)


def test_fetch_reads_url_from_environment_at_call_time(loopback: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TUMEN_UK_SANCTIONS_URL", f"{loopback}/docs/UK-Sanctions-List.csv")
    (item,) = uk_fetch.fetch(tmp_path / "incoming", policy=FAST)
    assert item.role == "fcdo_csv" and item.path.name == "UK-Sanctions-List.csv"
    tables = parse.parse_snapshot({item.role: [item.path]}).tables
    assert tables["designations"].num_rows == 4


def test_fetch_refuses_a_page_that_is_not_the_list(loopback: str, tmp_path: Path):
    dest = tmp_path / "incoming"
    with pytest.raises(FetchError, match="not the UK Sanctions List XML"):
        uk_fetch.fetch(dest, url=f"{loopback}/docs/maintenance.xml", policy=FAST)
    assert not (dest / "UK-Sanctions-List.xml").exists()


def test_fetch_reports_http_errors(loopback: str, tmp_path: Path):
    with pytest.raises(FetchError, match="HTTP 404"):
        uk_fetch.fetch(tmp_path / "incoming", url=f"{loopback}/docs/missing.xml", policy=FAST)


def test_default_url_is_the_fcdo_publication():
    assert uk_fetch.URL == "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"


# ---------------------------------------------------------------- Dagster wiring


def test_assets_build_one_key_per_raw_table():
    from orchestration.defs.sources.uk_sanctions.assets import uk_sanctions_raw_tables

    keys = {key.to_user_string() for key in uk_sanctions_raw_tables.keys}
    assert keys == {f"raw_uk_sanctions/{name}" for name in parse.RAW_TABLES}
