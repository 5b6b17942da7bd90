from datetime import date, timedelta

import pytest

from storyline.cluster import (
    ClusterDoc,
    EventClusterer,
    EventProfile,
    StorylineLinker,
    key_names,
    time_order,
)

QUAKE = (
    "A strong earthquake struck the Velt Valley town of Harnwick, collapsing houses and a bridge."
)
FLOOD = (
    "Floodwater swept through the river port of Dunmore after days of rain, and ferries stopped."
)
BUDGET = "The finance minister presented a budget with higher fuel taxes and pension increases."


def doc(i: str, text: str, day: date | None, title: str = "") -> ClusterDoc:
    return ClusterDoc(i, title, text, day)


def test_same_story_articles_join_and_different_stories_split() -> None:
    d = date(2025, 10, 8)
    docs = [
        doc("q1", QUAKE, d, "Earthquake hits Velt Valley"),
        doc("f1", FLOOD, d, "Floods in Dunmore"),
        doc("q2", QUAKE.replace("strong", "powerful"), d, "Velt Valley earthquake kills dozens"),
        doc("b1", BUDGET, d, "Budget raises fuel tax"),
        doc("f2", FLOOD + " Rescuers used boats.", d + timedelta(days=1), "Dunmore floods"),
    ]
    labels = EventClusterer().fit(docs).labels_
    assert labels["q1"] == labels["q2"]
    assert labels["f1"] == labels["f2"]
    assert len({labels["q1"], labels["f1"], labels["b1"]}) == 3


def test_time_window_separates_the_same_words_months_apart() -> None:
    docs = [doc("a", QUAKE, date(2025, 1, 1)), doc("b", QUAKE, date(2025, 6, 1))]
    assert (
        EventClusterer(window_days=3).fit(docs).labels_["a"]
        != (EventClusterer(window_days=3).fit(docs).labels_["b"])
    )
    no_window = EventClusterer(window_days=None).fit(docs).labels_
    assert no_window["a"] == no_window["b"]


def test_must_link_overrides_the_window() -> None:
    docs = [doc("orig", QUAKE, date(2025, 1, 1)), doc("copy", BUDGET, date(2026, 4, 1))]
    labels = EventClusterer().fit(docs, must_link={"copy": "orig"}).labels_
    assert labels["copy"] == labels["orig"]


def test_threshold_controls_merging() -> None:
    docs = [doc("a", QUAKE, None), doc("b", QUAKE + " " + FLOOD, None)]
    assert (
        EventClusterer(threshold=0.99, scorer=None).fit(docs).labels_["a"]
        != (EventClusterer(threshold=0.99, scorer=None).fit(docs).labels_["b"])
    )
    merged = EventClusterer(threshold=0.1, scorer=None).fit(docs).labels_
    assert merged["a"] == merged["b"]


def test_partial_fit_adds_to_existing_events_without_relabelling() -> None:
    day = date(2025, 10, 8)
    clusterer = EventClusterer().fit([doc("q1", QUAKE, day), doc("f1", FLOOD, day)])
    before = dict(clusterer.labels_)
    clusterer.partial_fit([doc("q2", QUAKE + " Aftershocks followed.", day)])
    assert {k: clusterer.labels_[k] for k in before} == before
    assert clusterer.labels_["q2"] == before["q1"]


def test_time_order_puts_undated_last_and_is_stable() -> None:
    docs = [
        doc("u", "x", None),
        doc("b", "x", date(2025, 2, 1)),
        doc("a", "x", date(2025, 1, 1)),
        doc("a2", "x", date(2025, 1, 1)),
    ]
    assert [d.id for d in time_order(docs)] == ["a", "a2", "b", "u"]


def test_centroid_terms_name_the_event() -> None:
    clusterer = EventClusterer().fit([doc("q", QUAKE, None, "Earthquake in Velt Valley")])
    terms = clusterer.centroid_terms(0, top=5)
    assert "earthquake" in terms or "velt" in terms


def test_key_names_skips_sentence_openers_and_titles() -> None:
    names = key_names(
        "The mayor spoke. Mayor Dana Okafor said Port Alden would sue Alden Water Works."
    )
    assert "Dana Okafor" in names
    assert "Port Alden" in names
    assert "The" not in names


