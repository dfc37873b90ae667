"""The Dagster code location: assembles everything under ``orchestration/defs``."""

import dagster as dg

import orchestration.defs
from orchestration.lib.paths import REPO_ROOT


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_defs(defs_root=orchestration.defs, project_root=REPO_ROOT)
