"""dbt models as Dagster assets: staging, intermediate and marts built by one `dbt build`.

Asset keys are ``[schema, model]`` (``sanctions/dim_entities``); dbt sources map onto the raw
asset keys (``raw_ofac_sdn/sdn_entries``) so the graph runs from landing to marts.
"""


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
    # dbt reads the build file from the environment (profiles.yml); this run's data directory decides it
    os.environ["TUMEN_BUILD_DB"] = str(tumen.paths().build_db)
    yield from dbt.cli(["build"], context=context).stream()

