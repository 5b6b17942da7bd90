"""The publisher's local time zone, so a UTC timestamp gives the date the page shows.

CMSs often store ``2022-11-06T23:00:00Z`` for an article a Berlin newsroom dated 7 November;
the publication *date* is the local one. The zone comes from the page's own evidence first
(other timestamps on the page written with an offset), then from the country-code domain,
then from the page language's region; a bare ``en`` page on ``.com`` stays in UTC because
it could be anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from storyline.extract.meta import host_of

_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?([+-])(\d{2}):?(\d{2})\b")
_EUROPE = "Europe/Berlin"
_BY_TLD = {
    **dict.fromkeys(
        "de at ch it fr es nl be lu pl cz sk hu dk no se si hr rs ba me mk al eu".split(),
        _EUROPE,
    ),
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "pt": "Europe/Lisbon",
    "fi": "Europe/Helsinki",
    "gr": "Europe/Athens",
    "ro": "Europe/Bucharest",
    "ru": "Europe/Moscow",
    "ar": "America/Argentina/Buenos_Aires",
    "uy": "America/Montevideo",
    "br": "America/Sao_Paulo",
    "cl": "America/Santiago",
    "co": "America/Bogota",
    "pe": "America/Lima",
    "mx": "America/Mexico_City",
    "ve": "America/Caracas",
    "bo": "America/La_Paz",
    "ec": "America/Guayaquil",
    "cw": "America/Curacao",
    "us": "America/New_York",
    "ca": "America/Toronto",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "cn": "Asia/Shanghai",
    "in": "Asia/Kolkata",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
}
_BY_LANG = {
    **dict.fromkeys("de fr it nl pl cs sk hu da sv nb no sl hr".split(), _EUROPE),
    "fi": "Europe/Helsinki",
    "zh": "Asia/Shanghai",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    "bn": "Asia/Dhaka",
}


def local_zone(html: str, url: str | None, lang: str | None) -> tzinfo | None:
    """The publisher's zone: the page's own offsets, else domain, else language; or None.

    Args:
        html: The page source (scanned for ISO timestamps with a UTC offset).
        url: The page URL.
        lang: The ``<html lang>`` value, e.g. ``"de-AT"``.
    """
    offsets = Counter(
        (sign, hours, minutes)
        for sign, hours, minutes in _OFFSET.findall(html[:400_000])
        if (hours, minutes) != ("00", "00")
    )
    if offsets:
        (sign, hours, minutes), _count = offsets.most_common(1)[0]
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(delta if sign == "+" else -delta)
    host = host_of(url) or ""
    tld = host.rsplit(".", 1)[-1]
    if tld in _BY_TLD:
        return ZoneInfo(_BY_TLD[tld])
    primary, _sep, region = (lang or "").lower().replace("_", "-").partition("-")
    if region in _BY_TLD:
        return ZoneInfo(_BY_TLD[region])
    if primary in _BY_LANG:
        return ZoneInfo(_BY_LANG[primary])
    return None


def to_local(value: date, zone: tzinfo | None) -> date:
    """A UTC timestamp shown in the publisher's zone; anything else unchanged.

    Only UTC values move: a timestamp written with its own offset already is local time.

    Args:
        value: A parsed date or timestamp.
        zone: The publisher's zone from :func:`local_zone`, if known.
    """
    if not isinstance(value, datetime) or value.tzinfo is None or zone is None:
        return value
    if value.utcoffset() != timedelta(0):
        return value
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value  # midnight UTC is how many CMSs store a bare date
    return value.astimezone(zone)
