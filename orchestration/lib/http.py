"""HTTP for live fetching: timeouts, retries with exponential backoff, streamed to disk.

Retries come from urllib3's ``Retry`` (a well-kept implementation of backoff and Retry-After)
rather than a hand-written loop.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from orchestration.lib.landing import InputFile

USER_AGENT = "tumen/0.1 (+https://github.com/tumen-warehouse/tumen)"


class FetchError(RuntimeError):
    """A publisher could not be reached or refused the request; names the URL and the reason."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout_seconds: float = 60.0
    retries: int = 4
    backoff_factor: float = 1.0  # waits 1, 2, 4, 8 s between attempts
    retry_statuses: tuple[int, ...] = (429, 500, 502, 503, 504)


def session(policy: FetchPolicy = FetchPolicy()) -> requests.Session:
    retry = Retry(
        total=policy.retries,
        connect=policy.retries,
        read=policy.retries,
        status=policy.retries,
        backoff_factor=policy.backoff_factor,
        status_forcelist=policy.retry_statuses,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    s = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    s.headers["User-Agent"] = USER_AGENT
    return s


def download(
    url: str,
    dest: Path,
    role: str,
    *,
    policy: FetchPolicy = FetchPolicy(),
    params: dict | None = None,
    headers: dict | None = None,
    http: requests.Session | None = None,
) -> InputFile:
    """Stream ``url`` to ``dest``; the result carries the origin URL and fetch time for the manifest."""
    http = http or session(policy)
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with http.get(url, params=params, headers=headers, timeout=policy.timeout_seconds, stream=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}: {response.text[:300]}")
            tmp = dest.with_name(f".{dest.name}.partial")
            with open(tmp, "wb") as handle:
                for chunk in response.iter_content(chunk_size=1 << 20):
                    handle.write(chunk)
            tmp.replace(dest)
            last_modified = _last_modified(response)
    except requests.RequestException as error:
        raise FetchError(f"{url}: {error.__class__.__name__}: {error}") from error
    return InputFile(
        role=role,
        path=dest,
        origin=url,
        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        last_modified=last_modified.isoformat(timespec="seconds") if last_modified else None,
    )


def download_publication(
    base_url: str,
    files: dict[str, tuple[str, str]],
    dest_folder: Path,
    *,
    dated_by: str,
    policy: FetchPolicy = FetchPolicy(),
) -> list[InputFile]:
    """Download several files that make one publication, all dated as the ``dated_by`` role's file.

    ``files`` maps role -> (name on the server, name it lands under). Landing dates each file by
    its own Last-Modified (or fetch time), so a rarely-changing companion file, or a download
    straddling midnight, would split one publication across two snapshots; the main file's date
    stands for all of them instead.
    """
    base = base_url if base_url.endswith("/") else base_url + "/"
    http = session(policy)
    fetched: list[InputFile] = []
    try:
        for role, (remote, local) in files.items():
            fetched.append(download(base + remote, Path(dest_folder) / local, role, policy=policy, http=http))
    finally:
        http.close()
    main = next(item for item in fetched if item.role == dated_by)
    stamp = main.last_modified or main.fetched_at
    return [dataclasses.replace(item, last_modified=stamp) for item in fetched]


def _last_modified(response: requests.Response) -> datetime | None:
    value = response.headers.get("Last-Modified")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).astimezone(timezone.utc)
    except (TypeError, ValueError):
        return None
