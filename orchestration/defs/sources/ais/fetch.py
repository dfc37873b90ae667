"""Live path for AIS: NOAA MarineCadastre daily zips (see README.md).

NOAA is the only AIS publisher fetched live: its daily files are public and need no account.
Commercial AIS (Spire, MarineTraffic, exactEarth, ...) is licensed per customer and delivered as
extracts; those come in through the file-drop path (``tumen run --source-dir DIR`` with the files
in ``DIR/ais/``), in the NOAA column set or the DMA layout, which parse.py reads by column name.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from orchestration.defs.sources.ais import parse
from orchestration.lib.http import FetchError, download, session
from orchestration.lib.landing import InputFile

DEFAULT_BASE_URL = "https://coast.noaa.gov/htdata/CMSP/AISDataHandler"
BASE_URL_ENV = "TUMEN_AIS_BASE_URL"

log = logging.getLogger(__name__)


def daily_file_name(day: date) -> str:
    return f"AIS_{day:%Y_%m_%d}.zip"


def daily_url(base_url: str, day: date) -> str:
    return f"{base_url.rstrip('/')}/{day.year}/{daily_file_name(day)}"


def fetch(dest_folder: Path, *, days: list[date] | None = None, base_url: str | None = None) -> list[InputFile]:
    """Download NOAA's daily AIS zips for ``days`` (default: yesterday, UTC) into ``dest_folder``.

    The base URL comes from ``base_url``, else ``TUMEN_AIS_BASE_URL``, else NOAA's own server.
    NOAA publishes months after the fact, so a day that is not there yet (HTTP 404) is skipped
    with a warning instead of failing the night; any other failure raises FetchError. Each file's
    role is read from its header, because NOAA changed the column layout in 2024.
    """
    base = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if days is None:
        days = [datetime.now(timezone.utc).date() - timedelta(days=1)]
    dest_folder = Path(dest_folder)
    fetched: list[InputFile] = []
    with session() as http:
        for day in sorted(set(days)):
            url = daily_url(base, day)
            try:
                item = download(url, dest_folder / daily_file_name(day), role="noaa", http=http)
            except FetchError as error:
                # http.download reports the status only in its message; anything else stays an error.
                if str(error).startswith(f"{url}: HTTP 404 "):
                    log.warning("ais: %s is not published yet (HTTP 404); skipped", url)
                    continue
                raise
            # Raises SourceFormatError when the server answered with something other than AIS.
            role = parse.classify(item.path)
            if role is None:
                raise FetchError(f"{url}: downloaded file {item.path.name} is not a zip of AIS positions")
            fetched.append(dataclasses.replace(item, role=role))
    return fetched
