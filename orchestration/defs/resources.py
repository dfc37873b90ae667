"""Resources every asset shares. Values resolve when a run starts (see TumenSettings)."""

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.lib.dbt_project import dbt_executable, tumen_dbt_project
from orchestration.lib.settings import TumenSettings

defs = dg.Definitions(
    resources={
        "tumen": TumenSettings(),
        "dbt": DbtCliResource(project_dir=tumen_dbt_project(), dbt_executable=dbt_executable()),
    }
)
