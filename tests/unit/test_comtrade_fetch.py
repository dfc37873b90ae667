"""UN Comtrade live client against a loopback fake of the v1 API (no real network).

The fake serves ``/data/v1/get/C/{freq}/HS`` from an in-memory table of records with a record cap
(so a big answer comes back cut short, as the real API does at 100,000), ``/data/v1/getDa`` with
release dates, 401 for a wrong key, and scripted answers (429 with Retry-After, 403 quota).
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from orchestration.defs.sources.comtrade import fetch as comtrade_fetch
from orchestration.defs.sources.comtrade import parse
from orchestration.lib.http import FetchError, FetchPolicy
from orchestration.lib.landing import date_in_name

FIXTURES = Path(__file__).parents[1] / "fixtures" / "comtrade"
GOOD_KEY = "good-key-123"
UNAUTHORISED_MESSAGE = (
    "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
)
# Fast retries: urllib3 still counts and honours Retry-After, it just does not back off for seconds.
FAST = FetchPolicy(timeout_seconds=10, retries=4, backoff_factor=0)
TEMPLATE = json.loads((FIXTURES / "api_china_prk_monthly.json").read_text(encoding="utf-8"))["data"][0]


def record(reporter: int, partner: int, freq: str, period: str, flow: str, cmd: str, value: float = 1000.0) -> dict:
    row = dict(TEMPLATE)
    annual = freq == "A"
    row.update(
        freqCode=freq, period=period, refYear=int(period[:4]), refMonth=52 if annual else int(period[4:]),
        refPeriodId=int(period[:4] + ("0101" if annual else period[4:] + "01")),
        reporterCode=reporter, partnerCode=partner, flowCode=flow, cmdCode=cmd,
        aggrLevel=0 if cmd == "TOTAL" else len(cmd), isLeaf=cmd != "TOTAL", primaryValue=value,
    )  # fmt: skip
    return row


def _cmd_matches(code: str, wanted: list[str]) -> bool:
    for item in wanted:
        if item == code or (item == "AG6" and len(code) == 6 and code.isdigit()):
            return True
    return False


class Fake:
    """What the fake API holds and what it saw."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.cap = 1000
        self.script: list[tuple[int, dict, dict]] = []  # answers served first, whatever is asked
        self.seen: list[dict] = []
        self.lock = threading.Lock()

    def data_calls(self) -> list[dict]:
        return [s for s in self.seen if "/get/" in s["path"]]

    def availability_calls(self) -> list[dict]:
        return [s for s in self.seen if "/getDa/" in s["path"]]

    def answer(self, path: str, query: dict, key: str | None) -> tuple[int, dict, dict]:
        with self.lock:
            self.seen.append({"path": path, "query": query, "key": key})
            if self.script:
                return self.script.pop(0)
        if key != GOOD_KEY:
            return 401, {}, {"statusCode": 401, "message": UNAUTHORISED_MESSAGE}
        parts = path.strip("/").split("/")  # …/get|getDa/C/{freq}/HS
        endpoint, freq = parts[-4], parts[-2]
        periods = query["period"].split(",")
        reporter = int(query["reporterCode"])
        if endpoint == "getDa":
            rows = [availability_record(reporter, freq, p) for p in periods]
            return 200, {}, {"elapsedTime": "0.02 secs", "count": len(rows), "data": rows, "error": ""}
        partner = int(query["partnerCode"])
        flows = query["flowCode"].split(",")
        cmds = query["cmdCode"].split(",")
        rows = [
            r for r in self.records
            if r["freqCode"] == freq and r["reporterCode"] == reporter and r["partnerCode"] == partner
            and r["period"] in periods and r["flowCode"] in flows and _cmd_matches(r["cmdCode"], cmds)
        ]  # fmt: skip
        rows = rows[: self.cap]
        return 200, {}, {"elapsedTime": f"{time.monotonic():.6f} secs", "count": len(rows), "data": rows, "error": ""}


