"""Optional abstractive summaries, written by a language model behind any OpenAI-compatible
chat-completions endpoint, cited and checked against their sources.

Off by default: nothing here touches the network unless the caller passes an
:class:`LLMConfig`, and :meth:`LLMConfig.from_env` gives None unless ``STORYLINE_LLM_URL``
is set.

The model never sees whole articles, only *evidence*: the sentences the extractive summariser
(:func:`~storyline.compose.summary.summarize`, run with a larger budget) would choose, each
under a key such as ``S3``. It must answer JSON in which every sentence names the keys it
rests on, and each sentence is then checked against the evidence it cites, because a fluent
sentence is no proof that its sources say it:

* every cited key exists;
* every number in it appears in a cited sentence;
* every capitalised word after its first (a name, a place, a weekday) appears in a cited
  sentence;
* its *support* — the share of its content-word stems (:func:`~storyline.compose.summary.
  content`) found in the cited sentences — is at least :data:`SUPPORT`.

A failing sentence is dropped and returned as a :class:`~storyline.model.Rejected` with its
reasons; a kept one cites the articles of its evidence, each evidence sentence already
expanded, as in the extractive summary, to every article saying the same
(:data:`~storyline.compose.summary.CITE_DICE`). When the endpoint cannot be reached, answers
an error or something other than the JSON asked for, or no sentence survives, the result is
the extractive summary with a rejection saying why: endpoint trouble never raises.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from storyline.compose.summary import Cited, Source, content, stems, summarize
from storyline.model import Rejected

#: Least share of a sentence's content-word stems that its cited evidence must hold.
SUPPORT = 0.6
#: The evidence budget, as a multiple of the summary's (and never under MIN_EVIDENCE_WORDS):
#: the model needs room to choose and merge, but every word is prompt to pay for.
EVIDENCE_FACTOR = 4
MIN_EVIDENCE_WORDS = 300
STAGE = "abstract"
_NUMBER = re.compile(r"\d[\d,.]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S | re.I)
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)
_SYSTEM = (
    "You write neutral news summaries from numbered evidence sentences, and from nothing "
    "else. Write at most {words} words in all, without opinion, speculation or outside "
    "knowledge. Each sentence must cite the keys of the evidence sentences that support it "
    "and say nothing they do not; write names and numbers exactly as the evidence does. "
    'Answer with JSON only, in this form: {{"sentences": [{{"text": "...", '
    '"cites": ["S1", "S3"]}}]}}'
)


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to ask a model for an abstractive summary.

    Attributes:
        base_url: The API root of an OpenAI-compatible server, e.g.
            ``http://localhost:8080/v1``; requests go to ``{base_url}/chat/completions``.
        model: The model name the server expects.
        api_key: Sent as ``Authorization: Bearer <key>`` when given (kept out of ``repr``).
        timeout: Seconds to wait for the answer.
        max_tokens: The most tokens the model may answer with.
        temperature: Sampling temperature (0: the same evidence gives the same summary, as
            far as the server allows).

    Raises:
        ValueError: When a field cannot work (no model, a URL that is not http(s), a
            non-positive timeout or token budget).
    """

    base_url: str
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_tokens: int = 1024
    temperature: float = 0.0

    def __post_init__(self) -> None:
        if not self.model.strip():
            raise ValueError("LLMConfig.model is empty: name the model (STORYLINE_LLM_MODEL)")
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"LLMConfig.base_url must be an http(s) URL, not {self.base_url!r}")
        if self.timeout <= 0 or self.max_tokens <= 0:
            raise ValueError("LLMConfig.timeout and max_tokens must be positive")

    @property
    def endpoint(self) -> str:
        """The chat-completions URL."""
        return f"{self.base_url.rstrip('/')}/chat/completions"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LLMConfig | None:
        """The configuration in ``STORYLINE_LLM_URL``, ``STORYLINE_LLM_MODEL`` and
        ``STORYLINE_LLM_KEY``; None (the mode is off) when the URL is unset or empty.

        Args:
            environ: The variables to read (``os.environ`` when None).

        Raises:
            ValueError: When the URL is set but the model is not, or the URL is not http(s).
        """
        env = os.environ if environ is None else environ
        url = env.get("STORYLINE_LLM_URL", "").strip()
        if not url:
            return None
        key = env.get("STORYLINE_LLM_KEY", "").strip() or None
        return cls(url, env.get("STORYLINE_LLM_MODEL", "").strip(), key)