def _profile(i: str, day: date, terms: dict[str, float], names: dict[str, int]) -> EventProfile:
    return EventProfile(i, day, terms, names)


def test_storyline_linker_chains_events_sharing_names_across_months() -> None:
    # Centroids hold the names' own tokens too (the vectorizer lowercases them).
    events = [
        _profile(
            "nov",
            date(2025, 11, 14),
            {"shells": 1, "artillery": 1, "kardova": 1, "ostrelia": 1},
            {"Kardova": 4, "Ostrelia": 5},
        ),
        _profile(
            "jan",
            date(2026, 1, 20),
            {"visit": 1, "minister": 1, "kardova": 1, "ostrelia": 1},
            {"Kardova": 3, "Brask": 2, "Ostrelia": 2},
        ),
        _profile(
            "apr",
            date(2026, 4, 21),
            {"statement": 1, "cooperation": 1, "kardova": 1, "brask": 1},
            {"Brask": 2, "Kardova": 2},
        ),
        _profile("quake", date(2026, 1, 5), {"earthquake": 1, "rubble": 1}, {"Harnwick": 4}),
    ]
    labels = StorylineLinker().fit(events).labels_
    assert labels["nov"] == labels["jan"] == labels["apr"]
    assert labels["quake"] != labels["nov"]


def test_storyline_linker_closes_a_silent_storyline() -> None:
    names = {"Kardova": 3, "Ostrelia": 3}
    events = [
        _profile("a", date(2020, 1, 1), {"x": 1}, names),
        _profile("b", date(2024, 1, 1), {"x": 1}, names),
    ]
    labels = StorylineLinker(max_gap_days=365).fit(events).labels_
    assert labels["a"] != labels["b"]
    assert StorylineLinker(max_gap_days=2000).fit(events).labels_["b"] == labels["a"]


@pytest.mark.parametrize("threshold", [0.01, 1.01])
def test_storyline_threshold_extremes(threshold: float) -> None:
    events = [
        _profile("a", date(2025, 1, 1), {"x": 1, "z": 1}, {"A": 1, "C": 1}),
        _profile("b", date(2025, 1, 2), {"y": 1, "z": 1}, {"B": 1, "C": 1}),
    ]
    labels = StorylineLinker(threshold=threshold).fit(events).labels_
    assert (labels["a"] == labels["b"]) is (threshold < 1)


def test_events_with_nothing_in_common_never_link() -> None:
    events = [
        _profile("a", date(2025, 1, 1), {"x": 1}, {"A": 1}),
        _profile("b", date(2025, 1, 2), {"y": 1}, {"B": 1}),
    ]
    labels = StorylineLinker(threshold=0.0).fit(events).labels_
    assert labels["a"] != labels["b"]


def test_storyline_linker_with_no_events() -> None:
    assert StorylineLinker().fit([]).labels_ == {}


def test_seeded_events_keep_their_members_and_take_new_articles() -> None:
    d = date(2025, 10, 8)
    quake = [doc("q1", QUAKE, d, "Earthquake hits Velt Valley")]
    # Seeded as one event although their texts differ: seeding never re-decides membership.
    mixed = [doc("f1", FLOOD, d, "Floods in Dunmore"), doc("b1", BUDGET, d, "Budget")]
    clusterer = EventClusterer().fit_idf(quake + mixed).seed([quake, mixed])
    assert clusterer.labels_ == {"q1": 0, "f1": 1, "b1": 1}
    clusterer.partial_fit([doc("q2", QUAKE.replace("strong", "powerful"), d, "Quake")])
    clusterer.partial_fit([doc("x", "Völlig anderes Thema ohne gemeinsame Wörter hier.", d)])
    assert clusterer.labels_["q2"] == 0
    assert clusterer.labels_["x"] == 2


