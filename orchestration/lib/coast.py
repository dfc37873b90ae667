"""Distance from shore, from the GLOBE 1 km land mask shipped inside ``global-land-mask``.

The AIS analytics need "how far from shore" for gap endpoints, loitering and encounter
locations (Global Fishing Watch reports gaps more than 50 nm from shore; "near the DPRK coast"
is a distance too). Nothing is downloaded, ever: the mask is the ``.npz`` file inside the
``global-land-mask`` wheel (1.0.0: 21600 x 43200 cells of 30 arc-seconds, ~0.93 km).

Two steps:

``build_coastline(cache_dir)``, once per machine (~2-4 s)
    Streams the package's compressed mask out of its zip member, a block of fine rows at a
    time, and never holds the 933 MB full-resolution array: the package itself is **never
    imported** (``import global_land_mask`` unpacks the whole mask at import, ~1 GB). Its data
    file is found with ``importlib.util.find_spec`` and its version with
    ``importlib.metadata``; the shape and dtype of the array are checked. The mask is
    downsampled by ``factor`` (default 3, i.e. 0.025 deg: 2.8 km north-south, 2.1 km east-west
    at 40 N): a coarse cell is land if *any* of its fine cells is land (GLOBE counts most lakes
    as land). A coastline cell is a land cell with at least one water neighbour
    (8-connectivity, wrapping in longitude; the polar rows are extended by replication, so the
    grid edges make no coast). Written to ``cache_dir``, each file atomically:

    * ``coastline_global-land-mask-1.0.0_0.025deg.npy``: (N, 2) float32 (lat, lon) cell
      centres, N = 503,708, 4 MB;
    * ``land_global-land-mask-1.0.0_0.025deg.npy``: the coarse land grid, bit-packed along
      longitude (``numpy.packbits(axis=1)``), (7200, 1800) uint8, 13 MB;
    * ``coast_global-land-mask-1.0.0_0.025deg.json``: provenance (package, version, sha256 of
      the mask file, resolution, rule, cell counts, build time), written last: it marks the
      cache complete, and a complete cache is reused as it is (a second call takes < 1 ms).
      Concurrent builders of one cache directory take turns on a file lock.

``Coast`` (``load()`` builds on first use and keeps one instance per cache and process)
    Loads both arrays and builds a ``scipy.spatial.cKDTree`` over the unit vectors of the
    coastline points (~0.1 s), then answers vectorised queries: ``distance_km`` is the
    great-circle distance (mean Earth radius 6371.0088 km) to the nearest coastline cell
    centre, from the chord length; it is **0 for points on land** as ``is_land`` answers from
    the coarse grid. ``nearest`` also gives that coastline point (and does not zero land).
    Invalid coordinates (NaN, |lat| > 90, |lon| > 180, the AIS "not available" 91/181) give
    NaN (``is_land``: False). Longitudes run from -180 to 180, both ends the same meridian;
    the search is on the sphere, so nothing breaks at the antimeridian. Queries are put in
    Z-order before the tree search (twice as fast as arrival order).

Accuracy
    Each coastline cell contains GLOBE land and touches GLOBE water, so the distance of a sea
    point is within about half a coarse-cell diagonal of its distance to the GLOBE shoreline.
    Measured against the full-resolution GLOBE coastline (bench_coast.py, 500,000 points
    that are water in the full mask): beyond 5 km from shore the error is within +-1.31 km
    (0.7 nm), median -0.3 km (the any-land rule moves the coast seaward by a fraction of a
    cell). Within 5 km of shore, coarse land cells read 0: 42 % of GLOBE-water points within
    2 km of shore and 2 % of those 2-5 km out, errors down to -3.2 km. So harbours, river
    mouths and channels narrower than ~2 cells (~5 km) may read as land at distance 0; the
    4 km Oresund narrows stay open. On top of that come the limits of the GLOBE mask itself:
    30 arc-second cells (~0.9 km), islets smaller than a cell missing, straits narrower than
    a cell closed, shorelines as they were in the late 1990s (no recent reclamation or new
    ports), and most lakes counted as land (a lake shore is no coast). The mask has no
    country attribute: "near the DPRK coast" is ``nearest()``'s distance together with a test
    of its coastline point against a DPRK area.

Memory and time (tests/benchmarks/bench_coast.py on the 2-core machine; resident set size of
a fresh interpreter, ~35 MB with numpy before, ~65 MB with scipy):
    build: ~1.7-4 s, peak 185 MB (the 104 MB coarse grid, one 13 MB block of the stream);
    load: ~0.1 s, +47 MB resident (points, unit vectors, tree, packed land grid);
    1,000,000 sea queries: ~1.1-1.6 s on 2 cores (~1.4 s on one), peak +110 MB above the
    loaded state; queries run in chunks of 1,000,000, so a larger batch costs no more
    working memory than that plus its own inputs and output. ``is_land``: 0.05 s per million.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import threading
import time
import zipfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import numpy as np

from orchestration.lib.landing import sha256_of
from orchestration.lib.paths import resolve_data_dir

if TYPE_CHECKING:  # scipy is imported when a Coast is built, not with this module
    from scipy.spatial import cKDTree

PACKAGE = "global-land-mask"
MODULE = "global_land_mask"
MASK_FILE = "globe_combined_mask_compressed.npz"
MASK_MEMBER = "mask.npy"
FINE_SHAPE = (21600, 43200)  # 30 arc-second cells, row 0 at 90 N, column 0 at 180 W
FINE_PER_DEG = 120
DEFAULT_FACTOR = 3
EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_NM = 1.852
FORMAT = 1
QUERY_CHUNK = 1_000_000

_MEMO: dict[tuple[Path, int], "Coast"] = {}
_MEMO_LOCK = threading.Lock()


class CoastDataError(RuntimeError):
    """The land mask cannot be found or does not look like global-land-mask 1.0's."""


