"""Which transmitter sent each report of an MMSI that two transmitters share.

A Python model because the assignment is sequential (each report goes to the track it could
have come from): orchestration/lib/ais_tracks.py. Only MMSIs flagged by int_ais_shared_mmsi_days
are read, so the loop runs over few reports; every other report belongs to transmitter 0.
"""


def model(dbt, session):
    import pandas as pd

    from orchestration.lib.ais_tracks import assign_transmitters

    dbt.config(materialized="table")
    max_speed = float(dbt.config.get("ais_max_implied_speed_kn") or 25)
    shared_days = dbt.ref("int_ais_shared_mmsi_days")
    positions = dbt.ref("int_ais_positions_cleaned")
    flagged = sorted({int(m) for m in shared_days.df()["mmsi"]})
    parts = []
    frame = pd.DataFrame()
    if flagged:
        frame = (
            positions
            .filter(f"mmsi in ({', '.join(str(m) for m in flagged)})")
            .project("mmsi, position_at, epoch(position_at) as epoch_s, latitude, longitude")
            .order("mmsi, position_at")
            .df()
        )
    for mmsi, group in (frame.groupby("mmsi", sort=True) if len(frame) else []):
        tracks = assign_transmitters(
            group["epoch_s"].to_numpy(float), group["latitude"].to_numpy(float), group["longitude"].to_numpy(float),
            max_speed_kn=max_speed,
        )
        parts.append(pd.DataFrame({
            "mmsi": group["mmsi"].to_numpy(), "position_at": group["position_at"].to_numpy(),
            "latitude": group["latitude"].to_numpy(), "longitude": group["longitude"].to_numpy(),
            "transmitter": tracks,
        }))
    if not parts:
        return pd.DataFrame({
            "mmsi": pd.Series([], dtype="int64"), "position_at": pd.Series([], dtype="datetime64[us, UTC]"),
            "latitude": pd.Series([], dtype="float64"), "longitude": pd.Series([], dtype="float64"),
            "transmitter": pd.Series([], dtype="int64"),
        })
    return pd.concat(parts, ignore_index=True)
