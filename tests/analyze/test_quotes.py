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


def _speakers(text: str, persons: set[str] | None = None, bodies: tuple[str, ...] = ()) -> dict:
    found = attributed_quotes(text, persons, bodies)
    return {a.quote.text[:20]: (a.quote.speaker, a.speaker) for a in found}


def test_party_labels_appositions_and_places_between_speaker_and_verb() -> None:
    found = _speakers(
        "“It is a dog whistle to all Americans,” Rep. Gwen Moore (D-Wis.) said Friday.\n"
        "“He is absolutely right about the generals,” Flynn, a top Trump surrogate, said.\n"
        "“It was the least bad outcome,” Mr. Morgan of the Sierra Club said.\n"
        "“Lumen did not stumble into this,” the board’s lead counsel, Deborah Nwosu, told "
        "the tribunal."
    )
    assert found["It is a dog whistle "] == ("Rep. Gwen Moore", "Gwen Moore")
    assert found["He is absolutely rig"][0] == "Flynn"
    assert found["It was the least bad"][1] == "Morgan"
    assert found["Lumen did not stumbl"] == ("Deborah Nwosu", "Deborah Nwosu")


def test_inverted_roles_dash_signatures_and_no_weekday_speakers() -> None:
    found = _speakers(
        "“You could hear the horn from the top,” said harbourmaster Dougal Reid.\n"
        "“We will achieve justice in this case,” Chief Chuck Jordan said Monday. “I want to "
        "assure our community tonight.”\n"
        "“Maybe we can build a wall around him.” ― Steve Quinlan"
    )
    assert found["You could hear the h"][1] == "Dougal Reid"
    assert found["I want to assure our"][1] == "Chuck Jordan"  # not "Monday"
    assert found["Maybe we can build a"] == ("Steve Quinlan", "Steve Quinlan")


def test_reported_speech_closed_by_its_attribution() -> None:
    from storyline.analyze.quotes import reported_speech

    found = reported_speech(
        "At least 1,100 buildings were damaged in the town, Ilves said. "
        "Two more children have tested positive for measles, provincial health officials "
        "said on Friday."
    )
    assert [(q.text, q.speaker) for q in found] == [
        ("At least 1,100 buildings were damaged in the town", "Ilves"),
        ("Two more children have tested positive for measles", "provincial health officials"),
    ]


def test_a_pronoun_is_the_subject_of_the_sentence_before() -> None:
    found = _speakers(
        "Councilor Marco Delacroix voted yes.\n"
        "Councilor Ines Barrow, whose ward includes Fenwick, voted no. “If this stadium is "
        "such a good deal, the club could borrow,” she said.",
        persons={"Marco Delacroix"},  # the recogniser missed Ines Barrow: her title tells
    )
    assert found["If this stadium is s"][1] == "Ines Barrow"


def test_descriptions_of_bodies_resolve_to_the_organisation() -> None:
    text = (
        "Lumen Systems faces a fine, according to the Association of General Insurers.\n"
        "The association said on Monday that the levy was “unfair to policyholders everywhere”.\n"
        "The company said it “will contest these claims vigorously” in court."
    )
    bodies = ("Lumen Systems", "Association of General Insurers", "Lumen Systems")
    found = _speakers(text, set(), bodies)
    assert found["unfair to policyhold"][1] == "Association of General Insurers"
    assert found["will contest these c"][1] == "Lumen Systems"


def test_name_of_prefers_the_name_closing_a_mention() -> None:
    assert name_of("Alden Water Works spokesman Gregory Tann") == "Gregory Tann"


def test_nominal_attributions_role_chains_and_abbreviations() -> None:
    found = _speakers(
        "Politifact seized on Trump’s claim that there have been “thousands of shootings” "
        "in Chicago this year.\n"
        "“People see pictures of the landslide,” said board chair Fiona Lusk.\n"
        "Benjamin J. Rhodes, an aide, recalled Mr. Obama saying “we have to act on this”."
    )
    assert found["thousands of shootin"][0] == "Trump"
    assert found["People see pictures "][1] == "Fiona Lusk"
    assert found["we have to act on th"][1] == "Benjamin J. Rhodes"


def test_a_speaker_the_recogniser_calls_an_organisation_is_still_a_person() -> None:
    text = (
        "Health Minister Oren Blake said buses would keep running.\n"
        "At Brennock Primary School, principal Shauna Doyle said attendance had returned to "
        "normal. “We had weeks where a third of the classrooms were empty,” she said."
    )
    found = _speakers(text, {"Oren Blake"}, ("Shauna Doyle", "Brennock Primary School"))
    assert found["We had weeks where a"][1] == "Shauna Doyle"
