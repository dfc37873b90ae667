"""The nightly job and its schedule.

The cron comes from TUMEN_NIGHTLY_CRON (default 02:00 UTC), read when Dagster loads the
definitions, not when this module is imported.
"""

import os

import dagster as dg

DEFAULT_CRON = "0 2 * * *"

# One process writes the DuckDB build file at a time (DESIGN.md section 6): run every step in-process.
nightly_job = dg.define_asset_job(
    name="nightly",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Land every source, build and test the dbt models, run the quality checks, publish.",
)


@dg.definitions
def defs() -> dg.Definitions:
    cron = os.environ.get("TUMEN_NIGHTLY_CRON", DEFAULT_CRON)
    nightly_schedule = dg.ScheduleDefinition(
        name="nightly_schedule",
        job=nightly_job,
        cron_schedule=cron,
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=f"Runs the nightly job at '{cron}' UTC (set TUMEN_NIGHTLY_CRON to change).",
    )
    return dg.Definitions(jobs=[nightly_job], schedules=[nightly_schedule])
