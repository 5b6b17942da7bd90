"""The web UI in a real browser: Debian's Chromium driven by Playwright, against
``storyline serve`` running in a thread on a free port. Skipped, saying why, when no
Chromium is installed (``.ci/run`` installs it: ``apt-get install chromium``)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("STORYLINE_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium (apt-get install chromium, or set STORYLINE_CHROMIUM)"
)


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="error")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


def test_search_open_a_storyline_follow_a_citation_and_no_script_runs(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(server + "/")
        assert page.locator("table tbody tr").count() >= 7
        page.fill("input[name=q]", "Dunmar")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "q=Dunmar" in page.url
        page.click("table tbody tr a >> nth=0")
        page.wait_for_load_state()
        assert "/storylines/" in page.url and page.locator("ol.summary li").count() >= 1
        cite = page.locator("a.cite").first
        assert cite.get_attribute("title")  # hovering names the source and the sentence
        cite.click()
        page.wait_for_load_state()
        assert "/articles/" in page.url and page.locator("mark#cited").count() >= 1
        page.goto(server + "/?q=pwned")
        page.click("table tbody tr a >> nth=0")
        page.wait_for_load_state()
        hostile = page.locator("a", has_text="Kardova shells")
        if hostile.count():
            hostile.first.click()
            page.wait_for_load_state()
        assert page.evaluate("() => window.pwned === undefined")
        assert "<script>window.pwned" in page.content().replace("&lt;", "<").replace("&gt;", ">")
        browser.close()


def test_the_removed_boilerplate_opens_without_javascript(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(java_script_enabled=False)  # the toggle is a <details>
        story = page.request.get(server + "/api/storylines?q=pwned").json()[0]["id"]
        article = next(
            a
            for e in page.request.get(f"{server}/api/storylines/{story}").json()["events"]
            for a in e["article_ids"]
            if page.request.get(f"{server}/api/articles/{a}").json()["outlet"] == "Port Watch"
        )
        page.goto(f"{server}/articles/{article}")
        removed = page.locator("details.boilerplate li.removed", has_text="Home / News")
        assert removed.count() == 1 and not removed.is_visible()
        page.click("details.boilerplate summary")
        assert removed.is_visible()
        assert (
            removed.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
            == "line-through"
        )
        browser.close()
