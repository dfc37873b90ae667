"""Live path for UN Comtrade: a client for the official v1 data API.

What is fetched is decided in one place, ``REQUEST_PLAN`` just below; everything after it is
mechanics:

* at most 12 periods per call; an answer that reaches the record cap may have been cut short, so
  the request is split in halves (periods, then commodity codes, then flows) until no answer is at
  the cap. A capped answer is never landed;
* a daily call budget kept in a ledger per UTC day (``<cache>/calls-YYYY-MM-DD.json``), so a night
  cannot spend the key's daily quota; every HTTP call counts, retries included;
* a response cache keyed by request (URL and sorted parameters, never the key): a re-run serves
  what it already has and spends nothing;
* release information: the data-availability answer (``getDa``) for the planned reporters and
  periods is landed with the data (role ``availability`` -> raw table ``releases``);
* retries through ``orchestration.lib.http`` (urllib3 ``Retry``, backoff, ``Retry-After``), with a
  cap on how long a ``Retry-After`` may make a night wait, and no retry at all on a refused key.

See README.md ("Fetching (live mode)") for the limits, and which are verified only against
documentation.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import shutil
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import urlencode

import requests
from urllib3.util.retry import Retry

from orchestration.defs.sources.comtrade import parse
from orchestration.lib.http import FetchError, FetchPolicy, session
from orchestration.lib.landing import InputFile, sha256_of

log = logging.getLogger(__name__)

# ============================================================================ the request plan

DPRK = 408
WORLD = 0
TYPE_CODE = "C"  # goods
CLASSIFICATION = "HS"  # as reported (H0..H6), queried as "HS"
FLOWS = ("M", "X", "RM", "RX")  # imports, exports, re-imports, re-exports


@dataclass(frozen=True)
class Reporter:
    code: int
    name: str
    freq: str  # "M" monthly or "A" annual: what this client asks the reporter for


# The DPRK reports nothing itself, so its trade is read from what its partners report with
# partner 408 (mirror statistics). China and Hong Kong carry most of it and report monthly, which
# shows seasonal and sanctions-driven swings; the rest are asked for annual figures.
DEFAULT_REPORTERS: tuple[Reporter, ...] = (
    Reporter(156, "China", "M"),
    Reporter(344, "China, Hong Kong SAR", "M"),
    Reporter(643, "Russian Federation", "A"),
)


@dataclass(frozen=True)
class PlanEntry:
    """One line of the plan: these reporters' trade with ``partner`` in ``cmd_codes`` and ``flows``.

    ``freq`` None asks each reporter at its own frequency (``Reporter.freq``); "A" or "M" forces
    one. Disabled entries are skipped unless switched on (see ``fetch(include_world=...)``).
    """

    name: str
    partner: int
    reporters: tuple[Reporter, ...]
    cmd_codes: tuple[str, ...]
    flows: tuple[str, ...] = FLOWS
    freq: str | None = None
    enabled: bool = True
    purpose: str = ""


DPRK_TRADE = PlanEntry(
    name="dprk",
    partner=DPRK,
    reporters=DEFAULT_REPORTERS,
    # TOTAL gives the headline figure, AG6 every HS six-digit line under it.
    cmd_codes=("TOTAL", "AG6"),
    flows=FLOWS,
    purpose="DPRK trade as its partners report it (partner 408), HS6 and totals",
)
WORLD_HS6 = PlanEntry(
    name="world",
    partner=WORLD,
    reporters=(Reporter(156, "China", "A"),),
    # Every HS6 line (AG6) rather than a list of codes: one call per 12 years, about 11,000
    # records a year for China (two flows), far under the record cap; the unit-value comparison
    # picks the codes of interest downstream (seed un_hs_sanction_rules). An explicit list of HS6
    # codes works too: it is sent in chunks of MAX_CMD_CODES_PER_CALL to keep URLs short.
    cmd_codes=("AG6",),
    flows=("M", "X"),
    freq="A",
    enabled=False,  # switch on with fetch(include_world=True) or TUMEN_COMTRADE_WITH_WORLD=1
    purpose="China's annual trade with the world (partner 0) at HS6, for unit-value comparison",
)
REQUEST_PLAN: tuple[PlanEntry, ...] = (DPRK_TRADE, WORLD_HS6)
DEFAULT_YEARS_BACK = 2  # the last two years and the current one

# ============================================================================ limits and settings

DEFAULT_BASE_URL = "https://comtradeapi.un.org/data/v1/get"
AVAILABILITY_ENDPOINT = "getDa"  # sibling of "get": .../data/v1/getDa/{typeCode}/{freqCode}/{clCode}
KEY_HEADER = "Ocp-Apim-Subscription-Key"

API_KEY_ENV = "TUMEN_COMTRADE_API_KEY"
BASE_URL_ENV = "TUMEN_COMTRADE_BASE_URL"
AVAILABILITY_URL_ENV = "TUMEN_COMTRADE_AVAILABILITY_URL"
DAILY_BUDGET_ENV = "TUMEN_COMTRADE_DAILY_BUDGET"
CACHE_HOURS_ENV = "TUMEN_COMTRADE_CACHE_HOURS"
RECORD_CAP_ENV = "TUMEN_COMTRADE_RECORD_CAP"
WITH_WORLD_ENV = "TUMEN_COMTRADE_WITH_WORLD"

# Half the free key's documented 500 calls a day: room for a manual run and for mistakes.
DEFAULT_DAILY_BUDGET = 250
DEFAULT_CACHE_HOURS = 20.0
# Records per call: 100,000 for a free key; 250,000 for subscription keys (set RECORD_CAP_ENV).
DEFAULT_RECORD_CAP = 100_000
# An answer with exactly one of these record counts is treated as cut short whatever the cap is
# set to: a free key with the cap wrongly set to 250,000 still splits at 100,000.
DOCUMENTED_RECORD_CAPS = (100_000, 250_000)
MAX_PERIODS_PER_CALL = 12
# Our own choice: the API refuses URLs over 4,096 characters (documented by comtradr); 300 HS6
# codes take about 2,700 characters URL-encoded.
MAX_CMD_CODES_PER_CALL = 300
MAX_RETRY_AFTER_SECONDS = 60.0
# An unfinished run (budget reached, quota, rate limit) pins what it fetched so the next run
# resumes instead of paying for it again; pins older than this are dropped.
RESUME_MAX_DAYS = 7
RESUME_FILE = "resume.json"


def _now() -> datetime:
    """The clock (UTC); tests replace it."""
    return datetime.now(timezone.utc)


# ============================================================================ requests


@dataclass(frozen=True)
class Request:
    """One call: data (``get``) or availability (``getDa``) for one reporter and frequency."""

    kind: str  # "data" or "availability"
    plan: str  # plan entry name; "availability" for availability calls
    freq: str
    reporter: int
    periods: tuple[str, ...]
    partner: int | None = None
    cmd_codes: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()

    def params(self) -> dict[str, str]:
        params = {"reporterCode": str(self.reporter), "period": ",".join(self.periods)}
        if self.kind == "data":
            params.update(
                partnerCode=str(self.partner),
                flowCode=",".join(self.flows),
                cmdCode=",".join(self.cmd_codes),
                includeDesc="true",
            )
        return params

    def halves(self) -> tuple[Request, Request] | None:
        """Two requests that together ask exactly what this one asks; None when nothing splits."""
        for name in ("periods", "cmd_codes", "flows"):
            values = getattr(self, name)
            if len(values) > 1:
                middle = len(values) // 2
                return replace(self, **{name: values[:middle]}), replace(self, **{name: values[middle:]})
        return None

    def describe(self) -> str:
        span = self.periods[0] if len(self.periods) == 1 else f"{self.periods[0]}..{self.periods[-1]}"
        if self.kind == "availability":
            return f"availability reporter {self.reporter} {self.freq} {span}"
        return (
            f"{self.plan}: reporter {self.reporter} partner {self.partner} {self.freq} {span} "
            f"cmd {','.join(self.cmd_codes)} flow {','.join(self.flows)}"
        )


def default_years(today: date | None = None) -> list[int]:
    today = today or _now().date()
    return list(range(today.year - DEFAULT_YEARS_BACK, today.year + 1))


def _reporter(value: Reporter | int) -> Reporter:
    if isinstance(value, Reporter):
        return value
    for known in DEFAULT_REPORTERS:
        if known.code == int(value):
            return known
    return Reporter(int(value), str(value), "A")


def _months(values: Iterable[int | str]) -> list[str]:
    months = sorted({str(v).strip() for v in values})
    for month in months:
        if len(month) != 6 or not month.isdigit() or not 1 <= int(month[4:]) <= 12 or int(month[:4]) < 1962:
            raise ValueError(f"months are YYYYMM from 196201; got {month!r}")
    return months


def _periods(freq: str, years: Sequence[int], months: Sequence[str] | None, today: date) -> list[str]:
    """The periods to ask a reporter for: months so far for monthly, finished years for annual."""
    current = f"{today.year}{today.month:02d}"
    if freq == "M":
        wanted = months if months is not None else [f"{y}{m:02d}" for y in years for m in range(1, 13)]
        return [m for m in wanted if m <= current]
    wanted_years = years if months is None else sorted({int(m[:4]) for m in months})
    # no annual figure exists for a year still running
    return [str(y) for y in sorted(set(wanted_years)) if y < today.year]


def _chunks(values: Sequence, size: int) -> list[tuple]:
    return [tuple(values[i : i + size]) for i in range(0, len(values), size)]


def plan_requests(
    plan: Sequence[PlanEntry],
    *,
    reporters: Sequence[Reporter] | None,
    years: Sequence[int],
    months: Sequence[str] | None,
    today: date,
    releases: bool = True,
) -> list[Request]:
    """Every call the plan needs before any splitting: availability first, then data, in plan order.

    Availability is asked once per reporter and frequency for the union of the periods the data
    calls cover (in chunks of 12 periods).
    """
    data: list[Request] = []
    for entry in plan:
        for reporter in reporters if reporters is not None else entry.reporters:
            freq = entry.freq or reporter.freq
            periods = _periods(freq, years, months, today)
            for chunk in _chunks(periods, MAX_PERIODS_PER_CALL):
                for codes in _chunks(entry.cmd_codes, MAX_CMD_CODES_PER_CALL):
                    data.append(
                        Request("data", entry.name, freq, reporter.code, chunk, entry.partner, codes, entry.flows)
                    )
    availability: list[Request] = []
    if releases:
        wanted: dict[tuple[int, str], set[str]] = {}
        for request in data:
            wanted.setdefault((request.reporter, request.freq), set()).update(request.periods)
        for (reporter_code, freq), periods in wanted.items():
            for chunk in _chunks(sorted(periods), MAX_PERIODS_PER_CALL):
                availability.append(Request("availability", "availability", freq, reporter_code, chunk))
    unique: dict[Request, None] = dict.fromkeys(availability + data)
    return list(unique)


# ============================================================================ names and keys


def _endpoint(request: Request, base: str, availability_base: str | None) -> str:
    root = base if request.kind == "data" else availability_base
    return f"{root}/{TYPE_CODE}/{request.freq}/{CLASSIFICATION}"


def _origin(url: str, params: dict[str, str]) -> str:
    """The request as a URL (the key travels in a header, so it is never part of this)."""
    return f"{url}?{urlencode(sorted(params.items()))}"


def _cache_key(url: str, params: dict[str, str]) -> str:
    canonical = json.dumps({"url": url, "params": sorted(params.items())}, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def _letters(key: str) -> str:
    """Eight letters from the request's key: unique per request, and no digit run that landing
    could mistake for a date."""
    return "".join("abcdefghijklmnopqrstuvwxyz"[int(key[i : i + 2], 16) % 26] for i in range(0, 16, 2))


def _span(freq: str, periods: tuple[str, ...]) -> str:
    first, last = periods[0], periods[-1]
    if freq != "M":
        return first if first == last else f"{first}-{last}"
    start = f"{first[:4]}m{first[4:]}"
    if first == last:
        return start
    return f"{start}-m{last[4:]}" if first[:4] == last[:4] else f"{start}-{last[:4]}m{last[4:]}"


def _file_name(request: Request, key: str) -> str:
    span = _span(request.freq, request.periods)
    stem = f"{TYPE_CODE}_{request.freq}_{CLASSIFICATION}_r{request.reporter}"
    if request.kind == "availability":
        return f"comtrade_availability_{stem}_{span}_{_letters(key)}.json"
    return f"comtrade_{stem}_p{request.partner}_{span}_{_letters(key)}.json"


# ============================================================================ cache and ledger


def cache_dir_for(dest_folder: Path) -> Path | None:
    """``<data dir>/cache/comtrade`` when ``dest_folder`` is the asset factory's
    ``<data dir>/raw/.incoming-comtrade-XXXX``; None when the folder is not recognisable."""
    dest_folder = Path(dest_folder)
    if dest_folder.parent.name == "raw" and dest_folder.name.startswith(f".incoming-{parse.SOURCE}-"):
        return dest_folder.parent.parent / "cache" / parse.SOURCE
    return None


def _write_json(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def _read_json(path: Path) -> dict | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


class _Ledger:
    """Calls made per UTC day, in ``calls-YYYY-MM-DD.json`` under the cache folder (in memory when
    there is none: the budget then covers one fetch() only). One writer at a time is assumed."""

    def __init__(self, folder: Path | None, budget: int):
        self.folder = folder
        self.budget = budget
        self._memory: dict[str, dict] = {}

    def path(self, day: date) -> Path | None:
        return self.folder / f"calls-{day.isoformat()}.json" if self.folder else None

    def _load(self, day: date) -> dict:
        path = self.path(day)
        if path is None:
            return self._memory.setdefault(day.isoformat(), {"date": day.isoformat(), "calls": 0, "log": []})
        return _read_json(path) or {"date": day.isoformat(), "calls": 0, "log": []}

    def used(self, day: date) -> int:
        return int(self._load(day).get("calls", 0))

    def add(self, day: date, calls: int, entry: dict | None = None) -> None:
        state = self._load(day)
        state["calls"] = int(state.get("calls", 0)) + calls
        state["budget"] = self.budget
        if entry is not None:
            state.setdefault("log", []).append(entry)
        path = self.path(day)
        if path is None:
            self._memory[day.isoformat()] = state
        else:
            _write_json(path, state)


@dataclass
class _Cached:
    meta: dict
    body: Path | None  # None for an answer that was at the cap (kept only so it is not asked again)


class _Cache:
    """Answers by request key: ``responses/<key>.json`` (the bytes as received) and
    ``responses/<key>.meta.json`` (request, fetch time, record count, sha256)."""

    def __init__(self, folder: Path | None):
        self.folder = folder / "responses" if folder else None

    def get(self, key: str) -> _Cached | None:
        if self.folder is None:
            return None
        meta = _read_json(self.folder / f"{key}.meta.json")
        if meta is None or meta.get("key") != key:
            return None
        if meta.get("truncated"):
            return _Cached(meta, None)
        body = self.folder / f"{key}.json"
        if not body.is_file() or sha256_of(body) != meta.get("sha256"):
            return None  # damaged or half-written: ask again
        return _Cached(meta, body)

    def mark_served(self, key: str, meta: dict, day: date) -> None:
        if self.folder is not None and meta.get("served") != day.isoformat():
            meta["served"] = day.isoformat()
            _write_json(self.folder / f"{key}.meta.json", meta)

    def put(self, key: str, meta: dict, body: Path | None) -> Path | None:
        """Store an answer (moving ``body`` in); returns the cached body's path."""
        if self.folder is None:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = None
        if body is not None:
            target = self.folder / f"{key}.json"
            body.replace(target)
        _write_json(self.folder / f"{key}.meta.json", meta)
        return target