@dataclass(frozen=True)
class Evidence:
    """A sentence the model may cite, under its key (``S1``, ``S2``, ...), with the articles
    that state it (the one it was taken from first)."""

    key: str
    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Abstract:
    """An abstractive summary, or the extractive one it fell back to.

    Attributes:
        sentences: The summary, each sentence citing its articles.
        rejected: The model's sentences that failed verification (``source`` is the
            sentence), and, after a fallback, why (``source`` is the endpoint).
        model: The model that wrote ``sentences``; None when they are the extractive summary.
    """

    sentences: tuple[Cited, ...]
    rejected: tuple[Rejected, ...] = ()
    model: str | None = None


class _Trouble(Exception):
    """The endpoint failed, or answered something other than what was asked."""


def abstract(
    docs: Sequence[Source],
    config: LLMConfig,
    max_words: int = 100,
    client: httpx.Client | None = None,
    evidence_words: int | None = None,
) -> Abstract:
    """An abstractive summary of ``docs`` in at most about ``max_words`` words, each sentence
    verified against the evidence it cites; the extractive summary when the endpoint fails
    or no sentence survives.

    Args:
        docs: The articles.
        config: The endpoint and model.
        max_words: The word budget (sentences past it are rejected; the last kept one may
            run over, as in the extractive summary).
        client: An HTTP client to send with (a new one, closed afterwards, when None).
        evidence_words: The evidence budget (default: ``EVIDENCE_FACTOR * max_words``, at
            least ``MIN_EVIDENCE_WORDS``).

    Raises:
        ValueError: When ``max_words`` is not positive. Endpoint trouble never raises.
    """
    if max_words <= 0:
        raise ValueError(f"max_words must be positive, not {max_words}")
    budget = evidence_words or max(EVIDENCE_FACTOR * max_words, MIN_EVIDENCE_WORDS)
    items = evidence(docs, budget)
    if not items:
        return _fallback(docs, max_words, [_why(config, "no sentence can serve as evidence")])
    try:
        claims = _parse(_ask(config, items, max_words, client))
    except _Trouble as trouble:
        return _fallback(docs, max_words, [_why(config, str(trouble))])
    kept, rejected = _verify(claims, {e.key: e for e in items}, max_words)
    if not kept:
        reason = "no sentence of the model's answer passed verification"
        return _fallback(docs, max_words, [*rejected, _why(config, reason)])
    return Abstract(tuple(kept), tuple(rejected), config.model)


def evidence(docs: Sequence[Source], max_words: int) -> list[Evidence]:
    """The sentences a model may cite: the extractive summary of ``docs`` in ``max_words``
    words, keyed ``S1``, ``S2``, ... in its order (the articles' dates).

    Args:
        docs: The articles.
        max_words: The evidence budget.
    """
    chosen = summarize(docs, max_words)
    return [Evidence(f"S{i}", c.text, c.article_ids) for i, c in enumerate(chosen, 1)]


def _fallback(docs: Sequence[Source], max_words: int, rejected: list[Rejected]) -> Abstract:
    return Abstract(tuple(summarize(docs, max_words)), tuple(rejected), None)


def _why(config: LLMConfig, trouble: str) -> Rejected:
    return Rejected(config.endpoint, f"{trouble}; the extractive summary is used", STAGE)


def _ask(
    config: LLMConfig, items: Sequence[Evidence], max_words: int, client: httpx.Client | None
) -> str:
    """The model's answer text."""
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    http = client or httpx.Client()
    try:
        response = _post(http, config, _payload(config, items, max_words), headers)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise _Trouble(f"cannot reach the endpoint ({type(exc).__name__}: {exc})") from exc
    finally:
        if client is None:
            http.close()
    return _content(response)


def _payload(config: LLMConfig, items: Sequence[Evidence], max_words: int) -> dict[str, Any]:
    listing = "\n".join(f"[{e.key}] {e.text}" for e in items)
    return {
        "model": config.model,
        "messages": [
            {"role": "system", "content": _SYSTEM.format(words=max_words)},
            {"role": "user", "content": f"Evidence sentences, each after its key:\n{listing}"},
        ],
        "temperature": config.temperature,
        "max_tokens": config.max_tokens,
        "response_format": {"type": "json_object"},
    }


def _post(
    http: httpx.Client, config: LLMConfig, payload: dict[str, Any], headers: dict[str, str]
) -> httpx.Response:
    response = http.post(config.endpoint, json=payload, headers=headers, timeout=config.timeout)
    if response.status_code == 400:
        # Some servers refuse JSON mode (response_format) with a 400; the prompt asks for JSON
        # anyway, so one more try without it costs little.
        plain = {k: v for k, v in payload.items() if k != "response_format"}
        response = http.post(config.endpoint, json=plain, headers=headers, timeout=config.timeout)
    return response


