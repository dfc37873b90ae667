"""Landing: snapshot dating, immutability, idempotence, the dataset guard."""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from orchestration.lib import landing
from orchestration.lib.errors import SourceFormatError, TumenConfigError


def classify(path: Path):
    return {"sdn": "sdn", "add": "add", "alt": "alt"}.get(path.stem.split("_")[0])


def no_publisher_date(path, role):
    return None


def write(path: Path, text: str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_dated_subfolders_are_snapshots_in_date_order(tmp_path):
    write(tmp_path / "2024-06-01" / "sdn.csv", "b")
    write(tmp_path / "2024-05-01" / "sdn.csv", "a")
    snaps = landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)
    assert [s.as_of for s in snaps] == [date(2024, 5, 1), date(2024, 6, 1)]
    assert {s.as_of_basis for s in snaps} == {"folder name"}


def test_undated_files_join_the_one_dated_file(tmp_path):
    write(tmp_path / "sdn_2024-05-03.csv", "x")
    write(tmp_path / "add.csv", "y", mtime=0)
    write(tmp_path / "alt.csv", "z", mtime=0)
    (snap,) = landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)
    assert snap.as_of == date(2024, 5, 3)
    assert sorted(f.role for f in snap.files) == ["add", "alt", "sdn"]


def test_undated_files_beside_two_dated_ones_are_refused(tmp_path):
    write(tmp_path / "sdn_2024-05-02.csv", "x")
    write(tmp_path / "sdn_2024-05-03.csv", "x")
    write(tmp_path / "add.csv", "y")
    with pytest.raises(SourceFormatError, match="add.csv.*several dated snapshots"):
        landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)


def test_all_undated_files_form_one_snapshot_dated_by_newest_mtime(tmp_path):
    write(tmp_path / "sdn.csv", "x", mtime=1_700_000_000)  # 2023-11-14
    write(tmp_path / "add.csv", "y", mtime=1_717_200_000)  # 2024-06-01
    (snap,) = landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)
    assert snap.as_of == date(2024, 6, 1)
    assert snap.as_of_basis == "file modified time"


def test_unrecognised_file_is_named(tmp_path):
    write(tmp_path / "notes.xlsx", "x")
    with pytest.raises(SourceFormatError, match="notes.xlsx.*not a recognised ofac_sdn file"):
        landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)


def test_readme_beside_data_is_ignored(tmp_path):
    write(tmp_path / "README.md", "about")
    write(tmp_path / "sdn_2024-05-03.csv", "x")
    (snap,) = landing.discover("ofac_sdn", tmp_path, classify, no_publisher_date)
    assert [f.path.name for f in snap.files] == ["sdn_2024-05-03.csv"]


def test_land_copies_unchanged_with_manifest_and_is_idempotent(tmp_path):
    src = write(tmp_path / "in" / "sdn_2024-05-03.csv", "1,\"A\"\r\n\x1a")
    (pending,) = landing.discover("ofac_sdn", tmp_path / "in", classify, no_publisher_date)
    raw = tmp_path / "raw"
    first = landing.land(pending, raw, "own")
    again = landing.land(pending, raw, "own")
    landed = raw / "ofac_sdn" / "2024-05-03" / "sdn_2024-05-03.csv"
    assert landed.read_bytes() == src.read_bytes()
    manifest = json.loads((landed.parent / "manifest.json").read_text())
    assert manifest["files"][0]["sha256"] == landing.sha256_of(src)
    assert manifest["files"][0]["origin"] == str(src.resolve())
    assert manifest["as_of_basis"] == "file name"
    assert first.fingerprint == again.fingerprint


def test_land_refuses_to_overwrite_a_raw_file(tmp_path):
    write(tmp_path / "a" / "sdn_2024-05-03.csv", "one")
    write(tmp_path / "b" / "sdn_2024-05-03.csv", "two")
    raw = tmp_path / "raw"
    (first,) = landing.discover("ofac_sdn", tmp_path / "a", classify, no_publisher_date)
    landing.land(first, raw, "own")
    (second,) = landing.discover("ofac_sdn", tmp_path / "b", classify, no_publisher_date)
    with pytest.raises(SourceFormatError, match="immutable"):
        landing.land(second, raw, "own")
    assert (raw / "ofac_sdn" / "2024-05-03" / "sdn_2024-05-03.csv").read_text() == "one"


def test_sample_and_real_data_never_share_a_raw_folder(tmp_path):
    write(tmp_path / "in" / "sdn_2024-05-03.csv", "x")
    (pending,) = landing.discover("ofac_sdn", tmp_path / "in", classify, no_publisher_date)
    landing.land(pending, tmp_path / "raw", "sample")
    with pytest.raises(TumenConfigError, match="separate data directory"):
        landing.land(pending, tmp_path / "raw", "own")
    assert landing.landed_datasets(tmp_path / "raw") == {"sample"}
