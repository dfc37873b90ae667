"""EU Financial Sanctions Files (FSF): parser, fetch and asset wiring.

No real FSF file was available offline: every record comes from the invented fixtures in
tests/fixtures/eu_fsf (see the README there), built on the layout documented by the public
parsers listed in orchestration/defs/sources/eu_fsf/README.md. The XML and the CSV fixtures hold
the same records, so the two formats are tested against each other.
"""

from __future__ import annotations

import csv
import functools
import io
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pyarrow.compute as pc
import pytest

from orchestration.defs.sources.eu_fsf import fetch as eu_fetch
from orchestration.defs.sources.eu_fsf import parse
from orchestration.lib import raw_tables
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError, FetchPolicy
from orchestration.lib.landing import LandedFile, LandedSnapshot

XML_NAME = "fsf_small.xml"
CSV_NAME = "fsf_small.csv"


@pytest.fixture(scope="module")
def folder(fixtures: Path) -> Path:
    return fixtures / "eu_fsf"


@pytest.fixture(scope="module")
def xml_file(folder: Path) -> Path:
    return folder / XML_NAME


@pytest.fixture(scope="module")
def csv_file(folder: Path) -> Path:
    return folder / CSV_NAME


@pytest.fixture(scope="module")
def xml(xml_file: Path) -> dict:
    return parse.parse_snapshot({parse.ROLE_XML: [xml_file]}).tables


@pytest.fixture(scope="module")
def csv_tables(csv_file: Path) -> dict:
    return parse.parse_snapshot({parse.ROLE_CSV: [csv_file]}).tables


def _rows(table, **equal) -> list[dict]:
    for column, value in equal.items():
        table = table.filter(pc.equal(table[column], value))
    return table.to_pylist()


def _without(rows: list[dict], *columns: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in columns} for row in rows]


def _edited(source: Path, tmp_path: Path, old: str, new: str, *, last: bool = False, name: str | None = None) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    if last:
        head, _, tail = text.rpartition(old)
        text = head + new + tail
    else:
        text = text.replace(old, new, 1)
    target = tmp_path / (name or source.name)
    target.write_text(text, encoding="utf-8", newline="")
    return target


# ---------------------------------------------------------------- recognising files and dates


def test_files_are_recognised_and_dated(xml_file: Path, csv_file: Path):
    assert parse.classify(xml_file) == "fsf_xml"
    assert parse.classify(csv_file) == "fsf_csv"
    # generationDate 2031-02-03T17:00:34.049+01:00; the CSV says 03/02/2031 (day first).
    assert parse.publisher_as_of(xml_file, "fsf_xml") == date(2031, 2, 3)
    assert parse.publisher_as_of(csv_file, "fsf_csv") == date(2031, 2, 3)
    assert parse.publisher_as_of(xml_file, "something else") is None


def test_publisher_date_is_the_calendar_date_in_brussels(xml_file: Path, tmp_path: Path):
    # 00:30 in Brussels is still the previous day in UTC; the publisher's own date is kept, so the
    # XML and the CSV of one publication land on the same snapshot date.
    late = _edited(xml_file, tmp_path, "2031-02-03T17:00:34.049+01:00", "2031-02-04T00:30:00.000+01:00")
    assert parse.publisher_as_of(late, "fsf_xml") == date(2031, 2, 4)


def test_unreadable_generation_date_is_refused(xml_file: Path, tmp_path: Path):
    bad = _edited(xml_file, tmp_path, "2031-02-03T17:00:34.049+01:00", "03/02/2031 17:00")
    with pytest.raises(SourceFormatError, match=r"generationDate '03/02/2031 17:00' on <export> is not an ISO 8601"):
        parse.publisher_as_of(bad, "fsf_xml")


def test_csv_without_generation_date_column_has_no_publisher_date(csv_file: Path, tmp_path: Path):
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    target = tmp_path / "fsf.csv"
    with open(target, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(row[1:] for row in rows)
    assert parse.classify(target) == "fsf_csv"
    assert parse.publisher_as_of(target, "fsf_csv") is None
    assert parse.parse_file(target, "fsf_csv")["entities"].num_rows == 5


def test_other_files_are_not_classified(tmp_path: Path, fixtures: Path):
    html = tmp_path / "content.xml"
    html.write_text("<html><body>EU Login</body></html>", encoding="utf-8")
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"\x00\x01 not xml")
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('36,"AEROCARIBBEAN AIRLINES",-0- \n', encoding="utf-8")
    uk = tmp_path / "ConList.csv"
    uk.write_text("Last Updated,03/06/2031\nName 6,Name 1,Name 2\n", encoding="utf-8")
    assert parse.classify(html) is None
    assert parse.classify(garbage) is None
    assert parse.classify(sdn) is None
    assert parse.classify(uk) is None
    assert parse.classify(fixtures / "un_sc" / "consolidated_small.xml") is None
    assert parse.classify(fixtures / "eu_fsf" / "README.md") is None


