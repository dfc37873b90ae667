"""Run-over-run drift: a list that suddenly shrinks is more often a broken download or a changed
format than a mass delisting. More than 5 % fewer active DPRK-tagged listings (per authority) or
DPRK-related vessels than the published warehouse blocks publishing until someone looks.
"""

import dagster as dg
import duckdb

from orchestration.lib.settings import TumenSettings

MAX_DROP = 0.05

DPRK_COUNTS = """
select 'listings ' || d.authority as measure, count(distinct d.source_record_id) as n
from {db}sanctions.fct_designations as d
where d.is_active and d.regime = 'DPRK'
group by all
union all
select 'vessels', count(*)
from {db}sanctions.dim_entities
where entity_type = 'vessel' and is_dprk_related
"""


def dprk_counts(con: duckdb.DuckDBPyConnection, db: str = "") -> dict[str, int]:
    return dict(con.execute(DPRK_COUNTS.format(db=db)).fetchall())


def compare(previous: dict[str, int], current: dict[str, int], max_drop: float = MAX_DROP) -> list[str]:
    """The measures that fell by more than ``max_drop``; a measure new tonight has no baseline."""
    problems = []
    for measure, before in sorted(previous.items()):
        now = current.get(measure, 0)
        if before > 0 and (before - now) / before > max_drop:
            problems.append(f"{measure}: {now:,} now vs {before:,} published ({(now - before) / before:+.1%})")
    return problems


@dg.asset_check(
    asset=dg.AssetKey(["sanctions", "fct_designations"]),
    name="dprk_drift_vs_published",
    blocking=True,
    description=(
        f"Blocks publishing when active DPRK-tagged listings of any authority, or DPRK-related vessels, "
        f"fall by more than {MAX_DROP:.0%} against the published warehouse."
    ),
)
def dprk_drift_vs_published(context: dg.AssetCheckExecutionContext, tumen: TumenSettings) -> dg.AssetCheckResult:
    paths = tumen.paths()
    with duckdb.connect(str(paths.build_db), read_only=True) as con:
        current = dprk_counts(con)
        if not paths.published_db.exists():
            return dg.AssetCheckResult(passed=True, description="no published warehouse yet: nothing to compare", metadata=current)
        con.execute(f"attach '{paths.published_db}' as published (read_only)")
        try:
            previous = dprk_counts(con, "published.")
        except duckdb.CatalogException:
            return dg.AssetCheckResult(passed=True, description="the published warehouse has no designations to compare")
    problems = compare(previous, current)
    summary = "; ".join(f"{k} {previous.get(k, 0):,}→{current.get(k, 0):,}" for k in sorted(set(previous) | set(current)))
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description=("DPRK counts fell: " + "; ".join(problems)) if problems else f"within {MAX_DROP:.0%}: {summary}",
        metadata={"previous": dg.MetadataValue.json(previous), "current": dg.MetadataValue.json(current)},
    )
