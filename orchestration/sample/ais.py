"""AIS positions for the sample week 2024-06-03 .. 2024-06-09 (Korea Bay, Yellow Sea, East Sea,
Peter the Great Gulf) in the NOAA MarineCadastre layouts, plus one Danish Maritime Authority file.

Tracks are drawn along hand-placed waypoints at sea (approximate, not navigationally checked) and
sampled like a receiver would see them: every 2-5 minutes while moving, every 10 minutes when
stationary, with small position, speed and course noise. The planted scenarios come from
``orchestration.sample.scenarios``; port positions come from ``dbt_project/seeds/ports.csv``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from orchestration.sample import scenarios as sc
from orchestration.sample.world import (
    AIS_VESSELS,
    DMA_TANKER,
    AisVessel,
    Port,
    imo_with_check_digit,
    vessel,
)

M_PER_DEG_LAT = 111_320.0
KN = 1852.0 / 3600.0  # metres per second per knot


def dist_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def _enu(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """(east, north) metres from a to b, local equirectangular."""
    mid = math.radians((a[0] + b[0]) / 2)
    return ((b[1] - a[1]) * M_PER_DEG_LAT * math.cos(mid), (b[0] - a[0]) * M_PER_DEG_LAT)


def _offset(p: tuple[float, float], east: float, north: float) -> tuple[float, float]:
    return (p[0] + north / M_PER_DEG_LAT,
            p[1] + east / (M_PER_DEG_LAT * math.cos(math.radians(p[0]))))


def _bearing(a, b) -> float:
    e, n = _enu(a, b)
    return math.degrees(math.atan2(e, n)) % 360.0


# A state function returns the nominal (lat, lon, sog, cog, kind) at a time; kind selects the noise.
StateFn = Callable[[int], tuple[float, float, float, float, str]]


@dataclass
class Track:
    rng: np.random.Generator
    v: AisVessel
    t: int
    lat: float
    lon: float
    rows: list[tuple] = field(default_factory=list)
    stops: list[tuple] = field(default_factory=list)  # (from, until, lat, lon, status)
    next_emit: int = 0
    _ct: float = 0.0
    _mode: str = "moving"
    _status: int | None = 0
    _fn: StateFn | None = None
    _berth_heading: float = 0.0

    def __post_init__(self):
        self.next_emit = self.t + int(self.rng.integers(0, 50))
        self._berth_heading = float(self.rng.uniform(0, 360))

    # -- sampling ------------------------------------------------------------------------------
    def _interval(self) -> int:
        if self._mode == "stationary":
            return 600 + int(self.rng.integers(-4, 5))
        if self._mode == "ferry":
            return sc.D4_INTERVAL_S + int(self.rng.integers(-3, 4))
        return int(self.rng.integers(120, 301))

    def _emit(self, te: int) -> None:
        lat, lon, sog, cog, kind = self._fn(te)
        r = self.rng
        if kind == "move":
            self._ct = 0.85 * self._ct + float(r.normal(0, 5.0))
            c = math.radians(cog)
            east = self._ct * math.cos(c) + float(r.normal(0, 3.0))
            north = -self._ct * math.sin(c) + float(r.normal(0, 3.0))
            lat, lon = _offset((lat, lon), east, north)
            sog_r = max(0.0, sog + float(r.normal(0, 0.12)))
            cog_r = (cog + float(r.normal(0, 6.0 if sog < 1.5 else 1.0))) % 360.0
            heading = (round(cog + float(r.normal(0, 1.5))) % 360) if self.v.heading_sensor else 511
        else:  # "still" (moored) or "anchor" (swinging, cog = ship's head)
            lat, lon = _offset((lat, lon), float(r.normal(0, 2.5)), float(r.normal(0, 2.5)))
            sog_r = 0.1 if r.random() < 0.3 else 0.0
            cog_r = float(r.uniform(0, 360))
            head = cog if kind == "anchor" else self._berth_heading + float(r.normal(0, 0.7))
            heading = (round(head) % 360) if self.v.heading_sensor else 511
        self.rows.append((te, self.v.mmsi, round(lat, 5), round(lon, 5), round(sog_r, 1),
                          round(cog_r, 1), heading, self._status, self.v.key))

    def _run(self, t_end: int, fn: StateFn, mode: str, status: int | None, dark: bool = False):
        self._fn, self._mode, self._status = fn, mode, status
        while self.next_emit <= t_end:
            te = self.next_emit
            if not dark:
                self._emit(te)
            self.next_emit = te + self._interval()
        self.lat, self.lon = fn(t_end)[:2]
        self.t = t_end

    def mark(self) -> "Track":
        """Force a fix at the current time (gap edges, decoy pass time)."""
        if not self.rows or self.rows[-1][0] != self.t:
            self._emit(self.t)
        self.next_emit = self.t + self._interval()
        return self

    # -- motions -------------------------------------------------------------------------------
    def sail(self, waypoints, kn: float | None = None, arrive: str | int | None = None,
             status: int | None = 0, mode: str = "moving") -> "Track":
        pts = [(self.lat, self.lon)] + [tuple(p) for p in waypoints]
        segs = [dist_m(a, b) for a, b in zip(pts, pts[1:])]
        total = sum(segs)
        t0 = self.t
        if arrive is not None:
            t1 = sc.t(arrive) if isinstance(arrive, str) else arrive
            kn = total / (t1 - t0) / KN
        else:
            t1 = t0 + round(total / (kn * KN))
        if not 2.0 <= kn <= 20.0:
            raise ValueError(f"{self.v.name}: implausible speed {kn:.1f} kn on {pts}")
        bearings = [_bearing(a, b) for a, b in zip(pts, pts[1:])]

        def fn(tt: int):
            s = total * min(1.0, max(0.0, (tt - t0) / (t1 - t0)))
            last = len(segs) - 1
            for i, ((a, b), L, brg) in enumerate(zip(zip(pts, pts[1:]), segs, bearings)):
                if s <= L or i == last:
                    f = 0.0 if L == 0 else min(1.0, s / L)
                    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, kn, brg, "move")
                s -= L
            raise AssertionError("unreachable")

        self._run(t1, fn, mode, status)
        return self

    def stay(self, until: str | int, status: int | None = 5, swing_m: float = 0.0,
             mode: str = "stationary") -> "Track":
        t1 = sc.t(until) if isinstance(until, str) else until
        base, t0 = (self.lat, self.lon), self.t
        self.stops.append((t0, t1, base[0], base[1], status))
        theta0 = float(self.rng.uniform(0, 2 * math.pi))

        if swing_m > 0:  # at anchor: swing around the anchor with the tide (12.4 h period)
            def fn(tt: int):
                th = theta0 + 2 * math.pi * (tt - t0) / 44_640
                lat, lon = _offset(base, swing_m * math.sin(th), swing_m * math.cos(th))
                return (lat, lon, 0.0, (math.degrees(th) + 180) % 360, "anchor")
        else:
            def fn(tt: int):
                return (base[0], base[1], 0.0, 0.0, "still")

        self._run(t1, fn, mode, status)
        self.lat, self.lon = base
        return self

    def drift(self, until: str | int, kn: float, course: float, status: int | None = 0) -> "Track":
        t1 = sc.t(until) if isinstance(until, str) else until
        base, t0 = (self.lat, self.lon), self.t
        c = math.radians(course)

        def fn(tt: int):
            d = kn * KN * (tt - t0)
            lat, lon = _offset(base, d * math.sin(c), d * math.cos(c))
            return (lat, lon, kn, course, "move")

        self._run(t1, fn, "moving", status)
        return self

    def follow(self, until: str | int, center: Callable[[int], tuple[float, float]], kn: float,
               course: float, east_m: float, north_m: float, status: int | None = 0) -> "Track":
        """Keep station at an offset from a moving centre (ship-to-ship transfer alongside)."""
        t1 = sc.t(until) if isinstance(until, str) else until

        def fn(tt: int):
            lat, lon = _offset(center(tt), east_m, north_m)
            return (lat, lon, kn, course, "move")

        self._run(t1, fn, "moving", status)
        return self

    def dark(self, until: str | int, to: tuple[float, float]) -> "Track":
        """Stop transmitting now (after a final fix) until ``until``; reappear at ``to``."""
        self.mark()
        t1 = sc.t(until) if isinstance(until, str) else until
        a, t0 = (self.lat, self.lon), self.t

        def fn(tt: int):
            f = (tt - t0) / (t1 - t0)
            return (a[0] + (to[0] - a[0]) * f, a[1] + (to[1] - a[1]) * f, 2.0, _bearing(a, to), "move")

        self._run(t1, fn, "moving", self._status, dark=True)
        self.next_emit = t1  # the first fix after the gap is exactly at ``until``
        return self


# ------------------------------------------------------------------------------------------------
# The week's plan
# ------------------------------------------------------------------------------------------------

NAMPO_IN = [(38.625, 124.955), (38.693, 125.155), (38.722, 125.305)]  # sea -> Nampo
NAMPO_OUT = [(38.716, 125.300), (38.686, 125.148), (38.617, 124.945)]  # Nampo -> sea (other lane)


def plan_tracks(rng: np.random.Generator, ports: dict[str, Port]) -> list[Track]:
    """All Asian-side tracks of the sample week, scenarios and background traffic."""
    tracks: list[Track] = []

    def new(key: str, start: str, pos) -> Track:
        tr = Track(rng, vessel(key), sc.t(start), float(pos[0]), float(pos[1]))
        tracks.append(tr)
        return tr

    # S1 ship-to-ship transfer: YU JONG 2 (designated) with SEA LUMINA 3 (fictional) ----------
    p0 = sc.S1_POINT
    t_close0, t_close1 = sc.t(sc.S1_CLOSE_START), sc.t(sc.S1_CLOSE_END)
    drift_kn, drift_course = 0.45, 200.0
    c = math.radians(drift_course)

    def sts_center(tt: int):
        d = drift_kn * KN * (tt - t_close0)
        return _offset(p0, d * math.sin(c), d * math.cos(c))

    half = sc.S1_SEPARATION_M / 2
    yj_anchor = (38.7350, 125.3900)
    yj = new("yujong2", "2024-06-04T00:00:00", yj_anchor)
    yj.stay("2024-06-04T16:45:00", status=1, swing_m=35)
    # arrives first and waits, engines stopped; the "close" window starts when SEA LUMINA 3 is
    # alongside
    start_alongside = _offset(sts_center(t_close0), half, 0)
    yj.sail(NAMPO_OUT + [(38.780, 124.200), start_alongside], arrive="2024-06-05T00:40:00")
    yj.stay(t_close0, status=0)
    yj.follow(t_close1, sts_center, drift_kn, drift_course, half, 0.0)
    yj.sail([(38.780, 124.205), (38.622, 124.958)] + NAMPO_IN[1:] + [yj_anchor], kn=9.0)
    yj.stay("2024-06-06T06:00:00", status=1, swing_m=35)

    sl = new("sealumina3", "2024-06-04T11:00:00", (36.6000, 123.3000))
    approach = _offset(sts_center(t_close0), -half, -3000)
    sl.sail([(37.6000, 123.4500), (38.4000, 123.7000), approach], arrive=t_close0 - 1500)
    sl.sail([_offset(sts_center(t_close0), -half, 0)], arrive=t_close0)
    sl.follow(t_close1, sts_center, drift_kn, drift_course, -half, 0.0)
    sl.sail([(38.2000, 123.5000), (37.0000, 123.4000), (36.7000, 123.3500)], kn=10.0)

    # S2 dark gaps: MU DU BONG ------------------------------------------------------------------
    (g1a, g1b, g1p, g1q), (g2a, g2b, g2p, g2q) = sc.S2_GAPS
    md = new("mudubong", "2024-06-03T00:00:00", (38.7330, 125.3660))
    md.stay("2024-06-03T05:30:00", status=5)
    md.sail(NAMPO_OUT[:2] + [g1p], arrive=g1a)
    md.dark(g1b, g1q)
    md.sail([(38.3000, 124.5500), (37.6000, 124.0500), (36.4000, 123.7500), g2p], arrive=g2a)
    md.dark(g2b, g2q)
    md.sail([(34.6000, 123.3000)], kn=10.0)

    # S3 Rajin - Vostochny - Rajin: ANGARA --------------------------------------------------------
    to_vos = [(42.225, 130.330), (42.160, 130.450), (42.350, 131.300), (42.550, 132.300),
              (42.640, 132.920), (42.700, 133.030), sc.S3_BERTH_VOSTOCHNY]
    to_raj = [(42.695, 133.035), (42.633, 132.925), (42.543, 132.305), (42.343, 131.305),
              (42.153, 130.455), (42.220, 130.335), sc.S3_BERTH_RAJIN]
    an = new("angara", sc.S3_STOPS[0][1], sc.S3_BERTH_RAJIN)
    an.stay(sc.S3_STOPS[0][2], status=5)
    an.sail(to_vos, arrive=sc.S3_STOPS[1][1])
    an.stay(sc.S3_STOPS[1][2], status=5)
    an.sail(to_raj, arrive=sc.S3_STOPS[2][1])
    an.stay(sc.S3_STOPS[2][2], status=5)
    an.sail([(42.200, 130.380), (42.000, 130.900)], kn=11.0)

    # S4 port visits ------------------------------------------------------------------------------
    (k1, _, b1, a1, d1), (k2, _, b2, a2, d2), (k3, _, b3, a3, d3), (k4, _, b4, a4, d4) = sc.S4_VISITS
    v1 = new(k1, "2024-06-06T02:00:00", (38.5600, 124.3000))
    v1.sail(NAMPO_IN + [b1], arrive=a1).stay(d1, status=5)
    v1.sail(NAMPO_OUT + [(38.5600, 124.3000)], kn=9.5)

    v2 = new(k2, "2024-06-07T02:00:00", (38.2500, 122.7000))
    v2.sail([(38.800, 121.860), (38.905, 121.725), b2], arrive=a2).stay(d2, status=5)
    v2.sail([(38.900, 121.730), (38.795, 121.865), (38.2500, 122.7000)], kn=10.5)

    v3 = new(k3, "2024-06-08T00:00:00", (38.6200, 121.4500))
    v3.sail([(38.560, 121.000), (38.150, 120.500), (37.760, 120.270), b3], arrive=a3)
    v3.stay(d3, status=5).sail([(37.760, 120.280), (37.950, 120.350)], kn=9.0)

    v4 = new(k4, "2024-06-04T04:00:00", (42.5500, 132.0500))
    v4.sail([(42.900, 132.050), (43.050, 131.980), (43.075, 131.925), (43.095, 131.905), b4],
            arrive=a4).stay(d4, status=5)
    v4.sail([(43.093, 131.908), (43.073, 131.930), (43.045, 131.985), (42.895, 132.055),
             (42.5500, 132.0500)], kn=10.0)

    # S5a identity change: NAM SAN 8 as SUN PROMISE 5, then as itself --------------------------
    sp = new("sunpromise5", "2024-06-05T20:00:00", (35.9000, 123.1000))
    sp.sail([(37.0000, 123.2500), (37.8500, 123.5500)], arrive=sc.S5_SWITCH_LAST_OLD).mark()
    t_new = sc.t(sc.S5_SWITCH_FIRST_NEW)
    brg = _bearing((37.85, 123.55), (38.40, 124.10))
    d = 9.0 * KN * (t_new - sc.t(sc.S5_SWITCH_LAST_OLD))
    ns_start = _offset((37.85, 123.55), d * math.sin(math.radians(brg)), d * math.cos(math.radians(brg)))
    ns = new("namsan8", sc.S5_SWITCH_FIRST_NEW, ns_start)
    ns.next_emit = t_new
    ns.sail([(38.4000, 124.1000), (38.5600, 124.5500)] + NAMPO_IN + [(38.7290, 125.3920)],
            kn=9.0).stay("2024-06-07T20:00:00", status=5)

    # S5b EVER BRIGHT 88: DPRK MMSI, OFAC flag Sierra Leone -------------------------------------
    eb = new("everbright88", "2024-06-03T16:00:00", (38.5500, 121.6000))
    eb.sail([(38.600, 122.600), (38.620, 123.800), (38.600, 124.500)] + NAMPO_IN
            + [(38.7420, 125.3950)], kn=10.0)
    eb.stay("2024-06-05T02:00:00", status=5)

    # S6 loitering: CHON MA SAN -----------------------------------------------------------------
    cm = new("chonmasan", "2024-06-07T04:00:00", (38.6000, 124.9000))
    cm.sail([sc.S6_POINT], arrive=sc.S6_DRIFT_START)
    cm.drift(sc.S6_DRIFT_END, sc.S6_DRIFT_KN, sc.S6_DRIFT_COURSE)
    cm.sail([(37.9500, 123.5000)], kn=10.0)

    # D1 fast passing at 12 kn ------------------------------------------------------------------
    tp = sc.t(sc.D1_PASS_TIME)
    pa = sc.D1_PASS_POINT
    pb = (pa[0], pa[1] + sc.D1_OFFSET_DEG_LON)
    a_start = (36.0500, 123.0000)
    a = new("pacificorchid7", "2024-06-04T00:00:00", a_start)
    a.t = tp - round(dist_m(a_start, pa) / (sc.D1_SPEED_KN * KN))
    a.next_emit = a.t + int(rng.integers(0, 60))
    a.sail([pa], arrive=tp).mark().sail([(38.3000, 122.5500), (38.6200, 122.2000)], kn=12.0)
    b_start = (38.4500, 122.6500)
    b = new("jinshun9", "2024-06-04T00:00:00", b_start)
    b.t = tp - round(dist_m(b_start, pb) / (sc.D1_SPEED_KN * KN))
    b.next_emit = b.t + int(rng.integers(0, 60))
    b.sail([pb], arrive=tp).mark().sail([(36.0000, pb[1])], kn=12.0)

    # D2 moored side by side in Dalian ----------------------------------------------------------
    d2a = new("dalianxing2", sc.D2_START, sc.D2_BERTHS[0])
    d2a.stay(sc.D2_END, status=5).sail([(38.915, 121.720), (38.780, 121.800)], kn=9.0)
    d2b = new("hongyun5", sc.D2_START, sc.D2_BERTHS[1])
    d2b.stay(sc.t(sc.D2_END) + 1800, status=5).sail([(38.918, 121.712), (38.750, 121.690)], kn=9.0)

    # D3 anchored about 1.2 km from Nampo --------------------------------------------------------
    d3 = new("songrim7", sc.D3_START, sc.D3_ANCHOR)
    d3.stay(sc.D3_END, status=1, swing_m=40)
    d3.sail([(38.7150, 125.2950), (38.6840, 125.1450), (38.6150, 124.9400), (38.5800, 124.6000)],
            kn=10.0)

    # D4 Dalian - Yantai ferry, a fix every 3 minutes -------------------------------------------
    dal, yan = (38.9300, 121.6580), (37.5600, 121.3950)
    out = [(38.925, 121.700), (38.905, 121.745), (38.780, 121.790), (38.000, 121.560),
           (37.630, 121.430), yan]
    back = [(37.635, 121.438), (38.005, 121.568), (38.785, 121.798), (38.908, 121.752),
            (38.927, 121.705), dal]
    fe = new("bohaijade", sc.D4_START, dal)
    fe.next_emit = fe.t
    t_end = sc.t(sc.D4_END)
    leg = 0
    while True:
        route = out if leg % 2 == 0 else back
        pts = [(fe.lat, fe.lon)] + route
        leg_s = sum(dist_m(p, q) for p, q in zip(pts, pts[1:])) / (15.0 * KN)
        if fe.t + leg_s + 1800 > t_end:
            fe.stay(t_end, status=5, mode="ferry")
            break
        fe.sail(route, kn=15.0, mode="ferry")
        fe.stay(min(fe.t + 7200, t_end), status=5, mode="ferry")
        leg += 1

    # Background traffic --------------------------------------------------------------------------
    _fishing(new("liaodanyu", "2024-06-08T00:00:00", (39.4200, 123.5000)), "2024-06-08T10:00:00")
    _fishing(new("lurongyu", "2024-06-05T06:00:00", (36.8800, 123.5500)), "2024-06-05T14:00:00")

    cg = new("capemagnolia", "2024-06-03T04:00:00", (38.6200, 121.0500))
    cg.sail([(38.250, 122.500), (37.500, 123.200), (36.200, 124.300), (35.200, 124.900)], kn=12.5)

    sy = new("shengyou8", "2024-06-08T00:00:00", (36.0600, 120.2950))
    sy.stay("2024-06-08T04:00:00", status=5)
    sy.sail([(36.030, 120.300), (35.970, 120.420), (35.950, 120.650), (36.500, 122.700),
             (37.150, 122.950), (37.550, 122.950), (38.100, 122.350), (38.780, 121.800),
             (38.905, 121.735), (38.9310, 121.6720)], kn=11.5)
    sy.stay("2024-06-09T23:59:00", status=5)

    at = new("arsenyevtrader", "2024-06-08T00:00:00", (42.7380, 133.0680))
    at.stay("2024-06-08T06:00:00", status=5)
    at.sail([(42.700, 133.020), (42.620, 132.930), (42.300, 132.800), (41.400, 132.300)], kn=12.0)

    xr = new("xiangrui6", "2024-06-05T10:00:00", (40.6650, 122.2200))
    xr.stay("2024-06-05T14:00:00", status=5)
    xr.sail([(40.620, 122.150), (40.450, 121.850), (40.100, 121.000), (39.880, 119.900),
             (39.9250, 119.6150)], kn=11.0)
    xr.stay("2024-06-06T14:00:00", status=5)

    pb_ = new("primorskybereg", "2024-06-06T00:00:00", (42.8080, 132.8950))
    pb_.stay("2024-06-06T20:00:00", status=5)
    pb_.sail([(42.760, 132.900), (42.640, 132.880), (42.560, 132.400), (42.520, 131.550),
              (42.600, 131.160), (42.6420, 131.0850)], kn=10.0)
    pb_.stay("2024-06-07T14:00:00", status=5)

    _check_stops(tracks, ports)
    return tracks


def _check_stops(tracks: list[Track], ports: dict[str, Port]) -> None:
    """Every berth or anchorage (status 1 or 5) must lie inside a port radius of ports.csv, the
    single source of truth for port positions: if the seed moves a port, generation stops here."""
    for tr in tracks:
        for t0, t1, lat, lon, status in tr.stops:
            if status not in (1, 5):
                continue
            d, name = min((dist_m((lat, lon), (p.lat, p.lon)), p.name) for p in ports.values())
            if d > 2000:
                raise ValueError(f"{tr.v.name} stops at {lat:.4f},{lon:.4f} from {sc.iso(t0)}, "
                                 f"{d:.0f} m from the nearest port in ports.csv ({name}): "
                                 "update the sample's berths")


def _fishing(tr: Track, until: str) -> None:
    """Trawling back and forth (3.5-4.5 kn) on 6 km legs one kilometre apart."""
    t1 = sc.t(until)
    east = True
    while tr.t < t1:
        here = (tr.lat, tr.lon)
        leg_end = _offset(here, 6000 if east else -6000, 0)
        turn = _offset(leg_end, 0, -1000)
        tr.sail([leg_end, turn], kn=float(tr.rng.uniform(3.5, 4.5)), status=None)
        east = not east


def dma_tracks(rng: np.random.Generator) -> list[Track]:
    """The Danish file: a (fictional) Russian tanker southbound-to-northbound in the Great Belt."""
    tr = Track(rng, DMA_TANKER, sc.t("2024-06-05T01:00:00"), 54.6000, 10.7500)
    tr.sail([(54.900, 10.920), (55.220, 10.980), (55.350, 11.040), (55.550, 10.930),
             (55.800, 11.000), (56.100, 11.180)], kn=11.0)
    return [tr]


# ------------------------------------------------------------------------------------------------
# Writers
# ------------------------------------------------------------------------------------------------

CLASSIC_HEADER = ("MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,"
                  "Status,Length,Width,Draft,Cargo,TransceiverClass")
NEW_HEADER = ("mmsi,base_date_time,longitude,latitude,sog,cog,heading,vessel_name,imo,call_sign,"
              "vessel_type,status,length,width,draft,cargo,transceiver")
DMA_HEADER = ("# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
              "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,"
              "Type of position fixing device,Draught,Destination,ETA,Data source type")


def _imo_field(v: AisVessel) -> str:
    return f"IMO{v.imo:07d}" if v.imo else v.imo_blank_style


def _trim(x: float) -> str:
    s = f"{x:.5f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def classic_line(row: tuple, v: AisVessel) -> str:
    te, mmsi, lat, lon, sog, cog, heading, status, _ = row
    cargo = "" if v.transceiver == "B" else str(v.vessel_type)
    return ",".join((
        str(mmsi), sc.iso(te), f"{lat:.5f}", f"{lon:.5f}", f"{sog:.1f}", f"{cog:.1f}",
        f"{float(heading):.1f}", v.name, _imo_field(v), v.call_sign, str(v.vessel_type),
        "" if status is None else str(status), str(v.length), str(v.width),
        "" if v.draft is None else f"{v.draft:.1f}", cargo, v.transceiver,
    ))


def new_line(row: tuple, v: AisVessel) -> str:
    te, mmsi, lat, lon, sog, cog, heading, status, _ = row
    cargo = "" if v.transceiver == "B" else str(v.vessel_type)
    return ",".join((
        str(mmsi), sc.iso(te).replace("T", " "), _trim(lon), _trim(lat), f"{sog:.1f}",
        f"{cog:.1f}", "" if heading == 511 else str(heading), v.name, _imo_field(v), v.call_sign,
        str(v.vessel_type), "" if status is None else str(status), str(v.length), str(v.width),
        "" if v.draft is None else f"{v.draft:.1f}", cargo, v.transceiver,
    ))


_DMA_STATUS = {0: "Under way using engine", 1: "At anchor", 5: "Moored", None: "Unknown value"}


def dma_line(te: int, mmsi, lat: str, lon: str, status: str, rot: str, sog: str, cog: str,
             heading: str, imo: str, callsign: str, name: str, shiptype: str, width: str,
             length: str, fix: str, draught: str, dest: str, eta: str, mobile: str = "Class A",
             cargo: str = "") -> str:
    ts = sc.iso(te)
    ts = f"{ts[8:10]}/{ts[5:7]}/{ts[0:4]} {ts[11:]}"
    return ",".join((ts, mobile, str(mmsi), lat, lon, status, rot, sog, cog, heading, imo,
                     callsign, name, shiptype, cargo, width, length, fix, draught, dest, eta, "AIS"))


def write_ais(out: Path, rng: np.random.Generator, ports: dict[str, Port], emit) -> dict[str, int]:
    """Write the seven daily NOAA files and the DMA file. ``emit(path, rows)`` reports progress."""
    out.mkdir(parents=True, exist_ok=True)
    tracks = plan_tracks(rng, ports)
    vessels = {v.key: v for v in AIS_VESSELS}
    rows = sorted((r for tr in tracks for r in tr.rows), key=lambda r: (r[0], r[1]))
    counts: dict[str, int] = {}
    for day_index, day in enumerate(sc.AIS_DAYS):
        lo, hi = day_index * 86400, (day_index + 1) * 86400
        day_rows = [r for r in rows if lo <= r[0] < hi]
        if day in sc.NOAA_2024_LAYOUT_DAYS:
            lines = [new_line(r, vessels[r[8]]) for r in day_rows]
            lines = _quirks(day, lines, day_rows, vessels, new_layout=True)
            name, header, eol = f"ais-{day}.csv", NEW_HEADER, "\n"
        else:
            lines = [classic_line(r, vessels[r[8]]) for r in day_rows]
            lines = _quirks(day, lines, day_rows, vessels, new_layout=False)
            name, header, eol = f"AIS_{day.replace('-', '_')}.csv", CLASSIC_HEADER, "\r\n"
        path = out / name
        path.write_bytes((eol.join([header] + lines) + eol).encode("utf-8"))
        counts[name] = len(lines)
        emit(path, len(lines))
    name = f"aisdk-{sc.DMA_DAY}.csv"
    lines = _dma_lines(rng)
    (out / name).write_bytes(("\r\n".join([DMA_HEADER] + lines) + "\r\n").encode("utf-8"))
    counts[name] = len(lines)
    emit(out / name, len(lines))
    return counts


def _quirks(day: str, lines: list[str], rows: list[tuple], vessels, new_layout: bool) -> list[str]:
    """Plant the documented data-quality quirks (see QUIRKS) into one day's lines."""
    out = list(lines)
    for q in QUIRKS:
        if q["day"] != day:
            continue
        # the row of the named vessel nearest to the named time
        target = sc.t(q["near"])
        idx = min((i for i, r in enumerate(rows) if r[8] == q["vessel"]),
                  key=lambda i: abs(rows[i][0] - target))
        r = rows[idx]
        v = vessels[r[8]]
        fmt = new_line if new_layout else classic_line
        pos = out.index(lines[idx])
        if q["kind"] == "duplicate":
            out.insert(pos + 1, out[pos])
        elif q["kind"] == "no_position":
            bad = (r[0] + 7, r[1], 91.0, 181.0, 0.0, 360.0, 511, r[7], r[8])
            out.insert(pos + 1, fmt(bad, v))
        elif q["kind"] == "sog_na":
            bad = (r[0] + 11, r[1], r[2], r[3], 102.3, r[5], r[6], r[7], r[8])
            out.insert(pos + 1, fmt(bad, v))
        elif q["kind"] == "bad_mmsi":
            line = fmt((r[0] + 3, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]), v)
            out.insert(pos + 1, q["mmsi"] + line[len(str(r[1])):])
    return out


