"""dbt models as Dagster assets: staging, intermediate and marts built by one `dbt build`.

Asset keys are ``[schema, model]`` (``sanctions/dim_entities``); dbt sources map onto the raw
asset keys (``raw_ofac_sdn/sdn_entries``) so the graph runs from landing to marts.
"""


import contextlib
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.lib.dbt_project import manifest_path, tumen_dbt_project
from orchestration.lib.settings import TumenSettings

_LAYER_GROUPS = {"staging": 2, "intermediate": 2, "marts": 2}


class TumenDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # staging/<source>/ groups with its source's raw tables; intermediate|marts/<domain>/ by domain
        fqn = dbt_resource_props.get("fqn", [])
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        if len(fqn) > 3 and fqn[1] in _LAYER_GROUPS:
            return fqn[2]
        return None

    def get_tags(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, str]:
        fqn = dbt_resource_props.get("fqn", [])
        tags = {"layer": fqn[1]} if len(fqn) > 2 else {}
        return {**super().get_tags(dbt_resource_props), **tags}


@dbt_assets(
    manifest=manifest_path(),
    project=tumen_dbt_project(),
    dagster_dbt_translator=TumenDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def tumen_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, tumen: TumenSettings):
    """Build and test every dbt model and seed; a failing dbt test stops the run before publish."""
    paths = tumen.paths()
    # dbt reads the build file from the environment (profiles.yml); this run's data directory decides it
    os.environ["TUMEN_BUILD_DB"] = str(paths.build_db)
    log_file = paths.build / "logs" / f"dbt-{context.run_id}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    context.log.info(f"[dbt] build started; full dbt output in {log_file}")
    # dagster-dbt echoes every dbt event to stdout; keep the console to one line per built asset
    with open(log_file, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        invocation = dbt.cli(
            ["build"], context=context, raise_on_error=False, target_path=paths.build / "dbt_target"
        )
        yield from invocation.stream()
    error = invocation.get_error()
    if error is not None:
        raise dg.Failure(f"dbt build failed (full output in {log_file}): {error}")
    context.log.info("[dbt] build finished: every model built and every dbt test passed")

