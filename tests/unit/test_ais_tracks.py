import numpy as np

from orchestration.lib.ais_tracks import assign_transmitters


def test_two_ships_sharing_one_mmsi_are_two_transmitters():
    # ship A off Nampo, ship B off Dalian (about 340 km apart), reports interleaved every 5 minutes
    t = np.arange(0, 12 * 300, 300, dtype=float)
    lat = np.where(np.arange(12) % 2 == 0, 38.60, 38.90) + np.arange(12) * 0.001
    lon = np.where(np.arange(12) % 2 == 0, 125.00, 121.70)
    tracks = assign_transmitters(t, lat, lon)
    assert set(tracks[::2]) == {0} and set(tracks[1::2]) == {1}


def test_one_ship_with_gps_noise_stays_one_transmitter():
    t = np.arange(0, 20 * 60, 60, dtype=float)
    lat = 38.6 + np.random.default_rng(1).normal(0, 0.001, 20)
    lon = 125.0 + np.arange(20) * 0.002
    assert set(assign_transmitters(t, lat, lon)) == {0}


def test_reports_out_of_order_are_assigned_in_time_order():
    t = np.array([600.0, 0.0, 300.0])
    lat = np.array([38.61, 38.60, 38.605])
    lon = np.array([125.0, 125.0, 125.0])
    assert list(assign_transmitters(t, lat, lon)) == [0, 0, 0]
