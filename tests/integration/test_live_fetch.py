"""`tumen run --live` against a local fake of every publisher: the live path fetches over HTTP,
lands the files with their origin URLs and publishes; a bad Comtrade key is a clear error."""

import io
import json
import threading
import zipfile
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from tests.conftest import REPO_ROOT
from tests.integration.conftest import query, tumen

SAMPLE = REPO_ROOT / "data" / "sample"
FIXTURES = REPO_ROOT / "tests" / "fixtures"
API_KEY = "test-key-123"
EU_TOKEN = "eu-token-456"


def comtrade_answer(reporter: str, period: str) -> dict:
    """China's months from the sample for the requested year, an empty answer otherwise."""
    year = period[:4]
    path = SAMPLE / "comtrade" / "2025-03-01" / f"comtrade_{reporter}_408_monthly_{year}.json"
    if reporter == "156" and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"elapsedTime": "0.01 secs", "count": 0, "data": [], "error": ""}


class FakePublishers(BaseHTTPRequestHandler):
    requests_seen: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def send(self, status: int, body: bytes, content_type: str = "application/octet-stream") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", "Sat, 01 Jun 2024 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        url = urlparse(self.path)
        self.requests_seen.append(url.path)
        ofac = {"SDN.CSV": "sdn.csv", "ADD.CSV": "add.csv", "ALT.CSV": "alt.csv", "SDN_COMMENTS.CSV": "sdn_comments.csv"}
        if url.path.startswith("/ofac/") and url.path.rsplit("/", 1)[1] in ofac:
            self.send(200, (SAMPLE / "ofac_sdn" / "2024-06-01" / ofac[url.path.rsplit("/", 1)[1]]).read_bytes())
        elif url.path.startswith("/ofaccons/"):
            name = url.path.rsplit("/", 1)[1].lower()
            self.send(200, (FIXTURES / "ofac_cons" / name).read_bytes())
        elif url.path == "/eu/fsf.xml":
            if parse_qs(url.query).get("token") != [EU_TOKEN]:
                self.send(403, b"forbidden")
                return
            self.send(200, (FIXTURES / "eu_fsf" / "fsf_small.xml").read_bytes(), "application/xml")
        elif url.path == "/uk/UK-Sanctions-List.xml":
            self.send(200, (FIXTURES / "uk_sanctions" / "uk_sanctions_list_small.xml").read_bytes(), "application/xml")
        elif url.path == "/un/consolidated.xml":
            (xml,) = (SAMPLE / "un_sc").glob("*.xml")
            self.send(200, xml.read_bytes(), "application/xml")
        elif url.path.startswith("/comtrade/C/"):
            if self.headers.get("Ocp-Apim-Subscription-Key") != API_KEY:
                body = {"statusCode": 401, "message": "Access denied due to invalid subscription key."}
                self.send(401, json.dumps(body).encode(), "application/json")
                return
            query_args = parse_qs(url.query)
            answer = comtrade_answer(query_args["reporterCode"][0], query_args["period"][0])
            self.send(200, json.dumps(answer).encode(), "application/json")
        elif url.path.startswith("/ais/") and url.path.endswith(".zip"):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr(url.path.rsplit("/", 1)[1].replace(".zip", ".csv"),
                                 (SAMPLE / "ais" / "AIS_2024_06_05.csv").read_bytes())
            self.send(200, buffer.getvalue(), "application/zip")
        else:
            self.send(404, b"not found")


@contextmanager
def fake_publishers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePublishers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield {
            "TUMEN_OFAC_BASE_URL": f"{base}/ofac/",
            "TUMEN_UN_SC_URL": f"{base}/un/consolidated.xml",
            "TUMEN_COMTRADE_BASE_URL": f"{base}/comtrade",
            "TUMEN_AIS_BASE_URL": f"{base}/ais",
            "TUMEN_OFAC_CONS_BASE_URL": f"{base}/ofaccons/",
            "TUMEN_EU_FSF_URL": f"{base}/eu/fsf.xml",
            "TUMEN_EU_FSF_TOKEN": EU_TOKEN,
            "TUMEN_UK_SANCTIONS_URL": f"{base}/uk/UK-Sanctions-List.xml",
        }
    finally:
        server.shutdown()


def test_live_run_fetches_lands_and_publishes(tmp_path):
    with fake_publishers() as urls:
        result = tumen("run", "--live", data_dir=tmp_path, env={**urls, "TUMEN_COMTRADE_API_KEY": API_KEY})
    assert result.returncode == 0, result.stdout[-4000:]
    manifest = json.loads((tmp_path / "raw" / "ofac_sdn" / "2024-06-01" / "manifest.json").read_text())
    assert manifest["as_of_basis"] == "fetch time"
    assert {f["origin"] for f in manifest["files"]} == {urls["TUMEN_OFAC_BASE_URL"] + n for n in ("SDN.CSV", "ADD.CSV", "ALT.CSV", "SDN_COMMENTS.CSV")}
    un_manifest = next((tmp_path / "raw" / "un_sc").glob("*/manifest.json"))
    assert json.loads(un_manifest.read_text())["as_of_basis"] == "publisher field"
    db = tmp_path / "published" / "tumen.duckdb"
    assert query(db, "select count(*) > 0 from trade.fct_trade_flows where ref_year = 2024 and reporter_code = 156") == [(True,)]
    assert query(db, "select count(*) > 0 from shipping.fct_ais_positions") == [(True,)]
    assert query(db, "select count(distinct source) from meta.raw_files where origin like 'http://127.0.0.1:%'") == [(7,)]
    assert query(db, "select list_sort(list(distinct authority)) from sanctions.fct_designations") == [(["EU", "OFAC", "UK", "UN"],)]


def test_bad_comtrade_key_is_a_clear_error_and_publishes_nothing(tmp_path):
    with fake_publishers() as urls:
        result = tumen("run", "--live", "--sources", "comtrade", data_dir=tmp_path,
                       env={**urls, "TUMEN_COMTRADE_API_KEY": "wrong"})
    assert result.returncode == 1
    assert "HTTP 401" in result.stdout and "invalid subscription key" in result.stdout
    assert not (tmp_path / "published" / "tumen.duckdb").exists()
