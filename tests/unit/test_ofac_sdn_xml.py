"""OFAC SDN.XML: both namespaces, the XML and the legacy CSVs agreeing row for row, and the ways
a file is refused (foreign namespace, Record_Count, cut short, DTDs, unknown elements).

No real SDN.XML is at hand: the fixtures are invented records in the documented layout
(tests/fixtures/ofac_sdn/sdn_sls.xml, sdn_tempuri.xml); xml_equivalent/ holds the same records as
OFAC writes them in the legacy CSVs, following the conventions read off the real 2024 sdn.csv.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from orchestration.defs.sources.ofac_sdn import parse
from orchestration.lib import landing
from orchestration.lib.errors import SourceFormatError

LINEAGE = {"_file", "_record"}
SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
TEMPURI = "http://tempuri.org/sdnList.xsd"


@pytest.fixture(scope="module")
def fixture_dir(fixtures: Path) -> Path:
    return fixtures / "ofac_sdn"


@pytest.fixture(scope="module")
def sls_xml(fixture_dir: Path) -> Path:
    return fixture_dir / "sdn_sls.xml"


@pytest.fixture(scope="module")
def tempuri_xml(fixture_dir: Path) -> Path:
    return fixture_dir / "sdn_tempuri.xml"


@pytest.fixture(scope="module")
def csv_set(fixture_dir: Path) -> dict[str, list[Path]]:
    folder = fixture_dir / "xml_equivalent"
    return {
        "sdn": [folder / "sdn.csv"],
        "add": [folder / "add.csv"],
        "alt": [folder / "alt.csv"],
        "comments": [folder / "sdn_comments.csv"],
    }


@pytest.fixture(scope="module")
def from_xml(sls_xml: Path):
    return parse.parse_snapshot({"sdn_xml": [sls_xml]})


def _rows(snapshot, table: str) -> list[tuple]:
    """A table's rows without lineage, in a stable order (tables are sets of rows)."""
    rows = snapshot.tables.get(table)
    if rows is None:
        return []
    return sorted(
        (tuple((k, repr(v)) for k, v in row.items() if k not in LINEAGE) for row in rows.to_pylist()),
    )


def _entry(snapshot, ent_num: int) -> dict:
    return next(r for r in snapshot.tables["sdn_entries"].to_pylist() if r["ent_num"] == ent_num)


def _facts(snapshot, ent_num: int) -> list[tuple[str, str, str | None]]:
    return [
        (f["fact"], f["value"], f["qualifier"])
        for f in snapshot.tables["remark_facts"].to_pylist()
        if f["ent_num"] == ent_num
    ]


