"""Live fetch of the UN Security Council Consolidated List XML (see README.md)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.defs.sources.un_sc import parse
from orchestration.lib.http import FetchError, FetchPolicy, download
from orchestration.lib.landing import InputFile

URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
URL_ENV = "TUMEN_UN_SC_URL"
FILE_NAME = "consolidated.xml"


def fetch(dest_folder: Path, url: str | None = None, *, policy: FetchPolicy = FetchPolicy()) -> list[InputFile]:
    """Download the whole consolidated list into ``dest_folder``.

    The URL is, in order: the ``url`` argument, ``$TUMEN_UN_SC_URL`` (a mirror, or a loopback
    server in tests), the UN's own address.
    """
    source_url = url or os.environ.get(URL_ENV) or URL
    item = download(source_url, Path(dest_folder) / FILE_NAME, parse.ROLE, policy=policy)
    if parse.classify(item.path) != parse.ROLE:
        # Outages and bot checks answer 200 with an HTML page; landing it would reject the night
        # later with a less useful message.
        head = item.path.read_bytes()[:120].decode("utf-8", errors="replace")
        item.path.unlink()
        raise FetchError(f"{source_url}: the response is not the UN consolidated list XML (starts {head!r})")
    return [item]
