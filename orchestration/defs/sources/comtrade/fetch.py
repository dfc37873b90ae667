"""Live path for UN Comtrade: the v1 data API, one JSON response saved per request.

Kept deliberately simple (one request per reporter and year). Request budgets, caching and
splitting periods to stay under the row cap per call come later; see README.md.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from orchestration.lib.http import FetchError, download, session
from orchestration.lib.landing import InputFile
from orchestration.defs.sources.comtrade import parse

DEFAULT_BASE_URL = "https://comtradeapi.un.org/data/v1/get"
API_KEY_ENV = "TUMEN_COMTRADE_API_KEY"
BASE_URL_ENV = "TUMEN_COMTRADE_BASE_URL"
KEY_HEADER = "Ocp-Apim-Subscription-Key"

DPRK = 408


@dataclass(frozen=True)
class Reporter:
    code: int
    name: str
    freq: str  # "M" monthly or "A" annual


# The default request plan. The DPRK reports nothing itself, so its trade is read from what its
# partners report with partner 408 (mirror statistics). China and Hong Kong carry most of it
# and report monthly, which shows seasonal and sanctions-driven swings; the rest are annual.
DEFAULT_REPORTERS: tuple[Reporter, ...] = (
    Reporter(156, "China", "M"),
    Reporter(344, "China, Hong Kong SAR", "M"),
    Reporter(643, "Russian Federation", "A"),
)
PARTNER = DPRK
FLOW_CODES = "M,X,RM,RX"
# TOTAL gives the headline figure, AG6 every HS six-digit line under it.
CMD_CODES = "TOTAL,AG6"
CLASSIFICATION = "HS"
TYPE_CODE = "C"
DEFAULT_YEARS_BACK = 2


def default_years(today: date | None = None) -> list[int]:
    today = today or date.today()
    return list(range(today.year - DEFAULT_YEARS_BACK, today.year + 1))


def _reporter(value: Reporter | int) -> Reporter:
    if isinstance(value, Reporter):
        return value
    for known in DEFAULT_REPORTERS:
        if known.code == int(value):
            return known
    return Reporter(int(value), str(value), "A")


def _requests(reporters: Sequence[Reporter], years: Sequence[int], today: date) -> list[tuple[Reporter, int, str]]:
    """(reporter, year, period parameter) for every request, one per reporter and year."""
    plan = []
    for reporter in reporters:
        for year in years:
            if year > today.year:
                continue
            if reporter.freq == "M":
                last = today.month if year == today.year else 12
                periods = ",".join(f"{year}{month:02d}" for month in range(1, last + 1))
            elif year < today.year:
                periods = str(year)
            else:
                continue  # no annual figure exists for a year still running
            plan.append((reporter, year, periods))
    return plan


def fetch(
    dest_folder: Path,
    *,
    reporters: Iterable[Reporter | int] | None = None,
    periods: Iterable[int | str] | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> list[InputFile]:
    """Download partner-408 trade for each reporter and year into ``dest_folder``.

    ``periods`` are years (2023 or "2023"); a monthly reporter gets that year's months. The key
    comes from ``api_key`` or ``$TUMEN_COMTRADE_API_KEY`` (a free key from
    https://comtradedeveloper.un.org/); the base URL from ``base_url``, ``$TUMEN_COMTRADE_BASE_URL``
    or the public API.
    """
    key = (api_key or os.environ.get(API_KEY_ENV, "")).strip()
    if not key:
        raise FetchError(
            f"UN Comtrade needs an API subscription key for its data endpoint: set {API_KEY_ENV} "
            "(a free key from https://comtradedeveloper.un.org/) or run with sample or file input"
        )
    base = (base_url or os.environ.get(BASE_URL_ENV, "") or DEFAULT_BASE_URL).rstrip("/")
    chosen = [_reporter(r) for r in (reporters if reporters is not None else DEFAULT_REPORTERS)]
    today = date.today()
    years = sorted({int(p) for p in periods}) if periods is not None else default_years(today)
    if any(not 1962 <= year <= 9999 for year in years):
        raise ValueError(f"periods are years (YYYY) from 1962, when Comtrade's series start; got {years}")
    dest_folder = Path(dest_folder)
    dest_folder.mkdir(parents=True, exist_ok=True)
    http = session()
    fetched: list[InputFile] = []
    for reporter, year, period in _requests(chosen, years, today):
        url = f"{base}/{TYPE_CODE}/{reporter.freq}/{CLASSIFICATION}"
        params = {
            "reporterCode": str(reporter.code),
            "partnerCode": str(PARTNER),
            "period": period,
            "flowCode": FLOW_CODES,
            "cmdCode": CMD_CODES,
        }
        # No 8-digit run in the name: landing would read it as a snapshot date.
        name = f"comtrade_{TYPE_CODE}_{reporter.freq}_{CLASSIFICATION}_r{reporter.code}_p{PARTNER}_y{year}.json"
        item = download(url, dest_folder / name, parse.API_JSON, params=params, headers={KEY_HEADER: key}, http=http)
        _refuse_error_response(item)
        fetched.append(item)
    return fetched


def _refuse_error_response(item: InputFile) -> None:
    """The API can answer 200 with an error in the envelope; such a file must not be landed."""
    try:
        payload = json.loads(item.path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        item.path.unlink(missing_ok=True)
        raise FetchError(f"{item.origin}: response is not JSON: {error}") from error
    problem = parse.envelope_problem(payload)
    if problem:
        item.path.unlink(missing_ok=True)
        raise FetchError(f"{item.origin}: {problem}")
