"""Benchmark-scale AIS: about ``scale`` million positions over the sample week, as daily Parquet
files with the NOAA MarineCadastre classic column names (``AIS_2024_06_DD.parquet``, zstd).

Everything is vectorised with numpy (no per-row Python loops): thousands of vessels random-walk
with speed and heading persistence inside sea boxes of the Korea Bay, Yellow Sea, Bohai and East
Sea (reflecting at the box edges), some sit in ports from ``ports.csv``. A few ship-to-ship
encounters (2024-06-05) and dark gaps (2024-06-06) are planted so the event pipeline has work
to do; ``write_scale`` returns them under ``"plants"``.
Vessels are fictional; MMSIs use real MIDs, IMO numbers are fictional (first digit 4).
Memory is bounded: days are written one after another, in chunks of vessels (one Parquet row
group each), so memory does not grow with ``scale``.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from orchestration.sample.scenarios import AIS_DAYS
from orchestration.sample.world import AIS_VESSELS, Port

STEP_S = 300  # one fix per vessel per 5 minutes (jittered), some lost
STEPS = 86400 // STEP_S
LOSS = 0.04
M_PER_DEG = 111_320.0
KN = 1852.0 / 3600.0

# (lat_min, lat_max, lon_min, lon_max, weight): open-water boxes
SEA_BOXES = (
    (33.8, 36.4, 121.6, 125.2, 0.35),   # central / southern Yellow Sea
    (36.6, 37.6, 123.0, 124.4, 0.12),   # Yellow Sea, north-central
    (38.3, 39.3, 123.3, 124.5, 0.12),   # Korea Bay
    (38.3, 39.6, 119.2, 120.9, 0.13),   # Bohai
    (38.0, 41.5, 130.2, 135.5, 0.20),   # East Sea / Sea of Japan
    (42.2, 42.55, 130.9, 132.6, 0.08),  # Peter the Great Gulf, outer
)
MIDS = np.array([412, 413, 414, 440, 441, 445, 273, 351, 352, 353, 354, 355, 356, 357, 370, 371,
                 372, 373, 457, 613, 667, 671, 636, 538, 477, 431])
COLUMNS = ("MMSI", "BaseDateTime", "LAT", "LON", "SOG", "COG", "Heading", "VesselName", "IMO",
           "CallSign", "VesselType", "Status", "Length", "Width", "Draft", "Cargo",
           "TransceiverClass")
_WORDS1 = np.array(["ORIENT", "PACIFIC", "GOLDEN", "SEA", "OCEAN", "EASTERN", "JADE", "SILVER",
                    "NORTH", "GRAND", "BLUE", "HAPPY", "LUCKY", "GREAT", "NEW", "STAR"])
_WORDS2 = np.array(["STAR", "GLORY", "WAY", "PEARL", "BRIDGE", "HARMONY", "DRAGON", "SPIRIT",
                    "FORTUNE", "VENTURE", "PROSPER", "WIND", "WAVE", "CROWN", "HOPE", "LINK"])


@dataclass
class Fleet:
    n: int
    mmsi: np.ndarray
    names: tuple[list[str], np.ndarray]  # (unique values, code per vessel): Arrow dictionaries
    imos: tuple[list[str], np.ndarray]
    calls: tuple[list[str], np.ndarray]
    vtype: np.ndarray
    length: np.ndarray
    width: np.ndarray
    draft: np.ndarray
    klass: np.ndarray  # 0 = A, 1 = B
    heading_ok: np.ndarray
    in_port: np.ndarray  # sorted: the vessels in port are the last columns
    n_moving: int
    box_lo: np.ndarray  # (n, 2) lat, lon
    box_hi: np.ndarray
    spd_lo: np.ndarray
    spd_hi: np.ndarray
    # state carried from day to day
    lat: np.ndarray
    lon: np.ndarray
    hdg: np.ndarray
    spd: np.ndarray


def _imo_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    stems = 400000 + rng.choice(99999, size=n, replace=False)  # 4xxxxx: fictional range
    d = np.stack([(stems // 10 ** k) % 10 for k in range(5, -1, -1)], axis=1)
    check = (d * np.array([7, 6, 5, 4, 3, 2])).sum(axis=1) % 10
    return stems * 10 + check


def make_fleet(rng: np.random.Generator, n: int, ports: dict[str, Port]) -> Fleet:
    sample_mmsi = {v.mmsi for v in AIS_VESSELS}
    mids = MIDS[rng.integers(0, len(MIDS), n)]
    suffix = 100000 + rng.choice(900000, size=n, replace=False)
    mmsi = mids.astype(np.int64) * 1_000_000 + suffix
    clash = np.isin(mmsi, np.array(sorted(sample_mmsi)))
    mmsi[clash] += 1
    w1 = _WORDS1[rng.integers(0, len(_WORDS1), n)]
    w2 = _WORDS2[rng.integers(0, len(_WORDS2), n)]
    num = rng.integers(1, 999, n)
    names = [f"{a} {b} {c}" for a, b, c in zip(w1.tolist(), w2.tolist(), num.tolist())]
    imo = _imo_numbers(rng, n)
    imo_kind = rng.random(n)
    imos = [f"IMO{x}" if k > 0.2 else ("IMO0000000" if k > 0.1 else "")
            for x, k in zip(imo.tolist(), imo_kind.tolist())]
    calls = [f"SX{c:05d}" for c in rng.integers(0, 99999, n).tolist()]
    vtype = rng.choice(np.array([70, 80, 30, 60, 52]), size=n, p=[0.55, 0.22, 0.15, 0.04, 0.04])
    length = np.where(vtype == 30, rng.integers(20, 60, n), rng.integers(60, 260, n))
    width = np.maximum(6, (length / 6.5).astype(np.int64))
    draft = np.where(vtype == 30, np.nan, np.round(rng.uniform(3.5, 13.5, n), 1))
    klass = (vtype == 30) & (rng.random(n) < 0.7)
    heading_ok = rng.random(n) < 0.6
    in_port = rng.random(n) < 0.15
    weights = np.array([b[4] for b in SEA_BOXES])
    box = rng.choice(len(SEA_BOXES), size=n, p=weights / weights.sum())
    b = np.array([b[:4] for b in SEA_BOXES])[box]
    lat = rng.uniform(b[:, 0], b[:, 1])
    lon = rng.uniform(b[:, 2], b[:, 3])
    plist = [p for p in ports.values() if p.lon > 100]  # the Asian ports (not Skagen)
    pidx = rng.integers(0, len(plist), n)
    plat = np.array([p.lat for p in plist])[pidx]
    plon = np.array([p.lon for p in plist])[pidx]
    ang = rng.uniform(0, 2 * np.pi, n)
    r = rng.uniform(100, 1400, n)
    lat = np.where(in_port, plat + r * np.cos(ang) / M_PER_DEG, lat)
    lon = np.where(in_port, plon + r * np.sin(ang) / (M_PER_DEG * np.cos(np.radians(plat))), lon)
    hdg = rng.uniform(0, 360, n)
    spd = np.where(vtype == 30, rng.uniform(3, 6, n), rng.uniform(8, 14, n))
    order = np.argsort(in_port, kind="stable")  # vessels in port last

    def coded(values: list[str]) -> tuple[list[str], np.ndarray]:
        uniq, codes = np.unique(np.array(values)[order], return_inverse=True)
        return uniq.tolist(), codes.astype(np.int32)

    return Fleet(
        n, mmsi[order], coded(names), coded(imos), coded(calls),
        vtype[order], length[order], width[order], draft[order], klass[order], heading_ok[order],
        in_port[order], int((~in_port).sum()), b[order][:, [0, 2]], b[order][:, [1, 3]],
        np.where(vtype == 30, 2.5, 5.0)[order].astype(np.float32),
        np.where(vtype == 30, 7.0, 16.0)[order].astype(np.float32),
        lat[order], lon[order], hdg[order], spd[order])


def _fold(u: np.ndarray, span: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reflect offsets into [0, span] (a triangle wave: a walk bouncing off the box edges).
    Returns the folded offsets and where the direction is mirrored."""
    m = np.mod(u, 2 * span)
    mirrored = m > span
    return np.where(mirrored, 2 * span - m, m), mirrored