# ============================================================================ HTTP


class _RetryAfterTooLong(Exception):
    """Raised from inside urllib3's retry loop instead of sleeping too long."""

    def __init__(self, seconds: float, attempts: int):
        super().__init__(seconds)
        self.seconds = seconds
        self.attempts = attempts


class _BoundedRetry(Retry):
    """urllib3's Retry, refusing to wait longer than ``max_wait`` seconds for a Retry-After."""

    max_wait: float = MAX_RETRY_AFTER_SECONDS

    def sleep_for_retry(self, response) -> bool:
        seconds = self.get_retry_after(response)
        if seconds is not None and seconds > self.max_wait:
            # self.history already holds every attempt made for this request, this one included
            raise _RetryAfterTooLong(seconds, len(self.history))
        return super().sleep_for_retry(response)


def _bounded(base: Retry, max_wait: float, attempts: int) -> Retry:
    """The session's retry policy (from orchestration.lib.http), capped at ``attempts`` calls and
    ``max_wait`` seconds of Retry-After. ``Retry.new`` keeps the class, so the copy is re-classed."""
    cls = type("_BoundedRetryForFetch", (_BoundedRetry,), {"max_wait": max_wait})
    bounded = copy.copy(base)
    bounded.__class__ = cls
    return bounded.new(total=max(attempts - 1, 0))