def availability_record(reporter: int, freq: str, period: str) -> dict:
    return {
        "datasetCode": int(f"{reporter}{period}6"), "typeCode": "C", "freqCode": freq, "period": period,
        "reporterCode": reporter, "reporterISO": "CHN", "reporterDesc": "China", "classificationCode": "H6",
        "classificationSearchCode": "HS", "isOriginalClassification": True, "isExtendedFlowCode": True,
        "isExtendedPartnerCode": True, "isExtendedPartner2Code": True, "isExtendedCmdCode": True,
        "isExtendedCustomsCode": False, "isExtendedMotCode": False, "totalRecords": 1234,
        "datasetChecksum": -7654321, "firstReleased": "2024-02-20T00:00:00", "lastReleased": "2024-06-11T13:45:10.123",
    }  # fmt: skip


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        status, headers, body = self.server.fake.answer(url.path, query, self.headers.get(comtrade_fetch.KEY_HEADER))
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture()
def clock(monkeypatch) -> Clock:
    value = Clock(datetime(2026, 3, 10, 1, 0, tzinfo=timezone.utc))
    monkeypatch.setattr(comtrade_fetch, "_now", value)
    return value


@pytest.fixture()
def api(monkeypatch, clock):
    for name in (
        comtrade_fetch.API_KEY_ENV, comtrade_fetch.BASE_URL_ENV, comtrade_fetch.AVAILABILITY_URL_ENV,
        comtrade_fetch.DAILY_BUDGET_ENV, comtrade_fetch.CACHE_HOURS_ENV, comtrade_fetch.RECORD_CAP_ENV,
        comtrade_fetch.WITH_WORLD_ENV,
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    fake = Fake()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.fake = fake
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/data/v1/get"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(fake: Fake, dest: Path, **kwargs):
    kwargs.setdefault("base_url", fake.base_url)
    kwargs.setdefault("api_key", GOOD_KEY)
    kwargs.setdefault("policy", FAST)
    return comtrade_fetch.fetch(dest, **kwargs)


def landed_records(items) -> list[dict]:
    snapshot = parse.parse_snapshot({parse.API_JSON: [i.path for i in items if i.role == parse.API_JSON]})
    assert snapshot.quarantine == []
    return snapshot.tables["records"].to_pylist()


def ledger(cache: Path, day: str) -> dict:
    return json.loads((cache / f"calls-{day}.json").read_text())


def months(first: str, last: str) -> list[str]:
    out, year, month = [], int(first[:4]), int(first[4:])
    while f"{year}{month:02d}" <= last:
        out.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# --------------------------------------------------------------------------------------------
# the plan
# --------------------------------------------------------------------------------------------


def test_default_plan_is_partner_408_monthly_for_china_and_hong_kong():
    dprk = comtrade_fetch.DPRK_TRADE
    assert dprk.partner == 408 and dprk.enabled
    assert dprk.cmd_codes == ("TOTAL", "AG6") and dprk.flows == ("M", "X", "RM", "RX")
    freqs = {r.code: r.freq for r in dprk.reporters}
    assert freqs[156] == "M" and freqs[344] == "M"
    assert all(f == "A" for code, f in freqs.items() if code not in (156, 344))
    world = comtrade_fetch.WORLD_HS6
    assert (world.partner, world.freq, world.enabled, [r.code for r in world.reporters]) == (0, "A", False, [156])
    assert comtrade_fetch.REQUEST_PLAN == (dprk, world)


def test_plan_requests_split_periods_by_twelve_and_skip_the_running_year_for_annual():
    today = datetime(2026, 3, 15).date()
    requests = comtrade_fetch.plan_requests(
        [comtrade_fetch.DPRK_TRADE], reporters=None, years=[2024, 2025, 2026], months=None, today=today
    )
    data = [r for r in requests if r.kind == "data"]
    by_reporter = {}
    for r in data:
        by_reporter.setdefault(r.reporter, []).append(r.periods)
    assert by_reporter[156] == [tuple(months("202401", "202412")), tuple(months("202501", "202512")),
                                tuple(months("202601", "202603"))]  # fmt: skip
    assert by_reporter[643] == [("2024", "2025")]  # 2026 is still running: no annual figure
    assert all(len(r.periods) <= 12 for r in requests)
    # availability first, once per reporter and frequency (in chunks of 12 periods)
    kinds = [r.kind for r in requests]
    assert kinds == sorted(kinds)  # "availability" < "data"
    availability = [(r.reporter, r.freq, len(r.periods)) for r in requests if r.kind == "availability"]
    assert availability == [(156, "M", 12), (156, "M", 12), (156, "M", 3), (344, "M", 12), (344, "M", 12),
                            (344, "M", 3), (643, "A", 2)]  # fmt: skip


def test_world_entry_is_off_by_default_and_switchable(api, tmp_path, monkeypatch):
    api.records = [record(156, 0, "A", "2024", "M", "270112")]
    items = run(api, tmp_path / "a", years=[2024], reporters=[156], releases=False)
    assert {c["query"]["partnerCode"] for c in api.data_calls()} == {"408"}
    monkeypatch.setenv(comtrade_fetch.WITH_WORLD_ENV, "1")
    items = run(api, tmp_path / "b", years=[2024], reporters=[156], releases=False)
    world = [c for c in api.data_calls() if c["query"]["partnerCode"] == "0"]
    assert len(world) == 1
    assert world[0]["path"] == "/data/v1/get/C/A/HS"  # annual even for a monthly reporter
    assert (world[0]["query"]["cmdCode"], world[0]["query"]["flowCode"]) == ("AG6", "M,X")
    assert [r["cmdCode"] for r in landed_records(items)] == ["270112"]


def test_request_parameters_and_key_header(api, tmp_path):
    items = run(api, tmp_path, reporters=[156, 643], years=[2023], releases=False)
    monthly, annual = api.data_calls()
    assert monthly["path"] == "/data/v1/get/C/M/HS" and annual["path"] == "/data/v1/get/C/A/HS"
    assert monthly["query"]["period"] == ",".join(months("202301", "202312"))
    assert annual["query"]["period"] == "2023"
    for call in api.seen:
        assert call["key"] == GOOD_KEY  # in the header, never in the URL
        assert "subscription-key" not in json.dumps(call["query"]).lower()
        assert call["query"]["partnerCode"] == "408"
        assert call["query"]["flowCode"] == "M,X,RM,RX"
        assert call["query"]["cmdCode"] == "TOTAL,AG6"
    assert all(i.role == parse.API_JSON and i.path.parent == tmp_path and i.fetched_at for i in items)
    assert all(i.origin.startswith(api.base_url) and GOOD_KEY not in i.origin for i in items)
    assert all(parse.classify(i.path) == parse.API_JSON for i in items)


def test_file_names_carry_no_digit_run_landing_would_read_as_a_date(api, tmp_path):
    items = run(api, tmp_path, reporters=[156, 643], years=[2023, 2024], months=None)
    assert len({i.path.name for i in items}) == len(items)
    assert all(date_in_name(i.path) is None for i in items), [i.path.name for i in items]


# --------------------------------------------------------------------------------------------
# period splitting and the record cap
# --------------------------------------------------------------------------------------------


def test_thirteen_months_take_two_calls(api, tmp_path):
    wanted = months("202301", "202401")
    api.records = [record(156, 408, "M", m, "M", "TOTAL") for m in wanted]
    items = run(api, tmp_path, reporters=[156], months=wanted, releases=False)
    calls = api.data_calls()
    assert len(calls) == 2
    asked = [c["query"]["period"].split(",") for c in calls]
    assert [len(a) for a in asked] == [12, 1]
    assert sorted(sum(asked, [])) == wanted
    assert sorted(r["period"] for r in landed_records(items)) == wanted


def test_capped_answers_are_split_until_complete_and_every_record_lands_once(api, tmp_path):
    api.cap = 5
    wanted = months("202301", "202304")
    for m in wanted[:3]:
        api.records += [record(156, 408, "M", m, f, c) for f, c in (("M", "TOTAL"), ("X", "TOTAL"), ("M", "030617"))]
    # April alone is at the cap: the period cannot be halved, the commodity codes can (TOTAL | AG6)
    api.records += [record(156, 408, "M", "202304", f, c) for f, c in (
        ("M", "TOTAL"), ("X", "TOTAL"), ("M", "030617"), ("X", "110100"), ("M", "870323"), ("X", "870323"))]  # fmt: skip
    items = run(api, tmp_path, reporters=[156], months=wanted, releases=False, record_cap=5)
    asked = [(c["query"]["period"], c["query"]["cmdCode"]) for c in api.data_calls()]
    assert asked == [
        ("202301,202302,202303,202304", "TOTAL,AG6"),
        ("202301,202302", "TOTAL,AG6"), ("202301", "TOTAL,AG6"), ("202302", "TOTAL,AG6"),
        ("202303,202304", "TOTAL,AG6"), ("202303", "TOTAL,AG6"), ("202304", "TOTAL,AG6"),
        ("202304", "TOTAL"), ("202304", "AG6"),
    ]  # fmt: skip
    assert len(items) == 5  # only complete answers are landed
    assert all(json.loads(i.path.read_text())["count"] < 5 for i in items)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(i.path.name for i in items)
    landed = Counter((r["period"], r["flowCode"], r["cmdCode"]) for r in landed_records(items))
    published = Counter((r["period"], r["flowCode"], r["cmdCode"]) for r in api.records)
    assert landed == published  # every record exactly once


def test_answer_at_the_cap_that_cannot_be_split_is_an_error(api, tmp_path):
    api.cap = 2
    api.records = [record(156, 408, "M", "202301", "M", c) for c in ("030617", "110100", "870323")]
    plan = [comtrade_fetch.PlanEntry("narrow", 408, (comtrade_fetch.Reporter(156, "China", "M"),), ("AG6",), ("M",))]
    with pytest.raises(FetchError, match="cannot be split further"):
        run(api, tmp_path, plan=plan, months=["202301"], releases=False, record_cap=2)
    assert list(tmp_path.glob("*.json")) == []


def test_documented_caps_count_as_cut_short_whatever_the_setting():
    request = comtrade_fetch.Request("data", "dprk", "M", 156, ("202301", "202302"), 408, ("TOTAL", "AG6"), ("M",))
    first, second = request.halves()
    assert (first.periods, second.periods) == (("202301",), ("202302",))
    assert 100_000 in comtrade_fetch.DOCUMENTED_RECORD_CAPS and 250_000 in comtrade_fetch.DOCUMENTED_RECORD_CAPS


# --------------------------------------------------------------------------------------------
# the daily budget
# --------------------------------------------------------------------------------------------


def test_budget_stops_before_the_call_that_would_exceed_it_and_the_next_day_resumes(api, tmp_path, clock):
    cache = tmp_path / "cache"
    # 156 and 344 monthly over two years: 2 calls each; 643 annual: 1 call. Five in all.
    kwargs = dict(reporters=[156, 344, 643], years=[2023, 2024], releases=False, cache_dir=cache)
    with pytest.raises(FetchError) as caught:
        run(api, tmp_path / "night1", daily_budget=3, **kwargs)
    message = str(caught.value)
    assert "budget" in message and "3 calls per UTC day" in message and comtrade_fetch.DAILY_BUDGET_ENV in message
    assert "3 used today" in message
    assert "Not fetched (2 request(s))" in message
    assert "reporter 344" in message and "reporter 643" in message
    assert len(api.data_calls()) == 3  # nothing beyond the budget was asked
    assert ledger(cache, "2026-03-10")["calls"] == 3
    assert len(list((cache / "responses").glob("*.meta.json"))) == 3  # what was fetched is cached

    # the same day: still nothing left, and cached answers cost nothing
    with pytest.raises(FetchError, match="budget"):
        run(api, tmp_path / "night1b", daily_budget=3, **kwargs)
    assert len(api.data_calls()) == 3

    # the next night, more than the freshness window later: only the two missing calls are made
    clock.now += timedelta(hours=26)
    items = run(api, tmp_path / "night2", daily_budget=3, **kwargs)
    assert len(api.data_calls()) == 5
    assert ledger(cache, "2026-03-11")["calls"] == 2
    assert len(items) == 5
    assert {i.fetched_at[:10] for i in items} == {"2026-03-10", "2026-03-11"}
    assert not (cache / comtrade_fetch.RESUME_FILE).exists()  # complete: nothing pinned any more


def test_budget_from_the_environment(api, tmp_path, monkeypatch):
    monkeypatch.setenv(comtrade_fetch.DAILY_BUDGET_ENV, "1")
    with pytest.raises(FetchError, match="1 calls per UTC day"):
        run(api, tmp_path, reporters=[156, 643], years=[2023], releases=False, cache_dir=tmp_path / "c")
    assert len(api.seen) == 1
    monkeypatch.setenv(comtrade_fetch.DAILY_BUDGET_ENV, "many")
    with pytest.raises(FetchError, match="must be a int"):
        run(api, tmp_path, reporters=[156], years=[2023])


# --------------------------------------------------------------------------------------------
# the cache
# --------------------------------------------------------------------------------------------


def test_second_fetch_the_same_day_makes_no_calls_and_returns_the_same_files(api, tmp_path, clock):
    api.records = [record(156, 408, "M", "202401", "M", "TOTAL"), record(643, 408, "A", "2024", "X", "TOTAL")]
    raw = tmp_path / "data" / "raw"
    first_dest = raw / ".incoming-comtrade-aaaa"  # what source_assets creates: the cache is <data>/cache/comtrade
    first = run(api, first_dest, reporters=[156, 643], years=[2024])
    calls = len(api.seen)
    assert calls == 4  # availability 156 M, 643 A; data 156 M, 643 A
    cache = tmp_path / "data" / "cache" / "comtrade"
    assert ledger(cache, "2026-03-10")["calls"] == 4

    clock.now += timedelta(hours=5)
    second = run(api, raw / ".incoming-comtrade-bbbb", reporters=[156, 643], years=[2024])
    assert len(api.seen) == calls  # zero HTTP calls
    assert ledger(cache, "2026-03-10")["calls"] == 4
    assert [i.path.name for i in second] == [i.path.name for i in first]
    assert [i.path.read_bytes() for i in second] == [i.path.read_bytes() for i in first]
    assert [(i.role, i.origin, i.fetched_at) for i in second] == [(i.role, i.origin, i.fetched_at) for i in first]
    assert {i.fetched_at for i in second} == {"2026-03-10T01:00:00+00:00"}  # the original fetch time


def test_cache_window(api, tmp_path, clock):
    kwargs = dict(reporters=[643], years=[2024], releases=False, cache_dir=tmp_path / "cache")
    clock.now = datetime(2026, 3, 9, 23, 0, tzinfo=timezone.utc)
    run(api, tmp_path / "a", **kwargs)
    clock.now = datetime(2026, 3, 10, 18, 0, tzinfo=timezone.utc)  # 19 h later, another day: fresh
    run(api, tmp_path / "b", **kwargs)
    assert len(api.seen) == 1
    clock.now = datetime(2026, 3, 11, 0, 0, tzinfo=timezone.utc)  # 25 h: stale
    run(api, tmp_path / "c", **kwargs)
    assert len(api.seen) == 2
    clock.now = datetime(2026, 3, 12, 23, 0, tzinfo=timezone.utc)  # 47 h, with a 48 h window: fresh
    run(api, tmp_path / "d", cache_hours=48, **kwargs)
    assert len(api.seen) == 2


def test_an_answer_served_today_is_served_again_all_day(api, tmp_path, clock):
    """Landing refuses changed bytes under a name already landed for that date, and every answer's
    elapsedTime differs: so once an answer is delivered on a day, the rest of the day reuses it."""
    kwargs = dict(reporters=[643], years=[2024], releases=False, cache_dir=tmp_path / "cache")
    clock.now = datetime(2026, 3, 9, 23, 0, tzinfo=timezone.utc)
    first = run(api, tmp_path / "a", **kwargs)
    clock.now = datetime(2026, 3, 10, 0, 30, tzinfo=timezone.utc)  # in the window: served on the 10th
    run(api, tmp_path / "b", **kwargs)
    clock.now = datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)  # 24.5 h old, but served today
    again = run(api, tmp_path / "c", **kwargs)
    assert len(api.seen) == 1
    assert again[0].path.read_bytes() == first[0].path.read_bytes()
    clock.now = datetime(2026, 3, 11, 0, 30, tzinfo=timezone.utc)  # a new day, out of the window
    run(api, tmp_path / "d", **kwargs)
    assert len(api.seen) == 2


