"""Shared test fixtures.

Real publisher files live beside the checkout in ``../shared/realdata`` (CI has them there too).
They are read in place, never copied into the repository. A missing folder fails the tests
loudly instead of skipping them, so a green run always means the real files were parsed.
"""

from __future__ import annotations

import os
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
