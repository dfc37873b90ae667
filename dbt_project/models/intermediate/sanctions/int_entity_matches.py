"""Pairs of listings that are the same party, with the evidence: shared identifiers first, then
names tuned for Korean, Chinese and Russian romanisation, then analysts' rulings.

A Python model because blocking, romanisation-aware name scoring and rapidfuzz cannot be
expressed in SQL; the logic lives in orchestration/lib/matcher.py and is tested there against a
labelled pair set (precision and recall in the README).
"""


def model(dbt, session):
    import pandas as pd

    from orchestration.lib.listings import decisions_from_rows, listings_from_rows
    from orchestration.lib.matcher import resolve

    dbt.config(materialized="table")
    listings = listings_from_rows(dbt.ref("int_listings_latest").df().to_dict("records"))
    keys = {listing.key for listing in listings}
    decisions = decisions_from_rows(dbt.ref("resolution_decisions").df().to_dict("records"), keys)
    matches = resolve(listings, decisions)
    return pd.DataFrame(
        {
            "key_a": pd.Series([m.key_a for m in matches], dtype="string"),
            "key_b": pd.Series([m.key_b for m in matches], dtype="string"),
            "score": pd.Series([float(m.score) for m in matches], dtype="float64"),
            "basis": pd.Series([m.basis for m in matches], dtype="string"),
            "reason": pd.Series([m.reason for m in matches], dtype="string"),
        }
    )