def test_without_a_recognisable_folder_there_is_no_cache(api, tmp_path):
    run(api, tmp_path / "somewhere", reporters=[643], years=[2024], releases=False)
    run(api, tmp_path / "somewhere-else", reporters=[643], years=[2024], releases=False)
    assert len(api.seen) == 2
    assert comtrade_fetch.cache_dir_for(tmp_path / "somewhere") is None
    assert comtrade_fetch.cache_dir_for(tmp_path / "raw" / ".incoming-comtrade-x1") == tmp_path / "cache" / "comtrade"
    assert not (tmp_path / "cache").exists()


# --------------------------------------------------------------------------------------------
# retries and refusals
# --------------------------------------------------------------------------------------------


def test_429_twice_then_success_is_retried_and_every_call_counts(api, tmp_path):
    busy = (429, {"Retry-After": "0"}, {"statusCode": 429, "message": "Rate limit is exceeded. Try again in 1 seconds."})
    api.script = [busy, busy]
    api.records = [record(643, 408, "A", "2024", "M", "TOTAL")]
    cache = tmp_path / "cache"
    items = run(api, tmp_path / "dest", reporters=[643], years=[2024], releases=False, cache_dir=cache)
    assert len(api.seen) == 3
    assert [r["cmdCode"] for r in landed_records(items)] == ["TOTAL"]
    book = ledger(cache, "2026-03-10")
    assert book["calls"] == 3
    assert [(e["calls"], e["status"]) for e in book["log"]] == [(3, 200)]


