"""Split the reports of one MMSI between the transmitters that share it.

Two ships broadcasting the same MMSI (a cloned or mis-configured transponder) look, merged, like
one ship zig-zagging at impossible speeds. Each report is given to the transmitter whose last
report it could have been reached from at a plausible speed (the nearest in implied speed);
a report no transmitter could have reached starts another one. Only MMSI-days with repeated
impossible jumps go through this (SQL flags them), so the loop runs over few reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_KM = 6371.0088
KM_PER_NM = 1.852


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Track:
    lat: float
    lon: float
    epoch_s: float


def assign_transmitters(
    epoch_s: np.ndarray, lat: np.ndarray, lon: np.ndarray, max_speed_kn: float = 25.0, jitter_km: float = 1.0
) -> np.ndarray:
    """Transmitter number (0, 1, ...) for each report of one MMSI, reports in time order.

    A report joins the track it implies the lowest speed from, if that speed is at most
    ``max_speed_kn`` (or the jump is within ``jitter_km``, GPS noise); otherwise it opens a new
    track. Track 0 is the one that appears first.
    """
    order = np.argsort(epoch_s, kind="stable")
    result = np.empty(len(order), dtype=np.int64)
    tracks: list[_Track] = []
    for i in order:
        best, best_speed = -1, math.inf
        for t, track in enumerate(tracks):
            km = _haversine_km(track.lat, track.lon, float(lat[i]), float(lon[i]))
            hours = max((float(epoch_s[i]) - track.epoch_s) / 3600.0, 1e-9)
            speed = km / KM_PER_NM / hours
            if (speed <= max_speed_kn or km <= jitter_km) and speed < best_speed:
                best, best_speed = t, speed
        if best < 0:
            tracks.append(_Track(float(lat[i]), float(lon[i]), float(epoch_s[i])))
            best = len(tracks) - 1
        else:
            tracks[best] = _Track(float(lat[i]), float(lon[i]), float(epoch_s[i]))
        result[i] = best
    return result