# ---------------------------------------------------------------- the XML fixture


def test_tables_match_declared_schemas(xml: dict, csv_tables: dict):
    for tables, name in ((xml, XML_NAME), (csv_tables, CSV_NAME)):
        assert set(tables) == set(parse.RAW_TABLES)
        for table, (schema, _description) in parse.RAW_TABLES.items():
            assert tables[table].schema.equals(schema), table
            assert schema.names[-2:] == ["_file", "_record"]
            assert set(tables[table]["_file"].to_pylist()) <= {name}


def test_entities(xml: dict):
    assert _without(xml["entities"].to_pylist(), "_file") == [
        {
            "logical_id": 990101, "eu_reference_number": "EU.9901.01", "united_nation_id": "KPi.901",
            "subject_type": "person", "designation_date": date(2017, 8, 10), "designation_details": None,
            "programme": "PRK", "primary_name": "RYANG SU IL",
            "remark": "Invented fixture person; represents an example trading office abroad.", "_record": 1,
        },
        {
            "logical_id": 990201, "eu_reference_number": "EU.9902.02", "united_nation_id": "KPe.901",
            "subject_type": "enterprise", "designation_date": None,
            "designation_details": "Invented details: exports example goods through example ports.",
            "programme": "PRK", "primary_name": "Tumen River Example Trading Corporation", "remark": None,
            "_record": 2,
        },
        {
            "logical_id": 990301, "eu_reference_number": "EU.9903.03", "united_nation_id": None,
            "subject_type": "enterprise", "designation_date": date(2018, 4, 16), "designation_details": None,
            "programme": "PRK", "primary_name": "EXAMPLE STAR",
            "remark": "Vessel. Flag: example flag. Invented fixture record.", "_record": 3,
        },
        {
            "logical_id": 990401, "eu_reference_number": "EU.9904.04", "united_nation_id": None,
            "subject_type": "enterprise", "designation_date": date(2018, 4, 16), "designation_details": None,
            "programme": "PRK", "primary_name": "EXAMPLE DAWN (IMO 9999917)",
            "remark": "Tanker. IMO number: 9999917. Invented fixture record.", "_record": 4,
        },
        {
            "logical_id": 990501, "eu_reference_number": "EU.9905.05", "united_nation_id": None,
            "subject_type": "enterprise", "designation_date": date(2022, 4, 8), "designation_details": None,
            "programme": "UKR;RUS", "primary_name": 'Example Arctic Shipping "Polar" LLC', "remark": None,
            "_record": 5,
        },
    ]


def test_un_reference_is_trimmed_and_matches_the_un_format(xml: dict):
    # The fixture writes unitedNationId="KPi.901 " (trailing space, as the UN file itself does).
    references = [r for r in xml["entities"]["united_nation_id"].to_pylist() if r]
    assert references == ["KPi.901", "KPe.901"]


def test_designation_date_is_not_the_regulation_date(xml: dict):
    (person,) = _rows(xml["entities"], logical_id=990101)
    regulations = _rows(xml["regulations"], logical_id=990101)
    # Designated 2017-08-10; the regulations citing it were published 2017-08-31 and 2020-03-05.
    assert person["designation_date"] == date(2017, 8, 10)
    assert [r["publication_date"] for r in regulations] == [date(2017, 8, 31), date(2020, 3, 5)]
    assert person["designation_date"] not in {r["publication_date"] for r in regulations}
    assert person["designation_date"] not in {r["entry_into_force_date"] for r in regulations}


def test_entity_with_two_regulations_keeps_both(xml: dict):
    regulations = _without(_rows(xml["regulations"], logical_id=990101), "_file")
    assert regulations == [
        {
            "logical_id": 990101, "regulation_type": "regulation", "organisation_type": "council",
            "publication_date": date(2017, 8, 31), "entry_into_force_date": date(2017, 8, 31),
            "number_title": "2017/9901 (OJ L901)", "programme": "PRK",
            "publication_url": "https://eur-lex.example/OJ-L-901", "_record": 1,
        },
        {
            "logical_id": 990101, "regulation_type": "amendment", "organisation_type": "commission",
            "publication_date": date(2020, 3, 5), "entry_into_force_date": date(2020, 3, 6),
            "number_title": "2020/9902 (OJ L902)", "programme": "PRK",
            "publication_url": "https://eur-lex.example/OJ-L-902", "_record": 1,
        },
    ]
    # Two programmes on one entity: both kept in regulations, both named on the entity.
    assert [r["programme"] for r in _rows(xml["regulations"], logical_id=990501)] == ["UKR", "RUS"]
    assert xml["regulations"].num_rows == 7


