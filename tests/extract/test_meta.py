"""Title, author and site name from HTML metadata, each rule on a small synthetic page."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from storyline.extract.dates import parse_html
from storyline.extract.meta import PageMeta, page_metadata
from storyline.extract.meta_datetext import date_near_headline, first_date
from storyline.extract.meta_names import clean_name, is_login, looks_like_name, names_in
from storyline.extract.meta_title import strip_site_name
from storyline.extract.meta_zone import local_zone, to_local

HEADLINE = "Harbour wall to be finished before the winter storms"


def meta_of(head: str = "", body: str = "", url: str | None = None) -> PageMeta:
    html = f"<html><head>{head}</head><body>{body}<p>Some article text.</p></body></html>"
    return page_metadata(parse_html(html), url)


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


# --- title -------------------------------------------------------------------------------


def test_site_suffix_named_by_og_site_name_is_stripped() -> None:
    found = meta_of(
        f'<title>{HEADLINE} | Fennick Courier</title><meta property="og:site_name" '
        'content="Fennick Courier">'
    ).title
    assert found is not None and found.value == HEADLINE
    assert found.evidence == "<title>"


def test_site_prefix_named_by_the_host_is_stripped() -> None:
    found = meta_of(f"<title>Courier – {HEADLINE}</title>", url="https://courier.example/a").title
    assert found is not None and found.value == HEADLINE


def test_suffix_is_what_title_adds_to_og_title() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}"><title>{HEADLINE} - Marsh Wire</title>'
    found = meta_of(head).title
    assert found is not None and found.value == HEADLINE
    assert "agreeing" in found.evidence and found.confidence > 0.8


def test_h1_that_matches_og_title_gives_the_wording() -> None:
    head = '<meta property="og:title" content="Harbour wall to be finished">'
    body = "<h1>Fennick Courier</h1><main><h1>Harbour wall to be finished before winter</h1></main>"
    found = meta_of(head, body, "https://fennick-courier.example/x").title
    assert found is not None and found.value == "Harbour wall to be finished before winter"
    assert found.evidence == "h1 matching og:title"


def test_kicker_in_the_h1_is_left_out() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    body = f'<h1><span class="kicker">Weather</span> <span class="headline">{HEADLINE}</span></h1>'
    found = meta_of(head, body).title
    assert found is not None and found.value == HEADLINE


def test_kicker_before_the_metadata_title() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    found = meta_of(head, f"<h1>Weather {HEADLINE}</h1>").title
    assert found is not None and found.value == HEADLINE
    assert "kicker" in found.evidence


def test_single_h1_beats_an_seo_title() -> None:
    head = '<meta property="og:title" content="Breakwater: what you need to know in 2025">'
    found = meta_of(head, f"<h1>{HEADLINE}</h1>").title
    assert found is not None and found.value == HEADLINE
    assert found.evidence == "single h1"


def test_navigation_h1s_are_ignored() -> None:
    body = f"<nav><h1>Menu</h1></nav><footer><h1>Contact</h1></footer><h2>{HEADLINE}</h2>"
    found = meta_of(f"<title>{HEADLINE} | Courier</title>", body).title
    assert found is not None and found.value == HEADLINE
    assert found.evidence == "h2 matching <title>"


def test_home_link_names_the_site() -> None:
    body = '<a href="/"><img src="logo.png" alt="Fennick Courier"></a>'
    found = meta_of(f"<title>{HEADLINE} · Fennick Courier</title>", body).title
    assert found is not None and found.value == HEADLINE


def test_json_ld_headline_counts_as_a_title() -> None:
    found = meta_of(ld(f'{{"@type": "NewsArticle", "headline": "{HEADLINE}"}}')).title
    assert found is not None and found.value == HEADLINE
    assert found.evidence == "JSON-LD headline"


def test_page_without_title() -> None:
    assert meta_of().title is None


def test_strip_site_name_keeps_titles_without_a_site_part() -> None:
    assert strip_site_name("Rates rise - again", set()) == "Rates rise - again"


# --- author ------------------------------------------------------------------------------


def test_json_ld_author_in_a_graph_by_reference() -> None:
    graph = (
        '{"@graph": [{"@type": "Article", "author": {"@id": "#p1"}},'
        ' {"@type": "Person", "@id": "#p1", "name": "Ada Finch"}]}'
    )
    found = meta_of(ld(graph)).author
    assert found is not None and found.value == "Ada Finch"
    assert found.evidence == "JSON-LD author"


def test_several_json_ld_authors_are_joined() -> None:
    data = '{"@type": "NewsArticle", "author": [{"name": "Ada Finch"}, {"name": "Rui Costa"}]}'
    found = meta_of(ld(data)).author
    assert found is not None and found.value == "Ada Finch; Rui Costa"


def test_several_authors_keep_the_byline_wording() -> None:
    data = '{"@type": "NewsArticle", "author": [{"name": "Ada Finch"}, {"name": "Rui Costa"}]}'
    found = meta_of(ld(data), "<p>Von Ada Finch und Rui Costa</p>").author
    assert found is not None and found.value == "Ada Finch und Rui Costa"


def test_meta_author_confirmed_by_json_ld() -> None:
    head = '<meta name="author" content="Ada Finch">' + ld(
        '{"@type": "BlogPosting", "author": "Ada Finch"}'
    )
    found = meta_of(head).author
    assert found is not None and found.confidence > 0.9 and "confirmed" in found.evidence


def test_site_name_as_author_gives_way_to_the_visible_byline() -> None:
    head = (
        '<meta name="author" content="Courier Sport">'
        '<meta property="og:site_name" content="Courier Sport">'
    )
    found = meta_of(head, '<div class="article-author">Von Jana Roth</div>').author
    assert found is not None and found.value == "Jana Roth"
    assert found.evidence.startswith("byline <div class=")


def test_links_are_not_authors() -> None:
    head = '<meta property="article:author" content="https://www.facebook.com/courier">'
    found = meta_of(head, '<span class="byline">By Mara Quist | May 3, 2025</span>').author
    assert found is not None and found.value == "Mara Quist"


def test_comment_authors_are_ignored() -> None:
    body = '<div class="comments"><div class="comment-author vcard">Troll sagt:</div></div>'
    assert meta_of("", body).author is None


def test_byline_cue_in_plain_text() -> None:
    found = meta_of("", "<p>Par Claire Dubois le 7 mai 2020</p>").author
    assert found is not None and found.value == "Claire Dubois"


def test_cue_followed_by_lower_case_words_is_not_a_byline() -> None:
    assert meta_of("", "<p>By the numbers: rates rose from 2 to 3 percent.</p>").author is None


def test_login_gives_way_to_a_visible_name() -> None:
    head = ld('{"@type": "Article", "author": {"name": "jana.roth"}}')
    found = meta_of(head, '<p class="author">Jana Roth</p>').author
    assert found is not None and found.value == "Jana Roth"


def test_login_is_kept_when_nothing_else_names_the_author() -> None:
    found = meta_of(ld('{"@type": "Article", "author": {"name": "jana.roth"}}')).author
    assert found is not None and found.value == "jana.roth"


def test_author_link_on_a_one_person_blog() -> None:
    body = '<a href="https://quist.example/author/mara/">Mara Quist</a>'
    found = meta_of('<meta property="og:site_name" content="Mara Quist">', body).author
    assert found is not None and found.value == "Mara Quist"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("By Rob Vance, CNN", "Rob Vance"),
        ("Von Jana Roth am 3. Mai 2024", "Jana Roth"),
        ("Posted on May 3, 2024 by Adi Brun", "Adi Brun"),
        ("Autor: Peter Lahn/SP-X", "Peter Lahn"),
        ("Autorin: Lea Brandt | 12.01.2022", "Lea Brandt"),
        ("Text von Maria Seiler Illustration von Tom Roost", "Maria Seiler"),
        ("Redaktion", "Redaktion"),
        ("Marianne1", "Marianne1"),
    ],
)
def test_clean_name(raw: str, name: str) -> None:
    assert clean_name(raw) == name


@pytest.mark.parametrize(
    "raw", ["admin", "Name *", "https://courier.example/a", "@courier", "By", "Foto: dpa"]
)
def test_clean_name_rejects(raw: str) -> None:
    assert clean_name(raw) is None


def test_lists_are_kept_only_when_asked() -> None:
    assert clean_name("Ada Finch, Rui Costa") == "Ada Finch"
    assert clean_name("Ada Finch, Rui Costa", keep_lists=True) == "Ada Finch, Rui Costa"


def test_login_and_name_shapes() -> None:
    assert is_login("jana.roth") and is_login("arianschlichenmayer") and not is_login("Jana Roth")
    assert looks_like_name("Ludwig van Beethoven") and not looks_like_name(
        "der linearen Wirtschaft"
    )


# --- site name ---------------------------------------------------------------------------


def test_sitename_from_og_and_from_publisher() -> None:
    og = meta_of('<meta property="og:site_name" content="Fennick Courier">').sitename
    assert og is not None and (og.value, og.evidence) == ("Fennick Courier", "og:site_name")
    data = '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Marsh Wire"}}'
    publisher = meta_of(ld(data)).sitename
    assert publisher is not None and publisher.value == "Marsh Wire"


# --- time zones and visible dates --------------------------------------------------------


def test_utc_timestamp_takes_the_offset_the_page_uses_elsewhere() -> None:
    html = '<meta property="article:modified_time" content="2022-11-08T09:00:00+01:00">'
    zone = local_zone(html, None, None)
    late = datetime(2022, 11, 6, 23, 0, tzinfo=UTC)
    assert to_local(late, zone).isoformat()[:10] == "2022-11-07"


def test_zone_from_the_domain_and_the_language() -> None:
    late = datetime(2022, 5, 4, 0, 44, tzinfo=UTC)
    brazil = local_zone("", "https://diario.example.br/a", None)
    assert to_local(late, brazil).isoformat()[:10] == "2022-05-03"
    assert local_zone("", "https://x.example.com/", "de-DE") is not None
    assert local_zone("", "https://x.example.com/", "en") is None


def test_only_utc_timestamps_move() -> None:
    zone = timezone(timedelta(hours=2))
    own = datetime(2022, 1, 1, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    midnight = datetime(2022, 1, 1, 0, 0, tzinfo=UTC)
    assert to_local(own, zone) is own and to_local(midnight, zone) is midnight
    assert to_local(date(2022, 1, 1), zone) == date(2022, 1, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Veröffentlicht am 21.01.2022, 14:00 Uhr", date(2022, 1, 21)),
        ("3. März 2020", date(2020, 3, 3)),
        ("le 7 mai 2020", date(2020, 5, 7)),
        ("5 de mayo de 2022", date(2022, 5, 5)),
        ("November 9th, 2023", date(2023, 11, 9)),
        ("2021-10-18", date(2021, 10, 18)),
        ("26/12/2019", date(2019, 12, 26)),
    ],
)
def test_first_date(text: str, day: date) -> None:
    found = first_date(text)
    assert found is not None and found[0] == day


def test_us_slash_dates_are_month_first() -> None:
    found = first_date("03/05/2022", month_first=True)
    assert found is not None and found[0] == date(2022, 3, 5)


def test_date_near_headline_skips_dates_in_paragraphs() -> None:
    body = (
        f"<h1>{HEADLINE}</h1><p>12.01.2022</p><p>{'Work began on 3 May 2021 and went on. ' * 3}</p>"
    )
    found = date_near_headline(parse_html(f"<html><body>{body}</body></html>"), HEADLINE)
    assert found is not None and found[0] == date(2022, 1, 12)
    long_only = f"<h1>{HEADLINE}</h1><p>{'Work began on 3 May 2021 and went on. ' * 3}</p>"
    assert date_near_headline(parse_html(f"<html><body>{long_only}</body></html>"), None) is None


def test_byline_in_the_articles_own_aside_but_not_in_a_sidebar() -> None:
    inside = '<article><aside class="meta"><p class="authors">Von Jana Roth</p></aside></article>'
    found = meta_of("", inside).author
    assert found is not None and found.value == "Jana Roth"
    sidebar = '<article><p>Text</p></article><aside><p class="author-name">Ada Finch</p></aside>'
    assert meta_of("", sidebar).author is None


def test_posted_in_a_category_by_an_author() -> None:
    found = meta_of("", "<div class='meta'>Posted in News by Jana Roth on May 3, 2019</div>").author
    assert found is not None and found.value == "Jana Roth"


def test_copyright_holder_of_a_personal_site() -> None:
    body = "<footer><p>© 2012 Jana Roth. All rights reserved.</p></footer>"
    found = meta_of("", body, "https://janaroth.example/post").author
    assert found is not None and (found.value, found.evidence) == (
        "Jana Roth",
        "copyright holder named like the site",
    )


def test_copyright_holder_who_is_a_person_on_any_site() -> None:
    body = "<footer><p>© 2012 Jana Roth. All rights reserved.</p></footer>"
    found = meta_of("", body, "https://courier.example/post").author
    assert found is not None and found.evidence == "copyright holder, a person"


@pytest.mark.parametrize(
    "notice",
    [
        "<p>© 2012 Courier Media Group</p>",  # an organisation
        "<p>© 2012 Hafen Courier</p>",  # the site's own name
        "<p>Foto © Jana Roth</p>",  # a photo credit
        "<figure><figcaption>© Jana Roth</figcaption></figure>",
        "<p>© Jana Roth</p><footer><p>© 2012 Courier</p></footer>",  # not the last notice
    ],
)
def test_copyright_holder_who_is_no_author(notice: str) -> None:
    head = '<meta property="og:site_name" content="Hafen Courier">'
    assert meta_of(head, notice, "https://courier.example/post").author is None


@pytest.mark.parametrize(
    "body",
    [
        "<p><strong>Text:</strong> Jana Roth</p>",
        "<h4>Autor</h4><p><a href='/x'>Jana Roth</a></p>",
        "<p><b>Von:</b><br><br>Jana Roth</p>",
    ],
)
def test_name_after_a_cue_in_its_own_element(body: str) -> None:
    found = meta_of("", body).author
    assert found is not None and found.value == "Jana Roth"


def test_a_lone_word_is_no_cue_without_its_colon() -> None:
    assert meta_of("", "<h4>Text</h4><p>Jana Roth</p>").author is None


def test_dated_line_with_a_name() -> None:
    found = meta_of("", "<h1>Brücke</h1><p>11.12.2019 - Jana Roth</p>").author
    assert found is not None and found.value == "Jana Roth"
    assert meta_of("", "<p>11.12.2019 - Neue Brücke eröffnet heute</p>").author is None


def test_link_to_a_profile_named_by_its_slug() -> None:
    body = "<p><a href='/de/menschen/jana-roth'>Jana Roth</a></p>"
    found = meta_of("", body).author
    assert found is not None and found.value == "Jana Roth"
    article = "<p><a href='/news/neue-bruecke'>Neue Brücke</a></p>"
    assert meta_of("", article).author is None


def test_structured_first_name_is_completed_from_the_page() -> None:
    head = ld('{"@type": "BlogPosting", "author": {"name": "Mara"}}')
    found = meta_of(head, "<p class='x'>Mara Quist</p>").author
    assert found is not None and found.value == "Mara Quist"


def test_dash_before_a_byline_cue() -> None:
    found = meta_of("", "<div>05.02.2020 <span>- Redaktion: Jana Roth (Sprecherin)</span></div>")
    assert found.author is not None and found.author.value == "Jana Roth"


def test_registered_association_at_the_end_is_no_person() -> None:
    head = '<meta name="author" content="Bund der Hafenfreunde e.V.">'
    found = meta_of(head, "<h5><em>Von Jana Roth</em></h5>").author
    assert found is not None and found.value == "Jana Roth"


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Courier-Online-Experte Jana Roth", "Jana Roth"),
        ("Von Redakteurin Jana Roth", "Jana Roth"),
        ("Jana Roth Herausgeberin", "Jana Roth"),
        ("Posted by Jana Roth under News", "Jana Roth"),
        ("Gepostet von Jana Roth", "Jana Roth"),
    ],
)
def test_roles_and_cues_around_the_name_are_cut(byline: str, name: str) -> None:
    assert clean_name(byline) == name


@pytest.mark.parametrize(
    "byline", ["About the Author", "AUTOR/IN", "Publicado", "Getty Images/Roth"]
)
def test_labels_and_image_credits_are_no_names(byline: str) -> None:
    assert clean_name(byline) is None


def test_section_label_before_a_capitalised_cue() -> None:
    assert names_in("Kultur Von Jana Roth") == "Jana Roth"
    assert names_in("By Ursula Von der Leyen") == "Ursula Von der Leyen"


def test_interview_names_guest_and_interviewer() -> None:
    assert names_in("Jana Roth im Gespräch mit Ada Finch") == "Jana Roth; Ada Finch"


def test_byline_cue_in_a_script_without_case() -> None:
    body = "<div><span><a href='/fix'>纠错</a> 责任编辑： 王明</span></div>"
    found = meta_of("", body).author
    assert found is not None and found.value == "王明"


def test_handle_after_posted_by() -> None:
    found = meta_of("", "<div class='meta'>Posted in News by jroth on May 3, 2019</div>").author
    assert found is not None and found.value == "jroth"


def test_inner_marked_name_beats_its_wordier_container() -> None:
    body = '<div class="post-author"><a class="author-name">Jana</a> hafenblog</div>'
    found = meta_of("", body).author
    assert found is not None and found.value == "Jana"


def test_cue_only_marked_element_reads_its_parent() -> None:
    body = '<ul><li class="author-title">Artikel von:</li><li class="author">Jana Roth</li></ul>'
    found = meta_of("", body).author
    assert found is not None and found.value == "Jana Roth"


def test_lower_case_structured_value_is_no_person() -> None:
    head = '<meta name="author" content="deinen Hafenbloggern">'
    found = meta_of(head, "<p><em>Autor: Jana Roth (Gastbeitrag)</em></p>").author
    assert found is not None and found.value == "Jana Roth"


def test_other_source_naming_more_authors() -> None:
    head = ld('{"@type": "Article", "author": {"name": "Ada Finch"}}')
    meta = '<meta name="author" content="Ada Finch,Rui Costa">'
    found = meta_of(head + meta).author
    assert found is not None and found.value == "Ada Finch, Rui Costa"
    body = '<span class="author">von Ada Finch, Rui Costa</span>'
    found = meta_of(head, body).author
    assert found is not None and found.value == "Ada Finch, Rui Costa"


def test_first_name_completed_from_the_opening_of_a_bio() -> None:
    head = ld('{"@type": "BlogPosting", "author": {"name": "Mara"}}')
    bio = "Mara Quist - Ingenieurin und Bergsteigerin, seit 2002 auf dem Rad, schreibt über Touren."
    found = meta_of(head, f"<div class='bio'>{bio}</div>").author
    assert found is not None and found.value == "Mara Quist"


LONG = "Der Hafen bekommt eine neue Mauer, die den Winterstürmen standhalten soll. " * 4


def test_name_signed_under_the_text() -> None:
    found = meta_of("", f"<div><p>{LONG}</p><p><b><i>Jana Roth</i></b></p></div>").author
    assert found is not None and found.value == "Jana Roth"


def test_bold_subheading_is_no_signature() -> None:
    body = f"<div><p>{LONG}</p><p><b>Neue Mauer</b></p><p>{LONG}</p></div>"
    assert meta_of("", body).author is None


def test_login_as_the_page_spells_the_name() -> None:
    head = ld('{"@type": "Article", "author": {"name": "jana.roth"}}')
    found = meta_of(head, f"<p>{LONG} (Jana M. Roth)</p>").author
    assert found is not None and found.value == "Jana M. Roth"


def test_written_by_pair_of_twitter_card_data() -> None:
    head = (
        '<meta name="twitter:label1" content="Verfasst von">'
        '<meta name="twitter:data1" content="Jana Roth">'
    )
    found = meta_of(head).author
    assert found is not None and found.value == "Jana Roth"
    reading = head.replace("Verfasst von", "Geschätzte Lesezeit").replace("Jana Roth", "4 Minuten")
    assert meta_of(reading).author is None


def test_scholarly_citation_authors_are_joined() -> None:
    head = "".join(
        f'<meta name="citation_author" content="{n}">' for n in ("Ada Finch", "Rui Costa")
    )
    found = meta_of(head).author
    assert found is not None and found.value == "Ada Finch; Rui Costa"


def test_author_of_another_creative_work_but_not_of_a_photo() -> None:
    howto = ld('{"@type": "HowTo", "author": {"@type": "Person", "name": "Jana Roth"}}')
    found = meta_of(howto).author
    assert found is not None and found.value == "Jana Roth"
    photo = ld('{"@type": "ImageObject", "author": "Ada Finch"}')
    assert meta_of(photo).author is None


def test_cue_line_inside_a_block_of_line_breaks() -> None:
    body = f"<div>{LONG}<br><br>Autor: <a href='/anwalt/'>Rechtsanwalt</a> Jana Roth</div>"
    found = meta_of("", body).author
    assert found is not None and found.value == "Jana Roth"


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Submitted by Jana Roth on Tue, 05/03/2019", "Jana Roth"),
        ("Escrito por Jana Roth", "Jana Roth"),
        ("Jana Roth Jana Roth", "Jana Roth"),
        ("Jana Roth, Courier News, Berlin", "Jana Roth"),
        ("Jana Roth; Illustration: Ada Finch", "Jana Roth"),
        ("© Jana Roth", "Jana Roth"),
        ("作者： 记者王明", "王明"),
        ("R. R.", "R. R."),
    ],
)
def test_more_byline_shapes(byline: str, name: str) -> None:
    assert names_in(byline) == name


@pytest.mark.parametrize("value", ["publisher", "Super User", "3 de Mayo de", "Jetzt wagen!"])
def test_more_values_that_are_no_names(value: str) -> None:
    assert clean_name(value) is None


def test_press_contact_of_a_release_without_byline() -> None:
    body = f"<p>{LONG}</p><p><strong>Pressekontakt</strong><br>Dr. Jana Roth<br>Tel. 0211 1</p>"
    found = meta_of("", body).author
    assert found is not None and found.value == "Dr. Jana Roth"
    shop = f"<p>{LONG}</p><p><strong>Kontakt</strong><br>Hafen Laden<br>Tel. 0211 1</p>"
    assert meta_of("", shop).author is None


def test_json_ld_person_by_given_and_family_name() -> None:
    person = '{"@type": "Person", "givenName": "Jana", "familyName": "Roth"}'
    data = f'{{"@type": "Article", "author": {person}}}'
    found = meta_of(ld(data)).author
    assert found is not None and found.value == "Jana Roth"