# ----------------------------------------------------------------------------------------------
# Where things are
# ----------------------------------------------------------------------------------------------


def default_cache_dir(explicit: str | os.PathLike | None = None) -> Path:
    """``explicit`` if given, else ``$TUMEN_DATA_DIR/cache/coast`` (``./data/cache/coast``),
    resolved when called, never at import."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    return resolve_data_dir() / "cache" / "coast"


def mask_source() -> tuple[Path, str]:
    """The mask file inside the installed package and the package's version, found without
    importing the package (its import loads the full 1 GB mask)."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise CoastDataError(f"{PACKAGE} is not installed: `pip install '{PACKAGE}>=1.0,<1.1'`")
    path = Path(list(spec.submodule_search_locations)[0]) / MASK_FILE
    if not path.is_file():
        raise CoastDataError(f"{path}: the land mask file of {PACKAGE} is missing")
    return path, importlib.metadata.version(PACKAGE)


def resolution_label(factor: int) -> str:
    degrees = factor / FINE_PER_DEG
    return f"{degrees:.6f}".rstrip("0").rstrip(".") + "deg"


def artefact_paths(cache_dir: Path, factor: int = DEFAULT_FACTOR, version: str | None = None) -> dict[str, Path]:
    """The three cache files for this resolution and package version."""
    if version is None:
        version = mask_source()[1]
    stem = f"{PACKAGE}-{version}_{resolution_label(factor)}"
    return {
        "coastline": cache_dir / f"coastline_{stem}.npy",
        "land": cache_dir / f"land_{stem}.npy",
        "manifest": cache_dir / f"coast_{stem}.json",
    }


# ----------------------------------------------------------------------------------------------
# One-time derivation
# ----------------------------------------------------------------------------------------------


