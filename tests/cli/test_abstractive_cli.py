"""`storyline export --abstractive`: summaries written by an OpenAI-compatible endpoint (a
local fake), checked against their sources, and a clear error without one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from tests.cli.test_cli import DEMO
from tests.compose.test_abstractive import FakeOpenAI


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("abstractive") / "demo.db"
    for args in (["ingest", str(DEMO), "--db", str(db)], ["build", "--db", str(db)]):
        assert CliRunner().invoke(app, args).exit_code == 0
    return db


def test_export_writes_checked_abstractive_summaries(server: FakeOpenAI, demo_db: Path) -> None:
    """The fake model restates the first evidence sentence, citing it, and adds one sentence
    with a figure no source gives: the first is kept with its articles, the second refused."""
    server.answer(
        lambda keys: [
            {"text": next(iter(keys)), "cites": [next(iter(keys.values()))]},
            {"text": "Officials said 987654 people were affected.", "cites": ["S1"]},
        ]
    )
    env = {"STORYLINE_LLM_URL": server.url, "STORYLINE_LLM_MODEL": "tiny-chat"}
    result = CliRunner().invoke(app, ["export", "--abstractive", "--db", str(demo_db)], env=env)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    story = doc["storylines"][0]
    assert story["summary_method"] == "abstractive:tiny-chat"
    assert len(story["summary"]) == 1 and story["summary"][0]["article_ids"]
    assert any("987654" in reason for reason in story["summary_rejected"])
    assert server.requests and server.requests[0]["model"] == "tiny-chat"


def test_abstractive_without_an_endpoint_is_a_clear_error(demo_db: Path) -> None:
    env = {"STORYLINE_LLM_URL": "", "STORYLINE_LLM_MODEL": ""}
    result = CliRunner().invoke(app, ["export", "--abstractive", "--db", str(demo_db)], env=env)
    assert result.exit_code == 2
    assert "STORYLINE_LLM_URL" in result.output
