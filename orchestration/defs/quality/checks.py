"""Great Expectations suites as blocking Dagster asset checks, plus the quarantine watch.

One check per committed suite (``expectations/gx/expectations/<schema>/<table>.json``) on the
asset ``[schema, table]``. Blocking: a failed check stops everything downstream of its asset in
the same run, so nothing reaches ``publish``.
"""


import dagster as dg

from orchestration.lib import gx_runner
from orchestration.lib.settings import TumenSettings
from orchestration.lib.source_assets import source_parse_modules

# Above this share of a source's rows set aside by its parser, the run stops.
QUARANTINE_BLOCKING_SHARE = 0.01


def _gx_check(suite_name: str) -> dg.AssetChecksDefinition:
    schema, table = suite_name.split(".", 1)

    @dg.asset_check(
        asset=dg.AssetKey([schema, table]),
        name="great_expectations",
        blocking=True,
        description=f"Great Expectations suite {suite_name} (expectations/gx/expectations/{schema}/{table}.json)",
    )
    def _check(context: dg.AssetCheckExecutionContext, tumen: TumenSettings) -> dg.AssetCheckResult:
        paths = tumen.paths()
        if schema.startswith("raw_") and not _source_loaded(paths.build_db, schema.removeprefix("raw_")):
            # A warehouse may hold only some sources (`tumen run --sources ...`): nothing to judge here.
            return dg.AssetCheckResult(
                passed=True,
                description=f"no snapshot of {schema.removeprefix('raw_')} is loaded in this warehouse",
                metadata={"rows": 0, "expectations": 0, "failed": 0},
            )
        project = gx_runner.prepare_project(paths.build, context.run.run_id)
        outcome = gx_runner.validate_table(project, suite_name, paths.build_db, f"{schema}.{table}")
        context.log.info(f"[quality] {outcome.summary()}")
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR,
            description=outcome.summary()[:1000],
            metadata={
                "rows": outcome.rows,
                "expectations": len(outcome.outcomes),
                "failed": len(outcome.failures),
                "results": dg.MetadataValue.json(
                    [o.__dict__ for o in outcome.outcomes]
                ),
            },
        )

    return _check


def _source_loaded(build_db, source: str) -> bool:
    import duckdb

    with duckdb.connect(str(build_db), read_only=True) as con:
        return con.execute("select count(*) from raw_meta.loads where source = ?", [source]).fetchone()[0] > 0


def _quarantine_check(source: str, table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey([f"raw_{source}", table]),
        name="quarantine",
        blocking=True,
        description=(
            f"Rows of {source} set aside by the parser (raw_meta.quarantine). Warns on any; "
            f"blocks above {QUARANTINE_BLOCKING_SHARE:.0%} of the source's rows."
        ),
    )
    def _check(context: dg.AssetCheckExecutionContext, tumen: TumenSettings) -> dg.AssetCheckResult:
        import duckdb

        with duckdb.connect(str(tumen.paths().build_db), read_only=True) as con:
            quarantined = con.execute(
                "select count(*) from raw_meta.quarantine where source = ?", [source]
            ).fetchone()[0]
            loaded = con.execute(
                "select coalesce(sum(rows_loaded), 0) from raw_meta.loads where source = ?", [source]
            ).fetchone()[0]
            reasons = con.execute(
                "select reason, count(*) as n from raw_meta.quarantine where source = ? "
                "group by reason order by n desc limit 5",
                [source],
            ).fetchall()
        share = quarantined / max(loaded + quarantined, 1)
        blocking = share > QUARANTINE_BLOCKING_SHARE
        text = f"{quarantined:,} rows quarantined ({share:.3%} of {loaded + quarantined:,})"
        if reasons:
            text += "; top reasons: " + "; ".join(f"{r} ×{n}" for r, n in reasons)
        return dg.AssetCheckResult(
            passed=quarantined == 0,
            severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
            description=text[:1000],
            metadata={"quarantined": quarantined, "loaded": loaded, "share": share},
        )

    return _check


defs = dg.Definitions(
    asset_checks=[_gx_check(name) for name in gx_runner.committed_suites()]
    # the watch sits on each source's first raw table (its main record table)
    + [_quarantine_check(parse.SOURCE, next(iter(parse.RAW_TABLES))) for parse in source_parse_modules()],
)