def test_empty_dates_are_null_not_errors(xml: dict):
    (enterprise,) = _rows(xml["entities"], logical_id=990201)
    assert enterprise["designation_date"] is None
    (regulation,) = _rows(xml["regulations"], logical_id=990401)
    assert (regulation["publication_date"], regulation["entry_into_force_date"]) == (None, None)
    assert regulation["publication_url"] is None  # <publicationUrl></publicationUrl>
    (_, approximate) = _rows(xml["birthdates"], logical_id=990101)
    assert approximate["birthdate"] is None and approximate["year"] == 1971


def test_multilingual_aliases(xml: dict):
    aliases = [
        (a["logical_id"], a["whole_name"], a["name_language"], a["is_strong"])
        for a in xml["name_aliases"].to_pylist()
    ]
    assert aliases == [
        (990101, "Ryang Su-Il", None, True),
        (990101, "RYANG SU IL", "EN", True),
        (990101, "량수일", "KO", True),
        (990101, "Рян Су Ир", "RU", True),
        (990101, "Ryang Su", None, False),  # padding collapsed; the empty placeholder alias is skipped
        (990201, "Tumen River Example Trading Corporation", "EN", True),
        (990201, "TRETCO", "EN", False),
        (990201, "Tumen-Fluss Beispiel-Handelsgesellschaft", "DE", True),
        (990201, "Société commerciale exemple du fleuve Tumen", "FR", True),
        (990301, "EXAMPLE STAR", None, True),
        (990401, "EXAMPLE DAWN (IMO 9999917)", None, True),
        (990501, 'Example Arctic Shipping "Polar" LLC', "EN", True),
        (990501, "ООО «Пример Арктик Шиппинг»", "RU", True),
    ]
    (first,) = _rows(xml["name_aliases"], whole_name="Ryang Su-Il")
    assert (first["first_name"], first["middle_name"], first["last_name"]) == ("Su-Il", None, "Ryang")
    assert (first["gender"], first["title"]) == ("M", None)
    assert first["function"] == "Representative of an example trading corporation"


def test_primary_name_prefers_strong_english_then_the_untranslated_name(xml_file: Path, tmp_path: Path):
    # Without the EN alias, the strong alias with no language (the name as designated) wins over KO/RU.
    english = 'wholeName="RYANG SU IL" function="" gender="M" title="" nameLanguage="EN"'
    no_english = _edited(xml_file, tmp_path, english, english.replace('"EN"', '"FR"'))
    (person,) = _rows(parse.parse_file(no_english, "fsf_xml")["entities"], logical_id=990101)
    assert person["primary_name"] == "Ryang Su-Il"
    # No strong English and no strong untranslated alias: the first alias, as the contract says,
    # even when it is weak (a translation is not preferred over it).
    strong = 'wholeName="Tumen River Example Trading Corporation" function="" title="" nameLanguage="EN" strong="true"'
    weak = _edited(xml_file, tmp_path, strong, strong.replace('"true"', '"false"'))
    (enterprise,) = _rows(parse.parse_file(weak, "fsf_xml")["entities"], logical_id=990201)
    assert enterprise["primary_name"] == "Tumen River Example Trading Corporation"


def test_vessels_are_enterprises_with_imo_in_identification_or_text(xml: dict):
    (star,) = _rows(xml["entities"], logical_id=990301)
    (dawn,) = _rows(xml["entities"], logical_id=990401)
    assert star["subject_type"] == dawn["subject_type"] == "enterprise"
    imo = _rows(xml["identifications"], identification_type_code="imo")
    assert [(i["logical_id"], i["number"], i["country_iso2"]) for i in imo] == [(990301, "9999905", "00")]
    # EXAMPLE DAWN has no identification: its IMO number is only in the name and the remark, kept verbatim.
    assert _rows(xml["identifications"], logical_id=990401) == []
    assert "9999917" in dawn["primary_name"] and "IMO number: 9999917" in dawn["remark"]


