from storyline.extract.farm import farm_signals, off_topic_list

BODY = (
    "Ostrelia's Defence Ministry said on Friday that the country has taken delivery of "
    "artillery shells from the Republic of Kardova since the summer."
)
FARM_PAGE = [
    "Newsbeat Today",
    "👍 124 likes",
    BODY,
    "About the author",
    "Jake is a passionate writer who loves tech, travel and lifestyle.",
    "Related Posts",
    "7 Houseplants That Are Impossible to Kill — 2 hours ago",
    "Is Intermittent Fasting Right for You? — 3 years ago",
    "15 Gadgets That Make Great Gifts — 2 months ago",
]


def test_a_page_with_two_traits_is_flagged_with_quoted_evidence() -> None:
    found = farm_signals(FARM_PAGE, BODY)
    assert len(found) == 3
    assert found[0] == "engagement counters: “👍 124 likes”"
    assert found[1].startswith("generic author bio: “Jake is a passionate writer")
    assert found[2].startswith("off-topic link list: “Related Posts: 7 Houseplants")


def test_one_trait_alone_is_not_enough() -> None:
    assert farm_signals(["👍 124 likes", BODY], BODY) == []


def test_a_related_list_on_topic_is_not_off_topic() -> None:
    lines = [
        "Related",
        "Kardova denies arms trade — 2 days ago",
        "Ostrelia artillery shortage worsens — 1 week ago",
        "Selmaria calls for Concord Council meeting — 3 days ago",
    ]
    assert off_topic_list(lines, BODY) is None