def simulate(rng: np.random.Generator, f: Fleet, a: int, b: int):
    """(lat, lon, sog, cog) arrays shaped (STEPS, b - a) for vessels a..b-1 over one day.

    Offsets are integrated in float32 relative to each vessel's box corner (small numbers, so
    float32 keeps sub-metre precision); absolute positions are float64. Vessels in port (the last
    columns of the fleet) sit still with a few metres of jitter."""
    n = b - a
    nm = max(0, min(b, f.n_moving) - a)  # moving vessels in this chunk come first
    f32 = np.float32
    mv = slice(a, a + nm)
    lat = np.empty((STEPS, n))
    lon = np.empty((STEPS, n))
    sog = np.empty((STEPS, n), dtype=f32)
    cog = np.empty((STEPS, n), dtype=f32)
    if nm:
        lo = f.box_lo[mv]
        span_lat = (f.box_hi[mv, 0] - lo[:, 0]).astype(f32)
        span_lon = (f.box_hi[mv, 1] - lo[:, 1]).astype(f32)
        hrad = rng.standard_normal((STEPS, nm), dtype=f32)
        hrad *= f32(math.radians(4.0))
        np.cumsum(hrad, axis=0, out=hrad)
        hrad += np.radians(f.hdg[mv]).astype(f32)
        spd = rng.standard_normal((STEPS, nm), dtype=f32)
        spd *= f32(0.12)
        np.cumsum(spd, axis=0, out=spd)
        spd += f.spd[mv].astype(f32)
        np.clip(spd, f.spd_lo[mv], f.spd_hi[mv], out=spd)
        step_deg = spd * f32(KN * STEP_S / M_PER_DEG)
        coslat = np.cos(np.radians(f.lat[mv])).astype(f32)
        u_lat = np.cumsum(step_deg * np.cos(hrad), axis=0)
        u_lat += (f.lat[mv] - lo[:, 0]).astype(f32)
        u_lon = np.cumsum(step_deg * np.sin(hrad) / coslat, axis=0)
        u_lon += (f.lon[mv] - lo[:, 1]).astype(f32)
        u_lat, flip_lat = _fold(u_lat, span_lat)
        u_lon, flip_lon = _fold(u_lon, span_lon)
        c = np.degrees(hrad)
        c = np.where(flip_lat, f32(180.0) - c, c)
        c = np.where(flip_lon, -c, c)
        lat[:, :nm] = u_lat
        lat[:, :nm] += lo[:, 0]
        lon[:, :nm] = u_lon
        lon[:, :nm] += lo[:, 1]
        sog[:, :nm] = spd
        cog[:, :nm] = np.mod(c, f32(360.0))
    k = n - nm
    if k:
        pt = slice(a + nm, b)
        jit = rng.standard_normal((2, STEPS, k), dtype=f32) * f32(3.0 / M_PER_DEG)
        lat[:, nm:] = f.lat[pt] + jit[0]
        lon[:, nm:] = f.lon[pt] + jit[1] / np.cos(np.radians(f.lat[pt]))
        sog[:, nm:] = np.where(rng.random((STEPS, k), dtype=f32) < 0.3, f32(0.1), f32(0.0))
        cog[:, nm:] = rng.random((STEPS, k), dtype=f32) * f32(360.0)
    return lat, lon, sog, cog