def test_retries_never_go_beyond_the_budget(api, tmp_path):
    busy = (429, {"Retry-After": "0"}, {"statusCode": 429, "message": "Rate limit is exceeded."})
    api.script = [busy, busy, busy]
    with pytest.raises(FetchError, match="HTTP 429"):
        run(api, tmp_path, reporters=[643], years=[2024], releases=False, daily_budget=2, cache_dir=tmp_path / "c")
    assert len(api.seen) == 2
    assert ledger(tmp_path / "c", "2026-03-10")["calls"] == 2


def test_a_long_retry_after_fails_instead_of_hanging(api, tmp_path):
    api.script = [(429, {"Retry-After": "3600"}, {"statusCode": 429, "message": "Rate limit is exceeded."})]
    started = time.monotonic()
    with pytest.raises(FetchError, match="wait 3600 s, more than the 60 s"):
        run(api, tmp_path, reporters=[643], years=[2024], releases=False, cache_dir=tmp_path / "c")
    assert time.monotonic() - started < 10
    assert len(api.seen) == 1
    assert ledger(tmp_path / "c", "2026-03-10")["calls"] == 1


def test_bad_key_is_a_clear_error_after_one_call(api, tmp_path):
    with pytest.raises(FetchError) as caught:
        run(api, tmp_path / "dest", reporters=[156, 643], years=[2024], api_key="expired-key",
            cache_dir=tmp_path / "c")  # fmt: skip
    message = str(caught.value)
    assert "HTTP 401" in message and "invalid subscription key" in message
    assert comtrade_fetch.API_KEY_ENV in message
    assert "expired-key" not in message
    assert len(api.seen) == 1  # no retries, nothing after it
    assert ledger(tmp_path / "c", "2026-03-10")["calls"] == 1
    assert list((tmp_path / "dest").glob("*.json")) == []