def test_identifications(xml: dict):
    assert _without(xml["identifications"].to_pylist(), "_file") == [
        {
            "logical_id": 990101, "identification_type_code": "passport",
            "identification_type_description": "National passport", "number": "000000901", "country_iso2": "KP",
            "issued_by": None, "latin_number": None, "remark": "Invented number.", "_record": 1,
        },
        {
            "logical_id": 990201, "identification_type_code": "regnumber",
            "identification_type_description": "Registration Number", "number": "KP-EX-0001", "country_iso2": "KP",
            "issued_by": "Example registry", "latin_number": None, "remark": None, "_record": 2,
        },
        {
            "logical_id": 990301, "identification_type_code": "imo", "identification_type_description": "IMO number",
            "number": "9999905", "country_iso2": "00", "issued_by": None, "latin_number": None, "remark": None,
            "_record": 3,
        },
    ]


def test_birthdates_citizenships_addresses(xml: dict):
    assert _without(xml["birthdates"].to_pylist(), "_file", "_record") == [
        {
            "logical_id": 990101, "birthdate": date(1970, 1, 15), "year": 1970, "month": 1, "day": 15,
            "circa": False, "city": "Pyongyang", "country_iso2": "KP", "place": None, "year_range_from": None,
            "year_range_to": None, "calendar_type": "GREGORIAN", "country_description": "NORTH KOREA",
        },
        {
            # The publisher's "unknown country" placeholder is kept as written (00 / UNKNOWN).
            "logical_id": 990101, "birthdate": None, "year": 1971, "month": None, "day": None, "circa": True,
            "city": None, "country_iso2": "00", "place": None, "year_range_from": None, "year_range_to": None,
            "calendar_type": "GREGORIAN", "country_description": "UNKNOWN",
        },
    ]
    # The second, empty citizenship and address placeholders give no row.
    assert _without(xml["citizenships"].to_pylist(), "_file") == [
        {"logical_id": 990101, "country_iso2": "KP", "country_description": "NORTH KOREA", "_record": 1}
    ]
    assert _without(xml["addresses"].to_pylist(), "_file") == [
        {
            "logical_id": 990201, "street": "Example Street 1", "po_box": None, "city": "Pyongyang",
            "zip_code": None, "region": None, "place": None, "country_iso2": "KP",
            "country_description": "NORTH KOREA", "_record": 2,
        },
        {
            "logical_id": 990501, "street": "Example Embankment 2", "po_box": "PO Box 901", "city": "Vladivostok",
            "zip_code": "690000", "region": "Primorsky Krai", "place": "Port area", "country_iso2": "RU",
            "country_description": "RUSSIAN FEDERATION", "_record": 5,
        },
    ]


def test_year_ranges_and_calendar_are_read(xml_file: Path, tmp_path: Path):
    ranged = _edited(
        xml_file, tmp_path,
        'birthdate="" dayOfMonth="" monthOfYear="" year="1971"',
        'birthdate="" dayOfMonth="" monthOfYear="" year="" yearRangeFrom="1968" yearRangeTo="1972"',
    )
    ranged = _edited(
        ranged, tmp_path, 'circa="true" calendarType="GREGORIAN"', 'circa="true" calendarType="SOLAR_HIJRI"'
    )
    (_, born) = parse.parse_file(ranged, "fsf_xml")["birthdates"].to_pylist()
    assert (born["year"], born["year_range_from"], born["year_range_to"], born["calendar_type"]) == (
        None, 1968, 1972, "SOLAR_HIJRI"
    )


def test_several_entity_remarks_stay_apart(xml_file: Path, tmp_path: Path):
    two = _edited(xml_file, tmp_path, "<remark>Vessel. Flag: example flag. Invented fixture record.</remark>",
                  "<remark>Vessel.</remark><remark>  Flag:\n example flag. </remark>")
    (star,) = _rows(parse.parse_file(two, "fsf_xml")["entities"], logical_id=990301)
    assert star["remark"] == "Vessel.\nFlag: example flag."


# ---------------------------------------------------------------- the CSV twin


def test_csv_gives_the_same_tables_as_the_xml(xml: dict, csv_tables: dict):
    for name in parse.RAW_TABLES:
        # Lineage differs (lines, not element ordinals) and the CSV has no strong/weak flag.
        assert _without(csv_tables[name].to_pylist(), "_file", "_record", "is_strong") == _without(
            xml[name].to_pylist(), "_file", "_record", "is_strong"
        ), name
    assert set(csv_tables["name_aliases"]["is_strong"].to_pylist()) == {None}


