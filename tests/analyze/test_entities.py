from storyline.analyze.entities import entity_for, storyline_entities
from storyline.model import Mention


def _m(text: str, label: str, article: str = "a") -> Mention:
    return Mention(article, 0, len(text), text, label)


MENTIONS = [
    _m("Secretary of State Antony Blinken", "PERSON"),
    _m("Blinken", "PERSON"),
    _m("Antony Blinken", "PERSON", "b"),
    _m("Bill Clinton", "PERSON"),
    _m("Hillary Clinton", "PERSON"),
    _m("Hillary Clinton", "PERSON", "b"),
    _m("Clinton", "PERSON", "b"),
    _m("the Pentagon", "ORG"),
    _m("Pentagon", "ORG", "b"),
    _m("Kardova", "GPE"),
    _m("Kardova", "GPE", "b"),
    _m("Kardova", "PERSON", "b"),
]


def test_people_gather_their_forms_and_namesakes_stay_apart() -> None:
    entities = {e.name: e for e in storyline_entities("s-1", MENTIONS)}
    blinken = entities["Antony Blinken"]
    assert blinken.type == "PERSON" and blinken.mentions == 3
    assert set(blinken.aliases) == {
        "Secretary of State Antony Blinken",
        "Blinken",
        "Antony Blinken",
    }
    assert entities["Hillary Clinton"].mentions == 3  # the bare surname joins the most mentioned
    assert entities["Bill Clinton"].mentions == 1


def test_other_entities_group_by_text_and_a_one_word_person_folds_into_them() -> None:
    entities = {e.name: e for e in storyline_entities("s-1", MENTIONS)}
    assert entities["the Pentagon"].mentions == 2 or entities["Pentagon"].mentions == 2
    assert entities["Kardova"].type == "GPE" and entities["Kardova"].mentions == 3


def test_ids_are_stable_and_speakers_find_their_entity() -> None:
    first = storyline_entities("s-1", MENTIONS)
    assert [e.id for e in first] == [e.id for e in storyline_entities("s-1", MENTIONS)]
    assert entity_for("Blinken", first).name == "Antony Blinken"  # type: ignore[union-attr]
    # The bare surname is an alias of the most mentioned Clinton, so it resolves there;
    # a surname no alias holds is ambiguous between namesakes.
    assert entity_for("Clinton", first).name == "Hillary Clinton"  # type: ignore[union-attr]
    assert entity_for("Mrs Clinton", first) is None
    assert entity_for("the Pentagon", first) is not None
    assert entity_for(None, first) is None


def test_descriptions_a_speaker_is_given_become_aliases_of_its_entity() -> None:
    from storyline.analyze.entities import with_descriptions
    from storyline.model import Attribution

    mentions = [
        Mention("a", 0, 10, "Oskar Dren", "PERSON"),
        Mention("a", 20, 24, "Dren", "PERSON"),
        Mention("b", 0, 17, "Alden Water Works", "ORG"),
    ]
    said = [
        Attribution("q1", "a", 30, 60, "x", "direct", "Oskar Dren", "the chief spokesman", "said"),
        Attribution("q2", "a", 70, 90, "y", "direct", "Oskar Dren", "he", "said"),
        Attribution("q3", "b", 30, 60, "z", "indirect", "Alden Water Works", "The utility", "said"),
    ]
    found = {e.name: e for e in with_descriptions(storyline_entities("s", mentions), said)}
    assert found["Oskar Dren"].aliases == ("Oskar Dren", "Dren", "the chief spokesman")
    assert found["Alden Water Works"].aliases == ("Alden Water Works", "the utility")