def _calls_made(response: requests.Response) -> int:
    """HTTP calls behind a response: urllib3 retries and requests' redirects included."""
    calls = 0
    for item in [*response.history, response]:
        retries = getattr(item.raw, "retries", None)
        calls += 1 + (len(retries.history) if retries is not None else 0)
    return calls


def _publisher_message(body: bytes) -> str:
    try:
        payload = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return body[:300].decode("utf-8", errors="replace").strip()
    if isinstance(payload, dict):
        for name in ("message", "error", "errorMessage"):
            if payload.get(name):
                return str(payload[name])[:300]
    return json.dumps(payload)[:300]


# ============================================================================ the client


@dataclass
class _Outcome:
    status: str  # "file", "truncated", "unfetched"
    item: InputFile | None = None
    records: int = 0


@dataclass
class _Run:
    dest: Path
    cache: _Cache
    ledger: _Ledger
    key: str
    base: str
    availability_base: str | None
    record_cap: int
    fresh_for: timedelta
    pinned: set[str]
    http: requests.Session
    policy: FetchPolicy
    max_retry_after: float
    used_keys: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ one request

    def resolve(self, request: Request) -> _Outcome:
        url = _endpoint(request, self.base, self.availability_base)
        params = request.params()
        key = _cache_key(url, params)
        name = _file_name(request, key)
        role = parse.AVAILABILITY if request.kind == "availability" else parse.API_JSON
        cached = self.cache.get(key)
        if cached is not None and self._fresh(cached.meta, key):
            self.used_keys.append(key)
            self.cache.mark_served(key, cached.meta, _now().date())
            if cached.body is None:
                return _Outcome("truncated", records=int(cached.meta.get("records", 0)))
            return _Outcome("file", self._deliver(cached.body, name, role, cached.meta), int(cached.meta["records"]))
        day = _now().date()
        remaining = self.ledger.budget - self.ledger.used(day)
        if remaining < 1:
            return _Outcome("unfetched")
        body, meta = self._call(request, url, params, key, name, day, remaining)
        self.used_keys.append(key)
        if meta["truncated"]:
            body.unlink(missing_ok=True)
            self.cache.put(key, meta, None)
            return _Outcome("truncated", records=meta["records"])
        stored = self.cache.put(key, meta, body)
        if stored is None:  # no cache folder: the answer goes straight into dest
            stored = body.replace(self.dest / name)
        return _Outcome("file", self._deliver(stored, name, role, meta), meta["records"])

    def _fresh(self, meta: dict, key: str) -> bool:
        """Fetched or served today (UTC), or within the freshness window, or pinned by an
        unfinished run.

        An answer delivered today is delivered again, byte for byte, for the rest of the day: the
        v1 envelope's elapsedTime changes on every call, and landing refuses changed bytes under
        a name already landed for that date, so a second run on one day must not fetch anew."""
        try:
            fetched = datetime.fromisoformat(meta["fetched_at"])
        except (KeyError, TypeError, ValueError):
            return False
        now = _now()
        today = now.date()
        if fetched.date() == today or meta.get("served") == today.isoformat() or now - fetched <= self.fresh_for:
            return True
        return key in self.pinned and now - fetched <= timedelta(days=RESUME_MAX_DAYS)

    def _deliver(self, body: Path, name: str, role: str, meta: dict) -> InputFile:
        target = self.dest / name
        if body.resolve() != target.resolve():
            shutil.copyfile(body, target)
        return InputFile(
            role=role,
            path=target,
            origin=meta["origin"],
            fetched_at=meta["fetched_at"],
            last_modified=meta.get("last_modified"),
        )

    # ------------------------------------------------------------------ HTTP

    def _call(
        self, request: Request, url: str, params: dict, key: str, name: str, day: date, remaining: int
    ) -> tuple[Path, dict]:
        origin = _origin(url, params)
        attempts = min(self.policy.retries + 1, remaining)
        adapter = self.http.get_adapter(url)
        base_retry = adapter.max_retries
        adapter.max_retries = _bounded(base_retry, self.max_retry_after, attempts)
        work = self.cache.folder or self.dest
        work.mkdir(parents=True, exist_ok=True)
        tmp = work / f".{name}.partial"
        self.ledger.add(day, 1)  # counted before it is made: a crash cannot lose a call
        calls, status, fetched_at = 1, None, _now()
        try:
            with self.http.get(
                url, params=params, headers={KEY_HEADER: self.key}, timeout=self.policy.timeout_seconds, stream=True
            ) as response:
                calls = _calls_made(response)
                status = response.status_code
                fetched_at = _now()
                with open(tmp, "wb") as handle:
                    for chunk in response.iter_content(chunk_size=1 << 20):
                        handle.write(chunk)
                reason = response.reason
                last_modified = response.headers.get("Last-Modified")
        except _RetryAfterTooLong as error:
            calls = max(error.attempts, 1)
            status = 429
            raise FetchError(
                f"{origin}: rate limited (HTTP 429) and asked to wait {error.seconds:.0f} s, more than the "
                f"{self.max_retry_after:.0f} s this client waits; giving up instead of stalling the night "
                f"({calls} call(s) counted against today's budget). Run again later"
            ) from None
        except requests.RequestException as error:
            calls = attempts  # every allowed attempt may have reached the publisher
            tmp.unlink(missing_ok=True)
            raise FetchError(f"{origin}: {error.__class__.__name__}: {error}") from error
        finally:
            adapter.max_retries = base_retry
            self.ledger.add(
                day,
                calls - 1,
                {"at": _now().isoformat(timespec="seconds"), "request": origin, "calls": calls, "status": status},
            )
        body = tmp.read_bytes()
        if status != 200:
            tmp.unlink(missing_ok=True)
            raise self._http_error(origin, status, reason, body, calls)
        try:
            payload = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as error:
            tmp.unlink(missing_ok=True)
            raise FetchError(f"{origin}: response is not JSON: {error}") from error
        problem = parse.envelope_problem(payload)
        if problem:
            tmp.unlink(missing_ok=True)
            raise FetchError(f"{origin}: {problem}")
        records = len(payload["data"])
        count = payload.get("count")
        if isinstance(count, int) and not isinstance(count, bool) and count != records:
            tmp.unlink(missing_ok=True)
            raise FetchError(f"{origin}: envelope says count {count} but holds {records} records (cut short?)")
        truncated = request.kind == "data" and (records >= self.record_cap or records in DOCUMENTED_RECORD_CAPS)
        meta = {
            "key": key,
            "kind": request.kind,
            "request": request.describe(),
            "url": url,
            "params": params,
            "origin": origin,
            "fetched_at": fetched_at.isoformat(timespec="seconds"),
            "last_modified": _http_date(last_modified),
            "records": records,
            "truncated": truncated,
            "served": fetched_at.date().isoformat(),
            "sha256": None if truncated else hashlib.sha256(body).hexdigest(),
        }
        return tmp, meta

    def _http_error(self, origin: str, status: int, reason: str, body: bytes, calls: int) -> FetchError:
        message = _publisher_message(body)
        head = f"{origin}: HTTP {status} {reason}: {message}"
        if status in (401, 403) and "quota" in message.lower():
            return FetchError(
                f"{head} — the publisher's own call quota for this key is used up; lower "
                f"{DAILY_BUDGET_ENV} below the key's daily quota. No further requests were made"
            )
        if status in (401, 403):
            return FetchError(
                f"{head} — UN Comtrade refused the API key in {API_KEY_ENV} (missing, wrong, expired or "
                "not subscribed to the data API; keys at https://comtradedeveloper.un.org/). "
                "No further requests were made"
            )
        if status == 429:
            return FetchError(f"{head} — rate limited; gave up after {calls} call(s). Run again later")
        return FetchError(head)