def test_csv_records_are_the_lines_rows_start_on(csv_tables: dict):
    # Entity 990101's remark spans two lines inside quotes, so each of its rows takes two lines.
    assert [(e["logical_id"], e["_record"]) for e in csv_tables["entities"].to_pylist()] == [
        (990101, 2), (990201, 28), (990301, 35), (990401, 37), (990501, 38),
    ]
    (amendment,) = _rows(csv_tables["regulations"], number_title="2020/9902 (OJ L902)")
    assert amendment["_record"] == 24


def test_csv_repeated_rows_are_merged(csv_file: Path, csv_tables: dict):
    # The fixture repeats the first row of 990101 (alias 990111) at its end, as a flat export does.
    lines = csv_file.read_text(encoding="utf-8-sig").split("\n")
    assert sum("Ryang;Su-Il;;Ryang Su-Il;" in line for line in lines) == 2
    assert len(_rows(csv_tables["name_aliases"], whole_name="Ryang Su-Il")) == 1
    assert len(_rows(csv_tables["regulations"], logical_id=990101)) == 2


def test_csv_subject_columns_read_either_way_round(csv_file: Path, tmp_path: Path, csv_tables: dict):
    # The published CSV has P/E under Entity_SubjectType and person/enterprise under
    # Entity_SubjectType_ClassificationCode; a corrected export (the XML's meaning) reads the same.
    text = csv_file.read_text(encoding="utf-8-sig")
    text = text.replace(";P;person;", ";person;P;").replace(";E;enterprise;", ";enterprise;E;")
    target = tmp_path / "fsf.csv"
    target.write_text(text, encoding="utf-8")
    entities = parse.parse_file(target, "fsf_csv")["entities"].to_pylist()
    assert _without(entities, "_file") == _without(csv_tables["entities"].to_pylist(), "_file")


def test_csv_with_crlf_line_ends_and_no_bom_reads_the_same(csv_file: Path, tmp_path: Path, csv_tables: dict):
    text = csv_file.read_text(encoding="utf-8-sig")
    target = tmp_path / "fsf_small.csv"
    target.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    again = parse.parse_file(target, "fsf_csv")
    for name in parse.RAW_TABLES:
        assert again[name].equals(csv_tables[name]), name


@pytest.mark.parametrize(
    ("old", "new", "last", "expected"),
    [
        ("BirthDate_Year;", "BirthDate_YearOfBirth;", False,
         r"record 1: the header lacks 1 FSF column\(s\): BirthDate_Year "),
        ("990411;en", "990411en", False, r"record 37: row has 117 fields where the header has 118"),
        ("EU.9902.02", "EU.9902.99", False,
         r"record 29: entity with logicalId 990201: "
         r"eu_reference_number 'EU.9902.02' differs from 'EU.9902.99' on line 28"),
        ("Ryang;Su-Il;;Ryang Su-Il;", "Ryang;Su-Il;;Ryang Su Il;", True,
         r"record 26: entity with logicalId 990101: NameAlias_LogicalId 990111 carries other values than on line 2"),
        ("03/02/2031", "04/02/2031", True,
         r"record 41: fileGenerationDate '04/02/2031' differs from '03/02/2031' on line 2"),
        ("2018-04-16;;Vessel.", "16.04.2018;;Vessel.", False,
         r"record 35: entity with logicalId 990301: Entity_DesignationDate '16.04.2018' is not a date"),
        (";E;enterprise;", ";V;vessel;", False,
         r"record 28: entity with logicalId 990201: subject type 'vessel' is neither person nor enterprise"),
        (";P;person;", ";P;enterprise;", False,
         r"record 2: entity with logicalId 990101: subject type 'enterprise' contradicts classification code 'P'"),
        ("1970;;;false;GREGORIAN", "c. 1970;;;false;GREGORIAN", False,
         r"entity with logicalId 990101: BirthDate_Year 'c. 1970' is not a whole number"),
        ("03/02/2031;990301", "03/02/2031;99O301", False,
         r"record 35: Entity_LogicalId '99O301' is not a whole number"),
    ],
)
def test_unreadable_csv_refuses_the_file(csv_file: Path, tmp_path: Path, old: str, new: str, last: bool, expected: str):
    target = _edited(csv_file, tmp_path, old, new, last=last)
    with pytest.raises(SourceFormatError, match=expected) as caught:
        parse.parse_snapshot({"fsf_csv": [target]})
    assert str(target) in str(caught.value)


