from storyline.analyze import attributed_quotes
from storyline.analyze.quotes import direct_quotes
from storyline.analyze.speakers import SpeakerResolver, name_of

TEXT = (
    "Maj. Gen. Oskar Dren, the ministry’s chief spokesman, told a news conference in Brask "
    "that the shells had arrived by sea.\n"
    "“These deliveries are lawful, they are defensive, and they are ours,” Dren said. He "
    "declined to say more. “I will not discuss quantities,” he said when pressed.\n"
    "A Selmarian Foreign Ministry spokesman said on Friday that the admission “confirms what "
    "we have been saying for months” and called for the Concord Council to meet soon.\n"
    "“We were told nothing at all,” said Hannah Leary, 54, standing outside her farmhouse. "
    "“Then the roof started to come in.”\n"
    "Asked about fuel, the chief spokesman said: “The terms are commercial and confidential.”\n"
    "“This part of a long quote runs on\n"
    "“and ends in the next paragraph,” said Rurik Olm.\n"
    "The word “lawful” is a scare quote."
)


def _by_text() -> dict[str, tuple[str | None, str | None]]:
    return {a.quote.text[:20]: (a.quote.speaker, a.speaker) for a in attributed_quotes(TEXT)}


def test_direct_quotes_and_their_speakers_as_written_and_resolved() -> None:
    found = _by_text()
    assert found["These deliveries are"] == ("Dren", "Oskar Dren")
    assert found["I will not discuss q"] == ("he", "Oskar Dren")
    assert found["confirms what we hav"] == (
        "A Selmarian Foreign Ministry spokesman",
        "Selmarian Foreign Ministry spokesman",
    )
    assert found["We were told nothing"] == ("Hannah Leary", "Hannah Leary")


def test_a_quote_run_keeps_its_speaker_and_descriptions_resolve_by_apposition() -> None:
    found = _by_text()
    assert found["Then the roof starte"][1] == "Hannah Leary"
    assert found["The terms are commer"] == ("the chief spokesman", "Oskar Dren")


def test_multi_paragraph_quotes_are_one_and_short_scare_quotes_are_none() -> None:
    quotes = direct_quotes(TEXT)
    run = next(q for q in quotes if q.text.startswith("This part"))
    assert run.text.endswith("next paragraph,") and "\n" in run.text
    assert run.speaker == "Rurik Olm"
    assert not any(q.text == "lawful" for q in quotes)
    assert all(TEXT[q.start : q.end] == q.text for q in quotes)


def test_name_of_drops_titles_and_ranks() -> None:
    assert name_of("Maj. Gen. Oskar Dren") == "Oskar Dren"
    assert name_of("Kardovan Foreign Minister Ilse Varnow") == "Ilse Varnow"
    assert name_of("he") is None


def test_a_pronoun_without_any_earlier_person_stays_as_written() -> None:
    assert SpeakerResolver("“Nothing to add,” he said.").resolve("he", 17) == "he"


def test_reported_speech_with_its_speaker_and_mixed_quotes() -> None:
    from storyline.analyze.quotes import reported_speech

    found = {q.text[:25]: q for q in reported_speech(TEXT)}
    told = found["the shells had arrived by"]
    assert (told.kind, told.verb) == ("indirect", "told")
    assert told.speaker is not None and told.speaker.endswith("Oskar Dren")
    mixed = found["the admission “confirms w"]
    assert mixed.speaker == "A Selmarian Foreign Ministry spokesman"


def test_a_clause_that_is_a_direct_quote_is_not_listed_twice() -> None:
    from storyline.analyze.quotes import reported_speech

    text = "The minister said: “We will build the new bridge by the end of next year.”"
    assert reported_speech(text) == []
    assert [q.kind for q in direct_quotes(text)] == ["direct"]
