"""Live download of OFAC's Consolidated (non-SDN) list from the Sanctions List Service (see README.md)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.lib.http import FetchPolicy, download_publication
from orchestration.lib.landing import InputFile

BASE_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
BASE_URL_ENV = "TUMEN_OFAC_CONS_BASE_URL"

# role -> (name on the server, name it lands under; classify() recognises the latter)
FILES: dict[str, tuple[str, str]] = {
    "cons_prim": ("CONS_PRIM.CSV", "cons_prim.csv"),
    "cons_add": ("CONS_ADD.CSV", "cons_add.csv"),
    "cons_alt": ("CONS_ALT.CSV", "cons_alt.csv"),
    "cons_comments": ("CONS_COMMENTS.CSV", "cons_comments.csv"),
    "cons_xml": ("CONSOLIDATED.XML", "consolidated.xml"),
}


def fetch(dest_folder: Path, base_url: str | None = None, *, policy: FetchPolicy = FetchPolicy()) -> list[InputFile]:
    """Download the four consolidated CSVs and CONSOLIDATED.XML into ``dest_folder``.

    ``base_url`` (or the TUMEN_OFAC_CONS_BASE_URL environment variable, read here rather than at
    import) points at a mirror or a test server; the default is OFAC's Sanctions List Service.
    """
    base = base_url or os.environ.get(BASE_URL_ENV) or BASE_URL
    return download_publication(base, FILES, dest_folder, dated_by="cons_xml", policy=policy)
