"""Must show: real OFAC sdn/add/alt files and a real UN list, dropped into a folder, publish marts
that contain those records."""

from tests.integration.conftest import query, tumen


def test_real_ofac_and_un_files_publish_their_records(tmp_path, realdata):
    inputs = tmp_path / "inputs"
    (inputs / "ofac_sdn").mkdir(parents=True)
    (inputs / "un_sc").mkdir()
    ofac = realdata / "sanctions_ofac"
    for real in (ofac / "sdn_2024" / "sdn_2024-05-03.csv", ofac / "sdn_2026_add_alt" / "add.csv",
                 ofac / "sdn_2026_add_alt" / "alt.csv"):
        (inputs / "ofac_sdn" / real.name).symlink_to(real)
    un = realdata / "sanctions_un" / "un_consolidated_2025-04-19.xml"
    (inputs / "un_sc" / un.name).symlink_to(un)

    data_dir = tmp_path / "data"
    result = tumen("run", "--source-dir", str(inputs), "--sources", "ofac_sdn,un_sc", data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-4000:]
    db = data_dir / "published" / "tumen.duckdb"

    # every one of the 14,965 OFAC records is a listing in the marts, dated by its file name
    assert query(db, "select count(distinct source_record_id) from sanctions.fct_designations where authority = 'OFAC'") == [(14965,)]
    assert query(db, "select min(valid_from), max(valid_from) from sanctions.fct_designations where authority = 'OFAC'")[0] == (
        query(db, "select date '2024-05-03', date '2024-05-03'")[0]
    )
    # DPRK program counts as published (a record counts in each of its programs)
    programs = dict(query(
        db,
        "select program, count(*) from sanctions.fct_designations where authority = 'OFAC' "
        "and program like 'DPRK%' group by 1",
    ))
    assert programs == {"DPRK": 57, "DPRK2": 111, "DPRK3": 147, "DPRK4": 174, "DPRK-NKSPEA": 2}
    # the UN DPRK regime: 80 individuals and 75 entities, with the issuer's listing dates
    assert query(
        db,
        "select e.entity_type, count(*) from sanctions.fct_designations d join sanctions.dim_entities e using (entity_id) "
        "where d.authority = 'UN' and d.program = 'DPRK' group by 1 order by 1",
    ) == [("entity", 75), ("individual", 80)]
    assert query(
        db, "select valid_from_basis, count(*) from sanctions.fct_designations where authority = 'UN' group by 1"
    )[0][0] == "issuer date"
    # designated DPRK vessels are vessels keyed by IMO
    assert query(
        db,
        "select count(*), count(imo) from sanctions.dim_entities where entity_type = 'vessel' and is_dprk_related",
    ) == [(105, 104)]
    # DPRK parties on both lists resolve to one entity each; none absorbs two listings of one list
    assert query(
        db, "select listing_authorities from sanctions.dim_entities where un_reference_number = 'KPe.001'"
    ) == [(["OFAC", "UN"],)]
    assert query(
        db,
        "select count(*) from (select entity_id, authority from sanctions.dim_listings "
        "group by all having count(*) > 1)",
    ) == [(0,)]
    both, un_only, ofac_only = query(
        db,
        """
        select count(*) filter (where listing_authorities = ['OFAC', 'UN']),
               count(*) filter (where listing_authorities = ['UN']),
               count(*) filter (where listing_authorities = ['OFAC'])
        from sanctions.mart_designation_gaps where is_dprk_related
        """,
    )[0]
    assert both >= 80  # measured: 89 of the 155 UN DPRK parties have an OFAC DPRK-program counterpart
    assert un_only == 155 - both and ofac_only > 0
    assert query(
        db,
        "select missing_authorities from sanctions.mart_designation_gaps "
        "where entity_id = (select entity_id from sanctions.dim_listings where listing_id = 'OFAC-9345')",
    ) == [([],)]
    # the raw add/alt files are kept whole even though they do not join this sdn file
    lineage = query(db, "select file, sha256 from meta.raw_files order by file")
    assert [f for f, _ in lineage] == ["add.csv", "alt.csv", "sdn_2024-05-03.csv", "un_consolidated_2025-04-19.xml"]
