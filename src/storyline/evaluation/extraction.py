"""Body-extraction benchmark: Storyline next to the extractors it builds on.

Scores the article-extraction benchmark pages (see ``extraction/README.md`` in the data
folder) with the benchmark's own shingle metric, on the held-out TEST split of sites and on
all pages, in two input modes:

* **HTML**: ours (:func:`storyline.extract.body.body_from_html`) vs trafilatura with
  ``favor_precision`` vs readability-lxml;
* **text** (the page's ``text_dump``): ours (:func:`storyline.extract.text.clean_dump`) vs
  the whole dump vs jusText run on the lines (each wrapped as ``<p>``, English stoplist).

Every function returns plain dicts for ``make bench`` to print.
"""

from __future__ import annotations

import html as html_lib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline.evaluation.datasets import load_extraction_pages
from storyline.evaluation.metrics import corpus_shingle_prf
from storyline.evaluation.splits import split_of

Extractor = Callable[[dict[str, Any]], str]
#: Pages run through every extractor before timing, so imports and caches are not timed.
WARMUP_PAGES = 3


def ours_html(page: dict[str, Any]) -> str:
    """Our HTML mode as ingest runs it: the body plus our title/date/author metadata."""
    from storyline.extract.html import extract_html

    return extract_html(page["html"], page.get("url")).text


def ours_html_body_only(page: dict[str, Any]) -> str:
    """Storyline's HTML body extractor without trafilatura's metadata (the same text)."""
    from storyline.extract.body import body_from_html

    return body_from_html(page["html"], page.get("url"), metadata=False).text


def trafilatura_html(page: dict[str, Any]) -> str:
    """trafilatura alone, ``favor_precision=True`` (the README's reference settings)."""
    import trafilatura

    text = trafilatura.extract(
        page["html"], url=page.get("url"), favor_precision=True, include_comments=False
    )
    return text or ""


def trafilatura_with_metadata(page: dict[str, Any]) -> str:
    """trafilatura as Storyline used it alone: ``bare_extraction`` with metadata, precision."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        page["html"], url=page.get("url"), with_metadata=True, favor_precision=True
    )
    if doc is None:
        return ""
    found = doc if isinstance(doc, dict) else doc.as_dict()
    return str(found.get("text") or "")


def readability_html(page: dict[str, Any]) -> str:
    """readability-lxml's summary, flattened to one paragraph per block."""
    from readability import Document

    from storyline.extract.body_readability import summary_text

    try:
        return summary_text(Document(page["html"]).summary(html_partial=True))
    except Exception:  # readability raises on pages without a candidate
        return ""


def ours_text(page: dict[str, Any]) -> str:
    """Storyline's text-mode cleaner on the page's text dump."""
    from storyline.extract.text import clean_dump

    return clean_dump(page["text_dump"]).text


def whole_dump(page: dict[str, Any]) -> str:
    """The whole text dump (the floor: everything kept)."""
    return str(page["text_dump"])


def justext_lines(page: dict[str, Any]) -> str:
    """jusText with default settings on the dump's lines, each wrapped as ``<p>``."""
    import justext

    lines = page["text_dump"].split("\n")
    markup = "<html><body>" + "".join(f"<p>{html_lib.escape(x)}</p>" for x in lines)
    paragraphs = justext.justext(markup + "</body></html>", justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


TRAFILATURA = "trafilatura (favor_precision)"
HTML_SYSTEMS: dict[str, Extractor] = {
    "ours (body + metadata)": ours_html,
    "ours (body only)": ours_html_body_only,
    TRAFILATURA: trafilatura_html,
    "trafilatura + metadata": trafilatura_with_metadata,
    "readability-lxml": readability_html,
}
TEXT_SYSTEMS: dict[str, Extractor] = {
    "ours (clean_dump)": ours_text,
    "whole dump": whole_dump,
    "justext on lines": justext_lines,
}


def run_systems(
    systems: dict[str, Extractor], pages: Sequence[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Scores and ms/page of each system on ``pages``: ``{system: scores}``.

    The systems take turns page by page and are timed in CPU time of this process, so other
    work on the machine neither counts nor skews the speed ratios; each first runs on a few
    pages untimed (imports, caches).

    Args:
        systems: Extractors by display name.
        pages: Benchmark pages (``html``, ``text_dump``, ``truth_body``, ``url``).
    """
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    for extract in systems.values():
        for page in pages[:WARMUP_PAGES]:
            extract(page)
    for page in pages:
        for name, extract in systems.items():
            start = time.process_time()
            outputs[name].append(extract(page))
            seconds[name] += time.process_time() - start
    per_page = 1000 / max(len(pages), 1)
    return {
        name: score_outputs(outputs[name], pages) | {"ms_per_page": seconds[name] * per_page}
        for name in systems
    }


def score_outputs(outputs: Sequence[str], pages: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Shingle P/R/F1, token accuracy and empty outputs of ``outputs`` against the truth."""
    from storyline.extract.body_combine import tokens

    truths = [page["truth_body"] for page in pages]
    prf = corpus_shingle_prf(list(zip(outputs, truths, strict=True)))
    exact = sum(tokens(out) == tokens(truth) for out, truth in zip(outputs, truths, strict=True))
    return {
        "pages": len(pages),
        "precision": prf.precision,
        "recall": prf.recall,
        "f1": prf.f1,
        "accuracy": exact / len(pages) if pages else 0.0,
        "empty": sum(not tokens(out) for out in outputs),
    }


def benchmark(
    systems: dict[str, Extractor], pages: Sequence[dict[str, Any]] | None = None
) -> dict[str, dict[str, dict[str, Any]]]:
    """Score each system on the TEST split and on all pages: ``{subset: {system: scores}}``.

    Args:
        systems: Extractors by display name.
        pages: Benchmark pages; loaded from the data folder when omitted.
    """
    pages = list(pages) if pages is not None else load_extraction_pages()
    subsets = {"test": [p for p in pages if split_of(p["url"]) == "test"], "all": pages}
    return {name: run_systems(systems, subset) for name, subset in subsets.items()}


def with_speed_ratio(
    results: dict[str, dict[str, dict[str, Any]]], reference: str, key: str
) -> dict[str, dict[str, dict[str, Any]]]:
    """Add ``key`` to every system's scores: its ms/page as a multiple of ``reference``'s."""
    for systems in results.values():
        base = systems[reference]["ms_per_page"] or 1.0
        for scores in systems.values():
            scores[key] = scores["ms_per_page"] / base
    return results


def html_benchmark(root: Path | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """HTML mode: ours vs trafilatura (favor_precision) vs readability-lxml.

    Each system's speed is also given relative to trafilatura (``x_trafilatura``).
    """
    results = benchmark(HTML_SYSTEMS, load_extraction_pages(root))
    return with_speed_ratio(results, TRAFILATURA, "x_trafilatura")


def text_benchmark(root: Path | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """Text mode (``text_dump``): ours vs the whole dump vs jusText on lines."""
    return benchmark(TEXT_SYSTEMS, load_extraction_pages(root))
