"""Pages of the copy-lineage benchmark: invented outlets, their boilerplate, bylines and bios.

:mod:`storyline.evaluation.copybench` wraps every generated body in a whole page of one of
these outlets (navigation, "Most read"/"Related" lists with stamps and old dates, share
prompts, cookie text, copyright line), as a user's whole-page text dump would hold it. All
names are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

# --- invented outlets and their boilerplate -------------------------------------------
# Every outlet, name, headline and line of boilerplate below is made up for the benchmark.

AGENCY_NAMES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP"}
DATELINE_FORMS = {
    "AP": "{city} (AP) — ",
    "Reuters": "{city} (Reuters) - ",
    "AFP": "{city} (AFP) — ",
}
NEWS_OUTLETS = (
    "Harbor Daily", "The Lakeside Ledger", "Northgate Tribune", "Riverbend Courier",
    "The Meridian Post", "Summit Valley Times", "Eastbrook Gazette", "Pacific Crest Herald",
    "The Civic Observer", "Prairie Sentinel", "Coastline Chronicle", "Old Mill Register",
)  # fmt: skip
FARM_OUTLETS = ("NewsMint247", "TrendPulse Daily", "InfoWave Hub", "TopStoryZone", "BuzzDigest365")

_SECTIONS = tuple(
    "News World Politics Business Nation Local Opinion Sports Health Science Tech Arts Weather "
    "Obituaries".split()
)
_FIRST = tuple(
    "Maria James Priya Daniel Elena Marcus Hannah Omar Grace Tomas Aisha Peter Lucia Ben Nadia "
    "Victor Rosa Kevin".split()
)
_LAST = tuple(
    "Lopez Whitfield Nakamura Okafor Brennan Castellano Ivers Mehta Sorensen Duval Achterberg "
    "Quinlan Farrow Haddad Lindqvist".split()
)
_FARM_AUTHORS = ("Jake", "Mia", "Ryan", "Zoe", "Tyler", "Ava")
_FARM_BIOS = (
    "{name} is a passionate writer who loves tech, travel and lifestyle.",
    "{name} is a blogger and foodie who writes about gadgets, fashion and everything trending.",
    "{name} has been writing about crypto, fitness and pop culture since 2015.",
    "When {name} is not writing, you can find {name} hiking, gaming or trying new recipes.",
)
_OFF_TOPIC = (
    "10 Best Budget Air Fryers in {year}", "How to Fix Wi-Fi Dropping on Windows 11",
    "7 Morning Habits of Highly Successful People", "Top 5 Crypto Wallets Compared",
    "Best Travel Hacks for Summer {year}", "Why Everyone Is Talking About Cold Plunges",
    "The Ultimate Guide to Sourdough for Beginners", "12 Celebrity Homes You Have to See",
    "Is Intermittent Fasting Right for You?", "How to Make Money Online Without Investment",
)  # fmt: skip
_LOCAL_SUBJECTS = tuple(
    "City council|School board|County commission|Transit agency|Water utility|Zoning panel|"
    "Library board|Parks department|State legislature|Hospital board".split("|")
)
_LOCAL_VERBS = tuple(
    "approves|delays|weighs|rejects|unveils|debates|expands|trims|revisits|fast-tracks".split("|")
)
_LOCAL_OBJECTS = tuple(
    "new budget|bike lane plan|housing project|fee increase|park renovation|bus routes|"
    "school start times|parking rules|stormwater upgrade|downtown festival".split("|")
)
_NAV_FORMS = (
    "Home | {s0} | {s1} | {s2} | {s3} | {s4} | Subscribe",
    "Menu  Search  {s0}  {s1}  {s2}  {s3}  Sign in",
    "{s0} · {s1} · {s2} · {s3} · {s4} · {s5} · Newsletters",
)
_AP_MONTHS = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()
_DATE_FORMS = (
    "Published {month} {day}, {year} at {h12}:{mm} {ampm}",
    "{mon} {day}, {year} {h12}:{mm} {AMPM} ET",
    "{day} {month} {year} • {hh}:{mm}",
    "{weekday}, {month} {day}, {year}",
    "Posted {m2}/{d2}/{year}",
    "{year}-{m2}-{d2} {hh}:{mm}",
)
_AGO = ("{n} hours ago", "{n} days ago", "{n} weeks ago", "{n} months ago", "{n} years ago")


def person(rng: random.Random) -> str:
    """An invented full name."""
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def local_headline(rng: random.Random) -> str:
    """An invented local headline for "Most read" and "Related" lists."""
    return f"{rng.choice(_LOCAL_SUBJECTS)} {rng.choice(_LOCAL_VERBS)} {rng.choice(_LOCAL_OBJECTS)}"


def format_date(moment: datetime, form: int) -> str:
    """``moment`` printed in one of the outlets' date styles."""
    h12 = moment.hour % 12 or 12
    return _DATE_FORMS[form % len(_DATE_FORMS)].format(
        month=moment.strftime("%B"),
        mon=_AP_MONTHS[moment.month - 1],
        day=moment.day,
        year=moment.year,
        h12=h12,
        mm=f"{moment.minute:02d}",
        hh=f"{moment.hour:02d}",
        ampm="a.m." if moment.hour < 12 else "p.m.",
        AMPM="AM" if moment.hour < 12 else "PM",
        weekday=moment.strftime("%A"),
        m2=f"{moment.month:02d}",
        d2=f"{moment.day:02d}",
    )