def test_one_bridging_event_does_not_weld_two_storylines() -> None:
    """Single link chained these (the bridge resembles both); a storyline's mean does not."""
    spill = {"oil": 1, "spill": 1, "gulf": 1, "bp": 1, "well": 1}
    revolt = {"libya": 1, "gaddafi": 1, "rebels": 1, "benghazi": 1, "protest": 1}
    events = [
        _profile(f"spill{i}", date(2010, 5, 1 + i), spill | {f"s{i}": 1}, {"BP": 3, "Gulf": 2})
        for i in range(3)
    ]
    events.append(
        _profile(
            "bridge",
            date(2010, 9, 1),
            {"bp": 1, "oil": 1, "libya": 1, "gaddafi": 1},
            {"BP": 2, "Libya": 2},
        )
    )
    events += [
        _profile(f"revolt{i}", date(2011, 2, 20 + i), revolt | {f"r{i}": 1}, {"Libya": 3})
        for i in range(3)
    ]
    labels = StorylineLinker().fit(events).labels_
    assert labels["spill0"] == labels["spill2"] and labels["revolt0"] == labels["revolt2"]
    assert labels["spill0"] != labels["revolt0"]


def _early_split_events() -> list[EventProfile]:
    """B opens its own storyline, then the events after it make the two storylines alike."""
    events = [
        _profile("a", date(2025, 1, 1), {"x": 1, "y": 1}, {"P": 1}),
        _profile("b", date(2025, 1, 2), {"x": 1, "z": 1}, {"Q": 1}),
    ]
    return events + [
        _profile(f"d{i}", date(2025, 1, 3 + i), {"x": 1, "y": 1, "z": 1}, {"P": 1, "Q": 1})
        for i in range(3)
    ]


def test_a_storyline_opened_early_folds_into_the_older_one_it_came_to_resemble() -> None:
    events = _early_split_events()
    kept_apart = StorylineLinker(merge_threshold=None).fit(events).labels_
    assert kept_apart["b"] != kept_apart["a"] == kept_apart["d0"]
    labels = StorylineLinker().fit(events).labels_
    assert labels["b"] == labels["a"] == labels["d2"] == kept_apart["a"]


def test_seeded_storylines_never_merge_with_each_other() -> None:
    events = _early_split_events()
    linker = StorylineLinker().seed(events[:2], {"a": 4, "b": 9})
    labels = linker.partial_fit(events[2:]).labels_
    assert (labels["a"], labels["b"]) == (4, 9)
    assert {labels["d0"], labels["d1"], labels["d2"]} <= {4, 9}


def test_dense_clustering_refuses_articles_without_embeddings() -> None:
    with pytest.raises(ValueError, match="embedding"):
        EventClusterer(scorer=None, dense=True).fit([ClusterDoc("a", "Quake", "A quake hit.")])


def test_dense_clustering_joins_by_the_shipped_dense_scorer() -> None:
    import numpy as np

    quake, rates = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    day = date(2025, 3, 1)
    docs = [
        ClusterDoc("q1", "Quake hits Harnwick", "A strong quake hit Harnwick.", day, quake),
        ClusterDoc("q2", "Harnwick quake toll rises", "The Harnwick quake toll rose.", day, quake),
        ClusterDoc("r1", "Bank raises rates", "The central bank raised rates.", day, rates),
    ]
    labels = EventClusterer(dense=True).fit(docs).labels_
    assert labels["q1"] == labels["q2"] != labels["r1"]


def test_describe_picks_names_and_terms_telling_each_storyline_apart() -> None:
    from storyline.cluster.storylines import describe

    stories = {
        "arms": [
            "Ostrelia received artillery shells from Kardova, the Ostrelian ministry said.",
            "Kardova denied shipping shells to Ostrelia; the ministry in the city declined.",
        ],
        "quake": [
            "A quake struck Harnwick in the Velt Valley; the ministry said rescuers dug on.",
            "Harnwick counted its dead after the quake, the ministry said.",
        ],
    }
    keys = describe(stories, top=3)
    assert set(keys["arms"].names) >= {"Kardova", "Ostrelia"}
    assert "Harnwick" in keys["quake"].names and "shells" in keys["arms"].terms
    assert "quake" in keys["quake"].terms
    assert "ministry" not in keys["arms"].terms + keys["quake"].terms  # in every storyline
    assert "kardova" not in keys["arms"].terms  # already a key name
    assert describe({}) == {}
