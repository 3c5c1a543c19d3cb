"""The HTTP service: /read gives the CLI's JSON, limits answer 4xx/5xx without harm, /events filters the store."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsevents.serve.app as serve_app
from newsevents.serve.app import STATIC, ServeSettings, create_app

ARTICLE = """Ministers agree to reopen border crossing

OSLO (Test Wire) - The foreign minister of Norway met the Swedish prime minister in Oslo on Tuesday and
the two governments agreed to reopen a border crossing closed since March.

"We have found a way forward," the Norwegian minister told reporters after the talks.

Police in Stockholm arrested three protesters outside the parliament on Monday, officials said.
"""

ARTICLE_HTML = """<html><head><title>Talks in Oslo</title></head><body><article>
<h1>Norway and Sweden agree on border</h1>
<p>The foreign minister of Norway met the Swedish prime minister in Oslo on Tuesday.</p>
<p>The two governments agreed to reopen a border crossing that had been closed since March,
officials in both capitals said on Wednesday.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(ServeSettings(warm_up=False))) as c:
        yield c


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["reads"]["threads"] >= 1


def test_read_equals_cli_output(client, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "newsevents.cli", "read", str(path), "--published", "2024-05-07"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert cli.returncode == 0, cli.stderr
    r = client.post("/read", json={"text": ARTICLE, "published": "2024-05-07"})
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(cli.stdout)
    assert r.json()["document"]["published"] == "2024-05-07"


def test_read_html_equals_library_call(client):
    from newsevents import read

    r = client.post("/read", json={"html": ARTICLE_HTML, "published": "2024-05-08"})
    assert r.status_code == 200, r.text
    expected = read(ARTICLE_HTML.encode(), "2024-05-08", format="html", source="x").to_dict()
    assert r.json() == expected
    assert r.json()["document"]["source_format"] == "html"


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b"[1, 2]", 422),
    (b'{"published": "2024-01-01"}', 422),
    (b'{"text": ""}', 422),
    (b'{"text": "   \\n  "}', 422),
    (b'{"text": 42}', 422),
    (b'{"text": "Talks were held in Oslo.", "published": "yesterday"}', 422),
    (b'{"text": "Talks were held in Oslo.", "format": "pdf"}', 422),
    (b'{"text": "12 34 56 78 -- 90"}', 422),
    (b'{"text": "Talks in Oslo \\ud800 ended."}', 422),
    (b"[" * 100_000 + b"]" * 100_000, 400),
    (b'\xff\xfe{"text": 1}', 400),
])
def test_bad_input_is_a_clear_4xx(client, body, status):
    r = client.post("/read", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    assert isinstance(r.json()["error"], str) and r.json()["error"]
    assert client.get("/health").status_code == 200


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.sampled_from(["text", "html", "published", "format", "id", "title", "url", "x"]),
                               JSON_VALUES | st.text(alphabet="ab <>/\n\"&;0123456789-", max_size=60), max_size=4))
def test_no_request_body_gets_a_server_error(client, payload):
    r = client.post("/read", json=payload)
    assert r.status_code in (200, 400, 413, 422), (payload, r.text)
    if r.status_code != 200:
        assert r.json()["error"]


def test_input_error_reason_is_passed_on(client):
    r = client.post("/read", json={"text": "Talks were held in Oslo.", "published": "2024-13-45"})
    assert r.status_code == 422
    assert "YYYY-MM-DD" in r.json()["error"]


