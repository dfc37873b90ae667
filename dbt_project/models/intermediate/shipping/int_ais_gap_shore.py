"""Distance from shore of each candidate gap's two ends, from the GLOBE land mask shipped in the
global-land-mask package (orchestration/lib/coast.py; nothing is downloaded). Python because the
nearest-coast search is a k-d tree query; only gap ends are measured, a few per vessel."""

import os
from pathlib import Path


def model(dbt, session):
    import pandas as pd

    from orchestration.lib import coast

    dbt.config(materialized="table")
    gaps = dbt.ref("int_ais_gap_candidates").df()
    # the build file sits in <data dir>/build/: the coastline cache lives beside it in <data dir>/cache/
    build_db = os.environ.get("TUMEN_BUILD_DB")
    cache = Path(build_db).resolve().parents[1] / "cache" / "coast" if build_db else None
    shore = coast.load(coast.default_cache_dir(cache))
    return pd.DataFrame(
        {
            "gap_id": gaps["gap_id"].astype("string"),
            "start_shore_nm": shore.distance_nm(gaps["start_latitude"].to_numpy(float), gaps["start_longitude"].to_numpy(float)),
            "end_shore_nm": shore.distance_nm(gaps["end_latitude"].to_numpy(float), gaps["end_longitude"].to_numpy(float)),
        }
    )
