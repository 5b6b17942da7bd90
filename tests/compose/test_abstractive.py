"""The abstractive mode against a real local HTTP server that plays an OpenAI-compatible
chat-completions endpoint (canned answers, every request recorded)."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from storyline.compose import Source, summarize
from storyline.compose.abstractive import SUPPORT, LLMConfig, abstract, evidence

FIRST = (
    "The river ferry Halden Star ran aground near the town of Brisk on Tuesday with 120 "
    "passengers on board, the port authority said. All passengers were taken ashore by "
    "lifeboats before noon. He said the cause was not yet known."
)
SECOND = (
    "The Halden Star ferry ran aground near Brisk on Tuesday morning, the port authority "
    "said. Inspectors from the river agency will examine the hull of the ferry on Thursday. "
    "But no one was hurt."
)
THIRD = (
    "The river agency said on Wednesday that its inspectors would examine the ferry's hull "
    "and that the route to Brisk would stay closed until Friday."
)

#: What the fake server answers: (status, body) from the request's JSON.
Reply = Callable[[dict[str, Any]], tuple[int, str]]


class FakeOpenAI:
    """A chat-completions endpoint on 127.0.0.1 that records requests and answers with
    :attr:`reply`."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply: Reply = lambda _request: (500, "no reply set")
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        # A short poll interval: shutdown() waits out one, once per test.
        serve = {"poll_interval": 0.02}
        threading.Thread(target=self._server.serve_forever, kwargs=serve, daemon=True).start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "headers": dict(self.headers), **body})
                status, text = fake.reply(body)
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:  # keep the test output quiet
                pass

        return Handler

    def answer(self, sentences: Callable[[dict[str, str]], object], fence: bool = False) -> None:
        """Answer a chat completion whose content is ``{"sentences": ...}``, built from the
        request's evidence (text → key); ``fence``: after reasoning, in a code fence."""

        def reply(request: dict[str, Any]) -> tuple[int, str]:
            content = json.dumps({"sentences": sentences(_keys(request))})
            wrapped = f"<think>Keys {{S1}}.</think>Here it is:\n```json\n{content}\n```"
            content = wrapped if fence else content
            return 200, _completion(content)

        self.reply = reply

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _completion(content: str) -> str:
    message = {"role": "assistant", "content": content}
    return json.dumps({"choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})


def _keys(request: dict[str, Any]) -> dict[str, str]:
    """The evidence the request lists: each sentence's text → its key."""
    user = request["messages"][-1]["content"]
    return {text: key for key, text in re.findall(r"^\[(S\d+)\] (.*)$", user, re.M)}


def _key(keys: dict[str, str], phrase: str) -> str:
    return next(key for text, key in keys.items() if phrase in text)


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    yield fake
    fake.close()


def _docs() -> list[Source]:
    return [
        Source("a", FIRST, date(2025, 6, 3)),
        Source("b", SECOND, date(2025, 6, 3)),
        Source("c", THIRD, date(2025, 6, 4)),
    ]


def _config(server: FakeOpenAI, key: str | None = None) -> LLMConfig:
    return LLMConfig(server.url, "tiny-chat", api_key=key, timeout=5.0)


AGROUND = "The ferry Halden Star ran aground near Brisk on Tuesday."
HULL = "Inspectors of the river agency will examine its hull."


def _faithful(keys: dict[str, str]) -> list[dict[str, object]]:
    return [
        {"text": AGROUND, "cites": [_key(keys, "aground")]},
        {"text": HULL, "cites": [_key(keys, "hull")]},
    ]


def test_the_evidence_is_the_extractive_choice_keyed_in_order() -> None:
    items = evidence(_docs(), 400)
    assert [e.key for e in items] == [f"S{i}" for i in range(1, len(items) + 1)]
    assert [(e.text, e.article_ids) for e in items] == [
        (c.text, c.article_ids) for c in summarize(_docs(), 400)
    ]


def test_a_faithful_answer_is_kept_with_its_articles(server: FakeOpenAI) -> None:
    server.answer(_faithful)
    result = abstract(_docs(), _config(server), max_words=60)
    assert result.model == "tiny-chat" and result.rejected == ()
    assert [s.text for s in result.sentences] == [AGROUND, HULL]
    # The evidence came from "a" and "c"; "b" says the same, so it is cited too.
    assert result.sentences[0].article_ids == ("a", "b")
    assert result.sentences[1].article_ids == ("c", "b")


def test_the_request_names_the_model_and_lists_the_evidence(server: FakeOpenAI) -> None:
    server.answer(_faithful)
    abstract(_docs(), _config(server), max_words=60)
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["model"] == "tiny-chat"
    assert request["response_format"] == {"type": "json_object"}
    assert "60 words" in request["messages"][0]["content"]
    listed = _keys(request)
    assert listed and all(text in FIRST + SECOND + THIRD for text in listed)
    assert any("aground" in text for text in listed)
    assert "authorization" not in {h.lower() for h in request["headers"]}


def test_the_api_key_is_sent_as_a_bearer_token(server: FakeOpenAI) -> None:
    server.answer(_faithful)
    config = _config(server, key="sk-test-123")
    abstract(_docs(), config, max_words=60)
    assert server.requests[0]["headers"]["Authorization"] == "Bearer sk-test-123"
    assert "sk-test-123" not in repr(config)


NUMBER = "The ferry carried 41 passengers near Brisk."
NAME = "Captain Vostrik ran the ferry aground near Brisk."
NO_KEY = "The ferry ran aground near Brisk on Tuesday."
UNSUPPORTED = "Officials blamed reckless budget cuts for disaster."


def test_hallucinated_sentences_are_rejected_with_reasons(server: FakeOpenAI) -> None:
    def answer(keys: dict[str, str]) -> list[dict[str, object]]:
        aground = _key(keys, "aground")
        return [
            *_faithful(keys),
            {"text": NUMBER, "cites": [aground]},
            {"text": NAME, "cites": [aground]},
            {"text": NO_KEY, "cites": ["S99"]},
            {"text": UNSUPPORTED, "cites": [aground]},
        ]

    server.answer(answer)
    result = abstract(_docs(), _config(server), max_words=200)
    assert len(result.sentences) == 2 and result.model == "tiny-chat"
    reasons = {r.source: r.reason for r in result.rejected}
    assert "number 41 not in cited sources" in reasons[NUMBER]
    assert "name Vostrik not in cited sources" in reasons[NAME]
    assert reasons[NO_KEY] == "cites S99 which does not exist"
    assert re.fullmatch(rf"support 0\.\d\d < {SUPPORT}", reasons[UNSUPPORTED])
    assert all(r.stage == "abstract" for r in result.rejected)


def test_numbers_keys_and_fences_are_read_leniently(server: FakeOpenAI) -> None:
    def answer(keys: dict[str, str]) -> list[dict[str, object]]:
        number = _key(keys, "aground")[1:]
        text = "The Halden Star ran aground near Brisk with 120 passengers on board."
        return [{"text": text, "cites": [f"[s{number}]"]}]

    server.answer(answer, fence=True)
    result = abstract(_docs(), _config(server), max_words=60)
    assert result.model == "tiny-chat" and len(result.sentences) == 1
    assert result.sentences[0].article_ids[0] == "a"


def test_a_server_refusing_json_mode_is_asked_again_without_it(server: FakeOpenAI) -> None:
    def reply(request: dict[str, Any]) -> tuple[int, str]:
        if "response_format" in request:
            return 400, '{"error": "response_format is not supported"}'
        return 200, _completion(json.dumps({"sentences": _faithful(_keys(request))}))

    server.reply = reply
    result = abstract(_docs(), _config(server), max_words=60)
    assert result.model == "tiny-chat" and len(result.sentences) == 2
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (500, "upstream model crashed", "HTTP 500"),
        (200, "<html>not json</html>", "not a chat completion"),
        (200, _completion("Sure! The ferry ran aground."), "not JSON"),
        (200, _completion('{"summary": "The ferry ran aground."}'), '"sentences"'),
    ],
)
def test_endpoint_trouble_falls_back_to_the_extractive_summary(
    server: FakeOpenAI, status: int, body: str, reason: str
) -> None:
    server.reply = lambda _request: (status, body)
    result = abstract(_docs(), _config(server), max_words=60)
    assert result.model is None
    assert list(result.sentences) == summarize(_docs(), 60)
    (rejected,) = result.rejected
    assert reason in rejected.reason and "extractive summary is used" in rejected.reason
    assert rejected.source == f"{server.url}/chat/completions"


