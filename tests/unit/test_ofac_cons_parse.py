"""OFAC Consolidated (non-SDN) list: ofac_sdn's parser under the consolidated file names, invented
fixtures in both formats, and the live fetch against a loopback server.

No real consolidated file is at hand; tests/fixtures/ofac_cons holds invented records
(consolidated.xml and the same records as cons_*.csv).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from orchestration.defs.sources.ofac_cons import fetch as cons_fetch
from orchestration.defs.sources.ofac_cons import parse
from orchestration.defs.sources.ofac_sdn import parse as sdn_parse
from orchestration.lib.errors import SourceFormatError
from orchestration.lib.http import FetchError, FetchPolicy

LINEAGE = {"_file", "_record"}
CSV_ROLES = ("cons_prim", "cons_add", "cons_alt", "cons_comments")


@pytest.fixture(scope="module")
def fixture_dir(fixtures: Path) -> Path:
    return fixtures / "ofac_cons"


@pytest.fixture(scope="module")
def csv_set(fixture_dir: Path) -> dict[str, list[Path]]:
    return {role: [fixture_dir / f"{role}.csv"] for role in CSV_ROLES}


@pytest.fixture(scope="module")
def xml_file(fixture_dir: Path) -> Path:
    return fixture_dir / "consolidated.xml"


def _rows(snapshot, table: str) -> list[tuple]:
    rows = snapshot.tables.get(table)
    if rows is None:
        return []
    return sorted(tuple((k, repr(v)) for k, v in r.items() if k not in LINEAGE) for r in rows.to_pylist())


# --------------------------------------------------------------------------------------------
# The module contract
# --------------------------------------------------------------------------------------------


def test_module_contract():
    assert (parse.SOURCE, parse.DOMAIN) == ("ofac_cons", "sanctions")
    assert parse.ROLES == ("cons_prim", "cons_add", "cons_alt", "cons_comments", "cons_xml")
    # The same schemas as raw_ofac_sdn, so staging can union the two lists without casts.
    assert set(parse.RAW_TABLES) == set(sdn_parse.RAW_TABLES)
    for name, (schema, description) in parse.RAW_TABLES.items():
        assert schema.equals(sdn_parse.RAW_TABLES[name][0]), name
        assert schema.names[-2:] == ["_file", "_record"]
        assert description and "sdn.csv" not in description


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("cons_prim.csv", "cons_prim"),
        ("CONS_PRIM.CSV", "cons_prim"),
        ("cons_prim_2024-07-02.csv", "cons_prim"),
        ("cons_add.csv", "cons_add"),
        ("CONS_ALT.CSV", "cons_alt"),
        ("cons_comments.csv", "cons_comments"),
        ("sdn.csv", None),
        ("add.csv", None),
        ("alt.csv", None),
        ("sdn_comments.csv", None),
        ("consolidated.csv", None),
        ("README.md", None),
    ],
)
def test_classify_csv_names(name: str, role: str | None):
    assert parse.classify(Path(name)) == role
    if role:
        assert parse.publisher_as_of(Path(name), role) is None


def test_classify_xml_by_name_and_root(xml_file: Path, fixtures: Path, tmp_path: Path):
    assert parse.classify(xml_file) == "cons_xml"
    upper = tmp_path / "CONSOLIDATED.XML"
    shutil.copyfile(xml_file, upper)
    assert parse.classify(upper) == "cons_xml"
    # SDN.XML has the same root and namespace: only the name keeps it out of this list.
    assert parse.classify(fixtures / "ofac_sdn" / "sdn_sls.xml") is None
    assert sdn_parse.classify(xml_file) is None
    for name in ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"):
        assert sdn_parse.classify(Path(name)) is None


def test_publisher_as_of(xml_file: Path):
    assert parse.publisher_as_of(xml_file, "cons_xml") == date(2024, 7, 2)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", sorted(parse.RAW_TABLES))
def test_xml_and_csvs_give_identical_rows(xml_file: Path, csv_set, table: str):
    from_xml = parse.parse_snapshot({"cons_xml": [xml_file]})
    from_csv = parse.parse_snapshot(csv_set)
    assert _rows(from_xml, table) == _rows(from_csv, table)


def test_csv_snapshot(csv_set):
    parsed = parse.parse_snapshot(csv_set)
    assert not parsed.quarantine
    entries = parsed.tables["sdn_entries"].to_pylist()
    assert [(e["ent_num"], e["sdn_name"], e["sdn_type"], e["programs"], e["_file"]) for e in entries] == [
        (18001, "EXAMPLE ENERGY BANK PJSC", None, ["UKRAINE-EO13662"], "cons_prim.csv"),
        (18002, "KANG, Example", "individual", ["NS-PLC"], "cons_prim.csv"),
        (18003, "EXAMPLE CORRESPONDENT BANK", None, ["CAPTA"], "cons_prim.csv"),
    ]
    facts = [(f["ent_num"], f["fact"], f["value"], f["qualifier"]) for f in parsed.tables["remark_facts"].to_pylist()]
    assert facts == [
        (18001, "registration_number", "1027700000001 (Russia)", "Registration ID"),
        (18001, "website", "www.example-energy-bank.test", None),
        (18002, "dob", "1962", None),
        (18002, "pob", "Gaza", None),
        (18003, "swift_bic", "EXBKRUMM", None),
    ]
    (address,) = parsed.tables["addresses"].to_pylist()
    assert (address["address"], address["city_state_zip"], address["country"]) == (
        "1 Example Street", "Moscow 101000", "Russia",
    )  # fmt: skip
    assert parsed.tables["comments"].num_rows == 0  # a file holding only the Ctrl-Z mark


def test_xml_beside_csvs_is_loaded_and_checked(xml_file: Path, csv_set, tmp_path: Path):
    both = parse.parse_snapshot({**csv_set, "cons_xml": [xml_file]})
    assert set(both.tables["sdn_entries"].column("_file").to_pylist()) == {"consolidated.xml"}
    extra = tmp_path / "cons_prim.csv"
    extra.write_bytes(
        csv_set["cons_prim"][0].read_bytes().removesuffix(b"\x1a")
        + b'18004,"ONLY IN THE CSV",-0- ,"CAPTA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
    )
    with pytest.raises(SourceFormatError) as caught:
        parse.parse_snapshot({"cons_prim": [extra], "cons_xml": [xml_file]})
    assert "cons_prim.csv and consolidated.xml are not the same publication" in str(caught.value)
    assert "1 only in the CSV (18004)" in str(caught.value)


def test_errors_name_the_consolidated_files(csv_set, tmp_path: Path):
    with pytest.raises(SourceFormatError, match="snapshot has no cons_prim.csv and no CONSOLIDATED.XML"):
        parse.parse_snapshot({"cons_add": csv_set["cons_add"]})
    short = tmp_path / "cons_prim.csv"
    short.write_bytes(b'1,"ONE",-0- ,"CAPTA"\r\n\x1a')
    with pytest.raises(SourceFormatError, match=r"record 1: expected 12 fields in a cons_prim record, found 4"):
        parse.parse_snapshot({"cons_prim": [short]})
    with pytest.raises(SourceFormatError, match=r"unknown ofac_cons file roles \['sdn'\]"):
        parse.parse_snapshot({"sdn": csv_set["cons_prim"]})


# --------------------------------------------------------------------------------------------
# Live fetch against a loopback server
# --------------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@pytest.fixture()
def cons_server(tmp_path: Path, fixture_dir: Path):
    served = tmp_path / "served" / "exports"
    served.mkdir(parents=True)
    for remote, local in cons_fetch.FILES.values():
        shutil.copyfile(fixture_dir / local, served / remote)
    # Distinct Last-Modified per file, as a server may send: the snapshot must still be one.
    for offset, remote in enumerate(sorted(p.name for p in served.iterdir())):
        stamp = 1_719_900_000 - offset * 86_400 * 30
        os.utime(served / remote, (stamp, stamp))
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "served"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/exports/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


FAST = FetchPolicy(timeout_seconds=5, retries=0, backoff_factor=0)


def test_fetch_downloads_the_five_files(cons_server: str, tmp_path: Path, fixture_dir: Path):
    files = cons_fetch.fetch(tmp_path / "landing", base_url=cons_server, policy=FAST)
    assert [f.role for f in files] == ["cons_prim", "cons_add", "cons_alt", "cons_comments", "cons_xml"]
    for item in files:
        assert item.origin.startswith(cons_server)
        assert parse.classify(item.path) == item.role
        assert item.path.read_bytes() == (fixture_dir / item.path.name).read_bytes()
    assert len({f.last_modified for f in files}) == 1  # the XML's date stands for all five
    dates = {parse.publisher_as_of(f.path, f.role) for f in files} - {None}
    assert dates == {date(2024, 7, 2)}
    parsed = parse.parse_snapshot({f.role: [f.path] for f in files})
    assert parsed.tables["sdn_entries"].num_rows == 3


def test_fetch_base_url_from_environment(cons_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(cons_fetch.BASE_URL_ENV, cons_server.rstrip("/"))
    files = cons_fetch.fetch(tmp_path / "landing", policy=FAST)
    assert files[0].origin == cons_server + "CONS_PRIM.CSV"
    assert files[-1].origin == cons_server + "CONSOLIDATED.XML"


def test_fetch_missing_file_raises(cons_server: str, tmp_path: Path):
    with pytest.raises(FetchError, match="HTTP 404"):
        cons_fetch.fetch(tmp_path / "landing", base_url=cons_server + "nowhere/", policy=FAST)


def test_default_urls_are_the_sanctions_list_service():
    assert cons_fetch.BASE_URL == "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
    assert [remote for remote, _ in cons_fetch.FILES.values()] == [
        "CONS_PRIM.CSV", "CONS_ADD.CSV", "CONS_ALT.CSV", "CONS_COMMENTS.CSV", "CONSOLIDATED.XML",
    ]  # fmt: skip


def test_assets_declare_one_key_per_raw_table():
    from orchestration.defs.sources.ofac_cons import assets

    keys = {tuple(k.path) for k in assets.ofac_cons_raw_tables.keys}
    assert keys == {("raw_ofac_cons", name) for name in parse.RAW_TABLES}
