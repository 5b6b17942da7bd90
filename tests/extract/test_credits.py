import pytest
from lxml import html as lxml_html

from storyline.extract.credits import (
    agency_name,
    find_contributors,
    find_disclosures,
    html_page_lines,
)


@pytest.mark.parametrize(
    ("first_paragraph", "agency"),
    [
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "Associated Press"),
        ("LONDON (Reuters) - Shares fell sharply.", "Reuters"),
        ("PARIS, France (AFP) – Le gouvernement a annoncé.", "AFP"),
        ("BERLIN (dpa) - Die Regierung hat beschlossen.", "dpa"),
        ("BRASK, Ostrelia (MP) — Ostrelia's defence ministry said.", "MP"),
    ],
)
def test_datelines_credit_their_agency(first_paragraph: str, agency: str) -> None:
    (found,) = find_contributors(first_paragraph + "\nMore text.", [])
    assert (found.name, found.kind) == (agency, "agency")
    assert found.evidence.endswith(("—", "-", "–"))


def test_a_sentence_in_brackets_is_not_a_dateline() -> None:
    assert find_contributors("The mayor (right) said the plan was final.", []) == []


def test_credit_lines_and_contributor_notes() -> None:
    lines = [
        "— Meridian Press",
        "Source: AFP",
        "© 2025 Reuters",
        "The Associated Press contributed to this report.",
        "Jane Doe and John Roe contributed reporting.",
        "Reporting by Ana Li; Editing by Tom Ek",
    ]
    found = {(c.name, c.kind) for c in find_contributors("Body.", lines)}
    assert found == {
        ("Meridian Press", "agency"),
        ("AFP", "agency"),
        ("Reuters", "agency"),
        ("Associated Press", "agency"),
        ("Jane Doe", "person"),
        ("John Roe", "person"),
        ("Ana Li", "person"),
    }  # editors are not contributors


def test_agency_names_are_canonical() -> None:
    assert agency_name("ap") == "Associated Press"
    assert agency_name("The Associated Press") == "Associated Press"
    assert agency_name("Meridian Press") == "Meridian Press"


def test_ai_and_sponsored_disclosures_are_quoted() -> None:
    lines = [
        "Share this article",
        "This article was generated with the help of an automated content generation system "
        "and reviewed by our editors.",
        "Sponsored content by Acme Bank",
    ]
    kinds = {d.kind: d.evidence for d in find_disclosures(lines)}
    assert kinds["ai_generated"].startswith("This article was generated")
    assert kinds["sponsored"] == "Sponsored content by Acme Bank"


@pytest.mark.parametrize(
    "line",
    [
        "The artificial intelligence race heats up as firms compete for chips.",
        "Engineers said the automated system failed during the storm.",
        "Researchers produced a report on the housing market.",
    ],
)
def test_news_about_ai_is_not_a_disclosure(line: str) -> None:
    assert find_disclosures([line]) == []


def test_html_page_lines_keep_footers_and_drop_scripts() -> None:
    tree = lxml_html.document_fromstring(
        "<html><body><p>First para.</p><script>var x = 1;</script>"
        "<footer><small>Produced with the help of GPT-4.</small></footer></body></html>"
    )
    lines = html_page_lines(tree)
    assert lines == ["First para.", "Produced with the help of GPT-4."]
    assert find_disclosures(lines)[0].kind == "ai_generated"


def test_an_unknown_dateline_abbreviation_takes_the_spelled_out_name_on_the_page() -> None:
    found = find_contributors("BRASK (MP) — Text.", ["— Meridian Press"])
    assert [(c.name, c.evidence) for c in found] == [("Meridian Press", "BRASK (MP) —")]


def test_disclosure_search_stays_linear_on_long_lines() -> None:
    import time

    lines = ["word " * 119 + "end"] * 200  # 600-character lines with no telling phrase
    started = time.perf_counter()
    assert find_disclosures(lines) == []
    assert time.perf_counter() - started < 0.2