def _variant(tmp_path: Path, source: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------------
# Recognising and dating the file
# --------------------------------------------------------------------------------------------


def test_classify_xml_by_name_and_root(sls_xml: Path, tempuri_xml: Path, fixtures: Path, tmp_path: Path):
    assert parse.classify(sls_xml) == "sdn_xml"
    assert parse.classify(tempuri_xml) == "sdn_xml"
    renamed = tmp_path / "SDN.XML"
    shutil.copyfile(sls_xml, renamed)
    assert parse.classify(renamed) == "sdn_xml"
    # Same schema, other list: the name keeps CONSOLIDATED.XML out of the SDN tables.
    assert parse.classify(fixtures / "ofac_cons" / "consolidated.xml") is None
    other_root = tmp_path / "sdn_advanced.xml"
    other_root.write_text('<?xml version="1.0"?><Sanctions xmlns="urn:x"><DateOfIssue/></Sanctions>')
    assert parse.classify(other_root) is None
    not_xml = tmp_path / "sdn_notes.xml"
    not_xml.write_text("this is not XML at all")
    assert parse.classify(not_xml) is None
    assert parse.classify(tmp_path / "sdn_missing.xml") is None


def test_publisher_as_of_reads_publish_date(sls_xml: Path, tempuri_xml: Path, csv_set):
    assert parse.publisher_as_of(sls_xml, "sdn_xml") == date(2024, 6, 14)
    assert parse.publisher_as_of(tempuri_xml, "sdn_xml") == date(2018, 12, 19)
    assert parse.publisher_as_of(csv_set["sdn"][0], "sdn") is None


def test_publish_date_not_mm_dd_yyyy_is_an_error(sls_xml: Path, tmp_path: Path):
    bad = _variant(tmp_path, sls_xml, "sdn.xml", ("06/14/2024", "2024-06-14"))
    with pytest.raises(SourceFormatError, match=r"Publish_Date '2024-06-14' is not a date written MM/DD/YYYY"):
        parse.publisher_as_of(bad, "sdn_xml")


def test_a_dropped_xml_is_dated_by_its_publish_date(sls_xml: Path, tmp_path: Path):
    folder = tmp_path / "ofac_sdn"
    folder.mkdir()
    shutil.copyfile(sls_xml, folder / "SDN.XML")
    (snapshot,) = landing.discover("ofac_sdn", folder, parse.classify, parse.publisher_as_of)
    assert (snapshot.as_of, snapshot.as_of_basis) == (date(2024, 6, 14), "publisher field")
    assert [f.role for f in snapshot.files] == ["sdn_xml"]


def test_undated_csvs_beside_a_dropped_xml_join_its_snapshot(sls_xml: Path, csv_set, tmp_path: Path):
    folder = tmp_path / "ofac_sdn"
    folder.mkdir()
    shutil.copyfile(sls_xml, folder / "SDN.XML")
    for (path,) in csv_set.values():
        shutil.copyfile(path, folder / path.name)
    (snapshot,) = landing.discover("ofac_sdn", folder, parse.classify, parse.publisher_as_of)
    assert snapshot.as_of == date(2024, 6, 14)
    assert sorted(f.role for f in snapshot.files) == ["add", "alt", "comments", "sdn", "sdn_xml"]
    by_role = {f.role: [f.path] for f in snapshot.files}
    assert parse.parse_snapshot(by_role).tables["sdn_entries"].num_rows == 7


# --------------------------------------------------------------------------------------------
# Both namespaces, and the XML equal to the CSVs
# --------------------------------------------------------------------------------------------


def test_tempuri_namespace(tempuri_xml: Path):
    parsed = parse.parse_snapshot({"sdn_xml": [tempuri_xml]})
    assert not parsed.quarantine
    entries = parsed.tables["sdn_entries"].to_pylist()
    assert [(e["ent_num"], e["sdn_name"], e["sdn_type"], e["programs"], e["_record"]) for e in entries] == [
        (9101, "SAMPLE TRADING COMPANY", None, ["DPRK"], 1),
        (9102, "SAMPLE STAR", "vessel", ["DPRK2"], 2),
        (9103, "PAK, Sample", "individual", ["DPRK2", "NPWMD"], 3),
    ]
    star = entries[1]
    assert (star["call_sign"], star["vess_type"], star["vess_flag"], star["tonnage"], star["grt"]) == (
        "HMSS1", "General Cargo", "Korea, North", "4000", "2500",
    )  # fmt: skip
    assert star["remarks"] == "Vessel Registration Identification IMO 9000001; Linked To: SAMPLE TRADING COMPANY."
    assert entries[2]["program_raw"] == "DPRK2] [NPWMD"
    assert _facts(parsed, 9102) == [("imo", "9000001", None), ("linked_to", "SAMPLE TRADING COMPANY", None)]
    assert _facts(parsed, 9103) == [
        ("dob", "01 Apr 1960", None),
        ("pob", "Wonsan, North Korea", None),
        ("passport", "PS1234567 (Korea, North)", None),
        ("linked_to", "SAMPLE TRADING COMPANY", None),
    ]
    aliases = parsed.tables["aliases"].to_pylist()
    assert [(a["ent_num"], a["alt_num"], a["alt_type"], a["alt_name"], a["_record"]) for a in aliases] == [
        (9101, 9201, "aka", "SAMPLE TRADING CO", 1)
    ]
    assert all(e["_file"] == "sdn_tempuri.xml" for e in entries)


def test_sls_namespace_tables_match_declared_schemas(from_xml):
    assert set(from_xml.tables) == set(parse.RAW_TABLES)
    for name, table in from_xml.tables.items():
        assert table.schema.equals(parse.RAW_TABLES[name][0]), name
    assert not from_xml.quarantine


@pytest.mark.parametrize("table", sorted(parse.RAW_TABLES))
def test_xml_and_equivalent_csvs_give_identical_rows(from_xml, csv_set, table: str):
    from_csv = parse.parse_snapshot(csv_set)
    assert _rows(from_xml, table) == _rows(from_csv, table)
    assert _rows(from_xml, table), f"the fixture should exercise {table}"


def test_xml_lineage_names_the_file_and_the_entry(from_xml):
    for name, table in from_xml.tables.items():
        assert set(table.column("_file").to_pylist()) == {"sdn_sls.xml"}, name
    # _record is the 1-based position of the sdnEntry, for the entry and everything under it
    addresses = from_xml.tables["addresses"].to_pylist()
    assert [(a["ent_num"], a["_record"]) for a in addresses] == [(201, 1), (201, 1), (203, 3), (204, 4)]


def test_names_types_and_programs_as_the_csv_writes_them(from_xml):
    assert _entry(from_xml, 204)["sdn_name"] == "RI, Chol Example"  # LAST, First
    assert _entry(from_xml, 201)["sdn_type"] is None  # an Entity has no type in the CSV
    assert _entry(from_xml, 202)["sdn_type"] == "vessel"
    assert _entry(from_xml, 203)["program_raw"] == "DPRK4] [DPRK-NKSPEA"
    assert _entry(from_xml, 206)["remarks"] is None and _entry(from_xml, 206)["program_raw"] == "SDGT"


def test_structured_fields_land_in_remarks_and_facts(from_xml):
    ri = _entry(from_xml, 204)
    # main date of birth first although the XML lists the other first; repeats marked "alt."
    assert ri["remarks"].startswith("DOB 15 Mar 1971; alt. DOB 1970; POB Hamhung, North Korea; nationality")
    assert "; alt. Passport 927220046 (Korea, North) issued 02 Feb 2017 expires 02 Feb 2022;" in ri["remarks"]
    assert ("passport", "927220046 (Korea, North) issued 02 Feb 2017 expires 02 Feb 2022", "alt.") in _facts(
        from_xml, 204
    )
    assert _facts(from_xml, 202) == [
        ("imo", "8912345", None),
        ("mmsi", "445987654", None),
        ("former_vessel_flag", "Sierra Leone", None),
        ("former_vessel_flag", "Tuvalu", "alt."),
        ("vessel_year_of_build", "1989", None),
        ("former_name", "OLD CHON", None),  # a weak f.k.a. goes to Remarks, as in the CSV
        ("linked_to", "EXAMPLE OCEAN SHIPPING CO.", None),
    ]
    assert ("imo_company_number", "5123456", None) in _facts(from_xml, 203)


def test_weak_aliases_go_to_remarks_strong_to_aliases(from_xml):
    aliases = {(a["ent_num"], a["alt_name"]) for a in from_xml.tables["aliases"].to_pylist()}
    assert (201, "KORYO EXAMPLE CORP") in aliases and (204, "LI, Chol") in aliases
    assert not {name for _, name in aliases} & {"KETC", "OLD CHON", "RI CHOL"}
    assert "a.k.a. 'KETC'" in _entry(from_xml, 201)["remarks"]


def test_linked_to_groups_with_parentheses_inside(from_xml):
    assert _facts(from_xml, 207) == [
        ("dob", "circa 1965", None),
        ("linked_to", "EXAMPLE BUREAU (RGB)-FOREIGN OFFICE", None),
        ("linked_to", "EXAMPLE OCEAN SHIPPING CO.", None),  # a listed name keeps its own full stop
    ]
    front = _entry(from_xml, 205)["remarks"]
    assert front.endswith("; Operates through front companies in Shenyang and Dandong; "
                          "Linked To: KORYO EXAMPLE TRADING CORPORATION.")  # fmt: skip


def test_long_remarks_are_whole_and_fill_comments_like_the_csv(from_xml):
    front = _entry(from_xml, 205)
    assert len(front["remarks"]) > parse.REMARKS_LIMIT and front["remarks_truncated"] is False
    (comment,) = from_xml.tables["comments"].to_pylist()
    assert comment["ent_num"] == 205
    assert comment["remarks_extension"] == front["remarks"][parse.REMARKS_LIMIT :]
    wallets = [f for f in _facts(from_xml, 205) if f[0] == "digital_currency_address"]
    assert len(wallets) == 15 and wallets[0][2] == "XBT" and wallets[1][2] == "alt. XBT"


# --------------------------------------------------------------------------------------------
# CSV and XML in one snapshot
# --------------------------------------------------------------------------------------------


def test_csv_beside_xml_must_list_the_same_entries(sls_xml: Path, csv_set, tmp_path: Path):
    both = parse.parse_snapshot({**csv_set, "sdn_xml": [sls_xml]})
    assert set(both.tables["sdn_entries"].column("_file").to_pylist()) == {"sdn_sls.xml"}  # the XML is loaded

    lines = csv_set["sdn"][0].read_bytes().split(b"\r\n")
    short = tmp_path / "sdn.csv"
    short.write_bytes(b"\r\n".join(line for line in lines if not line.startswith(b"206,")))
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn": [short], "sdn_xml": [sls_xml]})
    message = str(caught.value)
    assert caught.value.file == str(short)
    assert "sdn.csv and sdn_sls.xml are not the same publication" in message
    assert "1 ent_num only in the XML (206)" in message and "0 only in the CSV" in message


def test_no_primary_file_at_all(csv_set):
    with pytest.raises(SourceFormatError, match="snapshot has no sdn.csv and no SDN.XML"):
        parse.parse_snapshot({"add": csv_set["add"]})


def test_two_xml_files_in_one_snapshot(sls_xml: Path, tempuri_xml: Path):
    with pytest.raises(SourceFormatError, match="2 sdn_xml files"):
        parse.parse_snapshot({"sdn_xml": [sls_xml, tempuri_xml]})


# --------------------------------------------------------------------------------------------
# Refused files
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declaration", "found"),
    [
        (f'xmlns="{TEMPURI}2"', f"namespace '{TEMPURI}2'"),
        ('xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"',
         "namespace 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML'"),
        ("", "no namespace"),
    ],
)  # fmt: skip
def test_other_namespace_is_refused_naming_both_expected(sls_xml: Path, tmp_path: Path, declaration, found):
    foreign = _variant(tmp_path, sls_xml, "sdn.xml", (f'xmlns="{SLS}"', declaration))
    assert parse.classify(foreign) == "sdn_xml"  # recognised, so that the error below is the one seen
    assert parse.publisher_as_of(foreign, "sdn_xml") is None
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn_xml": [foreign]})
    message = str(caught.value)
    assert found in message
    assert TEMPURI in message and SLS in message


