from storyline.analyze.claims import claim_of, group_claims
from storyline.model import Attribution


def _said(
    aid: str, article: str, text: str, speaker: str, verb: str = "said", kind: str = "indirect"
) -> Attribution:
    return Attribution(aid, article, 0, len(text), text, kind, speaker, speaker, verb)


SHIPPED = "Kardova had shipped more than 10,000 containers of munitions to Ostrelia since August"
ALSO = "Kardova has sent over 10,000 containers of munitions to Ostrelia since August"
DENIAL = "Kardova has not shipped 10,000 containers of munitions to Ostrelia"


def test_polarity_hedging_and_numbers() -> None:
    claim = claim_of(_said("q1", "a", SHIPPED, "Rhea Mallin"))
    assert claim.polarity == "asserts" and not claim.hedged
    assert "more than 10,000 containers" in claim.numbers
    denied = claim_of(_said("q2", "b", "the report was a fabrication", "Lidia Brenn", "denied"))
    assert denied.polarity == "denies"
    hedged = claim_of(_said("q3", "c", "the shells may have come by sea", "analysts"))
    assert hedged.hedged


def test_a_denial_makes_a_group_disputed_with_both_sides() -> None:
    claims = [
        claim_of(_said("q1", "a", SHIPPED, "Rhea Mallin")),
        claim_of(_said("q2", "b", DENIAL, "Kardovan Foreign Ministry")),
    ]
    (group,) = group_claims("s-1", claims, {})
    assert group.status == "disputed"
    assert group.asserted_by == ("Rhea Mallin",) and group.denied_by == (
        "Kardovan Foreign Ministry",
    )


def test_a_wire_copy_is_no_second_source_but_an_independent_report_is() -> None:
    original = claim_of(_said("q1", "wire", SHIPPED, "Rhea Mallin"))
    copy = claim_of(_said("q2", "copy", SHIPPED, "Rhea Mallin"))
    (group,) = group_claims("s-1", [original, copy], {"copy": "wire"})
    assert (group.status, group.independent_sources) == ("single_source", 1)
    other = claim_of(_said("q3", "own", ALSO, "Selmarian officials"))
    (group,) = group_claims("s-1", [original, copy, other], {"copy": "wire"})
    assert (group.status, group.independent_sources) == ("corroborated", 2)


def test_unrelated_claims_stay_apart() -> None:
    claims = [
        claim_of(_said("q1", "a", SHIPPED, "Rhea Mallin")),
        claim_of(_said("q2", "b", "the stadium will open in August 2028 with a cup final", "club")),
    ]
    assert len(group_claims("s-1", claims, {})) == 2


def test_rejections_deny_and_a_plain_negation_asserts_unless_it_negates_a_claim() -> None:
    fabrication = claim_of(_said("q1", "a", "the allegation was a baseless fabrication", "FM"))
    assert fabrication.polarity == "denies"
    visit = claim_of(_said("q2", "a", "it is not a tourism visit by any measure", "analyst"))
    assert visit.polarity == "asserts" and visit.negated
    (alone,) = group_claims("s-1", [visit], {})
    assert alone.status == "single_source" and not alone.denial_ids
    shipped = claim_of(_said("q3", "b", SHIPPED, "Rhea Mallin"))
    denial = claim_of(_said("q4", "c", DENIAL, "Kardovan Foreign Ministry"))
    (group,) = group_claims("s-1", [shipped, denial], {})
    assert group.denial_ids == (denial.id,)


def test_a_quote_nested_in_reported_speech_is_one_claim_group() -> None:
    reported = _said("q1", "a", "the figure was “invented” by officials in Corvane", "Brenn")
    quoted = _said("q2", "a", "invented", "Brenn", kind="direct")
    groups = group_claims("s-1", [claim_of(reported), claim_of(quoted)], {})
    assert len(groups) == 1


def test_a_lone_denial_joins_the_claim_of_the_speaker_it_names() -> None:
    claims = [
        claim_of(_said("q1", "a", SHIPPED, "Rhea Mallin")),
        claim_of(_said("q2", "b", "the allegation made by Mallin was a fabrication", "FM")),
    ]
    (group,) = group_claims("s-1", claims, {})
    assert group.status == "disputed" and group.denied_by == ("FM",)


def test_the_article_states_figures_outside_its_quotes() -> None:
    from storyline.analyze.claims import statements

    text = (
        "Fifty-eight children under 6 have tested above the threshold, or 58 in all. "
        "“We have 58 young kids with lead in their blood,” Okafor said. The city is old."
    )
    quote = _said("q1", "a", "We have 58 young kids with lead in their blood,", "Dana Okafor")
    quote = Attribution(
        quote.id, "a", 79, 128, quote.text, "direct", "Dana Okafor", "Okafor", "said"
    )
    (own,) = statements("a", text, [quote])
    assert own.speaker is None and own.text.startswith("Fifty-eight children")
    assert any("58" in n for n in own.numbers)
