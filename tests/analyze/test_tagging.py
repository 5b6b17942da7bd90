from storyline.analyze.quotes import direct_quotes
from storyline.analyze.tagging import propagate, segments, uncovered
from storyline.model import Mention

TEXT = (
    "Kardova shipped shells to Ostrelia. The port was busy. Ships came in.\n"
    "Analysts were surprised. Oskar Dren spoke at noon. “The deliveries are lawful,” he said.\n"
    "Later, Dren went home. Port officials in Dunmar counted ships. Dunmar is north of Brask."
)


def test_segments_are_the_lead_and_the_sentences_around_speakers() -> None:
    spans = segments(TEXT, direct_quotes(TEXT))
    tagged = [TEXT[a:b] for a, b in spans]
    assert tagged[0].startswith("Kardova shipped") and tagged[0].endswith("Ships came in.")
    assert tagged[1] == "Oskar Dren spoke at noon. “The deliveries are lawful,” he said."
    assert len(spans) == 2  # nothing after the attribution


def test_names_found_once_are_propagated_with_their_label_and_surnames() -> None:
    spans = segments(TEXT, direct_quotes(TEXT))
    start = TEXT.index("Oskar Dren")
    tagged = [Mention("a", start, start + 10, "Oskar Dren", "PERSON")]
    found = propagate("a", TEXT, tagged, spans)
    later = TEXT.index("Dren went")
    assert Mention("a", later, later + 4, "Dren", "PERSON") in found
    assert len(found) == 2


def test_the_second_pass_tags_sentences_with_a_repeated_unseen_name() -> None:
    spans = segments(TEXT, direct_quotes(TEXT))
    # "Dren" is used twice past a sentence's first word, "Dunmar" once: only Dren's
    # untagged sentence goes to the second pass, and none once his name is known.
    assert [TEXT[a:b] for a, b in uncovered(TEXT, spans, [])] == ["Later, Dren went home. "]
    start = TEXT.index("Oskar Dren")
    known = propagate("a", TEXT, [Mention("a", start, start + 10, "Oskar Dren", "PERSON")], spans)
    assert uncovered(TEXT, spans, known) == []
