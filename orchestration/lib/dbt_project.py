"""The dbt project handle and its manifest, prepared when stale so every entry point
(`tumen run`, `dagster dev`, tests) loads the same graph without a separate build step."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.lib.paths import DBT_PROJECT_DIR

_SOURCE_GLOBS = ("models/**/*", "seeds/**/*", "macros/**/*", "tests/**/*", "snapshots/**/*", "dbt_project.yml")


@cache
def tumen_dbt_project() -> DbtProject:
    return DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def manifest_path() -> Path:
    """The manifest for the current dbt sources, running `dbt parse` first when it is missing or stale."""
    project = tumen_dbt_project()
    manifest = project.manifest_path
    if not manifest.exists() or _newest_source_mtime() > manifest.stat().st_mtime:
        parse_project()
    return manifest


def dbt_executable() -> str:
    """The dbt installed beside this Python, so an un-activated virtualenv still finds it."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else "dbt"


def parse_project() -> None:
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [dbt_executable(), "parse", "--quiet", "--profiles-dir", str(DBT_PROJECT_DIR)]
    completed = subprocess.run(command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{completed.stdout}\n{completed.stderr}")


def _newest_source_mtime() -> float:
    newest = 0.0
    for pattern in _SOURCE_GLOBS:
        for path in DBT_PROJECT_DIR.glob(pattern):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest
