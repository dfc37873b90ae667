"""Live fetch of the FCDO UK Sanctions List (see README.md).

Only the FCDO list is fetched. The OFSI Consolidated List (ConList) is retired and is read from
files a user already holds, never downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from orchestration.defs.sources.uk_sanctions import parse
from orchestration.lib.http import FetchError, FetchPolicy, download
from orchestration.lib.landing import InputFile

URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
URL_ENV = "TUMEN_UK_SANCTIONS_URL"
FILE_NAMES = {parse.ROLE_FCDO_XML: "UK-Sanctions-List.xml", parse.ROLE_FCDO_CSV: "UK-Sanctions-List.csv"}


def fetch(dest_folder: Path, url: str | None = None, *, policy: FetchPolicy = FetchPolicy()) -> list[InputFile]:
    """Download the whole UK Sanctions List into ``dest_folder``.

    The URL is, in order: the ``url`` argument, ``$TUMEN_UK_SANCTIONS_URL`` (read now, not at
    import: a mirror, or a loopback server in tests), the FCDO's own address. XML unless the
    URL's path ends in ``.csv``, which fetches the CSV rendering of the same list.
    """
    source_url = url or os.environ.get(URL_ENV) or URL
    role = parse.ROLE_FCDO_CSV if urlparse(source_url).path.lower().endswith(".csv") else parse.ROLE_FCDO_XML
    item = download(source_url, Path(dest_folder) / FILE_NAMES[role], role, policy=policy)
    if parse.classify(item.path) != role:
        # Outages and bot checks answer 200 with an HTML page; landing it would reject the night
        # later with a less useful message.
        head = item.path.read_bytes()[:120].decode("utf-8", errors="replace")
        item.path.unlink()
        kind = role.removeprefix("fcdo_").upper()
        raise FetchError(f"{source_url}: the response is not the UK Sanctions List {kind} (starts {head!r})")
    return [item]
