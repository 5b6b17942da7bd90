from storyline.provenance.rewrites import (
    Alignment,
    RewriteDetector,
    RewriteItem,
    align,
    content_tokens,
    sentence_similarity,
    sentences,
)

SOURCE = (
    "The state filed a $180 million lawsuit against Alden Water Works on Thursday. "
    "Attorney General Mara Quist said the utility ignored lead warnings for three years. "
    "Testing in October found lead above 15 parts per billion in 40 homes. "
    "Mayor Dana Okafor declared a local state of emergency in October. "
    "The company said it would contest the claims in court."
)
REWRITE = (
    "Alden Water Works now faces a $180 million suit brought by the state, filed Thursday. "
    "The utility disregarded lead warnings for three years, "
    "according to Attorney General Mara Quist. "
    "In October, tests detected lead over 15 parts per billion across 40 homes. "
    "A local state of emergency was declared by Mayor Dana Okafor in October. "
    "Alden Water Works indicated it would contest the claims in court."
)
INDEPENDENT = (
    "Residents of Port Alden packed a church hall on Thursday night to hear what comes next. "
    "Many said they still buy bottled water months after the first warnings. "
    "Mara Quist, the attorney general, told reporters the lawsuit seeks $180 million. "
    "One mother said her children had been tested twice since October. "
    "Alden Water Works did not send anyone to the meeting."
)


def test_sentences_split_on_end_punctuation_and_lines() -> None:
    text = "One sentence here. Another one!\nA third line"
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "One sentence here.",
        "Another one!",
        "A third line",
    ]


def test_content_tokens_keep_numbers_and_stems() -> None:
    assert content_tokens("The 1,200 shipments were shipped") == {"1200", "shipme", "shippe"}


def test_alignment_is_in_order() -> None:
    a = [frozenset({"x", "y"}), frozenset({"z", "w"})]
    b = [frozenset({"z", "w"}), frozenset({"x", "y"})]
    assert len(align(a, b, 0.5).pairs) == 1  # the order is crossed: only one pair can stay
    assert len(align(a, a, 0.5).pairs) == 2


ITEMS = [RewriteItem("src", SOURCE), RewriteItem("ai", REWRITE)]


def test_a_reworded_article_is_a_rewrite_of_its_source() -> None:
    (edge,) = RewriteDetector().find(ITEMS, {"src": "e", "ai": "e"})
    assert (edge.article_id, edge.source_id, edge.relation) == ("ai", "src", "rewrite")
    assert edge.score >= 0.35 and len(edge.spans) >= 3


def test_an_independent_report_of_the_same_event_is_not_a_rewrite() -> None:
    items = [RewriteItem("src", SOURCE), RewriteItem("own", INDEPENDENT)]
    assert RewriteDetector().find(items, {"src": "e", "own": "e"}) == []


def test_copies_are_neither_examined_nor_taken_as_sources() -> None:
    assert RewriteDetector().find(ITEMS, {"src": "e", "ai": "e"}, exclude={"src"}) == []


def test_a_rewrite_clustered_apart_is_found_by_its_rare_words() -> None:
    unrelated = [RewriteItem(f"u{i}", f"Filler story {i} about the rain.") for i in range(5)]
    (edge,) = RewriteDetector().find([*unrelated, *ITEMS], {"src": "e1", "ai": "e2"})
    assert (edge.article_id, edge.source_id) == ("ai", "src")


def test_the_later_article_is_the_rewrite() -> None:
    (edge,) = RewriteDetector().find(ITEMS[::-1])
    assert (edge.article_id, edge.source_id) == ("src", "ai")


def _aligned(pairs: int, similarity: float) -> Alignment:
    return Alignment(tuple((i, i) for i in range(pairs)), (similarity,) * pairs, pairs, pairs)


def test_few_matched_sentences_need_a_closer_match_than_many() -> None:
    detector = RewriteDetector()
    assert not detector._is_rewrite(_aligned(1, 0.9))
    assert not detector._is_rewrite(_aligned(2, 0.45)) and detector._is_rewrite(_aligned(2, 0.5))
    assert not detector._is_rewrite(_aligned(4, 0.4)) and detector._is_rewrite(_aligned(3, 0.45))
    assert detector._is_rewrite(_aligned(5, 0.35))


def test_sentences_whose_figures_differ_do_not_match() -> None:
    week1 = content_tokens("New jobless claims fell to 444,000 for the week ended May 15.")
    week2 = content_tokens("New jobless claims fell to 473,000 for the week ended May 8.")
    same = content_tokens("Jobless claims dropped to 444,000 in the week to May 15.")
    assert sentence_similarity(week1, week2) == 0.0
    assert sentence_similarity(week1, same) > 0.5