def _content(response: httpx.Response) -> str:
    if response.is_error:
        raise _Trouble(f"the endpoint answered HTTP {response.status_code}: {_cut(response.text)}")
    try:
        text = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise _Trouble(f"the answer is not a chat completion: {_cut(response.text)}") from exc
    if not isinstance(text, str):
        raise _Trouble(f"the answer holds no message text: {_cut(response.text)}")
    return text


def _cut(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[:limit]}…"


def _parse(answer: str) -> list[tuple[str, tuple[str, ...]]]:
    """The (sentence, cited keys) pairs of the model's JSON answer."""
    try:
        data = json.loads(_unfence(answer))
    except ValueError as exc:
        raise _Trouble(f"the model's answer is not JSON: {_cut(answer)}") from exc
    listed = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        raise _Trouble(f'the model\'s answer has no "sentences" list: {_cut(answer)}')
    return [_claim(item) for item in listed]


def _unfence(answer: str) -> str:
    """The JSON in an answer, without the reasoning, code fences or prose some models put
    around it even in JSON mode."""
    answer = _THINK.sub("", answer)
    fenced = _FENCE.search(answer)
    body = fenced.group(1) if fenced else answer
    start, end = body.find("{"), body.rfind("}")
    return body[start : end + 1] if 0 <= start < end else body


def _claim(item: object) -> tuple[str, tuple[str, ...]]:
    """A sentence and its keys; a malformed item becomes a sentence citing nothing, so that
    it is rejected with a reason rather than lost."""
    if not isinstance(item, dict):
        return " ".join(str(item).split()), ()
    cites = item.get("cites") or []
    cites = [cites] if isinstance(cites, str | int) else cites
    keys = [_key(c) for c in cites] if isinstance(cites, list) else []
    return " ".join(str(item.get("text") or "").split()), tuple(dict.fromkeys(keys))


def _key(cite: object) -> str:
    """``S3`` from ``"S3"``, ``"[s3]"`` or ``3``."""
    key = str(cite).strip().strip("[]").strip().upper()
    return f"S{key}" if key.isdigit() else key


def _verify(
    claims: Sequence[tuple[str, tuple[str, ...]]], by_key: Mapping[str, Evidence], max_words: int
) -> tuple[list[Cited], list[Rejected]]:
    kept: list[Cited] = []
    rejected: list[Rejected] = []
    used = 0
    for text, keys in claims:
        faults = _faults(text, keys, by_key)
        if not faults and used >= max_words:
            faults = [f"past the word budget of {max_words}"]
        if faults:
            rejected.append(Rejected(text, "; ".join(faults), STAGE))
            continue
        kept.append(Cited(text, _articles(keys, by_key)))
        used += len(text.split())
    return kept, rejected


def _faults(text: str, keys: Sequence[str], by_key: Mapping[str, Evidence]) -> list[str]:
    """Why a sentence is not supported by the evidence it cites (nothing when it is)."""
    if not text:
        return ["the sentence is empty"]
    if not keys:
        return ["cites no evidence"]
    missing = [f"cites {k} which does not exist" for k in keys if k not in by_key]
    if missing:
        return missing
    cited = " ".join(by_key[k].text for k in keys)
    numbers, words = set(_numbers(cited)), {w.lower() for w in _words(cited)}
    faults = [f"number {n} not in cited sources" for n in _numbers(text) if n not in numbers]
    faults += [f"name {w} not in cited sources" for w in _names(text) if w.lower() not in words]
    support = _support(text, cited)
    if support < SUPPORT:
        faults.append(f"support {support:.2f} < {SUPPORT}")
    return faults


def _articles(keys: Sequence[str], by_key: Mapping[str, Evidence]) -> tuple[str, ...]:
    """The articles of the cited evidence, in citing order, each once."""
    return tuple(dict.fromkeys(a for k in keys for a in by_key[k].article_ids))


def _numbers(text: str) -> list[str]:
    """Numbers as written, without thousands separators or a sentence's closing stop."""
    return list(dict.fromkeys(n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text)))


def _words(text: str) -> list[str]:
    """Words, hyphenated ones split ("Kardova-based": "Kardova", "based"), possessives cut."""
    parts = (p for w in _WORD.findall(text) for p in w.split("-"))
    return [re.sub(r"['’]s?$", "", p) for p in parts if p]


def _names(text: str) -> list[str]:
    """Capitalised words after a sentence's first word, which may be capitalised anyway."""
    first, *rest = _WORD.findall(text) or [""]
    later = _words(" ".join(rest)) + _words(first)[1:]
    return list(dict.fromkeys(w for w in later if w[:1].isupper() and w != "I"))


def _support(text: str, cited: str) -> float:
    """The share of a sentence's content-word stems found in the cited sentences."""
    own = content(stems(text))
    return len(own & content(stems(cited))) / len(own) if own else 0.0
