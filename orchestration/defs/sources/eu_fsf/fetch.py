"""Live fetch of the EU Financial Sanctions Files XML export (see README.md).

The download link carries a ``token`` query parameter issued to the user by the FSF site. It is
treated as a credential: read from ``$TUMEN_EU_FSF_TOKEN`` when ``fetch()`` runs (never at import),
sent as a query parameter, and kept out of the manifest and out of every error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from orchestration.defs.sources.eu_fsf import parse
from orchestration.lib.http import FetchError, FetchPolicy, download
from orchestration.lib.landing import InputFile

URL = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
URL_ENV = "TUMEN_EU_FSF_URL"
TOKEN_ENV = "TUMEN_EU_FSF_TOKEN"
FILE_NAME = "xmlFullSanctionsList_1_1.xml"


def fetch(dest_folder: Path, url: str | None = None, *, policy: FetchPolicy = FetchPolicy()) -> list[InputFile]:
    """Download the whole FSF XML export into ``dest_folder``.

    The URL is, in order: the ``url`` argument, ``$TUMEN_EU_FSF_URL`` (a mirror, or a loopback
    server in tests), the Commission's own address. The token always comes from
    ``$TUMEN_EU_FSF_TOKEN``.
    """
    source_url = url or os.environ.get(URL_ENV) or URL
    if "token" in parse_qs(urlsplit(source_url).query):
        # A token inside the URL would be written to the manifest and to logs.
        raise FetchError(
            f"{_without_query(source_url)}: the URL carries a token; put the token in ${TOKEN_ENV} "
            "and give the URL without it"
        )
    token = (os.environ.get(TOKEN_ENV) or "").strip()
    if not token:
        raise FetchError(
            f"{source_url}: no FSF download token. Set ${TOKEN_ENV} to the token of your FSF download "
            "link (the 'token=' part of the XML 1.1 link on the Financial Sanctions Files site); "
            "or run in file-drop mode with a downloaded export"
        )
    try:
        item = download(
            source_url, Path(dest_folder) / FILE_NAME, parse.ROLE_XML, policy=policy, params={"token": token}
        )
    except FetchError as error:
        # requests names the full URL (token included) in connection errors.
        raise FetchError(str(error).replace(token, "<token>")) from None
    if parse.classify(item.path) != parse.ROLE_XML:
        # A refused or expired token, or an EU Login redirect, can answer 200 with an HTML page;
        # landing it would only reject the night later with a less useful message.
        head = item.path.read_bytes()[:120].decode("utf-8", errors="replace").replace(token, "<token>")
        item.path.unlink()
        raise FetchError(
            f"{source_url}: the response is not the FSF XML export (starts {head!r}); "
            f"check ${TOKEN_ENV} and whether the site now requires a login"
        )
    return [item]


def _without_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