def test_record_count_must_match_the_entries(sls_xml: Path, tmp_path: Path):
    more = _variant(tmp_path, sls_xml, "sdn.xml", ("<Record_Count>7</Record_Count>", "<Record_Count>8</Record_Count>"))
    with pytest.raises(SourceFormatError, match=r"Record_Count says 8 entries but the file holds 7 .*truncated"):
        parse.parse_snapshot({"sdn_xml": [more]})
    missing = _variant(tmp_path, sls_xml, "sdn_2.xml", ("<Record_Count>7</Record_Count>", ""))
    with pytest.raises(SourceFormatError, match="no <publshInformation><Record_Count>"):
        parse.parse_snapshot({"sdn_xml": [missing]})
    # A file cut at an entry boundary but closed again (edited, or re-serialised from a partial read)
    text = sls_xml.read_text(encoding="utf-8")
    cut = tmp_path / "sdn_cut.xml"
    cut.write_text(text[: text.index("  <sdnEntry>\n    <uid>207</uid>")] + "</sdnList>\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="Record_Count says 7 entries but the file holds 6"):
        parse.parse_snapshot({"sdn_xml": [cut]})


def test_file_cut_short_names_position(sls_xml: Path, tmp_path: Path):
    data = sls_xml.read_bytes()
    cut = tmp_path / "sdn.xml"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceFormatError, match=r"not well-formed XML at line \d+, column \d+: .* cut short"):
        parse.parse_snapshot({"sdn_xml": [cut]})