def _http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).astimezone(timezone.utc).isoformat(timespec="seconds")
    except (TypeError, ValueError):
        return None


# ============================================================================ settings from the environment


def _env_number(name: str, kind: type, minimum: float) -> float | int | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = kind(raw)
    except ValueError:
        raise FetchError(f"{name} must be a {kind.__name__}; got {raw!r}") from None
    if value < minimum:
        raise FetchError(f"{name} must be at least {minimum}; got {raw!r}")
    return value


def _availability_base(base: str, explicit: str | None) -> str | None:
    """``…/data/v1/getDa`` beside ``…/data/v1/get``. A base URL of another shape (a mirror or a
    test server) needs TUMEN_COMTRADE_AVAILABILITY_URL; without it no availability is fetched."""
    value = (explicit or os.environ.get(AVAILABILITY_URL_ENV, "")).strip().rstrip("/")
    if value:
        return value
    if base.endswith("/get"):
        return base[: -len("get")] + AVAILABILITY_ENDPOINT
    return None


def _read_pins(folder: Path | None) -> set[str]:
    if folder is None:
        return set()
    state = _read_json(folder / RESUME_FILE)
    if not state:
        return set()
    try:
        started = datetime.fromisoformat(state["started"])
    except (KeyError, TypeError, ValueError):
        return set()
    if _now() - started > timedelta(days=RESUME_MAX_DAYS):
        return set()
    return set(state.get("keys", []))