# Data-quality quirks planted in the NOAA files (documented in the README; a cleaning step must
# drop or null them, and none of them may create an event).
def _quirk(day: str, vessel_key: str, near: str, kind: str, **extra) -> dict:
    return {"day": day, "vessel": vessel_key, "near": near, "kind": kind, **extra}


QUIRKS: tuple[dict, ...] = (
    _quirk("2024-06-03", "capemagnolia", "2024-06-03T09:00:00", "no_position"),
    _quirk("2024-06-03", "capemagnolia", "2024-06-03T13:00:00", "no_position"),
    _quirk("2024-06-03", "capemagnolia", "2024-06-03T11:00:00", "sog_na"),
    _quirk("2024-06-04", "everbright88", "2024-06-04T02:00:00", "duplicate"),
    _quirk("2024-06-04", "bohaijade", "2024-06-04T12:00:00", "duplicate"),
    _quirk("2024-06-05", "lurongyu", "2024-06-05T09:00:00", "bad_mmsi", mmsi="41241760S"),
    _quirk("2024-06-05", "bohaijade", "2024-06-05T03:00:00", "sog_na"),
    _quirk("2024-06-06", "xiangrui6", "2024-06-06T06:00:00", "duplicate"),
    _quirk("2024-06-07", "primorskybereg", "2024-06-07T09:00:00", "duplicate"),
    _quirk("2024-06-08", "liaodanyu", "2024-06-08T05:00:00", "no_position"),
)


