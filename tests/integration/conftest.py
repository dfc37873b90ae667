"""Fixtures that run the real `tumen` command in a subprocess, as a user would."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT

TUMEN = str(Path(sys.executable).with_name("tumen"))
EXPECTATIONS = REPO_ROOT / "expectations"


def tumen(*args: str, data_dir: Path, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [TUMEN, *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def query(db: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


COMMITTED_SUITES: dict[str, dict[str, str]] = {}


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Path:
    """One nightly run on the bundled sample, shared by the read-only assertions."""
    data_dir = tmp_path_factory.mktemp("sample_run")
    COMMITTED_SUITES["before"] = tree_digest(EXPECTATIONS)
    result = tumen("run", data_dir=data_dir)
    COMMITTED_SUITES["after"] = tree_digest(EXPECTATIONS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return data_dir