def _write_pins(folder: Path | None, keys: Iterable[str], previous: set[str]) -> None:
    if folder is None:
        return
    state = _read_json(folder / RESUME_FILE) or {}
    started = state.get("started") if previous else None
    _write_json(
        folder / RESUME_FILE,
        {"started": started or _now().isoformat(timespec="seconds"), "keys": sorted(set(keys) | previous)},
    )


def _clear_pins(folder: Path | None) -> None:
    if folder is not None:
        (folder / RESUME_FILE).unlink(missing_ok=True)


# ============================================================================ fetch()


def fetch(
    dest_folder: Path,
    *,
    reporters: Iterable[Reporter | int] | None = None,
    years: Iterable[int] | None = None,
    months: Iterable[int | str] | None = None,
    plan: Sequence[PlanEntry] | None = None,
    include_world: bool | None = None,
    releases: bool = True,
    cache_dir: Path | None = None,
    daily_budget: int | None = None,
    cache_hours: float | None = None,
    record_cap: int | None = None,
    base_url: str | None = None,
    availability_url: str | None = None,
    api_key: str | None = None,
    max_retry_after: float = MAX_RETRY_AFTER_SECONDS,
    policy: FetchPolicy | None = None,
) -> list[InputFile]:
    """Fetch the request plan into ``dest_folder``; one JSON answer per call, as received.

    Overrides: ``reporters`` (codes or ``Reporter``; China and Hong Kong monthly, others annual)
    replace every plan entry's reporters; ``years`` (default: the last two and the current one)
    and ``months`` (YYYYMM, for monthly reporters; annual ones get the finished years they fall
    in). ``plan`` replaces ``REQUEST_PLAN``; ``include_world`` switches the world entry on
    (default ``$TUMEN_COMTRADE_WITH_WORLD``). ``releases`` fetches availability too.

    Settings, each from the argument, else the environment, else the default: the key
    (``$TUMEN_COMTRADE_API_KEY``, required, read here and never at import), ``base_url``
    (``$TUMEN_COMTRADE_BASE_URL``), ``availability_url`` (``$TUMEN_COMTRADE_AVAILABILITY_URL``),
    ``daily_budget`` (``$TUMEN_COMTRADE_DAILY_BUDGET``, 250), ``cache_hours``
    (``$TUMEN_COMTRADE_CACHE_HOURS``, 20), ``record_cap`` (``$TUMEN_COMTRADE_RECORD_CAP``, 100,000).

    ``cache_dir`` holds the call ledger and the answers; by default ``<data dir>/cache/comtrade``
    when ``dest_folder`` is the asset factory's ``<data dir>/raw/.incoming-comtrade-XXXX``,
    otherwise no cache (the budget then covers this call only).

    Raises ``FetchError`` when the key is refused (after that one call), the publisher rate-limits
    beyond what the client waits for, an answer is an error or cannot be split under the record
    cap, or the daily budget runs out before the plan is complete. Answers fetched before the
    error stay in the cache and the next run resumes from them; nothing partial is returned.
    """
    key = (api_key or os.environ.get(API_KEY_ENV, "")).strip()
    if not key:
        raise FetchError(
            f"UN Comtrade needs an API subscription key for its data endpoint: set {API_KEY_ENV} "
            "(a free key from https://comtradedeveloper.un.org/) or run with sample or file input"
        )
    base = (base_url or os.environ.get(BASE_URL_ENV, "") or DEFAULT_BASE_URL).strip().rstrip("/")
    availability_base = _availability_base(base, availability_url)
    budget = daily_budget if daily_budget is not None else _env_number(DAILY_BUDGET_ENV, int, 0)
    budget = DEFAULT_DAILY_BUDGET if budget is None else int(budget)
    hours = cache_hours if cache_hours is not None else _env_number(CACHE_HOURS_ENV, float, 0)
    hours = DEFAULT_CACHE_HOURS if hours is None else float(hours)
    cap = record_cap if record_cap is not None else _env_number(RECORD_CAP_ENV, int, 1)
    cap = DEFAULT_RECORD_CAP if cap is None else int(cap)
    if include_world is None:
        include_world = os.environ.get(WITH_WORLD_ENV, "").strip().lower() in ("1", "true", "yes")

    today = _now().date()
    chosen_years = sorted({int(y) for y in years}) if years is not None else default_years(today)
    if any(not 1962 <= year <= 9999 for year in chosen_years):
        raise ValueError(f"years are YYYY from 1962, when Comtrade's series start; got {chosen_years}")
    chosen_months = _months(months) if months is not None else None
    entries = [
        e for e in (plan if plan is not None else REQUEST_PLAN) if e.enabled or (include_world and e.partner == WORLD)
    ]
    chosen_reporters = [_reporter(r) for r in reporters] if reporters is not None else None
    if releases and availability_base is None:
        log.warning(
            "UN Comtrade: base URL %s is not …/get, so the availability endpoint cannot be derived; "
            "set %s to fetch release information (none fetched)",
            base,
            AVAILABILITY_URL_ENV,
        )
    planned = plan_requests(
        entries,
        reporters=chosen_reporters,
        years=chosen_years,
        months=chosen_months,
        today=today,
        releases=releases and availability_base is not None,
    )

    dest = Path(dest_folder)
    dest.mkdir(parents=True, exist_ok=True)
    folder = Path(cache_dir) if cache_dir is not None else cache_dir_for(dest)
    if folder is None:
        log.warning("UN Comtrade: no cache folder (dest %s): no response cache, budget covers this run only", dest)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    pins = _read_pins(folder)
    policy = policy or FetchPolicy()
    http = session(policy)
    run = _Run(
        dest=dest,
        cache=_Cache(folder),
        ledger=_Ledger(folder, budget),
        key=key,
        base=base,
        availability_base=availability_base,
        record_cap=cap,
        fresh_for=timedelta(hours=hours),
        pinned=pins,
        http=http,
        policy=policy,
        max_retry_after=max_retry_after,
    )
    fetched: list[InputFile] = []
    unfetched: list[Request] = []
    try:
        for top in planned:
            queue = [top]
            while queue:
                request = queue.pop(0)
                outcome = run.resolve(request)
                if outcome.status == "file":
                    fetched.append(outcome.item)
                elif outcome.status == "unfetched":
                    unfetched.append(request)
                else:
                    halves = request.halves()
                    if halves is None:
                        raise FetchError(
                            f"UN Comtrade answered {outcome.records:,} records (the cap is {cap:,}) for "
                            f"{request.describe()}, which cannot be split further (one period, one "
                            "commodity code, one flow); nothing was landed rather than a cut-short answer"
                        )
                    queue[:0] = halves
    except FetchError:
        if run.used_keys:  # what was fetched stays cached; the next run resumes from it
            _write_pins(folder, run.used_keys, pins)
        raise
    finally:
        http.close()
    if unfetched:
        _write_pins(folder, run.used_keys, pins)
        day = _now().date()
        shown = "; ".join(r.describe() for r in unfetched[:10])
        more = f"; and {len(unfetched) - 10} more" if len(unfetched) > 10 else ""
        where = run.ledger.path(day) or "in memory (no cache folder)"
        raise FetchError(
            f"UN Comtrade daily call budget reached: {budget} calls per UTC day ({DAILY_BUDGET_ENV}), "
            f"{run.ledger.used(day)} used today (ledger {where}). Not fetched ({len(unfetched)} "
            f"request(s)): {shown}{more}. The {len(fetched)} answer(s) fetched or cached so far are kept "
            f"in {folder or dest}; nothing was landed. A run after 00:00 UTC resumes without fetching them again"
        )
    _clear_pins(folder)
    return fetched
