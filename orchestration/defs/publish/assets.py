"""The publish asset: after every blocking check of the run has passed, write a release and swap
it in atomically (see release.py for the layout and guarantees)."""

import json
import shutil
from datetime import datetime, timezone
from importlib.metadata import version

import dagster as dg

from orchestration.defs.publish import release as releases
from orchestration.defs.publish.report import write_report
from orchestration.lib import gx_runner, landing
from orchestration.lib.dbt_project import manifest_path
from orchestration.lib.source_assets import source_parse_modules
from orchestration.lib.settings import TumenSettings


def _published_inputs() -> list[dg.AssetKey]:
    """Every raw table, mart and seed: publishing waits for all of them and their blocking checks,
    so a source that fails tonight stops the whole release (no half-published night)."""
    manifest = json.loads(manifest_path().read_text())
    keys = [
        dg.AssetKey([f"raw_{parse.SOURCE}", table])
        for parse in source_parse_modules()
        for table in parse.RAW_TABLES
    ]
    for node in manifest["nodes"].values():
        is_mart = node["resource_type"] == "model" and node["schema"] in releases.MART_SCHEMAS
        if is_mart or node["resource_type"] == "seed":
            keys.append(dg.AssetKey([node["schema"], node["name"]]))
    return sorted(keys, key=lambda k: k.to_user_string())


def run_check_results(context: dg.AssetExecutionContext) -> list[dict]:
    records = context.instance.get_records_for_run(
        run_id=context.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000
    ).records
    results = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        results.append(
            {
                "asset": evaluation.asset_key.to_user_string(),
                "check": evaluation.check_name,
                "passed": bool(evaluation.passed),
                "severity": evaluation.severity.value,
                "description": evaluation.description or "",
            }
        )
    return sorted(results, key=lambda c: (c["asset"], c["check"]))


@dg.asset(
    key=dg.AssetKey(["published", "warehouse"]),
    deps=_published_inputs(),
    group_name="publish",
    kinds={"duckdb", "parquet", "html"},
    description=(
        "The BI-readable warehouse (<data dir>/published/tumen.duckdb, DuckDB storage v1.1.0), "
        "Parquet per mart, the HTML report and Data Docs, swapped in atomically; last 3 kept."
    ),
)
def published_warehouse(context: dg.AssetExecutionContext, tumen: TumenSettings) -> dg.MaterializeResult:
    checks = run_check_results(context)
    blocking_failures = [c for c in checks if not c["passed"] and c["severity"] == "ERROR"]
    if blocking_failures:
        # Blocking checks already stop this step; this guard keeps that true if a check is ever mis-declared.
        raise dg.Failure(
            "not publishing: blocking checks failed: "
            + "; ".join(f"{c['asset']} {c['check']}: {c['description']}" for c in blocking_failures)
        )
    paths = tumen.paths()
    now = datetime.now(timezone.utc)
    release_id = releases.new_release_id(context.run_id, now)
    raw_snapshots = []
    for source_dir in sorted(p for p in paths.raw.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for snap in landing.landed_snapshots(paths.raw, source_dir.name):
            raw_snapshots.append(
                {
                    "source": snap.source,
                    "as_of": snap.as_of.isoformat(),
                    "as_of_basis": snap.as_of_basis,
                    "dataset": snap.dataset,
                    "files": [f.as_dict for f in snap.files],
                }
            )
    metadata = {
        "published_at": now.isoformat(timespec="seconds"),
        "run_id": context.run_id,
        "dataset": tumen.dataset,
        "mode": tumen.run_mode,
        "tumen_version": version("tumen"),
        "raw_snapshots": raw_snapshots,
        "checks": checks,
    }
    staged = releases.stage_release(paths, release_id, metadata, log=context.log.info)
    write_report(paths.build_db, staged.folder / "report", metadata)
    docs = gx_runner.build_docs(gx_runner.prepare_project(paths.build, context.run_id))
    if docs is not None:
        shutil.copytree(docs, staged.folder / "data_docs")
    final = releases.finalize(paths, staged)
    releases.swap_in(paths, final)
    removed = releases.prune(paths)
    context.log.info(f"[publish] release {release_id} is live at {paths.published_db}")
    return dg.MaterializeResult(
        metadata={
            "release_id": release_id,
            "path": str(paths.published_db),
            "tables": len(metadata["row_counts"]),
            "checks_passed": sum(c["passed"] for c in checks),
            "checks_total": len(checks),
            "pruned_releases": ", ".join(removed) or "none",
        }
    )
