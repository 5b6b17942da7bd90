"""A demo database with an article that carries a script (in its title, its text and a
footer line that extraction removes), shared by the web tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.store import Store

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
HOSTILE = "\n".join(
    [
        "PORT WATCH",
        "Home / News",
        "Kardova shells <script>window.pwned = 1</script> arrive in Dunmar",
        "By Lena Hart",
        "Saturday, 15 November 2025",
        "DUNMAR, Ostrelia — Kardova delivered artillery shells to the port of Dunmar on "
        "Friday, the Ostrelian Defence Ministry said, confirming what Selmaria has said for "
        "months about the shipments.",
        "Officials said the <script>window.pwned = 1</script> shells came on two cargo ships "
        "from Sarn and were unloaded overnight under guard, according to port workers in Dunmar.",
        "Selmaria called the shipment a violation of the regional arms agreement and asked the "
        "Concord Council to meet, its foreign ministry said in a statement on Saturday.",
        "Share: Facebook · Email <script>window.pwned = 1</script>",
        "© 2025 Port Watch. All rights reserved.",
        "",
    ]
)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus"
    shutil.copytree(DEMO, corpus)
    (corpus / "text" / "port-watch").mkdir()
    (corpus / "text" / "port-watch" / "kardova-shells.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "web.db"
    with Store(db) as store:
        pipeline.ingest(store, [str(corpus)])
        pipeline.build(store)
        pipeline.analyze(store)
    return db
