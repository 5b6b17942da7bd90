"""Re-take the README's screenshots (docs/screenshots/) from the demo database.

Usage: ``make demo && .venv/bin/python scripts/screenshots.py [out/demo/storyline.db]``.
Needs Chromium (``apt-get install chromium``) and Playwright (a dev dependency).
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from storyline.web import create_app
from storyline.web.pages import served_link

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _serve(db: Path) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/storylines")
            return base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def main(db: Path) -> None:
    base = _serve(db)
    story = next(s for s in httpx.get(base + "/api/storylines").json() if "Kardova" in s["title"])
    record = httpx.get(f"{base}/api/storylines/{story['id']}").json()
    cited = record["summary"][0]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        shots = {
            "list.png": f"{base}/?q=artillery",
            "storyline.png": f"{base}/storylines/{story['id']}",
            "article.png": base + served_link("article", cited["article_ids"][0], cited["text"]),
        }
        for name, url in shots.items():
            page.goto(url)
            page.screenshot(path=str(OUT / name), full_page=name != "storyline.png")
            print(f"wrote {OUT / name}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/demo/storyline.db"))
