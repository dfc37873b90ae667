"""Distance from shore from the GLOBE land mask (orchestration.lib.coast).

The cache is built once per session into a temporary folder, in a fresh interpreter so its
peak memory and its imports can be checked (~3 s, ~200 MB). Expected values come from public
coordinates; the comments give the full-resolution GLOBE answer where it was checked.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from orchestration.lib import coast as coast_mod

REPO_ROOT = Path(__file__).resolve().parents[2]
NM = 1.852


def run_python(code: str, *args: str, timeout: int = 180) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True,
        timeout=timeout, cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * coast_mod.EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


BUILD = """
import json, resource, sys, time
from pathlib import Path
from orchestration.lib import coast
t = time.perf_counter()
path = coast.build_coastline(Path(sys.argv[1]))
print(json.dumps({"path": str(path), "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "imported_package": "global_land_mask" in sys.modules}))
"""


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    cache = tmp_path_factory.mktemp("coast_cache")
    report = json.loads(run_python(BUILD, str(cache)))
    report["cache"] = cache
    return report


@pytest.fixture(scope="session")
def coast(built) -> coast_mod.Coast:
    return coast_mod.load(built["cache"])


# -- build and cache ---------------------------------------------------------------------------


def test_import_does_not_import_the_mask_package_or_scipy():
    out = run_python(
        "import sys, orchestration.lib.coast; "
        "print('global_land_mask' in sys.modules, 'scipy.spatial' in sys.modules)"
    )
    assert out == "False False"


def test_build_streams_the_mask_without_importing_the_package(built):
    assert built["imported_package"] is False
    # the package's own import would hold the 933 MB mask; the streamed build stays far below
    assert built["peak_mb"] < 500, built
    assert built["seconds"] < 60, built


def test_cache_files_are_named_by_package_version_and_resolution(built):
    version = importlib.metadata.version("global-land-mask")
    names = sorted(p.name for p in built["cache"].iterdir() if not p.name.startswith("."))
    stem = f"global-land-mask-{version}_0.025deg"
    assert names == [f"coast_{stem}.json", f"coastline_{stem}.npy", f"land_{stem}.npy"]
    assert Path(built["path"]).name == f"coastline_{stem}.npy"


def test_provenance(built, coast):
    meta = json.loads(next(built["cache"].glob("coast_*.json")).read_text())
    assert meta["package"] == "global-land-mask"
    assert meta["version"] == importlib.metadata.version("global-land-mask")
    assert meta["resolution_deg"] == pytest.approx(0.025)
    assert meta["factor"] == 3
    assert meta["coastline_cells"] == len(coast.points) > 300_000
    assert len(meta["source_sha256"]) == 64
    assert meta["built_at"] and meta["build_seconds"] > 0
    assert coast.provenance == meta


def test_cache_is_reused_not_rebuilt(built, monkeypatch):
    files = sorted(p for p in built["cache"].iterdir() if not p.name.startswith("."))
    stamps = [p.stat().st_mtime_ns for p in files]

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the cached coastline was rebuilt")

    monkeypatch.setattr(coast_mod, "_coarse_land", no_rebuild)
    monkeypatch.setattr(coast_mod, "_MEMO", {})
    assert coast_mod.build_coastline(built["cache"]) == Path(built["path"])
    fresh = coast_mod.load(built["cache"])
    assert len(fresh.points) > 0
    assert coast_mod.load(built["cache"]) is fresh  # one Coast per cache in a process
    assert [p.stat().st_mtime_ns for p in files] == stamps


def test_default_cache_dir_is_resolved_at_call_time(tmp_path, monkeypatch):
    monkeypatch.setenv("TUMEN_DATA_DIR", str(tmp_path / "one"))
    assert coast_mod.default_cache_dir() == (tmp_path / "one" / "cache" / "coast").resolve()
    monkeypatch.setenv("TUMEN_DATA_DIR", str(tmp_path / "two"))
    assert coast_mod.default_cache_dir() == (tmp_path / "two" / "cache" / "coast").resolve()
    assert coast_mod.default_cache_dir(tmp_path / "mine") == (tmp_path / "mine").resolve()


def test_load_without_provenance_is_refused(built, tmp_path):
    lonely = tmp_path / Path(built["path"]).name
    lonely.write_bytes(Path(built["path"]).read_bytes())
    with pytest.raises(coast_mod.CoastDataError, match="provenance"):
        coast_mod.Coast(lonely)


def test_coarse_land_contains_every_globe_land_cell(coast):
    """Cross-check against the package's own API, in a separate interpreter (it takes ~1 GB)."""
    rng = np.random.default_rng(11)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, 200_000)))
    lon = rng.uniform(-180, 180, 200_000)
    code = (
        "import sys, numpy as np; from global_land_mask import globe; "
        "rng = np.random.default_rng(11); "
        "lat = np.degrees(np.arcsin(rng.uniform(-1, 1, 200_000))); lon = rng.uniform(-180, 180, 200_000); "
        "sys.stdout.write(np.packbits(globe.is_land(lat, lon)).tobytes().hex())"
    )
    globe_land = np.unpackbits(np.frombuffer(bytes.fromhex(run_python(code)), np.uint8))[:200_000].astype(bool)
    ours = coast.is_land(lat, lon)
    assert not np.any(globe_land & ~ours)  # any GLOBE land makes the coarse cell land
    # and the coarse grid adds only a thin rim of water cells
    assert 0 < np.mean(ours & ~globe_land) < 0.005
    assert 0.27 < globe_land.mean() < 0.31


