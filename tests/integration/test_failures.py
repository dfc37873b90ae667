"""A failed night never half-publishes and never touches the last good warehouse."""

import hashlib
import shutil
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.integration.conftest import query, tumen

SAMPLE = REPO_ROOT / "data" / "sample"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_state(data_dir: Path) -> dict:
    published = data_dir / "published"
    state = {"db": digest(published / "tumen.duckdb"), "current": (published / "current").readlink().name}
    for parquet in sorted((published / "parquet").glob("*.parquet")):
        state[parquet.name] = digest(parquet)
    state["releases"] = sorted(p.name for p in (published / "releases").iterdir())
    return state


def test_failed_check_publishes_nothing_and_keeps_the_previous_release(tmp_path):
    source_dir = tmp_path / "inputs"
    shutil.copytree(SAMPLE, source_dir)
    data_dir = tmp_path / "data"
    first = tumen("run", "--source-dir", str(source_dir), data_dir=data_dir)
    assert first.returncode == 0, first.stdout[-3000:]
    before = published_state(data_dir)

    # A later UN list whose DPRK reference number breaks the KPi/KPe format: the parser keeps it
    # (it is the publisher's text), the Great Expectations suite on raw_un_sc.parties must block.
    (un_file,) = (source_dir / "un_sc").glob("*.xml")
    text = un_file.read_text(encoding="utf-8")
    bad = text.replace("<REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>", "<REFERENCE_NUMBER>KPX.0001</REFERENCE_NUMBER>", 1)
    assert bad != text
    later = source_dir / "un_sc" / "2024-06-15"
    later.mkdir()
    (later / "consolidated.xml").write_text(bad, encoding="utf-8")

    second = tumen("run", "--source-dir", str(source_dir), data_dir=data_dir)
    assert second.returncode == 1
    assert "NOT PUBLISHED" in second.stdout
    assert "raw_un_sc/parties great_expectations" in second.stdout
    assert "expect_column_values_to_match_regex(reference_number)" in second.stdout
    assert published_state(data_dir) == before


def test_corrupted_un_file_is_a_clear_error_and_publishes_nothing(tmp_path, realdata):
    source_dir = tmp_path / "inputs"
    (source_dir / "un_sc").mkdir(parents=True)
    corrupted = realdata / "sanctions_un" / "un_consolidated_2025-08-16_CORRUPTED_ENCODING.xml"
    (source_dir / "un_sc" / corrupted.name).symlink_to(corrupted)
    data_dir = tmp_path / "data"
    result = tumen("run", "--source-dir", str(source_dir), "--sources", "un_sc", data_dir=data_dir)
    assert result.returncode == 1
    assert "un_consolidated_2025-08-16_CORRUPTED_ENCODING.xml" in result.stdout
    assert "not well-formed XML" in result.stdout
    assert not (data_dir / "published" / "tumen.duckdb").exists()
    rejected = list((data_dir / "raw" / "un_sc" / "_rejected").iterdir())
    assert len(rejected) == 1 and (rejected[0] / "REJECTED.txt").read_text().count("not well-formed") == 1
    assert query(data_dir / "build" / "warehouse.duckdb", "select count(*) from raw_un_sc.parties") == [(0,)]


def test_missing_source_folder_is_a_clear_error(tmp_path):
    (tmp_path / "inputs" / "ofac_sdn").mkdir(parents=True)
    result = tumen("run", "--source-dir", str(tmp_path / "inputs"), data_dir=tmp_path / "data")
    assert result.returncode == 2
    assert "has no sub-folder for ais, comtrade, eu_fsf, ofac_cons, uk_sanctions, un_sc" in result.stderr
    assert "--sources" in result.stderr


def test_sample_and_own_data_never_mix(sample_run, tmp_path):
    shutil.copytree(SAMPLE / "un_sc", tmp_path / "inputs" / "un_sc")
    result = tumen("run", "--source-dir", str(tmp_path / "inputs"), "--sources", "un_sc", data_dir=sample_run)
    assert result.returncode == 2
    assert "never share a warehouse" in result.stderr


def test_a_list_that_suddenly_loses_dprk_records_blocks_publishing(tmp_path):
    source_dir = tmp_path / "inputs"
    shutil.copytree(SAMPLE, source_dir)
    data_dir = tmp_path / "data"
    assert tumen("run", "--source-dir", str(source_dir), data_dir=data_dir).returncode == 0
    before = published_state(data_dir)

    # a later sdn.csv that lost a fifth of its DPRK-program records, as a truncated download would
    june = source_dir / "ofac_sdn" / "2024-06-01"
    july = source_dir / "ofac_sdn" / "2024-07-01"
    shutil.copytree(june, july)
    lines = (july / "sdn.csv").read_bytes().split(b"\r\n")
    dprk = [i for i, line in enumerate(lines) if b'"DPRK' in line or b"] [DPRK" in line]
    dropped = set(dprk[::5])
    (july / "sdn.csv").write_bytes(b"\r\n".join(line for i, line in enumerate(lines) if i not in dropped))

    result = tumen("run", "--source-dir", str(source_dir), data_dir=data_dir)
    assert result.returncode == 1
    assert "dprk_drift_vs_published" in result.stdout and "listings OFAC" in result.stdout
    assert published_state(data_dir) == before
