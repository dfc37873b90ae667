"""Shared test fixtures.

Real publisher files live beside the checkout in ``../shared/realdata`` (CI has them there too).
They are read in place, never copied into the repository. A missing folder fails the tests
loudly instead of skipping them, so a green run always means the real files were parsed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
REALDATA = Path(os.environ.get("TUMEN_REALDATA", REPO_ROOT.parent / "shared" / "realdata")).resolve()
FIXTURES = REPO_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def realdata() -> Path:
    assert REALDATA.is_dir(), (
        f"real publisher files expected at {REALDATA} (set TUMEN_REALDATA to point elsewhere)"
    )
    return REALDATA


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


DUCKDB_1_1 = REPO_ROOT / ".venv" / "duckdb-1.1"


@pytest.fixture(scope="session")
def duckdb_1_1():
    """Run a query with DuckDB 1.1.3 (what BI drivers embed) in a separate interpreter.

    `make setup` installs it beside the virtualenv; its absence fails the test.
    """
    assert (DUCKDB_1_1 / "duckdb").is_dir(), f"DuckDB 1.1 reader missing at {DUCKDB_1_1}: run `make setup`"

    def run(db: Path, sql: str) -> str:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import duckdb; "
            "assert duckdb.__version__.startswith('1.1'), duckdb.__version__; "
            "con = duckdb.connect(sys.argv[2], read_only=True); "
            "print(con.execute(sys.argv[3]).fetchall()[0][0])"
        )
        result = subprocess.run(
            [sys.executable, "-I", "-c", code, str(DUCKDB_1_1), str(db), sql],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    return run