def _style(outlet: str) -> int:
    """A stable small number per outlet (not ``hash``: that changes between runs)."""
    return sum(ord(c) for c in outlet)


def _nav(outlet: str) -> list[str]:
    style = _style(outlet)
    names = [_SECTIONS[(style + 3 * i) % len(_SECTIONS)] for i in range(6)]
    nav = _NAV_FORMS[style % len(_NAV_FORMS)].format(**{f"s{i}": n for i, n in enumerate(names)})
    return [outlet, nav]


def _most_read(rng: random.Random, heading: str) -> list[str]:
    items = [
        f"{i}. {local_headline(rng)} · {rng.choice(_AGO).format(n=rng.randint(2, 11))}"
        for i in range(1, rng.randint(4, 6))
    ]
    return [heading, *items]


def _related(rng: random.Random, moment: datetime) -> list[str]:
    """Related links with absolute dates up to four years back (decoys for page dates)."""
    lines = ["Related"]
    for _ in range(rng.randint(2, 4)):
        stamp = moment - timedelta(days=rng.randint(30, 1500))
        lines.append(f"{local_headline(rng)} — {stamp.strftime('%B %d, %Y')}")
    return lines


def _footer(outlet: str, year: int) -> list[str]:
    style = _style(outlet)
    share = ("Share this article: Facebook  X  Email  Copy link", "Share  Tweet  Email  Print")
    cookie = (
        f"We use cookies to improve your experience on {outlet}. By continuing you agree to "
        "our cookie policy.",
        "This site uses cookies for analytics and personalised content. Accept all | Manage",
    )
    return [
        share[style % 2],
        f"Get the {outlet.removeprefix('The ')} morning newsletter. Enter your email  Sign up",
        cookie[(style // 2) % 2],
        f"© {year} {outlet} Media Group. All rights reserved. Terms | Privacy | Contact",
    ]


@dataclass(frozen=True)
class PageParts:
    """What goes into one page besides the outlet's boilerplate."""

    outlet: str
    kind: str  # "news", "agency" or "farm"
    title: str
    body: str
    moment: datetime
    byline: str
    bio: str = ""


def render_page(parts: PageParts, rng: random.Random) -> str:
    """The whole page as a text dump: boilerplate around headline, date, byline and body."""
    if parts.kind == "farm":
        return _farm_page(parts, rng)
    style = _style(parts.outlet)
    head = [*_nav(parts.outlet), rng.choice(_SECTIONS)]
    article = [parts.title, format_date(parts.moment, style), parts.byline, *parts.body.split("\n")]
    if parts.bio:
        article.append(parts.bio)
    lists = _most_read(rng, "Most read" if style % 2 else "Trending now") + _related(
        rng, parts.moment
    )
    # Some layouts dump the sidebar before the article, as text extraction of real pages does.
    middle = lists + article if style % 3 == 0 else article + lists
    return "\n".join(
        [*head, *[line for line in middle if line], *_footer(parts.outlet, parts.moment.year)]
    )


def _farm_page(parts: PageParts, rng: random.Random) -> str:
    votes = (
        f"👍 {rng.randint(40, 900)}   👎 {rng.randint(2, 60)}",
        f"{rng.randint(40, 900)} likes · {rng.randint(3, 80)} comments",
    )
    related = [t.format(year=parts.moment.year) for t in rng.sample(_OFF_TOPIC, 4)]
    lines = [
        f"{parts.outlet} — Trending | Tech | Lifestyle | Money | Entertainment",
        parts.title,
        f"Posted by {parts.byline} on {format_date(parts.moment, 1 + _style(parts.outlet) % 5)}",
        *parts.body.split("\n"),
        rng.choice(votes),
        f"About the author: {parts.bio}",
        "Related Posts",
        *related,
        "Tags: news, trending, latest updates, viral",
        "This website uses cookies. OK",
        f"© {parts.moment.year} {parts.outlet} | Privacy Policy | DMCA | Contact Us",
    ]
    return "\n".join(lines)


def farm_bio(rng: random.Random) -> tuple[str, str]:
    """A content farm's (author, generic bio unrelated to any topic)."""
    name = rng.choice(_FARM_AUTHORS)
    return f"{name} {rng.choice(_LAST)}", rng.choice(_FARM_BIOS).format(name=name)


def staff_bio(name: str, outlet: str, rng: random.Random) -> str:
    """A news outlet's author line, related to the beat (a decoy for the farm-bio signal)."""
    return f"{name} covers {rng.choice(_SECTIONS).lower()} for {outlet}."