def test_body_over_the_default_cap_is_413(client):
    big = b'{"text": "' + b"a" * (5 * 1024 * 1024 + 10) + b'"}'
    r = client.post("/read", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "limit" in r.json()["error"]
    assert client.get("/health").status_code == 200


def test_chunked_body_over_the_cap_is_413():
    def chunks():
        for _ in range(20):
            yield b"x" * 1000

    with TestClient(create_app(ServeSettings(warm_up=False, max_body_bytes=5000))) as c:
        r = c.post("/read", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert c.get("/health").status_code == 200


def test_slow_read_is_504_and_server_lives_on(monkeypatch):
    monkeypatch.setattr(serve_app, "_read_job", lambda payload, settings: time.sleep(1.0) or {"ok": True})
    with TestClient(create_app(ServeSettings(warm_up=False, timeout_seconds=0.1))) as c:
        r = c.post("/read", json={"text": "Talks were held in Oslo."})
        assert r.status_code == 504
        assert c.get("/health").json()["reads"]["timed_out"] == 1


def test_saturated_service_answers_503(monkeypatch):
    release = threading.Event()
    monkeypatch.setattr(serve_app, "_read_job", lambda payload, settings: release.wait(5) and {"ok": True})
    with TestClient(create_app(ServeSettings(warm_up=False, threads=1, queue=0))) as c:
        first: dict = {}
        t = threading.Thread(target=lambda: first.setdefault("r", c.post("/read", json={"text": "Talks in Oslo."})))
        t.start()
        deadline = time.time() + 5
        while c.get("/health").json()["reads"]["in_flight"] < 1 and time.time() < deadline:
            time.sleep(0.02)
        second = c.post("/read", json={"text": "Talks in Oslo."})
        release.set()
        t.join(5)
        assert second.status_code == 503
        assert first["r"].status_code == 200
        assert c.get("/health").json()["reads"]["in_flight"] == 0


def test_page_and_docs_are_offline(client):
    for path in ("/", "/docs", "/static/app.js", "/static/style.css", "/static/countries.geojson", "/openapi.json"):
        assert client.get(path).status_code == 200, path
    for name in ("index.html", "docs.html", "app.js", "style.css"):
        text = (STATIC / name).read_text()
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), name
        external = [u for u in re.findall(r"https?://[^\s\"'<>)`]+", text) if u != "http://www.w3.org/2000/svg"]
        assert external == [], name
    assert (STATIC / "countries.geojson").stat().st_size < 1_000_000
    shapes = client.get("/static/countries.geojson").json()
    assert len(shapes["features"]) > 150
    assert "/read" in client.get("/openapi.json").json()["paths"]


# ---------------------------------------------------------------- the store


def _reading(title: str, published: str, events: list[dict]) -> dict:
    return {"format": "newsevents.reading/1",
            "document": {"title": title, "published": published, "published_from": "given",
                         "body": {"start": 0, "end": 100}, "paragraphs": []},
            "times": [], "places": [], "quotes": [], "actors": [], "events": events}


def _event(eid: str, src: str, tgt: str | None, cameo: str, quad: int, plover: str, date: str,
           place: tuple[str, str, float, float] | None = None) -> dict:
    def actor(code: str | None) -> dict | None:
        if code is None:
            return None
        return {"text": code, "start": 0, "end": 3, "country": code[:3], "agent": code[3:], "code": code}
    return {"id": eid, "evidence": f"evidence of {eid}", "start": 0, "end": 10, "trigger": "x",
            "source": actor(src), "target": actor(tgt), "cameo": cameo, "cameo_root": cameo[:2], "quad_class": quad,
            "goldstein": 1.0, "plover": plover, "date": date,
            "place": None if place is None else dict(zip(("name", "country", "lat", "lon"), place, strict=True)),
            "modality": "asserted", "background": False, "from_caption": False, "reported_by": [],
            "quantity": None, "mentions": [], "confidence": 0.5}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    store = pytest.importorskip("newsevents.store", reason="the store module (newsevents/store) is not there yet")
    rows = pytest.importorskip("newsevents.store.rows", reason="the store's row builder is not there yet")
    path = tmp_path_factory.mktemp("store") / "events.duckdb"
    readings = {
        "docA": _reading("Border talks", "2024-03-02", [
            _event("e1", "NORGOV", "SWEGOV", "040", 1, "CONSULT", "2024-03-01", ("Oslo", "NOR", 59.91, 10.75)),
            _event("e2", "SWECOP", "SWEOPP", "173", 4, "ASSAULT", "2024-02-28", ("Stockholm", "SWE", 59.33, 18.07)),
        ]),
        "docB": _reading("Aid pledged", "2024-04-10", [
            _event("e1", "FINGOV", "UKRGOV", "070", 2, "AID", "2024-04-09"),
            _event("e2", "RUSMIL", "UKRMIL", "190", 4, "ASSAULT", "2024-04-08", ("Kharkiv", "UKR", 49.99, 36.23)),
            _event("e3", "RUSGOV", None, "112", 3, "ACCUSE", "2024-04-10"),
        ]),
    }
    with store.open_store(str(path)) as st:
        for doc_id, reading in readings.items():
            st.write_batch(rows.reading_rows(doc_id, f"{doc_id}.txt", reading, "test"))
    return path


@pytest.fixture(scope="module")
def store_client(store_path):
    with TestClient(create_app(ServeSettings(warm_up=False, store=str(store_path)))) as c:
        yield c


def _ids(response) -> set[tuple[str, str]]:
    assert response.status_code == 200, response.text
    return {(e["doc_id"], e["event_id"]) for e in response.json()["events"]}


def test_events_filters(store_client):
    c = store_client
    assert c.get("/events").json()["total"] == 5
    assert _ids(c.get("/events?quad_class=4")) == {("docA", "e2"), ("docB", "e2")}
    assert _ids(c.get("/events?country=ukr")) == {("docB", "e1"), ("docB", "e2")}
    assert _ids(c.get("/events?actor=RUS")) == {("docB", "e2"), ("docB", "e3")}
    assert _ids(c.get("/events?actor=SWECOP")) == {("docA", "e2")}
    assert _ids(c.get("/events?cameo_root=4")) == {("docA", "e1")}
    assert _ids(c.get("/events?plover=assault&country=SWE")) == {("docA", "e2")}
    assert _ids(c.get("/events?date_from=2024-03-01&date_to=2024-04-08")) == {("docA", "e1"), ("docB", "e2")}
    assert _ids(c.get("/events?doc_id=docA")) == {("docA", "e1"), ("docA", "e2")}
    kharkiv = c.get("/events?country=UKR&quad_class=4").json()["events"][0]
    assert kharkiv["place_name"] == "Kharkiv" and kharkiv["place_lat"] == pytest.approx(49.99)


def test_events_pagination(store_client):
    c = store_client
    first = c.get("/events?limit=2&offset=0").json()
    second = c.get("/events?limit=2&offset=2").json()
    third = c.get("/events?limit=2&offset=4").json()
    assert first["total"] == second["total"] == third["total"] == 5
    assert [len(p["events"]) for p in (first, second, third)] == [2, 2, 1]
    seen = _ids_of(first) | _ids_of(second) | _ids_of(third)
    assert len(seen) == 5
    dates = [e["date"] for p in (first, second, third) for e in p["events"]]
    assert dates == sorted(dates, reverse=True)


def _ids_of(page: dict) -> set[tuple[str, str]]:
    return {(e["doc_id"], e["event_id"]) for e in page["events"]}


@pytest.mark.parametrize("query", ["country=Norway", "quad_class=5", "cameo_root=27", "date_from=March",
                                   "limit=0", "limit=5000", "offset=-1", "actor=PRK;DROP"])
def test_events_bad_filters_are_422(store_client, query):
    r = store_client.get("/events?" + query)
    assert r.status_code == 422, r.text
    assert r.json()["error"]


def test_event_series_and_documents(store_client):
    c = store_client
    series = c.get("/events/series?by=quad_class&interval=month").json()["series"]
    counts = {(s["period"], s["key"]): s["count"] for s in series}
    assert counts == {("2024-02", "4"): 1, ("2024-03", "1"): 1, ("2024-04", "2"): 1, ("2024-04", "3"): 1,
                      ("2024-04", "4"): 1}
    plover = c.get("/events/series?by=plover&interval=year&quad_class=4").json()["series"]
    assert plover == [{"period": "2024", "key": "ASSAULT", "count": 2}]
    assert c.get("/events/series?by=colour").status_code == 422
    doc = c.get("/documents/docA").json()
    assert doc["document"]["title"] == "Border talks"
    assert c.get("/documents/nope").status_code == 404


def test_events_without_a_store_is_503(client):
    r = client.get("/events")
    assert r.status_code == 503
    assert "store" in r.json()["error"]