# -- geography ---------------------------------------------------------------------------------


def test_middle_of_the_yellow_sea_is_far_from_shore(coast):
    # nearest land: the Shandong peninsula (full-resolution GLOBE: 177.6 km)
    assert coast.distance_nm(35.5, 123.5) > 60
    assert 160 < coast.distance_km(35.5, 123.5) < 195


@pytest.mark.parametrize("lat, lon", [(38.733, 125.383), (42.74, 133.08)], ids=["nampo", "vostochny"])
def test_ports_are_at_the_shore(coast, lat, lon):
    assert coast.distance_km(lat, lon) < 5


def test_twenty_km_off_wonsan(coast):
    # East Korea Bay, NE of Wonsan; full-resolution GLOBE puts the shore 19.9 km away
    distance, clat, clon = coast.nearest(39.30, 127.85)
    assert 15 < coast.distance_km(39.30, 127.85) < 25
    assert distance == pytest.approx(coast.distance_km(39.30, 127.85))
    assert haversine_km(39.15, 127.44, clat, clon) < 30  # the nearest shore is Wonsan's


def test_pyongyang_is_land(coast):
    assert coast.is_land(39.03, 125.75)
    assert coast.distance_km(39.03, 125.75) == 0


def test_mid_pacific_is_far_from_anything(coast):
    distance, clat, clon = coast.nearest(30.0, -150.0)
    assert coast.distance_km(30.0, -150.0) > 500
    assert 18 < clat < 23 and -161 < clon < -154  # Hawaii


@pytest.mark.parametrize(
    "lat, lon", [(57.75, 10.70), (56.04, 12.66)], ids=["off-skagen-grenen", "oresund-helsingor"]
)
def test_danish_straits_are_close_to_shore_and_open(coast, lat, lon):
    assert not coast.is_land(lat, lon)  # the 4 km Oresund narrows stay water at 0.025 deg
    assert 0 < coast.distance_km(lat, lon) < 5


def test_antimeridian(coast):
    lat = np.array([0.0, 52.0, -16.8, 67.5, -40.0])
    east, west = coast.distance_km(lat, 180.0), coast.distance_km(lat, -180.0)
    np.testing.assert_allclose(east, west, rtol=0, atol=1e-9)
    near_e, near_w = coast.distance_km(lat, 179.9999), coast.distance_km(lat, -179.9999)
    np.testing.assert_allclose(near_e, near_w, atol=0.05)
    # the seam makes no coastline: inland Chukotka on the meridian is ~130 km from the sea
    assert coast.nearest(67.5, 180.0)[0] > 100
    assert coast.distance_km(0.0, 180.0) > 300  # open Pacific; Baker Island is ~385 km
    assert coast.distance_km(52.0, 179.9999) == pytest.approx(coast.distance_km(52.0, -179.9999), abs=0.05)


# -- API ---------------------------------------------------------------------------------------


def test_nearest_point_is_coastline_and_distance_is_great_circle(coast):
    rng = np.random.default_rng(3)
    j = rng.integers(0, len(coast.points), 2000)
    lat = np.clip(coast.points[j, 0] + rng.uniform(-2, 2, 2000), -89, 89)
    lon = (coast.points[j, 1] + rng.uniform(-2, 2, 2000) + 180) % 360 - 180
    d, clat, clon = coast.nearest(lat, lon)
    np.testing.assert_allclose(d, haversine_km(lat, lon, clat, clon), rtol=1e-6, atol=1e-3)
    assert coast.is_land(clat, clon).all()
    km = coast.distance_km(lat, lon)
    sea = ~coast.is_land(lat, lon)
    np.testing.assert_allclose(km[sea], d[sea])
    assert (km[~sea] == 0).all()
    np.testing.assert_allclose(coast.distance_nm(lat, lon), km / NM)


def test_invalid_coordinates_give_nan(coast):
    lat = np.array([np.nan, 91.0, 10.0, -90.5, 35.5])
    lon = np.array([125.0, 181.0, np.inf, 0.0, 123.5])
    d = coast.distance_km(lat, lon)
    assert np.isnan(d[:4]).all() and d[4] > 100
    assert coast.is_land(lat, lon).tolist() == [False] * 5


def test_shapes_are_kept(coast):
    assert coast.distance_km(35.5, 123.5).shape == ()
    grid = coast.distance_km(np.full((3, 4), 35.5), np.full((3, 4), 123.5))
    assert grid.shape == (3, 4) and np.allclose(grid, grid[0, 0])
    assert coast.is_land([39.03, 35.5], [125.75, 123.5]).tolist() == [True, False]
    assert coast.distance_km(np.array([]), np.array([])).shape == (0,)


def test_a_cache_of_another_format_is_rebuilt(built, tmp_path):
    for f in built["cache"].iterdir():
        if not f.name.startswith("."):
            (tmp_path / f.name).write_bytes(f.read_bytes())
    manifest = next(tmp_path.glob("coast_*.json"))
    manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "format": 0}))
    coast_mod.build_coastline(tmp_path)
    assert json.loads(manifest.read_text())["format"] == coast_mod.FORMAT
