"""Live download of OFAC's legacy SDN CSV files from the Sanctions List Service (see README.md)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.lib.http import FetchPolicy, download_publication
from orchestration.lib.landing import InputFile

BASE_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
BASE_URL_ENV = "TUMEN_OFAC_BASE_URL"

# role -> (name on the server, name it lands under; classify() recognises the latter)
FILES: dict[str, tuple[str, str]] = {
    "sdn": ("SDN.CSV", "sdn.csv"),
    "add": ("ADD.CSV", "add.csv"),
    "alt": ("ALT.CSV", "alt.csv"),
    "comments": ("SDN_COMMENTS.CSV", "sdn_comments.csv"),
}


def fetch(dest_folder: Path, base_url: str | None = None, *, policy: FetchPolicy = FetchPolicy()) -> list[InputFile]:
    """Download sdn.csv, add.csv, alt.csv and sdn_comments.csv into ``dest_folder``.

    ``base_url`` (or the TUMEN_OFAC_BASE_URL environment variable) points at a mirror or a test
    server; the default is OFAC's Sanctions List Service.
    """
    base = base_url or os.environ.get(BASE_URL_ENV) or BASE_URL
    return download_publication(base, FILES, dest_folder, dated_by="sdn", policy=policy)