def test_an_unreachable_endpoint_falls_back_without_raising() -> None:
    fake = FakeOpenAI()
    fake.close()  # the port is now closed
    result = abstract(_docs(), LLMConfig(fake.url, "tiny-chat", timeout=2.0), max_words=60)
    assert result.model is None and result.sentences
    assert "cannot reach the endpoint" in result.rejected[0].reason


def test_nothing_surviving_falls_back_with_every_reason(server: FakeOpenAI) -> None:
    server.answer(lambda keys: [{"text": "A storm of 9 days hit Brisk.", "cites": ["S1"]}])
    result = abstract(_docs(), _config(server), max_words=60)
    assert result.model is None and list(result.sentences) == summarize(_docs(), 60)
    first, last = result.rejected
    assert "number 9 not in cited sources" in first.reason
    assert "no sentence of the model's answer passed verification" in last.reason


def test_sentences_past_the_word_budget_are_rejected(server: FakeOpenAI) -> None:
    server.answer(_faithful)
    result = abstract(_docs(), _config(server), max_words=5)
    assert len(result.sentences) == 1
    assert result.rejected[0].reason == "past the word budget of 5"


def test_no_articles_means_no_request(server: FakeOpenAI) -> None:
    result = abstract([], _config(server))
    assert result.sentences == () and server.requests == []
    assert "no sentence can serve as evidence" in result.rejected[0].reason


def test_from_env_is_off_unless_a_url_is_set() -> None:
    assert LLMConfig.from_env({}) is None
    assert LLMConfig.from_env({"STORYLINE_LLM_URL": " ", "STORYLINE_LLM_MODEL": "m"}) is None
    env = {
        "STORYLINE_LLM_URL": "http://localhost:8080/v1/",
        "STORYLINE_LLM_MODEL": "tiny-chat",
        "STORYLINE_LLM_KEY": "sk-1",
    }
    config = LLMConfig.from_env(env)
    assert config == LLMConfig("http://localhost:8080/v1/", "tiny-chat", "sk-1")
    assert config.endpoint == "http://localhost:8080/v1/chat/completions"
    assert LLMConfig.from_env({**env, "STORYLINE_LLM_KEY": ""}).api_key is None  # type: ignore[union-attr]


def test_a_misconfigured_config_raises() -> None:
    with pytest.raises(ValueError, match="model"):
        LLMConfig.from_env({"STORYLINE_LLM_URL": "http://localhost:8080/v1"})
    with pytest.raises(ValueError, match="http"):
        LLMConfig("localhost:8080", "tiny-chat")
    with pytest.raises(ValueError, match="positive"):
        LLMConfig("http://localhost:8080/v1", "tiny-chat", timeout=0)
