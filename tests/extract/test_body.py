"""The HTML body extractor: combination rules, the readability flattening and bad input."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from storyline.extract.body import MAX_HTML_CHARS, HtmlBody, body_from_html
from storyline.extract.body_combine import SecondOpinion, combine, looks_like_prose, trim_edges
from storyline.extract.body_readability import readability_text, summary_text

ARTICLE = [
    "The harbour authority in Fennick said on Tuesday that the new breakwater would be finished "
    "before the winter storms arrive, according to its chief engineer.",
    "Work on the breakwater began in the spring and has employed about forty people from the "
    "town and the surrounding villages, the authority said.",
    "Fishermen said the new wall would make the harbour safer during easterly gales, which have "
    "damaged several boats in recent years.",
    "The council will hold a public meeting about the harbour fees next month, when residents "
    "can ask questions about the cost of the project and its maintenance.",
]
TWEET = "Great news for the harbour today, well done to all the crews #Fennick"
BIO = (
    "The Fennick Harbour Company is a regional operator of ports and marinas with offices in "
    "four towns and about two hundred employees."
)


def text(*paragraphs: str) -> str:
    return "\n".join(paragraphs)


# --- combination rules -------------------------------------------------------------------


def test_agreeing_extractions_trim_unsupported_edges() -> None:
    primary = text("Fennick breakwater news", *ARTICLE, BIO)
    assert combine(primary, text(*ARTICLE)) == text(*ARTICLE)


def test_unsupported_paragraph_inside_the_article_is_kept() -> None:
    # An embed (here a tweet) that the second extractor drops is article content.
    primary = text(ARTICLE[0], ARTICLE[1], TWEET, ARTICLE[2], ARTICLE[3])
    assert combine(primary, text(*ARTICLE)) == primary


def test_long_unsupported_lead_paragraph_is_kept() -> None:
    lead = "Fennick, Tuesday: " + ARTICLE[3]
    primary = text(lead.replace("council", "mayor"), *ARTICLE[:3])
    assert combine(primary, text(*ARTICLE[:3])) == primary


def test_disagreeing_extractions_keep_the_primary() -> None:
    other = text(*(p.replace("the", "a") for p in ARTICLE))
    primary = text("Headline", *ARTICLE)
    assert combine(primary, other) == primary


def test_trimming_never_removes_most_of_the_primary() -> None:
    primary = text(ARTICLE[0], BIO, BIO + " Again.", BIO + " Once more.")
    opinion = SecondOpinion(text(ARTICLE[0], BIO))
    assert trim_edges(primary, opinion) == primary


def test_much_longer_prose_second_opinion_replaces_a_truncated_primary() -> None:
    assert combine(ARTICLE[0], text(*ARTICLE)) == text(*ARTICLE)


def test_empty_primary_falls_back_to_prose_second_opinion() -> None:
    assert combine("", text(*ARTICLE)) == text(*ARTICLE)


def test_link_list_second_opinion_never_replaces() -> None:
    links = text(*(f"Story number {i} headline" for i in range(40)))
    assert not looks_like_prose(links)
    assert combine("", links) == ""
    assert combine(ARTICLE[0], links) == ARTICLE[0]


def test_empty_second_opinion_keeps_primary() -> None:
    assert combine(text(*ARTICLE), "") == text(*ARTICLE)


def test_short_paragraphs_are_matched_as_phrases() -> None:
    opinion = SecondOpinion("Related: Fennick news\n" + text(*ARTICLE))
    assert opinion.contains("Fennick news") == 1.0
    assert opinion.contains("Other news") == 0.0


# --- readability flattening --------------------------------------------------------------


def test_summary_text_puts_one_block_per_line() -> None:
    html = (
        "<div><h2>Sub  head</h2><p>One <b>bold</b> line</p><ul><li>a</li><li>b</li></ul>"
        "<p>Two<br>lines</p><table><tr><td>x</td><td>y</td></tr></table><!-- c -->tail</div>"
    )
    assert summary_text(html) == "Sub head\nOne bold line\na\nb\nTwo\nlines\nx y\ntail"


def test_summary_text_of_nothing_is_empty() -> None:
    assert summary_text("") == ""
    assert summary_text("   ") == ""


def page(body: str, title: str = "Fennick breakwater to be finished before winter") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def article_page() -> str:
    nav = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    footer = "<footer><p>Copyright The Fennick Courier. All rights reserved.</p></footer>"
    return page(f"{nav}</ul></nav><article><h1>Breakwater</h1>{paragraphs}</article>{footer}")


def test_readability_text_finds_the_article() -> None:
    found = readability_text(article_page())
    assert all(p in found for p in ARTICLE)
    assert "Copyright" not in found


def test_readability_text_on_a_parsed_tree_matches_and_leaves_it_intact() -> None:
    tree = lxml_html.document_fromstring(article_page())
    before = lxml_html.tostring(tree)
    assert readability_text(tree) == readability_text(article_page())
    assert lxml_html.tostring(tree) == before


# --- the extractor -----------------------------------------------------------------------


def test_body_from_html_extracts_article_and_metadata() -> None:
    body = body_from_html(article_page(), "https://courier.example/breakwater")
    assert body.text == text(*ARTICLE)
    assert body.found.get("title")  # the metadata stage reads trafilatura's guesses


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<!-- only a comment -->",
        "<html><frameset><frame src='a.html'></frameset></html>",
        page("<div>Log in</div><div>Menu</div>"),
        page("<ul>" + "".join(f"<li><a href='/a{i}'>Story {i}</a></li>" for i in range(200))),
    ],
    ids=["empty", "blank", "comment", "frameset", "no-article", "link-list"],
)
def test_pages_without_an_article_give_no_body(html: str) -> None:
    body = body_from_html(html, "https://courier.example/x")
    assert isinstance(body, HtmlBody)
    assert len(body.text.split()) < 5


def test_enormous_page_is_refused_quickly() -> None:
    html = page("<p>" + "word " * (MAX_HTML_CHARS // 5) + "</p>")
    assert body_from_html(html) == HtmlBody("")


@pytest.mark.parametrize(
    "noise",
    ["\udce9\udcc3", "\x00\x01\x0b", "Ã©Ã¨ naÃ¯ve"],
    ids=["lone-surrogates", "control-chars", "mojibake"],
)
def test_broken_encodings_do_not_raise(noise: str) -> None:
    html = article_page().replace("Tuesday", f"Tuesday {noise}")
    body = body_from_html(html, "https://courier.example/breakwater")
    assert ARTICLE[1] in body.text


def test_xml_declaration_in_a_string_is_handled() -> None:
    html = '<?xml version="1.0" encoding="ISO-8859-1"?>' + article_page()
    assert ARTICLE[0] in body_from_html(html).text
