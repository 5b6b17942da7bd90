from datetime import date

from storyline.compose import Source, summarize

FIRST = (
    "Kardova delivered a new consignment of artillery shells to the port of Dunmar on Friday, "
    "the Ostrelian defence ministry said. The shipment arrived on two cargo ships from Sarn. "
    "He declined to say how many shells were on board. “It was lawful,” a spokesman said."
)
SECOND = (
    "A new consignment of artillery shells from Kardova reached the port of Dunmar on Friday, "
    "officials said. Selmaria condemned the delivery of artillery shells as a threat to the "
    "region. But the ministry gave no figures."
)
THIRD = (
    "Selmaria on Saturday condemned the delivery of artillery shells from Kardova as a threat "
    "to the region and called for talks at the Concord Council in Corvane next week."
)


def _docs() -> list[Source]:
    return [
        Source("a", FIRST, date(2025, 11, 14)),
        Source("b", SECOND, date(2025, 11, 14)),
        Source("c", THIRD, date(2025, 11, 15)),
    ]


def test_sentences_that_several_sources_state_are_chosen_and_cite_them_all() -> None:
    summary = summarize(_docs(), max_words=40)
    assert summary
    first = summary[0]
    assert "artillery shells" in first.text and "Dunmar" in first.text
    assert set(first.article_ids) == {"a", "b"}  # both state it; the origin comes first
    assert all(s.text in " ".join(d.text for d in _docs()) for s in summary)


def test_fragments_pronoun_openers_and_questions_are_never_chosen() -> None:
    texts = [s.text for s in summarize(_docs(), max_words=200)]
    assert not any(t.startswith(("He ", "But ", "“")) for t in texts)


def test_a_copy_counts_as_one_source_with_its_original() -> None:
    from storyline.compose import summary

    wire = "Kardova delivered artillery shells to the port of Dunmar on Friday morning."
    other = "Selmaria condemned the shell deliveries at the Concord Council in Corvane."

    def weight(docs: list[Source]) -> float:
        candidates = [s for i, d in enumerate(docs) for s in summary._sentences_of(i, d.text)]
        return summary._concept_weights(docs, candidates)[("artillery", "shell")]

    copy = [Source("b", other), Source("a", wire), Source("copy", wire, source="a")]
    independent = [Source("b", other), Source("a", wire), Source("copy", wire)]
    assert weight(independent) == 2 * weight(copy)
    cited = summarize(copy, max_words=30)
    assert any(s.article_ids[:2] == ("a", "copy") for s in cited)  # the copy still supports it


def test_the_budget_is_kept_and_sentences_follow_their_dates() -> None:
    summary = summarize(_docs(), max_words=25)
    assert len(summary) == 1 or sum(len(s.text.split()) for s in summary[:-1]) < 25
    assert summarize([], max_words=50) == []
    both = summarize(_docs(), max_words=80)
    days = {"a": 14, "b": 14, "c": 15}
    order = [days[s.article_ids[0]] for s in both]
    assert order == sorted(order)
