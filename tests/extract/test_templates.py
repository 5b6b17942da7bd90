"""Outlet templates learnt across pages of one site."""

from __future__ import annotations

from dataclasses import replace

from storyline.extract.templates import SiteTemplates, normalize_line, site_key
from storyline.extract.text import clean_dump, default_model

MENU = ["Home", "World", "Business", "Subscribe today for full access"]
FOOTER = ["Quayside Data supplies our market figures", "© 2025 The Fennick Courier"]


def page(*body: str) -> list[str]:
    return [*MENU, *body, *FOOTER]


def test_lines_on_two_pages_of_a_site_are_template() -> None:
    templates = SiteTemplates().fit(
        [("courier.example", page("Ferry back.")), ("courier.example", page("Bridge shut."))]
    )
    assert templates.pages("courier.example") == 2
    assert templates.boilerplate("courier.example", "HOME ")
    assert templates.boilerplate("courier.example", FOOTER[0])
    assert not templates.boilerplate("courier.example", "Ferry back.")
    assert not templates.boilerplate("other.example", "Home")
    assert not templates.boilerplate(None, "Home")


def test_without_forgets_one_page() -> None:
    first, second = page("Ferry back."), page("Bridge shut.")
    templates = SiteTemplates().fit([("s", first), ("s", second)])
    alone = templates.without("s", second)
    assert alone.pages("s") == 1
    assert not alone.boilerplate("s", "Home")
    assert templates.boilerplate("s", "Home")  # the original is unchanged


def test_for_site_lists_normalised_lines() -> None:
    templates = SiteTemplates(min_pages=1).fit([("s", ["  Home  Page ", "Story"])])
    assert templates.for_site("s") == {"home page", "story"}
    assert templates.for_site("unknown") == frozenset()
    assert normalize_line(" A  B ") == "a b"


def test_site_key_prefers_the_host_then_the_copyright_line() -> None:
    assert site_key("https://www.courier.example/a/b") == "courier.example"
    key = site_key(None, ["Masthead", "Text", "© 2024 The Courier"])
    assert key == site_key(None, ["Other", "© 2025 The Courier"])
    assert site_key(None, ["The Courier", "Text"]) == "masthead:the courier"
    assert site_key(None, []) is None


def test_template_lines_leave_the_body() -> None:
    prose = (
        "The ferry between Oldmarsh and Fennick resumed service on Monday after three weeks "
        "of repairs to its landing stage, which was damaged by the floods in February."
    )
    promo = (
        "Our journalism is paid for by readers like you, and every subscription helps us to "
        "report on the county's councils, courts and schools for another year."
    )
    text = "\n".join(page(prose, promo))
    template = SiteTemplates(min_pages=1).fit([("s", page(promo))]).for_site("s")
    model = default_model()
    assert model is not None
    strict = replace(model, decode=model.decode | {"template": 20.0})
    with_template = clean_dump(text, template=template, model=strict).text
    assert prose in with_template and promo not in with_template
    assert prose in clean_dump(text, model=strict).text  # no template: nothing is forced out
