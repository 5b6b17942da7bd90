"""Content-farm signals in a page: traits of pages that republish others' stories for clicks.

No library recognises these; they are conventions of such pages, so they are matched here
with patterns, and each finding quotes the line it came from. One trait alone is common on
honest sites (a like button, a "Related" box), so a page is flagged only when it shows two
different traits (see :func:`farm_signals`).

* ``engagement counters``: like/vote counts and prompts ("👍 124 likes", "Did you like
  this article?");
* ``generic author bio``: an author blurb about lifestyle interests, not a beat ("Jake is a
  passionate writer who loves tech, travel and lifestyle");
* ``off-topic link list``: a "Related"/"Trending" list whose items share no word with the
  article (listicles and clickbait next to a news story).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# A counter is a short line of its own ("👍 124 likes", "163 likes · 19 comments"), not a
# headline that happens to hold "2020 Vote".
_COUNTER = re.compile(
    r"^\W{0,3}(?:(?:👍|👎|❤️?|♥|★)\s*\d|\d[\d,.]*k?\s*(?:likes?|upvotes?|votes?|claps?|reactions?)\b)"
    r"|^\W{0,3}(?:did you (?:like|enjoy) this (?:article|post|story)|rate this (?:article|post)|"
    r"was this (?:article|post) helpful)\b",
    re.IGNORECASE,
)
COUNTER_LINE = 60
_LIFESTYLE = (
    r"tech|technology|travel|lifestyle|food|foodie|fashion|gadgets?|fitness|cooking|recipes|"
    r"hiking|gaming|crypto|wellness|beauty|coffee|pets|gardening|movies|music|yoga|trending"
)
# A blurb about the writer's hobbies, not a beat: "Jake is a passionate writer who loves
# tech, travel and lifestyle", "When Mia is not writing, you can find her hiking".
_BIO = re.compile(
    rf"\b(?:is an? (?:passionate|avid|enthusiastic|self-proclaimed|lifelong)\b[^.]{{0,40}}"
    rf"\b(?:writer|blogger|author|content creator|foodie)|is an? (?:blogger|foodie)\b|"
    rf"(?:loves|passionate about|enjoys|writes about)\b[^.]{{0,30}}\b(?:{_LIFESTYLE})\b|"
    rf"when [A-Z]?\w+\s+(?:is|are)(?:n[’']?t| not)\s+writing)",
    re.IGNORECASE,
)
_LIST_HEAD = re.compile(
    r"^(?:related(?: posts| stories| articles)?|you (?:may|might) (?:also )?like|"
    r"recommended(?: for you)?|more (?:stories|from \w+|local news|news)|trending(?: now)?|"
    r"most (?:read|popular)|popular posts|read (?:more|next))\s*:?$",
    re.IGNORECASE,
)
_STAMP = re.compile(r"\s*[—–-]\s*\d+\s+\w+\s+ago\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
MIN_SIGNALS = 2
MIN_LIST_ITEMS = 3
#: Share of a link list's items that must share no word with the article (one item may
#: share an incidental word such as "money" or "year").
OFF_TOPIC_SHARE = 0.75


def _words(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS}


def _first(pattern: re.Pattern[str], lines: Sequence[str]) -> str | None:
    return next((line for line in lines if len(line) < 400 and pattern.search(line)), None)


def off_topic_list(lines: Sequence[str], article: str) -> str | None:
    """The heading and first items of a link list whose items (at least
    :data:`OFF_TOPIC_SHARE` of them) share no word with the article."""
    vocabulary = _words(article)
    for start, line in enumerate(lines):
        if not _LIST_HEAD.match(line.strip()):
            continue
        items = []
        for item in lines[start + 1 : start + 11]:
            words = item.split()
            if not 2 <= len(words) <= 16 or item.rstrip().endswith("."):
                break
            items.append(_STAMP.sub("", item))
        apart = sum(1 for item in items if not _words(item) & vocabulary)
        if len(items) >= MIN_LIST_ITEMS and apart >= OFF_TOPIC_SHARE * len(items):
            return f"{line.strip()}: {'; '.join(items[:3])}"
    return None


def farm_signals(page_lines: Sequence[str], body: str, title: str = "") -> list[str]:
    """Evidence of content-farm traits in a page; empty unless two different traits show.

    Args:
        page_lines: Every line of the page, boilerplate included.
        body: The extracted article text.
        title: The article's headline.
    """
    found = []
    counter = _first(_COUNTER, [line for line in page_lines if len(line) <= COUNTER_LINE])
    if counter:
        found.append(f"engagement counters: “{counter.strip()}”")
    bio = _first(_BIO, page_lines)
    if bio and bio not in body:
        found.append(f"generic author bio: “{bio.strip()[:160]}”")
    listing = off_topic_list(page_lines, f"{title}\n{body}")
    if listing:
        found.append(f"off-topic link list: “{listing[:200]}”")
    return found if len(found) >= MIN_SIGNALS else []
