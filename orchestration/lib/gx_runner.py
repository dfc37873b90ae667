"""Run Great Expectations suites against warehouse tables.

The committed GX project (``expectations/gx``) is copied into the build area once per run and
validated there, so committed suite files never change from run to run. Validation goes through
pandas: GX's SQL path over duckdb-engine fails every expectation (DESIGN.md section 7).
``dagster-ge`` needs GX < 1.0, hence this small runner.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.lib.paths import EXPECTATIONS_DIR

COMMITTED_PROJECT = EXPECTATIONS_DIR / "gx"
SUITES_DIR = COMMITTED_PROJECT / "expectations"
RUN_MARKER = ".tumen_run_id"


@dataclass
class ExpectationOutcome:
    expectation: str
    column: str | None
    success: bool
    observed: str


@dataclass
class SuiteOutcome:
    suite: str
    success: bool
    rows: int
    outcomes: list[ExpectationOutcome] = field(default_factory=list)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [o for o in self.outcomes if not o.success]

    def summary(self) -> str:
        if self.success:
            return f"{self.suite}: {len(self.outcomes)} expectations passed on {self.rows:,} rows"
        failed = "; ".join(f"{o.expectation}({o.column or ''}) observed {o.observed}" for o in self.failures)
        return f"{self.suite}: {len(self.failures)} of {len(self.outcomes)} expectations failed: {failed}"


def committed_suites() -> dict[str, Path]:
    """Suite name (``<schema>.<table>``) to its committed JSON file."""
    return {
        f"{path.parent.name}.{path.stem}": path
        for path in sorted(SUITES_DIR.glob("*/*.json"))
    }


def suite_columns(suite_file: Path) -> list[str]:
    spec = json.loads(suite_file.read_text(encoding="utf-8"))
    columns: list[str] = []
    for expectation in spec["expectations"]:
        kwargs = expectation.get("kwargs", {})
        for key in ("column", "column_A", "column_B"):
            if key in kwargs and kwargs[key] not in columns:
                columns.append(kwargs[key])
        for name in kwargs.get("column_list", []):
            if name not in columns:
                columns.append(name)
        # columns a pandas row_condition names: `fact=="imo"`, `regime.str.contains(...)`
        for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)(?=\s*(?:==|!=|<=|>=|<|>|\.str\.))", kwargs.get("row_condition") or ""):
            if name not in columns:
                columns.append(name)
    return columns


def prepare_project(work_dir: Path, run_id: str) -> Path:
    """A fresh copy of the committed GX project for this run (reused by every check of the run)."""
    project = work_dir / "gx_project"
    marker = project / RUN_MARKER
    if marker.is_file() and marker.read_text() == run_id:
        return project
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(COMMITTED_PROJECT, project / "gx")
    marker.write_text(run_id)
    return project


def validate_table(project: Path, suite_name: str, db_path: Path, table: str) -> SuiteOutcome:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx  # slow import: only when a check runs

    suite_file = committed_suites()[suite_name]
    columns = suite_columns(suite_file)
    with duckdb.connect(str(db_path), read_only=True) as con:
        selected = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        frame = con.execute(f"select {selected} from {table}").df()

    context = gx.get_context(mode="file", project_root_dir=str(project))
    suite = context.suites.get(suite_name)
    source = context.data_sources.add_or_update_pandas(name="tumen_warehouse")
    asset_name = suite_name.replace(".", "__")
    try:
        asset = source.get_asset(asset_name)
    except LookupError:
        asset = source.add_dataframe_asset(name=asset_name)
    try:
        batch = asset.get_batch_definition("whole_table")
    except KeyError:
        batch = asset.add_batch_definition_whole_dataframe("whole_table")
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(data=batch, suite=suite, name=suite_name)
    )
    result = definition.run(batch_parameters={"dataframe": frame})
    outcomes = [
        ExpectationOutcome(
            expectation=r.expectation_config.type,
            column=r.expectation_config.kwargs.get("column"),
            success=bool(r.success),
            observed=_observed(r.result),
        )
        for r in result.results
    ]
    return SuiteOutcome(suite=suite_name, success=bool(result.success), rows=len(frame), outcomes=outcomes)


def build_docs(project: Path) -> Path | None:
    """Render Data Docs for every validation stored in this run's project copy."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(project))
    context.build_data_docs()
    site = project / "gx" / "uncommitted" / "data_docs" / "local_site"
    return site if (site / "index.html").is_file() else None


def _observed(result: dict) -> str:
    if "unexpected_count" in result:
        sample = result.get("partial_unexpected_list") or []
        shown = ", ".join(repr(v) for v in sample[:3])
        return f"{result['unexpected_count']} unexpected" + (f" (e.g. {shown})" if shown else "")
    if "observed_value" in result:
        return repr(result["observed_value"])[:200]
    return ""