DMA_FERRY_IMO = imo_with_check_digit(491207)  # fictional


def _dma_lines(rng: np.random.Generator) -> list[str]:
    """The DMA day file: the tanker's fixes plus a few local vessels (91/181 = no position)."""
    items: list[tuple[int, str]] = []
    (tr,) = dma_tracks(rng)
    v = tr.v
    for te, mmsi, lat, lon, sog, cog, heading, status, _ in tr.rows:
        rot = f"{float(rng.normal(0, 0.8)):.1f}" if rng.random() < 0.8 else ""
        items.append((te, dma_line(te, mmsi, f"{lat:.6f}", f"{lon:.6f}", _DMA_STATUS[status], rot,
                                   f"{sog:.1f}", f"{cog:.1f}", str(heading), str(v.imo),
                                   v.call_sign, v.name, "Tanker", str(v.width), str(v.length),
                                   "GPS", f"{v.draft:.1f}", "PORT SAID", "18/06/2024 06:00:00")))
    # A (fictional) Danish ferry on the Great Belt, moored then under way.
    ferry_pos = (55.3110, 10.8020)
    for k in range(24):
        te = sc.t("2024-06-05T02:00:00") + k * 600 + int(rng.integers(0, 9))
        moving = k >= 12
        lat = ferry_pos[0] + (0.0045 * (k - 11) if moving else 0.0)
        items.append((te, dma_line(te, 219018842, f"{lat:.6f}", f"{ferry_pos[1]:.6f}",
                                   "Under way using engine" if moving else "Moored",
                                   "0.0", "14.2" if moving else "0.0",
                                   "2.0" if moving else "181.3", "2" if moving else "88",
                                   str(DMA_FERRY_IMO), "OZNK2", "NORDLYS KATTEGAT", "Passenger", "24",
                                   "142", "GPS", "5.0", "KALUNDBORG", "05/06/2024 07:30:00")))
    # Class B yachts and an unknown vessel without a position fix (91 / 181).
    for k, (mmsi, name, cs) in enumerate(((219044710, "KAROLINE M", ""), (265733910, "", "SH4410"),
                                          (219044710, "KAROLINE M", "OU4471"))):
        te = sc.t("2024-06-05T03:00:00") + 900 * k
        items.append((te, dma_line(te, mmsi, "91.000000", "181.000000", "Unknown value", "", "",
                                   "", "", "Unknown", cs, name, "Sailing" if name else "Undefined",
                                   "4", "11", "Undefined", "", "", "", mobile="Class B")))
    items.append((sc.t("2024-06-05T04:00:00"),
                  dma_line(sc.t("2024-06-05T04:00:00"), 219011930, "91.000000", "181.000000",
                           "Unknown value", "", "", "", "", "Unknown", "", "", "Undefined", "", "",
                           "Undefined", "", "", "")))
    items.sort(key=lambda x: x[0])
    return [line for _, line in items]


def close_pairs(rows: list[tuple], ports: dict[str, Port], radius_m: float = 1000.0,
                window_s: int = 300, port_radius_m: float = 3000.0) -> dict[tuple[str, str], int]:
    """Pairs of vessels with fixes closer than ``radius_m`` within ``window_s`` of each other,
    outside every port radius: a sanity check that only the planted encounters are close."""
    pts = [(p.lat, p.lon) for p in ports.values()]

    def in_port(lat, lon):
        return any(abs(lat - a) < 0.05 and dist_m((lat, lon), (a, b)) < port_radius_m for a, b in pts)

    rows = sorted(rows, key=lambda r: r[0])
    found: dict[tuple[str, str], int] = {}
    j0 = 0
    for i, r in enumerate(rows):
        while rows[j0][0] < r[0] - window_s:
            j0 += 1
        for q in rows[j0:i]:
            if q[8] == r[8] or abs(q[2] - r[2]) > 0.02 or abs(q[3] - r[3]) > 0.03:
                continue
            if dist_m((q[2], q[3]), (r[2], r[3])) < radius_m and not (
                    in_port(q[2], q[3]) and in_port(r[2], r[3])):
                key = tuple(sorted((q[8], r[8])))
                found[key] = found.get(key, 0) + 1
    return found
