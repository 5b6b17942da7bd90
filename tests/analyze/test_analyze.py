from storyline.analyze import CHUNK, analyze

TEXTS = [
    "The Defence Ministry said on Friday that the shells had arrived by sea. “These "
    "deliveries are lawful,” Oskar Dren told reporters in Brask. Selmaria called the "
    "deliveries a violation. Reporters asked Dren about quantities, and Dren declined.",
    "Councilor Ines Barrow voted no. “The club could borrow the money itself,” she said. "
    "Mayor Greta Lindholm said the deal was fair to Harbor City.",
]


def test_analysis_finds_speakers_and_entities_through_the_whole_text() -> None:
    first, second = analyze([("a", TEXTS[0]), ("b", TEXTS[1])])
    assert {q.speaker for q in first.attributions} >= {"Oskar Dren", "Defence Ministry"}
    # the fourth sentence is not tagged: its "Dren"s are found from "Oskar Dren"
    later = [m for m in first.mentions if m.start > TEXTS[0].index("Reporters")]
    assert [(m.text, m.label) for m in later] == [("Dren", "PERSON"), ("Dren", "PERSON")]
    assert {(q.speaker, q.kind) for q in second.attributions} >= {
        ("Ines Barrow", "direct"),
        ("Greta Lindholm", "indirect"),
    }


def test_several_processes_give_the_same_results_in_order() -> None:
    items = [(f"{i}", TEXTS[i % 2]) for i in range(2 * CHUNK + 3)]
    alone = list(analyze(items))
    assert list(analyze(items, n_jobs=2)) == alone
    assert [a.article_id for a in alone] == [i for i, _ in items]