def test_csv_generation_dates_must_be_day_first(csv_file: Path, tmp_path: Path):
    text = csv_file.read_text(encoding="utf-8-sig").replace("03/02/2031", "2031/02/03")
    target = tmp_path / "fsf.csv"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"fileGenerationDate '2031/02/03' is not a date \(DD/MM/YYYY\)"):
        parse.publisher_as_of(target, "fsf_csv")
    with pytest.raises(SourceFormatError, match=r"record 2: fileGenerationDate '2031/02/03'"):
        parse.parse_file(target, "fsf_csv")


def test_csv_damaged_bytes_and_empty_files(csv_file: Path, tmp_path: Path):
    data = csv_file.read_bytes()
    damaged = tmp_path / "damaged.csv"
    damaged.write_bytes(data.replace("TRETCO".encode(), b"TR\xffTCO", 1))
    with pytest.raises(SourceFormatError, match=r"invalid UTF-8 byte 0xFF at line 29"):
        parse.parse_file(damaged, "fsf_csv")
    header_only = tmp_path / "header.csv"
    header_only.write_bytes(data.split(b"\n", 1)[0] + b"\n")
    with pytest.raises(SourceFormatError, match=r"a header but no entity rows"):
        parse.parse_file(header_only, "fsf_csv")


# ---------------------------------------------------------------- hostile and foreign XML


def test_wrong_namespace_is_refused(folder: Path):
    other = folder / "wrong_namespace.xml"
    # Same element name, so it classifies and is refused with the precise reason.
    assert parse.classify(other) == "fsf_xml"
    assert parse.publisher_as_of(other, "fsf_xml") is None
    with pytest.raises(
        SourceFormatError,
        match=r"root element <export> is in namespace 'http://eu.europa.ec/fpi/fsd/export/v2', "
        r"not 'http://eu.europa.ec/fpi/fsd/export'",
    ):
        parse.parse_snapshot({"fsf_xml": [other]})


def test_no_namespace_and_other_roots_are_refused(xml_file: Path, tmp_path: Path, fixtures: Path):
    bare = _edited(xml_file, tmp_path, ' xmlns="http://eu.europa.ec/fpi/fsd/export"', "")
    with pytest.raises(SourceFormatError, match=r"namespace 'no namespace'"):
        parse.parse_file(bare, "fsf_xml")
    with pytest.raises(SourceFormatError, match=r"root element is <CONSOLIDATED_LIST>, not <export>"):
        parse.parse_file(fixtures / "un_sc" / "consolidated_small.xml", "fsf_xml")


def test_billion_laughs_is_refused_without_expansion(folder: Path):
    bomb = folder / "billion_laughs.xml"
    started = time.perf_counter()
    assert parse.classify(bomb) == "fsf_xml"
    assert parse.publisher_as_of(bomb, "fsf_xml") is None
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"fsf_xml": [bomb]})
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert "billion_laughs.xml" in message and "DTD" in message
    assert "lol" * 10 not in message


def test_external_entity_is_refused_unread(folder: Path):
    xxe = folder / "external_entity.xml"
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"fsf_xml": [xxe]})
    assert "external_entity.xml" in str(caught.value) and "DTD" in str(caught.value)
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(caught.value)


def test_truncated_xml_is_refused(xml_file: Path, tmp_path: Path):
    cut = tmp_path / "fsf.xml"
    cut.write_bytes(xml_file.read_bytes()[:4000])
    assert parse.classify(cut) == "fsf_xml"
    with pytest.raises(SourceFormatError, match=r"fsf\.xml: not well-formed XML at line \d+.*cut short"):
        parse.parse_snapshot({"fsf_xml": [cut]})


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('logicalId="990201"', 'logicalId="99O201"',
         r"record 2: sanctionEntity/logicalId '99O201' is not a whole number"),
        ('logicalId="990301"', 'logicalId="990201"',
         r"record 3: sanctionEntity logicalId 990201 appears twice \(records 2 and 3\)"),
        ('code="person"', 'code="vessel"',
         r"record 1: entity with logicalId 990101: subject type 'vessel' is neither person nor enterprise"),
        ('code="person" classificationCode="P"', 'code="person" classificationCode="E"',
         r"entity with logicalId 990101: subject type 'person' contradicts classification code 'E'"),
        ('<subjectType code="enterprise" classificationCode="E"/>', "",
         r"record 2: entity with logicalId 990201: has no subject type"),
        ('designationDate="2017-08-10"', 'designationDate="10/08/2017"',
         r"entity with logicalId 990101: designationDate '10/08/2017' is not a date"),
        ('publicationDate="2020-03-05"', 'publicationDate="2020-02-30"',
         r"entity with logicalId 990101: regulation/publicationDate '2020-02-30' is not a date"),
        ('strong="false"', 'strong="no"',
         r"entity with logicalId 990101: nameAlias/strong 'no' is neither true nor false"),
        ('circa="true"', 'circa="approx"', r"birthdate/circa 'approx' is neither true nor false"),
        ('year="1971"', 'year="c. 1971"', r"birthdate/year 'c. 1971' is not a whole number"),
        ('wholeName="EXAMPLE STAR"', 'wholeName=""',
         r"record 3: entity with logicalId 990301: has no nameAlias with a wholeName"),
    ],
)
def test_unreadable_xml_records_refuse_the_file(xml_file: Path, tmp_path: Path, old: str, new: str, expected: str):
    target = _edited(xml_file, tmp_path, old, new)
    with pytest.raises(SourceFormatError, match=expected) as caught:
        parse.parse_snapshot({"fsf_xml": [target]})
    assert str(target) in str(caught.value)


