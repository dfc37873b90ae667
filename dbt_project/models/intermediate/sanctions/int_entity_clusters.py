"""Listings grouped into real-world parties: union-find over int_entity_matches, strongest links
first; a name link never joins two listings of the same authority, nothing but an analyst joins
two records of the same list, and nothing joins two listings an analyst ruled apart
(orchestration/lib/matcher.py: clusters)."""

import hashlib


def model(dbt, session):
    import pandas as pd

    from orchestration.lib.listings import decisions_from_rows
    from orchestration.lib.matcher import Match, clusters

    dbt.config(materialized="table")
    listings = dbt.ref("int_listings_latest").df()[["source_record_id", "authority", "feed"]]
    matches = [
        Match(r["key_a"], r["key_b"], float(r["score"]), r["basis"], r["reason"])
        for r in dbt.ref("int_entity_matches").df().to_dict("records")
    ]
    keys = set(listings["source_record_id"])
    decisions = decisions_from_rows(dbt.ref("resolution_decisions").df().to_dict("records"), keys)
    authorities = dict(zip(listings["source_record_id"], listings["authority"]))
    feeds = dict(zip(listings["source_record_id"], listings["feed"]))
    cluster_of = clusters(keys, matches, decisions, authorities, lists=feeds)

    # the evidence shown for a listing is its strongest link
    rank = lambda m: (m.basis != "analyst", not m.basis.startswith("identifier"), -m.score)  # noqa: E731
    strongest = {}
    for m in sorted(matches, key=rank):
        for key in (m.key_a, m.key_b):
            strongest.setdefault(key, m)
    ordered = sorted(keys)
    return pd.DataFrame(
        {
            "source_record_id": pd.Series(ordered, dtype="string"),
            "cluster_key": pd.Series([cluster_of[k] for k in ordered], dtype="string"),
            "entity_id": pd.Series([hashlib.md5(cluster_of[k].encode()).hexdigest() for k in ordered], dtype="string"),
            "resolution_basis": pd.Series(
                [strongest[k].basis if k in strongest else "single_record" for k in ordered], dtype="string"
            ),
            "resolution_reason": pd.Series(
                [strongest[k].reason if k in strongest else "no other listing matched" for k in ordered], dtype="string"
            ),
        }
    )