def _coarse_land(mask_file: Path, factor: int) -> np.ndarray:
    """Coarse land grid (rows from 90 N, columns from 180 W): True where any fine cell is land.

    Reads the ``mask.npy`` member of the package's npz as a stream (the package's mask is True
    over the ocean), ``factor`` fine rows at a time in blocks: only the coarse grid and one
    block (~13 MB) are in memory.
    """
    rows, cols = FINE_SHAPE
    if rows % factor or cols % factor:
        raise ValueError(f"factor must divide {rows} and {cols}; got {factor}")
    coarse_rows, coarse_cols = rows // factor, cols // factor
    land = np.empty((coarse_rows, coarse_cols), dtype=bool)
    block = max(1, 100 // factor)  # coarse rows per read: ~13 MB of fine mask at factor 3
    with zipfile.ZipFile(mask_file) as archive, archive.open(MASK_MEMBER) as stream:
        version = np.lib.format.read_magic(stream)
        if version != (1, 0):
            raise CoastDataError(f"{mask_file}: unexpected .npy format {version} in {MASK_MEMBER}")
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        if tuple(shape) != FINE_SHAPE or fortran or dtype != np.dtype(bool):
            raise CoastDataError(
                f"{mask_file}: expected a C-ordered bool {FINE_SHAPE} mask, got {dtype} {shape}"
            )
        for start in range(0, coarse_rows, block):
            n = min(block, coarse_rows - start)
            size = n * factor * cols
            raw = stream.read(size)
            if len(raw) != size:
                raise CoastDataError(f"{mask_file}: {MASK_MEMBER} ends early at coarse row {start}")
            ocean = np.frombuffer(raw, dtype=bool).reshape(n, factor, coarse_cols, factor)
            all_ocean = ocean[:, 0].copy()
            for k in range(1, factor):
                all_ocean &= ocean[:, k]
            cell = all_ocean[..., 0].copy()
            for k in range(1, factor):
                cell &= all_ocean[..., k]
            np.logical_not(cell, out=land[start : start + n])
            del raw, ocean, all_ocean, cell
    return land


def _coastline_cells(land: np.ndarray, strip: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of land cells with a water 8-neighbour.

    Columns wrap (180 W is next to 180 E); the first and last rows are replicated beyond the
    poles so the edges of the grid make no coast. Works in strips to keep memory small.
    """
    nrows = land.shape[0]
    out_rows, out_cols = [], []
    for start in range(0, nrows, strip):
        stop = min(nrows, start + strip)
        index = np.clip(np.arange(start - 1, stop + 1), 0, nrows - 1)
        water = ~land[index]  # (stop - start + 2, ncols)
        across = water | np.roll(water, 1, axis=1)
        across |= np.roll(water, -1, axis=1)
        near_water = across[:-2] | across[1:-1]
        near_water |= across[2:]
        coast = land[start:stop] & near_water
        r, c = np.nonzero(coast)
        out_rows.append((r + start).astype(np.int32))
        out_cols.append(c.astype(np.int32))
    return np.concatenate(out_rows), np.concatenate(out_cols)


def _save_atomic(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "wb") as handle:
        np.save(handle, array, allow_pickle=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@contextmanager
def _build_lock(cache_dir: Path) -> Iterator[None]:
    """One builder per cache directory across processes (others wait, then reuse)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: concurrent builders write the same bytes atomically
        yield
        return
    with open(cache_dir / ".build.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _complete(paths: dict[str, Path]) -> bool:
    """All three files there, and the provenance of this module's cache format."""
    if not all(p.is_file() for p in paths.values()):
        return False
    try:
        return json.loads(paths["manifest"].read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError):
        return False


def build_coastline(cache_dir: Path, factor: int = DEFAULT_FACTOR) -> Path:
    """Derive the coastline and land grid once into ``cache_dir``; return the coastline file.

    Idempotent: an existing complete cache for this package version and resolution is
    returned untouched. See the module docstring for the rule, files, accuracy and cost.
    """
    cache_dir = Path(cache_dir)
    mask_file, version = mask_source()
    paths = artefact_paths(cache_dir, factor, version)
    if _complete(paths):
        return paths["coastline"]
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(cache_dir):
        if _complete(paths):  # another process built it while we waited
            return paths["coastline"]
        started = time.perf_counter()
        land = _coarse_land(mask_file, factor)
        rows, cols = _coastline_cells(land)
        step = factor / FINE_PER_DEG
        points = np.empty((rows.size, 2), dtype=np.float32)
        points[:, 0] = 90.0 - (rows + 0.5) * step
        points[:, 1] = -180.0 + (cols + 0.5) * step
        land_cells = int(np.count_nonzero(land))
        packed = np.packbits(land, axis=1)  # bit 7 of byte 0 is column 0
        del land, rows, cols
        _save_atomic(paths["coastline"], points)
        _save_atomic(paths["land"], packed)
        manifest = {
            "format": FORMAT,
            "package": PACKAGE,
            "version": version,
            "source_file": MASK_FILE,
            "source_sha256": sha256_of(mask_file),
            "source_resolution_deg": 1 / FINE_PER_DEG,
            "factor": factor,
            "resolution_deg": step,
            "grid": {"rows": int(packed.shape[0]), "cols": int(FINE_SHAPE[1] // factor),
                     "lat_top": 90.0, "lon_left": -180.0, "packed": "numpy.packbits axis=1"},
            "rule": "coarse cell is land if any GLOBE cell in it is land (lakes mostly land); "
                    "coastline cell = land cell with a water 8-neighbour, longitude wrapping",
            "coastline_cells": int(points.shape[0]),
            "land_cells": land_cells,
            "files": {k: p.name for k, p in paths.items() if k != "manifest"},
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "build_seconds": round(time.perf_counter() - started, 3),
        }
        tmp = paths["manifest"].with_name(f".{paths['manifest'].name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, paths["manifest"])
    return paths["coastline"]


# ----------------------------------------------------------------------------------------------
# Queries
# ----------------------------------------------------------------------------------------------


def _unit_vectors(lat_deg: np.ndarray, lon_deg: np.ndarray) -> np.ndarray:
    lat = np.radians(lat_deg, dtype=np.float64)
    lon = np.radians(lon_deg, dtype=np.float64)
    cos_lat = np.cos(lat)
    return np.column_stack((cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)))


def _spread_bits(v: np.ndarray) -> np.ndarray:
    """Put the low 16 bits of ``v`` on the even bit positions (for a Morton code)."""
    v = v & np.uint32(0xFFFF)
    v = (v | (v << np.uint32(8))) & np.uint32(0x00FF00FF)
    v = (v | (v << np.uint32(4))) & np.uint32(0x0F0F0F0F)
    v = (v | (v << np.uint32(2))) & np.uint32(0x33333333)
    return (v | (v << np.uint32(1))) & np.uint32(0x55555555)


def _morton_order(lat: np.ndarray, lon: np.ndarray, bits: int = 10) -> np.ndarray:
    """An order that puts nearby points next to each other (Z-order on a 1024 x 1024 grid):
    the tree is then walked with warm caches, about twice as fast as in arrival order."""
    scale = float((1 << bits) - 1)
    y = ((lat + 90.0) * (scale / 180.0)).astype(np.uint32)
    x = ((lon + 180.0) * (scale / 360.0)).astype(np.uint32)
    return np.argsort(_spread_bits(x) | (_spread_bits(y) << np.uint32(1)), kind="stable")


class Coast:
    """Distance to the nearest GLOBE coastline cell, and land or water, for many points at once.

    ``Coast(coastline_path)`` reads the files ``build_coastline`` wrote beside it; prefer
    ``load()``. ``workers`` is passed to ``cKDTree.query`` (-1: all cores).
    """

    def __init__(self, coastline_path: str | os.PathLike, *, workers: int = -1):
        from scipy.spatial import cKDTree

        coastline_path = Path(coastline_path)
        manifest_path = coastline_path.with_name(
            coastline_path.name.replace("coastline_", "coast_", 1)
        ).with_suffix(".json")
        if not manifest_path.is_file():
            raise CoastDataError(f"{manifest_path}: provenance missing; rebuild the coast cache")
        self.provenance: dict = json.loads(manifest_path.read_text(encoding="utf-8"))
        if self.provenance.get("format") != FORMAT:
            raise CoastDataError(f"{manifest_path}: cache format {self.provenance.get('format')}, expected {FORMAT}")
        self.path = coastline_path
        self.workers = workers
        self.resolution_deg = float(self.provenance["resolution_deg"])
        self.points: np.ndarray = np.load(coastline_path, allow_pickle=False)  # (N, 2) float32
        self._land = np.load(coastline_path.with_name(self.provenance["files"]["land"]), allow_pickle=False)
        self._rows = int(self.provenance["grid"]["rows"])
        self._cols = int(self.provenance["grid"]["cols"])
        if self.points.ndim != 2 or self.points.shape[1] != 2 or self._land.shape != (self._rows, (self._cols + 7) // 8):
            raise CoastDataError(f"{coastline_path}: arrays do not match their provenance; rebuild")
        self.tree: cKDTree = cKDTree(
            _unit_vectors(self.points[:, 0], self.points[:, 1]),
            leafsize=16, balanced_tree=False, compact_nodes=False, copy_data=False,
        )

    def __repr__(self) -> str:
        return (f"Coast({self.provenance['package']} {self.provenance['version']}, "
                f"{self.resolution_deg:g} deg, {len(self.points):,} coastline cells)")

    # -- inputs ------------------------------------------------------------------------------

    @staticmethod
    def _inputs(lat, lon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lat, lon = np.broadcast_arrays(np.asarray(lat, dtype=np.float64), np.asarray(lon, dtype=np.float64))
        valid = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90.0) & (np.abs(lon) <= 180.0)
        return lat, lon, valid

    def _grid_land(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Coarse-grid land for valid, flat coordinates."""
        per_deg = 1.0 / self.resolution_deg
        row = np.clip(np.floor((90.0 - lat) * per_deg), 0, self._rows - 1).astype(np.intp)
        col = np.floor((np.mod(lon + 180.0, 360.0)) * per_deg).astype(np.intp) % self._cols
        byte = self._land[row, col >> 3]
        return ((byte >> (7 - (col & 7)).astype(np.uint8)) & 1).astype(bool)

    def _search(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Great-circle km to, and index of, the nearest coastline point (valid flat input)."""
        order = _morton_order(lat, lon)
        chord, hit = self.tree.query(_unit_vectors(lat[order], lon[order]), k=1, workers=self.workers)
        km = np.empty(lat.shape)
        index = np.empty(lat.shape, dtype=np.intp)
        km[order] = 2.0 * np.arcsin(np.minimum(chord * 0.5, 1.0)) * EARTH_RADIUS_KM
        index[order] = hit
        return km, index

    # -- answers -----------------------------------------------------------------------------

    def is_land(self, lat, lon) -> np.ndarray:
        """True where the point's coarse cell holds any GLOBE land (False for invalid input)."""
        lat, lon, valid = self._inputs(lat, lon)
        out = np.zeros(lat.shape, dtype=bool)
        out[valid] = self._grid_land(lat[valid], lon[valid])
        return out

    def nearest(self, lat, lon) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(distance_km, coast_lat, coast_lon) of the nearest coastline cell centre.

        The distance here is *not* zeroed on land (see ``distance_km``); NaN for invalid input.
        """
        lat, lon, valid = self._inputs(lat, lon)
        dist = np.full(lat.shape, np.nan)
        clat = np.full(lat.shape, np.nan)
        clon = np.full(lat.shape, np.nan)
        flat_valid = np.flatnonzero(valid.ravel())
        lat_f, lon_f = lat.ravel(), lon.ravel()
        d_f, a_f, o_f = dist.reshape(-1), clat.reshape(-1), clon.reshape(-1)
        for start in range(0, flat_valid.size, QUERY_CHUNK):
            idx = flat_valid[start : start + QUERY_CHUNK]
            d_f[idx], hit = self._search(lat_f[idx], lon_f[idx])
            a_f[idx] = self.points[hit, 0]
            o_f[idx] = self.points[hit, 1]
        return dist, clat, clon

    def distance_km(self, lat, lon) -> np.ndarray:
        """Great-circle km to the nearest coastline cell centre; 0 on land, NaN if invalid."""
        lat, lon, valid = self._inputs(lat, lon)
        out = np.full(lat.shape, np.nan)
        flat = out.reshape(-1)
        lat_f, lon_f = lat.ravel(), lon.ravel()
        idx_valid = np.flatnonzero(valid.ravel())
        for start in range(0, idx_valid.size, QUERY_CHUNK):
            idx = idx_valid[start : start + QUERY_CHUNK]
            la, lo = lat_f[idx], lon_f[idx]
            on_land = self._grid_land(la, lo)
            sea = idx[~on_land]
            flat[idx[on_land]] = 0.0
            if sea.size:
                flat[sea] = self._search(lat_f[sea], lon_f[sea])[0]
        return out

    def distance_nm(self, lat, lon) -> np.ndarray:
        """``distance_km`` in nautical miles (1 nm = 1.852 km)."""
        return self.distance_km(lat, lon) / KM_PER_NM


def load(cache_dir: str | os.PathLike | None = None, factor: int = DEFAULT_FACTOR) -> Coast:
    """The Coast for ``cache_dir`` (default: ``default_cache_dir()``), built there on first use.

    One instance per cache directory and resolution is kept for the life of the process.
    """
    directory = default_cache_dir(cache_dir)
    key = (directory, factor)
    with _MEMO_LOCK:
        coast = _MEMO.get(key)
        if coast is None:
            coast = Coast(build_coastline(directory, factor))
            _MEMO[key] = coast
        return coast