def _plant(rng: np.random.Generator, f: Fleet, day_index: int, a: int, lat, lon, sog, cog, keep,
           plants: list[dict], minimum: int) -> None:
    """Plant encounters (day 3) and dark gaps (day 4) in place, among this chunk's vessels."""
    n = lat.shape[1]
    moving = np.flatnonzero(~f.in_port[a:a + n] & (f.vtype[a:a + n] != 30))
    if day_index == 2 and len(moving) >= 2:
        k = min(len(moving) // 2, max(minimum, n // 800))
        free = np.ones(n, dtype=bool)
        for i in rng.choice(moving, size=k, replace=False).tolist():
            if not free[i]:
                continue
            free[i] = False
            w0 = int(rng.integers(90, 180))
            w1 = w0 + 36  # 3 hours alongside
            # the partner: the nearest free moving vessel, which sails over at about 12 kn
            cand = moving[free[moving]]
            if not len(cand):
                break
            dy = (lat[w0 - 72, cand] - lat[w0, i]) * M_PER_DEG
            dx = (lon[w0 - 72, cand] - lon[w0, i]) * M_PER_DEG * math.cos(math.radians(lat[w0, i]))
            dist = np.hypot(dx, dy)
            j = int(cand[int(np.argmin(dist))])
            free[j] = False
            steps = int(np.clip(np.ceil(dist.min() / (12 * KN * STEP_S)), 6, 72))
            meet_lat, meet_lon = lat[w0, i], lon[w0, i]
            # i stops and drifts slowly; j closes in, then keeps 80 m away
            drift = np.arange(w1 - w0)[:, None] * np.array([[-2.0, 1.5]]) / M_PER_DEG
            tail_lat, tail_lon = lat[w1:, i] - lat[w1, i], lon[w1:, i] - lon[w1, i]
            lat[w0:w1, i] = meet_lat + drift[:, 0]
            lon[w0:w1, i] = meet_lon + drift[:, 1]
            lat[w1:, i] = lat[w1 - 1, i] + tail_lat
            lon[w1:, i] = lon[w1 - 1, i] + tail_lon
            off = 80.0 / M_PER_DEG
            s0 = w0 - steps
            frac = np.linspace(0.0, 1.0, steps + 1)[:-1]
            lat[s0:w0, j] = lat[s0, j] + (meet_lat + off - lat[s0, j]) * frac
            lon[s0:w0, j] = lon[s0, j] + (meet_lon - lon[s0, j]) * frac
            tail_lat, tail_lon = lat[w1:, j] - lat[w1, j], lon[w1:, j] - lon[w1, j]
            lat[w0:w1, j] = lat[w0:w1, i] + off
            lon[w0:w1, j] = lon[w0:w1, i]
            lat[w1:, j] = lat[w1 - 1, j] + tail_lat
            lon[w1:, j] = lon[w1 - 1, j] + tail_lon
            for v in (i, j):  # keep the displaced tails inside the vessel's sea box
                lo, hi = f.box_lo[a + v], f.box_hi[a + v]
                np.clip(lat[s0:, v], lo[0], hi[0], out=lat[s0:, v])
                np.clip(lon[s0:, v], lo[1], hi[1], out=lon[s0:, v])
            sog[w0:w1, i] = sog[w0:w1, j] = 0.3
            cog[w0:w1, i] = cog[w0:w1, j] = 120.0
            keep[w0:w1, i] = keep[w0:w1, j] = True
            plants.append({"kind": "encounter", "day": AIS_DAYS[day_index],
                           "mmsi": (int(f.mmsi[a + i]), int(f.mmsi[a + j])),
                           "start": _iso(day_index, w0), "end": _iso(day_index, w1),
                           "lat": round(float(meet_lat), 5), "lon": round(float(meet_lon), 5)})
    if day_index == 3 and len(moving):
        k = min(len(moving), max(minimum, n // 600))
        for v in rng.choice(moving, size=k, replace=False).tolist():
            g0 = int(rng.integers(12, 120))
            g1 = g0 + int(rng.integers(96, 169))  # 8 to 14 hours dark
            keep[g0:g1, v] = False
            plants.append({"kind": "gap", "day": AIS_DAYS[day_index], "mmsi": int(f.mmsi[a + v]),
                           "start": _iso(day_index, g0), "end": _iso(day_index, g1)})


def _iso(day_index: int, step: int) -> str:
    return f"{AIS_DAYS[day_index]}T{step * STEP_S // 3600:02d}:{step * STEP_S // 60 % 60:02d}:00"


def _dict(indices: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(indices, type=pa.int32()),
                                          pa.array(values, type=pa.string()))


SCHEMA = pa.schema([
    ("MMSI", pa.int64()), ("BaseDateTime", pa.timestamp("s")), ("LAT", pa.float64()),
    ("LON", pa.float64()), ("SOG", pa.float64()), ("COG", pa.float64()),
    ("Heading", pa.float64()), ("VesselName", pa.dictionary(pa.int32(), pa.string())),
    ("IMO", pa.dictionary(pa.int32(), pa.string())),
    ("CallSign", pa.dictionary(pa.int32(), pa.string())), ("VesselType", pa.int32()),
    ("Status", pa.int32()), ("Length", pa.int32()), ("Width", pa.int32()),
    ("Draft", pa.float64()), ("Cargo", pa.int32()),
    ("TransceiverClass", pa.dictionary(pa.int32(), pa.string())),
])
assert tuple(SCHEMA.names) == COLUMNS


def chunk_table(rng: np.random.Generator, f: Fleet, day_index: int, a: int, b: int,
                plants: list[dict], minimum: int) -> pa.Table:
    """One day of vessels a..b-1 as an Arrow table (time-major within the chunk)."""
    n = b - a
    lat, lon, sog, cog = simulate(rng, f, a, b)
    keep = rng.random((STEPS, n), dtype=np.float32) >= LOSS
    _plant(rng, f, day_index, a, lat, lon, sog, cog, keep, plants, minimum)
    nm = max(0, min(b, f.n_moving) - a)
    f.lat[a:b], f.lon[a:b] = lat[-1], lon[-1]  # carry the state into the next day
    f.hdg[a:a + nm] = cog[-1, :nm]
    f.spd[a:a + nm] = sog[-1, :nm]

    flat = keep.ravel()
    local = np.broadcast_to(np.arange(n, dtype=np.int32), (STEPS, n)).ravel()[flat]
    vidx = local + a
    day0 = np.datetime64(AIS_DAYS[day_index], "s").astype(np.int64)
    within = rng.integers(0, STEP_S, (STEPS, n), dtype=np.int32)
    jitter = within + (np.arange(STEPS, dtype=np.int32) * STEP_S)[:, None]
    t = jitter.ravel()[flat].astype(np.int64) + day0
    # a report sent `within` seconds into its step is where the ship was then: interpolate
    # towards the next step, so implied speeds between reports stay those the ship sails
    frac = (within.astype(np.float32) / np.float32(STEP_S))
    lat = lat + frac * (np.vstack([lat[1:], lat[-1:]]) - lat)
    lon = lon + frac * (np.vstack([lon[1:], lon[-1:]]) - lon)
    sog_r = np.round(sog.ravel()[flat].astype(np.float64), 1)
    cog_r = np.round(cog.ravel()[flat].astype(np.float64), 1)
    noise = rng.standard_normal(len(vidx), dtype=np.float32) * np.float32(1.5)
    hd = np.where(f.heading_ok[vidx], np.mod(np.round(cog_r + noise), 360.0), 511.0)
    status = np.where(f.in_port[vidx], 5, np.where(sog_r >= 0.5, 0, 15)).astype(np.int32)
    klass = f.klass[vidx]
    vt = f.vtype[vidx].astype(np.int32)
    draft = f.draft[vidx]
    cols = [
        pa.array(f.mmsi[vidx], type=pa.int64()),
        pa.array(t.astype("datetime64[s]"), type=pa.timestamp("s")),
        pa.array(np.round(lat.ravel()[flat], 5)),
        pa.array(np.round(lon.ravel()[flat], 5)),
        pa.array(sog_r), pa.array(cog_r), pa.array(hd),
        _dict(f.names[1][vidx], f.names[0]), _dict(f.imos[1][vidx], f.imos[0]),
        _dict(f.calls[1][vidx], f.calls[0]),
        pa.array(vt),
        pa.array(status, mask=klass, type=pa.int32()),
        pa.array(f.length[vidx].astype(np.int32)),
        pa.array(f.width[vidx].astype(np.int32)),
        pa.array(draft, mask=np.isnan(draft)),
        pa.array(vt, mask=klass, type=pa.int32()),
        _dict(klass.astype(np.int32), ["A", "B"]),
    ]
    return pa.Table.from_arrays(cols, schema=SCHEMA)


_DICT_COLUMNS = ["MMSI", "VesselName", "IMO", "CallSign", "VesselType", "Status", "Length",
                 "Width", "Draft", "Cargo", "TransceiverClass"]
CHUNK_ROWS = 1_500_000  # rows per chunk (= Parquet row group): memory does not grow with scale


class _DayWriter:
    """Writes one day's chunks (row groups) in order; runs on its own single worker thread."""

    def __init__(self, ais_dir: Path, day: str, csv: bool):
        stem = f"AIS_{day.replace('-', '_')}"
        self.path = ais_dir / f"{stem}.parquet"
        self.csv_path = ais_dir / f"{stem}_scale.csv" if csv else None
        self.rows = 0
        self._pq = None
        self._csv = None

    def write(self, table: pa.Table) -> None:
        if self._pq is None:
            self._pq = pq.ParquetWriter(self.path, SCHEMA, compression="zstd",
                                        use_dictionary=_DICT_COLUMNS,
                                        write_statistics=["MMSI", "BaseDateTime", "LAT", "LON"])
        self._pq.write_table(table, row_group_size=table.num_rows)
        if self.csv_path is not None:
            text = _csv_table(table)
            if self._csv is None:
                self._csv_file = pa.OSFile(str(self.csv_path), "wb")
                self._csv_file.write((",".join(COLUMNS) + "\n").encode("ascii"))
                self._csv = pacsv.CSVWriter(self._csv_file, text.schema,
                                            write_options=pacsv.WriteOptions(
                                                include_header=False, quoting_style="none"))
            self._csv.write_table(text)
        self.rows += table.num_rows

    def close(self) -> "_DayWriter":
        if self._pq is not None:
            self._pq.close()
        if self._csv is not None:
            self._csv.close()
            self._csv_file.close()
        return self


def write_scale(ais_dir: Path, seed: int, scale: float, ports: dict[str, Port], emit,
                csv: bool = False) -> dict:
    """Write about ``scale`` x 1,000,000 rows as daily Parquet (and optionally CSV) files.

    Chunks of vessels are simulated one after another on this thread (one random stream:
    deterministic) while earlier chunks are encoded on two writer threads (one per day in turn;
    Parquet encoding releases the GIL). At most ``MAX_IN_FLIGHT`` chunks are held in memory, so
    memory does not grow with ``scale``."""
    ais_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 0x5CA1E])))
    per_day = scale * 1_000_000 / len(AIS_DAYS)
    n = max(10, math.ceil(per_day / (STEPS * (1 - LOSS))))
    fleet = make_fleet(rng, n, ports)
    per_chunk = max(1, CHUNK_ROWS // STEPS)
    bounds = [(a, min(n, a + per_chunk)) for a in range(0, n, per_chunk)]
    plants: list[dict] = []
    files: dict[str, int] = {}
    workers = [ThreadPoolExecutor(max_workers=1), ThreadPoolExecutor(max_workers=1)]
    in_flight: list = []

    def drain(limit: int) -> None:
        while len(in_flight) > limit:
            fut = in_flight.pop(0)
            done = fut.result()
            if isinstance(done, _DayWriter):
                files[done.path.name] = done.rows
                emit(done.path, done.rows)
                if done.csv_path is not None:
                    files[done.csv_path.name] = done.rows
                    emit(done.csv_path, done.rows)

    try:
        for d, day in enumerate(AIS_DAYS):
            writer = _DayWriter(ais_dir, day, csv)
            pool = workers[d % 2]
            for c, (a, b) in enumerate(bounds):
                table = chunk_table(rng, fleet, d, a, b, plants, minimum=3 if c == 0 else 1)
                drain(MAX_IN_FLIGHT - 1)
                in_flight.append(pool.submit(writer.write, table))
                del table
            in_flight.append(pool.submit(writer.close))
        drain(0)
    finally:
        for w in workers:
            w.shutdown(wait=True)
    total = sum(v for k, v in files.items() if k.endswith(".parquet"))
    return {"vessels": n, "rows": total, "files": files, "plants": plants}


MAX_IN_FLIGHT = 4


def _csv_table(table: pa.Table) -> pa.Table:
    """NOAA classic column names; values as Arrow prints them (ISO timestamps with a 'T')."""
    cols = []
    for name in COLUMNS:
        col = table[name]
        if name == "BaseDateTime":
            col = pc.strftime(col, format="%Y-%m-%dT%H:%M:%S")
        elif pa.types.is_dictionary(col.type):
            col = col.cast(pa.string())
        cols.append(col)
    return pa.table(dict(zip(COLUMNS, cols)))
