"""Edits over HTTP: the write token, the CLI's edit functions behind it, and the catalog
showing their effect; on a copy of the web tests' database (these tests change it)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline import cli, edits
from storyline.store import Store
from storyline.web import create_app

TOKEN = "0123456789abcdef-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def db(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("write") / "write.db"
    with closing(sqlite3.connect(web_db)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    return copy


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, write_token=TOKEN))


def _story(client: TestClient, words: str) -> dict[str, Any]:
    found = client.get("/api/storylines", params={"q": words}).json()[0]["id"]
    record: dict[str, Any] = client.get(f"/api/storylines/{found}").json()
    return record


def _edit_count(db: Path) -> int:
    with Store(db) as store:
        return len(store.edits())


def test_without_a_token_the_server_is_read_only_and_says_so(db: Path) -> None:
    read_only = TestClient(create_app(db))
    for route in ("merge", "split", "rename", "pin", "unpin"):
        answer = read_only.post(f"/api/edits/{route}", json={"id": "s-1"}, headers=AUTH)
        assert answer.status_code == 403
        assert "read-only" in answer.json()["detail"] and "--write-token" in answer.json()["detail"]
    assert not any(
        path.startswith("/api/edits") for path in read_only.get("/openapi.json").json()["paths"]
    )


def test_a_missing_or_wrong_token_is_401(client: TestClient, db: Path) -> None:
    body = {"id": "s-", "title": "Hijacked"}
    wrong: list[dict[str, str] | dict[bytes, bytes]] = [
        {},
        {"Authorization": "Bearer wrong-token-0123456789"},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},  # a prefix of the token
        {"Authorization": f"Basic {TOKEN}"},
        {b"Authorization": f"Bearer {TOKEN}é".encode()},  # non-ASCII bytes: still just wrong
    ]
    for headers in wrong:
        answer = client.post("/api/edits/rename", json=body, headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["www-authenticate"] == "Bearer"
    # The token is checked before the body: a stranger learns nothing about the routes.
    assert client.post("/api/edits/split", json={"bad": 1}).status_code == 401
    assert _edit_count(db) == 0


def test_a_rename_shows_at_once_in_the_api_and_the_pages(client: TestClient) -> None:
    story = _story(client, '"artillery shells"')
    title = "Kardova & Ostrelia: <the> arms deals"
    answer = client.post(
        "/api/edits/rename", json={"id": story["id"], "title": title}, headers=AUTH
    )
    assert answer.status_code == 200, answer.text
    done = answer.json()
    assert done["kind"] == "rename" and done["target"] == "storyline" and done["id"] >= 1
    assert done["args"] == {"id": story["id"], "title": title} and done["at"]
    assert done["summary"] == f"renamed {story['id']} to {title!r}"
    assert client.get(f"/api/storylines/{story['id']}").json()["title"] == title
    page = client.get(f"/storylines/{story['id']}").text
    assert "<h1>Kardova &amp; Ostrelia: &lt;the&gt; arms deals</h1>" in page


def test_a_refused_edit_is_422_with_the_reason_and_changes_nothing(
    client: TestClient, db: Path
) -> None:
    story = _story(client, "Dunmar")
    before, count = client.get("/api/storylines").json(), _edit_count(db)
    event = story["events"][0]["id"]
    refused = {
        "merge": ({"first": story["id"], "second": event}, "kinds differ"),
        "rename": ({"id": story["id"], "title": "   "}, "the new title is empty"),
        "split": ({"id": event, "members": ["zzzz"]}, "'zzzz' is not a member"),
        "unpin": ({"id": story["id"]}, "is not pinned"),
        "pin": ({"id": "nothing-like-this"}, "no event or storyline has an id starting with"),
    }
    for route, (body, reason) in refused.items():
        answer = client.post(f"/api/edits/{route}", json=body, headers=AUTH)
        assert answer.status_code == 422, answer.text
        assert reason in answer.json()["detail"], route
    assert _edit_count(db) == count
    assert client.get("/api/storylines").json() == before


def test_bodies_are_checked_before_the_library_is_called(client: TestClient) -> None:
    misspelt = client.post("/api/edits/pin", json={"ident": "s-1"}, headers=AUTH)
    assert misspelt.status_code == 422 and isinstance(misspelt.json()["detail"], list)
    empty = client.post("/api/edits/split", json={"id": "e-1", "members": []}, headers=AUTH)
    assert empty.status_code == 422


def test_split_merge_pin_and_unpin_through_the_api(client: TestClient, db: Path) -> None:
    story = _story(client, '"artillery shells"')
    event = next(e for e in story["events"] if len(e["article_ids"]) >= 2)
    moved = event["article_ids"][-1]

    def post(route: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = client.post(f"/api/edits/{route}", json=body, headers=AUTH)
        assert answer.status_code == 200, answer.text
        done: dict[str, Any] = answer.json()
        return done

    new = post("split", {"id": event["id"], "members": [moved]})["args"]["new"]
    after = client.get(f"/api/storylines/{story['id']}").json()["events"]
    assert [e["article_ids"] for e in after if e["id"] == new] == [[moved]]
    merged = post("merge", {"first": event["id"], "second": new})
    assert merged["summary"].startswith("merged event")
    assert post("pin", {"id": story["id"]})["summary"] == f"pinned storyline {story['id']}"
    again = client.post("/api/edits/pin", json={"id": story["id"]}, headers=AUTH)
    assert again.status_code == 422 and "already pinned" in again.json()["detail"]
    assert post("unpin", {"id": story["id"]})["kind"] == "unpin"


def test_an_edit_made_elsewhere_shows_even_while_a_reader_holds_the_database(
    client: TestClient, db: Path
) -> None:
    story = _story(client, "Dunmar")
    with Store(db) as reader:  # an open connection: the commit stays in the write-ahead log
        reader.edits()
        with Store(db) as writer:  # what `storyline rename` does, in another connection
            edits.rename(writer, story["id"], "Renamed by the CLI")
        assert client.get(f"/api/storylines/{story['id']}").json()["title"] == (
            "Renamed by the CLI"
        )


def test_the_openapi_document_lists_the_edit_routes_with_their_token(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    routes = {f"/api/edits/{name}" for name in ("merge", "split", "rename", "pin", "unpin")}
    assert routes <= set(spec["paths"])
    assert all(set(spec["paths"][route]) == {"post"} for route in routes)
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/edits/rename"]["post"]["security"] == [{"HTTPBearer": []}]


@pytest.mark.parametrize(
    "token", ["", "short", "has spaces in it 0123456789", "ünïcödé-0123456789"]
)
def test_a_weak_or_unsendable_token_is_refused(db: Path, token: str) -> None:
    with pytest.raises(ValueError, match="16 or more printable ASCII"):
        create_app(db, write_token=token)


def test_serve_takes_the_token_from_its_option_or_the_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **_: served.append(app))
    runner = CliRunner()
    args = ["serve", "--db", str(db)]
    assert runner.invoke(cli.app, [*args, "--write-token", TOKEN]).exit_code == 0
    assert runner.invoke(cli.app, args, env={"STORYLINE_WRITE_TOKEN": TOKEN}).exit_code == 0
    assert runner.invoke(cli.app, args, env={"STORYLINE_WRITE_TOKEN": ""}).exit_code == 0
    refused = runner.invoke(cli.app, [*args, "--write-token", "short"])
    assert refused.exit_code == 2 and "16 or more" in refused.output
    statuses = [
        TestClient(app).post("/api/edits/pin", json={"id": "x"}).status_code for app in served
    ]
    assert statuses == [401, 401, 403]  # token, token from the environment, read-only