def test_quota_refusal_is_named(api, tmp_path):
    api.script = [(403, {}, {"statusCode": 403, "message": "Out of call volume quota. Quota will be replenished in 05:12:09."})]
    with pytest.raises(FetchError, match="call quota for this key is used up") as caught:
        run(api, tmp_path, reporters=[643], years=[2024], releases=False)
    assert "HTTP 403" in str(caught.value) and "Out of call volume quota" in str(caught.value)
    assert len(api.seen) == 1


def test_without_key_nothing_is_requested(api, tmp_path):
    with pytest.raises(FetchError, match=comtrade_fetch.API_KEY_ENV):
        comtrade_fetch.fetch(tmp_path, base_url=api.base_url)
    assert api.seen == []


def test_key_and_base_url_from_the_environment(api, tmp_path, monkeypatch):
    monkeypatch.setenv(comtrade_fetch.API_KEY_ENV, GOOD_KEY)
    monkeypatch.setenv(comtrade_fetch.BASE_URL_ENV, api.base_url)
    items = comtrade_fetch.fetch(tmp_path, reporters=[643], years=[2023], policy=FAST)
    assert [i.role for i in items] == [parse.AVAILABILITY, parse.API_JSON]
    assert {c["key"] for c in api.seen} == {GOOD_KEY}