def test_billion_laughs_is_refused_without_expansion(fixture_dir: Path):
    bomb = fixture_dir / "sdn_billion_laughs.xml"
    started = time.perf_counter()
    assert parse.classify(bomb) == "sdn_xml"
    assert parse.publisher_as_of(bomb, "sdn_xml") is None
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn_xml": [bomb]})
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert "sdn_billion_laughs.xml" in message and "DTD" in message
    assert "lol" * 10 not in message


def test_external_entity_is_refused_unread(tmp_path: Path):
    xxe = tmp_path / "sdn.xml"
    xxe.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY host SYSTEM "file:///etc/hostname">]>\n'
        f'<sdnList xmlns="{SLS}"><publshInformation><Record_Count>1</Record_Count></publshInformation>'
        "<sdnEntry><uid>1</uid><lastName>&host;</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>\n"
    )
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn_xml": [xxe]})
    assert "DTD" in str(caught.value)
    hostname = Path("/etc/hostname")
    if hostname.is_file() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in str(caught.value)


def test_unknown_element_is_refused_not_dropped(sls_xml: Path, tmp_path: Path):
    added = _variant(
        tmp_path, sls_xml, "sdn.xml", ("<uid>203</uid>", "<uid>203</uid>\n    <listingDate>2024-01-01</listingDate>")
    )
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn_xml": [added]})
    assert caught.value.record == 3
    assert "unexpected element <listingDate> in <sdnEntry>" in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("<sdnType>Vessel</sdnType>", "<sdnType>Ship</sdnType>", "sdnType 'Ship'"),
        ("<uid>202</uid>", "<uid>20X</uid>", "uid '20X' is not an integer"),
        ("<uid>202</uid>", "<uid>201</uid>", "uid 201 appears twice (first in sdnEntry 1)"),
        ("<category>weak</category>", "<category>medium</category>", "category 'medium'"),
        ("<type>n.k.a.</type>", "<type>aka</type>", "type 'aka'"),
        ("<mainEntry>false</mainEntry>", "<mainEntry>maybe</mainEntry>", "mainEntry 'maybe'"),
        ("<lastName>CHON EXAMPLE</lastName>", "", "has no lastName"),
        ("<remarks>(Linked To: EXAMPLE OCEAN SHIPPING CO.)</remarks>\n    <programList>\n      <program>DPRK3",
         "<remarks>(Linked To: EXAMPLE OCEAN SHIPPING CO.</remarks>\n    <programList>\n      <program>DPRK3",
         "never close it"),
    ],
)  # fmt: skip
def test_entries_that_cannot_be_read_without_guessing(sls_xml: Path, tmp_path: Path, old, new, reason):
    broken = _variant(tmp_path, sls_xml, "sdn.xml", (old, new))
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"sdn_xml": [broken]})
    assert reason in str(caught.value)
    assert caught.value.record is not None


