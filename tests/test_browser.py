"""End to end in a real headless Chromium: paste the demo article, read it, see events on the text and the map.

Needs Debian's `chromium` and `chromium-driver` and the selenium package (.ci/browser.sh installs
them); skipped, with the reason, when they are missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("NEWSEVENTS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NEWSEVENTS_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = REPO / "artifacts"
DEMO = REPO / "examples" / "demo-article.txt"

# Used only when the repository's demo article is missing: a short story of our own.
FALLBACK_ARTICLE = """Ministers meet in Vienna over river dispute

VIENNA (Test Wire) - The foreign ministers of Hungary and Slovakia met in Vienna on Thursday to settle
a dispute over a dam on the Danube, a week after Slovak police detained two Hungarian engineers near Komarno.

"We want a fair agreement," the Hungarian minister said after the talks.
"""


def _missing() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (run .ci/browser.sh)"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} is missing (Debian's chromium / chromium-driver; run .ci/browser.sh)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def _small_store(path: Path) -> None:
    from newsevents.store import open_store
    from newsevents.store.rows import reading_rows

    def event(eid: str, src: str, tgt: str, cameo: str, quad: int, plover: str, date: str, place: tuple) -> dict:
        def actor(code: str) -> dict:
            return {"text": code, "start": 0, "end": 3, "country": code[:3], "agent": code[3:], "code": code}
        return {"id": eid, "evidence": "evidence", "start": 0, "end": 8, "trigger": "x", "source": actor(src),
                "target": actor(tgt), "cameo": cameo, "cameo_root": cameo[:2], "quad_class": quad, "goldstein": 0.0,
                "plover": plover, "date": date,
                "place": dict(zip(("name", "country", "lat", "lon"), place, strict=True)),
                "modality": "asserted", "background": False, "from_caption": False, "reported_by": [],
                "quantity": None, "mentions": [], "confidence": 0.5}

    reading = {"format": "newsevents.reading/1",
               "document": {"title": "Stored story", "published": "2024-05-02", "published_from": "given",
                            "body": {"start": 0, "end": 8}, "paragraphs": []},
               "times": [], "places": [], "quotes": [], "actors": [],
               "events": [event("e1", "HUNGOV", "SVKGOV", "040", 1, "CONSULT", "2024-04-30", ("Vienna", "AUT", 48.2, 16.37)),
                          event("e2", "SVKCOP", "HUNBUS", "173", 4, "ASSAULT", "2024-05-01", ("Komarno", "SVK", 47.76, 18.13))]}
    with open_store(str(path)) as st:
        st.write_batch(reading_rows("story1", "story1.txt", reading, "test"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    store = tmp_path_factory.mktemp("store") / "events.duckdb"
    try:
        _small_store(store)
        store_args = ["--store", str(store)]
    except ImportError:
        store_args = []
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                                 *store_args], stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            if _get(base + "/health")["status"] == "ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail("server did not come up within 180 s")
    yield {"base": base, "store": bool(store_args)}
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def driver(server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="newsevents-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--window-size=1400,2000", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_read_the_demo_article_in_the_page(server, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    article = DEMO.read_text(encoding="utf-8") if DEMO.exists() else FALLBACK_ARTICLE
    driver.get(server["base"] + "/")
    box = driver.find_element(By.ID, "article")
    box.send_keys(article)  # typed in as a paste would put it
    assert driver.execute_script("return document.getElementById('article').value") == article.replace("\r\n", "\n")
    driver.find_element(By.ID, "read-button").click()
    WebDriverWait(driver, 180).until(lambda d: "Read:" in d.find_element(By.ID, "read-status").text
                                     or "Could not" in d.find_element(By.ID, "read-status").text)
    status = driver.find_element(By.ID, "read-status").text
    assert status.startswith("Read:"), status

    triggers = driver.find_elements(By.CSS_SELECTOR, "#annotated .hl.trigger[data-event]")
    assert triggers, "no event trigger is highlighted in the text"
    assert driver.find_elements(By.CSS_SELECTOR, "#annotated .hl.actor, #annotated .hl.place, #annotated .hl.time")
    rows = driver.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")
    assert len(rows) >= len({t.get_attribute("data-event") for t in triggers})
    markers = driver.find_elements(By.CSS_SELECTOR, "#reading-map circle.event-marker")
    assert markers, "no event marker on the map"
    assert len(driver.find_elements(By.CSS_SELECTOR, "#reading-map path.country")) > 150
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline circle.tl-marker")

    triggers[0].click()
    detail = driver.find_element(By.ID, "event-detail").text
    assert "CAMEO" in detail and "modality" in detail and "Evidence" in detail
    assert driver.find_elements(By.CSS_SELECTOR, "#annotated .in-evidence")

    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "browser-reading.png"))
    assert (ARTIFACTS / "browser-reading.png").stat().st_size > 10_000
    assert _console_errors(driver) == []


def test_browse_the_store_in_the_page(server, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    if not server["store"]:
        pytest.skip("the store module (newsevents/store) is not there")
    driver.get(server["base"] + "/#store")
    WebDriverWait(driver, 30).until(lambda d: "match" in d.find_element(By.ID, "store-status").text
                                    or "Store:" in d.find_element(By.ID, "store-status").text)
    assert driver.find_element(By.ID, "store-status").text == "2 events match."
    assert len(driver.find_elements(By.CSS_SELECTOR, "#store-table tbody tr")) == 2
    assert len(driver.find_elements(By.CSS_SELECTOR, "#series rect.bar")) == 2
    assert len(driver.find_elements(By.CSS_SELECTOR, "#store-map circle.event-marker")) == 2
    driver.find_element(By.CSS_SELECTOR, "#store-form select[name=quad_class] option[value='4']").click()
    driver.find_element(By.CSS_SELECTOR, "#store-form button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "store-status").text == "1 event matches.")
    driver.find_element(By.CSS_SELECTOR, "#store-table a.doc-link").click()
    WebDriverWait(driver, 30).until(lambda d: "Stored story" in d.find_element(By.ID, "document-detail").text)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "browser-store.png"))
    assert _console_errors(driver) == []