def test_error_envelope_is_not_kept(api, tmp_path):
    api.script = [(200, {}, {"elapsedTime": "0 secs", "count": 0, "data": None, "error": "Too many periods"})]
    with pytest.raises(FetchError, match="Too many periods"):
        run(api, tmp_path / "dest", reporters=[643], years=[2022], releases=False, cache_dir=tmp_path / "c")
    assert list((tmp_path / "dest").glob("*.json")) == []
    assert list((tmp_path / "c").glob("responses/*")) == []


# --------------------------------------------------------------------------------------------
# release information
# --------------------------------------------------------------------------------------------


def test_availability_is_fetched_landed_and_parses_into_releases(api, tmp_path):
    api.records = [record(156, 408, "M", "202401", "X", "TOTAL")]
    cache = tmp_path / "cache"
    items = run(api, tmp_path / "dest", reporters=[156], years=[2024], cache_dir=cache)
    availability = [i for i in items if i.role == parse.AVAILABILITY]
    assert len(availability) == 1 and items[0] is availability[0]
    (call,) = api.availability_calls()
    assert call["path"] == "/data/v1/getDa/C/M/HS"
    assert call["query"] == {"reporterCode": "156", "period": ",".join(months("202401", "202412"))}
    assert ledger(cache, "2026-03-10")["calls"] == 2  # availability counts against the budget too
    assert parse.classify(availability[0].path) == parse.AVAILABILITY
    assert availability[0].path.name.startswith("comtrade_availability_C_M_HS_r156_2024m01-m12_")

    snapshot = parse.parse_snapshot({role: [i.path for i in items if i.role == role] for role in {i.role for i in items}})
    releases = snapshot.tables["releases"].to_pylist()
    assert len(releases) == 12 and snapshot.quarantine == []
    first = releases[0]
    assert (first["reporterCode"], first["period"], first["freqCode"], first["classificationCode"]) == (156, "202401", "M", "H6")
    assert first["totalRecords"] == 1234 and first["datasetChecksum"] == "-7654321"
    assert first["firstReleased"] == datetime(2024, 2, 20, tzinfo=timezone.utc)
    assert first["lastReleased"] == datetime(2024, 6, 11, 13, 45, 10, 123000, tzinfo=timezone.utc)
    assert snapshot.tables["records"].num_rows == 1

    # cached like any other answer
    run(api, tmp_path / "again", reporters=[156], years=[2024], cache_dir=cache)
    assert len(api.seen) == 2


def test_availability_url_for_a_base_url_of_another_shape(api, tmp_path, monkeypatch):
    mirror = api.base_url.replace("/data/v1/get", "/mirror")
    items = run(api, tmp_path / "a", base_url=mirror, reporters=[643], years=[2024])
    assert api.availability_calls() == []  # not derivable: skipped, with a warning
    assert [i.role for i in items] == [parse.API_JSON]
    monkeypatch.setenv(comtrade_fetch.AVAILABILITY_URL_ENV, api.base_url + "Da")
    items = run(api, tmp_path / "b", base_url=mirror, reporters=[643], years=[2024])
    assert len(api.availability_calls()) == 1
    assert [i.role for i in items] == [parse.AVAILABILITY, parse.API_JSON]