def test_empty_export_is_refused(tmp_path: Path):
    empty = tmp_path / "fsf.xml"
    empty.write_text(
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2031-02-03T17:00:34+01:00"/>',
        encoding="utf-8",
    )
    assert parse.publisher_as_of(empty, "fsf_xml") == date(2031, 2, 3)
    with pytest.raises(SourceFormatError, match="the export has no sanctionEntity elements"):
        parse.parse_snapshot({"fsf_xml": [empty]})


def test_snapshot_holds_exactly_one_fsf_file(xml_file: Path, csv_file: Path):
    with pytest.raises(SourceFormatError, match=r"exactly one FSF file .* found 2 \(fsf_small.xml, fsf_small.csv\)"):
        parse.parse_snapshot({"fsf_xml": [xml_file], "fsf_csv": [csv_file]})
    with pytest.raises(SourceFormatError, match=r"found 2"):
        parse.parse_snapshot({"fsf_xml": [xml_file, xml_file]})
    with pytest.raises(SourceFormatError, match=r"found 0"):
        parse.parse_snapshot({})
    with pytest.raises(SourceFormatError, match=r"file role\(s\) \['consolidated'\] are not FSF roles"):
        parse.parse_snapshot({"fsf_xml": [xml_file], "consolidated": [xml_file]})


def test_tables_load_into_duckdb(xml: dict, xml_file: Path, tmp_path: Path):
    schemas = {name: spec[0] for name, spec in parse.RAW_TABLES.items()}
    snapshot = LandedSnapshot(
        source=parse.SOURCE,
        as_of=date(2031, 2, 3),
        as_of_basis="publisher field",
        folder=xml_file.parent,
        files=[LandedFile(XML_NAME, parse.ROLE_XML, "0" * 64, 1, str(xml_file), "2031-02-04T00:00:00+00:00")],
        dataset="own",
    )
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        raw_tables.ensure_tables(con, parse.SOURCE, schemas)
        counts = raw_tables.replace_snapshot(con, snapshot, raw_tables.ParsedSnapshot(xml), schemas)
        assert counts == {
            "entities": 5, "name_aliases": 13, "regulations": 7, "identifications": 3,
            "birthdates": 2, "citizenships": 1, "addresses": 2,
        }
        dprk = con.execute(
            "select e.united_nation_id, e.designation_date, min(r.entry_into_force_date) "
            "from raw_eu_fsf.entities e join raw_eu_fsf.regulations r using (logical_id) "
            "where r.programme = 'PRK' and e.united_nation_id like 'KP%' group by all order by 1"
        ).fetchall()
        assert dprk == [("KPe.901", None, date(2017, 8, 31)), ("KPi.901", date(2017, 8, 10), date(2017, 8, 31))]
    finally:
        con.close()


# ---------------------------------------------------------------- live fetch, over loopback only

TOKEN = "s3cr3t-Token-0123"
FAST = FetchPolicy(timeout_seconds=5, retries=0, backoff_factor=0)


class _Publisher(BaseHTTPRequestHandler):
    """Serves the fixture XML at /fsf/content only to the right token, and a login page elsewhere."""

    def __init__(self, *args, body: bytes, seen: list[str], **kwargs):
        self.body, self.seen = body, seen
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.seen.append(self.path)
        parts = urlsplit(self.path)
        token = parse_qs(parts.query).get("token")
        if parts.path == "/fsf/content" and token == [TOKEN]:
            self._send(200, self.body, "application/xml")
        elif parts.path == "/fsf/content":
            self._send(403, b"Forbidden: invalid token " + (token or [""])[0].encode(), "text/plain")
        elif parts.path == "/login/content":
            self._send(200, b"<html><body>EU Login: please sign in</body></html>", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", "Mon, 03 Feb 2031 16:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def loopback(xml_file: Path, monkeypatch: pytest.MonkeyPatch):
    for proxy in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv(eu_fetch.URL_ENV, raising=False)
    monkeypatch.setenv(eu_fetch.TOKEN_ENV, TOKEN)
    seen: list[str] = []
    handler = functools.partial(_Publisher, body=xml_file.read_bytes(), seen=seen)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_fetch_downloads_with_the_token_and_keeps_it_out_of_the_manifest(loopback, xml_file: Path, tmp_path: Path):
    base, seen = loopback
    dest = tmp_path / "incoming"
    (item,) = eu_fetch.fetch(dest, url=f"{base}/fsf/content", policy=FAST)
    assert seen == [f"/fsf/content?token={TOKEN}"]
    assert item.role == "fsf_xml" and item.path == dest / "xmlFullSanctionsList_1_1.xml"
    assert item.origin == f"{base}/fsf/content" and TOKEN not in item.origin
    assert item.path.read_bytes() == xml_file.read_bytes()
    assert item.fetched_at and item.last_modified == "2031-02-03T16:00:00+00:00"
    assert parse.publisher_as_of(item.path, item.role) == date(2031, 2, 3)


def test_fetch_reads_url_and_token_from_environment_at_call_time(loopback, tmp_path: Path, monkeypatch):
    base, _seen = loopback
    monkeypatch.setenv("TUMEN_EU_FSF_URL", f"{base}/fsf/content")
    (item,) = eu_fetch.fetch(tmp_path / "incoming", policy=FAST)
    assert item.origin == f"{base}/fsf/content"
    assert parse.parse_snapshot({item.role: [item.path]}).tables["entities"].num_rows == 5


def test_missing_token_is_a_clear_fetch_error_before_any_request(loopback, tmp_path: Path, monkeypatch):
    base, seen = loopback
    for value in (None, "  "):
        if value is None:
            monkeypatch.delenv("TUMEN_EU_FSF_TOKEN")
        else:
            monkeypatch.setenv("TUMEN_EU_FSF_TOKEN", value)
        with pytest.raises(FetchError, match=r"no FSF download token\. Set \$TUMEN_EU_FSF_TOKEN"):
            eu_fetch.fetch(tmp_path / "incoming", url=f"{base}/fsf/content", policy=FAST)
    assert seen == []
    assert not (tmp_path / "incoming").exists()


def test_token_inside_the_url_is_refused(loopback, tmp_path: Path):
    base, seen = loopback
    with pytest.raises(FetchError, match=r"the URL carries a token; put the token in \$TUMEN_EU_FSF_TOKEN") as caught:
        eu_fetch.fetch(tmp_path / "incoming", url=f"{base}/fsf/content?token={TOKEN}", policy=FAST)
    assert TOKEN not in str(caught.value) and seen == []


def test_refused_token_is_reported_without_the_token(loopback, tmp_path: Path, monkeypatch):
    base, _seen = loopback
    monkeypatch.setenv("TUMEN_EU_FSF_TOKEN", "wrong-token-value")
    with pytest.raises(FetchError, match="HTTP 403") as caught:
        eu_fetch.fetch(tmp_path / "incoming", url=f"{base}/fsf/content", policy=FAST)
    assert "wrong-token-value" not in str(caught.value)


def test_login_page_is_not_landed(loopback, tmp_path: Path):
    base, _seen = loopback
    dest = tmp_path / "incoming"
    with pytest.raises(FetchError, match="not the FSF XML export .*EU Login"):
        eu_fetch.fetch(dest, url=f"{base}/login/content", policy=FAST)
    assert not (dest / "xmlFullSanctionsList_1_1.xml").exists()


def test_unreachable_server_error_hides_the_token(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TUMEN_EU_FSF_TOKEN", TOKEN)
    for proxy in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="ConnectionError") as caught:
        eu_fetch.fetch(tmp_path / "incoming", url=f"http://127.0.0.1:{port}/fsf/content", policy=FAST)
    assert TOKEN not in str(caught.value)


def test_default_url_is_the_commission_publication():
    assert eu_fetch.URL == "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"


# ---------------------------------------------------------------- Dagster wiring


def test_assets_build_one_key_per_raw_table():
    from orchestration.defs.sources.eu_fsf.assets import eu_fsf_raw_tables

    keys = {key.to_user_string() for key in eu_fsf_raw_tables.keys}
    assert keys == {f"raw_eu_fsf/{name}" for name in parse.RAW_TABLES}