def test_bad_or_repeated_alias_and_address_uids_are_quarantined(sls_xml: Path, tmp_path: Path):
    odd = _variant(
        tmp_path,
        sls_xml,
        "sdn.xml",
        ("<uid>303</uid>", "<uid>30X</uid>"),  # CHON EXAMPLE's strong f.k.a.
        ("<uid>404</uid>", "<uid>401</uid>"),  # RI's address repeats KORYO's add_num
    )
    parsed = parse.parse_snapshot({"sdn_xml": [odd]})
    assert [(q.file, q.record) for q in parsed.quarantine] == [("sdn.xml", 2), ("sdn.xml", 4)]
    assert "alt_num '30X' is not an integer" in parsed.quarantine[0].reason
    assert "add_num 401 appears twice (first in sdnEntry 1)" in parsed.quarantine[1].reason
    assert 202 not in parsed.tables["aliases"].column("ent_num").to_pylist()
    assert 204 not in parsed.tables["addresses"].column("ent_num").to_pylist()


def test_empty_elements_are_null(sls_xml: Path, tmp_path: Path):
    blank = _variant(
        tmp_path, sls_xml, "sdn.xml", ("<vesselType>Crude Oil Tanker</vesselType>", "<vesselType> </vesselType>")
    )
    entry = _entry(parse.parse_snapshot({"sdn_xml": [blank]}), 202)
    assert entry["vess_type"] is None and entry["call_sign"] == "HMEX2"
