"""Where Tumen reads and writes. Resolved at call time, never at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
EXPECTATIONS_DIR = REPO_ROOT / "expectations"


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The data directory: an explicit value, else $TUMEN_DATA_DIR, else ./data."""
    value = explicit or os.environ.get("TUMEN_DATA_DIR") or "data"
    return Path(value).expanduser().resolve()


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def build_db(self) -> Path:
        return self.build / "warehouse.duckdb"

    @property
    def published(self) -> Path:
        return self.root / "published"

    @property
    def releases(self) -> Path:
        return self.published / "releases"

    @property
    def published_db(self) -> Path:
        return self.published / "tumen.duckdb"

    @property
    def runs(self) -> Path:
        return self.root / "runs"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster_home"

    def ensure(self) -> "DataPaths":
        for folder in (self.raw, self.build, self.published, self.runs, self.dagster_home):
            folder.mkdir(parents=True, exist_ok=True)
        return self
